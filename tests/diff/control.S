/*
 * control.S - control (GA22-7000, chapters 3, 4, 6 and 10): storage keys
 * of 2K blocks (SSK, ISK in both modes, RRB; reference and change bits),
 * key-controlled and fetch protection in the supervisor and the problem
 * state; SSM (with SSM suppression), STNSM, STOSM; LCTL and STCTL;
 * MONITOR CALL; STORE CPU ADDRESS; prefixing; the CPU timer, clock
 * comparator and interval timer interruptions, compared only by what
 * they do, never by their values.
 *
 * The key tests use 2K blocks in the work area; r9 = WORK.
 */
#include "diff.h"

/* Inside a step: load the PSW at psw, going on with the next instruction
   (r1 and label 7 are its own); SVC 255 comes back to key 0. */
#define ENTER(psw) \
	mvc LC_PSW(8),psw ; la %r1,C(7f) ; stcm %r1,7,LC_PSW+5 ; lpsw LC_PSW ; 7:

/* SSK, ISK and RRB are not known to gas */
#define SSK_6_7 .short 0x0867
#define ISK(r1, r2) .short 0x0900 | (r1 << 4) | (r2)
#define RRB(d, b) .long 0xB2130000 | (b << 12) | (d)

	PROLOG
	DATA
	.align	8
work:	.long	WORK
work4k:	.long	WORK + 4096
beyond:	.long	0x00300000
hibits:	.long	0xFF0007F0
sup3:	.long	0x00380000, 0
prob3:	.long	0x00390000, 0
bcsup3:	.long	0x00300000, 0
bcprob3: .long	0x00310000, 0
sup0:	.long	0x00080000, 0
	ENDDATA

/* --- control registers after IPL, then loaded and stored --------------- */
	BLOCK
	l	%r9, GV(work)
	T(stctl 0,15,V(crs))
	RECM(V(crs), 64)
	T(stctl 0,15,V(saved); lctl 0,15,V(ones); stctl 0,15,V(crs))
	RECM(V(crs), 64)
	T(lctl 0,15,V(zeros); stctl 0,15,V(crs))
	RECM(V(crs), 64)
	T(lctl 14,1,V(pat); stctl 0,15,V(crs))  /* wraps from 15 to 0 */
	RECM(V(crs), 64)
	T(lctl 0,15,V(saved); stctl 2,1,V(crs))
	RECM(V(crs), 64)
	T(stctl 0,0,V(crs+1))                   /* not on a word boundary */
	T(lctl 0,0,V(crs+2))
	DATA
	.align	8
crs:	.fill	16, 4, 0
saved:	.fill	16, 4, 0
ones:	.fill	16, 4, 0xFFFFFFFF
zeros:	.fill	16, 4, 0
pat:	.long	0x11111111, 0x22222222, 0x33333333, 0x44444444
	ENDDATA

/* --- storage keys: SSK, ISK, RRB --------------------------------------- */
	.macro	keys
	BLOCK
	sr	%r6, %r6                        /* key, F, R, C in bits 24-30 */
1:	T(lr %r7,%r9; SSK_6_7; ISK(5, 7))
	T(la %r7,2048(%r9); ISK(5, 7))            /* the other half of the 4K */
	la	%r6, 0x0E(%r6)
	la	%r0, 0x100
	cr	%r6, %r0
	bl	C(1b)
	T(sr %r6,%r6; lr %r7,%r9; SSK_6_7; la %r7,2048(%r9); SSK_6_7)
	T(lr %r7,%r9; RRB(0, 9); ISK(5, 7))
	T(cli 0(%r9),0; ISK(4, 7); RRB(0, 9); ISK(5, 7))
	T(mvi 1(%r9),0; ISK(4, 7); RRB(0, 9); ISK(5, 7); RRB(0, 9))
	T(RRB(0, 9))
	/* RRB of the second 2K block of a 4K frame (KNOWN-DIFFERENCES 2) */
	KNOWN(2, CC_BIT | GR(4))
	T(la %r7,2048(%r9); l %r8,2048(%r9); ISK(4, 7); RRB(2048, 9); ISK(5, 7))
	T(cli 0(%r9),0; cli 2048(%r9),0; RRB(2048, 9); lr %r7,%r9; ISK(4, 7); la %r7,2048(%r9); ISK(5, 7))
	ENDKNOWN
	sr	%r4, %r4
	T(lr %r7,%r9; la %r7,1(%r7); ISK(5, 7))   /* block address not a multiple of 16 */
	T(lr %r7,%r9; la %r7,8(%r7); SSK_6_7)
	T(l %r7,GV(beyond); ISK(5, 7))            /* outside storage */
	T(l %r7,GV(beyond); SSK_6_7)
	T(l %r7,GV(beyond); RRB(0, 7))
	T(l %r5,GV(hibits); lr %r7,%r9; la %r6,0x50; o %r7,GV(hibits); SSK_6_7; ISK(5, 7))
	.endm

	keys
	SETPSW	GV(bcpsw)
	keys
	SETPSW	GV(ecpsw)
	DATA
	.align	8
