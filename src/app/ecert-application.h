/* ecert-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-session.h"

G_BEGIN_DECLS

#define ECERT_TYPE_APPLICATION (ecert_application_get_type ())

G_DECLARE_FINAL_TYPE (EcertApplication, ecert_application, ECERT, APPLICATION, AdwApplication)

EcertApplication *ecert_application_new          (const char       *application_id);
GSettings        *ecert_application_get_settings (EcertApplication *self);
EcertSession     *ecert_application_get_session  (EcertApplication *self);
void              ecert_application_show_preferences (EcertApplication *self);
void              ecert_application_set_launched_at  (EcertApplication *self,
                                                      gint64            launched_at);
int               ecert_application_get_exit_status  (EcertApplication *self);

G_END_DECLS
