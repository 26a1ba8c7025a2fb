/*
 * cmd_display.c - DISPLAY and STORE of the virtual machine, with VM/370's
 * operands: storage in hex (each line with the storage key of its
 * block), with its EBCDIC translation, or the storage keys alone; the
 * general, floating-point and control registers; the PSW, CAW and CSW.
 *
 *   DISPLAY [L|T|K]hexloc[-end|:end|.len]   (the letter alone: all storage)
 *           Gn[-m|.count]  Yn[-m]  Xn[-m] (or Cn)  PSW  CAW  CSW
 *   STORE   [L]hexloc word...  Shexloc hexbytes  Gn word...  Yn dword...
 *           Xn word... (or Cn)  PSW [word] word  CAW word  CSW word word
 *
 * A location not on a fullword is rounded down (DISPLAY) or refused
 * (STORE); keys are of 2K blocks, their reference and change bits shown
 * by K.  With SET ECMODE OFF the machine has control register 0 alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "cmd.h"
#include "ebcdic.h"
#include "vm.h"

#define LOC_CAW 0x48
#define LOC_CSW 0x40

/* A hex number, the whole word, into *v; false if not one or above max. */
static bool hexval(const char *s, uint64_t max, uint64_t *v)
{
    *v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'A' && *s <= 'F' ? *s - 'A' + 10 : -1;
        if (d < 0 || *v > max / 16)
            return false;
        *v = *v * 16 + (uint64_t)d;
    }
    return *v <= max;
}

/* A hex number up to max, or -1. */
static long long hex(const char *s, uint64_t max)
{
    uint64_t v;
    return hexval(s, max, &v) ? (long long)v : -1;
}

/* A register number: decimal 0-15 or one hex digit; -1 if neither. */
static int regno(const char *s, size_t n)
{
    char b[4];
    if (n == 0 || n > 2)
        return -1;
    memcpy(b, s, n);
    b[n] = 0;
    if (n == 1 && b[0] >= 'A' && b[0] <= 'F')
        return b[0] - 'A' + 10;
    char *end;
    long r = strtol(b, &end, 10);
    return *end || r < 0 || r > 15 ? -1 : (int)r;
}

/* Registers n[-m|:m|.count] (empty: 0-15) into *from, *to; false if bad. */
static bool reg_range(const char *s, int *from, int *to)
{
    *from = 0;
    *to = 15;
    if (!*s)
        return true;
    size_t n = strcspn(s, "-:.");
    *from = regno(s, n);
    if (*from < 0)
        return false;
    if (!s[n]) {
        *to = *from;
        return true;
    }
    const char *t = s + n + 1;
    int v = regno(t, strlen(t));
    if (v < 0)
        return false;
    *to = s[n] == '.' ? *from + v - 1 : v;
    return v > 0 && *to >= *from && *to <= 15;
}

/* Storage hexloc[-end|:end|.len] into *from, *len (empty: all of it; a
   location alone: a word); false if bad. */
static bool loc_range(struct vm *vm, const char *s, uint32_t *from, uint32_t *len)
{
    if (!*s) {
        *from = 0;
        *len = vm->size;
        return true;
    }
    char loc[24];
    snprintf(loc, sizeof loc, "%s", s);
    char *sep = loc + strcspn(loc, "-:.");
    char kind = *sep;
    *sep = 0;
    long long start = loc[0] ? hex(loc, 0xFFFFFF) : 0;
    if (start < 0)
        return false;
    long long l = 4;
    if (kind == '.') {
        l = hex(sep + 1, 0xFFFFFF);
    } else if (kind) {
        long long end = sep[1] ? hex(sep + 1, 0xFFFFFF) : (long long)vm->size - 1;
        l = end < 0 ? -1 : end - start + 1;
    }
    if (l <= 0)
        return false;
    *from = (uint32_t)start;
    *len = (uint32_t)l;
    return true;
}

static void regs(struct vm *vm, const uint32_t *r, const char *name, int from, int to)
{
    for (int i = from; i <= to; i += 4) {
        char line[80];
        size_t n = (size_t)snprintf(line, sizeof line, "%s %2d =", name, i);
        for (int k = i; k < i + 4 && k <= to; k++)
            n += (size_t)snprintf(line + n, sizeof line - n, " %08X", (unsigned)r[k]);
        say(vm, "%s", line);
    }
}

