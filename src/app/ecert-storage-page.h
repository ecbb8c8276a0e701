/* ecert-storage-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-session.h"

G_BEGIN_DECLS

#define ECERT_TYPE_STORAGE_PAGE (ecert_storage_page_get_type ())

G_DECLARE_FINAL_TYPE (EcertStoragePage, ecert_storage_page, ECERT, STORAGE_PAGE,
                      AdwPreferencesPage)

void ecert_storage_page_set_session (EcertStoragePage *self,
                                     EcertSession     *session);

G_END_DECLS
