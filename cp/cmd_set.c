/*
 * cmd_set.c - SET (MSG, WNG, EMSG, IMSG, RUN, TIMER, ECMODE, PFnn) and
 * TERMINAL (CHARDEL, LINEDEL, LINEND, ESCAPE, MODE), their QUERY lines
 * (QUERY SET, QUERY TERMINAL, QUERY PFnn), and the line editing the
 * TERMINAL characters ask for (logon.c applies it to what is typed).
 * Defaults and forms are VM/370's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "cmd.h"
#include "vm.h"

void vm_settings_init(struct vm_settings *s)
{
    memset(s, 0, sizeof *s);
    s->msg = s->wng = s->imsg = s->ecmode = true;
    s->emsg = EMSG_ON;
    s->timer = 1;
    s->chardel = '@';
    s->linedel = '[';           /* X'4A', the cent sign, on an ASCII keyboard */
    s->linend = '#';
    s->escape = '"';
}

static int on_off(const char *w)
{
    return !strcmp(w, "ON") ? 1 : !strcmp(w, "OFF") ? 0 : -1;
}

static const char *onoff(bool b) { return b ? "ON " : "OFF"; }

/* A PF key number from "PFnn" (1-24), or 0. */
static unsigned pfkey(const char *w)
{
    if (strncmp(w, "PF", 2) || !w[2] || strlen(w) > 4)
        return 0;
    char *end;
    unsigned long n = strtoul(w + 2, &end, 10);
    return *end || n < 1 || n > VM_PFKEYS ? 0 : (unsigned)n;
}

/* SET function value */
void cmd_set(struct vm *vm, struct cmd_args *a)
{
    if (!vm || a->argc < 2) {
        say(vm, "DMKCFS026E OPERAND MISSING OR INVALID");
        return;
    }
    struct vm_settings *s = &vm->set;
    const char *f = a->argv[1], *v = a->argc > 2 ? a->argv[2] : "";
    bool *flag = !strcmp(f, "MSG") ? &s->msg : !strcmp(f, "WNG") ? &s->wng :
                 !strcmp(f, "IMSG") ? &s->imsg : !strcmp(f, "RUN") ? &s->run :
                 !strcmp(f, "ECMODE") ? &s->ecmode : NULL;
    unsigned pf = pfkey(f);
    if (flag) {
        int b = on_off(v);
        if (b < 0) {
            say(vm, "DMKCFS026E OPERAND MISSING OR INVALID");
            return;
        }
        *flag = b;
        if (flag == &s->ecmode)                 /* as VM/370: the machine is reset */
            vm_reset(vm, false);
    } else if (!strcmp(f, "EMSG")) {
        int e = !strcmp(v, "ON") ? EMSG_ON : !strcmp(v, "OFF") ? EMSG_OFF :
                !strcmp(v, "CODE") ? EMSG_CODE : !strcmp(v, "TEXT") ? EMSG_TEXT : -1;
        if (e < 0) {
            say(vm, "DMKCFS026E OPERAND MISSING OR INVALID");
            return;
        }
        s->emsg = (uint8_t)e;
    } else if (!strcmp(f, "TIMER")) {
        int t = !strcmp(v, "ON") ? 1 : !strcmp(v, "OFF") ? 0 : !strcmp(v, "REAL") ? 2 : -1;
        if (t < 0) {
            say(vm, "DMKCFS026E OPERAND MISSING OR INVALID");
            return;
        }
        s->timer = (uint8_t)t;
    } else if (pf) {                            /* the rest of the line, as typed */
        const char *text = cmd_rest(a, 2);
        if (!strncmp(text, "IMMED ", 6) || !strcmp(text, "IMMED"))
            text += text[5] ? 6 : 5;
        snprintf(s->pf[pf - 1], VM_PFLEN, "%s", text);
    } else {
        say(vm, "DMKCFS003E INVALID OPTION - %s", f);
    }
}

/* A TERMINAL character: one character, or OFF; -1 if neither. */
static int term_char(const struct cmd_args *a, int i)
{
    const char *raw = cmd_rest(a, i);
    if (!strcmp(a->argv[i], "OFF"))
        return 0;
    return raw[0] && (!raw[1] || raw[1] == ' ') ? (unsigned char)raw[0] : -1;
}

