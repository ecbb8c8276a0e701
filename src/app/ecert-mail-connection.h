/* ecert-mail-connection.h: the mail account the settings describe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-imap-client.h"

G_BEGIN_DECLS

gboolean          ecert_mail_connection_is_set_up           (GSettings            *settings);
void              ecert_mail_connection_new_account_async   (gpointer              source_object,
                                                             GSettings            *settings,
                                                             const char           *password,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
EcertImapAccount *ecert_mail_connection_new_account_finish  (GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
