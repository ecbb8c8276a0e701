/* ecert-inquiry-editor.c: the form an inquiry or a response is written in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form edits an EcertInquiry; what is wrong with it is the inquiry's
 * own judgement, shown beside the field it concerns. Every change is kept:
 * half a second after the typing stops, the draft is written to the cache
 * in a worker thread, so a crash loses at most the last second. Saves never
 * overlap, and none follows Send: the outbox deletes the draft as it queues
 * the inquiry.
 */

#define G_LOG_DOMAIN "ecert-inquiry-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-accessible.h"
#include "ecert-codes.h"
#include "ecert-country.h"
#include "ecert-file-filters.h"
#include "ecert-inquiry-editor.h"
#include "ecert-rows.h"

#define SAVE_DELAY_MS 500

/* The order the status list shows, most frequent decisions first. */
static const guint statuses[] = {
  ECERT_ACKNOWLEDGEMENT_STATUS_NONE,
  ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_REQUESTED,
  ECERT_ACKNOWLEDGEMENT_STATUS_INFORMATION_ONLY,
  ECERT_ACKNOWLEDGEMENT_STATUS_ACCEPTED,
  ECERT_ACKNOWLEDGEMENT_STATUS_CONDITIONALLY_ACCEPTED,
  ECERT_ACKNOWLEDGEMENT_STATUS_REJECTED,
  ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_VALID,
  ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_NOT_AVAILABLE,
};

/* The languages of the hub's members that write most inquiries. */
static const char *languages[] = { "en", "zh", "fr", "es", "ar", "ru" };

#define N_MEASURES 7

struct _EcertInquiryEditor
{
  AdwWindow            parent_instance;

  EcertCache          *cache;
  EcertInquiry        *inquiry;
  gint64               certificate_row;
  gint64               draft_id;
  guint                language;

  guint                save_id;
  gboolean             saving;
  gboolean             dirty;
  gboolean             sending;
  gboolean             closing;
  gboolean             loading;

  AdwWindowTitle      *window_title;
  GtkLabel            *draft_label;
  AdwActionRow        *number_row;
  AdwActionRow        *country_row;
  AdwActionRow        *type_row;
  GtkLabel            *certificate_problem;
  AdwComboRow         *status_row;
  GtkLabel            *status_problem;
  AdwPreferencesGroup *measures_group;
  GtkCheckButton      *measure_checks[N_MEASURES];
  GtkLabel            *measures_problem;
  AdwComboRow         *language_row;
  GtkTextView         *reason_view;
  GtkLabel            *reason_problem;
  AdwEntryRow         *inspector_row;
  AdwEntryRow         *location_row;
  GtkLabel            *inspection_problem;
  AdwPreferencesGroup *attachments_group;
  GPtrArray           *attachment_rows;
  GtkLabel            *attachments_problem;
  GtkExpander         *preview_expander;
  GtkTextView         *preview_view;
};

enum {
  SEND,
  DRAFT_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EcertInquiryEditor, ecert_inquiry_editor, ADW_TYPE_WINDOW)

/* Problems --------------------------------------------------------------- */

static void
show_problem (GtkLabel   *label,
              const char *problem)
{
  gtk_label_set_label (label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (label), problem != NULL);
}

/* The first of @fields with a problem speaks for the group. */
static const char *
first_problem (EcertInquiry            *inquiry,
               const EcertInquiryField *fields,
               guint                    n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const char *problem = ecert_inquiry_get_problem (inquiry, fields[i]);

      if (problem != NULL)
        return problem;
    }
  return NULL;
}

