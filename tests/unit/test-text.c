/* test-text.c: an issuer's text made safe to show, and file names made of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ecert-core.h"

typedef struct
{
  const char *text;
  const char *one_line;
  const char *multi_line;
} SanitizeCase;

static void
check_sanitize (const SanitizeCase *cases,
                gsize               n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *one_line = ecert_text_sanitize (cases[i].text, ECERT_TEXT_ONE_LINE);
      g_autofree char *multi_line = ecert_text_sanitize (cases[i].text, ECERT_TEXT_MULTI_LINE);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpstr (one_line, ==, cases[i].one_line);
      g_assert_cmpstr (multi_line, ==, cases[i].multi_line);
    }
}

static void
test_sanitize_controls (void)
{
  static const SanitizeCase cases[] = {
    { "Kiwi Orchards Ltd", "Kiwi Orchards Ltd", "Kiwi Orchards Ltd" },
    { "", "", "" },
    /* C0: ESC starts a terminal command; BEL rings; NUL cannot be in C. */
    { "red\x1b[31mtext\a", "red<U+001B>[31mtext<U+0007>", "red<U+001B>[31mtext<U+0007>" },
    { "\x01\x1f\x7f", "<U+0001><U+001F><U+007F>", "<U+0001><U+001F><U+007F>" },
    /* C1, U+009B (CSI) first: an escape on some terminals. */
    { "a\xc2\x9b" "2Jb", "a<U+009B>2Jb", "a<U+009B>2Jb" },
    { "\xc2\x80\xc2\x8d\xc2\x9f", "<U+0080><U+008D><U+009F>", "<U+0080><U+008D><U+009F>" },
    /* Line breaks end lines only where there may be several. */
    { "Line one\nLine two", "Line one Line two", "Line one\nLine two" },
    { "Paid\rForged", "Paid Forged", "Paid\nForged" },
    { "a\r\nb", "a b", "a\nb" },
    { "a\tb", "a b", "a\tb" },
    { "a\xc2\x85" "b\u2028c\u2029d\vf\fg", "a b c d f g", "a\nb\nc\nd\nf\ng" },
  };

  check_sanitize (cases, G_N_ELEMENTS (cases));
}

static void
test_sanitize_bidi (void)
{
  static const SanitizeCase cases[] = {
    /* What a terminal shows as "invoiceexe.pdf". */
    { "invoice\u202efdp.exe", "invoice<U+202E>fdp.exe", "invoice<U+202E>fdp.exe" },
    { "\u202a\u202b\u202c\u202d", "<U+202A><U+202B><U+202C><U+202D>",
      "<U+202A><U+202B><U+202C><U+202D>" },
    /* Isolates. */
    { "x\u2066y\u2067z\u2068w\u2069", "x<U+2066>y<U+2067>z<U+2068>w<U+2069>",
      "x<U+2066>y<U+2067>z<U+2068>w<U+2069>" },
  };

  check_sanitize (cases, G_N_ELEMENTS (cases));
}

static void
test_sanitize_keeps_text (void)
{
  static const char * const texts[] = {
    /* Arabic, with a right-to-left mark, an Arabic letter mark and a
     * left-to-right mark, as right-to-left text uses them. */
    "شركة الفواكه\u200f الطازجة للتصدير",
    "رقم الشهادة \u061cNZ-2026-000417\u200e",
    "חברת פירות טריים בע\"מ",
    /* Combining marks: an accent, Arabic vowels, Devanagari. */
    "Pe\u0301rez",
    "\u0645\u064e\u0633\u0652\u0644\u064e\u0645",
    "\u0915\u093f\u0935\u0940",
    "上海鲜果进出口有限公司",
    "ＮＺ－２０２６",
    /* Zero-width joiners shape Indic scripts and emoji. */
    "\u0915\u094d\u200d\u0937",
    "<U+202E> typed as text",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *one_line = ecert_text_sanitize (texts[i], ECERT_TEXT_ONE_LINE);
      g_autofree char *multi_line = ecert_text_sanitize (texts[i], ECERT_TEXT_MULTI_LINE);

      g_assert_cmpstr (one_line, ==, texts[i]);
      g_assert_cmpstr (multi_line, ==, texts[i]);
    }
}

static void
test_sanitize_invalid_utf8 (void)
{
  static const SanitizeCase cases[] = {
    { "-\xfc", "-\xef\xbf\xbd", "-\xef\xbf\xbd" },
    { "\xe4\xb8", "\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd" },
    /* An overlong encoding of U+009B is not U+009B. */
    { "a\xc0\x9b" "b", "a\xef\xbf\xbd\xef\xbf\xbd" "b", "a\xef\xbf\xbd\xef\xbf\xbd" "b" },
    { "\xc2\x9b\xff", "<U+009B>\xef\xbf\xbd", "<U+009B>\xef\xbf\xbd" },
  };

  check_sanitize (cases, G_N_ELEMENTS (cases));
  g_assert_null (ecert_text_sanitize (NULL, ECERT_TEXT_ONE_LINE));
}

