/* ecert-cli-bench-cache.c: `ecert bench cache --count N`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a cache with generated certificates the way a sync would store
 * them (hub provenance, a verdict, the acknowledgement bookkeeping), then
 * times the questions an inspector's desk asks of it, and measures the
 * memory of a separate process holding a list model over every row.
 *
 * Each certificate is a real SPS certificate document, built from the same
 * generated values as its summary: numbers in several national formats,
 * about 60 commodities with their scientific names and HS codes, some
 * twelve thousand consignor names, Chinese and English consignees, ports,
 * vessels, containers; a share of withdrawals and replacements of earlier
 * certificates. Generating the documents is not timed: the insert rate is
 * the cache's own.
 *
 * Figures are printed, not judged: this is not a test.
 */

#define G_LOG_DOMAIN "ecert-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ecert-cli-commands.h"
#include "ecert-cli-common.h"

#define BATCH 1000
#define HUB_URL "https://hub.bench.invalid/"

typedef struct
{
  const char *code;
  const char *name;
  const char *offset;   /* the issuer's zone */
  const char *city;
  guint       weight;
} Exporter;

static const Exporter exporters[] = {
  { "NZ", "New Zealand", "+13:00", "Auckland", 14 },
  { "AU", "Australia", "+10:00", "Melbourne", 12 },
  { "US", "United States", "-05:00", "Seattle", 10 },
  { "CL", "Chile", "-03:00", "Valparaíso", 9 },
  { "AR", "Argentina", "-03:00", "La Plata", 6 },
  { "PE", "Peru", "-05:00", "Callao", 6 },
  { "ZA", "South Africa", "+02:00", "Cape Town", 5 },
  { "TH", "Thailand", "+07:00", "Bangkok", 6 },
  { "VN", "Viet Nam", "+07:00", "Hải Phòng", 6 },
  { "BR", "Brazil", "-03:00", "Santos", 5 },
  { "CA", "Canada", "-08:00", "Vancouver", 4 },
  { "MX", "Mexico", "-06:00", "Manzanillo", 3 },
  { "FR", "France", "+01:00", "Le Havre", 2 },
  { "ES", "Spain", "+01:00", "Valencia", 2 },
  { "IT", "Italy", "+01:00", "Genova", 2 },
  { "NL", "Netherlands", "+01:00", "Rotterdam", 2 },
  { "KE", "Kenya", "+03:00", "Mombasa", 1 },
  { "EG", "Egypt", "+02:00", "Alexandria", 1 },
  { "IN", "India", "+05:30", "Mumbai", 1 },
  { "MY", "Malaysia", "+08:00", "Port Klang", 2 },
  { "ID", "Indonesia", "+07:00", "Surabaya", 2 },
  { "PH", "Philippines", "+08:00", "Davao", 2 },
  { "UY", "Uruguay", "-03:00", "Montevideo", 1 },
  { "JP", "Japan", "+09:00", "Yokohama", 1 },
  { "KR", "Korea, Republic of", "+09:00", "Busan", 1 },
  { "RU", "Russian Federation", "+10:00", "Vladivostok", 1 },
};

typedef struct
{
  const char *common;
  const char *scientific;
  const char *hs;
  const char *hs_name;
  const char *use;
} Commodity;

static const Commodity commodities[] = {
  { "Kiwifruit", "Actinidia chinensis", "081050", "Kiwifruit, fresh", "Consumption" },
  { "Apples", "Malus domestica", "080810", "Apples, fresh", "Consumption" },
  { "Cherries", "Prunus avium", "080929", "Cherries, fresh", "Consumption" },
  { "Table grapes", "Vitis vinifera", "080610", "Grapes, fresh", "Consumption" },
  { "Oranges", "Citrus sinensis", "080510", "Oranges, fresh", "Consumption" },
  { "Mandarins", "Citrus reticulata", "080521", "Mandarins, fresh", "Consumption" },
  { "Lemons", "Citrus limon", "080550", "Lemons, fresh", "Consumption" },
  { "Avocados", "Persea americana", "080440", "Avocados, fresh", "Consumption" },
  { "Blueberries", "Vaccinium corymbosum", "081040", "Blueberries, fresh", "Consumption" },
  { "Soybeans", "Glycine max", "120190", "Soya beans", "Processing" },
  { "Wheat", "Triticum aestivum", "100199", "Wheat", "Processing" },
  { "Maize", "Zea mays", "100590", "Maize", "Processing" },
  { "Barley", "Hordeum vulgare", "100390", "Barley", "Processing" },
  { "Radiata pine logs", "Pinus radiata", "440320", "Coniferous logs", "Processing" },
  { "Sawn timber", "Pseudotsuga menziesii", "440711", "Sawn pine wood", "Processing" },
  { "Durian", "Durio zibethinus", "081060", "Durians, fresh", "Consumption" },
  { "Mangoes", "Mangifera indica", "080450", "Mangoes, fresh", "Consumption" },
  { "Bananas", "Musa acuminata", "080390", "Bananas, fresh", "Consumption" },
  { "Pineapples", "Ananas comosus", "080430", "Pineapples, fresh", "Consumption" },
  { "Pears", "Pyrus communis", "080830", "Pears, fresh", "Consumption" },
  { "Plums", "Prunus domestica", "080940", "Plums, fresh", "Consumption" },
  { "Longan", "Dimocarpus longan", "081090", "Longans, fresh", "Consumption" },
  { "Dragon fruit", "Selenicereus undatus", "081090", "Pitahaya, fresh", "Consumption" },
  { "Rice", "Oryza sativa", "100630", "Milled rice", "Consumption" },
  { "Sorghum", "Sorghum bicolor", "100790", "Grain sorghum", "Processing" },
  { "Canola seed", "Brassica napus", "120510", "Rape seeds", "Processing" },
  { "Dried peas", "Pisum sativum", "071310", "Dried peas", "Consumption" },
  { "Lentils", "Lens culinaris", "071340", "Dried lentils", "Consumption" },
  { "Seed potatoes", "Solanum tuberosum", "070110", "Seed potatoes", "Planting" },
  { "Onions", "Allium cepa", "070310", "Onions, fresh", "Consumption" },
  { "Garlic", "Allium sativum", "070320", "Garlic, fresh", "Consumption" },
  { "Ginger", "Zingiber officinale", "091011", "Ginger", "Consumption" },
  { "Green coffee", "Coffea arabica", "090111", "Coffee, not roasted", "Processing" },
  { "Cocoa beans", "Theobroma cacao", "180100", "Cocoa beans", "Processing" },
  { "Cut roses", "Rosa hybrida", "060311", "Roses, cut", "Decorative" },
  { "Orchids", "Phalaenopsis amabilis", "060313", "Orchids, cut", "Decorative" },
  { "Raw cotton", "Gossypium hirsutum", "520100", "Cotton, not carded", "Processing" },
  { "Walnuts", "Juglans regia", "080232", "Walnuts, shelled", "Consumption" },
  { "Almonds", "Prunus dulcis", "080212", "Almonds, shelled", "Consumption" },
  { "Pistachios", "Pistacia vera", "080251", "Pistachios, in shell", "Consumption" },
  { "Hazelnuts", "Corylus avellana", "080221", "Hazelnuts, in shell", "Consumption" },
  { "Macadamia nuts", "Macadamia integrifolia", "080262", "Macadamia, shelled", "Consumption" },
  { "Chestnuts", "Castanea sativa", "080241", "Chestnuts, in shell", "Consumption" },
  { "Sunflower seed", "Helianthus annuus", "120600", "Sunflower seeds", "Processing" },
  { "Oats", "Avena sativa", "100490", "Oats", "Processing" },
  { "Lucerne hay", "Medicago sativa", "121490", "Lucerne meal and pellets", "Feed" },
  { "Strawberries", "Fragaria ananassa", "081010", "Strawberries, fresh", "Consumption" },
  { "Raspberries", "Rubus idaeus", "081020", "Raspberries, fresh", "Consumption" },
  { "Pomegranates", "Punica granatum", "081090", "Pomegranates, fresh", "Consumption" },
  { "Figs", "Ficus carica", "080420", "Figs, fresh", "Consumption" },
  { "Dates", "Phoenix dactylifera", "080410", "Dates, fresh", "Consumption" },
  { "Persimmons", "Diospyros kaki", "081070", "Persimmons, fresh", "Consumption" },
  { "Papayas", "Carica papaya", "080720", "Papayas, fresh", "Consumption" },
  { "Melons", "Cucumis melo", "080719", "Melons, fresh", "Consumption" },
  { "Watermelons", "Citrullus lanatus", "080711", "Watermelons, fresh", "Consumption" },
  { "Carrots", "Daucus carota", "070610", "Carrots, fresh", "Consumption" },
  { "Asparagus", "Asparagus officinalis", "070920", "Asparagus, fresh", "Consumption" },
  { "Tomatoes", "Solanum lycopersicum", "070200", "Tomatoes, fresh", "Consumption" },
  { "Sweet peppers", "Capsicum annuum", "070960", "Peppers, fresh", "Consumption" },
  { "Coconuts", "Cocos nucifera", "080119", "Coconuts, fresh", "Consumption" },
};

