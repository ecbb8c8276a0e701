/* ecert-hub-store.h: the hub's envelopes, in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ecert-core.h"

G_BEGIN_DECLS

#define ECERT_TYPE_HUB_STORE (ecert_hub_store_get_type ())

G_DECLARE_FINAL_TYPE (EcertHubStore, ecert_hub_store, ECERT, HUB_STORE, GObject)

EcertHubStore     *ecert_hub_store_open          (const char           *path,
                                                  GError              **error);
gboolean           ecert_hub_store_begin         (EcertHubStore        *self,
                                                  GError              **error);
gboolean           ecert_hub_store_commit        (EcertHubStore        *self,
                                                  GError              **error);
void               ecert_hub_store_rollback      (EcertHubStore        *self);
char              *ecert_hub_store_add           (EcertHubStore        *self,
                                                  const EcertEnvelope  *envelope,
                                                  GError              **error);
char              *ecert_hub_store_add_response  (EcertHubStore        *self,
                                                  const EcertEnvelope  *envelope,
                                                  GError              **error);
gboolean           ecert_hub_store_has_certificate (EcertHubStore      *self,
                                                  const char           *sender,
                                                  const char           *number,
                                                  gboolean             *found,
                                                  GError              **error);
GPtrArray         *ecert_hub_store_list_pending  (EcertHubStore        *self,
                                                  const char           *recipient,
                                                  guint                 limit,
                                                  gboolean              with_content,
                                                  GError              **error);
EcertEnvelope     *ecert_hub_store_lookup        (EcertHubStore        *self,
                                                  const char           *hub_delivery_number,
                                                  GError              **error);
gboolean           ecert_hub_store_acknowledge   (EcertHubStore        *self,
                                                  const char           *hub_delivery_number,
                                                  EcertTrackingInfo     state,
                                                  const char           *message,
                                                  EcertTrackingInfo    *result,
                                                  GError              **error);
GPtrArray         *ecert_hub_store_list_unmailed (EcertHubStore        *self,
                                                  const char           *recipient,
                                                  GError              **error);
gboolean           ecert_hub_store_mark_mailed   (EcertHubStore        *self,
                                                  const char           *hub_delivery_number,
                                                  GError              **error);
gint64             ecert_hub_store_count         (EcertHubStore        *self,
                                                  const char           *recipient,
                                                  EcertTrackingInfo     state,
                                                  GError              **error);

G_END_DECLS
