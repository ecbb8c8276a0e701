/* test-sample-generator.c: the sample certificates of demonstrations and
 * benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the demonstration hub, `ecert bench cache` and `ecert bench corpus`
 * rely on: every certificate reads back as the entry it comes with,
 * signatures verify against the anchor of the signer that made them (and
 * fail where they were altered), numbers are unique, a seed gives the same
 * run again, and a run has the variety of real trade.
 */

#include "config.h"

#include <gnutls/x509.h>

#include "ecert-core.h"
#include "ecert-sample-generator.h"
#include "ecert-test-signing.h"

#define P256_BITS GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1)

/* A fixed period, so that a run does not depend on today. */
static EcertSampleGenerator *
generator_in_2026 (guint32 seed)
{
  EcertSampleGenerator *generator = ecert_sample_generator_new (seed);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2026, 1, 2, 0, 0, 0);
  g_autoptr(GDateTime) last = g_date_time_new_utc (2026, 12, 30, 0, 0, 0);

  ecert_sample_generator_set_issue_period (generator, first, last);
  return generator;
}

/* The settings of `ecert bench cache`: trade in volume. */
static EcertSampleGenerator *
generator_for_volume (guint32 seed,
                      guint   count)
{
  EcertSampleGenerator *generator = generator_in_2026 (seed);

  ecert_sample_generator_set_by_trade (generator, TRUE);
  ecert_sample_generator_set_many_traders (generator, TRUE);
  ecert_sample_generator_set_numbering (generator, ECERT_SAMPLE_NUMBERS_NATIONAL);
  ecert_sample_generator_set_other_importers (generator, 0);
  ecert_sample_generator_set_in_issue_order (generator, count);
  return generator;
}

static GPtrArray *
draw (EcertSampleGenerator *generator,
      guint                 count)
{
  GPtrArray *samples = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_sample_free);

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(GError) error = NULL;
      EcertSample *sample = ecert_sample_generator_next (generator, &error);

      g_assert_no_error (error);
      g_assert_nonnull (sample);
      g_ptr_array_add (samples, sample);
    }

  return samples;
}

