/* ecert-image-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ECERT_TYPE_IMAGE_WINDOW (ecert_image_window_get_type ())

G_DECLARE_FINAL_TYPE (EcertImageWindow, ecert_image_window, ECERT, IMAGE_WINDOW, AdwWindow)

EcertImageWindow *ecert_image_window_new (GtkWindow    *parent,
                                          const char   *title,
                                          GdkPaintable *image);

G_END_DECLS
