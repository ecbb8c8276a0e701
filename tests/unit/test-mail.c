/* test-mail.c: certificates read from mail messages, and stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ecert-core.h"
#include "ecert-test-signing.h"
#include "ecert-test-util.h"

static char *
signed_certificate (void)
{
  g_autofree char *plain = ecert_test_certificate_xml ();

  return ecert_test_sign (plain, "nz-signer", "nz-ca", ECERT_SIGN_C14N_EXCLUSIVE);
}

static EcertSigningKey *
load_key (const char *signer,
          const char *chain)
{
  g_autofree char *key_name = g_strconcat (signer, ".key", NULL);
  g_autofree char *certificate_name = g_strconcat (signer, ".pem", NULL);
  g_autofree char *chain_name = chain != NULL ? g_strconcat (chain, ".pem", NULL) : NULL;
  g_autoptr(GBytes) key_pem = ecert_test_load_pki (key_name);
  g_autoptr(GBytes) certificate_pem = ecert_test_load_pki (certificate_name);
  g_autoptr(GBytes) chain_pem = chain_name != NULL ? ecert_test_load_pki (chain_name) : NULL;
  g_autoptr(GError) error = NULL;
  EcertSigningKey *key = ecert_signing_key_load (key_pem, certificate_pem, chain_pem, &error);

  g_assert_no_error (error);
  return key;
}

static EcertMailMessage *
parse_text (const char      *text,
            EcertTrustStore *trust)
{
  g_autoptr(GBytes) raw = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  EcertMailMessage *message = ecert_mail_message_parse (raw, ECERT_MAIL_DEFAULT_MAX_SIZE, trust,
                                                        &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

static EcertMailPart *
part (EcertMailMessage *message,
      guint             index)
{
  g_assert_cmpuint (message->parts->len, >, index);
  return g_ptr_array_index (message->parts, index);
}

/* The part holds the certificate. A text part's line breaks travel as
 * CRLF (quoted-printable, RFC 2045) and may come out so; XML reads them
 * as LF, so the document, and its signature, are the same. */
static void
assert_certificate_part (EcertMailPart *mail_part,
                         const char    *expected)
{
  gsize length;
  const char *data;
  g_autoptr(GString) lines = NULL;

  g_assert_null (mail_part->problem);
  g_assert_nonnull (mail_part->content);
  data = g_bytes_get_data (mail_part->content, &length);
  lines = g_string_new_len (data, length);
  g_string_replace (lines, "\r\n", "\n", 0);
  g_assert_cmpstr (lines->str, ==, expected);
}

/* A message as a partner's mail system writes it, the attachment under
 * the declared type and transfer encoding given. */
static char *
message_with (const char *content_type,
              const char *encoding,
              const char *body,
              const char *file_name)
{
  g_autofree char *disposition = file_name != NULL
                                 ? g_strdup_printf ("Content-Disposition: attachment; filename=\"%s\"\r\n",
                                                    file_name)
                                 : g_strdup ("");

  return g_strdup_printf ("From: NPPO New Zealand <ecert@mpi.example>\r\n"
                          "To: ecert@maf.example\r\n"
                          "Subject: Phytosanitary certificate\r\n"
                          "Message-ID: <m1@mpi.example>\r\n"
                          "Date: Mon, 07 Dec 2026 09:12:00 +1300\r\n"
                          "MIME-Version: 1.0\r\n"
                          "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                          "\r\n"
                          "--b1\r\n"
                          "Content-Type: text/plain; charset=utf-8\r\n"
                          "\r\n"
                          "Certificate attached.\r\n"
                          "--b1\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Transfer-Encoding: %s\r\n"
                          "%s"
                          "\r\n"
                          "%s\r\n"
                          "--b1--\r\n",
                          content_type, encoding, disposition, body);
}

static char *
base64_lines (const char *data,
              gsize       length)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) data, length);
  gsize encoded_length = strlen (encoded);
  GString *lines = g_string_new (NULL);

  for (gsize i = 0; i < encoded_length; i += 76)
    {
      g_string_append_len (lines, encoded + i, MIN (76, encoded_length - i));
      g_string_append (lines, "\r\n");
    }
  return g_string_free (lines, FALSE);
}

