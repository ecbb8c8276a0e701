/* ecert-cache-query.c: what to find in the cache, and in which order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ecert-cache-private.h"
#include "ecert-cache-records.h"
#include "ecert-cache-index-entry.h"
#include "ecert-country.h"
#include "ecert-error.h"
#include "ecert-text.h"

struct _EcertCacheQuery
{
  GObject         parent_instance;

  char           *text;
  char           *country;
  char           *status;     /* issued, withdrawn, replaced or a code */
  char           *verdict;    /* a verdict word, or "unverified" */
  char           *type_code;
  GDate          *issued_from;
  GDate          *issued_to;
  EcertCacheSort  sort;
  gboolean        reversed;
};

G_DEFINE_FINAL_TYPE (EcertCacheQuery, ecert_cache_query, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (EcertCacheSort, ecert_cache_sort,
                    G_DEFINE_ENUM_VALUE (ECERT_CACHE_SORT_ISSUED, "issued"),
                    G_DEFINE_ENUM_VALUE (ECERT_CACHE_SORT_NUMBER, "number"),
                    G_DEFINE_ENUM_VALUE (ECERT_CACHE_SORT_COUNTRY, "country"),
                    G_DEFINE_ENUM_VALUE (ECERT_CACHE_SORT_COMMODITY, "commodity"),
                    G_DEFINE_ENUM_VALUE (ECERT_CACHE_SORT_RECEIVED, "received"))

enum {
  PROP_0,
  PROP_TEXT,
  PROP_COUNTRY,
  PROP_STATUS,
  PROP_VERDICT,
  PROP_TYPE_CODE,
  PROP_SORT,
  PROP_REVERSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A verdict filter that finds certificates not verified yet. */
#define UNVERIFIED "unverified"

EcertCacheQuery *
ecert_cache_query_new (void)
{
  return g_object_new (ECERT_TYPE_CACHE_QUERY, NULL);
}

static GDate *
date_copy (const GDate *date)
{
  return date != NULL ? g_date_copy (date) : NULL;
}

/**
 * ecert_cache_query_copy:
 *
 * Returns: (transfer full): a query that finds the same, which later
 *   changes to @self do not affect
 */
EcertCacheQuery *
ecert_cache_query_copy (EcertCacheQuery *self)
{
  EcertCacheQuery *copy;

  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), NULL);

  copy = ecert_cache_query_new ();
  copy->text = g_strdup (self->text);
  copy->country = g_strdup (self->country);
  copy->status = g_strdup (self->status);
  copy->verdict = g_strdup (self->verdict);
  copy->type_code = g_strdup (self->type_code);
  copy->issued_from = date_copy (self->issued_from);
  copy->issued_to = date_copy (self->issued_to);
  copy->sort = self->sort;
  copy->reversed = self->reversed;
  return copy;
}

/* g_set_str() arrives with GLib 2.76. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

const char *
ecert_cache_query_get_text (EcertCacheQuery *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), NULL);
  return self->text;
}

/**
 * ecert_cache_query_set_text:
 * @text: (nullable): words to find, or a certificate number as written or
 *   typed; %NULL or empty for every certificate
 *
 * Bytes of @text that are not UTF-8 (from a terminal set to another
 * encoding, or a script) are kept as U+FFFD, which separates words and
 * matches nothing: the query always holds valid UTF-8.
 */
void
ecert_cache_query_set_text (EcertCacheQuery *self,
                            const char      *text)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (ECERT_IS_CACHE_QUERY (self));

  if (is_empty (text))
    text = NULL;
  else if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  if (set_string (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
ecert_cache_query_get_country (EcertCacheQuery *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), NULL);
  return self->country;
}

/**
 * ecert_cache_query_set_country:
 * @country: (nullable): the exporting country's two-letter code, any case;
 *   %NULL or empty for every country
 */
gboolean
ecert_cache_query_set_country (EcertCacheQuery  *self,
                               const char       *country,
                               GError          **error)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), FALSE);

  if (!is_empty (country))
    {
      code = ecert_country_code_normalize (country, error);
      if (code == NULL)
        return FALSE;
    }

  if (set_string (&self->country, code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
  return TRUE;
}

const char *
ecert_cache_query_get_status (EcertCacheQuery *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), NULL);
  return self->status;
}

static gboolean
all_digits (const char *text)
{
  for (const char *c = text; *c != '\0'; c++)
    {
      if (!g_ascii_isdigit (*c))
        return FALSE;
    }

  return text[0] != '\0';
}

