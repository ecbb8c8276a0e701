/* ecert-mail-connection.c: the mail account the settings describe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session (ecert-session.c) builds every account here, for the Mail
 * page's Connect button and for a fetch, so that an account that works in
 * Preferences is the one a fetch reads: the server, how the connection is
 * protected, the user, the folders and the authority the server's
 * certificate must chain to.
 *
 * The password comes from the Mail page as typed, or from the keyring,
 * where the page stores it. It is never written to the settings.
 */

#define G_LOG_DOMAIN "ecert-mail-connection"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-error.h"
#include "ecert-keyring.h"
#include "ecert-mail-connection.h"

/* An empty setting is "none" for the optional ones. */
static char *
get_optional_string (GSettings  *settings,
                     const char *key)
{
  char *value = g_settings_get_string (settings, key);

  if (value[0] != '\0')
    return value;
  g_free (value);
  return NULL;
}

static EcertImapAccount *
account_from_settings (GSettings *settings)
{
  EcertImapAccount *account = g_new0 (EcertImapAccount, 1);
  g_autofree char *security = g_settings_get_string (settings, "mail-security");

  account->host = g_settings_get_string (settings, "mail-host");
  account->port = (guint16) g_settings_get_uint (settings, "mail-port");
  account->security = g_strcmp0 (security, "starttls") == 0 ? ECERT_IMAP_STARTTLS
                                                            : ECERT_IMAP_TLS;
  account->user = g_settings_get_string (settings, "mail-user");
  account->folder = g_settings_get_string (settings, "mail-folder");
  if (account->folder[0] == '\0')
    {
      g_free (account->folder);
      account->folder = g_strdup ("INBOX");
    }
  account->move_to = get_optional_string (settings, "mail-move-to");
  account->ca_file = get_optional_string (settings, "mail-server-ca");
  return account;
}

/**
 * ecert_mail_connection_is_set_up:
 *
 * Returns: whether the settings name a mail server and a user: without
 *   them, certificates do not arrive by mail
 */
gboolean
ecert_mail_connection_is_set_up (GSettings *settings)
{
  g_autofree char *host = g_settings_get_string (settings, "mail-host");
  g_autofree char *user = g_settings_get_string (settings, "mail-user");

  return host[0] != '\0' && user[0] != '\0';
}

static void
return_account (GTask      *task,
                const char *password)
{
  EcertImapAccount *account = g_task_get_task_data (task);

  if (password == NULL || password[0] == '\0')
    {
      g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                               _("No password for %s on %s: type it in Preferences"),
                               account->user, account->host);
      return;
    }

  account = ecert_imap_account_copy (account);
  account->password = g_strdup (password);
  g_task_return_pointer (task, account, (GDestroyNotify) ecert_imap_account_free);
}

static void
password_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertPassphrase) password = NULL;

  password = ecert_keyring_lookup_mail_password_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    return_account (task, password);
}

/**
 * ecert_mail_connection_new_account_async:
 * @source_object: (nullable): the object the result is for, as in
 *   g_task_new()
 * @settings: the application's settings
 * @password: (nullable): the password as typed; %NULL for the one
 *   remembered in the keyring
 *
 * Builds the account the settings describe. Looking the password up may
 * wait for the keyring, which may ask the user to unlock it.
 */
void
ecert_mail_connection_new_account_async (gpointer             source_object,
                                         GSettings           *settings,
                                         const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EcertImapAccount *account;

  g_return_if_fail (G_IS_SETTINGS (settings));

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_mail_connection_new_account_async);
  account = account_from_settings (settings);
  g_task_set_task_data (task, account, (GDestroyNotify) ecert_imap_account_free);

  if (!ecert_mail_connection_is_set_up (settings))
    {
      g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS, "%s",
                               _("Set up the mail account first: its server and user"));
      return;
    }

  if (password == NULL)
    {
      ecert_keyring_lookup_mail_password_async (account->host, account->user, cancellable,
                                                password_found_cb, g_steal_pointer (&task));
      return;
    }

  return_account (task, password);
}

/**
 * ecert_mail_connection_new_account_finish:
 *
 * Returns: (transfer full): the account, password included, or %NULL with
 *   @error set: %ECERT_ERROR_INVALID_ADDRESS when no account is set up,
 *   %ECERT_ERROR_INVALID_ARGUMENT when its password is not known
 */
EcertImapAccount *
ecert_mail_connection_new_account_finish (GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ecert_mail_connection_new_account_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
