/* ecert-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-accessible.h"
#include "ecert-country.h"
#include "ecert-error.h"
#include "ecert-file-filters.h"
#include "ecert-hub-address.h"
#include "ecert-hub-client.h"
#include "ecert-keyring.h"
#include "ecert-mail-page.h"
#include "ecert-preferences-window.h"
#include "ecert-rows.h"
#include "ecert-storage-page.h"

/* ecert-hub serve picks a free port unless told one; the suggestion offers
 * this one, selected for the user to change. */
#define LOCAL_HUB_ADDRESS "https://localhost:8443/hub/DeliveryService"
#define LOCAL_HUB_PORT_START 18
#define LOCAL_HUB_PORT_END 22

/* How long Connect waits for the hub: a person is watching. */
#define CONNECT_TIMEOUT 20

/* The choices of automatic fetching, in minutes; 0 is off. */
static const guint sync_intervals[] = { 0, 5, 15, 30, 60 };

struct _EcertPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  EcertSession         *session;
  GSettings            *settings;

  GCancellable         *cancellable;
  GCancellable         *connect_cancellable;
  gboolean              showing_remembered;
  GArray               *sync_interval_values;

  AdwEntryRow          *hub_address_row;
  AdwEntryRow          *country_row;
  AdwActionRow         *server_ca_row;
  GtkWidget            *server_ca_clear_button;
  AdwActionRow         *client_certificate_row;
  AdwActionRow         *client_key_row;
  AdwEntryRow          *passphrase_row;
  AdwActionRow         *remember_row;
  GtkSwitch            *remember_switch;
  GtkSpinner           *connect_spinner;
  AdwActionRow         *result_row;
  GtkImage             *result_icon;
  AdwComboRow          *sync_interval_row;

  AdwEntryRow          *anchor_country_row;
  AdwPreferencesGroup  *anchors_group;
  GPtrArray            *anchor_rows;

  EcertMailPage        *mail_page;
  EcertStoragePage     *storage_page;
};

G_DEFINE_FINAL_TYPE (EcertPreferencesWindow, ecert_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

EcertPreferencesWindow *
ecert_preferences_window_new (EcertSession *session)
{
  g_return_val_if_fail (ECERT_IS_SESSION (session), NULL);

  return g_object_new (ECERT_TYPE_PREFERENCES_WINDOW,
                       "session", session,
                       NULL);
}

static void
show_toast (EcertPreferencesWindow *self,
            const char             *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* A value typed into a row is checked by core; the row stays as typed and
 * turns red so the user can correct it, and nothing invalid is stored. */
static gboolean
apply_entry (EcertPreferencesWindow *self,
             AdwEntryRow            *row,
             const char             *key,
             EcertRowsNormalizeFunc  normalize)
{
  g_autoptr(GError) error = NULL;

  if (ecert_rows_apply_entry (row, self->settings, key, normalize, &error))
    return TRUE;
  show_toast (self, error->message);
  return FALSE;
}

/* What the user typed and did not apply yet is what Connect should try. */
static gboolean
apply_pending_entry (EcertPreferencesWindow *self,
                     AdwEntryRow            *row,
                     const char             *key,
                     EcertRowsNormalizeFunc  normalize)
{
  g_autoptr(GError) error = NULL;

  if (ecert_rows_apply_pending_entry (row, self->settings, key, normalize, &error))
    return TRUE;
  show_toast (self, error->message);
  return FALSE;
}

static void remember_passphrase (EcertPreferencesWindow *self);

static void
hub_address_apply_cb (EcertPreferencesWindow *self)
{
  /* The keyring finds a passphrase by hub: it follows the address. */
  if (apply_entry (self, self->hub_address_row, "hub-address", ecert_hub_address_normalize) &&
      gtk_switch_get_active (self->remember_switch))
    remember_passphrase (self);
}

static void
country_apply_cb (EcertPreferencesWindow *self)
{
  apply_entry (self, self->country_row, "country", ecert_country_code_normalize);
}

static void
row_changed_cb (GtkEditable *row)
{
  /* The error mark belongs to the value that was refused, not to the edit. */
  ecert_rows_set_invalid (GTK_WIDGET (row), FALSE);
}

static gboolean
uses_pkcs12 (EcertPreferencesWindow *self)
{
  g_autofree char *pkcs12 = g_settings_get_string (self->settings, "client-pkcs12");

  return pkcs12[0] != '\0';
}

static void
sync_from_settings (EcertPreferencesWindow *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "hub-address");
  g_autofree char *country = g_settings_get_string (self->settings, "country");
  g_autofree char *certificate = g_settings_get_string (self->settings, "client-certificate");
  g_autofree char *key = g_settings_get_string (self->settings, "client-key");
  g_autofree char *pkcs12 = g_settings_get_string (self->settings, "client-pkcs12");
  g_autofree char *ca = g_settings_get_string (self->settings, "server-ca");
  gboolean is_pkcs12 = pkcs12[0] != '\0';

  ecert_rows_show_entry_value (self->hub_address_row, address);
  ecert_rows_show_entry_value (self->country_row, country);
  ecert_rows_show_file (self->client_certificate_row, is_pkcs12 ? pkcs12 : certificate,
                   _("None chosen"));
  ecert_rows_show_file (self->client_key_row, key, _("None chosen"));
  ecert_rows_show_file (self->server_ca_row, ca, _("The system’s authorities"));
  gtk_widget_set_visible (self->server_ca_clear_button, ca[0] != '\0');

  /* A PKCS#12 file holds its key and needs a passphrase; PEM files need
   * the key's file. */
  gtk_widget_set_visible (GTK_WIDGET (self->client_key_row), !is_pkcs12);
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_row), is_pkcs12);
  gtk_widget_set_visible (GTK_WIDGET (self->remember_row), is_pkcs12);
}

