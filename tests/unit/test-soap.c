/* test-soap.c: the SOAP codec of the hub protocol
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request the client builds and every reply the hub builds is checked
 * against the WSDL's own schemas, then read back.
 */

#include "config.h"

#include "ecert-core.h"
#include "ecert-test-util.h"

#define CERTIFICATE \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<rsm:SPSCertificate xmlns:rsm=\"urn:un:unece:uncefact:data:standard:SPSCertificate:17\"" \
  " xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21\">\n" \
  "  <rsm:SPSExchangedDocument><ram:ID>NZ-2026-000417</ram:ID>" \
  "<ram:TypeCode>851</ram:TypeCode><ram:StatusCode>70</ram:StatusCode></rsm:SPSExchangedDocument>\n" \
  "  <!-- Kiwifruit & \"friends\" <for> 上海 -->\n" \
  "  <rsm:SPSConsignment/>\n" \
  "</rsm:SPSCertificate>\n"

#define ACKNOWLEDGEMENT \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<ack:SPSAcknowledgement xmlns:ack=\"urn:un:unece:uncefact:data:standard:SPSAcknowledgement:17\"" \
  " xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21\"" \
  " xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21\">\n" \
  "  <ack:SPSAcknowledgementDocument>\n" \
  "    <ram:IssueDateTime><udt:DateTimeString>2026-03-15T10:00:00Z</udt:DateTimeString></ram:IssueDateTime>\n" \
  "    <ram:StatusCode>39</ram:StatusCode>\n" \
  "    <ram:ReasonInformation languageID=\"en\">Consignment held: live insects found</ram:ReasonInformation>\n" \
  "    <ram:ReferenceSPSReferencedDocument><ram:TypeCode>851</ram:TypeCode>" \
  "<ram:RelationshipTypeCode>ACE</ram:RelationshipTypeCode><ram:ID>NZ-2026-000417</ram:ID>" \
  "</ram:ReferenceSPSReferencedDocument>\n" \
  "  </ack:SPSAcknowledgementDocument>\n" \
  "</ack:SPSAcknowledgement>\n"

#define SOAP_OPEN \
  "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">" \
  "<soap:Body>"
#define SOAP_CLOSE "</soap:Body></soap:Envelope>"

/* The payload of @message must follow the hub's schemas exactly. */
static void
assert_schema_valid (GBytes   *message,
                     gboolean  is_reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  xmlNode *payload = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (message, &length);

  doc = ecert_soap_parse_message (data, length, is_reply, &payload, &error);
  g_assert_no_error (error);
  g_assert_nonnull (payload);

  g_assert_true (ecert_schema_validate_hub_element (payload, &findings, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      const EcertSchemaFinding *finding = findings->pdata[i];

      g_printerr ("%.*s\n", (int) length, (const char *) data);
      g_printerr ("line %u: %s\n", finding->line, finding->message);
    }
  g_assert_cmpuint (findings->len, ==, 0);
}

static EcertEnvelopeHeader *
sample_header (const char *number)
{
  EcertEnvelopeHeader *header = ecert_envelope_header_new ();

  header->from = g_strdup ("NZ");
  header->to = g_strdup ("CN");
  header->certificate_type = 851;
  header->certificate_status = 70;
  header->nppo_certificate_number = g_strdup ("NZ-2026-000417");
  header->hub_delivery_number = g_strdup (number);
  header->tracking_info = ECERT_TRACKING_INFO_PENDING_DELIVERY;
  return header;
}

static EcertEnvelope *
sample_envelope (const char *number,
                 const char *content)
{
  EcertEnvelope *envelope = g_new0 (EcertEnvelope, 1);

  envelope->header = sample_header (number);
  envelope->content = g_strdup (content);
  return envelope;
}

static void
assert_header_equal (const EcertEnvelopeHeader *a,
                     const EcertEnvelopeHeader *b)
{
  g_assert_cmpstr (a->from, ==, b->from);
  g_assert_cmpstr (a->to, ==, b->to);
  g_assert_cmpint (a->certificate_type, ==, b->certificate_type);
  g_assert_cmpint (a->certificate_status, ==, b->certificate_status);
  g_assert_cmpstr (a->nppo_certificate_number, ==, b->nppo_certificate_number);
  g_assert_cmpstr (a->hub_delivery_number, ==, b->hub_delivery_number);
  g_assert_cmpint (a->tracking_info, ==, b->tracking_info);
  g_assert_cmpstr (a->hub_delivery_error_message, ==, b->hub_delivery_error_message);
  g_assert_cmpuint (a->forwardings->len, ==, b->forwardings->len);
  for (guint i = 0; i < a->forwardings->len; i++)
    {
      const EcertEnvelopeForwarding *fa = a->forwardings->pdata[i];
      const EcertEnvelopeForwarding *fb = b->forwardings->pdata[i];

      g_assert_cmpstr (fa->code, ==, fb->code);
      g_assert_cmpstr (fa->hub_delivery_number, ==, fb->hub_delivery_number);
    }
}

static void
test_operations (void)
{
  EcertSoapOperation operation;
  EcertHubCodeList list;

  g_assert_cmpstr (ecert_soap_operation_get_action (ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS), ==,
                   "http://ephyto.ippc.int/IDeliveryService/GetImportEnvelopeHeaders");
  /* The WSDL's binding, not the operation's name. */
  g_assert_cmpstr (ecert_soap_operation_get_action (ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT),
                   ==, "http://ephyto.ippc.int/IDeliveryService/NegativeAcknowledgeEnvelopeReceipt");

  for (guint i = 0; i < ECERT_SOAP_OPERATION_COUNT; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"",
                                                 ecert_soap_operation_get_action (i));

      g_assert_true (ecert_soap_operation_from_name (ecert_soap_operation_get_name (i), &operation));
      g_assert_cmpint (operation, ==, i);
      g_assert_true (ecert_soap_operation_from_action (quoted, &operation));
      g_assert_cmpint (operation, ==, i);
    }

  g_assert_false (ecert_soap_operation_from_action ("\"http://example.org/Other\"", &operation));
  g_assert_false (ecert_soap_operation_from_action (NULL, &operation));
  g_assert_false (ecert_soap_operation_from_name ("SetTrackingInfoUpdate", &operation));

  g_assert_false (ecert_soap_operation_is_idempotent (ECERT_SOAP_DELIVER_ENVELOPE));
  g_assert_true (ecert_soap_operation_is_idempotent (ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT));

  for (guint i = 0; i < ECERT_HUB_CODE_LIST_COUNT; i++)
    {
      operation = ecert_soap_operation_for_code_list (i);
      g_assert_true (ecert_soap_operation_get_code_list (operation, &list));
      g_assert_cmpint (list, ==, i);
    }
  g_assert_false (ecert_soap_operation_get_code_list (ECERT_SOAP_GET_PROFILE, &list));
}

