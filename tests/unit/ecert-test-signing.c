/* ecert-test-signing.c: signed certificates for the verifier's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Certificates are signed in-process with the committed test PKI
 * (tests/data/pki, see make-pki.sh), exactly as `ecert sign` would.
 */

#include "config.h"

#include <stdarg.h>

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
