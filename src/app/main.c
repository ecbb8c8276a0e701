/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-application.h"
#include "ecert-i18n.h"
#include "ecert-tls.h"

int
main (int   argc,
      char *argv[])
{
  /* The launch is timed from here by --benchmark. */
  gint64 launched_at = g_get_monotonic_time ();
  g_autoptr(EcertApplication) app = NULL;
  int status;

  ecert_i18n_init ();
  ecert_tls_init ();

  g_set_application_name (_("E-Cert Inspector"));

  app = ecert_application_new (APP_ID);
  ecert_application_set_launched_at (app, launched_at);

  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : ecert_application_get_exit_status (app);
}
