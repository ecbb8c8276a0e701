/* ecert-draft-discard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ecert-cache.h"

G_BEGIN_DECLS

void     ecert_draft_discard_async  (GtkWidget           *parent,
                                     EcertCache          *cache,
                                     gint64               draft_id,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean ecert_draft_discard_finish (GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
