/*
 * iosched.h - CP's real devices and the channel programs CP runs on them
 * (iosched.c).
 */
#ifndef CP_IOSCHED_H
#define CP_IOSCHED_H

#include <stdbool.h>
#include <stdint.h>

struct ccw;

struct iodev {
    bool used;
    uint16_t addr;
    void (*unsolicited)(struct iodev *d, uint8_t us);  /* attention, device end */
    void *owner;
    unsigned ticket, serving;   /* io_run's queue: the next ticket, the one whose turn it is */
    bool busy, done;        /* the program runs / has ended */
    uint8_t us, cs;
    uint16_t residual;
    uint32_t ccw;           /* the CSW's CCW address */
};

struct io_result {
    uint8_t us, cs;         /* unit and channel status, ORed over the program */
    uint16_t residual;      /* of the last CCW */
    uint32_t ccw;           /* the CSW's CCW address: the last CCW used + 8 */
};

struct iodev *io_register(unsigned addr, void (*unsolicited)(struct iodev *d, uint8_t us),
                          void *owner);
struct iodev *io_find(unsigned addr);
/* Run the channel program on d; the calling task sleeps until it ends.
   0, or -1 if it could not be started. */
int io_run(struct iodev *d, const struct ccw *prog, struct io_result *r);
/* An I/O interruption for addr; false if no such device is registered. */
bool io_interrupt(unsigned addr);
/* Sense ID by polling (at IPL, before the scheduler): 7 bytes into id, or
   0 if nothing answers there. */
unsigned io_sense_id(unsigned addr, uint8_t id[7]);

#endif
