/* ecert-office-check.c: a paper certificate's number, checked at the office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A number not in the desk's cache may be at the office all the same: in
 * another desk's scope, or not yet delivered to this one. The office is
 * asked for every certificate it holds under the number; each is verified
 * by this desk against its own anchors and stored as received from the
 * office, but not as a delivery to this desk, which it acknowledges only
 * when its own sync brings it, and
 * the check is written in the office's shared log, found or not, so that
 * a number checked at several desks and never found is seen at all of
 * them.
 */

#define G_LOG_DOMAIN "ecert-desk"

#include "config.h"

#include <string.h>

#include "ecert-cache-sync-store.h"
#include "ecert-content.h"
#include "ecert-error.h"
#include "ecert-hub-office.h"
#include "ecert-importer.h"
#include "ecert-office-check.h"

typedef struct
{
  EcertCache      *cache;
  EcertTrustStore *trust;
  char            *number;
  GPtrArray       *envelopes;   /* (element-type EcertEnvelope) */
  GPtrArray       *results;     /* (element-type EcertImportResult) */
} Check;

static void
check_free (Check *check)
{
  g_clear_object (&check->cache);
  g_clear_object (&check->trust);
  g_free (check->number);
  g_clear_pointer (&check->envelopes, g_ptr_array_unref);
  g_clear_pointer (&check->results, g_ptr_array_unref);
  g_free (check);
}

static gboolean
found_any (GPtrArray *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      const EcertImportResult *result = g_ptr_array_index (results, i);

      if (result->outcome == ECERT_IMPORT_STORED || result->outcome == ECERT_IMPORT_DUPLICATE)
        return TRUE;
    }
  return FALSE;
}

static void
recorded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The check was made and its result stands; only the shared log missed
   * it, which the office's other desks can live without. */
  if (!ecert_hub_client_record_paper_check_finish (ECERT_HUB_CLIENT (source), result, &error))
    g_warning ("The paper check of %s could not be recorded at the office: %s", check->number,
               error->message);

  g_task_return_pointer (task, g_steal_pointer (&check->results),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Check *check = task_data;
  EcertHubClient *client = source_object;

  check->results = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_import_result_free);
  for (guint i = 0; i < check->envelopes->len; i++)
    {
      const EcertEnvelope *envelope = g_ptr_array_index (check->envelopes, i);
      g_autoptr(EcertCacheProvenance) provenance = NULL;
      g_autoptr(GBytes) document = NULL;
      g_autoptr(GError) error = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      document = ecert_content_decode_document (envelope->content, strlen (envelope->content),
                                                &error);
      if (document == NULL)
        {
          EcertImportResult *refused = g_new0 (EcertImportResult, 1);

          refused->path = g_strdup (envelope->header->hub_delivery_number);
          refused->outcome = ECERT_IMPORT_REJECTED;
          refused->number = g_strdup (envelope->header->nppo_certificate_number);
          refused->message = g_strdup (error->message);
          g_ptr_array_add (check->results, refused);
          continue;
        }

      provenance = ecert_cache_provenance_new_for_envelope (ecert_hub_client_get_address (client),
                                                            envelope->header, NULL);
      /* Lent to be read, not delivered to this desk (it may be outside its
       * scope): without the delivery number the cache owes the office no
       * acknowledgement, and a later delivery of it to this desk is stored
       * as a duplicate and acknowledged then. */
      g_clear_pointer (&provenance->delivery_number, g_free);
      g_ptr_array_add (check->results,
                       ecert_import_document (check->cache, check->trust, document,
                                              envelope->header->hub_delivery_number, provenance));
    }
  g_task_return_boolean (task, TRUE);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  EcertHubClient *client;
  GCancellable *cancellable;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  client = g_task_get_source_object (task);
  cancellable = g_task_get_cancellable (task);
  ecert_hub_client_record_paper_check_async (client, check->number, found_any (check->results),
                                             cancellable, recorded_cb, g_steal_pointer (&task));
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GTask) import = NULL;
  g_autoptr(GError) error = NULL;

  check->envelopes = ecert_hub_client_find_at_office_finish (ECERT_HUB_CLIENT (source), result,
                                                             &error);
  if (check->envelopes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Verifying is work for a thread; the task's data goes with it. */
  import = g_task_new (source, g_task_get_cancellable (task), imported_cb,
                       g_object_ref (task));
  g_task_set_source_tag (import, found_cb);
  g_task_set_task_data (import, check, NULL);
  g_task_run_in_thread (import, import_in_thread);
}

/**
 * ecert_office_check_async:
 * @client: the connection to the desk's office
 * @cache: the desk's cache, where what is found is stored
 * @trust: the desk's anchors, against which it is verified
 * @number: the number on the paper, as typed or read
 *
 * Asks the office for @number, verifies and stores what it holds, and
 * records the check in the office's log. Finish with
 * ecert_office_check_finish().
 */
void
ecert_office_check_async (EcertHubClient      *client,
                          EcertCache          *cache,
                          EcertTrustStore     *trust,
                          const char          *number,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Check *check;

  g_return_if_fail (ECERT_IS_HUB_CLIENT (client));
  g_return_if_fail (ECERT_IS_CACHE (cache));
  g_return_if_fail (ECERT_IS_TRUST_STORE (trust));
  g_return_if_fail (number != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_office_check_async);
  check = g_new0 (Check, 1);
  check->cache = g_object_ref (cache);
  check->trust = g_object_ref (trust);
  check->number = g_strdup (number);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);

  ecert_hub_client_find_at_office_async (client, number, cancellable, found_cb,
                                         g_steal_pointer (&task));
}

/**
 * ecert_office_check_finish:
 *
 * Returns: (transfer full) (element-type EcertImportResult): what became of
 *   each certificate the office holds under the number (stored, already in
 *   the cache, rejected); none when the office holds none. %NULL with
 *   @error set when the office could not be asked:
 *   %ECERT_ERROR_NOT_AN_OFFICE when the desk talks to a hub
 */
GPtrArray *
ecert_office_check_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ecert_office_check_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
