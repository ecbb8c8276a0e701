/* ecert-trust-directory.c: the desk's trust anchors, as they are in their directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One store of anchors for the whole application, read from the directory
 * (DIR/CC/NAME.pem) and read again when the directory changed: `ecert trust
 * add`, or an administrator by hand, may change it while the application
 * runs, and a certificate checked after that is checked with what is there.
 *
 * A store is replaced, never changed in place: a fetch or a verification
 * running in a worker thread keeps reading the anchors it started with.
 */

#define G_LOG_DOMAIN "ecert-trust-directory"

#include "config.h"

#include "ecert-trust-directory.h"

struct _EcertTrustDirectory
{
  GObject          parent_instance;

  char            *path;
  EcertTrustStore *store;
  /* The directory as it was when @store was read from it. */
  char            *stamp;
};

G_DEFINE_FINAL_TYPE (EcertTrustDirectory, ecert_trust_directory, G_TYPE_OBJECT)

/**
 * ecert_trust_directory_new:
 * @path: a directory of country directories; created when first read
 */
EcertTrustDirectory *
ecert_trust_directory_new (const char *path)
{
  EcertTrustDirectory *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ECERT_TYPE_TRUST_DIRECTORY, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
ecert_trust_directory_get_path (EcertTrustDirectory *self)
{
  g_return_val_if_fail (ECERT_IS_TRUST_DIRECTORY (self), NULL);

  return self->path;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Names, sizes and times of what a folder holds, @depth levels down. */
static void
describe_folder (GString    *stamp,
                 const char *path,
                 guint       depth)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GFileInfo *info;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (children == NULL)
    return;

  while (g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) && info != NULL)
    {
      const char *name = g_file_info_get_name (info);

      guint64 seconds = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
      guint32 microseconds = g_file_info_get_attribute_uint32 (info,
                                                               G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);

      g_ptr_array_add (lines,
                       g_strdup_printf ("%s %" G_GOFFSET_FORMAT " %" G_GUINT64_FORMAT ".%06u",
                                        name, g_file_info_get_size (info), seconds,
                                        microseconds));
      if (depth > 1 && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          g_autoptr(GString) inner = g_string_new (NULL);

          describe_folder (inner, child, depth - 1);
          g_ptr_array_add (lines, g_string_free (g_steal_pointer (&inner), FALSE));
        }
    }

  /* The order files are listed in is the file system's business. */
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (stamp, "%s\n", (const char *) g_ptr_array_index (lines, i));
}

/* The directory as it is now: its country folders and their files. */
static char *
describe (EcertTrustDirectory *self)
{
  g_autoptr(GString) stamp = g_string_new (NULL);

  describe_folder (stamp, self->path, 2);
  return g_string_free (g_steal_pointer (&stamp), FALSE);
}

static void
replace_store (EcertTrustDirectory *self,
               EcertTrustStore     *store,
               char                *stamp)
{
  g_set_object (&self->store, store);
  g_free (self->stamp);
  self->stamp = stamp;
}

/**
 * ecert_trust_directory_get_store:
 *
 * The anchors as they are in the directory now: read again when it changed
 * since they were last read. Hand the store to a worker with a reference
 * of its own: the next call may replace it.
 *
 * Returns: (transfer none): the trust anchors, or %NULL with @error set
 *   when the directory cannot be created or read
 */
EcertTrustStore *
ecert_trust_directory_get_store (EcertTrustDirectory  *self,
                                 GError              **error)
{
  g_autofree char *stamp = NULL;
  g_autoptr(EcertTrustStore) store = NULL;

  g_return_val_if_fail (ECERT_IS_TRUST_DIRECTORY (self), NULL);

  /* Described before reading: a change in between is read next time. */
  stamp = describe (self);
  if (self->store != NULL && g_strcmp0 (stamp, self->stamp) == 0)
    return self->store;

  store = ecert_trust_store_new_for_directory (self->path, error);
  if (store == NULL)
    return NULL;

  replace_store (self, store, g_steal_pointer (&stamp));
  return self->store;
}

/**
 * ecert_trust_directory_add_anchors:
 * @country: the exporting country the anchors vouch for
 * @pem: one or more PEM certificates
 *
 * Adds anchors to the directory; what is checked from now on is checked
 * with them.
 *
 * Returns: (transfer full) (element-type EcertTrustAnchor): the anchors
 *   added (none when all of them were there already), or %NULL with
 *   @error set
 */
GPtrArray *
ecert_trust_directory_add_anchors (EcertTrustDirectory  *self,
                                   const char           *country,
                                   GBytes               *pem,
                                   GError              **error)
{
  g_autoptr(EcertTrustStore) store = NULL;
  GPtrArray *added;

  g_return_val_if_fail (ECERT_IS_TRUST_DIRECTORY (self), NULL);

  store = ecert_trust_store_new_for_directory (self->path, error);
  if (store == NULL)
    return NULL;

  added = ecert_trust_store_add_pem (store, country, pem, error);
  if (added != NULL)
    replace_store (self, store, describe (self));
  return added;
}

/**
 * ecert_trust_directory_remove_anchor:
 * @country: the country the anchor is filed under
 * @name: its name, as ecert_trust_store_list() gives it
 *
 * Returns: %TRUE when removed, %FALSE with @error set
 */
gboolean
ecert_trust_directory_remove_anchor (EcertTrustDirectory  *self,
                                     const char           *country,
                                     const char           *name,
                                     GError              **error)
{
  g_autoptr(EcertTrustStore) store = NULL;

  g_return_val_if_fail (ECERT_IS_TRUST_DIRECTORY (self), FALSE);

  store = ecert_trust_store_new_for_directory (self->path, error);
  if (store == NULL || !ecert_trust_store_remove (store, country, name, error))
    return FALSE;

  replace_store (self, store, describe (self));
  return TRUE;
}

static void
ecert_trust_directory_finalize (GObject *object)
{
  EcertTrustDirectory *self = ECERT_TRUST_DIRECTORY (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->stamp, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (ecert_trust_directory_parent_class)->finalize (object);
}

static void
ecert_trust_directory_class_init (EcertTrustDirectoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ecert_trust_directory_finalize;
}

static void
ecert_trust_directory_init (EcertTrustDirectory *self)
{
}
