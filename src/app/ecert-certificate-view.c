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

#include <glib/gi18n.h>

#include "ecert-cache-records.h"
#include "ecert-certificate-view.h"
#include "ecert-certificate.h"
#include "ecert-codes.h"
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
};

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

  add_row (group, _("Number"), ecert_certificate_get_id (certificate));
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

static char *
number_of_row (EcertCache *cache,
               gint64      row)
{
  g_autoptr(EcertCacheRecord) record = ecert_cache_get_record (cache, row, NULL);

  return g_strdup (record != NULL && record->number != NULL ? record->number : "—");
}

/* Where the document came from, and how it relates to the others with its
 * number: what a counterfeit-minded inspector checks next. */
static void
show_provenance (EcertCertificateView   *self,
                 EcertCache             *cache,
                 const EcertCacheRecord *record)
{
  AdwPreferencesGroup *group = add_group (self, _("Received"));

  for (guint i = 0; i < record->receipts->len; i++)
    {
      g_autofree char *text = ecert_cache_provenance_describe (record->receipts->pdata[i]);

      add_row (group, i == 0 ? _("First received") : _("Received again"), text);
    }

  if (record->replaces != 0 || record->replaces_number != NULL)
    {
      g_autofree char *number = record->replaces != 0 ? number_of_row (cache, record->replaces)
                                                      : g_strdup (record->replaces_number);

      add_row (group, _("Replaces"), number);
    }
  if (record->replaced_by != 0)
    {
      g_autofree char *number = number_of_row (cache, record->replaced_by);

      add_row (group, _("Replaced by"), number);
    }
  if (record->withdrawn_by != 0)
    add_row (group, _("Withdrawn"), _("A later document withdraws this certificate"));
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
  show_provenance (self, cache, stored->record);
}

static void
ecert_certificate_view_dispose (GObject *object)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->cache);
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
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ecert_certificate_view_init (EcertCertificateView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
