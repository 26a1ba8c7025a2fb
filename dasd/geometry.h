/*
 * geometry.h - DASD device types (dasd/devtypes.h.inc): geometry, track
 * capacity, and the identification bytes a device returns (Sense ID, Read
 * Device Characteristics).  The track-image format lives in track.h; the
 * volume file in volume.h; the CKD channel commands in ckd.c.
 */
#ifndef CPCMS_GEOMETRY_H
#define CPCMS_GEOMETRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum dasd_formula { CKD_F2314, CKD_FLIN, CKD_FCELL, FBA_BLOCKS };

struct dasd_type {
    const char *name;       /* "3330", "3330-11", "3380", "3370" ... */
    uint16_t devtype;
    uint8_t model;
    uint16_t cutype;
    uint8_t cumodel;
    bool fba;
    /* CKD */
    unsigned cyls, heads;
    unsigned altcyls;       /* alternates after cyls: a volume has up to cyls + altcyls */
    enum dasd_formula formula;
    unsigned trklen, r1max, c, ck, f3, f4;
    unsigned sectors;
    unsigned senselen;
    bool rdc;
    /* FBA */
    unsigned blocks, blksize, bpg, bpp;
};

/* Largest track image in bytes (track.h) any type can hold. */
#define DASD_MAX_TRACK 65536

/* The type called `name` ("3330", "3330-11", "3350"...); NULL if none. */
const struct dasd_type *dasd_type_find(const char *name);
/* The i-th type of the table, NULL past the end. */
const struct dasd_type *dasd_type_at(unsigned i);

/*
 * Space a record with key length kl and data length dl takes on a track
 * of type t, counted in the units of t->trklen.  `last`: the record is
 * the last on the track (the 2314 counts the last one without gaps).
 */
unsigned dasd_record_space(const struct dasd_type *t, unsigned kl, unsigned dl, bool last);

/*
 * Do records with these key and data lengths (R1 onward, in order) fit on
 * one track?  kl[i], dl[i] for i < n.
 */
bool dasd_records_fit(const struct dasd_type *t, const unsigned *kl, const unsigned *dl, unsigned n);

/* How many records of kl, dl fit on an empty track. */
unsigned dasd_records_per_track(const struct dasd_type *t, unsigned kl, unsigned dl);

/* Sense ID bytes into id[7]; returns 7, or 0 if the device has no Sense ID
   (the 2314 rejects the command). */
unsigned dasd_sense_id(const struct dasd_type *t, uint8_t id[7]);

/* Read Device Characteristics: 64 bytes into rdc; returns 64, or 0 if the
   device has no such command.  `cyls`: the volume's cylinders. */
unsigned dasd_devchar(const struct dasd_type *t, unsigned cyls, uint8_t rdc[64]);

#endif