static char *
quoted_printable (const char *data)
{
  GString *text = g_string_new (NULL);
  guint column = 0;

  for (const guchar *p = (const guchar *) data; *p != '\0'; p++)
    {
      if (*p == '\n')
        {
          g_string_append (text, "\r\n");
          column = 0;
          continue;
        }
      if (column >= 70)
        {
          g_string_append (text, "=\r\n");
          column = 0;
        }
      if (*p == '=' || *p >= 0x7F || (*p < 0x20 && *p != '\t'))
        {
          g_string_append_printf (text, "=%02X", *p);
          column += 3;
        }
      else
        {
          g_string_append_c (text, *p);
          column++;
        }
    }
  return g_string_free (text, FALSE);
}

/* Every declared type and transfer encoding a partner uses. */
static void
test_types_and_encodings (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate ();
  g_autofree char *b64 = base64_lines (xml, strlen (xml));
  g_autofree char *qp = quoted_printable (xml);
  struct { const char *type; const char *encoding; const char *body; const char *name; } cases[] = {
    { "application/xml", "base64", b64, "NZ-2026-000417.xml" },
    { "text/xml; charset=utf-8", "quoted-printable", qp, "certificate.xml" },
    { "application/octet-stream", "base64", b64, "ecert.bin" },
    { "text/plain", "quoted-printable", qp, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = message_with (cases[i].type, cases[i].encoding, cases[i].body,
                                            cases[i].name);
      g_autoptr(EcertMailMessage) message = parse_text (text, trust);

      g_assert_cmpstr (message->message_id, ==, "m1@mpi.example");
      g_assert_nonnull (strstr (message->sender, "ecert@mpi.example"));
      g_assert_nonnull (message->date);
      g_assert_cmpint (message->signature, ==, ECERT_MAIL_NOT_SIGNED);
      /* The covering letter is not a certificate and is not listed. */
      g_assert_cmpuint (message->parts->len, ==, 1);
      assert_certificate_part (part (message, 0), xml);
      g_assert_cmpstr (part (message, 0)->name, ==, cases[i].name);
    }
}

/* The certificate as the whole body of the message, in UTF-16. */
static void
test_inline_utf16 (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = ecert_test_certificate_xml ();
  g_autofree char *utf16_text = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *text = NULL;
  g_autoptr(EcertMailMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  g_autofree char *with_bom = NULL;
  g_autofree char *declared = NULL;

  /* An XML declaration that names UTF-16, as such a document must. */
  declared = g_strconcat ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n",
                          strstr (xml, "?>") != NULL ? strstr (xml, "?>") + 3 : xml, NULL);
  utf16_text = g_convert (declared, -1, "UTF-16LE", "UTF-8", NULL, &written, &error);
  g_assert_no_error (error);
  with_bom = g_malloc (written + 2);
  with_bom[0] = (char) 0xFF;
  with_bom[1] = (char) 0xFE;
  memcpy (with_bom + 2, utf16_text, written);
  b64 = base64_lines (with_bom, written + 2);
  text = g_strdup_printf ("From: ecert@mpi.example\r\n"
                          "Message-ID: <inline@mpi.example>\r\n"
                          "MIME-Version: 1.0\r\n"
                          "Content-Type: application/xml\r\n"
                          "Content-Transfer-Encoding: base64\r\n"
                          "\r\n%s", b64);
  message = parse_text (text, trust);

  g_assert_cmpuint (message->parts->len, ==, 1);
  g_assert_null (part (message, 0)->problem);
  g_assert_cmpuint (g_bytes_get_size (part (message, 0)->content), ==, written + 2);
}

static void
test_no_message_id (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autoptr(EcertMailMessage) first = parse_text ("From: a@b.example\r\n\r\nhello\r\n", trust);
  g_autoptr(EcertMailMessage) again = parse_text ("From: a@b.example\r\n\r\nhello\r\n", trust);

  /* Read twice, it is still the same message. */
  g_assert_true (g_str_has_prefix (first->message_id, "sha256:"));
  g_assert_cmpstr (first->message_id, ==, again->message_id);
  g_assert_cmpuint (first->parts->len, ==, 0);
}

static GBytes *
composed (EcertMailSigning signing,
          const char      *signer,
          const char      *chain)
{
  g_autofree char *xml = signed_certificate ();
  g_autoptr(GBytes) certificate = g_bytes_new (xml, strlen (xml));
  g_autoptr(EcertSigningKey) key = signing != ECERT_MAIL_SIGN_NONE ? load_key (signer, chain) : NULL;
  g_autoptr(GError) error = NULL;
  GBytes *raw = ecert_mail_compose ("NPPO New Zealand <ecert@mpi.example>", "ecert@maf.example",
                                    "Phytosanitary certificate NZ-2026-000417",
                                    "composed@mpi.example", certificate, "NZ-2026-000417.xml",
                                    key, signing, &error);

  g_assert_no_error (error);
  return raw;
}

static void
assert_signature (GBytes             *raw,
                  EcertTrustStore    *trust,
                  EcertMailSignature  expected,
                  gboolean            expect_certificate)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertMailMessage) message = ecert_mail_message_parse (raw, ECERT_MAIL_DEFAULT_MAX_SIZE,
                                                                  trust, &error);
  g_autofree char *xml = signed_certificate ();

  g_assert_no_error (error);
  g_assert_cmpint (message->signature, ==, expected);
  if (expected != ECERT_MAIL_NOT_SIGNED && expected != ECERT_MAIL_SIGNATURE_FAILED)
    g_assert_nonnull (strstr (message->signer, "CN=nz-signer"));
  if (expect_certificate)
    {
      g_assert_cmpuint (message->parts->len, ==, 1);
      assert_certificate_part (part (message, 0), xml);
    }
}

