/* test-vectors.c: the verifier against public XML signature vectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vectors (xmlsec's aleksey-xmldsig-01 and the signxml interop set)
 * were made by other implementations, so they check our profile and our
 * cryptography against someone else's. They are not SPS certificates, so the
 * model parser refuses them; they go through ecert_verify_document(), the
 * verifier's own entry point, on the tree ecert_xml_parse() gives.
 *
 * The rule: a vector inside the profile passes the cryptography (and is
 * valid when its anchor is given); every other vector is refused, as
 * unsupported or by the parser, and none is ever valid, even with every
 * anchor we have trusted.
 *
 * None of the public vectors turns out to be inside the profile: the near
 * misses reference the document element by ID instead of URI="", select it
 * with an XPath transform, imply the canonicalization or name their key.
 * Those are refused, and rightly; but their cryptography is still worth
 * checking, so for them the test runs the profile's own primitives
 * (canonicalization without the signature, digests, SignatureValue) and
 * asserts that the digest and the signature check out.
 */

#include "config.h"

#include <locale.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>

#include "ecert-content.h"
#include "ecert-core.h"
#include "ecert-test-util.h"
#include "ecert-xml.h"
#include "ecert-xmldsig.h"

/* The trust store's country for the vectors; any code will do. */
#define VECTOR_COUNTRY "ZZ"

typedef struct
{
  const char *path;     /* under vectors/ */
  const char *anchor;   /* under vectors/; NULL: no anchor is published */
  const char *issued;   /* the moment to judge the chain at; NULL: now */
} InProfile;

/* Inside the profile: the signature and digest must check out, and the
 * verdict be valid with the anchor. No public vector is (see above); the
 * list stays so that one added to the collection is held to the rule. */
static const InProfile in_profile[] = {
  { NULL, NULL, NULL },
};

/* Inside the profile, broken on purpose by their authors: invalid. None
 * either (phaos's bad-digest and bad-signature vectors use SHA-1 or two
 * references, so they are unsupported first). */
static const char * const broken_on_purpose[] = {
  NULL,
};

typedef struct
{
  const char *path;     /* under vectors/ */
  const char *key;      /* PEM certificate or public key under vectors/;
                         * NULL: the signature's first X509Certificate */
  gboolean    valid;    /* whether the SignatureValue must verify */
  const char *outside;  /* what alone puts it outside the profile */
} CryptoOnly;

#define ID_REFERENCE "the reference names the document element by ID, not URI=\"\""
#define XPATH_KEYNAME "an XPath transform equal to enveloped-signature, and a KeyName"
#define XPATH_X509 "an XPath transform equal to enveloped-signature, and X509Data " \
                   "without the certificate"
#define XPATH_ONLY "an XPath transform equal to enveloped-signature"

/* Outside the profile by layout only: refused as unsupported, yet the
 * digest and the signature value must check out with the profile's own
 * canonicalization and signature code. */
