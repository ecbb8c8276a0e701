/* ecert-hub-code-lists.c: the reference lists the local hub publishes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small, plausible subset of each list the ePhyto Hub publishes, in
 * English as the hub gives them. They are protocol data, not interface
 * text, so they are not translated here: a client shows them as received.
 */

#define G_LOG_DOMAIN "ecert-hub-code-lists"

#include "config.h"

#include "ecert-hub-code-lists.h"

#define MODIFIED "2024-03-01T00:00:00Z"
#define MODIFIED_BY "ecert-hub"

/* Field/value pairs, NULL-terminated; lists end with an entry whose first
 * field is NULL. */
typedef struct
{
  const char *pairs[16];
} Entry;

static const Entry statements[] = {
  { { "code", "PHYTO-1", "docTypeOnly", "851", "lang", "en", "text",
      "This is to certify that the plants, plant products or other regulated articles described "
      "herein have been inspected and/or tested according to appropriate official procedures and "
      "are considered to be free from the quarantine pests specified by the importing contracting "
      "party and to conform with the current phytosanitary requirements of the importing "
      "contracting party, including those for regulated non-quarantine pests.", NULL } },
  { { "code", "REEXP-1", "docTypeOnly", "657", "lang", "en", "text",
      "This is to certify that the plants, plant products or other regulated articles described "
      "above were imported into the re-exporting country covered by the original phytosanitary "
      "certificate, and that they are considered to conform with the current phytosanitary "
      "requirements of the importing contracting party.", NULL } },
  { { NULL } },
};

static const Entry treatment_types[] = {
  { { "code", "CHEM", "description", "Chemical treatment", "lang", "en", "level", "1", NULL } },
  { { "code", "FUM", "description", "Fumigation", "lang", "en", "level", "2", "parentCode", "CHEM",
      NULL } },
  { { "code", "FUM-MB", "description", "Methyl bromide fumigation", "lang", "en", "level", "3",
      "parentCode", "FUM", NULL } },
  { { "code", "FUM-PH", "description", "Phosphine fumigation", "lang", "en", "level", "3",
      "parentCode", "FUM", NULL } },
  { { "code", "FUM-SF", "description", "Sulfuryl fluoride fumigation", "lang", "en", "level", "3",
      "parentCode", "FUM", NULL } },
  { { "code", "DIP", "description", "Fungicide dip", "lang", "en", "level", "2", "parentCode",
      "CHEM", NULL } },
  { { "code", "SO2", "description", "Sulphur dioxide pads", "lang", "en", "level", "2",
      "parentCode", "CHEM", NULL } },
  { { "code", "PHYS", "description", "Physical treatment", "lang", "en", "level", "1", NULL } },
  { { "code", "CT", "description", "Cold treatment", "lang", "en", "level", "2", "parentCode",
      "PHYS", NULL } },
  { { "code", "HT", "description", "Heat treatment", "lang", "en", "level", "2", "parentCode",
      "PHYS", NULL } },
  { { "code", "VHT", "description", "Vapour heat treatment", "lang", "en", "level", "2",
      "parentCode", "PHYS", NULL } },
  { { "code", "HWT", "description", "Hot water treatment", "lang", "en", "level", "2",
      "parentCode", "PHYS", NULL } },
  { { "code", "IRR", "description", "Irradiation", "lang", "en", "level", "2", "parentCode",
      "PHYS", NULL } },
  { { NULL } },
};

static const Entry intended_uses[] = {
  { { "code", "CONS", "lang", "en", "name", "Consumption", NULL } },
  { { "code", "PROC", "lang", "en", "name", "Processing", NULL } },
  { { "code", "PLNT", "lang", "en", "name", "Planting", NULL } },
  { { "code", "PROP", "lang", "en", "name", "Propagation", NULL } },
  { { "code", "DECO", "lang", "en", "name", "Decorative use", NULL } },
  { { "code", "RSRCH", "lang", "en", "name", "Research", NULL } },
  { { NULL } },
};

static const Entry unit_measures[] = {
  { { "code", "KGM", "name", "Kilogram", "symbol", "kg", "type", "WEIGHT", NULL } },
  { { "code", "TNE", "name", "Tonne", "symbol", "t", "type", "WEIGHT", NULL } },
  { { "code", "MTQ", "name", "Cubic metre", "symbol", "m³", "type", "VOLUME", NULL } },
  { { "code", "LTR", "name", "Litre", "symbol", "l", "type", "VOLUME", NULL } },
  { { "code", "DAY", "name", "Day", "symbol", "d", "type", "DURATION", NULL } },
  { { "code", "HUR", "name", "Hour", "symbol", "h", "type", "DURATION", NULL } },
  { { "code", "MIN", "name", "Minute", "symbol", "min", "type", "DURATION", NULL } },
  { { "code", "CEL", "name", "Degree Celsius", "symbol", "°C", "type", "TEMPERATURE", NULL } },
  { { "code", "GM3", "name", "Gram per cubic metre", "symbol", "g/m³", "type", "CONCENTRATION",
      NULL } },
  { { "code", "D41", "name", "Gray", "symbol", "Gy", "type", "CONCENTRATION", NULL } },
  { { NULL } },
};

static const Entry means_of_transport[] = {
  { { "lang", "en", "modeCode", "1", "usedTransportMean", "Maritime transport", NULL } },
  { { "lang", "en", "modeCode", "2", "usedTransportMean", "Rail transport", NULL } },
  { { "lang", "en", "modeCode", "3", "usedTransportMean", "Road transport", NULL } },
  { { "lang", "en", "modeCode", "4", "usedTransportMean", "Air transport", NULL } },
  { { "lang", "en", "modeCode", "5", "usedTransportMean", "Mail", NULL } },
  { { NULL } },
};

