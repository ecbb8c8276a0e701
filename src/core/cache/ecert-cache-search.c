/* ecert-cache-search.c: finding and counting certificates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include "ecert-cache-private.h"
#include "ecert-task.h"

/* Plans ------------------------------------------------------------------- */

#define MATCHES "certificate_fts MATCH ?"
#define JOIN " FROM certificate_fts CROSS JOIN certificates AS c ON c.id = certificate_fts.rowid"
/* The unary + keeps SQLite from driving the loop from the set: it walks
 * the index that suits the filters and the order, and probes the set. */
/* The countries in the order of their names, and each one's certificates
 * through the country index, in order: no sort. */
#define WALK_COUNTRIES " FROM temp.country_order AS o CROSS JOIN certificates AS c" \
                       " ON c.export_country IS o.code"
#define IN_SET " FROM certificates AS c WHERE +c.id IN" \
               " (SELECT rowid FROM certificate_fts WHERE " MATCHES ")"

/**
 * _ecert_cache_sql_render:
 *
 * Returns: (transfer full): the statement for @plan; the statements for
 *   rows end in "LIMIT ? OFFSET ?", bound after the values
 */
char *
_ecert_cache_sql_render (EcertCacheSql  *sql,
                         EcertCachePlan  plan)
{
  switch (plan)
    {
    case ECERT_CACHE_PLAN_COUNT:
      /* Without a WHERE, SQLite counts the smallest index's entries. */
      if (sql->filters[0] == '\0')
        return g_strdup ("SELECT count(*) FROM certificates");
      return g_strconcat ("SELECT count(*) FROM certificates AS c WHERE 1", sql->filters, NULL);

    case ECERT_CACHE_PLAN_COUNT_MATCHES:
      return g_strdup ("SELECT count(*) FROM certificate_fts WHERE " MATCHES);

    case ECERT_CACHE_PLAN_COUNT_JOIN:
      return g_strconcat ("SELECT count(*)" JOIN " WHERE " MATCHES, sql->filters, NULL);

    case ECERT_CACHE_PLAN_COUNT_SET:
      return g_strconcat ("SELECT count(*)" IN_SET, sql->filters, NULL);

    case ECERT_CACHE_PLAN_ROWS:
      if (sql->by_country)
        return g_strconcat ("SELECT " ECERT_CACHE_ROW_COLUMNS WALK_COUNTRIES " WHERE 1",
                            sql->filters, sql->walk_order, " LIMIT ? OFFSET ?", NULL);
      return g_strconcat ("SELECT " ECERT_CACHE_ROW_COLUMNS " FROM certificates AS c WHERE 1",
                          sql->filters, sql->order, " LIMIT ? OFFSET ?", NULL);

    case ECERT_CACHE_PLAN_ROWS_JOIN:
      return g_strconcat ("SELECT " ECERT_CACHE_ROW_COLUMNS JOIN " WHERE " MATCHES, sql->filters,
                          sql->order, " LIMIT ? OFFSET ?", NULL);

    case ECERT_CACHE_PLAN_ROWS_MATCH_ORDER:
      return g_strconcat ("SELECT " ECERT_CACHE_ROW_COLUMNS JOIN " WHERE " MATCHES, sql->filters,
                          sql->match_order, " LIMIT ? OFFSET ?", NULL);

    case ECERT_CACHE_PLAN_ROWS_SET:
      return g_strconcat ("SELECT " ECERT_CACHE_ROW_COLUMNS IN_SET, sql->filters, sql->order,
                          " LIMIT ? OFFSET ?", NULL);

    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
plan_uses_words (EcertCachePlan plan)
{
  return plan != ECERT_CACHE_PLAN_COUNT && plan != ECERT_CACHE_PLAN_ROWS;
}

/* Binds the expression (when @plan uses it), then the filters' values, to
 * ?1, ?2...; returns FALSE when the statement has fewer parameters, which
 * is a bug. */
gboolean
_ecert_cache_sql_bind (EcertCacheSql  *sql,
                       EcertCachePlan  plan,
                       sqlite3_stmt   *statement)
{
  int index = 1;

  if (plan_uses_words (plan) &&
      sqlite3_bind_text (statement, index++, sql->expression, -1, SQLITE_TRANSIENT) != SQLITE_OK)
    return FALSE;

  if (plan == ECERT_CACHE_PLAN_COUNT_MATCHES)
    return TRUE;

  for (guint i = 0; i < sql->values->len; i++)
    {
      GVariant *value = g_ptr_array_index (sql->values, i);
      int code;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        code = sqlite3_bind_text (statement, index++, g_variant_get_string (value, NULL), -1,
                                  SQLITE_TRANSIENT);
      else
        code = sqlite3_bind_int64 (statement, index++, g_variant_get_int64 (value));

      if (code != SQLITE_OK)
        return FALSE;
    }

  return TRUE;
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

  return statement != NULL && _ecert_cache_db_step_int (db, statement, n_rows, error);
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
  g_auto(EcertCacheReader) lease = { self,
                                     _ecert_cache_acquire_reader (self, cancellable, error) };
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
  rows = _ecert_cache_collect_rows (reader, statement, _ecert_cache_read_row, g_object_unref,
                                    error);
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

  ecert_task_return_result (task, rows, (GDestroyNotify) g_ptr_array_unref, error);
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
  SearchData *data;

  g_return_if_fail (ECERT_IS_CACHE (self));
  g_return_if_fail (ECERT_IS_CACHE_QUERY (query));

  data = g_new0 (SearchData, 1);
  data->sql = _ecert_cache_query_compile (query);
  data->offset = offset;
  data->limit = limit;

  ecert_task_run_in_thread (self, ecert_cache_search_async, search_thread,
                            data, (GDestroyNotify) search_data_free,
                            cancellable, callback, user_data);
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
  g_auto(EcertCacheReader) lease = { self,
                                     _ecert_cache_acquire_reader (self, cancellable, error) };
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
  g_return_if_fail (ECERT_IS_CACHE (self));
  g_return_if_fail (ECERT_IS_CACHE_QUERY (query));

  ecert_task_run_in_thread (self, ecert_cache_count_async, count_thread,
                            _ecert_cache_query_compile (query),
                            (GDestroyNotify) _ecert_cache_sql_free,
                            cancellable, callback, user_data);
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
  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);

  return _ecert_cache_read_rows (self, cancellable,
                                 "WITH RECURSIVE next (country) AS ("
                                 " SELECT MIN (export_country) FROM certificates"
                                 " UNION ALL"
                                 " SELECT (SELECT MIN (export_country) FROM certificates"
                                 "         WHERE export_country > next.country)"
                                 " FROM next WHERE next.country IS NOT NULL)"
                                 " SELECT country FROM next WHERE country IS NOT NULL",
                                 0, NULL, NULL, _ecert_cache_read_text, g_free, error);
}

static void
export_countries_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *countries = ecert_cache_list_export_countries (source_object, cancellable, &error);

  ecert_task_return_result (task, countries, (GDestroyNotify) g_ptr_array_unref, error);
}

void
ecert_cache_list_export_countries_async (EcertCache          *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (ECERT_IS_CACHE (self));

  ecert_task_run_in_thread (self, ecert_cache_list_export_countries_async,
                            export_countries_thread, NULL, NULL,
                            cancellable, callback, user_data);
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

