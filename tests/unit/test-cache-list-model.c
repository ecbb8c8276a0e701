/* test-cache-list-model.c: the lazy list of search results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-cache-private.h"
#include "ecert-core.h"
#include "ecert-test-util.h"

#define N_CERTIFICATES 250

typedef struct
{
  char       *dir;
  EcertCache *cache;
} Fixture;

static void
store (EcertCache *cache,
       guint       index,
       const char *country)
{
  g_autoptr(EcertCacheIndexEntry) entry = g_new0 (EcertCacheIndexEntry, 1);
  g_autoptr(EcertCacheProvenance) provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_FILE);
  g_autofree char *text = g_strdup_printf ("<certificate index='%u'/>", index);
  g_autoptr(GBytes) document = g_bytes_new (text, strlen (text));
  g_autoptr(GDateTime) first_day = g_date_time_new_utc (2025, 1, 1, 12, 0, 0);
  g_autoptr(GError) error = NULL;

  entry->number = g_strdup_printf ("%s-%05u", country, index);
  entry->status_code = g_strdup ("70");
  entry->export_country = g_strdup (country);
  /* One a day, so that the default order is the order of storing. */
  entry->issued_at = g_date_time_add_days (first_day, index);
  entry->commodity = g_strdup ("Kiwifruit");

  ecert_cache_store (cache, entry, document, provenance, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
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

  g_assert_true (ecert_cache_begin (fixture->cache, &error));
  for (guint i = 0; i < N_CERTIFICATES; i++)
    store (fixture->cache, i, i % 5 == 0 ? "AU" : "NZ");
  g_assert_true (ecert_cache_commit (fixture->cache, &error));

  /* Let the announcement of those rows pass before any model exists. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->cache);
  ecert_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint times;
  guint known;      /* the length a view told of every change would see */
} Change;

/* Also checks what a view relies on: every change fits the list as the view
 * knows it, and leaves it as long as the model says. */
static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  g_assert_cmpuint (position + removed, <=, change->known);
  change->known = change->known - removed + added;
  g_assert_cmpuint (change->known, ==, g_list_model_get_n_items (model));

  change->position = position;
  change->removed = removed;
  change->added = added;
  change->times++;
}

static void
wait_for_change (Change *change,
                 guint   times)
{
  while (change->times < times)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_loaded (EcertCacheRow *row)
{
  while (!ecert_cache_row_get_loaded (row))
    g_main_context_iteration (NULL, TRUE);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *notified)
{
  (*notified)++;
}

static void
test_lazy_rows (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EcertCacheListModel) model = ecert_cache_list_model_new (fixture->cache, NULL);
  g_autoptr(EcertCacheRow) first = NULL;
  g_autoptr(EcertCacheRow) last = NULL;
  g_autoptr(EcertCacheRow) again = NULL;
  Change change = { 0 };
  guint notified = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == ECERT_TYPE_CACHE_ROW);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &change);

  /* Empty until counted, off the main thread. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (ecert_cache_list_model_get_loading (model));
  wait_for_change (&change, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, N_CERTIFICATES);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CERTIFICATES);

  /* A row is handed out at once, filled when its page arrives. */
  last = g_list_model_get_item (G_LIST_MODEL (model), N_CERTIFICATES - 1);
  g_assert_nonnull (last);
  g_assert_false (ecert_cache_row_get_loaded (last));
  g_assert_null (ecert_cache_row_get_number (last));
  g_signal_connect (last, "notify::number", G_CALLBACK (notify_cb), &notified);
  wait_loaded (last);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (ecert_cache_row_get_number (last), ==, "AU-00000");

  /* The first page was read alongside the count: newest issue first. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  wait_loaded (first);
  g_assert_cmpstr (ecert_cache_row_get_number (first), ==, "NZ-00249");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_CERTIFICATES));

  /* A page already read answers with the same object. */
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (again == first);

  while (ecert_cache_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (ecert_cache_list_model_get_error (model));
}

/* Every position, in an order that jumps about, agrees with a search. */
static void
test_every_position (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(EcertCacheListModel) model = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  Change change = { 0 };

  ecert_cache_query_set_sort (query, ECERT_CACHE_SORT_NUMBER);
  model = ecert_cache_list_model_new (fixture->cache, query);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &change);
  wait_for_change (&change, 1);
  expected = ecert_cache_search (fixture->cache, query, 0, N_CERTIFICATES, NULL, NULL);

  for (guint i = 0; i < N_CERTIFICATES; i++)
    {
      guint position = (i * 97) % N_CERTIFICATES;

      g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), position));
    }

  for (guint i = 0; i < N_CERTIFICATES; i++)
    {
      guint position = (i * 97) % N_CERTIFICATES;
      EcertCacheRow *row = g_ptr_array_index (held, i);

      wait_loaded (row);
      g_assert_cmpint (ecert_cache_row_get_id (row), ==,
                       ecert_cache_row_get_id (g_ptr_array_index (expected, position)));
    }
}

