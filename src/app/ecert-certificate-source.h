/* ecert-certificate-source.h: a certificate's XML as received, to read and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-certificate.h"

G_BEGIN_DECLS

#define ECERT_TYPE_CERTIFICATE_SOURCE (ecert_certificate_source_get_type ())

G_DECLARE_FINAL_TYPE (EcertCertificateSource, ecert_certificate_source, ECERT, CERTIFICATE_SOURCE,
                      AdwPreferencesGroup)

GtkWidget *ecert_certificate_source_new (EcertCertificate *certificate);

G_END_DECLS
