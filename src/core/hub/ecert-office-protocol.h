/* ecert-office-protocol.h: what an office adds to the hub's protocol
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the office that serves it and the desks that use it
 * (docs/office-protocol.md).
 */

#pragma once

/* The request header in which a desk asks an office to hold a request for
 * headers open, up to that many seconds, until something arrives. A hub
 * ignores it. */
#define ECERT_OFFICE_WAIT_HEADER "X-Ecert-Wait"

/* The longest hold an office grants, whatever a desk asks. */
#define ECERT_OFFICE_MAX_WAIT_SECONDS 60

/* Where an office answers what the WSDL lacks, on the host and port of its
 * hub address. */
#define ECERT_OFFICE_EXTENSION_PATH "/office/v1"
