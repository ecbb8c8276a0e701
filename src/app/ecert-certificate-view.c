/* ecert-certificate-view.c: one certificate, the way an inspector reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sections in reading order: the verdict first (may this paper be trusted,
 * and why), then the document, the parties, the consignment, the items, the
 * declarations and the signatory. What each section says comes from
 * core's report, which the printed page shows too; this view decides how
 * it looks, and never looks at XML. Image attachments get a thumbnail.
 */

#define G_LOG_DOMAIN "ecert-certificate-view"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ecert-accessible.h"
#include "ecert-certificate-source.h"
#include "ecert-certificate-view.h"
#include "ecert-certificate.h"
#include "ecert-image-window.h"
#include "ecert-inquiry-thread.h"
#include "ecert-inquiry.h"
#include "ecert-text.h"

struct _EcertCertificateView
{
  GtkWidget       parent_instance;

  EcertSession   *session;
  gint64          row;
  GCancellable   *cancellable;

  GtkBox         *sections;
  GtkWidget      *verdict_card;
  GtkImage       *verdict_icon;
  GtkLabel       *verdict_title;
  GtkLabel       *verdict_reason;
  GtkLabel       *verdict_changed;
  GtkExpander    *check_expander;
  GtkGrid        *check_grid;
  GtkButton      *verify_button;

  /* The certificate shown, for its attachments and its text, and what it
   * says, for printing. */
  EcertCertificate        *certificate;
  EcertCertificateReport *report;
  GCancellable            *thumbnails_cancellable;
  GPtrArray               *images;  /* ShownImage, decoded for thumbnails */

  /* What was asked and answered about it, and its drafts. */
  EcertInquiryThread *thread;
  char               *export_country;
};

enum {
  OPEN_CERTIFICATE,
  INQUIRE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EcertCertificateView, ecert_certificate_view, GTK_TYPE_WIDGET)

/* An image attachment as decoded for its thumbnail, kept for printing. */
typedef struct
{
  guint       attachment;
  char       *name;
  GdkTexture *texture;
} ShownImage;

static void
shown_image_free (ShownImage *image)
{
  g_free (image->name);
  g_object_unref (image->texture);
  g_free (image);
}

static AdwPreferencesGroup *
add_group (EcertCertificateView *self,
           const char           *title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  gtk_box_append (self->sections, GTK_WIDGET (group));
  return group;
}

/* Whether @text has a letter written right to left (Arabic, Hebrew…). */
static gboolean
has_right_to_left_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script == G_UNICODE_SCRIPT_ARABIC || script == G_UNICODE_SCRIPT_HEBREW ||
          script == G_UNICODE_SCRIPT_SYRIAC || script == G_UNICODE_SCRIPT_THAANA)
        return TRUE;
    }
  return FALSE;
}

/* A value as a right-to-left window shows it. One with no right-to-left
 * letters, such as "2026-02-19 02:09:52 +13:00" or "NZ-2026-000417", is
 * embedded left to right (U+202A … U+202C), so that the Arabic or Hebrew
 * line it sits in does not reorder its parts; Pango honours embeddings,
 * where it does not honour isolates. */
static char *
isolate_value (const char *value)
{
  if (gtk_widget_get_default_direction () != GTK_TEXT_DIR_RTL || has_right_to_left_letter (value))
    return g_strdup (value);
  return g_strconcat ("\u202A", value, "\u202C", NULL);
}

/* Where a value comes from is the report's business; how a row looks is
 * this view's. */
static GtkWidget *
new_row (const EcertReportRow *line)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (line->label, -1);
  g_autofree char *value = isolate_value (line->value);
  g_autofree char *subtitle = g_markup_escape_text (value, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  ecert_accessible_set_label_value (row, line->label, value);
  return row;
}