static void
show_problems (EcertInquiryEditor *self)
{
  static const EcertInquiryField certificate[] = {
    ECERT_INQUIRY_FIELD_CERTIFICATE_NUMBER,
    ECERT_INQUIRY_FIELD_EXPORT_COUNTRY,
    ECERT_INQUIRY_FIELD_CERTIFICATE_TYPE,
  };
  static const EcertInquiryField inspection[] = {
    ECERT_INQUIRY_FIELD_INSPECTOR_NAME,
    ECERT_INQUIRY_FIELD_INSPECTION_LOCATION,
    ECERT_INQUIRY_FIELD_ISSUED_AT,
  };
  EcertInquiry *inquiry = self->inquiry;

  show_problem (self->certificate_problem,
                first_problem (inquiry, certificate, G_N_ELEMENTS (certificate)));
  show_problem (self->status_problem,
                ecert_inquiry_get_problem (inquiry, ECERT_INQUIRY_FIELD_STATUS));
  show_problem (self->measures_problem,
                ecert_inquiry_get_problem (inquiry, ECERT_INQUIRY_FIELD_MEASURES));
  show_problem (self->reason_problem,
                ecert_inquiry_get_problem (inquiry, ECERT_INQUIRY_FIELD_REASON));
  show_problem (self->inspection_problem,
                first_problem (inquiry, inspection, G_N_ELEMENTS (inspection)));
  show_problem (self->attachments_problem,
                ecert_inquiry_get_problem (inquiry, ECERT_INQUIRY_FIELD_ATTACHMENTS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.send",
                                 ecert_inquiry_is_valid (inquiry) && !self->sending);
}

/* Only while shown: serialising copies every attachment. */
static void
update_preview (EcertInquiryEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->preview_view);
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!gtk_expander_get_expanded (self->preview_expander))
    return;

  xml = ecert_inquiry_to_xml (self->inquiry, &error);
  if (xml == NULL)
    text = g_strdup_printf (_("Not ready to send: %s"), error->message);
  else
    text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  gtk_text_buffer_set_text (buffer, text, -1);
}

static void
preview_expanded_cb (EcertInquiryEditor *self)
{
  update_preview (self);
}

/* Saving the draft ------------------------------------------------------- */

static void start_save (EcertInquiryEditor *self);

