/* ecert-hub-call.c: one call to the hub, across its attempts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each attempt sends the request and reads the reply in chunks into the
 * SOAP reply reader, which stops a reply known to be of no use. An attempt
 * is given up when the whole exchange takes longer than its deadline, or
 * when the reply brings less than the minimum rate in any window: a hub
 * that sends a byte at a time would otherwise hold a desk for ever, as the
 * timeout only waits for some progress. Nothing goes over TLS older than
 * 1.2, and a hub's certificate that does not verify is refused.
 *
 * A call is retried, after a growing pause, only when the failure may pass
 * and trying again cannot do harm: when the hub could not be reached at all
 * (nothing was sent), or, for the operations that may safely be repeated,
 * when the connection broke, timed out or the hub said it is unavailable.
 * A fault, a TLS refusal or a reply that is not SOAP is never retried.
 * Every failure becomes an error in words, the hub's own words quoted
 * shown and cut short.
 */

/* A call's messages are the client's. */
#define G_LOG_DOMAIN "ecert-hub-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-error.h"
#include "ecert-hub-client-private.h"
#include "ecert-office-protocol.h"
#include "ecert-soap-private.h"
#include "ecert-soap-reply-reader.h"
#include "ecert-soap.h"
#include "ecert-tls.h"

#define READ_CHUNK (64 * 1024)
#define MAX_RETRY_DELAY_MS 30000

/* One call, across its attempts. */
typedef struct
{
  EcertSoapOperation    operation;
  GBytes               *body;
  guint                 wait_s;   /* how long an office may hold it */
  guint                 attempt;
  SoupMessage          *message;
  GInputStream         *stream;
  EcertSoapReplyReader *reply;
  gboolean              tls_rejected;
  GTlsCertificateFlags  tls_errors;
  GSource              *retry_source;
  GSource              *cancel_source;

  /* The attempt's own cancellable: cancelled with the caller's, and when
   * the attempt is given up for being too slow or on outdated TLS. */
  GCancellable         *attempt_cancellable;
  GCancellable         *caller_cancellable;
  gulong                caller_handler;
  GSource              *deadline_source;
  GSource              *rate_source;
  gsize                 rate_mark;
  gsize                 rate_minimum_bytes;
  gint64                deadline_started;
  guint                 deadline_s;
  guint                 too_slow_after;   /* seconds, when given up for that */
  gboolean              outdated_tls;
} Call;

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
stop_watching (Call *call)
{
  destroy_source (&call->deadline_source);
  destroy_source (&call->rate_source);
  /* Not g_cancellable_disconnect(): it waits for the caller's handlers to
   * return, and this may run inside one of them (libsoup can finish the
   * attempt from within its cancellation), which would never return. The
   * handler holds its own reference to what it cancels. */
  if (call->caller_handler != 0)
    g_signal_handler_disconnect (call->caller_cancellable, call->caller_handler);
  call->caller_handler = 0;
  g_clear_object (&call->caller_cancellable);
}

static void
call_reset (Call *call)
{
  stop_watching (call);
  g_clear_object (&call->message);
  g_clear_object (&call->stream);
  g_clear_pointer (&call->reply, ecert_soap_reply_reader_free);
  g_clear_object (&call->attempt_cancellable);
  call->tls_rejected = FALSE;
  call->tls_errors = 0;
  call->rate_mark = 0;
  call->too_slow_after = 0;
  call->outdated_tls = FALSE;
}

static void
clear_retry_sources (Call *call)
{
  destroy_source (&call->retry_source);
  destroy_source (&call->cancel_source);
}

static void
call_free (Call *call)
{
  call_reset (call);
  g_clear_pointer (&call->body, g_bytes_unref);
  clear_retry_sources (call);
  g_free (call);
}

/* Errors in words */

/**
 * ecert_tls_certificate_flags_describe:
 *
 * Returns: (transfer full): what is wrong with a certificate, in words, one
 *   clause per flag, joined with semicolons
 */
