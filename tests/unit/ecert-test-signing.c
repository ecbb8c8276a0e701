/* ecert-test-signing.c: signed certificates for the verifier's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Certificates are signed in-process with the committed test PKI
 * (tests/data/pki, see make-pki.sh), exactly as `ecert sign` would.
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "ecert-test-signing.h"
#include "ecert-test-util.h"

GBytes *
ecert_test_load_pki (const char *file_name)
{
  g_autofree char *path = g_build_filename (g_getenv ("ECERT_TEST_DATA_DIR"), "pki", file_name,
                                            NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The full certificate of tests/data, in SPS version 17: exported from NZ,
 * issued 2026-03-14T09:26:53+13:00. */
char *
ecert_test_certificate_xml (void)
{
  return ecert_test_template (ECERT_TEST_RSM_NS, ECERT_TEST_RAM_NS, ECERT_TEST_UDT_NS,
                              "DateTimeString");
}

/**
 * ecert_test_sign_with_pem:
 * @chain_pem: (nullable): intermediates to include
 *
 * Returns: (transfer full): the signed document, NUL-terminated
 */
char *
ecert_test_sign_with_pem (const char    *xml,
                          GBytes        *key_pem,
                          GBytes        *certificate_pem,
                          GBytes        *chain_pem,
                          EcertSignC14n  c14n)
{
  g_autoptr(GBytes) document = g_bytes_new (xml, strlen (xml));
  g_autoptr(GBytes) signed_document = NULL;
  g_autoptr(EcertSigningKey) key = NULL;
  g_autoptr(GError) error = NULL;

  key = ecert_signing_key_load (key_pem, certificate_pem, chain_pem, &error);
  g_assert_no_error (error);
  signed_document = ecert_sign_document (document, key, c14n, &error);
  g_assert_no_error (error);

  return g_strndup (g_bytes_get_data (signed_document, NULL),
                    g_bytes_get_size (signed_document));
}

/**
 * ecert_test_sign:
 * @signer: the base name of a key and certificate in tests/data/pki
 * @chain: (nullable): the base name of an intermediate to include
 *
 * Returns: (transfer full): the signed document, NUL-terminated
 */
char *
ecert_test_sign (const char    *xml,
                 const char    *signer,
                 const char    *chain,
                 EcertSignC14n  c14n)
{
  g_autofree char *key_name = g_strconcat (signer, ".key", NULL);
  g_autofree char *certificate_name = g_strconcat (signer, ".pem", NULL);
  g_autofree char *chain_name = chain != NULL ? g_strconcat (chain, ".pem", NULL) : NULL;
  g_autoptr(GBytes) key_pem = ecert_test_load_pki (key_name);
  g_autoptr(GBytes) certificate_pem = ecert_test_load_pki (certificate_name);
  g_autoptr(GBytes) chain_pem = chain_name != NULL ? ecert_test_load_pki (chain_name) : NULL;

  return ecert_test_sign_with_pem (xml, key_pem, certificate_pem, chain_pem, c14n);
}

/**
 * ecert_test_trust:
 * @country: a country, then the base name of its anchor in tests/data/pki,
 *   and more pairs, %NULL-terminated
 *
 * Returns: (transfer full): an in-memory trust store
 */
EcertTrustStore *
ecert_test_trust (const char *country,
                  const char *anchor,
                  ...)
{
  EcertTrustStore *trust = ecert_trust_store_new_in_memory ();
  va_list args;

  va_start (args, anchor);
  while (country != NULL)
    {
      g_autofree char *file_name = g_strconcat (anchor, ".pem", NULL);
      g_autoptr(GBytes) pem = ecert_test_load_pki (file_name);
      g_autoptr(GPtrArray) added = NULL;
      g_autoptr(GError) error = NULL;

      added = ecert_trust_store_add_pem (trust, country, pem, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (added->len, ==, 1);

      country = va_arg (args, const char *);
      if (country != NULL)
        anchor = va_arg (args, const char *);
    }
  va_end (args);

  return trust;
}

EcertCertificate *
ecert_test_load (const char  *xml,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));

  return ecert_certificate_new_from_bytes (bytes, NULL, error);
}

/**
 * ecert_test_verify:
 * @now: (nullable): the present moment for the verifier
 * @certificate: (out) (optional): the certificate the verdict is about
 *
 * Reads @xml, which must be a certificate the reader accepts, and verifies it.
 *
 * Returns: (transfer full): the verification
 */
