/* ecert-trust-store.c: trust anchors, per exporting country
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An anchor vouches for the certificates of one country only: an anchor
 * filed under NZ never makes a certificate exported from AR trusted. On disk
 * the store is a directory of country directories, DIR/CC/NAME.pem, so an
 * administrator can also inspect it by hand.
 */

#define G_LOG_DOMAIN "ecert-trust-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>

#include "ecert-country.h"
#include "ecert-error.h"
#include "ecert-trust-store.h"
#include "ecert-x509.h"

struct _EcertTrustStore
{
  GObject     parent_instance;

  /* NULL for a store that lives only in memory (`ecert verify --trust`). */
  char       *directory;
  /* country code -> GPtrArray of EcertTrustAnchor */
  GHashTable *anchors;

  /* Conclusions drawn from the anchors (by the verifier), dropped whenever
   * the anchors change. Verifications run in worker threads, hence the lock. */
  GMutex      cache_lock;
  GHashTable *cache;
};

typedef struct
{
  gpointer       value;
  GDestroyNotify release;
} CacheEntry;

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  entry->release (entry->value);
  g_free (entry);
}

static void
clear_cache (EcertTrustStore *self)
{
  g_mutex_lock (&self->cache_lock);
  g_hash_table_remove_all (self->cache);
  g_mutex_unlock (&self->cache_lock);
}

/**
 * ecert_trust_store_cache_lookup:
 * @key: what the conclusion is about
 *
 * Returns: (transfer full) (nullable): a reference to the value cached under
 *   @key, taken with g_atomic_rc_box_acquire(); %NULL when there is none
 */
gpointer
ecert_trust_store_cache_lookup (EcertTrustStore *self,
                                const char      *key)
{
  CacheEntry *entry;
  gpointer value = NULL;

  g_mutex_lock (&self->cache_lock);
  entry = g_hash_table_lookup (self->cache, key);
  if (entry != NULL)
    value = g_atomic_rc_box_acquire (entry->value);
  g_mutex_unlock (&self->cache_lock);

  return value;
}

/**
 * ecert_trust_store_cache_insert:
 * @value: (transfer full): a g_atomic_rc_box value
 * @release: releases one reference of @value
 *
 * Keeps a conclusion drawn from the current anchors until they change.
 */
void
ecert_trust_store_cache_insert (EcertTrustStore *self,
                                const char      *key,
                                gpointer         value,
                                GDestroyNotify   release)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  entry->value = value;
  entry->release = release;
  g_mutex_lock (&self->cache_lock);
  g_hash_table_replace (self->cache, g_strdup (key), entry);
  g_mutex_unlock (&self->cache_lock);
}

G_DEFINE_FINAL_TYPE (EcertTrustStore, ecert_trust_store, G_TYPE_OBJECT)

void
ecert_trust_anchor_free (EcertTrustAnchor *anchor)
{
  if (anchor == NULL)
    return;

  g_free (anchor->country);
  g_free (anchor->name);
  g_free (anchor->subject);
  g_clear_pointer (&anchor->not_after, g_date_time_unref);
  g_clear_pointer (&anchor->der, g_bytes_unref);
  g_free (anchor);
}

static EcertTrustAnchor *
anchor_copy (const EcertTrustAnchor *anchor)
{
  EcertTrustAnchor *copy = g_new0 (EcertTrustAnchor, 1);

  copy->country = g_strdup (anchor->country);
  copy->name = g_strdup (anchor->name);
  copy->subject = g_strdup (anchor->subject);
  copy->not_after = anchor->not_after != NULL ? g_date_time_ref (anchor->not_after) : NULL;
  copy->der = g_bytes_ref (anchor->der);
  return copy;
}

/**
 * ecert_trust_store_get_default_directory:
 *
 * Returns: (transfer full): where the user's anchors live
 */
char *
ecert_trust_store_get_default_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "ecert-inspector", "trust", NULL);
}

static GPtrArray *
anchors_for (EcertTrustStore *self,
             const char      *country,
             gboolean         create)
{
  GPtrArray *anchors = g_hash_table_lookup (self->anchors, country);

  if (anchors == NULL && create)
    {
      anchors = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_trust_anchor_free);
      g_hash_table_insert (self->anchors, g_strdup (country), anchors);
    }

  return anchors;
}

/* Checks a certificate can serve as an anchor and describes it. */
static EcertTrustAnchor *
anchor_new (const char     *country,
            const char     *name,
            gnutls_x509_crt_t certificate,
            GError        **error)
{
  g_autoptr(EcertTrustAnchor) anchor = g_new0 (EcertTrustAnchor, 1);
  gnutls_datum_t der = { NULL, 0 };
  int status;

  status = gnutls_x509_crt_export2 (certificate, GNUTLS_X509_FMT_DER, &der);
  if (status < 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_TRUST_STORE,
                   _("The certificate cannot be read: %s"), gnutls_strerror (status));
      return NULL;
    }

  anchor->country = g_strdup (country);
  anchor->der = g_bytes_new (der.data, der.size);
  gnutls_free (der.data);
  anchor->subject = ecert_x509_get_subject (certificate);
  anchor->not_after = ecert_x509_get_not_after (certificate);
  anchor->name = name != NULL ? g_strdup (name) : ecert_x509_get_fingerprint_name (certificate);

  return g_steal_pointer (&anchor);
}

