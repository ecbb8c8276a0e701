/* ecert-cache-row.c: one certificate in a list of search results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only what a list shows, read from the summary: never the document. A list
 * model hands out a row before its page has been read ("loaded" is FALSE);
 * the row is filled in place when the page arrives, with a notification of
 * every property, so a view bound to it updates itself.
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include "ecert-cache-private.h"

struct _EcertCacheRow
{
  GObject   parent_instance;

  gint64    id;
  char     *number;
  char     *type_code;
  char     *status_code;
  char     *issued_date;
  char     *export_country;
  char     *import_country;
  char     *consignor;
  char     *consignee;
  char     *commodity;
  char     *verdict;
  gint64    received_at;
  guint     loaded : 1;
  guint     withdrawn : 1;
  guint     replaced : 1;
  guint     replaces : 1;
};

G_DEFINE_FINAL_TYPE (EcertCacheRow, ecert_cache_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_ID,
  PROP_NUMBER,
  PROP_TYPE_CODE,
  PROP_STATUS_CODE,
  PROP_ISSUED_DATE,
  PROP_EXPORT_COUNTRY,
  PROP_IMPORT_COUNTRY,
  PROP_CONSIGNOR,
  PROP_CONSIGNEE,
  PROP_COMMODITY,
  PROP_VERDICT,
  PROP_RECEIVED_AT,
  PROP_WITHDRAWN,
  PROP_REPLACED,
  PROP_REPLACES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
column_text (sqlite3_stmt *statement,
             int           column)
{
  if (sqlite3_column_type (statement, column) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (statement, column));
}

/* Reads the columns of ECERT_CACHE_ROW_COLUMNS. */
EcertCacheRow *
_ecert_cache_row_new_from_statement (sqlite3_stmt *statement)
{
  EcertCacheRow *self = g_object_new (ECERT_TYPE_CACHE_ROW, NULL);

  self->loaded = TRUE;
  self->id = sqlite3_column_int64 (statement, 0);
  self->number = column_text (statement, 1);
  self->type_code = column_text (statement, 2);
  self->status_code = column_text (statement, 3);
  if (sqlite3_column_type (statement, 4) != SQLITE_NULL)
    {
      gint64 day = sqlite3_column_int64 (statement, 4);

      self->issued_date = g_strdup_printf ("%04d-%02d-%02d", (int) (day / 10000),
                                           (int) (day / 100 % 100), (int) (day % 100));
    }
  self->export_country = column_text (statement, 5);
  self->import_country = column_text (statement, 6);
  self->consignor = column_text (statement, 7);
  self->consignee = column_text (statement, 8);
  self->commodity = column_text (statement, 9);
  self->verdict = column_text (statement, 10);
  self->received_at = sqlite3_column_int64 (statement, 11);
  self->withdrawn = g_strcmp0 (self->status_code, "40") == 0 ||
                    sqlite3_column_type (statement, 12) != SQLITE_NULL;
  self->replaced = sqlite3_column_type (statement, 13) != SQLITE_NULL;
  self->replaces = sqlite3_column_type (statement, 14) != SQLITE_NULL;
  return self;
}

/* A row whose page has not been read yet. */
EcertCacheRow *
_ecert_cache_row_new_placeholder (void)
{
  return g_object_new (ECERT_TYPE_CACHE_ROW, NULL);
}

static void
take_string (char **field,
             char **value)
{
  g_free (*field);
  *field = g_steal_pointer (value);
}

static void
move_fields (EcertCacheRow *self,
             EcertCacheRow *from)
{
  self->id = from->id;
  take_string (&self->number, &from->number);
  take_string (&self->type_code, &from->type_code);
  take_string (&self->status_code, &from->status_code);
  take_string (&self->issued_date, &from->issued_date);
  take_string (&self->export_country, &from->export_country);
  take_string (&self->import_country, &from->import_country);
  take_string (&self->consignor, &from->consignor);
  take_string (&self->consignee, &from->consignee);
  take_string (&self->commodity, &from->commodity);
  take_string (&self->verdict, &from->verdict);
  self->received_at = from->received_at;
  self->withdrawn = from->withdrawn;
  self->replaced = from->replaced;
  self->replaces = from->replaces;
  self->loaded = from->loaded;
}

static void
notify_all (EcertCacheRow *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Moves what @from holds into @self, which may be a placeholder handed out
 * earlier, and tells whoever watches @self. */
void
_ecert_cache_row_fill (EcertCacheRow *self,
                       EcertCacheRow *from)
{
  g_return_if_fail (ECERT_IS_CACHE_ROW (self));
  g_return_if_fail (ECERT_IS_CACHE_ROW (from));

  move_fields (self, from);
  self->loaded = TRUE;
  notify_all (self);
}

/* Makes @self, a row already handed out, another certificate's: what @from
 * holds, or a placeholder again if @from is one. */
void
_ecert_cache_row_refill (EcertCacheRow *self,
                         EcertCacheRow *from)
{
  g_return_if_fail (ECERT_IS_CACHE_ROW (self));
  g_return_if_fail (ECERT_IS_CACHE_ROW (from));

  move_fields (self, from);
  notify_all (self);
}

/**
 * ecert_cache_row_get_loaded:
 *
 * Returns: whether the row holds its certificate's data yet
 */
gboolean
ecert_cache_row_get_loaded (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), FALSE);
  return self->loaded;
}

/**
 * ecert_cache_row_get_id:
 *
 * Returns: the certificate's row in the cache, for ecert_cache_get_record();
 *   0 while not loaded
 */
gint64
ecert_cache_row_get_id (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), 0);
  return self->id;
}