static void
test_tracking_info (void)
{
  for (EcertTrackingInfo info = ECERT_TRACKING_INFO_PENDING_DELIVERY;
       info <= ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE; info++)
    g_assert_cmpint (ecert_tracking_info_from_string (ecert_tracking_info_to_string (info)), ==,
                     info);

  g_assert_cmpstr (ecert_tracking_info_to_string (ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS),
                   ==, "DeliveredWithWarnings");
  g_assert_null (ecert_tracking_info_to_string (ECERT_TRACKING_INFO_UNKNOWN));
  g_assert_cmpint (ecert_tracking_info_from_string ("Lost"), ==, ECERT_TRACKING_INFO_UNKNOWN);
  g_assert_true (ecert_tracking_info_is_delivered (ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE));
  g_assert_false (ecert_tracking_info_is_delivered (ECERT_TRACKING_INFO_FAILED_DELIVERY));
}

static EcertSoapRequest *
sample_request (EcertSoapOperation operation)
{
  EcertSoapRequest *request = ecert_soap_request_new (operation);

  switch (operation)
    {
    case ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS:
      request->country_code = g_strdup ("CN");
      break;
    case ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE:
    case ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO:
      request->hub_tracking_number = g_strdup ("9f0c6a52-7d1e-4a43-8f57-2b6a1c1d0e11");
      break;
    case ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT:
      request->hub_tracking_number = g_strdup ("9f0c6a52-7d1e-4a43-8f57-2b6a1c1d0e11");
      request->message = g_strdup ("Not schema-valid: <ram:ID> missing & more");
      break;
    case ECERT_SOAP_DELIVER_ENVELOPE:
      request->envelope = sample_envelope (NULL, CERTIFICATE);
      request->envelope->header->tracking_info = ECERT_TRACKING_INFO_UNKNOWN;
      break;
    case ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE:
      request->envelope = sample_envelope (NULL, ACKNOWLEDGEMENT);
      g_free (request->envelope->header->from);
      g_free (request->envelope->header->to);
      request->envelope->header->from = g_strdup ("CN");
      request->envelope->header->to = g_strdup ("NZ");
      request->envelope->header->tracking_info = ECERT_TRACKING_INFO_UNKNOWN;
      break;
    case ECERT_SOAP_PULL_IMPORT_ENVELOPE:
    case ECERT_SOAP_GET_PROFILE:
    case ECERT_SOAP_GET_ACTIVE_NPPOS:
    case ECERT_SOAP_GET_STATEMENTS:
    case ECERT_SOAP_GET_TREATMENT_TYPES:
    case ECERT_SOAP_GET_INTENDED_USES:
    case ECERT_SOAP_GET_UNIT_MEASURES:
    case ECERT_SOAP_GET_MEAN_OF_TRANSPORTS:
    case ECERT_SOAP_GET_PACKAGE_TYPES:
    case ECERT_SOAP_GET_PRODUCT_DESCRIPTIONS:
    case ECERT_SOAP_GET_ADDITIONAL_DECLARATIONS:
    case ECERT_SOAP_GET_CONDITIONS:
    case ECERT_SOAP_GET_PESTICIDES:
    default:
      break;
    }

  return request;
}

static void
test_requests (void)
{
  for (guint i = 0; i < ECERT_SOAP_OPERATION_COUNT; i++)
    {
      g_autoptr(EcertSoapRequest) request = sample_request (i);
      g_autoptr(EcertSoapRequest) parsed = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", ecert_soap_operation_get_name (i));
      bytes = ecert_soap_request_to_bytes (request, &error);
      g_assert_no_error (error);
      assert_schema_valid (bytes, FALSE);

      parsed = ecert_soap_request_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                         &error);
      g_assert_no_error (error);
      g_assert_cmpint (parsed->operation, ==, i);
      g_assert_cmpstr (parsed->country_code, ==, request->country_code);
      g_assert_cmpstr (parsed->hub_tracking_number, ==, request->hub_tracking_number);
      g_assert_cmpstr (parsed->message, ==, request->message);
      g_assert_true ((parsed->envelope == NULL) == (request->envelope == NULL));
      if (request->envelope != NULL)
        assert_header_equal (parsed->envelope->header, request->envelope->header);
    }
}

static void
test_request_content (void)
{
  g_autoptr(EcertSoapRequest) request = sample_request (ECERT_SOAP_DELIVER_ENVELOPE);
  g_autoptr(EcertSoapRequest) parsed = NULL;
  g_autoptr(EcertSoapRequest) response = sample_request (ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE);
  g_autoptr(EcertSoapRequest) parsed_response = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  /* The document travels as text and comes back byte for byte. */
  bytes = ecert_soap_request_to_bytes (request, &error);
  g_assert_no_error (error);
  parsed = ecert_soap_request_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->envelope->content, ==, CERTIFICATE);

  /* A country response travels as an element and comes back as a document
   * of its own. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = ecert_soap_request_to_bytes (response, &error);
  g_assert_no_error (error);
  parsed_response = ecert_soap_request_parse (g_bytes_get_data (bytes, NULL),
                                              g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed_response->envelope->content);
  doc = ecert_xml_parse ((const guint8 *) parsed_response->envelope->content,
                         strlen (parsed_response->envelope->content), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ecert_xml_is_element (xmlDocGetRootElement (doc),
                                       "urn:un:unece:uncefact:data:standard:SPSAcknowledgement:17",
                                       "SPSAcknowledgement"));
  g_assert_nonnull (strstr (parsed_response->envelope->content, "live insects found"));
}

static void
test_request_errors (void)
{
  g_autoptr(EcertSoapRequest) ack = ecert_soap_request_new (ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT);
  g_autoptr(EcertSoapRequest) failed = ecert_soap_request_new (ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT);
  g_autoptr(EcertSoapRequest) deliver = ecert_soap_request_new (ECERT_SOAP_DELIVER_ENVELOPE);
  g_autoptr(EcertSoapRequest) response = sample_request (ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  EcertSoapRequest *parsed;
  const char *unknown = SOAP_OPEN "<x:SetTrackingInfoUpdate xmlns:x=\"http://ephyto.ippc.int/\"/>"
                        SOAP_CLOSE;
  const char *no_number = SOAP_OPEN "<x:AcknowledgeEnvelopeReceipt "
                          "xmlns:x=\"http://ephyto.ippc.int/\"/>" SOAP_CLOSE;

  bytes = ecert_soap_request_to_bytes (ack, &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_assert_null (bytes);
  g_clear_error (&error);

  failed->hub_tracking_number = g_strdup ("1");
  bytes = ecert_soap_request_to_bytes (failed, &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  bytes = ecert_soap_request_to_bytes (deliver, &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A country response is an SPSAcknowledgement, not a certificate. */
  g_free (response->envelope->content);
  response->envelope->content = g_strdup (CERTIFICATE);
  bytes = ecert_soap_request_to_bytes (response, &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_assert_null (bytes);
  g_clear_error (&error);

  parsed = ecert_soap_request_parse ((const guint8 *) unknown, strlen (unknown), &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_SOAP);
  g_assert_nonnull (strstr (error->message, "SetTrackingInfoUpdate"));
  g_assert_null (parsed);
  g_clear_error (&error);

  parsed = ecert_soap_request_parse ((const guint8 *) no_number, strlen (no_number), &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_SOAP);
  g_assert_null (parsed);
}

