/* test-soap-server.c: EcertSoapServer and EcertAuthority, with the hub client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A certificate authority made in memory issues a server certificate and
 * desks' PKCS#12 files; an EcertSoapServer on loopback answers the core's
 * hub client at once, later, with a fault, or not at all; a desk from
 * another authority is refused with the reason; a client that goes away,
 * and a server that ends, cancel the calls they leave behind.
 */

#include "config.h"

#include <gnutls/x509.h>

#include "ecert-authority.h"
#include "ecert-core.h"
#include "ecert-soap-server.h"
#include "ecert-test-util.h"
#include "ecert-tls-database.h"

#define PASSPHRASE "correct horse"
#define ASYNC_DELAY_MS 200
/* Generous: the machine may be loaded. */
#define POLL_LIMIT_SECONDS 60

typedef struct
{
  EcertAuthority  *authority;
  EcertSoapServer *server;
  char            *directory;
  char            *ca_file;
  char            *desk_file;
  char            *desk_fingerprint;
  char            *url;

  /* What the handler saw and keeps. */
  guint            calls;
  char            *peer_name;
  char            *peer_fingerprint;
  EcertSoapCall   *held;
  gboolean         held_cancelled;
} Fixture;

static gboolean
expire_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @done says so, or fails after a generous
 * limit: the machine may be loaded. */
static void
wait_for (gboolean (*done) (gconstpointer data),
          gconstpointer data)
{
  gboolean expired = FALSE;
  guint limit = g_timeout_add_seconds (POLL_LIMIT_SECONDS, expire_cb, &expired);

  while (!done (data))
    {
      g_assert_false (expired);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (limit);
}

static gboolean
is_set (gconstpointer data)
{
  return *(const gboolean *) data;
}

static gboolean
is_held (gconstpointer data)
{
  return ((const Fixture *) data)->held != NULL;
}

static gboolean
has_result (gconstpointer data)
{
  return *(GAsyncResult * const *) data != NULL;
}

static void
remember_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  wait_for (has_result, slot);
  return *slot;
}

static void
write_file (const char *path,
            GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
}

static EcertAuthority *
make_authority (const char *name)
{
  g_autoptr(GError) error = NULL;
  EcertCertificateSpec spec;
  EcertAuthority *authority;

  ecert_certificate_spec_init (&spec, name, "Plant Health Office", "NZ", 30);
  authority = ecert_authority_new (&spec, &error);
  g_assert_no_error (error);
  g_assert_nonnull (authority);
  return authority;
}

/* A desk's PKCS#12 file, issued by @authority. */
static char *
issue_desk (Fixture        *fixture,
            EcertAuthority *authority,
            const char     *file_name,
            char          **fingerprint)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pkcs12 = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *certificate_pem = NULL;
  char *path = g_build_filename (fixture->directory, file_name, NULL);
  EcertCertificateSpec spec;

  ecert_certificate_spec_init (&spec, "Port desk 7", "Office of Auckland, Port", "nz", 30);
  pkcs12 = ecert_authority_issue_client_pkcs12 (authority, &spec, PASSPHRASE, &certificate_pem,
                                                &error);
  g_assert_no_error (error);
  write_file (path, pkcs12);

  if (fingerprint != NULL)
    {
      certificate = g_tls_certificate_new_from_pem (certificate_pem, -1, &error);
      g_assert_no_error (error);
      *fingerprint = ecert_tls_certificate_get_fingerprint (certificate);
    }

  return path;
}

static gboolean
answer_later_cb (gpointer user_data)
{
  EcertSoapCall *call = user_data;
  EcertSoapReply *reply = ecert_soap_call_get_reply (call);
  g_autoptr(EcertEnvelopeHeader) header = ecert_envelope_header_new ();

  header->from = g_strdup ("AU");
  header->to = g_strdup ("NZ");
  header->certificate_type = 851;
  header->certificate_status = 70;
  header->nppo_certificate_number = g_strdup ("AU-2024-0001");
  header->hub_delivery_number = g_strdup ("OFFICE-0001");
  header->tracking_info = ECERT_TRACKING_INFO_PENDING_DELIVERY;
  ecert_envelope_header_list_add (reply->headers, header);
  ecert_soap_call_return (call, NULL);
  return G_SOURCE_REMOVE;
}