static void
test_unichar_is_control (void)
{
  static const gunichar controls[] = {
    0x00, 0x09, 0x0A, 0x1B, 0x7F, 0x80, 0x9B, 0x9F, 0x2028, 0x2029,
    0x202A, 0x202E, 0x2066, 0x2069,
  };
  static const gunichar shown[] = {
    ' ', 'a', 0xA0, 0xE9, 0x061C, 0x200E, 0x200F, 0x200D, 0x2065, 0x206A, 0x0301, 0x4E0A,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (controls); i++)
    g_assert_true (ecert_text_unichar_is_control (controls[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (shown); i++)
    g_assert_false (ecert_text_unichar_is_control (shown[i]));
}

static const char pdf[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";
static const guint8 png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
  0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
  0x15, 0xc4, 0x89,
};
static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00 };
static const char text[] = "Import permit PERMIT-2026-77\n";
static const char csv[] = "line,product,kg\n1,Kiwifruit,18240.5\n";
/* The start of a zip, as a .docx, an .xlsx or a .jar begins. */
static const guint8 zip[] = {
  'P', 'K', 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x13, 0x00,
  0x00, 0x00, '[', 'C', 'o', 'n', 't', 'e', 'n', 't', '_', 'T', 'y', 'p', 'e', 's',
  ']', '.', 'x', 'm', 'l',
};
static const char script[] = "#!/bin/sh\nrm -rf ~\n";
static const guint8 binary[] = { 0x00, 0x01, 0x02, 0xfe, 0xff, 0x00, 0x13, 0x37, 0x00, 0x9b };

typedef struct
{
  const char *name;
  const void *content;
  gsize       size;
  const char *expected;
} FileNameCase;

#define CONTENT(bytes) (bytes), sizeof (bytes)
#define TEXT_CONTENT(string) (string), sizeof (string) - 1

static void
check_file_names (const FileNameCase *cases,
                  gsize               n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GBytes) content = g_bytes_new_static (cases[i].content, cases[i].size);
      g_autofree char *name = ecert_text_file_name (cases[i].name, content, "attachment-1");

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpstr (name, ==, cases[i].expected);
      g_assert_null (strchr (name, '/'));
      for (const char *c = name; *c != '\0'; c = g_utf8_next_char (c))
        {
          gunichar ch = g_utf8_get_char (c);

          g_assert_false (ecert_text_unichar_is_control (ch));
          g_assert_true (ch != 0x200E && ch != 0x200F && ch != 0x061C);
        }
    }
}

static void
test_file_name_extension (void)
{
  static const FileNameCase cases[] = {
    /* The sender's extension stays when the content is what it says. */
    { "permit.pdf", TEXT_CONTENT (pdf), "permit.pdf" },
    { "Scan 0042.PDF", TEXT_CONTENT (pdf), "Scan 0042.PDF" },
    { "photo.jpeg", CONTENT (jpeg), "photo.jpeg" },
    { "permit.txt", TEXT_CONTENT (text), "permit.txt" },
    /* Documents sniffing sees only the container of. */
    { "report.docx", CONTENT (zip), "report.docx" },
    { "weights.xlsx", CONTENT (zip), "weights.xlsx" },
    { "weights.csv", TEXT_CONTENT (csv), "weights.csv" },
    /* ...but not programs: a .jar is a zip too. */
    { "viewer.jar", CONTENT (zip), "viewer.zip" },
    /* A script is text; called .txt, it opens in a text editor. */
    { "notes.txt", TEXT_CONTENT (script), "notes.txt" },
    /* Otherwise the content's extension takes its place. */
    { "invoice\u202efdp.exe", TEXT_CONTENT (pdf), "invoicefdp.pdf" },
    { "invoice.exe", TEXT_CONTENT (pdf), "invoice.pdf" },
    { "photo.jpg", CONTENT (png), "photo.png" },
    { "permit.pdf", TEXT_CONTENT (text), "permit.txt" },
    { "run.desktop", TEXT_CONTENT (text), "run.txt" },
    { "install.sh", TEXT_CONTENT (pdf), "install.pdf" },
    { "scan", CONTENT (png), "scan.png" },
    { "v1.2 final", TEXT_CONTENT (pdf), "v1.2 final.pdf" },
    { "permit.unknownext", TEXT_CONTENT (pdf), "permit.pdf" },
    /* Content of no type this program names opens with nothing. */
    { "permit.pdf", CONTENT (binary), "permit.bin" },
    { NULL, CONTENT (binary), "attachment-1.bin" },
    { NULL, TEXT_CONTENT (pdf), "attachment-1.pdf" },
  };

  check_file_names (cases, G_N_ELEMENTS (cases));
}

