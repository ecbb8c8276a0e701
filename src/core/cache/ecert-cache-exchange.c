/* ecert-cache-exchange.c: what the exchange with hubs keeps: the sync
 * state, pending acknowledgements, the outbox and the responses received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-cache-private.h"
#include "ecert-country.h"
#include "ecert-error.h"

/* Synchronisation state ---------------------------------------------------- */

/**
 * ecert_cache_set_sync_value:
 * @hub_url: the hub the value is about
 * @key: a name chosen by the sync, e.g. "last-header-poll"
 * @value: (nullable): the value; %NULL stores "no value"
 */
gboolean
ecert_cache_set_sync_value (EcertCache  *self,
                            const char  *hub_url,
                            const char  *key,
                            const char  *value,
                            GError     **error)
{
  EcertCacheSimpleWrite write = {
    "INSERT INTO sync_state (hub_url, key, value, updated_at) VALUES (:t1, :t2, :t3, :now)"
    " ON CONFLICT (hub_url, key) DO UPDATE SET value = excluded.value,"
    " updated_at = excluded.updated_at",
    { hub_url, key, value },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (hub_url != NULL && key != NULL, FALSE);

  return _ecert_cache_write_in_transaction (self, _ecert_cache_simple_write_locked, &write, error);
}

/**
 * ecert_cache_get_sync_value:
 * @value: (out) (nullable): the value, or %NULL when none was stored
 */
gboolean
ecert_cache_get_sync_value (EcertCache  *self,
                            const char  *hub_url,
                            const char  *key,
                            char       **value,
                            GError     **error)
{
  g_autoptr(GPtrArray) values = NULL;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (hub_url != NULL && key != NULL && value != NULL, FALSE);

  values = _ecert_cache_read_rows (self, NULL,
                                   "SELECT value FROM sync_state WHERE hub_url = ?2 AND key = ?3",
                                   0, hub_url, key, _ecert_cache_read_text, g_free, error);
  if (values == NULL)
    return FALSE;

  *value = values->len > 0 ? g_ptr_array_steal_index (values, 0) : NULL;
  return TRUE;
}

/**
 * ecert_cache_list_pending_acknowledgements:
 *
 * Returns: (transfer full) (element-type utf8): the delivery numbers of
 *   @hub_url stored but not yet acknowledged, oldest first
 */
GPtrArray *
ecert_cache_list_pending_acknowledgements (EcertCache  *self,
                                           const char  *hub_url,
                                           GError     **error)
{
  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);
  g_return_val_if_fail (hub_url != NULL, NULL);

  return _ecert_cache_read_rows (self, NULL,
                                 "SELECT delivery_number FROM pending_acknowledgements"
                                 " WHERE hub_url = ?2 ORDER BY stored_at, delivery_number",
                                 0, hub_url, NULL, _ecert_cache_read_text, g_free, error);
}

/**
 * ecert_cache_remove_pending_acknowledgement:
 *
 * Forgets a pending acknowledgement once the hub has accepted it. Removing
 * one that is not pending is not an error.
 */
