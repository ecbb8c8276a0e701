/* ecert-sample-tables.c: the trade sample certificates are drawn from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real commodities with their scientific names, HS codes, packaging,
 * treatments and the additional declarations trade in them calls for;
 * the exporting countries that ship them, with their NPPOs, ports,
 * traders and inspectors; the importers that receive them; the ships that
 * carry them. The seventeen exporters with an NPPO on the demonstration
 * hub, and every table it draws from, are exactly what its demonstration
 * has always shown: an exporter beyond them is added to a commodity's list
 * of exporters, or with a commodity of its own, so that the demonstration's
 * NPPOs draw what they always drew (and a seed the envelopes it always
 * gave). The volume words make the thousands of traders and ships a cache
 * benchmark needs.
 *
 * The certificates are data from other countries, in their words: none of
 * this text is translated.
 */

#define G_LOG_DOMAIN "ecert-samples"

#include "config.h"

#include <string.h>

#include "ecert-sample-tables.h"

/* Sorted by code. */
static const EcertSampleCountry countries[] = {
  { "AR", "Argentina", "Servicio Nacional de Sanidad y Calidad Agroalimentaria (SENASA)" },
  { "AU", "Australia", "Department of Agriculture, Fisheries and Forestry" },
  { "BR", "Brazil", "Ministério da Agricultura e Pecuária" },
  { "CA", "Canada", "Canadian Food Inspection Agency" },
  { "CL", "Chile", "Servicio Agrícola y Ganadero" },
  { "CN", "China", "General Administration of Customs of the People's Republic of China" },
  { "EG", "Egypt", "Central Administration of Plant Quarantine" },
  { "ES", "Spain", "Ministerio de Agricultura, Pesca y Alimentación" },
  { "FR", "France", "Ministère de l'Agriculture et de la Souveraineté alimentaire" },
  { "ID", "Indonesia", "Indonesian Quarantine Authority" },
  { "IN", "India", "Directorate of Plant Protection, Quarantine and Storage" },
  { "IT", "Italy", "Servizio Fitosanitario Centrale" },
  { "JP", "Japan", "Plant Protection Station, Ministry of Agriculture, Forestry and Fisheries" },
  { "KE", "Kenya", "Kenya Plant Health Inspectorate Service" },
  { "KR", "Korea, Republic of", "Animal and Plant Quarantine Agency" },
  { "MX", "Mexico", "Servicio Nacional de Sanidad, Inocuidad y Calidad Agroalimentaria" },
  { "MY", "Malaysia", "Department of Agriculture Malaysia" },
  { "NL", "Netherlands", "Netherlands Food and Consumer Product Safety Authority" },
  { "NZ", "New Zealand", "Ministry for Primary Industries" },
  { "PE", "Peru", "Servicio Nacional de Sanidad Agraria del Perú" },
  { "PH", "Philippines", "Bureau of Plant Industry" },
  { "RU", "Russian Federation", "Federal Service for Veterinary and Phytosanitary Surveillance" },
  /* Where much sea freight is transhipped. */
  { "SG", "Singapore", "National Parks Board" },
  { "TH", "Thailand", "Department of Agriculture" },
  { "US", "United States", "USDA Animal and Plant Health Inspection Service" },
  { "UY", "Uruguay", "Dirección General de Servicios Agrícolas" },
  { "VN", "Viet Nam", "Plant Protection Department" },
  { "ZA", "South Africa", "Department of Agriculture, Land Reform and Rural Development" },
};

