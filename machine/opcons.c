/*
 * opcons.c - the operator console's commands, in the spirit of the
 * Hercules panel.  opcons_exec() takes one line and writes what it says to
 * a FILE*; where the lines come from is the caller's business (opcons.h).
 *
 * Numbers are hex, except register numbers and counts, which are decimal.
 * An ADDR is hex (up to FFFFFF) or a symbol from the --symbols ELF files,
 * optionally NAME+HEX; a name that is a symbol wins over the same letters
 * read as hex.  RANGE is ADDR, ADDR.LEN (hex length) or ADDR-END.
 *
 *   command            what it does
 *   -----------------  ------------------------------------------------
 *   r RANGE            display real storage (prefixing applies)
 *   r ADDR=HEX         alter real storage
 *   a RANGE, a ADDR=HEX   the same for absolute storage
 *   v RANGE, v ADDR=HEX   the same for virtual storage, translated by DAT
 *                      with the current CR0 and CR1
 *   gpr [N=HEX]        display (alter) the general registers
 *   cr [N=HEX]         display (alter) the control registers
 *   fpr [N=HEX|fpc=HEX]   display (alter) the floating-point registers, FPC
 *   psw [FIELD=V]...   display (alter) the PSW; fields sm, key, cmwp, cc,
 *                      pm, ia; or `psw HHHHHHHH HHHHHHHH` loads all of it
 *   key ADDR[=HEX]     display (set) the storage key of a real address
 *   b ADDR             set a breakpoint      nb ADDR  delete it
 *   bl                 list the breakpoints
 *   stop / start       stop the CPU / start it again
 *   s [N]              single-step N instructions (1), showing each
 *   t+ / t-            instruction trace on / off
 *   history [N]        the last N (all) entries of the history ring;
 *                      `history on N` / `history off` set the ring
 *   u [ADDR [N]]       disassemble N (8) instructions of real storage (at
 *                      the PSW: through DAT when it is on)
 *   sym ADDR|NAME      symbol of an address, or address of a symbol
 *   restart            restart interruption (PSW swap at 8 and 0); starts
 *   ext                interrupt key: an external interruption pending
 *   ipl CUU            IPL from a device; starts the CPU
 *   devlist            the devices and their state
 *   mount CUU FILE     mount a tape image on a 3420 (FILE[,ro][,eot=SIZE])
 *   unload CUU         unload a 3420's tape (the drive is then not ready)
 *   devinit CUU        a DASD not ready (its file failed) opens its file
 *                      again now; device end if it is ready then
 *   .TEXT              TEXT as a line typed on the 3215 console
 *   help, quit
 *
 * Every address is checked against the storage size before it is used:
 * nothing a command says can reach host memory outside the machine.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "machine.h"
#include "opcons.h"
#include "interrupt.h"
#include "debug.h"
#include "dat.h"
#include "insn.h"
#include "dev.h"
#include "con3215.h"
#include "tape3420.h"
#include "dasd.h"
#include "ebcdic.h"

#define LINE_MAX 1024
#define SHOW_DEFAULT 0x40   /* bytes `r ADDR` shows */
#define SHOW_MAX 0x10000    /* at most this many at once */
#define ALTER_MAX 256       /* bytes one alteration writes */
#define STEP_MAX 100000
#define DISASM_MAX 1000

/* One command being executed: the machine, the output, the command name
   (for messages). */
struct oc {
    struct machine *m;
    FILE *out;
    const char *cmd;
};

/* Print "cmd: message" and return OPCONS_ERROR. */
static int fail(struct oc *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(c->out, "%s: ", c->cmd);
    vfprintf(c->out, fmt, ap);
    fputc('\n', c->out);
    va_end(ap);
    return OPCONS_ERROR;
}

/* --- parsing ------------------------------------------------------------- */

static char *skip_space(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

/* Split off the next blank-delimited word of *s (NULL when none). */
static char *next_word(char **s)
{
    char *p = skip_space(*s);
    if (!*p)
        return NULL;
    char *w = p;
    while (*p && !isspace((unsigned char)*p))
        p++;
    if (*p)
        *p++ = 0;
    *s = p;
    return w;
}

/* A whole string of hex digits (optional 0x), at most `max`. */
static bool parse_hex_num(const char *s, uint64_t max, uint64_t *v)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    if (!*s || strlen(s) > 16)
        return false;
    uint64_t r = 0;
    for (; *s; s++) {
        if (!isxdigit((unsigned char)*s))
            return false;
        r = r << 4 | (uint64_t)(isdigit((unsigned char)*s) ? *s - '0' : (tolower(*s) - 'a' + 10));
    }
    if (r > max)
        return false;
    *v = r;
    return true;
}

/* A whole decimal number, at most `max`. */
static bool parse_dec(const char *s, unsigned long max, unsigned long *v)
{
    if (!*s || strlen(s) > 9)
        return false;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    *v = strtoul(s, NULL, 10);
    return *v <= max;
}

