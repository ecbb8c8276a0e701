/* ecert-cli-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <stdio.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "ecert-cli-common.h"

/**
 * ecert_cli_read_document:
 * @path: a file, or "-" for standard input
 *
 * Reads a certificate as a hub would deliver it: the XML itself, or base64
 * of it.
 *
 * Returns: (transfer full): the document's exact bytes, or %NULL with @error
 */
GBytes *
ecert_cli_read_document (const char  *path,
                         GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GInputStream) input = NULL;
  gsize length;
  const char *data;

  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

      input = g_unix_input_stream_new (0, FALSE);
      if (g_output_stream_splice (memory, input, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                  NULL, error) < 0)
        return NULL;
      contents = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
    }
  else
    {
      file = g_file_new_for_commandline_arg (path);
      contents = g_file_load_bytes (file, NULL, NULL, error);
      if (contents == NULL)
        return NULL;
    }

  data = g_bytes_get_data (contents, &length);
  return ecert_content_decode_document (data, length, error);
}

EcertCertificate *
ecert_cli_load_certificate (const char  *path,
                            GError     **error)
{
  g_autoptr(GBytes) document = ecert_cli_read_document (path, error);

  if (document == NULL)
    return NULL;

  return ecert_certificate_new_from_bytes (document, NULL, error);
}

/* Writes @text to @stream as g_print() would, in the terminal's encoding,
 * but with control and bidi characters shown as <U+XXXX>: errors quote
 * documents, hubs word their faults, paths come from folders, and none of
 * them may act on the terminal. Line feeds and tabs are ours and stay.
 * JSON escapes such characters itself (see ecert_cli_json_print()). */
static void
print_shown (FILE       *stream,
             const char *text)
{
  g_autofree char *shown = ecert_text_sanitize (text, ECERT_TEXT_MULTI_LINE);
  g_autofree char *converted = NULL;
  const char *charset;

  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (shown, -1, charset, "UTF-8", "?", NULL, NULL, NULL);

  if (fputs (converted != NULL ? converted : shown, stream) != EOF)
    fflush (stream);
}

static void
print_shown_to_stdout (const char *text)
{
  print_shown (stdout, text);
}

static void
print_shown_to_stderr (const char *text)
{
  print_shown (stderr, text);
}

/**
 * ecert_cli_print_safely:
 *
 * Makes g_print() and g_printerr() show control and bidi characters
 * rather than pass them to the terminal, whatever the command prints.
 */
void
ecert_cli_print_safely (void)
{
  g_set_print_handler (print_shown_to_stdout);
  g_set_printerr_handler (print_shown_to_stderr);
}

/* The terminal commands `ecert` itself sends, such as the carriage return
 * that redraws a progress bar: they go around ecert_cli_print_safely(). */
void
ecert_cli_print_terminal_control (const char *sequence)
{
  if (fputs (sequence, stderr) != EOF)
    fflush (stderr);
}

/* Parses a command's options; on a mistake, says so and how to get help. */
gboolean
ecert_cli_parse_options (GOptionContext   *context,
                         int              *argc,
                         char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;

  g_printerr ("ecert: %s\n", error->message);
  g_printerr (_("Run “ecert COMMAND --help” to see the options of a command.\n"));
  return FALSE;
}

/**
 * ecert_cli_parse_command:
 * @summary: what the command does, for --help
 * @entries: the command's options, after those already added to @context
 *
 * Parses a command's options as ecert_cli_parse_options() does, once
 * @summary and @entries are added to @context.
 *
 * Returns: %FALSE when the command line is wrong, which was said
 */
gboolean
ecert_cli_parse_command (GOptionContext      *context,
                         const char          *summary,
                         const GOptionEntry  *entries,
                         int                 *argc,
                         char              ***argv)
{
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return ecert_cli_parse_options (context, argc, argv);
}

/* The options several commands take, worded once; each command points
 * them at its own variables. */
