/* ecert-hub-seed.c: realistic certificates for a demonstration hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phytosanitary certificates as exporting NPPOs issue them: real
 * commodities with their scientific names and HS codes, shipped from real
 * ports on plausible vessels, with the treatments and additional
 * declarations trade in them calls for, signed with each NPPO's demo key.
 * Some are withdrawn later (a second envelope, status 40), some replaced
 * (a new certificate with ADRP notes naming the old), some arrive
 * unsigned, and a few are altered after signing, so that every verdict the
 * inspector's desk can give shows up.
 *
 * Each certificate is drawn from a seed of its own, so that a withdrawal or
 * a replacement can draw the very certificate it refers to again. The
 * certificates are data from other countries, in their words: none of
 * their text is translated.
 */

#define G_LOG_DOMAIN "ecert-hub-seed"

#include "config.h"

#include <glib/gi18n.h>

#include "ecert-hub-pki.h"
#include "ecert-hub-seed.h"

#define RSM_NS "urn:un:unece:uncefact:data:standard:SPSCertificate:17"
#define RAM_NS "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21"
#define UDT_NS "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21"

#define DATE_FORMAT "%Y-%m-%dT%H:%M:%S%:z"

typedef enum
{
  TREATMENT_NONE,
  TREATMENT_COLD,
  TREATMENT_METHYL_BROMIDE,
  TREATMENT_PHOSPHINE,
  TREATMENT_SULFURYL_FLUORIDE,
  TREATMENT_HEAT,
  TREATMENT_VAPOUR_HEAT,
  TREATMENT_HOT_WATER,
  TREATMENT_IRRADIATION,
  TREATMENT_FUNGICIDE_DIP,
  TREATMENT_SULPHUR_DIOXIDE,
} Treatment;

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
  Treatment   treatment;
  const char *declaration;
  const char *exporters;
} Commodity;

typedef struct
{
  const char *name;
  const char *street;
  const char *city;
} Party;

typedef struct
{
  const char *locode;
  const char *name;
} Port;

typedef struct
{
  const char *country;
  int         utc_offset_minutes;
  const char *language;         /* a second language its NPPO writes in */
  const char *airline;
  const char *places[3];        /* where certificates are issued */
  Port        ports[3];
  Party       consignors[3];
  const char *inspectors[3];
} Exporter;

typedef struct
{
  const char *country;
  Port        ports[4];
  Port        airport;
  Party       consignees[4];
} Importer;

static const Commodity commodities[] = {
  { "Kiwifruit", "Actinidia chinensis var. deliciosa", "081050", "Kiwifruit, fresh",
    "Fresh kiwifruit", "Consumption", "CT", 8, 22, 3.6, 1, TREATMENT_NONE,
    "The consignment was inspected and found free from Pseudomonas syringae pv. actinidiae.",
    "NZ CL" },
  { "Apples", "Malus domestica", "080810", "Apples, fresh", "Fresh apples", "Consumption", "CT",
    10, 24, 18, 1, TREATMENT_COLD,
    "The apples were produced under an officially approved systems approach for Cydia pomonella.",
    "NZ CL US ZA" },
  { "Pears", "Pyrus communis", "080830", "Pears, fresh", "Fresh pears", "Consumption", "CT", 10, 22,
    18, 1, TREATMENT_COLD,
    "The consignment is free from Cydia pomonella and Grapholita molesta.", "AR ZA CL" },
  { "Cherries", "Prunus avium", "080929", "Cherries, fresh", "Fresh sweet cherries",
    "Consumption", "CT", 2, 9, 5, 4, TREATMENT_NONE,
    "The fruit was produced in a pest free area for Rhagoletis pomonella.", "CL US NZ AU" },
  { "Table grapes", "Vitis vinifera", "080610", "Grapes, fresh", "Fresh table grapes",
    "Consumption", "CT", 12, 20, 8.2, 1, TREATMENT_SULPHUR_DIOXIDE,
    "The consignment is free from Brevipalpus chilensis.", "CL PE ZA AU" },
  { "Oranges", "Citrus sinensis", "080510", "Oranges, fresh", "Fresh navel oranges",
    "Consumption", "CT", 18, 26, 15, 1, TREATMENT_COLD,
    "The fruit comes from places of production free from Phyllosticta citricarpa.",
    "ZA EG ES AU US" },
  { "Mandarins", "Citrus reticulata", "080521", "Mandarins, fresh", "Fresh mandarins",
    "Consumption", "CT", 15, 24, 10, 1, TREATMENT_COLD,
    "The fruit was cold treated in transit against Ceratitis capitata.", "ZA ES PE" },
  { "Lemons", "Citrus limon", "080550", "Lemons, fresh", "Fresh lemons", "Consumption", "CT",
    18, 25, 17, 1, TREATMENT_FUNGICIDE_DIP,
    "The consignment is free from Elsinoe fawcettii.", "AR ES ZA" },
  { "Avocados", "Persea americana", "080440", "Avocados, fresh", "Fresh Hass avocados",
    "Consumption", "CT", 14, 22, 4, 1, TREATMENT_NONE,
    "The fruit was produced in places of production free from Stenoma catenifer.",
    "PE KE MX NZ CL" },
  { "Blueberries", "Vaccinium corymbosum", "081040", "Blueberries, fresh", "Fresh blueberries",
    "Consumption", "CT", 3, 12, 1.5, 4, TREATMENT_METHYL_BROMIDE,
    "The consignment was fumigated with methyl bromide against Lobesia botrana.", "PE CL" },
  { "Durian", "Durio zibethinus", "081060", "Durians, fresh", "Fresh durian (Monthong)",
    "Consumption", "CT", 12, 20, 16, 1, TREATMENT_NONE,
    "The fruit was inspected and found free from Mudaria luteileprosa.", "TH VN" },
  { "Mangoes", "Mangifera indica", "080450", "Mangoes, fresh", "Fresh mangoes", "Consumption",
    "CT", 6, 18, 4, 1, TREATMENT_VAPOUR_HEAT,
    "The fruit received vapour heat treatment against Bactrocera dorsalis.", "TH IN PE MX" },
  { "Dragon fruit", "Selenicereus undatus", "081090", "Other fruit, fresh", "Fresh dragon fruit",
    "Consumption", "CT", 10, 20, 11, 1, TREATMENT_NONE,
    "The consignment is free from Dysmicoccus neobrevipes.", "VN" },
  { "Longan", "Dimocarpus longan", "081090", "Other fruit, fresh", "Fresh longan",
    "Consumption", "BK", 10, 18, 11, 1, TREATMENT_SULPHUR_DIOXIDE,
    "The fruit was fumigated with sulphur dioxide under official supervision.", "TH VN" },
  { "Soybeans", "Glycine max", "120190", "Soya beans", "Soybeans in bulk", "Processing", "VR",
    30000, 66000, 0, 1, TREATMENT_NONE,
    "The consignment is free from Ambrosia trifida and Cuscuta spp. seeds.", "BR US AR" },
  { "Wheat", "Triticum aestivum", "100199", "Wheat", "Milling wheat in bulk", "Processing", "VR",
    25000, 60000, 0, 1, TREATMENT_NONE,
    "The wheat was grown in an area free from Tilletia indica.", "CA AU US" },
  { "Barley", "Hordeum vulgare", "100390", "Barley", "Malting barley in bulk", "Processing", "VR",
    20000, 55000, 0, 1, TREATMENT_NONE,
    "The consignment is free from Tilletia controversa.", "AU CA AR" },
  { "Maize", "Zea mays", "100590", "Maize (corn)", "Yellow maize in bulk", "Processing", "VR",
    30000, 65000, 0, 1, TREATMENT_PHOSPHINE,
    "The consignment is free from Peronosclerospora maydis.", "US BR AR" },
  { "Rapeseed", "Brassica napus", "120510", "Low erucic acid rape seeds", "Canola seed in bulk",
    "Processing", "VR", 30000, 60000, 0, 1, TREATMENT_NONE,
    "The consignment is free from Leptosphaeria maculans.", "CA AU" },
  { "Radiata pine logs", "Pinus radiata", "440320", "Coniferous wood in the rough",
    "Debarked radiata pine logs", "Processing", "LG", 2000, 4000, 0, 1,
    TREATMENT_METHYL_BROMIDE,
    "The logs were debarked and fumigated with methyl bromide before shipment.", "NZ AU CL" },
  { "Douglas fir timber", "Pseudotsuga menziesii", "440711", "Coniferous wood, sawn",
    "Kiln-dried sawn Douglas fir", "Processing", "BE", 60, 200, 1200, 1, TREATMENT_HEAT,
    "The timber was heat treated to a core temperature of 56 °C for 30 minutes.", "CA US" },
  { "Cut roses", "Rosa hybrida", "060311", "Roses, cut flowers", "Fresh cut roses",
    "Decorative use", "BX", 0.5, 3, 12, 4, TREATMENT_NONE,
    "The flowers are free from Thrips palmi and Spodoptera littoralis.", "KE" },
  { "Tulip bulbs", "Tulipa gesneriana", "060110", "Bulbs, dormant", "Tulip bulbs, dormant",
    "Planting", "CT", 2, 10, 20, 1, TREATMENT_NONE,
    "The bulbs are free from Ditylenchus dipsaci.", "NL" },
  { "Seed potatoes", "Solanum tuberosum", "070110", "Seed potatoes",
    "Certified seed potatoes", "Planting", "BG", 15, 25, 1000, 1, TREATMENT_NONE,
    "The potatoes were grown in fields free from Globodera rostochiensis and Globodera pallida.",
    "NL CA" },
  { "Rice", "Oryza sativa", "100630", "Semi-milled or wholly milled rice", "Milled jasmine rice",
    "Consumption", "BG", 20, 25, 25, 1, TREATMENT_PHOSPHINE,
    "The consignment is free from Trogoderma granarium.", "VN TH IN" },
  { "Almonds", "Prunus dulcis", "080212", "Almonds, shelled", "Shelled almonds", "Consumption",
    "CT", 18, 20, 22.68, 1, TREATMENT_NONE,
    "The consignment is free from Trogoderma granarium.", "US AU" },
  { "Walnuts", "Juglans regia", "080232", "Walnuts, shelled", "Walnut kernels", "Consumption",
    "CT", 10, 18, 10, 1, TREATMENT_SULFURYL_FLUORIDE,
    "The walnuts were fumigated against Cydia pomonella and Amyelois transitella.", "US CL" },
  { "Macadamia nuts", "Macadamia integrifolia", "080262", "Macadamia nuts, shelled",
    "Macadamia kernels", "Consumption", "CT", 8, 16, 11.34, 1, TREATMENT_NONE,
    "The consignment is free from soil and Cryptophlebia ombrodelta.", "AU ZA KE" },
  { "Green coffee", "Coffea arabica", "090111", "Coffee, not roasted", "Green coffee beans",
    "Processing", "BG", 17, 20, 60, 1, TREATMENT_NONE,
    "The consignment is free from Hypothenemus hampei.", "BR PE KE" },
  { "Onions", "Allium cepa", "070310", "Onions, fresh", "Fresh brown onions", "Consumption", "BG",
    20, 26, 20, 1, TREATMENT_NONE,
    "The consignment is free from soil and Ditylenchus dipsaci.", "NZ NL EG" },
  { "Bananas", "Musa acuminata", "080390", "Bananas, fresh", "Fresh Cavendish bananas",
    "Consumption", "CT", 18, 22, 13, 1, TREATMENT_NONE,
    "The consignment is free from Fusarium oxysporum f. sp. cubense tropical race 4.", "VN PE MX" },
  { "Chilli", "Capsicum annuum", "090421", "Capsicum, dried", "Dried red chilli",
    "Consumption", "BG", 8, 16, 25, 1, TREATMENT_IRRADIATION,
    "The consignment was irradiated at a minimum absorbed dose of 400 Gy.", "IN" },
};