/* An address: a symbol, SYMBOL+HEX, or hex up to FFFFFF. */
static bool parse_addr(struct oc *c, const char *s, uint32_t *a)
{
    uint32_t base;
    uint64_t v;
    if (!debug_lookup(c->m, s, &base)) {
        *a = base & AMASK24;
        return true;
    }
    const char *plus = strrchr(s, '+');
    if (plus && plus > s) {
        char name[256];
        size_t n = (size_t)(plus - s);
        if (n < sizeof name) {
            memcpy(name, s, n);
            name[n] = 0;
            if (!debug_lookup(c->m, name, &base) && parse_hex_num(plus + 1, AMASK24, &v)) {
                *a = (base + (uint32_t)v) & AMASK24;
                return true;
            }
        }
    }
    if (parse_hex_num(s, AMASK24, &v)) {
        *a = (uint32_t)v;
        return true;
    }
    fail(c, "bad address '%s' (give hex up to FFFFFF or a symbol)", s);
    return false;
}

/* A register number: decimal 0-15, optionally with a leading r. */
static bool parse_regno(const char *s, unsigned *r)
{
    unsigned long v;
    if (*s == 'r' || *s == 'R')
        s++;
    if (!parse_dec(s, 15, &v))
        return false;
    *r = (unsigned)v;
    return true;
}

/* Hex digits (blanks ignored) into at most max bytes; -1 if malformed. */
static int parse_hex_bytes(const char *s, uint8_t *out, int max)
{
    int n = 0, hi = -1;
    for (; *s; s++) {
        if (isspace((unsigned char)*s))
            continue;
        if (!isxdigit((unsigned char)*s))
            return -1;
        int d = isdigit((unsigned char)*s) ? *s - '0' : tolower(*s) - 'a' + 10;
        if (hi < 0) {
            hi = d;
        } else {
            if (n == max)
                return -1;
            out[n++] = (uint8_t)(hi << 4 | d);
            hi = -1;
        }
    }
    return hi >= 0 ? -1 : n;
}

/* --- storage ------------------------------------------------------------- */

enum space { SP_REAL, SP_ABS, SP_VIRT };
static const char space_letter[] = {'R', 'A', 'V'};

static const char *dat_message(int rc)
{
    switch (rc) {
    case DAT_SEG_INVALID: return "segment invalid";
    case DAT_PAGE_INVALID: return "page invalid";
    case DAT_SEG_LENGTH: return "beyond the segment-table length";
    case DAT_PAGE_LENGTH: return "beyond the page-table length";
    case DAT_SPEC: return "translation specification (CR0 or a table entry)";
    default: return "translation table outside storage";
    }
}

/* The absolute address of byte a of a space; NULL, or why there is none. */
static const char *to_abs(struct machine *m, enum space sp, uint32_t a, uint32_t *abs)
{
    static char msg[96];
    if (a > AMASK24)
        return "address beyond FFFFFF";
    if (sp == SP_VIRT) {
        uint32_t r;
        int rc = dat_lookup(&m->cpu, a, &r);
        if (rc != DAT_OK) {
            snprintf(msg, sizeof msg, "virtual address %06X does not translate: %s", a, dat_message(rc));
            return msg;
        }
        a = r;
    }
    uint32_t x = sp == SP_ABS ? a : real_to_abs(&m->cpu, a);
    if (x >= m->memsize) {
        snprintf(msg, sizeof msg, "address %06X is beyond storage (size %X)", x, m->memsize);
        return msg;
    }
    *abs = x;
    return NULL;
}

/* Display len bytes from `start`: 16 a line, hex and EBCDIC as text. */
static int show_storage(struct oc *c, enum space sp, uint32_t start, uint32_t len)
{
    for (uint32_t off = 0; off < len; off += 16) {
        uint8_t b[16];
        unsigned n = len - off < 16 ? len - off : 16, got = 0;
        const char *err = NULL;
        for (; got < n; got++) {
            uint32_t abs;
            if ((err = to_abs(c->m, sp, start + off + got, &abs)))
                break;
            b[got] = c->m->mem[abs];
        }
        if (got == 0 && off == 0)
            return fail(c, "%s", err);
        if (got) {
            char hex[48] = "", text[17];
            int h = 0;
            for (unsigned i = 0; i < got; i++) {
                h += snprintf(hex + h, sizeof hex - (size_t)h, "%s%02X", i && !(i & 3) ? " " : "", b[i]);
                unsigned char ch = ebcdic_to_ascii[b[i]];
                text[i] = ch >= 0x20 && ch < 0x7F ? (char)ch : '.';
            }
            text[got] = 0;
            fprintf(c->out, "%c:%06X  %-35s  *%s*\n", space_letter[sp], start + off, hex, text);
        }
        if (err) {
            fprintf(c->out, "(display ends: %s)\n", err);
            break;
        }
    }
    return OPCONS_OK;
}

