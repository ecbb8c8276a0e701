/* ecert-cache.c: the local store of everything received or written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SQLite file in WAL mode. One writer connection, guarded by a
 * recursive lock so that a caller can group several writes in one
 * transaction; any number of reader connections, handed out one per
 * running query, so searches on worker threads never wait for a sync that
 * is writing. Every commit is synchronous=FULL (see ecert-cache-db.c).
 *
 * A file that SQLite cannot use is never deleted: it is renamed aside with
 * a timestamp, a new cache is created in its place, and the cache carries a
 * notice (ecert_cache_get_recovery_notice()) for the user.
 *
 * This file holds the object, its connections and transactions, and the
 * helpers every table's file shares (ecert-cache-private.h); opening is in
 * ecert-cache-open.c, each group of tables in a file of its own.
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-cache-private.h"
#include "ecert-error.h"

/* Reader connections open at most, each with its own page cache: more
 * queries at once wait for one to be free. All of them stay open between
 * queries. */
#define MAX_READERS 4

G_DEFINE_FINAL_TYPE (EcertCache, ecert_cache, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Connections ------------------------------------------------------------- */

EcertCacheDb *
_ecert_cache_acquire_reader (EcertCache    *self,
                             GCancellable  *cancellable,
                             GError       **error)
{
  EcertCacheDb *reader = NULL;

  g_mutex_lock (&self->readers_lock);
  while (self->idle_readers->len == 0 && self->open_readers >= MAX_READERS)
    {
      /* GCancellable cannot wake a GCond: look at it now and then. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_mutex_unlock (&self->readers_lock);
          return NULL;
        }
      g_cond_wait_until (&self->readers_free, &self->readers_lock,
                         g_get_monotonic_time () + 20 * G_TIME_SPAN_MILLISECOND);
    }

  if (self->idle_readers->len > 0)
    reader = g_ptr_array_steal_index_fast (self->idle_readers, self->idle_readers->len - 1);
  else
    self->open_readers++;
  g_mutex_unlock (&self->readers_lock);

  if (reader == NULL)
    {
      reader = _ecert_cache_db_open (self->path, TRUE, NULL, error);
      if (reader == NULL)
        {
          g_mutex_lock (&self->readers_lock);
          self->open_readers--;
          g_cond_signal (&self->readers_free);
          g_mutex_unlock (&self->readers_lock);
          return NULL;
        }
    }

  _ecert_cache_db_set_cancellable (reader, cancellable);
  return reader;
}

void
_ecert_cache_release_reader (EcertCache   *self,
                             EcertCacheDb *reader)
{
  _ecert_cache_db_set_cancellable (reader, NULL);
  /* A query that failed half-way may have left its snapshot open. */
  if (!sqlite3_get_autocommit (reader->handle))
    sqlite3_exec (reader->handle, "ROLLBACK", NULL, NULL, NULL);

  g_mutex_lock (&self->readers_lock);
  g_ptr_array_add (self->idle_readers, reader);
  g_cond_signal (&self->readers_free);
  g_mutex_unlock (&self->readers_lock);
}

void
_ecert_cache_reader_clear (EcertCacheReader *reader)
{
  if (reader->db != NULL)
    _ecert_cache_release_reader (reader->cache, g_steal_pointer (&reader->db));
}

void
_ecert_cache_close_connections (EcertCache *self)
{
  g_mutex_lock (&self->readers_lock);
  g_warn_if_fail (self->open_readers == self->idle_readers->len);
  g_ptr_array_set_size (self->idle_readers, 0);
  self->open_readers = 0;
  g_mutex_unlock (&self->readers_lock);
  g_clear_pointer (&self->writer, _ecert_cache_db_close);
}

typedef struct
{
  GWeakRef cache;
} Announcement;

static gboolean
announce_cb (gpointer user_data)
{
  Announcement *announcement = user_data;
  g_autoptr(EcertCache) self = g_weak_ref_get (&announcement->cache);

  if (self != NULL)
    {
      g_atomic_int_set (&self->announce_pending, FALSE);
      g_signal_emit (self, signals[CHANGED], 0);
    }

  return G_SOURCE_REMOVE;
}

static void
announcement_free (Announcement *announcement)
{
  g_weak_ref_clear (&announcement->cache);
  g_free (announcement);
}

/* Tells the owner's thread that certificates changed, once for any number
 * of commits in between. Always from an idle callback: the commit may have
 * run on a worker thread. The source holds only a weak reference, so a
 * cache closed before its context runs again is still freed. */
static void
announce_changed (EcertCache *self)
{
  g_autoptr(GSource) source = NULL;
  Announcement *announcement;

  if (!g_atomic_int_compare_and_exchange (&self->announce_pending, FALSE, TRUE))
    return;

  announcement = g_new0 (Announcement, 1);
  g_weak_ref_init (&announcement->cache, self);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, announce_cb, announcement, (GDestroyNotify) announcement_free);
  g_source_set_static_name (source, "[ecert] cache changed");
  g_source_attach (source, self->context);
}

/* Transactions ------------------------------------------------------------- */

/* Every store opens and closes a savepoint: prepared once, these cost a
 * few microseconds instead of a parse each. */
static gboolean
run_statement (EcertCacheDb  *db,
               const char    *sql,
               GError       **error)
{
  sqlite3_stmt *statement = _ecert_cache_db_prepare (db, sql, error);

  return statement != NULL && _ecert_cache_db_run (db, statement, error);
}

static void
roll_back (EcertCache *self)
{
  if (self->depth == 1)
    run_statement (self->writer, "ROLLBACK", NULL);
  else if (run_statement (self->writer, "ROLLBACK TO nested", NULL))
    run_statement (self->writer, "RELEASE nested", NULL);
}

/**
 * ecert_cache_begin:
 *
 * Starts a write transaction on this thread; transactions nest. Until the
 * matching ecert_cache_commit() or ecert_cache_rollback(), other threads'
 * writes wait, and nothing of what is written is visible to readers.
 */
gboolean
ecert_cache_begin (EcertCache  *self,
                   GError     **error)
{
  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  g_rec_mutex_lock (&self->write_lock);
  if (!run_statement (self->writer, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested",
                      error))
    {
      g_rec_mutex_unlock (&self->write_lock);
      return FALSE;
    }

  self->depth++;
  return TRUE;
}

static void
end_transaction (EcertCache *self)
{
  gboolean announce;

  self->depth--;
  announce = self->depth == 0 && self->changed;
  if (self->depth == 0)
    self->changed = FALSE;
  g_rec_mutex_unlock (&self->write_lock);

  if (announce)
    announce_changed (self);
}

/**
 * ecert_cache_commit:
 *
 * Ends the innermost transaction. The outermost commit is on the disk when
 * this returns. When the commit fails, the transaction is rolled back.
 */
gboolean
ecert_cache_commit (EcertCache  *self,
                    GError     **error)
{
  gboolean outermost;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  outermost = self->depth == 1;
  if (!run_statement (self->writer, outermost ? "COMMIT" : "RELEASE nested", error))
    {
      roll_back (self);
      if (outermost)
        self->changed = FALSE;
      end_transaction (self);
      return FALSE;
    }

  end_transaction (self);
  return TRUE;
}

void
ecert_cache_rollback (EcertCache *self)
{
  g_return_if_fail (ECERT_IS_CACHE (self));
  g_return_if_fail (self->depth > 0);

  roll_back (self);
  if (self->depth == 1)
    self->changed = FALSE;
  end_transaction (self);
}

/* Runs one write on its own, or as part of the caller's transaction. */
gboolean
_ecert_cache_write_in_transaction (EcertCache          *self,
                                   EcertCacheWriteFunc  func,
                                   gpointer             data,
                                   GError             **error)
{
  if (!ecert_cache_begin (self, error))
    return FALSE;

  if (!func (self, data, error))
    {
      ecert_cache_rollback (self);
      return FALSE;
    }

  return ecert_cache_commit (self, error);
}

/* Reading rows -------------------------------------------------------------- */

/* Steps @statement to its end, making an item of each row. */
GPtrArray *
_ecert_cache_collect_rows (EcertCacheDb       *db,
                           sqlite3_stmt       *statement,
                           EcertCacheReadRow   read_row,
                           GDestroyNotify      free_row,
                           GError            **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  int code;

  while ((code = _ecert_cache_db_step (db, statement, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (statement));

  if (code < 0)
    return NULL;
  return g_steal_pointer (&rows);
}

/* Rows read by one statement with an integer (?1) and two text (?2, ?3)
 * parameters, on a reader connection of its own. */
GPtrArray *
_ecert_cache_read_rows (EcertCache         *self,
                        GCancellable       *cancellable,
                        const char         *sql,
                        gint64              number,
                        const char         *text,
                        const char         *text2,
                        EcertCacheReadRow   read_row,
                        GDestroyNotify      free_row,
                        GError            **error)
{
  g_auto(EcertCacheReader) lease = { self, NULL };
  g_autoptr(EcertCacheStatement) statement = NULL;
  EcertCacheDb *reader;

  reader = lease.db = _ecert_cache_acquire_reader (self, cancellable, error);
  if (reader == NULL)
    return NULL;

  statement = _ecert_cache_db_prepare (reader, sql, error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, number);
  _ecert_cache_db_bind_text (statement, 2, text);
  _ecert_cache_db_bind_text (statement, 3, text2);
  return _ecert_cache_collect_rows (reader, statement, read_row, free_row, error);
}

/* The first column as text: the item of a list of strings. */
gpointer
_ecert_cache_read_text (sqlite3_stmt *statement)
{
  return _ecert_cache_db_column_text (statement, 0);
}

/* A certificate's summary, read from ECERT_CACHE_ROW_COLUMNS. */
gpointer
_ecert_cache_read_row (sqlite3_stmt *statement)
{
  return _ecert_cache_row_new_from_statement (statement);
}

/* Writing ------------------------------------------------------------------- */
static void
bind_named_text (sqlite3_stmt *statement,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (statement, name);

  if (index > 0)
    _ecert_cache_db_bind_text (statement, index, value);
}

static void
bind_named_int (sqlite3_stmt *statement,
                const char   *name,
                gint64        value)
{
  int index = sqlite3_bind_parameter_index (statement, name);

  if (index > 0)
    sqlite3_bind_int64 (statement, index, value);
}

/* One statement of the small tables; :now is the current time. */
gboolean
_ecert_cache_simple_write_locked (EcertCache  *self,
                                  gpointer     user_data,
                                  GError     **error)
{
  static const char * const text_names[] = { ":t1", ":t2", ":t3" };
  static const char * const number_names[] = { ":n1", ":n2", ":n3" };
  EcertCacheSimpleWrite *write = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  sqlite3_stmt *statement = _ecert_cache_db_prepare (self->writer, write->sql, error);
  int index;

  if (statement == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (text_names); i++)
    bind_named_text (statement, text_names[i], write->texts[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (number_names); i++)
    bind_named_int (statement, number_names[i], write->numbers[i]);
  index = sqlite3_bind_parameter_index (statement, ":blob");
  if (index > 0)
    _ecert_cache_db_bind_bytes (statement, index, write->blob);
  bind_named_int (statement, ":now", g_date_time_to_unix (now));

  if (!_ecert_cache_db_run (self->writer, statement, error))
    return FALSE;

  write->last_row = sqlite3_last_insert_rowid (self->writer->handle);
  if (write->must_change && sqlite3_changes (self->writer->handle) == 0)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           _("The cache holds no such entry."));
      return FALSE;
    }

  return TRUE;
}

/* Object ------------------------------------------------------------------- */

static void
ecert_cache_finalize (GObject *object)
{
  EcertCache *self = ECERT_CACHE (object);

  if (self->depth > 0)
    g_critical ("The cache %s was closed inside a transaction", self->path);


  _ecert_cache_close_connections (self);
  g_clear_pointer (&self->idle_readers, g_ptr_array_unref);
  g_mutex_clear (&self->readers_lock);
  g_cond_clear (&self->readers_free);
  g_rec_mutex_clear (&self->write_lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->recovery_notice);
  g_free (self->moved_aside_path);
  g_free (self->path);

  G_OBJECT_CLASS (ecert_cache_parent_class)->finalize (object);
}

static void
ecert_cache_class_init (EcertCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ecert_cache_finalize;

  /**
   * EcertCache::changed:
   *
   * Certificates were added, removed or their summaries changed (a
   * verdict, a history link) through this cache. A process opens one cache
   * for its file (the application's session holds it), so this is every
   * change the process makes. Emitted in the main context the cache was
   * opened in, once for any number of commits since the last time.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ecert_cache_init (EcertCache *self)
{
  g_rec_mutex_init (&self->write_lock);
  g_mutex_init (&self->readers_lock);
  g_cond_init (&self->readers_free);
  self->idle_readers = g_ptr_array_new_with_free_func ((GDestroyNotify) _ecert_cache_db_close);
}
