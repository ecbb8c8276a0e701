/* ecert-codes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ecert-codes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ecert-codes.h"

/* A certificate carries codes, an inspector reads words. Each table holds
 * only codes whose meaning could be checked against the list that defines
 * them; an unknown code gives NULL so that the caller shows the raw code
 * rather than a guess. */
typedef struct
{
  const char *code;
  const char *label;
} CodeLabel;

/* UN/CEFACT code list 1001 (document name code): the entries of the SPS
 * range (850 to 859) and the re-export certificate that ePhyto exchanges. */
static const CodeLabel document_types[] = {
  /* Translators: the ISPM 12 model certificate used when a consignment is
   * exported again from a country that imported it. */
  { "657", N_("Phytosanitary certificate for re-export") },
  { "850", N_("Application for phytosanitary certificate") },
  { "851", N_("Phytosanitary certificate") },
  /* Translators: a certificate for food and animal products. */
  { "852", N_("Sanitary certificate") },
  /* Translators: a certificate for live animals. */
  { "853", N_("Veterinary certificate") },
  { "855", N_("Application for inspection certificate") },
  { "856", N_("Inspection certificate") },
};

/* Document status codes as ePhyto uses them in SPSExchangedDocument and in
 * the hub envelope. The acknowledgement statuses (approved, rejected...) are
 * left out until their numbers can be confirmed. */
static const CodeLabel statuses[] = {
  /* Translators: status of a certificate that its issuer has withdrawn. */
  { "40", N_("Withdrawn") },
  /* Translators: status of a certificate in force. */
  { "70", N_("Issued") },
};

/* The StatusCode of an SPSAcknowledgement: UN/CEFACT code list 1373
 * (document status), the numeric list the schema's integer expects. Only
 * the codes an inspector and an issuing NPPO exchange about a certificate;
 * see EcertAcknowledgementStatus. */
static const CodeLabel acknowledgement_statuses[] = {
  /* Translators: an acknowledgement status, the certificate is accepted. */
  { "1", N_("Accepted") },
  { "3", N_("Conditionally accepted") },
  /* Translators: an acknowledgement status, the message asks for nothing. */
  { "5", N_("Information only") },
  /* Translators: an acknowledgement status, a document (a confirmation, a
   * replacement certificate) is asked to be issued and sent. */
  { "7", N_("Document requested") },
  { "8", N_("Rejected") },
  /* Translators: an acknowledgement status, the issuer confirms that the
   * certificate is genuine and in force. */
  { "10", N_("Certificate confirmed valid") },
  /* Translators: an acknowledgement status, the issuer has no such
   * certificate: it was not issued by them. */
  { "11", N_("No such certificate issued") },
};

/* Measures taken at the border, by the codes inquiries carry them as. */
static const CodeLabel border_measures[] = {
  /* Translators: a measure taken at the border, the consignment was let in. */
  { "released", N_("Released") },
  /* Translators: a measure taken at the border, the consignment is held
   * until the exporting country replies. */
  { "detained", N_("Detained pending reply") },
  /* Translators: a measure taken at the border, the consignment is sent back
   * or on to another country. */
  { "re-export", N_("Re-export") },
  { "destruction", N_("Destruction") },
  /* Translators: a measure taken at the border, e.g. fumigation. */
  { "treatment", N_("Treatment") },
  { "sampled", N_("Sampled for testing") },
  { "refused-entry", N_("Refused entry") },
};

/* UN/ECE Recommendation 19, codes for modes of transport. */
static const CodeLabel transport_modes[] = {
  { "0", N_("Mode of transport not specified") },
  { "1", N_("Maritime transport") },
  { "2", N_("Rail transport") },
  { "3", N_("Road transport") },
  { "4", N_("Air transport") },
  /* Translators: a mode of transport, goods sent by post. */
  { "5", N_("Mail") },
  { "6", N_("Multimodal transport") },
  /* Translators: a mode of transport such as a pipeline or a conveyor. */
  { "7", N_("Fixed transport installation") },
  { "8", N_("Inland water transport") },
  { "9", N_("Mode of transport not applicable") },
};