/* Changes one byte of the attachment's base64, keeping it base64. */
static GBytes *
tampered (GBytes *raw)
{
  gsize length = g_bytes_get_size (raw);
  g_autofree char *text = g_strndup (g_bytes_get_data (raw, NULL), length);
  char *attachment = strstr (text, "filename=");
  char *body;

  g_assert_nonnull (attachment);
  body = strstr (attachment, "\r\n\r\n");
  g_assert_nonnull (body);
  body += 10;
  *body = *body == 'A' ? 'B' : 'A';
  return g_bytes_new (text, length);
}

static void
test_smime_detached (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autoptr(EcertTrustStore) strangers = ecert_test_trust ("AR", "ar-root", NULL);
  g_autoptr(GBytes) raw = composed (ECERT_MAIL_SIGN_DETACHED, "nz-signer", "nz-ca");
  g_autoptr(GBytes) changed = tampered (raw);

  g_assert_nonnull (strstr (g_bytes_get_data (raw, NULL), "multipart/signed"));
  assert_signature (raw, trust, ECERT_MAIL_SIGNED, TRUE);
  assert_signature (raw, strangers, ECERT_MAIL_SIGNER_UNKNOWN, TRUE);
  assert_signature (changed, trust, ECERT_MAIL_SIGNATURE_FAILED, FALSE);
}

static void
test_smime_opaque (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autoptr(EcertTrustStore) strangers = ecert_test_trust ("AR", "ar-root", NULL);
  g_autoptr(GBytes) raw = composed (ECERT_MAIL_SIGN_OPAQUE, "nz-signer", "nz-ca");

  g_assert_nonnull (strstr (g_bytes_get_data (raw, NULL), "application/pkcs7-mime"));
  assert_signature (raw, trust, ECERT_MAIL_SIGNED, TRUE);
  assert_signature (raw, strangers, ECERT_MAIL_SIGNER_UNKNOWN, TRUE);
}

