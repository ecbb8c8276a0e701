/* ecert-sps-model.h: the parts of an SPS certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain, immutable value objects owned by the EcertCertificate they were
 * read from: callers borrow them for as long as they hold the certificate.
 * Lists are GPtrArrays of the element type named beside them. A member that
 * the certificate did not give is %NULL (or an empty array), never a
 * default that could be mistaken for what the issuer wrote.
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "ecert-date-time.h"

G_BEGIN_DECLS

/* One language version of a text; @language is %NULL when none was given. */
typedef struct
{
  char *language;
  char *text;
} EcertText;

typedef struct
{
  char     *text;       /* as written, e.g. "100.0000" */
  char     *unit;       /* UN/ECE Rec. 20 unit code, e.g. "KGM" */
  double    value;
  gboolean  is_number;
} EcertMeasure;

typedef struct
{
  char *scheme;         /* schemeID, schemeName or listName, when given */
  char *value;
} EcertIdentifier;

/* A country, port or other place: an identifier and a name. */
typedef struct
{
  char *id;
  char *scheme;
  char *name;
  char *subdivision;
  char *subdivision_level;
} EcertPlace;

typedef struct
{
  GPtrArray *lines;     /* char *: LineOne to LineFive, in order */
  char      *postcode;
  char      *city;
  char      *country_id;
  char      *country_name;
  char      *subdivision;
} EcertAddress;

typedef struct
{
  char         *name;
  GPtrArray    *identifiers;  /* EcertIdentifier */
  char         *role_code;
  EcertAddress *address;
} EcertParty;

typedef struct
{
  char      *subject;         /* a code such as ADEDL; see ecert-codes.h */
  GPtrArray *contents;        /* EcertText */
} EcertNote;

typedef struct
{
  char      *id;
  GPtrArray *contents;        /* EcertText */
} EcertClause;

typedef struct
{
  EcertDateTime *actual;
  EcertPlace    *location;
  char          *provider_name;
  char          *person_name;
  GPtrArray     *clauses;     /* EcertClause */
} EcertSignatory;

/* An attachment is only decoded when asked for: see
 * ecert_certificate_decode_attachment(). */
typedef struct
{
  char          *filename;
  char          *declared_type;
  gsize          size;
  const xmlNode *node;
} EcertAttachment;

typedef struct
{
  EcertDateTime   *issued;
  char            *type_code;
  char            *relationship_code;
  char            *id;
  GPtrArray       *information;   /* EcertText */
  EcertAttachment *attachment;
} EcertReferencedDocument;

typedef struct
{
  char      *id;              /* the voyage or flight number */
  char      *mode_code;       /* UN/ECE Rec. 19 */
  GPtrArray *means_names;     /* EcertText: the vessel, flight, truck */
} EcertTransportMovement;

typedef struct
{
  char      *id;
  GPtrArray *seals;           /* char * */
} EcertTransportEquipment;

typedef struct
{
  char      *system;          /* e.g. HS, IPPCPCVP */
  char      *code;
  GPtrArray *names;           /* EcertText */
} EcertClassification;

typedef struct
{
  char         *level_code;
  char         *type_code;
  EcertMeasure *quantity;
} EcertPackage;

typedef struct
{
  char         *type_code;
  GPtrArray    *descriptions;   /* EcertText */
  EcertMeasure *value;
} EcertProcessCharacteristic;

/* A treatment applied to the goods. */
typedef struct
{
  char          *type_code;
  EcertDateTime *start;
  EcertDateTime *end;
  EcertMeasure  *duration;
  GPtrArray     *characteristics; /* EcertProcessCharacteristic */
} EcertProcess;

typedef struct
{
  char         *sequence;
  GPtrArray    *descriptions;     /* EcertText */
  GPtrArray    *common_names;     /* EcertText */
  GPtrArray    *scientific_names; /* EcertText */
  GPtrArray    *intended_uses;    /* EcertText */
  EcertMeasure *net_weight;
  EcertMeasure *gross_weight;
  EcertMeasure *net_volume;
  EcertMeasure *gross_volume;
  GPtrArray    *notes;            /* EcertNote */
  GPtrArray    *classifications;  /* EcertClassification */
  GPtrArray    *packages;         /* EcertPackage */
  GPtrArray    *origins;          /* EcertPlace */
  GPtrArray    *processes;        /* EcertProcess */
} EcertTradeLineItem;

typedef struct
{
  char      *cargo_type_code;
  GPtrArray *trade_line_items;    /* EcertTradeLineItem */
} EcertConsignmentItem;

typedef struct
{
  EcertParty *consignor;
  EcertParty *consignee;
  EcertPlace *export_country;
  EcertPlace *import_country;
  GPtrArray  *transit_countries;  /* EcertPlace */
  EcertPlace *unloading_port;
  EcertPlace *examination_location;
  GPtrArray  *transport_movements;/* EcertTransportMovement */
  GPtrArray  *equipment;          /* EcertTransportEquipment */
  GPtrArray  *items;              /* EcertConsignmentItem */
} EcertConsignment;

/* Read from the replacement notes ADRP, ADRPN, ADRPR and ADRD. */
typedef struct
{
  char          *replaced_id;
  GPtrArray     *reasons;         /* EcertText */
  EcertDateTime *date;
} EcertReplacement;

/* An element the model has no place for, kept so that nothing an issuer
 * wrote is invisible. */
typedef struct
{
  char *path;
  char *text;
  guint line;
} EcertUnknownElement;

const char *ecert_texts_pick           (GPtrArray                     *texts,
                                        const char * const            *languages);
char       *ecert_replacement_describe (const EcertReplacement        *replacement);

EcertText                  *ecert_text_new                    (const char *language,
                                                               const char *text);
void ecert_text_free                    (EcertText                  *text);
void ecert_measure_free                 (EcertMeasure               *measure);
void ecert_identifier_free              (EcertIdentifier            *identifier);
void ecert_place_free                   (EcertPlace                 *place);
void ecert_address_free                 (EcertAddress               *address);
void ecert_party_free                   (EcertParty                 *party);
void ecert_note_free                    (EcertNote                  *note);
void ecert_clause_free                  (EcertClause                *clause);
void ecert_signatory_free               (EcertSignatory             *signatory);
void ecert_attachment_free              (EcertAttachment            *attachment);
void ecert_referenced_document_free     (EcertReferencedDocument    *document);
void ecert_transport_movement_free      (EcertTransportMovement     *movement);
void ecert_transport_equipment_free     (EcertTransportEquipment    *equipment);
void ecert_classification_free          (EcertClassification        *classification);
void ecert_package_free                 (EcertPackage               *package);
void ecert_process_characteristic_free  (EcertProcessCharacteristic *characteristic);
void ecert_process_free                 (EcertProcess               *process);
void ecert_trade_line_item_free         (EcertTradeLineItem         *item);
void ecert_consignment_item_free        (EcertConsignmentItem       *item);
void ecert_consignment_free             (EcertConsignment           *consignment);
void ecert_replacement_free             (EcertReplacement           *replacement);
void ecert_unknown_element_free         (EcertUnknownElement        *element);

G_END_DECLS