static void
test_set_query (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EcertCacheListModel) model = ecert_cache_list_model_new (fixture->cache, NULL);
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(EcertCacheRow) top = NULL;
  g_autoptr(EcertCacheRow) row = NULL;
  Change change = { 0 };

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &change);
  wait_for_change (&change, 1);
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (ecert_cache_row_get_number (top), ==, "NZ-00249");

  g_assert_true (ecert_cache_query_set_country (query, "AU", NULL));
  ecert_cache_query_set_reversed (query, TRUE);
  ecert_cache_list_model_set_query (model, query);
  /* Changing the caller's query afterwards does not change the model's. */
  g_assert_true (ecert_cache_query_set_country (query, "NZ", NULL));
  /* The 50 rows found are the first 50 of the 250 shown, refilled; only
   * the 200 others go. */
  wait_for_change (&change, 2);
  g_assert_cmpuint (change.position, ==, N_CERTIFICATES / 5);
  g_assert_cmpuint (change.removed, ==, N_CERTIFICATES - N_CERTIFICATES / 5);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CERTIFICATES / 5);
  g_assert_cmpstr (ecert_cache_query_get_country (ecert_cache_list_model_get_query (model)), ==,
                   "AU");

  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (row == top);
  g_assert_true (ecert_cache_row_get_loaded (row));
  g_assert_cmpstr (ecert_cache_row_get_number (row), ==, "AU-00000");

  /* A query that finds nothing empties the model. */
  ecert_cache_query_set_text (query, "no-such-word");
  ecert_cache_list_model_set_query (model, query);
  wait_for_change (&change, 3);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, N_CERTIFICATES / 5);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* The first page was looked for alongside the count, and found empty. */
  while (ecert_cache_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* From nothing, every row is new. */
  ecert_cache_query_set_text (query, NULL);
  ecert_cache_list_model_set_query (model, query);
  wait_for_change (&change, 4);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, N_CERTIFICATES - N_CERTIFICATES / 5);
}

/* A new query keeps the row objects of the two pages at the top and
 * refills them, the first page before the change is announced: a view's
 * widgets for them stay, and change once, from the old rows to the new. */
static void
test_new_query_refills_top_rows (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(EcertCacheListModel) model = ecert_cache_list_model_new (fixture->cache, NULL);
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(EcertCacheRow) top = NULL;
  g_autoptr(EcertCacheRow) second_page = NULL;
  g_autoptr(EcertCacheRow) third_page = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  Change change = { 0 };
  guint notified = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &change);
  wait_for_change (&change, 1);
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  second_page = g_list_model_get_item (G_LIST_MODEL (model), 150);
  third_page = g_list_model_get_item (G_LIST_MODEL (model), 249);
  wait_loaded (second_page);
  wait_loaded (third_page);
  g_signal_connect (top, "notify::number", G_CALLBACK (notify_cb), &notified);

  ecert_cache_query_set_sort (query, ECERT_CACHE_SORT_NUMBER);
  expected = ecert_cache_search (fixture->cache, query, 0, N_CERTIFICATES, NULL, NULL);
  ecert_cache_list_model_set_query (model, query);

  /* Rows 200 to 249 are new objects: removed, then added. */
  wait_for_change (&change, 3);
  g_assert_cmpuint (change.position, ==, 200);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, N_CERTIFICATES - 200);

  g_assert_true (ecert_cache_row_get_loaded (top));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (ecert_cache_row_get_id (top), ==,
                   ecert_cache_row_get_id (g_ptr_array_index (expected, 0)));

  for (guint position = 0; position < N_CERTIFICATES; position++)
    {
      g_autoptr(EcertCacheRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);

      if (position == 0)
        g_assert_true (row == top);
      else if (position == 150)
        g_assert_true (row == second_page);
      else if (position == 249)
        g_assert_true (row != third_page);
      wait_loaded (row);
      g_assert_cmpint (ecert_cache_row_get_id (row), ==,
                       ecert_cache_row_get_id (g_ptr_array_index (expected, position)));
    }

  /* The old rows' reads, if any were still running, filled nothing. */
  while (ecert_cache_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (ecert_cache_row_get_id (second_page), ==,
                   ecert_cache_row_get_id (g_ptr_array_index (expected, 150)));
}

