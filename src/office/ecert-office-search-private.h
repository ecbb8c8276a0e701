/* ecert-office-search-private.h: words as the office's full-text index
 * holds them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At most this many words of a search are used; the rest are ignored. */
#define ECERT_OFFICE_SEARCH_MAX_WORDS 32

char *_ecert_office_search_document (const char *text);
char *_ecert_office_search_query    (const char *words);

G_END_DECLS
