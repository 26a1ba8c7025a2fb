/*
 * dirsrc.c - the VM/370 directory source compiler: statements one a
 * line, in VM/370's syntax, to the blob of common/directory.h.
 *
 * Syntax (IBM VM/370 Planning and System Generation Guide, "The Directory
 * Program"): blanks separate operands; only columns 1-71 are read (72-80
 * hold card sequence numbers); blank lines and lines whose first operand
 * starts with `*` are comments; keywords and operands may be in either
 * case and are upper-cased (so are passwords, as VM compares them).
 * Operands are positional: one omitted means the rest are omitted too.
 *
 *   DIRECTORY vaddr devtype volser      optional, first: where VM/370 put
 *                                       the directory (here: checked
 *                                       against the system residence volume)
 *   USER userid password|NOLOG [storage [maxstorage [classes [priority]]]]
 *        defaults 256K, the storage size, G, 50; storage as 512K or 4M,
 *        multiples of 4K from 8K to 16M
 *   ACCOUNT number [distribution]
 *   IPL vaddr|sysname [PARM text]       text: the rest of the line, <= 64
 *   OPTION ECMODE REALTIMER ISAM VIRT=REAL BMX ACCT SVCOFF CPUID hhhhhh
 *   CONSOLE vaddr 3215|3210|1052 [class [userid]]      class default T
 *   SPOOL vaddr 2540 READER|PUNCH [class], or 2501|3505 (reader),
 *         2520|3525 (punch), 1403|1443|3211 (printer) [class]:
 *         class default * for readers (any class), A otherwise
 *   DEDICATE vaddr raddr|volser
 *   SPECIAL vaddr 3270|TIMER|CTCA
 *   MDISK vaddr devtype start count volser [mode [readpw [writepw [multpw]]]]
 *   MDISK vaddr devtype T-DISK count [mode]
 *         devtype 2314, 3330, 3340, 3350, 3380; mode R RR W WR M MR MW MWV,
 *         default W; a link password ALL means none is needed
 *   LINK userid vaddr vaddr [mode]      mode default R
 *
 * Checks, each an error naming the file and line: unknown statements,
 * statements outside a USER, missing or extra operands, bad numbers,
 * addresses and names, duplicate userids, a virtual address twice in one
 * user, minidisk extents beyond the device type's cylinders (or, on the
 * system residence volume, outside its user area), LINKs to a user or
 * minidisk the directory lacks.  Any error: nothing is built.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "dirsrc.h"
#include "directory.h"
#include "geometry.h"

#define MAX_TOK 16
#define SRC_COLS 71

struct pdev {
    struct dir_dev d;
    unsigned line;
};

struct puser {
    struct dir_user u;
    unsigned line;
    bool has_console, has_account, has_ipl;
    bool broken;             /* its USER statement had an error */
    struct pdev *dev;
    size_t ndev, capdev;
};

/* The compiler's state: the users so far, the error count. */
struct src {
    const char *name;
    FILE *errs;
    unsigned line, nerr;
    const struct dirsrc_sysres *sys;
    struct puser *user;
    size_t nuser, capuser;
    bool seen_statement;
    /* the current line, split */
    char raw[SRC_COLS + 1];
    char *tok[MAX_TOK];
    unsigned tokpos[MAX_TOK];  /* where each token starts in raw */
    int ntok;
};

