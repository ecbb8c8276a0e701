/* ecert-hub-server.c: the hub's IDeliveryService over HTTPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub's operations behind an EcertSoapServer, which requires a client
 * certificate issued by the hub's CA; the caller's NPPO is that
 * certificate's country (C): what a desk may read and acknowledge follows
 * from who it is, never from what it claims in a request.
 *
 * Faults carry English text, as the real hub's do: they are read by
 * systems and desks in other countries, whatever the language of the
 * machine the hub runs on.
 */

#define G_LOG_DOMAIN "ecert-hub-server"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ecert-authority.h"
#include "ecert-hub-code-lists.h"
#include "ecert-hub-pki.h"
#include "ecert-hub-server.h"

struct _EcertHubServer
{
  GObject        parent_instance;

  EcertSoapServer *server;
  EcertHubStore   *store;
  GPtrArray       *nppos;       /* EcertNppo, sorted by country */
  EcertHubServerOptions options;
};

G_DEFINE_FINAL_TYPE (EcertHubServer, ecert_hub_server, G_TYPE_OBJECT)

static void
ecert_hub_server_finalize (GObject *object)
{
  EcertHubServer *self = ECERT_HUB_SERVER (object);

  g_clear_object (&self->server);
  g_clear_object (&self->store);
  g_clear_pointer (&self->nppos, g_ptr_array_unref);

  G_OBJECT_CLASS (ecert_hub_server_parent_class)->finalize (object);
}

static void
ecert_hub_server_class_init (EcertHubServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ecert_hub_server_finalize;
}

static void
ecert_hub_server_init (EcertHubServer *self)
{
  self->nppos = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_nppo_free);
}

static const EcertNppo *
find_nppo (EcertHubServer *self,
           const char     *country)
{
  for (guint i = 0; i < self->nppos->len; i++)
    {
      const EcertNppo *nppo = self->nppos->pdata[i];

      if (country != NULL && g_ascii_strcasecmp (nppo->country, country) == 0)
        return nppo;
    }

  return NULL;
}

static gboolean
load_nppos (EcertHubServer  *self,
            const char      *directory,
            GError         **error)
{
  g_auto(GStrv) countries = ecert_hub_pki_list_nppos (directory);

  for (guint i = 0; countries[i] != NULL; i++)
    {
      g_autoptr(EcertNppo) nppo = ecert_nppo_new (countries[i]);

      nppo->signing_certificate = ecert_hub_pki_load_nppo_authority (directory, countries[i],
                                                                     &nppo->signing_dn, error);
      if (nppo->signing_certificate == NULL)
        return FALSE;

      /* The local hub only knows the pull model. */
      nppo->receive = g_strdup ("PULL");
      nppo->send = g_strdup ("PULL");
      ecert_nppo_add_document (nppo, 851, "Phytosanitary Certificate", 70, "Issued", TRUE);
      ecert_nppo_add_document (nppo, 851, "Phytosanitary Certificate", 40, "Withdrawn", TRUE);
      ecert_nppo_add_document (nppo, 657, "Phytosanitary Certificate for Re-export", 70,
                               "Issued", TRUE);
      g_ptr_array_add (self->nppos, g_steal_pointer (&nppo));
    }

  if (self->nppos->len == 0)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                   _("%s holds no hub; make one with “ecert-hub init %s”"), directory, directory);
      return FALSE;
    }

  return TRUE;
}

static gboolean G_GNUC_PRINTF (2, 3)
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (ECERT_ERROR, ECERT_ERROR_HUB_FAULT, format, args);
  va_end (args);
  return FALSE;
}

/* Operations: each fills @reply for the NPPO of @caller, or refuses with
 * an ECERT_ERROR_HUB_FAULT error that goes back as a HubWebException. */

static gboolean
get_headers (EcertHubServer          *self,
             const char              *caller,
             const EcertSoapRequest  *request,
             EcertSoapReply          *reply,
             GError                 **error)
{
  g_autoptr(GPtrArray) pending = NULL;

  if (request->country_code != NULL && g_ascii_strcasecmp (request->country_code, caller) != 0)
    return refuse (error, "The NPPO of %s may only read the envelopes addressed to it, not to %s",
                   caller, request->country_code);

  pending = ecert_hub_store_list_pending (self->store, caller, 0, FALSE, error);
  if (pending == NULL)
    return FALSE;

  for (guint i = 0; i < pending->len; i++)
    {
      EcertEnvelope *envelope = pending->pdata[i];

      ecert_envelope_header_list_add (reply->headers, envelope->header);
    }

  return TRUE;
}

