/* fuzz-search.c: libFuzzer target for the cache's search queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes through what a person types into the search box or
 * gives `ecert search`: the words (any bytes, UTF-8 or not), the filters
 * (one per line after the words: country, status, verdict, type, first
 * and last day, order), the full-text expression and the SQL made of them,
 * then runs the search on a small cache. Whatever the bytes, the query
 * holds valid UTF-8 and the search succeeds: words are text, never syntax.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ecert-cache-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

enum {
  FIELD_WORDS,
  FIELD_COUNTRY,
  FIELD_STATUS,
  FIELD_VERDICT,
  FIELD_TYPE,
  FIELD_FROM,
  FIELD_TO,
  FIELD_SORT,
  N_FIELDS
};

static const struct {
  const char *number;
  const char *country;
  const char *commodity;
  const char *consignee;
} stored[] = {
  { "NZ-2026-000417", "NZ", "Kiwifruit", "上海鲜果进出口有限公司" },
  { "AU/2026/0003", "AU", "Cherries", "广州果业有限公司" },
  { "AR-55", "AR", "Lemons", "Exportadora Pérez" },
};

static char *cache_dir;
static EcertCache *cache;

static void
remove_cache (void)
{
  static const char * const files[] = { "cache.sqlite3", "cache.sqlite3-wal",
                                        "cache.sqlite3-shm" };

  g_clear_object (&cache);
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (cache_dir, files[i], NULL);
      g_remove (path);
    }
  g_rmdir (cache_dir);
  g_clear_pointer (&cache_dir, g_free);
}

static void
store (guint index)
{
  g_autoptr(EcertCacheIndexEntry) entry = g_new0 (EcertCacheIndexEntry, 1);
  g_autoptr(EcertCacheProvenance) provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_FILE);
  g_autoptr(GBytes) document = g_bytes_new_take (g_strdup_printf ("<certificate index='%u'/>", index),
                                                 strlen ("<certificate index='0'/>"));
  EcertCacheStoreResult result;

  entry->number = g_strdup (stored[index].number);
  entry->type_code = g_strdup ("851");
  entry->status_code = g_strdup ("70");
  entry->issued = g_strdup ("2026-03-14T09:00:00+13:00");
  entry->issued_at = g_date_time_new_from_iso8601 (entry->issued, NULL);
  entry->export_country = g_strdup (stored[index].country);
  entry->import_country = g_strdup ("CN");
  entry->consignee = g_strdup (stored[index].consignee);
  entry->commodity = g_strdup (stored[index].commodity);
  entry->commodities = g_strdup (stored[index].commodity);
  if (!ecert_cache_store (cache, entry, document, provenance, NULL, &result, NULL, NULL))
    abort ();
}

/* One small cache for every input: opening one per input would be most of
 * the work. Removed when the process exits. */
static EcertCache *
get_cache (void)
{
  g_autofree char *path = NULL;

  if (cache != NULL)
    return cache;

  cache_dir = g_dir_make_tmp ("ecert-fuzz-search-XXXXXX", NULL);
  if (cache_dir == NULL)
    abort ();
  path = g_build_filename (cache_dir, "cache.sqlite3", NULL);
  cache = ecert_cache_open (path, NULL);
  if (cache == NULL)
    abort ();
  for (guint i = 0; i < G_N_ELEMENTS (stored); i++)
    store (i);
  atexit (remove_cache);
  return cache;
}

static void
set_filters (EcertCacheQuery  *query,
             char            **fields)
{
  g_autoptr(GDate) from = NULL;
  g_autoptr(GDate) to = NULL;
  EcertCacheSort sort;

  /* A value refused stays out of the query, as it does for a person. */
  ecert_cache_query_set_country (query, fields[FIELD_COUNTRY], NULL);
  ecert_cache_query_set_status (query, fields[FIELD_STATUS], NULL);
  ecert_cache_query_set_verdict (query, fields[FIELD_VERDICT], NULL);
  ecert_cache_query_set_type_code (query, fields[FIELD_TYPE]);
  if (fields[FIELD_FROM] != NULL)
    from = ecert_cache_parse_date (fields[FIELD_FROM], NULL);
  if (fields[FIELD_TO] != NULL)
    to = ecert_cache_parse_date (fields[FIELD_TO], NULL);
  ecert_cache_query_set_issued_range (query, from, to);
  if (fields[FIELD_SORT] != NULL && ecert_cache_sort_from_string (fields[FIELD_SORT], &sort))
    ecert_cache_query_set_sort (query, sort);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(EcertCacheSql) sql = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  char *fields[N_FIELDS + 1] = { NULL };
  g_auto(GStrv) lines = g_strsplit (text, "\n", N_FIELDS);
  const char *kept;
  guint total = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    fields[i] = lines[i];

  /* The whole input as words too: white space of every kind, and the
   * number a text looks like. */
  g_free (_ecert_cache_fts_expression (text));
  g_free (ecert_cache_normalize_number (text));

  ecert_cache_query_set_text (query, fields[FIELD_WORDS]);
  set_filters (query, fields);
  ecert_cache_query_set_reversed (query, size % 2 == 1);

  kept = ecert_cache_query_get_text (query);
  if (kept != NULL && !g_utf8_validate (kept, -1, NULL))
    abort ();

  sql = _ecert_cache_query_compile (query);
  for (EcertCachePlan plan = ECERT_CACHE_PLAN_COUNT; plan <= ECERT_CACHE_PLAN_ROWS_SET; plan++)
    g_free (_ecert_cache_sql_render (sql, plan));

  if (!ecert_cache_count (get_cache (), query, &total, NULL, NULL))
    abort ();
  rows = ecert_cache_search (get_cache (), query, 0, 10, NULL, NULL);
  if (rows == NULL || rows->len != MIN (total, 10))
    abort ();

  return 0;
}
