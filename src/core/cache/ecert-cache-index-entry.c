/* ecert-cache-index-entry.c: what the cache keeps to find a certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cache"

#include "config.h"

#include "ecert-cache-index-entry.h"

/* An index entry is stored once for every reader, so the one name shown in
 * lists is picked in the language e-certs are most often written in; every
 * language version still goes into the searchable text. */
static const char * const list_languages[] = { "en", NULL };

/**
 * ecert_cache_normalize_number:
 * @number: a certificate number as written, scanned or typed
 *
 * The form in which certificate numbers are compared: inspectors type
 * "nz 2026 000417" or "NZ2026-000417" for "NZ-2026-000417", and input
 * methods give full-width "ＮＺ－２０２６". Compatibility forms are folded
 * (NFKC), letters upper-cased, and white space and dashes of every kind
 * dropped. Other punctuation ('/', '.') is kept: it separates parts that
 * would otherwise run together differently.
 *
 * Returns: (transfer full): the normalised number, possibly empty
 */
char *
ecert_cache_normalize_number (const char *number)
{
  g_autofree char *folded = NULL;
  GString *normalized;

  g_return_val_if_fail (number != NULL, NULL);

  folded = g_utf8_normalize (number, -1, G_NORMALIZE_ALL);
  if (folded == NULL)
    return g_strdup ("");

  normalized = g_string_sized_new (strlen (folded));
  for (const char *c = folded; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);
      GUnicodeType type = g_unichar_type (ch);

      if (g_unichar_isspace (ch) || type == G_UNICODE_DASH_PUNCTUATION ||
          type == G_UNICODE_FORMAT || type == G_UNICODE_CONTROL)
        continue;
      g_string_append_unichar (normalized, g_unichar_toupper (ch));
    }

  return g_string_free (normalized, FALSE);
}

void
ecert_cache_index_entry_free (EcertCacheIndexEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->number);
  g_free (entry->type_code);
  g_free (entry->status_code);
  g_free (entry->issued);
  g_clear_pointer (&entry->issued_at, g_date_time_unref);
  g_free (entry->export_country);
  g_free (entry->import_country);
  g_free (entry->consignor);
  g_free (entry->consignee);
  g_free (entry->commodity);
  g_free (entry->commodities);
  g_free (entry->hs_codes);
  g_free (entry->ports);
  g_free (entry->transport);
  g_free (entry->issuer);
  g_free (entry->countries);
  g_free (entry->replaces_number);
  g_free (entry);
}

/* Collects distinct, non-empty texts, in the order first seen. */
typedef struct
{
  GPtrArray  *texts;
  GHashTable *seen;
} TextSet;

