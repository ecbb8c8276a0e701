/* ecert-sync-store.c: where a synchronisation keeps what it pulled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A desk keeps what it pulls in its SQLite cache; an office keeps it in
 * its database for its desks. The pipeline that pulls, reads, verifies,
 * stores and acknowledges only after the commit is the same for both
 * (EcertSync); only the store differs.
 */

#include "config.h"

#include "ecert-sync-store.h"

G_DEFINE_INTERFACE (EcertSyncStore, ecert_sync_store, G_TYPE_OBJECT)

static void
ecert_sync_store_default_init (EcertSyncStoreInterface *iface)
{
}

gboolean
ecert_sync_store_begin (EcertSyncStore  *self,
                        GError         **error)
{
  g_return_val_if_fail (ECERT_IS_SYNC_STORE (self), FALSE);

  return ECERT_SYNC_STORE_GET_IFACE (self)->begin (self, error);
}

gboolean
ecert_sync_store_commit (EcertSyncStore  *self,
                         GError         **error)
{
  g_return_val_if_fail (ECERT_IS_SYNC_STORE (self), FALSE);

  return ECERT_SYNC_STORE_GET_IFACE (self)->commit (self, error);
}

void
ecert_sync_store_rollback (EcertSyncStore *self)
{
  g_return_if_fail (ECERT_IS_SYNC_STORE (self));

  ECERT_SYNC_STORE_GET_IFACE (self)->rollback (self);
}

gboolean
ecert_sync_store_store (EcertSyncStore       *self,
                        const EcertSyncItem  *item,
                        gboolean             *duplicate,
                        GError              **error)
{
  g_return_val_if_fail (ECERT_IS_SYNC_STORE (self), FALSE);
  g_return_val_if_fail ((item->certificate != NULL) != (item->response != NULL), FALSE);

  *duplicate = FALSE;
  return ECERT_SYNC_STORE_GET_IFACE (self)->store (self, item, duplicate, error);
}

gboolean
ecert_sync_store_forget (EcertSyncStore  *self,
                         const char      *hub_url,
                         const char      *delivery_number,
                         GError         **error)
{
  g_return_val_if_fail (ECERT_IS_SYNC_STORE (self), FALSE);

  return ECERT_SYNC_STORE_GET_IFACE (self)->forget (self, hub_url, delivery_number, error);
}

/**
 * ecert_sync_store_list_pending:
 *
 * Returns: (transfer full) (element-type EcertSyncPendingAck): the
 *   acknowledgements stored but not confirmed, or %NULL with @error set
 */
GPtrArray *
ecert_sync_store_list_pending (EcertSyncStore  *self,
                               const char      *hub_url,
                               GError         **error)
{
  g_return_val_if_fail (ECERT_IS_SYNC_STORE (self), NULL);

  return ECERT_SYNC_STORE_GET_IFACE (self)->list_pending (self, hub_url, error);
}

EcertSyncPendingAck *
ecert_sync_pending_ack_new (const char *delivery_number,
                            const char *warning)
{
  EcertSyncPendingAck *ack = g_new0 (EcertSyncPendingAck, 1);

  ack->delivery_number = g_strdup (delivery_number);
  ack->warning = g_strdup (warning);
  return ack;
}

void
ecert_sync_pending_ack_free (EcertSyncPendingAck *ack)
{
  if (ack == NULL)
    return;
  g_free (ack->delivery_number);
  g_free (ack->warning);
  g_free (ack);
}
