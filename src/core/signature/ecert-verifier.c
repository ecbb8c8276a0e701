/* ecert-verifier.c: checking a certificate's XML signature
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile (docs/signature-profile.md) is checked in full before any
 * cryptography runs, and it is narrow so that what is shown is what was
 * signed: one enveloped signature, a child of the document element, with one
 * reference to the whole document (URI=""), canonicalized on the very tree
 * the model was read from. Signature wrapping needs a second signed element
 * or a reference to an ID; the profile allows neither.
 *
 * The signer's chain is analysed in ecert-chain-analysis.c (the sizes of
 * its keys in ecert-key-policy.c); here the verdict is drawn from it.
 */

#define G_LOG_DOMAIN "ecert-verifier"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "ecert-chain-analysis-private.h"
#include "ecert-content.h"
#include "ecert-country.h"
#include "ecert-task.h"
#include "ecert-verification-private.h"
#include "ecert-verifier.h"
#include "ecert-x509.h"
#include "ecert-xml.h"
#include "ecert-xmldsig.h"

/* An NPPO signs with a certificate under an intermediate or two below its
 * root. Signatures that carry many more certificates can only make checking
 * them slow, so they are refused before any work (a path that is too long,
 * in ecert-chain-analysis.c). */
#define MAX_SIGNATURE_CERTIFICATES 10

/* What the profile check reads out of a ds:Signature. */
typedef struct
{
  xmlNode                       *signature;
  xmlNode                       *signed_info;
  const EcertC14nAlgorithm      *signed_info_c14n;
  char                         **signed_info_prefixes;
  const EcertSignatureAlgorithm *signature_method;
  const EcertC14nAlgorithm      *reference_c14n;
  char                         **reference_prefixes;
  const EcertDigestAlgorithm    *digest_method;
  GBytes                        *digest_value;
  GBytes                        *signature_value;
  GPtrArray                     *certificates;     /* GBytes: DER, signer first */
} SignatureParts;

static void
signature_parts_clear (SignatureParts *parts)
{
  g_clear_pointer (&parts->signed_info_prefixes, g_strfreev);
  g_clear_pointer (&parts->reference_prefixes, g_strfreev);
  g_clear_pointer (&parts->digest_value, g_bytes_unref);
  g_clear_pointer (&parts->signature_value, g_bytes_unref);
  g_clear_pointer (&parts->certificates, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SignatureParts, signature_parts_clear)

static void
set_reason (EcertVerificationDetails *details,
            EcertVerdict              verdict,
            const char               *format,
            ...) G_GNUC_PRINTF (3, 4);

static void
set_reason (EcertVerificationDetails *details,
            EcertVerdict              verdict,
            const char               *format,
            ...)
{
  va_list args;

  details->verdict = verdict;
  g_free (details->reason);
  va_start (args, format);
  details->reason = g_strdup_vprintf (format, args);
  va_end (args);
}

/* The element children of @node, in order, ignoring white space between
 * them; anything else (text, comments, PIs) is reported through @other. */
static GPtrArray *
element_children (xmlNode  *node,
                  gboolean *other)
{
  GPtrArray *children = g_ptr_array_new ();

  *other = FALSE;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        g_ptr_array_add (children, child);
      else if (child->type == XML_TEXT_NODE && xmlIsBlankNode (child))
        continue;
      else if (child->type != XML_COMMENT_NODE)
        *other = TRUE;
    }

  return children;
}

static gboolean
is_dsig (xmlNode    *node,
         const char *name)
{
  return ecert_xml_is_element (node, ECERT_XMLDSIG_NS, name);
}

static void
count_signatures (xmlNode *node,
                  guint   *count,
                  xmlNode **found)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_dsig (child, "Signature"))
        {
          (*count)++;
          *found = child;
        }
      count_signatures (child, count, found);
    }
}

static char *
algorithm_of (xmlNode *node)
{
  return node != NULL ? ecert_xml_attribute (node, "Algorithm") : NULL;
}