static EcertNppo *
sample_nppo (const char *country)
{
  EcertNppo *nppo = ecert_nppo_new (country);

  nppo->receive = g_strdup ("PULL");
  nppo->send = g_strdup ("PUSH");
  ecert_nppo_add_document (nppo, 851, "Phytosanitary Certificate", 70, "Issued", TRUE);
  ecert_nppo_add_document (nppo, 657, "Re-export Phytosanitary Certificate", 40, "Withdrawn",
                           FALSE);
  nppo->signing_dn = g_strdup_printf ("CN=%s NPPO signing CA,C=%s", country, country);
  nppo->signing_certificate = g_strdup ("MIIBkTCB+wIJAKHBfpE=");
  return nppo;
}

static void
fill_code_entries (EcertSoapReply   *reply,
                   EcertHubCodeList  list)
{
  for (guint n = 0; n < 2; n++)
    {
      EcertHubCodeEntry *entry = ecert_hub_code_entry_new (list);

      for (const char * const *field = ecert_hub_code_list_get_fields (list); *field != NULL;
           field++)
        {
          g_autofree char *value = NULL;

          if (g_str_equal (*field, "active"))
            value = g_strdup (n == 0 ? "true" : "false");
          else if (g_str_equal (*field, "lastModified"))
            value = g_strdup ("2024-02-01T08:00:00Z");
          else if (g_str_equal (*field, "level") || g_str_equal (*field, "docTypeOnly") ||
                   g_str_equal (*field, "modeCode"))
            value = g_strdup_printf ("%u", n + 1);
          else if (g_str_equal (*field, "type"))
            value = g_strdup ("WEIGHT");
          else
            value = g_strdup_printf ("%s %u & <%s>", *field, n, "x");

          g_assert_true (ecert_hub_code_entry_set (entry, *field, value));
        }

      g_assert_false (ecert_hub_code_entry_set (entry, "noSuchField", "x"));
      g_ptr_array_add (reply->code_entries, entry);
    }
}

static EcertSoapReply *
sample_reply (EcertSoapOperation operation)
{
  EcertSoapReply *reply = ecert_soap_reply_new (operation);
  EcertHubCodeList list;
  EcertEnvelopeHeader *header;

  switch (operation)
    {
    case ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS:
      header = sample_header ("a1");
      ecert_envelope_header_list_add (reply->headers, header);
      ecert_envelope_header_free (header);
      header = sample_header ("a2");
      header->certificate_status = 40;
      ecert_envelope_header_add_forwarding (header, "IPPC-GENS", "g-77");
      ecert_envelope_header_add_forwarding (header, "ASEAN", NULL);
      ecert_envelope_header_list_add (reply->headers, header);
      ecert_envelope_header_free (header);
      break;
    case ECERT_SOAP_PULL_IMPORT_ENVELOPE:
      g_ptr_array_add (reply->envelopes, sample_envelope ("a1", CERTIFICATE));
      g_ptr_array_add (reply->envelopes, sample_envelope ("a2", "PD94bWwgdmVyc2lvbj0iMS4wIj8+"));
      break;
    case ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE:
      reply->envelope = sample_envelope ("a1", CERTIFICATE);
      break;
    case ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO:
      reply->header = sample_header ("a1");
      reply->header->tracking_info = ECERT_TRACKING_INFO_FAILED_DELIVERY;
      reply->header->hub_delivery_error_message = g_strdup ("The NPPO of CN is not active");
      break;
    case ECERT_SOAP_DELIVER_ENVELOPE:
    case ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE:
      reply->header = sample_header ("new-1");
      break;
    case ECERT_SOAP_GET_PROFILE:
      reply->nppo = sample_nppo ("CN");
      break;
    case ECERT_SOAP_GET_ACTIVE_NPPOS:
      g_ptr_array_add (reply->nppos, sample_nppo ("NZ"));
      g_ptr_array_add (reply->nppos, sample_nppo ("AR"));
      g_ptr_array_add (reply->nppos, ecert_nppo_new ("KE"));
      break;
    case ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT:
      reply->text = g_strdup ("OK");
      break;
    case ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT:
      break;
    case ECERT_SOAP_GET_STATEMENTS:
    case ECERT_SOAP_GET_TREATMENT_TYPES:
    case ECERT_SOAP_GET_INTENDED_USES:
    case ECERT_SOAP_GET_UNIT_MEASURES:
    case ECERT_SOAP_GET_MEAN_OF_TRANSPORTS:
    case ECERT_SOAP_GET_PACKAGE_TYPES:
    case ECERT_SOAP_GET_PRODUCT_DESCRIPTIONS:
    case ECERT_SOAP_GET_ADDITIONAL_DECLARATIONS:
    case ECERT_SOAP_GET_CONDITIONS:
    case ECERT_SOAP_GET_PESTICIDES:
    default:
      g_assert_true (ecert_soap_operation_get_code_list (operation, &list));
      fill_code_entries (reply, list);
      break;
    }

  return reply;
}

static void
assert_nppo_equal (const EcertNppo *a,
                   const EcertNppo *b)
{
  g_assert_cmpstr (a->country, ==, b->country);
  g_assert_cmpstr (a->receive, ==, b->receive);
  g_assert_cmpstr (a->send, ==, b->send);
  g_assert_cmpstr (a->signing_dn, ==, b->signing_dn);
  g_assert_cmpstr (a->signing_certificate, ==, b->signing_certificate);
  g_assert_cmpuint (a->documents->len, ==, b->documents->len);
  for (guint i = 0; i < a->documents->len; i++)
    {
      const EcertNppoDocument *da = a->documents->pdata[i];
      const EcertNppoDocument *db = b->documents->pdata[i];

      g_assert_cmpint (da->certificate_type, ==, db->certificate_type);
      g_assert_cmpstr (da->certificate_type_name, ==, db->certificate_type_name);
      g_assert_cmpint (da->certificate_status, ==, db->certificate_status);
      g_assert_cmpstr (da->certificate_status_name, ==, db->certificate_status_name);
      g_assert_cmpint (da->active, ==, db->active);
    }
}

static void
assert_header_list_equal (EcertEnvelopeHeaderList *a,
                          EcertEnvelopeHeaderList *b)
{
  g_assert_cmpuint (ecert_envelope_header_list_get_length (a), ==,
                    ecert_envelope_header_list_get_length (b));
  for (guint i = 0; i < ecert_envelope_header_list_get_length (a); i++)
    {
      g_autoptr(EcertEnvelopeHeader) ha = ecert_envelope_header_list_get (a, i);
      g_autoptr(EcertEnvelopeHeader) hb = ecert_envelope_header_list_get (b, i);

      assert_header_equal (ha, hb);
      g_assert_cmpstr (ecert_envelope_header_list_get_delivery_number (b, i), ==,
                       hb->hub_delivery_number);
    }
}

