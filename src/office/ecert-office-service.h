/* ecert-office-service.h: the hub's operations, served to an office's desks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-core.h"

G_BEGIN_DECLS

/* The request header in which a desk asks the office to hold a request
 * for headers open, up to that many seconds, until something arrives. */
#define ECERT_OFFICE_WAIT_HEADER "X-Ecert-Wait"

/* Where an office answers what the WSDL lacks (docs/office-protocol.md). */
#define ECERT_OFFICE_EXTENSION_PATH "/office/v1"

/* The longest hold an office grants, whatever a desk asks. */
#define ECERT_OFFICE_MAX_WAIT_SECONDS 60

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
