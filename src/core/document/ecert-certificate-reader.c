/* ecert-certificate-reader.c: from a parsed SPS document to the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issuers do not keep the schema's element order (the real ePhyto sample
 * does not), so children are looked up by name, not by position. Every
 * element the reader takes is marked; what is left unmarked afterwards is an
 * element the model has no place for, and is listed rather than dropped.
 */

#define G_LOG_DOMAIN "ecert-certificate-reader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-certificate-private.h"
#include "ecert-content.h"
#include "ecert-error.h"

#define SPS_NS "urn:un:unece:uncefact:data:standard:"
#define UDT_NS_PREFIX SPS_NS "UnqualifiedDataType:"
#define XMLDSIG_NS "http://www.w3.org/2000/09/xmldsig#"

/* The document element's namespace names the version; each version keeps
 * its aggregates in one namespace of the reusable library. */
static const struct {
  const char *certificate;
  const char *aggregates;
} sps_versions[] = {
  { SPS_NS "SPSCertificate:17", SPS_NS "ReusableAggregateBusinessInformationEntity:21" },
  { SPS_NS "SPSCertificate:16", SPS_NS "ReusableAggregateBusinessInformationEntity:20" },
  { SPS_NS "SPSCertificate:20", SPS_NS "ReusableAggregateBusinessInformationEntity:25" },
};

/* Markers kept in xmlNode._private while reading. */
static const char taken_marker;
static const char opaque_marker;
#define TAKEN ((void *) &taken_marker)
#define OPAQUE ((void *) &opaque_marker)

typedef struct
{
  const char *certificate_ns;
  const char *aggregates_ns;
} Reader;

/* The next child named @name not taken yet, taken now. Aggregates live in
 * the library namespace; the two top-level parts in the certificate's. */
static xmlNode *
take_in (const xmlNode *parent,
         const char    *ns,
         const char    *name)
{
  if (parent == NULL)
    return NULL;

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (child->_private == NULL && ecert_xml_is_element (child, ns, name))
        {
          child->_private = TAKEN;
          return child;
        }
    }

  return NULL;
}

static xmlNode *
take (Reader        *reader,
      const xmlNode *parent,
      const char    *name)
{
  return take_in (parent, reader->aggregates_ns, name);
}

static char *
take_text (Reader        *reader,
           const xmlNode *parent,
           const char    *name)
{
  return ecert_xml_text (take (reader, parent, name));
}

static char *
scheme_of (const xmlNode *node)
{
  static const char *scheme_attributes[] = { "schemeID", "schemeName", "listName", "listID" };

  for (guint i = 0; i < G_N_ELEMENTS (scheme_attributes); i++)
    {
      char *scheme = ecert_xml_attribute (node, scheme_attributes[i]);

      if (scheme != NULL)
        return scheme;
    }

  return NULL;
}

/* All children named @name, one language version each. */
static GPtrArray *
take_texts (Reader        *reader,
            const xmlNode *parent,
            const char    *name)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_text_free);
  xmlNode *node;

  while ((node = take (reader, parent, name)) != NULL)
    {
      g_autofree char *text = ecert_xml_text (node);
      g_autofree char *language = NULL;

      if (text == NULL)
        continue;

      language = ecert_xml_attribute (node, "languageID");
      g_ptr_array_add (texts, ecert_text_new (language, text));
    }

  return texts;
}

static EcertMeasure *
take_measure (Reader        *reader,
              const xmlNode *parent,
              const char    *name)
{
  xmlNode *node = take (reader, parent, name);
  g_autofree char *text = ecert_xml_text (node);
  EcertMeasure *measure;
  char *end = NULL;

  if (text == NULL)
    return NULL;

  measure = g_new0 (EcertMeasure, 1);
  measure->text = g_steal_pointer (&text);
  measure->unit = ecert_xml_attribute (node, "unitCode");
  measure->value = g_ascii_strtod (measure->text, &end);
  measure->is_number = end != measure->text && *end == '\0';
  if (!measure->is_number)
    measure->value = 0;

  return measure;
}

