/*
 * edf_name.c - CMS file ids and FST fields: the fn ft fm rules, the
 * EBCDIC names, the packed dates of an FST, decoding an FST for callers,
 * and the error words.  The layout is in edf.h.
 */
#include <string.h>

#include "edf.h"
#include "ebcdic.h"

const char *edf_strerror(int err)
{
    switch (err) {
    case EDF_OK: return "ok";
    case EDF_E_IO: return "I/O error";
    case EDF_E_NOTCMS: return "not CMS formatted (no CMS1 label)";
    case EDF_E_LABEL: return "damaged label";
    case EDF_E_DIR: return "damaged directory";
    case EDF_E_MAP: return "allocation map does not match the files";
    case EDF_E_FILE: return "damaged file (pointer blocks)";
    case EDF_E_NOTFOUND: return "file not found";
    case EDF_E_FULL: return "disk full";
    case EDF_E_NAME: return "invalid file id";
    case EDF_E_ARG: return "invalid record format, length or number";
    case EDF_E_ROFS: return "disk is read-only";
    case EDF_E_SPACE: return "too many files for the work area";
    case EDF_E_EOF: return "end of file";
    case EDF_E_BUF: return "record longer than the buffer";
    case EDF_E_BLKSIZE: return "bad block size";
    case EDF_E_EXISTS: return "file already exists";
    }
    return "unknown error";
}

/* Is c (ASCII, upper case) one of the characters of a CMS file id? */
static bool valid_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '#' ||
           c == '@' || c == '+' || c == '-' || c == ':' || c == '_';
}

static char upper(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c; }

int edf_name(const char *s, uint8_t out[8])
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > 8)
        return EDF_E_NAME;
    memset(out, 0x40, 8);
    for (size_t i = 0; i < n; i++) {
        char c = upper(s[i]);
        if (!valid_char(c))
            return EDF_E_NAME;
        out[i] = ascii_to_ebcdic[(unsigned char)c];
    }
    return EDF_OK;
}

int edf_mode(const char *s, uint8_t out[2])
{
    if (!s || !s[0])
        return EDF_E_NAME;
    char l = upper(s[0]), num = s[1] ? s[1] : '1';
    if (l < 'A' || l > 'Z' || num < '0' || num > '6' || (s[1] && s[2]))
        return EDF_E_NAME;
    out[0] = ascii_to_ebcdic[(unsigned char)l];
    out[1] = ascii_to_ebcdic[(unsigned char)num];
    return EDF_OK;
}

static uint8_t bcd(unsigned v) { return (uint8_t)((v / 10 % 10) << 4 | v % 10); }
static unsigned unbcd(uint8_t b)
{
    unsigned hi = b >> 4, lo = b & 15;
    return hi > 9 || lo > 9 ? 0 : hi * 10 + lo;
}

/* Stamp the FST's date fields with d->now. */
void edf_stamp(const struct edf_disk *d, uint8_t *fst)
{
    const struct edf_time *t = &d->now;
    unsigned yy = t->year % 100;
    fst[EDF_FSTDATEW] = bcd(t->mon), fst[EDF_FSTDATEW + 1] = bcd(t->day);
    fst[EDF_FSTTIMEW] = bcd(t->hour), fst[EDF_FSTTIMEW + 1] = bcd(t->min);
    fst[EDF_FSTYEARW] = (uint8_t)(0xF0 + yy / 10), fst[EDF_FSTYEARW + 1] = (uint8_t)(0xF0 + yy % 10);
    uint8_t *a = fst + EDF_FSTADATI;
    a[0] = bcd(yy), a[1] = bcd(t->mon), a[2] = bcd(t->day);
    a[3] = bcd(t->hour), a[4] = bcd(t->min), a[5] = bcd(t->sec);
    if (t->year >= 2000)
        fst[EDF_FSTFLAGS] |= EDF_FSTCNTRY;
    else
        fst[EDF_FSTFLAGS] &= (uint8_t)~EDF_FSTCNTRY;
}

/* 8 EBCDIC bytes -> ASCII without the trailing blanks. */
static void unname(const uint8_t *in, char *out)
{
    unsigned n = 8;
    while (n > 0 && in[n - 1] == 0x40)
        n--;
    for (unsigned i = 0; i < n; i++)
        out[i] = (char)ebcdic_to_ascii[in[i]];
    out[n] = 0;
}

void edf_decode(const uint8_t *fst, struct edf_stat *st)
{
    unname(fst + EDF_FSTFNAME, st->fn);
    unname(fst + EDF_FSTFTYPE, st->ft);
    st->fm[0] = (char)ebcdic_to_ascii[fst[EDF_FSTFMODE]];
    st->fm[1] = (char)ebcdic_to_ascii[fst[EDF_FSTFMODE + 1]];
    st->fm[2] = 0;
    st->recfm = fst[EDF_FSTRECFM] == EDF_RECFM_V ? 'V' : 'F';
    st->lrecl = edf_get32(fst + EDF_FSTLRECL);
    st->records = edf_get32(fst + EDF_FSTAIC);
    st->blocks = edf_get32(fst + EDF_FSTADBC);
    const uint8_t *a = fst + EDF_FSTADATI;
    st->written.year = unbcd(a[0]) + (fst[EDF_FSTFLAGS] & EDF_FSTCNTRY ? 2000 : 1900);
    st->written.mon = unbcd(a[1]), st->written.day = unbcd(a[2]);
    st->written.hour = unbcd(a[3]), st->written.min = unbcd(a[4]), st->written.sec = unbcd(a[5]);
}
