/* ecert-cli-bench-cache.c: `ecert bench cache --count N`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a cache with generated certificates the way a sync would store
 * them (hub provenance, a verdict, the acknowledgement bookkeeping), then
 * times the questions an inspector's desk asks of it, and measures the
 * memory of a separate process holding a list model over every row.
 *
 * The certificates are the sample certificates of src/samples, as the
 * importing country of the demonstration receives them in volume: from 26
 * exporting countries in proportion to their trade, numbered in each
 * country's own style, issued over three and a half years and arriving in
 * that order, from thousands of traders to every port of entry; a share
 * withdraws or replaces an earlier certificate. Each comes with the
 * index entry the cache keeps of it. Generating them is not timed: the insert
 * rate is the cache's own.
 *
 * Figures are printed, not judged: this is not a test.
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"
#include "ecert-sample-generator.h"

#define BATCH 1000
#define HUB_URL "https://hub.bench.invalid/"
#define SEED 417

/* The generated certificates span three and a half years of issue dates
 * and arrive in that order, as a desk receives them: a date-ordered index
 * grows at its newest end. */
#define FIRST_ISSUE_YEAR 2023
#define ISSUE_SPAN_DAYS 1297

/* A withdrawal about one certificate in seventy, a replacement one in
 * thirty. */
#define WITHDRAWALS (1 / 70.0)
#define REPLACEMENTS (1 / 30.0)

/* The countries the filtered queries ask about: those that export most. */
static const char * const busiest_exporters[] = { "NZ", "AU", "US", "CL", "AR", "PE", "ZA", "TH" };

static const char * const verdicts[] = {
  "valid", "unsigned", "untrusted", "invalid", "expired-signer", "not-authorised", "unsupported",
};

/* Per mille of certificates given each verdict; the rest is unverified. */
static const guint verdict_weights[] = { 550, 300, 30, 10, 10, 5, 5 };

typedef struct
{
  EcertSampleGenerator *samples;
  GRand                *rand;             /* verdicts and the numbers to look up */
  GPtrArray            *sample_numbers;   /* char *: numbers to look up later */
  gboolean              measuring;        /* the sample numbers will be looked up */
} Generator;

typedef struct
{
  EcertCacheIndexEntry *entry;
  GBytes            *document;
  char              *delivery;
  const char        *verdict;
} Generated;

static void
generated_clear (Generated *generated)
{
  g_clear_pointer (&generated->entry, ecert_cache_index_entry_free);
  g_clear_pointer (&generated->document, g_bytes_unref);
  g_clear_pointer (&generated->delivery, g_free);
}

static EcertSampleGenerator *
make_sample_generator (guint count)
{
  EcertSampleGenerator *samples = ecert_sample_generator_new (SEED);
  g_autoptr(GDateTime) first = g_date_time_new_utc (FIRST_ISSUE_YEAR, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) last = g_date_time_add_days (first, ISSUE_SPAN_DAYS);

  ecert_sample_generator_set_by_trade (samples, TRUE);
  ecert_sample_generator_set_many_traders (samples, TRUE);
  ecert_sample_generator_set_numbering (samples, ECERT_SAMPLE_NUMBERS_NATIONAL);
  ecert_sample_generator_set_other_importers (samples, 0);
  ecert_sample_generator_set_issue_period (samples, first, last);
  ecert_sample_generator_set_in_issue_order (samples, count);
  ecert_sample_generator_set_follow_ups (samples, WITHDRAWALS, REPLACEMENTS);
  /* Attachments would measure the size of scans, not the cache. */
  ecert_sample_generator_set_attachments (samples, 0);
  return samples;
}

/* Keeps a fair sample of 4000 of the numbers stored, to look them up. */
static void
keep_sample_number (Generator  *generator,
                    guint       index,
                    const char *number)
{
  if (generator->sample_numbers->len < 4000)
    g_ptr_array_add (generator->sample_numbers, g_strdup (number));
  else if (g_rand_int_range (generator->rand, 0, index + 1) < 4000)
    {
      guint slot = g_rand_int_range (generator->rand, 0, 4000);

      g_free (g_ptr_array_index (generator->sample_numbers, slot));
      g_ptr_array_index (generator->sample_numbers, slot) = g_strdup (number);
    }
}

static const char *
draw_verdict (Generator *generator)
{
  guint ticket = g_rand_int_range (generator->rand, 0, 1000);

  for (guint i = 0; i < G_N_ELEMENTS (verdicts); i++)
    {
      if (ticket < verdict_weights[i])
        return verdicts[i];
      ticket -= verdict_weights[i];
    }

  return NULL;
}

