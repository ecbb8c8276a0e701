/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ecert-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EcertApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("E-Cert Inspector"));

  app = ecert_application_new (APP_ID);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
