/* ecert-mail-page.c: the mailbox partners push certificates to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The account is kept in the settings, its password in the keyring; the
 * session reads both for every fetch, and for Connect here, which signs in
 * and counts what the next fetch would read.
 */

#define G_LOG_DOMAIN "ecert-mail-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-error.h"
#include "ecert-keyring.h"
#include "ecert-accessible.h"
#include "ecert-mail-page.h"
#include "ecert-rows.h"

/* The choices of the security row, in its order. */
static const char * const securities[] = { "tls", "starttls" };

struct _EcertMailPage
{
  AdwPreferencesPage  parent_instance;

  EcertSession       *session;
  GSettings          *settings;
  GCancellable       *cancellable;
  GCancellable       *connect_cancellable;

  AdwEntryRow        *host_row;
  AdwComboRow        *security_row;
  AdwEntryRow        *port_row;
  AdwEntryRow        *user_row;
  AdwEntryRow        *password_row;
  AdwEntryRow        *folder_row;
  AdwEntryRow        *move_to_row;
  AdwActionRow       *server_ca_row;
  GtkWidget          *server_ca_clear_button;
  GtkSpinner         *connect_spinner;
  GtkWidget          *connect_button;
  GtkWidget          *stop_button;
  AdwActionRow       *result_row;
  GtkImage           *result_icon;
};

G_DEFINE_FINAL_TYPE (EcertMailPage, ecert_mail_page, ADW_TYPE_PREFERENCES_PAGE)

static void
show_problem (EcertMailPage *self,
              const char    *message)
{
  ecert_rows_show_result (self->result_row, self->result_icon, FALSE, _("Not Connected"),
                          message);
}

static void
show_port (EcertMailPage *self)
{
  guint port = g_settings_get_uint (self->settings, "mail-port");
  g_autofree char *text = port != 0 ? g_strdup_printf ("%u", port) : g_strdup ("");

  ecert_rows_show_entry_value (self->port_row, text);
}

static void
show_server_ca (EcertMailPage *self)
{
  g_autofree char *ca = g_settings_get_string (self->settings, "mail-server-ca");

  ecert_rows_show_file (self->server_ca_row, ca, _("The system’s authorities"));
  gtk_widget_set_visible (self->server_ca_clear_button, ca[0] != '\0');
}

static void
show_string (EcertMailPage *self,
             AdwEntryRow   *row,
             const char    *key)
{
  g_autofree char *value = g_settings_get_string (self->settings, key);

  ecert_rows_show_entry_value (row, value);
}

static void
sync_from_settings (EcertMailPage *self)
{
  g_autofree char *security = g_settings_get_string (self->settings, "mail-security");

  show_string (self, self->host_row, "mail-host");
  show_string (self, self->user_row, "mail-user");
  show_string (self, self->folder_row, "mail-folder");
  show_string (self, self->move_to_row, "mail-move-to");
  show_port (self);
  show_server_ca (self);
  adw_combo_row_set_selected (self->security_row, g_strcmp0 (security, "starttls") == 0);
}

/* The password ------------------------------------------------------------ */

static void
password_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(EcertMailPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertPassphrase) password = ecert_keyring_lookup_mail_password_finish (result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (error != NULL)
    g_debug ("%s", error->message);
  /* What the user is typing is not replaced by nothing. */
  else if (password != NULL)
    ecert_rows_show_entry_value (self->password_row, password);
}

/* The keyring finds a password by server and user: it follows them. */
static void
look_up_password (EcertMailPage *self)
{
  g_autofree char *host = g_settings_get_string (self->settings, "mail-host");
  g_autofree char *user = g_settings_get_string (self->settings, "mail-user");

  if (host[0] == '\0' || user[0] == '\0')
    return;

  ecert_keyring_lookup_mail_password_async (host, user, self->cancellable, password_found_cb,
                                            g_object_ref (self));
}

static void
password_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(EcertMailPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ecert_keyring_store_mail_password_finish (result, &error) &&
      !g_cancellable_is_cancelled (self->cancellable))
    show_problem (self, error->message);
}

static void
password_forgotten_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(EcertMailPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ecert_keyring_forget_mail_password_finish (result, &error) &&
      !g_cancellable_is_cancelled (self->cancellable))
    show_problem (self, error->message);
}

/* The password as typed goes to the keyring, and only there; an empty
 * row forgets it. */
