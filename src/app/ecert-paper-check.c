/* ecert-paper-check.c: does this paper certificate have an e-certificate?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counterfeit paper certificates are the reason for this page. A number
 * typed or scanned (a scanner types it and presses Enter) either finds the
 * e-certificate, which then opens, or the page says plainly that none has
 * been received and that the paper must be treated as unverified. When the
 * desk is connected to a hub, the hub is asked first: the e-certificate may
 * be waiting there: the page asks the session to fetch, and looks again
 * when the fetch ends.
 */

#define G_LOG_DOMAIN "ecert-paper-check"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-cache-row.h"
#include "ecert-date-time.h"
#include "ecert-error.h"
#include "ecert-paper-check.h"
#include "ecert-rows.h"

/* Recent checks kept, newest first. */
#define MAX_RECENT 12

struct _EcertPaperCheck
{
  GtkWidget            parent_instance;

  EcertSession        *session;
  /* The number waiting for the hub's or the office's answer, or NULL. */
  char                *waiting_number;
  gboolean             asking_office;
  GPtrArray           *recent_rows;
  GPtrArray           *office_rows;
  GCancellable        *cancellable;

  GtkEntry            *number_entry;
  GtkRevealer         *result_revealer;
  GtkStack            *result_icon_stack;
  GtkImage            *result_icon;
  GtkSpinner          *result_spinner;
  GtkLabel            *result_title;
  GtkLabel            *result_description;
  AdwPreferencesGroup *recent_group;
  GtkButton           *clear_recent_button;
  AdwPreferencesGroup *office_group;
};

G_DEFINE_FINAL_TYPE (EcertPaperCheck, ecert_paper_check, GTK_TYPE_WIDGET)

enum {
  CERTIFICATE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_result (EcertPaperCheck *self,
             const char      *icon,
             const char      *style,
             const char      *title,
             const char      *description)
{
  static const char *styles[] = { "success", "error", "warning", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), styles[i]);

  gtk_spinner_set_spinning (self->result_spinner, icon == NULL);
  gtk_stack_set_visible_child_name (self->result_icon_stack, icon == NULL ? "spinner" : "icon");
  if (icon != NULL)
    {
      gtk_image_set_from_icon_name (self->result_icon, icon);
      gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), style);
    }
  gtk_label_set_text (self->result_title, title);
  gtk_label_set_text (self->result_description, description);
  gtk_revealer_set_reveal_child (self->result_revealer, TRUE);
}

/* Several documents may share a number (a withdrawal, a replacement): the
 * newest received is the one in force, and shows its history. */
static gint64
find_newest (EcertPaperCheck *self,
             const char      *number)
{
  EcertCache *cache = ecert_session_get_cache (self->session);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  EcertCacheRow *newest = NULL;

  if (cache == NULL)
    return 0;

  /* One indexed lookup: quick enough for the main loop on any cache. */
  matches = ecert_cache_lookup_number (cache, number, NULL, &error);
  if (matches == NULL)
    {
      g_warning ("Cannot look up %s: %s", number, error->message);
      return 0;
    }

  for (guint i = 0; i < matches->len; i++)
    {
      EcertCacheRow *row = g_ptr_array_index (matches, i);

      if (newest == NULL || ecert_cache_row_get_received_at (row) > ecert_cache_row_get_received_at (newest))
        newest = row;
    }

  return newest != NULL ? ecert_cache_row_get_id (newest) : 0;
}

static void refresh_recent (EcertPaperCheck *self);

static void
remember_check (EcertPaperCheck *self,
                const char      *number,
                gboolean         found)
{
  GSettings *settings = ecert_session_get_settings (self->session);
  g_autoptr(GVariant) old = g_settings_get_value (settings, "recent-paper-checks");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *old_number;
  gint64 old_time;
  gboolean old_found;
  guint kept = 1;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sxb)"));
  g_variant_builder_add (&builder, "(sxb)", number, g_get_real_time () / G_USEC_PER_SEC, found);

  /* The same number checked again moves to the top. */
  g_variant_iter_init (&iter, old);
  while (kept < MAX_RECENT && g_variant_iter_next (&iter, "(&sxb)", &old_number, &old_time, &old_found))
    if (g_strcmp0 (old_number, number) != 0)
      {
        g_variant_builder_add (&builder, "(sxb)", old_number, old_time, old_found);
        kept++;
      }

  g_settings_set_value (settings, "recent-paper-checks", g_variant_builder_end (&builder));
  refresh_recent (self);
}

static void
show_not_received (EcertPaperCheck *self,
                   const char      *number,
                   const GError    *hub_error)
{
  gboolean at_office = hub_error == NULL &&
                       ecert_session_get_office_profile (self->session) != NULL;
  g_autofree char *title = at_office
                           ? g_strdup_printf (_("No e-certificate numbered %s exists here or at "
                                                "the office"), number)
                           : g_strdup_printf (_("No e-certificate numbered %s has been received"),
                                              number);
  g_autofree char *description = NULL;

  if (hub_error != NULL)
    description = g_strdup_printf (_("The hub could not be asked (%s). Until it can, treat the "
                                     "paper certificate as unverified: it may be counterfeit. "
                                     "Check the number against the paper first."),
                                   hub_error->message);
  else
    description = g_strdup (_("Treat the paper certificate as unverified: it may be "
                              "counterfeit. Check that the number was typed as printed; if it "
                              "was, ask the exporting country’s plant protection organisation."));

  show_result (self, "dialog-warning-symbolic", "error", title, description);
  remember_check (self, number, FALSE);
}

