/* ecert-soap-server.c: the ePhyto Hub's IDeliveryService over HTTPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The front every service of the hub's WSDL shares (the training hub, an
 * office): a SoupServer over TLS that requires a client certificate issued
 * by the service's own authority, takes POST requests only, parses them
 * with the core's SOAP codec, optionally checks them against the WSDL,
 * checks their SOAPAction, and hands each to one handler as an
 * EcertSoapCall. Who the caller is follows from its certificate, never
 * from what it claims in a request.
 *
 * A handler answers at once or later: a call it keeps is answered when it
 * returns it, with the request's message paused meanwhile. A caller who
 * goes away, or the server's end, cancels the call's cancellable; a call
 * returned after that is dropped.
 *
 * Faults carry English text, as the real hub's do: they are read by
 * systems and desks in other countries, whatever the language of the
 * machine the service runs on.
 */

#define _GNU_SOURCE /* POLLRDHUP */

#define G_LOG_DOMAIN "ecert-soap-server"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <poll.h>
#include <string.h>

#include "ecert-soap-server.h"

struct _EcertSoapServer
{
  GObject           parent_instance;

  char             *name;
  SoupServer       *server;
  GMainContext     *context;
  EcertSoapHandler  handler;
  gpointer          user_data;
  GDestroyNotify    destroy;
  GPtrArray        *pending;    /* EcertSoapCall, not owned: those not yet returned */
  char             *url;
  gboolean          validate;
  guint             latency_ms;
};

struct _EcertSoapCall
{
  gatomicrefcount    ref_count;

  EcertSoapServer   *server;    /* none once it is disposed */
  SoupServerMessage *message;
  GTlsCertificate   *peer;
  EcertSoapRequest  *request;
  EcertSoapReply    *reply;
  GCancellable      *cancellable;
  GSource           *hangup;
  gulong             disconnected_id;
  gboolean           paused;
  gboolean           returned;
  gboolean           gone;      /* its client went away */
};

G_DEFINE_FINAL_TYPE (EcertSoapServer, ecert_soap_server, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (EcertSoapCall, ecert_soap_call, ecert_soap_call_ref, ecert_soap_call_unref)

static void call_forget (EcertSoapCall *call);

static void
ecert_soap_server_dispose (GObject *object)
{
  EcertSoapServer *self = ECERT_SOAP_SERVER (object);
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);

  /* Calls still held by the handler outlive the server: they forget it,
   * and their handler learns through their cancellables, which may make it
   * return or drop them at once. */
  if (pending != NULL)
    {
      g_ptr_array_foreach (pending, (GFunc) ecert_soap_call_ref, NULL);
      g_ptr_array_set_free_func (pending, (GDestroyNotify) ecert_soap_call_unref);
      for (guint i = 0; i < pending->len; i++)
        {
          EcertSoapCall *call = pending->pdata[i];

          call_forget (call);
          call->server = NULL;
          g_cancellable_cancel (call->cancellable);
        }
    }

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);

  G_OBJECT_CLASS (ecert_soap_server_parent_class)->dispose (object);
}