static const char * const name_starts[] = {
  "Golden", "Southern", "Pacific", "Green Valley", "Blue Ridge", "Sunrise", "Highland",
  "Riverside", "Northern", "Silver Fern", "Andes", "Coastal", "Prairie", "Evergreen",
  "Red Earth", "Harbour", "Summit", "Lakeside", "Orchard Hill", "Westfield", "Eastern Cape",
  "Delta", "Canyon", "Meridian", "Aurora", "Cedar", "Oakwood", "Willow Creek", "Pinnacle",
  "Crystal Bay", "Monte Verde", "San Rafael", "Los Andes", "Valle Central", "Terra Nova",
  "Sol de Oro", "Mekong", "Chao Phraya", "Tasman", "Kaimai",
};

static const char * const name_middles[] = {
  "Orchards", "Farms", "Produce", "Exports", "Growers", "Trading", "Harvest", "Fruit",
  "Grain", "Timber", "Agri", "Fresh", "Packers", "Horticulture", "Nurseries", "Seeds",
  "Plantations", "Foods", "Commodities", "Berries", "Citrus", "Forestry", "Cooperative",
  "Estates", "Logistics", "Organics", "Vineyards", "Nut Company", "Ranch", "Gardens",
  "Holdings", "International", "Partners", "Brothers", "Valley Packers", "Cold Chain",
  "Agro", "Fields", "Sprouts", "Fruticola",
};

static const char * const name_ends[] = {
  "Ltd", "S.A.", "LLC", "Pty Ltd", "GmbH", "S.p.A.", "Co., Ltd.", "SAC",
};

static const char * const cn_cities[] = {
  "上海", "广州", "深圳", "北京", "天津", "青岛", "大连", "宁波", "厦门", "成都",
  "重庆", "武汉", "南京", "杭州", "昆明",
};

static const char * const cn_words[] = {
  "鲜果", "农产品", "粮油", "木业", "食品", "果业", "国际贸易", "绿色农业", "进出口", "冷链",
};

static const char * const cn_forms[] = {
  "有限公司", "进出口有限公司", "贸易有限公司", "集团有限公司",
};

typedef struct
{
  const char *code;
  const char *name;
} Port;

static const Port ports[] = {
  { "CNSHA", "Shanghai" }, { "CNNGB", "Ningbo" }, { "CNSZX", "Shenzhen" },
  { "CNCAN", "Guangzhou" }, { "CNTAO", "Qingdao" }, { "CNTSN", "Tianjin" },
  { "CNDLC", "Dalian" }, { "CNXMN", "Xiamen" }, { "CNLYG", "Lianyungang" },
  { "CNZJG", "Zhangjiagang" }, { "CNPVG", "Shanghai Pudong Airport" },
  { "CNPEK", "Beijing Capital Airport" }, { "CNCTU", "Chengdu Airport" },
  { "CNPXG", "Pingxiang" }, { "CNKMG", "Kunming" },
};

static const char * const shipping_lines[] = {
  "Maersk", "MSC", "COSCO Shipping", "CMA CGM", "Evergreen", "Hapag-Lloyd", "ONE", "Yang Ming",
  "HMM", "ZIM",
};

