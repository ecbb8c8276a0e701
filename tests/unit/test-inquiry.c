/* test-inquiry.c: the inquiry model, its validation and its XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ecert-core.h"
#include "ecert-test-util.h"

static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00 };
static const char pdf[] = "%PDF-1.4\n% a page of evidence\n%%EOF\n";

static GBytes *
jpeg_of_size (gsize size)
{
  guint8 *data = g_malloc0 (size);

  memcpy (data, jpeg, MIN (size, sizeof jpeg));
  return g_bytes_new_take (data, size);
}

static EcertInquiry *
complete_inquiry (void)
{
  EcertInquiry *inquiry = ecert_inquiry_new ();
  g_autoptr(GDateTime) issued_at = g_date_time_new_utc (2026, 3, 15, 8, 30, 0);

  ecert_inquiry_set_certificate_number (inquiry, "NZ-2026-000417");
  ecert_inquiry_set_export_country (inquiry, "NZ");
  ecert_inquiry_set_certificate_type (inquiry, "851");
  ecert_inquiry_set_status (inquiry, ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_REQUESTED);
  ecert_inquiry_set_measures (inquiry, ECERT_INQUIRY_MEASURE_DETAINED |
                                       ECERT_INQUIRY_MEASURE_SAMPLED);
  ecert_inquiry_set_reason (inquiry, "en", "The seal number differs from the certificate.");
  ecert_inquiry_set_inspector_name (inquiry, "Li Wei");
  ecert_inquiry_set_inspection_location (inquiry, "Shanghai Yangshan port, CNSHA");
  ecert_inquiry_set_issued_at (inquiry, issued_at);
  return inquiry;
}

static void
test_empty_has_a_problem_per_field (void)
{
  g_autoptr(EcertInquiry) inquiry = ecert_inquiry_new ();
  const EcertInquiryField required[] = {
    ECERT_INQUIRY_FIELD_CERTIFICATE_NUMBER, ECERT_INQUIRY_FIELD_EXPORT_COUNTRY,
    ECERT_INQUIRY_FIELD_CERTIFICATE_TYPE, ECERT_INQUIRY_FIELD_STATUS,
    ECERT_INQUIRY_FIELD_MEASURES, ECERT_INQUIRY_FIELD_REASON,
    ECERT_INQUIRY_FIELD_INSPECTOR_NAME, ECERT_INQUIRY_FIELD_INSPECTION_LOCATION,
    ECERT_INQUIRY_FIELD_ISSUED_AT,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = NULL;

  g_assert_false (ecert_inquiry_is_valid (inquiry));
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_nonnull (ecert_inquiry_get_problem (inquiry, required[i]));
  g_assert_null (ecert_inquiry_get_problem (inquiry, ECERT_INQUIRY_FIELD_ATTACHMENTS));

  xml = ecert_inquiry_to_xml (inquiry, &error);
  g_assert_null (xml);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
changed_cb (EcertInquiry *inquiry,
            gpointer      user_data)
{
  (*(guint *) user_data)++;
}

static void
test_valid_is_notified (void)
{
  g_autoptr(EcertInquiry) inquiry = complete_inquiry ();
  guint notified = 0;
  gboolean valid = FALSE;

  g_assert_true (ecert_inquiry_is_valid (inquiry));
  g_assert_cmpuint (ecert_inquiry_get_problems (inquiry)->len, ==, 0);
  g_signal_connect (inquiry, "notify::valid", G_CALLBACK (count_cb), &notified);

  ecert_inquiry_set_inspector_name (inquiry, "   ");
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (inquiry, "valid", &valid, NULL);
  g_assert_false (valid);
  g_assert_nonnull (ecert_inquiry_get_problem (inquiry, ECERT_INQUIRY_FIELD_INSPECTOR_NAME));

  /* A form binds properties; setting them goes through the same rules. */
  g_object_set (inquiry, "inspector-name", "Li Wei", NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (ecert_inquiry_is_valid (inquiry));
}

typedef void (*Spoil) (EcertInquiry *inquiry);

