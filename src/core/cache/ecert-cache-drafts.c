/* ecert-cache-drafts.c: drafts saved so that they survive a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include "ecert-cache-private.h"

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