static gboolean
refuse_algorithm (EcertVerificationDetails *details,
                  const char               *what,
                  const char               *uri)
{
  const char *why = ecert_xmldsig_refused_algorithm (uri);

  if (why != NULL)
    set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                _("The %s “%s” is not accepted: %s"), what, uri, why);
  else
    set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                _("The %s “%s” is outside the signature profile this program accepts"),
                what, uri != NULL ? uri : _("(none given)"));
  return FALSE;
}

static gboolean
method_has_only_prefix_list (xmlNode *method)
{
  for (xmlNode *child = method->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE &&
          !ecert_xml_is_element (child, ECERT_XMLDSIG_EXC_C14N, "InclusiveNamespaces"))
        return FALSE;
    }

  return TRUE;
}

static GBytes *
base64_of (xmlNode *node)
{
  xmlChar *text = xmlNodeGetContent (node);
  GBytes *bytes = ecert_content_decode_base64 ((const char *) text, strlen ((const char *) text),
                                               NULL);

  xmlFree (text);
  return bytes;
}

static gboolean
check_transforms (xmlNode                  *transforms,
                  SignatureParts           *parts,
                  EcertVerificationDetails *details)
{
  gboolean other = FALSE;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (transforms == NULL)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The reference has no transforms; the profile requires the "
                    "enveloped-signature transform followed by canonicalization"));
      return FALSE;
    }

  list = element_children (transforms, &other);
  if (other || list->len != 2 || !is_dsig (list->pdata[0], "Transform") ||
      !is_dsig (list->pdata[1], "Transform"))
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The reference must have exactly two transforms, enveloped-signature "
                    "then canonicalization; it has %u"), list->len);
      return FALSE;
    }

  first = algorithm_of (list->pdata[0]);
  second = algorithm_of (list->pdata[1]);
  if (g_strcmp0 (first, ECERT_XMLDSIG_ENVELOPED) != 0)
    return refuse_algorithm (details, _("first transform"), first);
  if (((xmlNode *) list->pdata[0])->children != NULL &&
      xmlFirstElementChild (list->pdata[0]) != NULL)
    return refuse_algorithm (details, _("first transform"), first);

  parts->reference_c14n = ecert_xmldsig_find_c14n (second);
  if (parts->reference_c14n == NULL || !method_has_only_prefix_list (list->pdata[1]))
    return refuse_algorithm (details, _("canonicalization of the document"), second);
  parts->reference_prefixes = ecert_xmldsig_inclusive_prefixes (list->pdata[1]);

  return TRUE;
}

