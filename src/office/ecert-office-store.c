/* ecert-office-store.c: an office's certificates, desks and exchanges, in
 * PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One libpq connection per store, used with blocking calls: a store is for
 * one thread at a time (the server gives each worker thread its own).
 * Every statement that carries data is parameterised; the only SQL built
 * here is built from constants.
 *
 * What each desk has been given is kept small whatever the office holds:
 * a desk has a cursor, the sequence number below which everything of its
 * scope has been acknowledged (or was never its business), and
 * desk_acknowledgements holds only the acknowledgements above it, each
 * deleted as the cursor passes. 300 desks and nine million certificates
 * are 300 cursors and a few rows per desk that acknowledges out of order.
 * This relies on sequence numbers becoming visible in order, which a
 * transaction-level advisory lock taken by every writer of certificates
 * ensures: a later number can never commit before an earlier one.
 *
 * One instance of the office at a time is the upstream worker, the one
 * that talks to the exchange hub and writes certificates: it holds a
 * session-level advisory lock, and each of its transactions begins by
 * checking, inside the transaction, that its session still holds it. A
 * leader that stalled and lost its connection (and so the lock) cannot
 * write after another instance took over.
 *
 * Reporting: when a role named `ecert_reporting` exists, each migration
 * grants it SELECT on every table, except the column holding the office's
 * private key, and nothing else: reports and dashboards read the database
 * directly, and cannot change it. The role is created by the database's
 * administrator; migrating again after creating it grants the rights. In a
 * schema other than `public` it also needs USAGE on that schema.
 */

#define G_LOG_DOMAIN "ecert-office-store"

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "ecert-office-search-private.h"
#include "ecert-office-store.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* Advisory lock keys: "ECERT" and what the lock is for. */
#define LOCK_LEADER    G_GINT64_CONSTANT (0x4543455254000001)
#define LOCK_WRITER    G_GINT64_CONSTANT (0x4543455254000002)
#define LOCK_MIGRATION G_GINT64_CONSTANT (0x4543455254000003)

#define REPORTING_ROLE "ecert_reporting"

struct _EcertOfficeStore
{
  GObject   parent_instance;

  PGconn   *conn;
  gboolean  listening;
  /* Of the last statement that failed: to tell a duplicate from a fault. */
  char     *last_sqlstate;
  char     *last_constraint;
};

G_DEFINE_FINAL_TYPE (EcertOfficeStore, ecert_office_store, G_TYPE_OBJECT)

/* The migrations, in order: migrations[n] brings version n to n + 1. A
 * table added later must also be added to grant_reporting. */
static const char * const migrations[] = {
  /* 1: everything */
  "CREATE TABLE schema_version ("
  "  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),"
  "  version integer NOT NULL"
  ");"
  "CREATE TABLE office ("
  "  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),"
  "  name text,"
  "  ca_certificate_pem text,"
  "  ca_key_pem text,"
  "  updated_at timestamptz NOT NULL DEFAULT now()"
  ");"
  "INSERT INTO office DEFAULT VALUES;"
  "CREATE TABLE settings ("
  "  key text PRIMARY KEY,"
  "  value text NOT NULL,"
  "  updated_at timestamptz NOT NULL DEFAULT now()"
  ");"
  "CREATE TABLE certificates ("
  "  sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  hub_delivery_number text NOT NULL UNIQUE,"
  "  from_country text NOT NULL,"
  "  to_country text NOT NULL,"
  "  certificate_type integer NOT NULL,"
  "  certificate_status integer NOT NULL,"
  "  nppo_certificate_number text NOT NULL,"
  "  number text NOT NULL,"
  "  number_key text NOT NULL,"
  "  ports text[] NOT NULL DEFAULT '{}',"
  "  content bytea NOT NULL,"
  "  sha256 text NOT NULL,"
  "  verdict text NOT NULL,"
  "  explanation text,"
  "  source text,"
  "  received_at timestamptz NOT NULL DEFAULT now(),"
  "  search tsvector NOT NULL,"
  "  for_desk integer"
  ");"
  "CREATE INDEX certificates_by_number_key ON certificates (number_key);"
  "CREATE INDEX certificates_by_received_at ON certificates (received_at);"
  "CREATE INDEX certificates_search ON certificates USING gin (search);"
  "CREATE TABLE desks ("
  "  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  name text NOT NULL UNIQUE,"
  "  fingerprint text NOT NULL UNIQUE,"
  "  ports text[] NOT NULL DEFAULT '{}',"
  "  countries text[] NOT NULL DEFAULT '{}',"
  "  days integer NOT NULL DEFAULT 0 CHECK (days >= 0),"
  "  enrolled_at timestamptz NOT NULL DEFAULT now(),"
  "  revoked_at timestamptz,"
  "  cursor bigint NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE desk_acknowledgements ("
  "  desk integer NOT NULL REFERENCES desks (id) ON DELETE CASCADE,"
  "  sequence bigint NOT NULL REFERENCES certificates (sequence) ON DELETE CASCADE,"
  "  state text NOT NULL,"
  "  acknowledged_at timestamptz NOT NULL DEFAULT now(),"
  "  PRIMARY KEY (desk, sequence)"
  ");"
  "CREATE TABLE anchors ("
  "  country text PRIMARY KEY,"
  "  signing_dn text,"
  "  signing_certificate text,"
  "  receive text,"
  "  send text,"
  "  updated_at timestamptz NOT NULL DEFAULT now()"
  ");"
  "ALTER TABLE certificates ADD FOREIGN KEY (for_desk) REFERENCES desks (id);"
  "CREATE TABLE outgoing ("
  "  hub_delivery_number text PRIMARY KEY,"
  "  desk integer NOT NULL REFERENCES desks (id),"
  "  to_country text NOT NULL,"
  "  certificate_type integer NOT NULL,"
  "  certificate_status integer NOT NULL,"
  "  nppo_certificate_number text NOT NULL,"
  "  content bytea NOT NULL,"
  "  forwarded boolean NOT NULL DEFAULT false,"
  "  tracking text NOT NULL DEFAULT 'PendingDelivery',"
  "  error_message text,"
  "  created_at timestamptz NOT NULL DEFAULT now(),"
  "  forwarded_at timestamptz"
  ");"
  "CREATE INDEX outgoing_queued ON outgoing (created_at) WHERE NOT forwarded;"
  "CREATE INDEX outgoing_by_certificate ON outgoing (to_country, nppo_certificate_number);"
  "CREATE TABLE paper_checks ("
  "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  desk integer NOT NULL REFERENCES desks (id),"
  "  number text NOT NULL,"
  "  number_key text NOT NULL,"
  "  found boolean NOT NULL,"
  "  checked_at timestamptz NOT NULL DEFAULT now()"
  ");"
  "CREATE INDEX paper_checks_by_number_key ON paper_checks (number_key);"
  "CREATE INDEX paper_checks_by_checked_at ON paper_checks (checked_at);"
  "CREATE TABLE upstream_acknowledgements ("
  "  hub_url text NOT NULL,"
  "  delivery_number text NOT NULL,"
  "  warning text,"
  "  stored_at timestamptz NOT NULL DEFAULT now(),"
  "  PRIMARY KEY (hub_url, delivery_number)"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ECERT_OFFICE_STORE_SCHEMA_VERSION);

static const char grant_reporting[] =
  "GRANT SELECT ON schema_version, settings, certificates, desks, desk_acknowledgements,"
  "  anchors, upstream_acknowledgements, outgoing, paper_checks TO " REPORTING_ROLE ";"
  "GRANT SELECT (singleton, name, ca_certificate_pem, updated_at) ON office TO "
  REPORTING_ROLE ";";

/* A certificate (c) in a desk's scope: its exporting country is one of the
 * desk's, and one of its ports is one of the desk's or it names none (a
 * certificate that names no port goes to every desk rather than to none);
 * a desk with no countries or no ports takes all. A reply to an inquiry
 * (for_desk set) goes to the desk that asked, and to no other. */
#define IN_SCOPE(desk, countries, ports) \
  "(c.for_desk = " desk " OR (c.for_desk IS NULL" \
  " AND (cardinality(" countries ") = 0 OR c.from_country = ANY (" countries "))" \
  " AND (cardinality(" ports ") = 0 OR cardinality(c.ports) = 0" \
  "      OR c.ports && " ports ")))"

/* Above a desk's cursor and not acknowledged by it. */
#define NOT_ACKNOWLEDGED(desk, cursor) \
  "c.sequence > " cursor " AND NOT EXISTS (SELECT 1 FROM desk_acknowledgements AS a" \
  " WHERE a.desk = " desk " AND a.sequence = c.sequence)"

/* The statements that take a desk's scope as parameters number them so. */
#define DESK_PARAMS_SCOPE IN_SCOPE ("$1::integer", "$3::text[]", "$4::text[]")
#define DESK_PARAMS_PENDING NOT_ACKNOWLEDGED ("$1::integer", "$2::bigint")

#define ENVELOPE_COLUMNS \
  "c.hub_delivery_number, c.from_country, c.to_country, c.certificate_type," \
  " c.certificate_status, c.nppo_certificate_number"
#define N_ENVELOPE_COLUMNS 6

/* A desk, without its backlog: what every request identifies its desk by,
 * so it must not cost more than the desk's row. */
#define DESK_IDENTITY_COLUMNS \
  "d.name, d.fingerprint, array_to_string (d.ports, ' '), array_to_string (d.countries, ' ')," \
  " d.days, (extract (epoch FROM d.enrolled_at) * 1000000)::bigint," \
  " coalesce ((extract (epoch FROM d.revoked_at) * 1000000)::bigint, 0)"
