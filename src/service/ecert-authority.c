/* ecert-authority.c: a certificate authority for a service and its clients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A service that requires client certificates (the training hub, an
 * office) runs its own CA: it issues the service's TLS server certificate
 * and one client certificate per desk, handed over as PKCS#12 with a
 * passphrase. Everything is made with GnuTLS and kept as PEM text, so that
 * a service may keep its CA in files or in its database alike.
 *
 * Errors are English: they are read in a service's log, like its faults.
 */

#define G_LOG_DOMAIN "ecert-authority"

#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs12.h>
#include <gnutls/x509.h>
#include <string.h>

#include "ecert-authority.h"
#include "ecert-core.h"

#define DAY (24 * 60 * 60)

/* A certificate with its private key. */
typedef struct
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t     certificate;
} Pair;

struct _EcertAuthority
{
  GObject  parent_instance;

  Pair     pair;
  char    *certificate_pem;
  char    *key_pem;
};

G_DEFINE_FINAL_TYPE (EcertAuthority, ecert_authority, G_TYPE_OBJECT)

static void
pair_clear (Pair *pair)
{
  g_clear_pointer (&pair->certificate, gnutls_x509_crt_deinit);
  g_clear_pointer (&pair->key, gnutls_x509_privkey_deinit);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pair, pair_clear)

static void
ecert_authority_finalize (GObject *object)
{
  EcertAuthority *self = ECERT_AUTHORITY (object);

  pair_clear (&self->pair);
  g_clear_pointer (&self->certificate_pem, g_free);
  if (self->key_pem != NULL)
    memset (self->key_pem, 0, strlen (self->key_pem));
  g_clear_pointer (&self->key_pem, g_free);

  G_OBJECT_CLASS (ecert_authority_parent_class)->finalize (object);
}

static void
ecert_authority_class_init (EcertAuthorityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ecert_authority_finalize;
}

static void
ecert_authority_init (EcertAuthority *self)
{
}

static gboolean
check (int          status,
       const char  *what,
       GError     **error)
{
  if (status >= 0)
    return TRUE;

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_FAILED, "%s: %s", what, gnutls_strerror (status));
  return FALSE;
}

/**
 * ecert_certificate_spec_init:
 * @validity_days: how long from now the certificate is valid
 *
 * An ECDSA key, valid from a day ago (clocks differ) for @validity_days.
 */
void
ecert_certificate_spec_init (EcertCertificateSpec *spec,
                             const char           *common_name,
                             const char           *organization,
                             const char           *country,
                             guint                 validity_days)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  spec->common_name = common_name;
  spec->organization = organization;
  spec->country = country;
  spec->key_type = ECERT_KEY_TYPE_ECDSA_P256;
  spec->not_before = now - DAY;
  spec->not_after = now + (gint64) validity_days * DAY;
}

/* RFC 4514: NPPO and office names hold commas. */
static void
append_dn_value (GString    *dn,
                 const char *attribute,
                 const char *value)
{
  if (value == NULL)
    return;

  if (dn->len > 0)
    g_string_append_c (dn, ',');
  g_string_append_printf (dn, "%s=", attribute);
  for (const char *c = value; *c != '\0'; c++)
    {
      if (strchr (",+\"\\<>;=", *c) != NULL)
        g_string_append_c (dn, '\\');
      g_string_append_c (dn, *c);
    }
}

static char *
make_dn (const EcertCertificateSpec *spec)
{
  GString *dn = g_string_new (NULL);

  append_dn_value (dn, "CN", spec->common_name);
  append_dn_value (dn, "O", spec->organization);
  append_dn_value (dn, "C", spec->country);
  return g_string_free (dn, FALSE);
}

static gboolean
set_key_identifiers (Pair        *issued,
                     const Pair  *issuer,
                     GError     **error)
{
  guint8 id[64];
  size_t size = sizeof id;
  unsigned int critical = 0;

  if (!check (gnutls_x509_crt_get_key_id (issued->certificate, 0, id, &size), "key id", error) ||
      !check (gnutls_x509_crt_set_subject_key_id (issued->certificate, id, size), "key id", error))
    return FALSE;

  if (issuer == NULL)
    return check (gnutls_x509_crt_set_authority_key_id (issued->certificate, id, size),
                  "authority key id", error);

  size = sizeof id;
  return check (gnutls_x509_crt_get_subject_key_id (issuer->certificate, id, &size, &critical),
                "authority key id", error) &&
         check (gnutls_x509_crt_set_authority_key_id (issued->certificate, id, size),
                "authority key id", error);
}

