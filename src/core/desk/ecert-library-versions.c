/* ecert-library-versions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-library-versions"

#include "config.h"

#include <gnutls/gnutls.h>
#include <libsoup/soup.h>
#include <libxml/parser.h>
#include <sqlite3.h>

#include "ecert-library-versions.h"

/* The libraries a verdict depends on, with the versions actually loaded at
 * run time (not the headers built against): support requests need these. */
char *
ecert_get_library_versions (void)
{
  /* libxml2 publishes its run-time version as "20914" for 2.9.14. */
  guint libxml = (guint) g_ascii_strtoull (xmlParserVersion, NULL, 10);

  return g_strdup_printf ("GLib %u.%u.%u, libxml2 %u.%u.%u, GnuTLS %s, SQLite %s, libsoup %u.%u.%u",
                          glib_major_version, glib_minor_version, glib_micro_version,
                          libxml / 10000, libxml / 100 % 100, libxml % 100,
                          gnutls_check_version (NULL),
                          sqlite3_libversion (),
                          soup_get_major_version (), soup_get_minor_version (),
                          soup_get_micro_version ());
}
