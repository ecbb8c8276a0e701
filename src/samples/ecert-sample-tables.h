/* ecert-sample-tables.h: the trade sample certificates are drawn from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-sample-generator.h"

G_BEGIN_DECLS

typedef enum
{
  ECERT_SAMPLE_TREATMENT_NONE,
  ECERT_SAMPLE_TREATMENT_COLD,
  ECERT_SAMPLE_TREATMENT_METHYL_BROMIDE,
  ECERT_SAMPLE_TREATMENT_PHOSPHINE,
  ECERT_SAMPLE_TREATMENT_SULFURYL_FLUORIDE,
  ECERT_SAMPLE_TREATMENT_HEAT,
  ECERT_SAMPLE_TREATMENT_VAPOUR_HEAT,
  ECERT_SAMPLE_TREATMENT_HOT_WATER,
  ECERT_SAMPLE_TREATMENT_IRRADIATION,
  ECERT_SAMPLE_TREATMENT_FUNGICIDE_DIP,
  ECERT_SAMPLE_TREATMENT_SULPHUR_DIOXIDE,
} EcertSampleTreatment;

/* How an NPPO writes its certificate numbers, e.g. for serial 417 issued
 * in 2026. */
typedef enum
{
  ECERT_SAMPLE_NUMBER_DASHED,     /* NZ-2026-000417 */
  ECERT_SAMPLE_NUMBER_SLASHED,    /* AU26/0000417 */
  ECERT_SAMPLE_NUMBER_PREFIXED,   /* PC-US-202600417 */
  ECERT_SAMPLE_NUMBER_SPACED,     /* CL 2026 000417 */
} EcertSampleNumberStyle;

typedef struct
{
  const char *code;
  const char *name;             /* in English, as certificates write it */
  const char *nppo;             /* its National Plant Protection Organisation */
} EcertSampleCountry;

typedef struct
{
  const char *common_name;
  const char *scientific_name;
  const char *hs_code;
  const char *hs_name;
  const char *description;
  const char *intended_use;
  const char *package_type;
  double      min_tonnes;
  double      max_tonnes;
  double      kg_per_package;   /* 0 for bulk */
  guint       mode;             /* UN/ECE Rec. 19: 1 sea, 4 air */
  EcertSampleTreatment treatment;
  const char *declaration;
  const char *exporters;        /* country codes, separated by spaces */
} EcertSampleCommodity;

typedef struct
{
  const char *name;
  const char *street;
  const char *city;
} EcertSampleParty;

typedef struct
{
  const char *locode;
  const char *name;
} EcertSamplePort;

typedef struct
{
  const char            *country;
  int                    utc_offset_minutes;
  guint                  trade_weight;  /* its share of the main importer's trade */
  EcertSampleNumberStyle number_style;
  const char            *language;      /* a second language its NPPO writes in */
  const char            *airline;
  const char            *places[3];     /* where certificates are issued */
  EcertSamplePort        ports[3];
  EcertSampleParty       consignors[3];
  const char            *inspectors[3];
} EcertSampleExporter;

typedef struct
{
  const char      *country;
  EcertSamplePort  ports[4];
  EcertSamplePort  airport;
  EcertSampleParty consignees[4];
} EcertSampleImporter;

/* The word lists that a large volume of trade draws its many traders,
 * ports and ships from. */
typedef struct
{
  const char * const *items;
  guint               count;
} EcertSampleWords;

typedef struct
{
  EcertSampleWords        trader_starts;
  EcertSampleWords        trader_middles;
  EcertSampleWords        trader_ends;
  EcertSampleWords        chinese_cities;
  EcertSampleWords        chinese_trades;
  EcertSampleWords        chinese_forms;
  EcertSampleWords        chinese_roads;
  EcertSampleWords        shipping_lines;
  EcertSampleWords        ship_names;
  const EcertSamplePort  *main_importer_ports;
  guint                   n_main_importer_ports;
  const EcertSamplePort  *main_importer_airports;
  guint                   n_main_importer_airports;
} EcertSampleVolumeWords;

const EcertSampleCountry     *ecert_sample_tables_countries           (guint *n_countries);
const EcertSampleCommodity   *ecert_sample_tables_commodities         (guint *n_commodities);
const EcertSampleExporter    *ecert_sample_tables_exporters           (guint *n_exporters);
const EcertSampleImporter    *ecert_sample_tables_importers           (guint *n_importers);
const char * const           *ecert_sample_tables_vessels             (guint *n_vessels);
const char * const           *ecert_sample_tables_bulk_carriers       (guint *n_carriers);
const char * const           *ecert_sample_tables_replacement_reasons (guint *n_reasons);
const char * const           *ecert_sample_tables_container_owners    (guint *n_owners);
const EcertSampleVolumeWords *ecert_sample_tables_volume_words        (void);
const char                   *ecert_sample_tables_stamp_png_base64    (void);
const EcertSampleCountry     *ecert_sample_tables_find_country        (const char *code);

gboolean ecert_sample_commodity_exported_by (const EcertSampleCommodity *commodity,
                                             const char                 *country);

G_END_DECLS
