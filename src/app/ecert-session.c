/* ecert-session.c: the desk's cache, trust anchors and hub, for every view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One per process: the application makes it, and the window, Preferences,
 * the storage page and the paper check all work through it. It owns the
 * certificate cache (opened once, off the main loop), the trust anchors,
 * the hub connection and the mail account the settings describe, fetching
 * from both (by hand and every few minutes), the outbox of inquiries and
 * imports. The views listen to
 * its properties and signals and never build any of these themselves.
 *
 * Everything here runs on the main thread; the work itself runs in core's
 * worker threads, each with its own reference to what it uses.
 */

#define G_LOG_DOMAIN "ecert-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ecert-error.h"
#include "ecert-hub-connection.h"
#include "ecert-importer.h"
#include "ecert-inquiry-delivery.h"
#include "ecert-mail-connection.h"
#include "ecert-mail-import.h"
#include "ecert-office-check.h"
#include "ecert-office-link.h"
#include "ecert-session.h"

/* How long after the connection settings last changed the desk connects
 * again: one reconnection for a burst of edits. */
#define RECONNECT_DELAY_MS 500
/* How far back the office's log of paper checks is read. */
#define OFFICE_CHECK_DAYS 7

struct _EcertSession
{
  GObject            parent_instance;

  GSettings         *settings;
  char              *cache_path;
  char              *trust_directory;
  /* Cancelled when the session ends: whatever it started stops. */
  GCancellable      *cancellable;

  EcertCache        *cache;
  GError            *cache_error;

  EcertTrustDirectory *trust;

  /* A PKCS#12 passphrase the user did not want in the keyring, kept in
   * memory for the hub and the file it opened, and never written. */
  char              *passphrase;
  char              *passphrase_address;
  char              *passphrase_pkcs12;

  /* The fetch under way; its cancellable is there from the moment it is
   * asked for, also while the client is being built. */
  GCancellable      *sync_cancellable;
  EcertSync         *sync;
  EcertSyncProgress  progress;
  char              *sync_status;
  double             sync_fraction;
  GError            *last_error;
  guint              auto_sync_id;

  /* A fetch reads the hub, then the mailbox; how the hub's part ended is
   * told once both are done, so that neither hides the other. */
  GError            *hub_error;
  gboolean           reads_hub;
  guint              mail_stored;
  GError            *last_mail_error;

  /* Connected to an office: who the desk is there, and the request that
   * waits there for arrivals. */
  EcertOfficeLink   *office;
  GCancellable      *office_cancellable;
  guint              reconnect_id;
};

G_DEFINE_FINAL_TYPE (EcertSession, ecert_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CACHE_PATH,
  PROP_TRUST_DIRECTORY,
  PROP_CACHE,
  PROP_CACHE_ERROR,
  PROP_SYNCING,
  PROP_SYNC_STATUS,
  PROP_SYNC_FRACTION,
  PROP_LAST_ERROR,
  PROP_LAST_MAIL_ERROR,
  PROP_OFFICE_PROFILE,
  PROP_OFFICE_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SYNC_FINISHED,
  NEW_ARRIVALS,
  OUTBOX_FLUSHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * ecert_session_new:
 * @settings: the application's settings: the hub connection and the
 *   interval of automatic fetching
 * @cache_path: (nullable): the cache file, or %NULL for
 *   ecert_cache_get_default_path()
 * @trust_directory: (nullable): the trust anchors' directory, or %NULL for
 *   ecert_trust_store_get_default_directory()
 *
 * Starts opening the cache at once; #EcertSession:cache or
 * #EcertSession:cache-error tells when that is done.
 */
EcertSession *
ecert_session_new (GSettings  *settings,
                   const char *cache_path,
                   const char *trust_directory)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ECERT_TYPE_SESSION,
                       "settings", settings,
                       "cache-path", cache_path,
                       "trust-directory", trust_directory,
                       NULL);
}

GSettings *
ecert_session_get_settings (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), NULL);

  return self->settings;
}

/**
 * ecert_session_get_cache_path:
 *
 * Returns: the cache file, open or not
 */
const char *
ecert_session_get_cache_path (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), NULL);

  return self->cache_path;
}

/**
 * ecert_session_get_cache:
 *
 * Returns: (transfer none) (nullable): the cache, once it is open
 */
EcertCache *
ecert_session_get_cache (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), NULL);

  return self->cache;
}

/**
 * ecert_session_get_cache_error:
 *
 * Returns: (nullable): why the cache could not be opened
 */
const GError *
ecert_session_get_cache_error (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), NULL);

  return self->cache_error;
}

static void
set_error_property (EcertSession  *self,
                    GError       **field,
                    const GError  *error,
                    GParamSpec    *pspec)
{
  if (*field == NULL && error == NULL)
    return;

  g_clear_error (field);
  if (error != NULL)
    *field = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/* Fails @task unless the cache is open: it opens in the background, and a
 * window may ask for it before. */
static gboolean
require_cache (EcertSession *self,
               GTask        *task)
{
  if (self->cache != NULL)
    return TRUE;

  g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_CACHE, "%s",
                           _("The certificate cache is not open"));
  return FALSE;
}

/**
 * ecert_session_get_trust_directory:
 *
 * Returns: (transfer none): the trust anchors everything is checked with
 */
EcertTrustDirectory *
ecert_session_get_trust_directory (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), NULL);

  return self->trust;
}

/* The hub ------------------------------------------------------------------ */

