/* ecert-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EcertTextLines:
 * @ECERT_TEXT_ONE_LINE: a field on one line: a terminal column, a label, a
 *   list cell, a title; line breaks and tabs become spaces
 * @ECERT_TEXT_MULTI_LINE: a long text shown over several lines, such as an
 *   address or a declaration; line feeds and tabs stay
 *
 * Where an issuer's text is shown.
 */
typedef enum
{
  ECERT_TEXT_ONE_LINE,
  ECERT_TEXT_MULTI_LINE,
} EcertTextLines;

gboolean  ecert_text_unichar_is_control (gunichar        ch);
char     *ecert_text_sanitize           (const char     *text,
                                         EcertTextLines  lines);
char     *ecert_text_file_name          (const char     *name,
                                         GBytes         *content,
                                         const char     *fallback);
char     *ecert_text_file_name_for_type (const char     *name,
                                         const char     *content_type,
                                         const char     *fallback);

G_END_DECLS
