/* ecert-cache-schema.c: the cache's tables, version by version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cache written by any earlier version must open in this one: each step
 * below takes the schema from one version to the next, and a step, once
 * released, is never edited, only followed by another. The steps run in the
 * transaction that opens the cache, so a migration that fails (or a crash
 * during one) leaves the file as it was.
 *
 * Times are Unix seconds, UTC. Dates of issue are kept twice: issued_at, the
 * instant, and issued_date, the calendar day the issuer wrote (YYYYMMDD), so
 * that "issued on 14 March" finds what the paper says, whatever the zone.
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-cache-private.h"
#include "ecert-error.h"

/* Version 1: certificates, their exact documents, every receipt of them,
 * the history links and the latest verification verdict. */
static const char schema_1[] =
  "CREATE TABLE certificates ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 BLOB NOT NULL,"
  "  number TEXT,"
  "  number_norm TEXT NOT NULL DEFAULT '',"
  "  type_code TEXT,"
  "  status_code TEXT,"
  "  issued_text TEXT,"
  "  issued_date INTEGER,"
  "  issued_at INTEGER,"
  "  export_country TEXT,"
  "  import_country TEXT,"
  "  consignor TEXT,"
  "  consignee TEXT,"
  "  commodity TEXT,"
  "  commodity_key TEXT,"
  "  commodities TEXT,"
  "  hs_codes TEXT,"
  "  ports TEXT,"
  "  transport TEXT,"
  "  issuer TEXT,"
  "  countries TEXT,"
  "  replaces_number TEXT,"
  "  replaces_number_norm TEXT,"
  "  replaces INTEGER REFERENCES certificates (id),"
  "  replaced_by INTEGER REFERENCES certificates (id),"
  "  withdrawn_by INTEGER REFERENCES certificates (id),"
  "  received_at INTEGER NOT NULL,"
  "  verdict TEXT,"
  "  verdict_reason TEXT,"
  "  verdict_signer TEXT,"
  "  verified_at INTEGER"
  ");"
  /* No index on sha256: a hash is a random key, and an index of random
   * keys costs a random page write per insert. A stored document is found
   * again through its number, then compared by hash. */
  "CREATE INDEX certificates_number ON certificates (number_norm, export_country);"
  /* The date indexes carry every filter column, so a count or a filtered
   * page reads only the index, never a summary. Their order is exactly
   * the order of the sorts (id breaks ties), so that a page far down the
   * list skips through the index without sorting or reading what it
   * skips. */
  "CREATE INDEX certificates_issued ON certificates (issued_date DESC, issued_at DESC, id,"
  "  export_country, status_code, verdict, type_code, withdrawn_by, replaced_by);"
  "CREATE INDEX certificates_country ON certificates (export_country, issued_date DESC,"
  "  issued_at DESC, id, status_code, verdict, type_code, withdrawn_by, replaced_by);"
  "CREATE INDEX certificates_verdict"
  "  ON certificates (verdict, issued_date DESC, issued_at DESC);"
  "CREATE INDEX certificates_type ON certificates (type_code, issued_date DESC, issued_at DESC);"
  "CREATE INDEX certificates_commodity ON certificates (commodity_key);"
  /* Few certificates are withdrawn or replaced; these find them without
   * reading the others. */
  "CREATE INDEX certificates_withdrawn ON certificates (issued_date DESC, issued_at DESC)"
  "  WHERE status_code = '40' OR withdrawn_by IS NOT NULL;"
  "CREATE INDEX certificates_replaced ON certificates (issued_date DESC, issued_at DESC)"
  "  WHERE replaced_by IS NOT NULL;"
  "CREATE INDEX certificates_replaces ON certificates (replaces_number_norm, export_country)"
  "  WHERE replaces_number_norm IS NOT NULL;"
  /* Documents apart, so that scans of the summaries never page through
   * kilobytes of XML. */
  "CREATE TABLE documents ("
  "  certificate_id INTEGER PRIMARY KEY REFERENCES certificates (id),"
  "  bytes BLOB NOT NULL"
  ");"
  "CREATE TABLE receipts ("
  "  id INTEGER PRIMARY KEY,"
  "  certificate_id INTEGER NOT NULL REFERENCES certificates (id),"
  "  source TEXT NOT NULL,"
  "  hub_url TEXT,"
  "  delivery_number TEXT,"
  "  envelope_from TEXT,"
  "  envelope_to TEXT,"
  "  envelope_certificate_type TEXT,"
  "  envelope_certificate_status TEXT,"
  "  envelope_certificate_number TEXT,"
  "  hub_tracking_info TEXT,"
  "  file_path TEXT,"
  "  received_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX receipts_certificate ON receipts (certificate_id);"
  "CREATE UNIQUE INDEX receipts_delivery ON receipts (hub_url, delivery_number)"
  "  WHERE delivery_number IS NOT NULL;";

