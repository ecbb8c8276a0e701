/* ecert-country.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-country"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-country-names.h"
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

static int
compare_code (const void *key,
              const void *element)
{
  return strncmp (key, element, 2);
}

/**
 * ecert_country_get_name:
 * @code: (nullable): an ISO 3166-1 alpha-2 code, upper case
 *
 * The country's short name in the user's language, as the iso-codes
 * package translates it (its "iso_3166-1" catalogue); English where it
 * has no translation.
 *
 * Returns: (nullable): the name, or %NULL for a code ISO 3166-1 does not
 *   assign
 */
const char *
ecert_country_get_name (const char *code)
{
  const char *found;
  char key[3];

  if (code == NULL || strlen (code) != 2)
    return NULL;

  key[0] = g_ascii_toupper (code[0]);
  key[1] = g_ascii_toupper (code[1]);
  key[2] = '\0';
  found = bsearch (key, ecert_country_names, G_N_ELEMENTS (ecert_country_names),
                   sizeof ecert_country_names[0], compare_code);
  if (found == NULL)
    return NULL;

  return g_dgettext ("iso_3166-1", ((const typeof (ecert_country_names[0]) *) found)->name);
}

/**
 * ecert_country_describe:
 * @code: (nullable): a country code as a certificate gives it
 *
 * A country for people: "New Zealand (NZ)"; the code alone when it is not
 * an assigned one, since that is all the certificate says.
 *
 * Returns: (transfer full): the description; empty for no code
 */
char *
ecert_country_describe (const char *code)
{
  const char *name = ecert_country_get_name (code);

  if (code == NULL)
    return g_strdup ("");
  if (name == NULL)
    return g_strdup (code);

  /* Translators: a country's name and its ISO code, "New Zealand (NZ)" */
  return g_strdup_printf (_("%s (%s)"), name, code);
}

typedef struct
{
  char *code;
  char *key;     /* the collation key of the country's name; NULL for no country */
} NamedCode;

static int
compare_named_codes (gconstpointer a,
                     gconstpointer b)
{
  const NamedCode *first = a;
  const NamedCode *second = b;

  if ((first->key == NULL) != (second->key == NULL))
    return first->key == NULL ? 1 : -1;
  if (first->key != NULL)
    return strcmp (first->key, second->key);
  return strcmp (first->code, second->code);
}

/**
 * ecert_country_sort_by_name:
 * @codes: (element-type utf8): country codes
 *
 * Sorts @codes in the order of the countries' names in the user's language,
 * as people look for a country in a list of names; codes ISO 3166-1 does
 * not assign come after the countries, by code.
 */
void
ecert_country_sort_by_name (GPtrArray *codes)
{
  g_autofree NamedCode *named = NULL;

  g_return_if_fail (codes != NULL);

  named = g_new (NamedCode, codes->len);
  for (guint i = 0; i < codes->len; i++)
    {
      const char *name = ecert_country_get_name (g_ptr_array_index (codes, i));

      named[i].code = g_ptr_array_index (codes, i);
      named[i].key = name != NULL ? g_utf8_collate_key (name, -1) : NULL;
    }

  qsort (named, codes->len, sizeof named[0], compare_named_codes);
  for (guint i = 0; i < codes->len; i++)
    {
      codes->pdata[i] = named[i].code;
      g_free (named[i].key);
    }
}

/**
 * ecert_country_codes_by_name:
 *
 * Every ISO 3166-1 country, in the order of its name in the user's
 * language, as a list sorted by exporting country shows them.
 *
 * Returns: (transfer full) (element-type utf8): the codes
 */
GPtrArray *
ecert_country_codes_by_name (void)
{
  GPtrArray *codes = g_ptr_array_new_full (G_N_ELEMENTS (ecert_country_names), g_free);

  for (guint i = 0; i < G_N_ELEMENTS (ecert_country_names); i++)
    g_ptr_array_add (codes, g_strdup (ecert_country_names[i].code));
  ecert_country_sort_by_name (codes);
  return codes;
}