static void
open_found (EcertPaperCheck *self,
            const char      *number,
            gint64           row)
{
  g_autofree char *title = g_strdup_printf (_("E-certificate %s found"), number);

  show_result (self, "emblem-ok-symbolic", "success", title,
               _("It is open; compare it with the paper certificate, and read its signature "
                 "verdict first."));
  remember_check (self, number, TRUE);
  g_signal_emit (self, signals[CERTIFICATE_ACTIVATED], 0, row);
}

/* The fetch the page asked for, or found under way, has ended: the number
 * is looked up again. */
static void
fetch_finished (EcertPaperCheck *self,
                const GError    *error)
{
  g_autofree char *number = g_steal_pointer (&self->waiting_number);
  gint64 row;

  /* The office answers for itself (office_checked_cb). */
  if (self->asking_office)
    {
      self->waiting_number = g_steal_pointer (&number);
      return;
    }
  if (number == NULL)
    return;

  row = find_newest (self, number);
  if (row != 0)
    open_found (self, number, row);
  else
    show_not_received (self, number, error);
}

static void refresh_office (EcertPaperCheck *self);

/* The office answered: what it held is in the cache now, verified. */
static void
office_checked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(EcertPaperCheck) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  gint64 row;

  results = ecert_session_check_at_office_finish (ECERT_SESSION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->asking_office = FALSE;
  number = g_steal_pointer (&self->waiting_number);
  row = find_newest (self, number);
  if (row != 0)
    open_found (self, number, row);
  else
    show_not_received (self, number, error);
  refresh_office (self);
}

static void
ask_office (EcertPaperCheck *self,
            char            *number)
{
  self->waiting_number = number;
  self->asking_office = TRUE;
  show_result (self, NULL, NULL, _("Asking the office…"),
               _("Not among the certificates received at this desk; asking the office, which "
                 "holds every certificate of the country."));
  ecert_session_check_at_office_async (self->session, number, self->cancellable,
                                       office_checked_cb, g_object_ref (self));
}

static void
check_number (EcertPaperCheck *self,
              const char      *typed)
{
  g_autofree char *number = g_strstrip (g_strdup (typed));
  g_autofree char *hub = NULL;
  gint64 row;

  if (number[0] == '\0' || self->waiting_number != NULL)
    return;

  row = find_newest (self, number);
  if (row != 0)
    {
      ecert_session_record_paper_check (self->session, number, TRUE);
      open_found (self, number, row);
      return;
    }

  if (ecert_session_get_office_profile (self->session) != NULL)
    {
      ask_office (self, g_steal_pointer (&number));
      return;
    }

  hub = g_settings_get_string (ecert_session_get_settings (self->session), "hub-address");
  if (hub[0] == '\0')
    {
      show_not_received (self, number, NULL);
      return;
    }

  /* The e-certificate may be waiting at the hub: fetch, then look again;
   * a fetch already under way will do, its end is heard of all the same. */
  self->waiting_number = g_steal_pointer (&number);
  show_result (self, NULL, NULL, _("Asking the hub…"),
               _("Not among the certificates received so far; fetching what the hub holds for "
                 "this desk."));
  if (!ecert_session_sync (self->session))
    {
      g_autoptr(GError) error = g_error_new_literal (ECERT_ERROR, ECERT_ERROR_CACHE,
                                                     _("the certificate cache is not open yet"));

      fetch_finished (self, error);
    }
}

static void
number_activated_cb (EcertPaperCheck *self)
{
  check_number (self, gtk_editable_get_text (GTK_EDITABLE (self->number_entry)));

  /* Selected, so that the next number scanned replaces this one. */
  gtk_editable_select_region (GTK_EDITABLE (self->number_entry), 0, -1);
}

static void
recent_activated_cb (AdwActionRow    *row,
                     EcertPaperCheck *self)
{
  const char *number = g_object_get_data (G_OBJECT (row), "ecert-number");

  gtk_editable_set_text (GTK_EDITABLE (self->number_entry), number);
  check_number (self, number);
}

static void
refresh_recent (EcertPaperCheck *self)
{
  GSettings *settings = ecert_session_get_settings (self->session);
  g_autoptr(GVariant) checks = g_settings_get_value (settings, "recent-paper-checks");
  GVariantIter iter;
  const char *number;
  gint64 time;
  gboolean found;

  ecert_rows_remove_all (self->recent_group, self->recent_rows);

  g_variant_iter_init (&iter, checks);
  while (g_variant_iter_next (&iter, "(&sxb)", &number, &time, &found))
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time);
      g_autofree char *at = when != NULL ? ecert_date_time_format_moment (when) : g_strdup ("");
      g_autofree char *escaped = g_markup_escape_text (number, -1);
      /* Translators: "E-certificate found · 2026-11-27 17:32:05" */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"),
                                                   found ? _("E-certificate found")
                                                         : _("No e-certificate received"),
                                                   at);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      icon = gtk_image_new_from_icon_name (found ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, found ? "success" : "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "ecert-number", g_strdup (number), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (recent_activated_cb), self);
      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->recent_rows->len > 0);
}

