/* ecert-hub-store.c: the hub's envelopes, in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table of envelopes with their tracking state. The rules that make
 * this a hub live here, in SQL, so that they hold however the server is
 * driven: only a pending envelope changes state, so an envelope delivered
 * once stays delivered; headers list only what is pending for a country.
 * WAL with synchronous=NORMAL survives the process being killed at any
 * moment, which the sync tests do to it.
 */

#define G_LOG_DOMAIN "ecert-hub-store"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "ecert-hub-store.h"

#define SCHEMA_VERSION 3

struct _EcertHubStore
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *path;
};

G_DEFINE_FINAL_TYPE (EcertHubStore, ecert_hub_store, G_TYPE_OBJECT)

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS envelopes ("
  "  id INTEGER PRIMARY KEY,"
  "  hub_delivery_number TEXT NOT NULL UNIQUE,"
  "  sender TEXT NOT NULL,"
  "  recipient TEXT NOT NULL,"
  "  certificate_type INTEGER NOT NULL,"
  "  certificate_status INTEGER NOT NULL,"
  "  nppo_certificate_number TEXT NOT NULL,"
  "  content TEXT NOT NULL,"
  "  tracking TEXT NOT NULL,"
  "  message TEXT,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  response INTEGER NOT NULL DEFAULT 0,"
  "  mailed INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX IF NOT EXISTS envelopes_by_state ON envelopes (recipient, tracking, id);";

static void
ecert_hub_store_finalize (GObject *object)
{
  EcertHubStore *self = ECERT_HUB_STORE (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (ecert_hub_store_parent_class)->finalize (object);
}

static void
ecert_hub_store_class_init (EcertHubStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ecert_hub_store_finalize;
}

static void
ecert_hub_store_init (EcertHubStore *self)
{
}

static gboolean
set_sqlite_error (EcertHubStore  *self,
                  GError        **error)
{
  g_set_error (error, ECERT_ERROR, ECERT_ERROR_FAILED,
               _("The hub's database %s failed: %s"), self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (EcertHubStore  *self,
      const char     *sql,
      GError        **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);

  return TRUE;
}

/* Version 2 tells country responses from certificates. */
static gboolean
upgrade (EcertHubStore  *self,
         GError        **error)
{
  sqlite3_stmt *statement = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &statement, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);
  if (sqlite3_step (statement) == SQLITE_ROW)
    version = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);

  /* Version 0 is a new file, which the schema makes whole. */
  if (version == 1 &&
      !exec (self, "ALTER TABLE envelopes ADD COLUMN response INTEGER NOT NULL DEFAULT 0", error))
    return FALSE;
  if (version == 1 || version == 2)
    return exec (self, "ALTER TABLE envelopes ADD COLUMN mailed INTEGER NOT NULL DEFAULT 0",
                 error);
  return TRUE;
}

/**
 * ecert_hub_store_open:
 * @path: the database file; created when missing
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
EcertHubStore *
ecert_hub_store_open (const char  *path,
                      GError     **error)
{
  g_autoptr(EcertHubStore) self = g_object_new (ECERT_TYPE_HUB_STORE, NULL);
  g_autofree char *pragmas = NULL;

  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  /* Seeding and serving may overlap in a demonstration. */
  sqlite3_busy_timeout (self->db, 5000);

  pragmas = g_strdup_printf ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                             "PRAGMA user_version=%d;", SCHEMA_VERSION);
  if (!exec (self, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", error) ||
      !upgrade (self, error) || !exec (self, schema, error) || !exec (self, pragmas, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
ecert_hub_store_begin (EcertHubStore  *self,
                       GError        **error)
{
  g_return_val_if_fail (ECERT_IS_HUB_STORE (self), FALSE);

  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
ecert_hub_store_commit (EcertHubStore  *self,
                        GError        **error)
{
  g_return_val_if_fail (ECERT_IS_HUB_STORE (self), FALSE);

  return exec (self, "COMMIT", error);
}

/* After a failure inside a transaction: nothing of it is kept. */
void
ecert_hub_store_rollback (EcertHubStore *self)
{
  g_return_if_fail (ECERT_IS_HUB_STORE (self));

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static sqlite3_stmt *
prepare (EcertHubStore  *self,
         const char     *sql,
         GError        **error)
{
  sqlite3_stmt *statement = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &statement, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  return statement;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static void
bind_text (sqlite3_stmt *statement,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (statement, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

/**
 * ecert_hub_store_add:
 * @envelope: what to store; its tracking state (pending when unknown) and
 *   message are stored too, and its hub delivery number when it has one
 *
 * Returns: (transfer full): the envelope's hub delivery number, or %NULL
 *   with @error set
 */
static char *
add_envelope (EcertHubStore        *self,
              const EcertEnvelope  *envelope,
              gboolean              response,
              GError              **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  const EcertEnvelopeHeader *header;
  g_autofree char *number = NULL;
  g_autofree char *now = now_text ();
  EcertTrackingInfo state;

  g_return_val_if_fail (ECERT_IS_HUB_STORE (self), NULL);
  g_return_val_if_fail (envelope != NULL && envelope->header != NULL, NULL);

  header = envelope->header;
  number = header->hub_delivery_number != NULL ? g_strdup (header->hub_delivery_number)
                                               : g_uuid_string_random ();
  state = header->tracking_info != ECERT_TRACKING_INFO_UNKNOWN
          ? header->tracking_info : ECERT_TRACKING_INFO_PENDING_DELIVERY;

  statement = prepare (self,
                       "INSERT INTO envelopes (hub_delivery_number, sender, recipient, "
                       "certificate_type, certificate_status, nppo_certificate_number, content, "
                       "tracking, message, created, updated, response) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (statement == NULL)
    return NULL;

  bind_text (statement, 1, number);
  bind_text (statement, 2, header->from);
  bind_text (statement, 3, header->to);
  sqlite3_bind_int (statement, 4, header->certificate_type);
  sqlite3_bind_int (statement, 5, header->certificate_status);
  bind_text (statement, 6, header->nppo_certificate_number);
  bind_text (statement, 7, envelope->content);
  bind_text (statement, 8, ecert_tracking_info_to_string (state));
  if (header->hub_delivery_error_message != NULL)
    bind_text (statement, 9, header->hub_delivery_error_message);
  bind_text (statement, 10, now);
  bind_text (statement, 11, now);
  sqlite3_bind_int (statement, 12, response);

  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&number);
}

char *
ecert_hub_store_add (EcertHubStore        *self,
                     const EcertEnvelope  *envelope,
                     GError              **error)
{
  return add_envelope (self, envelope, FALSE, error);
}

/**
 * ecert_hub_store_add_response:
 * @envelope: a country response (an inquiry or a reply); its hub delivery
 *   number is kept when it has one
 *
 * Like ecert_hub_store_add(), for a country response.
 *
 * Returns: (transfer full): the envelope's hub delivery number, or %NULL
 *   with @error set
 */
char *
ecert_hub_store_add_response (EcertHubStore        *self,
                              const EcertEnvelope  *envelope,
                              GError              **error)
{
  return add_envelope (self, envelope, TRUE, error);
}

/**
 * ecert_hub_store_has_certificate:
 * @sender: the exporting country
 * @number: the certificate's number
 * @found: (out): whether @sender delivered a certificate of that number
 *   through this hub
 */
gboolean
ecert_hub_store_has_certificate (EcertHubStore  *self,
                                 const char     *sender,
                                 const char     *number,
                                 gboolean       *found,
                                 GError        **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  int status;

  g_return_val_if_fail (ECERT_IS_HUB_STORE (self), FALSE);

  statement = prepare (self, "SELECT 1 FROM envelopes WHERE sender = ? COLLATE NOCASE"
                             " AND nppo_certificate_number = ? AND response = 0 LIMIT 1", error);
  if (statement == NULL)
    return FALSE;

  bind_text (statement, 1, sender);
  bind_text (statement, 2, number);
  status = sqlite3_step (statement);
  if (status != SQLITE_ROW && status != SQLITE_DONE)
    return set_sqlite_error (self, error);

  *found = status == SQLITE_ROW;
  return TRUE;
}

static char *
column_text (sqlite3_stmt *statement,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (statement, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

#define ROW_COLUMNS \
  "hub_delivery_number, sender, recipient, certificate_type, certificate_status, " \
  "nppo_certificate_number, tracking, message"

static EcertEnvelope *
read_row (sqlite3_stmt *statement,
          gboolean      with_content)
{
  EcertEnvelope *envelope = ecert_envelope_new ();
  EcertEnvelopeHeader *header = envelope->header;
  g_autofree char *tracking = NULL;

  header->hub_delivery_number = column_text (statement, 0);
  header->from = column_text (statement, 1);
  header->to = column_text (statement, 2);
  header->certificate_type = sqlite3_column_int (statement, 3);
  header->certificate_status = sqlite3_column_int (statement, 4);
  header->nppo_certificate_number = column_text (statement, 5);
  tracking = column_text (statement, 6);
  header->tracking_info = ecert_tracking_info_from_string (tracking);
  header->hub_delivery_error_message = column_text (statement, 7);
  if (with_content)
    envelope->content = column_text (statement, 8);

  return envelope;
}

/**
 * ecert_hub_store_list_pending:
 * @limit: the most to list, or 0 for all
 * @with_content: whether to read each envelope's content too
 *
 * Returns: (transfer container) (element-type EcertEnvelope): the pending
 *   envelopes for @recipient, oldest first, or %NULL with @error set
 */
GPtrArray *
ecert_hub_store_list_pending (EcertHubStore  *self,
                              const char     *recipient,
                              guint           limit,
                              gboolean        with_content,
                              GError        **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  g_autoptr(GPtrArray) envelopes = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_envelope_free);
  int status;

  g_return_val_if_fail (ECERT_IS_HUB_STORE (self), NULL);

  statement = prepare (self,
                       with_content
                       ? "SELECT " ROW_COLUMNS ", content FROM envelopes "
                         "WHERE recipient = ? AND tracking = 'PendingDelivery' ORDER BY id LIMIT ?"
                       : "SELECT " ROW_COLUMNS " FROM envelopes "
                         "WHERE recipient = ? AND tracking = 'PendingDelivery' ORDER BY id LIMIT ?",
                       error);
  if (statement == NULL)
    return NULL;

  bind_text (statement, 1, recipient);
  sqlite3_bind_int64 (statement, 2, limit > 0 ? (sqlite3_int64) limit : -1);

  while ((status = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (envelopes, read_row (statement, with_content));

  if (status != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&envelopes);
}

/**
 * ecert_hub_store_lookup:
 *
 * Returns: (transfer full) (nullable): the envelope with its content, or
 *   %NULL when there is none (@error unset) or the lookup failed (@error set)
 */
EcertEnvelope *
ecert_hub_store_lookup (EcertHubStore  *self,
                        const char     *hub_delivery_number,
                        GError        **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  int status;

  g_return_val_if_fail (ECERT_IS_HUB_STORE (self), NULL);

  statement = prepare (self, "SELECT " ROW_COLUMNS ", content FROM envelopes "
                             "WHERE hub_delivery_number = ?", error);
  if (statement == NULL)
    return NULL;

  bind_text (statement, 1, hub_delivery_number);
  status = sqlite3_step (statement);
  if (status == SQLITE_ROW)
    return read_row (statement, TRUE);

  if (status != SQLITE_DONE)
    set_sqlite_error (self, error);

  return NULL;
}

/**
 * ecert_hub_store_acknowledge:
 * @state: the state the acknowledgement asks for: Delivered,
 *   DeliveredWithWarnings or DeliveredNotReadable
 * @message: (nullable): the warning, or why it cannot be read
 * @result: (out): the envelope's state afterwards
 *
 * Moves a pending envelope to @state. An envelope in any other state keeps
 * it: delivered once, it stays delivered, however it is acknowledged later.
 *
 * Returns: %FALSE with @error set when the database fails
 */
gboolean
ecert_hub_store_acknowledge (EcertHubStore      *self,
                             const char         *hub_delivery_number,
                             EcertTrackingInfo   state,
                             const char         *message,
                             EcertTrackingInfo  *result,
                             GError            **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) query = NULL;
  g_autofree char *now = now_text ();
  g_autofree char *tracking = NULL;

  g_return_val_if_fail (ECERT_IS_HUB_STORE (self), FALSE);
  g_return_val_if_fail (ecert_tracking_info_is_delivered (state), FALSE);

  update = prepare (self, "UPDATE envelopes SET tracking = ?, message = ?, updated = ? "
                          "WHERE hub_delivery_number = ? AND tracking = 'PendingDelivery'",
                    error);
  if (update == NULL)
    return FALSE;

  bind_text (update, 1, ecert_tracking_info_to_string (state));
  if (message != NULL)
    bind_text (update, 2, message);
  bind_text (update, 3, now);
  bind_text (update, 4, hub_delivery_number);
  if (sqlite3_step (update) != SQLITE_DONE)
    return set_sqlite_error (self, error);

  query = prepare (self, "SELECT tracking FROM envelopes WHERE hub_delivery_number = ?", error);
  if (query == NULL)
    return FALSE;

  bind_text (query, 1, hub_delivery_number);
  if (sqlite3_step (query) == SQLITE_ROW)
    tracking = column_text (query, 0);

  *result = tracking != NULL ? ecert_tracking_info_from_string (tracking)
                             : ECERT_TRACKING_INFO_ENVELOPE_NOT_EXISTS;
  return TRUE;
}

/**
 * ecert_hub_store_count:
 * @recipient: (nullable): only envelopes for this country, or %NULL for all
 * @state: only envelopes in this state, or %ECERT_TRACKING_INFO_UNKNOWN for
 *   any
 *
 * Returns: how many envelopes there are, or -1 with @error set
 */
gint64
ecert_hub_store_count (EcertHubStore      *self,
                       const char         *recipient,
                       EcertTrackingInfo   state,
                       GError            **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;

  g_return_val_if_fail (ECERT_IS_HUB_STORE (self), -1);

  statement = prepare (self, "SELECT COUNT(*) FROM envelopes "
                             "WHERE (?1 IS NULL OR recipient = ?1) AND (?2 IS NULL OR tracking = ?2)",
                       error);
  if (statement == NULL)
    return -1;

  if (recipient != NULL)
    bind_text (statement, 1, recipient);
  if (state != ECERT_TRACKING_INFO_UNKNOWN)
    bind_text (statement, 2, ecert_tracking_info_to_string (state));

  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      set_sqlite_error (self, error);
      return -1;
    }

  return sqlite3_column_int64 (statement, 0);
}

/**
 * ecert_hub_store_list_unmailed:
 * @recipient: the importing country whose mail is pushed
 *
 * Returns: (transfer full) (element-type EcertEnvelope): the certificates
 *   pending delivery to @recipient that have not been mailed yet, with
 *   their content, oldest first; %NULL with @error set
 */
GPtrArray *
ecert_hub_store_list_unmailed (EcertHubStore  *self,
                               const char     *recipient,
                               GError        **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  g_autoptr(GPtrArray) envelopes = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_envelope_free);
  int status;

  g_return_val_if_fail (ECERT_IS_HUB_STORE (self), NULL);

  statement = prepare (self, "SELECT " ROW_COLUMNS ", content FROM envelopes "
                             "WHERE recipient = ? AND tracking = 'PendingDelivery' AND mailed = 0 "
                             "AND response = 0 ORDER BY id", error);
  if (statement == NULL)
    return NULL;

  bind_text (statement, 1, recipient);
  while ((status = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (envelopes, read_row (statement, TRUE));

  if (status != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&envelopes);
}

/**
 * ecert_hub_store_mark_mailed:
 *
 * Records that the envelope was mailed, so it is mailed once.
 */
gboolean
ecert_hub_store_mark_mailed (EcertHubStore  *self,
                             const char     *hub_delivery_number,
                             GError        **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;

  g_return_val_if_fail (ECERT_IS_HUB_STORE (self), FALSE);

  statement = prepare (self, "UPDATE envelopes SET mailed = 1 WHERE hub_delivery_number = ?",
                       error);
  if (statement == NULL)
    return FALSE;

  bind_text (statement, 1, hub_delivery_number);
  if (sqlite3_step (statement) != SQLITE_DONE)
    return set_sqlite_error (self, error);
  return TRUE;
}