static void
held_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->held_cancelled = TRUE;
}

/* Each operation is answered its own way: GetProfile at once,
 * GetImportEnvelopeHeaders later, GetActiveNppos with a fault,
 * PULLSingleImportEnvelope never, until the test says so, and
 * GetEnvelopeTrackingInfo is dropped. */
static void
handle_cb (EcertSoapServer *server,
           EcertSoapCall   *call,
           gpointer         user_data)
{
  Fixture *fixture = user_data;
  GTlsCertificate *peer = ecert_soap_call_get_peer (call);
  EcertSoapReply *reply = ecert_soap_call_get_reply (call);
  g_autofree char *country = ecert_tls_certificate_get_country (peer);
  EcertSoapOperation operation;

  fixture->calls++;
  g_free (fixture->peer_name);
  fixture->peer_name = ecert_tls_certificate_get_common_name (peer);
  g_free (fixture->peer_fingerprint);
  fixture->peer_fingerprint = ecert_tls_certificate_get_fingerprint (peer);

  operation = ecert_soap_call_get_request (call)->operation;
  if (operation == ECERT_SOAP_GET_PROFILE)
    {
      reply->nppo = ecert_nppo_new (country);
      reply->nppo->receive = g_strdup ("PULL");
      reply->nppo->send = g_strdup ("PULL");
      ecert_soap_call_return (call, NULL);
    }
  else if (operation == ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS)
    {
      g_timeout_add_full (G_PRIORITY_DEFAULT, ASYNC_DELAY_MS, answer_later_cb,
                          ecert_soap_call_ref (call), (GDestroyNotify) ecert_soap_call_unref);
    }
  else if (operation == ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE)
    {
      g_assert_null (fixture->held);
      fixture->held = ecert_soap_call_ref (call);
      fixture->held_cancelled = FALSE;
      g_cancellable_connect (ecert_soap_call_get_cancellable (call),
                             G_CALLBACK (held_cancelled_cb), fixture, NULL);
    }
  else if (operation == ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO)
    {
      /* Dropped unanswered. */
    }
  else
    {
      ecert_soap_call_return (call, g_error_new (ECERT_ERROR, ECERT_ERROR_HUB_FAULT,
                                                 "The desk %s may not ask this",
                                                 fixture->peer_name));
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *server_pem = NULL;
  g_autofree char *server_key = NULL;
  g_autofree char *server_pair = NULL;
  static const char * const hosts[] = { "localhost", "127.0.0.1", "::1", NULL };
  EcertCertificateSpec spec;

  fixture->directory = ecert_test_make_temp_dir ();
  fixture->authority = make_authority ("Test office CA");

  ecert_certificate_spec_init (&spec, "localhost", "Plant Health Office", "NZ", 30);
  ecert_authority_issue (fixture->authority, &spec, ECERT_CERTIFICATE_ROLE_SERVER, hosts,
                         &server_pem, &server_key, &error);
  g_assert_no_error (error);
  server_pair = g_strconcat (server_pem, server_key, NULL);
  certificate = g_tls_certificate_new_from_pem (server_pair, -1, &error);
  g_assert_no_error (error);
  database = ecert_tls_database_new_from_pem (ecert_authority_get_certificate_pem (fixture->authority),
                                              &error);
  g_assert_no_error (error);

  fixture->ca_file = g_build_filename (fixture->directory, "ca.pem", NULL);
  g_file_set_contents (fixture->ca_file, ecert_authority_get_certificate_pem (fixture->authority),
                       -1, &error);
  g_assert_no_error (error);
  fixture->desk_file = issue_desk (fixture, fixture->authority, "desk.p12",
                                   &fixture->desk_fingerprint);

  fixture->server = ecert_soap_server_new ("office", certificate, database, handle_cb, fixture,
                                           NULL);
  ecert_soap_server_listen (fixture->server, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  fixture->url = ecert_soap_server_get_url (fixture->server);
  g_assert_true (g_str_has_prefix (fixture->url, "https://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (fixture->url, ECERT_HUB_SERVICE_PATH));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->held, ecert_soap_call_unref);
  g_clear_object (&fixture->authority);
  ecert_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
  g_free (fixture->ca_file);
  g_free (fixture->desk_file);
  g_free (fixture->desk_fingerprint);
  g_free (fixture->url);
  g_free (fixture->peer_name);
  g_free (fixture->peer_fingerprint);
}

static EcertHubClient *
make_client (Fixture    *fixture,
             const char *pkcs12_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertHubClient) client = ecert_hub_client_new (fixture->url, &error);

  g_assert_no_error (error);
  ecert_hub_client_set_pkcs12_file (client, pkcs12_file, PASSPHRASE, &error);
  g_assert_no_error (error);
  ecert_hub_client_set_ca_file (client, fixture->ca_file, &error);
  g_assert_no_error (error);
  ecert_hub_client_set_retries (client, 0, 0);
  return g_steal_pointer (&client);
}

static void
test_authority_readers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertAuthority) authority = make_authority ("Office, CA");
  g_autoptr(EcertAuthority) reloaded = NULL;
  g_autoptr(EcertAuthority) other = make_authority ("Another CA");
  g_autoptr(EcertAuthority) mismatched = NULL;
  g_autoptr(GBytes) pkcs12 = NULL;
  g_autoptr(GTlsCertificate) opened = NULL;
  g_autoptr(GTlsCertificate) wrong = NULL;
  g_autoptr(GTlsCertificate) authority_certificate = NULL;
  g_autofree char *certificate_pem = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *name = NULL;
  g_autofree char *organization = NULL;
  g_autofree char *country = NULL;
  g_autofree char *expected = NULL;
  gnutls_x509_crt_t parsed = NULL;
  gnutls_datum_t pem = { NULL, 0 };
  guint8 digest[32];
  size_t digest_size = sizeof digest;
  EcertCertificateSpec spec;

  ecert_certificate_spec_init (&spec, "Port desk 7", "Office of Auckland, Port", "nz", 30);
  pkcs12 = ecert_authority_issue_client_pkcs12 (authority, &spec, PASSPHRASE, &certificate_pem,
                                                &error);
  g_assert_no_error (error);

  opened = g_tls_certificate_new_from_pkcs12 (g_bytes_get_data (pkcs12, NULL),
                                              g_bytes_get_size (pkcs12), PASSPHRASE, &error);
  g_assert_no_error (error);
  name = ecert_tls_certificate_get_common_name (opened);
  organization = ecert_tls_certificate_get_organization (opened);
  country = ecert_tls_certificate_get_country (opened);
  g_assert_cmpstr (name, ==, "Port desk 7");
  g_assert_cmpstr (organization, ==, "Office of Auckland, Port");
  g_assert_cmpstr (country, ==, "NZ");

  /* The fingerprint, as GnuTLS computes it on the PEM the authority gave. */
  pem.data = (unsigned char *) certificate_pem;
  pem.size = (unsigned int) strlen (certificate_pem);
  gnutls_x509_crt_init (&parsed);
  g_assert_cmpint (gnutls_x509_crt_import (parsed, &pem, GNUTLS_X509_FMT_PEM), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_get_fingerprint (parsed, GNUTLS_DIG_SHA256, digest,
                                                    &digest_size), ==, 0);
  gnutls_x509_crt_deinit (parsed);
  expected = g_malloc0 (2 * digest_size + 1);
  for (gsize i = 0; i < digest_size; i++)
    g_snprintf (expected + 2 * i, 3, "%02x", digest[i]);
  fingerprint = ecert_tls_certificate_get_fingerprint (opened);
  g_assert_cmpstr (fingerprint, ==, expected);

  /* The certificate chains to the authority. */
  authority_certificate = g_tls_certificate_new_from_pem (ecert_authority_get_certificate_pem (authority),
                                                          -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_tls_certificate_verify (opened, NULL, authority_certificate), ==, 0);

  wrong = g_tls_certificate_new_from_pkcs12 (g_bytes_get_data (pkcs12, NULL),
                                             g_bytes_get_size (pkcs12), "wrong horse", &error);
  g_assert_null (wrong);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD);
  g_clear_error (&error);

  /* An authority kept as PEM comes back, and only with its own key. */
  reloaded = ecert_authority_new_from_pem (ecert_authority_get_certificate_pem (authority),
                                           ecert_authority_get_key_pem (authority), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ecert_authority_get_certificate_pem (reloaded), ==,
                   ecert_authority_get_certificate_pem (authority));
  mismatched = ecert_authority_new_from_pem (ecert_authority_get_certificate_pem (authority),
                                             ecert_authority_get_key_pem (other), &error);
  g_assert_null (mismatched);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  mismatched = ecert_authority_new_from_pem (certificate_pem,
                                             ecert_authority_get_key_pem (authority), &error);
  g_assert_null (mismatched);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
}

