/* ecert-sps-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-sps-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-sps-model.h"

EcertText *
ecert_text_new (const char *language,
                const char *text)
{
  EcertText *self = g_new0 (EcertText, 1);

  self->language = g_strdup (language);
  self->text = g_strdup (text);
  return self;
}

static gboolean
language_matches (const char *wanted,
                  const char *language)
{
  gsize length = strlen (wanted);

  /* "zh_CN" from the locale wants "zh-CN" or "zh" from a certificate. */
  if (g_ascii_strncasecmp (wanted, language, length) == 0 &&
      (language[length] == '\0' || language[length] == '-' || language[length] == '_'))
    return TRUE;

  return strlen (language) == 2 && g_ascii_strncasecmp (wanted, language, 2) == 0 &&
         (wanted[2] == '\0' || wanted[2] == '_' || wanted[2] == '-');
}

/**
 * ecert_texts_pick:
 * @texts: (element-type EcertText): the language versions of one text
 * @languages: (nullable): the reader's languages, most wanted first, or
 *   %NULL for the user's (g_get_language_names())
 *
 * Returns: (nullable): the version in the first of @languages that has one,
 *   else the one without a language, else the first; %NULL for no text
 */
const char *
ecert_texts_pick (GPtrArray          *texts,
                  const char * const *languages)
{
  if (texts == NULL || texts->len == 0)
    return NULL;

  if (languages == NULL)
    languages = g_get_language_names ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (g_strcmp0 (languages[i], "C") == 0)
        continue;

      for (guint j = 0; j < texts->len; j++)
        {
          EcertText *text = g_ptr_array_index (texts, j);

          if (text->language != NULL && language_matches (languages[i], text->language))
            return text->text;
        }
    }

  for (guint j = 0; j < texts->len; j++)
    {
      EcertText *text = g_ptr_array_index (texts, j);

      if (text->language == NULL)
        return text->text;
    }

  return ((EcertText *) g_ptr_array_index (texts, 0))->text;
}

/**
 * ecert_replacement_describe:
 *
 * Returns: (transfer full): e.g. "Replaces certificate 3214356 because of
 *   change in consignee, on 22/04/16"
 */
char *
ecert_replacement_describe (const EcertReplacement *replacement)
{
  const char *reason = ecert_texts_pick (replacement->reasons, NULL);
  g_autofree char *date = NULL;
  const char *number = replacement->replaced_id;

  if (replacement->date != NULL)
    date = ecert_date_time_format (replacement->date);

  if (number == NULL)
    number = _("(number not given)");

  if (reason != NULL && date != NULL)
    /* Translators: "Replaces certificate <number> because: <reason>. Replaced on <date>" */
    return g_strdup_printf (_("Replaces certificate %s because: %s. Replaced on %s"),
                            number, reason, date);
  if (reason != NULL)
    return g_strdup_printf (_("Replaces certificate %s because: %s"), number, reason);
  if (date != NULL)
    return g_strdup_printf (_("Replaces certificate %s, replaced on %s; no reason given"),
                            number, date);

  return g_strdup_printf (_("Replaces certificate %s; no reason given"), number);
}

static void
free_array (GPtrArray *array)
{
  if (array != NULL)
    g_ptr_array_unref (array);
}

void
ecert_text_free (EcertText *text)
{
  if (text == NULL)
    return;
  g_free (text->language);
  g_free (text->text);
  g_free (text);
}

void
ecert_measure_free (EcertMeasure *measure)
{
  if (measure == NULL)
    return;
  g_free (measure->text);
  g_free (measure->unit);
  g_free (measure);
}

void
ecert_identifier_free (EcertIdentifier *identifier)
{
  if (identifier == NULL)
    return;
  g_free (identifier->scheme);
  g_free (identifier->value);
  g_free (identifier);
}

void
ecert_place_free (EcertPlace *place)
{
  if (place == NULL)
    return;
  g_free (place->id);
  g_free (place->scheme);
  g_free (place->name);
  g_free (place->subdivision);
  g_free (place->subdivision_level);
  g_free (place);
}

void
ecert_address_free (EcertAddress *address)
{
  if (address == NULL)
    return;
  free_array (address->lines);
  g_free (address->postcode);
  g_free (address->city);
  g_free (address->country_id);
  g_free (address->country_name);
  g_free (address->subdivision);
  g_free (address);
}

void
ecert_party_free (EcertParty *party)
{
  if (party == NULL)
    return;
  g_free (party->name);
  free_array (party->identifiers);
  g_free (party->role_code);
  ecert_address_free (party->address);
  g_free (party);
}

