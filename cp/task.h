/*
 * task.h - CP's tasks: cooperative threads of CP code, each with its own
 * stack, in the style of xv6's processes.  Every virtual machine has one
 * (it runs the guest and does the work the guest's traps ask for, and may
 * sleep while it waits for I/O); the system has one for the operator's
 * console.  CP runs disabled for interruptions, so a task runs until it
 * sleeps or yields: no locks are needed.
 *
 * The scheduler (task_scheduler, on the boot stack) runs the runnable
 * tasks round robin and waits, enabled, when none is runnable.  An
 * interruption taken in that wait is handled on the trap stack (trap.c)
 * and may wake tasks; it never blocks.
 *
 *   FREE --task_create--> RUNNABLE <--wakeup-- SLEEPING
 *                           |   ^                  ^
 *                  scheduled|   |yield             |sleep
 *                           v   |                  |
 *                          RUNNING ----------------+
 */
#ifndef CP_TASK_H
#define CP_TASK_H

#include <stdint.h>

/* Registers 6-15 of a suspended task (the s390 ABI's callee-saved ones,
   with the return address in r14 and the stack in r15). */
struct task_ctx {
    uint32_t r[10];
};

enum task_state { TASK_FREE, TASK_RUNNABLE, TASK_RUNNING, TASK_SLEEPING };

struct task {
    enum task_state state;
    const void *chan;       /* what a sleeping task waits for */
    struct task_ctx ctx;
    const char *name;
    void *stack;            /* CP_STACK_SIZE bytes */
    uint64_t run_tod;       /* TOD units it has run (a VM's: guest and CP) */
};

/* start.S: save the current registers in from, continue with to. */
void task_switch(struct task_ctx *from, const struct task_ctx *to);
void task_trampoline(void);

/* TOD units task t has run; TOD units CP has waited, idle, since IPL. */
uint64_t task_run_tod(const struct task *t);
uint64_t task_wait_tod(void);

/* Create a task running fn(arg); NULL if out of tasks or storage. */
struct task *task_create(const char *name, void (*fn)(void *), void *arg);
/* The running task (NULL in the scheduler and in interruption handlers). */
struct task *task_current(void);
/* Give the CPU to the other runnable tasks, then continue. */
void task_yield(void);
/* Sleep until wakeup(chan).  Only a task may sleep. */
void task_sleep(const void *chan);
/* Make every task sleeping on chan runnable. */
void task_wakeup(const void *chan);
/* The running task ends: its stack is freed. */
void task_exit(void) __attribute__((noreturn));
/* The scheduler loop (main.c calls it last); never returns. */
void task_scheduler(void) __attribute__((noreturn));

#endif
