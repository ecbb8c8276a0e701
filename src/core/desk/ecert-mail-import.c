/* ecert-mail-import.c: certificates pushed by mail, into the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pipeline for every way mail comes in (a mail file, an mbox, a
 * Maildir, an IMAP folder): each message is read for the certificates it
 * carries, each certificate goes the way a pulled one does (read, verified
 * against the desk's anchors, stored with its verdict), and the message is
 * marked done only once they are stored. A message that is read again
 * after an interruption stores nothing twice: the cache keeps a
 * certificate's bytes once, and a message's receipt once.
 */

#define G_LOG_DOMAIN "ecert-mail-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ecert-error.h"
#include "ecert-importer.h"
#include "ecert-mail-import.h"
#include "ecert-maildir.h"
#include "ecert-task.h"
#include "ecert-text.h"

/* An attachment's name in a result line: enough to recognise it. */
#define MAX_LABEL_NAME 80

void
ecert_mail_import_free (EcertMailImport *import)
{
  if (import == NULL)
    return;

  g_free (import->label);
  g_free (import->message_id);
  g_free (import->sender);
  g_free (import->problem);
  g_clear_pointer (&import->results, g_ptr_array_unref);
  g_free (import);
}

static EcertMailImport *
mail_import_new (const char *label)
{
  EcertMailImport *import = g_new0 (EcertMailImport, 1);

  import->label = g_strdup (label);
  import->results = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_import_result_free);
  return import;
}

static EcertMailImport *
refused_whole (EcertMailImport *import,
               const char      *problem)
{
  import->outcome = ECERT_MAIL_REJECTED;
  import->problem = g_strdup (problem);
  return import;
}

/**
 * ecert_mail_import_looks_like_mail:
 *
 * Whether a file's @contents are a mail message or an mbox rather than a
 * certificate: its first line is a header ("Name: value") or an mbox's
 * "From " line. A certificate starts with "<" or with base64, which has
 * no colon.
 */
gboolean
ecert_mail_import_looks_like_mail (GBytes *contents)
{
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  gsize i = 0;

  if (ecert_mail_looks_like_mbox (contents))
    return TRUE;

  while (i < length && (g_ascii_isalnum (data[i]) || data[i] == '-'))
    i++;
  return i > 0 && i < length && data[i] == ':';
}

static EcertCacheMailSignature
cache_signature_for (EcertMailSignature signature)
{
  switch (signature)
    {
    case ECERT_MAIL_SIGNED:
      return ECERT_CACHE_MAIL_SIGNED;
    case ECERT_MAIL_SIGNER_UNKNOWN:
      return ECERT_CACHE_MAIL_SIGNER_UNKNOWN;
    case ECERT_MAIL_SIGNATURE_FAILED:
      return ECERT_CACHE_MAIL_SIGNATURE_FAILED;
    case ECERT_MAIL_NOT_SIGNED:
    default:
      return ECERT_CACHE_MAIL_NOT_SIGNED;
    }
}

static EcertCacheProvenance *
provenance_for (const EcertMailMessage *message,
                const char             *mailbox)
{
  EcertCacheProvenance *provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_MAIL);

  provenance->mail_from = g_strdup (message->sender);
  provenance->mail_message_id = g_strdup (message->message_id);
  if (message->date != NULL)
    provenance->mail_date = g_date_time_ref (message->date);
  provenance->mailbox = g_strdup (mailbox);
  provenance->mail_signature = cache_signature_for (message->signature);
  provenance->mail_signer = g_strdup (message->signer);
  return provenance;
}

/* "message: attachment name", the name made safe to show and cut short. */
static char *
part_label (const char          *label,
            const EcertMailPart *part)
{
  g_autofree char *name = ecert_text_sanitize (part->name != NULL ? part->name
                                                                 : part->content_type,
                                               ECERT_TEXT_ONE_LINE);

  if (g_utf8_strlen (name, -1) > MAX_LABEL_NAME)
    {
      g_autofree char *shortened = g_utf8_substring (name, 0, MAX_LABEL_NAME);

      g_free (name);
      name = g_strconcat (shortened, "…", NULL);
    }
  return g_strdup_printf ("%s: %s", label, name);
}

