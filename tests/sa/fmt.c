/*
 * fmt.c - a table of printf conversions (flags, width, precision, *,
 * length modifiers) whose output must match glibc's exactly, plus
 * snprintf truncation and return values.
 */
#include <limits.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

enum kind { I, U, LL, ULL, HH, H, Z, STR, CHR, PTR, STAR2, STAR1 };

struct row {
	const char *fmt;
	enum kind kind;
	long long v;
	const char *s;
	int w, p;
};

static const struct row rows[] = {
	{ "%d", I, 0 }, { "%d", I, 42 }, { "%d", I, -42 },
	{ "%d", I, INT_MAX }, { "%d", I, INT_MIN }, { "%i", I, 123 },
	{ "%5d", I, 42 }, { "%-5d", I, 42 }, { "%05d", I, 42 },
	{ "%05d", I, -42 }, { "%+d", I, 42 }, { "%+d", I, -42 },
	{ "% d", I, 42 }, { "% d", I, -42 }, { "%+ d", I, 7 },
	{ "%.3d", I, 7 }, { "%.3d", I, -7 }, { "%8.3d", I, -7 },
	{ "%-8.3d|", I, 7 }, { "%08.3d", I, 7 }, { "%.0d", I, 0 },
	{ "%5.0d|", I, 0 }, { "%+.0d", I, 0 }, { "%-+6d|", I, 5 },
	{ "%u", U, 0 }, { "%u", U, 4294967295LL }, { "%10u", U, 123 },
	{ "%+u", U, 5 }, { "% u", U, 5 }, { "%x", U, 0xbeef },
	{ "%X", U, 0xbeef }, { "%#x", U, 0xbeef }, { "%#X", U, 0xbeef },
	{ "%#x", U, 0 }, { "%#10x", U, 255 }, { "%#010x", U, 255 },
	{ "%-#10x|", U, 255 }, { "%.8x", U, 255 }, { "%#.8x", U, 255 },
	{ "%o", U, 8 }, { "%#o", U, 8 }, { "%#o", U, 0 }, { "%#.0o", U, 0 },
	{ "%.0o", U, 0 }, { "%#5o", U, 8 }, { "%#.4o", U, 8 },
	{ "%.0x", U, 0 }, { "%#.0x", U, 0 }, { "%x", U, 4294967295LL },
	{ "%lld", LL, 0 }, { "%lld", LL, LLONG_MAX }, { "%lld", LL, LLONG_MIN },
	{ "%25lld", LL, -1234567890123LL }, { "%-25lld|", LL, 1234567890123LL },
	{ "%025lld", LL, -1234567890123LL }, { "%+lld", LL, 99 },
	{ "%llx", ULL, -1 }, { "%llX", ULL, 0x123456789ABCDEFLL },
	{ "%#llo", ULL, 0x8000000000000000ULL }, { "%llu", ULL, -1 },
	{ "%.20llu", ULL, 12345 }, { "%#llx", ULL, 0x100000000LL },
	{ "%hhd", HH, 300 }, { "%hhd", HH, 200 }, { "%hhu", HH, 300 },
	{ "%hhx", HH, -1 }, { "%hd", H, 70000 }, { "%hd", H, 40000 },
	{ "%hu", H, -1 }, { "%hx", H, 0x12345 }, { "%zu", Z, 12345 },
	{ "%zx", Z, 0xabc }, { "%5zu|", Z, 7 },
	{ "%s", STR, 0, "hello" }, { "%10s", STR, 0, "hello" },
	{ "%-10s|", STR, 0, "hello" }, { "%.3s", STR, 0, "hello" },
	{ "%10.3s", STR, 0, "hello" }, { "%-10.3s|", STR, 0, "hello" },
	{ "%.0s|", STR, 0, "hello" }, { "%.10s", STR, 0, "hello" },
	{ "%s", STR, 0, "" }, { "%5s|", STR, 0, "" }, { "%05s", STR, 0, "ab" },
	{ "%s", STR, 0, NULL }, { "%.3s|", STR, 0, NULL },
	{ "%.6s|", STR, 0, NULL }, { "%8s", STR, 0, NULL },
	{ "%c", CHR, 'A' }, { "%5c", CHR, 'B' }, { "%-5c|", CHR, 'C' },
	{ "%05c", CHR, 'D' }, { "%c", CHR, '~' },
	{ "%p", PTR, 0 }, { "%10p", PTR, 0 }, { "%-10p|", PTR, 0 },
	{ "%.2p", PTR, 0 }, { "%p", PTR, 0x1234 }, { "%10p", PTR, 0xabcdef },
	{ "%-10p|", PTR, 0x10 }, { "%010p", PTR, 0x1234 },
	{ "%+p", PTR, 0x1234 }, { "% p", PTR, 0x1234 }, { "%.6p", PTR, 0xab },
	{ "%*d", STAR1, 42, 0, 8 }, { "%*d", STAR1, 42, 0, -8 },
	{ "%-*d|", STAR1, 42, 0, 6 }, { "%.*d", STAR1, 42, 0, 5 },
	{ "%.*d", STAR1, 42, 0, -5 }, { "%*.*d", STAR2, 42, 0, 8, 5 },
	{ "%*.*d", STAR2, -42, 0, -8, 5 }, { "%*.*d|", STAR2, 0, 0, 3, 0 },
	{ "%*.*x", STAR2, 255, 0, 10, 4 },
	{ "100%%", I, 0 }, { "%5%|", I, 0 }, { "%d%%", I, 50 },
	{ "[%d|%d]", I, 3 },
};

int main(void)
{
	char buf[64];
	int n;

	for (unsigned i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];
		printf("%-12s [", r->fmt);
		switch (r->kind) {
		case I:   n = printf(r->fmt, (int)r->v, (int)r->v); break;
		case U:   n = printf(r->fmt, (unsigned)r->v); break;
		case LL:  n = printf(r->fmt, r->v); break;
		case ULL: n = printf(r->fmt, (unsigned long long)r->v); break;
		case HH:
		case H:   n = printf(r->fmt, (int)r->v); break;
		case Z:   n = printf(r->fmt, (size_t)r->v); break;
		case STR: n = printf(r->fmt, r->s); break;
		case CHR: n = printf(r->fmt, (int)r->v); break;
		case PTR: n = printf(r->fmt, (void *)(uintptr_t)r->v); break;
		case STAR1: n = printf(r->fmt, r->w, (int)r->v); break;
		case STAR2: n = printf(r->fmt, r->w, r->p, (int)r->v); break;
		default:  n = 0; break;
		}
		printf("] %d\n", n);
	}

	for (volatile int size = 0; size <= 12; size += 3) {
		memset(buf, '#', sizeof buf);
		n = snprintf(buf, (size_t)size, "%s-%05d", "abcdef", 42);
		buf[sizeof buf - 1] = 0;
		printf("snprintf size %2d -> %2d \"%.20s\"\n", size, n,
		       size ? buf : "(untouched)");
	}
	n = snprintf(NULL, 0, "%lld", -1234567890123LL);
	printf("snprintf(NULL, 0) = %d\n", n);
	n = sprintf(buf, "%c%c%c", 'x', 0, 'y');
	printf("sprintf with NUL: %d [%s] [%s]\n", n, buf, buf + 2);
	return 0;
}