static gboolean
check_reference (xmlNode                  *reference,
                 SignatureParts           *parts,
                 EcertVerificationDetails *details)
{
  gboolean other = FALSE;
  g_autoptr(GPtrArray) children = element_children (reference, &other);
  xmlChar *uri = xmlGetNoNsProp (reference, (const xmlChar *) "URI");
  gboolean whole_document = uri != NULL && uri[0] == '\0';
  xmlNode *transforms = NULL;
  xmlNode *digest_method = NULL;
  xmlNode *digest_value = NULL;
  g_autofree char *digest_uri = NULL;

  xmlFree (uri);
  if (!whole_document)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signature must cover the whole document (Reference URI=\"\"); "
                    "it refers to something else, which could leave parts unsigned"));
      return FALSE;
    }

  for (guint i = 0; i < children->len; i++)
    {
      xmlNode *child = children->pdata[i];

      if (is_dsig (child, "Transforms") && transforms == NULL && i == 0)
        transforms = child;
      else if (is_dsig (child, "DigestMethod") && digest_method == NULL)
        digest_method = child;
      else if (is_dsig (child, "DigestValue") && digest_value == NULL && digest_method != NULL)
        digest_value = child;
      else
        other = TRUE;
    }

  if (other || digest_method == NULL || digest_value == NULL)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signature’s reference is not laid out as the profile requires"));
      return FALSE;
    }

  if (!check_transforms (transforms, parts, details))
    return FALSE;

  digest_uri = algorithm_of (digest_method);
  parts->digest_method = ecert_xmldsig_find_digest (digest_uri);
  if (parts->digest_method == NULL)
    return refuse_algorithm (details, _("digest algorithm"), digest_uri);

  parts->digest_value = base64_of (digest_value);
  if (parts->digest_value == NULL)
    {
      set_reason (details, ECERT_VERDICT_INVALID,
                  _("The signature’s digest value is not valid base64"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_signed_info (xmlNode                  *signed_info,
                   SignatureParts           *parts,
                   EcertVerificationDetails *details)
{
  gboolean other = FALSE;
  g_autoptr(GPtrArray) children = element_children (signed_info, &other);
  g_autofree char *c14n_uri = NULL;
  g_autofree char *method_uri = NULL;
  guint references = 0;

  for (guint i = 0; i < children->len; i++)
    references += is_dsig (children->pdata[i], "Reference");
  if (references != 1)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signature must have exactly one reference; it has %u"), references);
      return FALSE;
    }

  if (other || children->len != 3 || !is_dsig (children->pdata[0], "CanonicalizationMethod") ||
      !is_dsig (children->pdata[1], "SignatureMethod") ||
      !is_dsig (children->pdata[2], "Reference"))
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signed information is not laid out as the profile requires"));
      return FALSE;
    }

  c14n_uri = algorithm_of (children->pdata[0]);
  parts->signed_info_c14n = ecert_xmldsig_find_c14n (c14n_uri);
  if (parts->signed_info_c14n == NULL || !method_has_only_prefix_list (children->pdata[0]))
    return refuse_algorithm (details, _("canonicalization of the signed information"),
                             c14n_uri);
  parts->signed_info_prefixes = ecert_xmldsig_inclusive_prefixes (children->pdata[0]);

  method_uri = algorithm_of (children->pdata[1]);
  parts->signature_method = ecert_xmldsig_find_signature (method_uri);
  if (parts->signature_method == NULL || xmlFirstElementChild (children->pdata[1]) != NULL)
    return refuse_algorithm (details, _("signature algorithm"), method_uri);

  return check_reference (children->pdata[2], parts, details);
}

/* The signature does not cover its own value and key information, so they
 * hold nothing but what the profile reads there: anything else would travel
 * unsigned inside a valid certificate, and a copy of the certificate hidden
 * there is how a wrapping attack starts. Besides certificates, X509Data may
 * name the signer's certificate (issuer and serial, subject, key
 * identifier); those names are ignored. */
static gboolean
is_text_only (xmlNode *node)
{
  return xmlFirstElementChild (node) == NULL;
}

static gboolean
is_plain_x509_item (xmlNode *item)
{
  gboolean other = FALSE;
  g_autoptr(GPtrArray) parts = NULL;

  if (is_dsig (item, "X509Certificate") || is_dsig (item, "X509SubjectName") ||
      is_dsig (item, "X509SKI"))
    return is_text_only (item);

  if (!is_dsig (item, "X509IssuerSerial"))
    return FALSE;

  parts = element_children (item, &other);
  return !other && parts->len == 2 &&
         is_dsig (parts->pdata[0], "X509IssuerName") && is_text_only (parts->pdata[0]) &&
         is_dsig (parts->pdata[1], "X509SerialNumber") && is_text_only (parts->pdata[1]);
}

static gboolean
check_key_info (xmlNode                  *key_info,
                SignatureParts           *parts,
                EcertVerificationDetails *details)
{
  gboolean other = FALSE;
  g_autoptr(GPtrArray) children = NULL;
  guint carried = 0;

  parts->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  if (key_info == NULL)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signature does not carry the signer’s X.509 certificate, so "
                    "the signer cannot be identified"));
      return FALSE;
    }

  children = element_children (key_info, &other);
  for (guint i = 0; i < children->len && !other; i++)
    {
      xmlNode *data = children->pdata[i];
      g_autoptr(GPtrArray) items = NULL;

      if (!is_dsig (data, "X509Data"))
        {
          set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                      _("The signature’s key information holds “%s”; only X.509 "
                        "certificates are accepted (a bare key or a retrieval method "
                        "identifies nobody)"), (const char *) data->name);
          return FALSE;
        }

      items = element_children (data, &other);
      for (guint j = 0; j < items->len && !other; j++)
        {
          xmlNode *item = items->pdata[j];
          GBytes *der;

          if (!is_plain_x509_item (item))
            {
              if (is_dsig (item, "X509Certificate") || is_dsig (item, "X509SubjectName") ||
                  is_dsig (item, "X509SKI") || is_dsig (item, "X509IssuerSerial"))
                set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                            _("The signature’s “%s” holds more than the profile allows: "
                              "nothing the signature does not cover may travel inside it"),
                            (const char *) item->name);
              else
                set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                            _("The signature’s X.509 data holds “%s”, which the profile "
                              "does not allow: nothing the signature does not cover may "
                              "travel inside it"), (const char *) item->name);
              return FALSE;
            }

          if (!is_dsig (item, "X509Certificate"))
            continue;

          /* Counted, for the reason, but not decoded past the limit. */
          if (++carried > MAX_SIGNATURE_CERTIFICATES)
            continue;

          der = base64_of (item);
          if (der == NULL)
            {
              set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                          _("A certificate in the signature is not valid base64"));
              return FALSE;
            }
          g_ptr_array_add (parts->certificates, der);
        }
    }

  if (other)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signature’s key information holds text the profile does not "
                    "allow: nothing the signature does not cover may travel inside it"));
      return FALSE;
    }

  if (parts->certificates->len == 0)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signature does not carry the signer’s X.509 certificate, so "
                    "the signer cannot be identified"));
      return FALSE;
    }

  if (carried > MAX_SIGNATURE_CERTIFICATES)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  g_dngettext (GETTEXT_PACKAGE,
                               "The signature carries %u certificate; at most %u are accepted "
                               "(the signer’s own and those of its chain)",
                               "The signature carries %u certificates; at most %u are accepted "
                               "(the signer’s own and those of its chain)",
                               carried),
                  carried, MAX_SIGNATURE_CERTIFICATES);
      return FALSE;
    }

  return TRUE;
}

