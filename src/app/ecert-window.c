/* ecert-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-accessible.h"
#include "ecert-cache-list-model.h"
#include "ecert-certificate-list.h"
#include "ecert-certificate-printer.h"
#include "ecert-certificate-view.h"
#include "ecert-drafts-window.h"
#include "ecert-error.h"
#include "ecert-file-filters.h"
#include "ecert-help.h"
#include "ecert-importer.h"
#include "ecert-inquiry-editor.h"
#include "ecert-paper-check.h"
#include "ecert-session.h"
#include "ecert-window.h"

struct _EcertWindow
{
  AdwApplicationWindow     parent_instance;

  EcertSession            *session;
  GSettings               *settings;
  GCancellable            *cancellable;
  EcertCertificatePrinter *printer;

  GtkStack                *main_stack;
  AdwLeaflet              *leaflet;
  GtkStack                *content_stack;
  GtkButton               *back_button;
  GtkButton               *print_button;
  AdwStatusPage           *empty_page;
  EcertCertificateList    *certificate_list;
  EcertCertificateView    *certificate_view;
  EcertPaperCheck         *paper_check;
  AdwToastOverlay         *toast_overlay;
  GtkRevealer             *sync_revealer;
  GtkLabel                *sync_label;
  GtkProgressBar          *sync_progress;
  GtkInfoBar              *sync_error_bar;
  GtkLabel                *sync_error_label;

  guint                    pulse_id;
};

G_DEFINE_FINAL_TYPE (EcertWindow, ecert_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

EcertWindow *
ecert_window_new (EcertApplication *application)
{
  g_return_val_if_fail (ECERT_IS_APPLICATION (application), NULL);

  return g_object_new (ECERT_TYPE_WINDOW,
                       "application", application,
                       "session", ecert_application_get_session (application),
                       NULL);
}

static void
restore_window_state (EcertWindow *self)
{
  GSettings *settings = self->settings;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));

  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/**
 * ecert_window_save_state:
 *
 * Remembers the window's size and whether it is maximized, for the next run.
 */
void
ecert_window_save_state (EcertWindow *self)
{
  GSettings *settings = self->settings;
  int width;
  int height;

  /* The unmaximized size is the one worth restoring: a maximized window
   * keeps reporting its last normal size as the default size. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (settings);
}

/**
 * ecert_window_get_certificate_list:
 *
 * Returns: (transfer none): the list of cached certificates
 */
EcertCertificateList *
ecert_window_get_certificate_list (EcertWindow *self)
{
  g_return_val_if_fail (ECERT_IS_WINDOW (self), NULL);

  return self->certificate_list;
}

static gboolean
ecert_window_close_request (GtkWindow *window)
{
  ecert_window_save_state (ECERT_WINDOW (window));

  return GTK_WINDOW_CLASS (ecert_window_parent_class)->close_request (window);
}

static void
connect_hub_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  ecert_application_show_preferences (ECERT_APPLICATION (app));
}

/* Back is there when something is stacked over the list: the paper check,
 * or a certificate in a folded (narrow) window. Print is there when a
 * certificate is on screen. */
static gboolean
is_certificate_shown (EcertWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "browse") == 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "certificate") == 0 &&
         (!adw_leaflet_get_folded (self->leaflet) ||
          g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "content") == 0);
}

static void
update_back_button (EcertWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean over_list = g_strcmp0 (page, "paper-check") == 0 ||
                       (g_strcmp0 (page, "browse") == 0 &&
                        adw_leaflet_get_folded (self->leaflet) &&
                        g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "content") == 0);

  gboolean certificate_shown = is_certificate_shown (self);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), over_list);
  gtk_widget_set_visible (GTK_WIDGET (self->print_button), certificate_shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", certificate_shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf", certificate_shown);
}

static void
leaflet_changed_cb (EcertWindow *self)
{
  update_back_button (self);
}

/* The pages: "empty", "certificates" (the list), "certificate" (the list
 * and the certificate side by side, or the certificate alone when the
 * window is narrow) and "paper-check". */
