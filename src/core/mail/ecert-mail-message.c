/* ecert-mail-message.c: the certificates a mail message carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partners that push certificates send the SPS XML as a mail attachment,
 * under whatever type and name their mail system gives it. A message is
 * read with GMime, and every part whose decoded bytes are an SPS
 * certificate is taken, whatever it is called. Mail comes from anyone, so
 * the message's size, depth and number of parts are bounded, attachment
 * names are never used as paths, and a part that cannot be trusted to be
 * whole is refused with a reason while the others are still read.
 *
 * An S/MIME signature around the content is checked against the desk's
 * anchors and reported, but it is only ever a hint about the message: a
 * certificate is trusted by its own XML signature alone.
 */

#define G_LOG_DOMAIN "ecert-mail"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ecert-content.h"
#include "ecert-error.h"
#include "ecert-gmime-private.h"
#include "ecert-mail-message.h"
#include "ecert-text.h"

/* An attachment name longer than this is not a name a mail system gives. */
#define MAX_NAME_LENGTH 255

static void
ensure_gmime (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      g_mime_init ();
      g_once_init_leave (&initialised, 1);
    }
}

static void
mail_part_free (EcertMailPart *part)
{
  g_free (part->name);
  g_free (part->content_type);
  g_clear_pointer (&part->content, g_bytes_unref);
  g_free (part->problem);
  g_free (part);
}

void
ecert_mail_message_free (EcertMailMessage *message)
{
  if (message == NULL)
    return;

  g_free (message->message_id);
  g_free (message->sender);
  g_free (message->subject);
  g_clear_pointer (&message->date, g_date_time_unref);
  g_free (message->receipt_to);
  g_free (message->signer);
  g_clear_pointer (&message->parts, g_ptr_array_unref);
  g_free (message);
}

/* Reading ------------------------------------------------------------------ */

typedef struct
{
  EcertMailMessage *message;
  EcertTrustStore  *trust;
  GPtrArray        *keep;          /* GMimeObject: contents of opaque signatures */
  guint             parts_seen;
  gboolean          too_many;
  gboolean          nesting_overflow;
} Walk;

static GBytes *
stream_bytes (GMimeStream *stream)
{
  GByteArray *array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));

  return g_bytes_new (array->data, array->len);
}

/* The part's content with its transfer encoding (base64, quoted-printable)
 * undone: the bytes the sender attached. */
static GBytes *
decoded_content (GMimePart *part)
{
  GMimeDataWrapper *wrapper = g_mime_part_get_content (part);
  g_autoptr(GMimeStream) stream = NULL;

  if (wrapper == NULL)
    return g_bytes_new (NULL, 0);

  stream = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (wrapper, stream);
  return stream_bytes (stream);
}

/* An entity exactly as it stands in the message, lines ending in CRLF: what
 * a detached S/MIME signature signs. */
static GBytes *
canonical_entity (GMimeObject *object)
{
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new ();
  g_autoptr(GMimeFormatOptions) options = g_mime_format_options_new ();

  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  g_mime_object_write_to_stream (object, options, stream);
  return stream_bytes (stream);
}

static gboolean
contains (const guchar *data,
          gsize         length,
          const char   *needle,
          gsize         needle_length)
{
  for (gsize i = 0; i + needle_length <= length; i++)
    {
      const guchar *first = memchr (data + i, needle[0], length - needle_length - i + 1);

      if (first == NULL)
        return FALSE;
      i = first - data;
      if (memcmp (first, needle, needle_length) == 0)
        return TRUE;
    }
  return FALSE;
}

/* XML whose text names the SPS certificate's root element, in UTF-8 or
 * either UTF-16. The importer then reads it properly. */
static gboolean
looks_like_certificate (GBytes *content)
{
  static const char utf16le[] = "S\0P\0S\0C\0e\0r\0t\0i\0f\0i\0c\0a\0t\0e\0";
  static const char utf16be[] = "\0S\0P\0S\0C\0e\0r\0t\0i\0f\0i\0c\0a\0t\0e";
  gsize length;
  const guchar *data = g_bytes_get_data (content, &length);

  return ecert_content_looks_like_xml (data, length) &&
         (contains (data, length, "SPSCertificate", 14) ||
          contains (data, length, utf16le, sizeof utf16le - 1) ||
          contains (data, length, utf16be, sizeof utf16be - 1));
}

