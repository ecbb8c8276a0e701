/* test-certificate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-core.h"
#include "ecert-test-util.h"

static const char * const english[] = { "en", NULL };

static EcertCertificate *
load_sample (void)
{
  g_autoptr(GBytes) bytes = ecert_test_load_reference ("reference/ephyto/SPSCertificateContent.xml");
  g_autoptr(GError) error = NULL;
  EcertCertificate *certificate;

  if (bytes == NULL)
    return NULL;

  certificate = ecert_certificate_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (certificate);
  return certificate;
}

static const char *
pick (GPtrArray *texts)
{
  return ecert_texts_pick (texts, english);
}

static void
test_sample_document (void)
{
  g_autoptr(EcertCertificate) certificate = load_sample ();
  const EcertDateTime *issued;
  const EcertSignatory *signatory;
  g_autofree char *formatted = NULL;

  if (certificate == NULL)
    return;

  g_assert_cmpstr (ecert_certificate_get_namespace (certificate), ==,
                   "urn:un:unece:uncefact:data:standard:SPSCertificate:17");
  g_assert_cmpstr (ecert_certificate_get_id (certificate), ==, "123ABC");
  g_assert_null (ecert_certificate_get_name (certificate));
  g_assert_cmpstr (ecert_certificate_get_type_code (certificate), ==, "851");
  g_assert_cmpstr (ecert_certificate_get_status_code (certificate), ==, "70");
  g_assert_cmpstr (ecert_certificate_get_issuer_name (certificate), ==,
                   "Servicio Nacional de Sanidad y Calida Agroalimentaria");
  g_assert_false (ecert_certificate_has_signature (certificate));

  issued = ecert_certificate_get_issued (certificate);
  g_assert_nonnull (issued);
  g_assert_nonnull (issued->value);
  g_assert_true (issued->has_time);
  g_assert_true (issued->has_zone);
  g_assert_cmpint (g_date_time_get_year (issued->value), ==, 2016);
  g_assert_cmpint (g_date_time_get_hour (issued->value), ==, 13);
  g_assert_cmpint (g_date_time_get_utc_offset (issued->value) / G_TIME_SPAN_HOUR, ==, -3);

  signatory = ecert_certificate_get_signatory (certificate);
  g_assert_nonnull (signatory);
  /* <ns2:DateTimeString/>: given empty, which is "not given". */
  g_assert_null (signatory->actual);
  g_assert_cmpstr (signatory->location->name, ==, "La Plata, Buenos Aires");
  g_assert_cmpstr (signatory->person_name, ==, "Miguel Perrerra");
  g_assert_cmpuint (signatory->clauses->len, ==, 1);

  formatted = ecert_date_time_format (issued);
  g_assert_nonnull (formatted);
}

static void
test_sample_notes (void)
{
  g_autoptr(EcertCertificate) certificate = load_sample ();
  GPtrArray *notes;
  EcertNote *additional;
  static const char * const nynorsk[] = { "nn", NULL };

  if (certificate == NULL)
    return;

  notes = ecert_certificate_get_notes (certificate);
  g_assert_cmpuint (notes->len, ==, 12);

  additional = g_ptr_array_index (notes, 1);
  g_assert_cmpstr (additional->subject, ==, "ADEDL");
  g_assert_cmpstr (pick (additional->contents), ==, "Phyllocnistiscitrella is absent in Argentina");

  /* The next ADEDL is written in Nynorsk and stays a note of its own. */
  additional = g_ptr_array_index (notes, 2);
  g_assert_cmpstr (((EcertText *) g_ptr_array_index (additional->contents, 0))->language, ==, "nn");
  g_assert_cmpstr (ecert_texts_pick (additional->contents, nynorsk), ==,
                   "The shipment was inspected and found free of Trogoderma variable.");
}