/* With its backlog, counted: as long as the backlog is, for listings. */
#define DESK_COLUMNS DESK_IDENTITY_COLUMNS "," \
  " (SELECT count(*) FROM certificates AS c WHERE " NOT_ACKNOWLEDGED ("d.id", "d.cursor") \
  "  AND " IN_SCOPE ("d.id", "d.countries", "d.ports") ")"

static void
ecert_office_store_finalize (GObject *object)
{
  EcertOfficeStore *self = ECERT_OFFICE_STORE (object);

  g_clear_pointer (&self->conn, PQfinish);
  g_clear_pointer (&self->last_sqlstate, g_free);
  g_clear_pointer (&self->last_constraint, g_free);

  G_OBJECT_CLASS (ecert_office_store_parent_class)->finalize (object);
}

static void
ecert_office_store_class_init (EcertOfficeStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ecert_office_store_finalize;
}

static void
ecert_office_store_init (EcertOfficeStore *self)
{
}

/* Errors ------------------------------------------------------------------ */

static char *
strip_message (const char *message)
{
  char *copy = g_strdup (message != NULL ? message : "");

  g_strstrip (copy);
  /* libpq's messages run over lines; one sentence reads better. */
  for (char *c = copy; *c != '\0'; c++)
    {
      if (*c == '\n')
        *c = ' ';
    }
  return copy;
}

static gboolean
set_unreachable (EcertOfficeStore  *self,
                 GError           **error)
{
  g_autofree char *detail = strip_message (self->conn != NULL ? PQerrorMessage (self->conn)
                                                              : NULL);

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_STORE,
               "The office's database cannot be reached%s%s", detail[0] != '\0' ? ": " : ".",
               detail);
  return FALSE;
}

static gboolean
set_result_error (EcertOfficeStore  *self,
                  const PGresult    *result,
                  GError           **error)
{
  const char *primary = NULL;
  g_autofree char *detail = NULL;

  g_free (self->last_sqlstate);
  g_free (self->last_constraint);
  self->last_sqlstate = g_strdup (result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE)
                                                 : NULL);
  self->last_constraint = g_strdup (result != NULL
                                    ? PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME)
                                    : NULL);

  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    return set_unreachable (self, error);

  if (result != NULL)
    primary = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
  detail = strip_message (primary != NULL ? primary : PQerrorMessage (self->conn));
  g_set_error (error, ECERT_ERROR, ECERT_ERROR_STORE,
               "The office's database refused an operation: %s", detail);
  return FALSE;
}

static gboolean
is_unique_violation (EcertOfficeStore *self,
                     const char       *constraint)
{
  return g_strcmp0 (self->last_sqlstate, "23505") == 0 &&
         g_strcmp0 (self->last_constraint, constraint) == 0;
}

/* Statements --------------------------------------------------------------- */

/* Runs @sql with text parameters (%NULL for SQL NULL), except those
 * @lengths and @formats give as binary. */
static PGresult *
query_full (EcertOfficeStore   *self,
            const char         *sql,
            int                 n_params,
            const char * const *values,
            const int          *lengths,
            const int          *formats,
            GError            **error)
{
  PGresult *result;
  ExecStatusType status;

  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      set_unreachable (self, error);
      return NULL;
    }

  result = PQexecParams (self->conn, sql, n_params, NULL, values, lengths, formats, 0);
  status = PQresultStatus (result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return result;

  set_result_error (self, result, error);
  PQclear (result);
  return NULL;
}

static PGresult *
query (EcertOfficeStore   *self,
       const char         *sql,
       int                 n_params,
       const char * const *values,
       GError            **error)
{
  return query_full (self, sql, n_params, values, NULL, NULL, error);
}

static gboolean
run (EcertOfficeStore   *self,
     const char         *sql,
     int                 n_params,
     const char * const *values,
     GError            **error)
{
  g_autoptr(PGresult) result = query (self, sql, n_params, values, error);

  return result != NULL;
}

/* Runs constant SQL, which may hold several statements. */
static gboolean
run_script (EcertOfficeStore  *self,
            const char        *sql,
            GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;

  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    return set_unreachable (self, error);

  result = PQexec (self->conn, sql);
  status = PQresultStatus (result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;

  return set_result_error (self, result, error);
}

/* A bytea column (an envelope's exact content) as text. */
static char *
get_bytea_text (const PGresult *result,
                int             row,
                int             column)
{
  size_t length = 0;
  unsigned char *bytes;
  char *text;

  if (PQgetisnull (result, row, column))
    return NULL;

  bytes = PQunescapeBytea ((const unsigned char *) PQgetvalue (result, row, column), &length);
  if (bytes == NULL)
    return NULL;
  text = g_strndup ((const char *) bytes, length);
  PQfreemem (bytes);
  return text;
}

static char *
get_text (const PGresult *result,
          int             row,
          int             column)
{
  if (PQgetisnull (result, row, column))
    return NULL;
  return g_strdup (PQgetvalue (result, row, column));
}

static gint64
get_int64 (const PGresult *result,
           int             row,
           int             column)
{
  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

static gboolean
get_bool (const PGresult *result,
          int             row,
          int             column)
{
  return g_strcmp0 (PQgetvalue (result, row, column), "t") == 0;
}

static char *
int64_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* A PostgreSQL array literal of @values, each quoted. */
static char *
array_literal (const char * const *values)
{
  GString *literal = g_string_new ("{");

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (literal, ',');
      g_string_append_c (literal, '"');
      for (const char *c = values[i]; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (literal, '\\');
          g_string_append_c (literal, *c);
        }
      g_string_append_c (literal, '"');
    }
  g_string_append_c (literal, '}');
  return g_string_free (literal, FALSE);
}

static gboolean
in_transaction (EcertOfficeStore *self)
{
  return self->conn != NULL && PQtransactionStatus (self->conn) != PQTRANS_IDLE;
}

/* Operations made of several statements run in the caller's transaction,
 * or in their own. */
static gboolean
begin_own (EcertOfficeStore  *self,
           gboolean          *own,
           GError           **error)
{
  *own = !in_transaction (self);
  return !*own || run (self, "BEGIN", 0, NULL, error);
}

static gboolean
end_own (EcertOfficeStore  *self,
         gboolean           own,
         gboolean           ok,
         GError           **error)
{
  if (!own)
    return ok;
  if (!ok)
    {
      ecert_office_store_rollback (self);
      return FALSE;
    }
  return run (self, "COMMIT", 0, NULL, error);
}

/* Connecting --------------------------------------------------------------- */

static void
notice_cb (void       *user_data,
           const char *message)
{
  g_autofree char *text = strip_message (message);

  g_debug ("The office's database says: %s", text);
}

/**
 * ecert_office_store_connect:
 * @uri: a libpq connection URI or key=value string; its settings (sslmode,
 *   sslrootcert, connect_timeout…) are used as given
 *
 * Connects with TCP keepalives on, so that a connection a firewall dropped
 * is noticed, and with UTF-8 as the client encoding. The store is used
 * from one thread at a time; its calls block.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 *   (%ECERT_ERROR_STORE)
 */
EcertOfficeStore *
ecert_office_store_connect (const char  *uri,
                            GError     **error)
{
  /* Later entries win: the URI's own keepalive settings over these, and
   * the encoding over the URI's, since all text here is UTF-8. */
  static const char * const keywords[] = {
    "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
    "connect_timeout", "application_name", "dbname", "client_encoding", NULL,
  };
  const char *values[] = {
    "1", "60", "10", "6", "30", "ecert-office", uri, "UTF8", NULL,
  };
  g_autoptr(EcertOfficeStore) self = g_object_new (ECERT_TYPE_OFFICE_STORE, NULL);

  g_return_val_if_fail (uri != NULL, NULL);

  self->conn = PQconnectdbParams (keywords, values, 1);
  if (self->conn == NULL)
    {
      set_unreachable (self, error);
      return NULL;
    }
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      set_unreachable (self, error);
      return NULL;
    }

  PQsetNoticeProcessor (self->conn, notice_cb, NULL);
  return g_steal_pointer (&self);
}

/**
 * ecert_office_store_reconnect:
 *
 * Connects again with the same settings, after the database was lost.
 * What belonged to the old session is gone: an instance that was the
 * upstream worker must ask again with ecert_office_store_try_lead(), and
 * the socket to watch is a new one; listening is resumed.
 */
gboolean
ecert_office_store_reconnect (EcertOfficeStore  *self,
                              GError           **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    return set_unreachable (self, error);

  PQsetNoticeProcessor (self->conn, notice_cb, NULL);
  if (self->listening)
    return run_script (self, "LISTEN " ECERT_OFFICE_STORE_ARRIVALS_CHANNEL, error);
  return TRUE;
}

/* The schema ---------------------------------------------------------------- */

/* The schema version, or 0 for a database never initialised. */
/**
 * ecert_office_store_is_connected:
 *
 * Returns: whether the connection still stands, as far as its last use
 *   told: a failure that left it standing was the operation's, not the
 *   database's going away
 */
gboolean
ecert_office_store_is_connected (EcertOfficeStore *self)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  return self->conn != NULL && PQstatus (self->conn) == CONNECTION_OK;
}

static gboolean
read_version (EcertOfficeStore  *self,
              int               *version,
              GError           **error)
{
  g_autoptr(PGresult) exists = NULL;
  g_autoptr(PGresult) result = NULL;

  exists = query (self, "SELECT to_regclass ('schema_version') IS NOT NULL", 0, NULL, error);
  if (exists == NULL)
    return FALSE;

  *version = 0;
  if (!get_bool (exists, 0, 0))
    return TRUE;

  result = query (self, "SELECT version FROM schema_version", 0, NULL, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) > 0)
    *version = (int) get_int64 (result, 0, 0);
  return TRUE;
}

