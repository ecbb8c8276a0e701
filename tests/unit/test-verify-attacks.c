/* test-verify-attacks.c: signature wrapping and tampering
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The XSW family of "On Breaking SAML" (USENIX Security 2012), adapted to SPS
 * certificates: each variant starts from a validly signed certificate and
 * edits its tree or its text, and each must be refused with the verdict it
 * deserves and a reason. Then every byte of the signed content, changed one
 * at a time, for RSA and ECDSA. Throughout, a valid verdict must only ever
 * come with a model that shows what was signed.
 */

#include "config.h"

#include <gnutls/x509.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "ecert-core.h"
#include "ecert-test-signing.h"

#define ROOT "/rsm:SPSCertificate"
#define EXCHANGED ROOT "/rsm:SPSExchangedDocument"
#define CONSIGNMENT ROOT "/rsm:SPSConsignment"
#define SIGNATURE ROOT "/ds:Signature"
#define SIGNED_INFO SIGNATURE "/ds:SignedInfo"
#define REFERENCE SIGNED_INFO "/ds:Reference"
#define KEY_INFO SIGNATURE "/ds:KeyInfo"
#define X509_DATA KEY_INFO "/ds:X509Data"

#define XPATH_1_0 "http://www.w3.org/TR/1999/REC-xpath-19991116"
#define XPATH_FILTER_2 "http://www.w3.org/2002/06/xmldsig-filter2"
#define XSLT "http://www.w3.org/TR/1999/REC-xslt-19991116"
#define BASE64 "http://www.w3.org/2000/09/xmldsig#base64"
#define EXC_C14N_WITH_COMMENTS "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"

/* Signed once for all the tests: nz-signer with nz-ca, exclusive C14N. */
static char *signed_rsa;
/* The same content with a forged certificate number, validly signed too. */
static char *signed_forged;
static EcertTrustStore *nz_trust;

/* --- Reading and editing trees ----------------------------------------- */

static xmlDoc *
parse (const char *xml)
{
  xmlDoc *doc = xmlReadMemory (xml, (int) strlen (xml), NULL, NULL, XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

static char *
dump (xmlDoc *doc)
{
  xmlChar *output = NULL;
  int length = 0;
  char *xml;

  xmlDocDumpMemoryEnc (doc, &output, &length, "UTF-8");
  xml = g_strndup ((const char *) output, length);
  xmlFree (output);
  return xml;
}

static xmlNode *
find_in (xmlDoc     *doc,
         xmlNode    *context_node,
         const char *expression)
{
  xmlXPathContext *context = xmlXPathNewContext (doc);
  xmlXPathObject *result;
  xmlNode *node = NULL;

  xmlXPathRegisterNs (context, BAD_CAST "rsm", BAD_CAST ECERT_TEST_RSM_NS);
  xmlXPathRegisterNs (context, BAD_CAST "ram", BAD_CAST ECERT_TEST_RAM_NS);
  xmlXPathRegisterNs (context, BAD_CAST "ds", BAD_CAST ECERT_XMLDSIG_NS);
  context->node = context_node;
  result = xmlXPathEvalExpression (BAD_CAST expression, context);
  if (result != NULL && result->nodesetval != NULL && result->nodesetval->nodeNr > 0)
    node = result->nodesetval->nodeTab[0];
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);

  if (node == NULL)
    g_error ("Nothing matches %s", expression);
  return node;
}

static xmlNode *
find (xmlDoc     *doc,
      const char *expression)
{
  return find_in (doc, NULL, expression);
}

static xmlNode *
copy (xmlNode *node)
{
  return xmlDocCopyNode (node, node->doc, 1);
}

/* A copy of @node whose first ram:ID says the forged number. */
static xmlNode *
forged_copy (xmlNode *node)
{
  xmlNode *forged = copy (node);

  xmlNodeSetContent (find_in (node->doc, forged, "(.//ram:ID)[1]"),
                     BAD_CAST ECERT_TEST_FORGED_ID);
  return forged;
}

static void
forge_in_place (xmlDoc *doc)
{
  xmlNodeSetContent (find (doc, EXCHANGED "/ram:ID"), BAD_CAST ECERT_TEST_FORGED_ID);
}

/* The signed document element without its signature. */
static xmlNode *
unsigned_copy (xmlDoc *doc)
{
  xmlNode *original = copy (xmlDocGetRootElement (doc));
  xmlNode *signature = find_in (doc, original, "ds:Signature");

  xmlUnlinkNode (signature);
  xmlFreeNode (signature);
  return original;
}

static void
move_before (xmlNode *node,
             xmlNode *sibling)
{
  xmlUnlinkNode (node);
  xmlAddPrevSibling (sibling, node);
}

static xmlNode *
new_ds (xmlNode    *parent,
        const char *name,
        const char *algorithm)
{
  xmlNs *ns = xmlSearchNsByHref (parent->doc, parent, BAD_CAST ECERT_XMLDSIG_NS);
  xmlNode *child = xmlNewChild (parent, ns, BAD_CAST name, NULL);

  g_assert_nonnull (ns);
  if (algorithm != NULL)
    xmlNewProp (child, BAD_CAST "Algorithm", BAD_CAST algorithm);
  return child;
}

static void
set_algorithm (xmlNode    *node,
               const char *algorithm)
{
  xmlSetProp (node, BAD_CAST "Algorithm", BAD_CAST algorithm);
}

static void
replace_children (xmlNode *node)
{
  xmlNode *child;

  while ((child = node->children) != NULL)
    {
      xmlUnlinkNode (child);
      xmlFreeNode (child);
    }
}

/* --- Checking verdicts ----------------------------------------------------- */

/* What is shown is what was signed: a valid verdict comes only with the
 * model of the signed certificate. */
static void
assert_shown_was_signed (EcertCertificate  *certificate,
                         EcertVerification *verification,
                         const char        *signed_id)
{
  const EcertConsignment *consignment = ecert_certificate_get_consignment (certificate);

  if (ecert_verification_get_verdict (verification) != ECERT_VERDICT_VALID)
    return;

  g_assert_cmpstr (ecert_certificate_get_id (certificate), ==, signed_id);
  g_assert_cmpstr (ecert_certificate_get_issuer_name (certificate), ==,
                   "Ministry for Primary Industries");
  g_assert_nonnull (consignment);
  g_assert_cmpstr (consignment->export_country->id, ==, "NZ");
  g_assert_cmpstr (consignment->consignee->name, ==, "上海鲜果进出口有限公司");
  g_assert_cmpuint (ecert_certificate_get_unknown_elements (certificate)->len, ==, 0);
}

static EcertVerdict
check_variant (const char   *name,
               const char   *xml,
               EcertVerdict  expected,
               const char   *shown_id)
{
  g_autoptr(EcertCertificate) certificate = NULL;
  g_autoptr(EcertVerification) verification = ecert_test_verify (xml, nz_trust, NULL,
                                                                 &certificate);
  EcertVerdict verdict = ecert_verification_get_verdict (verification);

  g_test_message ("%s: %s (ID shown: %s): %s", name, ecert_verdict_to_string (verdict),
                  ecert_certificate_get_id (certificate),
                  ecert_verification_get_reason (verification));
  assert_shown_was_signed (certificate, verification, ECERT_TEST_SIGNED_ID);
  if (shown_id != NULL)
    g_assert_cmpstr (ecert_certificate_get_id (certificate), ==, shown_id);

  /* Carry on with the other variants, so that one run shows them all. */
  if (verdict != expected)
    {
      g_test_message ("%s: expected %s", name, ecert_verdict_to_string (expected));
      g_test_fail ();
    }
  return verdict;
}

static void
assert_refused (const char   *name,
                const char   *xml,
                EcertVerdict  expected)
{
  g_assert_cmpint (expected, !=, ECERT_VERDICT_VALID);
  check_variant (name, xml, expected, NULL);
}

/* Some wrappings are not SPS certificates at all: the reader refuses them,
 * so nothing is shown and nothing verified. */
static void
assert_unreadable (const char *name,
                   const char *xml)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCertificate) certificate = ecert_test_load (xml, &error);

  g_assert_null (certificate);
  g_assert_nonnull (error);
  g_test_message ("%s: refused by the reader: %s", name, error->message);
}

/* --- Tree edits: the XSW variants -------------------------------------- */

typedef void (*EditFunc) (xmlDoc *doc);

typedef struct
{
  const char   *name;
  EditFunc      edit;
  EcertVerdict  expected;
} TreeAttack;

/* XSW3: a forged copy of the signed part placed first, where a reader that
 * takes the first match would find it. */
static void
forged_exchanged_first (xmlDoc *doc)
{
  xmlNode *exchanged = find (doc, EXCHANGED);

  xmlAddPrevSibling (exchanged, forged_copy (exchanged));
}

