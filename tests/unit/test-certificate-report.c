/* test-certificate-report.c: what the screen and the printout both say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-core.h"
#include "ecert-test-signing.h"
#include "ecert-test-util.h"

/* The test certificate as the cache hands it out, without its intended
 * use, imported from a file, with this verdict (%NULL: not verified).
 * @edits: (nullable): pairs of a text of the template and what to write
 *   instead, then %NULL */
static EcertStoredCertificate *
stored_certificate_edited (const char        *verdict,
                           const char        *reason,
                           const char *const *edits)
{
  g_autoptr(GBytes) template = ecert_test_certificate_variant ("NZ-2026-000417", "70",
                                                               "NZ-2026-000399");
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (template, NULL),
                                              g_bytes_get_size (template));
  g_autoptr(GBytes) bytes = NULL;
  EcertStoredCertificate *stored = g_new0 (EcertStoredCertificate, 1);
  EcertCacheProvenance *provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_FILE);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_string_replace (text, "<ram:IntendedUse languageID=\"en\">Consumption"
                                      "</ram:IntendedUse>", "", 0), ==, 1);
  for (guint i = 0; edits != NULL && edits[i] != NULL; i += 2)
    g_assert_cmpuint (g_string_replace (text, edits[i], edits[i + 1], 0), ==, 1);
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  stored->certificate = ecert_certificate_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);

  stored->record = g_new0 (EcertCacheRecord, 1);
  stored->record->receipts = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_cache_provenance_free);
  provenance->file_path = g_strdup ("/srv/desk/NZ-2026-000417.xml");
  provenance->received_at = g_date_time_new_utc (2026, 3, 14, 9, 30, 0);
  g_ptr_array_add (stored->record->receipts, provenance);
  if (verdict != NULL)
    {
      stored->record->verification = g_new0 (EcertCacheVerification, 1);
      stored->record->verification->verdict = g_strdup (verdict);
      stored->record->verification->reason = g_strdup (reason);
    }
  stored->replaces_number = g_strdup ("NZ-2026-000399");

  return stored;
}

static EcertStoredCertificate *
stored_certificate (const char *verdict,
                    const char *reason)
{
  return stored_certificate_edited (verdict, reason, NULL);
}

static const EcertReportSection *
find_section (const EcertCertificateReport *report,
              const char                    *title)
{
  for (guint i = 0; i < report->sections->len; i++)
    {
      const EcertReportSection *section = g_ptr_array_index (report->sections, i);

      if (g_strcmp0 (section->title, title) == 0)
        return section;
    }
  g_error ("no section “%s”", title);
}

static const EcertReportRow *
find_row (const EcertCertificateReport *report,
          const char                    *section_title,
          const char                    *label)
{
  const EcertReportSection *section = find_section (report, section_title);

  for (guint i = 0; i < section->rows->len; i++)
    {
      const EcertReportRow *row = g_ptr_array_index (section->rows, i);

      if (g_strcmp0 (row->label, label) == 0)
        return row;
    }
  g_error ("no row “%s” in “%s”", label, section_title);
}

static void
test_reading_order (void)
{
  g_autoptr(EcertStoredCertificate) stored = stored_certificate ("valid", "Signed by NZ");
  g_autoptr(EcertCertificateReport) report = ecert_certificate_report_new (stored);
  const char *expected[] = { "Document", "Parties", "Route", "Item 1", "Declarations and notes",
                             "Attachments", "Received" };

  g_assert_cmpstr (report->number, ==, "NZ-2026-000417");
  g_assert_cmpuint (report->sections->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((EcertReportSection *) g_ptr_array_index (report->sections, i))->title,
                     ==, expected[i]);
}

