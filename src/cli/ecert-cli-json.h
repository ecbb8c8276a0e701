/* ecert-cli-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ecert-core.h"

G_BEGIN_DECLS

void ecert_cli_print_json           (EcertCertificate *certificate);
void ecert_cli_json_add_certificate (JsonBuilder      *builder,
                                     EcertCertificate *certificate);
void ecert_cli_json_add_string      (JsonBuilder      *builder,
                                     const char       *name,
                                     const char       *value);
void ecert_cli_json_add_boolean     (JsonBuilder      *builder,
                                     const char       *name,
                                     gboolean          value);
void ecert_cli_json_add_int         (JsonBuilder      *builder,
                                     const char       *name,
                                     gint64            value);
void ecert_cli_json_add_time        (JsonBuilder      *builder,
                                     const char       *name,
                                     GDateTime        *time);
void ecert_cli_json_print           (JsonBuilder      *builder);

G_END_DECLS
