/* ecert-cache.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-cache-query.h"
#include "ecert-cache-records.h"
#include "ecert-cache-row.h"
#include "ecert-cache-index-entry.h"
#include "ecert-certificate.h"

G_BEGIN_DECLS

/* The environment variable that overrides where the cache lives. */
#define ECERT_CACHE_ENV "ECERT_CACHE"

/**
 * EcertCacheStoreResult:
 * @ECERT_CACHE_STORED: the certificate is new to the cache and was stored
 * @ECERT_CACHE_DUPLICATE: the cache already held these exact bytes (or
 *   this very delivery); nothing was stored twice
 */
typedef enum
{
  ECERT_CACHE_STORED,
  ECERT_CACHE_DUPLICATE,
} EcertCacheStoreResult;

/**
 * EcertCacheUsage:
 * @certificates: certificates stored
 * @kept_certificates: of those, the ones an unsent draft or outbox item is
 *   about; clearing the cache keeps them
 * @drafts: drafts not yet queued for sending
 * @unsent: outbox items not sent: queued, or refused and kept to be read
 * @sent: outbox items the hub accepted
 * @size: bytes on disk: the database and its write-ahead log
 *
 * What the cache holds, for a person deciding whether to clear it.
 */
typedef struct
{
  guint   certificates;
  guint   kept_certificates;
  guint   drafts;
  guint   unsent;
  guint   sent;
  guint64 size;
} EcertCacheUsage;

#define ECERT_TYPE_CACHE (ecert_cache_get_type ())

G_DECLARE_FINAL_TYPE (EcertCache, ecert_cache, ECERT, CACHE, GObject)

char          *ecert_cache_get_default_path         (void);

EcertCache    *ecert_cache_open                     (const char            *path,
                                                     GError               **error);
