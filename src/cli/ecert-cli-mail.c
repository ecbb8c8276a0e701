/* ecert-cli-mail.c: `ecert mail`, certificates pushed by mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ecert mail import` reads mail files, mboxes and Maildirs;
 * `ecert mail fetch` reads an IMAP folder. Both store every certificate a
 * message carries, as the window does, and mark a message done only once
 * its certificates are stored.
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"

typedef struct
{
  guint messages;
  guint stored;
  guint duplicates;
  guint rejected;
} Tally;

static void
print_result (Tally                   *tally,
              const EcertImportResult *result)
{
  g_autofree char *path = ecert_text_sanitize (result->path, ECERT_TEXT_ONE_LINE);
  g_autofree char *number = ecert_text_sanitize (result->number != NULL ? result->number
                                                                        : _("(no number)"),
                                                 ECERT_TEXT_ONE_LINE);
  g_autofree char *message = ecert_text_sanitize (result->message, ECERT_TEXT_ONE_LINE);

  switch (result->outcome)
    {
    case ECERT_IMPORT_STORED:
      tally->stored++;
      g_print (_("%s: stored %s (%s)"), path, number, message);
      g_print ("\n");
      break;

    case ECERT_IMPORT_DUPLICATE:
      tally->duplicates++;
      g_print (_("%s: duplicate of %s, already in the cache"), path, number);
      g_print ("\n");
      break;

    case ECERT_IMPORT_REJECTED:
    case ECERT_IMPORT_NOT_STORED:
    default:
      tally->rejected++;
      g_printerr (_("%s: rejected: %s\n"), path, message);
      break;
    }
}

static void
print_message (Tally           *tally,
               EcertMailImport *import)
{
  tally->messages++;

  if (import->problem != NULL)
    {
      g_autofree char *label = ecert_text_sanitize (import->label, ECERT_TEXT_ONE_LINE);
      g_autofree char *problem = ecert_text_sanitize (import->problem, ECERT_TEXT_ONE_LINE);

      tally->rejected++;
      g_printerr (_("%s: rejected: %s\n"), label, problem);
    }

  for (guint i = 0; i < import->results->len; i++)
    print_result (tally, g_ptr_array_index (import->results, i));
}

static void
print_messages (Tally     *tally,
                GPtrArray *imports)
{
  for (guint i = 0; i < imports->len; i++)
    print_message (tally, g_ptr_array_index (imports, i));
}

static int
print_tally (const Tally *tally,
             gboolean     failed)
{
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u message: ", "%u messages: ", tally->messages),
           tally->messages);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u stored, ", "%u stored, ", tally->stored),
           tally->stored);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u duplicate, ", "%u duplicates, ", tally->duplicates),
           tally->duplicates);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u rejected\n", "%u rejected\n", tally->rejected),
           tally->rejected);

  return failed || tally->rejected > 0 ? ECERT_EXIT_USAGE_OR_INPUT : ECERT_EXIT_OK;
}

/* What both sub-commands store into, and the options that choose it. */
typedef struct
{
  char             *cache_path;
  char             *trust_dir;
  char            **trust_options;
  int               max_mib;
  EcertCache       *cache;
  EcertTrustStore  *trust;
} Store;

static void
store_clear (Store *store)
{
  g_free (store->cache_path);
  g_free (store->trust_dir);
  g_strfreev (store->trust_options);
  g_clear_object (&store->cache);
  g_clear_object (&store->trust);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Store, store_clear)

static void
store_add_options (Store          *store,
                   GOptionContext *context)
{
  const GOptionEntry entries[] = {
    ecert_cli_option (ECERT_CLI_OPTION_CACHE, &store->cache_path),
    ecert_cli_option (ECERT_CLI_OPTION_TRUST, &store->trust_options),
    ecert_cli_option (ECERT_CLI_OPTION_TRUST_DIR, &store->trust_dir),
    { "max-size", 0, 0, G_OPTION_ARG_INT, &store->max_mib,
      N_("Refuse messages larger than MIB mebibytes (25 unless set)"), N_("MIB") },
    G_OPTION_ENTRY_NULL
  };

  store->max_mib = ECERT_MAIL_DEFAULT_MAX_SIZE / (1024 * 1024);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static gsize
store_max_size (const Store *store)
{
  return (gsize) store->max_mib * 1024 * 1024;
}

/* Opens the trust store and the cache; says why not, as "ecert COMMAND: …". */
static gboolean
store_open (Store      *store,
            const char *command)
{
  g_autoptr(GError) error = NULL;

  store->trust = ecert_cli_open_trust_store (store->trust_dir, store->trust_options, &error);
  if (store->trust == NULL)
    {
      ecert_cli_report_error (command, error);
      return FALSE;
    }
  store->cache = ecert_cli_open_cache (store->cache_path, command);
  return store->cache != NULL;
}

/* Reads one path: a Maildir, or a mail file of one message or an mbox. */
static gboolean
import_path (EcertCache       *cache,
             EcertTrustStore  *trust,
             const char       *path,
             gsize             max_size,
             Tally            *tally,
             GError          **error)
{
  g_autoptr(GPtrArray) imports = NULL;

  if (ecert_maildir_is_maildir (path))
    imports = ecert_mail_import_maildir (cache, trust, path, max_size, NULL, error);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autoptr(GBytes) contents = g_file_load_bytes (file, NULL, NULL, error);

      if (contents != NULL)
        imports = ecert_mail_import_bytes (cache, trust, contents, path, max_size);
    }

  if (imports == NULL)
    return FALSE;
  print_messages (tally, imports);
  return TRUE;
}

