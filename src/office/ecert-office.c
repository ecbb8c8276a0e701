/* ecert-office.c: a country's own hub for its desks, on PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exchange hub knows one system per country. An office is that
 * system: it holds the country's one connection to the hub, keeps every
 * certificate in its database, and serves the hub's operations to the
 * desks it enrolled, each with its own scope. Any number of instances may
 * serve one database; one of them at a time pulls from the hub.
 */

#define G_LOG_DOMAIN "ecert-office"

#include "config.h"

#include <glib-unix.h>
#include <inttypes.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ecert-authority.h"
#include "ecert-command.h"
#include "ecert-core.h"
#include "ecert-office-service.h"
#include "ecert-office-store.h"
#include "ecert-office-upstream.h"


#define DEFAULT_LISTEN "127.0.0.1:0"
#define DEFAULT_INTERVAL_MS 2000
#define AUTHORITY_DAYS (10 * 365)
#define SERVER_DAYS 825
#define DESK_DAYS 730

static int run_init (int argc, char **argv);
static int run_enroll (int argc, char **argv);
static int run_revoke (int argc, char **argv);
static int run_desks (int argc, char **argv);
static int run_serve (int argc, char **argv);
static int run_status (int argc, char **argv);

static const EcertCommand commands[] = {
  { "init", N_("Create an office’s database and its certificate authority for desks"), run_init },
  { "enroll", N_("Issue a desk its certificate and record what it receives"), run_enroll },
  { "revoke", N_("Refuse a desk from its next request on"), run_revoke },
  { "desks", N_("List the enrolled desks"), run_desks },
  { "serve", N_("Serve the desks, and pull from the country’s hub"), run_serve },
  { "status", N_("Say how the office stands"), run_status },
  { NULL, NULL, NULL }
};

static char *store_uri;

static const GOptionEntry store_entries[] = {
  { "store", 0, 0, G_OPTION_ARG_STRING, &store_uri,
    N_("The office’s PostgreSQL database, as a libpq URI (default: $ECERT_OFFICE_STORE)"),
    N_("URI") },
  G_OPTION_ENTRY_NULL
};

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  return ecert_command_usage_error ("ecert-office", context, message);
}

static int
fail (const GError *error)
{
  g_printerr ("ecert-office: %s\n", error->message);
  return 1;
}

static GOptionContext *
command_context (const char         *parameters,
                 const char         *summary,
                 const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, store_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Parses a command's options, expecting @n_arguments after them. */
static int
parse_command (GOptionContext   *context,
               int              *argc,
               char           ***argv,
               int               n_arguments)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("ecert-office: %s\n", error->message);
      return 2;
    }
  if (store_uri == NULL)
    store_uri = g_strdup (g_getenv ("ECERT_OFFICE_STORE"));
  if (store_uri == NULL)
    return usage_error (context, _("name the office’s database with --store"));
  if (*argc - 1 != n_arguments)
    return usage_error (context, n_arguments == 1 ? _("name one desk") : _("unexpected argument"));
  return 0;
}

