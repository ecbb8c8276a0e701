/* ecert-certificate-printer.h: printing the certificate on show, or saving it as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ecert-certificate-view.h"

G_BEGIN_DECLS

#define ECERT_TYPE_CERTIFICATE_PRINTER (ecert_certificate_printer_get_type ())

G_DECLARE_FINAL_TYPE (EcertCertificatePrinter, ecert_certificate_printer, ECERT,
                      CERTIFICATE_PRINTER, GObject)

EcertCertificatePrinter *ecert_certificate_printer_new        (void);
void                     ecert_certificate_printer_print      (EcertCertificatePrinter *self,
                                                               GtkWindow               *parent,
                                                               EcertCertificateView    *view);
void                     ecert_certificate_printer_export_pdf (EcertCertificatePrinter *self,
                                                               GtkWindow               *parent,
                                                               EcertCertificateView    *view);

G_END_DECLS