static const Exporter exporters[] = {
  { "AR", -180, "es", "AR", { "Buenos Aires", "Rosario", "Neuquén" },
    { { "ARBUE", "Buenos Aires" }, { "ARROS", "Rosario" }, { "ARSAE", "San Antonio Este" } },
    { { "Frutícola del Valle S.A.", "Ruta 22 km 1180", "Cipolletti" },
      { "Agroexport Pampa S.A.", "Av. Corrientes 1234", "Buenos Aires" },
      { "Citrus Tucumán S.R.L.", "Ruta 9 km 1298", "San Miguel de Tucumán" } },
    { "Martín Gómez", "Lucía Fernández", "Santiago Ruiz" } },
  { "AU", 660, NULL, "QF", { "Melbourne", "Sydney", "Fremantle" },
    { { "AUMEL", "Melbourne" }, { "AUSYD", "Sydney" }, { "AUFRE", "Fremantle" } },
    { { "Murray Valley Citrus Pty Ltd", "14 River Road", "Mildura VIC" },
      { "Golden Grain Exports Pty Ltd", "2 Wharf Street", "Geelong VIC" },
      { "Southern Forest Products Pty Ltd", "88 Port Road", "Bell Bay TAS" } },
    { "Olivia Nguyen", "Jack Wilson", "Charlotte Brown" } },
  { "BR", -180, "pt", "LA", { "Santos", "Paranaguá", "Rio Grande" },
    { { "BRSSZ", "Santos" }, { "BRPNG", "Paranaguá" }, { "BRRIG", "Rio Grande" } },
    { { "Grãos do Cerrado Ltda.", "Rodovia BR-163 km 12", "Sorriso" },
      { "Café Mantiqueira Exportadora Ltda.", "Rua das Palmeiras 45", "Varginha" },
      { "Agro Sul Comércio S.A.", "Av. Brasil 2000", "Cascavel" } },
    { "Ana Souza", "Rafael Oliveira", "Beatriz Lima" } },
  { "CA", -480, "fr", "AC", { "Vancouver", "Montréal", "Winnipeg" },
    { { "CAVAN", "Vancouver" }, { "CAMTR", "Montréal" }, { "CAPRR", "Prince Rupert" } },
    { { "Prairie Grain Marketing Inc.", "201 Portage Avenue", "Winnipeg MB" },
      { "Coastal Timber Products Ltd.", "1500 Marine Drive", "North Vancouver BC" },
      { "Island Seed Potatoes Co-op", "45 Kensington Road", "Charlottetown PE" } },
    { "Emily Tremblay", "Liam Roy", "Noah MacDonald" } },
  { "CL", -180, "es", "LA", { "Valparaíso", "San Antonio", "Santiago" },
    { { "CLVAP", "Valparaíso" }, { "CLSAI", "San Antonio" }, { "CLSCL", "Santiago" } },
    { { "Frutícola Los Andes S.A.", "Camino Real 455", "Rancagua" },
      { "Exportadora Cerezas del Sur Ltda.", "Ruta 5 Sur km 215", "Curicó" },
      { "Agrícola Valle Central S.A.", "Av. Providencia 2100", "Santiago" } },
    { "Camila Rojas", "Matías Muñoz", "Valentina Soto" } },
  { "EG", 120, "ar", "MS", { "Alexandria", "Port Said", "Cairo" },
    { { "EGALY", "Alexandria" }, { "EGPSD", "Port Said" }, { "EGDAM", "Damietta" } },
    { { "Nile Citrus Export Co.", "12 El Horreya Road", "Alexandria" },
      { "Delta Agricultural Trading S.A.E.", "5 Tahrir Street", "Tanta" },
      { "Sinai Onion Packers", "Industrial Zone 3", "Ismailia" } },
    { "Omar Hassan", "Mona Ibrahim", "Youssef Ali" } },
  { "ES", 60, "es", "IB", { "Valencia", "Algeciras", "Almería" },
    { { "ESVLC", "Valencia" }, { "ESALG", "Algeciras" }, { "ESALM", "Almería" } },
    { { "Cítricos del Turia S.L.", "Camí Reial 17", "Alzira" },
      { "Agrios Andaluces S.A.", "Polígono El Trocadero 3", "Huelva" },
      { "Frutas Levante S.L.", "Avenida del Puerto 220", "Valencia" } },
    { "Lucía García", "Javier Martínez", "Carmen López" } },
  { "IN", 330, "hi", "AI", { "Mumbai", "Chennai", "Kolkata" },
    { { "INNSA", "Nhava Sheva" }, { "INMAA", "Chennai" }, { "INCCU", "Kolkata" } },
    { { "Konkan Fresh Exports Pvt. Ltd.", "Plot 14, MIDC", "Ratnagiri" },
      { "Guntur Spice Traders", "Mirchi Yard Road", "Guntur" },
      { "Sona Rice Mills Pvt. Ltd.", "GT Road", "Karnal" } },
    { "Priya Sharma", "Arjun Patel", "Lakshmi Iyer" } },
  { "KE", 180, "sw", "KQ", { "Nairobi", "Mombasa", "Naivasha" },
    { { "KENBO", "Nairobi" }, { "KEMBA", "Mombasa" }, { "KENBO", "Nairobi" } },
    { { "Rift Valley Roses Ltd", "Moi South Lake Road", "Naivasha" },
      { "Mount Kenya Avocado Growers", "Kenyatta Highway", "Murang'a" },
      { "Kiambu Coffee Millers Ltd", "Thika Road", "Ruiru" } },
    { "Wanjiku Mwangi", "Otieno Odhiambo", "Achieng Njeri" } },
  { "MX", -360, "es", "AM", { "Manzanillo", "Veracruz", "Uruapan" },
    { { "MXZLO", "Manzanillo" }, { "MXVER", "Veracruz" }, { "MXLZC", "Lázaro Cárdenas" } },
    { { "Aguacates de Michoacán S.A. de C.V.", "Carretera Uruapan km 4", "Uruapan" },
      { "Mangos del Pacífico S.A.", "Blvd. Costero 300", "Mazatlán" },
      { "Frutas Tropicales del Golfo", "Av. Ignacio Allende 12", "Veracruz" } },
    { "José Hernández", "María Pérez", "Luis Ramírez" } },
  { "NL", 60, "nl", "KL", { "Rotterdam", "Amsterdam", "Lisse" },
    { { "NLRTM", "Rotterdam" }, { "NLAMS", "Amsterdam" }, { "NLRTM", "Rotterdam" } },
    { { "Bollenkwekerij De Tulp B.V.", "Heereweg 120", "Lisse" },
      { "Holland Seed Potato Export B.V.", "Marknesserweg 8", "Emmeloord" },
      { "Rotterdam Fresh Logistics B.V.", "Maasvlakteweg 2", "Rotterdam" } },
    { "Daan de Vries", "Sanne Jansen", "Pieter Bakker" } },
  { "NZ", 780, NULL, "NZ", { "Auckland", "Tauranga", "Napier" },
    { { "NZTRG", "Tauranga" }, { "NZAKL", "Auckland" }, { "NZNPE", "Napier" } },
    { { "Kiwi Orchards Ltd", "12 Orchard Road, Te Puke", "Tauranga" },
      { "Hawke's Bay Apple Exporters Ltd", "301 Pakowhai Road", "Hastings" },
      { "Central North Island Forests Ltd", "7 Mill Road", "Kawerau" } },
    { "Aroha Ngata", "James Taylor", "Mere Parata" } },
  { "PE", -300, "es", "LA", { "Callao", "Paita", "Ica" },
    { { "PECLL", "Callao" }, { "PEPAI", "Paita" }, { "PECLL", "Callao" } },
    { { "Agrícola Chavín de Huántar S.A.", "Panamericana Norte km 512", "Trujillo" },
      { "Camposol S.A.", "Av. El Derby 250", "Lima" },
      { "Frutos del Norte S.A.C.", "Carretera Piura–Sullana km 7", "Piura" } },
    { "Rosa Quispe", "Carlos Mendoza", "Elena Huamán" } },
  { "TH", 420, "th", "TG", { "Bangkok", "Laem Chabang", "Chanthaburi" },
    { { "THLCH", "Laem Chabang" }, { "THBKK", "Bangkok" }, { "THLCH", "Laem Chabang" } },
    { { "Chanthaburi Durian Export Co., Ltd.", "99 Moo 4, Tha Mai", "Chanthaburi" },
      { "Siam Tropical Fruits Co., Ltd.", "55 Rama IV Road", "Bangkok" },
      { "Golden Jasmine Rice Mill Co., Ltd.", "8 Moo 2", "Ubon Ratchathani" } },
    { "Somchai Wongsakul", "Nattaya Srisuk", "Anan Boonmee" } },
  { "US", -480, NULL, "UA", { "Los Angeles", "Seattle", "Savannah" },
    { { "USLAX", "Los Angeles" }, { "USSEA", "Seattle" }, { "USSAV", "Savannah" } },
    { { "Central Valley Nut Growers Inc.", "1200 Almond Avenue", "Modesto, CA" },
      { "Columbia River Orchards LLC", "45 Fruit Loop Road", "Wenatchee, WA" },
      { "Midwest Grain Partners LLC", "3 Elevator Street", "Des Moines, IA" } },
    { "Emily Johnson", "Michael Smith", "Sarah Davis" } },
  { "VN", 420, "vi", "VN", { "Ho Chi Minh City", "Hai Phong", "Can Tho" },
    { { "VNSGN", "Ho Chi Minh City" }, { "VNHPH", "Hai Phong" }, { "VNCMT", "Cai Mep" } },
    { { "Mekong Dragon Fruit Co., Ltd.", "12 Ham Tu Street", "Binh Thuan" },
      { "Saigon Rice Export JSC", "68 Nguyen Hue", "Ho Chi Minh City" },
      { "Tien Giang Fruit Export JSC", "Highway 1A", "My Tho" } },
    { "Nguyen Van An", "Tran Thi Bich", "Le Minh Tuan" } },
  { "ZA", 120, "af", "SA", { "Cape Town", "Durban", "Port Elizabeth" },
    { { "ZACPT", "Cape Town" }, { "ZADUR", "Durban" }, { "ZAPLZ", "Port Elizabeth" } },
    { { "Sundays River Citrus Company", "R336 Kirkwood Road", "Kirkwood" },
      { "Ceres Fruit Growers (Pty) Ltd", "1 Vos Street", "Ceres" },
      { "Limpopo Macadamia Processors", "Main Road", "Levubu" } },
    { "Thandiwe Nkosi", "Pieter van der Merwe", "Sipho Dlamini" } },
};