static const char * const vessel_names[] = {
  "Kowloon", "Aurora", "Taurus", "Marco Polo", "Ever Glory", "Berlin Express", "Harmony",
  "Shanghai", "Valparaíso", "Tauranga", "Pacific Star", "Seattle", "Lotus", "Orion", "Atlantic",
  "Jade", "Pearl River", "Southern Cross", "Andes", "Mekong", "Sirius", "Vega", "Cassiopeia",
  "Nile", "Auckland", "Santos", "Callao", "Durban", "Busan", "Manila",
};

static const char * const container_owners[] = {
  "MSKU", "MSCU", "CSNU", "CMAU", "EGHU", "HLXU", "ONEU", "YMLU", "HDMU", "ZIMU",
};

static const char * const declarations[] = {
  "The consignment was inspected and found free of quarantine pests.",
  "Free from Bactrocera tryoni and Ceratitis capitata.",
  "The fruit was grown in a pest free area for fruit flies.",
  "The consignment was treated with methyl bromide before export.",
  "Cold treatment was applied in transit under official supervision.",
  "The place of production was found free of Erwinia amylovora during the last growing season.",
  "The grain is free from soil and Trogoderma granarium.",
  "The wood was heat treated to 56 °C for 30 minutes.",
};

static const char * const verdicts[] = {
  "valid", "unsigned", "untrusted", "invalid", "expired-signer", "not-authorised", "unsupported",
};

/* Per mille of certificates given each verdict; the rest is unverified. */
static const guint verdict_weights[] = { 550, 300, 30, 10, 10, 5, 5 };

typedef struct
{
  GRand      *rand;
  guint       exporter_total;
  guint      *serials;          /* per exporter */
  GPtrArray  *recent_numbers;   /* char *: earlier numbers, per exporter, for history */
  GPtrArray  *sample_numbers;   /* char *: numbers to look up later */
  guint       total;            /* certificates the run will hold */
  gboolean    measuring;        /* the sample numbers will be looked up */
} Generator;

/* The generated certificates span three and a half years of issue dates
 * and arrive in that order, each some days after it was issued, as a desk
 * receives them: a date-ordered index grows at its newest end. */
#define FIRST_ISSUE_YEAR 2023
#define ISSUE_SPAN_DAYS 1277
#define MAX_DAYS_IN_TRANSIT 20

typedef struct
{
  EcertCacheSummary *summary;
  GBytes            *document;
  char              *delivery;
  const char        *verdict;
} Generated;

static void
generated_clear (Generated *generated)
{
  g_clear_pointer (&generated->summary, ecert_cache_summary_free);
  g_clear_pointer (&generated->document, g_bytes_unref);
  g_clear_pointer (&generated->delivery, g_free);
}

static const char *
pick (Generator          *generator,
      const char * const *list,
      gsize               length)
{
  return list[g_rand_int_range (generator->rand, 0, length)];
}

#define PICK(generator, list) pick ((generator), (list), G_N_ELEMENTS (list))

static guint
pick_exporter (Generator *generator)
{
  guint ticket = g_rand_int_range (generator->rand, 0, generator->exporter_total);

  for (guint i = 0; i < G_N_ELEMENTS (exporters); i++)
    {
      if (ticket < exporters[i].weight)
        return i;
      ticket -= exporters[i].weight;
    }

  return 0;
}

/* Each country writes its numbers its own way. */
static char *
make_number (guint exporter,
             guint year,
             guint serial)
{
  const char *code = exporters[exporter].code;

  switch (exporter % 4)
    {
    case 0:
      return g_strdup_printf ("%s-%u-%06u", code, year, serial);
    case 1:
      return g_strdup_printf ("%s%02u/%07u", code, year % 100, serial);
    case 2:
      return g_strdup_printf ("PC-%s-%u%05u", code, year, serial);
    default:
      return g_strdup_printf ("%s %u %06u", code, year, serial);
    }
}

static char *
make_consignor (Generator *generator)
{
  return g_strdup_printf ("%s %s %s", PICK (generator, name_starts),
                          PICK (generator, name_middles), PICK (generator, name_ends));
}

static char *
make_consignee (Generator *generator)
{
  if (g_rand_int_range (generator->rand, 0, 5) == 0)
    return g_strdup_printf ("%s %s Import Co., Ltd.", PICK (generator, name_starts),
                            PICK (generator, name_middles));
  return g_strdup_printf ("%s%s%s", PICK (generator, cn_cities), PICK (generator, cn_words),
                          PICK (generator, cn_forms));
}

static void
append_escaped (GString    *xml,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (xml, escaped);
}

static void
append_item (GString         *xml,
             Generator       *generator,
             guint            sequence,
             const Commodity *commodity,
             const Exporter  *exporter)
{
  guint net = g_rand_int_range (generator->rand, 500, 26000);

  g_string_append_printf (xml,
                          "      <ram:IncludedSPSTradeLineItem>\n"
                          "        <ram:SequenceNumeric>%u</ram:SequenceNumeric>\n"
                          "        <ram:Description languageID=\"en\">%s</ram:Description>\n"
                          "        <ram:CommonName languageID=\"en\">%s</ram:CommonName>\n"
                          "        <ram:ScientificName>%s</ram:ScientificName>\n"
                          "        <ram:IntendedUse languageID=\"en\">%s</ram:IntendedUse>\n"
                          "        <ram:NetWeightMeasure unitCode=\"KGM\">%u</ram:NetWeightMeasure>\n"
                          "        <ram:GrossWeightMeasure unitCode=\"KGM\">%u</ram:GrossWeightMeasure>\n"
                          "        <ram:ApplicableSPSClassification><ram:SystemName>HS</ram:SystemName>"
                          "<ram:ClassCode>%s</ram:ClassCode><ram:ClassName languageID=\"en\">%s"
                          "</ram:ClassName></ram:ApplicableSPSClassification>\n"
                          "        <ram:PhysicalSPSPackage><ram:LevelCode>1</ram:LevelCode>"
                          "<ram:TypeCode>CT</ram:TypeCode><ram:ItemQuantity>%u</ram:ItemQuantity>"
                          "</ram:PhysicalSPSPackage>\n"
                          "        <ram:OriginSPSCountry><ram:ID>%s</ram:ID><ram:Name>%s</ram:Name>"
                          "</ram:OriginSPSCountry>\n"
                          "        <ram:AppliedSPSProcess>\n"
                          "          <ram:TypeCode>CT</ram:TypeCode>\n"
                          "          <ram:CompletionSPSPeriod><ram:DurationMeasure unitCode=\"DAY\">%u"
                          "</ram:DurationMeasure></ram:CompletionSPSPeriod>\n"
                          "          <ram:ApplicableSPSProcessCharacteristic><ram:TypeCode>TEMP"
                          "</ram:TypeCode><ram:Description languageID=\"en\">Pulp temperature"
                          "</ram:Description><ram:ValueMeasure unitCode=\"CEL\">0.5"
                          "</ram:ValueMeasure></ram:ApplicableSPSProcessCharacteristic>\n"
                          "        </ram:AppliedSPSProcess>\n"
                          "      </ram:IncludedSPSTradeLineItem>\n",
                          sequence, commodity->hs_name, commodity->common, commodity->scientific,
                          commodity->use, net, net + net / 12, commodity->hs,
                          commodity->hs_name, net / 9 + 1, exporter->code, exporter->name,
                          g_rand_int_range (generator->rand, 10, 24));
}

