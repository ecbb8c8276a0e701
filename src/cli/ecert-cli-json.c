/* ecert-cli-json.c: the model as JSON, for scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Members mirror the model's names; a member the certificate did not give
 * is null (or an empty array), so "not given" stays distinguishable from an
 * empty value.
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <json-glib/json-glib.h>

#include "ecert-cli-json.h"

typedef void (*AddFunc) (JsonBuilder *builder, gconstpointer item);

/**
 * ecert_cli_json_add_string:
 *
 * Adds the member @name: a string, or null when @value is %NULL.
 */
void
ecert_cli_json_add_string (JsonBuilder *builder,
                           const char  *name,
                           const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_array (JsonBuilder *builder,
           const char  *name,
           GPtrArray   *array,
           AddFunc      add)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; array != NULL && i < array->len; i++)
    add (builder, g_ptr_array_index (array, i));
  json_builder_end_array (builder);
}

static void
add_null_member (JsonBuilder *builder,
                 const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_null_value (builder);
}

static void
add_text (JsonBuilder   *builder,
          gconstpointer  item)
{
  const EcertText *text = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "language", text->language);
  ecert_cli_json_add_string (builder, "text", text->text);
  json_builder_end_object (builder);
}

static void
add_plain_string (JsonBuilder   *builder,
                  gconstpointer  item)
{
  json_builder_add_string_value (builder, item);
}

/* JSON is data for scripts: strings keep the issuer's text as written.
 * json-glib escapes C0 controls; DEL, C1 controls, line separators and
 * bidi controls it leaves raw, and they would act on a terminal showing
 * the JSON. Escaped as \uXXXX, they read back the same. Outside strings
 * JSON text is ASCII, so every one of them is inside a string. */
static char *
escape_controls (const char *json)
{
  g_autofree char *valid = g_utf8_validate (json, -1, NULL) ? NULL : g_utf8_make_valid (json, -1);
  GString *escaped;

  if (valid != NULL)
    json = valid;
  escaped = g_string_sized_new (strlen (json));

  for (const char *c = json; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      if (ch >= 0x7F && ecert_text_unichar_is_control (ch))
        g_string_append_printf (escaped, "\\u%04x", ch);
      else
        g_string_append_len (escaped, c, g_utf8_next_char (c) - c);
    }

  return g_string_free (escaped, FALSE);
}

/* Prints what @builder holds, pretty, and a newline. */
void
ecert_cli_json_print (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  escaped = escape_controls (text);
  g_print ("%s\n", escaped);
}

static void
add_date (JsonBuilder         *builder,
          const char          *name,
          const EcertDateTime *date)
{
  g_autofree char *iso = NULL;

  if (date == NULL)
    {
      add_null_member (builder, name);
      return;
    }

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "text", date->text);
  if (date->value != NULL)
    iso = g_date_time_format_iso8601 (date->value);
  ecert_cli_json_add_string (builder, "iso8601", iso);
  json_builder_set_member_name (builder, "has_time");
  json_builder_add_boolean_value (builder, date->has_time);
  json_builder_set_member_name (builder, "has_zone");
  json_builder_add_boolean_value (builder, date->has_zone);
  json_builder_end_object (builder);
}

static void
add_measure (JsonBuilder        *builder,
             const char         *name,
             const EcertMeasure *measure)
{
  if (measure == NULL)
    {
      add_null_member (builder, name);
      return;
    }

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "text", measure->text);
  ecert_cli_json_add_string (builder, "unit", measure->unit);
  json_builder_set_member_name (builder, "value");
  if (measure->is_number)
    json_builder_add_double_value (builder, measure->value);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
add_place_value (JsonBuilder   *builder,
                 gconstpointer  item)
{
  const EcertPlace *place = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "id", place->id);
  ecert_cli_json_add_string (builder, "scheme", place->scheme);
  ecert_cli_json_add_string (builder, "name", place->name);
  ecert_cli_json_add_string (builder, "subdivision", place->subdivision);
  ecert_cli_json_add_string (builder, "subdivision_level", place->subdivision_level);
  json_builder_end_object (builder);
}

static void
add_place (JsonBuilder      *builder,
           const char       *name,
           const EcertPlace *place)
{
  if (place == NULL)
    {
      add_null_member (builder, name);
      return;
    }

  json_builder_set_member_name (builder, name);
  add_place_value (builder, place);
}

static void
add_identifier (JsonBuilder   *builder,
                gconstpointer  item)
{
  const EcertIdentifier *identifier = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "scheme", identifier->scheme);
  ecert_cli_json_add_string (builder, "value", identifier->value);
  json_builder_end_object (builder);
}