static gboolean
add_anchors_from_pem (EcertTrustStore  *self,
                      const char       *country,
                      const char       *file_name,
                      GBytes           *pem,
                      GPtrArray        *added,
                      GError          **error)
{
  g_autoptr(GPtrArray) certificates = ecert_x509_import_pem (pem, error);
  GPtrArray *anchors;

  if (certificates == NULL)
    return FALSE;

  anchors = anchors_for (self, country, TRUE);
  for (guint i = 0; i < certificates->len; i++)
    {
      g_autofree char *name = NULL;
      EcertTrustAnchor *anchor;

      /* A file may bundle several anchors; name each after the file. */
      if (file_name != NULL)
        name = certificates->len == 1 ? g_strdup (file_name)
                                      : g_strdup_printf ("%s#%u", file_name, i + 1);

      anchor = anchor_new (country, name, g_ptr_array_index (certificates, i), error);
      if (anchor == NULL)
        return FALSE;

      if (added != NULL)
        g_ptr_array_add (added, anchor_copy (anchor));
      g_ptr_array_add (anchors, anchor);
    }

  return TRUE;
}

static gboolean
load_country (EcertTrustStore  *self,
              const char       *country,
              GError          **error)
{
  g_autofree char *path = g_build_filename (self->directory, country, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  const char *file_name;

  if (dir == NULL)
    return FALSE;

  while ((file_name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, file_name, NULL);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) pem = NULL;
      gsize length;

      if (!g_str_has_suffix (file_name, ".pem"))
        continue;

      if (!g_file_get_contents (file, &contents, &length, &local_error))
        {
          g_warning ("Trust anchor %s cannot be read: %s", file, local_error->message);
          continue;
        }

      pem = g_bytes_new_take (g_steal_pointer (&contents), length);
      /* One damaged file must not take the other anchors with it. */
      if (!add_anchors_from_pem (self, country, file_name, pem, NULL, &local_error))
        g_warning ("Trust anchor %s is not usable: %s", file, local_error->message);
    }

  return TRUE;
}