/* ePhyto note subjects. The suffix says where a note sits: EDL on the
 * exchanged document, CL on the consignment, TLIL on a trade line item. The
 * RPC subjects carry the ticks and blanks of the ISPM 12 re-export
 * statement; several carry "True" or "False" as their content. */
static const CodeLabel note_subjects[] = {
  /* Translators: the certificate's statement that the plant protection
   * organization bears no financial liability for it (ISPM 12). */
  { "SPSFL", N_("Financial liability statement") },
  { "ADEDL", N_("Additional declaration") },
  { "ADIPEDL", N_("Import permit number") },
  { "ADDIEDL", N_("Date of inspection") },
  { "ADAOEDL", N_("Additional official information") },
  /* Translators: a code naming the statement "This certificate replaces
   * and cancels..." on a replacement certificate. */
  { "ADRP", N_("Replacement statement") },
  { "ADRPN", N_("Replaced certificate number") },
  { "ADRPR", N_("Reason for replacement") },
  /* Translators: the date on which the certificate being replaced was
   * issued, as the replacement statement quotes it. */
  { "ADRD", N_("Issue date of replaced certificate") },
  { "DMCL", N_("Distinguishing marks") },
  { "ADTLIL", N_("Additional declaration") },
  { "ADIPTLIL", N_("Import permit number") },
  { "ADDITLIL", N_("Date of inspection") },
  { "ADAOTLIL", N_("Additional official information") },
  { "DMTLIL", N_("Distinguishing marks") },
  { "OPTND", N_("Number and description of packages") },
  /* Translators: a quantity given in a unit other than weight or volume,
   * e.g. "33" plants; its unit comes in a separate note. */
  { "OQV", N_("Other quantity") },
  { "OQU", N_("Unit of other quantity") },
  { "RPCST", N_("Re-export statement") },
  /* Translators: the country that issued the original phytosanitary
   * certificate of a re-exported consignment. */
  { "RPCCO", N_("Country of origin (re-export)") },
  { "RPCRF", N_("Original phytosanitary certificate number") },
  { "RPCOR", N_("Original certificate attached") },
  { "RPCTC", N_("Certified true copy attached") },
  /* Translators: re-export tick box, the consignment is packed (as opposed
   * to repacked). */
  { "RPCPK", N_("Packed") },
  /* Translators: re-export tick box, the consignment was repacked. */
  { "RPCRP", N_("Repacked") },
  { "RPCOC", N_("In original containers") },
  { "RPCNC", N_("In new containers") },
  /* Translators: re-export tick box, conformity rests on the original
   * phytosanitary certificate. */
  { "RPCPC", N_("Based on the original phytosanitary certificate") },
  /* Translators: re-export tick box, conformity rests on an additional
   * inspection in the country of re-export. */
  { "RPCAI", N_("Based on additional inspection") },
};

/* UN/CEFACT code list 7075 (packaging level), the list behind the SPS
 * schema's LevelCode; ePhyto's sample packs its level 1 bags into level 2
 * boxes, which reads the same way. */
static const CodeLabel package_levels[] = {
  { "1", N_("Inner packaging") },
  { "2", N_("Intermediate packaging") },
  { "3", N_("Outer packaging") },
  { "4", N_("No packaging hierarchy") },
};