static void
draft_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(EcertInquiryEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (ecert_cache_save_draft_finish (ECERT_CACHE (source), result, &self->draft_id, &error))
    {
      if (!self->closing)
        gtk_label_set_label (self->draft_label, _("Draft saved. Every change is kept."));
      g_signal_emit (self, signals[DRAFT_SAVED], 0, self->draft_id);
    }
  else if (!self->closing)
    {
      g_autofree char *text = g_strdup_printf (_("The draft cannot be saved: %s"),
                                               error->message);

      gtk_label_set_label (self->draft_label, text);
    }

  if (self->sending)
    {
      g_signal_emit (self, signals[SEND], 0, self->inquiry, self->draft_id);
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (self->dirty)
    start_save (self);
  else if (self->closing)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_save (EcertInquiryEditor *self)
{
  g_autoptr(GBytes) content = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->saving)
    {
      self->dirty = TRUE;
      return;
    }

  self->saving = TRUE;
  self->dirty = FALSE;
  content = ecert_inquiry_to_draft (self->inquiry);
  ecert_cache_save_draft_async (self->cache, self->draft_id, "inquiry", self->certificate_row,
                                content, NULL, draft_saved_cb, g_object_ref (self));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  EcertInquiryEditor *self = user_data;

  self->save_id = 0;
  start_save (self);
  return G_SOURCE_REMOVE;
}

static void
inquiry_changed_cb (EcertInquiryEditor *self)
{
  show_problems (self);
  update_preview (self);
  if (self->loading || self->sending)
    return;

  if (self->save_id == 0)
    self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* Fields ---------------------------------------------------------------- */

static void
status_selected_cb (EcertInquiryEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (!self->loading && selected < G_N_ELEMENTS (statuses))
    ecert_inquiry_set_status (self->inquiry, statuses[selected]);
}

static void
measure_toggled_cb (EcertInquiryEditor *self)
{
  EcertInquiryMeasure measures = ECERT_INQUIRY_MEASURE_NONE;

  if (self->loading)
    return;

  for (guint i = 0; i < N_MEASURES; i++)
    if (gtk_check_button_get_active (self->measure_checks[i]))
      measures |= 1 << i;
  ecert_inquiry_set_measures (self->inquiry, measures);
}

static char *
dup_reason_text (EcertInquiryEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reason_view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
reason_changed_cb (EcertInquiryEditor *self)
{
  g_autofree char *text = NULL;

  if (self->loading)
    return;

  text = dup_reason_text (self);
  ecert_inquiry_set_reason (self->inquiry, languages[self->language], text);
}

/* The text stays; what changes is the language it is said to be in. */
static void
language_selected_cb (EcertInquiryEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);
  g_autofree char *text = NULL;

  if (self->loading || selected >= G_N_ELEMENTS (languages) || selected == self->language)
    return;

  text = dup_reason_text (self);
  ecert_inquiry_set_reason (self->inquiry, languages[self->language], NULL);
  self->language = selected;
  ecert_inquiry_set_reason (self->inquiry, languages[self->language], text);
}

static void
inspector_changed_cb (EcertInquiryEditor *self)
{
  if (!self->loading)
    ecert_inquiry_set_inspector_name (self->inquiry,
                                      gtk_editable_get_text (GTK_EDITABLE (self->inspector_row)));
}

static void
location_changed_cb (EcertInquiryEditor *self)
{
  if (!self->loading)
    ecert_inquiry_set_inspection_location (self->inquiry,
                                           gtk_editable_get_text (GTK_EDITABLE (self->location_row)));
}

/* Attachments ------------------------------------------------------------- */

static GtkWidget *
new_attachment_row (const EcertInquiryAttachment *attachment,
                    guint                         index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *size = g_format_size_full (g_bytes_get_size (attachment->data),
                                              G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *title = g_markup_escape_text (attachment->filename, -1);
  g_autofree char *label = g_strdup_printf (_("Remove “%s”"), attachment->filename);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "editor.remove-attachment");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", index);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
show_attachments (EcertInquiryEditor *self)
{
  GPtrArray *attachments = ecert_inquiry_get_attachments (self->inquiry);
  g_autofree char *each = g_format_size_full (ECERT_INQUIRY_MAX_ATTACHMENT_SIZE,
                                              G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *together = g_format_size_full (ECERT_INQUIRY_MAX_ATTACHMENTS_SIZE,
                                                  G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limits = NULL;
  guint64 total = 0;

  ecert_rows_remove_all (self->attachments_group, self->attachment_rows);

  for (guint i = 0; i < attachments->len; i++)
    {
      const EcertInquiryAttachment *attachment = attachments->pdata[i];
      GtkWidget *row = new_attachment_row (attachment, i);

      total += g_bytes_get_size (attachment->data);
      g_ptr_array_add (self->attachment_rows, row);
      adw_preferences_group_add (self->attachments_group, row);
    }

  if (attachments->len == 0)
    /* Translators: the first %s is a size such as "10.5 MB", the second
     * a larger one */
    limits = g_strdup_printf (_("Photos (JPEG or PNG) or PDF files, at most %s each and %s "
                                "together"), each, together);
  else
    {
      g_autofree char *used = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);

      /* Translators: "3.1 MB of 26.2 MB used; at most 10.5 MB a file" */
      limits = g_strdup_printf (_("%s of %s used; at most %s a file"), used, together, each);
    }
  adw_preferences_group_set_description (self->attachments_group, limits);
}

static void
attachment_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(EcertInquiryEditor) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));

  bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (bytes == NULL || !ecert_inquiry_add_attachment (self->inquiry, name, bytes, &error))
    {
      show_problem (self->attachments_problem, error->message);
      return;
    }
  show_attachments (self);
}

/* A file too large is refused from its size, before a byte of it is read. */
static void
attachment_measured_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(EcertInquiryEditor) self = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (info == NULL ||
      !ecert_inquiry_check_attachment_size (self->inquiry, name,
                                            (guint64) g_file_info_get_size (info), &error))
    {
      show_problem (self->attachments_problem, error->message);
      return;
    }

  g_file_load_bytes_async (G_FILE (source), NULL, attachment_loaded_cb, g_object_ref (self));
}

/* Read without blocking: a scan can be several megabytes on a slow share. */
static void
attachment_chosen_cb (GtkNativeDialog *dialog,
                      int              response,
                      gpointer         user_data)
{
  g_autoptr(EcertInquiryEditor) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                               G_PRIORITY_DEFAULT, NULL, attachment_measured_cb,
                               g_object_ref (self));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_attachment_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Add Attachment"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  ecert_file_filters_add (GTK_FILE_CHOOSER (dialog), _("Photos and PDF Documents"),
                          "image/jpeg", "image/png", "application/pdf", NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (attachment_chosen_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
remove_attachment_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  EcertInquiryEditor *self = ECERT_INQUIRY_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index < ecert_inquiry_get_attachments (self->inquiry)->len)
    {
      ecert_inquiry_remove_attachment (self->inquiry, index);
      show_attachments (self);
    }
}

/* Sending --------------------------------------------------------------- */

/* The last save must be in the cache first: the outbox deletes the draft
 * it was written in, and a save after that would bring it back. */
