/* office-bench-query.c: the office's and a desk's lookups, timed in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests/bench/office-bench.py:
 *
 *   office-bench-query document
 *   office-bench-query office URI RUNS NUMBERS WORDS CJK-WORDS
 *   office-bench-query cache FILE RUNS NUMBERS WORDS CJK-WORDS
 *
 * `document` reads lines of text on standard input and writes each as the
 * office's full-text index holds it, one line each: the benchmark fills
 * the office's table with SQL and checks its rule against this one.
 *
 * `office` and `cache` ask the office's store (PostgreSQL) or a desk's
 * cache (SQLite) the same three questions through their own functions,
 * RUNS times each, cycling through the comma-separated NUMBERS, WORDS and
 * CJK-WORDS: a certificate by its number, then the first 100 certificates
 * with a word, newest first. Each question prints one line:
 *
 *   QUESTION MEDIAN-MS P95-MS MIN-ROWS MAX-ROWS
 *
 * Timing starts with the connection or the cache already open, so neither
 * a process's start nor a connection's TLS is counted.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ecert-core.h"
#include "ecert-office-search-private.h"
#include "ecert-office-store.h"

#define PAGE_ROWS 100

typedef GPtrArray *(*AskFunc) (gpointer     target,
                               const char  *question,
                               gboolean     by_number,
                               GError     **error);

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static GPtrArray *
ask_office (gpointer     target,
            const char  *question,
            gboolean     by_number,
            GError     **error)
{
  if (by_number)
    return ecert_office_store_find_by_number (target, question, error);
  return ecert_office_store_search (target, question, PAGE_ROWS, error);
}

static GPtrArray *
ask_cache (gpointer     target,
           const char  *question,
           gboolean     by_number,
           GError     **error)
{
  g_autoptr(EcertCacheQuery) query = NULL;

  if (by_number)
    return ecert_cache_lookup_number (target, question, NULL, error);

  /* The list's default order: newest received first. */
  query = ecert_cache_query_new ();
  ecert_cache_query_set_text (query, question);
  ecert_cache_query_set_sort (query, ECERT_CACHE_SORT_RECEIVED);
  return ecert_cache_search (target, query, 0, PAGE_ROWS, NULL, error);
}

/* Asks each of @questions in turn, @runs times in all; prints the line. */
static gboolean
time_question (const char  *label,
               AskFunc      ask,
               gpointer     target,
               const char  *questions,
               gboolean     by_number,
               guint        runs,
               GError     **error)
{
  g_auto(GStrv) each = g_strsplit (questions, ",", -1);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_questions = g_strv_length (each);
  guint min_rows = G_MAXUINT, max_rows = 0;
  double median, p95;

  if (n_questions == 0)
    return TRUE;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      gint64 started = g_get_monotonic_time ();
      double ms;

      rows = ask (target, each[i % n_questions], by_number, error);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      if (rows == NULL)
        return FALSE;
      g_array_append_val (samples, ms);
      min_rows = MIN (min_rows, rows->len);
      max_rows = MAX (max_rows, rows->len);
    }

  g_array_sort (samples, compare_doubles);
  median = g_array_index (samples, double, samples->len / 2);
  p95 = g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100));
  g_print ("%s %.3f %.3f %u %u\n", label, median, p95, min_rows, max_rows);
  return TRUE;
}

static gboolean
time_all (AskFunc      ask,
          gpointer     target,
          char       **argv,
          GError     **error)
{
  guint runs = (guint) g_ascii_strtoull (argv[3], NULL, 10);

  return time_question ("number", ask, target, argv[4], TRUE, runs, error) &&
         time_question ("word", ask, target, argv[5], FALSE, runs, error) &&
         time_question ("cjk", ask, target, argv[6], FALSE, runs, error);
}

static int
write_documents (void)
{
  char line[8192];

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_autofree char *document = NULL;

      g_strchomp (line);
      document = _ecert_office_search_document (line);
      /* UTF-8 as it is, whatever the locale: g_print would convert. */
      fputs (document, stdout);
      fputc ('\n', stdout);
    }
  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean timed = FALSE;

  if (argc == 2 && g_str_equal (argv[1], "document"))
    return write_documents ();

  if (argc != 7)
    {
      g_printerr ("usage: office-bench-query document\n"
                  "       office-bench-query office|cache URI|FILE RUNS NUMBERS WORDS CJK\n");
      return 2;
    }

  if (g_str_equal (argv[1], "office"))
    {
      g_autoptr(EcertOfficeStore) store = ecert_office_store_connect (argv[2], &error);

      timed = store != NULL && time_all (ask_office, store, argv, &error);
    }
  else if (g_str_equal (argv[1], "cache"))
    {
      g_autoptr(EcertCache) cache = ecert_cache_open (argv[2], &error);

      timed = cache != NULL && time_all (ask_cache, cache, argv, &error);
    }
  else
    {
      g_printerr ("office-bench-query: no such question set: %s\n", argv[1]);
      return 2;
    }

  if (!timed)
    {
      g_printerr ("office-bench-query: %s\n", error != NULL ? error->message : "failed");
      return 1;
    }
  return EXIT_SUCCESS;
}
