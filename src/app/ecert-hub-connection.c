/* ecert-hub-connection.c: the hub client the settings describe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session (ecert-session.c) builds every client here, for Preferences'
 * Connect button, a fetch and the outbox, so that a connection that works
 * in Preferences is the one a fetch uses: the hub's address, the authority
 * its server certificate must chain to, and this desk's identity, a PKCS#12
 * file or PEM files.
 *
 * The passphrase of a PKCS#12 file comes from where the user left it: typed
 * in Preferences, kept in memory by the session (ecert-session.c) after a
 * successful Connect, or remembered in the keyring when the user asked for
 * that. It is never written to the settings.
 */

#define G_LOG_DOMAIN "ecert-hub-connection"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-error.h"
#include "ecert-hub-connection.h"
#include "ecert-keyring.h"

typedef struct
{
  char *address;
  char *certificate;
  char *key;
  char *pkcs12;
  char *ca;
} Connection;

static void
connection_free (Connection *connection)
{
  g_free (connection->address);
  g_free (connection->certificate);
  g_free (connection->key);
  g_free (connection->pkcs12);
  g_free (connection->ca);
  g_free (connection);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Connection, connection_free)

static Connection *
connection_from_settings (GSettings *settings)
{
  Connection *connection = g_new0 (Connection, 1);

  connection->address = g_settings_get_string (settings, "hub-address");
  connection->certificate = g_settings_get_string (settings, "client-certificate");
  connection->key = g_settings_get_string (settings, "client-key");
  connection->pkcs12 = g_settings_get_string (settings, "client-pkcs12");
  connection->ca = g_settings_get_string (settings, "server-ca");
  return connection;
}

static EcertHubClient *
build_client (Connection  *connection,
              const char  *passphrase,
              GError     **error)
{
  g_autoptr(EcertHubClient) client = NULL;

  if (connection->address[0] == '\0')
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS,
                           _("Set up the hub connection first"));
      return NULL;
    }

  client = ecert_hub_client_new (connection->address, error);
  if (client == NULL)
    return NULL;

  /* A PKCS#12 file, when chosen, is the identity; the PEM files are what
   * was chosen before it. */
  if (connection->pkcs12[0] != '\0')
    {
      if (!ecert_hub_client_set_pkcs12_file (client, connection->pkcs12, passphrase, error))
        return NULL;
    }
  else if (connection->certificate[0] != '\0' &&
           !ecert_hub_client_set_certificate_files (client, connection->certificate,
                                                    connection->key[0] != '\0'
                                                    ? connection->key : NULL,
                                                    error))
    return NULL;

  if (connection->ca[0] != '\0' && !ecert_hub_client_set_ca_file (client, connection->ca, error))
    return NULL;

  return g_steal_pointer (&client);
}

/* Fails with @keyring_error, when given, rather than with what the file
 * says: without the keyring, the file's own complaint would miss the
 * point. */
static void
return_client (GTask        *task,
               const char   *passphrase,
               const GError *keyring_error)
{
  Connection *connection = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  EcertHubClient *client = build_client (connection, passphrase, &error);

  if (client != NULL)
    g_task_return_pointer (task, client, g_object_unref);
  else if (keyring_error != NULL)
    g_task_return_error (task, g_error_copy (keyring_error));
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
passphrase_found_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(EcertPassphrase) passphrase = NULL;

  passphrase = ecert_keyring_lookup_passphrase_finish (result, &keyring_error);
  if (g_error_matches (keyring_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&keyring_error));
  else
    return_client (task, passphrase, keyring_error);
}

/**
 * ecert_hub_connection_new_client_async:
 * @source_object: (nullable): the object the result is for, as in
 *   g_task_new()
 * @settings: the application's settings
 * @passphrase: (nullable): the passphrase of the PKCS#12 file, as typed
 *   or kept by the session; %NULL for the one remembered in the keyring
 *
 * Builds the client the settings describe. Looking the passphrase up may
 * wait for the keyring, which may ask the user to unlock it.
 */
void
ecert_hub_connection_new_client_async (gpointer             source_object,
                                       GSettings           *settings,
                                       const char          *passphrase,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Connection *connection;

  g_return_if_fail (G_IS_SETTINGS (settings));

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_hub_connection_new_client_async);
  connection = connection_from_settings (settings);
  g_task_set_task_data (task, connection, (GDestroyNotify) connection_free);

  if (passphrase == NULL && connection->pkcs12[0] != '\0' && connection->address[0] != '\0')
    {
      ecert_keyring_lookup_passphrase_async (connection->address, connection->pkcs12,
                                             cancellable, passphrase_found_cb,
                                             g_steal_pointer (&task));
      return;
    }

  return_client (task, passphrase, NULL);
}

/**
 * ecert_hub_connection_new_client_finish:
 *
 * Returns: (transfer full): the client, or %NULL with @error set:
 *   %ECERT_ERROR_INVALID_ADDRESS when no hub is set up, or the client's own
 *   errors about the address and the certificate files, in plain words
 */
EcertHubClient *
ecert_hub_connection_new_client_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ecert_hub_connection_new_client_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
