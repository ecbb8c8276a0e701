/* ecert-confirmation.c: asking before what cannot be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Discarding a draft and clearing the cache ask the same way: the safe
 * answer is the default, and Escape or closing the dialog gives it too.
 */

#define G_LOG_DOMAIN "ecert-confirmation"

#include "config.h"

#include "ecert-confirmation.h"

/**
 * ecert_confirmation_present:
 * @parent: the widget whose window the question belongs to
 * @keep_label: the label of the safe answer, whose response is "cancel"
 * @response: the response of going ahead
 * @confirm_label: the label of going ahead
 *
 * Asks whether to go ahead with something that cannot be undone.
 *
 * Returns: (transfer none): the dialog, for its #AdwMessageDialog::response
 */
AdwMessageDialog *
ecert_confirmation_present (GtkWidget  *parent,
                            const char *heading,
                            const char *body,
                            const char *keep_label,
                            const char *response,
                            const char *confirm_label)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  /* The title is not shown; a screen reader names the dialog by it. */
  gtk_window_set_title (GTK_WINDOW (dialog), heading);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", keep_label,
                                    response, confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