EcertVerification *
ecert_test_verify (const char        *xml,
                   EcertTrustStore   *trust,
                   GDateTime         *now,
                   EcertCertificate **certificate)
{
  g_autoptr(EcertCertificate) loaded = NULL;
  g_autoptr(GError) error = NULL;
  EcertVerification *verification;
  const char *reason;

  loaded = ecert_test_load (xml, &error);
  g_assert_no_error (error);
  verification = ecert_verify_certificate (loaded, trust, now);
  g_assert_nonnull (verification);

  /* Every verdict comes with words. */
  reason = ecert_verification_get_reason (verification);
  g_assert_nonnull (reason);
  g_assert_cmpstr (reason, !=, "");

  if (certificate != NULL)
    *certificate = g_steal_pointer (&loaded);
  return verification;
}

/* Verifies @xml and asserts the verdict, saying the reason in the log. */
EcertVerification *
ecert_test_verify_expecting (const char      *xml,
                             EcertTrustStore *trust,
                             EcertVerdict     expected)
{
  EcertVerification *verification = ecert_test_verify (xml, trust, NULL, NULL);
  EcertVerdict verdict = ecert_verification_get_verdict (verification);

  g_test_message ("%s: %s", ecert_verdict_to_string (verdict),
                  ecert_verification_get_reason (verification));
  g_assert_cmpstr (ecert_verdict_to_string (verdict), ==, ecert_verdict_to_string (expected));
  return verification;
}

void
ecert_test_assert_reason_mentions (EcertVerification *verification,
                                   const char        *words)
{
  const char *reason = ecert_verification_get_reason (verification);

  if (strstr (reason, words) == NULL)
    g_error ("“%s” does not mention “%s”", reason, words);
}

/* --- Keys and certificates made by the tests ------------------------------- */

void
ecert_test_issued_clear (EcertTestIssued *self)
{
  g_clear_pointer (&self->certificate, gnutls_x509_crt_deinit);
  g_clear_pointer (&self->key, gnutls_x509_privkey_deinit);
}

/**
 * ecert_test_issued_load:
 * @name: the base name of a key and certificate in tests/data/pki
 */
void
ecert_test_issued_load (EcertTestIssued *self,
                        const char      *name)
{
  g_autofree char *key_name = g_strconcat (name, ".key", NULL);
  g_autofree char *certificate_name = g_strconcat (name, ".pem", NULL);
  g_autoptr(GBytes) key_pem = ecert_test_load_pki (key_name);
  g_autoptr(GBytes) certificate_pem = ecert_test_load_pki (certificate_name);
  gnutls_datum_t key_data = { (unsigned char *) g_bytes_get_data (key_pem, NULL),
                              (unsigned int) g_bytes_get_size (key_pem) };
  gnutls_datum_t certificate_data = { (unsigned char *) g_bytes_get_data (certificate_pem, NULL),
                                      (unsigned int) g_bytes_get_size (certificate_pem) };

  gnutls_x509_privkey_init (&self->key);
  g_assert_cmpint (gnutls_x509_privkey_import (self->key, &key_data, GNUTLS_X509_FMT_PEM), ==, 0);
  gnutls_x509_crt_init (&self->certificate);
  g_assert_cmpint (gnutls_x509_crt_import (self->certificate, &certificate_data,
                                           GNUTLS_X509_FMT_PEM), ==, 0);
}

/**
 * ecert_test_issued_prepare:
 * @subject: the distinguished name, as RFC 4514 text
 * @bits: for RSA the modulus size; for ECDSA GNUTLS_CURVE_TO_BITS() of the
 *   curve
 *
 * Generates a key and a certificate for it, valid 2015-2050, not yet
 * signed: the caller may change it before ecert_test_issued_sign(). It has
 * no key identifiers, so issuers are matched by name alone.
 */
