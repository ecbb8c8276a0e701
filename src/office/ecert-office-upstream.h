/* ecert-office-upstream.h: the office's one connection to the country's hub
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ecert-core.h"

G_BEGIN_DECLS

#define ECERT_TYPE_OFFICE_UPSTREAM (ecert_office_upstream_get_type ())

G_DECLARE_FINAL_TYPE (EcertOfficeUpstream, ecert_office_upstream, ECERT, OFFICE_UPSTREAM, GObject)

EcertOfficeUpstream *ecert_office_upstream_new      (const char          *store_uri,
                                                     EcertHubClient      *client,
                                                     EcertTrustStore     *trust,
                                                     guint                interval_ms);
void                 ecert_office_upstream_start    (EcertOfficeUpstream *self);
gboolean             ecert_office_upstream_is_leading (EcertOfficeUpstream *self);

G_END_DECLS