void
ecert_note_free (EcertNote *note)
{
  if (note == NULL)
    return;
  g_free (note->subject);
  free_array (note->contents);
  g_free (note);
}

void
ecert_clause_free (EcertClause *clause)
{
  if (clause == NULL)
    return;
  g_free (clause->id);
  free_array (clause->contents);
  g_free (clause);
}

void
ecert_signatory_free (EcertSignatory *signatory)
{
  if (signatory == NULL)
    return;
  ecert_date_time_free (signatory->actual);
  ecert_place_free (signatory->location);
  g_free (signatory->provider_name);
  g_free (signatory->person_name);
  free_array (signatory->clauses);
  g_free (signatory);
}

void
ecert_attachment_free (EcertAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->filename);
  g_free (attachment->declared_type);
  g_free (attachment);
}

void
ecert_referenced_document_free (EcertReferencedDocument *document)
{
  if (document == NULL)
    return;
  ecert_date_time_free (document->issued);
  g_free (document->type_code);
  g_free (document->relationship_code);
  g_free (document->id);
  free_array (document->information);
  ecert_attachment_free (document->attachment);
  g_free (document);
}

void
ecert_transport_movement_free (EcertTransportMovement *movement)
{
  if (movement == NULL)
    return;
  g_free (movement->id);
  g_free (movement->mode_code);
  free_array (movement->means_names);
  g_free (movement);
}

void
ecert_transport_equipment_free (EcertTransportEquipment *equipment)
{
  if (equipment == NULL)
    return;
  g_free (equipment->id);
  free_array (equipment->seals);
  g_free (equipment);
}

void
ecert_classification_free (EcertClassification *classification)
{
  if (classification == NULL)
    return;
  g_free (classification->system);
  g_free (classification->code);
  free_array (classification->names);
  g_free (classification);
}

void
ecert_package_free (EcertPackage *package)
{
  if (package == NULL)
    return;
  g_free (package->level_code);
  g_free (package->type_code);
  ecert_measure_free (package->quantity);
  g_free (package);
}

void
ecert_process_characteristic_free (EcertProcessCharacteristic *characteristic)
{
  if (characteristic == NULL)
    return;
  g_free (characteristic->type_code);
  free_array (characteristic->descriptions);
  ecert_measure_free (characteristic->value);
  g_free (characteristic);
}

void
ecert_process_free (EcertProcess *process)
{
  if (process == NULL)
    return;
  g_free (process->type_code);
  ecert_date_time_free (process->start);
  ecert_date_time_free (process->end);
  ecert_measure_free (process->duration);
  free_array (process->characteristics);
  g_free (process);
}

void
ecert_trade_line_item_free (EcertTradeLineItem *item)
{
  if (item == NULL)
    return;
  g_free (item->sequence);
  free_array (item->descriptions);
  free_array (item->common_names);
  free_array (item->scientific_names);
  free_array (item->intended_uses);
  ecert_measure_free (item->net_weight);
  ecert_measure_free (item->gross_weight);
  ecert_measure_free (item->net_volume);
  ecert_measure_free (item->gross_volume);
  free_array (item->notes);
  free_array (item->classifications);
  free_array (item->packages);
  free_array (item->origins);
  free_array (item->processes);
  g_free (item);
}

void
ecert_consignment_item_free (EcertConsignmentItem *item)
{
  if (item == NULL)
    return;
  g_free (item->cargo_type_code);
  free_array (item->trade_line_items);
  g_free (item);
}

void
ecert_consignment_free (EcertConsignment *consignment)
{
  if (consignment == NULL)
    return;
  ecert_party_free (consignment->consignor);
  ecert_party_free (consignment->consignee);
  ecert_place_free (consignment->export_country);
  ecert_place_free (consignment->import_country);
  free_array (consignment->transit_countries);
  ecert_place_free (consignment->unloading_port);
  ecert_place_free (consignment->examination_location);
  free_array (consignment->transport_movements);
  free_array (consignment->equipment);
  free_array (consignment->items);
  g_free (consignment);
}

void
ecert_replacement_free (EcertReplacement *replacement)
{
  if (replacement == NULL)
    return;
  g_free (replacement->replaced_id);
  free_array (replacement->reasons);
  ecert_date_time_free (replacement->date);
  g_free (replacement);
}

void
ecert_unknown_element_free (EcertUnknownElement *element)
{
  if (element == NULL)
    return;
  g_free (element->path);
  g_free (element->text);
  g_free (element);
}
