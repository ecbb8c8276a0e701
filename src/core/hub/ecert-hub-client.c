/* ecert-hub-client.c: talking to an ePhyto hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession per hub: connections are kept and shared by every call,
 * and several calls may be in flight at once. The desk proves who it is
 * with a TLS client certificate; the hub proves who it is with a server
 * certificate that must verify against the system's authorities or a CA
 * file given for the hub, and that is never accepted otherwise: a
 * certificate that does not verify fails the call with its flaws in words.
 *
 * This file holds the client and its settings, and the typed operations of
 * the hub's WSDL; one call across its attempts is in ecert-hub-call.c.
 */

#define G_LOG_DOMAIN "ecert-hub-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/x509.h>

#include "ecert-error.h"
#include "ecert-hub-address.h"
#include "ecert-hub-client-private.h"
#include "ecert-office-protocol.h"
#include "ecert-soap.h"
#include "ecert-tls.h"
#include "ecert-version.h"

G_DEFINE_FINAL_TYPE (EcertHubClient, ecert_hub_client, G_TYPE_OBJECT)

static void
ecert_hub_client_finalize (GObject *object)
{
  EcertHubClient *self = ECERT_HUB_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->address, g_free);
  g_clear_object (&self->certificate);

  G_OBJECT_CLASS (ecert_hub_client_parent_class)->finalize (object);
}

static void
ecert_hub_client_class_init (EcertHubClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ecert_hub_client_finalize;

  /* Programs call it first thing in main(); this is for those that don't. */
  ecert_tls_init ();
}

static void
ecert_hub_client_init (EcertHubClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("E-Cert-Inspector/%s", ecert_get_version ());

  self->retries = ECERT_HUB_CLIENT_DEFAULT_RETRIES;
  self->retry_delay_ms = ECERT_HUB_CLIENT_DEFAULT_RETRY_DELAY_MS;
  self->max_reply_size = ECERT_SOAP_DEFAULT_MAX_SIZE;
  self->deadline_s = ECERT_HUB_CLIENT_DEFAULT_DEADLINE;
  self->minimum_rate = ECERT_HUB_CLIENT_DEFAULT_MINIMUM_RATE;
  self->rate_window_s = ECERT_HUB_CLIENT_DEFAULT_RATE_WINDOW;
  self->session = soup_session_new_with_options ("max-conns-per-host",
                                                 ECERT_HUB_CLIENT_MAX_CONNECTIONS,
                                                 "user-agent", user_agent,
                                                 "timeout", ECERT_HUB_CLIENT_DEFAULT_TIMEOUT,
                                                 NULL);
}

/**
 * ecert_hub_client_new:
 * @address: the hub's https address, e.g.
 *   "https://hub.ephytoexchange.org/hub/DeliveryService"
 *
 * A client that trusts the system's certificate authorities and presents
 * no client certificate until given one.
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 *   (%ECERT_ERROR_INVALID_ADDRESS)
 */
EcertHubClient *
ecert_hub_client_new (const char  *address,
                      GError     **error)
{
  g_autoptr(EcertHubClient) self = NULL;
  g_autofree char *normalized = ecert_hub_address_normalize (address, error);

  if (normalized == NULL)
    return NULL;

  self = g_object_new (ECERT_TYPE_HUB_CLIENT, NULL);
  self->uri = g_uri_parse (normalized, G_URI_FLAGS_NONE, error);
  if (self->uri == NULL)
    return NULL;

  self->address = g_steal_pointer (&normalized);
  return g_steal_pointer (&self);
}

const char *
ecert_hub_client_get_address (EcertHubClient *self)
{
  g_return_val_if_fail (ECERT_IS_HUB_CLIENT (self), NULL);

  return self->address;
}

/* GLib pairs any key with any certificate; the hub would then refuse the
 * handshake with nothing to say why. */
