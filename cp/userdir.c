/*
 * userdir.c - the user directory in CP: read at IPL from the system
 * residence volume (common/sysres.h says where), checked once with
 * dir_validate(), kept in free storage and looked up with the decoders
 * of common/directory.h.  A volume without a directory, or with a bad
 * one, leaves CP running with no users but the operator.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "directory.h"
#include "sysres.h"
#include "userdir.h"

#define PER_READ 16

static uint8_t *blob;
static size_t blob_len;

int userdir_load(void)
{
    const uint8_t *sp = psa() + SYSRES_PARM_ADDR;
    uint32_t track = get32(sp + SP_DIR_TRACK), len = get32(sp + SP_DIR_LEN);
    unsigned per = get16(sp + SP_DIR_PERTRK), heads = get16(sp + SP_HEADS);
    if (len == 0 || per == 0 || len > SYSRES_DIR_RECORDS * SYSRES_DIR_RECLEN) {
        printf("DMKDIR101W NO USER DIRECTORY ON THE SYSTEM VOLUME\n");
        return -1;
    }
    unsigned nrec = (len + SYSRES_DIR_RECLEN - 1) / SYSRES_DIR_RECLEN;
    uint8_t *b = fs_alloc((size_t)nrec * SYSRES_DIR_RECLEN);
    if (!b)
        panic("NO FREE STORAGE FOR THE DIRECTORY (%u BYTES)", (unsigned)len);
    for (unsigned done = 0; done < nrec;) {
        unsigned t = track + done / per, r = done % per, n = per - r;
        if (n > nrec - done)
            n = nrec - done;
        if (n > PER_READ)
            n = PER_READ;
        void *bufs[PER_READ];
        for (unsigned i = 0; i < n; i++)
            bufs[i] = b + (size_t)(done + i) * SYSRES_DIR_RECLEN;
        if (dasd_read(cp_ipl_dev, t / heads, t % heads, r + 1, n, bufs, SYSRES_DIR_RECLEN) < 0) {
            printf("DMKDIR102E I/O ERROR READING THE USER DIRECTORY\n");
            fs_free(b);
            return -1;
        }
        done += n;
    }
    int rc = dir_validate(b, len);
    if (rc != DIR_OK) {
        printf("DMKDIR103E USER DIRECTORY NOT VALID: %s\n", dir_strerror(rc));
        fs_free(b);
        return -1;
    }
    blob = b;
    blob_len = len;
    return 0;
}

int userdir_find(const char *userid, struct dir_user *u)
{
    if (!blob || strlen(userid) > 8)
        return DIR_E_NOTFOUND;
    return dir_find_user(blob, blob_len, userid, u);
}

unsigned userdir_count(void)
{
    return blob ? (unsigned)get32(blob + 16) : 0;
}

int userdir_next_dev(const struct dir_user *u, size_t *pos, struct dir_dev *d)
{
    return blob ? dir_next_dev(blob, blob_len, u, pos, d) : 0;
}

int userdir_find_dev(const struct dir_user *u, unsigned vaddr, struct dir_dev *d)
{
    return blob ? dir_find_dev(blob, blob_len, u, vaddr, d) : DIR_E_NOTFOUND;
}

bool userdir_console(const struct dir_user *u, struct dir_dev *d)
{
    size_t pos = 0;
    while (userdir_next_dev(u, &pos, d) == 1)
        if (d->kind == DIR_CONSOLE)
            return true;
    return false;
}