static const CryptoOnly crypto_only[] = {
  { "signxml/interop/aleksey-xmldsig-01-enveloped/enveloped-sha256-rsa-sha256-test-1.xml",
    NULL, TRUE, ID_REFERENCE },
  { "signxml/interop/aleksey-xmldsig-01-enveloped/enveloped-sha256-rsa-sha256-test-2.xml",
    NULL, TRUE, ID_REFERENCE },
  { "signxml/interop/aleksey-xmldsig-01-enveloped/enveloped-sha256-rsa-sha256-test-3.xml",
    NULL, TRUE, ID_REFERENCE },
  { "signxml/interop/aleksey-xmldsig-01-enveloped/enveloped-sha256-rsa-sha256-test-4.xml",
    NULL, TRUE, ID_REFERENCE },
  { "signxml/interop/aleksey-xmldsig-01-enveloped/enveloped-sha256-rsa-sha256-test-5.xml",
    NULL, TRUE, ID_REFERENCE },
  { "signxml/interop/aleksey-xmldsig-01-enveloped/enveloped-sha256-rsa-sha256-test-6.xml",
    NULL, TRUE, ID_REFERENCE },
  { "signxml/interop/aleksey-xmldsig-01-enveloped/enveloped-sha256-rsa-sha256-test-7.xml",
    NULL, TRUE, ID_REFERENCE },
  { "signxml/interop/aleksey-xmldsig-01-enveloped/enveloped-sha256-rsa-sha256-test-8.xml",
    NULL, TRUE, ID_REFERENCE },
  { "signxml/interop/pyXMLSecurity/SAML_assertion_sha256.xml", NULL, TRUE, ID_REFERENCE },
  { "signxml/interop/xml-crypto/wsfederation_metadata.xml", NULL, TRUE, ID_REFERENCE },
  { "signxml/interop/xml-crypto/windows_store_signature.xml",
    "signxml/interop/xml-crypto/windows_store_certificate.pem", TRUE,
    "a single transform, the canonicalization left implied, and no KeyInfo" },
  { "xmlsec/aleksey-xmldsig-01/enveloped-sha256-ecdsa-sha256.xml",
    "xmlsec/keys/ec/ec-prime256v1-pubkey.pem", TRUE, XPATH_KEYNAME },
  { "xmlsec/aleksey-xmldsig-01/enveloped-sha384-ecdsa-sha384.xml",
    "xmlsec/keys/ec/ec-prime521v1-pubkey.pem", TRUE, XPATH_KEYNAME },
  { "xmlsec/aleksey-xmldsig-01/enveloped-sha512-ecdsa-sha512.xml",
    "xmlsec/keys/ec/ec-prime521v1-pubkey.pem", TRUE, XPATH_KEYNAME },
  /* ECDSA written as ASN.1 DER, which xmlsec tolerates; XML Signature
   * says r||s, and so do we. */
  { "xmlsec/aleksey-xmldsig-01/enveloped-sha256-ecdsa-sha256-with-asn1.xml",
    "xmlsec/keys/ec/ec-prime256v1-pubkey.pem", FALSE, XPATH_KEYNAME },
  { "xmlsec/aleksey-xmldsig-01/enveloped-sha256-rsa-pss-sha256.xml",
    "xmlsec/keys/rsa/rsa-4096-pubkey.pem", TRUE, XPATH_KEYNAME },
  { "xmlsec/aleksey-xmldsig-01/enveloped-sha384-rsa-pss-sha384.xml",
    "xmlsec/keys/rsa/rsa-4096-pubkey.pem", TRUE, XPATH_KEYNAME },
  { "xmlsec/aleksey-xmldsig-01/enveloped-sha512-rsa-pss-sha512.xml",
    "xmlsec/keys/rsa/rsa-4096-pubkey.pem", TRUE, XPATH_KEYNAME },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-digest-sha256.xml",
    "xmlsec/keys/rsa/rsa-4096-cert.pem", TRUE, XPATH_X509 },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-digest-sha384.xml",
    "xmlsec/keys/rsa/rsa-4096-cert.pem", TRUE, XPATH_X509 },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-digest-sha512.xml",
    "xmlsec/keys/rsa/rsa-4096-cert.pem", TRUE, XPATH_X509 },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-digest-sha3_224.xml",
    "xmlsec/keys/rsa/rsa-4096-cert.pem", TRUE, XPATH_X509 },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-digest-sha3_256.xml",
    "xmlsec/keys/rsa/rsa-4096-cert.pem", TRUE, XPATH_X509 },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-digest-sha3_384.xml",
    "xmlsec/keys/rsa/rsa-4096-cert.pem", TRUE, XPATH_X509 },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-digest-sha3_512.xml",
    "xmlsec/keys/rsa/rsa-4096-cert.pem", TRUE, XPATH_X509 },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-issuerserial.xml",
    "xmlsec/keys/rsa/rsa-4096-cert.pem", TRUE, XPATH_X509 },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-ski.xml",
    "xmlsec/keys/rsa/rsa-4096-cert.pem", TRUE, XPATH_X509 },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-subjectname.xml",
    "xmlsec/keys/rsa/rsa-4096-cert.pem", TRUE, XPATH_X509 },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-missing-cert.xml", NULL, TRUE, XPATH_ONLY },
  { "xmlsec/aleksey-xmldsig-01/enveloped-x509-same-subj-cert.xml", NULL, TRUE, XPATH_ONLY },
};