static void
show_page (EcertWindow *self,
           const char  *name)
{
  gboolean certificate = g_strcmp0 (name, "certificate") == 0;

  if (g_strcmp0 (name, "certificates") == 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "browse");
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
    }
  else if (certificate)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "browse");
      gtk_stack_set_visible_child_name (self->content_stack, "certificate");
      adw_leaflet_set_visible_child_name (self->leaflet, "content");
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, name);

  update_back_button (self);

  /* Keyboard focus follows the page, never stays on a hidden one. */
  if (certificate)
    ecert_certificate_view_focus (self->certificate_view);
  else if (g_strcmp0 (name, "certificates") == 0)
    ecert_certificate_list_focus_list (self->certificate_list);
  else if (g_strcmp0 (name, "paper-check") == 0)
    ecert_paper_check_focus (self->paper_check);
}

static gboolean
is_unset (const char *value)
{
  return value == NULL || value[0] == '\0';
}

/* Neither searched nor filtered: an empty result means an empty cache. */
static gboolean
query_shows_everything (EcertCacheQuery *query)
{
  return is_unset (ecert_cache_query_get_text (query)) &&
         is_unset (ecert_cache_query_get_country (query)) &&
         is_unset (ecert_cache_query_get_status (query)) &&
         is_unset (ecert_cache_query_get_verdict (query)) &&
         is_unset (ecert_cache_query_get_type_code (query)) &&
         ecert_cache_query_get_issued_from (query) == NULL &&
         ecert_cache_query_get_issued_to (query) == NULL;
}

static void
rows_changed_cb (GListModel  *model,
                 guint        position,
                 guint        removed,
                 guint        added,
                 EcertWindow *self)
{
  EcertCacheQuery *query = ecert_cache_list_model_get_query (ECERT_CACHE_LIST_MODEL (model));

  /* The empty state is for an empty cache; once certificates are there the
   * list stays, and a search without results says so itself. */
  if (g_list_model_get_n_items (model) > 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "empty") == 0)
    show_page (self, "certificates");
  /* Nothing left without a search: the cache was cleared. */
  else if (g_list_model_get_n_items (model) == 0 && query_shows_everything (query) &&
           !ecert_cache_list_model_get_loading (ECERT_CACHE_LIST_MODEL (model)))
    show_page (self, "empty");
}

/* The cache is open: the list shows it. */
static void
cache_opened_cb (EcertWindow *self)
{
  EcertCache *cache = ecert_session_get_cache (self->session);
  GListModel *model;

  if (cache == NULL || ecert_certificate_list_get_model (self->certificate_list) != NULL)
    return;

  ecert_certificate_list_set_cache (self->certificate_list, cache);
  model = ecert_certificate_list_get_model (self->certificate_list);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (rows_changed_cb), self, 0);
  rows_changed_cb (model, 0, 0, 0, self);
}

static void
cache_failed_cb (EcertWindow *self)
{
  const GError *error = ecert_session_get_cache_error (self->session);
  g_autofree char *description = NULL;

  if (error == NULL)
    return;

  description = g_strdup_printf (_("The local certificate cache cannot be opened: %s"),
                                 error->message);
  adw_status_page_set_description (self->empty_page, description);
}

