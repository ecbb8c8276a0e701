/* test-cache.c: storing, history, verdicts, and what else the cache keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "ecert-cache-private.h"
#include "ecert-core.h"
#include "ecert-test-util.h"

typedef struct
{
  char       *dir;
  char       *path;
  EcertCache *cache;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = ecert_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "cache.sqlite3", NULL);
  fixture->cache = ecert_cache_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->cache);
  g_assert_null (ecert_cache_get_recovery_notice (fixture->cache));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->cache);
  ecert_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static EcertCertificate *
parse (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  EcertCertificate *certificate = ecert_certificate_new_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return certificate;
}

static EcertCacheProvenance *
from_file (const char *path)
{
  EcertCacheProvenance *provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_FILE);

  provenance->file_path = g_strdup (path);
  return provenance;
}

static EcertCacheProvenance *
from_hub (const char *delivery)
{
  EcertCacheProvenance *provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_HUB);

  provenance->hub_url = g_strdup ("https://hub.example.test/");
  provenance->delivery_number = g_strdup (delivery);
  provenance->envelope_from = g_strdup ("NZ");
  provenance->envelope_to = g_strdup ("CN");
  provenance->envelope_certificate_type = g_strdup ("851");
  provenance->envelope_certificate_status = g_strdup ("70");
  provenance->envelope_certificate_number = g_strdup ("NZ-2026-000417");
  provenance->hub_tracking_info = g_strdup ("PendingDelivery");
  return provenance;
}

/* Stores a generated certificate; returns its row. */
static gint64
store_xml (EcertCache                 *cache,
           const char                 *number,
           const char                 *status,
           const char                 *replaces,
           const EcertCacheProvenance *provenance,
           EcertCacheStoreResult      *result)
{
  g_autoptr(GBytes) bytes = ecert_test_certificate_variant (number, status, replaces);
  g_autoptr(EcertCertificate) certificate = parse (bytes);
  g_autoptr(EcertCacheProvenance) file = NULL;
  g_autoptr(GError) error = NULL;
  EcertCacheStoreResult ignored;
  gint64 row = 0;

  if (provenance == NULL)
    provenance = file = from_file ("/imports/test.xml");

  ecert_cache_store_certificate (cache, certificate, provenance, NULL,
                                 result ? result : &ignored, &row, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row, >, 0);
  return row;
}

static EcertCacheRecord *
get_record (EcertCache *cache,
            gint64      row)
{
  g_autoptr(GError) error = NULL;
  EcertCacheRecord *record = ecert_cache_get_record (cache, row, &error);

  g_assert_no_error (error);
  return record;
}

static guint
count_all (EcertCache *cache)
{
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  ecert_cache_count (cache, query, &n_rows, NULL, &error);
  g_assert_no_error (error);
  return n_rows;
}

static gint64
pragma_value (const char *path,
              const char *pragma)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return value;
}

static void
test_open_creates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *mode = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) again = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (ecert_cache_get_path (fixture->cache), ==, fixture->path);
  g_assert_cmpint (pragma_value (fixture->path, "user_version"), ==, ECERT_CACHE_SCHEMA_VERSION);
  g_assert_cmpint (pragma_value (fixture->path, "application_id"), ==,
                   ECERT_CACHE_APPLICATION_ID);

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &statement, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 0), ==, "wal");
  sqlite3_finalize (statement);
  sqlite3_close (db);

  /* A second connection, as the application and `ecert` at once. */
  again = ecert_cache_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (ecert_cache_get_recovery_notice (again));
  store_xml (fixture->cache, "NZ-1", "70", NULL, NULL, NULL);
  g_assert_cmpuint (count_all (again), ==, 1);
}

static void
test_default_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv (ECERT_CACHE_ENV));
  g_autofree char *fallback = NULL;
  g_autofree char *overridden = NULL;

  g_unsetenv (ECERT_CACHE_ENV);
  fallback = ecert_cache_get_default_path ();
  g_assert_true (g_str_has_prefix (fallback, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (fallback, "ecert-inspector/cache.sqlite3"));

  g_setenv (ECERT_CACHE_ENV, "/somewhere/else.sqlite3", TRUE);
  overridden = ecert_cache_get_default_path ();
  g_assert_cmpstr (overridden, ==, "/somewhere/else.sqlite3");

  if (saved != NULL)
    g_setenv (ECERT_CACHE_ENV, saved, TRUE);
  else
    g_unsetenv (ECERT_CACHE_ENV);
}

