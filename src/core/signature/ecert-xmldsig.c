/* ecert-xmldsig.c: algorithms and canonicalization of the signature profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile is narrow on purpose (see docs/signature-profile.md): every
 * algorithm outside these tables is refused by name, never tried.
 */

#define G_LOG_DOMAIN "ecert-xmldsig"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <libxml/xmlIO.h>

#include "ecert-xml.h"
#include "ecert-xmldsig.h"

/* Comments are never part of what is signed: the "WithComments" forms are
 * not in these tables. */
static const EcertC14nAlgorithm c14n_algorithms[] = {
  { ECERT_XMLDSIG_EXC_C14N, N_("Exclusive XML Canonicalization 1.0"), XML_C14N_EXCLUSIVE_1_0 },
  { ECERT_XMLDSIG_C14N_1_0, N_("Canonical XML 1.0"), XML_C14N_1_0 },
  { ECERT_XMLDSIG_C14N_1_1, N_("Canonical XML 1.1"), XML_C14N_1_1 },
};

static const EcertDigestAlgorithm digest_algorithms[] = {
  { "http://www.w3.org/2001/04/xmlenc#sha256", "SHA-256", GNUTLS_DIG_SHA256 },
  { "http://www.w3.org/2001/04/xmldsig-more#sha384", "SHA-384", GNUTLS_DIG_SHA384 },
  { "http://www.w3.org/2001/04/xmlenc#sha512", "SHA-512", GNUTLS_DIG_SHA512 },
};

static const EcertSignatureAlgorithm signature_algorithms[] = {
  { "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "RSA PKCS#1 v1.5 SHA-256",
    GNUTLS_PK_RSA, GNUTLS_DIG_SHA256, FALSE },
  { "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "RSA PKCS#1 v1.5 SHA-384",
    GNUTLS_PK_RSA, GNUTLS_DIG_SHA384, FALSE },
  { "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "RSA PKCS#1 v1.5 SHA-512",
    GNUTLS_PK_RSA, GNUTLS_DIG_SHA512, FALSE },
  { "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1", "RSA-PSS SHA-256",
    GNUTLS_PK_RSA, GNUTLS_DIG_SHA256, TRUE },
  { "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1", "RSA-PSS SHA-384",
    GNUTLS_PK_RSA, GNUTLS_DIG_SHA384, TRUE },
  { "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1", "RSA-PSS SHA-512",
    GNUTLS_PK_RSA, GNUTLS_DIG_SHA512, TRUE },
  { "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "ECDSA SHA-256",
    GNUTLS_PK_ECDSA, GNUTLS_DIG_SHA256, FALSE },
  { "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", "ECDSA SHA-384",
    GNUTLS_PK_ECDSA, GNUTLS_DIG_SHA384, FALSE },
  { "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", "ECDSA SHA-512",
    GNUTLS_PK_ECDSA, GNUTLS_DIG_SHA512, FALSE },
};

/* Algorithms people meet and ask about, with why they are refused. */
static const struct {
  const char *fragment;
  const char *why;
} refused_algorithms[] = {
  /* An HMAC is refused for what it is, whatever its digest. */
  { "hmac", N_("an HMAC needs a shared secret and proves nothing about the issuer") },
  { "sha1", N_("SHA-1 is broken for signatures") },
  { "md5", N_("MD5 is broken") },
  /* "#dsa-" names DSA itself (xmldsig#dsa-sha1, xmldsig11#dsa-sha256), not
   * ECDSA, EdDSA or ML-DSA, whose URIs also contain "dsa-". */
  { "#dsa-", N_("DSA is not accepted") },
  { "WithComments", N_("canonicalization with comments is not accepted") },
  { "xpath", N_("XPath transforms are not accepted") },
  { "xslt", N_("XSLT transforms are not accepted") },
  { "REC-xpath", N_("XPath transforms are not accepted") },
};

const EcertC14nAlgorithm *
ecert_xmldsig_find_c14n (const char *uri)
{
  for (guint i = 0; uri != NULL && i < G_N_ELEMENTS (c14n_algorithms); i++)
    {
      if (g_strcmp0 (uri, c14n_algorithms[i].uri) == 0)
        return &c14n_algorithms[i];
    }

  return NULL;
}

const EcertDigestAlgorithm *
ecert_xmldsig_find_digest (const char *uri)
{
  for (guint i = 0; uri != NULL && i < G_N_ELEMENTS (digest_algorithms); i++)
    {
      if (g_strcmp0 (uri, digest_algorithms[i].uri) == 0)
        return &digest_algorithms[i];
    }

  return NULL;
}

