/*
 * mconf.c - making a machine from a struct mconf (mconf.h): the one place
 * where devices are attached for `cpcms machine` and `cpcms run`.
 */
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "mconf.h"
#include "machine.h"
#include "dev.h"
#include "ckd.h"
#include "fba.h"
#include "geometry.h"
#include "volume.h"
#include "tn3270_server.h"

extern const struct dev_ops ckd_ops, fba_ops;

int mconf_dasd_type(const char *type)
{
    for (unsigned i = 0; dasd_type_at(i); i++)
        if (!strcmp(dasd_type_at(i)->name, type))
            return 1;
    return 0;
}

/* Do two address ranges overlap? */
static int overlap(unsigned a0, unsigned a1, unsigned b0, unsigned b1)
{
    return a0 <= b1 && b0 <= a1;
}

const char *mconf_check_addr(const struct mconf *c, unsigned first, unsigned last)
{
    static char msg[160];
    if (first > last || last > 0xFFF || last - first >= MCONF_MAX_3270)
        return "give device addresses 000-FFF (a range of at most 256)";
    if (overlap(first, last, 0x009, 0x009))
        return "009 is the operator's console (3215)";
    for (int i = 0; i < c->ndev; i++)
        if (overlap(first, last, c->dev[i].first, c->dev[i].last)) {
            snprintf(msg, sizeof msg, "device address %03X is already in use (%s)",
                     first > c->dev[i].first ? first : c->dev[i].first, c->dev[i].where);
            return msg;
        }
    for (int i = 0; i < c->nurec; i++) {
        const char *at = strchr(c->urec[i], '@');
        long long a = at ? parse_hex(at + 1, 0xFFF) : -1;
        if (a >= 0 && overlap(first, last, (unsigned)a, (unsigned)a)) {
            snprintf(msg, sizeof msg, "device address %03llX is already in use (%s)", a, c->urec[i]);
            return msg;
        }
    }
    return NULL;
}

const char *mconf_add(struct mconf *c, const char *type, unsigned first, unsigned last,
                      const char *arg, const char *where)
{
    static char msg[120];
    if (c->ndev == MCONF_MAX_DEVS) {
        snprintf(msg, sizeof msg, "too many devices (at most %d statements)", MCONF_MAX_DEVS);
        return msg;
    }
    const char *err = mconf_check_addr(c, first, last);
    if (err)
        return err;
    c->dev[c->ndev++] = (struct mconf_dev){type, (uint16_t)first, (uint16_t)last, arg, where};
    return NULL;
}

/* The type of the volume on DASD device d ("3350"), or NULL if d is none. */
static const char *volume_type(struct device *d)
{
    struct volume *v = d->ops == &ckd_ops ? ckd_volume(d) : d->ops == &fba_ops ? fba_volume(d) : NULL;
    return v ? vol_info(v)->type->name : NULL;
}

/* Attach one device statement (every address of a 3270 range, each given
   to the server).  0, or an exit status after a message. */
static int attach(struct machine *m, struct tn3270_server *tn, const struct mconf_dev *s,
                  const char *who)
{
    const char *err = NULL;
    bool dasd = mconf_dasd_type(s->type);
    for (unsigned a = s->first; a <= s->last; a++) {
        struct device *d = dev_create(m, dasd ? "dasd" : s->type, (uint16_t)a, s->arg, &err);
        if (d && dasd && strcmp(volume_type(d), s->type)) {
            fprintf(stderr, "%s: %s: %s is a %s volume, not a %s\n", who, s->where, s->arg,
                    volume_type(d), s->type);
            return EXIT_BAD_INPUT;
        }
        if (d && tn && !strcmp(s->type, "3270") && tn3270_server_add(tn, d))
            err = "out of memory", d = NULL;
        if (!d) {
            fprintf(stderr, "%s: %s: %s\n", who, s->where, err);
            return EXIT_BAD_INPUT;
        }
    }
    return 0;
}

int mconf_build(const struct mconf *c, const char *who, struct machine **mp,
                struct tn3270_server **tnp)
{
    *mp = NULL;
    *tnp = NULL;
    bool any3270 = false, reader_taken = false;
    for (int i = 0; i < c->ndev; i++) {
        any3270 |= !strcmp(c->dev[i].type, "3270");
        reader_taken |= overlap(c->dev[i].first, c->dev[i].last, 0x00C, 0x00C);
    }
    if (c->tn3270 && !any3270) {
        fprintf(stderr, "%s: the TN3270 server needs 3270 displays (--3270 CUU[-CUU])\n", who);
        return EXIT_USAGE;
    }
    struct machine *m = machine_new((uint32_t)c->storage, c->deterministic);
    if (!m) {
        fprintf(stderr, "%s: cannot allocate %lld bytes of storage\n", who, c->storage);
        return EXIT_BAD_INPUT;
    }
    struct tn3270_server *tn = NULL;
    const char *err = NULL;
    int status = 0;
    if (!dev_create(m, "3215", 0x009, NULL, &err)) {
        fprintf(stderr, "%s: console 009: %s\n", who, err);
        status = EXIT_BAD_INPUT;
    }
    if (!status && c->tn3270 && !(tn = tn3270_server_new(m, stderr)))
        status = EXIT_BAD_INPUT;
    for (int i = 0; i < c->ndev && !status; i++)
        status = attach(m, tn, &c->dev[i], who);
    if (!status)
        status = spool_attach_devices(m, c->spool, (char **)c->urec, c->nurec, reader_taken);
    if (!status && tn) {
        char msg[300];
        tn3270_server_limits(tn, c->tn_max, c->tn_timeout);
        int port = tn3270_server_listen(tn, c->tn3270, msg, sizeof msg);
        if (port < 0) {
            fprintf(stderr, "%s: the TN3270 server: %s\n", who, msg);
            status = EXIT_BAD_INPUT;
        } else {
            fprintf(stderr, "%s: tn3270 server listening on port %d\n", who, port);
        }
    }
    if (status) {
        tn3270_server_free(tn);
        machine_free(m);
        return status;
    }
    *mp = m;
    *tnp = tn;
    return 0;
}
