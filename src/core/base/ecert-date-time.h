/* ecert-date-time.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EcertDateTime:
 * @text: the date as written in the certificate
 * @value: (nullable): what it means, or %NULL when it could not be read
 * @has_time: whether a time of day was given, not only a date
 * @has_zone: whether a zone offset was given; without one the time is the
 *   issuer's local time, taken as UTC for ordering only
 *
 * A date from a certificate. A date that is absent or empty is "not given"
 * and is represented by a %NULL #EcertDateTime, never by a made-up value.
 */
typedef struct
{
  char      *text;
  GDateTime *value;
  gboolean   has_time;
  gboolean   has_zone;
} EcertDateTime;

EcertDateTime *ecert_date_time_parse  (const char          *text);
void           ecert_date_time_free   (EcertDateTime       *date_time);
char          *ecert_date_time_format (const EcertDateTime *date_time);

char          *ecert_date_time_format_moment (GDateTime      *moment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertDateTime, ecert_date_time_free)

G_END_DECLS
