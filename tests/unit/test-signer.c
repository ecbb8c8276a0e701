/* test-signer.c: which keys `ecert sign` signs with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What we sign is what we accept: a key the verifier would refuse in a
 * signer's chain (RSA under 2048 bits, a curve under P-256) signs nothing,
 * and the error says why in the verifier's words. Keys of the accepted
 * sizes sign certificates the verifier finds valid.
 */

#include "config.h"

#include <string.h>

#include <gnutls/x509.h>

#include "ecert-core.h"
#include "ecert-test-signing.h"

#define P224_BITS GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP224R1)
#define P256_BITS GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1)
#define TEST_SIGNER_SUBJECT "CN=NZ test signer,O=E-Cert Inspector tests"

/* The test certificate signed with @key_pem as `ecert sign` does: the key
 * loaded, then the document signed. */
static char *
sign_with (GBytes  *key_pem,
           GBytes  *certificate_pem,
           GError **error)
{
  g_autofree char *xml = ecert_test_certificate_xml ();
  g_autoptr(GBytes) document = g_bytes_new (xml, strlen (xml));
  g_autoptr(GBytes) signed_document = NULL;
  g_autoptr(EcertSigningKey) key = NULL;

  key = ecert_signing_key_load (key_pem, certificate_pem, NULL, error);
  if (key == NULL)
    return NULL;

  signed_document = ecert_sign_document (document, key, ECERT_SIGN_C14N_EXCLUSIVE, error);
  if (signed_document == NULL)
    return NULL;

  return g_strndup (g_bytes_get_data (signed_document, NULL), g_bytes_get_size (signed_document));
}

static char *
sign_with_issued (EcertTestIssued  *signer,
                  GError          **error)
{
  g_autoptr(GBytes) key_pem = ecert_test_issued_key_pem (signer);
  g_autoptr(GBytes) certificate_pem = ecert_test_certificate_pem (signer->certificate);

  return sign_with (key_pem, certificate_pem, error);
}

static void
assert_refused (const char   *signed_xml,
                const GError *error,
                const char   *first_words,
                ...) G_GNUC_NULL_TERMINATED;

/* Nothing was signed, and the error names the key's size and the least
 * that is accepted. */
static void
assert_refused (const char   *signed_xml,
                const GError *error,
                const char   *first_words,
                ...)
{
  va_list args;

  g_assert_null (signed_xml);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_SIGNING);
  g_test_message ("%s", error->message);

  va_start (args, first_words);
  for (const char *words = first_words; words != NULL; words = va_arg (args, const char *))
    {
      if (strstr (error->message, words) == NULL)
        g_error ("“%s” does not mention “%s”", error->message, words);
    }
  va_end (args);
}

/* The test PKI's RSA-1024 signer (nz-weak), as `ecert sign --key` reads it. */
static void
test_rsa_1024_key_file (void)
{
  g_autoptr(GBytes) key_pem = ecert_test_load_pki ("nz-weak.key");
  g_autoptr(GBytes) certificate_pem = ecert_test_load_pki ("nz-weak.pem");
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_xml = sign_with (key_pem, certificate_pem, &error);

  assert_refused (signed_xml, error, "RSA 1024 bits", "at least 2048", NULL);
}

/* Keys made here: RSA under 2048 bits and curves under P-256 sign
 * nothing; RSA-2048 and P-256 sign, and what they sign is valid. */
static void
test_key_sizes (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_auto(EcertTestIssued) root = { NULL, NULL };
  struct {
    gnutls_pk_algorithm_t  algorithm;
    unsigned int           bits;
    const char            *size_words;
    const char            *least_words;
  } cases[] = {
    { GNUTLS_PK_RSA, 1024, "RSA 1024 bits", "at least 2048" },
    { GNUTLS_PK_RSA, 1536, "RSA 1536 bits", "at least 2048" },
    { GNUTLS_PK_ECDSA, P224_BITS, "(224 bits)", "at least P-256" },
    { GNUTLS_PK_RSA, 2048, NULL, NULL },
    { GNUTLS_PK_ECDSA, P256_BITS, NULL, NULL },
  };

  ecert_test_issued_load (&root, "nz-root");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(EcertTestIssued) signer = { NULL, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *signed_xml = NULL;

      g_test_message ("%s, %u bits", cases[i].algorithm == GNUTLS_PK_RSA ? "RSA" : "ECDSA",
                      cases[i].bits);
      ecert_test_issue (&signer, TEST_SIGNER_SUBJECT, cases[i].algorithm, cases[i].bits, FALSE,
                        &root);
      signed_xml = sign_with_issued (&signer, &error);

      if (cases[i].size_words != NULL)
        assert_refused (signed_xml, error, cases[i].size_words, cases[i].least_words, NULL);
      else
        {
          g_autoptr(EcertVerification) verification = NULL;

          g_assert_no_error (error);
          verification = ecert_test_verify_expecting (signed_xml, trust, ECERT_VERDICT_VALID);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signer/rsa-1024-key-file", test_rsa_1024_key_file);
  g_test_add_func ("/signer/key-sizes", test_key_sizes);

  return g_test_run ();
}
