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

#define ECERT_TEST_RSM_NS "urn:un:unece:uncefact:data:standard:SPSCertificate:17"
#define ECERT_TEST_RAM_NS \
  "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21"
#define ECERT_TEST_UDT_NS "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21"

char   *ecert_test_template        (const char *rsm,
                                    const char *ram,
                                    const char *udt,
                                    const char *date_element);
GBytes *ecert_test_certificate_variant (const char *number,
                                        const char *status,
                                        const char *replaces);
typedef void (*EcertTestVectorFunc) (const char *name,
                                     const char *contents,
                                     gsize       length);

void    ecert_test_each_hostile_vector (EcertTestVectorFunc func);
char   *ecert_test_make_temp_dir   (void);
void    ecert_test_remove_tree     (const char *path);

G_END_DECLS
