/*
 * stdlib.h - stand-alone runtime: exit (sa/exit.c), the heap
 * (sa/malloc.c) and the rest (sa/stdlib.c).
 */
#ifndef SA_STDLIB_H
#define SA_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 32767

/* exit: flush the console, then a disabled wait whose address is code&0xFF */
void exit(int code) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));        /* exit(254) */

void *malloc(size_t n);
void *calloc(size_t count, size_t n);
void *realloc(void *p, size_t n);
void free(void *p);

void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

int abs(int v);
long labs(long v);
long long llabs(long long v);
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);

/*
 * The LCG of the C standard's example (C99 7.20.2.2): the same sequence
 * on every implementation, so that host and S/370 runs agree.
 * rand/srand are the same generator.
 */
int sa_rand(void);
void sa_srand(unsigned seed);
int rand(void);
void srand(unsigned seed);

#endif