static void
forged_exchanged_before_signature (xmlDoc *doc)
{
  xmlAddPrevSibling (find (doc, SIGNATURE), forged_copy (find (doc, EXCHANGED)));
}

/* XSW5: the forged copy after the signature, at the end. */
static void
forged_exchanged_after_signature (xmlDoc *doc)
{
  xmlAddNextSibling (find (doc, SIGNATURE), forged_copy (find (doc, EXCHANGED)));
}

static void
forged_consignment_first (xmlDoc *doc)
{
  xmlNode *consignment = find (doc, CONSIGNMENT);
  xmlNode *forged = copy (consignment);

  xmlNodeSetContent (find_in (doc, forged, "ram:ConsigneeSPSParty/ram:Name"),
                     BAD_CAST "Counterfeit Imports Ltd");
  xmlNodeSetContent (find_in (doc, forged, "ram:ExportSPSCountry/ram:ID"), BAD_CAST "AU");
  xmlAddPrevSibling (find (doc, EXCHANGED), forged);
}

/* Inside the signature, among its own children. */
static void
forged_exchanged_in_signature (xmlDoc *doc)
{
  xmlAddChild (find (doc, SIGNATURE), forged_copy (find (doc, EXCHANGED)));
}

static void
forged_exchanged_in_signed_info (xmlDoc *doc)
{
  xmlAddChild (find (doc, SIGNED_INFO), forged_copy (find (doc, EXCHANGED)));
}

static void
forged_exchanged_in_key_info (xmlDoc *doc)
{
  xmlAddChild (find (doc, KEY_INFO), forged_copy (find (doc, EXCHANGED)));
}

static void
forged_exchanged_in_x509_data (xmlDoc *doc)
{
  xmlAddChild (find (doc, X509_DATA), forged_copy (find (doc, EXCHANGED)));
}

static void
forged_exchanged_in_x509_certificate (xmlDoc *doc)
{
  xmlAddChild (find (doc, X509_DATA "/ds:X509Certificate"),
               forged_copy (find (doc, EXCHANGED)));
}

static void
forged_exchanged_in_signature_value (xmlDoc *doc)
{
  xmlAddChild (find (doc, SIGNATURE "/ds:SignatureValue"),
               forged_copy (find (doc, EXCHANGED)));
}

/* An empty element carries its forgery in attributes, so that the base64
 * text around it still decodes. */
static xmlNode *
forged_marker (void)
{
  xmlNode *marker = xmlNewNode (NULL, BAD_CAST "Forged");
  xmlNs *ns = xmlNewNs (marker, BAD_CAST ECERT_TEST_RAM_NS, BAD_CAST "ram");

  xmlSetNs (marker, ns);
  xmlNewProp (marker, BAD_CAST "ID", BAD_CAST ECERT_TEST_FORGED_ID);
  xmlNewProp (marker, BAD_CAST "ExportSPSCountry", BAD_CAST "AU");
  return marker;
}

static void
forged_attributes_in_signature_value (xmlDoc *doc)
{
  xmlAddChild (find (doc, SIGNATURE "/ds:SignatureValue"), forged_marker ());
}

static void
forged_attributes_in_x509_certificate (xmlDoc *doc)
{
  xmlAddChild (find (doc, X509_DATA "/ds:X509Certificate"), forged_marker ());
}

static void
forged_text_in_x509_data (xmlDoc *doc)
{
  xmlAddChild (find (doc, X509_DATA), xmlNewText (BAD_CAST "ID " ECERT_TEST_FORGED_ID));
}

static void
forged_exchanged_in_issuer_serial (xmlDoc *doc)
{
  xmlNode *issuer_serial = new_ds (find (doc, X509_DATA), "X509IssuerSerial", NULL);

  xmlNodeSetContent (new_ds (issuer_serial, "X509IssuerName", NULL),
                     BAD_CAST "CN=nz-ca,O=E-Cert Inspector tests");
  xmlNodeSetContent (new_ds (issuer_serial, "X509SerialNumber", NULL), BAD_CAST "1");
  xmlAddChild (issuer_serial, forged_copy (find (doc, EXCHANGED)));
}

/* XSW1: the content forged in place, the original signed certificate kept
 * inside the signature for a verifier that looks there. */
static void
original_in_signature (xmlDoc *doc)
{
  xmlNode *original = copy (xmlDocGetRootElement (doc));

  forge_in_place (doc);
  xmlAddChild (find (doc, SIGNATURE), original);
}

static void
original_unsigned_in_signature (xmlDoc *doc)
{
  xmlNode *original = unsigned_copy (doc);

  forge_in_place (doc);
  xmlAddChild (find (doc, SIGNATURE), original);
}

/* XSW2: the original, unsigned, as a sibling before the signature. */
static void
original_before_signature (xmlDoc *doc)
{
  xmlNode *original = unsigned_copy (doc);

  forge_in_place (doc);
  xmlAddPrevSibling (find (doc, SIGNATURE), original);
}

/* XSW5 turned around: the original, unsigned, after the signature. */
static void
original_after_signature (xmlDoc *doc)
{
  xmlNode *original = unsigned_copy (doc);

  forge_in_place (doc);
  xmlAddNextSibling (find (doc, SIGNATURE), original);
}

static void
forged_consignment_after_signature (xmlDoc *doc)
{
  xmlNode *forged = copy (find (doc, CONSIGNMENT));

  xmlNodeSetContent (find_in (doc, forged, "ram:ExportSPSCountry/ram:ID"), BAD_CAST "AU");
  xmlAddNextSibling (find (doc, SIGNATURE), forged);
}

/* XSW6 and XSW8: the original in a ds:Object of the signature. */
static void
original_in_object (xmlDoc *doc)
{
  xmlNode *original = unsigned_copy (doc);

  forge_in_place (doc);
  xmlAddChild (new_ds (find (doc, SIGNATURE), "Object", NULL), original);
}

static void
forged_exchanged_in_object (xmlDoc *doc)
{
  xmlAddChild (new_ds (find (doc, SIGNATURE), "Object", NULL),
               forged_copy (find (doc, EXCHANGED)));
}

static void
manifest_in_object (xmlDoc *doc)
{
  xmlNode *manifest = new_ds (new_ds (find (doc, SIGNATURE), "Object", NULL), "Manifest", NULL);

  xmlAddChild (manifest, copy (find (doc, REFERENCE)));
}

/* XSW7: the original inside an extension element the model does not know. */
static void
original_in_wrapper (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *wrapper = xmlNewNode (NULL, BAD_CAST "Extensions");
  xmlNs *ns = xmlNewNs (wrapper, BAD_CAST "urn:x-ecert-test:wrapper", BAD_CAST "ext");

  xmlSetNs (wrapper, ns);
  xmlAddChild (wrapper, copy (find (doc, EXCHANGED)));
  forge_in_place (doc);
  xmlAddPrevSibling (find (doc, SIGNATURE), wrapper);
  g_assert_true (wrapper->parent == root);
}

static void
original_in_wrapper_inside_exchanged (xmlDoc *doc)
{
  xmlNode *wrapper = xmlNewNode (NULL, BAD_CAST "Extensions");
  xmlNs *ns = xmlNewNs (wrapper, BAD_CAST "urn:x-ecert-test:wrapper", BAD_CAST "ext");

  xmlSetNs (wrapper, ns);
  xmlAddChild (wrapper, copy (find (doc, EXCHANGED "/ram:ID")));
  forge_in_place (doc);
  xmlAddChild (find (doc, EXCHANGED), wrapper);
}

/* XSW4: a forged certificate wraps the signed one. */
static void
signed_certificate_in_forged_root (xmlDoc *doc)
{
  xmlNode *original = xmlDocGetRootElement (doc);
  xmlNode *forged_root = xmlNewNode (NULL, BAD_CAST "SPSCertificate");
  xmlNs *rsm = xmlNewNs (forged_root, BAD_CAST ECERT_TEST_RSM_NS, BAD_CAST "rsm");

  xmlNewNs (forged_root, BAD_CAST ECERT_TEST_RAM_NS, BAD_CAST "ram");
  xmlNewNs (forged_root, BAD_CAST ECERT_TEST_UDT_NS, BAD_CAST "udt");
  xmlSetNs (forged_root, rsm);
  xmlAddChild (forged_root, forged_copy (find (doc, EXCHANGED)));
  xmlAddChild (forged_root, copy (find (doc, CONSIGNMENT)));
  xmlDocSetRootElement (doc, forged_root);
  xmlAddChild (forged_root, original);
}

