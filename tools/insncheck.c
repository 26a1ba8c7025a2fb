/*
 * insncheck.c - the opcode coverage check: reads `objdump -d` output of
 * S/370 binaries on stdin and reports every instruction whose opcode the
 * machine's table (machine/insn.h.inc) does not have.  Exit status 1 if
 * any is missing, so that a test fails when the compiler starts emitting
 * an instruction the machine cannot execute.
 *
 *   s390x-linux-gnu-objdump -d prog.elf | insncheck prog.elf
 *
 * objdump knows z/Architecture, not S/370: an instruction only S/370 has
 * (SSK, ISK, SIO...) it prints as data (.long, .short), cutting it
 * together with the bytes that follow.  From such a line on, the bytes
 * are decoded here, by the instruction lengths, until an instruction ends
 * where an objdump line ends.  Zero halfwords there are the padding
 * between functions (X'0000' is no instruction).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "insn.h"

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "stdin";
    char line[512];
    long checked = 0, missing = 0;
    uint8_t carry[64];          /* bytes being decoded here (see above) */
    size_t ncarry = 0;
    while (fgets(line, sizeof line, stdin)) {
        /* "  10c:\t90 8f f0 20       \tstm\t%r8,%r15,32(%r15)" */
        char *colon = strchr(line, ':');
        char *tab = colon ? strchr(colon, '\t') : NULL;
        if (!tab || line[0] != ' ')
            continue;
        uint8_t ip[6] = {0};
        int n = 0;
        char *p = tab + 1;
        while (n < 6) {
            unsigned v;
            int used;
            if (sscanf(p, "%2x%n", &v, &used) != 1 || used != 2 || (p[2] != ' ' && p[2] != '\t'))
                break;
            ip[n++] = (uint8_t)v;
            p += 3;
        }
        char *mn = strchr(p, '\t');
        bool data = mn && mn[1] == '.';     /* .long, .short, .byte */
        if (data || ncarry) {
            if (ncarry + (size_t)n > sizeof carry) {
                ncarry = 0;
                continue;
            }
            memcpy(carry + ncarry, ip, (size_t)n);
            ncarry += (size_t)n;
            while (ncarry >= 2 && ncarry >= insn_len(carry[0])) {
                unsigned len = insn_len(carry[0]);
                if (carry[0] == 0 && carry[1] == 0) {   /* alignment padding */
                    memmove(carry, carry + 2, ncarry - 2);
                    ncarry -= 2;
                    continue;
                }
                checked++;
                if (!insn_lookup(carry)) {
                    missing++;
                    fprintf(stderr, "%s: no such instruction in the machine: %02X%02X (bytes objdump shows as data)\n",
                            what, carry[0], carry[1]);
                }
                memmove(carry, carry + len, ncarry - len);
                ncarry -= len;
            }
            continue;
        }
        if (n < 2 || (unsigned)n != insn_len(ip[0]))
            continue; /* continuation lines of long instructions */
        checked++;
        if (!insn_lookup(ip)) {
            missing++;
            fprintf(stderr, "%s: no such instruction in the machine: %02X%02X %s", what, ip[0], ip[1],
                    mn ? mn + 1 : "\n");
        }
    }
    printf("%s: %ld instructions checked, %ld missing\n", what, checked, missing);
    return missing ? 1 : 0;
}