static void
assert_reply_equal (const EcertSoapReply *a,
                    const EcertSoapReply *b)
{
  g_assert_cmpint (a->operation, ==, b->operation);
  assert_header_list_equal (a->headers, b->headers);

  g_assert_cmpuint (a->envelopes->len, ==, b->envelopes->len);
  for (guint i = 0; i < a->envelopes->len; i++)
    {
      const EcertEnvelope *ea = a->envelopes->pdata[i];
      const EcertEnvelope *eb = b->envelopes->pdata[i];

      assert_header_equal (ea->header, eb->header);
      g_assert_cmpstr (ea->content, ==, eb->content);
    }

  g_assert_true ((a->envelope == NULL) == (b->envelope == NULL));
  if (a->envelope != NULL)
    {
      assert_header_equal (a->envelope->header, b->envelope->header);
      g_assert_cmpstr (a->envelope->content, ==, b->envelope->content);
    }

  g_assert_true ((a->header == NULL) == (b->header == NULL));
  if (a->header != NULL)
    assert_header_equal (a->header, b->header);

  g_assert_true ((a->nppo == NULL) == (b->nppo == NULL));
  if (a->nppo != NULL)
    assert_nppo_equal (a->nppo, b->nppo);

  g_assert_cmpuint (a->nppos->len, ==, b->nppos->len);
  for (guint i = 0; i < a->nppos->len; i++)
    assert_nppo_equal (a->nppos->pdata[i], b->nppos->pdata[i]);

  g_assert_cmpuint (a->code_entries->len, ==, b->code_entries->len);
  for (guint i = 0; i < a->code_entries->len; i++)
    {
      const EcertHubCodeEntry *ea = a->code_entries->pdata[i];
      const EcertHubCodeEntry *eb = b->code_entries->pdata[i];

      g_assert_cmpint (ea->list, ==, eb->list);
      for (const char * const *field = ecert_hub_code_list_get_fields (ea->list); *field != NULL;
           field++)
        g_assert_cmpstr (ecert_hub_code_entry_get (ea, *field), ==,
                         ecert_hub_code_entry_get (eb, *field));
    }

  g_assert_cmpstr (a->text, ==, b->text);
}

static void
test_replies (void)
{
  for (guint i = 0; i < ECERT_SOAP_OPERATION_COUNT; i++)
    {
      g_autoptr(EcertSoapReply) reply = sample_reply (i);
      g_autoptr(EcertSoapReply) parsed = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%sResponse", ecert_soap_operation_get_name (i));
      bytes = ecert_soap_reply_to_bytes (reply);
      assert_schema_valid (bytes, TRUE);

      parsed = ecert_soap_reply_parse (i, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       &error);
      g_assert_no_error (error);
      assert_reply_equal (reply, parsed);
    }
}

static void
test_empty_replies (void)
{
  /* Nothing pending, no such envelope: the hub leaves the result out. */
  const EcertSoapOperation operations[] = {
    ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS,
    ECERT_SOAP_PULL_IMPORT_ENVELOPE,
    ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE,
    ECERT_SOAP_GET_PROFILE,
    ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO,
    ECERT_SOAP_GET_PESTICIDES,
  };

  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      g_autoptr(EcertSoapReply) reply = ecert_soap_reply_new (operations[i]);
      g_autoptr(EcertSoapReply) parsed = NULL;
      g_autoptr(GBytes) bytes = ecert_soap_reply_to_bytes (reply);
      g_autoptr(GError) error = NULL;

      assert_schema_valid (bytes, TRUE);
      parsed = ecert_soap_reply_parse (operations[i], g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
      assert_reply_equal (reply, parsed);
    }
}

/* What other SOAP stacks send: prefixes of their own, CDATA, nil items,
 * unqualified children, fields this program does not know. */
static void
test_foreign_reply (void)
{
  const char *text =
    "<?xml version=\"1.0\"?>\n"
    "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
    " <S:Header/>\n"
    " <S:Body>\n"
    "  <ns2:PULLImportEnvelopeResponse xmlns:ns2=\"http://ephyto.ippc.int/\""
    "   xmlns:ns3=\"http://ephyto.ippc.int/HUB.Entities\""
    "   xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    "   <ns2:PULLImportEnvelopeResult>\n"
    "    <ns3:Envelope xsi:nil=\"true\"/>\n"
    "    <ns3:Envelope>\n"
    "     <From>AR</From><To>CN</To><CertificateType>851</CertificateType>\n"
    "     <CertificateStatus>70</CertificateStatus><NPPOCertificateNumber>AR 1</NPPOCertificateNumber>\n"
    "     <hubDeliveryNumber>x-1</hubDeliveryNumber><HUBTrackingInfo>PendingDelivery</HUBTrackingInfo>\n"
    "     <Unexpected>ignored</Unexpected>\n"
    "     <Content><![CDATA[<a>&amp;</a>]]></Content>\n"
    "    </ns3:Envelope>\n"
    "   </ns2:PULLImportEnvelopeResult>\n"
    "  </ns2:PULLImportEnvelopeResponse>\n"
    " </S:Body>\n"
    "</S:Envelope>\n";
  const char *codes =
    SOAP_OPEN "<e:GetUnitMeasuresResponse xmlns:e=\"http://ephyto.ippc.int/\">"
    "<e:UnitMeasure><active>false</active><code>KGM</code><name>Kilogram</name>"
    "<symbol>kg</symbol><future>x</future></e:UnitMeasure>"
    "</e:GetUnitMeasuresResponse>" SOAP_CLOSE;
  g_autoptr(EcertSoapReply) reply = NULL;
  g_autoptr(EcertSoapReply) units = NULL;
  g_autoptr(GError) error = NULL;
  const EcertEnvelope *envelope;
  const EcertHubCodeEntry *entry;

  reply = ecert_soap_reply_parse (ECERT_SOAP_PULL_IMPORT_ENVELOPE, (const guint8 *) text,
                                  strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reply->envelopes->len, ==, 1);
  envelope = reply->envelopes->pdata[0];
  g_assert_cmpstr (envelope->header->from, ==, "AR");
  g_assert_cmpstr (envelope->header->nppo_certificate_number, ==, "AR 1");
  g_assert_cmpint (envelope->header->tracking_info, ==, ECERT_TRACKING_INFO_PENDING_DELIVERY);
  g_assert_cmpstr (envelope->content, ==, "<a>&amp;</a>");

  units = ecert_soap_reply_parse (ECERT_SOAP_GET_UNIT_MEASURES, (const guint8 *) codes,
                                  strlen (codes), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->code_entries->len, ==, 1);
  entry = units->code_entries->pdata[0];
  g_assert_cmpstr (ecert_hub_code_entry_get_code (entry), ==, "KGM");
  g_assert_cmpstr (ecert_hub_code_entry_get_label (entry), ==, "Kilogram");
  g_assert_cmpstr (ecert_hub_code_entry_get (entry, "symbol"), ==, "kg");
  g_assert_null (ecert_hub_code_entry_get (entry, "future"));
  g_assert_false (ecert_hub_code_entry_is_active (entry));
}

static void
assert_reply_error (EcertSoapOperation  operation,
                    const char         *text,
                    gsize               length,
                    int                 code,
                    const char         *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertSoapReply) reply = NULL;

  reply = ecert_soap_reply_parse (operation, (const guint8 *) text, length, &error);
  g_assert_null (reply);
  g_assert_error (error, ECERT_ERROR, code);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, expected);
}