static EcertImportResult *
refused_part (const char *label,
              const char *problem)
{
  EcertImportResult *result = g_new0 (EcertImportResult, 1);

  result->path = g_strdup (label);
  result->outcome = ECERT_IMPORT_REJECTED;
  result->message = g_strdup (problem);
  return result;
}

static EcertMailOutcome
outcome_of (GPtrArray *results)
{
  gboolean any_taken = FALSE;

  for (guint i = 0; i < results->len; i++)
    {
      EcertImportResult *result = g_ptr_array_index (results, i);

      if (result->outcome == ECERT_IMPORT_NOT_STORED)
        return ECERT_MAIL_NOT_STORED;
      if (result->outcome == ECERT_IMPORT_STORED || result->outcome == ECERT_IMPORT_DUPLICATE)
        any_taken = TRUE;
    }

  return any_taken ? ECERT_MAIL_IMPORTED : ECERT_MAIL_REJECTED;
}

/**
 * ecert_mail_import_message:
 * @raw: the message's bytes
 * @mailbox: where it was read, as its certificates' provenance names it
 * @label: the message, as the results name it
 * @max_size: the largest message read
 *
 * Reads one message and stores every certificate it carries, with the
 * provenance "received by mail". Blocking.
 *
 * Returns: (transfer full): what became of the message and its parts
 */
EcertMailImport *
ecert_mail_import_message (EcertCache      *cache,
                           EcertTrustStore *trust,
                           GBytes          *raw,
                           const char      *mailbox,
                           const char      *label,
                           gsize            max_size)
{
  g_autoptr(EcertMailImport) import = mail_import_new (label);
  g_autoptr(EcertMailMessage) message = NULL;
  g_autoptr(EcertCacheProvenance) provenance = NULL;
  g_autoptr(GError) error = NULL;

  message = ecert_mail_message_parse (raw, max_size, trust, &error);
  if (message == NULL)
    return refused_whole (g_steal_pointer (&import), error->message);

  import->message_id = g_strdup (message->message_id);
  import->sender = g_strdup (message->sender);
  provenance = provenance_for (message, mailbox);

  for (guint i = 0; i < message->parts->len; i++)
    {
      EcertMailPart *part = g_ptr_array_index (message->parts, i);
      g_autofree char *name = part_label (label, part);

      g_ptr_array_add (import->results,
                       part->content != NULL
                       ? ecert_import_document (cache, trust, part->content, name, provenance)
                       : refused_part (name, part->problem));
    }

  import->outcome = outcome_of (import->results);
  if (import->results->len == 0)
    return refused_whole (g_steal_pointer (&import),
                          _("The message carries no SPS certificate"));
  return g_steal_pointer (&import);
}

/**
 * ecert_mail_import_bytes:
 * @contents: a mail file: one message, or an mbox of several
 * @label: the file, as results and provenance name it
 *
 * Returns: (transfer full) (element-type EcertMailImport): one per message
 */
GPtrArray *
ecert_mail_import_bytes (EcertCache      *cache,
                         EcertTrustStore *trust,
                         GBytes          *contents,
                         const char      *label,
                         gsize            max_size)
{
  GPtrArray *imports = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_mail_import_free);
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;

  if (!ecert_mail_looks_like_mbox (contents))
    {
      g_ptr_array_add (imports, ecert_mail_import_message (cache, trust, contents, label, label,
                                                           max_size));
      return imports;
    }

  messages = ecert_mail_split_mbox (contents, &error);
  if (messages == NULL)
    {
      g_ptr_array_add (imports, refused_whole (mail_import_new (label), error->message));
      return imports;
    }

  for (guint i = 0; i < messages->len; i++)
    {
      /* Translators: a mailbox file and the number of a message in it */
      g_autofree char *message_label = g_strdup_printf (_("%s, message %u"), label, i + 1);

      g_ptr_array_add (imports, ecert_mail_import_message (cache, trust, messages->pdata[i],
                                                           label, message_label, max_size));
    }
  return imports;
}

/**
 * ecert_mail_import_take_results:
 * @results: (element-type EcertImportResult): where to move the message's
 *   results, with a result of its own when the whole message was refused
 *
 * For callers that list certificates rather than messages, such as the
 * window's import.
 */