static void
ecert_soap_server_finalize (GObject *object)
{
  EcertSoapServer *self = ECERT_SOAP_SERVER (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (ecert_soap_server_parent_class)->finalize (object);
}

static void
ecert_soap_server_class_init (EcertSoapServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ecert_soap_server_dispose;
  object_class->finalize = ecert_soap_server_finalize;
}

static void
ecert_soap_server_init (EcertSoapServer *self)
{
  self->pending = g_ptr_array_new ();
  self->context = g_main_context_ref_thread_default ();
}

/* Faults */

static void
respond_fault (SoupServerMessage *message,
               guint              status,
               EcertSoapFaultCode code,
               gboolean           hub_exception,
               const char        *text)
{
  g_autoptr(GBytes) body = ecert_soap_build_fault (code, text, hub_exception);

  g_debug ("Fault %u: %s", status, text);
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, ECERT_SOAP_CONTENT_TYPE, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Whose fault it is follows from the error: a refused client certificate
 * is HTTP 403, a request that is not one of the WSDL's a plain fault, a
 * service rule broken a HubWebException, and a failing database the
 * service's own. */
static void
respond_refusal (SoupServerMessage *message,
                 const GError      *error)
{
  if (g_error_matches (error, ECERT_ERROR, ECERT_ERROR_CONNECTION))
    respond_fault (message, SOUP_STATUS_FORBIDDEN, ECERT_SOAP_FAULT_CLIENT, TRUE,
                   error->message);
  else if (g_error_matches (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT))
    respond_fault (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, ECERT_SOAP_FAULT_CLIENT, TRUE,
                   error->message);
  else if (g_error_matches (error, ECERT_ERROR, ECERT_ERROR_SOAP) ||
           g_error_matches (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT))
    respond_fault (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, ECERT_SOAP_FAULT_CLIENT, FALSE,
                   error->message);
  else
    respond_fault (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, ECERT_SOAP_FAULT_SERVER, TRUE,
                   error->message);
}

/* With validation on, every message in either direction is checked
 * against the WSDL's schemas, and departures are reported on standard
 * error. */
static void
validate_message (EcertSoapServer *self,
                  GBytes          *message,
                  gboolean         is_reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  xmlNode *payload = NULL;

  if (!self->validate)
    return;

  doc = ecert_soap_parse_message (g_bytes_get_data (message, NULL), g_bytes_get_size (message),
                                  is_reply, &payload, &error);
  if (doc == NULL)
    {
      /* A fault is no payload: there is nothing of the WSDL to check. */
      if (!g_error_matches (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT))
        g_printerr ("ecert-%s: %s is not a SOAP message: %s\n", self->name,
                    is_reply ? "reply" : "request", error->message);
      return;
    }

  if (!ecert_schema_validate_hub_element (payload, &findings, &error))
    {
      g_printerr ("ecert-%s: %s\n", self->name, error->message);
      return;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      const EcertSchemaFinding *finding = findings->pdata[i];

      g_printerr ("ecert-%s: %s %s does not follow the WSDL: line %u: %s\n", self->name,
                  is_reply ? "reply" : "request", (const char *) payload->name, finding->line,
                  finding->message);
    }
}

/* The client certificate */

/* English, like every fault. */
static char *
describe_certificate_flags (EcertSoapServer      *self,
                            GTlsCertificateFlags  flags)
{
  static const struct
  {
    GTlsCertificateFlags  flag;
    const char           *text;
  } descriptions[] = {
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, "it is not valid yet" },
    { G_TLS_CERTIFICATE_EXPIRED, "it has expired" },
    { G_TLS_CERTIFICATE_REVOKED, "it has been revoked" },
    { G_TLS_CERTIFICATE_INSECURE, "it uses an insecure algorithm" },
  };
  GString *text = g_string_new (NULL);

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_string_append_printf (text, "it was not issued by this %s's certificate authority",
                            self->name);

  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    {
      if ((flags & descriptions[i].flag) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, descriptions[i].text);
    }

  if (text->len == 0)
    g_string_append (text, "it could not be verified");

  return g_string_free (text, FALSE);
}

/* libsoup gives the peer's certificate to the first message of a
 * connection only; the others on a kept-alive connection would be
 * refused. The connection's socket remembers what its handshake said,
 * whatever path the first message asked for. */
static GTlsCertificate *
connection_peer (SoupServerMessage    *message,
                 GTlsCertificateFlags *flags)
{
  GTlsCertificate *peer = soup_server_message_get_tls_peer_certificate (message);
  GSocket *socket = soup_server_message_get_socket (message);

  *flags = soup_server_message_get_tls_peer_certificate_errors (message);
  if (socket == NULL)
    return peer;

  if (peer != NULL)
    {
      g_object_set_data_full (G_OBJECT (socket), "ecert-soap-peer", g_object_ref (peer),
                              g_object_unref);
      g_object_set_data (G_OBJECT (socket), "ecert-soap-peer-flags", GUINT_TO_POINTER (*flags));
      return peer;
    }

  *flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (socket), "ecert-soap-peer-flags"));
  return g_object_get_data (G_OBJECT (socket), "ecert-soap-peer");
}

static void
request_read_cb (SoupServer        *server,
                 SoupServerMessage *message,
                 gpointer           user_data)
{
  GTlsCertificateFlags flags;

  connection_peer (message, &flags);
}

