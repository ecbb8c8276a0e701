/* ecert-cache-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-cache-records.h"
#include "ecert-date-time.h"
#include "ecert-text.h"
#include "ecert-verification.h"

/**
 * ecert_cache_verdict_is_known:
 * @verdict: (nullable): a verdict word
 *
 * Returns: whether the cache can store @verdict
 */
gboolean
ecert_cache_verdict_is_known (const char *verdict)
{
  EcertVerdict known;

  return ecert_verdict_from_string (verdict, &known);
}

/**
 * ecert_cache_verdict_label:
 * @verdict: (nullable): a verdict word
 *
 * Returns: (nullable): the verdict in the user's language, or %NULL when
 *   @verdict is not one the cache knows
 */
const char *
ecert_cache_verdict_label (const char *verdict)
{
  EcertVerdict known;

  /* The cache keeps the verifier's own words for its verdicts. */
  if (!ecert_verdict_from_string (verdict, &known))
    return NULL;

  return ecert_verdict_get_label (known);
}

static const char * const source_names[] = {
  [ECERT_CACHE_SOURCE_HUB] = "hub",
  [ECERT_CACHE_SOURCE_FILE] = "file",
  [ECERT_CACHE_SOURCE_MAIL] = "mail",
};

static const char * const mail_signature_names[] = {
  [ECERT_CACHE_MAIL_NOT_SIGNED] = "not-signed",
  [ECERT_CACHE_MAIL_SIGNED] = "signed",
  [ECERT_CACHE_MAIL_SIGNER_UNKNOWN] = "signer-unknown",
  [ECERT_CACHE_MAIL_SIGNATURE_FAILED] = "signature-failed",
};

