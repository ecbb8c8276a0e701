/* ecert-office-link.c: the desk's standing connection to its office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While the desk is connected to an office, the link knows who the desk
 * is there (its profile, which also says that it is an office and not a
 * hub) and keeps one request for headers waiting at the office
 * (EcertArrivalWatch): ::arrived tells the session to fetch, and
 * ecert_office_link_resume() says the fetch is over. Connected to a hub,
 * the link learns that it is one and does nothing more: the session's
 * automatic interval goes on as before.
 *
 * When the office cannot be reached, #EcertOfficeLink:error says why until
 * it can; the link keeps trying with a pause that doubles up to half a
 * minute, and ecert_office_link_retry_now() tries at once.
 */

#define G_LOG_DOMAIN "ecert-session"

#include "config.h"

#include "ecert-arrival-watch.h"
#include "ecert-error.h"
#include "ecert-office-link.h"

struct _EcertOfficeLink
{
  GObject             parent_instance;

  EcertHubClient     *client;
  GCancellable       *cancellable;   /* the profile asked, and the watch */
  EcertOfficeProfile *profile;
  EcertArrivalWatch  *watch;
  GError             *error;
  guint               retry_id;
  guint               backoff_s;
};

G_DEFINE_FINAL_TYPE (EcertOfficeLink, ecert_office_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ARRIVED,
  WAITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void ask_profile (EcertOfficeLink *self);

static void
set_error (EcertOfficeLink *self,
           const GError    *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_profile (EcertOfficeLink    *self,
             EcertOfficeProfile *profile)
{
  if (self->profile == NULL && profile == NULL)
    return;

  g_clear_pointer (&self->profile, ecert_office_profile_free);
  self->profile = profile;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static gboolean
retry_cb (gpointer user_data)
{
  EcertOfficeLink *self = user_data;

  self->retry_id = 0;
  ask_profile (self);
  return G_SOURCE_REMOVE;
}

static void
arrived_cb (EcertArrivalWatch *watch,
            guint              pending,
            EcertOfficeLink   *self)
{
  g_signal_emit (self, signals[ARRIVED], 0);
}

static void
waited_cb (EcertArrivalWatch *watch,
           EcertOfficeLink   *self)
{
  g_signal_emit (self, signals[WAITED], 0);
}

static void
unreachable_cb (EcertArrivalWatch *watch,
                const GError      *error,
                EcertOfficeLink   *self)
{
  set_error (self, error);
}

static void
reachable_cb (EcertArrivalWatch *watch,
              EcertOfficeLink   *self)
{
  set_error (self, NULL);
}

static void
watch_arrivals (EcertOfficeLink *self)
{
  self->watch = ecert_arrival_watch_new (self->client, ECERT_ARRIVAL_WATCH_DEFAULT_WAIT);
  g_signal_connect (self->watch, "arrived", G_CALLBACK (arrived_cb), self);
  g_signal_connect (self->watch, "waited", G_CALLBACK (waited_cb), self);
  g_signal_connect (self->watch, "unreachable", G_CALLBACK (unreachable_cb), self);
  g_signal_connect (self->watch, "reachable", G_CALLBACK (reachable_cb), self);
  ecert_arrival_watch_start (self->watch);
}

static void
profile_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(EcertOfficeLink) self = user_data;
  g_autoptr(GError) error = NULL;
  EcertOfficeProfile *profile;

  profile = ecert_hub_client_get_office_profile_finish (ECERT_HUB_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->client == NULL)
    return;

  if (profile != NULL)
    {
      self->backoff_s = 0;
      set_error (self, NULL);
      set_profile (self, profile);
      watch_arrivals (self);
      return;
    }

  /* A hub: the automatic interval is the session's. */
  if (g_error_matches (error, ECERT_ERROR, ECERT_ERROR_NOT_AN_OFFICE))
    {
      set_error (self, NULL);
      return;
    }

  set_error (self, error);
  self->backoff_s = self->backoff_s == 0 ? 1
                    : MIN (self->backoff_s * 2, ECERT_ARRIVAL_WATCH_MAX_BACKOFF_S);
  self->retry_id = g_timeout_add_seconds (self->backoff_s, retry_cb, self);
}

static void
ask_profile (EcertOfficeLink *self)
{
  ecert_hub_client_get_office_profile_async (self->client, self->cancellable, profile_cb,
                                             g_object_ref (self));
}

/**
 * ecert_office_link_connect:
 * @client: a connection to the hub or office the settings name
 *
 * Learns whether @client talks to an office and, if it does, starts
 * watching for arrivals there. Whatever the link did before stops.
 */
void
ecert_office_link_connect (EcertOfficeLink *self,
                           EcertHubClient  *client)
{
  g_return_if_fail (ECERT_IS_OFFICE_LINK (self));
  g_return_if_fail (ECERT_IS_HUB_CLIENT (client));

  ecert_office_link_disconnect (self);
  self->client = g_object_ref (client);
  self->cancellable = g_cancellable_new ();
  ask_profile (self);
}

/**
 * ecert_office_link_disconnect:
 *
 * Stops watching and forgets the office (the settings changed, or the
 * desk has no hub any more).
 */
void
ecert_office_link_disconnect (EcertOfficeLink *self)
{
  g_return_if_fail (ECERT_IS_OFFICE_LINK (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->watch != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->watch, self);
      ecert_arrival_watch_stop (self->watch);
      g_clear_object (&self->watch);
    }
  g_clear_object (&self->client);
  self->backoff_s = 0;
  set_profile (self, NULL);
  set_error (self, NULL);
}

/**
 * ecert_office_link_resume:
 *
 * The fetch that ::arrived asked for is over: wait for the next arrival.
 */
void
ecert_office_link_resume (EcertOfficeLink *self)
{
  g_return_if_fail (ECERT_IS_OFFICE_LINK (self));

  if (self->watch != NULL)
    ecert_arrival_watch_resume (self->watch);
}

/**
 * ecert_office_link_retry_now:
 *
 * While the office cannot be reached, tries again now.
 */
void
ecert_office_link_retry_now (EcertOfficeLink *self)
{
  g_return_if_fail (ECERT_IS_OFFICE_LINK (self));

  if (self->retry_id != 0)
    {
      g_clear_handle_id (&self->retry_id, g_source_remove);
      ask_profile (self);
    }
  else if (self->watch != NULL)
    ecert_arrival_watch_retry_now (self->watch);
}

/**
 * ecert_office_link_get_client:
 *
 * Returns: (nullable) (transfer none): the connection to the office, while
 *   connected to one
 */
EcertHubClient *
ecert_office_link_get_client (EcertOfficeLink *self)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_LINK (self), NULL);

  return self->profile != NULL ? self->client : NULL;
}