static void
text_set_init (TextSet *set)
{
  set->texts = g_ptr_array_new ();
  set->seen = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
text_set_add (TextSet    *set,
              const char *text)
{
  if (text == NULL || text[0] == '\0' || g_hash_table_contains (set->seen, text))
    return;

  g_hash_table_add (set->seen, (gpointer) text);
  g_ptr_array_add (set->texts, (gpointer) text);
}

static void
text_set_add_texts (TextSet   *set,
                    GPtrArray *texts)
{
  for (guint i = 0; texts != NULL && i < texts->len; i++)
    text_set_add (set, ((EcertText *) g_ptr_array_index (texts, i))->text);
}

static void
text_set_add_place (TextSet          *set,
                    const EcertPlace *place)
{
  if (place == NULL)
    return;

  text_set_add (set, place->id);
  text_set_add (set, place->name);
  text_set_add (set, place->subdivision);
}

/* Frees the set; returns its texts joined, or NULL when it is empty. */
static char *
text_set_finish (TextSet *set)
{
  char *joined = NULL;

  if (set->texts->len > 0)
    {
      g_ptr_array_add (set->texts, NULL);
      joined = g_strjoinv ("; ", (char **) set->texts->pdata);
    }

  g_ptr_array_unref (set->texts);
  g_hash_table_unref (set->seen);
  return joined;
}

static char *
country_code (const EcertPlace *place)
{
  g_autofree char *trimmed = NULL;

  if (place == NULL || place->id == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (place->id));
  return g_ascii_strup (trimmed, -1);
}

static const char *
first_commodity (EcertTradeLineItem *line)
{
  const char *name = ecert_texts_pick (line->common_names, list_languages);

  if (name == NULL)
    name = ecert_texts_pick (line->descriptions, list_languages);
  if (name == NULL)
    name = ecert_texts_pick (line->scientific_names, list_languages);
  return name;
}

static void
index_items (EcertCacheIndexEntry      *entry,
                 const EcertConsignment *consignment,
                 TextSet                *countries)
{
  TextSet commodities, codes;

  text_set_init (&commodities);
  text_set_init (&codes);

  for (guint i = 0; i < consignment->items->len; i++)
    {
      EcertConsignmentItem *item = g_ptr_array_index (consignment->items, i);

      for (guint j = 0; j < item->trade_line_items->len; j++)
        {
          EcertTradeLineItem *line = g_ptr_array_index (item->trade_line_items, j);

          if (entry->commodity == NULL)
            entry->commodity = g_strdup (first_commodity (line));

          text_set_add_texts (&commodities, line->common_names);
          text_set_add_texts (&commodities, line->scientific_names);
          text_set_add_texts (&commodities, line->descriptions);

          for (guint k = 0; k < line->classifications->len; k++)
            {
              EcertClassification *classification = g_ptr_array_index (line->classifications, k);

              text_set_add (&codes, classification->code);
              text_set_add_texts (&codes, classification->names);
            }

          for (guint k = 0; k < line->origins->len; k++)
            text_set_add_place (countries, g_ptr_array_index (line->origins, k));
        }
    }

  entry->commodities = text_set_finish (&commodities);
  entry->hs_codes = text_set_finish (&codes);
}

static void
index_consignment (EcertCacheIndexEntry      *entry,
                       const EcertConsignment *consignment,
                       TextSet                *countries)
{
  TextSet ports, transport;

  entry->export_country = country_code (consignment->export_country);
  entry->import_country = country_code (consignment->import_country);
  if (consignment->consignor != NULL)
    entry->consignor = g_strdup (consignment->consignor->name);
  if (consignment->consignee != NULL)
    entry->consignee = g_strdup (consignment->consignee->name);

  text_set_add_place (countries, consignment->export_country);
  text_set_add_place (countries, consignment->import_country);
  for (guint i = 0; i < consignment->transit_countries->len; i++)
    text_set_add_place (countries, g_ptr_array_index (consignment->transit_countries, i));

  text_set_init (&ports);
  text_set_add_place (&ports, consignment->unloading_port);
  text_set_add_place (&ports, consignment->examination_location);
  entry->ports = text_set_finish (&ports);

  /* A container or seal number is what an inspector has in front of them
   * at the quay, so it is searchable too. */
  text_set_init (&transport);
  for (guint i = 0; i < consignment->transport_movements->len; i++)
    {
      EcertTransportMovement *movement = g_ptr_array_index (consignment->transport_movements, i);

      text_set_add_texts (&transport, movement->means_names);
      text_set_add (&transport, movement->id);
    }
  for (guint i = 0; i < consignment->equipment->len; i++)
    {
      EcertTransportEquipment *equipment = g_ptr_array_index (consignment->equipment, i);

      text_set_add (&transport, equipment->id);
      for (guint j = 0; j < equipment->seals->len; j++)
        text_set_add (&transport, g_ptr_array_index (equipment->seals, j));
    }
  entry->transport = text_set_finish (&transport);

  index_items (entry, consignment, countries);
}

/**
 * ecert_cache_index_entry_new_from_certificate:
 * @certificate: a parsed certificate
 *
 * Returns: (transfer full): what the cache keeps to find @certificate
 */
EcertCacheIndexEntry *
ecert_cache_index_entry_new_from_certificate (EcertCertificate *certificate)
{
  EcertCacheIndexEntry *entry;
  const EcertDateTime *issued;
  const EcertConsignment *consignment;
  const EcertSignatory *signatory;
  const EcertReplacement *replacement;
  TextSet issuer, countries;

  g_return_val_if_fail (ECERT_IS_CERTIFICATE (certificate), NULL);

  entry = g_new0 (EcertCacheIndexEntry, 1);
  entry->number = g_strdup (ecert_certificate_get_id (certificate));
  entry->type_code = g_strdup (ecert_certificate_get_type_code (certificate));
  entry->status_code = g_strdup (ecert_certificate_get_status_code (certificate));

  issued = ecert_certificate_get_issued (certificate);
  if (issued != NULL)
    {
      entry->issued = g_strdup (issued->text);
      if (issued->value != NULL)
        entry->issued_at = g_date_time_ref (issued->value);
    }

  text_set_init (&countries);
  consignment = ecert_certificate_get_consignment (certificate);
  if (consignment != NULL)
    index_consignment (entry, consignment, &countries);
  entry->countries = text_set_finish (&countries);

  text_set_init (&issuer);
  text_set_add (&issuer, ecert_certificate_get_issuer_name (certificate));
  signatory = ecert_certificate_get_signatory (certificate);
  if (signatory != NULL)
    {
      text_set_add (&issuer, signatory->provider_name);
      text_set_add (&issuer, signatory->person_name);
      if (signatory->location != NULL)
        text_set_add (&issuer, signatory->location->name);
    }
  entry->issuer = text_set_finish (&issuer);

  replacement = ecert_certificate_get_replacement (certificate);
  if (replacement != NULL && replacement->replaced_id != NULL)
    entry->replaces_number = g_strdup (replacement->replaced_id);

  return entry;
}
