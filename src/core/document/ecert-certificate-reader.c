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

static EcertPlace *
take_place (Reader        *reader,
            const xmlNode *parent,
            const char    *name)
{
  xmlNode *node = take (reader, parent, name);
  xmlNode *id;
  xmlNode *subdivision;
  EcertPlace *place;

  if (node == NULL)
    return NULL;

  place = g_new0 (EcertPlace, 1);
  id = take (reader, node, "ID");
  place->id = ecert_xml_text (id);
  place->scheme = id != NULL ? scheme_of (id) : NULL;
  place->name = take_text (reader, node, "Name");

  subdivision = take (reader, node, "SubordinateSPSCountrySubDivision");
  if (subdivision != NULL)
    {
      place->subdivision = take_text (reader, subdivision, "Name");
      place->subdivision_level = take_text (reader, subdivision, "HierarchicalLevelCode");
    }

  return place;
}

static GPtrArray *
take_places (Reader        *reader,
             const xmlNode *parent,
             const char    *name)
{
  GPtrArray *places = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_place_free);
  EcertPlace *place;

  while ((place = take_place (reader, parent, name)) != NULL)
    g_ptr_array_add (places, place);

  return places;
}

static EcertAddress *
take_address (Reader        *reader,
              const xmlNode *parent)
{
  static const char *line_names[] = { "LineOne", "LineTwo", "LineThree", "LineFour", "LineFive" };
  xmlNode *node = take (reader, parent, "SpecifiedSPSAddress");
  EcertAddress *address;

  if (node == NULL)
    return NULL;

  address = g_new0 (EcertAddress, 1);
  address->lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (line_names); i++)
    {
      char *line = take_text (reader, node, line_names[i]);

      if (line != NULL)
        g_ptr_array_add (address->lines, line);
    }
  address->postcode = take_text (reader, node, "PostcodeCode");
  address->city = take_text (reader, node, "CityName");
  address->country_id = take_text (reader, node, "CountryID");
  address->country_name = take_text (reader, node, "CountryName");
  address->subdivision = take_text (reader, node, "CountrySubDivisionName");

  return address;
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

static EcertParty *
take_party (Reader        *reader,
            const xmlNode *parent,
            const char    *name)
{
  xmlNode *node = take (reader, parent, name);
  EcertParty *party;

  if (node == NULL)
    return NULL;

  party = g_new0 (EcertParty, 1);
  party->name = take_text (reader, node, "Name");
  party->identifiers = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_identifier_free);
  take_identifiers (reader, node, "ID", party->identifiers);
  /* ePhyto carries registration numbers in TypeCode, named by listName. */
  take_identifiers (reader, node, "TypeCode", party->identifiers);
  party->role_code = take_text (reader, node, "RoleCode");
  party->address = take_address (reader, node);

  return party;
}

static GPtrArray *
take_notes (Reader        *reader,
            const xmlNode *parent,
            const char    *name)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_note_free);
  xmlNode *node;

  while ((node = take (reader, parent, name)) != NULL)
    {
      EcertNote *note = g_new0 (EcertNote, 1);

      note->subject = take_text (reader, node, "Subject");
      note->contents = take_texts (reader, node, "Content");
      g_ptr_array_add (notes, note);
    }

  return notes;
}

static EcertSignatory *
take_signatory (Reader        *reader,
                const xmlNode *parent)
{
  xmlNode *node = take (reader, parent, "SignatorySPSAuthentication");
  xmlNode *provider;
  xmlNode *clause_node;
  EcertSignatory *signatory;

  if (node == NULL)
    return NULL;

  signatory = g_new0 (EcertSignatory, 1);
  signatory->actual = take_date_time (reader, node, "ActualDateTime");
  signatory->location = take_place (reader, node, "IssueSPSLocation");

  provider = take (reader, node, "ProviderSPSParty");
  if (provider != NULL)
    {
      signatory->provider_name = take_text (reader, provider, "Name");
      signatory->person_name = take_text (reader, take (reader, provider, "SpecifiedSPSPerson"),
                                          "Name");
    }

  signatory->clauses = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_clause_free);
  while ((clause_node = take (reader, node, "IncludedSPSClause")) != NULL)
    {
      EcertClause *clause = g_new0 (EcertClause, 1);

      clause->id = take_text (reader, clause_node, "ID");
      clause->contents = take_texts (reader, clause_node, "Content");
      g_ptr_array_add (signatory->clauses, clause);
    }

  return signatory;
}

