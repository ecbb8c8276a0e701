/* ecert-certificate-source.c: a certificate's XML as received, to read and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exact document, for those who must see what the issuer sent: the
 * last section of the certificate view, folded. The text is filled when
 * first unfolded: most inspectors never need it.
 */

#define G_LOG_DOMAIN "ecert-certificate-source"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-accessible.h"
#include "ecert-certificate-source.h"

/* More than this is not shown: a text view that large is slow to lay out. */
#define SOURCE_SHOWN_MAX (4 * 1024 * 1024)

struct _EcertCertificateSource
{
  AdwPreferencesGroup  parent_instance;

  EcertCertificate    *certificate;
  GtkTextView         *text_view;
  GtkSearchEntry      *search;
};

G_DEFINE_FINAL_TYPE (EcertCertificateSource, ecert_certificate_source,
                     ADW_TYPE_PREFERENCES_GROUP)

static void
expanded_cb (GtkToggleButton        *toggle,
             GParamSpec             *pspec,
             EcertCertificateSource *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
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

/* Finds the search text after the selection (@next) or from the start,
 * wrapping around; selects it. */
static void
find (EcertCertificateSource *self,
      gboolean                next)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search));
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
          gtk_widget_add_css_class (GTK_WIDGET (self->search), "error");
          return;
        }
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->search), "error");
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_view_scroll_to_iter (self->text_view, &start, 0.1, FALSE, 0, 0);
}

static void
search_changed_cb (GtkSearchEntry         *entry,
                   EcertCertificateSource *self)
{
  find (self, FALSE);
}

static void
search_next_cb (GtkSearchEntry         *entry,
                EcertCertificateSource *self)
{
  find (self, TRUE);
}

/* Shown to be searched: once in place, the find field takes the keyboard,
 * which scrolls the view to it. */
static void
revealed_cb (GtkRevealer            *revealer,
             GParamSpec             *pspec,
             EcertCertificateSource *self)
{
  if (gtk_revealer_get_child_revealed (revealer))
    gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

/**
 * ecert_certificate_source_new:
 * @certificate: the certificate whose text is shown
 *
 * Returns: (transfer floating): the section "Document as Received"
 */
GtkWidget *
ecert_certificate_source_new (EcertCertificate *certificate)
{
  EcertCertificateSource *self;

  g_return_val_if_fail (ECERT_IS_CERTIFICATE (certificate), NULL);

  self = g_object_new (ECERT_TYPE_CERTIFICATE_SOURCE, NULL);
  self->certificate = g_object_ref (certificate);
  return GTK_WIDGET (self);
}

static void
ecert_certificate_source_dispose (GObject *object)
{
  EcertCertificateSource *self = ECERT_CERTIFICATE_SOURCE (object);

  g_clear_object (&self->certificate);

  G_OBJECT_CLASS (ecert_certificate_source_parent_class)->dispose (object);
}

static void
ecert_certificate_source_class_init (EcertCertificateSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ecert_certificate_source_dispose;
}

static void
ecert_certificate_source_init (EcertCertificateSource *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);
  GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (_("Show the _XML"));
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *text = gtk_text_view_new ();

  ecert_accessible_name_buttons (toggle);
  adw_preferences_group_set_title (group, _("Document as Received"));
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

  self->text_view = GTK_TEXT_VIEW (text);
  self->search = GTK_SEARCH_ENTRY (search);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (expanded_cb), self);
  g_signal_connect (revealer, "notify::child-revealed", G_CALLBACK (revealed_cb), self);
  g_signal_connect (search, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (search, "activate", G_CALLBACK (search_next_cb), self);
}