static gboolean
set_too_new (int      version,
             GError **error)
{
  g_set_error (error, ECERT_ERROR, ECERT_ERROR_STORE,
               "The office's database has schema version %d, newer than this program "
               "knows (%d): use the version of ecert-office that last upgraded it, or a newer one.",
               version, ECERT_OFFICE_STORE_SCHEMA_VERSION);
  return FALSE;
}

static gboolean
migrate_in_transaction (EcertOfficeStore  *self,
                        GError           **error)
{
  g_autofree char *lock = int64_text (LOCK_MIGRATION);
  g_autofree char *target = g_strdup_printf ("%d", ECERT_OFFICE_STORE_SCHEMA_VERSION);
  g_autoptr(PGresult) role = NULL;
  int version;

  /* Two instances initialising at once take turns. */
  if (!run (self, "SELECT pg_advisory_xact_lock ($1::bigint)", 1,
            (const char *[]) { lock }, error))
    return FALSE;

  if (!read_version (self, &version, error))
    return FALSE;
  if (version > ECERT_OFFICE_STORE_SCHEMA_VERSION)
    return set_too_new (version, error);

  for (int step = version; step < ECERT_OFFICE_STORE_SCHEMA_VERSION; step++)
    {
      if (!run_script (self, migrations[step], error))
        return FALSE;
    }

  if (!run (self, "INSERT INTO schema_version (version) VALUES ($1::integer)"
                  " ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version",
            1, (const char *[]) { target }, error))
    return FALSE;

  role = query (self, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", 1,
                (const char *[]) { REPORTING_ROLE }, error);
  if (role == NULL)
    return FALSE;
  return !get_bool (role, 0, 0) || run_script (self, grant_reporting, error);
}

/**
 * ecert_office_store_migrate:
 *
 * Creates the schema in a new database, or brings an older one to
 * %ECERT_OFFICE_STORE_SCHEMA_VERSION, in one transaction: it is all done
 * or not at all. Running it again changes nothing. A database of a newer
 * version is refused and left as it is. Not to be called inside a
 * transaction.
 */
gboolean
ecert_office_store_migrate (EcertOfficeStore  *self,
                            GError           **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (!in_transaction (self), FALSE);

  if (!run (self, "BEGIN", 0, NULL, error))
    return FALSE;
  return end_own (self, TRUE, migrate_in_transaction (self, error), error);
}

/**
 * ecert_office_store_check_schema:
 *
 * Returns: %TRUE when the database has this program's schema; otherwise
 *   %FALSE with @error saying what to do (%ECERT_ERROR_STORE)
 */
gboolean
ecert_office_store_check_schema (EcertOfficeStore  *self,
                                 GError           **error)
{
  int version;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  if (!read_version (self, &version, error))
    return FALSE;

  if (version == 0)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_STORE,
                           "The office's database has not been initialised: "
                           "run “ecert-office init” first.");
      return FALSE;
    }
  if (version < ECERT_OFFICE_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_STORE,
                   "The office's database has schema version %d, older than this program's "
                   "(%d): run “ecert-office init” to upgrade it.",
                   version, ECERT_OFFICE_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version > ECERT_OFFICE_STORE_SCHEMA_VERSION)
    return set_too_new (version, error);

  return TRUE;
}

/* The office ---------------------------------------------------------------- */

static gboolean
update_office (EcertOfficeStore   *self,
               const char         *sql,
               int                 n_params,
               const char * const *values,
               GError            **error)
{
  g_autoptr(PGresult) result = query (self, sql, n_params, values, error);

  if (result == NULL)
    return FALSE;
  if (g_strcmp0 (PQcmdTuples (result), "1") != 0)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_STORE,
                           "The office's database has not been initialised: "
                           "run “ecert-office init” first.");
      return FALSE;
    }
  return TRUE;
}

/**
 * ecert_office_store_set_authority:
 * @certificate_pem: the certificate authority that signs desks' client
 *   certificates
 * @key_pem: its private key
 */
gboolean
ecert_office_store_set_authority (EcertOfficeStore  *self,
                                  const char        *certificate_pem,
                                  const char        *key_pem,
                                  GError           **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (certificate_pem != NULL && key_pem != NULL, FALSE);

  return update_office (self, "UPDATE office SET ca_certificate_pem = $1, ca_key_pem = $2,"
                              " updated_at = now ()",
                        2, (const char *[]) { certificate_pem, key_pem }, error);
}

/**
 * ecert_office_store_get_authority:
 * @certificate_pem: (out) (optional) (nullable): the certificate, or %NULL
 *   when none was set
 * @key_pem: (out) (optional) (nullable): its key, or %NULL
 */
gboolean
ecert_office_store_get_authority (EcertOfficeStore  *self,
                                  char             **certificate_pem,
                                  char             **key_pem,
                                  GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  gboolean found;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  result = query (self, "SELECT ca_certificate_pem, ca_key_pem FROM office", 0, NULL, error);
  if (result == NULL)
    return FALSE;

  found = PQntuples (result) > 0;
  if (certificate_pem != NULL)
    *certificate_pem = found ? get_text (result, 0, 0) : NULL;
  if (key_pem != NULL)
    *key_pem = found ? get_text (result, 0, 1) : NULL;
  return TRUE;
}

gboolean
ecert_office_store_set_name (EcertOfficeStore  *self,
                             const char        *name,
                             GError           **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return update_office (self, "UPDATE office SET name = $1, updated_at = now ()", 1,
                        (const char *[]) { name }, error);
}

/**
 * ecert_office_store_get_name:
 *
 * Returns: (transfer full) (nullable): the office's name; %NULL with
 *   @error unset when it has none
 */
char *
ecert_office_store_get_name (EcertOfficeStore  *self,
                             GError           **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);

  result = query (self, "SELECT name FROM office", 0, NULL, error);
  if (result == NULL || PQntuples (result) == 0)
    return NULL;
  return get_text (result, 0, 0);
}

/**
 * ecert_office_store_set_value:
 * @value: (nullable): the new value, or %NULL to forget @key
 */
gboolean
ecert_office_store_set_value (EcertOfficeStore  *self,
                              const char        *key,
                              const char        *value,
                              GError           **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    return run (self, "DELETE FROM settings WHERE key = $1", 1, (const char *[]) { key }, error);

  return run (self, "INSERT INTO settings (key, value) VALUES ($1, $2)"
                    " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now ()",
              2, (const char *[]) { key, value }, error);
}

/**
 * ecert_office_store_get_value:
 *
 * Returns: (transfer full) (nullable): the value of @key; %NULL with
 *   @error unset when it has none
 */
char *
ecert_office_store_get_value (EcertOfficeStore  *self,
                              const char        *key,
                              GError           **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  result = query (self, "SELECT value FROM settings WHERE key = $1", 1,
                  (const char *[]) { key }, error);
  if (result == NULL || PQntuples (result) == 0)
    return NULL;
  return get_text (result, 0, 0);
}

/* Inquiries and replies desks send through the office --------------------- */

static EcertEnvelopeHeader *
read_outgoing_header (const PGresult *result,
                      int             row)
{
  EcertEnvelopeHeader *header = ecert_envelope_header_new ();
  g_autofree char *tracking = get_text (result, row, 5);

  header->hub_delivery_number = get_text (result, row, 0);
  header->to = get_text (result, row, 1);
  header->certificate_type = (int) get_int64 (result, row, 2);
  header->certificate_status = (int) get_int64 (result, row, 3);
  header->nppo_certificate_number = get_text (result, row, 4);
  header->tracking_info = ecert_tracking_info_from_string (tracking);
  header->hub_delivery_error_message = get_text (result, row, 6);
  return header;
}

#define OUTGOING_COLUMNS \
  "o.hub_delivery_number, o.to_country, o.certificate_type, o.certificate_status," \
  " o.nppo_certificate_number, o.tracking, o.error_message"

/**
 * ecert_office_store_add_outgoing:
 * @envelope: what the desk delivers, numbered by the desk
 *
 * Queues a desk's inquiry or reply for the upstream worker. The desk
 * chose its number; sent again by the same desk (its first answer was
 * lost), it is queued once.
 *
 * Returns: (transfer full): the header as queued, or %NULL with @error
 *   set; ECERT_ERROR_INVALID_ARGUMENT when another desk holds the number
 */
EcertEnvelopeHeader *
ecert_office_store_add_outgoing (EcertOfficeStore     *self,
                                 const char           *desk,
                                 const EcertEnvelope  *envelope,
                                 GError              **error)
{
  const EcertEnvelopeHeader *header = envelope->header;
  g_autofree char *type = g_strdup_printf ("%d", header->certificate_type);
  g_autofree char *status = g_strdup_printf ("%d", header->certificate_status);
  g_autoptr(PGresult) result = NULL;
  const char *values[7] = { header->hub_delivery_number, desk, header->to, type, status,
                            header->nppo_certificate_number, envelope->content };
  int lengths[7] = { 0, 0, 0, 0, 0, 0, (int) strlen (envelope->content) };
  int formats[7] = { 0, 0, 0, 0, 0, 0, 1 };

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);
  g_return_val_if_fail (header->hub_delivery_number != NULL && header->to != NULL &&
                        header->nppo_certificate_number != NULL && envelope->content != NULL,
                        NULL);

  result = query_full (self,
                       "WITH added AS ("
                       " INSERT INTO outgoing AS o (hub_delivery_number, desk, to_country,"
                       "  certificate_type, certificate_status, nppo_certificate_number, content)"
                       " SELECT $1, d.id, $3, $4::integer, $5::integer, $6, $7::bytea"
                       " FROM desks AS d WHERE d.name = $2"
                       " ON CONFLICT (hub_delivery_number) DO NOTHING"
                       " RETURNING " OUTGOING_COLUMNS ")"
                       " SELECT * FROM added"
                       " UNION ALL SELECT " OUTGOING_COLUMNS " FROM outgoing AS o"
                       "  JOIN desks AS d ON d.id = o.desk"
                       "  WHERE o.hub_delivery_number = $1 AND d.name = $2",
                       G_N_ELEMENTS (values), values, lengths, formats, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   "The delivery number %s is already taken", header->hub_delivery_number);
      return NULL;
    }
  return read_outgoing_header (result, 0);
}