static void
test_faults (void)
{
  g_autoptr(GBytes) hub_fault = ecert_soap_build_fault (ECERT_SOAP_FAULT_CLIENT,
                                                        "Envelope 42 does not exist", TRUE);
  g_autoptr(GBytes) plain_fault = ecert_soap_build_fault (ECERT_SOAP_FAULT_SERVER,
                                                          "NullPointerException", FALSE);
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;
  xmlNode *exception;

  data = g_bytes_get_data (hub_fault, &length);
  assert_reply_error (ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE, data, length,
                      ECERT_ERROR_HUB_FAULT, "Envelope 42 does not exist");

  /* The detail is the WSDL's HubWebException. */
  doc = ecert_xml_parse ((const guint8 *) data, length, NULL, &error);
  g_assert_no_error (error);
  exception = xmlDocGetRootElement (doc)->children->children->children;
  while (exception != NULL && !ecert_xml_is_element (exception, NULL, "detail"))
    exception = exception->next;
  g_assert_nonnull (exception);
  g_assert_true (ecert_schema_validate_hub_element (exception->children, &findings, &error));
  g_assert_cmpuint (findings->len, ==, 0);

  data = g_bytes_get_data (plain_fault, &length);
  assert_reply_error (ECERT_SOAP_GET_PROFILE, data, length, ECERT_ERROR_SOAP,
                      "NullPointerException");
}

/* A hub words its own faults: what it wrote is quoted with its controls and
 * bidi characters made visible, on one line, and cut short. */
static void
test_hostile_fault (void)
{
  g_autoptr(GString) text = g_string_new ("Denied \u202Eexe.dab\u202C\xC2\x9B" "2J\nnext line ");
  g_autoptr(GBytes) fault = NULL;
  g_autoptr(EcertSoapReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "padding ");
  fault = ecert_soap_build_fault (ECERT_SOAP_FAULT_CLIENT, text->str, TRUE);
  data = g_bytes_get_data (fault, &length);
  reply = ecert_soap_reply_parse (ECERT_SOAP_GET_PROFILE, (const guint8 *) data, length, &error);

  g_assert_null (reply);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT);
  g_assert_nonnull (strstr (error->message, "Denied <U+202E>exe.dab<U+202C><U+009B>2J next line"));
  g_assert_null (strstr (error->message, "\xC2\x9B"));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strstr (error->message, "\u202E"));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 1000);
}

static void
test_bad_replies (void)
{
  g_autoptr(EcertSoapReply) reply = sample_reply (ECERT_SOAP_PULL_IMPORT_ENVELOPE);
  g_autoptr(GBytes) bytes = ecert_soap_reply_to_bytes (reply);
  const char *html = "\n<!DOCTYPE html>\n<html><head><title>502 Bad\n  Gateway</title></head>"
                     "<body><h1>Bad Gateway</h1></body></html>";
  const char *untitled = "<HTML><BODY>Service unavailable</BODY></HTML>";
  const char *entity = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]>"
                       SOAP_OPEN "<x>&a;</x>" SOAP_CLOSE;
  const char *not_soap = "<GetProfileResponse xmlns=\"http://ephyto.ippc.int/\"/>";
  const char *soap12 = "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\">"
                       "<e:Body/></e:Envelope>";
  const char *empty_body = SOAP_OPEN SOAP_CLOSE;
  const char *wrong = SOAP_OPEN "<e:GetProfileResponse xmlns:e=\"http://ephyto.ippc.int/\"/>"
                      SOAP_CLOSE;
  const char *bad_number = SOAP_OPEN "<e:GetEnvelopeTrackingInfoResponse "
                           "xmlns:e=\"http://ephyto.ippc.int/\"><e:GetEnvelopeTrackingInfoResult>"
                           "<CertificateType>eight</CertificateType>"
                           "</e:GetEnvelopeTrackingInfoResult>"
                           "</e:GetEnvelopeTrackingInfoResponse>" SOAP_CLOSE;

  assert_reply_error (ECERT_SOAP_GET_PROFILE, html, strlen (html), ECERT_ERROR_SOAP,
                      "web page (“502 Bad Gateway”)");
  assert_reply_error (ECERT_SOAP_GET_PROFILE, untitled, strlen (untitled), ECERT_ERROR_SOAP,
                      "web page");
  assert_reply_error (ECERT_SOAP_GET_PROFILE, "", 0, ECERT_ERROR_SOAP, "empty");
  assert_reply_error (ECERT_SOAP_GET_PROFILE, "Internal error", 14, ECERT_ERROR_SOAP,
                      "cannot be read");
  assert_reply_error (ECERT_SOAP_GET_PROFILE, entity, strlen (entity), ECERT_ERROR_SOAP,
                      "DOCTYPE");
  assert_reply_error (ECERT_SOAP_GET_PROFILE, not_soap, strlen (not_soap), ECERT_ERROR_SOAP,
                      "not a SOAP message");
  assert_reply_error (ECERT_SOAP_GET_PROFILE, soap12, strlen (soap12), ECERT_ERROR_SOAP,
                      "SOAP 1.2");
  assert_reply_error (ECERT_SOAP_GET_PROFILE, empty_body, strlen (empty_body), ECERT_ERROR_SOAP,
                      "nothing in its body");
  assert_reply_error (ECERT_SOAP_GET_ACTIVE_NPPOS, wrong, strlen (wrong), ECERT_ERROR_SOAP,
                      "GetActiveNpposResponse was expected");
  assert_reply_error (ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO, bad_number, strlen (bad_number),
                      ECERT_ERROR_SOAP, "“eight”");

  /* Cut off anywhere, a reply is an error, never a shorter list. */
  for (gsize cut = 1; cut < g_bytes_get_size (bytes); cut += 97)
    assert_reply_error (ECERT_SOAP_PULL_IMPORT_ENVELOPE, g_bytes_get_data (bytes, NULL), cut,
                        ECERT_ERROR_SOAP, "cut off");
}

static void
test_validation_findings (void)
{
  const char *wrong_order =
    SOAP_OPEN "<e:GetEnvelopeTrackingInfoResponse xmlns:e=\"http://ephyto.ippc.int/\""
    " xmlns:h=\"http://ephyto.ippc.int/HUB.Entities\"><e:GetEnvelopeTrackingInfoResult>"
    "<h:To>CN</h:To><h:From>NZ</h:From></e:GetEnvelopeTrackingInfoResult>"
    "</e:GetEnvelopeTrackingInfoResponse>" SOAP_CLOSE;
  const char *undeclared = SOAP_OPEN "<e:NoSuchOperation xmlns:e=\"http://ephyto.ippc.int/\"/>"
                           SOAP_CLOSE;
  const char *texts[] = { wrong_order, undeclared };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(xmlDoc) doc = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GError) error = NULL;
      xmlNode *payload = NULL;

      doc = ecert_soap_parse_message ((const guint8 *) texts[i], strlen (texts[i]), TRUE,
                                      &payload, &error);
      g_assert_no_error (error);
      g_assert_true (ecert_schema_validate_hub_element (payload, &findings, &error));
      g_assert_cmpuint (findings->len, >, 0);
    }
}

