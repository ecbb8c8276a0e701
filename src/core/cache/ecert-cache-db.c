/* ecert-cache-db.c: one SQLite connection of the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-cache-db.h"
#include "ecert-country.h"
#include "ecert-error.h"

/* How many virtual machine steps SQLite runs between two looks at the
 * cancellable: often enough to stop a long search within a millisecond or
 * two, rarely enough to cost nothing measurable. */
#define PROGRESS_STEPS 4000

/* Pages kept in memory per connection, in KiB (negative: SQLite's unit). The
 * writer keeps the indexes that inserts touch at random (hash, number)
 * warm; readers need much less. */
#define WRITER_CACHE_KIB "-32768"
#define READER_CACHE_KIB "-8192"

/* How long a connection waits for another process's lock before it gives
 * up: the window, `ecert` and an automatic fetch share the file, and a
 * sync's commit on a loaded machine may hold the write lock for seconds.
 * Waiting is never an error before this. */
#define BUSY_LIMIT_MS (120 * 1000)

/* SQLite calls this, on every connection, when another process holds a
 * lock it needs; @attempt counts the calls for this one wait. Sleeps a
 * little longer each time, up to 50 ms, and gives up past BUSY_LIMIT_MS or
 * when the operation is cancelled. */
static int
busy_cb (void *user_data,
         int   attempt)
{
  EcertCacheDb *db = user_data;
  guint delay_ms = MIN (1u << MIN (attempt, 6), 50u);
  gint64 now = g_get_monotonic_time ();

  if (db->cancellable != NULL && g_cancellable_is_cancelled (db->cancellable))
    return 0;
  /* SQLite does not always count a new wait from 0 (the count may run on
   * within one statement), so a call long after the last one, which slept
   * at most 50 ms, begins a new wait too. */
  if (attempt == 0 || now - db->busy_last > G_USEC_PER_SEC)
    db->busy_since = now;
  else if (now - db->busy_since > (gint64) BUSY_LIMIT_MS * 1000)
    return 0;

  g_usleep (delay_ms * 1000);
  db->busy_last = g_get_monotonic_time ();
  return 1;
}

/* SQLite's own log says which statement met a lock or an error, and
 * where in SQLite: the debug log gets it, for whoever reads a failure. */
static void
sqlite_log_cb (void       *user_data,
               int         code,
               const char *message)
{
  g_debug ("SQLite log (%d): %s", code, message);
}

static void
route_sqlite_log_once (void)
{
  static gsize routed = 0;

  /* Only possible before SQLite initialises, which the first open does. */
  if (g_once_init_enter (&routed))
    {
      sqlite3_config (SQLITE_CONFIG_LOG, sqlite_log_cb, NULL);
      g_once_init_leave (&routed, 1);
    }
}

static int
progress_cb (void *user_data)
{
  EcertCacheDb *db = user_data;

  return db->cancellable != NULL && g_cancellable_is_cancelled (db->cancellable);
}

char *
_ecert_cache_damage_marker_path (const char *path)
{
  return g_strconcat (path, ".needs-check", NULL);
}

static gboolean
is_damage (int code)
{
  int primary = code & 0xff;

  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

/* Why the file cannot be used, in words for the person who will find it
 * moved aside. */
static const char *
damage_words (int code)
{
  if ((code & 0xff) == SQLITE_NOTADB)
    return _("the file is not a database");
  return _("parts of the file are damaged or missing");
}

/* Remembers, across runs, that SQLite found damage while the cache was in
 * use, so the next open checks the whole file before trusting it. */
static void
mark_damaged (EcertCacheDb *db,
              int           code)
{
  g_autofree char *marker = _ecert_cache_damage_marker_path (db->path);

  if (db->damage_message == NULL)
    db->damage_message = g_strdup (damage_words (code));
  if (!g_file_test (marker, G_FILE_TEST_EXISTS))
    g_file_set_contents (marker, "", 0, NULL);
}

/* What went wrong, in words for a person: SQLite's own messages ("no such
 * table: certificate_fts", "database is locked") name its internals, so
 * they only go to the debug log. */
static const char *
failure_words (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_FULL:
      return _("There is no room left on the disk for the certificate cache.");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return _("Another program kept the certificate cache busy for too long. Close other "
               "programs using it, then try again.");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return _("The certificate cache cannot be written: its file or folder is read-only.");
    case SQLITE_CANTOPEN:
      return _("The certificate cache cannot be opened: its file or folder cannot be reached.");
    case SQLITE_IOERR:
      return _("The certificate cache cannot be read or written: the disk reported an error.");
    case SQLITE_NOMEM:
      return _("There is not enough memory to read the certificate cache.");
    default:
      return _("The certificate cache cannot be read or written.");
    }
}

