/* ecert-cache-query.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * EcertCacheSort:
 * @ECERT_CACHE_SORT_ISSUED: by date of issue, newest first
 * @ECERT_CACHE_SORT_NUMBER: by certificate number, A to Z
 * @ECERT_CACHE_SORT_COUNTRY: by exporting country, then newest first
 * @ECERT_CACHE_SORT_COMMODITY: by the first commodity's name, A to Z
 * @ECERT_CACHE_SORT_RECEIVED: by arrival in the cache, newest first
 *
 * The orders of a search; "reversed" turns each around. Ties are broken by
 * arrival, so that pages never overlap or skip a row.
 */
typedef enum
{
  ECERT_CACHE_SORT_ISSUED,
  ECERT_CACHE_SORT_NUMBER,
  ECERT_CACHE_SORT_COUNTRY,
  ECERT_CACHE_SORT_COMMODITY,
  ECERT_CACHE_SORT_RECEIVED,
} EcertCacheSort;

#define ECERT_TYPE_CACHE_SORT (ecert_cache_sort_get_type ())
GType ecert_cache_sort_get_type (void);

#define ECERT_TYPE_CACHE_QUERY (ecert_cache_query_get_type ())

G_DECLARE_FINAL_TYPE (EcertCacheQuery, ecert_cache_query, ECERT, CACHE_QUERY, GObject)

EcertCacheQuery *ecert_cache_query_new              (void);
EcertCacheQuery *ecert_cache_query_copy             (EcertCacheQuery  *self);

const char      *ecert_cache_query_get_text         (EcertCacheQuery  *self);
void             ecert_cache_query_set_text         (EcertCacheQuery  *self,
                                                     const char       *text);
const char      *ecert_cache_query_get_country      (EcertCacheQuery  *self);
gboolean         ecert_cache_query_set_country      (EcertCacheQuery  *self,
                                                     const char       *country,
                                                     GError          **error);
const char      *ecert_cache_query_get_status       (EcertCacheQuery  *self);
gboolean         ecert_cache_query_set_status       (EcertCacheQuery  *self,
                                                     const char       *status,
                                                     GError          **error);
const char      *ecert_cache_query_get_verdict      (EcertCacheQuery  *self);
gboolean         ecert_cache_query_set_verdict      (EcertCacheQuery  *self,
                                                     const char       *verdict,
                                                     GError          **error);
const char      *ecert_cache_query_get_type_code    (EcertCacheQuery  *self);
void             ecert_cache_query_set_type_code    (EcertCacheQuery  *self,
                                                     const char       *type_code);
GDate           *ecert_cache_query_get_issued_from  (EcertCacheQuery  *self);
GDate           *ecert_cache_query_get_issued_to    (EcertCacheQuery  *self);
void             ecert_cache_query_set_issued_range (EcertCacheQuery  *self,
                                                     const GDate      *from,
                                                     const GDate      *to);
EcertCacheSort   ecert_cache_query_get_sort         (EcertCacheQuery  *self);
void             ecert_cache_query_set_sort         (EcertCacheQuery  *self,
                                                     EcertCacheSort    sort);
gboolean         ecert_cache_query_get_reversed     (EcertCacheQuery  *self);
void             ecert_cache_query_set_reversed     (EcertCacheQuery  *self,
                                                     gboolean          reversed);

gboolean         ecert_cache_sort_from_string       (const char       *name,
                                                     EcertCacheSort   *sort);
GDate           *ecert_cache_parse_date             (const char       *text,
                                                     GError          **error);

G_END_DECLS