void
ecert_mail_import_take_results (EcertMailImport *import,
                                GPtrArray       *results)
{
  if (import->problem != NULL)
    g_ptr_array_add (results, refused_part (import->label, import->problem));

  for (guint i = 0; i < import->results->len; i++)
    g_ptr_array_add (results, g_steal_pointer (&import->results->pdata[i]));
  g_ptr_array_set_size (import->results, 0);
}

/**
 * ecert_mail_import_maildir:
 * @directory: a Maildir
 *
 * Imports every message in new/. Each is then moved to cur/: marked seen
 * once its certificates are stored, left unseen when nothing in it could
 * be read, for a person to look at; a message the cache could not take
 * stays in new/ and stops the import.
 *
 * Returns: (transfer full) (element-type EcertMailImport): one per message
 *   read, or %NULL with @error set when the Maildir or the cache fails
 */
GPtrArray *
ecert_mail_import_maildir (EcertCache       *cache,
                           EcertTrustStore  *trust,
                           const char       *directory,
                           gsize             max_size,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr(GPtrArray) paths = ecert_maildir_list_new (directory, error);
  g_autoptr(GPtrArray) imports = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_mail_import_free);

  if (paths == NULL)
    return NULL;

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GBytes) raw = NULL;
      EcertMailImport *import;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      raw = g_file_load_bytes (file, cancellable, NULL, error);
      if (raw == NULL)
        return NULL;

      import = ecert_mail_import_message (cache, trust, raw, directory, path, max_size);
      g_ptr_array_add (imports, import);
      if (import->outcome == ECERT_MAIL_NOT_STORED)
        {
          g_set_error (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                       _("The certificates of %s could not be stored; the message stays to be read again"),
                       path);
          return NULL;
        }
      if (!ecert_maildir_file_away (path, import->outcome == ECERT_MAIL_IMPORTED, error))
        return NULL;
    }

  return g_steal_pointer (&imports);
}

/* IMAP --------------------------------------------------------------------- */

static EcertMailImport *
fetch_one (EcertImapClient  *client,
           EcertCache       *cache,
           EcertTrustStore  *trust,
           const char       *mailbox,
           guint32           uid,
           guint64           size,
           gsize             max_size,
           GError          **error)
{
  /* Translators: a mail folder's address and a message's number in it */
  g_autofree char *label = g_strdup_printf (_("%s, message %u"), mailbox, uid);
  g_autoptr(GBytes) raw = NULL;

  if (size > max_size)
    {
      g_autofree char *have = g_format_size (size);
      g_autofree char *limit = g_format_size (max_size);
      g_autofree char *problem = g_strdup_printf (_("The message is %s, over the limit of %s; it was not read"),
                                                  have, limit);

      return refused_whole (mail_import_new (label), problem);
    }

  raw = ecert_imap_client_fetch (client, uid, max_size, error);
  if (raw == NULL)
    return NULL;
  return ecert_mail_import_message (cache, trust, raw, mailbox, label, max_size);
}

/* Tells the server what became of a batch, once its certificates are
 * committed: read and imported (and moved away, when asked), or turned
 * down. */
static gboolean
acknowledge (EcertImapClient        *client,
             const EcertImapAccount *account,
             GArray                 *imported,
             GArray                 *rejected,
             GError                **error)
{
  const guint32 *done = (const guint32 *) imported->data;
  const guint32 *refused = (const guint32 *) rejected->data;

  return ecert_imap_client_add_flags (client, done, imported->len,
                                      "\\Seen " ECERT_IMAP_KEYWORD_IMPORTED, error) &&
         (account->move_to == NULL || account->move_to[0] == '\0' ||
          ecert_imap_client_move (client, done, imported->len, account->move_to, error)) &&
         ecert_imap_client_add_flags (client, refused, rejected->len,
                                      ECERT_IMAP_KEYWORD_REJECTED, error);
}

typedef struct
{
  EcertImapClient        *client;
  EcertCache             *cache;
  EcertTrustStore        *trust;
  const EcertImapAccount *account;
  const char             *mailbox;
  GHashTable             *sizes;
  gsize                   max_size;
  GPtrArray              *imports;
} Fetch;

