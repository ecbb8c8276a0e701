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
#define ECERT_CACHE_SCHEMA_VERSION 7

gboolean       _ecert_cache_schema_migrate    (EcertCacheDb     *db,
                                               guint             from,
                                               guint             to,
                                               GError          **error);
gboolean       _ecert_cache_schema_create_at  (const char       *path,
                                               guint             version,
                                               GError          **error);
void           _ecert_cache_set_join_max_matches (guint           matches);

/* The columns a row object is read from, in this order. */
#define ECERT_CACHE_ROW_COLUMNS \
  "c.id, c.number, c.type_code, c.status_code, c.issued_date, c.export_country, " \
  "c.import_country, c.consignor, c.consignee, c.commodity, c.verdict, c.received_at, " \
  "c.withdrawn_by, c.replaced_by, c.replaces"

EcertCacheRow *_ecert_cache_row_new_from_statement (sqlite3_stmt   *statement);
EcertCacheRow *_ecert_cache_row_new_placeholder    (void);
void           _ecert_cache_row_fill              (EcertCacheRow  *self,
                                                   EcertCacheRow  *from);
void           _ecert_cache_row_refill            (EcertCacheRow  *self,
                                                   EcertCacheRow  *from);

/* A query turned into the parts of SQL: built on the caller's thread (the
 * query object is not thread-safe), rendered and run on a worker. */
typedef struct
{
  char      *expression;   /* the FTS5 expression, or NULL for no words */
  char      *filters;      /* " AND ..." conditions on c, possibly "" */
  GPtrArray *values;       /* GVariant * (string or int64), the filters' values */
  char      *order;        /* " ORDER BY ..." */
  char      *match_order;  /* the same, in the order of full-text matches */
  char      *walk_order;   /* the same, walking temp.country_order AS o when by_country */
  gboolean   newest_first; /* the order is arrival, newest first */
  gboolean   by_country;   /* by the exporting country's name: see
                            * _ecert_cache_db_prepare_country_order() */
} EcertCacheSql;

/* How a query is run. With words, the number of full-text matches picks
 * the plan: a few are looked up one by one; many are collected into a set
 * that an index walk, in the order wanted, probes. */
typedef enum
{
  ECERT_CACHE_PLAN_COUNT,            /* no words */
  ECERT_CACHE_PLAN_COUNT_MATCHES,    /* words, no filter: the index alone */
  ECERT_CACHE_PLAN_COUNT_JOIN,
  ECERT_CACHE_PLAN_COUNT_SET,
  ECERT_CACHE_PLAN_ROWS,             /* no words */
  ECERT_CACHE_PLAN_ROWS_JOIN,
  ECERT_CACHE_PLAN_ROWS_MATCH_ORDER, /* words, newest first: matches stream out in order */
  ECERT_CACHE_PLAN_ROWS_SET,
} EcertCachePlan;

EcertCacheSql *_ecert_cache_query_compile     (EcertCacheQuery  *query);
char          *_ecert_cache_sql_render        (EcertCacheSql    *sql,
                                               EcertCachePlan    plan);
gboolean       _ecert_cache_sql_bind          (EcertCacheSql    *sql,
                                               EcertCachePlan    plan,
                                               sqlite3_stmt     *statement);
void           _ecert_cache_sql_free          (EcertCacheSql    *sql);
char          *_ecert_cache_fts_expression    (const char       *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCacheSql, _ecert_cache_sql_free)

/* The cache's state, shared by the files that serve its tables. */
struct _EcertCache
{
  GObject        parent_instance;

  char          *path;
  GMainContext  *context;       /* where "changed" is emitted */

  GRecMutex      write_lock;
  EcertCacheDb  *writer;
  guint          depth;         /* transactions open, under write_lock */
  gboolean       changed;       /* certificates changed in them */

  GMutex         readers_lock;
  GCond          readers_free;
  GPtrArray     *idle_readers;
  guint          open_readers;  /* idle or leased, under readers_lock */

  GError        *recovery_notice;
  char          *moved_aside_path;
  gint           announce_pending;
};

/* Connections (ecert-cache.c) */
EcertCacheDb  *_ecert_cache_acquire_reader    (EcertCache       *self,
                                               GCancellable     *cancellable,
                                               GError          **error);
void           _ecert_cache_release_reader    (EcertCache       *self,
                                               EcertCacheDb     *reader);
void           _ecert_cache_close_connections (EcertCache       *self);

/* A reader connection lent for the length of a scope. */
typedef struct
{
  EcertCache   *cache;
  EcertCacheDb *db;
} EcertCacheReader;

void           _ecert_cache_reader_clear      (EcertCacheReader *reader);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EcertCacheReader, _ecert_cache_reader_clear)

/* Reading rows (ecert-cache.c). Every list function reads through these:
 * an item is made of the statement's current row by a EcertCacheReadRow. */
typedef gpointer (*EcertCacheReadRow) (sqlite3_stmt *statement);

GPtrArray     *_ecert_cache_collect_rows      (EcertCacheDb     *db,
                                               sqlite3_stmt     *statement,
                                               EcertCacheReadRow read_row,
                                               GDestroyNotify    free_row,
                                               GError          **error);
GPtrArray     *_ecert_cache_read_rows         (EcertCache       *self,
                                               GCancellable     *cancellable,
                                               const char       *sql,
                                               gint64            number,
                                               const char       *text,
                                               const char       *text2,
                                               EcertCacheReadRow read_row,
                                               GDestroyNotify    free_row,
                                               GError          **error);
gpointer       _ecert_cache_read_text         (sqlite3_stmt     *statement);
gpointer       _ecert_cache_read_row          (sqlite3_stmt     *statement);

/* Writing (ecert-cache.c): one write on its own, or as part of the
 * caller's transaction. */
typedef gboolean (*EcertCacheWriteFunc) (EcertCache *self, gpointer data, GError **error);

gboolean       _ecert_cache_write_in_transaction (EcertCache    *self,
                                               EcertCacheWriteFunc func,
                                               gpointer          data,
                                               GError          **error);

typedef struct
{
  const char *sql;
  const char *texts[3];   /* bound to :t1, :t2, :t3 */
  gint64      numbers[3]; /* bound to :n1, :n2, :n3 */
  GBytes     *blob;       /* bound to :blob */
  gint64      last_row;
  gboolean    must_change;
} EcertCacheSimpleWrite;

gboolean       _ecert_cache_simple_write_locked (EcertCache     *self,
                                               gpointer          user_data,
                                               GError          **error);

/* ecert-cache-exchange.c */
gboolean       _ecert_cache_add_pending_acknowledgement (EcertCacheDb *db,
                                               gint64            row,
                                               const EcertCacheProvenance *provenance,
                                               GDateTime        *received_at,
                                               GError          **error);

G_END_DECLS