/* The number is what gets typed into other systems: one click copies it. */
static void
decorate_number_row (AdwActionRow          *row,
                     const EcertReportRow *line)
{
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy Number"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy Number"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "view.copy-number");
  gtk_widget_set_sensitive (copy, line->given);
  adw_action_row_add_suffix (row, copy);
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
decorate_link_row (EcertCertificateView  *self,
                   AdwActionRow          *row,
                   const EcertReportRow *line)
{
  if (line->target != 0)
    {
      gint64 *stored_target = g_new (gint64, 1);

      *stored_target = line->target;
      g_object_set_data_full (G_OBJECT (row), "ecert-row", stored_target, g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect (row, "activated", G_CALLBACK (link_activated_cb), self);
    }
  else
    adw_action_row_add_suffix (row, gtk_label_new (_("Not received")));
}

static void show_thumbnail_async (EcertCertificateView *self,
                                  AdwActionRow         *row,
                                  guint                 index);

static void
decorate_attachment_row (EcertCertificateView  *self,
                         AdwActionRow          *row,
                         const EcertReportRow *line)
{
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save As…"));

  for (GtkWidget **button = (GtkWidget *[]) { open, save, NULL }; *button != NULL; button++)
    {
      gtk_widget_set_valign (*button, GTK_ALIGN_CENTER);
      ecert_accessible_name_buttons (*button);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (*button), "u", line->attachment);
      adw_action_row_add_suffix (row, *button);
    }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "view.open-attachment");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "view.save-attachment");
  g_object_set_data_full (G_OBJECT (row), "ecert-attachment-name", g_strdup (line->label), g_free);
  g_object_set_data (G_OBJECT (row), "ecert-attachment", GUINT_TO_POINTER (line->attachment));
  show_thumbnail_async (self, row, line->attachment);
}

static void
show_section (EcertCertificateView      *self,
              const EcertReportSection *section)
{
  AdwPreferencesGroup *group = add_group (self, section->title);

  if (section->description != NULL)
    adw_preferences_group_set_description (group, section->description);

  for (guint i = 0; i < section->rows->len; i++)
    {
      const EcertReportRow *line = g_ptr_array_index (section->rows, i);
      GtkWidget *row = new_row (line);

      if (line->kind != ECERT_REPORT_ROW_ATTACHMENT)
        gtk_widget_add_css_class (row, "property");
      if (line->kind == ECERT_REPORT_ROW_TEXT)
        adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      else if (line->kind == ECERT_REPORT_ROW_NUMBER)
        decorate_number_row (ADW_ACTION_ROW (row), line);
      else if (line->kind == ECERT_REPORT_ROW_LINK)
        decorate_link_row (self, ADW_ACTION_ROW (row), line);
      else if (line->kind == ECERT_REPORT_ROW_ATTACHMENT)
        decorate_attachment_row (self, ADW_ACTION_ROW (row), line);
      adw_preferences_group_add (group, row);
    }
}

/* The first thing an inspector reads: may this paper be trusted, and why. */
/* How the verdict was reached, folded away under it: the signer, its
 * certificate, the algorithms, when. Values can be copied. */
static void
show_check (EcertCertificateView      *self,
            const EcertReportSection *check)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->check_grid))) != NULL)
    gtk_grid_remove (self->check_grid, child);

  gtk_widget_set_visible (GTK_WIDGET (self->check_expander), check != NULL);
  for (guint i = 0; check != NULL && i < check->rows->len; i++)
    {
      const EcertReportRow *row = g_ptr_array_index (check->rows, i);
      GtkWidget *label = gtk_label_new (row->label);
      g_autofree char *text = isolate_value (row->value);
      GtkWidget *value = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_set_hexpand (value, TRUE);
      gtk_grid_attach (self->check_grid, label, 0, i, 1, 1);
      gtk_grid_attach (self->check_grid, value, 1, i, 1, 1);
    }
}