static gboolean
looks_like_zip (GMimeObject *object,
                GBytes      *content)
{
  GMimeContentType *type = g_mime_object_get_content_type (object);
  gsize length;
  const guchar *data = g_bytes_get_data (content, &length);

  return g_mime_content_type_is_type (type, "application", "zip") ||
         g_mime_content_type_is_type (type, "application", "x-zip-compressed") ||
         (length >= 4 && memcmp (data, "PK\003\004", 4) == 0);
}

/* Why an attachment name is not one an honest sender gives, or %NULL. The
 * name is never used as a path; a part named like this is refused all the
 * same, since its sender is trying something. */
static const char *
hostile_name_problem (const char *name)
{
  if (name == NULL)
    return NULL;

  if (strlen (name) > MAX_NAME_LENGTH)
    return _("The attachment's name is too long to be a file name");
  if (strstr (name, "../") != NULL || strstr (name, "..\\") != NULL)
    return _("The attachment's name climbs out of a folder (“../”)");
  if (name[0] == '/' || name[0] == '\\' ||
      (g_ascii_isalpha (name[0]) && name[1] == ':'))
    return _("The attachment's name is an absolute path");
  if (!g_utf8_validate (name, -1, NULL))
    return _("The attachment's name is not valid text");

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (ecert_text_unichar_is_control (g_utf8_get_char (p)))
      return _("The attachment's name holds control or direction-changing characters");

  return NULL;
}

/* A NUL in an RFC 2231 name ("%00") ends the name GMime decodes, so it is
 * looked for in the header as written. */
static gboolean
name_hides_nul (GMimeObject *object)
{
  static const char * const headers[] = { "Content-Disposition", "Content-Type" };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      const char *value = g_mime_object_get_header (object, headers[i]);

      if (value != NULL && (strstr (value, "%00") != NULL))
        return TRUE;
    }
  return FALSE;
}

static void
add_part (Walk        *walk,
          GMimeObject *object,
          GBytes      *content,
          const char  *problem)
{
  EcertMailPart *part = g_new0 (EcertMailPart, 1);

  part->name = GMIME_IS_PART (object)
               ? g_strdup (g_mime_part_get_filename (GMIME_PART (object))) : NULL;
  part->content_type = g_mime_content_type_get_mime_type (g_mime_object_get_content_type (object));
  if (problem != NULL)
    part->problem = g_strdup (problem);
  else
    part->content = g_bytes_ref (content);
  g_ptr_array_add (walk->message->parts, part);
}

static void walk_object (Walk        *walk,
                         GMimeObject *object,
                         guint        depth,
                         gboolean     cut_short);

static void
walk_leaf (Walk      *walk,
           GMimePart *part,
           gboolean   cut_short)
{
  GMimeObject *object = GMIME_OBJECT (part);
  g_autoptr(GBytes) content = decoded_content (part);

  if (looks_like_zip (object, content))
    {
      add_part (walk, object, NULL,
                _("A zip archive: certificates inside archives are not read; ask the sender to attach the XML itself"));
      return;
    }

  /* The covering letter, a logo, a PDF copy: not ours to report. */
  if (!looks_like_certificate (content))
    return;

  if (name_hides_nul (object))
    add_part (walk, object, NULL, _("The attachment's name holds a NUL character"));
  else if (hostile_name_problem (g_mime_part_get_filename (part)) != NULL)
    add_part (walk, object, NULL, hostile_name_problem (g_mime_part_get_filename (part)));
  else if (cut_short)
    add_part (walk, object, NULL,
              _("The message ends inside this part, before its closing boundary: it may be cut short"));
  else
    add_part (walk, object, content, NULL);
}

static EcertMailSignature
mail_signature_for (EcertPkcs7Verdict verdict)
{
  switch (verdict)
    {
    case ECERT_PKCS7_VALID:
      return ECERT_MAIL_SIGNED;
    case ECERT_PKCS7_SIGNER_UNKNOWN:
      return ECERT_MAIL_SIGNER_UNKNOWN;
    case ECERT_PKCS7_FAILED:
    default:
      return ECERT_MAIL_SIGNATURE_FAILED;
    }
}