const char *
ecert_cache_row_get_number (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), NULL);
  return self->number;
}

const char *
ecert_cache_row_get_type_code (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), NULL);
  return self->type_code;
}

const char *
ecert_cache_row_get_status_code (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), NULL);
  return self->status_code;
}

/**
 * ecert_cache_row_get_issued_date:
 *
 * Returns: (nullable): the day of issue as YYYY-MM-DD, in the issuer's
 *   calendar; %NULL when the certificate gives none that can be read
 */
const char *
ecert_cache_row_get_issued_date (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), NULL);
  return self->issued_date;
}

const char *
ecert_cache_row_get_export_country (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), NULL);
  return self->export_country;
}

const char *
ecert_cache_row_get_import_country (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), NULL);
  return self->import_country;
}

const char *
ecert_cache_row_get_consignor (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), NULL);
  return self->consignor;
}

const char *
ecert_cache_row_get_consignee (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), NULL);
  return self->consignee;
}

const char *
ecert_cache_row_get_commodity (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), NULL);
  return self->commodity;
}

/**
 * ecert_cache_row_get_verdict:
 *
 * Returns: (nullable): the latest signature verdict, or %NULL when the
 *   signature has not been verified yet
 */
const char *
ecert_cache_row_get_verdict (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), NULL);
  return self->verdict;
}

/**
 * ecert_cache_row_get_received_at:
 *
 * Returns: when the cache first received the certificate, in Unix seconds
 */
gint64
ecert_cache_row_get_received_at (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), 0);
  return self->received_at;
}

/**
 * ecert_cache_row_get_withdrawn:
 *
 * Returns: whether the certificate is a withdrawal or has been withdrawn
 */
gboolean
ecert_cache_row_get_withdrawn (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), FALSE);
  return self->withdrawn;
}

/**
 * ecert_cache_row_get_replaced:
 *
 * Returns: whether a later certificate in the cache replaces this one
 */
gboolean
ecert_cache_row_get_replaced (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), FALSE);
  return self->replaced;
}

/**
 * ecert_cache_row_get_replaces:
 *
 * Returns: whether this certificate replaces one that is in the cache
 */
gboolean
ecert_cache_row_get_replaces (EcertCacheRow *self)
{
  g_return_val_if_fail (ECERT_IS_CACHE_ROW (self), FALSE);
  return self->replaces;
}

static void
ecert_cache_row_finalize (GObject *object)
{
  EcertCacheRow *self = ECERT_CACHE_ROW (object);

  g_free (self->number);
  g_free (self->type_code);
  g_free (self->status_code);
  g_free (self->issued_date);
  g_free (self->export_country);
  g_free (self->import_country);
  g_free (self->consignor);
  g_free (self->consignee);
  g_free (self->commodity);
  g_free (self->verdict);

  G_OBJECT_CLASS (ecert_cache_row_parent_class)->finalize (object);
}

static void
ecert_cache_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EcertCacheRow *self = ECERT_CACHE_ROW (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    case PROP_TYPE_CODE:
      g_value_set_string (value, self->type_code);
      break;

    case PROP_STATUS_CODE:
      g_value_set_string (value, self->status_code);
      break;

    case PROP_ISSUED_DATE:
      g_value_set_string (value, self->issued_date);
      break;

    case PROP_EXPORT_COUNTRY:
      g_value_set_string (value, self->export_country);
      break;

    case PROP_IMPORT_COUNTRY:
      g_value_set_string (value, self->import_country);
      break;

    case PROP_CONSIGNOR:
      g_value_set_string (value, self->consignor);
      break;

    case PROP_CONSIGNEE:
      g_value_set_string (value, self->consignee);
      break;

    case PROP_COMMODITY:
      g_value_set_string (value, self->commodity);
      break;

    case PROP_VERDICT:
      g_value_set_string (value, self->verdict);
      break;

    case PROP_RECEIVED_AT:
      g_value_set_int64 (value, self->received_at);
      break;

    case PROP_WITHDRAWN:
      g_value_set_boolean (value, self->withdrawn);
      break;

    case PROP_REPLACED:
      g_value_set_boolean (value, self->replaced);
      break;

    case PROP_REPLACES:
      g_value_set_boolean (value, self->replaces);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boolean_property (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int64_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
ecert_cache_row_class_init (EcertCacheRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ecert_cache_row_finalize;
  object_class->get_property = ecert_cache_row_get_property;

  properties[PROP_LOADED] = boolean_property ("loaded");
  properties[PROP_ID] = int64_property ("id");
  properties[PROP_NUMBER] = string_property ("number");
  properties[PROP_TYPE_CODE] = string_property ("type-code");
  properties[PROP_STATUS_CODE] = string_property ("status-code");
  properties[PROP_ISSUED_DATE] = string_property ("issued-date");
  properties[PROP_EXPORT_COUNTRY] = string_property ("export-country");
  properties[PROP_IMPORT_COUNTRY] = string_property ("import-country");
  properties[PROP_CONSIGNOR] = string_property ("consignor");
  properties[PROP_CONSIGNEE] = string_property ("consignee");
  properties[PROP_COMMODITY] = string_property ("commodity");
  properties[PROP_VERDICT] = string_property ("verdict");
  properties[PROP_RECEIVED_AT] = int64_property ("received-at");
  properties[PROP_WITHDRAWN] = boolean_property ("withdrawn");
  properties[PROP_REPLACED] = boolean_property ("replaced");
  properties[PROP_REPLACES] = boolean_property ("replaces");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ecert_cache_row_init (EcertCacheRow *self)
{
}
