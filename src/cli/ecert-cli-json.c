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

/* How a member of a model record is written. The records are described
 * by tables of their members below, in the order the JSON lists them. */
typedef enum
{
  MEMBER_STRING,    /* char *: a string, or null */
  MEMBER_LABEL,     /* char *, a code: its label, or null */
  MEMBER_BOOLEAN,   /* gboolean */
  MEMBER_UINT,      /* guint */
  MEMBER_SIZE,      /* gsize */
  MEMBER_ISO8601,   /* GDateTime *: ISO 8601, or null */
  MEMBER_STRINGS,   /* GPtrArray of char *: an array of strings */
  MEMBER_RECORD,    /* a record: an object of its members, or null */
  MEMBER_RECORDS,   /* GPtrArray of records: an array of objects */
  MEMBER_COMPUTED,  /* not stored in the record: Member.add writes it */
} MemberKind;

typedef struct _Member Member;

struct _Member
{
  const char    *name;
  MemberKind     kind;
  gsize          offset;
  const Member  *members;                         /* RECORD, RECORDS */
  const char  *(*label) (const char *code);       /* LABEL */
  void         (*add)   (JsonBuilder   *builder,  /* COMPUTED */
                         gconstpointer  record);
};

#define MEMBER_AS(json_name, type, field, member_kind, ...) \
  { .name = json_name, .kind = MEMBER_##member_kind, .offset = G_STRUCT_OFFSET (type, field), \
    __VA_ARGS__ }