/* ADDR=HEX: alter storage, all of it or (when a byte is out of reach)
   none, then show what it holds. */
static int alter_storage(struct oc *c, enum space sp, char *addr, const char *hex)
{
    char *rest = addr, *w = next_word(&rest);
    uint32_t a;
    if (!w || *skip_space(rest))
        return fail(c, "give one address before '='");
    if (!parse_addr(c, w, &a))
        return OPCONS_ERROR;
    uint8_t bytes[ALTER_MAX];
    int n = parse_hex_bytes(hex, bytes, ALTER_MAX);
    if (n <= 0)
        return fail(c, "give an even number of hex digits after '=' (at most %d bytes)", ALTER_MAX);
    uint32_t abs[ALTER_MAX];
    for (int i = 0; i < n; i++) {
        const char *err = to_abs(c->m, sp, a + (uint32_t)i, &abs[i]);
        if (err)
            return fail(c, "%s; nothing altered", err);
    }
    for (int i = 0; i < n; i++)
        c->m->mem[abs[i]] = bytes[i];
    return show_storage(c, sp, a, (uint32_t)n);
}

/* r, a, v: display (RANGE) or alter (ADDR=HEX) storage of one space. */
static int cmd_storage(struct oc *c, enum space sp, char *args)
{
    args = skip_space(args);
    if (!*args)
        return fail(c, "give an address: %s ADDR, ADDR.LEN, ADDR-END or ADDR=HEX", c->cmd);
    char *eq = strchr(args, '=');
    if (eq) {
        *eq = 0;
        return alter_storage(c, sp, args, eq + 1);
    }
    char *rest = args, *w = next_word(&rest);
    if (*skip_space(rest))
        return fail(c, "unexpected '%s'", skip_space(rest));
    uint32_t a, len = SHOW_DEFAULT, sym;
    char *sep = NULL;
    if (debug_lookup(c->m, w, &sym)) { /* a whole symbol may contain '.' */
        sep = strrchr(w, '.');
        if (!sep)
            sep = strchr(w, '-');
    }
    char kind = sep ? *sep : 0;
    if (sep)
        *sep = 0;
    if (!parse_addr(c, w, &a))
        return OPCONS_ERROR;
    if (kind == '.') {
        uint64_t v;
        if (!parse_hex_num(sep + 1, SHOW_MAX, &v) || v == 0)
            return fail(c, "bad length '%s' (hex, 1 to %X)", sep + 1, SHOW_MAX);
        len = (uint32_t)v;
    } else if (kind == '-') {
        uint32_t end;
        if (!parse_addr(c, sep + 1, &end))
            return OPCONS_ERROR;
        if (end < a || end - a >= SHOW_MAX)
            return fail(c, "bad range %06X-%06X (END >= START, at most %X bytes)", a, end, SHOW_MAX);
        len = end - a + 1;
    }
    if (a + len - 1 > AMASK24)
        len = AMASK24 - a + 1;
    return show_storage(c, sp, a, len);
}

static int cmd_r(struct oc *c, char *args) { return cmd_storage(c, SP_REAL, args); }
static int cmd_a(struct oc *c, char *args) { return cmd_storage(c, SP_ABS, args); }
static int cmd_v(struct oc *c, char *args) { return cmd_storage(c, SP_VIRT, args); }

/* key ADDR[=HEX]: the storage key of the 2K block of a real address. */
static int cmd_key(struct oc *c, char *args)
{
    char *eq = strchr(args, '=');
    if (eq)
        *eq = 0;
    char *rest = args, *w = next_word(&rest);
    if (!w || *skip_space(rest))
        return fail(c, "give one address: key ADDR or key ADDR=HEX");
    uint32_t a, abs;
    if (!parse_addr(c, w, &a))
        return OPCONS_ERROR;
    const char *err = to_abs(c->m, SP_REAL, a, &abs);
    if (err)
        return fail(c, "%s", err);
    uint8_t *sk = &c->m->keys[abs >> 11];
    if (eq) {
        uint64_t v;
        char *val = skip_space(eq + 1);
        char *end = val + strlen(val);
        while (end > val && isspace((unsigned char)end[-1]))
            *--end = 0;
        if (!parse_hex_num(val, 0xFF, &v))
            return fail(c, "bad key '%s' (hex byte: key, F, R, C bits)", val);
        *sk = (uint8_t)(v & 0xFE);
        cpu_tlb_flush(&c->m->cpu);
    }
    fprintf(c->out, "key %06X (block %06X): %02X  key %u, fetch protection %s, reference %u, change %u\n",
            a, abs & ~0x7FFu, *sk, *sk >> 4, (*sk & SK_FETCH) ? "on" : "off",
            (*sk & SK_REF) != 0, (*sk & SK_CHANGE) != 0);
    return OPCONS_OK;
}

