/* ecert-sync-store.h: where a synchronisation keeps what it pulled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ecert-certificate.h"
#include "ecert-envelope.h"
#include "ecert-inquiry.h"
#include "ecert-verification.h"

G_BEGIN_DECLS

/**
 * EcertSyncItem:
 * @hub_url: the hub it was pulled from
 * @header: its envelope's header, as the hub listed it
 * @content: the envelope's Content, as the hub sent it
 * @certificate: (nullable): the certificate read from it
 * @verification: (nullable): the certificate's verification
 * @response: (nullable): the inquiry or reply read from it, when it is
 *   not a certificate
 * @document: (nullable): the response's document as received
 * @warning: (nullable): what the acknowledgement will tell the sender
 * @received: when this run received it
 *
 * One envelope read and verified, on its way into a store. Exactly one of
 * @certificate and @response is set.
 */
typedef struct
{
  const char                *hub_url;
  const EcertEnvelopeHeader *header;
  const char                *content;
  EcertCertificate          *certificate;
  EcertVerification         *verification;
  EcertInquiry              *response;
  GBytes                    *document;
  const char                *warning;
  GDateTime                 *received;
} EcertSyncItem;

/**
 * EcertSyncPendingAck:
 * @delivery_number: the hub's number of an envelope stored but not yet
 *   confirmed acknowledged
 * @warning: (nullable): the warning its acknowledgement carries
 */
typedef struct
{
  char *delivery_number;
  char *warning;
} EcertSyncPendingAck;

#define ECERT_TYPE_SYNC_STORE (ecert_sync_store_get_type ())

G_DECLARE_INTERFACE (EcertSyncStore, ecert_sync_store, ECERT, SYNC_STORE, GObject)

/**
 * EcertSyncStoreInterface:
 * @begin: starts the transaction every other call but @list_pending runs in
 * @commit: makes it durable: only then is anything acknowledged
 * @rollback: forgets it
 * @store: stores one item, and records in the same transaction that its
 *   acknowledgement (with its warning) is pending; sets @duplicate when the
 *   store already held it
 * @forget: the hub confirmed the acknowledgement of @delivery_number
 * @list_pending: the acknowledgements stored but not confirmed, outside
 *   any transaction
 *
 * Called from one worker thread at a time, never at once.
 */
struct _EcertSyncStoreInterface
{
  GTypeInterface parent_iface;

  gboolean   (*begin)        (EcertSyncStore       *self,
                              GError              **error);
  gboolean   (*commit)       (EcertSyncStore       *self,
                              GError              **error);
  void       (*rollback)     (EcertSyncStore       *self);
  gboolean   (*store)        (EcertSyncStore       *self,
                              const EcertSyncItem  *item,
                              gboolean             *duplicate,
                              GError              **error);
  gboolean   (*forget)       (EcertSyncStore       *self,
                              const char           *hub_url,
                              const char           *delivery_number,
                              GError              **error);
  GPtrArray *(*list_pending) (EcertSyncStore       *self,
                              const char           *hub_url,
                              GError              **error);
};

gboolean   ecert_sync_store_begin        (EcertSyncStore       *self,
                                          GError              **error);
gboolean   ecert_sync_store_commit       (EcertSyncStore       *self,
                                          GError              **error);
void       ecert_sync_store_rollback     (EcertSyncStore       *self);
gboolean   ecert_sync_store_store        (EcertSyncStore       *self,
                                          const EcertSyncItem  *item,
                                          gboolean             *duplicate,
                                          GError              **error);
gboolean   ecert_sync_store_forget       (EcertSyncStore       *self,
                                          const char           *hub_url,
                                          const char           *delivery_number,
                                          GError              **error);
GPtrArray *ecert_sync_store_list_pending (EcertSyncStore       *self,
                                          const char           *hub_url,
                                          GError              **error);

EcertSyncPendingAck *ecert_sync_pending_ack_new  (const char          *delivery_number,
                                                  const char          *warning);
void                 ecert_sync_pending_ack_free (EcertSyncPendingAck *ack);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertSyncPendingAck, ecert_sync_pending_ack_free)

G_END_DECLS