static EcertOfficeStore *
open_store (GError **error)
{
  g_autoptr(EcertOfficeStore) store = ecert_office_store_connect (store_uri, error);

  if (store == NULL || !ecert_office_store_check_schema (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

static gboolean
write_private_file (const char  *path,
                    const char  *contents,
                    GError     **error)
{
  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

/* The office's authority, its server certificate for @names, and the
 * files an operator hands on: the authority's certificate for the desks,
 * the server's certificate and key for `serve`. */
static gboolean
make_authority (EcertOfficeStore  *store,
                const char        *name,
                const char        *country,
                GStrv              names,
                const char        *directory,
                GError           **error)
{
  g_autoptr(EcertAuthority) authority = NULL;
  g_autofree char *server_pem = NULL;
  g_autofree char *server_key = NULL;
  g_autofree char *ca_path = g_build_filename (directory, "office-ca.pem", NULL);
  g_autofree char *server_path = g_build_filename (directory, "server.pem", NULL);
  g_autofree char *key_path = g_build_filename (directory, "server-key.pem", NULL);
  g_autofree char *authority_name = g_strdup_printf ("%s desk authority", name);
  const char *default_names[] = { "localhost", "127.0.0.1", "::1", NULL };
  EcertCertificateSpec spec;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot make the folder %s: %s"), directory, g_strerror (saved_errno));
      return FALSE;
    }

  ecert_certificate_spec_init (&spec, authority_name, name, country, AUTHORITY_DAYS);
  authority = ecert_authority_new (&spec, error);
  if (authority == NULL)
    return FALSE;

  ecert_certificate_spec_init (&spec, names != NULL ? names[0] : default_names[0], name, country,
                               SERVER_DAYS);
  return ecert_authority_issue (authority, &spec, ECERT_CERTIFICATE_ROLE_SERVER,
                                names != NULL ? (const char * const *) names : default_names,
                                &server_pem, &server_key, error) &&
         ecert_office_store_set_authority (store, ecert_authority_get_certificate_pem (authority),
                                           ecert_authority_get_key_pem (authority), error) &&
         g_file_set_contents (ca_path, ecert_authority_get_certificate_pem (authority), -1,
                              error) &&
         g_file_set_contents (server_path, server_pem, -1, error) &&
         write_private_file (key_path, server_key, error);
}

/* Issues the desk's PKCS#12 file; returns its certificate's fingerprint,
 * by which the office knows the desk. */
static char *
issue_desk (EcertOfficeStore  *store,
            const char        *desk,
            const char        *passphrase,
            const char        *output,
            GError           **error)
{
  g_autofree char *ca_pem = NULL;
  g_autofree char *ca_key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *country = NULL;
  g_autofree char *certificate_pem = NULL;
  g_autoptr(EcertAuthority) authority = NULL;
  g_autoptr(GBytes) pkcs12 = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  EcertCertificateSpec spec;

  if (!ecert_office_store_get_authority (store, &ca_pem, &ca_key, error) ||
      (name = ecert_office_store_get_name (store, error)) == NULL ||
      (country = ecert_office_store_get_value (store, ECERT_OFFICE_STORE_COUNTRY_KEY, error)) == NULL ||
      (authority = ecert_authority_new_from_pem (ca_pem, ca_key, error)) == NULL)
    return NULL;

  ecert_certificate_spec_init (&spec, desk, name, country, DESK_DAYS);
  pkcs12 = ecert_authority_issue_client_pkcs12 (authority, &spec, passphrase, &certificate_pem,
                                                error);
  if (pkcs12 == NULL ||
      (certificate = g_tls_certificate_new_from_pem (certificate_pem, -1, error)) == NULL ||
      !g_file_set_contents_full (output, g_bytes_get_data (pkcs12, NULL),
                                 (gssize) g_bytes_get_size (pkcs12),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;

  return ecert_tls_certificate_get_fingerprint (certificate);
}

static int
run_init (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = NULL;
  g_autofree char *name = NULL;
  g_autofree char *country = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *existing = NULL;
  g_auto(GStrv) server_names = NULL;
  g_autofree char *code = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The office’s name, shown to its desks"),
      N_("NAME") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &country,
      N_("The country whose NPPO the office is (ISO 3166-1 code)"), N_("CC") },
    { "directory", 0, 0, G_OPTION_ARG_FILENAME, &directory,
      N_("Write the authority’s certificate and the server’s certificate and key here"),
      N_("DIR") },
    { "server-name", 0, 0, G_OPTION_ARG_STRING_ARRAY, &server_names,
      N_("A host name or address desks reach the office at (repeatable; default: this "
         "machine’s loopback names)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (NULL, _("Create the office’s tables in its database (or bring "
                                     "them up to date), and, the first time, its certificate "
                                     "authority for desks and a server certificate."),
                             entries);
  status = parse_command (context, &argc, &argv, 0);
  if (status != 0)
    return status;
  if (name == NULL || country == NULL || directory == NULL)
    return usage_error (context, _("give --name, --country and --directory"));

  code = ecert_country_code_normalize (country, &error);
  if (code == NULL)
    return usage_error (context, error->message);

  store = ecert_office_store_connect (store_uri, &error);
  if (store == NULL || !ecert_office_store_migrate (store, &error))
    return fail (error);

  if (!ecert_office_store_get_authority (store, &existing, NULL, &error))
    return fail (error);
  if (existing != NULL)
    {
      g_print (_("The office’s database is up to date; its authority was made before and is "
                 "kept.\n"));
      return 0;
    }

  if (!ecert_office_store_set_name (store, name, &error) ||
      !ecert_office_store_set_value (store, ECERT_OFFICE_STORE_COUNTRY_KEY, code, &error) ||
      !make_authority (store, name, code, server_names, directory, &error))
    return fail (error);

  g_print (_("Made the office %s for %s; desks trust %s/office-ca.pem, and `serve` uses "
             "%s/server.pem and %s/server-key.pem.\n"), name, code, directory, directory,
           directory);
  return 0;
}

/* A passphrase from its file: the file's first line, as `ecert` reads it. */
static char *
read_passphrase (const char  *path,
                 GError     **error)
{
  char *passphrase = NULL;

  if (!g_file_get_contents (path, &passphrase, NULL, error))
    return NULL;
  return g_strchomp (passphrase);
}

/* A passphrase of 20 random letters and digits, when none was given. */
static char *
make_passphrase (void)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  GString *passphrase = g_string_new (NULL);

  for (guint i = 0; i < 20; i++)
    g_string_append_c (passphrase, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
  return g_string_free (passphrase, FALSE);
}

static gboolean
normalize_countries (GStrv     countries,
                     GError  **error)
{
  for (guint i = 0; countries != NULL && countries[i] != NULL; i++)
    {
      char *code = ecert_country_code_normalize (countries[i], error);

      if (code == NULL)
        return FALSE;
      g_free (countries[i]);
      countries[i] = code;
    }
  return TRUE;
}

static int
run_enroll (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = NULL;
  g_auto(GStrv) ports = NULL;
  g_auto(GStrv) countries = NULL;
  g_autofree char *output = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *described = NULL;
  EcertOfficeScope scope = { 0 };
  const char *desk;
  int days = 0;
  int status;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_STRING_ARRAY, &ports,
      N_("A point of entry (UN/LOCODE) the desk serves (repeatable; default: all)"),
      N_("CODE") },
    { "country", 0, 0, G_OPTION_ARG_STRING_ARRAY, &countries,
      N_("An exporting country whose certificates the desk receives (repeatable; default: "
         "all)"), N_("CC") },
    { "days", 0, 0, G_OPTION_ARG_INT, &days,
      N_("Also give the desk what arrived in the last N days (default: everything)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the desk’s PKCS#12 file here (default: DESK.p12)"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Protect the PKCS#12 file with the passphrase in FILE (default: a new one, printed)"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (_("DESK"), _("Issue the desk DESK a client certificate, as a "
                                          "PKCS#12 file protected by a passphrase, and record "
                                          "its scope: what it receives."), entries);
  status = parse_command (context, &argc, &argv, 1);
  if (status != 0)
    return status;
  desk = argv[1];
  if (days < 0)
    return usage_error (context, _("--days cannot be negative"));
  if (!normalize_countries (countries, &error))
    return usage_error (context, error->message);

  if (passphrase_file != NULL)
    {
      if ((passphrase = read_passphrase (passphrase_file, &error)) == NULL)
        return fail (error);
    }
  else
    passphrase = make_passphrase ();
  if (output == NULL)
    output = g_strconcat (desk, ".p12", NULL);

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  scope.ports = ports;
  scope.countries = countries;
  scope.days = (guint) days;
  fingerprint = issue_desk (store, desk, passphrase, output, &error);
  if (fingerprint == NULL ||
      !ecert_office_store_add_desk (store, desk, fingerprint, &scope, &error))
    {
      g_unlink (output);
      return fail (error);
    }

  described = ecert_office_scope_describe (&scope);
  g_print (_("Enrolled the desk %s (%s); its certificate is in %s.\n"), desk, described, output);
  if (passphrase_file == NULL)
    g_print (_("Its passphrase: %s\n"), passphrase);
  return 0;
}

static int
run_revoke (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = NULL;
  int status;

  context = command_context (_("DESK"), _("Revoke the desk DESK: every instance refuses its "
                                          "next request, whatever its certificate says."),
                             NULL);
  status = parse_command (context, &argc, &argv, 1);
  if (status != 0)
    return status;

  store = open_store (&error);
  if (store == NULL || !ecert_office_store_revoke_desk (store, argv[1], &error))
    return fail (error);

  g_print (_("Revoked the desk %s.\n"), argv[1]);
  return 0;
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
add_strv (JsonBuilder *builder,
          const char  *member,
          GStrv        values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_desks_json (JsonBuilder *builder,
                GPtrArray   *desks)
{
  json_builder_set_member_name (builder, "desks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < desks->len; i++)
    {
      const EcertOfficeDesk *desk = desks->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, desk->name);
      add_strv (builder, "ports", desk->scope.ports);
      add_strv (builder, "countries", desk->scope.countries);
      json_builder_set_member_name (builder, "days");
      json_builder_add_int_value (builder, desk->scope.days);
      json_builder_set_member_name (builder, "revoked");
      json_builder_add_boolean_value (builder, desk->revoked != 0);
      json_builder_set_member_name (builder, "backlog");
      json_builder_add_int_value (builder, desk->backlog);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_desks (GPtrArray *desks)
{
  for (guint i = 0; i < desks->len; i++)
    {
      const EcertOfficeDesk *desk = desks->pdata[i];
      g_autofree char *scope = ecert_office_scope_describe (&desk->scope);

      /* Translators: a desk, its scope, how many certificates it has not
       * acknowledged, and whether it is revoked. */
      g_print (_("%s\t%s\tbacklog %" PRId64 "%s\n"), desk->name, scope, (int64_t) desk->backlog,
               desk->revoked != 0 ? _("\trevoked") : "");
    }
}

static int
run_desks (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = NULL;
  g_autoptr(GPtrArray) desks = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (NULL, _("List the desks enrolled at the office, with their scope "
                                     "and backlog."), entries);
  status = parse_command (context, &argc, &argv, 0);
  if (status != 0)
    return status;

  store = open_store (&error);
  if (store == NULL || (desks = ecert_office_store_list_desks (store, &error)) == NULL)
    return fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_desks_json (builder, desks);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    print_desks (desks);
  return 0;
}

static int
run_status (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = NULL;
  g_autoptr(GPtrArray) desks = NULL;
  g_autofree char *name = NULL;
  g_autofree char *last_run = NULL;
  gboolean json = FALSE;
  gint64 count;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (NULL, _("Say how the office stands: its certificates, the last "
                                     "upstream run, and each desk’s backlog."), entries);
  status = parse_command (context, &argc, &argv, 0);
  if (status != 0)
    return status;

  store = open_store (&error);
  if (store == NULL || (name = ecert_office_store_get_name (store, &error)) == NULL)
    return fail (error);
  last_run = ecert_office_store_get_value (store, ECERT_OFFICE_STORE_LAST_RUN_KEY, &error);
  if (error != NULL || (count = ecert_office_store_count (store, &error)) < 0 ||
      (desks = ecert_office_store_list_desks (store, &error)) == NULL)
    return fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "certificates");
      json_builder_add_int_value (builder, count);
      json_builder_set_member_name (builder, "last_upstream_run");
      json_builder_add_string_value (builder, last_run);
      add_desks_json (builder, desks);
      json_builder_end_object (builder);
      print_json (builder);
      return 0;
    }

  g_print (_("Office: %s\n"), name);
  g_print (_("Certificates: %" PRId64 "\n"), (int64_t) count);
  g_print (_("Last upstream run: %s\n"), last_run != NULL ? last_run : _("never"));
  print_desks (desks);
  return 0;
}

static gboolean
parse_listen (const char  *text,
              char       **address,
              guint       *port,
              GError     **error)
{
  const char *colon = strrchr (text, ':');
  guint64 number = 0;

  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &number, NULL))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not ADDRESS:PORT"), text);
      return FALSE;
    }

  *address = g_strndup (text, colon - text);
  /* [::1]:8443 */
  if ((*address)[0] == '[' && g_str_has_suffix (*address, "]"))
    {
      char *bare = g_strndup (*address + 1, strlen (*address) - 2);

      g_free (*address);
      *address = bare;
    }
  *port = (guint) number;
  return TRUE;
}

typedef struct
{
  char *hub;
  char *p12;
  char *passphrase_file;
  char *ca;
} Upstream;

static void
upstream_clear (Upstream *upstream)
{
  g_clear_pointer (&upstream->hub, g_free);
  g_clear_pointer (&upstream->p12, g_free);
  g_clear_pointer (&upstream->passphrase_file, g_free);
  g_clear_pointer (&upstream->ca, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Upstream, upstream_clear)

static EcertHubClient *
open_upstream (const Upstream  *upstream,
               GError         **error)
{
  g_autoptr(EcertHubClient) client = ecert_hub_client_new (upstream->hub, error);
  g_autofree char *passphrase = NULL;

  if (client == NULL)
    return NULL;
  if (upstream->passphrase_file != NULL &&
      (passphrase = read_passphrase (upstream->passphrase_file, error)) == NULL)
    return NULL;
  if ((upstream->p12 != NULL &&
       !ecert_hub_client_set_pkcs12_file (client, upstream->p12, passphrase, error)) ||
      (upstream->ca != NULL && !ecert_hub_client_set_ca_file (client, upstream->ca, error)))
    return NULL;
  return g_steal_pointer (&client);
}

static int
run_serve (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(EcertOfficeService) service = NULL;
  g_autoptr(EcertOfficeUpstream) upstream = NULL;
  g_autoptr(EcertHubClient) client = NULL;
  g_autoptr(EcertTrustStore) trust = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *state = NULL;
  g_autofree char *address = NULL;
  g_autofree char *url = NULL;
  g_autofree char *trust_directory = NULL;
  g_auto(Upstream) hub = { 0 };
  guint port = 0;
  int interval = DEFAULT_INTERVAL_MS;
  int status;
  const GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      N_("Serve desks at ADDRESS:PORT (default 127.0.0.1:0, any free port, printed at start)"),
      N_("ADDRESS:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
      N_("The server’s certificate, PEM"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("The server’s key, PEM"),
      N_("FILE") },
    { "state-directory", 0, 0, G_OPTION_ARG_FILENAME, &state,
      N_("Where the instance keeps the NPPOs’ signing certificates (default: "
         "$STATE_DIRECTORY)"), N_("DIR") },
    { "hub", 0, 0, G_OPTION_ARG_STRING, &hub.hub,
      N_("The country’s exchange hub to pull from (without it, the instance only serves "
         "desks)"), N_("URL") },
    { "p12", 0, 0, G_OPTION_ARG_FILENAME, &hub.p12,
      N_("The country’s client certificate for the hub, PKCS#12"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &hub.passphrase_file,
      N_("Read the PKCS#12 passphrase from FILE"), N_("FILE") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &hub.ca,
      N_("Trust these authorities (PEM) for the hub’s server certificate"), N_("FILE") },
    { "interval", 0, 0, G_OPTION_ARG_INT, &interval,
      N_("Pause between two upstream runs, in milliseconds (default 2000)"),
      N_("MILLISECONDS") },
    G_OPTION_ENTRY_NULL
  };

  context = command_context (NULL, _("Serve the office’s desks over HTTPS with the ePhyto "
                                     "Hub’s SOAP interface at /hub/DeliveryService, and pull "
                                     "from the country’s hub whenever this instance holds the "
                                     "upstream lock."), entries);
  status = parse_command (context, &argc, &argv, 0);
  if (status != 0)
    return status;
  if (tls_cert == NULL || tls_key == NULL)
    return usage_error (context, _("give the server’s --tls-cert and --tls-key"));
  if (interval < 0)
    return usage_error (context, _("--interval cannot be negative"));
  if (!parse_listen (listen != NULL ? listen : DEFAULT_LISTEN, &address, &port, &error))
    return usage_error (context, error->message);
  if (state == NULL)
    state = g_strdup (g_getenv ("STATE_DIRECTORY"));
  if (hub.hub != NULL && state == NULL)
    return usage_error (context, _("give --state-directory to pull from a hub"));

  certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);
  if (certificate == NULL)
    return fail (error);

  service = ecert_office_service_new (store_uri, certificate, &error);
  if (service == NULL || !ecert_office_service_listen (service, address, port, &error))
    return fail (error);

  if (hub.hub != NULL)
    {
      trust_directory = g_build_filename (state, "trust", NULL);
      if ((client = open_upstream (&hub, &error)) == NULL ||
          (trust = ecert_trust_store_new_for_directory (trust_directory, &error)) == NULL)
        return fail (error);
      upstream = ecert_office_upstream_new (store_uri, client, trust, (guint) interval);
      ecert_office_upstream_start (upstream);
    }

  url = ecert_office_service_get_url (service);
  /* Scripts read the address from this line. */
  g_print (_("Serving desks at %s\n"), url);
  fflush (stdout);

  ecert_command_run_until_signal ();
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  return ecert_command_main ("ecert-office", N_("COMMAND [OPTION…]"),
                             N_("A country’s own hub for its inspectors’ desks: one "
                               "connection to the exchange hub, every certificate in "
                               "PostgreSQL, the hub’s operations served to enrolled desks."),
                             commands, argc, argv);
}
