/* fuzz-verify.c: libFuzzer target for signature verification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Arbitrary bytes, read as a certificate, verified against the test PKI's
 * NZ anchor: the profile checks, canonicalization, base64, X.509 parsing,
 * path building and GnuTLS verification all see hostile input. Whatever the
 * input, verification must return a verdict and a reason, never crash.
 */

#include "config.h"

#include "ecert-trust-store.h"
#include "ecert-verifier.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static EcertTrustStore *
get_trust_store (void)
{
  static EcertTrustStore *trust = NULL;

  if (trust == NULL)
    {
      g_autofree char *path = g_build_filename (ECERT_FUZZ_PKI_DIR, "nz-root.pem", NULL);
      g_autofree char *pem = NULL;
      gsize length;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) added = NULL;

      if (!g_file_get_contents (path, &pem, &length, NULL))
        g_error ("Cannot read %s", path);
      bytes = g_bytes_new (pem, length);
      trust = ecert_trust_store_new_in_memory ();
      added = ecert_trust_store_add_pem (trust, "NZ", bytes, NULL);
      g_assert (added != NULL && added->len == 1);
    }

  return trust;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(EcertCertificate) certificate = ecert_certificate_new_from_bytes (bytes, NULL, NULL);
  g_autoptr(EcertVerification) verification = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 27, 12, 0, 0);

  if (certificate == NULL)
    return 0;

  verification = ecert_verify_certificate (certificate, get_trust_store (), now);
  g_assert (ecert_verification_get_reason (verification) != NULL);
  g_assert (ecert_verification_get_reason (verification)[0] != '\0');

  return 0;
}