bcpsw:	.long	0x00000000, 0
ecpsw:	.long	0x00080000, 0
	ENDDATA

/* --- protection: PSW key 3 against blocks of keys 3, 5, 5 with F -------- */
	.macro	protect	psw
	BLOCK
	T(ENTER(\psw); mvi 0(%r9),0xC1; mvi 2048(%r9),0xC2; mvi 0(%r8),0xC3; svc 255)
	T(ENTER(\psw); cli 0(%r9),0; cli 2048(%r9),0; cli 0(%r8),0; svc 255)
	T(ENTER(\psw); mvc 2040(16,%r9),0(%r9); svc 255)       /* crosses into key 5 */
	T(ENTER(\psw); mvc 0(4,%r9),0(%r8); svc 255)        /* fetch-protected source */
	T(ENTER(\psw); l %r6,2048(%r8); svc 255)               /* key 0 block, no F */
	T(ENTER(\psw); st %r6,2048(%r8); svc 255)
	T(ENTER(\psw); ts 2048(%r9); svc 255)
	T(ENTER(\psw); la %r6,0(%r8); la %r7,16; la %r4,0(%r9); la %r5,16; mvcl %r6,%r4; svc 255)
	T(ENTER(\psw); la %r6,0(%r9); la %r7,16; la %r4,0(%r8); la %r5,16; clcl %r6,%r4; svc 255)
	RECM(0(%r9), 16)
	RECM(2040(%r9), 16)
	RECM(0(%r8), 16)
	RECM(2048(%r8), 16)
	T(lr %r7,%r9; ISK(3, 7); la %r7,2048(%r9); ISK(4, 7); la %r7,0(%r8); ISK(5, 7))
	.endm

	BLOCK
	l	%r8, GV(work4k)
	xc	0(256,%r9), 0(%r9)
	mvc	2048(256,%r9), 0(%r9)
	mvc	0(256,%r8), 0(%r9)
	mvc	2048(256,%r8), 0(%r9)
	T(la %r6,0x30; lr %r7,%r9; SSK_6_7; la %r6,0x50; la %r7,2048(%r9); SSK_6_7; la %r6,0x58; la %r7,0(%r8); SSK_6_7)
	protect	GV(sup3)
	protect	GV(prob3)
	protect	GV(bcsup3)
	protect	GV(bcprob3)
	protect	GV(sup0)
	T(sr %r6,%r6; lr %r7,%r9; SSK_6_7; la %r7,2048(%r9); SSK_6_7; la %r7,0(%r8); SSK_6_7)

/* --- the system mask: SSM, STNSM, STOSM -------------------------------- */
	BLOCK
	T(ssm V(m02); stnsm V(old),0x04; stosm V(old+1),0x02; ssm V(m00); ic %r6,V(old); ic %r7,V(old+1))
	/* EC mode: bits 0 and 2-4 must be zero (KNOWN-DIFFERENCES 3) */
	KNOWN(3, 0x2)
	T(ssm V(m80))
	T(ssm V(m00))
	T(stosm V(old),0x08)
	ENDKNOWN
	T(stosm V(old),0x00; ic %r6,V(old))
	SETPSW	V(bcpsw2)
	T(ssm V(mfe); stnsm V(old),0x00; ic %r6,V(old))
	SETPSW	V(ecpsw2)
	T(stctl 0,0,V(cr0); l %r6,V(cr0); o %r6,V(ssmsup); st %r6,V(cr0x); lctl 0,0,V(cr0x); ssm V(m00))
	T(lctl 0,0,V(cr0))
	DATA
	.align	8
m00:	.byte	0x00
m02:	.byte	0x02
m80:	.byte	0x80
mfe:	.byte	0xFE
old:	.byte	0, 0
	.align	4
cr0:	.long	0
cr0x:	.long	0
ssmsup:	.long	0x40000000
bcpsw2:	.long	0x00000000, 0
ecpsw2:	.long	0x00080000, 0
	ENDDATA

/* --- MONITOR CALL, STORE CPU ADDRESS --------------------------------------- */
	BLOCK
	T(stctl 8,8,V(cr8); lctl 8,8,V(mon5))
	T(mc 0,5)                               /* class 5: enabled */
	RECM(0x94, 12)
	T(mc 0x123,4)                           /* class 4: disabled */
	T(mc 4(%r9),15)
	RECM(0x94, 12)
	T(.long 0xAF1F0000)                     /* class 16: specification */
	T(lctl 8,8,V(cr8))
	T(xc VL(cpuad,2),V(cpuad); stap V(cpuad); lh %r6,V(cpuad))
	T(stap V(cpuad+1))                      /* not on a halfword */
	DATA
	.align	4
