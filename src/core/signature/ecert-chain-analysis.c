/* ecert-chain-analysis.c: the signer's certificate path, and what the
 * trust anchors say of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verifier hands over the certificates a signature carries, signer
 * first. They are ordered into a path from the signer up, each certificate
 * followed by its issuer, at most MAX_PATH_LENGTH long; every key on it
 * must be large enough (ecert-key-policy.c); GnuTLS then checks the path
 * against each anchor of the exporting country that issued its last
 * certificate or is that certificate, and when none vouches for it, looks
 * for another country's that would, for the reason. Validity windows are
 * recorded, not judged: the verifier judges them at the moment of issue.
 * The analysis depends on nothing else, so the trust store keeps it per
 * chain and country.
 */

#define G_LOG_DOMAIN "ecert-chain-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>

#include "ecert-chain-analysis-private.h"
#include "ecert-key-policy-private.h"
#include "ecert-x509.h"

/* An NPPO signs with a certificate under an intermediate or two below its
 * root; a longer path can only make checking it slow. */
#define MAX_PATH_LENGTH 8

/* The certificates after the signer's, by their encoded subject name (which
 * GnuTLS compares byte for byte with an issuer name), in document order:
 * each step of the path looks its issuer up instead of searching them all. */
static GHashTable *
index_by_subject (GPtrArray *certificates)
{
  GHashTable *index = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                             (GDestroyNotify) g_bytes_unref,
                                             (GDestroyNotify) g_array_unref);

  for (guint i = 1; i < certificates->len; i++)
    {
      g_autoptr(GBytes) subject = ecert_x509_get_raw_subject (certificates->pdata[i]);
      GArray *candidates;

      if (subject == NULL)
        continue;

      candidates = g_hash_table_lookup (index, subject);
      if (candidates == NULL)
        {
          candidates = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (index, g_bytes_ref (subject), candidates);
        }
      g_array_append_val (candidates, i);
    }

  return index;
}

/* The first certificate not yet on the path that issued @current (its
 * name, and its key identifier where both have one), or -1. */
static gint
find_issuer (gnutls_x509_crt_t  current,
             GPtrArray         *certificates,
             GHashTable        *by_subject,
             const gboolean    *on_path)
{
  g_autoptr(GBytes) issuer = ecert_x509_get_raw_issuer (current);
  GArray *candidates = issuer != NULL ? g_hash_table_lookup (by_subject, issuer) : NULL;

  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      guint index = g_array_index (candidates, guint, i);

      if (!on_path[index] && gnutls_x509_crt_check_issuer (current, certificates->pdata[index]))
        return (gint) index;
    }

  return -1;
}

/* Orders the signer and the intermediates from the signature into a path,
 * signer first, each followed by its issuer; unrelated certificates are
 * left out. Each step looks at the certificates of one name only, and there
 * are at most MAX_PATH_LENGTH steps: a path that would be longer is not
 * followed further, and @too_long says so. */
static GPtrArray *
build_path (GPtrArray *certificates,
            gboolean  *too_long)
{
  g_autoptr(GHashTable) by_subject = index_by_subject (certificates);
  g_autofree gboolean *on_path = g_new0 (gboolean, certificates->len);
  GPtrArray *path = g_ptr_array_new ();
  gnutls_x509_crt_t current = certificates->pdata[0];

  *too_long = FALSE;
  g_ptr_array_add (path, current);
  while (!gnutls_x509_crt_check_issuer (current, current))
    {
      gint issuer = find_issuer (current, certificates, by_subject, on_path);

      if (issuer < 0)
        break;
      if (path->len == MAX_PATH_LENGTH)
        {
          *too_long = TRUE;
          break;
        }

      on_path[issuer] = TRUE;
      current = certificates->pdata[issuer];
      g_ptr_array_add (path, current);
    }

  return path;
}

