/* ecert-key-policy.c: the smallest keys a signature may rest on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Smaller keys can be broken, and whoever breaks any key of a signer's
 * chain can sign in the NPPO's name. The verifier refuses a chain with an
 * RSA key under 2048 bits or a curve under P-256 anywhere in it, the
 * anchor included; the signer refuses to sign with such a key, so that
 * what we sign is what we accept. Both judge by ecert_key_policy_accepts()
 * and give the same words.
 */

#define G_LOG_DOMAIN "ecert-key-policy"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-key-policy-private.h"
#include "ecert-x509.h"

#define MIN_RSA_BITS 2048
#define MIN_ECDSA_BITS 256

/**
 * ecert_key_policy_accepts:
 * @bits: the key's size as GnuTLS gives it (for ECDSA, the curve's)
 *
 * Other kinds of key than RSA and ECDSA are left to the signature
 * algorithms the profile accepts and to GnuTLS.
 *
 * Returns: whether a key of this kind and size may sign, or vouch for a
 *   signer
 */
gboolean
ecert_key_policy_accepts (gnutls_pk_algorithm_t algorithm,
                          unsigned int          bits)
{
  if (algorithm == GNUTLS_PK_RSA || algorithm == GNUTLS_PK_RSA_PSS)
    return bits >= MIN_RSA_BITS;
  if (algorithm == GNUTLS_PK_ECDSA)
    return bits >= MIN_ECDSA_BITS;
  return TRUE;
}

static char *
refuse_rsa_key (EcertKeyHolder  holder,
                const char     *subject,
                guint           bits)
{
  switch (holder)
    {
    case ECERT_KEY_OF_SIGNER:
      return g_strdup_printf (_("The signer’s key is RSA %u bits; at least %u are required, "
                                "as smaller keys can be broken"), bits, MIN_RSA_BITS);
    case ECERT_KEY_OF_CHAIN:
      return g_strdup_printf (_("A certificate of the signer’s chain (%s) has an RSA key of %u "
                                "bits; at least %u are required, as smaller keys can be "
                                "broken"), subject, bits, MIN_RSA_BITS);
    case ECERT_KEY_OF_ANCHOR:
    default:
      return g_strdup_printf (_("The trust anchor that vouches for the signer (%s) has an RSA "
                                "key of %u bits; at least %u are required, as smaller keys can "
                                "be broken"), subject, bits, MIN_RSA_BITS);
    }
}

static char *
refuse_ecdsa_key (EcertKeyHolder  holder,
                  const char     *subject,
                  const char     *curve,
                  guint           bits)
{
  switch (holder)
    {
    case ECERT_KEY_OF_SIGNER:
      return g_strdup_printf (_("The signer’s key is on the elliptic curve %s (%u bits); at "
                                "least P-256 is required, as smaller curves can be broken"),
                              curve, bits);
    case ECERT_KEY_OF_CHAIN:
      return g_strdup_printf (_("A certificate of the signer’s chain (%s) has a key on the "
                                "elliptic curve %s (%u bits); at least P-256 is required, as "
                                "smaller curves can be broken"), subject, curve, bits);
    case ECERT_KEY_OF_ANCHOR:
    default:
      return g_strdup_printf (_("The trust anchor that vouches for the signer (%s) has a key on "
                                "the elliptic curve %s (%u bits); at least P-256 is required, as "
                                "smaller curves can be broken"), subject, curve, bits);
    }
}

/* The words for a key ecert_key_policy_accepts() refused; @subject names
 * the certificate of a key of the chain or of the anchor. */
static char *
refuse_key (EcertKeyHolder         holder,
            const char            *subject,
            gnutls_pk_algorithm_t  algorithm,
            unsigned int           bits,
            gnutls_ecc_curve_t     curve)
{
  const char *curve_name;

  if (algorithm != GNUTLS_PK_ECDSA)
    return refuse_rsa_key (holder, subject, bits);

  curve_name = curve != GNUTLS_ECC_CURVE_INVALID ? gnutls_ecc_curve_get_name (curve) : NULL;
  return refuse_ecdsa_key (holder, subject, curve_name != NULL ? curve_name : "?", bits);
}

/**
 * ecert_key_policy_refuse_certificate:
 * @certificate: the signer's certificate, one of its chain, or an anchor
 * @holder: which of them it is
 *
 * Returns: (transfer full) (nullable): why @certificate's key is too small
 *   to rely on, or %NULL when it is not
 */
char *
ecert_key_policy_refuse_certificate (gnutls_x509_crt_t certificate,
                                     EcertKeyHolder    holder)
{
  unsigned int bits = 0;
  int algorithm = gnutls_x509_crt_get_pk_algorithm (certificate, &bits);
  gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;
  g_autofree char *subject = NULL;

  if (algorithm < 0 || ecert_key_policy_accepts (algorithm, bits))
    return NULL;

  if (algorithm == GNUTLS_PK_ECDSA)
    {
      gnutls_datum_t x = { NULL, 0 };
      gnutls_datum_t y = { NULL, 0 };

      if (gnutls_x509_crt_get_pk_ecc_raw (certificate, &curve, &x, &y) >= 0)
        {
          gnutls_free (x.data);
          gnutls_free (y.data);
        }
      else
        curve = GNUTLS_ECC_CURVE_INVALID;
    }

  subject = ecert_x509_get_subject (certificate);
  return refuse_key (holder, subject, algorithm, bits, curve);
}

/**
 * ecert_key_policy_refuse_private_key:
 * @key: the key a signer would sign with
 *
 * Returns: (transfer full) (nullable): why the verifier would refuse what
 *   @key signs, or %NULL when it would not on account of the key's size
 */
char *
ecert_key_policy_refuse_private_key (gnutls_privkey_t key)
{
  unsigned int bits = 0;
  int algorithm = gnutls_privkey_get_pk_algorithm (key, &bits);
  gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;

  if (algorithm < 0 || ecert_key_policy_accepts (algorithm, bits))
    return NULL;

  if (algorithm == GNUTLS_PK_ECDSA &&
      gnutls_privkey_export_ecc_raw (key, &curve, NULL, NULL, NULL) < 0)
    curve = GNUTLS_ECC_CURVE_INVALID;

  return refuse_key (ECERT_KEY_OF_SIGNER, NULL, algorithm, bits, curve);
}