/* The outermost signature speaks for the message. */
static void
record_signature (Walk              *walk,
                  EcertPkcs7Verdict  verdict,
                  char              *signer)
{
  if (walk->message->signature != ECERT_MAIL_NOT_SIGNED)
    {
      g_free (signer);
      return;
    }

  walk->message->signature = mail_signature_for (verdict);
  walk->message->signer = signer;
}

static gboolean
is_smime_protocol (GMimeObject *object)
{
  const char *protocol = g_mime_object_get_content_type_parameter (object, "protocol");

  return protocol != NULL &&
         (g_ascii_strcasecmp (protocol, "application/pkcs7-signature") == 0 ||
          g_ascii_strcasecmp (protocol, "application/x-pkcs7-signature") == 0);
}

static void
walk_signed (Walk            *walk,
             GMimeMultipart  *multipart,
             guint            depth)
{
  GMimeObject *content = g_mime_multipart_get_part (multipart, GMIME_MULTIPART_SIGNED_CONTENT);
  GMimeObject *signature = g_mime_multipart_get_part (multipart, GMIME_MULTIPART_SIGNED_SIGNATURE);

  if (content == NULL)
    return;

  if (signature != NULL && GMIME_IS_PART (signature) && is_smime_protocol (GMIME_OBJECT (multipart)))
    {
      g_autoptr(GBytes) signed_data = decoded_content (GMIME_PART (signature));
      g_autoptr(GBytes) entity = canonical_entity (content);
      char *signer = NULL;
      EcertPkcs7Verdict verdict = ecert_pkcs7_verify (signed_data, entity, walk->trust,
                                                      &signer, NULL);

      record_signature (walk, verdict, signer);
    }

  walk_object (walk, content, depth + 1, FALSE);
}

static void
walk_opaque (Walk                      *walk,
             GMimeApplicationPkcs7Mime *pkcs7,
             guint                      depth)
{
  g_autoptr(GBytes) signed_data = decoded_content (GMIME_PART (pkcs7));
  g_autoptr(GBytes) embedded = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  GMimeObject *inner;
  char *signer = NULL;
  EcertPkcs7Verdict verdict = ecert_pkcs7_verify (signed_data, NULL, walk->trust,
                                                  &signer, &embedded);

  record_signature (walk, verdict, signer);
  if (embedded == NULL)
    {
      add_part (walk, GMIME_OBJECT (pkcs7), NULL,
                _("An S/MIME signature whose content cannot be read"));
      return;
    }

  stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (embedded, NULL),
                                              g_bytes_get_size (embedded));
  parser = g_mime_parser_new_with_stream (stream);
  inner = g_mime_parser_construct_part (parser, NULL);
  if (inner == NULL)
    return;

  g_ptr_array_add (walk->keep, inner);
  walk_object (walk, inner, depth + 1, FALSE);
}

static void
walk_multipart (Walk           *walk,
                GMimeMultipart *multipart,
                guint           depth,
                gboolean        cut_short)
{
  int count = g_mime_multipart_get_count (multipart);

  /* GMime notes a multipart whose closing boundary never came; its last
   * part runs to the end of the message and may be cut short. */
  if (!multipart->write_end_boundary)
    cut_short = TRUE;

  for (int i = 0; i < count && !walk->too_many; i++)
    walk_object (walk, g_mime_multipart_get_part (multipart, i), depth + 1,
                 cut_short && i == count - 1);
}

static void
walk_object (Walk        *walk,
             GMimeObject *object,
             guint        depth,
             gboolean     cut_short)
{
  if (++walk->parts_seen > ECERT_MAIL_MAX_PARTS)
    {
      walk->too_many = TRUE;
      return;
    }

  if (depth > ECERT_MAIL_MAX_DEPTH)
    {
      walk->nesting_overflow = TRUE;
      return;
    }

  if (GMIME_IS_MULTIPART_SIGNED (object))
    walk_signed (walk, GMIME_MULTIPART (object), depth);
  else if (GMIME_IS_MULTIPART (object))
    walk_multipart (walk, GMIME_MULTIPART (object), depth, cut_short);
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      if (inner != NULL && g_mime_message_get_mime_part (inner) != NULL)
        walk_object (walk, g_mime_message_get_mime_part (inner), depth + 1, cut_short);
    }
  else if (GMIME_IS_APPLICATION_PKCS7_MIME (object) &&
           g_mime_application_pkcs7_mime_get_smime_type (GMIME_APPLICATION_PKCS7_MIME (object))
           == GMIME_SECURE_MIME_TYPE_SIGNED_DATA)
    walk_opaque (walk, GMIME_APPLICATION_PKCS7_MIME (object), depth);
  else if (GMIME_IS_PART (object))
    walk_leaf (walk, GMIME_PART (object), cut_short);
}