/* ePhyto writes dates inside udt:DateTimeString, EU TRACES inside
 * udt:DateTime, and some issuers as the element's own text. */
static EcertDateTime *
take_date_time (Reader        *reader,
                const xmlNode *parent,
                const char    *name)
{
  xmlNode *node = take (reader, parent, name);
  g_autofree char *text = NULL;

  if (node == NULL)
    return NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if ((ecert_xml_is_element (child, NULL, "DateTimeString") ||
           ecert_xml_is_element (child, NULL, "DateTime")) &&
          child->ns != NULL && g_str_has_prefix ((const char *) child->ns->href, UDT_NS_PREFIX))
        {
          child->_private = TAKEN;
          text = ecert_xml_text (child);
          return ecert_date_time_parse (text);
        }
    }

  text = ecert_xml_text (node);
  return ecert_date_time_parse (text);
}

/* The child named @name that members kept flat in the model are read from:
 * the first one, taken by whichever of those members comes first. */
static xmlNode *
take_container (Reader        *reader,
                const xmlNode *parent,
                const char    *name)
{
  xmlNode *node = parent != NULL ? ecert_xml_first_child (parent, reader->aggregates_ns, name)
                                 : NULL;

  if (node != NULL && node->_private == NULL)
    node->_private = TAKEN;

  return node;
}

static EcertAttachment *
take_attachment (Reader        *reader,
                 const xmlNode *parent,
                 const char    *name)
{
  xmlNode *node = take (reader, parent, name);
  EcertAttachment *attachment;
  xmlChar *content;

  if (node == NULL)
    return NULL;

  attachment = g_new0 (EcertAttachment, 1);
  attachment->node = node;
  attachment->filename = ecert_xml_attribute (node, "filename");
  attachment->declared_type = ecert_xml_attribute (node, "mimeCode");

  /* Counted, not decoded: decoding waits until someone opens it. */
  content = xmlNodeGetContent (node);
  attachment->size = ecert_content_base64_decoded_size ((const char *) content,
                                                        strlen ((const char *) content));
  xmlFree (content);

  return attachment;
}

/* The IDs of every seal, in a list of strings. */
static GPtrArray *
take_seal_ids (Reader        *reader,
               const xmlNode *parent,
               const char    *name)
{
  GPtrArray *seals = g_ptr_array_new_with_free_func (g_free);
  xmlNode *seal;

  while ((seal = take (reader, parent, name)) != NULL)
    {
      char *id = take_text (reader, seal, "ID");

      if (id != NULL)
        g_ptr_array_add (seals, id);
    }

  return seals;
}

static void
take_identifiers (Reader        *reader,
                  const xmlNode *parent,
                  const char    *name,
                  GPtrArray     *identifiers)
{
  xmlNode *node;

  while ((node = take (reader, parent, name)) != NULL)
    {
      EcertIdentifier *identifier;
      char *value = ecert_xml_text (node);

      if (value == NULL)
        continue;

      identifier = g_new0 (EcertIdentifier, 1);
      identifier->value = value;
      identifier->scheme = scheme_of (node);
      g_ptr_array_add (identifiers, identifier);
    }
}

static const char *
first_content (GPtrArray *notes,
               const char *subject,
               EcertNote **found)
{
  for (guint i = 0; i < notes->len; i++)
    {
      EcertNote *note = g_ptr_array_index (notes, i);

      if (g_strcmp0 (note->subject, subject) == 0)
        {
          if (found != NULL)
            *found = note;
          return ecert_texts_pick (note->contents, NULL);
        }
    }

  return NULL;
}

/* ePhyto states a replacement in four notes: ADRP (this replaces another),
 * ADRPN (its number), ADRPR (why) and ADRD (when). */