static void
show_verdict (EcertCertificateView          *self,
              const EcertCertificateReport *report)
{
  static const struct {
    const char *icon;
    const char *style;
  } looks[] = {
    [ECERT_REPORT_TONE_NOT_VERIFIED] = { "dialog-question-symbolic", "dim-label" },
    [ECERT_REPORT_TONE_VALID] = { "emblem-ok-symbolic", "success" },
    [ECERT_REPORT_TONE_UNSIGNED] = { "dialog-information-symbolic", "dim-label" },
    [ECERT_REPORT_TONE_INVALID] = { "dialog-error-symbolic", "error" },
    [ECERT_REPORT_TONE_WARNING] = { "dialog-warning-symbolic", "warning" },
  };
  static const char *styles[] = { "success", "warning", "error", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), looks[report->tone].style);
  gtk_image_set_from_icon_name (self->verdict_icon, looks[report->tone].icon);
  gtk_label_set_label (self->verdict_title, report->verdict);
  gtk_label_set_label (self->verdict_reason, report->reason != NULL ? report->reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_reason), report->reason != NULL);
  gtk_label_set_label (self->verdict_changed, report->changed != NULL ? report->changed : "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_changed), report->changed != NULL);
  show_check (self, report->check);
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

static const EcertAttachment *
attachment_job_get_attachment (AttachmentJob *job)
{
  return g_ptr_array_index (ecert_certificate_get_attachments (job->certificate), job->index);
}

/* Returns the attachment's bytes, or %NULL once @task has returned why
 * they cannot be read. */
static GBytes *
attachment_job_decode (AttachmentJob  *job,
                       GTask          *task,
                       char          **content_type)
{
  GError *error = NULL;
  GBytes *bytes = ecert_certificate_decode_attachment (job->certificate,
                                                       attachment_job_get_attachment (job),
                                                       content_type, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  return bytes;
}

/* The name of a file made of the attachment: the issuer's, without
 * folders, controls or bidi characters, with the extension of what the
 * bytes are. The desktop picks the application that opens a file by its
 * extension: the bytes pick it here, not the sender. */
static char *
attachment_job_file_name (AttachmentJob *job,
                          GBytes        *bytes)
{
  const EcertAttachment *attachment = attachment_job_get_attachment (job);
  g_autofree char *fallback = g_strdup_printf ("attachment-%u", job->index + 1);

  return ecert_text_file_name (attachment->filename, bytes, fallback);
}

/* Decoding may take a moment for a large scan: every use of an attachment
 * runs @thread in a worker, with the job's own reference to the
 * certificate. */
static void
run_attachment_job (EcertCertificateView *self,
                    guint                 index,
                    GFile                *destination,
                    GTaskThreadFunc       thread,
                    GCancellable         *cancellable,
                    GAsyncReadyCallback   callback,
                    gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  AttachmentJob *job = g_new0 (AttachmentJob, 1);

  job->certificate = g_object_ref (self->certificate);
  job->index = index;
  job->destination = destination != NULL ? g_object_ref (destination) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) attachment_job_free);
  g_task_run_in_thread (task, thread);
}

/* Open writes a private copy for the default viewer; Save writes where
 * asked. */
static void
write_attachment_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  AttachmentJob *job = task_data;
  g_autoptr(GBytes) bytes = attachment_job_decode (job, task, NULL);
  g_autoptr(GFile) destination = NULL;
  GError *error = NULL;

  if (bytes == NULL)
    return;

  if (job->destination != NULL)
    destination = g_object_ref (job->destination);
  else
    {
      g_autofree char *directory = g_build_filename (g_get_user_cache_dir (), "ecert-inspector",
                                                     "attachments", NULL);
      g_autofree char *base = attachment_job_file_name (job, bytes);
      g_autofree char *path = NULL;

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
  run_attachment_job (self, index, destination, write_attachment_thread, self->cancellable,
                      callback, NULL);
}

/* Thumbnails are for what an inspector glances at, a scanned permit or a
 * photo: larger attachments are opened instead. The pixel limit keeps a
 * small file that claims to be a huge image from taking the memory. */
#define THUMBNAIL_MAX_BYTES (20 * 1024 * 1024)
#define THUMBNAIL_MAX_PIXELS (40 * 1000 * 1000)
#define IMAGE_SHOWN_MAX_SIDE 2048
#define IMAGE_CHUNK (64 * 1024)

static const char * const thumbnail_types[] = {
  "image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", NULL,
};

static void
image_size_prepared_cb (GdkPixbufLoader *loader,
                        int              width,
                        int              height,
                        gboolean        *too_large)
{
  double scale;

  /* A size of nothing makes the loader stop before it allocates. */
  if ((gint64) width * height > THUMBNAIL_MAX_PIXELS)
    {
      *too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  /* The large view fits the window anyway; the full image is one Open away. */
  scale = MIN (1.0, (double) IMAGE_SHOWN_MAX_SIDE / MAX (width, height));
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)),
                                MAX (1, (int) (height * scale)));
}

/* Returns %NULL without @error for an image too large to show, or of a
 * kind this system cannot read. */
