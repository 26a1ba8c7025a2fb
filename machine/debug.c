/*
 * debug.c - instruction trace, history ring, breakpoints and symbols.
 *
 * None of this costs anything when unused: the run loop takes its
 * instrumented path only while cpu->debug is set, which debug_update()
 * keeps true exactly when a trace, a history or a breakpoint is active.
 */
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "debug.h"
#include "elf.h"
#include "insn.h"

#define MAX_IMAGES 8
#define MAX_BREAK 64

struct hist_entry {
    uint32_t ia;
    uint8_t insn[6];
    uint8_t cc;
};

struct debug {
    struct elf_image img[MAX_IMAGES];
    int nimg;
    FILE *trace;
    struct hist_entry *hist;
    unsigned hist_len;
    uint64_t hist_n;
    uint32_t brk[MAX_BREAK];
    int nbrk;
    uint32_t resume_ia;
    bool resuming;
};

static struct debug *dbg(struct machine *m)
{
    if (!m->dbg) {
        m->dbg = calloc(1, sizeof *m->dbg);
        if (!m->dbg)
            abort();
    }
    return m->dbg;
}

static void debug_update(struct machine *m)
{
    struct debug *d = m->dbg;
    m->cpu.dbg_active = d && (d->trace || d->hist_len || d->nbrk);
    m->cpu.debug = m->cpu.dbg_active || m->cpu.per_active;
    cpu_set_pending(&m->cpu);
}

int debug_load_symbols(struct machine *m, const char *path, char *err, size_t errlen)
{
    struct debug *d = dbg(m);
    if (d->nimg == MAX_IMAGES) {
        snprintf(err, errlen, "too many symbol files");
        return -1;
    }
    if (elf_read(path, &d->img[d->nimg], err, errlen))
        return -1;
    d->nimg++;
    return 0;
}

const char *debug_symbol(struct machine *m, uint32_t addr, char *buf, size_t size)
{
    buf[0] = 0;
    struct debug *d = m->dbg;
    if (!d)
        return buf;
    const struct elf_sym *best = NULL;
    uint32_t best_off = 0;
    for (int i = 0; i < d->nimg; i++) {
        uint32_t off;
        const struct elf_sym *s = elf_symbol(&d->img[i], addr, &off);
        if (s && (!best || off < best_off) && (off < s->size || s->size == 0 || off < 0x10000)) {
            best = s;
            best_off = off;
        }
    }
    if (best)
        snprintf(buf, size, best_off ? "%s+0x%X" : "%s", best->name, best_off);
    return buf;
}

void debug_set_trace(struct machine *m, FILE *out)
{
    dbg(m)->trace = out;
    debug_update(m);
}

void debug_set_history(struct machine *m, unsigned entries)
{
    struct debug *d = dbg(m);
    free(d->hist);
    d->hist = entries ? calloc(entries, sizeof *d->hist) : NULL;
    d->hist_len = d->hist ? entries : 0;
    d->hist_n = 0;
    debug_update(m);
}

int debug_break_add(struct machine *m, uint32_t addr)
{
    struct debug *d = dbg(m);
    addr &= AMASK24;
    for (int i = 0; i < d->nbrk; i++)
        if (d->brk[i] == addr)
            return 0;
    if (d->nbrk == MAX_BREAK)
        return -1;
    d->brk[d->nbrk++] = addr & AMASK24;
    debug_update(m);
    return 0;
}

int debug_break_del(struct machine *m, uint32_t addr)
{
    struct debug *d = dbg(m);
    addr &= AMASK24;
    for (int i = 0; i < d->nbrk; i++)
        if (d->brk[i] == addr) {
            d->brk[i] = d->brk[--d->nbrk];
            debug_update(m);
            return 0;
        }
    return -1;
}

int debug_break_list(struct machine *m, uint32_t *out, int max)
{
    struct debug *d = dbg(m);
    int n = d->nbrk < max ? d->nbrk : max;
    memcpy(out, d->brk, (size_t)n * sizeof *out);
    return n;
}

