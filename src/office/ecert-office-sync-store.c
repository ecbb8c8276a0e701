/* ecert-office-sync-store.c: the office's database as the store of its upstream synchronisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The upstream worker runs the desk's own synchronisation (EcertSync)
 * against the country's hub; this is where it stores. Every write
 * transaction first checks that this instance still holds the upstream
 * lock, so an instance that stalled and lost it can never store or
 * acknowledge after another took over. The envelope is kept whole, as the
 * hub sent it: the desks read and verify it again themselves, and an
 * inquiry's reply reaches them the same way a certificate does.
 */

#define G_LOG_DOMAIN "ecert-office"

#include "config.h"

#include "ecert-office-sync-store.h"

struct _EcertOfficeSyncStore
{
  GObject           parent_instance;

  EcertOfficeStore *store;
};

static void ecert_office_sync_store_iface_init (EcertSyncStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EcertOfficeSyncStore, ecert_office_sync_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ECERT_TYPE_SYNC_STORE,
                                                      ecert_office_sync_store_iface_init))

static void
ecert_office_sync_store_finalize (GObject *object)
{
  EcertOfficeSyncStore *self = ECERT_OFFICE_SYNC_STORE (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (ecert_office_sync_store_parent_class)->finalize (object);
}

static void
ecert_office_sync_store_class_init (EcertOfficeSyncStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ecert_office_sync_store_finalize;
}

static void
ecert_office_sync_store_init (EcertOfficeSyncStore *self)
{
}

static EcertOfficeStore *
office_store (EcertSyncStore *store)
{
  return ECERT_OFFICE_SYNC_STORE (store)->store;
}

static gboolean
begin (EcertSyncStore  *store,
       GError         **error)
{
  return ecert_office_store_begin_leading (office_store (store), error);
}

static gboolean
commit (EcertSyncStore  *store,
        GError         **error)
{
  return ecert_office_store_commit (office_store (store), error);
}

static void
rollback (EcertSyncStore *store)
{
  ecert_office_store_rollback (office_store (store));
}

/* The places a desk's scope is matched against: the entry's ports hold
 * each place's code, name and subdivision. */
static GStrv
ports_of (const EcertCacheIndexEntry *entry)
{
  if (entry->ports == NULL)
    return NULL;
  return g_strsplit (entry->ports, "; ", -1);
}

static char *
search_text_of (const EcertCacheIndexEntry *entry)
{
  const char *fields[] = {
    entry->number, entry->consignor, entry->consignee, entry->commodities, entry->hs_codes,
    entry->ports, entry->transport, entry->issuer, entry->countries,
  };
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, fields[i]);
    }
  return g_string_free (text, FALSE);
}

/* What the office indexes of a certificate; a reply to an inquiry is
 * found by the number of the certificate it is about. */
static void
describe_item (const EcertSyncItem    *item,
               EcertOfficeCertificate *record)
{
  if (item->certificate != NULL)
    {
      g_autoptr(EcertCacheIndexEntry) entry =
        ecert_cache_index_entry_new_from_certificate (item->certificate);
      EcertVerdict verdict = ecert_verification_get_verdict (item->verification);

      record->number = g_strdup (entry->number);
      record->ports = ports_of (entry);
      record->search_text = search_text_of (entry);
      record->verdict = g_strdup (ecert_verdict_to_string (verdict));
      record->explanation = g_strdup (item->warning);
    }
  else
    {
      record->number = g_strdup (ecert_inquiry_get_certificate_number (item->response));
      record->verdict = g_strdup (ECERT_OFFICE_RESPONSE_VERDICT);
    }

  if (record->number == NULL)
    record->number = g_strdup (item->header->nppo_certificate_number);
  record->number_key = record->number != NULL ? ecert_cache_normalize_number (record->number)
                                              : NULL;
}

static gboolean
store (EcertSyncStore       *store,
       const EcertSyncItem  *item,
       gboolean             *duplicate,
       GError              **error)
{
  g_auto(EcertOfficeCertificate) record = { 0 };
  gboolean added = FALSE;

  record.envelope = ecert_envelope_new ();
  ecert_envelope_header_free (record.envelope->header);
  record.envelope->header = ecert_envelope_header_copy (item->header);
  record.envelope->content = g_strdup (item->content);
  record.sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                 item->content != NULL ? item->content : "", -1);
  record.source = g_strdup (item->hub_url);
  describe_item (item, &record);

  if (!ecert_office_store_add_certificate (office_store (store), &record, &added, error) ||
      !ecert_office_store_add_pending_ack (office_store (store), item->hub_url,
                                           item->header->hub_delivery_number, item->warning,
                                           error))
    return FALSE;

  *duplicate = !added;
  return TRUE;
}

static gboolean
forget (EcertSyncStore  *store,
        const char      *hub_url,
        const char      *delivery_number,
        GError         **error)
{
  return ecert_office_store_remove_pending_ack (office_store (store), hub_url, delivery_number,
                                                error);
}

static GPtrArray *
list_pending (EcertSyncStore  *store,
              const char      *hub_url,
              GError         **error)
{
  return ecert_office_store_list_pending_acks (office_store (store), hub_url, error);
}

static void
ecert_office_sync_store_iface_init (EcertSyncStoreInterface *iface)
{
  iface->begin = begin;
  iface->commit = commit;
  iface->rollback = rollback;
  iface->store = store;
  iface->forget = forget;
  iface->list_pending = list_pending;
}

/**
 * ecert_office_sync_store_new:
 * @store: the office's database, on a connection of the upstream worker
 *   that holds the upstream lock
 *
 * Returns: (transfer full): @store as the store of a synchronisation
 */
EcertSyncStore *
ecert_office_sync_store_new (EcertOfficeStore *store)
{
  EcertOfficeSyncStore *self = g_object_new (ECERT_TYPE_OFFICE_SYNC_STORE, NULL);

  self->store = g_object_ref (store);
  return ECERT_SYNC_STORE (self);
}
