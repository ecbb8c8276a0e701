/* ecert-draft-discard.c: discarding a draft, after a confirmation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A draft is the inspector's unsent work: it goes only when they say so,
 * and the cache write happens off the main loop.
 */

#define G_LOG_DOMAIN "ecert-draft-discard"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-confirmation.h"
#include "ecert-draft-discard.h"

typedef struct
{
  EcertCache *cache;
  gint64      id;
} DraftDelete;

static void
draft_delete_free (DraftDelete *delete)
{
  g_clear_object (&delete->cache);
  g_free (delete);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (ecert_cache_delete_draft_finish (ECERT_CACHE (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GTask            *task)
{
  DraftDelete *delete = g_task_get_task_data (task);

  if (g_strcmp0 (response, "discard") == 0)
    {
      ecert_cache_delete_draft_async (delete->cache, delete->id, NULL, deleted_cb, task);
      return;
    }

  g_task_return_boolean (task, FALSE);
  g_object_unref (task);
}

/**
 * ecert_draft_discard_async:
 * @parent: the widget whose window the confirmation belongs to
 *
 * Asks whether to discard the draft, and deletes it if so.
 */
void
ecert_draft_discard_async (GtkWidget           *parent,
                           EcertCache          *cache,
                           gint64               draft_id,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  DraftDelete *delete = g_new0 (DraftDelete, 1);
  AdwMessageDialog *dialog;

  delete->cache = g_object_ref (cache);
  delete->id = draft_id;
  g_task_set_task_data (task, delete, (GDestroyNotify) draft_delete_free);

  dialog = ecert_confirmation_present (parent, _("Discard the Draft?"),
                                       _("What was written in it cannot be brought back."),
                                       _("_Keep"), "discard", _("_Discard"));
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), task);
}

/**
 * ecert_draft_discard_finish:
 *
 * Returns: %TRUE when the draft was discarded; %FALSE when the user kept
 *   it, or with @error set when it could not be deleted
 */
gboolean
ecert_draft_discard_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
