/* ecert-sample-document.c: the XML of one sample certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A phytosanitary certificate as an exporting NPPO issues it: one of its
 * commodities, shipped from one of its ports on a plausible vessel, with
 * the treatment and additional declaration trade in it calls for, now and
 * then with an attached permit, laboratory report or treatment record.
 *
 * Everything is drawn from the original's seed, so that its withdrawal or
 * replacement draws the very consignment it refers to again; a second
 * stream, from the same seed, draws what a replacement corrects. While it
 * writes, the writer notes what the cache of a desk keeps of the document
 * (see ecert_cache_index_entry_new_from_certificate()), so that a benchmark
 * can store thousands of certificates without reading each one back.
 */

#define G_LOG_DOMAIN "ecert-samples"

#include "config.h"

#include <string.h>

#include "ecert-sample-document.h"

#define RSM_NS "urn:un:unece:uncefact:data:standard:SPSCertificate:17"
#define RAM_NS "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21"
#define UDT_NS "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21"

#define DATE_FORMAT "%Y-%m-%dT%H:%M:%S%:z"

/* Distinct texts in the order first written, as the cache joins them:
 * a handful each, so compared one by one. */
typedef struct
{
  GPtrArray *texts;
} Texts;

typedef struct
{
  GString                   *xml;
  GRand                     *rand;
  GRand                     *variation;   /* what a replacement corrects, made when needed */
  const EcertSampleOriginal *original;
  EcertSampleKind            kind;
  const EcertSampleContents *contents;
  EcertSampleWritten        *written;
  char                      *issued;      /* the issue time, as written */
  Texts                      commodities;
  Texts                      codes;
  Texts                      ports;
  Texts                      transport;
  Texts                      issuer;
  Texts                      countries;
} Writer;

static void
texts_init (Texts *texts)
{
  texts->texts = g_ptr_array_new_with_free_func (g_free);
}

static void
texts_add (Texts      *texts,
           const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;

  for (guint i = 0; i < texts->texts->len; i++)
    if (strcmp (g_ptr_array_index (texts->texts, i), text) == 0)
      return;

  g_ptr_array_add (texts->texts, g_strdup (text));
}

/* Returns the texts joined, or NULL when there are none. */
static char *
texts_finish (Texts *texts)
{
  char *joined = NULL;

  if (texts->texts->len > 0)
    {
      g_ptr_array_add (texts->texts, NULL);
      joined = g_strjoinv ("; ", (char **) texts->texts->pdata);
    }

  g_clear_pointer (&texts->texts, g_ptr_array_unref);
  return joined;
}

static GRand *
variation (Writer *writer)
{
  if (writer->variation == NULL)
    writer->variation = g_rand_new_with_seed (writer->original->seed ^ 0x5bd1e995u);
  return writer->variation;
}

static const char *
pick (GRand              *rand,
      const char * const *items,
      guint               count)
{
  return items[g_rand_int_range (rand, 0, (gint32) count)];
}

static const char *
pick_word (GRand                  *rand,
           const EcertSampleWords *words)
{
  return pick (rand, words->items, words->count);
}

static gboolean
chance (GRand  *rand,
        double  probability)
{
  return g_rand_double (rand) < probability;
}

static const char *
country_name (const char *code)
{
  const EcertSampleCountry *country = ecert_sample_tables_find_country (code);

  return country != NULL ? country->name : code;
}

static const char *
nppo_name (const char *code)
{
  const EcertSampleCountry *country = ecert_sample_tables_find_country (code);

  return country != NULL ? country->nppo : code;
}

/* XML writing */

/* A benchmark writes a hundred thousand certificates: the XML is
 * appended piece by piece, without formatting. */

static void
indent (GString *xml,
        guint    depth)
{
  static const char spaces[] = "                ";

  g_string_append_len (xml, spaces, MIN (2 * depth, sizeof spaces - 1));
}

static void
open_element (GString    *xml,
              guint       depth,
              const char *name)
{
  indent (xml, depth);
  g_string_append_c (xml, '<');
  g_string_append (xml, name);
  g_string_append (xml, ">\n");
}

static void
close_element (GString    *xml,
               guint       depth,
               const char *name)
{
  indent (xml, depth);
  g_string_append (xml, "</");
  g_string_append (xml, name);
  g_string_append (xml, ">\n");
}

/* Whether g_markup_escape_text() would change a byte: markup, control
 * characters and the lead byte of C1 controls. */
static gboolean
needs_escape (guchar c)
{
  switch (c)
    {
    case '&': case '<': case '>': case '\'': case '"': case 0x7f: case 0xc2:
      return TRUE;
    default:
      return c < 0x20;
    }
}

/* As g_markup_escape_text() writes it, which most texts do not need. */
static void
append_escaped (GString    *xml,
                const char *text)
{
  const char *c = text;

  while (*c != '\0' && !needs_escape ((guchar) *c))
    c++;

  if (*c == '\0')
    {
      g_string_append_len (xml, text, c - text);
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append (xml, escaped);
    }
}