static void spoil_country (EcertInquiry *i) { ecert_inquiry_set_export_country (i, "New Zealand"); }
static void spoil_type (EcertInquiry *i) { ecert_inquiry_set_certificate_type (i, "999"); }
static void spoil_status (EcertInquiry *i) { ecert_inquiry_set_status (i, 99); }
static void spoil_released (EcertInquiry *i)
{
  ecert_inquiry_set_measures (i, ECERT_INQUIRY_MEASURE_RELEASED | ECERT_INQUIRY_MEASURE_DETAINED);
}
static void spoil_fate (EcertInquiry *i)
{
  ecert_inquiry_set_measures (i, ECERT_INQUIRY_MEASURE_RE_EXPORT |
                                 ECERT_INQUIRY_MEASURE_DESTRUCTION);
}
static void spoil_language (EcertInquiry *i) { ecert_inquiry_set_reason (i, "english", "Why"); }
static void spoil_control (EcertInquiry *i) { ecert_inquiry_set_reason (i, "en", "bell\a"); }
static void spoil_number (EcertInquiry *i)
{
  g_autofree char *long_number = g_strnfill (71, '7');

  ecert_inquiry_set_certificate_number (i, long_number);
}
static void spoil_length (EcertInquiry *i)
{
  g_autofree char *essay = g_strnfill (4001, 'x');

  ecert_inquiry_set_reason (i, "en", essay);
}
static void spoil_future (EcertInquiry *i)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 2);

  ecert_inquiry_set_issued_at (i, later);
}

static void
test_rules (void)
{
  const struct
  {
    Spoil             spoil;
    EcertInquiryField field;
  } cases[] = {
    { spoil_country, ECERT_INQUIRY_FIELD_EXPORT_COUNTRY },
    { spoil_type, ECERT_INQUIRY_FIELD_CERTIFICATE_TYPE },
    { spoil_status, ECERT_INQUIRY_FIELD_STATUS },
    { spoil_released, ECERT_INQUIRY_FIELD_MEASURES },
    { spoil_fate, ECERT_INQUIRY_FIELD_MEASURES },
    { spoil_language, ECERT_INQUIRY_FIELD_REASON },
    { spoil_control, ECERT_INQUIRY_FIELD_REASON },
    { spoil_number, ECERT_INQUIRY_FIELD_CERTIFICATE_NUMBER },
    { spoil_length, ECERT_INQUIRY_FIELD_REASON },
    { spoil_future, ECERT_INQUIRY_FIELD_ISSUED_AT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EcertInquiry) inquiry = complete_inquiry ();
      GPtrArray *problems;

      cases[i].spoil (inquiry);
      problems = ecert_inquiry_get_problems (inquiry);
      g_test_message ("case %zu: %s", i,
                      problems->len > 0
                      ? ((EcertInquiryProblem *) problems->pdata[0])->message : "valid");
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_cmpint (((EcertInquiryProblem *) problems->pdata[0])->field, ==, cases[i].field);
      g_assert_false (ecert_inquiry_is_valid (inquiry));
    }
}

static void
test_reasons (void)
{
  g_autoptr(EcertInquiry) inquiry = complete_inquiry ();
  guint changes = 0;

  g_signal_connect (inquiry, "changed", G_CALLBACK (changed_cb), &changes);
  ecert_inquiry_set_reason (inquiry, "zh", "铅封号与证书不符。");
  ecert_inquiry_set_reason (inquiry, "ZH", "铅封号与证书不符。");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (ecert_inquiry_get_reasons (inquiry)->len, ==, 2);
  g_assert_cmpstr (ecert_inquiry_get_reason (inquiry, "zh"), ==, "铅封号与证书不符。");

  ecert_inquiry_set_reason (inquiry, "en", "");
  g_assert_cmpuint (ecert_inquiry_get_reasons (inquiry)->len, ==, 1);
  g_assert_cmpstr (((EcertInquiryReason *) ecert_inquiry_get_reasons (inquiry)->pdata[0])->language,
                   ==, "zh");
  ecert_inquiry_set_reason (inquiry, "zh", NULL);
  g_assert_nonnull (ecert_inquiry_get_problem (inquiry, ECERT_INQUIRY_FIELD_REASON));
}

