/* ecert-certificate-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-cache.h"

G_BEGIN_DECLS

#define ECERT_TYPE_CERTIFICATE_LIST (ecert_certificate_list_get_type ())

G_DECLARE_FINAL_TYPE (EcertCertificateList, ecert_certificate_list, ECERT, CERTIFICATE_LIST,
                      GtkWidget)

void     ecert_certificate_list_set_cache    (EcertCertificateList *self,
                                              EcertCache           *cache);
GListModel *ecert_certificate_list_get_model (EcertCertificateList *self);
void     ecert_certificate_list_focus_search (EcertCertificateList *self);
void     ecert_certificate_list_focus_list   (EcertCertificateList *self);
GtkEditable   *ecert_certificate_list_get_search_entry (EcertCertificateList *self);
GtkAdjustment *ecert_certificate_list_get_vadjustment  (EcertCertificateList *self);

G_END_DECLS