static const Importer importers[] = {
  { ECERT_HUB_DEMO_IMPORTER,
    { { "CNSHA", "Shanghai" }, { "CNNGB", "Ningbo" }, { "CNYTN", "Yantian, Shenzhen" },
      { "CNTAO", "Qingdao" } },
    { "CNPVG", "Shanghai Pudong International Airport" },
    { { "上海鲜果进出口有限公司", "浦东新区外高桥保税区华京路 88 号", "上海" },
      { "深圳市百果园实业发展有限公司", "福田区深南大道 6008 号", "深圳" },
      { "中粮贸易有限公司", "东城区建国门内大街 8 号", "北京" },
      { "宁波花卉园艺进出口有限公司", "鄞州区天童南路 555 号", "宁波" } } },
  { "NZ", { { "NZAKL", "Auckland" }, { "NZLYT", "Lyttelton" }, { "NZAKL", "Auckland" },
            { "NZTRG", "Tauranga" } },
    { "NZAKL", "Auckland Airport" },
    { { "Fresh Direct Ltd", "15 Ports of Auckland Road", "Auckland" },
      { "Southern Produce Importers", "3 Harbour Quay", "Christchurch" },
      { "Fresh Direct Ltd", "15 Ports of Auckland Road", "Auckland" },
      { "Bay Imports Ltd", "9 Hewletts Road", "Mount Maunganui" } } },
  { "US", { { "USLAX", "Los Angeles" }, { "USNYC", "New York" }, { "USSEA", "Seattle" },
            { "USMIA", "Miami" } },
    { "USLAX", "Los Angeles International Airport" },
    { { "Pacific Produce Importers Inc.", "900 Terminal Way", "Los Angeles, CA" },
      { "Atlantic Fresh LLC", "20 Hunts Point Avenue", "Bronx, NY" },
      { "Northwest Food Brokers Inc.", "88 Alaskan Way", "Seattle, WA" },
      { "Tropical Imports Corp.", "1500 NW 25th Street", "Miami, FL" } } },
  { "NL", { { "NLRTM", "Rotterdam" }, { "NLAMS", "Amsterdam" }, { "NLVLI", "Vlissingen" },
            { "NLRTM", "Rotterdam" } },
    { "NLAMS", "Amsterdam Schiphol Airport" },
    { { "Holland Fresh Group B.V.", "Spoorhaven 12", "Rotterdam" },
      { "Schiphol Fruit Handling B.V.", "Anchoragelaan 4", "Schiphol" },
      { "Zeeland Cold Stores B.V.", "Havenweg 3", "Vlissingen" },
      { "Holland Fresh Group B.V.", "Spoorhaven 12", "Rotterdam" } } },
  { "AU", { { "AUSYD", "Sydney" }, { "AUMEL", "Melbourne" }, { "AUBNE", "Brisbane" },
            { "AUSYD", "Sydney" } },
    { "AUSYD", "Sydney Kingsford Smith Airport" },
    { { "Harbour Imports Pty Ltd", "1 Botany Road", "Sydney NSW" },
      { "Yarra Fresh Traders Pty Ltd", "50 Footscray Road", "Melbourne VIC" },
      { "Moreton Bay Produce Pty Ltd", "12 Port Drive", "Brisbane QLD" },
      { "Harbour Imports Pty Ltd", "1 Botany Road", "Sydney NSW" } } },
};

