/*
 * ccwtrans.c - CCW translation (GA22-7000, chapter 12, "Channel
 * Programs"; VM/370's DMKCCW does the same work): a guest channel program
 * for a minidisk becomes a real program that the real channel runs on
 * the real volume.
 *
 * What changes on the way:
 *   - data addresses: guest real storage is 4K pages scattered over real
 *     frames, so an area that crosses a page boundary gets IDAWs (one per
 *     2K block); guest IDAWs are translated the same way;
 *   - seek arguments: copied into CP storage, checked against the extent
 *     (a seek outside it, or any command CP does not know, is replaced by
 *     a seek the real device rejects: the guest sees unit check with
 *     command reject, as on a device without that cylinder);
 *     Recalibrate becomes a seek to the minidisk's cylinder 0, Read IPL
 *     a seek, search and read of its record 1;
 *   - count fields that name a cylinder: search arguments, and the
 *     count fields a program writes (Write CKD, Write R0, Write HA, Erase)
 *     or reads (Read Count, R0, HA, CKD, Multiple CKD, Read Device
 *     Characteristics), go through CP storage and are relocated;
 *   - writes on a read-only minidisk are rejected like a bad seek;
 *   - the real program starts with a seek to where the guest left the
 *     arm, so that a guest's Seek Head or a program without a seek never
 *     reaches another user's cylinders.
 * Every real CCW stands for one guest CCW (Read IPL for four), so the
 * CSW's address maps back and a search's status modifier skips to the
 * right place.  An invalid guest CCW becomes a real CCW with a zero count
 * marked with the check the guest must see (program or protection): the
 * channel stops there only if the program gets there, as it would.
 * Keys are checked here against the CAW key; the real program runs with
 * key 0.  Every guest page the real program reads or writes is fixed
 * (vmstore_fix) from its translation until ct_free, after the program
 * ends: CP's paging must not take its frame while the channel uses it.
 * A check that comes of CP's own want (no frame for a guest page, no
 * free storage for a bounce area) marks the program starved: the caller
 * waits for storage and translates it again rather than give the guest
 * a check its program did not earn.
 */
#include <string.h>

#include "ccwtrans.h"
#include "cp.h"
#include "vm.h"

enum cls {
    C_DATA,         /* data in guest storage, passed through */
    C_SEEK,         /* BBCCHH: checked and relocated */
    C_SEARCH,       /* CCHHR or CCHH: relocated */
    C_RECAL,        /* a seek to virtual cylinder 0 */
    C_WCOUNT,       /* writes a count field (offset 0) or a home address (1) */
    C_RCOUNT,       /* reads count fields or a home address */
    C_RDC,          /* Read Device Characteristics: the cylinders are the minidisk's */
    C_IPL,          /* Read IPL */
    C_REJECT,       /* the device must reject it */
};

static enum cls classify(uint8_t cmd, const struct ct_extent *x)
{
    if (!x)
        return C_DATA;
    bool w = false;
    enum cls c;
    switch (cmd) {
    case 0x07: case 0x0B: case 0x1B: c = C_SEEK; break;
    case 0x13: c = C_RECAL; break;
    case 0x31: case 0x51: case 0x71: case 0x39:
    case 0xB1: case 0xD1: case 0xF1: case 0xB9: c = C_SEARCH; break;
    case 0x1D: case 0x11: case 0x15: case 0x19: c = C_WCOUNT; w = true; break;
    case 0x12: case 0x16: case 0x1E: case 0x5E: case 0x1A:
    case 0x92: case 0x96: case 0x9E: case 0xDE: case 0x9A: c = C_RCOUNT; break;
    case 0x64: c = C_RDC; break;
    case 0x02: c = C_IPL; break;
    case 0x05: case 0x0D: c = C_DATA; w = true; break;
    case 0x03: case 0x04: case 0xE4: case 0x1F: case 0x22: case 0x23:
    case 0x06: case 0x0E: case 0x86: case 0x8E:
    case 0x29: case 0x49: case 0x69: case 0xA9: case 0xC9: case 0xE9: c = C_DATA; break;
    default: return C_REJECT;
    }
    return w && x->readonly ? C_REJECT : c;
}

static bool is_search(uint8_t cmd)
{
    switch (cmd & 0x7F) {
    case 0x31: case 0x51: case 0x71: case 0x39: case 0x29: case 0x49: case 0x69: return true;
    default: return false;
    }
}