/**
 * ecert_cache_query_set_status:
 * @status: (nullable): "issued" (or 70): in force, neither withdrawn nor
 *   replaced; "withdrawn" (or 40): withdrawn by its issuer, by the document
 *   itself or by a later withdrawal; "replaced": replaced by a later
 *   certificate in the cache; any other status code, as written; %NULL or
 *   empty for every status
 */
gboolean
ecert_cache_query_set_status (EcertCacheQuery  *self,
                              const char       *status,
                              GError          **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  const char *canonical = NULL;

  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), FALSE);

  if (!is_empty (status))
    {
      trimmed = g_strstrip (g_strdup (status));
      folded = g_ascii_strdown (trimmed, -1);
      if (strcmp (folded, "issued") == 0 || strcmp (folded, "70") == 0)
        canonical = "issued";
      else if (strcmp (folded, "withdrawn") == 0 || strcmp (folded, "40") == 0)
        canonical = "withdrawn";
      else if (strcmp (folded, "replaced") == 0)
        canonical = "replaced";
      else if (all_digits (folded))
        canonical = folded;
      else
        {
          g_autofree char *shown = ecert_text_sanitize (status, ECERT_TEXT_ONE_LINE);

          g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a status: use issued, withdrawn, replaced or a status "
                         "code such as 70"), shown);
          return FALSE;
        }
    }

  if (set_string (&self->status, canonical))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  return TRUE;
}

const char *
ecert_cache_query_get_verdict (EcertCacheQuery *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), NULL);
  return self->verdict;
}

/**
 * ecert_cache_query_set_verdict:
 * @verdict: (nullable): a verdict (valid, invalid, untrusted,
 *   not-authorised, expired-signer, unsigned, unsupported), or "unverified"
 *   for certificates whose signature has not been verified yet; %NULL or
 *   empty for every verdict
 */
gboolean
ecert_cache_query_set_verdict (EcertCacheQuery  *self,
                               const char       *verdict,
                               GError          **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), FALSE);

  if (!is_empty (verdict))
    {
      trimmed = g_strstrip (g_strdup (verdict));
      folded = g_ascii_strdown (trimmed, -1);
      if (strcmp (folded, UNVERIFIED) != 0 && !ecert_cache_verdict_is_known (folded))
        {
          g_autofree char *shown = ecert_text_sanitize (verdict, ECERT_TEXT_ONE_LINE);

          g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a verdict: use valid, invalid, untrusted, not-authorised, "
                         "expired-signer, unsigned, unsupported or unverified"), shown);
          return FALSE;
        }
    }

  if (set_string (&self->verdict, folded))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
  return TRUE;
}

const char *
ecert_cache_query_get_type_code (EcertCacheQuery *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), NULL);
  return self->type_code;
}

/**
 * ecert_cache_query_set_type_code:
 * @type_code: (nullable): a document type code such as 851; %NULL or empty
 *   for every type
 */
void
ecert_cache_query_set_type_code (EcertCacheQuery *self,
                                 const char      *type_code)
{
  g_return_if_fail (ECERT_IS_CACHE_QUERY (self));

  if (is_empty (type_code))
    type_code = NULL;
  if (set_string (&self->type_code, type_code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPE_CODE]);
}

/**
 * ecert_cache_query_get_issued_from:
 *
 * Returns: (transfer none) (nullable): the first day of issue wanted
 */
GDate *
ecert_cache_query_get_issued_from (EcertCacheQuery *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), NULL);
  return self->issued_from;
}

/**
 * ecert_cache_query_get_issued_to:
 *
 * Returns: (transfer none) (nullable): the last day of issue wanted
 */
GDate *
ecert_cache_query_get_issued_to (EcertCacheQuery *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), NULL);
  return self->issued_to;
}

/**
 * ecert_cache_query_set_issued_range:
 * @from: (nullable): the first day of issue wanted
 * @to: (nullable): the last day of issue wanted, included
 *
 * Days are the issuer's calendar days, as printed on the certificate. A
 * certificate whose date of issue cannot be read is outside every range.
 */
void
ecert_cache_query_set_issued_range (EcertCacheQuery *self,
                                    const GDate     *from,
                                    const GDate     *to)
{
  g_return_if_fail (ECERT_IS_CACHE_QUERY (self));
  g_return_if_fail (from == NULL || g_date_valid (from));
  g_return_if_fail (to == NULL || g_date_valid (to));

  g_clear_pointer (&self->issued_from, g_date_free);
  g_clear_pointer (&self->issued_to, g_date_free);
  self->issued_from = date_copy (from);
  self->issued_to = date_copy (to);
}

