/* ecert-hub-mailer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ecert-hub-store.h"

G_BEGIN_DECLS

#define ECERT_TYPE_HUB_MAILER (ecert_hub_mailer_get_type ())

G_DECLARE_FINAL_TYPE (EcertHubMailer, ecert_hub_mailer, ECERT, HUB_MAILER, GObject)

EcertHubMailer *ecert_hub_mailer_new          (const char      *hub_directory,
                                               const char      *target,
                                               const char      *country,
                                               GError         **error);
gboolean        ecert_hub_mailer_send_pending (EcertHubMailer  *self,
                                               EcertHubStore   *store,
                                               guint           *sent,
                                               GError         **error);

G_END_DECLS
