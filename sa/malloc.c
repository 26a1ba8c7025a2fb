/*
 * malloc.c - malloc, calloc, realloc, free for stand-alone programs.
 *
 * The heap runs from _end (the end of .bss, see memlayout.h) to
 * SA_HEAP_END, or where sa_heap_end() says.  Every block starts with an
 * 8-byte header; free blocks are
 * kept in one list sorted by address, allocation is first fit with
 * splitting, and free() merges a block with free neighbours. A bad or
 * repeated free() is reported and aborts the program.
 *
 * Invariants: (1) every block's size is a multiple of 8 and at least
 * MIN_BLOCK, header included; (2) the free list is in ascending address
 * order and no two free blocks touch; (3) an allocated block's next
 * field holds USED_MAGIC.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sa.h"

struct blk {
	size_t size;            /* whole block, header included */
	struct blk *next;       /* next free block, or USED_MAGIC */
};

#define HDR        sizeof(struct blk)
#define MIN_BLOCK  16
#define USED_MAGIC ((struct blk *)0xA110CA7E)

static struct blk *free_list;
static int heap_ready;
static uintptr_t heap_end;

/* The end of the heap: SA_HEAP_END, unless the program defines its own
   (a CMS program's heap runs to the end of its virtual machine's storage). */
__attribute__((weak)) uintptr_t sa_heap_end(void)
{
	return SA_HEAP_END;
}

static void heap_init(void)
{
	uintptr_t start = ((uintptr_t)_end + 7) & ~(uintptr_t)7;

	heap_ready = 1;
	heap_end = sa_heap_end();
	if (start + MIN_BLOCK > heap_end)
		return;
	free_list = (struct blk *)start;
	free_list->size = heap_end - start;
	free_list->next = NULL;
}

void *malloc(size_t n)
{
	struct blk **pp, *b;
	size_t need;

	if (!heap_ready)
		heap_init();
	if (n > heap_end)
		return NULL;
	need = (n + HDR + 7) & ~(size_t)7;
	if (need < MIN_BLOCK)
		need = MIN_BLOCK;
	for (pp = &free_list; (b = *pp) != NULL; pp = &b->next) {
		if (b->size < need)
			continue;
		if (b->size - need >= MIN_BLOCK) {     /* split off the tail */
			struct blk *rest = (struct blk *)((char *)b + need);
			rest->size = b->size - need;
			rest->next = b->next;
			b->size = need;
			*pp = rest;
		} else {
			*pp = b->next;
		}
		b->next = USED_MAGIC;
		return b + 1;
	}
	return NULL;
}

void free(void *p)
{
	struct blk *b, *prev = NULL, *cur;

	if (p == NULL)
		return;
	b = (struct blk *)p - 1;
	if (b->next != USED_MAGIC || (uintptr_t)p & 7) {
		printf("free: bad pointer %p\n", p);
		abort();
	}
	for (cur = free_list; cur && cur < b; cur = cur->next)
		prev = cur;
	b->next = cur;
	if (cur && (char *)b + b->size == (char *)cur) {        /* merge up */
		b->size += cur->size;
		b->next = cur->next;
	}
	if (prev && (char *)prev + prev->size == (char *)b) {  /* merge down */
		prev->size += b->size;
		prev->next = b->next;
	} else if (prev) {
		prev->next = b;
	} else {
		free_list = b;
	}
}

void *calloc(size_t count, size_t n)
{
	void *p;

	if (n && count > (size_t)-1 / n)
		return NULL;
	p = malloc(count * n);
	return p ? memset(p, 0, count * n) : NULL;
}

/* Keep the block if it is big enough, else move; realloc(p, 0) frees p. */
void *realloc(void *p, size_t n)
{
	struct blk *b;
	void *q;

	if (p == NULL)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	b = (struct blk *)p - 1;
	if (b->size - HDR >= n)
		return p;
	q = malloc(n);
	if (q) {
		memcpy(q, p, b->size - HDR);
		free(p);
	}
	return q;
}
