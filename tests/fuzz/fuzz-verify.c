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

#include "fuzz-trust.h"
#include "ecert-verifier.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

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

  verification = ecert_verify_certificate (certificate, ecert_fuzz_get_trust_store (), now);
  g_assert (ecert_verification_get_reason (verification) != NULL);
  g_assert (ecert_verification_get_reason (verification)[0] != '\0');

  return 0;
}
