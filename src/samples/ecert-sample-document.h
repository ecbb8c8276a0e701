/* ecert-sample-document.h: the XML of one sample certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-core.h"

#include "ecert-sample-generator.h"
#include "ecert-sample-tables.h"

G_BEGIN_DECLS

/* A certificate as first issued: what its withdrawal or replacement needs
 * to draw it again. */
typedef struct
{
  guint32                    seed;     /* draws its contents */
  const EcertSampleExporter *exporter;
  const EcertSampleImporter *importer;
  char                      *number;
  GDateTime                 *issued;
} EcertSampleOriginal;

/* How the contents are drawn, the same for every certificate of a run. */
typedef struct
{
  double   attachments;     /* share of certificates with an attached document */
  gboolean many_traders;
} EcertSampleContents;

/* What was written: what a tamperer may change, and what the cache will
 * keep of it. */
typedef struct
{
  gboolean           attached;
  char              *net_weight;  /* of the first line item, as written */
  EcertCacheIndexEntry *entry;
} EcertSampleWritten;

void    ecert_sample_written_clear   (EcertSampleWritten        *written);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EcertSampleWritten, ecert_sample_written_clear)

GBytes *ecert_sample_document_write  (const EcertSampleOriginal *original,
                                      EcertSampleKind            kind,
                                      const char                *number,
                                      GDateTime                 *issued,
                                      const EcertSampleContents *contents,
                                      EcertSampleWritten        *written);

G_END_DECLS
