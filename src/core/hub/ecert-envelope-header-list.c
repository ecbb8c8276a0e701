/* ecert-envelope-header-list.c: many envelope headers, packed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hub lists everything pending for a desk in one reply, and a desk that
 * has fallen behind may be listed hundreds of thousands of envelopes. As
 * EcertEnvelopeHeader structures, with a block of memory per string and
 * an array per header for its forwardings, each would cost several times
 * what it holds. Here each header is one record, packed into large blocks:
 * its delivery number first (what a sync looks at most), then its numbers,
 * then its other strings, each ending in a NUL, since XML text has none.
 */

#define G_LOG_DOMAIN "ecert-envelope"

#include "config.h"

#include <string.h>

#include "ecert-envelope-header-list.h"

/* Records are packed into blocks of this size, or one of their own when
 * larger. */
#define BLOCK_SIZE (256 * 1024)

/* Which of a record's nullable strings are present. */
enum
{
  HAS_DELIVERY_NUMBER = 1 << 0,
  HAS_FROM = 1 << 1,
  HAS_TO = 1 << 2,
  HAS_CERTIFICATE_NUMBER = 1 << 3,
  HAS_ERROR_MESSAGE = 1 << 4,
};

/* Of a forwarding. */
enum
{
  HAS_CODE = 1 << 0,
  HAS_FORWARDING_NUMBER = 1 << 1,
};

/* A record: a byte of the flags above, the tracking state, then
 * CertificateType, CertificateStatus and the number of forwardings, four
 * bytes each (copied in and out: a record starts wherever the one before
 * it ended), then the strings present, in the order of the flags, then
 * for each forwarding a byte of its flags and its strings. */
#define RECORD_HEAD_SIZE (2 + 3 * 4)

struct _EcertEnvelopeHeaderList
{
  gatomicrefcount  ref_count;
  GPtrArray       *blocks;      /* (element-type guint8) */
  gsize            block_used;  /* in the last block */
  GPtrArray       *records;     /* pointers into the blocks, in order */
  gsize            size;
};

G_DEFINE_BOXED_TYPE (EcertEnvelopeHeaderList, ecert_envelope_header_list,
                     ecert_envelope_header_list_ref, ecert_envelope_header_list_unref)

EcertEnvelopeHeaderList *
ecert_envelope_header_list_new (void)
{
  EcertEnvelopeHeaderList *list = g_new0 (EcertEnvelopeHeaderList, 1);

  g_atomic_ref_count_init (&list->ref_count);
  list->blocks = g_ptr_array_new_with_free_func (g_free);
  list->records = g_ptr_array_new ();
  return list;
}

EcertEnvelopeHeaderList *
ecert_envelope_header_list_ref (EcertEnvelopeHeaderList *list)
{
  g_return_val_if_fail (list != NULL, NULL);

  g_atomic_ref_count_inc (&list->ref_count);
  return list;
}

void
ecert_envelope_header_list_unref (EcertEnvelopeHeaderList *list)
{
  g_return_if_fail (list != NULL);

  if (!g_atomic_ref_count_dec (&list->ref_count))
    return;

  g_ptr_array_unref (list->records);
  g_ptr_array_unref (list->blocks);
  g_free (list);
}

static gsize
string_size (const char *text)
{
  return text != NULL ? strlen (text) + 1 : 0;
}

static guint8 *
put_string (guint8     *at,
            const char *text)
{
  gsize size = string_size (text);

  if (text != NULL)
    memcpy (at, text, size);
  return at + size;
}

static const guint8 *
take_string (const guint8  *at,
             gboolean       present,
             char         **text)
{
  if (!present)
    {
      *text = NULL;
      return at;
    }

  *text = g_strdup ((const char *) at);
  return at + strlen ((const char *) at) + 1;
}

/* Room for @size bytes, in the last block or a new one. */
static guint8 *
reserve (EcertEnvelopeHeaderList *list,
         gsize                    size)
{
  guint8 *block;

  if (list->blocks->len == 0 || list->block_used + size > BLOCK_SIZE)
    {
      g_ptr_array_add (list->blocks, g_malloc (MAX (size, BLOCK_SIZE)));
      list->block_used = 0;
      list->size += MAX (size, BLOCK_SIZE);
    }

  block = g_ptr_array_index (list->blocks, list->blocks->len - 1);
  list->block_used += size;
  return block + list->block_used - size;
}

/**
 * ecert_envelope_header_list_add:
 * @header: a header, copied
 *
 * Adds @header at the end of the list.
 */
