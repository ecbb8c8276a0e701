/* ecert-certificate-view.c: one certificate, the way an inspector reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sections in reading order: the verdict first (may this paper be trusted,
 * and why), then the document, the parties, the consignment, the items, the
 * declarations and the signatory. Everything comes from core's model; the
 * view never looks at XML.
 */

#define G_LOG_DOMAIN "ecert-certificate-view"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ecert-cache-records.h"
#include "ecert-certificate-view.h"
#include "ecert-certificate.h"
#include "ecert-codes.h"
#include "ecert-schema.h"
#include "ecert-trust-store.h"
#include "ecert-verification.h"
#include "ecert-verifier.h"

struct _EcertCertificateView
{
  GtkWidget       parent_instance;

  EcertCache     *cache;
  gint64          row;
  GCancellable   *cancellable;

  GtkBox         *sections;
  GtkWidget      *verdict_card;
  GtkImage       *verdict_icon;
  GtkLabel       *verdict_title;
  GtkLabel       *verdict_reason;
  GtkButton      *verify_button;

  /* The certificate shown, for its attachments and its text. */
  EcertCertificate *certificate;
  GtkTextView      *source_view;
  GtkSearchEntry   *source_search;
};

enum {
  OPEN_CERTIFICATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EcertCertificateView, ecert_certificate_view, GTK_TYPE_WIDGET)

static AdwPreferencesGroup *
add_group (EcertCertificateView *self,
           const char           *title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  gtk_box_append (self->sections, GTK_WIDGET (group));
  return group;
}