/**
 * ecert_office_store_lookup_outgoing:
 *
 * Returns: (transfer full) (nullable): where @desk's envelope @number
 *   stands; %NULL, with @error unset, when @desk sent no such envelope
 */
EcertEnvelopeHeader *
ecert_office_store_lookup_outgoing (EcertOfficeStore  *self,
                                    const char        *desk,
                                    const char        *number,
                                    GError           **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);

  result = query (self, "SELECT " OUTGOING_COLUMNS " FROM outgoing AS o"
                        " JOIN desks AS d ON d.id = o.desk"
                        " WHERE o.hub_delivery_number = $1 AND d.name = $2",
                  2, (const char *[]) { number, desk }, error);
  if (result == NULL || PQntuples (result) == 0)
    return NULL;
  return read_outgoing_header (result, 0);
}

/**
 * ecert_office_store_take_queued:
 * @limit: how many at most
 *
 * Inside the leader's transaction: the envelopes desks queued that the
 * hub has not taken yet, oldest first, locked until the transaction ends
 * (an instance that somehow also forwards skips them).
 *
 * Returns: (transfer full) (element-type EcertEnvelope): the envelopes
 */
GPtrArray *
ecert_office_store_take_queued (EcertOfficeStore  *self,
                                guint              limit,
                                GError           **error)
{
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  g_autoptr(PGresult) result = NULL;
  GPtrArray *envelopes;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);

  result = query_full (self, "SELECT " OUTGOING_COLUMNS ", o.content FROM outgoing AS o"
                             " WHERE NOT o.forwarded ORDER BY o.created_at"
                             " LIMIT $1::integer FOR UPDATE SKIP LOCKED",
                       1, (const char *[]) { limit_text }, NULL, NULL, error);
  if (result == NULL)
    return NULL;

  envelopes = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_envelope_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      EcertEnvelope *envelope = ecert_envelope_new ();

      ecert_envelope_header_free (envelope->header);
      envelope->header = read_outgoing_header (result, i);
      envelope->content = get_bytea_text (result, i, 7);
      g_ptr_array_add (envelopes, envelope);
    }
  return envelopes;
}

/**
 * ecert_office_store_list_tracked:
 *
 * Returns: (transfer full) (element-type utf8): the numbers of envelopes
 *   the hub took whose delivery is not settled yet
 */
GPtrArray *
ecert_office_store_list_tracked (EcertOfficeStore  *self,
                                 GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  GPtrArray *numbers;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);

  result = query (self, "SELECT hub_delivery_number FROM outgoing WHERE forwarded"
                        " AND tracking IN ('PendingDelivery', 'Unknown') ORDER BY created_at",
                  0, NULL, error);
  if (result == NULL)
    return NULL;

  numbers = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (numbers, get_text (result, i, 0));
  return numbers;
}

/**
 * ecert_office_store_set_outgoing:
 * @message: (nullable): the hub's word on a failed delivery
 *
 * Records that the hub took envelope @number (or answered for it) and
 * where it stands there.
 */
gboolean
ecert_office_store_set_outgoing (EcertOfficeStore   *self,
                                 const char         *number,
                                 EcertTrackingInfo   tracking,
                                 const char         *message,
                                 GError            **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  return run (self, "UPDATE outgoing SET tracking = $2, error_message = $3,"
                    " forwarded_at = coalesce (forwarded_at, now ()), forwarded = true"
                    " WHERE hub_delivery_number = $1",
              3, (const char *[]) { number, ecert_tracking_info_to_string (tracking), message },
              error);
}

/* Paper checks ---------------------------------------------------------------- */

/**
 * ecert_office_store_add_paper_check:
 * @number: the number as the inspector typed or scanned it
 * @found: whether an e-certificate was found for it
 *
 * Records a desk's paper check in the office's shared log.
 */
gboolean
ecert_office_store_add_paper_check (EcertOfficeStore  *self,
                                    const char        *desk,
                                    const char        *number,
                                    gboolean           found,
                                    GError           **error)
{
  g_autofree char *key = NULL;
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  key = ecert_cache_normalize_number (number);
  result = query (self, "INSERT INTO paper_checks (desk, number, number_key, found)"
                        " SELECT d.id, $2, $3, $4::boolean FROM desks AS d WHERE d.name = $1"
                        " RETURNING id",
                  4, (const char *[]) { desk, number, key, found ? "true" : "false" }, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   "There is no desk %s at this office", desk);
      return FALSE;
    }
  return TRUE;
}

void
ecert_office_paper_check_free (EcertOfficePaperCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->number);
  g_free (check->number_key);
  g_strfreev (check->desks);
  g_free (check);
}

/**
 * ecert_office_store_list_paper_checks:
 * @days: how far back
 *
 * Returns: (transfer full) (element-type EcertOfficePaperCheck): the
 *   numbers checked in the last @days days, one per number, those never
 *   found first, then the most checked
 */
GPtrArray *
ecert_office_store_list_paper_checks (EcertOfficeStore  *self,
                                      guint              days,
                                      GError           **error)
{
  g_autofree char *days_text = g_strdup_printf ("%u", days);
  g_autoptr(PGresult) result = NULL;
  GPtrArray *checks;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);

  result = query (self, "SELECT p.number_key, min (p.number), count(*), bool_or (p.found),"
                        " (extract (epoch FROM max (p.checked_at)) * 1000000)::bigint,"
                        " array_to_string (array_agg (DISTINCT d.name ORDER BY d.name), ' ')"
                        " FROM paper_checks AS p JOIN desks AS d ON d.id = p.desk"
                        " WHERE p.checked_at > now () - make_interval (days => $1::integer)"
                        " GROUP BY p.number_key"
                        " ORDER BY bool_or (p.found), count(*) DESC, p.number_key",
                  1, (const char *[]) { days_text }, error);
  if (result == NULL)
    return NULL;

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_office_paper_check_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      EcertOfficePaperCheck *check = g_new0 (EcertOfficePaperCheck, 1);
      g_autofree char *desks = get_text (result, i, 5);

      check->number_key = get_text (result, i, 0);
      check->number = get_text (result, i, 1);
      check->checks = (guint) get_int64 (result, i, 2);
      check->found = get_bool (result, i, 3);
      check->last = get_int64 (result, i, 4);
      check->desks = g_strsplit (desks != NULL ? desks : "", " ", -1);
      g_ptr_array_add (checks, check);
    }
  return checks;
}

/* Upstream acknowledgements ------------------------------------------------ */

/**
 * ecert_office_store_add_pending_ack:
 * @warning: (nullable): what the acknowledgement tells the sender
 *
 * Records, in the transaction that stores an envelope, that the hub at
 * @hub_url has yet to hear it was received; stored again (by an instance
 * that took over), it stays recorded once.
 */
gboolean
ecert_office_store_add_pending_ack (EcertOfficeStore  *self,
                                    const char        *hub_url,
                                    const char        *delivery_number,
                                    const char        *warning,
                                    GError           **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  return run (self, "INSERT INTO upstream_acknowledgements (hub_url, delivery_number, warning)"
                    " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
              3, (const char *[]) { hub_url, delivery_number, warning }, error);
}

/* The hub confirmed the acknowledgement of @delivery_number. */
gboolean
ecert_office_store_remove_pending_ack (EcertOfficeStore  *self,
                                       const char        *hub_url,
                                       const char        *delivery_number,
                                       GError           **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  return run (self, "DELETE FROM upstream_acknowledgements"
                    " WHERE hub_url = $1 AND delivery_number = $2",
              2, (const char *[]) { hub_url, delivery_number }, error);
}

/**
 * ecert_office_store_list_pending_acks:
 *
 * Returns: (transfer full) (element-type EcertSyncPendingAck): the
 *   acknowledgements the hub at @hub_url has yet to confirm, oldest first
 */
GPtrArray *
ecert_office_store_list_pending_acks (EcertOfficeStore  *self,
                                      const char        *hub_url,
                                      GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  GPtrArray *pending;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);

  result = query (self, "SELECT delivery_number, warning FROM upstream_acknowledgements"
                        " WHERE hub_url = $1 ORDER BY stored_at, delivery_number",
                  1, (const char *[]) { hub_url }, error);
  if (result == NULL)
    return NULL;

  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_sync_pending_ack_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      g_autofree char *number = get_text (result, i, 0);
      g_autofree char *warning = get_text (result, i, 1);

      g_ptr_array_add (pending, ecert_sync_pending_ack_new (number, warning));
    }
  return pending;
}

/* Scopes -------------------------------------------------------------------- */

void
ecert_office_scope_clear (EcertOfficeScope *scope)
{
  if (scope == NULL)
    return;

  g_clear_pointer (&scope->ports, g_strfreev);
  g_clear_pointer (&scope->countries, g_strfreev);
  scope->days = 0;
}