static char *
read_pem (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("ECERT_TEST_DATA_DIR"), "pki", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_nppo_certificates (void)
{
  g_autoptr(EcertNppo) nppo = ecert_nppo_new ("NZ");
  g_autofree char *pem = read_pem ("nz-root.pem");
  g_autoptr(GBytes) from_pem = NULL;
  g_autoptr(GBytes) from_der = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *base64 = NULL;

  from_pem = ecert_nppo_get_signing_certificates_pem (nppo, &error);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_SOAP);
  g_assert_null (from_pem);
  g_clear_error (&error);

  nppo->signing_certificate = g_strdup (pem);
  from_pem = ecert_nppo_get_signing_certificates_pem (nppo, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (from_pem, NULL), g_bytes_get_size (from_pem),
                   pem, strlen (pem));

  /* Bare base64 of the DER, as some hubs give it. */
  lines = g_strsplit (pem, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "-----"))
      lines[i][0] = '\0';
  base64 = g_strjoinv ("", lines);
  g_free (nppo->signing_certificate);
  nppo->signing_certificate = g_strdup (strstr (base64, "-----") == NULL ? base64 : "");
  from_der = ecert_nppo_get_signing_certificates_pem (nppo, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (from_der, NULL), g_bytes_get_size (from_der),
                   pem, strlen (pem));

  g_free (nppo->signing_certificate);
  nppo->signing_certificate = g_strdup ("bm90IGEgY2VydGlmaWNhdGU=");
  g_assert_null (ecert_nppo_get_signing_certificates_pem (nppo, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_SOAP);
}

static void
test_copies (void)
{
  g_autoptr(EcertEnvelope) envelope = sample_envelope ("a1", CERTIFICATE);
  g_autoptr(EcertEnvelope) envelope_copy = NULL;
  g_autoptr(EcertNppo) nppo = sample_nppo ("NZ");
  g_autoptr(EcertNppo) nppo_copy = ecert_nppo_copy (nppo);
  g_autoptr(EcertHubCodeEntry) entry = ecert_hub_code_entry_new (ECERT_HUB_CODE_LIST_MEANS_OF_TRANSPORT);
  g_autoptr(EcertHubCodeEntry) entry_copy = NULL;

  ecert_envelope_header_add_forwarding (envelope->header, "GENS", "7");
  envelope_copy = ecert_envelope_copy (envelope);
  assert_header_equal (envelope->header, envelope_copy->header);
  g_assert_cmpstr (envelope->content, ==, envelope_copy->content);
  assert_nppo_equal (nppo, nppo_copy);

  ecert_hub_code_entry_set (entry, "modeCode", "1");
  ecert_hub_code_entry_set (entry, "usedTransportMean", "Maritime");
  entry_copy = ecert_hub_code_entry_copy (entry);
  g_assert_cmpstr (ecert_hub_code_entry_get_code (entry_copy), ==, "1");
  g_assert_cmpstr (ecert_hub_code_entry_get_label (entry_copy), ==, "Maritime");
  g_assert_true (ecert_hub_code_entry_is_active (entry_copy));
}


/* Lists of headers, read as they arrive */

static EcertSoapReply *
read_list_in_pieces (const char  *text,
                     gsize        length,
                     gsize        piece,
                     GError     **error)
{
  g_autoptr(EcertSoapReplyReader) reader =
    ecert_soap_reply_reader_new (ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS,
                                 ECERT_SOAP_DEFAULT_MAX_SIZE);

  for (gsize offset = 0; offset < length; offset += piece)
    if (!ecert_soap_reply_reader_feed (reader, (const guint8 *) text + offset,
                                       MIN (piece, length - offset)))
      break;

  g_assert_cmpuint (ecert_soap_reply_reader_get_size (reader), <=, length);
  return ecert_soap_reply_reader_finish (reader, error);
}

/* Piece sizes around the 8 KiB a reader holds before it starts parsing. */
static const gsize list_pieces[] = { 1, 7, 100, 8191, 8192, 8193, 65536, G_MAXSIZE };

static EcertEnvelopeHeader *
numbered_header (guint n)
{
  g_autofree char *number = g_strdup_printf ("8d7f3c2a-5b1e-4c9a-9f0e-%012u", n);
  EcertEnvelopeHeader *header = sample_header (number);

  g_free (header->nppo_certificate_number);
  header->nppo_certificate_number = g_strdup_printf ("NZ/2026/PHYTO/%010u", n);
  if (n % 20 == 0)
    ecert_envelope_header_add_forwarding (header, "IPPC-GENS", number);
  return header;
}

static GBytes *
list_reply (guint count)
{
  g_autoptr(EcertSoapReply) reply = ecert_soap_reply_new (ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS);

  for (guint n = 0; n < count; n++)
    {
      g_autoptr(EcertEnvelopeHeader) header = numbered_header (n);

      ecert_envelope_header_list_add (reply->headers, header);
    }

  return ecert_soap_reply_to_bytes (reply);
}

/* However the list arrives, it is the list that was sent; one several
 * times larger than what a reader holds at once is read too, so what was
 * read is not held. */
static void
test_header_list_pieces (void)
{
  g_autoptr(GBytes) bytes = list_reply (10000);
  g_autoptr(EcertSoapReply) whole = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  g_assert_cmpuint (length, >, 2 * ECERT_SOAP_MAX_LIST_PART_SIZE);
  whole = ecert_soap_reply_parse (ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS, (const guint8 *) data,
                                  length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ecert_envelope_header_list_get_length (whole->headers), ==, 10000);
  for (guint n = 0; n < 10000; n += 997)
    {
      g_autoptr(EcertEnvelopeHeader) expected = numbered_header (n);
      g_autoptr(EcertEnvelopeHeader) got = ecert_envelope_header_list_get (whole->headers, n);

      assert_header_equal (expected, got);
    }

  for (guint i = 0; i < G_N_ELEMENTS (list_pieces); i++)
    {
      g_autoptr(EcertSoapReply) reply = NULL;

      /* Byte by byte, a few megabytes take long: a shorter list will do. */
      if (list_pieces[i] < 100)
        continue;
      reply = read_list_in_pieces (data, length, list_pieces[i], &error);
      g_assert_no_error (error);
      assert_reply_equal (whole, reply);
    }
}

/* What other SOAP stacks send, as in test_foreign_reply(), in any pieces:
 * nil headers, comments and elements of other names between them are
 * passed over, as a reply read whole would. */
