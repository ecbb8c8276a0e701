/* ecert-tls.h: the TLS versions E-Cert Inspector accepts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     ecert_tls_init                 (void);
gboolean ecert_tls_is_outdated          (GTlsConnection *connection);

G_END_DECLS