static gboolean
is_empty (const char * const *values)
{
  return values == NULL || values[0] == NULL;
}

static char *
describe_list (const char * const *values)
{
  return is_empty (values) ? g_strdup ("all") : g_strjoinv (", ", (GStrv) values);
}

/**
 * ecert_office_scope_describe:
 *
 * Returns: (transfer full): the scope in English, for logs and the
 *   administrator's listings: "Ports: CNSHA, CNNGB · exporting countries:
 *   all · 90 days"
 */
char *
ecert_office_scope_describe (const EcertOfficeScope *scope)
{
  g_autofree char *ports = NULL;
  g_autofree char *countries = NULL;
  g_autofree char *days = NULL;

  g_return_val_if_fail (scope != NULL, NULL);

  ports = describe_list ((const char * const *) scope->ports);
  countries = describe_list ((const char * const *) scope->countries);
  if (scope->days == 0)
    days = g_strdup ("everything already held");
  else
    days = g_strdup_printf (scope->days == 1 ? "%u day" : "%u days", scope->days);

  return g_strdup_printf ("Ports: %s · exporting countries: %s · %s", ports, countries, days);
}

/* A UN/LOCODE as written ("CN SHA", "cnsha"), in the form stored and
 * compared: upper case, without spaces. */
static char *
normalize_port (const char *port)
{
  GString *code = g_string_new (NULL);

  for (const char *c = port; *c != '\0'; c++)
    {
      if (!g_ascii_isspace (*c))
        g_string_append_c (code, g_ascii_toupper (*c));
    }
  return g_string_free (code, FALSE);
}

static gboolean
is_locode (const char *code)
{
  if (strlen (code) != 5)
    return FALSE;
  for (const char *c = code; *c != '\0'; c++)
    {
      if (!g_ascii_isalnum (*c))
        return FALSE;
    }
  return TRUE;
}

/* The desk's ports and countries as array literals, checked. */
static gboolean
scope_literals (const EcertOfficeScope  *scope,
                char                   **ports_literal,
                char                   **countries_literal,
                GError                 **error)
{
  g_autoptr(GStrvBuilder) ports = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) countries = g_strv_builder_new ();
  g_auto(GStrv) port_list = NULL;
  g_auto(GStrv) country_list = NULL;

  for (guint i = 0; scope->ports != NULL && scope->ports[i] != NULL; i++)
    {
      g_autofree char *code = normalize_port (scope->ports[i]);

      if (!is_locode (code))
        {
          g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                       "“%s” is not a UN/LOCODE: a port is written as five letters or digits, "
                       "such as CNSHA.", scope->ports[i]);
          return FALSE;
        }
      g_strv_builder_add (ports, code);
    }

  for (guint i = 0; scope->countries != NULL && scope->countries[i] != NULL; i++)
    {
      g_autofree char *code = ecert_country_code_normalize (scope->countries[i], error);

      if (code == NULL)
        return FALSE;
      g_strv_builder_add (countries, code);
    }

  port_list = g_strv_builder_end (ports);
  country_list = g_strv_builder_end (countries);
  *ports_literal = array_literal ((const char * const *) port_list);
  *countries_literal = array_literal ((const char * const *) country_list);
  return TRUE;
}

/* Desks ---------------------------------------------------------------------- */

void
ecert_office_desk_free (EcertOfficeDesk *desk)
{
  if (desk == NULL)
    return;

  g_free (desk->name);
  g_free (desk->fingerprint);
  ecert_office_scope_clear (&desk->scope);
  g_free (desk);
}

static EcertOfficeDesk *
read_desk (const PGresult *result,
           int             row)
{
  EcertOfficeDesk *desk = g_new0 (EcertOfficeDesk, 1);

  desk->name = get_text (result, row, 0);
  desk->fingerprint = get_text (result, row, 1);
  desk->scope.ports = g_strsplit (PQgetvalue (result, row, 2), " ", -1);
  desk->scope.countries = g_strsplit (PQgetvalue (result, row, 3), " ", -1);
  desk->scope.days = (guint) get_int64 (result, row, 4);
  desk->enrolled = get_int64 (result, row, 5);
  desk->revoked = get_int64 (result, row, 6);
  desk->backlog = PQnfields (result) > 7 ? get_int64 (result, row, 7) : -1;
  return desk;
}

static gboolean
is_fingerprint (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    {
      if (!g_ascii_isxdigit (*c))
        return FALSE;
    }
  return TRUE;
}

/**
 * ecert_office_store_add_desk:
 * @name: the desk's name, as in its certificate's CN
 * @fingerprint: SHA-256 of its client certificate (DER), in hex
 * @scope: what it receives: ports as UN/LOCODEs ("CNSHA", any case, spaces
 *   allowed), countries as ISO 3166-1 codes
 *
 * Enrols a desk. With @scope's days set, it starts at the first
 * certificate received within that many days: older ones are not
 * delivered to it (it may still look them up).
 */
gboolean
ecert_office_store_add_desk (EcertOfficeStore        *self,
                             const char              *name,
                             const char              *fingerprint,
                             const EcertOfficeScope  *scope,
                             GError                 **error)
{
  g_autofree char *ports = NULL;
  g_autofree char *countries = NULL;
  g_autofree char *key = NULL;
  g_autofree char *days = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && fingerprint != NULL && scope != NULL, FALSE);

  if (name[0] == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           "A desk needs a name.");
      return FALSE;
    }
  if (!is_fingerprint (fingerprint))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a SHA-256 fingerprint: 64 hexadecimal digits.", fingerprint);
      return FALSE;
    }
  if (scope->days > G_MAXINT32)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           "A desk's scope goes back at most 2147483647 days.");
      return FALSE;
    }
  if (!scope_literals (scope, &ports, &countries, error))
    return FALSE;

  key = g_ascii_strdown (fingerprint, -1);
  days = g_strdup_printf ("%u", scope->days);
  if (run (self,
           "INSERT INTO desks (name, fingerprint, ports, countries, days, cursor)"
           " VALUES ($1, $2, $3::text[], $4::text[], $5::integer,"
           "  CASE WHEN $5::integer = 0 THEN 0 ELSE coalesce ("
           "   (SELECT sequence - 1 FROM certificates"
           "    WHERE received_at >= now () - make_interval (days => $5::integer)"
           "    ORDER BY received_at, sequence LIMIT 1),"
           "   (SELECT max (sequence) FROM certificates), 0) END)",
           5, (const char *[]) { name, key, ports, countries, days }, error))
    return TRUE;

  if (is_unique_violation (self, "desks_name_key"))
    {
      g_clear_error (error);
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   "A desk named “%s” is already enrolled.", name);
    }
  else if (is_unique_violation (self, "desks_fingerprint_key"))
    {
      g_clear_error (error);
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   "A desk with that certificate is already enrolled under another name; "
                   "a desk named “%s” needs a certificate of its own.", name);
    }
  return FALSE;
}

/**
 * ecert_office_store_revoke_desk:
 *
 * From now on the desk is refused. Revoking a revoked desk changes
 * nothing; an unknown desk is an error.
 */
gboolean
ecert_office_store_revoke_desk (EcertOfficeStore  *self,
                                const char        *name,
                                GError           **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  result = query (self, "UPDATE desks SET revoked_at = coalesce (revoked_at, now ())"
                        " WHERE name = $1",
                  1, (const char *[]) { name }, error);
  if (result == NULL)
    return FALSE;

  if (g_strcmp0 (PQcmdTuples (result), "0") == 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   "No desk named “%s” is enrolled at this office.", name);
      return FALSE;
    }
  return TRUE;
}

/**
 * ecert_office_store_list_desks:
 *
 * Returns: (transfer container) (element-type EcertOfficeDesk): every
 *   desk, revoked ones too, by name, each with its backlog; or %NULL with
 *   @error set
 */
GPtrArray *
ecert_office_store_list_desks (EcertOfficeStore  *self,
                               GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  GPtrArray *desks;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);

  result = query (self, "SELECT " DESK_COLUMNS " FROM desks AS d ORDER BY d.name", 0, NULL,
                  error);
  if (result == NULL)
    return NULL;

  desks = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_office_desk_free);
  for (int row = 0; row < PQntuples (result); row++)
    g_ptr_array_add (desks, read_desk (result, row));
  return desks;
}

/**
 * ecert_office_store_find_desk:
 * @fingerprint: SHA-256 of a client certificate (DER), in hex
 *
 * Finds the desk a client certificate was issued to, even when it has been
 * revoked: the caller refuses a revoked desk, and can say why. Every
 * request asks this, so the backlog is not counted (it is -1).
 *
 * Returns: (transfer full) (nullable): the desk; %NULL with @error unset
 *   when no desk has that certificate
 */
EcertOfficeDesk *
ecert_office_store_find_desk (EcertOfficeStore  *self,
                              const char        *fingerprint,
                              GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);
  g_return_val_if_fail (fingerprint != NULL, NULL);

  key = g_ascii_strdown (fingerprint, -1);
  result = query (self, "SELECT " DESK_IDENTITY_COLUMNS " FROM desks AS d WHERE d.fingerprint = $1", 1,
                  (const char *[]) { key }, error);
  if (result == NULL || PQntuples (result) == 0)
    return NULL;
  return read_desk (result, 0);
}

/* What a statement needs of a desk: $1 to $4 of the DESK_PARAMS_ macros. */
typedef struct
{
  char *id;
  char *cursor;
  char *countries;
  char *ports;
} DeskParams;

static void
desk_params_clear (DeskParams *params)
{
  g_free (params->id);
  g_free (params->cursor);
  g_free (params->countries);
  g_free (params->ports);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DeskParams, desk_params_clear)

