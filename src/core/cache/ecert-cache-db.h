/* ecert-cache-db.h: one SQLite connection of the cache (private to core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A connection is used by one thread at a time; EcertCache hands them out. */
typedef struct
{
  sqlite3      *handle;
  char         *path;
  GHashTable   *statements;   /* SQL text -> sqlite3_stmt *, prepared once */
  GCancellable *cancellable;  /* interrupts the statement running, if set */
  char         *damage_message; /* why the file is damaged, in words for people */
  gint64        busy_since;     /* when the current wait for a lock began */
  gint64        busy_last;      /* when the busy handler last returned */
  gboolean      reader;
  gboolean      country_order_made;
  gint64        country_order_version; /* the cache's data_version it was made at */
} EcertCacheDb;

EcertCacheDb *_ecert_cache_db_open             (const char    *path,
                                                gboolean       reader,
                                                char         **damage,
                                                GError       **error);
void          _ecert_cache_db_close            (EcertCacheDb  *db);
void          _ecert_cache_db_keep_wal         (EcertCacheDb  *db,
                                                gboolean       keep);
gboolean      _ecert_cache_db_prepare_country_order (EcertCacheDb *db,
                                                GError       **error);

gboolean      _ecert_cache_db_exec             (EcertCacheDb  *db,
                                                const char    *sql,
                                                GError       **error);
sqlite3_stmt *_ecert_cache_db_prepare          (EcertCacheDb  *db,
                                                const char    *sql,
                                                GError       **error);
int           _ecert_cache_db_step             (EcertCacheDb  *db,
                                                sqlite3_stmt  *statement,
                                                GError       **error);
gboolean      _ecert_cache_db_run              (EcertCacheDb  *db,
                                                sqlite3_stmt  *statement,
                                                GError       **error);
gboolean      _ecert_cache_db_step_int         (EcertCacheDb  *db,
                                                sqlite3_stmt  *statement,
                                                gint64        *value,
                                                GError       **error);
gboolean      _ecert_cache_db_query_int        (EcertCacheDb  *db,
                                                const char    *sql,
                                                gint64        *value,
                                                GError       **error);
void          _ecert_cache_db_set_error        (EcertCacheDb  *db,
                                                int            code,
                                                GError       **error);
void          _ecert_cache_db_set_cancellable  (EcertCacheDb  *db,
                                                GCancellable  *cancellable);

void          _ecert_cache_db_bind_text        (sqlite3_stmt  *statement,
                                                int            index,
                                                const char    *text);
void          _ecert_cache_db_bind_time        (sqlite3_stmt  *statement,
                                                int            index,
                                                GDateTime     *time);
void          _ecert_cache_db_bind_bytes       (sqlite3_stmt  *statement,
                                                int            index,
                                                GBytes        *bytes);
char         *_ecert_cache_db_column_text      (sqlite3_stmt  *statement,
                                                int            column);
GDateTime    *_ecert_cache_db_column_time      (sqlite3_stmt  *statement,
                                                int            column);
GBytes       *_ecert_cache_db_column_bytes     (sqlite3_stmt  *statement,
                                                int            column);

char         *_ecert_cache_damage_marker_path  (const char    *path);

/* A statement from _ecert_cache_db_prepare(), reset when it goes out of
 * scope: a statement left stepping would hold its read transaction open. */
typedef sqlite3_stmt EcertCacheStatement;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertCacheStatement, sqlite3_reset)

G_END_DECLS
