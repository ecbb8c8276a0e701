/* ecert-verifier.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

#include "ecert-certificate.h"
#include "ecert-trust-store.h"
#include "ecert-verification.h"

G_BEGIN_DECLS

EcertVerification *ecert_verify_document           (xmlDoc               *doc,
                                                    const char           *exporting_country,
                                                    GDateTime            *issued,
                                                    EcertTrustStore      *trust,
                                                    GDateTime            *now);
EcertVerification *ecert_verify_certificate        (EcertCertificate     *certificate,
                                                    EcertTrustStore      *trust,
                                                    GDateTime            *now);
void               ecert_verify_certificate_async  (EcertCertificate     *certificate,
                                                    EcertTrustStore      *trust,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
EcertVerification *ecert_verify_certificate_finish (GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
