/* test-hub-client.c: EcertHubClient without a hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What needs no server: addresses, certificate files, TLS flags in words,
 * requests refused before sending, cancellation, and retries against a
 * port where nothing listens. The integration test hub-client covers the
 * rest against a real ecert-hub.
 */

#include "config.h"

#include "ecert-core.h"
#include "ecert-test-util.h"

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Waiter;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  g_main_loop_run (waiter->loop);
  g_main_loop_unref (waiter->loop);
  return waiter->result;
}

/* A loopback port where, almost surely, nothing listens. */
static char *
closed_port_address (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return g_strdup_printf ("https://127.0.0.1:%u/hub/DeliveryService", port);
}

static void
test_addresses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertHubClient) client = NULL;
  g_autoptr(EcertHubClient) plain = NULL;

  client = ecert_hub_client_new ("hub.ephytoexchange.org/hub/DeliveryService", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ecert_hub_client_get_address (client), ==,
                   "https://hub.ephytoexchange.org/hub/DeliveryService");
  g_assert_cmpuint (ecert_hub_client_get_timeout (client), ==, ECERT_HUB_CLIENT_DEFAULT_TIMEOUT);
  ecert_hub_client_set_timeout (client, 5);
  g_assert_cmpuint (ecert_hub_client_get_timeout (client), ==, 5);

  plain = ecert_hub_client_new ("http://hub.example.org/", &error);
  g_assert_null (plain);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS);
}

static void
test_certificate_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertHubClient) client = ecert_hub_client_new ("https://127.0.0.1/", NULL);
  g_autofree char *pki = g_build_filename (g_getenv ("ECERT_TEST_DATA_DIR"), "pki", NULL);
  g_autofree char *certificate = g_build_filename (pki, "nz-signer.pem", NULL);
  g_autofree char *key = g_build_filename (pki, "nz-signer.key", NULL);
  g_autofree char *other_key = g_build_filename (pki, "ar-signer.key", NULL);

  g_assert_true (ecert_hub_client_set_certificate_files (client, certificate, key, &error));
  g_assert_no_error (error);

  g_assert_false (ecert_hub_client_set_certificate_files (client, certificate, other_key, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION);
  g_clear_error (&error);

  g_assert_false (ecert_hub_client_set_certificate_files (client, "/no/such.pem", NULL, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION);
  g_assert_nonnull (strstr (error->message, "/no/such.pem"));
  g_clear_error (&error);

  g_assert_false (ecert_hub_client_set_pkcs12_file (client, "/no/such.p12", "x", &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION);
  g_clear_error (&error);

  /* PEM is not PKCS#12. */
  g_assert_false (ecert_hub_client_set_pkcs12_file (client, certificate, "x", &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION);
  g_clear_error (&error);

  g_assert_true (ecert_hub_client_set_ca_file (client, certificate, &error));
  g_assert_no_error (error);
  g_assert_true (ecert_hub_client_set_ca_file (client, NULL, &error));
  g_assert_false (ecert_hub_client_set_ca_file (client, "/no/such-ca.pem", &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION);
}

static void
test_flags (void)
{
  g_autofree char *two = ecert_tls_certificate_flags_describe (G_TLS_CERTIFICATE_UNKNOWN_CA |
                                                               G_TLS_CERTIFICATE_EXPIRED);
  g_autofree char *none = ecert_tls_certificate_flags_describe (0);
  g_autofree char *identity = ecert_tls_certificate_flags_describe (G_TLS_CERTIFICATE_BAD_IDENTITY);

  g_assert_cmpstr (two, ==, "it was issued by an authority that is not trusted; it has expired");
  g_assert_cmpstr (none, ==, "it could not be checked");
  g_assert_cmpstr (identity, ==, "it was not issued for the hub’s address");
}

static void
test_refused_before_sending (void)
{
  g_autoptr(EcertHubClient) client = ecert_hub_client_new ("https://127.0.0.1/", NULL);
  g_autoptr(EcertSoapRequest) request = ecert_soap_request_new (ECERT_SOAP_ACKNOWLEDGE_ENVELOPE_RECEIPT);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EcertSoapReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { g_main_loop_new (NULL, FALSE), NULL };

  /* No tracking number: nothing to send. */
  ecert_hub_client_call_async (client, request, NULL, done_cb, &waiter);
  result = wait_for (&waiter);
  reply = ecert_hub_client_call_finish (client, result, &error);
  g_assert_null (reply);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
}

static void
test_unreachable (void)
{
  g_autofree char *address = closed_port_address ();
  g_autoptr(EcertHubClient) client = ecert_hub_client_new (address, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EcertEnvelopeHeaderList) headers = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { g_main_loop_new (NULL, FALSE), NULL };
  gint64 start = g_get_monotonic_time ();

  ecert_hub_client_set_retries (client, 2, 100);
  ecert_hub_client_get_import_envelope_headers_async (client, NULL, done_cb, &waiter);
  result = wait_for (&waiter);
  headers = ecert_hub_client_get_import_envelope_headers_finish (client, result, &error);
  g_assert_null (headers);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_CONNECTION);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  /* 100 ms, then 200 ms, each with up to a quarter more. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
}

static void
test_cancelled (void)
{
  g_autofree char *address = closed_port_address ();
  g_autoptr(EcertHubClient) client = ecert_hub_client_new (address, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { g_main_loop_new (NULL, FALSE), NULL };
  gint64 start = g_get_monotonic_time ();

  /* Cancelled while waiting ten seconds to try again. */
  ecert_hub_client_set_retries (client, 3, 10000);
  ecert_hub_client_acknowledge_async (client, ECERT_TRACKING_INFO_DELIVERED_WITH_WARNINGS, "n-1",
                                      "not schema-valid", cancellable, done_cb, &waiter);
  g_timeout_add_once (200, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  result = wait_for (&waiter);
  g_assert_false (ecert_hub_client_acknowledge_finish (client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub-client/addresses", test_addresses);
  g_test_add_func ("/hub-client/certificate-files", test_certificate_files);
  g_test_add_func ("/hub-client/flags", test_flags);
  g_test_add_func ("/hub-client/refused-before-sending", test_refused_before_sending);
  g_test_add_func ("/hub-client/unreachable", test_unreachable);
  g_test_add_func ("/hub-client/cancelled", test_cancelled);

  return g_test_run ();
}