static GTlsCertificate *
accepted_peer (EcertSoapServer    *self,
               SoupServerMessage  *message,
               GError            **error)
{
  GTlsCertificateFlags flags;
  GTlsCertificate *peer = connection_peer (message, &flags);

  if (peer == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                   "A client certificate issued by this %s is required", self->name);
      return NULL;
    }

  if (flags != 0)
    {
      g_autofree char *flaws = describe_certificate_flags (self, flags);

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                   "The client certificate is not accepted: %s", flaws);
      return NULL;
    }

  return peer;
}

/* Replies */

static gboolean
unpause_cb (gpointer user_data)
{
  soup_server_message_unpause (SOUP_SERVER_MESSAGE (user_data));
  return G_SOURCE_REMOVE;
}

/* Sends what @message holds: after the configured latency (a slow link,
 * for demonstrations and for seeing a client's progress), or at once. */
static void
release (EcertSoapServer   *self,
         SoupServerMessage *message,
         gboolean           paused)
{
  g_autoptr(GSource) source = NULL;

  if (self->latency_ms == 0)
    {
      if (paused)
        soup_server_message_unpause (message);
      return;
    }

  if (!paused)
    soup_server_message_pause (message);
  source = g_timeout_source_new (self->latency_ms);
  g_source_set_callback (source, unpause_cb, g_object_ref (message), g_object_unref);
  g_source_attach (source, self->context);
}

static void
respond (EcertSoapServer   *self,
         SoupServerMessage *message,
         EcertSoapReply    *reply,
         const GError      *error)
{
  g_autoptr(GBytes) response = NULL;

  if (error != NULL)
    {
      respond_refusal (message, error);
      return;
    }

  response = ecert_soap_reply_to_bytes (reply);
  validate_message (self, response, TRUE);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, ECERT_SOAP_CONTENT_TYPE, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (response, NULL),
                                    g_bytes_get_size (response));
}

/* Calls */

/* The server no longer waits for @call: it stops watching its client. */
static void
call_forget (EcertSoapCall *call)
{
  if (call->hangup != NULL)
    {
      g_source_destroy (call->hangup);
      g_clear_pointer (&call->hangup, g_source_unref);
    }
  g_clear_signal_handler (&call->disconnected_id, call->message);

  if (call->server != NULL && call->server->pending != NULL)
    g_ptr_array_remove_fast (call->server->pending, call);
}

/* The client went away: its connection is left to libsoup to close, and
 * the handler learns it through the cancellable. */
