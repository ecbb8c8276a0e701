/* ecert-hub-pki.c: the demonstration PKI of a local hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ecert-hub init` makes every key and certificate a demonstration needs
 * with GnuTLS, so that nothing but this program is required: the hub's CA
 * and TLS server certificate, a TLS client certificate per NPPO desk (PEM
 * and PKCS#12), and per exporting NPPO a signing CA, the trust anchor
 * GetActiveNppos publishes, with a signer under it. A few deliberately bad
 * client certificates let a trainee see refusals. Each file gets a line in
 * DIR/README.
 */

#define G_LOG_DOMAIN "ecert-hub-pki"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs12.h>
#include <gnutls/x509.h>

#include "ecert-hub-pki.h"
#include "ecert-sample-generator.h"

#define DAY (24 * 60 * 60)
#define YEAR (365 * DAY)

/* The NPPOs of the hub, named as in the sample certificates' tables. */
typedef struct
{
  const char *country;
  /* Most keys are ECDSA, which is quick to make; some NPPOs sign with RSA,
   * as many real ones do. */
  gboolean    rsa;
} NppoInfo;

static const NppoInfo nppos[] = {
  { "AR", FALSE }, { "AU", TRUE }, { "BR", FALSE }, { "CA", FALSE }, { "CL", FALSE },
  { "CN", FALSE }, { "EG", FALSE }, { "ES", FALSE }, { "IN", FALSE }, { "KE", FALSE },
  { "MX", FALSE }, { "NL", TRUE }, { "NZ", TRUE }, { "PE", FALSE }, { "TH", FALSE },
  { "US", TRUE }, { "VN", FALSE }, { "ZA", FALSE },
};

/* The desks that get a client certificate: the importing country of the
 * demonstration and a few exporters, to try the hub as them. */
static const char * const client_countries[] = { ECERT_HUB_DEMO_IMPORTER, "NZ", "US", "NL", "AU" };

typedef enum
{
  ROLE_CA,
  ROLE_SERVER,
  ROLE_CLIENT,
  ROLE_SIGNER,
} Role;

typedef struct
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t     certificate;
} Issued;

typedef struct
{
  const char *directory;
  GString    *readme;
  time_t      now;
} Maker;

static void
issued_clear (Issued *issued)
{
  g_clear_pointer (&issued->certificate, gnutls_x509_crt_deinit);
  g_clear_pointer (&issued->key, gnutls_x509_privkey_deinit);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Issued, issued_clear)

/* RFC 4514: NPPO names hold commas. */
static char *
dn_value (const char *value)
{
  GString *escaped = g_string_new (NULL);

  for (const char *c = value; *c != '\0'; c++)
    {
      if (strchr (",+\"\\<>;=", *c) != NULL)
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *c);
    }

  return g_string_free (escaped, FALSE);
}

/* "CN=@common,O=@organization,C=@country", each value escaped. */
static char *
make_dn (const char *common_name,
         const char *organization,
         const char *country)
{
  g_autofree char *cn = dn_value (common_name);
  g_autofree char *o = dn_value (organization);

  return g_strdup_printf ("CN=%s,O=%s,C=%s", cn, o, country);
}

static gboolean
check (int          status,
       const char  *what,
       GError     **error)
{
  if (status >= 0)
    return TRUE;

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_FAILED,
               _("The demonstration PKI cannot be made (%s): %s"), what, gnutls_strerror (status));
  return FALSE;
}

static gboolean
set_key_identifiers (Issued        *issued,
                     const Issued  *issuer,
                     GError       **error)
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

static gboolean
set_server_names (gnutls_x509_crt_t   certificate,
                  GError            **error)
{
  const guint8 ipv4[4] = { 127, 0, 0, 1 };
  const guint8 ipv6[16] = { [15] = 1 };

  return check (gnutls_x509_crt_set_subject_alt_name (certificate, GNUTLS_SAN_DNSNAME, "localhost",
                                                      strlen ("localhost"), GNUTLS_FSAN_APPEND),
                "subject alternative name", error) &&
         check (gnutls_x509_crt_set_subject_alt_name (certificate, GNUTLS_SAN_IPADDRESS, ipv4,
                                                      sizeof ipv4, GNUTLS_FSAN_APPEND),
                "subject alternative name", error) &&
         check (gnutls_x509_crt_set_subject_alt_name (certificate, GNUTLS_SAN_IPADDRESS, ipv6,
                                                      sizeof ipv6, GNUTLS_FSAN_APPEND),
                "subject alternative name", error);
}

