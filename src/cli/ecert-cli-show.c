/* ecert-cli-show.c: `ecert show`, a certificate as an inspector reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"
#include "ecert-cli-json.h"

static const char *
or_not_given (const char *text)
{
  return text != NULL ? text : _("not given");
}

/* "Label (code)", the label alone when the code is unknown to us. */
static char *
describe_code (const char *code,
               const char *label)
{
  if (code == NULL)
    return g_strdup (_("not given"));
  if (label == NULL)
    return g_strdup_printf (_("%s (code not known to this program)"), code);
  return g_strdup_printf ("%s (%s)", label, code);
}

#define LABEL_WIDTH 22

/* Issuers wrap long texts over several indented lines; one line reads
 * better here. The model keeps the text as written. */
static char *
collapse_space (const char *text)
{
  GString *collapsed = g_string_sized_new (strlen (text));
  gboolean in_space = FALSE;

  for (const char *c = text; *c != '\0'; c++)
    {
      if (g_ascii_isspace (*c))
        {
          in_space = TRUE;
          continue;
        }
      if (in_space && collapsed->len > 0)
        g_string_append_c (collapsed, ' ');
      in_space = FALSE;
      g_string_append_c (collapsed, *c);
    }

  return g_string_free (collapsed, FALSE);
}

/* Columns a text takes in a terminal: CJK characters take two. */
glong
ecert_cli_display_width (const char *text)
{
  glong width = 0;

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    width += g_unichar_iswide (g_utf8_get_char (c)) ? 2 : 1;

  return width;
}

/* Labels and values hold the issuer's text: each stays on its line, and
 * its control and bidi characters are shown rather than obeyed. */
void
ecert_cli_print_field (const char *label,
                       const char *value)
{
  g_autofree char *shown_label = ecert_text_sanitize (label, ECERT_TEXT_ONE_LINE);
  g_autofree char *shown_value = ecert_text_sanitize (value, ECERT_TEXT_ONE_LINE);
  g_autofree char *collapsed = collapse_space (shown_value);
  glong width = ecert_cli_display_width (shown_label);

  /* Pad by terminal columns, not bytes, so every script lines up. */
  if (width > LABEL_WIDTH)
    g_print ("  %s\n  %*s %s\n", shown_label, LABEL_WIDTH, "", collapsed);
  else
    g_print ("  %s%*s %s\n", shown_label, (int) (LABEL_WIDTH - width), "", collapsed);
}

void
ecert_cli_print_heading (const char *heading)
{
  g_autofree char *shown = ecert_text_sanitize (heading, ECERT_TEXT_ONE_LINE);

  g_print ("\n%s\n", shown);
}

static char *
format_date (const EcertDateTime *date)
{
  if (date == NULL)
    return g_strdup (_("not given"));
  if (date->value == NULL)
    return g_strdup_printf (_("%s (not a date this program can read)"), date->text);
  return ecert_date_time_format (date);
}

static char *
format_place (const EcertPlace *place)
{
  if (place == NULL || (place->id == NULL && place->name == NULL))
    return g_strdup (_("not given"));
  if (place->id == NULL)
    return g_strdup (place->name);
  if (place->name == NULL)
    return g_strdup (place->id);
  return g_strdup_printf ("%s (%s)", place->name, place->id);
}

static char *
format_measure (const EcertMeasure *measure)
{
  if (measure == NULL)
    return g_strdup ("—");
  if (measure->unit == NULL)
    return g_strdup (measure->text);
  return g_strdup_printf ("%s %s", measure->text, measure->unit);
}

static void
print_texts (const char *label,
             GPtrArray  *texts)
{
  for (guint i = 0; texts != NULL && i < texts->len; i++)
    {
      EcertText *text = g_ptr_array_index (texts, i);
      g_autofree char *line = NULL;

      if (text->language != NULL)
        {
          const char *language = ecert_codes_language_name (text->language);

          line = g_strdup_printf ("[%s] %s", language != NULL ? language : text->language,
                                  text->text);
        }
      ecert_cli_print_field (i == 0 ? label : "", line != NULL ? line : text->text);
    }
}

