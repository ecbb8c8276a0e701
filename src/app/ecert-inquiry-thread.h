/* ecert-inquiry-thread.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-cache.h"

G_BEGIN_DECLS

#define ECERT_TYPE_INQUIRY_THREAD (ecert_inquiry_thread_get_type ())

G_DECLARE_FINAL_TYPE (EcertInquiryThread, ecert_inquiry_thread, ECERT, INQUIRY_THREAD,
                      AdwPreferencesGroup)

EcertInquiryThread *ecert_inquiry_thread_new              (EcertCache         *cache,
                                                           gint64              certificate_row,
                                                           const char         *number,
                                                           const char         *export_country);
void                ecert_inquiry_thread_reload           (EcertInquiryThread *self);
gint64              ecert_inquiry_thread_get_latest_draft (EcertInquiryThread *self,
                                                           GBytes            **content);

G_END_DECLS
