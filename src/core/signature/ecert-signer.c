/* ecert-signer.c: signing certificates in exactly the accepted profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by `ecert sign` and by ecert-hub for its demonstration certificates,
 * so that what we produce is what we accept: one enveloped ds:Signature as
 * the last child of the document element, one Reference URI="", the
 * enveloped-signature transform then C14N, SHA-256, and the signer's
 * certificate (and chain) in X509Data.
 */

#define G_LOG_DOMAIN "ecert-signer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>

#include "ecert-error.h"
#include "ecert-key-policy-private.h"
#include "ecert-signer.h"
#include "ecert-x509.h"
#include "ecert-xml.h"

struct _EcertSigningKey
{
  gnutls_privkey_t  key;
  GPtrArray        *certificates;   /* GBytes: DER, signer first */
  gnutls_pk_algorithm_t algorithm;
  guint             ecdsa_field_size;
};

void
ecert_signing_key_free (EcertSigningKey *key)
{
  if (key == NULL)
    return;

  g_clear_pointer (&key->key, gnutls_privkey_deinit);
  g_clear_pointer (&key->certificates, g_ptr_array_unref);
  g_free (key);
}

static gboolean
add_certificates (EcertSigningKey  *self,
                  GBytes           *pem,
                  GError          **error)
{
  g_autoptr(GPtrArray) certificates = ecert_x509_import_pem (pem, error);

  if (certificates == NULL)
    return FALSE;

  for (guint i = 0; i < certificates->len; i++)
    {
      gnutls_datum_t der = { NULL, 0 };

      if (gnutls_x509_crt_export2 (certificates->pdata[i], GNUTLS_X509_FMT_DER, &der) < 0)
        {
          g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SIGNING,
                               _("A certificate cannot be exported"));
          return FALSE;
        }
      g_ptr_array_add (self->certificates, g_bytes_new (der.data, der.size));
      gnutls_free (der.data);
    }

  return TRUE;
}

/* ECDSA r and s are written at the full size of the curve's field. */
static guint
field_size_for_curve (gnutls_ecc_curve_t curve)
{
  if (curve == GNUTLS_ECC_CURVE_SECP256R1)
    return 32;
  if (curve == GNUTLS_ECC_CURVE_SECP384R1)
    return 48;
  if (curve == GNUTLS_ECC_CURVE_SECP521R1)
    return 66;
  return 0;
}

/**
 * ecert_signing_key_load:
 * @key_pem: the private key (PKCS#8 or traditional PEM, unencrypted)
 * @certificate_pem: the signer's certificate
 * @chain_pem: (nullable): intermediates to include
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
EcertSigningKey *
ecert_signing_key_load (GBytes  *key_pem,
                        GBytes  *certificate_pem,
                        GBytes  *chain_pem,
                        GError **error)
{
  g_autoptr(EcertSigningKey) self = g_new0 (EcertSigningKey, 1);
  g_autofree char *refusal = NULL;
  gnutls_datum_t data;
  gsize length;
  int status;

  self->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  data.data = (unsigned char *) g_bytes_get_data (key_pem, &length);
  data.size = (unsigned int) length;

  gnutls_privkey_init (&self->key);
  status = gnutls_privkey_import_x509_raw (self->key, &data, GNUTLS_X509_FMT_PEM, NULL, 0);
  if (status < 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SIGNING,
                   _("The private key cannot be read: %s"), gnutls_strerror (status));
      return NULL;
    }

  /* What the verifier would refuse is not signed at all. */
  refusal = ecert_key_policy_refuse_private_key (self->key);
  if (refusal != NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SIGNING, refusal);
      return NULL;
    }

  self->algorithm = gnutls_privkey_get_pk_algorithm (self->key, NULL);
  if (self->algorithm == GNUTLS_PK_ECDSA)
    {
      gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;

      gnutls_privkey_export_ecc_raw (self->key, &curve, NULL, NULL, NULL);
      self->ecdsa_field_size = field_size_for_curve (curve);
      if (self->ecdsa_field_size == 0)
        {
          g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SIGNING,
                               _("Only the NIST P-256, P-384 and P-521 curves are supported"));
          return NULL;
        }
    }
  else if (self->algorithm != GNUTLS_PK_RSA)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SIGNING,
                           _("Only RSA and ECDSA keys can sign certificates"));
      return NULL;
    }

  if (!add_certificates (self, certificate_pem, error))
    return NULL;
  if (chain_pem != NULL && !add_certificates (self, chain_pem, error))
    return NULL;

  return g_steal_pointer (&self);
}

