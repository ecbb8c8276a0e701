/* ecert-drafts-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-cache.h"

G_BEGIN_DECLS

#define ECERT_TYPE_DRAFTS_WINDOW (ecert_drafts_window_get_type ())

G_DECLARE_FINAL_TYPE (EcertDraftsWindow, ecert_drafts_window, ECERT, DRAFTS_WINDOW, AdwWindow)

EcertDraftsWindow *ecert_drafts_window_new (GtkWindow  *parent,
                                            EcertCache *cache);

G_END_DECLS
