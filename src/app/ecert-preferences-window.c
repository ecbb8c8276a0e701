/* ecert-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-country.h"
#include "ecert-hub-address.h"
#include "ecert-preferences-window.h"
#include "ecert-trust-store.h"

struct _EcertPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwEntryRow          *hub_address_row;
  AdwEntryRow          *country_row;
  AdwActionRow         *client_certificate_row;
  AdwActionRow         *client_key_row;

  EcertTrustStore      *trust;
  AdwEntryRow          *anchor_country_row;
  AdwPreferencesGroup  *anchors_group;
  GPtrArray            *anchor_rows;
};

G_DEFINE_FINAL_TYPE (EcertPreferencesWindow, ecert_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A value typed into a row is checked by core; the row stays as typed and
 * turns red so the user can correct it, and nothing invalid is stored. */
typedef char *(*NormalizeFunc) (const char *text, GError **error);

EcertPreferencesWindow *
ecert_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ECERT_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
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

/* Showing a stored or normalized value is not an edit: keep the row's apply
 * button for what the user types. */
static void
show_entry_value (AdwEntryRow *row,
                  const char  *value)
{
  adw_entry_row_set_show_apply_button (row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), value);
  adw_entry_row_set_show_apply_button (row, TRUE);
}

static void
apply_entry (EcertPreferencesWindow *self,
             AdwEntryRow            *row,
             const char             *key,
             NormalizeFunc           normalize)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  /* An empty row means "not configured", which is a valid choice. */
  if (text[0] == '\0')
    value = g_strdup ("");
  else
    value = normalize (text, &error);

  if (value == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      show_toast (self, error->message);
      return;
    }

  g_settings_set_string (self->settings, key, value);
  show_entry_value (row, value);
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
hub_address_apply_cb (EcertPreferencesWindow *self)
{
  apply_entry (self, self->hub_address_row, "hub-address", ecert_hub_address_normalize);
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
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
update_file_row (AdwActionRow *row,
                 const char   *path)
{
  if (path[0] == '\0')
    {
      adw_action_row_set_subtitle (row, _("None chosen"));
      return;
    }

  adw_action_row_set_subtitle (row, path);
}

static void
sync_from_settings (EcertPreferencesWindow *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "hub-address");
  g_autofree char *country = g_settings_get_string (self->settings, "country");
  g_autofree char *certificate = g_settings_get_string (self->settings, "client-certificate");
  g_autofree char *key = g_settings_get_string (self->settings, "client-key");

  show_entry_value (self->hub_address_row, address);
  show_entry_value (self->country_row, country);
  update_file_row (self->client_certificate_row, certificate);
  update_file_row (self->client_key_row, key);
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
        g_settings_set_string (self->settings, key, path);
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
  g_autoptr(GtkFileFilter) pem_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;
  const char *title;

  if (g_strcmp0 (key, "client-certificate") == 0)
    title = _("Choose Client Certificate");
  else if (g_strcmp0 (key, "client-key") == 0)
    title = _("Choose Client Private Key");
  else
    g_return_if_reached ();

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  gtk_file_filter_set_name (pem_filter, _("PEM Files"));
  gtk_file_filter_add_pattern (pem_filter, "*.pem");
  gtk_file_filter_add_pattern (pem_filter, "*.crt");
  gtk_file_filter_add_pattern (pem_filter, "*.key");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pem_filter);
  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all_filter);

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
  g_autoptr(GError) error = NULL;

  if (!ecert_trust_store_remove (self->trust, country, name, &error))
    show_toast (self, error->message);

  sync_anchors (self);
}

/* One row per anchor: what it vouches for, whom it names, until when. */
static void
sync_anchors (EcertPreferencesWindow *self)
{
  g_autoptr(GPtrArray) anchors = ecert_trust_store_list (self->trust);

  for (guint i = 0; i < self->anchor_rows->len; i++)
    adw_preferences_group_remove (self->anchors_group, self->anchor_rows->pdata[i]);
  g_ptr_array_set_size (self->anchor_rows, 0);

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
  const char *country = g_object_get_data (G_OBJECT (dialog), "country");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) pem = g_file_load_bytes (file, NULL, NULL, &error);
      g_autoptr(GPtrArray) added = pem != NULL
                                   ? ecert_trust_store_add_pem (self->trust, country, pem, &error)
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
  g_autoptr(GtkFileFilter) pem_filter = gtk_file_filter_new ();
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
  gtk_file_filter_set_name (pem_filter, _("PEM Files"));
  gtk_file_filter_add_pattern (pem_filter, "*.pem");
  gtk_file_filter_add_pattern (pem_filter, "*.crt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pem_filter);
  g_object_set_data_full (G_OBJECT (dialog), "country", g_steal_pointer (&country), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (anchor_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
ecert_preferences_window_constructed (GObject *object)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (ecert_preferences_window_parent_class)->constructed (object);

  sync_from_settings (self);
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
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
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
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_preferences_window_dispose (GObject *object)
{
  EcertPreferencesWindow *self = ECERT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ECERT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->trust);
  g_clear_pointer (&self->anchor_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ecert_preferences_window_parent_class)->dispose (object);
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

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
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
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, anchor_country_row);
  gtk_widget_class_bind_template_child (widget_class, EcertPreferencesWindow, anchors_group);
  gtk_widget_class_bind_template_callback (widget_class, hub_address_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.choose-file", "s", choose_file_action_cb);
  gtk_widget_class_install_action (widget_class, "prefs.add-anchor", NULL, add_anchor_action_cb);
}

static void
ecert_preferences_window_init (EcertPreferencesWindow *self)
{
  g_autofree char *directory = ecert_trust_store_get_default_directory ();
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->anchor_rows = g_ptr_array_new ();
  self->trust = ecert_trust_store_new_for_directory (directory, &error);
  if (self->trust == NULL)
    {
      /* Shown, and an empty store kept so the page still works for now. */
      g_warning ("%s", error->message);
      self->trust = ecert_trust_store_new_in_memory ();
    }
}
