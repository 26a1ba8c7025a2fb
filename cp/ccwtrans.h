/*
 * ccwtrans.h - virtual channel programs translated into real ones
 * (ccwtrans.c), VM/370's CCW translation: a guest's channel program for
 * a device CP passes through to real hardware (a minidisk) becomes a real
 * program in CP's storage that the real channel runs, and the real
 * ending status becomes the guest's.
 */
#ifndef CP_CCWTRANS_H
#define CP_CCWTRANS_H

#include <stdbool.h>
#include <stdint.h>

#include <s370io.h>

struct vm;

#define CT_MAX_CCWS 256         /* real CCWs of one program */
#define CT_MAX_IDAWS 1024
#define CT_ARGS 1024            /* copies of seek and search arguments */
#define CT_MAX_BOUNCE 64        /* areas read or written through CP */
#define CT_MAX_FIX (CT_MAX_CCWS * 17 + CT_MAX_IDAWS)    /* pages fixed: 64K a CCW, an IDAW each */

/* The cylinders a program may reach: a minidisk on a CKD volume. */
struct ct_extent {
    unsigned start, cyls;       /* real cylinder of virtual cylinder 0, cylinders */
    unsigned heads;
    bool readonly;
    unsigned cyl, head;         /* where the guest left the arm (virtual) */
};

/* What one real CCW stands for. */
struct ct_meta {
    uint32_t gccw;              /* the guest CCW's address */
    uint8_t err;                /* CS_PGM or CS_PROT: a check the guest gets here */
    uint8_t gflags;             /* its flags */
    int16_t bounce;             /* the bounce area of its data, or -1 */
};

/* Data that goes through CP storage: arguments CP must relocate in count
   fields (written: copied in and relocated; read: copied out after and
   relocated back). */
struct ct_bounce {
    uint32_t gaddr;             /* guest real address */
    uint16_t len;
    uint8_t cmd;
    bool input;
    uint8_t *buf;               /* free storage */
};

struct ct_prog {
    struct ccw ccw[CT_MAX_CCWS];
    uint32_t idaw[CT_MAX_IDAWS];
    uint8_t args[CT_ARGS] __attribute__((aligned(8)));
    struct ct_meta meta[CT_MAX_CCWS];
    struct ct_bounce bounce[CT_MAX_BOUNCE];
    unsigned n, nidaw, nargs, nbounce;
    unsigned first;             /* meta index of the guest's first CCW */
    bool pci;                   /* some guest CCW asked for PCI */
    bool starved;               /* a check came of CP's want of storage, not the guest */
    uint8_t key;                /* the CAW's */
    const uint8_t *first_ccw;   /* ct_translate's first, while it runs */
    uint32_t start;             /* the CAW's address */
    struct ct_extent *x;
    struct vm *vm;              /* whose pages are fixed */
    uint16_t fixed[CT_MAX_FIX]; /* their page numbers, a fix each */
    unsigned nfixed;
};

/*
 * Translate the guest program at caw (key in bits 0-3) for a device on
 * extent x (NULL: a dedicated device, whose seeks, searches and count
 * fields pass as they are and whose every command goes to the device).  With first (8 bytes) the program's first CCW is that one,
 * as if it were at caw (the IPL CCW the channel makes up), and the rest
 * continues from caw + 8.  Every CCW the guest could reach is translated before the
 * real program starts (a program that modifies its own CCWs is not
 * followed).  Returns 0 with *p ready to run, 1 when the guest's first
 * CCW is in error (*csw then holds the CSW that SIO stores, condition
 * code 1), or -1 when the program is longer than CP translates (also
 * with *csw: a program check).  ct_free() releases what p holds (its
 * bounce areas, the fixes on the guest's pages) once the program ends.
 * After any return p->starved says whether a check in the result came of
 * CP's want of a frame or free storage: worth a wait and a second try.
 */
int ct_translate(struct vm *vm, uint32_t caw, const uint8_t *first, struct ct_extent *x,
                 struct ct_prog *p, uint8_t csw[8]);
/* The real program ended with this status (the CSW's words): the guest's
   CSW in csw, the bounce areas copied out, the arm position kept. */
void ct_complete(struct vm *vm, struct ct_prog *p, uint32_t real_ccw_addr, uint8_t us,
                 uint8_t cs, uint16_t residual, uint8_t csw[8]);
void ct_free(struct ct_prog *p);

#endif