/* Does an anchor of @country vouch for @path? Returns the anchor, imported. */
static gnutls_x509_crt_t
find_anchor (EcertTrustStore *trust,
             const char      *country,
             GPtrArray       *path,
             unsigned int    *status)
{
  GPtrArray *anchors = ecert_trust_store_get_anchors (trust, country);
  gnutls_x509_crt_t last = path->pdata[path->len - 1];

  for (guint i = 0; anchors != NULL && i < anchors->len; i++)
    {
      EcertTrustAnchor *anchor = anchors->pdata[i];
      gsize length;
      const guint8 *der = g_bytes_get_data (anchor->der, &length);
      gnutls_x509_crt_t candidate = ecert_x509_import_der (der, length, NULL);
      gnutls_x509_trust_list_t list = NULL;
      gnutls_datum_t datum = { (unsigned char *) der, (unsigned int) length };
      unsigned int verify_status = 0;
      int result;

      if (candidate == NULL)
        continue;

      if (!gnutls_x509_crt_check_issuer (last, candidate) &&
          !gnutls_x509_crt_equals (last, candidate))
        {
          gnutls_x509_crt_deinit (candidate);
          continue;
        }

      gnutls_x509_trust_list_init (&list, 0);
      gnutls_x509_trust_list_add_trust_mem (list, &datum, NULL, GNUTLS_X509_FMT_DER, 0, 0);
      /* Time is judged by us, at the moment of issue; GnuTLS only knows now. */
      result = gnutls_x509_trust_list_verify_crt2 (list, (gnutls_x509_crt_t *) path->pdata,
                                                   path->len, NULL, 0,
                                                   GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
                                                   GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS,
                                                   &verify_status, NULL);
      gnutls_x509_trust_list_deinit (list, 1);

      if (result >= 0 && verify_status == 0)
        return candidate;

      *status |= verify_status;
      gnutls_x509_crt_deinit (candidate);
    }

  return NULL;
}

static char *
find_other_country (EcertTrustStore *trust,
                    const char      *country,
                    GPtrArray       *path)
{
  g_auto(GStrv) countries = ecert_trust_store_get_countries (trust);

  for (guint i = 0; countries[i] != NULL; i++)
    {
      unsigned int status = 0;
      gnutls_x509_crt_t anchor;

      if (g_strcmp0 (countries[i], country) == 0)
        continue;

      anchor = find_anchor (trust, countries[i], path, &status);
      if (anchor != NULL)
        {
          gnutls_x509_crt_deinit (anchor);
          return g_strdup (countries[i]);
        }
    }

  return NULL;
}

static char *
status_text (unsigned int status)
{
  gnutls_datum_t text = { NULL, 0 };
  char *result;

  if (status == 0 ||
      gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &text, 0) < 0)
    return g_strdup ("");

  result = g_strdup_printf (" (%s)", (const char *) text.data);
  gnutls_free (text.data);
  return result;
}

static gboolean
key_allows_signing (gnutls_x509_crt_t signer)
{
  unsigned int usage = 0;

  /* No key usage extension means no restriction. */
  if (gnutls_x509_crt_get_key_usage (signer, &usage, NULL) < 0)
    return TRUE;

  return (usage & (GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_NON_REPUDIATION)) != 0;
}

static char *
refuse_weak_path (GPtrArray *path)
{
  for (guint i = 0; i < path->len; i++)
    {
      char *refusal = ecert_key_policy_refuse_certificate (path->pdata[i],
                                                           i == 0 ? ECERT_KEY_OF_SIGNER
                                                                  : ECERT_KEY_OF_CHAIN);

      if (refusal != NULL)
        return refusal;
    }

  return NULL;
}

static void
chain_analysis_clear (gpointer data)
{
  EcertChainAnalysis *analysis = data;

  g_free (analysis->refusal);
  g_free (analysis->other_country);
  g_free (analysis->problems);
  g_free (analysis->signer_subject);
  g_free (analysis->signer_issuer);
  g_free (analysis->signer_serial);
  g_clear_pointer (&analysis->subjects, g_ptr_array_unref);
  g_clear_pointer (&analysis->not_before, g_array_unref);
  g_clear_pointer (&analysis->not_after, g_array_unref);
}

/**
 * ecert_chain_analysis_release:
 *
 * Drops a reference ecert_chain_analysis_get() gave.
 */
void
ecert_chain_analysis_release (EcertChainAnalysis *analysis)
{
  g_atomic_rc_box_release_full (analysis, chain_analysis_clear);
}