/* The floating-point registers 0, 2, 4, 6 from..to (rounded to even). */
static void fprs(struct vm *vm, int from, int to)
{
    vm_fp_sync(vm);
    for (int i = from & ~1; i <= to && i <= 6; i += 2)
        say(vm, "FPR %d = %08X %08X", i, (unsigned)(vm->fpr[i] >> 32), (unsigned)vm->fpr[i]);
}

static bool in_storage(struct vm *vm, uint32_t from)
{
    if (from < vm->size)
        return true;
    say(vm, "DMKCDS160E HEXLOC %06X EXCEEDS STORAGE", (unsigned)from);
    return false;
}

/* Storage in hex, 16 bytes a line with the key of their block; with
   text, their EBCDIC as characters too. */
static void storage(struct vm *vm, uint32_t from, uint32_t len, bool text)
{
    if (!in_storage(vm, from))
        return;
    if (len > vm->size - from)
        len = vm->size - from;
    uint32_t end = from + len;
    from &= ~3u;
    for (uint32_t a = from; a < end; a += 16) {
        uint8_t b[16];
        uint32_t n = end - a < 16 ? (end - a + 3) & ~3u : 16;
        if (n > vm->size - a)
            n = vm->size - a;
        vmstore_read(vm, a, b, n);
        char line[100];
        size_t k = (size_t)snprintf(line, sizeof line, "%06X  ", (unsigned)a);
        for (uint32_t i = 0; i < n; i += 4)
            k += (size_t)snprintf(line + k, sizeof line - k, "%02X%02X%02X%02X ", b[i], b[i + 1],
                                  b[i + 2], b[i + 3]);
        k += (size_t)snprintf(line + k, sizeof line - k, " KEY %02X", vmstore_get_key(vm, a) & 0xF8);
        if (text) {
            k += (size_t)snprintf(line + k, sizeof line - k, "  *");
            for (uint32_t i = 0; i < n && k + 2 < sizeof line; i++) {
                unsigned char c = ebcdic_to_ascii[b[i]];
                line[k++] = c >= 0x20 && c < 0x7F ? (char)c : '.';
            }
            snprintf(line + k, sizeof line - k, "*");
        }
        say(vm, "%s", line);
    }
}

/* The storage keys of the 2K blocks from..from+len, eight a line. */
static void keys(struct vm *vm, uint32_t from, uint32_t len)
{
    if (!in_storage(vm, from))
        return;
    if (len > vm->size - from)
        len = vm->size - from;
    uint32_t end = from + len;
    for (uint32_t a = from & ~0x7FFu; a < end;) {
        char line[80];
        size_t k = (size_t)snprintf(line, sizeof line, "%06X ", (unsigned)a);
        for (int i = 0; i < 8 && a < end; i++, a += 0x800)
            k += (size_t)snprintf(line + k, sizeof line - k, " %02X", vmstore_get_key(vm, a) & 0xFE);
        say(vm, "%s", line);
    }
}

static void word_at(struct vm *vm, const char *name, uint32_t at, unsigned words)
{
    uint8_t b[8];
    vmstore_read(vm, at, b, 4 * words);
    if (words == 1)
        say(vm, "%s = %08X", name, (unsigned)get32(b));
    else
        say(vm, "%s = %08X %08X", name, (unsigned)get32(b), (unsigned)get32(b + 4));
}

void cmd_display(struct vm *vm, struct cmd_args *a)
{
    const char *w = a->argc > 1 ? a->argv[1] : "";
    int from, to;
    uint32_t at, len;
    if (!strcmp(w, "PSW")) {
        say(vm, "PSW = %08X %08X", (unsigned)get32(vm->psw), (unsigned)get32(vm->psw + 4));
    } else if (!strcmp(w, "CAW")) {
        word_at(vm, "CAW", LOC_CAW, 1);
    } else if (!strcmp(w, "CSW")) {
        word_at(vm, "CSW", LOC_CSW, 2);
    } else if (strchr("GXCY", w[0]) && w[0] && reg_range(w + 1, &from, &to)) {
        if (w[0] == 'G')
            regs(vm, vm->gpr, "GPR", from, to);
        else if (w[0] == 'Y' && from <= 6)
            fprs(vm, from, to);
        else if (w[0] == 'Y')
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
        else if (vm->set.ecmode)
            regs(vm, vm->cr, "CPR", from, to);
        else if (from == 0)
            regs(vm, vm->cr, "CPR", 0, 0);
        else
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
    } else if (w[0] == 'K' && loc_range(vm, w + 1, &at, &len)) {
        keys(vm, at, len);
    } else if ((w[0] == 'L' || w[0] == 'T') && loc_range(vm, w + 1, &at, &len)) {
        storage(vm, at, len, w[0] == 'T');
    } else if (w[0] && !strchr("GXCYKLT", w[0]) && loc_range(vm, w, &at, &len)) {
        storage(vm, at, len, false);
    } else {
        say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
    }
}