static void
test_verdict (void)
{
  g_autoptr(EcertStoredCertificate) valid = stored_certificate ("valid", "Signed by NZ");
  g_autoptr(EcertStoredCertificate) invalid = stored_certificate ("invalid", "Altered");
  g_autoptr(EcertStoredCertificate) untrusted = stored_certificate ("untrusted", "Unknown signer");
  g_autoptr(EcertStoredCertificate) unverified = stored_certificate (NULL, NULL);
  g_autoptr(EcertCertificateReport) report = ecert_certificate_report_new (valid);

  g_assert_cmpint (report->tone, ==, ECERT_REPORT_TONE_VALID);
  g_assert_cmpstr (report->verdict, ==, "Valid signature");
  g_assert_cmpstr (report->reason, ==, "Signed by NZ");

  g_clear_pointer (&report, ecert_certificate_report_unref);
  report = ecert_certificate_report_new (invalid);
  g_assert_cmpint (report->tone, ==, ECERT_REPORT_TONE_INVALID);

  g_clear_pointer (&report, ecert_certificate_report_unref);
  report = ecert_certificate_report_new (untrusted);
  g_assert_cmpint (report->tone, ==, ECERT_REPORT_TONE_WARNING);

  g_clear_pointer (&report, ecert_certificate_report_unref);
  report = ecert_certificate_report_new (unverified);
  g_assert_cmpint (report->tone, ==, ECERT_REPORT_TONE_NOT_VERIFIED);
  g_assert_cmpstr (report->verdict, ==, "Signature Not Verified Yet");
  g_assert_null (report->reason);
}

static void
test_rows (void)
{
  g_autoptr(EcertStoredCertificate) stored = stored_certificate ("valid", NULL);
  g_autoptr(EcertCertificateReport) report = ecert_certificate_report_new (stored);
  const EcertReportRow *row;

  row = find_row (report, "Document", "Number");
  g_assert_cmpint (row->kind, ==, ECERT_REPORT_ROW_NUMBER);
  g_assert_cmpstr (row->value, ==, "NZ-2026-000417");
  g_assert_true (row->given);

  row = find_row (report, "Document", "Type");
  g_assert_cmpstr (row->value, ==, "Phytosanitary certificate (851)");

  row = find_row (report, "Item 1", "Scientific name");
  g_assert_cmpint (row->kind, ==, ECERT_REPORT_ROW_TEXT);
  g_assert_cmpstr (row->value, ==, "Actinidia chinensis");

  /* What the issuer left out is said to be left out, never left blank. */
  row = find_row (report, "Item 1", "Intended use");
  g_assert_false (row->given);
  g_assert_cmpstr (row->value, ==, "Not given");

  row = find_row (report, "Attachments", "permit.txt");
  g_assert_cmpint (row->kind, ==, ECERT_REPORT_ROW_ATTACHMENT);
  g_assert_cmpuint (row->attachment, ==, 0);
  g_assert_cmpstr (row->value, ==, "text/plain · 29 bytes");

  row = find_row (report, "Received", "First received");
  g_assert_cmpstr (row->value, ==,
                   "2026-03-14 09:30:00 UTC, imported from the file /srv/desk/NZ-2026-000417.xml");

  /* The replaced certificate is known by its number only. */
  row = find_row (report, "Received", "Replaces");
  g_assert_cmpint (row->kind, ==, ECERT_REPORT_ROW_LINK);
  g_assert_cmpstr (row->value, ==, "NZ-2026-000399");
  g_assert_cmpint (row->target, ==, 0);
}

/* What the screen and the printed page show holds no control or bidi
 * character of the issuer's: they are shown as <U+XXXX>. */