static void
test_immediate (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EcertHubClient) client = make_client (fixture, fixture->desk_file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertNppo) nppo = NULL;
  g_autoptr(EcertNppo) second = NULL;

  ecert_hub_client_get_profile_async (client, NULL, remember_cb, &result);
  nppo = ecert_hub_client_get_profile_finish (client, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nppo->country, ==, "NZ");
  g_assert_cmpstr (fixture->peer_name, ==, "Port desk 7");
  g_assert_cmpstr (fixture->peer_fingerprint, ==, fixture->desk_fingerprint);

  /* A second request on the kept-alive connection is still the desk's. */
  ecert_hub_client_get_profile_async (client, NULL, remember_cb, &again);
  second = ecert_hub_client_get_profile_finish (client, wait_for_result (&again), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->country, ==, "NZ");
  g_assert_cmpuint (fixture->calls, ==, 2);
}

/* The office extension, as a desk reads it ------------------------------ */

static const char *office_answer;

static GBytes *
office_extension_cb (EcertSoapServer  *server,
                     GTlsCertificate  *peer,
                     const char       *method,
                     const char       *path,
                     GHashTable       *query,
                     GBytes           *body,
                     gpointer          user_data,
                     GError          **error)
{
  return g_bytes_new (office_answer, strlen (office_answer));
}