static void
test_smime_opaque_tampered (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autoptr(GBytes) raw = composed (ECERT_MAIL_SIGN_OPAQUE, "nz-signer", "nz-ca");
  gsize length = g_bytes_get_size (raw);
  g_autofree char *text = g_strndup (g_bytes_get_data (raw, NULL), length);
  g_autoptr(GBytes) changed = NULL;
  char *body = strstr (strstr (text, "smime.p7m"), "\r\n\r\n") + 4;
  gsize der_length = 0;
  g_autofree guchar *der = NULL;
  g_autofree char *encoded = NULL;
  char *end = strstr (body, "\r\n\r\n");
  guchar *inside;

  /* Decode the SignedData, change a byte of the content it carries (the
   * certificate's number), and encode it again. */
  if (end == NULL)
    end = body + strlen (body);
  *end = '\0';
  der = g_base64_decode (body, &der_length);
  inside = (guchar *) g_strstr_len ((char *) der, der_length, "NZ-2026-000417");
  if (inside == NULL)
    {
      /* The attachment is base64 inside the signed entity: change it there. */
      inside = (guchar *) g_strstr_len ((char *) der, der_length, "filename=");
      g_assert_nonnull (inside);
      inside = (guchar *) g_strstr_len ((char *) inside, der_length - (inside - der), "\r\n\r\n") + 10;
    }
  *inside = *inside == 'A' ? 'B' : 'A';
  encoded = g_base64_encode (der, der_length);
  *body = '\0';
  changed = g_bytes_new_take (g_strconcat (text, encoded, "\r\n", NULL),
                              strlen (text) + strlen (encoded) + 2);
  assert_signature (changed, trust, ECERT_MAIL_SIGNATURE_FAILED, FALSE);
}

static void
assert_refused (EcertMailMessage *message,
                guint             index,
                const char       *words)
{
  EcertMailPart *refused = part (message, index);

  g_assert_null (refused->content);
  g_assert_nonnull (refused->problem);
  if (strstr (refused->problem, words) == NULL)
    g_error ("“%s” does not say “%s”", refused->problem, words);
}

/* Hostile names are refused with a reason; the honest part beside them
 * is still taken. */
static void
test_hostile_names (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate ();
  g_autofree char *b64 = base64_lines (xml, strlen (xml));
  g_autofree char *long_name = g_strnfill (5000, 'a');
  const char *names[] = { "../../etc/passwd.xml", "/etc/cron.d/ecert.xml", "C:\\ecert.xml",
                          "cert\xe2\x80\xaelmx.exe", long_name, "nul\\u0000.xml" };
  const char *words[] = { "../", "absolute", "absolute", "direction", "too long", "NUL" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = g_strdup_printf ("From: a@b.example\r\n"
                                               "MIME-Version: 1.0\r\n"
                                               "Content-Type: multipart/mixed; boundary=x\r\n\r\n"
                                               "--x\r\n"
                                               "Content-Type: application/xml\r\n"
                                               "Content-Transfer-Encoding: base64\r\n"
                                               "Content-Disposition: attachment; filename*=UTF-8''%s\r\n\r\n"
                                               "%s\r\n"
                                               "--x\r\n"
                                               "Content-Type: application/xml\r\n"
                                               "Content-Transfer-Encoding: base64\r\n"
                                               "Content-Disposition: attachment; filename=good.xml\r\n\r\n"
                                               "%s\r\n"
                                               "--x--\r\n",
                                               i == 3 ? "cert%E2%80%AElmx.exe"
                                               : i == 5 ? "nul%00.xml" : names[i],
                                               b64, b64);
      g_autoptr(EcertMailMessage) message = parse_text (text, trust);

      g_assert_cmpuint (message->parts->len, ==, 2);
      assert_refused (message, 0, words[i]);
      assert_certificate_part (part (message, 1), xml);
    }
}

/* A multipart whose closing boundary never comes: its last part may be cut
 * short and is refused; the part before it is whole and taken. */
