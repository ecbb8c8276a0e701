/* test-c14n.c: our canonical bytes against the W3C interop vectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile canonicalizes two node sets: the whole document minus the
 * signature (the reference, URI="" with enveloped-signature) and the
 * SignedInfo subtree, each with Canonical XML 1.0 or 1.1 or Exclusive XML
 * Canonicalization 1.0, without comments, the latter with an optional
 * InclusiveNamespaces PrefixList. Merlin Hughes's vectors give the canonical
 * bytes other implementations produced; wherever their node set is one of
 * those two shapes (a subtree, or a document minus one element), our bytes,
 * from the very functions the verifier uses, must be the same. Their other
 * cases select nodes with XPath expressions the profile refuses, and are
 * skipped by name.
 */

#include "config.h"

#include <locale.h>
#include <gnutls/crypto.h>

#include "ecert-content.h"
#include "ecert-test-util.h"
#include "ecert-xml.h"
#include "ecert-xmldsig.h"

#define XPATH_1_0 "http://www.w3.org/TR/1999/REC-xpath-19991116"

static xmlDoc *
load_document (const char *relative)
{
  g_autoptr(GBytes) bytes = ecert_test_load_reference (relative);
  g_autoptr(GError) error = NULL;
  xmlDoc *doc;

  if (bytes == NULL)
    return NULL;

  doc = ecert_xml_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, &error);
  g_assert_no_error (error);
  return doc;
}

static GPtrArray *
dsig_children (xmlNode    *parent,
               const char *name)
{
  GPtrArray *children = g_ptr_array_new ();

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (ecert_xml_is_element (child, ECERT_XMLDSIG_NS, name))
        g_ptr_array_add (children, child);
    }

  return children;
}

static xmlNode *
find_element (xmlNode    *node,
              const char *ns_href,
              const char *name)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (ecert_xml_is_element (node, ns_href, name))
        return node;
      if (node->type == XML_ELEMENT_NODE &&
          (found = find_element (node->children, ns_href, name)) != NULL)
        return found;
    }

  return NULL;
}

static GBytes *
digest_value (xmlNode *reference)
{
  xmlNode *value = ecert_xml_first_child (reference, ECERT_XMLDSIG_NS, "DigestValue");
  g_autofree char *text = (char *) xmlNodeGetContent (value);

  return ecert_content_decode_base64 (text, strlen (text), NULL);
}

/* The vectors' digests are SHA-1: here only a checksum that ties each
 * expected-output file to its reference, never a signature algorithm. */
static void
assert_sha1 (GBytes  *data,
             GBytes  *expected,
             const char *what)
{
  guint8 hash[20];

  gnutls_hash_fast (GNUTLS_DIG_SHA1, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                    hash);
  if (g_bytes_get_size (expected) != sizeof hash ||
      memcmp (hash, g_bytes_get_data (expected, NULL), sizeof hash) != 0)
    g_error ("%s: the SHA-1 of our canonical bytes is not the vector's DigestValue", what);
}

static void
assert_same_bytes (GBytes     *ours,
                   GBytes     *expected,
                   const char *what)
{
  if (!g_bytes_equal (ours, expected))
    g_error ("%s: our canonical bytes differ from the expected output:\n--- ours\n%.*s\n"
             "--- expected\n%.*s", what,
             (int) g_bytes_get_size (ours), (const char *) g_bytes_get_data (ours, NULL),
             (int) g_bytes_get_size (expected), (const char *) g_bytes_get_data (expected, NULL));
}

/* XPath text with its white space collapsed, for recognizing the one
 * expression whose node set is a plain subtree. */
static char *
collapsed_xpath (xmlNode *transform)
{
  g_autofree char *text = (char *) xmlNodeGetContent (transform);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (text), " \t\r\n", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0')
        g_strv_builder_add (kept, words[i]);
    }

  joined = g_strv_builder_end (kept);
  return g_strjoinv (" ", joined);
}

