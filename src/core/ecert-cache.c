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
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>

#include "ecert-cache-private.h"
#include "ecert-country.h"
#include "ecert-error.h"

#define SHA256_SIZE 32

/* Reader connections open at most, each with its own page cache: more
 * queries at once wait for one to be free. All of them stay open between
 * queries. */
#define MAX_READERS 4

/* Below this size the whole file is checked at every open: it takes a few
 * milliseconds. Larger caches are checked fully only after SQLite reported
 * damage during a session (see ecert-cache-db.c). */
#define FULL_CHECK_MAX_SIZE (16 * 1024 * 1024)

struct _EcertCache
{
  GObject        parent_instance;

  char          *path;
  char          *key;           /* the file's canonical path, in open_caches */
  GMainContext  *context;       /* where "changed" is emitted */

  GRecMutex      write_lock;
  EcertCacheDb  *writer;
  guint          depth;         /* transactions open, under write_lock */
  gboolean       changed;       /* certificates changed in them */

  GMutex         readers_lock;
  GCond          readers_free;
  GPtrArray     *idle_readers;
  guint          open_readers;  /* idle or leased, under readers_lock */

  GError        *recovery_notice;
  char          *moved_aside_path;
  gint           announce_pending;
};

G_DEFINE_FINAL_TYPE (EcertCache, ecert_cache, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Every cache open in this process, with the file it reads. A change
 * committed through one of them is announced by all those of the same
 * file: a window listing certificates hears of a clearing done through the
 * cache Preferences opened. */
typedef struct
{
  EcertCache *instance;  /* compared only: the weak reference is for use */
  char       *key;
  GWeakRef    cache;
} OpenCache;

static GMutex open_caches_lock;
static GPtrArray *open_caches;

static void
open_cache_free (OpenCache *entry)
{
  g_weak_ref_clear (&entry->cache);
  g_free (entry->key);
  g_free (entry);
}

static void
register_open_cache (EcertCache *self)
{
  OpenCache *entry = g_new0 (OpenCache, 1);

  self->key = g_canonicalize_filename (self->path, NULL);
  entry->instance = self;
  entry->key = g_strdup (self->key);
  g_weak_ref_init (&entry->cache, self);

  g_mutex_lock (&open_caches_lock);
  if (open_caches == NULL)
    open_caches = g_ptr_array_new_with_free_func ((GDestroyNotify) open_cache_free);
  g_ptr_array_add (open_caches, entry);
  g_mutex_unlock (&open_caches_lock);
}

static void
unregister_open_cache (EcertCache *self)
{
  g_mutex_lock (&open_caches_lock);
  for (guint i = 0; open_caches != NULL && i < open_caches->len; i++)
    {
      OpenCache *entry = g_ptr_array_index (open_caches, i);

      if (entry->instance == self)
        {
          g_ptr_array_remove_index_fast (open_caches, i);
          break;
        }
    }
  g_mutex_unlock (&open_caches_lock);
}

/* The other caches open on the same file; references taken under the lock
 * are dropped outside it, since the last one finalizes a cache. */
static GPtrArray *
list_same_file (EcertCache *self)
{
  GPtrArray *others = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->key == NULL)
    return others;

  g_mutex_lock (&open_caches_lock);
  for (guint i = 0; open_caches != NULL && i < open_caches->len; i++)
    {
      OpenCache *entry = g_ptr_array_index (open_caches, i);
      EcertCache *other;

      if (entry->instance == self || strcmp (entry->key, self->key) != 0)
        continue;
      other = g_weak_ref_get (&entry->cache);
      if (other != NULL)
        g_ptr_array_add (others, other);
    }
  g_mutex_unlock (&open_caches_lock);

  return others;
}

/**
 * ecert_cache_get_default_path:
 *
 * Returns: (transfer full): the cache file: $ECERT_CACHE when set, else
 *   cache.sqlite3 in the user's data directory
 */
char *
ecert_cache_get_default_path (void)
{
  const char *override = g_getenv (ECERT_CACHE_ENV);

  if (override != NULL && override[0] != '\0')
    return g_strdup (override);

  return g_build_filename (g_get_user_data_dir (), "ecert-inspector", "cache.sqlite3", NULL);
}

/* Opening ------------------------------------------------------------------ */

/* Reads one text value of a PRAGMA or query. */
static gboolean
query_text (EcertCacheDb  *db,
            const char    *sql,
            char         **value,
            GError       **error)
{
  g_autoptr(EcertCacheStatement) statement = _ecert_cache_db_prepare (db, sql, error);
  int code;

  if (statement == NULL)
    return FALSE;

  code = _ecert_cache_db_step (db, statement, error);
  if (code < 0)
    return FALSE;

  *value = code == SQLITE_ROW ? _ecert_cache_db_column_text (statement, 0) : NULL;
  return TRUE;
}

static gboolean
check_file (EcertCache    *self,
            char         **damage,
            GError       **error)
{
  g_autofree char *marker = _ecert_cache_damage_marker_path (self->path);
  g_autofree char *result = NULL;
  GStatBuf info;
  gint64 last_row;

  if (g_stat (self->path, &info) == 0 && info.st_size > FULL_CHECK_MAX_SIZE &&
      !g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      /* Reaches the last page of the largest table: a cut-off file fails. */
      return _ecert_cache_db_query_int (self->writer, "SELECT max(id) FROM certificates",
                                        &last_row, error) &&
             _ecert_cache_db_query_int (self->writer,
                                        "SELECT max(certificate_id) FROM documents",
                                        &last_row, error);
    }

  if (!query_text (self->writer, "PRAGMA quick_check (1)", &result, error))
    return FALSE;

  if (g_strcmp0 (result, "ok") != 0)
    {
      /* "*** in database main ***\nPage 2: ...": the page is what matters. */
      const char *problem = strrchr (result, '\n');

      *damage = g_strdup_printf (_("SQLite found damage (%s)"),
                                 problem != NULL ? problem + 1 : result);
      return FALSE;
    }

  g_unlink (marker);
  return TRUE;
}

/* Makes sure the file is ours (or empty) before anything writes to it:
 * even switching the journal mode rewrites the header of someone else's
 * file. */