/* Does the command take data in (read, sense, read backward)? */
static bool is_input(uint8_t cmd)
{
    return (cmd & 0x03) == 0x02 || (cmd & 0x0F) == 0x04 || (cmd & 0x0F) == 0x0C;
}

/* Where in a count field (or home address) the cylinder is. */
static unsigned cyl_offset(uint8_t cmd)
{
    return (cmd & 0x7F) == 0x19 || (cmd & 0x7F) == 0x1A ? 1 : 0;
}

static int emit(struct ct_prog *p, struct ccw c, uint32_t gccw, uint8_t err, uint8_t gflags)
{
    if (p->n == CT_MAX_CCWS)
        return -1;
    p->ccw[p->n] = c;
    p->meta[p->n] = (struct ct_meta){.gccw = gccw, .err = err, .gflags = gflags, .bounce = -1};
    return (int)p->n++;
}

/* A CCW the channel stops on with a program check (zero count); the
   guest sees check `err` there. */
static int emit_check(struct ct_prog *p, uint32_t gccw, uint8_t err)
{
    return emit(p, ccw_make(0x03, p->args, 0, 0), gccw, err, 0);
}

static uint8_t *arg_alloc(struct ct_prog *p, unsigned n)
{
    n = (n + 7) & ~7u;
    if (p->nargs + n > CT_ARGS)
        return NULL;
    uint8_t *a = p->args + p->nargs;
    p->nargs += n;
    memset(a, 0, n);
    return a;
}

/* A seek the real device rejects (no such cylinder): command reject. */
static int emit_reject(struct ct_prog *p, uint32_t gccw, uint8_t flags)
{
    uint8_t *a = arg_alloc(p, 6);
    if (!a)
        return -1;
    a[2] = a[3] = 0xFF;
    return emit(p, ccw_make(0x07, a, flags & (CCW_CC | CCW_SLI), 6), gccw, 0, flags);
}

/* A real seek to virtual (cyl, head) of the extent. */
static int emit_seek(struct ct_prog *p, uint32_t gccw, unsigned cyl, unsigned head,
                     uint8_t flags)
{
    uint8_t *a = arg_alloc(p, 6);
    if (!a)
        return -1;
    unsigned c = p->x->start + cyl;
    a[2] = (uint8_t)(c >> 8);
    a[3] = (uint8_t)c;
    a[5] = (uint8_t)head;
    return emit(p, ccw_make(0x07, a, flags, 6), gccw, 0, flags);
}

/* Read n guest bytes at ga (in its storage) for the translation; false,
   the program starved, when the page has no frame for it. */
static bool read_guest(struct vm *vm, struct ct_prog *p, uint32_t ga, void *to, unsigned n)
{
    if (vmstore_read(vm, ga, to, n))
        return true;
    p->starved = true;
    return false;
}

/* Fix the page of ga for the program's I/O: 0 with its address in *r,
   or the channel status the guest gets (CS_CCC when CP has no frame for
   it, CS_PGM when the program fixes more than CP keeps track of). */
static uint8_t fix(struct vm *vm, struct ct_prog *p, uint32_t ga, bool input, uint8_t **r)
{
    if (p->nfixed == CT_MAX_FIX)
        return CS_PGM;
    if (!(*r = vmstore_fix(vm, ga, input))) {
        p->starved = true;
        return CS_CCC;
    }
    p->fixed[p->nfixed++] = (uint16_t)(ga >> 12);
    return 0;
}

/*
 * The real address for count bytes of guest data at ga (or, with guest
 * IDA, for the guest's IDAW list at ga): 0 with *raddr and the IDA flag
 * in *rflags, or the channel status the guest must get (CS_PGM for an
 * address outside its storage or a bad IDAW, CS_PROT for a key, CS_CCC
 * when CP has no frame for one of its pages).  Every page of the data is
 * fixed until ct_free.
 */
