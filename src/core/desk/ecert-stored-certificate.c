/* ecert-stored-certificate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-schema.h"
#include "ecert-stored-certificate.h"
#include "ecert-task.h"
#include "ecert-verifier.h"

void
ecert_stored_certificate_free (EcertStoredCertificate *stored)
{
  if (stored == NULL)
    return;
  g_clear_pointer (&stored->record, ecert_cache_record_free);
  g_clear_object (&stored->certificate);
  g_clear_pointer (&stored->schema_findings, g_ptr_array_unref);
  g_free (stored->replaces_number);
  g_free (stored->replaced_by_number);
  g_free (stored->withdrawal_number);
  g_clear_object (&stored->verification);
  g_free (stored);
}

static char *
number_of_row (EcertCache *cache,
               gint64      row)
{
  g_autoptr(EcertCacheRecord) record = NULL;

  if (row == 0)
    return NULL;

  record = ecert_cache_get_record (cache, row, NULL);
  return record != NULL ? g_strdup (record->number) : NULL;
}

/* The history is shown as numbers to follow; reading them here keeps
 * the database off the main loop. */
static void
read_related_numbers (EcertCache             *cache,
                      EcertStoredCertificate *stored)
{
  const EcertCacheRecord *record = stored->record;

  stored->replaces_number = number_of_row (cache, record->replaces);
  if (stored->replaces_number == NULL)
    stored->replaces_number = g_strdup (record->replaces_number);
  stored->replaced_by_number = number_of_row (cache, record->replaced_by);
  stored->withdrawal_number = number_of_row (cache, record->withdrawn_by);
}

/**
 * ecert_stored_certificate_load:
 * @row: the certificate's row in @cache
 *
 * Blocking: reads the record and parses the stored bytes, which may be tens
 * of megabytes with attachments; the window uses the async variant.
 *
 * Returns: (transfer full): the certificate, or %NULL with @error set
 */
EcertStoredCertificate *
ecert_stored_certificate_load (EcertCache  *cache,
                               gint64       row,
                               GError     **error)
{
  g_autoptr(EcertStoredCertificate) stored = g_new0 (EcertStoredCertificate, 1);

  g_return_val_if_fail (ECERT_IS_CACHE (cache), NULL);

  stored->record = ecert_cache_get_record (cache, row, error);
  if (stored->record == NULL)
    return NULL;
  stored->certificate = ecert_certificate_new_from_bytes (stored->record->document, NULL, error);
  if (stored->certificate == NULL)
    return NULL;

  /* Findings are warnings: a certificate the schema cannot judge at all
   * still shows, without them. */
  if (!ecert_schema_validate_certificate (ecert_certificate_get_document (stored->certificate),
                                          &stored->schema_findings, NULL))
    g_clear_pointer (&stored->schema_findings, g_ptr_array_unref);
  if (stored->schema_findings == NULL)
    stored->schema_findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_schema_finding_free);

  read_related_numbers (cache, stored);
  return g_steal_pointer (&stored);
}

/* Verifies with the anchors as they are now, stores the new verdict, and
 * reads the record again so that what is shown is what is stored. */
static EcertStoredCertificate *
reverify (EcertCache       *cache,
          gint64            row,
          EcertTrustStore  *trust,
          GError          **error)
{
  g_autoptr(EcertStoredCertificate) stored = ecert_stored_certificate_load (cache, row, error);
  EcertVerification *verification;

  if (stored == NULL)
    return NULL;

  verification = stored->verification = ecert_verify_certificate (stored->certificate, trust, NULL);
  if (!ecert_cache_set_verification (cache, row,
                                     ecert_verdict_to_string (ecert_verification_get_verdict (verification)),
                                     ecert_verification_get_reason (verification),
                                     ecert_verification_get_signer_subject (verification),
                                     NULL, error))
    return NULL;

  g_clear_pointer (&stored->record, ecert_cache_record_free);
  stored->record = ecert_cache_get_record (cache, row, error);
  if (stored->record == NULL)
    return NULL;
  return g_steal_pointer (&stored);
}

/**
 * ecert_stored_verification_explain:
 * @stored_verification: (nullable): the verdict the cache holds for
 *   @certificate
 * @trust: the anchors as they are now
 *
 * The reason is words for people, stored in the language it was computed
 * in: this says it again in the current language, unless the anchors have
 * changed what it would say (then the stored words stay, and verifying
 * again is the way to a new verdict).
 *
 * Returns: (transfer full) (nullable): the check made, with its details
 *   (its verdict may differ from the stored one); %NULL when nothing is
 *   stored to explain
 */
EcertVerification *
ecert_stored_verification_explain (EcertCacheVerification *stored_verification,
                                   EcertCertificate       *certificate,
                                   EcertTrustStore        *trust)
{
  g_autoptr(EcertVerification) verification = NULL;
  const char *verdict;

  g_return_val_if_fail (ECERT_IS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (ECERT_IS_TRUST_STORE (trust), NULL);

  if (stored_verification == NULL)
    return NULL;

  verification = ecert_verify_certificate (certificate, trust, NULL);
  verdict = ecert_verdict_to_string (ecert_verification_get_verdict (verification));
  if (g_strcmp0 (verdict, stored_verification->verdict) == 0 &&
      ecert_verification_get_reason (verification) != NULL)
    {
      g_free (stored_verification->reason);
      stored_verification->reason = g_strdup (ecert_verification_get_reason (verification));
    }
  return g_steal_pointer (&verification);
}

typedef struct
{
  gint64                      row;
  EcertStoredCertificateMode  mode;
  EcertTrustStore            *trust;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->trust);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  EcertCache *cache = source_object;
  LoadJob *job = task_data;
  EcertStoredCertificate *stored;
  GError *error = NULL;

  if (job->mode == ECERT_STORED_CERTIFICATE_REVERIFY && job->trust != NULL)
    stored = reverify (cache, job->row, job->trust, &error);
  else
    stored = ecert_stored_certificate_load (cache, job->row, &error);

  if (stored != NULL && job->mode == ECERT_STORED_CERTIFICATE_EXPLAIN && job->trust != NULL)
    stored->verification = ecert_stored_verification_explain (stored->record->verification,
                                                              stored->certificate, job->trust);

  ecert_task_return_result (task, stored, (GDestroyNotify) ecert_stored_certificate_free, error);
}

/**
 * ecert_stored_certificate_load_async:
 * @mode: what to do with the verdict
 * @trust: (nullable): the anchors @mode verifies with; without them the
 *   stored verdict is read as it is
 *
 * Loads in a worker thread: reading, parsing, verifying and the durable
 * write of a new verdict stay off the caller's main loop.
 */
void
ecert_stored_certificate_load_async (EcertCache                 *cache,
                                     gint64                      row,
                                     EcertStoredCertificateMode  mode,
                                     EcertTrustStore            *trust,
                                     GCancellable               *cancellable,
                                     GAsyncReadyCallback         callback,
                                     gpointer                    user_data)
{
  g_autoptr(GTask) task = g_task_new (cache, cancellable, callback, user_data);
  LoadJob *job = g_new0 (LoadJob, 1);

  g_return_if_fail (ECERT_IS_CACHE (cache));

  job->row = row;
  job->mode = mode;
  job->trust = trust != NULL ? g_object_ref (trust) : NULL;
  g_task_set_source_tag (task, ecert_stored_certificate_load_async);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

/**
 * ecert_stored_certificate_load_finish:
 *
 * Returns: (transfer full): the certificate, or %NULL with @error set
 */
EcertStoredCertificate *
ecert_stored_certificate_load_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
