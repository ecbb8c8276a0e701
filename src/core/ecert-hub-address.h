/* ecert-hub-address.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *ecert_hub_address_normalize (const char  *text,
                                       GError     **error);
gboolean  ecert_hub_address_is_loopback (const char *address);

G_END_DECLS