/* Version 2: full-text search over the summaries. The index reads its text
 * from the certificates table (external content), so nothing is stored
 * twice; triggers keep it in step whoever writes. Indexing is half the cost
 * of storing a certificate, so the index keeps no per-document sizes (they
 * only serve relevance ranking, which the cache does not use) and merges
 * its segments eight at a time rather than four: fewer rewrites, at the
 * price of a few more segments to read per query. */
static const char schema_2[] =
  "ALTER TABLE certificates ADD COLUMN search_number TEXT;"
  "UPDATE certificates SET search_number = trim(coalesce(number, '') || ' ' || number_norm);"
  "CREATE VIRTUAL TABLE certificate_fts USING fts5 ("
  "  search_number, consignor, consignee, commodities, hs_codes, ports, transport, issuer,"
  "  countries,"
  "  content = 'certificates', content_rowid = 'id', columnsize = 0,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO certificate_fts (certificate_fts, rank) VALUES ('automerge', 8);"
  "INSERT INTO certificate_fts (certificate_fts) VALUES ('rebuild');"
  "CREATE TRIGGER certificates_fts_insert AFTER INSERT ON certificates BEGIN"
  "  INSERT INTO certificate_fts (rowid, search_number, consignor, consignee, commodities,"
  "                               hs_codes, ports, transport, issuer, countries)"
  "  VALUES (new.id, new.search_number, new.consignor, new.consignee, new.commodities,"
  "          new.hs_codes, new.ports, new.transport, new.issuer, new.countries);"
  "END;"
  "CREATE TRIGGER certificates_fts_delete AFTER DELETE ON certificates BEGIN"
  "  INSERT INTO certificate_fts (certificate_fts, rowid, search_number, consignor, consignee,"
  "                               commodities, hs_codes, ports, transport, issuer, countries)"
  "  VALUES ('delete', old.id, old.search_number, old.consignor, old.consignee,"
  "          old.commodities, old.hs_codes, old.ports, old.transport, old.issuer,"
  "          old.countries);"
  "END;"
  "CREATE TRIGGER certificates_fts_update AFTER UPDATE OF search_number, consignor, consignee,"
  "  commodities, hs_codes, ports, transport, issuer, countries ON certificates BEGIN"
  "  INSERT INTO certificate_fts (certificate_fts, rowid, search_number, consignor, consignee,"
  "                               commodities, hs_codes, ports, transport, issuer, countries)"
  "  VALUES ('delete', old.id, old.search_number, old.consignor, old.consignee,"
  "          old.commodities, old.hs_codes, old.ports, old.transport, old.issuer,"
  "          old.countries);"
  "  INSERT INTO certificate_fts (rowid, search_number, consignor, consignee, commodities,"
  "                               hs_codes, ports, transport, issuer, countries)"
  "  VALUES (new.id, new.search_number, new.consignor, new.consignee, new.commodities,"
  "          new.hs_codes, new.ports, new.transport, new.issuer, new.countries);"
  "END;";