static void
test_attachment_limits (void)
{
  g_autoptr(EcertInquiry) inquiry = complete_inquiry ();
  g_autoptr(GBytes) too_big = jpeg_of_size (ECERT_INQUIRY_MAX_ATTACHMENT_SIZE + 1);
  g_autoptr(GBytes) largest = jpeg_of_size (ECERT_INQUIRY_MAX_ATTACHMENT_SIZE);
  g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ecert_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "photo.jpg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_false (ecert_inquiry_add_attachment (inquiry, "/tmp/huge.jpg", too_big, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.jpg"));
  g_clear_error (&error);

  g_assert_false (ecert_inquiry_add_attachment (inquiry, "notes.txt", text, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (ecert_inquiry_add_attachment (inquiry, "a.jpg", largest, &error));
  g_assert_no_error (error);
  g_assert_true (ecert_inquiry_add_attachment (inquiry, "b.jpg", largest, &error));
  g_assert_no_error (error);
  /* Two of the largest leave less than one for a third. */
  g_assert_false (ecert_inquiry_add_attachment (inquiry, "c.jpg", largest, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_cmpuint (ecert_inquiry_get_attachments (inquiry)->len, ==, 2);

  /* A file is refused by its size, before it is read. */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (too_big, NULL),
                                      (gssize) g_bytes_get_size (too_big), NULL));
  ecert_inquiry_remove_attachment (inquiry, 1);
  g_assert_false (ecert_inquiry_add_attachment_file (inquiry, file, NULL, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, (const char *) jpeg, sizeof jpeg, NULL));
  g_assert_true (ecert_inquiry_add_attachment_file (inquiry, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (((EcertInquiryAttachment *) ecert_inquiry_get_attachments (inquiry)->pdata[1])
                   ->content_type, ==, "image/jpeg");

  ecert_test_remove_tree (dir);
}

static void
assert_same (EcertInquiry *a,
             EcertInquiry *b)
{
  GPtrArray *ra = ecert_inquiry_get_reasons (a);
  GPtrArray *rb = ecert_inquiry_get_reasons (b);
  GPtrArray *aa = ecert_inquiry_get_attachments (a);
  GPtrArray *ab = ecert_inquiry_get_attachments (b);

  g_assert_cmpstr (ecert_inquiry_get_certificate_number (a), ==,
                   ecert_inquiry_get_certificate_number (b));
  g_assert_cmpstr (ecert_inquiry_get_export_country (a), ==,
                   ecert_inquiry_get_export_country (b));
  g_assert_cmpstr (ecert_inquiry_get_certificate_type (a), ==,
                   ecert_inquiry_get_certificate_type (b));
  g_assert_cmpuint (ecert_inquiry_get_status (a), ==, ecert_inquiry_get_status (b));
  g_assert_cmpuint (ecert_inquiry_get_measures (a), ==, ecert_inquiry_get_measures (b));
  g_assert_cmpstr (ecert_inquiry_get_inspector_name (a), ==,
                   ecert_inquiry_get_inspector_name (b));
  g_assert_cmpstr (ecert_inquiry_get_inspection_location (a), ==,
                   ecert_inquiry_get_inspection_location (b));
  g_assert_true (g_date_time_equal (ecert_inquiry_get_issued_at (a),
                                    ecert_inquiry_get_issued_at (b)));

  g_assert_cmpuint (ra->len, ==, rb->len);
  for (guint i = 0; i < ra->len; i++)
    {
      const EcertInquiryReason *x = ra->pdata[i], *y = rb->pdata[i];

      g_assert_cmpstr (x->language, ==, y->language);
      g_assert_cmpstr (x->text, ==, y->text);
    }

  g_assert_cmpuint (aa->len, ==, ab->len);
  for (guint i = 0; i < aa->len; i++)
    {
      const EcertInquiryAttachment *x = aa->pdata[i], *y = ab->pdata[i];

      g_assert_cmpstr (x->filename, ==, y->filename);
      g_assert_cmpstr (x->content_type, ==, y->content_type);
      g_assert_true (g_bytes_equal (x->data, y->data));
    }
}

static void
add_evidence (EcertInquiry *inquiry)
{
  g_autoptr(GBytes) photo = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(GBytes) report = g_bytes_new_static (pdf, strlen (pdf));

  ecert_inquiry_set_reason (inquiry, "zh", "铅封号与证书不符 & <不一致>。");
  g_assert_true (ecert_inquiry_add_attachment (inquiry, "seal.jpg", photo, NULL));
  g_assert_true (ecert_inquiry_add_attachment (inquiry, "lab report.pdf", report, NULL));
}

static void
test_round_trip (void)
{
  g_autoptr(EcertInquiry) inquiry = complete_inquiry ();
  g_autoptr(EcertInquiry) read = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;

  add_evidence (inquiry);
  xml = ecert_inquiry_to_xml (inquiry, &error);
  g_assert_no_error (error);
  g_test_message ("%.*s", (int) g_bytes_get_size (xml), (const char *) g_bytes_get_data (xml, NULL));

  read = ecert_inquiry_new_from_xml (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), &error);
  g_assert_no_error (error);
  assert_same (inquiry, read);
  g_assert_true (ecert_inquiry_is_valid (read));
}

static void
assert_schema_valid (EcertInquiry *inquiry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = ecert_inquiry_to_xml (inquiry, &error);
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_no_error (error);
  doc = ecert_xml_parse (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ecert_schema_validate_hub_element (xmlDocGetRootElement (doc), &findings,
                                                    &error));
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    g_test_message ("line %u: %s", ((EcertSchemaFinding *) findings->pdata[i])->line,
                    ((EcertSchemaFinding *) findings->pdata[i])->message);
  g_assert_cmpuint (findings->len, ==, 0);
}

/* Every status, every measure alone and every allowed combination, with
 * and without the optional parts: each must follow the WSDL's schema. */
static void
test_schema_validity (void)
{
  const guint statuses[] = { 1, 3, 5, 7, 8, 10, 11 };
  guint checked = 0;

  for (gsize s = 0; s < G_N_ELEMENTS (statuses); s++)
    for (guint measures = 1; measures <= ECERT_INQUIRY_MEASURE_ALL; measures++)
      for (guint extras = 0; extras < 2; extras++)
        {
          g_autoptr(EcertInquiry) inquiry = complete_inquiry ();

          ecert_inquiry_set_status (inquiry, statuses[s]);
          ecert_inquiry_set_measures (inquiry, measures);
          if (!ecert_inquiry_is_valid (inquiry))
            continue;
          /* The optional parts do not depend on the measures. */
          if (extras == 1 && measures != ECERT_INQUIRY_MEASURE_DETAINED)
            continue;
          if (extras == 1)
            add_evidence (inquiry);

          assert_schema_valid (inquiry);
          checked++;
        }

  g_test_message ("%u variants", checked);
  g_assert_cmpuint (checked, >, 7 * 20);
}

static void
test_reads_foreign_reply (void)
{
  /* Another system's reply: a bare date, no profile entries, a reference
   * with a relationship of its own. */
  static const char reply[] =
    "<a:SPSAcknowledgement xmlns:a='urn:un:unece:uncefact:data:standard:SPSAcknowledgement:17'"
    " xmlns:r='" ECERT_TEST_RAM_NS "'><a:SPSAcknowledgementDocument>"
    "<r:IssueDateTime>2026-03-16T10:00:00+13:00</r:IssueDateTime>"
    "<r:StatusCode> 10 </r:StatusCode>"
    "<r:ReasonInformation languageID='en'>Certificate confirmed authentic</r:ReasonInformation>"
    "<r:ReferenceSPSReferencedDocument><r:TypeCode>851</r:TypeCode>"
    "<r:RelationshipTypeCode>AAG</r:RelationshipTypeCode><r:ID>NZ-2026-000417</r:ID>"
    "</r:ReferenceSPSReferencedDocument>"
    "<r:ReferenceSPSReferencedDocument><r:TypeCode>ZZZ</r:TypeCode>"
    "<r:RelationshipTypeCode>Unknown</r:RelationshipTypeCode></r:ReferenceSPSReferencedDocument>"
    "</a:SPSAcknowledgementDocument></a:SPSAcknowledgement>";
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertInquiry) inquiry =
    ecert_inquiry_new_from_xml ((const guint8 *) reply, strlen (reply), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ecert_inquiry_get_status (inquiry), ==, 10);
  g_assert_cmpstr (ecert_inquiry_get_certificate_number (inquiry), ==, "NZ-2026-000417");
  g_assert_cmpstr (ecert_inquiry_get_certificate_type (inquiry), ==, "851");
  g_assert_cmpstr (ecert_inquiry_get_reason (inquiry, "en"), ==,
                   "Certificate confirmed authentic");
  g_assert_cmpint (g_date_time_to_unix (ecert_inquiry_get_issued_at (inquiry)), ==, 1773608400);
}

static void
test_malformed (void)
{
#define DOC(body) \
  "<a:SPSAcknowledgement xmlns:a='urn:un:unece:uncefact:data:standard:SPSAcknowledgement:17'" \
  " xmlns:r='" ECERT_TEST_RAM_NS "'>" body "</a:SPSAcknowledgement>"
  const struct
  {
    const char *xml;
    int         code;
  } cases[] = {
    { "", ECERT_ERROR_NOT_WELL_FORMED },
    { DOC ("<a:SPSAcknowledgementDocument>"), ECERT_ERROR_NOT_WELL_FORMED },
    { "<SPSAcknowledgement/>", ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT },
    { DOC (""), ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT },
    { DOC ("<a:SPSAcknowledgementDocument/>"), ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT },
    { DOC ("<a:SPSAcknowledgementDocument><r:StatusCode>ten</r:StatusCode>"
           "</a:SPSAcknowledgementDocument>"), ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT },
    { DOC ("<a:SPSAcknowledgementDocument><r:StatusCode>-1</r:StatusCode>"
           "</a:SPSAcknowledgementDocument>"), ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT },
    { DOC ("<a:SPSAcknowledgementDocument><r:StatusCode>1</r:StatusCode>"
           "<r:ReferenceSPSReferencedDocument><r:TypeCode>ZZZ</r:TypeCode>"
           "<r:RelationshipTypeCode>Attachment</r:RelationshipTypeCode>"
           "<r:AttachmentBinaryObject filename='x.jpg'>@@not base64@@</r:AttachmentBinaryObject>"
           "</r:ReferenceSPSReferencedDocument></a:SPSAcknowledgementDocument>"),
      ECERT_ERROR_CORRUPT_ATTACHMENT },
    { "<!DOCTYPE a [<!ENTITY e 'x'>]>" DOC ("&e;"), ECERT_ERROR_HOSTILE_XML },
  };
#undef DOC

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EcertInquiry) inquiry =
        ecert_inquiry_new_from_xml ((const guint8 *) cases[i].xml, strlen (cases[i].xml), &error);

      g_test_message ("case %zu: %s", i, error != NULL ? error->message : "read");
      g_assert_null (inquiry);
      g_assert_error (error, ECERT_ERROR, cases[i].code);
    }
}