static EcertAttachment *
take_attachment (Reader        *reader,
                 const xmlNode *parent)
{
  xmlNode *node = take (reader, parent, "AttachmentBinaryObject");
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

static GPtrArray *
take_referenced_documents (Reader        *reader,
                           const xmlNode *parent)
{
  GPtrArray *documents =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_referenced_document_free);
  xmlNode *node;

  while ((node = take (reader, parent, "ReferenceSPSReferencedDocument")) != NULL)
    {
      EcertReferencedDocument *document = g_new0 (EcertReferencedDocument, 1);

      document->issued = take_date_time (reader, node, "IssueDateTime");
      document->type_code = take_text (reader, node, "TypeCode");
      document->relationship_code = take_text (reader, node, "RelationshipTypeCode");
      document->id = take_text (reader, node, "ID");
      document->information = take_texts (reader, node, "Information");
      document->attachment = take_attachment (reader, node);
      g_ptr_array_add (documents, document);
    }

  return documents;
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

static EcertProcess *
read_process (Reader        *reader,
              const xmlNode *node)
{
  EcertProcess *process = g_new0 (EcertProcess, 1);
  xmlNode *period;
  xmlNode *characteristic_node;

  process->type_code = take_text (reader, node, "TypeCode");

  period = take (reader, node, "CompletionSPSPeriod");
  if (period != NULL)
    {
      process->start = take_date_time (reader, period, "StartDateTime");
      process->end = take_date_time (reader, period, "EndDateTime");
      process->duration = take_measure (reader, period, "DurationMeasure");
    }

  process->characteristics =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_process_characteristic_free);
  while ((characteristic_node = take (reader, node, "ApplicableSPSProcessCharacteristic")) != NULL)
    {
      EcertProcessCharacteristic *characteristic = g_new0 (EcertProcessCharacteristic, 1);

      characteristic->type_code = take_text (reader, characteristic_node, "TypeCode");
      characteristic->descriptions = take_texts (reader, characteristic_node, "Description");
      characteristic->value = take_measure (reader, characteristic_node, "ValueMeasure");
      g_ptr_array_add (process->characteristics, characteristic);
    }

  return process;
}

static EcertClassification *
read_classification (Reader        *reader,
                     const xmlNode *node)
{
  EcertClassification *classification = g_new0 (EcertClassification, 1);

  classification->system = take_text (reader, node, "SystemName");
  classification->code = take_text (reader, node, "ClassCode");
  classification->names = take_texts (reader, node, "ClassName");
  return classification;
}

static EcertPackage *
read_package (Reader        *reader,
              const xmlNode *node)
{
  EcertPackage *package = g_new0 (EcertPackage, 1);

  package->level_code = take_text (reader, node, "LevelCode");
  package->type_code = take_text (reader, node, "TypeCode");
  package->quantity = take_measure (reader, node, "ItemQuantity");
  return package;
}

typedef gpointer (*ReadFunc) (Reader *reader, const xmlNode *node);

static GPtrArray *
take_all (Reader         *reader,
          const xmlNode  *parent,
          const char     *name,
          ReadFunc        read,
          GDestroyNotify  free_func)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (free_func);
  xmlNode *node;

  while ((node = take (reader, parent, name)) != NULL)
    g_ptr_array_add (array, read (reader, node));

  return array;
}

static EcertTradeLineItem *
read_trade_line_item (Reader        *reader,
                      const xmlNode *node)
{
  EcertTradeLineItem *item = g_new0 (EcertTradeLineItem, 1);

  item->sequence = take_text (reader, node, "SequenceNumeric");
  item->descriptions = take_texts (reader, node, "Description");
  item->common_names = take_texts (reader, node, "CommonName");
  item->scientific_names = take_texts (reader, node, "ScientificName");
  item->intended_uses = take_texts (reader, node, "IntendedUse");
  item->net_weight = take_measure (reader, node, "NetWeightMeasure");
  item->gross_weight = take_measure (reader, node, "GrossWeightMeasure");
  item->net_volume = take_measure (reader, node, "NetVolumeMeasure");
  item->gross_volume = take_measure (reader, node, "GrossVolumeMeasure");
  item->notes = take_notes (reader, node, "AdditionalInformationSPSNote");
  item->classifications = take_all (reader, node, "ApplicableSPSClassification",
                                    (ReadFunc) read_classification,
                                    (GDestroyNotify) ecert_classification_free);
  item->packages = take_all (reader, node, "PhysicalSPSPackage", (ReadFunc) read_package,
                             (GDestroyNotify) ecert_package_free);
  item->origins = take_places (reader, node, "OriginSPSCountry");
  item->processes = take_all (reader, node, "AppliedSPSProcess", (ReadFunc) read_process,
                              (GDestroyNotify) ecert_process_free);
  return item;
}

