/* ecert-core.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#define ECERT_CORE_INSIDE

#include "ecert-content.h"
#include "ecert-country.h"
#include "ecert-error.h"
#include "ecert-hub-address.h"
#include "ecert-i18n.h"
#include "ecert-schema.h"
#include "ecert-version.h"
#include "ecert-xml.h"

#undef ECERT_CORE_INSIDE
