/*
 * exec.c - the CMS EXEC interpreter (exec.h): VM/370's first EXEC
 * language, as its CMS Command and Macro Reference describes it.
 *
 * A line is split at blanks into tokens of at most 8 characters (the
 * rest of a longer word is lost, as in CMS).  Scanning substitutes each
 * token that holds an "&": the part from the "&" on names a variable
 * and is replaced by its value, so that ".&1" is "." and the first
 * argument; a token that is only a variable whose value is null
 * disappears, and &* and &$ become every argument.  Control words and
 * the built-in functions are never substituted.
 *
 * Each line is one of: a comment ("*" first), a label ("-name", then
 * maybe a statement), a control statement (its first token a control
 * word), an assignment ("&name = ..."), or a command: its scanned
 * tokens joined with single blanks go to io.command, its return code
 * becomes &RETCODE, and a nonzero one runs the &ERROR statement.
 * &CONTROL says what is displayed: CMS (the default) each command and a
 * nonzero return code as "+++ R(nnnnn) +++", ALL the control
 * statements (scanned) as well, ERROR only a command that failed, OFF
 * nothing.
 *
 * Loops: a stack of the &LOOPs in progress, each with the lines of its
 * body; when the next line is the one after a body, a pass ends; a
 * line outside a body ends that loop (a &GOTO out of it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"

typedef char token[EXEC_TOKEN + 1];

struct exec_var {
    token name, value;
};

/* A &LOOP in progress: lines first..last (indexes) again while count
   passes remain or until the condition a op b holds. */
struct exec_loop {
    size_t first, last;
    long count;
    bool cond;
    token a, op, b;             /* raw: scanned at every pass */
};

enum control { CTL_OFF, CTL_ERROR, CTL_CMS, CTL_ALL };

struct exec {
    struct exec_io io;
    token fn;
    int argc;
    token argv[EXEC_MAX_ARGS];
    bool too_many;              /* more arguments than EXEC_MAX_ARGS */
    struct exec_var *var;
    size_t nvar, capvar;
    char *const *line;
    size_t n;
    size_t pc;                  /* the next line's index */
    size_t cur;                 /* the current line's number (1-based; 0 before) */
    enum control control;
    bool time;
    int retcode;
    token erract[EXEC_MAX_TOKENS];  /* the &ERROR statement, raw */
    int nerract;
    bool in_erract;
    struct exec_loop loop[EXEC_MAX_LOOPS];
    int nloop;
    bool done;
    int rc;
};

/* A line's tokens: raw, or scanned (src[i]: the raw token it came from). */
struct toks {
    int n;
    token t[EXEC_MAX_TOKENS];
    int src[EXEC_MAX_TOKENS];
};

static const struct {
    int rc;
    const char *text;
} errors[] = {
#define X(name, rc, text) {rc, text},
    EXEC_ERRORS(X)
#undef X
};

static void statement(struct exec *x, const struct toks *raw, int i, bool echo);

/* The statements' handlers keep their tokens in their own frames: not
   inlined, so that nesting (EXEC in EXEC, &IF in &IF) costs only the
   frames it uses (the CMS stack is CMS_STACK_SIZE). */
#define HANDLER static __attribute__((noinline)) void

/* ---- small things -------------------------------------------------------------- */

static void say(struct exec *x, const char *line) { x->io.say(x->io.ctx, line); }

