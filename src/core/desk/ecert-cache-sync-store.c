/* ecert-cache-sync-store.c: a desk's cache as the store of its synchronisations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache records an envelope's pending acknowledgement in the same
 * transaction as its certificate; a warning the acknowledgement carries
 * is kept beside it as a sync value, so that a later run sends the same
 * kind of acknowledgement.
 */

#include "config.h"

#include "ecert-cache-sync-store.h"

/* The sync value that keeps an acknowledgement's warning until the hub
 * confirms it. */
#define WARNING_KEY_PREFIX "ack-warning:"

struct _EcertCacheSyncStore
{
  GObject     parent_instance;

  EcertCache *cache;
};

static void ecert_cache_sync_store_iface_init (EcertSyncStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EcertCacheSyncStore, ecert_cache_sync_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ECERT_TYPE_SYNC_STORE,
                                                      ecert_cache_sync_store_iface_init))

static void
ecert_cache_sync_store_finalize (GObject *object)
{
  EcertCacheSyncStore *self = ECERT_CACHE_SYNC_STORE (object);

  g_clear_object (&self->cache);

  G_OBJECT_CLASS (ecert_cache_sync_store_parent_class)->finalize (object);
}

static void
ecert_cache_sync_store_class_init (EcertCacheSyncStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ecert_cache_sync_store_finalize;
}

static void
ecert_cache_sync_store_init (EcertCacheSyncStore *self)
{
}

static gboolean
begin (EcertSyncStore  *store,
       GError         **error)
{
  return ecert_cache_begin (ECERT_CACHE_SYNC_STORE (store)->cache, error);
}

static gboolean
commit (EcertSyncStore  *store,
        GError         **error)
{
  return ecert_cache_commit (ECERT_CACHE_SYNC_STORE (store)->cache, error);
}

static void
rollback (EcertSyncStore *store)
{
  ecert_cache_rollback (ECERT_CACHE_SYNC_STORE (store)->cache);
}

/* A reply is about the certificate its document names; the country that
 * issued it is the one the document says, or else the sender: replies come
 * from the exporting NPPO. */
static gboolean
store_response (EcertCache           *cache,
                const EcertSyncItem  *item,
                EcertCacheStoreResult *result,
                GError              **error)
{
  const EcertEnvelopeHeader *header = item->header;
  EcertCacheResponse stored = { 0 };
  const char *number = ecert_inquiry_get_certificate_number (item->response);
  const char *country = ecert_inquiry_get_export_country (item->response);

  stored.hub_url = (char *) item->hub_url;
  stored.delivery_number = header->hub_delivery_number;
  stored.sender = header->from;
  stored.recipient = header->to;
  stored.certificate_number = (char *) (number != NULL ? number : header->nppo_certificate_number);
  stored.export_country = (char *) (country != NULL ? country : header->from);
  stored.certificate_type = header->certificate_type;
  stored.status_code = (int) ecert_inquiry_get_status (item->response);
  stored.document = item->document;
  return ecert_cache_store_response (cache, &stored, result, error);
}

/**
 * ecert_cache_provenance_new_for_envelope:
 * @hub_url: the address of the hub (or office) that delivered it
 * @header: the envelope's header
 * @received: (nullable): when it was received; %NULL for now
 *
 * Returns: (transfer full): the provenance of a certificate delivered in an
 *   envelope, as the cache records it
 */
EcertCacheProvenance *
ecert_cache_provenance_new_for_envelope (const char                *hub_url,
                                         const EcertEnvelopeHeader *header,
                                         GDateTime                 *received)
{
  EcertCacheProvenance *provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_HUB);

  provenance->hub_url = g_strdup (hub_url);
  provenance->delivery_number = g_strdup (header->hub_delivery_number);
  provenance->envelope_from = g_strdup (header->from);
  provenance->envelope_to = g_strdup (header->to);
  provenance->envelope_certificate_type = g_strdup_printf ("%d", header->certificate_type);
  provenance->envelope_certificate_status = g_strdup_printf ("%d", header->certificate_status);
  provenance->envelope_certificate_number = g_strdup (header->nppo_certificate_number);
  provenance->hub_tracking_info = g_strdup (ecert_tracking_info_to_string (header->tracking_info));
  provenance->received_at = received != NULL ? g_date_time_ref (received) : NULL;
  return provenance;
}

