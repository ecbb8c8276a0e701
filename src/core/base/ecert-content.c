/* ecert-content.c: what a hub's Content element holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hubs deliver a certificate either as the XML itself or as base64 of it,
 * and the XML may be UTF-8 or UTF-16, with or without a byte order mark.
 * The signature is computed over the document, so what we keep are the
 * document's exact bytes; libxml2 reads every one of those encodings itself.
 */

#define G_LOG_DOMAIN "ecert-content"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-content.h"
#include "ecert-error.h"

static gboolean
is_base64_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

static gboolean
is_xml_space (guchar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The first bytes of an XML document in any encoding a hub sends: a UTF-8 or
 * UTF-16 byte order mark, or "<" in UTF-8 or either UTF-16. */
/**
 * ecert_content_looks_like_xml:
 *
 * Whether @data starts as an XML document does, in UTF-8 or UTF-16.
 */
gboolean
ecert_content_looks_like_xml (const guchar *data,
                              gsize         length)
{
  gsize start = 0;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return TRUE;
  if (length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
                      (data[0] == 0xFE && data[1] == 0xFF)))
    return TRUE;
  if (length >= 2 && ((data[0] == '<' && data[1] == 0) || (data[0] == 0 && data[1] == '<')))
    return TRUE;

  while (start < length && is_xml_space (data[start]))
    start++;

  return start < length && data[start] == '<';
}

/**
 * ecert_content_base64_decoded_size:
 *
 * The number of bytes @text decodes to, counted without decoding (for
 * showing an attachment's size before anyone opens it). White space is
 * ignored; the answer is exact for valid base64.
 */
gsize
ecert_content_base64_decoded_size (const char *text,
                                   gsize       length)
{
  gsize symbols = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (is_base64_char ((guchar) text[i]))
        symbols++;
    }

  /* Every 4 symbols carry 3 bytes; padding only fills the last group. */
  return symbols / 4 * 3 + (symbols % 4) * 3 / 4;
}

/**
 * ecert_content_decode_base64:
 * @text: base64, possibly broken into lines
 * @length: its length in bytes
 * @error: return location for an %ECERT_ERROR_INVALID_CONTENT error
 *
 * Strict base64: white space may separate groups, anything else that is not
 * in the alphabet, padding in the middle, or a truncated final group is an
 * error rather than silently decoded garbage (GLib's decoder skips invalid
 * characters).
 *
 * Returns: (transfer full): the decoded bytes, or %NULL with @error set
 */
GBytes *
ecert_content_decode_base64 (const char  *text,
                             gsize        length,
                             GError     **error)
{
  g_autofree char *compact = g_malloc (length + 1);
  gsize n = 0;
  gsize padding = 0;
  gsize decoded_length = 0;
  int state = 0;
  guint save = 0;
  guchar *decoded;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) text[i];

      if (is_xml_space (c))
        continue;

      if (c == '=')
        padding++;
      else if (!is_base64_char (c) || padding > 0)
        {
          g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_CONTENT,
                       _("Invalid base64: unexpected character at offset %lu"),
                       (unsigned long) i);
          return NULL;
        }

      compact[n++] = (char) c;
    }

  if (n == 0 || n % 4 != 0 || padding > 2)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_CONTENT,
                           _("Invalid base64: the data is empty or truncated"));
      return NULL;
    }

  decoded = g_malloc (n / 4 * 3 + 3);
  decoded_length = g_base64_decode_step (compact, n, decoded, &state, &save);

  return g_bytes_new_take (decoded, decoded_length);
}

/**
 * ecert_content_decode_document:
 * @content: the text of a hub's Content element
 * @length: its length in bytes
 * @error: return location for an %ECERT_ERROR_INVALID_CONTENT error
 *
 * Returns: (transfer full): the certificate document's exact bytes, or
 *   %NULL with @error set
 */
GBytes *
ecert_content_decode_document (const char  *content,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(GBytes) decoded = NULL;
  const guchar *data = (const guchar *) content;

  if (ecert_content_looks_like_xml (data, length))
    return g_bytes_new (content, length);

  decoded = ecert_content_decode_base64 (content, length, error);
  if (decoded == NULL)
    {
      g_prefix_error (error, _("The content is neither XML nor base64 of it: "));
      return NULL;
    }

  if (!ecert_content_looks_like_xml (g_bytes_get_data (decoded, NULL), g_bytes_get_size (decoded)))
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_CONTENT,
                           _("The content is base64, but what it encodes is not XML"));
      return NULL;
    }

  return g_steal_pointer (&decoded);
}