static void
test_sample_replacement (void)
{
  g_autoptr(EcertCertificate) certificate = load_sample ();
  const EcertReplacement *replacement;
  g_autofree char *described = NULL;

  if (certificate == NULL)
    return;

  replacement = ecert_certificate_get_replacement (certificate);
  g_assert_nonnull (replacement);
  g_assert_cmpstr (replacement->replaced_id, ==, "3214356");
  g_assert_cmpstr (pick (replacement->reasons), ==, "change in consignee");
  g_assert_nonnull (replacement->date);
  g_assert_nonnull (replacement->date->value);
  g_assert_cmpint (g_date_time_get_day_of_month (replacement->date->value), ==, 22);

  described = ecert_replacement_describe (replacement);
  g_assert_nonnull (strstr (described, "3214356"));
  g_assert_nonnull (strstr (described, "change in consignee"));
}

static void
test_sample_consignment (void)
{
  g_autoptr(EcertCertificate) certificate = load_sample ();
  const EcertConsignment *consignment;
  EcertIdentifier *identifier;
  EcertTransportMovement *movement;

  if (certificate == NULL)
    return;

  consignment = ecert_certificate_get_consignment (certificate);
  g_assert_nonnull (consignment);

  g_assert_cmpstr (consignment->consignor->name, ==, "Juan Perez");
  identifier = g_ptr_array_index (consignment->consignor->identifiers, 0);
  g_assert_cmpstr (identifier->scheme, ==, "NationalRegistrationNumber");
  g_assert_cmpstr (identifier->value, ==, "98543210");
  g_assert_cmpuint (consignment->consignor->address->lines->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (consignment->consignor->address->lines, 0), ==,
                   "El trébol 853");
  g_assert_null (consignment->consignor->address->city);

  g_assert_cmpstr (consignment->consignee->name, ==, "Importer SA");
  g_assert_cmpstr (g_ptr_array_index (consignment->consignee->address->lines, 1), ==,
                   "Quito, Ecuador");

  g_assert_cmpstr (consignment->export_country->id, ==, "AR");
  g_assert_cmpstr (consignment->import_country->id, ==, "EC");
  g_assert_cmpuint (consignment->transit_countries->len, ==, 1);
  g_assert_cmpstr (((EcertPlace *) g_ptr_array_index (consignment->transit_countries, 0))->id,
                   ==, "US");
  g_assert_cmpstr (consignment->unloading_port->id, ==, "USSEA");
  g_assert_cmpstr (consignment->unloading_port->name, ==, "Guayaquil (Seattle)");

  g_assert_cmpuint (consignment->transport_movements->len, ==, 2);
  movement = g_ptr_array_index (consignment->transport_movements, 1);
  g_assert_cmpstr (movement->mode_code, ==, "1");
  g_assert_cmpstr (movement->id, ==, "Voyage N° 18");
  g_assert_cmpstr (pick (movement->means_names), ==, "Ocean Vessel: Black Pearl");

  g_assert_cmpuint (consignment->equipment->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (((EcertTransportEquipment *)
                                       g_ptr_array_index (consignment->equipment, 0))->seals, 0),
                   ==, "G2382564");
}

static void
test_sample_items (void)
{
  g_autoptr(EcertCertificate) certificate = load_sample ();
  const EcertConsignment *consignment;
  EcertConsignmentItem *item;
  EcertTradeLineItem *line;
  EcertPackage *package;
  EcertClassification *classification;

  if (certificate == NULL)
    return;

  consignment = ecert_certificate_get_consignment (certificate);
  g_assert_cmpuint (consignment->items->len, >=, 1);
  item = g_ptr_array_index (consignment->items, 0);
  g_assert_cmpuint (item->trade_line_items->len, >=, 1);
  line = g_ptr_array_index (item->trade_line_items, 0);

  g_assert_cmpstr (line->sequence, ==, "0");
  g_assert_cmpuint (line->descriptions->len, ==, 2);
  g_assert_true (g_str_has_prefix (pick (line->descriptions), "LIVE TREES AND OTHER PLANTS"));
  g_assert_cmpstr (pick (line->common_names), ==, "Ribes");
  g_assert_cmpstr (pick (line->scientific_names), ==, "Ribes");
  g_assert_cmpstr (pick (line->intended_uses), ==, "Planting");
  g_assert_cmpstr (line->net_weight->unit, ==, "KGM");
  g_assert_cmpfloat (line->net_weight->value, ==, 10);
  g_assert_cmpfloat (line->gross_weight->value, ==, 60);
  g_assert_cmpstr (line->net_volume->unit, ==, "MTQ");
  g_assert_cmpfloat (line->gross_volume->value, ==, 50);

  classification = g_ptr_array_index (line->classifications, 0);
  g_assert_cmpstr (classification->system, ==, "HS");
  g_assert_cmpstr (classification->code, ==, "06029048");
  g_assert_cmpuint (line->classifications->len, ==, 4);

  g_assert_cmpuint (line->notes->len, ==, 18);
  g_assert_cmpstr (((EcertNote *) g_ptr_array_index (line->notes, 0))->subject, ==, "RPCST");
  g_assert_cmpstr (pick (((EcertNote *) g_ptr_array_index (line->notes, 11))->contents), ==,
                   "RIBES ALPINUM 'SCHMIDT'");
  package = g_ptr_array_index (line->packages, 0);
  g_assert_cmpstr (package->level_code, ==, "1");
  g_assert_cmpstr (package->type_code, ==, "BG");
  g_assert_cmpfloat (package->quantity->value, ==, 100);
  g_assert_cmpuint (line->origins->len, >=, 1);
}