static void
call_abandon (EcertSoapCall *call)
{
  EcertSoapServer *server = call->server;

  if (call->gone || call->returned || server == NULL)
    return;

  g_debug ("The client of a %s call went away",
           ecert_soap_operation_get_name (call->request->operation));
  call->gone = TRUE;
  call_forget (call);
  soup_server_message_set_status (call->message, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
  if (call->paused)
    soup_server_message_unpause (call->message);
  g_cancellable_cancel (call->cancellable);
}

static gboolean
hangup_cb (int          fd,
           GIOCondition condition,
           gpointer     user_data)
{
  EcertSoapCall *call = user_data;

  g_clear_pointer (&call->hangup, g_source_unref);
  call_abandon (call);
  return G_SOURCE_REMOVE;
}

static void
disconnected_cb (SoupServerMessage *message,
                 gpointer           user_data)
{
  call_abandon (user_data);
}

/* A paused message does no I/O, so libsoup would not notice its client
 * leave until the reply: the socket is watched meanwhile, for the peer
 * shutting its side even with unread data ahead (Linux), or hanging up. */
static void
call_watch (EcertSoapCall *call)
{
  GSocket *socket = soup_server_message_get_socket (call->message);

  call->disconnected_id = g_signal_connect (call->message, "disconnected",
                                            G_CALLBACK (disconnected_cb), call);
  if (socket == NULL)
    return;

  call->hangup = g_unix_fd_source_new (g_socket_get_fd (socket),
                                       (GIOCondition) (POLLRDHUP | G_IO_HUP | G_IO_ERR));
  g_source_set_callback (call->hangup, G_SOURCE_FUNC (hangup_cb), call, NULL);
  g_source_attach (call->hangup, call->server->context);
}

static EcertSoapCall *
call_new (EcertSoapServer   *server,
          SoupServerMessage *message,
          GTlsCertificate   *peer,
          EcertSoapRequest  *request)
{
  EcertSoapCall *call = g_new0 (EcertSoapCall, 1);

  g_atomic_ref_count_init (&call->ref_count);
  call->server = server;
  call->message = g_object_ref (message);
  call->peer = g_object_ref (peer);
  call->request = request;
  call->reply = ecert_soap_reply_new (request->operation);
  call->cancellable = g_cancellable_new ();
  g_ptr_array_add (server->pending, call);
  return call;
}

EcertSoapCall *
ecert_soap_call_ref (EcertSoapCall *call)
{
  g_return_val_if_fail (call != NULL, NULL);

  g_atomic_ref_count_inc (&call->ref_count);
  return call;
}

void
ecert_soap_call_unref (EcertSoapCall *call)
{
  g_return_if_fail (call != NULL);

  if (!g_atomic_ref_count_dec (&call->ref_count))
    return;

  /* A call its handler dropped unanswered must not leave its client
   * waiting forever. */
  if (!call->returned)
    ecert_soap_call_return (call, g_error_new_literal (ECERT_ERROR, ECERT_ERROR_FAILED,
                                                       "The request was not answered"));

  call_forget (call);
  g_clear_object (&call->message);
  g_clear_object (&call->peer);
  g_clear_pointer (&call->request, ecert_soap_request_free);
  g_clear_pointer (&call->reply, ecert_soap_reply_free);
  g_clear_object (&call->cancellable);
  g_free (call);
}

/**
 * ecert_soap_call_get_peer:
 *
 * Returns: (transfer none): the caller's certificate, verified by the
 *   server's client authority
 */
GTlsCertificate *
ecert_soap_call_get_peer (EcertSoapCall *call)
{
  g_return_val_if_fail (call != NULL, NULL);

  return call->peer;
}

/**
 * ecert_soap_call_get_request:
 *
 * Returns: (transfer none): what the caller asks
 */
const EcertSoapRequest *
ecert_soap_call_get_request (EcertSoapCall *call)
{
  g_return_val_if_fail (call != NULL, NULL);

  return call->request;
}

/**
 * ecert_soap_call_get_reply:
 *
 * Returns: (transfer none): the reply to fill, made for the request's
 *   operation
 */
EcertSoapReply *
ecert_soap_call_get_reply (EcertSoapCall *call)
{
  g_return_val_if_fail (call != NULL, NULL);

  return call->reply;
}

/**
 * ecert_soap_call_get_request_header:
 * @name: an HTTP header's name
 *
 * Returns: (transfer none) (nullable): the value of the request's header
 *   @name, while its client is there
 */
const char *
ecert_soap_call_get_request_header (EcertSoapCall *call,
                                    const char    *name)
{
  g_return_val_if_fail (call != NULL, NULL);

  if (call->message == NULL)
    return NULL;
  return soup_message_headers_get_one (soup_server_message_get_request_headers (call->message),
                                       name);
}

/**
 * ecert_soap_call_get_cancellable:
 *
 * Returns: (transfer none): cancelled when the caller goes away or the
 *   server is disposed; the call may still be returned, and is dropped
 */
GCancellable *
ecert_soap_call_get_cancellable (EcertSoapCall *call)
{
  g_return_val_if_fail (call != NULL, NULL);

  return call->cancellable;
}

/**
 * ecert_soap_call_return:
 * @error: (transfer full) (nullable): why the call is refused, or %NULL to
 *   send its reply
 *
 * Answers the call, once, from the server's main context. An error of
 * %ECERT_ERROR_HUB_FAULT goes back as a HubWebException, of
 * %ECERT_ERROR_CONNECTION as HTTP 403, of %ECERT_ERROR_SOAP or
 * %ECERT_ERROR_INVALID_ARGUMENT as a plain client fault, any other as a
 * server fault. A call whose caller went away, or whose server is gone, is
 * dropped.
 */
void
ecert_soap_call_return (EcertSoapCall *call,
                        GError        *error)
{
  g_autoptr(GError) owned_error = error;
  EcertSoapServer *server;

  g_return_if_fail (call != NULL);
  g_return_if_fail (!call->returned);

  call->returned = TRUE;
  call_forget (call);
  server = call->server;
  if (server == NULL || call->gone)
    return;

  respond (server, call->message, call->reply, error);
  release (server, call->message, call->paused);
}

/* Requests */

static EcertSoapRequest *
parse_request (EcertSoapServer    *self,
               SoupServerMessage  *message,
               GError            **error)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autoptr(EcertSoapRequest) request = NULL;
  const char *action;
  EcertSoapOperation named;

  request = ecert_soap_request_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                      error);
  if (request == NULL)
    return NULL;

  /* Only requests the service understood: the others are answered with a
   * fault that says what is wrong with them. */
  validate_message (self, body, FALSE);

  action = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                         "SOAPAction");
  if (action != NULL && action[0] != '\0' && g_strcmp0 (action, "\"\"") != 0 &&
      (!ecert_soap_operation_from_action (action, &named) || named != request->operation))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                   "The SOAPAction %s does not match the operation %s in the body", action,
                   ecert_soap_operation_get_name (request->operation));
      return NULL;
    }

  return g_steal_pointer (&request);
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  EcertSoapServer *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertSoapRequest) request = NULL;
  g_autoptr(EcertSoapCall) call = NULL;
  g_autofree char *subject = NULL;
  GTlsCertificate *peer;

  if (g_strcmp0 (soup_server_message_get_method (message), SOUP_METHOD_POST) != 0)
    {
      soup_message_headers_append (soup_server_message_get_response_headers (message), "Allow",
                                   "POST");
      soup_server_message_set_status (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if ((peer = accepted_peer (self, message, &error)) == NULL ||
      (request = parse_request (self, message, &error)) == NULL)
    {
      respond (self, message, NULL, error);
      release (self, message, FALSE);
      return;
    }

  subject = g_tls_certificate_get_subject_name (peer);
  g_debug ("%s asks for %s", subject, ecert_soap_operation_get_name (request->operation));
  call = call_new (self, message, peer, g_steal_pointer (&request));
  self->handler (self, call, self->user_data);

  if (!call->returned)
    {
      soup_server_message_pause (message);
      call->paused = TRUE;
      call_watch (call);
    }
}

/* GLib's TLS leaves every client certificate to this signal on a server,
 * even one its database verified. The handshake accepts them all, so that
 * a refused desk gets a fault that says why (the TLS 1.3 alternative is a
 * connection closed under its request); handle_cb then refuses every
 * request on a connection whose certificate did not verify. */
static gboolean
accept_certificate_cb (SoupServerMessage    *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  return TRUE;
}

/* A message exists from the start of its connection, before the TLS
 * handshake, which is when its certificate signal can be connected. */
static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *message,
                    gpointer           user_data)
{
  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_certificate_cb), NULL);
}

