/* ecert-text.c: an issuer's text, made safe to show and to name files with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything in a certificate is written by its issuer, and some of it by
 * whoever forged it. Two kinds of character act on the screen instead of
 * being shown: control characters (a terminal obeys ESC and, on some,
 * U+009B as the start of a command; a carriage return lets the rest of a
 * line overwrite its start) and bidi controls (U+202E makes
 * "invoice<U+202E>fdp.exe" read "invoiceexe.pdf"). Shown text keeps them
 * visible as <U+XXXX>; file names lose them. The rules are in
 * docs/untrusted-text.md.
 */

#define G_LOG_DOMAIN "ecert-text"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "ecert-text.h"

static gboolean
is_line_break (gunichar ch)
{
  return ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f' || ch == 0x85 ||
         ch == 0x2028 || ch == 0x2029;
}

/* Marks that only set the direction of the neutral characters beside
 * them: right-to-left text needs them, and they cannot turn a word
 * around, so shown text keeps them. */
static gboolean
is_direction_mark (gunichar ch)
{
  return ch == 0x200E || ch == 0x200F || ch == 0x061C;
}

/**
 * ecert_text_unichar_is_control:
 * @ch: a character
 *
 * Whether @ch acts on how the text around it is shown instead of being
 * shown itself: a C0 or C1 control character, DEL, a line or paragraph
 * separator, or a bidi embedding, override or isolate (U+202A to U+202E,
 * U+2066 to U+2069).
 *
 * Returns: whether @ch is never to reach a screen as it is
 */
gboolean
ecert_text_unichar_is_control (gunichar ch)
{
  return ch < 0x20 || (ch >= 0x7F && ch <= 0x9F) || ch == 0x2028 || ch == 0x2029 ||
         (ch >= 0x202A && ch <= 0x202E) || (ch >= 0x2066 && ch <= 0x2069);
}

/**
 * ecert_text_sanitize:
 * @text: (nullable): text from a document, a hub or a user, in any bytes
 * @lines: whether it is shown on one line or on several
 *
 * The text to show, print or write to a terminal: bytes that are not
 * UTF-8 become U+FFFD; line breaks become spaces on one line (a carriage
 * return, a line feed or both make one line feed on several lines; tabs
 * stay there too); every other character for which
 * ecert_text_unichar_is_control() holds is shown as "<U+XXXX>", so that
 * an inspector sees that it is there and what it is. Letters, marks
 * (combining accents, Arabic vowels) and the right-to-left marks
 * U+200E, U+200F and U+061C are kept as written.
 *
 * Returns: (transfer full) (nullable): the text to show, %NULL for %NULL
 */
char *
ecert_text_sanitize (const char     *text,
                     EcertTextLines  lines)
{
  g_autofree char *valid = NULL;
  GString *shown;

  if (text == NULL)
    return NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  shown = g_string_sized_new (strlen (text));
  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      if (is_line_break (ch))
        {
          /* A carriage return and a line feed end one line, not two. */
          if (ch == '\r' && c[1] == '\n')
            continue;
          g_string_append_c (shown, lines == ECERT_TEXT_MULTI_LINE ? '\n' : ' ');
        }
      else if (ch == '\t')
        g_string_append_c (shown, lines == ECERT_TEXT_MULTI_LINE ? '\t' : ' ');
      else if (ecert_text_unichar_is_control (ch))
        g_string_append_printf (shown, "<U+%04X>", ch);
      else
        g_string_append_len (shown, c, g_utf8_next_char (c) - c);
    }

  return g_string_free (shown, FALSE);
}

/* Types a file's content is sniffed as, and the extension that makes the
 * desktop open it with the application for that type. Contained types
 * are sniffed as the container they are made of (a zip, plain text), so
 * the sender's more precise extension may stay for them. */