static void upper(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

static void put(token t, const char *s)
{
    snprintf(t, sizeof(token), "%.*s", EXEC_TOKEN, s);
}

int exec_fail(const struct exec_io *io, const char *fn, size_t line, enum exec_error e)
{
    char m[128];
    snprintf(m, sizeof m, "DMSEXT072E ERROR IN EXEC FILE %s, LINE %u - %s", fn, (unsigned)line,
             errors[e].text);
    io->say(io->ctx, m);
    return errors[e].rc;
}

static void fail(struct exec *x, enum exec_error e)
{
    if (x->done)
        return;
    x->rc = exec_fail(&x->io, x->fn, x->cur, e);
    x->done = true;
}

/* A number: optional sign, digits, at most 8 characters. */
static bool number(const char *s, long *v)
{
    const char *p = s + (*s == '+' || *s == '-');
    if (!*p)
        return false;
    for (const char *q = p; *q; q++)
        if (*q < '0' || *q > '9')
            return false;
    *v = strtol(s, NULL, 10);
    return true;
}

static void split(const char *line, struct toks *t)
{
    t->n = 0;
    while (*line && t->n < EXEC_MAX_TOKENS) {
        while (*line == ' ')
            line++;
        if (!*line)
            break;
        size_t len = strcspn(line, " ");
        snprintf(t->t[t->n], sizeof(token), "%.*s", (int)(len < EXEC_TOKEN ? len : EXEC_TOKEN), line);
        t->src[t->n] = t->n;
        t->n++;
        line += len;
    }
}

static void join(const struct toks *t, int from, char *out, size_t cap)
{
    size_t m = 0;
    out[0] = 0;
    for (int i = from; i < t->n && m < cap; i++)
        m += (size_t)snprintf(out + m, cap - m, "%s%s", i > from ? " " : "", t->t[i]);
}

/* ---- words and variables --------------------------------------------------------- */

static const char *const control_words[] = {
    "&ARGS", "&BEGTYPE", "&CONTINUE", "&CONTROL", "&END", "&ERROR", "&EXIT", "&GOTO", "&IF",
    "&LOOP", "&READ", "&SKIP", "&SPACE", "&TYPE",
};
static const char *const functions[] = {"&CONCAT", "&DATATYPE", "&LENGTH", "&LITERAL", "&SUBSTR"};

/* Which word of list w is (as a token: "&CONTINUE" is "&CONTINU"), or -1. */
static int find_word(const char *w, const char *const *list, size_t n)
{
    token u, l;
    put(u, w);
    upper(u);
    for (size_t i = 0; i < n; i++) {
        put(l, list[i]);
        if (!strcmp(u, l))
            return (int)i;
    }
    return -1;
}
#define IS_CONTROL(w) (find_word(w, control_words, sizeof control_words / sizeof *control_words) >= 0)
#define IS_FUNCTION(w) (find_word(w, functions, sizeof functions / sizeof *functions) >= 0)

static struct exec_var *lookup(struct exec *x, const char *name)
{
    for (size_t i = 0; i < x->nvar; i++)
        if (!strcmp(x->var[i].name, name))
            return &x->var[i];
    return NULL;
}

/* The value of variable name ("&..." upper case) into v ("" if null). */
static void value(struct exec *x, const char *name, token v)
{
    long k;
    v[0] = 0;
    if (number(name + 1, &k) && name[1] != '+' && name[1] != '-') {
        if (k == 0)
            put(v, x->fn);
        else if (k <= x->argc)
            put(v, x->argv[k - 1]);
    } else if (!strcmp(name, "&INDEX")) {
        snprintf(v, sizeof(token), "%d", x->argc);
    } else if (!strcmp(name, "&RETCODE")) {
        snprintf(v, sizeof(token), "%d", x->retcode);
    } else if (!strcmp(name, "&LINENUM")) {
        snprintf(v, sizeof(token), "%u", (unsigned)x->cur);
    } else if (!strcmp(name, "&READFLAG")) {
        put(v, "CONSOLE");
    } else if (!strcmp(name, "&TYPEFLAG")) {
        put(v, "RT");
    } else {
        struct exec_var *var = lookup(x, name);
        if (var)
            put(v, var->value);
    }
}

static void set(struct exec *x, const char *rawname, const char *v)
{
    token name;
    put(name, rawname);
    upper(name);
    long k;
    if (number(name + 1, &k) && k >= 1 && k <= EXEC_MAX_ARGS) {     /* &1 = ... */
        while (x->argc < k)
            x->argv[x->argc++][0] = 0;
        put(x->argv[k - 1], v);
        return;
    }
    struct exec_var *var = lookup(x, name);
    if (!var) {
        if (x->nvar == x->capvar) {
            size_t cap = x->capvar ? 2 * x->capvar : 16;
            struct exec_var *nv = realloc(x->var, cap * sizeof *nv);
            if (!nv) {
                fail(x, EXEC_E_STORAGE);
                return;
            }
            x->var = nv;
            x->capvar = cap;
        }
        var = &x->var[x->nvar++];
        put(var->name, name);
    }
    put(var->value, v);
}

/* Scan raw tokens from..n-1 into out: variables substituted. */
static void scan(struct exec *x, const struct toks *raw, int from, struct toks *out)
{
    out->n = 0;
    for (int i = from; i < raw->n && out->n < EXEC_MAX_TOKENS; i++) {
        const char *t = raw->t[i];
        const char *amp = strchr(t, '&');
        if (!amp || (amp == t && (IS_CONTROL(t) || IS_FUNCTION(t)))) {
            put(out->t[out->n], t);
            out->src[out->n++] = i;
            continue;
        }
        token name;
        put(name, amp);
        upper(name);
        if (amp == t && (!strcmp(name, "&*") || !strcmp(name, "&$"))) {
            for (int a = 0; a < x->argc && out->n < EXEC_MAX_TOKENS; a++) {
                if (!x->argv[a][0])
                    continue;
                put(out->t[out->n], x->argv[a]);
                out->src[out->n++] = i;
            }
            continue;
        }
        token v;
        value(x, name, v);
        if (amp == t && !v[0])
            continue;                               /* a null token */
        char cat[2 * sizeof(token)];
        snprintf(cat, sizeof cat, "%.*s%s", (int)(amp - t), t, v);
        put(out->t[out->n], cat);
        out->src[out->n++] = i;
    }
}

/* ---- conditions ------------------------------------------------------------------ */

/* a op b: 1 true, 0 false, -1 op is not an operator. */
static int compare(const char *a, const char *op, const char *b)
{
    static const struct {
        const char *op;
        int lt, eq, gt;
    } ops[] = {
        {"EQ", 0, 1, 0}, {"=", 0, 1, 0},  {"NE", 1, 0, 1}, {"\xAC=", 1, 0, 1}, {"^=", 1, 0, 1},
        {"<>", 1, 0, 1}, {"LT", 1, 0, 0}, {"<", 1, 0, 0},  {"LE", 1, 1, 0},    {"<=", 1, 1, 0},
        {"GT", 0, 0, 1}, {">", 0, 0, 1},  {"GE", 0, 1, 1}, {">=", 0, 1, 1},
    };
    token u;
    put(u, op);
    upper(u);
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (strcmp(u, ops[i].op))
            continue;
        long va, vb;
        int c = number(a, &va) && number(b, &vb) ? (va > vb) - (va < vb) : strcmp(a, b);
        return c < 0 ? ops[i].lt : c == 0 ? ops[i].eq : ops[i].gt;
    }
    return -1;
}

