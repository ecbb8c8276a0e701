/* ecert-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>

#include "ecert-test-util.h"

/* The shared reference material (the real ePhyto sample, public XMLDSig
 * vectors, hostile XML) lives beside the project, not in it. A test that
 * needs it is skipped, visibly, where it is absent. */
char *
ecert_test_reference_path (const char *first_element,
                           ...)
{
  const char *root = g_getenv ("ECERT_REFERENCE_DIR");
  g_autofree char *relative = NULL;
  char *path;
  va_list args;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the reference material (ECERT_REFERENCE_DIR) is not available");
      return NULL;
    }

  va_start (args, first_element);
  relative = g_build_filename_valist (first_element, &args);
  va_end (args);

  path = g_build_filename (root, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip_printf ("%s is not available", path);
      g_clear_pointer (&path, g_free);
    }

  return path;
}

GBytes *
ecert_test_load_reference (const char *relative_path)
{
  g_autofree char *path = ecert_test_reference_path (relative_path, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (path == NULL)
    return NULL;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("Cannot read %s: %s", path, error->message);

  return g_bytes_new_take (contents, length);
}
