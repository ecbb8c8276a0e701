/* ecert-outbox.c: inquiries on their way to the hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An inquiry is queued in the cache with a hub delivery number chosen
 * before it is ever sent; a flush delivers what is queued with
 * DeliverCountryResponseEnvelope and refreshes the tracking of what was
 * sent. It is never delivered twice: before each request the entry is
 * marked as sending, durably, and an entry found in that state (a crash,
 * a reply lost on the way) is first looked up with GetEnvelopeTrackingInfo
 * under its number; only a hub that says it has no such envelope gets it
 * again. A failure leaves the entry in that state, so the rule holds
 * whatever failed. Faults are the hub's refusal: recorded with its message,
 * not retried.
 */

#define G_LOG_DOMAIN "ecert-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ecert-error.h"
#include "ecert-outbox.h"

struct _EcertOutbox
{
  GObject              parent_instance;

  EcertHubClient      *client;
  EcertCache          *cache;
  gboolean             use_backoff;
  EcertOutboxProgress  progress;
};

G_DEFINE_FINAL_TYPE (EcertOutbox, ecert_outbox, G_TYPE_OBJECT)

typedef struct
{
  GPtrArray    *items;      /* EcertCacheOutboxItem, for this hub */
  guint         next;
  char         *sender;     /* this desk's country, once asked */
  GError       *unreachable;
} Flush;

static void
flush_free (Flush *flush)
{
  g_clear_pointer (&flush->items, g_ptr_array_unref);
  g_free (flush->sender);
  g_clear_error (&flush->unreachable);
  g_free (flush);
}

