/* ecert-hub-connection.h: the hub client the settings describe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-hub-client.h"

G_BEGIN_DECLS

void            ecert_hub_connection_new_client_async    (gpointer              source_object,
                                                          GSettings            *settings,
                                                          const char           *passphrase,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
EcertHubClient *ecert_hub_connection_new_client_finish   (GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
