/* ecert-benchmark.c: `ecert-inspector --benchmark`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times what an inspector waits for in the real window, over the cache at
 * $ECERT_CACHE: the launch until the first page of the list is drawn, a
 * search until the list is drawn again, a jump of the scroll bar; and the
 * resident memory after each. Prints a table and quits; it is not a test.
 *
 * "Drawn" is the end of the first frame (the frame clock's after-paint)
 * that shows the rows the step waits for loaded (see step_done()):
 * placeholders drawn while a page is being read do not count. A frame is
 * painted in one go, so the first such frame is the one that drew the
 * rows.
 *
 * A search is typed the way a keyboard would (the entry's text is set) and
 * reaches the list through GtkSearchEntry's own "search-changed", after the
 * entry's pause for typing. Its time is counted from the moment the words
 * reach the list model; the time from the keystroke, pause included, is
 * shown beside it.
 */

#define G_LOG_DOMAIN "ecert-benchmark"

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>
#include <unistd.h>

#include "ecert-benchmark.h"
#include "ecert-cache-list-model.h"
#include "ecert-cache-row.h"
#include "ecert-certificate-list.h"

/* The requirement the figures answer to. */
#define LAUNCH_TARGET_MS 1000.0
#define SEARCH_TARGET_MS 150.0
#define MEMORY_TARGET_MB 300.0

/* Each search is typed this many times, to tell a cold read from a warm one. */
#define ROUNDS 3

/* More rows than any window shows at the top of the list. */
#define FIRST_ROWS 100

/* Generous: a debug build on a busy machine is slow, but never this slow. */
#define STEP_TIMEOUT_SECONDS 120

typedef enum
{
  STEP_LAUNCH,
  STEP_SEARCH,
  STEP_SCROLL,
} StepKind;

typedef struct
{
  StepKind  kind;
  char     *label;
  char     *text;       /* what is typed, for a search */
  double    fraction;   /* where the scroll bar is dragged to, for a scroll */
  GArray   *times;      /* double, ms: from main(), the words reaching the model, the scroll */
  GArray   *typed;      /* double, ms: from the keystroke, for a search */
  GArray   *counted;    /* double, ms: when the model announced its new rows */
  GArray   *read;       /* double, ms: when the top row was read (after a scroll: every row
                         * asked for) */
  GArray   *rest;       /* double, ms: until a frame was drawn with every row found
                         * announced (see ecert_cache_list_model_set_rows_at_first()) */
  guint     rows;
  guint     rss_kib;
  guint     peak_kib;
} Measure;

struct _EcertBenchmark
{
  GObject               parent_instance;

  EcertWindow          *window;
  EcertCertificateList *list;
  EcertCacheListModel  *model;
  GdkFrameClock        *frame_clock;
  gulong                after_paint_id;
  GCancellable         *cancellable;

  gint64                launched_at;   /* monotonic, at main() */
  double                before_main_ms;

  GPtrArray            *measures;      /* Measure */
  GPtrArray            *steps;         /* Measure, borrowed: in the order run */
  guint                 step;
  gint64                acted_at;      /* the keystroke, or the scroll */
  gint64                handed_at;     /* the words reached the model; 0 until then */
  gint64                counted_at;    /* the model announced its rows; 0 until then */
  gint64                read_at;       /* the top row was read (after a scroll: every row);
                                        * 0 until then */
  gboolean              waiting;       /* for a frame to finish the step */
  gboolean              shown;         /* the step's first frame is drawn and recorded;
                                        * waiting for the rows held back below it */
  guint                 timeout_id;
  guint                 next_id;
  gboolean              completed;
};

G_DEFINE_FINAL_TYPE (EcertBenchmark, ecert_benchmark, G_TYPE_OBJECT)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
measure_free (Measure *measure)
{
  g_free (measure->label);
  g_free (measure->text);
  g_array_unref (measure->times);
  g_array_unref (measure->typed);
  g_array_unref (measure->counted);
  g_array_unref (measure->read);
  g_array_unref (measure->rest);
  g_free (measure);
}

static Measure *
add_measure (EcertBenchmark *self,
             StepKind        kind,
             const char     *label)
{
  Measure *measure = g_new0 (Measure, 1);

  measure->kind = kind;
  measure->label = g_strdup (label);
  measure->times = g_array_new (FALSE, FALSE, sizeof (double));
  measure->typed = g_array_new (FALSE, FALSE, sizeof (double));
  measure->counted = g_array_new (FALSE, FALSE, sizeof (double));
  measure->read = g_array_new (FALSE, FALSE, sizeof (double));
  measure->rest = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (self->measures, measure);
  return measure;
}