static void
add_to_analysis (EcertChainAnalysis *analysis,
                 gnutls_x509_crt_t   certificate)
{
  gint64 not_before = gnutls_x509_crt_get_activation_time (certificate);
  gint64 not_after = gnutls_x509_crt_get_expiration_time (certificate);

  g_ptr_array_add (analysis->subjects, ecert_x509_get_subject (certificate));
  g_array_append_val (analysis->not_before, not_before);
  g_array_append_val (analysis->not_after, not_after);
}

static EcertChainAnalysis *
analyse_chain (EcertTrustStore *trust,
               const char      *country,
               GPtrArray       *chain)
{
  EcertChainAnalysis *analysis = g_atomic_rc_box_new0 (EcertChainAnalysis);
  gboolean too_long = FALSE;
  g_autoptr(GPtrArray) path = build_path (chain, &too_long);
  gnutls_x509_crt_t signer = chain->pdata[0];
  gnutls_x509_crt_t anchor = NULL;
  unsigned int status = 0;

  analysis->subjects = g_ptr_array_new_with_free_func (g_free);
  analysis->not_before = g_array_new (FALSE, FALSE, sizeof (gint64));
  analysis->not_after = g_array_new (FALSE, FALSE, sizeof (gint64));
  analysis->signer_subject = ecert_x509_get_subject (signer);
  analysis->signer_issuer = ecert_x509_get_issuer (signer);
  analysis->signer_serial = ecert_x509_get_serial (signer);
  analysis->key_allows_signing = key_allows_signing (signer);

  for (guint i = 0; i < path->len; i++)
    add_to_analysis (analysis, path->pdata[i]);

  if (too_long)
    {
      analysis->refusal = g_strdup_printf (_("The signer’s chain has more than %u certificates; "
                                             "longer chains are not accepted"),
                                           MAX_PATH_LENGTH);
      return analysis;
    }

  analysis->refusal = refuse_weak_path (path);
  if (analysis->refusal != NULL)
    return analysis;

  if (country != NULL)
    anchor = find_anchor (trust, country, path, &status);

  if (anchor != NULL)
    {
      analysis->refusal = ecert_key_policy_refuse_certificate (anchor, ECERT_KEY_OF_ANCHOR);
      analysis->trusted = analysis->refusal == NULL;
      if (!gnutls_x509_crt_equals (path->pdata[path->len - 1], anchor))
        add_to_analysis (analysis, anchor);
      gnutls_x509_crt_deinit (anchor);
    }
  else
    {
      analysis->other_country = find_other_country (trust, country, path);
      analysis->problems = status_text (status);
    }

  return analysis;
}

static char *
chain_key (const char *country,
           GPtrArray  *ders)
{
  GChecksum *checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char *key;

  for (guint i = 0; i < ders->len; i++)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (ders->pdata[i], &length);
      guint32 size = GUINT32_TO_BE ((guint32) length);

      g_checksum_update (checksum, (const guchar *) &size, sizeof size);
      g_checksum_update (checksum, data, length);
    }

  key = g_strdup_printf ("%s:%s", country != NULL ? country : "", g_checksum_get_string (checksum));
  g_checksum_free (checksum);
  return key;
}

/**
 * ecert_chain_analysis_get:
 * @country: (nullable): the exporting country whose anchors may vouch
 * @ders: (element-type GBytes): the certificates of the signature, signer
 *   first, as carried
 * @chain: (element-type gnutls_x509_crt_t): the same, imported
 *
 * What the trust anchors of @country say of the chain, from the trust
 * store's cache when it was analysed before.
 *
 * Returns: (transfer full): the analysis; release it with
 *   ecert_chain_analysis_release()
 */
EcertChainAnalysis *
ecert_chain_analysis_get (EcertTrustStore *trust,
                          const char      *country,
                          GPtrArray       *ders,
                          GPtrArray       *chain)
{
  g_autofree char *key = chain_key (country, ders);
  EcertChainAnalysis *analysis = ecert_trust_store_cache_lookup (trust, key);

  if (analysis != NULL)
    return analysis;

  analysis = analyse_chain (trust, country, chain);
  ecert_trust_store_cache_insert (trust, key, g_atomic_rc_box_acquire (analysis),
                                  (GDestroyNotify) ecert_chain_analysis_release);
  return analysis;
}