gboolean
ecert_cache_remove_pending_acknowledgement (EcertCache  *self,
                                            const char  *hub_url,
                                            const char  *delivery_number,
                                            GError     **error)
{
  EcertCacheSimpleWrite write = {
    "DELETE FROM pending_acknowledgements WHERE hub_url = :t1 AND delivery_number = :t2",
    { hub_url, delivery_number },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (hub_url != NULL && delivery_number != NULL, FALSE);

  return _ecert_cache_write_in_transaction (self, _ecert_cache_simple_write_locked, &write, error);
}

/* A hub delivery is acknowledged only once it is committed here; the
 * pending row is what the sync acknowledges, and it survives a crash
 * between the commit and the acknowledgement. */
gboolean
_ecert_cache_add_pending_acknowledgement (EcertCacheDb               *db,
                                          gint64                      row,
                                          const EcertCacheProvenance *provenance,
                                          GDateTime                  *received_at,
                                          GError                    **error)
{
  sqlite3_stmt *statement;

  if (provenance->source != ECERT_CACHE_SOURCE_HUB || provenance->hub_url == NULL ||
      provenance->delivery_number == NULL)
    return TRUE;

  statement = _ecert_cache_db_prepare (db,
                                       "INSERT OR IGNORE INTO pending_acknowledgements"
                                       " (hub_url, delivery_number, certificate_id, stored_at)"
                                       " VALUES (?, ?, ?, ?)",
                                       error);
  if (statement == NULL)
    return FALSE;

  _ecert_cache_db_bind_text (statement, 1, provenance->hub_url);
  _ecert_cache_db_bind_text (statement, 2, provenance->delivery_number);
  /* Row 0: a response, which is no certificate. */
  if (row > 0)
    sqlite3_bind_int64 (statement, 3, row);
  else
    sqlite3_bind_null (statement, 3);
  _ecert_cache_db_bind_time (statement, 4, received_at);
  return _ecert_cache_db_run (db, statement, error);
}

/* The outbox ------------------------------------------------------------------ */

typedef struct
{
  const EcertCacheOutboxItem *item;
  gint64                      draft_id;
  gint64                      id;
} QueueData;

static gboolean
queue_outbox_locked (EcertCache  *self,
                     gpointer     user_data,
                     GError     **error)
{
  QueueData *data = user_data;
  const EcertCacheOutboxItem *item = data->item;
  EcertCacheSimpleWrite delete_draft = {
    "DELETE FROM drafts WHERE id = :n1", { NULL }, { data->draft_id },
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  sqlite3_stmt *statement;

  statement = _ecert_cache_db_prepare (self->writer,
                                       "INSERT INTO outbox (hub_url, certificate_id, document,"
                                       " queued_at, certificate_number, export_country,"
                                       " certificate_type, sender, tracking_number)"
                                       " VALUES (?, nullif (?, 0), ?, ?, ?, ?, nullif (?, 0), ?, ?)",
                                       error);
  if (statement == NULL)
    return FALSE;

  _ecert_cache_db_bind_text (statement, 1, item->hub_url);
  sqlite3_bind_int64 (statement, 2, item->certificate_row);
  _ecert_cache_db_bind_bytes (statement, 3, item->document);
  _ecert_cache_db_bind_time (statement, 4, now);
  _ecert_cache_db_bind_text (statement, 5, item->certificate_number);
  _ecert_cache_db_bind_text (statement, 6, item->export_country);
  sqlite3_bind_int (statement, 7, item->certificate_type);
  _ecert_cache_db_bind_text (statement, 8, item->sender);
  _ecert_cache_db_bind_text (statement, 9, item->tracking_number);
  if (!_ecert_cache_db_run (self->writer, statement, error))
    return FALSE;
  data->id = sqlite3_last_insert_rowid (self->writer->handle);

  delete_draft.must_change = TRUE;
  return data->draft_id == 0 || _ecert_cache_simple_write_locked (self, &delete_draft, error);
}

/**
 * ecert_cache_queue_outbox:
 * @item: what to queue: its @hub_url and @document, and what of
 *   @certificate_row, @certificate_number, @export_country,
 *   @certificate_type, @sender and @tracking_number is known; the other
 *   members are ignored
 * @draft_id: the draft it was written from, deleted in the same
 *   transaction, or 0
 * @id: (out) (optional): the outbox entry's row
 *
 * Queues a document for sending: it stays in the outbox, across restarts
 * and while offline, until ecert_cache_set_outbox_sent().
 */
gboolean
ecert_cache_queue_outbox (EcertCache                  *self,
                          const EcertCacheOutboxItem  *item,
                          gint64                       draft_id,
                          gint64                      *id,
                          GError                     **error)
{
  QueueData data = { item, draft_id, 0 };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (item != NULL && item->hub_url != NULL && item->document != NULL, FALSE);

  if (!_ecert_cache_write_in_transaction (self, queue_outbox_locked, &data, error))
    return FALSE;

  if (id != NULL)
    *id = data.id;
  return TRUE;
}

static EcertCacheOutboxState
outbox_state_from_string (const char *state)
{
  if (g_strcmp0 (state, "sent") == 0)
    return ECERT_CACHE_OUTBOX_SENT;
  if (g_strcmp0 (state, "failed") == 0)
    return ECERT_CACHE_OUTBOX_FAILED;
  if (g_strcmp0 (state, "sending") == 0)
    return ECERT_CACHE_OUTBOX_SENDING;
  return ECERT_CACHE_OUTBOX_QUEUED;
}

#define OUTBOX_COLUMNS \
  "id, hub_url, certificate_id, document, state, attempts, last_error, queued_at, sent_at," \
  " certificate_number, export_country, certificate_type, sender, tracking_number," \
  " hub_tracking, hub_message, tracked_at, next_attempt_at"

static gpointer
outbox_item_from_statement (sqlite3_stmt *statement)
{
  EcertCacheOutboxItem *item = g_new0 (EcertCacheOutboxItem, 1);

  item->id = sqlite3_column_int64 (statement, 0);
  item->hub_url = _ecert_cache_db_column_text (statement, 1);
  item->certificate_row = sqlite3_column_int64 (statement, 2);
  item->document = _ecert_cache_db_column_bytes (statement, 3);
  item->state = outbox_state_from_string ((const char *) sqlite3_column_text (statement, 4));
  item->attempts = sqlite3_column_int (statement, 5);
  item->last_error = _ecert_cache_db_column_text (statement, 6);
  item->queued_at = _ecert_cache_db_column_time (statement, 7);
  item->sent_at = _ecert_cache_db_column_time (statement, 8);
  item->certificate_number = _ecert_cache_db_column_text (statement, 9);
  item->export_country = _ecert_cache_db_column_text (statement, 10);
  item->certificate_type = sqlite3_column_int (statement, 11);
  item->sender = _ecert_cache_db_column_text (statement, 12);
  item->tracking_number = _ecert_cache_db_column_text (statement, 13);
  item->hub_tracking = _ecert_cache_db_column_text (statement, 14);
  item->hub_message = _ecert_cache_db_column_text (statement, 15);
  item->tracked_at = _ecert_cache_db_column_time (statement, 16);
  item->next_attempt_at = _ecert_cache_db_column_time (statement, 17);
  return item;
}

/**
 * ecert_cache_list_outbox:
 * @queued_only: %TRUE for the entries still to send (queued, or sending
 *   with an outcome unknown)
 *
 * Returns: (transfer full) (element-type EcertCacheOutboxItem): the
 *   entries, oldest first
 */
GPtrArray *
ecert_cache_list_outbox (EcertCache  *self,
                         gboolean     queued_only,
                         GError     **error)
{
  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);

  return _ecert_cache_read_rows (self, NULL,
                                 "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE ?1 = 0"
                                 " OR state IN ('queued', 'sending') ORDER BY queued_at, id",
                                 queued_only, NULL, NULL, outbox_item_from_statement,
                                 (GDestroyNotify) ecert_cache_outbox_item_free, error);
}

/**
 * ecert_cache_get_outbox_item:
 *
 * Returns: (transfer full): the entry, or %NULL with @error set
 *   (%ECERT_ERROR_INVALID_ARGUMENT when there is none)
 */
EcertCacheOutboxItem *
ecert_cache_get_outbox_item (EcertCache  *self,
                             gint64       id,
                             GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);

  rows = _ecert_cache_read_rows (self, NULL,
                                 "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ?1",
                                 id, NULL, NULL, outbox_item_from_statement,
                                 (GDestroyNotify) ecert_cache_outbox_item_free, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           _("The cache holds no such entry."));
      return NULL;
    }

  return g_ptr_array_steal_index (rows, 0);
}