EcertCacheSort
ecert_cache_query_get_sort (EcertCacheQuery *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), ECERT_CACHE_SORT_ISSUED);
  return self->sort;
}

void
ecert_cache_query_set_sort (EcertCacheQuery *self,
                            EcertCacheSort   sort)
{
  g_return_if_fail (ECERT_IS_CACHE_QUERY (self));
  g_return_if_fail (sort <= ECERT_CACHE_SORT_RECEIVED);

  if (self->sort == sort)
    return;

  self->sort = sort;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

gboolean
ecert_cache_query_get_reversed (EcertCacheQuery *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_QUERY (self), FALSE);
  return self->reversed;
}

void
ecert_cache_query_set_reversed (EcertCacheQuery *self,
                                gboolean         reversed)
{
  g_return_if_fail (ECERT_IS_CACHE_QUERY (self));

  reversed = !!reversed;
  if (self->reversed == reversed)
    return;

  self->reversed = reversed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVERSED]);
}

/**
 * ecert_cache_sort_from_string:
 * @name: issued, number, country, commodity or received
 *
 * Returns: whether @name is a sort order; if so, it is stored in @sort
 */
gboolean
ecert_cache_sort_from_string (const char     *name,
                              EcertCacheSort *sort)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (ECERT_TYPE_CACHE_SORT);
  GEnumValue *value;

  g_return_val_if_fail (name != NULL, FALSE);

  value = g_enum_get_value_by_nick (enum_class, name);
  if (value == NULL)
    return FALSE;

  *sort = value->value;
  return TRUE;
}

/**
 * ecert_cache_parse_date:
 * @text: a day as YYYY-MM-DD
 *
 * Returns: (transfer full): the day, or %NULL with @error set
 */
GDate *
ecert_cache_parse_date (const char  *text,
                        GError     **error)
{
  int year, month, day;
  char tail;

  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_autofree char *shown = ecert_text_sanitize (text, ECERT_TEXT_ONE_LINE);

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date: write it as YYYY-MM-DD, such as 2026-03-14"), shown);
      return NULL;
    }

  return g_date_new_dmy (day, month, year);
}

static gint64
date_key (const GDate *date)
{
  return g_date_get_year (date) * 10000 + g_date_get_month (date) * 100 +
         g_date_get_day (date);
}

/* Whether a character can be part of a word the full-text index holds.
 * @term is valid UTF-8: on other bytes, g_utf8_next_char() would step
 * over the end of the text. */
