/* ecert-command.c: the command line of a service program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ecert-hub` and `ecert-office` take a command and its options the same
 * way, print the same help and version, and serve until SIGINT or
 * SIGTERM.
 */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "ecert-command.h"
#include "ecert-core.h"

static const EcertCommand *
find_command (const EcertCommand *commands,
              const char         *name)
{
  for (const EcertCommand *command = commands; command->name != NULL; command++)
    {
      if (g_strcmp0 (command->name, name) == 0)
        return command;
    }

  return NULL;
}

static char *
describe_commands (const char         *program,
                   const EcertCommand *commands)
{
  GString *text = g_string_new (_("Commands:\n"));

  for (const EcertCommand *command = commands; command->name != NULL; command++)
    g_string_append_printf (text, "  %-12s %s\n", command->name, _(command->summary));

  g_string_append_c (text, '\n');
  /* Translators: %s is the program, e.g. ecert-hub. */
  g_string_append_printf (text, _("Run “%s COMMAND --help” for a command’s options.\n"), program);
  return g_string_free (text, FALSE);
}

/**
 * ecert_command_usage_error:
 *
 * Says what is wrong with a command's arguments, then its help.
 *
 * Returns: the exit status of a usage error
 */
int
ecert_command_usage_error (const char     *program,
                           GOptionContext *context,
                           const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("%s: %s\n", program, message);
  g_printerr ("%s", help);
  return 2;
}

/**
 * ecert_command_main:
 * @program: the program's name
 * @parameters: (translatable): what follows the program's name, for its
 *   help, marked with N_() (translations are set up here)
 * @summary: (translatable): what the program is, for its help, marked so
 * @commands: its commands, ending with an empty one
 *
 * Sets up translations and TLS, reads the program's own options
 * (--version) and runs the command named.
 *
 * Returns: the exit status
 */
int
ecert_command_main (const char          *program,
                    const char          *parameters,
                    const char          *summary,
                    const EcertCommand  *commands,
                    int                  argc,
                    char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command_help = NULL;
  gboolean show_version = FALSE;
  const EcertCommand *command;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version,
      N_("Print the version and the libraries it uses"), NULL },
    G_OPTION_ENTRY_NULL
  };

  ecert_i18n_init ();
  ecert_tls_init ();

  context = g_option_context_new (_(parameters));
  g_option_context_set_summary (context, _(summary));
  command_help = describe_commands (program, commands);
  g_option_context_set_description (context, command_help);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command name belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s: %s\n", program, error->message);
      g_printerr (_("Run “%s --help” to see the options.\n"), program);
      return 2;
    }

  if (show_version)
    {
      g_autofree char *libraries = ecert_get_library_versions ();

      g_print ("%s %s\n%s\n", program, ecert_get_version (), libraries);
      return 0;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return 2;
    }

  command = find_command (commands, argv[1]);
  if (command == NULL)
    {
      /* Translators: the program, then the command typed. */
      g_printerr (_("%s: unknown command “%s”\n"), program, argv[1]);
      g_printerr (_("Run “%s --help” to see the commands.\n"), program);
      return 2;
    }

  return command->run (argc - 1, argv + 1);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/**
 * ecert_command_run_until_signal:
 *
 * Runs the main loop until SIGINT or SIGTERM: a service stops cleanly.
 */
void
ecert_command_run_until_signal (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint interrupt_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  guint terminate_id = g_unix_signal_add (SIGTERM, quit_cb, loop);

  g_main_loop_run (loop);
  g_source_remove (interrupt_id);
  g_source_remove (terminate_id);
}
