/*
 * dasd.h - what the CKD device (ckd.c) and the FBA device (fba.c) share,
 * implemented in dasd_any.c: the volume behind the device, and whether
 * the device is ready.
 *
 * States of a device:
 *
 *   ready --the volume fails in a way that lasts (vol_failed())--> not ready
 *     ^    (that program still ends with equipment check; the        |
 *     |     volume is closed; one message on stderr)                 |
 *     |                                                              |
 *     +--- a channel program starts DASD_RETRY_MS or more after -----+
 *          the last try (or the operator's `devinit`): the file
 *          opens again (vol_attach(), the attach argument), of the
 *          same type and size; one message on stderr
 *
 * A failure that may pass (busy, out of memory) or that is the volume's
 * content (a damaged track image) gives equipment check and leaves the
 * device ready.  While the device is not ready every command but the
 * ones its table marks (Sense and Sense ID) ends with unit check and
 * intervention required, and moves no data; nothing is cached, nothing
 * is committed, and the file is not held open (nor its "in use" lock), so
 * the operator can check, repair or restore it.
 *
 * Invariant: vol == NULL iff the device is not ready; then the device
 * holds no track or row of the volume.
 */
#ifndef CPCMS_DASD_H
#define CPCMS_DASD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dev.h"
#include "volume.h"

#define DASD_RETRY_MS 1000  /* between tries to open a failed volume again */

/* The first member of the CKD and of the FBA device's state. */
struct dasd_unit {
    struct volume *vol;     /* NULL while the device is not ready */
    char *arg;              /* the attach argument (FILE or FILE,ro), to reopen */
    struct vol_info info;   /* the volume attached: a file opened again must
                               have its type and size (the volser may change) */
    uint64_t last_try;      /* host monotonic ns of the failure or the last try */
    unsigned retry_ms;      /* DASD_RETRY_MS; tests make it 0 */
    char why[320];          /* not ready: the failure, then the last try's */
};

/*
 * Take over vol (opened by vol_attach(); its path and read-only mode make
 * the attach argument used to reopen it).  0, or -1 (out of memory) with
 * the volume closed.
 */
int dasd_unit_init(struct dasd_unit *u, struct volume *vol);

/* Close the volume, if open, and free what u holds (detach). */
void dasd_unit_close(struct dasd_unit *u);

/*
 * The volume of device dev failed (vol_error() says how) and the command
 * ends with equipment check: one message on stderr.  If the failure
 * lasts (vol_failed()), the volume is closed and the device is not ready
 * from now on; the message says so.
 */
void dasd_unit_fail(struct device *dev, struct dasd_unit *u);

/*
 * A channel program starts on dev (or the operator asks: force).  A
 * device that is not ready tries its volume file again if retry_ms have
 * passed since the last try (force: at once); if the file opens, passes
 * vol_open()'s checks and has the type and size attached, the device is
 * ready again and says so on stderr.  Returns whether it is ready.
 */
bool dasd_unit_try(struct device *dev, struct dasd_unit *u, bool force);

/* The shared state of a CKD or FBA device; NULL for any other device. */
struct dasd_unit *dasd_unit(struct device *dev);

/*
 * The operator's `devinit CUU` (machine/opcons.c): a DASD that is not
 * ready tries its file at once; if it becomes ready it presents device
 * end (not ready to ready).  A ready one is left as it is.  Returns 0
 * (ready) or -1 (still not ready); msg says which, and why.
 */
int dasd_devinit(struct device *dev, char *msg, size_t len);

#endif
