/* ecert-help.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-help"

#include "config.h"

#include "ecert-help.h"

/* The guide is installed under the stable id, which the .Devel build
 * shares, as it shares the settings. */
#define HELP_ID "io.github.ecert.Inspector"

/**
 * ecert_help_get_uri:
 * @page: (nullable): a page of the guide, or %NULL for its index
 *
 * Returns: (transfer full): the help: URI of @page
 */
char *
ecert_help_get_uri (const char *page)
{
  if (page == NULL || page[0] == '\0')
    return g_strdup ("help:" HELP_ID);

  return g_strconcat ("help:" HELP_ID "/", page, NULL);
}

/* GtkUriLauncher replaces gtk_show_uri_full() from GTK 4.10 on. */
static void
launch_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
#if GTK_CHECK_VERSION (4, 10, 0)
  gboolean launched = gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error);
#else
  gboolean launched = gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error);
#endif

  if (launched)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ecert_help_show_async:
 * @parent: the window the guide is opened for
 * @page: (nullable): a page of the guide, or %NULL for its index
 *
 * Opens @page in the help viewer. The result says whether one could be
 * started, so that the caller can tell the user when it could not.
 */
void
ecert_help_show_async (GtkWindow           *parent,
                       const char          *page,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autofree char *uri = ecert_help_get_uri (page);
  GTask *task;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_help_show_async);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr (GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, parent, cancellable, launch_cb, task);
  }
#else
  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, cancellable, launch_cb, task);
#endif
}

gboolean
ecert_help_show_finish (GtkWindow     *parent,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, parent), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