/* --- registers and PSW --------------------------------------------------- */

/* Parse "N=HEX" for a register command; false with the message said. */
static bool parse_reg_assign(struct oc *c, char *args, unsigned *r, uint64_t max, uint64_t *v)
{
    char *eq = strchr(args, '=');
    if (!eq) {
        fail(c, "give N=HEX to alter, or nothing to display");
        return false;
    }
    *eq = 0;
    char *rest = args, *name = next_word(&rest);
    char *vrest = eq + 1, *val = next_word(&vrest);
    if (!name || *skip_space(rest) || !parse_regno(name, r)) {
        fail(c, "bad register '%s' (0-15)", name ? name : "");
        return false;
    }
    if (!val || *skip_space(vrest) || !parse_hex_num(val, max, v)) {
        fail(c, "bad value '%s' (hex, at most %d digits)", val ? val : "", max == UINT64_MAX ? 16 : 8);
        return false;
    }
    return true;
}

static void show_regs32(FILE *out, const char *pfx, const uint32_t *r)
{
    for (int i = 0; i < 16; i++)
        fprintf(out, "%s%-2d=%08X%s", pfx, i, r[i], (i & 3) == 3 ? "\n" : "  ");
}

static int cmd_gpr(struct oc *c, char *args)
{
    if (*skip_space(args)) {
        unsigned r;
        uint64_t v;
        if (!parse_reg_assign(c, args, &r, 0xFFFFFFFF, &v))
            return OPCONS_ERROR;
        c->m->cpu.gr[r] = (uint32_t)v;
    }
    show_regs32(c->out, "R", c->m->cpu.gr);
    return OPCONS_OK;
}

static int cmd_cr(struct oc *c, char *args)
{
    if (*skip_space(args)) {
        unsigned r;
        uint64_t v;
        if (!parse_reg_assign(c, args, &r, 0xFFFFFFFF, &v))
            return OPCONS_ERROR;
        c->m->cpu.cr[r] = (uint32_t)v;
        /* Translation, protection, PER and the masks may all change. */
        cpu_tlb_flush(&c->m->cpu);
        cpu_psw_changed(&c->m->cpu);
    }
    show_regs32(c->out, "C", c->m->cpu.cr);
    return OPCONS_OK;
}

static int cmd_fpr(struct oc *c, char *args)
{
    struct cpu *cpu = &c->m->cpu;
    char *a = skip_space(args);
    if (!strncasecmp(a, "fpc", 3) && (a[3] == '=' || !a[3] || isspace((unsigned char)a[3]))) {
        char *eq = strchr(a, '=');
        char *rest = eq ? eq + 1 : a;
        char *val = eq ? next_word(&rest) : NULL;
        uint64_t v;
        if (!val || *skip_space(rest) || !parse_hex_num(val, 0xFFFFFFFF, &v))
            return fail(c, "give fpc=HEX (at most 8 digits)");
        cpu->fpc = (uint32_t)v;
    } else if (*a) {
        unsigned r;
        uint64_t v;
        if (!parse_reg_assign(c, a, &r, UINT64_MAX, &v))
            return OPCONS_ERROR;
        cpu->fpr[r] = v;
    }
    for (int i = 0; i < 16; i++)
        fprintf(c->out, "F%-2d=%016llX%s", i, (unsigned long long)cpu->fpr[i], (i & 1) ? "\n" : "  ");
    fprintf(c->out, "FPC=%08X\n", cpu->fpc);
    return OPCONS_OK;
}

/* The PSW as stored, then its fields by name. */
static void show_psw(struct machine *m, FILE *out)
{
    const struct psw *p = &m->cpu.psw;
    uint8_t b[8];
    char sym[96];
    psw_store(&m->cpu, b, p->intcode, p->ilc);
    debug_symbol(m, p->ia, sym, sizeof sym);
    unsigned cmwp = (unsigned)(p->ec << 3 | p->mcheck << 2 | p->wait << 1 | p->problem);
    fprintf(out, "PSW=%08X %08X  %s sm=%02X key=%u cmwp=%X cc=%u pm=%X ia=%06X%s%s%s%s\n",
            be32(b), be32(b + 4), p->ec ? "EC" : "BC", p->sysmask, p->key, cmwp, p->cc,
            p->progmask, p->ia, m->cpu.dat ? " DAT" : "", m->cpu.stopped ? " (stopped)" : "",
            *sym ? " " : "", sym);
}