/**
 * ecert_soap_server_new:
 * @name: what the service calls itself in its faults, its Server header
 *   ("ecert-@name") and its reports: "hub", "office"
 * @certificate: its TLS server certificate, with the private key
 * @client_authority: the authorities a client certificate must come from
 * @handler: answers every accepted call
 * @user_data: for @handler
 * @destroy: (nullable): frees @user_data when the server is disposed
 *
 * Returns: (transfer full): the server, not yet listening
 */
EcertSoapServer *
ecert_soap_server_new (const char       *name,
                       GTlsCertificate  *certificate,
                       GTlsDatabase     *client_authority,
                       EcertSoapHandler  handler,
                       gpointer          user_data,
                       GDestroyNotify    destroy)
{
  EcertSoapServer *self;
  g_autofree char *header = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (G_IS_TLS_DATABASE (client_authority), NULL);
  g_return_val_if_fail (handler != NULL, NULL);

  self = g_object_new (ECERT_TYPE_SOAP_SERVER, NULL);
  self->name = g_strdup (name);
  self->handler = handler;
  self->user_data = user_data;
  self->destroy = destroy;

  /* The trailing space makes libsoup append its own name and version. */
  header = g_strdup_printf ("ecert-%s ", name);
  self->server = soup_server_new ("server-header", header,
                                  "tls-certificate", certificate,
                                  "tls-database", client_authority,
                                  "tls-auth-mode", G_TLS_AUTHENTICATION_REQUIRED,
                                  NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (request_started_cb), NULL);
  g_signal_connect (self->server, "request-read", G_CALLBACK (request_read_cb), NULL);
  soup_server_add_handler (self->server, ECERT_HUB_SERVICE_PATH, handle_cb, self, NULL);
  return self;
}

