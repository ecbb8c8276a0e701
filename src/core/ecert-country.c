/* ecert-country.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-country"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-country.h"
#include "ecert-error.h"

/**
 * ecert_country_code_normalize:
 * @text: a country code as typed, e.g. " nz"
 * @error: return location for an %ECERT_ERROR_INVALID_COUNTRY error
 *
 * Certificates name countries by ISO 3166-1 alpha-2 code, and trust anchors
 * are kept per code, so a code is compared only in its canonical form: two
 * ASCII letters, upper case.
 *
 * Returns: (transfer full): the canonical code, or %NULL with @error set
 */
char *
ecert_country_code_normalize (const char  *text,
                              GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (strlen (trimmed) != 2 ||
      !g_ascii_isalpha (trimmed[0]) || !g_ascii_isalpha (trimmed[1]))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_COUNTRY,
                   _("“%s” is not a two-letter country code such as NZ or CN"), trimmed);
      return NULL;
    }

  return g_ascii_strup (trimmed, -1);
}
