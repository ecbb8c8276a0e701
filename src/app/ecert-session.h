/* ecert-session.h: the desk's cache, trust anchors and hub, for every view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-cache.h"
#include "ecert-hub-client.h"
#include "ecert-hub-office.h"
#include "ecert-inquiry.h"
#include "ecert-outbox.h"
#include "ecert-stored-certificate.h"
#include "ecert-sync.h"
#include "ecert-trust-directory.h"

G_BEGIN_DECLS

#define ECERT_TYPE_SESSION (ecert_session_get_type ())

G_DECLARE_FINAL_TYPE (EcertSession, ecert_session, ECERT, SESSION, GObject)

EcertSession        *ecert_session_new                 (GSettings           *settings,
                                                        const char          *cache_path,
                                                        const char          *trust_directory);

GSettings           *ecert_session_get_settings        (EcertSession        *self);
const char          *ecert_session_get_cache_path      (EcertSession        *self);
EcertCache          *ecert_session_get_cache           (EcertSession        *self);
const GError        *ecert_session_get_cache_error     (EcertSession        *self);
EcertTrustDirectory *ecert_session_get_trust_directory (EcertSession        *self);

void            ecert_session_keep_passphrase       (EcertSession        *self,
                                                     const char          *passphrase);
void            ecert_session_new_hub_client_async  (EcertSession        *self,
                                                     const char          *passphrase,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
EcertHubClient *ecert_session_new_hub_client_finish (EcertSession        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

gboolean                 ecert_session_sync              (EcertSession *self);
void                     ecert_session_stop_sync         (EcertSession *self);
gboolean                 ecert_session_get_syncing       (EcertSession *self);
const char              *ecert_session_get_sync_status   (EcertSession *self);
double                   ecert_session_get_sync_fraction (EcertSession *self);
const EcertSyncProgress *ecert_session_get_sync_progress (EcertSession *self);
const GError            *ecert_session_get_last_error    (EcertSession *self);
const GError            *ecert_session_get_last_mail_error (EcertSession *self);

const EcertOfficeProfile *ecert_session_get_office_profile (EcertSession *self);
const GError             *ecert_session_get_office_error   (EcertSession *self);
void                      ecert_session_retry              (EcertSession *self);
void                      ecert_session_adopt_office_client (EcertSession   *self,
                                                             EcertHubClient *client);
void                      ecert_session_record_paper_check (EcertSession *self,
                                                            const char   *number,
                                                            gboolean      found);
void       ecert_session_check_at_office_async     (EcertSession        *self,
                                                    const char          *number,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray *ecert_session_check_at_office_finish    (EcertSession        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void       ecert_session_list_office_checks_async  (EcertSession        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray *ecert_session_list_office_checks_finish (EcertSession        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

void     ecert_session_check_mail_async  (EcertSession        *self,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean ecert_session_check_mail_finish (EcertSession        *self,
                                          GAsyncResult        *result,
                                          guint               *unread,
                                          GError             **error);

void       ecert_session_import_files_async  (EcertSession        *self,
                                              GPtrArray           *files,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray *ecert_session_import_files_finish (EcertSession        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

void  ecert_session_load_certificate_async (EcertSession               *self,
                                            gint64                      row,
                                            EcertStoredCertificateMode  mode,
                                            GCancellable               *cancellable,
                                            GAsyncReadyCallback         callback,
                                            gpointer                    user_data);
EcertStoredCertificate *
      ecert_session_load_certificate_finish (EcertSession               *self,
                                             GAsyncResult               *result,
                                             GError                    **error);

void     ecert_session_send_inquiry_async  (EcertSession         *self,
                                            EcertInquiry         *inquiry,
                                            gint64                draft_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean ecert_session_send_inquiry_finish (EcertSession         *self,
                                            GAsyncResult         *result,
                                            EcertOutboxProgress  *progress,
                                            gboolean             *queued,
                                            GError              **error);

G_END_DECLS
