/* ecert-file-filters.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ecert_file_filters_add (GtkFileChooser *chooser,
                             const char     *name,
                             const char     *first_kind,
                             ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