static EcertCertificate *
read_back (const EcertSample *sample)
{
  g_autoptr(GError) error = NULL;
  EcertCertificate *certificate = ecert_certificate_new_from_bytes (sample->document, NULL,
                                                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (certificate);
  return certificate;
}

#define assert_same_text(sample, read, member) \
  g_assert_cmpstr ((sample)->entry->member, ==, (read)->member)

/* The entry that comes with a sample is what the cache makes of the
 * document: a benchmark stores it without reading the document again. */
static void
assert_reads_back (const EcertSample *sample)
{
  g_autoptr(EcertCertificate) certificate = read_back (sample);
  g_autoptr(EcertCacheIndexEntry) read = ecert_cache_index_entry_new_from_certificate (certificate);

  g_assert_cmpstr (sample->entry->number, ==, sample->number);
  g_assert_cmpstr (read->number, ==, sample->number);
  g_assert_cmpstr (read->export_country, ==, sample->exporter);
  g_assert_cmpstr (read->import_country, ==, sample->importer);
  assert_same_text (sample, read, type_code);
  assert_same_text (sample, read, status_code);
  assert_same_text (sample, read, issued);
  assert_same_text (sample, read, consignor);
  assert_same_text (sample, read, consignee);
  assert_same_text (sample, read, commodity);
  assert_same_text (sample, read, commodities);
  assert_same_text (sample, read, hs_codes);
  assert_same_text (sample, read, ports);
  assert_same_text (sample, read, transport);
  assert_same_text (sample, read, issuer);
  assert_same_text (sample, read, countries);
  assert_same_text (sample, read, replaces_number);
  g_assert_nonnull (read->issued_at);
  g_assert_cmpint (g_date_time_compare (sample->entry->issued_at, read->issued_at), ==, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (sample->entry->issued_at), ==,
                   g_date_time_get_utc_offset (read->issued_at));
  g_assert_cmpstr (read->status_code, ==,
                   sample->kind == ECERT_SAMPLE_WITHDRAWAL ? "40" : "70");
}

static void
test_documents_read_back (void)
{
  g_autoptr(EcertSampleGenerator) demonstration = generator_in_2026 (1);
  g_autoptr(EcertSampleGenerator) volume = generator_for_volume (2, 600);
  g_autoptr(GPtrArray) samples = draw (demonstration, 600);
  g_autoptr(GPtrArray) volume_samples = draw (volume, 600);

  for (guint i = 0; i < samples->len; i++)
    assert_reads_back (g_ptr_array_index (samples, i));
  for (guint i = 0; i < volume_samples->len; i++)
    assert_reads_back (g_ptr_array_index (volume_samples, i));
}

/* An NPPO made by the test: a signing CA for its country, the trust anchor,
 * and a signer under it. */
typedef struct
{
  EcertTestIssued  authority;
  EcertTestIssued  signer;
  EcertSigningKey *key;
} Nppo;

static void
nppo_free (Nppo *nppo)
{
  ecert_test_issued_clear (&nppo->authority);
  ecert_test_issued_clear (&nppo->signer);
  g_clear_pointer (&nppo->key, ecert_signing_key_free);
  g_free (nppo);
}

typedef struct
{
  GHashTable      *nppos;    /* country → Nppo */
  EcertTrustStore *trust;
} Signers;

static GBytes *
key_pem (gnutls_x509_privkey_t key)
{
  gnutls_datum_t pem = { NULL, 0 };
  GBytes *bytes;

  g_assert_cmpint (gnutls_x509_privkey_export2 (key, GNUTLS_X509_FMT_PEM, &pem), ==, 0);
  bytes = g_bytes_new (pem.data, pem.size);
  gnutls_free (pem.data);
  return bytes;
}

static EcertSigningKey *
make_signer_cb (const char  *country,
                gpointer     user_data,
                GError     **error)
{
  Signers *signers = user_data;
  Nppo *nppo = g_hash_table_lookup (signers->nppos, country);
  g_autofree char *authority_dn = NULL;
  g_autofree char *signer_dn = NULL;
  g_autoptr(GBytes) private_key = NULL;
  g_autoptr(GBytes) certificate = NULL;
  g_autoptr(GBytes) authority = NULL;
  g_autoptr(GPtrArray) added = NULL;

  if (nppo != NULL)
    return nppo->key;

  nppo = g_new0 (Nppo, 1);
  authority_dn = g_strdup_printf ("CN=%s test NPPO,O=E-Cert Inspector tests,C=%s", country,
                                  country);
  signer_dn = g_strdup_printf ("CN=%s test signer,O=E-Cert Inspector tests,C=%s", country,
                               country);
  ecert_test_issue (&nppo->authority, authority_dn, GNUTLS_PK_ECDSA, P256_BITS, TRUE, NULL);
  ecert_test_issue (&nppo->signer, signer_dn, GNUTLS_PK_ECDSA, P256_BITS, FALSE,
                    &nppo->authority);
  private_key = key_pem (nppo->signer.key);
  certificate = ecert_test_certificate_pem (nppo->signer.certificate);
  authority = ecert_test_certificate_pem (nppo->authority.certificate);
  nppo->key = ecert_signing_key_load (private_key, certificate, NULL, error);
  g_assert_nonnull (nppo->key);
  added = ecert_trust_store_add_pem (signers->trust, country, authority, error);
  g_assert_nonnull (added);
  g_hash_table_insert (signers->nppos, g_strdup (country), nppo);
  return nppo->key;
}

static void
test_signatures_verify (void)
{
  Signers signers = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) nppo_free),
    ecert_trust_store_new_in_memory (),
  };
  g_autoptr(EcertSampleGenerator) generator = ecert_sample_generator_new (3);
  g_autoptr(GPtrArray) samples = NULL;
  guint counts[3] = { 0 };

  ecert_sample_generator_set_signer (generator, make_signer_cb, &signers, 0.1, 0.05);
  samples = draw (generator, 400);

  for (guint i = 0; i < samples->len; i++)
    {
      EcertSample *sample = g_ptr_array_index (samples, i);
      g_autoptr(EcertCertificate) certificate = read_back (sample);
      g_autoptr(EcertVerification) verification = ecert_verify_certificate (certificate,
                                                                            signers.trust, NULL);
      EcertVerdict expected = sample->signature == ECERT_SAMPLE_SIGNED ? ECERT_VERDICT_VALID
                              : sample->signature == ECERT_SAMPLE_ALTERED ? ECERT_VERDICT_INVALID
                              : ECERT_VERDICT_UNSIGNED;

      g_assert_cmpstr (ecert_verdict_to_string (ecert_verification_get_verdict (verification)),
                       ==, ecert_verdict_to_string (expected));
      counts[sample->signature]++;
    }

  /* Every verdict the settings ask for shows up. */
  g_assert_cmpuint (counts[ECERT_SAMPLE_UNSIGNED], >, 10);
  g_assert_cmpuint (counts[ECERT_SAMPLE_ALTERED], >, 3);
  g_assert_cmpuint (counts[ECERT_SAMPLE_SIGNED], >, 300);

  g_hash_table_unref (signers.nppos);
  g_object_unref (signers.trust);
}