/* A certificate as a hub would deliver it, and its index entry. */
static void
generate (Generator *generator,
          guint      index,
          Generated *out)
{
  /* Unsigned: nothing in the run can fail. */
  g_autoptr(EcertSample) sample = ecert_sample_generator_next (generator->samples, NULL);

  keep_sample_number (generator, index, sample->number);
  out->entry = g_steal_pointer (&sample->entry);
  out->document = g_steal_pointer (&sample->document);
  out->delivery = g_strdup_printf ("D%09u", index);
  out->verdict = draw_verdict (generator);
}

static gdouble
elapsed_ms (gint64 started)
{
  return (g_get_monotonic_time () - started) / 1000.0;
}

/* Stores one batch as a sync would: each delivery verified, then stored
 * with its verdict, in one transaction. The previous batch was acknowledged to the
 * hub once committed; forgetting those acknowledgements rides along in
 * this transaction (after a crash, a sync would only acknowledge them
 * again, which the hub accepts). */
static gboolean
store_batch (EcertCache  *cache,
             Generated   *batch,
             guint        count,
             GPtrArray   *acknowledged,
             GError     **error)
{
  g_autoptr(EcertCacheProvenance) provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_HUB);

  provenance->hub_url = g_strdup (HUB_URL);
  provenance->envelope_to = g_strdup ("CN");
  provenance->envelope_certificate_type = g_strdup ("851");

  if (!ecert_cache_begin (cache, error))
    return FALSE;

  for (guint i = 0; i < acknowledged->len; i++)
    {
      if (!ecert_cache_remove_pending_acknowledgement (cache, HUB_URL,
                                                       g_ptr_array_index (acknowledged, i),
                                                       error))
        {
          ecert_cache_rollback (cache);
          return FALSE;
        }
    }

  for (guint i = 0; i < count; i++)
    {
      EcertCacheVerification verification = {
        (char *) batch[i].verdict, NULL,
        (char *) (g_strcmp0 (batch[i].verdict, "valid") == 0 ? "CN=NPPO signing key" : NULL),
        NULL
      };

      g_free (provenance->delivery_number);
      provenance->delivery_number = g_strdup (batch[i].delivery);
      g_free (provenance->envelope_from);
      provenance->envelope_from = g_strdup (batch[i].entry->export_country);
      g_free (provenance->envelope_certificate_number);
      provenance->envelope_certificate_number = g_strdup (batch[i].entry->number);

      if (!ecert_cache_store (cache, batch[i].entry, batch[i].document, provenance,
                              batch[i].verdict != NULL ? &verification : NULL, NULL, NULL,
                              error))
        {
          ecert_cache_rollback (cache);
          return FALSE;
        }
    }

  if (!ecert_cache_commit (cache, error))
    return FALSE;

  g_ptr_array_set_size (acknowledged, 0);
  for (guint i = 0; i < count; i++)
    g_ptr_array_add (acknowledged, g_strdup (batch[i].delivery));
  return TRUE;
}

static gint64
count_rows (EcertCache *cache)
{
  g_autoptr(EcertCacheQuery) all = ecert_cache_query_new ();
  guint n_rows = 0;

  if (!ecert_cache_count (cache, all, &n_rows, NULL, NULL))
    return 0;
  return n_rows;
}