/* Everything the profile says, before any cryptography. */
static gboolean
check_profile (xmlDoc                   *doc,
               SignatureParts           *parts,
               EcertVerificationDetails *details)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *signature = NULL;
  gboolean other = FALSE;
  g_autoptr(GPtrArray) children = NULL;
  guint count = 0;

  count_signatures (root, &count, &signature);
  /* An enveloping signature is the document element itself; it must be
   * remembered as the one found, or a lone one would leave nothing to
   * refuse below. */
  if (is_dsig (root, "Signature"))
    {
      count++;
      signature = root;
    }

  if (count == 0)
    {
      set_reason (details, ECERT_VERDICT_UNSIGNED,
                  _("The certificate carries no XML signature. Many issuers do not sign; "
                    "its authenticity then rests on the hub that delivered it"));
      return FALSE;
    }

  if (count > 1)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The certificate carries %u signatures; the profile allows exactly one, "
                    "so that it is clear what was signed"), count);
      return FALSE;
    }

  if (signature->parent != root)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signature is not a child of the certificate’s document element, "
                    "so it does not sign what is shown"));
      return FALSE;
    }

  parts->signature = signature;
  children = element_children (signature, &other);
  if (other || children->len < 2 || children->len > 3 ||
      !is_dsig (children->pdata[0], "SignedInfo") ||
      !is_dsig (children->pdata[1], "SignatureValue") ||
      (children->len == 3 && !is_dsig (children->pdata[2], "KeyInfo")))
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signature is not laid out as the profile requires (SignedInfo, "
                    "SignatureValue, KeyInfo; no Object or Manifest)"));
      return FALSE;
    }

  parts->signed_info = children->pdata[0];
  if (!check_signed_info (parts->signed_info, parts, details))
    return FALSE;

  if (!is_text_only (children->pdata[1]))
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signature value holds elements; the profile allows only its "
                    "base64 text, as nothing the signature does not cover may travel "
                    "inside it"));
      return FALSE;
    }

  parts->signature_value = base64_of (children->pdata[1]);
  if (parts->signature_value == NULL)
    {
      set_reason (details, ECERT_VERDICT_INVALID,
                  _("The signature value is not valid base64"));
      return FALSE;
    }

  return check_key_info (children->len == 3 ? children->pdata[2] : NULL, parts, details);
}

