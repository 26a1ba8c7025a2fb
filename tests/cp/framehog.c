/*
 * framehog.c - a guest that wants more real storage than there is
 * (tests/cp/frames_test.sh runs it in a 16M virtual machine on a 16M
 * machine): it stores into every page of its storage, from 1M up.  With
 * no paging yet, CP runs out of frames and must stop this guest alone.
 */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    uint32_t size;
    __asm__ volatile(".insn rs,0x83000000,2,0,0x60\n\tlr %0,2" : "=d"(size) : : "2");
    printf("framehog: %u K to touch\n", (unsigned)(size >> 10));
    for (uint32_t a = 0x100000; a < size; a += 4096)
        *(volatile uint8_t *)(uintptr_t)a = 1;
    printf("framehog: every page touched\n");
    return 0;
}
