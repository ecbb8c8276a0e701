/* ecert-hub-office.c: what a desk asks of its office beyond the hub's operations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An office (ecert-office) answers a few requests in JSON beside the hub's
 * SOAP operations, on the same host, port, TLS and client certificate
 * (docs/office-protocol.md): who this desk is there, a certificate by
 * number from the whole office, and the office's shared log of paper
 * checks. A hub has none of them: asked who this desk is, it answers 404,
 * which tells a desk that it talks to a hub.
 *
 * Everything in a reply is untrusted: its size is bounded while it is
 * read, and every member is checked for its type before it is used. A
 * certificate found this way is verified by the desk like any other.
 */

#define G_LOG_DOMAIN "ecert-hub-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ecert-country.h"
#include "ecert-error.h"
#include "ecert-hub-client-private.h"
#include "ecert-hub-office.h"
#include "ecert-office-protocol.h"
#include "ecert-soap-private.h"
#include "ecert-soap.h"

#define READ_CHUNK (64 * 1024)
/* The office's faults and refusals are shown cut to this many bytes. */
#define MAX_SHOWN_REASON 300

void
ecert_office_profile_free (EcertOfficeProfile *profile)
{
  if (profile == NULL)
    return;

  g_free (profile->office);
  g_free (profile->country);
  g_free (profile->desk);
  g_strfreev (profile->ports);
  g_strfreev (profile->countries);
  g_free (profile);
}

void
ecert_shared_paper_check_free (EcertSharedPaperCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->number);
  g_clear_pointer (&check->last, g_date_time_unref);
  g_strfreev (check->desks);
  g_free (check);
}

static char *
join_or_all (const GStrv items,
             gboolean    countries)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (items == NULL || items[0] == NULL)
    /* Translators: a desk receives from all exporting countries, or for
     * all ports of entry */
    return g_strdup (_("all"));

  for (guint i = 0; items[i] != NULL; i++)
    g_ptr_array_add (names, countries ? ecert_country_describe (items[i]) : g_strdup (items[i]));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/**
 * ecert_office_profile_describe_scope:
 *
 * Returns: (transfer full): what the desk receives, in one line for people:
 *   "Ports: CNSHA, CNNGB · exporting countries: all · the last 90 days"
 */
char *
ecert_office_profile_describe_scope (const EcertOfficeProfile *profile)
{
  g_autofree char *ports = join_or_all (profile->ports, FALSE);
  g_autofree char *countries = join_or_all (profile->countries, TRUE);
  g_autofree char *days = NULL;

  if (profile->days == 0)
    days = g_strdup (_("everything the office holds"));
  else
    days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the last %u day", "the last %u days",
                                         profile->days), profile->days);

  /* Translators: a desk's scope at its office: ports of entry, exporting
   * countries, how far back ("the last 90 days") */
  return g_strdup_printf (_("Ports: %s · exporting countries: %s · %s"), ports, countries, days);
}

/* A request -------------------------------------------------------------- */

typedef struct
{
  SoupMessage          *message;
  GInputStream         *stream;
  GByteArray           *reply;
  gboolean              tls_rejected;
  GTlsCertificateFlags  tls_errors;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->reply, g_byte_array_unref);
  g_free (request);
}

static gboolean
refuse_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Request *request = user_data;

  request->tls_rejected = TRUE;
  request->tls_errors = errors;
  return FALSE;
}

static char *
shown_body (Request *request)
{
  gsize length = MIN (request->reply->len, MAX_SHOWN_REASON);

  if (length == 0)
    return g_strdup (_("it gave no reason"));
  return ecert_soap_quote ((const char *) request->reply->data, length);
}

/* The reply, read whole, or why there is none that can be used. */
static JsonNode *
parse_reply (EcertHubClient  *self,
             Request         *request,
             GError         **error)
{
  guint status = soup_message_get_status (request->message);
  const char *host = g_uri_get_host (self->uri);
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *body = shown_body (request);

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_NOT_AN_OFFICE,
                   _("%s is a hub, not an office: it offers no office services"), host);
      return NULL;
    }
  if (status == SOUP_STATUS_FORBIDDEN || status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                   _("The office %s refused this desk: %s"), host, body);
      return NULL;
    }
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                   _("The office %s failed with HTTP %u: %s"), host, status, body);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) request->reply->data,
                                   (gssize) request->reply->len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
                   _("The office %s answered with something that is not a JSON object"), host);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

