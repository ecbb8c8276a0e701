/* ecert-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
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

static char *
replace_all (char       *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  g_free (text);
  return g_strjoinv (to, parts);
}

/**
 * ecert_test_template:
 * @rsm: the SPSCertificate namespace of the version under test
 * @ram: its aggregates namespace
 * @udt: its unqualified data types namespace
 * @date_element: "DateTimeString" (ePhyto) or "DateTime" (EU TRACES)
 *
 * Returns: (transfer full): tests/data/full-certificate.xml.in filled in:
 *   every element the model reads, exported from NZ, issued
 *   2026-03-14T09:26:53+13:00, number NZ-2026-000417
 */
char *
ecert_test_template (const char *rsm,
                     const char *ram,
                     const char *udt,
                     const char *date_element)
{
  g_autofree char *path = g_build_filename (g_getenv ("ECERT_TEST_DATA_DIR"),
                                            "full-certificate.xml.in", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("Cannot read %s: %s", path, error->message);

  text = replace_all (text, "@RSM@", rsm);
  text = replace_all (text, "@RAM@", ram);
  text = replace_all (text, "@UDT@", udt);
  return replace_all (text, "@DATE@", date_element);
}

/**
 * ecert_test_certificate_variant:
 * @number: the certificate number to write
 * @status: the status code to write, e.g. "70" or "40"
 * @replaces: (nullable): the number the certificate replaces (ADRPN), or
 *   %NULL for a certificate that replaces none
 *
 * Returns: (transfer full): the template in version 17 with these values
 */
GBytes *
ecert_test_certificate_variant (const char *number,
                                const char *status,
                                const char *replaces)
{
  char *text = ecert_test_template (ECERT_TEST_RSM_NS, ECERT_TEST_RAM_NS, ECERT_TEST_UDT_NS,
                                    "DateTimeString");

  /* The replaced number first: the template's own number is a prefix of
   * nothing else. */
  text = replace_all (text, "<ram:Content>NZ-2026-000399</ram:Content>",
                      replaces != NULL ? "<ram:Content>@REPLACES@</ram:Content>" : "");
  if (replaces == NULL)
    text = replace_all (text, "<ram:Subject>ADRPN</ram:Subject>", "<ram:Subject>ADRPX</ram:Subject>");
  text = replace_all (text, "NZ-2026-000417", number);
  if (replaces != NULL)
    text = replace_all (text, "@REPLACES@", replaces);
  text = replace_all (text, "<ram:StatusCode>70</ram:StatusCode>",
                      status != NULL ? "<ram:StatusCode>@STATUS@</ram:StatusCode>" : "");
  if (status != NULL)
    text = replace_all (text, "@STATUS@", status);

  return g_bytes_new_take (text, strlen (text));
}

char *
ecert_test_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("ecert-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

/* Removes a directory the test made, with what is in it. */
void
ecert_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        ecert_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * ecert_test_each_hostile_vector:
 *
 * Calls @func with each of the defusedxml hostile documents; none where
 * the reference material is absent.
 */
void
ecert_test_each_hostile_vector (EcertTestVectorFunc func)
{
  g_autofree char *dir = ecert_test_reference_path ("vectors/signxml/defusedxml-test-data", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint seen = 0;

  if (dir == NULL)
    return;

  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      func (name, contents, length);
      seen++;
    }

  g_assert_cmpuint (seen, >=, 9);
}