static void
signed_certificate_in_forged_root_first (xmlDoc *doc)
{
  xmlNode *original = xmlDocGetRootElement (doc);
  xmlNode *forged_root = xmlNewNode (NULL, BAD_CAST "SPSCertificate");
  xmlNs *rsm = xmlNewNs (forged_root, BAD_CAST ECERT_TEST_RSM_NS, BAD_CAST "rsm");

  xmlNewNs (forged_root, BAD_CAST ECERT_TEST_RAM_NS, BAD_CAST "ram");
  xmlNewNs (forged_root, BAD_CAST ECERT_TEST_UDT_NS, BAD_CAST "udt");
  xmlSetNs (forged_root, rsm);
  xmlDocSetRootElement (doc, forged_root);
  xmlAddChild (forged_root, original);
  xmlAddChild (forged_root, forged_copy (find_in (doc, original, "rsm:SPSExchangedDocument")));
  xmlAddChild (forged_root, copy (find_in (doc, original, "rsm:SPSConsignment")));
}

/* A second, forged SPSCertificate inside the signed one. */
static void
forged_certificate_inside_signed (xmlDoc *doc)
{
  xmlNode *forged = unsigned_copy (doc);

  xmlNodeSetContent (find_in (doc, forged, "rsm:SPSExchangedDocument/ram:ID"),
                     BAD_CAST ECERT_TEST_FORGED_ID);
  xmlAddPrevSibling (find (doc, EXCHANGED), forged);
}

/* The signature moved. */
static void
signature_into_exchanged (xmlDoc *doc)
{
  xmlNode *signature = find (doc, SIGNATURE);

  xmlUnlinkNode (signature);
  xmlAddChild (find (doc, EXCHANGED), signature);
}

static void
signature_into_consignment_item (xmlDoc *doc)
{
  xmlNode *signature = find (doc, SIGNATURE);

  xmlUnlinkNode (signature);
  xmlAddChild (find (doc, CONSIGNMENT "/ram:IncludedSPSConsignmentItem"), signature);
}

static void
signature_to_front_forged (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  move_before (find (doc, SIGNATURE), root->children);
  forge_in_place (doc);
}

/* The signed one nested in the Object of a second signature. */
static void
signature_nested_in_signature (xmlDoc *doc)
{
  xmlNode *signature = find (doc, SIGNATURE);
  xmlNode *outer = copy (signature);

  forge_in_place (doc);
  xmlAddPrevSibling (signature, outer);
  xmlUnlinkNode (signature);
  xmlAddChild (new_ds (outer, "Object", NULL), signature);
}

static void
second_signature (xmlDoc *doc)
{
  xmlAddNextSibling (find (doc, SIGNATURE), copy (find (doc, SIGNATURE)));
}

/* Duplicated identifiers. */
static void
duplicate_id_attributes (xmlDoc *doc)
{
  xmlNode *exchanged = find (doc, EXCHANGED);
  xmlNode *forged = forged_copy (exchanged);

  xmlSetProp (exchanged, BAD_CAST "Id", BAD_CAST "doc");
  xmlSetProp (forged, BAD_CAST "Id", BAD_CAST "doc");
  xmlAddPrevSibling (exchanged, forged);
}

static void
duplicate_id_attributes_referenced (xmlDoc *doc)
{
  duplicate_id_attributes (doc);
  xmlSetProp (xmlDocGetRootElement (doc), BAD_CAST "Id", BAD_CAST "doc");
  xmlSetProp (find (doc, REFERENCE), BAD_CAST "URI", BAD_CAST "#doc");
}

static void
second_id_before (xmlDoc *doc)
{
  xmlNode *id = find (doc, EXCHANGED "/ram:ID");
  xmlNode *forged = copy (id);

  xmlNodeSetContent (forged, BAD_CAST ECERT_TEST_FORGED_ID);
  xmlAddPrevSibling (id, forged);
}

static void
second_id_after (xmlDoc *doc)
{
  xmlNode *id = find (doc, EXCHANGED "/ram:ID");
  xmlNode *forged = copy (id);

  xmlNodeSetContent (forged, BAD_CAST ECERT_TEST_FORGED_ID);
  xmlAddNextSibling (id, forged);
}

/* The references. */
static void
second_reference (xmlDoc *doc)
{
  xmlNode *reference = find (doc, REFERENCE);
  xmlNode *second = copy (reference);

  xmlSetProp (second, BAD_CAST "URI", BAD_CAST "#forged");
  xmlAddNextSibling (reference, second);
}

static void
second_whole_document_reference (xmlDoc *doc)
{
  xmlNode *reference = find (doc, REFERENCE);

  xmlAddNextSibling (reference, copy (reference));
}

static void
reference_to_id (xmlDoc *doc)
{
  xmlSetProp (xmlDocGetRootElement (doc), BAD_CAST "Id", BAD_CAST "cert");
  xmlSetProp (find (doc, REFERENCE), BAD_CAST "URI", BAD_CAST "#cert");
}

static void
reference_to_exchanged_id (xmlDoc *doc)
{
  xmlSetProp (find (doc, EXCHANGED), BAD_CAST "Id", BAD_CAST "cert");
  xmlSetProp (find (doc, REFERENCE), BAD_CAST "URI", BAD_CAST "#cert");
}

static void
reference_to_xpointer (xmlDoc *doc)
{
  xmlSetProp (find (doc, REFERENCE), BAD_CAST "URI", BAD_CAST "#xpointer(/)");
}

static void
reference_external (xmlDoc *doc)
{
  xmlSetProp (find (doc, REFERENCE), BAD_CAST "URI",
              BAD_CAST "https://attacker.example/certificate.xml");
}

static void
reference_without_uri (xmlDoc *doc)
{
  xmlUnsetProp (find (doc, REFERENCE), BAD_CAST "URI");
}

/* The key. */
static xmlNode *
rsa_key_value (xmlNode *parent)
{
  g_autoptr(GBytes) pem = ecert_test_load_pki ("nz-signer.pem");
  gnutls_datum_t data = { (unsigned char *) g_bytes_get_data (pem, NULL),
                          (unsigned int) g_bytes_get_size (pem) };
  gnutls_datum_t modulus = { NULL, 0 };
  gnutls_datum_t exponent = { NULL, 0 };
  gnutls_x509_crt_t certificate = NULL;
  g_autofree char *modulus_text = NULL;
  g_autofree char *exponent_text = NULL;
  xmlNode *key_value = new_ds (parent, "KeyValue", NULL);
  xmlNode *rsa = new_ds (key_value, "RSAKeyValue", NULL);

  gnutls_x509_crt_init (&certificate);
  g_assert_cmpint (gnutls_x509_crt_import (certificate, &data, GNUTLS_X509_FMT_PEM), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_get_pk_rsa_raw (certificate, &modulus, &exponent), ==, 0);
  modulus_text = g_base64_encode (modulus.data, modulus.size);
  exponent_text = g_base64_encode (exponent.data, exponent.size);
  xmlNodeSetContent (new_ds (rsa, "Modulus", NULL), BAD_CAST modulus_text);
  xmlNodeSetContent (new_ds (rsa, "Exponent", NULL), BAD_CAST exponent_text);
  gnutls_free (modulus.data);
  gnutls_free (exponent.data);
  gnutls_x509_crt_deinit (certificate);
  return key_value;
}

static void
key_value_only (xmlDoc *doc)
{
  xmlNode *key_info = find (doc, KEY_INFO);

  replace_children (key_info);
  rsa_key_value (key_info);
}

static void
key_value_before_certificate (xmlDoc *doc)
{
  xmlNode *x509_data = find (doc, X509_DATA);

  move_before (rsa_key_value (find (doc, KEY_INFO)), x509_data);
}

static void
key_name_only (xmlDoc *doc)
{
  xmlNode *key_info = find (doc, KEY_INFO);

  replace_children (key_info);
  xmlNodeSetContent (new_ds (key_info, "KeyName", NULL), BAD_CAST "CN=nz-signer");
}

static void
retrieval_method (xmlDoc *doc)
{
  xmlNode *key_info = find (doc, KEY_INFO);
  xmlNode *method;

  replace_children (key_info);
  method = new_ds (key_info, "RetrievalMethod", NULL);
  xmlNewProp (method, BAD_CAST "URI", BAD_CAST "https://attacker.example/nz-signer.der");
  xmlNewProp (method, BAD_CAST "Type",
              BAD_CAST "http://www.w3.org/2000/09/xmldsig#rawX509Certificate");
}

static void
retrieval_method_beside_certificate (xmlDoc *doc)
{
  xmlNode *method = new_ds (find (doc, KEY_INFO), "RetrievalMethod", NULL);

  xmlNewProp (method, BAD_CAST "URI", BAD_CAST "#key");
}

