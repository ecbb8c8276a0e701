/* test-cache-damage.c: a damaged cache is moved aside, never deleted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ecert-cache-private.h"
#include "ecert-core.h"
#include "ecert-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = ecert_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "cache.sqlite3", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ecert_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* A cache of some pages, closed cleanly (the WAL checkpointed away). */
static void
make_cache (const char *path,
            guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = ecert_cache_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (ecert_cache_begin (cache, &error));
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(EcertCacheIndexEntry) entry = g_new0 (EcertCacheIndexEntry, 1);
      g_autoptr(EcertCacheProvenance) provenance =
        ecert_cache_provenance_new (ECERT_CACHE_SOURCE_FILE);
      g_autofree char *text = g_strnfill (3000, 'a' + i % 26);
      g_autoptr(GBytes) document = g_bytes_new (text, strlen (text));

      entry->number = g_strdup_printf ("NZ-%05u", i);
      entry->export_country = g_strdup ("NZ");
      entry->consignor = g_strdup_printf ("Consignor %u", i);
      ecert_cache_store (cache, entry, document, provenance, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (ecert_cache_commit (cache, &error));
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  return g_bytes_new_take (contents, length);
}

static void
write_file (const char    *path,
            gconstpointer  data,
            gsize          length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, length, &error));
}

/* Opens a cache over the damaged file @before: the open succeeds, says so,
 * keeps the damaged bytes aside and gives a working, empty cache. */
static void
assert_moved_aside (Fixture *fixture,
                    GBytes  *before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = ecert_cache_open (fixture->path, &error);
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *year = g_date_time_format (now, ".damaged-%Y");
  g_autofree char *marker = _ecert_cache_damage_marker_path (fixture->path);
  const GError *notice;
  const char *aside;
  guint n_rows = 99;

  g_assert_no_error (error);
  g_assert_nonnull (cache);

  notice = ecert_cache_get_recovery_notice (cache);
  g_assert_nonnull (notice);
  g_assert_true (g_error_matches (notice, ECERT_ERROR, ECERT_ERROR_CACHE_DAMAGED));
  g_test_message ("notice: %s", notice->message);

  aside = ecert_cache_get_moved_aside_path (cache);
  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, fixture->path));
  g_assert_nonnull (strstr (aside, year));
  g_assert_nonnull (strstr (notice->message, aside));

  /* Not one byte of the damaged file was lost. */
  kept = read_file (aside);
  if (!g_bytes_equal (kept, before))
    {
      const guint8 *a = g_bytes_get_data (kept, NULL), *b = g_bytes_get_data (before, NULL);
      gsize i;

      g_assert_cmpuint (g_bytes_get_size (kept), ==, g_bytes_get_size (before));
      for (i = 0; a[i] == b[i]; i++)
        ;
      g_error ("byte %" G_GSIZE_FORMAT " differs", i);
    }
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  /* The new cache works. */
  g_assert_true (ecert_cache_count (cache, query, &n_rows, NULL, &error));
  g_assert_cmpuint (n_rows, ==, 0);
  make_cache (fixture->path, 1);
  g_assert_true (ecert_cache_count (cache, query, &n_rows, NULL, &error));
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_true (ecert_cache_check_integrity (cache, &error));
  g_assert_no_error (error);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  gsize keep = GPOINTER_TO_SIZE (data);
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) truncated = NULL;

  make_cache (fixture->path, 200);
  whole = read_file (fixture->path);
  g_assert_cmpuint (g_bytes_get_size (whole), >, 200 * 3000);

  /* 0 means: cut it in half. */
  if (keep == 0)
    keep = g_bytes_get_size (whole) / 2;
  truncated = g_bytes_new_from_bytes (whole, 0, keep);
  write_file (fixture->path, g_bytes_get_data (truncated, NULL), keep);

  assert_moved_aside (fixture, truncated);
}

static void
test_random_bytes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) noise = NULL;
  guint8 bytes[8192];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = g_test_rand_int_range (0, 256);
  write_file (fixture->path, bytes, sizeof bytes);
  noise = g_bytes_new (bytes, sizeof bytes);

  assert_moved_aside (fixture, noise);
}

