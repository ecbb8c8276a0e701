/* ecert-sample-generator.c: realistic certificates for demonstrations,
 * benchmarks and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run of certificates as an importing country receives them from many
 * exporting NPPOs: each drawn from a seed of its own (see
 * ecert-sample-document.c), numbered as its NPPO numbers them, issued
 * within a period, signed by its NPPO's key or not; now and then the
 * withdrawal or the replacement of a recent one, and a few altered after
 * signing, so that every verdict a desk can give shows up.
 *
 * The same seed and settings give the same run. The defaults are the
 * demonstration hub's: every exporter alike, most certificates to
 * ECERT_SAMPLE_MAIN_IMPORTER, issued within the last sixty days.
 */

#define G_LOG_DOMAIN "ecert-samples"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ecert-sample-document.h"
#include "ecert-sample-generator.h"

/* A withdrawal or a replacement follows a certificate issued not long
 * before: one of the last sixteen thousand, more than a demonstration hub
 * ever holds, some months of a large country's trade. */
#define RECENT_ORIGINALS 16384
/* Follow-ups start once there are this many originals to follow. */
#define ORIGINALS_BEFORE_FOLLOW_UPS 10
/* How long before it arrives, at most, a certificate of a run in order
 * of issue was issued. */
#define MAX_DAYS_IN_TRANSIT 20

typedef struct
{
  EcertSampleOriginal sample;
  gboolean            followed;     /* already withdrawn or replaced */
} Original;

struct _EcertSampleGenerator
{
  GRand                 *rand;
  GPtrArray             *exporters;       /* const EcertSampleExporter *, drawn from */
  guint                  trade_total;     /* of their trade weights */
  gboolean               by_trade;
  double                 other_importers;
  GDateTime             *period_end;
  double                 min_age;         /* seconds before period_end */
  double                 max_age;
  guint                  in_order_count;  /* 0: issued anywhere in the period */
  EcertSampleNumbering   numbering;
  GHashTable            *serials;         /* country → next serial */
  double                 withdrawals;
  double                 replacements;
  EcertSampleContents    contents;
  EcertSampleSignerFunc  signer;
  gpointer               signer_data;
  double                 unsigned_share;
  double                 altered_share;
  GPtrArray             *recent;          /* Original, a ring once full */
  guint                  next_recent;
  guint                  drawn;           /* certificates drawn so far */
};

static void
original_free (Original *original)
{
  if (original == NULL)
    return;

  g_free (original->sample.number);
  g_date_time_unref (original->sample.issued);
  g_free (original);
}

void
ecert_sample_free (EcertSample *sample)
{
  if (sample == NULL)
    return;

  g_free (sample->number);
  g_free (sample->original_number);
  g_clear_pointer (&sample->issued, g_date_time_unref);
  g_clear_pointer (&sample->document, g_bytes_unref);
  g_clear_pointer (&sample->entry, ecert_cache_index_entry_free);
  g_free (sample);
}

static gboolean
chance (GRand  *rand,
        double  probability)
{
  return g_rand_double (rand) < probability;
}

static void
select_exporters (EcertSampleGenerator *self,
                  const char * const   *countries)
{
  guint n_exporters;
  const EcertSampleExporter *exporters = ecert_sample_tables_exporters (&n_exporters);

  g_ptr_array_set_size (self->exporters, 0);
  self->trade_total = 0;
  for (guint i = 0; i < n_exporters; i++)
    {
      if (countries != NULL && !g_strv_contains (countries, exporters[i].country))
        continue;

      g_ptr_array_add (self->exporters, (gpointer) &exporters[i]);
      self->trade_total += exporters[i].trade_weight;
    }
}

/**
 * ecert_sample_generator_new:
 * @seed: the seed of the run: the same seed and settings, the same
 *   certificates (with dates relative to now unless a period is set)
 *
 * Returns: (transfer full): a generator with the demonstration's settings
 */