static void
subject_name_only (xmlDoc *doc)
{
  xmlNode *x509_data = find (doc, X509_DATA);

  replace_children (x509_data);
  xmlNodeSetContent (new_ds (x509_data, "X509SubjectName", NULL),
                     BAD_CAST "CN=nz-signer,O=E-Cert Inspector tests");
}

static void
no_key_info (xmlDoc *doc)
{
  xmlNode *key_info = find (doc, KEY_INFO);

  xmlUnlinkNode (key_info);
  xmlFreeNode (key_info);
}

/* The transforms and algorithms. */
static void
xpath_transform (xmlDoc *doc)
{
  xmlNode *transform = find (doc, REFERENCE "/ds:Transforms/ds:Transform[2]");

  set_algorithm (transform, XPATH_1_0);
  xmlNodeSetContent (new_ds (transform, "XPath", NULL),
                     BAD_CAST "not(ancestor-or-self::ram:ID)");
}

static void
xpath_filter_transform (xmlDoc *doc)
{
  set_algorithm (find (doc, REFERENCE "/ds:Transforms/ds:Transform[2]"), XPATH_FILTER_2);
}

static void
xslt_transform (xmlDoc *doc)
{
  set_algorithm (find (doc, REFERENCE "/ds:Transforms/ds:Transform[2]"), XSLT);
}

static void
base64_transform (xmlDoc *doc)
{
  set_algorithm (find (doc, REFERENCE "/ds:Transforms/ds:Transform[2]"), BASE64);
}

static void
third_transform (xmlDoc *doc)
{
  new_ds (find (doc, REFERENCE "/ds:Transforms"), "Transform", XPATH_1_0);
}

static void
c14n_with_comments_transform (xmlDoc *doc)
{
  set_algorithm (find (doc, REFERENCE "/ds:Transforms/ds:Transform[2]"), EXC_C14N_WITH_COMMENTS);
}

static void
transforms_swapped (xmlDoc *doc)
{
  move_before (find (doc, REFERENCE "/ds:Transforms/ds:Transform[2]"),
               find (doc, REFERENCE "/ds:Transforms/ds:Transform[1]"));
}

static void
enveloped_transform_only (xmlDoc *doc)
{
  xmlNode *second = find (doc, REFERENCE "/ds:Transforms/ds:Transform[2]");

  xmlUnlinkNode (second);
  xmlFreeNode (second);
}

static void
signed_info_with_comments (xmlDoc *doc)
{
  set_algorithm (find (doc, SIGNED_INFO "/ds:CanonicalizationMethod"), EXC_C14N_WITH_COMMENTS);
}

static void
signed_info_xslt (xmlDoc *doc)
{
  set_algorithm (find (doc, SIGNED_INFO "/ds:CanonicalizationMethod"), XSLT);
}

static void
hmac_method (xmlDoc *doc)
{
  xmlNode *method = find (doc, SIGNED_INFO "/ds:SignatureMethod");

  set_algorithm (method, "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256");
  xmlNodeSetContent (new_ds (method, "HMACOutputLength", NULL), BAD_CAST "0");
}