/* Keyring ----------------------------------------------------------------- */

static void
show_remembered (EcertPreferencesWindow *self,
                 const char             *passphrase,
                 gboolean                remembered)
{
  /* Shown, not chosen: nothing is stored or forgotten for it. */
  self->showing_remembered = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), passphrase != NULL ? passphrase : "");
  gtk_switch_set_active (self->remember_switch, remembered);
  self->showing_remembered = FALSE;
}

static void
remembered_found_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(EcertPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertPassphrase) passphrase = ecert_keyring_lookup_passphrase_finish (result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (error != NULL)
    {
      g_debug ("%s", error->message);
      return;
    }
  if (passphrase != NULL)
    show_remembered (self, passphrase, TRUE);
}

static void
look_up_remembered (EcertPreferencesWindow *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "hub-address");
  g_autofree char *pkcs12 = g_settings_get_string (self->settings, "client-pkcs12");

  show_remembered (self, NULL, FALSE);
  if (address[0] == '\0' || pkcs12[0] == '\0')
    return;

  ecert_keyring_lookup_passphrase_async (address, pkcs12, self->cancellable, remembered_found_cb,
                                         g_object_ref (self));
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EcertPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ecert_keyring_store_passphrase_finish (result, &error) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  show_toast (self, error->message);
  show_remembered (self, gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)), FALSE);
}

static void
forgotten_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EcertPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ecert_keyring_forget_passphrase_finish (result, &error) &&
      !g_cancellable_is_cancelled (self->cancellable))
    show_toast (self, error->message);
}

/* Stores the passphrase as typed once it has opened the file: a wrong one
 * is not worth remembering. */
static void
checked_for_keyring_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(EcertPreferencesWindow) self = user_data;
  g_autoptr(EcertHubClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *pkcs12 = NULL;

  client = ecert_session_new_hub_client_finish (ECERT_SESSION (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (client == NULL)
    {
      show_toast (self, error->message);
      show_remembered (self, gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)), FALSE);
      return;
    }

  address = g_settings_get_string (self->settings, "hub-address");
  pkcs12 = g_settings_get_string (self->settings, "client-pkcs12");
  ecert_session_keep_passphrase (self->session, NULL);
  ecert_keyring_store_passphrase_async (address, pkcs12,
                                        gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)),
                                        self->cancellable, stored_cb, g_object_ref (self));
}