/* ---- the statements -------------------------------------------------------------- */

/* &CONTROL ALL: a statement shown scanned: word, then raw from i on. */
HANDLER show(struct exec *x, const char *word, const struct toks *raw, int i)
{
    struct toks s;
    char l[EXEC_MAX_TOKENS * (EXEC_TOKEN + 1) + 16], shown[sizeof l + 16];
    scan(x, raw, i, &s);
    join(&s, 0, l, sizeof l);
    snprintf(shown, sizeof shown, "%s%s%s", word, s.n ? " " : "", l);
    say(x, shown);
}

/* The &ERROR statement, after a command that failed. */
HANDLER error_statement(struct exec *x)
{
    struct toks a;
    a.n = x->nerract;
    for (int i = 0; i < a.n; i++) {
        put(a.t[i], x->erract[i]);
        a.src[i] = i;
    }
    x->in_erract = true;
    statement(x, &a, 0, false);
    x->in_erract = false;
}

/* A command: scanned, shown as &CONTROL says, run; &ERROR on failure. */
HANDLER command(struct exec *x, const struct toks *raw, int from)
{
    struct toks s;
    scan(x, raw, from, &s);
    if (!s.n)
        return;
    char line[EXEC_MAX_TOKENS * (EXEC_TOKEN + 1) + 16], shown[sizeof line + 16];
    join(&s, 0, line, sizeof line);
    char hhmmss[9] = "";
    if (x->time && x->io.time)
        x->io.time(x->io.ctx, hhmmss);
    snprintf(shown, sizeof shown, "%s%s%s", hhmmss, hhmmss[0] ? " " : "", line);
    if (x->control >= CTL_CMS)
        say(x, shown);
    int rc = x->io.command(x->io.ctx, line);
    x->retcode = rc;
    if (!rc)
        return;
    if (x->control == CTL_ERROR)
        say(x, shown);
    if (x->control != CTL_OFF) {
        char r[32];
        snprintf(r, sizeof r, "+++ R(%05d) +++", rc);
        say(x, r);
    }
    if (x->in_erract) {                     /* the &ERROR statement failed: the end */
        x->done = true;
        x->rc = rc;
    } else if (x->nerract) {
        error_statement(x);
    }
}

