/* ecert-arrival-watch.c: hearing of arrivals at an office as they happen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A desk connected to an office keeps one request for headers waiting
 * there (ECERT_OFFICE_WAIT_HEADER): the office answers it as soon as
 * something arrives for the desk, or empty when the wait is over. The
 * watch asks again at once after an empty answer, and after an arrival
 * pauses until its owner has fetched what arrived and resumes it, so that
 * the owner's fetch (its own sync, with its own progress) does the work.
 *
 * When the office cannot be reached the watch says so once
 * (EcertArrivalWatch::unreachable), tries again after a pause that doubles
 * up to ECERT_ARRIVAL_WATCH_MAX_BACKOFF_S, and says so again when it is
 * back (::reachable); whatever waited meanwhile is then an arrival, so the
 * desk catches up. A server that answers an empty list at once, as a hub
 * does, is asked again only after the wait it should have held: the watch
 * never becomes a busy loop.
 */

#define G_LOG_DOMAIN "ecert-hub-client"

#include "config.h"

#include "ecert-arrival-watch.h"
#include "ecert-envelope-header-list.h"
#include "ecert-error.h"

struct _EcertArrivalWatch
{
  GObject         parent_instance;

  EcertHubClient *client;
  guint           wait_s;
  GCancellable   *cancellable;   /* the request waiting, or NULL */
  guint           pause_id;      /* before the next request, or 0 */
  gboolean        running;
  gboolean        paused;        /* after an arrival, until resumed */
  guint           backoff_s;
  GError         *error;         /* why the office cannot be reached */
  gint64          asked_at;
};

G_DEFINE_FINAL_TYPE (EcertArrivalWatch, ecert_arrival_watch, G_TYPE_OBJECT)

enum
{
  ARRIVED,
  WAITED,
  UNREACHABLE,
  REACHABLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void ask (EcertArrivalWatch *self);

static gboolean
pause_over_cb (gpointer user_data)
{
  EcertArrivalWatch *self = user_data;

  self->pause_id = 0;
  ask (self);
  return G_SOURCE_REMOVE;
}

static void
ask_after (EcertArrivalWatch *self,
           guint              seconds)
{
  g_clear_handle_id (&self->pause_id, g_source_remove);
  self->pause_id = g_timeout_add_seconds (seconds, pause_over_cb, self);
}

static void
became_unreachable (EcertArrivalWatch *self,
                    GError            *error)
{
  gboolean first = self->error == NULL;

  g_clear_error (&self->error);
  self->error = error;
  self->backoff_s = first ? 1 : MIN (self->backoff_s * 2, ECERT_ARRIVAL_WATCH_MAX_BACKOFF_S);
  g_debug ("The office cannot be reached (%s); asking again in %u s", error->message,
           self->backoff_s);
  if (first)
    g_signal_emit (self, signals[UNREACHABLE], 0, self->error);
  ask_after (self, self->backoff_s);
}

static void
headers_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(EcertArrivalWatch) self = user_data;
  g_autoptr(EcertEnvelopeHeaderList) headers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 answered_in_us = g_get_monotonic_time () - self->asked_at;

  headers = ecert_hub_client_get_import_envelope_headers_finish (ECERT_HUB_CLIENT (source), result,
                                                                 &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->running)
    return;
  g_clear_object (&self->cancellable);

  if (headers == NULL)
    {
      became_unreachable (self, g_steal_pointer (&error));
      return;
    }

  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      self->backoff_s = 0;
      g_signal_emit (self, signals[REACHABLE], 0);
    }

  if (ecert_envelope_header_list_get_length (headers) > 0)
    {
      self->paused = TRUE;
      g_signal_emit (self, signals[ARRIVED], 0, ecert_envelope_header_list_get_length (headers));
      return;
    }

  /* Empty long before the wait was over: not an office holding requests. */
  if (answered_in_us < (gint64) self->wait_s * G_USEC_PER_SEC / 2)
    ask_after (self, self->wait_s);
  else
    ask (self);
  g_signal_emit (self, signals[WAITED], 0);
}

static void
ask (EcertArrivalWatch *self)
{
  if (!self->running || self->paused || self->cancellable != NULL)
    return;

  g_clear_handle_id (&self->pause_id, g_source_remove);
  self->cancellable = g_cancellable_new ();
  self->asked_at = g_get_monotonic_time ();
  ecert_hub_client_wait_for_import_envelope_headers_async (self->client, self->wait_s,
                                                           self->cancellable, headers_cb,
                                                           g_object_ref (self));
}