static void
rsa_sha1_method (xmlDoc *doc)
{
  set_algorithm (find (doc, SIGNED_INFO "/ds:SignatureMethod"),
                 "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
}

static void
ecdsa_method_for_rsa_key (xmlDoc *doc)
{
  set_algorithm (find (doc, SIGNED_INFO "/ds:SignatureMethod"),
                 "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");
}

static void
look_alike_namespace (xmlDoc *doc)
{
  xmlNode *signature = find (doc, SIGNATURE);

  /* One declaration on the signature serves all its descendants. */
  xmlFree ((xmlChar *) signature->nsDef->href);
  signature->nsDef->href = xmlStrdup (BAD_CAST "http://www.w3.org/2000/09/xmldsig#more");
}

/* Values taken from another validly signed document. */
static void
copy_value_from_forged (xmlDoc     *doc,
                        const char *expression)
{
  g_autoptr(xmlDoc) other = parse (signed_forged);
  xmlChar *value = xmlNodeGetContent (find (other, expression));

  xmlNodeSetContent (find (doc, expression), value);
  xmlFree (value);
}

static void
digest_value_from_other (xmlDoc *doc)
{
  copy_value_from_forged (doc, REFERENCE "/ds:DigestValue");
}

static void
signature_value_from_other (xmlDoc *doc)
{
  copy_value_from_forged (doc, SIGNATURE "/ds:SignatureValue");
}

static void
both_values_from_other (xmlDoc *doc)
{
  copy_value_from_forged (doc, REFERENCE "/ds:DigestValue");
  copy_value_from_forged (doc, SIGNATURE "/ds:SignatureValue");
}

/* The forged document's content under our signature. */
static void
forged_content_signature_from_original (xmlDoc *doc)
{
  g_autoptr(xmlDoc) original = parse (signed_rsa);
  xmlNode *signature = find (doc, SIGNATURE);
  xmlNode *transplanted = xmlDocCopyNode (find (original, SIGNATURE), doc, 1);

  xmlAddPrevSibling (signature, transplanted);
  xmlUnlinkNode (signature);
  xmlFreeNode (signature);
  forge_in_place (doc);
}

static void
element_renamed (xmlDoc *doc)
{
  xmlNodeSetName (find (doc, EXCHANGED "/ram:TypeCode"), BAD_CAST "StatusCode");
}

static const TreeAttack tree_attacks[] = {
  /* Copies of signed content beside the signed content */
  { "XSW3: forged SPSExchangedDocument before the signed one", forged_exchanged_first,
    ECERT_VERDICT_INVALID },
  { "forged SPSExchangedDocument just before the signature", forged_exchanged_before_signature,
    ECERT_VERDICT_INVALID },
  { "XSW5: forged SPSExchangedDocument after the signature", forged_exchanged_after_signature,
    ECERT_VERDICT_INVALID },
  { "forged SPSConsignment (consignee, exporting country) before the signed content",
    forged_consignment_first, ECERT_VERDICT_INVALID },
  /* Copies inside the signature */
  { "forged SPSExchangedDocument inside ds:Signature", forged_exchanged_in_signature,
    ECERT_VERDICT_UNSUPPORTED },
  { "forged SPSExchangedDocument inside ds:SignedInfo", forged_exchanged_in_signed_info,
    ECERT_VERDICT_UNSUPPORTED },
  { "forged SPSExchangedDocument inside ds:KeyInfo", forged_exchanged_in_key_info,
    ECERT_VERDICT_UNSUPPORTED },
  { "forged SPSExchangedDocument inside ds:X509Data", forged_exchanged_in_x509_data,
    ECERT_VERDICT_UNSUPPORTED },
  { "forged SPSExchangedDocument inside ds:X509Certificate",
    forged_exchanged_in_x509_certificate, ECERT_VERDICT_UNSUPPORTED },
  { "forged SPSExchangedDocument inside ds:SignatureValue",
    forged_exchanged_in_signature_value, ECERT_VERDICT_UNSUPPORTED },
  { "forged values in attributes of an empty element inside ds:SignatureValue",
    forged_attributes_in_signature_value, ECERT_VERDICT_UNSUPPORTED },
  { "forged values in attributes of an empty element inside ds:X509Certificate",
    forged_attributes_in_x509_certificate, ECERT_VERDICT_UNSUPPORTED },
  { "forged text inside ds:X509Data", forged_text_in_x509_data, ECERT_VERDICT_UNSUPPORTED },
  { "forged SPSExchangedDocument inside ds:X509IssuerSerial", forged_exchanged_in_issuer_serial,
    ECERT_VERDICT_UNSUPPORTED },
  { "XSW1: content forged, the signed certificate (with its signature) inside ds:Signature",
    original_in_signature, ECERT_VERDICT_UNSUPPORTED },
  { "XSW1: content forged, the signed content inside ds:Signature",
    original_unsigned_in_signature, ECERT_VERDICT_UNSUPPORTED },
  { "XSW2: content forged, the signed content as a sibling before the signature",
    original_before_signature, ECERT_VERDICT_INVALID },
  { "content forged, the signed content as a sibling after the signature",
    original_after_signature, ECERT_VERDICT_INVALID },
  { "forged SPSConsignment (exporting country) after the signature",
    forged_consignment_after_signature, ECERT_VERDICT_INVALID },
  /* ds:Object */
  { "XSW6/XSW8: content forged, the signed content in a ds:Object", original_in_object,
    ECERT_VERDICT_UNSUPPORTED },
  { "forged SPSExchangedDocument in a ds:Object", forged_exchanged_in_object,
    ECERT_VERDICT_UNSUPPORTED },
  { "ds:Manifest in a ds:Object", manifest_in_object, ECERT_VERDICT_UNSUPPORTED },
  /* Wrappers */
  { "XSW7: content forged, the signed SPSExchangedDocument in an extension element",
    original_in_wrapper, ECERT_VERDICT_INVALID },
  { "XSW7: ID forged, the signed ram:ID in an extension element inside SPSExchangedDocument",
    original_in_wrapper_inside_exchanged, ECERT_VERDICT_INVALID },
  { "XSW4: forged SPSCertificate wrapping the signed one (last)",
    signed_certificate_in_forged_root, ECERT_VERDICT_UNSUPPORTED },
  { "XSW4: forged SPSCertificate wrapping the signed one (first)",
    signed_certificate_in_forged_root_first, ECERT_VERDICT_UNSUPPORTED },
  { "second, forged SPSCertificate inside the signed one", forged_certificate_inside_signed,
    ECERT_VERDICT_INVALID },
  /* The signature moved */
  { "signature moved into SPSExchangedDocument", signature_into_exchanged,
    ECERT_VERDICT_UNSUPPORTED },
  { "signature moved deep into SPSConsignment", signature_into_consignment_item,
    ECERT_VERDICT_UNSUPPORTED },
  { "signature moved to the front, ID forged", signature_to_front_forged,
    ECERT_VERDICT_INVALID },
  { "signature nested in the ds:Object of a second signature, ID forged",
    signature_nested_in_signature, ECERT_VERDICT_UNSUPPORTED },
  { "a second signature", second_signature, ECERT_VERDICT_UNSUPPORTED },
  { "signature in a look-alike namespace", look_alike_namespace, ECERT_VERDICT_UNSIGNED },
  /* Identifiers */
  { "duplicated Id attributes, forged copy first", duplicate_id_attributes,
    ECERT_VERDICT_INVALID },
  { "duplicated Id attributes, Reference URI=\"#doc\"", duplicate_id_attributes_referenced,
    ECERT_VERDICT_UNSUPPORTED },
  { "second ram:ID with a forged number before the signed one", second_id_before,
    ECERT_VERDICT_INVALID },
  { "second ram:ID with a forged number after the signed one", second_id_after,
    ECERT_VERDICT_INVALID },
  /* References */
  { "a second Reference (URI=\"#forged\")", second_reference, ECERT_VERDICT_UNSUPPORTED },
  { "a second Reference (URI=\"\")", second_whole_document_reference,
    ECERT_VERDICT_UNSUPPORTED },
  { "Reference URI=\"#cert\" to the document element", reference_to_id,
    ECERT_VERDICT_UNSUPPORTED },
  { "Reference URI=\"#cert\" to SPSExchangedDocument", reference_to_exchanged_id,
    ECERT_VERDICT_UNSUPPORTED },
  { "Reference URI=\"#xpointer(/)\"", reference_to_xpointer, ECERT_VERDICT_UNSUPPORTED },
  { "Reference to an external document", reference_external, ECERT_VERDICT_UNSUPPORTED },
  { "Reference without URI", reference_without_uri, ECERT_VERDICT_UNSUPPORTED },
  /* Keys */
  { "KeyValue (the signer's real RSA key) with no certificate", key_value_only,
    ECERT_VERDICT_UNSUPPORTED },
  { "KeyValue before the X509Data", key_value_before_certificate, ECERT_VERDICT_UNSUPPORTED },
  { "KeyName only", key_name_only, ECERT_VERDICT_UNSUPPORTED },
  { "RetrievalMethod only", retrieval_method, ECERT_VERDICT_UNSUPPORTED },
  { "RetrievalMethod beside the X509Data", retrieval_method_beside_certificate,
    ECERT_VERDICT_UNSUPPORTED },
  { "X509Data with a subject name and no certificate", subject_name_only,
    ECERT_VERDICT_UNSUPPORTED },
  { "no KeyInfo", no_key_info, ECERT_VERDICT_UNSUPPORTED },
  /* Transforms and algorithms */
  { "XPath transform", xpath_transform, ECERT_VERDICT_UNSUPPORTED },
  { "XPath Filter 2.0 transform", xpath_filter_transform, ECERT_VERDICT_UNSUPPORTED },
  { "XSLT transform", xslt_transform, ECERT_VERDICT_UNSUPPORTED },
  { "base64 transform", base64_transform, ECERT_VERDICT_UNSUPPORTED },
  { "a third transform (XPath)", third_transform, ECERT_VERDICT_UNSUPPORTED },
  { "C14N with comments as transform", c14n_with_comments_transform, ECERT_VERDICT_UNSUPPORTED },
  { "transforms in the wrong order", transforms_swapped, ECERT_VERDICT_UNSUPPORTED },
  { "enveloped-signature transform only", enveloped_transform_only, ECERT_VERDICT_UNSUPPORTED },
  { "SignedInfo canonicalized with comments", signed_info_with_comments,
    ECERT_VERDICT_UNSUPPORTED },
  { "SignedInfo \"canonicalized\" with XSLT", signed_info_xslt, ECERT_VERDICT_UNSUPPORTED },
  { "HMAC signature method", hmac_method, ECERT_VERDICT_UNSUPPORTED },
  { "RSA-SHA1 signature method", rsa_sha1_method, ECERT_VERDICT_UNSUPPORTED },
  { "ECDSA signature method for an RSA key", ecdsa_method_for_rsa_key, ECERT_VERDICT_INVALID },
  /* Values swapped from another validly signed document */
  { "DigestValue from another signed document", digest_value_from_other,
    ECERT_VERDICT_INVALID },
  { "SignatureValue from another signed document", signature_value_from_other,
    ECERT_VERDICT_INVALID },
  { "DigestValue and SignatureValue from another signed document", both_values_from_other,
    ECERT_VERDICT_INVALID },
  { "forged content under the original's whole signature",
    forged_content_signature_from_original, ECERT_VERDICT_INVALID },
  /* Namespaces and names */
  { "element renamed (start and end tag)", element_renamed, ECERT_VERDICT_INVALID },
};

static void
test_tree_attacks (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tree_attacks); i++)
    {
      g_autoptr(xmlDoc) doc = parse (signed_rsa);
      g_autofree char *xml = NULL;

      tree_attacks[i].edit (doc);
      xml = dump (doc);
      assert_refused (tree_attacks[i].name, xml, tree_attacks[i].expected);
    }
}

/* --- Text edits ---------------------------------------------------------- */

typedef struct
{
  const char   *name;
  const char   *find;
  const char   *replace;
  EcertVerdict  expected;
  const char   *shown_id;  /* for a valid verdict: the ID the model must show */
} TextAttack;

#define SIGNED_ID_ELEMENT "<ram:ID>" ECERT_TEST_SIGNED_ID "</ram:ID>"

static const TextAttack text_attacks[] = {
  /* Comment injection. The digest covers the text without comments, so a
   * comment inside a value must neither change what is shown nor hide a
   * change. */
  { "comment injected inside the signed ID", SIGNED_ID_ELEMENT,
    "<ram:ID>NZ-2026-<!---->000417</ram:ID>", ECERT_VERDICT_VALID, ECERT_TEST_SIGNED_ID },
  { "comment holding forged digits inside the signed ID", SIGNED_ID_ELEMENT,
    "<ram:ID>NZ-2026-<!--999999-->000417</ram:ID>", ECERT_VERDICT_VALID, ECERT_TEST_SIGNED_ID },
  { "comment hiding the signed digits, forged digits after it", SIGNED_ID_ELEMENT,
    "<ram:ID>NZ-2026-<!--000417-->999999</ram:ID>", ECERT_VERDICT_INVALID, NULL },
  { "comment truncating the ID, forged suffix after it", SIGNED_ID_ELEMENT,
    "<ram:ID>NZ-2026-000417<!---->9</ram:ID>", ECERT_VERDICT_INVALID, NULL },
  { "comment injected in the exporting country", "<ram:ExportSPSCountry><ram:ID>NZ</ram:ID>",
    "<ram:ExportSPSCountry><ram:ID>N<!-- AU -->Z</ram:ID>", ECERT_VERDICT_VALID,
    ECERT_TEST_SIGNED_ID },
  { "processing instruction injected inside the signed ID", SIGNED_ID_ELEMENT,
    "<ram:ID>NZ-2026-<?ecert 999999?>000417</ram:ID>", ECERT_VERDICT_INVALID, NULL },
  { "CDATA section holding the signed ID", SIGNED_ID_ELEMENT,
    "<ram:ID><![CDATA[NZ-2026-000417]]></ram:ID>", ECERT_VERDICT_VALID, ECERT_TEST_SIGNED_ID },
  { "CDATA section holding a forged ID", SIGNED_ID_ELEMENT,
    "<ram:ID><![CDATA[NZ-2026-999999]]></ram:ID>", ECERT_VERDICT_INVALID, NULL },
  { "character reference for a signed digit", SIGNED_ID_ELEMENT,
    "<ram:ID>NZ-2026-00041&#x37;</ram:ID>", ECERT_VERDICT_VALID, ECERT_TEST_SIGNED_ID },
  { "white space added inside the signed ID", SIGNED_ID_ELEMENT,
    "<ram:ID> NZ-2026-000417</ram:ID>", ECERT_VERDICT_INVALID, NULL },
  { "ram namespace redeclared on SPSExchangedDocument", "<rsm:SPSExchangedDocument>",
    "<rsm:SPSExchangedDocument xmlns:ram=\"urn:x-ecert-test:forged\">", ECERT_VERDICT_INVALID,
    NULL },
  { "rsm namespace redeclared on SPSConsignment", "<rsm:SPSConsignment>",
    "<rsm:SPSConsignment xmlns:rsm=\"" ECERT_TEST_RSM_NS "x\">", ECERT_VERDICT_INVALID, NULL },
  /* Controls: legitimate re-serializations of the signed document. */
  { "signature moved to the front (nothing else changed)", NULL, NULL, ECERT_VERDICT_VALID,
    ECERT_TEST_SIGNED_ID },
  { "unused namespace declaration added (exclusive C14N leaves it out)",
    "<rsm:SPSExchangedDocument>",
    "<rsm:SPSExchangedDocument xmlns:unused=\"urn:x-ecert-test:unused\">", ECERT_VERDICT_VALID,
    ECERT_TEST_SIGNED_ID },
  { "X509Data naming the signer's certificate (X509IssuerSerial, X509SubjectName, X509SKI)",
    "<ds:X509Data>",
    "<ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>CN=nz-ca,O=E-Cert Inspector tests"
    "</ds:X509IssuerName><ds:X509SerialNumber>1</ds:X509SerialNumber></ds:X509IssuerSerial>"
    "<ds:X509SubjectName>CN=nz-signer,O=E-Cert Inspector tests</ds:X509SubjectName>"
    "<ds:X509SKI>AAAA</ds:X509SKI>", ECERT_VERDICT_VALID, ECERT_TEST_SIGNED_ID },
};