static void err(struct src *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void err(struct src *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(s->errs, "%s:%u: ", s->name, s->line);
    vfprintf(s->errs, fmt, ap);
    fputc('\n', s->errs);
    va_end(ap);
    s->nerr++;
}

int dirsrc_random(uint8_t *buf, size_t n)
{
    while (n > 0) {
        ssize_t k = getrandom(buf, n, 0);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += k;
        n -= (size_t)k;
    }
    return 0;
}

/* ---- operands -------------------------------------------------------- */

static void upcase(char *t)
{
    for (; *t; t++)
        if (*t >= 'a' && *t <= 'z')
            *t = (char)(*t - 'a' + 'A');
}

/* A virtual or real device address: 1-3 hex digits.  -1 if not. */
static long parse_addr(const char *t)
{
    size_t n = strlen(t);
    if (n == 0 || n > 3 || strspn(t, "0123456789ABCDEF") != n)
        return -1;
    return strtol(t, NULL, 16);
}

/* A decimal number of at most 5 digits.  -1 if not. */
static long parse_dec(const char *t)
{
    size_t n = strlen(t);
    if (n == 0 || n > 5 || strspn(t, "0123456789") != n)
        return -1;
    return strtol(t, NULL, 10);
}

/* A storage size, digits then K or M.  -1 if not. */
static long parse_storage(const char *t)
{
    size_t n = strlen(t);
    if (n < 2 || n > 6 || strspn(t, "0123456789") != n - 1 || (t[n - 1] != 'K' && t[n - 1] != 'M'))
        return -1;
    return strtol(t, NULL, 10) << (t[n - 1] == 'K' ? 10 : 20);
}

/* A name of 1..max characters: letters, digits, @ # $ and, if extra,
   the characters in extra. */
static bool good_name(const char *t, size_t max, const char *extra)
{
    size_t n = strlen(t);
    if (n == 0 || n > max)
        return false;
    for (; *t; t++)
        if (!((*t >= 'A' && *t <= 'Z') || (*t >= '0' && *t <= '9') || strchr("@#$", *t) ||
              (extra && strchr(extra, *t))))
            return false;
    return true;
}

static bool good_password(const char *t)
{
    size_t n = strlen(t);
    if (n == 0 || n > SHA256_PW_MAX)
        return false;
    for (; *t; t++)
        if (*t < 0x21 || *t > 0x7E)
            return false;
    return true;
}

static unsigned parse_mode(const char *t)
{
    for (unsigned m = 1; m < DIR_NMODES; m++)
        if (!strcmp(t, dir_mode_name(m)))
            return m;
    return 0;
}

/* The largest cylinder count of the CKD types with this device type
   code (a 3330 may be a model 1 or 11); 0 if there is none. */
static unsigned type_cyls(unsigned devtype)
{
    unsigned max = 0;
    for (unsigned i = 0; dasd_type_at(i); i++) {
        const struct dasd_type *t = dasd_type_at(i);
        if (!t->fba && t->devtype == devtype && t->cyls > max)
            max = t->cyls;
    }
    return max;
}

/* An MDISK device type: 2314, 3330, 3340, 3350, 3380.  0 if not. */
static unsigned parse_dasd_type(const char *t)
{
    static const char *const types[] = {"2314", "3330", "3340", "3350", "3380"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(t, types[i]))
            return (unsigned)strtol(t, NULL, 16);
    return 0;
}

/* Hash a password with a fresh salt.  false (message given) on failure. */
static bool hash_password(struct src *s, const char *pw, uint8_t *salt, uint8_t *hash)
{
    if (dirsrc_random(salt, SHA256_SALT_LEN) < 0) {
        err(s, "no random numbers for the password salt: %s", strerror(errno));
        return false;
    }
    return sha256_password(salt, pw, strlen(pw), hash) == 0;
}

/* ---- statements -------------------------------------------------------- */

static struct puser *cur(struct src *s) { return s->nuser ? &s->user[s->nuser - 1] : NULL; }

/* Add device d to the current user, refusing an address it has. */
static void add_dev(struct src *s, const struct dir_dev *d)
{
    struct puser *p = cur(s);
    for (size_t i = 0; i < p->ndev; i++)
        if (p->dev[i].d.vaddr == d->vaddr) {
            err(s, "virtual address %03X of %s is already defined at line %u", d->vaddr,
                p->u.userid, p->dev[i].line);
            return;
        }
    if (p->ndev == p->capdev) {
        p->capdev = p->capdev ? 2 * p->capdev : 8;
        p->dev = realloc(p->dev, p->capdev * sizeof *p->dev);
        if (!p->dev) {
            perror("cpcms");
            exit(1);
        }
    }
    p->dev[p->ndev].d = *d;
    p->dev[p->ndev].line = s->line;
    p->ndev++;
}

/* Operand count in [min, max] (counting the statement keyword). */
static bool nops(struct src *s, int min, int max)
{
    if (s->ntok < min) {
        err(s, "%s: operands missing", s->tok[0]);
        return false;
    }
    if (s->ntok > max) {
        err(s, "%s: too many operands (%d; at most %d)", s->tok[0], s->ntok - 1, max - 1);
        return false;
    }
    return true;
}

/* The vaddr operand at i; -1 with a message if bad. */
static long vaddr_op(struct src *s, int i)
{
    long v = parse_addr(s->tok[i]);
    if (v < 0)
        err(s, "%s: '%s' is not a device address (1 to 3 hexadecimal digits)", s->tok[0], s->tok[i]);
    return v;
}

static void st_directory(struct src *s)
{
    if (s->seen_statement) {
        err(s, "DIRECTORY must be the first statement");
        return;
    }
    if (!nops(s, 4, 4))
        return;
    if (vaddr_op(s, 1) < 0)
        return;
    unsigned type = parse_dasd_type(s->tok[2]);
    if (!type)
        err(s, "DIRECTORY: '%s' is not a DASD type (2314, 3330, 3340, 3350, 3380)", s->tok[2]);
    else if (!good_name(s->tok[3], 6, "-"))
        err(s, "DIRECTORY: '%s' is not a volume serial", s->tok[3]);
    else if (s->sys && (strcmp(s->tok[3], s->sys->volser) || type != s->sys->devtype))
        err(s, "DIRECTORY: the directory goes on the system residence volume, %s (a %04X), not %s",
            s->sys->volser, s->sys->devtype, s->tok[3]);
}

static void add_user(struct src *s, const struct dir_user *u, bool broken);

static void st_user(struct src *s)
{
    struct dir_user u;
    memset(&u, 0, sizeof u);
    snprintf(u.userid, sizeof u.userid, "%s", s->ntok > 1 ? s->tok[1] : "?");
    if (!nops(s, 3, 7))
        goto bad;
    const char *id = s->tok[1];
    if (!good_name(id, 8, NULL)) {
        err(s, "USER: '%s' is not a userid (1 to 8 letters, digits, @, # or $)", id);
        goto bad;
    }
    for (size_t i = 0; i < s->nuser; i++)
        if (!s->user[i].broken && !strcmp(s->user[i].u.userid, id)) {
            err(s, "USER %s is already defined at line %u", id, s->user[i].line);
            goto bad;
        }
    if (!strcmp(s->tok[2], "NOLOG")) {
        u.nolog = true;
    } else if (!good_password(s->tok[2])) {
        err(s, "USER %s: the password must be 1 to %d characters", id, SHA256_PW_MAX);
        goto bad;
    } else if (!hash_password(s, s->tok[2], u.salt, u.hash)) {
        goto bad;
    }
    long stor = 256 << 10, max = -1;
    /* Operands after the password are not quoted in messages: a password
       with a blank in it would shift into them. */
    if (s->ntok > 3 && (stor = parse_storage(s->tok[3])) < 0) {
        err(s, "USER %s: the storage size (operand 3) is not a size such as 512K or 4M", id);
        goto bad;
    }
    if (s->ntok > 4 && (max = parse_storage(s->tok[4])) < 0) {
        err(s, "USER %s: the maximum storage size (operand 4) is not a size such as 512K or 4M", id);
        goto bad;
    }
    if (max < 0)
        max = stor;
    if (stor < 8 << 10 || max > 16 << 20 || stor % 4096 || max % 4096) {
        err(s, "USER %s: storage sizes are multiples of 4K from 8K to 16M", id);
        goto bad;
    }
    if (max < stor) {
        err(s, "USER %s: the maximum storage size is less than the storage size", id);
        goto bad;
    }
    u.storage = (uint32_t)stor;
    u.maxstorage = (uint32_t)max;
    const char *cl = s->ntok > 5 ? s->tok[5] : "G";
    for (char c = 'A'; c <= 'H'; c++)
        if (strchr(cl, c))
            u.classes[strlen(u.classes)] = c;
    if (strspn(cl, "ABCDEFGH") != strlen(cl)) {
        err(s, "USER %s: privilege classes (operand 5) are letters A to H", id);
        goto bad;
    }
    u.priority = 50;
    if (s->ntok > 6) {
        long pr = parse_dec(s->tok[6]);
        if (pr < 0 || pr > 99) {
            err(s, "USER %s: the priority (operand 6) is a number from 0 to 99", id);
            goto bad;
        }
        u.priority = (unsigned)pr;
    }
    add_user(s, &u, false);
    return;
bad:
    /* The statements up to the next USER belong to this one, not the
       one before: a user that is never built takes them. */
    add_user(s, &u, true);
}

static void add_user(struct src *s, const struct dir_user *u, bool broken)
{
    if (s->nuser == s->capuser) {
        s->capuser = s->capuser ? 2 * s->capuser : 16;
        s->user = realloc(s->user, s->capuser * sizeof *s->user);
        if (!s->user) {
            perror("cpcms");
            exit(1);
        }
    }
    struct puser *p = &s->user[s->nuser++];
    memset(p, 0, sizeof *p);
    p->u = *u;
    p->line = s->line;
    p->broken = broken;
}

static void st_account(struct src *s, struct puser *p)
{
    if (!nops(s, 2, 3))
        return;
    if (p->has_account) {
        err(s, "ACCOUNT: %s has one already", p->u.userid);
        return;
    }
    if (!good_name(s->tok[1], 8, "-_.") || (s->ntok > 2 && !good_name(s->tok[2], 8, "-_."))) {
        err(s, "ACCOUNT: account number and distribution code are 1 to 8 letters or digits");
        return;
    }
    strcpy(p->u.account, s->tok[1]);
    if (s->ntok > 2)
        strcpy(p->u.dist, s->tok[2]);
    p->has_account = true;
}

static void st_ipl(struct src *s, struct puser *p, const char *rawline)
{
    if (s->ntok < 2 || (s->ntok > 2 && strcmp(s->tok[2], "PARM")) || s->ntok == 3) {
        err(s, "IPL: the form is IPL vaddr|sysname [PARM text]");
        return;
    }
    if (p->has_ipl) {
        err(s, "IPL: %s has one already", p->u.userid);
        return;
    }
    long a = parse_addr(s->tok[1]);
    if (a >= 0) {
        p->u.ipl_kind = DIR_IPL_DEVICE;
        p->u.ipl_dev = (unsigned)a;
    } else if (good_name(s->tok[1], 8, NULL)) {
        p->u.ipl_kind = DIR_IPL_NAME;
        strcpy(p->u.ipl_name, s->tok[1]);
    } else {
        err(s, "IPL: '%s' is neither a device address nor a system name", s->tok[1]);
        return;
    }
    if (s->ntok > 3) {
        const char *text = rawline + s->tokpos[3];
        size_t n = strlen(text);
        while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
            n--;
        if (n > DIR_PARM_MAX) {
            err(s, "IPL: the PARM text is longer than %d characters", DIR_PARM_MAX);
            return;
        }
        for (size_t i = 0; i < n; i++)
            p->u.ipl_parm[i] = text[i] == '\t' ? ' ' : text[i];
        p->u.ipl_parm[n] = 0;
    }
    p->has_ipl = true;
}

static void st_option(struct src *s, struct puser *p)
{
    static const struct { const char *name; uint32_t flag; } opts[] = {
        {"ECMODE", DIR_OPT_ECMODE}, {"REALTIMER", DIR_OPT_REALTIMER}, {"ISAM", DIR_OPT_ISAM},
        {"VIRT=REAL", DIR_OPT_VIRTREAL}, {"BMX", DIR_OPT_BMX}, {"ACCT", DIR_OPT_ACCT},
        {"SVCOFF", DIR_OPT_SVCOFF},
    };
    if (!nops(s, 2, MAX_TOK))
        return;
    for (int i = 1; i < s->ntok; i++) {
        if (!strcmp(s->tok[i], "CPUID")) {
            const char *h = i + 1 < s->ntok ? s->tok[i + 1] : "";
            size_t n = strlen(h);
            if (n == 0 || n > 6 || strspn(h, "0123456789ABCDEF") != n) {
                err(s, "OPTION CPUID: the CPU id is 1 to 6 hexadecimal digits");
                return;
            }
            p->u.options |= DIR_OPT_CPUID;
            p->u.cpuid = (uint32_t)strtoul(h, NULL, 16);
            i++;
            continue;
        }
        size_t k = 0;
        while (k < sizeof opts / sizeof opts[0] && strcmp(s->tok[i], opts[k].name))
            k++;
        if (k == sizeof opts / sizeof opts[0]) {
            err(s, "OPTION: unknown option '%s'", s->tok[i]);
            return;
        }
        p->u.options |= opts[k].flag;
    }
}

static bool spool_class(struct src *s, const char *t, bool reader, char *cls)
{
    if (strlen(t) == 1 && ((*t >= 'A' && *t <= 'Z') || (*t >= '0' && *t <= '9') || (*t == '*' && reader))) {
        *cls = *t;
        return true;
    }
    err(s, "%s: '%s' is not a spool class (A-Z, 0-9%s)", s->tok[0], t, reader ? " or *" : "");
    return false;
}

static void st_console(struct src *s, struct puser *p)
{
    if (!nops(s, 3, 5))
        return;
    struct dir_dev d = {.kind = DIR_CONSOLE, .cls = 'T'};
    long v = vaddr_op(s, 1);
    if (v < 0)
        return;
    d.vaddr = (unsigned)v;
    if (strcmp(s->tok[2], "3215") && strcmp(s->tok[2], "3210") && strcmp(s->tok[2], "1052")) {
        err(s, "CONSOLE: '%s' is not a console type (3215, 3210, 1052)", s->tok[2]);
        return;
    }
    d.devtype = (unsigned)strtol(s->tok[2], NULL, 16);
    if (s->ntok > 3 && !spool_class(s, s->tok[3], false, &d.cls))
        return;
    if (s->ntok > 4) {
        if (!good_name(s->tok[4], 8, NULL)) {
            err(s, "CONSOLE: '%s' is not a userid", s->tok[4]);
            return;
        }
        strcpy(d.userid, s->tok[4]);
    }
    if (p->has_console) {
        err(s, "CONSOLE: %s has one already", p->u.userid);
        return;
    }
    p->has_console = true;
    add_dev(s, &d);
}

static void st_spool(struct src *s)
{
    static const struct { const char *type; unsigned func; } types[] = {
        {"2540", 0}, {"2501", DIR_SPOOL_READER}, {"3505", DIR_SPOOL_READER},
        {"2520", DIR_SPOOL_PUNCH}, {"3525", DIR_SPOOL_PUNCH}, {"1403", DIR_SPOOL_PRINTER},
        {"1443", DIR_SPOOL_PRINTER}, {"3211", DIR_SPOOL_PRINTER},
    };
    static const struct { const char *word; unsigned func; } words[] = {
        {"READER", DIR_SPOOL_READER}, {"READ", DIR_SPOOL_READER}, {"RDR", DIR_SPOOL_READER},
        {"PUNCH", DIR_SPOOL_PUNCH}, {"PUN", DIR_SPOOL_PUNCH}, {"PCH", DIR_SPOOL_PUNCH},
        {"PRINTER", DIR_SPOOL_PRINTER}, {"PRT", DIR_SPOOL_PRINTER},
    };
    if (!nops(s, 3, 5))
        return;
    struct dir_dev d = {.kind = DIR_SPOOL};
    long v = vaddr_op(s, 1);
    if (v < 0)
        return;
    d.vaddr = (unsigned)v;
    size_t k = 0;
    while (k < sizeof types / sizeof types[0] && strcmp(s->tok[2], types[k].type))
        k++;
    if (k == sizeof types / sizeof types[0]) {
        err(s, "SPOOL: '%s' is not a unit record type (2540, 2501, 3505, 2520, 3525, 1403, 1443, 3211)",
            s->tok[2]);
        return;
    }
    d.devtype = (unsigned)strtol(s->tok[2], NULL, 16);
    d.func = types[k].func;
    int i = 3;
    if (i < s->ntok) {
        for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
            if (!strcmp(s->tok[i], words[w].word)) {
                if (d.func && d.func != words[w].func) {
                    err(s, "SPOOL: a %s is not a %s", s->tok[2], s->tok[i]);
                    return;
                }
                d.func = words[w].func;
                i++;
                break;
            }
    }
    if (!d.func) {
        err(s, "SPOOL: a 2540 is a READER or a PUNCH: say which");
        return;
    }
    d.cls = d.func == DIR_SPOOL_READER ? '*' : 'A';
    if (i < s->ntok && !spool_class(s, s->tok[i++], d.func == DIR_SPOOL_READER, &d.cls))
        return;
    if (i < s->ntok) {
        err(s, "SPOOL: too many operands (from '%s' on)", s->tok[i]);
        return;
    }
    add_dev(s, &d);
}

static void st_dedicate(struct src *s)
{
    if (!nops(s, 3, 3))
        return;
    struct dir_dev d = {.kind = DIR_DEDICATE};
    long v = vaddr_op(s, 1);
    if (v < 0)
        return;
    d.vaddr = (unsigned)v;
    long r = parse_addr(s->tok[2]);
    if (r >= 0) {
        d.raddr = (unsigned)r;
    } else if (good_name(s->tok[2], 6, "-")) {
        d.raddr = DIR_NO_RADDR;
        strcpy(d.volser, s->tok[2]);
    } else {
        err(s, "DEDICATE: '%s' is neither a real address nor a volume serial", s->tok[2]);
        return;
    }
    add_dev(s, &d);
}

static void st_special(struct src *s)
{
    if (!nops(s, 3, 3))
        return;
    struct dir_dev d = {.kind = DIR_SPECIAL};
    long v = vaddr_op(s, 1);
    if (v < 0)
        return;
    d.vaddr = (unsigned)v;
    if (!strcmp(s->tok[2], "3270"))
        d.devtype = DIR_SPECIAL_3270;
    else if (!strcmp(s->tok[2], "TIMER"))
        d.devtype = DIR_SPECIAL_TIMER;
    else if (!strcmp(s->tok[2], "CTCA"))
        d.devtype = DIR_SPECIAL_CTCA;
    else {
        err(s, "SPECIAL: '%s' is not 3270, TIMER or CTCA", s->tok[2]);
        return;
    }
    add_dev(s, &d);
}

static void st_mdisk(struct src *s)
{
    struct dir_dev d = {.kind = DIR_MDISK, .mode = DIR_MODE_W};
    bool tdisk = s->ntok > 3 && !strcmp(s->tok[3], "T-DISK");
    if (!nops(s, tdisk ? 5 : 6, tdisk ? 6 : 10))
        return;
    long v = vaddr_op(s, 1);
    if (v < 0)
        return;
    d.vaddr = (unsigned)v;
    d.devtype = parse_dasd_type(s->tok[2]);
    if (!d.devtype) {
        err(s, "MDISK: '%s' is not a DASD type (2314, 3330, 3340, 3350, 3380)", s->tok[2]);
        return;
    }
    unsigned limit = type_cyls(d.devtype);
    long start = tdisk ? 0 : parse_dec(s->tok[3]);
    long cyls = parse_dec(s->tok[4]);
    if (start < 0 || cyls < 1) {
        err(s, "MDISK %03X: '%s' is not a %s", d.vaddr, s->tok[start < 0 ? 3 : 4],
            start < 0 ? "cylinder number" : "cylinder count (1 or more)");
        return;
    }
    if (start + cyls > limit) {
        err(s, "MDISK %03X: cylinders %ld to %ld lie beyond the %u cylinders of a %s",
            d.vaddr, start, start + cyls - 1, limit, s->tok[2]);
        return;
    }
    d.start = (unsigned)start;
    d.cyls = (unsigned)cyls;
    d.tdisk = tdisk;
    int i = 5;
    if (!tdisk) {
        if (!good_name(s->tok[5], 6, "-")) {
            err(s, "MDISK %03X: '%s' is not a volume serial (1 to 6 characters)", d.vaddr, s->tok[5]);
            return;
        }
        strcpy(d.volser, s->tok[5]);
        i = 6;
        /* Misplaced on the system residence volume: an error, but the
           minidisk is kept, so that LINKs to it are not reported too. */
        const struct dirsrc_sysres *sys = s->sys;
        if (sys && !strcmp(d.volser, sys->volser)) {
            if (d.devtype != sys->devtype)
                err(s, "MDISK %03X: %s, the system residence volume, is a %04X, not a %s",
                    d.vaddr, d.volser, sys->devtype, s->tok[2]);
            else if (d.start < sys->first_cyl)
                err(s, "MDISK %03X: cylinders 0 to %u of %s hold the IPL records, the CP nucleus "
                    "and the directory; minidisks start at %u", d.vaddr, sys->first_cyl - 1,
                    d.volser, sys->first_cyl);
            else if (d.start + d.cyls > sys->cyls)
                err(s, "MDISK %03X: cylinders %u to %u lie beyond the %u cylinders of %s", d.vaddr,
                    d.start, d.start + d.cyls - 1, sys->cyls, d.volser);
        }
    }
    if (i < s->ntok && !(d.mode = parse_mode(s->tok[i]))) {
        /* not quoted: with the volser missing, a password would be here */
        err(s, "MDISK %03X: the mode (operand %d) is not R, RR, W, WR, M, MR, MW or MWV", d.vaddr, i);
        return;
    }
    i++;
    for (int w = 0; w < 3 && i < s->ntok; w++, i++) {
        if (!strcmp(s->tok[i], "ALL")) {
            d.lpw[w] = DIR_LPW_ALL;
        } else if (!good_password(s->tok[i])) {
            err(s, "MDISK %03X: link passwords are 1 to %d characters", d.vaddr, SHA256_PW_MAX);
            return;
        } else {
            d.lpw[w] = DIR_LPW_HASH;
            if (!hash_password(s, s->tok[i], d.lpw_salt[w], d.lpw_hash[w]))
                return;
        }
    }
    add_dev(s, &d);
}

static void st_link(struct src *s)
{
    if (!nops(s, 4, 5))
        return;
    struct dir_dev d = {.kind = DIR_LINK, .mode = DIR_MODE_R};
    if (!good_name(s->tok[1], 8, NULL)) {
        err(s, "LINK: '%s' is not a userid", s->tok[1]);
        return;
    }
    strcpy(d.userid, s->tok[1]);
    long theirs = vaddr_op(s, 2), ours = theirs < 0 ? -1 : vaddr_op(s, 3);
    if (ours < 0)
        return;
    d.link_vaddr = (unsigned)theirs;
    d.vaddr = (unsigned)ours;
    if (s->ntok > 4 && !(d.mode = parse_mode(s->tok[4]))) {
        err(s, "LINK: '%s' is not a mode (R, RR, W, WR, M, MR, MW, MWV)", s->tok[4]);
        return;
    }
    add_dev(s, &d);
}

/* Split line `text` (n bytes, no newline) into s->tok; false if it is
   a comment or blank. */
static bool split(struct src *s, const char *text, size_t n)
{
    if (n > SRC_COLS)
        n = SRC_COLS;
    memcpy(s->raw, text, n);
    s->raw[n] = 0;
    static char work[SRC_COLS + 1];
    memcpy(work, s->raw, n + 1);
    s->ntok = 0;
    char *p = work;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (!*p)
            break;
        if (s->ntok == MAX_TOK) {
            err(s, "more than %d operands", MAX_TOK - 1);
            return false;
        }
        s->tokpos[s->ntok] = (unsigned)(p - work);
        s->tok[s->ntok++] = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\r')
            p++;
        if (*p)
            *p++ = 0;
    }
    if (s->ntok == 0 || s->tok[0][0] == '*')
        return false;
    for (int i = 0; i < s->ntok; i++)
        upcase(s->tok[i]);
    return true;
}

