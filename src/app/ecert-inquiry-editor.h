/* ecert-inquiry-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-cache.h"
#include "ecert-inquiry.h"

G_BEGIN_DECLS

#define ECERT_TYPE_INQUIRY_EDITOR (ecert_inquiry_editor_get_type ())

G_DECLARE_FINAL_TYPE (EcertInquiryEditor, ecert_inquiry_editor, ECERT, INQUIRY_EDITOR, AdwWindow)

EcertInquiryEditor *ecert_inquiry_editor_new         (GtkWindow          *parent,
                                                      EcertCache         *cache,
                                                      gint64              certificate_row,
                                                      gint64              draft_id,
                                                      EcertInquiry       *inquiry);
gint64              ecert_inquiry_editor_get_draft_id (EcertInquiryEditor *self);

G_END_DECLS
