/* ecert-cache-maintenance.c: what the cache holds, clearing it, checking it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ecert-cache-private.h"
#include "ecert-error.h"
#include "ecert-task.h"

/* Usage and clearing -------------------------------------------------------- */

/* Certificates an unsent inquiry is about. Clearing keeps them: an answer
 * still to be sent must not lose what it answers. */
#define KEPT_CERTIFICATES \
  "(SELECT certificate_id FROM drafts WHERE certificate_id IS NOT NULL" \
  " UNION SELECT certificate_id FROM outbox" \
  " WHERE state != 'sent' AND certificate_id IS NOT NULL)"

static guint64
file_size (const char *path)
{
  GStatBuf info;

  return g_stat (path, &info) == 0 ? (guint64) info.st_size : 0;
}

/**
 * ecert_cache_get_usage:
 * @usage: (out caller-allocates): what the cache holds
 *
 * Counts what the cache holds, and how much room it takes on the disk.
 */
gboolean
ecert_cache_get_usage (EcertCache       *self,
                       EcertCacheUsage  *usage,
                       GError          **error)
{
  g_auto(EcertCacheReader) lease = { self, NULL };
  g_autofree char *wal = NULL;
  EcertCacheDb *reader;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (usage != NULL, FALSE);

  reader = lease.db = _ecert_cache_acquire_reader (self, NULL, error);
  if (reader == NULL)
    return FALSE;

  {
    /* One statement, so that the counts are of one moment. */
    g_autoptr(EcertCacheStatement) statement =
      _ecert_cache_db_prepare (reader,
                               "SELECT (SELECT count(*) FROM certificates),"
                               " (SELECT count(*) FROM certificates WHERE id IN "
                               KEPT_CERTIFICATES "),"
                               " (SELECT count(*) FROM drafts),"
                               " (SELECT count(*) FROM outbox WHERE state != 'sent'),"
                               " (SELECT count(*) FROM outbox WHERE state = 'sent')",
                               error);

    if (statement == NULL)
      return FALSE;
    if (_ecert_cache_db_step (reader, statement, error) != SQLITE_ROW)
      return FALSE;

    usage->certificates = (guint) sqlite3_column_int64 (statement, 0);
    usage->kept_certificates = (guint) sqlite3_column_int64 (statement, 1);
    usage->drafts = (guint) sqlite3_column_int64 (statement, 2);
    usage->unsent = (guint) sqlite3_column_int64 (statement, 3);
    usage->sent = (guint) sqlite3_column_int64 (statement, 4);
  }

  wal = g_strconcat (self->path, "-wal", NULL);
  usage->size = file_size (self->path) + file_size (wal);
  return TRUE;
}

static void
usage_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autofree EcertCacheUsage *usage = g_new0 (EcertCacheUsage, 1);
  GError *error = NULL;

  if (ecert_cache_get_usage (source_object, usage, &error))
    g_task_return_pointer (task, g_steal_pointer (&usage), g_free);
  else
    g_task_return_error (task, error);
}

/**
 * ecert_cache_get_usage_async:
 *
 * Like ecert_cache_get_usage(), on a worker thread: counting a large cache
 * reads its indexes.
 */
void
ecert_cache_get_usage_async (EcertCache          *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (ECERT_IS_CACHE (self));

  ecert_task_run_in_thread (self, ecert_cache_get_usage_async, usage_thread,
                            NULL, NULL, cancellable, callback, user_data);
}

