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
 * A call is retried, after a growing pause, only when the failure may pass
 * and trying again cannot do harm: when the hub could not be reached at all
 * (nothing was sent), or, for the operations that may safely be repeated,
 * when the connection broke, timed out or the hub said it is unavailable.
 * A fault, a TLS refusal or a reply that is not SOAP is never retried.
 */

#define G_LOG_DOMAIN "ecert-hub-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/x509.h>
#include <libsoup/soup.h>

#include "ecert-error.h"
#include "ecert-hub-address.h"
#include "ecert-hub-client.h"
#include "ecert-soap-private.h"
#include "ecert-soap-reply-reader.h"
#include "ecert-soap.h"
#include "ecert-text.h"
#include "ecert-tls.h"
#include "ecert-version.h"

#define READ_CHUNK (64 * 1024)
#define MAX_RETRY_DELAY_MS 30000

struct _EcertHubClient
{
  GObject          parent_instance;

  SoupSession     *session;
  GUri            *uri;
  char            *address;
  GTlsCertificate *certificate;
  guint            retries;
  guint            retry_delay_ms;
  gsize            max_reply_size;
  guint            deadline_s;
  guint            minimum_rate;
  guint            rate_window_s;
};

G_DEFINE_FINAL_TYPE (EcertHubClient, ecert_hub_client, G_TYPE_OBJECT)

/* One call, across its attempts. */
typedef struct
{
  EcertSoapOperation    operation;
  GBytes               *body;
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
call_free (Call *call)
{
  call_reset (call);
  g_clear_pointer (&call->body, g_bytes_unref);
  if (call->retry_source != NULL)
    g_source_destroy (call->retry_source);
  g_clear_pointer (&call->retry_source, g_source_unref);
  if (call->cancel_source != NULL)
    g_source_destroy (call->cancel_source);
  g_clear_pointer (&call->cancel_source, g_source_unref);
  g_free (call);
}

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

static void
clear_retry_sources (Call *call)
{
  if (call->retry_source != NULL)
    g_source_destroy (call->retry_source);
  g_clear_pointer (&call->retry_source, g_source_unref);
  if (call->cancel_source != NULL)
    g_source_destroy (call->cancel_source);
  g_clear_pointer (&call->cancel_source, g_source_unref);
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
 * be larger (a list of a backlog's headers) gets proportionally more time. */
static guint
attempt_deadline (EcertHubClient *self,
                  Call           *call)
{
  gsize limit = call->operation == ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS
                ? MAX (self->max_reply_size, ECERT_SOAP_MAX_HEADER_LIST_SIZE)
                : self->max_reply_size;
  guint64 scale = MAX (1, (limit + ECERT_SOAP_DEFAULT_MAX_SIZE - 1) / ECERT_SOAP_DEFAULT_MAX_SIZE);

  return (guint) MIN ((guint64) self->deadline_s * scale, G_MAXUINT / 1000);
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
  g_autofree char *sanitized = ecert_text_sanitize (reason != NULL ? reason : "",
                                                    ECERT_TEXT_ONE_LINE);

  return ecert_soap_quote (sanitized, strlen (sanitized));
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
 * ecert_hub_client_call_async:
 * @request: what to ask; copied, so it may be freed at once
 *
 * Sends @request to the hub and reads its reply, retrying transient
 * failures. Cancelling @cancellable stops it at once, also between
 * attempts.
 */
void
ecert_hub_client_call_async (EcertHubClient         *self,
                             const EcertSoapRequest *request,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Call *call;

  g_return_if_fail (ECERT_IS_HUB_CLIENT (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ecert_hub_client_call_async);
  g_task_set_name (task, ecert_soap_operation_get_name (request->operation));

  call = g_new0 (Call, 1);
  call->operation = request->operation;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  call->body = ecert_soap_request_to_bytes (request, &error);
  if (call->body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  start_attempt (task);
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
