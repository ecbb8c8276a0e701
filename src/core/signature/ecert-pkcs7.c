/* ecert-pkcs7.c: CMS (PKCS #7) signatures, as S/MIME carries them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A partner's mail system may sign the messages that carry certificates.
 * The signature is checked here with GnuTLS against the desk's own trust
 * anchors, so no other tool is needed; what it says is only ever a hint
 * about the message, never about a certificate inside it.
 */

#define G_LOG_DOMAIN "ecert-pkcs7"

#include "config.h"

#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#include "ecert-pkcs7.h"
#include "ecert-x509.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pkcs7_t, gnutls_pkcs7_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)

static void
trust_list_free (gnutls_x509_trust_list_t list)
{
  gnutls_x509_trust_list_deinit (list, 1);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_trust_list_t, trust_list_free, NULL)

/* Every anchor of every country: a mail signer may be any partner's. */
static gnutls_x509_trust_list_t
trust_list_for (EcertTrustStore *trust)
{
  g_autoptr(GPtrArray) anchors = ecert_trust_store_list (trust);
  gnutls_x509_trust_list_t list = NULL;

  gnutls_x509_trust_list_init (&list, 0);
  for (guint i = 0; i < anchors->len; i++)
    {
      EcertTrustAnchor *anchor = g_ptr_array_index (anchors, i);
      gnutls_datum_t der = { (unsigned char *) g_bytes_get_data (anchor->der, NULL),
                             g_bytes_get_size (anchor->der) };

      gnutls_x509_trust_list_add_trust_mem (list, &der, NULL, GNUTLS_X509_FMT_DER, 0, 0);
    }
  return list;
}

static gboolean
datum_equal (const gnutls_datum_t *first,
             const gnutls_datum_t *second)
{
  return first->size == second->size && memcmp (first->data, second->data, first->size) == 0;
}

/* The certificate in the SignedData that the first signer names by issuer
 * and serial number, if it is there. */
static gnutls_x509_crt_t
find_signer (gnutls_pkcs7_t pkcs7)
{
  gnutls_pkcs7_signature_info_st info;
  gnutls_x509_crt_t found = NULL;
  int count = gnutls_pkcs7_get_crt_count (pkcs7);

  if (gnutls_pkcs7_get_signature_info (pkcs7, 0, &info) < 0)
    return NULL;

  for (int i = 0; found == NULL && i < count; i++)
    {
      gnutls_datum_t raw = { NULL, 0 };
      g_auto(gnutls_x509_crt_t) certificate = NULL;
      gnutls_datum_t issuer = { NULL, 0 };
      guint8 serial[64];
      size_t serial_size = sizeof serial;

      if (gnutls_pkcs7_get_crt_raw2 (pkcs7, i, &raw) < 0)
        continue;
      certificate = ecert_x509_import_der (raw.data, raw.size, NULL);
      gnutls_free (raw.data);
      if (certificate == NULL ||
          gnutls_x509_crt_get_raw_issuer_dn (certificate, &issuer) < 0)
        continue;

      if (datum_equal (&issuer, &info.issuer_dn) &&
          gnutls_x509_crt_get_serial (certificate, serial, &serial_size) >= 0 &&
          serial_size == info.signer_serial.size &&
          memcmp (serial, info.signer_serial.data, serial_size) == 0)
        found = g_steal_pointer (&certificate);
      gnutls_free (issuer.data);
    }

  gnutls_pkcs7_signature_info_deinit (&info);
  return found;
}

static GBytes *
embedded_content_of (gnutls_pkcs7_t pkcs7)
{
  gnutls_datum_t data = { NULL, 0 };

  if (gnutls_pkcs7_get_embedded_data (pkcs7, 0, &data) < 0)
    return NULL;
  return g_bytes_new_with_free_func (data.data, data.size, gnutls_free, data.data);
}

/**
 * ecert_pkcs7_verify:
 * @signed_data: a CMS SignedData in DER
 * @detached_content: (nullable): what a detached signature signs; %NULL
 *   for an opaque one, which carries its content
 * @trust: the anchors that may vouch for the signer
 * @signer: (out) (optional) (nullable): the signer's certificate subject,
 *   when the SignedData names one it carries
 * @embedded_content: (out) (optional) (nullable): the content an opaque
 *   signature carries, whatever the verdict
 *
 * Returns: whether the signature holds and whom it is by
 */
EcertPkcs7Verdict
ecert_pkcs7_verify (GBytes           *signed_data,
                    GBytes           *detached_content,
                    EcertTrustStore  *trust,
                    char            **signer,
                    GBytes          **embedded_content)
{
  g_auto(gnutls_pkcs7_t) pkcs7 = NULL;
  g_auto(gnutls_x509_trust_list_t) anchors = NULL;
  g_auto(gnutls_x509_crt_t) signer_certificate = NULL;
  gnutls_datum_t der = { (unsigned char *) g_bytes_get_data (signed_data, NULL),
                         g_bytes_get_size (signed_data) };
  gnutls_datum_t content = { NULL, 0 };
  const gnutls_datum_t *signed_content = NULL;

  if (signer != NULL)
    *signer = NULL;
  if (embedded_content != NULL)
    *embedded_content = NULL;

  gnutls_pkcs7_init (&pkcs7);
  if (gnutls_pkcs7_import (pkcs7, &der, GNUTLS_X509_FMT_DER) < 0 ||
      gnutls_pkcs7_get_signature_count (pkcs7) <= 0)
    return ECERT_PKCS7_FAILED;

  if (detached_content != NULL)
    {
      content.data = (unsigned char *) g_bytes_get_data (detached_content, NULL);
      content.size = g_bytes_get_size (detached_content);
      signed_content = &content;
    }
  else if (embedded_content != NULL)
    *embedded_content = embedded_content_of (pkcs7);

  signer_certificate = find_signer (pkcs7);
  if (signer != NULL && signer_certificate != NULL)
    *signer = ecert_x509_get_subject (signer_certificate);

  anchors = trust_list_for (trust);
  if (gnutls_pkcs7_verify (pkcs7, anchors, NULL, 0, 0, signed_content, 0) >= 0)
    return ECERT_PKCS7_VALID;

  /* The path to an anchor failed; the signature may still hold, by a
   * signer this desk has no anchor for. */
  if (signer_certificate != NULL &&
      gnutls_pkcs7_verify_direct (pkcs7, signer_certificate, 0, signed_content, 0) >= 0)
    return ECERT_PKCS7_SIGNER_UNKNOWN;

  return ECERT_PKCS7_FAILED;
}