static void read_next (GTask *task);

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EcertHubClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              &error);
  JsonNode *root;

  if (bytes == NULL)
    {
      g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                               _("The office %s stopped answering: %s"),
                               g_uri_get_host (self->uri), error->message);
      return;
    }

  if (g_bytes_get_size (bytes) > 0)
    {
      if (request->reply->len + g_bytes_get_size (bytes) > self->max_reply_size)
        {
          g_autofree char *limit = g_format_size (self->max_reply_size);

          g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                                   _("The office’s answer is larger than %s"), limit);
          return;
        }
      g_byte_array_append (request->reply, g_bytes_get_data (bytes, NULL),
                           g_bytes_get_size (bytes));
      read_next (g_steal_pointer (&task));
      return;
    }

  root = parse_reply (self, request, &error);
  if (root == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
}

/* Takes the reference to @task. */
static void
read_next (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EcertHubClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream != NULL)
    {
      read_next (g_steal_pointer (&task));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (request->tls_rejected)
    {
      g_autofree char *why = ecert_tls_certificate_flags_describe (request->tls_errors);

      g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                               _("The office %s could not be identified: %s"),
                               g_uri_get_host (self->uri), why);
    }
  else
    g_task_return_new_error (task, ECERT_ERROR, ECERT_ERROR_CONNECTION,
                             _("The office %s cannot be reached: %s"),
                             g_uri_get_host (self->uri), error->message);
}

/* Sends @method to @path (below the extension's path) with @query and
 * @body; the task returns the reply's JSON object. */
static void
request_async (EcertHubClient      *self,
               const char          *method,
               const char          *path,
               const char          *query,
               JsonBuilder         *body,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *full_path = g_strconcat (ECERT_OFFICE_EXTENSION_PATH, "/", path, NULL);
  g_autoptr(GUri) uri = g_uri_build (G_URI_FLAGS_ENCODED_QUERY, g_uri_get_scheme (self->uri),
                                     NULL, g_uri_get_host (self->uri), g_uri_get_port (self->uri),
                                     full_path, query, NULL);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  request->reply = g_byte_array_new ();
  request->message = soup_message_new_from_uri (method, uri);
  soup_message_headers_replace (soup_message_get_request_headers (request->message), "Accept",
                                "application/json");
  if (body != NULL)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (body);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      gsize length = 0;
      char *text;

      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, &length);
      soup_message_set_request_body_from_bytes (request->message, "application/json",
                                                g_bytes_new_take (text, length));
    }
  soup_message_set_tls_client_certificate (request->message, self->certificate);
  g_signal_connect (request->message, "accept-certificate", G_CALLBACK (refuse_certificate_cb),
                    request);

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT, cancellable,
                           sent_cb, g_steal_pointer (&task));
}

