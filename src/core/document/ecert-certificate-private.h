/* ecert-certificate-private.h: what the reader fills in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-certificate.h"

G_BEGIN_DECLS

typedef struct
{
  const char       *namespace_href;
  char             *id;
  char             *name;
  char             *type_code;
  char             *status_code;
  EcertDateTime    *issued;
  char             *issuer_name;
  GPtrArray        *notes;
  GPtrArray        *referenced_documents;
  EcertSignatory   *signatory;
  EcertConsignment *consignment;
  EcertReplacement *replacement;
  GPtrArray        *unknown_elements;
  gboolean          has_signature;
} EcertCertificateParts;

EcertCertificate *_ecert_certificate_new (GBytes                *bytes,
                                          xmlDoc                *document,
                                          EcertCertificateParts *parts);
void              _ecert_certificate_parts_clear (EcertCertificateParts *parts);

EcertCertificateParts *_ecert_certificate_read (xmlDoc  *document,
                                                GError **error);

G_END_DECLS
