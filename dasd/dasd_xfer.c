/*
 * dasd_xfer.c - import, export and copy of whole volumes (dasd_xfer.h).
 *
 * Each moves tracks one at a time in track order between a reader and a
 * writer, checking every image on the way (trk_check through
 * herc_read_track, herc_write_track, or here for copies).  A new volume
 * file is made by vol_create (every track formatted) and then overwritten
 * in one transaction, so a failure part way leaves nothing committed; the
 * half-made file is then removed.
 */
#include <ctype.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dasd_xfer.h"
#include "ebcdic.h"
#include "track.h"
#include "volume.h"

static bool volser_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '#' || c == '@' ||
           c == '-';
}

int xfer_label_volser(const uint8_t *buf, size_t len, char volser[7], char label[5])
{
    static const char *const ids[] = {"VOL1", "CMS1", "CMS="};
    size_t off = TRK_HA_LEN;
    struct trk_rec r;
    int k;
    while ((k = trk_record_at(buf, len, off, &r)) == 1 && r.r != 3)
        off += trk_rec_size(&r);
    if (k != 1 || r.dl < 10)
        return 0;
    char text[11];
    ebcdic_to_ascii_buf(text, buf + r.off + TRK_COUNT_LEN + r.kl, 10);
    text[10] = 0;
    for (unsigned i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        if (memcmp(text, ids[i], 4))
            continue;
        size_t n = 6;
        while (n > 0 && text[4 + n - 1] == ' ')
            n--;
        if (n == 0)
            return 0;
        for (size_t j = 0; j < n; j++)
            if (!volser_char(text[4 + j]))
                return 0;
        memcpy(volser, text + 4, n);
        volser[n] = 0;
        memcpy(label, ids[i], 5);
        return 1;
    }
    return 0;
}

/* A serial from the image's file name: its base name up to the first dot,
   upper case, the characters a serial may have, at most 6. */
static void volser_from_name(const char *path, char volser[7])
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = 0;
    for (; *base && *base != '.' && n < 6; base++) {
        char c = (char)toupper((unsigned char)*base);
        if (volser_char(c))
            volser[n++] = c;
    }
    if (n == 0)
        memcpy(volser, "IMPORT", n = 6);
    volser[n] = 0;
}

