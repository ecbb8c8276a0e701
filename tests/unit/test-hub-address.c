/* test-hub-address.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-core.h"

static void
test_normalize_accepts (void)
{
  static const struct {
    const char *typed;
    const char *expected;
  } cases[] = {
    { "https://hub.ephyto.ippc.int/hub/DeliveryService",
      "https://hub.ephyto.ippc.int/hub/DeliveryService" },
    { "  uat-hub.ephyto.ippc.int/hub/DeliveryService ",
      "https://uat-hub.ephyto.ippc.int/hub/DeliveryService" },
    { "HTTPS://hub.example.org", "https://hub.example.org/" },
    { "https://127.0.0.1:8443/hub", "https://127.0.0.1:8443/hub" },
    { "https://[::1]:8443/hub?wsdl", "https://[::1]:8443/hub?wsdl" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *address = ecert_hub_address_normalize (cases[i].typed, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (address, ==, cases[i].expected);
    }
}

static void
test_normalize_refuses (void)
{
  static const char *refused[] = {
    "",
    "   ",
    "http://hub.example.org/hub",
    "ftp://hub.example.org/",
    "https://user:secret@hub.example.org/",
    "https://hub.example.org/#frag",
    "https:///nohost",
    "https://exa mple.org/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *address = ecert_hub_address_normalize (refused[i], &error);

      if (address != NULL)
        g_error ("“%s” was accepted as %s", refused[i], address);
      g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ADDRESS);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_http_refusal_says_why (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = ecert_hub_address_normalize ("http://hub.example.org", &error);

  g_assert_null (address);
  g_assert_nonnull (strstr (error->message, "https"));
}

static void
test_loopback (void)
{
  g_assert_true (ecert_hub_address_is_loopback ("https://localhost:8443/hub"));
  g_assert_true (ecert_hub_address_is_loopback ("https://127.0.0.1/"));
  g_assert_true (ecert_hub_address_is_loopback ("https://[::1]:8443/"));
  g_assert_false (ecert_hub_address_is_loopback ("https://hub.ephyto.ippc.int/"));
  g_assert_false (ecert_hub_address_is_loopback ("not an address"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub-address/normalize/accepts", test_normalize_accepts);
  g_test_add_func ("/hub-address/normalize/refuses", test_normalize_refuses);
  g_test_add_func ("/hub-address/normalize/http-says-why", test_http_refusal_says_why);
  g_test_add_func ("/hub-address/loopback", test_loopback);

  return g_test_run ();
}