/* Reads a batch of messages into one transaction. */
static gboolean
store_batch (Fetch          *fetch,
             const guint32  *uids,
             guint           n_uids,
             GArray         *imported,
             GArray         *rejected,
             GError        **error)
{
  for (guint i = 0; i < n_uids; i++)
    {
      guint64 *size = g_hash_table_lookup (fetch->sizes, GUINT_TO_POINTER (uids[i]));
      EcertMailImport *import = fetch_one (fetch->client, fetch->cache, fetch->trust,
                                           fetch->mailbox, uids[i], *size, fetch->max_size,
                                           error);

      if (import == NULL)
        return FALSE;
      g_ptr_array_add (fetch->imports, import);

      if (import->outcome == ECERT_MAIL_NOT_STORED)
        {
          g_set_error (error, ECERT_ERROR, ECERT_ERROR_CACHE,
                       _("The certificates of %s could not be stored; the message stays unread, to be read again"),
                       import->label);
          return FALSE;
        }
      g_array_append_val (import->outcome == ECERT_MAIL_IMPORTED ? imported : rejected, uids[i]);
    }
  return TRUE;
}

static gboolean
fetch_batch (Fetch          *fetch,
             const guint32  *uids,
             guint           n_uids,
             GError        **error)
{
  g_autoptr(GArray) imported = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) rejected = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (!ecert_cache_begin (fetch->cache, error))
    return FALSE;
  if (!store_batch (fetch, uids, n_uids, imported, rejected, error))
    {
      ecert_cache_rollback (fetch->cache);
      return FALSE;
    }
  /* Nothing is marked before this commit. */
  return ecert_cache_commit (fetch->cache, error) &&
         acknowledge (fetch->client, fetch->account, imported, rejected, error);
}

/**
 * ecert_mail_fetch:
 * @account: the folder certificates are pushed to
 * @max_size: the largest message read; a larger one is turned down unread
 * @batch: how many messages are stored in one transaction, and marked
 *   together once it is committed; 0 for %ECERT_MAIL_FETCH_BATCH
 * @progress: (nullable): told after each batch
 *
 * Reads every unread message of the folder that the desk has not already
 * turned down, stores the certificates, and marks each message once they
 * are stored. Blocking.
 *
 * Returns: (transfer full) (element-type EcertMailImport): one per message,
 *   or %NULL with @error set; what was stored before an error stays stored,
 *   and what was not marked is read again next time
 */
GPtrArray *
ecert_mail_fetch (EcertCache              *cache,
                  EcertTrustStore         *trust,
                  const EcertImapAccount  *account,
                  gsize                    max_size,
                  guint                    batch,
                  EcertMailProgress        progress,
                  gpointer                 progress_data,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_autoptr(EcertImapClient) client = NULL;
  g_autoptr(GArray) uids = NULL;
  g_autoptr(GHashTable) sizes = NULL;
  g_autoptr(GPtrArray) imports = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_mail_import_free);
  g_autofree char *mailbox = ecert_imap_account_describe (account);
  Fetch fetch = { 0 };

  client = ecert_imap_client_connect (account, cancellable, error);
  if (client == NULL)
    return NULL;

  uids = ecert_imap_client_search_unread (client, error);
  if (uids == NULL)
    return NULL;
  sizes = ecert_imap_client_fetch_sizes (client, (const guint32 *) uids->data, uids->len, error);
  if (sizes == NULL)
    return NULL;

  if (batch == 0)
    batch = ECERT_MAIL_FETCH_BATCH;
  fetch = (Fetch) { client, cache, trust, account, mailbox, sizes, max_size, imports };
  for (guint first = 0; first < uids->len; first += batch)
    {
      guint count = MIN (batch, uids->len - first);

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !fetch_batch (&fetch, &g_array_index (uids, guint32, first), count, error))
        return NULL;
      if (progress != NULL)
        progress (first + count, uids->len, progress_data);
    }

  ecert_imap_client_logout (client);
  return g_steal_pointer (&imports);
}

typedef struct
{
  EcertCache        *cache;
  EcertTrustStore   *trust;
  EcertImapAccount  *account;
  GMainContext      *context;
  EcertMailProgress  progress;
  gpointer           progress_data;
} FetchJob;