/* Every anchor we have, for the vectors outside the profile: none of them
 * may be valid even then. */
static const char * const all_anchors[] = {
  "xmlsec/keys/cacert.pem",
  "xmlsec/keys/ca2cert.pem",
  "signxml/interop/cacert.pem",
  "signxml/interop/aleksey-xmldsig-01/cacert.pem",
  "signxml/interop/aleksey-xmldsig-01-enveloped/cacert.pem",
};

static const InProfile *
find_in_profile (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (in_profile); i++)
    {
      if (g_strcmp0 (in_profile[i].path, path) == 0)
        return &in_profile[i];
    }

  return NULL;
}

static gboolean
is_broken_on_purpose (const char *path)
{
  return g_strv_contains (broken_on_purpose, path);
}

static void
collect_xml (const char *root,
             const char *relative,
             GPtrArray  *found)
{
  g_autofree char *directory_path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) directory = g_dir_open (directory_path, 0, NULL);
  const char *name;

  if (directory == NULL)
    return;

  while ((name = g_dir_read_name (directory)) != NULL)
    {
      g_autofree char *child = g_build_filename (relative, name, NULL);
      g_autofree char *full = g_build_filename (root, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        collect_xml (root, child, found);
      else if (g_str_has_suffix (name, ".xml"))
        g_ptr_array_add (found, g_steal_pointer (&child));
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
has_signature (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (ecert_xml_is_element (node, ECERT_XMLDSIG_NS, "Signature") ||
          (node->type == XML_ELEMENT_NODE && has_signature (node->children)))
        return TRUE;
    }

  return FALSE;
}

static void
add_anchor (EcertTrustStore *trust,
            const char      *root,
            const char      *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pem = NULL;
  g_autoptr(GPtrArray) added = NULL;
  char *contents;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("Cannot read %s: %s", path, error->message);
  pem = g_bytes_new_take (contents, length);
  added = ecert_trust_store_add_pem (trust, VECTOR_COUNTRY, pem, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
}

/* Refusals, counted by reason with the algorithm named left out. */
static void
count_reason (GHashTable *reasons,
              const char *reason)
{
  g_autoptr(GRegex) quoted = g_regex_new ("“[^”]*”", 0, 0, NULL);
  char *key = g_regex_replace_literal (quoted, reason, -1, 0, "“…”", 0, NULL);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (reasons, key));

  g_hash_table_replace (reasons, key, GUINT_TO_POINTER (count + 1));
}

static gboolean
crypto_passed (EcertVerdict verdict)
{
  return verdict == ECERT_VERDICT_VALID || verdict == ECERT_VERDICT_UNTRUSTED_SIGNER ||
         verdict == ECERT_VERDICT_NOT_AUTHORISED || verdict == ECERT_VERDICT_EXPIRED_SIGNER;
}

static void
test_vectors (void)
{
  g_autofree char *root = ecert_test_reference_path ("vectors", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(EcertTrustStore) everything = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autoptr(GHashTable) reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) reason_list = NULL;
  guint passed = 0, broken = 0, unsupported = 0, parser = 0, skipped = 0;

  if (root == NULL)
    return;

  collect_xml (root, "xmlsec/aleksey-xmldsig-01", files);
  collect_xml (root, "signxml/interop", files);
  g_ptr_array_sort (files, compare_paths);
  g_assert_cmpuint (files->len, >, 100);

  everything = ecert_trust_store_new_in_memory ();
  for (guint i = 0; i < G_N_ELEMENTS (all_anchors); i++)
    add_anchor (everything, root, all_anchors[i]);

  for (guint i = 0; i < files->len; i++)
    {
      const char *relative = files->pdata[i];
      g_autofree char *path = g_build_filename (root, relative, NULL);
      const InProfile *expected = find_in_profile (relative);
      g_autoptr(GError) error = NULL;
      g_autoptr(xmlDoc) doc = NULL;
      g_autoptr(EcertVerification) verification = NULL;
      g_autoptr(EcertTrustStore) own = NULL;
      g_autoptr(GDateTime) issued = NULL;
      EcertTrustStore *trust = everything;
      EcertVerdict verdict;
      gboolean signed_text;
      char *contents;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        g_error ("Cannot read %s: %s", path, error->message);
      doc = ecert_xml_parse ((const guint8 *) contents, length, NULL, &error);
      signed_text = g_strstr_len (contents, length, ECERT_XMLDSIG_NS) != NULL;
      g_free (contents);

      if (doc == NULL && !signed_text)
        {
          g_test_message ("%-80s  (not read, and no signature: not a vector)", relative);
          skipped++;
          continue;
        }

      if (doc == NULL)
        {
          /* Refused before the verifier sees it (a DOCTYPE, say): that is
           * a refusal too, but never acceptable for a vector we expect to
           * pass. */
          g_test_message ("%-80s  parser       %s", relative, error->message);
          count_reason (reasons, error->message);
          parser++;
          if (expected != NULL || is_broken_on_purpose (relative))
            g_string_append_printf (failures, "%s: refused by the parser: %s\n",
                                    relative, error->message);
          continue;
        }

      if (!has_signature (xmlDocGetRootElement (doc)))
        {
          g_test_message ("%-80s  (no signature: not a vector)", relative);
          skipped++;
          continue;
        }

      if (expected != NULL)
        {
          own = ecert_trust_store_new_in_memory ();
          if (expected->anchor != NULL)
            add_anchor (own, root, expected->anchor);
          trust = own;
          if (expected->issued != NULL)
            issued = g_date_time_new_from_iso8601 (expected->issued, NULL);
        }

      verification = ecert_verify_document (doc, VECTOR_COUNTRY, issued, trust, NULL);
      verdict = ecert_verification_get_verdict (verification);
      g_test_message ("%-80s  %-12s %s", relative, ecert_verdict_to_string (verdict),
                      ecert_verification_get_reason (verification));
      if (verdict == ECERT_VERDICT_UNSUPPORTED)
        count_reason (reasons, ecert_verification_get_reason (verification));

      if (expected != NULL)
        {
          gboolean ok = expected->anchor != NULL ? verdict == ECERT_VERDICT_VALID
                                                 : crypto_passed (verdict);

          passed += ok;
          if (!ok)
            g_string_append_printf (failures, "%s: expected to pass, got %s: %s\n", relative,
                                    ecert_verdict_to_string (verdict),
                                    ecert_verification_get_reason (verification));
        }
      else if (is_broken_on_purpose (relative))
        {
          broken += verdict == ECERT_VERDICT_INVALID;
          if (verdict != ECERT_VERDICT_INVALID)
            g_string_append_printf (failures, "%s: broken on purpose, got %s: %s\n", relative,
                                    ecert_verdict_to_string (verdict),
                                    ecert_verification_get_reason (verification));
        }
      else
        {
          unsupported += verdict == ECERT_VERDICT_UNSUPPORTED;
          if (verdict != ECERT_VERDICT_UNSUPPORTED)
            g_string_append_printf (failures, "%s: outside the profile, got %s: %s\n", relative,
                                    ecert_verdict_to_string (verdict),
                                    ecert_verification_get_reason (verification));
        }
    }

  g_test_message ("%u in the profile and passed, %u broken on purpose and invalid, "
                  "%u unsupported, %u refused by the parser, %u without a signature",
                  passed, broken, unsupported, parser, skipped);
  reason_list = g_list_sort (g_hash_table_get_keys (reasons), (GCompareFunc) strcmp);
  for (GList *l = reason_list; l != NULL; l = l->next)
    g_test_message ("%4u  %s", GPOINTER_TO_UINT (g_hash_table_lookup (reasons, l->data)),
                    (const char *) l->data);
  if (failures->len > 0)
    g_error ("Vectors not judged as expected:\n%s", failures->str);
}

static xmlDoc *
load_vector (const char *root,
             const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  xmlDoc *doc;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("Cannot read %s: %s", path, error->message);
  doc = ecert_xml_parse ((const guint8 *) contents, length, NULL, &error);
  g_assert_no_error (error);
  return doc;
}

static xmlNode *
find_signature (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (ecert_xml_is_element (node, ECERT_XMLDSIG_NS, "Signature"))
        return node;
      if (node->type == XML_ELEMENT_NODE && (found = find_signature (node->children)) != NULL)
        return found;
    }

  return NULL;
}

