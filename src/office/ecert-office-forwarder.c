/* ecert-office-forwarder.c: desks' inquiries and replies, taken to the country's hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A desk delivers its inquiry to its office with the number it chose;
 * the upstream worker hands it on to the hub under that same number. The
 * queued envelopes are taken in the leader's transaction and marked
 * forwarded in it: an instance killed after the hub took one but before
 * its commit leaves it queued, and the next leader's delivery is then
 * refused for a number the hub already holds: asked, the hub says it has
 * it. So the hub holds each inquiry once. Then the worker asks the hub where
 * each forwarded envelope stands, for the desk's own tracking requests.
 */

#define G_LOG_DOMAIN "ecert-office"

#include "config.h"

#include "ecert-office-forwarder.h"

/* Envelopes taken to the hub per transaction. */
#define FORWARD_BATCH 50

typedef struct
{
  EcertOfficeStore *store;
  EcertHubClient   *client;
  GPtrArray        *queued;    /* (element-type EcertEnvelope) */
  GPtrArray        *tracked;   /* (element-type utf8) */
  guint             next;
  char             *fault;     /* the hub's refusal of the envelope being delivered */
  gboolean          in_transaction;
} Forwarding;

static void
forwarding_free (Forwarding *forwarding)
{
  if (forwarding->in_transaction)
    ecert_office_store_rollback (forwarding->store);
  g_clear_object (&forwarding->store);
  g_clear_object (&forwarding->client);
  g_clear_pointer (&forwarding->queued, g_ptr_array_unref);
  g_clear_pointer (&forwarding->tracked, g_ptr_array_unref);
  g_free (forwarding->fault);
  g_free (forwarding);
}

static void track_next (GTask *task);
static void deliver_next (GTask *task);

/* Records what the hub said of the envelope being delivered, and goes on
 * to the next one. */