static void
fetch_job_free (FetchJob *job)
{
  g_clear_object (&job->cache);
  g_clear_object (&job->trust);
  g_clear_pointer (&job->account, ecert_imap_account_free);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

typedef struct
{
  FetchJob *job;
  guint     done;
  guint     total;
} FetchStep;

static gboolean
report_step_cb (gpointer user_data)
{
  FetchStep *step = user_data;

  step->job->progress (step->done, step->total, step->job->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: the caller hears of each message on its own thread. The
 * job outlives the steps, which run before the task's callback. */
static void
report_step (guint    done,
             guint    total,
             gpointer user_data)
{
  FetchJob *job = user_data;
  FetchStep *step = g_new (FetchStep, 1);

  *step = (FetchStep) { job, done, total };
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, report_step_cb, step, g_free);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchJob *job = task_data;
  GError *error = NULL;
  GPtrArray *imports = ecert_mail_fetch (job->cache, job->trust, job->account,
                                         ECERT_MAIL_DEFAULT_MAX_SIZE, 0,
                                         job->progress != NULL ? report_step : NULL, job,
                                         cancellable, &error);

  ecert_task_return_result (task, imports, (GDestroyNotify) g_ptr_array_unref, error);
}

/**
 * ecert_mail_fetch_async:
 * @progress: (nullable): told after each batch of messages, on the thread
 *   that called this
 *
 * ecert_mail_fetch() in a worker thread.
 */
void
ecert_mail_fetch_async (EcertCache              *cache,
                        EcertTrustStore         *trust,
                        const EcertImapAccount  *account,
                        EcertMailProgress        progress,
                        gpointer                 progress_data,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  FetchJob *job = g_new0 (FetchJob, 1);

  job->cache = g_object_ref (cache);
  job->trust = g_object_ref (trust);
  job->account = ecert_imap_account_copy (account);
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->progress_data = progress_data;
  ecert_task_run_in_thread (cache, ecert_mail_fetch_async, fetch_thread, job,
                            (GDestroyNotify) fetch_job_free, cancellable, callback, user_data);
}

/**
 * ecert_mail_fetch_finish:
 *
 * Returns: (transfer full) (element-type EcertMailImport): one per message,
 *   or %NULL with @error set
 */
GPtrArray *
ecert_mail_fetch_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ecert_mail_count_unread:
 * @account: the folder certificates are pushed to
 *
 * Signs in and counts what a fetch would read, reading and marking
 * nothing: the check of an account as it is set up. Blocking.
 *
 * Returns: whether the folder could be read, with @unread set
 */
gboolean
ecert_mail_count_unread (const EcertImapAccount  *account,
                         guint                   *unread,
                         GCancellable            *cancellable,
                         GError                 **error)
{
  g_autoptr(EcertImapClient) client = NULL;
  g_autoptr(GArray) uids = NULL;

  client = ecert_imap_client_connect (account, cancellable, error);
  if (client == NULL)
    return FALSE;

  uids = ecert_imap_client_search_unread (client, error);
  if (uids == NULL)
    return FALSE;

  ecert_imap_client_logout (client);
  *unread = uids->len;
  return TRUE;
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  guint unread = 0;

  if (ecert_mail_count_unread (task_data, &unread, cancellable, &error))
    g_task_return_int (task, unread);
  else
    g_task_return_error (task, error);
}

/**
 * ecert_mail_count_unread_async:
 *
 * ecert_mail_count_unread() in a worker thread.
 */
void
ecert_mail_count_unread_async (const EcertImapAccount *account,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  ecert_task_run_in_thread (NULL, ecert_mail_count_unread_async, count_thread,
                            ecert_imap_account_copy (account),
                            (GDestroyNotify) ecert_imap_account_free,
                            cancellable, callback, user_data);
}

/**
 * ecert_mail_count_unread_finish:
 *
 * Returns: whether the folder could be read, with @unread set
 */
gboolean
ecert_mail_count_unread_finish (GAsyncResult  *result,
                                guint         *unread,
                                GError       **error)
{
  gssize count = g_task_propagate_int (G_TASK (result), error);

  if (count < 0)
    return FALSE;
  *unread = (guint) count;
  return TRUE;
}
