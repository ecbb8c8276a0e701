/* ecert-confirmation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwMessageDialog *ecert_confirmation_present (GtkWidget  *parent,
                                              const char *heading,
                                              const char *body,
                                              const char *keep_label,
                                              const char *response,
                                              const char *confirm_label);

G_END_DECLS