static EcertConsignmentItem *
read_consignment_item (Reader        *reader,
                       const xmlNode *node)
{
  EcertConsignmentItem *item = g_new0 (EcertConsignmentItem, 1);

  item->cargo_type_code = take_text (reader, take (reader, node, "NatureIdentificationSPSCargo"),
                                     "TypeCode");
  item->trade_line_items = take_all (reader, node, "IncludedSPSTradeLineItem",
                                     (ReadFunc) read_trade_line_item,
                                     (GDestroyNotify) ecert_trade_line_item_free);
  return item;
}

static EcertTransportMovement *
read_transport_movement (Reader        *reader,
                         const xmlNode *node)
{
  EcertTransportMovement *movement = g_new0 (EcertTransportMovement, 1);

  movement->id = take_text (reader, node, "ID");
  movement->mode_code = take_text (reader, node, "ModeCode");
  movement->means_names = take_texts (reader, take (reader, node, "UsedSPSTransportMeans"), "Name");
  return movement;
}

static EcertTransportEquipment *
read_transport_equipment (Reader        *reader,
                          const xmlNode *node)
{
  EcertTransportEquipment *equipment = g_new0 (EcertTransportEquipment, 1);
  xmlNode *seal;

  equipment->id = take_text (reader, node, "ID");
  equipment->seals = g_ptr_array_new_with_free_func (g_free);
  while ((seal = take (reader, node, "AffixedSPSSeal")) != NULL)
    {
      char *id = take_text (reader, seal, "ID");

      if (id != NULL)
        g_ptr_array_add (equipment->seals, id);
    }

  return equipment;
}

static EcertConsignment *
read_consignment (Reader        *reader,
                  const xmlNode *node)
{
  EcertConsignment *consignment = g_new0 (EcertConsignment, 1);

  consignment->consignor = take_party (reader, node, "ConsignorSPSParty");
  consignment->consignee = take_party (reader, node, "ConsigneeSPSParty");
  consignment->export_country = take_place (reader, node, "ExportSPSCountry");
  consignment->import_country = take_place (reader, node, "ImportSPSCountry");
  consignment->transit_countries = take_places (reader, node, "TransitSPSCountry");
  consignment->unloading_port = take_place (reader, node, "UnloadingBaseportSPSLocation");
  consignment->examination_location =
    take_place (reader, take (reader, node, "ExaminationSPSEvent"), "OccurrenceSPSLocation");
  consignment->transport_movements = take_all (reader, node, "MainCarriageSPSTransportMovement",
                                               (ReadFunc) read_transport_movement,
                                               (GDestroyNotify) ecert_transport_movement_free);
  consignment->equipment = take_all (reader, node, "UtilizedSPSTransportEquipment",
                                     (ReadFunc) read_transport_equipment,
                                     (GDestroyNotify) ecert_transport_equipment_free);
  consignment->items = take_all (reader, node, "IncludedSPSConsignmentItem",
                                 (ReadFunc) read_consignment_item,
                                 (GDestroyNotify) ecert_consignment_item_free);
  return consignment;
}

static void
read_exchanged_document (Reader                *reader,
                         const xmlNode         *node,
                         EcertCertificateParts *parts)
{
  parts->name = take_text (reader, node, "Name");
  parts->id = take_text (reader, node, "ID");
  parts->type_code = take_text (reader, node, "TypeCode");
  parts->status_code = take_text (reader, node, "StatusCode");
  parts->issued = take_date_time (reader, node, "IssueDateTime");
  parts->issuer_name = take_text (reader, take (reader, node, "IssuerSPSParty"), "Name");
  parts->notes = take_notes (reader, node, "IncludedSPSNote");
  parts->referenced_documents = take_referenced_documents (reader, node);
  parts->signatory = take_signatory (reader, node);
  parts->replacement = read_replacement (parts->notes);
}

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
  read_exchanged_document (&reader, exchanged, parts);

  consignment = take_in (root, reader.certificate_ns, "SPSConsignment");
  if (consignment != NULL)
    parts->consignment = read_consignment (&reader, consignment);

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
