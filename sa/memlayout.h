/*
 * memlayout.h - storage map of a stand-alone S/370 program (sa/).
 *
 * Shared by crt0.S, the C runtime in sa/ and the host tool
 * tools/elf2deck.c, so it holds only plain #defines (no C syntax).
 * The linker script sa/sa.ld repeats SA_IMAGE_BASE (ld cannot include it).
 *
 *   0x100000 +---------------------------+ SA_STACK_TOP (1 MB, end of storage)
 *            | stack, grows down         |   r15 = SA_STACK_TOP - 96 at entry
 *            |            |              |
 *            |            v              |
 *   0x0C0000 +---------------------------+ SA_HEAP_END
 *            | heap (malloc), grows up   |   IPL: CCW cards are read here
 *            |            ^              |   (elf2deck's address L), then
 *            |            |              |   the heap reuses the space
 *     _end   +---------------------------+
 *            | .bss (cleared by crt0)    |
 *            | .data                     |
 *            | .rodata                   |
 *            | .text (_start first)      |
 *   0x010000 +---------------------------+ SA_IMAGE_BASE (sa/sa.ld)
 *            | unused                    |
 *   0x001000 +---------------------------+ SA_LOWCORE_END
 *            | low core: PSWs, CAW, CSW; |   the program touches only the
 *            | IPL PSW and CCWs (0-23)   |   CAW (72) and reads the CSW (64)
 *   0x000000 +---------------------------+
 */
#ifndef SA_MEMLAYOUT_H
#define SA_MEMLAYOUT_H

#define SA_LOWCORE_END  0x001000   /* first byte above low core */
#define SA_IMAGE_BASE   0x010000   /* link address of the image (sa.ld) */
#define SA_HEAP_END     0x0C0000   /* heap and IPL CCW cards end below */
#define SA_STACK_TOP    0x100000   /* initial stack pointer + 96 */
#define SA_STACK_FRAME  96         /* s390 31-bit ABI register save area */

/* Low-core locations used by channel I/O (GA22-7000, "Assigned locations") */
#define SA_LC_CSW       0x40       /* channel status word, 8 bytes */
#define SA_LC_CAW       0x48       /* channel address word, 4 bytes */

#endif
