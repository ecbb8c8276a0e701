/* ecert-mail-message.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-pkcs7.h"
#include "ecert-signer.h"
#include "ecert-trust-store.h"

G_BEGIN_DECLS

/* What a message may be before it is refused whole: mail from anyone is
 * read, so its size and shape are bounded before anything is decoded. */
#define ECERT_MAIL_DEFAULT_MAX_SIZE (25 * 1024 * 1024)
#define ECERT_MAIL_MAX_DEPTH 8
#define ECERT_MAIL_MAX_PARTS 100

/**
 * EcertMailSignature:
 * @ECERT_MAIL_NOT_SIGNED: no S/MIME signature
 * @ECERT_MAIL_SIGNED: signed, by a signer an anchor of the desk vouches for
 * @ECERT_MAIL_SIGNER_UNKNOWN: the signature holds; no anchor vouches for
 *   the signer
 * @ECERT_MAIL_SIGNATURE_FAILED: the signature does not hold
 */
typedef enum
{
  ECERT_MAIL_NOT_SIGNED,
  ECERT_MAIL_SIGNED,
  ECERT_MAIL_SIGNER_UNKNOWN,
  ECERT_MAIL_SIGNATURE_FAILED,
} EcertMailSignature;

/**
 * EcertMailPart:
 * @name: (nullable): the attachment's name as the message gives it; never
 *   used as a path, and to be sanitised before it is shown
 * @content_type: the type the message declares, e.g. "application/xml"
 * @content: (nullable): the decoded bytes of a part that looks like an SPS
 *   certificate; %NULL when the part is refused
 * @problem: (nullable): why nothing is taken from this part, for people
 *
 * One part of a message that holds, or was refused as, a certificate. Parts
 * that are plainly something else (the covering letter) are not listed.
 */
typedef struct
{
  char   *name;
  char   *content_type;
  GBytes *content;
  char   *problem;
} EcertMailPart;

/**
 * EcertMailMessage:
 * @message_id: the Message-ID without its angle brackets; for a message
 *   without one, "sha256:" and the hash of its bytes, so that reading it
 *   again still finds it the same
 * @sender: (nullable): the From header as written, decoded
 * @subject: (nullable): the Subject, decoded
 * @date: (nullable): the Date header
 * @receipt_to: (nullable): where the sender asked for a disposition
 *   notification to be sent (Disposition-Notification-To)
 * @signature: what an S/MIME signature around the content said
 * @signer: (nullable): the S/MIME signer's subject
 * @parts: (element-type EcertMailPart): the certificate parts, and the
 *   parts refused, in the message's order
 * @size: the message's size in bytes
 *
 * A mail message as read for the certificates it carries.
 */
typedef struct
{
  char               *message_id;
  char               *sender;
  char               *subject;
  GDateTime          *date;
  char               *receipt_to;
  EcertMailSignature  signature;
  char               *signer;
  GPtrArray          *parts;
  gsize               size;
} EcertMailMessage;

void              ecert_mail_message_free    (EcertMailMessage  *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertMailMessage, ecert_mail_message_free)

EcertMailMessage *ecert_mail_message_parse   (GBytes            *raw,
                                              gsize              max_size,
                                              EcertTrustStore   *trust,
                                              GError           **error);
GPtrArray        *ecert_mail_split_mbox      (GBytes            *mbox,
                                              GError           **error);
gboolean          ecert_mail_looks_like_mbox (GBytes            *raw);

/**
 * EcertMailSigning:
 * @ECERT_MAIL_SIGN_NONE: not signed
 * @ECERT_MAIL_SIGN_DETACHED: multipart/signed with a detached signature
 * @ECERT_MAIL_SIGN_OPAQUE: application/pkcs7-mime signed-data
 */
typedef enum
{
  ECERT_MAIL_SIGN_NONE,
  ECERT_MAIL_SIGN_DETACHED,
  ECERT_MAIL_SIGN_OPAQUE,
} EcertMailSigning;

GBytes           *ecert_mail_compose         (const char        *from,
                                              const char        *to,
                                              const char        *subject,
                                              const char        *message_id,
                                              GBytes            *certificate,
                                              const char        *file_name,
                                              EcertSigningKey   *key,
                                              EcertMailSigning   signing,
                                              GError           **error);

G_END_DECLS
