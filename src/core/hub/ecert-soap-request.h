/* ecert-soap-request.h: a request to the hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ecert-envelope.h"
#include "ecert-soap.h"

G_BEGIN_DECLS

/**
 * EcertSoapRequest:
 * @operation: what is asked
 * @country_code: (nullable): GetImportEnvelopeHeaders: whose headers (the
 *   hub knows the caller's country from its certificate, so it may be
 *   left out)
 * @hub_tracking_number: PULLSingleImportEnvelope, the acknowledgements and
 *   GetEnvelopeTrackingInfo: which envelope
 * @message: AdvancedAcknowledgeEnvelopeReceipt: the warning;
 *   AcknowledgeFailedEnvelopeReceipt: why the envelope cannot be read
 * @envelope: DeliverEnvelope: what to deliver;
 *   DeliverCountryResponseEnvelope: the header, with the SPSAcknowledgement
 *   document as its content
 *
 * One request; the members an operation does not use stay %NULL.
 */
typedef struct
{
  EcertSoapOperation  operation;
  char               *country_code;
  char               *hub_tracking_number;
  char               *message;
  EcertEnvelope      *envelope;
} EcertSoapRequest;

EcertSoapRequest *ecert_soap_request_new      (EcertSoapOperation       operation);
void              ecert_soap_request_free     (EcertSoapRequest        *request);
GBytes           *ecert_soap_request_to_bytes (const EcertSoapRequest  *request,
                                               GError                 **error);
EcertSoapRequest *ecert_soap_request_parse    (const guint8            *data,
                                               gsize                    length,
                                               GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertSoapRequest, ecert_soap_request_free)

G_END_DECLS