/* A labelled value; values that were not given are said to be so. */
static void
add_row (AdwPreferencesGroup *group,
         const char          *label,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (value != NULL ? value : _("Not given"), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
}

/* The number is what gets typed into other systems: one click copies it. */
static void
add_number_row (AdwPreferencesGroup *group,
                const char          *number)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  g_autofree char *escaped = g_markup_escape_text (number != NULL ? number : _("Not given"), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Number"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (row, "property");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy Number"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy Number"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "view.copy-number");
  gtk_widget_set_sensitive (copy, number != NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
  adw_preferences_group_add (group, row);
}

static void
add_code_row (AdwPreferencesGroup *group,
              const char          *label,
              const char          *code,
              const char          *meaning)
{
  g_autofree char *text = NULL;

  if (code != NULL && meaning != NULL)
    text = g_strdup_printf ("%s (%s)", meaning, code);

  add_row (group, label, text != NULL ? text : code);
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

static char *
format_party (const EcertParty *party)
{
  GString *text;

  if (party == NULL)
    return NULL;

  text = g_string_new (party->name != NULL ? party->name : _("Name not given"));
  for (guint i = 0; party->address != NULL && i < party->address->lines->len; i++)
    g_string_append_printf (text, "\n%s", (const char *) party->address->lines->pdata[i]);
  if (party->address != NULL && party->address->city != NULL)
    g_string_append_printf (text, "\n%s", party->address->city);
  for (guint i = 0; i < party->identifiers->len; i++)
    {
      EcertIdentifier *identifier = party->identifiers->pdata[i];

      g_string_append_printf (text, "\n%s: %s",
                              identifier->scheme != NULL ? identifier->scheme : _("Identifier"),
                              identifier->value);
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
set_verdict (EcertCertificateView *self,
             const char           *icon,
             const char           *style,
             const char           *title,
             const char           *reason)
{
  static const char *styles[] = { "success", "warning", "error", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), style);
  gtk_image_set_from_icon_name (self->verdict_icon, icon);
  gtk_label_set_label (self->verdict_title, title);
  gtk_label_set_label (self->verdict_reason, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_reason), reason != NULL);
}

/* The first thing an inspector reads: may this paper be trusted, and why. */
static void
show_verdict (EcertCertificateView    *self,
              const EcertCacheRecord  *record)
{
  const EcertCacheVerification *verification = record->verification;
  EcertVerdict verdict;

  if (verification == NULL || !ecert_verdict_from_string (verification->verdict, &verdict))
    set_verdict (self, "dialog-question-symbolic", "dim-label",
                 _("Signature Not Verified Yet"), NULL);
  else if (verdict == ECERT_VERDICT_VALID)
    set_verdict (self, "emblem-ok-symbolic", "success", ecert_verdict_get_label (verdict),
                 verification->reason);
  else if (verdict == ECERT_VERDICT_UNSIGNED)
    set_verdict (self, "dialog-information-symbolic", "dim-label",
                 ecert_verdict_get_label (verdict), verification->reason);
  else if (verdict == ECERT_VERDICT_INVALID)
    set_verdict (self, "dialog-error-symbolic", "error", ecert_verdict_get_label (verdict),
                 verification->reason);
  else
    set_verdict (self, "dialog-warning-symbolic", "warning", ecert_verdict_get_label (verdict),
                 verification->reason);
}

static void
show_document (EcertCertificateView *self,
               EcertCertificate     *certificate)
{
  AdwPreferencesGroup *group = add_group (self, _("Document"));
  const EcertDateTime *issued = ecert_certificate_get_issued (certificate);
  const EcertReplacement *replacement = ecert_certificate_get_replacement (certificate);
  const EcertSignatory *signatory = ecert_certificate_get_signatory (certificate);
  g_autofree char *date = issued != NULL ? ecert_date_time_format (issued) : NULL;
  const char *type = ecert_certificate_get_type_code (certificate);
  const char *status = ecert_certificate_get_status_code (certificate);

  add_number_row (group, ecert_certificate_get_id (certificate));
  add_code_row (group, _("Type"), type, ecert_codes_document_type_label (type));
  add_code_row (group, _("Status"), status, ecert_codes_status_label (status));
  add_row (group, _("Date of issue"), date);
  add_row (group, _("Issued by"), ecert_certificate_get_issuer_name (certificate));
  if (signatory != NULL)
    {
      g_autofree char *place = format_place (signatory->location);

      add_row (group, _("Signed by"), signatory->person_name);
      add_row (group, _("Place"), place);
    }
  if (replacement != NULL)
    {
      g_autofree char *described = ecert_replacement_describe (replacement);

      add_row (group, _("Replacement"), described);
    }
}

static void
show_consignment (EcertCertificateView   *self,
                  const EcertConsignment *consignment)
{
  AdwPreferencesGroup *parties = add_group (self, _("Parties"));
  AdwPreferencesGroup *route = add_group (self, _("Route"));
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
show_item (EcertCertificateView *self,
           EcertTradeLineItem   *line)
{
  g_autofree char *title = g_strdup_printf (_("Item %s"), line->sequence != NULL ? line->sequence
                                                                                 : "");
  AdwPreferencesGroup *group = add_group (self, title);
  g_autofree char *net = format_measure (line->net_weight);
  g_autofree char *gross = format_measure (line->gross_weight);

  add_row (group, _("Description"), ecert_texts_pick (line->descriptions, NULL));
  add_row (group, _("Scientific name"), ecert_texts_pick (line->scientific_names, NULL));
  add_row (group, _("Common name"), ecert_texts_pick (line->common_names, NULL));
  add_row (group, _("Intended use"), ecert_texts_pick (line->intended_uses, NULL));
  add_row (group, _("Net weight"), net);
  add_row (group, _("Gross weight"), gross);
  for (guint i = 0; i < line->notes->len; i++)
    {
      EcertNote *note = line->notes->pdata[i];
      const char *subject = ecert_codes_note_subject_label (note->subject);

      add_row (group, subject != NULL ? subject : note->subject,
               ecert_texts_pick (note->contents, NULL));
    }
}

static void
show_notes (EcertCertificateView *self,
            GPtrArray            *notes)
{
  AdwPreferencesGroup *group;

  if (notes->len == 0)
    return;

  group = add_group (self, _("Declarations and notes"));
  for (guint i = 0; i < notes->len; i++)
    {
      EcertNote *note = notes->pdata[i];
      const char *subject = ecert_codes_note_subject_label (note->subject);

      add_row (group, subject != NULL ? subject : note->subject,
               ecert_texts_pick (note->contents, NULL));
    }
}

static void
link_activated_cb (AdwActionRow         *row,
                   EcertCertificateView *self)
{
  gint64 target = *(gint64 *) g_object_get_data (G_OBJECT (row), "ecert-row");

  g_signal_emit (self, signals[OPEN_CERTIFICATE], 0, target);
}

/* A related document: opens with Enter or a click when the cache holds
 * it; otherwise only its number is known. */
static void
add_link_row (EcertCertificateView *self,
              AdwPreferencesGroup  *group,
              const char           *title,
              const char           *number,
              gint64                target)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (number != NULL ? number : "—", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (row, "property");
  if (target != 0)
    {
      gint64 *stored_target = g_new (gint64, 1);

      *stored_target = target;
      g_object_set_data_full (G_OBJECT (row), "ecert-row", stored_target, g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect (row, "activated", G_CALLBACK (link_activated_cb), self);
    }
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_label_new (_("Not received")));
  adw_preferences_group_add (group, row);
}

/* Where the document came from, and how it relates to the others with its
 * number: what a counterfeit-minded inspector checks next. */
static void
show_provenance (EcertCertificateView         *self,
                 const EcertStoredCertificate *stored)
{
  const EcertCacheRecord *record = stored->record;
  AdwPreferencesGroup *group = add_group (self, _("Received"));

  for (guint i = 0; i < record->receipts->len; i++)
    {
      g_autofree char *text = ecert_cache_provenance_describe (record->receipts->pdata[i]);

      add_row (group, i == 0 ? _("First received") : _("Received again"), text);
    }

  if (record->replaces != 0 || stored->replaces_number != NULL)
    add_link_row (self, group, _("Replaces"), stored->replaces_number, record->replaces);
  if (record->replaced_by != 0)
    add_link_row (self, group, _("Replaced by"), stored->replaced_by_number, record->replaced_by);
  if (record->withdrawn_by != 0)
    add_link_row (self, group, _("Withdrawn by"), stored->withdrawal_number, record->withdrawn_by);
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
 * finding is something to know, not a sign of forgery. */
#define MAX_FINDINGS_SHOWN 20

static void
show_schema_findings (EcertCertificateView *self,
                      GPtrArray            *findings)
{
  AdwPreferencesGroup *group;

  if (findings == NULL || findings->len == 0)
    return;

  group = add_group (self, _("Differences from the Hub’s Schema"));
  adw_preferences_group_set_description (group,
                                         _("The issuer wrote this certificate differently from the "
                                           "schema the exchange hub publishes. Many genuine "
                                           "certificates do; on its own it is no sign of forgery."));
  for (guint i = 0; i < MIN (findings->len, MAX_FINDINGS_SHOWN); i++)
    {
      EcertSchemaFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *line = finding->line > 0 ? g_strdup_printf (_("Line %u"), finding->line)
                                                : g_strdup (_("Whole document"));

      g_autofree char *message = without_namespaces (finding->message);

      add_row (group, line, message);
    }
  if (findings->len > MAX_FINDINGS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more difference",
                                                            "%u more differences",
                                                            findings->len - MAX_FINDINGS_SHOWN),
                                               findings->len - MAX_FINDINGS_SHOWN);

      add_row (group, _("And"), more);
    }
}

static void
show_attachments (EcertCertificateView *self,
                  EcertCertificate     *certificate)
{
  GPtrArray *attachments = ecert_certificate_get_attachments (certificate);
  AdwPreferencesGroup *group;

  if (attachments->len == 0)
    return;

  group = add_group (self, _("Attachments"));
  for (guint i = 0; i < attachments->len; i++)
    {
      EcertAttachment *attachment = g_ptr_array_index (attachments, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *size = g_format_size (attachment->size);
      g_autofree char *subtitle = attachment->declared_type != NULL
                                  ? g_strdup_printf ("%s · %s", attachment->declared_type, size)
                                  : g_strdup (size);
      g_autofree char *title = attachment->filename != NULL
                               ? g_markup_escape_text (attachment->filename, -1)
                               : g_strdup_printf (_("Attachment %u"), i + 1);
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);
      GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));
      GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save As…"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
      for (GtkWidget **button = (GtkWidget *[]) { open, save, NULL }; *button != NULL; button++)
        {
          gtk_widget_set_valign (*button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_target (GTK_ACTIONABLE (*button), "u", i);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), *button);
        }
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "view.open-attachment");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "view.save-attachment");
      adw_preferences_group_add (group, row);
    }
}