static const struct {
  const char *type;
  const char *extension;
  gboolean    contained;
} known_types[] = {
  { "application/pdf", "pdf", FALSE },
  { "image/png", "png", FALSE },
  { "image/jpeg", "jpg", FALSE },
  { "image/gif", "gif", FALSE },
  { "image/tiff", "tif", FALSE },
  { "image/bmp", "bmp", FALSE },
  { "image/webp", "webp", FALSE },
  { "image/svg+xml", "svg", FALSE },
  { "text/plain", "txt", FALSE },
  { "text/csv", "csv", TRUE },
  { "text/html", "html", FALSE },
  { "application/xml", "xml", FALSE },
  { "application/zip", "zip", FALSE },
  { "application/rtf", "rtf", FALSE },
  { "application/msword", "doc", TRUE },
  { "application/vnd.ms-excel", "xls", TRUE },
  { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", TRUE },
  { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", TRUE },
  { "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", TRUE },
  { "application/vnd.oasis.opendocument.text", "odt", TRUE },
  { "application/vnd.oasis.opendocument.spreadsheet", "ods", TRUE },
  { "application/vnd.oasis.opendocument.presentation", "odp", TRUE },
};

/* An extension for content of unknown type: no application claims it. */
#define UNKNOWN_EXTENSION "bin"

/* Room for the extension and a suffix within the 255 bytes most file
 * systems allow. */
#define MAX_STEM_BYTES 200
#define MAX_EXTENSION_CHARS 16

static gint
find_known_type (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_types); i++)
    {
      if (g_content_type_equals (type, known_types[i].type))
        return (gint) i;
    }

  return -1;
}

/* Characters a file system elsewhere (a USB stick, a shared folder on
 * Windows) refuses, or that a path reads as a separator. */
static gboolean
is_refused_in_file_names (gunichar ch)
{
  return ch < 0x80 && strchr ("/\\:*?\"<>|", (char) ch) != NULL;
}

/* The issuer's name, its last part only, without what a file name must
 * never hold; possibly empty. */
static char *
clean_file_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  const char *base = valid;
  GString *clean = g_string_new (NULL);

  /* Windows senders write "C:\scans\permit.pdf". */
  for (const char *c = valid; *c != '\0'; c++)
    {
      if (*c == '/' || *c == '\\')
        base = c + 1;
    }

  for (const char *c = base; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      if (is_line_break (ch) || g_unichar_isspace (ch))
        g_string_append_c (clean, ' ');
      else if (ecert_text_unichar_is_control (ch) || is_direction_mark (ch))
        continue;
      else if (is_refused_in_file_names (ch))
        g_string_append_c (clean, '_');
      else
        g_string_append_len (clean, c, g_utf8_next_char (c) - c);
    }

  return g_string_free (clean, FALSE);
}

static gboolean
is_dot_or_space (char c)
{
  return c == '.' || c == ' ';
}

/* Nothing Windows would trim. */
static void
trim_end (GString *name)
{
  while (name->len > 0 && is_dot_or_space (name->str[name->len - 1]))
    g_string_truncate (name, name->len - 1);
}

/* No hidden file, no "..", and nothing Windows would trim. */
static void
trim_dots_and_spaces (GString *name)
{
  gsize start = 0;

  while (start < name->len && is_dot_or_space (name->str[start]))
    start++;
  g_string_erase (name, 0, start);
  trim_end (name);
}

/* The extension of @name, after its last dot, when it looks like one;
 * ".pdf" is an extension without a name. */
static const char *
find_extension (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot[1] == '\0' || strlen (dot + 1) > MAX_EXTENSION_CHARS)
    return NULL;

  for (const char *c = dot + 1; *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c))
        return NULL;
    }

  return dot + 1;
}

/* Whether the content is what the sender's extension says it is: of that
 * type or a narrower one (a PDF called .pdf; a shell script called .txt),
 * or a document sniffing can only see the container of (a .docx is a zip
 * to it). */