static void
forget_passphrase (EcertSession *self)
{
  if (self->passphrase != NULL)
    memset (self->passphrase, 0, strlen (self->passphrase));
  g_clear_pointer (&self->passphrase, g_free);
  g_clear_pointer (&self->passphrase_address, g_free);
  g_clear_pointer (&self->passphrase_pkcs12, g_free);
}

/**
 * ecert_session_keep_passphrase:
 * @passphrase: (nullable): the passphrase that opened the PKCS#12 file the
 *   settings name, or %NULL to forget it
 *
 * Keeps a passphrase that is not to be remembered in the keyring in memory
 * until the session ends, so that fetching does not ask for it again.
 */
void
ecert_session_keep_passphrase (EcertSession *self,
                               const char   *passphrase)
{
  g_return_if_fail (ECERT_IS_SESSION (self));

  forget_passphrase (self);
  if (passphrase == NULL || passphrase[0] == '\0')
    return;

  self->passphrase = g_strdup (passphrase);
  self->passphrase_address = g_settings_get_string (self->settings, "hub-address");
  self->passphrase_pkcs12 = g_settings_get_string (self->settings, "client-pkcs12");
}

/* The passphrase kept, if it was kept for the hub and file set up now. */
static const char *
find_kept_passphrase (EcertSession *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "hub-address");
  g_autofree char *pkcs12 = g_settings_get_string (self->settings, "client-pkcs12");

  if (g_strcmp0 (self->passphrase_address, address) == 0 &&
      g_strcmp0 (self->passphrase_pkcs12, pkcs12) == 0)
    return self->passphrase;
  return NULL;
}

/**
 * ecert_session_new_hub_client_async:
 * @passphrase: (nullable): the passphrase of the PKCS#12 file, as just
 *   typed; %NULL for the one kept by the session or remembered in the
 *   keyring
 *
 * Builds a client for the hub the settings describe, as they are now: a
 * fetch and Preferences' Connect use the same connection. Looking the
 * passphrase up may wait for the keyring, which may ask the user to unlock
 * it.
 */
void
ecert_session_new_hub_client_async (EcertSession        *self,
                                    const char          *passphrase,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (ECERT_IS_SESSION (self));

  ecert_hub_connection_new_client_async (self, self->settings,
                                         passphrase != NULL ? passphrase
                                                            : find_kept_passphrase (self),
                                         cancellable, callback, user_data);
}

/**
 * ecert_session_new_hub_client_finish:
 *
 * Returns: (transfer full): the client, or %NULL with @error set:
 *   %ECERT_ERROR_INVALID_ADDRESS when no hub is set up, or the client's own
 *   errors about the address and the certificate files, in plain words
 */
EcertHubClient *
ecert_session_new_hub_client_finish (EcertSession  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return ecert_hub_connection_new_client_finish (result, error);
}

/* The outbox ----------------------------------------------------------------- */

typedef struct
{
  EcertOutboxProgress progress;
  gboolean            queued;
} Delivery;

static void
delivered_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EcertSession *self = g_task_get_source_object (task);
  Delivery *delivery = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Sent, refused or still waiting: what the views show of it changed. */
  g_signal_emit (self, signals[OUTBOX_FLUSHED], 0);

  if (ecert_inquiry_delivery_run_finish (result, &delivery->progress, &delivery->queued, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Queues @inquiry, when given, and delivers what waits, off the main loop;
 * without one this also refreshes the tracking of what was sent. */
static void
deliver_outbox_async (EcertSession        *self,
                      EcertInquiry        *inquiry,
                      gint64               draft_id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, deliver_outbox_async);
  g_task_set_task_data (task, g_new0 (Delivery, 1), g_free);

  if (!require_cache (self, task))
    return;

  ecert_inquiry_delivery_run_async (self->settings, find_kept_passphrase (self), self->cache,
                                    inquiry, draft_id, cancellable, delivered_cb,
                                    g_steal_pointer (&task));
}

/**
 * ecert_session_send_inquiry_async:
 * @inquiry: a valid inquiry
 * @draft_id: the draft @inquiry was written in, deleted once it is queued
 *
 * Queues @inquiry in the outbox and delivers the outbox at once.
 */
void
ecert_session_send_inquiry_async (EcertSession        *self,
                                  EcertInquiry        *inquiry,
                                  gint64               draft_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (ECERT_IS_SESSION (self));
  g_return_if_fail (ECERT_IS_INQUIRY (inquiry));

  deliver_outbox_async (self, inquiry, draft_id, cancellable, callback, user_data);
}

/**
 * ecert_session_send_inquiry_finish:
 * @progress: (out) (optional): what the delivery did
 * @queued: (out) (optional): whether the inquiry was queued, also when the
 *   hub could not be reached afterwards
 *
 * Returns: %TRUE when the hub was reached
 */
gboolean
ecert_session_send_inquiry_finish (EcertSession         *self,
                                   GAsyncResult         *result,
                                   EcertOutboxProgress  *progress,
                                   gboolean             *queued,
                                   GError              **error)
{
  Delivery *delivery;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  delivery = g_task_get_task_data (G_TASK (result));
  if (progress != NULL)
    *progress = delivery->progress;
  if (queued != NULL)
    *queued = delivery->queued;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whether it worked is for the next fetch to find out: the thread of a
 * certificate says what waits. */
static void
outbox_delivered_after_fetch_cb (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ecert_session_send_inquiry_finish (ECERT_SESSION (source), result, NULL, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The outbox was not delivered: %s", error->message);
}

/* Fetching ----------------------------------------------------------------- */

gboolean
ecert_session_get_syncing (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), FALSE);

  return self->sync_cancellable != NULL;
}

/**
 * ecert_session_get_sync_status:
 *
 * Returns: (nullable): what the fetch under way is doing, in a few words
 *   for people; %NULL when none is
 */
const char *
ecert_session_get_sync_status (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), NULL);

  return self->sync_status;
}

