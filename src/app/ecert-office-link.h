/* ecert-office-link.h: the desk's standing connection to its office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-hub-client.h"
#include "ecert-hub-office.h"

G_BEGIN_DECLS

#define ECERT_TYPE_OFFICE_LINK (ecert_office_link_get_type ())

G_DECLARE_FINAL_TYPE (EcertOfficeLink, ecert_office_link, ECERT, OFFICE_LINK, GObject)

EcertOfficeLink          *ecert_office_link_new         (void);
void                      ecert_office_link_connect     (EcertOfficeLink *self,
                                                         EcertHubClient  *client);
void                      ecert_office_link_disconnect  (EcertOfficeLink *self);
void                      ecert_office_link_resume      (EcertOfficeLink *self);
void                      ecert_office_link_retry_now   (EcertOfficeLink *self);
EcertHubClient           *ecert_office_link_get_client  (EcertOfficeLink *self);
const EcertOfficeProfile *ecert_office_link_get_profile (EcertOfficeLink *self);
const GError             *ecert_office_link_get_error   (EcertOfficeLink *self);

G_END_DECLS
