/* ecert-certificate-printer.c: printing the certificate on show, or saving it as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each print is an EcertCertificatePrint made from what the view shows:
 * its report and the image attachments it decoded. The printer and paper
 * chosen in the print dialog are kept here for the next certificate.
 */

#define G_LOG_DOMAIN "ecert-certificate-printer"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-certificate-print.h"
#include "ecert-certificate-printer.h"
#include "ecert-file-filters.h"
#include "ecert-text.h"

struct _EcertCertificatePrinter
{
  GObject           parent_instance;

  /* The printer and paper chosen last time, for the next certificate. */
  GtkPrintSettings *print_settings;
};

G_DEFINE_FINAL_TYPE (EcertCertificatePrinter, ecert_certificate_printer, G_TYPE_OBJECT)

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

EcertCertificatePrinter *
ecert_certificate_printer_new (void)
{
  return g_object_new (ECERT_TYPE_CERTIFICATE_PRINTER, NULL);
}

static void
tell (EcertCertificatePrinter *self,
      const char              *message)
{
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               EcertCertificatePrinter *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      tell (self, error->message);
    }
}

static EcertCertificatePrint *
new_print_operation (EcertCertificatePrinter *self,
                     EcertCertificateView    *view)
{
  EcertCertificateReport *report = ecert_certificate_view_get_report (view);
  EcertCertificatePrint *operation;

  if (report == NULL)
    return NULL;

  operation = ecert_certificate_print_new (report);
  ecert_certificate_view_add_images_to_print (view, operation);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), self->print_settings);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  return operation;
}

/**
 * ecert_certificate_printer_print:
 * @parent: the window the print dialog belongs to
 * @view: the view whose certificate is printed
 *
 * The certificate on show, as a document, through the print dialog.
 */
void
ecert_certificate_printer_print (EcertCertificatePrinter *self,
                                 GtkWindow               *parent,
                                 EcertCertificateView    *view)
{
  g_autoptr(EcertCertificatePrint) operation = NULL;

  g_return_if_fail (ECERT_IS_CERTIFICATE_PRINTER (self));
  g_return_if_fail (ECERT_IS_CERTIFICATE_VIEW (view));

  operation = new_print_operation (self, view);
  if (operation == NULL)
    return;

  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
  gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                           GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, NULL);
}

typedef struct
{
  EcertCertificatePrinter *printer;
  GtkWindow               *parent;
  EcertCertificateView    *view;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->printer);
  g_object_unref (request->parent);
  g_object_unref (request->view);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportRequest, export_request_free)

static void
export_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(ExportRequest) request = user_data;
  EcertCertificatePrinter *self = request->printer;
  g_autoptr(GFile) file = NULL;
  g_autoptr(EcertCertificatePrint) operation = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL || (operation = new_print_operation (self, request->view)) == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      tell (self, _("A PDF can only be saved to a local folder"));
      return;
    }

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT,
                               request->parent, NULL) == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Saved as “%s”"), name);

      tell (self, text);
    }
}

/**
 * ecert_certificate_printer_export_pdf:
 * @parent: the window the file chooser belongs to
 * @view: the view whose certificate is saved
 *
 * The same document as printed, as a PDF file the user names.
 */
void
ecert_certificate_printer_export_pdf (EcertCertificatePrinter *self,
                                      GtkWindow               *parent,
                                      EcertCertificateView    *view)
{
  EcertCertificateReport *report;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  ExportRequest *request;

  g_return_if_fail (ECERT_IS_CERTIFICATE_PRINTER (self));
  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (ECERT_IS_CERTIFICATE_VIEW (view));

  report = ecert_certificate_view_get_report (view);
  if (report == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export as PDF"), parent,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  ecert_file_filters_add (GTK_FILE_CHOOSER (dialog), _("PDF Documents"), "application/pdf", NULL);
  /* A number is the issuer's text: never a path, and "AU/2026/0003" is
   * one number. */
  number = g_strdup_printf ("%s.pdf", report->number != NULL ? report->number : "");
  g_strdelimit (number, G_DIR_SEPARATOR_S, '-');
  name = ecert_text_file_name_for_type (number, "application/pdf", _("Certificate"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  request = g_new0 (ExportRequest, 1);
  request->printer = g_object_ref (self);
  request->parent = g_object_ref (parent);
  request->view = g_object_ref (view);
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
ecert_certificate_printer_finalize (GObject *object)
{
  EcertCertificatePrinter *self = ECERT_CERTIFICATE_PRINTER (object);

  g_clear_object (&self->print_settings);

  G_OBJECT_CLASS (ecert_certificate_printer_parent_class)->finalize (object);
}

static void
ecert_certificate_printer_class_init (EcertCertificatePrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ecert_certificate_printer_finalize;

  /**
   * EcertCertificatePrinter::message:
   * @text: a sentence for the user
   *
   * Something to tell the user: where the PDF was saved, or why printing
   * failed.
   */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ecert_certificate_printer_init (EcertCertificatePrinter *self)
{
}