/* A certificate as a hub would deliver it, and its summary. */
static void
generate (Generator *generator,
          guint      index,
          Generated *out)
{
  EcertCacheSummary *summary = g_new0 (EcertCacheSummary, 1);
  guint exporter_index = pick_exporter (generator);
  const Exporter *exporter = &exporters[exporter_index];
  GPtrArray *recent = g_ptr_array_index (generator->recent_numbers, exporter_index);
  g_autoptr(GDateTime) first_day = g_date_time_new_utc (FIRST_ISSUE_YEAR, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) issue_day =
    g_date_time_add_days (first_day,
                          MAX_DAYS_IN_TRANSIT +
                          (int) ((double) index / generator->total * ISSUE_SPAN_DAYS) -
                          g_rand_int_range (generator->rand, 0, MAX_DAYS_IN_TRANSIT));
  guint year = g_date_time_get_year (issue_day);
  guint month = g_date_time_get_month (issue_day);
  guint day = g_date_time_get_day_of_month (issue_day);
  guint hour = g_rand_int_range (generator->rand, 6, 19);
  guint minute = g_rand_int_range (generator->rand, 0, 60);
  guint items = g_rand_int_range (generator->rand, 1, 4);
  guint kind = g_rand_int_range (generator->rand, 0, 1000);
  const char *status = "70";
  const char *type = kind < 900 ? "851" : kind < 980 ? "657" : "852";
  g_autofree char *issued = g_strdup_printf ("%04u-%02u-%02uT%02u:%02u:00%s", year, month, day,
                                             hour, minute, exporter->offset);
  g_autofree char *consignor = make_consignor (generator);
  g_autofree char *consignee = make_consignee (generator);
  g_autofree char *vessel = g_strdup_printf ("%s %s", PICK (generator, shipping_lines),
                                             PICK (generator, vessel_names));
  g_autofree char *voyage = g_strdup_printf ("V.%03u%c", g_rand_int_range (generator->rand, 1, 999),
                                             "NSEW"[g_rand_int_range (generator->rand, 0, 4)]);
  g_autofree char *container = g_strdup_printf ("%s%07u", PICK (generator, container_owners),
                                                g_rand_int_range (generator->rand, 0, 9999999));
  g_autofree char *seal = g_strdup_printf ("SEAL-%06u", g_rand_int_range (generator->rand, 0,
                                                                         999999));
  const Port *port = &ports[g_rand_int_range (generator->rand, 0, G_N_ELEMENTS (ports))];
  const Commodity *item_commodities[3];
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) codes = g_string_new (NULL);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (exporter->offset);
  g_autofree char *number = NULL;
  char *replaces = NULL;
  GString *xml = g_string_sized_new (8192);
  guint verdict_ticket;

  /* About one in seventy withdraws an earlier certificate (same number,
   * status 40); one in thirty replaces one (new number, ADRPN). */
  if (recent->len > 0 && kind % 70 == 0)
    {
      number = g_strdup (g_ptr_array_index (recent, g_rand_int_range (generator->rand, 0,
                                                                      recent->len)));
      status = "40";
    }
  else
    {
      number = make_number (exporter_index, year, ++generator->serials[exporter_index]);
      if (recent->len > 0 && kind % 30 == 1)
        replaces = g_ptr_array_index (recent, g_rand_int_range (generator->rand, 0, recent->len));
      if (recent->len < 64)
        g_ptr_array_add (recent, g_strdup (number));
      else
        {
          guint slot = g_rand_int_range (generator->rand, 0, recent->len);

          g_free (g_ptr_array_index (recent, slot));
          g_ptr_array_index (recent, slot) = g_strdup (number);
        }
    }

  if (generator->sample_numbers->len < 4000)
    g_ptr_array_add (generator->sample_numbers, g_strdup (number));
  else if (g_rand_int_range (generator->rand, 0, index + 1) < 4000)
    {
      guint slot = g_rand_int_range (generator->rand, 0, 4000);

      g_free (g_ptr_array_index (generator->sample_numbers, slot));
      g_ptr_array_index (generator->sample_numbers, slot) = g_strdup (number);
    }

  for (guint i = 0; i < items; i++)
    {
      item_commodities[i] = &commodities[g_rand_int_range (generator->rand, 0,
                                                           G_N_ELEMENTS (commodities))];
      g_string_append_printf (names, "%s%s; %s; %s", i > 0 ? "; " : "",
                              item_commodities[i]->common, item_commodities[i]->scientific,
                              item_commodities[i]->hs_name);
      g_string_append_printf (codes, "%s%s; %s", i > 0 ? "; " : "", item_commodities[i]->hs,
                              item_commodities[i]->hs_name);
    }

  g_string_append_printf (xml,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<rsm:SPSCertificate"
                          " xmlns:rsm=\"urn:un:unece:uncefact:data:standard:SPSCertificate:17\""
                          " xmlns:ram=\"urn:un:unece:uncefact:data:standard:"
                          "ReusableAggregateBusinessInformationEntity:21\""
                          " xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21\">\n"
                          "  <rsm:SPSExchangedDocument>\n"
                          "    <ram:Name>Phytosanitary Certificate</ram:Name>\n"
                          "    <ram:ID>%s</ram:ID>\n"
                          "    <ram:TypeCode>%s</ram:TypeCode>\n"
                          "    <ram:StatusCode>%s</ram:StatusCode>\n"
                          "    <ram:IssueDateTime><udt:DateTimeString>%s</udt:DateTimeString>"
                          "</ram:IssueDateTime>\n"
                          "    <ram:IssuerSPSParty><ram:Name>National Plant Protection "
                          "Organisation of %s</ram:Name></ram:IssuerSPSParty>\n"
                          "    <ram:IncludedSPSNote><ram:Subject>ADEDL</ram:Subject>"
                          "<ram:Content languageID=\"en\">%s</ram:Content></ram:IncludedSPSNote>\n",
                          number, type, status, issued, exporter->name,
                          PICK (generator, declarations));
  if (replaces != NULL)
    g_string_append_printf (xml,
                            "    <ram:IncludedSPSNote><ram:Subject>ADRP</ram:Subject>"
                            "<ram:Content>1</ram:Content></ram:IncludedSPSNote>\n"
                            "    <ram:IncludedSPSNote><ram:Subject>ADRPN</ram:Subject>"
                            "<ram:Content>%s</ram:Content></ram:IncludedSPSNote>\n"
                            "    <ram:IncludedSPSNote><ram:Subject>ADRPR</ram:Subject>"
                            "<ram:Content languageID=\"en\">Change of consignee</ram:Content>"
                            "</ram:IncludedSPSNote>\n",
                            replaces);
  g_string_append_printf (xml,
                          "    <ram:SignatorySPSAuthentication>\n"
                          "      <ram:ActualDateTime><udt:DateTimeString>%s</udt:DateTimeString>"
                          "</ram:ActualDateTime>\n"
                          "      <ram:IssueSPSLocation><ram:Name>%s</ram:Name></ram:IssueSPSLocation>\n"
                          "      <ram:ProviderSPSParty><ram:Name>Verification Services"
                          "</ram:Name><ram:SpecifiedSPSPerson><ram:Name>Authorised Officer %u"
                          "</ram:Name></ram:SpecifiedSPSPerson></ram:ProviderSPSParty>\n"
                          "      <ram:IncludedSPSClause><ram:ID>1</ram:ID><ram:Content "
                          "languageID=\"en\">This is to certify that the plants, plant products "
                          "or other regulated articles described herein have been inspected and/or"
                          " tested according to appropriate official procedures and are "
                          "considered to be free from the quarantine pests specified by the "
                          "importing contracting party.</ram:Content></ram:IncludedSPSClause>\n"
                          "    </ram:SignatorySPSAuthentication>\n"
                          "  </rsm:SPSExchangedDocument>\n"
                          "  <rsm:SPSConsignment>\n"
                          "    <ram:ConsignorSPSParty><ram:Name>",
                          issued, exporter->city, g_rand_int_range (generator->rand, 1, 400));
  append_escaped (xml, consignor);
  g_string_append_printf (xml,
                          "</ram:Name><ram:SpecifiedSPSAddress><ram:LineOne>%u Export Road"
                          "</ram:LineOne><ram:CityName>%s</ram:CityName><ram:CountryID>%s"
                          "</ram:CountryID></ram:SpecifiedSPSAddress></ram:ConsignorSPSParty>\n"
                          "    <ram:ConsigneeSPSParty><ram:Name>",
                          g_rand_int_range (generator->rand, 1, 300), exporter->city,
                          exporter->code);
  append_escaped (xml, consignee);
  g_string_append_printf (xml,
                          "</ram:Name><ram:SpecifiedSPSAddress><ram:CountryID>CN</ram:CountryID>"
                          "</ram:SpecifiedSPSAddress></ram:ConsigneeSPSParty>\n"
                          "    <ram:ExportSPSCountry><ram:ID>%s</ram:ID><ram:Name>%s</ram:Name>"
                          "</ram:ExportSPSCountry>\n"
                          "    <ram:ImportSPSCountry><ram:ID>CN</ram:ID><ram:Name>China</ram:Name>"
                          "</ram:ImportSPSCountry>\n"
                          "    <ram:UnloadingBaseportSPSLocation><ram:ID>%s</ram:ID><ram:Name>%s"
                          "</ram:Name></ram:UnloadingBaseportSPSLocation>\n"
                          "    <ram:MainCarriageSPSTransportMovement><ram:ID>%s</ram:ID>"
                          "<ram:ModeCode>1</ram:ModeCode><ram:UsedSPSTransportMeans>"
                          "<ram:Name languageID=\"en\">%s</ram:Name></ram:UsedSPSTransportMeans>"
                          "</ram:MainCarriageSPSTransportMovement>\n"
                          "    <ram:UtilizedSPSTransportEquipment><ram:ID>%s</ram:ID>"
                          "<ram:AffixedSPSSeal><ram:ID>%s</ram:ID></ram:AffixedSPSSeal>"
                          "</ram:UtilizedSPSTransportEquipment>\n"
                          "    <ram:IncludedSPSConsignmentItem>\n",
                          exporter->code, exporter->name, port->code, port->name, voyage, vessel,
                          container, seal);
  for (guint i = 0; i < items; i++)
    append_item (xml, generator, i + 1, item_commodities[i], exporter);
  g_string_append (xml,
                   "    </ram:IncludedSPSConsignmentItem>\n"
                   "  </rsm:SPSConsignment>\n"
                   "</rsm:SPSCertificate>\n");

  summary->number = g_steal_pointer (&number);
  summary->type_code = g_strdup (type);
  summary->status_code = g_strdup (status);
  summary->issued = g_strdup (issued);
  summary->issued_at = g_date_time_new (zone, year, month, day, hour, minute, 0);
  summary->export_country = g_strdup (exporter->code);
  summary->import_country = g_strdup ("CN");
  summary->consignor = g_steal_pointer (&consignor);
  summary->consignee = g_steal_pointer (&consignee);
  summary->commodity = g_strdup (item_commodities[0]->common);
  summary->commodities = g_strdup (names->str);
  summary->hs_codes = g_strdup (codes->str);
  summary->ports = g_strdup_printf ("%s; %s", port->code, port->name);
  summary->transport = g_strdup_printf ("%s; %s; %s; %s", vessel, voyage, container, seal);
  summary->issuer = g_strdup_printf ("National Plant Protection Organisation of %s; "
                                     "Verification Services", exporter->name);
  summary->countries = g_strdup_printf ("%s; %s; CN; China", exporter->code, exporter->name);
  summary->replaces_number = g_strdup (replaces);

  out->summary = summary;
  out->document = g_string_free_to_bytes (xml);
  out->delivery = g_strdup_printf ("D%09u", index);

  out->verdict = NULL;
  verdict_ticket = g_rand_int_range (generator->rand, 0, 1000);
  for (guint i = 0; i < G_N_ELEMENTS (verdicts); i++)
    {
      if (verdict_ticket < verdict_weights[i])
        {
          out->verdict = verdicts[i];
          break;
        }
      verdict_ticket -= verdict_weights[i];
    }
}