char *
ecert_tls_certificate_flags_describe (GTlsCertificateFlags flags)
{
  static const struct
  {
    GTlsCertificateFlags  flag;
    const char           *text;
  } descriptions[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("it was issued by an authority that is not trusted") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("it was not issued for the hub’s address") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("it is not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("it has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("it has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("it uses an insecure algorithm") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("it could not be checked") },
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    {
      if ((flags & descriptions[i].flag) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, _(descriptions[i].text));
    }

  if (text->len == 0)
    g_string_append (text, _("it could not be checked"));

  return g_string_free (text, FALSE);
}

static gboolean
is_unreachable (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE);
}

/* What glib-networking says when GnuTLS refuses the version a server
 * chose (GNUTLS_E_UNSUPPORTED_VERSION_PACKET), or when a server refuses
 * every version we offer (a protocol_version alert). */
static gboolean
is_outdated_tls_refusal (const GError *error)
{
  return error->domain == G_TLS_ERROR &&
         (strstr (error->message, "unsupported version") != NULL ||
          strstr (error->message, "illegal or unsupported version") != NULL ||
          strstr (error->message, "protocol version") != NULL);
}

/* The error a failed exchange becomes; *transient says whether trying again
 * later might succeed. */
static GError *
describe_transfer_error (EcertHubClient *self,
                         Call           *call,
                         const GError   *error,
                         gboolean        reading,
                         gboolean       *transient)
{
  const char *host = g_uri_get_host (self->uri);

  *transient = FALSE;

  /* Our own cancellations of the attempt say why they happened. */
  if (call->outdated_tls)
    return g_error_new (ECERT_ERROR, ECERT_ERROR_CONNECTION,
                        _("The hub %s only offers an outdated TLS version (older than TLS "
                          "1.2), so nothing was sent."), host);

  if (call->too_slow_after > 0)
    {
      *transient = ecert_soap_operation_is_idempotent (call->operation);
      return g_error_new (ECERT_ERROR, ECERT_ERROR_CONNECTION,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The hub %s is answering too slowly: the exchange was "
                                       "given up after %u second",
                                       "The hub %s is answering too slowly: the exchange was "
                                       "given up after %u seconds", call->too_slow_after),
                          host, call->too_slow_after);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  /* GnuTLS refuses a hub that offers only TLS 1.0 or 1.1 in the handshake,
   * before any certificate is looked at. */
  if (is_outdated_tls_refusal (error))
    return g_error_new (ECERT_ERROR, ECERT_ERROR_CONNECTION,
                        _("The hub %s only offers an outdated TLS version (older than TLS "
                          "1.2), so nothing was sent."), host);

  if (call->tls_rejected)
    {
      g_autofree char *flaws = ecert_tls_certificate_flags_describe (call->tls_errors);

      return g_error_new (ECERT_ERROR, ECERT_ERROR_CONNECTION,
                          _("The certificate of the hub %s is not trusted, so nothing was sent: "
                            "%s"), host, flaws);
    }

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED) ||
      (error->domain == G_TLS_ERROR && self->certificate == NULL))
    return g_error_new (ECERT_ERROR, ECERT_ERROR_CONNECTION,
                        _("The hub %s requires a client certificate, and this desk has none "
                          "configured: %s"), host, error->message);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (ECERT_ERROR, ECERT_ERROR_CONNECTION,
                        _("The hub %s refused the TLS connection; it does not accept this "
                          "desk’s client certificate (expired, or not issued by an authority "
                          "the hub trusts): %s"), host, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      guint seconds = soup_session_get_timeout (self->session);

      *transient = ecert_soap_operation_is_idempotent (call->operation);
      return g_error_new (ECERT_ERROR, ECERT_ERROR_CONNECTION,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The hub %s did not answer within %u second",
                                       "The hub %s did not answer within %u seconds", seconds),
                          host, seconds);
    }

  /* With TLS 1.3 a hub refuses a client certificate after the handshake,
   * so the refusal shows as a connection closed under the request. */
  if (!reading && self->certificate != NULL &&
      (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE)))
    {
      *transient = ecert_soap_operation_is_idempotent (call->operation);
      return g_error_new (ECERT_ERROR, ECERT_ERROR_CONNECTION,
                          _("The hub %s closed the connection before taking the request; it may "
                            "not accept this desk’s client certificate (expired, or not issued "
                            "by an authority the hub trusts): %s"), host, error->message);
    }

  if (!reading && is_unreachable (error))
    {
      /* Nothing reached the hub, so even a delivery may be tried again. */
      *transient = TRUE;
      return g_error_new (ECERT_ERROR, ECERT_ERROR_CONNECTION,
                          _("The hub %s cannot be reached: %s"), host, error->message);
    }

  *transient = ecert_soap_operation_is_idempotent (call->operation);
  if (reading)
    {
      g_autofree char *size =
        g_format_size (call->reply != NULL ? ecert_soap_reply_reader_get_size (call->reply) : 0);

      return g_error_new (ECERT_ERROR, ECERT_ERROR_SOAP,
                          _("The hub’s reply was cut off after %s: %s"), size, error->message);
    }

  return g_error_new (ECERT_ERROR, ECERT_ERROR_CONNECTION,
                      _("The connection to the hub %s failed: %s"), host, error->message);
}