static xmlNode *
add_child (xmlNode    *parent,
           xmlNs      *ns,
           const char *name,
           const char *algorithm)
{
  xmlNode *child = xmlNewChild (parent, ns, (const xmlChar *) name, NULL);

  if (algorithm != NULL)
    xmlNewProp (child, (const xmlChar *) "Algorithm", (const xmlChar *) algorithm);
  return child;
}

static void
set_base64 (xmlNode      *node,
            const guint8 *data,
            gsize         length)
{
  g_autofree char *base64 = g_base64_encode (data, length);

  xmlNodeSetContent (node, (const xmlChar *) base64);
}

/* GnuTLS gives ECDSA signatures in DER; XMLDSig wants r||s, each padded. */
static GBytes *
ecdsa_der_to_raw (const gnutls_datum_t *der,
                  guint                 field_size)
{
  gnutls_datum_t r_value = { NULL, 0 };
  gnutls_datum_t s_value = { NULL, 0 };
  gnutls_datum_t r;
  gnutls_datum_t s;
  guint8 *raw;
  gboolean fits;

  if (gnutls_decode_rs_value (der, &r_value, &s_value) < 0)
    return NULL;

  /* DER integers may carry a leading zero; the field size is the limit.
   * r and s are views: GnuTLS allocated r_value and s_value. */
  r = r_value;
  s = s_value;
  while (r.size > field_size && r.data[0] == 0)
    r.data++, r.size--;
  while (s.size > field_size && s.data[0] == 0)
    s.data++, s.size--;
  fits = r.size <= field_size && s.size <= field_size;

  raw = g_malloc0 (2 * field_size);
  if (fits)
    {
      memcpy (raw + field_size - r.size, r.data, r.size);
      memcpy (raw + 2 * field_size - s.size, s.data, s.size);
    }
  gnutls_free (r_value.data);
  gnutls_free (s_value.data);

  return fits ? g_bytes_new_take (raw, 2 * field_size) : (g_free (raw), NULL);
}

/**
 * ecert_sign_document:
 * @document: an unsigned certificate's bytes
 * @key: the signing key and its certificates
 * @c14n: the canonicalization to use
 *
 * Returns: (transfer full): the signed document's bytes, or %NULL with
 *   @error set
 */
GBytes *
ecert_sign_document (GBytes            *document,
                     EcertSigningKey   *key,
                     EcertSignC14n      c14n,
                     GError           **error)
{
  const EcertC14nAlgorithm *c14n_algorithm =
    ecert_xmldsig_find_c14n (c14n == ECERT_SIGN_C14N_EXCLUSIVE ? ECERT_XMLDSIG_EXC_C14N
                                                               : ECERT_XMLDSIG_C14N_1_0);
  const EcertDigestAlgorithm *digest =
    ecert_xmldsig_find_digest ("http://www.w3.org/2001/04/xmlenc#sha256");
  const EcertSignatureAlgorithm *method =
    ecert_xmldsig_signature_for_key (key->algorithm, GNUTLS_DIG_SHA256);
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GBytes) canonical = NULL;
  g_autoptr(GBytes) signed_info_bytes = NULL;
  g_autoptr(GBytes) raw = NULL;
  xmlNode *root;
  xmlNode *signature;
  xmlNode *signed_info;
  xmlNode *reference;
  xmlNode *transforms;
  xmlNode *digest_value;
  xmlNode *signature_value;
  xmlNode *x509_data;
  xmlNs *ns;
  guint8 hash[32];
  gnutls_datum_t data;
  gnutls_datum_t signature_datum = { NULL, 0 };
  xmlChar *output = NULL;
  int output_length = 0;
  gsize length;
  const guint8 *bytes;
  int status;

  bytes = g_bytes_get_data (document, &length);
  doc = ecert_xml_parse (bytes, length, NULL, error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (ecert_xml_is_element (child, ECERT_XMLDSIG_NS, "Signature"))
        {
          g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SIGNING,
                               _("The document is already signed"));
          return NULL;
        }
    }

  signature = xmlNewChild (root, NULL, (const xmlChar *) "Signature", NULL);
  ns = xmlNewNs (signature, (const xmlChar *) ECERT_XMLDSIG_NS, (const xmlChar *) "ds");
  xmlSetNs (signature, ns);

  signed_info = add_child (signature, ns, "SignedInfo", NULL);
  add_child (signed_info, ns, "CanonicalizationMethod", c14n_algorithm->uri);
  add_child (signed_info, ns, "SignatureMethod", method->uri);
  reference = add_child (signed_info, ns, "Reference", NULL);
  xmlNewProp (reference, (const xmlChar *) "URI", (const xmlChar *) "");
  transforms = add_child (reference, ns, "Transforms", NULL);
  add_child (transforms, ns, "Transform", ECERT_XMLDSIG_ENVELOPED);
  add_child (transforms, ns, "Transform", c14n_algorithm->uri);
  add_child (reference, ns, "DigestMethod", digest->uri);
  digest_value = add_child (reference, ns, "DigestValue", NULL);
  signature_value = add_child (signature, ns, "SignatureValue", NULL);
  x509_data = add_child (add_child (signature, ns, "KeyInfo", NULL), ns, "X509Data", NULL);
  for (guint i = 0; i < key->certificates->len; i++)
    {
      const guint8 *der = g_bytes_get_data (key->certificates->pdata[i], &length);

      set_base64 (add_child (x509_data, ns, "X509Certificate", NULL), der, length);
    }

  canonical = ecert_xmldsig_c14n_without (doc, signature, c14n_algorithm, NULL);
  bytes = g_bytes_get_data (canonical, &length);
  gnutls_hash_fast (GNUTLS_DIG_SHA256, bytes, length, hash);
  set_base64 (digest_value, hash, sizeof hash);

  signed_info_bytes = ecert_xmldsig_c14n_subtree (doc, signed_info, c14n_algorithm, NULL);
  data.data = (unsigned char *) g_bytes_get_data (signed_info_bytes, &length);
  data.size = (unsigned int) length;
  status = gnutls_privkey_sign_data2 (key->key, ecert_xmldsig_sign_algorithm (method,
                                                                              key->algorithm),
                                      0, &data, &signature_datum);
  if (status < 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SIGNING,
                   _("Signing failed: %s"), gnutls_strerror (status));
      return NULL;
    }

  if (key->algorithm == GNUTLS_PK_ECDSA)
    raw = ecdsa_der_to_raw (&signature_datum, key->ecdsa_field_size);
  else
    raw = g_bytes_new (signature_datum.data, signature_datum.size);
  gnutls_free (signature_datum.data);

  if (raw == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SIGNING,
                           _("The ECDSA signature could not be encoded"));
      return NULL;
    }

  bytes = g_bytes_get_data (raw, &length);
  set_base64 (signature_value, bytes, length);

  xmlDocDumpMemoryEnc (doc, &output, &output_length, "UTF-8");
  return g_bytes_new_with_free_func (output, output_length, xmlFree, output);
}