static guint
index_of_name (const char * const *names,
               guint               count,
               const char         *name)
{
  for (guint i = 0; i < count; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  return 0;
}

/**
 * ecert_cache_source_to_string:
 *
 * Returns: the word the cache stores, and `ecert get --json` writes, for
 *   @source: "hub", "file" or "mail"
 */
const char *
ecert_cache_source_to_string (EcertCacheSource source)
{
  g_return_val_if_fail (source < G_N_ELEMENTS (source_names), NULL);
  return source_names[source];
}

/* Unknown words read as the first value: a newer program's words open as a
 * hub delivery or an unsigned message rather than failing the whole read. */
EcertCacheSource
ecert_cache_source_from_string (const char *name)
{
  return index_of_name (source_names, G_N_ELEMENTS (source_names), name);
}

const char *
ecert_cache_mail_signature_to_string (EcertCacheMailSignature signature)
{
  g_return_val_if_fail (signature < G_N_ELEMENTS (mail_signature_names), NULL);
  return mail_signature_names[signature];
}

EcertCacheMailSignature
ecert_cache_mail_signature_from_string (const char *name)
{
  return index_of_name (mail_signature_names, G_N_ELEMENTS (mail_signature_names), name);
}

/* The words for a message's S/MIME signature, after the sender's. */
static char *
describe_mail_signature (const EcertCacheProvenance *provenance)
{
  g_autofree char *signer = ecert_text_sanitize (provenance->mail_signer != NULL
                                                 ? provenance->mail_signer : "—",
                                                 ECERT_TEXT_ONE_LINE);

  switch (provenance->mail_signature)
    {
    case ECERT_CACHE_MAIL_SIGNED:
      /* Translators: the S/MIME signature of the mail a certificate came in */
      return g_strdup_printf (_("message signed by %s"), signer);
    case ECERT_CACHE_MAIL_SIGNER_UNKNOWN:
      return g_strdup_printf (_("message signed by %s, whom no trust anchor of this desk vouches for"),
                              signer);
    case ECERT_CACHE_MAIL_SIGNATURE_FAILED:
      return g_strdup (_("the message's signature does not hold: it was changed after signing"));
    case ECERT_CACHE_MAIL_NOT_SIGNED:
    default:
      return g_strdup (_("message not signed"));
    }
}

static char *
describe_mail (const char                 *when,
               const EcertCacheProvenance *provenance)
{
  g_autofree char *sender = ecert_text_sanitize (provenance->mail_from != NULL
                                                 ? provenance->mail_from : "—",
                                                 ECERT_TEXT_ONE_LINE);
  g_autofree char *mailbox = ecert_text_sanitize (provenance->mailbox != NULL
                                                  ? provenance->mailbox : "—",
                                                  ECERT_TEXT_ONE_LINE);
  g_autofree char *signature = describe_mail_signature (provenance);
  g_autofree char *written = provenance->mail_date != NULL
                             ? ecert_date_time_format_moment (provenance->mail_date)
                             : g_strdup (_("an unknown date"));

  /* Translators: when a certificate was received, by mail from which
   * sender, the date the message gives, the mailbox it was read from, and
   * whether the message was signed, e.g. "2026-12-07 09:30:00 UTC, by mail
   * from NPPO New Zealand <ecert@mpi.example> on 2026-12-07 09:12, from
   * imaps://mail.example/INBOX; message signed by …" */
  return g_strdup_printf (_("%s, by mail from %s on %s, from %s; %s"), when, sender, written,
                          mailbox, signature);
}

/**
 * ecert_cache_provenance_describe:
 * @provenance: one receipt of a document
 *
 * Returns: (transfer full): where and when the document came from, in a
 *   sentence, e.g. "2026-03-14 09:30:00 UTC, from the hub https://…,
 *   delivery 1234, sent by NZ"
 */
char *
ecert_cache_provenance_describe (const EcertCacheProvenance *provenance)
{
  g_autofree char *when = provenance->received_at != NULL
                          ? g_date_time_format (provenance->received_at, "%Y-%m-%d %H:%M:%S UTC")
                          : g_strdup (_("not given"));

  if (provenance->source == ECERT_CACHE_SOURCE_FILE)
    /* Translators: when a certificate was imported, and from which file */
    return g_strdup_printf (_("%s, imported from the file %s"), when,
                            provenance->file_path != NULL ? provenance->file_path : "—");

  if (provenance->source == ECERT_CACHE_SOURCE_MAIL)
    return describe_mail (when, provenance);

  /* Translators: when a certificate arrived, the hub's address, its delivery
   * number and the sending plant protection organisation */
  return g_strdup_printf (_("%s, from the hub %s, delivery %s, sent by %s"), when,
                          provenance->hub_url != NULL ? provenance->hub_url : "—",
                          provenance->delivery_number != NULL ? provenance->delivery_number : "—",
                          provenance->envelope_from != NULL ? provenance->envelope_from : "—");
}

EcertCacheProvenance *
ecert_cache_provenance_new (EcertCacheSource source)
{
  EcertCacheProvenance *provenance = g_new0 (EcertCacheProvenance, 1);

  provenance->source = source;
  return provenance;
}

EcertCacheProvenance *
ecert_cache_provenance_copy (const EcertCacheProvenance *provenance)
{
  EcertCacheProvenance *copy;

  g_return_val_if_fail (provenance != NULL, NULL);

  copy = ecert_cache_provenance_new (provenance->source);
  copy->hub_url = g_strdup (provenance->hub_url);
  copy->delivery_number = g_strdup (provenance->delivery_number);
  copy->envelope_from = g_strdup (provenance->envelope_from);
  copy->envelope_to = g_strdup (provenance->envelope_to);
  copy->envelope_certificate_type = g_strdup (provenance->envelope_certificate_type);
  copy->envelope_certificate_status = g_strdup (provenance->envelope_certificate_status);
  copy->envelope_certificate_number = g_strdup (provenance->envelope_certificate_number);
  copy->hub_tracking_info = g_strdup (provenance->hub_tracking_info);
  copy->file_path = g_strdup (provenance->file_path);
  copy->mail_from = g_strdup (provenance->mail_from);
  copy->mail_message_id = g_strdup (provenance->mail_message_id);
  if (provenance->mail_date != NULL)
    copy->mail_date = g_date_time_ref (provenance->mail_date);
  copy->mailbox = g_strdup (provenance->mailbox);
  copy->mail_signature = provenance->mail_signature;
  copy->mail_signer = g_strdup (provenance->mail_signer);
  if (provenance->received_at != NULL)
    copy->received_at = g_date_time_ref (provenance->received_at);
  return copy;
}

void
ecert_cache_provenance_free (EcertCacheProvenance *provenance)
{
  if (provenance == NULL)
    return;

  g_free (provenance->hub_url);
  g_free (provenance->delivery_number);
  g_free (provenance->envelope_from);
  g_free (provenance->envelope_to);
  g_free (provenance->envelope_certificate_type);
  g_free (provenance->envelope_certificate_status);
  g_free (provenance->envelope_certificate_number);
  g_free (provenance->hub_tracking_info);
  g_free (provenance->file_path);
  g_free (provenance->mail_from);
  g_free (provenance->mail_message_id);
  g_clear_pointer (&provenance->mail_date, g_date_time_unref);
  g_free (provenance->mailbox);
  g_free (provenance->mail_signer);
  g_clear_pointer (&provenance->received_at, g_date_time_unref);
  g_free (provenance);
}

/**
 * ecert_cache_verification_new_for:
 * @verification: what the verifier concluded
 *
 * Returns: (transfer full): the verdict as the cache keeps it, computed now
 */
EcertCacheVerification *
ecert_cache_verification_new_for (EcertVerification *verification)
{
  EcertCacheVerification *cached = g_new0 (EcertCacheVerification, 1);

  cached->verdict = g_strdup (ecert_verdict_to_string (ecert_verification_get_verdict (verification)));
  cached->reason = g_strdup (ecert_verification_get_reason (verification));
  cached->signer = g_strdup (ecert_verification_get_signer_subject (verification));
  cached->evaluated_at = g_date_time_new_now_utc ();
  return cached;
}

void
ecert_cache_verification_free (EcertCacheVerification *verification)
{
  if (verification == NULL)
    return;

  g_free (verification->verdict);
  g_free (verification->reason);
  g_free (verification->signer);
  g_clear_pointer (&verification->evaluated_at, g_date_time_unref);
  g_free (verification);
}

void
ecert_cache_record_free (EcertCacheRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->number);
  g_free (record->export_country);
  g_free (record->status_code);
  g_free (record->sha256);
  g_clear_pointer (&record->document, g_bytes_unref);
  g_clear_pointer (&record->received_at, g_date_time_unref);
  g_clear_pointer (&record->receipts, g_ptr_array_unref);
  g_clear_pointer (&record->verification, ecert_cache_verification_free);
  g_free (record->replaces_number);
  g_free (record);
}

