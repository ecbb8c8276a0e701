/* test-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-core.h"
#include "ecert-test-util.h"

#define NS_DECLARATIONS \
  " xmlns:rsm=\"urn:un:unece:uncefact:data:standard:SPSCertificate:17\"\n" \
  "    xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21\"\n" \
  "    xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21\""

/* Written by hand to follow the hub's schema element by element: every
 * element a certificate shows, in the schema's order. */
#define EXCHANGED_DOCUMENT \
  "  <rsm:SPSExchangedDocument>\n" \
  "    <ram:Name>Phytosanitary Certificate</ram:Name>\n" \
  "    <ram:ID>NZ-2024-000123</ram:ID>\n" \
  "    <ram:TypeCode>851</ram:TypeCode>\n" \
  "    <ram:StatusCode>70</ram:StatusCode>\n" \
  "    <ram:IssueDateTime>\n" \
  "      <udt:DateTimeString>2024-05-02T09:30:00+12:00</udt:DateTimeString>\n" \
  "    </ram:IssueDateTime>\n" \
  "    <ram:IssuerSPSParty>\n" \
  "      <ram:Name>Ministry for Primary Industries</ram:Name>\n" \
  "    </ram:IssuerSPSParty>\n" \
  "    <ram:IncludedSPSNote>\n" \
  "      <ram:Subject>ADEDL</ram:Subject>\n" \
  "      <ram:Content languageID=\"en\">Found free of pests.</ram:Content>\n" \
  "    </ram:IncludedSPSNote>\n" \
  "    <ram:SignatorySPSAuthentication>\n" \
  "      <ram:ActualDateTime>\n" \
  "        <udt:DateTimeString>2024-05-02T09:30:00+12:00</udt:DateTimeString>\n" \
  "      </ram:ActualDateTime>\n" \
  "      <ram:IssueSPSLocation>\n" \
  "        <ram:Name>Auckland</ram:Name>\n" \
  "      </ram:IssueSPSLocation>\n" \
  "      <ram:ProviderSPSParty>\n" \
  "        <ram:Name>Ministry for Primary Industries</ram:Name>\n" \
  "        <ram:SpecifiedSPSPerson>\n" \
  "          <ram:Name>A. Inspector</ram:Name>\n" \
  "        </ram:SpecifiedSPSPerson>\n" \
  "      </ram:ProviderSPSParty>\n" \
  "      <ram:IncludedSPSClause>\n" \
  "        <ram:ID>1</ram:ID>\n" \
  "        <ram:Content>The plants have been inspected.</ram:Content>\n" \
  "      </ram:IncludedSPSClause>\n" \
  "    </ram:SignatorySPSAuthentication>\n" \
  "  </rsm:SPSExchangedDocument>\n"

#define CONSIGNMENT \
  "  <rsm:SPSConsignment>\n" \
  "    <ram:ConsignorSPSParty>\n" \
  "      <ram:Name>Orchard Exports Ltd</ram:Name>\n" \
  "      <ram:SpecifiedSPSAddress>\n" \
  "        <ram:LineOne>1 Harbour Road</ram:LineOne>\n" \
  "      </ram:SpecifiedSPSAddress>\n" \
  "    </ram:ConsignorSPSParty>\n" \
  "    <ram:ConsigneeSPSParty>\n" \
  "      <ram:Name>Fruit Importers GmbH</ram:Name>\n" \
  "    </ram:ConsigneeSPSParty>\n" \
  "    <ram:ExportSPSCountry>\n" \
  "      <ram:ID>NZ</ram:ID>\n" \
  "      <ram:Name>New Zealand</ram:Name>\n" \
  "    </ram:ExportSPSCountry>\n" \
  "    <ram:ImportSPSCountry>\n" \
  "      <ram:ID>DE</ram:ID>\n" \
  "    </ram:ImportSPSCountry>\n" \
  "    <ram:IncludedSPSConsignmentItem>\n" \
  "      <ram:IncludedSPSTradeLineItem>\n" \
  "        <ram:SequenceNumeric>1</ram:SequenceNumeric>\n" \
  "        <ram:Description languageID=\"en\">Fresh apples</ram:Description>\n" \
  "        <ram:ScientificName>Malus domestica</ram:ScientificName>\n" \
  "        <ram:NetWeightMeasure unitCode=\"KGM\">12000</ram:NetWeightMeasure>\n" \
  "      </ram:IncludedSPSTradeLineItem>\n" \
  "    </ram:IncludedSPSConsignmentItem>\n" \
  "  </rsm:SPSConsignment>\n"

