/* ecert-office-upstream.c: the office's one connection to the country's hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub knows one system per country and forgets an envelope once that
 * system acknowledges it, so of all the instances serving one office's
 * database exactly one pulls: the one that holds the database's upstream
 * lock (an advisory lock held by its session). Every other instance keeps
 * asking for the lock, and takes over within LEAD_RETRY_MS of the leader's
 * session ending (killed, stalled past the keepalives, or its database
 * restarted). The pulling itself is the desk's synchronisation, storing
 * into the office's database: stored, then acknowledged, never the other
 * way round.
 */

#define G_LOG_DOMAIN "ecert-office"

#include "config.h"

#include "ecert-office-forwarder.h"
#include "ecert-office-store.h"
#include "ecert-office-sync-store.h"
#include "ecert-office-upstream.h"

/* How often an instance that does not lead asks for the lock, and how
 * long it waits after the database could not be reached. */
#define LEAD_RETRY_MS 1000


/* How often the NPPOs' anchors are read again from the hub for the desks'
 * GetActiveNppos. */
#define ANCHORS_REFRESH_US (10 * 60 * G_USEC_PER_SEC)

struct _EcertOfficeUpstream
{
  GObject           parent_instance;

  char             *store_uri;
  EcertHubClient   *client;
  EcertTrustStore  *trust;
  guint             interval_ms;

  EcertOfficeStore *store;     /* the session that holds the lock, once leading */
  EcertSync        *sync;
  GCancellable     *cancellable;
  guint             timeout_id;
  gboolean          leading;
  gint64            anchors_read;  /* monotonic, 0 for never */
};

G_DEFINE_FINAL_TYPE (EcertOfficeUpstream, ecert_office_upstream, G_TYPE_OBJECT)

static void
ecert_office_upstream_dispose (GObject *object)
{
  EcertOfficeUpstream *self = ECERT_OFFICE_UPSTREAM (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->trust);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ecert_office_upstream_parent_class)->dispose (object);
}

static void
ecert_office_upstream_finalize (GObject *object)
{
  EcertOfficeUpstream *self = ECERT_OFFICE_UPSTREAM (object);

  g_free (self->store_uri);

  G_OBJECT_CLASS (ecert_office_upstream_parent_class)->finalize (object);
}

static void
ecert_office_upstream_class_init (EcertOfficeUpstreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ecert_office_upstream_dispose;
  object_class->finalize = ecert_office_upstream_finalize;
}

static void
ecert_office_upstream_init (EcertOfficeUpstream *self)
{
  self->cancellable = g_cancellable_new ();
}

static void schedule (EcertOfficeUpstream *self, guint delay_ms);

/* Gives the lead up: closing the session releases the lock, if the
 * database still knew this session at all. */
static void
step_down (EcertOfficeUpstream *self,
           const GError        *error)
{
  if (self->leading)
    g_message ("No longer the upstream worker: %s", error->message);
  self->leading = FALSE;
  self->anchors_read = 0;
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
}

static void
record_run (EcertOfficeUpstream *self,
            const GError        *error)
{
  const EcertSyncProgress *progress = ecert_sync_get_progress (self->sync);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  g_autofree char *value = NULL;
  g_autoptr(GError) store_error = NULL;

  value = g_strdup_printf ("%s %s: %u stored, %u acknowledged%s%s", when,
                           error == NULL ? "ok" : "failed", progress->stored,
                           progress->acknowledged, error != NULL ? ": " : "",
                           error != NULL ? error->message : "");
  if (!ecert_office_store_set_value (self->store, ECERT_OFFICE_STORE_LAST_RUN_KEY, value, &store_error))
    g_debug ("The last upstream run was not recorded: %s", store_error->message);
}

