/* ecert-cli-bench-corpus.c: `ecert bench corpus DIRECTORY [COUNT]`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a directory of typical certificates for `ecert bench parse` and,
 * signed, for `ecert bench verify` and the tests: the sample certificates
 * of src/samples, as the importing country of the demonstration receives
 * them, without attachments (they would measure base64, not reading).
 * The files and the numbers go in the order written: certificate-000007.xml
 * holds NZ-2026-000007 (or another exporter's number 7), all issued in
 * 2026, so that a test can name what it looks for. The same seed gives the
 * same corpus.
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"
#include "ecert-sample-generator.h"

#define DEFAULT_COUNT 2000
#define DEFAULT_SEED 417
#define CORPUS_YEAR 2026

static EcertSigningKey *
the_key_cb (const char  *country,
            gpointer     user_data,
            GError     **error)
{
  return user_data;
}

static EcertSigningKey *
load_key (const char  *key_file,
          const char  *certificate_file,
          const char  *chain_file,
          GError     **error)
{
  g_autoptr(GBytes) key_pem = NULL;
  g_autoptr(GBytes) certificate_pem = NULL;
  g_autoptr(GBytes) chain_pem = NULL;

  if ((key_pem = ecert_cli_read_file (key_file, error)) == NULL ||
      (certificate_pem = ecert_cli_read_file (certificate_file, error)) == NULL ||
      (chain_file != NULL && (chain_pem = ecert_cli_read_file (chain_file, error)) == NULL))
    return NULL;

  return ecert_signing_key_load (key_pem, certificate_pem, chain_pem, error);
}

/* Normalises the codes as typed ("nz") in place. */
static gboolean
normalize_countries (char    **countries,
                     GError  **error)
{
  for (guint i = 0; countries != NULL && countries[i] != NULL; i++)
    {
      char *code = ecert_country_code_normalize (countries[i], error);

      if (code == NULL)
        return FALSE;
      g_free (countries[i]);
      countries[i] = code;
    }

  return TRUE;
}

static EcertSampleGenerator *
make_generator (guint32           seed,
                char            **exporters,
                EcertSigningKey  *key,
                GError          **error)
{
  g_autoptr(EcertSampleGenerator) generator = ecert_sample_generator_new (seed);
  g_autoptr(GDateTime) first = g_date_time_new_utc (CORPUS_YEAR, 1, 2, 0, 0, 0);
  g_autoptr(GDateTime) last = g_date_time_new_utc (CORPUS_YEAR, 12, 30, 0, 0, 0);

  if (exporters != NULL &&
      (!normalize_countries (exporters, error) ||
       !ecert_sample_generator_set_exporters (generator, (const char * const *) exporters,
                                              error)))
    return NULL;

  /* A desk's typical day: its own country's certificates, the busiest
   * exporters most often, none withdrawn or replaced yet. */
  ecert_sample_generator_set_by_trade (generator, TRUE);
  ecert_sample_generator_set_other_importers (generator, 0);
  ecert_sample_generator_set_issue_period (generator, first, last);
  ecert_sample_generator_set_numbering (generator, ECERT_SAMPLE_NUMBERS_IN_ORDER);
  ecert_sample_generator_set_follow_ups (generator, 0, 0);
  ecert_sample_generator_set_attachments (generator, 0);
  if (key != NULL)
    ecert_sample_generator_set_signer (generator, the_key_cb, key, 0, 0);

  return g_steal_pointer (&generator);
}

static gboolean
write_corpus (const char            *directory,
              guint                  count,
              EcertSampleGenerator  *generator,
              guint64               *total,
              GError               **error)
{
  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The directory %s cannot be created: %s"), directory,
                   g_strerror (saved_errno));
      return FALSE;
    }

  *total = 0;
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(EcertSample) sample = ecert_sample_generator_next (generator, error);
      g_autofree char *name = g_strdup_printf ("certificate-%06u.xml", i);
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (sample == NULL ||
          !g_file_set_contents (path, g_bytes_get_data (sample->document, NULL),
                                (gssize) g_bytes_get_size (sample->document), error))
        return FALSE;
      *total += g_bytes_get_size (sample->document);
    }

  return TRUE;
}

static gboolean
parse_count (const char  *text,
             guint       *count)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return FALSE;

  *count = (guint) value;
  return TRUE;
}

int
ecert_cli_bench_corpus (int    argc,
                        char **argv)
{
  /* The usage line names the sub-command: see name_program() in ecert-cli.c. */
  g_autoptr(GOptionContext) context = g_option_context_new (_("DIRECTORY [COUNT]"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertSigningKey) key = NULL;
  g_autoptr(EcertSampleGenerator) generator = NULL;
  g_auto(GStrv) exporters = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *certificate_file = NULL;
  g_autofree char *chain_file = NULL;
  guint count = DEFAULT_COUNT;
  int seed = DEFAULT_SEED;
  guint64 total = 0;
  const GOptionEntry entries[] = {
    { "exporter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &exporters,
      N_("Only certificates from this exporting country (repeat for more)"), N_("CC") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_file,
      N_("Sign every certificate with this private key (PEM)"), N_("KEY.pem") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &certificate_file,
      N_("The signer’s certificate (PEM)"), N_("CERT.pem") },
    { "chain", 0, 0, G_OPTION_ARG_FILENAME, &chain_file,
      N_("Intermediate certificates to include (PEM)"), N_("CHAIN.pem") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
      N_("Draw the certificates from this seed: the same seed, the same corpus"), N_("SEED") },
    G_OPTION_ENTRY_NULL
  };

  if (!ecert_cli_parse_command (context,
                                _("Write COUNT typical certificates (2000 unless given) into "
                                  "DIRECTORY for “ecert bench parse” and, signed, for “ecert "
                                  "bench verify”: certificate-000000.xml onwards, numbered in "
                                  "the same order (NZ-2026-000000…), without attachments."),
                                entries, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (argc < 2 || argc > 3 || (argc == 3 && !parse_count (argv[2], &count)) ||
      (key_file == NULL) != (certificate_file == NULL) || (chain_file != NULL && key_file == NULL))
    return ecert_cli_usage_error (_("usage: ecert bench corpus DIRECTORY [COUNT] [--exporter "
                                    "CC] [--key KEY.pem --cert CERT.pem [--chain CHAIN.pem]] "
                                    "[--seed SEED]\n"));

  if ((key_file != NULL &&
       (key = load_key (key_file, certificate_file, chain_file, &error)) == NULL) ||
      (generator = make_generator ((guint32) seed, exporters, key, &error)) == NULL ||
      !write_corpus (argv[1], count, generator, &total, &error))
    return ecert_cli_report_error ("bench", error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u certificate, %.1f KiB on average, in %s\n",
                        "%u certificates, %.1f KiB on average, in %s\n", count),
           count, total / 1024.0 / count, argv[1]);
  return ECERT_EXIT_OK;
}
