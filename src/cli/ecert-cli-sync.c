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

/* The application's settings: a connection set up in the app is the one
 * `ecert sync` uses when no option says otherwise. */
#define SETTINGS_SCHEMA "io.github.ecert.Inspector"

#define BAR_WIDTH 30

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  EcertSync    *sync;
  gboolean      terminal;
  gboolean      done;
  gboolean      ok;
  GError       *error;
  gint64        last_drawn;
} SyncRun;

/* Settings of the app, read only when its schema is installed: the CLI
 * runs on machines without the app too. */
static char *
read_setting (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *value = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;

  settings = g_settings_new_full (schema, NULL, NULL);
  value = g_settings_get_string (settings, key);
  if (value == NULL || *value == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

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
  g_printerr ("\r");
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
  if (run->terminal)
    g_printerr ("\r\033[K");
  /* Translators: a hub delivery number, then why its envelope could not be read */
  g_printerr (_("%s: not readable, acknowledged as failed: %s\n"), delivery_number, reason);
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

/* The passphrase the app remembered for its PKCS#12 file, if any: a
 * keyring that cannot be reached is no reason to stop before trying. */
static EcertPassphrase *
remembered_passphrase (const char *hub,
                       const char *p12)
{
  g_autoptr(GError) error = NULL;
  EcertPassphrase *passphrase = ecert_keyring_lookup_passphrase (hub, p12, NULL, &error);

  if (error != NULL)
    g_debug ("%s", error->message);
  return passphrase;
}

static gboolean
set_up_client (EcertHubClient *client,
               const char     *p12,
               const char     *passphrase_file,
               gboolean        from_keyring,
               const char     *cert,
               const char     *key,
               const char     *ca,
               GError        **error)
{
  if (p12 != NULL && from_keyring)
    {
      g_autoptr(EcertPassphrase) passphrase =
        remembered_passphrase (ecert_hub_client_get_address (client), p12);

      if (!ecert_hub_client_set_pkcs12_file (client, p12, passphrase, error))
        return FALSE;
    }
  else if (p12 != NULL)
    {
      g_autofree char *passphrase = NULL;

      if (passphrase_file != NULL)
        {
          if (!g_file_get_contents (passphrase_file, &passphrase, NULL, error))
            return FALSE;
          g_strchomp (passphrase);
        }
      if (!ecert_hub_client_set_pkcs12_file (client, p12, passphrase, error))
        return FALSE;
    }
  else if (!ecert_hub_client_set_certificate_files (client, cert, key, error))
    return FALSE;

  return ca == NULL || ecert_hub_client_set_ca_file (client, ca, error);
}

int
ecert_cli_sync (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *hub = NULL;
  g_autofree char *p12 = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *trust_dir = NULL;
  gboolean timings = FALSE;
  gboolean from_keyring = FALSE;
  int jobs = ECERT_SYNC_DEFAULT_JOBS;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertHubClient) client = NULL;
  g_autoptr(EcertCache) cache = NULL;
  g_autoptr(EcertTrustStore) trust = NULL;
  g_autoptr(EcertSync) sync = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const EcertSyncProgress *progress;
  SyncRun run = { 0 };
  guint interrupt_id, terminate_id;
  const GOptionEntry entries[] = {
    { "hub", 0, 0, G_OPTION_ARG_STRING, &hub,
      N_("The hub’s address (default: the app’s setting)"), N_("URL") },
    { "p12", 0, 0, G_OPTION_ARG_FILENAME, &p12,
      N_("The client certificate and key as PKCS#12"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the PKCS#12 passphrase from FILE"), N_("FILE") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &cert,
      N_("The client certificate, PEM (default: the app’s setting)"), N_("FILE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key,
      N_("The client certificate’s private key, PEM (default: the app’s setting)"), N_("FILE") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &ca,
      N_("Trust the hub’s certificate when issued by the authority in FILE"), N_("FILE") },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_path,
      N_("Use this cache file instead of the default one"), N_("FILE") },
    { "trust-dir", 0, 0, G_OPTION_ARG_FILENAME, &trust_dir,
      N_("Use the trust store in DIR (DIR/CC/*.pem) instead of the user’s"), N_("DIR") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      N_("Envelopes fetched and read at once"), N_("N") },
    { "timings", 0, 0, G_OPTION_ARG_NONE, &timings,
      N_("Print where the time went"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_set_summary (context,
                                _("Fetch the envelopes pending for us on an exchange hub, verify "
                                  "them, store them in the local cache and acknowledge them. "
                                  "Exits with 1 when some envelopes could not be read, with 2 "
                                  "when the hub could not be reached or refused us."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ecert_cli_parse_options (context, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc > 1 || jobs < 1 || jobs > 64)
    {
      g_printerr (_("ecert sync: usage: ecert sync --hub URL (--p12 FILE | --cert FILE --key "
                    "FILE) [--jobs 1…64]\n"));
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  if (hub == NULL)
    hub = read_setting ("hub-address");
  /* The app's identity: a PKCS#12 file, whose passphrase it may have
   * remembered in the keyring, or PEM files. */
  if (p12 == NULL && cert == NULL && key == NULL)
    {
      p12 = read_setting ("client-pkcs12");
      from_keyring = p12 != NULL && passphrase_file == NULL;
      if (p12 == NULL)
        {
          cert = read_setting ("client-certificate");
          key = read_setting ("client-key");
        }
    }
  if (hub == NULL)
    {
      g_printerr (_("ecert sync: name the hub with --hub URL\n"));
      return ECERT_EXIT_USAGE_OR_INPUT;
    }
  if (p12 == NULL && (cert == NULL || key == NULL))
    {
      g_printerr (_("ecert sync: give a client certificate with --p12 FILE or with --cert FILE "
                    "and --key FILE\n"));
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  client = ecert_hub_client_new (hub, &error);
  if (client == NULL ||
      !set_up_client (client, p12, passphrase_file, from_keyring, cert, key, ca, &error))
    {
      g_printerr ("ecert sync: %s\n", error->message);
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  trust = ecert_cli_open_trust_store (trust_dir, NULL, &error);
  if (trust == NULL)
    {
      g_printerr ("ecert sync: %s\n", error->message);
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  cache = ecert_cli_open_cache (cache_path, "sync");
  if (cache == NULL)
    return ECERT_EXIT_USAGE_OR_INPUT;

  sync = ecert_sync_new (client, cache, trust);
  ecert_sync_set_jobs (sync, (guint) jobs);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  run.cancellable = cancellable;
  run.sync = sync;
  run.terminal = isatty (STDERR_FILENO);
  g_signal_connect (sync, "progress", G_CALLBACK (on_progress), &run);
  g_signal_connect (sync, "envelope-failed", G_CALLBACK (on_envelope_failed), &run);
  interrupt_id = g_unix_signal_add (SIGINT, on_interrupt, &run);
  terminate_id = g_unix_signal_add (SIGTERM, on_interrupt, &run);

  ecert_sync_run_async (sync, cancellable, run_done, &run);
  if (!run.done)
    g_main_loop_run (loop);

  g_source_remove (interrupt_id);
  g_source_remove (terminate_id);

  if (run.terminal)
    {
      draw_progress (&run, TRUE);
      g_printerr ("\n");
    }

  progress = ecert_sync_get_progress (sync);
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

  if (!run.ok)
    {
      g_printerr ("ecert sync: %s\n", run.error->message);
      g_clear_error (&run.error);
      return ECERT_EXIT_USAGE_OR_INPUT;
    }
  return progress->failures > 0 ? ECERT_EXIT_NEGATIVE : ECERT_EXIT_OK;
}
