/* ecert-storage-page.c: where the certificate cache is, what it holds, and
 * clearing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page works on the session's cache, the one the window lists: a
 * clearing empties the list with it.
 */

#define G_LOG_DOMAIN "ecert-storage-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-confirmation.h"
#include "ecert-storage-page.h"

struct _EcertStoragePage
{
  AdwPreferencesPage  parent_instance;

  EcertSession       *session;
  EcertCache         *cache;
  GCancellable       *cancellable;
  EcertCacheUsage     usage;
  gboolean            clearing;

  AdwActionRow       *location_row;
  AdwActionRow       *size_row;
  AdwActionRow       *contents_row;
  GtkButton          *clear_button;
  GtkSpinner         *clear_spinner;
};

G_DEFINE_FINAL_TYPE (EcertStoragePage, ecert_storage_page, ADW_TYPE_PREFERENCES_PAGE)

static void
show_toast (EcertStoragePage *self,
            const char       *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);
  AdwToast *toast;

  if (window == NULL)
    return;

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
}

/* Certificates the clearing would delete. */
static guint
deletable (const EcertCacheUsage *usage)
{
  return usage->certificates - MIN (usage->kept_certificates, usage->certificates);
}

static char *
describe_contents (const EcertCacheUsage *usage)
{
  GString *text = g_string_new (NULL);
  guint unsent = usage->drafts + usage->unsent;

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u certificate",
                                             "%u certificates", usage->certificates),
                          usage->certificates);
  if (unsent > 0)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u unsent inquiry",
                                                 "%u unsent inquiries", unsent),
                              unsent);
    }
  if (usage->sent > 0)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u sent inquiry",
                                                 "%u sent inquiries", usage->sent),
                              usage->sent);
    }

  return g_string_free (text, FALSE);
}

static void
show_usage (EcertStoragePage *self)
{
  g_autofree char *size = g_format_size (self->usage.size);
  g_autofree char *contents = describe_contents (&self->usage);

  adw_action_row_set_subtitle (self->size_row, size);
  adw_action_row_set_subtitle (self->contents_row, contents);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button),
                            !self->clearing &&
                            (deletable (&self->usage) > 0 || self->usage.sent > 0));
}

static void
usage_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(EcertStoragePage) self = user_data;
  g_autoptr(GError) error = NULL;
  EcertCacheUsage usage = { 0 };

  if (!ecert_cache_get_usage_finish (ECERT_CACHE (source), result, &usage, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->contents_row, error->message);
      return;
    }

  self->usage = usage;
  show_usage (self);
}

static void
refresh_usage (EcertStoragePage *self)
{
  ecert_cache_get_usage_async (self->cache, self->cancellable, usage_cb, g_object_ref (self));
}

static void
cache_opened_cb (EcertStoragePage *self)
{
  EcertCache *cache = ecert_session_get_cache (self->session);

  if (cache == NULL || self->cache != NULL)
    return;

  self->cache = g_object_ref (cache);
  /* A fetch in the window may add certificates while the page is open. */
  g_signal_connect_object (cache, "changed", G_CALLBACK (refresh_usage), self,
                           G_CONNECT_SWAPPED);
  refresh_usage (self);
}

static void
cache_failed_cb (EcertStoragePage *self)
{
  const GError *error = ecert_session_get_cache_error (self->session);

  if (error != NULL)
    adw_action_row_set_subtitle (self->contents_row, error->message);
}

/**
 * ecert_storage_page_set_session:
 * @session: whose cache the page shows and clears
 */
