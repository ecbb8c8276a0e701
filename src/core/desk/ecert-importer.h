/* ecert-importer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-cache.h"
#include "ecert-trust-store.h"

G_BEGIN_DECLS

typedef enum
{
  ECERT_IMPORT_STORED,
  ECERT_IMPORT_DUPLICATE,
  ECERT_IMPORT_REJECTED,
  ECERT_IMPORT_NOT_STORED,
} EcertImportOutcome;

/**
 * EcertImportResult:
 * @path: the file, or for a certificate that came in a mail message, the
 *   message and the attachment's name
 * @outcome: what became of it: stored, already there, rejected for what it
 *   is, or not stored because the cache could not be written
 * @number: (nullable): the certificate number, when it could be read
 * @message: a sentence for people: the verdict when stored, the reason when
 *   rejected
 * @row: its row in the cache, when stored or a duplicate
 */
typedef struct
{
  char               *path;
  EcertImportOutcome  outcome;
  char               *number;
  char               *message;
  gint64              row;
} EcertImportResult;

void       ecert_import_result_free (EcertImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertImportResult, ecert_import_result_free)

EcertImportResult *ecert_import_document     (EcertCache                 *cache,
                                              EcertTrustStore            *trust,
                                              GBytes                     *contents,
                                              const char                 *label,
                                              const EcertCacheProvenance *provenance);
EcertImportResult *ecert_import_file         (EcertCache          *cache,
                                              EcertTrustStore     *trust,
                                              GFile               *file,
                                              GCancellable        *cancellable);
void               ecert_import_path         (EcertCache          *cache,
                                              EcertTrustStore     *trust,
                                              GFile               *file,
                                              GPtrArray           *results,
                                              GCancellable        *cancellable);
void               ecert_import_files_async  (EcertCache          *cache,
                                              EcertTrustStore     *trust,
                                              GPtrArray           *files,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray         *ecert_import_files_finish (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
