/* ecert-mail-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-cache.h"
#include "ecert-imap-client.h"
#include "ecert-mail-message.h"
#include "ecert-trust-store.h"

G_BEGIN_DECLS

/**
 * EcertMailOutcome:
 * @ECERT_MAIL_IMPORTED: at least one certificate is stored (or was
 *   already): the message is done, and marked so
 * @ECERT_MAIL_REJECTED: nothing readable as a certificate: the message is
 *   left, marked, for a person to look at
 * @ECERT_MAIL_NOT_STORED: the cache could not be written: the message is
 *   left as it was, to be read again
 */
typedef enum
{
  ECERT_MAIL_IMPORTED,
  ECERT_MAIL_REJECTED,
  ECERT_MAIL_NOT_STORED,
} EcertMailOutcome;

/**
 * EcertMailImport:
 * @label: the message as the results name it: a file, a Maildir message,
 *   a folder's address and the message's number
 * @message_id: (nullable): its Message-ID
 * @sender: (nullable): its sender as written
 * @outcome: what became of the message
 * @problem: (nullable): why the whole message was refused
 * @results: (element-type EcertImportResult): one per certificate part,
 *   stored or refused
 *
 * What became of one mail message.
 */
typedef struct
{
  char             *label;
  char             *message_id;
  char             *sender;
  EcertMailOutcome  outcome;
  char             *problem;
  GPtrArray        *results;
} EcertMailImport;

void             ecert_mail_import_free          (EcertMailImport  *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertMailImport, ecert_mail_import_free)

gboolean         ecert_mail_import_looks_like_mail (GBytes         *contents);
EcertMailImport *ecert_mail_import_message       (EcertCache       *cache,
                                                  EcertTrustStore  *trust,
                                                  GBytes           *raw,
                                                  const char       *mailbox,
                                                  const char       *label,
                                                  gsize             max_size);
GPtrArray       *ecert_mail_import_bytes         (EcertCache       *cache,
                                                  EcertTrustStore  *trust,
                                                  GBytes           *contents,
                                                  const char       *label,
                                                  gsize             max_size);
void             ecert_mail_import_take_results  (EcertMailImport  *import,
                                                  GPtrArray        *results);
GPtrArray       *ecert_mail_import_maildir       (EcertCache       *cache,
                                                  EcertTrustStore  *trust,
                                                  const char       *directory,
                                                  gsize             max_size,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

/**
 * EcertMailProgress:
 * @done: messages read so far
 * @total: messages to read
 *
 * Called from the worker after each message.
 */
typedef void (*EcertMailProgress) (guint    done,
                                   guint    total,
                                   gpointer user_data);

/* Messages stored per transaction when fetching: a commit waits for the
 * disk, and a folder of thousands should not wait thousands of times. */
#define ECERT_MAIL_FETCH_BATCH 50

GPtrArray       *ecert_mail_fetch                (EcertCache              *cache,
                                                  EcertTrustStore         *trust,
                                                  const EcertImapAccount  *account,
                                                  gsize                    max_size,
                                                  guint                    batch,
                                                  EcertMailProgress        progress,
                                                  gpointer                 progress_data,
                                                  GCancellable            *cancellable,
                                                  GError                 **error);
void             ecert_mail_fetch_async          (EcertCache              *cache,
                                                  EcertTrustStore         *trust,
                                                  const EcertImapAccount  *account,
                                                  EcertMailProgress        progress,
                                                  gpointer                 progress_data,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
GPtrArray       *ecert_mail_fetch_finish         (GAsyncResult            *result,
                                                  GError                 **error);

gboolean         ecert_mail_count_unread         (const EcertImapAccount  *account,
                                                  guint                   *unread,
                                                  GCancellable            *cancellable,
                                                  GError                 **error);
void             ecert_mail_count_unread_async   (const EcertImapAccount  *account,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
gboolean         ecert_mail_count_unread_finish  (GAsyncResult            *result,
                                                  guint                   *unread,
                                                  GError                 **error);

G_END_DECLS