static gboolean
check_identity (EcertCache  *self,
                char       **damage,
                GError     **error)
{
  gint64 application_id, tables;

  if (!_ecert_cache_db_query_int (self->writer, "PRAGMA application_id", &application_id,
                                  error) ||
      !_ecert_cache_db_query_int (self->writer, "SELECT count(*) FROM sqlite_schema", &tables,
                                  error))
    return FALSE;

  if (application_id != ECERT_CACHE_APPLICATION_ID && (application_id != 0 || tables > 0))
    {
      *damage = g_strdup (_("it is a database of another program"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (EcertCache  *self,
         GError     **error)
{
  gint64 version;

  if (!_ecert_cache_db_exec (self->writer, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Read inside the write transaction: another process opening the same
   * file at the same moment may be migrating it. */
  if (!_ecert_cache_db_query_int (self->writer, "PRAGMA user_version", &version, error))
    goto failed;

  if (version > ECERT_CACHE_SCHEMA_VERSION)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      /* Not damage: a newer version of this program will read it again. */
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                   _("The certificate cache “%s” was written by a newer version of E-Cert "
                     "Inspector (cache version %u; this version reads up to %u). Use the "
                     "newer version, or another cache file."),
                   display, (guint) version, ECERT_CACHE_SCHEMA_VERSION);
      goto failed;
    }

  if (version < ECERT_CACHE_SCHEMA_VERSION &&
      !_ecert_cache_schema_migrate (self->writer, version, ECERT_CACHE_SCHEMA_VERSION, error))
    goto failed;

  return _ecert_cache_db_exec (self->writer, "COMMIT", error);

failed:
  sqlite3_exec (self->writer->handle, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Opens the file and brings it to the current schema. When the file
 * cannot be used because it is damaged, sets @damage to why. */
static gboolean
open_file (EcertCache  *self,
           char       **damage,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mode = NULL;

  /* Damage is decided only from SQLite's own answers, read under its
   * locks: the file's size and header, looked at from outside, change
   * under a checkpoint of another process that shares the file. A file cut
   * short fails SQLite's own check of the header's page count against the
   * file and its WAL, and the reads below. */
  self->writer = _ecert_cache_db_open (self->path, FALSE, damage, &local_error);
  if (self->writer == NULL)
    {
      if (*damage == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (check_identity (self, damage, &local_error) &&
      query_text (self->writer, "PRAGMA journal_mode = WAL", &mode, &local_error) &&
      migrate (self, &local_error) &&
      check_file (self, damage, &local_error))
    {
      if (g_strcmp0 (mode, "wal") != 0)
        g_warning ("The cache %s is in journal mode “%s”, not WAL", self->path, mode);
      _ecert_cache_db_keep_wal (self->writer, FALSE);
      /* Checkpoints copy the WAL into the database and wait for the disk
       * twice; every 8192 pages (32 MiB) rather than SQLite's 1000 keeps a
       * large import from spending more time waiting than writing. The
       * size limit keeps the WAL file from staying large afterwards. */
      return _ecert_cache_db_exec (self->writer,
                                   "PRAGMA wal_autocheckpoint = 8192;"
                                   "PRAGMA journal_size_limit = 67108864;",
                                   error);
    }

  if (*damage == NULL && self->writer->damage_message != NULL)
    *damage = g_strdup (self->writer->damage_message);
  if (*damage == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
close_connections (EcertCache *self)
{
  g_mutex_lock (&self->readers_lock);
  g_warn_if_fail (self->open_readers == self->idle_readers->len);
  g_ptr_array_set_size (self->idle_readers, 0);
  self->open_readers = 0;
  g_mutex_unlock (&self->readers_lock);
  g_clear_pointer (&self->writer, _ecert_cache_db_close);
}

static char *
unused_name (const char *base)
{
  char *name = g_strdup (base);

  for (guint i = 2; g_file_test (name, G_FILE_TEST_EXISTS); i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u", base, i);
    }

  return name;
}

/* Renames the damaged file, with its WAL, beside itself: whatever it still
 * holds can be recovered from there with the sqlite3 tool. */
static gboolean
move_aside (EcertCache  *self,
            const char  *reason,
            GError     **error)
{
  static const char * const companions[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *base = g_strdup_printf ("%s.damaged-%s", self->path, stamp);
  g_autofree char *target = unused_name (base);
  g_autofree char *marker = _ecert_cache_damage_marker_path (self->path);
  g_autofree char *display = g_filename_display_name (self->path);
  g_autofree char *target_display = g_filename_display_name (target);

  close_connections (self);

  if (g_rename (self->path, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                   _("The certificate cache “%s” is damaged (%s) and could not be moved aside "
                     "(%s). Move or rename it, then try again."),
                   display, reason, g_strerror (saved_errno));
      return FALSE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (self->path, companions[i], NULL);
      g_autofree char *to = g_strconcat (target, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Could not move %s aside: %s", from, g_strerror (errno));
    }
  g_unlink (marker);

  g_message ("The cache %s was damaged (%s) and was moved to %s", self->path, reason, target);
  g_set_error (&self->recovery_notice, ECERT_ERROR, ECERT_ERROR_CACHE_DAMAGED,
               _("The certificate cache “%s” could not be used: %s. It was moved aside to "
                 "“%s”, not deleted, and a new, empty cache was created."),
               display, reason, target_display);
  self->moved_aside_path = g_steal_pointer (&target);
  return TRUE;
}

static EcertCache *
open_cache (const char    *path,
            GMainContext  *context,
            GError       **error)
{
  g_autoptr(EcertCache) self = g_object_new (ECERT_TYPE_CACHE, NULL);
  g_autofree char *damage = NULL;
  g_autofree char *directory = NULL;

  self->path = path != NULL ? g_strdup (path) : ecert_cache_get_default_path ();
  self->context = g_main_context_ref (context);

  directory = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (directory);

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                   _("The folder “%s” for the certificate cache cannot be created (%s)."),
                   display, g_strerror (saved_errno));
      return NULL;
    }

  if (open_file (self, &damage, error))
    {
      register_open_cache (self);
      return g_steal_pointer (&self);
    }
  if (damage == NULL)
    return NULL;

  g_clear_pointer (&self->writer, _ecert_cache_db_close);
  if (!move_aside (self, damage, error))
    return NULL;

  g_clear_pointer (&damage, g_free);
  if (open_file (self, &damage, error))
    {
      register_open_cache (self);
      return g_steal_pointer (&self);
    }

  if (damage != NULL)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                   _("A new certificate cache “%s” could not be created: %s."), display, damage);
    }
  return NULL;
}

/**
 * ecert_cache_open:
 * @path: (nullable): the cache file, or %NULL for
 *   ecert_cache_get_default_path()
 * @error: return location for an %ECERT_ERROR_CACHE error
 *
 * Opens the cache, creating it and its folder if needed, and updates a
 * cache written by an earlier version. A damaged file is moved aside and
 * replaced by a new cache: the open succeeds, and
 * ecert_cache_get_recovery_notice() says what happened, which the user must
 * be told. Signals are emitted in the thread-default main context of the
 * caller.
 *
 * Returns: (transfer full): the cache, or %NULL with @error set
 */
EcertCache *
ecert_cache_open (const char  *path,
                  GError     **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  return open_cache (path, context, error);
}

typedef struct
{
  char         *path;
  GMainContext *context;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->path);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  EcertCache *cache = open_cache (data->path, data->context, &error);

  if (cache == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cache, g_object_unref);
}

/**
 * ecert_cache_open_async:
 *
 * Like ecert_cache_open(), on a worker thread: a migration or a check of a
 * large cache may take a while.
 */
void
ecert_cache_open_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OpenData *data = g_new0 (OpenData, 1);

  data->path = g_strdup (path);
  data->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, ecert_cache_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

EcertCache *
ecert_cache_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
ecert_cache_get_path (EcertCache *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);
  return self->path;
}

/**
 * ecert_cache_get_recovery_notice:
 *
 * Returns: (nullable): an %ECERT_ERROR_CACHE_DAMAGED error saying, in plain
 *   words, that the cache file was damaged, where it was moved and that a
 *   new cache was created; %NULL when the cache opened normally
 */
const GError *
ecert_cache_get_recovery_notice (EcertCache *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);
  return self->recovery_notice;
}

/**
 * ecert_cache_get_moved_aside_path:
 *
 * Returns: (nullable): where the damaged file was moved, if it was
 */
const char *
ecert_cache_get_moved_aside_path (EcertCache *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);
  return self->moved_aside_path;
}

/* Connections ------------------------------------------------------------- */

static EcertCacheDb *
acquire_reader (EcertCache    *self,
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

static void
release_reader (EcertCache   *self,
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

/* A reader connection lent for the length of a scope. */
typedef struct
{
  EcertCache   *cache;
  EcertCacheDb *db;
} Reader;

static void
reader_clear (Reader *reader)
{
  if (reader->db != NULL)
    release_reader (reader->cache, g_steal_pointer (&reader->db));
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

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

static void
announce_changed_everywhere (EcertCache *self)
{
  g_autoptr(GPtrArray) others = list_same_file (self);

  announce_changed (self);
  for (guint i = 0; i < others->len; i++)
    announce_changed (g_ptr_array_index (others, i));
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
    announce_changed_everywhere (self);
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
typedef gboolean (*WriteFunc) (EcertCache *self, gpointer data, GError **error);

static gboolean
write_in_transaction (EcertCache  *self,
                      WriteFunc    func,
                      gpointer     data,
                      GError     **error)
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

/* Certificates ------------------------------------------------------------- */

static gint64
day_key (GDateTime *time)
{
  return g_date_time_get_year (time) * 10000 + g_date_time_get_month (time) * 100 +
         g_date_time_get_day_of_month (time);
}

static void
no_such_row (gint64   row,
             GError **error)
{
  /* gettext cannot see through G_GINT64_FORMAT: the number goes in as text. */
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, row);

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
               _("The cache holds no certificate at row %s."), number);
}

static gboolean
check_verdict (const char  *verdict,
               GError     **error)
{
  if (ecert_cache_verdict_is_known (verdict))
    return TRUE;

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a verdict: use valid, invalid, untrusted, not-authorised, "
                 "expired-signer, unsigned or unsupported"), verdict != NULL ? verdict : "");
  return FALSE;
}

static gboolean
update_verification (EcertCache                    *self,
                     gint64                         row,
                     const EcertCacheVerification  *verification,
                     GError                       **error)
{
  sqlite3_stmt *statement;

  if (verification == NULL)
    return TRUE;

  statement = _ecert_cache_db_prepare (self->writer,
                                       "UPDATE certificates SET verdict = ?, verdict_reason = ?,"
                                       " verdict_signer = ?, verified_at = ? WHERE id = ?",
                                       error);
  if (statement == NULL)
    return FALSE;

  _ecert_cache_db_bind_text (statement, 1, verification->verdict);
  _ecert_cache_db_bind_text (statement, 2, verification->reason);
  _ecert_cache_db_bind_text (statement, 3, verification->signer);
  _ecert_cache_db_bind_time (statement, 4, verification->evaluated_at);
  sqlite3_bind_int64 (statement, 5, row);
  if (!_ecert_cache_db_run (self->writer, statement, error))
    return FALSE;

  if (sqlite3_changes (self->writer->handle) == 0)
    {
      no_such_row (row, error);
      return FALSE;
    }

  self->changed = TRUE;
  return TRUE;
}

typedef struct
{
  const EcertCacheSummary    *summary;
  GBytes                     *document;
  const EcertCacheProvenance *provenance;
  const EcertCacheVerification *verification;
  guint8                      sha256[SHA256_SIZE];
  GDateTime                  *received_at;
  EcertCacheStoreResult       result;
  gint64                      row;
} StoreData;

static gboolean
find_row (EcertCacheDb  *db,
          const char    *sql,
          const char    *first,
          const char    *second,
          gint64         exclude,
          gint64        *row,
          GError       **error)
{
  g_autoptr(EcertCacheStatement) statement = _ecert_cache_db_prepare (db, sql, error);
  int code;

  if (statement == NULL)
    return FALSE;

  _ecert_cache_db_bind_text (statement, 1, first);
  _ecert_cache_db_bind_text (statement, 2, second);
  if (sqlite3_bind_parameter_count (statement) >= 3)
    sqlite3_bind_int64 (statement, 3, exclude);

  code = _ecert_cache_db_step (db, statement, error);
  if (code < 0)
    return FALSE;

  *row = code == SQLITE_ROW ? sqlite3_column_int64 (statement, 0) : 0;
  return TRUE;
}

static gboolean
run_update (EcertCacheDb  *db,
            const char    *sql,
            gint64         first,
            gint64         second,
            GError       **error)
{
  sqlite3_stmt *statement = _ecert_cache_db_prepare (db, sql, error);

  if (statement == NULL)
    return FALSE;

  sqlite3_bind_int64 (statement, 1, first);
  sqlite3_bind_int64 (statement, 2, second);
  return _ecert_cache_db_run (db, statement, error);
}

/* Links a new certificate into the history of its number, whichever
 * arrived first: a withdrawal (status 40) marks every other certificate of
 * the same number and country withdrawn; a replacement (ADRPN) and the
 * certificate it replaces point at each other. */
static gboolean
link_history (EcertCacheDb             *db,
              gint64                    row,
              const char               *number,
              const char               *country,
              const char               *status,
              const char               *replaces_number,
              GError                  **error)
{
  gint64 other = 0;

  if (number[0] != '\0')
    {
      if (g_strcmp0 (status, "40") == 0)
        {
          sqlite3_stmt *statement =
            _ecert_cache_db_prepare (db,
                                     "UPDATE certificates SET withdrawn_by = ?3"
                                     " WHERE number_norm = ?1 AND export_country IS ?2"
                                     " AND id != ?3 AND status_code IS NOT '40'"
                                     " AND withdrawn_by IS NULL",
                                     error);
          if (statement == NULL)
            return FALSE;
          _ecert_cache_db_bind_text (statement, 1, number);
          _ecert_cache_db_bind_text (statement, 2, country);
          sqlite3_bind_int64 (statement, 3, row);
          if (!_ecert_cache_db_run (db, statement, error))
            return FALSE;
        }
      else
        {
          if (!find_row (db,
                         "SELECT id FROM certificates"
                         " WHERE number_norm = ?1 AND export_country IS ?2 AND id != ?3"
                         " AND status_code = '40' ORDER BY id LIMIT 1",
                         number, country, row, &other, error))
            return FALSE;
          if (other != 0 &&
              !run_update (db, "UPDATE certificates SET withdrawn_by = ?1 WHERE id = ?2",
                           other, row, error))
            return FALSE;
        }

      /* The replacement arrived before the certificate it replaces. */
      if (!find_row (db,
                     "SELECT id FROM certificates"
                     " WHERE replaces_number_norm = ?1 AND export_country IS ?2 AND id != ?3"
                     " ORDER BY id DESC LIMIT 1",
                     number, country, row, &other, error))
        return FALSE;
      if (other != 0 &&
          (!run_update (db, "UPDATE certificates SET replaced_by = ?1 WHERE id = ?2",
                        other, row, error) ||
           !run_update (db, "UPDATE certificates SET replaces = ?2"
                            " WHERE id = ?1 AND replaces IS NULL",
                        other, row, error)))
        return FALSE;
    }

  if (replaces_number != NULL && replaces_number[0] != '\0' &&
      g_strcmp0 (replaces_number, number) != 0)
    {
      if (!find_row (db,
                     "SELECT id FROM certificates"
                     " WHERE number_norm = ?1 AND export_country IS ?2 AND id != ?3"
                     " ORDER BY id DESC LIMIT 1",
                     replaces_number, country, row, &other, error))
        return FALSE;
      if (other != 0 &&
          (!run_update (db, "UPDATE certificates SET replaces = ?1 WHERE id = ?2",
                        other, row, error) ||
           !run_update (db, "UPDATE certificates SET replaced_by = ?2"
                            " WHERE id = ?1 AND (replaced_by IS NULL OR replaced_by < ?2)",
                        other, row, error)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_receipt (EcertCacheDb               *db,
                gint64                      row,
                const EcertCacheProvenance *provenance,
                GDateTime                  *received_at,
                GError                    **error)
{
  sqlite3_stmt *statement =
    _ecert_cache_db_prepare (db,
                             "INSERT INTO receipts (certificate_id, source, hub_url,"
                             " delivery_number, envelope_from, envelope_to,"
                             " envelope_certificate_type, envelope_certificate_status,"
                             " envelope_certificate_number, hub_tracking_info, file_path,"
                             " received_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);

  if (statement == NULL)
    return FALSE;

  sqlite3_bind_int64 (statement, 1, row);
  _ecert_cache_db_bind_text (statement, 2,
                             provenance->source == ECERT_CACHE_SOURCE_HUB ? "hub" : "file");
  _ecert_cache_db_bind_text (statement, 3, provenance->hub_url);
  _ecert_cache_db_bind_text (statement, 4, provenance->delivery_number);
  _ecert_cache_db_bind_text (statement, 5, provenance->envelope_from);
  _ecert_cache_db_bind_text (statement, 6, provenance->envelope_to);
  _ecert_cache_db_bind_text (statement, 7, provenance->envelope_certificate_type);
  _ecert_cache_db_bind_text (statement, 8, provenance->envelope_certificate_status);
  _ecert_cache_db_bind_text (statement, 9, provenance->envelope_certificate_number);
  _ecert_cache_db_bind_text (statement, 10, provenance->hub_tracking_info);
  _ecert_cache_db_bind_text (statement, 11, provenance->file_path);
  _ecert_cache_db_bind_time (statement, 12, received_at);
  return _ecert_cache_db_run (db, statement, error);
}

/* A hub delivery is acknowledged only once it is committed here; the
 * pending row is what the sync acknowledges, and it survives a crash
 * between the commit and the acknowledgement. */
static gboolean
add_pending_acknowledgement (EcertCacheDb               *db,
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

static gboolean
insert_certificate (EcertCache  *self,
                    StoreData   *data,
                    const char  *number_norm,
                    const char  *replaces_norm,
                    GError     **error)
{
  const EcertCacheSummary *summary = data->summary;
  EcertCacheDb *db = self->writer;
  g_autofree char *search_number = NULL;
  g_autofree char *commodity_key = NULL;
  sqlite3_stmt *statement;

  /* The same text the schema's migration to version 2 computes. */
  search_number = g_strstrip (g_strconcat (summary->number != NULL ? summary->number : "", " ",
                                           number_norm, NULL));
  if (summary->commodity != NULL)
    commodity_key = g_utf8_casefold (summary->commodity, -1);

  statement = _ecert_cache_db_prepare (db,
                                       "INSERT INTO certificates (sha256, number, number_norm,"
                                       " search_number, type_code, status_code, issued_text,"
                                       " issued_date, issued_at, export_country, import_country,"
                                       " consignor, consignee, commodity, commodity_key,"
                                       " commodities, hs_codes, ports, transport, issuer,"
                                       " countries, replaces_number, replaces_number_norm,"
                                       " received_at, verdict, verdict_reason, verdict_signer,"
                                       " verified_at)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                       " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_blob (statement, 1, data->sha256, SHA256_SIZE, SQLITE_STATIC);
  _ecert_cache_db_bind_text (statement, 2, summary->number);
  _ecert_cache_db_bind_text (statement, 3, number_norm);
  _ecert_cache_db_bind_text (statement, 4, search_number);
  _ecert_cache_db_bind_text (statement, 5, summary->type_code);
  _ecert_cache_db_bind_text (statement, 6, summary->status_code);
  _ecert_cache_db_bind_text (statement, 7, summary->issued);
  if (summary->issued_at != NULL)
    {
      sqlite3_bind_int64 (statement, 8, day_key (summary->issued_at));
      sqlite3_bind_int64 (statement, 9, g_date_time_to_unix (summary->issued_at));
    }
  _ecert_cache_db_bind_text (statement, 10, summary->export_country);
  _ecert_cache_db_bind_text (statement, 11, summary->import_country);
  _ecert_cache_db_bind_text (statement, 12, summary->consignor);
  _ecert_cache_db_bind_text (statement, 13, summary->consignee);
  _ecert_cache_db_bind_text (statement, 14, summary->commodity);
  _ecert_cache_db_bind_text (statement, 15, commodity_key);
  _ecert_cache_db_bind_text (statement, 16, summary->commodities);
  _ecert_cache_db_bind_text (statement, 17, summary->hs_codes);
  _ecert_cache_db_bind_text (statement, 18, summary->ports);
  _ecert_cache_db_bind_text (statement, 19, summary->transport);
  _ecert_cache_db_bind_text (statement, 20, summary->issuer);
  _ecert_cache_db_bind_text (statement, 21, summary->countries);
  _ecert_cache_db_bind_text (statement, 22, summary->replaces_number);
  _ecert_cache_db_bind_text (statement, 23, replaces_norm);
  _ecert_cache_db_bind_time (statement, 24, data->received_at);
  if (data->verification != NULL)
    {
      _ecert_cache_db_bind_text (statement, 25, data->verification->verdict);
      _ecert_cache_db_bind_text (statement, 26, data->verification->reason);
      _ecert_cache_db_bind_text (statement, 27, data->verification->signer);
      _ecert_cache_db_bind_time (statement, 28, data->verification->evaluated_at);
    }
  if (!_ecert_cache_db_run (db, statement, error))
    return FALSE;

  data->row = sqlite3_last_insert_rowid (db->handle);

  statement = _ecert_cache_db_prepare (db,
                                       "INSERT INTO documents (certificate_id, bytes)"
                                       " VALUES (?, ?)",
                                       error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, data->row);
  _ecert_cache_db_bind_bytes (statement, 2, data->document);
  return _ecert_cache_db_run (db, statement, error);
}

static gboolean
store_locked (EcertCache  *self,
              gpointer     user_data,
              GError     **error)
{
  StoreData *data = user_data;
  const EcertCacheProvenance *provenance = data->provenance;
  EcertCacheDb *db = self->writer;
  g_autofree char *number_norm = NULL;
  g_autofree char *replaces_norm = NULL;
  gint64 existing = 0;

  if (provenance->delivery_number != NULL &&
      !find_row (db,
                 "SELECT certificate_id FROM receipts WHERE hub_url IS ?1 AND delivery_number = ?2",
                 provenance->hub_url, provenance->delivery_number, 0, &existing, error))
    return FALSE;

  if (existing != 0)
    {
      /* The hub sends a delivery again when it did not get our
       * acknowledgement: it must be acknowledged again. */
      data->result = ECERT_CACHE_DUPLICATE;
      data->row = existing;
      return add_pending_acknowledgement (db, existing, provenance, data->received_at, error) &&
             update_verification (self, existing, data->verification, error);
    }

  number_norm = ecert_cache_normalize_number (data->summary->number != NULL ?
                                              data->summary->number : "");

  /* The same bytes give the same summary, so the number narrows the search
   * to a handful of rows before the hashes are compared. */
  {
    g_autoptr(EcertCacheStatement) statement =
      _ecert_cache_db_prepare (db,
                               "SELECT id FROM certificates WHERE number_norm = ?1"
                               " AND export_country IS ?2 AND sha256 = ?3",
                               error);
    int code;

    if (statement == NULL)
      return FALSE;
    _ecert_cache_db_bind_text (statement, 1, number_norm);
    _ecert_cache_db_bind_text (statement, 2, data->summary->export_country);
    sqlite3_bind_blob (statement, 3, data->sha256, SHA256_SIZE, SQLITE_STATIC);
    code = _ecert_cache_db_step (db, statement, error);
    if (code < 0)
      return FALSE;
    if (code == SQLITE_ROW)
      existing = sqlite3_column_int64 (statement, 0);
  }

  if (existing != 0)
    {
      data->result = ECERT_CACHE_DUPLICATE;
      data->row = existing;
      if (!update_verification (self, existing, data->verification, error))
        return FALSE;
      /* The same bytes in a new hub delivery: one certificate, but the
       * delivery is recorded and acknowledged like any other. */
      if (provenance->source != ECERT_CACHE_SOURCE_HUB || provenance->delivery_number == NULL)
        return TRUE;
      return insert_receipt (db, existing, provenance, data->received_at, error) &&
             add_pending_acknowledgement (db, existing, provenance, data->received_at, error);
    }

  if (data->summary->replaces_number != NULL)
    replaces_norm = ecert_cache_normalize_number (data->summary->replaces_number);

  if (!insert_certificate (self, data, number_norm, replaces_norm, error) ||
      !insert_receipt (db, data->row, provenance, data->received_at, error) ||
      !add_pending_acknowledgement (db, data->row, provenance, data->received_at, error) ||
      !link_history (db, data->row, number_norm, data->summary->export_country,
                     data->summary->status_code, replaces_norm, error))
    return FALSE;

  data->result = ECERT_CACHE_STORED;
  self->changed = TRUE;
  return TRUE;
}

/**
 * ecert_cache_store:
 * @summary: what to find the certificate by
 * @document: the document's exact bytes, as received
 * @provenance: where they came from
 * @verification: (nullable): the signature verdict, when it is known
 *   already (the sync verifies before it stores); it becomes the latest
 *   verdict of a certificate already held, too. %NULL leaves the
 *   certificate "not verified yet", or its verdict as it was.
 * @result: (out) (optional): whether they were new to the cache
 * @row: (out) (optional): the certificate's row, new or existing
 *
 * Stores a certificate once: the same bytes, or the same hub delivery,
 * received again are not stored twice (a new delivery of known bytes is
 * recorded as a receipt). A hub delivery is also recorded as pending
 * acknowledgement. When this returns TRUE outside a caller's transaction,
 * the certificate is on the disk.
 */
gboolean
ecert_cache_store (EcertCache                    *self,
                   const EcertCacheSummary       *summary,
                   GBytes                        *document,
                   const EcertCacheProvenance    *provenance,
                   const EcertCacheVerification  *verification,
                   EcertCacheStoreResult         *result,
                   gint64                        *row,
                   GError                       **error)
{
  g_autoptr(GDateTime) now = NULL;
  EcertCacheVerification checked = { 0 };
  StoreData data = { 0 };
  gsize size;
  gconstpointer bytes;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (provenance != NULL, FALSE);

  if (verification != NULL)
    {
      if (!check_verdict (verification->verdict, error))
        return FALSE;
      checked = *verification;
      if (checked.evaluated_at == NULL)
        checked.evaluated_at = now = g_date_time_new_now_utc ();
      data.verification = &checked;
    }

  data.summary = summary;
  data.document = document;
  data.provenance = provenance;
  data.received_at = provenance->received_at;
  if (data.received_at == NULL)
    data.received_at = now != NULL ? now : (now = g_date_time_new_now_utc ());

  bytes = g_bytes_get_data (document, &size);
  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, bytes, size, data.sha256) != 0)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                           _("The document’s SHA-256 digest could not be computed."));
      return FALSE;
    }

  if (!write_in_transaction (self, store_locked, &data, error))
    return FALSE;

  if (result != NULL)
    *result = data.result;
  if (row != NULL)
    *row = data.row;
  return TRUE;
}

/**
 * ecert_cache_store_certificate:
 * @certificate: a parsed certificate; its exact bytes are stored
 *
 * Like ecert_cache_store(), with the summary read from @certificate.
 */
gboolean
ecert_cache_store_certificate (EcertCache                    *self,
                               EcertCertificate              *certificate,
                               const EcertCacheProvenance    *provenance,
                               const EcertCacheVerification  *verification,
                               EcertCacheStoreResult         *result,
                               gint64                        *row,
                               GError                       **error)
{
  g_autoptr(EcertCacheSummary) summary = NULL;

  g_return_val_if_fail (ECERT_IS_CERTIFICATE (certificate), FALSE);

  summary = ecert_cache_summary_new_from_certificate (certificate);
  return ecert_cache_store (self, summary, ecert_certificate_get_bytes (certificate), provenance,
                            verification, result, row, error);
}

typedef struct
{
  gint64                  row;
  EcertCacheVerification  verification;
} VerificationData;

static gboolean
set_verification_locked (EcertCache  *self,
                         gpointer     user_data,
                         GError     **error)
{
  VerificationData *data = user_data;

  return update_verification (self, data->row, &data->verification, error);
}

/**
 * ecert_cache_set_verification:
 * @certificate_row: the certificate's row
 * @verdict: one of valid, invalid, untrusted, not-authorised,
 *   expired-signer, unsigned, unsupported
 * @reason: (nullable): why, in words a person can read
 * @signer: (nullable): who signed
 * @evaluated_at: (nullable): when the verdict was computed; %NULL for now
 *
 * Records the latest signature verdict, replacing any earlier one. The
 * cache only stores it: computing it is the verifier's business.
 */
gboolean
ecert_cache_set_verification (EcertCache  *cache,
                              gint64       certificate_row,
                              const char  *verdict,
                              const char  *reason,
                              const char  *signer,
                              GDateTime   *evaluated_at,
                              GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  VerificationData data = { certificate_row,
                            { (char *) verdict, (char *) reason, (char *) signer, evaluated_at } };

  g_return_val_if_fail (ECERT_IS_CACHE (cache), FALSE);

  if (!check_verdict (verdict, error))
    return FALSE;

  if (data.verification.evaluated_at == NULL)
    data.verification.evaluated_at = now = g_date_time_new_now_utc ();

  return write_in_transaction (cache, set_verification_locked, &data, error);
}

/* Reading ------------------------------------------------------------------ */

static GPtrArray *
read_receipts (EcertCacheDb  *db,
               gint64         row,
               GError       **error)
{
  g_autoptr(GPtrArray) receipts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_cache_provenance_free);
  g_autoptr(EcertCacheStatement) statement =
    _ecert_cache_db_prepare (db,
                             "SELECT source, hub_url, delivery_number, envelope_from, envelope_to,"
                             " envelope_certificate_type, envelope_certificate_status,"
                             " envelope_certificate_number, hub_tracking_info, file_path,"
                             " received_at"
                             " FROM receipts WHERE certificate_id = ? ORDER BY id",
                             error);
  int code;

  if (statement == NULL)
    return NULL;

  sqlite3_bind_int64 (statement, 1, row);
  while ((code = _ecert_cache_db_step (db, statement, error)) == SQLITE_ROW)
    {
      const char *source = (const char *) sqlite3_column_text (statement, 0);
      EcertCacheProvenance *receipt =
        ecert_cache_provenance_new (g_strcmp0 (source, "hub") == 0 ? ECERT_CACHE_SOURCE_HUB
                                                                   : ECERT_CACHE_SOURCE_FILE);

      receipt->hub_url = _ecert_cache_db_column_text (statement, 1);
      receipt->delivery_number = _ecert_cache_db_column_text (statement, 2);
      receipt->envelope_from = _ecert_cache_db_column_text (statement, 3);
      receipt->envelope_to = _ecert_cache_db_column_text (statement, 4);
      receipt->envelope_certificate_type = _ecert_cache_db_column_text (statement, 5);
      receipt->envelope_certificate_status = _ecert_cache_db_column_text (statement, 6);
      receipt->envelope_certificate_number = _ecert_cache_db_column_text (statement, 7);
      receipt->hub_tracking_info = _ecert_cache_db_column_text (statement, 8);
      receipt->file_path = _ecert_cache_db_column_text (statement, 9);
      receipt->received_at = _ecert_cache_db_column_time (statement, 10);
      g_ptr_array_add (receipts, receipt);
    }

  if (code < 0)
    return NULL;
  return g_steal_pointer (&receipts);
}

static EcertCacheRecord *
read_record (EcertCacheDb  *db,
             gint64         row,
             GError       **error)
{
  g_autoptr(EcertCacheRecord) record = g_new0 (EcertCacheRecord, 1);
  int code;

  {
    g_autoptr(EcertCacheStatement) statement =
      _ecert_cache_db_prepare (db,
                               "SELECT c.number, c.export_country, c.status_code,"
                               " lower(hex(c.sha256)), c.received_at, c.verdict,"
                               " c.verdict_reason, c.verdict_signer, c.verified_at, c.replaces,"
                               " c.replaced_by, c.withdrawn_by, c.replaces_number, d.bytes"
                               " FROM certificates AS c JOIN documents AS d"
                               " ON d.certificate_id = c.id WHERE c.id = ?",
                               error);

    if (statement == NULL)
      return NULL;

    sqlite3_bind_int64 (statement, 1, row);
    code = _ecert_cache_db_step (db, statement, error);
    if (code < 0)
      return NULL;
    if (code == SQLITE_DONE)
      {
        no_such_row (row, error);
        return NULL;
      }

    record->row = row;
    record->number = _ecert_cache_db_column_text (statement, 0);
    record->export_country = _ecert_cache_db_column_text (statement, 1);
    record->status_code = _ecert_cache_db_column_text (statement, 2);
    record->sha256 = _ecert_cache_db_column_text (statement, 3);
    record->received_at = _ecert_cache_db_column_time (statement, 4);
    if (sqlite3_column_type (statement, 5) != SQLITE_NULL)
      {
        record->verification = g_new0 (EcertCacheVerification, 1);
        record->verification->verdict = _ecert_cache_db_column_text (statement, 5);
        record->verification->reason = _ecert_cache_db_column_text (statement, 6);
        record->verification->signer = _ecert_cache_db_column_text (statement, 7);
        record->verification->evaluated_at = _ecert_cache_db_column_time (statement, 8);
      }
    record->replaces = sqlite3_column_int64 (statement, 9);
    record->replaced_by = sqlite3_column_int64 (statement, 10);
    record->withdrawn_by = sqlite3_column_int64 (statement, 11);
    record->replaces_number = _ecert_cache_db_column_text (statement, 12);
    record->document = _ecert_cache_db_column_bytes (statement, 13);
  }

  record->receipts = read_receipts (db, row, error);
  if (record->receipts == NULL)
    return NULL;

  return g_steal_pointer (&record);
}

/**
 * ecert_cache_get_record:
 * @row: a certificate's row, from a search or a store
 *
 * Returns: (transfer full): everything the cache holds about the
 *   certificate, read in one snapshot, or %NULL with @error set
 */
EcertCacheRecord *
ecert_cache_get_record (EcertCache  *self,
                        gint64       row,
                        GError     **error)
{
  g_auto(Reader) lease = { self, NULL };
  EcertCacheDb *reader;
  EcertCacheRecord *record;

  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);

  reader = lease.db = acquire_reader (self, NULL, error);
  if (reader == NULL)
    return NULL;

  if (!_ecert_cache_db_exec (reader, "BEGIN", error))
    return NULL;
  record = read_record (reader, row, error);
  sqlite3_exec (reader->handle, "COMMIT", NULL, NULL, NULL);
  return record;
}

static GPtrArray *
collect_rows (EcertCacheDb  *db,
              sqlite3_stmt  *statement,
              GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int code;

  while ((code = _ecert_cache_db_step (db, statement, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, _ecert_cache_row_new_from_statement (statement));

  if (code < 0)
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * ecert_cache_lookup_number:
 * @number: a certificate number, as written or as typed
 * @export_country: (nullable): the exporting country's code, or %NULL for
 *   every country
 *
 * Finds certificates by number, compared in their normalised form (see
 * ecert_cache_normalize_number()). The same number may have several
 * documents: an original, its withdrawal, or the same number from another
 * country.
 *
 * Returns: (transfer full) (element-type EcertCacheRow): the matches,
 *   newest arrival first, or %NULL with @error set
 */
GPtrArray *
ecert_cache_lookup_number (EcertCache  *self,
                           const char  *number,
                           const char  *export_country,
                           GError     **error)
{
  g_auto(Reader) lease = { self, NULL };
  EcertCacheDb *reader;
  g_autofree char *normalized = NULL;
  g_autofree char *country = NULL;
  sqlite3_stmt *statement;
  GPtrArray *rows;

  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  if (export_country != NULL)
    {
      country = ecert_country_code_normalize (export_country, error);
      if (country == NULL)
        return NULL;
    }

  normalized = ecert_cache_normalize_number (number);
  reader = lease.db = acquire_reader (self, NULL, error);
  if (reader == NULL)
    return NULL;

  statement = _ecert_cache_db_prepare (reader,
                                       country != NULL
                                       ? "SELECT " ECERT_CACHE_ROW_COLUMNS " FROM certificates AS c"
                                         " WHERE c.number_norm = ?1 AND c.export_country = ?2"
                                         " ORDER BY c.id DESC"
                                       : "SELECT " ECERT_CACHE_ROW_COLUMNS " FROM certificates AS c"
                                         " WHERE c.number_norm = ?1 ORDER BY c.id DESC",
                                       error);
  if (statement == NULL)
    return NULL;

  _ecert_cache_db_bind_text (statement, 1, normalized);
  if (country != NULL)
    _ecert_cache_db_bind_text (statement, 2, country);
  rows = collect_rows (reader, statement, error);
  sqlite3_reset (statement);
  return rows;
}

/* Search ------------------------------------------------------------------- */

/* Up to this many full-text matches, looking each up costs less than
 * walking an index of every certificate: see choose_plan(). Tests move it
 * to run every query through both plans. */
static guint join_max_matches = 4000;

void
_ecert_cache_set_join_max_matches (guint matches)
{
  join_max_matches = matches;
}

static sqlite3_stmt *
prepare_plan (EcertCacheDb    *db,
              EcertCacheSql   *sql,
              EcertCachePlan   plan,
              GError         **error)
{
  g_autofree char *text = _ecert_cache_sql_render (sql, plan);
  sqlite3_stmt *statement = _ecert_cache_db_prepare (db, text, error);

  if (statement != NULL && !_ecert_cache_sql_bind (sql, plan, statement))
    g_critical ("The cache query “%s” takes fewer parameters than it was given", text);
  return statement;
}

static gboolean
count_with_plan (EcertCacheDb    *db,
                 EcertCacheSql   *sql,
                 EcertCachePlan   plan,
                 gint64          *n_rows,
                 GError         **error)
{
  g_autoptr(EcertCacheStatement) statement = prepare_plan (db, sql, plan, error);
  int code;

  if (statement == NULL)
    return FALSE;

  code = _ecert_cache_db_step (db, statement, error);
  if (code < 0)
    return FALSE;

  *n_rows = code == SQLITE_ROW ? sqlite3_column_int64 (statement, 0) : 0;
  return TRUE;
}

/* A word shared by a tenth of a million certificates would make a join
 * look up a hundred thousand summaries to show a hundred; a rare one would
 * make a walk in index order read the whole index to find three. Counting
 * the matches first, from the full-text index alone, tells which. */
static gboolean
choose_plan (EcertCacheDb    *db,
             EcertCacheSql   *sql,
             gboolean         count,
             EcertCachePlan  *plan,
             GError         **error)
{
  gboolean filtered = sql->filters[0] != '\0';
  gint64 matches;

  if (sql->expression == NULL)
    {
      *plan = count ? ECERT_CACHE_PLAN_COUNT : ECERT_CACHE_PLAN_ROWS;
      return TRUE;
    }

  if (count && !filtered)
    {
      *plan = ECERT_CACHE_PLAN_COUNT_MATCHES;
      return TRUE;
    }

  if (!count && !filtered && sql->newest_first)
    {
      *plan = ECERT_CACHE_PLAN_ROWS_MATCH_ORDER;
      return TRUE;
    }

  if (!count_with_plan (db, sql, ECERT_CACHE_PLAN_COUNT_MATCHES, &matches, error))
    return FALSE;

  if (matches <= join_max_matches)
    *plan = count ? ECERT_CACHE_PLAN_COUNT_JOIN
                  : sql->newest_first ? ECERT_CACHE_PLAN_ROWS_MATCH_ORDER
                                      : ECERT_CACHE_PLAN_ROWS_JOIN;
  else
    *plan = count ? ECERT_CACHE_PLAN_COUNT_SET : ECERT_CACHE_PLAN_ROWS_SET;
  return TRUE;
}

typedef struct
{
  EcertCacheSql *sql;
  guint          offset;
  guint          limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  _ecert_cache_sql_free (data->sql);
  g_free (data);
}

static GPtrArray *
run_search (EcertCache     *self,
            SearchData     *data,
            GCancellable   *cancellable,
            GError        **error)
{
  g_auto(Reader) lease = { self, acquire_reader (self, cancellable, error) };
  EcertCacheDb *reader = lease.db;
  EcertCachePlan plan;
  sqlite3_stmt *statement;
  GPtrArray *rows;
  int parameters;

  if (reader == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* One snapshot for the count that picks the plan and the rows. */
  if (!_ecert_cache_db_exec (reader, "BEGIN", error))
    return NULL;

  if ((data->sql->by_country && !_ecert_cache_db_prepare_country_order (reader, error)) ||
      !choose_plan (reader, data->sql, FALSE, &plan, error) ||
      (statement = prepare_plan (reader, data->sql, plan, error)) == NULL)
    {
      sqlite3_exec (reader->handle, "COMMIT", NULL, NULL, NULL);
      return NULL;
    }

  parameters = sqlite3_bind_parameter_count (statement);
  sqlite3_bind_int64 (statement, parameters - 1, data->limit);
  sqlite3_bind_int64 (statement, parameters, data->offset);
  rows = collect_rows (reader, statement, error);
  sqlite3_reset (statement);
  sqlite3_exec (reader->handle, "COMMIT", NULL, NULL, NULL);
  return rows;
}

/**
 * ecert_cache_search:
 * @query: what to find, and in which order
 * @offset: how many matches to skip
 * @limit: how many matches to return at most
 *
 * Finds certificates, blocking: call it from a worker thread, or use
 * ecert_cache_search_async().
 *
 * Returns: (transfer full) (element-type EcertCacheRow): the matches, or
 *   %NULL with @error set (%G_IO_ERROR_CANCELLED when cancelled)
 */
GPtrArray *
ecert_cache_search (EcertCache       *self,
                    EcertCacheQuery  *query,
                    guint             offset,
                    guint             limit,
                    GCancellable     *cancellable,
                    GError          **error)
{
  SearchData data = { NULL, offset, limit };
  GPtrArray *rows;

  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);
  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (query), NULL);

  data.sql = _ecert_cache_query_compile (query);
  rows = run_search (self, &data, cancellable, error);
  _ecert_cache_sql_free (data.sql);
  return rows;
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *rows = run_search (source_object, task_data, cancellable, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ecert_cache_search_async:
 *
 * Runs ecert_cache_search() on a worker thread. @query is read before this
 * returns; later changes to it do not affect this search.
 */
void
ecert_cache_search_async (EcertCache          *self,
                          EcertCacheQuery     *query,
                          guint                offset,
                          guint                limit,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (ECERT_IS_CACHE (self));
  g_return_if_fail (ECERT_IS_CACHE_QUERY (query));

  data = g_new0 (SearchData, 1);
  data->sql = _ecert_cache_query_compile (query);
  data->offset = offset;
  data->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_cache_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
}

/**
 * ecert_cache_search_finish:
 *
 * Returns: (transfer full) (element-type EcertCacheRow): the matches, or
 *   %NULL with @error set
 */
GPtrArray *
ecert_cache_search_finish (EcertCache    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
run_count (EcertCache     *self,
           EcertCacheSql  *sql,
           guint          *n_rows,
           GCancellable   *cancellable,
           GError        **error)
{
  g_auto(Reader) lease = { self, acquire_reader (self, cancellable, error) };
  EcertCacheDb *reader = lease.db;
  EcertCachePlan plan;
  gint64 count;
  gboolean ok;

  if (reader == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!_ecert_cache_db_exec (reader, "BEGIN", error))
    return FALSE;
  ok = choose_plan (reader, sql, TRUE, &plan, error) &&
       count_with_plan (reader, sql, plan, &count, error);
  sqlite3_exec (reader->handle, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return FALSE;

  *n_rows = (guint) MIN (count, G_MAXUINT);
  return TRUE;
}

/**
 * ecert_cache_count:
 * @n_rows: (out): how many certificates @query finds
 *
 * Counts, blocking: call it from a worker thread, or use
 * ecert_cache_count_async().
 */
gboolean
ecert_cache_count (EcertCache       *self,
                   EcertCacheQuery  *query,
                   guint            *n_rows,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autoptr(EcertCacheSql) sql = NULL;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (query), FALSE);
  g_return_val_if_fail (n_rows != NULL, FALSE);

  sql = _ecert_cache_query_compile (query);
  return run_count (self, sql, n_rows, cancellable, error);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  guint n_rows = 0;

  if (!run_count (source_object, task_data, &n_rows, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_rows);
}

void
ecert_cache_count_async (EcertCache          *self,
                         EcertCacheQuery     *query,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ECERT_IS_CACHE (self));
  g_return_if_fail (ECERT_IS_CACHE_QUERY (query));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_cache_count_async);
  g_task_set_task_data (task, _ecert_cache_query_compile (query),
                        (GDestroyNotify) _ecert_cache_sql_free);
  g_task_run_in_thread (task, count_thread);
}

gboolean
ecert_cache_count_finish (EcertCache    *self,
                          GAsyncResult  *result,
                          guint         *n_rows,
                          GError       **error)
{
  GError *local_error = NULL;
  gssize count;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (n_rows != NULL, FALSE);

  count = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  *n_rows = (guint) count;
  return TRUE;
}

/**
 * ecert_cache_list_export_countries:
 *
 * The exporting countries of the cached certificates, for a filter. Blocking
 * but quick on any size of cache: it hops through the country index, one
 * lookup a country, instead of reading every row.
 *
 * Returns: (transfer container) (element-type utf8): the codes, sorted,
 *   or %NULL with @error set
 */
GPtrArray *
ecert_cache_list_export_countries (EcertCache    *self,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_auto(Reader) lease = { self, NULL };
  g_autoptr(GPtrArray) countries = g_ptr_array_new_with_free_func (g_free);
  EcertCacheDb *reader;
  int step;

  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);

  reader = lease.db = acquire_reader (self, cancellable, error);
  if (reader == NULL)
    return NULL;

  {
    g_autoptr(EcertCacheStatement) statement =
      _ecert_cache_db_prepare (reader,
                               "WITH RECURSIVE next (country) AS ("
                               " SELECT MIN (export_country) FROM certificates"
                               " UNION ALL"
                               " SELECT (SELECT MIN (export_country) FROM certificates"
                               "         WHERE export_country > next.country)"
                               " FROM next WHERE next.country IS NOT NULL)"
                               " SELECT country FROM next WHERE country IS NOT NULL",
                               error);

    if (statement == NULL)
      return NULL;
    while ((step = _ecert_cache_db_step (reader, statement, error)) == SQLITE_ROW)
      g_ptr_array_add (countries, _ecert_cache_db_column_text (statement, 0));
    if (step < 0)
      return NULL;
  }

  return g_steal_pointer (&countries);
}

static void
export_countries_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *countries = ecert_cache_list_export_countries (source_object, cancellable, &error);

  if (countries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, countries, (GDestroyNotify) g_ptr_array_unref);
}

void
ecert_cache_list_export_countries_async (EcertCache          *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ECERT_IS_CACHE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_cache_list_export_countries_async);
  g_task_run_in_thread (task, export_countries_thread);
}

/**
 * ecert_cache_list_export_countries_finish:
 *
 * Returns: (transfer container) (element-type utf8): the codes, sorted
 */
GPtrArray *
ecert_cache_list_export_countries_finish (EcertCache    *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
  g_auto(Reader) lease = { self, NULL };
  EcertCacheDb *reader;
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean ok;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  reader = lease.db = acquire_reader (self, NULL, error);
  if (reader == NULL)
    return FALSE;

  {
    g_autoptr(EcertCacheStatement) statement =
      _ecert_cache_db_prepare (reader, "PRAGMA integrity_check", error);
    int code;

    if (statement == NULL)
      return FALSE;

    while ((code = _ecert_cache_db_step (reader, statement, error)) == SQLITE_ROW)
      {
        const char *line = (const char *) sqlite3_column_text (statement, 0);

        if (g_strcmp0 (line, "ok") != 0)
          g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", line);
      }
    if (code < 0)
      return FALSE;
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

/* Synchronisation state ---------------------------------------------------- */

typedef struct
{
  const char *sql;
  const char *texts[3];   /* bound to :t1, :t2, :t3 */
  gint64      numbers[3]; /* bound to :n1, :n2, :n3 */
  GBytes     *blob;       /* bound to :blob */
  gint64      last_row;
  gboolean    must_change;
} SimpleWrite;

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
static gboolean
simple_write_locked (EcertCache  *self,
                     gpointer     user_data,
                     GError     **error)
{
  static const char * const text_names[] = { ":t1", ":t2", ":t3" };
  static const char * const number_names[] = { ":n1", ":n2", ":n3" };
  SimpleWrite *write = user_data;
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
  SimpleWrite write = {
    "INSERT INTO sync_state (hub_url, key, value, updated_at) VALUES (:t1, :t2, :t3, :now)"
    " ON CONFLICT (hub_url, key) DO UPDATE SET value = excluded.value,"
    " updated_at = excluded.updated_at",
    { hub_url, key, value },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (hub_url != NULL && key != NULL, FALSE);

  return write_in_transaction (self, simple_write_locked, &write, error);
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
  g_auto(Reader) lease = { self, NULL };
  EcertCacheDb *reader;
  int code;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (hub_url != NULL && key != NULL && value != NULL, FALSE);

  reader = lease.db = acquire_reader (self, NULL, error);
  if (reader == NULL)
    return FALSE;

  {
    g_autoptr(EcertCacheStatement) statement =
      _ecert_cache_db_prepare (reader, "SELECT value FROM sync_state WHERE hub_url = ? AND key = ?",
                               error);

    if (statement == NULL)
      return FALSE;
    _ecert_cache_db_bind_text (statement, 1, hub_url);
    _ecert_cache_db_bind_text (statement, 2, key);
    code = _ecert_cache_db_step (reader, statement, error);
    if (code < 0)
      return FALSE;
    *value = code == SQLITE_ROW ? _ecert_cache_db_column_text (statement, 0) : NULL;
  }
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
  g_auto(Reader) lease = { self, NULL };
  EcertCacheDb *reader;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  int code;

  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);
  g_return_val_if_fail (hub_url != NULL, NULL);

  reader = lease.db = acquire_reader (self, NULL, error);
  if (reader == NULL)
    return NULL;

  {
    g_autoptr(EcertCacheStatement) statement =
      _ecert_cache_db_prepare (reader,
                               "SELECT delivery_number FROM pending_acknowledgements"
                               " WHERE hub_url = ? ORDER BY stored_at, delivery_number",
                               error);

    if (statement == NULL)
      return NULL;
    _ecert_cache_db_bind_text (statement, 1, hub_url);
    while ((code = _ecert_cache_db_step (reader, statement, error)) == SQLITE_ROW)
      g_ptr_array_add (numbers, _ecert_cache_db_column_text (statement, 0));
    if (code < 0)
      return NULL;
  }
  return g_steal_pointer (&numbers);
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
  SimpleWrite write = {
    "DELETE FROM pending_acknowledgements WHERE hub_url = :t1 AND delivery_number = :t2",
    { hub_url, delivery_number },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (hub_url != NULL && delivery_number != NULL, FALSE);

  return write_in_transaction (self, simple_write_locked, &write, error);
}

/* Trust anchors ------------------------------------------------------------ */

/**
 * ecert_cache_add_trust_anchor:
 * @country: the exporting country the anchor vouches for
 * @der: the X.509 certificate, DER-encoded; it is stored as given
 * @origin: the hub it came from, or "user"
 * @id: (out) (optional): its row; an anchor already held for @country keeps
 *   its row
 */
gboolean
ecert_cache_add_trust_anchor (EcertCache  *self,
                              const char  *country,
                              GBytes      *der,
                              const char  *origin,
                              gint64      *id,
                              GError     **error)
{
  g_autofree char *code = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint8 digest[SHA256_SIZE];
  sqlite3_stmt *statement;
  gsize size;
  gconstpointer data;
  int step;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (der != NULL && origin != NULL, FALSE);

  code = ecert_country_code_normalize (country, error);
  if (code == NULL)
    return FALSE;

  data = g_bytes_get_data (der, &size);
  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, data, size, digest) != 0)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                           _("The document’s SHA-256 digest could not be computed."));
      return FALSE;
    }

  if (!ecert_cache_begin (self, error))
    return FALSE;

  /* The no-op update makes RETURNING give the row of an anchor already
   * held, so adding one twice is not an error. */
  statement = _ecert_cache_db_prepare (self->writer,
                                       "INSERT INTO trust_anchors (country, der, sha256, origin,"
                                       " added_at) VALUES (?, ?, ?, ?, ?)"
                                       " ON CONFLICT (country, sha256) DO UPDATE"
                                       " SET origin = origin RETURNING id",
                                       error);
  if (statement == NULL)
    {
      ecert_cache_rollback (self);
      return FALSE;
    }

  _ecert_cache_db_bind_text (statement, 1, code);
  _ecert_cache_db_bind_bytes (statement, 2, der);
  sqlite3_bind_blob (statement, 3, digest, sizeof digest, SQLITE_STATIC);
  _ecert_cache_db_bind_text (statement, 4, origin);
  _ecert_cache_db_bind_time (statement, 5, now);
  step = _ecert_cache_db_step (self->writer, statement, error);
  if (step == SQLITE_ROW && id != NULL)
    *id = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);

  if (step < 0)
    {
      ecert_cache_rollback (self);
      return FALSE;
    }

  return ecert_cache_commit (self, error);
}

/**
 * ecert_cache_list_trust_anchors:
 * @country: (nullable): only anchors for this country, or %NULL for all
 *
 * Returns: (transfer full) (element-type EcertCacheTrustAnchor)
 */
GPtrArray *
ecert_cache_list_trust_anchors (EcertCache  *self,
                                const char  *country,
                                GError     **error)
{
  g_auto(Reader) lease = { self, NULL };
  EcertCacheDb *reader;
  g_autoptr(GPtrArray) anchors =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_cache_trust_anchor_free);
  g_autofree char *code = NULL;
  int step;

  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);

  if (country != NULL)
    {
      code = ecert_country_code_normalize (country, error);
      if (code == NULL)
        return NULL;
    }

  reader = lease.db = acquire_reader (self, NULL, error);
  if (reader == NULL)
    return NULL;

  {
    g_autoptr(EcertCacheStatement) statement =
      _ecert_cache_db_prepare (reader,
                               "SELECT id, country, der, origin, added_at FROM trust_anchors"
                               " WHERE ?1 IS NULL OR country = ?1 ORDER BY country, id",
                               error);

    if (statement == NULL)
      return NULL;
    _ecert_cache_db_bind_text (statement, 1, code);
    while ((step = _ecert_cache_db_step (reader, statement, error)) == SQLITE_ROW)
      {
        EcertCacheTrustAnchor *anchor = g_new0 (EcertCacheTrustAnchor, 1);

        anchor->id = sqlite3_column_int64 (statement, 0);
        anchor->country = _ecert_cache_db_column_text (statement, 1);
        anchor->der = _ecert_cache_db_column_bytes (statement, 2);
        anchor->origin = _ecert_cache_db_column_text (statement, 3);
        anchor->added_at = _ecert_cache_db_column_time (statement, 4);
        g_ptr_array_add (anchors, anchor);
      }
    if (step < 0)
      return NULL;
  }
  return g_steal_pointer (&anchors);
}

gboolean
ecert_cache_remove_trust_anchor (EcertCache  *self,
                                 gint64       id,
                                 GError     **error)
{
  SimpleWrite write = { "DELETE FROM trust_anchors WHERE id = :n1", { NULL }, { id } };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  write.must_change = TRUE;
  return write_in_transaction (self, simple_write_locked, &write, error);
}

/* Drafts and the outbox ----------------------------------------------------- */

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
  SimpleWrite write = { NULL, { kind }, { certificate_row, 0 }, content };

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

  if (!write_in_transaction (self, simple_write_locked, &write, error))
    return FALSE;

  if (*id == 0)
    *id = write.last_row;
  return TRUE;
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
  g_auto(Reader) lease = { self, NULL };
  EcertCacheDb *reader;
  g_autoptr(GPtrArray) drafts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_cache_draft_free);
  int step;

  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);

  reader = lease.db = acquire_reader (self, NULL, error);
  if (reader == NULL)
    return NULL;

  {
    g_autoptr(EcertCacheStatement) statement =
      _ecert_cache_db_prepare (reader,
                               "SELECT id, kind, certificate_id, content, created_at, updated_at"
                               " FROM drafts ORDER BY saved_order DESC",
                               error);

    if (statement == NULL)
      return NULL;
    while ((step = _ecert_cache_db_step (reader, statement, error)) == SQLITE_ROW)
      {
        EcertCacheDraft *draft = g_new0 (EcertCacheDraft, 1);

        draft->id = sqlite3_column_int64 (statement, 0);
        draft->kind = _ecert_cache_db_column_text (statement, 1);
        draft->certificate_row = sqlite3_column_int64 (statement, 2);
        draft->content = _ecert_cache_db_column_bytes (statement, 3);
        draft->created_at = _ecert_cache_db_column_time (statement, 4);
        draft->updated_at = _ecert_cache_db_column_time (statement, 5);
        g_ptr_array_add (drafts, draft);
      }
    if (step < 0)
      return NULL;
  }
  return g_steal_pointer (&drafts);
}