static gdouble
elapsed_ms (gint64 started)
{
  return (g_get_monotonic_time () - started) / 1000.0;
}

/* Stores one batch as a sync would: each delivery verified, then stored
 * with its verdict, in one transaction. The previous batch was acknowledged to the
 * hub once committed; forgetting those acknowledgements rides along in
 * this transaction (after a crash, a sync would only acknowledge them
 * again, which the hub accepts). */
static gboolean
store_batch (EcertCache  *cache,
             Generated   *batch,
             guint        count,
             GPtrArray   *acknowledged,
             GError     **error)
{
  g_autoptr(EcertCacheProvenance) provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_HUB);

  provenance->hub_url = g_strdup (HUB_URL);
  provenance->envelope_to = g_strdup ("CN");
  provenance->envelope_certificate_type = g_strdup ("851");

  if (!ecert_cache_begin (cache, error))
    return FALSE;

  for (guint i = 0; i < acknowledged->len; i++)
    {
      if (!ecert_cache_remove_pending_acknowledgement (cache, HUB_URL,
                                                       g_ptr_array_index (acknowledged, i),
                                                       error))
        {
          ecert_cache_rollback (cache);
          return FALSE;
        }
    }

  for (guint i = 0; i < count; i++)
    {
      EcertCacheVerification verification = {
        (char *) batch[i].verdict, NULL,
        (char *) (g_strcmp0 (batch[i].verdict, "valid") == 0 ? "CN=NPPO signing key" : NULL),
        NULL
      };

      g_free (provenance->delivery_number);
      provenance->delivery_number = g_strdup (batch[i].delivery);
      g_free (provenance->envelope_from);
      provenance->envelope_from = g_strdup (batch[i].summary->export_country);
      g_free (provenance->envelope_certificate_number);
      provenance->envelope_certificate_number = g_strdup (batch[i].summary->number);

      if (!ecert_cache_store (cache, batch[i].summary, batch[i].document, provenance,
                              batch[i].verdict != NULL ? &verification : NULL, NULL, NULL,
                              error))
        {
          ecert_cache_rollback (cache);
          return FALSE;
        }
    }

  if (!ecert_cache_commit (cache, error))
    return FALSE;

  g_ptr_array_set_size (acknowledged, 0);
  for (guint i = 0; i < count; i++)
    g_ptr_array_add (acknowledged, g_strdup (batch[i].delivery));
  return TRUE;
}