static void
print_party (const char       *role,
             const EcertParty *party)
{
  if (party == NULL)
    {
      ecert_cli_print_field (role, _("not given"));
      return;
    }

  ecert_cli_print_field (role, or_not_given (party->name));
  for (guint i = 0; party->address != NULL && i < party->address->lines->len; i++)
    ecert_cli_print_field ("", g_ptr_array_index (party->address->lines, i));

  if (party->address != NULL)
    {
      const char *parts[] = { party->address->postcode, party->address->city,
                              party->address->subdivision, party->address->country_name,
                              party->address->country_id };
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) present = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          if (parts[i] != NULL)
            g_strv_builder_add (builder, parts[i]);
        }
      present = g_strv_builder_end (builder);
      if (present[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", present);
          ecert_cli_print_field ("", joined);
        }
    }

  for (guint i = 0; i < party->identifiers->len; i++)
    {
      EcertIdentifier *identifier = g_ptr_array_index (party->identifiers, i);
      g_autofree char *line = g_strdup_printf ("%s: %s",
                                               identifier->scheme != NULL ? identifier->scheme
                                                                          : _("Identifier"),
                                               identifier->value);
      ecert_cli_print_field ("", line);
    }
}

static void
print_notes (GPtrArray *notes,
             gboolean   skip_replacement)
{
  for (guint i = 0; i < notes->len; i++)
    {
      EcertNote *note = g_ptr_array_index (notes, i);
      const char *label = ecert_codes_note_subject_label (note->subject);
      g_autofree char *heading = NULL;

      if (skip_replacement && note->subject != NULL && g_str_has_prefix (note->subject, "ADR"))
        continue;

      heading = label != NULL ? g_strdup (label) : g_strdup (or_not_given (note->subject));
      if (note->contents->len == 0)
        ecert_cli_print_field (heading, _("(empty)"));
      print_texts (heading, note->contents);
    }
}

static void
print_document (EcertCertificate *certificate)
{
  const char *type_code = ecert_certificate_get_type_code (certificate);
  const char *status_code = ecert_certificate_get_status_code (certificate);
  const char *type_label = ecert_codes_document_type_label (type_code);
  const EcertReplacement *replacement = ecert_certificate_get_replacement (certificate);
  g_autofree char *type = describe_code (type_code, type_label);
  g_autofree char *status = describe_code (status_code,
                                           ecert_codes_status_label (status_code));
  g_autofree char *issued = format_date (ecert_certificate_get_issued (certificate));
  g_autofree char *number = ecert_text_sanitize (or_not_given (ecert_certificate_get_id (certificate)),
                                                 ECERT_TEXT_ONE_LINE);

  g_print ("%s %s\n", type_label != NULL ? type_label : _("Certificate"), number);
  ecert_cli_print_field (_("Type"), type);
  ecert_cli_print_field (_("Status"), status);
  ecert_cli_print_field (_("Date of issue"), issued);
  ecert_cli_print_field (_("Issued by"), or_not_given (ecert_certificate_get_issuer_name (certificate)));
  if (ecert_certificate_get_name (certificate) != NULL)
    ecert_cli_print_field (_("Title"), ecert_certificate_get_name (certificate));
  if (replacement != NULL)
    {
      g_autofree char *described = ecert_replacement_describe (replacement);
      ecert_cli_print_field (_("Replacement"), described);
    }
  ecert_cli_print_field (_("Signature"), ecert_certificate_has_signature (certificate)
                               ? _("present (check it with “ecert verify”)")
                               : _("none: the certificate is unsigned"));
}

static void
print_consignment (const EcertConsignment *consignment)
{
  g_autofree char *exported = format_place (consignment->export_country);
  g_autofree char *imported = format_place (consignment->import_country);
  g_autofree char *port = format_place (consignment->unloading_port);
  g_autofree char *examination = format_place (consignment->examination_location);

  ecert_cli_print_heading (_("Parties"));
  print_party (_("Consignor"), consignment->consignor);
  print_party (_("Consignee"), consignment->consignee);

  ecert_cli_print_heading (_("Route"));
  ecert_cli_print_field (_("Exported from"), exported);
  ecert_cli_print_field (_("Imported to"), imported);
  for (guint i = 0; i < consignment->transit_countries->len; i++)
    {
      g_autofree char *transit = format_place (g_ptr_array_index (consignment->transit_countries, i));
      ecert_cli_print_field (i == 0 ? _("In transit through") : "", transit);
    }
  ecert_cli_print_field (_("Port of unloading"), port);
  ecert_cli_print_field (_("Place of examination"), examination);

  ecert_cli_print_heading (_("Transport"));
  for (guint i = 0; i < consignment->transport_movements->len; i++)
    {
      EcertTransportMovement *movement = g_ptr_array_index (consignment->transport_movements, i);
      g_autofree char *mode = describe_code (movement->mode_code,
                                             ecert_codes_transport_mode_label (movement->mode_code));
      const char *means = ecert_texts_pick (movement->means_names, NULL);
      g_autofree char *line = g_strdup_printf ("%s%s%s%s%s", mode,
                                               means != NULL ? ": " : "", means != NULL ? means : "",
                                               movement->id != NULL ? ", " : "",
                                               movement->id != NULL ? movement->id : "");
      ecert_cli_print_field (_("Means of transport"), line);
    }
  for (guint i = 0; i < consignment->equipment->len; i++)
    {
      EcertTransportEquipment *equipment = g_ptr_array_index (consignment->equipment, i);
      g_autofree char *seals = NULL;
      g_autofree char *line = NULL;

      g_ptr_array_add (equipment->seals, NULL);
      seals = g_strjoinv (", ", (char **) equipment->seals->pdata);
      g_ptr_array_remove_index (equipment->seals, equipment->seals->len - 1);
      line = g_strdup_printf (_("%s, seals: %s"), or_not_given (equipment->id),
                              seals[0] != '\0' ? seals : _("none"));
      ecert_cli_print_field (_("Container"), line);
    }
}