void debug_resume(struct machine *m)
{
    struct debug *d = dbg(m);
    d->resuming = true;
    d->resume_ia = m->cpu.psw.ia;
    m->cpu.stopped = false;
}

int debug_lookup(struct machine *m, const char *name, uint32_t *addr)
{
    struct debug *d = m->dbg;
    if (!d)
        return -1;
    for (int i = 0; i < d->nimg; i++)
        for (int j = 0; j < d->img[i].nsym; j++)
            if (!strcmp(d->img[i].sym[j].name, name)) {
                *addr = d->img[i].sym[j].addr;
                return 0;
            }
    return -1;
}

/* One trace line: address, symbol, instruction bytes, disassembly. */
void debug_print_insn(struct machine *m, FILE *out, uint32_t ia, const uint8_t *ip, int cc)
{
    char dis[64], sym[80];
    unsigned len = insn_disasm(ip, dis, sizeof dis);
    char hex[16] = "";
    for (unsigned i = 0; i < len; i++)
        snprintf(hex + 2 * i, sizeof hex - 2 * i, "%02X", ip[i]);
    debug_symbol(m, ia, sym, sizeof sym);
    if (cc >= 0)
        fprintf(out, "%06X %-12s %-24s cc%d %s\n", ia, hex, dis, cc, sym);
    else
        fprintf(out, "%06X %-12s %-24s %s\n", ia, hex, dis, sym);
}

bool debug_before(struct cpu *cpu, uint32_t ia, const uint8_t *ip)
{
    struct machine *m = cpu->m;
    struct debug *d = m->dbg;
    if (d->nbrk) {
        /* Resuming skips a breakpoint at the first instruction only. */
        bool skip = d->resuming && ia == d->resume_ia;
        d->resuming = false;
        if (!skip) {
            for (int i = 0; i < d->nbrk; i++)
                if (d->brk[i] == ia) {
                    cpu->psw.ia = ia;
                    cpu->stopped = true;
                    cpu->stop_reason = "breakpoint";
                    cpu_set_pending(cpu);
                    return true;
                }
        }
    }
    if (d->hist_len) {
        struct hist_entry *h = &d->hist[d->hist_n++ % d->hist_len];
        h->ia = ia;
        memcpy(h->insn, ip, insn_len(ip[0]));
        h->cc = cpu->psw.cc;
    }
    if (d->trace)
        debug_print_insn(m, d->trace, ia, ip, cpu->psw.cc);
    return false;
}

void debug_program_check(struct cpu *cpu, int code)
{
    struct debug *d = cpu->m->dbg;
    if (d && d->trace)
        fprintf(d->trace, "       *** program interruption code %04X at %06X\n", code, cpu->insn_ia);
}

int debug_print_history(struct machine *m, FILE *out, unsigned max)
{
    struct debug *d = m->dbg;
    if (!d || !d->hist_len)
        return -1;
    if (!d->hist_n)
        return 0;
    uint64_t n = d->hist_n < d->hist_len ? d->hist_n : d->hist_len;
    if (n > max)
        n = max;
    fprintf(out, "Last %llu instructions (cc before each):\n", (unsigned long long)n);
    for (uint64_t i = d->hist_n - n; i < d->hist_n; i++) {
        struct hist_entry *h = &d->hist[i % d->hist_len];
        debug_print_insn(m, out, h->ia, h->insn, h->cc);
    }
    return 0;
}

FILE *debug_trace_file(struct machine *m)
{
    return m->dbg ? m->dbg->trace : NULL;
}

unsigned debug_history_size(struct machine *m)
{
    return m->dbg ? m->dbg->hist_len : 0;
}

void debug_free(struct machine *m)
{
    struct debug *d = m->dbg;
    if (!d)
        return;
    for (int i = 0; i < d->nimg; i++)
        elf_free(&d->img[i]);
    free(d->hist);
    free(d);
    m->dbg = NULL;
}