static EcertOfficeProfile *
ask_profile (EcertHubClient  *client,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ecert_hub_client_get_office_profile_async (client, NULL, remember_cb, &result);
  return ecert_hub_client_get_office_profile_finish (client, wait_for_result (&result), error);
}

static GPtrArray *
ask_number (EcertHubClient  *client,
            GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ecert_hub_client_find_at_office_async (client, "nz 2026 000417", NULL, remember_cb, &result);
  return ecert_hub_client_find_at_office_finish (client, wait_for_result (&result), error);
}

/* A hub has no extension: a desk learns it talks to a hub. An office's
 * answers are read member by member; what is not the shape it should be
 * is an error in words, never a crash or a half-read profile. */
static void
test_office_extension (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const malformed_profiles[] = {
    "<html>not JSON</html>",
    "[1, 2, 3]",
    "{\"office\": 7, \"country\": \"CN\", \"desk\": \"a\", \"scope\": {\"days\": 0}}",
    "{\"office\": \"O\", \"country\": \"CN\", \"desk\": \"a\"}",
    "{\"office\": \"O\", \"country\": \"CN\", \"desk\": \"a\","
    " \"scope\": {\"ports\": [1], \"days\": 0}}",
    "{\"office\": \"O\", \"country\": \"CN\", \"desk\": \"a\","
    " \"scope\": {\"days\": -3}}",
    "{\"office\": \"O\", \"country\": \"CN\", \"desk\": \"a\", \"scope\"",
  };
  g_autoptr(EcertHubClient) client = make_client (fixture, fixture->desk_file);
  g_autoptr(EcertOfficeProfile) profile = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = NULL;

  profile = ask_profile (client, &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_NOT_AN_OFFICE);
  g_assert_null (profile);
  g_clear_error (&error);

  ecert_soap_server_add_extension (fixture->server, "/office/v1", office_extension_cb, NULL);
  office_answer = "{\"office\": \"Ningbo port office\", \"country\": \"CN\", \"desk\": \"beilun-2\","
                  " \"scope\": {\"ports\": [\"CNNGB\"], \"countries\": [], \"days\": 90}}";
  profile = ask_profile (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (profile->office, ==, "Ningbo port office");
  g_assert_cmpstr (profile->desk, ==, "beilun-2");
  g_assert_cmpstrv (profile->ports, ((const char * const[]) { "CNNGB", NULL }));
  g_assert_cmpuint (g_strv_length (profile->countries), ==, 0);
  g_assert_cmpuint (profile->days, ==, 90);
  scope = ecert_office_profile_describe_scope (profile);
  g_assert_true (strstr (scope, "CNNGB") != NULL);
  g_clear_pointer (&profile, ecert_office_profile_free);

  for (guint i = 0; i < G_N_ELEMENTS (malformed_profiles); i++)
    {
      office_answer = malformed_profiles[i];
      profile = ask_profile (client, &error);
      g_assert_error (error, ECERT_ERROR, ECERT_ERROR_SOAP);
      g_assert_null (profile);
      g_clear_error (&error);
    }

  office_answer = "{\"certificates\": [{\"hub_delivery_number\": \"H-1\", \"content\": 5}]}";
  found = ask_number (client, &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_SOAP);
  g_assert_null (found);
  g_clear_error (&error);

  office_answer = "{\"number\": \"nz 2026 000417\", \"certificates\": []}";
  found = ask_number (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_later (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(EcertHubClient) client = make_client (fixture, fixture->desk_file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertEnvelopeHeaderList) headers = NULL;
  gint64 start = g_get_monotonic_time ();

  ecert_hub_client_get_import_envelope_headers_async (client, NULL, remember_cb, &result);
  headers = ecert_hub_client_get_import_envelope_headers_finish (client,
                                                                  wait_for_result (&result),
                                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, ASYNC_DELAY_MS * 1000);
  g_assert_cmpuint (ecert_envelope_header_list_get_length (headers), ==, 1);
  g_assert_cmpstr (ecert_envelope_header_list_get_delivery_number (headers, 0), ==,
                   "OFFICE-0001");
}

static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(EcertHubClient) client = make_client (fixture, fixture->desk_file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nppos = NULL;

  ecert_hub_client_get_active_nppos_async (client, NULL, remember_cb, &result);
  nppos = ecert_hub_client_get_active_nppos_finish (client, wait_for_result (&result), &error);
  g_assert_null (nppos);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT);
  g_assert_nonnull (strstr (error->message, "The desk Port desk 7 may not ask this"));
}

static void
test_dropped (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EcertHubClient) client = make_client (fixture, fixture->desk_file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertEnvelopeHeader) header = NULL;

  ecert_hub_client_get_envelope_tracking_info_async (client, "OFFICE-0004", NULL, remember_cb,
                                                     &result);
  header = ecert_hub_client_get_envelope_tracking_info_finish (client, wait_for_result (&result),
                                                               &error);
  g_assert_null (header);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "The request was not answered"));
}