/* The exact document, for those who must see what the issuer sent. Filled
 * when first expanded: most inspectors never need it. */
#define SOURCE_SHOWN_MAX (4 * 1024 * 1024)

static void
source_expanded_cb (GtkToggleButton      *toggle,
                    GParamSpec           *pspec,
                    EcertCertificateView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->source_view);
  g_autofree char *text = NULL;
  gboolean truncated = FALSE;

  if (!gtk_toggle_button_get_active (toggle) || self->certificate == NULL)
    return;

  if (gtk_text_buffer_get_char_count (buffer) > 0)
    return;

  text = ecert_certificate_dup_text (self->certificate, SOURCE_SHOWN_MAX, &truncated);
  gtk_text_buffer_set_text (buffer, text, -1);
  if (truncated)
    {
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end,
                              _("\n\n[The document goes on; the rest is too long to show "
                                "here.]"), -1);
    }
}

/* Finds the search text after @from, wrapping around; selects it. */
static void
find_in_source (EcertCertificateView *self,
                gboolean              next)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->source_view);
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->source_search));
  GtkTextIter from;
  GtkTextIter start;
  GtkTextIter end;
  GtkTextSearchFlags flags = GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY;

  if (needle[0] == '\0')
    return;

  if (next && gtk_text_buffer_get_selection_bounds (buffer, NULL, &from))
    ;
  else
    gtk_text_buffer_get_start_iter (buffer, &from);

  if (!gtk_text_iter_forward_search (&from, needle, flags, &start, &end, NULL))
    {
      gtk_text_buffer_get_start_iter (buffer, &from);
      if (!gtk_text_iter_forward_search (&from, needle, flags, &start, &end, NULL))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->source_search), "error");
          return;
        }
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->source_search), "error");
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_view_scroll_to_iter (self->source_view, &start, 0.1, FALSE, 0, 0);
}