static uint8_t map_data(struct vm *vm, struct ct_prog *p, uint32_t ga, uint32_t count,
                        bool input, bool gida, uint32_t *raddr, uint8_t *rflags)
{
    unsigned first = p->nidaw;
    uint8_t err, *r;
    if (gida) {
        if (ga & 3)
            return CS_PGM;
        for (uint32_t left = count, ia = ga; left; ia += 4) {
            uint8_t w[4];
            if (ia >= vm->size || !read_guest(vm, p, ia, w, 4))
                return CS_PGM;
            uint32_t d = get32(w);
            if ((d & 0x80000000) || (ia != ga && (d & 0x7FF)))
                return CS_PGM;
            uint32_t span = 0x800 - (d & 0x7FF);
            if (span > left)
                span = left;
            if (d >= vm->size || span > vm->size - d)
                return CS_PGM;
            if (!vmstore_key_ok(vm, d, span, p->key, input))
                return CS_PROT;
            if (p->nidaw == CT_MAX_IDAWS)
                return CS_PGM;
            if ((err = fix(vm, p, d, input, &r)))
                return err;
            p->idaw[p->nidaw++] = (uint32_t)(uintptr_t)r;
            left -= span;
        }
        *raddr = (uint32_t)(uintptr_t)&p->idaw[first];
        *rflags |= CCW_IDA;
        return 0;
    }
    if (ga >= vm->size || count > vm->size - ga)
        return CS_PGM;
    if (!vmstore_key_ok(vm, ga, count, p->key, input))
        return CS_PROT;
    if ((err = fix(vm, p, ga, input, &r)))
        return err;
    bool contig = true;
    for (uint32_t b = (ga | 0xFFF) + 1; b < ga + count; b += 0x1000) {
        uint8_t *n;
        if ((err = fix(vm, p, b, input, &n)))
            return err;
        contig = contig && n == r + (b - ga);
    }
    *raddr = (uint32_t)(uintptr_t)r;
    if (contig)
        return 0;
    p->idaw[p->nidaw++] = *raddr;
    for (uint32_t b = (ga | 0x7FF) + 1; b < ga + count; b += 0x800) {
        if (p->nidaw == CT_MAX_IDAWS)
            return CS_PGM;
        p->idaw[p->nidaw++] = (uint32_t)(uintptr_t)vmstore_ptr(vm, b);  /* fixed above */
    }
    *raddr = (uint32_t)(uintptr_t)&p->idaw[first];
    *rflags |= CCW_IDA;
    return 0;
}

static void relocate(uint8_t *cc, int by)
{
    unsigned c = (unsigned)(get16(cc) + by);
    cc[0] = (uint8_t)(c >> 8);
    cc[1] = (uint8_t)c;
}

/* Copy up to n bytes of a small argument (seek, search) into CP storage. */
static uint8_t *copy_arg(struct vm *vm, struct ct_prog *p, uint32_t ga, unsigned n, uint8_t *err)
{
    if (ga >= vm->size || n > vm->size - ga) {
        *err = CS_PGM;
        return NULL;
    }
    if (!vmstore_key_ok(vm, ga, n, p->key, false)) {
        *err = CS_PROT;
        return NULL;
    }
    uint8_t *a = arg_alloc(p, n);
    if (!a || !read_guest(vm, p, ga, a, n)) {
        *err = CS_PGM;
        return NULL;
    }
    return a;
}

/* Data that goes through CP storage (count fields to relocate). */
static int emit_bounce(struct vm *vm, struct ct_prog *p, uint32_t gccw, uint8_t cmd,
                       uint32_t ga, uint16_t count, uint8_t flags)
{
    bool input = is_input(cmd);
    if (ga >= vm->size || count > vm->size - ga)
        return emit_check(p, gccw, CS_PGM);
    if (!vmstore_key_ok(vm, ga, count, p->key, input))
        return emit_check(p, gccw, CS_PROT);
    if (p->nbounce == CT_MAX_BOUNCE)
        return -1;
    uint8_t *buf = vmstore_fs_alloc(count);
    if (!buf || (!input && !read_guest(vm, p, ga, buf, count))) {
        fs_free(buf);
        p->starved = true;
        return emit_check(p, gccw, CS_CCC);
    }
    struct ct_bounce *b = &p->bounce[p->nbounce];
    *b = (struct ct_bounce){.gaddr = ga, .len = count, .cmd = cmd, .input = input, .buf = buf};
    if (!input) {
        unsigned o = cyl_offset(cmd);
        if (count >= o + 2)
            relocate(buf + o, (int)p->x->start);
    }
    int i = emit(p, ccw_make(cmd, buf, flags & ~(CCW_IDA | CCW_PCI), count), gccw, 0, flags);
    if (i >= 0)
        p->meta[i].bounce = (int16_t)p->nbounce++;
    else
        fs_free(buf);
    return i;
}

