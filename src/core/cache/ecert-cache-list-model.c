/* ecert-cache-list-model.c: search results as a GListModel, read lazily
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model knows how many rows its query finds (a count query) and holds
 * only the pages a view has asked for, PAGE_SIZE rows each, at most
 * MAX_PAGES of them: a list over a million certificates costs a few
 * thousand small objects, never a million.
 *
 * get_item() must answer at once and the GTK main loop must never wait for
 * SQLite, so an item whose page has not been read is handed out as an
 * empty row ("loaded" FALSE); the page is read on a worker thread and the
 * rows are filled in place, each notifying its properties.
 *
 * A view shows the top of a list it has just been given, so the first page
 * is read alongside the count rather than after it, and a new count is
 * announced once both are there: the rows on screen change once, from the
 * old rows to the new ones, never through blank ones.
 *
 * A new query keeps the row objects at the top of the list and refills
 * them in place (see reuse_top_rows()): a view keeps its widgets for them
 * instead of making new ones.
 *
 * A view may also ask for another query's rows to be announced in two
 * steps (ecert_cache_list_model_set_rows_at_first()): the rows it has room
 * for at first, the others when it says it has shown those. A view makes
 * widgets for every row it is told of near the top (GTK 4.8's list views
 * some 200), and the rows on screen wait for all of them otherwise.
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include "ecert-cache-list-model.h"
#include "ecert-cache-private.h"

#define PAGE_SIZE 100
#define MAX_PAGES 24

/* Page reads run at most this many at a time: a fast scroll asks for
 * dozens of pages at once, and each read in flight holds a connection and
 * its page cache. The newest request is read first: it is where the view
 * is now. */
#define MAX_READS_IN_FLIGHT 2

/* The pages at the top of the list whose row objects a new query reuses:
 * GTK 4.8's list views make widgets for about 200 rows around the first
 * one shown. */
#define REUSED_PAGES 2

typedef struct
{
  guint      index;
  GPtrArray *rows;        /* EcertCacheRow, placeholders until read */
  GList      link;        /* in the model's LRU queue */
} Page;

struct _EcertCacheListModel
{
  GObject          parent_instance;

  EcertCache      *cache;
  EcertCacheQuery *query;         /* a private copy */
  guint            n_items;       /* announced */
  guint            n_found;       /* counted: more than announced while rows are held back */
  guint            rows_at_first; /* how many of another query's rows to announce at first */

  guint            generation;    /* changes with every new count */
  GCancellable    *cancellable;   /* of the current generation's reads */
  GHashTable      *pages;         /* page index -> Page */
  GQueue           recent;        /* Pages, most recently used first */
  guint            reads;         /* counts and pages waiting or being read */
  GQueue           waiting_reads; /* PageRead, newest first */
  guint            reads_in_flight;
  GError          *error;
  gulong           changed_handler;
  gboolean         constructed;
  gboolean         new_query;     /* the rows shown are another query's */
  GPtrArray       *first_rows;    /* page 0 of the count being made, read alongside it */
  gboolean         reading_first_rows;
  gboolean         counted;       /* the count is in, waiting for the first page */
  guint            counted_items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EcertCacheListModel, ecert_cache_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CACHE,
  PROP_QUERY,
  PROP_N_ITEMS,
  PROP_N_FOUND,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->rows);
  g_free (page);
}