static gboolean
set_role (gnutls_x509_crt_t   certificate,
          Role                role,
          gboolean            rsa,
          GError            **error)
{
  unsigned int usage;

  if (!check (gnutls_x509_crt_set_basic_constraints (certificate, role == ROLE_CA, -1),
              "basic constraints", error))
    return FALSE;

  switch (role)
    {
    case ROLE_CA:
      usage = GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN;
      break;
    case ROLE_SERVER:
      usage = GNUTLS_KEY_DIGITAL_SIGNATURE | (rsa ? GNUTLS_KEY_KEY_ENCIPHERMENT : 0);
      if (!check (gnutls_x509_crt_set_key_purpose_oid (certificate, GNUTLS_KP_TLS_WWW_SERVER, 0),
                  "key purpose", error) ||
          !set_server_names (certificate, error))
        return FALSE;
      break;
    case ROLE_CLIENT:
      usage = GNUTLS_KEY_DIGITAL_SIGNATURE;
      if (!check (gnutls_x509_crt_set_key_purpose_oid (certificate, GNUTLS_KP_TLS_WWW_CLIENT, 0),
                  "key purpose", error))
        return FALSE;
      break;
    case ROLE_SIGNER:
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

/* Issues a certificate to @dn, signed by @issuer or, without one, by
 * itself. */
static gboolean
issue (const char    *dn,
       Role           role,
       gboolean       rsa,
       time_t         not_before,
       time_t         not_after,
       const Issued  *issuer,
       Issued        *issued,
       GError       **error)
{
  unsigned int bits = rsa ? 2048 : GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1);
  const char *dn_error = NULL;

  gnutls_x509_privkey_init (&issued->key);
  gnutls_x509_crt_init (&issued->certificate);

  if (!check (gnutls_x509_privkey_generate (issued->key, rsa ? GNUTLS_PK_RSA : GNUTLS_PK_ECDSA,
                                            bits, 0), "key", error) ||
      !check (gnutls_x509_crt_set_version (issued->certificate, 3), "version", error) ||
      !set_serial (issued->certificate, error) ||
      !check (gnutls_x509_crt_set_activation_time (issued->certificate, not_before), "validity",
              error) ||
      !check (gnutls_x509_crt_set_expiration_time (issued->certificate, not_after), "validity",
              error) ||
      !check (gnutls_x509_crt_set_dn (issued->certificate, dn, &dn_error), dn, error) ||
      !check (gnutls_x509_crt_set_key (issued->certificate, issued->key), "key", error) ||
      !set_role (issued->certificate, role, rsa, error) ||
      !set_key_identifiers (issued, issuer, error))
    return FALSE;

  return check (gnutls_x509_crt_sign2 (issued->certificate,
                                       issuer != NULL ? issuer->certificate : issued->certificate,
                                       issuer != NULL ? issuer->key : issued->key,
                                       GNUTLS_DIG_SHA256, 0),
                "signature", error);
}

static gboolean
write_file (Maker         *maker,
            const char    *name,
            const guint8  *data,
            gsize          length,
            gboolean       secret,
            const char    *description,
            GError       **error)
{
  g_autofree char *path = g_build_filename (maker->directory, name, NULL);

  if (!g_file_set_contents_full (path, (const char *) data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, secret ? 0600 : 0644, error))
    return FALSE;

  g_string_append_printf (maker->readme, "%-26s %s\n", name, description);
  return TRUE;
}

static gboolean
write_datum (Maker           *maker,
             const char      *name,
             gnutls_datum_t  *datum,
             gboolean         secret,
             const char      *description,
             GError         **error)
{
  gboolean written = write_file (maker, name, datum->data, datum->size, secret, description,
                                 error);

  gnutls_free (datum->data);
  datum->data = NULL;
  return written;
}

/* NAME.pem and NAME.key, each with its README line. */
static gboolean
write_pair (Maker         *maker,
            const char    *name,
            const Issued  *issued,
            const char    *description,
            GError       **error)
{
  g_autofree char *pem_name = g_strconcat (name, ".pem", NULL);
  g_autofree char *key_name = g_strconcat (name, ".key", NULL);
  g_autofree char *key_description = g_strdup_printf ("the private key of %s", pem_name);
  gnutls_datum_t datum = { NULL, 0 };

  return check (gnutls_x509_crt_export2 (issued->certificate, GNUTLS_X509_FMT_PEM, &datum),
                "export", error) &&
         write_datum (maker, pem_name, &datum, FALSE, description, error) &&
         check (gnutls_x509_privkey_export2_pkcs8 (issued->key, GNUTLS_X509_FMT_PEM, NULL,
                                                   GNUTLS_PKCS_PLAIN, &datum), "export", error) &&
         write_datum (maker, key_name, &datum, TRUE, key_description, error);
}

static gboolean
add_bag (gnutls_pkcs12_t       pkcs12,
         gnutls_pkcs12_bag_t   bag,
         int                   index,
         const gnutls_datum_t *key_id,
         gboolean              encrypt,
         GError              **error)
{
  return check (index, "PKCS#12 bag", error) &&
         check (gnutls_pkcs12_bag_set_key_id (bag, (unsigned int) index, key_id), "PKCS#12",
                error) &&
         check (gnutls_pkcs12_bag_set_friendly_name (bag, (unsigned int) index, "ecert-hub demo"),
                "PKCS#12", error) &&
         (!encrypt || check (gnutls_pkcs12_bag_encrypt (bag, ECERT_HUB_DEMO_PASSPHRASE,
                                                        GNUTLS_PKCS_PBES2_AES_256),
                             "PKCS#12", error)) &&
         check (gnutls_pkcs12_set_bag (pkcs12, bag), "PKCS#12", error);
}

/* The certificate in a bag of its own, encrypted like the key, and a MAC
 * over both: what browsers and GLib's PKCS#12 import expect. */
static gboolean
write_pkcs12 (Maker         *maker,
              const char    *name,
              const Issued  *issued,
              const char    *description,
              GError       **error)
{
  gnutls_pkcs12_t pkcs12 = NULL;
  gnutls_pkcs12_bag_t certificate_bag = NULL;
  gnutls_pkcs12_bag_t key_bag = NULL;
  guint8 id[64];
  size_t id_size = sizeof id;
  gnutls_datum_t key_id;
  gnutls_datum_t datum = { NULL, 0 };
  gboolean ok;

  gnutls_pkcs12_init (&pkcs12);
  gnutls_pkcs12_bag_init (&certificate_bag);
  gnutls_pkcs12_bag_init (&key_bag);

  ok = check (gnutls_x509_crt_get_key_id (issued->certificate, 0, id, &id_size), "key id", error);
  key_id.data = id;
  key_id.size = (unsigned int) id_size;

  ok = ok &&
       add_bag (pkcs12, certificate_bag,
                gnutls_pkcs12_bag_set_crt (certificate_bag, issued->certificate), &key_id,
                TRUE, error) &&
       add_bag (pkcs12, key_bag,
                gnutls_pkcs12_bag_set_privkey (key_bag, issued->key, ECERT_HUB_DEMO_PASSPHRASE,
                                               GNUTLS_PKCS_PBES2_AES_256),
                &key_id, FALSE, error) &&
       check (gnutls_pkcs12_generate_mac2 (pkcs12, GNUTLS_MAC_SHA256, ECERT_HUB_DEMO_PASSPHRASE),
              "PKCS#12 MAC", error) &&
       check (gnutls_pkcs12_export2 (pkcs12, GNUTLS_X509_FMT_DER, &datum), "PKCS#12", error) &&
       write_datum (maker, name, &datum, TRUE, description, error);

  gnutls_pkcs12_bag_deinit (key_bag);
  gnutls_pkcs12_bag_deinit (certificate_bag);
  gnutls_pkcs12_deinit (pkcs12);
  return ok;
}

static gboolean
make_nppo (Maker           *maker,
           const NppoInfo  *info,
           GError         **error)
{
  const char *country_name = ecert_sample_country_name (info->country);
  const char *nppo_name = ecert_sample_nppo_name (info->country);
  g_auto(Issued) authority = { NULL, NULL };
  g_auto(Issued) signer = { NULL, NULL };
  g_autofree char *authority_cn = g_strdup_printf ("%s e-certificate signing CA", country_name);
  g_autofree char *signer_cn = g_strdup_printf ("%s e-certificate signer", country_name);
  g_autofree char *authority_dn = make_dn (authority_cn, nppo_name, info->country);
  g_autofree char *signer_dn = make_dn (signer_cn, nppo_name, info->country);
  g_autofree char *authority_name = g_strdup_printf ("nppo-%s-ca", info->country);
  g_autofree char *signer_name = g_strdup_printf ("nppo-%s-signer", info->country);
  g_autofree char *authority_description =
    g_strdup_printf ("the signing CA of the NPPO of %s (%s): the trust anchor for %s's "
                     "e-certificates, published by GetActiveNppos",
                     info->country, country_name, info->country);
  g_autofree char *signer_description =
    g_strdup_printf ("the certificate %s's e-certificates are signed with (issued by %s.pem)",
                     info->country, authority_name);

  /* The signer is valid well before any seeded certificate's issue date. */
  return issue (authority_dn, ROLE_CA, info->rsa, maker->now - 3 * YEAR, maker->now + 20 * YEAR,
                NULL, &authority, error) &&
         issue (signer_dn, ROLE_SIGNER, info->rsa, maker->now - 2 * YEAR, maker->now + 5 * YEAR,
                &authority, &signer, error) &&
         write_pair (maker, authority_name, &authority, authority_description, error) &&
         write_pair (maker, signer_name, &signer, signer_description, error);
}

static gboolean
make_client (Maker         *maker,
             const char    *country,
             const Issued  *hub_authority,
             GError       **error)
{
  g_auto(Issued) client = { NULL, NULL };
  g_autofree char *desk = g_strdup_printf ("NPPO desk of %s", ecert_sample_country_name (country));
  g_autofree char *dn = make_dn (desk, ecert_sample_nppo_name (country), country);
  g_autofree char *name = g_strdup_printf ("client-%s", country);
  g_autofree char *p12_name = g_strdup_printf ("client-%s.p12", country);
  g_autofree char *description =
    g_strdup_printf ("the TLS client certificate of the NPPO desk of %s (%s)%s", country,
                     ecert_sample_country_name (country),
                     g_str_equal (country, ECERT_HUB_DEMO_IMPORTER)
                     ? ", the importing country of the demonstration" : "");
  g_autofree char *p12_description =
    g_strdup_printf ("%s.pem and its key as PKCS#12, passphrase \"%s\"", name,
                     ECERT_HUB_DEMO_PASSPHRASE);

  return issue (dn, ROLE_CLIENT, FALSE, maker->now - DAY, maker->now + 5 * YEAR, hub_authority,
                &client, error) &&
         write_pair (maker, name, &client, description, error) &&
         write_pkcs12 (maker, p12_name, &client, p12_description, error);
}

/* Certificates a trainee (or a test) uses to watch the hub refuse them. */
static gboolean
make_refused_clients (Maker         *maker,
                      const Issued  *hub_authority,
                      GError       **error)
{
  g_auto(Issued) expired = { NULL, NULL };
  g_auto(Issued) rogue_authority = { NULL, NULL };
  g_auto(Issued) rogue = { NULL, NULL };
  g_auto(Issued) stranger = { NULL, NULL };
  const char *importer = ECERT_HUB_DEMO_IMPORTER;
  g_autofree char *desk = g_strdup_printf ("NPPO desk of %s",
                                           ecert_sample_country_name (importer));
  g_autofree char *dn = make_dn (desk, ecert_sample_nppo_name (importer), importer);

  return issue (dn, ROLE_CLIENT, FALSE, maker->now - 3 * YEAR, maker->now - YEAR, hub_authority,
                &expired, error) &&
         write_pair (maker, "client-expired", &expired,
                     "a client certificate of " ECERT_HUB_DEMO_IMPORTER " that has expired: "
                     "the hub refuses it", error) &&
         issue ("CN=Rogue certificate authority,O=Not the hub,C=" ECERT_HUB_DEMO_IMPORTER,
                ROLE_CA, FALSE, maker->now - DAY, maker->now + 5 * YEAR, NULL, &rogue_authority,
                error) &&
         write_pair (maker, "rogue-ca", &rogue_authority,
                     "a certificate authority the hub does not know", error) &&
         issue (dn, ROLE_CLIENT, FALSE, maker->now - DAY, maker->now + 5 * YEAR, &rogue_authority,
                &rogue, error) &&
         write_pair (maker, "client-rogue", &rogue,
                     "a client certificate of " ECERT_HUB_DEMO_IMPORTER " issued by rogue-ca: "
                     "the hub refuses it", error) &&
         issue ("CN=Desk of a country without an NPPO on this hub,O=Nowhere,C=XK", ROLE_CLIENT,
                FALSE, maker->now - DAY, maker->now + 5 * YEAR, hub_authority, &stranger, error) &&
         write_pair (maker, "client-stranger", &stranger,
                     "a client certificate from the hub's CA for a country (XK) that has no "
                     "NPPO here: the hub answers it with a fault", error);
}

static gboolean
make_hub (Maker   *maker,
          Issued  *hub_authority,
          GError **error)
{
  g_auto(Issued) server = { NULL, NULL };

  return issue ("CN=E-Cert Inspector demonstration hub CA,O=ecert-hub,C=" ECERT_HUB_DEMO_IMPORTER,
                ROLE_CA, FALSE, maker->now - DAY, maker->now + 10 * YEAR, NULL, hub_authority,
                error) &&
         write_pair (maker, "hub-ca", hub_authority,
                     "the hub's certificate authority: it issued server.pem and every "
                     "client-*.pem; clients trust it as their CA file", error) &&
         issue ("CN=localhost,O=ecert-hub,C=" ECERT_HUB_DEMO_IMPORTER, ROLE_SERVER, FALSE,
                maker->now - DAY, maker->now + 5 * YEAR, hub_authority, &server, error) &&
         write_pair (maker, "server", &server,
                     "the hub's TLS server certificate, for localhost, 127.0.0.1 and ::1", error);
}

gboolean
ecert_hub_pki_exists (const char *directory)
{
  g_autofree char *path = g_build_filename (directory, "hub-ca.pem", NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/**
 * ecert_hub_pki_create:
 * @directory: where to write; created when missing
 *
 * Writes the demonstration PKI and DIR/README, which describes each file.
 * Refuses a directory that already holds a hub, rather than replace keys
 * that clients may have been given.
 */
gboolean
ecert_hub_pki_create (const char  *directory,
                      GError     **error)
{
  g_auto(Issued) hub_authority = { NULL, NULL };
  g_autoptr(GString) readme = g_string_new (NULL);
  g_autofree char *readme_path = g_build_filename (directory, "README", NULL);
  Maker maker = { directory, readme, time (NULL) };

  if (ecert_hub_pki_exists (directory))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("%s already holds a hub; remove it or choose another directory"), directory);
      return FALSE;
    }

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The directory %s cannot be created: %s"), directory,
                   g_strerror (saved_errno));
      return FALSE;
    }

  g_string_append (readme,
                   "A local ePhyto exchange hub made by `ecert-hub init` for training, "
                   "demonstrations and tests.\n"
                   "Every key here is demonstration material: never use it for real "
                   "exchange.\n\n");

  if (!make_hub (&maker, &hub_authority, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (client_countries); i++)
    if (!make_client (&maker, client_countries[i], &hub_authority, error))
      return FALSE;

  if (!make_refused_clients (&maker, &hub_authority, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (nppos); i++)
    if (!make_nppo (&maker, &nppos[i], error))
      return FALSE;

  g_string_append_printf (readme, "%-26s %s\n", "hub.db",
                          "the hub's envelopes (SQLite), filled by `ecert-hub seed` and by "
                          "deliveries");
  g_string_append_printf (readme, "%-26s %s\n", "README", "this file");
  return g_file_set_contents (readme_path, readme->str, (gssize) readme->len, error);
}

/**
 * ecert_hub_pki_list_nppos:
 *
 * Returns: (transfer full): the countries with an NPPO on the hub in
 *   @directory, sorted
 */
char **
ecert_hub_pki_list_nppos (const char *directory)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (nppos); i++)
    {
      g_autofree char *name = g_strdup_printf ("nppo-%s-ca.pem", nppos[i].country);
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        g_strv_builder_add (builder, nppos[i].country);
    }

  return g_strv_builder_end (builder);
}