static char *
apply_text_attack (const TextAttack *attack)
{
  GString *text = g_string_new (signed_rsa);

  if (attack->find != NULL)
    {
      g_assert_cmpuint (g_string_replace (text, attack->find, attack->replace, 1), ==, 1);
    }
  else
    {
      /* Cut the signature out and paste it as the first child. */
      const char *start = strstr (text->str, "<ds:Signature");
      const char *end = strstr (text->str, "</ds:Signature>");
      const char *root_start = strstr (text->str, "<rsm:SPSCertificate");
      g_autofree char *signature = NULL;
      gsize signature_start;
      gsize after_root_tag;

      g_assert_nonnull (start);
      g_assert_nonnull (end);
      end += strlen ("</ds:Signature>");
      signature = g_strndup (start, end - start);
      signature_start = start - text->str;
      after_root_tag = strchr (root_start, '>') + 1 - text->str;
      g_string_erase (text, signature_start, end - start);
      g_string_insert (text, after_root_tag, signature);
    }

  return g_string_free (text, FALSE);
}

static void
test_text_attacks (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_attacks); i++)
    {
      g_autofree char *xml = apply_text_attack (&text_attacks[i]);

      check_variant (text_attacks[i].name, xml, text_attacks[i].expected,
                     text_attacks[i].shown_id);
    }
}

/* Wrappings whose document element is no SPS certificate. */
static void
test_unreadable_wrappers (void)
{
  g_autoptr(xmlDoc) doc = parse (signed_rsa);
  g_autoptr(xmlDoc) forged_doc = parse (signed_forged);
  xmlNode *original = xmlDocGetRootElement (doc);
  xmlNode *envelope = xmlNewNode (NULL, BAD_CAST "Envelope");
  xmlNode *forged_root;
  xmlNode *signature;
  g_autofree char *enveloped = NULL;
  g_autofree char *signature_root = NULL;

  /* The signed certificate and a forged one (validly signed by the same
   * signer, but another certificate) side by side in an envelope. */
  xmlSetNs (envelope, xmlNewNs (envelope, BAD_CAST "urn:x-ecert-test:envelope", BAD_CAST "env"));
  xmlDocSetRootElement (doc, envelope);
  xmlAddChild (envelope, xmlDocCopyNode (xmlDocGetRootElement (forged_doc), doc, 1));
  xmlAddChild (envelope, original);
  enveloped = dump (doc);
  assert_unreadable ("envelope holding a forged and the signed SPSCertificate", enveloped);

  /* The signature as the document element, the certificate in its Object. */
  signature = find (forged_doc, SIGNATURE);
  forged_root = xmlDocGetRootElement (forged_doc);
  xmlUnlinkNode (signature);
  xmlUnlinkNode (forged_root);
  xmlDocSetRootElement (forged_doc, signature);
  xmlAddChild (new_ds (signature, "Object", NULL), forged_root);
  signature_root = dump (forged_doc);
  assert_unreadable ("ds:Signature as the document element", signature_root);
}

/* The controls: the signed document as signed, and as libxml2 writes it
 * back, are valid, so the refusals above are the attacks' doing. */
static void
test_controls (void)
{
  g_autoptr(xmlDoc) doc = parse (signed_rsa);
  g_autofree char *rewritten = dump (doc);

  check_variant ("as signed", signed_rsa, ECERT_VERDICT_VALID, ECERT_TEST_SIGNED_ID);
  check_variant ("parsed and written back", rewritten, ECERT_VERDICT_VALID,
                 ECERT_TEST_SIGNED_ID);
}

/* Two IDs, both signed: valid, and the model shows the first, which was
 * signed like the other. */
static void
test_two_signed_ids (void)
{
  g_autofree char *xml = ecert_test_certificate_xml ();
  GString *text = g_string_new (xml);
  g_autofree char *unsigned_xml = NULL;
  g_autofree char *signed_xml = NULL;
  g_autoptr(EcertCertificate) certificate = NULL;
  g_autoptr(EcertVerification) verification = NULL;

  g_string_replace (text, SIGNED_ID_ELEMENT,
                    SIGNED_ID_ELEMENT "<ram:ID>" ECERT_TEST_FORGED_ID "</ram:ID>", 1);
  unsigned_xml = g_string_free (text, FALSE);
  signed_xml = ecert_test_sign (unsigned_xml, "nz-signer", "nz-ca", ECERT_SIGN_C14N_EXCLUSIVE);
  verification = ecert_test_verify (signed_xml, nz_trust, NULL, &certificate);

  g_assert_cmpint (ecert_verification_get_verdict (verification), ==, ECERT_VERDICT_VALID);
  g_assert_cmpstr (ecert_certificate_get_id (certificate), ==, ECERT_TEST_SIGNED_ID);
}

/* --- Tampering ------------------------------------------------------------- */

typedef enum
{
  PLACE_CHARACTER_DATA,
  PLACE_ELEMENT_NAME,
  PLACE_ATTRIBUTE_NAME,
  PLACE_ATTRIBUTE_VALUE,
  PLACE_NAMESPACE_URI,
  PLACE_RENAMED_ELEMENT,
  N_PLACES
} Place;

static const char * const place_names[] = {
  "character data", "element name (one tag)", "attribute name", "attribute value",
  "namespace URI", "element renamed (both tags)",
};

typedef struct
{
  gsize offset;
  gsize end_tag_offset;  /* the same byte in the end tag, for a rename */
  Place place;
} Position;

/* The byte positions of the signed content: everything in the document
 * element that is character data, a name or an attribute value, except the
 * signature itself. White space between attributes is not content. And for
 * each element with an end tag, the first letter of its local name in both
 * tags, for a rename that keeps the document well-formed. */
static GArray *
signed_positions (const char *xml)
{
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (Position));
  g_autoptr(GArray) open_tags = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *root = strstr (xml, "<rsm:SPSCertificate");
  const char *signature_start = strstr (xml, "<ds:Signature");
  const char *signature_end = strstr (xml, "</ds:Signature>");
  const char *root_end = strstr (xml, "</rsm:SPSCertificate>");
  const char *p = root;

  g_assert_nonnull (root);
  g_assert_nonnull (signature_start);
  g_assert_nonnull (signature_end);
  g_assert_nonnull (root_end);
  signature_end += strlen ("</ds:Signature>");
  root_end += strlen ("</rsm:SPSCertificate>");

