/* ecert-help.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char     *ecert_help_get_uri    (const char           *page);
void      ecert_help_show_async (GtkWindow            *parent,
                                 const char           *page,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean  ecert_help_show_finish (GtkWindow           *parent,
                                  GAsyncResult        *result,
                                  GError             **error);

G_END_DECLS