void           ecert_cache_open_async               (const char            *path,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
EcertCache    *ecert_cache_open_finish              (GAsyncResult          *result,
                                                     GError               **error);

const char    *ecert_cache_get_path                 (EcertCache            *self);
const GError  *ecert_cache_get_recovery_notice      (EcertCache            *self);
const char    *ecert_cache_get_moved_aside_path     (EcertCache            *self);
gboolean       ecert_cache_check_integrity          (EcertCache            *self,
                                                     GError               **error);

/* Usage and clearing */
gboolean       ecert_cache_get_usage                (EcertCache            *self,
                                                     EcertCacheUsage       *usage,
                                                     GError               **error);
void           ecert_cache_get_usage_async          (EcertCache            *self,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
gboolean       ecert_cache_get_usage_finish         (EcertCache            *self,
                                                     GAsyncResult          *result,
                                                     EcertCacheUsage       *usage,
                                                     GError               **error);
gboolean       ecert_cache_clear                    (EcertCache            *self,
                                                     guint                 *n_deleted,
                                                     GError               **error);
void           ecert_cache_clear_async              (EcertCache            *self,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
gboolean       ecert_cache_clear_finish             (EcertCache            *self,
                                                     GAsyncResult          *result,
                                                     guint                 *n_deleted,
                                                     GError               **error);

/* Transactions: everything between begin and commit lands at once. */
gboolean       ecert_cache_begin                    (EcertCache            *self,
                                                     GError               **error);
gboolean       ecert_cache_commit                   (EcertCache            *self,
                                                     GError               **error);
void           ecert_cache_rollback                 (EcertCache            *self);

/* Certificates */
gboolean       ecert_cache_store_certificate        (EcertCache                    *self,
                                                     EcertCertificate              *certificate,
                                                     const EcertCacheProvenance    *provenance,
                                                     const EcertCacheVerification  *verification,
                                                     EcertCacheStoreResult         *result,
                                                     gint64                        *row,
                                                     GError                       **error);
gboolean       ecert_cache_store                    (EcertCache                    *self,
                                                     const EcertCacheIndexEntry       *entry,
                                                     GBytes                        *document,
                                                     const EcertCacheProvenance    *provenance,
                                                     const EcertCacheVerification  *verification,
                                                     EcertCacheStoreResult         *result,
                                                     gint64                        *row,
                                                     GError                       **error);
gboolean       ecert_cache_set_verification         (EcertCache            *cache,
                                                     gint64                 certificate_row,
                                                     const char            *verdict,
                                                     const char            *reason,
                                                     const char            *signer,
                                                     GDateTime             *evaluated_at,
                                                     GError               **error);
EcertCacheRecord *ecert_cache_get_record            (EcertCache            *self,
                                                     gint64                 row,
                                                     GError               **error);
GPtrArray     *ecert_cache_lookup_number            (EcertCache            *self,
                                                     const char            *number,
                                                     const char            *export_country,
                                                     GError               **error);

/* Search */
GPtrArray     *ecert_cache_search                   (EcertCache            *self,
                                                     EcertCacheQuery       *query,
                                                     guint                  offset,
                                                     guint                  limit,
                                                     GCancellable          *cancellable,
                                                     GError               **error);
void           ecert_cache_search_async             (EcertCache            *self,
                                                     EcertCacheQuery       *query,
                                                     guint                  offset,
                                                     guint                  limit,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
GPtrArray     *ecert_cache_search_finish            (EcertCache            *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);
gboolean       ecert_cache_count                    (EcertCache            *self,
                                                     EcertCacheQuery       *query,
                                                     guint                 *n_rows,
                                                     GCancellable          *cancellable,
                                                     GError               **error);
void           ecert_cache_count_async              (EcertCache            *self,
                                                     EcertCacheQuery       *query,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
gboolean       ecert_cache_count_finish             (EcertCache            *self,
                                                     GAsyncResult          *result,
                                                     guint                 *n_rows,
                                                     GError               **error);

/* Synchronisation state */
GPtrArray     *ecert_cache_list_export_countries    (EcertCache            *self,
                                                     GCancellable          *cancellable,
                                                     GError               **error);
void           ecert_cache_list_export_countries_async  (EcertCache            *self,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
GPtrArray     *ecert_cache_list_export_countries_finish (EcertCache            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);
gboolean       ecert_cache_set_sync_value           (EcertCache            *self,
                                                     const char            *hub_url,
                                                     const char            *key,
                                                     const char            *value,
                                                     GError               **error);
gboolean       ecert_cache_get_sync_value           (EcertCache            *self,
                                                     const char            *hub_url,
                                                     const char            *key,
                                                     char                 **value,
                                                     GError               **error);
GPtrArray     *ecert_cache_list_pending_acknowledgements (EcertCache       *self,
                                                     const char            *hub_url,
                                                     GError               **error);
gboolean       ecert_cache_remove_pending_acknowledgement (EcertCache      *self,
                                                     const char            *hub_url,
                                                     const char            *delivery_number,
                                                     GError               **error);

/* Drafts and the outbox */
gboolean       ecert_cache_save_draft               (EcertCache            *self,
                                                     gint64                *id,
                                                     const char            *kind,
                                                     gint64                 certificate_row,
                                                     GBytes                *content,
                                                     GError               **error);
void           ecert_cache_save_draft_async         (EcertCache            *self,
                                                     gint64                 id,
                                                     const char            *kind,
                                                     gint64                 certificate_row,
                                                     GBytes                *content,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
gboolean       ecert_cache_save_draft_finish        (EcertCache            *self,
                                                     GAsyncResult          *result,
                                                     gint64                *id,
                                                     GError               **error);
GPtrArray     *ecert_cache_list_drafts              (EcertCache            *self,
                                                     GError               **error);
gboolean       ecert_cache_delete_draft             (EcertCache            *self,
                                                     gint64                 id,
                                                     GError               **error);
void           ecert_cache_delete_draft_async       (EcertCache            *self,
                                                     gint64                 id,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
gboolean       ecert_cache_delete_draft_finish      (EcertCache            *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);
gboolean       ecert_cache_queue_outbox             (EcertCache            *self,
                                                     const EcertCacheOutboxItem *item,
                                                     gint64                 draft_id,
                                                     gint64                *id,
                                                     GError               **error);
GPtrArray     *ecert_cache_list_outbox              (EcertCache            *self,
                                                     gboolean               queued_only,
                                                     GError               **error);
EcertCacheOutboxItem *ecert_cache_get_outbox_item   (EcertCache            *self,
                                                     gint64                 id,
                                                     GError               **error);
gboolean       ecert_cache_set_outbox_sending       (EcertCache            *self,
                                                     gint64                 id,
                                                     GError               **error);
gboolean       ecert_cache_set_outbox_sent          (EcertCache            *self,
                                                     gint64                 id,
                                                     const char            *tracking_number,
                                                     const char            *hub_tracking,
                                                     const char            *hub_message,
                                                     GError               **error);
gboolean       ecert_cache_set_outbox_tracking      (EcertCache            *self,
                                                     gint64                 id,
                                                     const char            *hub_tracking,
                                                     const char            *hub_message,
                                                     GError               **error);
gboolean       ecert_cache_set_outbox_failed        (EcertCache            *self,
                                                     gint64                 id,
                                                     const char            *reason,
                                                     gboolean               retry,
                                                     GDateTime             *next_attempt_at,
                                                     GError               **error);

/* Inquiries and replies received */
gboolean       ecert_cache_store_response           (EcertCache            *self,
                                                     const EcertCacheResponse *response,
                                                     EcertCacheStoreResult *result,
                                                     GError               **error);
GPtrArray     *ecert_cache_list_responses           (EcertCache            *self,
                                                     const char            *certificate_number,
                                                     const char            *export_country,
                                                     GError               **error);

G_END_DECLS
