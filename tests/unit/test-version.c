/* test-version.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-core.h"

static void
test_version_matches_build (void)
{
  g_autofree char *joined = g_strdup_printf ("%u.%u.%u",
                                             ecert_get_major_version (),
                                             ecert_get_minor_version (),
                                             ecert_get_micro_version ());

  g_assert_cmpstr (ecert_get_version (), ==, PACKAGE_VERSION);
  g_assert_cmpstr (joined, ==, PACKAGE_VERSION);
}

static void
test_check_version (void)
{
  guint major = ecert_get_major_version ();
  guint minor = ecert_get_minor_version ();
  guint micro = ecert_get_micro_version ();

  g_assert_true (ecert_check_version (major, minor, micro));
  g_assert_true (ecert_check_version (0, 0, 0));
  g_assert_false (ecert_check_version (major + 1, 0, 0));
  g_assert_false (ecert_check_version (major, minor + 1, 0));
  g_assert_false (ecert_check_version (major, minor, micro + 1));
  if (minor > 0)
    g_assert_true (ecert_check_version (major, minor - 1, micro + 1));

  g_assert_true (ECERT_CHECK_VERSION (ECERT_MAJOR_VERSION, ECERT_MINOR_VERSION,
                                      ECERT_MICRO_VERSION));
  g_assert_false (ECERT_CHECK_VERSION (ECERT_MAJOR_VERSION + 1, 0, 0));
}

static void
test_library_versions (void)
{
  g_autofree char *versions = ecert_get_library_versions ();
  g_autoptr(GRegex) pattern =
    g_regex_new ("^GLib \\d+\\.\\d+\\.\\d+, libxml2 2\\.\\d+\\.\\d+, GnuTLS 3\\.\\d+\\.\\d+, "
                 "SQLite 3\\.\\d+\\.\\d+, libsoup 3\\.\\d+\\.\\d+$", 0, 0, NULL);

  g_assert_true (g_regex_match (pattern, versions, 0, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/version/matches-build", test_version_matches_build);
  g_test_add_func ("/version/check", test_check_version);
  g_test_add_func ("/version/libraries", test_library_versions);

  return g_test_run ();
}
