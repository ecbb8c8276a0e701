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

/* A value typed into a row is checked by core before it is stored. */
typedef char *(*EcertRowsNormalizeFunc) (const char  *text,
                                         GError     **error);

void       ecert_rows_show_entry_value    (AdwEntryRow            *row,
                                           const char             *value);
void       ecert_rows_set_invalid         (GtkWidget              *row,
                                           gboolean                invalid);
gboolean   ecert_rows_apply_entry         (AdwEntryRow            *row,
                                           GSettings              *settings,
                                           const char             *key,
                                           EcertRowsNormalizeFunc  normalize,
                                           GError                **error);
gboolean   ecert_rows_apply_pending_entry (AdwEntryRow            *row,
                                           GSettings              *settings,
                                           const char             *key,
                                           EcertRowsNormalizeFunc  normalize,
                                           GError                **error);
void       ecert_rows_show_file           (AdwActionRow           *row,
                                           const char             *path,
                                           const char             *none);
void       ecert_rows_show_result         (AdwActionRow           *row,
                                           GtkImage               *icon,
                                           gboolean                success,
                                           const char             *title,
                                           const char             *details);

G_END_DECLS
