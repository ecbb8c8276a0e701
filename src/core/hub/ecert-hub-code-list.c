/* ecert-hub-code-list.c: the hub's reference code lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ten operations return ten lists of slightly different records. One table
 * describes them, so that the codec reads and writes all ten the same way
 * and a record keeps whatever fields its list has.
 */

#define G_LOG_DOMAIN "ecert-hub-code-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-error.h"
#include "ecert-hub-code-list.h"
#include "ecert-soap-private.h"

typedef struct
{
  const char *operation;
  const char *item;
  const char *code_field;
  const char *label_field;
  /* In the WSDL's order, which is the order they must be written in. */
  const char *fields[9];
} CodeListInfo;

static const CodeListInfo lists[ECERT_HUB_CODE_LIST_COUNT] = {
  [ECERT_HUB_CODE_LIST_STATEMENTS] = {
    "GetStatements", "Statement", "code", "text",
    { "active", "code", "docTypeOnly", "lang", "lastModified", "lastModifiedBy", "text", NULL } },
  [ECERT_HUB_CODE_LIST_TREATMENT_TYPES] = {
    "GetTreatmentTypes", "TreatmentType", "code", "description",
    { "active", "code", "description", "lang", "lastModified", "lastModifiedBy", "level",
      "parentCode", NULL } },
  [ECERT_HUB_CODE_LIST_INTENDED_USES] = {
    "GetIntendedUses", "IntendedUse", "code", "name",
    { "active", "code", "lang", "lastModified", "lastModifiedBy", "name", NULL } },
  [ECERT_HUB_CODE_LIST_UNIT_MEASURES] = {
    "GetUnitMeasures", "UnitMeasure", "code", "name",
    { "active", "code", "lastModified", "lastModifiedBy", "name", "symbol", "type", NULL } },
  [ECERT_HUB_CODE_LIST_MEANS_OF_TRANSPORT] = {
    "GetMeanOfTransports", "MeanOfTransport", "modeCode", "usedTransportMean",
    { "active", "lang", "lastModified", "lastModifiedBy", "modeCode", "usedTransportMean", NULL } },
  [ECERT_HUB_CODE_LIST_PACKAGE_TYPES] = {
    "GetPackageTypes", "PackageType", "code", "description",
    { "active", "code", "description", "lang", "lastModified", "lastModifiedBy", NULL } },
  [ECERT_HUB_CODE_LIST_PRODUCT_DESCRIPTIONS] = {
    "GetProductDescriptions", "ProductDescription", "code", "name",
    { "active", "code", "lang", "lastModified", "lastModifiedBy", "name", NULL } },
  [ECERT_HUB_CODE_LIST_ADDITIONAL_DECLARATIONS] = {
    "GetAdditionalDeclarations", "AdditionalDeclaration", "code", "text",
    { "active", "additionalCode", "code", "lang", "lastModified", "lastModifiedBy",
      "optionalText", "text", NULL } },
  [ECERT_HUB_CODE_LIST_CONDITIONS] = {
    "GetConditions", "Condition", "code", "name",
    { "active", "code", "lang", "lastModified", "lastModifiedBy", "name", NULL } },
  [ECERT_HUB_CODE_LIST_PESTICIDES] = {
    "GetPesticides", "Pesticide", "code", "description",
    { "active", "code", "description", "lastModified", "lastModifiedBy", NULL } },
};

/* Fields the WSDL requires; written with these values when not set. */
static const char *
required_default (const char *field)
{
  if (g_str_equal (field, "active"))
    return "true";
  if (g_str_equal (field, "level") || g_str_equal (field, "docTypeOnly"))
    return "0";
  return NULL;
}

static const CodeListInfo *
info_for (EcertHubCodeList list)
{
  g_return_val_if_fail ((guint) list < ECERT_HUB_CODE_LIST_COUNT, &lists[0]);

  return &lists[list];
}

const char *
ecert_hub_code_list_get_operation (EcertHubCodeList list)
{
  return info_for (list)->operation;
}

/**
 * ecert_hub_code_list_get_item_name:
 *
 * Returns: the element name of one entry in the list's reply, e.g.
 *   "TreatmentType"
 */
const char *
ecert_hub_code_list_get_item_name (EcertHubCodeList list)
{
  return info_for (list)->item;
}

/**
 * ecert_hub_code_list_get_fields:
 *
 * Returns: (array zero-terminated=1) (transfer none): the fields of the
 *   list's entries, in the WSDL's order
 */
const char * const *
ecert_hub_code_list_get_fields (EcertHubCodeList list)
{
  return info_for (list)->fields;
}