static const char *
open_failure_words (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      return _("it is read-only, or belongs to someone else");
    case SQLITE_NOMEM:
      return _("there is not enough memory");
    case SQLITE_CANTOPEN:
      return _("its file or folder cannot be reached");
    default:
      return _("the disk reported an error");
    }
}

void
_ecert_cache_db_set_error (EcertCacheDb  *db,
                           int            code,
                           GError       **error)
{
  const char *message = db->handle != NULL ? sqlite3_errmsg (db->handle) : sqlite3_errstr (code);
  int primary = code & 0xff;

  if (primary == SQLITE_INTERRUPT && db->cancellable != NULL &&
      g_cancellable_is_cancelled (db->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The operation was cancelled"));
      return;
    }

  g_debug ("SQLite error %d on %s: %s", code, db->path, message);

  if (is_damage (code))
    {
      mark_damaged (db, code);
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                   _("The certificate cache is damaged (%s). It will be moved aside and a new "
                     "one created the next time it is opened."), damage_words (code));
      return;
    }

  g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_CACHE, failure_words (code));
}

/**
 * _ecert_cache_db_open:
 * @path: the database file
 * @reader: %TRUE for a connection that only reads
 * @damage: (out) (optional): why the file is damaged, when SQLite found
 *   it so while setting the connection up (then @error says so too)
 *
 * Opens a connection; the file's format is only looked at as far as
 * setting the connection up reads it.
 */
EcertCacheDb *
_ecert_cache_db_open (const char  *path,
                      gboolean     reader,
                      char       **damage,
                      GError     **error)
{
  g_autofree char *pragmas = NULL;
  EcertCacheDb *db = g_new0 (EcertCacheDb, 1);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int code;

  if (!reader)
    flags |= SQLITE_OPEN_CREATE;

  db->path = g_strdup (path);
  db->reader = reader;
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) sqlite3_finalize);

  route_sqlite_log_once ();
  code = sqlite3_open_v2 (path, &db->handle, flags, NULL);
  if (code != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_debug ("SQLite error %d opening %s: %s", code, path,
               db->handle != NULL ? sqlite3_errmsg (db->handle) : sqlite3_errstr (code));
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                   _("The certificate cache “%s” cannot be opened: %s."), display,
                   open_failure_words (code));
      _ecert_cache_db_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db->handle, TRUE);
  /* Until the file is known to be a sound cache, closing the writer must
   * not take its WAL away: SQLite deletes the WAL of a file it could not
   * read, and that log goes aside with the damaged file. */
  if (!reader)
    _ecert_cache_db_keep_wal (db, TRUE);
  /* Another process (the application and `ecert` at once) may hold a
   * lock for a moment: wait for it rather than fail, readers too (a reader
   * waits while another process recovers or checkpoints the WAL). */
  sqlite3_busy_handler (db->handle, busy_cb, db);
  sqlite3_progress_handler (db->handle, PROGRESS_STEPS, progress_cb, db);

  /* synchronous=FULL: in WAL mode a commit is only on the disk once the
   * WAL is synced, and what the cache says it stored is acknowledged to the
   * hub, which then forgets it. */
  pragmas = g_strdup_printf ("PRAGMA foreign_keys = ON;"
                             "PRAGMA synchronous = FULL;"
                             "PRAGMA cache_size = %s;"
                             "%s",
                             reader ? READER_CACHE_KIB : WRITER_CACHE_KIB,
                             reader ? "PRAGMA query_only = ON;" : "");
  if (!_ecert_cache_db_exec (db, pragmas, error))
    {
      if (damage != NULL)
        *damage = g_steal_pointer (&db->damage_message);
      _ecert_cache_db_close (db);
      return NULL;
    }

  return db;
}

/* Whether closing the last connection leaves the WAL file on the disk
 * (checkpointed and emptied) rather than deleting it. */
