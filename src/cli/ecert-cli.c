/* ecert-cli.c: the `ecert` command-line tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char        *name;
  const char        *summary;
  CommandFunc        run;
  const char *const *subcommands;
} Command;

/* Sub-commands that parse options of their own. */
static const char *const bench_subcommands[] = { "cache", "corpus", NULL };
static const char *const mail_subcommands[] = { "import", "fetch", NULL };

/* Each command parses its own options; the table ends with a NULL name. */
static const Command commands[] = {
  { "bench", N_("Measure how fast certificates are read and found"), ecert_cli_bench,
    bench_subcommands },
  { "check", N_("Check the number of a paper certificate, here and at the office"),
    ecert_cli_check },
  { "get", N_("Show a certificate from the local cache by its number"), ecert_cli_get },
  { "import", N_("Store certificate files in the local cache"), ecert_cli_import },
  { "inquiry", N_("Send inquiries about certificates and read the replies"), ecert_cli_inquiry },
  { "mail", N_("Store certificates pushed by mail: mail files, Maildirs, IMAP folders"),
    ecert_cli_mail, mail_subcommands },
  { "search", N_("Find certificates in the local cache"), ecert_cli_search },
  { "show", N_("Show a certificate as an inspector reads it"), ecert_cli_show },
  { "sign", N_("Sign a certificate with an XML signature"), ecert_cli_sign },
  { "sync", N_("Fetch, verify and store the envelopes pending on an exchange hub"), ecert_cli_sync },
  { "trust", N_("Manage the trust anchors of exporting countries"), ecert_cli_trust },
  { "validate", N_("Check certificates against the SPS schema"), ecert_cli_validate },
  { "verify", N_("Verify the signatures of certificates"), ecert_cli_verify },
  { NULL, NULL, NULL }
};

static const Command *
find_command (const char *name)
{
  for (const Command *command = commands; command->name != NULL; command++)
    {
      if (g_strcmp0 (command->name, name) == 0)
        return command;
    }

  return NULL;
}

/* The name the usage line of `ecert COMMAND --help` starts with:
 * GOptionContext prints the program's name there, and the program name
 * can be set only once, before the first context is parsed. The command
 * comes first, since the options of ecert itself end the program. */
static char *
name_program (int    argc,
              char **argv)
{
  const Command *command = argc > 1 ? find_command (argv[1]) : NULL;

  if (command == NULL)
    return g_strdup ("ecert");

  if (argc > 2 && command->subcommands != NULL &&
      g_strv_contains ((const char *const *) command->subcommands, argv[2]))
    return g_strdup_printf ("ecert %s %s", command->name, argv[2]);

  return g_strdup_printf ("ecert %s", command->name);
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (NULL);

  for (const Command *command = commands; command->name != NULL; command++)
    g_string_append_printf (text, "  %-12s %s\n", command->name, _(command->summary));

  if (text->len == 0)
    return g_string_free (text, TRUE);

  g_string_prepend (text, _("Commands:\n"));
  return g_string_free (text, FALSE);
}

static void
print_version (void)
{
  g_autofree char *libraries = ecert_get_library_versions ();

  g_print ("ecert %s\n%s\n", ecert_get_version (), libraries);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command_help = NULL;
  g_autofree char *program = name_program (argc, argv);
  gboolean show_version = FALSE;
  const Command *command;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version,
      N_("Print the version of ecert and of the libraries it uses"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_set_prgname (program);
  ecert_i18n_init ();
  ecert_tls_init ();
  ecert_cli_print_safely ();

  context = g_option_context_new (_("[COMMAND [ARGUMENT…]]"));
  g_option_context_set_summary (context,
                                _("Inspect, verify and exchange electronic sanitary and "
                                  "phytosanitary certificates."));
  command_help = describe_commands ();
  if (command_help != NULL)
    g_option_context_set_description (context, command_help);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command name belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ecert: %s\n", error->message);
      g_printerr (_("Run “ecert --help” to see the options.\n"));
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  if (show_version)
    {
      print_version ();
      return ECERT_EXIT_OK;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_printerr (_("ecert: unknown command “%s”\n"), argv[1]);
      g_printerr (_("Run “ecert --help” to see the commands.\n"));
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  return command->run (argc - 1, argv + 1);
}