static gboolean
store (EcertSyncStore       *store,
       const EcertSyncItem  *item,
       gboolean             *duplicate,
       GError              **error)
{
  EcertCache *cache = ECERT_CACHE_SYNC_STORE (store)->cache;
  EcertCacheStoreResult result = ECERT_CACHE_STORED;
  g_autoptr(EcertCacheProvenance) provenance = NULL;
  g_autoptr(EcertCacheVerification) verification = NULL;

  if (item->response != NULL)
    {
      if (!store_response (cache, item, &result, error))
        return FALSE;
      *duplicate = result == ECERT_CACHE_DUPLICATE;
      return TRUE;
    }

  provenance = ecert_cache_provenance_new_for_envelope (item->hub_url, item->header, item->received);
  verification = ecert_cache_verification_new_for (item->verification);
  if (!ecert_cache_store_certificate (cache, item->certificate, provenance, verification,
                                      &result, NULL, error))
    return FALSE;
  *duplicate = result == ECERT_CACHE_DUPLICATE;

  if (item->warning != NULL)
    {
      g_autofree char *key = g_strconcat (WARNING_KEY_PREFIX, item->header->hub_delivery_number,
                                          NULL);

      return ecert_cache_set_sync_value (cache, item->hub_url, key, item->warning, error);
    }
  return TRUE;
}

static gboolean
forget (EcertSyncStore  *store,
        const char      *hub_url,
        const char      *delivery_number,
        GError         **error)
{
  EcertCache *cache = ECERT_CACHE_SYNC_STORE (store)->cache;
  g_autofree char *key = g_strconcat (WARNING_KEY_PREFIX, delivery_number, NULL);
  g_autofree char *warning = NULL;

  return ecert_cache_remove_pending_acknowledgement (cache, hub_url, delivery_number, error) &&
         ecert_cache_get_sync_value (cache, hub_url, key, &warning, error) &&
         (warning == NULL || ecert_cache_set_sync_value (cache, hub_url, key, NULL, error));
}

static GPtrArray *
list_pending (EcertSyncStore  *store,
              const char      *hub_url,
              GError         **error)
{
  EcertCache *cache = ECERT_CACHE_SYNC_STORE (store)->cache;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  numbers = ecert_cache_list_pending_acknowledgements (cache, hub_url, error);
  if (numbers == NULL)
    return NULL;

  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_sync_pending_ack_free);
  for (guint i = 0; i < numbers->len; i++)
    {
      const char *number = g_ptr_array_index (numbers, i);
      g_autofree char *key = g_strconcat (WARNING_KEY_PREFIX, number, NULL);
      g_autofree char *warning = NULL;

      if (!ecert_cache_get_sync_value (cache, hub_url, key, &warning, error))
        return NULL;
      g_ptr_array_add (pending, ecert_sync_pending_ack_new (number, warning));
    }
  return g_steal_pointer (&pending);
}

static void
ecert_cache_sync_store_iface_init (EcertSyncStoreInterface *iface)
{
  iface->begin = begin;
  iface->commit = commit;
  iface->rollback = rollback;
  iface->store = store;
  iface->forget = forget;
  iface->list_pending = list_pending;
}

/**
 * ecert_cache_sync_store_new:
 *
 * Returns: (transfer full): @cache as the store of a synchronisation
 */
EcertSyncStore *
ecert_cache_sync_store_new (EcertCache *cache)
{
  EcertCacheSyncStore *self = g_object_new (ECERT_TYPE_CACHE_SYNC_STORE, NULL);

  self->cache = g_object_ref (cache);
  return ECERT_SYNC_STORE (self);
}