static void
source_search_changed_cb (GtkSearchEntry       *entry,
                          EcertCertificateView *self)
{
  find_in_source (self, FALSE);
}

static void
source_search_next_cb (GtkSearchEntry       *entry,
                       EcertCertificateView *self)
{
  find_in_source (self, TRUE);
}

/* Shown to be searched: once in place, the find field takes the keyboard,
 * which scrolls the view to it. */
static void
source_revealed_cb (GtkRevealer          *revealer,
                    GParamSpec           *pspec,
                    EcertCertificateView *self)
{
  if (gtk_revealer_get_child_revealed (revealer))
    gtk_widget_grab_focus (GTK_WIDGET (self->source_search));
}

static void
show_source (EcertCertificateView *self)
{
  AdwPreferencesGroup *group = add_group (self, _("Document as Received"));
  GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (_("Show the _XML"));
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *text = gtk_text_view_new ();

  gtk_text_view_set_editable (GTK_TEXT_VIEW (text), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (text), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Certificate XML"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_widget_add_css_class (scrolled, "card");
  g_object_set (search, "placeholder-text", _("Find in the XML"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find in the XML"), -1);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);
  g_object_bind_property (toggle, "active", revealer, "reveal-child", G_BINDING_SYNC_CREATE);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (group, toggle);
  adw_preferences_group_add (group, revealer);

  self->source_view = GTK_TEXT_VIEW (text);
  self->source_search = GTK_SEARCH_ENTRY (search);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (source_expanded_cb), self);
  g_signal_connect (revealer, "notify::child-revealed", G_CALLBACK (source_revealed_cb), self);
  g_signal_connect (search, "search-changed", G_CALLBACK (source_search_changed_cb), self);
  g_signal_connect (search, "activate", G_CALLBACK (source_search_next_cb), self);
}

typedef struct
{
  EcertCertificate *certificate;
  guint             index;
  GFile            *destination;
} AttachmentJob;

static void
attachment_job_free (AttachmentJob *job)
{
  g_clear_object (&job->certificate);
  g_clear_object (&job->destination);
  g_free (job);
}

/* Decoding may take a moment for a large scan: in a worker thread. Open
 * writes a private copy for the default viewer; Save writes where asked. */
static void
write_attachment_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  AttachmentJob *job = task_data;
  GPtrArray *attachments = ecert_certificate_get_attachments (job->certificate);
  const EcertAttachment *attachment = g_ptr_array_index (attachments, job->index);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) destination = NULL;
  GError *error = NULL;

  bytes = ecert_certificate_decode_attachment (job->certificate, attachment, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->destination != NULL)
    destination = g_object_ref (job->destination);
  else
    {
      g_autofree char *directory = g_build_filename (g_get_user_cache_dir (), "ecert-inspector",
                                                     "attachments", NULL);
      g_autofree char *base = attachment->filename != NULL
                              ? g_path_get_basename (attachment->filename)
                              : g_strdup_printf ("attachment-%u", job->index + 1);
      g_autofree char *path = NULL;

      /* The issuer's file name, never a path of theirs. */
      if (g_strcmp0 (base, ".") == 0 || g_strcmp0 (base, "..") == 0 || base[0] == '\0' ||
          strchr (base, G_DIR_SEPARATOR) != NULL)
        {
          g_free (base);
          base = g_strdup ("attachment");
        }
      path = g_build_filename (directory, base, NULL);
      if (g_mkdir_with_parents (directory, 0700) != 0)
        {
          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errno),
                                   "%s", g_strerror (errno));
          return;
        }
      destination = g_file_new_for_path (path);
    }

  if (!g_file_replace_contents (destination, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&destination), g_object_unref);
}

