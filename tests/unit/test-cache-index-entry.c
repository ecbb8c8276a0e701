/* test-cache-index-entry.c: number normalisation, index entries, search words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-cache-private.h"
#include "ecert-core.h"
#include "ecert-test-util.h"

static void
test_normalize_number (void)
{
  static const struct {
    const char *typed;
    const char *normalized;
  } cases[] = {
    { "NZ-2026-000417", "NZ2026000417" },
    { "nz 2026 000417", "NZ2026000417" },
    { "  Nz2026-000417\t", "NZ2026000417" },
    { "NZ–2026—000417", "NZ2026000417" },          /* en and em dashes */
    { "NZ‐2026‑000417", "NZ2026000417" },          /* hyphen, non-breaking hyphen */
    { "ＮＺ－２０２６－０００４１７", "NZ2026000417" }, /* full-width, from an input method */
    { "NZ 2026\u00a0000417", "NZ2026000417" },     /* no-break space */
    { "AR/2016/123", "AR/2016/123" },               /* slashes are kept */
    { "ar.2016.123", "AR.2016.123" },
    { "123ABC", "123ABC" },
    { "PC-nz-2026\u200b00417", "PCNZ202600417" },   /* zero-width space */
    { "", "" },
    { " - ", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = ecert_cache_normalize_number (cases[i].typed);

      g_assert_cmpstr (normalized, ==, cases[i].normalized);
    }
}

static void
test_summary_from_certificate (void)
{
  g_autoptr(GBytes) bytes = ecert_test_certificate_variant ("NZ-2026-000417", "70", "NZ-2026-000399");
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCertificate) certificate = ecert_certificate_new_from_bytes (bytes, NULL, &error);
  g_autoptr(EcertCacheIndexEntry) entry = NULL;

  g_assert_no_error (error);
  entry = ecert_cache_index_entry_new_from_certificate (certificate);

  g_assert_cmpstr (entry->number, ==, "NZ-2026-000417");
  g_assert_cmpstr (entry->type_code, ==, "851");
  g_assert_cmpstr (entry->status_code, ==, "70");
  g_assert_cmpstr (entry->issued, ==, "2026-03-14T09:26:53+13:00");
  g_assert_nonnull (entry->issued_at);
  /* The issuer's calendar day is kept with the instant. */
  g_assert_cmpint (g_date_time_get_day_of_month (entry->issued_at), ==, 14);
  g_assert_cmpstr (entry->export_country, ==, "NZ");
  g_assert_cmpstr (entry->import_country, ==, "CN");
  g_assert_cmpstr (entry->consignor, ==, "Kiwi Orchards Ltd");
  g_assert_cmpstr (entry->consignee, ==, "上海鲜果进出口有限公司");
  g_assert_cmpstr (entry->commodity, ==, "Kiwifruit");
  g_assert_nonnull (strstr (entry->commodities, "Actinidia chinensis"));
  g_assert_nonnull (strstr (entry->commodities, "新鲜猕猴桃"));
  g_assert_nonnull (strstr (entry->hs_codes, "081050"));
  g_assert_nonnull (strstr (entry->ports, "CNSHA"));
  g_assert_nonnull (strstr (entry->ports, "Mount Maunganui packhouse"));
  g_assert_nonnull (strstr (entry->transport, "Maersk Kowloon"));
  g_assert_nonnull (strstr (entry->transport, "MSKU1234565"));
  g_assert_nonnull (strstr (entry->transport, "SEAL-0099"));
  g_assert_nonnull (strstr (entry->issuer, "Aroha Ngata"));
  g_assert_nonnull (strstr (entry->countries, "Singapore"));
  g_assert_cmpstr (entry->replaces_number, ==, "NZ-2026-000399");
}

static void
test_summary_of_sparse_certificate (void)
{
  static const char xml[] =
    "<rsm:SPSCertificate xmlns:rsm=\"urn:un:unece:uncefact:data:standard:SPSCertificate:17\""
    " xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21\">"
    "<rsm:SPSExchangedDocument><ram:ID>X1</ram:ID></rsm:SPSExchangedDocument>"
    "</rsm:SPSCertificate>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, sizeof xml - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCertificate) certificate = ecert_certificate_new_from_bytes (bytes, NULL, &error);
  g_autoptr(EcertCacheIndexEntry) entry = NULL;

  g_assert_no_error (error);
  entry = ecert_cache_index_entry_new_from_certificate (certificate);
  g_assert_cmpstr (entry->number, ==, "X1");
  /* Not given stays not given. */
  g_assert_null (entry->issued);
  g_assert_null (entry->issued_at);
  g_assert_null (entry->export_country);
  g_assert_null (entry->consignor);
  g_assert_null (entry->commodity);
  g_assert_null (entry->commodities);
  g_assert_null (entry->replaces_number);
}

static void
test_fts_expression (void)
{
  static const struct {
    const char *text;
    const char *expression;
  } cases[] = {
    { "kiwi", "\"kiwi\"*" },
    { "kiwi  shanghai", "\"kiwi\"* AND \"shanghai\"*" },
    { "上海", "\"上海\"*" },
    /* Quotes and FTS5 syntax are only text. */
    { "a\"b OR NOT (x*)", "\"a\"\"b\"* AND \"OR\"* AND \"NOT\"* AND \"(x*)\"*" },
    { "nz-2026 000417", "(\"nz-2026\"* AND \"000417\"*) OR search_number : \"NZ2026000417\"*" },
    { "- -- ()", NULL },
    { "", NULL },
    /* Bytes that are not UTF-8 are read as U+FFFD, which is no word. */
    { "-\xfc", NULL },
    { "\xe4\xb8", NULL },
    { "kiwi\xff", "\"kiwi\xef\xbf\xbd\"*" },
    { "\xff nz-2026 \xc0 000417 \xf8",
      "(\"nz-2026\"* AND \"000417\"*) OR search_number : "
      "\"\xef\xbf\xbdNZ2026\xef\xbf\xbd" "000417\xef\xbf\xbd\"*" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expression = _ecert_cache_fts_expression (cases[i].text);

      g_assert_cmpstr (expression, ==, cases[i].expression);
    }
}

static void
test_verdicts (void)
{
  static const char * const known[] = {
    "valid", "invalid", "untrusted", "not-authorised", "expired-signer", "unsigned", "unsupported",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_assert_true (ecert_cache_verdict_is_known (known[i]));
      g_assert_nonnull (ecert_cache_verdict_label (known[i]));
    }

  g_assert_false (ecert_cache_verdict_is_known (NULL));
  g_assert_false (ecert_cache_verdict_is_known ("VALID"));
  g_assert_false (ecert_cache_verdict_is_known ("unverified"));
  g_assert_false (ecert_cache_verdict_is_known ("ok"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/normalize-number", test_normalize_number);
  g_test_add_func ("/cache/entry/from-certificate", test_summary_from_certificate);
  g_test_add_func ("/cache/entry/sparse", test_summary_of_sparse_certificate);
  g_test_add_func ("/cache/fts-expression", test_fts_expression);
  g_test_add_func ("/cache/verdicts", test_verdicts);

  return g_test_run ();
}