const EcertSignatureAlgorithm *
ecert_xmldsig_find_signature (const char *uri)
{
  for (guint i = 0; uri != NULL && i < G_N_ELEMENTS (signature_algorithms); i++)
    {
      if (g_strcmp0 (uri, signature_algorithms[i].uri) == 0)
        return &signature_algorithms[i];
    }

  return NULL;
}

/* The PKCS#1 v1.5 or plain ECDSA method for a key and a digest. */
const EcertSignatureAlgorithm *
ecert_xmldsig_signature_for_key (gnutls_pk_algorithm_t     key,
                                 gnutls_digest_algorithm_t digest)
{
  for (guint i = 0; i < G_N_ELEMENTS (signature_algorithms); i++)
    {
      if (signature_algorithms[i].key == key && signature_algorithms[i].digest == digest &&
          !signature_algorithms[i].pss)
        return &signature_algorithms[i];
    }

  return NULL;
}

/**
 * ecert_xmldsig_refused_algorithm:
 *
 * Returns: (nullable): why a known-bad algorithm is refused, translated, or
 *   %NULL when the URI is simply not in the profile
 */
const char *
ecert_xmldsig_refused_algorithm (const char *uri)
{
  for (guint i = 0; uri != NULL && i < G_N_ELEMENTS (refused_algorithms); i++)
    {
      if (strstr (uri, refused_algorithms[i].fragment) != NULL)
        return _(refused_algorithms[i].why);
    }

  return NULL;
}

gnutls_sign_algorithm_t
ecert_xmldsig_sign_algorithm (const EcertSignatureAlgorithm *algorithm,
                              gnutls_pk_algorithm_t          key)
{
  if (!algorithm->pss || key == GNUTLS_PK_RSA_PSS)
    return gnutls_pk_to_sign (algorithm->pss ? GNUTLS_PK_RSA_PSS : algorithm->key,
                              algorithm->digest);

  /* PSS with an ordinary rsaEncryption key is GnuTLS's "RSAE" family. */
  if (algorithm->digest == GNUTLS_DIG_SHA256)
    return GNUTLS_SIGN_RSA_PSS_RSAE_SHA256;
  if (algorithm->digest == GNUTLS_DIG_SHA384)
    return GNUTLS_SIGN_RSA_PSS_RSAE_SHA384;
  if (algorithm->digest == GNUTLS_DIG_SHA512)
    return GNUTLS_SIGN_RSA_PSS_RSAE_SHA512;
  return GNUTLS_SIGN_UNKNOWN;
}

/**
 * ecert_xmldsig_inclusive_prefixes:
 * @method: a CanonicalizationMethod or Transform element
 *
 * The prefixes an exclusive canonicalization treats inclusively, from its
 * InclusiveNamespaces PrefixList ("#default" names the default namespace).
 *
 * Returns: (transfer full) (nullable): the prefixes, or %NULL for none
 */
char **
ecert_xmldsig_inclusive_prefixes (xmlNode *method)
{
  for (xmlNode *child = method->children; child != NULL; child = child->next)
    {
      if (ecert_xml_is_element (child, ECERT_XMLDSIG_EXC_C14N, "InclusiveNamespaces"))
        {
          g_autofree char *list = ecert_xml_attribute (child, "PrefixList");
          g_auto(GStrv) tokens = NULL;
          GPtrArray *prefixes;

          if (list == NULL)
            return NULL;

          /* The list is NMTOKENS: any run of white space separates two
           * prefixes, and there is no empty one. libxml2 would take an
           * empty string for the default namespace, which the signer never
           * named, and the digest would then differ from the signer's. */
          tokens = g_strsplit_set (list, " \t\r\n", -1);
          prefixes = g_ptr_array_new ();
          for (guint i = 0; tokens[i] != NULL; i++)
            {
              if (tokens[i][0] != '\0')
                g_ptr_array_add (prefixes, g_strdup (tokens[i]));
            }
          g_ptr_array_add (prefixes, NULL);
          return (char **) g_ptr_array_free (prefixes, FALSE);
        }
    }

  return NULL;
}

/* XMLDSig writes an ECDSA signature as r||s; GnuTLS wants DER. */
static gboolean
ecdsa_to_der (GBytes         *raw,
              gnutls_datum_t *der)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (raw, &length);
  gnutls_datum_t r;
  gnutls_datum_t s;

  if (length == 0 || length % 2 != 0)
    return FALSE;

  r.data = (unsigned char *) data;
  r.size = (unsigned int) (length / 2);
  s.data = (unsigned char *) data + length / 2;
  s.size = (unsigned int) (length / 2);

  return gnutls_encode_rs_value (der, &r, &s) >= 0;
}

/**
 * ecert_xmldsig_verify_value:
 * @key: the signer's public key
 * @algorithm: the SignatureMethod
 * @signed_data: the canonical SignedInfo
 * @value: the decoded SignatureValue (r||s for ECDSA)
 *
 * Checks a SignatureValue, and only that: the verifier calls it once the
 * profile and the digest have been checked.
 *
 * Returns: whether @value is @key's signature of @signed_data, or why not
 */
