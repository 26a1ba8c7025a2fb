/*
 * lowcore.h - the assigned storage locations of the PSA (GA22-7000,
 * "Assigned Storage Locations"), and CP's own save areas above them.
 * Offsets from real location 0; CP runs with prefix 0.
 */
#ifndef CP_LOWCORE_H
#define CP_LOWCORE_H

#define LC_IPL_PSW      0x000   /* also the restart new PSW */
#define LC_RESTART_OLD  0x008
#define LC_EXT_OLD      0x018
#define LC_SVC_OLD      0x020
#define LC_PGM_OLD      0x028
#define LC_MCK_OLD      0x030
#define LC_IO_OLD       0x038
#define LC_CSW          0x040
#define LC_CAW          0x048
#define LC_TIMER        0x050   /* interval timer */
#define LC_EXT_NEW      0x058
#define LC_SVC_NEW      0x060
#define LC_PGM_NEW      0x068
#define LC_MCK_NEW      0x070
#define LC_IO_NEW       0x078
#define LC_CPUADDR      0x084   /* EC mode: CPU address (2 bytes) */
#define LC_EXT_CODE     0x086   /* EC mode: external interruption code */
#define LC_SVC_ILC      0x088   /* ILC in bits 5-6 of byte 0x89 */
#define LC_SVC_CODE     0x08A
#define LC_PGM_ILC      0x08C
#define LC_PGM_CODE     0x08E
#define LC_TEA          0x090   /* translation-exception address */
#define LC_CHANID       0x0A8
#define LC_IO_ADDR      0x0B8   /* EC mode: device address at 0xBA */
#define LC_IPL_DEV      0x0BA   /* CP copies the IPL device from here */

/* CP's save areas (free for programming use from 0x200) */
#define LC_SAVE_GPR     0x200   /* 64 bytes: registers at interruption */
#define LC_SAVE_PSW     0x240   /* 8 bytes: the old PSW being handled */
#define LC_SAVE_KIND    0x248   /* 4 bytes: interruption class */
#define LC_PROBE_NEW    0x250   /* 8 bytes: program new PSW while probing */
#define LC_CURRENT_VM   0x258   /* 4 bytes: the VM that vm_enter runs */
#define LC_LAST_CR1     0x25C   /* 4 bytes: the CR1 vm_enter loaded last */
#define LC_LAST_CR0     0x260   /* 4 bytes: the CR0 vm_enter loaded last */

#endif