/**
 * ecert_sign_pkcs7:
 * @content: the bytes to sign (for S/MIME, the canonical MIME entity)
 * @key: the signer
 * @embed_content: %TRUE for an opaque signature that carries @content,
 *   %FALSE for a detached one
 *
 * A CMS (PKCS #7) SignedData over @content with SHA-256, carrying the
 * signer's certificate and chain and the signing time: what an NPPO's mail
 * system attaches to a message it signs with S/MIME.
 *
 * Returns: (transfer full): the SignedData in DER, or %NULL with @error set
 */
GBytes *
ecert_sign_pkcs7 (GBytes           *content,
                  EcertSigningKey  *key,
                  gboolean          embed_content,
                  GError          **error)
{
  g_autoptr(GPtrArray) chain = ecert_x509_import_der_list (key->certificates);
  gnutls_pkcs7_t pkcs7 = NULL;
  gnutls_datum_t data = { (unsigned char *) g_bytes_get_data (content, NULL),
                          g_bytes_get_size (content) };
  gnutls_datum_t der = { NULL, 0 };
  unsigned flags = GNUTLS_PKCS7_INCLUDE_TIME | GNUTLS_PKCS7_INCLUDE_CERT;
  int status;

  /* Read when the key was loaded, so they are known to be certificates. */
  g_return_val_if_fail (chain != NULL && chain->len > 0, NULL);

  if (embed_content)
    flags |= GNUTLS_PKCS7_EMBED_DATA;

  gnutls_pkcs7_init (&pkcs7);
  status = gnutls_pkcs7_sign (pkcs7, g_ptr_array_index (chain, 0), key->key, &data,
                              NULL, NULL, GNUTLS_DIG_SHA256, flags);
  /* The chain above the signer, so that a reader can build the path. */
  for (guint i = 1; status >= 0 && i < chain->len; i++)
    status = gnutls_pkcs7_set_crt (pkcs7, g_ptr_array_index (chain, i));
  if (status >= 0)
    status = gnutls_pkcs7_export2 (pkcs7, GNUTLS_X509_FMT_DER, &der);
  gnutls_pkcs7_deinit (pkcs7);

  if (status < 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SIGNING,
                   _("The message could not be signed: %s"), gnutls_strerror (status));
      return NULL;
    }

  return g_bytes_new_with_free_func (der.data, der.size, gnutls_free, der.data);
}