/* TERMINAL function value */
void cmd_terminal(struct vm *vm, struct cmd_args *a)
{
    if (!vm || a->argc < 3) {
        say(vm, "DMKCFT026E OPERAND MISSING OR INVALID");
        return;
    }
    struct vm_settings *s = &vm->set;
    const char *f = a->argv[1];
    char *which = abbrev_of(f, "CHARDEL", 4) ? &s->chardel : abbrev_of(f, "LINEDEL", 4) ? &s->linedel :
                  abbrev_of(f, "LINEND", 4) ? &s->linend : abbrev_of(f, "ESCAPE", 3) ? &s->escape : NULL;
    if (which) {
        int c = term_char(a, 2);
        if (c < 0 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            say(vm, "DMKCFT026E OPERAND MISSING OR INVALID");
            return;
        }
        *which = (char)c;
    } else if (!strcmp(f, "MODE") && (!strcmp(a->argv[2], "VM") || !strcmp(a->argv[2], "CP"))) {
        s->mode_cp = !strcmp(a->argv[2], "CP");
    } else {
        say(vm, "DMKCFT003E INVALID OPTION - %s", f);
    }
}

static const char *ch(char c, char buf[4])
{
    if (!c)
        return "OFF";
    buf[0] = c;
    buf[1] = 0;
    return buf;
}

void cmd_query_set(struct vm *vm)
{
    const struct vm_settings *s = &vm->set;
    static const char *const emsg[] = {"OFF ", "ON  ", "CODE", "TEXT"};
    static const char *const timer[] = {"OFF ", "ON  ", "REAL"};
    say(vm, "MSG %s, WNG %s, EMSG %s, ACNT OFF, RUN %s", onoff(s->msg), onoff(s->wng),
        emsg[s->emsg], onoff(s->run));
    say(vm, "LINEDIT %s, TIMER %s, ISAM OFF, ECMODE %s", s->chardel || s->linedel ? "ON " : "OFF",
        timer[s->timer], onoff(s->ecmode));
    say(vm, "IMSG %s, SMSG OFF", onoff(s->imsg));
}

void cmd_query_terminal(struct vm *vm)
{
    const struct vm_settings *s = &vm->set;
    char b1[4], b2[4], b3[4], b4[4];
    say(vm, "LINEND %s, LINEDEL %s, CHARDEL %s, ESCAPE %s", ch(s->linend, b1),
        ch(s->linedel, b2), ch(s->chardel, b3), ch(s->escape, b4));
    say(vm, "LINESIZE 080, ATTN ON , APL OFF, TEXT OFF, MODE %s", s->mode_cp ? "CP" : "VM");
}

void cmd_query_pf(struct vm *vm, const char *w)
{
    unsigned pf = pfkey(w);
    for (unsigned k = pf ? pf : 1; k <= (pf ? pf : VM_PFKEYS); k++)
        if (pf || vm->set.pf[k - 1][0])
            say(vm, "PF%02u %s", k, vm->set.pf[k - 1][0] ? vm->set.pf[k - 1] : "UNDEFINED");
}

/*
 * Line editing (VM/370's): the escape character takes the next one as
 * it is; CHARDEL deletes the character before it, LINEDEL the logical
 * line so far; LINEND ends a logical line.  The logical lines go to
 * out[0..max) (each 0-terminated, at most len bytes); the number.
 */
unsigned cmd_line_edit(const struct vm_settings *s, const char *in, char out[][132], unsigned max)
{
    unsigned n = 0, k = 0;
    for (const char *p = in;; p++) {
        char c = *p;
        if (c && c == s->escape && p[1]) {
            c = *++p;
        } else if (c && c == s->chardel) {
            if (k)
                k--;
            continue;
        } else if (c && c == s->linedel) {
            k = 0;
            continue;
        } else if (!c || c == s->linend) {
            if (n < max) {
                out[n][k] = 0;
                n++;
            }
            k = 0;
            if (!c)
                break;
            continue;
        }
        if (n < max && k < 131)
            out[n][k++] = c;
    }
    return n;
}