static void
ecert_outbox_dispose (GObject *object)
{
  EcertOutbox *self = ECERT_OUTBOX (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (ecert_outbox_parent_class)->dispose (object);
}

static void
ecert_outbox_class_init (EcertOutboxClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ecert_outbox_dispose;
}

static void
ecert_outbox_init (EcertOutbox *self)
{
  self->use_backoff = TRUE;
}

EcertOutbox *
ecert_outbox_new (EcertHubClient *client,
                  EcertCache     *cache)
{
  EcertOutbox *self;

  g_return_val_if_fail (ECERT_IS_HUB_CLIENT (client), NULL);
  g_return_val_if_fail (ECERT_IS_CACHE (cache), NULL);

  self = g_object_new (ECERT_TYPE_OUTBOX, NULL);
  self->client = g_object_ref (client);
  self->cache = g_object_ref (cache);
  return self;
}

/**
 * ecert_outbox_set_use_backoff:
 * @use_backoff: %FALSE to try every queued entry now, as when a person
 *   asks for it; %TRUE (the default) to skip those whose pause after a
 *   failure has not ended, as automatic flushes should
 */
void
ecert_outbox_set_use_backoff (EcertOutbox *self,
                              gboolean     use_backoff)
{
  g_return_if_fail (ECERT_IS_OUTBOX (self));
  self->use_backoff = use_backoff;
}

const EcertOutboxProgress *
ecert_outbox_get_progress (EcertOutbox *self)
{
  g_return_val_if_fail (ECERT_IS_OUTBOX (self), NULL);
  return &self->progress;
}

/**
 * ecert_outbox_queue:
 * @inquiry: a valid inquiry
 * @certificate: (nullable): the certificate in the cache it is about; its
 *   importing country is this desk's, the sender's (without it, the hub is
 *   asked when sending)
 * @draft_id: the draft it was written in, deleted in the same transaction,
 *   or 0
 * @id: (out) (optional): the outbox entry
 *
 * Queues @inquiry for the client's hub, with the delivery number it will
 * be tracked by.
 */
gboolean
ecert_outbox_queue (EcertOutbox    *self,
                    EcertInquiry   *inquiry,
                    EcertCacheRow  *certificate,
                    gint64          draft_id,
                    gint64         *id,
                    GError        **error)
{
  g_autoptr(GBytes) document = NULL;
  g_autofree char *tracking_number = g_uuid_string_random ();
  g_autofree char *country = NULL;
  EcertCacheOutboxItem item = { 0 };

  g_return_val_if_fail (ECERT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (ECERT_IS_INQUIRY (inquiry), FALSE);

  document = ecert_inquiry_to_xml (inquiry, error);
  if (document == NULL)
    return FALSE;

  country = g_ascii_strup (ecert_inquiry_get_export_country (inquiry), -1);
  item.hub_url = (char *) ecert_hub_client_get_address (self->client);
  if (certificate != NULL)
    {
      item.certificate_row = ecert_cache_row_get_id (certificate);
      item.sender = (char *) ecert_cache_row_get_import_country (certificate);
    }
  item.document = document;
  item.certificate_number = (char *) ecert_inquiry_get_certificate_number (inquiry);
  item.export_country = country;
  item.certificate_type = (int) g_ascii_strtoll (ecert_inquiry_get_certificate_type (inquiry),
                                                 NULL, 10);
  item.tracking_number = tracking_number;
  return ecert_cache_queue_outbox (self->cache, &item, draft_id, id, error);
}

/* Flushing ------------------------------------------------------------------ */

static void next_item (GTask *task);

static EcertCacheOutboxItem *
current_item (GTask *task)
{
  Flush *flush = g_task_get_task_data (task);

  return flush->items->pdata[flush->next];
}

static gboolean
is_final (const char *hub_tracking)
{
  EcertTrackingInfo info = ecert_tracking_info_from_string (hub_tracking);

  return info != ECERT_TRACKING_INFO_UNKNOWN && info != ECERT_TRACKING_INFO_PENDING_DELIVERY;
}

static GDateTime *
backoff_until (guint attempts)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint64 seconds = (guint64) ECERT_OUTBOX_FIRST_BACKOFF_SECONDS << MIN (attempts, 16);

  return g_date_time_add_seconds (now, (gdouble) MIN (seconds, ECERT_OUTBOX_MAX_BACKOFF_SECONDS));
}

/* The hub could not be reached: this entry keeps its state, the rest are
 * not tried, and the flush ends with the reason. */
static void
stop_unreachable (GTask  *task,
                  GError *error)
{
  EcertOutbox *self = g_task_get_source_object (task);
  Flush *flush = g_task_get_task_data (task);
  EcertCacheOutboxItem *item = current_item (task);
  g_autoptr(GDateTime) until = backoff_until (item->attempts);
  g_autoptr(GError) write_error = NULL;

  if (!ecert_cache_set_outbox_failed (self->cache, item->id, error->message, TRUE, until,
                                      &write_error))
    g_warning ("%s", write_error->message);

  flush->unreachable = error;
  flush->next = flush->items->len;
  next_item (task);
}

static void
record_sent (GTask                     *task,
             const EcertEnvelopeHeader *header,
             gboolean                   found)
{
  EcertOutbox *self = g_task_get_source_object (task);
  EcertCacheOutboxItem *item = current_item (task);
  g_autoptr(GError) error = NULL;

  if (!ecert_cache_set_outbox_sent (self->cache, item->id, header->hub_delivery_number,
                                    ecert_tracking_info_to_string (header->tracking_info),
                                    header->hub_delivery_error_message, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (found)
    self->progress.found++;
  else
    self->progress.sent++;
  item->state = ECERT_CACHE_OUTBOX_SENT;
  ((Flush *) g_task_get_task_data (task))->next++;
  next_item (task);
}

static void
deliver_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  EcertOutbox *self = g_task_get_source_object (task);
  EcertCacheOutboxItem *item = current_item (task);
  g_autoptr(EcertEnvelopeHeader) header = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) write_error = NULL;

  header = ecert_hub_client_deliver_country_response_finish (self->client, result, &error);
  if (header != NULL)
    {
      record_sent (task, header, FALSE);
      return;
    }

  if (!g_error_matches (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT))
    {
      stop_unreachable (task, g_steal_pointer (&error));
      return;
    }

  /* Refused: sending it again would be refused again. */
  if (!ecert_cache_set_outbox_failed (self->cache, item->id, error->message, FALSE, NULL,
                                      &write_error))
    g_warning ("%s", write_error->message);
  self->progress.refused++;
  ((Flush *) g_task_get_task_data (task))->next++;
  next_item (task);
}

static int
document_status (GBytes *document)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (document, &size);
  g_autoptr(EcertInquiry) inquiry = ecert_inquiry_new_from_xml (data, size, NULL);

  return inquiry != NULL ? (int) ecert_inquiry_get_status (inquiry) : 0;
}