/* Reads an enrolled desk that is not revoked; @lock keeps others from
 * moving its cursor until the transaction ends. */
static gboolean
load_desk (EcertOfficeStore  *self,
           const char        *name,
           gboolean           lock,
           DeskParams        *params,
           GError           **error)
{
  g_autoptr(PGresult) result = NULL;

  result = query (self,
                  lock ? "SELECT id, cursor, countries, ports, revoked_at IS NOT NULL"
                         " FROM desks WHERE name = $1 FOR UPDATE"
                       : "SELECT id, cursor, countries, ports, revoked_at IS NOT NULL"
                         " FROM desks WHERE name = $1",
                  1, (const char *[]) { name }, error);
  if (result == NULL)
    return FALSE;

  if (PQntuples (result) == 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   "No desk named “%s” is enrolled at this office.", name);
      return FALSE;
    }
  if (get_bool (result, 0, 4))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   "The desk “%s” has been revoked.", name);
      return FALSE;
    }

  params->id = get_text (result, 0, 0);
  params->cursor = get_text (result, 0, 1);
  params->countries = get_text (result, 0, 2);
  params->ports = get_text (result, 0, 3);
  return TRUE;
}

/* Certificates --------------------------------------------------------------- */

void
ecert_office_certificate_clear (EcertOfficeCertificate *certificate)
{
  if (certificate == NULL)
    return;

  g_clear_pointer (&certificate->envelope, ecert_envelope_free);
  g_clear_pointer (&certificate->number, g_free);
  g_clear_pointer (&certificate->number_key, g_free);
  g_clear_pointer (&certificate->ports, g_strfreev);
  g_clear_pointer (&certificate->search_text, g_free);
  g_clear_pointer (&certificate->verdict, g_free);
  g_clear_pointer (&certificate->explanation, g_free);
  g_clear_pointer (&certificate->sha256, g_free);
  g_clear_pointer (&certificate->source, g_free);
  certificate->sequence = 0;
}

/* The rows of @result, whose first columns are ENVELOPE_COLUMNS, as
 * envelopes; the content, when @content_column is not -1, is bytea. */
static EcertEnvelope *
read_envelope (const PGresult    *result,
               int                row,
               int                content_column,
               EcertTrackingInfo  tracking_info)
{
  EcertEnvelope *envelope = ecert_envelope_new ();
  EcertEnvelopeHeader *header = envelope->header;

  header->hub_delivery_number = get_text (result, row, 0);
  header->from = get_text (result, row, 1);
  header->to = get_text (result, row, 2);
  header->certificate_type = (int) get_int64 (result, row, 3);
  header->certificate_status = (int) get_int64 (result, row, 4);
  header->nppo_certificate_number = get_text (result, row, 5);
  header->tracking_info = tracking_info;

  if (content_column >= 0)
    envelope->content = get_bytea_text (result, row, content_column);

  return envelope;
}

static GPtrArray *
read_envelopes (const PGresult    *result,
                int                content_column,
                EcertTrackingInfo  tracking_info)
{
  GPtrArray *envelopes = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_envelope_free);

  for (int row = 0; row < PQntuples (result); row++)
    g_ptr_array_add (envelopes, read_envelope (result, row, content_column, tracking_info));
  return envelopes;
}

/* The words a certificate is found by: its numbers, countries and ports,
 * and the caller's words (names, commodities). */
static char *
search_document (const EcertOfficeCertificate *certificate,
                 const char                   *number,
                 const char                   *number_key)
{
  const EcertEnvelopeHeader *header = certificate->envelope->header;
  g_autofree char *ports = NULL;
  g_autofree char *text = NULL;

  ports = certificate->ports != NULL ? g_strjoinv (" ", certificate->ports) : g_strdup ("");
  text = g_strjoin (" ", number, number_key, header->hub_delivery_number,
                    header->nppo_certificate_number, header->from, header->to, ports,
                    certificate->search_text != NULL ? certificate->search_text : "", NULL);
  return _ecert_office_search_document (text);
}

static char *
certificate_ports (const EcertOfficeCertificate *certificate)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ports = NULL;

  for (guint i = 0; certificate->ports != NULL && certificate->ports[i] != NULL; i++)
    {
      g_autofree char *code = normalize_port (certificate->ports[i]);

      /* Kept even when not a well-formed code: a certificate is never
       * silently taken off a port. */
      if (code[0] != '\0')
        g_strv_builder_add (builder, code);
    }

  ports = g_strv_builder_end (builder);
  return array_literal ((const char * const *) ports);
}

static gboolean
check_certificate (const EcertOfficeCertificate  *certificate,
                   GError                       **error)
{
  const EcertEnvelopeHeader *header;

  if (certificate->envelope == NULL || certificate->envelope->header == NULL)
    return FALSE;

  header = certificate->envelope->header;
  if (header->hub_delivery_number == NULL || header->hub_delivery_number[0] == '\0' ||
      header->from == NULL || header->to == NULL || header->nppo_certificate_number == NULL ||
      certificate->envelope->content == NULL || certificate->verdict == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           "A certificate is stored with its hub delivery number, countries, "
                           "number, content and verdict; one of them is missing.");
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_certificate (EcertOfficeStore        *self,
                    EcertOfficeCertificate  *certificate,
                    gboolean                *added,
                    GError                 **error)
{
  const EcertEnvelopeHeader *header = certificate->envelope->header;
  const char *content = certificate->envelope->content;
  const char *number = certificate->number != NULL ? certificate->number
                                                   : header->nppo_certificate_number;
  g_autofree char *lock = int64_text (LOCK_WRITER);
  g_autofree char *computed_key = NULL;
  g_autofree char *computed_sha256 = NULL;
  g_autofree char *type = g_strdup_printf ("%d", header->certificate_type);
  g_autofree char *status = g_strdup_printf ("%d", header->certificate_status);
  g_autofree char *ports = certificate_ports (certificate);
  g_autofree char *document = NULL;
  const char *number_key = certificate->number_key;
  const char *sha256 = certificate->sha256;
  g_autoptr(PGresult) result = NULL;
  const char *values[15];
  int lengths[15] = { 0 };
  int formats[15] = { 0 };

  if (number_key == NULL)
    number_key = computed_key = ecert_cache_normalize_number (number);
  if (sha256 == NULL)
    sha256 = computed_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
  document = search_document (certificate, number, number_key);

  /* Writers take turns until they commit, so that sequence numbers become
   * visible in order: desks' cursors rely on it. */
  if (!run (self, "SELECT pg_advisory_xact_lock ($1::bigint)", 1, (const char *[]) { lock },
            error))
    return FALSE;

  values[0] = header->hub_delivery_number;
  values[1] = header->from;
  values[2] = header->to;
  values[3] = type;
  values[4] = status;
  values[5] = header->nppo_certificate_number;
  values[6] = number;
  values[7] = number_key;
  values[8] = ports;
  values[9] = content;
  lengths[9] = (int) strlen (content);
  formats[9] = 1;
  values[10] = sha256;
  values[11] = certificate->verdict;
  values[12] = certificate->explanation;
  values[13] = certificate->source;
  values[14] = document;

  /* Listeners are woken when the transaction commits, not before. */
  result = query_full (self,
                       "WITH added AS ("
                       " INSERT INTO certificates (hub_delivery_number, from_country, to_country,"
                       "  certificate_type, certificate_status, nppo_certificate_number, number,"
                       "  number_key, ports, content, sha256, verdict, explanation, source, search,"
                       "  for_desk)"
                       " VALUES ($1, $2, $3, $4::integer, $5::integer, $6, $7, $8, $9::text[],"
                       "  $10::bytea, $11, $12, $13, $14, to_tsvector ('simple', $15),"
                       "  CASE WHEN $12 = '" ECERT_OFFICE_RESPONSE_VERDICT "' THEN"
                       "   (SELECT o.desk FROM outgoing AS o WHERE o.to_country = $2"
                       "    AND o.nppo_certificate_number = $6"
                       "    ORDER BY o.created_at DESC LIMIT 1) END)"
                       " ON CONFLICT (hub_delivery_number) DO NOTHING"
                       " RETURNING sequence)"
                       " SELECT sequence, pg_notify ('" ECERT_OFFICE_STORE_ARRIVALS_CHANNEL "',"
                       "  sequence::text) FROM added",
                       G_N_ELEMENTS (values), values, lengths, formats, error);
  if (result == NULL)
    return FALSE;

  *added = PQntuples (result) > 0;
  if (*added)
    {
      certificate->sequence = get_int64 (result, 0, 0);
      return TRUE;
    }

  g_clear_pointer (&result, PQclear);
  result = query (self, "SELECT sequence FROM certificates WHERE hub_delivery_number = $1", 1,
                  (const char *[]) { header->hub_delivery_number }, error);
  if (result == NULL)
    return FALSE;
  certificate->sequence = PQntuples (result) > 0 ? get_int64 (result, 0, 0) : 0;
  return TRUE;
}

/**
 * ecert_office_store_add_certificate:
 * @certificate: the certificate; its number_key and sha256 are computed
 *   when %NULL, its number taken from the header when %NULL
 * @added: (out): %FALSE when the office already had a certificate with
 *   that hub delivery number (@certificate->sequence is then that one's)
 *
 * Adds a certificate as the last in the office's sequence. Certificates
 * are added by the upstream worker, in transactions begun with
 * ecert_office_store_begin_leading(); outside a transaction, the addition
 * is a transaction of its own.
 */
gboolean
ecert_office_store_add_certificate (EcertOfficeStore        *self,
                                    EcertOfficeCertificate  *certificate,
                                    gboolean                *added,
                                    GError                 **error)
{
  gboolean own;
  gboolean ignored;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (certificate != NULL, FALSE);

  if (added == NULL)
    added = &ignored;
  *added = FALSE;

  if (!check_certificate (certificate, error))
    return FALSE;

  if (!begin_own (self, &own, error))
    return FALSE;
  return end_own (self, own, insert_certificate (self, certificate, added, error), error);
}

gboolean
ecert_office_store_has_certificate (EcertOfficeStore  *self,
                                    const char        *hub_delivery_number,
                                    gboolean          *found,
                                    GError           **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (hub_delivery_number != NULL && found != NULL, FALSE);

  result = query (self, "SELECT EXISTS (SELECT 1 FROM certificates WHERE hub_delivery_number = $1)",
                  1, (const char *[]) { hub_delivery_number }, error);
  if (result == NULL)
    return FALSE;

  *found = get_bool (result, 0, 0);
  return TRUE;
}

/**
 * ecert_office_store_count:
 *
 * Returns: how many certificates the office holds, or -1 with @error set
 */
gint64
ecert_office_store_count (EcertOfficeStore  *self,
                          GError           **error)
{
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), -1);

  result = query (self, "SELECT count(*) FROM certificates", 0, NULL, error);
  return result != NULL ? get_int64 (result, 0, 0) : -1;
}