static void
store_password (EcertMailPage *self)
{
  g_autofree char *host = g_settings_get_string (self->settings, "mail-host");
  g_autofree char *user = g_settings_get_string (self->settings, "mail-user");
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (host[0] == '\0' || user[0] == '\0')
    {
      show_problem (self, _("Give the mail server and the user name first: the password is "
                            "kept for them"));
      return;
    }

  if (password[0] == '\0')
    ecert_keyring_forget_mail_password_async (host, user, self->cancellable,
                                              password_forgotten_cb, g_object_ref (self));
  else
    ecert_keyring_store_mail_password_async (host, user, password, self->cancellable,
                                             password_stored_cb, g_object_ref (self));
}

/* Applying ----------------------------------------------------------------- */

static char *
normalize_port (const char  *text,
                GError     **error)
{
  guint64 port;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &port, NULL))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a port: give a number from 1 to 65535, or nothing for the "
                     "usual port"), text);
      return NULL;
    }

  return g_strdup_printf ("%" G_GUINT64_FORMAT, port);
}

static gboolean
apply_port (EcertMailPage  *self,
            GError        **error)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->port_row));
  g_autofree char *text = g_strstrip (g_strdup (typed));
  g_autofree char *port = text[0] != '\0' ? normalize_port (text, error) : g_strdup ("0");

  ecert_rows_set_invalid (GTK_WIDGET (self->port_row), port == NULL);
  if (port == NULL)
    return FALSE;

  g_settings_set_uint (self->settings, "mail-port", (guint) g_ascii_strtoull (port, NULL, 10));
  show_port (self);
  return TRUE;
}

static void
apply_or_complain (EcertMailPage *self,
                   AdwEntryRow   *row,
                   const char    *key)
{
  g_autoptr(GError) error = NULL;

  if (!ecert_rows_apply_entry (row, self->settings, key, NULL, &error))
    show_problem (self, error->message);
}

static void
host_apply_cb (EcertMailPage *self)
{
  apply_or_complain (self, self->host_row, "mail-host");
  look_up_password (self);
}

static void
user_apply_cb (EcertMailPage *self)
{
  apply_or_complain (self, self->user_row, "mail-user");
  look_up_password (self);
}

static void
folder_apply_cb (EcertMailPage *self)
{
  apply_or_complain (self, self->folder_row, "mail-folder");
}

static void
move_to_apply_cb (EcertMailPage *self)
{
  apply_or_complain (self, self->move_to_row, "mail-move-to");
}

static void
port_apply_cb (EcertMailPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!apply_port (self, &error))
    show_problem (self, error->message);
}

/* A password is remembered once it has signed in: a wrong one is not worth
 * keeping. An empty one is forgotten. */
static void
password_apply_cb (EcertMailPage *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] == '\0')
    store_password (self);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "mail.connect", NULL);
}

static void
security_selected_cb (EcertMailPage *self)
{
  guint selected = adw_combo_row_get_selected (self->security_row);

  if (self->settings != NULL && selected < G_N_ELEMENTS (securities))
    g_settings_set_string (self->settings, "mail-security", securities[selected]);
}

static void
row_changed_cb (GtkEditable *row)
{
  /* The error mark belongs to the value that was refused, not to the edit. */
  ecert_rows_set_invalid (GTK_WIDGET (row), FALSE);
}

/* What the user typed and did not apply yet is what Connect should try. */
static gboolean
apply_pending (EcertMailPage  *self,
               GError        **error)
{
  return ecert_rows_apply_pending_entry (self->host_row, self->settings, "mail-host", NULL,
                                         error) &&
         ecert_rows_apply_pending_entry (self->user_row, self->settings, "mail-user", NULL,
                                         error) &&
         ecert_rows_apply_pending_entry (self->folder_row, self->settings, "mail-folder", NULL,
                                         error) &&
         ecert_rows_apply_pending_entry (self->move_to_row, self->settings, "mail-move-to", NULL,
                                         error) &&
         apply_port (self, error);
}

/* Connect ----------------------------------------------------------------- */

static void
set_connecting (EcertMailPage *self,
                gboolean       connecting)
{
  gtk_widget_set_visible (GTK_WIDGET (self->connect_spinner), connecting);
  gtk_spinner_set_spinning (self->connect_spinner, connecting);
  gtk_widget_set_visible (self->stop_button, connecting);
  gtk_widget_set_visible (self->connect_button, !connecting);
}

