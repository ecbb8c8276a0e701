/* ecert-inquiry-delivery.h: queueing and delivering inquiries off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-cache.h"
#include "ecert-inquiry.h"
#include "ecert-outbox.h"

G_BEGIN_DECLS

void     ecert_inquiry_delivery_run_async  (GSettings            *settings,
                                            const char           *passphrase,
                                            EcertCache           *cache,
                                            EcertInquiry         *inquiry,
                                            gint64                draft_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean ecert_inquiry_delivery_run_finish (GAsyncResult         *result,
                                            EcertOutboxProgress  *progress,
                                            gboolean             *queued,
                                            GError              **error);

G_END_DECLS