/**
 * ecert_office_store_find_by_number:
 * @number_key: a certificate number, normalised or as written (it is
 *   normalised again, which changes nothing of a normalised one)
 *
 * Returns: (transfer container) (element-type EcertEnvelope): the headers
 *   of every certificate with that number, oldest first, without content
 *   or tracking state; %NULL with @error set
 */
GPtrArray *
ecert_office_store_find_by_number (EcertOfficeStore  *self,
                                   const char        *number_key,
                                   GError           **error)
{
  g_autofree char *key = NULL;
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);
  g_return_val_if_fail (number_key != NULL, NULL);

  key = ecert_cache_normalize_number (number_key);
  result = query (self, "SELECT " ENVELOPE_COLUMNS ", c.content FROM certificates AS c"
                        " WHERE c.number_key = $1 AND c.verdict <> '"
                        ECERT_OFFICE_RESPONSE_VERDICT "' ORDER BY c.sequence",
                  1, (const char *[]) { key }, error);
  if (result == NULL)
    return NULL;
  return read_envelopes (result, N_ENVELOPE_COLUMNS, ECERT_TRACKING_INFO_UNKNOWN);
}

/**
 * ecert_office_store_search:
 * @words: what to find: each word must start a word of the certificate
 *   (names, commodities, numbers, countries, ports); Chinese, Japanese
 *   and Korean words are found inside longer runs of text
 * @limit: the most to return, or 0 for all
 *
 * Returns: (transfer container) (element-type EcertEnvelope): the headers
 *   of matching certificates, newest first, without content or tracking
 *   state (empty when @words holds no word); %NULL with @error set
 */
GPtrArray *
ecert_office_store_search (EcertOfficeStore  *self,
                           const char        *words,
                           guint              limit,
                           GError           **error)
{
  g_autofree char *expression = NULL;
  g_autofree char *limit_text = NULL;
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);
  g_return_val_if_fail (words != NULL, NULL);

  expression = _ecert_office_search_query (words);
  if (expression == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_envelope_free);

  if (limit > 0)
    limit_text = g_strdup_printf ("%u", limit);
  result = query (self, "SELECT " ENVELOPE_COLUMNS " FROM certificates AS c"
                        " WHERE c.search @@ to_tsquery ('simple', $1)"
                        " ORDER BY c.sequence DESC LIMIT $2::bigint",
                  2, (const char *[]) { expression, limit_text }, error);
  if (result == NULL)
    return NULL;
  return read_envelopes (result, -1, ECERT_TRACKING_INFO_UNKNOWN);
}

/* Leadership ----------------------------------------------------------------- */

/* Whether this session holds the leader's lock, asked of the server:
 * a session that was lost and connected again does not. */
#define HOLDS_LEADER_LOCK \
  "EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'" \
  " AND pid = pg_backend_pid () AND granted AND objsubid = 1" \
  " AND classid = ($1::bigint >> 32)::oid" \
  " AND objid = ($1::bigint & 4294967295)::oid)"

/**
 * ecert_office_store_try_lead:
 * @leading: (out): whether this instance is the upstream worker now
 *
 * Asks to be the upstream worker, without waiting: of all the instances
 * connected to the office's database, one is. It stays so until its
 * connection ends (the instance exits, or the database loses it). Asking
 * again while leading changes nothing.
 */
gboolean
ecert_office_store_try_lead (EcertOfficeStore  *self,
                             gboolean          *leading,
                             GError           **error)
{
  g_autofree char *lock = int64_text (LOCK_LEADER);
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (leading != NULL, FALSE);

  *leading = FALSE;
  result = query (self, "SELECT CASE WHEN " HOLDS_LEADER_LOCK " THEN true"
                        " ELSE pg_try_advisory_lock ($1::bigint) END",
                  1, (const char *[]) { lock }, error);
  if (result == NULL)
    return FALSE;

  *leading = get_bool (result, 0, 0);
  return TRUE;
}

/**
 * ecert_office_store_begin_leading:
 *
 * Begins a transaction of the upstream worker: it fails, and nothing is
 * begun, when this session no longer holds the leader's lock, so that an
 * instance that stalled while another took over never writes.
 */
gboolean
ecert_office_store_begin_leading (EcertOfficeStore  *self,
                                  GError           **error)
{
  g_autofree char *lock = int64_text (LOCK_LEADER);
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  if (!ecert_office_store_begin (self, error))
    return FALSE;

  result = query (self, "SELECT " HOLDS_LEADER_LOCK, 1, (const char *[]) { lock }, error);
  if (result != NULL && get_bool (result, 0, 0))
    return TRUE;

  ecert_office_store_rollback (self);
  if (result != NULL)
    g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_STORE,
                         "This instance is no longer the upstream worker: another instance "
                         "of the office took over.");
  return FALSE;
}

gboolean
ecert_office_store_begin (EcertOfficeStore  *self,
                          GError           **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  return run (self, "BEGIN", 0, NULL, error);
}

gboolean
ecert_office_store_commit (EcertOfficeStore  *self,
                           GError           **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  return run (self, "COMMIT", 0, NULL, error);
}

/**
 * ecert_office_store_rollback:
 *
 * Ends the transaction, undoing it. A lost connection has undone it
 * already, which is not an error here.
 */
void
ecert_office_store_rollback (EcertOfficeStore *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ECERT_IS_OFFICE_STORE (self));

  if (in_transaction (self) && !run (self, "ROLLBACK", 0, NULL, &error))
    g_debug ("%s", error->message);
}

/* Anchors -------------------------------------------------------------------- */