static GBytes *
read_file (const char  *directory,
           const char  *name,
           GError     **error)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  return g_bytes_new_take (contents, length);
}

EcertSigningKey *
ecert_hub_pki_load_signer (const char  *directory,
                           const char  *country,
                           GError     **error)
{
  g_autofree char *key_name = g_strdup_printf ("nppo-%s-signer.key", country);
  g_autofree char *certificate_name = g_strdup_printf ("nppo-%s-signer.pem", country);
  g_autofree char *chain_name = g_strdup_printf ("nppo-%s-ca.pem", country);
  g_autoptr(GBytes) key = read_file (directory, key_name, error);
  g_autoptr(GBytes) certificate = NULL;
  g_autoptr(GBytes) chain = NULL;

  if (key == NULL ||
      (certificate = read_file (directory, certificate_name, error)) == NULL ||
      (chain = read_file (directory, chain_name, error)) == NULL)
    return NULL;

  /* The CA goes along in X509Data, as NPPOs commonly send their chain. */
  return ecert_signing_key_load (key, certificate, chain, error);
}

/**
 * ecert_hub_pki_load_nppo_authority:
 * @dn: (out) (optional): the authority's distinguished name
 *
 * Returns: (transfer full): the PEM of the signing CA of @country's NPPO
 */
