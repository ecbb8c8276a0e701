/* ecert-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-application.h"
#include "ecert-certificate-list.h"

G_BEGIN_DECLS

#define ECERT_TYPE_WINDOW (ecert_window_get_type ())

G_DECLARE_FINAL_TYPE (EcertWindow, ecert_window, ECERT, WINDOW, AdwApplicationWindow)

EcertWindow *ecert_window_new        (EcertApplication *application);
void         ecert_window_save_state (EcertWindow      *self);
EcertCertificateList *ecert_window_get_certificate_list (EcertWindow *self);

G_END_DECLS