/* No envelope of that number is no error; only a failing store is. */
static gboolean
lookup (EcertHubServer  *self,
        const char      *number,
        EcertEnvelope  **envelope,
        GError         **error)
{
  GError *local_error = NULL;

  *envelope = ecert_hub_store_lookup (self->store, number, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Envelopes are looked up for their recipient only: another NPPO learns
 * nothing, not even that the number exists. */
static EcertEnvelope *
lookup_for (EcertHubServer  *self,
            const char      *caller,
            const char      *number,
            GError         **error)
{
  g_autoptr(EcertEnvelope) envelope = NULL;

  if (!lookup (self, number, &envelope, error))
    return NULL;

  if (envelope == NULL || g_ascii_strcasecmp (envelope->header->to, caller) != 0)
    {
      refuse (error, "There is no envelope %s for the NPPO of %s", number, caller);
      return NULL;
    }

  return g_steal_pointer (&envelope);
}

static gboolean
pull_single (EcertHubServer          *self,
             const char              *caller,
             const EcertSoapRequest  *request,
             EcertSoapReply          *reply,
             GError                 **error)
{
  reply->envelope = lookup_for (self, caller, request->hub_tracking_number, error);
  return reply->envelope != NULL;
}

static gboolean
pull_all (EcertHubServer          *self,
          const char              *caller,
          const EcertSoapRequest  *request,
          EcertSoapReply          *reply,
          GError                 **error)
{
  g_autoptr(GPtrArray) pending = ecert_hub_store_list_pending (self->store, caller,
                                                               ECERT_HUB_PULL_LIMIT, TRUE, error);

  if (pending == NULL)
    return FALSE;

  g_ptr_array_extend_and_steal (reply->envelopes, g_steal_pointer (&pending));
  return TRUE;
}

static gboolean
acknowledge (EcertHubServer          *self,
             const char              *caller,
             const EcertSoapRequest  *request,
             EcertSoapReply          *reply,
             GError                 **error)
{
  g_autoptr(EcertEnvelope) envelope = lookup_for (self, caller, request->hub_tracking_number,
                                                  error);
  EcertTrackingInfo state = ECERT_TRACKING_INFO_DELIVERED;
  EcertTrackingInfo result = ECERT_TRACKING_INFO_UNKNOWN;

  if (envelope == NULL)
    return FALSE;

  if (request->operation == ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT)
    state = ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS;
  else if (request->operation == ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT)
    state = ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE;

  if (!ecert_hub_store_acknowledge (self->store, request->hub_tracking_number, state,
                                    request->message, &result, error))
    return FALSE;

  if (request->operation != ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT)
    reply->text = g_strdup (ecert_tracking_info_to_string (result));

  return TRUE;
}

static gboolean
get_tracking (EcertHubServer          *self,
              const char              *caller,
              const EcertSoapRequest  *request,
              EcertSoapReply          *reply,
              GError                 **error)
{
  g_autoptr(EcertEnvelope) envelope = NULL;

  if (!lookup (self, request->hub_tracking_number, &envelope, error))
    return FALSE;

  /* Its sender and its recipient may follow an envelope; to anyone else
   * it does not exist. */
  if (envelope != NULL && (g_ascii_strcasecmp (envelope->header->from, caller) == 0 ||
                           g_ascii_strcasecmp (envelope->header->to, caller) == 0))
    {
      reply->header = g_steal_pointer (&envelope->header);
      return TRUE;
    }

  reply->header = ecert_envelope_header_new ();
  reply->header->hub_delivery_number = g_strdup (request->hub_tracking_number);
  reply->header->tracking_info = ECERT_TRACKING_INFO_ENVELOPE_NOT_EXISTS;
  return TRUE;
}

static gboolean
get_profile (EcertHubServer          *self,
             const char              *caller,
             const EcertSoapRequest  *request,
             EcertSoapReply          *reply,
             GError                 **error)
{
  reply->nppo = ecert_nppo_copy (find_nppo (self, caller));
  return TRUE;
}

static gboolean
get_active_nppos (EcertHubServer          *self,
                  const char              *caller,
                  const EcertSoapRequest  *request,
                  EcertSoapReply          *reply,
                  GError                 **error)
{
  for (guint i = 0; i < self->nppos->len; i++)
    g_ptr_array_add (reply->nppos, ecert_nppo_copy (self->nppos->pdata[i]));

  return TRUE;
}

static gboolean
check_delivery (EcertHubServer       *self,
                const char           *caller,
                const EcertEnvelope  *envelope,
                GError              **error)
{
  const EcertEnvelopeHeader *header = envelope->header;

  if (header->from == NULL || g_ascii_strcasecmp (header->from, caller) != 0)
    return refuse (error, "The NPPO of %s may only send envelopes from %s, not from %s", caller,
                   caller, header->from != NULL ? header->from : "nowhere");

  if (header->to == NULL || header->to[0] == '\0')
    return refuse (error, "The envelope names no importing country (To)");

  if (header->nppo_certificate_number == NULL || header->nppo_certificate_number[0] == '\0')
    return refuse (error, "The envelope has no NPPOCertificateNumber");

  if (envelope->content == NULL || envelope->content[0] == '\0')
    return refuse (error, "The envelope has no content");

  return TRUE;
}

/* The reply an exporting NPPO gives to an inquiry about one of its
 * certificates, as far as this hub can tell: it either carried the
 * certificate or did not. English, like the hub's other words. */
static EcertInquiry *
plausible_reply (EcertHubServer  *self,
                 EcertEnvelope   *inquiry_envelope,
                 GError         **error)
{
  EcertEnvelopeHeader *header = inquiry_envelope->header;
  const char *content = inquiry_envelope->content;
  g_autoptr(EcertInquiry) inquiry = NULL;
  g_autoptr(EcertInquiry) reply = ecert_inquiry_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *type = g_strdup_printf ("%d", header->certificate_type);
  g_autofree char *location = ecert_country_describe (header->to);
  g_autofree char *issuer = g_strdup_printf ("The NPPO of %s", header->to);
  EcertInquiryMeasure measures = ECERT_INQUIRY_MEASURE_DETAINED;
  gboolean issued = FALSE;

  inquiry = ecert_inquiry_new_from_xml ((const guint8 *) content, strlen (content), NULL);
  if (inquiry != NULL && ecert_inquiry_get_measures (inquiry) != ECERT_INQUIRY_MEASURE_NONE)
    measures = ecert_inquiry_get_measures (inquiry);

  if (!ecert_hub_store_has_certificate (self->store, header->to,
                                        header->nppo_certificate_number, &issued, error))
    return NULL;

  ecert_inquiry_set_certificate_number (reply, header->nppo_certificate_number);
  ecert_inquiry_set_export_country (reply, header->to);
  ecert_inquiry_set_certificate_type (reply, type);
  ecert_inquiry_set_measures (reply, measures);
  ecert_inquiry_set_inspector_name (reply, issuer);
  ecert_inquiry_set_inspection_location (reply, location);
  ecert_inquiry_set_issued_at (reply, now);
  if (issued)
    {
      ecert_inquiry_set_status (reply, ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_VALID);
      ecert_inquiry_set_reason (reply, "en", "Certificate confirmed authentic: it was issued by "
                                             "this NPPO as delivered through the hub.");
    }
  else
    {
      ecert_inquiry_set_status (reply, ECERT_ACKNOWLEDGEMENT_STATUS_DOCUMENT_NOT_AVAILABLE);
      ecert_inquiry_set_reason (reply, "en", "No such certificate was issued by this NPPO: "
                                             "treat the paper as not genuine.");
    }

  return g_steal_pointer (&reply);
}

typedef struct
{
  EcertHubServer *self;
  char           *number;
} AutoReply;

static void
auto_reply_free (AutoReply *auto_reply)
{
  g_object_unref (auto_reply->self);
  g_free (auto_reply->number);
  g_free (auto_reply);
}

/* The exporting NPPO takes the inquiry (so its sender sees it
 * delivered) and answers it, in one transaction. */
static gboolean
answer_inquiry (EcertHubServer  *self,
                const char      *number,
                GError         **error)
{
  g_autoptr(EcertEnvelope) inquiry = NULL;
  g_autoptr(EcertEnvelope) reply = ecert_envelope_new ();
  g_autoptr(EcertInquiry) answer = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *reply_number = NULL;
  EcertTrackingInfo state;

  inquiry = ecert_hub_store_lookup (self->store, number, error);
  if (inquiry == NULL || inquiry->header->tracking_info != ECERT_TRACKING_INFO_PENDING_DELIVERY)
    return error == NULL || *error == NULL;

  answer = plausible_reply (self, inquiry, error);
  if (answer == NULL)
    return FALSE;
  xml = ecert_inquiry_to_xml (answer, error);
  if (xml == NULL)
    return FALSE;

  reply->header->from = g_strdup (inquiry->header->to);
  reply->header->to = g_strdup (inquiry->header->from);
  reply->header->certificate_type = inquiry->header->certificate_type;
  reply->header->certificate_status = (int) ecert_inquiry_get_status (answer);
  reply->header->nppo_certificate_number = g_strdup (inquiry->header->nppo_certificate_number);
  reply->content = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));

  if (!ecert_hub_store_begin (self->store, error))
    return FALSE;
  if (!ecert_hub_store_acknowledge (self->store, number, ECERT_TRACKING_INFO_DELIVERED, NULL,
                                    &state, error) ||
      (reply_number = ecert_hub_store_add_response (self->store, reply, error)) == NULL)
    {
      ecert_hub_store_rollback (self->store);
      return FALSE;
    }

  return ecert_hub_store_commit (self->store, error);
}

