/* fuzz-certificate.c: libFuzzer target for the certificate reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes through what a hub delivery goes through: content
 * decoding (XML or base64, UTF-8 or UTF-16), safe parsing, the model, and
 * then everything a view would ask of the model, attachments included.
 */

#include "config.h"

#include "ecert-certificate.h"
#include "ecert-content.h"
#include "ecert-date-time.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
exercise (EcertCertificate *certificate)
{
  GPtrArray *attachments = ecert_certificate_get_attachments (certificate);
  const EcertReplacement *replacement = ecert_certificate_get_replacement (certificate);
  const EcertDateTime *issued = ecert_certificate_get_issued (certificate);

  for (guint i = 0; i < attachments->len; i++)
    {
      g_autofree char *type = NULL;
      GBytes *bytes = ecert_certificate_decode_attachment (certificate,
                                                           g_ptr_array_index (attachments, i),
                                                           &type, NULL);

      g_clear_pointer (&bytes, g_bytes_unref);
    }

  if (replacement != NULL)
    g_free (ecert_replacement_describe (replacement));

  if (issued != NULL)
    g_free (ecert_date_time_format (issued));

  ecert_texts_pick (ecert_certificate_get_notes (certificate)->len > 0
                    ? ((EcertNote *) g_ptr_array_index (ecert_certificate_get_notes (certificate), 0))->contents
                    : NULL, NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) content = g_bytes_new_static (data, size);
  g_autoptr(GBytes) document = NULL;
  g_autoptr(EcertCertificate) direct = NULL;
  g_autoptr(EcertCertificate) decoded = NULL;

  direct = ecert_certificate_new_from_bytes (content, NULL, NULL);
  if (direct != NULL)
    exercise (direct);

  document = ecert_content_decode_document ((const char *) data, size, NULL);
  if (document != NULL)
    {
      decoded = ecert_certificate_new_from_bytes (document, NULL, NULL);
      if (decoded != NULL)
        exercise (decoded);
    }

  return 0;
}
