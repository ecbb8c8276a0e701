/* ecert-imap-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * EcertImapSecurity:
 * @ECERT_IMAP_TLS: TLS from the first byte (IMAPS, usually port 993)
 * @ECERT_IMAP_STARTTLS: a plain connection made TLS with STARTTLS before
 *   anything else is said (usually port 143)
 *
 * How the connection to the mail server is protected. There is no third
 * way: a password never crosses the network in the clear.
 */
typedef enum
{
  ECERT_IMAP_TLS,
  ECERT_IMAP_STARTTLS,
} EcertImapSecurity;

/**
 * EcertImapAccount:
 * @host: the server's name or address
 * @port: its port; 0 for the usual one (993 with TLS, 143 with STARTTLS)
 * @security: how the connection is protected
 * @user: the user name
 * @password: the password
 * @folder: the folder certificates arrive in, e.g. "INBOX"
 * @move_to: (nullable): the folder to move processed mail to; %NULL to
 *   leave it where it is, marked
 * @ca_file: (nullable): PEM certificates of the authorities to trust for
 *   the server's certificate instead of the system's
 *
 * A mailbox certificates are pushed to.
 */
typedef struct
{
  char              *host;
  guint16            port;
  EcertImapSecurity  security;
  char              *user;
  char              *password;
  char              *folder;
  char              *move_to;
  char              *ca_file;
} EcertImapAccount;

void              ecert_imap_account_free   (EcertImapAccount *account);
EcertImapAccount *ecert_imap_account_copy   (const EcertImapAccount *account);
char             *ecert_imap_account_describe (const EcertImapAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertImapAccount, ecert_imap_account_free)

/* The keywords the desk leaves on a message it has read. */
#define ECERT_IMAP_KEYWORD_IMPORTED "$EcertImported"
#define ECERT_IMAP_KEYWORD_REJECTED "$EcertRejected"

#define ECERT_TYPE_IMAP_CLIENT (ecert_imap_client_get_type ())

G_DECLARE_FINAL_TYPE (EcertImapClient, ecert_imap_client, ECERT, IMAP_CLIENT, GObject)

EcertImapClient *ecert_imap_client_connect       (const EcertImapAccount  *account,
                                                  GCancellable            *cancellable,
                                                  GError                 **error);
gboolean         ecert_imap_client_select        (EcertImapClient         *self,
                                                  const char              *folder,
                                                  GError                 **error);
GArray          *ecert_imap_client_search_unread (EcertImapClient         *self,
                                                  GError                 **error);
GHashTable      *ecert_imap_client_fetch_sizes   (EcertImapClient         *self,
                                                  const guint32           *uids,
                                                  guint                    n_uids,
                                                  GError                 **error);
GBytes          *ecert_imap_client_fetch         (EcertImapClient         *self,
                                                  guint32                  uid,
                                                  gsize                    max_size,
                                                  GError                 **error);
gboolean         ecert_imap_client_add_flags     (EcertImapClient         *self,
                                                  const guint32           *uids,
                                                  guint                    n_uids,
                                                  const char              *flags,
                                                  GError                 **error);
gboolean         ecert_imap_client_move          (EcertImapClient         *self,
                                                  const guint32           *uids,
                                                  guint                    n_uids,
                                                  const char              *folder,
                                                  GError                 **error);
void             ecert_imap_client_logout        (EcertImapClient         *self);

G_END_DECLS
