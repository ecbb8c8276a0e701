/* ecert-test-signing.h: signed certificates for the verifier's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gnutls/x509.h>

#include "ecert-core.h"

#include "ecert-test-util.h"

G_BEGIN_DECLS

/* What tests/data/full-certificate.xml.in says, as signed. */
#define ECERT_TEST_SIGNED_ID "NZ-2026-000417"
#define ECERT_TEST_FORGED_ID "NZ-2026-999999"
#define ECERT_TEST_ISSUED "2026-03-14T09:26:53+13:00"


GBytes             *ecert_test_load_pki         (const char      *file_name);
char               *ecert_test_certificate_xml  (void);
char               *ecert_test_sign_with_pem    (const char      *xml,
                                                 GBytes          *key_pem,
                                                 GBytes          *certificate_pem,
                                                 GBytes          *chain_pem,
                                                 EcertSignC14n    c14n);
char               *ecert_test_sign             (const char      *xml,
                                                 const char      *signer,
                                                 const char      *chain,
                                                 EcertSignC14n    c14n);
EcertTrustStore    *ecert_test_trust            (const char      *country,
                                                 const char      *anchor,
                                                 ...) G_GNUC_NULL_TERMINATED;
EcertCertificate   *ecert_test_load             (const char      *xml,
                                                 GError         **error);
EcertVerification  *ecert_test_verify           (const char      *xml,
                                                 EcertTrustStore *trust,
                                                 GDateTime       *now,
                                                 EcertCertificate **certificate);
EcertVerification  *ecert_test_verify_expecting (const char      *xml,
                                                 EcertTrustStore *trust,
                                                 EcertVerdict     expected);
void                ecert_test_assert_reason_mentions (EcertVerification *verification,
                                                 const char      *words);

/* A key and a certificate for it, made by a test. */
typedef struct
{
  gnutls_x509_crt_t     certificate;
  gnutls_x509_privkey_t key;
} EcertTestIssued;

void                ecert_test_issued_clear     (EcertTestIssued *self);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EcertTestIssued, ecert_test_issued_clear)

void                ecert_test_issued_load      (EcertTestIssued *self,
                                                 const char      *name);
void                ecert_test_issued_prepare   (EcertTestIssued *self,
                                                 const char      *subject,
                                                 gnutls_pk_algorithm_t algorithm,
                                                 unsigned int     bits,
                                                 gboolean         ca);
void                ecert_test_issued_sign      (EcertTestIssued *self,
                                                 EcertTestIssued *issuer);
void                ecert_test_issue            (EcertTestIssued *self,
                                                 const char      *subject,
                                                 gnutls_pk_algorithm_t algorithm,
                                                 unsigned int     bits,
                                                 gboolean         ca,
                                                 EcertTestIssued *issuer);
GBytes             *ecert_test_certificate_pem  (gnutls_x509_crt_t certificate);
GBytes             *ecert_test_issued_key_pem   (EcertTestIssued *self);
char               *ecert_test_sign_issued      (const char      *xml,
                                                 EcertTestIssued *signer,
                                                 GBytes          *chain_pem);
EcertTrustStore    *ecert_test_trust_issued     (const char      *country,
                                                 EcertTestIssued *anchor);

G_END_DECLS
