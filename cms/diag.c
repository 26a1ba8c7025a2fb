/*
 * diag.c - DIAGNOSE, CMS's way to CP (VM/370's codes and registers):
 * X'08' CP commands, X'0C' times; the disks use X'18' (disk.c).
 */
#include <stdio.h>
#include <string.h>

#include "cms.h"
#include "ebcdic.h"

int diag(unsigned code, uint32_t rx, uint32_t ry, uint32_t *rx_out, uint32_t *ry_out,
         uint32_t *r15)
{
    register uint32_t r2 __asm__("2") = rx, r4 __asm__("4") = ry,
        f __asm__("3") = r15 ? *r15 : 0;
    int cc;
    /* R15 is the stack pointer: it is kept in R1 while R15 carries the
       DIAGNOSE's operand */
    __asm__ volatile("lr 1,15\n\tlr 15,%2\n\t.insn rs,0x83000000,2,4,0(%4)\n\t"
                     "ipm %3\n\tsrl %3,28\n\tlr %2,15\n\tlr 15,1"
                     : "+d"(r2), "+d"(r4), "+d"(f), "=&d"(cc) : "a"(code) : "1", "cc", "memory");
    if (rx_out)
        *rx_out = r2;
    if (ry_out)
        *ry_out = r4;
    if (r15)
        *r15 = f;
    return cc;
}

int cp_command(const char *cmd)
{
    static uint8_t buf[240];
    size_t n = strlen(cmd);
    if (n > sizeof buf)
        n = sizeof buf;
    for (size_t i = 0; i < n; i++)
        buf[i] = ascii_to_ebcdic[(unsigned char)cmd[i]];
    uint32_t rc;
    diag(0x08, (uint32_t)(uintptr_t)buf, (uint32_t)n, NULL, &rc, NULL);
    return (int)rc;
}

int cp_command_quiet(const char *cmd, bool *unknown)
{
    static uint8_t buf[240], resp[4096];
    size_t n = strlen(cmd);
    if (n > sizeof buf)
        n = sizeof buf;
    for (size_t i = 0; i < n; i++)
        buf[i] = ascii_to_ebcdic[(unsigned char)cmd[i]];
    register uint32_t r2 __asm__("2") = (uint32_t)(uintptr_t)buf,
        r3 __asm__("3") = (uint32_t)(uintptr_t)resp, r4 __asm__("4") = 0x40000000u | (uint32_t)n,
        r5 __asm__("5") = sizeof resp;
    __asm__ volatile(".insn rs,0x83000000,2,4,8" : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5)
                     : : "cc", "memory");
    uint32_t len = r5 > sizeof resp ? sizeof resp : r5;
    *unknown = r4 == 1;
    if (*unknown)
        return 1;
    char line[256];
    size_t k = 0;
    for (uint32_t i = 0; i < len; i++) {       /* the lines, each ended by X'15' */
        if (resp[i] == 0x15 || k == sizeof line - 1) {
            line[k] = 0;
            con_write(line);
            k = 0;
        } else {
            line[k++] = (char)ebcdic_to_ascii[resp[i]];
        }
    }
    return (int)r4;
}

void cp_times(uint64_t *virt_us, uint64_t *total_us, char date[9], char time[9])
{
    static uint8_t t[32] __attribute__((aligned(8)));
    diag(0x0C, (uint32_t)(uintptr_t)t, 0, NULL, NULL, NULL);
    for (int i = 0; i < 8; i++) {
        date[i] = (char)ebcdic_to_ascii[t[i]];
        time[i] = (char)ebcdic_to_ascii[t[8 + i]];
    }
    date[8] = time[8] = 0;
    *virt_us = (uint64_t)get32(t + 16) << 32 | get32(t + 20);
    *total_us = (uint64_t)get32(t + 24) << 32 | get32(t + 28);
}