static gboolean
key_matches (GTlsCertificate *certificate)
{
  g_autofree char *certificate_pem = NULL;
  g_autofree char *key_pem = NULL;
  gnutls_x509_crt_t parsed = NULL;
  gnutls_x509_privkey_t key = NULL;
  guint8 certificate_id[64];
  guint8 key_id[64];
  size_t certificate_size = sizeof certificate_id;
  size_t key_size = sizeof key_id;
  gnutls_datum_t datum;
  gboolean matches;

  g_object_get (certificate, "certificate-pem", &certificate_pem, "private-key-pem", &key_pem,
                NULL);
  if (certificate_pem == NULL || key_pem == NULL)
    return FALSE;

  gnutls_x509_crt_init (&parsed);
  gnutls_x509_privkey_init (&key);
  datum.data = (unsigned char *) certificate_pem;
  datum.size = (unsigned int) strlen (certificate_pem);
  matches = gnutls_x509_crt_import (parsed, &datum, GNUTLS_X509_FMT_PEM) >= 0 &&
            gnutls_x509_crt_get_key_id (parsed, GNUTLS_KEYID_USE_SHA256, certificate_id,
                                        &certificate_size) >= 0;
  datum.data = (unsigned char *) key_pem;
  datum.size = (unsigned int) strlen (key_pem);
  matches = matches &&
            gnutls_x509_privkey_import2 (key, &datum, GNUTLS_X509_FMT_PEM, NULL, 0) >= 0 &&
            gnutls_x509_privkey_get_key_id (key, GNUTLS_KEYID_USE_SHA256, key_id, &key_size) >= 0 &&
            key_size == certificate_size && memcmp (key_id, certificate_id, key_size) == 0;

  gnutls_x509_privkey_deinit (key);
  gnutls_x509_crt_deinit (parsed);
  return matches;
}

/* Takes @certificate. */
static gboolean
set_certificate (EcertHubClient   *self,
                 GTlsCertificate  *certificate,
                 const char       *file,
                 GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) not_after = NULL;

  if (!key_matches (certificate))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                   _("The private key given for the client certificate %s is not its key"),
                   file);
      g_object_unref (certificate);
      return FALSE;
    }

  g_object_get (certificate, "not-valid-after", &not_after, NULL);
  if (not_after != NULL && g_date_time_compare (not_after, now) < 0)
    g_debug ("The client certificate in %s has expired; the hub will refuse it", file);

  g_set_object (&self->certificate, certificate);
  g_object_unref (certificate);
  return TRUE;
}

/**
 * ecert_hub_client_set_certificate_files:
 * @certificate_file: the desk's client certificate (PEM), possibly followed
 *   by its chain
 * @key_file: (nullable): its private key (PEM), or %NULL when it is in
 *   @certificate_file
 *
 * Returns: %FALSE with @error set (%ECERT_ERROR_CONNECTION) when they
 *   cannot be read or do not belong together
 */
gboolean
ecert_hub_client_set_certificate_files (EcertHubClient  *self,
                                        const char      *certificate_file,
                                        const char      *key_file,
                                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  GTlsCertificate *certificate;

  g_return_val_if_fail (ECERT_IS_HUB_CLIENT (self), FALSE);
  g_return_val_if_fail (certificate_file != NULL, FALSE);

  certificate = key_file != NULL
                ? g_tls_certificate_new_from_files (certificate_file, key_file, &local_error)
                : g_tls_certificate_new_from_file (certificate_file, &local_error);
  if (certificate == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                   _("The client certificate %s cannot be used: %s"), certificate_file,
                   local_error->message);
      return FALSE;
    }

  return set_certificate (self, certificate, certificate_file, error);
}

/**
 * ecert_hub_client_set_pkcs12_file:
 * @file: a PKCS#12 file with the desk's certificate and key
 * @passphrase: (nullable): its passphrase
 */
gboolean
ecert_hub_client_set_pkcs12_file (EcertHubClient  *self,
                                  const char      *file,
                                  const char      *passphrase,
                                  GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  GTlsCertificate *certificate;

  g_return_val_if_fail (ECERT_IS_HUB_CLIENT (self), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (!g_file_get_contents (file, &data, &length, &local_error))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                   _("The client certificate %s cannot be read: %s"), file, local_error->message);
      return FALSE;
    }

  certificate = g_tls_certificate_new_from_pkcs12 ((const guint8 *) data, length, passphrase,
                                                   &local_error);
  if (certificate == NULL)
    {
      if (g_error_matches (local_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD) &&
          (passphrase == NULL || passphrase[0] == '\0'))
        g_set_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                     _("The client certificate %s is protected by a passphrase, and none was "
                       "given"), file);
      else if (g_error_matches (local_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD))
        g_set_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                     _("The passphrase of the client certificate %s is wrong"), file);
      else
        g_set_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                     _("The client certificate %s cannot be used: %s"), file,
                     local_error->message);
      return FALSE;
    }

  return set_certificate (self, certificate, file, error);
}