/* The guest CCW at ga (or the made-up first one); false if it cannot be
   fetched. */
static bool fetch(struct vm *vm, struct ct_prog *p, uint32_t ga, uint8_t c[8])
{
    if (p->first_ccw && ga == p->start) {
        memcpy(c, p->first_ccw, 8);
        return true;
    }
    return !(ga & 7) && ga < vm->size && read_guest(vm, p, ga, c, 8);
}

/*
 * Translate the guest CCW at ga; chain_cmd is the command of the data
 * chain it continues (0: it begins a command).  Returns the real index,
 * -1 when the program is too long.
 */
static int xlate(struct vm *vm, struct ct_prog *p, uint32_t ga, uint8_t chain_cmd)
{
    uint8_t c[8];
    if (!fetch(vm, p, ga, c))
        return emit_check(p, ga, CS_PGM);
    if (!(p->first_ccw && ga == p->start) && !vmstore_key_ok(vm, ga, 8, p->key, false))
        return emit_check(p, ga, CS_PROT);
    uint8_t cmd = chain_cmd ? chain_cmd : c[0], flags = c[4];
    uint32_t data = get32(c) & 0xFFFFFF;
    uint16_t count = get16(c + 6);
    if ((c[0] & 0x0F) == 0x08)                      /* TIC: the target is patched in */
        return emit(p, ccw_make(0x08, NULL, 0, 0), ga, 0, flags);
    if (flags & CCW_PCI)
        p->pci = true;
    uint8_t rflags = flags & ~(CCW_IDA | CCW_PCI);
    if (count == 0 || (flags & 0x03))               /* invalid CCW */
        return emit_check(p, ga, CS_PGM);
    enum cls k = classify(cmd, p->x);
    if (chain_cmd && k != C_DATA)
        k = C_REJECT;                               /* no arguments split over CCWs */
    if (k != C_DATA && k != C_REJECT && (flags & (CCW_CD | CCW_IDA)))
        k = C_REJECT;
    uint8_t err = 0;
    switch (k) {
    case C_DATA: {
        bool input = is_input(cmd);
        uint32_t raddr = (uint32_t)(uintptr_t)p->args;
        if (!(input && (flags & CCW_SKIP)))
            err = map_data(vm, p, data, count, input, flags & CCW_IDA, &raddr, &rflags);
        if (err)
            return emit_check(p, ga, err);
        return emit(p, ccw_make(c[0], (void *)(uintptr_t)raddr, rflags, count), ga, 0, flags);
    }
    case C_SEEK: {
        uint8_t *a = copy_arg(vm, p, data, count < 6 ? count : 6, &err);
        if (!a)
            return err ? emit_check(p, ga, err) : -1;
        if (count < 6)                              /* the device rejects it */
            return emit(p, ccw_make(cmd, a, rflags, count), ga, 0, flags);
        unsigned cyl = get16(a + 2), head = get16(a + 4);
        if (cmd == 0x1B)
            cyl = p->x->cyl;
        if (get16(a) || cyl >= p->x->cyls || head >= p->x->heads)
            return emit_reject(p, ga, flags);
        relocate(a + 2, (int)p->x->start);
        return emit(p, ccw_make(cmd, a, rflags, 6), ga, 0, flags);
    }
    case C_SEARCH: {
        unsigned n = count < 16 ? count : 16;
        uint8_t *a = copy_arg(vm, p, data, n, &err);
        if (!a)
            return err ? emit_check(p, ga, err) : -1;
        if (n >= 2)
            relocate(a, (int)p->x->start);
        return emit(p, ccw_make(cmd, a, rflags, (uint16_t)n), ga, 0, flags);
    }
    case C_RECAL:
        return emit_seek(p, ga, 0, 0, rflags & (CCW_CC | CCW_SLI));
    case C_WCOUNT:
    case C_RCOUNT:
    case C_RDC:
        return emit_bounce(vm, p, ga, cmd, data, count, flags);
    case C_IPL: {                                   /* seek, search R1, TIC, read */
        uint8_t *id = arg_alloc(p, 5);
        if (!id || emit_seek(p, ga, 0, 0, CCW_CC) < 0)
            return -1;
        id[0] = (uint8_t)(p->x->start >> 8);
        id[1] = (uint8_t)p->x->start;
        id[4] = 1;
        int s = emit(p, ccw_make(0x31, id, CCW_CC, 5), ga, 0, flags);
        if (s < 0 || emit(p, ccw_make(0x08, &p->ccw[s], 0, 0), ga, 0, flags) < 0)
            return -1;
        uint32_t raddr;
        err = map_data(vm, p, data, count, true, flags & CCW_IDA, &raddr, &rflags);
        if (err)
            return emit_check(p, ga, err);
        return emit(p, ccw_make(0x06, (void *)(uintptr_t)raddr, rflags, count), ga, 0, flags);
    }
    case C_REJECT:
        break;
    }
    return emit_reject(p, ga, flags);
}