static void
mail_checked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EcertMailPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *title = NULL;
  g_autofree char *password = NULL;
  guint unread = 0;

  if (!ecert_session_check_mail_finish (ECERT_SESSION (source), result, &unread, &error))
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        return;
      set_connecting (self, FALSE);
      show_problem (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                          ? _("Stopped before the mail server answered") : error->message);
      return;
    }

  set_connecting (self, FALSE);
  folder = g_settings_get_string (self->settings, "mail-folder");
  /* Translators: a mail folder and its unread messages, "Connected: INBOX, 12 unread" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Connected: %s, %u unread",
                                        "Connected: %s, %u unread", unread),
                           folder, unread);
  ecert_rows_show_result (self->result_row, self->result_icon, TRUE, title,
                          _("Every fetch reads the unread messages of this folder"));

  /* A password that signed in is worth remembering, and is no longer an
   * edit waiting to be applied. */
  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  if (password[0] != '\0')
    {
      ecert_rows_show_entry_value (self->password_row, password);
      store_password (self);
    }
}

static void
connect_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EcertMailPage *self = ECERT_MAIL_PAGE (widget);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr(GError) error = NULL;

  if (!apply_pending (self, &error))
    {
      show_problem (self, error->message);
      return;
    }

  g_cancellable_cancel (self->connect_cancellable);
  g_clear_object (&self->connect_cancellable);
  self->connect_cancellable = g_cancellable_new ();

  set_connecting (self, TRUE);
  ecert_session_check_mail_async (self->session, password[0] != '\0' ? password : NULL,
                                  self->connect_cancellable, mail_checked_cb,
                                  g_object_ref (self));
}

static void
stop_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EcertMailPage *self = ECERT_MAIL_PAGE (widget);

  g_cancellable_cancel (self->connect_cancellable);
}

static void
clear_server_ca_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EcertMailPage *self = ECERT_MAIL_PAGE (widget);

  g_settings_set_string (self->settings, "mail-server-ca", "");
}

/**
 * ecert_mail_page_set_session:
 * @session: whose settings the page shows, and which checks the account
 */
void
ecert_mail_page_set_session (EcertMailPage *self,
                             EcertSession  *session)
{
  g_return_if_fail (ECERT_IS_MAIL_PAGE (self));
  g_return_if_fail (ECERT_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  self->settings = g_object_ref (ecert_session_get_settings (session));
  /* The file is chosen with Preferences' own chooser, which stores it. */
  g_signal_connect_object (self->settings, "changed::mail-server-ca",
                           G_CALLBACK (show_server_ca), self, G_CONNECT_SWAPPED);
  sync_from_settings (self);
  look_up_password (self);
}

static void
ecert_mail_page_dispose (GObject *object)
{
  EcertMailPage *self = ECERT_MAIL_PAGE (object);

  /* Closing the window stops what it started; the cancellables stay until
   * finalize, for the callbacks still to come to look at. */
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->connect_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECERT_TYPE_MAIL_PAGE);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ecert_mail_page_parent_class)->dispose (object);
}

static void
ecert_mail_page_finalize (GObject *object)
{
  EcertMailPage *self = ECERT_MAIL_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->connect_cancellable);

  G_OBJECT_CLASS (ecert_mail_page_parent_class)->finalize (object);
}

static void
ecert_mail_page_class_init (EcertMailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ecert_mail_page_dispose;
  object_class->finalize = ecert_mail_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ecert-mail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, host_row);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, security_row);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, port_row);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, move_to_row);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, server_ca_row);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, server_ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, result_row);
  gtk_widget_class_bind_template_child (widget_class, EcertMailPage, result_icon);
  gtk_widget_class_bind_template_callback (widget_class, host_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, port_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, folder_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_to_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, security_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);

  gtk_widget_class_install_action (widget_class, "mail.connect", NULL, connect_action_cb);
  gtk_widget_class_install_action (widget_class, "mail.stop", NULL, stop_action_cb);
  gtk_widget_class_install_action (widget_class, "mail.clear-server-ca", NULL,
                                   clear_server_ca_action_cb);
}

static void
ecert_mail_page_init (EcertMailPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ecert_accessible_name_options (self->security_row);

  self->cancellable = g_cancellable_new ();
}