static const GOptionEntry shared_options[] = {
  [ECERT_CLI_OPTION_CACHE] = {
    "cache", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use this cache file instead of the default one"), N_("FILE") },
  [ECERT_CLI_OPTION_TRUST_DIR] = {
    "trust-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the trust store in DIR (DIR/CC/*.pem) instead of the user’s"), N_("DIR") },
  [ECERT_CLI_OPTION_TRUST] = {
    "trust", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Trust the anchors in FILE for the exporting country CC"), N_("CC=FILE") },
};

/**
 * ecert_cli_option:
 * @option: one of the options several commands take
 * @arg_data: where the option's value goes, as #GOptionEntry's arg_data
 *
 * Returns: the option's entry, for a command's table of options
 */
GOptionEntry
ecert_cli_option (EcertCliOption option,
                  gpointer       arg_data)
{
  GOptionEntry entry;

  g_return_val_if_fail ((gsize) option < G_N_ELEMENTS (shared_options), shared_options[0]);

  entry = shared_options[option];
  entry.arg_data = arg_data;
  return entry;
}

/**
 * ecert_cli_report_error:
 * @command: the command's name, for the message
 *
 * Says why @command cannot go on, as "ecert COMMAND: why".
 *
 * Returns: %ECERT_EXIT_USAGE_OR_INPUT, for the command to return
 */
int
ecert_cli_report_error (const char   *command,
                        const GError *error)
{
  g_printerr ("ecert %s: %s\n", command, error->message);
  return ECERT_EXIT_USAGE_OR_INPUT;
}

/**
 * ecert_cli_usage_error:
 * @format: the message, naming the command and ending in a newline
 *
 * Says how the command was called wrongly, or what of its input it cannot
 * take, on standard error.
 *
 * Returns: %ECERT_EXIT_USAGE_OR_INPUT, for the command to return
 */
int
ecert_cli_usage_error (const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s", message);
  return ECERT_EXIT_USAGE_OR_INPUT;
}

/**
 * ecert_cli_join_words:
 * @words: (array zero-terminated=1): words from the command line
 *
 * The words as one text, separated by spaces. The shell hands them over
 * as bytes in the terminal's encoding: UTF-8 is taken as it is, the
 * encoding of a locale that is not UTF-8 is converted, and other bytes
 * are refused rather than guessed at, so that nothing is searched for
 * that the user did not type.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when the words
 *   are not valid text
 */
char *
ecert_cli_join_words (char **words)
{
  g_autofree char *joined = g_strjoinv (" ", words);

  if (g_utf8_validate (joined, -1, NULL))
    return g_steal_pointer (&joined);

  if (!g_get_charset (NULL))
    return g_locale_to_utf8 (joined, -1, NULL, NULL, NULL);

  return NULL;
}

GBytes *
ecert_cli_read_file (const char  *path,
                     GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return g_file_load_bytes (file, NULL, NULL, error);
}

/* --trust CC=FILE, repeatable: anchors held in memory for this run. */
gboolean
ecert_cli_add_trust_options (EcertTrustStore  *trust,
                             char            **options,
                             GError          **error)
{
  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (options[i], "=", 2);
      g_autoptr(GBytes) pem = NULL;
      g_autoptr(GPtrArray) added = NULL;

      if (g_strv_length (parts) != 2)
        {
          g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                       _("--trust takes COUNTRY=FILE, not “%s”"), options[i]);
          return FALSE;
        }

      pem = ecert_cli_read_file (parts[1], error);
      if (pem == NULL)
        return FALSE;

      added = ecert_trust_store_add_pem (trust, parts[0], pem, error);
      if (added == NULL)
        {
          g_prefix_error (error, "%s: ", parts[1]);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * ecert_cli_open_cache:
 * @path: (nullable): the --cache option, or %NULL for the default
 * @command: the command's name, for messages
 *
 * Opens the cache; says why not, or that a damaged one was replaced.
 *
 * Returns: (transfer full) (nullable): the cache
 */
EcertCache *
ecert_cli_open_cache (const char *path,
                      const char *command)
{
  g_autoptr(GError) error = NULL;
  EcertCache *cache = ecert_cache_open (path, &error);
  const GError *notice;

  if (cache == NULL)
    {
      ecert_cli_report_error (command, error);
      return NULL;
    }

  notice = ecert_cache_get_recovery_notice (cache);
  if (notice != NULL)
    g_printerr ("ecert %s: %s\n", command, notice->message);
  return cache;
}

/**
 * ecert_cli_open_trust_store:
 * @trust_dir: (nullable): --trust-dir
 * @trust_options: (nullable): --trust CC=FILE, repeated
 *
 * The anchors a command judges signatures with: a directory when given;
 * --trust alone means exactly those anchors, nothing of the user's;
 * otherwise the user's own store.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
EcertTrustStore *
ecert_cli_open_trust_store (const char  *trust_dir,
                            char       **trust_options,
                            GError     **error)
{
  g_autoptr(EcertTrustStore) trust = NULL;

  if (trust_dir != NULL)
    trust = ecert_trust_store_new_for_directory (trust_dir, error);
  else if (trust_options != NULL)
    trust = ecert_trust_store_new_in_memory ();
  else
    {
      g_autofree char *directory = ecert_trust_store_get_default_directory ();
      trust = ecert_trust_store_new_for_directory (directory, error);
    }

  if (trust == NULL || !ecert_cli_add_trust_options (trust, trust_options, error))
    return NULL;

  return g_steal_pointer (&trust);
}