static double
ms_since (gint64 start,
          gint64 now)
{
  return (now - start) / 1000.0;
}

/* VmRSS and VmHWM (the peak) of this process, in KiB. */
static void
read_memory (guint *rss_kib,
             guint *peak_kib)
{
  g_autofree char *status = NULL;
  const char *line;

  *rss_kib = *peak_kib = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  if ((line = strstr (status, "VmRSS:")) != NULL)
    *rss_kib = (guint) g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
  if ((line = strstr (status, "VmHWM:")) != NULL)
    *peak_kib = (guint) g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

/* main() is not where a launch starts: the dynamic loader maps GTK and its
 * libraries first. The kernel knows when the process started, in clock
 * ticks since boot; the boot-time clock tells how long ago that was. */
static double
time_before_main_ms (gint64 launched_at)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  struct timespec now;
  double started_s;
  double since_main_ms = ms_since (launched_at, g_get_monotonic_time ());

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;

  /* The command name may hold spaces: fields are counted after it. Field 22
   * of the whole line, the start time, is the 20th after the name. */
  after_name = strrchr (stat, ')');
  if (after_name == NULL)
    return -1;
  fields = g_strsplit (after_name + 2, " ", 22);
  if (g_strv_length (fields) < 21)
    return -1;

  started_s = g_ascii_strtod (fields[19], NULL) / sysconf (_SC_CLK_TCK);
  return (now.tv_sec + now.tv_nsec / 1e9 - started_s) * 1000.0 - since_main_ms;
}

static Measure *
current (EcertBenchmark *self)
{
  return self->step < self->steps->len ? g_ptr_array_index (self->steps, self->step) : NULL;
}

static gboolean
first_rows_loaded (EcertBenchmark *self)
{
  GListModel *model = G_LIST_MODEL (self->model);
  guint n_rows = MIN (g_list_model_get_n_items (model), FIRST_ROWS);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(EcertCacheRow) row = g_list_model_get_item (model, i);

      if (row == NULL || !ecert_cache_row_get_loaded (row))
        return FALSE;
    }

  return TRUE;
}

/* Whether the frame just painted shows what the step waits for.
 *
 * After a launch or a search the list shows its top, and what a person
 * waits for is the rows there, once the new rows are counted. The model
 * may still be reading further pages: GTK 4.8's list view keeps some 200
 * rows around the window, and asks for them all whenever every row is
 * replaced; those below the window are not waited for. The rows at the top
 * are asked about only once counted: the view has asked for them by then,
 * so asking does not start a read of its own. Those are the rows the list
 * has room for: the model holds the others back until a frame has shown
 * these (ecert_cache_list_model_set_rows_at_first()).
 *
 * After the scroll bar is dragged, the rows shown are somewhere in the
 * middle: the step waits until the model has read every page asked for.
 * The first frame after the drag lays the rows out at their new place and
 * asks for their pages then, so it cannot end the step before they are
 * read. */
static gboolean
step_done (EcertBenchmark *self,
           Measure        *measure)
{
  gboolean loading;
  gboolean counted;
  guint n_rows;

  if (self->model == NULL)
    return FALSE;

  loading = ecert_cache_list_model_get_loading (self->model);
  counted = self->counted_at != 0 || !loading;
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  switch (measure->kind)
    {
    case STEP_LAUNCH:
      return counted && n_rows > 0 && first_rows_loaded (self);

    case STEP_SEARCH:
      return self->handed_at != 0 && counted && (n_rows == 0 || first_rows_loaded (self));

    case STEP_SCROLL:
      return !loading;

    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
finish (EcertBenchmark *self,
        gboolean        completed)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->next_id, g_source_remove);
  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_cancellable_cancel (self->cancellable);
  self->waiting = FALSE;
  self->completed = completed;
  g_signal_emit (self, signals[FINISHED], 0);
}

