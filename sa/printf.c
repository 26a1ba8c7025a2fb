/*
 * printf.c - printf, sprintf, snprintf, vprintf, vsprintf, vsnprintf.
 *
 * One formatter, sa_vformat(), writes either to a caller's buffer or to
 * the console (console.c). It implements the C99 subset that the
 * stand-alone programs use, with glibc's behaviour for it:
 *   flags - + space # 0, width and precision (digits or *), length
 *   modifiers hh h l ll z j t, conversions d i u o x X c s p %.
 * No floating point (the runtime is built with -msoft-float and the
 * 31-bit libgcc has no soft-float routines). The glibc details kept:
 * %s of NULL is "(null)" (or nothing if the precision is below 6), %p of
 * NULL is "(nil)", %p is %#x that honours + and space, the 0 flag is
 * ignored for c, s and %, and an unknown conversion is copied literally.
 * 64-bit conversions divide with libgcc's __udivdi3/__umoddi3.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Where formatted characters go: a buffer of `size` bytes, or the console */
struct sa_out {
	char *buf;
	size_t size;
	size_t n;               /* characters produced so far */
	int console;
};

static void out_c(struct sa_out *o, char c)
{
	if (o->console)
		putchar((unsigned char)c);
	else if (o->n + 1 < o->size)
		o->buf[o->n] = c;
	o->n++;
}

static void out_s(struct sa_out *o, const char *s, size_t n)
{
	while (n--)
		out_c(o, *s++);
}

static void out_pad(struct sa_out *o, char c, int n)
{
	while (n-- > 0)
		out_c(o, c);
}

/* The parsed form of one conversion specification */
struct spec {
	int left, plus, space, alt, zero;
	int width;              /* 0 if none */
	int prec;               /* -1 if none */
};

/*
 * Put digits of v in base `base` at the end of buf[0..len) and return a
 * pointer to the first; 32-bit values avoid the 64-bit division.
 */
static char *to_digits(char *end, unsigned long long v, unsigned base,
		       int upper)
{
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	while (v > 0xFFFFFFFFull) {
		*--p = dig[v % base];
		v /= base;
	}
	for (uint32_t w = (uint32_t)v; w != 0; w /= base)
		*--p = dig[w % base];
	return p;
}

/*
 * Format an integer: magnitude v, negative sign if neg, conversion
 * character conv (d u o x X p). Follows C99 7.19.6.1 and glibc.
 */
static void fmt_int(struct sa_out *o, const struct spec *sp,
		    unsigned long long v, int neg, char conv)
{
	char buf[24];
	char *end = buf + sizeof buf;
	unsigned base = conv == 'o' ? 8 : (conv == 'd' || conv == 'u') ? 10 : 16;
	char *d = to_digits(end, v, base, conv == 'X');
	int nd = (int)(end - d);
	int prec = sp->prec;
	const char *prefix = "";
	int zeros, npre, body;

	if (prec < 0)
		prec = 1;
	if (conv == 'o' && sp->alt && prec <= nd)
		prec = nd + 1;          /* force a leading zero */
	if (conv == 'd' || conv == 'p')
		prefix = neg ? "-" : sp->plus ? "+" : sp->space ? " " : "";
	if ((conv == 'x' && sp->alt && v) || conv == 'p')
		prefix = conv == 'p' && *prefix ? (*prefix == '+' ? "+0x" : " 0x")
					       : "0x";
	if (conv == 'X' && sp->alt && v)
		prefix = "0X";
	npre = (int)strlen(prefix);
	zeros = prec > nd ? prec - nd : 0;
	body = npre + zeros + nd;
	if (sp->zero && !sp->left && sp->prec < 0 && sp->width > body) {
		zeros += sp->width - body;
		body = sp->width;
	}
	if (!sp->left)
		out_pad(o, ' ', sp->width - body);
	out_s(o, prefix, npre);
	out_pad(o, '0', zeros);
	out_s(o, d, nd);
	if (sp->left)
		out_pad(o, ' ', sp->width - body);
}

/* Format n characters of s padded to the field width */
static void fmt_str(struct sa_out *o, const struct spec *sp,
		    const char *s, int n)
{
	if (!sp->left)
		out_pad(o, ' ', sp->width - n);
	out_s(o, s, n);
	if (sp->left)
		out_pad(o, ' ', sp->width - n);
}

/* Read a decimal number at *pp, advancing it */
static int read_num(const char **pp)
{
	int n = 0;

	while (**pp >= '0' && **pp <= '9')
		n = n * 10 + (*(*pp)++ - '0');
	return n;
}

enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T };

