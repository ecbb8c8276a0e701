/* ecert-hub-address.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The IPPC ePhyto Hub's delivery service, as the soap:address of its
 * published WSDLs gives it: production, and UAT for testing a connection
 * before going live. */
#define ECERT_HUB_ADDRESS_EPHYTO "https://hub.ephytoexchange.org/hub/DeliveryService"
#define ECERT_HUB_ADDRESS_EPHYTO_UAT "https://uat-hub.ephytoexchange.org/hub/DeliveryService"

char     *ecert_hub_address_normalize (const char  *text,
                                       GError     **error);
gboolean  ecert_hub_address_is_loopback (const char *address);

G_END_DECLS