static void
test_issuer_controls (void)
{
  static const char * const edits[] = {
    "<ram:Name>上海鲜果进出口有限公司</ram:Name>",
    "<ram:Name>Shanghai\xc2\x9b" "2JFresh&#13;Valid signature \u2067Co\u2069 Ltd</ram:Name>",
    "filename=\"permit.txt\"", "filename=\"invoice\u202efdp.exe\"",
    "<ram:ID>NZ-2026-000417</ram:ID>", "<ram:ID>NZ-2026-000417\u202e</ram:ID>",
    "<ram:Name>Kiwi Orchards Ltd</ram:Name>",
    "<ram:Name>شركة الفواكه\u200f الطازجة \u0645\u064e</ram:Name>",
    NULL
  };
  g_autoptr(EcertStoredCertificate) stored = stored_certificate_edited ("unsigned", "Unsigned\x1b[2J",
                                                                        edits);
  g_autoptr(EcertCertificateReport) report = ecert_certificate_report_new (stored);
  const EcertReportRow *row;

  g_assert_cmpstr (report->number, ==, "NZ-2026-000417<U+202E>");
  g_assert_cmpstr (report->reason, ==, "Unsigned<U+001B>[2J");
  row = find_row (report, "Document", "Number");
  g_assert_cmpstr (row->value, ==, "NZ-2026-000417<U+202E>");

  /* A file name is one line, and reads as written, not as overridden. */
  row = find_row (report, "Attachments", "invoice<U+202E>fdp.exe");
  g_assert_cmpint (row->kind, ==, ECERT_REPORT_ROW_ATTACHMENT);

  /* Each part of a party stays on its own line. */
  row = find_row (report, "Parties", "Consignee");
  g_assert_cmpstr (row->value, ==,
                   "Shanghai<U+009B>2JFresh Valid signature <U+2067>Co<U+2069> Ltd\n"
                   "浦东新区 88 号\n上海");

  /* Right-to-left text keeps its marks. */
  row = find_row (report, "Parties", "Consignor");
  g_assert_true (g_str_has_prefix (row->value, "شركة الفواكه\u200f الطازجة \u0645\u064e\n"));

  for (guint i = 0; i < report->sections->len; i++)
    {
      const EcertReportSection *section = g_ptr_array_index (report->sections, i);

      for (guint j = 0; j < section->rows->len; j++)
        {
          const EcertReportRow *line = g_ptr_array_index (section->rows, j);

          for (const char *c = line->value; *c != '\0'; c = g_utf8_next_char (c))
            g_assert_true (*c == '\n' || !ecert_text_unichar_is_control (g_utf8_get_char (c)));
          for (const char *c = line->label; *c != '\0'; c = g_utf8_next_char (c))
            g_assert_false (ecert_text_unichar_is_control (g_utf8_get_char (c)));
        }
    }
}

static void
test_schema_findings (void)
{
  g_autoptr(EcertStoredCertificate) stored = stored_certificate ("valid", NULL);
  g_autoptr(EcertCertificateReport) report = NULL;
  const EcertReportSection *section;

  stored->schema_findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_schema_finding_free);
  for (guint i = 0; i < 23; i++)
    {
      EcertSchemaFinding *finding = g_new0 (EcertSchemaFinding, 1);

      finding->line = i + 1;
      finding->message = g_strdup ("Element '{urn:example}Content': This element is not expected.");
      g_ptr_array_add (stored->schema_findings, finding);
    }

  report = ecert_certificate_report_new (stored);
  section = find_section (report, "Differences from the Hub’s Schema");
  g_assert_nonnull (section->description);
  /* Twenty, and a count of the rest; namespaces are for machines. */
  g_assert_cmpuint (section->rows->len, ==, 21);
  g_assert_cmpstr (find_row (report, section->title, "Line 1")->value, ==,
                   "Element 'Content': This element is not expected.");
  g_assert_cmpstr (find_row (report, section->title, "And")->value, ==, "3 more differences");
}

static const char *
check_value (const EcertCertificateReport *report,
             const char                    *label)
{
  for (guint i = 0; i < report->check->rows->len; i++)
    {
      const EcertReportRow *row = g_ptr_array_index (report->check->rows, i);

      if (g_strcmp0 (row->label, label) == 0)
        return row->value;
    }
  return NULL;
}

/* How the verdict was reached: the check made on opening, when it agrees;
 * else what the cache recorded; nothing before any check. */