static void
remember_passphrase (EcertPreferencesWindow *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  /* Without a passphrase yet, the next Connect that works remembers it. */
  if (!uses_pkcs12 (self) || passphrase[0] == '\0')
    return;

  ecert_session_new_hub_client_async (self->session, passphrase, self->cancellable,
                                      checked_for_keyring_cb, g_object_ref (self));
}

static void
forget_passphrase (EcertPreferencesWindow *self)
{
  g_autofree char *pkcs12 = g_settings_get_string (self->settings, "client-pkcs12");

  if (pkcs12[0] == '\0')
    return;

  ecert_keyring_forget_passphrase_async (pkcs12, self->cancellable, forgotten_cb,
                                         g_object_ref (self));
}

static void
remember_toggled_cb (EcertPreferencesWindow *self)
{
  if (self->showing_remembered)
    return;

  if (gtk_switch_get_active (self->remember_switch))
    remember_passphrase (self);
  else
    forget_passphrase (self);
}

/* Connect ----------------------------------------------------------------- */

static void
set_connecting (EcertPreferencesWindow *self,
                gboolean                connecting)
{
  gtk_widget_set_visible (GTK_WIDGET (self->connect_spinner), connecting);
  gtk_spinner_set_spinning (self->connect_spinner, connecting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.connect", !connecting);
}

static void
show_result (EcertPreferencesWindow *self,
             gboolean                connected,
             const char             *title,
             const char             *details)
{
  ecert_rows_show_result (self->result_row, self->result_icon, connected, title, details);
}

/* What the hub says of this desk's organisation, one fact a line. */
static char *
describe_profile (const EcertNppo *nppo)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) documents = g_string_new (NULL);

  if (nppo->receive != NULL && nppo->send != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("Receives by %s, sends by %s"), nppo->receive,
                                             nppo->send));

  for (guint i = 0; nppo->documents != NULL && i < nppo->documents->len; i++)
    {
      EcertNppoDocument *document = g_ptr_array_index (nppo->documents, i);

      if (!document->active)
        continue;
      if (documents->len > 0)
        g_string_append (documents, "; ");
      if (document->certificate_type_name != NULL && document->certificate_status_name != NULL)
        /* Translators: a kind of document and its status, e.g. "Phytosanitary Certificate (Issued)" */
        g_string_append_printf (documents, _("%s (%s)"), document->certificate_type_name,
                                document->certificate_status_name);
      else
        g_string_append_printf (documents, "%d/%d", document->certificate_type,
                                document->certificate_status);
    }
  if (documents->len > 0)
    /* Translators: the kinds of documents an organisation exchanges on the hub */
    g_ptr_array_add (lines, g_strdup_printf (_("Exchanges: %s"), documents->str));

  if (nppo->signing_dn != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("Signs certificates as %s"), nppo->signing_dn));

  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* The passphrase that worked is kept where the user chose. */
static void
keep_passphrase (EcertPreferencesWindow *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (!uses_pkcs12 (self) || passphrase[0] == '\0')
    return;

  if (gtk_switch_get_active (self->remember_switch))
    {
      g_autofree char *address = g_settings_get_string (self->settings, "hub-address");
      g_autofree char *pkcs12 = g_settings_get_string (self->settings, "client-pkcs12");

      ecert_session_keep_passphrase (self->session, NULL);
      ecert_keyring_store_passphrase_async (address, pkcs12, passphrase, self->cancellable,
                                            stored_cb, g_object_ref (self));
    }
  else
    ecert_session_keep_passphrase (self->session, passphrase);
}

/* What Connect learnt: the organisation the hub knows, and who the desk
 * is when the hub is an office. */
typedef struct
{
  EcertPreferencesWindow *window;
  EcertNppo              *nppo;
} Connected;