static JsonNode *
request_finish (EcertHubClient  *self,
                GAsyncResult    *result,
                gpointer         source_tag,
                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reading replies ----------------------------------------------------------- */

static gboolean
malformed (EcertHubClient  *self,
           const char      *what,
           GError         **error)
{
  g_set_error (error, ECERT_ERROR, ECERT_ERROR_SOAP,
               _("The office %s answered with a malformed %s"), g_uri_get_host (self->uri), what);
  return FALSE;
}

/* A member that must be a string, or absent/null when @optional. */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             gboolean     optional,
             char       **out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return optional;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* A member that must be an array of strings (absent: none). */
static gboolean
read_strings (JsonObject *object,
              const char *member,
              GStrv      *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = g_strv_builder_end (builder);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_count (JsonObject *object,
            const char *member,
            guint      *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  value = json_node_get_int (node);
  if (value < 0 || value > G_MAXUINT)
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_boolean (JsonObject *object,
              const char *member,
              gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* The objects of the array @member of the reply's root. */
static JsonArray *
read_objects (JsonNode   *root,
              const char *member)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      return NULL;
  return array;
}

/* Who this desk is ---------------------------------------------------------- */

/**
 * ecert_hub_client_get_office_profile_async:
 *
 * Asks an office who this desk is there and what it receives. Finish with
 * ecert_hub_client_get_office_profile_finish().
 */
void
ecert_hub_client_get_office_profile_async (EcertHubClient      *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (ECERT_IS_HUB_CLIENT (self));

  request_async (self, SOUP_METHOD_GET, "desk", NULL, NULL,
                 ecert_hub_client_get_office_profile_async, cancellable, callback, user_data);
}

/**
 * ecert_hub_client_get_office_profile_finish:
 *
 * Returns: (transfer full): this desk's profile at its office, or %NULL
 *   with @error set: %ECERT_ERROR_NOT_AN_OFFICE when the client talks to a
 *   hub, otherwise as for any request
 */
EcertOfficeProfile *
ecert_hub_client_get_office_profile_finish (EcertHubClient  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  g_autoptr(JsonNode) root = request_finish (self, result,
                                             ecert_hub_client_get_office_profile_async, error);
  g_autoptr(EcertOfficeProfile) profile = NULL;
  JsonObject *object;
  JsonNode *scope;

  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  scope = json_object_get_member (object, "scope");
  profile = g_new0 (EcertOfficeProfile, 1);
  if (!read_string (object, "office", FALSE, &profile->office) ||
      !read_string (object, "country", FALSE, &profile->country) ||
      !read_string (object, "desk", FALSE, &profile->desk) ||
      scope == NULL || !JSON_NODE_HOLDS_OBJECT (scope) ||
      !read_strings (json_node_get_object (scope), "ports", &profile->ports) ||
      !read_strings (json_node_get_object (scope), "countries", &profile->countries) ||
      !read_count (json_node_get_object (scope), "days", &profile->days))
    {
      malformed (self, _("description of this desk"), error);
      return NULL;
    }

  return g_steal_pointer (&profile);
}

/* A certificate by number, from the whole office ---------------------------- */

/**
 * ecert_hub_client_find_at_office_async:
 * @number: a certificate number as written on paper
 *
 * Asks the office for every certificate it holds under @number, whatever
 * desk's scope it is in (the paper check of a number not in this desk's
 * cache). Finish with ecert_hub_client_find_at_office_finish().
 */
void
ecert_hub_client_find_at_office_async (EcertHubClient      *self,
                                       const char          *number,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (ECERT_IS_HUB_CLIENT (self));
  g_return_if_fail (number != NULL);

  escaped = g_uri_escape_string (number, NULL, FALSE);
  query = g_strconcat ("number=", escaped, NULL);
  request_async (self, SOUP_METHOD_GET, "certificates", query, NULL,
                 ecert_hub_client_find_at_office_async, cancellable, callback, user_data);
}

/**
 * ecert_hub_client_find_at_office_finish:
 *
 * Returns: (transfer full) (element-type EcertEnvelope): the envelopes the
 *   office holds under the number, with their content, none when it holds
 *   none; %NULL with @error set when it could not be asked
 */
GPtrArray *
ecert_hub_client_find_at_office_finish (EcertHubClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_autoptr(JsonNode) root = request_finish (self, result, ecert_hub_client_find_at_office_async,
                                             error);
  g_autoptr(GPtrArray) envelopes = NULL;
  JsonArray *found;

  if (root == NULL)
    return NULL;

  found = read_objects (root, "certificates");
  if (found == NULL)
    {
      malformed (self, _("list of certificates"), error);
      return NULL;
    }

  envelopes = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_envelope_free);
  for (guint i = 0; i < json_array_get_length (found); i++)
    {
      JsonObject *object = json_array_get_object_element (found, i);
      g_autoptr(EcertEnvelope) envelope = ecert_envelope_new ();
      EcertEnvelopeHeader *header = envelope->header;

      if (!read_string (object, "hub_delivery_number", FALSE, &header->hub_delivery_number) ||
          !read_string (object, "number", TRUE, &header->nppo_certificate_number) ||
          !read_string (object, "from", TRUE, &header->from) ||
          !read_string (object, "to", TRUE, &header->to) ||
          !read_string (object, "content", FALSE, &envelope->content))
        {
          malformed (self, _("list of certificates"), error);
          return NULL;
        }
      g_ptr_array_add (envelopes, g_steal_pointer (&envelope));
    }

  return g_steal_pointer (&envelopes);
}

/* The shared log of paper checks ------------------------------------------- */

/**
 * ecert_hub_client_record_paper_check_async:
 * @number: the number checked, as typed
 * @found: whether an e-certificate of that number was found
 *
 * Records a paper check made at this desk in the office's shared log, so
 * that every desk sees a number checked and never found. Finish with
 * ecert_hub_client_record_paper_check_finish().
 */
void
ecert_hub_client_record_paper_check_async (EcertHubClient      *self,
                                           const char          *number,
                                           gboolean             found,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(JsonBuilder) body = json_builder_new ();

  g_return_if_fail (ECERT_IS_HUB_CLIENT (self));
  g_return_if_fail (number != NULL);

  json_builder_begin_object (body);
  json_builder_set_member_name (body, "number");
  json_builder_add_string_value (body, number);
  json_builder_set_member_name (body, "found");
  json_builder_add_boolean_value (body, found);
  json_builder_end_object (body);
  request_async (self, SOUP_METHOD_POST, "paper-checks", NULL, body,
                 ecert_hub_client_record_paper_check_async, cancellable, callback, user_data);
}

gboolean
ecert_hub_client_record_paper_check_finish (EcertHubClient  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  g_autoptr(JsonNode) root = request_finish (self, result,
                                             ecert_hub_client_record_paper_check_async, error);

  return root != NULL;
}

/**
 * ecert_hub_client_list_paper_checks_async:
 * @days: how far back, 1 to 3660
 *
 * Asks the office which numbers its desks checked lately. Finish with
 * ecert_hub_client_list_paper_checks_finish().
 */
void
ecert_hub_client_list_paper_checks_async (EcertHubClient      *self,
                                          guint                days,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *query = g_strdup_printf ("days=%u", CLAMP (days, 1, 3660));

  g_return_if_fail (ECERT_IS_HUB_CLIENT (self));

  request_async (self, SOUP_METHOD_GET, "paper-checks", query, NULL,
                 ecert_hub_client_list_paper_checks_async, cancellable, callback, user_data);
}

/**
 * ecert_hub_client_list_paper_checks_finish:
 *
 * Returns: (transfer full) (element-type EcertSharedPaperCheck): the
 *   numbers checked, those never found first, as the office orders them
 */
GPtrArray *
ecert_hub_client_list_paper_checks_finish (EcertHubClient  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  g_autoptr(JsonNode) root = request_finish (self, result,
                                             ecert_hub_client_list_paper_checks_async, error);
  g_autoptr(GPtrArray) checks = NULL;
  JsonArray *listed;

  if (root == NULL)
    return NULL;

  listed = read_objects (root, "paper_checks");
  if (listed == NULL)
    {
      malformed (self, _("log of paper checks"), error);
      return NULL;
    }

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_shared_paper_check_free);
  for (guint i = 0; i < json_array_get_length (listed); i++)
    {
      JsonObject *object = json_array_get_object_element (listed, i);
      g_autoptr(EcertSharedPaperCheck) check = g_new0 (EcertSharedPaperCheck, 1);
      g_autofree char *last = NULL;

      if (!read_string (object, "number", FALSE, &check->number) ||
          !read_count (object, "checks", &check->checks) ||
          !read_boolean (object, "found", &check->found) ||
          !read_string (object, "last", FALSE, &last) ||
          !read_strings (object, "desks", &check->desks) ||
          (check->last = g_date_time_new_from_iso8601 (last, NULL)) == NULL)
        {
          malformed (self, _("log of paper checks"), error);
          return NULL;
        }
      g_ptr_array_add (checks, g_steal_pointer (&check));
    }

  return g_steal_pointer (&checks);
}