static void
test_file_name_characters (void)
{
  static const FileNameCase cases[] = {
    /* Never a folder of the sender's. */
    { "../../permit.txt", TEXT_CONTENT (text), "permit.txt" },
    { "/etc/passwd", TEXT_CONTENT (text), "passwd.txt" },
    { "C:\\scans\\permit.pdf", TEXT_CONTENT (pdf), "permit.pdf" },
    { "..", TEXT_CONTENT (pdf), "attachment-1.pdf" },
    { ".", TEXT_CONTENT (pdf), "attachment-1.pdf" },
    { "", TEXT_CONTENT (pdf), "attachment-1.pdf" },
    { " . ", TEXT_CONTENT (pdf), "attachment-1.pdf" },
    { ".hidden.pdf", TEXT_CONTENT (pdf), "hidden.pdf" },
    { "permit.pdf. ", TEXT_CONTENT (pdf), "permit.pdf" },
    { "report .. .pdf", TEXT_CONTENT (pdf), "report.pdf" },
    /* Controls, bidi controls and direction marks go; line breaks and
     * tabs become spaces. */
    { "per\x1bmit\xc2\x9b.pdf", TEXT_CONTENT (pdf), "permit.pdf" },
    { "a\u202ab\u2066c\u2069d\u200fe\u200ef\u061cg.pdf", TEXT_CONTENT (pdf), "abcdefg.pdf" },
    { "two\nlines\tand\rtab.pdf", TEXT_CONTENT (pdf), "two lines and tab.pdf" },
    { "\u202e.pdf", TEXT_CONTENT (pdf), "attachment-1.pdf" },
    /* What other file systems refuse. */
    { "a:b*c?d\"e<f>g|h.pdf", TEXT_CONTENT (pdf), "a_b_c_d_e_f_g_h.pdf" },
    /* Not UTF-8. */
    { "per\xffmit.pdf", TEXT_CONTENT (pdf), "per\xef\xbf\xbdmit.pdf" },
    /* Right-to-left and other scripts stay. */
    { "شهادة.pdf", TEXT_CONTENT (pdf), "شهادة.pdf" },
    { "检疫证书.pdf", TEXT_CONTENT (pdf), "检疫证书.pdf" },
  };

  check_file_names (cases, G_N_ELEMENTS (cases));
}

/* The printed certificate, exported under its number. */
static void
test_file_name_for_type (void)
{
  static const struct {
    const char *name;
    const char *expected;
  } cases[] = {
    { "NZ-2026-000417.pdf", "NZ-2026-000417.pdf" },
    { "AR.2016.123.pdf", "AR.2016.123.pdf" },
    { "AU-2026-0003\u202e.pdf", "AU-2026-0003.pdf" },
    { "NZ-2026-000417.exe", "NZ-2026-000417.pdf" },
    { ".pdf", "Certificate.pdf" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = ecert_text_file_name_for_type (cases[i].name, "application/pdf",
                                                             "Certificate");

      g_assert_cmpstr (name, ==, cases[i].expected);
    }
}

static void
test_file_name_length (void)
{
  g_autoptr(GBytes) content = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autofree char *name = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append (long_name, "证");
  g_string_append (long_name, ".pdf");
  name = ecert_text_file_name (long_name->str, content, "attachment-1");

  g_assert_cmpuint (strlen (name), <=, 255);
  g_assert_true (g_str_has_suffix (name, "证.pdf"));
  g_assert_true (g_utf8_validate (name, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/sanitize/controls", test_sanitize_controls);
  g_test_add_func ("/text/sanitize/bidi", test_sanitize_bidi);
  g_test_add_func ("/text/sanitize/keeps-text", test_sanitize_keeps_text);
  g_test_add_func ("/text/sanitize/invalid-utf8", test_sanitize_invalid_utf8);
  g_test_add_func ("/text/unichar-is-control", test_unichar_is_control);
  g_test_add_func ("/text/file-name/extension", test_file_name_extension);
  g_test_add_func ("/text/file-name/characters", test_file_name_characters);
  g_test_add_func ("/text/file-name/for-type", test_file_name_for_type);
  g_test_add_func ("/text/file-name/length", test_file_name_length);

  return g_test_run ();
}