/**
 * ecert_session_get_sync_fraction:
 *
 * Returns: how much of what the hub listed the fetch under way has
 *   received, from 0 to 1; negative until the hub has said how much there
 *   is
 */
double
ecert_session_get_sync_fraction (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), -1);

  return self->sync_fraction;
}

/**
 * ecert_session_get_sync_progress:
 *
 * Returns: the counts of the fetch under way, or of the last one; the
 *   certificates read from mail are counted with the hub's in @stored,
 *   @duplicates and @failures
 */
const EcertSyncProgress *
ecert_session_get_sync_progress (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), NULL);

  return &self->progress;
}

/**
 * ecert_session_get_last_error:
 *
 * Returns: (nullable): why the last fetch failed; %NULL while one runs,
 *   after one that worked or was stopped, and when no hub is set up (an
 *   %ECERT_ERROR_INVALID_ADDRESS of #EcertSession::sync-finished: a matter
 *   for Preferences, not a failure of the hub)
 */
const GError *
ecert_session_get_last_error (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), NULL);

  return self->last_error;
}

/**
 * ecert_session_get_last_mail_error:
 *
 * Returns: (nullable): why reading the mailbox failed in the last fetch;
 *   %NULL while one runs, after one that worked or was stopped, and when
 *   no mail account is set up
 */
const GError *
ecert_session_get_last_mail_error (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), NULL);

  return self->last_mail_error;
}

static void
set_sync_state (EcertSession *self,
                const char   *status,
                double        fraction)
{
  if (g_strcmp0 (status, self->sync_status) != 0)
    {
      g_free (self->sync_status);
      self->sync_status = g_strdup (status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_STATUS]);
    }

  if (fraction != self->sync_fraction)
    {
      self->sync_fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_FRACTION]);
    }
}

static void
sync_progress_cb (EcertSync    *sync,
                  EcertSession *self)
{
  const EcertSyncProgress *progress = ecert_sync_get_progress (sync);
  guint done = MIN (progress->stored + progress->duplicates + progress->failures,
                    progress->seen);
  g_autofree char *text = NULL;

  self->progress = *progress;

  /* Until the hub has said how many envelopes wait, no share is known. */
  if (progress->seen == 0)
    {
      set_sync_state (self, _("Asking the hub for new certificates…"), -1);
      return;
    }

  /* Translators: progress of a fetch, "12 of 40 received" */
  text = g_strdup_printf (_("%u of %u received"), done, progress->seen);
  set_sync_state (self, text, (double) done / progress->seen);
}

static gboolean
is_stopped (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Both parts are done: what they brought, and how each ended. */
static void
finish_fetch (EcertSession *self)
{
  g_autoptr(GError) error = g_steal_pointer (&self->hub_error);
  guint arrivals = self->mail_stored;
  guint responses = 0;

  g_clear_object (&self->sync_cancellable);
  set_sync_state (self, NULL, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  /* Whatever the fetch met, the office is asked for the next arrival. */
  ecert_office_link_resume (self->office);

  if (!is_stopped (error) && !g_error_matches (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS))
    set_error_property (self, &self->last_error, error, properties[PROP_LAST_ERROR]);

  g_signal_emit (self, signals[SYNC_FINISHED], 0, error);
  if (is_stopped (error))
    return;

  /* What the hub stored before it failed is told with the failure. */
  if (self->reads_hub && error == NULL)
    {
      arrivals += self->progress.stored - self->mail_stored;
      responses = self->progress.responses;
    }
  if (arrivals > 0 || responses > 0)
    g_signal_emit (self, signals[NEW_ARRIVALS], g_quark_from_static_string ("fetch"),
                   arrivals, responses);

  /* What waits in the outbox goes now that the hub answers; this also
   * learns what became of what was sent. */
  if (self->reads_hub && error == NULL && !g_cancellable_is_cancelled (self->cancellable))
    deliver_outbox_async (self, NULL, 0, self->cancellable, outbox_delivered_after_fetch_cb,
                          NULL);
}

/* A fetch stopped while reading mail is a stopped fetch, whatever the hub
 * said. */
static void
end_mail (EcertSession *self,
          const GError *error)
{
  if (is_stopped (error))
    {
      g_clear_error (&self->hub_error);
      self->hub_error = g_error_copy (error);
    }
  else
    set_error_property (self, &self->last_mail_error, error, properties[PROP_LAST_MAIL_ERROR]);
  finish_fetch (self);
}

static void
mail_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  EcertSession *self = user_data;
  g_autofree char *text = NULL;

  /* Translators: progress of reading mail, "3 of 12 messages read" */
  text = g_strdup_printf (_("%u of %u messages read"), done, total);
  set_sync_state (self, text, (double) done / total);
}

static void
mail_fetched_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EcertSession) self = user_data;
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;

  imports = ecert_mail_fetch_finish (result, &error);
  for (guint i = 0; imports != NULL && i < imports->len; i++)
    {
      EcertMailImport *import = g_ptr_array_index (imports, i);

      for (guint j = 0; j < import->results->len; j++)
        {
          EcertImportResult *imported = g_ptr_array_index (import->results, j);

          if (imported->outcome == ECERT_IMPORT_STORED)
            self->mail_stored++;
          else if (imported->outcome == ECERT_IMPORT_DUPLICATE)
            self->progress.duplicates++;
          else
            self->progress.failures++;
        }
    }
  self->progress.stored += self->mail_stored;

  end_mail (self, error);
}

