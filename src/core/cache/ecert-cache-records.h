/* ecert-cache-records.h: what the cache hands in and out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain value structs, owned by whoever holds them. Times are UTC.
 */

#pragma once

#include <glib.h>

#include "ecert-verification.h"

G_BEGIN_DECLS

/**
 * EcertCacheSource:
 * @ECERT_CACHE_SOURCE_HUB: pulled from an exchange hub
 * @ECERT_CACHE_SOURCE_FILE: imported from a local file
 * @ECERT_CACHE_SOURCE_MAIL: received by mail, as a message's attachment
 */
typedef enum
{
  ECERT_CACHE_SOURCE_HUB,
  ECERT_CACHE_SOURCE_FILE,
  ECERT_CACHE_SOURCE_MAIL,
} EcertCacheSource;

/**
 * EcertCacheMailSignature:
 * @ECERT_CACHE_MAIL_NOT_SIGNED: the message carried no S/MIME signature
 * @ECERT_CACHE_MAIL_SIGNED: an S/MIME signature that verifies against an
 *   anchor of the desk
 * @ECERT_CACHE_MAIL_SIGNER_UNKNOWN: an S/MIME signature that holds, by a
 *   signer no anchor of the desk vouches for
 * @ECERT_CACHE_MAIL_SIGNATURE_FAILED: an S/MIME signature that does not hold
 *   (the message was changed, or the signature is damaged)
 *
 * What a message's S/MIME signature said. Only a hint for the provenance
 * line: whether a certificate can be trusted is its XML signature's verdict.
 */
typedef enum
{
  ECERT_CACHE_MAIL_NOT_SIGNED,
  ECERT_CACHE_MAIL_SIGNED,
  ECERT_CACHE_MAIL_SIGNER_UNKNOWN,
  ECERT_CACHE_MAIL_SIGNATURE_FAILED,
} EcertCacheMailSignature;

/**
 * EcertCacheProvenance:
 * @source: where the document came from
 * @hub_url: the hub's address (hub deliveries)
 * @delivery_number: the hub's delivery number (hubDeliveryNumber); a
 *   delivery is stored once however often it arrives
 * @envelope_from: the sending NPPO, as the envelope header names it
 * @envelope_to: the receiving country, as the envelope header names it
 * @envelope_certificate_type: the envelope's CertificateType
 * @envelope_certificate_status: the envelope's CertificateStatus
 * @envelope_certificate_number: the envelope's NPPOCertificateNumber
 * @hub_tracking_info: the envelope's HUBTrackingInfo
 * @file_path: the file a document was imported from
 * @mail_from: the message's sender as written (mail)
 * @mail_message_id: the message's Message-ID (mail); a certificate is
 *   recorded once per message however often the message is read
 * @mail_date: (nullable): the date the message says it was written (mail)
 * @mailbox: where the message was read: a folder's address, a Maildir or a
 *   file (mail)
 * @mail_signature: what the message's S/MIME signature said (mail)
 * @mail_signer: (nullable): who signed the message, when it was signed
 * @received_at: (nullable): when it was received; %NULL for now
 *
 * Where a stored document came from. Members that do not apply are %NULL.
 */
typedef struct
{
  EcertCacheSource  source;
  char             *hub_url;
  char             *delivery_number;
  char             *envelope_from;
  char             *envelope_to;
  char             *envelope_certificate_type;
  char             *envelope_certificate_status;
  char             *envelope_certificate_number;
  char             *hub_tracking_info;
  char             *file_path;
  char             *mail_from;
  char             *mail_message_id;
  GDateTime        *mail_date;
  char             *mailbox;
  EcertCacheMailSignature mail_signature;
  char             *mail_signer;
  GDateTime        *received_at;
} EcertCacheProvenance;

/**
 * EcertCacheVerification:
 * @verdict: one of valid, invalid, untrusted, not-authorised,
 *   expired-signer, unsigned, unsupported
 * @reason: (nullable): why, in words a person can read
 * @signer: (nullable): who signed, as the verifier names them
 * @evaluated_at: when the verdict was computed
 *
 * The latest signature verdict the cache holds for a certificate.
 */
typedef struct
{
  char      *verdict;
  char      *reason;
  char      *signer;
  GDateTime *evaluated_at;
} EcertCacheVerification;

/**
 * EcertCacheRecord:
 * @row: the certificate's row in the cache
 * @number: the certificate number as written
 * @export_country: (nullable): the exporting country's code
 * @status_code: (nullable): the status as written
 * @sha256: the SHA-256 of @document, in lower-case hex
 * @document: the document's exact bytes as received
 * @received_at: when the cache first received it
 * @receipts: (element-type EcertCacheProvenance): every delivery or import
 *   of these bytes, oldest first
 * @verification: (nullable): the latest verdict; %NULL when the signature
 *   has not been verified yet
 * @replaces: row of the certificate this one replaces, or 0
 * @replaced_by: row of the certificate that replaces this one, or 0
 * @withdrawn_by: row of the withdrawal of this certificate, or 0
 * @replaces_number: (nullable): the number this one says it replaces,
 *   whether or not that certificate is in the cache
 *
 * Everything the cache holds about one certificate: the cache's part of an
 * EcertStoredCertificate, which is what views and commands load.
 */
typedef struct
{
  gint64                  row;
  char                   *number;
  char                   *export_country;
  char                   *status_code;
  char                   *sha256;
  GBytes                 *document;
  GDateTime              *received_at;
  GPtrArray              *receipts;
  EcertCacheVerification *verification;
  gint64                  replaces;
  gint64                  replaced_by;
  gint64                  withdrawn_by;
  char                   *replaces_number;
} EcertCacheRecord;