static void
deliver (GTask *task)
{
  EcertOutbox *self = g_task_get_source_object (task);
  Flush *flush = g_task_get_task_data (task);
  EcertCacheOutboxItem *item = current_item (task);
  g_autoptr(EcertEnvelopeHeader) header = ecert_envelope_header_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;

  /* On the disk before the request leaves: from here on, the outcome is
   * the hub's tracking's to tell. */
  if (!ecert_cache_set_outbox_sending (self->cache, item->id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  item->attempts++;

  header->from = g_strdup (item->sender != NULL ? item->sender : flush->sender);
  header->to = g_strdup (item->export_country);
  header->certificate_type = item->certificate_type;
  header->certificate_status = document_status (item->document);
  header->nppo_certificate_number = g_strdup (item->certificate_number);
  header->hub_delivery_number = g_strdup (item->tracking_number);
  document = g_strndup (g_bytes_get_data (item->document, NULL),
                        g_bytes_get_size (item->document));

  ecert_hub_client_deliver_country_response_async (self->client, header, document,
                                                   g_task_get_cancellable (task),
                                                   deliver_done, task);
}

static void
profile_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(EcertNppo) nppo =
    ecert_hub_client_get_profile_finish (ECERT_HUB_CLIENT (source), result, &error);

  if (nppo != NULL)
    {
      ((Flush *) g_task_get_task_data (task))->sender = g_strdup (nppo->country);
      deliver (task);
    }
  else
    stop_unreachable (task, error);
}

/* Sends an entry; the envelope's From is this desk's country, which the
 * hub knows from its certificate when the entry does not. */
static void
send_item (GTask *task)
{
  EcertOutbox *self = g_task_get_source_object (task);
  Flush *flush = g_task_get_task_data (task);
  EcertCacheOutboxItem *item = current_item (task);

  if (item->sender == NULL && flush->sender == NULL)
    ecert_hub_client_get_profile_async (self->client, g_task_get_cancellable (task),
                                        profile_done, task);
  else
    deliver (task);
}

static void
record_tracking (GTask                     *task,
                 const EcertEnvelopeHeader *header)
{
  EcertOutbox *self = g_task_get_source_object (task);
  EcertCacheOutboxItem *item = current_item (task);
  g_autoptr(GError) error = NULL;

  self->progress.tracked++;
  if (item->state == ECERT_CACHE_OUTBOX_SENT)
    {
      if (!ecert_cache_set_outbox_tracking (self->cache, item->id,
                                            ecert_tracking_info_to_string (header->tracking_info),
                                            header->hub_delivery_error_message, &error))
        g_warning ("%s", error->message);
      ((Flush *) g_task_get_task_data (task))->next++;
      next_item (task);
    }
  else if (header->tracking_info == ECERT_TRACKING_INFO_ENVELOPE_NOT_EXISTS)
    {
      /* The lost attempt never arrived: now it may be sent. */
      send_item (task);
    }
  else
    {
      g_autoptr(EcertEnvelopeHeader) found = ecert_envelope_header_copy (header);

      g_free (found->hub_delivery_number);
      found->hub_delivery_number = g_strdup (item->tracking_number);
      record_sent (task, found, TRUE);
    }
}

static void
tracking_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError *error = NULL;
  g_autoptr(EcertEnvelopeHeader) header =
    ecert_hub_client_get_envelope_tracking_info_finish (ECERT_HUB_CLIENT (source), result, &error);

  if (header != NULL)
    record_tracking (user_data, header);
  else
    stop_unreachable (user_data, error);
}

