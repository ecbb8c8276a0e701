/* ecert-arrival-watch.h: hearing of arrivals at an office as they happen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-hub-client.h"

G_BEGIN_DECLS

/* How long an office is asked to hold each request, in seconds. */
#define ECERT_ARRIVAL_WATCH_DEFAULT_WAIT 25
/* The longest pause between attempts while the office cannot be reached. */
#define ECERT_ARRIVAL_WATCH_MAX_BACKOFF_S 30

#define ECERT_TYPE_ARRIVAL_WATCH (ecert_arrival_watch_get_type ())

G_DECLARE_FINAL_TYPE (EcertArrivalWatch, ecert_arrival_watch, ECERT, ARRIVAL_WATCH, GObject)

EcertArrivalWatch *ecert_arrival_watch_new       (EcertHubClient    *client,
                                                  guint              wait_seconds);
EcertHubClient    *ecert_arrival_watch_get_client (EcertArrivalWatch *self);
void               ecert_arrival_watch_start     (EcertArrivalWatch *self);
void               ecert_arrival_watch_resume    (EcertArrivalWatch *self);
void               ecert_arrival_watch_retry_now (EcertArrivalWatch *self);
void               ecert_arrival_watch_stop      (EcertArrivalWatch *self);
const GError      *ecert_arrival_watch_get_error (EcertArrivalWatch *self);

G_END_DECLS
