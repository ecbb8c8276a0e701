/* hub-client.c: EcertHubClient as a process, for the integration tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One call (or several at once) to a hub, its result printed as JSON; an
 * error printed as JSON with its code's name, and exit status 1. Not
 * installed: `ecert sync` is the tool for people.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "ecert-core.h"

typedef struct
{
  GMainLoop    *loop;
  guint         pending;
  JsonBuilder  *builder;
  GPtrArray    *errors;
  const char   *operation;
} Run;

static const char *
error_name (const GError *error)
{
  static const struct
  {
    int         code;
    const char *name;
  } names[] = {
    { ECERT_ERROR_SOAP, "SOAP" },
    { ECERT_ERROR_HUB_FAULT, "HUB_FAULT" },
    { ECERT_ERROR_CONNECTION, "CONNECTION" },
    { ECERT_ERROR_TOO_LARGE, "TOO_LARGE" },
    { ECERT_ERROR_INVALID_ARGUMENT, "INVALID_ARGUMENT" },
    { ECERT_ERROR_INVALID_ADDRESS, "INVALID_ADDRESS" },
  };

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "CANCELLED";

  if (error->domain == ECERT_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (names[i].code == error->code)
        return names[i].name;

  return "OTHER";
}

static void
add_header (JsonBuilder               *builder,
            const EcertEnvelopeHeader *header)
{
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, header->from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, header->to);
  json_builder_set_member_name (builder, "type");
  json_builder_add_int_value (builder, header->certificate_type);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, header->certificate_status);
  json_builder_set_member_name (builder, "number");
  json_builder_add_string_value (builder, header->nppo_certificate_number);
  json_builder_set_member_name (builder, "hubDeliveryNumber");
  json_builder_add_string_value (builder, header->hub_delivery_number);
  json_builder_set_member_name (builder, "tracking");
  json_builder_add_string_value (builder, ecert_tracking_info_to_string (header->tracking_info));
  json_builder_set_member_name (builder, "errorMessage");
  json_builder_add_string_value (builder, header->hub_delivery_error_message);
}

static void
add_envelope (JsonBuilder         *builder,
              const EcertEnvelope *envelope)
{
  json_builder_begin_object (builder);
  add_header (builder, envelope->header);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, envelope->content);
  json_builder_end_object (builder);
}

static void
add_nppo (JsonBuilder     *builder,
          const EcertNppo *nppo)
{
  g_autoptr(GBytes) pem = ecert_nppo_get_signing_certificates_pem (nppo, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "country");
  json_builder_add_string_value (builder, nppo->country);
  json_builder_set_member_name (builder, "receive");
  json_builder_add_string_value (builder, nppo->receive);
  json_builder_set_member_name (builder, "documents");
  json_builder_add_int_value (builder, nppo->documents->len);
  json_builder_set_member_name (builder, "signingDn");
  json_builder_add_string_value (builder, nppo->signing_dn);
  json_builder_set_member_name (builder, "signingCertificateReadable");
  json_builder_add_boolean_value (builder, pem != NULL);
  json_builder_end_object (builder);
}

static void
add_reply (JsonBuilder          *builder,
           const EcertSoapReply *reply)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "operation");
  json_builder_add_string_value (builder, ecert_soap_operation_get_name (reply->operation));

  json_builder_set_member_name (builder, "headers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ecert_envelope_header_list_get_length (reply->headers); i++)
    {
      g_autoptr(EcertEnvelopeHeader) header = ecert_envelope_header_list_get (reply->headers, i);

      json_builder_begin_object (builder);
      add_header (builder, header);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "envelopes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < reply->envelopes->len; i++)
    add_envelope (builder, reply->envelopes->pdata[i]);
  if (reply->envelope != NULL)
    add_envelope (builder, reply->envelope);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "header");
  if (reply->header != NULL)
    {
      json_builder_begin_object (builder);
      add_header (builder, reply->header);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "nppos");
  json_builder_begin_array (builder);
  for (guint i = 0; i < reply->nppos->len; i++)
    add_nppo (builder, reply->nppos->pdata[i]);
  if (reply->nppo != NULL)
    add_nppo (builder, reply->nppo);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "codes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < reply->code_entries->len; i++)
    {
      const EcertHubCodeEntry *entry = reply->code_entries->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, ecert_hub_code_entry_get_code (entry));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, ecert_hub_code_entry_get_label (entry));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, reply->text);
  json_builder_end_object (builder);
}

static void
called_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;
  GError *error = NULL;
  g_autoptr(EcertSoapReply) reply = ecert_hub_client_call_finish (ECERT_HUB_CLIENT (source),
                                                                  result, &error);

  if (reply != NULL)
    add_reply (run->builder, reply);
  else
    g_ptr_array_add (run->errors, error);

  if (--run->pending == 0)
    g_main_loop_quit (run->loop);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      g_printerr ("hub-client: %s\n", error->message);
      exit (2);
    }

  return text;
}

static EcertSoapRequest *
build_request (int    argc,
               char **argv)
{
  EcertSoapOperation operation;
  EcertSoapRequest *request;
  EcertHubCodeList list;

  if (argc < 1 || !ecert_soap_operation_from_name (argv[0], &operation))
    {
      g_printerr ("hub-client: name an operation of the WSDL\n");
      exit (2);
    }

  request = ecert_soap_request_new (operation);
  switch (operation)
    {
    case ECERT_SOAP_GET_IMPORT_ENVELOPE_HEADERS:
      if (argc > 1)
        request->country_code = g_strdup (argv[1]);
      break;
    case ECERT_SOAP_PULL_SINGLE_IMPORT_ENVELOPE:
    case ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_GET_ENVELOPE_TRACKING_INFO:
      request->hub_tracking_number = g_strdup (argc > 1 ? argv[1] : NULL);
      break;
    case ECERT_SOAP_ADVANCED_ACKNOWLEDGE_ENVELOPE_RECEIPT:
    case ECERT_SOAP_ACKNOWLEDGE_FAILED_ENVELOPE_RECEIPT:
      request->hub_tracking_number = g_strdup (argc > 1 ? argv[1] : NULL);
      request->message = g_strdup (argc > 2 ? argv[2] : NULL);
      break;
    case ECERT_SOAP_DELIVER_ENVELOPE:
    case ECERT_SOAP_DELIVER_COUNTRY_RESPONSE_ENVELOPE:
      /* FROM TO NUMBER FILE */
      if (argc < 5)
        {
          g_printerr ("hub-client: %s FROM TO NUMBER FILE\n", argv[0]);
          exit (2);
        }
      request->envelope = ecert_envelope_new ();
      request->envelope->header->from = g_strdup (argv[1]);
      request->envelope->header->to = g_strdup (argv[2]);
      request->envelope->header->certificate_type = 851;
      request->envelope->header->certificate_status = 70;
      request->envelope->header->nppo_certificate_number = g_strdup (argv[3]);
      request->envelope->content = read_text (argv[4]);
      break;
    case ECERT_SOAP_PULL_IMPORT_ENVELOPE:
    case ECERT_SOAP_GET_PROFILE:
    case ECERT_SOAP_GET_ACTIVE_NPPOS:
    case ECERT_SOAP_GET_STATEMENTS:
    case ECERT_SOAP_GET_TREATMENT_TYPES:
    case ECERT_SOAP_GET_INTENDED_USES:
    case ECERT_SOAP_GET_UNIT_MEASURES:
    case ECERT_SOAP_GET_MEAN_OF_TRANSPORTS:
    case ECERT_SOAP_GET_PACKAGE_TYPES:
    case ECERT_SOAP_GET_PRODUCT_DESCRIPTIONS:
    case ECERT_SOAP_GET_ADDITIONAL_DECLARATIONS:
    case ECERT_SOAP_GET_CONDITIONS:
    case ECERT_SOAP_GET_PESTICIDES:
    default:
      g_assert (!ecert_soap_operation_get_code_list (operation, &list) ||
                operation == ecert_soap_operation_for_code_list (list));
      break;
    }

  return request;
}