/* merlin-c14n-three: 27 references over one document, each an XPath node
 * set followed by Canonical XML 1.0 (implied), Exclusive C14N, or
 * Exclusive C14N with PrefixList="#default"; c14n-N.txt is reference N's
 * output and c14n-27.txt the canonical SignedInfo. The expression
 * "ancestor-or-self::bar:Something" selects the outermost bar:Something
 * with everything in it (its attributes and namespace nodes included):
 * a subtree, as SignedInfo is in the profile. */
static void
test_merlin_c14n_three (void)
{
  g_autoptr(xmlDoc) doc = load_document ("vectors/xmlsec/merlin-c14n-three/signature.xml");
  g_autoptr(GPtrArray) references = NULL;
  g_autoptr(GBytes) signed_info_expected = NULL;
  g_autoptr(GBytes) signed_info_ours = NULL;
  xmlNode *root;
  xmlNode *signed_info;
  xmlNode *apex;
  guint compared = 0;
  guint skipped = 0;

  if (doc == NULL)
    return;

  root = xmlDocGetRootElement (doc);
  signed_info = find_element (root, ECERT_XMLDSIG_NS, "SignedInfo");
  apex = find_element (root, "http://example.org/bar", "Something");
  g_assert_nonnull (signed_info);
  g_assert_nonnull (apex);
  g_assert_true (apex->parent == root);

  references = dsig_children (signed_info, "Reference");
  g_assert_cmpuint (references->len, ==, 27);

  for (guint i = 0; i < references->len; i++)
    {
      xmlNode *reference = references->pdata[i];
      xmlNode *transforms = ecert_xml_first_child (reference, ECERT_XMLDSIG_NS, "Transforms");
      g_autoptr(GPtrArray) list = dsig_children (transforms, "Transform");
      g_autofree char *file = g_strdup_printf ("vectors/xmlsec/merlin-c14n-three/c14n-%u.txt", i);
      g_autoptr(GBytes) expected = ecert_test_load_reference (file);
      g_autoptr(GBytes) digest = digest_value (reference);
      g_autoptr(GBytes) ours = NULL;
      g_autofree char *first = ecert_xml_attribute (list->pdata[0], "Algorithm");
      g_autofree char *xpath = collapsed_xpath (list->pdata[0]);
      g_auto(GStrv) prefixes = NULL;
      const EcertC14nAlgorithm *algorithm;
      const char *mode;

      /* The file is this reference's output: its SHA-1 is the digest. */
      g_assert_nonnull (expected);
      assert_sha1 (expected, digest, file);

      g_assert_cmpstr (first, ==, XPATH_1_0);
      if (list->len == 1)
        {
          algorithm = ecert_xmldsig_find_c14n (ECERT_XMLDSIG_C14N_1_0);
          mode = "Canonical XML 1.0";
        }
      else
        {
          g_autofree char *second = ecert_xml_attribute (list->pdata[1], "Algorithm");

          algorithm = ecert_xmldsig_find_c14n (second);
          g_assert_nonnull (algorithm);
          prefixes = ecert_xmldsig_inclusive_prefixes (list->pdata[1]);
          mode = prefixes != NULL ? "Exclusive C14N, PrefixList" : "Exclusive C14N";
        }

      if (g_strcmp0 (xpath, "ancestor-or-self::bar:Something") != 0)
        {
          g_test_message ("c14n-%u.txt (%s): skipped, the node set needs the XPath “%s”", i,
                          mode, xpath);
          skipped++;
          continue;
        }

      ours = ecert_xmldsig_c14n_subtree (doc, apex, algorithm, prefixes);
      g_assert_nonnull (ours);
      assert_same_bytes (ours, expected, file);
      g_test_message ("c14n-%u.txt (%s, a subtree): identical, %" G_GSIZE_FORMAT " bytes", i,
                      mode, g_bytes_get_size (ours));
      compared++;
    }

  /* c14n-27.txt: SignedInfo, with its own CanonicalizationMethod. */
  signed_info_expected = ecert_test_load_reference ("vectors/xmlsec/merlin-c14n-three/c14n-27.txt");
  g_assert_nonnull (signed_info_expected);
  signed_info_ours = ecert_xmldsig_c14n_subtree (doc, signed_info,
                                                 ecert_xmldsig_find_c14n (ECERT_XMLDSIG_C14N_1_0),
                                                 NULL);
  assert_same_bytes (signed_info_ours, signed_info_expected, "c14n-27.txt (SignedInfo)");
  g_test_message ("c14n-27.txt (Canonical XML 1.0, SignedInfo): identical, %" G_GSIZE_FORMAT
                  " bytes", g_bytes_get_size (signed_info_ours));
  compared++;

  g_test_message ("merlin-c14n-three: %u compared, %u skipped", compared, skipped);
  g_assert_cmpuint (compared, ==, 4);
}