static GdkTexture *
load_image (GBytes      *bytes,
            const char  *content_type,
            GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_mime_type (content_type, NULL);
  g_autoptr(GdkPixbuf) oriented = NULL;
  GdkPixbuf *pixbuf;
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) write_error = NULL;
  gboolean written = TRUE;
  gboolean too_large = FALSE;

  if (loader == NULL)
    return NULL;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (image_size_prepared_cb), &too_large);
  for (gsize offset = 0; offset < size && written && !too_large; offset += IMAGE_CHUNK)
    written = gdk_pixbuf_loader_write (loader, data + offset, MIN (IMAGE_CHUNK, size - offset),
                                       &write_error);

  if (too_large || !written)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      if (!too_large)
        g_propagate_error (error, g_steal_pointer (&write_error));
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    return NULL;

  /* Phones and scanners turn a picture with a tag, not with its pixels. */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  return gdk_texture_new_for_pixbuf (oriented);
}

/* Returns a texture for an image, nothing for other attachments, and an
 * error for a damaged one. */
static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AttachmentJob *job = task_data;
  const EcertAttachment *attachment = attachment_job_get_attachment (job);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;
  GdkTexture *texture;
  GError *error = NULL;

  if (attachment->size > THUMBNAIL_MAX_BYTES)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  bytes = attachment_job_decode (job, task, &content_type);
  if (bytes == NULL)
    return;

  if (!g_strv_contains (thumbnail_types, content_type))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  texture = load_image (bytes, content_type, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
thumbnail_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  GdkPaintable *image = g_object_get_data (G_OBJECT (button), "ecert-image");
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  const char *name = g_object_get_data (G_OBJECT (row), "ecert-attachment-name");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  EcertImageWindow *window = ecert_image_window_new (GTK_WINDOW (root), name, image);

  gtk_window_present (GTK_WINDOW (window));
}

static GtkWidget *
new_thumbnail (GdkTexture *texture)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_size_request (picture, 64, 64);
  gtk_button_set_child (GTK_BUTTON (button), picture);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_bottom (button, 6);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("View Image"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("View Image"), -1);
  g_object_set_data_full (G_OBJECT (button), "ecert-image", g_object_ref (texture),
                          g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (thumbnail_clicked_cb), NULL);
  return button;
}

/* A damaged attachment is that attachment's problem: said beside it, with
 * the reason a pointer away. */
static GtkWidget *
new_damaged_label (const GError *error)
{
  GtkWidget *label = gtk_label_new (_("Damaged"));

  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_tooltip_text (label, error->message);
  return label;
}

static void
thumbnail_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AdwActionRow) row = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    adw_action_row_add_prefix (row, new_damaged_label (error));
  else if (texture != NULL)
    {
      EcertCertificateView *self =
        ECERT_CERTIFICATE_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                         ECERT_TYPE_CERTIFICATE_VIEW));
      ShownImage *image;

      adw_action_row_add_prefix (row, new_thumbnail (texture));
      if (self == NULL)
        return;
      image = g_new0 (ShownImage, 1);
      image->attachment = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ecert-attachment"));
      image->name = g_strdup (g_object_get_data (G_OBJECT (row), "ecert-attachment-name"));
      image->texture = g_steal_pointer (&texture);
      g_ptr_array_add (self->images, image);
    }
}

/* Only for the certificate on show, and only once it is: a list of
 * certificates never decodes anything. */
static void
show_thumbnail_async (EcertCertificateView *self,
                      AdwActionRow         *row,
                      guint                 index)
{
  run_attachment_job (self, index, NULL, thumbnail_thread, self->thumbnails_cancellable,
                      thumbnail_ready_cb, g_object_ref (row));
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

/* The name a Save offers is made from the bytes, so they are decoded
 * first, in a worker. */
static void
name_attachment_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  AttachmentJob *job = task_data;
  g_autoptr(GBytes) bytes = attachment_job_decode (job, task, NULL);

  if (bytes != NULL)
    g_task_return_pointer (task, attachment_job_file_name (job, bytes), g_free);
}