static void
print_item (EcertTradeLineItem *line)
{
  g_autofree char *net = format_measure (line->net_weight);
  g_autofree char *gross = format_measure (line->gross_weight);
  g_autofree char *net_volume = format_measure (line->net_volume);
  g_autofree char *gross_volume = format_measure (line->gross_volume);
  g_autofree char *weights = g_strdup_printf (_("net %s, gross %s"), net, gross);
  g_autofree char *volumes = g_strdup_printf (_("net %s, gross %s"), net_volume, gross_volume);
  g_autofree char *heading = g_strdup_printf (_("Item %s"), or_not_given (line->sequence));

  ecert_cli_print_heading (heading);
  print_texts (_("Description"), line->descriptions);
  print_texts (_("Scientific name"), line->scientific_names);
  print_texts (_("Common name"), line->common_names);
  print_texts (_("Intended use"), line->intended_uses);
  ecert_cli_print_field (_("Weight"), weights);
  if (line->net_volume != NULL || line->gross_volume != NULL)
    ecert_cli_print_field (_("Volume"), volumes);

  for (guint i = 0; i < line->packages->len; i++)
    {
      EcertPackage *package = g_ptr_array_index (line->packages, i);
      const char *type = ecert_codes_package_type_label (package->type_code);
      const char *level = ecert_codes_package_level_label (package->level_code);
      g_autofree char *text = g_strdup_printf ("%s × %s%s%s%s",
                                               package->quantity ? package->quantity->text : "?",
                                               type != NULL ? type : or_not_given (package->type_code),
                                               level != NULL ? " (" : "", level != NULL ? level : "",
                                               level != NULL ? ")" : "");
      ecert_cli_print_field (i == 0 ? _("Packages") : "", text);
    }

  for (guint i = 0; i < line->origins->len; i++)
    {
      EcertPlace *origin = g_ptr_array_index (line->origins, i);
      g_autofree char *place = format_place (origin);
      g_autofree char *text = origin->subdivision != NULL
                              ? g_strdup_printf ("%s, %s", place, origin->subdivision)
                              : g_strdup (place);
      ecert_cli_print_field (i == 0 ? _("Origin") : "", text);
    }

  for (guint i = 0; i < line->classifications->len; i++)
    {
      EcertClassification *classification = g_ptr_array_index (line->classifications, i);
      const char *name = ecert_texts_pick (classification->names, NULL);
      g_autofree char *text = g_strjoin (" ", or_not_given (classification->system),
                                         classification->code ? classification->code : name,
                                         classification->code ? name : NULL, NULL);
      ecert_cli_print_field (i == 0 ? _("Classification") : "", text);
    }

  for (guint i = 0; i < line->processes->len; i++)
    {
      EcertProcess *process = g_ptr_array_index (line->processes, i);
      g_autofree char *start = format_date (process->start);
      g_autofree char *end = format_date (process->end);
      g_autofree char *duration = format_measure (process->duration);
      g_autofree char *text = g_strdup_printf (_("%s, from %s to %s, duration %s"),
                                               or_not_given (process->type_code), start, end,
                                               duration);

      ecert_cli_print_field (_("Treatment"), text);
      for (guint j = 0; j < process->characteristics->len; j++)
        {
          EcertProcessCharacteristic *characteristic = g_ptr_array_index (process->characteristics, j);
          g_autofree char *value = format_measure (characteristic->value);
          g_autofree char *line_text = g_strdup_printf ("%s: %s",
                                                        or_not_given (ecert_texts_pick (characteristic->descriptions, NULL)),
                                                        value);
          ecert_cli_print_field ("", line_text);
        }
    }

  print_notes (line->notes, FALSE);
}