EcertSampleGenerator *
ecert_sample_generator_new (guint32 seed)
{
  EcertSampleGenerator *self = g_new0 (EcertSampleGenerator, 1);

  self->rand = g_rand_new_with_seed (seed);
  self->exporters = g_ptr_array_new ();
  select_exporters (self, NULL);
  self->other_importers = 0.08;
  self->period_end = g_date_time_new_now_utc ();
  self->min_age = 3600;
  self->max_age = 60 * 86400.0;
  self->numbering = ECERT_SAMPLE_NUMBERS_PER_NPPO;
  self->serials = g_hash_table_new (g_str_hash, g_str_equal);
  self->recent = g_ptr_array_new_with_free_func ((GDestroyNotify) original_free);
  self->withdrawals = 0.05;
  self->replacements = 0.07;
  self->contents.attachments = 0.15;
  self->unsigned_share = 0.1;
  self->altered_share = 0.03;
  return self;
}

void
ecert_sample_generator_free (EcertSampleGenerator *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->recent);
  g_rand_free (self->rand);
  g_ptr_array_unref (self->exporters);
  g_date_time_unref (self->period_end);
  g_hash_table_unref (self->serials);
  g_free (self);
}

/**
 * ecert_sample_generator_set_exporters:
 * @countries: (nullable): the exporting countries to draw from; %NULL for
 *   every one the tables know
 *
 * Returns: %FALSE with @error set when the tables know no exporter of one
 *   of @countries
 */
gboolean
ecert_sample_generator_set_exporters (EcertSampleGenerator  *self,
                                      const char * const    *countries,
                                      GError               **error)
{
  guint n_exporters;
  const EcertSampleExporter *exporters = ecert_sample_tables_exporters (&n_exporters);

  for (guint i = 0; countries != NULL && countries[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < n_exporters && !known; j++)
        known = g_strcmp0 (exporters[j].country, countries[i]) == 0;

      if (!known)
        {
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint j = 0; j < n_exporters; j++)
            g_string_append_printf (list, "%s%s", j > 0 ? ", " : "", exporters[j].country);
          g_set_error (error, ECERT_ERROR, ECERT_ERROR_INVALID_COUNTRY,
                       _("No sample certificates come from %s; they come from %s"),
                       countries[i], list->str);
          return FALSE;
        }
    }

  if (countries != NULL && countries[0] == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_INVALID_ARGUMENT,
                           _("Sample certificates need at least one exporting country"));
      return FALSE;
    }

  select_exporters (self, countries);
  return TRUE;
}

/* Each exporter in proportion to its share of the main importer's trade,
 * rather than all alike. */
void
ecert_sample_generator_set_by_trade (EcertSampleGenerator *self,
                                     gboolean              by_trade)
{
  self->by_trade = by_trade;
}

/* The share of certificates addressed to other countries than
 * ECERT_SAMPLE_MAIN_IMPORTER. */
void
ecert_sample_generator_set_other_importers (EcertSampleGenerator *self,
                                            double                share)
{
  self->other_importers = share;
}

/**
 * ecert_sample_generator_set_issue_period:
 * @first: the earliest issue time
 * @last: the latest
 *
 * Certificates are issued between @first and @last rather than within the
 * sixty days before now.
 */
void
ecert_sample_generator_set_issue_period (EcertSampleGenerator *self,
                                         GDateTime            *first,
                                         GDateTime            *last)
{
  g_date_time_unref (self->period_end);
  self->period_end = g_date_time_ref (last);
  self->min_age = 0;
  self->max_age = MAX (0, g_date_time_difference (last, first)) / (double) G_USEC_PER_SEC;
}

/**
 * ecert_sample_generator_set_in_issue_order:
 * @count: how many certificates the run will have
 *
 * The certificates come in the order of their issue over the period, as
 * a desk receives them, each issued some days before it arrives.
 */
void
ecert_sample_generator_set_in_issue_order (EcertSampleGenerator *self,
                                           guint                 count)
{
  self->in_order_count = count;
}

void
ecert_sample_generator_set_numbering (EcertSampleGenerator *self,
                                      EcertSampleNumbering  numbering)
{
  self->numbering = numbering;
}

/**
 * ecert_sample_generator_set_follow_ups:
 * @withdrawals: the share of certificates that withdraw a recent one
 * @replacements: the share of certificates that replace a recent one
 */
void
ecert_sample_generator_set_follow_ups (EcertSampleGenerator *self,
                                       double                withdrawals,
                                       double                replacements)
{
  self->withdrawals = withdrawals;
  self->replacements = replacements;
}