static void
attachment_named_for_save_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (source);
  AttachmentJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileChooserNative *dialog;
  SaveRequest *request;

  name = g_task_propagate_pointer (G_TASK (result), &error);
  if (name == NULL)
    {
      report_attachment_error (self, error);
      return;
    }
  if (self->certificate != job->certificate)
    return;

  dialog = gtk_file_chooser_native_new (_("Save Attachment"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  request = g_new0 (SaveRequest, 1);
  request->self = g_object_ref (self);
  request->index = job->index;
  g_signal_connect (dialog, "response", G_CALLBACK (save_chosen_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_attachment_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->certificate == NULL ||
      index >= ecert_certificate_get_attachments (self->certificate)->len)
    return;

  run_attachment_job (self, index, NULL, name_attachment_thread, self->cancellable,
                      attachment_named_for_save_cb, NULL);
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

  stored = ecert_session_load_certificate_finish (ECERT_SESSION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), TRUE);
  if (stored == NULL)
    gtk_label_set_label (self->verdict_reason, error->message);
  else if (stored->record->row == self->row)
    ecert_certificate_view_show (self, stored);
}

/* After a trust anchor was added, say: the stored verdict is recomputed
 * with the anchors as they are now, and stored, in a worker thread. */
static void
verify_again_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (widget);

  if (self->session == NULL || self->row == 0)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), FALSE);
  ecert_session_load_certificate_async (self->session, self->row,
                                        ECERT_STORED_CERTIFICATE_REVERIFY, self->cancellable,
                                        verified_cb, g_object_ref (self));
}

static void
request_inquiry (EcertCertificateView *self,
                 EcertInquiry         *inquiry,
                 gint64                draft_id)
{
  g_signal_emit (self, signals[INQUIRE], 0, inquiry, self->row, draft_id);
}

static void
draft_opened_cb (EcertCertificateView *self,
                 gint64                draft_id,
                 GBytes               *content)
{
  g_autoptr(EcertInquiry) inquiry = ecert_inquiry_new_from_draft (content, NULL);

  if (inquiry != NULL)
    request_inquiry (self, inquiry, draft_id);
}

static void
show_thread (EcertCertificateView         *self,
             const EcertStoredCertificate *stored)
{
  self->thread = ecert_inquiry_thread_new (ecert_session_get_cache (self->session),
                                           stored->record->row,
                                           stored->record->number,
                                           stored->record->export_country);
  g_signal_connect_object (self->thread, "open-draft", G_CALLBACK (draft_opened_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->sections, GTK_WIDGET (self->thread));
  ecert_inquiry_thread_reload (self->thread);
}

/* Ctrl+I: the draft last written about this certificate, so that nothing
 * typed is lost; otherwise a new inquiry filled in from the certificate. */
static void
inquire_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (widget);
  g_autoptr(GBytes) content = NULL;
  g_autoptr(EcertInquiry) inquiry = NULL;
  gint64 draft_id;

  if (self->certificate == NULL || self->thread == NULL)
    return;

  draft_id = ecert_inquiry_thread_get_latest_draft (self->thread, &content);
  if (content != NULL)
    inquiry = ecert_inquiry_new_from_draft (content, NULL);
  if (inquiry == NULL)
    {
      draft_id = 0;
      inquiry = ecert_inquiry_new ();
      ecert_inquiry_set_certificate_number (inquiry, ecert_certificate_get_id (self->certificate));
      ecert_inquiry_set_export_country (inquiry, self->export_country);
      ecert_inquiry_set_certificate_type (inquiry,
                                          ecert_certificate_get_type_code (self->certificate));
    }
  request_inquiry (self, inquiry, draft_id);
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
 * ecert_certificate_view_set_session:
 * @session: where the certificates shown are stored, and checked again
 */
void
ecert_certificate_view_set_session (EcertCertificateView *self,
                                    EcertSession         *session)
{
  g_return_if_fail (ECERT_IS_CERTIFICATE_VIEW (self));
  g_return_if_fail (ECERT_IS_SESSION (session));

  g_set_object (&self->session, session);
}

/**
 * ecert_certificate_view_show:
 * @stored: the certificate, loaded from the session's cache
 *
 * Shows a certificate the way an inspector reads it: the verdict first.
 */
void
ecert_certificate_view_show (EcertCertificateView         *self,
                             const EcertStoredCertificate *stored)
{
  g_return_if_fail (ECERT_IS_CERTIFICATE_VIEW (self));
  g_return_if_fail (ECERT_IS_SESSION (self->session));
  g_return_if_fail (stored != NULL);

  self->row = stored->record->row;
  g_set_object (&self->certificate, stored->certificate);
  g_free (self->export_country);
  self->export_country = g_strdup (stored->record->export_country);
  self->thread = NULL;
  g_clear_pointer (&self->report, ecert_certificate_report_unref);
  self->report = ecert_certificate_report_new (stored);

  /* Thumbnails still being made are for rows no longer shown. */
  g_cancellable_cancel (self->thumbnails_cancellable);
  g_clear_object (&self->thumbnails_cancellable);
  self->thumbnails_cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->images, 0);

  clear_sections (self);
  show_verdict (self, self->report);
  for (guint i = 0; i < self->report->sections->len; i++)
    show_section (self, g_ptr_array_index (self->report->sections, i));
  show_thread (self, stored);
  gtk_box_append (self->sections, ecert_certificate_source_new (self->certificate));
}