/**
 * ecert_office_link_get_profile:
 *
 * Returns: (nullable): who the desk is at its office, or %NULL while not
 *   connected to an office (or not yet known to be)
 */
const EcertOfficeProfile *
ecert_office_link_get_profile (EcertOfficeLink *self)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_LINK (self), NULL);

  return self->profile;
}

/**
 * ecert_office_link_get_error:
 *
 * Returns: (nullable): why the office cannot be reached, or %NULL
 */
const GError *
ecert_office_link_get_error (EcertOfficeLink *self)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_LINK (self), NULL);

  return self->error;
}

static void
ecert_office_link_dispose (GObject *object)
{
  EcertOfficeLink *self = ECERT_OFFICE_LINK (object);

  ecert_office_link_disconnect (self);

  G_OBJECT_CLASS (ecert_office_link_parent_class)->dispose (object);
}

static void
ecert_office_link_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EcertOfficeLink *self = ECERT_OFFICE_LINK (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_pointer (value, self->profile);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_office_link_class_init (EcertOfficeLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ecert_office_link_dispose;
  object_class->get_property = ecert_office_link_get_property;

  properties[PROP_PROFILE] =
    g_param_spec_pointer ("profile", NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EcertOfficeLink::arrived:
   *
   * Something waits at the office for this desk: fetch it, then
   * ecert_office_link_resume().
   */
  signals[ARRIVED] = g_signal_new ("arrived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EcertOfficeLink::waited:
   *
   * A wait at the office ended with nothing new: the office answers, about
   * once every ECERT_ARRIVAL_WATCH_DEFAULT_WAIT seconds.
   */
  signals[WAITED] = g_signal_new ("waited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ecert_office_link_init (EcertOfficeLink *self)
{
}

EcertOfficeLink *
ecert_office_link_new (void)
{
  return g_object_new (ECERT_TYPE_OFFICE_LINK, NULL);
}