static void
mail_account_ready_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(EcertSession) self = user_data;
  g_autoptr(EcertImapAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  EcertTrustStore *trust = NULL;

  account = ecert_mail_connection_new_account_finish (result, &error);
  if (account != NULL)
    trust = ecert_trust_directory_get_store (self->trust, &error);
  if (trust == NULL)
    {
      end_mail (self, error);
      return;
    }

  set_sync_state (self, _("Reading mail…"), -1);
  ecert_mail_fetch_async (self->cache, trust, account, mail_progress_cb, self,
                          self->sync_cancellable, mail_fetched_cb, g_object_ref (self));
}

static void
fetch_mail (EcertSession *self)
{
  set_sync_state (self, _("Connecting to the mail server…"), -1);
  ecert_mail_connection_new_account_async (self, self->settings, NULL, self->sync_cancellable,
                                           mail_account_ready_cb, g_object_ref (self));
}

/* The hub's part is done; the mailbox's comes next, unless stopped. */
static void
finish_sync (EcertSession *self,
             const GError *error)
{
  g_clear_error (&self->hub_error);
  if (error != NULL)
    self->hub_error = g_error_copy (error);

  if (ecert_mail_connection_is_set_up (self->settings) && !is_stopped (error) &&
      !g_cancellable_is_cancelled (self->sync_cancellable))
    fetch_mail (self);
  else
    finish_fetch (self);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EcertSession) self = user_data;
  g_autoptr(EcertSync) sync = g_steal_pointer (&self->sync);
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (sync, self);
  self->progress = *ecert_sync_get_progress (sync);
  ecert_sync_run_finish (sync, result, &error);
  finish_sync (self, error);
}

static void
sync_client_ready_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(EcertSession) self = user_data;
  g_autoptr(EcertHubClient) client = NULL;
  g_autoptr(GError) error = NULL;
  EcertTrustStore *trust = NULL;

  client = ecert_session_new_hub_client_finish (self, result, &error);
  if (client != NULL && self->cache != NULL)
    trust = ecert_trust_directory_get_store (self->trust, &error);
  if (trust == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Fetching stopped"));
      finish_sync (self, error);
      return;
    }

  self->sync = ecert_sync_new (client, self->cache, trust);
  g_signal_connect (self->sync, "progress", G_CALLBACK (sync_progress_cb), self);
  sync_progress_cb (self->sync, self);
  ecert_sync_run_async (self->sync, self->sync_cancellable, sync_done_cb, g_object_ref (self));
}

static gboolean
has_hub (EcertSession *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "hub-address");

  return address[0] != '\0';
}

/**
 * ecert_session_sync:
 *
 * Fetches what the hub holds for this desk, with a client built from the
 * settings as they are now, and then the certificates mailed to the mail
 * account the settings name, if any, unless a fetch is already under way.
 * #EcertSession:syncing, #EcertSession:sync-status and
 * #EcertSession:sync-fraction follow it; #EcertSession::sync-finished says
 * how it ended.
 *
 * Returns: whether a fetch is under way now: %FALSE while the cache is not
 *   open
 */
gboolean
ecert_session_sync (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), FALSE);

  if (self->sync_cancellable != NULL)
    return TRUE;
  if (self->cache == NULL)
    return FALSE;

  self->sync_cancellable = g_cancellable_new ();
  self->progress = (EcertSyncProgress) { 0 };
  self->mail_stored = 0;
  set_error_property (self, &self->last_error, NULL, properties[PROP_LAST_ERROR]);
  set_error_property (self, &self->last_mail_error, NULL, properties[PROP_LAST_MAIL_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);

  /* A desk that receives by mail only has no hub to be told to set up. */
  self->reads_hub = has_hub (self) || !ecert_mail_connection_is_set_up (self->settings);
  if (!self->reads_hub)
    {
      finish_sync (self, NULL);
      return TRUE;
    }

  set_sync_state (self, _("Connecting to the hub…"), -1);

  /* Also while the client is being built (the keyring may be waiting for
   * the user to unlock it), stopping is what ends a fetch. */
  ecert_session_new_hub_client_async (self, NULL, self->sync_cancellable, sync_client_ready_cb,
                                      g_object_ref (self));
  return TRUE;
}

/**
 * ecert_session_stop_sync:
 *
 * Stops the fetch under way; what it stored stays.
 */
void
ecert_session_stop_sync (EcertSession *self)
{
  g_return_if_fail (ECERT_IS_SESSION (self));

  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
}

/* Automatic fetching: only a desk that is set up fetches by itself, and
 * never over a fetch already running. */
static gboolean
auto_sync_cb (gpointer user_data)
{
  EcertSession *self = user_data;

  /* An office says when something arrives; only the mailbox then needs
   * the interval. */
  if (ecert_office_link_get_profile (self->office) != NULL &&
      !ecert_mail_connection_is_set_up (self->settings))
    return G_SOURCE_CONTINUE;
  if ((has_hub (self) || ecert_mail_connection_is_set_up (self->settings)) && self->cache != NULL)
    ecert_session_sync (self);
  return G_SOURCE_CONTINUE;
}

