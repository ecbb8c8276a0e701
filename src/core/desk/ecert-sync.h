/* ecert-sync.h: one synchronisation run with an exchange hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-cache.h"
#include "ecert-hub-client.h"
#include "ecert-sync-store.h"
#include "ecert-trust-store.h"

G_BEGIN_DECLS

/* Envelopes pulled and read at once, unless told otherwise. */
#define ECERT_SYNC_DEFAULT_JOBS 4

/**
 * EcertSyncProgress:
 * @seen: envelopes the hub listed as pending for us, counted as soon as
 *   listed
 * @stored: certificates stored for the first time
 * @duplicates: deliveries the cache already held
 * @warnings: envelopes acknowledged with a warning
 * @failures: envelopes that could not be read (acknowledged as failed)
 * @acknowledged: acknowledgements the hub confirmed, any kind
 * @bytes: bytes of envelope Content received
 * @responses: inquiries and replies stored for the first time
 *
 * Counts of one run so far.
 */
typedef struct
{
  guint   seen;
  guint   stored;
  guint   duplicates;
  guint   warnings;
  guint   failures;
  guint   acknowledged;
  guint64 bytes;
  guint   responses;
} EcertSyncProgress;

/**
 * EcertSyncTimings:
 * @total_us: wall-clock time of the run
 * @network_us: summed time waiting for the hub (requests overlap, so this
 *   may exceed @total_us)
 * @parse_us: summed time decoding Content and parsing certificates
 * @verify_us: summed time verifying signatures
 * @store_us: time spent writing to the cache, commits included
 *
 * Where a run's time went, for benchmarks.
 */
typedef struct
{
  gint64 total_us;
  gint64 network_us;
  gint64 parse_us;
  gint64 verify_us;
  gint64 store_us;
} EcertSyncTimings;

#define ECERT_TYPE_SYNC (ecert_sync_get_type ())

G_DECLARE_FINAL_TYPE (EcertSync, ecert_sync, ECERT, SYNC, GObject)

EcertSync               *ecert_sync_new          (EcertHubClient       *client,
                                                  EcertCache           *cache,
                                                  EcertTrustStore      *trust);
EcertSync               *ecert_sync_new_for_store (EcertHubClient      *client,
                                                  EcertSyncStore       *store,
                                                  EcertTrustStore      *trust);
void                     ecert_sync_set_jobs     (EcertSync            *self,
                                                  guint                 jobs);
guint                    ecert_sync_get_jobs     (EcertSync            *self);
const EcertSyncProgress *ecert_sync_get_progress (EcertSync            *self);
const EcertSyncTimings  *ecert_sync_get_timings  (EcertSync            *self);
char                    *ecert_sync_describe_problems (EcertCertificate  *certificate,
                                                       EcertVerification *verification);

void                     ecert_sync_run_async    (EcertSync            *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean                 ecert_sync_run_finish   (EcertSync            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