static gboolean
check_digest (xmlDoc                   *doc,
              SignatureParts           *parts,
              EcertVerificationDetails *details)
{
  g_autoptr(GBytes) canonical = NULL;
  guint8 digest[64];
  gsize length = gnutls_hash_get_len (parts->digest_method->digest);
  gsize canonical_length;
  const guint8 *data;

  canonical = ecert_xmldsig_c14n_without (doc, parts->signature, parts->reference_c14n,
                                          parts->reference_prefixes);
  if (canonical == NULL)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The document could not be canonicalized"));
      return FALSE;
    }

  data = g_bytes_get_data (canonical, &canonical_length);
  gnutls_hash_fast (parts->digest_method->digest, data, canonical_length, digest);

  if (g_bytes_get_size (parts->digest_value) != length ||
      memcmp (g_bytes_get_data (parts->digest_value, NULL), digest, length) != 0)
    {
      set_reason (details, ECERT_VERDICT_INVALID,
                  _("The certificate was changed after it was signed: its content does "
                    "not match the signed digest"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_signature_value (xmlDoc                   *doc,
                       SignatureParts           *parts,
                       gnutls_x509_crt_t         signer,
                       EcertVerificationDetails *details)
{
  g_autoptr(GBytes) canonical = NULL;
  gnutls_pubkey_t key = NULL;
  EcertXmldsigValueCheck check;

  canonical = ecert_xmldsig_c14n_subtree (doc, parts->signed_info, parts->signed_info_c14n,
                                          parts->signed_info_prefixes);
  if (canonical == NULL)
    {
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signed information could not be canonicalized"));
      return FALSE;
    }

  gnutls_pubkey_init (&key);
  if (gnutls_pubkey_import_x509 (key, signer, 0) < 0)
    {
      gnutls_pubkey_deinit (key);
      set_reason (details, ECERT_VERDICT_UNSUPPORTED,
                  _("The signer’s public key cannot be read"));
      return FALSE;
    }

  check = ecert_xmldsig_verify_value (key, parts->signature_method, canonical,
                                      parts->signature_value);
  gnutls_pubkey_deinit (key);

  switch (check)
    {
    case ECERT_XMLDSIG_VALUE_VALID:
      return TRUE;
    case ECERT_XMLDSIG_VALUE_WRONG_KEY:
      set_reason (details, ECERT_VERDICT_INVALID,
                  _("The signature algorithm (%s) does not fit the signer’s key"),
                  parts->signature_method->name);
      return FALSE;
    case ECERT_XMLDSIG_VALUE_MALFORMED:
      set_reason (details, ECERT_VERDICT_INVALID, _("The ECDSA signature value is malformed"));
      return FALSE;
    case ECERT_XMLDSIG_VALUE_MISMATCH:
    default:
      set_reason (details, ECERT_VERDICT_INVALID,
                  _("The signature does not match the signer’s certificate: the signature "
                    "or the signed information was altered"));
      return FALSE;
    }
}

static GDateTime *
date_from_unix (gint64 seconds)
{
  return seconds == -1 ? NULL : g_date_time_new_from_unix_utc (seconds);
}

static void
describe_signer (EcertChainAnalysis       *analysis,
                 EcertVerificationDetails *details)
{
  details->signer_subject = g_strdup (analysis->signer_subject);
  details->signer_issuer = g_strdup (analysis->signer_issuer);
  details->signer_serial = g_strdup (analysis->signer_serial);
  details->signer_not_before = date_from_unix (g_array_index (analysis->not_before, gint64, 0));
  details->signer_not_after = date_from_unix (g_array_index (analysis->not_after, gint64, 0));
  details->chain = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < analysis->subjects->len; i++)
    g_ptr_array_add (details->chain, g_strdup (analysis->subjects->pdata[i]));
}

static gboolean
valid_at (EcertChainAnalysis *analysis,
          guint               index,
          gint64              moment)
{
  gint64 not_before = g_array_index (analysis->not_before, gint64, index);
  gint64 not_after = g_array_index (analysis->not_after, gint64, index);

  return not_before != -1 && not_after != -1 && moment >= not_before && moment <= not_after;
}

static gboolean
check_validity_at (EcertChainAnalysis       *analysis,
                   GDateTime                *when,
                   EcertVerificationDetails *details)
{
  gint64 moment = g_date_time_to_unix (when);

  for (guint i = 0; i < analysis->subjects->len; i++)
    {
      g_autofree char *formatted = NULL;

      if (valid_at (analysis, i, moment))
        continue;

      formatted = g_date_time_format (when, "%Y-%m-%d %H:%M:%S %:z");
      set_reason (details, ECERT_VERDICT_EXPIRED_SIGNER,
                  i == 0 ? _("The signer’s certificate (%s) was not valid when the "
                             "certificate was issued, %s")
                         : _("A certificate of the signer’s chain (%s) was not valid when "
                             "the certificate was issued, %s"),
                  (const char *) analysis->subjects->pdata[i], formatted);
      return FALSE;
    }

  return TRUE;
}

static void
check_trust (const char               *country,
             EcertChainAnalysis       *analysis,
             GDateTime                *now,
             EcertVerificationDetails *details)
{
  /* Countries by name for people, with the code a certificate gives. */
  g_autofree char *named = ecert_country_describe (country);
  g_autofree char *other_named = NULL;

  if (country == NULL)
    {
      set_reason (details, ECERT_VERDICT_NOT_AUTHORISED,
                  _("The signature is intact, but the certificate names no exporting country "
                    "(ExportSPSCountry), so no country’s trust anchor can vouch for it"));
      return;
    }

  if (!analysis->trusted)
    {
      if (analysis->other_country != NULL)
        {
          other_named = ecert_country_describe (analysis->other_country);
          set_reason (details, ECERT_VERDICT_NOT_AUTHORISED,
                      _("The signature is intact and the signer is trusted for %s, but the "
                        "certificate says it was exported from %s: an anchor for one "
                        "country never vouches for another"), other_named, named);
        }
      else
        set_reason (details, ECERT_VERDICT_UNTRUSTED_SIGNER,
                    _("The signature is intact, but no trust anchor for %s vouches for the "
                      "signer%s"), named, analysis->problems);
      return;
    }

  details->anchor_country = g_strdup (country);

  if (!analysis->key_allows_signing)
    {
      set_reason (details, ECERT_VERDICT_UNTRUSTED_SIGNER,
                  _("The signer’s certificate does not allow digital signatures "
                    "(key usage)"));
      return;
    }

  if (!check_validity_at (analysis, details->evaluated_at, details))
    return;

  details->signer_expired_since = !valid_at (analysis, 0, g_date_time_to_unix (now)) &&
                                  g_array_index (analysis->not_after, gint64, 0) <
                                  g_date_time_to_unix (now);
  if (details->signer_expired_since)
    set_reason (details, ECERT_VERDICT_VALID,
                _("The signature is intact and the signer was trusted for %s when the "
                  "certificate was issued; the signer’s certificate has expired since, "
                  "which does not affect this certificate"), named);
  else
    set_reason (details, ECERT_VERDICT_VALID,
                _("The signature is intact and the signer is trusted for %s"), named);
}

/**
 * ecert_verify_document:
 * @doc: the parsed document, the very tree that is shown
 * @exporting_country: (nullable): the exporting country the document names
 *   (ISO 3166-1 alpha-2), whose anchors may vouch for the signer
 * @issued: (nullable): when the document was issued, the moment the chain is
 *   judged at (%NULL: @now, and the reason says so)
 * @trust: the trust anchors, per exporting country
 * @now: (nullable): the present moment, for "expired since" (%NULL: now)
 *
 * The signature check itself, on any parsed document: the profile, the
 * digest, the signature value and the chain. ecert_verify_certificate()
 * calls it with what the model read; the public test vectors, which are not
 * SPS certificates, are checked through it directly.
 *
 * Returns: (transfer full): the verdict and its details
 */
EcertVerification *
ecert_verify_document (xmlDoc          *doc,
                       const char      *exporting_country,
                       GDateTime       *issued,
                       EcertTrustStore *trust,
                       GDateTime       *now)
{
  g_auto(EcertVerificationDetails) details = { 0 };
  g_auto(SignatureParts) parts = { 0 };
  g_autoptr(GDateTime) current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) chain = NULL;
  g_autofree char *country = NULL;
  g_autoptr(EcertChainAnalysis) analysis = NULL;

  g_return_val_if_fail (doc != NULL && xmlDocGetRootElement (doc) != NULL, NULL);
  g_return_val_if_fail (ECERT_IS_TRUST_STORE (trust), NULL);

  /* The chain is judged at the moment of issue; without one, now. */
  details.evaluated_at = g_date_time_ref (issued != NULL ? issued : current);

  if (!check_profile (doc, &parts, &details))
    return _ecert_verification_new (&details);

  details.digest_algorithm = parts.digest_method->name;
  details.signature_algorithm = parts.signature_method->name;
  details.canonicalization = _(parts.reference_c14n->name);

  chain = ecert_x509_import_der_list (parts.certificates);
  if (chain == NULL)
    {
      set_reason (&details, ECERT_VERDICT_UNSUPPORTED,
                  _("A certificate in the signature cannot be read as X.509"));
      return _ecert_verification_new (&details);
    }

  if (exporting_country != NULL)
    country = ecert_country_code_normalize (exporting_country, NULL);
  analysis = ecert_chain_analysis_get (trust, country, parts.certificates, chain);
  describe_signer (analysis, &details);

  /* A chain outside the profile is refused before the signature is
   * checked, like the rest of the profile, and nothing was judged at a
   * moment. */
  if (analysis->refusal != NULL)
    {
      set_reason (&details, ECERT_VERDICT_UNSUPPORTED, "%s", analysis->refusal);
      return _ecert_verification_new (&details);
    }

  if (check_digest (doc, &parts, &details) &&
      check_signature_value (doc, &parts, chain->pdata[0], &details))
    check_trust (country, analysis, current, &details);

  if (details.verdict != ECERT_VERDICT_INVALID && issued == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("%s. The certificate gives no issue date, "
                                                   "so the signer was judged at the present "
                                                   "time"), details.reason);
      g_free (details.reason);
      details.reason = g_steal_pointer (&reason);
    }

  return _ecert_verification_new (&details);
}