/* A PrefixList is white-space separated, and a run of white space is one
 * separator: "bar  dsig" is "bar dsig", and never names the default
 * namespace (urn:foo in exc-signature.xml, in scope but unused in the
 * Object). libxml2 reads an empty prefix as the default namespace, so an
 * empty token must never reach it. */
static void
check_prefix_list_white_space (xmlDoc  *doc,
                               xmlNode *object)
{
  const char * const lists[] = { "bar dsig", "bar  dsig", "\tbar\n dsig ", "bar\t\tdsig" };
  const EcertC14nAlgorithm *exclusive = ecert_xmldsig_find_c14n (ECERT_XMLDSIG_EXC_C14N);
  g_autoptr(GBytes) first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      xmlNode *method = xmlNewNode (NULL, (const xmlChar *) "Transform");
      xmlNs *ns = xmlNewNs (method, (const xmlChar *) ECERT_XMLDSIG_EXC_C14N,
                            (const xmlChar *) "ec");
      xmlNode *inclusive = xmlNewChild (method, ns, (const xmlChar *) "InclusiveNamespaces", NULL);
      g_auto(GStrv) prefixes = NULL;
      g_autoptr(GBytes) ours = NULL;

      xmlNewProp (inclusive, (const xmlChar *) "PrefixList", (const xmlChar *) lists[i]);
      prefixes = ecert_xmldsig_inclusive_prefixes (method);
      xmlFreeNode (method);

      ours = ecert_xmldsig_c14n_subtree (doc, object, exclusive, prefixes);
      g_assert_null (g_strstr_len (g_bytes_get_data (ours, NULL), g_bytes_get_size (ours),
                                   "xmlns=\"urn:foo\""));
      if (first == NULL)
        first = g_bytes_ref (ours);
      else
        assert_same_bytes (ours, first, lists[i]);
      g_assert_cmpuint (g_strv_length (prefixes), ==, 2);
    }

  g_test_message ("PrefixList white space: %u spellings of \"bar dsig\", identical bytes",
                  (guint) G_N_ELEMENTS (lists));
}

/* merlin-exc-c14n-one: four references to a dsig:Object by ID (a subtree
 * holding a comment), with Exclusive C14N with and without comments and
 * with and without PrefixList="bar #default". No output files: the
 * DigestValues are the expected result. */