/* Attempts */

static void start_attempt (GTask *task);

static guint
retry_delay (EcertHubClient *self,
             guint           attempt)
{
  guint64 delay = (guint64) self->retry_delay_ms << MIN (attempt, 16);

  delay = MIN (delay, MAX_RETRY_DELAY_MS);
  /* Desks that failed together should not all come back at once. */
  return (guint) (delay + g_random_int_range (0, (gint32) (delay / 4 + 1)));
}

/* The sources' own references go with them, hence one of our own. */
static gboolean
retry_cb (gpointer user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);

  clear_retry_sources (g_task_get_task_data (task));
  start_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
retry_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  GError *error = NULL;

  clear_retry_sources (g_task_get_task_data (task));
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  g_task_return_error (task, error);
  return G_SOURCE_REMOVE;
}

/* Takes @error. */
static void
fail (GTask    *task,
      GError   *error,
      gboolean  transient)
{
  EcertHubClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint delay;

  if (!transient || call->attempt >= self->retries ||
      g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_error (task, error);
      return;
    }

  delay = retry_delay (self, call->attempt);
  g_debug ("%s failed (%s); trying again in %u ms",
           ecert_soap_operation_get_name (call->operation), error->message, delay);
  g_error_free (error);
  call->attempt++;
  call_reset (call);

  /* Each source holds the task; whichever fires first removes both. */
  call->retry_source = g_timeout_source_new (delay);
  g_source_set_callback (call->retry_source, retry_cb, g_object_ref (task), g_object_unref);
  g_source_attach (call->retry_source, g_task_get_context (task));
  if (cancellable != NULL)
    {
      call->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->cancel_source, (GSourceFunc) (void (*) (void)) retry_cancelled_cb,
                             g_object_ref (task), g_object_unref);
      g_source_attach (call->cancel_source, g_task_get_context (task));
    }
}

/* Whatever the backend's priorities allowed, nothing goes over a
 * connection older than TLS 1.2: the attempt stops before the request is
 * written. */
static void
network_event_cb (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  Call *call = user_data;

  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKED && G_IS_TLS_CONNECTION (connection) &&
      ecert_tls_is_outdated (G_TLS_CONNECTION (connection)))
    {
      call->outdated_tls = TRUE;
      g_cancellable_cancel (call->attempt_cancellable);
    }
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *attempt)
{
  g_cancellable_cancel (attempt);
}

static void
give_up_too_slow (Call  *call,
                  guint  seconds)
{
  call->too_slow_after = MAX (seconds, 1);
  g_cancellable_cancel (call->attempt_cancellable);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Call *call = user_data;

  give_up_too_slow (call, call->deadline_s);
  return G_SOURCE_REMOVE;
}

/* The deadline is for a reply of the default size limit; a reply that may
 * be larger (a list of a backlog's headers) gets proportionally more time,
 * and one an office may hold the time it may hold it. */
