/* test-codes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-core.h"

typedef const char *(*LabelFunc) (const char *code);

/* Every code each table knows, so that a code dropped from a table or a
 * label left empty fails here. */
static const char *document_type_codes[] = {
  "657", "850", "851", "852", "853", "855", "856",
};
static const char *status_codes[] = {
  "40", "70",
};
static const char *transport_mode_codes[] = {
  "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
};
static const char *note_subject_codes[] = {
  "SPSFL", "ADEDL", "ADIPEDL", "ADDIEDL", "ADAOEDL", "ADRP", "ADRPN", "ADRPR", "ADRD",
  "DMCL", "ADTLIL", "ADIPTLIL", "ADDITLIL", "ADAOTLIL", "DMTLIL", "OPTND", "OQV", "OQU",
  "RPCST", "RPCCO", "RPCRF", "RPCOR", "RPCTC", "RPCPK", "RPCRP", "RPCOC", "RPCNC",
  "RPCPC", "RPCAI",
};
static const char *package_level_codes[] = {
  "1", "2", "3", "4",
};
static const char *package_type_codes[] = {
  "BA", "BE", "BG", "BH", "BK", "BL", "BN", "BX", "CN", "CR", "CS", "CT", "DR", "GY",
  "JT", "LG", "NE", "NT", "PJ", "PK", "PP", "PU", "PX", "SA", "TU", "VL", "VO", "VR",
  "VY", "ZZ",
};
static const char *language_codes[] = {
  "ar", "cs", "da", "de", "el", "en", "es", "fi", "fr", "he", "hi", "hu", "id", "it",
  "ja", "ko", "ms", "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sv", "th", "tr",
  "uk", "vi", "zh",
};

static const struct {
  const char *name;
  LabelFunc label;
  const char **codes;
  guint n_codes;
} tables[] = {
  { "document type", ecert_codes_document_type_label,
    document_type_codes, G_N_ELEMENTS (document_type_codes) },
  { "status", ecert_codes_status_label, status_codes, G_N_ELEMENTS (status_codes) },
  { "transport mode", ecert_codes_transport_mode_label,
    transport_mode_codes, G_N_ELEMENTS (transport_mode_codes) },
  { "note subject", ecert_codes_note_subject_label,
    note_subject_codes, G_N_ELEMENTS (note_subject_codes) },
  { "package level", ecert_codes_package_level_label,
    package_level_codes, G_N_ELEMENTS (package_level_codes) },
  { "package type", ecert_codes_package_type_label,
    package_type_codes, G_N_ELEMENTS (package_type_codes) },
  { "language", ecert_codes_language_name, language_codes, G_N_ELEMENTS (language_codes) },
};

static void
test_document_types (void)
{
  g_assert_cmpstr (ecert_codes_document_type_label ("851"), ==, "Phytosanitary certificate");
  g_assert_cmpstr (ecert_codes_document_type_label ("657"), ==,
                   "Phytosanitary certificate for re-export");
  g_assert_cmpstr (ecert_codes_document_type_label ("852"), ==, "Sanitary certificate");
  g_assert_cmpstr (ecert_codes_document_type_label ("853"), ==, "Veterinary certificate");
  g_assert_cmpstr (ecert_codes_document_type_label ("856"), ==, "Inspection certificate");

  /* 854 is not in list 1001, 896 is an INTRASTAT declaration. */
  g_assert_null (ecert_codes_document_type_label ("854"));
  g_assert_null (ecert_codes_document_type_label ("896"));
  g_assert_null (ecert_codes_document_type_label ("8510"));
  g_assert_null (ecert_codes_document_type_label ("85"));
}

static void
test_statuses (void)
{
  g_assert_cmpstr (ecert_codes_status_label ("70"), ==, "Issued");
  g_assert_cmpstr (ecert_codes_status_label ("40"), ==, "Withdrawn");

  g_assert_null (ecert_codes_status_label ("7"));
  g_assert_null (ecert_codes_status_label ("700"));
  g_assert_null (ecert_codes_status_label ("39"));
}