static EcertReplacement *
read_replacement (GPtrArray *notes)
{
  EcertNote *reason_note = NULL;
  const char *number = first_content (notes, "ADRPN", NULL);
  const char *reason;
  const char *date;
  EcertReplacement *replacement;

  if (number == NULL && first_content (notes, "ADRP", NULL) == NULL)
    return NULL;

  reason = first_content (notes, "ADRPR", &reason_note);
  date = first_content (notes, "ADRD", NULL);

  replacement = g_new0 (EcertReplacement, 1);
  replacement->replaced_id = g_strdup (number);
  replacement->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_text_free);
  if (reason != NULL)
    {
      for (guint i = 0; i < reason_note->contents->len; i++)
        {
          EcertText *text = g_ptr_array_index (reason_note->contents, i);

          g_ptr_array_add (replacement->reasons, ecert_text_new (text->language, text->text));
        }
    }
  replacement->date = ecert_date_time_parse (date);

  return replacement;
}

/* Most of the model is read by these tables: each member of a struct with
 * the element it comes from and how that element is read. What a table
 * cannot say, a record's finish function reads. */

typedef gpointer (*TakeFunc) (Reader *reader, const xmlNode *parent, const char *name);
typedef void (*FinishFunc) (Reader *reader, const xmlNode *node, gpointer object);
typedef struct _Record Record;

typedef struct
{
  const char   *element;
  gsize         offset;
  /* A value taken by @take, or a record of its own: all the elements of
   * that name, into a GPtrArray, when @many. */
  TakeFunc      take;
  const Record *record;
  gboolean      many;
  /* The child that @element sits in, for a member the model keeps flat. */
  const char   *within;
} Field;

struct _Record
{
  gsize           size;
  GDestroyNotify  free_func;
  const Field    *fields;
  gsize           n_fields;
  FinishFunc      finish;
};

#define OFFSET(type, member) G_STRUCT_OFFSET (type, member)
#define TEXT .take = (TakeFunc) take_text
#define TEXTS .take = (TakeFunc) take_texts
#define MEASURE .take = (TakeFunc) take_measure
#define DATE_TIME .take = (TakeFunc) take_date_time
#define ONE(record_) .record = &(record_)
#define ALL(record_) .record = &(record_), .many = TRUE
#define RECORD(type, free_func, fields, finish) \
  { sizeof (type), (GDestroyNotify) (free_func), fields, G_N_ELEMENTS (fields), finish }

static gpointer read_record (Reader *reader, const xmlNode *node, const Record *record);

static GPtrArray *
take_records (Reader        *reader,
              const xmlNode *parent,
              const char    *name,
              const Record  *record)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (record->free_func);
  xmlNode *node;

  while ((node = take (reader, parent, name)) != NULL)
    g_ptr_array_add (array, read_record (reader, node, record));

  return array;
}

static gpointer
take_member (Reader        *reader,
             const xmlNode *node,
             const Field   *field)
{
  const xmlNode *parent = field->within != NULL ? take_container (reader, node, field->within)
                                                : node;
  xmlNode *element;

  if (field->take != NULL)
    return field->take (reader, parent, field->element);

  if (field->many)
    return take_records (reader, parent, field->element, field->record);

  element = take (reader, parent, field->element);
  return element != NULL ? read_record (reader, element, field->record) : NULL;
}

static void
fill_record (Reader        *reader,
             const xmlNode *node,
             const Record  *record,
             gpointer       object)
{
  for (gsize i = 0; i < record->n_fields; i++)
    G_STRUCT_MEMBER (gpointer, object, record->fields[i].offset) =
      take_member (reader, node, &record->fields[i]);

  if (record->finish != NULL)
    record->finish (reader, node, object);
}

static gpointer
read_record (Reader        *reader,
             const xmlNode *node,
             const Record  *record)
{
  gpointer object = g_malloc0 (record->size);

  fill_record (reader, node, record, object);
  return object;
}

static void
finish_place (Reader        *reader,
              const xmlNode *node,
              gpointer       object)
{
  EcertPlace *place = object;
  xmlNode *id = take (reader, node, "ID");

  place->id = ecert_xml_text (id);
  place->scheme = id != NULL ? scheme_of (id) : NULL;
}

