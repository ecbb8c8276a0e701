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
#include "ecert-cli-json.h"

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

/* The certificate number of another row, or %NULL when it cannot be read. */
static char *
stored_number (EcertCache *cache,
               gint64      row)
{
  g_autoptr(EcertCacheRecord) record = ecert_cache_get_record (cache, row, NULL);

  return record != NULL ? g_strdup (record->number) : NULL;
}

/* The number of another row, for the history lines. */
static char *
row_number (EcertCache *cache,
            gint64      row)
{
  char *number = stored_number (cache, row);

  return number != NULL ? number : g_strdup_printf ("#%" G_GINT64_FORMAT, row);
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

static void
add_receipt (JsonBuilder                *builder,
             const EcertCacheProvenance *receipt)
{
  g_autofree char *description = ecert_cache_provenance_describe (receipt);

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "source", ecert_cache_source_to_string (receipt->source));
  ecert_cli_json_add_time (builder, "received_at", receipt->received_at);
  ecert_cli_json_add_string (builder, "hub_url", receipt->hub_url);
  ecert_cli_json_add_string (builder, "delivery_number", receipt->delivery_number);
  ecert_cli_json_add_string (builder, "envelope_from", receipt->envelope_from);
  ecert_cli_json_add_string (builder, "envelope_to", receipt->envelope_to);
  ecert_cli_json_add_string (builder, "envelope_certificate_type",
                             receipt->envelope_certificate_type);
  ecert_cli_json_add_string (builder, "envelope_certificate_status",
                             receipt->envelope_certificate_status);
  ecert_cli_json_add_string (builder, "envelope_certificate_number",
                             receipt->envelope_certificate_number);
  ecert_cli_json_add_string (builder, "hub_tracking_info", receipt->hub_tracking_info);
  ecert_cli_json_add_string (builder, "file_path", receipt->file_path);
  if (receipt->source == ECERT_CACHE_SOURCE_MAIL)
    {
      ecert_cli_json_add_string (builder, "mail_from", receipt->mail_from);
      ecert_cli_json_add_string (builder, "mail_message_id", receipt->mail_message_id);
      ecert_cli_json_add_time (builder, "mail_date", receipt->mail_date);
      ecert_cli_json_add_string (builder, "mailbox", receipt->mailbox);
      ecert_cli_json_add_string (builder, "mail_signature",
                                 ecert_cache_mail_signature_to_string (receipt->mail_signature));
      ecert_cli_json_add_string (builder, "mail_signer", receipt->mail_signer);
    }
  ecert_cli_json_add_string (builder, "description", description);
  json_builder_end_object (builder);
}

static void
add_verification (JsonBuilder                  *builder,
                  const EcertCacheVerification *verification)
{
  json_builder_set_member_name (builder, "verification");
  if (verification == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "verdict", verification->verdict);
  ecert_cli_json_add_string (builder, "verdict_label",
                             ecert_cache_verdict_label (verification->verdict));
  ecert_cli_json_add_string (builder, "reason", verification->reason);
  ecert_cli_json_add_string (builder, "signer", verification->signer);
  ecert_cli_json_add_time (builder, "evaluated_at", verification->evaluated_at);
  json_builder_end_object (builder);
}

/* Another certificate of the history: its row and number when the cache
 * holds it, the number alone when only the document names it, else null. */
static void
add_related (JsonBuilder *builder,
             EcertCache  *cache,
             const char  *name,
             gint64       row,
             const char  *named_number)
{
  g_autofree char *number = row != 0 ? stored_number (cache, row) : NULL;

  json_builder_set_member_name (builder, name);
  if (row == 0 && named_number == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "row");
  if (row != 0)
    json_builder_add_int_value (builder, row);
  else
    json_builder_add_null_value (builder);
  ecert_cli_json_add_string (builder, "number", number != NULL ? number : named_number);
  json_builder_end_object (builder);
}

