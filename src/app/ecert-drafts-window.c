/* ecert-drafts-window.c: every unsent inquiry, whatever its certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-drafts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-accessible.h"
#include "ecert-date-time.h"
#include "ecert-draft-discard.h"
#include "ecert-drafts-window.h"
#include "ecert-inquiry.h"
#include "ecert-rows.h"

struct _EcertDraftsWindow
{
  AdwWindow            parent_instance;

  EcertCache          *cache;
  GCancellable        *cancellable;
  GPtrArray           *rows;

  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *drafts_group;
};

G_DEFINE_FINAL_TYPE (EcertDraftsWindow, ecert_drafts_window, ADW_TYPE_WINDOW)

enum {
  OPEN_CERTIFICATE,
  DRAFT_DISCARDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One draft as listed: read in the worker, with its certificate's number
 * taken out of the saved form. */
typedef struct
{
  gint64     id;
  gint64     certificate_row;
  char      *number;
  GDateTime *updated_at;
} DraftEntry;

static void
draft_entry_free (DraftEntry *entry)
{
  g_free (entry->number);
  g_clear_pointer (&entry->updated_at, g_date_time_unref);
  g_free (entry);
}

static void
list_drafts_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(GPtrArray) drafts = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_entry_free);
  GError *error = NULL;

  drafts = ecert_cache_list_drafts (task_data, &error);
  if (drafts == NULL)
    {
      g_ptr_array_unref (entries);
      g_task_return_error (task, error);
      return;
    }

  /* The latest first: what was being written last is looked for first. */
  for (guint i = drafts->len; i > 0; i--)
    {
      EcertCacheDraft *draft = g_ptr_array_index (drafts, i - 1);
      g_autoptr(EcertInquiry) inquiry = ecert_inquiry_new_from_draft (draft->content, NULL);
      DraftEntry *entry = g_new0 (DraftEntry, 1);

      entry->id = draft->id;
      entry->certificate_row = draft->certificate_row;
      entry->number = inquiry != NULL ? g_strdup (ecert_inquiry_get_certificate_number (inquiry))
                                      : NULL;
      entry->updated_at = g_date_time_ref (draft->updated_at);
      g_ptr_array_add (entries, entry);
    }

  g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

static void reload (EcertDraftsWindow *self);

static void
discarded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EcertDraftsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ecert_draft_discard_finish (result, &error))
    g_signal_emit (self, signals[DRAFT_DISCARDED], 0);
  else if (error != NULL)
    adw_status_page_set_description (self->empty_page, error->message);
  reload (self);
}

static void
open_certificate_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_CERTIFICATE], 0, g_variant_get_int64 (parameter));
  gtk_window_close (GTK_WINDOW (widget));
}

static void
discard_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ecert_draft_discard_async (widget, ECERT_DRAFTS_WINDOW (widget)->cache,
                             g_variant_get_int64 (parameter), discarded_cb, g_object_ref (widget));
}

static void
add_row (EcertDraftsWindow *self,
         const DraftEntry  *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *discard;
  g_autofree char *when = ecert_date_time_format_moment (entry->updated_at);
  g_autofree char *title = g_markup_escape_text (entry->number != NULL ? entry->number
                                                                       : _("No certificate"), -1);
  /* Translators: "Last changed 2026-11-27 17:32:05" */
  g_autofree char *subtitle = g_strdup_printf (_("Last changed %s"), when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (entry->certificate_row != 0)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               ecert_rows_new_button (_("_Open Certificate"),
                                                      "drafts.open-certificate",
                                                      entry->certificate_row));
  discard = ecert_rows_new_button (_("_Discard…"), "drafts.discard", entry->id);
  if (entry->number != NULL)
    {
      /* Translators: how a screen reader names the Discard button of a
       * draft: %s is the number of the certificate the draft is about */
      g_autofree char *name = g_strdup_printf (_("Discard the draft about %s"), entry->number);

      ecert_accessible_set_name (discard, name);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);
  adw_preferences_group_add (self->drafts_group, row);
  g_ptr_array_add (self->rows, row);
}

static void
drafts_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EcertDraftsWindow) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  ecert_rows_remove_all (self->drafts_group, self->rows);

  if (entries == NULL)
    adw_status_page_set_description (self->empty_page, error->message);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    add_row (self, g_ptr_array_index (entries, i));

  gtk_stack_set_visible_child_name (self->stack, self->rows->len > 0 ? "drafts" : "empty");
}

static void
reload (EcertDraftsWindow *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, drafts_listed_cb,
                                      g_object_ref (self));

  g_task_set_task_data (task, g_object_ref (self->cache), g_object_unref);
  g_task_run_in_thread (task, list_drafts_thread);
}

EcertDraftsWindow *
ecert_drafts_window_new (GtkWindow  *parent,
                         EcertCache *cache)
{
  EcertDraftsWindow *self;

  g_return_val_if_fail (ECERT_IS_CACHE (cache), NULL);

  self = g_object_new (ECERT_TYPE_DRAFTS_WINDOW, "transient-for", parent, NULL);
  self->cache = g_object_ref (cache);
  reload (self);
  return self;
}

static void
ecert_drafts_window_dispose (GObject *object)
{
  EcertDraftsWindow *self = ECERT_DRAFTS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ecert_drafts_window_parent_class)->dispose (object);
}

static void
ecert_drafts_window_class_init (EcertDraftsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ecert_drafts_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ecert-drafts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EcertDraftsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EcertDraftsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EcertDraftsWindow, drafts_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "drafts.open-certificate", "x",
                                   open_certificate_action_cb);
  gtk_widget_class_install_action (widget_class, "drafts.discard", "x", discard_action_cb);

  /**
   * EcertDraftsWindow::open-certificate:
   * @row: the certificate a draft is about
   */
  signals[OPEN_CERTIFICATE] =
    g_signal_new ("open-certificate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * EcertDraftsWindow::draft-discarded:
   *
   * A draft is gone: whatever lists drafts lists them again.
   */
  signals[DRAFT_DISCARDED] =
    g_signal_new ("draft-discarded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ecert_drafts_window_init (EcertDraftsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ecert_accessible_name_buttons (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
}