static void
print_items (const EcertConsignment *consignment)
{
  for (guint i = 0; i < consignment->items->len; i++)
    {
      EcertConsignmentItem *item = g_ptr_array_index (consignment->items, i);

      for (guint j = 0; j < item->trade_line_items->len; j++)
        print_item (g_ptr_array_index (item->trade_line_items, j));
    }
}

static void
print_signatory (const EcertSignatory *signatory)
{
  g_autofree char *when = NULL;
  g_autofree char *where = NULL;

  ecert_cli_print_heading (_("Signatory"));
  if (signatory == NULL)
    {
      ecert_cli_print_field (_("Signed by"), _("not given"));
      return;
    }

  when = format_date (signatory->actual);
  where = format_place (signatory->location);
  ecert_cli_print_field (_("Signed by"), or_not_given (signatory->person_name));
  if (signatory->provider_name != NULL)
    ecert_cli_print_field (_("For"), signatory->provider_name);
  ecert_cli_print_field (_("Place"), where);
  ecert_cli_print_field (_("Date"), when);
  for (guint i = 0; i < signatory->clauses->len; i++)
    {
      EcertClause *clause = g_ptr_array_index (signatory->clauses, i);
      g_autofree char *label = g_strdup_printf (_("Clause %s"), or_not_given (clause->id));

      if (clause->contents->len == 0)
        ecert_cli_print_field (label, _("(no text)"));
      print_texts (label, clause->contents);
    }
}

static void
print_references (EcertCertificate *certificate)
{
  GPtrArray *documents = ecert_certificate_get_referenced_documents (certificate);

  if (documents->len == 0)
    return;

  ecert_cli_print_heading (_("Referenced documents and attachments"));
  for (guint i = 0; i < documents->len; i++)
    {
      EcertReferencedDocument *document = g_ptr_array_index (documents, i);
      const char *information = ecert_texts_pick (document->information, NULL);
      g_autofree char *line = g_strdup_printf ("%s%s%s", or_not_given (document->id),
                                               information != NULL ? " — " : "",
                                               information != NULL ? information : "");

      ecert_cli_print_field (_("Document"), line);
      if (document->attachment != NULL)
        {
          g_autofree char *size = g_format_size (document->attachment->size);
          g_autofree char *attachment = g_strdup_printf ("%s, %s%s%s",
                                                         or_not_given (document->attachment->filename),
                                                         size,
                                                         document->attachment->declared_type ? ", " : "",
                                                         document->attachment->declared_type ? document->attachment->declared_type : "");
          ecert_cli_print_field (_("Attachment"), attachment);
        }
    }
}

static void
print_unknown (EcertCertificate *certificate)
{
  GPtrArray *unknown = ecert_certificate_get_unknown_elements (certificate);

  if (unknown->len == 0)
    return;

  ecert_cli_print_heading (_("Other elements the issuer wrote"));
  for (guint i = 0; i < unknown->len; i++)
    {
      EcertUnknownElement *element = g_ptr_array_index (unknown, i);
      g_autofree char *label = g_strdup_printf (_("line %u"), element->line);
      g_autofree char *line = g_strdup_printf ("%s: %s", element->path,
                                               element->text != NULL ? element->text : "");

      ecert_cli_print_field (label, line);
    }
}

void
ecert_cli_print_certificate (EcertCertificate *certificate)
{
  const EcertConsignment *consignment = ecert_certificate_get_consignment (certificate);
  GPtrArray *notes = ecert_certificate_get_notes (certificate);

  print_document (certificate);
  if (consignment != NULL)
    {
      print_consignment (consignment);
      print_items (consignment);
    }
  if (notes->len > 0)
    {
      ecert_cli_print_heading (_("Declarations and notes"));
      print_notes (notes, ecert_certificate_get_replacement (certificate) != NULL);
    }
  print_signatory (ecert_certificate_get_signatory (certificate));
  print_references (certificate);
  print_unknown (certificate);
}

int
ecert_cli_show (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  gboolean json = FALSE;
  int status = ECERT_EXIT_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the certificate as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!ecert_cli_parse_command (context,
                                _("Show a certificate the way an inspector reads it. FILE may "
                                  "hold the XML or base64 of it; “-” reads standard input."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc < 2)
    return ecert_cli_usage_error (_("ecert show: name the certificate file to show\n"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EcertCertificate) certificate = ecert_cli_load_certificate (argv[i], &error);

      if (certificate == NULL)
        {
          g_printerr ("%s: %s\n", argv[i], error->message);
          status = ECERT_EXIT_USAGE_OR_INPUT;
          continue;
        }

      if (json)
        ecert_cli_print_json (certificate);
      else
        {
          if (i > 1)
            g_print ("\n");
          ecert_cli_print_certificate (certificate);
        }
    }

  return status;
}
