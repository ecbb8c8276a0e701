/* ecert-date-time.c: the date forms certificates use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ePhyto writes udt:DateTimeString in ISO 8601, with or without a zone
 * offset, sometimes a bare date; EU TRACES writes udt:DateTime; older
 * UN/CEFACT documents use the compact forms of code list 2379 (102: CCYYMMDD,
 * 203: CCYYMMDDHHMM, 204: CCYYMMDDHHMMSS).
 */

#define G_LOG_DOMAIN "ecert-date-time"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ecert-date-time.h"

static gboolean
all_digits (const char *text,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

static GDateTime *
new_checked_utc (int year, int month, int day, int hour, int minute, int second)
{
  /* g_date_time_new() refuses impossible dates such as 2023-02-30. */
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return NULL;

  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

static GDateTime *
parse_compact (const char *text,
               gboolean   *has_time)
{
  gsize length = strlen (text);
  int year, month, day, hour = 0, minute = 0, second = 0;

  if (!all_digits (text, length) || (length != 8 && length != 12 && length != 14))
    return NULL;

  if (sscanf (text, "%4d%2d%2d", &year, &month, &day) != 3)
    return NULL;
  if (length >= 12 && sscanf (text + 8, "%2d%2d", &hour, &minute) != 2)
    return NULL;
  if (length == 14 && sscanf (text + 12, "%2d", &second) != 1)
    return NULL;

  *has_time = length > 8;
  return new_checked_utc (year, month, day, hour, minute, second);
}

static GDateTime *
parse_date_only (const char *text)
{
  int year, month, day;
  char tail;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return NULL;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3)
    return NULL;

  return new_checked_utc (year, month, day, 0, 0, 0);
}

static gboolean
time_has_zone (const char *time_part)
{
  return strchr (time_part, 'Z') != NULL || strchr (time_part, 'z') != NULL ||
         strchr (time_part, '+') != NULL || strchr (time_part, '-') != NULL;
}

/**
 * ecert_date_time_parse:
 * @text: (nullable): a date as written in a certificate
 *
 * Returns: (transfer full) (nullable): %NULL when no date is given; else the
 *   date, whose @value is %NULL when the text could not be read
 */
EcertDateTime *
ecert_date_time_parse (const char *text)
{
  g_autoptr(EcertDateTime) date_time = NULL;
  g_autofree char *iso = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  char *time_part;

  if (text == NULL)
    return NULL;

  date_time = g_new0 (EcertDateTime, 1);
  date_time->text = g_strstrip (g_strdup (text));
  if (date_time->text[0] == '\0')
    return NULL;

  date_time->value = parse_date_only (date_time->text);
  if (date_time->value != NULL)
    return g_steal_pointer (&date_time);

  date_time->value = parse_compact (date_time->text, &date_time->has_time);
  if (date_time->value != NULL)
    return g_steal_pointer (&date_time);

  /* "2016-04-22 13:53:08" is common enough to read like the ISO form. */
  iso = g_strdup (date_time->text);
  if (strlen (iso) > 10 && iso[10] == ' ')
    iso[10] = 'T';

  time_part = strchr (iso, 'T');
  if (time_part == NULL)
    return g_steal_pointer (&date_time);

  utc = g_time_zone_new_utc ();
  date_time->value = g_date_time_new_from_iso8601 (iso, utc);
  if (date_time->value != NULL)
    {
      date_time->has_time = TRUE;
      date_time->has_zone = time_has_zone (time_part);
    }

  return g_steal_pointer (&date_time);
}

void
ecert_date_time_free (EcertDateTime *date_time)
{
  if (date_time == NULL)
    return;

  g_free (date_time->text);
  g_clear_pointer (&date_time->value, g_date_time_unref);
  g_free (date_time);
}

/**
 * ecert_date_time_format:
 *
 * The date for people, in ISO 8601 order (inspectors compare documents from
 * many countries, where 04/05 means two different days): with the time and
 * the zone offset when the certificate gave them, or the text as written
 * when it could not be read.
 *
 * Returns: (transfer full): the formatted date
 */
char *
ecert_date_time_format (const EcertDateTime *date_time)
{
  g_return_val_if_fail (date_time != NULL, NULL);

  if (date_time->value == NULL)
    return g_strdup (date_time->text);

  if (!date_time->has_time)
    return g_date_time_format (date_time->value, "%Y-%m-%d");

  if (!date_time->has_zone)
    {
      g_autofree char *local = g_date_time_format (date_time->value, "%Y-%m-%d %H:%M:%S");

      /* Translators: a date and time for which the certificate gave no time zone */
      return g_strdup_printf (_("%s (no time zone given)"), local);
    }

  return g_date_time_format (date_time->value, "%Y-%m-%d %H:%M:%S %:z");
}

/**
 * ecert_date_time_format_moment:
 * @moment: when something happened at this desk: a draft saved, a reply
 *   received, a paper check made
 *
 * Writes @moment for people, in this desk's time zone, with the date in
 * ISO order and the time on the 24-hour clock: `2026-12-07 13:11:19`. The
 * locale's short form is not used because it is ambiguous to the very
 * readers a certificate travels between: `12/07/26` is the 7th of December
 * in one country and the 12th of July in the next. The list shows dates
 * the same way. A no-break space joins the date and the time, so that a
 * line that wraps does not part them.
 *
 * Returns: (transfer full): the text
 */
char *
ecert_date_time_format_moment (GDateTime *moment)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (moment != NULL, NULL);

  local = g_date_time_to_local (moment);
  return g_date_time_format (local, "%Y-%m-%d\u00a0%H:%M:%S");
}
