/* cache-crash-child.c: writes to a cache until it is killed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   cache-crash-child CACHE RUN
 *   cache-crash-child CACHE RUN draft
 *
 * Stores small batches of certificates, each batch in one transaction, and
 * prints "committed NUMBER..." once a batch's commit has returned, so that
 * whoever kills this process knows what must have survived. Each batch also
 * stores again a certificate of the previous run (the same bytes: it must
 * not be stored twice) and writes the other tables a sync or an editor
 * would write.
 *
 * With "draft", it edits one inquiry draft instead, as a form's autosave
 * does: each save is a new reason, "edit RUN-N", and it prints
 * "saved edit RUN-N" once the save has returned.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ecert-core.h"

static gboolean
store (EcertCache  *cache,
       const char  *number,
       gint64      *row,
       GError     **error)
{
  g_autoptr(EcertCacheIndexEntry) entry = g_new0 (EcertCacheIndexEntry, 1);
  g_autoptr(EcertCacheProvenance) provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_HUB);
  /* The bytes depend on the number only: storing it again is a duplicate. */
  g_autofree char *text = g_strdup_printf ("<certificate number='%s'>%s</certificate>", number,
                                           "padding to fill a page or two of documents ......");
  g_autoptr(GBytes) document = g_bytes_new (text, strlen (text));

  entry->number = g_strdup (number);
  entry->status_code = g_strdup ("70");
  entry->export_country = g_strdup ("NZ");
  entry->consignor = g_strdup_printf ("Consignor of %s", number);
  entry->commodity = g_strdup ("Kiwifruit");
  provenance->hub_url = g_strdup ("https://hub.crash.test/");
  provenance->delivery_number = g_strdup_printf ("D-%s", number);
  return ecert_cache_store (cache, entry, document, provenance, NULL, NULL, row, error);
}

static const guint8 photo[] = { 0xff, 0xd8, 0xff, 0xe0, 'p', 'h', 'o', 't', 'o' };

/* Reopens the draft an earlier run left, as the editor would, and goes on
 * editing it. */
static int
edit_draft (EcertCache *cache,
            guint       run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = ecert_cache_list_drafts (cache, &error);
  g_autoptr(EcertInquiry) inquiry = NULL;
  gint64 id = 0;

  if (drafts == NULL)
    goto failed;
  if (drafts->len > 0)
    {
      EcertCacheDraft *draft = drafts->pdata[0];

      id = draft->id;
      inquiry = ecert_inquiry_new_from_draft (draft->content, &error);
      if (inquiry == NULL)
        goto failed;
    }
  else
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (photo, sizeof photo);

      inquiry = ecert_inquiry_new ();
      ecert_inquiry_set_certificate_number (inquiry, "NZ-2026-000417");
      ecert_inquiry_set_export_country (inquiry, "NZ");
      if (!ecert_inquiry_add_attachment (inquiry, "seal.jpg", bytes, &error))
        goto failed;
    }

  for (guint n = 0; ; n++)
    {
      g_autofree char *text = g_strdup_printf ("edit %u-%u", run, n);
      g_autoptr(GBytes) content = NULL;

      ecert_inquiry_set_reason (inquiry, "en", text);
      ecert_inquiry_set_inspector_name (inquiry, text);
      content = ecert_inquiry_to_draft (inquiry);
      if (!ecert_cache_save_draft (cache, &id, "inquiry", 0, content, &error))
        goto failed;
      printf ("saved %s\n", text);
      fflush (stdout);
    }

failed:
  fprintf (stderr, "cache-crash-child: %s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = NULL;
  g_autoptr(GRand) rand = NULL;
  guint run;

  if (argc != 3 && !(argc == 4 && g_str_equal (argv[3], "draft")))
    {
      fprintf (stderr, "usage: cache-crash-child CACHE RUN [draft]\n");
      return 2;
    }
  run = (guint) atoi (argv[2]);
  rand = g_rand_new_with_seed (run);

  cache = ecert_cache_open (argv[1], &error);
  if (cache == NULL)
    {
      fprintf (stderr, "cache-crash-child: %s\n", error->message);
      return 3;
    }
  if (ecert_cache_get_recovery_notice (cache) != NULL)
    {
      fprintf (stderr, "cache-crash-child: %s\n", ecert_cache_get_recovery_notice (cache)->message);
      return 4;
    }
  printf ("ready\n");
  fflush (stdout);

  if (argc == 4)
    return edit_draft (cache, run);

  for (guint batch = 0; ; batch++)
    {
      g_autoptr(GString) line = g_string_new ("committed");
      g_autofree char *earlier = g_strdup_printf ("CRASH-%03u-%05u-0", run > 0 ? run - 1 : 0,
                                                  batch);
      g_autoptr(GBytes) draft = g_bytes_new_static ("draft", 5);
      guint size = g_rand_int_range (rand, 1, 5);
      gint64 row = 0, draft_id = 0;

      if (!ecert_cache_begin (cache, &error))
        break;

      for (guint k = 0; k < size; k++)
        {
          g_autofree char *number = g_strdup_printf ("CRASH-%03u-%05u-%u", run, batch, k);

          if (!store (cache, number, &row, &error))
            break;
          g_string_append_printf (line, " %s", number);
        }
      if (error == NULL && run > 0)
        store (cache, earlier, NULL, &error);
      if (error == NULL)
        ecert_cache_set_verification (cache, row, "unsigned", NULL, NULL, NULL, &error);
      if (error == NULL)
        ecert_cache_set_sync_value (cache, "https://hub.crash.test/", "last-batch", line->str,
                                    &error);
      if (error == NULL && batch % 3 == 0)
        ecert_cache_save_draft (cache, &draft_id, "inquiry", row, draft, &error);

      if (error != NULL || !ecert_cache_commit (cache, &error))
        break;

      printf ("%s\n", line->str);
      fflush (stdout);
    }

  fprintf (stderr, "cache-crash-child: %s\n", error->message);
  return 1;
}