static void
test_sample_attachments (void)
{
  static const struct {
    const char *filename;
    gsize size;
    const char *content_type;
  } expected[] = {
    { "TestPdf.pdf", 10073, "application/pdf" },
    { "US-F-12345-13467-7N.png", 51607, "image/png" },
    { "TestJpeg.jpeg", 77178, "image/jpeg" },
    { "TestGif.gif", 552, "image/gif" },
    { "TestIngenFiltypeINavn", 10073, "application/pdf" },
    /* Cut short in the sample: an error for this attachment alone. */
    { "UkjentFiltype", 40, NULL },
  };
  g_autoptr(EcertCertificate) certificate = load_sample ();
  GPtrArray *attachments;

  if (certificate == NULL)
    return;

  attachments = ecert_certificate_get_attachments (certificate);
  g_assert_cmpuint (attachments->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < attachments->len; i++)
    {
      EcertAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *type = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_assert_cmpstr (attachment->filename, ==, expected[i].filename);
      g_assert_cmpuint (attachment->size, ==, expected[i].size);

      bytes = ecert_certificate_decode_attachment (certificate, attachment, &type, &error);
      if (expected[i].content_type == NULL)
        {
          g_assert_null (bytes);
          g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CORRUPT_ATTACHMENT);
          continue;
        }

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), ==, expected[i].size);
      g_assert_cmpstr (type, ==, expected[i].content_type);
    }
}

static void
test_sample_unknown (void)
{
  g_autoptr(EcertCertificate) certificate = load_sample ();
  GPtrArray *unknown;

  if (certificate == NULL)
    return;

  /* The sample puts a note inside a treatment, where the schema has none:
   * kept and reported, not dropped. */
  unknown = ecert_certificate_get_unknown_elements (certificate);
  g_assert_cmpuint (unknown->len, ==, 1);
  g_assert_cmpstr (((EcertUnknownElement *) g_ptr_array_index (unknown, 0))->path, ==,
                   "SPSCertificate/SPSConsignment/IncludedSPSConsignmentItem/"
                   "IncludedSPSTradeLineItem[1]/AppliedSPSProcess/AdditionalInformationSPSNote");
  g_assert_cmpuint (((EcertUnknownElement *) g_ptr_array_index (unknown, 0))->line, ==, 347);
  g_assert_nonnull (strstr (((EcertUnknownElement *) g_ptr_array_index (unknown, 0))->text,
                            "Lot number 8888"));
}


typedef struct
{
  const char *rsm;
  const char *ram;
  const char *udt;
} Namespaces;

static const Namespaces versions[] = {
  { "urn:un:unece:uncefact:data:standard:SPSCertificate:17",
    "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21",
    "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21" },
  { "urn:un:unece:uncefact:data:standard:SPSCertificate:16",
    "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:20",
    "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:20" },
  { "urn:un:unece:uncefact:data:standard:SPSCertificate:20",
    "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:25",
    "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:25" },
};

static char *
generate_certificate (const Namespaces *ns,
                      const char       *date_element)
{
  return ecert_test_template (ns->rsm, ns->ram, ns->udt, date_element);
}