static void
set_reads (EcertCacheListModel *self,
           guint                reads)
{
  gboolean was_loading = self->reads > 0;

  self->reads = reads;
  if (was_loading != (reads > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
clear_pages (EcertCacheListModel *self)
{
  /* The queue's links live in the pages: forget them, do not free them. */
  g_queue_init (&self->recent);
  g_hash_table_remove_all (self->pages);
}

/* A waiting read borrows its model; a read in flight holds a reference,
 * which its callback needs. */
typedef struct
{
  EcertCacheListModel *model;
  GPtrArray           *rows;
  guint                first;
  guint                generation;
  GCancellable        *cancellable;
  gboolean             started;
} PageRead;

static void
page_read_free (PageRead *read)
{
  if (read->started)
    g_object_unref (read->model);
  g_ptr_array_unref (read->rows);
  g_object_unref (read->cancellable);
  g_free (read);
}

static void start_reads (EcertCacheListModel *self);
static void announce_count_when_ready (EcertCacheListModel *self);

static void
page_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageRead *read = user_data;
  EcertCacheListModel *self = read->model;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = ecert_cache_search_finish (ECERT_CACHE (source), result, &error);

  self->reads_in_flight--;
  if (read->generation == self->generation)
    set_reads (self, self->reads - 1);

  if (rows == NULL)
    {
      /* A read of rows nobody waits for any more may fail any way it likes. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_cancellable_is_cancelled (read->cancellable))
        g_warning ("Could not read a page of certificates: %s", error->message);
    }
  else if (read->generation == self->generation)
    {
      /* Rows already handed out are filled even if their page was evicted
       * meanwhile: a view may still be showing them. Not those of an
       * earlier count, though: a new query may have refilled them. */
      for (guint i = 0; i < rows->len && i < read->rows->len; i++)
        _ecert_cache_row_fill (g_ptr_array_index (read->rows, i), g_ptr_array_index (rows, i));
    }

  if (read->generation == self->generation && read->rows == self->first_rows)
    {
      self->reading_first_rows = FALSE;
      announce_count_when_ready (self);
    }

  start_reads (self);
  page_read_free (read);
}

static void
start_reads (EcertCacheListModel *self)
{
  while (self->reads_in_flight < MAX_READS_IN_FLIGHT && self->waiting_reads.length > 0)
    {
      PageRead *read = g_queue_pop_head (&self->waiting_reads);

      /* Reads of an earlier count's pages were cancelled with it. */
      if (read->generation != self->generation)
        {
          page_read_free (read);
          continue;
        }

      self->reads_in_flight++;
      read->started = TRUE;
      g_object_ref (self);
      ecert_cache_search_async (self->cache, self->query, read->first, read->rows->len,
                                read->cancellable, page_read_cb, read);
    }
}

static void
drop_waiting_reads (EcertCacheListModel *self)
{
  g_queue_clear_full (&self->waiting_reads, (GDestroyNotify) page_read_free);
}

static GPtrArray *
new_placeholders (guint count)
{
  GPtrArray *rows = g_ptr_array_new_full (count, g_object_unref);

  for (guint i = 0; i < count; i++)
    g_ptr_array_add (rows, _ecert_cache_row_new_placeholder ());
  return rows;
}

/* Reads the rows from @first into @rows, in place. */
static void
queue_read (EcertCacheListModel *self,
            GPtrArray           *rows,
            guint                first)
{
  PageRead *read = g_new0 (PageRead, 1);

  read->model = self;
  read->rows = g_ptr_array_ref (rows);
  read->first = first;
  read->generation = self->generation;
  read->cancellable = g_object_ref (self->cancellable);
  set_reads (self, self->reads + 1);
  g_queue_push_head (&self->waiting_reads, read);
  start_reads (self);
}

static Page *
insert_page (EcertCacheListModel *self,
             guint                index,
             GPtrArray           *rows)
{
  Page *page = g_new0 (Page, 1);

  page->index = index;
  page->link.data = page;
  page->rows = rows;

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head_link (&self->recent, &page->link);

  while (self->recent.length > MAX_PAGES)
    {
      GList *oldest = g_queue_pop_tail_link (&self->recent);

      g_hash_table_remove (self->pages, GUINT_TO_POINTER (((Page *) oldest->data)->index));
    }

  return page;
}

static Page *
add_page (EcertCacheListModel *self,
          guint                index)
{
  guint first = index * PAGE_SIZE;
  Page *page = insert_page (self, index, new_placeholders (MIN (PAGE_SIZE, self->n_found - first)));

  queue_read (self, page->rows, first);
  return page;
}

/* The first page, read (or being read) alongside the count, becomes the
 * first page of the list, cut to the rows the count found. */
static void
install_first_rows (EcertCacheListModel *self)
{
  GPtrArray *rows = g_steal_pointer (&self->first_rows);

  if (rows == NULL)
    return;

  if (self->n_found == 0)
    {
      g_ptr_array_unref (rows);
      return;
    }

  if (rows->len > self->n_found)
    g_ptr_array_set_size (rows, self->n_found);
  insert_page (self, 0, rows);
}

static GType
ecert_cache_list_model_get_item_type (GListModel *model)
{
  return ECERT_TYPE_CACHE_ROW;
}

static guint
ecert_cache_list_model_get_n_items (GListModel *model)
{
  return ECERT_CACHE_LIST_MODEL (model)->n_items;
}

static gpointer
ecert_cache_list_model_get_item (GListModel *model,
                                 guint       position)
{
  EcertCacheListModel *self = ECERT_CACHE_LIST_MODEL (model);
  guint index = position / PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    page = add_page (self, index);
  else if (self->recent.head != &page->link)
    {
      g_queue_unlink (&self->recent, &page->link);
      g_queue_push_head_link (&self->recent, &page->link);
    }

  if (position % PAGE_SIZE >= page->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ecert_cache_list_model_get_item_type;
  iface->get_n_items = ecert_cache_list_model_get_n_items;
  iface->get_item = ecert_cache_list_model_get_item;
}

typedef struct
{
  EcertCacheListModel *model;
  guint                generation;
} CountRead;

/* The rows of page @index, if it is held. */
static GPtrArray *
dup_page_rows (EcertCacheListModel *self,
               guint                index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  return page != NULL ? g_ptr_array_ref (page->rows) : NULL;
}

/* Puts @old's row objects in @rows' places from the top, at most @limit,
 * refilled with what @rows hold (or as placeholders). Returns how many. */
static guint
take_old_rows (GPtrArray *rows,
               GPtrArray *old,
               guint      limit)
{
  guint n = MIN (MIN (rows->len, old->len), limit);

  for (guint i = 0; i < n; i++)
    {
      EcertCacheRow *row = g_object_ref (g_ptr_array_index (old, i));

      _ecert_cache_row_refill (row, g_ptr_array_index (rows, i));
      g_object_unref (g_ptr_array_index (rows, i));
      rows->pdata[i] = row;
    }
  return n;
}

/* A new query's rows at the top of the list become the old query's row
 * objects, refilled in place, as far as both lists go and @old_pages
 * (the old query's first REUSED_PAGES pages, NULL where not held) reach
 * without a gap, and no further than the @announced rows of the old list
 * (a page also holds rows a view was not told of yet). A view showing the
 * top keeps its widgets for them and only sees their properties change:
 * GTK 4.8 makes a row's widgets again for every new object, which took
 * most of a search's time. Returns how many rows were kept; the pages are
 * installed, the first one read already and the others being read. */
static guint
reuse_top_rows (EcertCacheListModel *self,
                GPtrArray          **old_pages,
                guint                announced)
{
  guint kept = 0;

  for (guint index = 0; index < REUSED_PAGES; index++)
    {
      guint first = index * PAGE_SIZE;
      GPtrArray *rows;
      guint taken;

      if (old_pages[index] == NULL || first >= self->n_found || first >= announced ||
          kept < first)
        break;

      if (index == 0)
        {
          Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (0));

          if (page == NULL)
            break;
          rows = page->rows;
        }
      else
        rows = insert_page (self, index,
                            new_placeholders (MIN (PAGE_SIZE, self->n_found - first)))->rows;

      taken = take_old_rows (rows, old_pages[index], announced - first);
      if (index > 0)
        queue_read (self, rows, first);
      kept += taken;
    }
  return kept;
}

/* Every row is new after a count. The rows of another query are a new list:
 * as one change, a view that follows a row (its focus, its scroll anchor)
 * looks for it among all the new items, asking for every one of them: GTK
 * 4.8's list item manager does, and here each item asked for is a page
 * read, so a search finding 80,000 certificates read them all before it
 * could show the first 30. So the rows that go are announced first, then
 * the new ones: a view looks for its rows only among those added along with
 * the removal, none. The rows at the top keep their objects
 * (reuse_top_rows()) and are not announced at all. After the same query's
 * rows changed (a sync stored more), one change lets the view keep its
 * place.
 *
 * A new list's rows beyond rows_at_first (and beyond those kept) are held
 * back until ecert_cache_list_model_announce_held_rows(). */
static void
announce_count (EcertCacheListModel *self,
                guint                removed,
                guint                n_found)
{
  gboolean new_list = self->new_query || removed == 0;
  gboolean replace = self->new_query && removed > 0 && n_found > 0;
  GPtrArray *old_pages[REUSED_PAGES] = { NULL, };
  guint kept = 0;
  guint shown;

  self->new_query = FALSE;
  for (guint i = 0; replace && i < REUSED_PAGES; i++)
    old_pages[i] = dup_page_rows (self, i);

  clear_pages (self);
  self->n_found = n_found;
  install_first_rows (self);
  if (replace)
    kept = reuse_top_rows (self, old_pages, removed);
  for (guint i = 0; i < REUSED_PAGES; i++)
    g_clear_pointer (&old_pages[i], g_ptr_array_unref);

  shown = n_found;
  if (new_list && self->rows_at_first > 0)
    shown = MIN (n_found, MAX (kept, self->rows_at_first));

  if (!replace)
    {
      self->n_items = shown;
      if (removed > 0 || shown > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, shown);
      return;
    }

  if (removed > kept)
    {
      self->n_items = kept;
      g_list_model_items_changed (G_LIST_MODEL (self), kept, removed - kept, 0);
    }
  self->n_items = shown;
  if (shown > kept)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, 0, shown - kept);
}

/* The count and the first page are both in: the new rows are announced. */
static void
announce_count_when_ready (EcertCacheListModel *self)
{
  guint removed = self->n_items;
  guint found = self->n_found;

  if (!self->counted || self->reading_first_rows)
    return;

  self->counted = FALSE;
  announce_count (self, removed, self->counted_items);
  if (removed != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (found != self->n_found)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FOUND]);

  /* Only now: the first page may have been read before the count, and
   * whoever sees the loading end must find the new rows there. */
  set_reads (self, self->reads - 1);
}

