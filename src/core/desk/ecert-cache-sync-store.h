/* ecert-cache-sync-store.h: a desk's cache as the store of its synchronisations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-cache.h"
#include "ecert-envelope.h"
#include "ecert-sync-store.h"

G_BEGIN_DECLS

#define ECERT_TYPE_CACHE_SYNC_STORE (ecert_cache_sync_store_get_type ())

G_DECLARE_FINAL_TYPE (EcertCacheSyncStore, ecert_cache_sync_store, ECERT, CACHE_SYNC_STORE,
                      GObject)

EcertSyncStore       *ecert_cache_sync_store_new              (EcertCache                *cache);
EcertCacheProvenance *ecert_cache_provenance_new_for_envelope (const char                *hub_url,
                                                               const EcertEnvelopeHeader *header,
                                                               GDateTime                 *received);

G_END_DECLS
