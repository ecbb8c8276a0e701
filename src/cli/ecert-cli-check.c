/* ecert-cli-check.c: `ecert check`, the number on a paper certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The paper check of the command line: the number is looked up in the
 * desk's cache; when it is not there and the desk is connected to an
 * office, the office is asked for it, what it holds is verified and stored
 * here, and the check is written in the office's shared log. The exit
 * status says whether an e-certificate exists, for scripts.
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"
#include "ecert-cli-connection.h"

typedef struct
{
  GMainLoop *loop;
  GPtrArray *results;
  GError    *error;
} CheckRun;

static void
print_found (EcertCacheRow *row)
{
  const char *verdict = ecert_cache_row_get_verdict (row);
  const char *label = verdict != NULL ? ecert_cache_verdict_label (verdict) : NULL;

  /* Translators: a certificate number found, then its signature verdict */
  g_print (_("E-certificate %s found: %s\n"), ecert_cache_row_get_number (row),
           label != NULL ? label : _("not verified yet"));
}

/* Prints what the cache holds under @number; returns whether it holds any. */
static gboolean
print_cached (EcertCache  *cache,
              const char  *number,
              GError     **error)
{
  g_autoptr(GPtrArray) matches = ecert_cache_lookup_number (cache, number, NULL, error);

  if (matches == NULL)
    return FALSE;
  for (guint i = 0; i < matches->len; i++)
    print_found (g_ptr_array_index (matches, i));
  return matches->len > 0;
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CheckRun *run = user_data;

  run->results = ecert_office_check_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

/* Asks the office; prints what could not be stored. */
static gboolean
check_at_office (EcertHubClient   *client,
                 EcertCache       *cache,
                 EcertTrustStore  *trust,
                 const char       *number,
                 GError          **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  CheckRun run = { loop, NULL, NULL };
  g_autoptr(GPtrArray) results = NULL;

  ecert_office_check_async (client, cache, trust, number, NULL, checked_cb, &run);
  g_main_loop_run (loop);
  results = run.results;
  if (results == NULL)
    {
      g_propagate_error (error, run.error);
      return FALSE;
    }

  for (guint i = 0; i < results->len; i++)
    {
      EcertImportResult *imported = g_ptr_array_index (results, i);

      if (imported->outcome != ECERT_IMPORT_STORED && imported->outcome != ECERT_IMPORT_DUPLICATE)
        /* Translators: a certificate the office holds that this desk refused, and why */
        g_printerr (_("%s, held by the office, was not stored: %s\n"),
                    imported->number != NULL ? imported->number : imported->path,
                    imported->message);
    }
  return TRUE;
}

int
ecert_cli_check (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER"));
  g_auto(EcertCliConnection) connection = { 0 };
  g_autofree char *cache_path = NULL;
  g_autofree char *trust_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = NULL;
  g_autoptr(EcertTrustStore) trust = NULL;
  g_autoptr(EcertHubClient) client = NULL;
  const char *number;
  gboolean asked_office = FALSE;
  const GOptionEntry entries[] = {
    ecert_cli_option (ECERT_CLI_OPTION_CACHE, &cache_path),
    ecert_cli_option (ECERT_CLI_OPTION_TRUST_DIR, &trust_dir),
    G_OPTION_ENTRY_NULL
  };

  ecert_cli_connection_add_options (&connection, context);
  if (!ecert_cli_parse_command (context,
                                _("Check the number of a paper certificate: is there an "
                                  "e-certificate of that number? The local cache is asked "
                                  "first, then the office the desk is connected to, which "
                                  "records the check for its other desks. Exits with 1 when "
                                  "no e-certificate of that number exists."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc != 2 || argv[1][0] == '\0')
    return ecert_cli_usage_error (_("ecert check: usage: ecert check NUMBER [--hub URL …]\n"));
  number = argv[1];

  cache = ecert_cli_open_cache (cache_path, "check");
  if (cache == NULL)
    return ECERT_EXIT_USAGE_OR_INPUT;
  if (print_cached (cache, number, &error))
    return ECERT_EXIT_OK;
  if (error != NULL)
    return ecert_cli_report_error ("check", error);

  /* Not here: the office may hold it. A desk set up with no hub at all
   * has only its cache to ask. */
  client = ecert_cli_connection_open (&connection, &error);
  if (client == NULL && !g_error_matches (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS))
    return ecert_cli_report_error ("check", error);
  g_clear_error (&error);

  if (client != NULL)
    {
      trust = ecert_cli_open_trust_store (trust_dir, NULL, &error);
      if (trust == NULL)
        return ecert_cli_report_error ("check", error);
      if (!check_at_office (client, cache, trust, number, &error))
        {
          if (!g_error_matches (error, ECERT_ERROR, ECERT_ERROR_NOT_AN_OFFICE))
            return ecert_cli_report_error ("check", error);
          /* Translators: the desk is connected to a hub, which cannot be asked for one number */
          g_printerr (_("ecert check: %s; `ecert sync` fetches what it holds for this desk\n"),
                      error->message);
          g_clear_error (&error);
        }
      else if (print_cached (cache, number, &error))
        return ECERT_EXIT_OK;
      else
        asked_office = TRUE;
      if (error != NULL)
        return ecert_cli_report_error ("check", error);
    }

  if (asked_office)
    g_print (_("No e-certificate numbered %s exists here or at the office. Treat the paper "
               "certificate as unverified: it may be counterfeit.\n"), number);
  else
    g_print (_("No e-certificate numbered %s has been received. Treat the paper certificate "
               "as unverified: it may be counterfeit.\n"), number);
  return ECERT_EXIT_NEGATIVE;
}
