/* ecert-hub-office.h: what a desk asks of its office beyond the hub's operations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-hub-client.h"

G_BEGIN_DECLS

/**
 * EcertOfficeProfile:
 * @office: the office's name
 * @country: the country it receives for
 * @desk: this desk's name at the office
 * @ports: (nullable): the points of entry (UN/LOCODE) this desk receives
 *   for; %NULL or empty for all
 * @countries: (nullable): the exporting countries it receives from; %NULL
 *   or empty for all
 * @days: how far back it received what the office held when it was
 *   enrolled; 0 for everything
 *
 * Who this desk is at its office, and what it receives.
 */
typedef struct
{
  char  *office;
  char  *country;
  char  *desk;
  GStrv  ports;
  GStrv  countries;
  guint  days;
} EcertOfficeProfile;

/**
 * EcertSharedPaperCheck:
 * @number: the number as a desk typed it
 * @checks: how often it was checked at the office's desks
 * @found: whether any of those checks found an e-certificate
 * @last: when it was last checked
 * @desks: the desks that checked it
 *
 * A number checked at an office's desks, from the office's shared log.
 */
typedef struct
{
  char      *number;
  guint      checks;
  gboolean   found;
  GDateTime *last;
  GStrv      desks;
} EcertSharedPaperCheck;

void                ecert_office_profile_free     (EcertOfficeProfile    *profile);
char               *ecert_office_profile_describe_scope (const EcertOfficeProfile *profile);
void                ecert_shared_paper_check_free (EcertSharedPaperCheck *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertOfficeProfile, ecert_office_profile_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertSharedPaperCheck, ecert_shared_paper_check_free)

void                ecert_hub_client_get_office_profile_async  (EcertHubClient      *self,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
EcertOfficeProfile *ecert_hub_client_get_office_profile_finish (EcertHubClient      *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);
void                ecert_hub_client_find_at_office_async      (EcertHubClient      *self,
                                                                const char          *number,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
GPtrArray          *ecert_hub_client_find_at_office_finish     (EcertHubClient      *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);
void                ecert_hub_client_record_paper_check_async  (EcertHubClient      *self,
                                                                const char          *number,
                                                                gboolean             found,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
gboolean            ecert_hub_client_record_paper_check_finish (EcertHubClient      *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);
void                ecert_hub_client_list_paper_checks_async   (EcertHubClient      *self,
                                                                guint                days,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
GPtrArray          *ecert_hub_client_list_paper_checks_finish  (EcertHubClient      *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

G_END_DECLS
