/* ecert-certificate-report.c: what a certificate says, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The screen and the printed page must never disagree on what a
 * certificate says, so both are drawn from one list of sections and
 * labelled values made here.
 */

#define G_LOG_DOMAIN "ecert-certificate-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ecert-cache-records.h"
#include "ecert-certificate-report.h"
#include "ecert-codes.h"
#include "ecert-country.h"
#include "ecert-schema.h"
#include "ecert-text.h"
#include "ecert-verification.h"

static void
report_row_free (EcertReportRow *row)
{
  g_free (row->label);
  g_free (row->value);
  g_free (row);
}

static void
report_section_free (EcertReportSection *section)
{
  g_free (section->title);
  g_free (section->description);
  g_ptr_array_unref (section->rows);
  g_free (section);
}

static EcertReportSection *
new_section (const char *title)
{
  EcertReportSection *section = g_new0 (EcertReportSection, 1);

  section->title = ecert_text_sanitize (title, ECERT_TEXT_ONE_LINE);
  section->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) report_row_free);
  return section;
}

static EcertReportSection *
add_section (EcertCertificateReport *report,
             const char              *title)
{
  EcertReportSection *section = new_section (title);

  g_ptr_array_add (report->sections, section);
  return section;
}

/* A labelled value; values that were not given are said to be so. Labels
 * and values hold the issuer's text (a party's name, an attachment's file
 * name, a note's subject): their control and bidi characters are shown,
 * not obeyed, and only a text value may run over several lines. */
static EcertReportRow *
add_row_of_kind (EcertReportSection *section,
                 EcertReportRowKind  kind,
                 const char          *label,
                 const char          *value)
{
  EcertReportRow *row = g_new0 (EcertReportRow, 1);

  row->kind = kind;
  row->label = ecert_text_sanitize (label, ECERT_TEXT_ONE_LINE);
  row->given = value != NULL;
  row->value = ecert_text_sanitize (value != NULL ? value : _("Not given"),
                                    kind == ECERT_REPORT_ROW_TEXT ? ECERT_TEXT_MULTI_LINE
                                                                   : ECERT_TEXT_ONE_LINE);
  g_ptr_array_add (section->rows, row);
  return row;
}

static void
add_row (EcertReportSection *section,
         const char          *label,
         const char          *value)
{
  add_row_of_kind (section, ECERT_REPORT_ROW_TEXT, label, value);
}

static void
add_code_row (EcertReportSection *section,
              const char          *label,
              const char          *code,
              const char          *meaning)
{
  g_autofree char *text = NULL;

  if (code != NULL && meaning != NULL)
    text = g_strdup_printf ("%s (%s)", meaning, code);

  add_row (section, label, text != NULL ? text : code);
}

static char *
format_place (const EcertPlace *place)
{
  if (place == NULL || (place->id == NULL && place->name == NULL))
    return NULL;
  if (place->id == NULL || place->name == NULL)
    return g_strdup (place->id != NULL ? place->id : place->name);
  return g_strdup_printf ("%s (%s)", place->name, place->id);
}

/* Appends a line of the issuer's text: a line break in it would make two
 * lines, which the reader could take for two parts of the address. */
static void
append_line (GString    *text,
             const char *line)
{
  g_autofree char *shown = ecert_text_sanitize (line, ECERT_TEXT_ONE_LINE);

  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, shown);
}

static char *
format_party (const EcertParty *party)
{
  GString *text;

  if (party == NULL)
    return NULL;

  text = g_string_new (NULL);
  append_line (text, party->name != NULL ? party->name : _("Name not given"));
  for (guint i = 0; party->address != NULL && i < party->address->lines->len; i++)
    append_line (text, party->address->lines->pdata[i]);
  if (party->address != NULL && party->address->city != NULL)
    append_line (text, party->address->city);
  for (guint i = 0; i < party->identifiers->len; i++)
    {
      EcertIdentifier *identifier = party->identifiers->pdata[i];
      g_autofree char *line = g_strdup_printf ("%s: %s", identifier->scheme != NULL
                                                         ? identifier->scheme : _("Identifier"),
                                               identifier->value);

      append_line (text, line);
    }

  return g_string_free (text, FALSE);
}