static void
ecert_arrival_watch_dispose (GObject *object)
{
  EcertArrivalWatch *self = ECERT_ARRIVAL_WATCH (object);

  ecert_arrival_watch_stop (self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ecert_arrival_watch_parent_class)->dispose (object);
}

static void
ecert_arrival_watch_finalize (GObject *object)
{
  EcertArrivalWatch *self = ECERT_ARRIVAL_WATCH (object);

  g_clear_error (&self->error);

  G_OBJECT_CLASS (ecert_arrival_watch_parent_class)->finalize (object);
}

static void
ecert_arrival_watch_class_init (EcertArrivalWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ecert_arrival_watch_dispose;
  object_class->finalize = ecert_arrival_watch_finalize;

  /**
   * EcertArrivalWatch::arrived:
   * @pending: how many envelopes wait for the desk
   *
   * Something waits for the desk. The watch asks no more until
   * ecert_arrival_watch_resume().
   */
  signals[ARRIVED] = g_signal_new ("arrived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * EcertArrivalWatch::waited:
   *
   * A wait ended with nothing for the desk: the office answers. Said about
   * once per wait, so that an owner can look at what it holds itself (an
   * outbox written by another program) without a timer of its own.
   */
  signals[WAITED] = g_signal_new ("waited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EcertArrivalWatch::unreachable:
   * @error: why
   *
   * The office could not be asked; emitted once, on the first failure after
   * it last answered. The watch keeps trying.
   */
  signals[UNREACHABLE] = g_signal_new ("unreachable", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_ERROR);

  /**
   * EcertArrivalWatch::reachable:
   *
   * The office answers again after ::unreachable.
   */
  signals[REACHABLE] = g_signal_new ("reachable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ecert_arrival_watch_init (EcertArrivalWatch *self)
{
}

/**
 * ecert_arrival_watch_new:
 * @client: the connection to the office
 * @wait_seconds: how long the office is asked to hold each request
 *
 * Returns: (transfer full): a watch, not started
 */
EcertArrivalWatch *
ecert_arrival_watch_new (EcertHubClient *client,
                         guint           wait_seconds)
{
  EcertArrivalWatch *self;

  g_return_val_if_fail (ECERT_IS_HUB_CLIENT (client), NULL);
  g_return_val_if_fail (wait_seconds > 0, NULL);

  self = g_object_new (ECERT_TYPE_ARRIVAL_WATCH, NULL);
  self->client = g_object_ref (client);
  self->wait_s = wait_seconds;
  return self;
}

EcertHubClient *
ecert_arrival_watch_get_client (EcertArrivalWatch *self)
{
  g_return_val_if_fail (ECERT_IS_ARRIVAL_WATCH (self), NULL);

  return self->client;
}

/**
 * ecert_arrival_watch_start:
 *
 * Starts asking; what already waits is an arrival at once.
 */
void
ecert_arrival_watch_start (EcertArrivalWatch *self)
{
  g_return_if_fail (ECERT_IS_ARRIVAL_WATCH (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->paused = FALSE;
  ask (self);
}

/**
 * ecert_arrival_watch_resume:
 *
 * What ::arrived announced was fetched (or the attempt ended): wait for
 * the next arrival.
 */
void
ecert_arrival_watch_resume (EcertArrivalWatch *self)
{
  g_return_if_fail (ECERT_IS_ARRIVAL_WATCH (self));

  self->paused = FALSE;
  ask (self);
}

/**
 * ecert_arrival_watch_retry_now:
 *
 * While the office cannot be reached, tries again now rather than after
 * the pause (a person pressed Retry).
 */
void
ecert_arrival_watch_retry_now (EcertArrivalWatch *self)
{
  g_return_if_fail (ECERT_IS_ARRIVAL_WATCH (self));

  if (self->pause_id == 0)
    return;
  self->backoff_s = 0;
  ask (self);
}

/**
 * ecert_arrival_watch_stop:
 *
 * Stops asking; the request waiting is given up.
 */
void
ecert_arrival_watch_stop (EcertArrivalWatch *self)
{
  g_return_if_fail (ECERT_IS_ARRIVAL_WATCH (self));

  self->running = FALSE;
  g_clear_handle_id (&self->pause_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/**
 * ecert_arrival_watch_get_error:
 *
 * Returns: (nullable): why the office cannot be reached, or %NULL while it
 *   answers
 */
const GError *
ecert_arrival_watch_get_error (EcertArrivalWatch *self)
{
  g_return_val_if_fail (ECERT_IS_ARRIVAL_WATCH (self), NULL);

  return self->error;
}
