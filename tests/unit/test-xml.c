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


/* Reading as it arrives */

static gboolean
keep_cb (xmlNode   *element,
         gboolean  *discard,
         gpointer   user_data,
         GError   **error)
{
  return TRUE;
}

/* Feeds @length bytes of @text in pieces of @piece bytes. */
static xmlDoc *
push_parse (const char           *text,
            gsize                 length,
            gsize                 piece,
            const EcertXmlLimits *limits,
            EcertXmlElementFunc   element_done,
            gpointer              user_data,
            GError              **error)
{
  g_autoptr(EcertXmlPushParser) parser = ecert_xml_push_parser_new (limits, element_done,
                                                                    user_data);

  for (gsize offset = 0; offset < length; offset += piece)
    if (!ecert_xml_push_parser_feed (parser, (const guint8 *) text + offset,
                                     MIN (piece, length - offset), error))
      return NULL;

  return ecert_xml_push_parser_finish (parser, error);
}

static char *
serialize (xmlDoc *doc)
{
  xmlChar *memory = NULL;
  int size = 0;
  char *text;

  xmlDocDumpMemory (doc, &memory, &size);
  text = g_strndup ((const char *) memory, (gsize) size);
  xmlFree (memory);
  return text;
}

/* Whatever the pieces, a document kept whole is what ecert_xml_parse()
 * makes of it, or refused for the same reason. */
static void
assert_push_like_whole (const char *name,
                        const char *text,
                        gsize       length)
{
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(xmlDoc) whole = ecert_xml_parse ((const guint8 *) text, length, NULL, &whole_error);
  const gsize pieces[] = { 1, 3, 64, 4096, G_MAXSIZE };

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(xmlDoc) doc = push_parse (text, length, MIN (pieces[i], MAX (length, 1)), NULL,
                                          keep_cb, NULL, &error);

      g_test_message ("%s in pieces of %" G_GSIZE_FORMAT ": %s", name, pieces[i],
                      error != NULL ? error->message : "parsed");
      if (whole == NULL)
        {
          g_assert_null (doc);
          g_assert_error (error, ECERT_ERROR, whole_error->code);
          if (whole_error->code == ECERT_ERROR_HOSTILE_XML)
            g_assert_cmpstr (error->message, ==, whole_error->message);
        }
      else
        {
          g_autofree char *expected = serialize (whole);
          g_autofree char *got = NULL;

          g_assert_no_error (error);
          got = serialize (doc);
          g_assert_cmpstr (got, ==, expected);
        }
    }
}

static void
test_push_like_whole (void)
{
  static const char *documents[] = {
    "<a xmlns='urn:x'>\n  <b> text </b>\n</a>",
    "<?xml version='1.0' encoding='UTF-8'?><a>12<!-- 34 -->56<?pi 78?><![CDATA[9]]>上海</a>",
    "<!DOCTYPE a><a/>",
    "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
    "<!DOCTYPE a SYSTEM 'file:///etc/passwd'><a/>",
    "<?xml version='1.0'?>\n<!-- a comment first -->\n<!DOCTYPE a PUBLIC '-//X//Y' "
    "'http://example.org/a.dtd'><a/>",
    "", "   ", "not xml", "<a", "<a></b>", "\x01\x02", "<a>\n  <b>\n</a>",
    "<p:a><b/></p:a>",
  };
  GString *deep = g_string_new (NULL);
  guint limit = ecert_xml_default_limits ()->max_depth;

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    assert_push_like_whole (documents[i], documents[i], strlen (documents[i]));

  for (guint i = 0; i < limit + 1; i++)
    g_string_append (deep, "<a>");
  for (guint i = 0; i < limit + 1; i++)
    g_string_append (deep, "</a>");
  assert_push_like_whole ("too deep", deep->str, deep->len);
  g_string_erase (deep, 0, 3);
  g_string_truncate (deep, deep->len - 4);
  assert_push_like_whole ("as deep as allowed", deep->str, deep->len);
  g_string_free (deep, TRUE);
}

static void
push_hostile (const char *name,
              const char *contents,
              gsize       length)
{
  assert_push_like_whole (name, contents, length);
}

static void
test_push_hostile_vectors (void)
{
  ecert_test_each_hostile_vector (push_hostile);
}

typedef struct
{
  guint  items;
  guint  bytes;
  guint  fail_at;
} Items;