static char *
format_measure (const EcertMeasure *measure)
{
  if (measure == NULL)
    return NULL;
  return measure->unit != NULL ? g_strdup_printf ("%s %s", measure->text, measure->unit)
                               : g_strdup (measure->text);
}

static void
add_note_rows (EcertReportSection *section,
               GPtrArray           *notes)
{
  for (guint i = 0; i < notes->len; i++)
    {
      EcertNote *note = notes->pdata[i];
      const char *subject = ecert_codes_note_subject_label (note->subject);

      add_row (section, subject != NULL ? subject : note->subject,
               ecert_texts_pick (note->contents, NULL));
    }
}

/* The first thing an inspector reads: may this paper be trusted, and why. */
static void
summarize_verdict (EcertCertificateReport *report,
                   const EcertCacheRecord  *record)
{
  const EcertCacheVerification *verification = record->verification;
  EcertVerdict verdict;

  if (verification == NULL || !ecert_verdict_from_string (verification->verdict, &verdict))
    {
      report->tone = ECERT_REPORT_TONE_NOT_VERIFIED;
      report->verdict = g_strdup (_("Signature Not Verified Yet"));
      return;
    }

  if (verdict == ECERT_VERDICT_VALID)
    report->tone = ECERT_REPORT_TONE_VALID;
  else if (verdict == ECERT_VERDICT_UNSIGNED)
    report->tone = ECERT_REPORT_TONE_UNSIGNED;
  else if (verdict == ECERT_VERDICT_INVALID)
    report->tone = ECERT_REPORT_TONE_INVALID;
  else
    report->tone = ECERT_REPORT_TONE_WARNING;
  report->verdict = g_strdup (ecert_verdict_get_label (verdict));
  /* The reason may quote the signer's names. */
  report->reason = ecert_text_sanitize (verification->reason, ECERT_TEXT_MULTI_LINE);
}

/* A detail of the check, when the check has it. */
static void
add_check_row (EcertReportSection *section,
               const char          *label,
               const char          *value)
{
  if (value != NULL && *value != '\0')
    add_row (section, label, value);
}

static char *
format_day (GDateTime *time)
{
  return time != NULL ? g_date_time_format (time, "%Y-%m-%d") : NULL;
}

static void
add_time_row (EcertReportSection *section,
              const char          *label,
              GDateTime           *time)
{
  g_autoptr(GDateTime) utc = time != NULL ? g_date_time_to_utc (time) : NULL;
  g_autofree char *text = utc != NULL ? g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC") : NULL;

  add_check_row (section, label, text);
}

static void
add_validity_row (EcertReportSection *section,
                  EcertVerification   *check)
{
  g_autofree char *from = format_day (ecert_verification_get_signer_not_before (check));
  g_autofree char *until = format_day (ecert_verification_get_signer_not_after (check));
  g_autofree char *period = NULL;

  if (from == NULL || until == NULL)
    return;
  /* Translators: the validity of a certificate, "2025-01-01 to 2027-12-31" */
  period = g_strdup_printf (_("%s to %s"), from, until);
  add_check_row (section, _("Signer’s certificate valid"), period);
}

/* How the verdict was reached, for whoever must say why it can be trusted:
 * from the check just made when it agrees with the stored verdict, else
 * what the cache recorded of it. */