static const Field place_fields[] = {
  { "Name", OFFSET (EcertPlace, name), TEXT },
  { "Name", OFFSET (EcertPlace, subdivision), TEXT, .within = "SubordinateSPSCountrySubDivision" },
  { "HierarchicalLevelCode", OFFSET (EcertPlace, subdivision_level), TEXT,
    .within = "SubordinateSPSCountrySubDivision" },
};
static const Record place_record =
  RECORD (EcertPlace, ecert_place_free, place_fields, finish_place);

static void
finish_address (Reader        *reader,
                const xmlNode *node,
                gpointer       object)
{
  static const char *line_names[] = { "LineOne", "LineTwo", "LineThree", "LineFour", "LineFive" };
  EcertAddress *address = object;

  address->lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (line_names); i++)
    {
      char *line = take_text (reader, node, line_names[i]);

      if (line != NULL)
        g_ptr_array_add (address->lines, line);
    }
}

static const Field address_fields[] = {
  { "PostcodeCode", OFFSET (EcertAddress, postcode), TEXT },
  { "CityName", OFFSET (EcertAddress, city), TEXT },
  { "CountryID", OFFSET (EcertAddress, country_id), TEXT },
  { "CountryName", OFFSET (EcertAddress, country_name), TEXT },
  { "CountrySubDivisionName", OFFSET (EcertAddress, subdivision), TEXT },
};
static const Record address_record =
  RECORD (EcertAddress, ecert_address_free, address_fields, finish_address);

static void
finish_party (Reader        *reader,
              const xmlNode *node,
              gpointer       object)
{
  EcertParty *party = object;

  party->identifiers = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_identifier_free);
  take_identifiers (reader, node, "ID", party->identifiers);
  /* ePhyto carries registration numbers in TypeCode, named by listName. */
  take_identifiers (reader, node, "TypeCode", party->identifiers);
}

static const Field party_fields[] = {
  { "Name", OFFSET (EcertParty, name), TEXT },
  { "RoleCode", OFFSET (EcertParty, role_code), TEXT },
  { "SpecifiedSPSAddress", OFFSET (EcertParty, address), ONE (address_record) },
};
static const Record party_record =
  RECORD (EcertParty, ecert_party_free, party_fields, finish_party);

static const Field note_fields[] = {
  { "Subject", OFFSET (EcertNote, subject), TEXT },
  { "Content", OFFSET (EcertNote, contents), TEXTS },
};
static const Record note_record = RECORD (EcertNote, ecert_note_free, note_fields, NULL);

static const Field clause_fields[] = {
  { "ID", OFFSET (EcertClause, id), TEXT },
  { "Content", OFFSET (EcertClause, contents), TEXTS },
};
static const Record clause_record = RECORD (EcertClause, ecert_clause_free, clause_fields, NULL);

static void
finish_signatory (Reader        *reader,
                  const xmlNode *node,
                  gpointer       object)
{
  EcertSignatory *signatory = object;
  xmlNode *provider = take_container (reader, node, "ProviderSPSParty");

  if (provider != NULL)
    signatory->person_name = take_text (reader, take (reader, provider, "SpecifiedSPSPerson"),
                                        "Name");
}

static const Field signatory_fields[] = {
  { "ActualDateTime", OFFSET (EcertSignatory, actual), DATE_TIME },
  { "IssueSPSLocation", OFFSET (EcertSignatory, location), ONE (place_record) },
  { "Name", OFFSET (EcertSignatory, provider_name), TEXT, .within = "ProviderSPSParty" },
  { "IncludedSPSClause", OFFSET (EcertSignatory, clauses), ALL (clause_record) },
};
static const Record signatory_record =
  RECORD (EcertSignatory, ecert_signatory_free, signatory_fields, finish_signatory);