static void
assert_numbers_unique (GPtrArray *samples)
{
  g_autoptr(GHashTable) issued = g_hash_table_new (g_str_hash, g_str_equal);
  guint follow_ups = 0;

  for (guint i = 0; i < samples->len; i++)
    {
      EcertSample *sample = g_ptr_array_index (samples, i);

      if (sample->kind != ECERT_SAMPLE_ORIGINAL)
        {
          /* It follows a certificate issued earlier in the run. */
          g_assert_true (g_hash_table_contains (issued, sample->original_number));
          follow_ups++;
        }

      if (sample->kind == ECERT_SAMPLE_WITHDRAWAL)
        {
          /* A withdrawal bears the number of what it withdraws. */
          g_assert_cmpstr (sample->number, ==, sample->original_number);
          continue;
        }

      if (g_hash_table_contains (issued, sample->number))
        g_error ("%s was issued twice", sample->number);
      g_hash_table_add (issued, sample->number);
    }

  g_assert_cmpuint (follow_ups, >, 0);
}

static void
test_numbers_unique (void)
{
  static const EcertSampleNumbering numberings[] = {
    ECERT_SAMPLE_NUMBERS_PER_NPPO,
    ECERT_SAMPLE_NUMBERS_NATIONAL,
    ECERT_SAMPLE_NUMBERS_IN_ORDER,
  };

  for (guint i = 0; i < G_N_ELEMENTS (numberings); i++)
    {
      g_autoptr(EcertSampleGenerator) generator = generator_in_2026 (4);
      g_autoptr(GPtrArray) samples = NULL;

      ecert_sample_generator_set_numbering (generator, numberings[i]);
      samples = draw (generator, 3000);
      assert_numbers_unique (samples);
    }
}

static void
test_in_order_numbers (void)
{
  g_autoptr(EcertSampleGenerator) generator = generator_in_2026 (5);
  const char * const nz[] = { "NZ", NULL };
  g_autoptr(GPtrArray) samples = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ecert_sample_generator_set_exporters (generator, nz, &error));
  g_assert_no_error (error);
  ecert_sample_generator_set_numbering (generator, ECERT_SAMPLE_NUMBERS_IN_ORDER);
  ecert_sample_generator_set_follow_ups (generator, 0, 0);
  samples = draw (generator, 20);

  for (guint i = 0; i < samples->len; i++)
    {
      EcertSample *sample = g_ptr_array_index (samples, i);
      g_autofree char *expected = g_strdup_printf ("NZ-2026-%06u", i);

      g_assert_cmpstr (sample->number, ==, expected);
      g_assert_cmpstr (sample->exporter, ==, "NZ");
      g_assert_cmpint (sample->kind, ==, ECERT_SAMPLE_ORIGINAL);
    }
}

