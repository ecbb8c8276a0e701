/* ecert-certificate-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-certificate-print.h"
#include "ecert-certificate-report.h"
#include "ecert-session.h"
#include "ecert-stored-certificate.h"

G_BEGIN_DECLS

#define ECERT_TYPE_CERTIFICATE_VIEW (ecert_certificate_view_get_type ())

G_DECLARE_FINAL_TYPE (EcertCertificateView, ecert_certificate_view, ECERT, CERTIFICATE_VIEW,
                      GtkWidget)

void                     ecert_certificate_view_set_session (EcertCertificateView         *self,
                                                             EcertSession                 *session);
void                     ecert_certificate_view_show        (EcertCertificateView         *self,
                                                             const EcertStoredCertificate *stored);
void                     ecert_certificate_view_focus       (EcertCertificateView         *self);
EcertCertificateReport *ecert_certificate_view_get_report (EcertCertificateView         *self);
void                     ecert_certificate_view_reload_thread (EcertCertificateView       *self);
void                     ecert_certificate_view_add_images_to_print (EcertCertificateView  *self,
                                                                     EcertCertificatePrint *print);

G_END_DECLS