/**
 * ecert_hub_client_set_ca_file:
 * @file: (nullable): PEM certificates of the authorities to trust for the
 *   hub's server certificate, instead of the system's; %NULL for the
 *   system's
 */
gboolean
ecert_hub_client_set_ca_file (EcertHubClient  *self,
                              const char      *file,
                              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (ECERT_IS_HUB_CLIENT (self), FALSE);

  if (file == NULL)
    {
      soup_session_set_tls_database (self->session,
                                     g_tls_backend_get_default_database (g_tls_backend_get_default ()));
      return TRUE;
    }

  /* GTlsFileDatabase insists on an absolute path. */
  path = g_canonicalize_filename (file, NULL);
  database = g_tls_file_database_new (path, &local_error);
  if (database == NULL)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                   _("The hub’s certificate authority file %s cannot be used: %s"), file,
                   local_error->message);
      return FALSE;
    }

  soup_session_set_tls_database (self->session, database);
  return TRUE;
}

/**
 * ecert_hub_client_set_timeout:
 * @seconds: how long a request may make no progress, or 0 for no limit
 */
void
ecert_hub_client_set_timeout (EcertHubClient *self,
                              guint           seconds)
{
  g_return_if_fail (ECERT_IS_HUB_CLIENT (self));

  soup_session_set_timeout (self->session, seconds);
}

guint
ecert_hub_client_get_timeout (EcertHubClient *self)
{
  g_return_val_if_fail (ECERT_IS_HUB_CLIENT (self), 0);

  return soup_session_get_timeout (self->session);
}

/**
 * ecert_hub_client_set_deadline:
 * @seconds: how long one attempt at an exchange may take in all
 *   (connecting, sending, reading the whole reply) when replies are limited
 *   to the default size; a larger limit scales it. 0 for no limit
 *
 * A hub that keeps a request going without finishing it (a reply a byte at
 * a time) is given up past this, whatever the timeout says.
 */
void
ecert_hub_client_set_deadline (EcertHubClient *self,
                               guint           seconds)
{
  g_return_if_fail (ECERT_IS_HUB_CLIENT (self));

  self->deadline_s = seconds;
}

/**
 * ecert_hub_client_set_minimum_rate:
 * @bytes_per_second: the slowest reply taken; 0 for any
 * @window_seconds: over how long the rate is measured, at least 1
 *
 * A reply that brings fewer bytes than this in any window is given up.
 */
void
ecert_hub_client_set_minimum_rate (EcertHubClient *self,
                                   guint           bytes_per_second,
                                   guint           window_seconds)
{
  g_return_if_fail (ECERT_IS_HUB_CLIENT (self));

  self->minimum_rate = bytes_per_second;
  self->rate_window_s = CLAMP (window_seconds, 1, 3600);
}

/**
 * ecert_hub_client_set_retries:
 * @retries: further attempts after a transient failure; 0 for none
 * @first_delay_ms: the pause before the first of them; each next pause is
 *   about twice as long
 */
void
ecert_hub_client_set_retries (EcertHubClient *self,
                              guint           retries,
                              guint           first_delay_ms)
{
  g_return_if_fail (ECERT_IS_HUB_CLIENT (self));

  self->retries = retries;
  self->retry_delay_ms = first_delay_ms;
}

/**
 * ecert_hub_client_call_async:
 * @request: what to ask; copied, so it may be freed at once
 *
 * Sends @request to the hub and reads its reply, retrying transient
 * failures. Cancelling @cancellable stops it at once, also between
 * attempts.
 */
