/*
 * cmd_display.c - DISPLAY and STORE of the virtual machine: storage in
 * hex (with the storage key, access and fetch bits, of each line), general registers,
 * control registers, the PSW; STORE into storage and registers.
 *
 *   DISPLAY hexloc[.len|-end]  Gn[-m]  G  Cn  C  PSW
 *   STORE hexloc word...  Gn word...  PSW word word
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "cmd.h"
#include "vm.h"

/* A hex number, the whole word; -1 if not one or above max. */
static long long hex(const char *s, unsigned long long max)
{
    if (!*s)
        return -1;
    unsigned long long v = 0;
    for (; *s; s++) {
        int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'A' && *s <= 'F' ? *s - 'A' + 10 : -1;
        if (d < 0 || v > max / 16)
            return -1;
        v = v * 16 + (unsigned long long)d;
    }
    return v > max ? -1 : (long long)v;
}

static void regs(struct vm *vm, const uint32_t *r, char kind, int from, int to)
{
    for (int i = from; i <= to; i += 4) {
        char line[80];
        size_t n = (size_t)snprintf(line, sizeof line, "%cPR %2d =", kind, i);
        for (int k = i; k < i + 4 && k <= to; k++)
            n += (size_t)snprintf(line + n, sizeof line - n, " %08X", (unsigned)r[k]);
        say(vm, "%s", line);
    }
}

static void storage(struct vm *vm, uint32_t from, uint32_t len)
{
    if (from >= vm->size) {
        say(vm, "DMKCDS160E HEXLOC %06X EXCEEDS STORAGE", (unsigned)from);
        return;
    }
    if (len > vm->size - from)
        len = vm->size - from;
    from &= ~3u;
    for (uint32_t a = from; a < from + len; a += 16) {
        uint8_t b[16];
        uint32_t n = from + len - a < 16 ? (from + len - a + 3) & ~3u : 16;
        if (n > vm->size - a)
            n = vm->size - a;
        vmstore_read(vm, a, b, n);
        char line[80];
        size_t k = (size_t)snprintf(line, sizeof line, "%06X  ", (unsigned)a);
        for (uint32_t i = 0; i < n; i += 4)
            k += (size_t)snprintf(line + k, sizeof line - k, "%02X%02X%02X%02X ", b[i], b[i + 1],
                                  b[i + 2], b[i + 3]);
        snprintf(line + k, sizeof line - k, " KEY %02X", vmstore_get_key(vm, a) & 0xF8);
        say(vm, "%s", line);
    }
}

void cmd_display(struct vm *vm, struct cmd_args *a)
{
    const char *w = a->argc > 1 ? a->argv[1] : "";
    if (!strcmp(w, "PSW")) {
        say(vm, "PSW = %08X %08X", (unsigned)get32(vm->psw), (unsigned)get32(vm->psw + 4));
    } else if (w[0] == 'G' || w[0] == 'C') {
        const uint32_t *r = w[0] == 'G' ? vm->gpr : vm->cr;
        long from = 0, to = 15;
        if (w[1]) {
            char *dash = strchr(w + 1, '-');
            from = strtol(w + 1, NULL, 10);
            to = dash ? strtol(dash + 1, NULL, 10) : from;
        }
        if (from < 0 || to > 15 || from > to)
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
        else
            regs(vm, r, w[0], (int)from, (int)to);
    } else {
        char loc[16];
        snprintf(loc, sizeof loc, "%s", w[0] == 'L' ? w + 1 : w);
        char *dot = strchr(loc, '.'), *dash = strchr(loc, '-');
        if (dot)
            *dot = 0;
        if (dash)
            *dash = 0;
        long long start = hex(loc, 0xFFFFFF);
        long long len = dot ? hex(dot + 1, 0xFFFFFF) : dash ? hex(dash + 1, 0xFFFFFF) - start + 1 : 4;
        if (start < 0 || len <= 0)
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
        else
            storage(vm, (uint32_t)start, (uint32_t)len);
    }
}

void cmd_store(struct vm *vm, struct cmd_args *a)
{
    if (a->argc < 3) {
        say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
        return;
    }
    const char *w = a->argv[1];
    uint32_t vals[MAXARGS];
    int n = 0;
    for (int i = 2; i < a->argc; i++) {
        long long v = hex(a->argv[i], 0xFFFFFFFF);
        if (v < 0) {
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
            return;
        }
        vals[n++] = (uint32_t)v;
    }
    if (!strcmp(w, "PSW")) {
        if (n != 2) {
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
            return;
        }
        put32(vm->psw, vals[0]);
        put32(vm->psw + 4, vals[1]);
    } else if (w[0] == 'G') {
        long r = strtol(w + 1, NULL, 10);
        if (r < 0 || r + n > 16) {
            say(vm, "DMKCDS026E OPERAND MISSING OR INVALID");
            return;
        }
        for (int i = 0; i < n; i++)
            vm->gpr[r + i] = vals[i];
    } else {
        long long at = hex(w[0] == 'L' ? w + 1 : w, 0xFFFFFF);
        if (at < 0 || (at & 3) || (uint32_t)at + 4u * (uint32_t)n > vm->size) {
            say(vm, "DMKCDS160E HEXLOC %s EXCEEDS STORAGE OR IS NOT ON A FULLWORD", w);
            return;
        }
        for (int i = 0; i < n; i++) {
            uint8_t b[4];
            put32(b, vals[i]);
            vmstore_write(vm, (uint32_t)at + 4u * (uint32_t)i, b, 4);
        }
    }
    say(vm, "STORE COMPLETE");
}
