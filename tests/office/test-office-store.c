/* test-office-store.c: the office's store against a real PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/integration/test_office_store.py, which starts PostgreSQL
 * and gives the URIs of the office's role, the reporting role and the
 * superuser in the environment. Each test starts from an empty database.
 */

#include "config.h"

#include <libpq-fe.h>

#include "ecert-core.h"
#include "ecert-office-search-private.h"
#include "ecert-office-store.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

#define FINGERPRINT_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define FINGERPRINT_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define FINGERPRINT_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

/* Generous, for a loaded machine; nothing waits for it unless it fails. */
#define WAIT_LIMIT_US ((gint64) 120 * G_USEC_PER_SEC)

static const char *
uri (const char *variable)
{
  const char *value = g_getenv (variable);

  g_assert_nonnull (value);
  return value;
}

#define OFFICE_URI uri ("ECERT_OFFICE_TEST_URI")
#define REPORTING_URI uri ("ECERT_OFFICE_TEST_REPORTING_URI")
#define ADMIN_URI uri ("ECERT_OFFICE_TEST_ADMIN_URI")

/* The same database as the office's, under another application name, so
 * that a test can find that connection's backend. */
static char *
named_uri (const char *name)
{
  return g_strdup_printf ("%s?application_name=%s", OFFICE_URI, name);
}

/* Raw connections, for what the store does not offer ------------------------ */

static void
quiet_cb (void       *user_data,
          const char *message)
{
}

static PGconn *
raw_connect (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect for the test: %s", PQerrorMessage (conn));
  PQsetNoticeProcessor (conn, quiet_cb, NULL);
  return conn;
}

static char *
raw_value (const char *conninfo,
           const char *sql)
{
  g_autoptr(PGconn) conn = raw_connect (conninfo);
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("“%s” failed: %s", sql, PQerrorMessage (conn));
  if (PQntuples (result) == 0)
    return NULL;
  return g_strdup (PQgetvalue (result, 0, 0));
}

static gint64
raw_int (const char *conninfo,
         const char *sql)
{
  g_autofree char *value = raw_value (conninfo, sql);

  g_assert_nonnull (value);
  return g_ascii_strtoll (value, NULL, 10);
}

/* The SQLSTATE of @sql, which must fail. */
static char *
raw_failure (const char *conninfo,
             const char *sql)
{
  g_autoptr(PGconn) conn = raw_connect (conninfo);
  g_autoptr(PGresult) result = PQexec (conn, sql);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
  return g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
}

static void
terminate_backend (const char *application_name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(pg_terminate_backend (pid))"
                                          " FROM pg_stat_activity WHERE application_name = '%s'",
                                          application_name);

  g_assert_cmpint (raw_int (ADMIN_URI, sql), ==, 1);
}

static void
empty_database (void)
{
  g_free (raw_value (OFFICE_URI, "DROP TABLE IF EXISTS schema_version, office, settings, upstream_acknowledgements, outgoing, paper_checks,"
                                 " certificates, desks, desk_acknowledgements, anchors CASCADE"));
}

/* The store ------------------------------------------------------------------ */