static gint64
count_rows (EcertCache *cache)
{
  g_autoptr(EcertCacheQuery) all = ecert_cache_query_new ();
  guint n_rows = 0;

  if (!ecert_cache_count (cache, all, &n_rows, NULL, NULL))
    return 0;
  return n_rows;
}

static gboolean
fill (const char  *path,
      guint        count,
      Generator   *generator,
      GError     **error)
{
  g_autoptr(EcertCache) cache = ecert_cache_open (path, error);
  Generated *batch = g_new0 (Generated, BATCH);
  g_autoptr(GPtrArray) acknowledged = g_ptr_array_new_with_free_func (g_free);
  gint64 timed = 0;
  guint have;
  guint stored = 0;
  gboolean ok = TRUE;

  if (cache == NULL)
    return FALSE;

  have = count_rows (cache);
  if (have > 0)
    g_print (_("The cache already holds %u certificates; adding %u.\n"), have,
             count > have ? count - have : 0);

  /* The generator is replayed over what is already there, so a rerun
   * continues the same sequence (and has numbers to look up). A full cache
   * kept for another benchmark needs neither. */
  for (guint i = 0; i < have && (have < count || generator->measuring); i++)
    {
      Generated skipped = { 0 };

      generate (generator, i, &skipped);
      generated_clear (&skipped);
    }

  for (guint first = have; first < count && ok; first += BATCH)
    {
      guint size = MIN (BATCH, count - first);
      gint64 started;

      for (guint i = 0; i < size; i++)
        generate (generator, first + i, &batch[i]);

      started = g_get_monotonic_time ();
      ok = store_batch (cache, batch, size, acknowledged, error);
      timed += g_get_monotonic_time () - started;
      stored += size;

      for (guint i = 0; i < size; i++)
        generated_clear (&batch[i]);

      if ((first / BATCH) % 100 == 99)
        g_print (_("  %u stored, %.0f certificates/second so far\n"), first + size,
                 stored / (timed / (double) G_USEC_PER_SEC));
    }

  g_free (batch);
  if (ok && stored > 0)
    g_print (_("insert rate:                 %.0f certificates/second (%u stored in batches of "
               "%u, verdict and acknowledgement bookkeeping included)\n"),
             stored / (timed / (double) G_USEC_PER_SEC), stored, BATCH);
  return ok;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_latency (const char *label,
               GArray     *samples,
               double      target_ms,
               const char *detail)
{
  double median, p95;

  g_array_sort (samples, compare_doubles);
  median = g_array_index (samples, double, samples->len / 2);
  p95 = g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100));
  g_print (_("%-28s median %.3f ms, 95th percentile %.3f ms (target < %.0f ms; %u runs; %s)\n"),
           label, median, p95, target_ms, samples->len, detail);
}

/* An inspector types a number the way it sounds: lower case, spaces. */
static char *
as_typed (const char *number,
          guint       variant)
{
  g_autofree char *lower = g_utf8_strdown (number, -1);

  if (variant % 2 == 0)
    return g_strdup (number);
  g_strdelimit (lower, "-", ' ');
  return g_steal_pointer (&lower);
}