static void
write_attachment_async (EcertCertificateView *self,
                        guint                 index,
                        GFile                *destination,
                        GAsyncReadyCallback   callback)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, callback, NULL);
  AttachmentJob *job = g_new0 (AttachmentJob, 1);

  job->certificate = g_object_ref (self->certificate);
  job->index = index;
  job->destination = destination != NULL ? g_object_ref (destination) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) attachment_job_free);
  g_task_run_in_thread (task, write_attachment_thread);
}

static void
report_attachment_error (EcertCertificateView *self,
                         const GError         *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !GTK_IS_WINDOW (root))
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("The Attachment Cannot Be Opened"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
attachment_written_for_open_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (source);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  file = g_task_propagate_pointer (G_TASK (result), &error);
  if (file == NULL)
    {
      report_attachment_error (self, error);
      return;
    }

  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);
}

static void
attachment_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = g_task_propagate_pointer (G_TASK (result), &error);
  if (file == NULL)
    report_attachment_error (ECERT_CERTIFICATE_VIEW (source), error);
}

static void
open_attachment_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (widget);

  if (self->certificate != NULL)
    write_attachment_async (self, g_variant_get_uint32 (parameter), NULL,
                            attachment_written_for_open_cb);
}

typedef struct
{
  EcertCertificateView *self;
  guint                 index;
} SaveRequest;

static void
save_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  SaveRequest *request = user_data;

  if (response == GTK_RESPONSE_ACCEPT && request->self->certificate != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      write_attachment_async (request->self, request->index, file, attachment_saved_cb);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (request->self);
  g_free (request);
}

static void
save_attachment_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);
  GPtrArray *attachments;
  const EcertAttachment *attachment;
  GtkFileChooserNative *dialog;
  SaveRequest *request;

  if (self->certificate == NULL)
    return;
  attachments = ecert_certificate_get_attachments (self->certificate);
  if (index >= attachments->len)
    return;
  attachment = g_ptr_array_index (attachments, index);

  dialog = gtk_file_chooser_native_new (_("Save Attachment"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  if (attachment->filename != NULL)
    {
      g_autofree char *base = g_path_get_basename (attachment->filename);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), base);
    }
  request = g_new0 (SaveRequest, 1);
  request->self = g_object_ref (self);
  request->index = index;
  g_signal_connect (dialog, "response", G_CALLBACK (save_chosen_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
copy_number_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (widget);
  const char *number = self->certificate != NULL ? ecert_certificate_get_id (self->certificate)
                                                 : NULL;

  if (number != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), number);
}

static void
clear_sections (EcertCertificateView *self)
{
  GtkWidget *child;

  /* The verdict card stays; everything after it is this certificate's. */
  while ((child = gtk_widget_get_next_sibling (self->verdict_card)) != NULL)
    gtk_box_remove (self->sections, child);
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(EcertCertificateView) self = user_data;
  g_autoptr(EcertStoredCertificate) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = ecert_stored_certificate_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), TRUE);
  if (stored == NULL)
    gtk_label_set_label (self->verdict_reason, error->message);
  else if (stored->record->row == self->row)
    ecert_certificate_view_show (self, self->cache, stored);
}