static GBytes *
base64_of (xmlNode *node)
{
  g_autofree char *text = (char *) xmlNodeGetContent (node);

  return ecert_content_decode_base64 (text, strlen (text), NULL);
}

static gnutls_pubkey_t
load_key (const char *root,
          const char *relative,
          xmlNode    *signature)
{
  gnutls_pubkey_t key = NULL;
  gnutls_x509_crt_t certificate = NULL;
  int status;

  gnutls_pubkey_init (&key);
  if (relative == NULL)
    {
      xmlNode *key_info = ecert_xml_first_child (signature, ECERT_XMLDSIG_NS, "KeyInfo");
      xmlNode *data = ecert_xml_first_child (key_info, ECERT_XMLDSIG_NS, "X509Data");
      xmlNode *first = ecert_xml_first_child (data, ECERT_XMLDSIG_NS, "X509Certificate");
      g_autoptr(GBytes) der = NULL;
      gsize length;
      const guint8 *bytes;

      g_assert_nonnull (first);
      der = base64_of (first);
      bytes = g_bytes_get_data (der, &length);
      gnutls_x509_crt_init (&certificate);
      status = gnutls_x509_crt_import (certificate,
                                       &(gnutls_datum_t) { (unsigned char *) bytes,
                                                           (unsigned int) length },
                                       GNUTLS_X509_FMT_DER);
      g_assert_cmpint (status, >=, 0);
    }
  else
    {
      g_autofree char *path = g_build_filename (root, relative, NULL);
      g_autofree char *pem = NULL;
      gsize length;
      gnutls_datum_t datum;

      g_assert_true (g_file_get_contents (path, &pem, &length, NULL));
      datum.data = (unsigned char *) pem;
      datum.size = (unsigned int) length;
      if (strstr (pem, "BEGIN CERTIFICATE") != NULL)
        {
          gnutls_x509_crt_init (&certificate);
          status = gnutls_x509_crt_import (certificate, &datum, GNUTLS_X509_FMT_PEM);
          g_assert_cmpint (status, >=, 0);
        }
      else
        {
          status = gnutls_pubkey_import (key, &datum, GNUTLS_X509_FMT_PEM);
          g_assert_cmpint (status, >=, 0);
        }
    }

  if (certificate != NULL)
    {
      status = gnutls_pubkey_import_x509 (key, certificate, 0);
      g_assert_cmpint (status, >=, 0);
      gnutls_x509_crt_deinit (certificate);
    }

  return key;
}

