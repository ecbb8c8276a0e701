/* ecert-maildir.c: a Maildir, as a mail system delivers into it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Maildir keeps one message a file: delivered into tmp/, renamed into
 * new/, and moved to cur/ once a reader has taken it. The desk reads new/,
 * and moves a message to cur/ only once its certificates are stored, so a
 * reader stopped at any moment reads the same message again next time.
 */

#define G_LOG_DOMAIN "ecert-maildir"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ecert-error.h"
#include "ecert-maildir.h"

static gboolean
is_directory (const char *directory,
              const char *child)
{
  g_autofree char *path = g_build_filename (directory, child, NULL);

  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

/**
 * ecert_maildir_is_maildir:
 *
 * Whether @directory has the new/, cur/ and tmp/ folders of a Maildir.
 */
gboolean
ecert_maildir_is_maildir (const char *directory)
{
  return is_directory (directory, "new") && is_directory (directory, "cur") &&
         is_directory (directory, "tmp");
}

static int
compare_paths (gconstpointer first,
               gconstpointer second)
{
  return g_strcmp0 (*(char * const *) first, *(char * const *) second);
}

/**
 * ecert_maildir_list_new:
 *
 * Returns: (transfer full) (element-type utf8): the paths of the messages
 *   in new/, in the order of their names (the order of delivery), or %NULL
 *   with @error set
 */
GPtrArray *
ecert_maildir_list_new (const char  *directory,
                        GError     **error)
{
  g_autofree char *new_directory = g_build_filename (directory, "new", NULL);
  g_autoptr(GDir) dir = g_dir_open (new_directory, 0, error);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (paths, g_build_filename (new_directory, name, NULL));

  g_ptr_array_sort (paths, compare_paths);
  return g_steal_pointer (&paths);
}

/**
 * ecert_maildir_file_away:
 * @message_path: a message in new/
 * @seen: %TRUE to mark it seen (its certificates are stored), %FALSE to
 *   leave it unseen for a person to look at
 *
 * Moves the message from new/ to cur/ with the Maildir info ":2," and the
 * seen flag when asked, so that it is not read again.
 */
gboolean
ecert_maildir_file_away (const char  *message_path,
                         gboolean     seen,
                         GError     **error)
{
  g_autofree char *new_directory = g_path_get_dirname (message_path);
  g_autofree char *maildir = g_path_get_dirname (new_directory);
  g_autofree char *name = g_path_get_basename (message_path);
  g_autofree char *flagged = g_strconcat (name, seen ? ":2,S" : ":2,", NULL);
  g_autofree char *target = g_build_filename (maildir, "cur", flagged, NULL);

  if (g_rename (message_path, target) != 0)
    {
      int saved = errno;

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_MAIL_SERVER,
                   _("The message %s could not be moved to %s: %s"), message_path, target,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_maildir (const char  *directory,
              GError     **error)
{
  static const char * const folders[] = { "tmp", "new", "cur" };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (directory, folders[i], NULL);

      if (g_mkdir_with_parents (path, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("The Maildir folder %s could not be made: %s"), path, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

/* A name no other delivery takes: the time, a counter, the process and the
 * host, as Maildir asks; fixed widths, so that names sort in the order of
 * delivery. */
static char *
unique_name (void)
{
  static gint counter = 0;
  gint64 now = g_get_real_time ();

  return g_strdup_printf ("%" G_GINT64_FORMAT ".M%06" G_GINT64_FORMAT "Q%06dP%d.%s",
                          now / G_USEC_PER_SEC, now % G_USEC_PER_SEC,
                          g_atomic_int_add (&counter, 1), (int) getpid (), g_get_host_name ());
}

/**
 * ecert_maildir_deliver:
 * @directory: the Maildir, made when it is not there
 * @message: the message's bytes
 *
 * Delivers as a mail system does: written and flushed to tmp/, then renamed
 * into new/, so a reader never sees half a message.
 *
 * Returns: (transfer full): the path of the message in new/, or %NULL with
 *   @error set
 */
char *
ecert_maildir_deliver (const char  *directory,
                       GBytes      *message,
                       GError     **error)
{
  g_autofree char *name = unique_name ();
  g_autofree char *temporary = g_build_filename (directory, "tmp", name, NULL);
  g_autofree char *delivered = g_build_filename (directory, "new", name, NULL);

  if (!make_maildir (directory, error) ||
      !g_file_set_contents_full (temporary, g_bytes_get_data (message, NULL),
                                 g_bytes_get_size (message),
                                 G_FILE_SET_CONTENTS_DURABLE, 0600, error))
    return NULL;

  if (g_rename (temporary, delivered) != 0)
    {
      int saved = errno;

      g_unlink (temporary);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The message could not be delivered to %s: %s"), delivered,
                   g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&delivered);
}