static void
connected_free (Connected *connected)
{
  g_object_unref (connected->window);
  ecert_nppo_free (connected->nppo);
  g_free (connected);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Connected, connected_free)

static void
show_connected (EcertPreferencesWindow   *self,
                const EcertNppo          *nppo,
                const EcertOfficeProfile *office)
{
  g_autofree char *title = NULL;
  g_autofree char *details = describe_profile (nppo);

  if (office != NULL)
    {
      g_autofree char *scope = ecert_office_profile_describe_scope (office);
      g_autofree char *hub_details = g_steal_pointer (&details);

      /* Translators: the office's name, then this desk's name there */
      title = g_strdup_printf (_("Connected to %s as the desk %s"), office->office, office->desk);
      details = g_strconcat (scope, "\n", hub_details, NULL);
    }
  else
    title = g_strdup_printf (_("Connected as the plant protection organisation of %s"),
                             nppo->country);
  show_result (self, TRUE, title, details);
}

static void
office_profile_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Connected) connected = user_data;
  EcertPreferencesWindow *self = connected->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeProfile) office = NULL;

  office = ecert_hub_client_get_office_profile_finish (ECERT_HUB_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_connecting (self, FALSE);
  if (office == NULL && !g_error_matches (error, ECERT_ERROR, ECERT_ERROR_NOT_AN_OFFICE))
    {
      show_result (self, FALSE, _("Not Connected"), error->message);
      return;
    }
  show_connected (self, connected->nppo, office);
  if (office != NULL)
    ecert_session_adopt_office_client (self->session, ECERT_HUB_CLIENT (source));
}

static void
profile_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(EcertPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertNppo) nppo = NULL;
  g_autofree char *country = NULL;
  Connected *connected;

  nppo = ecert_hub_client_get_profile_finish (ECERT_HUB_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (nppo == NULL)
    {
      set_connecting (self, FALSE);
      show_result (self, FALSE, _("Not Connected"), error->message);
      return;
    }

  keep_passphrase (self);

  /* The hub knows which country this desk receives for. */
  country = g_settings_get_string (self->settings, "country");
  if (country[0] == '\0' && nppo->country != NULL)
    {
      g_settings_set_string (self->settings, "country", nppo->country);
      ecert_rows_show_entry_value (self->country_row, nppo->country);
    }

  /* An office also says who this desk is there and what it receives. */
  connected = g_new0 (Connected, 1);
  connected->window = g_object_ref (self);
  connected->nppo = g_steal_pointer (&nppo);
  ecert_hub_client_get_office_profile_async (ECERT_HUB_CLIENT (source), self->connect_cancellable,
                                             office_profile_cb, connected);
}

static void
client_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EcertPreferencesWindow) self = user_data;
  g_autoptr(EcertHubClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = ecert_session_new_hub_client_finish (ECERT_SESSION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (client == NULL)
    {
      set_connecting (self, FALSE);
      show_result (self, FALSE, _("Not Connected"), error->message);
      return;
    }

  /* A person is waiting: one attempt, and an answer soon. */
  ecert_hub_client_set_retries (client, 0, 0);
  ecert_hub_client_set_timeout (client, CONNECT_TIMEOUT);
  ecert_hub_client_get_profile_async (client, self->connect_cancellable, profile_cb,
                                      g_object_ref (self));
}

static void
connect_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (widget);
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (!apply_pending_entry (self, self->hub_address_row, "hub-address",
                            ecert_hub_address_normalize) ||
      !apply_pending_entry (self, self->country_row, "country", ecert_country_code_normalize))
    return;

  g_cancellable_cancel (self->connect_cancellable);
  g_clear_object (&self->connect_cancellable);
  self->connect_cancellable = g_cancellable_new ();

  set_connecting (self, TRUE);
  ecert_session_new_hub_client_async (self->session,
                                      uses_pkcs12 (self) && passphrase[0] != '\0'
                                      ? passphrase : NULL,
                                      self->connect_cancellable, client_ready_cb,
                                      g_object_ref (self));
}

static void
passphrase_activated_cb (EcertPreferencesWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "prefs.connect", NULL);
}