/* The reference of these vectors selects the same nodes as the profile's
 * URI="" with enveloped-signature: the document element by its ID, or the
 * whole document minus the signature by XPath. Anything else here would
 * make the check below meaningless, so it is asserted. */
static void
reference_settings (xmlNode                   *reference,
                    const EcertC14nAlgorithm **c14n,
                    char                    ***prefixes)
{
  xmlDoc *doc = reference->doc;
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *transforms = ecert_xml_first_child (reference, ECERT_XMLDSIG_NS, "Transforms");
  g_autofree char *uri = (char *) xmlGetNoNsProp (reference, (const xmlChar *) "URI");

  if (uri[0] == '#')
    {
      g_autofree char *id = ecert_xml_attribute (root, "ID");

      if (id == NULL)
        id = ecert_xml_attribute (root, "Id");
      g_assert_cmpstr (uri + 1, ==, id);
    }
  else
    g_assert_cmpstr (uri, ==, "");

  /* Nothing but comments beside the document element, so the element and
   * the document canonicalize alike. */
  for (xmlNode *node = doc->children; node != NULL; node = node->next)
    g_assert_true (node == root || node->type == XML_COMMENT_NODE);

  /* The default canonicalization of a node set is Canonical XML 1.0. */
  *c14n = ecert_xmldsig_find_c14n (ECERT_XMLDSIG_C14N_1_0);
  *prefixes = NULL;
  for (xmlNode *transform = transforms != NULL ? transforms->children : NULL; transform != NULL;
       transform = transform->next)
    {
      g_autofree char *algorithm = NULL;

      if (!ecert_xml_is_element (transform, ECERT_XMLDSIG_NS, "Transform"))
        continue;

      algorithm = ecert_xml_attribute (transform, "Algorithm");
      if (g_strcmp0 (algorithm, ECERT_XMLDSIG_ENVELOPED) == 0)
        continue;
      if (g_strcmp0 (algorithm, "http://www.w3.org/TR/1999/REC-xpath-19991116") == 0)
        {
          g_autofree char *xpath = ecert_xml_text (ecert_xml_first_child (transform,
                                                                          ECERT_XMLDSIG_NS,
                                                                          "XPath"));

          g_assert_cmpstr (xpath, ==, "not(ancestor-or-self::dsig:Signature)");
          continue;
        }

      *c14n = ecert_xmldsig_find_c14n (algorithm);
      g_assert_nonnull (*c14n);
      g_strfreev (*prefixes);
      *prefixes = ecert_xmldsig_inclusive_prefixes (transform);
    }
}