cr8:	.long	0
mon5:	.long	0x00000401                      /* classes 5 and 15 */
cpuad:	.long	0
	ENDDATA

/* --- prefixing ----------------------------------------------------------- */
	BLOCK
	T(stpx V(pfx); l %r6,V(pfx))
	/* copy the low 4K to the new prefix area, move there, take an SVC */
	l	%r2, V(area)
	la	%r3, 4095
	la	%r3, 1(%r3)
	sr	%r4, %r4
	lr	%r5, %r3
	mvcl	%r2, %r4
	T(spx V(area); stpx V(pfx); l %r6,V(pfx); svc 9)
	/* real 0x20 is the SVC old PSW in the new area; absolute 0x20 still
	   holds the old one, and shows at real WORK2 + 0x20 */
	T(l %r6,0x20; l %r7,0x24; l %r1,V(area); l %r8,0x20(%r1); l %r9,0x24(%r1))
	/* back: copy the area home (real WORK2 is absolute 0 now), prefix 0 */
	l	%r2, V(area)
	la	%r3, 4095
	la	%r3, 1(%r3)
	sr	%r4, %r4
	lr	%r5, %r3
	mvcl	%r2, %r4
	T(spx V(zero); stpx V(pfx); l %r6,V(pfx))
	T(spx V(oddpfx))                        /* not on a word boundary */
	T(spx V(farpfx))                        /* outside storage */
	l	%r9, GV(work)
	DATA
	.align	4
pfx:	.long	0
area:	.long	WORK + 0x10000
zero:	.long	0
farpfx:	.long	0x00300000
	.byte	0
oddpfx:	.long	0x0004F000
	ENDDATA

/* --- timers: what they do, not their values ---------------------------- */
/* CR0 with the external subclass masks of mask only */
#define EXTMASK(mask) \
	l %r6,V(cr0s) ; n %r6,V(nomasks) ; o %r6,V(mask) ; st %r6,V(cr0t) ; lctl 0,0,V(cr0t)
/* an enabled wait that goes on at the end of the step */
#define WAIT la %r1,C(9f) ; st %r1,V(waitx+4) ; lpsw V(waitx)
	BLOCK
	stctl	0, 0, V(cr0s)
	T(stck V(tod); sr %r6,%r6; bc 8,C(3f); la %r6,1; 3: )  /* CC 0: set */
	/* CPU timer: set, read back no larger */
	T(sr %r6,%r6; spt V(tbig); stpt V(t1); clc VL(t1,8),V(tbig); bc 2,C(3f); la %r6,5; 3: cr %r0,%r0)
	/* CPU timer interruption out of an enabled wait */
	T(EXTMASK(cptm); spt V(tsmall); WAIT)
	T(spt V(tbig); lctl 0,0,V(cr0s))
	/* clock comparator: now + 1 ms, enabled wait */
	T(EXTMASK(ckcm); stck V(tod); lm %r6,%r7,V(tod); al %r7,V(ms); bc 12,C(3f); la %r6,1(%r6); 3: stm %r6,%r7,V(ckc); sckc V(ckc); sr %r6,%r6; sr %r7,%r7; WAIT)
	T(stckc V(t1); clc VL(t1,8),V(ckc))
	/* a comparator already passed: pending at once */
	T(sckc V(zeros2); stosm V(old2),0x01; la %r6,1; stnsm V(old2),0xFE)
	T(sckc V(ones2); lctl 0,0,V(cr0s))
	/* interval timer at location 80 */
	T(EXTMASK(itm); mvc 0x50(4),V(itv); WAIT)
	T(lctl 0,0,V(cr0s))
	T(l %r6,0x50; sr %r7,%r7; ltr %r6,%r6; bc 11,C(3f); la %r7,1; 3: sr %r6,%r6)
	T(stck V(tod+1))                        /* any alignment is fine */
	DATA
	.align	8
tod:	.quad	0, 0
t1:	.quad	0
tbig:	.quad	0x7FFFFFFFFFFFF000
tsmall:	.quad	0x0000000000400000              /* 1 ms */
zeros2:	.quad	0
ones2:	.quad	0xFFFFFFFFFFFFFFFF
ckc:	.quad	0
ms:	.long	0x00400000
cr0s:	.long	0
cr0t:	.long	0
nomasks: .long	0xFFFF0000
cptm:	.long	0x00000400
ckcm:	.long	0x00000800
itm:	.long	0x00000080
itv:	.long	0x00000100                      /* a few ticks of the 300 Hz bit */
old2:	.long	0
	.align	8
waitx:	.long	0x010A0000, 0                   /* EC, external, wait */
	ENDDATA

	EPILOG