static guint
attempt_deadline (EcertHubClient *self,
                  Call           *call)
{
  gsize limit = call->operation == ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS
                ? MAX (self->max_reply_size, ECERT_SOAP_MAX_HEADER_LIST_SIZE)
                : self->max_reply_size;
  guint64 scale = MAX (1, (limit + ECERT_SOAP_DEFAULT_MAX_SIZE - 1) / ECERT_SOAP_DEFAULT_MAX_SIZE);

  return (guint) MIN ((guint64) self->deadline_s * scale + call->wait_s, G_MAXUINT / 1000);
}

/* Arms the attempt's cancellable and its overall deadline. */
static void
watch_deadline (GTask *task)
{
  EcertHubClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GCancellable *caller = g_task_get_cancellable (task);

  call->attempt_cancellable = g_cancellable_new ();
  if (caller != NULL)
    {
      call->caller_cancellable = g_object_ref (caller);
      call->caller_handler = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled_cb),
                                                    g_object_ref (call->attempt_cancellable),
                                                    g_object_unref);
    }

  call->deadline_started = g_get_monotonic_time ();
  if (self->deadline_s == 0)
    return;

  call->deadline_s = attempt_deadline (self, call);
  call->deadline_source = g_timeout_source_new (call->deadline_s * 1000);
  g_source_set_callback (call->deadline_source, deadline_cb, call, NULL);
  g_source_attach (call->deadline_source, g_task_get_context (task));
}

/* Each window, the reply must have grown by the minimum rate's worth. */
static gboolean
rate_cb (gpointer user_data)
{
  Call *call = user_data;
  gsize received = call->reply != NULL ? ecert_soap_reply_reader_get_size (call->reply) : 0;

  if (received - call->rate_mark < call->rate_minimum_bytes)
    {
      give_up_too_slow (call, (guint) ((g_get_monotonic_time () - call->deadline_started) /
                                       G_USEC_PER_SEC));
      return G_SOURCE_CONTINUE;
    }

  call->rate_mark = received;
  return G_SOURCE_CONTINUE;
}

static void
watch_rate (GTask *task)
{
  EcertHubClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  if (self->minimum_rate == 0)
    return;

  call->rate_minimum_bytes = (gsize) self->minimum_rate * self->rate_window_s;
  call->rate_source = g_timeout_source_new (self->rate_window_s * 1000);
  g_source_set_callback (call->rate_source, rate_cb, call, NULL);
  g_source_attach (call->rate_source, g_task_get_context (task));
}

static gboolean
is_soap_fault (const GError *error)
{
  return g_error_matches (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT);
}

/* The status line's reason phrase is whatever the hub wrote there: shown
 * with its controls made visible, and cut short, like the hub's faults. */
static char *
shown_reason (SoupMessage *message)
{
  const char *reason = soup_message_get_reason_phrase (message);

  return ecert_soap_quote (reason != NULL ? reason : "", reason != NULL ? strlen (reason) : 0);
}

static void
finish_reply (GTask *task)
{
  EcertHubClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  guint status = soup_message_get_status (call->message);
  g_autofree char *reason = shown_reason (call->message);
  g_autoptr(GError) error = NULL;
  EcertSoapReply *reply;

  reply = ecert_soap_reply_reader_finish (call->reply, &error);

  if (status == SOUP_STATUS_OK)
    {
      if (reply != NULL)
        g_task_return_pointer (task, reply, (GDestroyNotify) ecert_soap_reply_free);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_clear_pointer (&reply, ecert_soap_reply_free);

  /* Refused before any operation: the hub's fault text, if any, says why. */
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                               _("The hub %s refused this desk (HTTP %u %s): %s"),
                               g_uri_get_host (self->uri), status, reason,
                               is_soap_fault (error) ? error->message
                                                     : _("it gave no reason"));
      return;
    }

  /* A HubWebException says all there is to say, whatever the status. */
  if (is_soap_fault (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (status == SOUP_STATUS_BAD_GATEWAY || status == SOUP_STATUS_SERVICE_UNAVAILABLE ||
      status == SOUP_STATUS_GATEWAY_TIMEOUT)
    {
      fail (task, g_error_new (ECERT_ERROR, ECERT_ERROR_CONNECTION,
                               _("The hub %s is unavailable (HTTP %u %s)"),
                               g_uri_get_host (self->uri), status, reason),
            ecert_soap_operation_is_idempotent (call->operation));
      return;
    }

  g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_SOAP,
                           _("The hub failed with HTTP %u (%s): %s"), status, reason,
                           error != NULL ? error->message : _("it sent a reply anyway"));
}

