/* ecert-cache-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A certificate in the cache, as a list shows it: one light row of the
 * columns a list draws, read lazily page by page (see EcertCacheListModel).
 * For everything a view shows, load an EcertStoredCertificate by its id.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ECERT_TYPE_CACHE_ROW (ecert_cache_row_get_type ())

G_DECLARE_FINAL_TYPE (EcertCacheRow, ecert_cache_row, ECERT, CACHE_ROW, GObject)

gboolean     ecert_cache_row_get_loaded          (EcertCacheRow *self);
gint64       ecert_cache_row_get_id              (EcertCacheRow *self);
const char  *ecert_cache_row_get_number          (EcertCacheRow *self);
const char  *ecert_cache_row_get_type_code       (EcertCacheRow *self);
const char  *ecert_cache_row_get_status_code     (EcertCacheRow *self);
const char  *ecert_cache_row_get_issued_date     (EcertCacheRow *self);
const char  *ecert_cache_row_get_export_country  (EcertCacheRow *self);
const char  *ecert_cache_row_get_import_country  (EcertCacheRow *self);
const char  *ecert_cache_row_get_consignor       (EcertCacheRow *self);
const char  *ecert_cache_row_get_consignee       (EcertCacheRow *self);
const char  *ecert_cache_row_get_commodity       (EcertCacheRow *self);
const char  *ecert_cache_row_get_verdict         (EcertCacheRow *self);
gint64       ecert_cache_row_get_received_at     (EcertCacheRow *self);
gboolean     ecert_cache_row_get_withdrawn       (EcertCacheRow *self);
gboolean     ecert_cache_row_get_replaced        (EcertCacheRow *self);
gboolean     ecert_cache_row_get_replaces        (EcertCacheRow *self);

G_END_DECLS
