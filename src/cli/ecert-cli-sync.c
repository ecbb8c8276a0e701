/* ecert-cli-sync.c: `ecert sync`, a hub's pending envelopes into the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"
#include "ecert-cli-connection.h"

#define BAR_WIDTH 30

typedef struct
{
  GMainLoop    *loop;
  EcertCache   *cache;
  GCancellable *cancellable;
  EcertSync    *sync;
  gboolean      terminal;
  gboolean      done;
  gboolean      ok;
  gboolean      waiting;   /* following: between runs, for the next arrival */
  gboolean      wake;      /* following: something arrived, or the hub is back */
  GError       *error;
  gint64        last_drawn;
} SyncRun;

static void
draw_progress (SyncRun  *run,
               gboolean  force)
{
  const EcertSyncProgress *progress = ecert_sync_get_progress (run->sync);
  guint done = progress->stored + progress->duplicates + progress->failures;
  guint total = MAX (progress->seen, done);
  guint filled = total > 0 ? (guint) ((guint64) done * BAR_WIDTH / total) : 0;
  gint64 now = g_get_monotonic_time ();
  char bar[BAR_WIDTH + 1];

  if (!run->terminal)
    return;
  /* A redraw per envelope would cost more than the envelope. */
  if (!force && now - run->last_drawn < G_USEC_PER_SEC / 10)
    return;
  run->last_drawn = now;

  for (guint i = 0; i < BAR_WIDTH; i++)
    bar[i] = i < filled ? '#' : '-';
  bar[BAR_WIDTH] = '\0';
  /* Translators: a progress bar, envelopes done of those seen, then megabytes received */
  ecert_cli_print_terminal_control ("\r");
  g_printerr (_("[%s] %u/%u envelopes, %.1f MB"), bar, done, total, progress->bytes / 1e6);
}

static void
on_progress (EcertSync *sync,
             SyncRun   *run)
{
  draw_progress (run, FALSE);
}