static void
test_transport_modes (void)
{
  g_assert_cmpstr (ecert_codes_transport_mode_label ("0"), ==, "Mode of transport not specified");
  g_assert_cmpstr (ecert_codes_transport_mode_label ("1"), ==, "Maritime transport");
  g_assert_cmpstr (ecert_codes_transport_mode_label ("3"), ==, "Road transport");
  g_assert_cmpstr (ecert_codes_transport_mode_label ("4"), ==, "Air transport");
  g_assert_cmpstr (ecert_codes_transport_mode_label ("8"), ==, "Inland water transport");
  g_assert_cmpstr (ecert_codes_transport_mode_label ("9"), ==, "Mode of transport not applicable");

  g_assert_null (ecert_codes_transport_mode_label ("10"));
  g_assert_null (ecert_codes_transport_mode_label ("-1"));
}

static void
test_note_subjects (void)
{
  /* Every subject the ePhyto sample certificate uses. */
  static const char *sample_subjects[] = {
    "SPSFL", "ADEDL", "ADIPEDL", "ADDIEDL", "ADAOEDL", "ADRP", "ADRPN", "ADRPR", "ADRD",
    "DMCL", "RPCST", "RPCCO", "RPCRF", "RPCOR", "RPCTC", "RPCPK", "RPCRP", "RPCOC",
    "RPCNC", "RPCPC", "RPCAI", "DMTLIL", "ADTLIL", "ADIPTLIL", "ADDITLIL", "ADAOTLIL",
    "OPTND", "OQV", "OQU",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sample_subjects); i++)
    {
      if (ecert_codes_note_subject_label (sample_subjects[i]) == NULL)
        g_error ("the sample's subject “%s” has no label", sample_subjects[i]);
    }

  g_assert_cmpstr (ecert_codes_note_subject_label ("ADEDL"), ==, "Additional declaration");
  g_assert_cmpstr (ecert_codes_note_subject_label ("ADTLIL"), ==, "Additional declaration");
  g_assert_cmpstr (ecert_codes_note_subject_label ("ADIPEDL"), ==, "Import permit number");
  g_assert_cmpstr (ecert_codes_note_subject_label ("ADDITLIL"), ==, "Date of inspection");
  g_assert_cmpstr (ecert_codes_note_subject_label ("DMCL"), ==, "Distinguishing marks");
  g_assert_cmpstr (ecert_codes_note_subject_label ("ADRPN"), ==, "Replaced certificate number");
  g_assert_cmpstr (ecert_codes_note_subject_label ("ADRPR"), ==, "Reason for replacement");
  g_assert_cmpstr (ecert_codes_note_subject_label ("OPTND"), ==,
                   "Number and description of packages");

  /* Subjects are upper-case identifiers: another case is another subject. */
  g_assert_null (ecert_codes_note_subject_label ("spsfl"));
  g_assert_null (ecert_codes_note_subject_label ("Adedl"));
  g_assert_null (ecert_codes_note_subject_label ("ADED"));
  g_assert_null (ecert_codes_note_subject_label ("ADEDLX"));
  g_assert_null (ecert_codes_note_subject_label ("TTFT"));
}

static void
test_package_levels (void)
{
  g_assert_cmpstr (ecert_codes_package_level_label ("1"), ==, "Inner packaging");
  g_assert_cmpstr (ecert_codes_package_level_label ("2"), ==, "Intermediate packaging");
  g_assert_cmpstr (ecert_codes_package_level_label ("3"), ==, "Outer packaging");

  g_assert_null (ecert_codes_package_level_label ("0"));
  g_assert_null (ecert_codes_package_level_label ("5"));
}

static void
test_package_types (void)
{
  g_assert_cmpstr (ecert_codes_package_type_label ("BX"), ==, "Box");
  g_assert_cmpstr (ecert_codes_package_type_label ("BG"), ==, "Bag");
  g_assert_cmpstr (ecert_codes_package_type_label ("CT"), ==, "Carton");
  g_assert_cmpstr (ecert_codes_package_type_label ("PX"), ==, "Pallet");
  g_assert_cmpstr (ecert_codes_package_type_label ("BL"), ==, "Bale, compressed");
  g_assert_cmpstr (ecert_codes_package_type_label ("NE"), ==, "Unpacked or unpackaged");
  g_assert_cmpstr (ecert_codes_package_type_label ("ZZ"), ==, "Mutually defined");

  g_assert_null (ecert_codes_package_type_label ("bx"));
  g_assert_null (ecert_codes_package_type_label ("ZZZ"));
  g_assert_null (ecert_codes_package_type_label ("B"));
}