/* After a trust anchor was added, say: the stored verdict is recomputed
 * with the anchors as they are now, and stored, in a worker thread. */
static void
verify_again_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (widget);
  g_autofree char *directory = ecert_trust_store_get_default_directory ();
  g_autoptr(EcertTrustStore) trust = NULL;
  g_autoptr(GError) error = NULL;

  if (self->cache == NULL)
    return;

  trust = ecert_trust_store_new_for_directory (directory, &error);
  if (trust == NULL)
    {
      gtk_label_set_label (self->verdict_reason, error->message);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), FALSE);
  ecert_stored_certificate_load_async (self->cache, self->row, trust, self->cancellable,
                                       verified_cb, g_object_ref (self));
}

/* Focus must not stay behind on a page that is no longer shown (GTK 4.8
 * crashes on the next key press when it does): the verdict's button is the
 * first thing to act on. */
void
ecert_certificate_view_focus (EcertCertificateView *self)
{
  g_return_if_fail (ECERT_IS_CERTIFICATE_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->verify_button));
}

/**
 * ecert_certificate_view_show:
 * @cache: where the certificate is stored
 * @stored: the certificate, loaded from @cache
 *
 * Shows a certificate the way an inspector reads it: the verdict first.
 */
void
ecert_certificate_view_show (EcertCertificateView         *self,
                             EcertCache                   *cache,
                             const EcertStoredCertificate *stored)
{
  const EcertConsignment *consignment;

  g_return_if_fail (ECERT_IS_CERTIFICATE_VIEW (self));
  g_return_if_fail (stored != NULL);

  if (self->cache != cache)
    {
      g_clear_object (&self->cache);
      self->cache = g_object_ref (cache);
    }
  self->row = stored->record->row;
  g_set_object (&self->certificate, stored->certificate);

  clear_sections (self);
  show_verdict (self, stored->record);
  show_document (self, stored->certificate);

  consignment = ecert_certificate_get_consignment (stored->certificate);
  if (consignment != NULL)
    {
      show_consignment (self, consignment);
      for (guint i = 0; i < consignment->items->len; i++)
        {
          EcertConsignmentItem *item = consignment->items->pdata[i];

          for (guint j = 0; j < item->trade_line_items->len; j++)
            show_item (self, item->trade_line_items->pdata[j]);
        }
    }

  show_notes (self, ecert_certificate_get_notes (stored->certificate));
  show_attachments (self, stored->certificate);
  show_provenance (self, stored);
  show_schema_findings (self, stored->schema_findings);
  show_source (self);
}

static void
ecert_certificate_view_dispose (GObject *object)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->cache);
  g_clear_object (&self->certificate);
  gtk_widget_dispose_template (GTK_WIDGET (object), ECERT_TYPE_CERTIFICATE_VIEW);

  G_OBJECT_CLASS (ecert_certificate_view_parent_class)->dispose (object);
}

static void
ecert_certificate_view_class_init (EcertCertificateViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ecert_certificate_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ecert-certificate-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateView, sections);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateView, verdict_card);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateView, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateView, verdict_title);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateView, verdict_reason);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateView, verify_button);
  gtk_widget_class_install_action (widget_class, "view.verify-again", NULL,
                                   verify_again_action_cb);
  gtk_widget_class_install_action (widget_class, "view.open-attachment", "u",
                                   open_attachment_action_cb);
  gtk_widget_class_install_action (widget_class, "view.save-attachment", "u",
                                   save_attachment_action_cb);
  gtk_widget_class_install_action (widget_class, "view.copy-number", NULL,
                                   copy_number_action_cb);

  /**
   * EcertCertificateView::open-certificate:
   * @row: the cache row of a related certificate
   *
   * The user followed a link of the certificate's history.
   */
  signals[OPEN_CERTIFICATE] =
    g_signal_new ("open-certificate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ecert_certificate_view_init (EcertCertificateView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