/* UN/ECE Recommendation 21, the package types met on plant consignments. */
static const CodeLabel package_types[] = {
  { "BA", N_("Barrel") },
  { "BE", N_("Bundle") },
  { "BG", N_("Bag") },
  { "BH", N_("Bunch") },
  { "BK", N_("Basket") },
  { "BL", N_("Bale, compressed") },
  { "BN", N_("Bale, non-compressed") },
  { "BX", N_("Box") },
  { "CN", N_("Container, not otherwise specified as transport equipment") },
  { "CR", N_("Crate") },
  { "CS", N_("Case") },
  { "CT", N_("Carton") },
  { "DR", N_("Drum") },
  { "GY", N_("Bag, gunny") },
  { "JT", N_("Jutebag") },
  { "LG", N_("Log") },
  { "NE", N_("Unpacked or unpackaged") },
  { "NT", N_("Net") },
  { "PJ", N_("Punnet") },
  { "PK", N_("Package") },
  { "PP", N_("Piece") },
  { "PU", N_("Tray pack") },
  { "PX", N_("Pallet") },
  { "SA", N_("Sack") },
  { "TU", N_("Tube") },
  { "VL", N_("Bulk, liquid") },
  { "VO", N_("Bulk, solid, large particles (nodules)") },
  { "VR", N_("Bulk, solid, granular particles (grains)") },
  { "VY", N_("Bulk, solid, fine particles (powders)") },
  /* Translators: a package type agreed between the trading parties. */
  { "ZZ", N_("Mutually defined") },
};

/* ISO 639-1 codes of the languages certificate texts are written in. */
static const CodeLabel languages[] = {
  { "ar", N_("Arabic") },
  { "cs", N_("Czech") },
  { "da", N_("Danish") },
  { "de", N_("German") },
  { "el", N_("Greek") },
  { "en", N_("English") },
  { "es", N_("Spanish") },
  { "fi", N_("Finnish") },
  { "fr", N_("French") },
  { "he", N_("Hebrew") },
  { "hi", N_("Hindi") },
  { "hu", N_("Hungarian") },
  { "id", N_("Indonesian") },
  { "it", N_("Italian") },
  { "ja", N_("Japanese") },
  { "ko", N_("Korean") },
  { "ms", N_("Malay") },
  { "nb", N_("Norwegian Bokmål") },
  { "nl", N_("Dutch") },
  { "nn", N_("Norwegian Nynorsk") },
  { "no", N_("Norwegian") },
  { "pl", N_("Polish") },
  { "pt", N_("Portuguese") },
  { "ro", N_("Romanian") },
  { "ru", N_("Russian") },
  { "sv", N_("Swedish") },
  { "th", N_("Thai") },
  { "tr", N_("Turkish") },
  { "uk", N_("Ukrainian") },
  { "vi", N_("Vietnamese") },
  { "zh", N_("Chinese") },
};

/* National systems pad codes with spaces and line breaks; comparing on the
 * trimmed span, rather than on a trimmed copy, keeps lookups free of
 * allocation. */
static const char *
trim_span (const char *text,
           gsize      *length)
{
  gsize len;

  while (g_ascii_isspace (*text))
    text++;

  len = strlen (text);
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;

  *length = len;
  return text;
}

static gboolean
span_equals (const char *code,
             const char *span,
             gsize       length,
             gboolean    ignore_case)
{
  if (strlen (code) != length)
    return FALSE;

  if (ignore_case)
    return g_ascii_strncasecmp (code, span, length) == 0;

  return strncmp (code, span, length) == 0;
}

static const char *
lookup_label (const CodeLabel *table,
              gsize            n_entries,
              const char      *code,
              gboolean         ignore_case)
{
  const char *span;
  gsize length;

  if (code == NULL)
    return NULL;

  span = trim_span (code, &length);
  if (length == 0)
    return NULL;

  for (gsize i = 0; i < n_entries; i++)
    {
      if (span_equals (table[i].code, span, length, ignore_case))
        return _(table[i].label);
    }

  return NULL;
}

#define LOOKUP(table, code) lookup_label (table, G_N_ELEMENTS (table), code, FALSE)

/**
 * ecert_codes_document_type_label:
 * @code: (nullable): a UN/CEFACT 1001 document name code, e.g. "851"
 *
 * Returns: (nullable): the translated name of the document, or %NULL when
 *   @code is %NULL or unknown
 */
