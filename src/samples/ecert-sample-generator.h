/* ecert-sample-generator.h: realistic certificates for demonstrations,
 * benchmarks and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-core.h"

G_BEGIN_DECLS

/* The importing country of the demonstration, to which most certificates
 * are addressed. */
#define ECERT_SAMPLE_MAIN_IMPORTER "CN"

typedef enum
{
  ECERT_SAMPLE_ORIGINAL,
  ECERT_SAMPLE_WITHDRAWAL,      /* status 40, the number of the original */
  ECERT_SAMPLE_REPLACEMENT,     /* a new number, ADRP notes naming the original */
} EcertSampleKind;

typedef enum
{
  ECERT_SAMPLE_UNSIGNED,
  ECERT_SAMPLE_SIGNED,
  ECERT_SAMPLE_ALTERED,         /* signed, then changed: its signature fails */
} EcertSampleSignature;

/**
 * EcertSampleNumbering:
 * @ECERT_SAMPLE_NUMBERS_PER_NPPO: NZ-2026-001234, each NPPO's own series,
 *   with the gaps its certificates to other countries leave
 * @ECERT_SAMPLE_NUMBERS_NATIONAL: each country in its own style
 *   (NZ-2026-000417, AU26/0000417, PC-US-202600417, CL 2026 000417),
 *   consecutive
 * @ECERT_SAMPLE_NUMBERS_IN_ORDER: NZ-2026-000000 onwards, the serial being
 *   the place of the certificate in the run
 */
typedef enum
{
  ECERT_SAMPLE_NUMBERS_PER_NPPO,
  ECERT_SAMPLE_NUMBERS_NATIONAL,
  ECERT_SAMPLE_NUMBERS_IN_ORDER,
} EcertSampleNumbering;

/**
 * EcertSample:
 * @kind: an original, or the withdrawal or replacement of an earlier one
 * @signature: whether it was signed, and altered after signing
 * @exporter: the exporting country's code
 * @importer: the importing country's code
 * @number: the certificate's number
 * @original_number: (nullable): for a withdrawal or a replacement, the
 *   number of the certificate it withdraws or replaces
 * @issued: when it was issued, in the exporter's time zone
 * @attached: whether it carries an attached document
 * @document: the certificate as its NPPO sends it
 * @entry: what the cache of a desk keeps of @document, as
 *   ecert_cache_index_entry_new_from_certificate() would make it
 */
typedef struct
{
  EcertSampleKind       kind;
  EcertSampleSignature  signature;
  const char           *exporter;
  const char           *importer;
  char                 *number;
  char                 *original_number;
  GDateTime            *issued;
  gboolean              attached;
  GBytes               *document;
  EcertCacheIndexEntry    *entry;
} EcertSample;

void ecert_sample_free (EcertSample *sample);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertSample, ecert_sample_free)

/**
 * EcertSampleSignerFunc:
 * @country: an exporting country
 * @user_data: as given to ecert_sample_generator_set_signer()
 * @error: where a key that cannot be had is reported
 *
 * Returns: (transfer none) (nullable): the key @country's NPPO signs with,
 *   kept by the caller at least until the generator is freed; %NULL with
 *   @error set when there is none
 */
typedef EcertSigningKey *(*EcertSampleSignerFunc) (const char  *country,
                                                   gpointer     user_data,
                                                   GError     **error);

typedef struct _EcertSampleGenerator EcertSampleGenerator;

EcertSampleGenerator *ecert_sample_generator_new  (guint32                seed);
void                  ecert_sample_generator_free (EcertSampleGenerator  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertSampleGenerator, ecert_sample_generator_free)

gboolean     ecert_sample_generator_set_exporters       (EcertSampleGenerator  *self,
                                                         const char * const    *countries,
                                                         GError               **error);
void         ecert_sample_generator_set_by_trade        (EcertSampleGenerator  *self,
                                                         gboolean               by_trade);
void         ecert_sample_generator_set_other_importers (EcertSampleGenerator  *self,
                                                         double                 share);
void         ecert_sample_generator_set_issue_period    (EcertSampleGenerator  *self,
                                                         GDateTime             *first,
                                                         GDateTime             *last);
void         ecert_sample_generator_set_in_issue_order  (EcertSampleGenerator  *self,
                                                         guint                  count);
void         ecert_sample_generator_set_numbering       (EcertSampleGenerator  *self,
                                                         EcertSampleNumbering   numbering);
void         ecert_sample_generator_set_follow_ups      (EcertSampleGenerator  *self,
                                                         double                 withdrawals,
                                                         double                 replacements);
void         ecert_sample_generator_set_attachments     (EcertSampleGenerator  *self,
                                                         double                 share);
void         ecert_sample_generator_set_many_traders    (EcertSampleGenerator  *self,
                                                         gboolean               many_traders);
void         ecert_sample_generator_set_signer          (EcertSampleGenerator  *self,
                                                         EcertSampleSignerFunc  func,
                                                         gpointer               user_data,
                                                         double                 unsigned_share,
                                                         double                 altered_share);

EcertSample *ecert_sample_generator_next                (EcertSampleGenerator  *self,
                                                         GError               **error);
gboolean     ecert_sample_generator_chance              (EcertSampleGenerator  *self,
                                                         double                 probability);

const char  *ecert_sample_country_name                  (const char            *country);
const char  *ecert_sample_nppo_name                     (const char            *country);

G_END_DECLS