/* Version 3: what synchronisation must remember across restarts, and the
 * trust anchors hubs hand out. */
static const char schema_3[] =
  "CREATE TABLE sync_state ("
  "  hub_url TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  value TEXT,"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (hub_url, key)"
  ") WITHOUT ROWID;"
  "CREATE TABLE pending_acknowledgements ("
  "  hub_url TEXT NOT NULL,"
  "  delivery_number TEXT NOT NULL,"
  "  certificate_id INTEGER NOT NULL REFERENCES certificates (id),"
  "  stored_at INTEGER NOT NULL,"
  "  PRIMARY KEY (hub_url, delivery_number)"
  ") WITHOUT ROWID;"
  "CREATE TABLE trust_anchors ("
  "  id INTEGER PRIMARY KEY,"
  "  country TEXT NOT NULL,"
  "  der BLOB NOT NULL,"
  "  sha256 BLOB NOT NULL,"
  "  origin TEXT NOT NULL,"
  "  added_at INTEGER NOT NULL"
  ");"
  "CREATE UNIQUE INDEX trust_anchors_country ON trust_anchors (country, sha256);";

/* Version 4: inquiry drafts and the outbox of documents to send. */
static const char schema_4[] =
  /* Autosaves come faster than the clock's seconds: saved_order says
   * which save was last. */
  "CREATE TABLE drafts ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  certificate_id INTEGER REFERENCES certificates (id),"
  "  content BLOB NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  saved_order INTEGER NOT NULL"
  ");"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  hub_url TEXT NOT NULL,"
  "  certificate_id INTEGER REFERENCES certificates (id),"
  "  document BLOB NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'queued',"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  queued_at INTEGER NOT NULL,"
  "  sent_at INTEGER"
  ");"
  "CREATE INDEX outbox_state ON outbox (state, queued_at);";

/* Version 5: inquiries on their way through the hub, and those received.
 * An outbox entry keeps the envelope it goes in and the delivery number
 * chosen for it before it is first sent, so that after a lost reply the
 * hub's tracking, not a second delivery, says whether it arrived. A
 * received response is acknowledged like a certificate, so a pending
 * acknowledgement may now be for no certificate: the table is rebuilt with
 * certificate_id nullable. */
static const char schema_5[] =
  "ALTER TABLE outbox ADD COLUMN certificate_number TEXT;"
  "ALTER TABLE outbox ADD COLUMN export_country TEXT;"
  "ALTER TABLE outbox ADD COLUMN certificate_type INTEGER;"
  "ALTER TABLE outbox ADD COLUMN sender TEXT;"
  "ALTER TABLE outbox ADD COLUMN tracking_number TEXT;"
  "ALTER TABLE outbox ADD COLUMN hub_tracking TEXT;"
  "ALTER TABLE outbox ADD COLUMN hub_message TEXT;"
  "ALTER TABLE outbox ADD COLUMN tracked_at INTEGER;"
  "ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER;"
  "CREATE UNIQUE INDEX outbox_tracking ON outbox (hub_url, tracking_number)"
  "  WHERE tracking_number IS NOT NULL;"
  "CREATE TABLE responses ("
  "  id INTEGER PRIMARY KEY,"
  "  hub_url TEXT NOT NULL,"
  "  delivery_number TEXT NOT NULL,"
  "  sender TEXT,"
  "  recipient TEXT,"
  "  certificate_number TEXT NOT NULL,"
  "  certificate_number_norm TEXT NOT NULL,"
  "  export_country TEXT,"
  "  certificate_type INTEGER,"
  "  status_code INTEGER,"
  "  document BLOB NOT NULL,"
  "  received_at INTEGER NOT NULL"
  ");"
  "CREATE UNIQUE INDEX responses_delivery ON responses (hub_url, delivery_number);"
  "CREATE INDEX responses_certificate ON responses (certificate_number_norm, export_country);"
  "CREATE TABLE pending_acknowledgements_5 ("
  "  hub_url TEXT NOT NULL,"
  "  delivery_number TEXT NOT NULL,"
  "  certificate_id INTEGER REFERENCES certificates (id),"
  "  stored_at INTEGER NOT NULL,"
  "  PRIMARY KEY (hub_url, delivery_number)"
  ") WITHOUT ROWID;"
  "INSERT INTO pending_acknowledgements_5 SELECT hub_url, delivery_number, certificate_id,"
  "  stored_at FROM pending_acknowledgements;"
  "DROP TABLE pending_acknowledgements;"
  "ALTER TABLE pending_acknowledgements_5 RENAME TO pending_acknowledgements;";