static gboolean
is_leadership_lost (const GError *error)
{
  return g_error_matches (error, ECERT_ERROR, ECERT_ERROR_STORE);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  EcertOfficeUpstream *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ecert_sync_run_finish (ECERT_SYNC (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }

  if (error != NULL)
    g_warning ("The upstream run failed: %s", error->message);
  if (self->store != NULL && (error == NULL || !is_leadership_lost (error)))
    record_run (self, error);
  if (error != NULL && is_leadership_lost (error))
    step_down (self, error);

  schedule (self, self->leading ? self->interval_ms : LEAD_RETRY_MS);
  g_object_unref (self);
}

static gboolean
take_lead (EcertOfficeUpstream  *self,
           GError              **error)
{
  g_autoptr(EcertOfficeStore) store = NULL;
  g_autoptr(EcertSyncStore) sync_store = NULL;
  gboolean leading = FALSE;

  store = ecert_office_store_connect (self->store_uri, error);
  if (store == NULL || !ecert_office_store_try_lead (store, &leading, error))
    return FALSE;
  if (!leading)
    return TRUE;

  g_message ("This instance is now the upstream worker for %s",
             ecert_hub_client_get_address (self->client));
  self->store = g_steal_pointer (&store);
  sync_store = ecert_office_sync_store_new (self->store);
  self->sync = ecert_sync_new_for_store (self->client, sync_store, self->trust);
  self->leading = TRUE;
  return TRUE;
}

static void
forward_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  EcertOfficeUpstream *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ecert_office_forward_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_object_unref (self);
          return;
        }
      /* What was not forwarded stays queued; the certificates are pulled
       * all the same, unless the lead was lost. */
      g_warning ("The desks’ inquiries could not all be forwarded: %s", error->message);
      if (is_leadership_lost (error))
        {
          step_down (self, error);
          schedule (self, LEAD_RETRY_MS);
          g_object_unref (self);
          return;
        }
    }

  ecert_sync_run_async (self->sync, self->cancellable, run_done, self);
}

/* One round: the desks' inquiries to the hub, then the hub's envelopes
 * to the office. */
static void
run (EcertOfficeUpstream *self)
{
  ecert_office_forward_async (self->store, self->client, self->cancellable, forward_done,
                              g_object_ref (self));
}

/* Keeps the NPPOs the hub lists for the desks, in one transaction that
 * only the leader may write. */
static gboolean
store_anchors (EcertOfficeUpstream  *self,
               GPtrArray            *nppos,
               GError              **error)
{
  if (!ecert_office_store_begin_leading (self->store, error))
    return FALSE;
  if (!ecert_office_store_set_anchors (self->store, nppos, error) ||
      !ecert_office_store_commit (self->store, error))
    {
      ecert_office_store_rollback (self->store);
      return FALSE;
    }
  return TRUE;
}

static void
nppos_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  EcertOfficeUpstream *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nppos = NULL;

  nppos = ecert_hub_client_get_active_nppos_finish (ECERT_HUB_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }

  if (nppos == NULL)
    g_warning ("The hub’s NPPOs could not be read: %s", error->message);
  else if (!store_anchors (self, nppos, &error))
    g_warning ("The hub’s NPPOs could not be stored: %s", error->message);
  else
    self->anchors_read = g_get_monotonic_time ();

  if (error != NULL && is_leadership_lost (error))
    {
      step_down (self, error);
      schedule (self, LEAD_RETRY_MS);
    }
  else
    run (self);
  g_object_unref (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  EcertOfficeUpstream *self = user_data;
  g_autoptr(GError) error = NULL;

  self->timeout_id = 0;
  if (!self->leading && !take_lead (self, &error))
    g_warning ("The office’s database cannot be reached: %s", error->message);

  if (!self->leading)
    {
      schedule (self, LEAD_RETRY_MS);
      return G_SOURCE_REMOVE;
    }

  if (self->anchors_read == 0 || g_get_monotonic_time () - self->anchors_read > ANCHORS_REFRESH_US)
    ecert_hub_client_get_active_nppos_async (self->client, self->cancellable, nppos_done,
                                             g_object_ref (self));
  else
    run (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (EcertOfficeUpstream *self,
          guint                delay_ms)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (delay_ms, tick_cb, self);
}

/**
 * ecert_office_upstream_new:
 * @store_uri: the office's database
 * @client: the country's hub, with the country's client certificate
 * @trust: where the NPPOs' signing certificates are kept
 * @interval_ms: the pause between two runs while leading
 */
EcertOfficeUpstream *
ecert_office_upstream_new (const char      *store_uri,
                           EcertHubClient  *client,
                           EcertTrustStore *trust,
                           guint            interval_ms)
{
  EcertOfficeUpstream *self = g_object_new (ECERT_TYPE_OFFICE_UPSTREAM, NULL);

  self->store_uri = g_strdup (store_uri);
  self->client = g_object_ref (client);
  self->trust = g_object_ref (trust);
  self->interval_ms = interval_ms;
  return self;
}

/**
 * ecert_office_upstream_start:
 *
 * Starts asking for the upstream lock, and pulling while it holds it.
 */
void
ecert_office_upstream_start (EcertOfficeUpstream *self)
{
  g_return_if_fail (ECERT_IS_OFFICE_UPSTREAM (self));

  schedule (self, 0);
}

gboolean
ecert_office_upstream_is_leading (EcertOfficeUpstream *self)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_UPSTREAM (self), FALSE);

  return self->leading;
}
