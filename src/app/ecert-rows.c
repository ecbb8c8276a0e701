/* ecert-rows.c: what the views' groups of rows have in common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drafts, a certificate's inquiries, recent paper checks, trust anchors and
 * attachments are each a preferences group of rows that the view lays out
 * again whenever what it shows changes. A group cannot list its rows, so
 * each view keeps them in an array.
 */

#define G_LOG_DOMAIN "ecert-rows"

#include "config.h"

#include "ecert-rows.h"

/**
 * ecert_rows_remove_all:
 * @rows: (element-type GtkWidget): the rows added to @group, emptied
 *
 * Takes every row in @rows out of @group.
 */
void
ecert_rows_remove_all (AdwPreferencesGroup *group,
                       GPtrArray           *rows)
{
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/**
 * ecert_rows_new_button:
 * @label: the label, with a mnemonic
 * @action: an action that takes an int64, such as a row's or a draft's id
 * @target: what the button gives @action
 *
 * Returns: (transfer floating): a button for the end of a row
 */
GtkWidget *
ecert_rows_new_button (const char *label,
                       const char *action,
                       gint64      target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  /* Not stretched to the height of a row with a subtitle. */
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", target);
  return button;
}