/* Remove a volume file that was being made, with SQLite's side files. */
static void remove_volume(const char *path)
{
    char side[4200];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* Create `path` like the result says and open it for writing. */
static struct volume *make_volume(const char *path, const struct xfer_result *res,
                                  enum vol_sync sync, char *err, size_t errlen)
{
    if (vol_create(path, res->type, res->cyls, res->volser, sync, NULL, NULL, err, errlen))
        return NULL;
    struct volume *v = vol_open(path, false, err, errlen);
    if (!v)
        remove_volume(path);
    return v;
}

/* Commit and close the new volume v; on failure (or if failed is set)
   roll back and remove it.  Returns 0 or -1. */
static int end_volume(struct volume *v, const char *path, bool failed, char *err, size_t errlen)
{
    if (!failed && vol_commit(v)) {
        snprintf(err, errlen, "%s", vol_error(v));
        failed = true;
    }
    if (failed)
        vol_rollback(v);
    vol_close(v);
    if (failed)
        remove_volume(path);
    return failed ? -1 : 0;
}

/* Report the end of cylinder t / heads if track t is its last. */
static void progress(const struct xfer_progress *prog, unsigned t, unsigned heads, unsigned cyls)
{
    if (prog && prog->fn && (t + 1) % heads == 0)
        prog->fn((t + 1) / heads, cyls, prog->arg);
}

int xfer_import(const char *image, const char *volpath, const char *volser, enum vol_sync sync,
                const struct xfer_progress *prog, struct xfer_result *res, char *err,
                size_t errlen)
{
    memset(res, 0, sizeof *res);
    struct herc_reader *r = herc_open(image, err, errlen);
    if (!r)
        return -1;
    const struct herc_geom *g = herc_geom(r);
    res->type = g->type;
    res->cyls = g->cyls;
    res->heads = g->heads;
    res->kind = g->kind;
    uint8_t *buf = malloc(DASD_MAX_TRACK);
    if (!buf) {
        snprintf(err, errlen, "%s: out of memory", image);
        herc_close(r);
        return -1;
    }
    size_t len;
    /* Track 0 first: its label names the volume. */
    if (herc_read_track(r, 0, buf, &len, err, errlen))
        goto bad;
    if (volser) {
        snprintf(res->volser, sizeof res->volser, "%.6s", volser);
        res->volser_src = XFER_VOLSER_OPTION;
        if (strlen(volser) > 6) {
            snprintf(err, errlen, "%s: volume serial '%s': give 1-6 of A-Z 0-9 $ # @ -", volpath,
                     volser);
            goto bad;
        }
    } else if (xfer_label_volser(buf, len, res->volser, res->label)) {
        res->volser_src = XFER_VOLSER_LABEL;
    } else {
        volser_from_name(image, res->volser);
        res->volser_src = XFER_VOLSER_FILENAME;
    }
    struct volume *v = make_volume(volpath, res, sync, err, errlen);
    if (!v)
        goto bad;
    bool failed = false;
    unsigned ntrk = g->cyls * g->heads;
    for (unsigned t = 0; t < ntrk && !failed; t++) {
        if (t > 0 && herc_read_track(r, t, buf, &len, err, errlen))
            failed = true;
        else if (vol_write_track(v, t, buf, len)) {
            snprintf(err, errlen, "%s", vol_error(v));
            failed = true;
        } else {
            progress(prog, t, g->heads, g->cyls);
        }
    }
    int rc = end_volume(v, volpath, failed, err, errlen);
    free(buf);
    herc_close(r);
    return rc;
bad:
    free(buf);
    herc_close(r);
    return -1;
}

/* An FBA volume as a raw image: its blocks in order, nothing else (what
   Hercules takes as an FBA image file).  A new file; removed on error. */
static int export_raw(struct volume *v, const char *image, char *err, size_t errlen)
{
    const struct vol_info *i = vol_info(v);
    int fd = open(image, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", image, strerror(errno));
        return -1;
    }
    uint8_t *buf = malloc(DASD_MAX_TRACK);
    int rc = buf ? 0 : -1;
    if (!buf)
        snprintf(err, errlen, "%s: out of memory", image);
    for (unsigned r = 0; !rc && r < i->cyls; r++) {           /* FBA: cyls are rows */
        size_t len, want = (size_t)vol_row_blocks(i, r) * i->type->blksize;
        if (vol_read_track(v, r, buf, &len)) {
            snprintf(err, errlen, "%s", vol_error(v));
            rc = -1;
        } else if (len != want) {
            snprintf(err, errlen, "%s: row %u: %zu bytes, not %zu", vol_path(v), r, len, want);
            rc = -1;
        } else if (write(fd, buf, len) != (ssize_t)len) {
            snprintf(err, errlen, "%s: %s", image, strerror(errno));
            rc = -1;
        }
    }
    if (close(fd) < 0 && !rc) {
        snprintf(err, errlen, "%s: %s", image, strerror(errno));
        rc = -1;
    }
    if (rc)
        unlink(image);
    free(buf);
    return rc;
}

int xfer_export(const char *volpath, const char *image, enum herc_kind kind, enum herc_comp comp,
                const struct xfer_progress *prog, struct xfer_result *res, char *err,
                size_t errlen)
{
    memset(res, 0, sizeof *res);
    struct volume *v = vol_open(volpath, true, err, errlen);
    if (!v)
        return -1;
    const struct vol_info *i = vol_info(v);
    res->type = i->type;
    res->cyls = i->cyls;
    res->heads = i->heads;
    res->kind = kind;
    memcpy(res->volser, i->volser, sizeof res->volser);
    if (i->type->fba) {
        res->cyls = i->blocks;
        int rc = export_raw(v, image, err, errlen);
        vol_close(v);
        return rc;
    }
    uint8_t *buf = malloc(DASD_MAX_TRACK);
    struct herc_writer *w = buf ? herc_create(image, kind, comp, i->type, i->cyls, err, errlen)
                                : NULL;
    if (!buf)
        snprintf(err, errlen, "%s: out of memory", image);
    int rc = w ? 0 : -1;
    for (unsigned t = 0; !rc && t < i->cyls * i->heads; t++) {
        size_t len;
        if (vol_read_track(v, t, buf, &len)) {
            snprintf(err, errlen, "%s", vol_error(v));
            rc = -1;
        } else {
            rc = herc_write_track(w, buf, len, err, errlen);
            if (!rc)
                progress(prog, t, i->heads, i->cyls);
        }
    }
    if (w) {
        if (rc)
            herc_abort(w);
        else
            rc = herc_finish(w, err, errlen);
    }
    free(buf);
    vol_close(v);
    return rc;
}

int xfer_copy(const char *from, const char *to, int sync, const struct xfer_progress *prog,
              struct xfer_result *res, char *err, size_t errlen)
{
    memset(res, 0, sizeof *res);
    struct volume *src = vol_open(from, true, err, errlen);
    if (!src)
        return -1;
    const struct vol_info *i = vol_info(src);
    res->type = i->type;
    res->cyls = i->type->fba ? i->blocks : i->cyls;   /* what vol_create takes */
    res->heads = i->heads;
    memcpy(res->volser, i->volser, sizeof res->volser);
    uint8_t *buf = malloc(DASD_MAX_TRACK);
    if (!buf) {
        snprintf(err, errlen, "%s: out of memory", to);
        vol_close(src);
        return -1;
    }
    struct volume *dst = make_volume(to, res, sync < 0 ? i->sync : (enum vol_sync)sync, err, errlen);
    if (!dst) {
        free(buf);
        vol_close(src);
        return -1;
    }
    bool failed = false;
    unsigned rows = i->type->fba ? i->cyls : i->cyls * i->heads;    /* FBA: cyls are rows */
    for (unsigned t = 0; t < rows && !failed; t++) {
        size_t len;
        char why[200];
        failed = true;
        if (vol_read_track(src, t, buf, &len))
            snprintf(err, errlen, "%s", vol_error(src));
        else if (i->type->fba && len != (size_t)vol_row_blocks(i, t) * i->type->blksize)
            snprintf(err, errlen, "%s: row %u: %zu bytes, not %u blocks", from, t, len,
                     vol_row_blocks(i, t));
        else if (!i->type->fba &&
                 trk_check(i->type, buf, len, t / i->heads, t % i->heads, why, sizeof why))
            snprintf(err, errlen, "%s: cylinder %u head %u: %s", from, t / i->heads,
                     t % i->heads, why);
        else if (vol_write_track(dst, t, buf, len))
            snprintf(err, errlen, "%s", vol_error(dst));
        else
            failed = false;
        if (!failed)
            progress(prog, t, i->heads, i->cyls);
    }
    int rc = end_volume(dst, to, failed, err, errlen);
    free(buf);
    vol_close(src);
    return rc;
}
