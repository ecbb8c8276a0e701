/* ecert-content.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes  *ecert_content_decode_document     (const char   *content,
                                           gsize         length,
                                           GError      **error);
GBytes  *ecert_content_decode_base64       (const char   *text,
                                           gsize         length,
                                           GError      **error);
gboolean ecert_content_looks_like_xml      (const guchar *data,
                                           gsize         length);
gsize    ecert_content_base64_decoded_size (const char   *text,
                                           gsize         length);

G_END_DECLS
