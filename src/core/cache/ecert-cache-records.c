/* ecert-cache-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-cache-records.h"
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
