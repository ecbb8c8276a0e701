/* ecert-maildir.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean   ecert_maildir_is_maildir    (const char  *directory);
GPtrArray *ecert_maildir_list_new      (const char  *directory,
                                        GError     **error);
gboolean   ecert_maildir_file_away     (const char  *message_path,
                                        gboolean     seen,
                                        GError     **error);
char      *ecert_maildir_deliver       (const char  *directory,
                                        GBytes      *message,
                                        GError     **error);

G_END_DECLS
