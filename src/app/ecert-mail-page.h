/* ecert-mail-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-session.h"

G_BEGIN_DECLS

#define ECERT_TYPE_MAIL_PAGE (ecert_mail_page_get_type ())

G_DECLARE_FINAL_TYPE (EcertMailPage, ecert_mail_page, ECERT, MAIL_PAGE, AdwPreferencesPage)

void ecert_mail_page_set_session (EcertMailPage *self,
                                  EcertSession  *session);

G_END_DECLS