/* Known hubs --------------------------------------------------------------- */

static void
use_hub_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (widget);
  const char *hub = g_variant_get_string (parameter, NULL);
  GtkEditable *row = GTK_EDITABLE (self->hub_address_row);

  if (g_strcmp0 (hub, "local") == 0)
    {
      /* The port is the one `ecert-hub serve` printed: the user types it. */
      gtk_editable_set_text (row, LOCAL_HUB_ADDRESS);
      gtk_widget_grab_focus (GTK_WIDGET (row));
      gtk_editable_select_region (row, LOCAL_HUB_PORT_START, LOCAL_HUB_PORT_END);
      return;
    }

  gtk_editable_set_text (row, g_strcmp0 (hub, "uat") == 0 ? ECERT_HUB_ADDRESS_EPHYTO_UAT
                                                          : ECERT_HUB_ADDRESS_EPHYTO);
  hub_address_apply_cb (self);
}

/* Automatic fetching -------------------------------------------------------- */

static char *
describe_interval (guint minutes)
{
  if (minutes == 0)
    return g_strdup (_("Off"));
  if (minutes == 60)
    return g_strdup (_("Every Hour"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u Minute", "Every %u Minutes",
                                       minutes), minutes);
}

static void
set_up_sync_interval (EcertPreferencesWindow *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  guint current = g_settings_get_uint (self->settings, "sync-interval");
  guint selected = 0;
  gboolean known = FALSE;

  self->sync_interval_values = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (self->sync_interval_values, sync_intervals, G_N_ELEMENTS (sync_intervals));
  /* A value set some other way is shown as it is, not rounded. */
  for (guint i = 0; i < G_N_ELEMENTS (sync_intervals); i++)
    known = known || sync_intervals[i] == current;
  if (!known)
    g_array_append_val (self->sync_interval_values, current);

  for (guint i = 0; i < self->sync_interval_values->len; i++)
    {
      guint minutes = g_array_index (self->sync_interval_values, guint, i);
      g_autofree char *label = describe_interval (minutes);

      gtk_string_list_append (choices, label);
      if (minutes == current)
        selected = i;
    }

  adw_combo_row_set_model (self->sync_interval_row, G_LIST_MODEL (choices));
  adw_combo_row_set_selected (self->sync_interval_row, selected);
}

static void
sync_interval_selected_cb (EcertPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->sync_interval_row);

  if (self->sync_interval_values == NULL || selected >= self->sync_interval_values->len)
    return;

  g_settings_set_uint (self->settings, "sync-interval",
                       g_array_index (self->sync_interval_values, guint, selected));
}

/* Files --------------------------------------------------------------------- */

static gboolean
is_pkcs12_name (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".p12") || g_str_has_suffix (lower, ".pfx");
}

/* The identity is one PKCS#12 file or PEM files, never a mix of both. */
static void
store_file (EcertPreferencesWindow *self,
            const char             *key,
            const char             *path)
{
  gboolean identity_changed = FALSE;

  if (g_strcmp0 (key, "client-certificate") == 0 && is_pkcs12_name (path))
    {
      g_settings_set_string (self->settings, "client-pkcs12", path);
      g_settings_set_string (self->settings, "client-certificate", "");
      g_settings_set_string (self->settings, "client-key", "");
      identity_changed = TRUE;
    }
  else if (g_strcmp0 (key, "client-certificate") == 0)
    {
      g_settings_set_string (self->settings, "client-certificate", path);
      g_settings_set_string (self->settings, "client-pkcs12", "");
      identity_changed = TRUE;
    }
  else
    g_settings_set_string (self->settings, key, path);

  if (identity_changed)
    look_up_remembered (self);
}

static void
clear_server_ca_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (widget);

  g_settings_set_string (self->settings, "server-ca", "");
  sync_from_settings (self);
}

static void
file_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (user_data);
  const char *key = g_object_get_data (G_OBJECT (dialog), "settings-key");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        store_file (self, key, path);
      else
        show_toast (self, _("Choose a file stored on this computer"));
    }

  sync_from_settings (self);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