gboolean
ecert_cache_get_usage_finish (EcertCache       *self,
                              GAsyncResult     *result,
                              EcertCacheUsage  *usage,
                              GError          **error)
{
  g_autofree EcertCacheUsage *found = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (usage != NULL, FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;

  *usage = *found;
  return TRUE;
}

/* Children first, so that no reference is left dangling; the history
 * links of kept certificates to deleted ones are cut, not followed. */
static const char clear_sql[] =
  "DELETE FROM outbox WHERE state = 'sent';"
  "DELETE FROM pending_acknowledgements WHERE certificate_id NOT IN " KEPT_CERTIFICATES ";"
  "DELETE FROM receipts WHERE certificate_id NOT IN " KEPT_CERTIFICATES ";"
  "DELETE FROM documents WHERE certificate_id NOT IN " KEPT_CERTIFICATES ";"
  "UPDATE certificates SET"
  "  replaces = CASE WHEN replaces IN " KEPT_CERTIFICATES " THEN replaces END,"
  "  replaced_by = CASE WHEN replaced_by IN " KEPT_CERTIFICATES " THEN replaced_by END,"
  "  withdrawn_by = CASE WHEN withdrawn_by IN " KEPT_CERTIFICATES " THEN withdrawn_by END"
  " WHERE id IN " KEPT_CERTIFICATES ";"
  "DELETE FROM certificates WHERE id NOT IN " KEPT_CERTIFICATES ";";

static gboolean
clear_locked (EcertCache  *self,
              gpointer     user_data,
              GError     **error)
{
  guint *n_deleted = user_data;
  gint64 count = 0;

  if (!_ecert_cache_db_query_int (self->writer,
                                  "SELECT count(*) FROM certificates WHERE id NOT IN "
                                  KEPT_CERTIFICATES,
                                  &count, error) ||
      !_ecert_cache_db_exec (self->writer, clear_sql, error))
    return FALSE;

  *n_deleted = (guint) count;
  self->changed = TRUE;
  return TRUE;
}

/* Gives the room of what was deleted back to the disk. Not being able to
 * is no failure of the clearing, which is committed by then. */
static void
compact (EcertCache *self)
{
  g_autoptr(GError) error = NULL;

  g_rec_mutex_lock (&self->write_lock);
  /* Inside a caller's transaction the file cannot be rewritten. */
  if (self->depth == 0 &&
      !_ecert_cache_db_exec (self->writer, "VACUUM; PRAGMA wal_checkpoint (TRUNCATE);", &error))
    g_debug ("The cache %s was not compacted: %s", self->path, error->message);
  g_rec_mutex_unlock (&self->write_lock);
}

/**
 * ecert_cache_clear:
 * @n_deleted: (out) (optional): how many certificates were deleted
 *
 * Deletes the received certificates, with their documents, receipts and
 * pending acknowledgements (the hub delivers those again), and the outbox
 * items already sent, in one transaction: all of it, or nothing. Kept:
 * drafts and unsent outbox items with the certificates they are about,
 * and synchronisation state.
 */
gboolean
ecert_cache_clear (EcertCache  *self,
                   guint       *n_deleted,
                   GError     **error)
{
  guint deleted = 0;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  if (!_ecert_cache_write_in_transaction (self, clear_locked, &deleted, error))
    return FALSE;

  compact (self);
  if (n_deleted != NULL)
    *n_deleted = deleted;
  return TRUE;
}

static void
clear_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  guint deleted = 0;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (ecert_cache_clear (source_object, &deleted, &error))
    g_task_return_int (task, deleted);
  else
    g_task_return_error (task, error);
}

/**
 * ecert_cache_clear_async:
 * @cancellable: (nullable): cancels only before the clearing starts; once
 *   started it runs to its end, so that the cache is never half cleared
 *
 * Like ecert_cache_clear(), on a worker thread.
 */
void
ecert_cache_clear_async (EcertCache          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ECERT_IS_CACHE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_cache_clear_async);
  /* A clearing that ran is reported as done, even if cancelled meanwhile. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, clear_thread);
}

gboolean
ecert_cache_clear_finish (EcertCache    *self,
                          GAsyncResult  *result,
                          guint         *n_deleted,
                          GError       **error)
{
  gssize deleted;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  deleted = g_task_propagate_int (G_TASK (result), error);
  if (deleted < 0)
    return FALSE;

  if (n_deleted != NULL)
    *n_deleted = (guint) deleted;
  return TRUE;
}

/**
 * ecert_cache_check_integrity:
 *
 * Checks the whole file (PRAGMA integrity_check) and the full-text index
 * against the summaries. It reads everything: seconds on a large cache.
 */
gboolean
ecert_cache_check_integrity (EcertCache  *self,
                             GError     **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GPtrArray) lines = NULL;
  gboolean ok;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  lines = _ecert_cache_read_rows (self, NULL, "PRAGMA integrity_check", 0, NULL, NULL,
                                  _ecert_cache_read_text, g_free, error);
  if (lines == NULL)
    return FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", line);
    }

  if (problems->len > 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                   _("The certificate cache is damaged: %s"), problems->str);
      return FALSE;
    }

  /* FTS5 compares its index with the summaries only through a write
   * statement, which changes nothing. */
  g_rec_mutex_lock (&self->write_lock);
  ok = _ecert_cache_db_exec (self->writer,
                             "INSERT INTO certificate_fts (certificate_fts)"
                             " VALUES ('integrity-check')",
                             error);
  g_rec_mutex_unlock (&self->write_lock);
  return ok;
}

