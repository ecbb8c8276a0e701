/* test-cache-search.c: every filter, every order, words and numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each check runs twice: with every full-text query looking its matches up
 * one by one, and with every one walking an index and probing the set of
 * matches. The two plans must agree.
 */

#include "config.h"

#include "ecert-cache-private.h"
#include "ecert-core.h"
#include "ecert-test-util.h"

typedef struct
{
  const char *number;
  const char *country;
  const char *status;
  const char *type;
  const char *issued;
  const char *commodity;
  const char *consignor;
  const char *consignee;
  const char *verdict;
  const char *replaces;
  const char *transport;
} Spec;

/* Stored in this order: row i + 1 is specs[i], called #(i + 1) below. */
static const Spec specs[] = {
  { "NZ-2026-000001", "NZ", "70", "851", "2026-03-14T09:00:00+13:00", "Kiwifruit",
    "Kiwi Orchards Ltd", "上海鲜果进出口有限公司", "valid", NULL, "Maersk Kowloon" },
  { "NZ-2026-000002", "NZ", "70", "851", "2026-01-10T10:00:00+13:00", "Apples",
    "Hawke's Bay Apples", "Beijing Fruit Co", "unsigned", NULL, "MSC Aurora" },
  { "AU/2026/0003", "AU", "70", "851", "2025-12-01T08:00:00+10:00", "Cherries",
    "Tasmanian Cherries Pty Ltd", "广州果业有限公司", "untrusted", NULL, "MSKU1234565" },
  { "NZ-2026-000001", "NZ", "40", "851", "2026-03-20T09:00:00+13:00", "Kiwifruit",
    "Kiwi Orchards Ltd", "上海鲜果进出口有限公司", NULL, NULL, "Maersk Kowloon" },
  /* Issued on 30 June in Chile, which is already 1 July in UTC. */
  { "CL-2025-777", "CL", "70", "657", "2025-06-30T23:30:00-04:00", "Table grapes",
    "Valle Central S.A.", "Shenzhen Grapes", "invalid", NULL, "CMA CGM Marco Polo" },
  { "CL-2025-778", "CL", "70", "851", "2025-07-05T10:00:00-04:00", "Table grapes",
    "Valle Central S.A.", "Shenzhen Grapes", "valid", "cl 2025 777", "CMA CGM Marco Polo" },
  { "US-9", "US", "70", "852", NULL, "Almonds", "Blue Ridge Nut Company", "Tianjin Foods",
    "expired-signer", NULL, "Evergreen Harmony" },
  { "AR-55", "AR", "70", "851", "2024-02-29T12:00:00-03:00", "Lemons", "Exportadora Pérez",
    "Xiamen Citrus", "not-authorised", NULL, "Hapag-Lloyd Santos" },
  { "AR-56", "AR", "39", "851", "2024-03-01T12:00:00-03:00", "Lemons", "Exportadora Pérez",
    "Xiamen Citrus", "unsupported", NULL, "Hapag-Lloyd Santos" },
};

typedef struct
{
  char       *dir;
  EcertCache *cache;
} Fixture;

