/* ecert-cli-connection.c: the hub connection options of `ecert`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command that talks to a hub takes the same options, and falls
 * back to the connection set up in the app for what they leave out.
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-cli-connection.h"

/* The application's settings: a connection set up in the app is the one
 * the commands use when no option says otherwise. */
#define SETTINGS_SCHEMA "io.github.ecert.Inspector"

/* Settings of the app, read only when its schema is installed: the CLI
 * runs on machines without the app too. */
static char *
read_setting (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *value = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;

  settings = g_settings_new_full (schema, NULL, NULL);
  value = g_settings_get_string (settings, key);
  if (value == NULL || *value == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

/* The passphrase the app remembered for its PKCS#12 file, if any: a
 * keyring that cannot be reached is no reason to stop before trying. */
static EcertPassphrase *
remembered_passphrase (const char *hub,
                       const char *p12)
{
  g_autoptr(GError) error = NULL;
  EcertPassphrase *passphrase = ecert_keyring_lookup_passphrase (hub, p12, NULL, &error);

  if (error != NULL)
    g_debug ("%s", error->message);
  return passphrase;
}

static gboolean
set_up_client (EcertHubClient *client,
               const char     *p12,
               const char     *passphrase_file,
               gboolean        from_keyring,
               const char     *cert,
               const char     *key,
               const char     *ca,
               GError        **error)
{
  if (p12 != NULL && from_keyring)
    {
      g_autoptr(EcertPassphrase) passphrase =
        remembered_passphrase (ecert_hub_client_get_address (client), p12);

      if (!ecert_hub_client_set_pkcs12_file (client, p12, passphrase, error))
        return FALSE;
    }
  else if (p12 != NULL)
    {
      g_autofree char *passphrase = NULL;

      if (passphrase_file != NULL)
        {
          if (!g_file_get_contents (passphrase_file, &passphrase, NULL, error))
            return FALSE;
          g_strchomp (passphrase);
        }
      if (!ecert_hub_client_set_pkcs12_file (client, p12, passphrase, error))
        return FALSE;
    }
  else if (!ecert_hub_client_set_certificate_files (client, cert, key, error))
    return FALSE;

  return ca == NULL || ecert_hub_client_set_ca_file (client, ca, error);
}

/**
 * ecert_cli_connection_add_options:
 *
 * Adds --hub, --p12, --passphrase-file, --cert, --key, --ca and --deadline to
 * @context, filling @connection.
 */
void
ecert_cli_connection_add_options (EcertCliConnection *connection,
                                  GOptionContext     *context)
{
  const GOptionEntry entries[] = {
    { "hub", 0, 0, G_OPTION_ARG_STRING, &connection->hub,
      N_("The hub’s address (default: the app’s setting)"), N_("URL") },
    { "p12", 0, 0, G_OPTION_ARG_FILENAME, &connection->p12,
      N_("The client certificate and key as PKCS#12"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &connection->passphrase_file,
      N_("Read the PKCS#12 passphrase from FILE"), N_("FILE") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &connection->cert,
      N_("The client certificate, PEM (default: the app’s setting)"), N_("FILE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &connection->key,
      N_("The client certificate’s private key, PEM (default: the app’s setting)"), N_("FILE") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &connection->ca,
      N_("Trust the hub’s certificate when issued by the authority in FILE"), N_("FILE") },
    { "deadline", 0, 0, G_OPTION_ARG_INT, &connection->deadline,
      N_("Give up an exchange with the hub that takes longer than SECONDS in all "
         "(default: 120)"), N_("SECONDS") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

void
ecert_cli_connection_clear (EcertCliConnection *connection)
{
  g_clear_pointer (&connection->hub, g_free);
  g_clear_pointer (&connection->p12, g_free);
  g_clear_pointer (&connection->passphrase_file, g_free);
  g_clear_pointer (&connection->cert, g_free);
  g_clear_pointer (&connection->key, g_free);
  g_clear_pointer (&connection->ca, g_free);
}

/**
 * ecert_cli_connection_open:
 *
 * Returns: (transfer full): a client for the hub the options or the app's
 *   settings name, or %NULL with @error set (%ECERT_ERROR_INVALID_ARGUMENT
 *   when no hub or identity is given)
 */
EcertHubClient *
ecert_cli_connection_open (EcertCliConnection  *connection,
                           GError             **error)
{
  g_autoptr(EcertHubClient) client = NULL;
  gboolean from_keyring = FALSE;

  if (connection->hub == NULL)
    connection->hub = read_setting ("hub-address");
  /* The app's identity: a PKCS#12 file, whose passphrase it may have
   * remembered in the keyring, or PEM files. */
  if (connection->p12 == NULL && connection->cert == NULL && connection->key == NULL)
    {
      connection->p12 = read_setting ("client-pkcs12");
      from_keyring = connection->p12 != NULL && connection->passphrase_file == NULL;
      if (connection->p12 == NULL)
        {
          connection->cert = read_setting ("client-certificate");
          connection->key = read_setting ("client-key");
        }
    }
  if (connection->hub == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("name the hub with --hub URL"));
      return NULL;
    }
  if (connection->p12 == NULL && (connection->cert == NULL || connection->key == NULL))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("give a client certificate with --p12 FILE or with --cert FILE "
                     "and --key FILE"));
      return NULL;
    }

  if (connection->deadline < 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("--deadline takes a number of seconds"));
      return NULL;
    }

  client = ecert_hub_client_new (connection->hub, error);
  if (client != NULL && connection->deadline > 0)
    ecert_hub_client_set_deadline (client, (guint) connection->deadline);
  if (client == NULL ||
      !set_up_client (client, connection->p12, connection->passphrase_file, from_keyring,
                      connection->cert, connection->key, connection->ca, error))
    return NULL;

  return g_steal_pointer (&client);
}