static void
count_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CountRead *read = user_data;
  g_autoptr(EcertCacheListModel) self = read->model;
  g_autoptr(GError) error = NULL;
  guint n_items = 0;
  gboolean counted;

  counted = ecert_cache_count_finish (ECERT_CACHE (source), result, &n_items, &error);
  if (read->generation != self->generation)
    {
      g_free (read);
      return;
    }
  g_free (read);

  g_clear_error (&self->error);
  if (!counted)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_reads (self, self->reads - 1);
          return;
        }
      g_warning ("Could not count certificates: %s", error->message);
      self->error = g_steal_pointer (&error);
      n_items = 0;
    }

  self->counted = TRUE;
  self->counted_items = n_items;
  announce_count_when_ready (self);
}

/**
 * ecert_cache_list_model_reload:
 *
 * Counts the query's rows again and replaces every item, announcing it with
 * ::items-changed once the count is known. Called by itself when the cache
 * changes.
 */
void
ecert_cache_list_model_reload (EcertCacheListModel *self)
{
  CountRead *read;

  g_return_if_fail (ECERT_IS_CACHE_LIST_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  drop_waiting_reads (self);
  set_reads (self, 1);

  read = g_new0 (CountRead, 1);
  read->model = g_object_ref (self);
  read->generation = self->generation;
  ecert_cache_count_async (self->cache, self->query, self->cancellable, count_cb, read);

  self->counted = FALSE;
  g_clear_pointer (&self->first_rows, g_ptr_array_unref);
  self->first_rows = new_placeholders (PAGE_SIZE);
  self->reading_first_rows = TRUE;
  queue_read (self, self->first_rows, 0);
}

static void
cache_changed_cb (EcertCacheListModel *self)
{
  ecert_cache_list_model_reload (self);
}

/**
 * ecert_cache_list_model_new:
 * @cache: the cache to read
 * @query: (nullable): what to list; %NULL for every certificate, newest
 *   first
 *
 * Returns: (transfer full): a model that is empty until its first count
 *   arrives, in the thread-default main context
 */
EcertCacheListModel *
ecert_cache_list_model_new (EcertCache      *cache,
                            EcertCacheQuery *query)
{
  g_autoptr(EcertCacheQuery) all = NULL;

  g_return_val_if_fail (ECERT_IS_CACHE (cache), NULL);
  g_return_val_if_fail (query == NULL || ECERT_IS_CACHE_QUERY (query), NULL);

  if (query == NULL)
    query = all = ecert_cache_query_new ();

  return g_object_new (ECERT_TYPE_CACHE_LIST_MODEL, "cache", cache, "query", query, NULL);
}

EcertCache *
ecert_cache_list_model_get_cache (EcertCacheListModel *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_LIST_MODEL (self), NULL);
  return self->cache;
}

