/* ecert-outbox.h: inquiries on their way to the hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-cache.h"
#include "ecert-cache-row.h"
#include "ecert-hub-client.h"
#include "ecert-inquiry.h"

G_BEGIN_DECLS

/* The pause before a failed delivery is tried again doubles from this, up
 * to the most. */
#define ECERT_OUTBOX_FIRST_BACKOFF_SECONDS 30
#define ECERT_OUTBOX_MAX_BACKOFF_SECONDS 3600

/**
 * EcertOutboxProgress:
 * @sent: entries the hub accepted in this flush
 * @refused: entries the hub refused for good
 * @found: entries whose earlier attempt, its outcome lost, had reached the
 *   hub after all (its tracking said so): not sent again
 * @tracked: tracking states asked of the hub
 * @queued: entries still waiting when the flush ended
 *
 * Counts of one flush.
 */
typedef struct
{
  guint sent;
  guint refused;
  guint found;
  guint tracked;
  guint queued;
} EcertOutboxProgress;

#define ECERT_TYPE_OUTBOX (ecert_outbox_get_type ())

G_DECLARE_FINAL_TYPE (EcertOutbox, ecert_outbox, ECERT, OUTBOX, GObject)

EcertOutbox               *ecert_outbox_new              (EcertHubClient       *client,
                                                          EcertCache           *cache);
void                       ecert_outbox_set_use_backoff  (EcertOutbox          *self,
                                                          gboolean              use_backoff);
const EcertOutboxProgress *ecert_outbox_get_progress     (EcertOutbox          *self);

gboolean                   ecert_outbox_queue            (EcertOutbox *self, EcertInquiry *inquiry,
                                                          EcertCacheRow        *certificate,
                                                          gint64                draft_id,
                                                          gint64               *id,
                                                          GError              **error);

void                       ecert_outbox_flush_async      (EcertOutbox          *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean                   ecert_outbox_flush_finish     (EcertOutbox          *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