static void
certificate_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(EcertWindow) self = user_data;
  g_autoptr(EcertStoredCertificate) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = ecert_session_load_certificate_finish (ECERT_SESSION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (stored == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  ecert_certificate_view_show (self->certificate_view, stored);
  show_page (self, "certificate");
}

/* The verdict's reason is said in the reader's language, whatever
 * language it was stored in. */
static void
certificate_activated_cb (EcertWindow *self,
                          gint64       row)
{
  ecert_session_load_certificate_async (self->session, row, ECERT_STORED_CERTIFICATE_EXPLAIN,
                                        self->cancellable, certificate_loaded_cb,
                                        g_object_ref (self));
}

/* "3 stored, 1 duplicate, 0 rejected"; the reasons of rejections go into
 * @rejections, one file a paragraph. */
static char *
summarize_import (GPtrArray *results,
                  GString   *rejections)
{
  guint stored = 0;
  guint duplicates = 0;
  guint rejected = 0;
  g_autofree char *stored_text = NULL;
  g_autofree char *duplicates_text = NULL;
  g_autofree char *rejected_text = NULL;

  for (guint i = 0; i < results->len; i++)
    {
      EcertImportResult *result = g_ptr_array_index (results, i);

      if (result->outcome == ECERT_IMPORT_STORED)
        stored++;
      else if (result->outcome == ECERT_IMPORT_DUPLICATE)
        duplicates++;
      else
        {
          rejected++;
          g_string_append_printf (rejections, "%s\n%s\n\n", result->path, result->message);
        }
    }

  stored_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u certificate stored",
                                              "%u certificates stored", stored), stored);
  duplicates_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duplicate",
                                                  "%u duplicates", duplicates), duplicates);
  rejected_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rejected", "%u rejected",
                                                rejected), rejected);
  /* Translators: "5 certificates stored, 1 duplicate, 0 rejected" */
  return g_strdup_printf (_("%s, %s, %s"), stored_text, duplicates_text, rejected_text);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EcertWindow) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) rejections = g_string_new (NULL);
  g_autofree char *summary = NULL;

  results = ecert_session_import_files_finish (ECERT_SESSION (source), result, &error);
  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  summary = summarize_import (results, rejections);
  if (rejections->len == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (summary));
      return;
    }

  /* A rejected file deserves its reason, not only a count. */
  {
    GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Some Files Were Not Imported"),
                                                NULL);

    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", summary,
                                    g_strstrip (rejections->str));
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

static void
import_files (EcertWindow *self,
              GPtrArray   *files)
{
  ecert_session_import_files_async (self->session, files, self->cancellable, import_done_cb,
                                    g_object_ref (self));
}

