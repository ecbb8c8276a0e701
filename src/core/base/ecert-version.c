/* ecert-version.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-version"

#include "config.h"

#include "ecert-version.h"

const char *
ecert_get_version (void)
{
  return ECERT_VERSION_S;
}

guint
ecert_get_major_version (void)
{
  return ECERT_MAJOR_VERSION;
}

guint
ecert_get_minor_version (void)
{
  return ECERT_MINOR_VERSION;
}

guint
ecert_get_micro_version (void)
{
  return ECERT_MICRO_VERSION;
}

/* Run-time counterpart of ECERT_CHECK_VERSION(): TRUE when this core is at
 * least major.minor.micro. */
gboolean
ecert_check_version (guint major,
                     guint minor,
                     guint micro)
{
  guint64 have = ((guint64) ECERT_MAJOR_VERSION << 42) | ((guint64) ECERT_MINOR_VERSION << 21) |
                 ECERT_MICRO_VERSION;
  guint64 want;

  if (major >= (1u << 21) || minor >= (1u << 21) || micro >= (1u << 21))
    return FALSE;

  want = ((guint64) major << 42) | ((guint64) minor << 21) | micro;
  return have >= want;
}
