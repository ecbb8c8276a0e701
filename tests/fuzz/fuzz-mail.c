/* fuzz-mail.c: libFuzzer target for the mail reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Arbitrary bytes, read as a mail message (and, when they start as one
 * does, as an mbox): the MIME parser, transfer decoding, the S/MIME check
 * against the test PKI's NZ anchor, nesting, part and name limits all see
 * hostile input. Whatever the input, reading gives a message whose every
 * part holds either a certificate or the reason it was refused, or an
 * error; never a crash.
 */

#include "config.h"

#include "ecert-error.h"
#include "ecert-mail-message.h"
#include "fuzz-trust.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Inputs are kept small, so is the limit: the size check is exercised too. */
#define FUZZ_MAX_SIZE (256 * 1024)

static void
read_message (GBytes *raw)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EcertMailMessage) message = ecert_mail_message_parse (raw, FUZZ_MAX_SIZE,
                                                                  ecert_fuzz_get_trust_store (), &error);

  if (message == NULL)
    {
      g_assert (error != NULL && error->domain == ECERT_ERROR);
      return;
    }

  g_assert (message->message_id != NULL && message->message_id[0] != '\0');
  g_assert (message->parts->len <= ECERT_MAIL_MAX_PARTS + 2);
  for (guint i = 0; i < message->parts->len; i++)
    {
      EcertMailPart *part = g_ptr_array_index (message->parts, i);

      g_assert ((part->content == NULL) != (part->problem == NULL));
      g_assert (part->content_type != NULL);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) raw = g_bytes_new_static (data, size);

  read_message (raw);

  if (ecert_mail_looks_like_mbox (raw))
    {
      g_autoptr(GPtrArray) messages = ecert_mail_split_mbox (raw, NULL);

      for (guint i = 0; messages != NULL && i < messages->len; i++)
        read_message (g_ptr_array_index (messages, i));
    }

  return 0;
}