static gboolean
step_timeout_cb (gpointer user_data)
{
  EcertBenchmark *self = user_data;
  Measure *measure = current (self);

  self->timeout_id = 0;
  g_printerr (_("Benchmark: “%s” did not finish within %u seconds\n"),
              measure != NULL ? measure->label : "", STEP_TIMEOUT_SECONDS);
  finish (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
wait_for_frame (EcertBenchmark *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (STEP_TIMEOUT_SECONDS, step_timeout_cb, self);
  self->waiting = TRUE;
  self->shown = FALSE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *samples)
{
  g_autoptr(GArray) sorted = NULL;

  if (samples->len == 0)
    return -1;

  sorted = g_array_copy (samples);
  g_array_sort (sorted, compare_doubles);
  return g_array_index (sorted, double, sorted->len / 2);
}

static double
worst (GArray *samples)
{
  double result = -1;

  for (guint i = 0; i < samples->len; i++)
    result = MAX (result, g_array_index (samples, double, i));
  return result;
}

/* printf pads bytes, not characters: “quotes” and Chinese would shift. */
static void
print_padded (const char *text,
              int         width)
{
  int length = (int) g_utf8_strlen (text, -1);

  g_print ("%s%*s", text, MAX (width - length, 1), "");
}

static void
print_time (double ms)
{
  if (ms < 0)
    g_print ("%9s", "-");
  else
    g_print ("%9.1f", ms);
}

static const char *
verdict (gboolean met)
{
  /* Translators: whether a figure of the benchmark met its target */
  return met ? _("met") : _("missed");
}

static void
print_report (EcertBenchmark *self)
{
  Measure *launch = g_ptr_array_index (self->measures, 0);
  double launch_ms = g_array_index (launch->times, double, 0);
  double search_worst = -1;
  double typed_worst = -1;
  guint rss_kib = 0;
  guint peak_kib = 0;
  guint typing_pause = 0;

  g_object_get (ecert_certificate_list_get_search_entry (self->list), "search-delay",
                &typing_pause, NULL);

  g_print ("\n");
  print_padded (_("step"), 36);
  /* Translators: column headings of the benchmark's table; times in ms. */
  g_print ("%s\n", _("    first   median    worst  keystroke  counted     read     rest"
                      "       rows   RSS MB  peak MB"));
  for (guint i = 0; i < self->measures->len; i++)
    {
      Measure *measure = g_ptr_array_index (self->measures, i);
      double first = measure->times->len > 0 ? g_array_index (measure->times, double, 0) : -1;

      print_padded (measure->label, 36);
      print_time (first);
      print_time (measure->times->len > 1 ? median (measure->times) : -1);
      print_time (measure->times->len > 1 ? worst (measure->times) : -1);
      g_print ("  ");
      print_time (median (measure->typed));
      print_time (median (measure->counted));
      print_time (median (measure->read));
      print_time (median (measure->rest));
      g_print (" %10u %8.1f %8.1f\n", measure->rows, measure->rss_kib / 1024.0,
               measure->peak_kib / 1024.0);

      if (measure->kind == STEP_SEARCH)
        {
          search_worst = MAX (search_worst, worst (measure->times));
          typed_worst = MAX (typed_worst, worst (measure->typed));
        }
      rss_kib = measure->rss_kib;
      peak_kib = MAX (peak_kib, measure->peak_kib);
    }

  g_print ("\n");
  g_print (_("Times are in milliseconds, until the end of the first frame drawn with the rows "
             "loaded. A search counts from the moment its words reach the list model (“first” "
             "of %u rounds, median, worst); “keystroke” counts from the text typed, "
             "GtkSearchEntry's own pause of %u ms for typing included. Of that time, the "
             "window had the new rows counted, and its widgets for them made, by "
             "“counted”, and the rows at the top read by “read” (medians; after a "
             "scroll, every row asked for); the rest is drawing. The list shows first the "
             "rows it has room for: “rest” is when a frame had drawn it with every row "
             "found, those below the window too (median).\n"),
           ROUNDS, typing_pause);
  g_print ("\n");
  g_print (_("launch to first page:  %.1f ms from main(), %.1f ms from the process start "
             "(target < %.0f ms): %s\n"),
           launch_ms, launch_ms + MAX (self->before_main_ms, 0), LAUNCH_TARGET_MS,
           verdict (launch_ms + MAX (self->before_main_ms, 0) < LAUNCH_TARGET_MS));
  g_print (_("search update:         %.1f ms at worst, from the query to the list drawn; "
             "%.1f ms from the keystroke (target < %.0f ms): %s\n"),
           search_worst, typed_worst, SEARCH_TARGET_MS,
           verdict (search_worst < SEARCH_TARGET_MS));
  g_print (_("resident memory:       %.1f MB at the end, %.1f MB at the peak "
             "(target < %.0f MB): %s\n"),
           rss_kib / 1024.0, peak_kib / 1024.0, MEMORY_TARGET_MB,
           verdict (peak_kib / 1024.0 < MEMORY_TARGET_MB));
}

static void
print_header (EcertBenchmark *self)
{
  GtkWidget *widget = GTK_WIDGET (self->window);
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  EcertCache *cache = ecert_cache_list_model_get_cache (self->model);

  g_print (_("E-Cert Inspector benchmark\n"));
  g_print (_("cache:    %s, %u certificates\n"), ecert_cache_get_path (cache),
           ecert_cache_list_model_get_n_found (self->model));
  g_print (_("window:   %d × %d, %s on %s\n"), gtk_widget_get_width (widget),
           gtk_widget_get_height (widget),
           renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "-",
           G_OBJECT_TYPE_NAME (gtk_widget_get_display (widget)));
}

static void start_step (EcertBenchmark *self);
static gboolean after_launch_cb (gpointer user_data);

static gboolean
next_step_cb (gpointer user_data)
{
  EcertBenchmark *self = user_data;

  self->next_id = 0;
  self->step++;
  start_step (self);
  return G_SOURCE_REMOVE;
}

/* What a step's times count from. */
static gint64
step_origin (EcertBenchmark *self,
             Measure        *measure)
{
  switch (measure->kind)
    {
    case STEP_LAUNCH:
      return self->launched_at;
    case STEP_SEARCH:
      return self->handed_at;
    case STEP_SCROLL:
      return self->acted_at;
    default:
      g_return_val_if_reached (0);
    }
}

static void
append_since (GArray *samples,
              gint64  origin,
              gint64  moment)
{
  double ms = ms_since (origin, moment);

  if (moment != 0)
    g_array_append_val (samples, ms);
}

static void
record (EcertBenchmark *self,
        Measure        *measure)
{
  gint64 now = g_get_monotonic_time ();
  gint64 origin = step_origin (self, measure);

  append_since (measure->times, origin, now);
  if (measure->kind == STEP_SEARCH)
    append_since (measure->typed, self->acted_at, now);
  append_since (measure->counted, origin, self->counted_at);
  append_since (measure->read, origin, self->read_at);

  measure->rows = ecert_cache_list_model_get_n_found (self->model);
  read_memory (&measure->rss_kib, &measure->peak_kib);
}

/* Where the time went: the model's announcements, which a step waits for
 * before a frame can show anything. */
static gboolean
counting_from_now (EcertBenchmark *self)
{
  Measure *measure = current (self);

  return self->waiting && !self->shown && measure != NULL &&
         (measure->kind != STEP_SEARCH || self->handed_at != 0);
}

static void
top_row_loaded_cb (EcertCacheRow  *row,
                   GParamSpec     *pspec,
                   EcertBenchmark *self)
{
  if (!ecert_cache_row_get_loaded (row))
    return;

  if (counting_from_now (self) && self->read_at == 0)
    self->read_at = g_get_monotonic_time ();
  g_signal_handlers_disconnect_by_func (row, top_row_loaded_cb, self);
}

static void
rows_announced_cb (EcertBenchmark *self)
{
  Measure *measure = current (self);
  g_autoptr(EcertCacheRow) top = NULL;

  if (!counting_from_now (self))
    return;

  self->counted_at = g_get_monotonic_time ();
  if (measure->kind == STEP_SCROLL ||
      (top = g_list_model_get_item (G_LIST_MODEL (self->model), 0)) == NULL)
    return;

  /* The top row is read with the rest of the first page. */
  if (ecert_cache_row_get_loaded (top))
    self->read_at = self->counted_at;
  else
    g_signal_connect_object (top, "notify::loaded", G_CALLBACK (top_row_loaded_cb), self, 0);
}

/* An empty window is not worth timing: says so, and ends the benchmark. */
static gboolean
cache_is_empty (EcertBenchmark *self)
{
  Measure *measure = current (self);

  if (!self->waiting || measure == NULL || measure->kind != STEP_LAUNCH ||
      ecert_cache_list_model_get_loading (self->model) ||
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    return FALSE;

  g_printerr (_("Benchmark: the cache holds no certificates; fill one with “ecert bench "
                "cache --count N --cache FILE --generate-only” and set ECERT_CACHE=FILE\n"));
  finish (self, FALSE);
  return TRUE;
}

static void
loading_changed_cb (EcertBenchmark *self)
{
  if (ecert_cache_list_model_get_loading (self->model))
    return;

  if (cache_is_empty (self))
    return;

  if (counting_from_now (self) && current (self)->kind == STEP_SCROLL)
    self->read_at = g_get_monotonic_time ();

  /* Rows filled in may draw no differently (a search without results):
   * make sure a frame follows, to be measured. */
  if (self->waiting)
    gtk_widget_queue_draw (GTK_WIDGET (self->list));
}

static void
query_changed_cb (EcertBenchmark *self)
{
  Measure *measure = current (self);

  if (self->waiting && measure != NULL && measure->kind == STEP_SEARCH && self->handed_at == 0)
    self->handed_at = g_get_monotonic_time ();
}

/* The model appears once the window has opened the cache. */
static void
model_set_cb (EcertBenchmark *self)
{
  GListModel *model = ecert_certificate_list_get_model (self->list);

  if (self->model != NULL || model == NULL)
    return;

  self->model = g_object_ref (ECERT_CACHE_LIST_MODEL (model));
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (loading_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::query", G_CALLBACK (query_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (rows_announced_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
after_paint_cb (GdkFrameClock  *frame_clock,
                EcertBenchmark *self)
{
  Measure *measure = current (self);

  if (!self->waiting || measure == NULL || self->model == NULL)
    return;

  if (!self->shown)
    {
      if (cache_is_empty (self) || !step_done (self, measure))
        return;
      record (self, measure);
      self->shown = TRUE;
    }

  /* The list announces the rows it held back after this frame; the one
   * after draws them. */
  if (ecert_cache_list_model_has_held_rows (self->model))
    return;

  append_since (measure->rest, step_origin (self, measure), g_get_monotonic_time ());
  self->waiting = FALSE;
  self->shown = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  /* Not from inside the frame: the next step starts from the main loop,
   * as a person's next keystroke would. */
  self->next_id = g_idle_add (measure->kind == STEP_LAUNCH ? after_launch_cb : next_step_cb,
                              self);
}

static void
type_search (EcertBenchmark *self,
             const char     *text)
{
  GtkEditable *entry = ecert_certificate_list_get_search_entry (self->list);

  self->handed_at = 0;
  self->acted_at = g_get_monotonic_time ();
  /* gtk_editable_set_text() deletes, then inserts: two changes, and an
   * entry made empty searches at once, for everything. The text widget's
   * own property replaces the text in one change, as a keystroke over a
   * selection does. */
  g_object_set (gtk_editable_get_delegate (entry), "text", text, NULL);
}

static void
drag_scroll_bar (EcertBenchmark *self,
                 double          fraction)
{
  GtkAdjustment *adjustment = ecert_certificate_list_get_vadjustment (self->list);
  double lower = gtk_adjustment_get_lower (adjustment);
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)
                 - lower;

  self->acted_at = g_get_monotonic_time ();
  gtk_adjustment_set_value (adjustment, lower + fraction * range);
  /* A list too short to scroll would draw nothing new. */
  gtk_widget_queue_draw (GTK_WIDGET (self->list));
}

static void
start_step (EcertBenchmark *self)
{
  Measure *measure = current (self);

  if (measure == NULL)
    {
      print_report (self);
      finish (self, TRUE);
      return;
    }

  wait_for_frame (self);
  self->counted_at = self->read_at = 0;
  if (measure->kind == STEP_SEARCH)
    type_search (self, measure->text);
  else if (measure->kind == STEP_SCROLL)
    drag_scroll_bar (self, measure->fraction);
}

static void
add_search (EcertBenchmark *self,
            const char     *text,
            const char     *what)
{
  Measure *measure;
  g_autofree char *label = NULL;

  if (text[0] == '\0')
    label = g_strdup (_("search cleared"));
  else
    /* Translators: “search “kiwifruit” (a commodity)” */
    label = g_strdup_printf (_("search “%s” (%s)"), text, what);

  measure = add_measure (self, STEP_SEARCH, label);
  measure->text = g_strdup (text);
}

static void
add_scroll (EcertBenchmark *self,
            const char     *label,
            double          fraction)
{
  Measure *measure = add_measure (self, STEP_SCROLL, label);

  measure->fraction = fraction;
}

/* The searches an inspector makes: a number off a paper certificate (one
 * that is in the cache, from the middle of the list), a country, a
 * commodity, a word nothing matches, and back to everything. Each is typed
 * ROUNDS times; then the scroll bar is dragged. */
static void
plan_steps (EcertBenchmark *self,
            const char     *number)
{
  guint first_search = self->measures->len;
  guint searches;

  add_search (self, number, _("a number"));
  add_search (self, "Chile", _("a country"));
  add_search (self, "kiwifruit", _("a commodity"));
  add_search (self, "Atlantis", _("no match"));
  add_search (self, "", NULL);
  searches = self->measures->len - first_search;

  for (guint round = 0; round < ROUNDS; round++)
    for (guint i = 0; i < searches; i++)
      g_ptr_array_add (self->steps, g_ptr_array_index (self->measures, first_search + i));

  add_scroll (self, _("scroll bar to the middle"), 0.5);
  add_scroll (self, _("scroll bar to the end"), 1.0);
  for (guint i = first_search + searches; i < self->measures->len; i++)
    g_ptr_array_add (self->steps, g_ptr_array_index (self->measures, i));
}

static void
sample_found_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  EcertBenchmark *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = ecert_cache_search_finish (ECERT_CACHE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (rows == NULL || rows->len == 0)
    {
      g_printerr (_("Benchmark: no certificate number to search for: %s\n"),
                  error != NULL ? error->message : "");
      finish (self, FALSE);
      return;
    }

  plan_steps (self, ecert_cache_row_get_number (g_ptr_array_index (rows, 0)));
  self->step++;
  start_step (self);
}

/* After the launch: the searches need a number that is in the cache. */
static gboolean
after_launch_cb (gpointer user_data)
{
  EcertBenchmark *self = user_data;
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  self->next_id = 0;
  print_header (self);
  ecert_cache_search_async (ecert_cache_list_model_get_cache (self->model),
                            ecert_cache_list_model_get_query (self->model), n_rows / 2, 1,
                            self->cancellable, sample_found_cb, self);
  return G_SOURCE_REMOVE;
}

static void
ecert_benchmark_dispose (GObject *object)
{
  EcertBenchmark *self = ECERT_BENCHMARK (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->next_id, g_source_remove);
  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->frame_clock);
  g_clear_object (&self->model);
  g_clear_object (&self->list);
  g_clear_object (&self->window);

  G_OBJECT_CLASS (ecert_benchmark_parent_class)->dispose (object);
}

static void
ecert_benchmark_finalize (GObject *object)
{
  EcertBenchmark *self = ECERT_BENCHMARK (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->measures, g_ptr_array_unref);

  G_OBJECT_CLASS (ecert_benchmark_parent_class)->finalize (object);
}

static void
ecert_benchmark_class_init (EcertBenchmarkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ecert_benchmark_dispose;
  object_class->finalize = ecert_benchmark_finalize;

  /**
   * EcertBenchmark::finished:
   *
   * The figures are printed, or a step failed (and said why on stderr);
   * ecert_benchmark_get_completed() tells which.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ecert_benchmark_init (EcertBenchmark *self)
{
  self->cancellable = g_cancellable_new ();
  self->measures = g_ptr_array_new_with_free_func ((GDestroyNotify) measure_free);
  self->steps = g_ptr_array_new ();
}

/**
 * ecert_benchmark_new:
 * @window: a window just presented, still opening its cache
 * @launched_at: the monotonic time at the start of main()
 *
 * Starts measuring at once: the launch is still going on.
 *
 * Returns: (transfer full): the benchmark, which emits ::finished when done
 */
EcertBenchmark *
ecert_benchmark_new (EcertWindow *window,
                     gint64       launched_at)
{
  EcertBenchmark *self;

  g_return_val_if_fail (ECERT_IS_WINDOW (window), NULL);
  g_return_val_if_fail (gtk_widget_get_frame_clock (GTK_WIDGET (window)) != NULL, NULL);

  self = g_object_new (ECERT_TYPE_BENCHMARK, NULL);
  self->window = g_object_ref (window);
  self->list = g_object_ref (ecert_window_get_certificate_list (window));
  self->launched_at = launched_at;
  self->before_main_ms = time_before_main_ms (launched_at);
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (window)));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), self);
  g_signal_connect_object (self->list, "notify::model", G_CALLBACK (model_set_cb), self,
                           G_CONNECT_SWAPPED);
  model_set_cb (self);

  g_ptr_array_add (self->steps, add_measure (self, STEP_LAUNCH,
                                             _("launch to first page drawn")));
  wait_for_frame (self);
  return self;
}

/**
 * ecert_benchmark_get_completed:
 *
 * Returns: whether every step finished and the figures were printed; not
 *   whether they met their targets
 */
gboolean
ecert_benchmark_get_completed (EcertBenchmark *self)
{
  g_return_val_if_fail (ECERT_IS_BENCHMARK (self), FALSE);

  return self->completed;
}