static void
files_chosen_cb (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         user_data)
{
  EcertWindow *self = ECERT_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      import_files (self, files);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EcertWindow *self = ECERT_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Import Certificates"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  ecert_file_filters_add (GTK_FILE_CHOOSER (dialog), _("Certificates (XML)"),
                          "application/xml", "text/xml", "*.xml", NULL);
  /* Mail that partners pushed: every certificate attached is imported. */
  ecert_file_filters_add (GTK_FILE_CHOOSER (dialog), _("Mail Messages (.eml, mbox)"),
                          "message/rfc822", "application/mbox", "*.eml", "*.mbox", NULL);

  g_signal_connect (dialog, "response", G_CALLBACK (files_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
files_dropped_cb (GtkDropTarget *target,
                  const GValue  *value,
                  double         x,
                  double         y,
                  EcertWindow   *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (GSList *iter = list; iter != NULL; iter = iter->next)
    g_ptr_array_add (files, g_object_ref (iter->data));

  import_files (self, files);
  return TRUE;
}

static void
show_toast (EcertWindow *self,
            const char  *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
pulse_cb (gpointer user_data)
{
  EcertWindow *self = user_data;

  gtk_progress_bar_pulse (self->sync_progress);
  return G_SOURCE_CONTINUE;
}

/* Until the hub has said how many envelopes wait, the bar can only pulse. */
static void
set_pulsing (EcertWindow *self,
             gboolean     pulsing)
{
  if (pulsing && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (120, pulse_cb, self);
  else if (!pulsing)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
sync_progress_cb (EcertWindow *self)
{
  const char *status = ecert_session_get_sync_status (self->session);
  double fraction = ecert_session_get_sync_fraction (self->session);

  if (status != NULL)
    gtk_label_set_text (self->sync_label, status);

  set_pulsing (self, ecert_session_get_syncing (self->session) && fraction < 0);
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->sync_progress, fraction);
}

static void
syncing_changed_cb (EcertWindow *self)
{
  gboolean syncing = ecert_session_get_syncing (self->session);

  gtk_revealer_set_reveal_child (self->sync_revealer, syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-sync", syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", !syncing);
  if (syncing)
    gtk_progress_bar_set_fraction (self->sync_progress, 0);
  sync_progress_cb (self);
}

/* Why the last fetch failed stays above the list until the next one: the
 * hub and the mailbox each have their line. */
static void
last_error_changed_cb (EcertWindow *self)
{
  const GError *office_error = ecert_session_get_office_error (self->session);
  const GError *error = ecert_session_get_last_error (self->session);
  const GError *mail_error = ecert_session_get_last_mail_error (self->session);
  g_autoptr(GString) text = g_string_new (NULL);

  /* Offline from the office, a fetch fails for the same reason: said once. */
  if (office_error != NULL)
    error = NULL;

  /* Emptied as well, so that what is no longer true is not read out. */
  if (office_error == NULL && error == NULL && mail_error == NULL)
    {
      gtk_info_bar_set_revealed (self->sync_error_bar, FALSE);
      gtk_label_set_text (self->sync_error_label, "");
      return;
    }

  if (office_error != NULL)
    g_string_append_printf (text, _("Not connected to the office: %s. Everything received so "
                                    "far stays available and inquiries wait in the outbox; "
                                    "the desk keeps trying to reconnect."),
                            office_error->message);
  if (error != NULL)
    g_string_append_printf (text, _("Fetching from the hub failed: %s"), error->message);
  if ((office_error != NULL || error != NULL) && mail_error != NULL)
    g_string_append_c (text, '\n');
  if (mail_error != NULL)
    g_string_append_printf (text, _("Reading mail failed: %s"), mail_error->message);
  gtk_label_set_text (self->sync_error_label, text->str);
  gtk_info_bar_set_revealed (self->sync_error_bar, TRUE);
}

static void
sync_error_response_cb (EcertWindow *self,
                        int          response)
{
  if (response == GTK_RESPONSE_CLOSE)
    gtk_info_bar_set_revealed (self->sync_error_bar, FALSE);
}

static char *
describe_new_certificates (guint count)
{
  if (count == 0)
    return g_strdup (_("No new certificates"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new certificate",
                                       "%u new certificates", count), count);
}

/* An inspector working in another window learns of news from the
 * desktop; one looking at this one from a toast. */
static void
announce (EcertWindow *self,
          const char  *id,
          const char  *title,
          const char  *body)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = NULL;
  GApplication *application;

  show_toast (self, title);
  if (gtk_window_is_active (GTK_WINDOW (self)))
    return;

  application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  icon = g_themed_icon_new (APP_ID);
  g_notification_set_icon (notification, icon);
  g_application_send_notification (application, id, notification);
}

/* What a fetch brought; an import says what it stored itself. */
static void
fetched_cb (EcertWindow *self,
            guint        certificates,
            guint        responses)
{
  if (certificates > 0)
    {
      g_autofree char *title = describe_new_certificates (certificates);

      announce (self, "new-certificates", title, _("Fetched and verified"));
    }

  if (responses > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u new inquiry or response",
                                                             "%u new inquiries or responses",
                                                             responses), responses);

      announce (self, "new-responses", title,
                _("Received from your exchange hub; see the certificate they are about"));
    }
}

static void
active_changed_cb (EcertWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  /* Seen here now: the desktop need not keep saying so. */
  if (application != NULL && gtk_window_is_active (GTK_WINDOW (self)))
    {
      g_application_withdraw_notification (G_APPLICATION (application), "new-certificates");
      g_application_withdraw_notification (G_APPLICATION (application), "new-responses");
    }
}

/* A fetch that failed says so above the list (see last_error_changed_cb);
 * one that worked brings news (see fetched_cb), or says it brought none. */
static void
sync_finished_cb (EcertWindow  *self,
                  const GError *error)
{
  const EcertSyncProgress *progress = ecert_session_get_sync_progress (self->session);

  if (error == NULL)
    {
      /* A mailbox that could not be read says so above the list. */
      if (progress->stored == 0 && ecert_session_get_last_mail_error (self->session) == NULL)
        show_toast (self, _("No new certificates"));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *kept = describe_new_certificates (progress->stored);
      /* Translators: %s is "3 new certificates" or "No new certificates" */
      g_autofree char *text = g_strdup_printf (_("Fetching stopped. %s kept."), kept);

      show_toast (self, progress->stored > 0 ? text : _("Fetching stopped"));
    }
  else if (g_error_matches (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS))
    {
      GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

      show_toast (self, error->message);
      ecert_application_show_preferences (ECERT_APPLICATION (application));
    }
}

/* Retry, above the list: reconnect to the office now, and fetch. */
static void
retry_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ecert_session_retry (ECERT_WINDOW (widget)->session);
}

