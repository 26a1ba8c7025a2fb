/*
 * hostrt.c - the machine-dependent part of the stand-alone runtime for
 * an i386 Linux host, so that the portable part of sa/ (printf.c,
 * string.c, stdlib.c, malloc.c) can run the programs in tests/sa on the
 * host and be compared with glibc's output (sa/sa.mk, target sa-hostcheck).
 *
 * It stands in for crt0.S, console_sio.c, exit.c and setjmp.S: _start
 * maps the heap area of memlayout.h (the program is linked at 0x10000 as
 * on S/370), sa_console_write writes lines to stdout, exit makes the exit
 * system call. No libc is linked.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "sa.h"                 /* -Isa */

#if !defined(__i386__) || !defined(__linux__)
#error "hostrt.c is for i386 Linux (gcc -m32)"
#endif

int main(int argc, char **argv);

static long sys1(long n, long a)
{
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "0"(n), "b"(a) : "memory");
	return r;
}

static long sys3(long n, long a, long b, long c)
{
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "0"(n), "b"(a), "c"(b), "d"(c)
			 : "memory");
	return r;
}

/* The line buffering is sa/console.c's; lines go to stdout as the 3215
   shows them. */
void sa_console_write(unsigned char cmd, const char *s, unsigned n)
{
	sys3(4, 1, (long)s, (long)n);           /* write(1, s, n) */
	if (cmd == 0x09)
		sys3(4, 1, (long)"\n", 1);
}

void exit(int code)
{
	sa_console_flush();
	for (;;)
		sys1(252, code & 0xFF);         /* exit_group */
}

void abort(void)
{
	exit(254);
}

void sa_assert_fail(const char *expr, const char *file, unsigned line_no,
		    const char *func)
{
	sa_console_flush();
	printf("%s:%u: %s: Assertion `%s' failed.\n", file, line_no, func, expr);
	abort();
}

/* Map the heap (end of the image up to SA_HEAP_END) and run main */
void hostrt_start(void)
{
	uint32_t start = ((uint32_t)(uintptr_t)_end + 4095) & ~4095u;
	static char *argv[1];
	uint32_t args[6] = {
		start, SA_HEAP_END - start, 3 /* PROT_READ|PROT_WRITE */,
		0x32 /* MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED */, (uint32_t)-1, 0,
	};

	if (start < SA_HEAP_END &&
	    (uint32_t)sys1(90, (long)args) != start) {      /* old mmap */
		sa_console_write(0x09, "hostrt: cannot map the heap", 27);
		exit(253);
	}
	exit(main(0, argv));
}

/* jmp_buf: ebx, esi, edi, ebp, esp, return address */
__asm__(
	".text\n"
	".globl _start\n"
	"_start:\n"
	"	andl $-16, %esp\n"
	"	call hostrt_start\n"
	"	hlt\n"
	".globl setjmp\n"
	"setjmp:\n"
	"	movl 4(%esp), %eax\n"
	"	movl %ebx, 0(%eax)\n"
	"	movl %esi, 4(%eax)\n"
	"	movl %edi, 8(%eax)\n"
	"	movl %ebp, 12(%eax)\n"
	"	leal 4(%esp), %ecx\n"
	"	movl %ecx, 16(%eax)\n"
	"	movl (%esp), %ecx\n"
	"	movl %ecx, 20(%eax)\n"
	"	xorl %eax, %eax\n"
	"	ret\n"
	".globl longjmp\n"
	"longjmp:\n"
	"	movl 4(%esp), %edx\n"
	"	movl 8(%esp), %eax\n"
	"	testl %eax, %eax\n"
	"	jnz 1f\n"
	"	incl %eax\n"
	"1:	movl 0(%edx), %ebx\n"
	"	movl 4(%edx), %esi\n"
	"	movl 8(%edx), %edi\n"
	"	movl 12(%edx), %ebp\n"
	"	movl 16(%edx), %esp\n"
	"	jmp *20(%edx)\n");
