/*
 * spool_text.c - spool files as the host wants them (spool_text.h), for
 * `cpcms spool get` (host/cmd_spool.c).
 *
 * Text: cards (reader and punch files) are one line each, EBCDIC turned
 * into ASCII, trailing blanks dropped.  Print files replay the printer's
 * carriage (prt_fcb.c) from its default form and the FCB loads stored
 * with the lines: each line printed ends with a line feed per line spaced;
 * write without spacing ends with a carriage return (the next line
 * overprints it); passing the end of the form is a form feed, then line
 * feeds down to the line reached.
 *
 * Raw: cards are their 80 bytes, back to back (a deck that `cpcms spool
 * queue --binary` takes again); print records are each the command byte,
 * the length (2 bytes, big-endian) and the EBCDIC data.
 */
#include <string.h>

#include "ebcdic.h"
#include "prt_fcb.h"
#include "spool_text.h"

struct render {
    FILE *out;
    bool raw;
    bool printer;
    struct prt_carriage car;
    bool open_line;      /* text on the current line not yet ended */
};

static void put_text(struct render *r, const uint8_t *data, size_t len)
{
    char line[256];
    while (len && (data[len - 1] == 0x40 || data[len - 1] == 0x00))
        len--;
    for (size_t i = 0; i < len; i += sizeof line) {
        size_t n = len - i < sizeof line ? len - i : sizeof line;
        ebcdic_to_ascii_buf(line, data + i, n);
        for (size_t k = 0; k < n; k++)
            if ((unsigned char)line[k] < 0x20 || (unsigned char)line[k] == 0x7F)
                line[k] = ' ';
        fwrite(line, 1, n, r->out);
    }
}

static void put_move(struct render *r, const struct prt_move *mv)
{
    if (mv->newpage) {
        if (r->open_line)
            fputc('\n', r->out);
        for (unsigned i = 0; i < mv->pages; i++)
            fputc('\f', r->out);
        for (unsigned i = 0; i < mv->after; i++)
            fputc('\n', r->out);
    } else {
        for (unsigned i = 0; i < mv->lines; i++)
            fputc('\n', r->out);
    }
    r->open_line = false;
}

static int one_record(uint8_t cmd, const uint8_t *data, size_t len, void *arg)
{
    struct render *r = arg;
    if (r->raw) {
        if (r->printer) {
            uint8_t hdr[3] = {cmd, (uint8_t)(len >> 8), (uint8_t)len};
            fwrite(hdr, 1, 3, r->out);
        }
        fwrite(data, 1, len, r->out);
        return 0;
    }
    if (!r->printer) {
        put_text(r, data, len);
        fputc('\n', r->out);
        return 0;
    }
    const struct prt_cmd *c = prt_cmd_find(cmd, PM_ALL);
    if (!c)
        return 0;
    struct prt_move mv;
    switch (c->kind) {
    case PK_FCB:
        prt_fcb_load(&r->car, data, len, false);
        return 0;
    case PK_WRITE:
        put_text(r, data, len);
        r->open_line = true;
        if (c->arg == 0) {
            fputc('\r', r->out);
            return 0;
        }
        /* fall through */
    case PK_IMMED:
        if (prt_move_arg(&r->car, c->arg, &mv))
            prt_space(&r->car, 1, &mv); /* a skip the form cannot make */
        put_move(r, &mv);
        return 0;
    default:
        return 0;
    }
}

int spool_text_render(struct spool *s, const struct spool_file *f, bool raw, FILE *out)
{
    struct render r = {.out = out, .raw = raw, .printer = f->queue == SPOOL_PRINTER};
    prt_fcb_default(&r.car);
    int rc = spool_records(s, f->id, one_record, &r);
    if (!rc && r.open_line && !raw)
        fputc('\n', out);
    return rc;
}