/**
 * ecert_cache_set_outbox_sending:
 *
 * Records that a request with the entry is about to leave: on the disk
 * when this returns, so that whatever happens next, a later attempt knows
 * to ask the hub's tracking before sending again.
 */
gboolean
ecert_cache_set_outbox_sending (EcertCache  *self,
                                gint64       id,
                                GError     **error)
{
  EcertCacheSimpleWrite write = {
    "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = :n1"
    " AND state IN ('queued', 'sending')",
    { NULL }, { id },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  write.must_change = TRUE;
  return _ecert_cache_write_in_transaction (self, _ecert_cache_simple_write_locked, &write, error);
}

/**
 * ecert_cache_set_outbox_sent:
 * @tracking_number: (nullable): the hub's delivery number for it, when the
 *   hub gave one of its own
 * @hub_tracking: (nullable): the hub's tracking state, e.g. "PendingDelivery"
 * @hub_message: (nullable): the hub's delivery error message
 */
gboolean
ecert_cache_set_outbox_sent (EcertCache  *self,
                             gint64       id,
                             const char  *tracking_number,
                             const char  *hub_tracking,
                             const char  *hub_message,
                             GError     **error)
{
  EcertCacheSimpleWrite write = {
    "UPDATE outbox SET state = 'sent', last_error = NULL, sent_at = :now,"
    " tracking_number = coalesce (:t1, tracking_number), hub_tracking = :t2,"
    " hub_message = :t3, tracked_at = :now, next_attempt_at = NULL WHERE id = :n1",
    { tracking_number, hub_tracking, hub_message }, { id },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  write.must_change = TRUE;
  return _ecert_cache_write_in_transaction (self, _ecert_cache_simple_write_locked, &write, error);
}

/**
 * ecert_cache_set_outbox_tracking:
 * @hub_tracking: the hub's tracking state, e.g. "Delivered"
 * @hub_message: (nullable): the hub's delivery error message
 *
 * Records what the hub's tracking says of a sent entry.
 */
gboolean
ecert_cache_set_outbox_tracking (EcertCache  *self,
                                 gint64       id,
                                 const char  *hub_tracking,
                                 const char  *hub_message,
                                 GError     **error)
{
  EcertCacheSimpleWrite write = {
    "UPDATE outbox SET hub_tracking = :t1, hub_message = :t2, tracked_at = :now WHERE id = :n1",
    { hub_tracking, hub_message }, { id },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  write.must_change = TRUE;
  return _ecert_cache_write_in_transaction (self, _ecert_cache_simple_write_locked, &write, error);
}

/**
 * ecert_cache_set_outbox_failed:
 * @reason: why sending failed
 * @retry: %TRUE to keep the entry to be sent again, in its state: an entry
 *   that was sending stays so, since whether the request reached the hub is
 *   for the hub's tracking to say; %FALSE when the hub refused it for good
 * @next_attempt_at: (nullable): with @retry, not to be tried before then
 */
gboolean
ecert_cache_set_outbox_failed (EcertCache  *self,
                               gint64       id,
                               const char  *reason,
                               gboolean     retry,
                               GDateTime   *next_attempt_at,
                               GError     **error)
{
  EcertCacheSimpleWrite write = {
    "UPDATE outbox SET state = CASE :n2 WHEN 0 THEN 'failed' ELSE state END,"
    " last_error = :t1, next_attempt_at = nullif (:n3, 0) WHERE id = :n1",
    { reason }, { id, retry, next_attempt_at != NULL ? g_date_time_to_unix (next_attempt_at) : 0 },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  write.must_change = TRUE;
  return _ecert_cache_write_in_transaction (self, _ecert_cache_simple_write_locked, &write, error);
}

/* Responses ------------------------------------------------------------------ */

typedef struct
{
  const EcertCacheResponse *response;
  EcertCacheStoreResult     result;
  gint64                    id;
} ResponseData;

static gboolean
store_response_locked (EcertCache  *self,
                       gpointer     user_data,
                       GError     **error)
{
  ResponseData *data = user_data;
  const EcertCacheResponse *response = data->response;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *number_norm = ecert_cache_normalize_number (response->certificate_number);
  g_autoptr(EcertCacheProvenance) provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_HUB);
  sqlite3_stmt *statement;

  statement = _ecert_cache_db_prepare (self->writer,
                                       "INSERT OR IGNORE INTO responses (hub_url, delivery_number,"
                                       " sender, recipient, certificate_number,"
                                       " certificate_number_norm, export_country,"
                                       " certificate_type, status_code, document, received_at)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       error);
  if (statement == NULL)
    return FALSE;

  _ecert_cache_db_bind_text (statement, 1, response->hub_url);
  _ecert_cache_db_bind_text (statement, 2, response->delivery_number);
  _ecert_cache_db_bind_text (statement, 3, response->sender);
  _ecert_cache_db_bind_text (statement, 4, response->recipient);
  _ecert_cache_db_bind_text (statement, 5, response->certificate_number);
  _ecert_cache_db_bind_text (statement, 6, number_norm);
  _ecert_cache_db_bind_text (statement, 7, response->export_country);
  sqlite3_bind_int (statement, 8, response->certificate_type);
  sqlite3_bind_int (statement, 9, response->status_code);
  _ecert_cache_db_bind_bytes (statement, 10, response->document);
  _ecert_cache_db_bind_time (statement, 11, now);
  if (!_ecert_cache_db_run (self->writer, statement, error))
    return FALSE;

  data->result = sqlite3_changes (self->writer->handle) > 0 ? ECERT_CACHE_STORED
                                                             : ECERT_CACHE_DUPLICATE;
  data->id = sqlite3_last_insert_rowid (self->writer->handle);
  self->changed = TRUE;

  /* Acknowledged like a certificate: only once it is committed here. */
  provenance->hub_url = g_strdup (response->hub_url);
  provenance->delivery_number = g_strdup (response->delivery_number);
  return _ecert_cache_add_pending_acknowledgement (self->writer, 0, provenance, now, error);
}

/**
 * ecert_cache_store_response:
 * @response: what was received: all but @id and @received_at
 * @result: (out) (optional): whether it was new, or this delivery was
 *   already stored
 *
 * Stores an inquiry or reply received from the hub, with a pending
 * acknowledgement of its delivery, in one transaction (or in the caller's).
 */
gboolean
ecert_cache_store_response (EcertCache                *self,
                            const EcertCacheResponse  *response,
                            EcertCacheStoreResult     *result,
                            GError                   **error)
{
  ResponseData data = { response, ECERT_CACHE_STORED, 0 };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (response != NULL && response->hub_url != NULL &&
                        response->delivery_number != NULL &&
                        response->certificate_number != NULL && response->document != NULL,
                        FALSE);

  if (!_ecert_cache_write_in_transaction (self, store_response_locked, &data, error))
    return FALSE;

  if (result != NULL)
    *result = data.result;
  return TRUE;
}

static gpointer
response_from_statement (sqlite3_stmt *statement)
{
  EcertCacheResponse *response = g_new0 (EcertCacheResponse, 1);

  response->id = sqlite3_column_int64 (statement, 0);
  response->hub_url = _ecert_cache_db_column_text (statement, 1);
  response->delivery_number = _ecert_cache_db_column_text (statement, 2);
  response->sender = _ecert_cache_db_column_text (statement, 3);
  response->recipient = _ecert_cache_db_column_text (statement, 4);
  response->certificate_number = _ecert_cache_db_column_text (statement, 5);
  response->export_country = _ecert_cache_db_column_text (statement, 6);
  response->certificate_type = sqlite3_column_int (statement, 7);
  response->status_code = sqlite3_column_int (statement, 8);
  response->document = _ecert_cache_db_column_bytes (statement, 9);
  response->received_at = _ecert_cache_db_column_time (statement, 10);
  return response;
}

/**
 * ecert_cache_list_responses:
 * @certificate_number: (nullable): only those about this certificate (the
 *   number is compared normalised, see ecert_cache_normalize_number()),
 *   or %NULL for all
 * @export_country: (nullable): with @certificate_number, the country that
 *   issued it
 *
 * Returns: (transfer full) (element-type EcertCacheResponse): the
 *   responses, oldest first
 */
GPtrArray *
ecert_cache_list_responses (EcertCache  *self,
                            const char  *certificate_number,
                            const char  *export_country,
                            GError     **error)
{
  g_autofree char *number_norm = NULL;
  g_autofree char *country = NULL;

  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);

  if (certificate_number != NULL)
    number_norm = ecert_cache_normalize_number (certificate_number);
  if (export_country != NULL)
    {
      country = ecert_country_code_normalize (export_country, error);
      if (country == NULL)
        return NULL;
    }

  return _ecert_cache_read_rows (self, NULL,
                                 "SELECT id, hub_url, delivery_number, sender, recipient,"
                                 " certificate_number, export_country, certificate_type,"
                                 " status_code, document, received_at FROM responses"
                                 " WHERE (?2 IS NULL OR certificate_number_norm = ?2)"
                                 " AND (?3 IS NULL OR export_country = ?3)"
                                 " ORDER BY received_at, id",
                                 0, number_norm, country, response_from_statement,
                                 (GDestroyNotify) ecert_cache_response_free, error);
}