char *
ecert_hub_pki_load_nppo_authority (const char  *directory,
                                   const char  *country,
                                   char       **dn,
                                   GError     **error)
{
  g_autofree char *name = g_strdup_printf ("nppo-%s-ca.pem", country);
  g_autoptr(GBytes) pem = read_file (directory, name, error);
  g_autoptr(GPtrArray) certificates = NULL;

  if (pem == NULL)
    return NULL;

  certificates = ecert_x509_import_pem (pem, error);
  if (certificates == NULL)
    return NULL;

  if (dn != NULL)
    *dn = ecert_x509_get_subject (certificates->pdata[0]);

  return g_strndup (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem));
}

GTlsCertificate *
ecert_hub_pki_load_server_certificate (const char  *directory,
                                       GError     **error)
{
  g_autofree char *certificate = g_build_filename (directory, "server.pem", NULL);
  g_autofree char *key = g_build_filename (directory, "server.key", NULL);

  return g_tls_certificate_new_from_files (certificate, key, error);
}

/**
 * ecert_hub_pki_load_client_authority:
 *
 * Returns: (transfer full): a database holding only the hub's CA, against
 *   which client certificates are checked
 */
GTlsDatabase *
ecert_hub_pki_load_client_authority (const char  *directory,
                                     GError     **error)
{
  g_autofree char *relative = g_build_filename (directory, "hub-ca.pem", NULL);
  /* GTlsFileDatabase insists on an absolute path. */
  g_autofree char *path = g_canonicalize_filename (relative, NULL);

  return g_tls_file_database_new (path, error);
}

/**
 * ecert_hub_pki_get_country:
 *
 * Returns: (transfer full) (nullable): the country (C) of the certificate's
 *   subject, or %NULL when it names none
 */
char *
ecert_hub_pki_get_country (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  gnutls_x509_crt_t parsed = NULL;
  char country[8];
  size_t size = sizeof country;
  int status;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;

  parsed = ecert_x509_import_der (der->data, der->len, NULL);
  if (parsed == NULL)
    return NULL;

  status = gnutls_x509_crt_get_dn_by_oid (parsed, GNUTLS_OID_X520_COUNTRY_NAME, 0, 0, country,
                                          &size);
  gnutls_x509_crt_deinit (parsed);

  return status >= 0 ? g_ascii_strup (country, (gssize) size) : NULL;
}
