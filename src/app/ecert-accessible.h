/* ecert-accessible.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void ecert_accessible_name_buttons (GtkWidget  *root);
void ecert_accessible_set_name     (GtkWidget  *widget,
                                    const char *name);
void ecert_accessible_set_label_value (GtkWidget  *widget,
                                       const char *label,
                                       const char *value);
void ecert_accessible_name_close_button (GtkWidget *bar);
void ecert_accessible_name_options (AdwComboRow *row);
void ecert_accessible_name_search  (GtkWidget  *root);

GtkListItemFactory *ecert_accessible_new_option_factory (void);

G_END_DECLS
