/* ecert-inquiry-thread.c: a certificate's inquiries, replies and drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What this desk sent about a certificate and what came back, oldest
 * first, each with its status, sender, time, text and attachments; sent
 * ones say how far they got (queued, sending, delivered, or failed with
 * the hub's words). Drafts not yet sent come first. Everything is read and
 * parsed in a worker thread; the group only lays it out.
 */

#define G_LOG_DOMAIN "ecert-inquiry-thread"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-codes.h"
#include "ecert-country.h"
#include "ecert-date-time.h"
#include "ecert-draft-discard.h"
#include "ecert-envelope.h"
#include "ecert-inquiry-thread.h"
#include "ecert-inquiry.h"
#include "ecert-rows.h"

struct _EcertInquiryThread
{
  AdwPreferencesGroup  parent_instance;

  EcertCache          *cache;
  gint64               certificate_row;
  char                *number;
  char                *export_country;
  GCancellable        *cancellable;
  GPtrArray           *drafts;    /* EcertCacheDraft, newest last */
  GPtrArray           *rows;
};

enum {
  OPEN_DRAFT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EcertInquiryThread, ecert_inquiry_thread, ADW_TYPE_PREFERENCES_GROUP)

typedef struct
{
  GDateTime    *at;
  char         *sender;   /* NULL: this desk */
  char         *state;    /* NULL: received */
  gboolean      failed;
  EcertInquiry *inquiry;  /* NULL when it cannot be read */
} ThreadEntry;

static void
thread_entry_free (ThreadEntry *entry)
{
  g_clear_pointer (&entry->at, g_date_time_unref);
  g_free (entry->sender);
  g_free (entry->state);
  g_clear_object (&entry->inquiry);
  g_free (entry);
}

typedef struct
{
  EcertCache *cache;
  gint64      certificate_row;
  char       *number;
  char       *export_country;
  GPtrArray  *drafts;
  GPtrArray  *entries;
} ThreadLoad;

static void
thread_load_free (ThreadLoad *load)
{
  g_clear_object (&load->cache);
  g_free (load->number);
  g_free (load->export_country);
  g_clear_pointer (&load->drafts, g_ptr_array_unref);
  g_clear_pointer (&load->entries, g_ptr_array_unref);
  g_free (load);
}

/* Loading, in a worker thread --------------------------------------------- */

static char *
describe_sent_state (const EcertCacheOutboxItem *item,
                     gboolean                   *failed)
{
  EcertTrackingInfo tracking = ecert_tracking_info_from_string (item->hub_tracking);

  *failed = FALSE;
  switch (item->state)
    {
    case ECERT_CACHE_OUTBOX_QUEUED:
      if (item->last_error != NULL)
        /* Translators: %s says why the hub could not be reached */
        return g_strdup_printf (_("Queued, not sent yet: %s"), item->last_error);
      return g_strdup (_("Queued"));
    case ECERT_CACHE_OUTBOX_SENDING:
      return g_strdup (_("Sending"));
    case ECERT_CACHE_OUTBOX_FAILED:
      *failed = TRUE;
      return g_strdup_printf (_("Failed: %s"),
                              item->last_error != NULL ? item->last_error : _("refused by the hub"));
    case ECERT_CACHE_OUTBOX_SENT:
    default:
      break;
    }

  switch (tracking)
    {
    case ECERT_TRACKING_INFO_DELIVERED:
    case ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS:
      return g_strdup (_("Delivered"));
    case ECERT_TRACKING_INFO_FAILED_DELIVERY:
    case ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE:
    case ECERT_TRACKING_INFO_ENVELOPE_NOT_EXISTS:
      *failed = TRUE;
      return g_strdup_printf (_("Failed: %s"),
                              item->hub_message != NULL ? item->hub_message
                                                        : _("the hub could not deliver it"));
    case ECERT_TRACKING_INFO_PENDING_DELIVERY:
    case ECERT_TRACKING_INFO_UNKNOWN:
    default:
      return g_strdup (_("Sent, waiting for delivery"));
    }
}