/* psw [FIELD=VALUE]... or psw HHHHHHHH HHHHHHHH */
static int cmd_psw(struct oc *c, char *args)
{
    struct cpu *cpu = &c->m->cpu;
    char *rest = args, *w = next_word(&rest);
    if (!w) {
        show_psw(c->m, c->out);
        return OPCONS_OK;
    }
    uint64_t hi, lo;
    if (!strchr(w, '=') && parse_hex_num(w, 0xFFFFFFFF, &hi)) {
        char *w2 = next_word(&rest);
        if (!w2 || *skip_space(rest) || !parse_hex_num(w2, 0xFFFFFFFF, &lo))
            return fail(c, "give the PSW as two words of hex: psw HHHHHHHH HHHHHHHH");
        uint8_t b[8], old[8];
        put32(b, (uint32_t)hi);
        put32(b + 4, (uint32_t)lo);
        psw_store(cpu, old, cpu->psw.intcode, cpu->psw.ilc);
        if (psw_load(cpu, b)) {
            psw_load(cpu, old);
            return fail(c, "invalid EC-mode PSW (bits 0, 2-4, 16-17, 24-39 must be zero); not loaded");
        }
        show_psw(c->m, c->out);
        return OPCONS_OK;
    }
    struct psw p = cpu->psw;
    for (; w; w = next_word(&rest)) {
        char *eq = strchr(w, '=');
        if (!eq || !eq[1])
            return fail(c, "give FIELD=VALUE (sm, key, cmwp, cc, pm, ia), not '%s'", w);
        *eq = 0;
        const char *f = w, *val = eq + 1;
        uint64_t v;
        if (!strcasecmp(f, "ia")) {
            uint32_t a;
            if (!parse_addr(c, val, &a))
                return OPCONS_ERROR;
            p.ia = a;
            continue;
        }
        static const struct { const char *name; uint64_t max; } fields[] = {
            {"sm", 0xFF}, {"key", 0xF}, {"cmwp", 0xF}, {"cc", 3}, {"pm", 0xF},
        };
        size_t i;
        for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
            if (!strcasecmp(f, fields[i].name))
                break;
        if (i == sizeof fields / sizeof fields[0])
            return fail(c, "unknown field '%s' (sm, key, cmwp, cc, pm, ia)", f);
        if (!parse_hex_num(val, fields[i].max, &v))
            return fail(c, "bad value %s=%s (hex, at most %llX)", f, val,
                        (unsigned long long)fields[i].max);
        switch (i) {
        case 0: p.sysmask = (uint8_t)v; break;
        case 1: p.key = (uint8_t)v; break;
        case 2:
            p.ec = (v & 8) != 0, p.mcheck = (v & 4) != 0;
            p.wait = (v & 2) != 0, p.problem = (v & 1) != 0;
            break;
        case 3: p.cc = (uint8_t)v; break;
        case 4: p.progmask = (uint8_t)v; break;
        }
    }
    if (p.ec && (p.sysmask & 0xB8))
        return fail(c, "sm=%02X: in EC mode PSW bits 0 and 2-4 must be zero; PSW not changed", p.sysmask);
    cpu->psw = p;
    cpu_psw_changed(cpu);
    show_psw(c->m, c->out);
    return OPCONS_OK;
}

/* --- breakpoints, symbols, disassembly ------------------------------------ */

static int one_addr(struct oc *c, char *args, uint32_t *a)
{
    char *rest = args, *w = next_word(&rest);
    if (!w || *skip_space(rest)) {
        fail(c, "give one address or symbol");
        return OPCONS_ERROR;
    }
    return parse_addr(c, w, a) ? OPCONS_OK : OPCONS_ERROR;
}

static int cmd_b(struct oc *c, char *args)
{
    uint32_t a;
    char sym[96];
    if (one_addr(c, args, &a))
        return OPCONS_ERROR;
    if (a & 1)
        return fail(c, "%06X is odd: instructions are at even addresses", a);
    if (debug_break_add(c->m, a))
        return fail(c, "too many breakpoints");
    fprintf(c->out, "breakpoint at %06X %s\n", a, debug_symbol(c->m, a, sym, sizeof sym));
    return OPCONS_OK;
}

static int cmd_nb(struct oc *c, char *args)
{
    uint32_t a;
    if (one_addr(c, args, &a))
        return OPCONS_ERROR;
    if (debug_break_del(c->m, a))
        return fail(c, "no breakpoint at %06X", a);
    fprintf(c->out, "breakpoint at %06X deleted\n", a);
    return OPCONS_OK;
}

static int cmd_bl(struct oc *c, char *args)
{
    uint32_t b[128];
    char sym[96];
    int n = debug_break_list(c->m, b, 128);
    if (!n)
        fprintf(c->out, "no breakpoints\n");
    for (int i = 0; i < n; i++)
        fprintf(c->out, "breakpoint at %06X %s\n", b[i], debug_symbol(c->m, b[i], sym, sizeof sym));
    return OPCONS_OK;
}