static const Field referenced_document_fields[] = {
  { "IssueDateTime", OFFSET (EcertReferencedDocument, issued), DATE_TIME },
  { "TypeCode", OFFSET (EcertReferencedDocument, type_code), TEXT },
  { "RelationshipTypeCode", OFFSET (EcertReferencedDocument, relationship_code), TEXT },
  { "ID", OFFSET (EcertReferencedDocument, id), TEXT },
  { "Information", OFFSET (EcertReferencedDocument, information), TEXTS },
  { "AttachmentBinaryObject", OFFSET (EcertReferencedDocument, attachment),
    .take = (TakeFunc) take_attachment },
};
static const Record referenced_document_record =
  RECORD (EcertReferencedDocument, ecert_referenced_document_free, referenced_document_fields,
          NULL);

static const Field process_characteristic_fields[] = {
  { "TypeCode", OFFSET (EcertProcessCharacteristic, type_code), TEXT },
  { "Description", OFFSET (EcertProcessCharacteristic, descriptions), TEXTS },
  { "ValueMeasure", OFFSET (EcertProcessCharacteristic, value), MEASURE },
};
static const Record process_characteristic_record =
  RECORD (EcertProcessCharacteristic, ecert_process_characteristic_free,
          process_characteristic_fields, NULL);

static const Field process_fields[] = {
  { "TypeCode", OFFSET (EcertProcess, type_code), TEXT },
  { "StartDateTime", OFFSET (EcertProcess, start), DATE_TIME, .within = "CompletionSPSPeriod" },
  { "EndDateTime", OFFSET (EcertProcess, end), DATE_TIME, .within = "CompletionSPSPeriod" },
  { "DurationMeasure", OFFSET (EcertProcess, duration), MEASURE,
    .within = "CompletionSPSPeriod" },
  { "ApplicableSPSProcessCharacteristic", OFFSET (EcertProcess, characteristics),
    ALL (process_characteristic_record) },
};
static const Record process_record =
  RECORD (EcertProcess, ecert_process_free, process_fields, NULL);

static const Field classification_fields[] = {
  { "SystemName", OFFSET (EcertClassification, system), TEXT },
  { "ClassCode", OFFSET (EcertClassification, code), TEXT },
  { "ClassName", OFFSET (EcertClassification, names), TEXTS },
};
static const Record classification_record =
  RECORD (EcertClassification, ecert_classification_free, classification_fields, NULL);

static const Field package_fields[] = {
  { "LevelCode", OFFSET (EcertPackage, level_code), TEXT },
  { "TypeCode", OFFSET (EcertPackage, type_code), TEXT },
  { "ItemQuantity", OFFSET (EcertPackage, quantity), MEASURE },
};
static const Record package_record =
  RECORD (EcertPackage, ecert_package_free, package_fields, NULL);

static const Field trade_line_item_fields[] = {
  { "SequenceNumeric", OFFSET (EcertTradeLineItem, sequence), TEXT },
  { "Description", OFFSET (EcertTradeLineItem, descriptions), TEXTS },
  { "CommonName", OFFSET (EcertTradeLineItem, common_names), TEXTS },
  { "ScientificName", OFFSET (EcertTradeLineItem, scientific_names), TEXTS },
  { "IntendedUse", OFFSET (EcertTradeLineItem, intended_uses), TEXTS },
  { "NetWeightMeasure", OFFSET (EcertTradeLineItem, net_weight), MEASURE },
  { "GrossWeightMeasure", OFFSET (EcertTradeLineItem, gross_weight), MEASURE },
  { "NetVolumeMeasure", OFFSET (EcertTradeLineItem, net_volume), MEASURE },
  { "GrossVolumeMeasure", OFFSET (EcertTradeLineItem, gross_volume), MEASURE },
  { "AdditionalInformationSPSNote", OFFSET (EcertTradeLineItem, notes), ALL (note_record) },
  { "ApplicableSPSClassification", OFFSET (EcertTradeLineItem, classifications),
    ALL (classification_record) },
  { "PhysicalSPSPackage", OFFSET (EcertTradeLineItem, packages), ALL (package_record) },
  { "OriginSPSCountry", OFFSET (EcertTradeLineItem, origins), ALL (place_record) },
  { "AppliedSPSProcess", OFFSET (EcertTradeLineItem, processes), ALL (process_record) },
};
static const Record trade_line_item_record =
  RECORD (EcertTradeLineItem, ecert_trade_line_item_free, trade_line_item_fields, NULL);

