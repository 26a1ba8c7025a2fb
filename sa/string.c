/*
 * string.c - the mem* and str* functions of the stand-alone runtime
 * (declared in sa/include/string.h).  memcpy, memmove and memset are
 * MOVE LONG: CP, CMS and CMS programs move whole blocks with them, and
 * one instruction the machine runs as a host memmove beats thousands of
 * interpreted ones.  The rest are plain byte loops, built with
 * -fno-tree-loop-distribute-patterns so that GCC does not turn them into
 * calls to the mem* functions.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * MOVE LONG (GA22-7000): one instruction moves up to 16M bytes, or pads
 * the target with a byte when the source is empty; the machine does the
 * loop.  The lengths are 24 bits: longer moves go in pieces.  Returns
 * the condition code (3: destructive overlap, nothing moved).
 */
static int mvcl(void *dst, size_t dlen, const void *src, size_t slen, unsigned char pad)
{
#ifndef __s390__			/* the host check of the portable part */
	unsigned char *dp = dst;
	const unsigned char *sp = src;
	for (size_t i = 0; i < dlen; i++)
		dp[i] = i < slen ? sp[i] : pad;
	return 0;
#else
	register uintptr_t d __asm__("2") = (uintptr_t)dst;
	register uintptr_t dl __asm__("3") = dlen;
	register uintptr_t s __asm__("4") = (uintptr_t)src;
	register uintptr_t sl __asm__("5") = (uintptr_t)pad << 24 | slen;
	int cc;
	__asm__ volatile("mvcl %1,%3\n\tipm %0\n\tsrl %0,28"
			 : "=d"(cc), "+d"(d), "+d"(dl), "+d"(s), "+d"(sl)
			 : : "cc", "memory");
	return cc;
#endif
}

#define MVCL_MAX 0xFFFFFFu

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (; n > MVCL_MAX; n -= MVCL_MAX, d += MVCL_MAX, s += MVCL_MAX)
		mvcl(d, MVCL_MAX, s, MVCL_MAX, 0);
	if (n)
		mvcl(d, n, s, n, 0);
	return dst;
}

/* MVCL moves left to right: right for d < s or no overlap; a move to
   the right within the source is done from the end. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *p, int c, size_t n)
{
	unsigned char *d = p;

	for (; n > MVCL_MAX; n -= MVCL_MAX, d += MVCL_MAX)
		mvcl(d, MVCL_MAX, d, 0, (unsigned char)c);
	if (n)
		mvcl(d, n, d, 0, (unsigned char)c);
	return p;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n--; x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *p, int c, size_t n)
{
	const unsigned char *s = p;

	for (; n--; s++)
		if (*s == (unsigned char)c)
			return (void *)s;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *x = (const void *)a, *y = (const void *)b;

	while (*x && *x == *y)
		x++, y++;
	return *x - *y;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const void *)a, *y = (const void *)b;

	for (; n; n--, x++, y++)
		if (*x != *y || !*x)
			return *x - *y;
	return 0;
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}

/* Copy at most n bytes; pad with NULs to n (C99 7.21.2.4) */
char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *strncat(char *dst, const char *src, size_t n)
{
	char *d = dst + strlen(dst);

	while (n-- && *src)
		*d++ = *src++;
	*d = '\0';
	return dst;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return (char *)hay;
	for (; *hay; hay++)
		if (*hay == *needle && strncmp(hay, needle, n) == 0)
			return (char *)hay;
	return NULL;
}

size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	return d ? memcpy(d, s, n) : NULL;
}
