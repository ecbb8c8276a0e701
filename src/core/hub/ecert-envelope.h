/* ecert-envelope.h: what the hub carries, and where it stands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * EcertTrackingInfo:
 * @ECERT_TRACKING_INFO_UNKNOWN: the hub gave no tracking state, or one this
 *   program does not know
 * @ECERT_TRACKING_INFO_PENDING_DELIVERY: waiting for the importing NPPO
 * @ECERT_TRACKING_INFO_DELIVERED: acknowledged by the importing NPPO
 * @ECERT_TRACKING_INFO_FAILED_DELIVERY: the hub could not deliver it
 * @ECERT_TRACKING_INFO_ENVELOPE_NOT_EXISTS: the hub has no such envelope
 * @ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS: acknowledged with a warning
 * @ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE: received, but the importing
 *   NPPO could not read it
 *
 * The hub's HUBTrackingInfo states, in the order the WSDL lists them.
 */
typedef enum
{
  ECERT_TRACKING_INFO_UNKNOWN,
  ECERT_TRACKING_INFO_PENDING_DELIVERY,
  ECERT_TRACKING_INFO_DELIVERED,
  ECERT_TRACKING_INFO_FAILED_DELIVERY,
  ECERT_TRACKING_INFO_ENVELOPE_NOT_EXISTS,
  ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS,
  ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE,
} EcertTrackingInfo;

const char        *ecert_tracking_info_to_string   (EcertTrackingInfo  info);
EcertTrackingInfo  ecert_tracking_info_from_string (const char        *text);
gboolean           ecert_tracking_info_is_delivered (EcertTrackingInfo info);

/**
 * EcertEnvelopeForwarding:
 * @code: the channel the envelope was forwarded through
 * @hub_delivery_number: (nullable): its number on that channel
 */
typedef struct
{
  char *code;
  char *hub_delivery_number;
} EcertEnvelopeForwarding;

/**
 * EcertEnvelopeHeader:
 * @from: the exporting NPPO's country (ISO 3166-1 alpha-2)
 * @to: the importing NPPO's country
 * @certificate_type: the document type code, e.g. 851 (phytosanitary)
 * @certificate_status: the document status code, e.g. 70 (issued), 40
 *   (withdrawn)
 * @nppo_certificate_number: the certificate's number given by its NPPO
 * @hub_delivery_number: (nullable): the hub's tracking number for it
 * @tracking_info: where delivery stands
 * @hub_delivery_error_message: (nullable): why delivery failed
 * @forwardings: (element-type EcertEnvelopeForwarding): channels it went
 *   through; may be empty
 *
 * The hub's EnvelopeHeader. Plain data: copy it with
 * ecert_envelope_header_copy(), free it with ecert_envelope_header_free().
 */
typedef struct
{
  char              *from;
  char              *to;
  int                certificate_type;
  int                certificate_status;
  char              *nppo_certificate_number;
  char              *hub_delivery_number;
  EcertTrackingInfo  tracking_info;
  char              *hub_delivery_error_message;
  GPtrArray         *forwardings;
} EcertEnvelopeHeader;

/**
 * EcertEnvelope:
 * @header: what the hub says about the document
 * @content: (nullable): the Content as the hub gave it: the certificate's
 *   XML, or base64 of it (see ecert_content_decode_document()); for a
 *   country response, the SPSAcknowledgement document
 *
 * The hub's Envelope: a header and the document it carries.
 */
typedef struct
{
  EcertEnvelopeHeader *header;
  char                *content;
} EcertEnvelope;

#define ECERT_TYPE_ENVELOPE_HEADER (ecert_envelope_header_get_type ())
#define ECERT_TYPE_ENVELOPE (ecert_envelope_get_type ())

GType                    ecert_envelope_header_get_type    (void) G_GNUC_CONST;
EcertEnvelopeHeader     *ecert_envelope_header_new         (void);
EcertEnvelopeHeader     *ecert_envelope_header_copy        (const EcertEnvelopeHeader *header);
void                     ecert_envelope_header_free        (EcertEnvelopeHeader       *header);
void                     ecert_envelope_header_add_forwarding (EcertEnvelopeHeader    *header,
                                                               const char             *code,
                                                               const char             *hub_delivery_number);

void                     ecert_envelope_forwarding_free    (EcertEnvelopeForwarding   *forwarding);

GType                    ecert_envelope_get_type           (void) G_GNUC_CONST;
EcertEnvelope           *ecert_envelope_new                (void);
EcertEnvelope           *ecert_envelope_copy               (const EcertEnvelope       *envelope);
void                     ecert_envelope_free               (EcertEnvelope             *envelope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertEnvelopeHeader, ecert_envelope_header_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertEnvelope, ecert_envelope_free)

G_END_DECLS