/**
 * EcertCacheDraft:
 * @id: its row in the cache
 * @kind: what it is a draft of, e.g. "inquiry"
 * @certificate_row: the certificate it is about, or 0
 * @content: what the editor saved
 * @created_at: when it was first saved
 * @updated_at: when it was last saved
 */
typedef struct
{
  gint64     id;
  char      *kind;
  gint64     certificate_row;
  GBytes    *content;
  GDateTime *created_at;
  GDateTime *updated_at;
} EcertCacheDraft;

/**
 * EcertCacheOutboxState:
 * @ECERT_CACHE_OUTBOX_QUEUED: waiting to be sent; nothing of it reached the
 *   hub, or the hub's tracking said so
 * @ECERT_CACHE_OUTBOX_SENT: the hub accepted it
 * @ECERT_CACHE_OUTBOX_FAILED: the hub refused it; it will not be retried
 * @ECERT_CACHE_OUTBOX_SENDING: a request was on its way when the outcome
 *   was lost (a crash, a reply cut off): before sending again, the hub's
 *   tracking must say whether it arrived
 */
typedef enum
{
  ECERT_CACHE_OUTBOX_QUEUED,
  ECERT_CACHE_OUTBOX_SENT,
  ECERT_CACHE_OUTBOX_FAILED,
  ECERT_CACHE_OUTBOX_SENDING,
} EcertCacheOutboxState;

/**
 * EcertCacheOutboxItem:
 * @id: its row in the cache
 * @hub_url: the hub it is for
 * @certificate_row: the certificate it answers, or 0
 * @document: the exact document to send
 * @state: whether it was sent
 * @attempts: how often sending was tried
 * @last_error: (nullable): why the last attempt failed
 * @queued_at: when it was queued
 * @sent_at: (nullable): when the hub accepted it
 * @certificate_number: (nullable): the number of the certificate it is about
 * @export_country: (nullable): the country that issued that certificate,
 *   to which the document goes
 * @certificate_type: that certificate's document type code, e.g. 851
 * @sender: (nullable): the sending desk's country (the envelope's From)
 * @tracking_number: (nullable): the hub delivery number chosen for it before
 *   it was first sent, by which the hub's tracking is asked
 * @hub_tracking: (nullable): the hub's last HUBTrackingInfo for it, e.g.
 *   "Delivered"
 * @hub_message: (nullable): the hub's hubDeliveryErrorMessage
 * @tracked_at: (nullable): when the hub's tracking was last heard
 * @next_attempt_at: (nullable): not to be tried again before this time
 *
 * An entry of the outbox.
 */
typedef struct
{
  gint64                 id;
  char                  *hub_url;
  gint64                 certificate_row;
  GBytes                *document;
  EcertCacheOutboxState  state;
  guint                  attempts;
  char                  *last_error;
  GDateTime             *queued_at;
  GDateTime             *sent_at;
  char                  *certificate_number;
  char                  *export_country;
  int                    certificate_type;
  char                  *sender;
  char                  *tracking_number;
  char                  *hub_tracking;
  char                  *hub_message;
  GDateTime             *tracked_at;
  GDateTime             *next_attempt_at;
} EcertCacheOutboxItem;

/**
 * EcertCacheResponse:
 * @id: its row in the cache
 * @hub_url: the hub it came through
 * @delivery_number: the hub's delivery number; a response is stored once
 *   however often it arrives
 * @sender: the country that sent it (the envelope's From)
 * @recipient: the country it was sent to (the envelope's To)
 * @certificate_number: the certificate it is about
 * @export_country: the country that issued that certificate
 * @certificate_type: that certificate's document type code
 * @status_code: the acknowledgement's StatusCode
 * @document: the SPSAcknowledgement as received
 * @received_at: when it was stored
 *
 * An inquiry or reply received from the hub, about a certificate found by
 * its number and exporting country.
 */
typedef struct
{
  gint64     id;
  char      *hub_url;
  char      *delivery_number;
  char      *sender;
  char      *recipient;
  char      *certificate_number;
  char      *export_country;
  int        certificate_type;
  int        status_code;
  GBytes    *document;
  GDateTime *received_at;
} EcertCacheResponse;

gboolean                ecert_cache_verdict_is_known       (const char *verdict);
const char             *ecert_cache_verdict_label          (const char *verdict);

const char             *ecert_cache_source_to_string         (EcertCacheSource         source);
EcertCacheSource        ecert_cache_source_from_string       (const char              *name);
const char             *ecert_cache_mail_signature_to_string (EcertCacheMailSignature  signature);
EcertCacheMailSignature ecert_cache_mail_signature_from_string (const char            *name);

EcertCacheProvenance   *ecert_cache_provenance_new         (EcertCacheSource  source);
EcertCacheProvenance   *ecert_cache_provenance_copy        (const EcertCacheProvenance *provenance);
void                    ecert_cache_provenance_free        (EcertCacheProvenance   *provenance);
char                   *ecert_cache_provenance_describe    (const EcertCacheProvenance *provenance);
EcertCacheVerification *ecert_cache_verification_new_for   (EcertVerification      *verification);
void                    ecert_cache_verification_free      (EcertCacheVerification *verification);
void                    ecert_cache_record_free            (EcertCacheRecord       *record);
void                    ecert_cache_draft_free             (EcertCacheDraft        *draft);
void                    ecert_cache_outbox_item_free       (EcertCacheOutboxItem   *item);
void                    ecert_cache_response_free          (EcertCacheResponse     *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCacheProvenance, ecert_cache_provenance_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCacheVerification, ecert_cache_verification_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCacheRecord, ecert_cache_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCacheDraft, ecert_cache_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCacheOutboxItem, ecert_cache_outbox_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCacheResponse, ecert_cache_response_free)

G_END_DECLS