static void
test_merlin_exc_c14n_one (void)
{
  g_autoptr(xmlDoc) doc = load_document ("vectors/xmlsec/merlin-exc-c14n-one/exc-signature.xml");
  g_autoptr(GPtrArray) references = NULL;
  g_autofree char *id = NULL;
  xmlNode *object;
  guint compared = 0;

  if (doc == NULL)
    return;

  object = find_element (xmlDocGetRootElement (doc), ECERT_XMLDSIG_NS, "Object");
  g_assert_nonnull (object);
  id = ecert_xml_attribute (object, "Id");
  g_assert_cmpstr (id, ==, "to-be-signed");

  references = dsig_children (find_element (xmlDocGetRootElement (doc), ECERT_XMLDSIG_NS,
                                            "SignedInfo"), "Reference");
  g_assert_cmpuint (references->len, ==, 4);

  for (guint i = 0; i < references->len; i++)
    {
      xmlNode *reference = references->pdata[i];
      xmlNode *transforms = ecert_xml_first_child (reference, ECERT_XMLDSIG_NS, "Transforms");
      xmlNode *transform = ecert_xml_first_child (transforms, ECERT_XMLDSIG_NS, "Transform");
      g_autofree char *uri = ecert_xml_attribute (reference, "URI");
      g_autofree char *algorithm_uri = ecert_xml_attribute (transform, "Algorithm");
      g_autofree char *what = g_strdup_printf ("exc-signature.xml reference %u", i);
      g_autoptr(GBytes) digest = digest_value (reference);
      g_autoptr(GBytes) ours = NULL;
      g_auto(GStrv) prefixes = ecert_xmldsig_inclusive_prefixes (transform);
      const EcertC14nAlgorithm *algorithm = ecert_xmldsig_find_c14n (algorithm_uri);

      g_assert_cmpstr (uri, ==, "#xpointer(id('to-be-signed'))");
      if (algorithm == NULL)
        {
          g_test_message ("%s (%s): skipped, the profile never canonicalizes with comments",
                          what, algorithm_uri);
          continue;
        }

      ours = ecert_xmldsig_c14n_subtree (doc, object, algorithm, prefixes);
      g_assert_nonnull (ours);
      assert_sha1 (ours, digest, what);
      g_test_message ("%s (Exclusive C14N%s): same digest, %" G_GSIZE_FORMAT " bytes", what,
                      prefixes != NULL ? ", PrefixList=\"bar #default\"" : "",
                      g_bytes_get_size (ours));
      compared++;
    }
  g_assert_cmpuint (compared, ==, 2);

  check_prefix_list_white_space (doc, object);
}

/* merlin-xmldsig-twenty-three (in the signxml interop set) has the one
 * vector whose reference is the profile's own node set: URI="" with the
 * enveloped-signature transform, then Canonical XML 1.0 (implied), with
 * the reference's and SignedInfo's canonical bytes beside it. */
static void
test_merlin_enveloped (void)
{
  const char *directory = "vectors/signxml/interop/merlin-xmldsig-twenty-three";
  g_autofree char *document = g_strconcat (directory, "/signature-enveloped-dsa.xml", NULL);
  g_autofree char *reference_file = g_strconcat (directory, "/signature-enveloped-dsa-c14n-0.txt",
                                                 NULL);
  g_autofree char *signed_info_file = g_strconcat (directory,
                                                   "/signature-enveloped-dsa-c14n-1.txt", NULL);
  g_autoptr(xmlDoc) doc = load_document (document);
  g_autoptr(GBytes) reference_expected = NULL;
  g_autoptr(GBytes) signed_info_expected = NULL;
  g_autoptr(GBytes) reference_ours = NULL;
  g_autoptr(GBytes) signed_info_ours = NULL;
  const EcertC14nAlgorithm *inclusive = ecert_xmldsig_find_c14n (ECERT_XMLDSIG_C14N_1_0);
  xmlNode *signature;

  if (doc == NULL)
    return;

  signature = find_element (xmlDocGetRootElement (doc), ECERT_XMLDSIG_NS, "Signature");
  g_assert_true (signature->parent == xmlDocGetRootElement (doc));
  reference_expected = ecert_test_load_reference (reference_file);
  signed_info_expected = ecert_test_load_reference (signed_info_file);

  reference_ours = ecert_xmldsig_c14n_without (doc, signature, inclusive, NULL);
  assert_same_bytes (reference_ours, reference_expected, reference_file);
  signed_info_ours = ecert_xmldsig_c14n_subtree (doc, ecert_xml_first_child (signature,
                                                                             ECERT_XMLDSIG_NS,
                                                                             "SignedInfo"),
                                                 inclusive, NULL);
  assert_same_bytes (signed_info_ours, signed_info_expected, signed_info_file);
  g_test_message ("signature-enveloped-dsa: the document minus the signature and SignedInfo "
                  "(Canonical XML 1.0): identical");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/c14n/merlin-c14n-three", test_merlin_c14n_three);
  g_test_add_func ("/c14n/merlin-exc-c14n-one", test_merlin_exc_c14n_one);
  g_test_add_func ("/c14n/merlin-enveloped", test_merlin_enveloped);

  return g_test_run ();
}