/* The real index of the first real CCW that stands for guest CCW ga, or -1. */
static int lookup(const struct ct_prog *p, uint32_t ga)
{
    for (unsigned i = p->first; i < p->n; i++)
        if (p->meta[i].gccw == ga && !(i > p->first && p->meta[i - 1].gccw == ga))
            return (int)i;
    return -1;
}

#define MAX_PENDING 64

int ct_translate(struct vm *vm, uint32_t caw, const uint8_t *first, struct ct_extent *x,
                 struct ct_prog *p, uint8_t csw[8])
{
    p->first_ccw = first;
    p->start = caw & 0xFFFFFF;
    p->n = p->nidaw = p->nargs = p->nbounce = p->nfixed = 0;
    p->vm = vm;
    p->pci = false;
    p->starved = false;
    p->key = (uint8_t)(caw >> 28);
    p->x = x;
    uint32_t start = caw & 0xFFFFFF;
    memset(csw, 0, 8);
    put32(csw, (uint32_t)p->key << 28);
    if (x && emit_seek(p, start, x->cyl, x->head, CCW_CC) < 0)
        goto too_long;
    p->first = p->n;

    struct { uint32_t ga; int patch; uint8_t chain_cmd; } pend[MAX_PENDING];
    unsigned npend = 0;
    uint32_t ga = start;
    int patch = -1;
    uint8_t chain_cmd = 0;
    for (;;) {
        /* a run of consecutive guest CCWs from ga */
        uint8_t prev_cmd = 0;
        for (bool first = true;; first = false) {
            int have = first ? -1 : lookup(p, ga);
            if (have >= 0) {                        /* fell into translated CCWs */
                if (emit(p, ccw_make(0x08, &p->ccw[have], 0, 0), ga, 0, 0) < 0)
                    goto too_long;
                break;
            }
            uint8_t c[8];
            bool ok = fetch(vm, p, ga, c);
            int i = xlate(vm, p, ga, chain_cmd);
            if (i < 0)
                goto too_long;
            if (first && patch >= 0)
                p->ccw[patch] = ccw_make(0x08, &p->ccw[lookup(p, ga)], 0, 0);
            if (!ok || p->meta[i].err)
                break;                              /* the channel stops there */
            if ((c[0] & 0x0F) == 0x08) {            /* TIC: its target later */
                if (npend == MAX_PENDING)
                    goto too_long;
                pend[npend].ga = get32(c) & 0xFFFFFF;
                pend[npend].chain_cmd = chain_cmd;
                pend[npend++].patch = i;
                if (!is_search(prev_cmd))           /* only a search's SM reaches ga+8 */
                    break;
                chain_cmd = 0;
                ga += 8;
                continue;
            }
            uint8_t used = chain_cmd ? chain_cmd : c[0];
            prev_cmd = used;
            if (!(c[4] & (CCW_CC | CCW_CD)))
                break;
            chain_cmd = (c[4] & CCW_CD) ? used : 0;
            ga += 8;
        }
        /* the next TIC target not yet translated */
        patch = -1;
        while (npend) {
            npend--;
            int have = lookup(p, pend[npend].ga);
            if (have >= 0) {
                p->ccw[pend[npend].patch] = ccw_make(0x08, &p->ccw[have], 0, 0);
                continue;
            }
            ga = pend[npend].ga;
            chain_cmd = pend[npend].chain_cmd;
            patch = pend[npend].patch;
            break;
        }
        if (patch < 0)
            break;
    }
    /* The guest's first CCW in error: SIO stores the CSW, condition code 1. */
    if (p->meta[p->first].err) {
        put32(csw, (uint32_t)p->key << 28 | ((start + 8) & 0xFFFFFF));
        csw[5] = p->meta[p->first].err;
        ct_free(p);
        return 1;
    }
    return 0;
too_long:
    ct_free(p);
    put32(csw, (uint32_t)p->key << 28 | ((start + 8) & 0xFFFFFF));
    csw[5] = CS_PGM;
    return -1;
}