static const char * const fts_words[] = {
  "kiwifruit", "cherries", "orchards", "maersk", "ningbo", "durian", "avocados", "timber",
  "上海", "pacific", "soybeans", "glycine", "081050", "kowloon", "blueberries", "pistachios",
};

static gboolean
measure_queries (const char  *path,
                 Generator   *generator,
                 guint        runs,
                 GError     **error)
{
  g_autoptr(EcertCache) cache = ecert_cache_open (path, error);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260314);
  guint total = 0;

  if (cache == NULL)
    return FALSE;

  /* (a) exact number lookup, as typed */
  for (guint i = 0; i < runs * 5; i++)
    {
      const char *number = g_ptr_array_index (generator->sample_numbers,
                                              g_rand_int_range (rand, 0,
                                                                generator->sample_numbers->len));
      g_autofree char *typed = as_typed (number, i);
      g_autoptr(GPtrArray) rows = NULL;
      gint64 started = g_get_monotonic_time ();
      double ms;

      rows = ecert_cache_lookup_number (cache, typed, NULL, error);
      ms = elapsed_ms (started);
      if (rows == NULL)
        return FALSE;
      if (rows->len == 0)
        g_printerr ("ecert bench: %s was not found\n", typed);
      g_array_append_val (samples, ms);
    }
  print_latency (_("(a) exact number lookup:"), samples, 1,
                 _("numbers typed with spaces and in lower case half the time"));

  /* (b) one word, first 100 rows */
  for (guint order = 0; order < 2; order++)
    {
      g_array_set_size (samples, 0);
      for (guint i = 0; i < runs; i++)
        {
          g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
          g_autoptr(GPtrArray) rows = NULL;
          gint64 started;
          double ms;

          ecert_cache_query_set_text (query, fts_words[i % G_N_ELEMENTS (fts_words)]);
          ecert_cache_query_set_sort (query, order == 0 ? ECERT_CACHE_SORT_RECEIVED
                                                        : ECERT_CACHE_SORT_ISSUED);
          started = g_get_monotonic_time ();
          rows = ecert_cache_search (cache, query, 0, 100, NULL, error);
          ms = elapsed_ms (started);
          if (rows == NULL)
            return FALSE;
          g_array_append_val (samples, ms);
        }
      print_latency (order == 0 ? _("(b) one word, first 100:") : _("(b) same, by issue date:"),
                     samples, 50,
                     order == 0 ? _("newest received first, the list's default")
                                : _("sorted by date of issue"));
    }

  /* (c) a filtered, sorted page and (d) its count */
  for (guint part = 0; part < 3; part++)
    {
      g_array_set_size (samples, 0);
      for (guint i = 0; i < runs; i++)
        {
          g_autoptr(EcertCacheQuery) query = ecert_cache_query_new ();
          g_autoptr(GDate) from = g_date_new_dmy (1, g_rand_int_range (rand, 1, 13),
                                                 g_rand_int_range (rand, FIRST_ISSUE_YEAR,
                                                                   FIRST_ISSUE_YEAR + 3));
          g_autoptr(GDate) to = g_date_copy (from);
          g_autoptr(GPtrArray) rows = NULL;
          gint64 started;
          double ms;

          g_date_add_months (to, 6);
          ecert_cache_query_set_country (query, exporters[i % 8].code, NULL);
          ecert_cache_query_set_status (query, "issued", NULL);
          ecert_cache_query_set_issued_range (query, from, to);
          ecert_cache_query_set_sort (query, ECERT_CACHE_SORT_ISSUED);
          if (part == 2)
            ecert_cache_query_set_text (query, fts_words[i % G_N_ELEMENTS (fts_words)]);

          started = g_get_monotonic_time ();
          if (part == 0)
            rows = ecert_cache_search (cache, query, 0, 100, NULL, error);
          else if (!ecert_cache_count (cache, query, &total, NULL, error))
            return FALSE;
          ms = elapsed_ms (started);
          if (part == 0 && rows == NULL)
            return FALSE;
          g_array_append_val (samples, ms);
        }
      if (part == 0)
        print_latency (_("(c) filtered, sorted page:"), samples, 50,
                       _("one country, in force, six months of issue dates, newest first, "
                         "100 rows"));
      else if (part == 1)
        print_latency (_("(d) count of a query:"), samples, 100, _("the filters of (c)"));
      else
        print_latency (_("(d) count, words + filters:"), samples, 100,
                       _("one word and the filters of (c)"));
    }

  total = 0;
  /* What a jump of the scroll bar costs: a page anywhere in the whole
   * list, in the default order. */
  g_array_set_size (samples, 0);
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(EcertCacheQuery) all = ecert_cache_query_new ();
      g_autoptr(GPtrArray) rows = NULL;
      gint64 started;
      double ms;

      if (total == 0 && !ecert_cache_count (cache, all, &total, NULL, error))
        return FALSE;
      started = g_get_monotonic_time ();
      rows = ecert_cache_search (cache, all, g_rand_int_range (rand, 0, MAX (total, 1)), 100,
                                 NULL, error);
      ms = elapsed_ms (started);
      if (rows == NULL)
        return FALSE;
      g_array_append_val (samples, ms);
    }
  print_latency (_("(c) any page of everything:"), samples, 50,
                 _("100 rows at a random place in the whole list, newest first"));

  g_array_set_size (samples, 0);
  for (guint i = 0; i < MAX (runs / 10, 3); i++)
    {
      g_autoptr(EcertCacheQuery) all = ecert_cache_query_new ();
      gint64 started = g_get_monotonic_time ();
      double ms;

      if (!ecert_cache_count (cache, all, &total, NULL, error))
        return FALSE;
      ms = elapsed_ms (started);
      g_array_append_val (samples, ms);
    }
  print_latency (_("(d) count of everything:"), samples, 100, _("no filter"));
  return TRUE;
}

static guint
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  if (line == NULL)
    return 0;
  return (guint) g_ascii_strtoull (line + strlen (field), NULL, 10);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  g_main_loop_quit (user_data);
}

