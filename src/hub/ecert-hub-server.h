/* ecert-hub-server.h: the hub's IDeliveryService over HTTPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-hub-store.h"
#include "ecert-soap-server.h"

G_BEGIN_DECLS

#define ECERT_TYPE_HUB_SERVER (ecert_hub_server_get_type ())

G_DECLARE_FINAL_TYPE (EcertHubServer, ecert_hub_server, ECERT, HUB_SERVER, GObject)

/**
 * EcertHubServerOptions:
 * @validate: check every message in either direction against the WSDL's
 *   schemas, and report departures on standard error
 * @latency_ms: how long each reply is held back; 0 for none
 * @auto_reply_seconds: after how long the exporting NPPO answers an
 *   inquiry; 0 for never
 *
 * How the hub behaves, for demonstrations and tests. With auto-reply, the
 * hub answers each inquiry on behalf of the NPPO it is addressed to, which
 * confirms the certificate when it delivered one of that number through
 * this hub, and denies issuing it otherwise. The answer is a country
 * response the inquirer pulls.
 */
typedef struct
{
  gboolean validate;
  guint    latency_ms;
  guint    auto_reply_seconds;
} EcertHubServerOptions;

EcertHubServer *ecert_hub_server_new          (const char                   *directory,
                                               EcertHubStore                *store,
                                               const EcertHubServerOptions  *options,
                                               GError                      **error);
gboolean        ecert_hub_server_listen       (EcertHubServer  *self,
                                               const char      *address,
                                               guint            port,
                                               GError         **error);
char           *ecert_hub_server_get_url      (EcertHubServer  *self);

G_END_DECLS