EcertXmldsigValueCheck
ecert_xmldsig_verify_value (gnutls_pubkey_t                key,
                            const EcertSignatureAlgorithm *algorithm,
                            GBytes                        *signed_data,
                            GBytes                        *value)
{
  gnutls_datum_t data;
  gnutls_datum_t signature = { NULL, 0 };
  gnutls_datum_t der = { NULL, 0 };
  gsize length;
  int key_algorithm = gnutls_pubkey_get_pk_algorithm (key, NULL);
  int status;

  if ((algorithm->key == GNUTLS_PK_RSA &&
       key_algorithm != GNUTLS_PK_RSA && key_algorithm != GNUTLS_PK_RSA_PSS) ||
      (algorithm->key == GNUTLS_PK_ECDSA && key_algorithm != GNUTLS_PK_ECDSA))
    return ECERT_XMLDSIG_VALUE_WRONG_KEY;

  data.data = (unsigned char *) g_bytes_get_data (signed_data, &length);
  data.size = (unsigned int) length;
  if (algorithm->key == GNUTLS_PK_ECDSA)
    {
      if (!ecdsa_to_der (value, &der))
        return ECERT_XMLDSIG_VALUE_MALFORMED;
      signature = der;
    }
  else
    {
      signature.data = (unsigned char *) g_bytes_get_data (value, &length);
      signature.size = (unsigned int) length;
    }

  status = gnutls_pubkey_verify_data2 (key, ecert_xmldsig_sign_algorithm (algorithm,
                                                                          key_algorithm),
                                       0, &data, &signature);
  gnutls_free (der.data);

  return status >= 0 ? ECERT_XMLDSIG_VALUE_VALID : ECERT_XMLDSIG_VALUE_MISMATCH;
}

/* libxml2 asks about every node; namespace nodes come with their element as
 * the parent. A node is inside a subtree when it or an ancestor is its apex. */
static gboolean
inside (xmlNodePtr node,
        xmlNodePtr parent,
        xmlNodePtr apex)
{
  xmlNodePtr iter = node->type == XML_NAMESPACE_DECL ? parent : node;

  for (; iter != NULL; iter = iter->parent)
    {
      if (iter == apex)
        return TRUE;
    }

  return FALSE;
}

static int
visible_without_cb (void       *user_data,
                    xmlNodePtr  node,
                    xmlNodePtr  parent)
{
  return !inside (node, parent, user_data);
}

static int
visible_within_cb (void       *user_data,
                   xmlNodePtr  node,
                   xmlNodePtr  parent)
{
  return inside (node, parent, user_data);
}

static GBytes *
c14n (xmlDoc                   *doc,
      xmlC14NIsVisibleCallback  visible,
      xmlNode                  *node,
      const EcertC14nAlgorithm *algorithm,
      char                    **inclusive_prefixes)
{
  xmlOutputBufferPtr buffer = xmlAllocOutputBuffer (NULL);
  GBytes *bytes = NULL;
  int status;

  status = xmlC14NExecute (doc, visible, node, algorithm->mode,
                           algorithm->mode == XML_C14N_EXCLUSIVE_1_0
                             ? (xmlChar **) inclusive_prefixes : NULL,
                           0, buffer);
  if (status >= 0)
    bytes = g_bytes_new (xmlOutputBufferGetContent (buffer),
                         xmlOutputBufferGetSize (buffer));

  xmlOutputBufferClose (buffer);
  return bytes;
}

/**
 * ecert_xmldsig_c14n_without:
 *
 * The canonical form of the whole document (URI="") minus @excluded and
 * everything in it: the enveloped-signature transform followed by C14N,
 * on the very tree the model was read from.
 *
 * Returns: (transfer full) (nullable): the canonical bytes
 */
GBytes *
ecert_xmldsig_c14n_without (xmlDoc                   *doc,
                            xmlNode                  *excluded,
                            const EcertC14nAlgorithm *algorithm,
                            char                    **inclusive_prefixes)
{
  return c14n (doc, visible_without_cb, excluded, algorithm, inclusive_prefixes);
}

/**
 * ecert_xmldsig_c14n_subtree:
 *
 * Returns: (transfer full) (nullable): the canonical form of @apex and its
 *   content (for SignedInfo)
 */
GBytes *
ecert_xmldsig_c14n_subtree (xmlDoc                   *doc,
                            xmlNode                  *apex,
                            const EcertC14nAlgorithm *algorithm,
                            char                    **inclusive_prefixes)
{
  return c14n (doc, visible_within_cb, apex, algorithm, inclusive_prefixes);
}