static void
add_message_problem (EcertMailMessage *message,
                     const char       *problem)
{
  EcertMailPart *part = g_new0 (EcertMailPart, 1);

  part->content_type = g_strdup ("message/rfc822");
  part->problem = g_strdup (problem);
  g_ptr_array_add (message->parts, part);
}

static void
note_parser_warning (gint64              offset,
                     GMimeParserWarning  code,
                     const char         *item,
                     gpointer            user_data)
{
  gboolean *nesting_overflow = user_data;

  if (code == GMIME_CRIT_NESTING_OVERFLOW)
    *nesting_overflow = TRUE;
}

static char *
message_id_of (GMimeMessage *parsed,
               GBytes       *raw)
{
  const char *id = g_mime_message_get_message_id (parsed);
  g_autofree char *hash = NULL;

  if (id != NULL && id[0] != '\0')
    return g_strdup (id);

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, raw);
  return g_strconcat ("sha256:", hash, NULL);
}

static char *
sender_of (GMimeMessage *parsed)
{
  InternetAddressList *from = g_mime_message_get_from (parsed);
  g_autofree char *text = NULL;

  if (from == NULL || internet_address_list_length (from) == 0)
    return NULL;

  text = internet_address_list_to_string (from, NULL, FALSE);
  return text != NULL && text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
read_headers (EcertMailMessage *message,
              GMimeMessage     *parsed,
              GBytes           *raw)
{
  const char *receipt_to = g_mime_object_get_header (GMIME_OBJECT (parsed),
                                                     "Disposition-Notification-To");

  message->message_id = message_id_of (parsed, raw);
  message->sender = sender_of (parsed);
  message->subject = g_strdup (g_mime_message_get_subject (parsed));
  if (g_mime_message_get_date (parsed) != NULL)
    message->date = g_date_time_ref (g_mime_message_get_date (parsed));
  message->receipt_to = g_strdup (receipt_to);
}

/**
 * ecert_mail_message_parse:
 * @raw: the message as received (RFC 5322)
 * @max_size: the largest message read; a larger one is refused whole
 * @trust: the anchors an S/MIME signer is judged by
 *
 * Reads the headers, checks an S/MIME signature around the content, and
 * collects every part that is an SPS certificate, and every part refused
 * with its reason. A message too large to read, or that is not mail at
 * all, is an %ECERT_ERROR_MAIL error.
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
EcertMailMessage *
ecert_mail_message_parse (GBytes           *raw,
                          gsize             max_size,
                          EcertTrustStore  *trust,
                          GError          **error)
{
  g_autoptr(EcertMailMessage) message = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autoptr(GMimeParserOptions) options = NULL;
  g_autoptr(GMimeMessage) parsed = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean parser_overflow = FALSE;
  gsize size = g_bytes_get_size (raw);
  Walk walk = { 0 };

  if (size > max_size)
    {
      g_autofree char *have = g_format_size (size);
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, ECERT_ERROR, ECERT_ERROR_TOO_LARGE,
                   _("The message is %s, over the limit of %s; it was not read"), have, limit);
      return NULL;
    }

  ensure_gmime ();
  options = g_mime_parser_options_new ();
  g_mime_parser_options_set_warning_callback (options, note_parser_warning, &parser_overflow);
  stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (raw, NULL), size);
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  parsed = g_mime_parser_construct_message (parser, options);
  if (parsed == NULL || g_mime_message_get_mime_part (parsed) == NULL)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_MAIL,
                           _("This is not a mail message: it has no headers and body to read"));
      return NULL;
    }

  message = g_new0 (EcertMailMessage, 1);
  message->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) mail_part_free);
  message->size = size;
  read_headers (message, parsed, raw);

  walk.message = message;
  walk.trust = trust;
  walk.keep = keep;
  walk_object (&walk, g_mime_message_get_mime_part (parsed), 1, FALSE);

  if (walk.too_many)
    add_message_problem (message,
                         _("The message has more than 100 parts; those after the 100th were not read"));
  if (walk.nesting_overflow || parser_overflow)
    add_message_problem (message,
                         _("Parts nested more than 8 levels deep were not read"));

  return g_steal_pointer (&message);
}

/* Mailbox files ------------------------------------------------------------ */

/**
 * ecert_mail_looks_like_mbox:
 *
 * Whether @raw starts as an mbox file does ("From " and a sender), rather
 * than as one message.
 */
gboolean
ecert_mail_looks_like_mbox (GBytes *raw)
{
  gsize length;
  const char *data = g_bytes_get_data (raw, &length);

  return length > 5 && memcmp (data, "From ", 5) == 0;
}

/**
 * ecert_mail_split_mbox:
 * @mbox: an mbox file's bytes
 *
 * Returns: (transfer full) (element-type GBytes): each message's bytes,
 *   without its "From " line, or %NULL with @error set
 */
GPtrArray *
ecert_mail_split_mbox (GBytes  *mbox,
                       GError **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  gsize length = g_bytes_get_size (mbox);

  ensure_gmime ();
  stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (mbox, NULL), length);
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MBOX);

  while (!g_mime_parser_eos (parser))
    {
      g_autoptr(GMimeMessage) message = g_mime_parser_construct_message (parser, NULL);
      gint64 marker;
      gint64 start;
      gint64 end;

      if (message == NULL)
        break;

      /* The message's own bytes: from the line after its "From " marker
       * to where the parser stopped, which is the next marker or the end. */
      marker = g_mime_parser_get_mbox_marker_offset (parser);
      start = marker;
      while (start < (gint64) length && ((const char *) g_bytes_get_data (mbox, NULL))[start] != '\n')
        start++;
      start = MIN (start + 1, (gint64) length);
      end = MIN (g_mime_parser_tell (parser), (gint64) length);
      if (end > start)
        g_ptr_array_add (messages, g_bytes_new_from_bytes (mbox, start, end - start));
    }

  if (messages->len == 0)
    {
      g_set_error_literal (error, ECERT_ERROR, ECERT_ERROR_MAIL,
                           _("The mailbox file holds no message"));
      return NULL;
    }

  return g_steal_pointer (&messages);
}

