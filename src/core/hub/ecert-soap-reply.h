/* ecert-soap-reply.h: a hub's reply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ecert-envelope.h"
#include "ecert-envelope-header-list.h"
#include "ecert-hub-code-list.h"
#include "ecert-nppo.h"
#include "ecert-soap.h"

G_BEGIN_DECLS

/**
 * EcertSoapReply:
 * @operation: the operation it answers
 * @headers: GetImportEnvelopeHeaders: what is pending for the caller
 * @envelopes: (element-type EcertEnvelope): PULLImportEnvelope: pending
 *   envelopes with their content
 * @envelope: (nullable): PULLSingleImportEnvelope: the envelope
 * @header: (nullable): GetEnvelopeTrackingInfo: where the envelope stands;
 *   DeliverEnvelope, DeliverCountryResponseEnvelope: what the hub made of
 *   the delivery (its tracking number, above all)
 * @nppo: (nullable): GetProfile: the caller's NPPO
 * @nppos: (element-type EcertNppo): GetActiveNppos
 * @code_entries: (element-type EcertHubCodeEntry): the code lists
 * @text: (nullable): AdvancedAcknowledgeEnvelopeReceipt,
 *   AcknowledgeFailedEnvelopeReceipt: the hub's "return" text
 *
 * One reply. The arrays and the list are never %NULL (empty when the
 * operation does not use them); the other members an operation does not
 * use stay %NULL.
 */
typedef struct
{
  EcertSoapOperation       operation;
  EcertEnvelopeHeaderList *headers;
  GPtrArray               *envelopes;
  EcertEnvelope           *envelope;
  EcertEnvelopeHeader     *header;
  EcertNppo               *nppo;
  GPtrArray               *nppos;
  GPtrArray               *code_entries;
  char                    *text;
} EcertSoapReply;

EcertSoapReply *ecert_soap_reply_new      (EcertSoapOperation     operation);
void            ecert_soap_reply_free     (EcertSoapReply        *reply);
GBytes         *ecert_soap_reply_to_bytes (const EcertSoapReply  *reply);
EcertSoapReply *ecert_soap_reply_parse    (EcertSoapOperation     operation,
                                           const guint8          *data,
                                           gsize                  length,
                                           GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertSoapReply, ecert_soap_reply_free)

G_END_DECLS