static gboolean
auto_reply_cb (gpointer user_data)
{
  AutoReply *auto_reply = user_data;
  g_autoptr(GError) error = NULL;

  if (!answer_inquiry (auto_reply->self, auto_reply->number, &error))
    g_printerr ("ecert-hub: the inquiry %s could not be answered: %s\n", auto_reply->number,
                error->message);
  else
    g_debug ("Answered the inquiry %s", auto_reply->number);

  return G_SOURCE_REMOVE;
}

static void
schedule_auto_reply (EcertHubServer *self,
                     const char     *number)
{
  AutoReply *auto_reply = g_new0 (AutoReply, 1);

  auto_reply->self = g_object_ref (self);
  auto_reply->number = g_strdup (number);
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, self->options.auto_reply_seconds,
                              auto_reply_cb, auto_reply, (GDestroyNotify) auto_reply_free);
}

/* A desk chooses the delivery number of its inquiry before sending it, so
 * that after a lost reply it can ask the tracking by that number rather
 * than send again. A number already taken is refused, never reused. */
static gboolean
check_chosen_number (EcertHubServer  *self,
                     const char      *number,
                     GError         **error)
{
  g_autoptr(EcertEnvelope) existing = NULL;
  gsize length = strlen (number);

  if (length < 8 || length > 64)
    return refuse (error, "The hubDeliveryNumber %s is not one this hub accepts: 8 to 64 "
                          "letters, digits and dashes", number);
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (number[i]) && number[i] != '-')
      return refuse (error, "The hubDeliveryNumber %s is not one this hub accepts: 8 to 64 "
                            "letters, digits and dashes", number);

  if (!lookup (self, number, &existing, error))
    return FALSE;
  if (existing != NULL)
    return refuse (error, "The hubDeliveryNumber %s is already taken", number);

  return TRUE;
}

