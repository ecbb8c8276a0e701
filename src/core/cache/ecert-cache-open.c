/* ecert-cache-open.c: opening the cache, and recovering a damaged file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ecert-cache-private.h"
#include "ecert-error.h"
#include "ecert-task.h"

/* Below this size the whole file is checked at every open: it takes a few
 * milliseconds. Larger caches are checked fully only after SQLite reported
 * damage during a session (see ecert-cache-db.c). */
#define FULL_CHECK_MAX_SIZE (16 * 1024 * 1024)

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
  g_autoptr(GPtrArray) values = NULL;

  if (statement == NULL)
    return FALSE;

  values = _ecert_cache_collect_rows (db, statement, _ecert_cache_read_text, g_free, error);
  if (values == NULL)
    return FALSE;

  *value = values->len > 0 ? g_ptr_array_steal_index (values, 0) : NULL;
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

  _ecert_cache_close_connections (self);

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

  ecert_task_return_result (task, cache, g_object_unref, error);
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
  OpenData *data = g_new0 (OpenData, 1);

  data->path = g_strdup (path);
  data->context = g_main_context_ref_thread_default ();
  ecert_task_run_in_thread (NULL, ecert_cache_open_async, open_thread,
                            data, (GDestroyNotify) open_data_free,
                            cancellable, callback, user_data);
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