static int cmd_sym(struct oc *c, char *args)
{
    char *rest = args, *w = next_word(&rest);
    uint32_t a;
    char sym[96];
    if (!w || *skip_space(rest))
        return fail(c, "give one address or symbol name");
    if (!debug_lookup(c->m, w, &a)) {
        fprintf(c->out, "%s = %06X\n", w, a);
        return OPCONS_OK;
    }
    if (!parse_addr(c, w, &a))
        return OPCONS_ERROR;
    debug_symbol(c->m, a, sym, sizeof sym);
    if (!*sym)
        return fail(c, "no symbol at %06X", a);
    fprintf(c->out, "%06X = %s\n", a, sym);
    return OPCONS_OK;
}

/* Copy the instruction at `a` of a space into ib (6 bytes, zero padded);
   its length, or 0 with the reason in *err. */
static unsigned fetch_insn(struct machine *m, enum space sp, uint32_t a, uint8_t ib[6], const char **err)
{
    memset(ib, 0, 6);
    uint32_t abs;
    if ((*err = to_abs(m, sp, a, &abs)))
        return 0;
    ib[0] = m->mem[abs];
    unsigned len = insn_len(ib[0]);
    for (unsigned i = 1; i < len; i++) {
        if ((*err = to_abs(m, sp, a + i, &abs)))
            return 0;
        ib[i] = m->mem[abs];
    }
    return len;
}

/* u [ADDR [N]]: disassemble storage. */
static int cmd_u(struct oc *c, char *args)
{
    char *rest = args, *w = next_word(&rest), *wn = next_word(&rest);
    enum space sp = SP_REAL;
    uint32_t a = c->m->cpu.psw.ia;
    unsigned long n = 8;
    if (*skip_space(rest))
        return fail(c, "give u [ADDR [N]]");
    if (w && !parse_addr(c, w, &a))
        return OPCONS_ERROR;
    if (!w && c->m->cpu.dat)
        sp = SP_VIRT;
    if (wn && (!parse_dec(wn, DISASM_MAX, &n) || n == 0))
        return fail(c, "bad count '%s' (1 to %d)", wn, DISASM_MAX);
    for (unsigned long i = 0; i < n; i++) {
        uint8_t ib[6];
        const char *err;
        unsigned len = fetch_insn(c->m, sp, a, ib, &err);
        if (!len)
            return i ? (fprintf(c->out, "(stops: %s)\n", err), OPCONS_OK) : fail(c, "%s", err);
        debug_print_insn(c->m, c->out, a, ib, -1);
        a = (a + len) & AMASK24;
    }
    return OPCONS_OK;
}

/* --- running --------------------------------------------------------------- */

static int cmd_stop(struct oc *c, char *args)
{
    struct cpu *cpu = &c->m->cpu;
    if (cpu->stopped)
        return fail(c, "the CPU is already stopped");
    cpu->stopped = true;
    cpu->stop_reason = "operator stop";
    cpu_set_pending(cpu);
    return OPCONS_OK;
}

static int cmd_start(struct oc *c, char *args)
{
    if (!c->m->cpu.stopped)
        return fail(c, "the CPU is not stopped");
    debug_resume(c->m);
    return OPCONS_OK;
}

/* s [N]: execute N instructions, each shown as the trace shows it. */
static int cmd_s(struct oc *c, char *args)
{
    struct machine *m = c->m;
    char *rest = args, *w = next_word(&rest);
    unsigned long n = 1;
    if (w && (!parse_dec(w, STEP_MAX, &n) || n == 0 || *skip_space(rest)))
        return fail(c, "bad count '%s' (1 to %d)", w, STEP_MAX);
    if (!m->cpu.stopped)
        return fail(c, "stop the CPU first");
    FILE *trace = debug_trace_file(m);
    debug_set_trace(m, c->out);
    for (unsigned long i = 0; i < n; i++) {
        bool waiting = m->cpu.psw.wait;
        enum stop why = machine_step(m);
        if (why != STOP_NONE) {
            fprintf(c->out, "%s\n", m->stop_msg ? m->stop_msg : "the CPU cannot go on");
            break;
        }
        if (waiting && m->cpu.psw.wait) {
            fprintf(c->out, "the CPU is in the wait state\n");
            break;
        }
    }
    debug_set_trace(m, trace);
    show_psw(m, c->out);
    return OPCONS_OK;
}

static int cmd_t(struct oc *c, char *args, bool on)
{
    debug_set_trace(c->m, on ? c->out : NULL);
    fprintf(c->out, "trace %s\n", on ? "on" : "off");
    return OPCONS_OK;
}
static int cmd_tplus(struct oc *c, char *args) { return cmd_t(c, args, true); }
static int cmd_tminus(struct oc *c, char *args) { return cmd_t(c, args, false); }