static gboolean
deliver (EcertHubServer          *self,
         const char              *caller,
         const EcertSoapRequest  *request,
         EcertSoapReply          *reply,
         GError                 **error)
{
  g_autoptr(EcertEnvelope) envelope = ecert_envelope_copy (request->envelope);
  gboolean response = request->operation == ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE;
  g_autofree char *number = NULL;

  if (!check_delivery (self, caller, envelope, error))
    return FALSE;

  /* The hub numbers and tracks envelopes itself, whatever the sender says,
   * except for the number a desk chose for its inquiry. */
  if (!response || envelope->header->hub_delivery_number == NULL)
    g_clear_pointer (&envelope->header->hub_delivery_number, g_free);
  else if (!check_chosen_number (self, envelope->header->hub_delivery_number, error))
    return FALSE;
  g_clear_pointer (&envelope->header->hub_delivery_error_message, g_free);
  g_ptr_array_set_size (envelope->header->forwardings, 0);
  g_free (envelope->header->from);
  envelope->header->from = g_ascii_strup (caller, -1);
  envelope->header->tracking_info = ECERT_TRACKING_INFO_PENDING_DELIVERY;
  if (find_nppo (self, envelope->header->to) == NULL)
    {
      envelope->header->tracking_info = ECERT_TRACKING_INFO_FAILED_DELIVERY;
      envelope->header->hub_delivery_error_message =
        g_strdup_printf ("The NPPO of %s is not connected to this hub", envelope->header->to);
    }

  number = response ? ecert_hub_store_add_response (self->store, envelope, error)
                    : ecert_hub_store_add (self->store, envelope, error);
  if (number == NULL)
    return FALSE;

  if (response && self->options.auto_reply_seconds > 0 &&
      envelope->header->tracking_info == ECERT_TRACKING_INFO_PENDING_DELIVERY)
    schedule_auto_reply (self, number);

  g_free (envelope->header->hub_delivery_number);
  envelope->header->hub_delivery_number = g_steal_pointer (&number);
  reply->header = g_steal_pointer (&envelope->header);
  return TRUE;
}