static void
test_other_authority (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(EcertAuthority) rogue = make_authority ("Rogue CA");
  g_autofree char *rogue_file = issue_desk (fixture, rogue, "rogue.p12", NULL);
  g_autoptr(EcertHubClient) client = make_client (fixture, rogue_file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertNppo) nppo = NULL;

  ecert_hub_client_get_profile_async (client, NULL, remember_cb, &result);
  nppo = ecert_hub_client_get_profile_finish (client, wait_for_result (&result), &error);
  g_assert_null (nppo);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message,
                            "it was not issued by this office's certificate authority"));
  g_assert_cmpuint (fixture->calls, ==, 0);
}

static void
test_client_goes_away (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EcertHubClient) client = make_client (fixture, fixture->desk_file);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) profile_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertEnvelope) envelope = NULL;
  g_autoptr(EcertNppo) nppo = NULL;

  ecert_hub_client_pull_single_import_envelope_async (client, "OFFICE-0002", cancellable,
                                                      remember_cb, &result);
  wait_for (is_held, fixture);

  g_cancellable_cancel (cancellable);
  envelope = ecert_hub_client_pull_single_import_envelope_finish (client,
                                                                  wait_for_result (&result),
                                                                  &error);
  g_assert_null (envelope);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The server notices, though the message waits paused, and its reply
   * now goes nowhere. */
  wait_for (is_set, &fixture->held_cancelled);
  ecert_soap_call_return (fixture->held, NULL);
  g_clear_pointer (&fixture->held, ecert_soap_call_unref);

  /* The server still serves. */
  g_clear_error (&error);
  ecert_hub_client_get_profile_async (client, NULL, remember_cb, &profile_result);
  nppo = ecert_hub_client_get_profile_finish (client, wait_for_result (&profile_result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nppo->country, ==, "NZ");
}