/* Writing ------------------------------------------------------------------ */

static GMimeObject *
certificate_attachment (GBytes     *certificate,
                        const char *file_name)
{
  GMimePart *part = g_mime_part_new_with_type ("application", "xml");
  g_autoptr(GMimeStream) stream =
    g_mime_stream_mem_new_with_buffer (g_bytes_get_data (certificate, NULL),
                                       g_bytes_get_size (certificate));
  g_autoptr(GMimeDataWrapper) wrapper =
    g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (part, wrapper);
  g_mime_part_set_filename (part, file_name);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  return GMIME_OBJECT (part);
}

static GMimeObject *
letter_with_attachment (const char *subject,
                        GBytes     *certificate,
                        const char *file_name)
{
  GMimeMultipart *mixed = g_mime_multipart_new_with_subtype ("mixed");
  g_autoptr(GMimeTextPart) letter = g_mime_text_part_new_with_subtype ("plain");
  g_autoptr(GMimeObject) attachment = certificate_attachment (certificate, file_name);
  g_autofree char *text = g_strdup_printf ("%s\n", subject);

  g_mime_text_part_set_text (letter, text);
  g_mime_multipart_add (mixed, GMIME_OBJECT (letter));
  g_mime_multipart_add (mixed, attachment);
  return GMIME_OBJECT (mixed);
}

/* The entity as it will be sent, read back, so that what is signed is
 * byte for byte what the message carries. */
static GMimeObject *
reparsed (GBytes *entity)
{
  g_autoptr(GMimeStream) stream =
    g_mime_stream_mem_new_with_buffer (g_bytes_get_data (entity, NULL), g_bytes_get_size (entity));
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);

  return g_mime_parser_construct_part (parser, NULL);
}

