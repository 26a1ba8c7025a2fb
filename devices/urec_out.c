/*
 * urec_out.c - the output side of a punch or printer (urec.h): the records
 * a channel program produced, committed to the spool database when the
 * program ends (program_end(), where the program sees them accepted), or
 * earlier when UREC_MAX_PENDING of them wait.  Each commit is one short
 * transaction on the device's own connection, so two devices never wait
 * for each other's locks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "urec.h"

const char *urec_spool_path(const char *arg, bool plain_ok)
{
    if (!arg || !*arg)
        return NULL;
    if (!strncmp(arg, "spool=", 6))
        return arg[6] ? arg + 6 : NULL;
    return plain_ok ? arg : NULL;
}

int urec_out_open(struct urec_out *o, const char *path, enum spool_queue q, uint16_t addr,
                  const char *devtype, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->sp = spool_open(path, true, err, errlen);
    if (!o->sp)
        return -1;
    o->queue = q;
    o->addr = addr;
    o->devtype = devtype;
    return 0;
}

int urec_out_add(struct urec_out *o, uint8_t cmd, const uint8_t *data, size_t len)
{
    if (len > 0xFFFF)
        len = 0xFFFF;
    if (o->len + 3 + len > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->len + 3 + len)
            cap *= 2;
        uint8_t *nb = realloc(o->buf, cap);
        if (!nb) {
            o->failed = true;
            return -1;
        }
        o->buf = nb;
        o->cap = cap;
    }
    uint8_t *p = o->buf + o->len;
    p[0] = cmd;
    p[1] = (uint8_t)(len >> 8);
    p[2] = (uint8_t)len;
    memcpy(p + 3, data, len);
    o->len += 3 + len;
    if (++o->npending >= UREC_MAX_PENDING)
        return urec_out_commit(o);
    return 0;
}

int urec_out_commit(struct urec_out *o)
{
    if (!o->npending)
        return 0;
    int r = spool_begin(o->sp);
    long long file = o->file, seq = o->seq;
    if (!r && !file)
        r = spool_new_output(o->sp, o->queue, o->addr, o->devtype, &file);
    for (size_t off = 0; !r && off < o->len;) {
        const uint8_t *p = o->buf + off;
        size_t n = (size_t)p[1] << 8 | p[2];
        r = spool_append(o->sp, file, seq++, p[0], p + 3, n);
        off += 3 + n;
    }
    if (!r)
        r = spool_commit(o->sp);
    o->len = 0;
    o->npending = 0;
    if (r) {
        o->failed = true;
        return -1;
    }
    o->file = file;
    o->seq = seq;
    return 0;
}

int urec_out_program_end(struct urec_out *o)
{
    int r = urec_out_commit(o);
    if (o->failed)
        r = -1;
    o->failed = false;
    return r;
}

void urec_out_close(struct urec_out *o)
{
    if (!o->sp)
        return;
    urec_out_commit(o);
    if (o->file)
        spool_close_output(o->sp, o->file);
    spool_close(o->sp);
    free(o->buf);
    memset(o, 0, sizeof *o);
}
