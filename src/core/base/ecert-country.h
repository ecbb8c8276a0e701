/* ecert-country.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ecert_country_code_normalize (const char  *text,
                                    GError     **error);
const char *ecert_country_get_name (const char  *code);
char       *ecert_country_describe (const char  *code);
void        ecert_country_sort_by_name (GPtrArray   *codes);
GPtrArray  *ecert_country_codes_by_name (void);

G_END_DECLS