static const Entry package_types[] = {
  { { "code", "CT", "description", "Carton", "lang", "en", NULL } },
  { { "code", "BG", "description", "Bag", "lang", "en", NULL } },
  { { "code", "BX", "description", "Box", "lang", "en", NULL } },
  { { "code", "CR", "description", "Crate", "lang", "en", NULL } },
  { { "code", "PX", "description", "Pallet", "lang", "en", NULL } },
  { { "code", "LG", "description", "Log", "lang", "en", NULL } },
  { { "code", "VR", "description", "Bulk, solid, granular particles (grains)", "lang", "en",
      NULL } },
  { { "code", "BE", "description", "Bundle", "lang", "en", NULL } },
  { { NULL } },
};

static const Entry product_descriptions[] = {
  { { "code", "FRUIT", "lang", "en", "name", "Fruit", NULL } },
  { { "code", "VEG", "lang", "en", "name", "Vegetables", NULL } },
  { { "code", "GRAIN", "lang", "en", "name", "Grain", NULL } },
  { { "code", "SEED", "lang", "en", "name", "Seeds for planting", NULL } },
  { { "code", "WOOD", "lang", "en", "name", "Wood and wood products", NULL } },
  { { "code", "FLWR", "lang", "en", "name", "Cut flowers and foliage", NULL } },
  { { "code", "BULB", "lang", "en", "name", "Bulbs, tubers and rhizomes", NULL } },
  { { "code", "NUTS", "lang", "en", "name", "Nuts", NULL } },
  { { NULL } },
};

static const Entry additional_declarations[] = {
  { { "additionalCode", "FF", "code", "AD-FF-01", "lang", "en", "text",
      "The consignment was produced in an area free from Bactrocera tryoni.", NULL } },
  { { "additionalCode", "CT", "code", "AD-CT-01", "lang", "en", "optionalText",
      "Treatment details are given in the treatment section.", "text",
      "The fruit was subjected to cold treatment in transit under official supervision.",
      NULL } },
  { { "additionalCode", "SOIL", "code", "AD-SO-01", "lang", "en", "text",
      "The consignment is free from soil.", NULL } },
  { { "additionalCode", "ISPM15", "code", "AD-WP-01", "lang", "en", "text",
      "Wood packaging material has been treated and marked in accordance with ISPM 15.", NULL } },
  { { NULL } },
};

static const Entry conditions[] = {
  { { "code", "FRESH", "lang", "en", "name", "Fresh", NULL } },
  { { "code", "FROZEN", "lang", "en", "name", "Frozen", NULL } },
  { { "code", "DRIED", "lang", "en", "name", "Dried", NULL } },
  { { "code", "CHILLED", "lang", "en", "name", "Chilled", NULL } },
  { { "code", "SAWN", "lang", "en", "name", "Sawn", NULL } },
  { { NULL } },
};

static const Entry pesticides[] = {
  { { "code", "MB", "description", "Methyl bromide", NULL } },
  { { "code", "PH3", "description", "Phosphine (aluminium phosphide)", NULL } },
  { { "code", "SF", "description", "Sulfuryl fluoride", NULL } },
  { { "code", "IMZ", "description", "Imazalil", NULL } },
  { { "code", "SO2", "description", "Sulphur dioxide", NULL } },
  { { NULL } },
};

static const Entry *
entries_for (EcertHubCodeList list)
{
  switch (list)
    {
    case ECERT_HUB_CODE_LIST_STATEMENTS:
      return statements;
    case ECERT_HUB_CODE_LIST_TREATMENT_TYPES:
      return treatment_types;
    case ECERT_HUB_CODE_LIST_INTENDED_USES:
      return intended_uses;
    case ECERT_HUB_CODE_LIST_UNIT_MEASURES:
      return unit_measures;
    case ECERT_HUB_CODE_LIST_MEANS_OF_TRANSPORT:
      return means_of_transport;
    case ECERT_HUB_CODE_LIST_PACKAGE_TYPES:
      return package_types;
    case ECERT_HUB_CODE_LIST_PRODUCT_DESCRIPTIONS:
      return product_descriptions;
    case ECERT_HUB_CODE_LIST_ADDITIONAL_DECLARATIONS:
      return additional_declarations;
    case ECERT_HUB_CODE_LIST_CONDITIONS:
      return conditions;
    case ECERT_HUB_CODE_LIST_PESTICIDES:
    default:
      return pesticides;
    }
}

/**
 * ecert_hub_code_lists_add:
 * @list: which list
 * @entries: (element-type EcertHubCodeEntry): where to add its entries
 */
void
ecert_hub_code_lists_add (EcertHubCodeList  list,
                          GPtrArray        *entries)
{
  for (const Entry *entry = entries_for (list); entry->pairs[0] != NULL; entry++)
    {
      EcertHubCodeEntry *item = ecert_hub_code_entry_new (list);

      ecert_hub_code_entry_set (item, "active", "true");
      ecert_hub_code_entry_set (item, "lastModified", MODIFIED);
      ecert_hub_code_entry_set (item, "lastModifiedBy", MODIFIED_BY);
      for (guint i = 0; entry->pairs[i] != NULL; i += 2)
        if (!ecert_hub_code_entry_set (item, entry->pairs[i], entry->pairs[i + 1]))
          g_warning ("The list %s has no field %s", ecert_hub_code_list_get_operation (list),
                     entry->pairs[i]);

      g_ptr_array_add (entries, item);
    }
}