void
ecert_cache_draft_free (EcertCacheDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->kind);
  g_clear_pointer (&draft->content, g_bytes_unref);
  g_clear_pointer (&draft->created_at, g_date_time_unref);
  g_clear_pointer (&draft->updated_at, g_date_time_unref);
  g_free (draft);
}

void
ecert_cache_outbox_item_free (EcertCacheOutboxItem *item)
{
  if (item == NULL)
    return;

  g_free (item->hub_url);
  g_clear_pointer (&item->document, g_bytes_unref);
  g_free (item->last_error);
  g_clear_pointer (&item->queued_at, g_date_time_unref);
  g_clear_pointer (&item->sent_at, g_date_time_unref);
  g_free (item->certificate_number);
  g_free (item->export_country);
  g_free (item->sender);
  g_free (item->tracking_number);
  g_free (item->hub_tracking);
  g_free (item->hub_message);
  g_clear_pointer (&item->tracked_at, g_date_time_unref);
  g_clear_pointer (&item->next_attempt_at, g_date_time_unref);
  g_free (item);
}

void
ecert_cache_response_free (EcertCacheResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->hub_url);
  g_free (response->delivery_number);
  g_free (response->sender);
  g_free (response->recipient);
  g_free (response->certificate_number);
  g_free (response->export_country);
  g_clear_pointer (&response->document, g_bytes_unref);
  g_clear_pointer (&response->received_at, g_date_time_unref);
  g_free (response);
}