static const Field consignment_item_fields[] = {
  { "TypeCode", OFFSET (EcertConsignmentItem, cargo_type_code), TEXT,
    .within = "NatureIdentificationSPSCargo" },
  { "IncludedSPSTradeLineItem", OFFSET (EcertConsignmentItem, trade_line_items),
    ALL (trade_line_item_record) },
};
static const Record consignment_item_record =
  RECORD (EcertConsignmentItem, ecert_consignment_item_free, consignment_item_fields, NULL);

static const Field transport_movement_fields[] = {
  { "ID", OFFSET (EcertTransportMovement, id), TEXT },
  { "ModeCode", OFFSET (EcertTransportMovement, mode_code), TEXT },
  { "Name", OFFSET (EcertTransportMovement, means_names), TEXTS,
    .within = "UsedSPSTransportMeans" },
};
static const Record transport_movement_record =
  RECORD (EcertTransportMovement, ecert_transport_movement_free, transport_movement_fields, NULL);

static const Field transport_equipment_fields[] = {
  { "ID", OFFSET (EcertTransportEquipment, id), TEXT },
  { "AffixedSPSSeal", OFFSET (EcertTransportEquipment, seals),
    .take = (TakeFunc) take_seal_ids },
};
static const Record transport_equipment_record =
  RECORD (EcertTransportEquipment, ecert_transport_equipment_free, transport_equipment_fields,
          NULL);

static const Field consignment_fields[] = {
  { "ConsignorSPSParty", OFFSET (EcertConsignment, consignor), ONE (party_record) },
  { "ConsigneeSPSParty", OFFSET (EcertConsignment, consignee), ONE (party_record) },
  { "ExportSPSCountry", OFFSET (EcertConsignment, export_country), ONE (place_record) },
  { "ImportSPSCountry", OFFSET (EcertConsignment, import_country), ONE (place_record) },
  { "TransitSPSCountry", OFFSET (EcertConsignment, transit_countries), ALL (place_record) },
  { "UnloadingBaseportSPSLocation", OFFSET (EcertConsignment, unloading_port), ONE (place_record) },
  { "OccurrenceSPSLocation", OFFSET (EcertConsignment, examination_location), ONE (place_record),
    .within = "ExaminationSPSEvent" },
  { "MainCarriageSPSTransportMovement", OFFSET (EcertConsignment, transport_movements),
    ALL (transport_movement_record) },
  { "UtilizedSPSTransportEquipment", OFFSET (EcertConsignment, equipment),
    ALL (transport_equipment_record) },
  { "IncludedSPSConsignmentItem", OFFSET (EcertConsignment, items), ALL (consignment_item_record) },
};
static const Record consignment_record =
  RECORD (EcertConsignment, ecert_consignment_free, consignment_fields, NULL);

static void
finish_exchanged_document (Reader        *reader,
                           const xmlNode *node,
                           gpointer       object)
{
  EcertCertificateParts *parts = object;

  parts->replacement = read_replacement (parts->notes);
}

static const Field exchanged_document_fields[] = {
  { "Name", OFFSET (EcertCertificateParts, name), TEXT },
  { "ID", OFFSET (EcertCertificateParts, id), TEXT },
  { "TypeCode", OFFSET (EcertCertificateParts, type_code), TEXT },
  { "StatusCode", OFFSET (EcertCertificateParts, status_code), TEXT },
  { "IssueDateTime", OFFSET (EcertCertificateParts, issued), DATE_TIME },
  { "Name", OFFSET (EcertCertificateParts, issuer_name), TEXT, .within = "IssuerSPSParty" },
  { "IncludedSPSNote", OFFSET (EcertCertificateParts, notes), ALL (note_record) },
  { "ReferenceSPSReferencedDocument", OFFSET (EcertCertificateParts, referenced_documents),
    ALL (referenced_document_record) },
  { "SignatorySPSAuthentication", OFFSET (EcertCertificateParts, signatory),
    ONE (signatory_record) },
};
/* Filled in place: the parts are not a record of the model. */
static const Record exchanged_document_record =
  RECORD (EcertCertificateParts, NULL, exchanged_document_fields, finish_exchanged_document);