/* The share of certificates with an attached permit, laboratory report or
 * treatment record. */
void
ecert_sample_generator_set_attachments (EcertSampleGenerator *self,
                                        double                share)
{
  self->contents.attachments = share;
}

/* Consignors, consignees, ports of entry and ships drawn from the
 * thousands a year of trade has, rather than from each exporter's and
 * importer's few named ones: what a search over a large cache meets. */
void
ecert_sample_generator_set_many_traders (EcertSampleGenerator *self,
                                         gboolean              many_traders)
{
  self->contents.many_traders = many_traders;
}

/**
 * ecert_sample_generator_set_signer:
 * @func: (nullable): gives each exporting NPPO's key; %NULL leaves every
 *   certificate unsigned
 * @unsigned_share: the share of certificates left unsigned nevertheless
 * @altered_share: the share of signed certificates altered after signing
 */
void
ecert_sample_generator_set_signer (EcertSampleGenerator  *self,
                                   EcertSampleSignerFunc  func,
                                   gpointer               user_data,
                                   double                 unsigned_share,
                                   double                 altered_share)
{
  self->signer = func;
  self->signer_data = user_data;
  self->unsigned_share = unsigned_share;
  self->altered_share = altered_share;
}

/**
 * ecert_sample_generator_chance:
 *
 * A draw of the run's own stream, for what a caller varies itself (how
 * it delivers a certificate, say), so that one seed still decides the
 * whole run.
 *
 * Returns: %TRUE with @probability
 */
gboolean
ecert_sample_generator_chance (EcertSampleGenerator *self,
                               double                probability)
{
  return chance (self->rand, probability);
}

/* Numbers and dates */

static char *
format_number (const EcertSampleExporter *exporter,
               int                        year,
               guint                      serial)
{
  const char *code = exporter->country;

  switch (exporter->number_style)
    {
    case ECERT_SAMPLE_NUMBER_SLASHED:
      return g_strdup_printf ("%s%02d/%07u", code, year % 100, serial);
    case ECERT_SAMPLE_NUMBER_PREFIXED:
      return g_strdup_printf ("PC-%s-%d%05u", code, year, serial);
    case ECERT_SAMPLE_NUMBER_SPACED:
      return g_strdup_printf ("%s %d %06u", code, year, serial);
    case ECERT_SAMPLE_NUMBER_DASHED:
    default:
      return g_strdup_printf ("%s-%d-%06u", code, year, serial);
    }
}

static char *
next_number (EcertSampleGenerator      *self,
             const EcertSampleExporter *exporter,
             GDateTime                 *issued)
{
  const char *country = exporter->country;
  guint serial = GPOINTER_TO_UINT (g_hash_table_lookup (self->serials, country));

  switch (self->numbering)
    {
    case ECERT_SAMPLE_NUMBERS_NATIONAL:
      g_hash_table_insert (self->serials, (gpointer) country, GUINT_TO_POINTER (++serial));
      return format_number (exporter, g_date_time_get_year (issued), serial);

    case ECERT_SAMPLE_NUMBERS_IN_ORDER:
      return g_strdup_printf ("%s-%d-%06u", country, g_date_time_get_year (issued), self->drawn);

    case ECERT_SAMPLE_NUMBERS_PER_NPPO:
    default:
      /* A busy NPPO: its certificates to other countries leave gaps. */
      if (serial == 0)
        serial = (guint) g_rand_int_range (self->rand, 1000, 90000);
      g_hash_table_insert (self->serials, (gpointer) country,
                           GUINT_TO_POINTER (serial +
                                             (guint) g_rand_int_range (self->rand, 1, 40)));
      return g_strdup_printf ("%s-%d-%06u", country, g_date_time_get_year (issued), serial);
    }
}