/* Ctrl+R: fetch what the hub holds for us. */
static void
sync_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ecert_session_sync (ECERT_WINDOW (widget)->session);
}

/* Only an inquiry just sent is worth a word when the hub is away: the
 * outbox is delivered after every fetch, and the thread says what waits. */
static void
sent_inquiry_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EcertWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  EcertOutboxProgress progress;
  gboolean queued = FALSE;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (ecert_session_send_inquiry_finish (ECERT_SESSION (source), result, &progress, &queued,
                                         &error))
    {
      if (progress.sent > 0)
        show_toast (self, _("Inquiry sent"));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (queued)
    {
      /* Translators: %s says why the hub cannot be reached */
      g_autofree char *text = g_strdup_printf (_("Inquiry queued: %s. It goes out with the next "
                                                 "fetch."), error->message);

      show_toast (self, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("The inquiry cannot be queued: %s"),
                                               error->message);

      show_toast (self, text);
    }
}

static void
inquiry_send_cb (EcertWindow  *self,
                 EcertInquiry *inquiry,
                 gint64        draft_id)
{
  show_toast (self, _("Sending the inquiry…"));
  ecert_session_send_inquiry_async (self->session, inquiry, draft_id, self->cancellable,
                                    sent_inquiry_cb, g_object_ref (self));
}

static void
draft_saved_cb (EcertWindow *self,
                gint64       draft_id)
{
  ecert_certificate_view_reload_thread (self->certificate_view);
}

static void
inquire_cb (EcertWindow  *self,
            EcertInquiry *inquiry,
            gint64        certificate_row,
            gint64        draft_id)
{
  EcertCache *cache = ecert_session_get_cache (self->session);
  EcertInquiryEditor *editor;

  if (cache == NULL)
    return;

  editor = ecert_inquiry_editor_new (GTK_WINDOW (self), cache, certificate_row, draft_id,
                                     inquiry);
  g_signal_connect_object (editor, "send", G_CALLBACK (inquiry_send_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "draft-saved", G_CALLBACK (draft_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Ctrl+I: about the certificate on show. */
static void
inquire_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EcertWindow *self = ECERT_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "browse") == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "certificate") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->certificate_view), "view.inquire", NULL);
}

/* Every unsent inquiry, whichever certificate it is about. */
static void
drafts_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EcertWindow *self = ECERT_WINDOW (widget);
  EcertCache *cache = ecert_session_get_cache (self->session);
  EcertDraftsWindow *drafts;

  if (cache == NULL)
    return;

  drafts = ecert_drafts_window_new (GTK_WINDOW (self), cache);
  g_signal_connect_object (drafts, "open-certificate", G_CALLBACK (certificate_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drafts, "draft-discarded",
                           G_CALLBACK (ecert_certificate_view_reload_thread),
                           self->certificate_view, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (drafts));
}

static void
paper_check_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  show_page (ECERT_WINDOW (widget), "paper-check");
}

static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (EcertWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!ecert_help_show_finish (GTK_WINDOW (source), result, &error))
    {
      g_warning ("The help viewer could not be started: %s", error->message);
      show_toast (self, _("The user guide cannot be opened: no help viewer could be started"));
    }
}

/* The guide opens on the page about what is on screen. */
static void
help_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EcertWindow *self = ECERT_WINDOW (widget);
  const char *page = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "paper-check") == 0)
    page = "paper-check";
  else if (is_certificate_shown (self))
    page = "certificate";

  ecert_help_show_async (GTK_WINDOW (self), page, NULL, help_shown_cb, g_object_ref (self));
}

static void
stop_sync_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ecert_session_stop_sync (ECERT_WINDOW (widget)->session);
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  show_page (ECERT_WINDOW (widget), "certificates");
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EcertWindow *self = ECERT_WINDOW (widget);

  show_page (self, "certificates");
  ecert_certificate_list_focus_search (self->certificate_list);
}

/* Ctrl+P: the certificate on show, as a document, through the print dialog. */
static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EcertWindow *self = ECERT_WINDOW (widget);

  ecert_certificate_printer_print (self->printer, GTK_WINDOW (self), self->certificate_view);
}

