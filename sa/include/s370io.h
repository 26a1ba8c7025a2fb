/*
 * s370io.h - the S/370 I/O instructions (GA22-7000, chapter 13) for
 * programs on the machine: the stand-alone runtime and its programs, and
 * CP (cp/io.h adds what only CP needs).  Each instruction returns its
 * condition code; format-0 CCWs and the CSW's status bits are here once.
 */
#ifndef S370IO_H
#define S370IO_H

#include <stdint.h>

/* Condition codes of SIO, TIO, HIO, TCH */
#define IO_CC_OK      0     /* SIO: started; TIO: available */
#define IO_CC_STORED  1     /* CSW stored */
#define IO_CC_BUSY    2
#define IO_CC_NOTOPER 3

/* CCW flags */
#define CCW_CD   0x80
#define CCW_CC   0x40
#define CCW_SLI  0x20
#define CCW_SKIP 0x10
#define CCW_PCI  0x08
#define CCW_IDA  0x04

/* Unit status (CSW byte 4) and channel status (byte 5) */
#define US_ATTN  0x80
#define US_SM    0x40
#define US_CUE   0x20
#define US_BUSY  0x10
#define US_CE    0x08
#define US_DE    0x04
#define US_UC    0x02
#define US_UX    0x01
#define CS_IL    0x40
#define CS_PGM   0x20
#define CS_PROT  0x10
#define CS_CCC   0x04     /* channel control check */

struct ccw {
    uint32_t w0;    /* command, data address */
    uint32_t w1;    /* flags, count */
} __attribute__((aligned(8)));

static inline struct ccw ccw_make(uint8_t cmd, const void *addr, uint8_t flags, uint16_t count)
{
    return (struct ccw){(uint32_t)cmd << 24 | ((uint32_t)(uintptr_t)addr & 0xFFFFFF),
                        (uint32_t)flags << 24 | count};
}

#define IO_INSN(name, op)                                                   \
    static inline int name(unsigned dev)                                    \
    {                                                                       \
        int cc;                                                             \
        __asm__ volatile(".insn s," op ",0(%1)\n\tipm %0\n\tsrl %0,28"      \
                         : "=d"(cc) : "a"(dev) : "cc", "memory");           \
        return cc;                                                          \
    }
IO_INSN(io_sio, "0x9c000000")
IO_INSN(io_tio, "0x9d000000")
IO_INSN(io_hio, "0x9e000000")
IO_INSN(io_tch, "0x9f000000")
#undef IO_INSN

/* Set the CAW (location 72): key 0, the channel program's address. */
static inline void io_set_caw(const void *prog)
{
    uint32_t caw = (uint32_t)(uintptr_t)prog & 0xFFFFFF;
    __asm__ volatile("st %0,72(0)" : : "d"(caw) : "memory");
}

/* The unit status, channel status and residual count of the CSW last
   stored at location 64. */
static inline uint32_t io_csw_word1(void)
{
    uint32_t w;
    __asm__ volatile("l %0,68(0)" : "=d"(w) : : "memory");
    return w;
}
static inline uint8_t io_csw_status(void) { return (uint8_t)(io_csw_word1() >> 24); }
static inline uint8_t io_csw_chstatus(void) { return (uint8_t)(io_csw_word1() >> 16); }
static inline uint16_t io_csw_residual(void) { return (uint16_t)io_csw_word1(); }

/* Start the program at prog on dev and test until it has ended: the
   condition code, 1 when its CSW is stored at location 64. */
static inline int io_run_wait(unsigned dev, const void *prog)
{
    io_set_caw(prog);
    int cc = io_sio(dev);
    if (cc == 0)
        while ((cc = io_tio(dev)) == 2)
            ;
    return cc;
}

#endif
