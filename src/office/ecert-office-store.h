/* ecert-office-store.h: an office's certificates, desks and exchanges, in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ecert-core.h"

G_BEGIN_DECLS

/* The schema this program writes; forward migrations bring older stores
 * to it in one transaction. */
#define ECERT_OFFICE_STORE_SCHEMA_VERSION 1

/* The channel the store notifies on each commit that adds certificates;
 * the payload is the newest sequence number, nothing else (payloads are
 * visible to every user of the database). */
#define ECERT_OFFICE_STORE_ARRIVALS_CHANNEL "ecert_office_arrivals"

/* Settings every instance reads: the country the office is the NPPO
 * system of (set by `init`), and how the last upstream run ended. */
#define ECERT_OFFICE_STORE_COUNTRY_KEY "country"
#define ECERT_OFFICE_STORE_LAST_RUN_KEY "upstream-last-run"

/* The verdict of a stored reply to an inquiry: not a certificate. */
#define ECERT_OFFICE_RESPONSE_VERDICT "response"

/**
 * EcertOfficeScope:
 * @ports: (nullable): UN/LOCODEs of the points of entry a desk serves;
 *   %NULL or empty for all
 * @countries: (nullable): ISO 3166-1 codes of the exporting countries;
 *   %NULL or empty for all
 * @days: how far back, in days, a new desk receives what the office
 *   already holds; 0 for everything
 */
typedef struct
{
  GStrv ports;
  GStrv countries;
  guint days;
} EcertOfficeScope;

/**
 * EcertOfficeDesk:
 * @name: the desk's name, as in its certificate's CN
 * @fingerprint: SHA-256 of its client certificate (DER), lower-case hex
 * @scope: what it receives
 * @enrolled: when it was enrolled, microseconds since the epoch (UTC)
 * @revoked: when it was revoked, or 0
 * @backlog: how many certificates of its scope it has not acknowledged;
 *   -1 when not counted (ecert_office_store_find_desk())
 */
typedef struct
{
  char             *name;
  char             *fingerprint;
  EcertOfficeScope  scope;
  gint64            enrolled;
  gint64            revoked;
  gint64            backlog;
} EcertOfficeDesk;

/**
 * EcertOfficeCertificate:
 * @envelope: as the upstream hub delivered it (its header's
 *   hub_delivery_number is the key, and the number desks acknowledge)
 * @number: the certificate number as written
 * @number_key: the number normalised as the desk's cache does
 * @ports: (nullable): UN/LOCODEs of its points of entry
 * @search_text: the words a search finds it by (consignor, commodities…)
 * @verdict: the verification's verdict, as a short stable word
 *   ("trusted", "untrusted", "unreadable", …)
 * @explanation: (nullable): the verdict in words
 * @sha256: lower-case hex of the exact content bytes
 * @source: where it came from (the upstream hub's address)
 * @sequence: (out): set by the store when added
 */
typedef struct
{
  EcertEnvelope *envelope;
  char          *number;
  char          *number_key;
  GStrv          ports;
  char          *search_text;
  char          *verdict;
  char          *explanation;
  char          *sha256;
  char          *source;
  gint64         sequence;
} EcertOfficeCertificate;

/* EcertOfficeStore: one connection to the office's database, with blocking
 * calls, for one thread at a time; a server gives each worker thread a
 * store of its own. Errors are %ECERT_ERROR_STORE when the database cannot
 * be reached (then ecert_office_store_reconnect()) or refuses an
 * operation, %ECERT_ERROR_INVALID_ARGUMENT for what a caller gave wrong. */
/**
 * EcertOfficePaperCheck:
 * @number: the number as one desk typed it
 * @number_key: the number normalised
 * @checks: how often it was checked
 * @found: whether any check found an e-certificate
 * @last: the last check, microseconds since the epoch (UTC)
 * @desks: the desks that checked it
 */
