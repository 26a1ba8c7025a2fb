/*
 * vcon.c - the virtual console: a 3215 (GA24-3488) simulated on the
 * user's terminal.  Writes become lines on the terminal (a write without
 * carrier return leaves the line open for the next); a read waits for the
 * next line typed there that is not a CP command (VM READ).  A line typed
 * while the guest runs and reads nothing is kept for its next read, and
 * the console presents attention, as a 3215 does when its REQUEST key is
 * pressed: CMS then reads it (HX, HT, RT, or a command typed ahead).
 */
#include <string.h>

#include "cp.h"
#include "ebcdic.h"
#include "vm.h"
#include <s370io.h>

#define SNS_CMDREJ 0x80

static uint8_t vcon_ccw(struct vm *vm, struct vdev *d, uint8_t cmd, uint8_t *buf,
                        uint32_t count, uint32_t *len)
{
    switch (cmd) {
    case 0x01:              /* write, no carrier return: the line goes on */
    case 0x09: {            /* write, carrier return */
        for (uint32_t i = 0; i < count; i++) {
            if (vm->con_len == sizeof vm->con_line - 1) {
                vm->con_line[vm->con_len] = 0;
                vm->out(vm, vm->con_line);
                vm->con_len = 0;
            }
            vm->con_line[vm->con_len++] = (char)ebcdic_to_ascii[buf[i]];
        }
        if (cmd == 0x09) {
            vm->con_line[vm->con_len] = 0;
            vm->out(vm, vm->con_line);
            vm->con_len = 0;
        }
        *len = count;
        return US_CE | US_DE;
    }
    case 0x0A: {            /* read inquiry: a line typed ahead, or the next */
        if (!vm->read_ready) {
            vm->read_waiting = true;
            logon_status(vm);                   /* VM READ */
            while (!vm->read_ready && !vm->logoff)
                task_sleep(&vm->read_ready);
            vm->read_waiting = false;
            logon_status(vm);
        }
        vm->read_ready = false;
        uint32_t n = (uint32_t)strlen(vm->read_line);
        if (n > count)
            n = count;
        for (uint32_t i = 0; i < n; i++)
            buf[i] = ascii_to_ebcdic[(unsigned char)vm->read_line[i]];
        *len = (uint32_t)strlen(vm->read_line);
        return US_CE | US_DE;
    }
    case 0x03:              /* no-operation */
    case 0x0B:              /* audible alarm */
        *len = 0;
        return US_CE | US_DE;
    case 0x04:              /* sense */
        *len = count < 1 ? count : 1;
        if (count)
            buf[0] = d->sense[0];
        d->sense[0] = 0;
        *len = 1;
        return US_CE | US_DE;
    default:
        d->sense[0] = SNS_CMDREJ;
        *len = 0;
        return US_CE | US_DE | US_UC;
    }
}

bool vcon_input(struct vm *vm, const char *line)
{
    if (vm->read_ready)                         /* one typed ahead already */
        return false;
    strncpy(vm->read_line, line, sizeof vm->read_line - 1);
    vm->read_line[sizeof vm->read_line - 1] = 0;
    vm->read_ready = true;
    if (vm->read_waiting) {
        task_wakeup(&vm->read_ready);
    } else {                                    /* attention: the guest asks for it */
        struct vdev *d = vdev_find(vm, 0x009);
        if (d && !d->status_pending) {
            memset(d->pending_csw, 0, 8);
            d->pending_csw[4] = US_ATTN;
            vdev_set_pending(vm, d);
            task_wakeup(vm);
        }
    }
    return true;
}

const struct vdev_ops vcon_ops = {
    .type = "3215",
    .devtype = 0x3215,
    .ccw = vcon_ccw,
};
