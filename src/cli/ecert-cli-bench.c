/* ecert-cli-bench.c: `ecert bench parse DIRECTORY`, `ecert bench cache`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads every file of a directory into memory, then builds the complete model
 * of each, on this one thread, several times over, and prints certificates
 * per second and MB/s. For comparison it times `xmllint --noout` over the
 * same files in the same run (a parse without building anything).
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"

static GPtrArray *
load_directory (const char  *path,
                GPtrArray   *names,
                gsize       *total,
                GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *name;

  if (dir == NULL)
    return NULL;

  *total = 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      GBytes *document;

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;

      document = ecert_cli_read_document (file, error);
      if (document == NULL)
        {
          g_prefix_error (error, "%s: ", file);
          return NULL;
        }

      *total += g_bytes_get_size (document);
      g_ptr_array_add (documents, document);
      g_ptr_array_add (names, g_steal_pointer (&file));
    }

  return g_steal_pointer (&documents);
}

static double
time_xmllint (GPtrArray *names)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  gint64 started;
  int wait_status = 0;

  if (xmllint == NULL)
    return -1;

  g_ptr_array_add (argv, xmllint);
  g_ptr_array_add (argv, (gpointer) "--noout");
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (names, i));
  g_ptr_array_add (argv, NULL);

  started = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &wait_status, &error))
    return -1;

  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

static GPtrArray *
parse_all (GPtrArray *documents)
{
  GPtrArray *certificates = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < documents->len; i++)
    {
      EcertCertificate *certificate = ecert_certificate_new_from_bytes (documents->pdata[i],
                                                                        NULL, NULL);
      if (certificate != NULL)
        g_ptr_array_add (certificates, certificate);
    }

  return certificates;
}

/* xmlsec1 takes many files per run: one process, keys loaded once. */
static double
time_xmlsec1 (GPtrArray  *names,
              char      **trust_options,
              guint      *failures)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *xmlsec1 = g_find_program_in_path ("xmlsec1");
  g_autofree char *output = NULL;
  gint64 started;
  int wait_status = 0;

  if (xmlsec1 == NULL)
    return -1;

  g_ptr_array_add (argv, g_strdup (xmlsec1));
  g_ptr_array_add (argv, g_strdup ("--verify"));
  g_ptr_array_add (argv, g_strdup ("--enabled-reference-uris"));
  g_ptr_array_add (argv, g_strdup ("empty"));
  g_ptr_array_add (argv, g_strdup ("--enabled-key-data"));
  g_ptr_array_add (argv, g_strdup ("x509"));
  for (guint i = 0; trust_options != NULL && trust_options[i] != NULL; i++)
    {
      const char *file = strchr (trust_options[i], '=');

      g_ptr_array_add (argv, g_strdup ("--trusted-pem"));
      g_ptr_array_add (argv, g_strdup (file != NULL ? file + 1 : trust_options[i]));
    }
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (argv, g_strdup (names->pdata[i]));
  g_ptr_array_add (argv, NULL);

  started = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &output, &wait_status, NULL))
    return -1;

  *failures = 0;
  for (const char *fail = output; (fail = strstr (fail, "FAIL")) != NULL; fail += 4)
    (*failures)++;

  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

static int
bench_verify (const char  *directory,
              guint        rounds,
              char       **trust_options)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) certificates = NULL;
  g_autoptr(EcertTrustStore) trust = ecert_trust_store_new_in_memory ();
  gsize total = 0;
  guint valid = 0;
  guint xmlsec1_failures = 0;
  gint64 started;
  double verify_seconds;
  double whole_seconds;
  double xmlsec1_seconds;

  documents = load_directory (directory, names, &total, &error);
  if (documents == NULL || !ecert_cli_add_trust_options (trust, trust_options, &error))
    return ecert_cli_report_error ("bench", error);

  /* Verification alone, on certificates already read. */
  certificates = parse_all (documents);
  started = g_get_monotonic_time ();
  for (guint round = 0; round < rounds; round++)
    {
      for (guint i = 0; i < certificates->len; i++)
        {
          g_autoptr(EcertVerification) verification =
            ecert_verify_certificate (certificates->pdata[i], trust, NULL);

          valid += ecert_verification_get_verdict (verification) == ECERT_VERDICT_VALID;
        }
    }
  verify_seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  /* What a user waits for: read the bytes, build the model, verify. */
  started = g_get_monotonic_time ();
  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(EcertCertificate) certificate =
        ecert_certificate_new_from_bytes (documents->pdata[i], NULL, NULL);
      g_autoptr(EcertVerification) verification =
        certificate != NULL ? ecert_verify_certificate (certificate, trust, NULL) : NULL;
    }
  whole_seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  g_print (_("files:               %u (%.1f KiB on average)\n"), documents->len,
           total / 1024.0 / MAX (documents->len, 1));
  g_print (_("valid:               %u of %u\n"), valid / rounds, certificates->len);
  g_print (_("verifications/second: %.0f (verification only, one thread)\n"),
           certificates->len * (double) rounds / verify_seconds);
  g_print (_("verifications/second: %.0f (read, model and verification, one thread)\n"),
           documents->len / whole_seconds);

  xmlsec1_seconds = time_xmlsec1 (names, trust_options, &xmlsec1_failures);
  if (xmlsec1_seconds > 0)
    {
      g_print (_("xmlsec1 --verify:    %.0f files/second (one process for all files, "
                 "%u failed)\n"), documents->len / xmlsec1_seconds, xmlsec1_failures);
      g_print (_("ratio:               %.1f× xmlsec1 per document\n"),
               xmlsec1_seconds / whole_seconds);
    }

  return ECERT_EXIT_OK;
}

