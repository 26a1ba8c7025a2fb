/*
 * card.h - the card reader and punch commands (card_cmds.h.inc) decoded,
 * for cardrdr.c and cardpch.c.
 */
#ifndef CPCMS_CARD_H
#define CPCMS_CARD_H

#include <stddef.h>
#include <stdint.h>

enum card_kind { CK_READ, CK_FEED, CK_PUNCH, CK_NOP, CK_SENSE, CK_SENSEID };
enum { CM_2540R = 1, CM_3505 = 2, CM_2540P = 4, CM_3525 = 8, CM_ALL = 15 };

struct card_cmd {
    uint8_t code;
    uint8_t kind;     /* enum card_kind */
    uint8_t models;   /* CM_ bits */
};

/* The command `code` of a device of model bit `model`, or NULL (command
   reject). */
static inline const struct card_cmd *card_cmd_find(uint8_t code, unsigned model)
{
    static const struct card_cmd cmds[] = {
#define CARD_CMD(code, kind, models) {code, kind, models},
#include "card_cmds.h.inc"
#undef CARD_CMD
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (cmds[i].code == code)
            return (cmds[i].models & model) ? &cmds[i] : NULL;
    return NULL;
}

#endif