/* @part, an application/pkcs7-* part, carrying the SignedData. */
static GMimeObject *
with_signed_data (GMimePart  *part,
                  const char *file_name,
                  GBytes     *der)
{
  g_autoptr(GMimeStream) stream =
    g_mime_stream_mem_new_with_buffer (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  g_autoptr(GMimeDataWrapper) wrapper =
    g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (part, wrapper);
  g_mime_part_set_filename (part, file_name);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  return GMIME_OBJECT (part);
}

static GMimeObject *
signed_entity (GMimeObject      *content,
               EcertSigningKey  *key,
               EcertMailSigning  signing,
               GError          **error)
{
  g_autoptr(GBytes) entity = canonical_entity (content);
  g_autoptr(GBytes) der = ecert_sign_pkcs7 (entity, key, signing == ECERT_MAIL_SIGN_OPAQUE, error);
  GMimeMultipart *multipart;

  if (der == NULL)
    return NULL;

  if (signing == ECERT_MAIL_SIGN_OPAQUE)
    return with_signed_data (GMIME_PART (g_mime_application_pkcs7_mime_new (GMIME_SECURE_MIME_TYPE_SIGNED_DATA)),
                             "smime.p7m", der);

  multipart = GMIME_MULTIPART (g_mime_multipart_signed_new ());
  g_mime_multipart_set_boundary (multipart, NULL);
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (multipart), "protocol",
                                            "application/pkcs7-signature");
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (multipart), "micalg", "sha-256");
  {
    g_autoptr(GMimeObject) exact = reparsed (entity);
    g_autoptr(GMimeObject) signature =
      with_signed_data (g_mime_part_new_with_type ("application", "pkcs7-signature"),
                        "smime.p7s", der);

    g_mime_multipart_add (multipart, exact);
    g_mime_multipart_add (multipart, signature);
  }
  return GMIME_OBJECT (multipart);
}

/**
 * ecert_mail_compose:
 * @from: the sender, e.g. "NPPO New Zealand <ecert@mpi.example>"
 * @to: the recipient
 * @subject: the subject, also the covering letter's text
 * @message_id: the Message-ID, without angle brackets
 * @certificate: the SPS certificate's bytes
 * @file_name: the attachment's name
 * @key: (nullable): the S/MIME signer, with @signing other than
 *   %ECERT_MAIL_SIGN_NONE
 *
 * A message carrying one certificate as an XML attachment, as a partner's
 * mail system pushes it; signed with S/MIME when asked. Lines end in CRLF.
 *
 * Returns: (transfer full): the message's bytes, or %NULL with @error set
 */
GBytes *
ecert_mail_compose (const char        *from,
                    const char        *to,
                    const char        *subject,
                    const char        *message_id,
                    GBytes            *certificate,
                    const char        *file_name,
                    EcertSigningKey   *key,
                    EcertMailSigning   signing,
                    GError           **error)
{
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeObject) body = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  InternetAddressList *parsed;

  g_return_val_if_fail (signing == ECERT_MAIL_SIGN_NONE || key != NULL, NULL);

  ensure_gmime ();
  message = g_mime_message_new (TRUE);
  parsed = internet_address_list_parse (NULL, from);
  if (parsed != NULL)
    {
      internet_address_list_append (g_mime_message_get_from (message), parsed);
      g_object_unref (parsed);
    }
  parsed = internet_address_list_parse (NULL, to);
  if (parsed != NULL)
    {
      internet_address_list_append (g_mime_message_get_addresses (message, GMIME_ADDRESS_TYPE_TO),
                                    parsed);
      g_object_unref (parsed);
    }
  g_mime_message_set_subject (message, subject, "utf-8");
  g_mime_message_set_message_id (message, message_id);
  g_mime_message_set_date (message, now);

  body = letter_with_attachment (subject, certificate, file_name);
  if (signing != ECERT_MAIL_SIGN_NONE)
    {
      GMimeObject *signed_body = signed_entity (body, key, signing, error);

      if (signed_body == NULL)
        return NULL;
      g_clear_object (&body);
      body = signed_body;
    }

  g_mime_message_set_mime_part (message, body);
  return canonical_entity (GMIME_OBJECT (message));
}