static void
schedule_auto_sync (EcertSession *self)
{
  guint minutes = g_settings_get_uint (self->settings, "sync-interval");

  g_clear_handle_id (&self->auto_sync_id, g_source_remove);
  if (minutes > 0)
    self->auto_sync_id = g_timeout_add_seconds (minutes * 60, auto_sync_cb, self);
}

/* The office ------------------------------------------------------------------ */

static void
office_client_ready_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(EcertSession) self = user_data;
  g_autoptr(EcertHubClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = ecert_session_new_hub_client_finish (self, result, &error);
  if (client == NULL)
    {
      /* A fetch says the same in its own words; nothing to watch. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No connection to watch for arrivals: %s", error->message);
      return;
    }

  ecert_office_link_connect (self->office, client);
}

/* Learns whether the hub the settings name is an office, and if so waits
 * there for arrivals. */
static void
connect_office (EcertSession *self)
{
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (self->office_cancellable != NULL)
    g_cancellable_cancel (self->office_cancellable);
  g_clear_object (&self->office_cancellable);
  ecert_office_link_disconnect (self->office);

  if (self->cache == NULL || !has_hub (self))
    return;

  self->office_cancellable = g_cancellable_new ();
  ecert_session_new_hub_client_async (self, NULL, self->office_cancellable,
                                      office_client_ready_cb, g_object_ref (self));
}

static gboolean
reconnect_cb (gpointer user_data)
{
  EcertSession *self = user_data;

  self->reconnect_id = 0;
  connect_office (self);
  return G_SOURCE_REMOVE;
}

static void
connection_setting_changed_cb (EcertSession *self,
                               const char   *key)
{
  static const char * const keys[] = { "hub-address", "client-certificate", "client-key",
                                       "client-pkcs12", "server-ca", NULL };

  if (!g_strv_contains (keys, key))
    return;
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->reconnect_id = g_timeout_add (RECONNECT_DELAY_MS, reconnect_cb, self);
}

static void
office_arrived_cb (EcertSession *self)
{
  /* A fetch under way ends by resuming the watch all the same. */
  if (!ecert_session_sync (self))
    ecert_office_link_resume (self->office);
}

/* Whether the outbox holds something to send, or something sent whose
 * delivery the hub has not settled yet. */
static gboolean
outbox_unsettled (EcertSession *self)
{
  g_autoptr(GPtrArray) items = ecert_cache_list_outbox (self->cache, FALSE, NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const EcertCacheOutboxItem *item = g_ptr_array_index (items, i);
      EcertTrackingInfo tracking = ecert_tracking_info_from_string (item->hub_tracking);

      if (item->state == ECERT_CACHE_OUTBOX_QUEUED || item->state == ECERT_CACHE_OUTBOX_SENDING)
        return TRUE;
      if (item->state == ECERT_CACHE_OUTBOX_SENT && !ecert_tracking_info_is_delivered (tracking) &&
          tracking != ECERT_TRACKING_INFO_FAILED_DELIVERY)
        return TRUE;
    }
  return FALSE;
}

/* The office answers, and nothing arrived: an inquiry that waited in the
 * outbox (queued while it was away) goes now, and what was sent learns
 * whether it was delivered, rather than with the next arrival. */
static void
office_waited_cb (EcertSession *self)
{
  if (self->cache == NULL || self->sync_cancellable != NULL)
    return;
  if (outbox_unsettled (self))
    deliver_outbox_async (self, NULL, 0, self->cancellable, outbox_delivered_after_fetch_cb,
                          NULL);
}

static void
office_profile_changed_cb (EcertSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFICE_PROFILE]);
}

static void
office_error_changed_cb (EcertSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFICE_ERROR]);

  /* Back: what waited is fetched, and the outbox goes after the fetch. */
  if (ecert_office_link_get_error (self->office) == NULL &&
      ecert_office_link_get_profile (self->office) != NULL)
    ecert_session_sync (self);
}

/**
 * ecert_session_adopt_office_client:
 * @client: a client that just reached an office (Preferences' Connect)
 *
 * When the desk is not watching an office yet (its passphrase was not
 * known when the session connected), it watches with @client from now on.
 */
void
ecert_session_adopt_office_client (EcertSession   *self,
                                   EcertHubClient *client)
{
  g_return_if_fail (ECERT_IS_SESSION (self));
  g_return_if_fail (ECERT_IS_HUB_CLIENT (client));

  if (ecert_office_link_get_profile (self->office) != NULL || self->cache == NULL)
    return;
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  ecert_office_link_connect (self->office, client);
}

/**
 * ecert_session_get_office_profile:
 *
 * Returns: (nullable): who this desk is at its office, while connected to
 *   one; %NULL on a hub, or while not (yet) known
 */
const EcertOfficeProfile *
ecert_session_get_office_profile (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), NULL);

  return ecert_office_link_get_profile (self->office);
}

/**
 * ecert_session_get_office_error:
 *
 * Returns: (nullable): why the office cannot be reached now, or %NULL
 */
const GError *
ecert_session_get_office_error (EcertSession *self)
{
  g_return_val_if_fail (ECERT_IS_SESSION (self), NULL);

  return ecert_office_link_get_error (self->office);
}

