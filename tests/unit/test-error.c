/* test-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-core.h"

static void
test_error_domain (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ECERT_ERROR, !=, 0);
  g_assert_cmpuint (ECERT_ERROR, ==, g_quark_from_static_string ("ecert-error-quark"));

  g_set_error_literal (&error, ECERT_ERROR, ECERT_ERROR_INVALID_COUNTRY, "bad");
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_COUNTRY);
  g_assert_false (g_error_matches (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS));
}

static void
test_error_codes_are_stable (void)
{
  /* Callers and scripts branch on these values: they must never move. */
  g_assert_cmpint (ECERT_ERROR_FAILED, ==, 0);
  g_assert_cmpint (ECERT_ERROR_INVALID_ARGUMENT, ==, 1);
  g_assert_cmpint (ECERT_ERROR_INVALID_ADDRESS, ==, 2);
  g_assert_cmpint (ECERT_ERROR_INVALID_COUNTRY, ==, 3);
  g_assert_cmpint (ECERT_ERROR_NOT_WELL_FORMED, ==, 4);
  g_assert_cmpint (ECERT_ERROR_HOSTILE_XML, ==, 5);
  g_assert_cmpint (ECERT_ERROR_TOO_LARGE, ==, 6);
  g_assert_cmpint (ECERT_ERROR_NOT_SPS_CERTIFICATE, ==, 7);
  g_assert_cmpint (ECERT_ERROR_UNSUPPORTED_VERSION, ==, 8);
  g_assert_cmpint (ECERT_ERROR_INVALID_CONTENT, ==, 9);
  g_assert_cmpint (ECERT_ERROR_CORRUPT_ATTACHMENT, ==, 10);
  g_assert_cmpint (ECERT_ERROR_SCHEMA, ==, 11);
  g_assert_cmpint (ECERT_ERROR_TRUST_STORE, ==, 12);
  g_assert_cmpint (ECERT_ERROR_CACHE, ==, 13);
  g_assert_cmpint (ECERT_ERROR_CACHE_DAMAGED, ==, 14);
  g_assert_cmpint (ECERT_ERROR_SIGNING, ==, 15);
  g_assert_cmpint (ECERT_ERROR_SOAP, ==, 16);
  g_assert_cmpint (ECERT_ERROR_HUB_FAULT, ==, 17);
  g_assert_cmpint (ECERT_ERROR_CONNECTION, ==, 18);
  g_assert_cmpint (ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT, ==, 19);
  g_assert_cmpint (ECERT_ERROR_MAIL, ==, 20);
  g_assert_cmpint (ECERT_ERROR_MAIL_SERVER, ==, 21);
  g_assert_cmpint (ECERT_ERROR_STORE, ==, 22);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/error/domain", test_error_domain);
  g_test_add_func ("/error/codes-are-stable", test_error_codes_are_stable);

  return g_test_run ();
}
