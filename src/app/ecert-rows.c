/* ecert-rows.c: what the views' groups of rows have in common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drafts, a certificate's inquiries, recent paper checks, trust anchors and
 * attachments are each a preferences group of rows that the view lays out
 * again whenever what it shows changes. A group cannot list its rows, so
 * each view keeps them in an array.
 *
 * Preferences' pages also share how a row shows a setting, refuses a value
 * and tells how a check of a connection went.
 */

#define G_LOG_DOMAIN "ecert-rows"

#include "config.h"

#include "ecert-accessible.h"
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
  ecert_accessible_name_buttons (button);
  return button;
}

/**
 * ecert_rows_show_entry_value:
 *
 * Shows a stored or normalized value in @row. That is not an edit: the
 * row's apply button stays for what the user types.
 */
void
ecert_rows_show_entry_value (AdwEntryRow *row,
                             const char  *value)
{
  adw_entry_row_set_show_apply_button (row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), value);
  adw_entry_row_set_show_apply_button (row, TRUE);
}

/**
 * ecert_rows_set_invalid:
 *
 * Marks @row red, for eyes and screen readers, or takes the mark away.
 */
void
ecert_rows_set_invalid (GtkWidget *row,
                        gboolean   invalid)
{
  if (invalid)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/**
 * ecert_rows_apply_entry:
 * @normalize: (nullable): checks the text and returns the value to store;
 *   %NULL to store the text without the spaces around it
 *
 * Stores what @row holds in the string setting @key. An empty row means
 * "not set up", which is a valid choice. A refused value is not stored:
 * the row stays as typed and turns red, for the user to correct it.
 *
 * Returns: whether the value was stored, or %FALSE with @error set
 */
gboolean
ecert_rows_apply_entry (AdwEntryRow             *row,
                        GSettings               *settings,
                        const char              *key,
                        EcertRowsNormalizeFunc   normalize,
                        GError                 **error)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (value[0] != '\0' && normalize != NULL)
    {
      g_autofree char *typed = g_steal_pointer (&value);

      value = normalize (typed, error);
    }

  ecert_rows_set_invalid (GTK_WIDGET (row), value == NULL);
  if (value == NULL)
    return FALSE;

  g_settings_set_string (settings, key, value);
  ecert_rows_show_entry_value (row, value);
  return TRUE;
}

/**
 * ecert_rows_apply_pending_entry:
 *
 * Like ecert_rows_apply_entry(), for what the user typed and did not apply
 * yet: what a Connect button should try.
 */
gboolean
ecert_rows_apply_pending_entry (AdwEntryRow             *row,
                                GSettings               *settings,
                                const char              *key,
                                EcertRowsNormalizeFunc   normalize,
                                GError                 **error)
{
  g_autofree char *stored = g_settings_get_string (settings, key);

  if (g_strcmp0 (stored, gtk_editable_get_text (GTK_EDITABLE (row))) == 0)
    return TRUE;
  return ecert_rows_apply_entry (row, settings, key, normalize, error);
}

/**
 * ecert_rows_show_file:
 * @path: a file's path, or "" for none
 * @none: what the row says when there is none
 */
void
ecert_rows_show_file (AdwActionRow *row,
                      const char   *path,
                      const char   *none)
{
  g_autofree char *display = NULL;

  if (path[0] == '\0')
    {
      adw_action_row_set_subtitle (row, none);
      return;
    }

  display = g_filename_display_name (path);
  adw_action_row_set_subtitle (row, display);
}

static gboolean
focus_result_cb (GtkWidget     *row,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  guint *ticks = user_data;

  /* The first tick comes before the layout of its frame. */
  if ((*ticks)++ == 0)
    return G_SOURCE_CONTINUE;

  gtk_widget_grab_focus (row);
  return G_SOURCE_REMOVE;
}

/**
 * ecert_rows_show_result:
 * @row: the row that tells how a check went, hidden until then
 * @icon: the image at its start
 * @success: whether the check worked
 *
 * Shows the outcome of a check, such as a Connect button's, in @row.
 */
void
ecert_rows_show_result (AdwActionRow *row,
                        GtkImage     *icon,
                        gboolean      success,
                        const char   *title,
                        const char   *details)
{
  gtk_image_set_from_icon_name (icon, success ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), success ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (icon), success ? "success" : "error");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, details);
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
  /* Scrolled into view, and read out by a screen reader, once the row has
   * its new size: the viewport scrolls to where the focus is laid out. */
  gtk_widget_add_tick_callback (GTK_WIDGET (row), focus_result_cb, g_new0 (guint, 1), g_free);
}
