/* ecert-sync.c: one synchronisation run with an exchange hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run refreshes the trust anchors from the hub's NPPOs, acknowledges
 * what an earlier run stored but could not acknowledge, then pulls every
 * pending envelope, reads and verifies it off the main thread, stores it
 * and only then acknowledges it. An acknowledgement tells the hub it may
 * forget the envelope, so it must never precede a durable commit: the
 * store (a desk's cache, an office's database) records the pending
 * acknowledgement in the same transaction as the certificate, and a run
 * killed in between acknowledges it next time.
 */

#define G_LOG_DOMAIN "ecert-sync"

#include "config.h"

#include "ecert-sync.h"

#include "ecert-cache-sync-store.h"

#include "ecert-content.h"
#include "ecert-error.h"
#include "ecert-sps-model.h"
#include "ecert-inquiry.h"
#include "ecert-task.h"
#include "ecert-verifier.h"

/* Envelopes stored per transaction: every commit waits for the disk, and
 * a backlog of thousands should not wait thousands of times. A batch is
 * also written whenever nothing else is being read, so a slow hub never
 * holds back what has arrived. */
#define STORE_BATCH 64

struct _EcertSync
{
  GObject            parent_instance;

  EcertHubClient    *client;
  EcertSyncStore    *store;
  EcertTrustStore   *trust;
  guint              jobs;
  gboolean           running;
  EcertSyncProgress  progress;
  EcertSyncTimings   timings;
};

G_DEFINE_FINAL_TYPE (EcertSync, ecert_sync, G_TYPE_OBJECT)

enum
{
  SIGNAL_PROGRESS,
  SIGNAL_ENVELOPE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One envelope on its way from the hub to the store. */
typedef struct
{
  EcertEnvelopeHeader *header;
  EcertEnvelope       *envelope;
  EcertCertificate    *certificate;
  EcertVerification   *verification;
  EcertInquiry        *response;  /* an inquiry or reply, not a certificate */
  GBytes              *document;  /* the response as received */
  char                *warning;   /* sent with the acknowledgement */
  char                *failure;   /* why it cannot be read; nothing stored */
  gint64               parse_us;
  gint64               verify_us;
  gint64               pull_started;
} Item;

static void
item_free (Item *item)
{
  g_clear_pointer (&item->header, ecert_envelope_header_free);
  g_clear_pointer (&item->envelope, ecert_envelope_free);
  g_clear_object (&item->certificate);
  g_clear_object (&item->verification);
  g_clear_object (&item->response);
  g_clear_pointer (&item->document, g_bytes_unref);
  g_free (item->warning);
  g_free (item->failure);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Item, item_free)

typedef struct
{
  EcertSync    *self;
  GTask        *task;          /* not a reference: the task owns the run */
  GCancellable *cancellable;
  /* The hub's last list, and which of its headers are new to this run, in
   * its order: a desk far behind may be listed hundreds of thousands. */
  EcertEnvelopeHeaderList *headers;
  GArray       *to_pull;       /* (element-type guint) */
  guint         next;          /* in to_pull */
  GHashTable   *handled;       /* delivery numbers seen in this run */
  GStringChunk *handled_numbers; /* the keys of handled */
  gboolean      new_in_poll;
  guint         reading;       /* pulled or being read */
  guint         acking;
  GPtrArray    *ready;         /* (element-type Item) read, to be stored */
  GPtrArray    *confirmed;     /* (element-type utf8) acknowledged, still pending here */
  GError       *error;         /* the first error that ends the run */
  gint64        started;
  gint64        poll_started;
  gboolean      returned;
  gboolean      writing;
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->headers, ecert_envelope_header_list_unref);
  g_clear_pointer (&run->to_pull, g_array_unref);
  g_clear_pointer (&run->handled, g_hash_table_unref);
  g_clear_pointer (&run->handled_numbers, g_string_chunk_free);
  g_clear_pointer (&run->ready, g_ptr_array_unref);
  g_clear_pointer (&run->confirmed, g_ptr_array_unref);
  g_clear_object (&run->cancellable);
  g_clear_error (&run->error);
  g_free (run);
}

