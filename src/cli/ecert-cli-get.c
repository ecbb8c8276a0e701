/* ecert-cli-get.c: `ecert get`, a stored certificate by its number
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"

static char *
format_time (GDateTime *time)
{
  if (time == NULL)
    return g_strdup (_("not given"));
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S UTC");
}

static void
print_receipt (const EcertCacheProvenance *receipt)
{
  g_autofree char *line = ecert_cache_provenance_describe (receipt);

  ecert_cli_print_field (_("Received"), line);
}

/* The number of another row, for the history lines. */
static char *
row_number (EcertCache *cache,
            gint64      row)
{
  g_autoptr(EcertCacheRecord) record = ecert_cache_get_record (cache, row, NULL);

  if (record == NULL || record->number == NULL)
    return g_strdup_printf ("#%" G_GINT64_FORMAT, row);
  return g_strdup (record->number);
}

static void
print_cache_part (EcertCache       *cache,
                  EcertCacheRecord *record)
{
  ecert_cli_print_heading (_("In the cache"));
  ecert_cli_print_field ("SHA-256", record->sha256);
  for (guint i = 0; i < record->receipts->len; i++)
    print_receipt (g_ptr_array_index (record->receipts, i));

  if (record->verification == NULL)
    ecert_cli_print_field (_("Signature check"), _("not verified yet"));
  else
    {
      const EcertCacheVerification *verification = record->verification;
      const char *label = ecert_cache_verdict_label (verification->verdict);
      g_autofree char *when = format_time (verification->evaluated_at);

      ecert_cli_print_field (_("Signature check"),
                             label != NULL ? label : verification->verdict);
      if (verification->reason != NULL)
        ecert_cli_print_field (_("Why"), verification->reason);
      if (verification->signer != NULL)
        ecert_cli_print_field (_("Signer"), verification->signer);
      ecert_cli_print_field (_("Checked"), when);
    }

  if (record->replaces != 0)
    {
      g_autofree char *number = row_number (cache, record->replaces);
      ecert_cli_print_field (_("Replaces"), number);
    }
  else if (record->replaces_number != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("%s (not in the cache)"),
                                               record->replaces_number);
      ecert_cli_print_field (_("Replaces"), line);
    }
  if (record->replaced_by != 0)
    {
      g_autofree char *number = row_number (cache, record->replaced_by);
      ecert_cli_print_field (_("Replaced by"), number);
    }
  if (record->withdrawn_by != 0)
    {
      g_autofree char *number = row_number (cache, record->withdrawn_by);
      /* Translators: followed by the number of the withdrawal notice */
      ecert_cli_print_field (_("Withdrawn by"), number);
    }
}

static gboolean
write_raw (GBytes  *document,
           GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (document, &size);

  if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The document could not be written to standard output"));
      return FALSE;
    }

  return TRUE;
}

/* The stored reason, in the reader's language: see
 * ecert_stored_verification_explain(). Without the user's anchors it
 * stays as stored. */
static void
explain_verdict (EcertCacheRecord *record,
                 EcertCertificate *certificate)
{
  g_autoptr(EcertTrustStore) trust = ecert_cli_open_trust_store (NULL, NULL, NULL);

  g_autoptr(EcertVerification) verification = NULL;

  if (trust != NULL && certificate != NULL)
    verification = ecert_stored_verification_explain (record->verification, certificate, trust);
}

int
ecert_cli_get (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER"));
  g_autoptr(EcertCache) cache = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *country = NULL;
  g_autofree char *number = NULL;
  gboolean raw = FALSE;
  const GOptionEntry entries[] = {
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_path,
      N_("Use this cache file instead of the default one"), N_("FILE") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &country,
      N_("Only the certificate from this exporting country"), N_("CC") },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &raw,
      N_("Write the document’s exact bytes as received (of the latest arrival when several "
         "share the number)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_set_summary (context,
                                _("Show a certificate stored in the local cache, found by its "
                                  "number however it is spaced, dashed or capitalised, with "
                                  "where it came from, its signature check and its history. "
                                  "Exits with 1 when the cache holds no such certificate."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ecert_cli_parse_options (context, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc < 2)
    {
      g_printerr (_("ecert get: name the certificate number to show\n"));
      return ECERT_EXIT_USAGE_OR_INPUT;
    }
  number = ecert_cli_join_words (argv + 1);
  if (number == NULL)
    {
      g_printerr (_("ecert get: the number is not valid text: it holds bytes that are not "
                    "UTF-8. Set the terminal or the script to UTF-8.\n"));
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  cache = ecert_cli_open_cache (cache_path, "get");
  if (cache == NULL)
    return ECERT_EXIT_USAGE_OR_INPUT;

  rows = ecert_cache_lookup_number (cache, number, country, &error);
  if (rows == NULL)
    {
      g_printerr ("ecert get: %s\n", error->message);
      return ECERT_EXIT_USAGE_OR_INPUT;
    }
  if (rows->len == 0)
    {
      g_printerr (_("ecert get: the cache holds no certificate numbered “%s”\n"), number);
      return ECERT_EXIT_NEGATIVE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 row = ecert_cache_row_get_id (g_ptr_array_index (rows, i));
      g_autoptr(EcertCacheRecord) record = ecert_cache_get_record (cache, row, &error);
      g_autoptr(EcertCertificate) certificate = NULL;

      if (record == NULL)
        {
          g_printerr ("ecert get: %s\n", error->message);
          return ECERT_EXIT_USAGE_OR_INPUT;
        }

      if (raw)
        {
          if (!write_raw (record->document, &error))
            {
              g_printerr ("ecert get: %s\n", error->message);
              return ECERT_EXIT_USAGE_OR_INPUT;
            }
          return ECERT_EXIT_OK;
        }

      if (i > 0)
        g_print ("\n");

      certificate = ecert_certificate_new_from_bytes (record->document, NULL, &error);
      if (certificate == NULL)
        {
          /* Stored documents were read once; this can only be a newer
           * parser refusing what an older one accepted. */
          g_printerr ("ecert get: %s\n", error->message);
          g_clear_error (&error);
        }
      else
        ecert_cli_print_certificate (certificate);
      explain_verdict (record, certificate);
      print_cache_part (cache, record);
    }

  return ECERT_EXIT_OK;
}