static EcertInquiry *
read_document (GBytes *document)
{
  gsize size = 0;
  const guint8 *data = document != NULL ? g_bytes_get_data (document, &size) : NULL;

  return data != NULL ? ecert_inquiry_new_from_xml (data, size, NULL) : NULL;
}

static void
add_sent (ThreadLoad *load,
          GPtrArray  *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      const EcertCacheOutboxItem *item = items->pdata[i];
      ThreadEntry *entry;

      if (item->certificate_row != load->certificate_row &&
          g_strcmp0 (item->certificate_number, load->number) != 0)
        continue;

      entry = g_new0 (ThreadEntry, 1);
      entry->at = g_date_time_ref (item->sent_at != NULL ? item->sent_at : item->queued_at);
      entry->state = describe_sent_state (item, &entry->failed);
      entry->inquiry = read_document (item->document);
      g_ptr_array_add (load->entries, entry);
    }
}

static void
add_received (ThreadLoad *load,
              GPtrArray  *responses)
{
  for (guint i = 0; i < responses->len; i++)
    {
      const EcertCacheResponse *response = responses->pdata[i];
      ThreadEntry *entry = g_new0 (ThreadEntry, 1);

      entry->at = g_date_time_ref (response->received_at);
      entry->sender = g_strdup (response->sender);
      entry->inquiry = read_document (response->document);
      g_ptr_array_add (load->entries, entry);
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const ThreadEntry *first = *(ThreadEntry **) a;
  const ThreadEntry *second = *(ThreadEntry **) b;

  return g_date_time_compare (first->at, second->at);
}

static void
keep_own_drafts (ThreadLoad *load,
                 GPtrArray  *drafts)
{
  for (guint i = 0; i < drafts->len; i++)
    {
      EcertCacheDraft *draft = drafts->pdata[i];

      if (draft->certificate_row == load->certificate_row &&
          g_strcmp0 (draft->kind, "inquiry") == 0)
        g_ptr_array_add (load->drafts, g_steal_pointer (&drafts->pdata[i]));
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ThreadLoad *load = task_data;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  GError *error = NULL;

  drafts = ecert_cache_list_drafts (load->cache, &error);
  if (drafts != NULL)
    items = ecert_cache_list_outbox (load->cache, FALSE, &error);
  if (items != NULL)
    responses = ecert_cache_list_responses (load->cache, load->number, load->export_country,
                                            &error);
  if (responses == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  keep_own_drafts (load, drafts);
  add_sent (load, items);
  add_received (load, responses);
  g_ptr_array_sort (load->entries, compare_entries);
  g_task_return_boolean (task, TRUE);
}

/* Showing ------------------------------------------------------------------ */

static void
add_row (EcertInquiryThread *self,
         GtkWidget          *row)
{
  g_ptr_array_add (self->rows, row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
}

static void
clear_rows (EcertInquiryThread *self)
{
  ecert_rows_remove_all (ADW_PREFERENCES_GROUP (self), self->rows);
}

static void
show_draft (EcertInquiryThread    *self,
            const EcertCacheDraft *draft)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = ecert_date_time_format_moment (draft->updated_at);
  /* Translators: %s is a date and time */
  g_autofree char *subtitle = g_strdup_printf (_("Not sent; last changed %s"), when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Draft"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("document-edit-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             ecert_rows_new_button (_("_Continue"), "thread.open-draft", draft->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             ecert_rows_new_button (_("_Discard…"), "thread.discard-draft",
                                                    draft->id));
  add_row (self, row);
}

static char *
describe_inquiry (EcertInquiry *inquiry)
{
  GString *text = g_string_new (NULL);
  GPtrArray *reasons = ecert_inquiry_get_reasons (inquiry);
  GPtrArray *attachments = ecert_inquiry_get_attachments (inquiry);
  EcertInquiryMeasure measures = ecert_inquiry_get_measures (inquiry);

  for (guint i = 0; i < reasons->len; i++)
    {
      const EcertInquiryReason *reason = reasons->pdata[i];

      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", reason->text);
    }

  for (guint i = 0; i < 7; i++)
    if ((measures & (1 << i)) != 0)
      {
        const char *label = ecert_codes_border_measure_label (ecert_inquiry_measure_to_code (1 << i));

        /* Translators: a measure taken at the border, e.g. "Detained" */
        g_string_append_printf (text, "\n%s %s", _("Measure:"), label);
      }

  for (guint i = 0; i < attachments->len; i++)
    {
      const EcertInquiryAttachment *attachment = attachments->pdata[i];

      g_string_append_printf (text, "\n%s %s", _("Attachment:"), attachment->filename);
    }
  return g_string_free (text, FALSE);
}

static const char *
status_meaning (EcertInquiry *inquiry)
{
  g_autofree char *code = NULL;
  const char *label;

  if (inquiry == NULL)
    return _("A message that cannot be read");

  code = g_strdup_printf ("%u", ecert_inquiry_get_status (inquiry));
  label = ecert_codes_acknowledgement_status_label (code);
  return label != NULL ? label : _("Unknown status");
}

static GtkWidget *
new_state_label (const ThreadEntry *entry)
{
  GtkWidget *label = gtk_label_new (entry->state != NULL ? entry->state : _("Received"));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, entry->failed ? "error" : "dim-label");
  return label;
}

static void
show_entry (EcertInquiryThread *self,
            const ThreadEntry  *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = ecert_date_time_format_moment (entry->at);
  const char *country = entry->sender != NULL ? ecert_country_get_name (entry->sender) : NULL;
  const char *sender = entry->sender == NULL ? _("You")
                                             : (country != NULL ? country : entry->sender);
  /* Translators: status, sender and time of a message, e.g.
   * "Currently valid · New Zealand · 2026-05-01 10:12" */
  g_autofree char *title = g_strdup_printf (_("%s · %s · %s"), status_meaning (entry->inquiry),
                                            sender, when);
  g_autofree char *text = entry->inquiry != NULL ? describe_inquiry (entry->inquiry) : g_strdup ("");
  g_autofree char *title_markup = g_markup_escape_text (title, -1);
  g_autofree char *text_markup = g_markup_escape_text (text, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text_markup);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (entry->sender == NULL
                                                           ? "mail-send-symbolic"
                                                           : "mail-unread-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_state_label (entry));
  add_row (self, row);
}

static void
show_loaded (EcertInquiryThread *self,
             ThreadLoad         *load)
{
  clear_rows (self);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  self->drafts = g_steal_pointer (&load->drafts);

  for (guint i = 0; i < self->drafts->len; i++)
    show_draft (self, self->drafts->pdata[i]);
  for (guint i = 0; i < load->entries->len; i++)
    show_entry (self, load->entries->pdata[i]);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         self->rows->len == 0
                                         ? _("Nothing was asked or answered about this "
                                             "certificate yet.")
                                         : NULL);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(EcertInquiryThread) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), error->message);
      return;
    }

  show_loaded (self, g_task_get_task_data (G_TASK (result)));
}

