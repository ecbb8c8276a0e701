/* ecert-cli-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-core.h"

G_BEGIN_DECLS

void ecert_cli_print_json (EcertCertificate *certificate);

G_END_DECLS