static void
add_party (JsonBuilder      *builder,
           const char       *name,
           const EcertParty *party)
{
  const EcertAddress *address;

  if (party == NULL)
    {
      add_null_member (builder, name);
      return;
    }

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "name", party->name);
  add_array (builder, "identifiers", party->identifiers, add_identifier);
  ecert_cli_json_add_string (builder, "role_code", party->role_code);
  address = party->address;
  if (address == NULL)
    add_null_member (builder, "address");
  else
    {
      json_builder_set_member_name (builder, "address");
      json_builder_begin_object (builder);
      add_array (builder, "lines", address->lines, add_plain_string);
      ecert_cli_json_add_string (builder, "postcode", address->postcode);
      ecert_cli_json_add_string (builder, "city", address->city);
      ecert_cli_json_add_string (builder, "country_id", address->country_id);
      ecert_cli_json_add_string (builder, "country_name", address->country_name);
      ecert_cli_json_add_string (builder, "subdivision", address->subdivision);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_note (JsonBuilder   *builder,
          gconstpointer  item)
{
  const EcertNote *note = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "subject", note->subject);
  ecert_cli_json_add_string (builder, "subject_label", ecert_codes_note_subject_label (note->subject));
  add_array (builder, "contents", note->contents, add_text);
  json_builder_end_object (builder);
}

static void
add_clause (JsonBuilder   *builder,
            gconstpointer  item)
{
  const EcertClause *clause = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "id", clause->id);
  add_array (builder, "contents", clause->contents, add_text);
  json_builder_end_object (builder);
}

static void
add_referenced_document (JsonBuilder   *builder,
                         gconstpointer  item)
{
  const EcertReferencedDocument *document = item;

  json_builder_begin_object (builder);
  add_date (builder, "issued", document->issued);
  ecert_cli_json_add_string (builder, "type_code", document->type_code);
  ecert_cli_json_add_string (builder, "relationship_code", document->relationship_code);
  ecert_cli_json_add_string (builder, "id", document->id);
  add_array (builder, "information", document->information, add_text);
  if (document->attachment == NULL)
    add_null_member (builder, "attachment");
  else
    {
      json_builder_set_member_name (builder, "attachment");
      json_builder_begin_object (builder);
      ecert_cli_json_add_string (builder, "filename", document->attachment->filename);
      ecert_cli_json_add_string (builder, "declared_type", document->attachment->declared_type);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, (gint64) document->attachment->size);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_movement (JsonBuilder   *builder,
              gconstpointer  item)
{
  const EcertTransportMovement *movement = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "id", movement->id);
  ecert_cli_json_add_string (builder, "mode_code", movement->mode_code);
  ecert_cli_json_add_string (builder, "mode_label", ecert_codes_transport_mode_label (movement->mode_code));
  add_array (builder, "means_names", movement->means_names, add_text);
  json_builder_end_object (builder);
}

static void
add_equipment (JsonBuilder   *builder,
               gconstpointer  item)
{
  const EcertTransportEquipment *equipment = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "id", equipment->id);
  add_array (builder, "seals", equipment->seals, add_plain_string);
  json_builder_end_object (builder);
}

static void
add_classification (JsonBuilder   *builder,
                    gconstpointer  item)
{
  const EcertClassification *classification = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "system", classification->system);
  ecert_cli_json_add_string (builder, "code", classification->code);
  add_array (builder, "names", classification->names, add_text);
  json_builder_end_object (builder);
}

static void
add_package (JsonBuilder   *builder,
             gconstpointer  item)
{
  const EcertPackage *package = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "level_code", package->level_code);
  ecert_cli_json_add_string (builder, "type_code", package->type_code);
  ecert_cli_json_add_string (builder, "type_label", ecert_codes_package_type_label (package->type_code));
  add_measure (builder, "quantity", package->quantity);
  json_builder_end_object (builder);
}

static void
add_characteristic (JsonBuilder   *builder,
                    gconstpointer  item)
{
  const EcertProcessCharacteristic *characteristic = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "type_code", characteristic->type_code);
  add_array (builder, "descriptions", characteristic->descriptions, add_text);
  add_measure (builder, "value", characteristic->value);
  json_builder_end_object (builder);
}

static void
add_process (JsonBuilder   *builder,
             gconstpointer  item)
{
  const EcertProcess *process = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "type_code", process->type_code);
  add_date (builder, "start", process->start);
  add_date (builder, "end", process->end);
  add_measure (builder, "duration", process->duration);
  add_array (builder, "characteristics", process->characteristics, add_characteristic);
  json_builder_end_object (builder);
}

static void
add_trade_line_item (JsonBuilder   *builder,
                     gconstpointer  item)
{
  const EcertTradeLineItem *line = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "sequence", line->sequence);
  add_array (builder, "descriptions", line->descriptions, add_text);
  add_array (builder, "common_names", line->common_names, add_text);
  add_array (builder, "scientific_names", line->scientific_names, add_text);
  add_array (builder, "intended_uses", line->intended_uses, add_text);
  add_measure (builder, "net_weight", line->net_weight);
  add_measure (builder, "gross_weight", line->gross_weight);
  add_measure (builder, "net_volume", line->net_volume);
  add_measure (builder, "gross_volume", line->gross_volume);
  add_array (builder, "notes", line->notes, add_note);
  add_array (builder, "classifications", line->classifications, add_classification);
  add_array (builder, "packages", line->packages, add_package);
  add_array (builder, "origins", line->origins, add_place_value);
  add_array (builder, "processes", line->processes, add_process);
  json_builder_end_object (builder);
}

