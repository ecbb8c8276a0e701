/* ecert-envelope-header-list.h: many envelope headers, packed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ecert-envelope.h"

G_BEGIN_DECLS

#define ECERT_TYPE_ENVELOPE_HEADER_LIST (ecert_envelope_header_list_get_type ())

typedef struct _EcertEnvelopeHeaderList EcertEnvelopeHeaderList;

GType                    ecert_envelope_header_list_get_type    (void) G_GNUC_CONST;
EcertEnvelopeHeaderList *ecert_envelope_header_list_new         (void);
EcertEnvelopeHeaderList *ecert_envelope_header_list_ref         (EcertEnvelopeHeaderList   *list);
void                     ecert_envelope_header_list_unref       (EcertEnvelopeHeaderList   *list);
void                     ecert_envelope_header_list_add         (EcertEnvelopeHeaderList   *list,
                                                                 const EcertEnvelopeHeader *header);
guint                    ecert_envelope_header_list_get_length  (EcertEnvelopeHeaderList   *list);
gsize                    ecert_envelope_header_list_get_size    (EcertEnvelopeHeaderList   *list);
EcertEnvelopeHeader     *ecert_envelope_header_list_get         (EcertEnvelopeHeaderList   *list,
                                                                 guint                      index);
const char              *ecert_envelope_header_list_get_delivery_number (EcertEnvelopeHeaderList *list,
                                                                         guint                    index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertEnvelopeHeaderList, ecert_envelope_header_list_unref)

G_END_DECLS