static void
record_and_continue (GTask                *task,
                     EcertTrackingInfo     state,
                     const char           *message)
{
  Forwarding *forwarding = g_task_get_task_data (task);
  EcertEnvelope *envelope = forwarding->queued->pdata[forwarding->next];
  g_autoptr(GError) error = NULL;

  if (!ecert_office_store_set_outgoing (forwarding->store, envelope->header->hub_delivery_number,
                                        state, message, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  forwarding->next++;
  deliver_next (task);
}

/* After a fault: an envelope the hub already holds under its number was
 * taken by an earlier delivery (of an instance killed before its commit);
 * one it does not know was refused. */
static void
known_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  Forwarding *forwarding = g_task_get_task_data (task);
  g_autoptr(EcertEnvelopeHeader) header = NULL;
  g_autoptr(GError) error = NULL;

  header = ecert_hub_client_get_envelope_tracking_info_finish (ECERT_HUB_CLIENT (source), result,
                                                              &error);
  if (header == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (header->tracking_info == ECERT_TRACKING_INFO_ENVELOPE_NOT_EXISTS ||
      header->tracking_info == ECERT_TRACKING_INFO_UNKNOWN)
    record_and_continue (task, ECERT_TRACKING_INFO_FAILED_DELIVERY, forwarding->fault);
  else
    record_and_continue (task, header->tracking_info, header->hub_delivery_error_message);
}

static void
delivered_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Forwarding *forwarding = g_task_get_task_data (task);
  EcertEnvelope *envelope = forwarding->queued->pdata[forwarding->next];
  g_autoptr(EcertEnvelopeHeader) header = NULL;
  g_autoptr(GError) error = NULL;

  header = ecert_hub_client_deliver_country_response_finish (ECERT_HUB_CLIENT (source), result,
                                                            &error);
  if (header != NULL)
    {
      record_and_continue (task, header->tracking_info, header->hub_delivery_error_message);
      return;
    }
  if (!g_error_matches (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT))
    {
      /* Rolled back: still queued for the next run. */
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  g_free (forwarding->fault);
  forwarding->fault = g_strdup (error->message);
  ecert_hub_client_get_envelope_tracking_info_async (forwarding->client,
                                                     envelope->header->hub_delivery_number,
                                                     g_task_get_cancellable (task), known_cb,
                                                     task);
}

static void
deliver_next (GTask *task)
{
  Forwarding *forwarding = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  EcertEnvelope *envelope;

  if (forwarding->next < forwarding->queued->len)
    {
      envelope = forwarding->queued->pdata[forwarding->next];
      ecert_hub_client_deliver_country_response_async (forwarding->client, envelope->header,
                                                       envelope->content,
                                                       g_task_get_cancellable (task),
                                                       delivered_cb, task);
      return;
    }

  forwarding->in_transaction = FALSE;
  if (!ecert_office_store_commit (forwarding->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  forwarding->tracked = ecert_office_store_list_tracked (forwarding->store, &error);
  if (forwarding->tracked == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  forwarding->next = 0;
  track_next (task);
}

/* Records where one envelope stands, in a transaction of the leader's. */
static gboolean
record_tracking (Forwarding                 *forwarding,
                 const EcertEnvelopeHeader  *header,
                 const char                 *number,
                 GError                    **error)
{
  if (!ecert_office_store_begin_leading (forwarding->store, error))
    return FALSE;
  if (!ecert_office_store_set_outgoing (forwarding->store, number, header->tracking_info,
                                        header->hub_delivery_error_message, error) ||
      !ecert_office_store_commit (forwarding->store, error))
    {
      ecert_office_store_rollback (forwarding->store);
      return FALSE;
    }
  return TRUE;
}

static void
tracked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Forwarding *forwarding = g_task_get_task_data (task);
  const char *number = forwarding->tracked->pdata[forwarding->next];
  g_autoptr(EcertEnvelopeHeader) header = NULL;
  g_autoptr(GError) error = NULL;

  header = ecert_hub_client_get_envelope_tracking_info_finish (ECERT_HUB_CLIENT (source), result,
                                                              &error);
  if (header == NULL && !g_error_matches (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (header != NULL && header->tracking_info != ECERT_TRACKING_INFO_PENDING_DELIVERY &&
      !record_tracking (forwarding, header, number, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  forwarding->next++;
  track_next (g_steal_pointer (&task));
}

static void
track_next (GTask *task)
{
  Forwarding *forwarding = g_task_get_task_data (task);

  if (forwarding->next >= forwarding->tracked->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  ecert_hub_client_get_envelope_tracking_info_async (forwarding->client,
                                                     forwarding->tracked->pdata[forwarding->next],
                                                     g_task_get_cancellable (task), tracked_cb,
                                                     task);
}

/**
 * ecert_office_forward_async:
 * @store: the leader's connection to the office's database
 * @client: the country's hub
 *
 * Hands the envelopes desks queued on to the hub, then asks the hub
 * where the unsettled ones stand.
 */
void
ecert_office_forward_async (EcertOfficeStore    *store,
                            EcertHubClient      *client,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Forwarding *forwarding = g_new0 (Forwarding, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *country = NULL;

  g_task_set_source_tag (task, ecert_office_forward_async);
  forwarding->store = g_object_ref (store);
  forwarding->client = g_object_ref (client);
  g_task_set_task_data (task, forwarding, (GDestroyNotify) forwarding_free);

  if (!ecert_office_store_begin_leading (store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  forwarding->in_transaction = TRUE;
  forwarding->queued = ecert_office_store_take_queued (store, FORWARD_BATCH, &error);
  if (forwarding->queued != NULL && forwarding->queued->len > 0)
    country = ecert_office_store_get_value (store, ECERT_OFFICE_STORE_COUNTRY_KEY, &error);
  if (forwarding->queued == NULL || error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* From the office's country: the NPPO the hub knows. */
  for (guint i = 0; i < forwarding->queued->len; i++)
    {
      EcertEnvelope *envelope = forwarding->queued->pdata[i];

      g_free (envelope->header->from);
      envelope->header->from = g_strdup (country);
    }

  deliver_next (task);
}

gboolean
ecert_office_forward_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