static void
print_errors (Run *run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < run->errors->len; i++)
    {
      const GError *error = run->errors->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, error_name (error));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("OPERATION [ARGUMENT…]");
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertHubClient) client = NULL;
  g_autoptr(EcertSoapRequest) request = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *hub = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *key = NULL;
  g_autofree char *pkcs12 = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *text = NULL;
  int timeout = 10;
  int deadline = 0;
  int minimum_rate = -1;
  int rate_window = 0;
  int retries = 0;
  int retry_delay = 50;
  int parallel = 1;
  int cancel_after = 0;
  Run run = { NULL, 0, NULL, NULL, NULL };
  const GOptionEntry entries[] = {
    { "hub", 0, 0, G_OPTION_ARG_STRING, &hub, "The hub's address", "URL" },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &certificate, "Client certificate (PEM)", "FILE" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key, "Its key (PEM)", "FILE" },
    { "p12", 0, 0, G_OPTION_ARG_FILENAME, &pkcs12, "Client certificate (PKCS#12)", "FILE" },
    { "passphrase", 0, 0, G_OPTION_ARG_STRING, &passphrase, "Its passphrase", "TEXT" },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &ca, "Trust this CA for the hub", "FILE" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Seconds", "S" },
    { "deadline", 0, 0, G_OPTION_ARG_INT, &deadline, "Seconds for a whole exchange", "S" },
    { "minimum-rate", 0, 0, G_OPTION_ARG_INT, &minimum_rate, "Slowest reply", "BYTES/S" },
    { "rate-window", 0, 0, G_OPTION_ARG_INT, &rate_window, "Measured over", "S" },
    { "retries", 0, 0, G_OPTION_ARG_INT, &retries, "Retries", "N" },
    { "retry-delay", 0, 0, G_OPTION_ARG_INT, &retry_delay, "First pause", "MS" },
    { "parallel", 0, 0, G_OPTION_ARG_INT, &parallel, "Calls at once", "N" },
    { "cancel-after", 0, 0, G_OPTION_ARG_INT, &cancel_after, "Cancel after", "MS" },
    G_OPTION_ENTRY_NULL
  };

  /* Messages in the user's language and charset, as the app shows them. */
  ecert_i18n_init ();
  ecert_tls_init ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || hub == NULL)
    {
      g_printerr ("hub-client: %s\n", error != NULL ? error->message : "--hub is required");
      return 2;
    }

  client = ecert_hub_client_new (hub, &error);
  if (client == NULL ||
      (certificate != NULL && !ecert_hub_client_set_certificate_files (client, certificate, key,
                                                                       &error)) ||
      (pkcs12 != NULL && !ecert_hub_client_set_pkcs12_file (client, pkcs12, passphrase, &error)) ||
      !ecert_hub_client_set_ca_file (client, ca, &error))
    {
      run.errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      g_ptr_array_add (run.errors, g_steal_pointer (&error));
      print_errors (&run);
      g_ptr_array_unref (run.errors);
      return 1;
    }

  ecert_hub_client_set_timeout (client, (guint) timeout);
  if (deadline > 0)
    ecert_hub_client_set_deadline (client, (guint) deadline);
  if (minimum_rate >= 0)
    ecert_hub_client_set_minimum_rate (client, (guint) minimum_rate, (guint) rate_window);
  ecert_hub_client_set_retries (client, (guint) retries, (guint) retry_delay);
  request = build_request (argc - 1, argv + 1);

  run.loop = g_main_loop_new (NULL, FALSE);
  run.builder = json_builder_new ();
  run.errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  json_builder_begin_array (run.builder);

  for (int i = 0; i < MAX (parallel, 1); i++)
    {
      run.pending++;
      ecert_hub_client_call_async (client, request, cancellable, called_cb, &run);
    }
  if (cancel_after > 0)
    g_timeout_add (cancel_after, cancel_cb, cancellable);

  g_main_loop_run (run.loop);
  json_builder_end_array (run.builder);

  if (run.errors->len > 0)
    print_errors (&run);
  else
    {
      root = json_builder_get_root (run.builder);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }

  {
    int status = run.errors->len > 0 ? 1 : 0;

    g_ptr_array_unref (run.errors);
    g_object_unref (run.builder);
    g_main_loop_unref (run.loop);
    return status;
  }
}
