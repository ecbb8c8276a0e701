/* ecert-hub-client-private.h: what the hub client's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "ecert-hub-client.h"

G_BEGIN_DECLS

/* The client's session and settings, read by each call
 * (ecert-hub-call.c). */
struct _EcertHubClient
{
  GObject          parent_instance;

  SoupSession     *session;
  GUri            *uri;
  char            *address;
  GTlsCertificate *certificate;
  guint            retries;
  guint            retry_delay_ms;
  gsize            max_reply_size;
  guint            deadline_s;
  guint            minimum_rate;
  guint            rate_window_s;
};

void ecert_hub_call_start (GTask              *task,
                           EcertSoapOperation  operation,
                           GBytes             *body,
                           guint               wait_s);

G_END_DECLS