static void
assert_full_certificate (EcertCertificate *certificate)
{
  static const char * const chinese[] = { "zh_CN", NULL };
  const EcertConsignment *consignment = ecert_certificate_get_consignment (certificate);
  const EcertSignatory *signatory = ecert_certificate_get_signatory (certificate);
  const EcertReplacement *replacement = ecert_certificate_get_replacement (certificate);
  EcertReferencedDocument *reference;
  EcertTradeLineItem *line;
  EcertProcess *process;
  EcertPlace *origin;
  EcertParty *consignor;
  g_autoptr(GBytes) attachment = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ecert_certificate_get_unknown_elements (certificate)->len, ==, 0);

  g_assert_cmpstr (ecert_certificate_get_name (certificate), ==, "Phytosanitary Certificate");
  g_assert_cmpstr (ecert_certificate_get_id (certificate), ==, "NZ-2026-000417");
  g_assert_cmpint (g_date_time_get_utc_offset (ecert_certificate_get_issued (certificate)->value)
                   / G_TIME_SPAN_HOUR, ==, 13);
  g_assert_cmpstr (ecert_certificate_get_issuer_name (certificate), ==,
                   "Ministry for Primary Industries");
  g_assert_cmpstr (ecert_texts_pick (((EcertNote *) g_ptr_array_index (
                     ecert_certificate_get_notes (certificate), 0))->contents, chinese),
                   ==, "不带昆士兰实蝇。");

  g_assert_cmpstr (replacement->replaced_id, ==, "NZ-2026-000399");
  g_assert_cmpstr (pick (replacement->reasons), ==, "Wrong vessel name");
  g_assert_false (replacement->date->has_time);

  reference = g_ptr_array_index (ecert_certificate_get_referenced_documents (certificate), 0);
  g_assert_cmpint (g_date_time_get_day_of_month (reference->issued->value), ==, 10);
  g_assert_cmpstr (reference->type_code, ==, "916");
  g_assert_cmpstr (reference->relationship_code, ==, "AAG");
  g_assert_cmpstr (reference->id, ==, "PERMIT-2026-77");
  g_assert_cmpstr (pick (reference->information), ==, "Import permit");
  g_assert_cmpstr (reference->attachment->filename, ==, "permit.txt");
  g_assert_cmpstr (reference->attachment->declared_type, ==, "text/plain");
  g_assert_cmpuint (reference->attachment->size, ==, 29);
  attachment = ecert_certificate_decode_attachment (certificate, reference->attachment, NULL,
                                                    &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (attachment, NULL), g_bytes_get_size (attachment),
                   "Import permit PERMIT-2026-77\n", 29);

  g_assert_false (signatory->actual->has_zone);
  g_assert_cmpstr (signatory->location->id, ==, "NZAKL");
  g_assert_cmpstr (signatory->provider_name, ==, "MPI Verification Services");
  g_assert_cmpstr (signatory->person_name, ==, "Aroha Ngata");
  g_assert_cmpstr (((EcertClause *) g_ptr_array_index (signatory->clauses, 0))->id, ==, "1");

  consignor = consignment->consignor;
  g_assert_cmpuint (consignor->identifiers->len, ==, 2);
  g_assert_cmpstr (((EcertIdentifier *) g_ptr_array_index (consignor->identifiers, 0))->scheme,
                   ==, "NZBN");
  g_assert_cmpstr (consignor->role_code, ==, "CZ");
  g_assert_cmpstr (consignor->address->postcode, ==, "3119");
  g_assert_cmpstr (consignor->address->city, ==, "Tauranga");
  g_assert_cmpstr (consignor->address->country_id, ==, "NZ");
  g_assert_cmpstr (consignor->address->country_name, ==, "New Zealand");
  g_assert_cmpstr (consignor->address->subdivision, ==, "Bay of Plenty");
  g_assert_cmpstr (consignment->consignee->name, ==, "上海鲜果进出口有限公司");
  g_assert_cmpstr (consignment->unloading_port->scheme, ==, "UN/LOCODE");
  g_assert_cmpstr (consignment->examination_location->name, ==, "Mount Maunganui packhouse");
  g_assert_cmpuint (((EcertTransportEquipment *)
                     g_ptr_array_index (consignment->equipment, 0))->seals->len, ==, 2);

  g_assert_cmpstr (((EcertConsignmentItem *) g_ptr_array_index (consignment->items, 0))
                   ->cargo_type_code, ==, "2");
  line = g_ptr_array_index (((EcertConsignmentItem *)
                             g_ptr_array_index (consignment->items, 0))->trade_line_items, 0);
  g_assert_cmpstr (ecert_texts_pick (line->descriptions, chinese), ==, "新鲜猕猴桃");
  g_assert_cmpfloat (line->net_weight->value, ==, 18240.5);
  g_assert_cmpstr (pick (((EcertClassification *)
                          g_ptr_array_index (line->classifications, 0))->names),
                   ==, "Kiwifruit, fresh");
  origin = g_ptr_array_index (line->origins, 0);
  g_assert_cmpstr (origin->subdivision, ==, "Bay of Plenty");
  g_assert_cmpstr (origin->subdivision_level, ==, "1");

  process = g_ptr_array_index (line->processes, 0);
  g_assert_cmpstr (process->type_code, ==, "CT");
  g_assert_true (process->start->has_zone);
  g_assert_cmpint (g_date_time_get_day_of_month (process->end->value), ==, 8);
  g_assert_cmpfloat (process->duration->value, ==, 16);
  g_assert_cmpstr (process->duration->unit, ==, "DAY");
  g_assert_cmpstr (((EcertProcessCharacteristic *)
                    g_ptr_array_index (process->characteristics, 0))->value->unit, ==, "CEL");
}

