/* ecert-inquiry-delivery.c: queueing and delivering inquiries off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outbox writes the cache from its callbacks, on the thread that runs
 * it: the whole run happens in a worker thread with its own main context,
 * where the hub client is built too, so that its connections belong to
 * that context and the window never waits for a commit.
 */

#define G_LOG_DOMAIN "ecert-inquiry-delivery"

#include "config.h"

#include <string.h>

#include "ecert-hub-connection.h"
#include "ecert-inquiry-delivery.h"
#include "ecert-task.h"

typedef struct
{
  GSettings           *settings;
  char                *passphrase;
  EcertCache          *cache;
  EcertInquiry        *inquiry;
  gint64               draft_id;
  EcertOutboxProgress  progress;
  gboolean             queued;
} Delivery;

static void
delivery_free (Delivery *delivery)
{
  g_clear_object (&delivery->settings);
  if (delivery->passphrase != NULL)
    memset (delivery->passphrase, 0, strlen (delivery->passphrase));
  g_free (delivery->passphrase);
  g_clear_object (&delivery->cache);
  g_clear_object (&delivery->inquiry);
  g_free (delivery);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **stored = user_data;

  *stored = g_object_ref (result);
}

/* Runs the worker's own context until @result arrives. */
static GAsyncResult *
wait_for_result (GMainContext  *context,
                 GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (context, TRUE);
  return *result;
}

static EcertHubClient *
build_client (Delivery      *delivery,
              GMainContext  *context,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ecert_hub_connection_new_client_async (NULL, delivery->settings, delivery->passphrase,
                                         cancellable, store_result_cb, &result);
  return ecert_hub_connection_new_client_finish (wait_for_result (context, &result), error);
}

static gboolean
flush_outbox (EcertOutbox   *outbox,
              GMainContext  *context,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ecert_outbox_flush_async (outbox, cancellable, store_result_cb, &result);
  return ecert_outbox_flush_finish (outbox, wait_for_result (context, &result), error);
}

static gboolean
run (Delivery      *delivery,
     GMainContext  *context,
     GCancellable  *cancellable,
     GError       **error)
{
  g_autoptr(EcertHubClient) client = NULL;
  g_autoptr(EcertOutbox) outbox = NULL;
  gboolean flushed;

  client = build_client (delivery, context, cancellable, error);
  if (client == NULL)
    return FALSE;

  outbox = ecert_outbox_new (client, delivery->cache);
  if (delivery->inquiry != NULL)
    {
      if (!ecert_outbox_queue (outbox, delivery->inquiry, NULL, delivery->draft_id, NULL, error))
        return FALSE;
      delivery->queued = TRUE;
      /* A person pressed Send: whatever waits goes now, not after a pause. */
      ecert_outbox_set_use_backoff (outbox, FALSE);
    }

  flushed = flush_outbox (outbox, context, cancellable, error);
  delivery->progress = *ecert_outbox_get_progress (outbox);
  return flushed;
}

static void
delivery_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Delivery *delivery = task_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  GError *error = NULL;
  gboolean done;

  g_main_context_push_thread_default (context);
  done = run (delivery, context, cancellable, &error);
  g_main_context_pop_thread_default (context);

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ecert_inquiry_delivery_run_async:
 * @passphrase: (nullable): the passphrase of the settings' PKCS#12 file
 *   kept by the session, or %NULL for the one in the keyring
 * @inquiry: (nullable): a valid inquiry to queue first, or %NULL to
 *   deliver what is queued and refresh the tracking of what was sent
 * @draft_id: the draft @inquiry was written in, deleted when it is queued
 *
 * Queues @inquiry in the outbox of the hub the settings name, and delivers
 * the outbox.
 */
void
ecert_inquiry_delivery_run_async (GSettings           *settings,
                                  const char          *passphrase,
                                  EcertCache          *cache,
                                  EcertInquiry        *inquiry,
                                  gint64               draft_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Delivery *delivery;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (ECERT_IS_CACHE (cache));
  g_return_if_fail (inquiry == NULL || ECERT_IS_INQUIRY (inquiry));

  delivery = g_new0 (Delivery, 1);
  delivery->settings = g_object_ref (settings);
  delivery->passphrase = g_strdup (passphrase);
  delivery->cache = g_object_ref (cache);
  delivery->inquiry = inquiry != NULL ? g_object_ref (inquiry) : NULL;
  delivery->draft_id = draft_id;

  ecert_task_run_in_thread (NULL, ecert_inquiry_delivery_run_async, delivery_thread,
                            delivery, (GDestroyNotify) delivery_free,
                            cancellable, callback, user_data);
}

/**
 * ecert_inquiry_delivery_run_finish:
 * @progress: (out) (optional): what the flush did
 * @queued: (out) (optional): whether the inquiry was queued, also when
 *   the hub could not be reached afterwards
 *
 * Returns: %TRUE when the hub was reached
 */
gboolean
ecert_inquiry_delivery_run_finish (GAsyncResult         *result,
                                   EcertOutboxProgress  *progress,
                                   gboolean             *queued,
                                   GError              **error)
{
  Delivery *delivery;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  delivery = g_task_get_task_data (G_TASK (result));
  if (progress != NULL)
    *progress = delivery->progress;
  if (queued != NULL)
    *queued = delivery->queued;
  return g_task_propagate_boolean (G_TASK (result), error);
}