static void
store_spec (EcertCache *cache,
            guint       index)
{
  const Spec *spec = &specs[index];
  g_autoptr(EcertCacheIndexEntry) entry = g_new0 (EcertCacheIndexEntry, 1);
  g_autoptr(EcertCacheProvenance) provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_FILE);
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GError) error = NULL;
  EcertCacheVerification verification = { 0 };
  EcertCacheStoreResult result;
  gint64 row;

  entry->number = g_strdup (spec->number);
  entry->type_code = g_strdup (spec->type);
  entry->status_code = g_strdup (spec->status);
  entry->issued = g_strdup (spec->issued);
  if (spec->issued != NULL)
    entry->issued_at = g_date_time_new_from_iso8601 (spec->issued, NULL);
  entry->export_country = g_strdup (spec->country);
  entry->import_country = g_strdup ("CN");
  entry->consignor = g_strdup (spec->consignor);
  entry->consignee = g_strdup (spec->consignee);
  entry->commodity = g_strdup (spec->commodity);
  entry->commodities = g_strdup (spec->commodity);
  entry->transport = g_strdup (spec->transport);
  entry->countries = g_strdup_printf ("%s; CN; China", spec->country);
  entry->replaces_number = g_strdup (spec->replaces);
  document = g_bytes_new_take (g_strdup_printf ("<certificate index='%u'/>", index),
                               strlen ("<certificate index='0'/>"));

  /* Half the verdicts come with the certificate, half afterwards. */
  verification.verdict = (char *) spec->verdict;
  g_assert_true (ecert_cache_store (cache, entry, document, provenance,
                                    spec->verdict != NULL && index % 2 == 0 ? &verification : NULL,
                                    &result, &row, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, ECERT_CACHE_STORED);
  g_assert_cmpint (row, ==, index + 1);

  if (spec->verdict != NULL && index % 2 == 1)
    {
      ecert_cache_set_verification (cache, row, spec->verdict, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = ecert_test_make_temp_dir ();
  path = g_build_filename (fixture->dir, "cache.sqlite3", NULL);
  fixture->cache = ecert_cache_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    store_spec (fixture->cache, i);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->cache);
  ecert_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  _ecert_cache_set_join_max_matches (4000);
}

/* The rows a query finds, as "#1 #4", in the order found; checks that the
 * count agrees and that pages of two put together give the same list. */
static char *
found (EcertCache      *cache,
       EcertCacheQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = ecert_cache_search (cache, query, 0, 100, NULL, &error);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) paged = g_string_new (NULL);
  guint n_rows = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (text, "%s#%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            ecert_cache_row_get_id (g_ptr_array_index (rows, i)));

  g_assert_true (ecert_cache_count (cache, query, &n_rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, rows->len);

  for (guint offset = 0; offset < rows->len + 2; offset += 2)
    {
      g_autoptr(GPtrArray) page = ecert_cache_search (cache, query, offset, 2, NULL, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        g_string_append_printf (paged, "%s#%" G_GINT64_FORMAT, paged->len > 0 ? " " : "",
                                ecert_cache_row_get_id (g_ptr_array_index (page, i)));
    }
  g_assert_cmpstr (paged->str, ==, text->str);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Runs @check under both plans. */
static void
both_plans (Fixture *fixture,
            void   (*check) (EcertCache *cache))
{
  _ecert_cache_set_join_max_matches (G_MAXUINT);
  check (fixture->cache);
  _ecert_cache_set_join_max_matches (0);
  check (fixture->cache);
}

#define assert_found(cache, query, expected) \
  G_STMT_START { \
    g_autofree char *found_ = found ((cache), (query)); \
    g_assert_cmpstr (found_, ==, (expected)); \
  } G_STMT_END

static EcertCacheQuery *
sorted_by (EcertCacheSort sort,
           gboolean       reversed)
{
  EcertCacheQuery *query = ecert_cache_query_new ();

  ecert_cache_query_set_sort (query, sort);
  ecert_cache_query_set_reversed (query, reversed);
  return query;
}

static void
check_sorts (EcertCache *cache)
{
  static const struct {
    EcertCacheSort sort;
    const char    *forward;
    const char    *reversed;
  } cases[] = {
    /* Newest first; a certificate without a date of issue comes last. */
    { ECERT_CACHE_SORT_ISSUED, "#4 #1 #2 #3 #6 #5 #9 #8 #7", "#7 #8 #9 #5 #6 #3 #2 #1 #4" },
    { ECERT_CACHE_SORT_NUMBER, "#8 #9 #3 #5 #6 #1 #4 #2 #7", "#7 #2 #4 #1 #6 #5 #3 #9 #8" },
    { ECERT_CACHE_SORT_COUNTRY, "#9 #8 #3 #6 #5 #4 #1 #2 #7", "#7 #2 #1 #4 #5 #6 #3 #8 #9" },
    { ECERT_CACHE_SORT_COMMODITY, "#7 #2 #3 #1 #4 #8 #9 #5 #6", "#6 #5 #9 #8 #4 #1 #3 #2 #7" },
    { ECERT_CACHE_SORT_RECEIVED, "#9 #8 #7 #6 #5 #4 #3 #2 #1", "#1 #2 #3 #4 #5 #6 #7 #8 #9" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EcertCacheQuery) forward = sorted_by (cases[i].sort, FALSE);
      g_autoptr(EcertCacheQuery) reversed = sorted_by (cases[i].sort, TRUE);

      assert_found (cache, forward, cases[i].forward);
      assert_found (cache, reversed, cases[i].reversed);

      /* The same orders with words that every certificate matches. */
      ecert_cache_query_set_text (forward, "CN");
      ecert_cache_query_set_text (reversed, "CN");
      assert_found (cache, forward, cases[i].forward);
      assert_found (cache, reversed, cases[i].reversed);
    }
}

static void
test_sorts (Fixture       *fixture,
            gconstpointer  data)
{
  both_plans (fixture, check_sorts);
}

/* Stores a certificate from @country (any text, or none), numbered
 * @number, issued on 1 January 2026. */
static void
store_from (EcertCache *cache,
            const char *number,
            const char *country)
{
  g_autoptr(EcertCacheIndexEntry) entry = g_new0 (EcertCacheIndexEntry, 1);
  g_autoptr(EcertCacheProvenance) provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_FILE);
  g_autofree char *text = g_strdup_printf ("<certificate number='%s'/>", number);
  g_autoptr(GBytes) document = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  entry->number = g_strdup (number);
  entry->status_code = g_strdup ("70");
  entry->issued_at = g_date_time_new_utc (2026, 1, 1, 12, 0, 0);
  entry->export_country = g_strdup (country);
  entry->commodity = g_strdup ("Wine");
  entry->countries = g_strdup ("CN");
  g_assert_true (ecert_cache_store (cache, entry, document, provenance, NULL, NULL, NULL,
                                    &error));
  g_assert_no_error (error);
}

static void
check_country_names (EcertCache *cache)
{
  /* Argentina, Australia, Chile, Germany, New Zealand, Spain, Switzerland,
   * United Kingdom, United States; then the codes no country has, by code;
   * then no country. */
  static const char *by_name = "#9 #8 #3 #6 #5 #10 #4 #1 #2 #11 #12 #13 #7 #15 #16 #14";
  static const char *reversed = "#14 #16 #15 #7 #13 #12 #11 #2 #1 #4 #10 #5 #6 #3 #8 #9";
  g_autoptr(EcertCacheQuery) forward = sorted_by (ECERT_CACHE_SORT_COUNTRY, FALSE);
  g_autoptr(EcertCacheQuery) backward = sorted_by (ECERT_CACHE_SORT_COUNTRY, TRUE);
  g_autoptr(EcertCacheQuery) filtered = sorted_by (ECERT_CACHE_SORT_COUNTRY, FALSE);

  /* Without words the list walks the countries in order; with words the
   * matches are sorted by the same ranks. */
  assert_found (cache, forward, by_name);
  assert_found (cache, backward, reversed);
  ecert_cache_query_set_text (forward, "CN");
  ecert_cache_query_set_text (backward, "CN");
  assert_found (cache, forward, by_name);
  assert_found (cache, backward, reversed);

  g_assert_true (ecert_cache_query_set_status (filtered, "withdrawn", NULL));
  assert_found (cache, filtered, "#4 #1");
}

/* A list sorted by exporting country is in the order of the countries'
 * names, not of their codes; codes that are no country's, and a missing
 * one, still appear, after them. */
static void
test_sorted_by_country_name (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(EcertCacheQuery) query = sorted_by (ECERT_CACHE_SORT_COUNTRY, FALSE);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  /* #10 to #14. */
  store_from (fixture->cache, "DE-2026-1", "DE");
  store_from (fixture->cache, "ES-2026-1", "ES");
  store_from (fixture->cache, "CH-2026-1", "CH");
  store_from (fixture->cache, "GB-2026-1", "GB");
  store_from (fixture->cache, "XX-2026-1", NULL);

  /* A reader has made its ranks by now; a code it has not seen yet comes
   * in later, and is ranked all the same. */
  rows = ecert_cache_search (fixture->cache, query, 0, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 14);
  store_from (fixture->cache, "EU-2026-1", "EU");           /* #15 */
  store_from (fixture->cache, "QQQ-2026-1", "QQQ 1");       /* #16 */

  both_plans (fixture, check_country_names);
}

static void
check_filters (EcertCache *cache)
{
  static const struct {
    const char *country;
    const char *status;
    const char *verdict;
    const char *type;
    const char *from;
    const char *to;
    const char *expected;    /* newest received first */
  } cases[] = {
    { "NZ", NULL, NULL, NULL, NULL, NULL, "#4 #2 #1" },
    { " nz ", NULL, NULL, NULL, NULL, NULL, "#4 #2 #1" },
    { "FR", NULL, NULL, NULL, NULL, NULL, "" },
    /* In force: #1 is withdrawn by #4, #5 replaced by #6. */
    { NULL, "issued", NULL, NULL, NULL, NULL, "#8 #7 #6 #3 #2" },
    { NULL, "70", NULL, NULL, NULL, NULL, "#8 #7 #6 #3 #2" },
    { NULL, "Withdrawn", NULL, NULL, NULL, NULL, "#4 #1" },
    { NULL, "40", NULL, NULL, NULL, NULL, "#4 #1" },
    { NULL, "replaced", NULL, NULL, NULL, NULL, "#5" },
    { NULL, "39", NULL, NULL, NULL, NULL, "#9" },
    { NULL, NULL, "valid", NULL, NULL, NULL, "#6 #1" },
    { NULL, NULL, "invalid", NULL, NULL, NULL, "#5" },
    { NULL, NULL, "untrusted", NULL, NULL, NULL, "#3" },
    { NULL, NULL, "not-authorised", NULL, NULL, NULL, "#8" },
    { NULL, NULL, "expired-signer", NULL, NULL, NULL, "#7" },
    { NULL, NULL, "unsigned", NULL, NULL, NULL, "#2" },
    { NULL, NULL, "unsupported", NULL, NULL, NULL, "#9" },
    { NULL, NULL, "unverified", NULL, NULL, NULL, "#4" },
    { NULL, NULL, NULL, "657", NULL, NULL, "#5" },
    { NULL, NULL, NULL, "852", NULL, NULL, "#7" },
    { NULL, NULL, NULL, "851", NULL, NULL, "#9 #8 #6 #4 #3 #2 #1" },
    { NULL, NULL, NULL, NULL, "2026-01-01", NULL, "#4 #2 #1" },
    /* Days are the issuer's: #5 was issued on 30 June, Chilean time. */
    { NULL, NULL, NULL, NULL, NULL, "2025-06-30", "#9 #8 #5" },
    { NULL, NULL, NULL, NULL, "2025-07-01", "2025-07-31", "#6" },
    { NULL, NULL, NULL, NULL, "2024-02-29", "2024-02-29", "#8" },
    { NULL, NULL, NULL, NULL, "2027-01-01", NULL, "" },
    { "NZ", "withdrawn", NULL, NULL, NULL, NULL, "#4 #1" },
    { "CL", NULL, "valid", "851", "2025-01-01", "2025-12-31", "#6" },
    { "AR", "issued", NULL, NULL, NULL, NULL, "#8" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EcertCacheQuery) query = sorted_by (ECERT_CACHE_SORT_RECEIVED, FALSE);
      g_autoptr(GDate) from = NULL;
      g_autoptr(GDate) to = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("filter case %" G_GSIZE_FORMAT, i);
      g_assert_true (ecert_cache_query_set_country (query, cases[i].country, &error));
      g_assert_true (ecert_cache_query_set_status (query, cases[i].status, &error));
      g_assert_true (ecert_cache_query_set_verdict (query, cases[i].verdict, &error));
      g_assert_no_error (error);
      ecert_cache_query_set_type_code (query, cases[i].type);
      if (cases[i].from != NULL)
        from = ecert_cache_parse_date (cases[i].from, &error);
      if (cases[i].to != NULL)
        to = ecert_cache_parse_date (cases[i].to, &error);
      g_assert_no_error (error);
      ecert_cache_query_set_issued_range (query, from, to);

      assert_found (cache, query, cases[i].expected);

      /* With words that every certificate matches, the same. */
      ecert_cache_query_set_text (query, "cn");
      assert_found (cache, query, cases[i].expected);
    }
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  both_plans (fixture, check_filters);
}

static void
check_words (EcertCache *cache)
{
  static const struct {
    const char *text;
    const char *status;
    const char *expected;    /* newest received first */
  } cases[] = {
    { "kiwi", NULL, "#4 #1" },
    { "KIWIFRUIT", NULL, "#4 #1" },
    { "上海", NULL, "#4 #1" },
    { "广州果业", NULL, "#3" },
    { "msku1234565", NULL, "#3" },
    { "cherries tasmanian", NULL, "#3" },
    { "cherries kiwi", NULL, "" },
    { "perez", NULL, "#9 #8" },             /* Pérez, without the accent */
    { "valle", NULL, "#6 #5" },
    { "valle", "replaced", "#5" },
    { "maersk kowloon", NULL, "#4 #1" },
    /* Numbers, however they are typed. */
    { "NZ-2026-000001", NULL, "#4 #1" },
    { "nz 2026 000001", NULL, "#4 #1" },
    { "nz2026-000001", NULL, "#4 #1" },
    { "NZ2026000001", NULL, "#4 #1" },
    { "NZ-2026-00000", NULL, "#4 #2 #1" },
    { "au/2026/0003", NULL, "#3" },
    { "cl 2025 777", NULL, "#5" },
    /* Syntax is text, not an error. */
    { "\"kiwi", NULL, "#4 #1" },
    { "kiwi OR apples", NULL, "" },
    { "NOT", NULL, "" },
    { "(*)", NULL, "#9 #8 #7 #6 #5 #4 #3 #2 #1" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EcertCacheQuery) query = sorted_by (ECERT_CACHE_SORT_RECEIVED, FALSE);
      g_autoptr(GError) error = NULL;

      g_test_message ("words “%s”", cases[i].text);
      ecert_cache_query_set_text (query, cases[i].text);
      g_assert_true (ecert_cache_query_set_status (query, cases[i].status, &error));
      assert_found (cache, query, cases[i].expected);
    }
}

static void
test_words (Fixture       *fixture,
            gconstpointer  data)
{
  both_plans (fixture, check_words);
}

/* Bytes that are not UTF-8 reach the query from a terminal set to another
 * encoding or a script: each one is read as U+FFFD, which separates words
 * and matches nothing, and never makes the query read past the text. */
static void
check_invalid_utf8 (EcertCache *cache)
{
  static const struct {
    const char *text;
    const char *kept;
    const char *expected;    /* newest received first */
  } cases[] = {
    { "-\xfc", "-\xef\xbf\xbd", "#9 #8 #7 #6 #5 #4 #3 #2 #1" },
    { "\xfc", "\xef\xbf\xbd", "#9 #8 #7 #6 #5 #4 #3 #2 #1" },
    { "kiwi\xff", "kiwi\xef\xbf\xbd", "#4 #1" },
    { "\xe4\xb8", "\xef\xbf\xbd\xef\xbf\xbd", "#9 #8 #7 #6 #5 #4 #3 #2 #1" },
    { "valle \xe4\xb8", "valle \xef\xbf\xbd\xef\xbf\xbd", "#6 #5" },
    { "\xc0\xaf" "cherries", "\xef\xbf\xbd\xef\xbf\xbd" "cherries", "#3" },
    { "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "#9 #8 #7 #6 #5 #4 #3 #2 #1" },
    { "au/2026/0003\xf8\x88", "au/2026/0003\xef\xbf\xbd\xef\xbf\xbd", "#3" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EcertCacheQuery) query = sorted_by (ECERT_CACHE_SORT_RECEIVED, FALSE);
      g_autofree char *property = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      ecert_cache_query_set_text (query, cases[i].text);
      assert_found (cache, query, cases[i].expected);
      g_assert_cmpstr (ecert_cache_query_get_text (query), ==, cases[i].kept);
      g_object_get (query, "text", &property, NULL);
      g_assert_true (g_utf8_validate (property, -1, NULL));
    }
}

static void
test_invalid_utf8 (Fixture       *fixture,
                   gconstpointer  data)
{
  both_plans (fixture, check_invalid_utf8);
}

static void
test_words_sorted (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EcertCacheQuery) query = sorted_by (ECERT_CACHE_SORT_ISSUED, FALSE);

  ecert_cache_query_set_text (query, "valle");
  _ecert_cache_set_join_max_matches (G_MAXUINT);
  assert_found (fixture->cache, query, "#6 #5");
  _ecert_cache_set_join_max_matches (0);
  assert_found (fixture->cache, query, "#6 #5");

  ecert_cache_query_set_sort (query, ECERT_CACHE_SORT_NUMBER);
  ecert_cache_query_set_reversed (query, TRUE);
  assert_found (fixture->cache, query, "#6 #5");
}

static void
test_invalid_filters (void)
{
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(GError) error = NULL;
  EcertCacheSort sort;

  g_assert_false (ecert_cache_query_set_country (query, "NZL", &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_COUNTRY);
  g_clear_error (&error);
  g_assert_false (ecert_cache_query_set_status (query, "cancelled", &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (ecert_cache_query_set_verdict (query, "trusted", &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (ecert_cache_parse_date ("14/03/2026", &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (ecert_cache_parse_date ("2026-02-30", &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (ecert_cache_sort_from_string ("commodity", &sort));
  g_assert_cmpint (sort, ==, ECERT_CACHE_SORT_COMMODITY);
  g_assert_false (ecert_cache_sort_from_string ("relevance", &sort));

  /* A rejected value leaves the query as it was. */
  g_assert_null (ecert_cache_query_get_country (query));
  g_assert_null (ecert_cache_query_get_status (query));
}

static void
test_query_copy (void)
{
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(EcertCacheQuery) copy = NULL;
  g_autoptr(GDate) from = g_date_new_dmy (1, 3, 2026);
  g_autofree char *text = NULL;
  EcertCacheSort sort;

  ecert_cache_query_set_text (query, "kiwi");
  g_assert_true (ecert_cache_query_set_country (query, "nz", NULL));
  g_assert_true (ecert_cache_query_set_status (query, "40", NULL));
  g_assert_true (ecert_cache_query_set_verdict (query, "Unverified", NULL));
  ecert_cache_query_set_type_code (query, "851");
  ecert_cache_query_set_issued_range (query, from, NULL);
  ecert_cache_query_set_sort (query, ECERT_CACHE_SORT_COUNTRY);
  ecert_cache_query_set_reversed (query, TRUE);

  copy = ecert_cache_query_copy (query);
  ecert_cache_query_set_text (query, "apples");
  g_assert_cmpstr (ecert_cache_query_get_text (copy), ==, "kiwi");
  g_assert_cmpstr (ecert_cache_query_get_country (copy), ==, "NZ");
  g_assert_cmpstr (ecert_cache_query_get_status (copy), ==, "withdrawn");
  g_assert_cmpstr (ecert_cache_query_get_verdict (copy), ==, "unverified");
  g_assert_cmpstr (ecert_cache_query_get_type_code (copy), ==, "851");
  g_assert_cmpint (g_date_compare (ecert_cache_query_get_issued_from (copy), from), ==, 0);
  g_assert_null (ecert_cache_query_get_issued_to (copy));
  g_assert_true (ecert_cache_query_get_reversed (copy));

  g_object_get (copy, "sort", &sort, "text", &text, NULL);
  g_assert_cmpint (sort, ==, ECERT_CACHE_SORT_COUNTRY);
  g_assert_cmpstr (text, ==, "kiwi");
}

static void
got_export_countries (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GPtrArray **countries = user_data;
  g_autoptr(GError) error = NULL;

  *countries = ecert_cache_list_export_countries_finish (ECERT_CACHE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_export_countries (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) countries = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *joined = NULL;

  countries = ecert_cache_list_export_countries (fixture->cache, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (countries, NULL);
  joined = g_strjoinv (" ", (char **) countries->pdata);
  g_assert_cmpstr (joined, ==, "AR AU CL NZ US");

  ecert_cache_list_export_countries_async (fixture->cache, NULL, got_export_countries, &again);
  while (again == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (again->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (again, 0), ==, "AR");
}

static void
test_export_countries_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ecert_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cache.sqlite3", NULL);
  g_autoptr(EcertCache) cache = ecert_cache_open (path, &error);
  g_autoptr(GPtrArray) countries = NULL;

  g_assert_no_error (error);
  countries = ecert_cache_list_export_countries (cache, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (countries->len, ==, 0);
  g_clear_object (&cache);
  ecert_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cache/search/sorts", Fixture, NULL, fixture_set_up, test_sorts,
              fixture_tear_down);
  g_test_add ("/cache/search/sorted-by-country-name", Fixture, NULL, fixture_set_up,
              test_sorted_by_country_name, fixture_tear_down);
  g_test_add ("/cache/search/filters", Fixture, NULL, fixture_set_up, test_filters,
              fixture_tear_down);
  g_test_add ("/cache/search/words", Fixture, NULL, fixture_set_up, test_words,
              fixture_tear_down);
  g_test_add ("/cache/search/invalid-utf8", Fixture, NULL, fixture_set_up, test_invalid_utf8,
              fixture_tear_down);
  g_test_add ("/cache/search/words-sorted", Fixture, NULL, fixture_set_up, test_words_sorted,
              fixture_tear_down);
  g_test_add ("/cache/search/export-countries", Fixture, NULL, fixture_set_up,
              test_export_countries, fixture_tear_down);
  g_test_add_func ("/cache/search/export-countries-empty", test_export_countries_empty);
  g_test_add_func ("/cache/search/invalid-filters", test_invalid_filters);
  g_test_add_func ("/cache/search/query-copy", test_query_copy);

  return g_test_run ();
}