/**
 * ecert_trust_store_new_for_directory:
 * @directory: a directory of country directories (DIR/CC/NAME.pem); created
 *   when missing
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
EcertTrustStore *
ecert_trust_store_new_for_directory (const char  *directory,
                                     GError     **error)
{
  g_autoptr(EcertTrustStore) self = g_object_new (ECERT_TYPE_TRUST_STORE, NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (directory != NULL, NULL);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_TRUST_STORE,
                   _("The trust store %s cannot be created: %s"), directory,
                   g_strerror (saved_errno));
      return NULL;
    }

  self->directory = g_strdup (directory);
  dir = g_dir_open (directory, 0, error);
  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *country = ecert_country_code_normalize (name, NULL);

      /* Only directories named as countries hold anchors. */
      if (country == NULL || g_strcmp0 (country, name) != 0)
        continue;

      if (!load_country (self, country, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * ecert_trust_store_new_in_memory:
 *
 * Returns: (transfer full): an empty store that writes nothing to disk
 */
EcertTrustStore *
ecert_trust_store_new_in_memory (void)
{
  return g_object_new (ECERT_TYPE_TRUST_STORE, NULL);
}

/**
 * ecert_trust_store_get_directory:
 *
 * Returns: (nullable): where the store keeps its anchors
 */
const char *
ecert_trust_store_get_directory (EcertTrustStore *self)
{
  g_return_val_if_fail (ECERT_IS_TRUST_STORE (self), NULL);
  return self->directory;
}

static gboolean
write_anchor (EcertTrustStore   *self,
              EcertTrustAnchor  *anchor,
              GError           **error)
{
  g_autofree char *country_dir = g_build_filename (self->directory, anchor->country, NULL);
  g_autofree char *path = g_build_filename (country_dir, anchor->name, NULL);
  g_autofree char *pem = ecert_x509_der_to_pem (anchor->der);

  if (g_mkdir_with_parents (country_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_TRUST_STORE,
                   _("The trust store %s cannot be created: %s"), country_dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  /* Atomic: a crash leaves the old file or the new one, never half. */
  if (!g_file_set_contents (path, pem, -1, error))
    return FALSE;

  return TRUE;
}

/**
 * ecert_trust_store_add_pem:
 * @country: the exporting country the anchors vouch for
 * @pem: one or more PEM certificates
 *
 * Adds anchors; a store with a directory writes each to DIR/CC/. An anchor
 * already present for that country is not added twice.
 *
 * Returns: (transfer full) (element-type EcertTrustAnchor): the anchors
 *   added, or %NULL with @error set
 */
GPtrArray *
ecert_trust_store_add_pem (EcertTrustStore  *self,
                           const char       *country,
                           GBytes           *pem,
                           GError          **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_trust_anchor_free);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_trust_anchor_free);
  g_autofree char *code = NULL;
  g_autoptr(EcertTrustStore) scratch = ecert_trust_store_new_in_memory ();
  GPtrArray *existing;

  g_return_val_if_fail (ECERT_IS_TRUST_STORE (self), NULL);

  code = ecert_country_code_normalize (country, error);
  if (code == NULL)
    return NULL;

  /* Read everything first: a bundle with one bad certificate adds nothing. */
  if (!add_anchors_from_pem (scratch, code, NULL, pem, candidates, error))
    return NULL;

  existing = anchors_for (self, code, TRUE);
  for (guint i = 0; i < candidates->len; i++)
    {
      EcertTrustAnchor *candidate = g_ptr_array_index (candidates, i);
      gboolean duplicate = FALSE;

      for (guint j = 0; j < existing->len && !duplicate; j++)
        duplicate = g_bytes_equal (((EcertTrustAnchor *) g_ptr_array_index (existing, j))->der,
                                   candidate->der);
      if (duplicate)
        continue;

      if (self->directory != NULL && !write_anchor (self, candidate, error))
        return NULL;

      g_ptr_array_add (existing, anchor_copy (candidate));
      g_ptr_array_add (added, anchor_copy (candidate));
    }

  clear_cache (self);
  return g_steal_pointer (&added);
}

/**
 * ecert_trust_store_remove:
 * @country: the country the anchor is filed under
 * @name: its name, as ecert_trust_store_list() gives it
 *
 * Returns: %TRUE when removed, %FALSE with @error set
 */
gboolean
ecert_trust_store_remove (EcertTrustStore  *self,
                          const char       *country,
                          const char       *name,
                          GError          **error)
{
  GPtrArray *anchors;

  g_return_val_if_fail (ECERT_IS_TRUST_STORE (self), FALSE);

  anchors = anchors_for (self, country, FALSE);
  for (guint i = 0; anchors != NULL && i < anchors->len; i++)
    {
      EcertTrustAnchor *anchor = g_ptr_array_index (anchors, i);

      if (g_strcmp0 (anchor->name, name) != 0)
        continue;

      if (self->directory != NULL)
        {
          g_autofree char *path = g_build_filename (self->directory, country, name, NULL);

          if (g_unlink (path) != 0 && errno != ENOENT)
            {
              int saved_errno = errno;

              g_set_error (error, ECERT_ERROR, ECERT_ERROR_TRUST_STORE,
                           _("The trust anchor %s cannot be removed: %s"), path,
                           g_strerror (saved_errno));
              return FALSE;
            }
        }

      g_ptr_array_remove_index (anchors, i);
      clear_cache (self);
      return TRUE;
    }

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_TRUST_STORE,
               _("There is no trust anchor “%s” for %s"), name, country);
  return FALSE;
}

static int
compare_anchors (gconstpointer a,
                 gconstpointer b)
{
  const EcertTrustAnchor *first = *(EcertTrustAnchor **) a;
  const EcertTrustAnchor *second = *(EcertTrustAnchor **) b;
  int by_country = g_strcmp0 (first->country, second->country);

  return by_country != 0 ? by_country : g_strcmp0 (first->name, second->name);
}

/**
 * ecert_trust_store_list:
 *
 * Returns: (transfer full) (element-type EcertTrustAnchor): every anchor,
 *   by country, then name
 */
GPtrArray *
ecert_trust_store_list (EcertTrustStore *self)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_trust_anchor_free);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (ECERT_IS_TRUST_STORE (self), NULL);

  g_hash_table_iter_init (&iter, self->anchors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *anchors = value;

      for (guint i = 0; i < anchors->len; i++)
        g_ptr_array_add (all, anchor_copy (g_ptr_array_index (anchors, i)));
    }

  g_ptr_array_sort (all, compare_anchors);
  return all;
}

/**
 * ecert_trust_store_get_anchors:
 *
 * Returns: (transfer none) (nullable) (element-type EcertTrustAnchor): the
 *   anchors of @country
 */
GPtrArray *
ecert_trust_store_get_anchors (EcertTrustStore *self,
                               const char      *country)
{
  g_return_val_if_fail (ECERT_IS_TRUST_STORE (self), NULL);
  return anchors_for (self, country, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/**
 * ecert_trust_store_get_countries:
 *
 * Returns: (transfer full): the countries with at least one anchor, sorted
 */
char **
ecert_trust_store_get_countries (EcertTrustStore *self)
{
  g_autoptr(GPtrArray) countries = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, self->anchors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (((GPtrArray *) value)->len > 0)
        g_ptr_array_add (countries, g_strdup (key));
    }

  g_ptr_array_sort (countries, compare_strings);
  g_ptr_array_add (countries, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&countries), FALSE);
}

static void
ecert_trust_store_finalize (GObject *object)
{
  EcertTrustStore *self = ECERT_TRUST_STORE (object);

  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->anchors, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_mutex_clear (&self->cache_lock);

  G_OBJECT_CLASS (ecert_trust_store_parent_class)->finalize (object);
}

static void
ecert_trust_store_class_init (EcertTrustStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ecert_trust_store_finalize;
}

static void
ecert_trust_store_init (EcertTrustStore *self)
{
  self->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
  g_mutex_init (&self->cache_lock);
}