typedef struct
{
  char    *number;
  char    *number_key;
  guint    checks;
  gboolean found;
  gint64   last;
  GStrv    desks;
} EcertOfficePaperCheck;

#define ECERT_TYPE_OFFICE_STORE (ecert_office_store_get_type ())

G_DECLARE_FINAL_TYPE (EcertOfficeStore, ecert_office_store, ECERT, OFFICE_STORE, GObject)

/* Connecting and the schema */
EcertOfficeStore *ecert_office_store_connect        (const char              *uri,
                                                     GError                 **error);
gboolean          ecert_office_store_migrate        (EcertOfficeStore        *self,
                                                     GError                 **error);
gboolean          ecert_office_store_check_schema   (EcertOfficeStore        *self,
                                                     GError                 **error);
gboolean          ecert_office_store_reconnect      (EcertOfficeStore        *self,
                                                     GError                 **error);
gboolean          ecert_office_store_is_connected   (EcertOfficeStore        *self);

/* The office's certificate authority for desks (PEM) */
gboolean          ecert_office_store_set_authority  (EcertOfficeStore        *self,
                                                     const char              *certificate_pem,
                                                     const char              *key_pem,
                                                     GError                 **error);
gboolean          ecert_office_store_get_authority  (EcertOfficeStore        *self,
                                                     char                   **certificate_pem,
                                                     char                   **key_pem,
                                                     GError                 **error);
gboolean          ecert_office_store_set_name       (EcertOfficeStore        *self,
                                                     const char              *name,
                                                     GError                 **error);
char             *ecert_office_store_get_name       (EcertOfficeStore        *self,
                                                     GError                 **error);

/* Desks */
gboolean          ecert_office_store_add_desk       (EcertOfficeStore        *self,
                                                     const char              *name,
                                                     const char              *fingerprint,
                                                     const EcertOfficeScope  *scope,
                                                     GError                 **error);
gboolean          ecert_office_store_revoke_desk    (EcertOfficeStore        *self,
                                                     const char              *name,
                                                     GError                 **error);
GPtrArray        *ecert_office_store_list_desks     (EcertOfficeStore        *self,
                                                     GError                 **error);
EcertOfficeDesk  *ecert_office_store_find_desk      (EcertOfficeStore        *self,
                                                     const char              *fingerprint,
                                                     GError                 **error);

/* The upstream worker: one leader per store */
gboolean          ecert_office_store_try_lead       (EcertOfficeStore        *self,
                                                     gboolean                *leading,
                                                     GError                 **error);
gboolean          ecert_office_store_begin_leading  (EcertOfficeStore        *self,
                                                     GError                 **error);
gboolean          ecert_office_store_begin          (EcertOfficeStore        *self,
                                                     GError                 **error);
gboolean          ecert_office_store_commit         (EcertOfficeStore        *self,
                                                     GError                 **error);
void              ecert_office_store_rollback       (EcertOfficeStore        *self);
gboolean          ecert_office_store_add_certificate (EcertOfficeStore       *self,
                                                     EcertOfficeCertificate  *certificate,
                                                     gboolean                *added,
                                                     GError                 **error);
gboolean          ecert_office_store_has_certificate (EcertOfficeStore       *self,
                                                     const char              *hub_delivery_number,
                                                     gboolean                *found,
                                                     GError                 **error);
gboolean          ecert_office_store_set_anchors    (EcertOfficeStore        *self,
                                                     GPtrArray               *nppos,
                                                     GError                 **error);
GPtrArray        *ecert_office_store_list_anchors   (EcertOfficeStore        *self,
                                                     GError                 **error);
gboolean          ecert_office_store_set_value      (EcertOfficeStore        *self,
                                                     const char              *key,
                                                     const char              *value,
                                                     GError                 **error);
char             *ecert_office_store_get_value      (EcertOfficeStore        *self,
                                                     const char              *key,
                                                     GError                 **error);