static void
add_consignment_item (JsonBuilder   *builder,
                      gconstpointer  item)
{
  const EcertConsignmentItem *consignment_item = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "cargo_type_code", consignment_item->cargo_type_code);
  add_array (builder, "trade_line_items", consignment_item->trade_line_items,
             add_trade_line_item);
  json_builder_end_object (builder);
}

static void
add_consignment (JsonBuilder            *builder,
                 const EcertConsignment *consignment)
{
  if (consignment == NULL)
    {
      add_null_member (builder, "consignment");
      return;
    }

  json_builder_set_member_name (builder, "consignment");
  json_builder_begin_object (builder);
  add_party (builder, "consignor", consignment->consignor);
  add_party (builder, "consignee", consignment->consignee);
  add_place (builder, "export_country", consignment->export_country);
  add_place (builder, "import_country", consignment->import_country);
  add_array (builder, "transit_countries", consignment->transit_countries, add_place_value);
  add_place (builder, "unloading_port", consignment->unloading_port);
  add_place (builder, "examination_location", consignment->examination_location);
  add_array (builder, "transport_movements", consignment->transport_movements, add_movement);
  add_array (builder, "equipment", consignment->equipment, add_equipment);
  add_array (builder, "items", consignment->items, add_consignment_item);
  json_builder_end_object (builder);
}

static void
add_signatory (JsonBuilder          *builder,
               const EcertSignatory *signatory)
{
  if (signatory == NULL)
    {
      add_null_member (builder, "signatory");
      return;
    }

  json_builder_set_member_name (builder, "signatory");
  json_builder_begin_object (builder);
  add_date (builder, "actual", signatory->actual);
  add_place (builder, "location", signatory->location);
  ecert_cli_json_add_string (builder, "provider_name", signatory->provider_name);
  ecert_cli_json_add_string (builder, "person_name", signatory->person_name);
  add_array (builder, "clauses", signatory->clauses, add_clause);
  json_builder_end_object (builder);
}

static void
add_replacement (JsonBuilder            *builder,
                 const EcertReplacement *replacement)
{
  g_autofree char *described = NULL;

  if (replacement == NULL)
    {
      add_null_member (builder, "replacement");
      return;
    }

  described = ecert_replacement_describe (replacement);
  json_builder_set_member_name (builder, "replacement");
  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "replaced_id", replacement->replaced_id);
  add_array (builder, "reasons", replacement->reasons, add_text);
  add_date (builder, "date", replacement->date);
  ecert_cli_json_add_string (builder, "description", described);
  json_builder_end_object (builder);
}

static void
add_unknown (JsonBuilder   *builder,
             gconstpointer  item)
{
  const EcertUnknownElement *element = item;

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "path", element->path);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, element->line);
  ecert_cli_json_add_string (builder, "text", element->text);
  json_builder_end_object (builder);
}

/**
 * ecert_cli_json_add_certificate:
 *
 * Adds @certificate as an object: a member's value after
 * json_builder_set_member_name(), or an element of an array.
 */
void
ecert_cli_json_add_certificate (JsonBuilder      *builder,
                                EcertCertificate *certificate)
{
  const char *type_code = ecert_certificate_get_type_code (certificate);
  const char *status_code = ecert_certificate_get_status_code (certificate);

  json_builder_begin_object (builder);
  ecert_cli_json_add_string (builder, "namespace", ecert_certificate_get_namespace (certificate));
  ecert_cli_json_add_string (builder, "id", ecert_certificate_get_id (certificate));
  ecert_cli_json_add_string (builder, "name", ecert_certificate_get_name (certificate));
  ecert_cli_json_add_string (builder, "type_code", type_code);
  ecert_cli_json_add_string (builder, "type_label", ecert_codes_document_type_label (type_code));
  ecert_cli_json_add_string (builder, "status_code", status_code);
  ecert_cli_json_add_string (builder, "status_label", ecert_codes_status_label (status_code));
  add_date (builder, "issued", ecert_certificate_get_issued (certificate));
  ecert_cli_json_add_string (builder, "issuer_name", ecert_certificate_get_issuer_name (certificate));
  json_builder_set_member_name (builder, "signed");
  json_builder_add_boolean_value (builder, ecert_certificate_has_signature (certificate));
  add_replacement (builder, ecert_certificate_get_replacement (certificate));
  add_array (builder, "notes", ecert_certificate_get_notes (certificate), add_note);
  add_array (builder, "referenced_documents",
             ecert_certificate_get_referenced_documents (certificate), add_referenced_document);
  add_signatory (builder, ecert_certificate_get_signatory (certificate));
  add_consignment (builder, ecert_certificate_get_consignment (certificate));
  add_array (builder, "unknown_elements", ecert_certificate_get_unknown_elements (certificate),
             add_unknown);
  json_builder_end_object (builder);
}

void
ecert_cli_print_json (EcertCertificate *certificate)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  ecert_cli_json_add_certificate (builder, certificate);
  ecert_cli_json_print (builder);
}
