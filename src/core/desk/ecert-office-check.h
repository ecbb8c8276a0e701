/* ecert-office-check.h: a paper certificate's number, checked at the office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-cache.h"
#include "ecert-hub-client.h"
#include "ecert-trust-store.h"

G_BEGIN_DECLS

void       ecert_office_check_async  (EcertHubClient      *client,
                                      EcertCache          *cache,
                                      EcertTrustStore     *trust,
                                      const char          *number,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GPtrArray *ecert_office_check_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