static const char * const vessels[] = {
  "Maersk Kowloon", "CMA CGM Libra", "MSC Gülsün", "COSCO Shipping Aries", "ONE Apus",
  "Hapag-Lloyd Berlin Express", "Cap San Nicolas", "Santa Clara", "Rio Grande Express",
  "Kota Pelangi", "OOCL Hong Kong", "Yang Ming Wellness", "HMM Algeciras", "Seaspan Jakarta",
  "Maersk Sentosa", "Ever Lambent", "Northern Jasper", "Star Kirkenes",
};

static const char * const bulk_carriers[] = {
  "Pacific Harmony", "Ocean Wisdom", "Great Plains", "Golden Harvest", "Cape Orchid",
  "Nord Shanghai",
};

static const char * const replacement_reasons[] = {
  "Wrong vessel name",
  "Net weight corrected after final weighing",
  "Consignee address corrected",
};

static const char container_owners[][5] = { "MSKU", "CMAU", "MSCU", "CSNU", "ONEU", "HLXU",
                                            "TCLU", "OOLU", "SEGU", "TGHU" };

/* A 40×40 PNG of an official stamp, for the scanned permits. */
static const char stamp_png_base64[] =
  "iVBORw0KGgoAAAANSUhEUgAAACgAAAAoCAIAAAADnC86AAAArklEQVR42u3YwQ2AIAwF0D+JZ/eP"
  "4zCEG8jVxLa2FfIFNRwhj6KxLThID4aBt2UVRy9Y89I7QEMyxCNKNplswelX6FyI6OK9FHFEbdiq"
  "h/Tw97A420OKvGGrcFrVbAu+bjCnnm0taBjhPlFFW4ZbHbLzwNEvXDtoNtxJNewXw7ns9MMjwZN+"
  "1d/7czGTBC0tMgsBWunDLPZo5S2zoGe2MMymjdmmkhtz8lXEPLc+FdFtHlbkBWFxAAAAAElFTkSu"
  "QmCC";

typedef enum
{
  VARIANT_ORIGINAL,
  VARIANT_WITHDRAWAL,
  VARIANT_REPLACEMENT,
} Variant;

/* What a withdrawal or a replacement needs to draw a certificate again. */
typedef struct
{
  guint32         seed;
  const Exporter *exporter;
  const Importer *importer;
  char           *id;
  GDateTime      *issued;
  gboolean        followed;     /* already withdrawn or replaced */
} Original;

typedef struct
{
  const char          *directory;
  EcertHubStore       *store;
  GRand               *rand;
  GHashTable          *signers;     /* country → EcertSigningKey */
  GHashTable          *serials;     /* country → next certificate serial */
  GPtrArray           *originals;   /* Original */
  GDateTime           *now;
  EcertHubSeedSummary *summary;
} Seeder;

/* What was written that a tamperer may change. */
typedef struct
{
  char *net_weight;
} Written;

