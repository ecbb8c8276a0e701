/* ecert-cli-verify.c: `ecert verify`, `ecert sign` and `ecert trust`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>
#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"
#include "ecert-cli-json.h"

static void
print_json (const char        *file,
            EcertVerification *verification)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char * const *chain = ecert_verification_get_chain (verification);
  EcertVerdict verdict = ecert_verification_get_verdict (verification);

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "file", file);
  ecert_cli_json_add_string (builder, "verdict", ecert_verdict_to_string (verdict));
  ecert_cli_json_add_string (builder, "verdict_label", ecert_verdict_get_label (verdict));
  ecert_cli_json_add_string (builder, "reason", ecert_verification_get_reason (verification));
  ecert_cli_json_add_string (builder, "signer_subject", ecert_verification_get_signer_subject (verification));
  ecert_cli_json_add_string (builder, "signer_issuer", ecert_verification_get_signer_issuer (verification));
  ecert_cli_json_add_string (builder, "signer_serial", ecert_verification_get_signer_serial (verification));
  ecert_cli_json_add_time (builder, "signer_not_before",
                           ecert_verification_get_signer_not_before (verification));
  ecert_cli_json_add_time (builder, "signer_not_after",
                           ecert_verification_get_signer_not_after (verification));
  ecert_cli_json_add_boolean (builder, "signer_expired_since",
                              ecert_verification_get_signer_expired_since (verification));
  json_builder_set_member_name (builder, "chain");
  json_builder_begin_array (builder);
  for (guint i = 0; chain[i] != NULL; i++)
    json_builder_add_string_value (builder, chain[i]);
  json_builder_end_array (builder);
  ecert_cli_json_add_string (builder, "anchor_country", ecert_verification_get_anchor_country (verification));
  ecert_cli_json_add_string (builder, "digest_algorithm", ecert_verification_get_digest_algorithm (verification));
  ecert_cli_json_add_string (builder, "signature_algorithm",
              ecert_verification_get_signature_algorithm (verification));
  ecert_cli_json_add_string (builder, "canonicalization", ecert_verification_get_canonicalization (verification));
  ecert_cli_json_add_time (builder, "evaluated_at",
                           ecert_verification_get_evaluated_at (verification));
  json_builder_end_object (builder);

  ecert_cli_json_print (builder);
}

int
ecert_cli_verify (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  g_autoptr(EcertTrustStore) trust = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) trust_options = NULL;
  g_autofree char *trust_dir = NULL;
  gboolean json = FALSE;
  int status = ECERT_EXIT_OK;
  const GOptionEntry entries[] = {
    ecert_cli_option (ECERT_CLI_OPTION_TRUST, &trust_options),
    ecert_cli_option (ECERT_CLI_OPTION_TRUST_DIR, &trust_dir),
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print each verification as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!ecert_cli_parse_command (context,
                                _("Verify the XML signatures of certificates against the trust "
                                  "anchors of their exporting countries. Prints “FILE: VERDICT: "
                                  "reason” per file; exits with 0 when all are valid, 1 when any "
                                  "is not, 2 on usage or read errors."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc < 2)
    return ecert_cli_usage_error (_("ecert verify: name the certificate files to verify\n"));

  trust = ecert_cli_open_trust_store (trust_dir, trust_options, &error);
  if (trust == NULL)
    return ecert_cli_report_error ("verify", error);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) load_error = NULL;
      g_autoptr(EcertCertificate) certificate = ecert_cli_load_certificate (argv[i], &load_error);
      g_autoptr(EcertVerification) verification = NULL;
      EcertVerdict verdict;

      if (certificate == NULL)
        {
          g_printerr ("%s: %s\n", argv[i], load_error->message);
          status = ECERT_EXIT_USAGE_OR_INPUT;
          continue;
        }

      verification = ecert_verify_certificate (certificate, trust, NULL);
      verdict = ecert_verification_get_verdict (verification);
      if (verdict != ECERT_VERDICT_VALID && status == ECERT_EXIT_OK)
        status = ECERT_EXIT_NEGATIVE;

      if (json)
        print_json (argv[i], verification);
      else
        {
          /* The reason may quote the signer's names: one line per file. */
          g_autofree char *reason = ecert_text_sanitize (ecert_verification_get_reason (verification),
                                                         ECERT_TEXT_ONE_LINE);

          g_print ("%s: %s: %s\n", argv[i], ecert_verdict_to_string (verdict), reason);
        }
    }

  return status;
}

