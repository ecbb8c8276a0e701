/* test-date-time.c: moments written for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-date-time.h"

/* A moment of this desk is written as it is, in ISO order and 24 hours,
 * whatever the locale's own short form would say; the date and the time
 * are never parted by a line break. */
static void
test_moment_local (void)
{
  g_autoptr(GDateTime) afternoon = g_date_time_new_local (2026, 12, 7, 13, 11, 19);
  g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 7, 12, 9, 5, 0);
  g_autofree char *afternoon_text = ecert_date_time_format_moment (afternoon);
  g_autofree char *morning_text = ecert_date_time_format_moment (morning);

  g_assert_cmpstr (afternoon_text, ==, "2026-12-07\u00a013:11:19");
  g_assert_cmpstr (morning_text, ==, "2026-07-12\u00a009:05:00");
}

/* A moment from elsewhere is written in the desk's zone (TZ is set to
 * UTC+8 in main()), so two moments read side by side compare. */
static void
test_moment_other_zone (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 12, 7, 5, 11, 19);
  g_autoptr(GTimeZone) auckland = g_time_zone_new_offset (13 * 3600);
  g_autoptr(GDateTime) in_auckland = g_date_time_new (auckland, 2026, 12, 8, 0, 11, 19);
  g_autoptr(GDateTime) new_year = g_date_time_new_utc (2026, 12, 31, 20, 0, 0);
  g_autofree char *utc_text = ecert_date_time_format_moment (utc);
  g_autofree char *auckland_text = ecert_date_time_format_moment (in_auckland);
  g_autofree char *new_year_text = ecert_date_time_format_moment (new_year);

  g_assert_cmpstr (utc_text, ==, "2026-12-07\u00a013:11:19");
  g_assert_cmpstr (auckland_text, ==, "2026-12-07\u00a019:11:19");
  g_assert_cmpstr (new_year_text, ==, "2027-01-01\u00a004:00:00");
}

int
main (int   argc,
      char *argv[])
{
  /* A POSIX zone needs no time zone database on the machine. */
  g_setenv ("TZ", "CST-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date-time/moment/local", test_moment_local);
  g_test_add_func ("/date-time/moment/other-zone", test_moment_other_zone);

  return g_test_run ();
}
