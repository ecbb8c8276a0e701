/* ecert-tls-database.c: the authorities a service trusts, from PEM
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GIO's own databases come from files, which its TLS connections read
 * again at each handshake; a service that keeps its authority in memory
 * (or in its database) verifies client certificates here instead, with a
 * GnuTLS trust list of its authorities only. GLib's TLS calls
 * verify_chain() with the chain a peer sent, for each handshake.
 */

#define G_LOG_DOMAIN "ecert-tls-database"

#include "config.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#include "ecert-core.h"
#include "ecert-tls-database.h"

struct _EcertTlsDatabase
{
  GTlsDatabase              parent_instance;

  /* Read by handshakes in GLib's TLS threads. */
  GMutex                    lock;
  gnutls_x509_trust_list_t  trust_list;
};

G_DEFINE_FINAL_TYPE (EcertTlsDatabase, ecert_tls_database, G_TYPE_TLS_DATABASE)

static void
crt_free (gpointer certificate)
{
  gnutls_x509_crt_deinit (certificate);
}

/* The peer's certificate and the issuers it sent, as GnuTLS reads them. */
static GPtrArray *
import_chain (GTlsCertificate *chain)
{
  GPtrArray *certificates = g_ptr_array_new_with_free_func (crt_free);

  for (GTlsCertificate *link = chain; link != NULL; link = g_tls_certificate_get_issuer (link))
    {
      g_autoptr(GByteArray) der = NULL;
      gnutls_x509_crt_t certificate;

      g_object_get (link, "certificate", &der, NULL);
      if (der == NULL || (certificate = ecert_x509_import_der (der->data, der->len, NULL)) == NULL)
        break;
      g_ptr_array_add (certificates, certificate);
    }

  return certificates;
}

/* As GLib's own GnuTLS backend converts them: INVALID comes with every
 * other flag, so it counts only alone. */
static GTlsCertificateFlags
convert_status (unsigned int status)
{
  static const struct
  {
    unsigned int         gnutls;
    GTlsCertificateFlags glib;
  } flags[] = {
    { GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA, G_TLS_CERTIFICATE_UNKNOWN_CA },
    { GNUTLS_CERT_NOT_ACTIVATED, G_TLS_CERTIFICATE_NOT_ACTIVATED },
    { GNUTLS_CERT_EXPIRED, G_TLS_CERTIFICATE_EXPIRED },
    { GNUTLS_CERT_REVOKED, G_TLS_CERTIFICATE_REVOKED },
    { GNUTLS_CERT_INSECURE_ALGORITHM, G_TLS_CERTIFICATE_INSECURE },
  };
  GTlsCertificateFlags result = 0;

  status &= ~GNUTLS_CERT_INVALID;
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (status & flags[i].gnutls)
      {
        result |= flags[i].glib;
        status &= ~flags[i].gnutls;
      }

  if (status != 0 || result == 0)
    result |= G_TLS_CERTIFICATE_GENERIC_ERROR;
  return result;
}

static GTlsCertificateFlags
ecert_tls_database_verify_chain (GTlsDatabase             *database,
                                 GTlsCertificate          *chain,
                                 const char               *purpose,
                                 GSocketConnectable       *identity,
                                 GTlsInteraction          *interaction,
                                 GTlsDatabaseVerifyFlags   flags,
                                 GCancellable             *cancellable,
                                 GError                  **error)
{
  EcertTlsDatabase *self = ECERT_TLS_DATABASE (database);
  g_autoptr(GPtrArray) certificates = import_chain (chain);
  gnutls_typed_vdata_st data = { GNUTLS_DT_KEY_PURPOSE_OID, (unsigned char *) purpose, 0 };
  unsigned int status = 0;
  int result;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return G_TLS_CERTIFICATE_GENERIC_ERROR;

  if (certificates->len == 0)
    return G_TLS_CERTIFICATE_GENERIC_ERROR;

  g_mutex_lock (&self->lock);
  result = gnutls_x509_trust_list_verify_crt2 (self->trust_list,
                                               (gnutls_x509_crt_t *) certificates->pdata,
                                               certificates->len, &data, purpose != NULL ? 1 : 0,
                                               0, &status, NULL);
  g_mutex_unlock (&self->lock);

  if (result < 0)
    return G_TLS_CERTIFICATE_GENERIC_ERROR;
  if (status == 0)
    return 0;
  return convert_status (status);
}

static void
ecert_tls_database_finalize (GObject *object)
{
  EcertTlsDatabase *self = ECERT_TLS_DATABASE (object);

  if (self->trust_list != NULL)
    gnutls_x509_trust_list_deinit (self->trust_list, 1);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ecert_tls_database_parent_class)->finalize (object);
}

static void
ecert_tls_database_class_init (EcertTlsDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ecert_tls_database_finalize;
  G_TLS_DATABASE_CLASS (klass)->verify_chain = ecert_tls_database_verify_chain;
}

static void
ecert_tls_database_init (EcertTlsDatabase *self)
{
  g_mutex_init (&self->lock);
}

/**
 * ecert_tls_database_new_from_pem:
 * @pem: the certificates of the authorities to trust
 *
 * A database of the given authorities only, such as a #SoupServer checks
 * client certificates against.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
GTlsDatabase *
ecert_tls_database_new_from_pem (const char  *pem,
                                 GError     **error)
{
  g_autoptr(EcertTlsDatabase) self = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) certificates = NULL;

  g_return_val_if_fail (pem != NULL, NULL);

  bytes = g_bytes_new (pem, strlen (pem));
  certificates = ecert_x509_import_pem (bytes, error);
  if (certificates == NULL)
    return NULL;

  self = g_object_new (ECERT_TYPE_TLS_DATABASE, NULL);
  gnutls_x509_trust_list_init (&self->trust_list, 0);

  /* The list takes the certificates over. */
  if (gnutls_x509_trust_list_add_cas (self->trust_list,
                                      (gnutls_x509_crt_t *) certificates->pdata,
                                      certificates->len, 0) < (int) certificates->len)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_TRUST_STORE,
                           "The certificate authorities cannot be trusted");
      return NULL;
    }
  g_ptr_array_set_free_func (certificates, NULL);

  return G_TLS_DATABASE (g_steal_pointer (&self));
}
