/* ecert-test-signing.h: signed certificates for the verifier's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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

G_END_DECLS