#define SIGNED(at) ((at) < signature_start || (at) >= signature_end)
#define ADD(where) G_STMT_START {                                         \
    Position position = { (gsize) (p - xml), 0, (where) };                \
    if (SIGNED (p))                                                       \
      g_array_append_val (positions, position);                           \
  } G_STMT_END

  while (p < root_end)
    {
      gboolean end_tag = FALSE;
      const char *name;

      if (*p != '<')
        {
          ADD (PLACE_CHARACTER_DATA);
          p++;
          continue;
        }

      g_assert_false (g_str_has_prefix (p, "<!--") || g_str_has_prefix (p, "<?"));
      p++;
      if (*p == '/')
        {
          end_tag = TRUE;
          p++;
        }

      name = p;
      for (; *p != '>' && *p != '/' && !g_ascii_isspace (*p); p++)
        ADD (PLACE_ELEMENT_NAME);

      if (end_tag)
        {
          const char *local = strchr (name, ':') != NULL && strchr (name, ':') < p
                              ? strchr (name, ':') + 1 : name;
          gsize start_offset = g_array_index (open_tags, gsize, open_tags->len - 1);
          Position rename = { start_offset + (gsize) (local - name), (gsize) (local - xml),
                              PLACE_RENAMED_ELEMENT };

          g_array_set_size (open_tags, open_tags->len - 1);
          if (SIGNED (name))
            g_array_append_val (positions, rename);
        }

      while (*p != '>')
        {
          gboolean namespace_declaration;
          char quote;

          if (*p == '/')
            {
              end_tag = TRUE;   /* an empty element: nothing to close */
              p++;
              continue;
            }
          if (g_ascii_isspace (*p))
            {
              p++;
              continue;
            }

          namespace_declaration = g_str_has_prefix (p, "xmlns");
          for (; *p != '='; p++)
            ADD (PLACE_ATTRIBUTE_NAME);
          p++;
          quote = *p++;
          for (; *p != quote; p++)
            ADD (namespace_declaration ? PLACE_NAMESPACE_URI : PLACE_ATTRIBUTE_VALUE);
          p++;
        }

      if (!end_tag)
        {
          gsize name_offset = (gsize) (name - xml);

          g_array_append_val (open_tags, name_offset);
        }
      p++;
    }

#undef ADD
#undef SIGNED

  g_assert_cmpuint (open_tags->len, ==, 0);
  return positions;
}

/* A different byte of the same kind, so that most changes keep the
 * document well-formed and reach the verifier. */
static char
changed_byte (char byte)
{
  guchar c = (guchar) byte;

  if (g_ascii_isdigit (c))
    return (char) ('0' + (c - '0' + 1) % 10);
  if (g_ascii_islower (c))
    return (char) ('a' + (c - 'a' + 1) % 26);
  if (g_ascii_isupper (c))
    return (char) ('A' + (c - 'A' + 1) % 26);
  if (c >= 0x80)
    return (char) (c ^ 0x01);
  return 'X';
}

static void
tamper_everywhere (const char      *signed_xml,
                   EcertTrustStore *trust)
{
  g_autoptr(GArray) positions = signed_positions (signed_xml);
  g_autofree char *xml = g_strdup (signed_xml);
  guint changed[N_PLACES] = { 0 };
  guint unreadable[N_PLACES] = { 0 };
  guint per_verdict[ECERT_VERDICT_UNSUPPORTED + 1] = { 0 };
  guint verified = 0;
  guint total_unreadable = 0;

  /* The signed document itself is valid: a refusal below is the change's. */
  {
    g_autoptr(EcertVerification) verification = ecert_test_verify (signed_xml, trust, NULL, NULL);
    g_assert_cmpint (ecert_verification_get_verdict (verification), ==, ECERT_VERDICT_VALID);
  }

  for (guint i = 0; i < positions->len; i++)
    {
      Position *position = &g_array_index (positions, Position, i);
      char original = xml[position->offset];
      g_autoptr(GError) error = NULL;
      g_autoptr(EcertCertificate) certificate = NULL;
      g_autoptr(EcertVerification) verification = NULL;
      EcertVerdict verdict;

      xml[position->offset] = changed_byte (original);
      if (position->place == PLACE_RENAMED_ELEMENT)
        {
          g_assert_cmpint (xml[position->end_tag_offset], ==, original);
          xml[position->end_tag_offset] = xml[position->offset];
        }
      changed[position->place]++;

      certificate = ecert_test_load (xml, &error);
      if (certificate == NULL)
        {
          unreadable[position->place]++;
          total_unreadable++;
        }
      else
        {
          verification = ecert_verify_certificate (certificate, trust, NULL);
          verdict = ecert_verification_get_verdict (verification);
          if (verdict == ECERT_VERDICT_VALID)
            g_error ("Changing byte %zu ('%c' to '%c', %s) left the signature valid",
                     position->offset, original, xml[position->offset],
                     place_names[position->place]);
          g_assert_cmpstr (ecert_verification_get_reason (verification), !=, "");
          per_verdict[verdict]++;
          verified++;
        }

      xml[position->offset] = original;
      if (position->place == PLACE_RENAMED_ELEMENT)
        xml[position->end_tag_offset] = original;
    }

  g_test_message ("%u changes of signed content, none valid; %u reached the verifier, "
                  "%u were refused by the parser or the reader", positions->len, verified,
                  total_unreadable);
  for (guint i = 0; i < N_PLACES; i++)
    g_test_message ("  %-28s %5u changed, %5u verified, %5u unreadable", place_names[i],
                    changed[i], changed[i] - unreadable[i], unreadable[i]);
  for (guint i = 0; i < G_N_ELEMENTS (per_verdict); i++)
    {
      if (per_verdict[i] > 0)
        g_test_message ("  verdict %s: %u", ecert_verdict_to_string (i), per_verdict[i]);
    }

  /* Enough of them got past the parser to mean something. */
  g_assert_cmpuint (verified, >=, 500);
}

/* --- Chains that make path building long ---------------------------------- */

#define P256_BITS GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1)
#define NZ_ROOT_SUBJECT "CN=NZ test root,O=E-Cert Inspector tests,C=NZ"
#define NZ_LOOP_SUBJECT "CN=NZ loop,O=E-Cert Inspector tests"

static EcertVerification *
verify_expecting (const char   *xml,
                  EcertVerdict  expected)
{
  return ecert_test_verify_expecting (xml, nz_trust, expected);
}

static GBytes *
join_pem (GPtrArray *pems)
{
  GByteArray *joined = g_byte_array_new ();

  for (guint i = 0; i < pems->len; i++)
    g_byte_array_append (joined, g_bytes_get_data (pems->pdata[i], NULL),
                         g_bytes_get_size (pems->pdata[i]));
  return g_byte_array_free_to_bytes (joined);
}

/* The test certificate signed by nz-signer, with @chain_pem after the
 * signer's certificate in X509Data. */
static char *
sign_with_pki_chain (GBytes *chain_pem)
{
  g_autofree char *xml = ecert_test_certificate_xml ();
  g_autoptr(GBytes) key_pem = ecert_test_load_pki ("nz-signer.key");
  g_autoptr(GBytes) certificate_pem = ecert_test_load_pki ("nz-signer.pem");

  return ecert_test_sign_with_pem (xml, key_pem, certificate_pem, chain_pem,
                                   ECERT_SIGN_C14N_EXCLUSIVE);
}

static char *
x509_certificate_element (gnutls_x509_crt_t certificate)
{
  gnutls_datum_t der = { NULL, 0 };
  g_autofree char *base64 = NULL;

  g_assert_cmpint (gnutls_x509_crt_export2 (certificate, GNUTLS_X509_FMT_DER, &der), ==, 0);
  base64 = g_base64_encode (der.data, der.size);
  gnutls_free (der.data);
  return g_strdup_printf ("<ds:X509Certificate>%s</ds:X509Certificate>", base64);
}

/* Copies of two certificates whose names lead into each other and back
 * towards the anchor, "NZ test root" issued by "NZ loop" and "NZ loop"
 * issued by "NZ test root", as X509Certificate elements. Put after nz-ca,
 * they make a verifier that follows names take every copy into the path,
 * looking through all the others at each step. */
static char *
looping_certificates (guint copies)
{
  g_auto(EcertTestIssued) root = { NULL, NULL };
  g_auto(EcertTestIssued) loop = { NULL, NULL };
  g_auto(EcertTestIssued) look_alike_root = { NULL, NULL };
  g_autofree char *loop_element = NULL;
  g_autofree char *look_alike_element = NULL;
  GString *elements = g_string_new (NULL);

  ecert_test_issued_load (&root, "nz-root");
  ecert_test_issue (&loop, NZ_LOOP_SUBJECT, GNUTLS_PK_ECDSA, P256_BITS, TRUE, &root);
  ecert_test_issue (&look_alike_root, NZ_ROOT_SUBJECT, GNUTLS_PK_ECDSA, P256_BITS, TRUE, &loop);
  g_assert_true (gnutls_x509_crt_check_issuer (loop.certificate, look_alike_root.certificate));
  g_assert_true (gnutls_x509_crt_check_issuer (look_alike_root.certificate, loop.certificate));

  loop_element = x509_certificate_element (loop.certificate);
  look_alike_element = x509_certificate_element (look_alike_root.certificate);
  for (guint i = 0; i < copies; i++)
    {
      g_string_append (elements, look_alike_element);
      g_string_append (elements, loop_element);
    }
  return g_string_free (elements, FALSE);
}

