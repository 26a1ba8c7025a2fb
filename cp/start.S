/*
 * start.S - CP's entry from IPL, its interruption entries, and the few
 * things C cannot say: the wait state, the stop, the storage probe.
 *
 * The IPL PSW (common/sysres.h) starts _start in EC mode, key 0, every
 * interruption disabled.  _start clears .bss, takes the boot stack and
 * calls cp_main() (main.c), which never returns.
 *
 * Interruptions: each new PSW (set by trap.c from cp_new_psws) leads to an
 * entry below that saves the registers and the old PSW in the PSA
 * (LC_SAVE_GPR, LC_SAVE_PSW: CP runs disabled, so interruptions do not
 * nest), and calls cp_trap(kind) on the trap stack.  When cp_trap returns,
 * the registers and the PSW in the save areas are loaded again: cp_trap
 * may have changed them (it takes a waiting CPU out of the wait).
 */
#include "lowcore.h"
#include "memlayout.h"
#include "vmoffsets.h"

	.section .text.start,"ax",@progbits
	.globl	_start
_start:
	larl	%r2,__bss_start		/* MVCL with a zero-length source */
	larl	%r3,_end		/* pads the target with X'00' */
	sr	%r3,%r2
	sr	%r4,%r4
	sr	%r5,%r5
	mvcl	%r2,%r4
	larl	%r15,cp_boot_stack+CP_STACK_SIZE-CP_FRAME
	xc	0(4,%r15),0(%r15)
	brasl	%r14,cp_main
	lhi	%r2,255
	brasl	%r14,cp_stop

	.text
/* The interruption entries, in the order of enum trap_kind (cp.h) */
	.macro	entry name, old, kind
	.globl	\name
\name:
	stm	%r0,%r15,LC_SAVE_GPR
	mvc	LC_SAVE_PSW(8),\old
	lhi	%r2,\kind
	j	.Lcommon
	.endm
	entry	cp_restart_entry, LC_RESTART_OLD, 0
	entry	cp_ext_entry, LC_EXT_OLD, 1
	entry	cp_svc_entry, LC_SVC_OLD, 2
	entry	cp_pgm_entry, LC_PGM_OLD, 3
	entry	cp_mck_entry, LC_MCK_OLD, 4
	entry	cp_io_entry, LC_IO_OLD, 5
.Lcommon:
	tm	LC_SAVE_PSW+1,0x01	/* problem state: from a guest */
	jo	.Lguest
	larl	%r15,cp_trap_stack+CP_STACK_SIZE-CP_FRAME
	xc	0(4,%r15),0(%r15)
	brasl	%r14,cp_trap
	lm	%r0,%r15,LC_SAVE_GPR
	lpsw	LC_SAVE_PSW

/* From a guest: its registers and PSW into its VM block, then back to
   the task that ran it, as a return from vm_enter with the class. */
.Lguest:
	l	%r1,LC_CURRENT_VM
	mvc	VM_OFF_GPR(64,%r1),LC_SAVE_GPR
	mvc	VM_OFF_RUN_PSW(8,%r1),LC_SAVE_PSW
	lm	%r6,%r15,VM_OFF_HOST(%r1)
	br	%r14

/* unsigned vm_enter(struct vm *vm): run the guest (vm.h) */
	.globl	vm_enter
vm_enter:
	stm	%r6,%r15,VM_OFF_HOST(%r2)
	st	%r2,LC_CURRENT_VM
	clc	VM_OFF_RUN_CR0(4,%r2),LC_LAST_CR0	/* LCTL may purge the TLB: */
	je	2f					/* only when it changes */
	lctl	%c0,%c0,VM_OFF_RUN_CR0(%r2)
	mvc	LC_LAST_CR0(4),VM_OFF_RUN_CR0(%r2)
2:	clc	VM_OFF_RUN_CR1(4,%r2),LC_LAST_CR1
	je	1f
	lctl	%c1,%c1,VM_OFF_RUN_CR1(%r2)
	mvc	LC_LAST_CR1(4),VM_OFF_RUN_CR1(%r2)
	.insn	s,0xb20d0000,0		/* PTLB: another guest's table */
1:	mvc	LC_SAVE_GPR(64),VM_OFF_GPR(%r2)
	mvc	LC_SAVE_PSW(8),VM_OFF_RUN_PSW(%r2)
	lm	%r0,%r15,LC_SAVE_GPR
	lpsw	LC_SAVE_PSW

/* The new PSWs: EC mode, key 0, all interruptions disabled */
	.section .rodata
	.align	8
	.globl	cp_new_psws
cp_new_psws:
	.long	0x00080000, cp_restart_entry
	.long	0x00080000, cp_ext_entry
	.long	0x00080000, cp_svc_entry
	.long	0x00080000, cp_pgm_entry
	.long	0x00080000, cp_mck_entry
	.long	0x00080000, cp_io_entry

	.text
/* void cp_wait(void): wait, enabled for I/O and external interruptions,
   until one has been handled (cp_trap takes the CPU out of the wait). */
	.globl	cp_wait
cp_wait:
	larl	%r1,.Lwait_psw
	lpsw	0(%r1)
.Lwait_resume:
	br	%r14

/* void cp_stop(unsigned code): a disabled wait with code as the address */
	.globl	cp_stop
cp_stop:
	larl	%r1,.Lstop_psw
	st	%r2,4(%r1)
	lpsw	0(%r1)
	j	cp_stop

/* uint32_t cp_probe_storage(uint32_t limit): the first 4K frame below
   limit that gives an addressing exception, or limit. */
	.globl	cp_probe_storage
cp_probe_storage:
	mvc	LC_PROBE_NEW(8),LC_PGM_NEW	/* keep the program new PSW */
	larl	%r1,.Lprobe_psw
	mvc	LC_PGM_NEW(8),0(%r1)
	sr	%r3,%r3
.Lprobe:
	clr	%r3,%r2
	jnl	.Lprobe_end
	ic	%r0,0(%r3)
	ahi	%r3,4095
	ic	%r0,0(%r3)
	ahi	%r3,1
	j	.Lprobe
.Lprobe_fault:
	srl	%r3,12			/* the frame that failed */
	sll	%r3,12
.Lprobe_end:
	mvc	LC_PGM_NEW(8),LC_PROBE_NEW
	lr	%r2,%r3
	br	%r14

	.section .data
	.align	8
.Lwait_psw:
	.long	0x030A0000, .Lwait_resume	/* EC, I/O + external, wait */
.Lstop_psw:
	.long	0x000A0000, 0			/* EC, disabled, wait */
.Lprobe_psw:
	.long	0x00080000, .Lprobe_fault

	.section .bss
	.align	8
	.globl	cp_boot_stack, cp_trap_stack
cp_boot_stack:	.space	CP_STACK_SIZE
cp_trap_stack:	.space	CP_STACK_SIZE

	.section .note.GNU-stack,"",@progbits

/* void task_switch(struct task_ctx *from, const struct task_ctx *to) */
	.text
	.globl	task_switch
task_switch:
	stm	%r6,%r15,0(%r2)
	lm	%r6,%r15,0(%r3)
	br	%r14

/* A new task's first switch lands here with fn in r6 and arg in r7. */
	.globl	task_trampoline
task_trampoline:
	lr	%r2,%r7
	basr	%r14,%r6
	brasl	%r14,task_exit

	.section .note.GNU-stack,"",@progbits