static void
add_cache_part (JsonBuilder      *builder,
                EcertCache       *cache,
                EcertCacheRecord *record)
{
  json_builder_set_member_name (builder, "stored");
  json_builder_begin_object (builder);
  ecert_cli_json_add_int (builder, "row", record->row);
  ecert_cli_json_add_string (builder, "number", record->number);
  ecert_cli_json_add_string (builder, "export_country", record->export_country);
  ecert_cli_json_add_string (builder, "status_code", record->status_code);
  ecert_cli_json_add_string (builder, "sha256", record->sha256);
  ecert_cli_json_add_time (builder, "received_at", record->received_at);
  json_builder_set_member_name (builder, "receipts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < record->receipts->len; i++)
    add_receipt (builder, g_ptr_array_index (record->receipts, i));
  json_builder_end_array (builder);
  add_verification (builder, record->verification);
  add_related (builder, cache, "replaces", record->replaces, record->replaces_number);
  add_related (builder, cache, "replaced_by", record->replaced_by, NULL);
  add_related (builder, cache, "withdrawn_by", record->withdrawn_by, NULL);
  json_builder_end_object (builder);
}

/* One element of "results": what the text shows, as data. The
 * certificate is null when the stored document can no longer be read. */
static void
add_result (JsonBuilder      *builder,
            EcertCache       *cache,
            EcertCacheRecord *record,
            EcertCertificate *certificate)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "certificate");
  if (certificate != NULL)
    ecert_cli_json_add_certificate (builder, certificate);
  else
    json_builder_add_null_value (builder);
  add_cache_part (builder, cache, record);
  json_builder_end_object (builder);
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
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *country = NULL;
  g_autofree char *number = NULL;
  gboolean raw = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    ecert_cli_option (ECERT_CLI_OPTION_CACHE, &cache_path),
    { "country", 0, 0, G_OPTION_ARG_STRING, &country,
      N_("Only the certificate from this exporting country"), N_("CC") },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &raw,
      N_("Write the document’s exact bytes as received (of the latest arrival when several "
         "share the number)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print as JSON: an object whose “results” lists, for each document with the number, "
         "the “certificate” as “ecert show --json” prints it and what the cache “stored” "
         "about it; the list is empty when there is none"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!ecert_cli_parse_command (context,
                                _("Show a certificate stored in the local cache, found by its "
                                  "number however it is spaced, dashed or capitalised, with "
                                  "where it came from, its signature check and its history. "
                                  "Exits with 1 when the cache holds no such certificate."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (raw && json)
    return ecert_cli_usage_error (_("ecert get: --raw and --json cannot be used together: "
                                    "choose the document’s bytes or the JSON\n"));
  if (argc < 2)
    return ecert_cli_usage_error (_("ecert get: name the certificate number to show\n"));
  number = ecert_cli_join_words (argv + 1);
  if (number == NULL)
    return ecert_cli_usage_error (_("ecert get: the number is not valid text: it holds bytes "
                                    "that are not UTF-8. Set the terminal or the script to "
                                    "UTF-8.\n"));

  cache = ecert_cli_open_cache (cache_path, "get");
  if (cache == NULL)
    return ECERT_EXIT_USAGE_OR_INPUT;

  rows = ecert_cache_lookup_number (cache, number, country, &error);
  if (rows == NULL)
    return ecert_cli_report_error ("get", error);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "results");
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 row = ecert_cache_row_get_id (g_ptr_array_index (rows, i));
      g_autoptr(EcertCacheRecord) record = ecert_cache_get_record (cache, row, &error);
      g_autoptr(EcertCertificate) certificate = NULL;

      if (record == NULL)
        return ecert_cli_report_error ("get", error);

      if (raw)
        {
          if (!write_raw (record->document, &error))
            return ecert_cli_report_error ("get", error);
          return ECERT_EXIT_OK;
        }

      certificate = ecert_certificate_new_from_bytes (record->document, NULL, &error);
      if (certificate == NULL)
        {
          /* Stored documents were read once; this can only be a newer
           * parser refusing what an older one accepted. */
          g_printerr ("ecert get: %s\n", error->message);
          g_clear_error (&error);
        }
      explain_verdict (record, certificate);

      if (json)
        {
          add_result (builder, cache, record, certificate);
          continue;
        }

      if (i > 0)
        g_print ("\n");
      if (certificate != NULL)
        ecert_cli_print_certificate (certificate);
      print_cache_part (cache, record);
    }

  if (json)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      ecert_cli_json_print (builder);
    }

  if (rows->len == 0)
    {
      g_printerr (_("ecert get: the cache holds no certificate numbered “%s”\n"), number);
      return ECERT_EXIT_NEGATIVE;
    }

  return ECERT_EXIT_OK;
}
