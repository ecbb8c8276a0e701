/* ecert-certificate-print.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ecert-certificate-report.h"

G_BEGIN_DECLS

#define ECERT_TYPE_CERTIFICATE_PRINT (ecert_certificate_print_get_type ())

G_DECLARE_FINAL_TYPE (EcertCertificatePrint, ecert_certificate_print, ECERT, CERTIFICATE_PRINT,
                      GtkPrintOperation)

EcertCertificatePrint *ecert_certificate_print_new       (EcertCertificateReport *report);
void                   ecert_certificate_print_add_image (EcertCertificatePrint   *self,
                                                          const char              *name,
                                                          GdkTexture              *texture);

G_END_DECLS