/* Reads and discards each <item>, as a long list is read. */
static gboolean
take_item_cb (xmlNode   *element,
              gboolean  *discard,
              gpointer   user_data,
              GError   **error)
{
  Items *items = user_data;
  g_autofree char *text = NULL;

  if (!ecert_xml_is_element (element, NULL, "item"))
    return TRUE;

  items->items++;
  if (items->items == items->fail_at)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT, "item %u is wrong",
                   items->items);
      return FALSE;
    }

  text = ecert_xml_text (ecert_xml_first_child (element, NULL, "n"));
  g_assert_nonnull (text);
  items->bytes += strlen (text);
  *discard = TRUE;
  return TRUE;
}

static GString *
long_list (guint count)
{
  GString *text = g_string_new ("<list>\n  <head>kept</head>\n");

  for (guint i = 0; i < count; i++)
    g_string_append_printf (text, "  <item><n>%07u</n></item>\n  <!-- between -->\n", i);
  g_string_append (text, "</list>\n");
  return text;
}

/* Items read and discarded are not held: a list many times the limit of
 * what may be held is read, and what is left is the rest of it. */
static void
test_push_discards (void)
{
  EcertXmlLimits limits = { 4096, 16 };
  g_autoptr(GString) text = long_list (20000);
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  Items items = { 0 };
  xmlNode *root;
  guint elements = 0;

  g_assert_cmpuint (text->len, >, 100 * limits.max_size);
  doc = push_parse (text->str, text->len, 1000, &limits, take_item_cb, &items, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items.items, ==, 20000);
  g_assert_cmpuint (items.bytes, ==, 20000 * 7);

  root = xmlDocGetRootElement (doc);
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      /* Nothing between the items is left; what came before them is. */
      g_assert_true (child->type == XML_ELEMENT_NODE || child == root->children ||
                     child == root->children->next->next);
      if (child->type == XML_ELEMENT_NODE)
        elements++;
    }
  g_assert_cmpuint (elements, ==, 1);
  g_assert_true (ecert_xml_is_element (root->children->next, NULL, "head"));

  /* Kept, the same list is too large to hold. */
  g_clear_pointer (&doc, xmlFreeDoc);
  doc = push_parse (text->str, text->len, 1000, &limits, keep_cb, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);
}

static void
test_push_limits (void)
{
  EcertXmlLimits limits = { 4096, 16 };
  g_autoptr(GString) big_item = long_list (3);
  g_autoptr(GString) big_head = long_list (3);
  g_autoptr(GString) spaced = long_list (3);
  g_autofree char *filler = g_strnfill (8192, 'x');
  g_autofree char *spaces = g_strnfill (8192, ' ');
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  Items items = { 0 };

  /* One item larger than what may be held, even if it would be
   * discarded once read. */
  g_string_replace (big_item, "<n>0000001</n>", filler, 1);
  doc = push_parse (big_item->str, big_item->len, 100, &limits, take_item_cb, &items, &error);
  g_assert_null (doc);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* So is what comes before the list, and attributes count. */
  g_string_replace (big_head, "kept", filler, 1);
  items = (Items) { 0 };
  doc = push_parse (big_head->str, big_head->len, 100, &limits, take_item_cb, &items, &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_string_replace (big_head, "<head>", "<head a='", 1);
  g_string_replace (big_head, filler, "'>", 1);
  g_string_insert (big_head, strstr (big_head->str, "'>") - big_head->str, filler);
  doc = push_parse (big_head->str, big_head->len, 100, &limits, take_item_cb, &items, &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Between items, nothing is held, however much there is. */
  g_string_replace (spaced, "<!-- between -->", spaces, 0);
  items = (Items) { 0 };
  doc = push_parse (spaced->str, spaced->len, 100, &limits, take_item_cb, &items, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items.items, ==, 3);
  g_clear_pointer (&doc, xmlFreeDoc);

  /* The callback's own error stops the parse, as it is. */
  items = (Items) { 0, 0, 2 };
  {
    g_autoptr(EcertXmlPushParser) parser = ecert_xml_push_parser_new (&limits, take_item_cb,
                                                                      &items);
    g_autoptr(GString) list = long_list (3);

    g_assert_false (ecert_xml_push_parser_feed (parser, (const guint8 *) list->str, list->len,
                                                &error));
    g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
    g_assert_cmpstr (error->message, ==, "item 2 is wrong");
    g_assert_true (ecert_xml_push_parser_failed_in_callback (parser));
  }
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
  g_test_add_func ("/xml/push/like-whole", test_push_like_whole);
  g_test_add_func ("/xml/push/hostile-vectors", test_push_hostile_vectors);
  g_test_add_func ("/xml/push/discards", test_push_discards);
  g_test_add_func ("/xml/push/limits", test_push_limits);

  return g_test_run ();
}
