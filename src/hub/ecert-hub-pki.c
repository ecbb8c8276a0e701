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
#include <string.h>

#include "ecert-authority.h"
#include "ecert-hub-pki.h"
#include "ecert-sample-generator.h"
#include "ecert-tls-database.h"

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

typedef struct
{
  const char *directory;
  GString    *readme;
  gint64      now;
} Maker;

/* A certificate that cannot be made is named, as the file it was for. */
static gboolean
check (gboolean     made,
       const char  *what,
       GError     **error)
{
  g_autoptr(GError) cause = NULL;

  if (made)
    return TRUE;

  if (error != NULL && *error != NULL)
    {
      cause = g_steal_pointer (error);
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_FAILED,
                   _("The demonstration PKI cannot be made (%s): %s"), what, cause->message);
    }
  return FALSE;
}

static void
spec_init (EcertCertificateSpec *spec,
           const char           *common_name,
           const char           *organization,
           const char           *country,
           gboolean              rsa,
           gint64                not_before,
           gint64                not_after)
{
  spec->common_name = common_name;
  spec->organization = organization;
  spec->country = country;
  spec->key_type = rsa ? ECERT_KEY_TYPE_RSA_2048 : ECERT_KEY_TYPE_ECDSA_P256;
  spec->not_before = not_before;
  spec->not_after = not_after;
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

/* NAME.pem and NAME.key, each with its README line. */
static gboolean
write_pair (Maker         *maker,
            const char    *name,
            const char    *certificate_pem,
            const char    *key_pem,
            const char    *description,
            GError       **error)
{
  g_autofree char *pem_name = g_strconcat (name, ".pem", NULL);
  g_autofree char *key_name = g_strconcat (name, ".key", NULL);
  g_autofree char *key_description = g_strdup_printf ("the private key of %s", pem_name);

  return write_file (maker, pem_name, (const guint8 *) certificate_pem, strlen (certificate_pem),
                     FALSE, description, error) &&
         write_file (maker, key_name, (const guint8 *) key_pem, strlen (key_pem), TRUE,
                     key_description, error);
}

static gboolean
write_authority (Maker           *maker,
                 const char      *name,
                 EcertAuthority  *authority,
                 const char      *description,
                 GError         **error)
{
  return write_pair (maker, name, ecert_authority_get_certificate_pem (authority),
                     ecert_authority_get_key_pem (authority), description, error);
}

/* Issues a certificate and writes it as NAME.pem and NAME.key. */
static gboolean
issue_pair (Maker                       *maker,
            EcertAuthority              *authority,
            const EcertCertificateSpec  *spec,
            EcertCertificateRole         role,
            const char * const          *hosts,
            const char                  *name,
            const char                  *description,
            char                       **certificate_pem,
            char                       **key_pem,
            GError                     **error)
{
  return check (ecert_authority_issue (authority, spec, role, hosts, certificate_pem, key_pem,
                                       error), name, error) &&
         write_pair (maker, name, *certificate_pem, *key_pem, description, error);
}

static EcertAuthority *
new_authority (const EcertCertificateSpec  *spec,
               const char                  *name,
               GError                     **error)
{
  EcertAuthority *authority = ecert_authority_new (spec, error);

  check (authority != NULL, name, error);
  return authority;
}

static gboolean
make_nppo (Maker           *maker,
           const NppoInfo  *info,
           GError         **error)
{
  const char *country_name = ecert_sample_country_name (info->country);
  const char *nppo_name = ecert_sample_nppo_name (info->country);
  g_autoptr(EcertAuthority) authority = NULL;
  g_autofree char *authority_cn = g_strdup_printf ("%s e-certificate signing CA", country_name);
  g_autofree char *signer_cn = g_strdup_printf ("%s e-certificate signer", country_name);
  g_autofree char *authority_name = g_strdup_printf ("nppo-%s-ca", info->country);
  g_autofree char *signer_name = g_strdup_printf ("nppo-%s-signer", info->country);
  g_autofree char *authority_description =
    g_strdup_printf ("the signing CA of the NPPO of %s (%s): the trust anchor for %s's "
                     "e-certificates, published by GetActiveNppos",
                     info->country, country_name, info->country);
  g_autofree char *signer_description =
    g_strdup_printf ("the certificate %s's e-certificates are signed with (issued by %s.pem)",
                     info->country, authority_name);
  g_autofree char *signer_pem = NULL;
  g_autofree char *signer_key = NULL;
  EcertCertificateSpec authority_spec;
  EcertCertificateSpec signer_spec;

  /* The signer is valid well before any seeded certificate's issue date. */
  spec_init (&authority_spec, authority_cn, nppo_name, info->country, info->rsa,
             maker->now - 3 * YEAR, maker->now + 20 * YEAR);
  spec_init (&signer_spec, signer_cn, nppo_name, info->country, info->rsa,
             maker->now - 2 * YEAR, maker->now + 5 * YEAR);

  return (authority = new_authority (&authority_spec, authority_name, error)) != NULL &&
         write_authority (maker, authority_name, authority, authority_description, error) &&
         issue_pair (maker, authority, &signer_spec, ECERT_CERTIFICATE_ROLE_SIGNER, NULL,
                     signer_name, signer_description, &signer_pem, &signer_key, error);
}

static gboolean
make_client (Maker           *maker,
             const char      *country,
             EcertAuthority  *hub_authority,
             GError         **error)
{
  g_autofree char *desk = g_strdup_printf ("NPPO desk of %s", ecert_sample_country_name (country));
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
  g_autofree char *certificate_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autoptr(GBytes) pkcs12 = NULL;
  EcertCertificateSpec spec;

  spec_init (&spec, desk, ecert_sample_nppo_name (country), country, FALSE, maker->now - DAY,
             maker->now + 5 * YEAR);

  return issue_pair (maker, hub_authority, &spec, ECERT_CERTIFICATE_ROLE_CLIENT, NULL, name,
                     description, &certificate_pem, &key_pem, error) &&
         check ((pkcs12 = ecert_authority_export_pkcs12 (hub_authority, certificate_pem, key_pem,
                                                         ECERT_HUB_DEMO_PASSPHRASE,
                                                         "ecert-hub demo", error)) != NULL,
                p12_name, error) &&
         write_file (maker, p12_name, g_bytes_get_data (pkcs12, NULL), g_bytes_get_size (pkcs12),
                     TRUE, p12_description, error);
}

/* Certificates a trainee (or a test) uses to watch the hub refuse them. */
static gboolean
make_refused_clients (Maker           *maker,
                      EcertAuthority  *hub_authority,
                      GError         **error)
{
  g_autoptr(EcertAuthority) rogue_authority = NULL;
  const char *importer = ECERT_HUB_DEMO_IMPORTER;
  const char *importer_nppo = ecert_sample_nppo_name (importer);
  g_autofree char *desk = g_strdup_printf ("NPPO desk of %s",
                                           ecert_sample_country_name (importer));
  g_autofree char *expired_pem = NULL;
  g_autofree char *expired_key = NULL;
  g_autofree char *rogue_pem = NULL;
  g_autofree char *rogue_key = NULL;
  g_autofree char *stranger_pem = NULL;
  g_autofree char *stranger_key = NULL;
  EcertCertificateSpec expired;
  EcertCertificateSpec rogue_spec;
  EcertCertificateSpec rogue;
  EcertCertificateSpec stranger;

  spec_init (&expired, desk, importer_nppo, importer, FALSE, maker->now - 3 * YEAR,
             maker->now - YEAR);
  spec_init (&rogue_spec, "Rogue certificate authority", "Not the hub", importer, FALSE,
             maker->now - DAY, maker->now + 5 * YEAR);
  spec_init (&rogue, desk, importer_nppo, importer, FALSE, maker->now - DAY,
             maker->now + 5 * YEAR);
  spec_init (&stranger, "Desk of a country without an NPPO on this hub", "Nowhere", "XK", FALSE,
             maker->now - DAY, maker->now + 5 * YEAR);

  return issue_pair (maker, hub_authority, &expired, ECERT_CERTIFICATE_ROLE_CLIENT, NULL,
                     "client-expired",
                     "a client certificate of " ECERT_HUB_DEMO_IMPORTER " that has expired: "
                     "the hub refuses it", &expired_pem, &expired_key, error) &&
         (rogue_authority = new_authority (&rogue_spec, "rogue-ca", error)) != NULL &&
         write_authority (maker, "rogue-ca", rogue_authority,
                          "a certificate authority the hub does not know", error) &&
         issue_pair (maker, rogue_authority, &rogue, ECERT_CERTIFICATE_ROLE_CLIENT, NULL,
                     "client-rogue",
                     "a client certificate of " ECERT_HUB_DEMO_IMPORTER " issued by rogue-ca: "
                     "the hub refuses it", &rogue_pem, &rogue_key, error) &&
         issue_pair (maker, hub_authority, &stranger, ECERT_CERTIFICATE_ROLE_CLIENT, NULL,
                     "client-stranger",
                     "a client certificate from the hub's CA for a country (XK) that has no "
                     "NPPO here: the hub answers it with a fault", &stranger_pem, &stranger_key,
                     error);
}

static EcertAuthority *
make_hub (Maker   *maker,
          GError **error)
{
  static const char * const hosts[] = { "localhost", "127.0.0.1", "::1", NULL };
  g_autoptr(EcertAuthority) hub_authority = NULL;
  g_autofree char *server_pem = NULL;
  g_autofree char *server_key = NULL;
  EcertCertificateSpec authority_spec;
  EcertCertificateSpec server_spec;

  spec_init (&authority_spec, "E-Cert Inspector demonstration hub CA", "ecert-hub",
             ECERT_HUB_DEMO_IMPORTER, FALSE, maker->now - DAY, maker->now + 10 * YEAR);
  spec_init (&server_spec, "localhost", "ecert-hub", ECERT_HUB_DEMO_IMPORTER, FALSE,
             maker->now - DAY, maker->now + 5 * YEAR);

  if ((hub_authority = new_authority (&authority_spec, "hub-ca", error)) == NULL ||
      !write_authority (maker, "hub-ca", hub_authority,
                        "the hub's certificate authority: it issued server.pem and every "
                        "client-*.pem; clients trust it as their CA file", error) ||
      !issue_pair (maker, hub_authority, &server_spec, ECERT_CERTIFICATE_ROLE_SERVER, hosts,
                   "server", "the hub's TLS server certificate, for localhost, 127.0.0.1 and ::1",
                   &server_pem, &server_key, error))
    return NULL;

  return g_steal_pointer (&hub_authority);
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
  g_autoptr(EcertAuthority) hub_authority = NULL;
  g_autoptr(GString) readme = g_string_new (NULL);
  g_autofree char *readme_path = g_build_filename (directory, "README", NULL);
  Maker maker = { directory, readme, g_get_real_time () / G_USEC_PER_SEC };

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

  hub_authority = make_hub (&maker, error);
  if (hub_authority == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (client_countries); i++)
    if (!make_client (&maker, client_countries[i], hub_authority, error))
      return FALSE;

  if (!make_refused_clients (&maker, hub_authority, error))
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
  g_autoptr(GBytes) pem = read_file (directory, "hub-ca.pem", error);
  g_autofree char *text = NULL;

  if (pem == NULL)
    return NULL;

  text = g_strndup (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem));
  return ecert_tls_database_new_from_pem (text, error);
}
