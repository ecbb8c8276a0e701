/* test-cache-migrations.c: caches written by every earlier version open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each fixture is what a program at that schema version wrote: its tables
 * (created by the same migration steps) and rows inserted with that
 * version's columns only.
 */

#include "config.h"

#include <sqlite3.h>

#include "ecert-cache-private.h"
#include "ecert-core.h"
#include "ecert-test-util.h"

#define DOCUMENT "<rsm:SPSCertificate>stored by an earlier version</rsm:SPSCertificate>"

/* Version 1: a certificate, its document, its receipt. */
static const char rows_1[] =
  "INSERT INTO certificates (id, sha256, number, number_norm, type_code, status_code,"
  " issued_text, issued_date, issued_at, export_country, import_country, consignor, consignee,"
  " commodity, commodity_key, commodities, hs_codes, ports, transport, issuer, countries,"
  " received_at, verdict, verdict_reason, verified_at)"
  " VALUES (1, randomblob (32), 'NZ-2026-000417', 'NZ2026000417', '851', '70',"
  " '2026-03-14T09:26:53+13:00', 20260314, 1773433613, 'NZ', 'CN', 'Kiwi Orchards Ltd',"
  " '上海鲜果进出口有限公司', 'Kiwifruit', 'kiwifruit', 'Kiwifruit; Actinidia chinensis',"
  " '081050', 'CNSHA; Shanghai', 'Maersk Kowloon; MSKU1234565', 'Ministry for Primary Industries',"
  " 'NZ; New Zealand; CN; China', 1773500000, 'unsigned', 'No signature', 1773500000);"
  "INSERT INTO documents (certificate_id, bytes) VALUES (1, CAST ('" DOCUMENT "' AS BLOB));"
  "INSERT INTO receipts (certificate_id, source, hub_url, delivery_number, envelope_from,"
  " received_at) VALUES (1, 'hub', 'https://hub.example.test/', 'D-1', 'NZ', 1773500000);";

/* Version 2 wrote the text the full-text index reads. */
static const char rows_2[] =
  "UPDATE certificates SET search_number = 'NZ-2026-000417 NZ2026000417' WHERE id = 1;";

/* Version 3 kept the synchronisation state and trust anchors (whose table
 * version 6 drops: the trust store on the disk holds them). */
static const char rows_3[] =
  "INSERT INTO sync_state (hub_url, key, value, updated_at)"
  " VALUES ('https://hub.example.test/', 'last-header-poll', '2026-03-15T08:00:00Z', 1773561600);"
  "INSERT INTO pending_acknowledgements (hub_url, delivery_number, certificate_id, stored_at)"
  " VALUES ('https://hub.example.test/', 'D-1', 1, 1773500000);";
static const char rows_3_anchors[] =
  "INSERT INTO trust_anchors (country, der, sha256, origin, added_at)"
  " VALUES ('NZ', x'3082010a', randomblob (32), 'user', 1773500000);";

/* Version 4 kept a draft and an outbox entry, before entries knew their
 * envelope and tracking. */
static const char rows_4[] =
  "INSERT INTO drafts (id, kind, certificate_id, content, created_at, updated_at, saved_order)"
  " VALUES (7, 'inquiry', 1, CAST ('old draft' AS BLOB), 1773500000, 1773500000, 1);"
  "INSERT INTO outbox (id, hub_url, certificate_id, document, state, attempts, queued_at)"
  " VALUES (3, 'https://hub.example.test/', 1, CAST ('<SPSAcknowledgement/>' AS BLOB),"
  " 'queued', 1, 1773500000);";

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gint64 version;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &statement, NULL);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  version = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return version;
}

static gboolean
has_table (const char *path,
           const char *name)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE name = ?", -1,
                                       &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (statement) == SQLITE_ROW;
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return found;
}

