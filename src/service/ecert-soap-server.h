/* ecert-soap-server.h: the ePhyto Hub's IDeliveryService over HTTPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-core.h"

G_BEGIN_DECLS

/* Where the WSDL puts the service, under a hub's address. */
#define ECERT_HUB_SERVICE_PATH "/hub/DeliveryService"

/* PULLImportEnvelope hands out at most this many envelopes at once. */
#define ECERT_HUB_PULL_LIMIT 100

typedef struct _EcertSoapCall EcertSoapCall;

#define ECERT_TYPE_SOAP_CALL (ecert_soap_call_get_type ())

GType                   ecert_soap_call_get_type        (void) G_GNUC_CONST;
EcertSoapCall          *ecert_soap_call_ref             (EcertSoapCall  *call);
void                    ecert_soap_call_unref           (EcertSoapCall  *call);
GTlsCertificate        *ecert_soap_call_get_peer        (EcertSoapCall  *call);
const EcertSoapRequest *ecert_soap_call_get_request     (EcertSoapCall  *call);
EcertSoapReply         *ecert_soap_call_get_reply       (EcertSoapCall  *call);
const char             *ecert_soap_call_get_request_header (EcertSoapCall *call,
                                                            const char    *name);
GCancellable           *ecert_soap_call_get_cancellable (EcertSoapCall  *call);
void                    ecert_soap_call_return          (EcertSoapCall  *call,
                                                         GError         *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertSoapCall, ecert_soap_call_unref)

#define ECERT_TYPE_SOAP_SERVER (ecert_soap_server_get_type ())

G_DECLARE_FINAL_TYPE (EcertSoapServer, ecert_soap_server, ECERT, SOAP_SERVER, GObject)

/**
 * EcertSoapHandler:
 * @server: the server
 * @call: a request from a client whose certificate the server accepted
 * @user_data: what was given to ecert_soap_server_new()
 *
 * Answers one call: fills its reply and returns it with
 * ecert_soap_call_return(), at once or later (keeping a reference).
 */
typedef void (*EcertSoapHandler) (EcertSoapServer *server,
                                  EcertSoapCall   *call,
                                  gpointer         user_data);

EcertSoapServer *ecert_soap_server_new          (const char        *name,
                                                 GTlsCertificate   *certificate,
                                                 GTlsDatabase      *client_authority,
                                                 EcertSoapHandler   handler,
                                                 gpointer           user_data,
                                                 GDestroyNotify     destroy);
void             ecert_soap_server_set_validate (EcertSoapServer   *self,
                                                 gboolean           validate);
void             ecert_soap_server_set_latency  (EcertSoapServer   *self,
                                                 guint              latency_ms);
/**
 * EcertSoapExtension:
 * @peer: the caller's certificate, accepted as for any call
 * @method: "GET" or "POST"
 * @path: the request's path, under the extension's
 * @query: (nullable): its query's fields
 * @body: (nullable): what was posted
 *
 * Answers a request to a service's extension beside the WSDL's operations.
 *
 * Returns: (transfer full): the JSON answer, or %NULL with @error set:
 *   ECERT_ERROR_INVALID_ARGUMENT for a request that cannot be answered
 *   (400), ECERT_ERROR_HUB_FAULT for a caller who may not ask (403),
 *   anything else for a failure of the service (500)
 */
typedef GBytes *(*EcertSoapExtension) (EcertSoapServer   *server,
                                       GTlsCertificate   *peer,
                                       const char        *method,
                                       const char        *path,
                                       GHashTable        *query,
                                       GBytes            *body,
                                       gpointer           user_data,
                                       GError           **error);

void             ecert_soap_server_add_extension (EcertSoapServer   *self,
                                                 const char        *path,
                                                 EcertSoapExtension handler,
                                                 gpointer           user_data);
gboolean         ecert_soap_server_listen       (EcertSoapServer   *self,
                                                 const char        *address,
                                                 guint              port,
                                                 GError           **error);
char            *ecert_soap_server_get_url      (EcertSoapServer   *self);

G_END_DECLS
