/* ecert-codes.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *ecert_codes_document_type_label   (const char *code);
const char *ecert_codes_status_label          (const char *code);
const char *ecert_codes_transport_mode_label  (const char *code);
const char *ecert_codes_note_subject_label    (const char *code);
const char *ecert_codes_package_level_label   (const char *code);
const char *ecert_codes_package_type_label    (const char *code);
const char *ecert_codes_language_name         (const char *language_id);
const char *ecert_codes_acknowledgement_status_label (const char *code);
const char *ecert_codes_border_measure_label  (const char *code);
const char *ecert_codes_border_measure_english (const char *code);

G_END_DECLS