static void
written_clear (Written *written)
{
  g_clear_pointer (&written->net_weight, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Written, written_clear)

static void
original_free (Original *original)
{
  g_free (original->id);
  g_date_time_unref (original->issued);
  g_free (original);
}

static const char *
pick (GRand              *rand,
      const char * const *items,
      guint               count)
{
  return items[g_rand_int_range (rand, 0, (gint32) count)];
}

static gboolean
chance (GRand  *rand,
        double  probability)
{
  return g_rand_double (rand) < probability;
}

/* XML writing */

static void
indent (GString *xml,
        guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (xml, "  ");
}

static void
open_element (GString    *xml,
              guint       depth,
              const char *name)
{
  indent (xml, depth);
  g_string_append_printf (xml, "<%s>\n", name);
}

static void
close_element (GString    *xml,
               guint       depth,
               const char *name)
{
  indent (xml, depth);
  g_string_append_printf (xml, "</%s>\n", name);
}

static void
text_element (GString    *xml,
              guint       depth,
              const char *name,
              const char *attribute,
              const char *value,
              const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  indent (xml, depth);
  if (attribute != NULL && value != NULL)
    {
      g_autofree char *escaped_value = g_markup_escape_text (value, -1);

      g_string_append_printf (xml, "<%s %s=\"%s\">%s</%s>\n", name, attribute, escaped_value,
                              escaped, name);
    }
  else
    {
      g_string_append_printf (xml, "<%s>%s</%s>\n", name, escaped, name);
    }
}

static void
date_element (GString    *xml,
              guint       depth,
              const char *name,
              GDateTime  *when)
{
  g_autofree char *text = g_date_time_format (when, DATE_FORMAT);

  indent (xml, depth);
  g_string_append_printf (xml, "<%s><udt:DateTimeString>%s</udt:DateTimeString></%s>\n", name,
                          text, name);
}

/* Numbers are written the same whatever the locale. */
static char *
number_text (double value,
             guint  decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static void
measure_element (GString    *xml,
                 guint       depth,
                 const char *name,
                 const char *unit,
                 double      value,
                 guint       decimals)
{
  g_autofree char *text = number_text (value, decimals);

  text_element (xml, depth, name, "unitCode", unit, text);
}

static void
note (GString    *xml,
      const char *subject,
      const char *language,
      const char *content)
{
  open_element (xml, 2, "ram:IncludedSPSNote");
  text_element (xml, 3, "ram:Subject", NULL, NULL, subject);
  text_element (xml, 3, "ram:Content", language != NULL ? "languageID" : NULL, language, content);
  close_element (xml, 2, "ram:IncludedSPSNote");
}

/* ISO 6346: the check digit that ends a container number. */
static char *
container_number (GRand *rand)
{
  /* A = 10 onwards, skipping the multiples of 11. */
  static const guint8 letter_values[26] = { 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24,
                                            25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38 };
  const char *owner = container_owners[g_rand_int_range (rand, 0, G_N_ELEMENTS (container_owners))];
  guint serial = (guint) g_rand_int_range (rand, 100000, 999999);
  g_autofree char *body = g_strdup_printf ("%s%06u", owner, serial);
  guint sum = 0;

  for (guint i = 0; i < 10; i++)
    {
      guint value = g_ascii_isdigit (body[i]) ? (guint) (body[i] - '0')
                                              : letter_values[body[i] - 'A'];

      sum += value << i;
    }

  return g_strdup_printf ("%s%u", body, (sum % 11) % 10);
}

/* A one-page PDF, with the offsets its cross-reference table needs. */
static GBytes *
make_pdf (const char *title,
          const char *line)
{
  GString *pdf = g_string_new ("%PDF-1.4\n");
  g_autofree char *stream = g_strdup_printf ("BT /F1 18 Tf 72 770 Td (%s) Tj /F1 11 Tf 0 -30 Td "
                                             "(%s) Tj ET\n", title, line);
  char *objects[5];
  gsize offsets[5];
  gsize xref;

  objects[0] = g_strdup ("<< /Type /Catalog /Pages 2 0 R >>");
  objects[1] = g_strdup ("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  objects[2] = g_strdup ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                         "/Resources << /Font << /F1 5 0 R >> >> >>");
  objects[3] = g_strdup_printf ("<< /Length %zu >>\nstream\n%sendstream", strlen (stream), stream);
  objects[4] = g_strdup ("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

  for (guint i = 0; i < 5; i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
      g_free (objects[i]);
    }

  xref = pdf->len;
  g_string_append (pdf, "xref\n0 6\n0000000000 65535 f \n");
  for (guint i = 0; i < 5; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          xref);

  return g_string_free_to_bytes (pdf);
}

static void
write_attachment (GString        *xml,
                  GRand          *rand,
                  const Original *original,
                  const char     *permit)
{
  guint kind = (guint) g_rand_int_range (rand, 0, 3);
  g_autofree char *base64 = NULL;
  const char *filename;
  const char *information;

  open_element (xml, 2, "ram:ReferenceSPSReferencedDocument");
  date_element (xml, 3, "ram:IssueDateTime", original->issued);
  text_element (xml, 3, "ram:TypeCode", NULL, NULL, "916");
  text_element (xml, 3, "ram:RelationshipTypeCode", NULL, NULL, "AAG");
  text_element (xml, 3, "ram:ID", NULL, NULL, permit);

  if (kind == 0)
    {
      filename = "import-permit.png";
      information = "Import permit (scanned)";
      base64 = g_strdup (stamp_png_base64);
    }
  else if (kind == 1)
    {
      g_autofree char *line = g_strdup_printf ("Sample for certificate %s: no quarantine pests "
                                               "detected.", original->id);
      g_autoptr(GBytes) pdf = make_pdf ("Laboratory report", line);

      filename = "laboratory-report.pdf";
      information = "Laboratory report";
      base64 = g_base64_encode (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("Treatment record for certificate %s\n"
                                               "Chamber 3, operator licence %u\n"
                                               "Readings within the schedule throughout.\n",
                                               original->id,
                                               (guint) g_rand_int_range (rand, 1000, 9999));

      filename = "treatment-record.txt";
      information = "Treatment record";
      base64 = g_base64_encode ((const guchar *) text, strlen (text));
    }

  indent (xml, 3);
  /* No mimeCode: the hub's schema does not have it, and readers sniff the
   * content anyway. */
  g_string_append_printf (xml, "<ram:AttachmentBinaryObject filename=\"%s\">%s"
                          "</ram:AttachmentBinaryObject>\n", filename, base64);
  text_element (xml, 3, "ram:Information", "languageID", "en", information);
  close_element (xml, 2, "ram:ReferenceSPSReferencedDocument");
}

static void
write_treatment (GString         *xml,
                 GRand           *rand,
                 const Commodity *commodity,
                 GDateTime       *issued)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  const char *code = NULL;
  const char *duration_unit = "HUR";
  double duration = 0;
  const char *characteristic = NULL;
  const char *unit = NULL;
  double value = 0;
  guint decimals = 1;

  switch (commodity->treatment)
    {
    case TREATMENT_COLD:
      code = "CT", duration_unit = "DAY", duration = g_rand_int_range (rand, 14, 23);
      characteristic = "Pulp temperature", unit = "CEL", value = 0.5 + g_rand_int_range (rand, 0, 13) / 10.0;
      break;
    case TREATMENT_METHYL_BROMIDE:
      code = "FUM-MB", duration = g_rand_int_range (rand, 2, 25);
      characteristic = "Dosage of methyl bromide", unit = "GM3", value = g_rand_int_range (rand, 32, 81);
      decimals = 0;
      break;
    case TREATMENT_PHOSPHINE:
      code = "FUM-PH", duration_unit = "DAY", duration = g_rand_int_range (rand, 5, 11);
      characteristic = "Dosage of phosphine", unit = "GM3", value = g_rand_int_range (rand, 1, 4);
      decimals = 0;
      break;
    case TREATMENT_SULFURYL_FLUORIDE:
      code = "FUM-SF", duration = 24;
      characteristic = "Dosage of sulfuryl fluoride", unit = "GM3", value = g_rand_int_range (rand, 40, 97);
      decimals = 0;
      break;
    case TREATMENT_HEAT:
      code = "HT", duration_unit = "MIN", duration = 30;
      characteristic = "Core temperature", unit = "CEL", value = 56;
      break;
    case TREATMENT_VAPOUR_HEAT:
      code = "VHT", duration_unit = "MIN", duration = g_rand_int_range (rand, 10, 21);
      characteristic = "Pulp temperature", unit = "CEL", value = 46.5 + g_rand_int_range (rand, 0, 6) / 10.0;
      break;
    case TREATMENT_HOT_WATER:
      code = "HWT", duration_unit = "MIN", duration = g_rand_int_range (rand, 65, 91);
      characteristic = "Water temperature", unit = "CEL", value = 46.1;
      break;
    case TREATMENT_IRRADIATION:
      code = "IRR", duration_unit = "MIN", duration = g_rand_int_range (rand, 20, 60);
      characteristic = "Minimum absorbed dose", unit = "D41", value = 400;
      decimals = 0;
      break;
    case TREATMENT_FUNGICIDE_DIP:
      code = "DIP", duration_unit = "MIN", duration = 1;
      characteristic = "Imazalil concentration (mg/l)", unit = NULL, value = 500;
      break;
    case TREATMENT_SULPHUR_DIOXIDE:
      code = "SO2", duration_unit = "DAY", duration = g_rand_int_range (rand, 20, 40);
      characteristic = "Sulphur dioxide generating pads", unit = NULL, value = 0;
      break;
    case TREATMENT_NONE:
    default:
      return;
    }

  start = g_date_time_add_days (issued, -g_rand_int_range (rand, 1, 6));
  end = g_strcmp0 (duration_unit, "DAY") == 0 ? g_date_time_add_days (start, (gint) duration)
        : g_strcmp0 (duration_unit, "HUR") == 0 ? g_date_time_add_hours (start, (gint) duration)
        : g_date_time_add_minutes (start, (gint) duration);

  open_element (xml, 5, "ram:AppliedSPSProcess");
  text_element (xml, 6, "ram:TypeCode", NULL, NULL, code);
  open_element (xml, 6, "ram:CompletionSPSPeriod");
  date_element (xml, 7, "ram:StartDateTime", start);
  date_element (xml, 7, "ram:EndDateTime", end);
  measure_element (xml, 7, "ram:DurationMeasure", duration_unit, duration, 0);
  close_element (xml, 6, "ram:CompletionSPSPeriod");
  open_element (xml, 6, "ram:ApplicableSPSProcessCharacteristic");
  text_element (xml, 7, "ram:Description", "languageID", "en", characteristic);
  if (unit != NULL)
    measure_element (xml, 7, "ram:ValueMeasure", unit, value, decimals);
  close_element (xml, 6, "ram:ApplicableSPSProcessCharacteristic");
  close_element (xml, 5, "ram:AppliedSPSProcess");
}

static const Commodity *
pick_commodity (GRand          *rand,
                const Exporter *exporter)
{
  const Commodity *choices[G_N_ELEMENTS (commodities)];
  guint count = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commodities); i++)
    if (strstr (commodities[i].exporters, exporter->country) != NULL)
      choices[count++] = &commodities[i];

  g_assert (count > 0);
  return choices[g_rand_int_range (rand, 0, (gint32) count)];
}

static void
write_trade_line_item (GString         *xml,
                       GRand           *rand,
                       guint            sequence,
                       const Commodity *commodity,
                       const Exporter  *exporter,
                       const Party     *grower,
                       const Original  *original,
                       Variant          variant,
                       Written         *written)
{
  double tonnes = commodity->min_tonnes +
                  g_rand_double (rand) * (commodity->max_tonnes - commodity->min_tonnes);
  double net_kg = commodity->kg_per_package > 0 ? 0 : tonnes * 1000;
  guint packages = 0;
  g_autofree char *sequence_text = g_strdup_printf ("%u", sequence);
  g_autofree char *net = NULL;
  g_autofree char *packages_text = NULL;
  /* Grown where it was packed, near enough for a certificate. */
  const char *region = grower->city;

  if (commodity->kg_per_package > 0)
    {
      packages = MAX (1, (guint) (tonnes * 1000 / commodity->kg_per_package));
      net_kg = packages * commodity->kg_per_package;
    }

  /* The replacement's stated reason: the final weighing. */
  if (variant == VARIANT_REPLACEMENT && original->seed % G_N_ELEMENTS (replacement_reasons) == 1)
    net_kg = net_kg * 0.97;

  net = number_text (net_kg, 1);
  if (written->net_weight == NULL)
    written->net_weight = g_strdup (net);

  open_element (xml, 4, "ram:IncludedSPSTradeLineItem");
  text_element (xml, 5, "ram:SequenceNumeric", NULL, NULL, sequence_text);
  text_element (xml, 5, "ram:Description", "languageID", "en", commodity->description);
  text_element (xml, 5, "ram:CommonName", "languageID", "en", commodity->common_name);
  text_element (xml, 5, "ram:ScientificName", NULL, NULL, commodity->scientific_name);
  text_element (xml, 5, "ram:IntendedUse", "languageID", "en", commodity->intended_use);
  measure_element (xml, 5, "ram:NetWeightMeasure", "KGM", net_kg, 1);
  measure_element (xml, 5, "ram:GrossWeightMeasure", "KGM",
                   net_kg * (commodity->kg_per_package > 0 ? 1.06 : 1.0), 1);

  if (packages > 0)
    {
      g_autofree char *marks = g_strdup_printf ("%s-%u-%d", exporter->country,
                                                (guint) g_rand_int_range (rand, 10, 99),
                                                g_date_time_get_year (original->issued));

      open_element (xml, 5, "ram:AdditionalInformationSPSNote");
      text_element (xml, 6, "ram:Subject", NULL, NULL, "DMTLIL");
      text_element (xml, 6, "ram:Content", NULL, NULL, marks);
      close_element (xml, 5, "ram:AdditionalInformationSPSNote");
    }

  open_element (xml, 5, "ram:ApplicableSPSClassification");
  text_element (xml, 6, "ram:SystemName", NULL, NULL, "HS");
  text_element (xml, 6, "ram:ClassCode", NULL, NULL, commodity->hs_code);
  text_element (xml, 6, "ram:ClassName", "languageID", "en", commodity->hs_name);
  close_element (xml, 5, "ram:ApplicableSPSClassification");

  open_element (xml, 5, "ram:PhysicalSPSPackage");
  text_element (xml, 6, "ram:LevelCode", NULL, NULL, packages > 0 ? "3" : "4");
  text_element (xml, 6, "ram:TypeCode", NULL, NULL, commodity->package_type);
  packages_text = g_strdup_printf ("%u", packages > 0 ? packages : 1);
  text_element (xml, 6, "ram:ItemQuantity", NULL, NULL, packages_text);
  close_element (xml, 5, "ram:PhysicalSPSPackage");

  open_element (xml, 5, "ram:OriginSPSCountry");
  text_element (xml, 6, "ram:ID", NULL, NULL, exporter->country);
  text_element (xml, 6, "ram:Name", NULL, NULL, ecert_hub_pki_country_name (exporter->country));
  open_element (xml, 6, "ram:SubordinateSPSCountrySubDivision");
  text_element (xml, 7, "ram:Name", NULL, NULL, region);
  text_element (xml, 7, "ram:HierarchicalLevelCode", NULL, NULL, "1");
  close_element (xml, 6, "ram:SubordinateSPSCountrySubDivision");
  close_element (xml, 5, "ram:OriginSPSCountry");

  write_treatment (xml, rand, commodity, original->issued);
  close_element (xml, 4, "ram:IncludedSPSTradeLineItem");
}

static void
write_party (GString     *xml,
             const char  *element,
             const Party *party,
             const char  *country_name)
{
  open_element (xml, 2, element);
  text_element (xml, 3, "ram:Name", NULL, NULL, party->name);
  open_element (xml, 3, "ram:SpecifiedSPSAddress");
  text_element (xml, 4, "ram:LineOne", NULL, NULL, party->street);
  text_element (xml, 4, "ram:LineTwo", NULL, NULL, party->city);
  text_element (xml, 4, "ram:LineThree", NULL, NULL, country_name);
  close_element (xml, 3, "ram:SpecifiedSPSAddress");
  close_element (xml, 2, element);
}

static void
write_transport (GString         *xml,
                 GRand           *rand,
                 GRand           *variation,
                 const Commodity *commodity,
                 const Exporter  *exporter,
                 const Original  *original,
                 Variant          variant)
{
  g_autofree char *voyage = NULL;
  g_autofree char *mode = g_strdup_printf ("%u", commodity->mode);
  const char *means;

  if (commodity->mode == 4)
    {
      voyage = g_strdup_printf ("%s %u", exporter->airline, (guint) g_rand_int_range (rand, 100, 999));
      means = "Boeing 777F";
    }
  else
    {
      gboolean bulk = commodity->kg_per_package == 0;

      voyage = g_strdup_printf ("V.%03u%c", (guint) g_rand_int_range (rand, 1, 400),
                                "NSEW"[g_rand_int_range (rand, 0, 4)]);
      means = bulk ? pick (rand, bulk_carriers, G_N_ELEMENTS (bulk_carriers))
                   : pick (rand, vessels, G_N_ELEMENTS (vessels));

      /* The replacement's stated reason: the first named the wrong one. */
      if (variant == VARIANT_REPLACEMENT &&
          original->seed % G_N_ELEMENTS (replacement_reasons) == 0)
        means = pick (variation, vessels, G_N_ELEMENTS (vessels));
    }

  open_element (xml, 2, "ram:MainCarriageSPSTransportMovement");
  text_element (xml, 3, "ram:ID", NULL, NULL, voyage);
  text_element (xml, 3, "ram:ModeCode", NULL, NULL, mode);
  open_element (xml, 3, "ram:UsedSPSTransportMeans");
  text_element (xml, 4, "ram:Name", NULL, NULL, means);
  close_element (xml, 3, "ram:UsedSPSTransportMeans");
  close_element (xml, 2, "ram:MainCarriageSPSTransportMovement");

  /* Containers and seals are what inspectors check first; the hub's schema
   * wants their ID unqualified, which no real certificate does. */
  if (commodity->mode == 1 && commodity->kg_per_package > 0 && chance (rand, 0.5))
    {
      g_autofree char *container = container_number (rand);
      g_autofree char *seal = g_strdup_printf ("%c%07u", "ACHMS"[g_rand_int_range (rand, 0, 5)],
                                               (guint) g_rand_int_range (rand, 1000000, 9999999));

      open_element (xml, 2, "ram:UtilizedSPSTransportEquipment");
      text_element (xml, 3, "ram:ID", NULL, NULL, container);
      open_element (xml, 3, "ram:AffixedSPSSeal");
      text_element (xml, 4, "ram:ID", NULL, NULL, seal);
      close_element (xml, 3, "ram:AffixedSPSSeal");
      close_element (xml, 2, "ram:UtilizedSPSTransportEquipment");
    }
}

static void
write_exchanged_document (GString        *xml,
                          GRand          *rand,
                          const Original *original,
                          const char     *id,
                          GDateTime      *issued,
                          Variant         variant,
                          const Commodity *commodity,
                          gboolean        *attached)
{
  const Exporter *exporter = original->exporter;
  const char *place = pick (rand, exporter->places, G_N_ELEMENTS (exporter->places));
  const char *inspector = pick (rand, exporter->inspectors, G_N_ELEMENTS (exporter->inspectors));
  g_autofree char *permit = g_strdup_printf ("IP%s%06u", original->importer->country,
                                             (guint) g_rand_int_range (rand, 1, 999999));
  gboolean with_attachment = chance (rand, 0.15);

  open_element (xml, 1, "rsm:SPSExchangedDocument");
  text_element (xml, 2, "ram:Name", NULL, NULL, "Phytosanitary Certificate");
  text_element (xml, 2, "ram:ID", NULL, NULL, id);
  text_element (xml, 2, "ram:TypeCode", NULL, NULL, "851");
  text_element (xml, 2, "ram:StatusCode", NULL, NULL,
                variant == VARIANT_WITHDRAWAL ? "40" : "70");
  date_element (xml, 2, "ram:IssueDateTime", issued);
  open_element (xml, 2, "ram:IssuerSPSParty");
  text_element (xml, 3, "ram:Name", NULL, NULL, ecert_hub_pki_nppo_name (exporter->country));
  close_element (xml, 2, "ram:IssuerSPSParty");

  if (commodity->declaration != NULL)
    note (xml, "ADEDL", "en", commodity->declaration);
  note (xml, "ADIPEDL", NULL, permit);

  if (variant == VARIANT_REPLACEMENT)
    {
      g_autofree char *statement = g_strdup_printf ("This certificate replaces and cancels "
                                                    "phytosanitary certificate %s.", original->id);
      g_autofree char *date = g_date_time_format (original->issued, "%Y-%m-%d");

      note (xml, "ADRP", "en", statement);
      note (xml, "ADRPN", NULL, original->id);
      note (xml, "ADRPR", "en",
            replacement_reasons[original->seed % G_N_ELEMENTS (replacement_reasons)]);
      note (xml, "ADRD", NULL, date);
    }
  else if (variant == VARIANT_WITHDRAWAL)
    {
      note (xml, "ADAOEDL", "en", "This certificate is withdrawn: the consignment was not "
                                  "shipped.");
    }

  *attached = with_attachment;
  if (with_attachment)
    write_attachment (xml, rand, original, permit);

  open_element (xml, 2, "ram:SignatorySPSAuthentication");
  date_element (xml, 3, "ram:ActualDateTime", issued);
  open_element (xml, 3, "ram:IssueSPSLocation");
  text_element (xml, 4, "ram:Name", NULL, NULL, place);
  close_element (xml, 3, "ram:IssueSPSLocation");
  open_element (xml, 3, "ram:ProviderSPSParty");
  text_element (xml, 4, "ram:Name", NULL, NULL, ecert_hub_pki_nppo_name (exporter->country));
  open_element (xml, 4, "ram:SpecifiedSPSPerson");
  text_element (xml, 5, "ram:Name", NULL, NULL, inspector);
  close_element (xml, 4, "ram:SpecifiedSPSPerson");
  close_element (xml, 3, "ram:ProviderSPSParty");
  open_element (xml, 3, "ram:IncludedSPSClause");
  text_element (xml, 4, "ram:ID", NULL, NULL, "1");
  text_element (xml, 4, "ram:Content", NULL, NULL,
                "This is to certify that the plants, plant products or other regulated articles "
                "described herein have been inspected and/or tested according to appropriate "
                "official procedures and are considered to be free from the quarantine pests "
                "specified by the importing contracting party and to conform with the current "
                "phytosanitary requirements of the importing contracting party, including those "
                "for regulated non-quarantine pests.");
  close_element (xml, 3, "ram:IncludedSPSClause");
  close_element (xml, 2, "ram:SignatorySPSAuthentication");
  close_element (xml, 1, "rsm:SPSExchangedDocument");
}

static void
write_consignment (GString        *xml,
                   GRand          *rand,
                   GRand          *variation,
                   const Original *original,
                   Variant         variant,
                   const Commodity *first,
                   Written        *written)
{
  const Exporter *exporter = original->exporter;
  const Importer *importer = original->importer;
  const Party *consignor = &exporter->consignors[g_rand_int_range (rand, 0, 3)];
  const Party *consignee = &importer->consignees[g_rand_int_range (rand, 0, 4)];
  const Port *port = first->mode == 4 ? &importer->airport
                                      : &importer->ports[g_rand_int_range (rand, 0, 4)];
  const Port *loading = &exporter->ports[g_rand_int_range (rand, 0, 3)];
  g_autofree char *examined = g_strdup_printf ("%s inspection centre", loading->name);
  Party corrected;
  const Commodity *second = NULL;

  /* Small lots of fruit often travel together. */
  if (first->mode == 1 && first->kg_per_package > 0 && first->max_tonnes < 30 &&
      chance (rand, 0.2))
    second = pick_commodity (rand, exporter);

  if (variant == VARIANT_REPLACEMENT &&
      original->seed % G_N_ELEMENTS (replacement_reasons) == 2)
    {
      corrected = *consignee;
      corrected.street = importer->consignees[g_rand_int_range (variation, 0, 4)].street;
      consignee = &corrected;
    }

  open_element (xml, 1, "rsm:SPSConsignment");
  write_party (xml, "ram:ConsignorSPSParty", consignor,
               ecert_hub_pki_country_name (exporter->country));
  write_party (xml, "ram:ConsigneeSPSParty", consignee,
               ecert_hub_pki_country_name (importer->country));
  open_element (xml, 2, "ram:ExportSPSCountry");
  text_element (xml, 3, "ram:ID", NULL, NULL, exporter->country);
  text_element (xml, 3, "ram:Name", NULL, NULL, ecert_hub_pki_country_name (exporter->country));
  close_element (xml, 2, "ram:ExportSPSCountry");
  open_element (xml, 2, "ram:ImportSPSCountry");
  text_element (xml, 3, "ram:ID", NULL, NULL, importer->country);
  text_element (xml, 3, "ram:Name", NULL, NULL, ecert_hub_pki_country_name (importer->country));
  close_element (xml, 2, "ram:ImportSPSCountry");
  if (first->mode == 1 && chance (rand, 0.15))
    {
      open_element (xml, 2, "ram:TransitSPSCountry");
      text_element (xml, 3, "ram:ID", NULL, NULL, "SG");
      text_element (xml, 3, "ram:Name", NULL, NULL, "Singapore");
      close_element (xml, 2, "ram:TransitSPSCountry");
    }
  open_element (xml, 2, "ram:UnloadingBaseportSPSLocation");
  text_element (xml, 3, "ram:ID", "schemeID", "UN/LOCODE", port->locode);
  text_element (xml, 3, "ram:Name", NULL, NULL, port->name);
  close_element (xml, 2, "ram:UnloadingBaseportSPSLocation");
  open_element (xml, 2, "ram:ExaminationSPSEvent");
  open_element (xml, 3, "ram:OccurrenceSPSLocation");
  text_element (xml, 4, "ram:Name", NULL, NULL, examined);
  close_element (xml, 3, "ram:OccurrenceSPSLocation");
  close_element (xml, 2, "ram:ExaminationSPSEvent");
  write_transport (xml, rand, variation, first, exporter, original, variant);

  open_element (xml, 2, "ram:IncludedSPSConsignmentItem");
  write_trade_line_item (xml, rand, 1, first, exporter, consignor, original, variant,
                         written);
  if (second != NULL)
    write_trade_line_item (xml, rand, 2, second, exporter, consignor, original, variant,
                           written);
  close_element (xml, 2, "ram:IncludedSPSConsignmentItem");
  close_element (xml, 1, "rsm:SPSConsignment");
}

/* The certificate @original was drawn as, or its withdrawal or
 * replacement. */
static GBytes *
build_certificate (const Original *original,
                   Variant         variant,
                   const char     *id,
                   GDateTime      *issued,
                   gboolean       *attached,
                   Written        *written)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (original->seed);
  g_autoptr(GRand) variation = g_rand_new_with_seed (original->seed ^ 0x5bd1e995u);
  const Commodity *commodity = pick_commodity (rand, original->exporter);
  GString *xml = g_string_sized_new (8192);

  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<rsm:SPSCertificate xmlns:rsm=\"" RSM_NS "\" xmlns:ram=\"" RAM_NS "\" "
                        "xmlns:udt=\"" UDT_NS "\">\n");
  write_exchanged_document (xml, rand, original, id, issued, variant, commodity, attached);
  write_consignment (xml, rand, variation, original, variant, commodity, written);
  g_string_append (xml, "</rsm:SPSCertificate>\n");

  return g_string_free_to_bytes (xml);
}