/**
 * ecert_inquiry_thread_reload:
 *
 * Reads the thread again, after a send, a draft saved, or a fetch.
 */
void
ecert_inquiry_thread_reload (EcertInquiryThread *self)
{
  g_autoptr(GTask) task = NULL;
  ThreadLoad *load;

  g_return_if_fail (ECERT_IS_INQUIRY_THREAD (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  load = g_new0 (ThreadLoad, 1);
  load->cache = g_object_ref (self->cache);
  load->certificate_row = self->certificate_row;
  load->number = g_strdup (self->number);
  load->export_country = g_strdup (self->export_country);
  load->drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_cache_draft_free);
  load->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) thread_entry_free);

  task = g_task_new (NULL, self->cancellable, loaded_cb, g_object_ref (self));
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, load, (GDestroyNotify) thread_load_free);
  g_task_run_in_thread (task, load_thread);
}

static const EcertCacheDraft *
find_draft (EcertInquiryThread *self,
            gint64              id)
{
  for (guint i = 0; self->drafts != NULL && i < self->drafts->len; i++)
    {
      const EcertCacheDraft *draft = self->drafts->pdata[i];

      if (draft->id == id)
        return draft;
    }
  return NULL;
}

/**
 * ecert_inquiry_thread_get_latest_draft:
 * @content: (out) (optional) (transfer full): what was saved in it
 *
 * Returns: the draft last changed, or 0 when there is none
 */
