/* ecert-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-session.h"

G_BEGIN_DECLS

#define ECERT_TYPE_PREFERENCES_WINDOW (ecert_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (EcertPreferencesWindow, ecert_preferences_window, ECERT, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

EcertPreferencesWindow *ecert_preferences_window_new (EcertSession *session);

G_END_DECLS