/**
 * ecert_cache_list_model_get_query:
 *
 * Returns: (transfer none): the model's own copy of its query; change it
 *   through ecert_cache_list_model_set_query()
 */
EcertCacheQuery *
ecert_cache_list_model_get_query (EcertCacheListModel *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_LIST_MODEL (self), NULL);
  return self->query;
}

/**
 * ecert_cache_list_model_set_query:
 *
 * Lists what @query finds instead. The model keeps a copy: later changes to
 * @query need another call.
 */
void
ecert_cache_list_model_set_query (EcertCacheListModel *self,
                                  EcertCacheQuery     *query)
{
  g_return_if_fail (ECERT_IS_CACHE_LIST_MODEL (self));
  g_return_if_fail (ECERT_IS_CACHE_QUERY (query));

  g_clear_object (&self->query);
  self->query = ecert_cache_query_copy (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);

  /* During construction, constructed() makes the first count. */
  if (self->constructed)
    {
      self->new_query = TRUE;
      ecert_cache_list_model_reload (self);
    }
}

/**
 * ecert_cache_list_model_set_rows_at_first:
 * @n_rows: how many rows to announce at first; 0 for all at once
 *
 * Announces the rows of another query (or the first rows after none) in two
 * steps: the first @n_rows (or the rows kept at the top, if more) when they
 * are counted, the others when ecert_cache_list_model_announce_held_rows()
 * is called. A view shows the rows it has room for sooner so: it makes its
 * widgets for fewer rows first. Until then, ::n-found counts them all and
 * the list model's length is what was announced.
 */