static const char valid_certificate[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rsm:SPSCertificate" NS_DECLARATIONS ">\n"
  EXCHANGED_DOCUMENT
  CONSIGNMENT
  "</rsm:SPSCertificate>\n";

/* Three departures, in three places libxml2 checks separately: a TypeCode
 * that is not an integer, a note after the signatory instead of before it,
 * and an element the schema does not know. */
static const char broken_certificate[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rsm:SPSCertificate" NS_DECLARATIONS ">\n"
  "  <rsm:SPSExchangedDocument>\n"
  "    <ram:ID>NZ-2024-000124</ram:ID>\n"
  "    <ram:TypeCode>eight hundred fifty-one</ram:TypeCode>\n"
  "    <ram:StatusCode>70</ram:StatusCode>\n"
  "    <ram:SignatorySPSAuthentication>\n"
  "      <ram:IssueSPSLocation>\n"
  "        <ram:Name>Auckland</ram:Name>\n"
  "      </ram:IssueSPSLocation>\n"
  "    </ram:SignatorySPSAuthentication>\n"
  "    <ram:IncludedSPSNote>\n"
  "      <ram:Subject>ADEDL</ram:Subject>\n"
  "    </ram:IncludedSPSNote>\n"
  "  </rsm:SPSExchangedDocument>\n"
  "  <rsm:SPSConsignment>\n"
  "    <ram:ExportSPSCountry>\n"
  "      <ram:ID>NZ</ram:ID>\n"
  "      <ram:Colour>green</ram:Colour>\n"
  "    </ram:ExportSPSCountry>\n"
  "  </rsm:SPSConsignment>\n"
  "</rsm:SPSCertificate>\n";

static xmlDoc *
parse_string (const char *text)
{
  g_autoptr(GError) error = NULL;
  xmlDoc *doc = ecert_xml_parse ((const guint8 *) text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static GPtrArray *
validate (xmlDoc *doc)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = NULL;

  g_assert_true (ecert_schema_validate_certificate (doc, &findings, &error));
  g_assert_no_error (error);
  g_assert_nonnull (findings);
  return findings;
}

static GPtrArray *
validate_string (const char *text)
{
  g_autoptr(xmlDoc) doc = parse_string (text);

  return validate (doc);
}

/* The line, counted from 1, on which @needle first appears in @text. */
static guint
line_of (const char *text,
         const char *needle)
{
  const char *found = strstr (text, needle);
  guint line = 1;

  g_assert_nonnull (found);
  for (const char *c = text; c < found; c++)
    {
      if (*c == '\n')
        line++;
    }

  return line;
}

static EcertSchemaFinding *
finding_at (GPtrArray *findings,
            guint      index)
{
  g_assert_cmpuint (index, <, findings->len);
  return g_ptr_array_index (findings, index);
}

static void
log_findings (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      EcertSchemaFinding *finding = finding_at (findings, i);

      g_test_message ("line %u: %s", finding->line, finding->message);
    }
}

static void
test_valid_certificate (void)
{
  g_autoptr(GPtrArray) findings = validate_string (valid_certificate);

  log_findings (findings);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_findings_say_where (void)
{
  g_autoptr(GPtrArray) findings = validate_string (broken_certificate);
  EcertSchemaFinding *finding;

  log_findings (findings);
  g_assert_cmpuint (findings->len, ==, 3);

  finding = finding_at (findings, 0);
  g_assert_cmpuint (finding->line, ==, line_of (broken_certificate, "<ram:TypeCode>"));
  g_assert_nonnull (strstr (finding->message, "TypeCode"));
  g_assert_nonnull (strstr (finding->message, "eight hundred fifty-one"));

  finding = finding_at (findings, 1);
  g_assert_cmpuint (finding->line, ==, line_of (broken_certificate, "<ram:IncludedSPSNote>"));
  g_assert_nonnull (strstr (finding->message, "IncludedSPSNote"));

  finding = finding_at (findings, 2);
  g_assert_cmpuint (finding->line, ==, line_of (broken_certificate, "<ram:Colour>"));
  g_assert_nonnull (strstr (finding->message, "Colour"));

  /* libxml2 ends its messages with a newline; findings do not. */
  for (guint i = 0; i < findings->len; i++)
    {
      const char *message = finding_at (findings, i)->message;

      g_assert_false (g_ascii_isspace (message[strlen (message) - 1]));
    }
}

static void
test_other_namespace_version (void)
{
  static const char *versions[] = {
    "urn:un:unece:uncefact:data:standard:SPSCertificate:16",
    "urn:un:unece:uncefact:data:standard:SPSCertificate:20",
  };

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *text = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                                               "<rsm:SPSCertificate xmlns:rsm=\"%s\">\n"
                                               "  <rsm:Unknown/>\n"
                                               "</rsm:SPSCertificate>\n",
                                               versions[i]);
      g_autoptr(GPtrArray) findings = validate_string (text);
      EcertSchemaFinding *finding;

      log_findings (findings);
      g_assert_cmpuint (findings->len, ==, 1);
      finding = finding_at (findings, 0);
      g_assert_cmpuint (finding->line, ==, 2);
      g_assert_nonnull (strstr (finding->message, ECERT_SCHEMA_CERTIFICATE_NAMESPACE));
      g_assert_nonnull (strstr (finding->message, versions[i]));
    }
}

static void
test_no_namespace (void)
{
  g_autoptr(GPtrArray) findings = validate_string ("<SPSCertificate/>");

  log_findings (findings);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpuint (finding_at (findings, 0)->line, ==, 1);
  g_assert_nonnull (strstr (finding_at (findings, 0)->message,
                            ECERT_SCHEMA_CERTIFICATE_NAMESPACE));
}

/* The schema declares SPSConsignment globally, so libxml2 alone would take
 * one as a valid document. */
static void
test_other_root (void)
{
  static const char consignment[] =
    "<?xml version=\"1.0\"?>\n"
    "<rsm:SPSConsignment" NS_DECLARATIONS "/>\n";
  g_autoptr(GPtrArray) findings = validate_string (consignment);

  log_findings (findings);
  g_assert_cmpuint (findings->len, ==, 1);
  /* libxml2 places an element on the line where its start tag ends. */
  g_assert_cmpuint (finding_at (findings, 0)->line, ==, line_of (consignment, "/>"));
  g_assert_nonnull (strstr (finding_at (findings, 0)->message, "SPSConsignment"));
}

/* A document cannot point the validator at a schema of its choosing. */
static void
test_schema_hints_ignored (void)
{
  static const char hinted[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rsm:SPSCertificate" NS_DECLARATIONS "\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"urn:un:unece:uncefact:data:standard:SPSCertificate:17 "
    "http://127.0.0.1:9/evil.xsd\">\n"
    EXCHANGED_DOCUMENT
    CONSIGNMENT
    "</rsm:SPSCertificate>\n";
  g_autoptr(GPtrArray) findings = validate_string (hinted);

  log_findings (findings);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_findings_are_capped (void)
{
  GString *text = g_string_new ("<?xml version=\"1.0\"?>\n"
                                "<rsm:SPSCertificate" NS_DECLARATIONS ">\n"
                                "  <rsm:SPSConsignment>\n"
                                "    <ram:IncludedSPSConsignmentItem>\n");
  guint broken = ECERT_SCHEMA_MAX_FINDINGS + 50;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *omitted = g_strdup_printf ("%u", broken - ECERT_SCHEMA_MAX_FINDINGS);
  EcertSchemaFinding *last;

  for (guint i = 0; i < broken; i++)
    g_string_append (text, "      <ram:IncludedSPSTradeLineItem>\n"
                           "        <ram:SequenceNumeric>first</ram:SequenceNumeric>\n"
                           "      </ram:IncludedSPSTradeLineItem>\n");
  g_string_append (text, "    </ram:IncludedSPSConsignmentItem>\n"
                         "  </rsm:SPSConsignment>\n"
                         "</rsm:SPSCertificate>\n");

  findings = validate_string (text->str);
  g_assert_cmpuint (findings->len, ==, ECERT_SCHEMA_MAX_FINDINGS + 1);
  g_assert_cmpuint (finding_at (findings, 0)->line, ==, line_of (text->str, "first"));
  last = finding_at (findings, findings->len - 1);
  g_assert_cmpuint (last->line, ==, 0);
  g_assert_nonnull (strstr (last->message, omitted));

  g_string_free (text, TRUE);
}

/* The real sample is known not to follow the schema's element order: it
 * must give findings, each placed on a line, and nothing worse. */
static void
test_real_sample (void)
{
  g_autoptr(GBytes) bytes = ecert_test_load_reference ("reference/ephyto/SPSCertificateContent.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gsize length;
  const guint8 *data;

  if (bytes == NULL)
    return;

  data = g_bytes_get_data (bytes, &length);
  doc = ecert_xml_parse (data, length, NULL, &error);
  g_assert_no_error (error);

  findings = validate (doc);
  log_findings (findings);
  g_assert_cmpuint (findings->len, >, 0);
  for (guint i = 0; i < findings->len; i++)
    {
      EcertSchemaFinding *finding = finding_at (findings, i);

      g_assert_cmpuint (finding->line, >, 1);
      g_assert_cmpstr (finding->message, !=, "");
    }
}

typedef struct
{
  guint valid_findings;
  guint broken_findings;
} ThreadResult;

static gpointer
validate_repeatedly_thread (gpointer user_data)
{
  ThreadResult *result = g_new0 (ThreadResult, 1);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(GPtrArray) valid = validate_string (valid_certificate);
      g_autoptr(GPtrArray) broken = validate_string (broken_certificate);

      result->valid_findings += valid->len;
      result->broken_findings += broken->len;
    }

  return result;
}

/* The compiled schema is shared: the first calls race to load it, and the
 * validations that follow run on it side by side. */
static void
test_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("validate", validate_repeatedly_thread, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autofree ThreadResult *result = g_thread_join (threads[i]);

      g_assert_cmpuint (result->valid_findings, ==, 0);
      g_assert_cmpuint (result->broken_findings, ==, 20 * 3);
    }
}

static void
test_finding_free (void)
{
  g_autoptr(EcertSchemaFinding) finding = g_new0 (EcertSchemaFinding, 1);

  finding->message = g_strdup ("freed with its finding");
  ecert_schema_finding_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* First, so that it races the other threads to load the schema. */
  g_test_add_func ("/schema/threads", test_threads);
  g_test_add_func ("/schema/valid-certificate", test_valid_certificate);
  g_test_add_func ("/schema/findings-say-where", test_findings_say_where);
  g_test_add_func ("/schema/other-namespace-version", test_other_namespace_version);
  g_test_add_func ("/schema/no-namespace", test_no_namespace);
  g_test_add_func ("/schema/other-root", test_other_root);
  g_test_add_func ("/schema/schema-hints-ignored", test_schema_hints_ignored);
  g_test_add_func ("/schema/findings-are-capped", test_findings_are_capped);
  g_test_add_func ("/schema/real-sample", test_real_sample);
  g_test_add_func ("/schema/finding-free", test_finding_free);

  return g_test_run ();
}