static void
summarize_check (EcertCertificateReport      *report,
                 const EcertStoredCertificate *stored)
{
  const EcertCacheVerification *recorded = stored->record->verification;
  EcertVerification *check = stored->verification;
  EcertReportSection *section;

  if (recorded == NULL && check == NULL)
    return;

  /* A check that disagrees explains another verdict than the one shown:
   * said, and left out of the details. */
  if (check != NULL && recorded != NULL &&
      g_strcmp0 (ecert_verdict_to_string (ecert_verification_get_verdict (check)),
                 recorded->verdict) != 0)
    {
      report->changed =
        g_strdup_printf (_("The trust anchors have changed since this verdict was recorded: "
                           "checked now, it would be “%s”. Verify again to record the new "
                           "verdict."),
                         ecert_verdict_get_label (ecert_verification_get_verdict (check)));
      check = NULL;
    }

  section = report->check = new_section (_("Signature Check"));
  if (check == NULL)
    {
      add_check_row (section, _("Signer"), recorded->signer);
      add_time_row (section, _("Verdict recorded"), recorded->evaluated_at);
      return;
    }

  add_check_row (section, _("Signer"), ecert_verification_get_signer_subject (check));
  add_check_row (section, _("Signer’s certificate issued by"),
                 ecert_verification_get_signer_issuer (check));
  add_check_row (section, _("Serial number"), ecert_verification_get_signer_serial (check));
  add_validity_row (section, check);
  if (ecert_verification_get_chain (check) != NULL)
    {
      g_autofree char *chain = g_strjoinv ("\n", (char **) ecert_verification_get_chain (check));

      add_check_row (section, _("Certificate chain"), chain);
    }
  if (ecert_verification_get_anchor_country (check) != NULL)
    {
      g_autofree char *country = ecert_country_describe (ecert_verification_get_anchor_country (check));

      add_check_row (section, _("Trusted for"), country);
    }
  add_check_row (section, _("Signature algorithm"),
                 ecert_verification_get_signature_algorithm (check));
  add_check_row (section, _("Digest algorithm"), ecert_verification_get_digest_algorithm (check));
  add_check_row (section, _("Canonicalization"), ecert_verification_get_canonicalization (check));
  /* Certificates are judged as of the moment of issue: a signer's
   * certificate that has expired since still vouches for what it signed. */
  add_time_row (section, _("Certificates judged as of"),
                ecert_verification_get_evaluated_at (check));
  if (recorded != NULL)
    add_time_row (section, _("Verdict recorded"), recorded->evaluated_at);
}

static void
summarize_document (EcertCertificateReport *report,
                    EcertCertificate        *certificate)
{
  EcertReportSection *section = add_section (report, _("Document"));
  const EcertDateTime *issued = ecert_certificate_get_issued (certificate);
  const EcertReplacement *replacement = ecert_certificate_get_replacement (certificate);
  const EcertSignatory *signatory = ecert_certificate_get_signatory (certificate);
  g_autofree char *date = issued != NULL ? ecert_date_time_format (issued) : NULL;
  const char *type = ecert_certificate_get_type_code (certificate);
  const char *status = ecert_certificate_get_status_code (certificate);

  add_row_of_kind (section, ECERT_REPORT_ROW_NUMBER, _("Number"),
                   ecert_certificate_get_id (certificate));
  add_code_row (section, _("Type"), type, ecert_codes_document_type_label (type));
  add_code_row (section, _("Status"), status, ecert_codes_status_label (status));
  add_row (section, _("Date of issue"), date);
  add_row (section, _("Issued by"), ecert_certificate_get_issuer_name (certificate));
  if (signatory != NULL)
    {
      g_autofree char *place = format_place (signatory->location);

      add_row (section, _("Signed by"), signatory->person_name);
      add_row (section, _("Place"), place);
    }
  if (replacement != NULL)
    {
      g_autofree char *described = ecert_replacement_describe (replacement);

      add_row (section, _("Replacement"), described);
    }
}

static void
summarize_consignment (EcertCertificateReport *report,
                       const EcertConsignment  *consignment)
{
  EcertReportSection *parties = add_section (report, _("Parties"));
  EcertReportSection *route = add_section (report, _("Route"));
  g_autofree char *consignor = format_party (consignment->consignor);
  g_autofree char *consignee = format_party (consignment->consignee);
  g_autofree char *exported = format_place (consignment->export_country);
  g_autofree char *imported = format_place (consignment->import_country);
  g_autofree char *port = format_place (consignment->unloading_port);

  add_row (parties, _("Consignor"), consignor);
  add_row (parties, _("Consignee"), consignee);
  add_row (route, _("Exported from"), exported);
  add_row (route, _("Imported to"), imported);
  add_row (route, _("Port of unloading"), port);
  for (guint i = 0; i < consignment->transport_movements->len; i++)
    {
      EcertTransportMovement *movement = consignment->transport_movements->pdata[i];
      const char *mode = ecert_codes_transport_mode_label (movement->mode_code);
      const char *means = ecert_texts_pick (movement->means_names, NULL);
      g_autofree char *text = g_strjoin (", ", mode != NULL ? mode : _("Mode not given"),
                                         means != NULL ? means : movement->id,
                                         means != NULL ? movement->id : NULL, NULL);

      add_row (route, _("Means of transport"), text);
    }
}

