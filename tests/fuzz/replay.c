/* replay.c: runs the fuzz target over files, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static guint
replay_directory (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint count = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (file, &contents, &length, NULL))
        continue;

      g_print ("%s\n", file);
      LLVMFuzzerTestOneInput ((const guint8 *) contents, length);
      count++;
    }

  return count;
}

int
main (int   argc,
      char *argv[])
{
  guint count = 0;

  for (int i = 1; i < argc; i++)
    count += replay_directory (argv[i]);

  g_print ("replayed %u inputs\n", count);
  return count > 0 ? 0 : 1;
}