/* Each host is a DNS name or an IP address, told apart by its form. */
static gboolean
set_server_names (gnutls_x509_crt_t    certificate,
                  const char * const  *hosts,
                  GError             **error)
{
  for (gsize i = 0; hosts != NULL && hosts[i] != NULL; i++)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (hosts[i]);
      int status;

      if (address != NULL)
        status = gnutls_x509_crt_set_subject_alt_name (certificate, GNUTLS_SAN_IPADDRESS,
                                                       g_inet_address_to_bytes (address),
                                                       (unsigned int) g_inet_address_get_native_size (address),
                                                       GNUTLS_FSAN_APPEND);
      else
        status = gnutls_x509_crt_set_subject_alt_name (certificate, GNUTLS_SAN_DNSNAME, hosts[i],
                                                       (unsigned int) strlen (hosts[i]),
                                                       GNUTLS_FSAN_APPEND);
      if (!check (status, "subject alternative name", error))
        return FALSE;
    }

  return TRUE;
}

/* @role is ignored for an authority (@is_authority). */
static gboolean
set_role (gnutls_x509_crt_t     certificate,
          gboolean              is_authority,
          EcertCertificateRole  role,
          gboolean              rsa,
          const char * const   *hosts,
          GError              **error)
{
  unsigned int usage;

  if (!check (gnutls_x509_crt_set_basic_constraints (certificate, is_authority, -1),
              "basic constraints", error))
    return FALSE;

  if (is_authority)
    return check (gnutls_x509_crt_set_key_usage (certificate,
                                                 GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN),
                  "key usage", error);

  switch (role)
    {
    case ECERT_CERTIFICATE_ROLE_SERVER:
      usage = GNUTLS_KEY_DIGITAL_SIGNATURE | (rsa ? GNUTLS_KEY_KEY_ENCIPHERMENT : 0);
      if (!check (gnutls_x509_crt_set_key_purpose_oid (certificate, GNUTLS_KP_TLS_WWW_SERVER, 0),
                  "key purpose", error) ||
          !set_server_names (certificate, hosts, error))
        return FALSE;
      break;
    case ECERT_CERTIFICATE_ROLE_CLIENT:
      usage = GNUTLS_KEY_DIGITAL_SIGNATURE;
      if (!check (gnutls_x509_crt_set_key_purpose_oid (certificate, GNUTLS_KP_TLS_WWW_CLIENT, 0),
                  "key purpose", error))
        return FALSE;
      break;
    case ECERT_CERTIFICATE_ROLE_SIGNER:
    default:
      usage = GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_NON_REPUDIATION;
      break;
    }

  return check (gnutls_x509_crt_set_key_usage (certificate, usage), "key usage", error);
}

static gboolean
set_serial (gnutls_x509_crt_t   certificate,
            GError            **error)
{
  guint8 serial[16];

  if (!check (gnutls_rnd (GNUTLS_RND_NONCE, serial, sizeof serial), "serial number", error))
    return FALSE;

  /* Positive, and without a leading zero byte. */
  serial[0] = (serial[0] & 0x7F) | 0x40;
  return check (gnutls_x509_crt_set_serial (certificate, serial, sizeof serial), "serial number",
                error);
}

/* Makes a key and a certificate for @spec, signed by @issuer or, without
 * one, by itself. */