const char *
ecert_codes_document_type_label (const char *code)
{
  return LOOKUP (document_types, code);
}

/**
 * ecert_codes_status_label:
 * @code: (nullable): a document status code, e.g. "70"
 *
 * Returns: (nullable): the translated status, or %NULL when @code is %NULL
 *   or unknown
 */
const char *
ecert_codes_status_label (const char *code)
{
  return LOOKUP (statuses, code);
}

/**
 * ecert_codes_transport_mode_label:
 * @code: (nullable): a UN/ECE Recommendation 19 mode of transport, e.g. "1"
 *
 * Returns: (nullable): the translated mode of transport, or %NULL when
 *   @code is %NULL or unknown
 */
const char *
ecert_codes_transport_mode_label (const char *code)
{
  return LOOKUP (transport_modes, code);
}

/**
 * ecert_codes_note_subject_label:
 * @code: (nullable): the Subject of an ePhyto note, e.g. "ADEDL"
 *
 * Subjects are compared case-sensitively: ePhyto defines them in upper case
 * and a different case is a different, unknown subject.
 *
 * Returns: (nullable): the translated heading for the note, or %NULL when
 *   @code is %NULL or unknown
 */
const char *
ecert_codes_note_subject_label (const char *code)
{
  return LOOKUP (note_subjects, code);
}

/**
 * ecert_codes_package_level_label:
 * @code: (nullable): the LevelCode of a PhysicalSPSPackage, e.g. "1"
 *
 * Returns: (nullable): the translated packaging level, or %NULL when @code
 *   is %NULL or unknown
 */
const char *
ecert_codes_package_level_label (const char *code)
{
  return LOOKUP (package_levels, code);
}

/**
 * ecert_codes_package_type_label:
 * @code: (nullable): a UN/ECE Recommendation 21 package type, e.g. "BX"
 *
 * Returns: (nullable): the translated package type, or %NULL when @code is
 *   %NULL or unknown
 */
const char *
ecert_codes_package_type_label (const char *code)
{
  return LOOKUP (package_types, code);
}

/**
 * ecert_codes_language_name:
 * @language_id: (nullable): the languageID of a text, an ISO 639-1 code
 *
 * Language tags are case-insensitive (BCP 47) and senders do write "EN", so
 * unlike the other codes this one is matched without regard to case.
 *
 * Returns: (nullable): the language's name in the user's language, or %NULL
 *   when @language_id is %NULL or unknown
 */
const char *
ecert_codes_language_name (const char *language_id)
{
  return lookup_label (languages, G_N_ELEMENTS (languages), language_id, TRUE);
}

/**
 * ecert_codes_acknowledgement_status_label:
 * @code: (nullable): the StatusCode of an acknowledgement, e.g. "10"
 *
 * Returns: (nullable): the translated status, or %NULL when @code is %NULL
 *   or unknown
 */
const char *
ecert_codes_acknowledgement_status_label (const char *code)
{
  return LOOKUP (acknowledgement_statuses, code);
}

/**
 * ecert_codes_border_measure_label:
 * @code: (nullable): a measure as inquiries carry it, e.g. "detained"
 *
 * Returns: (nullable): the translated measure, or %NULL when @code is
 *   %NULL or unknown
 */
const char *
ecert_codes_border_measure_label (const char *code)
{
  return LOOKUP (border_measures, code);
}

/**
 * ecert_codes_border_measure_english:
 * @code: (nullable): a measure as inquiries carry it, e.g. "detained"
 *
 * The measure's name as it goes to another country, which reads English
 * more often than the sender's language.
 *
 * Returns: (nullable): the untranslated name, or %NULL when @code is
 *   %NULL or unknown
 */
const char *
ecert_codes_border_measure_english (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (border_measures); i++)
    if (strcmp (border_measures[i].code, code) == 0)
      return border_measures[i].label;

  return NULL;
}
