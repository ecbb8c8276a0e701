/* ecert-cache-private.h: shared by the cache's own files and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-cache-db.h"
#include "ecert-cache-query.h"
#include "ecert-cache-row.h"
#include "ecert-cache.h"

G_BEGIN_DECLS

/* "ECrt" in the file header: tells our cache from any other SQLite file. */
#define ECERT_CACHE_APPLICATION_ID 0x45437274

/* The schema version this program writes; see ecert-cache-schema.c. */
#define ECERT_CACHE_SCHEMA_VERSION 4

gboolean       _ecert_cache_schema_migrate    (EcertCacheDb     *db,
                                               guint             from,
                                               guint             to,
                                               GError          **error);
gboolean       _ecert_cache_schema_create_at  (const char       *path,
                                               guint             version,
                                               GError          **error);

/* The columns a row object is read from, in this order. */
#define ECERT_CACHE_ROW_COLUMNS \
  "c.id, c.number, c.type_code, c.status_code, c.issued_date, c.export_country, " \
  "c.import_country, c.consignor, c.consignee, c.commodity, c.verdict, c.received_at, " \
  "c.withdrawn_by, c.replaced_by, c.replaces"

EcertCacheRow *_ecert_cache_row_new_from_statement (sqlite3_stmt   *statement);
EcertCacheRow *_ecert_cache_row_new_placeholder    (void);
void           _ecert_cache_row_fill              (EcertCacheRow  *self,
                                                   EcertCacheRow  *from);

/* A query turned into SQL: built on the caller's thread, run on another. */
typedef struct
{
  char      *sql;
  GPtrArray *values;      /* GVariant * (string or int64), bound to ?1, ?2... */
} EcertCacheSql;

EcertCacheSql *_ecert_cache_query_compile     (EcertCacheQuery  *query,
                                               gboolean          count);
void           _ecert_cache_sql_free          (EcertCacheSql    *sql);
gboolean       _ecert_cache_sql_bind          (EcertCacheSql    *sql,
                                               sqlite3_stmt     *statement);
char          *_ecert_cache_fts_expression    (const char       *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCacheSql, _ecert_cache_sql_free)

G_END_DECLS
