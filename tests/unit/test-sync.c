/* test-sync.c: which acknowledgement a stored certificate earns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The run itself is tested against a real hub in
 * tests/integration/test_sync.py.
 */

#include "config.h"

#include <string.h>

#include "ecert-core.h"
#include "ecert-test-util.h"

static EcertCertificate *
certificate_with (const char *extra)
{
  g_autoptr(GBytes) bytes = ecert_test_certificate_variant ("NZ-2026-000001", "70", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL),
                                              g_bytes_get_size (bytes));
  g_autoptr(GBytes) changed = NULL;
  EcertCertificate *certificate;

  if (extra != NULL)
    {
      const char *end = strstr (text->str, "</rsm:SPSCertificate>");

      g_assert_nonnull (end);
      g_string_insert (text, end - text->str, extra);
    }
  changed = g_bytes_new (text->str, text->len);
  certificate = ecert_certificate_new_from_bytes (changed, NULL, &error);
  g_assert_no_error (error);
  return certificate;
}

static void
test_unsigned_is_not_a_warning (void)
{
  g_autoptr(EcertCertificate) certificate = certificate_with (NULL);
  g_autoptr(EcertTrustStore) trust = ecert_trust_store_new_in_memory ();
  g_autoptr(EcertVerification) verification = ecert_verify_certificate (certificate, trust, NULL);
  g_autofree char *warning = NULL;

  g_assert_cmpint (ecert_verification_get_verdict (verification), ==, ECERT_VERDICT_UNSIGNED);
  warning = ecert_sync_describe_problems (certificate, verification);
  g_assert_null (warning);
}

static void
test_unknown_elements_are_a_warning (void)
{
  g_autoptr(EcertCertificate) certificate =
    certificate_with ("<rsm:SurpriseSPSThing>kept, but shown nowhere</rsm:SurpriseSPSThing>");
  g_autofree char *warning = NULL;

  g_assert_cmpuint (ecert_certificate_get_unknown_elements (certificate)->len, >, 0);
  warning = ecert_sync_describe_problems (certificate, NULL);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "not in the SPS model"));
  g_assert_nonnull (strstr (warning, "SurpriseSPSThing"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/warning/unsigned", test_unsigned_is_not_a_warning);
  g_test_add_func ("/sync/warning/unknown-elements", test_unknown_elements_are_a_warning);
  return g_test_run ();
}