/* One statement in s->tok. */
static void statement(struct src *s)
{
    const char *kw = s->tok[0];
    if (!strcmp(kw, "DIRECTORY")) {
        st_directory(s);
    } else if (!strcmp(kw, "USER")) {
        st_user(s);
    } else {
        static const char *const known[] = {"ACCOUNT", "IPL", "OPTION", "CONSOLE", "SPOOL",
                                            "DEDICATE", "SPECIAL", "MDISK", "LINK"};
        size_t k = 0;
        while (k < sizeof known / sizeof known[0] && strcmp(kw, known[k]))
            k++;
        if (k == sizeof known / sizeof known[0]) {
            err(s, "unknown statement '%s'", kw);
        } else if (!cur(s)) {
            err(s, "%s before the first USER statement", kw);
        } else {
            struct puser *p = cur(s);
            switch (k) {
            case 0: st_account(s, p); break;
            case 1: st_ipl(s, p, s->raw); break;
            case 2: st_option(s, p); break;
            case 3: st_console(s, p); break;
            case 4: st_spool(s); break;
            case 5: st_dedicate(s); break;
            case 6: st_special(s); break;
            case 7: st_mdisk(s); break;
            case 8: st_link(s); break;
            }
        }
    }
    s->seen_statement = true;
}

/* After the last line: LINKs name users and minidisks that exist. */
static void check_links(struct src *s)
{
    for (size_t i = 0; i < s->nuser; i++)
        for (size_t j = 0; j < s->user[i].ndev; j++) {
            const struct pdev *l = &s->user[i].dev[j];
            if (l->d.kind != DIR_LINK)
                continue;
            s->line = l->line;
            const struct puser *o = NULL;
            for (size_t k = 0; k < s->nuser && !o; k++)
                if (!s->user[k].broken && !strcmp(s->user[k].u.userid, l->d.userid))
                    o = &s->user[k];
            if (!o) {
                err(s, "LINK: there is no user %s", l->d.userid);
                continue;
            }
            bool found = false;
            for (size_t k = 0; k < o->ndev && !found; k++)
                found = o->dev[k].d.kind == DIR_MDISK && o->dev[k].d.vaddr == l->d.link_vaddr;
            if (!found)
                err(s, "LINK: %s has no minidisk %03X", l->d.userid, l->d.link_vaddr);
        }
}

