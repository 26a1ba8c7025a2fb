/*
 * prt_fcb.c - a line printer's carriage and the printer command table
 * (prt_fcb.h).  Spacing moves line by line and notes the overflow
 * channels (9 and 12) of the lines it reaches; a skip moves to the next
 * line carrying the channel, through the end of the form if need be.
 */
#include <assert.h>
#include <string.h>

#include "prt_fcb.h"

static const struct prt_cmd prt_cmds[] = {
#define PRT_CMD(code, kind, arg, models) {code, kind, arg, models},
#include "prt_cmds.h.inc"
#undef PRT_CMD
};

const struct prt_cmd *prt_cmd_find(uint8_t code, unsigned model)
{
    for (size_t i = 0; i < sizeof prt_cmds / sizeof prt_cmds[0]; i++)
        if (prt_cmds[i].code == code)
            return (prt_cmds[i].models & model) ? &prt_cmds[i] : NULL;
    return NULL;
}

static void prt_assert_state(const struct prt_carriage *c)
{
    (void)c;
    assert(c->lpp >= 1 && c->lpp <= PRT_MAX_LINES);
    assert(c->line >= 1 && c->line <= c->lpp);
}

void prt_fcb_default(struct prt_carriage *c)
{
    memset(c, 0, sizeof *c);
    c->lpp = 66;
    c->line = 1;
    for (unsigned ch = 1; ch <= 8; ch++)
        c->chan[1 + 6 * (ch - 1)] = (uint8_t)ch;
    c->chan[49] = 10;
    c->chan[55] = 11;
    c->chan[60] = 9;
    c->chan[63] = 12;
}

int prt_fcb_load(struct prt_carriage *c, const uint8_t *img, size_t n, bool index_ok)
{
    if (index_ok && n && img[0] >= 0x81 && img[0] <= 0x9F) {
        img++;
        n--;
    }
    struct prt_carriage t;
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < n; i++) {
        if (i == PRT_MAX_LINES || (img[i] & 0x0F) > 12 || (img[i] & 0xE0))
            return -1;
        t.chan[i + 1] = img[i] & 0x0F;
        if (img[i] & 0x10) {
            t.lpp = (unsigned)i + 1;
            t.line = 1;
            *c = t;
            prt_assert_state(c);
            return 0;
        }
    }
    return -1; /* no end-of-form mark */
}

size_t prt_fcb_image(const struct prt_carriage *c, uint8_t *img)
{
    for (unsigned i = 1; i <= c->lpp; i++)
        img[i - 1] = (uint8_t)(c->chan[i] | (i == c->lpp ? 0x10 : 0));
    return c->lpp;
}

void prt_space(struct prt_carriage *c, unsigned n, struct prt_move *mv)
{
    memset(mv, 0, sizeof *mv);
    for (unsigned i = 0; i < n; i++) {
        if (c->line == c->lpp) {
            c->line = 1;
            mv->newpage = true;
            mv->pages++;
            mv->after = 0;
        } else {
            c->line++;
            if (mv->newpage)
                mv->after++;
            else
                mv->lines++;
        }
        mv->ch9 |= c->chan[c->line] == 9;
        mv->ch12 |= c->chan[c->line] == 12;
    }
    prt_assert_state(c);
}

int prt_skip(struct prt_carriage *c, unsigned ch, struct prt_move *mv)
{
    memset(mv, 0, sizeof *mv);
    for (unsigned l = c->line + 1; l <= c->lpp; l++)
        if (c->chan[l] == ch) {
            mv->lines = l - c->line;
            c->line = l;
            return 0;
        }
    for (unsigned l = 1; l <= c->line; l++)
        if (c->chan[l] == ch) {
            mv->newpage = true;
            mv->pages = 1;
            mv->after = l - 1;
            c->line = l;
            return 0;
        }
    return -1;
}

int prt_move_arg(struct prt_carriage *c, unsigned arg, struct prt_move *mv)
{
    if (arg > PRT_SKIP)
        return prt_skip(c, arg - PRT_SKIP, mv);
    prt_space(c, arg, mv);
    return 0;
}