static gboolean
replace_anchors (EcertOfficeStore  *self,
                 GPtrArray         *nppos,
                 GError           **error)
{
  if (!run (self, "DELETE FROM anchors", 0, NULL, error))
    return FALSE;

  for (guint i = 0; i < nppos->len; i++)
    {
      const EcertNppo *nppo = nppos->pdata[i];

      if (nppo->country == NULL)
        continue;

      if (!run (self, "INSERT INTO anchors (country, signing_dn, signing_certificate, receive, send)"
                      " VALUES (upper ($1), $2, $3, $4, $5)"
                      " ON CONFLICT (country) DO UPDATE SET signing_dn = EXCLUDED.signing_dn,"
                      "  signing_certificate = EXCLUDED.signing_certificate,"
                      "  receive = EXCLUDED.receive, send = EXCLUDED.send",
                5, (const char *[]) { nppo->country, nppo->signing_dn, nppo->signing_certificate,
                                      nppo->receive, nppo->send }, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * ecert_office_store_set_anchors:
 * @nppos: (element-type EcertNppo): the NPPOs as GetActiveNppos gave
 *   them; the only ones kept
 *
 * Replaces the anchors, all at once: a reader never sees half a list.
 */
gboolean
ecert_office_store_set_anchors (EcertOfficeStore  *self,
                                GPtrArray         *nppos,
                                GError           **error)
{
  gboolean own;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (nppos != NULL, FALSE);

  if (!begin_own (self, &own, error))
    return FALSE;
  return end_own (self, own, replace_anchors (self, nppos, error), error);
}

/**
 * ecert_office_store_list_anchors:
 *
 * Returns: (transfer container) (element-type EcertNppo): the NPPOs by
 *   country, with their signing DN and certificate (no documents); %NULL
 *   with @error set
 */
GPtrArray *
ecert_office_store_list_anchors (EcertOfficeStore  *self,
                                 GError           **error)
{
  g_autoptr(PGresult) result = NULL;
  GPtrArray *nppos;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);

  result = query (self, "SELECT country, receive, send, signing_dn, signing_certificate"
                        " FROM anchors ORDER BY country", 0, NULL, error);
  if (result == NULL)
    return NULL;

  nppos = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_nppo_free);
  for (int row = 0; row < PQntuples (result); row++)
    {
      EcertNppo *nppo = ecert_nppo_new (PQgetvalue (result, row, 0));

      nppo->receive = get_text (result, row, 1);
      nppo->send = get_text (result, row, 2);
      nppo->signing_dn = get_text (result, row, 3);
      nppo->signing_certificate = get_text (result, row, 4);
      g_ptr_array_add (nppos, nppo);
    }
  return nppos;
}

/* Downstream ------------------------------------------------------------------ */

/**
 * ecert_office_store_list_pending:
 * @desk: the desk's name
 * @limit: the most to list, or 0 for all
 * @with_content: whether to read each envelope's content too
 *
 * Returns: (transfer container) (element-type EcertEnvelope): what @desk
 *   has not acknowledged of its scope, oldest first, each pending
 *   delivery; %NULL with @error set, also when the desk is unknown or
 *   revoked
 */
GPtrArray *
ecert_office_store_list_pending (EcertOfficeStore  *self,
                                 const char        *desk,
                                 guint              limit,
                                 gboolean           with_content,
                                 GError           **error)
{
  g_auto(DeskParams) params = { 0 };
  g_autofree char *limit_text = NULL;
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);
  g_return_val_if_fail (desk != NULL, NULL);

  if (!load_desk (self, desk, FALSE, &params, error))
    return NULL;

  if (limit > 0)
    limit_text = g_strdup_printf ("%u", limit);
  /* The scope is given as values rather than joined, so that the plan is
   * a walk of the primary key from the cursor that stops at the limit. */
  result = query (self,
                  with_content
                  ? "SELECT " ENVELOPE_COLUMNS ", c.content FROM certificates AS c"
                    " WHERE " DESK_PARAMS_PENDING " AND " DESK_PARAMS_SCOPE
                    " ORDER BY c.sequence LIMIT $5::bigint"
                  : "SELECT " ENVELOPE_COLUMNS " FROM certificates AS c"
                    " WHERE " DESK_PARAMS_PENDING " AND " DESK_PARAMS_SCOPE
                    " ORDER BY c.sequence LIMIT $5::bigint",
                  5, (const char *[]) { params.id, params.cursor, params.countries, params.ports,
                                        limit_text }, error);
  if (result == NULL)
    return NULL;

  return read_envelopes (result, with_content ? N_ENVELOPE_COLUMNS : -1,
                         ECERT_TRACKING_INFO_PENDING_DELIVERY);
}

/**
 * ecert_office_store_lookup_for_desk:
 *
 * Returns: (transfer full) (nullable): the envelope with its content and
 *   where it stands for @desk (acknowledged in the state it gave, or
 *   pending); %NULL with @error unset when it is not in @desk's scope,
 *   whether or not the office holds it; %NULL with @error set when the
 *   desk is unknown or revoked, or the database fails
 */
EcertEnvelope *
ecert_office_store_lookup_for_desk (EcertOfficeStore  *self,
                                    const char        *desk,
                                    const char        *hub_delivery_number,
                                    GError           **error)
{
  g_auto(DeskParams) params = { 0 };
  g_autoptr(PGresult) result = NULL;
  EcertEnvelope *envelope;
  EcertTrackingInfo state;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), NULL);
  g_return_val_if_fail (desk != NULL && hub_delivery_number != NULL, NULL);

  if (!load_desk (self, desk, FALSE, &params, error))
    return NULL;

  result = query (self,
                  "SELECT " ENVELOPE_COLUMNS ", c.content, c.sequence <= $2::bigint,"
                  " (SELECT a.state FROM desk_acknowledgements AS a"
                  "  WHERE a.desk = $1::integer AND a.sequence = c.sequence)"
                  " FROM certificates AS c"
                  " WHERE c.hub_delivery_number = $5 AND " DESK_PARAMS_SCOPE,
                  5, (const char *[]) { params.id, params.cursor, params.countries, params.ports,
                                        hub_delivery_number }, error);
  if (result == NULL || PQntuples (result) == 0)
    return NULL;

  /* At or below the cursor it was acknowledged, or came before the desk's
   * window and counts as given. */
  if (!PQgetisnull (result, 0, N_ENVELOPE_COLUMNS + 2))
    state = ecert_tracking_info_from_string (PQgetvalue (result, 0, N_ENVELOPE_COLUMNS + 2));
  else if (get_bool (result, 0, N_ENVELOPE_COLUMNS + 1))
    state = ECERT_TRACKING_INFO_DELIVERED;
  else
    state = ECERT_TRACKING_INFO_PENDING_DELIVERY;

  envelope = read_envelope (result, 0, N_ENVELOPE_COLUMNS, state);
  return envelope;
}

/* Moves the desk's cursor to just before the first certificate of its
 * scope it has not acknowledged (to the newest certificate when there is
 * none), and forgets the acknowledgements it passed. */
static gboolean
advance_cursor (EcertOfficeStore  *self,
                const DeskParams  *params,
                GError           **error)
{
  return run (self,
              "WITH moved AS ("
              " UPDATE desks SET cursor = greatest (cursor, coalesce ("
              "   (SELECT c.sequence - 1 FROM certificates AS c"
              "    WHERE " DESK_PARAMS_PENDING " AND " DESK_PARAMS_SCOPE
              "    ORDER BY c.sequence LIMIT 1),"
              "   (SELECT max (sequence) FROM certificates), 0))"
              " WHERE id = $1::integer RETURNING cursor)"
              " DELETE FROM desk_acknowledgements AS a USING moved"
              " WHERE a.desk = $1::integer AND a.sequence <= moved.cursor",
              4, (const char *[]) { params->id, params->cursor, params->countries, params->ports },
              error);
}

static gboolean
acknowledge_in_transaction (EcertOfficeStore   *self,
                            const char         *desk,
                            const char         *hub_delivery_number,
                            EcertTrackingInfo   state,
                            GError            **error)
{
  g_auto(DeskParams) params = { 0 };
  g_autoptr(PGresult) result = NULL;
  g_autofree char *sequence = NULL;

  /* Locked: two acknowledgements of one desk move its cursor in turn. */
  if (!load_desk (self, desk, TRUE, &params, error))
    return FALSE;

  result = query (self,
                  "SELECT c.sequence, NOT (" DESK_PARAMS_PENDING ") FROM certificates AS c"
                  " WHERE c.hub_delivery_number = $5 AND " DESK_PARAMS_SCOPE,
                  5, (const char *[]) { params.id, params.cursor, params.countries, params.ports,
                                        hub_delivery_number }, error);
  if (result == NULL)
    return FALSE;

  if (PQntuples (result) == 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   "The desk “%s” has no certificate with the hub delivery number “%s”.",
                   desk, hub_delivery_number);
      return FALSE;
    }

  /* Acknowledged already, or older than the desk's window: the first
   * acknowledgement's state is kept, as the hub keeps it. */
  if (get_bool (result, 0, 1))
    return TRUE;

  sequence = get_text (result, 0, 0);
  if (!run (self, "INSERT INTO desk_acknowledgements (desk, sequence, state)"
                  " VALUES ($1::integer, $2::bigint, $3) ON CONFLICT DO NOTHING",
            3, (const char *[]) { params.id, sequence, ecert_tracking_info_to_string (state) },
            error))
    return FALSE;

  return advance_cursor (self, &params, error);
}

/**
 * ecert_office_store_acknowledge:
 * @state: what the desk says: Delivered, DeliveredWithWarnings or
 *   DeliveredNotReadable
 *
 * Records that @desk received a certificate of its scope, in any order.
 * Acknowledging again changes nothing. A certificate outside the desk's
 * scope (or unknown) is an error, the same one.
 */
gboolean
ecert_office_store_acknowledge (EcertOfficeStore   *self,
                                const char         *desk,
                                const char         *hub_delivery_number,
                                EcertTrackingInfo   state,
                                GError            **error)
{
  gboolean own;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (desk != NULL && hub_delivery_number != NULL, FALSE);
  g_return_val_if_fail (ecert_tracking_info_is_delivered (state), FALSE);

  if (!begin_own (self, &own, error))
    return FALSE;
  return end_own (self, own,
                  acknowledge_in_transaction (self, desk, hub_delivery_number, state, error),
                  error);
}

/* Arrivals -------------------------------------------------------------------- */

/**
 * ecert_office_store_listen:
 *
 * From now on, each commit that adds certificates is noticed: the socket
 * of ecert_office_store_get_socket() becomes readable, and
 * ecert_office_store_read_notifications() says the newest sequence number.
 */
gboolean
ecert_office_store_listen (EcertOfficeStore  *self,
                           GError           **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);

  if (!run_script (self, "LISTEN " ECERT_OFFICE_STORE_ARRIVALS_CHANNEL, error))
    return FALSE;
  self->listening = TRUE;
  return TRUE;
}

/**
 * ecert_office_store_get_socket:
 *
 * Returns: the connection's socket, to watch for reading; -1 when there
 *   is no connection. It changes with ecert_office_store_reconnect().
 */
int
ecert_office_store_get_socket (EcertOfficeStore *self)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), -1);

  return self->conn != NULL ? PQsocket (self->conn) : -1;
}

/**
 * ecert_office_store_read_notifications:
 * @newest: (out): the highest sequence number notified since the last
 *   call, or -1 for none
 *
 * Reads what arrived on the socket, without waiting.
 */
gboolean
ecert_office_store_read_notifications (EcertOfficeStore  *self,
                                       gint64            *newest,
                                       GError           **error)
{
  PGnotify *notify;

  g_return_val_if_fail (ECERT_IS_OFFICE_STORE (self), FALSE);
  g_return_val_if_fail (newest != NULL, FALSE);

  *newest = -1;
  if (self->conn == NULL || !PQconsumeInput (self->conn))
    return set_unreachable (self, error);

  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      gint64 sequence;

      if (g_strcmp0 (notify->relname, ECERT_OFFICE_STORE_ARRIVALS_CHANNEL) == 0 &&
          g_ascii_string_to_signed (notify->extra, 10, 0, G_MAXINT64, &sequence, NULL))
        *newest = MAX (*newest, sequence);
      PQfreemem (notify);
    }

  return TRUE;
}