void
_ecert_cache_db_keep_wal (EcertCacheDb *db,
                          gboolean      keep)
{
  int persist = keep ? 1 : 0;

  sqlite3_file_control (db->handle, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
}

/* Ranks beyond every country's, for codes ISO 3166-1 does not assign (in
 * the order of the codes) and for no code at all, last. */
#define UNKNOWN_CODE_RANK "1000000"
#define NO_CODE_RANK G_MAXINT64

static gboolean
make_country_order (EcertCacheDb  *db,
                    GError       **error)
{
  g_autoptr(GPtrArray) codes = ecert_country_codes_by_name ();
  sqlite3_stmt *insert;

  if (!_ecert_cache_db_exec (db,
                             "DROP TABLE IF EXISTS temp.country_order;"
                             "CREATE TEMP TABLE country_order ("
                             "  rank INTEGER PRIMARY KEY,"
                             "  code TEXT UNIQUE);",
                             error))
    return FALSE;

  insert = _ecert_cache_db_prepare (db, "INSERT INTO temp.country_order (rank, code)"
                                        " VALUES (?, ?)", error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; i <= codes->len; i++)
    {
      sqlite3_bind_int64 (insert, 1, i < codes->len ? i + 1 : NO_CODE_RANK);
      if (i < codes->len)
        _ecert_cache_db_bind_text (insert, 2, g_ptr_array_index (codes, i));
      else
        sqlite3_bind_null (insert, 2);
      if (_ecert_cache_db_step (db, insert, error) < 0)
        {
          sqlite3_reset (insert);
          return FALSE;
        }
      sqlite3_reset (insert);
    }

  return TRUE;
}

/* The codes the cache holds that are no country's, after the countries,
 * found by a skip-scan of the country index: a few probes per code. */
static gboolean
add_unknown_country_codes (EcertCacheDb  *db,
                           GError       **error)
{
  return _ecert_cache_db_exec (db,
                               "DELETE FROM temp.country_order"
                               "  WHERE rank >= " UNKNOWN_CODE_RANK " AND code IS NOT NULL;"
                               "INSERT INTO temp.country_order (rank, code)"
                               "  SELECT " UNKNOWN_CODE_RANK " + row_number () OVER (ORDER BY country),"
                               "         country"
                               "  FROM (WITH RECURSIVE next (country) AS ("
                               "          SELECT MIN (export_country) FROM certificates"
                               "          UNION ALL"
                               "          SELECT (SELECT MIN (export_country) FROM certificates"
                               "                  WHERE export_country > next.country)"
                               "          FROM next WHERE next.country IS NOT NULL)"
                               "        SELECT country FROM next WHERE country IS NOT NULL)"
                               "  WHERE country NOT IN (SELECT code FROM temp.country_order"
                               "                        WHERE code IS NOT NULL);",
                               error);
}

/**
 * _ecert_cache_db_prepare_country_order:
 *
 * Makes (or brings up to date) this connection's temp.country_order: every
 * exporting country code the cache may hold, ranked by the country's name in
 * the user's language. A list sorted by country walks it in order and, for
 * each code, the country index: pages come out in order without sorting a
 * million rows, which ordering by a name computed per row would need.
 * Call it inside the transaction that reads with it.
 */
gboolean
_ecert_cache_db_prepare_country_order (EcertCacheDb  *db,
                                       GError       **error)
{
  gint64 version;
  gboolean done;

  if (!_ecert_cache_db_query_int (db, "PRAGMA data_version", &version, error))
    return FALSE;
  if (db->country_order_made && version == db->country_order_version)
    return TRUE;

  /* The table is the connection's own: a reader may write it. */
  if (db->reader && !_ecert_cache_db_exec (db, "PRAGMA query_only = OFF", error))
    return FALSE;

  done = (db->country_order_made || make_country_order (db, error)) &&
         add_unknown_country_codes (db, error);

  if (db->reader && !_ecert_cache_db_exec (db, "PRAGMA query_only = ON", done ? error : NULL))
    done = FALSE;
  if (!done)
    return FALSE;

  db->country_order_made = TRUE;
  db->country_order_version = version;
  return TRUE;
}

void
_ecert_cache_db_close (EcertCacheDb *db)
{
  if (db == NULL)
    return;

  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle != NULL)
    sqlite3_close (db->handle);
  g_clear_object (&db->cancellable);
  g_free (db->damage_message);
  g_free (db->path);
  g_free (db);
}

/* SQLite returns SQLITE_BUSY without asking busy_cb in a few races it
 * documents for WAL files: a connection that opens the file while the last
 * connection of another process is cleaning up after itself, or while one
 * recovers the WAL of a process that was killed. When the connection then
 * holds no transaction, nothing was done and the statement can simply run
 * again, after the same wait busy_cb would have made. */
static gboolean
wait_to_retry (EcertCacheDb *db,
               int           code,
               int          *attempt)
{
  if ((code & 0xff) != SQLITE_BUSY ||
      sqlite3_txn_state (db->handle, NULL) != SQLITE_TXN_NONE)
    return FALSE;

  g_debug ("SQLite error %d on %s outside a transaction: trying again", code, db->path);
  return busy_cb (db, (*attempt)++) != 0;
}

