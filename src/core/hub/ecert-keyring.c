/* ecert-keyring.c: the passphrase of a desk's PKCS#12 file and the password
 * of its mailbox, in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A secret is kept only where the user asked for it to be: in the
 * session's keyring (the Secret Service: GNOME Keyring, KWallet, or the
 * secret portal in a sandbox), never in a file or in the settings. A
 * passphrase is found again by the hub it opens and the file it unlocks; a
 * mail password by the server and the user it signs in. The app and
 * `ecert sync` both read them, hence here, in core; libsecret needs GLib
 * only.
 */

#define G_LOG_DOMAIN "ecert-keyring"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "ecert-error.h"
#include "ecert-keyring.h"

#define ATTRIBUTE_ADDRESS "hub-address"
#define ATTRIBUTE_FILE "pkcs12-file"
#define ATTRIBUTE_HOST "host"
#define ATTRIBUTE_USER "user"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.ecert.Inspector.Passphrase", SECRET_SCHEMA_NONE,
    {
      { ATTRIBUTE_ADDRESS, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTRIBUTE_FILE, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static const SecretSchema *
get_mail_schema (void)
{
  static const SecretSchema schema = {
    "io.github.ecert.Inspector.MailPassword", SECRET_SCHEMA_NONE,
    {
      { ATTRIBUTE_HOST, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTRIBUTE_USER, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* Each kind of secret is found by the two attributes of its schema. */
static void
lookup_async (const SecretSchema  *schema,
              const char          *first,
              const char          *second,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  secret_password_lookup (schema, cancellable, callback, user_data,
                          schema->attributes[0].name, first,
                          schema->attributes[1].name, second,
                          NULL);
}

static void
store_async (const SecretSchema  *schema,
             const char          *label,
             const char          *secret,
             const char          *first,
             const char          *second,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  secret_password_store (schema, SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, callback, user_data,
                         schema->attributes[0].name, first,
                         schema->attributes[1].name, second,
                         NULL);
}

/* libsecret speaks of D-Bus; the user needs to know it was the keyring. */
static gboolean
keyring_failed (GError  *local_error,
                GError **error)
{
  if (local_error == NULL)
    return FALSE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, local_error);
  else
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_FAILED, _("The keyring cannot be used: %s"),
                   local_error->message);
      g_error_free (local_error);
    }
  return TRUE;
}

/**
 * ecert_keyring_lookup_passphrase_async:
 * @hub_address: the hub the passphrase was remembered for
 * @pkcs12_file: the file it unlocks
 */
void
ecert_keyring_lookup_passphrase_async (const char          *hub_address,
                                       const char          *pkcs12_file,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (hub_address != NULL && pkcs12_file != NULL);

  lookup_async (get_schema (), hub_address, pkcs12_file, cancellable, callback, user_data);
}

/**
 * ecert_keyring_lookup_passphrase_finish:
 *
 * Returns: (transfer full) (nullable): the passphrase, to be freed with
 *   ecert_keyring_passphrase_free(); %NULL with no error when none is
 *   remembered
 */
EcertPassphrase *
ecert_keyring_lookup_passphrase_finish (GAsyncResult  *result,
                                        GError       **error)
{
  GError *local_error = NULL;
  char *passphrase = secret_password_lookup_finish (result, &local_error);

  if (keyring_failed (local_error, error))
    return NULL;
  return passphrase;
}

/**
 * ecert_keyring_lookup_mail_password_async:
 * @host: the mail server the password was remembered for
 * @user: the user it signs in
 */
void
ecert_keyring_lookup_mail_password_async (const char          *host,
                                          const char          *user,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (host != NULL && user != NULL);

  lookup_async (get_mail_schema (), host, user, cancellable, callback, user_data);
}

/**
 * ecert_keyring_lookup_mail_password_finish:
 *
 * Returns: (transfer full) (nullable): the password, to be freed with
 *   ecert_keyring_passphrase_free(); %NULL with no error when none is
 *   remembered
 */
EcertPassphrase *
ecert_keyring_lookup_mail_password_finish (GAsyncResult  *result,
                                           GError       **error)
{
  return ecert_keyring_lookup_passphrase_finish (result, error);
}

/**
 * ecert_keyring_lookup_passphrase:
 *
 * Like ecert_keyring_lookup_passphrase_async(), waiting for the keyring:
 * for the command line only.
 */
EcertPassphrase *
ecert_keyring_lookup_passphrase (const char    *hub_address,
                                 const char    *pkcs12_file,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  GError *local_error = NULL;
  char *passphrase;

  g_return_val_if_fail (hub_address != NULL && pkcs12_file != NULL, NULL);

  passphrase = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                            ATTRIBUTE_ADDRESS, hub_address,
                                            ATTRIBUTE_FILE, pkcs12_file,
                                            NULL);
  if (keyring_failed (local_error, error))
    return NULL;
  return passphrase;
}

/**
 * ecert_keyring_store_passphrase_async:
 *
 * Remembers @passphrase in the default keyring, replacing what was
 * remembered for the same hub and file.
 */
void
ecert_keyring_store_passphrase_async (const char          *hub_address,
                                      const char          *pkcs12_file,
                                      const char          *passphrase,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *basename = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (hub_address != NULL && pkcs12_file != NULL && passphrase != NULL);

  basename = g_path_get_basename (pkcs12_file);
  /* Translators: the label of the passphrase in the keyring (Passwords and Keys) */
  label = g_strdup_printf (_("E-Cert Inspector: passphrase of %s for %s"), basename, hub_address);
  store_async (get_schema (), label, passphrase, hub_address, pkcs12_file, cancellable, callback,
               user_data);
}

gboolean
ecert_keyring_store_passphrase_finish (GAsyncResult  *result,
                                       GError       **error)
{
  GError *local_error = NULL;

  secret_password_store_finish (result, &local_error);
  return !keyring_failed (local_error, error);
}

/**
 * ecert_keyring_store_mail_password_async:
 *
 * Remembers @password in the default keyring, replacing what was
 * remembered for the same server and user.
 */
void
ecert_keyring_store_mail_password_async (const char          *host,
                                         const char          *user,
                                         const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *label = NULL;

  g_return_if_fail (host != NULL && user != NULL && password != NULL);

  /* Translators: the label of the mail password in the keyring (Passwords and Keys) */
  label = g_strdup_printf (_("E-Cert Inspector: mail password of %s on %s"), user, host);
  store_async (get_mail_schema (), label, password, host, user, cancellable, callback, user_data);
}

gboolean
ecert_keyring_store_mail_password_finish (GAsyncResult  *result,
                                          GError       **error)
{
  return ecert_keyring_store_passphrase_finish (result, error);
}

/**
 * ecert_keyring_forget_passphrase_async:
 * @pkcs12_file: the file whose passphrase is to be forgotten, for every hub
 */
void
ecert_keyring_forget_passphrase_async (const char          *pkcs12_file,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (pkcs12_file != NULL);

  secret_password_clear (get_schema (), cancellable, callback, user_data,
                         ATTRIBUTE_FILE, pkcs12_file,
                         NULL);
}

/**
 * ecert_keyring_forget_passphrase_finish:
 *
 * Returns: %TRUE also when nothing was remembered
 */
gboolean
ecert_keyring_forget_passphrase_finish (GAsyncResult  *result,
                                        GError       **error)
{
  GError *local_error = NULL;

  secret_password_clear_finish (result, &local_error);
  return !keyring_failed (local_error, error);
}

/**
 * ecert_keyring_forget_mail_password_async:
 * @host: the mail server
 * @user: the user whose password is to be forgotten
 */
void
ecert_keyring_forget_mail_password_async (const char          *host,
                                          const char          *user,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (host != NULL && user != NULL);

  secret_password_clear (get_mail_schema (), cancellable, callback, user_data,
                         ATTRIBUTE_HOST, host,
                         ATTRIBUTE_USER, user,
                         NULL);
}

/**
 * ecert_keyring_forget_mail_password_finish:
 *
 * Returns: %TRUE also when nothing was remembered
 */
gboolean
ecert_keyring_forget_mail_password_finish (GAsyncResult  *result,
                                           GError       **error)
{
  return ecert_keyring_forget_passphrase_finish (result, error);
}

void
ecert_keyring_passphrase_free (EcertPassphrase *passphrase)
{
  secret_password_free (passphrase);
}