/* Signing and tampering */

static EcertSigningKey *
signer_for (Seeder      *seeder,
            const char  *country,
            GError     **error)
{
  EcertSigningKey *key = g_hash_table_lookup (seeder->signers, country);

  if (key == NULL)
    {
      key = ecert_hub_pki_load_signer (seeder->directory, country, error);
      if (key == NULL)
        return NULL;
      g_hash_table_insert (seeder->signers, (gpointer) country, key);
    }

  return key;
}

/* A forger's edit after signing: a heavier consignment than was certified. */
static GBytes *
tamper (GBytes        *signed_document,
        const Written *written)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (signed_document, NULL),
                                     g_bytes_get_size (signed_document));
  g_autofree char *needle = g_strdup_printf (">%s</ram:NetWeightMeasure>", written->net_weight);
  g_autofree char *forged = g_strdup_printf (">%s9</ram:NetWeightMeasure>", written->net_weight);
  g_auto(GStrv) parts = g_strsplit (text, needle, 2);
  char *result;

  if (g_strv_length (parts) != 2)
    return g_bytes_ref (signed_document);

  result = g_strjoin (forged, parts[0], parts[1], NULL);
  return g_bytes_new_take (result, strlen (result));
}

static char *
next_id (Seeder         *seeder,
         const Exporter *exporter,
         GDateTime      *issued)
{
  guint serial = GPOINTER_TO_UINT (g_hash_table_lookup (seeder->serials, exporter->country));

  if (serial == 0)
    serial = (guint) g_rand_int_range (seeder->rand, 1000, 90000);
  g_hash_table_insert (seeder->serials, (gpointer) exporter->country,
                       GUINT_TO_POINTER (serial + (guint) g_rand_int_range (seeder->rand, 1, 40)));

  return g_strdup_printf ("%s-%d-%06u", exporter->country, g_date_time_get_year (issued), serial);
}