#define MEMBER(type, field, member_kind, ...) \
  MEMBER_AS (#field, type, field, member_kind, __VA_ARGS__)
#define LABEL_MEMBER(json_name, type, field, label_func) \
  MEMBER_AS (json_name, type, field, LABEL, .label = label_func)
#define COMPUTED_MEMBER(json_name, add_func) \
  { .name = json_name, .kind = MEMBER_COMPUTED, .add = add_func }
#define END_OF_MEMBERS { .name = NULL }

static void
add_string_value (JsonBuilder *builder,
                  const char  *value)
{
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

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
  add_string_value (builder, value);
}

/**
 * ecert_cli_json_add_boolean:
 *
 * Adds the member @name: true or false.
 */
void
ecert_cli_json_add_boolean (JsonBuilder *builder,
                            const char  *name,
                            gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/**
 * ecert_cli_json_add_int:
 *
 * Adds the member @name: a whole number.
 */
void
ecert_cli_json_add_int (JsonBuilder *builder,
                        const char  *name,
                        gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_time_value (JsonBuilder *builder,
                GDateTime   *time)
{
  g_autofree char *iso = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  add_string_value (builder, iso);
}

/**
 * ecert_cli_json_add_time:
 *
 * Adds the member @name: @time in ISO 8601, or null when @time is %NULL.
 */
void
ecert_cli_json_add_time (JsonBuilder *builder,
                         const char  *name,
                         GDateTime   *time)
{
  json_builder_set_member_name (builder, name);
  add_time_value (builder, time);
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

static void add_record (JsonBuilder   *builder,
                        const Member  *members,
                        gconstpointer  record);

static void
add_records (JsonBuilder  *builder,
             const Member *members,
             GPtrArray    *records)
{
  json_builder_begin_array (builder);
  for (guint i = 0; records != NULL && i < records->len; i++)
    add_record (builder, members, g_ptr_array_index (records, i));
  json_builder_end_array (builder);
}

static void
add_strings (JsonBuilder *builder,
             GPtrArray   *strings)
{
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
add_member_value (JsonBuilder   *builder,
                  const Member  *member,
                  gconstpointer  record)
{
  gconstpointer field = (const guint8 *) record + member->offset;

  switch (member->kind)
    {
    case MEMBER_STRING:
      add_string_value (builder, *(char * const *) field);
      break;
    case MEMBER_LABEL:
      add_string_value (builder, member->label (*(char * const *) field));
      break;
    case MEMBER_BOOLEAN:
      json_builder_add_boolean_value (builder, *(const gboolean *) field);
      break;
    case MEMBER_UINT:
      json_builder_add_int_value (builder, *(const guint *) field);
      break;
    case MEMBER_SIZE:
      json_builder_add_int_value (builder, (gint64) *(const gsize *) field);
      break;
    case MEMBER_ISO8601:
      add_time_value (builder, *(GDateTime * const *) field);
      break;
    case MEMBER_STRINGS:
      add_strings (builder, *(GPtrArray * const *) field);
      break;
    case MEMBER_RECORD:
      add_record (builder, member->members, *(gconstpointer const *) field);
      break;
    case MEMBER_RECORDS:
      add_records (builder, member->members, *(GPtrArray * const *) field);
      break;
    case MEMBER_COMPUTED:
      member->add (builder, record);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* @record as an object of its @members, or null when there is none. */
static void
add_record (JsonBuilder   *builder,
            const Member  *members,
            gconstpointer  record)
{
  if (record == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  for (const Member *member = members; member->name != NULL; member++)
    {
      json_builder_set_member_name (builder, member->name);
      add_member_value (builder, member, record);
    }
  json_builder_end_object (builder);
}

static void
add_record_member (JsonBuilder   *builder,
                   const char    *name,
                   const Member  *members,
                   gconstpointer  record)
{
  json_builder_set_member_name (builder, name);
  add_record (builder, members, record);
}

static void
add_records_member (JsonBuilder  *builder,
                    const char   *name,
                    const Member *members,
                    GPtrArray    *records)
{
  json_builder_set_member_name (builder, name);
  add_records (builder, members, records);
}

/* A measure's value is a number only when its text is one. */
static void
add_measure_value (JsonBuilder   *builder,
                   gconstpointer  record)
{
  const EcertMeasure *measure = record;

  if (measure->is_number)
    json_builder_add_double_value (builder, measure->value);
  else
    json_builder_add_null_value (builder);
}

static void
add_replacement_description (JsonBuilder   *builder,
                             gconstpointer  record)
{
  g_autofree char *described = ecert_replacement_describe (record);

  add_string_value (builder, described);
}

static const Member text_members[] = {
  MEMBER (EcertText, language, STRING),
  MEMBER (EcertText, text, STRING),
  END_OF_MEMBERS
};

static const Member date_members[] = {
  MEMBER (EcertDateTime, text, STRING),
  MEMBER_AS ("iso8601", EcertDateTime, value, ISO8601),
  MEMBER (EcertDateTime, has_time, BOOLEAN),
  MEMBER (EcertDateTime, has_zone, BOOLEAN),
  END_OF_MEMBERS
};

static const Member measure_members[] = {
  MEMBER (EcertMeasure, text, STRING),
  MEMBER (EcertMeasure, unit, STRING),
  COMPUTED_MEMBER ("value", add_measure_value),
  END_OF_MEMBERS
};

static const Member place_members[] = {
  MEMBER (EcertPlace, id, STRING),
  MEMBER (EcertPlace, scheme, STRING),
  MEMBER (EcertPlace, name, STRING),
  MEMBER (EcertPlace, subdivision, STRING),
  MEMBER (EcertPlace, subdivision_level, STRING),
  END_OF_MEMBERS
};

static const Member identifier_members[] = {
  MEMBER (EcertIdentifier, scheme, STRING),
  MEMBER (EcertIdentifier, value, STRING),
  END_OF_MEMBERS
};

static const Member address_members[] = {
  MEMBER (EcertAddress, lines, STRINGS),
  MEMBER (EcertAddress, postcode, STRING),
  MEMBER (EcertAddress, city, STRING),
  MEMBER (EcertAddress, country_id, STRING),
  MEMBER (EcertAddress, country_name, STRING),
  MEMBER (EcertAddress, subdivision, STRING),
  END_OF_MEMBERS
};

static const Member party_members[] = {
  MEMBER (EcertParty, name, STRING),
  MEMBER (EcertParty, identifiers, RECORDS, .members = identifier_members),
  MEMBER (EcertParty, role_code, STRING),
  MEMBER (EcertParty, address, RECORD, .members = address_members),
  END_OF_MEMBERS
};

static const Member note_members[] = {
  MEMBER (EcertNote, subject, STRING),
  LABEL_MEMBER ("subject_label", EcertNote, subject, ecert_codes_note_subject_label),
  MEMBER (EcertNote, contents, RECORDS, .members = text_members),
  END_OF_MEMBERS
};

static const Member clause_members[] = {
  MEMBER (EcertClause, id, STRING),
  MEMBER (EcertClause, contents, RECORDS, .members = text_members),
  END_OF_MEMBERS
};

static const Member attachment_members[] = {
  MEMBER (EcertAttachment, filename, STRING),
  MEMBER (EcertAttachment, declared_type, STRING),
  MEMBER (EcertAttachment, size, SIZE),
  END_OF_MEMBERS
};

static const Member referenced_document_members[] = {
  MEMBER (EcertReferencedDocument, issued, RECORD, .members = date_members),
  MEMBER (EcertReferencedDocument, type_code, STRING),
  MEMBER (EcertReferencedDocument, relationship_code, STRING),
  MEMBER (EcertReferencedDocument, id, STRING),
  MEMBER (EcertReferencedDocument, information, RECORDS, .members = text_members),
  MEMBER (EcertReferencedDocument, attachment, RECORD, .members = attachment_members),
  END_OF_MEMBERS
};

static const Member movement_members[] = {
  MEMBER (EcertTransportMovement, id, STRING),
  MEMBER (EcertTransportMovement, mode_code, STRING),
  LABEL_MEMBER ("mode_label", EcertTransportMovement, mode_code,
                ecert_codes_transport_mode_label),
  MEMBER (EcertTransportMovement, means_names, RECORDS, .members = text_members),
  END_OF_MEMBERS
};

static const Member equipment_members[] = {
  MEMBER (EcertTransportEquipment, id, STRING),
  MEMBER (EcertTransportEquipment, seals, STRINGS),
  END_OF_MEMBERS
};

static const Member classification_members[] = {
  MEMBER (EcertClassification, system, STRING),
  MEMBER (EcertClassification, code, STRING),
  MEMBER (EcertClassification, names, RECORDS, .members = text_members),
  END_OF_MEMBERS
};

static const Member package_members[] = {
  MEMBER (EcertPackage, level_code, STRING),
  MEMBER (EcertPackage, type_code, STRING),
  LABEL_MEMBER ("type_label", EcertPackage, type_code, ecert_codes_package_type_label),
  MEMBER (EcertPackage, quantity, RECORD, .members = measure_members),
  END_OF_MEMBERS
};

static const Member characteristic_members[] = {
  MEMBER (EcertProcessCharacteristic, type_code, STRING),
  MEMBER (EcertProcessCharacteristic, descriptions, RECORDS, .members = text_members),
  MEMBER (EcertProcessCharacteristic, value, RECORD, .members = measure_members),
  END_OF_MEMBERS
};

static const Member process_members[] = {
  MEMBER (EcertProcess, type_code, STRING),
  MEMBER (EcertProcess, start, RECORD, .members = date_members),
  MEMBER (EcertProcess, end, RECORD, .members = date_members),
  MEMBER (EcertProcess, duration, RECORD, .members = measure_members),
  MEMBER (EcertProcess, characteristics, RECORDS, .members = characteristic_members),
  END_OF_MEMBERS
};

static const Member trade_line_item_members[] = {
  MEMBER (EcertTradeLineItem, sequence, STRING),
  MEMBER (EcertTradeLineItem, descriptions, RECORDS, .members = text_members),
  MEMBER (EcertTradeLineItem, common_names, RECORDS, .members = text_members),
  MEMBER (EcertTradeLineItem, scientific_names, RECORDS, .members = text_members),
  MEMBER (EcertTradeLineItem, intended_uses, RECORDS, .members = text_members),
  MEMBER (EcertTradeLineItem, net_weight, RECORD, .members = measure_members),
  MEMBER (EcertTradeLineItem, gross_weight, RECORD, .members = measure_members),
  MEMBER (EcertTradeLineItem, net_volume, RECORD, .members = measure_members),
  MEMBER (EcertTradeLineItem, gross_volume, RECORD, .members = measure_members),
  MEMBER (EcertTradeLineItem, notes, RECORDS, .members = note_members),
  MEMBER (EcertTradeLineItem, classifications, RECORDS, .members = classification_members),
  MEMBER (EcertTradeLineItem, packages, RECORDS, .members = package_members),
  MEMBER (EcertTradeLineItem, origins, RECORDS, .members = place_members),
  MEMBER (EcertTradeLineItem, processes, RECORDS, .members = process_members),
  END_OF_MEMBERS
};

static const Member consignment_item_members[] = {
  MEMBER (EcertConsignmentItem, cargo_type_code, STRING),
  MEMBER (EcertConsignmentItem, trade_line_items, RECORDS, .members = trade_line_item_members),
  END_OF_MEMBERS
};

static const Member consignment_members[] = {
  MEMBER (EcertConsignment, consignor, RECORD, .members = party_members),
  MEMBER (EcertConsignment, consignee, RECORD, .members = party_members),
  MEMBER (EcertConsignment, export_country, RECORD, .members = place_members),
  MEMBER (EcertConsignment, import_country, RECORD, .members = place_members),
  MEMBER (EcertConsignment, transit_countries, RECORDS, .members = place_members),
  MEMBER (EcertConsignment, unloading_port, RECORD, .members = place_members),
  MEMBER (EcertConsignment, examination_location, RECORD, .members = place_members),
  MEMBER (EcertConsignment, transport_movements, RECORDS, .members = movement_members),
  MEMBER (EcertConsignment, equipment, RECORDS, .members = equipment_members),
  MEMBER (EcertConsignment, items, RECORDS, .members = consignment_item_members),
  END_OF_MEMBERS
};

static const Member signatory_members[] = {
  MEMBER (EcertSignatory, actual, RECORD, .members = date_members),
  MEMBER (EcertSignatory, location, RECORD, .members = place_members),
  MEMBER (EcertSignatory, provider_name, STRING),
  MEMBER (EcertSignatory, person_name, STRING),
  MEMBER (EcertSignatory, clauses, RECORDS, .members = clause_members),
  END_OF_MEMBERS
};

static const Member replacement_members[] = {
  MEMBER (EcertReplacement, replaced_id, STRING),
  MEMBER (EcertReplacement, reasons, RECORDS, .members = text_members),
  MEMBER (EcertReplacement, date, RECORD, .members = date_members),
  COMPUTED_MEMBER ("description", add_replacement_description),
  END_OF_MEMBERS
};

static const Member unknown_element_members[] = {
  MEMBER (EcertUnknownElement, path, STRING),
  MEMBER (EcertUnknownElement, line, UINT),
  MEMBER (EcertUnknownElement, text, STRING),
  END_OF_MEMBERS
};

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
  add_record_member (builder, "issued", date_members, ecert_certificate_get_issued (certificate));
  ecert_cli_json_add_string (builder, "issuer_name", ecert_certificate_get_issuer_name (certificate));
  ecert_cli_json_add_boolean (builder, "signed", ecert_certificate_has_signature (certificate));
  add_record_member (builder, "replacement", replacement_members,
                     ecert_certificate_get_replacement (certificate));
  add_records_member (builder, "notes", note_members, ecert_certificate_get_notes (certificate));
  add_records_member (builder, "referenced_documents", referenced_document_members,
                      ecert_certificate_get_referenced_documents (certificate));
  add_record_member (builder, "signatory", signatory_members,
                     ecert_certificate_get_signatory (certificate));
  add_record_member (builder, "consignment", consignment_members,
                     ecert_certificate_get_consignment (certificate));
  add_records_member (builder, "unknown_elements", unknown_element_members,
                      ecert_certificate_get_unknown_elements (certificate));
  json_builder_end_object (builder);
}

void
ecert_cli_print_json (EcertCertificate *certificate)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  ecert_cli_json_add_certificate (builder, certificate);
  ecert_cli_json_print (builder);
}