/* Version 6: the trust anchors live in the trust store on the disk
 * (EcertTrustStore); the table kept for them here was never read. */
static const char schema_6[] =
  "DROP TABLE trust_anchors;";

/* Version 7: certificates received by mail. A message is read again when
 * the desk stopped before marking it read, so a certificate is recorded
 * once per message. */
static const char schema_7[] =
  "ALTER TABLE receipts ADD COLUMN mail_from TEXT;"
  "ALTER TABLE receipts ADD COLUMN mail_message_id TEXT;"
  "ALTER TABLE receipts ADD COLUMN mail_date INTEGER;"
  "ALTER TABLE receipts ADD COLUMN mailbox TEXT;"
  "ALTER TABLE receipts ADD COLUMN mail_signature TEXT;"
  "ALTER TABLE receipts ADD COLUMN mail_signer TEXT;"
  "CREATE UNIQUE INDEX receipts_mail ON receipts (mail_message_id, certificate_id)"
  "  WHERE mail_message_id IS NOT NULL;";

static const char * const steps[] = {
  NULL,
  schema_1,
  schema_2,
  schema_3,
  schema_4,
  schema_5,
  schema_6,
  schema_7,
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == ECERT_CACHE_SCHEMA_VERSION + 1);

/**
 * _ecert_cache_schema_migrate:
 * @db: the writer connection, inside a write transaction
 * @from: the file's schema version (0: an empty file)
 * @to: the version wanted, at most %ECERT_CACHE_SCHEMA_VERSION
 *
 * Applies the steps after @from up to @to and records the new version.
 */
gboolean
_ecert_cache_schema_migrate (EcertCacheDb  *db,
                             guint          from,
                             guint          to,
                             GError       **error)
{
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (to <= ECERT_CACHE_SCHEMA_VERSION, FALSE);

  for (guint version = from + 1; version <= to; version++)
    {
      g_debug ("Migrating the cache %s to schema version %u", db->path, version);
      if (!_ecert_cache_db_exec (db, steps[version], error))
        {
          g_prefix_error (error, _("The certificate cache could not be updated to version %u: "),
                          version);
          return FALSE;
        }
    }

  stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                           ECERT_CACHE_APPLICATION_ID, to);
  return _ecert_cache_db_exec (db, stamp, error);
}

/**
 * _ecert_cache_schema_create_at:
 * @path: a file that does not exist yet
 * @version: the schema version to create
 *
 * Creates a cache as an earlier version of this program did, for the tests
 * that open such files and migrate them.
 */
gboolean
_ecert_cache_schema_create_at (const char  *path,
                               guint        version,
                               GError     **error)
{
  EcertCacheDb *db = _ecert_cache_db_open (path, FALSE, NULL, error);
  gboolean ok;

  if (db == NULL)
    return FALSE;

  ok = _ecert_cache_db_exec (db, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE;", error) &&
       _ecert_cache_schema_migrate (db, 0, version, error) &&
       _ecert_cache_db_exec (db, "COMMIT;", error);

  _ecert_cache_db_close (db);
  return ok;
}