static void
test_migrate_from (gconstpointer data)
{
  guint version = GPOINTER_TO_UINT (data);
  g_autofree char *dir = ecert_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = NULL;
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(EcertCacheRecord) record = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GBytes) draft = g_bytes_new_static ("draft", 5);
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autofree char *poll = NULL;
  EcertCacheResponse response = { 0 };
  gint64 draft_id = 0;

  g_assert_true (_ecert_cache_schema_create_at (path, version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (user_version (path), ==, version);
  g_assert_cmpint (has_table (path, "trust_anchors"), ==, version >= 3 && version < 6);
  run_sql (path, rows_1);
  if (version >= 2)
    run_sql (path, rows_2);
  if (version >= 3)
    run_sql (path, rows_3);
  if (version >= 3 && version < 6)
    run_sql (path, rows_3_anchors);
  if (version >= 4)
    run_sql (path, rows_4);

  cache = ecert_cache_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (ecert_cache_get_recovery_notice (cache));
  g_assert_cmpint (user_version (path), ==, ECERT_CACHE_SCHEMA_VERSION);

  /* What was there is still there, and found by every way in. */
  rows = ecert_cache_lookup_number (cache, "nz 2026 000417", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  for (guint i = 0; i < 3; i++)
    {
      static const char * const words[] = { "kiwi", "上海", "NZ2026000417" };

      ecert_cache_query_set_text (query, words[i]);
      rows = ecert_cache_search (cache, query, 0, 10, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 1);
      g_clear_pointer (&rows, g_ptr_array_unref);
    }

  record = ecert_cache_get_record (cache, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (record->document, NULL), g_bytes_get_size (record->document),
                   DOCUMENT, strlen (DOCUMENT));
  g_assert_cmpstr (record->verification->verdict, ==, "unsigned");
  g_assert_cmpuint (record->receipts->len, ==, 1);

  pending = ecert_cache_list_pending_acknowledgements (cache, "https://hub.example.test/", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, version >= 3 ? 1 : 0);
  g_assert_true (ecert_cache_get_sync_value (cache, "https://hub.example.test/",
                                             "last-header-poll", &poll, &error));
  g_assert_cmpstr (poll, ==, version >= 3 ? "2026-03-15T08:00:00Z" : NULL);
  /* The table no program read is gone, with what was in it. */
  g_assert_false (has_table (path, "trust_anchors"));
  g_assert_false (has_table (path, "trust_anchors_country"));

  outbox = ecert_cache_list_outbox (cache, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, version >= 4 ? 1 : 0);
  if (version >= 4)
    {
      const EcertCacheOutboxItem *item = outbox->pdata[0];

      g_assert_cmpint (item->certificate_row, ==, 1);
      g_assert_cmpuint (item->attempts, ==, 1);
      g_assert_null (item->tracking_number);
      g_assert_null (item->hub_tracking);
    }

  /* And the tables of the later versions work. */
  g_assert_true (ecert_cache_save_draft (cache, &draft_id, "inquiry", 1, draft, &error));
  g_assert_no_error (error);
  response.hub_url = (char *) "https://hub.example.test/";
  response.delivery_number = (char *) "R-1";
  response.sender = (char *) "NZ";
  response.recipient = (char *) "CN";
  response.certificate_number = (char *) "NZ-2026-000417";
  response.export_country = (char *) "NZ";
  response.certificate_type = 851;
  response.status_code = 10;
  response.document = draft;
  g_assert_true (ecert_cache_store_response (cache, &response, NULL, &error));
  g_assert_no_error (error);
  responses = ecert_cache_list_responses (cache, "nz 2026 000417", "NZ", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (responses->len, ==, 1);
  g_clear_pointer (&pending, g_ptr_array_unref);
  /* A response's acknowledgement waits like a certificate's. */
  pending = ecert_cache_list_pending_acknowledgements (cache, "https://hub.example.test/", &error);
  g_assert_cmpuint (pending->len, ==, version >= 3 ? 2 : 1);
  g_assert_true (ecert_cache_check_integrity (cache, &error));
  g_assert_no_error (error);

  g_clear_object (&cache);
  ecert_test_remove_tree (dir);
}

/* A step that fails leaves the file as the earlier version wrote it. */
static void
test_failed_migration (void)
{
  g_autofree char *dir = ecert_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = NULL;

  g_assert_true (_ecert_cache_schema_create_at (path, 1, &error));
  run_sql (path, rows_1);
  /* Something in the way of version 2's full-text index. */
  run_sql (path, "CREATE TABLE certificate_fts (x);");

  cache = ecert_cache_open (path, &error);
  g_assert_null (cache);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CACHE);
  g_assert_nonnull (strstr (error->message, "version 2"));
  g_assert_cmpint (user_version (path), ==, 1);
  /* Not damage: nothing was moved aside. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* The ALTER TABLE of the failed step was rolled back too. */
  run_sql (path, "DROP TABLE certificate_fts;");
  g_clear_error (&error);
  cache = ecert_cache_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user_version (path), ==, ECERT_CACHE_SCHEMA_VERSION);

  g_clear_object (&cache);
  ecert_test_remove_tree (dir);
}

static void
test_newer_version (void)
{
  g_autofree char *dir = ecert_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u;",
                                          ECERT_CACHE_SCHEMA_VERSION + 1);

  g_assert_true (_ecert_cache_schema_create_at (path, ECERT_CACHE_SCHEMA_VERSION, &error));
  run_sql (path, sql);

  cache = ecert_cache_open (path, &error);
  g_assert_null (cache);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CACHE);
  g_assert_nonnull (strstr (error->message, "newer version"));
  /* A newer program's cache is not damaged: it stays where it is. */
  g_assert_cmpint (user_version (path), ==, ECERT_CACHE_SCHEMA_VERSION + 1);

  ecert_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint version = 1; version < ECERT_CACHE_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("/cache/migrations/from-version-%u", version);

      g_test_add_data_func (name, GUINT_TO_POINTER (version), test_migrate_from);
    }
  g_test_add_func ("/cache/migrations/failed", test_failed_migration);
  g_test_add_func ("/cache/migrations/newer-version", test_newer_version);

  return g_test_run ();
}
