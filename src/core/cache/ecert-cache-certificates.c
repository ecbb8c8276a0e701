/* ecert-cache-certificates.c: storing certificates, their verdicts and
 * history, and reading them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>

#include "ecert-cache-private.h"
#include "ecert-country.h"
#include "ecert-error.h"

#define SHA256_SIZE 32

/* Certificates ------------------------------------------------------------- */

static gint64
day_key (GDateTime *time)
{
  return g_date_time_get_year (time) * 10000 + g_date_time_get_month (time) * 100 +
         g_date_time_get_day_of_month (time);
}

static void
no_such_row (gint64   row,
             GError **error)
{
  /* gettext cannot see through G_GINT64_FORMAT: the number goes in as text. */
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, row);

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
               _("The cache holds no certificate at row %s."), number);
}

static gboolean
check_verdict (const char  *verdict,
               GError     **error)
{
  if (ecert_cache_verdict_is_known (verdict))
    return TRUE;

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a verdict: use valid, invalid, untrusted, not-authorised, "
                 "expired-signer, unsigned or unsupported"), verdict != NULL ? verdict : "");
  return FALSE;
}

static gboolean
update_verification (EcertCache                    *self,
                     gint64                         row,
                     const EcertCacheVerification  *verification,
                     GError                       **error)
{
  sqlite3_stmt *statement;

  if (verification == NULL)
    return TRUE;

  statement = _ecert_cache_db_prepare (self->writer,
                                       "UPDATE certificates SET verdict = ?, verdict_reason = ?,"
                                       " verdict_signer = ?, verified_at = ? WHERE id = ?",
                                       error);
  if (statement == NULL)
    return FALSE;

  _ecert_cache_db_bind_text (statement, 1, verification->verdict);
  _ecert_cache_db_bind_text (statement, 2, verification->reason);
  _ecert_cache_db_bind_text (statement, 3, verification->signer);
  _ecert_cache_db_bind_time (statement, 4, verification->evaluated_at);
  sqlite3_bind_int64 (statement, 5, row);
  if (!_ecert_cache_db_run (self->writer, statement, error))
    return FALSE;

  if (sqlite3_changes (self->writer->handle) == 0)
    {
      no_such_row (row, error);
      return FALSE;
    }

  self->changed = TRUE;
  return TRUE;
}

typedef struct
{
  const EcertCacheIndexEntry    *entry;
  GBytes                     *document;
  const EcertCacheProvenance *provenance;
  const EcertCacheVerification *verification;
  guint8                      sha256[SHA256_SIZE];
  GDateTime                  *received_at;
  EcertCacheStoreResult       result;
  gint64                      row;
} StoreData;

static gboolean
find_row (EcertCacheDb  *db,
          const char    *sql,
          const char    *first,
          const char    *second,
          gint64         exclude,
          gint64        *row,
          GError       **error)
{
  g_autoptr(EcertCacheStatement) statement = _ecert_cache_db_prepare (db, sql, error);
  int code;

  if (statement == NULL)
    return FALSE;

  _ecert_cache_db_bind_text (statement, 1, first);
  _ecert_cache_db_bind_text (statement, 2, second);
  if (sqlite3_bind_parameter_count (statement) >= 3)
    sqlite3_bind_int64 (statement, 3, exclude);

  code = _ecert_cache_db_step (db, statement, error);
  if (code < 0)
    return FALSE;

  *row = code == SQLITE_ROW ? sqlite3_column_int64 (statement, 0) : 0;
  return TRUE;
}

static gboolean
run_update (EcertCacheDb  *db,
            const char    *sql,
            gint64         first,
            gint64         second,
            GError       **error)
{
  sqlite3_stmt *statement = _ecert_cache_db_prepare (db, sql, error);

  if (statement == NULL)
    return FALSE;

  sqlite3_bind_int64 (statement, 1, first);
  sqlite3_bind_int64 (statement, 2, second);
  return _ecert_cache_db_run (db, statement, error);
}

/* Links a new certificate into the history of its number, whichever
 * arrived first: a withdrawal (status 40) marks every other certificate of
 * the same number and country withdrawn; a replacement (ADRPN) and the
 * certificate it replaces point at each other. */