static void
test_exact_bytes (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Odd but legal bytes a re-serialiser would change: the cache must not. */
  static const char prefix[] = "<?xml version='1.0' encoding='UTF-8'?>\r\n<!-- kept -->  ";
  g_autoptr(GBytes) original = ecert_test_certificate_variant ("NZ-2026-000417", "70", NULL);
  g_autoptr(GByteArray) odd = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EcertCertificate) certificate = NULL;
  g_autoptr(EcertCacheProvenance) provenance = from_file ("/imports/odd.xml");
  g_autoptr(EcertCacheRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  const char *text;
  gsize length;
  EcertCacheStoreResult result;
  gint64 row;

  /* Drop the template's own declaration, keep everything after it. */
  text = g_bytes_get_data (original, &length);
  text = strchr (text, '\n') + 1;
  g_byte_array_append (odd, (const guint8 *) prefix, strlen (prefix));
  g_byte_array_append (odd, (const guint8 *) text, strlen (text));
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&odd));
  certificate = parse (bytes);

  g_assert_true (ecert_cache_store_certificate (fixture->cache, certificate, provenance, NULL,
                                                &result, &row, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, ECERT_CACHE_STORED);

  record = get_record (fixture->cache, row);
  g_assert_true (g_bytes_equal (record->document, bytes));
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (record->sha256, ==, sha256);
  g_assert_cmpstr (record->number, ==, "NZ-2026-000417");
  g_assert_cmpstr (record->export_country, ==, "NZ");
  g_assert_cmpstr (record->status_code, ==, "70");
  g_assert_nonnull (record->received_at);
  g_assert_null (record->verification);
  g_assert_cmpuint (record->receipts->len, ==, 1);
  g_assert_cmpint (((EcertCacheProvenance *) g_ptr_array_index (record->receipts, 0))->source, ==,
                   ECERT_CACHE_SOURCE_FILE);
  g_assert_cmpstr (((EcertCacheProvenance *) g_ptr_array_index (record->receipts, 0))->file_path,
                   ==, "/imports/odd.xml");

  g_assert_null (ecert_cache_get_record (fixture->cache, row + 100, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
}

static void
test_provenance (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EcertCacheProvenance) provenance = from_hub ("D-1");
  g_autoptr(GDateTime) received = g_date_time_new_utc (2026, 3, 15, 8, 30, 0);
  g_autoptr(EcertCacheRecord) record = NULL;
  EcertCacheProvenance *receipt;
  gint64 row;

  provenance->received_at = g_date_time_ref (received);
  row = store_xml (fixture->cache, "NZ-2026-000417", "70", NULL, provenance, NULL);
  record = get_record (fixture->cache, row);

  g_assert_cmpuint (record->receipts->len, ==, 1);
  receipt = g_ptr_array_index (record->receipts, 0);
  g_assert_cmpint (receipt->source, ==, ECERT_CACHE_SOURCE_HUB);
  g_assert_cmpstr (receipt->hub_url, ==, "https://hub.example.test/");
  g_assert_cmpstr (receipt->delivery_number, ==, "D-1");
  g_assert_cmpstr (receipt->envelope_from, ==, "NZ");
  g_assert_cmpstr (receipt->envelope_to, ==, "CN");
  g_assert_cmpstr (receipt->envelope_certificate_type, ==, "851");
  g_assert_cmpstr (receipt->envelope_certificate_status, ==, "70");
  g_assert_cmpstr (receipt->envelope_certificate_number, ==, "NZ-2026-000417");
  g_assert_cmpstr (receipt->hub_tracking_info, ==, "PendingDelivery");
  g_assert_null (receipt->file_path);
  g_assert_true (g_date_time_equal (receipt->received_at, received));
  g_assert_true (g_date_time_equal (record->received_at, received));
}

static guint
pending_count (EcertCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending =
    ecert_cache_list_pending_acknowledgements (cache, "https://hub.example.test/", &error);

  g_assert_no_error (error);
  return pending->len;
}

static void
test_idempotent (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EcertCacheProvenance) first = from_hub ("D-1");
  g_autoptr(EcertCacheProvenance) second = from_hub ("D-2");
  g_autoptr(EcertCacheRecord) record = NULL;
  EcertCacheStoreResult result;
  gint64 row, again, other;

  /* The same file twice. */
  row = store_xml (fixture->cache, "NZ-1", "70", NULL, NULL, &result);
  g_assert_cmpint (result, ==, ECERT_CACHE_STORED);
  again = store_xml (fixture->cache, "NZ-1", "70", NULL, NULL, &result);
  g_assert_cmpint (result, ==, ECERT_CACHE_DUPLICATE);
  g_assert_cmpint (again, ==, row);
  g_assert_cmpuint (count_all (fixture->cache), ==, 1);

  /* The same delivery twice: stored once, acknowledged once more. */
  row = store_xml (fixture->cache, "NZ-2", "70", NULL, first, &result);
  g_assert_cmpint (result, ==, ECERT_CACHE_STORED);
  g_assert_cmpuint (pending_count (fixture->cache), ==, 1);
  again = store_xml (fixture->cache, "NZ-2", "70", NULL, first, &result);
  g_assert_cmpint (result, ==, ECERT_CACHE_DUPLICATE);
  g_assert_cmpint (again, ==, row);
  g_assert_cmpuint (pending_count (fixture->cache), ==, 1);
  record = get_record (fixture->cache, row);
  g_assert_cmpuint (record->receipts->len, ==, 1);
  g_clear_pointer (&record, ecert_cache_record_free);

  /* A delivery acknowledged, then delivered again: acknowledge it again. */
  g_assert_true (ecert_cache_remove_pending_acknowledgement (fixture->cache,
                                                             "https://hub.example.test/", "D-1",
                                                             NULL));
  g_assert_cmpuint (pending_count (fixture->cache), ==, 0);
  store_xml (fixture->cache, "NZ-2", "70", NULL, first, &result);
  g_assert_cmpint (result, ==, ECERT_CACHE_DUPLICATE);
  g_assert_cmpuint (pending_count (fixture->cache), ==, 1);

  /* The same bytes in another delivery: one certificate, two receipts. */
  again = store_xml (fixture->cache, "NZ-2", "70", NULL, second, &result);
  g_assert_cmpint (result, ==, ECERT_CACHE_DUPLICATE);
  g_assert_cmpint (again, ==, row);
  g_assert_cmpuint (pending_count (fixture->cache), ==, 2);
  record = get_record (fixture->cache, row);
  g_assert_cmpuint (record->receipts->len, ==, 2);

  /* Other bytes under the same number are another document. */
  other = store_xml (fixture->cache, "NZ-2", "40", NULL, NULL, &result);
  g_assert_cmpint (result, ==, ECERT_CACHE_STORED);
  g_assert_cmpint (other, !=, row);
  g_assert_cmpuint (count_all (fixture->cache), ==, 3);
}