static void
test_crypto_outside_profile (void)
{
  g_autofree char *root = ecert_test_reference_path ("vectors", NULL);

  if (root == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (crypto_only); i++)
    {
      const CryptoOnly *vector = &crypto_only[i];
      g_autoptr(xmlDoc) doc = load_vector (root, vector->path);
      g_autoptr(EcertTrustStore) trust = ecert_trust_store_new_in_memory ();
      g_autoptr(EcertVerification) verification = NULL;
      g_autoptr(GBytes) canonical = NULL;
      g_autoptr(GBytes) signed_info_bytes = NULL;
      g_autoptr(GBytes) expected_digest = NULL;
      g_autoptr(GBytes) value = NULL;
      g_autoptr(GBytes) tampered = NULL;
      g_auto(GStrv) prefixes = NULL;
      g_auto(GStrv) signed_info_prefixes = NULL;
      g_autofree char *c14n_uri = NULL;
      g_autofree char *digest_uri = NULL;
      g_autofree char *method_uri = NULL;
      const EcertC14nAlgorithm *c14n = NULL;
      const EcertC14nAlgorithm *signed_info_c14n;
      const EcertDigestAlgorithm *digest;
      const EcertSignatureAlgorithm *method;
      xmlNode *signature = find_signature (xmlDocGetRootElement (doc));
      xmlNode *signed_info = ecert_xml_first_child (signature, ECERT_XMLDSIG_NS, "SignedInfo");
      xmlNode *reference = ecert_xml_first_child (signed_info, ECERT_XMLDSIG_NS, "Reference");
      xmlNode *method_node;
      gnutls_pubkey_t key;
      EcertXmldsigValueCheck check;
      guint8 hash[64];
      guint8 *changed;
      gsize length;

      /* First of all: the profile refuses it. */
      verification = ecert_verify_document (doc, VECTOR_COUNTRY, NULL, trust, NULL);
      g_assert_cmpint (ecert_verification_get_verdict (verification), ==,
                       ECERT_VERDICT_UNSUPPORTED);

      reference_settings (reference, &c14n, &prefixes);
      digest_uri = ecert_xml_attribute (ecert_xml_first_child (reference, ECERT_XMLDSIG_NS,
                                                               "DigestMethod"), "Algorithm");
      digest = ecert_xmldsig_find_digest (digest_uri);
      g_assert_nonnull (digest);
      canonical = ecert_xmldsig_c14n_without (doc, signature, c14n, prefixes);
      g_assert_nonnull (canonical);
      gnutls_hash_fast (digest->digest, g_bytes_get_data (canonical, NULL),
                        g_bytes_get_size (canonical), hash);
      expected_digest = base64_of (ecert_xml_first_child (reference, ECERT_XMLDSIG_NS,
                                                          "DigestValue"));
      g_assert_cmpmem (hash, gnutls_hash_get_len (digest->digest),
                       g_bytes_get_data (expected_digest, NULL),
                       g_bytes_get_size (expected_digest));

      method_node = ecert_xml_first_child (signed_info, ECERT_XMLDSIG_NS,
                                           "CanonicalizationMethod");
      c14n_uri = ecert_xml_attribute (method_node, "Algorithm");
      signed_info_c14n = ecert_xmldsig_find_c14n (c14n_uri);
      g_assert_nonnull (signed_info_c14n);
      signed_info_prefixes = ecert_xmldsig_inclusive_prefixes (method_node);
      signed_info_bytes = ecert_xmldsig_c14n_subtree (doc, signed_info, signed_info_c14n,
                                                      signed_info_prefixes);
      method_uri = ecert_xml_attribute (ecert_xml_first_child (signed_info, ECERT_XMLDSIG_NS,
                                                               "SignatureMethod"), "Algorithm");
      method = ecert_xmldsig_find_signature (method_uri);
      g_assert_nonnull (method);
      value = base64_of (ecert_xml_first_child (signature, ECERT_XMLDSIG_NS, "SignatureValue"));
      key = load_key (root, vector->key, signature);
      check = ecert_xmldsig_verify_value (key, method, signed_info_bytes, value);

      /* And a control: one bit of the signed information changed. */
      changed = g_bytes_unref_to_data (g_bytes_ref (signed_info_bytes), &length);
      changed[length / 2] ^= 1;
      tampered = g_bytes_new_take (changed, length);
      g_assert_cmpint (ecert_xmldsig_verify_value (key, method, tampered, value), !=,
                       ECERT_XMLDSIG_VALUE_VALID);
      gnutls_pubkey_deinit (key);

      g_test_message ("%-80s  %-8s %s %s %s; outside the profile: %s", vector->path,
                      check == ECERT_XMLDSIG_VALUE_VALID ? "passes" : "fails", c14n->name,
                      digest->name, method->name, vector->outside);
      if (vector->valid)
        g_assert_cmpint (check, ==, ECERT_XMLDSIG_VALUE_VALID);
      else
        g_assert_cmpint (check, !=, ECERT_XMLDSIG_VALUE_VALID);
    }
}