static gboolean
get_code_list (EcertHubServer          *self,
               const char              *caller,
               const EcertSoapRequest  *request,
               EcertSoapReply          *reply,
               GError                 **error)
{
  EcertHubCodeList list;

  if (!ecert_soap_operation_get_code_list (request->operation, &list))
    g_return_val_if_reached (FALSE);

  ecert_hub_code_lists_add (list, reply->code_entries);
  return TRUE;
}

typedef gboolean (*Operation) (EcertHubServer          *self,
                               const char              *caller,
                               const EcertSoapRequest  *request,
                               EcertSoapReply          *reply,
                               GError                 **error);

static Operation
operation_for (EcertSoapOperation operation)
{
  switch (operation)
    {
    case ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS:
      return get_headers;
    case ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE:
      return pull_single;
    case ECERT_SOAP_PULL_IMPORT_ENVELOPE:
      return pull_all;
    case ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT:
      return acknowledge;
    case ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO:
      return get_tracking;
    case ECERT_SOAP_GET_PROFILE:
      return get_profile;
    case ECERT_SOAP_GET_ACTIVE_NPPOS:
      return get_active_nppos;
    case ECERT_SOAP_DELIVER_ENVELOPE:
    case ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE:
      return deliver;
    ECERT_SOAP_CODE_LIST_CASES:
    default:
      return get_code_list;
    }
}

/* The caller's NPPO: its certificate's country, which must have one on
 * this hub. */
static char *
caller_country (EcertHubServer   *self,
                GTlsCertificate  *peer,
                GError          **error)
{
  g_autofree char *country = ecert_tls_certificate_get_country (peer);

  if (country == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                           "The client certificate names no country (C)");
      return NULL;
    }

  if (find_nppo (self, country) == NULL)
    {
      refuse (error, "No NPPO of %s is connected to this hub", country);
      return NULL;
    }

  return g_steal_pointer (&country);
}

static void
handle_call_cb (EcertSoapServer *server,
                EcertSoapCall   *call,
                gpointer         user_data)
{
  EcertHubServer *self = user_data;
  const EcertSoapRequest *request = ecert_soap_call_get_request (call);
  GError *error = NULL;
  g_autofree char *caller = caller_country (self, ecert_soap_call_get_peer (call), &error);

  if (caller != NULL)
    {
      g_debug ("%s asks for %s", caller, ecert_soap_operation_get_name (request->operation));
      operation_for (request->operation) (self, caller, request, ecert_soap_call_get_reply (call),
                                          &error);
    }

  ecert_soap_call_return (call, error);
}

/**
 * ecert_hub_server_new:
 * @directory: the hub's directory, made by ecert_hub_pki_create()
 * @store: its envelopes
 * @options: how it behaves
 *
 * Returns: (transfer full): the server, not yet listening, or %NULL with
 *   @error set
 */
EcertHubServer *
ecert_hub_server_new (const char                   *directory,
                      EcertHubStore                *store,
                      const EcertHubServerOptions  *options,
                      GError                      **error)
{
  g_autoptr(EcertHubServer) self = g_object_new (ECERT_TYPE_HUB_SERVER, NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) authority = NULL;

  self->store = g_object_ref (store);
  self->options = *options;
  if (!load_nppos (self, directory, error))
    return NULL;

  certificate = ecert_hub_pki_load_server_certificate (directory, error);
  if (certificate == NULL)
    return NULL;

  authority = ecert_hub_pki_load_client_authority (directory, error);
  if (authority == NULL)
    return NULL;

  /* The SOAP server lives no longer than the hub it calls back. */
  self->server = ecert_soap_server_new ("hub", certificate, authority, handle_call_cb, self, NULL);
  ecert_soap_server_set_validate (self->server, options->validate);
  ecert_soap_server_set_latency (self->server, options->latency_ms);
  return g_steal_pointer (&self);
}

/**
 * ecert_hub_server_listen:
 * @address: an IP address to listen on, e.g. "127.0.0.1"
 * @port: the port, or 0 for any free one
 */
gboolean
ecert_hub_server_listen (EcertHubServer  *self,
                         const char      *address,
                         guint            port,
                         GError         **error)
{
  g_return_val_if_fail (ECERT_IS_HUB_SERVER (self), FALSE);

  return ecert_soap_server_listen (self->server, address, port, error);
}

/**
 * ecert_hub_server_get_url:
 *
 * Returns: (transfer full) (nullable): the address of the service, once
 *   listening
 */
char *
ecert_hub_server_get_url (EcertHubServer *self)
{
  g_return_val_if_fail (ECERT_IS_HUB_SERVER (self), NULL);

  return ecert_soap_server_get_url (self->server);
}