static int
bench_parse (const char *directory,
             guint       rounds)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  gsize total = 0;
  guint failures = 0;
  gint64 started;
  double seconds;
  double xmllint_seconds;
  double count;

  documents = load_directory (directory, names, &total, &error);
  if (documents == NULL)
    return ecert_cli_report_error ("bench", error);
  if (documents->len == 0)
    return ecert_cli_usage_error (_("ecert bench: %s holds no files\n"), directory);

  started = g_get_monotonic_time ();
  for (guint round = 0; round < rounds; round++)
    {
      for (guint i = 0; i < documents->len; i++)
        {
          g_autoptr(EcertCertificate) certificate =
            ecert_certificate_new_from_bytes (g_ptr_array_index (documents, i), NULL, NULL);

          if (certificate == NULL)
            failures++;
        }
    }
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  count = (double) documents->len * rounds;

  g_print (_("files:               %u (%.1f KiB on average)\n"), documents->len,
           total / 1024.0 / documents->len);
  g_print (_("rounds:              %u\n"), rounds);
  g_print (_("certificates/second: %.0f (complete model, one thread)\n"), count / seconds);
  g_print (_("MB/second:           %.1f\n"), total * (double) rounds / seconds / 1e6);
  g_print (_("refused:             %u\n"), failures / rounds);

  xmllint_seconds = time_xmllint (names);
  if (xmllint_seconds > 0)
    g_print (_("xmllint --noout:     %.0f files/second, %.1f MB/second (parse only, one pass)\n"),
             documents->len / xmllint_seconds, total / xmllint_seconds / 1e6);

  return ECERT_EXIT_OK;
}

int
ecert_cli_bench (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_auto(GStrv) trust_options = NULL;
  int rounds = 5;
  const GOptionEntry entries[] = {
    { "rounds", 'n', 0, G_OPTION_ARG_INT, &rounds, N_("How many times to read every file"),
      N_("N") },
    { "trust", 0, 0, G_OPTION_ARG_STRING_ARRAY, &trust_options,
      N_("For verify: trust the anchors in FILE for country CC"), N_("CC=FILE") },
    G_OPTION_ENTRY_NULL
  };

  if (argc >= 2 && g_strcmp0 (argv[1], "cache") == 0)
    return ecert_cli_bench_cache (argc - 1, argv + 1);
  if (argc >= 2 && g_strcmp0 (argv[1], "corpus") == 0)
    return ecert_cli_bench_corpus (argc - 1, argv + 1);

  context = g_option_context_new (_("parse|verify DIRECTORY"));
  if (!ecert_cli_parse_command (context,
                                _("Measure how fast certificates are read. Prints figures; "
                                  "it is not a test. “ecert bench cache --help” describes the "
                                  "benchmark of the local cache, “ecert bench corpus --help” "
                                  "how to write a directory of certificates to read."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc == 3 && g_strcmp0 (argv[1], "parse") == 0 && rounds >= 1)
    return bench_parse (argv[2], (guint) rounds);

  if (argc == 3 && g_strcmp0 (argv[1], "verify") == 0 && rounds >= 1)
    return bench_verify (argv[2], (guint) rounds, trust_options);

  g_printerr (_("usage: ecert bench parse DIRECTORY [--rounds N]\n"
                "       ecert bench verify DIRECTORY --trust CC=FILE [--rounds N]\n"
                "       ecert bench cache [--count N] [--cache FILE]\n"
                "       ecert bench corpus DIRECTORY [COUNT] [--exporter CC] [--key KEY.pem "
                "--cert CERT.pem]\n"));
  return ECERT_EXIT_USAGE_OR_INPUT;
}