static void
on_envelope_failed (EcertSync  *sync,
                    const char *delivery_number,
                    const char *reason,
                    SyncRun    *run)
{
  g_autofree char *number = ecert_text_sanitize (delivery_number, ECERT_TEXT_ONE_LINE);
  g_autofree char *why = ecert_text_sanitize (reason, ECERT_TEXT_ONE_LINE);

  if (run->terminal)
    ecert_cli_print_terminal_control ("\r\033[K");
  /* Translators: a hub delivery number, then why its envelope could not be read */
  g_printerr (_("%s: not readable, acknowledged as failed: %s\n"), number, why);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SyncRun *run = user_data;

  run->ok = ecert_sync_run_finish (ECERT_SYNC (source), result, &run->error);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

static gboolean
on_interrupt (gpointer user_data)
{
  SyncRun *run = user_data;

  /* Stops between stores; what is stored stays, and its acknowledgement
   * waits for the next run. */
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

/* One run: what waits at the hub into the cache, then the outbox out. */
static gboolean
sync_once (SyncRun          *run,
           EcertHubClient   *client,
           EcertCache       *cache,
           EcertTrustStore  *trust,
           guint             jobs,
           gboolean          timings,
           gboolean          quiet_when_nothing,
           guint            *failures)
{
  g_autoptr(EcertSync) sync = ecert_sync_new (client, cache, trust);
  const EcertSyncProgress *progress;

  ecert_sync_set_jobs (sync, jobs);
  run->sync = sync;
  run->done = FALSE;
  run->last_drawn = 0;
  g_signal_connect (sync, "progress", G_CALLBACK (on_progress), run);
  g_signal_connect (sync, "envelope-failed", G_CALLBACK (on_envelope_failed), run);

  ecert_sync_run_async (sync, run->cancellable, run_done, run);
  while (!run->done)
    g_main_loop_run (run->loop);
  run->sync = NULL;

  progress = ecert_sync_get_progress (sync);
  *failures += progress->failures;
  if (run->terminal)
    {
      run->sync = sync;
      draw_progress (run, TRUE);
      run->sync = NULL;
      g_printerr ("\n");
    }

  if (!quiet_when_nothing || progress->seen > 0)
    /* Translators: the summary of a sync; the counts of envelopes stored for the first time,
     * already in the cache, acknowledged with a warning and not readable */
    g_print (_("%u new, %u duplicates, %u warnings, %u failures\n"),
             progress->stored, progress->duplicates, progress->warnings, progress->failures);

  if (timings)
    {
      const EcertSyncTimings *t = ecert_sync_get_timings (sync);
      double busy = (double) (t->network_us + t->parse_us + t->verify_us + t->store_us);
      double seconds = t->total_us / 1e6;
      guint done = progress->stored + progress->duplicates + progress->failures;

      if (busy <= 0)
        busy = 1;
      /* Not translated: read by scripts, such as the benchmark. */
      g_print ("envelopes: %u in %.2f s, %.0f certificates/s, %.1f MB\n", done, seconds,
               seconds > 0 ? done / seconds : 0.0, progress->bytes / 1e6);
      g_print ("time: network %.0f%%, parse %.0f%%, verify %.0f%%, store %.0f%%"
               " (of %.2f s summed over concurrent work)\n",
               100 * t->network_us / busy, 100 * t->parse_us / busy,
               100 * t->verify_us / busy, 100 * t->store_us / busy, busy / 1e6);
    }

  if (progress->responses > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u inquiry or reply received\n",
                          "%u inquiries or replies received\n", progress->responses),
             progress->responses);

  /* The outbox goes out over the same connection, and the tracking of
   * what it sent is brought up to date. */
  if (run->ok)
    {
      EcertOutboxProgress outbox;

      if (!ecert_cli_inquiry_flush (client, cache, &outbox, &run->error))
        run->ok = FALSE;
      else if (outbox.sent + outbox.found + outbox.tracked + outbox.refused > 0)
        /* Translators: counts of inquiries sent now, found already delivered by an earlier
         * attempt, refused by the hub, and of tracking states asked */
        g_print (_("%u sent, %u found already at the hub, %u refused, %u tracking states "
                   "updated\n"), outbox.sent, outbox.found, outbox.refused, outbox.tracked);
    }

  return run->ok;
}

/* Wakes the loop that waits between runs; what happens during a run is
 * seen when it ends. */
static void
wake (SyncRun *run)
{
  run->wake = TRUE;
  if (run->waiting)
    g_main_loop_quit (run->loop);
}

static void
on_arrived (EcertArrivalWatch *watch,
            guint              pending,
            SyncRun           *run)
{
  wake (run);
}

/* Another program (`ecert inquiry send`) may have queued an inquiry while
 * the hub was away: it goes with a run, now. */
static void
on_waited (EcertArrivalWatch *watch,
           SyncRun           *run)
{
  g_autoptr(GPtrArray) queued = ecert_cache_list_outbox (run->cache, TRUE, NULL);

  if (queued != NULL && queued->len > 0)
    wake (run);
}

static void
on_unreachable (EcertArrivalWatch *watch,
                const GError      *error,
                SyncRun           *run)
{
  g_printerr (_("ecert sync: %s; trying again until it answers\n"), error->message);
}

static void
on_reachable (EcertArrivalWatch *watch,
              SyncRun           *run)
{
  g_printerr (_("ecert sync: connected again\n"));
  /* What the outbox holds goes now, and what waits is fetched. */
  wake (run);
}

static void
stop_following (GCancellable *cancellable,
                SyncRun      *run)
{
  wake (run);
}

/* Fetches, then waits for the next arrival and fetches again, until
 * interrupted. A run that fails because the hub went away is followed by
 * the watch's retries; any other failure ends it. */
static gboolean
follow (SyncRun          *run,
        EcertHubClient   *client,
        EcertCache       *cache,
        EcertTrustStore  *trust,
        guint             jobs,
        gboolean          timings,
        guint            *failures)
{
  g_autoptr(EcertArrivalWatch) watch = ecert_arrival_watch_new (client,
                                                                ECERT_ARRIVAL_WATCH_DEFAULT_WAIT);
  gulong cancelled_id;

  g_signal_connect (watch, "arrived", G_CALLBACK (on_arrived), run);
  g_signal_connect (watch, "waited", G_CALLBACK (on_waited), run);
  g_signal_connect (watch, "unreachable", G_CALLBACK (on_unreachable), run);
  g_signal_connect (watch, "reachable", G_CALLBACK (on_reachable), run);
  cancelled_id = g_cancellable_connect (run->cancellable, G_CALLBACK (stop_following), run, NULL);

  while (!g_cancellable_is_cancelled (run->cancellable))
    {
      run->ok = FALSE;
      if (!sync_once (run, client, cache, trust, jobs, timings, TRUE, failures))
        {
          if (g_error_matches (run->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            break;
          if (!g_error_matches (run->error, ECERT_ERROR, ECERT_ERROR_CONNECTION))
            break;
          g_printerr ("ecert sync: %s\n", run->error->message);
          g_clear_error (&run->error);
        }

      ecert_arrival_watch_start (watch);
      ecert_arrival_watch_resume (watch);
      run->waiting = TRUE;
      while (!run->wake && !g_cancellable_is_cancelled (run->cancellable))
        g_main_loop_run (run->loop);
      run->waiting = FALSE;
      run->wake = FALSE;
    }

  g_cancellable_disconnect (run->cancellable, cancelled_id);
  ecert_arrival_watch_stop (watch);

  /* Interrupted while following: a clean end. */
  if (g_error_matches (run->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      (run->error == NULL && g_cancellable_is_cancelled (run->cancellable)))
    {
      g_clear_error (&run->error);
      return TRUE;
    }
  return run->error == NULL;
}

int
ecert_cli_sync (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(EcertCliConnection) connection = { 0 };
  g_autofree char *cache_path = NULL;
  g_autofree char *trust_dir = NULL;
  gboolean timings = FALSE;
  gboolean following = FALSE;
  int jobs = ECERT_SYNC_DEFAULT_JOBS;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertHubClient) client = NULL;
  g_autoptr(EcertCache) cache = NULL;
  g_autoptr(EcertTrustStore) trust = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SyncRun run = { 0 };
  guint interrupt_id, terminate_id;
  guint failures = 0;
  gboolean ok;
  const GOptionEntry entries[] = {
    ecert_cli_option (ECERT_CLI_OPTION_CACHE, &cache_path),
    ecert_cli_option (ECERT_CLI_OPTION_TRUST_DIR, &trust_dir),
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      N_("Envelopes fetched and read at once"), N_("N") },
    { "timings", 0, 0, G_OPTION_ARG_NONE, &timings,
      N_("Print where the time went"), NULL },
    { "follow", 'f', 0, G_OPTION_ARG_NONE, &following,
      N_("Keep fetching what arrives, as it arrives, until interrupted"), NULL },
    G_OPTION_ENTRY_NULL
  };

  ecert_cli_connection_add_options (&connection, context);
  if (!ecert_cli_parse_command (context,
                                _("Fetch the envelopes pending for us on an exchange hub, verify "
                                  "them, store them in the local cache and acknowledge them. "
                                  "Exits with 1 when some envelopes could not be read, with 2 "
                                  "when the hub could not be reached or refused us. With "
                                  "--follow, an office tells of each arrival at once; a hub is "
                                  "asked again every 25 seconds."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc > 1 || jobs < 1 || jobs > 64)
    return ecert_cli_usage_error (_("ecert sync: usage: ecert sync --hub URL (--p12 FILE | "
                                    "--cert FILE --key FILE) [--jobs 1…64] [--follow]\n"));

  client = ecert_cli_connection_open (&connection, &error);
  if (client == NULL)
    return ecert_cli_report_error ("sync", error);

  trust = ecert_cli_open_trust_store (trust_dir, NULL, &error);
  if (trust == NULL)
    return ecert_cli_report_error ("sync", error);

  cache = ecert_cli_open_cache (cache_path, "sync");
  if (cache == NULL)
    return ECERT_EXIT_USAGE_OR_INPUT;

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  run.cancellable = cancellable;
  run.cache = cache;
  run.terminal = isatty (STDERR_FILENO);
  interrupt_id = g_unix_signal_add (SIGINT, on_interrupt, &run);
  terminate_id = g_unix_signal_add (SIGTERM, on_interrupt, &run);

  if (following)
    ok = follow (&run, client, cache, trust, (guint) jobs, timings, &failures);
  else
    ok = sync_once (&run, client, cache, trust, (guint) jobs, timings, FALSE, &failures);

  g_source_remove (interrupt_id);
  g_source_remove (terminate_id);

  if (!ok)
    {
      g_printerr ("ecert sync: %s\n", run.error->message);
      g_clear_error (&run.error);
      return ECERT_EXIT_USAGE_OR_INPUT;
    }
  return failures > 0 ? ECERT_EXIT_NEGATIVE : ECERT_EXIT_OK;
}