/* A view may take another query's rows in two steps: those it has room
 * for, then the others when it says so. */
static void
test_rows_at_first (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EcertCacheListModel) model = ecert_cache_list_model_new (fixture->cache, NULL);
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(EcertCacheRow) top = NULL;
  Change change = { 0 };

  ecert_cache_list_model_set_rows_at_first (model, 30);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &change);

  /* The first count: 30 rows of 250. */
  wait_for_change (&change, 1);
  g_assert_cmpuint (change.added, ==, 30);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 30);
  g_assert_cmpuint (ecert_cache_list_model_get_n_found (model), ==, N_CERTIFICATES);
  g_assert_true (ecert_cache_list_model_has_held_rows (model));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 30));

  /* Another query before the others were announced: only the 30 rows the
   * view knows of are kept, refilled; nothing else changes for it. */
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  ecert_cache_query_set_sort (query, ECERT_CACHE_SORT_NUMBER);
  ecert_cache_list_model_set_query (model, query);
  while (ecert_cache_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (change.times, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 30);
  g_assert_true (ecert_cache_list_model_has_held_rows (model));
  g_assert_cmpstr (ecert_cache_row_get_number (top), ==, "AU-00000");

  ecert_cache_list_model_announce_held_rows (model);
  g_assert_cmpuint (change.times, ==, 2);
  g_assert_cmpuint (change.position, ==, 30);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, N_CERTIFICATES - 30);
  g_assert_false (ecert_cache_list_model_has_held_rows (model));

  /* Nothing more to announce: no change. */
  ecert_cache_list_model_announce_held_rows (model);
  g_assert_cmpuint (change.times, ==, 2);

  /* Another query: the 100 rows of the first page, read with the count,
   * are kept and refilled, so all 100 are there at once; the others go. */
  ecert_cache_query_set_sort (query, ECERT_CACHE_SORT_ISSUED);
  ecert_cache_list_model_set_query (model, query);
  wait_for_change (&change, 3);
  g_assert_cmpuint (change.position, ==, 100);
  g_assert_cmpuint (change.removed, ==, N_CERTIFICATES - 100);
  g_assert_cmpuint (change.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100);
  g_assert_cmpuint (ecert_cache_list_model_get_n_found (model), ==, N_CERTIFICATES);

  /* The same query's rows changed (a sync): all announced at once, the
   * held ones too. */
  store (fixture->cache, N_CERTIFICATES, "NZ");
  wait_for_change (&change, 4);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 100);
  g_assert_cmpuint (change.added, ==, N_CERTIFICATES + 1);
  g_assert_false (ecert_cache_list_model_has_held_rows (model));
}

static void
loading_notify_cb (EcertCacheListModel *model,
                   GParamSpec          *pspec,
                   guint               *n_items_when_done)
{
  if (!ecert_cache_list_model_get_loading (model))
    *n_items_when_done = g_list_model_get_n_items (G_LIST_MODEL (model));
}

/* The first page is read alongside the count, whichever is done first; the
 * loading ends with the rows announced, and that page there. */
static void
test_first_page_with_count (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EcertCacheListModel) model = ecert_cache_list_model_new (fixture->cache, NULL);
  g_autoptr(EcertCacheRow) row = NULL;
  guint n_items_when_done = G_MAXUINT;

  g_signal_connect (model, "notify::loading", G_CALLBACK (loading_notify_cb),
                    &n_items_when_done);
  while (ecert_cache_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_items_when_done, ==, N_CERTIFICATES);

  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (ecert_cache_row_get_loaded (row));
  g_assert_cmpstr (ecert_cache_row_get_number (row), ==, "NZ-00249");
  g_assert_false (ecert_cache_list_model_get_loading (model));
}

static void
test_sync_adds_rows (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(EcertCacheListModel) model = ecert_cache_list_model_new (fixture->cache, NULL);
  g_autoptr(EcertCacheRow) row = NULL;
  Change change = { 0 };

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &change);
  wait_for_change (&change, 1);

  store (fixture->cache, N_CERTIFICATES, "NZ");
  store (fixture->cache, N_CERTIFICATES + 1, "NZ");
  wait_for_change (&change, 2);
  g_assert_cmpuint (change.removed, ==, N_CERTIFICATES);
  g_assert_cmpuint (change.added, ==, N_CERTIFICATES + 2);

  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  wait_loaded (row);
  g_assert_cmpstr (ecert_cache_row_get_number (row), ==, "NZ-00251");
}

/* However far a view scrolls, only the pages recently asked for are kept:
 * rows nobody else holds are freed with their page. */