static void
test_same_seed_same_run (void)
{
  g_autoptr(EcertSampleGenerator) first = generator_in_2026 (6);
  g_autoptr(EcertSampleGenerator) again = generator_in_2026 (6);
  g_autoptr(EcertSampleGenerator) other = generator_in_2026 (7);
  g_autoptr(GPtrArray) first_samples = draw (first, 300);
  g_autoptr(GPtrArray) again_samples = draw (again, 300);
  g_autoptr(GPtrArray) other_samples = draw (other, 300);
  guint different = 0;

  for (guint i = 0; i < first_samples->len; i++)
    {
      EcertSample *one = g_ptr_array_index (first_samples, i);
      EcertSample *two = g_ptr_array_index (again_samples, i);
      EcertSample *three = g_ptr_array_index (other_samples, i);

      g_assert_cmpstr (one->number, ==, two->number);
      g_assert_cmpint (one->kind, ==, two->kind);
      g_assert_true (g_bytes_equal (one->document, two->document));
      if (!g_bytes_equal (one->document, three->document))
        different++;
    }

  g_assert_cmpuint (different, ==, first_samples->len);
}

static guint
count_distinct (GPtrArray  *samples,
                const char *(*member) (const EcertSample *sample))
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < samples->len; i++)
    {
      const char *value = member (g_ptr_array_index (samples, i));

      if (value != NULL)
        g_hash_table_add (seen, (gpointer) value);
    }

  return g_hash_table_size (seen);
}

static const char *
exporter_of (const EcertSample *sample)
{
  return sample->exporter;
}

static const char *
commodity_of (const EcertSample *sample)
{
  return sample->entry->commodity;
}

static const char *
consignor_of (const EcertSample *sample)
{
  return sample->entry->consignor;
}

static const char *
port_of (const EcertSample *sample)
{
  return sample->entry->ports;
}

static void
test_variety (void)
{
  g_autoptr(EcertSampleGenerator) demonstration = generator_in_2026 (8);
  g_autoptr(EcertSampleGenerator) volume = generator_for_volume (9, 5000);
  g_autoptr(GPtrArray) samples = draw (demonstration, 1000);
  g_autoptr(GPtrArray) volume_samples = draw (volume, 5000);
  g_autoptr(GHashTable) exporters = g_hash_table_new (g_str_hash, g_str_equal);
  guint kinds[3] = { 0 };
  guint attached = 0;
  guint other_importers = 0;
  guint from_nz = 0;
  guint from_ru = 0;

  for (guint i = 0; i < samples->len; i++)
    {
      EcertSample *sample = g_ptr_array_index (samples, i);

      kinds[sample->kind]++;
      attached += sample->attached;
      other_importers += g_strcmp0 (sample->importer, "CN") != 0;
    }

  /* The demonstration: its seventeen NPPOs and more, all kinds of
   * certificates. */
  g_assert_cmpuint (count_distinct (samples, exporter_of), >=, 20);
  g_assert_cmpuint (count_distinct (samples, commodity_of), >=, 30);
  g_assert_cmpuint (attached, >, 50);
  g_assert_cmpuint (attached, <, 300);
  g_assert_cmpuint (kinds[ECERT_SAMPLE_WITHDRAWAL], >, 10);
  g_assert_cmpuint (kinds[ECERT_SAMPLE_REPLACEMENT], >, 10);
  g_assert_cmpuint (other_importers, >, 20);

  /* In volume: every exporter, in proportion to its trade, from thousands
   * of traders, to all the importer's ports. */
  for (guint i = 0; i < volume_samples->len; i++)
    {
      EcertSample *sample = g_ptr_array_index (volume_samples, i);

      g_hash_table_add (exporters, (gpointer) sample->exporter);
      from_nz += g_strcmp0 (sample->exporter, "NZ") == 0;
      from_ru += g_strcmp0 (sample->exporter, "RU") == 0;
      g_assert_cmpstr (sample->importer, ==, "CN");
    }
  g_assert_cmpuint (g_hash_table_size (exporters), ==, 26);
  g_assert_cmpuint (from_nz, >, 4 * from_ru);
  g_assert_cmpuint (count_distinct (volume_samples, consignor_of), >, 2000);
  g_assert_cmpuint (count_distinct (volume_samples, port_of), >, 20);
}