static const EcertSampleCommodity commodities[] = {
  { "Kiwifruit", "Actinidia chinensis var. deliciosa", "081050", "Kiwifruit, fresh",
    "Fresh kiwifruit", "Consumption", "CT", 8, 22, 3.6, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment was inspected and found free from Pseudomonas syringae pv. actinidiae.",
    "NZ CL IT" },
  { "Apples", "Malus domestica", "080810", "Apples, fresh", "Fresh apples", "Consumption", "CT",
    10, 24, 18, 1, ECERT_SAMPLE_TREATMENT_COLD,
    "The apples were produced under an officially approved systems approach for Cydia pomonella.",
    "NZ CL US ZA FR IT JP" },
  { "Pears", "Pyrus communis", "080830", "Pears, fresh", "Fresh pears", "Consumption", "CT", 10, 22,
    18, 1, ECERT_SAMPLE_TREATMENT_COLD,
    "The consignment is free from Cydia pomonella and Grapholita molesta.", "AR ZA CL KR" },
  { "Cherries", "Prunus avium", "080929", "Cherries, fresh", "Fresh sweet cherries",
    "Consumption", "CT", 2, 9, 5, 4, ECERT_SAMPLE_TREATMENT_NONE,
    "The fruit was produced in a pest free area for Rhagoletis pomonella.", "CL US NZ AU" },
  { "Table grapes", "Vitis vinifera", "080610", "Grapes, fresh", "Fresh table grapes",
    "Consumption", "CT", 12, 20, 8.2, 1, ECERT_SAMPLE_TREATMENT_SULPHUR_DIOXIDE,
    "The consignment is free from Brevipalpus chilensis.", "CL PE ZA AU" },
  { "Oranges", "Citrus sinensis", "080510", "Oranges, fresh", "Fresh navel oranges",
    "Consumption", "CT", 18, 26, 15, 1, ECERT_SAMPLE_TREATMENT_COLD,
    "The fruit comes from places of production free from Phyllosticta citricarpa.",
    "ZA EG ES AU US UY" },
  { "Mandarins", "Citrus reticulata", "080521", "Mandarins, fresh", "Fresh mandarins",
    "Consumption", "CT", 15, 24, 10, 1, ECERT_SAMPLE_TREATMENT_COLD,
    "The fruit was cold treated in transit against Ceratitis capitata.", "ZA ES PE UY" },
  { "Lemons", "Citrus limon", "080550", "Lemons, fresh", "Fresh lemons", "Consumption", "CT",
    18, 25, 17, 1, ECERT_SAMPLE_TREATMENT_FUNGICIDE_DIP,
    "The consignment is free from Elsinoe fawcettii.", "AR ES ZA" },
  { "Avocados", "Persea americana", "080440", "Avocados, fresh", "Fresh Hass avocados",
    "Consumption", "CT", 14, 22, 4, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The fruit was produced in places of production free from Stenoma catenifer.",
    "PE KE MX NZ CL" },
  { "Blueberries", "Vaccinium corymbosum", "081040", "Blueberries, fresh", "Fresh blueberries",
    "Consumption", "CT", 3, 12, 1.5, 4, ECERT_SAMPLE_TREATMENT_METHYL_BROMIDE,
    "The consignment was fumigated with methyl bromide against Lobesia botrana.", "PE CL" },
  { "Durian", "Durio zibethinus", "081060", "Durians, fresh", "Fresh durian (Monthong)",
    "Consumption", "CT", 12, 20, 16, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The fruit was inspected and found free from Mudaria luteileprosa.", "TH VN MY" },
  { "Mangoes", "Mangifera indica", "080450", "Mangoes, fresh", "Fresh mangoes", "Consumption",
    "CT", 6, 18, 4, 1, ECERT_SAMPLE_TREATMENT_VAPOUR_HEAT,
    "The fruit received vapour heat treatment against Bactrocera dorsalis.", "TH IN PE MX PH" },
  { "Dragon fruit", "Selenicereus undatus", "081090", "Other fruit, fresh", "Fresh dragon fruit",
    "Consumption", "CT", 10, 20, 11, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Dysmicoccus neobrevipes.", "VN" },
  { "Longan", "Dimocarpus longan", "081090", "Other fruit, fresh", "Fresh longan",
    "Consumption", "BK", 10, 18, 11, 1, ECERT_SAMPLE_TREATMENT_SULPHUR_DIOXIDE,
    "The fruit was fumigated with sulphur dioxide under official supervision.", "TH VN" },
  { "Soybeans", "Glycine max", "120190", "Soya beans", "Soybeans in bulk", "Processing", "VR",
    30000, 66000, 0, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Ambrosia trifida and Cuscuta spp. seeds.", "BR US AR UY RU" },
  { "Wheat", "Triticum aestivum", "100199", "Wheat", "Milling wheat in bulk", "Processing", "VR",
    25000, 60000, 0, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The wheat was grown in an area free from Tilletia indica.", "CA AU US FR RU" },
  { "Barley", "Hordeum vulgare", "100390", "Barley", "Malting barley in bulk", "Processing", "VR",
    20000, 55000, 0, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Tilletia controversa.", "AU CA AR FR RU" },
  { "Maize", "Zea mays", "100590", "Maize (corn)", "Yellow maize in bulk", "Processing", "VR",
    30000, 65000, 0, 1, ECERT_SAMPLE_TREATMENT_PHOSPHINE,
    "The consignment is free from Peronosclerospora maydis.", "US BR AR" },
  { "Rapeseed", "Brassica napus", "120510", "Low erucic acid rape seeds", "Canola seed in bulk",
    "Processing", "VR", 30000, 60000, 0, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Leptosphaeria maculans.", "CA AU RU" },
  { "Radiata pine logs", "Pinus radiata", "440320", "Coniferous wood in the rough",
    "Debarked radiata pine logs", "Processing", "LG", 2000, 4000, 0, 1,
    ECERT_SAMPLE_TREATMENT_METHYL_BROMIDE,
    "The logs were debarked and fumigated with methyl bromide before shipment.", "NZ AU CL UY" },
  { "Douglas fir timber", "Pseudotsuga menziesii", "440711", "Coniferous wood, sawn",
    "Kiln-dried sawn Douglas fir", "Processing", "BE", 60, 200, 1200, 1,
    ECERT_SAMPLE_TREATMENT_HEAT,
    "The timber was heat treated to a core temperature of 56 °C for 30 minutes.", "CA US" },
  { "Cut roses", "Rosa hybrida", "060311", "Roses, cut flowers", "Fresh cut roses",
    "Decorative use", "BX", 0.5, 3, 12, 4, ECERT_SAMPLE_TREATMENT_NONE,
    "The flowers are free from Thrips palmi and Spodoptera littoralis.", "KE" },
  { "Tulip bulbs", "Tulipa gesneriana", "060110", "Bulbs, dormant", "Tulip bulbs, dormant",
    "Planting", "CT", 2, 10, 20, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The bulbs are free from Ditylenchus dipsaci.", "NL" },
  { "Seed potatoes", "Solanum tuberosum", "070110", "Seed potatoes",
    "Certified seed potatoes", "Planting", "BG", 15, 25, 1000, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The potatoes were grown in fields free from Globodera rostochiensis and Globodera pallida.",
    "NL CA FR" },
  { "Rice", "Oryza sativa", "100630", "Semi-milled or wholly milled rice", "Milled jasmine rice",
    "Consumption", "BG", 20, 25, 25, 1, ECERT_SAMPLE_TREATMENT_PHOSPHINE,
    "The consignment is free from Trogoderma granarium.", "VN TH IN" },
  { "Almonds", "Prunus dulcis", "080212", "Almonds, shelled", "Shelled almonds", "Consumption",
    "CT", 18, 20, 22.68, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Trogoderma granarium.", "US AU" },
  { "Walnuts", "Juglans regia", "080232", "Walnuts, shelled", "Walnut kernels", "Consumption",
    "CT", 10, 18, 10, 1, ECERT_SAMPLE_TREATMENT_SULFURYL_FLUORIDE,
    "The walnuts were fumigated against Cydia pomonella and Amyelois transitella.", "US CL" },
  { "Macadamia nuts", "Macadamia integrifolia", "080262", "Macadamia nuts, shelled",
    "Macadamia kernels", "Consumption", "CT", 8, 16, 11.34, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from soil and Cryptophlebia ombrodelta.", "AU ZA KE" },
  { "Green coffee", "Coffea arabica", "090111", "Coffee, not roasted", "Green coffee beans",
    "Processing", "BG", 17, 20, 60, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Hypothenemus hampei.", "BR PE KE ID" },
  { "Onions", "Allium cepa", "070310", "Onions, fresh", "Fresh brown onions", "Consumption", "BG",
    20, 26, 20, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from soil and Ditylenchus dipsaci.", "NZ NL EG" },
  { "Bananas", "Musa acuminata", "080390", "Bananas, fresh", "Fresh Cavendish bananas",
    "Consumption", "CT", 18, 22, 13, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Fusarium oxysporum f. sp. cubense tropical race 4.",
    "VN PE MX PH" },
  { "Chilli", "Capsicum annuum", "090421", "Capsicum, dried", "Dried red chilli",
    "Consumption", "BG", 8, 16, 25, 1, ECERT_SAMPLE_TREATMENT_IRRADIATION,
    "The consignment was irradiated at a minimum absorbed dose of 400 Gy.", "IN" },
  /* Trade of the exporters beyond the demonstration's NPPOs. */
  { "Pineapples", "Ananas comosus", "080430", "Pineapples, fresh", "Fresh pineapples",
    "Consumption", "CT", 18, 24, 12, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Dysmicoccus brevipes and Thrips palmi.", "PH" },
  { "Coconuts", "Cocos nucifera", "080119", "Coconuts, fresh", "Fresh young coconuts",
    "Consumption", "CT", 14, 22, 9, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Brontispa longissima.", "PH ID MY" },
  { "Cocoa beans", "Theobroma cacao", "180100", "Cocoa beans, raw", "Fermented dried cocoa beans",
    "Processing", "BG", 20, 25, 62.5, 1, ECERT_SAMPLE_TREATMENT_PHOSPHINE,
    "The consignment was fumigated with phosphine against Ephestia cautella.", "ID MY" },
  { "Orchids", "Phalaenopsis amabilis", "060313", "Orchids, cut flowers", "Fresh cut orchids",
    "Decorative use", "BX", 0.3, 2, 8, 4, ECERT_SAMPLE_TREATMENT_NONE,
    "The flowers are free from Thrips palmi.", "MY" },
  { "Hazelnuts", "Corylus avellana", "080221", "Hazelnuts, in shell", "Hazelnuts in shell",
    "Consumption", "BG", 18, 22, 50, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Curculio nucum.", "IT" },
  { "Chestnuts", "Castanea sativa", "080241", "Chestnuts, in shell", "Fresh chestnuts",
    "Consumption", "BG", 10, 20, 25, 1, ECERT_SAMPLE_TREATMENT_METHYL_BROMIDE,
    "The chestnuts were fumigated against Cydia splendana and Curculio elephas.", "IT KR" },
  { "Dried peas", "Pisum sativum", "071310", "Peas, dried, shelled", "Dried yellow peas in bulk",
    "Processing", "VR", 20000, 50000, 0, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Bruchus pisorum.", "RU FR" },
  { "Lentils", "Lens culinaris", "071340", "Lentils, dried, shelled", "Red lentils",
    "Consumption", "BG", 20, 25, 25, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Bruchus lentis.", "RU" },
  { "Sunflower seed", "Helianthus annuus", "120600", "Sunflower seeds",
    "Sunflower seed in bulk", "Processing", "VR", 20000, 45000, 0, 1,
    ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Ambrosia artemisiifolia seeds.", "RU FR" },
  { "Oats", "Avena sativa", "100490", "Oats", "Milling oats in bulk", "Processing", "VR",
    20000, 50000, 0, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from soil and Avena ludoviciana seeds.", "RU" },
  { "Persimmons", "Diospyros kaki", "081070", "Persimmons, fresh", "Fresh sweet persimmons",
    "Consumption", "CT", 8, 18, 10, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The fruit was produced in places of production free from Stathmopoda masinissa.",
    "KR JP" },
  { "Papayas", "Carica papaya", "080720", "Papaws (papayas), fresh", "Fresh papayas",
    "Consumption", "CT", 5, 15, 10, 1, ECERT_SAMPLE_TREATMENT_VAPOUR_HEAT,
    "The fruit received vapour heat treatment against Bactrocera papayae.", "MY PH" },
  { "Melons", "Cucumis melo", "080719", "Melons, fresh", "Fresh muskmelons", "Consumption",
    "CT", 1, 5, 8, 4, ECERT_SAMPLE_TREATMENT_NONE,
    "The fruit is free from Bactrocera cucurbitae.", "JP" },
  { "Sweet peppers", "Capsicum annuum", "070960", "Fruits of the genus Capsicum, fresh",
    "Fresh paprika", "Consumption", "CT", 8, 18, 5, 1, ECERT_SAMPLE_TREATMENT_NONE,
    "The consignment is free from Tuta absoluta.", "KR" },
  { "Strawberries", "Fragaria × ananassa", "081010", "Strawberries, fresh",
    "Fresh strawberries", "Consumption", "CT", 0.5, 3, 2, 4, ECERT_SAMPLE_TREATMENT_NONE,
    "The fruit is free from Frankliniella occidentalis.", "KR JP" },
};

static const EcertSampleExporter exporters[] = {
  { "AR", -180, 6, ECERT_SAMPLE_NUMBER_DASHED,
    "es", "AR", { "Buenos Aires", "Rosario", "Neuquén" },
    { { "ARBUE", "Buenos Aires" }, { "ARROS", "Rosario" }, { "ARSAE", "San Antonio Este" } },
    { { "Frutícola del Valle S.A.", "Ruta 22 km 1180", "Cipolletti" },
      { "Agroexport Pampa S.A.", "Av. Corrientes 1234", "Buenos Aires" },
      { "Citrus Tucumán S.R.L.", "Ruta 9 km 1298", "San Miguel de Tucumán" } },
    { "Martín Gómez", "Lucía Fernández", "Santiago Ruiz" } },
  { "AU", 660, 12, ECERT_SAMPLE_NUMBER_SLASHED,
    NULL, "QF", { "Melbourne", "Sydney", "Fremantle" },
    { { "AUMEL", "Melbourne" }, { "AUSYD", "Sydney" }, { "AUFRE", "Fremantle" } },
    { { "Murray Valley Citrus Pty Ltd", "14 River Road", "Mildura VIC" },
      { "Golden Grain Exports Pty Ltd", "2 Wharf Street", "Geelong VIC" },
      { "Southern Forest Products Pty Ltd", "88 Port Road", "Bell Bay TAS" } },
    { "Olivia Nguyen", "Jack Wilson", "Charlotte Brown" } },
  { "BR", -180, 5, ECERT_SAMPLE_NUMBER_SLASHED,
    "pt", "LA", { "Santos", "Paranaguá", "Rio Grande" },
    { { "BRSSZ", "Santos" }, { "BRPNG", "Paranaguá" }, { "BRRIG", "Rio Grande" } },
    { { "Grãos do Cerrado Ltda.", "Rodovia BR-163 km 12", "Sorriso" },
      { "Café Mantiqueira Exportadora Ltda.", "Rua das Palmeiras 45", "Varginha" },
      { "Agro Sul Comércio S.A.", "Av. Brasil 2000", "Cascavel" } },
    { "Ana Souza", "Rafael Oliveira", "Beatriz Lima" } },
  { "CA", -480, 4, ECERT_SAMPLE_NUMBER_PREFIXED,
    "fr", "AC", { "Vancouver", "Montréal", "Winnipeg" },
    { { "CAVAN", "Vancouver" }, { "CAMTR", "Montréal" }, { "CAPRR", "Prince Rupert" } },
    { { "Prairie Grain Marketing Inc.", "201 Portage Avenue", "Winnipeg MB" },
      { "Coastal Timber Products Ltd.", "1500 Marine Drive", "North Vancouver BC" },
      { "Island Seed Potatoes Co-op", "45 Kensington Road", "Charlottetown PE" } },
    { "Emily Tremblay", "Liam Roy", "Noah MacDonald" } },
  { "CL", -180, 9, ECERT_SAMPLE_NUMBER_SPACED,
    "es", "LA", { "Valparaíso", "San Antonio", "Santiago" },
    { { "CLVAP", "Valparaíso" }, { "CLSAI", "San Antonio" }, { "CLSCL", "Santiago" } },
    { { "Frutícola Los Andes S.A.", "Camino Real 455", "Rancagua" },
      { "Exportadora Cerezas del Sur Ltda.", "Ruta 5 Sur km 215", "Curicó" },
      { "Agrícola Valle Central S.A.", "Av. Providencia 2100", "Santiago" } },
    { "Camila Rojas", "Matías Muñoz", "Valentina Soto" } },
  { "EG", 120, 1, ECERT_SAMPLE_NUMBER_SLASHED,
    "ar", "MS", { "Alexandria", "Port Said", "Cairo" },
    { { "EGALY", "Alexandria" }, { "EGPSD", "Port Said" }, { "EGDAM", "Damietta" } },
    { { "Nile Citrus Export Co.", "12 El Horreya Road", "Alexandria" },
      { "Delta Agricultural Trading S.A.E.", "5 Tahrir Street", "Tanta" },
      { "Sinai Onion Packers", "Industrial Zone 3", "Ismailia" } },
    { "Omar Hassan", "Mona Ibrahim", "Youssef Ali" } },
  { "ES", 60, 2, ECERT_SAMPLE_NUMBER_SLASHED,
    "es", "IB", { "Valencia", "Algeciras", "Almería" },
    { { "ESVLC", "Valencia" }, { "ESALG", "Algeciras" }, { "ESALM", "Almería" } },
    { { "Cítricos del Turia S.L.", "Camí Reial 17", "Alzira" },
      { "Agrios Andaluces S.A.", "Polígono El Trocadero 3", "Huelva" },
      { "Frutas Levante S.L.", "Avenida del Puerto 220", "Valencia" } },
    { "Lucía García", "Javier Martínez", "Carmen López" } },
  { "FR", 60, 2, ECERT_SAMPLE_NUMBER_DASHED,
    "fr", "AF", { "Rouen", "Marseille", "Orléans" },
    { { "FRLEH", "Le Havre" }, { "FRMRS", "Marseille" }, { "FRDKK", "Dunkerque" } },
    { { "Coopérative Agricole de Normandie", "12 quai de Boisguilbert", "Rouen" },
      { "Vergers de Gascogne SAS", "Route de Moissac", "Montauban" },
      { "Céréales de Beauce S.A.", "3 avenue de la Gare", "Chartres" } },
    { "Camille Martin", "Julien Bernard", "Chloé Dubois" } },
  { "ID", 420, 2, ECERT_SAMPLE_NUMBER_DASHED,
    "id", "GA", { "Jakarta", "Surabaya", "Makassar" },
    { { "IDTPP", "Tanjung Priok" }, { "IDSUB", "Surabaya" }, { "IDMAK", "Makassar" } },
    { { "PT Nusantara Kakao Lestari", "Jl. Urip Sumoharjo 21", "Makassar" },
      { "PT Kopi Gayo Mandiri", "Jl. Lintas Takengon 8", "Takengon" },
      { "PT Kelapa Sejahtera", "Jl. Perak Timur 5", "Surabaya" } },
    { "Budi Santoso", "Siti Rahayu", "Agus Wibowo" } },
  { "IN", 330, 1, ECERT_SAMPLE_NUMBER_PREFIXED,
    "hi", "AI", { "Mumbai", "Chennai", "Kolkata" },
    { { "INNSA", "Nhava Sheva" }, { "INMAA", "Chennai" }, { "INCCU", "Kolkata" } },
    { { "Konkan Fresh Exports Pvt. Ltd.", "Plot 14, MIDC", "Ratnagiri" },
      { "Guntur Spice Traders", "Mirchi Yard Road", "Guntur" },
      { "Sona Rice Mills Pvt. Ltd.", "GT Road", "Karnal" } },
    { "Priya Sharma", "Arjun Patel", "Lakshmi Iyer" } },
  { "IT", 60, 2, ECERT_SAMPLE_NUMBER_PREFIXED,
    "it", "AZ", { "Roma", "Verona", "Latina" },
    { { "ITGOA", "Genova" }, { "ITSPE", "La Spezia" }, { "ITVCE", "Venezia" } },
    { { "Kiwi Latina Soc. Coop.", "Via Pontina km 52", "Latina" },
      { "Frutta Veneta S.r.l.", "Via dell'Industria 14", "Verona" },
      { "Nocciole del Piemonte S.p.A.", "Strada Alba 3", "Cortemilia" } },
    { "Giulia Rossi", "Marco Bianchi", "Francesca Romano" } },
  { "JP", 540, 1, ECERT_SAMPLE_NUMBER_SPACED,
    "ja", "JL", { "Yokohama", "Kobe", "Aomori" },
    { { "JPYOK", "Yokohama" }, { "JPUKB", "Kobe" }, { "JPTYO", "Tokyo" } },
    { { "Aomori Apple Export Co., Ltd.", "1-2-3 Shinmachi", "Aomori" },
      { "Shizuoka Melon Growers Association", "45 Asaba", "Fukuroi" },
      { "Kyushu Fresh Trading Co., Ltd.", "2-8 Okihamamachi", "Fukuoka" } },
    { "Haruto Sato", "Yui Suzuki", "Ren Takahashi" } },
  { "KE", 180, 1, ECERT_SAMPLE_NUMBER_DASHED,
    "sw", "KQ", { "Nairobi", "Mombasa", "Naivasha" },
    { { "KENBO", "Nairobi" }, { "KEMBA", "Mombasa" }, { "KENBO", "Nairobi" } },
    { { "Rift Valley Roses Ltd", "Moi South Lake Road", "Naivasha" },
      { "Mount Kenya Avocado Growers", "Kenyatta Highway", "Murang'a" },
      { "Kiambu Coffee Millers Ltd", "Thika Road", "Ruiru" } },
    { "Wanjiku Mwangi", "Otieno Odhiambo", "Achieng Njeri" } },
  { "KR", 540, 1, ECERT_SAMPLE_NUMBER_DASHED,
    "ko", "KE", { "Busan", "Incheon", "Gwangju" },
    { { "KRPUS", "Busan" }, { "KRINC", "Incheon" }, { "KRPTK", "Pyeongtaek" } },
    { { "Naju Pear Export Farming Association", "123 Geumcheon-ro", "Naju" },
      { "Jinju Sweet Persimmon Co., Ltd.", "45 Munsan-ro", "Jinju" },
      { "Gimje Paprika Export Co., Ltd.", "7 Baeksan-ro", "Gimje" } },
    { "Kim Min-jun", "Lee Seo-yeon", "Park Ji-ho" } },
  { "MX", -360, 3, ECERT_SAMPLE_NUMBER_SPACED,
    "es", "AM", { "Manzanillo", "Veracruz", "Uruapan" },
    { { "MXZLO", "Manzanillo" }, { "MXVER", "Veracruz" }, { "MXLZC", "Lázaro Cárdenas" } },
    { { "Aguacates de Michoacán S.A. de C.V.", "Carretera Uruapan km 4", "Uruapan" },
      { "Mangos del Pacífico S.A.", "Blvd. Costero 300", "Mazatlán" },
      { "Frutas Tropicales del Golfo", "Av. Ignacio Allende 12", "Veracruz" } },
    { "José Hernández", "María Pérez", "Luis Ramírez" } },
  { "MY", 480, 2, ECERT_SAMPLE_NUMBER_SPACED,
    "ms", "MH", { "Kuala Lumpur", "Port Klang", "Johor Bahru" },
    { { "MYPKG", "Port Klang" }, { "MYTPP", "Tanjung Pelepas" }, { "MYPEN", "Penang" } },
    { { "Raub Durian Exporters Sdn. Bhd.", "Lot 12, Jalan Lipis", "Raub" },
      { "Cameron Highlands Orchid Growers Sdn. Bhd.", "5 Jalan Besar", "Tanah Rata" },
      { "Johor Coconut Plantations Bhd.", "8 Jalan Pelabuhan", "Johor Bahru" } },
    { "Ahmad Faizal", "Nurul Aisyah", "Tan Wei Ming" } },
  { "NL", 60, 2, ECERT_SAMPLE_NUMBER_SPACED,
    "nl", "KL", { "Rotterdam", "Amsterdam", "Lisse" },
    { { "NLRTM", "Rotterdam" }, { "NLAMS", "Amsterdam" }, { "NLRTM", "Rotterdam" } },
    { { "Bollenkwekerij De Tulp B.V.", "Heereweg 120", "Lisse" },
      { "Holland Seed Potato Export B.V.", "Marknesserweg 8", "Emmeloord" },
      { "Rotterdam Fresh Logistics B.V.", "Maasvlakteweg 2", "Rotterdam" } },
    { "Daan de Vries", "Sanne Jansen", "Pieter Bakker" } },
  { "NZ", 780, 14, ECERT_SAMPLE_NUMBER_DASHED,
    NULL, "NZ", { "Auckland", "Tauranga", "Napier" },
    { { "NZTRG", "Tauranga" }, { "NZAKL", "Auckland" }, { "NZNPE", "Napier" } },
    { { "Kiwi Orchards Ltd", "12 Orchard Road, Te Puke", "Tauranga" },
      { "Hawke's Bay Apple Exporters Ltd", "301 Pakowhai Road", "Hastings" },
      { "Central North Island Forests Ltd", "7 Mill Road", "Kawerau" } },
    { "Aroha Ngata", "James Taylor", "Mere Parata" } },
  { "PE", -300, 6, ECERT_SAMPLE_NUMBER_SLASHED,
    "es", "LA", { "Callao", "Paita", "Ica" },
    { { "PECLL", "Callao" }, { "PEPAI", "Paita" }, { "PECLL", "Callao" } },
    { { "Agrícola Chavín de Huántar S.A.", "Panamericana Norte km 512", "Trujillo" },
      { "Camposol S.A.", "Av. El Derby 250", "Lima" },
      { "Frutos del Norte S.A.C.", "Carretera Piura–Sullana km 7", "Piura" } },
    { "Rosa Quispe", "Carlos Mendoza", "Elena Huamán" } },
  { "PH", 480, 2, ECERT_SAMPLE_NUMBER_SLASHED,
    NULL, "PR", { "Davao", "Manila", "Cebu" },
    { { "PHDVO", "Davao" }, { "PHMNL", "Manila" }, { "PHCEB", "Cebu" } },
    { { "Mindanao Banana Growers Corp.", "Km 12 Diversion Road", "Davao City" },
      { "Bukidnon Pineapple Plantations Inc.", "Camp Phillips", "Manolo Fortich" },
      { "Quezon Coconut Exporters Inc.", "Maharlika Highway", "Lucena" } },
    { "Maria Santos", "Jose Reyes", "Ana Cruz" } },
  { "RU", 600, 1, ECERT_SAMPLE_NUMBER_SLASHED,
    "ru", "SU", { "Vladivostok", "Novosibirsk", "Barnaul" },
    { { "RUVVO", "Vladivostok" }, { "RUNJK", "Nakhodka" }, { "RUVYP", "Vostochny" } },
    { { "Sibirskoe Zerno LLC", "ul. Lenina 15", "Novosibirsk" },
      { "Primorye Agro JSC", "ul. Svetlanskaya 30", "Vladivostok" },
      { "Altai Grain Company LLC", "pr. Lenina 50", "Barnaul" } },
    { "Dmitry Ivanov", "Olga Petrova", "Sergei Smirnov" } },
  { "TH", 420, 6, ECERT_SAMPLE_NUMBER_SPACED,
    "th", "TG", { "Bangkok", "Laem Chabang", "Chanthaburi" },
    { { "THLCH", "Laem Chabang" }, { "THBKK", "Bangkok" }, { "THLCH", "Laem Chabang" } },
    { { "Chanthaburi Durian Export Co., Ltd.", "99 Moo 4, Tha Mai", "Chanthaburi" },
      { "Siam Tropical Fruits Co., Ltd.", "55 Rama IV Road", "Bangkok" },
      { "Golden Jasmine Rice Mill Co., Ltd.", "8 Moo 2", "Ubon Ratchathani" } },
    { "Somchai Wongsakul", "Nattaya Srisuk", "Anan Boonmee" } },
  { "US", -480, 10, ECERT_SAMPLE_NUMBER_PREFIXED,
    NULL, "UA", { "Los Angeles", "Seattle", "Savannah" },
    { { "USLAX", "Los Angeles" }, { "USSEA", "Seattle" }, { "USSAV", "Savannah" } },
    { { "Central Valley Nut Growers Inc.", "1200 Almond Avenue", "Modesto, CA" },
      { "Columbia River Orchards LLC", "45 Fruit Loop Road", "Wenatchee, WA" },
      { "Midwest Grain Partners LLC", "3 Elevator Street", "Des Moines, IA" } },
    { "Emily Johnson", "Michael Smith", "Sarah Davis" } },
  { "UY", -180, 1, ECERT_SAMPLE_NUMBER_PREFIXED,
    "es", "LA", { "Montevideo", "Salto", "Paysandú" },
    { { "UYMVD", "Montevideo" }, { "UYNVP", "Nueva Palmira" }, { "UYFZB", "Fray Bentos" } },
    { { "Citrícola Salteña S.A.", "Ruta 3 km 501", "Salto" },
      { "Forestal del Litoral S.A.", "Ruta 24 km 13", "Paysandú" },
      { "Granos del Plata S.A.", "Rambla 25 de Agosto 300", "Montevideo" } },
    { "Sofía Rodríguez", "Diego Pereira", "Martina Silva" } },
  { "VN", 420, 6, ECERT_SAMPLE_NUMBER_DASHED,
    "vi", "VN", { "Ho Chi Minh City", "Hai Phong", "Can Tho" },
    { { "VNSGN", "Ho Chi Minh City" }, { "VNHPH", "Hai Phong" }, { "VNCMT", "Cai Mep" } },
    { { "Mekong Dragon Fruit Co., Ltd.", "12 Ham Tu Street", "Binh Thuan" },
      { "Saigon Rice Export JSC", "68 Nguyen Hue", "Ho Chi Minh City" },
      { "Tien Giang Fruit Export JSC", "Highway 1A", "My Tho" } },
    { "Nguyen Van An", "Tran Thi Bich", "Le Minh Tuan" } },
  { "ZA", 120, 5, ECERT_SAMPLE_NUMBER_PREFIXED,
    "af", "SA", { "Cape Town", "Durban", "Port Elizabeth" },
    { { "ZACPT", "Cape Town" }, { "ZADUR", "Durban" }, { "ZAPLZ", "Port Elizabeth" } },
    { { "Sundays River Citrus Company", "R336 Kirkwood Road", "Kirkwood" },
      { "Ceres Fruit Growers (Pty) Ltd", "1 Vos Street", "Ceres" },
      { "Limpopo Macadamia Processors", "Main Road", "Levubu" } },
    { "Thandiwe Nkosi", "Pieter van der Merwe", "Sipho Dlamini" } },
};

static const EcertSampleImporter importers[] = {
  { ECERT_SAMPLE_MAIN_IMPORTER,
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

static const char * const container_owners[] = {
  "MSKU", "CMAU", "MSCU", "CSNU", "ONEU", "HLXU", "TCLU", "OOLU", "SEGU", "TGHU",
};

/* A 40×40 PNG of an official stamp, for the scanned permits. */
static const char stamp_png_base64[] =
  "iVBORw0KGgoAAAANSUhEUgAAACgAAAAoCAIAAAADnC86AAAArklEQVR42u3YwQ2AIAwF0D+JZ/eP"
  "4zCEG8jVxLa2FfIFNRwhj6KxLThID4aBt2UVRy9Y89I7QEMyxCNKNplswelX6FyI6OK9FHFEbdiq"
  "h/Tw97A420OKvGGrcFrVbAu+bjCnnm0taBjhPlFFW4ZbHbLzwNEvXDtoNtxJNewXw7ns9MMjwZN+"
  "1d/7czGTBC0tMgsBWunDLPZo5S2zoGe2MMymjdmmkhtz8lXEPLc+FdFtHlbkBWFxAAAAAElFTkSu"
  "QmCC";

/* A year of a country's imports comes from thousands of traders: their
 * names are made of these words, some forty thousand in all. */
static const char * const trader_starts[] = {
  "Golden", "Southern", "Pacific", "Green Valley", "Blue Ridge", "Sunrise", "Highland",
  "Riverside", "Northern", "Silver Fern", "Andes", "Coastal", "Prairie", "Evergreen",
  "Red Earth", "Harbour", "Summit", "Lakeside", "Orchard Hill", "Westfield", "Eastern Cape",
  "Delta", "Canyon", "Meridian", "Aurora", "Cedar", "Oakwood", "Willow Creek", "Pinnacle",
  "Crystal Bay", "Monte Verde", "San Rafael", "Los Andes", "Valle Central", "Terra Nova",
  "Sol de Oro", "Mekong", "Chao Phraya", "Tasman", "Kaimai",
};

static const char * const trader_middles[] = {
  "Orchards", "Farms", "Produce", "Exports", "Growers", "Trading", "Harvest", "Fruit",
  "Grain", "Timber", "Agri", "Fresh", "Packers", "Horticulture", "Nurseries", "Seeds",
  "Plantations", "Foods", "Commodities", "Berries", "Citrus", "Forestry", "Cooperative",
  "Estates", "Logistics", "Organics", "Vineyards", "Nut Company", "Ranch", "Gardens",
  "Holdings", "International", "Partners", "Brothers", "Valley Packers", "Cold Chain",
  "Agro", "Fields", "Sprouts", "Fruticola",
};

static const char * const trader_ends[] = {
  "Ltd", "S.A.", "LLC", "Pty Ltd", "GmbH", "S.p.A.", "Co., Ltd.", "SAC",
};

static const char * const chinese_cities[] = {
  "上海", "广州", "深圳", "北京", "天津", "青岛", "大连", "宁波", "厦门", "成都",
  "重庆", "武汉", "南京", "杭州", "昆明",
};

static const char * const chinese_trades[] = {
  "鲜果", "农产品", "粮油", "木业", "食品", "果业", "国际贸易", "绿色农业", "进出口", "冷链",
};

static const char * const chinese_forms[] = {
  "有限公司", "进出口有限公司", "贸易有限公司", "集团有限公司",
};

/* The commonest road names of Chinese cities. */
static const char * const chinese_roads[] = {
  "中山路", "人民路", "解放路", "建设路", "和平路", "长江路", "新华路", "胜利路",
};

static const char * const shipping_lines[] = {
  "Maersk", "MSC", "COSCO Shipping", "CMA CGM", "Evergreen", "Hapag-Lloyd", "ONE", "Yang Ming",
  "HMM", "ZIM",
};

static const char * const ship_names[] = {
  "Kowloon", "Aurora", "Taurus", "Marco Polo", "Ever Glory", "Berlin Express", "Harmony",
  "Shanghai", "Valparaíso", "Tauranga", "Pacific Star", "Seattle", "Lotus", "Orion", "Atlantic",
  "Jade", "Pearl River", "Southern Cross", "Andes", "Mekong", "Sirius", "Vega", "Cassiopeia",
  "Nile", "Auckland", "Santos", "Callao", "Durban", "Busan", "Manila",
};

/* Every port of entry of the main importer, not only the demonstration's
 * four. */
static const EcertSamplePort main_importer_ports[] = {
  { "CNSHA", "Shanghai" }, { "CNNGB", "Ningbo" }, { "CNSZX", "Shenzhen" },
  { "CNCAN", "Guangzhou" }, { "CNTAO", "Qingdao" }, { "CNTSN", "Tianjin" },
  { "CNDLC", "Dalian" }, { "CNXMN", "Xiamen" }, { "CNLYG", "Lianyungang" },
  { "CNZJG", "Zhangjiagang" },
};

static const EcertSamplePort main_importer_airports[] = {
  { "CNPVG", "Shanghai Pudong International Airport" },
  { "CNPEK", "Beijing Capital International Airport" },
  { "CNCTU", "Chengdu Shuangliu International Airport" },
};

#define WORDS(list) { (list), G_N_ELEMENTS (list) }

static const EcertSampleVolumeWords volume_words = {
  WORDS (trader_starts),
  WORDS (trader_middles),
  WORDS (trader_ends),
  WORDS (chinese_cities),
  WORDS (chinese_trades),
  WORDS (chinese_forms),
  WORDS (chinese_roads),
  WORDS (shipping_lines),
  WORDS (ship_names),
  main_importer_ports,
  G_N_ELEMENTS (main_importer_ports),
  main_importer_airports,
  G_N_ELEMENTS (main_importer_airports),
};

#define TABLE_ACCESSOR(type, function, table)   \
  type *                                         \
  function (guint *n_rows)                       \
  {                                              \
    *n_rows = G_N_ELEMENTS (table);              \
    return table;                                \
  }

TABLE_ACCESSOR (const EcertSampleCountry, ecert_sample_tables_countries, countries)
TABLE_ACCESSOR (const EcertSampleCommodity, ecert_sample_tables_commodities, commodities)
TABLE_ACCESSOR (const EcertSampleExporter, ecert_sample_tables_exporters, exporters)
TABLE_ACCESSOR (const EcertSampleImporter, ecert_sample_tables_importers, importers)
TABLE_ACCESSOR (const char * const, ecert_sample_tables_vessels, vessels)
TABLE_ACCESSOR (const char * const, ecert_sample_tables_bulk_carriers, bulk_carriers)
TABLE_ACCESSOR (const char * const, ecert_sample_tables_replacement_reasons, replacement_reasons)
TABLE_ACCESSOR (const char * const, ecert_sample_tables_container_owners, container_owners)

const EcertSampleVolumeWords *
ecert_sample_tables_volume_words (void)
{
  return &volume_words;
}

const char *
ecert_sample_tables_stamp_png_base64 (void)
{
  return stamp_png_base64;
}

static int
compare_country_code (const void *key,
                      const void *element)
{
  return strcmp (key, ((const EcertSampleCountry *) element)->code);
}

/**
 * ecert_sample_tables_find_country:
 * @code: an ISO 3166-1 alpha-2 code, upper case
 *
 * Returns: (nullable): the country's names, or %NULL for a country the
 *   tables do not know
 */
const EcertSampleCountry *
ecert_sample_tables_find_country (const char *code)
{
  if (code == NULL)
    return NULL;

  return bsearch (code, countries, G_N_ELEMENTS (countries), sizeof countries[0],
                  compare_country_code);
}

/* Whether @country is one of the commodity's exporters: a whole code of
 * its list, not two letters of it. */
gboolean
ecert_sample_commodity_exported_by (const EcertSampleCommodity *commodity,
                                    const char                 *country)
{
  gsize length = strlen (country);

  for (const char *code = commodity->exporters; *code != '\0';)
    {
      gsize code_length = strcspn (code, " ");

      if (code_length == length && strncmp (code, country, length) == 0)
        return TRUE;
      code += code_length;
      code += strspn (code, " ");
    }

  return FALSE;
}
