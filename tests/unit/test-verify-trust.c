/* test-verify-trust.c: who may sign, for which country, and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Intact signatures whose signer is not good enough: no anchor, another
 * country's anchor, a chain with a gap, a certificate outside its validity at
 * the moment of issue, SHA-1, a key that may not sign, a counterfeit chain
 * that looks like the real one. And the trust store on disk.
 */

#include "config.h"

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>

#include "ecert-core.h"
#include "ecert-test-signing.h"

#define ISSUE_DATE_TIME_ELEMENT \
  "<ram:IssueDateTime><udt:DateTimeString>" ECERT_TEST_ISSUED \
  "</udt:DateTimeString></ram:IssueDateTime>"
#define EXPORT_COUNTRY_ELEMENT \
  "<ram:ExportSPSCountry><ram:ID>NZ</ram:ID><ram:Name>New Zealand</ram:Name></ram:ExportSPSCountry>"
#define EXPORT_COUNTRY_AR \
  "<ram:ExportSPSCountry><ram:ID>AR</ram:ID><ram:Name>Argentina</ram:Name></ram:ExportSPSCountry>"

#define P256_BITS GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1)

#define NZ_SIGNER_SUBJECT "CN=nz-signer,O=E-Cert Inspector tests"
#define NZ_CA_SUBJECT "CN=nz-ca,O=E-Cert Inspector tests"
#define NZ_ROOT_SUBJECT "CN=NZ test root,O=E-Cert Inspector tests,C=NZ"

/* The test certificate with one piece of it replaced. */
static char *
certificate_with (const char *find,
                  const char *replace)
{
  g_autofree char *xml = ecert_test_certificate_xml ();
  GString *text = g_string_new (xml);

  if (find != NULL)
    g_assert_cmpuint (g_string_replace (text, find, replace, 1), ==, 1);
  return g_string_free (text, FALSE);
}

static char *
signed_certificate_with (const char *find,
                         const char *replace,
                         const char *signer,
                         const char *chain)
{
  g_autofree char *xml = certificate_with (find, replace);

  return ecert_test_sign (xml, signer, chain, ECERT_SIGN_C14N_EXCLUSIVE);
}


static void
assert_evaluated_at (EcertVerification *verification,
                     const char        *iso8601)
{
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (expected);
  g_assert_nonnull (ecert_verification_get_evaluated_at (verification));
  g_assert_true (g_date_time_equal (ecert_verification_get_evaluated_at (verification),
                                    expected));
}