/**
 * ecert_session_retry:
 *
 * The user asked to try again: an office that cannot be reached is asked
 * now rather than after the pause, and a fetch starts.
 */
void
ecert_session_retry (EcertSession *self)
{
  g_return_if_fail (ECERT_IS_SESSION (self));

  if (ecert_office_link_get_error (self->office) != NULL)
    ecert_office_link_retry_now (self->office);
  ecert_session_sync (self);
}

static void
office_checked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *results = ecert_office_check_finish (result, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ecert_session_check_at_office_async:
 * @number: the number on a paper certificate, not in the cache
 *
 * Asks the office for @number; what it holds is verified, stored and
 * recorded as ecert_office_check_async() says. Finish with
 * ecert_session_check_at_office_finish().
 */
void
ecert_session_check_at_office_async (EcertSession        *self,
                                     const char          *number,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EcertHubClient *client;
  EcertTrustStore *trust;
  GError *error = NULL;

  g_return_if_fail (ECERT_IS_SESSION (self));
  g_return_if_fail (number != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_session_check_at_office_async);
  client = ecert_office_link_get_client (self->office);
  if (client == NULL)
    {
      g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_NOT_AN_OFFICE,
                               _("This desk is not connected to an office"));
      return;
    }
  if (!require_cache (self, task))
    return;
  trust = ecert_trust_directory_get_store (self->trust, &error);
  if (trust == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ecert_office_check_async (client, self->cache, trust, number, cancellable, office_checked_cb,
                            g_steal_pointer (&task));
}

/**
 * ecert_session_check_at_office_finish:
 *
 * Returns: (transfer full) (element-type EcertImportResult): what became of
 *   each certificate the office holds under the number; none when it holds
 *   none
 */
GPtrArray *
ecert_session_check_at_office_finish (EcertSession  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
check_recorded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ecert_hub_client_record_paper_check_finish (ECERT_HUB_CLIENT (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("A paper check could not be recorded at the office: %s", error->message);
}

/**
 * ecert_session_record_paper_check:
 * @number: the number checked
 * @found: whether the desk's cache held it
 *
 * Writes a check answered from the cache in the office's shared log, when
 * connected to an office. (ecert_session_check_at_office_async() records
 * its own.)
 */
void
ecert_session_record_paper_check (EcertSession *self,
                                  const char   *number,
                                  gboolean      found)
{
  EcertHubClient *client;

  g_return_if_fail (ECERT_IS_SESSION (self));

  client = ecert_office_link_get_client (self->office);
  if (client != NULL)
    ecert_hub_client_record_paper_check_async (client, number, found, self->cancellable,
                                               check_recorded_cb, NULL);
}

static void
office_checks_listed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *checks = ecert_hub_client_list_paper_checks_finish (ECERT_HUB_CLIENT (source),
                                                                 result, &error);

  if (checks == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, checks, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ecert_session_list_office_checks_async:
 *
 * Reads the office's log of the last week's paper checks, at every desk.
 * Finish with ecert_session_list_office_checks_finish().
 */
void
ecert_session_list_office_checks_async (EcertSession        *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EcertHubClient *client;

  g_return_if_fail (ECERT_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_session_list_office_checks_async);
  client = ecert_office_link_get_client (self->office);
  if (client == NULL)
    {
      g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_NOT_AN_OFFICE,
                               _("This desk is not connected to an office"));
      return;
    }

  ecert_hub_client_list_paper_checks_async (client, OFFICE_CHECK_DAYS, cancellable,
                                            office_checks_listed_cb, g_steal_pointer (&task));
}

/**
 * ecert_session_list_office_checks_finish:
 *
 * Returns: (transfer full) (element-type EcertSharedPaperCheck): the
 *   numbers checked, those never found first
 */
GPtrArray *
ecert_session_list_office_checks_finish (EcertSession  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Mail ----------------------------------------------------------------------- */

static void
unread_counted_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  guint unread = 0;

  if (ecert_mail_count_unread_finish (result, &unread, &error))
    g_task_return_int (task, unread);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
account_for_check_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(EcertImapAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = ecert_mail_connection_new_account_finish (result, &error);
  if (account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ecert_mail_count_unread_async (account, g_task_get_cancellable (task), unread_counted_cb,
                                 g_object_ref (task));
}

/**
 * ecert_session_check_mail_async:
 * @password: (nullable): the mail password as just typed; %NULL for the
 *   one remembered in the keyring
 *
 * Signs in to the mail account the settings describe, as they are now,
 * and counts the messages a fetch would read, in a worker thread: a fetch
 * and Preferences' Connect use the same account.
 */
void
ecert_session_check_mail_async (EcertSession        *self,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ECERT_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_session_check_mail_async);
  ecert_mail_connection_new_account_async (self, self->settings, password, cancellable,
                                           account_for_check_cb, g_steal_pointer (&task));
}

/**
 * ecert_session_check_mail_finish:
 * @unread: (out): the unread messages a fetch would read
 *
 * Returns: whether the folder could be read, or %FALSE with @error set:
 *   %ECERT_ERROR_INVALID_ADDRESS when no mail account is set up, the
 *   mail server's refusals in plain words
 */
gboolean
ecert_session_check_mail_finish (EcertSession  *self,
                                 GAsyncResult  *result,
                                 guint         *unread,
                                 GError       **error)
{
  gssize count;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  count = g_task_propagate_int (G_TASK (result), error);
  if (count < 0)
    return FALSE;
  *unread = (guint) count;
  return TRUE;
}

/* Importing and reading ---------------------------------------------------- */

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EcertSession *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint stored = 0;

  results = ecert_import_files_finish (result, &error);
  if (results == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      EcertImportResult *imported = g_ptr_array_index (results, i);

      if (imported->outcome == ECERT_IMPORT_STORED)
        stored++;
    }

  if (stored > 0)
    g_signal_emit (self, signals[NEW_ARRIVALS], g_quark_from_static_string ("import"), stored, 0);
  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ecert_session_import_files_async:
 * @files: (element-type GFile): certificate files
 *
 * Reads, verifies and stores each file, in a worker thread.
 */
void
ecert_session_import_files_async (EcertSession        *self,
                                  GPtrArray           *files,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  EcertTrustStore *trust;

  g_return_if_fail (ECERT_IS_SESSION (self));
  g_return_if_fail (files != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_session_import_files_async);

  trust = ecert_trust_directory_get_store (self->trust, &error);
  if (trust == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!require_cache (self, task))
    return;

  ecert_import_files_async (self->cache, trust, files, cancellable, imported_cb,
                            g_steal_pointer (&task));
}

/**
 * ecert_session_import_files_finish:
 *
 * Returns: (transfer full) (element-type EcertImportResult): what became
 *   of each file, or %NULL with @error set
 */
GPtrArray *
ecert_session_import_files_finish (EcertSession  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
certificate_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  EcertStoredCertificate *stored = ecert_stored_certificate_load_finish (result, &error);

  if (stored != NULL)
    g_task_return_pointer (task, stored, (GDestroyNotify) ecert_stored_certificate_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * ecert_session_load_certificate_async:
 * @row: the certificate's row in the cache
 * @mode: how far to check it again, with the session's trust anchors
 *
 * Reads a certificate from the cache, ready to be shown, off the main
 * loop: a document with large attachments takes a while to parse.
 */
void
ecert_session_load_certificate_async (EcertSession               *self,
                                      gint64                      row,
                                      EcertStoredCertificateMode  mode,
                                      GCancellable               *cancellable,
                                      GAsyncReadyCallback         callback,
                                      gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  EcertTrustStore *trust = NULL;

  g_return_if_fail (ECERT_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_session_load_certificate_async);

  if (!require_cache (self, task))
    return;

  /* Explaining the stored verdict can do without anchors; checking again
   * cannot. */
  if (mode != ECERT_STORED_CERTIFICATE_READ)
    trust = ecert_trust_directory_get_store (self->trust, &error);
  if (trust == NULL && mode == ECERT_STORED_CERTIFICATE_REVERIFY)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ecert_stored_certificate_load_async (self->cache, row, mode, trust, cancellable,
                                       certificate_loaded_cb, g_steal_pointer (&task));
}

/**
 * ecert_session_load_certificate_finish:
 *
 * Returns: (transfer full): the certificate, or %NULL with @error set
 */
EcertStoredCertificate *
ecert_session_load_certificate_finish (EcertSession  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The cache ------------------------------------------------------------------ */

static void
cache_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EcertSession) self = user_data;
  g_autoptr(GError) error = NULL;
  EcertCache *cache = ecert_cache_open_finish (result, &error);

  if (cache == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error_property (self, &self->cache_error, error, properties[PROP_CACHE_ERROR]);
      return;
    }

  self->cache = cache;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);

  /* A desk that fetches automatically starts with a fetch: what arrived
   * while it was closed is what the inspector needs first. */
  schedule_auto_sync (self);
  if (self->auto_sync_id != 0)
    auto_sync_cb (self);
  connect_office (self);
}

/* Object ------------------------------------------------------------------- */

static void
ecert_session_constructed (GObject *object)
{
  EcertSession *self = ECERT_SESSION (object);

  G_OBJECT_CLASS (ecert_session_parent_class)->constructed (object);

  if (self->cache_path == NULL)
    self->cache_path = ecert_cache_get_default_path ();
  if (self->trust_directory == NULL)
    self->trust_directory = ecert_trust_store_get_default_directory ();
  self->trust = ecert_trust_directory_new (self->trust_directory);

  g_signal_connect_object (self->settings, "changed::sync-interval",
                           G_CALLBACK (schedule_auto_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (connection_setting_changed_cb), self, G_CONNECT_SWAPPED);

  self->office = ecert_office_link_new ();
  g_signal_connect_object (self->office, "arrived", G_CALLBACK (office_arrived_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->office, "waited", G_CALLBACK (office_waited_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->office, "notify::profile",
                           G_CALLBACK (office_profile_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->office, "notify::error",
                           G_CALLBACK (office_error_changed_cb), self, G_CONNECT_SWAPPED);

  /* Opening may migrate or check the database: off the main loop. */
  ecert_cache_open_async (self->cache_path, self->cancellable, cache_opened_cb,
                          g_object_ref (self));
}

static void
ecert_session_dispose (GObject *object)
{
  EcertSession *self = ECERT_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  g_clear_handle_id (&self->auto_sync_id, g_source_remove);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (self->office_cancellable != NULL)
    g_cancellable_cancel (self->office_cancellable);
  g_clear_object (&self->office_cancellable);
  if (self->office != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->office, self);
      ecert_office_link_disconnect (self->office);
      g_clear_object (&self->office);
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->cache);
  forget_passphrase (self);

  G_OBJECT_CLASS (ecert_session_parent_class)->dispose (object);
}

static void
ecert_session_finalize (GObject *object)
{
  EcertSession *self = ECERT_SESSION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sync_cancellable);
  g_clear_object (&self->sync);
  g_clear_pointer (&self->cache_path, g_free);
  g_clear_pointer (&self->trust_directory, g_free);
  g_clear_object (&self->trust);
  g_clear_pointer (&self->sync_status, g_free);
  g_clear_error (&self->cache_error);
  g_clear_error (&self->last_error);
  g_clear_error (&self->hub_error);
  g_clear_error (&self->last_mail_error);

  G_OBJECT_CLASS (ecert_session_parent_class)->finalize (object);
}

static void
ecert_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EcertSession *self = ECERT_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_CACHE_PATH:
      g_value_set_string (value, self->cache_path);
      break;

    case PROP_TRUST_DIRECTORY:
      g_value_set_string (value, self->trust_directory);
      break;

    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;

    case PROP_CACHE_ERROR:
      g_value_set_boxed (value, self->cache_error);
      break;

    case PROP_SYNCING:
      g_value_set_boolean (value, ecert_session_get_syncing (self));
      break;

    case PROP_SYNC_STATUS:
      g_value_set_string (value, self->sync_status);
      break;

    case PROP_SYNC_FRACTION:
      g_value_set_double (value, self->sync_fraction);
      break;

    case PROP_LAST_ERROR:
      g_value_set_boxed (value, self->last_error);
      break;

    case PROP_LAST_MAIL_ERROR:
      g_value_set_boxed (value, self->last_mail_error);
      break;

    case PROP_OFFICE_PROFILE:
      g_value_set_pointer (value, (gpointer) ecert_session_get_office_profile (self));
      break;

    case PROP_OFFICE_ERROR:
      g_value_set_boxed (value, ecert_session_get_office_error (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EcertSession *self = ECERT_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_CACHE_PATH:
      self->cache_path = g_value_dup_string (value);
      break;

    case PROP_TRUST_DIRECTORY:
      self->trust_directory = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ecert_session_class_init (EcertSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ecert_session_constructed;
  object_class->dispose = ecert_session_dispose;
  object_class->finalize = ecert_session_finalize;
  object_class->get_property = ecert_session_get_property;
  object_class->set_property = ecert_session_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CACHE_PATH] =
    g_param_spec_string ("cache-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TRUST_DIRECTORY] =
    g_param_spec_string ("trust-directory", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EcertSession:cache:
   *
   * The cache, once it is open; it stays open as long as the session.
   */
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL,
                         ECERT_TYPE_CACHE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EcertSession:cache-error:
   *
   * Why the cache could not be opened.
   */
  properties[PROP_CACHE_ERROR] =
    g_param_spec_boxed ("cache-error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EcertSession:syncing:
   *
   * Whether a fetch is under way.
   */
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EcertSession:sync-status:
   *
   * What the fetch under way is doing, in a few words for people.
   */
  properties[PROP_SYNC_STATUS] =
    g_param_spec_string ("sync-status", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EcertSession:sync-fraction:
   *
   * How much of what the hub listed has been received; negative until the
   * hub has said how much there is.
   */
  properties[PROP_SYNC_FRACTION] =
    g_param_spec_double ("sync-fraction", NULL, NULL,
                         -1, 1, -1,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EcertSession:last-error:
   *
   * Why the last fetch failed; see ecert_session_get_last_error().
   */
  properties[PROP_LAST_ERROR] =
    g_param_spec_boxed ("last-error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EcertSession:last-mail-error:
   *
   * Why reading the mailbox failed in the last fetch; see
   * ecert_session_get_last_mail_error().
   */
  properties[PROP_LAST_MAIL_ERROR] =
    g_param_spec_boxed ("last-mail-error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EcertSession:office-profile:
   *
   * Who this desk is at its office; see ecert_session_get_office_profile().
   */
  properties[PROP_OFFICE_PROFILE] =
    g_param_spec_pointer ("office-profile", NULL, NULL,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * EcertSession:office-error:
   *
   * Why the office cannot be reached; see ecert_session_get_office_error().
   */
  properties[PROP_OFFICE_ERROR] =
    g_param_spec_boxed ("office-error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EcertSession::sync-finished:
   * @error: (nullable): why the hub's part ended early: cancelled when
   *   stopped, %ECERT_ERROR_INVALID_ADDRESS when neither a hub nor a mail
   *   account is set up; %NULL when it received all the hub had, or when
   *   only a mail account is set up
   *
   * A fetch ended; ecert_session_get_sync_progress() has its counts, and
   * ecert_session_get_last_mail_error() says whether the mailbox was read.
   */
  signals[SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * EcertSession::new-arrivals:
   * @certificates: certificates stored for the first time
   * @responses: inquiries and responses stored for the first time
   *
   * A fetch that ran to its end (detail "fetch") or an import (detail
   * "import") stored something the cache did not hold before.
   */
  signals[NEW_ARRIVALS] =
    g_signal_new ("new-arrivals", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * EcertSession::outbox-flushed:
   *
   * A delivery of the outbox ended, whether it reached the hub or not:
   * what was sent, and what the hub says of it, may have changed.
   */
  signals[OUTBOX_FLUSHED] =
    g_signal_new ("outbox-flushed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ecert_session_init (EcertSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->sync_fraction = -1;
}