static GBytes *
encode (const char *xml,
        guint       encoding)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *base64 = NULL;
  gsize length = 0;
  GBytes *content;

  switch (encoding)
    {
    case 0: /* the XML itself, in UTF-8 */
      return g_bytes_new (xml, strlen (xml));

    case 1: /* base64 of UTF-8 */
      base64 = g_base64_encode ((const guchar *) xml, strlen (xml));
      return g_bytes_new (base64, strlen (base64));

    case 2: /* base64 of UTF-16LE with a byte order mark, as .NET hubs send */
      {
        g_autofree char *declared = g_strdup (xml);
        GString *with_bom = g_string_new_len ("\xff\xfe", 2);

        /* The declaration must not claim UTF-8 for UTF-16 bytes. */
        memcpy (strstr (declared, "UTF-8"), "UTF16", 5);
        utf16 = g_convert (declared, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
        g_assert_no_error (error);
        g_string_append_len (with_bom, utf16, length);
        base64 = g_base64_encode ((const guchar *) with_bom->str, with_bom->len);
        g_string_free (with_bom, TRUE);
        return g_bytes_new (base64, strlen (base64));
      }

    default: /* base64 of UTF-16BE without a byte order mark */
      {
        g_autofree char *declared = g_strdup (xml);

        memcpy (strstr (declared, "UTF-8"), "UTF16", 5);
        utf16 = g_convert (declared, -1, "UTF-16BE", "UTF-8", NULL, &length, &error);
        g_assert_no_error (error);
        base64 = g_base64_encode ((const guchar *) utf16, length);
        content = g_bytes_new (base64, strlen (base64));
        return content;
      }
    }
}

static void
test_generated_versions_dates_encodings (void)
{
  static const char *date_elements[] = { "DateTimeString", "DateTime" };
  guint checked = 0;

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    for (guint d = 0; d < G_N_ELEMENTS (date_elements); d++)
      for (guint e = 0; e < 4; e++)
        {
          g_autofree char *xml = generate_certificate (&versions[v], date_elements[d]);
          g_autoptr(GBytes) content = encode (xml, e);
          g_autoptr(GBytes) document = NULL;
          g_autoptr(EcertCertificate) certificate = NULL;
          g_autoptr(GError) error = NULL;

          document = ecert_content_decode_document (g_bytes_get_data (content, NULL),
                                                    g_bytes_get_size (content), &error);
          g_assert_no_error (error);
          certificate = ecert_certificate_new_from_bytes (document, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (ecert_certificate_get_namespace (certificate), ==, versions[v].rsm);
          assert_full_certificate (certificate);
          checked++;
        }

  g_assert_cmpuint (checked, ==, 24);
}

static void
assert_refused (const char *xml,
                int         code,
                const char *mentioned)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCertificate) certificate = ecert_certificate_new_from_bytes (bytes, NULL,
                                                                             &error);

  g_assert_null (certificate);
  g_assert_error (error, ECERT_ERROR, code);
  if (mentioned != NULL && strstr (error->message, mentioned) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentioned);
}