static void
send_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EcertInquiryEditor *self = ECERT_INQUIRY_EDITOR (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (self->sending)
    return;

  ecert_inquiry_set_issued_at (self->inquiry, now);
  if (!ecert_inquiry_is_valid (self->inquiry))
    return;

  self->sending = TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  gtk_widget_action_set_enabled (widget, "editor.send", FALSE);
  if (self->saving)
    return;

  g_signal_emit (self, signals[SEND], 0, self->inquiry, self->draft_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Closing keeps the draft: a save still due is done first, out of sight. */
static gboolean
ecert_inquiry_editor_close_request (GtkWindow *window)
{
  EcertInquiryEditor *self = ECERT_INQUIRY_EDITOR (window);

  if (self->save_id == 0 && !self->saving)
    return GTK_WINDOW_CLASS (ecert_inquiry_editor_parent_class)->close_request (window);

  self->closing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  if (self->save_id != 0)
    start_save (self);
  return TRUE;
}

/* Filling the form -------------------------------------------------------- */

static void
fill_certificate (EcertInquiryEditor *self)
{
  const char *number = ecert_inquiry_get_certificate_number (self->inquiry);
  const char *country = ecert_inquiry_get_export_country (self->inquiry);
  const char *type = ecert_inquiry_get_certificate_type (self->inquiry);
  const char *country_name = country != NULL ? ecert_country_get_name (country) : NULL;
  const char *type_name = ecert_codes_document_type_label (type);
  g_autofree char *title = NULL;

  adw_action_row_set_subtitle (self->number_row, number != NULL ? number : "");
  adw_action_row_set_subtitle (self->country_row,
                               country_name != NULL ? country_name
                                                    : (country != NULL ? country : ""));
  adw_action_row_set_subtitle (self->type_row,
                               type_name != NULL ? type_name : (type != NULL ? type : ""));
  for (AdwActionRow **row = (AdwActionRow *[]) { self->number_row, self->country_row,
                                                 self->type_row, NULL };
       *row != NULL; row++)
    ecert_accessible_set_label_value (GTK_WIDGET (*row),
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (*row)),
                                      adw_action_row_get_subtitle (*row));
  /* Translators: %s is a certificate number */
  title = g_strdup_printf (_("About Certificate %s"), number != NULL ? number : "");
  adw_window_title_set_subtitle (self->window_title, title);
}

static void
fill_status (EcertInquiryEditor *self)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint status = ecert_inquiry_get_status (self->inquiry);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *code = g_strdup_printf ("%u", statuses[i]);
      const char *meaning = ecert_codes_acknowledgement_status_label (code);

      if (statuses[i] == ECERT_ACKNOWLEDGEMENT_STATUS_NONE || meaning == NULL)
        gtk_string_list_append (list, _("Not Chosen"));
      else
        gtk_string_list_append (list, meaning);
    }
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (list));
  g_object_unref (list);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (statuses[i] == status)
      adw_combo_row_set_selected (self->status_row, i);
}

static void
fill_measures (EcertInquiryEditor *self)
{
  EcertInquiryMeasure measures = ecert_inquiry_get_measures (self->inquiry);

  for (guint i = 0; i < N_MEASURES; i++)
    {
      const char *code = ecert_inquiry_measure_to_code (1 << i);
      const char *label = ecert_codes_border_measure_label (code);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label != NULL ? label : code);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (measures & (1 << i)) != 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (measure_toggled_cb), self);
      self->measure_checks[i] = GTK_CHECK_BUTTON (check);
      adw_preferences_group_add (self->measures_group, row);
    }
}

static void
fill_reason (EcertInquiryEditor *self)
{
  GPtrArray *reasons = ecert_inquiry_get_reasons (self->inquiry);
  const EcertInquiryReason *reason = reasons->len > 0 ? reasons->pdata[0] : NULL;
  GtkStringList *list = gtk_string_list_new (NULL);

  self->language = 0;
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      const char *name = ecert_codes_language_name (languages[i]);

      gtk_string_list_append (list, name != NULL ? name : languages[i]);
      if (reason != NULL && g_ascii_strcasecmp (reason->language, languages[i]) == 0)
        self->language = i;
    }
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->language_row, self->language);
  g_object_unref (list);

  if (reason != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reason_view), reason->text, -1);
}

static void
fill_form (EcertInquiryEditor *self)
{
  const char *inspector = ecert_inquiry_get_inspector_name (self->inquiry);
  const char *location = ecert_inquiry_get_inspection_location (self->inquiry);

  self->loading = TRUE;
  fill_certificate (self);
  fill_status (self);
  fill_measures (self);
  fill_reason (self);
  gtk_editable_set_text (GTK_EDITABLE (self->inspector_row), inspector != NULL ? inspector : "");
  gtk_editable_set_text (GTK_EDITABLE (self->location_row), location != NULL ? location : "");
  show_attachments (self);
  self->loading = FALSE;
  show_problems (self);
}

