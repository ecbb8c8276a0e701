/* ecert-library-versions.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every layer's libraries, so the report lives in the layer that joins them. */
char *ecert_get_library_versions (void);

G_END_DECLS