/* Count fields read into a bounce area: their cylinders back to virtual. */
static void unrelocate(const struct ct_bounce *b, unsigned got, unsigned start)
{
    uint8_t cmd = b->cmd & 0x7F;
    if (cmd == 0x64) {                              /* RDC: primary cylinders */
        return;
    }
    unsigned o = cyl_offset(cmd);
    if (cmd != 0x5E) {
        if (got >= o + 2 && get16(b->buf + o) >= start)
            relocate(b->buf + o, -(int)start);
        return;
    }
    for (unsigned off = 0; off + 8 <= got;) {      /* Read Multiple CKD: every record */
        uint8_t *f = b->buf + off;
        if (get16(f) >= start)
            relocate(f, -(int)start);
        off += 8 + f[5] + get16(f + 6);
    }
}

void ct_complete(struct vm *vm, struct ct_prog *p, uint32_t real_ccw_addr, uint8_t us,
                 uint8_t cs, uint16_t residual, uint8_t csw[8])
{
    uint32_t base = (uint32_t)(uintptr_t)p->ccw;
    int last = (int)((real_ccw_addr - 8 - base) / 8);
    if (real_ccw_addr < base + 8 || last >= (int)p->n)
        last = (int)p->n - 1;
    const struct ct_meta *m = &p->meta[last];
    if ((cs & CS_PGM) && m->err) {
        cs &= (uint8_t)~CS_PGM;
        cs |= m->err;
    }
    if (p->pci)
        cs |= 0x80;                                 /* PCI, in the ending status */
    /* what the program read through CP, and where it left the arm */
    for (int i = 0; i <= last; i++) {
        const struct ct_meta *mi = &p->meta[i];
        struct ccw *r = &p->ccw[i];
        uint8_t cmd = (uint8_t)(r->w0 >> 24);
        if (p->x && (cmd == 0x07 || cmd == 0x0B || cmd == 0x1B) && !(i == last && (us & US_UC))) {
            const uint8_t *a = (const uint8_t *)(uintptr_t)(r->w0 & 0xFFFFFF);
            unsigned cyl = get16(a + 2);
            if (cmd == 0x1B)
                p->x->head = get16(a + 4);
            else if (cyl >= p->x->start && cyl < p->x->start + p->x->cyls) {
                p->x->cyl = cyl - p->x->start;
                p->x->head = get16(a + 4);
            }
        }
        if (mi->bounce >= 0 && p->bounce[mi->bounce].input) {
            struct ct_bounce *b = &p->bounce[mi->bounce];
            unsigned got = i == last ? (residual < b->len ? b->len - residual : 0) : b->len;
            if (p->x)
                unrelocate(b, got, p->x->start);
            if ((b->cmd & 0x7F) == 0x64 && got >= 14 && p->x) {
                b->buf[12] = (uint8_t)(p->x->cyls >> 8);
                b->buf[13] = (uint8_t)p->x->cyls;
            }
            vmstore_write(vm, b->gaddr, b->buf, got);
        }
    }
    put32(csw, (uint32_t)p->key << 28 | ((m->gccw + 8) & 0xFFFFFF));
    csw[4] = us;
    csw[5] = cs;
    csw[6] = (uint8_t)(residual >> 8);
    csw[7] = (uint8_t)residual;
}

void ct_free(struct ct_prog *p)
{
    for (unsigned i = 0; i < p->nfixed; i++)
        vmstore_unfix(p->vm, (uint32_t)p->fixed[i] << 12);
    p->nfixed = 0;
    for (unsigned i = 0; i < p->nbounce; i++)
        fs_free(p->bounce[i].buf);
    p->nbounce = 0;
}