void
ecert_test_issued_prepare (EcertTestIssued       *self,
                           const char            *subject,
                           gnutls_pk_algorithm_t  algorithm,
                           unsigned int           bits,
                           gboolean               ca)
{
  guint8 serial[8];

  for (guint i = 0; i < sizeof serial; i++)
    serial[i] = (guint8) g_random_int_range (0, 256);
  serial[0] &= 0x7f;
  serial[0] |= 0x01;

  gnutls_x509_privkey_init (&self->key);
  g_assert_cmpint (gnutls_x509_privkey_generate (self->key, algorithm, bits, 0), ==, 0);
  gnutls_x509_crt_init (&self->certificate);
  gnutls_x509_crt_set_version (self->certificate, 3);
  gnutls_x509_crt_set_serial (self->certificate, serial, sizeof serial);
  gnutls_x509_crt_set_activation_time (self->certificate, 1420070400);   /* 2015 */
  gnutls_x509_crt_set_expiration_time (self->certificate, 2524608000);   /* 2050 */
  g_assert_cmpint (gnutls_x509_crt_set_dn (self->certificate, subject, NULL), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (self->certificate, self->key), ==, 0);
  gnutls_x509_crt_set_basic_constraints (self->certificate, ca, -1);
  gnutls_x509_crt_set_key_usage (self->certificate, ca ? GNUTLS_KEY_KEY_CERT_SIGN
                                                       : GNUTLS_KEY_DIGITAL_SIGNATURE);
}

/**
 * ecert_test_issued_sign:
 * @issuer: (nullable): who signs the certificate; %NULL: itself
 */
void
ecert_test_issued_sign (EcertTestIssued *self,
                        EcertTestIssued *issuer)
{
  gnutls_datum_t der = { NULL, 0 };

  g_assert_cmpint (gnutls_x509_crt_sign2 (self->certificate,
                                          issuer != NULL ? issuer->certificate : self->certificate,
                                          issuer != NULL ? issuer->key : self->key,
                                          GNUTLS_DIG_SHA256, 0), ==, 0);

  /* Read back, as a verifier would: GnuTLS keeps the encoded names it
   * compares only for imported certificates. */
  g_assert_cmpint (gnutls_x509_crt_export2 (self->certificate, GNUTLS_X509_FMT_DER, &der), ==, 0);
  gnutls_x509_crt_deinit (self->certificate);
  gnutls_x509_crt_init (&self->certificate);
  g_assert_cmpint (gnutls_x509_crt_import (self->certificate, &der, GNUTLS_X509_FMT_DER), ==, 0);
  gnutls_free (der.data);
}

/* ecert_test_issued_prepare() and ecert_test_issued_sign() at once. */
void
ecert_test_issue (EcertTestIssued       *self,
                  const char            *subject,
                  gnutls_pk_algorithm_t  algorithm,
                  unsigned int           bits,
                  gboolean               ca,
                  EcertTestIssued       *issuer)
{
  ecert_test_issued_prepare (self, subject, algorithm, bits, ca);
  ecert_test_issued_sign (self, issuer);
}

GBytes *
ecert_test_certificate_pem (gnutls_x509_crt_t certificate)
{
  gnutls_datum_t pem = { NULL, 0 };
  GBytes *bytes;

  g_assert_cmpint (gnutls_x509_crt_export2 (certificate, GNUTLS_X509_FMT_PEM, &pem), ==, 0);
  bytes = g_bytes_new (pem.data, pem.size);
  gnutls_free (pem.data);
  return bytes;
}

GBytes *
ecert_test_issued_key_pem (EcertTestIssued *self)
{
  gnutls_datum_t key = { NULL, 0 };
  GBytes *bytes;

  g_assert_cmpint (gnutls_x509_privkey_export2 (self->key, GNUTLS_X509_FMT_PEM, &key), ==, 0);
  bytes = g_bytes_new (key.data, key.size);
  gnutls_free (key.data);
  return bytes;
}

/**
 * ecert_test_sign_issued:
 * @chain_pem: (nullable): intermediates to include
 *
 * Returns: (transfer full): @xml signed by @signer, exclusive C14N
 */
char *
ecert_test_sign_issued (const char      *xml,
                        EcertTestIssued *signer,
                        GBytes          *chain_pem)
{
  g_autoptr(GBytes) signer_pem = ecert_test_certificate_pem (signer->certificate);
  g_autoptr(GBytes) key_pem = ecert_test_issued_key_pem (signer);

  return ecert_test_sign_with_pem (xml, key_pem, signer_pem, chain_pem,
                                   ECERT_SIGN_C14N_EXCLUSIVE);
}

/* An in-memory trust store with @anchor for @country. */
EcertTrustStore *
ecert_test_trust_issued (const char      *country,
                         EcertTestIssued *anchor)
{
  EcertTrustStore *trust = ecert_trust_store_new_in_memory ();
  g_autoptr(GBytes) pem = ecert_test_certificate_pem (anchor->certificate);
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;

  added = ecert_trust_store_add_pem (trust, country, pem, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->len, ==, 1);
  return trust;
}