static gboolean
extension_fits (const char *extension,
                const char *sniffed)
{
  g_autofree char *name = g_strconcat ("file.", extension, NULL);
  g_autofree char *named = NULL;
  gboolean uncertain = TRUE;
  gint known;

  named = g_content_type_guess (name, NULL, 0, &uncertain);
  if (uncertain || g_content_type_is_unknown (named))
    return FALSE;

  if (g_content_type_is_a (sniffed, named))
    return TRUE;

  known = find_known_type (named);
  return known >= 0 && known_types[known].contained && g_content_type_is_a (named, sniffed);
}

static void
truncate_utf8 (GString *text,
               gsize    max_bytes)
{
  const char *end;

  if (text->len <= max_bytes)
    return;

  end = g_utf8_find_prev_char (text->str, text->str + max_bytes + 1);
  g_string_truncate (text, end != NULL ? (gsize) (end - text->str) : 0);
}

/**
 * ecert_text_file_name_for_type:
 * @name: (nullable): the file name the issuer gave, as written
 * @content_type: what the file will hold, such as "application/pdf"
 * @fallback: the name to start from when @name leaves nothing, such as
 *   "attachment-1"; without an extension
 *
 * A name for a file made of content from a document: the issuer's name
 * without any folder, control character, bidi control or direction mark,
 * with '/', '\', ':', '*', '?', '"', '<', '>' and '|' replaced by '_', and
 * without leading or trailing dots and spaces. The extension says what the
 * content is: the issuer's extension stays only when it fits
 * @content_type; otherwise the extension of @content_type takes its place
 * ("bin" for a type this program does not name), so that the sender's
 * extension never chooses the application that opens the file.
 *
 * Returns: (transfer full): a file name, without any folder, never empty
 */
char *
ecert_text_file_name_for_type (const char *name,
                               const char *content_type,
                               const char *fallback)
{
  g_autofree char *clean = NULL;
  g_autofree char *extension = NULL;
  g_autoptr(GString) stem = NULL;
  const char *found;
  gint known;

  g_return_val_if_fail (content_type != NULL, NULL);
  g_return_val_if_fail (fallback != NULL && fallback[0] != '\0', NULL);

  clean = clean_file_name (name != NULL ? name : "");

  /* "permit.pdf. " ends in ".pdf" once Windows has trimmed it. */
  stem = g_string_new (clean);
  trim_end (stem);
  found = find_extension (stem->str);
  if (found != NULL)
    {
      extension = g_strdup (found);
      g_string_truncate (stem, (gsize) (found - stem->str) - 1);
    }
  trim_dots_and_spaces (stem);
  truncate_utf8 (stem, MAX_STEM_BYTES);
  if (stem->len == 0)
    g_string_assign (stem, fallback);

  if (extension != NULL && extension_fits (extension, content_type))
    return g_strconcat (stem->str, ".", extension, NULL);

  known = find_known_type (content_type);
  return g_strconcat (stem->str, ".", known >= 0 ? known_types[known].extension
                                                 : UNKNOWN_EXTENSION, NULL);
}

/**
 * ecert_text_file_name:
 * @name: (nullable): the file name the issuer gave, as written
 * @content: the bytes the file will hold
 * @fallback: the name to start from when @name leaves nothing, such as
 *   "attachment-1"; without an extension
 *
 * A name for a file of @content, as the app saves or opens an attachment:
 * see ecert_text_file_name_for_type(). The type is sniffed from the bytes
 * alone; the sender's name and declared type have no say in it.
 *
 * Returns: (transfer full): a file name, without any folder, never empty
 */
char *
ecert_text_file_name (const char *name,
                      GBytes     *content,
                      const char *fallback)
{
  g_autofree char *sniffed = NULL;
  gsize size;
  const guchar *data;

  g_return_val_if_fail (content != NULL, NULL);

  data = g_bytes_get_data (content, &size);
  sniffed = g_content_type_guess (NULL, data, size, NULL);
  return ecert_text_file_name_for_type (name, sniffed, fallback);
}
