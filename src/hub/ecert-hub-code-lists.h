/* ecert-hub-code-lists.h: the reference lists the local hub publishes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-core.h"

G_BEGIN_DECLS

void ecert_hub_code_lists_add (EcertHubCodeList  list,
                               GPtrArray        *entries);

G_END_DECLS
