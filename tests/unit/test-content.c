/* test-content.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-core.h"

#define DOC "<?xml version=\"1.0\"?>\n<a>é</a>\n"

static GBytes *
decode (const char  *content,
        GError     **error)
{
  return ecert_content_decode_document (content, strlen (content), error);
}

static void
assert_bytes (GBytes       *bytes,
              const guint8 *expected,
              gsize         length)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, length);
}

static void
test_plain_xml_kept_exactly (void)
{
  g_autoptr(GError) error = NULL;
  const char *with_space = "\n  " DOC;
  g_autoptr(GBytes) plain = decode (DOC, &error);
  g_autoptr(GBytes) spaced = decode (with_space, &error);

  g_assert_no_error (error);
  assert_bytes (plain, (const guint8 *) DOC, strlen (DOC));
  assert_bytes (spaced, (const guint8 *) with_space, strlen (with_space));
}

static void
test_base64_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = g_base64_encode ((const guchar *) DOC, strlen (DOC));
  g_autofree char *wrapped = NULL;
  g_autoptr(GBytes) bytes = decode (encoded, &error);
  g_autoptr(GBytes) from_wrapped = NULL;
  GString *lines = g_string_new (NULL);

  g_assert_no_error (error);
  assert_bytes (bytes, (const guint8 *) DOC, strlen (DOC));

  /* Hubs wrap base64 at 76 columns, with CRLF. */
  for (gsize i = 0; encoded[i] != '\0'; i++)
    {
      g_string_append_c (lines, encoded[i]);
      if (i % 16 == 15)
        g_string_append (lines, "\r\n");
    }
  wrapped = g_string_free (lines, FALSE);
  from_wrapped = decode (wrapped, &error);
  g_assert_no_error (error);
  assert_bytes (from_wrapped, (const guint8 *) DOC, strlen (DOC));
}

static void
test_base64_utf16 (void)
{
  g_autoptr(GError) error = NULL;
  gsize utf16_length = 0;
  g_autofree guint8 *utf16 = NULL;
  g_autofree guint8 *with_bom = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *encoded_bom = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bom_bytes = NULL;

  utf16 = (guint8 *) g_convert (DOC, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, &error);
  g_assert_no_error (error);
  with_bom = g_malloc (utf16_length + 2);
  with_bom[0] = 0xFF;
  with_bom[1] = 0xFE;
  memcpy (with_bom + 2, utf16, utf16_length);

  encoded = g_base64_encode (utf16, utf16_length);
  encoded_bom = g_base64_encode (with_bom, utf16_length + 2);

  bytes = decode (encoded, &error);
  g_assert_no_error (error);
  assert_bytes (bytes, utf16, utf16_length);

  bom_bytes = decode (encoded_bom, &error);
  g_assert_no_error (error);
  assert_bytes (bom_bytes, with_bom, utf16_length + 2);
}

static void
test_refused_content (void)
{
  static const char *bad[] = {
    "",
    "bm90IHhtbA==",        /* "not xml": base64, but not of XML */
    "PGE+PC9hPg",           /* truncated group */
    "PGE+PC9h=Pg==",        /* padding in the middle */
    "PGE+PC9hPg==!",        /* a character outside the alphabet */
    "just some words",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = decode (bad[i], &error);

      g_assert_null (bytes);
      g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_CONTENT);
    }
}

static void
test_decoded_size (void)
{
  static const char *samples[] = { "a", "ab", "abc", "abcd", "abcde", DOC };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) samples[i],
                                                  strlen (samples[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) decoded = ecert_content_decode_base64 (encoded, strlen (encoded), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (ecert_content_base64_decoded_size (encoded, strlen (encoded)), ==,
                        strlen (samples[i]));
      g_assert_cmpuint (g_bytes_get_size (decoded), ==, strlen (samples[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/content/plain-xml-kept-exactly", test_plain_xml_kept_exactly);
  g_test_add_func ("/content/base64-utf8", test_base64_utf8);
  g_test_add_func ("/content/base64-utf16", test_base64_utf16);
  g_test_add_func ("/content/refused", test_refused_content);
  g_test_add_func ("/content/decoded-size", test_decoded_size);

  return g_test_run ();
}