static void
test_withdrawal (Fixture       *fixture,
                 gconstpointer  data)
{
  gboolean withdrawal_first = GPOINTER_TO_INT (data);
  g_autoptr(EcertCacheRecord) original_record = NULL;
  g_autoptr(EcertCacheRecord) withdrawal_record = NULL;
  g_autoptr(EcertCacheRecord) unrelated_record = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 original, withdrawal, unrelated;

  if (withdrawal_first)
    {
      withdrawal = store_xml (fixture->cache, "NZ-2026-000417", "40", NULL, NULL, NULL);
      original = store_xml (fixture->cache, "NZ-2026-000417", "70", NULL, NULL, NULL);
    }
  else
    {
      original = store_xml (fixture->cache, "NZ-2026-000417", "70", NULL, NULL, NULL);
      withdrawal = store_xml (fixture->cache, "NZ-2026-000417", "40", NULL, NULL, NULL);
    }
  /* Another number is not touched. */
  unrelated = store_xml (fixture->cache, "NZ-2026-000418", "70", NULL, NULL, NULL);

  original_record = get_record (fixture->cache, original);
  withdrawal_record = get_record (fixture->cache, withdrawal);
  unrelated_record = get_record (fixture->cache, unrelated);
  g_assert_cmpint (original_record->withdrawn_by, ==, withdrawal);
  g_assert_cmpint (withdrawal_record->withdrawn_by, ==, 0);
  g_assert_cmpint (unrelated_record->withdrawn_by, ==, 0);

  rows = ecert_cache_lookup_number (fixture->cache, "nz 2026 000417", NULL, NULL);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (ecert_cache_row_get_withdrawn (g_ptr_array_index (rows, i)));
}

static void
test_replacement (Fixture       *fixture,
                  gconstpointer  data)
{
  gboolean replacement_first = GPOINTER_TO_INT (data);
  g_autoptr(EcertCacheRecord) old_record = NULL;
  g_autoptr(EcertCacheRecord) new_record = NULL;
  g_autoptr(EcertCacheRecord) newest_record = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 old, replacement, newest;

  /* The ADRPN is written with other dashes and case than the number. */
  if (replacement_first)
    {
      replacement = store_xml (fixture->cache, "NZ-2026-000500", "70", "nz 2026 000417", NULL,
                               NULL);
      old = store_xml (fixture->cache, "NZ-2026-000417", "70", NULL, NULL, NULL);
    }
  else
    {
      old = store_xml (fixture->cache, "NZ-2026-000417", "70", NULL, NULL, NULL);
      replacement = store_xml (fixture->cache, "NZ-2026-000500", "70", "nz 2026 000417", NULL,
                               NULL);
    }

  old_record = get_record (fixture->cache, old);
  new_record = get_record (fixture->cache, replacement);
  g_assert_cmpint (old_record->replaced_by, ==, replacement);
  g_assert_cmpint (old_record->replaces, ==, 0);
  g_assert_cmpint (new_record->replaces, ==, old);
  g_assert_cmpint (new_record->replaced_by, ==, 0);
  g_assert_cmpstr (new_record->replaces_number, ==, "nz 2026 000417");

  rows = ecert_cache_lookup_number (fixture->cache, "NZ-2026-000417", "nz", NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (ecert_cache_row_get_replaced (g_ptr_array_index (rows, 0)));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = ecert_cache_lookup_number (fixture->cache, "NZ-2026-000500", NULL, NULL);
  g_assert_true (ecert_cache_row_get_replaces (g_ptr_array_index (rows, 0)));
  g_assert_false (ecert_cache_row_get_replaced (g_ptr_array_index (rows, 0)));

  /* A chain: the replacement is replaced in turn. */
  newest = store_xml (fixture->cache, "NZ-2026-000600", "70", "NZ-2026-000500", NULL, NULL);
  g_clear_pointer (&new_record, ecert_cache_record_free);
  new_record = get_record (fixture->cache, replacement);
  newest_record = get_record (fixture->cache, newest);
  g_assert_cmpint (new_record->replaces, ==, old);
  g_assert_cmpint (new_record->replaced_by, ==, newest);
  g_assert_cmpint (newest_record->replaces, ==, replacement);
}

static void
test_replacement_of_absent (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EcertCacheRecord) record = NULL;
  gint64 row;

  row = store_xml (fixture->cache, "NZ-2026-000500", "70", "NZ-2026-000399", NULL, NULL);
  record = get_record (fixture->cache, row);
  g_assert_cmpint (record->replaces, ==, 0);
  g_assert_cmpstr (record->replaces_number, ==, "NZ-2026-000399");
}

static void
changed_cb (EcertCache *cache,
            guint      *emitted)
{
  (*emitted)++;
}