static const Importer *
pick_importer (Seeder         *seeder,
               const Exporter *exporter)
{
  const Importer *importer;

  /* Mostly the demonstration's country; now and then another, so that a
   * desk sees only what is addressed to it. */
  if (!chance (seeder->rand, 0.08))
    return &importers[0];

  importer = &importers[g_rand_int_range (seeder->rand, 1, G_N_ELEMENTS (importers))];
  return g_strcmp0 (importer->country, exporter->country) == 0 ? &importers[0] : importer;
}

static Original *
draw_original (Seeder *seeder)
{
  Original *original = g_new0 (Original, 1);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) issued_utc = NULL;

  original->seed = g_rand_int (seeder->rand);
  original->exporter = &exporters[g_rand_int_range (seeder->rand, 0, G_N_ELEMENTS (exporters))];
  original->importer = pick_importer (seeder, original->exporter);
  zone = g_time_zone_new_offset (original->exporter->utc_offset_minutes * 60);
  issued_utc = g_date_time_add_seconds (seeder->now,
                                        -g_rand_double_range (seeder->rand, 3600, 60 * 86400.0));
  original->issued = g_date_time_to_timezone (issued_utc, zone);
  original->id = next_id (seeder, original->exporter, original->issued);
  return original;
}

static Original *
pick_to_follow (Seeder *seeder)
{
  guint count = seeder->originals->len;

  /* A few tries at an original nobody has withdrawn or replaced yet. */
  for (guint attempt = 0; attempt < 8 && count > 0; attempt++)
    {
      Original *original = seeder->originals->pdata[g_rand_int_range (seeder->rand, 0,
                                                                       (gint32) count)];

      if (!original->followed)
        return original;
    }

  return NULL;
}

