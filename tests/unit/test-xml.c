/* test-xml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-core.h"
#include "ecert-test-util.h"

static xmlDoc *
parse_string (const char  *text,
              GError     **error)
{
  return ecert_xml_parse ((const guint8 *) text, strlen (text), NULL, error);
}

static void
test_parse_keeps_whitespace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = parse_string ("<a xmlns='urn:x'>\n  <b> text </b>\n</a>", &error);
  xmlNode *b;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  b = ecert_xml_first_child (xmlDocGetRootElement (doc), "urn:x", "b");
  g_assert_nonnull (b);
  g_assert_nonnull (xmlDocGetRootElement (doc)->children);
  g_assert_cmpint (xmlDocGetRootElement (doc)->children->type, ==, XML_TEXT_NODE);
  text = ecert_xml_text (b);
  g_assert_cmpstr (text, ==, "text");
  g_assert_null (ecert_xml_first_child (xmlDocGetRootElement (doc), "urn:other", "b"));
}

static void
test_text_leaves_out_comments (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = parse_string ("<a>12<!-- 34 -->56<?pi 78?><![CDATA[9]]></a>", &error);
  g_autofree char *text = ecert_xml_text (xmlDocGetRootElement (doc));

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "12569");
}

static void
test_doctype_refused (void)
{
  static const char *hostile[] = {
    "<!DOCTYPE a><a/>",
    "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
    "<!DOCTYPE a SYSTEM 'file:///etc/passwd'><a/>",
    "<?xml version='1.0'?>\n<!DOCTYPE a PUBLIC '-//X//Y' 'http://example.org/a.dtd'><a/>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(xmlDoc) doc = parse_string (hostile[i], &error);

      g_assert_null (doc);
      g_assert_error (error, ECERT_ERROR, ECERT_ERROR_HOSTILE_XML);
      g_assert_nonnull (strstr (error->message, "DOCTYPE"));
    }
}

static void
test_not_well_formed_says_where (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = parse_string ("<a>\n  <b>\n</a>", &error);

  g_assert_null (doc);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_NOT_WELL_FORMED);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "column"));
}

static void
test_empty_and_garbage (void)
{
  static const char *bad[] = { "", "   ", "not xml", "<a", "<a></b>", "\x01\x02" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(xmlDoc) doc = parse_string (bad[i], &error);

      g_assert_null (doc);
      g_assert_error (error, ECERT_ERROR, ECERT_ERROR_NOT_WELL_FORMED);
    }
}

static void
test_size_limit (void)
{
  EcertXmlLimits limits = *ecert_xml_default_limits ();
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  const char *text = "<a>0123456789</a>";

  limits.max_size = 10;
  doc = ecert_xml_parse ((const guint8 *) text, strlen (text), &limits, &error);
  g_assert_null (doc);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);

  g_assert_cmpuint (ecert_xml_default_limits ()->max_size, ==, 32 * 1024 * 1024);
}

static void
test_depth_limit (void)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlDoc) shallow = NULL;
  guint limit = ecert_xml_default_limits ()->max_depth;

  for (guint i = 0; i < limit + 1; i++)
    g_string_append (text, "<a>");
  for (guint i = 0; i < limit + 1; i++)
    g_string_append (text, "</a>");

  doc = ecert_xml_parse ((const guint8 *) text->str, text->len, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_HOSTILE_XML);
  g_clear_error (&error);

  /* Exactly at the limit is fine. */
  g_string_erase (text, 0, 3);
  g_string_truncate (text, text->len - 4);
  shallow = ecert_xml_parse ((const guint8 *) text->str, text->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shallow);

  g_string_free (text, TRUE);
}

static void
parse_hostile (const char *name,
               const char *contents,
               gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 elapsed;

  doc = ecert_xml_parse ((const guint8 *) contents, length, NULL, &error);
  elapsed = g_get_monotonic_time () - started;

  g_test_message ("%s: %s (%" G_GINT64_FORMAT " µs)", name,
                  error != NULL ? error->message : "parsed", elapsed);
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);

  if (doc == NULL)
    {
      g_assert_error (error, ECERT_ERROR, ECERT_ERROR_HOSTILE_XML);
    }
  else
    {
      /* Parsed: then nothing may have been expanded or fetched. */
      xmlNode *root = xmlDocGetRootElement (doc);

      g_assert_null (doc->intSubset);
      g_assert_null (doc->extSubset);
      for (xmlNode *node = root->children; node != NULL; node = node->next)
        g_assert_cmpint (node->type, !=, XML_ENTITY_REF_NODE);
    }
}

static void
test_hostile_vectors (void)
{
  ecert_test_each_hostile_vector (parse_hostile);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/parse/keeps-whitespace", test_parse_keeps_whitespace);
  g_test_add_func ("/xml/text/leaves-out-comments", test_text_leaves_out_comments);
  g_test_add_func ("/xml/parse/doctype-refused", test_doctype_refused);
  g_test_add_func ("/xml/parse/not-well-formed", test_not_well_formed_says_where);
  g_test_add_func ("/xml/parse/empty-and-garbage", test_empty_and_garbage);
  g_test_add_func ("/xml/parse/size-limit", test_size_limit);
  g_test_add_func ("/xml/parse/depth-limit", test_depth_limit);
  g_test_add_func ("/xml/parse/hostile-vectors", test_hostile_vectors);

  return g_test_run ();
}
