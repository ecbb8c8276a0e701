/* ecert-nppo.h: a National Plant Protection Organisation on the hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * EcertNppoDocument:
 * @certificate_type: a document type code, e.g. 851
 * @certificate_type_name: (nullable): its name as the hub gives it
 * @certificate_status: a status code, e.g. 70
 * @certificate_status_name: (nullable): its name as the hub gives it
 * @active: whether the NPPO exchanges this document now
 *
 * One kind of document an NPPO exchanges (the WSDL's AllowedDocument).
 */
typedef struct
{
  int       certificate_type;
  char     *certificate_type_name;
  int       certificate_status;
  char     *certificate_status_name;
  gboolean  active;
} EcertNppoDocument;

/**
 * EcertNppo:
 * @country: the NPPO's country (ISO 3166-1 alpha-2)
 * @receive: (nullable): how it receives envelopes, as the hub says it
 * @send: (nullable): how it sends them
 * @documents: (element-type EcertNppoDocument): what it exchanges
 * @signing_dn: (nullable): the distinguished name of the certificate it
 *   signs e-certificates under
 * @signing_certificate: (nullable): that certificate, PEM or base64 DER as
 *   the hub gave it (see ecert_nppo_get_signing_certificates_pem())
 *
 * An NPPO as GetProfile and GetActiveNppos describe it.
 */
typedef struct
{
  char      *country;
  char      *receive;
  char      *send;
  GPtrArray *documents;
  char      *signing_dn;
  char      *signing_certificate;
} EcertNppo;

#define ECERT_TYPE_NPPO (ecert_nppo_get_type ())

GType       ecert_nppo_get_type                     (void) G_GNUC_CONST;
EcertNppo  *ecert_nppo_new                          (const char       *country);
EcertNppo  *ecert_nppo_copy                         (const EcertNppo  *nppo);
void        ecert_nppo_free                         (EcertNppo        *nppo);
void        ecert_nppo_add_document                 (EcertNppo        *nppo,
                                                     int               certificate_type,
                                                     const char       *certificate_type_name,
                                                     int               certificate_status,
                                                     const char       *certificate_status_name,
                                                     gboolean          active);
GBytes     *ecert_nppo_get_signing_certificates_pem (const EcertNppo  *nppo,
                                                     GError          **error);

void        ecert_nppo_document_free                (EcertNppoDocument *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertNppo, ecert_nppo_free)

G_END_DECLS