long dirsrc_compile(const char *name, const char *text, size_t len,
                    const struct dirsrc_sysres *sys, uint8_t *buf, size_t cap, FILE *errs)
{
    struct src s;
    memset(&s, 0, sizeof s);
    s.name = name;
    s.errs = errs;
    s.sys = sys;
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        s.line++;
        if (memchr(text + pos, 0, n)) {
            err(&s, "a NUL character: this is not a text file");
        } else if (split(&s, text + pos, n)) {
            statement(&s);
        }
        pos += n + 1;
    }
    memset(s.raw, 0, sizeof s.raw);
    check_links(&s);
    if (s.nerr == 0 && s.nuser == 0) {
        s.line = s.line ? s.line : 1;
        err(&s, "no USER statement: the directory would be empty");
    }
    long rc = -1;
    if (s.nerr == 0) {
        struct dir_builder b;
        dir_begin(&b, buf, cap);
        int e = DIR_OK;
        for (size_t i = 0; i < s.nuser && e == DIR_OK; i++) {
            e = dir_put_user(&b, &s.user[i].u);
            for (size_t j = 0; j < s.user[i].ndev && e == DIR_OK; j++)
                e = dir_put_dev(&b, &s.user[i].dev[j].d);
        }
        rc = e == DIR_OK ? dir_finish(&b) : e;
        if (rc < 0) {
            fprintf(errs, "%s: %s\n", name, rc == DIR_E_SPACE ?
                    "the directory is larger than its area on the volume" : dir_strerror((int)rc));
            rc = -1;
        }
    }
    for (size_t i = 0; i < s.nuser; i++)
        free(s.user[i].dev);
    free(s.user);
    return rc;
}

long dirsrc_compile_file(const char *path, const struct dirsrc_sysres *sys,
                         uint8_t *buf, size_t cap, FILE *errs)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(errs, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    char *text = NULL;
    size_t len = 0, capt = 0;
    for (;;) {
        if (len == capt) {
            capt = capt ? 2 * capt : 65536;
            if (capt > (64u << 20)) {
                fprintf(errs, "%s: too large for a directory source\n", path);
                free(text);
                fclose(f);
                return -1;
            }
            char *t = realloc(text, capt);
            if (!t) {
                perror("cpcms");
                exit(1);
            }
            text = t;
        }
        size_t k = fread(text + len, 1, capt - len, f);
        if (k == 0)
            break;
        len += k;
    }
    bool bad = ferror(f);
    fclose(f);
    long rc = -1;
    if (bad)
        fprintf(errs, "%s: read error\n", path);
    else
        rc = dirsrc_compile(path, text, len, sys, buf, cap, errs);
    if (text)
        memset(text, 0, len);
    free(text);
    return rc;
}
