/*
 * sqlfault.h - a failing SQLite, for the fault-injection tests of the
 * stores behind struct vol_store_ops (test_ckd_fault.c, test_fba_fault.c)
 * and struct spool_store_ops (test_spool.c): f_step and f_exec are their
 * step and exec methods, and the countdown-th call through either fails
 * with rc instead of reaching SQLite.  Each test file makes its own
 * table: static const struct ..._store_ops faulty = {.step = f_step,
 * .exec = f_exec};
 */
#ifndef CPCMS_SQLFAULT_H
#define CPCMS_SQLFAULT_H

#include <sqlite3.h>
#include <stdbool.h>

struct fault {
    int countdown;  /* the call that fails (1 = the next); 0: none */
    int rc;
    bool fired;
};

static inline int fail_now(struct fault *f)
{
    if (f->countdown > 0 && --f->countdown == 0) {
        f->fired = true;
        return 1;
    }
    return 0;
}

static inline int f_step(void *ctx, sqlite3_stmt *st)
{
    struct fault *f = ctx;
    return fail_now(f) ? f->rc : sqlite3_step(st);
}

static inline int f_exec(void *ctx, sqlite3 *db, const char *sql)
{
    struct fault *f = ctx;
    return fail_now(f) ? f->rc : sqlite3_exec(db, sql, NULL, NULL, NULL);
}

#endif
