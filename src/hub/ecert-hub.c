/* ecert-hub.c: a local exchange hub speaking the ePhyto Hub interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-hub"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-core.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean show_version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version,
      N_("Print the version of ecert-hub and of the libraries it uses"), NULL },
    G_OPTION_ENTRY_NULL
  };

  ecert_i18n_init ();

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("A local certificate exchange hub for training, demonstrations "
                                  "and tests. It is not meant for production exchange."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ecert-hub: %s\n", error->message);
      g_printerr (_("Run “ecert-hub --help” to see the options.\n"));
      return 2;
    }

  if (show_version)
    {
      g_autofree char *libraries = ecert_get_library_versions ();

      g_print ("ecert-hub %s\n%s\n", ecert_get_version (), libraries);
      return 0;
    }

  if (argc > 1)
    {
      g_printerr (_("ecert-hub: unexpected argument “%s”\n"), argv[1]);
      return 2;
    }

  {
    g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

    g_printerr ("%s", help);
  }
  return 2;
}
