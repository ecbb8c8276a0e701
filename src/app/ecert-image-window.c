/* ecert-image-window.c: an attached image, large
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scanned permit is read, not edited: the image fills the window, and
 * Escape goes back to the certificate.
 */

#define G_LOG_DOMAIN "ecert-image-window"

#include "config.h"

#include "ecert-accessible.h"
#include "ecert-image-window.h"

struct _EcertImageWindow
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkPicture     *picture;
};

G_DEFINE_FINAL_TYPE (EcertImageWindow, ecert_image_window, ADW_TYPE_WINDOW)

/**
 * ecert_image_window_new:
 * @parent: the window it belongs to
 * @title: the attachment's name
 * @image: the image
 *
 * Returns: (transfer none): a new window showing @image, to be presented
 */
EcertImageWindow *
ecert_image_window_new (GtkWindow    *parent,
                        const char   *title,
                        GdkPaintable *image)
{
  EcertImageWindow *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GDK_IS_PAINTABLE (image), NULL);

  self = g_object_new (ECERT_TYPE_IMAGE_WINDOW,
                       "transient-for", parent,
                       "title", title,
                       NULL);
  adw_window_title_set_title (self->window_title, title);
  gtk_picture_set_paintable (self->picture, image);

  return self;
}

static void
ecert_image_window_class_init (EcertImageWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ecert-image-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EcertImageWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EcertImageWindow, picture);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ecert_image_window_init (EcertImageWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ecert_accessible_name_buttons (GTK_WIDGET (self));
}
