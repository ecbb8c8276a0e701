/* test-country.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-core.h"

static void
test_country_codes (void)
{
  static const char *refused[] = { "", "N", "NZL", "N1", "ÑZ", "  " };
  g_autoptr(GError) error = NULL;
  g_autofree char *nz = ecert_country_code_normalize (" nz ", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (nz, ==, "NZ");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) refusal = NULL;
      g_autofree char *code = ecert_country_code_normalize (refused[i], &refusal);

      g_assert_null (code);
      g_assert_error (refusal, ECERT_ERROR, ECERT_ERROR_INVALID_COUNTRY);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/country/normalize", test_country_codes);

  return g_test_run ();
}
