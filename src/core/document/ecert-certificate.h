/* ecert-certificate.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

#include "ecert-sps-model.h"
#include "ecert-xml.h"

G_BEGIN_DECLS

#define ECERT_TYPE_CERTIFICATE (ecert_certificate_get_type ())

G_DECLARE_FINAL_TYPE (EcertCertificate, ecert_certificate, ECERT, CERTIFICATE, GObject)

EcertCertificate        *ecert_certificate_new_from_bytes        (GBytes                *bytes,
                                                                  const EcertXmlLimits  *limits,
                                                                  GError               **error);

GBytes                  *ecert_certificate_get_bytes             (EcertCertificate *self);
xmlDoc                  *ecert_certificate_get_document          (EcertCertificate *self);
const char              *ecert_certificate_get_namespace         (EcertCertificate *self);

const char              *ecert_certificate_get_id                (EcertCertificate *self);
const char              *ecert_certificate_get_name              (EcertCertificate *self);
const char              *ecert_certificate_get_type_code         (EcertCertificate *self);
const char              *ecert_certificate_get_status_code       (EcertCertificate *self);
const EcertDateTime     *ecert_certificate_get_issued            (EcertCertificate *self);
const char              *ecert_certificate_get_issuer_name       (EcertCertificate *self);
GPtrArray               *ecert_certificate_get_notes             (EcertCertificate *self);
GPtrArray               *ecert_certificate_get_referenced_documents (EcertCertificate *self);
const EcertSignatory    *ecert_certificate_get_signatory         (EcertCertificate *self);
const EcertConsignment  *ecert_certificate_get_consignment       (EcertCertificate *self);
const EcertReplacement  *ecert_certificate_get_replacement       (EcertCertificate *self);
GPtrArray               *ecert_certificate_get_unknown_elements  (EcertCertificate *self);
gboolean                 ecert_certificate_has_signature         (EcertCertificate *self);

char                    *ecert_certificate_dup_text              (EcertCertificate *self,
                                                                  gsize             max_bytes,
                                                                  gboolean         *truncated);

GPtrArray               *ecert_certificate_get_attachments       (EcertCertificate *self);
GBytes                  *ecert_certificate_decode_attachment     (EcertCertificate       *self,
                                                                  const EcertAttachment  *attachment,
                                                                  char                  **content_type,
                                                                  GError                **error);

G_END_DECLS