static bool count_of(struct exec *x, const char *s, long *v)
{
    if (!number(s, v)) {
        fail(x, EXEC_E_CONVERT);
        return false;
    }
    return true;
}

/* The line index of label (upper case, "-..."): after the current
   line, then from the top; -1 if none.  forward: after it only. */
static long find_label(struct exec *x, const char *label, bool forward)
{
    for (size_t k = 0; k < x->n; k++) {
        size_t i = (x->cur + k) % x->n;         /* cur is the next line's index */
        if (forward && i < x->cur)
            break;
        struct toks t;
        split(x->line[i], &t);
        if (t.n && t.t[0][0] == '-') {
            upper(t.t[0]);
            if (!strcmp(t.t[0], label))
                return (long)i;
        }
    }
    return -1;
}

HANDLER do_goto(struct exec *x, const struct toks *s)
{
    if (s->n < 1) {
        fail(x, EXEC_E_GOTO);
        return;
    }
    token t;
    put(t, s->t[0]);
    upper(t);
    long n;
    if (!strcmp(t, "TOP")) {
        x->pc = 0;
    } else if (t[0] == '-') {
        long i = find_label(x, t, false);
        if (i < 0)
            fail(x, EXEC_E_GOTO);
        else
            x->pc = (size_t)i;
    } else if (number(t, &n) && n >= 1 && (size_t)n <= x->n) {
        x->pc = (size_t)n - 1;
    } else {
        fail(x, EXEC_E_GOTO);
    }
}

static bool loop_cond(struct exec *x, const struct exec_loop *l)
{
    struct toks raw = {.n = 3}, s;
    put(raw.t[0], l->a);
    put(raw.t[1], l->op);
    put(raw.t[2], l->b);
    scan(x, &raw, 0, &s);
    int c = s.n == 3 ? compare(s.t[0], s.t[1], s.t[2]) : -1;
    if (c < 0)
        fail(x, EXEC_E_SYNTAX);
    return c == 1;
}

/* &LOOP n|-label count|a op b */
HANDLER do_loop(struct exec *x, const struct toks *raw, int i)
{
    struct toks s;
    scan(x, raw, i, &s);
    if (s.n != 2 && s.n != 4) {
        fail(x, EXEC_E_SYNTAX);
        return;
    }
    struct exec_loop l = {.first = x->pc};
    long n;
    token t;
    put(t, s.t[0]);
    upper(t);
    if (t[0] == '-') {
        long at = find_label(x, t, true);
        if (at < 0) {
            fail(x, EXEC_E_GOTO);
            return;
        }
        l.last = (size_t)at;
    } else if (number(t, &n) && n >= 0) {
        if (!n)
            return;
        l.last = x->pc + (size_t)n - 1;
    } else {
        fail(x, EXEC_E_CONVERT);
        return;
    }
    if (l.last >= x->n) {
        fail(x, EXEC_E_LOOPEOF);
        return;
    }
    bool more;
    if (s.n == 2) {
        if (!count_of(x, s.t[1], &l.count))
            return;
        more = l.count > 0;
    } else {                                    /* the condition, raw */
        int k = s.src[1];
        if (k + 3 > raw->n) {
            fail(x, EXEC_E_SYNTAX);
            return;
        }
        l.cond = true;
        put(l.a, raw->t[k]);
        put(l.op, raw->t[k + 1]);
        put(l.b, raw->t[k + 2]);
        more = !loop_cond(x, &l);
    }
    if (x->done)
        return;
    if (!more) {
        x->pc = l.last + 1;
        return;
    }
    if (x->nloop == EXEC_MAX_LOOPS) {
        fail(x, EXEC_E_LOOPS);
        return;
    }
    x->loop[x->nloop++] = l;
}

