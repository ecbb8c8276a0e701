/* ecert-hub-seed.h: realistic certificates for a demonstration hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-hub-store.h"

G_BEGIN_DECLS

/**
 * EcertHubSeedSummary:
 * @total: envelopes added
 * @signed_count: certificates signed by their NPPO's signer
 * @unsigned_count: certificates without a signature
 * @tampered: signed certificates changed after signing
 * @withdrawals: withdrawals (status 40) of earlier certificates
 * @replacements: certificates replacing earlier ones (ADRP notes)
 * @attachments: certificates with an attached document
 * @base64: envelopes whose content is base64 of the XML
 * @other_importers: envelopes addressed to another country than the
 *   demonstration's importer
 */
typedef struct
{
  guint total;
  guint signed_count;
  guint unsigned_count;
  guint tampered;
  guint withdrawals;
  guint replacements;
  guint attachments;
  guint base64;
  guint other_importers;
} EcertHubSeedSummary;

gboolean ecert_hub_seed (const char           *directory,
                         EcertHubStore        *store,
                         guint                 count,
                         guint32               seed,
                         EcertHubSeedSummary  *summary,
                         GError              **error);

G_END_DECLS