/* history [N] | history on N | history off */
static int cmd_history(struct oc *c, char *args)
{
    char *rest = args, *w = next_word(&rest), *w2 = next_word(&rest);
    unsigned long n = 1000000;
    if (*skip_space(rest))
        return fail(c, "give history [N], history on N or history off");
    if (w && !strcasecmp(w, "off") && !w2) {
        debug_set_history(c->m, 0);
        fprintf(c->out, "history off\n");
        return OPCONS_OK;
    }
    if (w && !strcasecmp(w, "on")) {
        if (!w2 || !parse_dec(w2, 1000000, &n) || n == 0)
            return fail(c, "give history on N (1 to 1000000 entries)");
        debug_set_history(c->m, (unsigned)n);
        fprintf(c->out, "history on, %lu entries\n", n);
        return OPCONS_OK;
    }
    if (w2 || (w && (!parse_dec(w, 1000000, &n) || n == 0)))
        return fail(c, "bad count '%s' (1 to 1000000)", w);
    if (debug_print_history(c->m, c->out, (unsigned)n))
        return fail(c, "no history is kept (history on N, or --history N)");
    return OPCONS_OK;
}

static int cmd_restart(struct oc *c, char *args)
{
    cpu_restart(&c->m->cpu);
    show_psw(c->m, c->out);
    return OPCONS_OK;
}

static int cmd_ext(struct oc *c, char *args)
{
    c->m->cpu.ext_pending |= EXT_KEY;
    cpu_set_pending(&c->m->cpu);
    fprintf(c->out, "interrupt key: external interruption pending\n");
    return OPCONS_OK;
}

static int cmd_ipl(struct oc *c, char *args)
{
    char *rest = args, *w = next_word(&rest);
    uint64_t cuu;
    const char *err;
    if (!w || *skip_space(rest) || !parse_hex_num(w, 0xFFF, &cuu))
        return fail(c, "give a device address 000-FFF");
    if (chan_ipl(c->m, (uint16_t)cuu, &err))
        return fail(c, "%03X: %s", (unsigned)cuu, err);
    c->m->cpu.stopped = false;
    fprintf(c->out, "IPL from %03X complete\n", (unsigned)cuu);
    show_psw(c->m, c->out);
    return OPCONS_OK;
}

static int cmd_devlist(struct oc *c, char *args)
{
    int n = 0;
    for (int i = 0; i < MAX_DEVADDR; i++) {
        struct device *d = c->m->chan.dev[i];
        if (!d)
            continue;
        const struct dev_chan *ch = &d->ch;
        const struct dasd_unit *u = dasd_unit(d);
        fprintf(c->out, "%03X %-6s %s%s\n", d->addr, d->ops->type,
                ch->suspended ? "busy, waiting for the device" : ch->busy ? "busy"
                : ch->status_pending ? "status pending" : "idle",
                u && !u->vol ? ", not ready" : "");
        n++;
    }
    if (!n)
        fprintf(c->out, "no devices\n");
    return OPCONS_OK;
}

/* The 3420 at the address in the next word of *rest, or NULL after a
   message. */
static struct device *tape_at(struct oc *c, char **rest)
{
    char *w = next_word(rest);
    uint64_t cuu;
    if (!w || !parse_hex_num(w, 0xFFF, &cuu)) {
        fail(c, "give a device address 000-FFF");
        return NULL;
    }
    struct device *d = c->m->chan.dev[cuu];
    if (!d || strcmp(d->ops->type, "3420")) {
        fail(c, "%03X is not a tape drive", (unsigned)cuu);
        return NULL;
    }
    return d;
}

static int cmd_mount(struct oc *c, char *args)
{
    char *rest = args;
    struct device *d = tape_at(c, &rest);
    if (!d)
        return OPCONS_ERROR;
    char *file = next_word(&rest);
    if (!file || *skip_space(rest))
        return fail(c, "give CUU FILE[,ro][,eot=SIZE]");
    char err[240];
    if (tape_mount(d, file, err, sizeof err))
        return fail(c, "%s: %s", file, err);
    fprintf(c->out, "%03X: %s mounted%s\n", d->addr, file, strstr(file, ",ro") ? " file protected" : "");
    return OPCONS_OK;
}

static int cmd_unload(struct oc *c, char *args)
{
    char *rest = args;
    struct device *d = tape_at(c, &rest);
    if (!d)
        return OPCONS_ERROR;
    if (*skip_space(rest))
        return fail(c, "give CUU");
    tape_unload(d);
    fprintf(c->out, "%03X: unloaded\n", d->addr);
    return OPCONS_OK;
}

/* devinit CUU: a DASD that is not ready tries its volume file now. */
static int cmd_devinit(struct oc *c, char *args)
{
    char *rest = args, *w = next_word(&rest);
    uint64_t cuu;
    if (!w || *skip_space(rest) || !parse_hex_num(w, 0xFFF, &cuu))
        return fail(c, "give a device address 000-FFF");
    struct device *d = c->m->chan.dev[cuu];
    if (!d || !dasd_unit(d))
        return fail(c, "%03X is not a DASD", (unsigned)cuu);
    if (d->ch.busy)
        return fail(c, "%03X is busy", (unsigned)cuu);
    char msg[400];
    if (dasd_devinit(d, msg, sizeof msg))
        return fail(c, "%03X %s", d->addr, msg);
    fprintf(c->out, "%03X %s\n", d->addr, msg);
    return OPCONS_OK;
}

