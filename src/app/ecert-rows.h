/* ecert-rows.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       ecert_rows_remove_all  (AdwPreferencesGroup *group,
                                   GPtrArray           *rows);
GtkWidget *ecert_rows_new_button  (const char          *label,
                                   const char          *action,
                                   gint64               target);

G_END_DECLS