/* Runs in a process of its own: what the application would hold. */
static int
measure_memory (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertCache) cache = ecert_cache_open (path, &error);
  g_autoptr(EcertCacheListModel) model = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) distinct = g_hash_table_new (NULL, NULL);
  guint before, n_items;
  gint64 started;
  double count_ms;

  if (cache == NULL)
    {
      g_printerr ("ecert bench: %s\n", error->message);
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  before = status_kib ("VmRSS:");
  started = g_get_monotonic_time ();
  model = ecert_cache_list_model_new (cache, NULL);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), loop);
  g_main_loop_run (loop);
  count_ms = elapsed_ms (started);
  g_signal_handlers_disconnect_by_func (model, items_changed_cb, loop);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));

  /* What a scrolled view touches: the top, the middle, the end, and
   * twenty places in between, a screenful (40 rows) at each. */
  for (guint place = 0; place < 23 && n_items > 0; place++)
    {
      guint start = place == 0 ? 0 : place == 1 ? n_items / 2 : place == 2 ? n_items - 1
                                                            : (guint) ((guint64) n_items * place / 23);

      for (guint i = start; i < MIN (start + 40, n_items); i++)
        g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), i));
    }

  for (guint i = 0; i < held->len; i++)
    {
      while (!ecert_cache_row_get_loaded (g_ptr_array_index (held, i)))
        g_main_context_iteration (NULL, TRUE);
      g_hash_table_add (distinct, g_ptr_array_index (held, i));
    }

  g_print (_("list model:                  %u rows, counted in %.0f ms; %u rows read and held\n"),
           n_items, count_ms, g_hash_table_size (distinct));
  g_print (_("resident memory:             %.1f MB with the list model (%.1f MB after opening the "
             "cache; peak %.1f MB; target < 150 MB)\n"),
           status_kib ("VmRSS:") / 1024.0, before / 1024.0, status_kib ("VmHWM:") / 1024.0);
  return ECERT_EXIT_OK;
}

static gboolean
spawn_memory_measure (const char  *path,
                      GError     **error)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", error);
  const char *argv[] = { NULL, "bench", "cache", "--memory-only", "--cache", path, NULL };
  int wait_status;

  if (self_path == NULL)
    return FALSE;

  argv[0] = self_path;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                     NULL, &wait_status, error))
    return FALSE;
  return g_spawn_check_wait_status (wait_status, error);
}

static guint64
file_size (const char *path)
{
  GStatBuf info;

  return g_stat (path, &info) == 0 ? (guint64) info.st_size : 0;
}

int
ecert_cli_bench_cache (int    argc,
                       char **argv)
{
  /* The usage line names the sub-command: see name_program() in ecert-cli.c. */
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *wal = NULL;
  gboolean keep = FALSE;
  gboolean memory_only = FALSE;
  gboolean generate_only = FALSE;
  int count = 100000;
  int runs = 200;
  Generator generator = { 0 };
  guint64 size;
  int status = ECERT_EXIT_OK;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count,
      N_("How many certificates to store (default 100000)"), N_("N") },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_path,
      N_("Fill and keep this cache file; a second run continues it"), N_("FILE") },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, N_("How many times to time each query"), N_("N") },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, N_("Keep the temporary cache"), NULL },
    { "generate-only", 0, 0, G_OPTION_ARG_NONE, &generate_only,
      N_("Only fill the cache, for another benchmark; time no query"), NULL },
    { "memory-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &memory_only, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_set_summary (context,
                                _("Fill a cache with generated certificates and time the "
                                  "lookups, searches and counts an inspector's desk makes. "
                                  "Prints figures; it is not a test."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ecert_cli_parse_options (context, &argc, &argv))
    return ECERT_EXIT_USAGE_OR_INPUT;

  if (memory_only && cache_path != NULL)
    return measure_memory (cache_path);

  if (argc != 1 || count < 1 || runs < 1)
    {
      g_printerr (_("usage: ecert bench cache [--count N] [--cache FILE] [--runs N] [--keep] "
                    "[--generate-only]\n"));
      return ECERT_EXIT_USAGE_OR_INPUT;
    }

  if (cache_path == NULL)
    {
      directory = g_dir_make_tmp ("ecert-bench-XXXXXX", &error);
      if (directory == NULL)
        {
          g_printerr ("ecert bench: %s\n", error->message);
          return ECERT_EXIT_USAGE_OR_INPUT;
        }
      cache_path = g_build_filename (directory, "cache.sqlite3", NULL);
    }
  else
    keep = TRUE;

  /* A cache filled for another benchmark is of no use deleted. */
  if (generate_only)
    keep = TRUE;

  generator.rand = g_rand_new_with_seed (417);
  generator.total = (guint) count;
  generator.measuring = !generate_only;
  for (guint i = 0; i < G_N_ELEMENTS (exporters); i++)
    generator.exporter_total += exporters[i].weight;
  generator.serials = g_new0 (guint, G_N_ELEMENTS (exporters));
  generator.recent_numbers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (exporters); i++)
    g_ptr_array_add (generator.recent_numbers, g_ptr_array_new_with_free_func (g_free));
  generator.sample_numbers = g_ptr_array_new_with_free_func (g_free);

  g_print (_("cache:                       %s\n"), cache_path);
  if (!fill (cache_path, (guint) count, &generator, &error))
    {
      g_printerr ("ecert bench: %s\n", error->message);
      status = ECERT_EXIT_USAGE_OR_INPUT;
      goto out;
    }

  wal = g_strconcat (cache_path, "-wal", NULL);
  size = file_size (cache_path) + file_size (wal);
  g_print (_("database size:               %.1f MB, %.0f bytes per certificate (the document "
             "itself included)\n"),
           size / 1e6, size / (double) count);

  if (generate_only)
    goto out;

  if (!measure_queries (cache_path, &generator, (guint) runs, &error) ||
      !spawn_memory_measure (cache_path, &error))
    {
      g_printerr ("ecert bench: %s\n", error->message);
      status = ECERT_EXIT_USAGE_OR_INPUT;
    }

out:
  g_rand_free (generator.rand);
  g_free (generator.serials);
  g_ptr_array_unref (generator.recent_numbers);
  g_ptr_array_unref (generator.sample_numbers);

  if (!keep && directory != NULL)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };

      for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (cache_path, suffixes[i], NULL);
          g_unlink (file);
        }
      g_rmdir (directory);
    }
  return status;
}