gboolean
_ecert_cache_db_exec (EcertCacheDb  *db,
                      const char    *sql,
                      GError       **error)
{
  int attempt = 0;
  int code;

  do
    code = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);
  while (code != SQLITE_OK && wait_to_retry (db, code, &attempt));

  if (code != SQLITE_OK)
    {
      _ecert_cache_db_set_error (db, code, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * _ecert_cache_db_prepare:
 *
 * Returns: (transfer none): the statement for @sql, prepared on first use
 *   and kept for the life of the connection, its bindings cleared
 */
sqlite3_stmt *
_ecert_cache_db_prepare (EcertCacheDb  *db,
                         const char    *sql,
                         GError       **error)
{
  sqlite3_stmt *statement = g_hash_table_lookup (db->statements, sql);
  int attempt = 0;
  int code;

  if (statement != NULL)
    {
      sqlite3_reset (statement);
      sqlite3_clear_bindings (statement);
      return statement;
    }

  do
    code = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL);
  while (code != SQLITE_OK && wait_to_retry (db, code, &attempt));
  if (code != SQLITE_OK)
    {
      _ecert_cache_db_set_error (db, code, error);
      return NULL;
    }

  g_hash_table_insert (db->statements, g_strdup (sql), statement);
  return statement;
}

/* Returns SQLITE_ROW or SQLITE_DONE, or -1 with @error set. */
int
_ecert_cache_db_step (EcertCacheDb  *db,
                      sqlite3_stmt  *statement,
                      GError       **error)
{
  int attempt = 0;
  int code;

  /* A statement that could not begin its transaction has done nothing:
   * reset, it runs again from the start with the same bindings. */
  while ((code = sqlite3_step (statement)) != SQLITE_ROW && code != SQLITE_DONE &&
         wait_to_retry (db, code, &attempt))
    sqlite3_reset (statement);

  if (code == SQLITE_ROW || code == SQLITE_DONE)
    return code;

  _ecert_cache_db_set_error (db, code, error);
  sqlite3_reset (statement);
  return -1;
}

/* Runs a statement that returns no rows. */
gboolean
_ecert_cache_db_run (EcertCacheDb  *db,
                     sqlite3_stmt  *statement,
                     GError       **error)
{
  int code = _ecert_cache_db_step (db, statement, error);

  sqlite3_reset (statement);
  return code >= 0;
}

/* Runs @statement for its one integer (a count, a sum), 0 when it gives
 * no row. */
gboolean
_ecert_cache_db_step_int (EcertCacheDb  *db,
                          sqlite3_stmt  *statement,
                          gint64        *value,
                          GError       **error)
{
  int code = _ecert_cache_db_step (db, statement, error);

  if (code < 0)
    return FALSE;

  *value = code == SQLITE_ROW ? sqlite3_column_int64 (statement, 0) : 0;
  return TRUE;
}

gboolean
_ecert_cache_db_query_int (EcertCacheDb  *db,
                           const char    *sql,
                           gint64        *value,
                           GError       **error)
{
  g_autoptr(EcertCacheStatement) statement = _ecert_cache_db_prepare (db, sql, error);

  return statement != NULL && _ecert_cache_db_step_int (db, statement, value, error);
}

void
_ecert_cache_db_set_cancellable (EcertCacheDb *db,
                                 GCancellable *cancellable)
{
  g_set_object (&db->cancellable, cancellable);
}

void
_ecert_cache_db_bind_text (sqlite3_stmt *statement,
                           int           index,
                           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (statement, index);
  else
    sqlite3_bind_text (statement, index, text, -1, SQLITE_TRANSIENT);
}

void
_ecert_cache_db_bind_time (sqlite3_stmt *statement,
                           int           index,
                           GDateTime    *time)
{
  if (time == NULL)
    sqlite3_bind_null (statement, index);
  else
    sqlite3_bind_int64 (statement, index, g_date_time_to_unix (time));
}

void
_ecert_cache_db_bind_bytes (sqlite3_stmt *statement,
                            int           index,
                            GBytes       *bytes)
{
  gsize size;
  gconstpointer data;

  if (bytes == NULL)
    {
      sqlite3_bind_null (statement, index);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  /* An empty blob is a value; SQLite would store a NULL pointer as NULL. */
  sqlite3_bind_blob64 (statement, index, data != NULL ? data : "", size, SQLITE_STATIC);
}

char *
_ecert_cache_db_column_text (sqlite3_stmt *statement,
                             int           column)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (statement, column));
}

GDateTime *
_ecert_cache_db_column_time (sqlite3_stmt *statement,
                             int           column)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return NULL;

  return g_date_time_new_from_unix_utc (sqlite3_column_int64 (statement, column));
}

GBytes *
_ecert_cache_db_column_bytes (sqlite3_stmt *statement,
                              int           column)
{
  const void *data = sqlite3_column_blob (statement, column);
  int size = sqlite3_column_bytes (statement, column);

  return g_bytes_new (data, size);
}