static gboolean
has_word_character (const char *term)
{
  for (const char *c = term; *c != '\0'; c = g_utf8_next_char (c))
    {
      if (g_unichar_isalnum (g_utf8_get_char (c)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_digit (const char *text)
{
  for (const char *c = text; *c != '\0'; c++)
    {
      if (g_ascii_isdigit (*c))
        return TRUE;
    }

  return FALSE;
}

static void
append_phrase (GString    *expression,
               const char *term)
{
  g_string_append_c (expression, '"');
  for (const char *c = term; *c != '\0'; c++)
    {
      /* Inside an FTS5 string, only the quote itself needs escaping. */
      if (*c == '"')
        g_string_append_c (expression, '"');
      g_string_append_c (expression, *c);
    }
  g_string_append (expression, "\"*");
}

/**
 * _ecert_cache_fts_expression:
 * @text: what a person typed
 *
 * Turns free text into an FTS5 query that cannot be a syntax error: each
 * word becomes a quoted prefix phrase, all of them must match. Prefixes
 * because people type the start of a name ("kiwi" for "Kiwifruit") and
 * because Chinese names are one token, so "上海" finds
 * "上海鲜果进出口有限公司". A text that looks like a certificate number
 * also matches the normalised number, however it was spaced or dashed.
 *
 * Bytes of @text that are not UTF-8 are read as U+FFFD, which is no word.
 *
 * Returns: (nullable): the expression, or %NULL when @text holds no word
 */
char *
_ecert_cache_fts_expression (const char *text)
{
  g_auto(GStrv) terms = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *normalized = NULL;
  GString *expression = g_string_new (NULL);
  guint count = 0;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  terms = g_strsplit_set (text, " \t\n\r\f\v", -1);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      if (!has_word_character (terms[i]))
        continue;

      if (count++ > 0)
        g_string_append (expression, " AND ");
      append_phrase (expression, terms[i]);
    }

  if (count == 0)
    return g_string_free (expression, TRUE);

  normalized = ecert_cache_normalize_number (text);
  if (has_digit (normalized) && has_word_character (normalized))
    {
      g_string_prepend (expression, "(");
      g_string_append (expression, ") OR search_number : ");
      append_phrase (expression, normalized);
    }

  return g_string_free (expression, FALSE);
}

/* Columns of the natural order of each sort, and whether each is
 * descending there. The trailing id breaks ties; the orders match the
 * indexes of the schema, so SQLite reads pages in order without sorting.
 * COUNTRY_RANK stands for the rank of the exporting country's name. */
typedef struct
{
  const char *columns[4];
  gboolean    descending[4];
} SortOrder;

#define COUNTRY_RANK "country rank"

/* The rank of a row's country looked up, where rows come from elsewhere
 * (full-text matches) and are sorted anyway; a walk of the ranks in order
 * reads them as "o.rank" instead. */
#define COUNTRY_RANK_LOOKUP \
  "(SELECT rank FROM temp.country_order WHERE code IS c.export_country)"

static const SortOrder sort_orders[] = {
  [ECERT_CACHE_SORT_ISSUED] = { { "c.issued_date", "c.issued_at", "c.id", NULL },
                                { TRUE, TRUE, FALSE } },
  [ECERT_CACHE_SORT_NUMBER] = { { "c.number_norm", "c.export_country", "c.id", NULL },
                                { FALSE, FALSE, FALSE } },
  [ECERT_CACHE_SORT_COUNTRY] = { { COUNTRY_RANK, "c.issued_date", "c.issued_at", "c.id" },
                                 { FALSE, TRUE, TRUE, FALSE } },
  [ECERT_CACHE_SORT_COMMODITY] = { { "c.commodity_key", "c.id", NULL },
                                   { FALSE, FALSE } },
  [ECERT_CACHE_SORT_RECEIVED] = { { "c.id", NULL },
                                  { TRUE } },
};

static char *
build_order (EcertCacheQuery *query,
             gboolean         match_order,
             const char      *country_rank)
{
  const SortOrder *order = &sort_orders[query->sort];
  GString *sql = g_string_new (" ORDER BY ");

  for (guint i = 0; i < G_N_ELEMENTS (order->columns) && order->columns[i] != NULL; i++)
    {
      const char *column = order->columns[i];

      /* Ordered by the index's own rowid, FTS5 hands matches out newest
       * first without collecting and sorting them all. */
      if (match_order && query->sort == ECERT_CACHE_SORT_RECEIVED)
        column = "certificate_fts.rowid";
      else if (strcmp (column, COUNTRY_RANK) == 0)
        column = country_rank;

      g_string_append_printf (sql, "%s%s %s", i > 0 ? ", " : "", column,
                              order->descending[i] != query->reversed ? "DESC" : "ASC");
    }

  return g_string_free (sql, FALSE);
}

static void
add_condition (GString    *filters,
               const char *condition)
{
  g_string_append (filters, " AND ");
  g_string_append (filters, condition);
}

static void
add_text_value (GPtrArray  *values,
                const char *text)
{
  g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_string (text)));
}

static void
add_int_value (GPtrArray *values,
               gint64     number)
{
  g_ptr_array_add (values, g_variant_ref_sink (g_variant_new_int64 (number)));
}

/* The conditions are written the way the schema's partial indexes are, so
 * that SQLite recognises them. */
static void
add_filters (EcertCacheQuery *query,
             GString         *filters,
             GPtrArray       *values)
{
  if (query->country != NULL)
    {
      add_condition (filters, "c.export_country = ?");
      add_text_value (values, query->country);
    }

  if (g_strcmp0 (query->status, "issued") == 0)
    add_condition (filters, "c.status_code = '70' AND c.withdrawn_by IS NULL"
                            " AND c.replaced_by IS NULL");
  else if (g_strcmp0 (query->status, "withdrawn") == 0)
    add_condition (filters, "(c.status_code = '40' OR c.withdrawn_by IS NOT NULL)");
  else if (g_strcmp0 (query->status, "replaced") == 0)
    add_condition (filters, "c.replaced_by IS NOT NULL");
  else if (query->status != NULL)
    {
      add_condition (filters, "c.status_code = ?");
      add_text_value (values, query->status);
    }

  if (g_strcmp0 (query->verdict, UNVERIFIED) == 0)
    add_condition (filters, "c.verdict IS NULL");
  else if (query->verdict != NULL)
    {
      add_condition (filters, "c.verdict = ?");
      add_text_value (values, query->verdict);
    }

  if (query->type_code != NULL)
    {
      add_condition (filters, "c.type_code = ?");
      add_text_value (values, query->type_code);
    }

  if (query->issued_from != NULL)
    {
      add_condition (filters, "c.issued_date >= ?");
      add_int_value (values, date_key (query->issued_from));
    }

  if (query->issued_to != NULL)
    {
      add_condition (filters, "c.issued_date <= ?");
      add_int_value (values, date_key (query->issued_to));
    }
}

/**
 * _ecert_cache_query_compile:
 *
 * Returns: (transfer full): the parts of SQL for @query, to render with
 *   _ecert_cache_sql_render()
 */
EcertCacheSql *
_ecert_cache_query_compile (EcertCacheQuery *query)
{
  EcertCacheSql *sql = g_new0 (EcertCacheSql, 1);
  GString *filters = g_string_new (NULL);

  sql->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  if (query->text != NULL)
    sql->expression = _ecert_cache_fts_expression (query->text);
  add_filters (query, filters, sql->values);
  sql->filters = g_string_free (filters, FALSE);
  sql->order = build_order (query, FALSE, COUNTRY_RANK_LOOKUP);
  sql->match_order = build_order (query, TRUE, COUNTRY_RANK_LOOKUP);
  sql->walk_order = build_order (query, FALSE, "o.rank");
  sql->by_country = query->sort == ECERT_CACHE_SORT_COUNTRY;
  sql->newest_first = query->sort == ECERT_CACHE_SORT_RECEIVED && !query->reversed;
  return sql;
}

void
_ecert_cache_sql_free (EcertCacheSql *sql)
{
  if (sql == NULL)
    return;

  g_free (sql->expression);
  g_free (sql->filters);
  g_clear_pointer (&sql->values, g_ptr_array_unref);
  g_free (sql->order);
  g_free (sql->match_order);
  g_free (sql->walk_order);
  g_free (sql);
}

static void
ecert_cache_query_finalize (GObject *object)
{
  EcertCacheQuery *self = ECERT_CACHE_QUERY (object);

  g_free (self->text);
  g_free (self->country);
  g_free (self->status);
  g_free (self->verdict);
  g_free (self->type_code);
  g_clear_pointer (&self->issued_from, g_date_free);
  g_clear_pointer (&self->issued_to, g_date_free);

  G_OBJECT_CLASS (ecert_cache_query_parent_class)->finalize (object);
}

static void
ecert_cache_query_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EcertCacheQuery *self = ECERT_CACHE_QUERY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_VERDICT:
      g_value_set_string (value, self->verdict);
      break;

    case PROP_TYPE_CODE:
      g_value_set_string (value, self->type_code);
      break;

    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;

    case PROP_REVERSED:
      g_value_set_boolean (value, self->reversed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_checked (gboolean (*setter) (EcertCacheQuery *, const char *, GError **),
             EcertCacheQuery *self,
             const GValue    *value)
{
  g_autoptr(GError) error = NULL;

  if (!setter (self, g_value_get_string (value), &error))
    g_warning ("%s", error->message);
}

static void
ecert_cache_query_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EcertCacheQuery *self = ECERT_CACHE_QUERY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      ecert_cache_query_set_text (self, g_value_get_string (value));
      break;

    case PROP_COUNTRY:
      set_checked (ecert_cache_query_set_country, self, value);
      break;

    case PROP_STATUS:
      set_checked (ecert_cache_query_set_status, self, value);
      break;

    case PROP_VERDICT:
      set_checked (ecert_cache_query_set_verdict, self, value);
      break;

    case PROP_TYPE_CODE:
      ecert_cache_query_set_type_code (self, g_value_get_string (value));
      break;

    case PROP_SORT:
      ecert_cache_query_set_sort (self, g_value_get_enum (value));
      break;

    case PROP_REVERSED:
      ecert_cache_query_set_reversed (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_cache_query_class_init (EcertCacheQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ecert_cache_query_finalize;
  object_class->get_property = ecert_cache_query_get_property;
  object_class->set_property = ecert_cache_query_set_property;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_VERDICT] = g_param_spec_string ("verdict", NULL, NULL, NULL, flags);
  properties[PROP_TYPE_CODE] = g_param_spec_string ("type-code", NULL, NULL, NULL, flags);
  properties[PROP_SORT] = g_param_spec_enum ("sort", NULL, NULL, ECERT_TYPE_CACHE_SORT,
                                             ECERT_CACHE_SORT_ISSUED, flags);
  properties[PROP_REVERSED] = g_param_spec_boolean ("reversed", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ecert_cache_query_init (EcertCacheQuery *self)
{
  self->sort = ECERT_CACHE_SORT_ISSUED;
}