/**
 * ecert_inquiry_editor_new:
 * @certificate_row: the certificate the inquiry is about, for its drafts
 * @draft_id: the draft @inquiry was restored from, or 0
 * @inquiry: what the form starts with: a restored draft, or an inquiry
 *   prefilled from the certificate
 */
EcertInquiryEditor *
ecert_inquiry_editor_new (GtkWindow    *parent,
                          EcertCache   *cache,
                          gint64        certificate_row,
                          gint64        draft_id,
                          EcertInquiry *inquiry)
{
  EcertInquiryEditor *self;

  g_return_val_if_fail (ECERT_IS_CACHE (cache), NULL);
  g_return_val_if_fail (ECERT_IS_INQUIRY (inquiry), NULL);

  self = g_object_new (ECERT_TYPE_INQUIRY_EDITOR, "transient-for", parent, NULL);
  self->cache = g_object_ref (cache);
  self->certificate_row = certificate_row;
  self->draft_id = draft_id;
  self->inquiry = g_object_ref (inquiry);
  if (draft_id != 0)
    gtk_label_set_label (self->draft_label, _("Draft restored. Every change is kept."));

  if (ecert_inquiry_get_issued_at (inquiry) == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      ecert_inquiry_set_issued_at (inquiry, now);
    }
  fill_form (self);
  g_signal_connect_object (inquiry, "changed", G_CALLBACK (inquiry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

gint64
ecert_inquiry_editor_get_draft_id (EcertInquiryEditor *self)
{
  g_return_val_if_fail (ECERT_IS_INQUIRY_EDITOR (self), 0);

  return self->draft_id;
}

static void
ecert_inquiry_editor_dispose (GObject *object)
{
  EcertInquiryEditor *self = ECERT_INQUIRY_EDITOR (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->inquiry != NULL)
    g_signal_handlers_disconnect_by_data (self->inquiry, self);
  g_clear_object (&self->inquiry);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->attachment_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), ECERT_TYPE_INQUIRY_EDITOR);

  G_OBJECT_CLASS (ecert_inquiry_editor_parent_class)->dispose (object);
}

static void
ecert_inquiry_editor_class_init (EcertInquiryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ecert_inquiry_editor_dispose;
  window_class->close_request = ecert_inquiry_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ecert-inquiry-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, draft_label);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, number_row);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, certificate_problem);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, status_problem);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, measures_group);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, measures_problem);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, reason_view);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, reason_problem);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, inspector_row);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, inspection_problem);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, attachments_group);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, attachments_problem);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, preview_expander);
  gtk_widget_class_bind_template_child (widget_class, EcertInquiryEditor, preview_view);

  gtk_widget_class_install_action (widget_class, "editor.send", NULL, send_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.add-attachment", NULL,
                                   add_attachment_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.remove-attachment", "u",
                                   remove_attachment_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * EcertInquiryEditor::send:
   * @inquiry: the complete inquiry
   * @draft_id: the draft it was written in, to be deleted as it is
   *   queued, or 0
   */
  signals[SEND] =
    g_signal_new ("send", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, ECERT_TYPE_INQUIRY, G_TYPE_INT64);

  /**
   * EcertInquiryEditor::draft-saved:
   * @draft_id: the draft's row in the cache
   */
  signals[DRAFT_SAVED] =
    g_signal_new ("draft-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
ecert_inquiry_editor_init (EcertInquiryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ecert_accessible_name_buttons (GTK_WIDGET (self));
  self->attachment_rows = g_ptr_array_new ();
  ecert_accessible_name_options (self->status_row);
  ecert_accessible_name_options (self->language_row);

  g_signal_connect_swapped (self->status_row, "notify::selected",
                            G_CALLBACK (status_selected_cb), self);
  g_signal_connect_swapped (self->language_row, "notify::selected",
                            G_CALLBACK (language_selected_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->reason_view), "changed",
                            G_CALLBACK (reason_changed_cb), self);
  g_signal_connect_swapped (self->inspector_row, "changed", G_CALLBACK (inspector_changed_cb),
                            self);
  g_signal_connect_swapped (self->location_row, "changed", G_CALLBACK (location_changed_cb),
                            self);
  g_signal_connect_swapped (self->preview_expander, "notify::expanded",
                            G_CALLBACK (preview_expanded_cb), self);
}