static void
read_hostile (const char *name,
              const char *contents,
              gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertInquiry) inquiry =
    ecert_inquiry_new_from_xml ((const guint8 *) contents, length, &error);

  g_test_message ("%s: %s", name, error != NULL ? error->message : "read");
  g_assert_null (inquiry);
  /* Refused as hostile, or parsed safely and found to be no inquiry. */
  g_assert_true (g_error_matches (error, ECERT_ERROR, ECERT_ERROR_HOSTILE_XML) ||
                 g_error_matches (error, ECERT_ERROR, ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT));
}

static void
test_hostile_vectors (void)
{
  ecert_test_each_hostile_vector (read_hostile);
}

static void
test_draft_round_trip (void)
{
  g_autoptr(EcertInquiry) inquiry = complete_inquiry ();
  g_autoptr(EcertInquiry) partial = ecert_inquiry_new ();
  g_autoptr(EcertInquiry) read = NULL;
  g_autoptr(GBytes) draft = NULL;
  g_autoptr(GBytes) damaged = g_bytes_new_static ("\xff\xff\xff\xff not a draft", 17);
  g_autoptr(GError) error = NULL;

  add_evidence (inquiry);
  draft = ecert_inquiry_to_draft (inquiry);
  read = ecert_inquiry_new_from_draft (draft, &error);
  g_assert_no_error (error);
  assert_same (inquiry, read);
  g_clear_object (&read);
  g_clear_pointer (&draft, g_bytes_unref);

  /* Whatever was typed survives, valid or not. */
  ecert_inquiry_set_certificate_number (partial, "NZ-2026-0");
  ecert_inquiry_set_measures (partial, ECERT_INQUIRY_MEASURE_RELEASED |
                                       ECERT_INQUIRY_MEASURE_REFUSED_ENTRY);
  draft = ecert_inquiry_to_draft (partial);
  read = ecert_inquiry_new_from_draft (draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ecert_inquiry_get_certificate_number (read), ==, "NZ-2026-0");
  g_assert_cmpuint (ecert_inquiry_get_measures (read), ==, ecert_inquiry_get_measures (partial));
  g_assert_null (ecert_inquiry_get_issued_at (read));
  g_assert_false (ecert_inquiry_is_valid (read));
  g_clear_object (&read);

  read = ecert_inquiry_new_from_draft (damaged, &error);
  g_assert_null (read);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_CONTENT);
}

