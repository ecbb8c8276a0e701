/* ecert-office-forwarder.h: desks' inquiries and replies, taken to the country's hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-core.h"
#include "ecert-office-store.h"

G_BEGIN_DECLS

void     ecert_office_forward_async  (EcertOfficeStore     *store,
                                      EcertHubClient       *client,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean ecert_office_forward_finish (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