static void
test_check_details (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *plain = ecert_test_certificate_xml ();
  g_autofree char *xml = ecert_test_sign (plain, "nz-signer", "nz-ca", ECERT_SIGN_C14N_EXCLUSIVE);
  g_autoptr(EcertStoredCertificate) stored = stored_certificate ("valid", "Signed by NZ");
  g_autoptr(EcertStoredCertificate) unverified = stored_certificate (NULL, NULL);
  g_autoptr(EcertCertificateReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *chain;

  /* Only what the cache recorded. */
  stored->record->verification->signer = g_strdup ("CN=recorded signer");
  stored->record->verification->evaluated_at = g_date_time_new_utc (2026, 3, 14, 10, 0, 0);
  report = ecert_certificate_report_new (stored);
  g_assert_nonnull (report->check);
  g_assert_cmpstr (report->check->title, ==, "Signature Check");
  g_assert_cmpuint (report->check->rows->len, ==, 2);
  g_assert_cmpstr (check_value (report, "Signer"), ==, "CN=recorded signer");
  g_assert_cmpstr (check_value (report, "Verdict recorded"), ==, "2026-03-14 10:00:00 UTC");

  /* The check made on opening, with everything it found. */
  g_clear_object (&stored->certificate);
  stored->certificate = ecert_test_load (xml, &error);
  g_assert_no_error (error);
  stored->verification = ecert_stored_verification_explain (stored->record->verification,
                                                            stored->certificate, trust);
  g_assert_nonnull (stored->verification);
  g_assert_cmpstr (stored->record->verification->reason, !=, "Signed by NZ");
  g_clear_pointer (&report, ecert_certificate_report_unref);
  report = ecert_certificate_report_new (stored);
  g_assert_true (g_str_has_prefix (check_value (report, "Signer"), "CN="));
  g_assert_nonnull (check_value (report, "Signer’s certificate issued by"));
  g_assert_nonnull (check_value (report, "Serial number"));
  g_assert_cmpstr (check_value (report, "Signer’s certificate valid"), ==,
                   "2020-01-01 to 2058-01-01");
  chain = check_value (report, "Certificate chain");
  g_assert_nonnull (chain);
  g_assert_nonnull (strchr (chain, '\n'));
  g_assert_cmpstr (check_value (report, "Trusted for"), ==, "New Zealand (NZ)");
  g_assert_cmpstr (check_value (report, "Signature algorithm"), ==, "RSA PKCS#1 v1.5 SHA-256");
  g_assert_cmpstr (check_value (report, "Digest algorithm"), ==, "SHA-256");
  g_assert_nonnull (check_value (report, "Canonicalization"));
  g_assert_cmpstr (check_value (report, "Certificates judged as of"), ==,
                   "2026-03-13 20:26:53 UTC");
  g_assert_cmpstr (check_value (report, "Verdict recorded"), ==, "2026-03-14 10:00:00 UTC");

  g_assert_null (report->changed);

  /* A check that no longer agrees with the stored verdict (the anchors
   * changed since) is said, and its details are not the verdict's. */
  g_free (stored->record->verification->verdict);
  stored->record->verification->verdict = g_strdup ("untrusted");
  g_free (stored->record->verification->reason);
  stored->record->verification->reason = g_strdup ("No anchor for NZ");
  g_clear_object (&stored->verification);
  stored->verification = ecert_stored_verification_explain (stored->record->verification,
                                                            stored->certificate, trust);
  g_assert_nonnull (stored->verification);
  g_assert_cmpstr (stored->record->verification->reason, ==, "No anchor for NZ");
  g_clear_pointer (&report, ecert_certificate_report_unref);
  report = ecert_certificate_report_new (stored);
  g_assert_cmpint (report->tone, ==, ECERT_REPORT_TONE_WARNING);
  g_assert_cmpstr (report->reason, ==, "No anchor for NZ");
  g_assert_nonnull (strstr (report->changed, "it would be “Valid signature”"));
  g_assert_cmpuint (report->check->rows->len, ==, 2);
  g_assert_cmpstr (check_value (report, "Signer"), ==, "CN=recorded signer");

  g_clear_pointer (&report, ecert_certificate_report_unref);
  report = ecert_certificate_report_new (unverified);
  g_assert_null (report->check);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certificate-report/reading-order", test_reading_order);
  g_test_add_func ("/certificate-report/verdict", test_verdict);
  g_test_add_func ("/certificate-report/check-details", test_check_details);
  g_test_add_func ("/certificate-report/rows", test_rows);
  g_test_add_func ("/certificate-report/issuer-controls", test_issuer_controls);
  g_test_add_func ("/certificate-report/schema-findings", test_schema_findings);

  return g_test_run ();
}