choose_file_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  GtkFileChooserNative *dialog;
  const char *title;

  if (g_strcmp0 (key, "client-certificate") == 0)
    title = _("Choose Client Certificate");
  else if (g_strcmp0 (key, "client-key") == 0)
    title = _("Choose Client Private Key");
  else if (g_strcmp0 (key, "server-ca") == 0)
    title = _("Choose Hub Certificate Authority");
  else if (g_strcmp0 (key, "mail-server-ca") == 0)
    title = _("Choose Mail Server Certificate Authority");
  else
    g_return_if_reached ();

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  if (g_strcmp0 (key, "client-certificate") == 0)
    ecert_file_filters_add (GTK_FILE_CHOOSER (dialog), _("Certificates (PKCS#12 or PEM)"),
                            "*.[pP]12", "*.[pP][fF][xX]", "*.pem", "*.crt", NULL);
  ecert_file_filters_add (GTK_FILE_CHOOSER (dialog), _("PEM Files"),
                          "*.pem", "*.crt", "*.key", NULL);
  ecert_file_filters_add (GTK_FILE_CHOOSER (dialog), _("All Files"), "*", NULL);

  g_object_set_data_full (G_OBJECT (dialog), "settings-key", g_strdup (key), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void sync_anchors (EcertPreferencesWindow *self);

static void
remove_anchor_cb (GtkButton              *button,
                  EcertPreferencesWindow *self)
{
  const char *country = g_object_get_data (G_OBJECT (button), "country");
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  EcertTrustDirectory *directory = ecert_session_get_trust_directory (self->session);
  g_autoptr(GError) error = NULL;

  if (!ecert_trust_directory_remove_anchor (directory, country, name, &error))
    show_toast (self, error->message);

  sync_anchors (self);
}

/* One row per anchor: what it vouches for, whom it names, until when. */
static void
sync_anchors (EcertPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  EcertTrustDirectory *directory = ecert_session_get_trust_directory (self->session);
  EcertTrustStore *trust = ecert_trust_directory_get_store (directory, &error);
  g_autoptr(GPtrArray) anchors = NULL;

  /* Shown as none: adding one then says why it cannot be. */
  if (trust != NULL)
    anchors = ecert_trust_store_list (trust);
  else
    {
      g_warning ("%s", error->message);
      anchors = g_ptr_array_new ();
    }

  ecert_rows_remove_all (self->anchors_group, self->anchor_rows);

  adw_preferences_group_set_description (self->anchors_group,
                                         anchors->len == 0
                                         ? _("No trust anchors yet: signed certificates cannot be "
                                             "trusted until their country’s anchor is added here.")
                                         : NULL);

  for (guint i = 0; i < anchors->len; i++)
    {
      EcertTrustAnchor *anchor = anchors->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *title = g_markup_printf_escaped ("%s — %s", anchor->country,
                                                       anchor->subject);
      g_autofree char *expires = anchor->not_after != NULL
                                 ? g_date_time_format (anchor->not_after, "%Y-%m-%d") : NULL;
      g_autofree char *subtitle = g_markup_printf_escaped (_("Expires %s · %s"),
                                                          expires != NULL ? expires : "?",
                                                          anchor->name);
      g_autofree char *accessible = g_strdup_printf (_("Remove the anchor for %s"),
                                                     anchor->country);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, accessible);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data_full (G_OBJECT (remove), "country", g_strdup (anchor->country), g_free);
      g_object_set_data_full (G_OBJECT (remove), "name", g_strdup (anchor->name), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_anchor_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (self->anchors_group, row);
      g_ptr_array_add (self->anchor_rows, row);
    }
}

static void
anchor_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (user_data);
  EcertTrustDirectory *directory = ecert_session_get_trust_directory (self->session);
  const char *country = g_object_get_data (G_OBJECT (dialog), "country");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) pem = g_file_load_bytes (file, NULL, NULL, &error);
      g_autoptr(GPtrArray) added = pem != NULL
                                   ? ecert_trust_directory_add_anchors (directory, country, pem,
                                                                        &error)
                                   : NULL;

      if (added == NULL)
        show_toast (self, error->message);
      else if (added->len == 0)
        show_toast (self, _("This anchor was already trusted"));
      else
        show_toast (self, _("Trust anchor added; verify certificates again to use it"));
      sync_anchors (self);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