static void
text_element (GString    *xml,
              guint       depth,
              const char *name,
              const char *attribute,
              const char *value,
              const char *text)
{
  indent (xml, depth);
  g_string_append_c (xml, '<');
  g_string_append (xml, name);
  if (attribute != NULL && value != NULL)
    {
      g_string_append_c (xml, ' ');
      g_string_append (xml, attribute);
      g_string_append (xml, "=\"");
      append_escaped (xml, value);
      g_string_append_c (xml, '"');
    }
  g_string_append_c (xml, '>');
  append_escaped (xml, text);
  g_string_append (xml, "</");
  g_string_append (xml, name);
  g_string_append (xml, ">\n");
}

static void
date_text_element (GString    *xml,
                   guint       depth,
                   const char *name,
                   const char *text)
{
  indent (xml, depth);
  g_string_append_c (xml, '<');
  g_string_append (xml, name);
  g_string_append (xml, "><udt:DateTimeString>");
  g_string_append (xml, text);
  g_string_append (xml, "</udt:DateTimeString></");
  g_string_append (xml, name);
  g_string_append (xml, ">\n");
}

static void
date_element (GString    *xml,
              guint       depth,
              const char *name,
              GDateTime  *when)
{
  g_autofree char *text = g_date_time_format (when, DATE_FORMAT);

  date_text_element (xml, depth, name, text);
}

