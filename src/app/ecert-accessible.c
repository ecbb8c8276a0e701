/* ecert-accessible.c: names that screen readers read once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 names a button with a label twice: by the label text it is given,
 * mnemonic underscore included, and again by the label widget it makes,
 * which labels the button. Screen readers would read "_Send Send". The
 * label widget's name alone is the button's: its text as shown.
 *
 * An expander has no name at all, and its label takes Tab (and keeps it:
 * a label that cannot hold the focus still says it took it) from the
 * expander when it is folded: Tab goes no further. Its label is left out
 * of the Tab order; the expander is named by its text.
 */

#define G_LOG_DOMAIN "ecert-accessible"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-accessible.h"

/* A button with a mnemonic is named by its label's text as shown (no
 * underscore), and only that: not also by the label widget it is labelled
 * by, and never by nothing, which screen readers would replace by the
 * widget's class. A button without one keeps its name, which may be one a
 * template gave it on purpose ("Choose Client Certificate" for "Choose…"). */
static void
name_by_label_only (GtkWidget *button)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  if (GTK_IS_LABEL (label) && gtk_button_get_use_underline (GTK_BUTTON (button)))
    ecert_accessible_set_name (button, gtk_label_get_text (GTK_LABEL (label)));
}

static void
label_changed_cb (GtkWidget *button)
{
  name_by_label_only (button);
}

/* What a folded expander hides is not where Tab goes. */
static void
expanded_cb (GtkExpander *expander)
{
  GtkWidget *child = gtk_expander_get_child (expander);

  if (child != NULL)
    gtk_widget_set_can_focus (child, gtk_expander_get_expanded (expander));
}

static void
expander_label_changed_cb (GtkExpander *expander)
{
  GtkWidget *label = gtk_expander_get_label_widget (expander);

  if (label == NULL)
    return;
  gtk_widget_set_can_focus (label, FALSE);
  if (GTK_IS_LABEL (label))
    gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_text (GTK_LABEL (label)), -1);
}

/**
 * ecert_accessible_name_buttons:
 * @root: a widget, such as a template just initialised
 *
 * Makes every button and expander under @root (@root included) named by
 * its label as shown, once, now and whenever its label changes; and an
 * expander's label no Tab stop.
 */
void
ecert_accessible_name_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && g_object_get_data (G_OBJECT (root), "ecert-named") == NULL)
    {
      name_by_label_only (root);
      /* After GTK's own handler: the label property is set again then. */
      g_signal_connect_after (root, "notify::label", G_CALLBACK (label_changed_cb), NULL);
      g_signal_connect_after (root, "notify::use-underline", G_CALLBACK (label_changed_cb),
                              NULL);
      g_object_set_data (G_OBJECT (root), "ecert-named", GINT_TO_POINTER (TRUE));
    }
  if (GTK_IS_EXPANDER (root) && g_object_get_data (G_OBJECT (root), "ecert-named") == NULL)
    {
      expander_label_changed_cb (GTK_EXPANDER (root));
      expanded_cb (GTK_EXPANDER (root));
      g_signal_connect_after (root, "notify::expanded", G_CALLBACK (expanded_cb), NULL);
      g_signal_connect_after (root, "notify::child", G_CALLBACK (expanded_cb), NULL);
      g_signal_connect_after (root, "notify::label", G_CALLBACK (expander_label_changed_cb), NULL);
      g_signal_connect_after (root, "notify::label-widget",
                              G_CALLBACK (expander_label_changed_cb), NULL);
      g_object_set_data (G_OBJECT (root), "ecert-named", GINT_TO_POINTER (TRUE));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ecert_accessible_name_buttons (child);
}

/**
 * ecert_accessible_set_name:
 * @name: what the widget is called, in full
 *
 * Names @widget by @name alone: not also by the labels it is labelled by,
 * such as a button's own label.
 */
void
ecert_accessible_set_name (GtkWidget  *widget,
                           const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/**
 * ecert_accessible_name_close_button:
 * @bar: a bar, such as a #GtkInfoBar, with a close button of its own
 *
 * Names the button under @bar that shows only an icon "Close": GTK gives
 * it no name.
 */
void
ecert_accessible_name_close_button (GtkWidget *bar)
{
  g_return_if_fail (GTK_IS_WIDGET (bar));

  if (GTK_IS_BUTTON (bar) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (bar))))
    ecert_accessible_set_name (bar, _("Close"));
  for (GtkWidget *child = gtk_widget_get_first_child (bar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ecert_accessible_name_close_button (child);
}

static gboolean
selected_to_opacity (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_double (to, g_value_get_boolean (from) ? 1.0 : 0.0);
  return TRUE;
}

/* As GTK draws an option: its text, then a check mark when it is chosen. */
static void
setup_option_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_accessible_update_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  g_object_bind_property_full (item, "selected", check, "opacity", G_BINDING_SYNC_CREATE,
                               selected_to_opacity, NULL, NULL, NULL);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

/* The option is read by its text: the widget GTK makes for an item of a
 * list has no name of its own. */
static void
bind_option_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *option = gtk_widget_get_parent (box);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), text);
  /* The check mark is for the popup's options, not for the value shown
   * where the popup opens from. */
  gtk_widget_set_visible (gtk_widget_get_last_child (box),
                          gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER) != NULL);
  if (option != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (option), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                    -1);
}

/**
 * ecert_accessible_new_option_factory:
 *
 * Makes the options of a popup of strings (a #GtkStringList), such as a
 * #GtkDropDown's or an #AdwComboRow's list, each named by its text; an
 * #AdwComboRow's value shown in the row too.
 *
 * Returns: (transfer full): a factory for a popup's list
 */
GtkListItemFactory *
ecert_accessible_new_option_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_option_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_option_cb), NULL);
  return factory;
}

/**
 * ecert_accessible_set_label_value:
 * @label: what is shown, such as "Number" or "Status"
 * @value: what it is, such as the number or the status chosen
 *
 * Names @widget by both, as a screen reader should read a row of a
 * certificate or a filter's button: "Number: NZ-2026-000417".
 */
void
ecert_accessible_set_label_value (GtkWidget  *widget,
                                  const char *label,
                                  const char *value)
{
  g_autofree char *name = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Translators: how a screen reader names a row or a control that shows
   * a value: what it is (%1$s, such as "Number" or "Status") and its value
   * (%2$s, such as "NZ-2026-000417" or "In force") */
  name = g_strdup_printf (_("%1$s: %2$s"), label, value != NULL ? value : "");
  ecert_accessible_set_name (widget, name);
}

/**
 * ecert_accessible_name_options:
 * @row: a choice among strings
 *
 * Names the options of @row's popup by their text.
 */
void
ecert_accessible_name_options (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = ecert_accessible_new_option_factory ();

  adw_combo_row_set_factory (row, factory);
}

static const char *
button_icon_name (GtkWidget *widget)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return NULL;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_IMAGE (child) ? gtk_image_get_icon_name (GTK_IMAGE (child)) : NULL;
}

/**
 * ecert_accessible_name_search:
 * @root: a window with a search of its own, such as Preferences
 *
 * Names the search entry and the search button (a button showing the
 * find icon) that libadwaita makes without a name, so that they are not
 * read as their widget class.
 */
void
ecert_accessible_name_search (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_SEARCH_ENTRY (root) ||
      g_strcmp0 (button_icon_name (root), "edit-find-symbolic") == 0)
    ecert_accessible_set_name (root, _("Search"));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ecert_accessible_name_search (child);
}