static gboolean
fill (const char  *path,
      guint        count,
      Generator   *generator,
      GError     **error)
{
  g_autoptr(EcertCache) cache = ecert_cache_open (path, error);
  Generated *batch = g_new0 (Generated, BATCH);
  g_autoptr(GPtrArray) acknowledged = g_ptr_array_new_with_free_func (g_free);
  gint64 timed = 0;
  guint have;
  guint stored = 0;
  gboolean ok = TRUE;

  if (cache == NULL)
    return FALSE;

  have = count_rows (cache);
  if (have > 0)
    g_print (_("The cache already holds %u certificates; adding %u.\n"), have,
             count > have ? count - have : 0);

  /* The generator is replayed over what is already there, so a rerun
   * continues the same sequence (and has numbers to look up). A full cache
   * kept for another benchmark needs neither. */
  for (guint i = 0; i < have && (have < count || generator->measuring); i++)
    {
      Generated skipped = { 0 };

      generate (generator, i, &skipped);
      generated_clear (&skipped);
    }

  for (guint first = have; first < count && ok; first += BATCH)
    {
      guint size = MIN (BATCH, count - first);
      gint64 started;

      for (guint i = 0; i < size; i++)
        generate (generator, first + i, &batch[i]);

      started = g_get_monotonic_time ();
      ok = store_batch (cache, batch, size, acknowledged, error);
      timed += g_get_monotonic_time () - started;
      stored += size;

      for (guint i = 0; i < size; i++)
        generated_clear (&batch[i]);

      if ((first / BATCH) % 100 == 99)
        g_print (_("  %u stored, %.0f certificates/second so far\n"), first + size,
                 stored / (timed / (double) G_USEC_PER_SEC));
    }

  g_free (batch);
  if (ok && stored > 0)
    g_print (_("insert rate:                 %.0f certificates/second (%u stored in batches of "
               "%u, verdict and acknowledgement bookkeeping included)\n"),
             stored / (timed / (double) G_USEC_PER_SEC), stored, BATCH);
  return ok;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_latency (const char *label,
               GArray     *samples,
               double      target_ms,
               const char *detail)
{
  double median, p95;

  g_array_sort (samples, compare_doubles);
  median = g_array_index (samples, double, samples->len / 2);
  p95 = g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100));
  g_print (_("%-28s median %.3f ms, 95th percentile %.3f ms (target < %.0f ms; %u runs; %s)\n"),
           label, median, p95, target_ms, samples->len, detail);
}

/* An inspector types a number the way it sounds: lower case, spaces. */
static char *
as_typed (const char *number,
          guint       variant)
{
  g_autofree char *lower = g_utf8_strdown (number, -1);

  if (variant % 2 == 0)
    return g_strdup (number);
  g_strdelimit (lower, "-", ' ');
  return g_steal_pointer (&lower);
}

static const char * const fts_words[] = {
  "kiwifruit", "cherries", "orchards", "maersk", "ningbo", "durian", "avocados", "timber",
  "上海", "pacific", "soybeans", "glycine", "081050", "kowloon", "blueberries", "walnuts",
};

/* The list shows a page of this many rows at a time. */
#define PAGE_ROWS 100

/* Reads the page of @query at @offset, timed into @samples. */
static gboolean
time_page (EcertCache       *cache,
           EcertCacheQuery  *query,
           guint             offset,
           GArray           *samples,
           GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 started = g_get_monotonic_time ();
  double ms;

  rows = ecert_cache_search (cache, query, offset, PAGE_ROWS, NULL, error);
  ms = elapsed_ms (started);
  g_array_append_val (samples, ms);
  return rows != NULL;
}

/* Counts the rows of @query into @total, timed into @samples. */
static gboolean
time_count (EcertCache       *cache,
            EcertCacheQuery  *query,
            guint            *total,
            GArray           *samples,
            GError          **error)
{
  gint64 started = g_get_monotonic_time ();
  gboolean counted = ecert_cache_count (cache, query, total, NULL, error);
  double ms = elapsed_ms (started);

  g_array_append_val (samples, ms);
  return counted;
}