gboolean          ecert_office_store_add_pending_ack (EcertOfficeStore       *self,
                                                     const char              *hub_url,
                                                     const char              *delivery_number,
                                                     const char              *warning,
                                                     GError                 **error);
gboolean          ecert_office_store_remove_pending_ack (EcertOfficeStore    *self,
                                                     const char              *hub_url,
                                                     const char              *delivery_number,
                                                     GError                 **error);
GPtrArray        *ecert_office_store_list_pending_acks (EcertOfficeStore     *self,
                                                     const char              *hub_url,
                                                     GError                 **error);

/* Inquiries and replies desks send through the office */
EcertEnvelopeHeader *ecert_office_store_add_outgoing (EcertOfficeStore    *self,
                                                     const char              *desk,
                                                     const EcertEnvelope     *envelope,
                                                     GError                 **error);
EcertEnvelopeHeader *ecert_office_store_lookup_outgoing (EcertOfficeStore *self,
                                                     const char              *desk,
                                                     const char              *number,
                                                     GError                 **error);
GPtrArray        *ecert_office_store_take_queued    (EcertOfficeStore        *self,
                                                     guint                    limit,
                                                     GError                 **error);
GPtrArray        *ecert_office_store_list_tracked   (EcertOfficeStore        *self,
                                                     GError                 **error);
gboolean          ecert_office_store_set_outgoing   (EcertOfficeStore        *self,
                                                     const char              *number,
                                                     EcertTrackingInfo        tracking,
                                                     const char              *message,
                                                     GError                 **error);

/* The office's log of paper checks */
gboolean          ecert_office_store_add_paper_check (EcertOfficeStore       *self,
                                                     const char              *desk,
                                                     const char              *number,
                                                     gboolean                 found,
                                                     GError                 **error);
GPtrArray        *ecert_office_store_list_paper_checks (EcertOfficeStore     *self,
                                                     guint                    days,
                                                     GError                 **error);
void              ecert_office_paper_check_free     (EcertOfficePaperCheck   *check);

/* Downstream: what each desk receives */
GPtrArray        *ecert_office_store_list_pending   (EcertOfficeStore        *self,
                                                     const char              *desk,
                                                     guint                    limit,
                                                     gboolean                 with_content,
                                                     GError                 **error);
EcertEnvelope    *ecert_office_store_lookup_for_desk (EcertOfficeStore       *self,
                                                     const char              *desk,
                                                     const char              *hub_delivery_number,
                                                     GError                 **error);
gboolean          ecert_office_store_acknowledge    (EcertOfficeStore        *self,
                                                     const char              *desk,
                                                     const char              *hub_delivery_number,
                                                     EcertTrackingInfo        state,
                                                     GError                 **error);
GPtrArray        *ecert_office_store_find_by_number (EcertOfficeStore        *self,
                                                     const char              *number_key,
                                                     GError                 **error);
GPtrArray        *ecert_office_store_search         (EcertOfficeStore        *self,
                                                     const char              *words,
                                                     guint                    limit,
                                                     GError                 **error);
gint64            ecert_office_store_count          (EcertOfficeStore        *self,
                                                     GError                 **error);

/* Arrivals, for requests held open */
gboolean          ecert_office_store_listen         (EcertOfficeStore        *self,
                                                     GError                 **error);
int               ecert_office_store_get_socket     (EcertOfficeStore        *self);
gboolean          ecert_office_store_read_notifications (EcertOfficeStore    *self,
                                                     gint64                  *newest,
                                                     GError                 **error);

void              ecert_office_scope_clear          (EcertOfficeScope        *scope);
char             *ecert_office_scope_describe       (const EcertOfficeScope  *scope);
void              ecert_office_desk_free            (EcertOfficeDesk         *desk);
void              ecert_office_certificate_clear    (EcertOfficeCertificate  *certificate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EcertOfficeDesk, ecert_office_desk_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EcertOfficeCertificate, ecert_office_certificate_clear)

G_END_DECLS
