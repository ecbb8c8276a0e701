/* ecert-file-filters.c: the kinds of file a file chooser offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-file-filters"

#include "config.h"

#include <string.h>

#include "ecert-file-filters.h"

/**
 * ecert_file_filters_add:
 * @name: what the files are called, for people
 * @first_kind: a glob pattern such as "*.pem", or a content type such as
 *   "application/pdf", followed by more of them and %NULL
 *
 * Offers one more kind of file in @chooser.
 */
void
ecert_file_filters_add (GtkFileChooser *chooser,
                        const char     *name,
                        const char     *first_kind,
                        ...)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  va_list kinds;

  g_return_if_fail (GTK_IS_FILE_CHOOSER (chooser));

  gtk_file_filter_set_name (filter, name);
  va_start (kinds, first_kind);
  /* A content type always has a slash, and a file name pattern never. */
  for (const char *kind = first_kind; kind != NULL; kind = va_arg (kinds, const char *))
    if (strchr (kind, '/') != NULL)
      gtk_file_filter_add_mime_type (filter, kind);
    else
      gtk_file_filter_add_pattern (filter, kind);
  va_end (kinds);
  gtk_file_chooser_add_filter (chooser, filter);
}