static void
ecert_sync_dispose (GObject *object)
{
  EcertSync *self = ECERT_SYNC (object);

  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->trust);

  G_OBJECT_CLASS (ecert_sync_parent_class)->dispose (object);
}

static void
ecert_sync_class_init (EcertSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ecert_sync_dispose;

  /**
   * EcertSync::progress:
   *
   * The counts changed; read them with ecert_sync_get_progress().
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * EcertSync::envelope-failed:
   * @delivery_number: the hub's delivery number
   * @reason: why it could not be read
   *
   * An envelope could not be read and was acknowledged as failed.
   */
  signals[SIGNAL_ENVELOPE_FAILED] =
    g_signal_new ("envelope-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
ecert_sync_init (EcertSync *self)
{
  self->jobs = ECERT_SYNC_DEFAULT_JOBS;
}

/**
 * ecert_sync_new_for_store:
 * @client: the hub to synchronise with, its client certificate set
 * @store: where what is pulled is stored
 * @trust: where the NPPOs' signing certificates are added and verified
 *   against
 */
EcertSync *
ecert_sync_new_for_store (EcertHubClient  *client,
                          EcertSyncStore  *store,
                          EcertTrustStore *trust)
{
  EcertSync *self;

  g_return_val_if_fail (ECERT_IS_HUB_CLIENT (client), NULL);
  g_return_val_if_fail (ECERT_IS_SYNC_STORE (store), NULL);
  g_return_val_if_fail (ECERT_IS_TRUST_STORE (trust), NULL);

  self = g_object_new (ECERT_TYPE_SYNC, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  self->trust = g_object_ref (trust);
  return self;
}

/**
 * ecert_sync_new:
 * @client: the hub to synchronise with, its client certificate set
 * @cache: the desk's cache, where certificates are stored
 * @trust: where the NPPOs' signing certificates are added and verified
 *   against
 */
EcertSync *
ecert_sync_new (EcertHubClient  *client,
                EcertCache      *cache,
                EcertTrustStore *trust)
{
  g_autoptr(EcertSyncStore) store = NULL;

  g_return_val_if_fail (ECERT_IS_CACHE (cache), NULL);

  store = ecert_cache_sync_store_new (cache);
  return ecert_sync_new_for_store (client, store, trust);
}

/**
 * ecert_sync_set_jobs:
 * @jobs: envelopes pulled and read at once; 0 means the default
 */
void
ecert_sync_set_jobs (EcertSync *self,
                     guint      jobs)
{
  g_return_if_fail (ECERT_IS_SYNC (self));
  self->jobs = jobs == 0 ? ECERT_SYNC_DEFAULT_JOBS : jobs;
}

guint
ecert_sync_get_jobs (EcertSync *self)
{
  g_return_val_if_fail (ECERT_IS_SYNC (self), 0);
  return self->jobs;
}

const EcertSyncProgress *
ecert_sync_get_progress (EcertSync *self)
{
  g_return_val_if_fail (ECERT_IS_SYNC (self), NULL);
  return &self->progress;
}

const EcertSyncTimings *
ecert_sync_get_timings (EcertSync *self)
{
  g_return_val_if_fail (ECERT_IS_SYNC (self), NULL);
  return &self->timings;
}

/**
 * ecert_sync_describe_problems:
 *
 * What the sender should hear about a certificate that was stored, in
 * the words of an AdvancedAcknowledgeEnvelopeReceipt. The rule (see
 * docs/hub-protocol.md): a signature that does not verify, or a signer
 * the sending country's NPPO does not vouch for, and elements the model
 * has no place for (a reader would not see them). Schema findings alone
 * are not a warning: the WSDL's own schema rejects every signed
 * certificate. An unsigned certificate is not one either: most are.
 *
 * The text goes to another country's NPPO, so it is not translated.
 *
 * Returns: (transfer full) (nullable): the warning, or %NULL when all is well
 */
char *
ecert_sync_describe_problems (EcertCertificate  *certificate,
                              EcertVerification *verification)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *unknown;

  g_return_val_if_fail (ECERT_IS_CERTIFICATE (certificate), NULL);

  if (verification != NULL)
    {
      switch (ecert_verification_get_verdict (verification))
        {
        case ECERT_VERDICT_INVALID:
        case ECERT_VERDICT_UNTRUSTED_SIGNER:
        case ECERT_VERDICT_NOT_AUTHORISED:
          g_string_append_printf (text, "Signature not accepted (%s)",
                                  ecert_verdict_to_string (ecert_verification_get_verdict (verification)));
          if (ecert_verification_get_reason (verification) != NULL)
            g_string_append_printf (text, ": %s", ecert_verification_get_reason (verification));
          break;
        case ECERT_VERDICT_VALID:
        case ECERT_VERDICT_EXPIRED_SIGNER:
        case ECERT_VERDICT_UNSIGNED:
        case ECERT_VERDICT_UNSUPPORTED:
        default:
          break;
        }
    }

  unknown = ecert_certificate_get_unknown_elements (certificate);
  if (unknown != NULL && unknown->len > 0)
    {
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%u element(s) not in the SPS model:", unknown->len);
      /* A few paths say enough; the hub need not carry a whole list. */
      for (guint i = 0; i < MIN (unknown->len, 5u); i++)
        g_string_append_printf (text, " %s", ((EcertUnknownElement *) g_ptr_array_index (unknown, i))->path);
      if (unknown->len > 5)
        g_string_append (text, " …");
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
emit_progress (EcertSync *self)
{
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0);
}

static void pump (Run *run);
static void poll_headers (Run *run);

/* Ends the run with @error unless it has already failed. */
static void
fail (Run    *run,
      GError *error)
{
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
}

static gboolean
is_fatal (const GError *error)
{
  /* A fault is about one envelope; anything else (the connection, a reply
   * we cannot read, cancellation) is about the whole run. */
  return !g_error_matches (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT);
}

static void
finish_if_done (Run *run)
{
  EcertSync *self = run->self;
  GTask *task = run->task;

  if (run->returned || run->reading > 0 || run->acking > 0 || run->writing ||
      run->confirmed->len > 0)
    return;
  if (run->error == NULL && !g_cancellable_is_cancelled (run->cancellable) &&
      (run->next < run->to_pull->len || run->ready->len > 0))
    return;

  run->returned = TRUE;
  self->running = FALSE;
  self->timings.total_us = g_get_monotonic_time () - run->started;

  if (run->error != NULL)
    g_task_return_error (task, g_steal_pointer (&run->error));
  else if (g_cancellable_set_error_if_cancelled (run->cancellable, &run->error))
    g_task_return_error (task, g_steal_pointer (&run->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* Acknowledgements */

typedef struct
{
  Run  *run;
  char *delivery_number;
  char *warning;
  gboolean failed;
  gint64 started;
} Ack;

static void
ack_free (Ack *ack)
{
  g_free (ack->delivery_number);
  g_free (ack->warning);
  g_free (ack);
}

static void ack_done (GObject *source, GAsyncResult *result, gpointer user_data);

static void maybe_write (Run *run);

static void
send_ack (Run        *run,
          const char *delivery_number,
          const char *warning,
          const char *failure)
{
  Ack *ack = g_new0 (Ack, 1);
  EcertTrackingInfo state;
  const char *message;

  ack->run = run;
  ack->delivery_number = g_strdup (delivery_number);
  ack->warning = g_strdup (warning);
  ack->failed = failure != NULL;
  ack->started = g_get_monotonic_time ();

  if (failure != NULL)
    {
      state = ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE;
      message = failure;
    }
  else if (warning != NULL)
    {
      state = ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS;
      message = warning;
    }
  else
    {
      state = ECERT_TRACKING_INFO_DELIVERED;
      message = NULL;
    }

  run->acking++;
  ecert_hub_client_acknowledge_async (run->self->client, state, delivery_number, message,
                                      run->cancellable, ack_done, ack);
}

static void
ack_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Ack *ack = user_data;
  Run *run = ack->run;
  EcertSync *self = run->self;
  g_autoptr(GError) error = NULL;

  self->timings.network_us += g_get_monotonic_time () - ack->started;
  run->acking--;

  if (!ecert_hub_client_acknowledge_finish (self->client, result, &error) && is_fatal (error))
    {
      /* Still pending in the store: the next run sends it again. */
      fail (run, g_steal_pointer (&error));
    }
  else
    {
      /* A fault means the hub will not take this acknowledgement however
       * often it is sent (the envelope is gone, say); keeping it pending
       * would only repeat the fault on every run. */
      if (error != NULL)
        g_warning ("The hub refused the acknowledgement of %s: %s",
                   ack->delivery_number, error->message);
      else
        self->progress.acknowledged++;

      /* Forgotten in batches: a commit per acknowledgement would wait
       * for the disk thousands of times. Killed before that commit, the
       * next run acknowledges again, which the hub takes as a no-op. */
      if (!ack->failed)
        {
          g_ptr_array_add (run->confirmed, g_steal_pointer (&ack->delivery_number));
        }
      emit_progress (self);
    }

  ack_free (ack);
  pump (run);
}

/* Storing, in a worker thread: a commit waits for the disk, and the main
 * loop should meanwhile keep the hub busy. One write at a time. */

typedef struct
{
  EcertSyncStore *store;
  char           *hub_url;
  GPtrArray      *items;       /* (element-type Item) to store */
  GPtrArray      *confirmed;   /* (element-type utf8) pending records to remove */
  GArray         *duplicates;  /* gboolean per item */
  gint64          us;
} Write;

static void
write_free (Write *write)
{
  g_clear_object (&write->store);
  g_free (write->hub_url);
  g_clear_pointer (&write->items, g_ptr_array_unref);
  g_clear_pointer (&write->confirmed, g_ptr_array_unref);
  g_clear_pointer (&write->duplicates, g_array_unref);
  g_free (write);
}

static gboolean
store_item (Write      *write,
            Item       *item,
            GDateTime  *now,
            gboolean   *duplicate,
            GError    **error)
{
  EcertSyncItem stored = {
    .hub_url = write->hub_url,
    .header = item->header,
    .content = item->envelope->content,
    .certificate = item->certificate,
    .verification = item->verification,
    .response = item->response,
    .document = item->document,
    .warning = item->warning,
    .received = now,
  };

  return ecert_sync_store_store (write->store, &stored, duplicate, error);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Write *write = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  gboolean begun, ok;

  begun = ok = ecert_sync_store_begin (write->store, &error);
  for (guint i = 0; ok && i < write->items->len; i++)
    {
      Item *item = g_ptr_array_index (write->items, i);

      if (item->failure == NULL)
        ok = store_item (write, item, now, &g_array_index (write->duplicates, gboolean, i),
                         &error);
    }
  for (guint i = 0; ok && i < write->confirmed->len; i++)
    ok = ecert_sync_store_forget (write->store, write->hub_url,
                                  g_ptr_array_index (write->confirmed, i), &error);

  if (ok)
    ok = ecert_sync_store_commit (write->store, &error);
  else if (begun)
    ecert_sync_store_rollback (write->store);
  write->us = g_get_monotonic_time () - started;

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
write_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  EcertSync *self = run->self;
  Write *write = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  run->writing = FALSE;
  self->timings.store_us += write->us;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Nothing of it was stored: the hub still has it all pending. */
      fail (run, g_steal_pointer (&error));
      pump (run);
      return;
    }

  /* Durable now: only from here may the hub hear about it. */
  for (guint i = 0; i < write->items->len; i++)
    {
      Item *item = g_ptr_array_index (write->items, i);

      if (item->failure != NULL)
        {
          self->progress.failures++;
          g_signal_emit (self, signals[SIGNAL_ENVELOPE_FAILED], 0,
                         item->header->hub_delivery_number, item->failure);
        }
      else if (item->response != NULL)
        {
          if (g_array_index (write->duplicates, gboolean, i))
            self->progress.duplicates++;
          else
            self->progress.responses++;
        }
      else
        {
          if (g_array_index (write->duplicates, gboolean, i))
            self->progress.duplicates++;
          else
            self->progress.stored++;
          if (item->warning != NULL)
            self->progress.warnings++;
        }
      send_ack (run, item->header->hub_delivery_number, item->warning, item->failure);
    }
  if (write->items->len > 0)
    emit_progress (self);
  pump (run);
}

/* Starts a write when enough has gathered, or when nothing else would
 * add to it. Once the run has failed or was cancelled, nothing more is
 * stored, but confirmed acknowledgements are still forgotten. */
static void
maybe_write (Run *run)
{
  EcertSync *self = run->self;
  gboolean stopping = run->error != NULL || g_cancellable_is_cancelled (run->cancellable);
  gboolean store, forget;
  Write *write;

  if (run->writing)
    return;
  if (stopping)
    g_ptr_array_set_size (run->ready, 0);

  store = run->ready->len >= STORE_BATCH || (run->ready->len > 0 && run->reading == 0);
  forget = run->confirmed->len >= STORE_BATCH || (run->confirmed->len > 0 && run->acking == 0);
  if (!store && !forget)
    return;

  write = g_new0 (Write, 1);
  write->store = g_object_ref (self->store);
  write->hub_url = g_strdup (ecert_hub_client_get_address (self->client));
  write->items = run->ready;
  write->confirmed = run->confirmed;
  write->duplicates = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_array_set_size (write->duplicates, write->items->len);
  run->ready = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  run->confirmed = g_ptr_array_new_with_free_func (g_free);

  run->writing = TRUE;
  /* Not cancellable: a write that has begun is committed or rolled back
   * whole. */
  ecert_task_run_in_thread (self, maybe_write, write_in_thread,
                            write, (GDestroyNotify) write_free, NULL, write_done, run);
}

/* Reading, in a worker thread */

/* Inquiries and replies come in envelopes like certificates; one that
 * cannot be read is not readable like a certificate would be. */
static gboolean
read_response (Item   *item,
               GBytes *document)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (document, &size);

  item->response = ecert_inquiry_new_from_xml (data, size, &error);
  if (item->response == NULL)
    {
      if (g_error_matches (error, ECERT_ERROR, ECERT_ERROR_NOT_SPS_ACKNOWLEDGEMENT) &&
          g_strstr_len ((const char *) data, (gssize) MIN (size, 512), "SPSAcknowledgement") == NULL)
        return FALSE;
      item->failure = g_strdup (error->message);
      return TRUE;
    }

  item->document = g_bytes_ref (document);
  return TRUE;
}

static void
read_envelope (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Item *item = task_data;
  EcertSync *self = source_object;
  const char *content = item->envelope->content;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  if (content == NULL)
    {
      item->failure = g_strdup ("The envelope has no Content");
      g_task_return_boolean (task, TRUE);
      return;
    }

  document = ecert_content_decode_document (content, strlen (content), &error);
  if (document != NULL)
    item->certificate = ecert_certificate_new_from_bytes (document, NULL, &error);
  if (g_error_matches (error, ECERT_ERROR, ECERT_ERROR_NOT_SPS_CERTIFICATE) &&
      read_response (item, document))
    {
      item->parse_us = g_get_monotonic_time () - started;
      g_task_return_boolean (task, TRUE);
      return;
    }
  item->parse_us = g_get_monotonic_time () - started;

  if (item->certificate == NULL)
    {
      /* The reason goes to the sender, who may find it useful as is. */
      item->failure = g_strdup (error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  started = g_get_monotonic_time ();
  item->verification = ecert_verify_certificate (item->certificate, self->trust, NULL);
  item->verify_us = g_get_monotonic_time () - started;
  item->warning = ecert_sync_describe_problems (item->certificate, item->verification);
  g_task_return_boolean (task, TRUE);
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;
  EcertSync *self = run->self;
  Item *item = g_task_get_task_data (G_TASK (result));

  self->timings.parse_us += item->parse_us;
  self->timings.verify_us += item->verify_us;
  run->reading--;
  /* The task hands the item over: the batch owns it from here. */
  g_ptr_array_add (run->ready, item);

  pump (run);
}

typedef struct
{
  Run                 *run;
  EcertEnvelopeHeader *header;
  gint64               started;
} Pull;

static void
pull_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Pull *pull = user_data;
  Run *run = pull->run;
  EcertSync *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertEnvelope) envelope = NULL;
  Item *item;

  self->timings.network_us += g_get_monotonic_time () - pull->started;
  envelope = ecert_hub_client_pull_single_import_envelope_finish (self->client, result, &error);
  if (envelope == NULL)
    {
      run->reading--;
      if (is_fatal (error))
        fail (run, g_steal_pointer (&error));
      else
        g_warning ("The hub refused to hand over %s: %s", pull->header->hub_delivery_number,
                   error->message);
      ecert_envelope_header_free (pull->header);
      g_free (pull);
      pump (run);
      return;
    }

  if (envelope->content != NULL)
    self->progress.bytes += strlen (envelope->content);

  item = g_new0 (Item, 1);
  /* The header listed is the one stored: the pulled envelope's may be
   * sparser, depending on the hub. */
  item->header = pull->header;
  item->envelope = g_steal_pointer (&envelope);
  g_free (pull);

  /* No destroy notify: read_done takes the item, and a read always
   * completes. */
  ecert_task_run_in_thread (self, pull_done, read_envelope, item, NULL, NULL, read_done, run);
  emit_progress (self);
}

/* Starts what may be started, and ends the run when nothing is left. */
static void
pump (Run *run)
{
  EcertSync *self = run->self;

  while (run->error == NULL && !g_cancellable_is_cancelled (run->cancellable) &&
         run->reading < self->jobs && run->next < run->to_pull->len)
    {
      guint index = g_array_index (run->to_pull, guint, run->next++);
      Pull *pull;

      pull = g_new0 (Pull, 1);
      pull->run = run;
      pull->header = ecert_envelope_header_list_get (run->headers, index);
      pull->started = g_get_monotonic_time ();
      run->reading++;
      ecert_hub_client_pull_single_import_envelope_async (self->client,
                                                          pull->header->hub_delivery_number,
                                                          run->cancellable, pull_done, pull);
    }

  maybe_write (run);

  /* Everything listed is done: ask again, since more may have arrived
   * meanwhile; a poll with nothing new ends the run. */
  if (run->error == NULL && !g_cancellable_is_cancelled (run->cancellable) &&
      run->next >= run->to_pull->len && run->reading == 0 && run->acking == 0 &&
      !run->writing && run->ready->len == 0 && run->new_in_poll)
    {
      poll_headers (run);
      return;
    }

  finish_if_done (run);
}

/* Takes what the hub lists that this run has not seen, in the hub's
 * order: all of it is known at once, and counted as to be received. */
static void
take_headers (Run                     *run,
              EcertEnvelopeHeaderList *headers)
{
  guint length = ecert_envelope_header_list_get_length (headers);

  g_clear_pointer (&run->headers, ecert_envelope_header_list_unref);
  run->headers = headers;
  g_array_set_size (run->to_pull, 0);
  run->next = 0;

  for (guint i = 0; i < length; i++)
    {
      const char *number = ecert_envelope_header_list_get_delivery_number (headers, i);

      if (number == NULL || g_hash_table_contains (run->handled, number))
        continue;
      g_hash_table_add (run->handled, g_string_chunk_insert (run->handled_numbers, number));
      g_array_append_val (run->to_pull, i);
    }

  run->new_in_poll = run->to_pull->len > 0;
  run->self->progress.seen += run->to_pull->len;
  if (run->to_pull->len > 0)
    emit_progress (run->self);
}

static void
headers_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  EcertSync *self = run->self;
  g_autoptr(GError) error = NULL;
  EcertEnvelopeHeaderList *headers;

  run->acking--;   /* the poll held the run open */
  self->timings.network_us += g_get_monotonic_time () - run->poll_started;
  headers = ecert_hub_client_get_import_envelope_headers_finish (self->client, result, &error);
  if (headers == NULL)
    fail (run, g_steal_pointer (&error));
  else
    take_headers (run, headers);
  pump (run);
}

static void
poll_headers (Run *run)
{
  run->new_in_poll = FALSE;
  run->poll_started = g_get_monotonic_time ();
  run->acking++;
  ecert_hub_client_get_import_envelope_headers_async (run->self->client, run->cancellable,
                                                      headers_done, run);
}

/* Acknowledgements an earlier run could not send: the certificates are
 * stored, so they are acknowledged, not pulled and stored again. */
static gboolean
send_pending_acks (Run     *run,
                   GError **error)
{
  EcertSync *self = run->self;
  const char *hub_url = ecert_hub_client_get_address (self->client);
  g_autoptr(GPtrArray) pending = NULL;

  pending = ecert_sync_store_list_pending (self->store, hub_url, error);
  if (pending == NULL)
    return FALSE;

  for (guint i = 0; i < pending->len; i++)
    {
      const EcertSyncPendingAck *ack = g_ptr_array_index (pending, i);

      /* Not pulled again in this run: it is known, only unconfirmed. */
      g_hash_table_add (run->handled,
                        g_string_chunk_insert (run->handled_numbers, ack->delivery_number));
      send_ack (run, ack->delivery_number, ack->warning, NULL);
    }
  return TRUE;
}

static void
nppos_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  EcertSync *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nppos = NULL;

  run->acking--;
  self->timings.network_us += g_get_monotonic_time () - run->started;
  nppos = ecert_hub_client_get_active_nppos_finish (self->client, result, &error);
  if (nppos == NULL)
    {
      fail (run, g_steal_pointer (&error));
      finish_if_done (run);
      return;
    }

  for (guint i = 0; i < nppos->len; i++)
    {
      EcertNppo *nppo = g_ptr_array_index (nppos, i);
      g_autoptr(GBytes) pem = NULL;
      g_autoptr(GPtrArray) added = NULL;
      g_autoptr(GError) nppo_error = NULL;

      if (nppo->country == NULL || nppo->signing_certificate == NULL)
        continue;
      pem = ecert_nppo_get_signing_certificates_pem (nppo, &nppo_error);
      if (pem != NULL)
        added = ecert_trust_store_add_pem (self->trust, nppo->country, pem, &nppo_error);
      /* One NPPO's unreadable certificate does not stop the others: its
       * certificates then verify as untrusted, which says enough. */
      if (added == NULL)
        g_warning ("The signing certificate of %s cannot be trusted: %s", nppo->country,
                   nppo_error->message);
    }

  if (!send_pending_acks (run, &error))
    {
      fail (run, g_steal_pointer (&error));
      finish_if_done (run);
      return;
    }
  poll_headers (run);
}

/**
 * ecert_sync_run_async:
 *
 * Runs one synchronisation; one at a time per #EcertSync. Cancelling it
 * stops pulling and storing; a store is one transaction, so nothing is
 * ever half stored, and what was stored but not acknowledged is
 * acknowledged by the next run.
 */
void
ecert_sync_run_async (EcertSync           *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  Run *run;

  g_return_if_fail (ECERT_IS_SYNC (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_sync_run_async);

  if (self->running)
    {
      g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_FAILED,
                               "A synchronisation is already running");
      g_object_unref (task);
      return;
    }

  run = g_new0 (Run, 1);
  run->self = self;
  run->task = task;
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  run->to_pull = g_array_new (FALSE, FALSE, sizeof (guint));
  run->handled = g_hash_table_new (g_str_hash, g_str_equal);
  run->handled_numbers = g_string_chunk_new (64 * 1024);
  run->ready = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  run->confirmed = g_ptr_array_new_with_free_func (g_free);
  run->started = g_get_monotonic_time ();
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  self->running = TRUE;
  memset (&self->progress, 0, sizeof self->progress);
  memset (&self->timings, 0, sizeof self->timings);

  run->acking++;
  ecert_hub_client_get_active_nppos_async (self->client, run->cancellable, nppos_done, run);
}

gboolean
ecert_sync_run_finish (EcertSync     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