static void
test_header_list_foreign (void)
{
  const char *text =
    "<?xml version=\"1.0\"?>\n"
    "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
    " <S:Header/>\n"
    " <S:Body>\n"
    "  <ns2:GetImportEnvelopeHeadersResponse xmlns:ns2=\"http://ephyto.ippc.int/\""
    "   xmlns:ns3=\"http://ephyto.ippc.int/HUB.Entities\""
    "   xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    "   <ns2:GetImportEnvelopeHeadersResult>\n"
    "    <ns3:EnvelopeHeader xsi:nil=\"true\"/>\n"
    "    <!-- between headers -->\n"
    "    <ns3:EnvelopeHeader>\n"
    "     <From>AR</From><To>CN</To><CertificateType>851</CertificateType>\n"
    "     <CertificateStatus>70</CertificateStatus>"
    "<NPPOCertificateNumber><![CDATA[AR 1]]></NPPOCertificateNumber>\n"
    "     <hubDeliveryNumber>x-1</hubDeliveryNumber>"
    "<HUBTrackingInfo>PendingDelivery</HUBTrackingInfo>\n"
    "     <Unexpected>ignored</Unexpected>\n"
    "     <Forwardings><EnvelopeForwarding><Code>IPPC-GENS</Code>"
    "<HubDeliveryNumber>g-1</HubDeliveryNumber></EnvelopeForwarding></Forwardings>\n"
    "    </ns3:EnvelopeHeader>\n"
    "    <ns3:Unknown>not a header</ns3:Unknown> text between\n"
    "    <EnvelopeHeader xmlns=\"http://ephyto.ippc.int/HUB.Entities\"><From>NZ</From>"
    "<To>CN</To><hubDeliveryNumber>x-2</hubDeliveryNumber></EnvelopeHeader>\n"
    "   </ns2:GetImportEnvelopeHeadersResult>\n"
    "  </ns2:GetImportEnvelopeHeadersResponse>\n"
    " </S:Body>\n"
    "</S:Envelope>\n";

  for (guint i = 0; i < G_N_ELEMENTS (list_pieces); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EcertSoapReply) reply = read_list_in_pieces (text, strlen (text), list_pieces[i],
                                                             &error);
      g_autoptr(EcertEnvelopeHeader) first = NULL;
      g_autoptr(EcertEnvelopeHeader) second = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (ecert_envelope_header_list_get_length (reply->headers), ==, 2);
      first = ecert_envelope_header_list_get (reply->headers, 0);
      second = ecert_envelope_header_list_get (reply->headers, 1);
      g_assert_cmpstr (first->from, ==, "AR");
      g_assert_cmpstr (first->nppo_certificate_number, ==, "AR 1");
      g_assert_cmpstr (first->hub_delivery_number, ==, "x-1");
      g_assert_cmpint (first->tracking_info, ==, ECERT_TRACKING_INFO_PENDING_DELIVERY);
      g_assert_cmpuint (first->forwardings->len, ==, 1);
      g_assert_cmpstr (((EcertEnvelopeForwarding *) first->forwardings->pdata[0])->hub_delivery_number,
                       ==, "g-1");
      g_assert_cmpstr (second->from, ==, "NZ");
      g_assert_cmpstr (second->hub_delivery_number, ==, "x-2");
      g_assert_cmpint (second->certificate_type, ==, 0);
      g_assert_null (second->nppo_certificate_number);
    }
}

static void
assert_list_error (const char *name,
                   const char *text,
                   gsize       length,
                   int         code,
                   const char *expected)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_pieces); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EcertSoapReply) reply = NULL;

      /* Byte by byte, a megabyte takes long; its larger pieces will do. */
      if (list_pieces[i] < 100 && length > 100000)
        continue;
      reply = read_list_in_pieces (text, length, list_pieces[i], &error);
      g_test_message ("%s in pieces of %" G_GSIZE_FORMAT ": %s", name, list_pieces[i],
                      error != NULL ? error->message : "read");
      g_assert_null (reply);
      g_assert_error (error, ECERT_ERROR, code);
      if (strstr (error->message, expected) == NULL)
        g_error ("%s: “%s” does not contain “%s”", name, error->message, expected);
    }
}

#define LIST_OPEN \
  SOAP_OPEN "<e:GetImportEnvelopeHeadersResponse xmlns:e=\"http://ephyto.ippc.int/\">" \
  "<e:GetImportEnvelopeHeadersResult>"
#define LIST_CLOSE \
  "</e:GetImportEnvelopeHeadersResult></e:GetImportEnvelopeHeadersResponse>" SOAP_CLOSE
#define HEADER(number) \
  "<EnvelopeHeader><From>NZ</From><To>CN</To><hubDeliveryNumber>" number \
  "</hubDeliveryNumber></EnvelopeHeader>"

/* Everything refused in a reply read whole is refused in a list read as
 * it arrives, whatever its pieces, with the same words. */
static void
test_header_list_bad (void)
{
  g_autoptr(GBytes) hub_fault = ecert_soap_build_fault (ECERT_SOAP_FAULT_CLIENT,
                                                        "No NPPO of XK", TRUE);
  g_autoptr(GBytes) plain_fault = ecert_soap_build_fault (ECERT_SOAP_FAULT_SERVER,
                                                          "NullPointerException", FALSE);
  g_autoptr(GBytes) list = list_reply (100);
  g_autofree char *comment = g_strnfill (9000, 'x');
  g_autofree char *late_doctype = g_strdup_printf (
    "<?xml version=\"1.0\"?><!-- %s --><!DOCTYPE soap:Envelope [<!ENTITY a \"b\">]>"
    LIST_OPEN HEADER ("&a;") LIST_CLOSE, comment);
  g_autoptr(GString) laughs = g_string_new ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY l0 \"lol\">");
  g_autoptr(GString) deep = g_string_new (LIST_OPEN "<EnvelopeHeader>");
  g_autoptr(GString) big_header = g_string_new (LIST_OPEN HEADER ("1"));
  g_autoptr(GString) big_envelope = g_string_new (SOAP_OPEN);
  const char *html = "\n<!DOCTYPE html>\n<html><head><title>502 Bad\n  Gateway</title></head>"
                     "<body><h1>Bad Gateway</h1></body></html>";
  const char *soap12 = "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\">"
                       "<e:Body/></e:Envelope>";
  const char *wrong = SOAP_OPEN "<e:GetProfileResponse xmlns:e=\"http://ephyto.ippc.int/\"/>"
                      SOAP_CLOSE;
  const char *undeclared = LIST_OPEN HEADER ("&ext;") LIST_CLOSE;
  const char *bad_number = LIST_OPEN HEADER ("1") "<EnvelopeHeader><CertificateType>eight"
                           "</CertificateType></EnvelopeHeader>" LIST_CLOSE;
  const char *data;
  gsize length;

  for (guint i = 1; i < 10; i++)
    {
      g_string_append_printf (laughs, "<!ENTITY l%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (laughs, "&l%u;", i - 1);
      g_string_append (laughs, "\">");
    }
  g_string_append (laughs, "]>" LIST_OPEN HEADER ("&l9;") LIST_CLOSE);
  for (guint i = 0; i < ECERT_XML_DEFAULT_MAX_DEPTH; i++)
    g_string_append (deep, "<From>");
  g_string_append (deep, "NZ");
  for (guint i = 0; i < ECERT_XML_DEFAULT_MAX_DEPTH; i++)
    g_string_append (deep, "</From>");
  g_string_append (deep, "</EnvelopeHeader>" LIST_CLOSE);
  g_string_append (big_header, "<EnvelopeHeader><From>NZ</From><Note>");
  for (guint i = 0; i < 2 * 1024; i++)
    g_string_append (big_header, comment);
  g_string_append (big_header, "</Note></EnvelopeHeader>" LIST_CLOSE);
  /* Before the list, what is there is held until the end. */
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (big_envelope, "<!-- %s -->", comment);
  g_string_append (big_envelope, "<e:GetImportEnvelopeHeadersResponse "
                   "xmlns:e=\"http://ephyto.ippc.int/\"><e:GetImportEnvelopeHeadersResult>"
                   HEADER ("1") LIST_CLOSE);

  assert_list_error ("a web page", html, strlen (html), ECERT_ERROR_SOAP,
                     "web page (“502 Bad Gateway”)");
  assert_list_error ("nothing", "", 0, ECERT_ERROR_SOAP, "empty");
  assert_list_error ("not XML", "Internal error", 14, ECERT_ERROR_SOAP, "cannot be read");
  assert_list_error ("a DOCTYPE after the first 8 KiB", late_doctype, strlen (late_doctype),
                     ECERT_ERROR_SOAP, "DOCTYPE");
  assert_list_error ("an entity bomb", laughs->str, laughs->len, ECERT_ERROR_SOAP, "DOCTYPE");
  assert_list_error ("an entity never declared", undeclared, strlen (undeclared),
                     ECERT_ERROR_SOAP, "cannot be read");
  assert_list_error ("nested too deep", deep->str, deep->len, ECERT_ERROR_SOAP,
                     "nests elements");
  assert_list_error ("a header of 18 MB", big_header->str, big_header->len,
                     ECERT_ERROR_TOO_LARGE, "part larger than 1.0");
  assert_list_error ("1.8 MB of comments before the list", big_envelope->str, big_envelope->len,
                     ECERT_ERROR_TOO_LARGE, "part larger than 1.0");
  data = g_bytes_get_data (hub_fault, &length);
  assert_list_error ("a HubWebException", data, length, ECERT_ERROR_HUB_FAULT, "No NPPO of XK");
  data = g_bytes_get_data (plain_fault, &length);
  assert_list_error ("another fault", data, length, ECERT_ERROR_SOAP, "NullPointerException");
  assert_list_error ("SOAP 1.2", soap12, strlen (soap12), ECERT_ERROR_SOAP, "SOAP 1.2");
  assert_list_error ("another operation's reply", wrong, strlen (wrong), ECERT_ERROR_SOAP,
                     "GetImportEnvelopeHeadersResponse was expected");
  assert_list_error ("a number that is not one", bad_number, strlen (bad_number),
                     ECERT_ERROR_SOAP, "“eight”");

  /* Cut off anywhere, a list is an error, never a shorter list. */
  data = g_bytes_get_data (list, &length);
  for (gsize cut = 1; cut < length; cut += 97)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EcertSoapReply) reply = read_list_in_pieces (data, cut, 1000, &error);

      g_assert_null (reply);
      g_assert_error (error, ECERT_ERROR, ECERT_ERROR_SOAP);
      g_assert_nonnull (strstr (error->message, "cut off"));
    }
}