static void
test_refused_documents (void)
{
  assert_refused ("<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'/>",
                  ECERT_ERROR_NOT_SPS_CERTIFICATE, "Envelope");
  assert_refused ("<SPSCertificate xmlns='urn:un:unece:uncefact:data:standard:SPSCertificate:99'>"
                  "<SPSExchangedDocument/></SPSCertificate>",
                  ECERT_ERROR_UNSUPPORTED_VERSION, "SPSCertificate:99");
  assert_refused ("<SPSCertificate/>", ECERT_ERROR_UNSUPPORTED_VERSION, "(none)");
  assert_refused ("<rsm:SPSCertificate xmlns:rsm='urn:un:unece:uncefact:data:standard:"
                  "SPSCertificate:17'/>", ECERT_ERROR_NOT_SPS_CERTIFICATE, "SPSExchangedDocument");
}

static void
test_missing_namespace_declarations (void)
{
  g_autoptr(GBytes) bytes =
    ecert_test_load_reference ("reference/ephyto/DeliverPhytoEnvelope-request-example.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCertificate) certificate = NULL;

  if (bytes == NULL)
    return;

  certificate = ecert_certificate_new_from_bytes (bytes, NULL, &error);
  g_assert_null (certificate);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_NOT_WELL_FORMED);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (strstr (error->message, "soapenv"));
}

static void
test_truncations (void)
{
  g_autofree char *xml = generate_certificate (&versions[0], "DateTimeString");
  gsize length = strrchr (xml, '>') - xml;

  /* 200 cuts spread over the whole document, from the first byte to just
   * before the final ">": never a crash, never a certificate presented as
   * complete. */
  for (guint i = 0; i < 200; i++)
    {
      gsize cut = length * i / 199;
      g_autoptr(GBytes) bytes = g_bytes_new (xml, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(EcertCertificate) certificate = ecert_certificate_new_from_bytes (bytes, NULL,
                                                                                 &error);

      if (certificate != NULL)
        g_error ("a certificate cut at byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
                 " was accepted", cut, length);
      g_assert_true (error != NULL && error->domain == ECERT_ERROR);
    }
}

static void
test_comments_not_shown (void)
{
  g_autofree char *xml = generate_certificate (&versions[0], "DateTimeString");
  g_autoptr(GString) commented = g_string_new (xml);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCertificate) certificate = NULL;

  /* A comment is outside what a C14N-without-comments signature covers. */
  g_string_replace (commented, "<ram:ID>NZ-2026-000417</ram:ID>",
                    "<ram:ID>NZ-2026-<!--FAKE-->000417</ram:ID>", 1);
  bytes = g_bytes_new (commented->str, commented->len);
  certificate = ecert_certificate_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ecert_certificate_get_id (certificate), ==, "NZ-2026-000417");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certificate/sample/document", test_sample_document);
  g_test_add_func ("/certificate/sample/notes", test_sample_notes);
  g_test_add_func ("/certificate/sample/replacement", test_sample_replacement);
  g_test_add_func ("/certificate/sample/consignment", test_sample_consignment);
  g_test_add_func ("/certificate/sample/items", test_sample_items);
  g_test_add_func ("/certificate/sample/attachments", test_sample_attachments);
  g_test_add_func ("/certificate/sample/unknown", test_sample_unknown);
  g_test_add_func ("/certificate/generated/versions-dates-encodings",
                   test_generated_versions_dates_encodings);
  g_test_add_func ("/certificate/refused", test_refused_documents);
  g_test_add_func ("/certificate/missing-namespace-declarations",
                   test_missing_namespace_declarations);
  g_test_add_func ("/certificate/truncations", test_truncations);
  g_test_add_func ("/certificate/comments-not-shown", test_comments_not_shown);

  return g_test_run ();
}