void
ecert_cache_list_model_set_rows_at_first (EcertCacheListModel *self,
                                          guint                n_rows)
{
  g_return_if_fail (ECERT_IS_CACHE_LIST_MODEL (self));
  self->rows_at_first = n_rows;
}

/**
 * ecert_cache_list_model_get_n_found:
 *
 * Returns: how many rows the query found, held-back ones included
 */
guint
ecert_cache_list_model_get_n_found (EcertCacheListModel *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_LIST_MODEL (self), 0);
  return self->n_found;
}

/**
 * ecert_cache_list_model_has_held_rows:
 *
 * Returns: whether rows were found that are not announced yet
 */
gboolean
ecert_cache_list_model_has_held_rows (EcertCacheListModel *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_LIST_MODEL (self), FALSE);
  return self->n_found > self->n_items;
}

/**
 * ecert_cache_list_model_announce_held_rows:
 *
 * Announces the rows held back by ecert_cache_list_model_set_rows_at_first(),
 * if any.
 */
void
ecert_cache_list_model_announce_held_rows (EcertCacheListModel *self)
{
  guint shown;

  g_return_if_fail (ECERT_IS_CACHE_LIST_MODEL (self));

  if (self->n_found <= self->n_items)
    return;

  shown = self->n_items;
  self->n_items = self->n_found;
  g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, self->n_found - shown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * ecert_cache_list_model_get_loading:
 *
 * Returns: whether a count or a page is being read
 */
gboolean
ecert_cache_list_model_get_loading (EcertCacheListModel *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_LIST_MODEL (self), FALSE);
  return self->reads > 0;
}

/**
 * ecert_cache_list_model_get_error:
 *
 * Returns: (nullable): why the last count failed, if it did; the model is
 *   then empty
 */
const GError *
ecert_cache_list_model_get_error (EcertCacheListModel *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_LIST_MODEL (self), NULL);
  return self->error;
}

static void
ecert_cache_list_model_constructed (GObject *object)
{
  EcertCacheListModel *self = ECERT_CACHE_LIST_MODEL (object);

  G_OBJECT_CLASS (ecert_cache_list_model_parent_class)->constructed (object);

  g_return_if_fail (self->cache != NULL);

  self->changed_handler = g_signal_connect_swapped (self->cache, "changed",
                                                    G_CALLBACK (cache_changed_cb), self);
  if (self->query == NULL)
    self->query = ecert_cache_query_new ();
  self->constructed = TRUE;
  ecert_cache_list_model_reload (self);
}

static void
ecert_cache_list_model_dispose (GObject *object)
{
  EcertCacheListModel *self = ECERT_CACHE_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->changed_handler, self->cache);
  drop_waiting_reads (self);
  clear_pages (self);
  g_clear_pointer (&self->first_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ecert_cache_list_model_parent_class)->dispose (object);
}

static void
ecert_cache_list_model_finalize (GObject *object)
{
  EcertCacheListModel *self = ECERT_CACHE_LIST_MODEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->query);
  g_clear_object (&self->cache);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (ecert_cache_list_model_parent_class)->finalize (object);
}

static void
ecert_cache_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  EcertCacheListModel *self = ECERT_CACHE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;

    case PROP_QUERY:
      g_value_set_object (value, self->query);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_N_FOUND:
      g_value_set_uint (value, self->n_found);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->reads > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_cache_list_model_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  EcertCacheListModel *self = ECERT_CACHE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      self->cache = g_value_dup_object (value);
      break;

    case PROP_QUERY:
      if (g_value_get_object (value) != NULL)
        ecert_cache_list_model_set_query (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_cache_list_model_class_init (EcertCacheListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ecert_cache_list_model_constructed;
  object_class->dispose = ecert_cache_list_model_dispose;
  object_class->finalize = ecert_cache_list_model_finalize;
  object_class->get_property = ecert_cache_list_model_get_property;
  object_class->set_property = ecert_cache_list_model_set_property;

  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, ECERT_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_object ("query", NULL, NULL, ECERT_TYPE_CACHE_QUERY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_FOUND] =
    g_param_spec_uint ("n-found", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ecert_cache_list_model_init (EcertCacheListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  self->cancellable = g_cancellable_new ();
}