static gboolean
measure_queries (const char  *path,
                 Generator   *generator,
                 guint        runs,
                 GError     **error)
{
  g_autoptr(EcertCache) cache = ecert_cache_open (path, error);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260314);
  guint total = 0;

  if (cache == NULL)
    return FALSE;

  /* (a) exact number lookup, as typed */
  for (guint i = 0; i < runs * 5; i++)
    {
      const char *number = g_ptr_array_index (generator->sample_numbers,
                                              g_rand_int_range (rand, 0,
                                                                generator->sample_numbers->len));
      g_autofree char *typed = as_typed (number, i);
      g_autoptr(GPtrArray) rows = NULL;
      gint64 started = g_get_monotonic_time ();
      double ms;

      rows = ecert_cache_lookup_number (cache, typed, NULL, error);
      ms = elapsed_ms (started);
      if (rows == NULL)
        return FALSE;
      if (rows->len == 0)
        g_printerr ("ecert bench: %s was not found\n", typed);
      g_array_append_val (samples, ms);
    }
  print_latency (_("(a) exact number lookup:"), samples, 1,
                 _("numbers typed with spaces and in lower case half the time"));

  /* (b) one word, first 100 rows */
  for (guint order = 0; order < 2; order++)
    {
      g_array_set_size (samples, 0);
      for (guint i = 0; i < runs; i++)
        {
          g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();

          ecert_cache_query_set_text (query, fts_words[i % G_N_ELEMENTS (fts_words)]);
          ecert_cache_query_set_sort (query, order == 0 ? ECERT_CACHE_SORT_RECEIVED
                                                        : ECERT_CACHE_SORT_ISSUED);
          if (!time_page (cache, query, 0, samples, error))
            return FALSE;
        }
      print_latency (order == 0 ? _("(b) one word, first 100:") : _("(b) same, by issue date:"),
                     samples, 50,
                     order == 0 ? _("newest received first, the list's default")
                                : _("sorted by date of issue"));
    }

  /* (c) a filtered, sorted page and (d) its count */
  for (guint part = 0; part < 3; part++)
    {
      g_array_set_size (samples, 0);
      for (guint i = 0; i < runs; i++)
        {
          g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
          g_autoptr(GDate) from = g_date_new_dmy (1, g_rand_int_range (rand, 1, 13),
                                                 g_rand_int_range (rand, FIRST_ISSUE_YEAR,
                                                                   FIRST_ISSUE_YEAR + 3));
          g_autoptr(GDate) to = g_date_copy (from);
          gboolean timed;

          g_date_add_months (to, 6);
          ecert_cache_query_set_country (query,
                                         busiest_exporters[i % G_N_ELEMENTS (busiest_exporters)],
                                         NULL);
          ecert_cache_query_set_status (query, "issued", NULL);
          ecert_cache_query_set_issued_range (query, from, to);
          ecert_cache_query_set_sort (query, ECERT_CACHE_SORT_ISSUED);
          if (part == 2)
            ecert_cache_query_set_text (query, fts_words[i % G_N_ELEMENTS (fts_words)]);

          if (part == 0)
            timed = time_page (cache, query, 0, samples, error);
          else
            timed = time_count (cache, query, &total, samples, error);
          if (!timed)
            return FALSE;
        }
      if (part == 0)
        print_latency (_("(c) filtered, sorted page:"), samples, 50,
                       _("one country, in force, six months of issue dates, newest first, "
                         "100 rows"));
      else if (part == 1)
        print_latency (_("(d) count of a query:"), samples, 100, _("the filters of (c)"));
      else
        print_latency (_("(d) count, words + filters:"), samples, 100,
                       _("one word and the filters of (c)"));
    }

  total = 0;
  /* What a jump of the scroll bar costs: a page anywhere in the whole
   * list, in the default order. */
  g_array_set_size (samples, 0);
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(EcertCacheQuery) all = ecert_cache_query_new ();

      if (total == 0 && !ecert_cache_count (cache, all, &total, NULL, error))
        return FALSE;
      if (!time_page (cache, all, g_rand_int_range (rand, 0, MAX (total, 1)), samples, error))
        return FALSE;
    }
  print_latency (_("(c) any page of everything:"), samples, 50,
                 _("100 rows at a random place in the whole list, newest first"));

  g_array_set_size (samples, 0);
  for (guint i = 0; i < MAX (runs / 10, 3); i++)
    {
      g_autoptr(EcertCacheQuery) all = ecert_cache_query_new ();

      if (!time_count (cache, all, &total, samples, error))
        return FALSE;
    }
  print_latency (_("(d) count of everything:"), samples, 100, _("no filter"));
  return TRUE;
}

static guint
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  if (line == NULL)
    return 0;
  return (guint) g_ascii_strtoull (line + strlen (field), NULL, 10);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  g_main_loop_quit (user_data);
}

/* Runs in a process of its own: what the application would hold. */
static int
measure_memory (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = ecert_cache_open (path, &error);
  g_autoptr(EcertCacheListModel) model = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) distinct = g_hash_table_new (NULL, NULL);
  guint before, n_items;
  gint64 started;
  double count_ms;

  if (cache == NULL)
    return ecert_cli_report_error ("bench", error);

  before = status_kib ("VmRSS:");
  started = g_get_monotonic_time ();
  model = ecert_cache_list_model_new (cache, NULL);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), loop);
  g_main_loop_run (loop);
  count_ms = elapsed_ms (started);
  g_signal_handlers_disconnect_by_func (model, items_changed_cb, loop);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));

  /* What a scrolled view touches: the top, the middle, the end, and
   * twenty places in between, a screenful (40 rows) at each. */
  for (guint place = 0; place < 23 && n_items > 0; place++)
    {
      guint start = place == 0 ? 0 : place == 1 ? n_items / 2 : place == 2 ? n_items - 1
                                                            : (guint) ((guint64) n_items * place / 23);

      for (guint i = start; i < MIN (start + 40, n_items); i++)
        g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), i));
    }

  for (guint i = 0; i < held->len; i++)
    {
      while (!ecert_cache_row_get_loaded (g_ptr_array_index (held, i)))
        g_main_context_iteration (NULL, TRUE);
      g_hash_table_add (distinct, g_ptr_array_index (held, i));
    }

  g_print (_("list model:                  %u rows, counted in %.0f ms; %u rows read and held\n"),
           n_items, count_ms, g_hash_table_size (distinct));
  g_print (_("resident memory:             %.1f MB with the list model (%.1f MB after opening the "
             "cache; peak %.1f MB; target < 150 MB)\n"),
           status_kib ("VmRSS:") / 1024.0, before / 1024.0, status_kib ("VmHWM:") / 1024.0);
  return ECERT_EXIT_OK;
}