static void
test_codes (void)
{
  const guint statuses[] = { 1, 3, 5, 7, 8, 10, 11 };
  GFlagsClass *flags = g_type_class_ref (ECERT_TYPE_INQUIRY_MEASURE);

  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *code = g_strdup_printf ("%u", statuses[i]);

      g_assert_nonnull (ecert_codes_acknowledgement_status_label (code));
    }
  g_assert_null (ecert_codes_acknowledgement_status_label ("70"));

  g_assert_cmpuint (flags->n_values, ==, 7);
  for (guint i = 0; i < flags->n_values; i++)
    {
      const char *code = ecert_inquiry_measure_to_code (flags->values[i].value);

      g_assert_cmpstr (code, ==, flags->values[i].value_nick);
      g_assert_nonnull (ecert_codes_border_measure_label (code));
      g_assert_nonnull (ecert_codes_border_measure_english (code));
      g_assert_cmpuint (ecert_inquiry_measure_from_code (code), ==, flags->values[i].value);
    }
  g_type_class_unref (flags);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ecert_xml_init ();

  g_test_add_func ("/inquiry/validation/empty", test_empty_has_a_problem_per_field);
  g_test_add_func ("/inquiry/validation/valid-notified", test_valid_is_notified);
  g_test_add_func ("/inquiry/validation/rules", test_rules);
  g_test_add_func ("/inquiry/validation/reasons", test_reasons);
  g_test_add_func ("/inquiry/attachments/limits", test_attachment_limits);
  g_test_add_func ("/inquiry/xml/round-trip", test_round_trip);
  g_test_add_func ("/inquiry/xml/schema-validity", test_schema_validity);
  g_test_add_func ("/inquiry/xml/foreign-reply", test_reads_foreign_reply);
  g_test_add_func ("/inquiry/xml/malformed", test_malformed);
  g_test_add_func ("/inquiry/xml/hostile-vectors", test_hostile_vectors);
  g_test_add_func ("/inquiry/draft/round-trip", test_draft_round_trip);
  g_test_add_func ("/inquiry/codes", test_codes);

  return g_test_run ();
}