void
ecert_storage_page_set_session (EcertStoragePage *self,
                                EcertSession     *session)
{
  g_autofree char *display = NULL;

  g_return_if_fail (ECERT_IS_STORAGE_PAGE (self));
  g_return_if_fail (ECERT_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  display = g_filename_display_name (ecert_session_get_cache_path (session));
  adw_action_row_set_subtitle (self->location_row, display);
  g_signal_connect_object (session, "notify::cache", G_CALLBACK (cache_opened_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::cache-error", G_CALLBACK (cache_failed_cb), self,
                           G_CONNECT_SWAPPED);
  cache_opened_cb (self);
  cache_failed_cb (self);
}

static void
set_clearing (EcertStoragePage *self,
              gboolean          clearing)
{
  self->clearing = clearing;
  gtk_widget_set_visible (GTK_WIDGET (self->clear_spinner), clearing);
  gtk_spinner_set_spinning (self->clear_spinner, clearing);
  show_usage (self);
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(EcertStoragePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint deleted = 0;

  if (!ecert_cache_clear_finish (ECERT_CACHE (source), result, &deleted, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_clearing (self, FALSE);
      show_toast (self, error->message);
      return;
    }

  /* Gone with the window: the clearing itself is done all the same. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  set_clearing (self, FALSE);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u certificate deleted",
                                          "%u certificates deleted", deleted),
                             deleted);
  show_toast (self, message);
  refresh_usage (self);
}

static void
clear_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   EcertStoragePage *self)
{
  if (g_strcmp0 (response, "clear") != 0 || self->cache == NULL)
    return;

  set_clearing (self, TRUE);
  ecert_cache_clear_async (self->cache, self->cancellable, cleared_cb, g_object_ref (self));
}

/* What the dialog says will go and what will stay, in whole sentences. */
static char *
describe_clearing (const EcertCacheUsage *usage)
{
  GString *body = g_string_new (NULL);
  guint certificates = deletable (usage);
  guint unsent = usage->drafts + usage->unsent;

  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                             "%u certificate will be deleted from this "
                                             "computer.",
                                             "%u certificates will be deleted from this "
                                             "computer.", certificates),
                          certificates);
  g_string_append_c (body, ' ');
  g_string_append (body, _("What the hub has already delivered cannot be fetched from it "
                           "again."));
  if (usage->sent > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u inquiry already sent will be deleted too.",
                                                 "%u inquiries already sent will be deleted too.",
                                                 usage->sent),
                              usage->sent);
    }

  g_string_append (body, "\n\n");
  if (unsent > 0 && usage->kept_certificates > 0)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                               "Kept: %u unsent inquiry with the certificate "
                                               "it is about, trust anchors and settings.",
                                               "Kept: %u unsent inquiries with the certificates "
                                               "they are about, trust anchors and settings.",
                                               unsent),
                            unsent);
  else if (unsent > 0)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                               "Kept: %u unsent inquiry, trust anchors and "
                                               "settings.",
                                               "Kept: %u unsent inquiries, trust anchors and "
                                               "settings.", unsent),
                            unsent);
  else
    g_string_append (body, _("Kept: trust anchors and settings."));

  return g_string_free (body, FALSE);
}

static void
usage_for_clearing_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(EcertStoragePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (!ecert_cache_get_usage_finish (ECERT_CACHE (source), result, &self->usage, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }
  show_usage (self);

  body = describe_clearing (&self->usage);
  dialog = ecert_confirmation_present (GTK_WIDGET (self), _("Clear Cache?"), body,
                                       _("_Cancel"), "clear", _("_Clear Cache"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (clear_response_cb), self, 0);
}

/* Counted again when asked: the page may have been open for a while. */
static void
clear_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EcertStoragePage *self = ECERT_STORAGE_PAGE (widget);

  if (self->cache == NULL || self->clearing)
    return;

  ecert_cache_get_usage_async (self->cache, self->cancellable, usage_for_clearing_cb,
                               g_object_ref (self));
}

static void
ecert_storage_page_dispose (GObject *object)
{
  EcertStoragePage *self = ECERT_STORAGE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECERT_TYPE_STORAGE_PAGE);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->cache);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ecert_storage_page_parent_class)->dispose (object);
}

static void
ecert_storage_page_finalize (GObject *object)
{
  EcertStoragePage *self = ECERT_STORAGE_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ecert_storage_page_parent_class)->finalize (object);
}

static void
ecert_storage_page_class_init (EcertStoragePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ecert_storage_page_dispose;
  object_class->finalize = ecert_storage_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ecert-storage-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EcertStoragePage, location_row);
  gtk_widget_class_bind_template_child (widget_class, EcertStoragePage, size_row);
  gtk_widget_class_bind_template_child (widget_class, EcertStoragePage, contents_row);
  gtk_widget_class_bind_template_child (widget_class, EcertStoragePage, clear_button);
  gtk_widget_class_bind_template_child (widget_class, EcertStoragePage, clear_spinner);

  gtk_widget_class_install_action (widget_class, "storage.clear", NULL, clear_action_cb);
}

static void
ecert_storage_page_init (EcertStoragePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_action_row_set_subtitle (self->size_row, _("Counting…"));
  adw_action_row_set_subtitle (self->contents_row, _("Counting…"));

  self->cancellable = g_cancellable_new ();
}