/**
 * ecert_certificate_view_reload_thread:
 *
 * Reads the inquiries, replies and drafts of the certificate on show again.
 */
void
ecert_certificate_view_reload_thread (EcertCertificateView *self)
{
  g_return_if_fail (ECERT_IS_CERTIFICATE_VIEW (self));

  if (self->thread != NULL)
    ecert_inquiry_thread_reload (self->thread);
}

/**
 * ecert_certificate_view_get_report:
 *
 * Returns: (transfer none) (nullable): what the certificate on show says,
 *   for printing; %NULL before one is shown
 */
EcertCertificateReport *
ecert_certificate_view_get_report (EcertCertificateView *self)
{
  g_return_val_if_fail (ECERT_IS_CERTIFICATE_VIEW (self), NULL);

  return self->report;
}

static int
compare_shown_images (gconstpointer a,
                      gconstpointer b)
{
  const ShownImage *first = *(const ShownImage * const *) a;
  const ShownImage *second = *(const ShownImage * const *) b;

  return (first->attachment > second->attachment) - (first->attachment < second->attachment);
}

/**
 * ecert_certificate_view_add_images_to_print:
 *
 * Hands @print the image attachments shown, in the certificate's order, as
 * decoded for their thumbnails (those still being decoded are left out).
 */
void
ecert_certificate_view_add_images_to_print (EcertCertificateView  *self,
                                            EcertCertificatePrint *print)
{
  g_return_if_fail (ECERT_IS_CERTIFICATE_VIEW (self));

  g_ptr_array_sort (self->images, compare_shown_images);
  for (guint i = 0; i < self->images->len; i++)
    {
      ShownImage *image = g_ptr_array_index (self->images, i);

      ecert_certificate_print_add_image (print, image->name, image->texture);
    }
}

static void
ecert_certificate_view_dispose (GObject *object)
{
  EcertCertificateView *self = ECERT_CERTIFICATE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->thumbnails_cancellable != NULL)
    g_cancellable_cancel (self->thumbnails_cancellable);
  g_clear_object (&self->thumbnails_cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->report, ecert_certificate_report_unref);
  g_clear_pointer (&self->export_country, g_free);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  self->thread = NULL;
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
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateView, check_expander);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateView, verdict_changed);
  gtk_widget_class_bind_template_child (widget_class, EcertCertificateView, check_grid);
  gtk_widget_class_install_action (widget_class, "view.verify-again", NULL,
                                   verify_again_action_cb);
  gtk_widget_class_install_action (widget_class, "view.open-attachment", "u",
                                   open_attachment_action_cb);
  gtk_widget_class_install_action (widget_class, "view.save-attachment", "u",
                                   save_attachment_action_cb);
  gtk_widget_class_install_action (widget_class, "view.copy-number", NULL,
                                   copy_number_action_cb);
  gtk_widget_class_install_action (widget_class, "view.inquire", NULL, inquire_action_cb);

  /**
   * EcertCertificateView::open-certificate:
   * @row: the cache row of a related certificate
   *
   * The user followed a link of the certificate's history.
   */
  signals[OPEN_CERTIFICATE] =
    g_signal_new ("open-certificate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * EcertCertificateView::inquire:
   * @inquiry: a restored draft, or a new inquiry filled in from the
   *   certificate
   * @certificate_row: the certificate's row in the cache
   * @draft_id: the draft @inquiry was restored from, or 0
   *
   * The user asked to write an inquiry or a response about the certificate.
   */
  signals[INQUIRE] =
    g_signal_new ("inquire", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, ECERT_TYPE_INQUIRY, G_TYPE_INT64,
                  G_TYPE_INT64);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ecert_certificate_view_init (EcertCertificateView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) shown_image_free);
}