static gboolean
is_due (EcertOutbox          *self,
        EcertCacheOutboxItem *item)
{
  g_autoptr(GDateTime) now = NULL;

  if (!self->use_backoff || item->next_attempt_at == NULL)
    return TRUE;

  now = g_date_time_new_now_utc ();
  return g_date_time_compare (item->next_attempt_at, now) <= 0;
}

static void
ask_tracking (GTask                *task,
              EcertCacheOutboxItem *item)
{
  EcertOutbox *self = g_task_get_source_object (task);

  ecert_hub_client_get_envelope_tracking_info_async (self->client, item->tracking_number,
                                                     g_task_get_cancellable (task),
                                                     tracking_done, task);
}

static void
finish (GTask *task)
{
  EcertOutbox *self = g_task_get_source_object (task);
  Flush *flush = g_task_get_task_data (task);

  for (guint i = 0; i < flush->items->len; i++)
    {
      EcertCacheOutboxItem *item = flush->items->pdata[i];

      if (item->state == ECERT_CACHE_OUTBOX_QUEUED || item->state == ECERT_CACHE_OUTBOX_SENDING)
        self->progress.queued++;
    }

  if (flush->unreachable != NULL)
    g_task_return_error (task, g_steal_pointer (&flush->unreachable));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* One entry at a time, oldest first: inquiries arrive in the order they
 * were written. */
static void
next_item (GTask *task)
{
  EcertOutbox *self = g_task_get_source_object (task);
  Flush *flush = g_task_get_task_data (task);

  for (; flush->next < flush->items->len; flush->next++)
    {
      EcertCacheOutboxItem *item = flush->items->pdata[flush->next];

      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          return;
        }

      switch (item->state)
        {
        case ECERT_CACHE_OUTBOX_SENDING:
          if (item->tracking_number != NULL)
            {
              ask_tracking (task, item);
              return;
            }
          /* An entry from before delivery numbers were chosen: nothing to
           * ask by, so it is sent as it always was. */
          G_GNUC_FALLTHROUGH;
        case ECERT_CACHE_OUTBOX_QUEUED:
          if (!is_due (self, item))
            continue;
          send_item (task);
          return;

        case ECERT_CACHE_OUTBOX_SENT:
          if (item->tracking_number == NULL || is_final (item->hub_tracking))
            continue;
          ask_tracking (task, item);
          return;

        case ECERT_CACHE_OUTBOX_FAILED:
        default:
          continue;
        }
    }

  finish (task);
}

/**
 * ecert_outbox_flush_async:
 *
 * Delivers the queued entries for the client's hub, oldest first, and
 * asks the hub's tracking of the sent ones not yet delivered. When the hub
 * cannot be reached the flush stops there; what is queued stays queued.
 */
void
ecert_outbox_flush_async (EcertOutbox         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;
  GTask *task;
  Flush *flush;

  g_return_if_fail (ECERT_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_outbox_flush_async);
  memset (&self->progress, 0, sizeof self->progress);

  items = ecert_cache_list_outbox (self->cache, FALSE, &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  flush = g_new0 (Flush, 1);
  flush->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_cache_outbox_item_free);
  for (guint i = 0; i < items->len; i++)
    {
      EcertCacheOutboxItem *item = items->pdata[i];

      if (g_strcmp0 (item->hub_url, ecert_hub_client_get_address (self->client)) == 0)
        g_ptr_array_add (flush->items, g_steal_pointer (&items->pdata[i]));
    }
  g_task_set_task_data (task, flush, (GDestroyNotify) flush_free);

  next_item (task);
}

/**
 * ecert_outbox_flush_finish:
 *
 * Returns: %TRUE when the hub was reached for every entry, or %FALSE with
 *   @error set: the reason the hub could not be reached (the entries stay
 *   queued), or a cache failure
 */
gboolean
ecert_outbox_flush_finish (EcertOutbox   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