static void
summarize_item (EcertCertificateReport *report,
                EcertTradeLineItem      *line)
{
  g_autofree char *title = g_strdup_printf (_("Item %s"), line->sequence != NULL ? line->sequence
                                                                                 : "");
  EcertReportSection *section = add_section (report, title);
  g_autofree char *net = format_measure (line->net_weight);
  g_autofree char *gross = format_measure (line->gross_weight);

  add_row (section, _("Description"), ecert_texts_pick (line->descriptions, NULL));
  add_row (section, _("Scientific name"), ecert_texts_pick (line->scientific_names, NULL));
  add_row (section, _("Common name"), ecert_texts_pick (line->common_names, NULL));
  add_row (section, _("Intended use"), ecert_texts_pick (line->intended_uses, NULL));
  add_row (section, _("Net weight"), net);
  add_row (section, _("Gross weight"), gross);
  add_note_rows (section, line->notes);
}

static void
summarize_items (EcertCertificateReport *report,
                 const EcertConsignment  *consignment)
{
  for (guint i = 0; i < consignment->items->len; i++)
    {
      EcertConsignmentItem *item = consignment->items->pdata[i];

      for (guint j = 0; j < item->trade_line_items->len; j++)
        summarize_item (report, item->trade_line_items->pdata[j]);
    }
}

static void
summarize_notes (EcertCertificateReport *report,
                 GPtrArray               *notes)
{
  if (notes->len > 0)
    add_note_rows (add_section (report, _("Declarations and notes")), notes);
}

static void
summarize_attachments (EcertCertificateReport *report,
                       EcertCertificate        *certificate)
{
  GPtrArray *attachments = ecert_certificate_get_attachments (certificate);
  EcertReportSection *section;

  if (attachments->len == 0)
    return;

  section = add_section (report, _("Attachments"));
  for (guint i = 0; i < attachments->len; i++)
    {
      EcertAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *size = g_format_size (attachment->size);
      g_autofree char *described = attachment->declared_type != NULL
                                   ? g_strdup_printf ("%s · %s", attachment->declared_type, size)
                                   : g_strdup (size);
      g_autofree char *title = attachment->filename != NULL
                               ? g_strdup (attachment->filename)
                               : g_strdup_printf (_("Attachment %u"), i + 1);
      EcertReportRow *row = add_row_of_kind (section, ECERT_REPORT_ROW_ATTACHMENT, title,
                                              described);

      row->attachment = i;
    }
}

/* A related document; the cache may hold it (@target) or only know its
 * number. */
static void
add_link_row (EcertReportSection *section,
              const char          *label,
              const char          *number,
              gint64               target)
{
  EcertReportRow *row = add_row_of_kind (section, ECERT_REPORT_ROW_LINK, label, number);

  if (number == NULL)
    {
      g_free (row->value);
      row->value = g_strdup ("—");
    }
  row->target = target;
}

/* Where the document came from, and how it relates to the others with its
 * number: what a counterfeit-minded inspector checks next. */
static void
summarize_provenance (EcertCertificateReport      *report,
                      const EcertStoredCertificate *stored)
{
  const EcertCacheRecord *record = stored->record;
  EcertReportSection *section = add_section (report, _("Received"));

  for (guint i = 0; i < record->receipts->len; i++)
    {
      g_autofree char *text = ecert_cache_provenance_describe (record->receipts->pdata[i]);

      add_row (section, i == 0 ? _("First received") : _("Received again"), text);
    }

  if (record->replaces != 0 || stored->replaces_number != NULL)
    add_link_row (section, _("Replaces"), stored->replaces_number, record->replaces);
  if (record->replaced_by != 0)
    add_link_row (section, _("Replaced by"), stored->replaced_by_number, record->replaced_by);
  if (record->withdrawn_by != 0)
    add_link_row (section, _("Withdrawn by"), stored->withdrawal_number, record->withdrawn_by);
}