/**
 * ecert_soap_server_set_validate:
 * @validate: check every message in either direction against the WSDL's
 *   schemas, and report departures on standard error
 */
void
ecert_soap_server_set_validate (EcertSoapServer *self,
                                gboolean         validate)
{
  g_return_if_fail (ECERT_IS_SOAP_SERVER (self));

  self->validate = validate;
}

/**
 * ecert_soap_server_set_latency:
 * @latency_ms: how long each answer is held back once it is ready; 0 for
 *   none
 */
void
ecert_soap_server_set_latency (EcertSoapServer *self,
                               guint            latency_ms)
{
  g_return_if_fail (ECERT_IS_SOAP_SERVER (self));

  self->latency_ms = latency_ms;
}

typedef struct
{
  EcertSoapServer    *server;   /* owns the extension */
  EcertSoapExtension  handler;
  gpointer            user_data;
} Extension;

static guint
status_for_error (const GError *error)
{
  if (g_error_matches (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT))
    return SOUP_STATUS_BAD_REQUEST;
  if (g_error_matches (error, ECERT_ERROR, ECERT_ERROR_HUB_FAULT) ||
      g_error_matches (error, ECERT_ERROR, ECERT_ERROR_CONNECTION))
    return SOUP_STATUS_FORBIDDEN;
  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

static void
extension_cb (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Extension *extension = user_data;
  const char *method = soup_server_message_get_method (message);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  GTlsCertificate *peer;

  if (g_strcmp0 (method, SOUP_METHOD_GET) != 0 && g_strcmp0 (method, SOUP_METHOD_POST) != 0)
    {
      soup_message_headers_append (soup_server_message_get_response_headers (message), "Allow",
                                   "GET, POST");
      soup_server_message_set_status (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  peer = accepted_peer (extension->server, message, &error);
  if (peer != NULL)
    {
      body = soup_message_body_flatten (soup_server_message_get_request_body (message));
      answer = extension->handler (extension->server, peer, method, path, query, body,
                                   extension->user_data, &error);
    }

  if (answer == NULL)
    {
      soup_server_message_set_status (message, status_for_error (error), NULL);
      soup_server_message_set_response (message, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                        error->message, strlen (error->message));
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

/**
 * ecert_soap_server_add_extension:
 * @path: where the extension answers, e.g. "/office/v1"; what lies under
 *   it is the extension's too
 *
 * Serves @handler's JSON beside the WSDL's operations, to the same
 * callers: a client certificate the service's authority issued.
 */
void
ecert_soap_server_add_extension (EcertSoapServer    *self,
                                 const char         *path,
                                 EcertSoapExtension  handler,
                                 gpointer            user_data)
{
  Extension *extension = g_new0 (Extension, 1);

  g_return_if_fail (ECERT_IS_SOAP_SERVER (self));

  extension->server = self;
  extension->handler = handler;
  extension->user_data = user_data;
  soup_server_add_handler (self->server, path, extension_cb, extension, g_free);
}

/**
 * ecert_soap_server_listen:
 * @address: an IP address to listen on, e.g. "127.0.0.1"
 * @port: the port, or 0 for any free one
 */
gboolean
ecert_soap_server_listen (EcertSoapServer  *self,
                          const char       *address,
                          guint             port,
                          GError          **error)
{
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSList) uris = NULL;
  GUri *uri;

  g_return_val_if_fail (ECERT_IS_SOAP_SERVER (self), FALSE);

  socket_address = g_inet_socket_address_new_from_string (address, port);
  if (socket_address == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address"), address);
      return FALSE;
    }

  if (!soup_server_listen (self->server, socket_address, SOUP_SERVER_LISTEN_HTTPS, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  uri = uris->data;
  g_free (self->url);
  self->url = g_strdup_printf (strchr (address, ':') != NULL ? "https://[%s]:%d%s"
                                                             : "https://%s:%d%s",
                               address, g_uri_get_port (uri), ECERT_HUB_SERVICE_PATH);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  return TRUE;
}

/**
 * ecert_soap_server_get_url:
 *
 * Returns: (transfer full) (nullable): the address of the service, once
 *   listening
 */
char *
ecert_soap_server_get_url (EcertSoapServer *self)
{
  g_return_val_if_fail (ECERT_IS_SOAP_SERVER (self), NULL);

  return g_strdup (self->url);
}
