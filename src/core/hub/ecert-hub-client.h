/* ecert-hub-client.h: talking to an ePhyto hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-envelope.h"
#include "ecert-hub-code-list.h"
#include "ecert-nppo.h"
#include "ecert-soap-reply.h"
#include "ecert-soap-request.h"

G_BEGIN_DECLS

/* Seconds without progress before a request is given up. */
#define ECERT_HUB_CLIENT_DEFAULT_TIMEOUT 60
/* Seconds a whole exchange (connecting, sending, the whole reply) may take,
 * for a reply of the default size limit; a larger limit scales it. */
#define ECERT_HUB_CLIENT_DEFAULT_DEADLINE 120
/* The slowest reply taken, in bytes a second over a window of seconds: a
 * hub sending less is answering too slowly to ever finish. */
#define ECERT_HUB_CLIENT_DEFAULT_MINIMUM_RATE 512
#define ECERT_HUB_CLIENT_DEFAULT_RATE_WINDOW 20
/* Further attempts after a transient failure, and the first pause. */
#define ECERT_HUB_CLIENT_DEFAULT_RETRIES 3
#define ECERT_HUB_CLIENT_DEFAULT_RETRY_DELAY_MS 500
/* Requests in flight to the hub at once, at most. */
#define ECERT_HUB_CLIENT_MAX_CONNECTIONS 8

#define ECERT_TYPE_HUB_CLIENT (ecert_hub_client_get_type ())

G_DECLARE_FINAL_TYPE (EcertHubClient, ecert_hub_client, ECERT, HUB_CLIENT, GObject)

EcertHubClient *ecert_hub_client_new                          (const char            *address,
                                                               GError               **error);
const char     *ecert_hub_client_get_address                  (EcertHubClient        *self);
gboolean        ecert_hub_client_set_certificate_files        (EcertHubClient        *self,
                                                               const char            *certificate_file,
                                                               const char            *key_file,
                                                               GError               **error);
gboolean        ecert_hub_client_set_pkcs12_file              (EcertHubClient        *self,
                                                               const char            *file,
                                                               const char            *passphrase,
                                                               GError               **error);
gboolean        ecert_hub_client_set_ca_file                  (EcertHubClient        *self,
                                                               const char            *file,
                                                               GError               **error);
void            ecert_hub_client_set_timeout                  (EcertHubClient        *self,
                                                               guint                  seconds);
guint           ecert_hub_client_get_timeout                  (EcertHubClient        *self);
void            ecert_hub_client_set_deadline                 (EcertHubClient        *self,
                                                               guint                  seconds);
void            ecert_hub_client_set_minimum_rate             (EcertHubClient        *self,
                                                               guint                  bytes_per_second,
                                                               guint                  window_seconds);
void            ecert_hub_client_set_retries                  (EcertHubClient        *self,
                                                               guint                  retries,
                                                               guint                  first_delay_ms);

void            ecert_hub_client_call_async                   (EcertHubClient        *self,
                                                               const EcertSoapRequest *request,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
EcertSoapReply *ecert_hub_client_call_finish                  (EcertHubClient        *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);

void            ecert_hub_client_get_import_envelope_headers_async  (EcertHubClient      *self,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
EcertEnvelopeHeaderList *ecert_hub_client_get_import_envelope_headers_finish (EcertHubClient  *self,
                                                                               GAsyncResult    *result,
                                                                               GError         **error);
void            ecert_hub_client_wait_for_import_envelope_headers_async (EcertHubClient  *self,
                                                                         guint            seconds,
                                                                         GCancellable    *cancellable,
                                                                         GAsyncReadyCallback callback,
                                                                         gpointer         user_data);
void            ecert_hub_client_pull_single_import_envelope_async  (EcertHubClient      *self,
                                                                     const char          *hub_tracking_number,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
EcertEnvelope  *ecert_hub_client_pull_single_import_envelope_finish (EcertHubClient      *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);
void            ecert_hub_client_pull_import_envelope_async         (EcertHubClient      *self,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
GPtrArray      *ecert_hub_client_pull_import_envelope_finish        (EcertHubClient      *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);
void            ecert_hub_client_acknowledge_async                  (EcertHubClient      *self,
                                                                     EcertTrackingInfo    state,
                                                                     const char          *hub_tracking_number,
                                                                     const char          *message,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
gboolean        ecert_hub_client_acknowledge_finish                 (EcertHubClient      *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);
void            ecert_hub_client_get_envelope_tracking_info_async   (EcertHubClient      *self,
                                                                     const char          *hub_tracking_number,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
EcertEnvelopeHeader *ecert_hub_client_get_envelope_tracking_info_finish (EcertHubClient  *self,
                                                                         GAsyncResult    *result,
                                                                         GError         **error);
void            ecert_hub_client_get_profile_async                  (EcertHubClient      *self,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
EcertNppo      *ecert_hub_client_get_profile_finish                 (EcertHubClient      *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);
void            ecert_hub_client_get_active_nppos_async             (EcertHubClient      *self,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
GPtrArray      *ecert_hub_client_get_active_nppos_finish            (EcertHubClient      *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);
void            ecert_hub_client_deliver_envelope_async             (EcertHubClient      *self,
                                                                     const EcertEnvelope *envelope,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
EcertEnvelopeHeader *ecert_hub_client_deliver_envelope_finish       (EcertHubClient      *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);
void            ecert_hub_client_deliver_country_response_async     (EcertHubClient      *self,
                                                                     const EcertEnvelopeHeader *header,
                                                                     const char          *acknowledgement,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
EcertEnvelopeHeader *ecert_hub_client_deliver_country_response_finish (EcertHubClient    *self,
                                                                       GAsyncResult      *result,
                                                                       GError           **error);
void            ecert_hub_client_get_code_list_async                (EcertHubClient      *self,
                                                                     EcertHubCodeList     list,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
GPtrArray      *ecert_hub_client_get_code_list_finish               (EcertHubClient      *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);

char           *ecert_tls_certificate_flags_describe                (GTlsCertificateFlags  flags);

G_END_DECLS
