/* cache-desk.c: uses a cache the way the window does, until told to stop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   cache-desk CACHE
 *
 * Opens the cache once and keeps it open, as the window does for hours,
 * while other processes open, write and close the same file: it searches
 * and counts (the list), reads a certificate's record (the view), verifies
 * one again (which rewrites its verdict), and stores certificates of its own
 * (an import by drag and drop), over and over until standard input closes.
 * Every error is printed and makes the exit status 1; at the end it prints
 * "stored NUMBER" for each certificate it stored, then "operations N".
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ecert-core.h"

typedef struct
{
  EcertCache *cache;
  GPtrArray  *stored;
  guint       operations;
  guint       errors;
} Desk;

static void
report (Desk       *desk,
        const char *what,
        GError     *error)
{
  desk->errors++;
  g_printerr ("cache-desk: %s: %s\n", what, error != NULL ? error->message : "failed");
}

static void
search_and_read (Desk       *desk,
                 const char *words)
{
  g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  ecert_cache_query_set_text (query, words);
  if (!ecert_cache_count (desk->cache, query, &n_rows, NULL, &error))
    {
      report (desk, "count", error);
      return;
    }

  rows = ecert_cache_search (desk->cache, query, 0, 50, NULL, &error);
  if (rows == NULL)
    {
      report (desk, "search", error);
      return;
    }

  if (rows->len > 0)
    {
      EcertCacheRow *row = g_ptr_array_index (rows, g_random_int_range (0, rows->len));
      g_autoptr(EcertCacheRecord) record = ecert_cache_get_record (desk->cache,
                                                                    ecert_cache_row_get_id (row),
                                                                    &error);

      if (record == NULL)
        report (desk, "record", error);
      else if (!ecert_cache_set_verification (desk->cache, ecert_cache_row_get_id (row),
                                              g_random_boolean () ? "unsigned" : "untrusted",
                                              "verified again", NULL, NULL, &error))
        report (desk, "verify again", error);
    }
}

static void
store_own (Desk *desk)
{
  g_autoptr(EcertCacheIndexEntry) entry = g_new0 (EcertCacheIndexEntry, 1);
  g_autoptr(EcertCacheProvenance) provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_FILE);
  g_autofree char *number = g_strdup_printf ("DESK-%u-%u", (guint) getpid (), desk->stored->len);
  g_autofree char *text = g_strdup_printf ("<certificate number='%s'>kiwifruit</certificate>",
                                           number);
  g_autoptr(GBytes) document = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  entry->number = g_strdup (number);
  entry->status_code = g_strdup ("70");
  entry->export_country = g_strdup ("NZ");
  entry->commodity = g_strdup ("Kiwifruit");
  provenance->file_path = g_strdup_printf ("/desk/%s.xml", number);
  if (!ecert_cache_store (desk->cache, entry, document, provenance, NULL, NULL, NULL, &error))
    report (desk, "store", error);
  else
    g_ptr_array_add (desk->stored, g_steal_pointer (&number));
}

static gboolean
open_cache (Desk       *desk,
            const char *path)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&desk->cache);
  desk->cache = ecert_cache_open (path, &error);
  if (desk->cache == NULL)
    {
      report (desk, "open", error);
      return FALSE;
    }
  if (ecert_cache_get_recovery_notice (desk->cache) != NULL)
    report (desk, "open", (GError *) ecert_cache_get_recovery_notice (desk->cache));
  return TRUE;
}

static gboolean
input_closed (void)
{
  GPollFD input = { .fd = 0, .events = G_IO_IN | G_IO_HUP };

  return g_poll (&input, 1, 0) > 0;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const words[] = { "kiwi", "NZ-2026", "apples", "", "desk" };
  Desk desk = { 0 };

  if (argc != 2)
    {
      g_printerr ("usage: cache-desk CACHE\n");
      return 2;
    }

  if (!open_cache (&desk, argv[1]))
    return 1;
  desk.stored = g_ptr_array_new_with_free_func (g_free);

  while (!input_closed ())
    {
      search_and_read (&desk, words[desk.operations % G_N_ELEMENTS (words)]);
      if (desk.operations % 8 == 0)
        store_own (&desk);
      desk.operations++;
      /* Events from the main loop (the cache's "changed" signal) are what
       * the window would handle between two reads. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  for (guint i = 0; i < desk.stored->len; i++)
    g_print ("stored %s\n", (const char *) desk.stored->pdata[i]);
  g_print ("operations %u\n", desk.operations);

  g_ptr_array_unref (desk.stored);
  g_clear_object (&desk.cache);
  return desk.errors > 0 ? 1 : 0;
}