static gboolean
link_history (EcertCacheDb             *db,
              gint64                    row,
              const char               *number,
              const char               *country,
              const char               *status,
              const char               *replaces_number,
              GError                  **error)
{
  gint64 other = 0;

  if (number[0] != '\0')
    {
      if (g_strcmp0 (status, "40") == 0)
        {
          sqlite3_stmt *statement =
            _ecert_cache_db_prepare (db,
                                     "UPDATE certificates SET withdrawn_by = ?3"
                                     " WHERE number_norm = ?1 AND export_country IS ?2"
                                     " AND id != ?3 AND status_code IS NOT '40'"
                                     " AND withdrawn_by IS NULL",
                                     error);
          if (statement == NULL)
            return FALSE;
          _ecert_cache_db_bind_text (statement, 1, number);
          _ecert_cache_db_bind_text (statement, 2, country);
          sqlite3_bind_int64 (statement, 3, row);
          if (!_ecert_cache_db_run (db, statement, error))
            return FALSE;
        }
      else
        {
          if (!find_row (db,
                         "SELECT id FROM certificates"
                         " WHERE number_norm = ?1 AND export_country IS ?2 AND id != ?3"
                         " AND status_code = '40' ORDER BY id LIMIT 1",
                         number, country, row, &other, error))
            return FALSE;
          if (other != 0 &&
              !run_update (db, "UPDATE certificates SET withdrawn_by = ?1 WHERE id = ?2",
                           other, row, error))
            return FALSE;
        }

      /* The replacement arrived before the certificate it replaces. */
      if (!find_row (db,
                     "SELECT id FROM certificates"
                     " WHERE replaces_number_norm = ?1 AND export_country IS ?2 AND id != ?3"
                     " ORDER BY id DESC LIMIT 1",
                     number, country, row, &other, error))
        return FALSE;
      if (other != 0 &&
          (!run_update (db, "UPDATE certificates SET replaced_by = ?1 WHERE id = ?2",
                        other, row, error) ||
           !run_update (db, "UPDATE certificates SET replaces = ?2"
                            " WHERE id = ?1 AND replaces IS NULL",
                        other, row, error)))
        return FALSE;
    }

  if (replaces_number != NULL && replaces_number[0] != '\0' &&
      g_strcmp0 (replaces_number, number) != 0)
    {
      if (!find_row (db,
                     "SELECT id FROM certificates"
                     " WHERE number_norm = ?1 AND export_country IS ?2 AND id != ?3"
                     " ORDER BY id DESC LIMIT 1",
                     replaces_number, country, row, &other, error))
        return FALSE;
      if (other != 0 &&
          (!run_update (db, "UPDATE certificates SET replaces = ?1 WHERE id = ?2",
                        other, row, error) ||
           !run_update (db, "UPDATE certificates SET replaced_by = ?2"
                            " WHERE id = ?1 AND (replaced_by IS NULL OR replaced_by < ?2)",
                        other, row, error)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_receipt (EcertCacheDb               *db,
                gint64                      row,
                const EcertCacheProvenance *provenance,
                GDateTime                  *received_at,
                GError                    **error)
{
  sqlite3_stmt *statement =
    _ecert_cache_db_prepare (db,
                             "INSERT INTO receipts (certificate_id, source, hub_url,"
                             " delivery_number, envelope_from, envelope_to,"
                             " envelope_certificate_type, envelope_certificate_status,"
                             " envelope_certificate_number, hub_tracking_info, file_path,"
                             " received_at, mail_from, mail_message_id, mail_date, mailbox,"
                             " mail_signature, mail_signer)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);

  if (statement == NULL)
    return FALSE;

  sqlite3_bind_int64 (statement, 1, row);
  _ecert_cache_db_bind_text (statement, 2, ecert_cache_source_to_string (provenance->source));
  _ecert_cache_db_bind_text (statement, 3, provenance->hub_url);
  _ecert_cache_db_bind_text (statement, 4, provenance->delivery_number);
  _ecert_cache_db_bind_text (statement, 5, provenance->envelope_from);
  _ecert_cache_db_bind_text (statement, 6, provenance->envelope_to);
  _ecert_cache_db_bind_text (statement, 7, provenance->envelope_certificate_type);
  _ecert_cache_db_bind_text (statement, 8, provenance->envelope_certificate_status);
  _ecert_cache_db_bind_text (statement, 9, provenance->envelope_certificate_number);
  _ecert_cache_db_bind_text (statement, 10, provenance->hub_tracking_info);
  _ecert_cache_db_bind_text (statement, 11, provenance->file_path);
  _ecert_cache_db_bind_time (statement, 12, received_at);
  if (provenance->source == ECERT_CACHE_SOURCE_MAIL)
    {
      _ecert_cache_db_bind_text (statement, 13, provenance->mail_from);
      _ecert_cache_db_bind_text (statement, 14, provenance->mail_message_id);
      if (provenance->mail_date != NULL)
        _ecert_cache_db_bind_time (statement, 15, provenance->mail_date);
      _ecert_cache_db_bind_text (statement, 16, provenance->mailbox);
      _ecert_cache_db_bind_text (statement, 17,
                                 ecert_cache_mail_signature_to_string (provenance->mail_signature));
      _ecert_cache_db_bind_text (statement, 18, provenance->mail_signer);
    }
  return _ecert_cache_db_run (db, statement, error);
}

/* The same bytes by mail: recorded once for each message that carried
 * them, so a message read again after an interruption adds nothing. */
static gboolean
insert_mail_receipt_once (EcertCacheDb               *db,
                          gint64                      row,
                          const EcertCacheProvenance *provenance,
                          GDateTime                  *received_at,
                          GError                    **error)
{
  gint64 existing = 0;

  if (provenance->mail_message_id != NULL &&
      !find_row (db,
                 "SELECT certificate_id FROM receipts"
                 " WHERE mail_message_id = ?1 AND certificate_id = ?3",
                 provenance->mail_message_id, NULL, row, &existing, error))
    return FALSE;

  return existing != 0 || insert_receipt (db, row, provenance, received_at, error);
}

static gboolean
insert_certificate (EcertCache  *self,
                    StoreData   *data,
                    const char  *number_norm,
                    const char  *replaces_norm,
                    GError     **error)
{
  const EcertCacheIndexEntry *entry = data->entry;
  EcertCacheDb *db = self->writer;
  g_autofree char *search_number = NULL;
  g_autofree char *commodity_key = NULL;
  sqlite3_stmt *statement;

  /* The same text the schema's migration to version 2 computes. */
  search_number = g_strstrip (g_strconcat (entry->number != NULL ? entry->number : "", " ",
                                           number_norm, NULL));
  if (entry->commodity != NULL)
    commodity_key = g_utf8_casefold (entry->commodity, -1);

  statement = _ecert_cache_db_prepare (db,
                                       "INSERT INTO certificates (sha256, number, number_norm,"
                                       " search_number, type_code, status_code, issued_text,"
                                       " issued_date, issued_at, export_country, import_country,"
                                       " consignor, consignee, commodity, commodity_key,"
                                       " commodities, hs_codes, ports, transport, issuer,"
                                       " countries, replaces_number, replaces_number_norm,"
                                       " received_at, verdict, verdict_reason, verdict_signer,"
                                       " verified_at)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                       " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_blob (statement, 1, data->sha256, SHA256_SIZE, SQLITE_STATIC);
  _ecert_cache_db_bind_text (statement, 2, entry->number);
  _ecert_cache_db_bind_text (statement, 3, number_norm);
  _ecert_cache_db_bind_text (statement, 4, search_number);
  _ecert_cache_db_bind_text (statement, 5, entry->type_code);
  _ecert_cache_db_bind_text (statement, 6, entry->status_code);
  _ecert_cache_db_bind_text (statement, 7, entry->issued);
  if (entry->issued_at != NULL)
    {
      sqlite3_bind_int64 (statement, 8, day_key (entry->issued_at));
      sqlite3_bind_int64 (statement, 9, g_date_time_to_unix (entry->issued_at));
    }
  _ecert_cache_db_bind_text (statement, 10, entry->export_country);
  _ecert_cache_db_bind_text (statement, 11, entry->import_country);
  _ecert_cache_db_bind_text (statement, 12, entry->consignor);
  _ecert_cache_db_bind_text (statement, 13, entry->consignee);
  _ecert_cache_db_bind_text (statement, 14, entry->commodity);
  _ecert_cache_db_bind_text (statement, 15, commodity_key);
  _ecert_cache_db_bind_text (statement, 16, entry->commodities);
  _ecert_cache_db_bind_text (statement, 17, entry->hs_codes);
  _ecert_cache_db_bind_text (statement, 18, entry->ports);
  _ecert_cache_db_bind_text (statement, 19, entry->transport);
  _ecert_cache_db_bind_text (statement, 20, entry->issuer);
  _ecert_cache_db_bind_text (statement, 21, entry->countries);
  _ecert_cache_db_bind_text (statement, 22, entry->replaces_number);
  _ecert_cache_db_bind_text (statement, 23, replaces_norm);
  _ecert_cache_db_bind_time (statement, 24, data->received_at);
  if (data->verification != NULL)
    {
      _ecert_cache_db_bind_text (statement, 25, data->verification->verdict);
      _ecert_cache_db_bind_text (statement, 26, data->verification->reason);
      _ecert_cache_db_bind_text (statement, 27, data->verification->signer);
      _ecert_cache_db_bind_time (statement, 28, data->verification->evaluated_at);
    }
  if (!_ecert_cache_db_run (db, statement, error))
    return FALSE;

  data->row = sqlite3_last_insert_rowid (db->handle);

  statement = _ecert_cache_db_prepare (db,
                                       "INSERT INTO documents (certificate_id, bytes)"
                                       " VALUES (?, ?)",
                                       error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, data->row);
  _ecert_cache_db_bind_bytes (statement, 2, data->document);
  return _ecert_cache_db_run (db, statement, error);
}

static gboolean
store_locked (EcertCache  *self,
              gpointer     user_data,
              GError     **error)
{
  StoreData *data = user_data;
  const EcertCacheProvenance *provenance = data->provenance;
  EcertCacheDb *db = self->writer;
  g_autofree char *number_norm = NULL;
  g_autofree char *replaces_norm = NULL;
  gint64 existing = 0;

  if (provenance->delivery_number != NULL &&
      !find_row (db,
                 "SELECT certificate_id FROM receipts WHERE hub_url IS ?1 AND delivery_number = ?2",
                 provenance->hub_url, provenance->delivery_number, 0, &existing, error))
    return FALSE;

  if (existing != 0)
    {
      /* The hub sends a delivery again when it did not get our
       * acknowledgement: it must be acknowledged again. */
      data->result = ECERT_CACHE_DUPLICATE;
      data->row = existing;
      return _ecert_cache_add_pending_acknowledgement (db, existing, provenance,
                                                       data->received_at, error) &&
             update_verification (self, existing, data->verification, error);
    }

  number_norm = ecert_cache_normalize_number (data->entry->number != NULL ?
                                              data->entry->number : "");

  /* The same bytes give the same entry, so the number narrows the search
   * to a handful of rows before the hashes are compared. */
  {
    g_autoptr(EcertCacheStatement) statement =
      _ecert_cache_db_prepare (db,
                               "SELECT id FROM certificates WHERE number_norm = ?1"
                               " AND export_country IS ?2 AND sha256 = ?3",
                               error);
    int code;

    if (statement == NULL)
      return FALSE;
    _ecert_cache_db_bind_text (statement, 1, number_norm);
    _ecert_cache_db_bind_text (statement, 2, data->entry->export_country);
    sqlite3_bind_blob (statement, 3, data->sha256, SHA256_SIZE, SQLITE_STATIC);
    code = _ecert_cache_db_step (db, statement, error);
    if (code < 0)
      return FALSE;
    if (code == SQLITE_ROW)
      existing = sqlite3_column_int64 (statement, 0);
  }

  if (existing != 0)
    {
      data->result = ECERT_CACHE_DUPLICATE;
      data->row = existing;
      if (!update_verification (self, existing, data->verification, error))
        return FALSE;
      if (provenance->source == ECERT_CACHE_SOURCE_MAIL)
        return insert_mail_receipt_once (db, existing, provenance, data->received_at, error);
      /* The same bytes in a new hub delivery: one certificate, but the
       * delivery is recorded and acknowledged like any other. */
      if (provenance->source != ECERT_CACHE_SOURCE_HUB || provenance->delivery_number == NULL)
        return TRUE;
      return insert_receipt (db, existing, provenance, data->received_at, error) &&
             _ecert_cache_add_pending_acknowledgement (db, existing, provenance,
                                                       data->received_at, error);
    }

  if (data->entry->replaces_number != NULL)
    replaces_norm = ecert_cache_normalize_number (data->entry->replaces_number);

  if (!insert_certificate (self, data, number_norm, replaces_norm, error) ||
      !insert_receipt (db, data->row, provenance, data->received_at, error) ||
      !_ecert_cache_add_pending_acknowledgement (db, data->row, provenance, data->received_at,
                                                 error) ||
      !link_history (db, data->row, number_norm, data->entry->export_country,
                     data->entry->status_code, replaces_norm, error))
    return FALSE;

  data->result = ECERT_CACHE_STORED;
  self->changed = TRUE;
  return TRUE;
}

/**
 * ecert_cache_store:
 * @entry: what to find the certificate by
 * @document: the document's exact bytes, as received
 * @provenance: where they came from
 * @verification: (nullable): the signature verdict, when it is known
 *   already (the sync verifies before it stores); it becomes the latest
 *   verdict of a certificate already held, too. %NULL leaves the
 *   certificate "not verified yet", or its verdict as it was.
 * @result: (out) (optional): whether they were new to the cache
 * @row: (out) (optional): the certificate's row, new or existing
 *
 * Stores a certificate once: the same bytes, or the same hub delivery,
 * received again are not stored twice (a new delivery of known bytes is
 * recorded as a receipt). A hub delivery is also recorded as pending
 * acknowledgement. When this returns TRUE outside a caller's transaction,
 * the certificate is on the disk.
 */
gboolean
ecert_cache_store (EcertCache                    *self,
                   const EcertCacheIndexEntry       *entry,
                   GBytes                        *document,
                   const EcertCacheProvenance    *provenance,
                   const EcertCacheVerification  *verification,
                   EcertCacheStoreResult         *result,
                   gint64                        *row,
                   GError                       **error)
{
  g_autoptr(GDateTime) now = NULL;
  EcertCacheVerification checked = { 0 };
  StoreData data = { 0 };
  gsize size;
  gconstpointer bytes;

  g_return_val_if_fail (ECERT_IS_CACHE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (provenance != NULL, FALSE);

  if (verification != NULL)
    {
      if (!check_verdict (verification->verdict, error))
        return FALSE;
      checked = *verification;
      if (checked.evaluated_at == NULL)
        checked.evaluated_at = now = g_date_time_new_now_utc ();
      data.verification = &checked;
    }

  data.entry = entry;
  data.document = document;
  data.provenance = provenance;
  data.received_at = provenance->received_at;
  if (data.received_at == NULL)
    data.received_at = now != NULL ? now : (now = g_date_time_new_now_utc ());

  bytes = g_bytes_get_data (document, &size);
  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, bytes, size, data.sha256) != 0)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                           _("The document’s SHA-256 digest could not be computed."));
      return FALSE;
    }

  if (!_ecert_cache_write_in_transaction (self, store_locked, &data, error))
    return FALSE;

  if (result != NULL)
    *result = data.result;
  if (row != NULL)
    *row = data.row;
  return TRUE;
}

/**
 * ecert_cache_store_certificate:
 * @certificate: a parsed certificate; its exact bytes are stored
 *
 * Like ecert_cache_store(), with the index entry read from @certificate.
 */
gboolean
ecert_cache_store_certificate (EcertCache                    *self,
                               EcertCertificate              *certificate,
                               const EcertCacheProvenance    *provenance,
                               const EcertCacheVerification  *verification,
                               EcertCacheStoreResult         *result,
                               gint64                        *row,
                               GError                       **error)
{
  g_autoptr(EcertCacheIndexEntry) entry = NULL;

  g_return_val_if_fail (ECERT_IS_CERTIFICATE (certificate), FALSE);

  entry = ecert_cache_index_entry_new_from_certificate (certificate);
  return ecert_cache_store (self, entry, ecert_certificate_get_bytes (certificate), provenance,
                            verification, result, row, error);
}

typedef struct
{
  gint64                  row;
  EcertCacheVerification  verification;
} VerificationData;

static gboolean
set_verification_locked (EcertCache  *self,
                         gpointer     user_data,
                         GError     **error)
{
  VerificationData *data = user_data;

  return update_verification (self, data->row, &data->verification, error);
}

/**
 * ecert_cache_set_verification:
 * @certificate_row: the certificate's row
 * @verdict: one of valid, invalid, untrusted, not-authorised,
 *   expired-signer, unsigned, unsupported
 * @reason: (nullable): why, in words a person can read
 * @signer: (nullable): who signed
 * @evaluated_at: (nullable): when the verdict was computed; %NULL for now
 *
 * Records the latest signature verdict, replacing any earlier one. The
 * cache only stores it: computing it is the verifier's business.
 */
gboolean
ecert_cache_set_verification (EcertCache  *cache,
                              gint64       certificate_row,
                              const char  *verdict,
                              const char  *reason,
                              const char  *signer,
                              GDateTime   *evaluated_at,
                              GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  VerificationData data = { certificate_row,
                            { (char *) verdict, (char *) reason, (char *) signer, evaluated_at } };

  g_return_val_if_fail (ECERT_IS_CACHE (cache), FALSE);

  if (!check_verdict (verdict, error))
    return FALSE;

  if (data.verification.evaluated_at == NULL)
    data.verification.evaluated_at = now = g_date_time_new_now_utc ();

  return _ecert_cache_write_in_transaction (cache, set_verification_locked, &data, error);
}

/* Reading ------------------------------------------------------------------ */

static gpointer
receipt_from_statement (sqlite3_stmt *statement)
{
  const char *source = (const char *) sqlite3_column_text (statement, 0);
  EcertCacheProvenance *receipt =
    ecert_cache_provenance_new (ecert_cache_source_from_string (source));

  receipt->hub_url = _ecert_cache_db_column_text (statement, 1);
  receipt->delivery_number = _ecert_cache_db_column_text (statement, 2);
  receipt->envelope_from = _ecert_cache_db_column_text (statement, 3);
  receipt->envelope_to = _ecert_cache_db_column_text (statement, 4);
  receipt->envelope_certificate_type = _ecert_cache_db_column_text (statement, 5);
  receipt->envelope_certificate_status = _ecert_cache_db_column_text (statement, 6);
  receipt->envelope_certificate_number = _ecert_cache_db_column_text (statement, 7);
  receipt->hub_tracking_info = _ecert_cache_db_column_text (statement, 8);
  receipt->file_path = _ecert_cache_db_column_text (statement, 9);
  receipt->received_at = _ecert_cache_db_column_time (statement, 10);
  receipt->mail_from = _ecert_cache_db_column_text (statement, 11);
  receipt->mail_message_id = _ecert_cache_db_column_text (statement, 12);
  if (sqlite3_column_type (statement, 13) != SQLITE_NULL)
    receipt->mail_date = _ecert_cache_db_column_time (statement, 13);
  receipt->mailbox = _ecert_cache_db_column_text (statement, 14);
  receipt->mail_signature =
    ecert_cache_mail_signature_from_string ((const char *) sqlite3_column_text (statement, 15));
  receipt->mail_signer = _ecert_cache_db_column_text (statement, 16);
  return receipt;
}

static GPtrArray *
read_receipts (EcertCacheDb  *db,
               gint64         row,
               GError       **error)
{
  g_autoptr(EcertCacheStatement) statement =
    _ecert_cache_db_prepare (db,
                             "SELECT source, hub_url, delivery_number, envelope_from, envelope_to,"
                             " envelope_certificate_type, envelope_certificate_status,"
                             " envelope_certificate_number, hub_tracking_info, file_path,"
                             " received_at, mail_from, mail_message_id, mail_date, mailbox,"
                             " mail_signature, mail_signer"
                             " FROM receipts WHERE certificate_id = ? ORDER BY id",
                             error);

  if (statement == NULL)
    return NULL;

  sqlite3_bind_int64 (statement, 1, row);
  return _ecert_cache_collect_rows (db, statement, receipt_from_statement,
                                    (GDestroyNotify) ecert_cache_provenance_free, error);
}

static EcertCacheRecord *
read_record (EcertCacheDb  *db,
             gint64         row,
             GError       **error)
{
  g_autoptr(EcertCacheRecord) record = g_new0 (EcertCacheRecord, 1);
  int code;

  {
    g_autoptr(EcertCacheStatement) statement =
      _ecert_cache_db_prepare (db,
                               "SELECT c.number, c.export_country, c.status_code,"
                               " lower(hex(c.sha256)), c.received_at, c.verdict,"
                               " c.verdict_reason, c.verdict_signer, c.verified_at, c.replaces,"
                               " c.replaced_by, c.withdrawn_by, c.replaces_number, d.bytes"
                               " FROM certificates AS c JOIN documents AS d"
                               " ON d.certificate_id = c.id WHERE c.id = ?",
                               error);

    if (statement == NULL)
      return NULL;

    sqlite3_bind_int64 (statement, 1, row);
    code = _ecert_cache_db_step (db, statement, error);
    if (code < 0)
      return NULL;
    if (code == SQLITE_DONE)
      {
        no_such_row (row, error);
        return NULL;
      }

    record->row = row;
    record->number = _ecert_cache_db_column_text (statement, 0);
    record->export_country = _ecert_cache_db_column_text (statement, 1);
    record->status_code = _ecert_cache_db_column_text (statement, 2);
    record->sha256 = _ecert_cache_db_column_text (statement, 3);
    record->received_at = _ecert_cache_db_column_time (statement, 4);
    if (sqlite3_column_type (statement, 5) != SQLITE_NULL)
      {
        record->verification = g_new0 (EcertCacheVerification, 1);
        record->verification->verdict = _ecert_cache_db_column_text (statement, 5);
        record->verification->reason = _ecert_cache_db_column_text (statement, 6);
        record->verification->signer = _ecert_cache_db_column_text (statement, 7);
        record->verification->evaluated_at = _ecert_cache_db_column_time (statement, 8);
      }
    record->replaces = sqlite3_column_int64 (statement, 9);
    record->replaced_by = sqlite3_column_int64 (statement, 10);
    record->withdrawn_by = sqlite3_column_int64 (statement, 11);
    record->replaces_number = _ecert_cache_db_column_text (statement, 12);
    record->document = _ecert_cache_db_column_bytes (statement, 13);
  }

  record->receipts = read_receipts (db, row, error);
  if (record->receipts == NULL)
    return NULL;

  return g_steal_pointer (&record);
}

/**
 * ecert_cache_get_record:
 * @row: a certificate's row, from a search or a store
 *
 * Returns: (transfer full): everything the cache holds about the
 *   certificate, read in one snapshot, or %NULL with @error set
 */
EcertCacheRecord *
ecert_cache_get_record (EcertCache  *self,
                        gint64       row,
                        GError     **error)
{
  g_auto(EcertCacheReader) lease = { self, NULL };
  EcertCacheDb *reader;
  EcertCacheRecord *record;

  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);

  reader = lease.db = _ecert_cache_acquire_reader (self, NULL, error);
  if (reader == NULL)
    return NULL;

  if (!_ecert_cache_db_exec (reader, "BEGIN", error))
    return NULL;
  record = read_record (reader, row, error);
  sqlite3_exec (reader->handle, "COMMIT", NULL, NULL, NULL);
  return record;
}

/**
 * ecert_cache_lookup_number:
 * @number: a certificate number, as written or as typed
 * @export_country: (nullable): the exporting country's code, or %NULL for
 *   every country
 *
 * Finds certificates by number, compared in their normalised form (see
 * ecert_cache_normalize_number()). The same number may have several
 * documents: an original, its withdrawal, or the same number from another
 * country.
 *
 * Returns: (transfer full) (element-type EcertCacheRow): the matches,
 *   newest arrival first, or %NULL with @error set
 */
GPtrArray *
ecert_cache_lookup_number (EcertCache  *self,
                           const char  *number,
                           const char  *export_country,
                           GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *country = NULL;

  g_return_val_if_fail (ECERT_IS_CACHE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  if (export_country != NULL)
    {
      country = ecert_country_code_normalize (export_country, error);
      if (country == NULL)
        return NULL;
    }

  normalized = ecert_cache_normalize_number (number);
  return _ecert_cache_read_rows (self, NULL,
                                 country != NULL
                                 ? "SELECT " ECERT_CACHE_ROW_COLUMNS " FROM certificates AS c"
                                   " WHERE c.number_norm = ?2 AND c.export_country = ?3"
                                   " ORDER BY c.id DESC"
                                 : "SELECT " ECERT_CACHE_ROW_COLUMNS " FROM certificates AS c"
                                   " WHERE c.number_norm = ?2 ORDER BY c.id DESC",
                                 0, normalized, country,
                                 _ecert_cache_read_row, g_object_unref, error);
}