static int
mail_import (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE|MBOX|MAILDIR…"));
  g_auto(Store) store = { 0 };
  g_autoptr(GError) error = NULL;
  Tally tally = { 0 };
  gboolean failed = FALSE;
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  store_add_options (&store, context);
  if (!ecert_cli_parse_command (context,
                                _("Store the certificates attached to mail messages: mail files "
                                  "(.eml), mbox files and Maildirs. A Maildir’s new messages are "
                                  "moved to cur/ once their certificates are stored, marked seen; "
                                  "a message with no certificate to read is moved there unseen. "
                                  "Exits with 2 when anything was rejected."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc < 2 || store.max_mib < 1)
    {
      g_printerr (_("ecert mail import: name the mail files, mboxes or Maildirs to read\n"));
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  if (!store_open (&store, "mail import"))
    return ECERT_EXIT_USAGE_OR_INPUT;

  for (int i = 1; i < argc; i++)
    {
      if (!import_path (store.cache, store.trust, argv[i], store_max_size (&store), &tally,
                        &error))
        {
          ecert_cli_report_error ("mail import", error);
          g_clear_error (&error);
          failed = TRUE;
        }
    }

  return print_tally (&tally, failed);
}

static char *
read_password (const char  *password_file,
               GError     **error)
{
  char *password = NULL;
  const char *from_environment = g_getenv ("ECERT_MAIL_PASSWORD");

  if (password_file == NULL)
    {
      if (from_environment == NULL)
        g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                             _("Give the mail password with --password-file FILE or in the environment variable ECERT_MAIL_PASSWORD"));
      return g_strdup (from_environment);
    }

  if (!g_file_get_contents (password_file, &password, NULL, error))
    return NULL;
  return g_strchomp (password);
}

static void
report_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  g_printerr (_("%u of %u messages read\n"), done, total);
}

static int
mail_fetch (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(Store) store = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *host = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *move_to = NULL;
  g_autofree char *ca_file = NULL;
  EcertImapAccount account = { 0 };
  gboolean starttls = FALSE;
  int port = 0;
  int batch = ECERT_MAIL_FETCH_BATCH;
  Tally tally = { 0 };
  const GOptionEntry entries[] = {
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch,
      N_("Store N messages per transaction, and mark them read together once it is committed "
         "(50 unless set)"), N_("N") },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, N_("The mail server"), N_("HOST") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("Its port (993, or 143 with --starttls, unless set)"), N_("PORT") },
    { "starttls", 0, 0, G_OPTION_ARG_NONE, &starttls,
      N_("Connect in plain and start TLS with STARTTLS, instead of TLS from the start"), NULL },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The user name"), N_("USER") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password from FILE (otherwise from ECERT_MAIL_PASSWORD)"), N_("FILE") },
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder,
      N_("The folder certificates arrive in (INBOX unless set)"), N_("FOLDER") },
    { "move-to", 0, 0, G_OPTION_ARG_STRING, &move_to,
      N_("Move each message to FOLDER once its certificates are stored"), N_("FOLDER") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Trust the server certificate's authorities in FILE instead of the system's"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  store_add_options (&store, context);
  if (!ecert_cli_parse_command (context,
                                _("Store the certificates attached to the unread messages of an "
                                  "IMAP folder. Each message is marked read, with the keyword "
                                  "$EcertImported, only once its certificates are stored; one "
                                  "with no certificate to read gets $EcertRejected and stays "
                                  "unread for a person to look at."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (host == NULL || user == NULL || port < 0 || port > G_MAXUINT16 ||
      store.max_mib < 1 || batch < 1)
    {
      g_printerr (_("ecert mail fetch: give at least --host and --user\n"));
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  password = read_password (password_file, &error);
  if (password == NULL)
    return ecert_cli_report_error ("mail fetch", error);
  account = (EcertImapAccount) { host, (guint16) port,
                                 starttls ? ECERT_IMAP_STARTTLS : ECERT_IMAP_TLS,
                                 user, password, folder, move_to, ca_file };

  if (!store_open (&store, "mail fetch"))
    return ECERT_EXIT_USAGE_OR_INPUT;

  imports = ecert_mail_fetch (store.cache, store.trust, &account, store_max_size (&store),
                              (guint) batch, report_progress, NULL, NULL, &error);

  if (imports == NULL)
    return ecert_cli_report_error ("mail fetch", error);

  print_messages (&tally, imports);
  return print_tally (&tally, FALSE);
}

int
ecert_cli_mail (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };

  if (argc >= 2 && g_strcmp0 (argv[1], "import") == 0)
    return mail_import (argc - 1, argv + 1);
  if (argc >= 2 && g_strcmp0 (argv[1], "fetch") == 0)
    return mail_fetch (argc - 1, argv + 1);

  context = g_option_context_new (_("import|fetch …"));
  if (!ecert_cli_parse_command (context,
                                _("Store certificates pushed by mail. “ecert mail import --help” "
                                  "describes reading mail files, mboxes and Maildirs, “ecert mail "
                                  "fetch --help” reading an IMAP folder."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  g_printerr (_("usage: ecert mail import FILE|MBOX|MAILDIR…\n"
                "       ecert mail fetch --host HOST --user USER [--password-file FILE]\n"));
  return ECERT_EXIT_USAGE_OR_INPUT;
}