/* Ctrl+Shift+E: the same document as printed, as a PDF file. */
static void
export_pdf_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EcertWindow *self = ECERT_WINDOW (widget);

  ecert_certificate_printer_export_pdf (self->printer, GTK_WINDOW (self), self->certificate_view);
}

static void
ecert_window_constructed (GObject *object)
{
  EcertWindow *self = ECERT_WINDOW (object);

  G_OBJECT_CLASS (ecert_window_parent_class)->constructed (object);

  ecert_certificate_view_set_session (self->certificate_view, self->session);
  ecert_paper_check_set_session (self->paper_check, self->session);

  g_signal_connect_object (self->session, "notify::cache", G_CALLBACK (cache_opened_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::cache-error", G_CALLBACK (cache_failed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::syncing", G_CALLBACK (syncing_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::sync-status", G_CALLBACK (sync_progress_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::sync-fraction", G_CALLBACK (sync_progress_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::last-error",
                           G_CALLBACK (last_error_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::last-mail-error",
                           G_CALLBACK (last_error_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::office-error",
                           G_CALLBACK (last_error_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "sync-finished", G_CALLBACK (sync_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "new-arrivals::fetch", G_CALLBACK (fetched_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "outbox-flushed",
                           G_CALLBACK (ecert_certificate_view_reload_thread),
                           self->certificate_view, G_CONNECT_SWAPPED);

  /* A window opened after the cache, or during a fetch, shows them too. */
  cache_opened_cb (self);
  cache_failed_cb (self);
  syncing_changed_cb (self);
  last_error_changed_cb (self);
}

static void
ecert_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EcertWindow *self = ECERT_WINDOW (object);

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
ecert_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EcertWindow *self = ECERT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_window_dispose (GObject *object)
{
  EcertWindow *self = ECERT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->printer);

  G_OBJECT_CLASS (ecert_window_parent_class)->dispose (object);
}

static void
ecert_window_class_init (EcertWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ecert_window_constructed;
  object_class->get_property = ecert_window_get_property;
  object_class->set_property = ecert_window_set_property;
  object_class->dispose = ecert_window_dispose;

  window_class->close_request = ecert_window_close_request;

  /**
   * EcertWindow:session:
   *
   * The cache, trust anchors and hub the window shows and works with.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ECERT_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ecert-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, certificate_list);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, certificate_view);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, paper_check);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, print_button);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, sync_revealer);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, sync_error_bar);
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, sync_error_label);
  gtk_widget_class_bind_template_callback (widget_class, certificate_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_error_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, inquire_cb);

  gtk_widget_class_install_action (widget_class, "win.connect-hub", NULL, connect_hub_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action_cb);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action_cb);
  gtk_widget_class_install_action (widget_class, "win.paper-check", NULL, paper_check_action_cb);
  gtk_widget_class_install_action (widget_class, "win.drafts", NULL, drafts_action_cb);
  gtk_widget_class_install_action (widget_class, "win.stop-sync", NULL, stop_sync_action_cb);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action_cb);
  gtk_widget_class_install_action (widget_class, "win.inquire", NULL, inquire_action_cb);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.inquire", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.stop-sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  /* The paper check: scanners type a number and Enter. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.paper-check", NULL);
}

static void
ecert_window_init (EcertWindow *self)
{
  g_type_ensure (ECERT_TYPE_CERTIFICATE_LIST);
  g_type_ensure (ECERT_TYPE_CERTIFICATE_VIEW);
  g_type_ensure (ECERT_TYPE_PAPER_CHECK);
  gtk_widget_init_template (GTK_WIDGET (self));
  ecert_accessible_name_buttons (GTK_WIDGET (self));
  ecert_accessible_name_close_button (GTK_WIDGET (self->sync_error_bar));

  /* Its own: saving the window's size puts it in delay-apply mode. */
  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  restore_window_state (self);
  self->cancellable = g_cancellable_new ();
  self->printer = ecert_certificate_printer_new ();
  g_signal_connect_object (self->printer, "message", G_CALLBACK (show_toast), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-sync", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf", FALSE);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);

  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (files_dropped_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  adw_status_page_set_icon_name (self->empty_page, APP_ID "-symbolic");

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
