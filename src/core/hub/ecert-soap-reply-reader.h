/* ecert-soap-reply-reader.h: a hub's reply, read as it arrives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ecert-soap-reply.h"

G_BEGIN_DECLS

typedef struct _EcertSoapReplyReader EcertSoapReplyReader;

EcertSoapReplyReader *ecert_soap_reply_reader_new             (EcertSoapOperation     operation,
                                                               gsize                  max_size);
void                  ecert_soap_reply_reader_set_list_limits (EcertSoapReplyReader  *reader,
                                                               gsize                  max_size,
                                                               guint                  max_headers,
                                                               gsize                  max_fields_size);
gboolean              ecert_soap_reply_reader_feed            (EcertSoapReplyReader  *reader,
                                                               const guint8          *data,
                                                               gsize                  length);
gsize                 ecert_soap_reply_reader_get_size        (EcertSoapReplyReader  *reader);
EcertSoapReply       *ecert_soap_reply_reader_finish          (EcertSoapReplyReader  *reader,
                                                               GError               **error);
void                  ecert_soap_reply_reader_free            (EcertSoapReplyReader  *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertSoapReplyReader, ecert_soap_reply_reader_free)

G_END_DECLS
