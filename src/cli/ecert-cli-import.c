/* ecert-cli-import.c: `ecert import`, local files into the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"

/* Files stored per transaction: a commit waits for the disk, and a
 * directory of thousands of certificates should not wait thousands of
 * times. A file's line is printed only once its batch is committed. */
#define BATCH_SIZE 100

typedef struct
{
  EcertCache *cache;
  EcertTrustStore *trust;
  GPtrArray  *lines;       /* what to print once the batch is committed */
  guint       in_batch;
  guint       batch_stored;
  guint       batch_duplicates;
  guint       stored;
  guint       duplicates;
  guint       rejected;
} Import;

/* Forgets the batch after a rollback: none of it was stored. */
static void
drop_batch (Import *import)
{
  g_ptr_array_set_size (import->lines, 0);
  import->in_batch = 0;
  import->batch_stored = 0;
  import->batch_duplicates = 0;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Every regular file under @path, in name order, so that a run is
 * repeatable; hidden files and folders are left out. */
static gboolean
collect_files (const char  *path,
               GPtrArray   *files,
               GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return TRUE;
    }

  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (name[0] != '.')
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!collect_files (child, files, error))
            return FALSE;
        }
      else if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_strdup (child));
    }

  return TRUE;
}

static gboolean
flush_batch (Import *import)
{
  g_autoptr(GError) error = NULL;
  gboolean committed = TRUE;

  if (import->in_batch == 0)
    return TRUE;

  if (!ecert_cache_commit (import->cache, &error))
    {
      g_printerr ("ecert import: %s\n", error->message);
      committed = FALSE;
    }
  else
    {
      for (guint i = 0; i < import->lines->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (import->lines, i));
      import->stored += import->batch_stored;
      import->duplicates += import->batch_duplicates;
    }

  drop_batch (import);
  return committed;
}

static void
reject (Import     *import,
        const char *path,
        const char *reason)
{
  /* Translators: the first %s is a file, the second why it was not imported */
  g_printerr (_("%s: rejected: %s\n"), path, reason);
  import->rejected++;
}

/* Stores one file in the open batch; returns FALSE when the cache itself
 * failed, which ends the import. */
static gboolean
import_file (Import     *import,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(EcertImportResult) result = NULL;
  g_autofree char *number = NULL;
  g_autofree char *message = NULL;

  if (import->in_batch == 0 && !ecert_cache_begin (import->cache, &error))
    {
      g_printerr ("ecert import: %s\n", error->message);
      return FALSE;
    }
  import->in_batch++;

  result = ecert_import_file (import->cache, import->trust, file, NULL);
  /* The number is the issuer's, the reason may quote the document: each
   * stays on the file's line. */
  number = ecert_text_sanitize (result->number != NULL ? result->number : _("(no number)"),
                                ECERT_TEXT_ONE_LINE);
  message = ecert_text_sanitize (result->message, ECERT_TEXT_ONE_LINE);

  switch (result->outcome)
    {
    case ECERT_IMPORT_REJECTED:
    case ECERT_IMPORT_NOT_STORED:
      reject (import, path, message);
      break;

    case ECERT_IMPORT_DUPLICATE:
      import->batch_duplicates++;
      g_ptr_array_add (import->lines, g_strdup_printf (_("%s: duplicate of %s, already in the "
                                                         "cache"), path, number));
      break;

    case ECERT_IMPORT_STORED:
    default:
      import->batch_stored++;
      /* Translators: a file, a certificate number, then a verdict such as "Valid signature" */
      g_ptr_array_add (import->lines, g_strdup_printf (_("%s: stored %s (%s)"), path, number,
                                                       message));
      break;
    }

  if (import->in_batch >= BATCH_SIZE)
    return flush_batch (import);
  return TRUE;
}

int
ecert_cli_import (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE|FOLDER…"));
  g_autoptr(EcertCache) cache = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cache_path = NULL;
  g_autofree char *trust_dir = NULL;
  g_auto(GStrv) trust_options = NULL;
  g_autoptr(EcertTrustStore) trust = NULL;
  g_autoptr(GError) trust_error = NULL;
  Import import = { 0 };
  gboolean failed = FALSE;
  const GOptionEntry entries[] = {
    ecert_cli_option (ECERT_CLI_OPTION_CACHE, &cache_path),
    ecert_cli_option (ECERT_CLI_OPTION_TRUST, &trust_options),
    ecert_cli_option (ECERT_CLI_OPTION_TRUST_DIR, &trust_dir),
    G_OPTION_ENTRY_NULL
  };

  if (!ecert_cli_parse_command (context,
                                _("Verify certificate files and store them in the local cache. "
                                  "Folders are read with everything in them. Each file is "
                                  "reported as stored (with its signature verdict), duplicate or "
                                  "rejected; exits with 2 when a file was rejected."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc < 2)
    return ecert_cli_usage_error (_("ecert import: name the certificate files or folders to "
                                    "import\n"));

  trust = ecert_cli_open_trust_store (trust_dir, trust_options, &trust_error);
  if (trust == NULL)
    return ecert_cli_report_error ("import", trust_error);

  cache = ecert_cli_open_cache (cache_path, "import");
  if (cache == NULL)
    return ECERT_EXIT_USAGE_OR_INPUT;

  import.cache = cache;
  import.trust = trust;
  import.lines = lines;

  for (int i = 1; i < argc && !failed; i++)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;

      if (!collect_files (argv[i], files, &error))
        {
          reject (&import, argv[i], error->message);
          continue;
        }

      for (guint j = 0; j < files->len && !failed; j++)
        failed = !import_file (&import, g_ptr_array_index (files, j));
    }

  if (!failed)
    failed = !flush_batch (&import);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u stored, ", "%u stored, ", import.stored),
           import.stored);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u duplicate, ", "%u duplicates, ", import.duplicates),
           import.duplicates);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u rejected\n", "%u rejected\n", import.rejected),
           import.rejected);

  return failed || import.rejected > 0 ? ECERT_EXIT_USAGE_OR_INPUT : ECERT_EXIT_OK;
}