/* Before line pc: the passes of the loops that end there. */
static void loops(struct exec *x)
{
    while (x->nloop && !x->done) {
        struct exec_loop *l = &x->loop[x->nloop - 1];
        if (x->pc < l->first || x->pc > l->last + 1) {
            x->nloop--;                         /* a &GOTO left it */
            continue;
        }
        if (x->pc != l->last + 1)
            return;
        bool more = l->cond ? !loop_cond(x, l) : --l->count > 0;
        if (more && !x->done) {
            x->pc = l->first;
            return;
        }
        x->nloop--;
    }
}

static void read_line(struct exec *x, char *buf, size_t cap)
{
    if (!x->io.read || !x->io.read(x->io.ctx, buf, cap))
        buf[0] = 0;
}

static void run_line(struct exec *x, const char *line);

/* &READ [n] | ARGS | VARS &v... */
HANDLER do_read(struct exec *x, const struct toks *raw, int i)
{
    char buf[EXEC_MAX_LRECL + 1];
    token w = "";
    if (i < raw->n) {
        put(w, raw->t[i]);
        upper(w);
    }
    if (!strcmp(w, "ARGS") || !strcmp(w, "VARS")) {
        read_line(x, buf, sizeof buf);
        upper(buf);
        struct toks t;
        split(buf, &t);
        if (w[0] == 'A') {
            if (t.n > EXEC_MAX_ARGS) {
                fail(x, EXEC_E_ARGS);
                return;
            }
            x->argc = t.n;
            for (int k = 0; k < t.n; k++)
                put(x->argv[k], t.t[k]);
        } else {
            for (int k = i + 1; k < raw->n && !x->done; k++)
                set(x, raw->t[k], k - i - 1 < t.n ? t.t[k - i - 1] : "");
        }
        return;
    }
    long n = 1;
    struct toks s;
    scan(x, raw, i, &s);
    if (s.n && !count_of(x, s.t[0], &n))
        return;
    for (long k = 0; k < n && !x->done; k++) {
        read_line(x, buf, sizeof buf);
        run_line(x, buf);
    }
}

/* &name = value | arithmetic | a built-in function */
HANDLER assign(struct exec *x, const struct toks *raw, int i)
{
    const char *name = raw->t[i];
    struct toks s;
    scan(x, raw, i + 2, &s);
    char v[64] = "";
    int f = s.n ? find_word(s.t[0], functions, sizeof functions / sizeof *functions) : -1;
    if (f >= 0 && s.src[0] == i + 2) {
        const char *fn = functions[f];
        if (!strcmp(fn, "&LITERAL")) {
            if (i + 3 < raw->n)
                snprintf(v, sizeof v, "%s", raw->t[i + 3]);
        } else if (!strcmp(fn, "&CONCAT")) {
            for (int k = 1; k < s.n; k++)
                strncat(v, s.t[k], sizeof v - strlen(v) - 1);
        } else if (!strcmp(fn, "&LENGTH")) {
            snprintf(v, sizeof v, "%u", (unsigned)(s.n > 1 ? strlen(s.t[1]) : 0));
        } else if (!strcmp(fn, "&DATATYPE")) {
            long k;
            snprintf(v, sizeof v, "%s", s.n > 1 && number(s.t[1], &k) ? "NUM" : "ALPHA");
        } else {                                    /* &SUBSTR t i [n] */
            long from, len = EXEC_TOKEN;
            if (s.n < 3 || s.n > 4 || !count_of(x, s.t[2], &from) ||
                (s.n == 4 && !count_of(x, s.t[3], &len)))
                { fail(x, EXEC_E_SYNTAX); return; }
            size_t tl = strlen(s.t[1]);
            if (from < 1 || len < 0 || (size_t)from > tl + 1)
                { fail(x, EXEC_E_SYNTAX); return; }
            snprintf(v, sizeof v, "%.*s", (int)len, s.t[1] + from - 1);
        }
    } else if (s.n == 1) {
        snprintf(v, sizeof v, "%s", s.t[0]);
    } else if (s.n >= 3 && s.n % 2) {               /* a + b - c ... left to right */
        long acc, b;
        if (!count_of(x, s.t[0], &acc))
            return;
        for (int k = 1; k < s.n; k += 2) {
            if (!count_of(x, s.t[k + 1], &b))
                return;
            const char *op = s.t[k];
            if (!strcmp(op, "+")) acc += b;
            else if (!strcmp(op, "-")) acc -= b;
            else if (!strcmp(op, "*")) acc *= b;
            else if (!strcmp(op, "/") && b) acc /= b;
            else { fail(x, !strcmp(op, "/") ? EXEC_E_CONVERT : EXEC_E_SYNTAX); return; }
            if (acc > 99999999 || acc < -9999999)
                { fail(x, EXEC_E_CONVERT); return; }
        }
        snprintf(v, sizeof v, "%ld", acc);
    } else if (s.n) {
        { fail(x, EXEC_E_SYNTAX); return; }
    }
    set(x, name, v);
}