static gboolean
spawn_memory_measure (const char  *path,
                      GError     **error)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", error);
  const char *argv[] = { NULL, "bench", "cache", "--memory-only", "--cache", path, NULL };
  int wait_status;

  if (self_path == NULL)
    return FALSE;

  argv[0] = self_path;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                     NULL, &wait_status, error))
    return FALSE;
  return g_spawn_check_wait_status (wait_status, error);
}

static guint64
file_size (const char *path)
{
  GStatBuf info;

  return g_stat (path, &info) == 0 ? (guint64) info.st_size : 0;
}

int
ecert_cli_bench_cache (int    argc,
                       char **argv)
{
  /* The usage line names the sub-command: see name_program() in ecert-cli.c. */
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *wal = NULL;
  gboolean keep = FALSE;
  gboolean memory_only = FALSE;
  gboolean generate_only = FALSE;
  int count = 100000;
  int runs = 200;
  Generator generator = { 0 };
  guint64 size;
  int status = ECERT_EXIT_OK;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count,
      N_("How many certificates to store (default 100000)"), N_("N") },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_path,
      N_("Fill and keep this cache file; a second run continues it"), N_("FILE") },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, N_("How many times to time each query"), N_("N") },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, N_("Keep the temporary cache"), NULL },
    { "generate-only", 0, 0, G_OPTION_ARG_NONE, &generate_only,
      N_("Only fill the cache, for another benchmark; time no query"), NULL },
    { "memory-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &memory_only, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_set_summary (context,
                                _("Fill a cache with generated certificates and time the "
                                  "lookups, searches and counts an inspector's desk makes. "
                                  "Prints figures; it is not a test."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ecert_cli_parse_options (context, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (memory_only && cache_path != NULL)
    return measure_memory (cache_path);

  if (argc != 1 || count < 1 || runs < 1)
    return ecert_cli_usage_error (_("usage: ecert bench cache [--count N] [--cache FILE] "
                                    "[--runs N] [--keep] [--generate-only]\n"));

  if (cache_path == NULL)
    {
      directory = g_dir_make_tmp ("ecert-bench-XXXXXX", &error);
      if (directory == NULL)
        return ecert_cli_report_error ("bench", error);
      cache_path = g_build_filename (directory, "cache.sqlite3", NULL);
    }
  else
    keep = TRUE;

  /* A cache filled for another benchmark is of no use deleted. */
  if (generate_only)
    keep = TRUE;

  generator.samples = make_sample_generator ((guint) count);
  generator.rand = g_rand_new_with_seed (SEED);
  generator.measuring = !generate_only;
  generator.sample_numbers = g_ptr_array_new_with_free_func (g_free);

  g_print (_("cache:                       %s\n"), cache_path);
  if (!fill (cache_path, (guint) count, &generator, &error))
    {
      status = ecert_cli_report_error ("bench", error);
      goto out;
    }

  wal = g_strconcat (cache_path, "-wal", NULL);
  size = file_size (cache_path) + file_size (wal);
  g_print (_("database size:               %.1f MB, %.0f bytes per certificate (the document "
             "itself included)\n"),
           size / 1e6, size / (double) count);

  if (generate_only)
    goto out;

  if (!measure_queries (cache_path, &generator, (guint) runs, &error) ||
      !spawn_memory_measure (cache_path, &error))
    status = ecert_cli_report_error ("bench", error);

out:
  ecert_sample_generator_free (generator.samples);
  g_rand_free (generator.rand);
  g_ptr_array_unref (generator.sample_numbers);

  if (!keep && directory != NULL)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };

      for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (cache_path, suffixes[i], NULL);
          g_unlink (file);
        }
      g_rmdir (directory);
    }
  return status;
}