static GDateTime *
draw_issue_time (EcertSampleGenerator *self)
{
  GDateTime *first;
  GDateTime *issued;
  double position;
  double transit;

  if (self->in_order_count == 0)
    return g_date_time_add_seconds (self->period_end,
                                    -g_rand_double_range (self->rand, self->min_age,
                                                          self->max_age));

  /* Spread evenly over the period in the order drawn, each some days
   * earlier than its place, but never before the period. */
  first = g_date_time_add_seconds (self->period_end, -self->max_age);
  position = MIN (1.0, self->drawn / (double) self->in_order_count);
  transit = g_rand_double_range (self->rand, 0, MAX_DAYS_IN_TRANSIT * 86400.0);
  issued = g_date_time_add_seconds (first, MAX (0, position * self->max_age - transit));
  g_date_time_unref (first);
  return issued;
}

/* Drawing */

static const EcertSampleExporter *
pick_exporter (EcertSampleGenerator *self)
{
  guint ticket;

  if (!self->by_trade || self->trade_total == 0)
    return g_ptr_array_index (self->exporters,
                              g_rand_int_range (self->rand, 0, (gint32) self->exporters->len));

  ticket = (guint) g_rand_int_range (self->rand, 0, (gint32) self->trade_total);
  for (guint i = 0; i < self->exporters->len; i++)
    {
      const EcertSampleExporter *exporter = g_ptr_array_index (self->exporters, i);

      if (ticket < exporter->trade_weight)
        return exporter;
      ticket -= exporter->trade_weight;
    }

  return g_ptr_array_index (self->exporters, 0);
}

static const EcertSampleImporter *
pick_importer (EcertSampleGenerator      *self,
               const EcertSampleExporter *exporter)
{
  guint n_importers;
  const EcertSampleImporter *importers = ecert_sample_tables_importers (&n_importers);
  const EcertSampleImporter *importer;

  /* Mostly the main importer; now and then another, so that a desk sees
   * only what is addressed to it. */
  if (self->other_importers <= 0 || !chance (self->rand, self->other_importers))
    return &importers[0];

  importer = &importers[g_rand_int_range (self->rand, 1, (gint32) n_importers)];
  return g_strcmp0 (importer->country, exporter->country) == 0 ? &importers[0] : importer;
}

static Original *
draw_original (EcertSampleGenerator *self)
{
  Original *original = g_new0 (Original, 1);
  EcertSampleOriginal *sample = &original->sample;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) issued_utc = NULL;

  sample->seed = g_rand_int (self->rand);
  sample->exporter = pick_exporter (self);
  sample->importer = pick_importer (self, sample->exporter);
  zone = g_time_zone_new_offset (sample->exporter->utc_offset_minutes * 60);
  issued_utc = draw_issue_time (self);
  sample->issued = g_date_time_to_timezone (issued_utc, zone);
  sample->number = next_number (self, sample->exporter, sample->issued);
  return original;
}

static void
remember (EcertSampleGenerator *self,
          Original             *original)
{
  if (self->recent->len < RECENT_ORIGINALS)
    {
      g_ptr_array_add (self->recent, original);
      return;
    }

  original_free (g_ptr_array_index (self->recent, self->next_recent));
  g_ptr_array_index (self->recent, self->next_recent) = original;
  self->next_recent = (self->next_recent + 1) % RECENT_ORIGINALS;
}

static Original *
pick_to_follow (EcertSampleGenerator *self)
{
  /* A few tries at an original nobody has withdrawn or replaced yet. */
  for (guint attempt = 0; attempt < 8 && self->recent->len > 0; attempt++)
    {
      Original *original = g_ptr_array_index (self->recent,
                                              g_rand_int_range (self->rand, 0,
                                                                (gint32) self->recent->len));

      if (!original->followed)
        return original;
    }

  return NULL;
}

/* A forger's edit after signing: a heavier consignment than was certified. */
static GBytes *
tamper (GBytes     *signed_document,
        const char *net_weight)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (signed_document, NULL),
                                     g_bytes_get_size (signed_document));
  g_autofree char *needle = g_strdup_printf (">%s</ram:NetWeightMeasure>", net_weight);
  g_autofree char *forged = g_strdup_printf (">%s9</ram:NetWeightMeasure>", net_weight);
  g_auto(GStrv) parts = g_strsplit (text, needle, 2);
  char *result;

  if (g_strv_length (parts) != 2)
    return g_bytes_ref (signed_document);

  result = g_strjoin (forged, parts[0], parts[1], NULL);
  return g_bytes_new_take (result, strlen (result));
}

