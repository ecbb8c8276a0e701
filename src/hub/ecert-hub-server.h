/* ecert-hub-server.h: the hub's IDeliveryService over HTTPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-hub-store.h"

G_BEGIN_DECLS

/* Where the WSDL puts the service, under the hub's address. */
#define ECERT_HUB_SERVICE_PATH "/hub/DeliveryService"

/* PULLImportEnvelope hands out at most this many envelopes at once. */
#define ECERT_HUB_PULL_LIMIT 100

#define ECERT_TYPE_HUB_SERVER (ecert_hub_server_get_type ())

G_DECLARE_FINAL_TYPE (EcertHubServer, ecert_hub_server, ECERT, HUB_SERVER, GObject)

EcertHubServer *ecert_hub_server_new          (const char      *directory,
                                               EcertHubStore   *store,
                                               GError         **error);
void            ecert_hub_server_set_validate (EcertHubServer  *self,
                                               gboolean         validate);
void            ecert_hub_server_set_auto_reply (EcertHubServer *self,
                                               guint            seconds);
void            ecert_hub_server_set_latency  (EcertHubServer  *self,
                                               guint            milliseconds);
gboolean        ecert_hub_server_listen       (EcertHubServer  *self,
                                               const char      *address,
                                               guint            port,
                                               GError         **error);
char           *ecert_hub_server_get_url      (EcertHubServer  *self);

G_END_DECLS