static void
test_no_end_boundary (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate ();
  g_autofree char *b64 = base64_lines (xml, strlen (xml));
  g_autofree char *text = g_strdup_printf ("From: a@b.example\r\n"
                                           "MIME-Version: 1.0\r\n"
                                           "Content-Type: multipart/mixed; boundary=x\r\n\r\n"
                                           "--x\r\n"
                                           "Content-Type: application/xml\r\n"
                                           "Content-Transfer-Encoding: base64\r\n\r\n"
                                           "%s\r\n"
                                           "--x\r\n"
                                           "Content-Type: application/xml\r\n"
                                           "Content-Transfer-Encoding: base64\r\n\r\n"
                                           "%s\r\n", b64, b64);
  g_autoptr(EcertMailMessage) message = parse_text (text, trust);

  g_assert_cmpuint (message->parts->len, ==, 2);
  assert_certificate_part (part (message, 0), xml);
  assert_refused (message, 1, "closing boundary");
}

static void
test_too_deep_and_too_many (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate ();
  g_autofree char *b64 = base64_lines (xml, strlen (xml));
  g_autoptr(GString) deep = g_string_new ("From: a@b.example\r\nMIME-Version: 1.0\r\n");
  g_autoptr(GString) wide = g_string_new ("From: a@b.example\r\nMIME-Version: 1.0\r\n"
                                          "Content-Type: multipart/mixed; boundary=w\r\n\r\n");
  g_autoptr(EcertMailMessage) deep_message = NULL;
  g_autoptr(EcertMailMessage) wide_message = NULL;
  guint certificates = 0;

  /* Twelve multiparts, one inside the other, the certificate innermost. */
  for (guint level = 0; level < 12; level++)
    g_string_append_printf (deep, "Content-Type: multipart/mixed; boundary=l%u\r\n\r\n--l%u\r\n",
                            level, level);
  g_string_append_printf (deep, "Content-Type: application/xml\r\n"
                                "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n", b64);
  for (guint level = 12; level-- > 0;)
    g_string_append_printf (deep, "--l%u--\r\n", level);
  deep_message = parse_text (deep->str, trust);
  g_assert_cmpuint (deep_message->parts->len, ==, 1);
  assert_refused (deep_message, 0, "8 levels");

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (wide, "--w\r\nContent-Type: application/xml\r\n"
                                  "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n", b64);
  g_string_append (wide, "--w--\r\n");
  wide_message = parse_text (wide->str, trust);
  for (guint i = 0; i < wide_message->parts->len; i++)
    certificates += part (wide_message, i)->content != NULL;
  /* The multipart itself is the first of the hundred parts read. */
  g_assert_cmpuint (certificates, ==, ECERT_MAIL_MAX_PARTS - 1);
  assert_refused (wide_message, wide_message->parts->len - 1, "more than 100");
}

static void
test_too_large_and_not_mail (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autoptr(GBytes) big = g_bytes_new_take (g_strnfill (2048, 'x'), 2048);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  EcertMailMessage *message;

  message = ecert_mail_message_parse (big, 1024, trust, &error);
  g_assert_null (message);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  message = ecert_mail_message_parse (empty, 1024, trust, &error);
  g_assert_null (message);
  g_assert_error (error, ECERT_ERROR, ECERT_ERROR_MAIL);
}

static void
test_zip (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *zip = base64_lines ("PK\003\004 a zip archive", 20);
  g_autofree char *text = message_with ("application/zip", "base64", zip, "certificates.zip");
  g_autoptr(EcertMailMessage) message = parse_text (text, trust);

  g_assert_cmpuint (message->parts->len, ==, 1);
  assert_refused (message, 0, "zip");
}

/* Headers that try to deceive are shown escaped wherever they are shown. */
static void
test_sender_shown_escaped (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autoptr(EcertMailMessage) message =
    parse_text ("From: =?UTF-8?B?TlBQTyDigK5aTiB3ZW4=?= <x@evil.example>\r\n\r\nhi\r\n", trust);
  g_autoptr(EcertCacheProvenance) provenance = ecert_cache_provenance_new (ECERT_CACHE_SOURCE_MAIL);
  g_autofree char *described = NULL;

  g_assert_nonnull (strstr (message->sender, "\xe2\x80\xae"));
  provenance->mail_from = g_strdup (message->sender);
  provenance->mailbox = g_strdup ("INBOX\nforged line");
  described = ecert_cache_provenance_describe (provenance);
  g_assert_null (strstr (described, "\xe2\x80\xae"));
  g_assert_nonnull (strstr (described, "<U+202E>"));
  g_assert_null (strchr (described, '\n'));
}

