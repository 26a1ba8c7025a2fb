/*
 * task.c - CP's tasks and their scheduler (task.h has the model and the
 * state diagram).  Tasks live in a fixed table; the scheduler runs on the
 * boot stack and takes the runnable ones round robin.
 */
#include <stdio.h>

#include "cp.h"
#include "task.h"

#define MAX_TASKS 320           /* a virtual machine each, a terminal each, the console */

static struct task tasks[MAX_TASKS];
static struct task_ctx sched_ctx;
static struct task *current;
static unsigned next_pick;
static uint64_t wait_tod;

static uint64_t run_start;          /* when current began to run */

uint64_t task_wait_tod(void) { return wait_tod; }

uint64_t task_run_tod(const struct task *t)
{
    return t->run_tod + (t == current ? tod_now() - run_start : 0);
}

struct task *task_current(void) { return current; }

struct task *task_create(const char *name, void (*fn)(void *), void *arg)
{
    for (int i = 0; i < MAX_TASKS; i++) {
        struct task *t = &tasks[i];
        if (t->state != TASK_FREE)
            continue;
        t->stack = fs_alloc(CP_STACK_SIZE);
        if (!t->stack)
            return NULL;
        t->name = name;
        t->chan = NULL;
        t->run_tod = 0;
        for (int r = 0; r < 10; r++)
            t->ctx.r[r] = 0;
        t->ctx.r[0] = (uint32_t)(uintptr_t)fn;                 /* r6 */
        t->ctx.r[1] = (uint32_t)(uintptr_t)arg;                /* r7 */
        t->ctx.r[8] = (uint32_t)(uintptr_t)task_trampoline;    /* r14 */
        uint32_t *sp = (uint32_t *)((char *)t->stack + CP_STACK_SIZE - CP_FRAME);
        *sp = 0;                                                /* back chain */
        t->ctx.r[9] = (uint32_t)(uintptr_t)sp;                 /* r15 */
        t->state = TASK_RUNNABLE;
        return t;
    }
    return NULL;
}

/* Back to the scheduler; returns when the task is scheduled again. */
static void to_scheduler(void)
{
    struct task *t = current;
    if (!t)
        panic("NO TASK TO SUSPEND");
    task_switch(&t->ctx, &sched_ctx);
}

void task_yield(void)
{
    current->state = TASK_RUNNABLE;
    to_scheduler();
}

void task_sleep(const void *chan)
{
    current->chan = chan;
    current->state = TASK_SLEEPING;
    to_scheduler();
    current->chan = NULL;
}

void task_wakeup(const void *chan)
{
    for (int i = 0; i < MAX_TASKS; i++)
        if (tasks[i].state == TASK_SLEEPING && tasks[i].chan == chan)
            tasks[i].state = TASK_RUNNABLE;
}

void task_exit(void)
{
    struct task *t = current;
    t->state = TASK_FREE;
    /* The stack is freed by the scheduler, once we are off it. */
    to_scheduler();
    panic("TASK %s RAN AFTER ITS END", t->name);
}

/* The next runnable task, round robin; NULL if none. */
static struct task *pick(void)
{
    for (int n = 0; n < MAX_TASKS; n++) {
        struct task *c = &tasks[(next_pick + (unsigned)n) % MAX_TASKS];
        if (c->state == TASK_RUNNABLE)
            return c;
    }
    return NULL;
}

void task_scheduler(void)
{
    for (;;) {
        struct task *t = pick();
        if (!t) {
            con_flush();
            clock_idle();       /* may wake a task whose time has come */
            if (pick())
                continue;
            uint64_t start = tod_now();
            cp_wait();          /* an interruption may wake a task */
            wait_tod += tod_now() - start;
            continue;
        }
        next_pick = (unsigned)(t - tasks) + 1;
        t->state = TASK_RUNNING;
        current = t;
        run_start = tod_now();
        task_switch(&sched_ctx, &t->ctx);
        t->run_tod += tod_now() - run_start;
        current = NULL;
        if (t->state == TASK_FREE && t->stack) {
            fs_free(t->stack);
            t->stack = NULL;
        }
    }
}