/* Five thousand certificates in the signature of a genuine certificate
 * (KeyInfo is not signed, so anyone can add them): refused at once, saying
 * how many there were and how many are accepted. */
static void
test_many_certificates (void)
{
  g_autofree char *loop = looping_certificates (2499);
  g_autofree char *inserted = g_strconcat (loop, "</ds:X509Data>", NULL);
  g_autoptr(GString) xml = g_string_new (signed_rsa);
  g_autoptr(EcertCertificate) certificate = NULL;
  g_autoptr(EcertVerification) verification = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;
  double seconds;

  /* The signer, nz-ca and 2 × 2,499 looping certificates. */
  g_assert_cmpuint (g_string_replace (xml, "</ds:X509Data>", inserted, 1), ==, 1);

  started = g_get_monotonic_time ();
  certificate = ecert_test_load (xml->str, &error);
  g_assert_no_error (error);
  verification = ecert_verify_certificate (certificate, nz_trust, NULL);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_test_message ("5,000 certificates read and verified in %.3f s: %s: %s", seconds,
                  ecert_verdict_to_string (ecert_verification_get_verdict (verification)),
                  ecert_verification_get_reason (verification));

  g_assert_cmpstr (ecert_verdict_to_string (ecert_verification_get_verdict (verification)), ==,
                   ecert_verdict_to_string (ECERT_VERDICT_UNSUPPORTED));
  ecert_test_assert_reason_mentions (verification, "5000 certificates");
  ecert_test_assert_reason_mentions (verification, "at most 10");
  /* Well under a second on a loaded machine; the bound only catches path
   * building going back to taking minutes, with room for sanitizers. */
  g_assert_cmpfloat (seconds, <, 10.0);
}

/* Ten certificates are accepted, even where most are not on the path; an
 * eleventh is refused. */
static void
test_certificates_at_limit (void)
{
  static const char * const others[] = { "nz-ecdsa.pem", "nz-expired.pem", "nz-future.pem",
                                         "nz-encipher.pem", "nz-old.pem", "ar-root.pem",
                                         "ar-signer.pem", "nz-root.pem" };
  g_autoptr(GPtrArray) pems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) ten = NULL;
  g_autoptr(GBytes) eleven = NULL;
  g_autofree char *ten_xml = NULL;
  g_autofree char *eleven_xml = NULL;
  g_autoptr(EcertVerification) valid = NULL;
  g_autoptr(EcertVerification) refused = NULL;

  g_ptr_array_add (pems, ecert_test_load_pki ("nz-ca.pem"));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_ptr_array_add (pems, ecert_test_load_pki (others[i]));
  ten = join_pem (pems);
  g_ptr_array_add (pems, ecert_test_load_pki ("nz-ca.pem"));
  eleven = join_pem (pems);

  ten_xml = sign_with_pki_chain (ten);
  valid = verify_expecting (ten_xml, ECERT_VERDICT_VALID);
  g_assert_cmpuint (g_strv_length ((char **) ecert_verification_get_chain (valid)), ==, 3);

  eleven_xml = sign_with_pki_chain (eleven);
  refused = verify_expecting (eleven_xml, ECERT_VERDICT_UNSUPPORTED);
  ecert_test_assert_reason_mentions (refused, "11 certificates");
  ecert_test_assert_reason_mentions (refused, "at most 10");
}

/* A signer under @intermediates certificate authorities, one under the
 * other below nz-root, each in the signature. */
static char *
sign_under_intermediates (guint intermediates)
{
  g_autofree char *xml = ecert_test_certificate_xml ();
  g_autoptr(GPtrArray) pems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) chain = NULL;
  EcertTestIssued *issuers = g_new0 (EcertTestIssued, intermediates + 1);
  g_auto(EcertTestIssued) signer = { NULL, NULL };
  char *signed_xml;

  ecert_test_issued_load (&issuers[0], "nz-root");
  for (guint i = 1; i <= intermediates; i++)
    {
      g_autofree char *subject = g_strdup_printf ("CN=NZ intermediate %u,O=E-Cert Inspector tests",
                                                  i);

      ecert_test_issue (&issuers[i], subject, GNUTLS_PK_ECDSA, P256_BITS, TRUE, &issuers[i - 1]);
      /* Nearest the signer first, as signers write them. */
      g_ptr_array_insert (pems, 0, ecert_test_certificate_pem (issuers[i].certificate));
    }
  ecert_test_issue (&signer, "CN=NZ signer far down,O=E-Cert Inspector tests", GNUTLS_PK_ECDSA,
                    P256_BITS, FALSE, &issuers[intermediates]);

  chain = join_pem (pems);
  signed_xml = ecert_test_sign_issued (xml, &signer, chain);

  for (guint i = 0; i <= intermediates; i++)
    ecert_test_issued_clear (&issuers[i]);
  g_free (issuers);
  return signed_xml;
}

/* A path of eight certificates in the signature is accepted; a ninth is
 * refused, though the signature carries fewer than ten. */
static void
test_long_path (void)
{
  g_autofree char *eight = sign_under_intermediates (7);
  g_autofree char *nine = sign_under_intermediates (8);
  g_autoptr(EcertVerification) valid = verify_expecting (eight, ECERT_VERDICT_VALID);
  g_autoptr(EcertVerification) refused = verify_expecting (nine, ECERT_VERDICT_UNSUPPORTED);

  g_autoptr(EcertVerification) refused_again = NULL;

  /* The path, and the anchor above it. */
  g_assert_cmpuint (g_strv_length ((char **) ecert_verification_get_chain (valid)), ==, 9);
  ecert_test_assert_reason_mentions (refused, "more than 8 certificates");

  /* Checked again, from the analysis of the chain the trust store keeps:
   * the same. */
  refused_again = verify_expecting (nine, ECERT_VERDICT_UNSUPPORTED);
  g_assert_cmpstr (ecert_verification_get_reason (refused_again), ==,
                   ecert_verification_get_reason (refused));
}

static void
test_tamper_rsa (void)
{
  tamper_everywhere (signed_rsa, nz_trust);
}

static void
test_tamper_ecdsa (void)
{
  g_autofree char *xml = ecert_test_certificate_xml ();
  g_autofree char *signed_xml = ecert_test_sign (xml, "nz-ecdsa", NULL,
                                                 ECERT_SIGN_C14N_INCLUSIVE);

  tamper_everywhere (signed_xml, nz_trust);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *xml = NULL;
  g_autofree char *forged_xml = NULL;
  GString *forged;
  int status;

  g_test_init (&argc, &argv, NULL);

  xml = ecert_test_certificate_xml ();
  signed_rsa = ecert_test_sign (xml, "nz-signer", "nz-ca", ECERT_SIGN_C14N_EXCLUSIVE);
  forged = g_string_new (xml);
  g_assert_cmpuint (g_string_replace (forged, ECERT_TEST_SIGNED_ID, ECERT_TEST_FORGED_ID, 0),
                    ==, 1);
  forged_xml = g_string_free (forged, FALSE);
  signed_forged = ecert_test_sign (forged_xml, "nz-signer", "nz-ca", ECERT_SIGN_C14N_EXCLUSIVE);
  nz_trust = ecert_test_trust ("NZ", "nz-root", NULL);

  g_test_add_func ("/verify-attacks/controls", test_controls);
  g_test_add_func ("/verify-attacks/wrapping", test_tree_attacks);
  g_test_add_func ("/verify-attacks/text", test_text_attacks);
  g_test_add_func ("/verify-attacks/unreadable-wrappers", test_unreadable_wrappers);
  g_test_add_func ("/verify-attacks/two-signed-ids", test_two_signed_ids);
  g_test_add_func ("/verify-attacks/many-certificates", test_many_certificates);
  g_test_add_func ("/verify-attacks/certificates-at-limit", test_certificates_at_limit);
  g_test_add_func ("/verify-attacks/long-path", test_long_path);
  g_test_add_func ("/verify-attacks/tamper/rsa", test_tamper_rsa);
  g_test_add_func ("/verify-attacks/tamper/ecdsa", test_tamper_ecdsa);

  status = g_test_run ();

  g_free (signed_rsa);
  g_free (signed_forged);
  g_object_unref (nz_trust);
  return status;
}
