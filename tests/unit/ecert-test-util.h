/* ecert-test-util.h: shared by the unit tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char   *ecert_test_reference_path (const char *first_element,
                                   ...) G_GNUC_NULL_TERMINATED;
GBytes *ecert_test_load_reference (const char *relative_path);

GBytes *ecert_test_certificate_xml (const char *number,
                                    const char *status,
                                    const char *replaces);
char   *ecert_test_make_temp_dir   (void);
void    ecert_test_remove_tree     (const char *path);

G_END_DECLS
