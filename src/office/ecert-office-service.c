/* ecert-office-service.c: the hub's operations, served to an office's desks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every instance of an office serves its enrolled desks with the hub's
 * own operations and shapes, so a desk syncs with its office exactly as
 * it would with a hub. A desk is known by its client certificate, issued
 * by the office's authority: its fingerprint names the desk in the
 * database, and a revoked desk is refused whatever its certificate says.
 * Each desk receives what is in its scope, once, and acknowledges its own
 * copy; nothing a desk does reaches another desk.
 *
 * A desk that asks for headers with ECERT_OFFICE_WAIT_HEADER is answered
 * as soon as something arrives for it, or empty when its wait is over:
 * the upstream worker's commit notifies every instance through the
 * database, with only a sequence number as payload.
 *
 * Faults are in English, as the hub's are: they are read by systems.
 */

#define G_LOG_DOMAIN "ecert-office"

#include "config.h"

#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ecert-authority.h"
#include "ecert-office-service.h"
#include "ecert-office-store.h"
#include "ecert-soap-server.h"
#include "ecert-tls-database.h"

/* How long after losing its database an instance tries again to listen. */
#define RELISTEN_MS 1000

typedef struct
{
  EcertOfficeService *service;  /* owns the waiter */
  EcertSoapCall      *call;
  char               *desk;
  guint               timeout_id;
} Waiter;

struct _EcertOfficeService
{
  GObject           parent_instance;

  char             *store_uri;
  EcertOfficeStore *store;
  EcertOfficeStore *listener;
  guint             listener_id;
  guint             relisten_id;
  EcertSoapServer  *server;
  GPtrArray        *waiters;   /* (element-type Waiter) */
  char             *country;   /* the NPPO the office is the system of */
};

G_DEFINE_FINAL_TYPE (EcertOfficeService, ecert_office_service, G_TYPE_OBJECT)

static void
waiter_free (Waiter *waiter)
{
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  g_clear_pointer (&waiter->call, ecert_soap_call_unref);
  g_free (waiter->desk);
  g_free (waiter);
}

static void
ecert_office_service_dispose (GObject *object)
{
  EcertOfficeService *self = ECERT_OFFICE_SERVICE (object);

  g_clear_handle_id (&self->listener_id, g_source_remove);
  g_clear_handle_id (&self->relisten_id, g_source_remove);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_object (&self->server);
  g_clear_object (&self->listener);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ecert_office_service_parent_class)->dispose (object);
}

static void
ecert_office_service_finalize (GObject *object)
{
  EcertOfficeService *self = ECERT_OFFICE_SERVICE (object);

  g_free (self->store_uri);
  g_free (self->country);

  G_OBJECT_CLASS (ecert_office_service_parent_class)->finalize (object);
}

static void
ecert_office_service_class_init (EcertOfficeServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ecert_office_service_dispose;
  object_class->finalize = ecert_office_service_finalize;
}

static void
ecert_office_service_init (EcertOfficeService *self)
{
  self->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
}

static gboolean G_GNUC_PRINTF (2, 3)
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (ECERT_ERROR, ECERT_ERROR_HUB_FAULT, format,
                                                args));
  va_end (args);
  return FALSE;
}

/* Whether @error says the database went away (restarted, or the network
 * between); then the connection is made again, and whether that worked
 * says if the request may be tried once more. */