static void
office_row_activated_cb (AdwActionRow    *row,
                         EcertPaperCheck *self)
{
  recent_activated_cb (row, self);
}

static void
add_office_row (EcertPaperCheck             *self,
                const EcertSharedPaperCheck *check)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  g_autofree char *escaped = g_markup_escape_text (check->number, -1);
  g_autofree char *desks = g_strjoinv (", ", check->desks);
  g_autofree char *last = ecert_date_time_format_moment (check->last);
  g_autofree char *checks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Checked %u time",
                                                          "Checked %u times", check->checks),
                                             check->checks);
  /* Translators: "Checked 3 times · at ningbo-2, yangshan-1 · last 2026-12-07 10:12" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · at %s · last %s"), checks, desks, last);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "ecert-number", g_strdup (check->number), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (office_row_activated_cb), self);
  adw_preferences_group_add (self->office_group, row);
  g_ptr_array_add (self->office_rows, row);
}

static void
office_checks_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EcertPaperCheck) self = user_data;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;

  checks = ecert_session_list_office_checks_finish (ECERT_SESSION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  ecert_rows_remove_all (self->office_group, self->office_rows);
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      const EcertSharedPaperCheck *check = g_ptr_array_index (checks, i);

      if (!check->found)
        add_office_row (self, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->office_group), self->office_rows->len > 0);
}

/* The numbers the office's desks checked and never found, when connected
 * to an office. */
static void
refresh_office (EcertPaperCheck *self)
{
  if (ecert_session_get_office_profile (self->session) == NULL)
    {
      ecert_rows_remove_all (self->office_group, self->office_rows);
      gtk_widget_set_visible (GTK_WIDGET (self->office_group), FALSE);
      return;
    }

  ecert_session_list_office_checks_async (self->session, self->cancellable, office_checks_cb,
                                          g_object_ref (self));
}

static void
clear_recent_cb (EcertPaperCheck *self)
{
  g_settings_reset (ecert_session_get_settings (self->session), "recent-paper-checks");
  refresh_recent (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->number_entry));
}

/**
 * ecert_paper_check_set_session:
 * @session: where numbers are looked up, fetched, and the recent checks
 *   kept
 */
void
ecert_paper_check_set_session (EcertPaperCheck *self,
                               EcertSession    *session)
{
  g_return_if_fail (ECERT_IS_PAPER_CHECK (self));
  g_return_if_fail (ECERT_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "sync-finished", G_CALLBACK (fetch_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::office-profile", G_CALLBACK (refresh_office), self,
                           G_CONNECT_SWAPPED);
  refresh_recent (self);
  refresh_office (self);
}

void
ecert_paper_check_focus (EcertPaperCheck *self)
{
  g_return_if_fail (ECERT_IS_PAPER_CHECK (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->number_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->number_entry), 0, -1);
  if (self->session != NULL)
    refresh_office (self);
}

static void
ecert_paper_check_dispose (GObject *object)
{
  EcertPaperCheck *self = ECERT_PAPER_CHECK (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->waiting_number, g_free);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->office_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ECERT_TYPE_PAPER_CHECK);

  G_OBJECT_CLASS (ecert_paper_check_parent_class)->dispose (object);
}

static void
ecert_paper_check_class_init (EcertPaperCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ecert_paper_check_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ecert-paper-check.ui");
  gtk_widget_class_bind_template_child (widget_class, EcertPaperCheck, number_entry);
  gtk_widget_class_bind_template_child (widget_class, EcertPaperCheck, result_revealer);
  gtk_widget_class_bind_template_child (widget_class, EcertPaperCheck, result_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, EcertPaperCheck, result_icon);
  gtk_widget_class_bind_template_child (widget_class, EcertPaperCheck, result_spinner);
  gtk_widget_class_bind_template_child (widget_class, EcertPaperCheck, result_title);
  gtk_widget_class_bind_template_child (widget_class, EcertPaperCheck, result_description);
  gtk_widget_class_bind_template_child (widget_class, EcertPaperCheck, recent_group);
  gtk_widget_class_bind_template_child (widget_class, EcertPaperCheck, clear_recent_button);
  gtk_widget_class_bind_template_child (widget_class, EcertPaperCheck, office_group);
  gtk_widget_class_bind_template_callback (widget_class, number_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_recent_cb);

  /**
   * EcertPaperCheck::certificate-activated:
   * @row: the e-certificate's row in the cache
   *
   * The number was found: the certificate should open.
   */
  signals[CERTIFICATE_ACTIVATED] =
    g_signal_new ("certificate-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ecert_paper_check_init (EcertPaperCheck *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->recent_rows = g_ptr_array_new ();
  self->office_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}