static EcertOfficeStore *
connect_store (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  EcertOfficeStore *store = ecert_office_store_connect (conninfo, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static EcertOfficeStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = NULL;

  empty_database ();
  store = connect_store (OFFICE_URI);
  g_assert_true (ecert_office_store_migrate (store, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static char *
content_for (const char *delivery)
{
  return g_strdup_printf ("<?xml version=\"1.0\"?>\n<SPSCertificate id=\"%s\">é</SPSCertificate>\n",
                          delivery);
}

/* Adds a certificate from @from for @ports (comma-separated, or NULL for
 * none); returns its sequence number. */
static gint64
add_full (EcertOfficeStore *store,
          const char       *delivery,
          const char       *from,
          const char       *ports,
          const char       *number,
          const char       *words,
          gboolean         *added)
{
  g_autoptr(GError) error = NULL;
  EcertOfficeCertificate certificate = { 0 };
  EcertEnvelopeHeader *header;
  gint64 sequence;

  certificate.envelope = ecert_envelope_new ();
  header = certificate.envelope->header;
  header->hub_delivery_number = g_strdup (delivery);
  header->from = g_strdup (from);
  header->to = g_strdup ("CN");
  header->certificate_type = 851;
  header->certificate_status = 70;
  header->nppo_certificate_number = g_strdup (number);
  certificate.envelope->content = content_for (delivery);
  certificate.ports = ports != NULL ? g_strsplit (ports, ",", -1) : NULL;
  certificate.search_text = g_strdup (words);
  certificate.verdict = g_strdup ("trusted");
  certificate.explanation = g_strdup ("Signed by the exporting NPPO.");
  certificate.source = g_strdup ("https://hub.example/");

  g_assert_true (ecert_office_store_add_certificate (store, &certificate, added, &error));
  g_assert_no_error (error);
  g_assert_cmpint (certificate.sequence, >, 0);
  sequence = certificate.sequence;
  ecert_office_certificate_clear (&certificate);
  return sequence;
}

static gint64
add (EcertOfficeStore *store,
     const char       *delivery,
     const char       *from,
     const char       *ports)
{
  g_autofree char *number = g_strdup_printf ("%s-2026-%s", from, delivery);
  gboolean added = FALSE;
  gint64 sequence = add_full (store, delivery, from, ports, number, NULL, &added);

  g_assert_true (added);
  return sequence;
}

static void
add_desk (EcertOfficeStore *store,
          const char       *name,
          const char       *fingerprint,
          const char       *ports,
          const char       *countries,
          guint             days)
{
  g_autoptr(GError) error = NULL;
  EcertOfficeScope scope = { 0 };

  scope.ports = ports != NULL ? g_strsplit (ports, ",", -1) : NULL;
  scope.countries = countries != NULL ? g_strsplit (countries, ",", -1) : NULL;
  scope.days = days;
  g_assert_true (ecert_office_store_add_desk (store, name, fingerprint, &scope, &error));
  g_assert_no_error (error);
  ecert_office_scope_clear (&scope);
}

/* The delivery numbers of @envelopes, joined by spaces. */
static char *
numbers (GPtrArray *envelopes)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  g_assert_nonnull (envelopes);
  for (guint i = 0; i < envelopes->len; i++)
    {
      EcertEnvelope *envelope = envelopes->pdata[i];

      g_strv_builder_add (builder, envelope->header->hub_delivery_number);
    }
  list = g_strv_builder_end (builder);
  return g_strjoinv (" ", list);
}

static char *
pending (EcertOfficeStore *store,
         const char       *desk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) envelopes = ecert_office_store_list_pending (store, desk, 0, FALSE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < envelopes->len; i++)
    {
      EcertEnvelope *envelope = envelopes->pdata[i];

      g_assert_cmpint (envelope->header->tracking_info, ==, ECERT_TRACKING_INFO_PENDING_DELIVERY);
      g_assert_null (envelope->content);
    }
  return numbers (envelopes);
}

static void
acknowledge (EcertOfficeStore  *store,
             const char        *desk,
             const char        *delivery,
             EcertTrackingInfo  state)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = ecert_office_store_acknowledge (store, desk, delivery, state, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static gint64
acknowledgement_rows (void)
{
  return raw_int (OFFICE_URI, "SELECT count(*) FROM desk_acknowledgements");
}

static gint64
cursor_of (const char *desk)
{
  g_autofree char *sql = g_strdup_printf ("SELECT cursor FROM desks WHERE name = '%s'", desk);

  return raw_int (OFFICE_URI, sql);
}

static gint64
backlog_of (EcertOfficeStore *store,
            const char       *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) desks = ecert_office_store_list_desks (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < desks->len; i++)
    {
      EcertOfficeDesk *desk = desks->pdata[i];

      if (g_str_equal (desk->name, name))
        return desk->backlog;
    }
  g_assert_not_reached ();
}

/* The schema ----------------------------------------------------------------- */

static void
test_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = NULL;

  empty_database ();
  store = connect_store (OFFICE_URI);

  g_assert_false (ecert_office_store_check_schema (store, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "run “ecert-office init”"));
  g_clear_error (&error);

  g_assert_true (ecert_office_store_migrate (store, &error));
  g_assert_no_error (error);
  g_assert_true (ecert_office_store_check_schema (store, &error));
  g_assert_no_error (error);

  /* Again: nothing changes, nothing fails. */
  add (store, "D1", "NZ", NULL);
  g_assert_true (ecert_office_store_migrate (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ecert_office_store_count (store, &error), ==, 1);
  g_assert_cmpint (raw_int (OFFICE_URI, "SELECT count(*) FROM schema_version"), ==, 1);
  g_assert_cmpint (raw_int (OFFICE_URI, "SELECT version FROM schema_version"), ==,
                   ECERT_OFFICE_STORE_SCHEMA_VERSION);

  /* A store a newer program wrote is refused, and left as it is. */
  g_free (raw_value (OFFICE_URI, "UPDATE schema_version SET version = version + 1"));
  g_assert_false (ecert_office_store_check_schema (store, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "newer than this program knows"));
  g_clear_error (&error);
  g_assert_false (ecert_office_store_migrate (store, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "newer than this program knows"));
  g_clear_error (&error);
  g_assert_cmpint (raw_int (OFFICE_URI, "SELECT version FROM schema_version"), ==,
                   ECERT_OFFICE_STORE_SCHEMA_VERSION + 1);

  /* The store is still usable after the refused migration's rollback. */
  g_assert_cmpint (ecert_office_store_count (store, &error), ==, 1);
  g_assert_no_error (error);
}

static void
test_office (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = new_store ();
  g_autofree char *name = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  name = ecert_office_store_get_name (store, &error);
  g_assert_no_error (error);
  g_assert_null (name);
  g_assert_true (ecert_office_store_set_name (store, "GACC Shanghai", &error));
  name = ecert_office_store_get_name (store, &error);
  g_assert_cmpstr (name, ==, "GACC Shanghai");

  g_assert_true (ecert_office_store_get_authority (store, &certificate, &key, &error));
  g_assert_null (certificate);
  g_assert_null (key);
  g_assert_true (ecert_office_store_set_authority (store, "-----BEGIN CERTIFICATE-----\n",
                                                   "-----BEGIN PRIVATE KEY-----\n", &error));
  g_assert_true (ecert_office_store_get_authority (store, &certificate, &key, &error));
  g_assert_cmpstr (certificate, ==, "-----BEGIN CERTIFICATE-----\n");
  g_assert_cmpstr (key, ==, "-----BEGIN PRIVATE KEY-----\n");

  value = ecert_office_store_get_value (store, "upstream", &error);
  g_assert_null (value);
  g_assert_true (ecert_office_store_set_value (store, "upstream", "https://hub.example/", &error));
  g_assert_true (ecert_office_store_set_value (store, "upstream", "https://hub.example/'; --",
                                               &error));
  value = ecert_office_store_get_value (store, "upstream", &error);
  g_assert_cmpstr (value, ==, "https://hub.example/'; --");
  g_clear_pointer (&value, g_free);
  g_assert_true (ecert_office_store_set_value (store, "upstream", NULL, &error));
  value = ecert_office_store_get_value (store, "upstream", &error);
  g_assert_null (value);
  g_assert_no_error (error);
}

/* Desks ------------------------------------------------------------------------ */

static void
test_desks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = new_store ();
  g_autoptr(GPtrArray) desks = NULL;
  g_autoptr(EcertOfficeDesk) found = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  EcertOfficeScope scope = { 0 };
  EcertOfficeDesk *desk;

  add_desk (store, "pudong-1", FINGERPRINT_A, "cn sha,CNNGB", "nz,AU", 90);
  add_desk (store, "airport", FINGERPRINT_B, NULL, NULL, 0);

  /* A name or a certificate is one desk's. */
  g_assert_false (ecert_office_store_add_desk (store, "pudong-1", FINGERPRINT_C, &scope, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "already enrolled"));
  g_clear_error (&error);
  g_assert_false (ecert_office_store_add_desk (store, "other", FINGERPRINT_A, &scope, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (ecert_office_store_add_desk (store, "other", "not hex", &scope, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  scope.ports = g_strsplit ("CNSHANGHAI", ",", -1);
  g_assert_false (ecert_office_store_add_desk (store, "other", FINGERPRINT_C, &scope, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_pointer (&scope.ports, g_strfreev);
  scope.countries = g_strsplit ("NZL", ",", -1);
  g_assert_false (ecert_office_store_add_desk (store, "other", FINGERPRINT_C, &scope, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_COUNTRY);
  g_clear_error (&error);
  ecert_office_scope_clear (&scope);

  desks = ecert_office_store_list_desks (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (desks->len, ==, 2);
  desk = desks->pdata[0];
  g_assert_cmpstr (desk->name, ==, "airport");
  g_assert_cmpuint (g_strv_length (desk->scope.ports), ==, 0);
  g_assert_cmpuint (g_strv_length (desk->scope.countries), ==, 0);
  desk = desks->pdata[1];
  g_assert_cmpstr (desk->name, ==, "pudong-1");
  g_assert_cmpstr (desk->fingerprint, ==, FINGERPRINT_A);
  g_assert_cmpstrv (desk->scope.ports, ((const char * const[]) { "CNSHA", "CNNGB", NULL }));
  g_assert_cmpstrv (desk->scope.countries, ((const char * const[]) { "NZ", "AU", NULL }));
  g_assert_cmpuint (desk->scope.days, ==, 90);
  g_assert_cmpint (ABS (desk->enrolled - g_get_real_time ()), <, (gint64) 3600 * G_USEC_PER_SEC);
  g_assert_cmpint (desk->revoked, ==, 0);
  g_assert_cmpint (desk->backlog, ==, 0);

  /* Found by its certificate, however the fingerprint is written. */
  found = ecert_office_store_find_desk (store, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                        &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->name, ==, "pudong-1");
  /* Asked on every request: the backlog is not counted. */
  g_assert_cmpint (found->backlog, ==, -1);
  g_clear_pointer (&found, ecert_office_desk_free);
  found = ecert_office_store_find_desk (store, FINGERPRINT_C, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Revoked: still found, so that it can be told why it is refused, but
   * given nothing. */
  g_assert_true (ecert_office_store_revoke_desk (store, "pudong-1", &error));
  g_assert_true (ecert_office_store_revoke_desk (store, "pudong-1", &error));
  g_assert_no_error (error);
  found = ecert_office_store_find_desk (store, FINGERPRINT_A, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->revoked, >, 0);
  listed = ecert_office_store_list_pending (store, "pudong-1", 0, FALSE, &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "revoked"));
  g_assert_null (listed);
  g_clear_error (&error);
  listed = ecert_office_store_list_pending (store, "nobody", 0, FALSE, &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_assert_null (listed);
  g_clear_error (&error);

  g_assert_false (ecert_office_store_revoke_desk (store, "nobody", &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
}

static void
test_scope_describe (void)
{
  EcertOfficeScope scope = { 0 };
  g_autofree char *all = NULL;
  g_autofree char *some = NULL;

  all = ecert_office_scope_describe (&scope);
  g_assert_cmpstr (all, ==, "Ports: all · exporting countries: all · everything already held");

  scope.ports = g_strsplit ("CNSHA,CNNGB", ",", -1);
  scope.countries = g_strsplit ("NZ", ",", -1);
  scope.days = 90;
  some = ecert_office_scope_describe (&scope);
  g_assert_cmpstr (some, ==, "Ports: CNSHA, CNNGB · exporting countries: NZ · 90 days");
  ecert_office_scope_clear (&scope);
}

/* Scopes, cursors and acknowledgements ---------------------------------------- */

static void
test_scopes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = new_store ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) with_content = NULL;
  g_autoptr(EcertEnvelope) envelope = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *expected_content = NULL;
  gint64 s5;
  gint64 s6;

  add (store, "S1", "NZ", "CNSHA");
  add (store, "S2", "NZ", "CNNGB");
  /* Older than the 90 days of a desk's window. */
  g_free (raw_value (OFFICE_URI, "UPDATE certificates SET received_at = now () - interval '200 days'"));
  add (store, "S3", "AU", "CN SHA");
  add (store, "S4", "NZ", NULL);
  s5 = add (store, "S5", "US", "CNTAO");
  s6 = add (store, "S6", "AU", "CNNGB,cnsha");

  add_desk (store, "everything", FINGERPRINT_A, NULL, NULL, 0);
  add_desk (store, "shanghai", FINGERPRINT_B, "CNSHA", NULL, 0);
  add_desk (store, "nz-recent", FINGERPRINT_C, NULL, "NZ", 90);

  /* A certificate that names no port (S4) goes to every port's desk. */
  listed = pending (store, "everything");
  g_assert_cmpstr (listed, ==, "S1 S2 S3 S4 S5 S6");
  g_clear_pointer (&listed, g_free);
  listed = pending (store, "shanghai");
  g_assert_cmpstr (listed, ==, "S1 S3 S4 S6");
  g_clear_pointer (&listed, g_free);
  listed = pending (store, "nz-recent");
  g_assert_cmpstr (listed, ==, "S4");
  g_clear_pointer (&listed, g_free);
  g_assert_cmpint (backlog_of (store, "everything"), ==, 6);
  g_assert_cmpint (backlog_of (store, "shanghai"), ==, 4);
  g_assert_cmpint (backlog_of (store, "nz-recent"), ==, 1);

  first = ecert_office_store_list_pending (store, "everything", 2, FALSE, &error);
  g_assert_no_error (error);
  listed = numbers (first);
  g_assert_cmpstr (listed, ==, "S1 S2");
  g_clear_pointer (&listed, g_free);

  with_content = ecert_office_store_list_pending (store, "nz-recent", 0, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (with_content->len, ==, 1);
  expected_content = content_for ("S4");
  envelope = ecert_envelope_copy (with_content->pdata[0]);
  g_assert_cmpstr (envelope->content, ==, expected_content);
  g_assert_cmpstr (envelope->header->from, ==, "NZ");
  g_assert_cmpstr (envelope->header->to, ==, "CN");
  g_assert_cmpint (envelope->header->certificate_type, ==, 851);
  g_assert_cmpint (envelope->header->certificate_status, ==, 70);
  g_assert_cmpstr (envelope->header->nppo_certificate_number, ==, "NZ-2026-S4");
  g_clear_pointer (&envelope, ecert_envelope_free);

  /* Another desk's scope is not even confirmed to exist. */
  envelope = ecert_office_store_lookup_for_desk (store, "shanghai", "S5", &error);
  g_assert_no_error (error);
  g_assert_null (envelope);
  envelope = ecert_office_store_lookup_for_desk (store, "shanghai", "NOSUCH", &error);
  g_assert_no_error (error);
  g_assert_null (envelope);
  envelope = ecert_office_store_lookup_for_desk (store, "shanghai", "S1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (envelope);
  g_assert_cmpstr (envelope->content, ==, "<?xml version=\"1.0\"?>\n<SPSCertificate id=\"S1\">é</SPSCertificate>\n");
  g_assert_cmpint (envelope->header->tracking_info, ==, ECERT_TRACKING_INFO_PENDING_DELIVERY);
  g_clear_pointer (&envelope, ecert_envelope_free);
  /* Before the window of a desk: its to look up, but never delivered. */
  envelope = ecert_office_store_lookup_for_desk (store, "nz-recent", "S1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (envelope);
  g_assert_cmpint (envelope->header->tracking_info, ==, ECERT_TRACKING_INFO_DELIVERED);
  g_clear_pointer (&envelope, ecert_envelope_free);

  /* Out of order: the cursor waits for S1; the first state is kept. */
  acknowledge (store, "shanghai", "S6", ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS);
  acknowledge (store, "shanghai", "S6", ECERT_TRACKING_INFO_DELIVERED);
  acknowledge (store, "shanghai", "S3", ECERT_TRACKING_INFO_DELIVERED);
  g_assert_cmpint (cursor_of ("shanghai"), ==, 0);
  g_assert_cmpint (acknowledgement_rows (), ==, 2);
  envelope = ecert_office_store_lookup_for_desk (store, "shanghai", "S6", &error);
  g_assert_nonnull (envelope);
  g_assert_cmpint (envelope->header->tracking_info, ==, ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS);
  g_clear_pointer (&envelope, ecert_envelope_free);
  listed = pending (store, "shanghai");
  g_assert_cmpstr (listed, ==, "S1 S4");
  g_clear_pointer (&listed, g_free);
  g_assert_cmpint (backlog_of (store, "shanghai"), ==, 2);

  /* S1 lets the cursor pass S2 (not its scope) and S3, and stop at S4. */
  acknowledge (store, "shanghai", "S1", ECERT_TRACKING_INFO_DELIVERED);
  g_assert_cmpint (cursor_of ("shanghai"), ==, s5 - 2);
  g_assert_cmpint (acknowledgement_rows (), ==, 1);
  acknowledge (store, "shanghai", "S4", ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE);
  g_assert_cmpint (cursor_of ("shanghai"), ==, s6);
  g_assert_cmpint (acknowledgement_rows (), ==, 0);
  listed = pending (store, "shanghai");
  g_assert_cmpstr (listed, ==, "");
  g_clear_pointer (&listed, g_free);
  g_assert_cmpint (backlog_of (store, "shanghai"), ==, 0);

  /* Again, after the cursor passed: nothing changes. */
  acknowledge (store, "shanghai", "S1", ECERT_TRACKING_INFO_DELIVERED);
  g_assert_cmpint (cursor_of ("shanghai"), ==, s6);
  g_assert_cmpint (acknowledgement_rows (), ==, 0);

  /* Outside the scope, or unknown: the same refusal. */
  g_assert_false (ecert_office_store_acknowledge (store, "shanghai", "S5",
                                                  ECERT_TRACKING_INFO_DELIVERED, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (ecert_office_store_acknowledge (store, "shanghai", "NOSUCH",
                                                  ECERT_TRACKING_INFO_DELIVERED, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (ecert_office_store_acknowledge (store, "nz-recent", "S3",
                                                  ECERT_TRACKING_INFO_DELIVERED, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* What arrives next is listed from the cursor on. */
  add (store, "S7", "NZ", "CNSHA");
  listed = pending (store, "shanghai");
  g_assert_cmpstr (listed, ==, "S7");
  g_clear_pointer (&listed, g_free);
  listed = pending (store, "nz-recent");
  g_assert_cmpstr (listed, ==, "S4 S7");
  g_clear_pointer (&listed, g_free);

  /* Every desk acknowledges everything, in reverse: no rows stay. */
  for (int i = 7; i >= 1; i--)
    {
      g_autofree char *delivery = g_strdup_printf ("S%d", i);

      acknowledge (store, "everything", delivery, ECERT_TRACKING_INFO_DELIVERED);
      g_assert_cmpint (acknowledgement_rows (), ==, i == 1 ? 0 : 8 - i);
    }
  acknowledge (store, "shanghai", "S7", ECERT_TRACKING_INFO_DELIVERED);
  acknowledge (store, "nz-recent", "S7", ECERT_TRACKING_INFO_DELIVERED);
  g_assert_cmpint (acknowledgement_rows (), ==, 1);
  acknowledge (store, "nz-recent", "S4", ECERT_TRACKING_INFO_DELIVERED);
  g_assert_cmpint (acknowledgement_rows (), ==, 0);
  for (const char * const *desk = (const char * const[]) { "everything", "shanghai", "nz-recent", NULL };
       *desk != NULL; desk++)
    {
      listed = pending (store, *desk);
      g_assert_cmpstr (listed, ==, "");
      g_clear_pointer (&listed, g_free);
      g_assert_cmpint (backlog_of (store, *desk), ==, 0);
    }
}

static void
test_duplicates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = new_store ();
  gboolean added = TRUE;
  gboolean found = FALSE;
  gint64 first;
  gint64 again;

  first = add (store, "D1", "NZ", "CNSHA");
  again = add_full (store, "D1", "NZ", "CNSHA", "NZ-2026-D1", NULL, &added);
  g_assert_false (added);
  g_assert_cmpint (again, ==, first);
  g_assert_cmpint (ecert_office_store_count (store, &error), ==, 1);

  g_assert_true (ecert_office_store_has_certificate (store, "D1", &found, &error));
  g_assert_true (found);
  g_assert_true (ecert_office_store_has_certificate (store, "D2", &found, &error));
  g_assert_false (found);
  g_assert_no_error (error);

  /* Content is stored as the exact bytes, and its digest with it. */
  g_assert_cmpint (raw_int (OFFICE_URI, "SELECT count(*) FROM certificates"
                                        " WHERE encode (sha256 (content), 'hex') = sha256"), ==, 1);
}

/* Leadership ------------------------------------------------------------------ */

static void
assert_leads (EcertOfficeStore *store,
              gboolean          expected)
{
  g_autoptr(GError) error = NULL;
  gboolean leading = !expected;

  g_assert_true (ecert_office_store_try_lead (store, &leading, &error));
  g_assert_no_error (error);
  g_assert_cmpint (leading, ==, expected);
}

/* The server releases a lost session's lock when its backend ends, which
 * is not at once. */
static void
wait_to_lead (EcertOfficeStore *store)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;
      gboolean leading = FALSE;

      g_assert_true (ecert_office_store_try_lead (store, &leading, &error));
      if (leading)
        return;
      g_usleep (20000);
    }
  g_error ("The other instance never became the upstream worker");
}

static void
test_leadership (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) setup = new_store ();
  g_autofree char *uri_a = named_uri ("leader-a");
  g_autofree char *uri_b = named_uri ("leader-b");
  g_autofree char *uri_c = named_uri ("leader-c");
  g_autoptr(EcertOfficeStore) a = connect_store (uri_a);
  g_autoptr(EcertOfficeStore) b = connect_store (uri_b);
  g_autoptr(EcertOfficeStore) c = connect_store (uri_c);

  assert_leads (a, TRUE);
  assert_leads (a, TRUE);
  assert_leads (b, FALSE);

  g_assert_true (ecert_office_store_begin_leading (a, &error));
  g_assert_no_error (error);
  add (a, "L1", "NZ", NULL);
  g_assert_true (ecert_office_store_commit (a, &error));

  g_assert_false (ecert_office_store_begin_leading (b, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "no longer the upstream worker"));
  g_clear_error (&error);
  /* Nothing was left begun. */
  g_assert_true (ecert_office_store_begin (b, &error));
  g_assert_true (ecert_office_store_commit (b, &error));
  g_assert_no_error (error);

  /* The leader goes away: the other takes over. */
  g_clear_object (&a);
  wait_to_lead (b);
  assert_leads (c, FALSE);

  /* The leader's connection is cut: it cannot write, not even once it is
   * connected again, while another instance leads. */
  terminate_backend ("leader-b");
  g_assert_false (ecert_office_store_begin_leading (b, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_clear_error (&error);
  wait_to_lead (c);
  g_assert_true (ecert_office_store_reconnect (b, &error));
  g_assert_no_error (error);
  g_assert_false (ecert_office_store_begin_leading (b, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "no longer the upstream worker"));
  g_clear_error (&error);
  assert_leads (b, FALSE);

  g_assert_true (ecert_office_store_begin_leading (c, &error));
  add (c, "L2", "NZ", NULL);
  g_assert_true (ecert_office_store_commit (c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ecert_office_store_count (setup, &error), ==, 2);
}

/* Arrivals -------------------------------------------------------------------- */

/* Waits for the listener's socket, and returns the newest sequence
 * number notified. */
static gint64
wait_for_notification (EcertOfficeStore *listener)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;
      GPollFD fd = { ecert_office_store_get_socket (listener), G_IO_IN, 0 };
      gint64 newest = -1;

      g_poll (&fd, 1, 1000);
      g_assert_true (ecert_office_store_read_notifications (listener, &newest, &error));
      g_assert_no_error (error);
      if (newest != -1)
        return newest;
    }
  g_error ("No notification arrived");
}

static void
test_notifications (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) writer = new_store ();
  g_autoptr(EcertOfficeStore) listener = connect_store (OFFICE_URI);
  gint64 newest = 0;
  gint64 sequence;

  g_assert_true (ecert_office_store_listen (listener, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ecert_office_store_get_socket (listener), >=, 0);
  g_assert_true (ecert_office_store_read_notifications (listener, &newest, &error));
  g_assert_cmpint (newest, ==, -1);

  g_assert_true (ecert_office_store_begin (writer, &error));
  sequence = add (writer, "N1", "NZ", NULL);

  /* A notification sent after the addition, but committed before it, comes
   * alone: the addition's waits for its commit. */
  g_free (raw_value (OFFICE_URI, "SELECT pg_notify ('" ECERT_OFFICE_STORE_ARRIVALS_CHANNEL "', '0')"));
  g_assert_cmpint (wait_for_notification (listener), ==, 0);

  g_assert_true (ecert_office_store_commit (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wait_for_notification (listener), ==, sequence);

  /* Several in one transaction: the newest is what counts. */
  g_assert_true (ecert_office_store_begin (writer, &error));
  add (writer, "N2", "NZ", NULL);
  sequence = add (writer, "N3", "NZ", NULL);
  g_assert_true (ecert_office_store_commit (writer, &error));
  g_assert_cmpint (wait_for_notification (listener), ==, sequence);

  /* Rolled back: nothing is notified. */
  g_assert_true (ecert_office_store_begin (writer, &error));
  add (writer, "N4", "NZ", NULL);
  ecert_office_store_rollback (writer);
  g_free (raw_value (OFFICE_URI, "SELECT pg_notify ('" ECERT_OFFICE_STORE_ARRIVALS_CHANNEL "', '0')"));
  g_assert_cmpint (wait_for_notification (listener), ==, 0);
  g_assert_cmpint (ecert_office_store_count (writer, &error), ==, 3);
}

/* Search ----------------------------------------------------------------------- */

static void
test_search_words (void)
{
  struct { const char *text; const char *document; } documents[] = {
    { "上海鲜果进出口有限公司", "上海 海鲜 鲜果 果进 进出 出口 口有 有限 限公 公司 司" },
    { "Kiwifruit (Actinidia chinensis), ZESPRI", "kiwifruit actinidia chinensis zespri" },
    { "Société Générale 北京", "societe generale 北京 京" },
    { "ＮＺ－２０２６", "nz 2026" },
    { "コーヒー豆", "コー ーヒ ヒー ー豆 豆" },
    { "서울특별시", "서울 울특 특별 별시 시" },
    { "", "" },
  };
  struct { const char *words; const char *query; } queries[] = {
    { "kiwi", "'kiwi':*" },
    { "鲜果", "('鲜果')" },
    { "上海鲜果 Kiwi", "('上海' <-> '海鲜' <-> '鲜果') & 'kiwi':*" },
    { "果", "'果':*" },
    { "a'b\\c", "'a':* & 'b':* & 'c':*" },
    { "' & | ! ( ) : *", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *document = _ecert_office_search_document (documents[i].text);

      g_assert_cmpstr (document, ==, documents[i].document);
    }
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *query = _ecert_office_search_query (queries[i].words);

      g_assert_cmpstr (query, ==, queries[i].query);
    }
}

static char *
search (EcertOfficeStore *store,
        const char       *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = ecert_office_store_search (store, words, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_assert_null (((EcertEnvelope *) found->pdata[i])->content);
  return numbers (found);
}

/* Words, and the certificates of test_search they find, newest first. */
static const struct
{
  const char *words;
  const char *found;
} search_cases[] = {
  { "kiwi", "K3 K1" },
  { "KIWIFRUIT gold", "K3" },
  { "鲜果", "K1" },
  { "海鲜果", "K1" },
  { "鲜海", "" },
  { "北京", "K2" },
  { "果", "K2 K1" },
  { "有限公司", "K2 K1" },
  { "apples 北京", "K2" },
  { "apples 上海", "" },
  { "NZ-2026-000417", "K1" },
  { "nz2026000417", "K1" },
  { "cntao", "K2" },
  { "' & | ! ( ) : *", "" },
  { "'; DROP TABLE certificates; --", "" },
};

static void
test_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = new_store ();
  g_autoptr(GPtrArray) by_number = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  g_autofree char *found = NULL;
  g_autofree char *key = NULL;
  gboolean added;

  add_full (store, "K1", "NZ", "CNSHA", "NZ-2026-000417",
            "Kiwifruit (Actinidia chinensis) Zespri International 上海鲜果进出口有限公司", &added);
  add_full (store, "K2", "US", "CNTAO", "US/2026/88",
            "Apples (Malus domestica) 北京果品有限公司", &added);
  add_full (store, "K3", "NZ", NULL, "NZ-2026-000418", "Kiwifruit Gold", &added);


  for (guint i = 0; i < G_N_ELEMENTS (search_cases); i++)
    {
      found = search (store, search_cases[i].words);
      g_assert_cmpstr (found, ==, search_cases[i].found);
      g_clear_pointer (&found, g_free);
    }

  limited = ecert_office_store_search (store, "kiwifruit", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limited->len, ==, 1);

  key = ecert_cache_normalize_number ("nz 2026 000417");
  by_number = ecert_office_store_find_by_number (store, key, &error);
  g_assert_no_error (error);
  found = numbers (by_number);
  g_assert_cmpstr (found, ==, "K1");
  g_clear_pointer (&found, g_free);
  g_clear_pointer (&by_number, g_ptr_array_unref);
  by_number = ecert_office_store_find_by_number (store, "ＮＺ２０２６–０００４１８", &error);
  found = numbers (by_number);
  g_assert_cmpstr (found, ==, "K3");
  g_clear_pointer (&found, g_free);
  g_assert_cmpint (raw_int (OFFICE_URI, "SELECT count(*) FROM certificates"
                                        " WHERE number_key = 'NZ2026000417'"), ==, 1);
}

/* Anchors ---------------------------------------------------------------------- */

static void
test_anchors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = new_store ();
  g_autoptr(GPtrArray) nppos = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_nppo_free);
  g_autoptr(GPtrArray) listed = NULL;
  EcertNppo *nppo;

  nppo = ecert_nppo_new ("NZ");
  nppo->signing_dn = g_strdup ("CN=MPI ePhyto Signer,O=Ministry for Primary Industries,C=NZ");
  nppo->signing_certificate = g_strdup ("MIIB");
  nppo->receive = g_strdup ("HUB");
  nppo->send = g_strdup ("HUB");
  g_ptr_array_add (nppos, nppo);
  g_ptr_array_add (nppos, ecert_nppo_new ("AU"));

  g_assert_true (ecert_office_store_set_anchors (store, nppos, &error));
  g_assert_no_error (error);
  listed = ecert_office_store_list_anchors (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (((EcertNppo *) listed->pdata[0])->country, ==, "AU");
  g_assert_null (((EcertNppo *) listed->pdata[0])->signing_dn);
  nppo = listed->pdata[1];
  g_assert_cmpstr (nppo->country, ==, "NZ");
  g_assert_cmpstr (nppo->signing_dn, ==, "CN=MPI ePhyto Signer,O=Ministry for Primary Industries,C=NZ");
  g_assert_cmpstr (nppo->signing_certificate, ==, "MIIB");
  g_assert_cmpstr (nppo->receive, ==, "HUB");
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Replaced, not added to. */
  g_ptr_array_remove_index (nppos, 1);
  g_assert_true (ecert_office_store_set_anchors (store, nppos, &error));
  listed = ecert_office_store_list_anchors (store, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((EcertNppo *) listed->pdata[0])->country, ==, "NZ");
}

/* Reporting --------------------------------------------------------------------- */

static void
test_reporting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = new_store ();
  g_autofree char *refused = NULL;
  g_autofree char *name = NULL;

  add (store, "R1", "NZ", NULL);
  g_assert_true (ecert_office_store_set_name (store, "Office", &error));
  g_assert_true (ecert_office_store_set_authority (store, "certificate", "key", &error));
  g_assert_no_error (error);

  g_assert_cmpint (raw_int (REPORTING_URI, "SELECT count(*) FROM certificates"), ==, 1);
  g_assert_cmpint (raw_int (REPORTING_URI, "SELECT count(*) FROM desks"), ==, 0);
  g_assert_cmpint (raw_int (REPORTING_URI, "SELECT count(*) FROM desk_acknowledgements"), ==, 0);
  g_assert_cmpint (raw_int (REPORTING_URI, "SELECT count(*) FROM anchors"), ==, 0);
  g_assert_cmpint (raw_int (REPORTING_URI, "SELECT count(*) FROM settings"), ==, 0);
  g_assert_cmpint (raw_int (REPORTING_URI, "SELECT version FROM schema_version"), ==, 1);
  name = raw_value (REPORTING_URI, "SELECT name FROM office");
  g_assert_cmpstr (name, ==, "Office");

  /* Reads, and only reads; never the office's private key. */
  refused = raw_failure (REPORTING_URI, "INSERT INTO settings (key, value) VALUES ('a', 'b')");
  g_assert_cmpstr (refused, ==, "42501");
  g_clear_pointer (&refused, g_free);
  refused = raw_failure (REPORTING_URI, "DELETE FROM certificates");
  g_assert_cmpstr (refused, ==, "42501");
  g_clear_pointer (&refused, g_free);
  refused = raw_failure (REPORTING_URI, "SELECT ca_key_pem FROM office");
  g_assert_cmpstr (refused, ==, "42501");
}

/* A lost connection -------------------------------------------------------------- */

static void
test_lost_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) writer = new_store ();
  g_autofree char *lost_uri = named_uri ("lost");
  g_autoptr(EcertOfficeStore) store = connect_store (lost_uri);
  g_autoptr(GPtrArray) desks = NULL;
  gint64 sequence;

  g_assert_true (ecert_office_store_listen (store, &error));
  terminate_backend ("lost");

  g_assert_cmpint (ecert_office_store_count (store, &error), ==, -1);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_clear_error (&error);
  /* And it stays lost until connected again. */
  desks = ecert_office_store_list_desks (store, &error);
  g_assert_null (desks);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_clear_error (&error);

  g_assert_true (ecert_office_store_reconnect (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ecert_office_store_count (store, &error), ==, 0);
  g_assert_no_error (error);

  /* Listening again too. */
  sequence = add (writer, "X1", "NZ", NULL);
  g_assert_cmpint (wait_for_notification (store), ==, sequence);
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertOfficeStore) store = NULL;

  /* Port 1 on loopback: nothing listens there. */
  store = ecert_office_store_connect ("postgresql://ecert_office@127.0.0.1:1/ecert_office", &error);
  g_assert_null (store);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/office-store/search-words", test_search_words);
  g_test_add_func ("/office-store/scope-describe", test_scope_describe);
  g_test_add_func ("/office-store/schema", test_schema);
  g_test_add_func ("/office-store/office", test_office);
  g_test_add_func ("/office-store/desks", test_desks);
  g_test_add_func ("/office-store/scopes", test_scopes);
  g_test_add_func ("/office-store/duplicates", test_duplicates);
  g_test_add_func ("/office-store/leadership", test_leadership);
  g_test_add_func ("/office-store/notifications", test_notifications);
  g_test_add_func ("/office-store/search", test_search);
  g_test_add_func ("/office-store/anchors", test_anchors);
  g_test_add_func ("/office-store/reporting", test_reporting);
  g_test_add_func ("/office-store/lost-connection", test_lost_connection);
  g_test_add_func ("/office-store/unreachable", test_unreachable);

  return g_test_run ();
}
