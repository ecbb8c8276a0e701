/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-application.h"
#include "ecert-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EcertApplication) app = NULL;

  ecert_i18n_init ();

  g_set_application_name (_("E-Cert Inspector"));

  app = ecert_application_new (APP_ID);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
