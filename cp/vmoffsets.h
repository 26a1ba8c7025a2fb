/*
 * vmoffsets.h - where start.S finds the fields of struct vm (vm.h) that
 * the guest entry and exit touch; vm.h checks them with static asserts.
 */
#ifndef CP_VMOFFSETS_H
#define CP_VMOFFSETS_H

#define VM_OFF_GPR      0       /* uint32_t gpr[16] */
#define VM_OFF_RUN_PSW  64      /* uint8_t run_psw[8] */
#define VM_OFF_HOST     72      /* struct task_ctx host */
#define VM_OFF_RUN_CR0  112     /* uint32_t run_cr0 */
#define VM_OFF_RUN_CR1  116     /* uint32_t run_cr1 */

#endif
