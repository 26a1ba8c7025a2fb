/*
 * prt_fcb.h - a line printer's carriage (prt_fcb.c): the forms control
 * buffer (which line of the form carries which of the channels 1-12,
 * as a 1403's carriage tape or a 3211's FCB does), the current line, and
 * the moves the carriage control commands make; also the printer command
 * table (prt_cmds.h.inc) decoded.  The printer (printer.c) moves its
 * carriage with it, and the text rendering of stored print files
 * (spool_text.c) replays the same moves, so the two cannot disagree.
 */
#ifndef CPCMS_PRT_FCB_H
#define CPCMS_PRT_FCB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PRT_MAX_LINES 180   /* the longest form a 3211 FCB describes */
#define PRT_SKIP 16         /* command arg: PRT_SKIP + channel = skip */

enum prt_kind { PK_WRITE, PK_IMMED, PK_NOP, PK_SENSE, PK_SENSEID, PK_FCB, PK_UCSGATE, PK_UCS, PK_FOLD };
enum { PM_1403 = 1, PM_3211 = 2, PM_ALL = 3 };

struct prt_cmd {
    uint8_t code;
    uint8_t kind;      /* enum prt_kind */
    uint8_t arg;       /* lines 0-3, or PRT_SKIP + channel */
    uint8_t models;    /* PM_ bits */
};

/* The command `code` for a printer of model bit `model`, or NULL. */
const struct prt_cmd *prt_cmd_find(uint8_t code, unsigned model);

/*
 * The carriage.  Invariants: 1 <= lpp <= PRT_MAX_LINES; 1 <= line <= lpp;
 * chan[i] is 0 (no channel) or 1-12 for lines i = 1..lpp.
 */
struct prt_carriage {
    unsigned lpp;
    unsigned line;
    uint8_t chan[PRT_MAX_LINES + 1];
};

/* One move of the carriage, as the text rendering needs it. */
struct prt_move {
    unsigned lines;     /* line feeds before the page end, or all of them */
    bool newpage;       /* passed the end of the form */
    unsigned pages;     /* how many times (spacing a short form: more than 1) */
    unsigned after;     /* with newpage: line feeds from the last line 1 on */
    bool ch9, ch12;     /* spacing reached a line with channel 9 / 12 */
};

/* The default form: 66 lines, channel 1 on line 1, channels 2-8 on lines
   7, 13, ... 43, 10 on 49, 11 on 55, 9 on 60 and 12 on 63. */
void prt_fcb_default(struct prt_carriage *c);

/*
 * Load an FCB image (command X'63'): one byte per line, the channel in
 * bits 4-7 (0 none, 1-12), bit 3 (X'10') on the last line of the form.
 * With `index_ok` (3211) a first byte X'81'-X'9F' is the print position
 * index byte and is skipped.  The carriage goes to line 1.  Returns 0,
 * or -1 (the carriage unchanged) for an image without its end mark,
 * longer than PRT_MAX_LINES or with a channel code 13-15.
 */
int prt_fcb_load(struct prt_carriage *c, const uint8_t *img, size_t n, bool index_ok);
/* The FCB as an image prt_fcb_load() takes back (no index byte); returns
   its length (lpp). */
size_t prt_fcb_image(const struct prt_carriage *c, uint8_t *img);

/* Space n (0-3) lines. */
void prt_space(struct prt_carriage *c, unsigned n, struct prt_move *mv);
/* Skip to the next line carrying channel ch (the next form's if the
   carriage is on it).  Returns 0, or -1 (no move) if no line has it. */
int prt_skip(struct prt_carriage *c, unsigned ch, struct prt_move *mv);
/* Move as command arg says (lines or PRT_SKIP + channel). */
int prt_move_arg(struct prt_carriage *c, unsigned arg, struct prt_move *mv);

#endif