static void
test_bounded (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EcertCacheListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  GWeakRef early, late;
  EcertCacheRow *row;
  Change change = { 0 };
  guint total = 3000;

  g_assert_true (ecert_cache_begin (fixture->cache, &error));
  for (guint i = N_CERTIFICATES; i < total; i++)
    store (fixture->cache, i, "NZ");
  g_assert_true (ecert_cache_commit (fixture->cache, &error));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  model = ecert_cache_list_model_new (fixture->cache, NULL);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &change);
  wait_for_change (&change, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, total);

  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_weak_ref_init (&early, row);
  g_object_unref (row);
  for (guint i = 1; i < total; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  row = g_list_model_get_item (G_LIST_MODEL (model), total - 1);
  g_weak_ref_init (&late, row);
  g_object_unref (row);

  while (ecert_cache_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);

  /* Thirty pages were asked for; the first was dropped, the last kept. */
  row = g_weak_ref_get (&early);
  g_assert_null (row);
  row = g_weak_ref_get (&late);
  g_assert_nonnull (row);
  wait_loaded (row);
  g_assert_cmpstr (ecert_cache_row_get_number (row), ==, "AU-00000");
  g_object_unref (row);

  g_weak_ref_clear (&early);
  g_weak_ref_clear (&late);
}

/* Queries changed while counts and pages are read, rows held back and
 * announced, certificates stored meanwhile, rows asked for anywhere: in
 * whatever order these come, every change fits the list a view knows (the
 * check in items_changed_cb()), and the list ends as a search says. */
static void
test_interleaved (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EcertCacheListModel) model = ecert_cache_list_model_new (fixture->cache, NULL);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) expected = NULL;
  EcertCacheQuery *query = NULL;
  Change change = { 0 };
  guint stored = N_CERTIFICATES;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &change);
  ecert_cache_list_model_set_rows_at_first (model, 30);

  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (queries, ecert_cache_query_new ());
  ecert_cache_query_set_sort (g_ptr_array_index (queries, 1), ECERT_CACHE_SORT_NUMBER);
  g_assert_true (ecert_cache_query_set_country (g_ptr_array_index (queries, 2), "AU", NULL));
  ecert_cache_query_set_text (g_ptr_array_index (queries, 3), "no-such-word");

  for (guint step = 0; step < 1500; step++)
    {
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (model));

      switch (g_test_rand_int_range (0, 6))
        {
        case 0:
          query = g_ptr_array_index (queries, g_test_rand_int_range (0, queries->len));
          ecert_cache_list_model_set_rows_at_first (model, g_test_rand_int_range (1, 150));
          ecert_cache_list_model_set_query (model, query);
          break;

        case 1:
          ecert_cache_list_model_announce_held_rows (model);
          break;

        case 2:
          if (g_test_rand_int_range (0, 4) == 0)
            store (fixture->cache, stored++, g_test_rand_bit () ? "AU" : "NZ");
          break;

        case 3:
          if (n_items > 0)
            g_clear_object (&(GObject *) { g_list_model_get_item (G_LIST_MODEL (model),
                                                                   g_test_rand_int_range (0, n_items)) });
          break;

        default:
          /* Waits for a read sometimes, when one is running. */
          g_main_context_iteration (NULL, ecert_cache_list_model_get_loading (model) &&
                                          g_test_rand_bit ());
          break;
        }
    }

  /* Settled: no read running and no change of the cache still to be
   * announced (a store's announcement may wait in the main context while
   * the last read finishes first). */
  for (;;)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (!ecert_cache_list_model_get_loading (model))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  ecert_cache_list_model_announce_held_rows (model);

  query = ecert_cache_list_model_get_query (model);
  expected = ecert_cache_search (fixture->cache, query, 0, G_MAXINT, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  for (guint position = 0; position < expected->len; position++)
    {
      g_autoptr(EcertCacheRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);

      wait_loaded (row);
      g_assert_cmpint (ecert_cache_row_get_id (row), ==,
                       ecert_cache_row_get_id (g_ptr_array_index (expected, position)));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/cache/list-model/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("lazy-rows", test_lazy_rows);
  ADD ("every-position", test_every_position);
  ADD ("set-query", test_set_query);
  ADD ("new-query-refills-top-rows", test_new_query_refills_top_rows);
  ADD ("rows-at-first", test_rows_at_first);
  ADD ("first-page-with-count", test_first_page_with_count);
  ADD ("sync-adds-rows", test_sync_adds_rows);
  ADD ("bounded", test_bounded);
  ADD ("interleaved", test_interleaved);

#undef ADD

  return g_test_run ();
}
