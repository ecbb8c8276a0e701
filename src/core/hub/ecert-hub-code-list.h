/* ecert-hub-code-list.h: the hub's reference code lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * EcertHubCodeList:
 *
 * The code lists the hub publishes, one operation each (GetStatements,
 * GetTreatmentTypes, ...).
 */
typedef enum
{
  ECERT_HUB_CODE_LIST_STATEMENTS,
  ECERT_HUB_CODE_LIST_TREATMENT_TYPES,
  ECERT_HUB_CODE_LIST_INTENDED_USES,
  ECERT_HUB_CODE_LIST_UNIT_MEASURES,
  ECERT_HUB_CODE_LIST_MEANS_OF_TRANSPORT,
  ECERT_HUB_CODE_LIST_PACKAGE_TYPES,
  ECERT_HUB_CODE_LIST_PRODUCT_DESCRIPTIONS,
  ECERT_HUB_CODE_LIST_ADDITIONAL_DECLARATIONS,
  ECERT_HUB_CODE_LIST_CONDITIONS,
  ECERT_HUB_CODE_LIST_PESTICIDES,
} EcertHubCodeList;

#define ECERT_HUB_CODE_LIST_COUNT (ECERT_HUB_CODE_LIST_PESTICIDES + 1)

/**
 * EcertHubCodeEntry:
 * @list: the list it belongs to
 * @fields: (element-type utf8 utf8): every field the hub gave, by the
 *   WSDL's element name ("code", "lang", "lastModified", ...)
 *
 * One entry of a code list. The lists have different fields; the
 * accessors give the ones every list has in some form.
 */
typedef struct
{
  EcertHubCodeList  list;
  GHashTable       *fields;
} EcertHubCodeEntry;

#define ECERT_TYPE_HUB_CODE_ENTRY (ecert_hub_code_entry_get_type ())

const char         *ecert_hub_code_list_get_operation  (EcertHubCodeList          list);
const char         *ecert_hub_code_list_get_item_name  (EcertHubCodeList          list);
const char * const *ecert_hub_code_list_get_fields     (EcertHubCodeList          list);
gboolean            ecert_hub_code_list_from_operation (const char               *operation,
                                                        EcertHubCodeList         *list);

GType               ecert_hub_code_entry_get_type      (void) G_GNUC_CONST;
EcertHubCodeEntry  *ecert_hub_code_entry_new           (EcertHubCodeList          list);
EcertHubCodeEntry  *ecert_hub_code_entry_copy          (const EcertHubCodeEntry  *entry);
void                ecert_hub_code_entry_free          (EcertHubCodeEntry        *entry);
gboolean            ecert_hub_code_entry_set           (EcertHubCodeEntry        *entry,
                                                        const char               *field,
                                                        const char               *value);
const char         *ecert_hub_code_entry_get           (const EcertHubCodeEntry  *entry,
                                                        const char               *field);
const char         *ecert_hub_code_entry_get_code      (const EcertHubCodeEntry  *entry);
const char         *ecert_hub_code_entry_get_label     (const EcertHubCodeEntry  *entry);
const char         *ecert_hub_code_entry_get_language  (const EcertHubCodeEntry  *entry);
gboolean            ecert_hub_code_entry_is_active     (const EcertHubCodeEntry  *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertHubCodeEntry, ecert_hub_code_entry_free)

G_END_DECLS