#define DSIG "http://www.w3.org/2000/09/xmldsig#"
#define DSIG_MORE "http://www.w3.org/2001/04/xmldsig-more#"

/* Why an algorithm is refused must name the right one: ECDSA and EdDSA
 * are not DSA (they are outside the profile for their digest or curve),
 * and an HMAC is refused as an HMAC whatever its digest. */
static void
test_refusal_reasons (void)
{
  const char *dsa = ecert_xmldsig_refused_algorithm ("http://www.w3.org/2009/xmldsig11#dsa-sha256");
  const char *sha1 = ecert_xmldsig_refused_algorithm (DSIG "rsa-sha1");
  const char *hmac = ecert_xmldsig_refused_algorithm (DSIG_MORE "hmac-sha256");

  g_assert_nonnull (dsa);
  g_assert_nonnull (sha1);
  g_assert_nonnull (hmac);
  g_assert_cmpstr (dsa, !=, sha1);
  g_assert_null (ecert_xmldsig_refused_algorithm (DSIG_MORE "ecdsa-sha224"));
  g_assert_null (ecert_xmldsig_refused_algorithm ("http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519"));
  g_assert_cmpstr (ecert_xmldsig_refused_algorithm (DSIG_MORE "ecdsa-sha1"), ==, sha1);
  g_assert_cmpstr (ecert_xmldsig_refused_algorithm (DSIG "hmac-sha1"), ==, hmac);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vectors/profile", test_vectors);
  g_test_add_func ("/vectors/crypto-outside-profile", test_crypto_outside_profile);
  g_test_add_func ("/vectors/refusal-reasons", test_refusal_reasons);

  return g_test_run ();
}