add_anchor_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *country = NULL;
  GtkFileChooserNative *dialog;

  /* Which country an anchor vouches for is the decision that matters: ask
   * for it first, and refuse a code that is not one. */
  country = ecert_country_code_normalize (gtk_editable_get_text (GTK_EDITABLE (self->anchor_country_row)),
                                          &error);
  if (country == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->anchor_country_row), "error");
      show_toast (self, error->message);
      return;
    }

  dialog = gtk_file_chooser_native_new (_("Choose Trust Anchor"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  ecert_file_filters_add (GTK_FILE_CHOOSER (dialog), _("PEM Files"), "*.pem", "*.crt", NULL);
  g_object_set_data_full (G_OBJECT (dialog), "country", g_steal_pointer (&country), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (anchor_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
ecert_preferences_window_constructed (GObject *object)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (ecert_preferences_window_parent_class)->constructed (object);

  ecert_mail_page_set_session (self->mail_page, self->session);
  ecert_storage_page_set_session (self->storage_page, self->session);
  sync_from_settings (self);
  set_up_sync_interval (self);
  look_up_remembered (self);
  sync_anchors (self);
}

static void
ecert_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      self->settings = g_object_ref (ecert_session_get_settings (self->session));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_preferences_window_dispose (GObject *object)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (object);

  /* Closing the window stops what it started; the cancellable stays until
   * finalize, for the callbacks still to come to look at. */
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->connect_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECERT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->connect_cancellable);
  g_clear_pointer (&self->sync_interval_values, g_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_pointer (&self->anchor_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ecert_preferences_window_parent_class)->dispose (object);
}

static void
ecert_preferences_window_finalize (GObject *object)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ecert_preferences_window_parent_class)->finalize (object);
}

static void
ecert_preferences_window_class_init (EcertPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ecert_preferences_window_constructed;
  object_class->get_property = ecert_preferences_window_get_property;
  object_class->set_property = ecert_preferences_window_set_property;
  object_class->dispose = ecert_preferences_window_dispose;
  object_class->finalize = ecert_preferences_window_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ECERT_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ecert-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, hub_address_row);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, country_row);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow,
                                        client_certificate_row);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, client_key_row);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, server_ca_row);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow,
                                        server_ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, remember_row);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, result_row);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, result_icon);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, sync_interval_row);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, anchor_country_row);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, anchors_group);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, mail_page);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, storage_page);
  gtk_widget_class_bind_template_callback (widget_class, hub_address_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remember_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_interval_selected_cb);

  gtk_widget_class_install_action (widget_class, "prefs.choose-file", "s", choose_file_action_cb);
  gtk_widget_class_install_action (widget_class, "prefs.add-anchor", NULL, add_anchor_action_cb);
  gtk_widget_class_install_action (widget_class, "prefs.clear-server-ca", NULL,
                                   clear_server_ca_action_cb);
  gtk_widget_class_install_action (widget_class, "prefs.connect", NULL, connect_action_cb);
  gtk_widget_class_install_action (widget_class, "prefs.use-hub", "s", use_hub_action_cb);
}

static void
ecert_preferences_window_init (EcertPreferencesWindow *self)
{
  g_type_ensure (ECERT_TYPE_MAIL_PAGE);
  g_type_ensure (ECERT_TYPE_STORAGE_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));
  ecert_accessible_name_buttons (GTK_WIDGET (self));
  ecert_accessible_name_search (GTK_WIDGET (self));
  ecert_accessible_name_options (self->sync_interval_row);

  self->cancellable = g_cancellable_new ();
  self->anchor_rows = g_ptr_array_new ();
}