static void read_next (GTask *task);

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EcertHubClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              &error);
  gboolean transient;

  if (bytes == NULL)
    {
      GError *described = describe_transfer_error (self, call, error, TRUE, &transient);

      fail (task, described, transient);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      stop_watching (call);
      finish_reply (task);
      return;
    }

  /* A reply known to be of no use (too large, hostile) is read no
   * further; the reader says why, and the status what to make of it. */
  if (!ecert_soap_reply_reader_feed (call->reply, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes)))
    {
      finish_reply (task);
      return;
    }

  read_next (g_steal_pointer (&task));
}

/* Takes the reference to @task. */
static void
read_next (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (call->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   call->attempt_cancellable, read_cb, task);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EcertHubClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean transient;

  call->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (call->stream == NULL)
    {
      GError *described = describe_transfer_error (self, call, error, FALSE, &transient);

      g_debug ("%s: %s (%s %d)", ecert_soap_operation_get_name (call->operation), error->message,
               g_quark_to_string (error->domain), error->code);
      fail (task, described, transient);
      return;
    }

  call->reply = ecert_soap_reply_reader_new (call->operation, self->max_reply_size);
  watch_rate (task);
  read_next (g_steal_pointer (&task));
}

/* The hub's certificate did not verify. Record why, and refuse it: a
 * desk never talks to a hub it cannot identify. */
static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Call *call = user_data;

  call->tls_rejected = TRUE;
  call->tls_errors = errors;
  return FALSE;
}

static void
start_attempt (GTask *task)
{
  EcertHubClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_autofree char *action = g_strdup_printf ("\"%s\"",
                                             ecert_soap_operation_get_action (call->operation));

  call->message = soup_message_new_from_uri (SOUP_METHOD_POST, self->uri);
  soup_message_set_request_body_from_bytes (call->message, ECERT_SOAP_CONTENT_TYPE, call->body);
  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "SOAPAction", action);
  soup_message_headers_replace (headers, "Accept", "text/xml");
  if (call->wait_s > 0)
    {
      g_autofree char *wait = g_strdup_printf ("%u", call->wait_s);

      soup_message_headers_replace (headers, ECERT_OFFICE_WAIT_HEADER, wait);
    }
  /* libsoup opens a new connection for every POST it is not told may be
   * repeated: a TLS handshake per envelope, which would bound a sync to
   * tens of envelopes a second. Those we would retry anyway share one. */
  if (ecert_soap_operation_is_idempotent (call->operation))
    soup_message_add_flags (call->message, SOUP_MESSAGE_IDEMPOTENT);
  /* Set even when there is none, so that libsoup does not wait for one. */
  soup_message_set_tls_client_certificate (call->message, self->certificate);
  g_signal_connect (call->message, "accept-certificate", G_CALLBACK (accept_certificate_cb), call);

  g_signal_connect (call->message, "network-event", G_CALLBACK (network_event_cb), call);

  watch_deadline (task);
  soup_session_send_async (self->session, call->message, G_PRIORITY_DEFAULT,
                           call->attempt_cancellable, sent_cb, g_object_ref (task));
}

/**
 * ecert_hub_call_start:
 * @task: the call's task, whose source object is the client
 * @operation: what is asked
 * @body: the request's SOAP message
 * @wait_s: seconds an office may hold the request until it has something
 *   to answer (ECERT_OFFICE_WAIT_HEADER), or 0
 *
 * Sends @body and reads the reply, trying again as the file's comment
 * says; @task returns the reply or the error.
 */
void
ecert_hub_call_start (GTask              *task,
                      EcertSoapOperation  operation,
                      GBytes             *body,
                      guint               wait_s)
{
  Call *call = g_new0 (Call, 1);

  call->operation = operation;
  call->body = g_bytes_ref (body);
  call->wait_s = wait_s;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  start_attempt (task);
}