static gboolean
store_envelope (Seeder          *seeder,
                const Original  *original,
                const char      *id,
                Variant          variant,
                GBytes          *document,
                GError         **error)
{
  g_autoptr(EcertEnvelope) envelope = ecert_envelope_new ();
  g_autofree char *number = NULL;

  envelope->header->from = g_strdup (original->exporter->country);
  envelope->header->to = g_strdup (original->importer->country);
  envelope->header->certificate_type = 851;
  envelope->header->certificate_status = variant == VARIANT_WITHDRAWAL ? 40 : 70;
  envelope->header->nppo_certificate_number = g_strdup (id);
  envelope->header->tracking_info = ECERT_TRACKING_INFO_PENDING_DELIVERY;

  /* Real hubs deliver both. */
  if (chance (seeder->rand, 0.2))
    {
      envelope->content = g_base64_encode (g_bytes_get_data (document, NULL),
                                           g_bytes_get_size (document));
      seeder->summary->base64++;
    }
  else
    {
      envelope->content = g_strndup (g_bytes_get_data (document, NULL),
                                     g_bytes_get_size (document));
    }

  number = ecert_hub_store_add (seeder->store, envelope, error);
  return number != NULL;
}

static gboolean
seed_one (Seeder  *seeder,
          GError **error)
{
  EcertHubSeedSummary *summary = seeder->summary;
  Original *original = NULL;
  Variant variant = VARIANT_ORIGINAL;
  g_autofree char *id = NULL;
  g_autoptr(GDateTime) issued = NULL;
  g_autoptr(GBytes) document = NULL;
  g_auto(Written) written = { NULL };
  gboolean attached = FALSE;
  double roll = g_rand_double (seeder->rand);

  if (seeder->originals->len >= 10 && roll < 0.12)
    original = pick_to_follow (seeder);

  if (original != NULL)
    {
      original->followed = TRUE;
      variant = roll < 0.05 ? VARIANT_WITHDRAWAL : VARIANT_REPLACEMENT;
      if (variant == VARIANT_WITHDRAWAL)
        {
          id = g_strdup (original->id);
          issued = g_date_time_ref (original->issued);
          summary->withdrawals++;
        }
      else
        {
          issued = g_date_time_add_hours (original->issued, g_rand_int_range (seeder->rand, 4, 72));
          id = next_id (seeder, original->exporter, issued);
          summary->replacements++;
        }
    }
  else
    {
      original = draw_original (seeder);
      g_ptr_array_add (seeder->originals, original);
      id = g_strdup (original->id);
      issued = g_date_time_ref (original->issued);
    }

  document = build_certificate (original, variant, id, issued, &attached, &written);
  if (attached)
    summary->attachments++;

  if (chance (seeder->rand, 0.1))
    {
      summary->unsigned_count++;
    }
  else
    {
      EcertSigningKey *key = signer_for (seeder, original->exporter->country, error);
      EcertSignC14n c14n = chance (seeder->rand, 0.5) ? ECERT_SIGN_C14N_EXCLUSIVE
                                                      : ECERT_SIGN_C14N_INCLUSIVE;
      GBytes *signed_document;

      if (key == NULL)
        return FALSE;

      signed_document = ecert_sign_document (document, key, c14n, error);
      if (signed_document == NULL)
        return FALSE;
      g_bytes_unref (document);
      document = signed_document;
      summary->signed_count++;

      if (chance (seeder->rand, 0.03))
        {
          GBytes *forged = tamper (document, &written);

          g_bytes_unref (document);
          document = forged;
          summary->tampered++;
        }
    }

  if (g_strcmp0 (original->importer->country, ECERT_HUB_DEMO_IMPORTER) != 0)
    summary->other_importers++;
  summary->total++;
  return store_envelope (seeder, original, id, variant, document, error);
}

/**
 * ecert_hub_seed:
 * @directory: the hub's directory, with its PKI (see ecert_hub_pki_create())
 * @store: where the envelopes go
 * @count: how many envelopes to add
 * @seed: the seed of the draw: the same seed gives the same certificates
 *   (their dates are relative to now)
 * @summary: (out caller-allocates): what was added
 *
 * Adds @count envelopes from many exporting NPPOs, pending delivery, most
 * of them to ECERT_HUB_DEMO_IMPORTER, in one transaction.
 */
gboolean
ecert_hub_seed (const char           *directory,
                EcertHubStore        *store,
                guint                 count,
                guint32               seed,
                EcertHubSeedSummary  *summary,
                GError              **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) signers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) ecert_signing_key_free);
  g_autoptr(GHashTable) serials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func ((GDestroyNotify) original_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  Seeder seeder = { directory, store, rand, signers, serials, originals, now, summary };

  memset (summary, 0, sizeof *summary);

  if (!ecert_hub_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < count; i++)
    if (!seed_one (&seeder, error))
      {
        ecert_hub_store_rollback (store);
        return FALSE;
      }

  return ecert_hub_store_commit (store, error);
}