/* libxml2 names elements with their namespace in braces; an inspector
 * knows them by their local names. */
static char *
without_namespaces (const char *message)
{
  GString *text = g_string_new (NULL);
  gboolean in_namespace = FALSE;

  for (const char *p = message; *p != '\0'; p++)
    {
      if (*p == '{' && strchr (p, '}') != NULL)
        in_namespace = TRUE;
      else if (in_namespace && *p == '}')
        in_namespace = FALSE;
      else if (!in_namespace)
        g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

/* Real certificates often depart from the hub's published schema: a
 * finding is something to know, not a sign of forgery. Past a screenful,
 * more of them tell the reader nothing new. */
#define MAX_FINDINGS_SHOWN 20

static void
summarize_schema_findings (EcertCertificateReport *report,
                           GPtrArray               *findings)
{
  EcertReportSection *section;

  if (findings == NULL || findings->len == 0)
    return;

  section = add_section (report, _("Differences from the Hub’s Schema"));
  section->description = g_strdup (_("The issuer wrote this certificate differently from the "
                                     "schema the exchange hub publishes. Many genuine "
                                     "certificates do; on its own it is no sign of forgery."));
  for (guint i = 0; i < MIN (findings->len, MAX_FINDINGS_SHOWN); i++)
    {
      EcertSchemaFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *line = finding->line > 0 ? g_strdup_printf (_("Line %u"), finding->line)
                                                : g_strdup (_("Whole document"));
      g_autofree char *message = without_namespaces (finding->message);

      add_row (section, line, message);
    }
  if (findings->len > MAX_FINDINGS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more difference",
                                                            "%u more differences",
                                                            findings->len - MAX_FINDINGS_SHOWN),
                                               findings->len - MAX_FINDINGS_SHOWN);

      add_row (section, _("And"), more);
    }
}

static void
ecert_certificate_report_clear (EcertCertificateReport *report)
{
  g_free (report->number);
  g_free (report->verdict);
  g_free (report->reason);
  g_free (report->changed);
  g_clear_pointer (&report->check, report_section_free);
  g_ptr_array_unref (report->sections);
}

/**
 * ecert_certificate_report_new:
 * @stored: a certificate loaded from the cache
 *
 * Puts what @stored says into words: the verdict, then the document, the
 * parties, the route, the items, the declarations, the attachments, where
 * it came from and how it departs from the hub's schema.
 *
 * Returns: (transfer full): the report; release it with
 *   ecert_certificate_report_unref()
 */
EcertCertificateReport *
ecert_certificate_report_new (const EcertStoredCertificate *stored)
{
  EcertCertificateReport *report;
  const EcertConsignment *consignment;

  g_return_val_if_fail (stored != NULL, NULL);

  report = g_atomic_rc_box_new0 (EcertCertificateReport);
  report->number = ecert_text_sanitize (ecert_certificate_get_id (stored->certificate),
                                         ECERT_TEXT_ONE_LINE);
  report->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) report_section_free);

  summarize_verdict (report, stored->record);
  summarize_check (report, stored);
  summarize_document (report, stored->certificate);
  consignment = ecert_certificate_get_consignment (stored->certificate);
  if (consignment != NULL)
    {
      summarize_consignment (report, consignment);
      summarize_items (report, consignment);
    }
  summarize_notes (report, ecert_certificate_get_notes (stored->certificate));
  summarize_attachments (report, stored->certificate);
  summarize_provenance (report, stored);
  summarize_schema_findings (report, stored->schema_findings);

  return report;
}

EcertCertificateReport *
ecert_certificate_report_ref (EcertCertificateReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return g_atomic_rc_box_acquire (report);
}

void
ecert_certificate_report_unref (EcertCertificateReport *report)
{
  g_return_if_fail (report != NULL);

  g_atomic_rc_box_release_full (report, (GDestroyNotify) ecert_certificate_report_clear);
}