static gboolean
issue (const EcertCertificateSpec  *spec,
       gboolean                     is_authority,
       EcertCertificateRole         role,
       const char * const          *hosts,
       const Pair                  *issuer,
       Pair                        *issued,
       GError                     **error)
{
  gboolean rsa = spec->key_type == ECERT_KEY_TYPE_RSA_2048;
  unsigned int bits = rsa ? 2048 : GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1);
  g_autofree char *dn = make_dn (spec);
  const char *dn_error = NULL;

  if (spec->common_name == NULL || spec->common_name[0] == '\0')
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           "A certificate needs a common name (CN)");
      return FALSE;
    }

  gnutls_x509_privkey_init (&issued->key);
  gnutls_x509_crt_init (&issued->certificate);

  if (!check (gnutls_x509_privkey_generate (issued->key, rsa ? GNUTLS_PK_RSA : GNUTLS_PK_ECDSA,
                                            bits, 0), "key", error) ||
      !check (gnutls_x509_crt_set_version (issued->certificate, 3), "version", error) ||
      !set_serial (issued->certificate, error) ||
      !check (gnutls_x509_crt_set_activation_time (issued->certificate,
                                                   (time_t) spec->not_before), "validity",
              error) ||
      !check (gnutls_x509_crt_set_expiration_time (issued->certificate,
                                                   (time_t) spec->not_after), "validity",
              error) ||
      !check (gnutls_x509_crt_set_dn (issued->certificate, dn, &dn_error), dn, error) ||
      !check (gnutls_x509_crt_set_key (issued->certificate, issued->key), "key", error) ||
      !set_role (issued->certificate, is_authority, role, rsa, hosts, error) ||
      !set_key_identifiers (issued, issuer, error))
    return FALSE;

  return check (gnutls_x509_crt_sign2 (issued->certificate,
                                       issuer != NULL ? issuer->certificate : issued->certificate,
                                       issuer != NULL ? issuer->key : issued->key,
                                       GNUTLS_DIG_SHA256, 0),
                "signature", error);
}

static char *
take_datum (gnutls_datum_t *datum)
{
  char *text = g_strndup ((const char *) datum->data, datum->size);

  gnutls_free (datum->data);
  datum->data = NULL;
  return text;
}

static gboolean
export_pair (const Pair  *pair,
             char       **certificate_pem,
             char       **key_pem,
             GError     **error)
{
  gnutls_datum_t certificate = { NULL, 0 };
  gnutls_datum_t key = { NULL, 0 };

  if (!check (gnutls_x509_crt_export2 (pair->certificate, GNUTLS_X509_FMT_PEM, &certificate),
              "export", error))
    return FALSE;
  if (!check (gnutls_x509_privkey_export2_pkcs8 (pair->key, GNUTLS_X509_FMT_PEM, NULL,
                                                 GNUTLS_PKCS_PLAIN, &key), "export", error))
    {
      gnutls_free (certificate.data);
      return FALSE;
    }

  *certificate_pem = take_datum (&certificate);
  *key_pem = take_datum (&key);
  return TRUE;
}

static gboolean
import_pair (const char  *certificate_pem,
             const char  *key_pem,
             Pair        *pair,
             GError     **error)
{
  gnutls_datum_t certificate = { (unsigned char *) certificate_pem,
                                 (unsigned int) strlen (certificate_pem) };
  gnutls_datum_t key = { (unsigned char *) key_pem, (unsigned int) strlen (key_pem) };

  gnutls_x509_crt_init (&pair->certificate);
  gnutls_x509_privkey_init (&pair->key);
  return check (gnutls_x509_crt_import (pair->certificate, &certificate, GNUTLS_X509_FMT_PEM),
                "certificate", error) &&
         check (gnutls_x509_privkey_import2 (pair->key, &key, GNUTLS_X509_FMT_PEM, NULL, 0),
                "private key", error);
}

/**
 * ecert_authority_new:
 * @spec: the authority's subject, key and validity
 *
 * Makes a new, self-signed certificate authority.
 *
 * Returns: (transfer full): the authority, or %NULL with @error set
 */
