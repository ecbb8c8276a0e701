/* ecert-cache-drafts.c: drafts saved so that they survive a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include "ecert-cache-private.h"
#include "ecert-task.h"

/**
 * ecert_cache_save_draft:
 * @id: (inout): the draft's row, or 0 for a new draft, whose row is
 *   stored here
 * @kind: what it is a draft of, e.g. "inquiry"
 * @certificate_row: the certificate it is about, or 0
 * @content: what the editor saves, opaque to the cache
 *
 * Saves a draft so that it survives a crash; on the disk when this returns.
 */
gboolean
ecert_cache_save_draft (EcertCache  *self,
                        gint64      *id,
                        const char  *kind,
                        gint64       certificate_row,
                        GBytes      *content,
                        GError     **error)
{
  EcertCacheSimpleWrite write = { NULL, { kind }, { certificate_row, 0 }, content };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (id != NULL && kind != NULL && content != NULL, FALSE);

  if (*id == 0)
    write.sql = "INSERT INTO drafts (kind, certificate_id, content, created_at, updated_at,"
                " saved_order) VALUES (:t1, nullif (:n1, 0), :blob, :now, :now,"
                " (SELECT coalesce (max (saved_order), 0) + 1 FROM drafts))";
  else
    {
      write.sql = "UPDATE drafts SET kind = :t1, certificate_id = nullif (:n1, 0),"
                  " content = :blob, updated_at = :now,"
                  " saved_order = (SELECT max (saved_order) + 1 FROM drafts) WHERE id = :n2";
      write.numbers[1] = *id;
      write.must_change = TRUE;
    }

  if (!_ecert_cache_write_in_transaction (self, _ecert_cache_simple_write_locked, &write, error))
    return FALSE;

  if (*id == 0)
    *id = write.last_row;
  return TRUE;
}

static void
save_draft_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  EcertCacheDraft *draft = task_data;
  g_autoptr(GError) error = NULL;

  if (ecert_cache_save_draft (source_object, &draft->id, draft->kind, draft->certificate_row,
                              draft->content, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * ecert_cache_save_draft_async:
 * @id: the draft's row, or 0 for a new draft
 *
 * Like ecert_cache_save_draft(), on a worker thread: the write waits for
 * the disk, which an editor saving as the user types must not.
 */
void
ecert_cache_save_draft_async (EcertCache          *self,
                              gint64               id,
                              const char          *kind,
                              gint64               certificate_row,
                              GBytes              *content,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  EcertCacheDraft *draft;

  g_return_if_fail (ECERT_IS_CACHE (self));
  g_return_if_fail (kind != NULL && content != NULL);

  /* The times are the cache's to set: only what is written is given. */
  draft = g_new0 (EcertCacheDraft, 1);
  draft->id = id;
  draft->kind = g_strdup (kind);
  draft->certificate_row = certificate_row;
  draft->content = g_bytes_ref (content);

  ecert_task_run_in_thread (self, ecert_cache_save_draft_async, save_draft_thread,
                            draft, (GDestroyNotify) ecert_cache_draft_free,
                            cancellable, callback, user_data);
}

/**
 * ecert_cache_save_draft_finish:
 * @id: (out): the draft's row, the new one for a new draft
 *
 * Returns: %TRUE when the draft is on the disk
 */
gboolean
ecert_cache_save_draft_finish (EcertCache    *self,
                               GAsyncResult  *result,
                               gint64        *id,
                               GError       **error)
{
  EcertCacheDraft *draft;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  draft = g_task_get_task_data (G_TASK (result));
  *id = draft->id;
  return TRUE;
}

static gpointer
draft_from_statement (sqlite3_stmt *statement)
{
  EcertCacheDraft *draft = g_new0 (EcertCacheDraft, 1);

  draft->id = sqlite3_column_int64 (statement, 0);
  draft->kind = _ecert_cache_db_column_text (statement, 1);
  draft->certificate_row = sqlite3_column_int64 (statement, 2);
  draft->content = _ecert_cache_db_column_bytes (statement, 3);
  draft->created_at = _ecert_cache_db_column_time (statement, 4);
  draft->updated_at = _ecert_cache_db_column_time (statement, 5);
  return draft;
}

/**
 * ecert_cache_list_drafts:
 *
 * Returns: (transfer full) (element-type EcertCacheDraft): the drafts, the
 *   most recently saved first
 */
GPtrArray *
ecert_cache_list_drafts (EcertCache  *self,
                         GError     **error)
{
  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);

  return _ecert_cache_read_rows (self, NULL,
                                 "SELECT id, kind, certificate_id, content, created_at, updated_at"
                                 " FROM drafts ORDER BY saved_order DESC",
                                 0, NULL, NULL, draft_from_statement,
                                 (GDestroyNotify) ecert_cache_draft_free, error);
}

gboolean
ecert_cache_delete_draft (EcertCache  *self,
                          gint64       id,
                          GError     **error)
{
  EcertCacheSimpleWrite write = { "DELETE FROM drafts WHERE id = :n1", { NULL }, { id } };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  write.must_change = TRUE;
  return _ecert_cache_write_in_transaction (self, _ecert_cache_simple_write_locked, &write, error);
}

static void
delete_draft_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const gint64 *id = task_data;
  g_autoptr(GError) error = NULL;

  if (ecert_cache_delete_draft (source_object, *id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * ecert_cache_delete_draft_async:
 *
 * Like ecert_cache_delete_draft(), on a worker thread.
 */
void
ecert_cache_delete_draft_async (EcertCache          *self,
                                gint64               id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (ECERT_IS_CACHE (self));

  ecert_task_run_in_thread (self, ecert_cache_delete_draft_async, delete_draft_thread,
                            g_memdup2 (&id, sizeof id), g_free,
                            cancellable, callback, user_data);
}

gboolean
ecert_cache_delete_draft_finish (EcertCache    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
