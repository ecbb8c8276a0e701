/* ecert-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-application.h"
#include "ecert-benchmark.h"
#include "ecert-preferences-window.h"
#include "ecert-library-versions.h"
#include "ecert-version.h"
#include "ecert-window.h"

struct _EcertApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  EcertSession   *session;

  gint64          launched_at;   /* monotonic, at main() */
  gboolean        benchmark_mode;
  EcertBenchmark *benchmark;
  int             exit_status;
};

G_DEFINE_FINAL_TYPE (EcertApplication, ecert_application, ADW_TYPE_APPLICATION)

EcertApplication *
ecert_application_new (const char *application_id)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (ECERT_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* The .Devel build shares resources with the stable one. */
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * ecert_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
ecert_application_get_settings (EcertApplication *self)
{
  g_return_val_if_fail (ECERT_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * ecert_application_get_session:
 *
 * Returns: (transfer none): the process's one session: its cache, trust
 *   anchors and hub, made at startup
 */
EcertSession *
ecert_application_get_session (EcertApplication *self)
{
  g_return_val_if_fail (ECERT_IS_APPLICATION (self), NULL);

  return self->session;
}

static EcertWindow *
get_main_window (EcertApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (ECERT_IS_WINDOW (window))
    return ECERT_WINDOW (window);

  return NULL;
}

void
ecert_application_show_preferences (EcertApplication *self)
{
  EcertPreferencesWindow *preferences;

  g_return_if_fail (ECERT_IS_APPLICATION (self));

  preferences = ecert_preferences_window_new (self->session);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (get_main_window (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

/**
 * ecert_application_set_launched_at:
 * @launched_at: the monotonic time at the start of main()
 *
 * Where the benchmark counts the launch from.
 */
void
ecert_application_set_launched_at (EcertApplication *self,
                                   gint64            launched_at)
{
  g_return_if_fail (ECERT_IS_APPLICATION (self));

  self->launched_at = launched_at;
}

/**
 * ecert_application_get_exit_status:
 *
 * Returns: the status to end the process with, once g_application_run()
 *   has returned 0: 1 when the benchmark could not finish
 */
int
ecert_application_get_exit_status (EcertApplication *self)
{
  g_return_val_if_fail (ECERT_IS_APPLICATION (self), 1);

  return self->exit_status;
}

static void
benchmark_finished_cb (EcertApplication *self,
                       EcertBenchmark   *benchmark)
{
  self->exit_status = ecert_benchmark_get_completed (benchmark) ? 0 : 1;
  /* Not through app.quit: a benchmark's window size is not the user's. */
  g_application_quit (G_APPLICATION (self));
}

static void
ecert_application_activate (GApplication *application)
{
  EcertApplication *self = ECERT_APPLICATION (application);
  EcertWindow *window = get_main_window (self);

  if (window == NULL)
    window = ecert_window_new (self);

  gtk_window_present (GTK_WINDOW (window));

  if (self->benchmark_mode && self->benchmark == NULL)
    {
      self->benchmark = ecert_benchmark_new (window, self->launched_at);
      g_signal_connect_object (self->benchmark, "finished", G_CALLBACK (benchmark_finished_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

static int
ecert_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  EcertApplication *self = ECERT_APPLICATION (application);

  if (g_variant_dict_contains (options, "benchmark"))
    {
      self->benchmark_mode = TRUE;
      /* Measured in a process of its own, never handed to a window that
       * is already open. */
      g_application_set_flags (application,
                               g_application_get_flags (application) |
                               G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  EcertApplication *self = user_data;
  static const char *developers[] = { "E-Cert Inspector contributors", NULL };
  g_autofree char *libraries = ecert_get_library_versions ();
  g_autofree char *debug_info = g_strdup_printf ("%s %s (%s)\n%s\n", APP_ID, PACKAGE_VERSION,
                                                 PROFILE, libraries);
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("E-Cert Inspector"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The E-Cert Inspector contributors"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
                                 _("Check electronic sanitary and phytosanitary certificates "
                                   "received through an exchange hub, verify their signatures, "
                                   "and answer with inquiries."));
  adw_about_window_set_website (about, "https://github.com/ecert/inspector");
  adw_about_window_set_issue_url (about, "https://github.com/ecert/inspector/issues");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, _("© 2026 The E-Cert Inspector contributors"));
  /* Translators: replace with your names, one per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_debug_info (about, debug_info);

  gtk_window_set_transient_for (GTK_WINDOW (about), GTK_WINDOW (get_main_window (self)));
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  ecert_application_show_preferences (ECERT_APPLICATION (user_data));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  /* Each window saves its state, as it does when closed, and the
   * application then ends with them. */
  for (GList *iter = gtk_application_get_windows (app); iter != NULL; iter = iter->next)
    {
      if (ECERT_IS_WINDOW (iter->data))
        ecert_window_save_state (ECERT_WINDOW (iter->data));
    }

  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action_cb },
  { .name = "preferences", .activate = preferences_action_cb },
  { .name = "quit", .activate = quit_action_cb },
};

static void
ecert_application_startup (GApplication *application)
{
  EcertApplication *self = ECERT_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (ecert_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.help", help_accels);

  /* One cache per process: only the primary instance, the one that shows
   * windows, opens it. */
  self->session = ecert_session_new (self->settings, NULL, NULL);
}

static void
ecert_application_shutdown (GApplication *application)
{
  EcertApplication *self = ECERT_APPLICATION (application);

  G_APPLICATION_CLASS (ecert_application_parent_class)->shutdown (application);

  /* Stops what the session still runs (a fetch, a delivery) before the
   * process ends; its callbacks may still hold it. */
  if (self->session != NULL)
    g_object_run_dispose (G_OBJECT (self->session));
  g_clear_object (&self->session);
}

static void
ecert_application_dispose (GObject *object)
{
  EcertApplication *self = ECERT_APPLICATION (object);

  g_clear_object (&self->benchmark);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ecert_application_parent_class)->dispose (object);
}

static void
ecert_application_class_init (EcertApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ecert_application_dispose;

  app_class->activate = ecert_application_activate;
  app_class->startup = ecert_application_startup;
  app_class->shutdown = ecert_application_shutdown;
  app_class->handle_local_options = ecert_application_handle_local_options;
}

static void
ecert_application_init (EcertApplication *self)
{
  const GOptionEntry entries[] = {
    { "benchmark", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Time the launch, searches and scrolling over the cache at $ECERT_CACHE, print the "
         "figures and quit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  self->launched_at = g_get_monotonic_time ();
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