static gboolean
reconnected_after (EcertOfficeService *self,
                   const GError       *error)
{
  g_autoptr(GError) reconnect_error = NULL;

  if (!g_error_matches (error, ECERT_ERROR, ECERT_ERROR_STORE) ||
      ecert_office_store_is_connected (self->store))
    return FALSE;
  if (!ecert_office_store_reconnect (self->store, &reconnect_error))
    {
      g_warning ("The office’s database cannot be reached: %s", reconnect_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Operations: each answers for @desk, or refuses with an
 * ECERT_ERROR_HUB_FAULT error that goes back as a HubWebException. */

static gboolean
fill_headers (EcertOfficeService  *self,
              const char          *desk,
              EcertSoapReply      *reply,
              guint               *count,
              GError             **error)
{
  g_autoptr(GPtrArray) pending = ecert_office_store_list_pending (self->store, desk, 0, FALSE,
                                                                  error);

  if (pending == NULL)
    return FALSE;

  for (guint i = 0; i < pending->len; i++)
    {
      EcertEnvelope *envelope = pending->pdata[i];

      ecert_envelope_header_list_add (reply->headers, envelope->header);
    }
  *count = pending->len;
  return TRUE;
}

static gboolean
pull_single (EcertOfficeService      *self,
             const char              *desk,
             const EcertSoapRequest  *request,
             EcertSoapReply          *reply,
             GError                 **error)
{
  GError *local_error = NULL;

  reply->envelope = ecert_office_store_lookup_for_desk (self->store, desk,
                                                        request->hub_tracking_number,
                                                        &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (reply->envelope == NULL)
    return refuse (error, "There is no envelope %s for the desk %s", request->hub_tracking_number,
                   desk);
  return TRUE;
}

static gboolean
pull_all (EcertOfficeService      *self,
          const char              *desk,
          const EcertSoapRequest  *request,
          EcertSoapReply          *reply,
          GError                 **error)
{
  g_autoptr(GPtrArray) pending = ecert_office_store_list_pending (self->store, desk,
                                                                  ECERT_HUB_PULL_LIMIT, TRUE,
                                                                  error);

  if (pending == NULL)
    return FALSE;

  g_ptr_array_extend_and_steal (reply->envelopes, g_steal_pointer (&pending));
  return TRUE;
}

static EcertTrackingInfo
acknowledged_state (EcertSoapOperation operation)
{
  if (operation == ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT)
    return ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS;
  if (operation == ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT)
    return ECERT_TRACKING_INFO_DELIVERED_NOT_READABLE;
  return ECERT_TRACKING_INFO_DELIVERED;
}

static gboolean
acknowledge (EcertOfficeService      *self,
             const char              *desk,
             const EcertSoapRequest  *request,
             EcertSoapReply          *reply,
             GError                 **error)
{
  EcertTrackingInfo state = acknowledged_state (request->operation);

  if (!ecert_office_store_acknowledge (self->store, desk, request->hub_tracking_number, state,
                                       error))
    return FALSE;

  if (request->operation != ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT)
    reply->text = g_strdup (ecert_tracking_info_to_string (state));
  return TRUE;
}

static gboolean
get_active_nppos (EcertOfficeService      *self,
                  const char              *desk,
                  const EcertSoapRequest  *request,
                  EcertSoapReply          *reply,
                  GError                 **error)
{
  g_autoptr(GPtrArray) anchors = ecert_office_store_list_anchors (self->store, error);

  if (anchors == NULL)
    return FALSE;

  g_ptr_array_extend_and_steal (reply->nppos, g_steal_pointer (&anchors));
  return TRUE;
}

/* The profile of the country the office stands for, as the hub keeps it:
 * a desk connected to its office sees the NPPO it would see at the hub. */
static gboolean
get_profile (EcertOfficeService      *self,
             const char              *desk,
             const EcertSoapRequest  *request,
             EcertSoapReply          *reply,
             GError                 **error)
{
  g_autoptr(GPtrArray) anchors = ecert_office_store_list_anchors (self->store, error);

  if (anchors == NULL)
    return FALSE;

  for (guint i = 0; i < anchors->len; i++)
    {
      EcertNppo *nppo = anchors->pdata[i];

      if (g_strcmp0 (nppo->country, self->country) == 0)
        {
          reply->nppo = g_ptr_array_steal_index (anchors, i);
          return TRUE;
        }
    }

  /* Before the first upstream run: the country, with nothing more known. */
  reply->nppo = ecert_nppo_new (self->country);
  return TRUE;
}

/* A desk's inquiry or reply, queued under the number the desk chose: the
 * upstream worker takes it to the hub. */
static gboolean
deliver_response (EcertOfficeService      *self,
                  const char              *desk,
                  const EcertSoapRequest  *request,
                  EcertSoapReply          *reply,
                  GError                 **error)
{
  const EcertEnvelope *envelope = request->envelope;
  GError *local_error = NULL;

  if (envelope == NULL || envelope->header->hub_delivery_number == NULL ||
      envelope->header->to == NULL || envelope->header->nppo_certificate_number == NULL ||
      envelope->content == NULL)
    return refuse (error, "An inquiry sent through an office names its number, its recipient "
                          "and its certificate, and carries its content");

  reply->header = ecert_office_store_add_outgoing (self->store, desk, envelope, &local_error);
  if (g_error_matches (local_error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT))
    {
      refuse (error, "%s", local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  reply->header->from = g_strdup (self->country);
  return TRUE;
}

/* A desk follows what it sent; anything else does not exist for it. */
static gboolean
get_tracking (EcertOfficeService      *self,
              const char              *desk,
              const EcertSoapRequest  *request,
              EcertSoapReply          *reply,
              GError                 **error)
{
  GError *local_error = NULL;

  reply->header = ecert_office_store_lookup_outgoing (self->store, desk,
                                                      request->hub_tracking_number, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (reply->header == NULL)
    {
      reply->header = ecert_envelope_header_new ();
      reply->header->hub_delivery_number = g_strdup (request->hub_tracking_number);
      reply->header->tracking_info = ECERT_TRACKING_INFO_ENVELOPE_NOT_EXISTS;
    }
  return TRUE;
}

typedef gboolean (*Operation) (EcertOfficeService      *self,
                               const char              *desk,
                               const EcertSoapRequest  *request,
                               EcertSoapReply          *reply,
                               GError                 **error);

/* What a desk may ask of its office; the rest of the hub's operations
 * (delivering certificates, code lists) are not a desk's to ask. */
static Operation
operation_for (EcertSoapOperation operation)
{
  if (operation == ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE)
    return pull_single;
  if (operation == ECERT_SOAP_PULL_IMPORT_ENVELOPE)
    return pull_all;
  if (operation == ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT ||
      operation == ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT ||
      operation == ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT)
    return acknowledge;
  if (operation == ECERT_SOAP_GET_ACTIVE_NPPOS)
    return get_active_nppos;
  if (operation == ECERT_SOAP_GET_PROFILE)
    return get_profile;
  if (operation == ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE)
    return deliver_response;
  if (operation == ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO)
    return get_tracking;
  return NULL;
}

/* Requests for headers held open */

static void
return_waiter (EcertOfficeService *self,
               Waiter             *waiter)
{
  ecert_soap_call_return (waiter->call, NULL);
  g_ptr_array_remove_fast (self->waiters, waiter);
}

static gboolean
wait_over_cb (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->timeout_id = 0;
  return_waiter (waiter->service, waiter);
  return G_SOURCE_REMOVE;
}

/* Something was committed: every desk waiting looks again. */
static void
wake_waiters (EcertOfficeService *self)
{
  for (guint i = self->waiters->len; i > 0; i--)
    {
      Waiter *waiter = self->waiters->pdata[i - 1];
      g_autoptr(GError) error = NULL;
      guint count = 0;

      if (g_cancellable_is_cancelled (ecert_soap_call_get_cancellable (waiter->call)))
        {
          g_ptr_array_remove_index_fast (self->waiters, i - 1);
          continue;
        }
      if (!fill_headers (self, waiter->desk, ecert_soap_call_get_reply (waiter->call), &count,
                         &error))
        {
          reconnected_after (self, error);
          continue;
        }
      if (count > 0)
        return_waiter (self, waiter);
    }
}

static void start_listening (EcertOfficeService *self);

static gboolean
relisten_cb (gpointer user_data)
{
  EcertOfficeService *self = user_data;

  self->relisten_id = 0;
  start_listening (self);
  return G_SOURCE_REMOVE;
}

static void
listen_later (EcertOfficeService *self)
{
  g_clear_handle_id (&self->listener_id, g_source_remove);
  g_clear_object (&self->listener);
  if (self->relisten_id == 0)
    self->relisten_id = g_timeout_add (RELISTEN_MS, relisten_cb, self);
}

static gboolean
notified_cb (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  EcertOfficeService *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 newest = -1;

  if (!ecert_office_store_read_notifications (self->listener, &newest, &error))
    {
      g_warning ("The office’s database stopped notifying arrivals: %s", error->message);
      self->listener_id = 0;
      listen_later (self);
      /* What arrived meanwhile is not missed: look now, and again once
       * listening. */
      wake_waiters (self);
      return G_SOURCE_REMOVE;
    }

  if (newest >= 0)
    wake_waiters (self);
  return G_SOURCE_CONTINUE;
}

static void
start_listening (EcertOfficeService *self)
{
  g_autoptr(GError) error = NULL;

  self->listener = ecert_office_store_connect (self->store_uri, &error);
  if (self->listener == NULL || !ecert_office_store_listen (self->listener, &error))
    {
      g_warning ("The office’s database cannot be listened to: %s", error->message);
      listen_later (self);
      return;
    }

  self->listener_id = g_unix_fd_add (ecert_office_store_get_socket (self->listener),
                                     G_IO_IN | G_IO_ERR | G_IO_HUP, notified_cb, self);
  /* Anything committed before LISTEN took effect was not notified. */
  wake_waiters (self);
}

/* The wait a desk asked for, within what the office grants. */
static guint
requested_wait (EcertSoapCall *call)
{
  const char *value = ecert_soap_call_get_request_header (call, ECERT_OFFICE_WAIT_HEADER);
  guint64 seconds = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seconds, NULL))
    return 0;
  return (guint) MIN (seconds, ECERT_OFFICE_MAX_WAIT_SECONDS);
}

static gboolean
get_headers (EcertOfficeService  *self,
             const char          *desk,
             EcertSoapCall       *call,
             GError             **error)
{
  const EcertSoapRequest *request = ecert_soap_call_get_request (call);
  guint wait = requested_wait (call);
  Waiter *waiter;
  guint count = 0;

  if (request->country_code != NULL &&
      g_ascii_strcasecmp (request->country_code, self->country) != 0)
    return refuse (error, "This office serves the NPPO of %s, not %s", self->country,
                   request->country_code);

  if (!fill_headers (self, desk, ecert_soap_call_get_reply (call), &count, error))
    return FALSE;
  if (count > 0 || wait == 0)
    {
      ecert_soap_call_return (call, NULL);
      return TRUE;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->service = self;
  waiter->call = ecert_soap_call_ref (call);
  waiter->desk = g_strdup (desk);
  waiter->timeout_id = g_timeout_add_seconds (wait, wait_over_cb, waiter);
  g_ptr_array_add (self->waiters, waiter);
  return TRUE;
}

/* The desk a certificate belongs to; refused when it was never enrolled
 * here or was revoked. */
static EcertOfficeDesk *
find_enrolled_desk (EcertOfficeService  *self,
                    GTlsCertificate     *peer,
                    GError             **error)
{
  g_autofree char *fingerprint = ecert_tls_certificate_get_fingerprint (peer);
  g_autoptr(EcertOfficeDesk) desk = NULL;
  GError *local_error = NULL;

  desk = ecert_office_store_find_desk (self->store, fingerprint, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (desk == NULL)
    {
      refuse (error, "This certificate belongs to no desk enrolled at this office");
      return NULL;
    }
  if (desk->revoked != 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (desk->revoked / G_USEC_PER_SEC);
      g_autofree char *date = g_date_time_format (when, "%Y-%m-%d %H:%M UTC");

      refuse (error, "The desk %s was revoked at this office on %s", desk->name, date);
      return NULL;
    }

  return g_steal_pointer (&desk);
}

static char *
identify_desk (EcertOfficeService  *self,
               GTlsCertificate     *peer,
               GError             **error)
{
  g_autoptr(EcertOfficeDesk) desk = find_enrolled_desk (self, peer, error);

  return desk != NULL ? g_steal_pointer (&desk->name) : NULL;
}

/* Answers @call at once, or holds it; FALSE with @error set when it is
 * refused. */
static gboolean
answer (EcertOfficeService  *self,
        EcertSoapCall       *call,
        GError             **error)
{
  const EcertSoapRequest *request = ecert_soap_call_get_request (call);
  g_autofree char *desk = NULL;
  Operation operation;

  desk = identify_desk (self, ecert_soap_call_get_peer (call), error);
  if (desk == NULL)
    return FALSE;

  g_debug ("%s asks for %s", desk, ecert_soap_operation_get_name (request->operation));
  if (request->operation == ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS)
    return get_headers (self, desk, call, error);

  operation = operation_for (request->operation);
  if (operation == NULL)
    return refuse (error, "This office does not offer %s to its desks",
                   ecert_soap_operation_get_name (request->operation));
  if (!operation (self, desk, request, ecert_soap_call_get_reply (call), error))
    return FALSE;

  ecert_soap_call_return (call, NULL);
  return TRUE;
}

static void
handle_cb (EcertSoapServer *server,
           EcertSoapCall   *call,
           gpointer         user_data)
{
  EcertOfficeService *self = user_data;
  GError *error = NULL;

  if (answer (self, call, &error))
    return;

  /* Every operation may run twice: reading does nothing, acknowledging
   * the same envelope again changes nothing, and an inquiry is queued
   * once under its number. */
  if (reconnected_after (self, error))
    {
      g_clear_error (&error);
      if (answer (self, call, &error))
        return;
    }
  ecert_soap_call_return (call, error);
}

/* The extension: what the WSDL lacks ------------------------------------- */

static GBytes *
json_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strings (JsonBuilder *builder,
             const char  *member,
             const GStrv  values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* GET desk: who the asking desk is here and what it receives, so that a
 * desk shows it when it connects, and knows it talks to an office. */
static GBytes *
describe_desk (EcertOfficeService     *self,
               const EcertOfficeDesk  *desk,
               GError                **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GError *local_error = NULL;
  g_autofree char *office = ecert_office_store_get_name (self->store, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  json_builder_begin_object (builder);
  add_string (builder, "office", office != NULL ? office : self->country);
  add_string (builder, "country", self->country);
  add_string (builder, "desk", desk->name);
  json_builder_set_member_name (builder, "scope");
  json_builder_begin_object (builder);
  add_strings (builder, "ports", desk->scope.ports);
  add_strings (builder, "countries", desk->scope.countries);
  json_builder_set_member_name (builder, "days");
  json_builder_add_int_value (builder, desk->scope.days);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_bytes (builder);
}

/* GET certificates?number=N: every certificate the office holds under
 * that number, whatever desk's scope it is in, with its content, which
 * the desk verifies itself. */
static GBytes *
find_certificates (EcertOfficeService  *self,
                   GHashTable          *query,
                   GError             **error)
{
  const char *number = query != NULL ? g_hash_table_lookup (query, "number") : NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (number == NULL || number[0] == '\0')
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           "Name the certificate number: certificates?number=N");
      return NULL;
    }
  found = ecert_office_store_find_by_number (self->store, number, error);
  if (found == NULL)
    return NULL;

  json_builder_begin_object (builder);
  add_string (builder, "number", number);
  json_builder_set_member_name (builder, "certificates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < found->len; i++)
    {
      const EcertEnvelope *envelope = found->pdata[i];

      json_builder_begin_object (builder);
      add_string (builder, "hub_delivery_number", envelope->header->hub_delivery_number);
      add_string (builder, "number", envelope->header->nppo_certificate_number);
      add_string (builder, "from", envelope->header->from);
      add_string (builder, "to", envelope->header->to);
      add_string (builder, "content", envelope->content);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_bytes (builder);
}

/* POST paper-checks {"number": N, "found": B}: one desk's check, in the
 * office's log. */
static GBytes *
record_paper_check (EcertOfficeService  *self,
                    const char          *desk,
                    GBytes              *body,
                    GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonObject *object;
  const char *number;

  if (body == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   (gssize) g_bytes_get_size (body), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           "A paper check is a JSON object: {\"number\": …, \"found\": …}");
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  number = json_object_get_string_member_with_default (object, "number", NULL);
  if (number == NULL || number[0] == '\0' || strlen (number) > 128 ||
      !g_utf8_validate (number, -1, NULL) || !json_object_has_member (object, "found"))
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           "A paper check names a number (at most 128 characters) and whether "
                           "it was found");
      return NULL;
    }

  if (!ecert_office_store_add_paper_check (self->store, desk, number,
                                           json_object_get_boolean_member (object, "found"),
                                           error))
    return NULL;

  json_builder_begin_object (builder);
  add_string (builder, "recorded", number);
  json_builder_end_object (builder);
  return json_bytes (builder);
}

/* GET paper-checks?days=D: what every desk checked lately, the numbers
 * never found first. */
static GBytes *
list_paper_checks (EcertOfficeService  *self,
                   GHashTable          *query,
                   GError             **error)
{
  const char *days_text = query != NULL ? g_hash_table_lookup (query, "days") : NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint64 days = 7;

  if (days_text != NULL &&
      !g_ascii_string_to_unsigned (days_text, 10, 1, 3660, &days, NULL))
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           "days is a number of days from 1 to 3660");
      return NULL;
    }

  checks = ecert_office_store_list_paper_checks (self->store, (guint) days, error);
  if (checks == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "paper_checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < checks->len; i++)
    {
      const EcertOfficePaperCheck *check = checks->pdata[i];
      g_autoptr(GDateTime) last = g_date_time_new_from_unix_utc (check->last / G_USEC_PER_SEC);
      g_autofree char *when = g_date_time_format_iso8601 (last);

      json_builder_begin_object (builder);
      add_string (builder, "number", check->number);
      add_string (builder, "number_key", check->number_key);
      json_builder_set_member_name (builder, "checks");
      json_builder_add_int_value (builder, check->checks);
      json_builder_set_member_name (builder, "found");
      json_builder_add_boolean_value (builder, check->found);
      add_string (builder, "last", when);
      add_strings (builder, "desks", check->desks);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_bytes (builder);
}

static GBytes *
answer_extension (EcertOfficeService  *self,
                  GTlsCertificate     *peer,
                  const char          *method,
                  const char          *path,
                  GHashTable          *query,
                  GBytes              *body,
                  GError             **error)
{
  g_autoptr(EcertOfficeDesk) desk = find_enrolled_desk (self, peer, error);
  gboolean get = g_strcmp0 (method, "GET") == 0;

  if (desk == NULL)
    return NULL;

  if (get && g_strcmp0 (path, ECERT_OFFICE_EXTENSION_PATH "/desk") == 0)
    return describe_desk (self, desk, error);
  if (get && g_strcmp0 (path, ECERT_OFFICE_EXTENSION_PATH "/certificates") == 0)
    return find_certificates (self, query, error);
  if (!get && g_strcmp0 (path, ECERT_OFFICE_EXTENSION_PATH "/paper-checks") == 0)
    return record_paper_check (self, desk->name, body, error);
  if (get && g_strcmp0 (path, ECERT_OFFICE_EXTENSION_PATH "/paper-checks") == 0)
    return list_paper_checks (self, query, error);

  g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
               "This office has no %s %s", method, path);
  return NULL;
}

static GBytes *
extension_cb (EcertSoapServer  *server,
              GTlsCertificate  *peer,
              const char       *method,
              const char       *path,
              GHashTable       *query,
              GBytes           *body,
              gpointer          user_data,
              GError          **error)
{
  EcertOfficeService *self = user_data;
  GError *local_error = NULL;
  GBytes *answer = answer_extension (self, peer, method, path, query, body, &local_error);

  if (answer == NULL && reconnected_after (self, local_error))
    {
      g_clear_error (&local_error);
      answer = answer_extension (self, peer, method, path, query, body, &local_error);
    }
  if (answer == NULL)
    g_propagate_error (error, local_error);
  return answer;
}

/**
 * ecert_office_service_new:
 * @store_uri: the office's database
 * @certificate: the service's TLS certificate, with its key
 *
 * Returns: (transfer full): the service, not yet listening, or %NULL with
 *   @error set
 */
EcertOfficeService *
ecert_office_service_new (const char       *store_uri,
                          GTlsCertificate  *certificate,
                          GError          **error)
{
  g_autoptr(EcertOfficeService) self = g_object_new (ECERT_TYPE_OFFICE_SERVICE, NULL);
  g_autofree char *authority_pem = NULL;
  g_autofree char *authority_key = NULL;
  g_autoptr(GTlsDatabase) authority = NULL;
  GError *local_error = NULL;

  self->store_uri = g_strdup (store_uri);
  self->store = ecert_office_store_connect (store_uri, error);
  if (self->store == NULL || !ecert_office_store_check_schema (self->store, error) ||
      !ecert_office_store_get_authority (self->store, &authority_pem, &authority_key, error))
    return NULL;

  /* Set once by `init`: read once. */
  self->country = ecert_office_store_get_value (self->store, ECERT_OFFICE_STORE_COUNTRY_KEY,
                                                &local_error);
  if (self->country == NULL)
    {
      if (local_error == NULL)
        local_error = g_error_new_literal (ECERT_ERROR, ECERT_ERROR_STORE,
                                           "The office's database names no country: run "
                                           "ecert-office init");
      g_propagate_error (error, local_error);
      return NULL;
    }

  authority = ecert_tls_database_new_from_pem (authority_pem, error);
  if (authority == NULL)
    return NULL;

  self->server = ecert_soap_server_new ("office", certificate, authority, handle_cb, self,
                                        NULL);
  ecert_soap_server_add_extension (self->server, ECERT_OFFICE_EXTENSION_PATH, extension_cb, self);

  start_listening (self);
  return g_steal_pointer (&self);
}

gboolean
ecert_office_service_listen (EcertOfficeService  *self,
                             const char          *address,
                             guint                port,
                             GError             **error)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_SERVICE (self), FALSE);

  return ecert_soap_server_listen (self->server, address, port, error);
}

char *
ecert_office_service_get_url (EcertOfficeService *self)
{
  g_return_val_if_fail (ECERT_IS_OFFICE_SERVICE (self), NULL);

  return ecert_soap_server_get_url (self->server);
}
