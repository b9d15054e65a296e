/* entity.h: what the recognizers find: spans of a text with a kind, a canonical name and a
 * normalized value. Offsets are UTF-8 bytes, end exclusive.
 *
 * A BlEntities list owns every string in it (canonical, unit, role); bl_entities_free releases
 * them. Kinds are spelled, in output, exactly as bl_entity_kind_name says. */
#ifndef BL_ENTITY_H
#define BL_ENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/vec.h"

typedef enum {
  BL_ENT_ORGANIZATION,
  BL_ENT_PERSON,
  BL_ENT_OFFICIAL, /* a role without a name: "Japan's defense minister" */
  BL_ENT_PLACE,
  BL_ENT_MONEY,
  BL_ENT_NUMBER,
  BL_ENT_PERCENT,
  BL_ENT_DATE,
  BL_ENT_TIME,
  BL_ENT_DURATION,
  BL_ENT_MISC, /* other proper names (events, nationalities as names); not output by default */
  BL_ENT_KIND_COUNT
} BlEntityKind;

/* Subtypes, per kind (0 = unknown). */
enum {
  BL_ORG_AGENCY = 1, /* a government agency or ministry */
  BL_ORG_MILITARY,
  BL_ORG_GOVERNMENT, /* a government or legislature as a body */
  BL_ORG_COMPANY,
  BL_ORG_MEDIA,      /* a news outlet */
  BL_ORG_INTERNATIONAL,
  BL_ORG_OTHER,
  BL_PLACE_COUNTRY = 1,
  BL_PLACE_CITY,
  BL_PLACE_REGION,
};

enum {
  BL_EF_APPROX = 1 << 0,    /* "some 25", "about 4,000" */
  BL_EF_ANONYMOUS = 1 << 1, /* an official who is not named */
  BL_EF_ACRONYM = 1 << 2,   /* the mention is an acronym of its canonical name */
  BL_EF_RANGE = 1 << 3,     /* a date/time value that is a range or a period ("2020-09/2020-11") */
};

typedef struct BlEntity {
  uint32_t start, end;
  uint8_t kind;    /* BlEntityKind */
  uint8_t flags;   /* BL_EF_* */
  uint8_t subtype; /* BL_ORG_* / BL_PLACE_* */
  uint8_t source;  /* which recognizer found it (for "why"): see bl_entity_source_name */
  double number;   /* number, percent (as 12 for 12%), money amount */
  char currency[4];  /* money: ISO 4217 code, "" when unknown */
  char code[8];      /* place: ISO 3166-1 alpha-2 code, "" when none */
  char iso[48];      /* date/time/duration: TIMEX3-style value ("2020-09", "P5Y", "2021-05-03T10:30") */
  char *canonical;   /* owned; NULL means the text itself */
  char *unit;        /* number: what is counted ("people"), owned, or NULL */
  char *role;        /* person/official: the role ("Commerce Secretary"), owned, or NULL */
  int32_t group;     /* mentions of one entity share a group id (>= 0) within a document */
} BlEntity;

enum { BL_SRC_PATTERN, BL_SRC_MODEL, BL_SRC_GAZETTEER, BL_SRC_LINK };

typedef struct BlEntities {
  BlVec(BlEntity) items;
} BlEntities;

const char *bl_entity_kind_name(BlEntityKind kind);
const char *bl_entity_subtype_name(const BlEntity *e); /* "agency", "country", ... or NULL */
const char *bl_entity_source_name(uint8_t source);
/* Appends a copy of e (taking ownership of its strings); returns the stored entity. */
BlEntity *bl_entities_add(BlEntities *self, const BlEntity *e);
/* Sorts by start, longer first at equal start. */
void bl_entities_sort(BlEntities *self);
void bl_entity_clear(BlEntity *e); /* frees the strings of one entity */
/* Removes the entities at the given indexes (any order, repeats allowed), freeing their strings
 * and keeping the others in order. */
void bl_entities_drop(BlEntities *self, const uint32_t *indexes, size_t n);
void bl_entities_free(BlEntities *self);

#endif
