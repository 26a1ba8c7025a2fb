/*
 * channel.h - S/370 channel I/O (GA22-7000, chapter 13 "Input/Output
 * Operations"): SIO, SIOF, TIO, CLRIO, HIO, HDV, TCH, STIDC; the CAW at
 * location 72 and the CSW at 64; format-0 CCWs with chain data, chain
 * command, suppress length indication, skip, PCI and indirect data
 * addressing; channel masks and the I/O interruption queue.
 *
 * A channel program runs as a sequence of steps driven by the machine's
 * event loop; a device that must wait (a console read) suspends it and
 * resumes it with chan_resume().  Devices see one CCW at a time through
 * struct dev_ops (devices/dev.h); data chaining, IDAWs and storage keys are
 * handled here, so devices never touch guest storage.
 */
#ifndef CPCMS_CHANNEL_H
#define CPCMS_CHANNEL_H

#include <stdbool.h>
#include <stdint.h>

struct machine;
struct cpu;
struct device;

/* Unit status (CSW byte 4). */
#define US_ATTN 0x80
#define US_SM 0x40
#define US_CUE 0x20
#define US_BUSY 0x10
#define US_CE 0x08
#define US_DE 0x04
#define US_UC 0x02
#define US_UX 0x01

/* Channel status (CSW byte 5). */
#define CS_PCI 0x80
#define CS_IL 0x40
#define CS_PROG 0x20
#define CS_PROT 0x10
#define CS_CDC 0x08
#define CS_CCC 0x04
#define CS_ICC 0x02
#define CS_CHAIN 0x01

/* CCW flags. */
#define CCW_CD 0x80
#define CCW_CC 0x40
#define CCW_SLI 0x20
#define CCW_SKIP 0x10
#define CCW_PCI 0x08
#define CCW_IDA 0x04

#define MAX_DEVADDR 0x1000 /* 16 channels x 256 units */

struct chan {
    struct device *dev[MAX_DEVADDR];
    struct device *intq_head, *intq_tail; /* devices with status pending */
    uint64_t ios;                         /* channel programs started */
};

/* CPU instructions (cpu side of the channel). Return the condition code. */
int chan_sio(struct machine *m, uint32_t addr, bool fast);
int chan_tio(struct machine *m, uint32_t addr);
int chan_hio(struct machine *m, uint32_t addr, bool device_only);
int chan_clrio(struct machine *m, uint32_t addr);
int chan_tch(struct machine *m, uint32_t addr);
int chan_stidc(struct machine *m, uint32_t addr);

/* Interruptions: is one pending for an enabled channel?  Take it. */
bool chan_int_pending(struct machine *m);
struct device *chan_int_take(struct machine *m); /* stores CSW at 64 */

/* Device side. */
void chan_attach(struct machine *m, struct device *dev);
void chan_detach(struct machine *m, struct device *dev);
void chan_resume(struct device *dev);          /* a suspended CCW completed */
void chan_unsolicited(struct device *dev, uint8_t unit_status);
void chan_reset(struct machine *m);            /* I/O system reset */

/* IPL: run the IPL channel program on a device; 0 or -1 with a message. */
int chan_ipl(struct machine *m, uint16_t devaddr, const char **err);

#endif