static void
test_exporters (void)
{
  g_autoptr(EcertSampleGenerator) generator = generator_in_2026 (10);
  const char * const chosen[] = { "AR", "RU", NULL };
  const char * const unknown[] = { "NZ", "XX", NULL };
  const char * const none[] = { NULL };
  g_autoptr(GPtrArray) samples = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ecert_sample_generator_set_exporters (generator, chosen, &error));
  g_assert_no_error (error);
  samples = draw (generator, 200);
  for (guint i = 0; i < samples->len; i++)
    {
      EcertSample *sample = g_ptr_array_index (samples, i);

      g_assert_true (g_strv_contains (chosen, sample->exporter));
    }
  g_assert_cmpuint (count_distinct (samples, exporter_of), ==, 2);

  g_assert_false (ecert_sample_generator_set_exporters (generator, unknown, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_COUNTRY);
  g_assert_nonnull (strstr (error->message, "XX"));
  g_clear_error (&error);

  g_assert_false (ecert_sample_generator_set_exporters (generator, none, &error));
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT);
}

static void
test_in_issue_order (void)
{
  g_autoptr(EcertSampleGenerator) generator = generator_for_volume (11, 2000);
  g_autoptr(GPtrArray) samples = draw (generator, 2000);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2026, 1, 2, 0, 0, 0);
  g_autoptr(GDateTime) last = g_date_time_new_utc (2026, 12, 30, 0, 0, 0);
  g_autoptr(GDateTime) latest_early = NULL;
  g_autoptr(GDateTime) earliest_late = NULL;

  for (guint i = 0; i < samples->len; i++)
    {
      EcertSample *sample = g_ptr_array_index (samples, i);

      g_assert_cmpint (g_date_time_compare (sample->issued, first), >=, 0);
      /* A replacement comes up to three days after its original. */
      g_assert_cmpint (g_date_time_difference (sample->issued, last), <=, 3 * G_TIME_SPAN_DAY);

      if (sample->kind != ECERT_SAMPLE_ORIGINAL)
        continue;
      if (i < 200 && (latest_early == NULL ||
                      g_date_time_compare (sample->issued, latest_early) > 0))
        {
          g_clear_pointer (&latest_early, g_date_time_unref);
          latest_early = g_date_time_ref (sample->issued);
        }
      if (i >= 1800 && (earliest_late == NULL ||
                        g_date_time_compare (sample->issued, earliest_late) < 0))
        {
          g_clear_pointer (&earliest_late, g_date_time_unref);
          earliest_late = g_date_time_ref (sample->issued);
        }
    }

  /* The first tenth received was issued before the last tenth. */
  g_assert_cmpint (g_date_time_compare (latest_early, earliest_late), <, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/samples/documents-read-back", test_documents_read_back);
  g_test_add_func ("/samples/signatures-verify", test_signatures_verify);
  g_test_add_func ("/samples/numbers-unique", test_numbers_unique);
  g_test_add_func ("/samples/in-order-numbers", test_in_order_numbers);
  g_test_add_func ("/samples/same-seed-same-run", test_same_seed_same_run);
  g_test_add_func ("/samples/variety", test_variety);
  g_test_add_func ("/samples/exporters", test_exporters);
  g_test_add_func ("/samples/in-issue-order", test_in_issue_order);

  return g_test_run ();
}
