/* ecert-authority.h: a certificate authority for a service and its clients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * EcertKeyType:
 * @ECERT_KEY_TYPE_ECDSA_P256: ECDSA on P-256: quick to make, small
 * @ECERT_KEY_TYPE_RSA_2048: RSA of 2048 bits, as many NPPOs use
 */
typedef enum
{
  ECERT_KEY_TYPE_ECDSA_P256,
  ECERT_KEY_TYPE_RSA_2048,
} EcertKeyType;

/**
 * EcertCertificateRole:
 * @ECERT_CERTIFICATE_ROLE_SERVER: a TLS server, for the names it is given
 * @ECERT_CERTIFICATE_ROLE_CLIENT: a TLS client (a desk)
 * @ECERT_CERTIFICATE_ROLE_SIGNER: signs documents (an NPPO's signer)
 *
 * What an issued certificate may be used for: its key usage and extended
 * key usage follow from it.
 */
typedef enum
{
  ECERT_CERTIFICATE_ROLE_SERVER,
  ECERT_CERTIFICATE_ROLE_CLIENT,
  ECERT_CERTIFICATE_ROLE_SIGNER,
} EcertCertificateRole;

/**
 * EcertCertificateSpec:
 * @common_name: the subject's CN
 * @organization: (nullable): its O
 * @country: (nullable): its C, two letters
 * @key_type: the kind of key to make
 * @not_before: the start of its validity, in Unix time
 * @not_after: its end, in Unix time
 *
 * What a new certificate says of its subject. ecert_certificate_spec_init()
 * fills in the usual values.
 */
typedef struct
{
  const char   *common_name;
  const char   *organization;
  const char   *country;
  EcertKeyType  key_type;
  gint64        not_before;
  gint64        not_after;
} EcertCertificateSpec;

void ecert_certificate_spec_init (EcertCertificateSpec *spec,
                                  const char           *common_name,
                                  const char           *organization,
                                  const char           *country,
                                  guint                 validity_days);

#define ECERT_TYPE_AUTHORITY (ecert_authority_get_type ())

G_DECLARE_FINAL_TYPE (EcertAuthority, ecert_authority, ECERT, AUTHORITY, GObject)

EcertAuthority *ecert_authority_new                 (const EcertCertificateSpec  *spec,
                                                     GError                     **error);
EcertAuthority *ecert_authority_new_from_pem        (const char                  *certificate_pem,
                                                     const char                  *key_pem,
                                                     GError                     **error);
const char     *ecert_authority_get_certificate_pem (EcertAuthority              *self);
const char     *ecert_authority_get_key_pem         (EcertAuthority              *self);
gboolean        ecert_authority_issue               (EcertAuthority              *self,
                                                     const EcertCertificateSpec  *spec,
                                                     EcertCertificateRole         role,
                                                     const char * const          *hosts,
                                                     char                       **certificate_pem,
                                                     char                       **key_pem,
                                                     GError                     **error);
GBytes         *ecert_authority_export_pkcs12       (EcertAuthority              *self,
                                                     const char                  *certificate_pem,
                                                     const char                  *key_pem,
                                                     const char                  *passphrase,
                                                     const char                  *friendly_name,
                                                     GError                     **error);
GBytes         *ecert_authority_issue_client_pkcs12 (EcertAuthority              *self,
                                                     const EcertCertificateSpec  *spec,
                                                     const char                  *passphrase,
                                                     char                       **certificate_pem,
                                                     GError                     **error);

char           *ecert_tls_certificate_get_common_name  (GTlsCertificate *certificate);
char           *ecert_tls_certificate_get_organization (GTlsCertificate *certificate);
char           *ecert_tls_certificate_get_country      (GTlsCertificate *certificate);
char           *ecert_tls_certificate_get_fingerprint  (GTlsCertificate *certificate);

G_END_DECLS