void
ecert_envelope_header_list_add (EcertEnvelopeHeaderList   *list,
                                const EcertEnvelopeHeader *header)
{
  gsize size = RECORD_HEAD_SIZE;
  guint32 n_forwardings;
  guint8 *record;
  guint8 *at;

  g_return_if_fail (list != NULL);
  g_return_if_fail (header != NULL);

  size += string_size (header->hub_delivery_number) + string_size (header->from) +
          string_size (header->to) + string_size (header->nppo_certificate_number) +
          string_size (header->hub_delivery_error_message);
  for (guint i = 0; i < header->forwardings->len; i++)
    {
      const EcertEnvelopeForwarding *forwarding = header->forwardings->pdata[i];

      size += 1 + string_size (forwarding->code) + string_size (forwarding->hub_delivery_number);
    }

  record = at = reserve (list, size);
  n_forwardings = header->forwardings->len;
  *at++ = (header->hub_delivery_number != NULL ? HAS_DELIVERY_NUMBER : 0) |
          (header->from != NULL ? HAS_FROM : 0) |
          (header->to != NULL ? HAS_TO : 0) |
          (header->nppo_certificate_number != NULL ? HAS_CERTIFICATE_NUMBER : 0) |
          (header->hub_delivery_error_message != NULL ? HAS_ERROR_MESSAGE : 0);
  *at++ = (guint8) header->tracking_info;
  memcpy (at, &header->certificate_type, 4);
  memcpy (at + 4, &header->certificate_status, 4);
  memcpy (at + 8, &n_forwardings, 4);
  at += 12;
  at = put_string (at, header->hub_delivery_number);
  at = put_string (at, header->from);
  at = put_string (at, header->to);
  at = put_string (at, header->nppo_certificate_number);
  at = put_string (at, header->hub_delivery_error_message);
  for (guint i = 0; i < header->forwardings->len; i++)
    {
      const EcertEnvelopeForwarding *forwarding = header->forwardings->pdata[i];

      *at++ = (forwarding->code != NULL ? HAS_CODE : 0) |
              (forwarding->hub_delivery_number != NULL ? HAS_FORWARDING_NUMBER : 0);
      at = put_string (at, forwarding->code);
      at = put_string (at, forwarding->hub_delivery_number);
    }
  g_assert ((gsize) (at - record) == size);

  g_ptr_array_add (list->records, record);
}

guint
ecert_envelope_header_list_get_length (EcertEnvelopeHeaderList *list)
{
  g_return_val_if_fail (list != NULL, 0);

  return list->records->len;
}

/**
 * ecert_envelope_header_list_get_size:
 *
 * Returns: the bytes the list holds
 */
gsize
ecert_envelope_header_list_get_size (EcertEnvelopeHeaderList *list)
{
  g_return_val_if_fail (list != NULL, 0);

  return list->size + list->records->len * sizeof (gpointer);
}

/**
 * ecert_envelope_header_list_get_delivery_number:
 *
 * Returns: (nullable): the hub delivery number of the header at @index,
 *   which belongs to the list, or %NULL when the hub gave none
 */
const char *
ecert_envelope_header_list_get_delivery_number (EcertEnvelopeHeaderList *list,
                                                guint                    index)
{
  const guint8 *record;

  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (index < list->records->len, NULL);

  record = g_ptr_array_index (list->records, index);
  if ((record[0] & HAS_DELIVERY_NUMBER) == 0)
    return NULL;

  return (const char *) record + RECORD_HEAD_SIZE;
}

/**
 * ecert_envelope_header_list_get:
 *
 * Returns: (transfer full): a copy of the header at @index
 */
EcertEnvelopeHeader *
ecert_envelope_header_list_get (EcertEnvelopeHeaderList *list,
                                guint                    index)
{
  EcertEnvelopeHeader *header;
  const guint8 *at;
  guint8 present;
  guint32 n_forwardings;

  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (index < list->records->len, NULL);

  at = g_ptr_array_index (list->records, index);
  header = ecert_envelope_header_new ();
  present = at[0];
  header->tracking_info = (EcertTrackingInfo) at[1];
  memcpy (&header->certificate_type, at + 2, 4);
  memcpy (&header->certificate_status, at + 6, 4);
  memcpy (&n_forwardings, at + 10, 4);
  at += RECORD_HEAD_SIZE;

  at = take_string (at, present & HAS_DELIVERY_NUMBER, &header->hub_delivery_number);
  at = take_string (at, present & HAS_FROM, &header->from);
  at = take_string (at, present & HAS_TO, &header->to);
  at = take_string (at, present & HAS_CERTIFICATE_NUMBER, &header->nppo_certificate_number);
  at = take_string (at, present & HAS_ERROR_MESSAGE, &header->hub_delivery_error_message);
  for (guint32 i = 0; i < n_forwardings; i++)
    {
      guint8 forwarding_present = *at++;
      g_autofree char *code = NULL;
      g_autofree char *number = NULL;

      at = take_string (at, forwarding_present & HAS_CODE, &code);
      at = take_string (at, forwarding_present & HAS_FORWARDING_NUMBER, &number);
      ecert_envelope_header_add_forwarding (header, code, number);
    }

  return header;
}