static gboolean
sign (EcertSampleGenerator  *self,
      EcertSample           *sample,
      const char            *net_weight,
      GError               **error)
{
  EcertSigningKey *key;
  EcertSignC14n c14n;
  GBytes *signed_document;

  if (self->signer == NULL || chance (self->rand, self->unsigned_share))
    {
      sample->signature = ECERT_SAMPLE_UNSIGNED;
      return TRUE;
    }

  key = self->signer (sample->exporter, self->signer_data, error);
  if (key == NULL)
    return FALSE;

  /* Both canonicalizations are in use. */
  c14n = chance (self->rand, 0.5) ? ECERT_SIGN_C14N_EXCLUSIVE : ECERT_SIGN_C14N_INCLUSIVE;
  signed_document = ecert_sign_document (sample->document, key, c14n, error);
  if (signed_document == NULL)
    return FALSE;
  g_bytes_unref (sample->document);
  sample->document = signed_document;
  sample->signature = ECERT_SAMPLE_SIGNED;

  if (chance (self->rand, self->altered_share))
    {
      GBytes *forged = tamper (sample->document, net_weight);

      g_bytes_unref (sample->document);
      sample->document = forged;
      sample->signature = ECERT_SAMPLE_ALTERED;
    }

  return TRUE;
}

/**
 * ecert_sample_generator_next:
 *
 * Returns: (transfer full): the next certificate of the run, or %NULL
 *   with @error set when its NPPO's key cannot be had or used
 */
EcertSample *
ecert_sample_generator_next (EcertSampleGenerator  *self,
                             GError               **error)
{
  g_autoptr(EcertSample) sample = g_new0 (EcertSample, 1);
  g_auto(EcertSampleWritten) written = { FALSE, NULL, NULL };
  Original *original = NULL;
  double roll = g_rand_double (self->rand);

  sample->kind = ECERT_SAMPLE_ORIGINAL;
  if (self->recent->len >= ORIGINALS_BEFORE_FOLLOW_UPS &&
      roll < self->withdrawals + self->replacements)
    original = pick_to_follow (self);

  if (original != NULL)
    {
      original->followed = TRUE;
      sample->original_number = g_strdup (original->sample.number);
      if (roll < self->withdrawals)
        {
          sample->kind = ECERT_SAMPLE_WITHDRAWAL;
          sample->number = g_strdup (original->sample.number);
          sample->issued = g_date_time_ref (original->sample.issued);
        }
      else
        {
          sample->kind = ECERT_SAMPLE_REPLACEMENT;
          sample->issued = g_date_time_add_hours (original->sample.issued,
                                                  g_rand_int_range (self->rand, 4, 72));
          sample->number = next_number (self, original->sample.exporter, sample->issued);
        }
    }
  else
    {
      original = draw_original (self);
      remember (self, original);
      sample->number = g_strdup (original->sample.number);
      sample->issued = g_date_time_ref (original->sample.issued);
    }

  sample->exporter = original->sample.exporter->country;
  sample->importer = original->sample.importer->country;
  sample->document = ecert_sample_document_write (&original->sample, sample->kind, sample->number,
                                                  sample->issued, &self->contents, &written);
  sample->attached = written.attached;
  sample->entry = g_steal_pointer (&written.entry);
  self->drawn++;

  if (!sign (self, sample, written.net_weight, error))
    return NULL;

  return g_steal_pointer (&sample);
}

/**
 * ecert_sample_country_name:
 * @country: an ISO 3166-1 alpha-2 code
 *
 * Returns: (nullable): the country's English name, as certificates write
 *   it, or %NULL for a country the tables do not know
 */
const char *
ecert_sample_country_name (const char *country)
{
  const EcertSampleCountry *found = ecert_sample_tables_find_country (country);

  return found != NULL ? found->name : NULL;
}

/**
 * ecert_sample_nppo_name:
 * @country: an ISO 3166-1 alpha-2 code
 *
 * Returns: (nullable): the name of the country's National Plant
 *   Protection Organisation
 */
const char *
ecert_sample_nppo_name (const char *country)
{
  const EcertSampleCountry *found = ecert_sample_tables_find_country (country);

  return found != NULL ? found->nppo : NULL;
}