gboolean
ecert_hub_code_list_from_operation (const char       *operation,
                                    EcertHubCodeList *list)
{
  for (guint i = 0; i < ECERT_HUB_CODE_LIST_COUNT; i++)
    {
      if (g_strcmp0 (lists[i].operation, operation) == 0)
        {
          *list = (EcertHubCodeList) i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
has_field (EcertHubCodeList  list,
           const char       *field)
{
  return g_strv_contains ((const char * const *) info_for (list)->fields, field);
}

EcertHubCodeEntry *
ecert_hub_code_entry_new (EcertHubCodeList list)
{
  EcertHubCodeEntry *entry = g_new0 (EcertHubCodeEntry, 1);

  entry->list = list;
  entry->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return entry;
}

EcertHubCodeEntry *
ecert_hub_code_entry_copy (const EcertHubCodeEntry *entry)
{
  EcertHubCodeEntry *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = ecert_hub_code_entry_new (entry->list);
  g_hash_table_iter_init (&iter, entry->fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->fields, g_strdup (key), g_strdup (value));

  return copy;
}

void
ecert_hub_code_entry_free (EcertHubCodeEntry *entry)
{
  if (entry == NULL)
    return;

  g_clear_pointer (&entry->fields, g_hash_table_unref);
  g_free (entry);
}

G_DEFINE_BOXED_TYPE (EcertHubCodeEntry, ecert_hub_code_entry,
                     ecert_hub_code_entry_copy, ecert_hub_code_entry_free)

/**
 * ecert_hub_code_entry_set:
 * @value: (nullable): the new value, or %NULL to remove the field
 *
 * Returns: %FALSE when the entry's list has no such field
 */
gboolean
ecert_hub_code_entry_set (EcertHubCodeEntry *entry,
                          const char        *field,
                          const char        *value)
{
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (!has_field (entry->list, field))
    return FALSE;

  if (value == NULL)
    g_hash_table_remove (entry->fields, field);
  else
    g_hash_table_insert (entry->fields, g_strdup (field), g_strdup (value));

  return TRUE;
}

const char *
ecert_hub_code_entry_get (const EcertHubCodeEntry *entry,
                          const char              *field)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return g_hash_table_lookup (entry->fields, field);
}

/**
 * ecert_hub_code_entry_get_code:
 *
 * Returns: (nullable): the code certificates use for it (for means of
 *   transport, the mode code)
 */
const char *
ecert_hub_code_entry_get_code (const EcertHubCodeEntry *entry)
{
  return ecert_hub_code_entry_get (entry, info_for (entry->list)->code_field);
}

/**
 * ecert_hub_code_entry_get_label:
 *
 * Returns: (nullable): what the code means, in the entry's language: its
 *   text, name or description, whichever its list has
 */
const char *
ecert_hub_code_entry_get_label (const EcertHubCodeEntry *entry)
{
  return ecert_hub_code_entry_get (entry, info_for (entry->list)->label_field);
}

const char *
ecert_hub_code_entry_get_language (const EcertHubCodeEntry *entry)
{
  return ecert_hub_code_entry_get (entry, "lang");
}

gboolean
ecert_hub_code_entry_is_active (const EcertHubCodeEntry *entry)
{
  const char *text = ecert_hub_code_entry_get (entry, "active");
  gboolean active = TRUE;

  if (text != NULL)
    ecert_soap_parse_boolean (text, &active);

  return active;
}

/* The entry's element belongs to the ephyto namespace, but the WSDL leaves
 * the fields inside it unqualified. */
void
ecert_hub_code_entry_write (const EcertHubCodeEntry *entry,
                            xmlNode                 *element)
{
  for (const char * const *field = info_for (entry->list)->fields; *field != NULL; field++)
    {
      const char *value = g_hash_table_lookup (entry->fields, *field);

      if (value == NULL)
        value = required_default (*field);
      if (value != NULL)
        ecert_soap_add_text (element, NULL, *field, value);
    }
}

EcertHubCodeEntry *
ecert_hub_code_entry_read (EcertHubCodeList   list,
                           const xmlNode     *element,
                           GError           **error)
{
  g_autoptr(EcertHubCodeEntry) entry = ecert_hub_code_entry_new (list);

  for (xmlNode *child = element->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      /* A field this program does not know is left out, not an error: the
       * hub may add fields before its WSDL says so. */
      if (has_field (list, (const char *) child->name))
        {
          g_autofree char *value = ecert_soap_raw_text (child);

          g_strstrip (value);
          ecert_hub_code_entry_set (entry, (const char *) child->name, value);
        }
    }

  return g_steal_pointer (&entry);
}
