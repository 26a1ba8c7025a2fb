/*
 * geometry.c - the DASD type table, generated from devtypes.h.inc, and
 * the track-capacity arithmetic of each formula.
 *
 * Capacity is counted after R0: t->trklen is what records R1.. may use,
 * and an R1 of t->r1max data bytes without key fills an empty track
 * exactly (IBM gives each device's track capacity that way).
 */
#include <string.h>

#include "geometry.h"

static const struct dasd_type types[] = {
#define CKD(nm, dt, md, cu, cum, cy, hd, fo, tl, r1, c_, ck_, f3_, f4_, sec, sl, rd, al) \
    {.name = nm, .devtype = dt, .model = md, .cutype = cu, .cumodel = cum, .fba = false,  \
     .cyls = cy, .heads = hd, .formula = fo, .trklen = tl, .r1max = r1, .c = c_,        \
     .ck = ck_, .f3 = f3_, .f4 = f4_, .sectors = sec, .senselen = sl, .rdc = rd,   \
     .altcyls = al},
#define FBA(nm, dt, md, cu, cum, bl, bs, bg, bp)                                         \
    {.name = nm, .devtype = dt, .model = md, .cutype = cu, .cumodel = cum, .fba = true,   \
     .formula = FBA_BLOCKS, .blocks = bl, .blksize = bs, .bpg = bg, .bpp = bp,          \
     .senselen = 24},
#include "devtypes.h.inc"
#undef CKD
#undef FBA
};

const struct dasd_type *dasd_type_find(const char *name)
{
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(types[i].name, name))
            return &types[i];
    return NULL;
}

const struct dasd_type *dasd_type_at(unsigned i)
{
    return i < sizeof types / sizeof types[0] ? &types[i] : NULL;
}

static unsigned round_up(unsigned n, unsigned cell) { return (n + cell - 1) / cell * cell; }

unsigned dasd_record_space(const struct dasd_type *t, unsigned kl, unsigned dl, bool last)
{
    unsigned k = kl ? t->ck : 0;
    switch (t->formula) {
    case CKD_F2314:
        /* The 2314's records R1..Rn-1 take gaps and a tolerance factor. */
        if (last)
            return k + kl + dl;
        return t->c + k + ((kl + dl) * t->f3 + t->f4 - 1) / t->f4;
    case CKD_FLIN:
        return t->c + k + kl + dl;
    case CKD_FCELL:
        return round_up(dl + t->c, t->f3) + (kl ? round_up(kl + t->ck, t->f3) : 0);
    case FBA_BLOCKS:
        break;
    }
    return 0;
}

bool dasd_records_fit(const struct dasd_type *t, const unsigned *kl, const unsigned *dl, unsigned n)
{
    unsigned long used = 0;
    for (unsigned i = 0; i < n; i++) {
        used += dasd_record_space(t, kl[i], dl[i], i == n - 1);
        if (used > t->trklen)
            return false;
    }
    return true;
}

unsigned dasd_records_per_track(const struct dasd_type *t, unsigned kl, unsigned dl)
{
    unsigned n = 0;
    unsigned long used = 0;
    for (;;) {
        /* n records fit if the first n-1 ordinary ones plus a last do. */
        unsigned long with_last = used + dasd_record_space(t, kl, dl, true);
        if (with_last > t->trklen)
            return n;
        n++;
        used += dasd_record_space(t, kl, dl, false);
    }
}

unsigned dasd_sense_id(const struct dasd_type *t, uint8_t id[7])
{
    if (t->devtype == 0x2314)
        return 0;
    id[0] = 0xFF;
    id[1] = (uint8_t)(t->cutype >> 8);
    id[2] = (uint8_t)t->cutype;
    id[3] = t->cumodel;
    id[4] = (uint8_t)(t->devtype >> 8);
    id[5] = (uint8_t)t->devtype;
    id[6] = t->model;
    return 7;
}

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, unsigned long v)
{
    put16(p, (unsigned)(v >> 16));
    put16(p + 2, (unsigned)v);
}

/* The 64 bytes of the 3880's Read Device Characteristics (GA26-1661) for
   CKD, or the FBA form (GA26-1659). */
unsigned dasd_devchar(const struct dasd_type *t, unsigned cyls, uint8_t rdc[64])
{
    memset(rdc, 0, 64);
    if (t->fba) {
        rdc[0] = 0x30;                  /* operation modes */
        rdc[1] = 0x08;                  /* features */
        rdc[2] = 0x21;                  /* device class: FBA */
        rdc[3] = t->devtype == 0x3310 ? 0x01 : 0x02; /* unit type */
        put16(rdc + 4, t->blksize);
        put32(rdc + 6, t->bpg);
        put32(rdc + 10, t->bpp);
        put32(rdc + 14, cyls);          /* blocks under movable heads */
        return 32;
    }
    if (!t->rdc)
        return 0;
    put16(rdc + 0, t->cutype);
    rdc[2] = t->cumodel;
    put16(rdc + 3, t->devtype);
    rdc[5] = t->model;
    rdc[6] = 0x80;                      /* multiple burst ECC */
    rdc[10] = 0x20;                     /* device class: DASD */
    rdc[11] = 0x0E;                     /* device type code */
    put16(rdc + 12, cyls);
    put16(rdc + 14, t->heads);
    rdc[16] = (uint8_t)t->sectors;
    put16(rdc + 18, t->trklen);
    put16(rdc + 20, 1088);              /* HA and R0 */
    rdc[22] = 1;                        /* capacity formula 1 */
    rdc[23] = (uint8_t)t->f3;           /* cell size */
    put16(rdc + 24, t->c);
    put16(rdc + 26, t->ck);
    rdc[40] = rdc[41] = 0x0E;           /* MDR and OBR record ids */
    rdc[42] = 0x0E;                     /* CU type code */
    rdc[43] = 0x02;
    put16(rdc + 44, t->r1max + 512);    /* R0 length */
    rdc[47] = 0x01;                     /* track set */
    put16(rdc + 49, 236);               /* RPS factor */
    return 64;
}