gboolean
ecert_cache_delete_draft (EcertCache  *self,
                          gint64       id,
                          GError     **error)
{
  SimpleWrite write = { "DELETE FROM drafts WHERE id = :n1", { NULL }, { id } };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  write.must_change = TRUE;
  return write_in_transaction (self, simple_write_locked, &write, error);
}

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
  SimpleWrite delete_draft = { "DELETE FROM drafts WHERE id = :n1", { NULL }, { data->draft_id } };
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
  return data->draft_id == 0 || simple_write_locked (self, &delete_draft, error);
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

  if (!write_in_transaction (self, queue_outbox_locked, &data, error))
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

static EcertCacheOutboxItem *
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

/* Rows of a small table, read by one statement with an integer (?1) and
 * two text (?2, ?3) parameters. */
static GPtrArray *
read_rows (EcertCache      *self,
           const char      *sql,
           gint64           number,
           const char      *text,
           const char      *text2,
           gpointer       (*read_row) (sqlite3_stmt *statement),
           GDestroyNotify   free_row,
           GError         **error)
{
  g_auto(Reader) lease = { self, NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  g_autoptr(EcertCacheStatement) statement = NULL;
  EcertCacheDb *reader;
  int step;

  reader = lease.db = acquire_reader (self, NULL, error);
  if (reader == NULL)
    return NULL;

  statement = _ecert_cache_db_prepare (reader, sql, error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, number);
  _ecert_cache_db_bind_text (statement, 2, text);
  _ecert_cache_db_bind_text (statement, 3, text2);
  while ((step = _ecert_cache_db_step (reader, statement, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (statement));
  if (step < 0)
    return NULL;

  return g_steal_pointer (&rows);
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

  return read_rows (self, "SELECT " OUTBOX_COLUMNS " FROM outbox"
                          " WHERE ?1 = 0 OR state IN ('queued', 'sending') ORDER BY queued_at, id",
                    queued_only, NULL, NULL, (gpointer) outbox_item_from_statement,
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

  rows = read_rows (self, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ?1", id, NULL, NULL,
                    (gpointer) outbox_item_from_statement,
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
  SimpleWrite write = {
    "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = :n1"
    " AND state IN ('queued', 'sending')",
    { NULL }, { id },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  write.must_change = TRUE;
  return write_in_transaction (self, simple_write_locked, &write, error);
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
  SimpleWrite write = {
    "UPDATE outbox SET state = 'sent', last_error = NULL, sent_at = :now,"
    " tracking_number = coalesce (:t1, tracking_number), hub_tracking = :t2,"
    " hub_message = :t3, tracked_at = :now, next_attempt_at = NULL WHERE id = :n1",
    { tracking_number, hub_tracking, hub_message }, { id },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  write.must_change = TRUE;
  return write_in_transaction (self, simple_write_locked, &write, error);
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
  SimpleWrite write = {
    "UPDATE outbox SET hub_tracking = :t1, hub_message = :t2, tracked_at = :now WHERE id = :n1",
    { hub_tracking, hub_message }, { id },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  write.must_change = TRUE;
  return write_in_transaction (self, simple_write_locked, &write, error);
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
  SimpleWrite write = {
    "UPDATE outbox SET state = CASE :n2 WHEN 0 THEN 'failed' ELSE state END,"
    " last_error = :t1, next_attempt_at = nullif (:n3, 0) WHERE id = :n1",
    { reason }, { id, retry, next_attempt_at != NULL ? g_date_time_to_unix (next_attempt_at) : 0 },
  };

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  write.must_change = TRUE;
  return write_in_transaction (self, simple_write_locked, &write, error);
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
  return add_pending_acknowledgement (self->writer, 0, provenance, now, error);
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

  if (!write_in_transaction (self, store_response_locked, &data, error))
    return FALSE;

  if (result != NULL)
    *result = data.result;
  return TRUE;
}

static EcertCacheResponse *
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

  return read_rows (self, "SELECT id, hub_url, delivery_number, sender, recipient,"
                          " certificate_number, export_country, certificate_type, status_code,"
                          " document, received_at FROM responses"
                          " WHERE (?2 IS NULL OR certificate_number_norm = ?2)"
                          " AND (?3 IS NULL OR export_country = ?3) ORDER BY received_at, id",
                    0, number_norm, country, (gpointer) response_from_statement,
                    (GDestroyNotify) ecert_cache_response_free, error);
}

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
  g_auto(Reader) lease = { self, NULL };
  g_autofree char *wal = NULL;
  EcertCacheDb *reader;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (usage != NULL, FALSE);

  reader = lease.db = acquire_reader (self, NULL, error);
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
                               " (SELECT count(*) FROM outbox WHERE state = 'sent'),"
                               " (SELECT count(*) FROM trust_anchors)",
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
    usage->trust_anchors = (guint) sqlite3_column_int64 (statement, 5);
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
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ECERT_IS_CACHE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_cache_get_usage_async);
  g_task_run_in_thread (task, usage_thread);
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
 * trust anchors and synchronisation state.
 */
gboolean
ecert_cache_clear (EcertCache  *self,
                   guint       *n_deleted,
                   GError     **error)
{
  guint deleted = 0;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);

  if (!write_in_transaction (self, clear_locked, &deleted, error))
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

/* Object ------------------------------------------------------------------- */

static void
ecert_cache_finalize (GObject *object)
{
  EcertCache *self = ECERT_CACHE (object);

  if (self->depth > 0)
    g_critical ("The cache %s was closed inside a transaction", self->path);

  unregister_open_cache (self);

  close_connections (self);
  g_clear_pointer (&self->idle_readers, g_ptr_array_unref);
  g_mutex_clear (&self->readers_lock);
  g_cond_clear (&self->readers_free);
  g_rec_mutex_clear (&self->write_lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->recovery_notice);
  g_free (self->moved_aside_path);
  g_free (self->key);
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
   * verdict, a history link), by this process, through this cache or
   * another one open on the same file. Emitted in the main context the cache
   * was opened in, once for any number of commits since the last time.
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
