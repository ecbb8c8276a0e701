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

static void
test_country_names (void)
{
  g_autofree char *nz = ecert_country_describe ("NZ");
  g_autofree char *unassigned = ecert_country_describe ("XX");
  g_autofree char *none = ecert_country_describe (NULL);

  g_assert_cmpstr (ecert_country_get_name ("NZ"), ==, "New Zealand");
  g_assert_cmpstr (ecert_country_get_name ("cn"), ==, "China");
  g_assert_cmpstr (ecert_country_get_name ("AD"), ==, "Andorra");
  g_assert_cmpstr (ecert_country_get_name ("ZW"), ==, "Zimbabwe");
  g_assert_null (ecert_country_get_name ("XX"));
  g_assert_null (ecert_country_get_name ("NZL"));
  g_assert_null (ecert_country_get_name (""));
  g_assert_null (ecert_country_get_name (NULL));
  g_assert_cmpstr (nz, ==, "New Zealand (NZ)");
  g_assert_cmpstr (unassigned, ==, "XX");
  g_assert_cmpstr (none, ==, "");
}

/* By name, not by code; codes that are no country's after, by code. */
static void
test_country_sort_by_name (void)
{
  const char *given[] = { "ZZ", "ZA", "ES", "DE", "EU", "CH", "GB" };
  const char *expected = "DE ZA ES CH GB EU ZZ";
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = ecert_country_codes_by_name ();
  g_autofree char *sorted = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    g_ptr_array_add (codes, g_strdup (given[i]));
  ecert_country_sort_by_name (codes);
  g_ptr_array_add (codes, NULL);
  sorted = g_strjoinv (" ", (char **) codes->pdata);
  g_assert_cmpstr (sorted, ==, expected);

  /* Every country, Afghanistan first. */
  g_assert_cmpuint (all->len, >, 240);
  g_assert_cmpstr (g_ptr_array_index (all, 0), ==, "AF");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/country/normalize", test_country_codes);
  g_test_add_func ("/country/names", test_country_names);
  g_test_add_func ("/country/sort-by-name", test_country_sort_by_name);

  return g_test_run ();
}