static int cmd_quit(struct oc *c, char *args) { return OPCONS_QUIT; }
static int cmd_help(struct oc *c, char *args);

/* The command table: `help` prints it. */
static const struct command {
    const char *name;
    int (*fn)(struct oc *c, char *args);
    const char *synopsis;
    const char *what;
} commands[] = {
    {"r", cmd_r, "r RANGE | r ADDR=HEX", "display / alter real storage"},
    {"a", cmd_a, "a RANGE | a ADDR=HEX", "display / alter absolute storage"},
    {"v", cmd_v, "v RANGE | v ADDR=HEX", "display / alter virtual storage (DAT, CR0, CR1)"},
    {"gpr", cmd_gpr, "gpr [N=HEX]", "general registers"},
    {"cr", cmd_cr, "cr [N=HEX]", "control registers"},
    {"fpr", cmd_fpr, "fpr [N=HEX | fpc=HEX]", "floating-point registers and FPC"},
    {"psw", cmd_psw, "psw [sm=|key=|cmwp=|cc=|pm=|ia=V]...", "PSW (or psw HHHHHHHH HHHHHHHH)"},
    {"key", cmd_key, "key ADDR[=HEX]", "storage key of a real address"},
    {"b", cmd_b, "b ADDR", "set a breakpoint"},
    {"nb", cmd_nb, "nb ADDR", "delete a breakpoint"},
    {"bl", cmd_bl, "bl", "list breakpoints"},
    {"stop", cmd_stop, "stop", "stop the CPU"},
    {"start", cmd_start, "start", "start the CPU"},
    {"s", cmd_s, "s [N]", "single-step N instructions (decimal, 1)"},
    {"t+", cmd_tplus, "t+", "instruction trace on"},
    {"t-", cmd_tminus, "t-", "instruction trace off"},
    {"history", cmd_history, "history [N | on N | off]", "history ring: show last N; set it"},
    {"u", cmd_u, "u [ADDR [N]]", "disassemble N instructions (8)"},
    {"sym", cmd_sym, "sym ADDR | NAME", "symbol lookup"},
    {"restart", cmd_restart, "restart", "restart interruption (starts the CPU)"},
    {"ext", cmd_ext, "ext", "interrupt key (external interruption)"},
    {"ipl", cmd_ipl, "ipl CUU", "IPL from a device (starts the CPU)"},
    {"devlist", cmd_devlist, "devlist", "devices and their state"},
    {"mount", cmd_mount, "mount CUU FILE[,ro]", "mount a tape image on a 3420"},
    {"unload", cmd_unload, "unload CUU", "unload a 3420's tape"},
    {"devinit", cmd_devinit, "devinit CUU", "a DASD not ready: open its file again now"},
    {"help", cmd_help, "help", "this list"},
    {"quit", cmd_quit, "quit", "end the simulator"},
};

void opcons_help(FILE *out)
{
    fprintf(out, "Operator commands (addresses hex or symbols; RANGE is ADDR, ADDR.LEN or ADDR-END):\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-38s %s\n", commands[i].synopsis, commands[i].what);
    fprintf(out, "  %-38s %s\n", ".TEXT", "TEXT as input to the 3215 console");
}

static int cmd_help(struct oc *c, char *args)
{
    opcons_help(c->out);
    return OPCONS_OK;
}

/* The console: the 3215 with the lowest address. */
static struct device *find_console(struct machine *m)
{
    for (int i = 0; i < MAX_DEVADDR; i++)
        if (m->chan.dev[i] && m->chan.dev[i]->ops->devtype == 0x3215)
            return m->chan.dev[i];
    return NULL;
}

int opcons_exec(struct machine *m, const char *line, FILE *out)
{
    char buf[LINE_MAX];
    struct oc c = {m, out, "opcons"};
    size_t len = strlen(line);
    if (len >= sizeof buf)
        return fail(&c, "line too long (at most %d characters)", LINE_MAX - 1);
    memcpy(buf, line, len + 1);
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = 0;
    if (buf[0] == '.') {
        struct device *con = find_console(m);
        c.cmd = ".";
        if (!con)
            return fail(&c, "no 3215 console attached");
        if (con3215_feed(con, buf + 1))
            return fail(&c, "console input buffer full; line dropped");
        return OPCONS_OK;
    }
    char *rest = buf, *w = next_word(&rest);
    if (!w || *w == '#')
        return OPCONS_OK;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcasecmp(w, commands[i].name)) {
            c.cmd = commands[i].name;
            return commands[i].fn(&c, rest);
        }
    c.cmd = w;
    return fail(&c, "unknown command (help lists them)");
}