gint64
ecert_inquiry_thread_get_latest_draft (EcertInquiryThread  *self,
                                       GBytes             **content)
{
  const EcertCacheDraft *latest = NULL;

  g_return_val_if_fail (ECERT_IS_INQUIRY_THREAD (self), 0);

  for (guint i = 0; self->drafts != NULL && i < self->drafts->len; i++)
    {
      const EcertCacheDraft *draft = self->drafts->pdata[i];

      if (latest == NULL || g_date_time_compare (draft->updated_at, latest->updated_at) >= 0)
        latest = draft;
    }

  if (content != NULL)
    *content = latest != NULL ? g_bytes_ref (latest->content) : NULL;
  return latest != NULL ? latest->id : 0;
}

static void
open_draft_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EcertInquiryThread *self = ECERT_INQUIRY_THREAD (widget);
  const EcertCacheDraft *draft = find_draft (self, g_variant_get_int64 (parameter));

  if (draft != NULL)
    g_signal_emit (self, signals[OPEN_DRAFT], 0, draft->id, draft->content);
}

/* Discarding, after a confirmation ------------------------------------------ */

static void
draft_discarded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(EcertInquiryThread) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ecert_draft_discard_finish (result, &error) && error != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), error->message);
  ecert_inquiry_thread_reload (self);
}

static void
discard_draft_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  EcertInquiryThread *self = ECERT_INQUIRY_THREAD (widget);

  ecert_draft_discard_async (widget, self->cache, g_variant_get_int64 (parameter),
                             draft_discarded_cb, g_object_ref (self));
}

EcertInquiryThread *
ecert_inquiry_thread_new (EcertCache *cache,
                          gint64      certificate_row,
                          const char *number,
                          const char *export_country)
{
  EcertInquiryThread *self;

  g_return_val_if_fail (ECERT_IS_CACHE (cache), NULL);

  self = g_object_new (ECERT_TYPE_INQUIRY_THREAD,
                       "title", _("Inquiries and Responses"),
                       NULL);
  self->cache = g_object_ref (cache);
  self->certificate_row = certificate_row;
  self->number = g_strdup (number);
  self->export_country = g_strdup (export_country);
  return self;
}

static void
ecert_inquiry_thread_dispose (GObject *object)
{
  EcertInquiryThread *self = ECERT_INQUIRY_THREAD (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ecert_inquiry_thread_parent_class)->dispose (object);
}

static void
ecert_inquiry_thread_finalize (GObject *object)
{
  EcertInquiryThread *self = ECERT_INQUIRY_THREAD (object);

  g_free (self->number);
  g_free (self->export_country);

  G_OBJECT_CLASS (ecert_inquiry_thread_parent_class)->finalize (object);
}

static void
ecert_inquiry_thread_class_init (EcertInquiryThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ecert_inquiry_thread_dispose;
  object_class->finalize = ecert_inquiry_thread_finalize;

  gtk_widget_class_install_action (widget_class, "thread.open-draft", "x", open_draft_action_cb);
  gtk_widget_class_install_action (widget_class, "thread.discard-draft", "x",
                                   discard_draft_action_cb);

  /**
   * EcertInquiryThread::open-draft:
   * @draft_id: the draft's row in the cache
   * @content: what was saved in it
   */
  signals[OPEN_DRAFT] =
    g_signal_new ("open-draft", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BYTES);
}

static void
ecert_inquiry_thread_init (EcertInquiryThread *self)
{
  self->rows = g_ptr_array_new ();
}