static void
call_waiting_async (EcertHubClient         *self,
                    const EcertSoapRequest *request,
                    guint                   wait_s,
                    GCancellable           *cancellable,
                    GAsyncReadyCallback     callback,
                    gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (ECERT_IS_HUB_CLIENT (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_hub_client_call_async);
  g_task_set_name (task, ecert_soap_operation_get_name (request->operation));

  body = ecert_soap_request_to_bytes (request, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ecert_hub_call_start (task, request->operation, body, wait_s);
}

void
ecert_hub_client_call_async (EcertHubClient         *self,
                             const EcertSoapRequest *request,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  call_waiting_async (self, request, 0, cancellable, callback, user_data);
}

/**
 * ecert_hub_client_call_finish:
 *
 * Returns: (transfer full): the hub's reply, or %NULL with @error set:
 *   %ECERT_ERROR_HUB_FAULT when the hub refused (the message is the hub's),
 *   %ECERT_ERROR_CONNECTION when it could not be reached, identified or did
 *   not accept this desk, %ECERT_ERROR_SOAP when its reply is not one,
 *   %ECERT_ERROR_TOO_LARGE, or %G_IO_ERROR_CANCELLED
 */
EcertSoapReply *
ecert_hub_client_call_finish (EcertHubClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (ECERT_IS_HUB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Typed calls: a request built here, the part of the reply that answers it
 * taken out there. */

static void
call_with (EcertHubClient      *self,
           EcertSoapRequest    *request,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  ecert_hub_client_call_async (self, request, cancellable, callback, user_data);
  ecert_soap_request_free (request);
}

static GPtrArray *
steal_array (GPtrArray **array)
{
  return g_steal_pointer (array);
}

void
ecert_hub_client_get_import_envelope_headers_async (EcertHubClient      *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data)
{
  call_with (self, ecert_soap_request_new (ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS), cancellable,
             callback, user_data);
}

/**
 * ecert_hub_client_get_import_envelope_headers_finish:
 *
 * Returns: (transfer full): the headers of what is pending for this desk's
 *   country
 */
EcertEnvelopeHeaderList *
ecert_hub_client_get_import_envelope_headers_finish (EcertHubClient  *self,
                                                     GAsyncResult    *result,
                                                     GError         **error)
{
  g_autoptr(EcertSoapReply) reply = ecert_hub_client_call_finish (self, result, error);

  return reply != NULL ? g_steal_pointer (&reply->headers) : NULL;
}

/**
 * ecert_hub_client_wait_for_import_envelope_headers_async:
 * @seconds: how long an office may hold the request when nothing is
 *   pending for this desk
 *
 * Asks for the headers of what is pending, as
 * ecert_hub_client_get_import_envelope_headers_async() does, but lets an
 * office hold the request open until something arrives for this desk or
 * @seconds have passed, so that a desk hears of an arrival at once without
 * asking again and again. A hub answers at once, as to any request for
 * headers. The wait is kept below the client's timeout, which would
 * otherwise end it. Finish with
 * ecert_hub_client_get_import_envelope_headers_finish().
 */
void
ecert_hub_client_wait_for_import_envelope_headers_async (EcertHubClient      *self,
                                                         guint                seconds,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data)
{
  g_autoptr(EcertSoapRequest) request = ecert_soap_request_new (ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS);
  guint timeout = soup_session_get_timeout (self->session);

  if (timeout > 0)
    seconds = MIN (seconds, timeout > 10 ? timeout - 5 : timeout / 2);
  seconds = MIN (seconds, ECERT_OFFICE_MAX_WAIT_SECONDS);
  call_waiting_async (self, request, seconds, cancellable, callback, user_data);
}

void
ecert_hub_client_pull_single_import_envelope_async (EcertHubClient      *self,
                                                    const char          *hub_tracking_number,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data)
{
  EcertSoapRequest *request = ecert_soap_request_new (ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE);

  request->hub_tracking_number = g_strdup (hub_tracking_number);
  call_with (self, request, cancellable, callback, user_data);
}

/**
 * ecert_hub_client_pull_single_import_envelope_finish:
 *
 * Returns: (transfer full): the envelope, or %NULL with @error set, also
 *   when the hub's reply holds none (%ECERT_ERROR_SOAP)
 */
EcertEnvelope *
ecert_hub_client_pull_single_import_envelope_finish (EcertHubClient  *self,
                                                     GAsyncResult    *result,
                                                     GError         **error)
{
  g_autoptr(EcertSoapReply) reply = ecert_hub_client_call_finish (self, result, error);

  if (reply == NULL)
    return NULL;

  if (reply->envelope == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                           _("The hub’s reply holds no envelope"));
      return NULL;
    }

  return g_steal_pointer (&reply->envelope);
}

void
ecert_hub_client_pull_import_envelope_async (EcertHubClient      *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  call_with (self, ecert_soap_request_new (ECERT_SOAP_PULL_IMPORT_ENVELOPE), cancellable,
             callback, user_data);
}

/**
 * ecert_hub_client_pull_import_envelope_finish:
 *
 * Returns: (transfer container) (element-type EcertEnvelope): pending
 *   envelopes with their content (the hub decides how many at once)
 */
GPtrArray *
ecert_hub_client_pull_import_envelope_finish (EcertHubClient  *self,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  g_autoptr(EcertSoapReply) reply = ecert_hub_client_call_finish (self, result, error);

  return reply != NULL ? steal_array (&reply->envelopes) : NULL;
}

/**
 * ecert_hub_client_acknowledge_async:
 * @state: %ECERT_TRACKING_INFO_DELIVERED (AcknowledgeEnvelopeReceipt),
 *   %ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS
 *   (AdvancedAcknowledgeEnvelopeReceipt) or
 *   %ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE
 *   (AcknowledgeFailedEnvelopeReceipt)
 * @message: (nullable): the warning, or why the envelope cannot be read;
 *   required but for a plain acknowledgement
 */
void
ecert_hub_client_acknowledge_async (EcertHubClient      *self,
                                    EcertTrackingInfo    state,
                                    const char          *hub_tracking_number,
                                    const char          *message,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  EcertSoapOperation operation = ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT;
  EcertSoapRequest *request;

  g_return_if_fail (ecert_tracking_info_is_delivered (state));

  if (state == ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS)
    operation = ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT;
  else if (state == ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE)
    operation = ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT;

  request = ecert_soap_request_new (operation);
  request->hub_tracking_number = g_strdup (hub_tracking_number);
  if (operation != ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT)
    request->message = g_strdup (message);
  call_with (self, request, cancellable, callback, user_data);
}

gboolean
ecert_hub_client_acknowledge_finish (EcertHubClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_autoptr(EcertSoapReply) reply = ecert_hub_client_call_finish (self, result, error);

  return reply != NULL;
}

void
ecert_hub_client_get_envelope_tracking_info_async (EcertHubClient      *self,
                                                   const char          *hub_tracking_number,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  EcertSoapRequest *request = ecert_soap_request_new (ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO);

  request->hub_tracking_number = g_strdup (hub_tracking_number);
  call_with (self, request, cancellable, callback, user_data);
}

/* What a reply's header is when the hub left it out. */
static EcertEnvelopeHeader *
take_header (EcertSoapReply  *reply,
             GError         **error)
{
  if (reply == NULL)
    return NULL;

  if (reply->header == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                           _("The hub’s reply holds no envelope header"));
      return NULL;
    }

  return g_steal_pointer (&reply->header);
}

/**
 * ecert_hub_client_get_envelope_tracking_info_finish:
 *
 * Returns: (transfer full): the envelope's header, whose tracking_info says
 *   where it stands (%ECERT_TRACKING_INFO_ENVELOPE_NOT_EXISTS for a number
 *   the hub does not know)
 */
EcertEnvelopeHeader *
ecert_hub_client_get_envelope_tracking_info_finish (EcertHubClient  *self,
                                                    GAsyncResult    *result,
                                                    GError         **error)
{
  g_autoptr(EcertSoapReply) reply = ecert_hub_client_call_finish (self, result, error);

  return take_header (reply, error);
}

void
ecert_hub_client_get_profile_async (EcertHubClient      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  call_with (self, ecert_soap_request_new (ECERT_SOAP_GET_PROFILE), cancellable, callback,
             user_data);
}

/**
 * ecert_hub_client_get_profile_finish:
 *
 * Returns: (transfer full): this desk's NPPO as the hub knows it
 */
EcertNppo *
ecert_hub_client_get_profile_finish (EcertHubClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_autoptr(EcertSoapReply) reply = ecert_hub_client_call_finish (self, result, error);

  if (reply == NULL)
    return NULL;

  if (reply->nppo == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                           _("The hub’s reply holds no NPPO profile"));
      return NULL;
    }

  return g_steal_pointer (&reply->nppo);
}

void
ecert_hub_client_get_active_nppos_async (EcertHubClient      *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  call_with (self, ecert_soap_request_new (ECERT_SOAP_GET_ACTIVE_NPPOS), cancellable, callback,
             user_data);
}

/**
 * ecert_hub_client_get_active_nppos_finish:
 *
 * Returns: (transfer container) (element-type EcertNppo): every NPPO on the
 *   hub, with its signing certificate
 */
GPtrArray *
ecert_hub_client_get_active_nppos_finish (EcertHubClient  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_autoptr(EcertSoapReply) reply = ecert_hub_client_call_finish (self, result, error);

  return reply != NULL ? steal_array (&reply->nppos) : NULL;
}

/**
 * ecert_hub_client_deliver_envelope_async:
 * @envelope: what to deliver: From is this desk's country
 *
 * Never retried once the request may have reached the hub: a second
 * delivery would be a second envelope.
 */
void
ecert_hub_client_deliver_envelope_async (EcertHubClient      *self,
                                         const EcertEnvelope *envelope,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  EcertSoapRequest *request = ecert_soap_request_new (ECERT_SOAP_DELIVER_ENVELOPE);

  g_return_if_fail (envelope != NULL);

  request->envelope = ecert_envelope_copy (envelope);
  call_with (self, request, cancellable, callback, user_data);
}

/**
 * ecert_hub_client_deliver_envelope_finish:
 *
 * Returns: (transfer full): the header as the hub recorded it, with its
 *   hub delivery number and tracking state
 */
EcertEnvelopeHeader *
ecert_hub_client_deliver_envelope_finish (EcertHubClient  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_autoptr(EcertSoapReply) reply = ecert_hub_client_call_finish (self, result, error);

  return take_header (reply, error);
}

/**
 * ecert_hub_client_deliver_country_response_async:
 * @header: the response's header: From this desk's country, To the
 *   certificate's exporter, and the certificate's number
 * @acknowledgement: the SPSAcknowledgement document
 */
void
ecert_hub_client_deliver_country_response_async (EcertHubClient            *self,
                                                 const EcertEnvelopeHeader *header,
                                                 const char                *acknowledgement,
                                                 GCancellable              *cancellable,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data)
{
  EcertSoapRequest *request = ecert_soap_request_new (ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE);

  g_return_if_fail (header != NULL);

  request->envelope = g_new0 (EcertEnvelope, 1);
  request->envelope->header = ecert_envelope_header_copy (header);
  request->envelope->content = g_strdup (acknowledgement);
  call_with (self, request, cancellable, callback, user_data);
}

EcertEnvelopeHeader *
ecert_hub_client_deliver_country_response_finish (EcertHubClient  *self,
                                                  GAsyncResult    *result,
                                                  GError         **error)
{
  g_autoptr(EcertSoapReply) reply = ecert_hub_client_call_finish (self, result, error);

  return take_header (reply, error);
}

void
ecert_hub_client_get_code_list_async (EcertHubClient      *self,
                                      EcertHubCodeList     list,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  call_with (self, ecert_soap_request_new (ecert_soap_operation_for_code_list (list)),
             cancellable, callback, user_data);
}

/**
 * ecert_hub_client_get_code_list_finish:
 *
 * Returns: (transfer container) (element-type EcertHubCodeEntry): the
 *   list's entries
 */
GPtrArray *
ecert_hub_client_get_code_list_finish (EcertHubClient  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_autoptr(EcertSoapReply) reply = ecert_hub_client_call_finish (self, result, error);

  return reply != NULL ? steal_array (&reply->code_entries) : NULL;
}