/**
 * ecert_verify_certificate:
 * @certificate: a certificate read from its exact bytes
 * @trust: the trust anchors, per exporting country
 * @now: (nullable): the present moment, for "expired since" (%NULL: now)
 *
 * Verifies the certificate's XML signature against the profile and the
 * trust anchors of its exporting country. Blocking: a few milliseconds at
 * most, so run it in a thread for many certificates.
 *
 * Returns: (transfer full): the verdict and its details
 */
EcertVerification *
ecert_verify_certificate (EcertCertificate *certificate,
                          EcertTrustStore  *trust,
                          GDateTime        *now)
{
  const EcertConsignment *consignment;
  const EcertDateTime *issued;
  const char *country = NULL;

  g_return_val_if_fail (ECERT_IS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (ECERT_IS_TRUST_STORE (trust), NULL);

  consignment = ecert_certificate_get_consignment (certificate);
  if (consignment != NULL && consignment->export_country != NULL)
    country = consignment->export_country->id;
  issued = ecert_certificate_get_issued (certificate);

  return ecert_verify_document (ecert_certificate_get_document (certificate), country,
                                issued != NULL ? issued->value : NULL, trust, now);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EcertCertificate *certificate = task_data;
  EcertTrustStore *trust = source_object;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, ecert_verify_certificate (certificate, trust, NULL),
                         g_object_unref);
}

/**
 * ecert_verify_certificate_async:
 *
 * Verifies in a worker thread, off the main loop.
 */
void
ecert_verify_certificate_async (EcertCertificate    *certificate,
                                EcertTrustStore     *trust,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (ECERT_IS_CERTIFICATE (certificate));
  g_return_if_fail (ECERT_IS_TRUST_STORE (trust));

  ecert_task_run_in_thread (trust, ecert_verify_certificate_async, verify_thread,
                            g_object_ref (certificate), g_object_unref,
                            cancellable, callback, user_data);
}

EcertVerification *
ecert_verify_certificate_finish (GAsyncResult  *result,
                                 GError       **error)
{
  /* The task's source object is the trust store, which callers need not
   * keep: check the tag rather than the source. */
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ecert_verify_certificate_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