/* A well-formed SQLite file with the right magic and a damaged page. */
static void
test_damaged_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) damaged = NULL;
  gconstpointer contents;
  guint8 *copy;
  gsize size;

  make_cache (fixture->path, 50);
  whole = read_file (fixture->path);
  contents = g_bytes_get_data (whole, &size);
  copy = g_memdup2 (contents, size);
  /* Scribble over the second and third pages (schema and table roots). */
  for (gsize i = 4096; i < 3 * 4096 && i < size; i++)
    copy[i] = (guint8) (i * 7);
  damaged = g_bytes_new_take (copy, size);
  write_file (fixture->path, g_bytes_get_data (damaged, NULL), size);

  assert_moved_aside (fixture, damaged);
}

static void
test_other_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);"
                                     "INSERT INTO invoices (total) VALUES (12.5);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_file (fixture->path);

  assert_moved_aside (fixture, before);
}

/* Another program's application id, even with no tables. */
static void
test_other_application (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1179402834; VACUUM;", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_file (fixture->path);

  assert_moved_aside (fixture, before);
}

/* The WAL of a damaged file goes with it, so that the sqlite3 tool finds
 * both where they were put. */
static void
test_wal_goes_along (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = NULL;
  g_autofree char *aside_wal = NULL;
  static const char noise[] = "this is not a database, nor its write-ahead log, at all.........."
                              "..................................................................";

  write_file (fixture->path, noise, sizeof noise);
  write_file (wal, "stale log", 9);

  cache = ecert_cache_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ecert_cache_get_recovery_notice (cache));
  aside_wal = g_strconcat (ecert_cache_get_moved_aside_path (cache), "-wal", NULL);
  g_assert_true (g_file_test (aside_wal, G_FILE_TEST_IS_REGULAR));
}

/* Damage SQLite reports while the cache is in use is remembered: the next
 * open checks the whole file, whatever its size. */
static void
test_damage_seen_in_use (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *marker = _ecert_cache_damage_marker_path (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = NULL;

  make_cache (fixture->path, 20);

  /* A false alarm: the check passes, the marker goes, nothing moves. */
  write_file (marker, "", 0);
  cache = ecert_cache_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (ecert_cache_get_recovery_notice (cache));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_clear_object (&cache);

  /* SQLite's own report of damage sets the marker. */
  {
    EcertCacheDb *db = _ecert_cache_db_open (fixture->path, TRUE, NULL, &error);

    g_assert_no_error (error);
    _ecert_cache_db_set_error (db, SQLITE_CORRUPT, &error);
    g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CACHE);
    g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
    _ecert_cache_db_close (db);
  }
}

/* A cache that cannot be opened for another reason is not moved. */
static void
test_not_damage (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "file", NULL);
  g_autofree char *inside = g_build_filename (blocker, "cache.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = NULL;

  write_file (blocker, "a file where a folder should be", 31);
  cache = ecert_cache_open (inside, &error);
  g_assert_null (cache);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CACHE);
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_REGULAR));
}

/* Two damaged files in one second get two names. */
static void
test_names_do_not_collide (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *first = NULL;
  static const char noise[] = "not a database, not at all, and long enough to have a header..."
                              "...............................................................";

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EcertCache) cache = NULL;

      write_file (fixture->path, noise, sizeof noise);
      g_clear_pointer (&first, g_free);
      cache = ecert_cache_open (fixture->path, &error);
      g_assert_no_error (error);
      first = g_strdup (ecert_cache_get_moved_aside_path (cache));
      g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
      g_clear_object (&cache);
      g_unlink (fixture->path);
    }

  /* Both damaged files are still there. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;
    guint aside = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      aside += strstr (name, ".damaged-") != NULL && !g_str_has_suffix (name, "-wal") &&
               !g_str_has_suffix (name, "-shm");
    g_assert_cmpuint (aside, ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/cache/damage/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("truncated-half", test_truncated, GSIZE_TO_POINTER (0));
  ADD ("truncated-header", test_truncated, GSIZE_TO_POINTER (50));
  ADD ("truncated-page", test_truncated, GSIZE_TO_POINTER (4096 * 3 + 100));
  ADD ("random-bytes", test_random_bytes, NULL);
  ADD ("damaged-page", test_damaged_page, NULL);
  ADD ("other-schema", test_other_schema, NULL);
  ADD ("other-application", test_other_application, NULL);
  ADD ("wal-goes-along", test_wal_goes_along, NULL);
  ADD ("damage-seen-in-use", test_damage_seen_in_use, NULL);
  ADD ("not-damage", test_not_damage, NULL);
  ADD ("names-do-not-collide", test_names_do_not_collide, NULL);

#undef ADD

  return g_test_run ();
}
