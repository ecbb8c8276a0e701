/* ecert-paper-check.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-session.h"

G_BEGIN_DECLS

#define ECERT_TYPE_PAPER_CHECK (ecert_paper_check_get_type ())

G_DECLARE_FINAL_TYPE (EcertPaperCheck, ecert_paper_check, ECERT, PAPER_CHECK, GtkWidget)

void ecert_paper_check_set_session (EcertPaperCheck *self,
                                    EcertSession    *session);
void ecert_paper_check_focus       (EcertPaperCheck *self);

G_END_DECLS