int
ecert_cli_sign (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("IN OUT"));
  g_autoptr(GError) error = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *certificate_file = NULL;
  g_autofree char *chain_file = NULL;
  g_autofree char *c14n = NULL;
  g_autoptr(GBytes) key_pem = NULL;
  g_autoptr(GBytes) certificate_pem = NULL;
  g_autoptr(GBytes) chain_pem = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GBytes) signed_document = NULL;
  g_autoptr(EcertSigningKey) key = NULL;
  g_autoptr(GFile) output = NULL;
  const GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("The signer’s private key (PEM)"),
      N_("KEY.pem") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &certificate_file,
      N_("The signer’s certificate (PEM)"), N_("CERT.pem") },
    { "chain", 0, 0, G_OPTION_ARG_FILENAME, &chain_file,
      N_("Intermediate certificates to include (PEM)"), N_("CHAIN.pem") },
    { "c14n", 0, 0, G_OPTION_ARG_STRING, &c14n,
      N_("Canonicalization: exc (exclusive, the default) or inc (inclusive 1.0)"),
      N_("exc|inc") },
    G_OPTION_ENTRY_NULL
  };

  if (!ecert_cli_parse_command (context,
                                _("Sign a certificate with an enveloped XML signature in the "
                                  "profile E-Cert Inspector verifies (SHA-256, RSA or ECDSA)."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc != 3 || key_file == NULL || certificate_file == NULL ||
      (c14n != NULL && g_strcmp0 (c14n, "exc") != 0 && g_strcmp0 (c14n, "inc") != 0))
    return ecert_cli_usage_error (_("usage: ecert sign --key KEY.pem --cert CERT.pem [--chain "
                                    "CHAIN.pem] [--c14n exc|inc] IN OUT\n"));

  if ((key_pem = ecert_cli_read_file (key_file, &error)) == NULL ||
      (certificate_pem = ecert_cli_read_file (certificate_file, &error)) == NULL ||
      (chain_file != NULL && (chain_pem = ecert_cli_read_file (chain_file, &error)) == NULL) ||
      (document = ecert_cli_read_document (argv[1], &error)) == NULL ||
      (key = ecert_signing_key_load (key_pem, certificate_pem, chain_pem, &error)) == NULL)
    return ecert_cli_report_error ("sign", error);

  signed_document = ecert_sign_document (document, key,
                                         g_strcmp0 (c14n, "inc") == 0 ? ECERT_SIGN_C14N_INCLUSIVE
                                                                      : ECERT_SIGN_C14N_EXCLUSIVE,
                                         &error);
  output = g_file_new_for_commandline_arg (argv[2]);
  if (signed_document == NULL ||
      !g_file_replace_contents (output, g_bytes_get_data (signed_document, NULL),
                                g_bytes_get_size (signed_document), NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &error))
    return ecert_cli_report_error ("sign", error);

  return ECERT_EXIT_OK;
}

static void
print_anchor (EcertTrustAnchor *anchor)
{
  g_autofree char *expires = anchor->not_after != NULL
                             ? g_date_time_format (anchor->not_after, "%Y-%m-%d") : g_strdup ("?");
  g_autofree char *name = ecert_text_sanitize (anchor->name, ECERT_TEXT_ONE_LINE);
  g_autofree char *subject = ecert_text_sanitize (anchor->subject, ECERT_TEXT_ONE_LINE);

  g_print ("%s  %s  %s  %s %s\n", anchor->country, name, subject, _("expires"), expires);
}

int
ecert_cli_trust (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("list | add CC FILE | remove CC NAME"));
  g_autoptr(EcertTrustStore) trust = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trust_dir = NULL;
  const GOptionEntry entries[] = {
    { "trust-dir", 0, 0, G_OPTION_ARG_FILENAME, &trust_dir,
      N_("Use the trust store in DIR instead of the user’s"), N_("DIR") },
    G_OPTION_ENTRY_NULL
  };

  if (!ecert_cli_parse_command (context,
                                _("Manage the trust anchors that vouch for signers, per "
                                  "exporting country."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (trust_dir == NULL)
    trust_dir = ecert_trust_store_get_default_directory ();
  trust = ecert_trust_store_new_for_directory (trust_dir, &error);
  if (trust == NULL)
    return ecert_cli_report_error ("trust", error);

  if (argc == 2 && g_strcmp0 (argv[1], "list") == 0)
    {
      g_autoptr(GPtrArray) anchors = ecert_trust_store_list (trust);

      for (guint i = 0; i < anchors->len; i++)
        print_anchor (anchors->pdata[i]);
      return ECERT_EXIT_OK;
    }

  if (argc == 4 && g_strcmp0 (argv[1], "add") == 0)
    {
      g_autoptr(GBytes) pem = ecert_cli_read_file (argv[3], &error);
      g_autoptr(GPtrArray) added = pem != NULL ? ecert_trust_store_add_pem (trust, argv[2], pem,
                                                                            &error) : NULL;

      if (added == NULL)
        return ecert_cli_report_error ("trust", error);
      for (guint i = 0; i < added->len; i++)
        print_anchor (added->pdata[i]);
      if (added->len == 0)
        g_print (_("Already trusted; nothing added\n"));
      return ECERT_EXIT_OK;
    }

  if (argc == 4 && g_strcmp0 (argv[1], "remove") == 0)
    {
      if (!ecert_trust_store_remove (trust, argv[2], argv[3], &error))
        {
          g_printerr ("ecert trust: %s\n", error->message);
          return ECERT_EXIT_NEGATIVE;
        }
      return ECERT_EXIT_OK;
    }

  g_printerr (_("usage: ecert trust [--trust-dir DIR] list | add CC FILE | remove CC NAME\n"));
  return ECERT_EXIT_USAGE_OR_INPUT;
}