/* &CONTROL [OFF|ERROR|CMS|ALL] [TIME|NOTIME] [MSG|NOMSG] [PACK|NOPACK] */
HANDLER do_control(struct exec *x, const struct toks *s)
{
    if (!s->n) {
        x->control = CTL_CMS;
        x->time = false;
    }
    for (int k = 0; k < s->n; k++) {
        token w;
        put(w, s->t[k]);
        upper(w);
        if (!strcmp(w, "OFF")) x->control = CTL_OFF;
        else if (!strcmp(w, "ERROR")) x->control = CTL_ERROR;
        else if (!strcmp(w, "CMS")) x->control = CTL_CMS;
        else if (!strcmp(w, "ALL")) x->control = CTL_ALL;
        else if (!strcmp(w, "TIME")) x->time = true;
        else if (!strcmp(w, "NOTIME")) x->time = false;
        else if (strcmp(w, "MSG") && strcmp(w, "NOMSG") && strcmp(w, "PACK") && strcmp(w, "NOPACK"))
            { fail(x, EXEC_E_SYNTAX); return; }
    }
}

/* &BEGTYPE: the lines up to &END typed as they are. */
HANDLER begtype(struct exec *x)
{
    for (; x->pc < x->n; x->pc++) {
        const char *l = x->line[x->pc];
        if (!strncmp(l, "&END", 4) || !strncmp(l, "&end", 4)) {
            if (!l[4] || l[4] == ' ') {
                x->pc++;
                return;
            }
        }
        say(x, l);
    }
    x->cur = x->n;
    fail(x, EXEC_E_END);
}

HANDLER type(struct exec *x, const struct toks *s)
{
    char l[EXEC_MAX_TOKENS * (EXEC_TOKEN + 1) + 1];
    join(s, 0, l, sizeof l);
    say(x, l);
}

