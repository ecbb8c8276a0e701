/* ecert-importer.c: certificate files into the cache, verified
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the application does with files dropped on it or chosen with Ctrl+O:
 * read each as a hub would deliver it (XML or base64 of it), build the
 * model, verify the signature, and store the exact bytes with the verdict
 * in one write. One bad file is reported and the others go on.
 */

#define G_LOG_DOMAIN "ecert-importer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-cache-records.h"
#include "ecert-certificate.h"
#include "ecert-content.h"
#include "ecert-importer.h"
#include "ecert-mail-import.h"
#include "ecert-task.h"
#include "ecert-verifier.h"

void
ecert_import_result_free (EcertImportResult *result)
{
  if (result == NULL)
    return;

  g_free (result->path);
  g_free (result->number);
  g_free (result->message);
  g_free (result);
}

static EcertImportResult *
rejected (EcertImportResult *result,
          const char        *reason)
{
  result->outcome = ECERT_IMPORT_REJECTED;
  result->message = g_strdup (reason);
  return result;
}

/**
 * ecert_import_document:
 * @contents: a certificate as a hub would deliver it (XML or base64 of it)
 * @label: what the result calls it: a file's path, a message's attachment
 * @provenance: where it came from
 *
 * Reads, verifies and stores one certificate. Blocking.
 *
 * Returns: (transfer full): what became of it
 */
EcertImportResult *
ecert_import_document (EcertCache                 *cache,
                       EcertTrustStore            *trust,
                       GBytes                     *contents,
                       const char                 *label,
                       const EcertCacheProvenance *provenance)
{
  EcertImportResult *result = g_new0 (EcertImportResult, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(EcertCertificate) certificate = NULL;
  g_autoptr(EcertVerification) verification = NULL;
  g_autoptr(EcertCacheVerification) verdict = NULL;
  EcertCacheStoreResult stored;
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);

  result->path = g_strdup (label);
  document = ecert_content_decode_document (data, length, &error);
  if (document != NULL)
    certificate = ecert_certificate_new_from_bytes (document, NULL, &error);
  if (certificate == NULL)
    return rejected (result, error->message);

  result->number = g_strdup (ecert_certificate_get_id (certificate));
  verification = ecert_verify_certificate (certificate, trust, NULL);
  verdict = ecert_cache_verification_new_for (verification);

  if (!ecert_cache_store_certificate (cache, certificate, provenance, verdict, &stored,
                                      &result->row, &error))
    {
      rejected (result, error->message);
      result->outcome = ECERT_IMPORT_NOT_STORED;
      return result;
    }

  result->outcome = stored == ECERT_CACHE_DUPLICATE ? ECERT_IMPORT_DUPLICATE : ECERT_IMPORT_STORED;
  result->message = g_strdup (stored == ECERT_CACHE_DUPLICATE
                              ? _("Already in the cache")
                              : ecert_verdict_get_label (ecert_verification_get_verdict (verification)));
  return result;
}

static char *
label_of (GFile *file)
{
  char *path = g_file_get_path (file);

  return path != NULL ? path : g_file_get_uri (file);
}

/**
 * ecert_import_file:
 * @cache: where to store
 * @trust: the anchors the signature is judged with
 * @file: a certificate file
 *
 * Blocking: call it from a worker thread, as ecert_import_files_async() does.
 *
 * Returns: (transfer full): what became of the file
 */
EcertImportResult *
ecert_import_file (EcertCache      *cache,
                   EcertTrustStore *trust,
                   GFile           *file,
                   GCancellable    *cancellable)
{
  g_autofree char *label = label_of (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = g_file_load_bytes (file, cancellable, NULL, &error);
  g_autoptr(EcertCacheProvenance) provenance = NULL;

  if (contents == NULL)
    {
      EcertImportResult *result = g_new0 (EcertImportResult, 1);

      result->path = g_steal_pointer (&label);
      return rejected (result, error->message);
    }

  provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_FILE);
  provenance->file_path = g_strdup (label);
  return ecert_import_document (cache, trust, contents, label, provenance);
}

/**
 * ecert_import_path:
 * @file: a certificate file, or a mail message or mailbox file (.eml,
 *   mbox) whose attached certificates are imported
 * @results: (element-type EcertImportResult): where a result is added for
 *   each certificate
 *
 * What a file dropped on the window, or chosen to import, becomes: a
 * certificate, or for a mail file every certificate it carries. Blocking.
 */
void
ecert_import_path (EcertCache      *cache,
                   EcertTrustStore *trust,
                   GFile           *file,
                   GPtrArray       *results,
                   GCancellable    *cancellable)
{
  g_autofree char *label = label_of (file);
  g_autoptr(GBytes) contents = g_file_load_bytes (file, cancellable, NULL, NULL);

  if (contents != NULL && ecert_mail_import_looks_like_mail (contents))
    {
      g_autoptr(GPtrArray) messages = ecert_mail_import_bytes (cache, trust, contents, label,
                                                               ECERT_MAIL_DEFAULT_MAX_SIZE);

      for (guint i = 0; i < messages->len; i++)
        ecert_mail_import_take_results (g_ptr_array_index (messages, i), results);
      return;
    }

  g_ptr_array_add (results, ecert_import_file (cache, trust, file, cancellable));
}

typedef struct
{
  EcertCache      *cache;
  EcertTrustStore *trust;
  GPtrArray       *files;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->cache);
  g_clear_object (&job->trust);
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_import_result_free);

  for (guint i = 0; i < job->files->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;

      ecert_import_path (job->cache, job->trust, g_ptr_array_index (job->files, i),
                         results, cancellable);
    }

  g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ecert_import_files_async:
 * @files: (element-type GFile): the files to import: certificates, or
 *   mail files that carry them
 *
 * Imports in a worker thread; stops between files when cancelled.
 */
void
ecert_import_files_async (EcertCache          *cache,
                          EcertTrustStore     *trust,
                          GPtrArray           *files,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->cache = g_object_ref (cache);
  job->trust = g_object_ref (trust);
  job->files = g_ptr_array_ref (files);
  ecert_task_run_in_thread (cache, ecert_import_files_async, import_thread,
                            job, (GDestroyNotify) import_job_free,
                            cancellable, callback, user_data);
}

/**
 * ecert_import_files_finish:
 *
 * Returns: (transfer full) (element-type EcertImportResult): one result per
 *   certificate file, and per certificate of a mail file, imported before
 *   any cancellation
 */
GPtrArray *
ecert_import_files_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
