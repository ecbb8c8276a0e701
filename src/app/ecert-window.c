/* ecert-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-window.h"

struct _EcertWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwStatusPage        *empty_page;
};

G_DEFINE_FINAL_TYPE (EcertWindow, ecert_window, ADW_TYPE_APPLICATION_WINDOW)

EcertWindow *
ecert_window_new (EcertApplication *application)
{
  g_return_val_if_fail (ECERT_IS_APPLICATION (application), NULL);

  return g_object_new (ECERT_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
restore_window_state (EcertWindow *self)
{
  GSettings *settings = self->settings;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));

  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (EcertWindow *self)
{
  GSettings *settings = self->settings;
  int width;
  int height;

  /* The unmaximized size is the one worth restoring: a maximized window
   * keeps reporting its last normal size as the default size. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (settings);
}

static gboolean
ecert_window_close_request (GtkWindow *window)
{
  save_window_state (ECERT_WINDOW (window));

  return GTK_WINDOW_CLASS (ecert_window_parent_class)->close_request (window);
}

static void
connect_hub_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  ecert_application_show_preferences (ECERT_APPLICATION (app));
}

static void
ecert_window_dispose (GObject *object)
{
  EcertWindow *self = ECERT_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ecert_window_parent_class)->dispose (object);
}

static void
ecert_window_class_init (EcertWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ecert_window_dispose;

  window_class->close_request = ecert_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ecert-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EcertWindow, empty_page);

  gtk_widget_class_install_action (widget_class, "win.connect-hub", NULL, connect_hub_action_cb);
}

static void
ecert_window_init (EcertWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  restore_window_state (self);

  adw_status_page_set_icon_name (self->empty_page, APP_ID "-symbolic");

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