/* Numbers are written the same whatever the locale. */
static char *
number_text (double value,
             guint  decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static void
measure_element (GString    *xml,
                 guint       depth,
                 const char *name,
                 const char *unit,
                 double      value,
                 guint       decimals)
{
  g_autofree char *text = number_text (value, decimals);

  text_element (xml, depth, name, "unitCode", unit, text);
}

static void
note (GString    *xml,
      const char *subject,
      const char *language,
      const char *content)
{
  open_element (xml, 2, "ram:IncludedSPSNote");
  text_element (xml, 3, "ram:Subject", NULL, NULL, subject);
  text_element (xml, 3, "ram:Content", language != NULL ? "languageID" : NULL, language, content);
  close_element (xml, 2, "ram:IncludedSPSNote");
}

/* ISO 6346: the check digit that ends a container number. */
static char *
container_number (GRand *rand)
{
  /* A = 10 onwards, skipping the multiples of 11. */
  static const guint8 letter_values[26] = { 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24,
                                            25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38 };
  guint n_owners;
  const char * const *owners = ecert_sample_tables_container_owners (&n_owners);
  const char *owner = owners[g_rand_int_range (rand, 0, (gint32) n_owners)];
  guint serial = (guint) g_rand_int_range (rand, 100000, 999999);
  g_autofree char *body = g_strdup_printf ("%s%06u", owner, serial);
  guint sum = 0;

  for (guint i = 0; i < 10; i++)
    {
      guint value = g_ascii_isdigit (body[i]) ? (guint) (body[i] - '0')
                                              : letter_values[body[i] - 'A'];

      sum += value << i;
    }

  return g_strdup_printf ("%s%u", body, (sum % 11) % 10);
}

/* A one-page PDF, with the offsets its cross-reference table needs. */
static GBytes *
make_pdf (const char *title,
          const char *line)
{
  GString *pdf = g_string_new ("%PDF-1.4\n");
  g_autofree char *stream = g_strdup_printf ("BT /F1 18 Tf 72 770 Td (%s) Tj /F1 11 Tf 0 -30 Td "
                                             "(%s) Tj ET\n", title, line);
  char *objects[5];
  gsize offsets[5];
  gsize xref;

  objects[0] = g_strdup ("<< /Type /Catalog /Pages 2 0 R >>");
  objects[1] = g_strdup ("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  objects[2] = g_strdup ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                         "/Resources << /Font << /F1 5 0 R >> >> >>");
  objects[3] = g_strdup_printf ("<< /Length %zu >>\nstream\n%sendstream", strlen (stream), stream);
  objects[4] = g_strdup ("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

  for (guint i = 0; i < 5; i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
      g_free (objects[i]);
    }

  xref = pdf->len;
  g_string_append (pdf, "xref\n0 6\n0000000000 65535 f \n");
  for (guint i = 0; i < 5; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          xref);

  return g_string_free_to_bytes (pdf);
}

static void
write_attachment (Writer     *writer,
                  const char *permit)
{
  GString *xml = writer->xml;
  const EcertSampleOriginal *original = writer->original;
  guint kind = (guint) g_rand_int_range (writer->rand, 0, 3);
  g_autofree char *base64 = NULL;
  const char *filename;
  const char *information;

  open_element (xml, 2, "ram:ReferenceSPSReferencedDocument");
  date_element (xml, 3, "ram:IssueDateTime", original->issued);
  text_element (xml, 3, "ram:TypeCode", NULL, NULL, "916");
  text_element (xml, 3, "ram:RelationshipTypeCode", NULL, NULL, "AAG");
  text_element (xml, 3, "ram:ID", NULL, NULL, permit);

  if (kind == 0)
    {
      filename = "import-permit.png";
      information = "Import permit (scanned)";
      base64 = g_strdup (ecert_sample_tables_stamp_png_base64 ());
    }
  else if (kind == 1)
    {
      g_autofree char *line = g_strdup_printf ("Sample for certificate %s: no quarantine pests "
                                               "detected.", original->number);
      g_autoptr(GBytes) pdf = make_pdf ("Laboratory report", line);

      filename = "laboratory-report.pdf";
      information = "Laboratory report";
      base64 = g_base64_encode (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("Treatment record for certificate %s\n"
                                               "Chamber 3, operator licence %u\n"
                                               "Readings within the schedule throughout.\n",
                                               original->number,
                                               (guint) g_rand_int_range (writer->rand, 1000, 9999));

      filename = "treatment-record.txt";
      information = "Treatment record";
      base64 = g_base64_encode ((const guchar *) text, strlen (text));
    }

  indent (xml, 3);
  /* No mimeCode: the hub's schema does not have it, and readers sniff the
   * content anyway. */
  g_string_append_printf (xml, "<ram:AttachmentBinaryObject filename=\"%s\">%s"
                          "</ram:AttachmentBinaryObject>\n", filename, base64);
  text_element (xml, 3, "ram:Information", "languageID", "en", information);
  close_element (xml, 2, "ram:ReferenceSPSReferencedDocument");
}

static void
write_treatment (GString                    *xml,
                 GRand                      *rand,
                 const EcertSampleCommodity *commodity,
                 GDateTime                  *issued)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  const char *code = NULL;
  const char *duration_unit = "HUR";
  double duration = 0;
  const char *characteristic = NULL;
  const char *unit = NULL;
  double value = 0;
  guint decimals = 1;

  switch (commodity->treatment)
    {
    case ECERT_SAMPLE_TREATMENT_COLD:
      code = "CT", duration_unit = "DAY", duration = g_rand_int_range (rand, 14, 23);
      characteristic = "Pulp temperature", unit = "CEL",
        value = 0.5 + g_rand_int_range (rand, 0, 13) / 10.0;
      break;
    case ECERT_SAMPLE_TREATMENT_METHYL_BROMIDE:
      code = "FUM-MB", duration = g_rand_int_range (rand, 2, 25);
      characteristic = "Dosage of methyl bromide", unit = "GM3",
        value = g_rand_int_range (rand, 32, 81);
      decimals = 0;
      break;
    case ECERT_SAMPLE_TREATMENT_PHOSPHINE:
      code = "FUM-PH", duration_unit = "DAY", duration = g_rand_int_range (rand, 5, 11);
      characteristic = "Dosage of phosphine", unit = "GM3", value = g_rand_int_range (rand, 1, 4);
      decimals = 0;
      break;
    case ECERT_SAMPLE_TREATMENT_SULFURYL_FLUORIDE:
      code = "FUM-SF", duration = 24;
      characteristic = "Dosage of sulfuryl fluoride", unit = "GM3",
        value = g_rand_int_range (rand, 40, 97);
      decimals = 0;
      break;
    case ECERT_SAMPLE_TREATMENT_HEAT:
      code = "HT", duration_unit = "MIN", duration = 30;
      characteristic = "Core temperature", unit = "CEL", value = 56;
      break;
    case ECERT_SAMPLE_TREATMENT_VAPOUR_HEAT:
      code = "VHT", duration_unit = "MIN", duration = g_rand_int_range (rand, 10, 21);
      characteristic = "Pulp temperature", unit = "CEL",
        value = 46.5 + g_rand_int_range (rand, 0, 6) / 10.0;
      break;
    case ECERT_SAMPLE_TREATMENT_HOT_WATER:
      code = "HWT", duration_unit = "MIN", duration = g_rand_int_range (rand, 65, 91);
      characteristic = "Water temperature", unit = "CEL", value = 46.1;
      break;
    case ECERT_SAMPLE_TREATMENT_IRRADIATION:
      code = "IRR", duration_unit = "MIN", duration = g_rand_int_range (rand, 20, 60);
      characteristic = "Minimum absorbed dose", unit = "D41", value = 400;
      decimals = 0;
      break;
    case ECERT_SAMPLE_TREATMENT_FUNGICIDE_DIP:
      code = "DIP", duration_unit = "MIN", duration = 1;
      characteristic = "Imazalil concentration (mg/l)", unit = NULL, value = 500;
      break;
    case ECERT_SAMPLE_TREATMENT_SULPHUR_DIOXIDE:
      code = "SO2", duration_unit = "DAY", duration = g_rand_int_range (rand, 20, 40);
      characteristic = "Sulphur dioxide generating pads", unit = NULL, value = 0;
      break;
    case ECERT_SAMPLE_TREATMENT_NONE:
    default:
      return;
    }

  start = g_date_time_add_days (issued, -g_rand_int_range (rand, 1, 6));
  end = g_strcmp0 (duration_unit, "DAY") == 0 ? g_date_time_add_days (start, (gint) duration)
        : g_strcmp0 (duration_unit, "HUR") == 0 ? g_date_time_add_hours (start, (gint) duration)
        : g_date_time_add_minutes (start, (gint) duration);

  open_element (xml, 5, "ram:AppliedSPSProcess");
  text_element (xml, 6, "ram:TypeCode", NULL, NULL, code);
  open_element (xml, 6, "ram:CompletionSPSPeriod");
  date_element (xml, 7, "ram:StartDateTime", start);
  date_element (xml, 7, "ram:EndDateTime", end);
  measure_element (xml, 7, "ram:DurationMeasure", duration_unit, duration, 0);
  close_element (xml, 6, "ram:CompletionSPSPeriod");
  open_element (xml, 6, "ram:ApplicableSPSProcessCharacteristic");
  text_element (xml, 7, "ram:Description", "languageID", "en", characteristic);
  if (unit != NULL)
    measure_element (xml, 7, "ram:ValueMeasure", unit, value, decimals);
  close_element (xml, 6, "ram:ApplicableSPSProcessCharacteristic");
  close_element (xml, 5, "ram:AppliedSPSProcess");
}

static const EcertSampleCommodity *
pick_commodity (GRand                     *rand,
                const EcertSampleExporter *exporter)
{
  guint n_commodities;
  const EcertSampleCommodity *commodities = ecert_sample_tables_commodities (&n_commodities);
  const EcertSampleCommodity *choices[64];
  guint count = 0;

  g_assert (n_commodities <= G_N_ELEMENTS (choices));
  for (guint i = 0; i < n_commodities; i++)
    if (ecert_sample_commodity_exported_by (&commodities[i], exporter->country))
      choices[count++] = &commodities[i];

  g_assert (count > 0);
  return choices[g_rand_int_range (rand, 0, (gint32) count)];
}

/* The replacement's stated reason, which decides what it corrects. */
static gboolean
corrects (const Writer *writer,
          guint         reason)
{
  guint n_reasons;

  ecert_sample_tables_replacement_reasons (&n_reasons);
  return writer->kind == ECERT_SAMPLE_REPLACEMENT && writer->original->seed % n_reasons == reason;
}

static void
write_trade_line_item (Writer                     *writer,
                       guint                       sequence,
                       const EcertSampleCommodity *commodity,
                       const EcertSampleParty     *grower)
{
  GString *xml = writer->xml;
  GRand *rand = writer->rand;
  const EcertSampleOriginal *original = writer->original;
  const EcertSampleExporter *exporter = original->exporter;
  double tonnes = commodity->min_tonnes +
                  g_rand_double (rand) * (commodity->max_tonnes - commodity->min_tonnes);
  double net_kg = commodity->kg_per_package > 0 ? 0 : tonnes * 1000;
  guint packages = 0;
  g_autofree char *sequence_text = g_strdup_printf ("%u", sequence);
  g_autofree char *net = NULL;
  g_autofree char *packages_text = NULL;
  /* Grown where it was packed, near enough for a certificate. */
  const char *region = grower->city;

  if (commodity->kg_per_package > 0)
    {
      packages = MAX (1, (guint) (tonnes * 1000 / commodity->kg_per_package));
      net_kg = packages * commodity->kg_per_package;
    }

  /* The replacement's stated reason: the final weighing. */
  if (corrects (writer, 1))
    net_kg = net_kg * 0.97;

  net = number_text (net_kg, 1);
  if (writer->written->net_weight == NULL)
    writer->written->net_weight = g_strdup (net);

  open_element (xml, 4, "ram:IncludedSPSTradeLineItem");
  text_element (xml, 5, "ram:SequenceNumeric", NULL, NULL, sequence_text);
  text_element (xml, 5, "ram:Description", "languageID", "en", commodity->description);
  text_element (xml, 5, "ram:CommonName", "languageID", "en", commodity->common_name);
  text_element (xml, 5, "ram:ScientificName", NULL, NULL, commodity->scientific_name);
  text_element (xml, 5, "ram:IntendedUse", "languageID", "en", commodity->intended_use);
  measure_element (xml, 5, "ram:NetWeightMeasure", "KGM", net_kg, 1);
  measure_element (xml, 5, "ram:GrossWeightMeasure", "KGM",
                   net_kg * (commodity->kg_per_package > 0 ? 1.06 : 1.0), 1);

  if (packages > 0)
    {
      g_autofree char *marks = g_strdup_printf ("%s-%u-%d", exporter->country,
                                                (guint) g_rand_int_range (rand, 10, 99),
                                                g_date_time_get_year (original->issued));

      open_element (xml, 5, "ram:AdditionalInformationSPSNote");
      text_element (xml, 6, "ram:Subject", NULL, NULL, "DMTLIL");
      text_element (xml, 6, "ram:Content", NULL, NULL, marks);
      close_element (xml, 5, "ram:AdditionalInformationSPSNote");
    }

  open_element (xml, 5, "ram:ApplicableSPSClassification");
  text_element (xml, 6, "ram:SystemName", NULL, NULL, "HS");
  text_element (xml, 6, "ram:ClassCode", NULL, NULL, commodity->hs_code);
  text_element (xml, 6, "ram:ClassName", "languageID", "en", commodity->hs_name);
  close_element (xml, 5, "ram:ApplicableSPSClassification");

  open_element (xml, 5, "ram:PhysicalSPSPackage");
  text_element (xml, 6, "ram:LevelCode", NULL, NULL, packages > 0 ? "3" : "4");
  text_element (xml, 6, "ram:TypeCode", NULL, NULL, commodity->package_type);
  packages_text = g_strdup_printf ("%u", packages > 0 ? packages : 1);
  text_element (xml, 6, "ram:ItemQuantity", NULL, NULL, packages_text);
  close_element (xml, 5, "ram:PhysicalSPSPackage");

  open_element (xml, 5, "ram:OriginSPSCountry");
  text_element (xml, 6, "ram:ID", NULL, NULL, exporter->country);
  text_element (xml, 6, "ram:Name", NULL, NULL, country_name (exporter->country));
  open_element (xml, 6, "ram:SubordinateSPSCountrySubDivision");
  text_element (xml, 7, "ram:Name", NULL, NULL, region);
  text_element (xml, 7, "ram:HierarchicalLevelCode", NULL, NULL, "1");
  close_element (xml, 6, "ram:SubordinateSPSCountrySubDivision");
  close_element (xml, 5, "ram:OriginSPSCountry");

  write_treatment (xml, rand, commodity, original->issued);
  close_element (xml, 4, "ram:IncludedSPSTradeLineItem");

  texts_add (&writer->commodities, commodity->common_name);
  texts_add (&writer->commodities, commodity->scientific_name);
  texts_add (&writer->commodities, commodity->description);
  texts_add (&writer->codes, commodity->hs_code);
  texts_add (&writer->codes, commodity->hs_name);
  texts_add (&writer->countries, exporter->country);
  texts_add (&writer->countries, country_name (exporter->country));
  texts_add (&writer->countries, region);
}

static void
write_party (GString                *xml,
             const char             *element,
             const EcertSampleParty *party,
             const char             *country)
{
  open_element (xml, 2, element);
  text_element (xml, 3, "ram:Name", NULL, NULL, party->name);
  open_element (xml, 3, "ram:SpecifiedSPSAddress");
  text_element (xml, 4, "ram:LineOne", NULL, NULL, party->street);
  text_element (xml, 4, "ram:LineTwo", NULL, NULL, party->city);
  text_element (xml, 4, "ram:LineThree", NULL, NULL, country);
  close_element (xml, 3, "ram:SpecifiedSPSAddress");
  close_element (xml, 2, element);
}

static void
write_country (Writer     *writer,
               const char *element,
               const char *code)
{
  open_element (writer->xml, 2, element);
  text_element (writer->xml, 3, "ram:ID", NULL, NULL, code);
  text_element (writer->xml, 3, "ram:Name", NULL, NULL, country_name (code));
  close_element (writer->xml, 2, element);
  texts_add (&writer->countries, code);
  texts_add (&writer->countries, country_name (code));
}

static void
write_transport (Writer                     *writer,
                 const EcertSampleCommodity *commodity)
{
  GString *xml = writer->xml;
  GRand *rand = writer->rand;
  const EcertSampleExporter *exporter = writer->original->exporter;
  g_autofree char *voyage = NULL;
  g_autofree char *mode = g_strdup_printf ("%u", commodity->mode);
  g_autofree char *ship = NULL;
  const char *means;

  if (commodity->mode == 4)
    {
      voyage = g_strdup_printf ("%s %u", exporter->airline,
                                (guint) g_rand_int_range (rand, 100, 999));
      means = "Boeing 777F";
    }
  else
    {
      gboolean bulk = commodity->kg_per_package == 0;
      guint n_vessels, n_carriers;
      const char * const *vessels = ecert_sample_tables_vessels (&n_vessels);
      const char * const *carriers = ecert_sample_tables_bulk_carriers (&n_carriers);

      voyage = g_strdup_printf ("V.%03u%c", (guint) g_rand_int_range (rand, 1, 400),
                                "NSEW"[g_rand_int_range (rand, 0, 4)]);
      means = bulk ? pick (rand, carriers, n_carriers)
                   : pick (rand, vessels, n_vessels);

      /* The replacement's stated reason: the first named the wrong one. */
      if (corrects (writer, 0))
        means = pick (variation (writer), vessels, n_vessels);

      /* Many container lines call at the main importer's many ports. */
      if (writer->contents->many_traders && !bulk)
        {
          const EcertSampleVolumeWords *words = ecert_sample_tables_volume_words ();
          const char *line = pick_word (rand, &words->shipping_lines);

          ship = g_strdup_printf ("%s %s", line, pick_word (rand, &words->ship_names));
          means = ship;
        }
    }

  open_element (xml, 2, "ram:MainCarriageSPSTransportMovement");
  text_element (xml, 3, "ram:ID", NULL, NULL, voyage);
  text_element (xml, 3, "ram:ModeCode", NULL, NULL, mode);
  open_element (xml, 3, "ram:UsedSPSTransportMeans");
  text_element (xml, 4, "ram:Name", NULL, NULL, means);
  close_element (xml, 3, "ram:UsedSPSTransportMeans");
  close_element (xml, 2, "ram:MainCarriageSPSTransportMovement");
  texts_add (&writer->transport, means);
  texts_add (&writer->transport, voyage);

  /* Containers and seals are what inspectors check first; the hub's schema
   * wants their ID unqualified, which no real certificate does. */
  if (commodity->mode == 1 && commodity->kg_per_package > 0 && chance (rand, 0.5))
    {
      g_autofree char *container = container_number (rand);
      g_autofree char *seal = g_strdup_printf ("%c%07u", "ACHMS"[g_rand_int_range (rand, 0, 5)],
                                               (guint) g_rand_int_range (rand, 1000000, 9999999));

      open_element (xml, 2, "ram:UtilizedSPSTransportEquipment");
      text_element (xml, 3, "ram:ID", NULL, NULL, container);
      open_element (xml, 3, "ram:AffixedSPSSeal");
      text_element (xml, 4, "ram:ID", NULL, NULL, seal);
      close_element (xml, 3, "ram:AffixedSPSSeal");
      close_element (xml, 2, "ram:UtilizedSPSTransportEquipment");
      texts_add (&writer->transport, container);
      texts_add (&writer->transport, seal);
    }
}

static void
write_exchanged_document (Writer                     *writer,
                          const char                 *number,
                          const EcertSampleCommodity *commodity)
{
  GString *xml = writer->xml;
  GRand *rand = writer->rand;
  const EcertSampleOriginal *original = writer->original;
  const EcertSampleExporter *exporter = original->exporter;
  const char *place = pick (rand, exporter->places, G_N_ELEMENTS (exporter->places));
  const char *inspector = pick (rand, exporter->inspectors, G_N_ELEMENTS (exporter->inspectors));
  g_autofree char *permit = g_strdup_printf ("IP%s%06u", original->importer->country,
                                             (guint) g_rand_int_range (rand, 1, 999999));
  gboolean with_attachment = chance (rand, writer->contents->attachments);
  const char *nppo = nppo_name (exporter->country);

  open_element (xml, 1, "rsm:SPSExchangedDocument");
  text_element (xml, 2, "ram:Name", NULL, NULL, "Phytosanitary Certificate");
  text_element (xml, 2, "ram:ID", NULL, NULL, number);
  text_element (xml, 2, "ram:TypeCode", NULL, NULL, "851");
  text_element (xml, 2, "ram:StatusCode", NULL, NULL,
                writer->kind == ECERT_SAMPLE_WITHDRAWAL ? "40" : "70");
  date_text_element (xml, 2, "ram:IssueDateTime", writer->issued);
  open_element (xml, 2, "ram:IssuerSPSParty");
  text_element (xml, 3, "ram:Name", NULL, NULL, nppo);
  close_element (xml, 2, "ram:IssuerSPSParty");

  if (commodity->declaration != NULL)
    note (xml, "ADEDL", "en", commodity->declaration);
  note (xml, "ADIPEDL", NULL, permit);

  if (writer->kind == ECERT_SAMPLE_REPLACEMENT)
    {
      g_autofree char *statement = g_strdup_printf ("This certificate replaces and cancels "
                                                    "phytosanitary certificate %s.",
                                                    original->number);
      g_autofree char *date = g_date_time_format (original->issued, "%Y-%m-%d");
      guint n_reasons;
      const char * const *reasons = ecert_sample_tables_replacement_reasons (&n_reasons);

      note (xml, "ADRP", "en", statement);
      note (xml, "ADRPN", NULL, original->number);
      note (xml, "ADRPR", "en", reasons[original->seed % n_reasons]);
      note (xml, "ADRD", NULL, date);
    }
  else if (writer->kind == ECERT_SAMPLE_WITHDRAWAL)
    {
      note (xml, "ADAOEDL", "en", "This certificate is withdrawn: the consignment was not "
                                  "shipped.");
    }

  writer->written->attached = with_attachment;
  if (with_attachment)
    write_attachment (writer, permit);

  open_element (xml, 2, "ram:SignatorySPSAuthentication");
  date_text_element (xml, 3, "ram:ActualDateTime", writer->issued);
  open_element (xml, 3, "ram:IssueSPSLocation");
  text_element (xml, 4, "ram:Name", NULL, NULL, place);
  close_element (xml, 3, "ram:IssueSPSLocation");
  open_element (xml, 3, "ram:ProviderSPSParty");
  text_element (xml, 4, "ram:Name", NULL, NULL, nppo);
  open_element (xml, 4, "ram:SpecifiedSPSPerson");
  text_element (xml, 5, "ram:Name", NULL, NULL, inspector);
  close_element (xml, 4, "ram:SpecifiedSPSPerson");
  close_element (xml, 3, "ram:ProviderSPSParty");
  open_element (xml, 3, "ram:IncludedSPSClause");
  text_element (xml, 4, "ram:ID", NULL, NULL, "1");
  text_element (xml, 4, "ram:Content", NULL, NULL,
                "This is to certify that the plants, plant products or other regulated articles "
                "described herein have been inspected and/or tested according to appropriate "
                "official procedures and are considered to be free from the quarantine pests "
                "specified by the importing contracting party and to conform with the current "
                "phytosanitary requirements of the importing contracting party, including those "
                "for regulated non-quarantine pests.");
  close_element (xml, 3, "ram:IncludedSPSClause");
  close_element (xml, 2, "ram:SignatorySPSAuthentication");
  close_element (xml, 1, "rsm:SPSExchangedDocument");

  texts_add (&writer->issuer, nppo);
  texts_add (&writer->issuer, inspector);
  texts_add (&writer->issuer, place);
}

/* One of the thousands of traders a year of trade comes from, at the
 * address of one of the exporter's own. */
static void
make_up_consignor (GRand            *rand,
                   EcertSampleParty *party,
                   char            **name)
{
  const EcertSampleVolumeWords *words = ecert_sample_tables_volume_words ();
  const char *start = pick_word (rand, &words->trader_starts);
  const char *middle = pick_word (rand, &words->trader_middles);

  *name = g_strdup_printf ("%s %s %s", start, middle, pick_word (rand, &words->trader_ends));
  party->name = *name;
}

/* Most importers of the main importing country write their names in
 * Chinese; some trade under an English one. */
static void
make_up_consignee (GRand                     *rand,
                   const EcertSampleImporter *importer,
                   EcertSampleParty          *party,
                   char                     **name,
                   char                     **street)
{
  const EcertSampleVolumeWords *words = ecert_sample_tables_volume_words ();

  if (g_strcmp0 (importer->country, ECERT_SAMPLE_MAIN_IMPORTER) == 0 &&
      g_rand_int_range (rand, 0, 5) != 0)
    {
      const char *city = pick_word (rand, &words->chinese_cities);
      const char *trade = pick_word (rand, &words->chinese_trades);
      const char *form = pick_word (rand, &words->chinese_forms);
      const char *road = pick_word (rand, &words->chinese_roads);

      *name = g_strdup_printf ("%s%s%s", city, trade, form);
      *street = g_strdup_printf ("%s %u 号", road, (guint) g_rand_int_range (rand, 1, 900));
      party->city = city;
    }
  else
    {
      const char *start = pick_word (rand, &words->trader_starts);

      *name = g_strdup_printf ("%s %s Import Co., Ltd.", start,
                               pick_word (rand, &words->trader_middles));
      *street = g_strdup (party->street);
    }

  party->name = *name;
  party->street = *street;
}

static const EcertSamplePort *
pick_main_importer_port (GRand *rand,
                         guint  mode)
{
  const EcertSampleVolumeWords *words = ecert_sample_tables_volume_words ();
  gboolean air = mode == 4;
  guint count = air ? words->n_main_importer_airports : words->n_main_importer_ports;
  guint index = (guint) g_rand_int_range (rand, 0, (gint32) count);

  return air ? &words->main_importer_airports[index] : &words->main_importer_ports[index];
}

static void
write_consignment (Writer                     *writer,
                   const EcertSampleCommodity *first)
{
  GString *xml = writer->xml;
  GRand *rand = writer->rand;
  const EcertSampleOriginal *original = writer->original;
  const EcertSampleExporter *exporter = original->exporter;
  const EcertSampleImporter *importer = original->importer;
  EcertSampleParty consignor = exporter->consignors[g_rand_int_range (rand, 0, 3)];
  EcertSampleParty consignee = importer->consignees[g_rand_int_range (rand, 0, 4)];
  const EcertSamplePort *port = first->mode == 4 ? &importer->airport
                                                 : &importer->ports[g_rand_int_range (rand, 0, 4)];
  const EcertSamplePort *loading = &exporter->ports[g_rand_int_range (rand, 0, 3)];
  g_autofree char *examined = g_strdup_printf ("%s inspection centre", loading->name);
  g_autofree char *consignor_name = NULL;
  g_autofree char *consignee_name = NULL;
  g_autofree char *consignee_street = NULL;
  const EcertSampleCommodity *second = NULL;

  /* Small lots of fruit often travel together. */
  if (first->mode == 1 && first->kg_per_package > 0 && first->max_tonnes < 30 &&
      chance (rand, 0.2))
    second = pick_commodity (rand, exporter);

  if (writer->contents->many_traders)
    {
      make_up_consignor (rand, &consignor, &consignor_name);
      make_up_consignee (rand, importer, &consignee, &consignee_name, &consignee_street);
      if (g_strcmp0 (importer->country, ECERT_SAMPLE_MAIN_IMPORTER) == 0)
        port = pick_main_importer_port (rand, first->mode);
    }

  if (corrects (writer, 2))
    consignee.street = importer->consignees[g_rand_int_range (variation (writer), 0, 4)].street;

  open_element (xml, 1, "rsm:SPSConsignment");
  write_party (xml, "ram:ConsignorSPSParty", &consignor, country_name (exporter->country));
  write_party (xml, "ram:ConsigneeSPSParty", &consignee, country_name (importer->country));
  write_country (writer, "ram:ExportSPSCountry", exporter->country);
  write_country (writer, "ram:ImportSPSCountry", importer->country);
  if (first->mode == 1 && chance (rand, 0.15))
    write_country (writer, "ram:TransitSPSCountry", "SG");
  open_element (xml, 2, "ram:UnloadingBaseportSPSLocation");
  text_element (xml, 3, "ram:ID", "schemeID", "UN/LOCODE", port->locode);
  text_element (xml, 3, "ram:Name", NULL, NULL, port->name);
  close_element (xml, 2, "ram:UnloadingBaseportSPSLocation");
  open_element (xml, 2, "ram:ExaminationSPSEvent");
  open_element (xml, 3, "ram:OccurrenceSPSLocation");
  text_element (xml, 4, "ram:Name", NULL, NULL, examined);
  close_element (xml, 3, "ram:OccurrenceSPSLocation");
  close_element (xml, 2, "ram:ExaminationSPSEvent");
  texts_add (&writer->ports, port->locode);
  texts_add (&writer->ports, port->name);
  texts_add (&writer->ports, examined);
  write_transport (writer, first);

  open_element (xml, 2, "ram:IncludedSPSConsignmentItem");
  write_trade_line_item (writer, 1, first, &consignor);
  if (second != NULL)
    write_trade_line_item (writer, 2, second, &consignor);
  close_element (xml, 2, "ram:IncludedSPSConsignmentItem");
  close_element (xml, 1, "rsm:SPSConsignment");

  writer->written->entry->consignor = g_strdup (consignor.name);
  writer->written->entry->consignee = g_strdup (consignee.name);
  writer->written->entry->commodity = g_strdup (first->common_name);
}

/* What the cache keeps of the certificate, besides the texts collected
 * while writing it. */
static void
write_index_entry (Writer     *writer,
           const char *number)
{
  EcertCacheIndexEntry *entry = writer->written->entry;
  const EcertSampleOriginal *original = writer->original;

  entry->number = g_strdup (number);
  entry->type_code = g_strdup ("851");
  entry->status_code = g_strdup (writer->kind == ECERT_SAMPLE_WITHDRAWAL ? "40" : "70");
  entry->issued = g_strdup (writer->issued);
  /* As written: to the second. */
  entry->issued_at = g_date_time_new_from_iso8601 (entry->issued, NULL);
  entry->export_country = g_strdup (original->exporter->country);
  entry->import_country = g_strdup (original->importer->country);
  entry->commodities = texts_finish (&writer->commodities);
  entry->hs_codes = texts_finish (&writer->codes);
  entry->ports = texts_finish (&writer->ports);
  entry->transport = texts_finish (&writer->transport);
  entry->issuer = texts_finish (&writer->issuer);
  entry->countries = texts_finish (&writer->countries);
  if (writer->kind == ECERT_SAMPLE_REPLACEMENT)
    entry->replaces_number = g_strdup (original->number);
}

void
ecert_sample_written_clear (EcertSampleWritten *written)
{
  g_clear_pointer (&written->net_weight, g_free);
  g_clear_pointer (&written->entry, ecert_cache_index_entry_free);
}

/**
 * ecert_sample_document_write:
 * @original: the certificate as first issued
 * @kind: the original itself, or its withdrawal or replacement
 * @number: the number of the certificate written
 * @issued: when it was issued, in the exporter's zone
 * @contents: how its contents are drawn
 * @written: (out caller-allocates): what was written
 *
 * Returns: (transfer full): the certificate, unsigned
 */
GBytes *
ecert_sample_document_write (const EcertSampleOriginal *original,
                             EcertSampleKind            kind,
                             const char                *number,
                             GDateTime                 *issued,
                             const EcertSampleContents *contents,
                             EcertSampleWritten        *written)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (original->seed);
  const EcertSampleCommodity *commodity = pick_commodity (rand, original->exporter);
  g_autofree char *issued_text = g_date_time_format (issued, DATE_FORMAT);
  Writer writer = { g_string_sized_new (8192), rand, NULL, original, kind, contents, written,
                    issued_text };

  written->entry = g_new0 (EcertCacheIndexEntry, 1);
  texts_init (&writer.commodities);
  texts_init (&writer.codes);
  texts_init (&writer.ports);
  texts_init (&writer.transport);
  texts_init (&writer.issuer);
  texts_init (&writer.countries);

  g_string_append (writer.xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<rsm:SPSCertificate xmlns:rsm=\"" RSM_NS "\" "
                               "xmlns:ram=\"" RAM_NS "\" xmlns:udt=\"" UDT_NS "\">\n");
  write_exchanged_document (&writer, number, commodity);
  write_consignment (&writer, commodity);
  g_string_append (writer.xml, "</rsm:SPSCertificate>\n");
  write_index_entry (&writer, number);
  g_clear_pointer (&writer.variation, g_rand_free);

  return g_string_free_to_bytes (writer.xml);
}