/* A control statement: raw[i] is the control word. */
HANDLER control(struct exec *x, const struct toks *raw, int i, bool echo)
{
    const char *w = control_words[find_word(raw->t[i], control_words,
                                            sizeof control_words / sizeof *control_words)];
    if (echo && x->control == CTL_ALL)
        show(x, w, raw, i + 1);
    struct toks s;
    scan(x, raw, i + 1, &s);
    long n;
    if (!strcmp(w, "&TYPE")) {
        type(x, &s);
    } else if (!strcmp(w, "&SPACE")) {
        n = 1;
        if (s.n && !count_of(x, s.t[0], &n))
            return;
        for (long k = 0; k < n; k++)
            say(x, "");
    } else if (!strcmp(w, "&BEGTYPE")) {
        begtype(x);
    } else if (!strcmp(w, "&CONTINUE") || !strcmp(w, "&END")) {
        return;
    } else if (!strcmp(w, "&CONTROL")) {
        do_control(x, &s);
    } else if (!strcmp(w, "&EXIT")) {
        n = 0;
        if (s.n && !count_of(x, s.t[0], &n))
            return;
        x->rc = (int)n;
        x->done = true;
    } else if (!strcmp(w, "&GOTO")) {
        do_goto(x, &s);
    } else if (!strcmp(w, "&SKIP")) {
        n = 1;
        if (s.n && !count_of(x, s.t[0], &n))
            return;
        long to = (long)x->pc + n;
        if (to < 0)
            { fail(x, EXEC_E_GOTO); return; }
        x->pc = (size_t)to > x->n ? x->n : (size_t)to;
    } else if (!strcmp(w, "&IF")) {
        int c = s.n >= 3 ? compare(s.t[0], s.t[1], s.t[2]) : -1;
        if (c < 0)
            { fail(x, EXEC_E_SYNTAX); return; }
        if (c)
            statement(x, raw, s.src[2] + 1, false);
    } else if (!strcmp(w, "&LOOP")) {
        do_loop(x, raw, i + 1);
    } else if (!strcmp(w, "&ERROR")) {
        x->nerract = 0;
        static const char *const cont[] = {"&CONTINUE"};
        if (i + 1 < raw->n && find_word(raw->t[i + 1], cont, 1) < 0)
            for (int k = i + 1; k < raw->n; k++)
                put(x->erract[x->nerract++], raw->t[k]);
    } else if (!strcmp(w, "&ARGS")) {
        x->argc = s.n > EXEC_MAX_ARGS ? EXEC_MAX_ARGS : s.n;
        for (int k = 0; k < x->argc; k++)
            put(x->argv[k], s.t[k]);
        if (s.n > EXEC_MAX_ARGS)
            fail(x, EXEC_E_ARGS);
    } else if (!strcmp(w, "&READ")) {
        do_read(x, raw, i + 1);
    }
}

/* The statement that begins at raw token i (the rest of an &IF, a label
   line, the &ERROR statement, or a whole line). */
static void statement(struct exec *x, const struct toks *raw, int i, bool echo)
{
    if (i >= raw->n || x->done)
        return;
    const char *w = raw->t[i];
    if (w[0] == '&' && IS_CONTROL(w)) {
        control(x, raw, i, echo);
    } else if (w[0] == '&' && i + 1 < raw->n && !strcmp(raw->t[i + 1], "=")) {
        if (echo && x->control == CTL_ALL) {
            char lhs[EXEC_TOKEN + 4];
            snprintf(lhs, sizeof lhs, "%s =", w);
            show(x, lhs, raw, i + 2);
        }
        assign(x, raw, i);
    } else if (w[0] == '&' && IS_FUNCTION(w)) {
        fail(x, EXEC_E_CONTROL);
    } else {
        command(x, raw, i);
    }
}

static void run_line(struct exec *x, const char *line)
{
    const char *p = line + strspn(line, " ");
    if (!*p || *p == '*')
        return;
    struct toks raw;
    split(p, &raw);
    int i = raw.t[0][0] == '-' ? 1 : 0;             /* a label */
    statement(x, &raw, i, true);
}

/* ---- the EXEC -------------------------------------------------------------------- */

struct exec *exec_new(const char *fn, int argc, const char *const *argv,
                      const struct exec_io *io)
{
    struct exec *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->io = *io;
    put(x->fn, fn);
    x->too_many = argc > EXEC_MAX_ARGS;
    x->argc = argc > EXEC_MAX_ARGS ? EXEC_MAX_ARGS : argc;
    for (int i = 0; i < x->argc; i++)
        put(x->argv[i], argv[i]);
    x->control = CTL_CMS;
    return x;
}

int exec_run(struct exec *x, char *const *lines, size_t n)
{
    x->line = lines;
    x->n = n;
    x->pc = 0;
    x->cur = 0;
    x->done = false;
    x->rc = 0;
    if (x->too_many)
        fail(x, EXEC_E_ARGS);
    while (!x->done) {
        if (x->io.poll)
            x->io.poll(x->io.ctx);
        loops(x);
        if (x->done || x->pc >= x->n)
            break;
        x->cur = x->pc + 1;
        run_line(x, x->line[x->pc++]);
    }
    return x->rc;
}

void exec_free(struct exec *x)
{
    if (x)
        free(x->var);
    free(x);
}