static EcertSoapReply *
read_list_with_limits (GBytes  *bytes,
                       gsize    max_size,
                       guint    max_headers,
                       gsize    max_fields_size,
                       GError **error)
{
  g_autoptr(EcertSoapReplyReader) reader =
    ecert_soap_reply_reader_new (ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS,
                                 ECERT_SOAP_DEFAULT_MAX_SIZE);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  ecert_soap_reply_reader_set_list_limits (reader, max_size, max_headers, max_fields_size);
  for (gsize offset = 0; offset < length; offset += 4096)
    if (!ecert_soap_reply_reader_feed (reader, data + offset, MIN (4096, length - offset)))
      {
        /* Refused as soon as known: not read to its end. */
        g_assert_cmpuint (ecert_soap_reply_reader_get_size (reader), <, length);
        break;
      }

  return ecert_soap_reply_reader_finish (reader, error);
}

static void
test_header_list_limits (void)
{
  g_autoptr(GBytes) ten = list_reply (10);
  g_autoptr(GBytes) many = list_reply (20000);
  g_autoptr(EcertSoapReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = g_bytes_get_size (many);

  g_assert_cmpuint (ECERT_SOAP_MAX_HEADERS, >=, 250000);
  g_assert_cmpuint (ECERT_SOAP_MAX_HEADER_LIST_SIZE, >=, 250000 * 400);

  reply = read_list_with_limits (ten, size, 10, G_MAXSIZE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ecert_envelope_header_list_get_length (reply->headers), ==, 10);
  g_clear_pointer (&reply, ecert_soap_reply_free);

  reply = read_list_with_limits (many, size, 10, G_MAXSIZE, &error);
  g_assert_null (reply);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "more than 10 pending envelopes"));
  g_clear_error (&error);

  reply = read_list_with_limits (many, size / 2, G_MAXUINT, G_MAXSIZE, &error);
  g_assert_null (reply);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "list of envelope headers is larger than"));
  g_clear_error (&error);

  reply = read_list_with_limits (many, size, G_MAXUINT, 1024 * 1024, &error);
  g_assert_null (reply);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "of header fields"));
  g_clear_error (&error);

  reply = read_list_with_limits (many, size, 20000, 8 * 1024 * 1024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ecert_envelope_header_list_get_length (reply->headers), ==, 20000);
}

/* Packed, a header is what it was, also with its nullable strings absent
 * or empty, and one larger than a block. */
static void
test_header_list_packing (void)
{
  g_autoptr(EcertEnvelopeHeaderList) list = ecert_envelope_header_list_new ();
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_envelope_header_free);
  EcertEnvelopeHeader *header;

  g_ptr_array_add (headers, ecert_envelope_header_new ());
  header = sample_header ("");
  header->from = (g_free (header->from), g_strdup (""));
  header->certificate_type = -1;
  header->certificate_status = G_MAXINT;
  header->tracking_info = ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE;
  header->hub_delivery_error_message = g_strnfill (600 * 1024, 'e');
  ecert_envelope_header_add_forwarding (header, NULL, "only a number");
  ecert_envelope_header_add_forwarding (header, "only a code", NULL);
  ecert_envelope_header_add_forwarding (header, NULL, NULL);
  g_ptr_array_add (headers, header);
  for (guint n = 0; n < 5000; n++)
    g_ptr_array_add (headers, numbered_header (n));

  for (guint i = 0; i < headers->len; i++)
    ecert_envelope_header_list_add (list, headers->pdata[i]);

  g_assert_cmpuint (ecert_envelope_header_list_get_length (list), ==, headers->len);
  g_assert_cmpuint (ecert_envelope_header_list_get_size (list), >, 600 * 1024);
  for (guint i = 0; i < headers->len; i++)
    {
      g_autoptr(EcertEnvelopeHeader) got = ecert_envelope_header_list_get (list, i);

      assert_header_equal (headers->pdata[i], got);
      g_assert_cmpstr (ecert_envelope_header_list_get_delivery_number (list, i), ==,
                       ((EcertEnvelopeHeader *) headers->pdata[i])->hub_delivery_number);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/soap/operations", test_operations);
  g_test_add_func ("/soap/tracking-info", test_tracking_info);
  g_test_add_func ("/soap/requests", test_requests);
  g_test_add_func ("/soap/request-content", test_request_content);
  g_test_add_func ("/soap/request-errors", test_request_errors);
  g_test_add_func ("/soap/replies", test_replies);
  g_test_add_func ("/soap/empty-replies", test_empty_replies);
  g_test_add_func ("/soap/foreign-reply", test_foreign_reply);
  g_test_add_func ("/soap/faults", test_faults);
  g_test_add_func ("/soap/hostile-fault", test_hostile_fault);
  g_test_add_func ("/soap/bad-replies", test_bad_replies);
  g_test_add_func ("/soap/validation-findings", test_validation_findings);
  g_test_add_func ("/soap/nppo-certificates", test_nppo_certificates);
  g_test_add_func ("/soap/copies", test_copies);
  g_test_add_func ("/soap/header-list/pieces", test_header_list_pieces);
  g_test_add_func ("/soap/header-list/foreign", test_header_list_foreign);
  g_test_add_func ("/soap/header-list/bad", test_header_list_bad);
  g_test_add_func ("/soap/header-list/limits", test_header_list_limits);
  g_test_add_func ("/soap/header-list/packing", test_header_list_packing);

  return g_test_run ();
}