static void
assert_chain (EcertVerification *verification,
              ...)
{
  const char * const *chain = ecert_verification_get_chain (verification);
  const char *subject;
  guint i = 0;
  va_list args;

  va_start (args, verification);
  while ((subject = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (chain[i]);
      g_assert_cmpstr (chain[i], ==, subject);
      i++;
    }
  va_end (args);
  g_assert_null (chain[i]);
}

/* --- Valid, and the details ------------------------------------------------ */

static void
test_valid_details (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate_with (NULL, NULL, "nz-signer", "nz-ca");
  g_autoptr(EcertVerification) verification = ecert_test_verify_expecting (xml, trust, ECERT_VERDICT_VALID);

  g_assert_cmpstr (ecert_verification_get_signer_subject (verification), ==, NZ_SIGNER_SUBJECT);
  g_assert_cmpstr (ecert_verification_get_signer_issuer (verification), ==, NZ_CA_SUBJECT);
  g_assert_nonnull (ecert_verification_get_signer_serial (verification));
  g_assert_cmpint (g_date_time_get_year (ecert_verification_get_signer_not_before (verification)),
                   ==, 2020);
  g_assert_cmpint (g_date_time_get_year (ecert_verification_get_signer_not_after (verification)),
                   ==, 2058);
  assert_chain (verification, NZ_SIGNER_SUBJECT, NZ_CA_SUBJECT, NZ_ROOT_SUBJECT, NULL);
  g_assert_cmpstr (ecert_verification_get_anchor_country (verification), ==, "NZ");
  g_assert_cmpstr (ecert_verification_get_digest_algorithm (verification), ==, "SHA-256");
  g_assert_cmpstr (ecert_verification_get_signature_algorithm (verification), ==,
                   "RSA PKCS#1 v1.5 SHA-256");
  g_assert_cmpstr (ecert_verification_get_canonicalization (verification), ==,
                   "Exclusive XML Canonicalization 1.0");
  assert_evaluated_at (verification, ECERT_TEST_ISSUED);
  g_assert_false (ecert_verification_get_signer_expired_since (verification));
  ecert_test_assert_reason_mentions (verification, "NZ");
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  EcertVerification **verification = user_data;
  g_autoptr(GError) error = NULL;

  *verification = ecert_verify_certificate_finish (result, &error);
  g_assert_no_error (error);
}

/* The way the application verifies: in a worker thread, without keeping the
 * trust store alive itself. */
static void
test_async (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate_with (NULL, NULL, "nz-signer", "nz-ca");
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(EcertCertificate) certificate = ecert_certificate_new_from_bytes (bytes, NULL, NULL);
  g_autoptr(EcertVerification) verification = NULL;

  ecert_verify_certificate_async (certificate, trust, NULL, verified_cb, &verification);
  g_clear_object (&trust);
  while (verification == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (ecert_verification_get_verdict (verification), ==, ECERT_VERDICT_VALID);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  EcertStoredCertificate *stored = ecert_stored_certificate_load_finish (result, error);

  g_object_set_data_full (source, "stored", stored, (GDestroyNotify) ecert_stored_certificate_free);
  g_object_set_data (source, "done", GINT_TO_POINTER (TRUE));
}

static const EcertStoredCertificate *
load_stored_as (EcertCache                 *cache,
                gint64                      row,
                EcertStoredCertificateMode  mode,
                EcertTrustStore            *trust,
                GError                    **error)
{
  g_object_set_data (G_OBJECT (cache), "done", NULL);
  ecert_stored_certificate_load_async (cache, row, mode, trust, NULL, stored_cb, error);
  while (g_object_get_data (G_OBJECT (cache), "done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_object_get_data (G_OBJECT (cache), "stored");
}

static const EcertStoredCertificate *
load_stored (EcertCache      *cache,
             gint64           row,
             EcertTrustStore *reverify_with,
             GError         **error)
{
  return load_stored_as (cache, row,
                         reverify_with != NULL ? ECERT_STORED_CERTIFICATE_REVERIFY
                                               : ECERT_STORED_CERTIFICATE_READ,
                         reverify_with, error);
}

/* The way the window opens a certificate and verifies it again: read from
 * the cache, parsed, and the new verdict stored, in a worker thread. */
static void
test_stored_reverify (void)
{
  g_autofree char *directory = ecert_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (directory, "cache.db", NULL);
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate_with (NULL, NULL, "nz-signer", "nz-ca");
  g_autoptr(EcertCertificate) certificate = ecert_test_load (xml, NULL);
  g_autoptr(EcertCacheProvenance) provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_FILE);
  g_autoptr(EcertCache) cache = NULL;
  const EcertStoredCertificate *stored;
  g_autoptr(EcertCacheRecord) record = NULL;
  EcertCacheStoreResult result;
  g_autoptr(GError) error = NULL;
  gint64 row = 0;

  cache = ecert_cache_open (path, &error);
  g_assert_no_error (error);
  provenance->file_path = g_strdup ("certificate.xml");
  g_assert_true (ecert_cache_store_certificate (cache, certificate, provenance, NULL,
                                                &result, &row, &error));
  g_assert_no_error (error);

  stored = load_stored (cache, row, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->record->row, ==, row);
  g_assert_null (stored->record->verification);
  g_assert_cmpstr (ecert_certificate_get_id (stored->certificate), ==, ECERT_TEST_SIGNED_ID);
  g_assert_cmpstr (stored->replaces_number, ==, stored->record->replaces_number);
  g_assert_null (stored->replaced_by_number);
  g_assert_null (stored->withdrawal_number);

  /* The hub's schema has no room for the signature: a finding to show. */
  g_assert_cmpuint (stored->schema_findings->len, >, 0);
  {
    gboolean mentions_signature = FALSE;

    for (guint i = 0; i < stored->schema_findings->len; i++)
      {
        EcertSchemaFinding *finding = g_ptr_array_index (stored->schema_findings, i);

        g_assert_cmpuint (finding->line, >, 0);
        mentions_signature |= strstr (finding->message, "Signature") != NULL;
      }
    g_assert_true (mentions_signature);
  }

  {
    gboolean truncated = TRUE;
    g_autofree char *text = ecert_certificate_dup_text (stored->certificate, 0, &truncated);
    g_autofree char *start = ecert_certificate_dup_text (stored->certificate, 10, &truncated);

    g_assert_cmpstr (text, ==, xml);
    g_assert_true (truncated);
    g_assert_cmpuint (strlen (start), ==, 10);
    g_assert_true (g_str_has_prefix (xml, start));
  }

  stored = load_stored (cache, row, trust, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored->record->verification);
  g_assert_cmpstr (stored->record->verification->verdict, ==, "valid");

  record = ecert_cache_get_record (cache, row, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->verification->verdict, ==, "valid");

  /* A reason stored in another language is said again in this one; with
   * anchors that no longer give the same verdict, it is left as stored. */
  g_assert_true (ecert_cache_set_verification (cache, row, "valid", "Gespeicherte Begründung",
                                               NULL, NULL, &error));
  {
    g_autoptr(EcertTrustStore) no_anchor = ecert_test_trust ("AU", "nz-root", NULL);

    stored = load_stored_as (cache, row, ECERT_STORED_CERTIFICATE_EXPLAIN, trust, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (stored->record->verification->reason, ==,
                     "The signature is intact and the signer is trusted for New Zealand (NZ)");
    stored = load_stored_as (cache, row, ECERT_STORED_CERTIFICATE_EXPLAIN, no_anchor, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (stored->record->verification->reason, ==, "Gespeicherte Begründung");
    g_assert_cmpstr (stored->record->verification->verdict, ==, "valid");
  }

  stored = load_stored (cache, row + 1000, NULL, &error);
  g_assert_null (stored);
  g_assert_nonnull (error);

  g_clear_object (&cache);
  ecert_test_remove_tree (directory);
}

static void
test_valid_ecdsa_inclusive (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = ecert_test_certificate_xml ();
  g_autofree char *signed_xml = ecert_test_sign (xml, "nz-ecdsa", NULL, ECERT_SIGN_C14N_INCLUSIVE);
  g_autoptr(EcertVerification) verification = ecert_test_verify_expecting (signed_xml, trust, ECERT_VERDICT_VALID);

  g_assert_cmpstr (ecert_verification_get_signer_subject (verification), ==,
                   "CN=nz-ecdsa,O=E-Cert Inspector tests");
  assert_chain (verification, "CN=nz-ecdsa,O=E-Cert Inspector tests", NZ_ROOT_SUBJECT, NULL);
  g_assert_cmpstr (ecert_verification_get_signature_algorithm (verification), ==,
                   "ECDSA SHA-256");
  g_assert_cmpstr (ecert_verification_get_canonicalization (verification), ==,
                   "Canonical XML 1.0");
  g_assert_cmpstr (ecert_verification_get_anchor_country (verification), ==, "NZ");
  assert_evaluated_at (verification, ECERT_TEST_ISSUED);
}

/* --- Not trusted ----------------------------------------------------------- */

static void
test_no_anchor (void)
{
  g_autoptr(EcertTrustStore) empty = ecert_trust_store_new_in_memory ();
  g_autoptr(EcertTrustStore) argentina = ecert_test_trust ("AR", "ar-root", NULL);
  g_autofree char *xml = signed_certificate_with (NULL, NULL, "nz-signer", "nz-ca");
  g_autoptr(EcertVerification) nothing = ecert_test_verify_expecting (xml, empty, ECERT_VERDICT_UNTRUSTED_SIGNER);
  g_autoptr(EcertVerification) other = ecert_test_verify_expecting (xml, argentina, ECERT_VERDICT_UNTRUSTED_SIGNER);

  /* The signature itself was checked and described. */
  g_assert_cmpstr (ecert_verification_get_signer_subject (nothing), ==, NZ_SIGNER_SUBJECT);
  g_assert_null (ecert_verification_get_anchor_country (nothing));
  ecert_test_assert_reason_mentions (nothing, "NZ");
  assert_chain (nothing, NZ_SIGNER_SUBJECT, NZ_CA_SUBJECT, NULL);
  g_assert_null (ecert_verification_get_anchor_country (other));
}

static void
test_wrong_country (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", "AR", "ar-root", NULL);
  g_autofree char *nz_by_ar = signed_certificate_with (NULL, NULL, "ar-signer", NULL);
  g_autofree char *ar_by_nz = signed_certificate_with (EXPORT_COUNTRY_ELEMENT, EXPORT_COUNTRY_AR,
                                                       "nz-signer", "nz-ca");
  g_autofree char *ar_by_ar = signed_certificate_with (EXPORT_COUNTRY_ELEMENT, EXPORT_COUNTRY_AR,
                                                       "ar-signer", NULL);
  g_autoptr(EcertVerification) nz = ecert_test_verify_expecting (nz_by_ar, trust, ECERT_VERDICT_NOT_AUTHORISED);
  g_autoptr(EcertVerification) ar = ecert_test_verify_expecting (ar_by_nz, trust, ECERT_VERDICT_NOT_AUTHORISED);
  g_autoptr(EcertVerification) control = ecert_test_verify_expecting (ar_by_ar, trust, ECERT_VERDICT_VALID);

  ecert_test_assert_reason_mentions (nz, "trusted for Argentina (AR)");
  ecert_test_assert_reason_mentions (nz, "exported from New Zealand (NZ)");
  g_assert_null (ecert_verification_get_anchor_country (nz));
  ecert_test_assert_reason_mentions (ar, "trusted for New Zealand (NZ)");
  ecert_test_assert_reason_mentions (ar, "exported from Argentina (AR)");
  g_assert_null (ecert_verification_get_anchor_country (ar));
  g_assert_cmpstr (ecert_verification_get_anchor_country (control), ==, "AR");
}

static void
test_missing_intermediate (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate_with (NULL, NULL, "nz-signer", NULL);
  g_autoptr(EcertVerification) verification = ecert_test_verify_expecting (xml, trust,
                                                      ECERT_VERDICT_UNTRUSTED_SIGNER);

  assert_chain (verification, NZ_SIGNER_SUBJECT, NULL);
  g_assert_null (ecert_verification_get_anchor_country (verification));
}

static void
test_no_digital_signature_usage (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate_with (NULL, NULL, "nz-encipher", NULL);
  g_autoptr(EcertVerification) verification = ecert_test_verify_expecting (xml, trust,
                                                      ECERT_VERDICT_UNTRUSTED_SIGNER);

  ecert_test_assert_reason_mentions (verification, "key usage");
  g_assert_cmpstr (ecert_verification_get_signer_subject (verification), ==,
                   "CN=nz-encipher,O=E-Cert Inspector tests");
}

/* --- Time ------------------------------------------------------------------ */

static void
test_expired_at_issue (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate_with (NULL, NULL, "nz-expired", NULL);
  g_autoptr(EcertVerification) verification = ecert_test_verify_expecting (xml, trust, ECERT_VERDICT_EXPIRED_SIGNER);

  ecert_test_assert_reason_mentions (verification, "CN=nz-expired");
  ecert_test_assert_reason_mentions (verification, "2026-03-14");
  assert_evaluated_at (verification, ECERT_TEST_ISSUED);
}

static void
test_not_yet_valid_at_issue (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate_with (NULL, NULL, "nz-future", NULL);
  g_autoptr(EcertVerification) verification = ecert_test_verify_expecting (xml, trust, ECERT_VERDICT_EXPIRED_SIGNER);

  ecert_test_assert_reason_mentions (verification, "CN=nz-future");
  assert_evaluated_at (verification, ECERT_TEST_ISSUED);
}

/* nz-old was valid 2020-2024: good for a certificate of 2022, even now. */
static void
test_expired_since (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *of_2022 = signed_certificate_with (ECERT_TEST_ISSUED,
                                                      "2022-06-01T10:00:00+12:00",
                                                      "nz-old", NULL);
  g_autofree char *of_2026 = signed_certificate_with (NULL, NULL, "nz-old", NULL);
  g_autoptr(GDateTime) in_2023 = g_date_time_new_utc (2023, 2, 1, 0, 0, 0);
  g_autoptr(EcertVerification) valid = ecert_test_verify_expecting (of_2022, trust, ECERT_VERDICT_VALID);
  g_autoptr(EcertVerification) expired = ecert_test_verify_expecting (of_2026, trust, ECERT_VERDICT_EXPIRED_SIGNER);
  g_autoptr(EcertVerification) back_then = ecert_test_verify (of_2022, trust, in_2023, NULL);

  g_assert_true (ecert_verification_get_signer_expired_since (valid));
  ecert_test_assert_reason_mentions (valid, "expired since");
  assert_evaluated_at (valid, "2022-06-01T10:00:00+12:00");
  g_assert_cmpstr (ecert_verification_get_anchor_country (valid), ==, "NZ");

  g_assert_false (ecert_verification_get_signer_expired_since (expired));

  /* Seen in 2023, the signer had not expired yet. */
  g_assert_cmpint (ecert_verification_get_verdict (back_then), ==, ECERT_VERDICT_VALID);
  g_assert_false (ecert_verification_get_signer_expired_since (back_then));
}

static void
test_no_issue_date (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate_with (ISSUE_DATE_TIME_ELEMENT, "", "nz-signer",
                                                  "nz-ca");
  g_autofree char *old = signed_certificate_with (ISSUE_DATE_TIME_ELEMENT, "", "nz-old", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2030, 5, 6, 7, 8, 9);
  g_autoptr(GDateTime) in_2022 = g_date_time_new_utc (2022, 5, 6, 7, 8, 9);
  g_autoptr(EcertCertificate) certificate = NULL;
  g_autoptr(EcertVerification) valid = ecert_test_verify (xml, trust, now, &certificate);
  g_autoptr(EcertVerification) expired = ecert_test_verify (old, trust, now, NULL);
  g_autoptr(EcertVerification) valid_then = ecert_test_verify (old, trust, in_2022, NULL);

  g_assert_null (ecert_certificate_get_issued (certificate));

  g_assert_cmpint (ecert_verification_get_verdict (valid), ==, ECERT_VERDICT_VALID);
  g_assert_true (g_date_time_equal (ecert_verification_get_evaluated_at (valid), now));
  ecert_test_assert_reason_mentions (valid, "no issue date");
  ecert_test_assert_reason_mentions (valid, "present time");

  /* Judged now, a signer that has expired since is simply expired. */
  g_assert_cmpint (ecert_verification_get_verdict (expired), ==, ECERT_VERDICT_EXPIRED_SIGNER);
  ecert_test_assert_reason_mentions (expired, "no issue date");
  g_assert_cmpint (ecert_verification_get_verdict (valid_then), ==, ECERT_VERDICT_VALID);
  g_assert_true (g_date_time_equal (ecert_verification_get_evaluated_at (valid_then), in_2022));
}

/* --- Country --------------------------------------------------------------- */

static void
test_no_export_country (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate_with (EXPORT_COUNTRY_ELEMENT, "", "nz-signer",
                                                  "nz-ca");
  g_autoptr(EcertVerification) verification = ecert_test_verify_expecting (xml, trust, ECERT_VERDICT_NOT_AUTHORISED);

  ecert_test_assert_reason_mentions (verification, "ExportSPSCountry");
  g_assert_null (ecert_verification_get_anchor_country (verification));
}

/* --- SHA-1, built by hand -------------------------------------------------- */

static xmlNode *
element_after (xmlNode *node)
{
  xmlNode *next = xmlNextElementSibling (node);

  g_assert_nonnull (next);
  return next;
}

/* Re-signs the signed test certificate with SHA-1 where asked, computing the
 * digest and the RSA signature with GnuTLS: a real signature, refused only by
 * policy. */
static char *
resign (gboolean sha1_digest,
        gboolean sha1_signature)
{
  g_autofree char *xml = signed_certificate_with (NULL, NULL, "nz-signer", "nz-ca");
  g_autoptr(GBytes) key_pem = ecert_test_load_pki ("nz-signer.key");
  g_autoptr(GBytes) certificate_pem = ecert_test_load_pki ("nz-signer.pem");
  g_autoptr(xmlDoc) doc = xmlReadMemory (xml, (int) strlen (xml), NULL, NULL, XML_PARSE_NONET);
  const EcertC14nAlgorithm *c14n = ecert_xmldsig_find_c14n (ECERT_XMLDSIG_EXC_C14N);
  gnutls_digest_algorithm_t digest = sha1_digest ? GNUTLS_DIG_SHA1 : GNUTLS_DIG_SHA256;
  gnutls_sign_algorithm_t algorithm = sha1_signature ? GNUTLS_SIGN_RSA_SHA1
                                                     : GNUTLS_SIGN_RSA_SHA256;
  g_autoptr(GBytes) canonical = NULL;
  g_autoptr(GBytes) canonical_signed_info = NULL;
  g_autofree char *digest_text = NULL;
  g_autofree char *signature_text = NULL;
  gnutls_datum_t key_data = { (unsigned char *) g_bytes_get_data (key_pem, NULL),
                              (unsigned int) g_bytes_get_size (key_pem) };
  gnutls_datum_t certificate_data = { (unsigned char *) g_bytes_get_data (certificate_pem, NULL),
                                      (unsigned int) g_bytes_get_size (certificate_pem) };
  gnutls_datum_t data;
  gnutls_datum_t signature_datum = { NULL, 0 };
  gnutls_privkey_t key = NULL;
  gnutls_pubkey_t public_key = NULL;
  guint8 hash[32];
  gsize length;
  xmlNode *signature;
  xmlNode *signed_info;
  xmlNode *method;
  xmlNode *reference;
  xmlNode *digest_method;
  xmlChar *output = NULL;
  int output_length = 0;
  char *result;

  g_assert_nonnull (doc);
  signature = xmlLastElementChild (xmlDocGetRootElement (doc));
  signed_info = xmlFirstElementChild (signature);
  method = element_after (xmlFirstElementChild (signed_info));
  reference = element_after (method);
  digest_method = element_after (xmlFirstElementChild (reference));

  if (sha1_signature)
    xmlSetProp (method, BAD_CAST "Algorithm",
                BAD_CAST "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
  if (sha1_digest)
    xmlSetProp (digest_method, BAD_CAST "Algorithm",
                BAD_CAST "http://www.w3.org/2000/09/xmldsig#sha1");

  canonical = ecert_xmldsig_c14n_without (doc, signature, c14n, NULL);
  g_assert_nonnull (canonical);
  g_assert_cmpint (gnutls_hash_fast (digest, g_bytes_get_data (canonical, NULL),
                                     g_bytes_get_size (canonical), hash), ==, 0);
  digest_text = g_base64_encode (hash, gnutls_hash_get_len (digest));
  xmlNodeSetContent (element_after (digest_method), BAD_CAST digest_text);

  canonical_signed_info = ecert_xmldsig_c14n_subtree (doc, signed_info, c14n, NULL);
  g_assert_nonnull (canonical_signed_info);
  data.data = (unsigned char *) g_bytes_get_data (canonical_signed_info, &length);
  data.size = (unsigned int) length;

  gnutls_privkey_init (&key);
  g_assert_cmpint (gnutls_privkey_import_x509_raw (key, &key_data, GNUTLS_X509_FMT_PEM, NULL, 0),
                   ==, 0);
  g_assert_cmpint (gnutls_privkey_sign_data2 (key, algorithm, 0, &data, &signature_datum), ==, 0);
  gnutls_privkey_deinit (key);

  /* Mathematically sound: only the profile refuses it. */
  gnutls_pubkey_init (&public_key);
  g_assert_cmpint (gnutls_pubkey_import_x509_raw (public_key, &certificate_data,
                                                  GNUTLS_X509_FMT_PEM, 0), ==, 0);
  g_assert_cmpint (gnutls_pubkey_verify_data2 (public_key, algorithm,
                                               GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1,
                                               &data, &signature_datum), >=, 0);
  gnutls_pubkey_deinit (public_key);

  signature_text = g_base64_encode (signature_datum.data, signature_datum.size);
  gnutls_free (signature_datum.data);
  xmlNodeSetContent (element_after (signed_info), BAD_CAST signature_text);

  xmlDocDumpMemoryEnc (doc, &output, &output_length, "UTF-8");
  result = g_strndup ((const char *) output, output_length);
  xmlFree (output);
  return result;
}

static void
test_sha1 (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *control = resign (FALSE, FALSE);
  g_autofree char *sha1 = resign (TRUE, TRUE);
  g_autofree char *sha1_digest = resign (TRUE, FALSE);
  g_autoptr(EcertVerification) valid = ecert_test_verify_expecting (control, trust, ECERT_VERDICT_VALID);
  g_autoptr(EcertVerification) refused = ecert_test_verify_expecting (sha1, trust, ECERT_VERDICT_UNSUPPORTED);
  g_autoptr(EcertVerification) refused_digest = ecert_test_verify_expecting (sha1_digest, trust,
                                                       ECERT_VERDICT_UNSUPPORTED);

  ecert_test_assert_reason_mentions (refused, "rsa-sha1");
  ecert_test_assert_reason_mentions (refused, "SHA-1");
  ecert_test_assert_reason_mentions (refused_digest, "xmldsig#sha1");
  ecert_test_assert_reason_mentions (refused_digest, "SHA-1");
}

/* --- Counterfeit chains ------------------------------------------------------ */

static gnutls_x509_crt_t
load_certificate (const char *file_name)
{
  g_autoptr(GBytes) pem = ecert_test_load_pki (file_name);
  gnutls_datum_t data = { (unsigned char *) g_bytes_get_data (pem, NULL),
                          (unsigned int) g_bytes_get_size (pem) };
  gnutls_x509_crt_t certificate = NULL;

  gnutls_x509_crt_init (&certificate);
  g_assert_cmpint (gnutls_x509_crt_import (certificate, &data, GNUTLS_X509_FMT_PEM), ==, 0);
  return certificate;
}

/* A certificate with the subject and the authority key identifier of
 * @like, signed by @issuer (or by itself): the attacker's
 * own key throughout. (GnuTLS will not sign with a key that does not match
 * the issuer's subject key identifier, so that one is not copied.) */
static void
counterfeit (EcertTestIssued       *self,
             gnutls_x509_crt_t      like,
             EcertTestIssued       *issuer,
             gboolean               ca)
{
  g_autofree char *subject = ecert_x509_get_subject (like);
  guint8 key_id[64];
  size_t key_id_size = sizeof key_id;

  /* Issuers have RSA keys like the real ones, so that their signatures
   * differ from the real ones in value only, not in algorithm. */
  ecert_test_issued_prepare (self, subject, ca ? GNUTLS_PK_RSA : GNUTLS_PK_ECDSA,
                             ca ? 2048 : P256_BITS, ca);
  if (gnutls_x509_crt_get_authority_key_id (like, key_id, &key_id_size, NULL) >= 0)
    gnutls_x509_crt_set_authority_key_id (self->certificate, key_id, key_id_size);
  ecert_test_issued_sign (self, issuer);
}

static GBytes *
chain_pem (gnutls_x509_crt_t first,
           gnutls_x509_crt_t second)
{
  g_autoptr(GBytes) one = ecert_test_certificate_pem (first);
  g_autoptr(GBytes) two = second != NULL ? ecert_test_certificate_pem (second) : NULL;
  GByteArray *both = g_byte_array_new ();

  g_byte_array_append (both, g_bytes_get_data (one, NULL), g_bytes_get_size (one));
  if (two != NULL)
    g_byte_array_append (both, g_bytes_get_data (two, NULL), g_bytes_get_size (two));
  return g_byte_array_free_to_bytes (both);
}

static char *
sign_counterfeit (EcertTestIssued *signer,
                  GBytes          *chain)
{
  g_autofree char *xml = ecert_test_certificate_xml ();

  return ecert_test_sign_issued (xml, signer, chain);
}

/* Look-alikes of nz-root, nz-ca, nz-signer and nz-ecdsa, with the
 * attacker's keys: the names and the authority key identifiers match, so only
 * the signatures on the certificates tell them apart. */
static void
test_counterfeit_chains (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  gnutls_x509_crt_t real_root = load_certificate ("nz-root.pem");
  gnutls_x509_crt_t real_ca = load_certificate ("nz-ca.pem");
  gnutls_x509_crt_t real_signer = load_certificate ("nz-signer.pem");
  gnutls_x509_crt_t real_ecdsa = load_certificate ("nz-ecdsa.pem");
  g_auto(EcertTestIssued) root = { NULL, NULL };
  g_auto(EcertTestIssued) ca = { NULL, NULL };
  g_auto(EcertTestIssued) signer = { NULL, NULL };
  g_auto(EcertTestIssued) ecdsa = { NULL, NULL };
  g_autoptr(GBytes) fake_chain = NULL;
  g_autoptr(GBytes) fake_ca_real_root = NULL;
  g_autoptr(GBytes) real_ca_chain = NULL;
  g_autoptr(GBytes) real_chain = NULL;
  g_autoptr(GBytes) real_root_chain = NULL;
  g_autoptr(GBytes) fake_root_chain = NULL;
  struct {
    const char  *name;
    EcertTestIssued *signer;
    GBytes      *chain;
  } cases[6];

  counterfeit (&root, real_root, NULL, TRUE);
  counterfeit (&ca, real_ca, &root, TRUE);
  counterfeit (&signer, real_signer, &ca, FALSE);
  counterfeit (&ecdsa, real_ecdsa, &root, FALSE);

  /* The look-alikes pass a comparison of names and key identifiers. */
  g_assert_true (gnutls_x509_crt_check_issuer (ca.certificate, real_root));
  g_assert_true (gnutls_x509_crt_check_issuer (signer.certificate, real_ca));
  g_assert_true (gnutls_x509_crt_check_issuer (ecdsa.certificate, real_root));

  fake_chain = chain_pem (ca.certificate, root.certificate);
  fake_ca_real_root = chain_pem (ca.certificate, real_root);
  real_ca_chain = chain_pem (real_ca, NULL);
  real_chain = chain_pem (real_ca, real_root);
  real_root_chain = chain_pem (real_root, NULL);
  fake_root_chain = chain_pem (root.certificate, NULL);

  cases[0].name = "look-alike signer, intermediate and root";
  cases[0].signer = &signer;
  cases[0].chain = fake_chain;
  cases[1].name = "look-alike signer and intermediate, the real root";
  cases[1].signer = &signer;
  cases[1].chain = fake_ca_real_root;
  cases[2].name = "look-alike signer, the real intermediate";
  cases[2].signer = &signer;
  cases[2].chain = real_ca_chain;
  cases[3].name = "look-alike signer, the real intermediate and root";
  cases[3].signer = &signer;
  cases[3].chain = real_chain;
  cases[4].name = "look-alike signer directly under the root, the real root";
  cases[4].signer = &ecdsa;
  cases[4].chain = real_root_chain;
  cases[5].name = "look-alike signer directly under the root, the look-alike root";
  cases[5].signer = &ecdsa;
  cases[5].chain = fake_root_chain;

  /* Control: with the look-alike root as the anchor, the look-alike chain
   * is good, so what refuses them below is the real anchor's signatures. */
  {
    g_autoptr(EcertTrustStore) fooled = ecert_trust_store_new_in_memory ();
    g_autoptr(GBytes) root_pem = ecert_test_certificate_pem (root.certificate);
    g_autoptr(GPtrArray) added = ecert_trust_store_add_pem (fooled, "NZ", root_pem, NULL);
    g_autofree char *xml = sign_counterfeit (&signer, fake_chain);
    g_autofree char *direct = sign_counterfeit (&ecdsa, NULL);
    g_autoptr(EcertVerification) valid = ecert_test_verify_expecting (xml, fooled, ECERT_VERDICT_VALID);
    g_autoptr(EcertVerification) valid_direct = ecert_test_verify_expecting (direct, fooled, ECERT_VERDICT_VALID);

    g_assert_cmpuint (added->len, ==, 1);
    g_assert_cmpuint (g_strv_length ((char **) ecert_verification_get_chain (valid)), ==, 3);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = sign_counterfeit (cases[i].signer, cases[i].chain);
      g_autoptr(EcertVerification) verification = NULL;

      g_test_message ("%s", cases[i].name);
      verification = ecert_test_verify_expecting (xml, trust, ECERT_VERDICT_UNTRUSTED_SIGNER);
      g_assert_null (ecert_verification_get_anchor_country (verification));
    }

  gnutls_x509_crt_deinit (real_root);
  gnutls_x509_crt_deinit (real_ca);
  gnutls_x509_crt_deinit (real_signer);
  gnutls_x509_crt_deinit (real_ecdsa);
}

/* --- Key sizes ---------------------------------------------------------------- */

#define P192_BITS GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP192R1)
#define P224_BITS GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP224R1)
#define WEAK_CA_SUBJECT "CN=NZ weak CA,O=E-Cert Inspector tests"
#define WEAK_SIGNER_SUBJECT "CN=NZ weak signer,O=E-Cert Inspector tests"
#define WEAK_ROOT_SUBJECT "CN=NZ weak root,O=E-Cert Inspector tests,C=NZ"

/* The test certificate signed by @signer, with @intermediate (if any) in
 * X509Data. */
static char *
sign_issued (EcertTestIssued *signer,
             EcertTestIssued *intermediate)
{
  g_autofree char *xml = ecert_test_certificate_xml ();
  g_autoptr(GBytes) chain = NULL;

  if (intermediate != NULL)
    chain = ecert_test_certificate_pem (intermediate->certificate);
  return ecert_test_sign_issued (xml, signer, chain);
}

/* XML Signature wants an ECDSA signature as r||s, each at the size of the
 * curve's field; GnuTLS gives it in DER. */
static char *
ecdsa_signature_text (const gnutls_datum_t *der_signature,
                      guint                 field_size)
{
  g_autofree guint8 *raw = g_malloc0 (2 * field_size);
  gnutls_datum_t r = { NULL, 0 };
  gnutls_datum_t s = { NULL, 0 };

  g_assert_cmpint (gnutls_decode_rs_value (der_signature, &r, &s), ==, 0);
  while (r.size > field_size && r.data[0] == 0)
    memmove (r.data, r.data + 1, --r.size);
  while (s.size > field_size && s.data[0] == 0)
    memmove (s.data, s.data + 1, --s.size);
  g_assert_cmpuint (r.size, <=, field_size);
  g_assert_cmpuint (s.size, <=, field_size);
  memcpy (raw + field_size - r.size, r.data, r.size);
  memcpy (raw + 2 * field_size - s.size, s.data, s.size);
  gnutls_free (r.data);
  gnutls_free (s.data);
  return g_base64_encode (raw, 2 * field_size);
}

/* `ecert sign` refuses RSA keys under 2048 bits and curves below P-256, so
 * such a signer signs by hand: the test certificate signed by a stand-in
 * key of the same kind and an accepted size, then its certificate and
 * signature value replaced by @signer's over the same SignedInfo.
 * @field_size is the size of an ECDSA signer's curve's field, 0 for RSA. */
static char *
sign_by_hand (EcertTestIssued *signer,
              guint            field_size)
{
  gboolean ecdsa = field_size > 0;
  g_auto(EcertTestIssued) stand_in = { NULL, NULL };
  g_autofree char *signed_xml = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GBytes) canonical = NULL;
  g_autofree char *certificate_text = NULL;
  g_autofree char *signature_text = NULL;
  gnutls_datum_t certificate_der = { NULL, 0 };
  gnutls_datum_t data;
  gnutls_datum_t signature_value = { NULL, 0 };
  gnutls_privkey_t key = NULL;
  xmlNode *signature;
  xmlNode *signed_info;
  xmlNode *x509_certificate;
  xmlChar *output = NULL;
  int output_length = 0;
  gsize length;
  char *result;

  ecert_test_issue (&stand_in, WEAK_SIGNER_SUBJECT, ecdsa ? GNUTLS_PK_ECDSA : GNUTLS_PK_RSA,
                    ecdsa ? P256_BITS : 2048, FALSE, NULL);
  signed_xml = sign_issued (&stand_in, NULL);
  doc = xmlReadMemory (signed_xml, (int) strlen (signed_xml), NULL, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  signature = xmlLastElementChild (xmlDocGetRootElement (doc));
  signed_info = xmlFirstElementChild (signature);
  x509_certificate = xmlFirstElementChild (xmlFirstElementChild (xmlLastElementChild (signature)));
  g_assert_cmpstr ((const char *) x509_certificate->name, ==, "X509Certificate");

  g_assert_cmpint (gnutls_x509_crt_export2 (signer->certificate, GNUTLS_X509_FMT_DER,
                                            &certificate_der), ==, 0);
  certificate_text = g_base64_encode (certificate_der.data, certificate_der.size);
  gnutls_free (certificate_der.data);
  xmlNodeSetContent (x509_certificate, BAD_CAST certificate_text);

  canonical = ecert_xmldsig_c14n_subtree (doc, signed_info,
                                          ecert_xmldsig_find_c14n (ECERT_XMLDSIG_EXC_C14N), NULL);
  g_assert_nonnull (canonical);
  data.data = (unsigned char *) g_bytes_get_data (canonical, &length);
  data.size = (unsigned int) length;
  gnutls_privkey_init (&key);
  g_assert_cmpint (gnutls_privkey_import_x509 (key, signer->key, 0), ==, 0);
  g_assert_cmpint (gnutls_privkey_sign_data2 (key, ecdsa ? GNUTLS_SIGN_ECDSA_SHA256
                                                         : GNUTLS_SIGN_RSA_SHA256,
                                              0, &data, &signature_value), ==, 0);
  gnutls_privkey_deinit (key);

  signature_text = ecdsa ? ecdsa_signature_text (&signature_value, field_size)
                         : g_base64_encode (signature_value.data, signature_value.size);
  gnutls_free (signature_value.data);
  xmlNodeSetContent (element_after (signed_info), BAD_CAST signature_text);

  xmlDocDumpMemoryEnc (doc, &output, &output_length, "UTF-8");
  result = g_strndup ((const char *) output, output_length);
  xmlFree (output);
  return result;
}

/* RSA signers under 2048 bits and ECDSA signers below P-256 are refused,
 * with the key's size in the reason; 2048 bits and P-256 are accepted. */
static void
test_weak_signer_key (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_auto(EcertTestIssued) root = { NULL, NULL };
  g_auto(EcertTestIssued) rsa_1024 = { NULL, NULL };
  g_auto(EcertTestIssued) rsa_2048 = { NULL, NULL };
  g_auto(EcertTestIssued) p224 = { NULL, NULL };
  g_auto(EcertTestIssued) p256 = { NULL, NULL };
  g_autofree char *rsa_1024_xml = NULL;
  g_autofree char *rsa_2048_xml = NULL;
  g_autofree char *p224_xml = NULL;
  g_autofree char *p256_xml = NULL;
  g_autoptr(EcertVerification) refused_rsa = NULL;
  g_autoptr(EcertVerification) refused_p224 = NULL;
  g_autoptr(EcertVerification) valid_rsa = NULL;
  g_autoptr(EcertVerification) valid_p256 = NULL;

  ecert_test_issued_load (&root, "nz-root");
  ecert_test_issue (&rsa_1024, WEAK_SIGNER_SUBJECT, GNUTLS_PK_RSA, 1024, FALSE, &root);
  ecert_test_issue (&rsa_2048, WEAK_SIGNER_SUBJECT, GNUTLS_PK_RSA, 2048, FALSE, &root);
  ecert_test_issue (&p224, WEAK_SIGNER_SUBJECT, GNUTLS_PK_ECDSA, P224_BITS, FALSE, &root);
  ecert_test_issue (&p256, WEAK_SIGNER_SUBJECT, GNUTLS_PK_ECDSA, P256_BITS, FALSE, &root);
  /* The hand-made signatures are sound: the same steps with RSA-2048 and
   * P-256 are valid. */
  rsa_1024_xml = sign_by_hand (&rsa_1024, 0);
  rsa_2048_xml = sign_by_hand (&rsa_2048, 0);
  p224_xml = sign_by_hand (&p224, 28);
  p256_xml = sign_by_hand (&p256, 32);

  refused_rsa = ecert_test_verify_expecting (rsa_1024_xml, trust, ECERT_VERDICT_UNSUPPORTED);
  ecert_test_assert_reason_mentions (refused_rsa, "signer’s key is RSA 1024 bits");
  ecert_test_assert_reason_mentions (refused_rsa, "at least 2048");
  refused_p224 = ecert_test_verify_expecting (p224_xml, trust, ECERT_VERDICT_UNSUPPORTED);
  ecert_test_assert_reason_mentions (refused_p224, "signer’s key");
  ecert_test_assert_reason_mentions (refused_p224, "224 bits");
  ecert_test_assert_reason_mentions (refused_p224, "P-256");
  /* Who the signer is is shown all the same. */
  g_assert_cmpstr (ecert_verification_get_signer_subject (refused_rsa), ==, WEAK_SIGNER_SUBJECT);

  valid_rsa = ecert_test_verify_expecting (rsa_2048_xml, trust, ECERT_VERDICT_VALID);
  valid_p256 = ecert_test_verify_expecting (p256_xml, trust, ECERT_VERDICT_VALID);
}

/* The same for a certificate between the signer and the anchor. */
static void
test_weak_intermediate_key (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_auto(EcertTestIssued) root = { NULL, NULL };
  struct {
    gnutls_pk_algorithm_t  algorithm;
    unsigned int           bits;
    EcertVerdict           verdict;
    const char            *words;
  } cases[] = {
    { GNUTLS_PK_RSA, 1024, ECERT_VERDICT_UNSUPPORTED, "RSA key of 1024 bits" },
    { GNUTLS_PK_ECDSA, P224_BITS, ECERT_VERDICT_UNSUPPORTED, "(224 bits)" },
    { GNUTLS_PK_ECDSA, P192_BITS, ECERT_VERDICT_UNSUPPORTED, "(192 bits)" },
    { GNUTLS_PK_RSA, 2048, ECERT_VERDICT_VALID, "trusted" },
    { GNUTLS_PK_ECDSA, P256_BITS, ECERT_VERDICT_VALID, "trusted" },
  };

  ecert_test_issued_load (&root, "nz-root");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(EcertTestIssued) ca = { NULL, NULL };
      g_auto(EcertTestIssued) signer = { NULL, NULL };
      g_autofree char *xml = NULL;
      g_autoptr(EcertVerification) verification = NULL;

      ecert_test_issue (&ca, WEAK_CA_SUBJECT, cases[i].algorithm, cases[i].bits, TRUE, &root);
      ecert_test_issue (&signer, WEAK_SIGNER_SUBJECT, GNUTLS_PK_ECDSA, P256_BITS, FALSE, &ca);
      xml = sign_issued (&signer, &ca);

      verification = ecert_test_verify_expecting (xml, trust, cases[i].verdict);
      ecert_test_assert_reason_mentions (verification, cases[i].words);
      if (cases[i].verdict == ECERT_VERDICT_UNSUPPORTED)
        {
          ecert_test_assert_reason_mentions (verification, "NZ weak CA");
          ecert_test_assert_reason_mentions (verification, cases[i].algorithm == GNUTLS_PK_RSA ? "at least 2048"
                                                                             : "P-256");
        }
      else
        assert_chain (verification, WEAK_SIGNER_SUBJECT, WEAK_CA_SUBJECT, NZ_ROOT_SUBJECT, NULL);
    }
}

/* An anchor with a weak key vouches for nothing: whoever breaks it can
 * make any chain below it. */
static void
test_weak_anchor_key (void)
{
  g_auto(EcertTestIssued) weak_root = { NULL, NULL };
  g_auto(EcertTestIssued) strong_root = { NULL, NULL };
  g_auto(EcertTestIssued) weak_signer = { NULL, NULL };
  g_auto(EcertTestIssued) strong_signer = { NULL, NULL };
  g_autoptr(EcertTrustStore) weak_trust = NULL;
  g_autoptr(EcertTrustStore) strong_trust = NULL;
  g_autofree char *weak_xml = NULL;
  g_autofree char *strong_xml = NULL;
  g_autoptr(EcertVerification) refused = NULL;
  g_autoptr(EcertVerification) refused_again = NULL;
  g_autoptr(EcertVerification) valid = NULL;

  ecert_test_issue (&weak_root, WEAK_ROOT_SUBJECT, GNUTLS_PK_RSA, 1024, TRUE, NULL);
  ecert_test_issue (&strong_root, WEAK_ROOT_SUBJECT, GNUTLS_PK_RSA, 2048, TRUE, NULL);
  ecert_test_issue (&weak_signer, WEAK_SIGNER_SUBJECT, GNUTLS_PK_ECDSA, P256_BITS, FALSE,
                    &weak_root);
  ecert_test_issue (&strong_signer, WEAK_SIGNER_SUBJECT, GNUTLS_PK_ECDSA, P256_BITS, FALSE,
                    &strong_root);
  weak_trust = ecert_test_trust_issued ("NZ", &weak_root);
  strong_trust = ecert_test_trust_issued ("NZ", &strong_root);
  weak_xml = sign_issued (&weak_signer, NULL);
  strong_xml = sign_issued (&strong_signer, NULL);

  refused = ecert_test_verify_expecting (weak_xml, weak_trust, ECERT_VERDICT_UNSUPPORTED);
  ecert_test_assert_reason_mentions (refused, "trust anchor");
  ecert_test_assert_reason_mentions (refused, "RSA key of 1024 bits");
  ecert_test_assert_reason_mentions (refused, "at least 2048");
  valid = ecert_test_verify_expecting (strong_xml, strong_trust, ECERT_VERDICT_VALID);

  /* Checked again, from the analysis of the chain the trust store keeps:
   * the same. */
  refused_again = ecert_test_verify_expecting (weak_xml, weak_trust, ECERT_VERDICT_UNSUPPORTED);
  g_assert_cmpstr (ecert_verification_get_reason (refused_again), ==,
                   ecert_verification_get_reason (refused));
}

/* Names in a signer's certificate are bytes from an untrusted document:
 * the verification shows them as valid UTF-8, without control characters. */
static void
test_signer_names_not_utf8 (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  /* A PrintableString with a byte that is no UTF-8, an escape sequence and
   * a line break. */
  static const guint8 common_name[] = { 0x13, 0x0d, 'n', 'z', 0x94, 's', 'i', 'g', 'n', 0x1b,
                                        '[', '3', '1', 'm', '\n' };
  g_auto(EcertTestIssued) signer = { NULL, NULL };
  g_autoptr(EcertVerification) verification = NULL;
  g_autofree char *xml = NULL;
  gnutls_datum_t der = { NULL, 0 };
  guint8 serial[] = { 0x01 };
  const char * const *chain;

  gnutls_x509_privkey_init (&signer.key);
  g_assert_cmpint (gnutls_x509_privkey_generate (signer.key, GNUTLS_PK_ECDSA, P256_BITS, 0),
                   ==, 0);
  gnutls_x509_crt_init (&signer.certificate);
  gnutls_x509_crt_set_version (signer.certificate, 3);
  gnutls_x509_crt_set_serial (signer.certificate, serial, sizeof serial);
  gnutls_x509_crt_set_activation_time (signer.certificate, 1420070400);
  gnutls_x509_crt_set_expiration_time (signer.certificate, 2524608000);
  g_assert_cmpint (gnutls_x509_crt_set_dn_by_oid (signer.certificate, GNUTLS_OID_X520_COMMON_NAME,
                                                  1, common_name, sizeof common_name), ==, 0);
  gnutls_x509_crt_set_key (signer.certificate, signer.key);
  gnutls_x509_crt_set_key_usage (signer.certificate, GNUTLS_KEY_DIGITAL_SIGNATURE);
  g_assert_cmpint (gnutls_x509_crt_sign2 (signer.certificate, signer.certificate, signer.key,
                                          GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (signer.certificate, GNUTLS_X509_FMT_DER, &der), ==, 0);
  gnutls_x509_crt_deinit (signer.certificate);
  gnutls_x509_crt_init (&signer.certificate);
  g_assert_cmpint (gnutls_x509_crt_import (signer.certificate, &der, GNUTLS_X509_FMT_DER), ==, 0);
  gnutls_free (der.data);

  xml = sign_counterfeit (&signer, NULL);
  verification = ecert_test_verify_expecting (xml, trust, ECERT_VERDICT_UNTRUSTED_SIGNER);

  g_assert_true (g_utf8_validate (ecert_verification_get_signer_subject (verification), -1, NULL));
  g_assert_true (g_utf8_validate (ecert_verification_get_signer_issuer (verification), -1, NULL));
  g_assert_null (strchr (ecert_verification_get_signer_subject (verification), '\x1b'));
  g_assert_null (strchr (ecert_verification_get_signer_subject (verification), '\n'));
  g_assert_nonnull (strstr (ecert_verification_get_signer_subject (verification), "sign"));
  chain = ecert_verification_get_chain (verification);
  for (guint i = 0; chain[i] != NULL; i++)
    g_assert_true (g_utf8_validate (chain[i], -1, NULL));
}

/* --- The trust store on disk ----------------------------------------------- */

static void
test_store_on_disk (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = ecert_test_make_temp_dir ();
  g_autoptr(GBytes) root_pem = ecert_test_load_pki ("nz-root.pem");
  g_autofree char *xml = signed_certificate_with (NULL, NULL, "nz-signer", "nz-ca");
  g_autoptr(EcertTrustStore) store = NULL;
  g_autoptr(EcertTrustStore) reopened = NULL;
  g_autoptr(EcertTrustStore) after_removal = NULL;
  g_autoptr(GPtrArray) initially = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) listed_after = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(EcertVerification) trusted = NULL;
  g_autoptr(EcertVerification) removed = NULL;
  g_autoptr(EcertVerification) removed_reopened = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) countries = NULL;
  EcertTrustAnchor *anchor;

  g_assert_no_error (error);
  store = ecert_trust_store_new_for_directory (directory, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ecert_trust_store_get_directory (store), ==, directory);
  initially = ecert_trust_store_list (store);
  g_assert_cmpuint (initially->len, ==, 0);

  /* Added under a country written in lower case: filed as NZ, on disk. */
  added = ecert_trust_store_add_pem (store, "nz", root_pem, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 1);
  anchor = added->pdata[0];
  g_assert_cmpstr (anchor->country, ==, "NZ");
  g_assert_cmpstr (anchor->subject, ==, NZ_ROOT_SUBJECT);
  g_assert_cmpint (g_date_time_get_year (anchor->not_after), ==, 2060);
  name = g_strdup (anchor->name);
  path = g_build_filename (directory, "NZ", name, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Not twice; and no country that does not exist. */
  again = ecert_trust_store_add_pem (store, "NZ", root_pem, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  refused = ecert_trust_store_add_pem (store, "New Zealand", root_pem, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Read back from disk, it vouches for NZ. */
  reopened = ecert_trust_store_new_for_directory (directory, &error);
  g_assert_no_error (error);
  listed = ecert_trust_store_list (reopened);
  g_assert_cmpuint (listed->len, ==, 1);
  anchor = listed->pdata[0];
  g_assert_cmpstr (anchor->country, ==, "NZ");
  g_assert_cmpstr (anchor->name, ==, name);
  g_assert_cmpstr (anchor->subject, ==, NZ_ROOT_SUBJECT);
  countries = ecert_trust_store_get_countries (reopened);
  g_assert_cmpuint (g_strv_length (countries), ==, 1);
  g_assert_cmpstr (countries[0], ==, "NZ");
  trusted = ecert_test_verify_expecting (xml, reopened, ECERT_VERDICT_VALID);
  g_assert_cmpstr (ecert_verification_get_anchor_country (trusted), ==, "NZ");

  /* Removed, it no longer vouches, in this store or read again. */
  g_assert_true (ecert_trust_store_remove (reopened, "NZ", name, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  removed = ecert_test_verify_expecting (xml, reopened, ECERT_VERDICT_UNTRUSTED_SIGNER);
  after_removal = ecert_trust_store_new_for_directory (directory, &error);
  g_assert_no_error (error);
  listed_after = ecert_trust_store_list (after_removal);
  g_assert_cmpuint (listed_after->len, ==, 0);
  removed_reopened = ecert_test_verify_expecting (xml, after_removal, ECERT_VERDICT_UNTRUSTED_SIGNER);

  g_assert_false (ecert_trust_store_remove (reopened, "NZ", name, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TRUST_STORE);

  ecert_test_remove_tree (directory);
  g_assert_false (g_file_test (directory, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/verify-trust/valid-details", test_valid_details);
  g_test_add_func ("/verify-trust/async", test_async);
  g_test_add_func ("/verify-trust/stored-reverify", test_stored_reverify);
  g_test_add_func ("/verify-trust/valid-ecdsa-inclusive", test_valid_ecdsa_inclusive);
  g_test_add_func ("/verify-trust/no-anchor", test_no_anchor);
  g_test_add_func ("/verify-trust/wrong-country", test_wrong_country);
  g_test_add_func ("/verify-trust/missing-intermediate", test_missing_intermediate);
  g_test_add_func ("/verify-trust/no-digital-signature-usage", test_no_digital_signature_usage);
  g_test_add_func ("/verify-trust/expired-at-issue", test_expired_at_issue);
  g_test_add_func ("/verify-trust/not-yet-valid-at-issue", test_not_yet_valid_at_issue);
  g_test_add_func ("/verify-trust/expired-since", test_expired_since);
  g_test_add_func ("/verify-trust/no-issue-date", test_no_issue_date);
  g_test_add_func ("/verify-trust/no-export-country", test_no_export_country);
  g_test_add_func ("/verify-trust/sha1", test_sha1);
  g_test_add_func ("/verify-trust/counterfeit-chains", test_counterfeit_chains);
  g_test_add_func ("/verify-trust/weak-signer-key", test_weak_signer_key);
  g_test_add_func ("/verify-trust/weak-intermediate-key", test_weak_intermediate_key);
  g_test_add_func ("/verify-trust/weak-anchor-key", test_weak_anchor_key);
  g_test_add_func ("/verify-trust/signer-names-not-utf8", test_signer_names_not_utf8);
  g_test_add_func ("/verify-trust/store-on-disk", test_store_on_disk);

  return g_test_run ();
}
