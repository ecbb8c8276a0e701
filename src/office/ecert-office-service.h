/* ecert-office-service.h: the hub's operations, served to an office's desks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-core.h"
#include "ecert-office-protocol.h"

G_BEGIN_DECLS

#define ECERT_TYPE_OFFICE_SERVICE (ecert_office_service_get_type ())

G_DECLARE_FINAL_TYPE (EcertOfficeService, ecert_office_service, ECERT, OFFICE_SERVICE, GObject)

EcertOfficeService *ecert_office_service_new    (const char          *store_uri,
                                                 GTlsCertificate     *certificate,
                                                 GError             **error);
gboolean            ecert_office_service_listen (EcertOfficeService  *self,
                                                 const char          *address,
                                                 guint                port,
                                                 GError             **error);
char               *ecert_office_service_get_url (EcertOfficeService *self);

G_END_DECLS
