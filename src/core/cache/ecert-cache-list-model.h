/* ecert-cache-list-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-cache-query.h"
#include "ecert-cache.h"

G_BEGIN_DECLS

#define ECERT_TYPE_CACHE_LIST_MODEL (ecert_cache_list_model_get_type ())

G_DECLARE_FINAL_TYPE (EcertCacheListModel, ecert_cache_list_model, ECERT, CACHE_LIST_MODEL,
                      GObject)

EcertCacheListModel *ecert_cache_list_model_new        (EcertCache           *cache,
                                                        EcertCacheQuery      *query);
EcertCache          *ecert_cache_list_model_get_cache  (EcertCacheListModel  *self);
EcertCacheQuery     *ecert_cache_list_model_get_query  (EcertCacheListModel  *self);
void                 ecert_cache_list_model_set_query  (EcertCacheListModel  *self,
                                                        EcertCacheQuery      *query);
void                 ecert_cache_list_model_reload     (EcertCacheListModel  *self);
void                 ecert_cache_list_model_set_rows_at_first (EcertCacheListModel *self,
                                                              guint                n_rows);
guint                ecert_cache_list_model_get_n_found (EcertCacheListModel *self);
gboolean             ecert_cache_list_model_has_held_rows (EcertCacheListModel *self);
void                 ecert_cache_list_model_announce_held_rows (EcertCacheListModel *self);
gboolean             ecert_cache_list_model_get_loading (EcertCacheListModel *self);
const GError        *ecert_cache_list_model_get_error  (EcertCacheListModel  *self);

G_END_DECLS