/* STORE Shexloc: bytes, two hex digits each, in one or more operands. */
static bool store_bytes(struct vm *vm, uint32_t at, struct cmd_args *a)
{
    uint8_t b[64];
    unsigned n = 0;
    for (int i = 2; i < a->argc; i++)
        for (const char *s = a->argv[i]; *s; s += 2) {
            char d[3] = {s[0], s[1], 0};
            long long v = hex(d, 0xFF);
            if (v < 0 || !s[1] || n == sizeof b)
                return false;
            b[n++] = (uint8_t)v;
        }
    if (at + n > vm->size) {
        say(vm, "DMKCDS160E HEXLOC %06X EXCEEDS STORAGE", (unsigned)at);
        return true;
    }
    vmstore_write(vm, at, b, n);
    say(vm, "STORE COMPLETE");
    return true;
}

void cmd_store(struct vm *vm, struct cmd_args *a)
{
    if (a->argc < 3) {
        say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
        return;
    }
    const char *w = a->argv[1];
    if (w[0] == 'S') {
        long long at = hex(w + 1, 0xFFFFFF);
        if (at < 0 || !store_bytes(vm, (uint32_t)at, a))
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
        return;
    }
    uint64_t vals[MAXARGS];
    int n = 0;
    for (int i = 2; i < a->argc; i++)
        if (!hexval(a->argv[i], w[0] == 'Y' ? ~0ull : 0xFFFFFFFF, &vals[n++])) {
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
            return;
        }
    int r = strchr("GXCY", w[0]) && w[0] ? regno(w + 1, strlen(w + 1)) : -1;
    uint8_t b[8];
    if (!strcmp(w, "PSW")) {                    /* one word: the second */
        if (n > 2) {
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
            return;
        }
        if (n == 2)
            put32(vm->psw, (uint32_t)vals[0]);
        put32(vm->psw + 4, (uint32_t)vals[n - 1]);
    } else if (!strcmp(w, "CAW") || !strcmp(w, "CSW")) {
        unsigned words = w[1] == 'A' ? 1 : 2;
        if ((unsigned)n != words) {
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
            return;
        }
        put32(b, (uint32_t)vals[0]);
        put32(b + 4, (uint32_t)vals[words - 1]);
        vmstore_write(vm, words == 1 ? LOC_CAW : LOC_CSW, b, 4 * words);
    } else if (r >= 0) {
        bool fp = w[0] == 'Y', cr = w[0] == 'X' || w[0] == 'C';
        int last = fp ? r + 2 * (n - 1) : r + n - 1;
        if (last > (fp ? 6 : cr && !vm->set.ecmode ? 0 : 15) || (fp && (r & 1))) {
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
            return;
        }
        if (fp)
            vm_fp_release(vm);
        for (int i = 0; i < n; i++) {
            if (fp)
                vm->fpr[r + 2 * i] = vals[i];
            else if (cr)
                vm->cr[r + i] = (uint32_t)vals[i];
            else
                vm->gpr[r + i] = (uint32_t)vals[i];
        }
        if (cr)
            shadow_purge(vm);                   /* a new translation format or table, maybe */
    } else {
        long long at = hex(w[0] == 'L' ? w + 1 : w, 0xFFFFFF);
        if (at < 0 || (at & 3) || (uint32_t)at + 4u * (uint32_t)n > vm->size) {
            say(vm, "DMKCDS160E HEXLOC %s EXCEEDS STORAGE OR IS NOT ON A FULLWORD", w);
            return;
        }
        for (int i = 0; i < n; i++) {
            put32(b, (uint32_t)vals[i]);
            vmstore_write(vm, (uint32_t)at + 4u * (uint32_t)i, b, 4);
        }
    }
    say(vm, "STORE COMPLETE");
}