static void
test_verification (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) evaluated = g_date_time_new_utc (2026, 3, 16, 10, 0, 0);
  g_autoptr(EcertCacheRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint emitted = 0;
  gint64 row;

  g_signal_connect (fixture->cache, "changed", G_CALLBACK (changed_cb), &emitted);
  row = store_xml (fixture->cache, "NZ-2026-000417", "70", NULL, NULL, NULL);

  g_assert_true (ecert_cache_set_verification (fixture->cache, row, "untrusted",
                                               "The signer does not chain to an anchor for NZ",
                                               "CN=MPI Signing", evaluated, &error));
  g_assert_no_error (error);
  record = get_record (fixture->cache, row);
  g_assert_nonnull (record->verification);
  g_assert_cmpstr (record->verification->verdict, ==, "untrusted");
  g_assert_cmpstr (record->verification->reason, ==, "The signer does not chain to an anchor for NZ");
  g_assert_cmpstr (record->verification->signer, ==, "CN=MPI Signing");
  g_assert_true (g_date_time_equal (record->verification->evaluated_at, evaluated));
  g_clear_pointer (&record, ecert_cache_record_free);

  /* The latest verdict replaces the earlier one. */
  g_assert_true (ecert_cache_set_verification (fixture->cache, row, "valid", NULL, NULL, NULL,
                                               &error));
  record = get_record (fixture->cache, row);
  g_assert_cmpstr (record->verification->verdict, ==, "valid");
  g_assert_null (record->verification->reason);
  g_assert_nonnull (record->verification->evaluated_at);

  rows = ecert_cache_lookup_number (fixture->cache, "NZ-2026-000417", NULL, NULL);
  g_assert_cmpstr (ecert_cache_row_get_verdict (g_ptr_array_index (rows, 0)), ==, "valid");

  g_assert_false (ecert_cache_set_verification (fixture->cache, row, "trusted", NULL, NULL, NULL,
                                                &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (ecert_cache_set_verification (fixture->cache, row + 1, "valid", NULL, NULL,
                                                NULL, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);

  /* Announced once for the commits since, in the main context. */
  g_assert_cmpuint (emitted, ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (emitted, ==, 1);
}

/* The sync verifies before it stores: the verdict goes in with the
 * certificate, and a later delivery's verdict becomes the latest. */
static void
test_verification_at_store (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) bytes = ecert_test_certificate_variant ("NZ-2026-000417", "70", NULL);
  g_autoptr(EcertCertificate) certificate = parse (bytes);
  g_autoptr(EcertCacheProvenance) first = from_hub ("D-1");
  g_autoptr(EcertCacheProvenance) second = from_hub ("D-2");
  g_autoptr(EcertCacheRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  EcertCacheVerification untrusted = { (char *) "untrusted", (char *) "No anchor for NZ",
                                       (char *) "CN=MPI", NULL };
  EcertCacheVerification valid = { (char *) "valid", NULL, (char *) "CN=MPI", NULL };
  EcertCacheVerification bogus = { (char *) "fine", NULL, NULL, NULL };
  EcertCacheStoreResult result;
  gint64 row = 0, again = 0;

  g_assert_true (ecert_cache_store_certificate (fixture->cache, certificate, first, &untrusted,
                                                &result, &row, &error));
  g_assert_no_error (error);
  record = get_record (fixture->cache, row);
  g_assert_cmpstr (record->verification->verdict, ==, "untrusted");
  g_assert_cmpstr (record->verification->reason, ==, "No anchor for NZ");
  g_assert_nonnull (record->verification->evaluated_at);
  g_clear_pointer (&record, ecert_cache_record_free);

  g_assert_true (ecert_cache_store_certificate (fixture->cache, certificate, second, &valid,
                                                &result, &again, &error));
  g_assert_cmpint (result, ==, ECERT_CACHE_DUPLICATE);
  g_assert_cmpint (again, ==, row);
  record = get_record (fixture->cache, row);
  g_assert_cmpstr (record->verification->verdict, ==, "valid");
  g_assert_null (record->verification->reason);
  g_clear_pointer (&record, ecert_cache_record_free);

  /* No verdict given leaves the one held. */
  g_assert_true (ecert_cache_store_certificate (fixture->cache, certificate, second, NULL,
                                                &result, &again, &error));
  record = get_record (fixture->cache, row);
  g_assert_cmpstr (record->verification->verdict, ==, "valid");

  g_assert_false (ecert_cache_store_certificate (fixture->cache, certificate, second, &bogus,
                                                 &result, &again, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
}

static void
test_lookup (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const typed[] = {
    "NZ-2026-000417", "nz-2026-000417", "NZ 2026 000417", "nz2026000417", " NZ–2026–000417 ",
    "ＮＺ２０２６０００４１７",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;
  gint64 row;

  row = store_xml (fixture->cache, "NZ-2026-000417", "70", NULL, NULL, NULL);
  store_xml (fixture->cache, "NZ-2026-000418", "70", NULL, NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GPtrArray) rows = ecert_cache_lookup_number (fixture->cache, typed[i], NULL,
                                                             &error);

      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 1);
      g_assert_cmpint (ecert_cache_row_get_id (g_ptr_array_index (rows, 0)), ==, row);
    }

  none = ecert_cache_lookup_number (fixture->cache, "NZ-2026-000417", "AU", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&none, g_ptr_array_unref);
  none = ecert_cache_lookup_number (fixture->cache, "NZ-2026-0004", NULL, &error);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&none, g_ptr_array_unref);

  g_assert_null (ecert_cache_lookup_number (fixture->cache, "NZ-1", "New Zealand", &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_COUNTRY);
}

static void
test_row_properties (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *number = NULL;
  g_autofree char *issued = NULL;
  EcertCacheRow *row;
  gboolean loaded;
  gint64 id;

  store_xml (fixture->cache, "NZ-2026-000417", "70", NULL, NULL, NULL);
  rows = ecert_cache_lookup_number (fixture->cache, "NZ-2026-000417", NULL, NULL);
  row = g_ptr_array_index (rows, 0);

  g_assert_true (ecert_cache_row_get_loaded (row));
  g_assert_cmpstr (ecert_cache_row_get_type_code (row), ==, "851");
  g_assert_cmpstr (ecert_cache_row_get_status_code (row), ==, "70");
  g_assert_cmpstr (ecert_cache_row_get_issued_date (row), ==, "2026-03-14");
  g_assert_cmpstr (ecert_cache_row_get_export_country (row), ==, "NZ");
  g_assert_cmpstr (ecert_cache_row_get_import_country (row), ==, "CN");
  g_assert_cmpstr (ecert_cache_row_get_consignor (row), ==, "Kiwi Orchards Ltd");
  g_assert_cmpstr (ecert_cache_row_get_consignee (row), ==, "上海鲜果进出口有限公司");
  g_assert_cmpstr (ecert_cache_row_get_commodity (row), ==, "Kiwifruit");
  g_assert_null (ecert_cache_row_get_verdict (row));
  g_assert_cmpint (ecert_cache_row_get_received_at (row), >, 0);
  g_assert_false (ecert_cache_row_get_withdrawn (row));

  g_object_get (row, "number", &number, "issued-date", &issued, "loaded", &loaded, "id", &id,
                NULL);
  g_assert_cmpstr (number, ==, "NZ-2026-000417");
  g_assert_cmpstr (issued, ==, "2026-03-14");
  g_assert_true (loaded);
  g_assert_cmpint (id, ==, ecert_cache_row_get_id (row));
}

static void
test_sync_state (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *hub = "https://hub.example.test/";
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autoptr(EcertCacheProvenance) one = from_hub ("D-1");
  g_autoptr(EcertCacheProvenance) two = from_hub ("D-2");
  g_autoptr(GPtrArray) pending = NULL;

  g_assert_true (ecert_cache_get_sync_value (fixture->cache, hub, "last-header-poll", &value,
                                             &error));
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (ecert_cache_set_sync_value (fixture->cache, hub, "last-header-poll",
                                             "2026-03-15T08:00:00Z", &error));
  g_assert_true (ecert_cache_set_sync_value (fixture->cache, "https://other.test/",
                                             "last-header-poll", "2020-01-01T00:00:00Z", &error));
  g_assert_true (ecert_cache_get_sync_value (fixture->cache, hub, "last-header-poll", &value,
                                             &error));
  g_assert_cmpstr (value, ==, "2026-03-15T08:00:00Z");
  g_clear_pointer (&value, g_free);

  g_assert_true (ecert_cache_set_sync_value (fixture->cache, hub, "last-header-poll",
                                             "2026-03-16T08:00:00Z", &error));
  g_assert_true (ecert_cache_get_sync_value (fixture->cache, hub, "last-header-poll", &value,
                                             &error));
  g_assert_cmpstr (value, ==, "2026-03-16T08:00:00Z");

  store_xml (fixture->cache, "NZ-1", "70", NULL, one, NULL);
  store_xml (fixture->cache, "NZ-2", "70", NULL, two, NULL);
  pending = ecert_cache_list_pending_acknowledgements (fixture->cache, hub, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (pending, 0), ==, "D-1");
  g_assert_cmpstr (g_ptr_array_index (pending, 1), ==, "D-2");
  g_clear_pointer (&pending, g_ptr_array_unref);

  g_assert_true (ecert_cache_remove_pending_acknowledgement (fixture->cache, hub, "D-1", &error));
  /* Twice is not an error: an acknowledgement may be retried. */
  g_assert_true (ecert_cache_remove_pending_acknowledgement (fixture->cache, hub, "D-1", &error));
  g_assert_no_error (error);
  pending = ecert_cache_list_pending_acknowledgements (fixture->cache, hub, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (pending, 0), ==, "D-2");
}

static gboolean
queue (EcertCache  *cache,
       const char  *hub_url,
       gint64       certificate_row,
       GBytes      *document,
       gint64       draft_id,
       gint64      *id,
       GError     **error)
{
  EcertCacheOutboxItem item = { 0 };

  item.hub_url = (char *) hub_url;
  item.certificate_row = certificate_row;
  item.document = document;
  item.certificate_number = (char *) "NZ-1";
  item.export_country = (char *) "NZ";
  item.certificate_type = 851;
  item.tracking_number = g_uuid_string_random ();
  if (!ecert_cache_queue_outbox (cache, &item, draft_id, id, error))
    {
      g_free (item.tracking_number);
      return FALSE;
    }

  g_free (item.tracking_number);
  return TRUE;
}

static void
test_drafts_and_outbox (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GBytes) first = g_bytes_new_static ("{\"question\": \"Which lot?\"}", 26);
  g_autoptr(GBytes) second = g_bytes_new_static ("{\"question\": \"Which lot, please?\"}", 34);
  g_autoptr(GBytes) document = g_bytes_new_static ("<SPSAcknowledgement/>", 21);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;
  EcertCacheDraft *draft;
  EcertCacheOutboxItem *item;
  gint64 certificate, id = 0, other = 0, queued = 0, kept = 0;

  certificate = store_xml (fixture->cache, "NZ-1", "70", NULL, NULL, NULL);

  g_assert_true (ecert_cache_save_draft (fixture->cache, &id, "inquiry", certificate, first,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (ecert_cache_save_draft (fixture->cache, &other, "inquiry", 0, first, &error));
  g_assert_true (ecert_cache_save_draft (fixture->cache, &id, "inquiry", certificate, second,
                                         &error));

  drafts = ecert_cache_list_drafts (fixture->cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_cmpint (draft->id, ==, id);
  g_assert_cmpstr (draft->kind, ==, "inquiry");
  g_assert_cmpint (draft->certificate_row, ==, certificate);
  g_assert_true (g_bytes_equal (draft->content, second));
  g_assert_nonnull (draft->created_at);
  g_assert_cmpint (((EcertCacheDraft *) g_ptr_array_index (drafts, 1))->certificate_row, ==, 0);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  /* Queueing a draft's document removes the draft, at once. */
  g_assert_true (queue (fixture->cache, "https://hub.test/", certificate,
                                           document, id, &queued, &error));
  g_assert_no_error (error);
  drafts = ecert_cache_list_drafts (fixture->cache, &error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_true (queue (fixture->cache, "https://hub.test/", 0, document, 0,
                                           &kept, &error));

  outbox = ecert_cache_list_outbox (fixture->cache, TRUE, &error);
  g_assert_cmpuint (outbox->len, ==, 2);
  item = g_ptr_array_index (outbox, 0);
  g_assert_cmpint (item->id, ==, queued);
  g_assert_cmpint (item->state, ==, ECERT_CACHE_OUTBOX_QUEUED);
  g_assert_cmpint (item->certificate_row, ==, certificate);
  g_assert_true (g_bytes_equal (item->document, document));
  g_clear_pointer (&outbox, g_ptr_array_unref);

  /* Offline: stays queued; refused: failed for good; accepted: sent. */
  g_assert_true (ecert_cache_set_outbox_sending (fixture->cache, queued, &error));
  outbox = ecert_cache_list_outbox (fixture->cache, TRUE, &error);
  g_assert_cmpint (((EcertCacheOutboxItem *) g_ptr_array_index (outbox, 0))->state, ==,
                   ECERT_CACHE_OUTBOX_SENDING);
  g_clear_pointer (&outbox, g_ptr_array_unref);
  g_assert_true (ecert_cache_set_outbox_failed (fixture->cache, queued, "No route to host", TRUE,
                                                NULL, &error));
  outbox = ecert_cache_list_outbox (fixture->cache, TRUE, &error);
  item = g_ptr_array_index (outbox, 0);
  g_assert_cmpuint (outbox->len, ==, 2);
  g_assert_cmpuint (item->attempts, ==, 1);
  g_assert_cmpint (item->state, ==, ECERT_CACHE_OUTBOX_SENDING);
  g_assert_cmpstr (item->last_error, ==, "No route to host");
  g_clear_pointer (&outbox, g_ptr_array_unref);

  g_assert_true (ecert_cache_set_outbox_sending (fixture->cache, queued, &error));
  g_assert_true (ecert_cache_set_outbox_sent (fixture->cache, queued, NULL, "PendingDelivery",
                                              NULL, &error));
  g_assert_true (ecert_cache_set_outbox_tracking (fixture->cache, queued, "Delivered", NULL,
                                                  &error));
  g_assert_true (ecert_cache_set_outbox_failed (fixture->cache, kept, "Refused: schema", FALSE,
                                                NULL, &error));
  outbox = ecert_cache_list_outbox (fixture->cache, TRUE, &error);
  g_assert_cmpuint (outbox->len, ==, 0);
  g_clear_pointer (&outbox, g_ptr_array_unref);
  outbox = ecert_cache_list_outbox (fixture->cache, FALSE, &error);
  g_assert_cmpuint (outbox->len, ==, 2);
  item = g_ptr_array_index (outbox, 0);
  g_assert_cmpint (item->state, ==, ECERT_CACHE_OUTBOX_SENT);
  g_assert_cmpuint (item->attempts, ==, 2);
  g_assert_nonnull (item->sent_at);
  g_assert_null (item->last_error);
  g_assert_cmpstr (item->hub_tracking, ==, "Delivered");
  g_assert_cmpstr (item->certificate_number, ==, "NZ-1");
  g_assert_cmpstr (item->export_country, ==, "NZ");
  g_assert_cmpint (item->certificate_type, ==, 851);
  g_assert_nonnull (item->tracking_number);
  g_assert_nonnull (item->tracked_at);
  item = g_ptr_array_index (outbox, 1);
  g_assert_cmpint (item->state, ==, ECERT_CACHE_OUTBOX_FAILED);

  g_assert_true (ecert_cache_delete_draft (fixture->cache, other, &error));
  g_assert_false (ecert_cache_delete_draft (fixture->cache, other, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* A draft that is gone cannot be queued. */
  g_assert_false (queue (fixture->cache, "https://hub.test/", 0, document,
                                            other, NULL, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_pointer (&outbox, g_ptr_array_unref);
  outbox = ecert_cache_list_outbox (fixture->cache, FALSE, &error);
  g_assert_cmpuint (outbox->len, ==, 2);
}

static void
test_transactions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EcertCacheProvenance) provenance = from_file ("/imports/x.xml");
  g_autoptr(GError) error = NULL;

  /* A rolled-back batch leaves nothing. */
  g_assert_true (ecert_cache_begin (fixture->cache, &error));
  store_xml (fixture->cache, "NZ-1", "70", NULL, provenance, NULL);
  store_xml (fixture->cache, "NZ-2", "70", NULL, provenance, NULL);
  ecert_cache_rollback (fixture->cache);
  g_assert_cmpuint (count_all (fixture->cache), ==, 0);

  /* Readers see a batch only once it is committed. */
  g_assert_true (ecert_cache_begin (fixture->cache, &error));
  store_xml (fixture->cache, "NZ-1", "70", NULL, provenance, NULL);
  g_assert_cmpuint (count_all (fixture->cache), ==, 0);

  /* A nested transaction rolled back takes only its own writes. */
  g_assert_true (ecert_cache_begin (fixture->cache, &error));
  store_xml (fixture->cache, "NZ-2", "70", NULL, provenance, NULL);
  ecert_cache_rollback (fixture->cache);
  g_assert_true (ecert_cache_begin (fixture->cache, &error));
  store_xml (fixture->cache, "NZ-3", "70", NULL, provenance, NULL);
  g_assert_true (ecert_cache_commit (fixture->cache, &error));

  g_assert_true (ecert_cache_commit (fixture->cache, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_all (fixture->cache), ==, 2);
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *rows;
  GError    *error;
  guint      count;
} AsyncResult;

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncResult *async = user_data;

  async->rows = ecert_cache_search_finish (ECERT_CACHE (source), result, &async->error);
  g_main_loop_quit (async->loop);
}

static void
count_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncResult *async = user_data;

  ecert_cache_count_finish (ECERT_CACHE (source), result, &async->count, &async->error);
  g_main_loop_quit (async->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult async = { loop, NULL, NULL, 0 };

  store_xml (fixture->cache, "NZ-1", "70", NULL, NULL, NULL);
  store_xml (fixture->cache, "NZ-2", "70", NULL, NULL, NULL);
  ecert_cache_query_set_text (query, "kiwi");

  ecert_cache_search_async (fixture->cache, query, 0, 10, NULL, search_cb, &async);
  /* The query was copied: changing it now changes nothing. */
  ecert_cache_query_set_text (query, "nothing-matches-this");
  g_main_loop_run (loop);
  g_assert_no_error (async.error);
  g_assert_cmpuint (async.rows->len, ==, 2);
  g_clear_pointer (&async.rows, g_ptr_array_unref);

  ecert_cache_query_set_text (query, "kiwi");
  ecert_cache_count_async (fixture->cache, query, NULL, count_cb, &async);
  g_main_loop_run (loop);
  g_assert_no_error (async.error);
  g_assert_cmpuint (async.count, ==, 2);

  g_cancellable_cancel (cancellable);
  ecert_cache_search_async (fixture->cache, query, 0, 10, cancellable, search_cb, &async);
  g_main_loop_run (loop);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (async.rows);
  g_clear_error (&async.error);

  ecert_cache_count_async (fixture->cache, query, cancellable, count_cb, &async);
  g_main_loop_run (loop);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&async.error);

  g_assert_null (ecert_cache_search (fixture->cache, query, 0, 10, cancellable, &async.error));
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&async.error);
}

static gpointer
cancel_soon (gpointer data)
{
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

/* A statement already running is interrupted, not waited for. */
static void
test_cancel_running (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  EcertCacheDb *db = _ecert_cache_db_open (fixture->path, TRUE, NULL, &error);
  GThread *thread;
  gint64 started, value = 0;

  g_assert_no_error (error);
  _ecert_cache_db_set_cancellable (db, cancellable);
  thread = g_thread_new ("cancel", cancel_soon, cancellable);
  started = g_get_monotonic_time ();
  /* Hours of counting, unless interrupted. */
  g_assert_false (_ecert_cache_db_query_int (db,
                                             "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL"
                                             " SELECT i + 1 FROM n WHERE i < 100000000000)"
                                             " SELECT count(*) FROM n",
                                             &value, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  g_thread_join (thread);
  _ecert_cache_db_close (db);
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  EcertCache **cache = ((gpointer *) user_data)[0];
  GMainLoop *loop = ((gpointer *) user_data)[1];
  g_autoptr(GError) error = NULL;

  *cache = ecert_cache_open_finish (result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (loop);
}

static void
test_open_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(EcertCache) cache = NULL;
  gpointer user_data[] = { &cache, loop };
  guint emitted = 0;

  ecert_cache_open_async (fixture->path, NULL, open_cb, user_data);
  g_main_loop_run (loop);
  g_assert_nonnull (cache);

  /* Opened on a worker thread, it still speaks in the caller's context. */
  g_signal_connect (cache, "changed", G_CALLBACK (changed_cb), &emitted);
  store_xml (cache, "NZ-1", "70", NULL, NULL, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (emitted, ==, 1);
}

static EcertCacheUsage
get_usage (EcertCache *cache)
{
  g_autoptr(GError) error = NULL;
  EcertCacheUsage usage = { 0 };

  g_assert_true (ecert_cache_get_usage (cache, &usage, &error));
  g_assert_no_error (error);
  return usage;
}

/* What clearing deletes, what it keeps, and that the cache is whole after. */
static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  const char *hub = "https://hub.example.test/";
  g_autoptr(GBytes) question = g_bytes_new_static ("{\"question\": \"Which lot?\"}", 26);
  g_autoptr(GBytes) document = g_bytes_new_static ("<SPSAcknowledgement/>", 21);
  g_autoptr(EcertCacheProvenance) delivery = from_hub ("D-1");
  g_autoptr(EcertCacheRecord) record = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 old, asked, answered, draft = 0, loose_draft = 0, sent = 0, queued = 0;
  EcertCacheUsage usage;
  guint deleted = 0;

  old = store_xml (fixture->cache, "NZ-2026-000417", "70", NULL, delivery, NULL);
  /* Asked about in a draft, and the replacement of one that goes. */
  asked = store_xml (fixture->cache, "NZ-2026-000500", "70", "NZ-2026-000417", NULL, NULL);
  answered = store_xml (fixture->cache, "NZ-2026-000600", "70", NULL, NULL, NULL);
  store_xml (fixture->cache, "NZ-2026-000700", "70", NULL, NULL, NULL);

  g_assert_true (ecert_cache_save_draft (fixture->cache, &draft, "inquiry", asked, question,
                                         &error));
  g_assert_true (ecert_cache_save_draft (fixture->cache, &loose_draft, "inquiry", 0, question,
                                         &error));
  g_assert_true (queue (fixture->cache, hub, answered, document, 0, &sent,
                                           &error));
  g_assert_true (ecert_cache_set_outbox_sent (fixture->cache, sent, NULL, NULL, NULL, &error));
  g_assert_true (queue (fixture->cache, hub, 0, document, 0, &queued, &error));
  g_assert_true (ecert_cache_set_sync_value (fixture->cache, hub, "last-header-poll",
                                             "2026-03-15T08:00:00Z", &error));
  g_assert_no_error (error);

  usage = get_usage (fixture->cache);
  g_assert_cmpuint (usage.certificates, ==, 4);
  g_assert_cmpuint (usage.kept_certificates, ==, 1);
  g_assert_cmpuint (usage.drafts, ==, 2);
  g_assert_cmpuint (usage.unsent, ==, 1);
  g_assert_cmpuint (usage.sent, ==, 1);
  g_assert_cmpuint (usage.size, >, 0);

  g_assert_true (ecert_cache_clear (fixture->cache, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted, ==, 3);
  g_assert_cmpuint (count_all (fixture->cache), ==, 1);

  /* The certificate an inquiry is about stays, cut from the one it replaced. */
  record = get_record (fixture->cache, asked);
  g_assert_cmpint (record->replaces, ==, 0);
  g_assert_cmpstr (record->replaces_number, ==, "NZ-2026-000417");
  g_assert_null (ecert_cache_get_record (fixture->cache, old, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  list = ecert_cache_list_drafts (fixture->cache, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ecert_cache_list_outbox (fixture->cache, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((EcertCacheOutboxItem *) g_ptr_array_index (list, 0))->id, ==, queued);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* The hub delivers an unacknowledged certificate again. */
  list = ecert_cache_list_pending_acknowledgements (fixture->cache, hub, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (ecert_cache_get_sync_value (fixture->cache, hub, "last-header-poll", &value,
                                             &error));
  g_assert_cmpstr (value, ==, "2026-03-15T08:00:00Z");

  usage = get_usage (fixture->cache);
  g_assert_cmpuint (usage.certificates, ==, 1);
  g_assert_cmpuint (usage.kept_certificates, ==, 1);
  g_assert_cmpuint (usage.sent, ==, 0);
  g_assert_cmpuint (usage.unsent, ==, 1);

  /* The full-text index followed: searching finds what is left, only. */
  g_assert_true (ecert_cache_check_integrity (fixture->cache, &error));
  g_assert_no_error (error);

  /* What was deleted can be stored again. */
  store_xml (fixture->cache, "NZ-2026-000417", "70", NULL, NULL, NULL);
  g_assert_cmpuint (count_all (fixture->cache), ==, 2);

  /* With nothing kept, nothing is left. */
  g_assert_true (ecert_cache_delete_draft (fixture->cache, draft, &error));
  g_assert_true (ecert_cache_clear (fixture->cache, &deleted, &error));
  g_assert_cmpuint (deleted, ==, 2);
  g_assert_cmpuint (count_all (fixture->cache), ==, 0);
  g_assert_true (ecert_cache_check_integrity (fixture->cache, &error));
  g_assert_no_error (error);
}

/* Inside a caller's transaction, a clearing rolled back deletes nothing. */
static void
test_clear_transaction (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint deleted = 0;

  store_xml (fixture->cache, "NZ-1", "70", NULL, NULL, NULL);
  store_xml (fixture->cache, "NZ-2", "70", NULL, NULL, NULL);

  g_assert_true (ecert_cache_begin (fixture->cache, &error));
  g_assert_true (ecert_cache_clear (fixture->cache, &deleted, &error));
  g_assert_cmpuint (deleted, ==, 2);
  /* Readers do not see it before the commit. */
  g_assert_cmpuint (count_all (fixture->cache), ==, 2);
  ecert_cache_rollback (fixture->cache);
  g_assert_cmpuint (count_all (fixture->cache), ==, 2);
  g_assert_true (ecert_cache_check_integrity (fixture->cache, &error));
  g_assert_no_error (error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncResult *async = user_data;

  ecert_cache_clear_finish (ECERT_CACHE (source), result, &async->count, &async->error);
  g_main_loop_quit (async->loop);
}

static void
usage_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncResult *async = user_data;
  EcertCacheUsage usage = { 0 };

  if (ecert_cache_get_usage_finish (ECERT_CACHE (source), result, &usage, &async->error))
    async->count = usage.certificates;
  g_main_loop_quit (async->loop);
}

/* On a worker thread; and a list over the cache hears of it. */
static void
test_clear_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult async = { loop, NULL, NULL, 0 };
  guint emitted = 0;

  store_xml (fixture->cache, "NZ-1", "70", NULL, NULL, NULL);
  store_xml (fixture->cache, "NZ-2", "70", NULL, NULL, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_connect (fixture->cache, "changed", G_CALLBACK (changed_cb), &emitted);

  ecert_cache_get_usage_async (fixture->cache, NULL, usage_cb, &async);
  g_main_loop_run (loop);
  g_assert_no_error (async.error);
  g_assert_cmpuint (async.count, ==, 2);

  g_cancellable_cancel (cancellable);
  ecert_cache_clear_async (fixture->cache, cancellable, clear_cb, &async);
  g_main_loop_run (loop);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&async.error);
  g_assert_cmpuint (count_all (fixture->cache), ==, 2);

  ecert_cache_clear_async (fixture->cache, NULL, clear_cb, &async);
  g_main_loop_run (loop);
  g_assert_no_error (async.error);
  g_assert_cmpuint (async.count, ==, 2);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (emitted, ==, 1);
  g_assert_cmpuint (count_all (fixture->cache), ==, 0);
}

static void
draft_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncResult *async = user_data;
  gint64 id = 0;

  if (ecert_cache_save_draft_finish (ECERT_CACHE (source), result, &id, &async->error))
    async->count = (guint) id;
  g_main_loop_quit (async->loop);
}

static void
draft_deleted_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncResult *async = user_data;

  ecert_cache_delete_draft_finish (ECERT_CACHE (source), result, &async->error);
  g_main_loop_quit (async->loop);
}

/* On a worker thread, as an editor saves while the user types. */
static void
test_drafts_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GBytes) first = g_bytes_new_static ("{\"question\": \"Which lot?\"}", 26);
  g_autoptr(GBytes) second = g_bytes_new_static ("{\"question\": \"Which lot, please?\"}", 34);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  AsyncResult async = { loop, NULL, NULL, 0 };
  gint64 id;

  ecert_cache_save_draft_async (fixture->cache, 0, "inquiry", 0, first, NULL, draft_saved_cb,
                                &async);
  g_main_loop_run (loop);
  g_assert_no_error (async.error);
  g_assert_cmpuint (async.count, >, 0);
  id = async.count;

  /* Saved again under its row, not as a new draft. */
  ecert_cache_save_draft_async (fixture->cache, id, "inquiry", 0, second, NULL, draft_saved_cb,
                                &async);
  g_main_loop_run (loop);
  g_assert_no_error (async.error);
  g_assert_cmpint (async.count, ==, id);
  drafts = ecert_cache_list_drafts (fixture->cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_true (g_bytes_equal (((EcertCacheDraft *) g_ptr_array_index (drafts, 0))->content,
                                second));
  g_clear_pointer (&drafts, g_ptr_array_unref);

  ecert_cache_delete_draft_async (fixture->cache, id, NULL, draft_deleted_cb, &async);
  g_main_loop_run (loop);
  g_assert_no_error (async.error);
  drafts = ecert_cache_list_drafts (fixture->cache, &error);
  g_assert_cmpuint (drafts->len, ==, 0);

  /* A draft already gone is an error, as it is for the blocking call. */
  ecert_cache_delete_draft_async (fixture->cache, id, NULL, draft_deleted_cb, &async);
  g_main_loop_run (loop);
  g_assert_nonnull (async.error);
  g_clear_error (&async.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/cache/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("open/creates", test_open_creates, NULL);
  g_test_add_func ("/cache/open/default-path", test_default_path);
  ADD ("open/async", test_open_async, NULL);
  ADD ("store/exact-bytes", test_exact_bytes, NULL);
  ADD ("store/provenance", test_provenance, NULL);
  ADD ("store/idempotent", test_idempotent, NULL);
  ADD ("store/transactions", test_transactions, NULL);
  ADD ("history/withdrawal-after", test_withdrawal, GINT_TO_POINTER (FALSE));
  ADD ("history/withdrawal-before", test_withdrawal, GINT_TO_POINTER (TRUE));
  ADD ("history/replacement-after", test_replacement, GINT_TO_POINTER (FALSE));
  ADD ("history/replacement-before", test_replacement, GINT_TO_POINTER (TRUE));
  ADD ("history/replacement-of-absent", test_replacement_of_absent, NULL);
  ADD ("verification", test_verification, NULL);
  ADD ("verification-at-store", test_verification_at_store, NULL);
  ADD ("lookup", test_lookup, NULL);
  ADD ("row-properties", test_row_properties, NULL);
  ADD ("sync-state", test_sync_state, NULL);
  ADD ("drafts-and-outbox", test_drafts_and_outbox, NULL);
  ADD ("drafts/async", test_drafts_async, NULL);
  ADD ("clear", test_clear, NULL);
  ADD ("clear/transaction", test_clear_transaction, NULL);
  ADD ("clear/async", test_clear_async, NULL);
  ADD ("async", test_async, NULL);
  ADD ("cancel-running", test_cancel_running, NULL);

#undef ADD

  return g_test_run ();
}