/* Format fmt with ap into o; return the number of characters produced */
static int sa_vformat(struct sa_out *o, const char *fmt, va_list ap)
{
	while (*fmt) {
		const char *start = fmt;
		struct spec sp = { 0, 0, 0, 0, 0, 0, -1 };
		int len = LEN_NONE;
		char conv;

		if (*fmt != '%') {
			out_c(o, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-') sp.left = 1;
			else if (*fmt == '+') sp.plus = 1;
			else if (*fmt == ' ') sp.space = 1;
			else if (*fmt == '#') sp.alt = 1;
			else if (*fmt == '0') sp.zero = 1;
			else break;
		}
		if (*fmt == '*') {
			fmt++;
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.left = 1;
				sp.width = -sp.width;
			}
		} else {
			sp.width = read_num(&fmt);
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				fmt++;
				sp.prec = va_arg(ap, int);
				if (sp.prec < 0)
					sp.prec = -1;
			} else {
				sp.prec = read_num(&fmt);
			}
		}
		switch (*fmt) {
		case 'h':
			len = fmt[1] == 'h' ? LEN_HH : LEN_H;
			fmt += len == LEN_HH ? 2 : 1;
			break;
		case 'l':
			len = fmt[1] == 'l' ? LEN_LL : LEN_L;
			fmt += len == LEN_LL ? 2 : 1;
			break;
		case 'z': len = LEN_Z; fmt++; break;
		case 'j': len = LEN_J; fmt++; break;
		case 't': len = LEN_T; fmt++; break;
		}
		conv = *fmt;
		if (conv)
			fmt++;
		switch (conv) {
		case 'd':
		case 'i': {
			long long v;
			switch (len) {
			case LEN_HH: v = (signed char)va_arg(ap, int); break;
			case LEN_H:  v = (short)va_arg(ap, int); break;
			case LEN_L:  v = va_arg(ap, long); break;
			case LEN_LL: v = va_arg(ap, long long); break;
			case LEN_Z:  /* the signed type of size_t's width */
				v = (long long)va_arg(ap, size_t);
				if (v > (long long)(SIZE_MAX / 2))
					v -= (long long)SIZE_MAX + 1;
				break;
			case LEN_J:  v = va_arg(ap, intmax_t); break;
			case LEN_T:  v = va_arg(ap, ptrdiff_t); break;
			default:     v = va_arg(ap, int); break;
			}
			fmt_int(o, &sp, v < 0 ? 0ull - (unsigned long long)v
					      : (unsigned long long)v,
				v < 0, 'd');
			break;
		}
		case 'u':
		case 'o':
		case 'x':
		case 'X': {
			unsigned long long v;
			switch (len) {
			case LEN_HH: v = (unsigned char)va_arg(ap, unsigned); break;
			case LEN_H:  v = (unsigned short)va_arg(ap, unsigned); break;
			case LEN_L:  v = va_arg(ap, unsigned long); break;
			case LEN_LL: v = va_arg(ap, unsigned long long); break;
			case LEN_Z:  v = va_arg(ap, size_t); break;
			case LEN_J:  v = va_arg(ap, uintmax_t); break;
			case LEN_T:  v = (unsigned long long)va_arg(ap, ptrdiff_t); break;
			default:     v = va_arg(ap, unsigned); break;
			}
			if (len == LEN_T && sizeof(ptrdiff_t) < sizeof v)
				v &= (1ull << (8 * sizeof(ptrdiff_t))) - 1;
			fmt_int(o, &sp, v, 0, conv);
			break;
		}
		case 'p': {
			void *p = va_arg(ap, void *);
			if (p == NULL) {
				fmt_str(o, &sp, "(nil)", 5);
			} else {
				sp.alt = 1;
				fmt_int(o, &sp, (uintptr_t)p, 0, 'p');
			}
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			fmt_str(o, &sp, &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n = 0;
			if (s == NULL)
				s = sp.prec < 0 || sp.prec >= 6 ? "(null)" : "";
			while (s[n] && (sp.prec < 0 || n < sp.prec))
				n++;
			fmt_str(o, &sp, s, n);
			break;
		}
		case '%':
			out_c(o, '%');
			break;
		default:                /* unknown: copy the specification */
			out_s(o, start, (size_t)(fmt - start));
			break;
		}
	}
	return (int)o->n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sa_out o = { buf, size, 0, 0 };
	int n = sa_vformat(&o, fmt, ap);

	if (size > 0)
		buf[o.n < size ? o.n : size - 1] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	struct sa_out o = { NULL, 0, 0, 1 };

	return sa_vformat(&o, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}