static void
test_languages (void)
{
  g_assert_cmpstr (ecert_codes_language_name ("en"), ==, "English");
  g_assert_cmpstr (ecert_codes_language_name ("zh"), ==, "Chinese");
  g_assert_cmpstr (ecert_codes_language_name ("nn"), ==, "Norwegian Nynorsk");
  g_assert_cmpstr (ecert_codes_language_name ("no"), ==, "Norwegian");
  g_assert_cmpstr (ecert_codes_language_name ("es"), ==, "Spanish");

  /* Language tags ignore case; senders do write "EN". */
  g_assert_cmpstr (ecert_codes_language_name ("EN"), ==, "English");
  g_assert_cmpstr (ecert_codes_language_name ("Nb"), ==, "Norwegian Bokmål");

  g_assert_null (ecert_codes_language_name ("eng"));
  g_assert_null (ecert_codes_language_name ("xx"));
  g_assert_null (ecert_codes_language_name ("e"));
}

static void
test_trimmed (void)
{
  g_assert_cmpstr (ecert_codes_document_type_label (" 851 "), ==, "Phytosanitary certificate");
  g_assert_cmpstr (ecert_codes_status_label ("\t70\r\n"), ==, "Issued");
  g_assert_cmpstr (ecert_codes_transport_mode_label ("\n 1"), ==, "Maritime transport");
  g_assert_cmpstr (ecert_codes_note_subject_label ("SPSFL\n"), ==,
                   "Financial liability statement");
  g_assert_cmpstr (ecert_codes_package_level_label ("\f2 "), ==, "Intermediate packaging");
  g_assert_cmpstr (ecert_codes_package_type_label ("  BX"), ==, "Box");
  g_assert_cmpstr (ecert_codes_language_name (" nn "), ==, "Norwegian Nynorsk");

  /* Trimming takes the ends only; a space inside keeps the code unknown. */
  g_assert_null (ecert_codes_document_type_label ("85 1"));
  g_assert_null (ecert_codes_note_subject_label ("ADE DL"));

  /* No copy is made: the trimmed and untrimmed lookups share one string. */
  g_assert_true (ecert_codes_status_label (" 70 ") == ecert_codes_status_label ("70"));
}

static void
test_null_and_empty (void)
{
  static const char *blank[] = { "", " ", "\t\r\n" };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_assert_null (tables[t].label (NULL));
      for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
        g_assert_null (tables[t].label (blank[i]));
    }
}

static void
test_tables_complete (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      for (guint i = 0; i < tables[t].n_codes; i++)
        {
          const char *code = tables[t].codes[i];
          const char *label = tables[t].label (code);

          if (label == NULL || label[0] == '\0')
            g_error ("%s “%s” has no label", tables[t].name, code);

          for (guint j = i + 1; j < tables[t].n_codes; j++)
            {
              if (g_str_equal (code, tables[t].codes[j]))
                g_error ("%s “%s” is listed twice", tables[t].name, code);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codes/document-types", test_document_types);
  g_test_add_func ("/codes/statuses", test_statuses);
  g_test_add_func ("/codes/transport-modes", test_transport_modes);
  g_test_add_func ("/codes/note-subjects", test_note_subjects);
  g_test_add_func ("/codes/package-levels", test_package_levels);
  g_test_add_func ("/codes/package-types", test_package_types);
  g_test_add_func ("/codes/languages", test_languages);
  g_test_add_func ("/codes/trimmed", test_trimmed);
  g_test_add_func ("/codes/null-and-empty", test_null_and_empty);
  g_test_add_func ("/codes/tables-complete", test_tables_complete);

  return g_test_run ();
}
