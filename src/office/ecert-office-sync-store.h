/* ecert-office-sync-store.h: the office's database as the store of its upstream synchronisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-core.h"
#include "ecert-office-store.h"

G_BEGIN_DECLS

#define ECERT_TYPE_OFFICE_SYNC_STORE (ecert_office_sync_store_get_type ())

G_DECLARE_FINAL_TYPE (EcertOfficeSyncStore, ecert_office_sync_store, ECERT, OFFICE_SYNC_STORE,
                      GObject)

EcertSyncStore *ecert_office_sync_store_new (EcertOfficeStore *store);

G_END_DECLS
