/* ecert-x509.h: X.509 helpers over GnuTLS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

GPtrArray  *ecert_x509_import_pem            (GBytes            *pem,
                                              GError           **error);
gnutls_x509_crt_t ecert_x509_import_der      (const guint8      *der,
                                              gsize              length,
                                              GError           **error);
GPtrArray  *ecert_x509_import_der_list       (GPtrArray         *ders);
GBytes     *ecert_x509_get_raw_subject       (gnutls_x509_crt_t  certificate);
GBytes     *ecert_x509_get_raw_issuer        (gnutls_x509_crt_t  certificate);
char       *ecert_x509_get_subject           (gnutls_x509_crt_t  certificate);
char       *ecert_x509_get_issuer            (gnutls_x509_crt_t  certificate);
char       *ecert_x509_get_serial            (gnutls_x509_crt_t  certificate);
GDateTime  *ecert_x509_get_not_before        (gnutls_x509_crt_t  certificate);
GDateTime  *ecert_x509_get_not_after         (gnutls_x509_crt_t  certificate);
char       *ecert_x509_get_fingerprint_name  (gnutls_x509_crt_t  certificate);
char       *ecert_x509_der_to_pem            (GBytes            *der);
gboolean    ecert_x509_valid_at              (gnutls_x509_crt_t  certificate,
                                              GDateTime         *when);

G_END_DECLS