static void
test_server_ends (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EcertHubClient) client = make_client (fixture, fixture->desk_file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertEnvelope) envelope = NULL;

  ecert_hub_client_pull_single_import_envelope_async (client, "OFFICE-0003", NULL, remember_cb,
                                                      &result);
  wait_for (is_held, fixture);

  /* The handler still holds the call when the server goes: it learns so,
   * and returning the call afterwards does nothing. */
  g_clear_object (&fixture->server);
  g_assert_true (fixture->held_cancelled);
  ecert_soap_call_return (fixture->held, NULL);
  g_clear_pointer (&fixture->held, ecert_soap_call_unref);

  envelope = ecert_hub_client_pull_single_import_envelope_finish (client,
                                                                  wait_for_result (&result),
                                                                  &error);
  g_assert_null (envelope);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/authority/readers", test_authority_readers);
  g_test_add ("/soap-server/immediate", Fixture, NULL, fixture_set_up, test_immediate,
              fixture_tear_down);
  g_test_add ("/soap-server/office-extension", Fixture, NULL, fixture_set_up,
              test_office_extension, fixture_tear_down);
  g_test_add ("/soap-server/later", Fixture, NULL, fixture_set_up, test_later,
              fixture_tear_down);
  g_test_add ("/soap-server/fault", Fixture, NULL, fixture_set_up, test_fault,
              fixture_tear_down);
  g_test_add ("/soap-server/dropped", Fixture, NULL, fixture_set_up, test_dropped,
              fixture_tear_down);
  g_test_add ("/soap-server/other-authority", Fixture, NULL, fixture_set_up,
              test_other_authority, fixture_tear_down);
  g_test_add ("/soap-server/client-goes-away", Fixture, NULL, fixture_set_up,
              test_client_goes_away, fixture_tear_down);
  g_test_add ("/soap-server/server-ends", Fixture, NULL, fixture_set_up, test_server_ends,
              fixture_tear_down);

  return g_test_run ();
}
