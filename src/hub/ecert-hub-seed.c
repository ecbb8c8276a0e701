/* ecert-hub-seed.c: realistic certificates for a demonstration hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sample certificates of src/samples from the hub's exporting NPPOs,
 * signed with each NPPO's demo key. Some are withdrawn later (a second
 * envelope, status 40), some replaced (a new certificate with ADRP notes
 * naming the old), some arrive unsigned, and a few are altered after
 * signing, so that every verdict the inspector's desk can give shows up.
 * Envelopes carry the XML itself or, as real hubs also deliver it, its
 * base64.
 */

#define G_LOG_DOMAIN "ecert-hub-seed"

#include "config.h"

#include "ecert-hub-pki.h"
#include "ecert-hub-seed.h"
#include "ecert-sample-generator.h"

typedef struct
{
  const char *directory;
  GHashTable *keys;     /* country → EcertSigningKey */
} Signers;

static EcertSigningKey *
load_signer_cb (const char  *country,
                gpointer     user_data,
                GError     **error)
{
  Signers *signers = user_data;
  EcertSigningKey *key = g_hash_table_lookup (signers->keys, country);

  if (key == NULL)
    {
      key = ecert_hub_pki_load_signer (signers->directory, country, error);
      if (key == NULL)
        return NULL;
      g_hash_table_insert (signers->keys, g_strdup (country), key);
    }

  return key;
}

/* Every NPPO of the hub exports, but the demonstration's own country. */
static GStrv
list_exporters (const char *directory)
{
  g_auto(GStrv) nppos = ecert_hub_pki_list_nppos (directory);
  g_autoptr(GStrvBuilder) exporters = g_strv_builder_new ();

  for (guint i = 0; nppos[i] != NULL; i++)
    if (g_strcmp0 (nppos[i], ECERT_HUB_DEMO_IMPORTER) != 0)
      g_strv_builder_add (exporters, nppos[i]);

  return g_strv_builder_end (exporters);
}

static gboolean
store_envelope (EcertSampleGenerator  *generator,
                EcertHubStore         *store,
                const EcertSample     *sample,
                EcertHubSeedSummary   *summary,
                GError               **error)
{
  g_autoptr(EcertEnvelope) envelope = ecert_envelope_new ();
  g_autofree char *number = NULL;
  const char *data = g_bytes_get_data (sample->document, NULL);
  gsize size = g_bytes_get_size (sample->document);

  envelope->header->from = g_strdup (sample->exporter);
  envelope->header->to = g_strdup (sample->importer);
  envelope->header->certificate_type = 851;
  envelope->header->certificate_status = sample->kind == ECERT_SAMPLE_WITHDRAWAL ? 40 : 70;
  envelope->header->nppo_certificate_number = g_strdup (sample->number);
  envelope->header->tracking_info = ECERT_TRACKING_INFO_PENDING_DELIVERY;

  /* Real hubs deliver both. */
  if (ecert_sample_generator_chance (generator, 0.2))
    {
      envelope->content = g_base64_encode ((const guchar *) data, size);
      summary->base64++;
    }
  else
    {
      envelope->content = g_strndup (data, size);
    }

  number = ecert_hub_store_add (store, envelope, error);
  return number != NULL;
}

static void
tally (EcertHubSeedSummary *summary,
       const EcertSample   *sample)
{
  summary->total++;
  summary->withdrawals += sample->kind == ECERT_SAMPLE_WITHDRAWAL;
  summary->replacements += sample->kind == ECERT_SAMPLE_REPLACEMENT;
  summary->attachments += sample->attached;
  summary->unsigned_count += sample->signature == ECERT_SAMPLE_UNSIGNED;
  summary->signed_count += sample->signature != ECERT_SAMPLE_UNSIGNED;
  summary->tampered += sample->signature == ECERT_SAMPLE_ALTERED;
  summary->other_importers += g_strcmp0 (sample->importer, ECERT_HUB_DEMO_IMPORTER) != 0;
}

/**
 * ecert_hub_seed:
 * @directory: the hub's directory, with its PKI (see ecert_hub_pki_create())
 * @store: where the envelopes go
 * @count: how many envelopes to add
 * @seed: the seed of the draw: the same seed gives the same certificates
 *   (their dates are relative to now)
 * @summary: (out caller-allocates): what was added
 *
 * Adds @count envelopes from the hub's exporting NPPOs, pending delivery,
 * most of them to ECERT_HUB_DEMO_IMPORTER, in one transaction.
 */
gboolean
ecert_hub_seed (const char           *directory,
                EcertHubStore        *store,
                guint                 count,
                guint32               seed,
                EcertHubSeedSummary  *summary,
                GError              **error)
{
  g_autoptr(EcertSampleGenerator) generator = ecert_sample_generator_new (seed);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) ecert_signing_key_free);
  g_auto(GStrv) exporters = list_exporters (directory);
  Signers signers = { directory, keys };

  memset (summary, 0, sizeof *summary);

  if (!ecert_sample_generator_set_exporters (generator, (const char * const *) exporters, error))
    return FALSE;
  ecert_sample_generator_set_signer (generator, load_signer_cb, &signers, 0.1, 0.03);

  if (!ecert_hub_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(EcertSample) sample = ecert_sample_generator_next (generator, error);

      if (sample == NULL || !store_envelope (generator, store, sample, summary, error))
        {
          ecert_hub_store_rollback (store);
          return FALSE;
        }
      tally (summary, sample);
    }

  return ecert_hub_store_commit (store, error);
}