EcertAuthority *
ecert_authority_new (const EcertCertificateSpec  *spec,
                     GError                     **error)
{
  g_autoptr(EcertAuthority) self = g_object_new (ECERT_TYPE_AUTHORITY, NULL);

  g_return_val_if_fail (spec != NULL, NULL);

  if (!issue (spec, TRUE, ECERT_CERTIFICATE_ROLE_SIGNER, NULL, NULL, &self->pair, error) ||
      !export_pair (&self->pair, &self->certificate_pem, &self->key_pem, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ecert_authority_new_from_pem:
 * @certificate_pem: the authority's certificate, as made by
 *   ecert_authority_new()
 * @key_pem: its private key (PKCS#8, unencrypted)
 *
 * Returns: (transfer full): the authority, or %NULL with @error set
 */
EcertAuthority *
ecert_authority_new_from_pem (const char  *certificate_pem,
                              const char  *key_pem,
                              GError     **error)
{
  g_autoptr(EcertAuthority) self = g_object_new (ECERT_TYPE_AUTHORITY, NULL);
  unsigned int critical = 0;
  guint8 certificate_id[64];
  guint8 key_id[64];
  size_t certificate_id_size = sizeof certificate_id;
  size_t key_id_size = sizeof key_id;

  g_return_val_if_fail (certificate_pem != NULL, NULL);
  g_return_val_if_fail (key_pem != NULL, NULL);

  if (!import_pair (certificate_pem, key_pem, &self->pair, error))
    return NULL;

  if (gnutls_x509_crt_get_ca_status (self->pair.certificate, &critical) <= 0)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           "The certificate is not one of a certificate authority");
      return NULL;
    }

  /* A key that is not the certificate's would issue certificates nobody
   * can verify. */
  if (!check (gnutls_x509_crt_get_key_id (self->pair.certificate, 0, certificate_id,
                                          &certificate_id_size), "key id", error) ||
      !check (gnutls_x509_privkey_get_key_id (self->pair.key, 0, key_id, &key_id_size),
              "key id", error))
    return NULL;
  if (certificate_id_size != key_id_size ||
      memcmp (certificate_id, key_id, key_id_size) != 0)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           "The private key is not the certificate authority's");
      return NULL;
    }

  if (!export_pair (&self->pair, &self->certificate_pem, &self->key_pem, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ecert_authority_get_certificate_pem:
 *
 * Returns: the authority's certificate: what clients trust as their CA
 *   file, and what a service checks client certificates against
 */
const char *
ecert_authority_get_certificate_pem (EcertAuthority *self)
{
  g_return_val_if_fail (ECERT_IS_AUTHORITY (self), NULL);

  return self->certificate_pem;
}

/**
 * ecert_authority_get_key_pem:
 *
 * Returns: the authority's private key (PKCS#8, unencrypted): keep it
 *   secret
 */
const char *
ecert_authority_get_key_pem (EcertAuthority *self)
{
  g_return_val_if_fail (ECERT_IS_AUTHORITY (self), NULL);

  return self->key_pem;
}

/**
 * ecert_authority_issue:
 * @spec: the subject, key and validity of the new certificate
 * @role: what it is for
 * @hosts: (nullable) (array zero-terminated=1): for a server, the DNS
 *   names and IP addresses it answers on
 * @certificate_pem: (out): the certificate
 * @key_pem: (out): its private key (PKCS#8, unencrypted)
 *
 * Makes a new key and a certificate for it, signed by the authority.
 */
gboolean
ecert_authority_issue (EcertAuthority              *self,
                       const EcertCertificateSpec  *spec,
                       EcertCertificateRole         role,
                       const char * const          *hosts,
                       char                       **certificate_pem,
                       char                       **key_pem,
                       GError                     **error)
{
  g_auto(Pair) issued = { NULL, NULL };

  g_return_val_if_fail (ECERT_IS_AUTHORITY (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (certificate_pem != NULL && key_pem != NULL, FALSE);

  return issue (spec, FALSE, role, hosts, &self->pair, &issued, error) &&
         export_pair (&issued, certificate_pem, key_pem, error);
}

static gboolean
add_bag (gnutls_pkcs12_t       pkcs12,
         gnutls_pkcs12_bag_t   bag,
         int                   index,
         const gnutls_datum_t *key_id,
         const char           *friendly_name,
         const char           *passphrase,
         gboolean              encrypt,
         GError              **error)
{
  return check (index, "PKCS#12 bag", error) &&
         (key_id == NULL ||
          check (gnutls_pkcs12_bag_set_key_id (bag, (unsigned int) index, key_id), "PKCS#12",
                 error)) &&
         (friendly_name == NULL ||
          check (gnutls_pkcs12_bag_set_friendly_name (bag, (unsigned int) index, friendly_name),
                 "PKCS#12", error)) &&
         (!encrypt || check (gnutls_pkcs12_bag_encrypt (bag, passphrase,
                                                        GNUTLS_PKCS_PBES2_AES_256),
                             "PKCS#12", error)) &&
         check (gnutls_pkcs12_set_bag (pkcs12, bag), "PKCS#12", error);
}

/* The certificate in a bag of its own, encrypted like the key, and a MAC
 * over all: what browsers and GLib's PKCS#12 import expect. Without the
 * authority's certificate: the service checks its clients against its
 * own, and GLib 2.74's import of a file holding a chain leaks a
 * certificate each time. */
static GBytes *
export_pkcs12_once (const Pair  *pair,
                    const char  *passphrase,
                    const char  *friendly_name,
                    GError     **error)
{
  gnutls_pkcs12_t pkcs12 = NULL;
  gnutls_pkcs12_bag_t certificate_bag = NULL;
  gnutls_pkcs12_bag_t key_bag = NULL;
  guint8 id[64];
  size_t id_size = sizeof id;
  gnutls_datum_t key_id;
  gnutls_datum_t datum = { NULL, 0 };
  GBytes *bytes = NULL;

  gnutls_pkcs12_init (&pkcs12);
  gnutls_pkcs12_bag_init (&certificate_bag);
  gnutls_pkcs12_bag_init (&key_bag);

  if (check (gnutls_x509_crt_get_key_id (pair->certificate, 0, id, &id_size), "key id", error))
    {
      key_id.data = id;
      key_id.size = (unsigned int) id_size;

      if (add_bag (pkcs12, certificate_bag,
                   gnutls_pkcs12_bag_set_crt (certificate_bag, pair->certificate), &key_id,
                   friendly_name, passphrase, TRUE, error) &&
          add_bag (pkcs12, key_bag,
                   gnutls_pkcs12_bag_set_privkey (key_bag, pair->key, passphrase,
                                                  GNUTLS_PKCS_PBES2_AES_256),
                   &key_id, friendly_name, passphrase, FALSE, error) &&
          check (gnutls_pkcs12_generate_mac2 (pkcs12, GNUTLS_MAC_SHA256, passphrase),
                 "PKCS#12 MAC", error) &&
          check (gnutls_pkcs12_export2 (pkcs12, GNUTLS_X509_FMT_DER, &datum), "PKCS#12", error))
        {
          bytes = g_bytes_new (datum.data, datum.size);
          gnutls_free (datum.data);
        }
    }

  gnutls_pkcs12_bag_deinit (key_bag);
  gnutls_pkcs12_bag_deinit (certificate_bag);
  gnutls_pkcs12_deinit (pkcs12);
  return bytes;
}

/* Whether GLib reads @pkcs12 back, as a desk will. */
static gboolean
reads_back (GBytes     *pkcs12,
            const char *passphrase)
{
  g_autoptr(GTlsCertificate) certificate = NULL;

  certificate = g_tls_certificate_new_from_pkcs12 (g_bytes_get_data (pkcs12, NULL),
                                                   g_bytes_get_size (pkcs12), passphrase, NULL);
  return certificate != NULL;
}

/* GnuTLS 3.7 cannot read back about one file in a hundred that it wrote
 * itself ("ASN1 parser: Error in TAG"), depending on the salts and IVs
 * it drew; written again, with new ones, the same key and certificate
 * read. A desk must never be handed a file it cannot open. */
#define PKCS12_ATTEMPTS 8

static GBytes *
export_pkcs12 (const Pair  *pair,
               const char  *passphrase,
               const char  *friendly_name,
               GError     **error)
{
  for (guint attempt = 0; attempt < PKCS12_ATTEMPTS; attempt++)
    {
      g_autoptr(GBytes) pkcs12 = export_pkcs12_once (pair, passphrase, friendly_name, error);

      if (pkcs12 == NULL)
        return NULL;
      if (reads_back (pkcs12, passphrase))
        return g_steal_pointer (&pkcs12);
      g_debug ("A PKCS#12 file for %s did not read back; writing it again", friendly_name);
    }

  g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SIGNING,
                       "The PKCS#12 file could not be written so that it reads back");
  return NULL;
}

/**
 * ecert_authority_export_pkcs12:
 * @certificate_pem: a certificate the authority issued
 * @key_pem: its private key
 * @passphrase: what protects the file
 * @friendly_name: (nullable): the name a certificate manager shows
 *
 * Puts a certificate, its key and the authority's certificate into one
 * PKCS#12 file, as a desk is given it.
 *
 * Returns: (transfer full): the PKCS#12 file (DER), or %NULL with @error
 *   set
 */
GBytes *
ecert_authority_export_pkcs12 (EcertAuthority  *self,
                               const char      *certificate_pem,
                               const char      *key_pem,
                               const char      *passphrase,
                               const char      *friendly_name,
                               GError         **error)
{
  g_auto(Pair) pair = { NULL, NULL };

  g_return_val_if_fail (ECERT_IS_AUTHORITY (self), NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!import_pair (certificate_pem, key_pem, &pair, error))
    return NULL;

  return export_pkcs12 (&pair, passphrase, friendly_name, error);
}

/**
 * ecert_authority_issue_client_pkcs12:
 * @spec: the desk: CN its name, O its office, C its country
 * @passphrase: what protects the file
 * @certificate_pem: (out) (optional): the certificate, to identify the
 *   desk by later (see ecert_tls_certificate_get_fingerprint())
 *
 * Issues a TLS client certificate and hands it over with its key and the
 * authority's certificate as PKCS#12, named after its CN. The key exists
 * nowhere else.
 *
 * Returns: (transfer full): the PKCS#12 file (DER), or %NULL with @error
 *   set
 */
GBytes *
ecert_authority_issue_client_pkcs12 (EcertAuthority              *self,
                                     const EcertCertificateSpec  *spec,
                                     const char                  *passphrase,
                                     char                       **certificate_pem,
                                     GError                     **error)
{
  g_auto(Pair) issued = { NULL, NULL };
  g_autoptr(GBytes) pkcs12 = NULL;
  gnutls_datum_t datum = { NULL, 0 };

  g_return_val_if_fail (ECERT_IS_AUTHORITY (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!issue (spec, FALSE, ECERT_CERTIFICATE_ROLE_CLIENT, NULL, &self->pair, &issued, error))
    return NULL;

  pkcs12 = export_pkcs12 (&issued, passphrase, spec->common_name, error);
  if (pkcs12 == NULL)
    return NULL;

  if (certificate_pem != NULL)
    {
      if (!check (gnutls_x509_crt_export2 (issued.certificate, GNUTLS_X509_FMT_PEM, &datum),
                  "export", error))
        return NULL;
      *certificate_pem = take_datum (&datum);
    }

  return g_steal_pointer (&pkcs12);
}

/* The first value of @oid in the subject's DN, unescaped: an NPPO's or an
 * office's name may hold commas. */
static char *
get_subject_field (GTlsCertificate *certificate,
                   const char      *oid)
{
  g_autoptr(GByteArray) der = NULL;
  gnutls_x509_crt_t parsed = NULL;
  gnutls_x509_dn_t dn = NULL;
  gnutls_x509_ava_st ava;
  char *value = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;

  parsed = ecert_x509_import_der (der->data, der->len, NULL);
  if (parsed == NULL)
    return NULL;

  /* Attribute by attribute, RDN by RDN, until one RDN has none: past the
   * last. */
  if (gnutls_x509_crt_get_subject (parsed, &dn) >= 0)
    for (int rdn = 0; value == NULL; rdn++)
      {
        int index = 0;

        for (; value == NULL && gnutls_x509_dn_get_rdn_ava (dn, rdn, index, &ava) >= 0; index++)
          if (g_strcmp0 ((const char *) ava.oid.data, oid) == 0)
            value = g_strndup ((const char *) ava.value.data, ava.value.size);

        if (index == 0)
          break;
      }
  gnutls_x509_crt_deinit (parsed);

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    g_clear_pointer (&value, g_free);
  return value;
}

/**
 * ecert_tls_certificate_get_common_name:
 *
 * Returns: (transfer full) (nullable): the CN of the certificate's
 *   subject, or %NULL when it names none
 */
char *
ecert_tls_certificate_get_common_name (GTlsCertificate *certificate)
{
  return get_subject_field (certificate, GNUTLS_OID_X520_COMMON_NAME);
}

/**
 * ecert_tls_certificate_get_organization:
 *
 * Returns: (transfer full) (nullable): the O of the certificate's subject
 */
char *
ecert_tls_certificate_get_organization (GTlsCertificate *certificate)
{
  return get_subject_field (certificate, GNUTLS_OID_X520_ORGANIZATION_NAME);
}

/**
 * ecert_tls_certificate_get_country:
 *
 * Returns: (transfer full) (nullable): the country (C) of the
 *   certificate's subject, in capitals, or %NULL when it names none
 */
char *
ecert_tls_certificate_get_country (GTlsCertificate *certificate)
{
  g_autofree char *country = get_subject_field (certificate, GNUTLS_OID_X520_COUNTRY_NAME);

  return country != NULL ? g_ascii_strup (country, -1) : NULL;
}

/**
 * ecert_tls_certificate_get_fingerprint:
 *
 * Returns: (transfer full): the SHA-256 digest of the certificate's DER,
 *   in lower-case hexadecimal: what identifies a desk
 */
char *
ecert_tls_certificate_get_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  g_return_val_if_fail (der != NULL, NULL);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}