static void
add_unknown (GPtrArray *unknown,
             xmlNode   *node)
{
  EcertUnknownElement *element = g_new0 (EcertUnknownElement, 1);
  xmlChar *content = xmlNodeGetContent (node);
  g_autofree char *text = g_strstrip (g_strdup ((const char *) content));

  xmlFree (content);
  element->path = ecert_xml_path (node);
  element->line = (guint) xmlGetLineNo (node);
  element->text = text[0] != '\0' ? g_steal_pointer (&text) : NULL;
  g_ptr_array_add (unknown, element);
}

/* Lists the outermost elements nobody took, and clears the markers. */
static void
collect_unknown (xmlNode   *node,
                 GPtrArray *unknown)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (child->_private == NULL)
        add_unknown (unknown, child);
      else if (child->_private == TAKEN)
        collect_unknown (child, unknown);

      child->_private = NULL;
    }
}

static gboolean
find_version (const xmlNode *root,
              Reader        *reader,
              GError       **error)
{
  const char *ns = root->ns != NULL ? (const char *) root->ns->href : NULL;

  if (g_strcmp0 ((const char *) root->name, "SPSCertificate") != 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_NOT_SPS_CERTIFICATE,
                   _("This is not an SPS certificate: its document element is “%s”"),
                   (const char *) root->name);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sps_versions); i++)
    {
      if (g_strcmp0 (ns, sps_versions[i].certificate) == 0)
        {
          reader->certificate_ns = sps_versions[i].certificate;
          reader->aggregates_ns = sps_versions[i].aggregates;
          return TRUE;
        }
    }

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_UNSUPPORTED_VERSION,
               _("Unsupported SPS version: the certificate uses the namespace “%s”"),
               ns != NULL ? ns : _("(none)"));
  return FALSE;
}

/**
 * _ecert_certificate_read:
 * @document: a parsed document
 * @error: return location for an %ECERT_ERROR
 *
 * Returns: (transfer full): the parts, or %NULL with @error set
 */
EcertCertificateParts *
_ecert_certificate_read (xmlDoc  *document,
                         GError **error)
{
  xmlNode *root = xmlDocGetRootElement (document);
  g_autofree EcertCertificateParts *parts = NULL;
  Reader reader = { NULL, NULL };
  xmlNode *exchanged;
  xmlNode *consignment;
  xmlNode *signature;

  if (!find_version (root, &reader, error))
    return NULL;

  exchanged = take_in (root, reader.certificate_ns, "SPSExchangedDocument");
  if (exchanged == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_NOT_SPS_CERTIFICATE,
                           _("This SPS certificate has no exchanged document "
                             "(SPSExchangedDocument): there is nothing to show"));
      return NULL;
    }

  parts = g_new0 (EcertCertificateParts, 1);
  parts->namespace_href = reader.certificate_ns;
  fill_record (&reader, exchanged, &exchanged_document_record, parts);

  consignment = take_in (root, reader.certificate_ns, "SPSConsignment");
  if (consignment != NULL)
    parts->consignment = read_record (&reader, consignment, &consignment_record);

  /* The signature belongs to the verifier, not to the model. */
  signature = take_in (root, XMLDSIG_NS, "Signature");
  if (signature != NULL)
    {
      signature->_private = OPAQUE;
      parts->has_signature = TRUE;
    }

  parts->unknown_elements =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_unknown_element_free);
  collect_unknown (root, parts->unknown_elements);

  return g_steal_pointer (&parts);
}