static void
test_mbox (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *xml = signed_certificate ();
  g_autofree char *b64 = base64_lines (xml, strlen (xml));
  g_autofree char *one = message_with ("application/xml", "base64", b64, "a.xml");
  g_autofree char *mbox = g_strdup_printf ("From sender@example Mon Dec  7 09:00:00 2026\n%s\n"
                                           "From sender@example Mon Dec  7 09:01:00 2026\n%s\n",
                                           one, one);
  g_autoptr(GBytes) raw = g_bytes_new (mbox, strlen (mbox));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  g_assert_true (ecert_mail_looks_like_mbox (raw));
  messages = ecert_mail_split_mbox (raw, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);
  for (guint i = 0; i < messages->len; i++)
    {
      g_autoptr(EcertMailMessage) message =
        ecert_mail_message_parse (messages->pdata[i], ECERT_MAIL_DEFAULT_MAX_SIZE, trust, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (message->parts->len, ==, 1);
      assert_certificate_part (part (message, 0), xml);
    }
}

/* Stored once, with the provenance of the message; read again, nothing is
 * added; a Maildir's message moves to cur/ seen. */
static void
test_import_and_maildir (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *directory = ecert_test_make_temp_dir ();
  g_autofree char *cache_path = g_build_filename (directory, "cache.sqlite3", NULL);
  g_autofree char *maildir = g_build_filename (directory, "Maildir", NULL);
  g_autoptr(EcertCache) cache = NULL;
  g_autoptr(GBytes) raw = composed (ECERT_MAIL_SIGN_DETACHED, "nz-signer", "nz-ca");
  g_autoptr(GBytes) junk = g_bytes_new_static ("From: a@b.example\r\n\r\nno certificate\r\n", 35);
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(EcertCacheRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  EcertMailImport *import;
  EcertImportResult *result;
  EcertCacheProvenance *receipt;

  cache = ecert_cache_open (cache_path, &error);
  g_assert_no_error (error);

  first = ecert_maildir_deliver (maildir, raw, &error);
  g_assert_no_error (error);
  second = ecert_maildir_deliver (maildir, junk, &error);
  g_assert_no_error (error);
  g_assert_true (ecert_maildir_is_maildir (maildir));

  imports = ecert_mail_import_maildir (cache, trust, maildir, ECERT_MAIL_DEFAULT_MAX_SIZE, NULL,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 2);

  import = g_ptr_array_index (imports, 0);
  g_assert_cmpint (import->outcome, ==, ECERT_MAIL_IMPORTED);
  g_assert_cmpuint (import->results->len, ==, 1);
  result = g_ptr_array_index (import->results, 0);
  g_assert_cmpint (result->outcome, ==, ECERT_IMPORT_STORED);
  g_assert_cmpstr (result->number, ==, ECERT_TEST_SIGNED_ID);

  import = g_ptr_array_index (imports, 1);
  g_assert_cmpint (import->outcome, ==, ECERT_MAIL_REJECTED);
  g_assert_nonnull (import->problem);

  /* Both left new/: the first seen, the second unseen for a person. */
  left = ecert_maildir_list_new (maildir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 0);
  {
    g_autofree char *name = g_path_get_basename (first);
    g_autofree char *seen = g_strconcat (maildir, "/cur/", name, ":2,S", NULL);
    g_autofree char *junk_name = g_path_get_basename (second);
    g_autofree char *unseen = g_strconcat (maildir, "/cur/", junk_name, ":2,", NULL);

    g_assert_true (g_file_test (seen, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (unseen, G_FILE_TEST_EXISTS));
  }

  record = ecert_cache_get_record (cache, result->row, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->receipts->len, ==, 1);
  receipt = g_ptr_array_index (record->receipts, 0);
  g_assert_cmpint (receipt->source, ==, ECERT_CACHE_SOURCE_MAIL);
  g_assert_cmpstr (receipt->mail_message_id, ==, "composed@mpi.example");
  g_assert_cmpint (receipt->mail_signature, ==, ECERT_CACHE_MAIL_SIGNED);
  g_assert_nonnull (strstr (receipt->mail_signer, "CN=nz-signer"));
  g_assert_cmpstr (receipt->mailbox, ==, maildir);
  {
    g_autofree char *described = ecert_cache_provenance_describe (receipt);

    g_assert_nonnull (strstr (described, "by mail from"));
    g_assert_nonnull (strstr (described, "message signed by"));
  }

  /* The same message again (a fetch interrupted before it was marked):
   * one certificate, one receipt. */
  again = ecert_mail_import_bytes (cache, trust, raw, "again.eml", ECERT_MAIL_DEFAULT_MAX_SIZE);
  import = g_ptr_array_index (again, 0);
  result = g_ptr_array_index (import->results, 0);
  g_assert_cmpint (result->outcome, ==, ECERT_IMPORT_DUPLICATE);
  g_clear_pointer (&record, ecert_cache_record_free);
  record = ecert_cache_get_record (cache, result->row, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->receipts->len, ==, 1);

  g_clear_object (&cache);
  ecert_test_remove_tree (directory);
}

/* A mail file dropped on the window imports like a certificate file: each
 * certificate it carries is a result of its own. */
static void
test_import_path_mail_file (void)
{
  g_autoptr(EcertTrustStore) trust = ecert_test_trust ("NZ", "nz-root", NULL);
  g_autofree char *directory = ecert_test_make_temp_dir ();
  g_autofree char *cache_path = g_build_filename (directory, "cache.sqlite3", NULL);
  g_autofree char *eml_path = g_build_filename (directory, "pushed.eml", NULL);
  g_autoptr(GBytes) raw = composed (ECERT_MAIL_SIGN_OPAQUE, "nz-signer", "nz-ca");
  g_autoptr(GFile) file = g_file_new_for_path (eml_path);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) ecert_import_result_free);
  g_autoptr(EcertCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  EcertImportResult *result;

  g_assert_true (g_file_set_contents (eml_path, g_bytes_get_data (raw, NULL),
                                      g_bytes_get_size (raw), &error));
  cache = ecert_cache_open (cache_path, &error);
  g_assert_no_error (error);

  ecert_import_path (cache, trust, file, results, NULL);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (result->outcome, ==, ECERT_IMPORT_STORED);
  g_assert_cmpstr (result->number, ==, ECERT_TEST_SIGNED_ID);
  g_assert_true (g_str_has_prefix (result->path, eml_path));

  g_clear_object (&cache);
  ecert_test_remove_tree (directory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail/types-and-encodings", test_types_and_encodings);
  g_test_add_func ("/mail/inline-utf16", test_inline_utf16);
  g_test_add_func ("/mail/no-message-id", test_no_message_id);
  g_test_add_func ("/mail/smime/detached", test_smime_detached);
  g_test_add_func ("/mail/smime/opaque", test_smime_opaque);
  g_test_add_func ("/mail/smime/opaque-tampered", test_smime_opaque_tampered);
  g_test_add_func ("/mail/hostile/names", test_hostile_names);
  g_test_add_func ("/mail/hostile/no-end-boundary", test_no_end_boundary);
  g_test_add_func ("/mail/hostile/too-deep-and-too-many", test_too_deep_and_too_many);
  g_test_add_func ("/mail/hostile/too-large-and-not-mail", test_too_large_and_not_mail);
  g_test_add_func ("/mail/hostile/zip", test_zip);
  g_test_add_func ("/mail/hostile/sender-escaped", test_sender_shown_escaped);
  g_test_add_func ("/mail/mbox", test_mbox);
  g_test_add_func ("/mail/import-and-maildir", test_import_and_maildir);
  g_test_add_func ("/mail/import-path-mail-file", test_import_path_mail_file);

  return g_test_run ();
}
