/*
 * convert.c - number parsing and character classes: strtol, strtoul,
 * strtoll, strtoull with bases 0, 2, 8, 10, 16 and 36, overflow and
 * errno, end pointers, atoi, abs; and the ctype classes of every ASCII
 * character summarised per class.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const inputs[] = {
	"0", "42", "-42", "+17", "   123abc", "0x1F", "0X1f", "0x", "0xg",
	"017", "08", "-0", "2147483647", "2147483648", "-2147483648",
	"-2147483649", "4294967295", "4294967296", "-1", "zz", "ZZ", "",
	"  -", "9223372036854775807", "9223372036854775808",
	"-9223372036854775808", "18446744073709551615",
	"18446744073709551616", "1010", "777", "\t\n 99",
};

int main(void)
{
	static const int bases[] = { 0, 10, 16, 8, 2, 36 };

	for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		const char *s = inputs[i];
		char *end;
		printf("\"%s\"\n", s[0] == '\t' ? "\\t\\n 99" : s);
		for (unsigned b = 0; b < sizeof bases / sizeof bases[0]; b++) {
			int base = bases[b], e1, e2, e3, e4;
			long l;
			unsigned long ul;
			long long ll;
			unsigned long long ull;
			int o1, o2, o3, o4;

			errno = 0; l = strtol(s, &end, base); e1 = errno; o1 = (int)(end - s);
			errno = 0; ul = strtoul(s, &end, base); e2 = errno; o2 = (int)(end - s);
			errno = 0; ll = strtoll(s, &end, base); e3 = errno; o3 = (int)(end - s);
			errno = 0; ull = strtoull(s, &end, base); e4 = errno; o4 = (int)(end - s);
			if (b > 1 && o1 == 0 && o3 == 0)
				continue;
			printf("  base %2d: l %ld/%d%s ul %lu/%d%s ll %lld/%d%s ull %llu/%d%s\n",
			       base, l, o1, e1 == ERANGE ? "!" : "",
			       ul, o2, e2 == ERANGE ? "!" : "",
			       ll, o3, e3 == ERANGE ? "!" : "",
			       ull, o4, e4 == ERANGE ? "!" : "");
		}
	}
	printf("atoi: %d %d %d %d\n", atoi("123"), atoi("-77x"), atoi("  +5"), atoi("x"));
	printf("abs: %d %d %lld\n", abs(-5), abs(INT_MIN + 1), llabs(-1234567890123LL));

	static const struct { const char *name; int (*f)(int); } cls[] = {
		{ "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum },
		{ "space", isspace }, { "upper", isupper }, { "lower", islower },
		{ "xdigit", isxdigit }, { "punct", ispunct }, { "print", isprint },
		{ "graph", isgraph }, { "cntrl", iscntrl },
	};
	for (unsigned k = 0; k < sizeof cls / sizeof cls[0]; k++) {
		int n = 0;
		unsigned h = 0;
		for (int c = 0; c < 128; c++)
			if (cls[k].f(c)) {
				n++;
				h = h * 129 + (unsigned)c;
			}
		printf("is%-7s %3d chars, hash %08x\n", cls[k].name, n, h);
	}
	char up[40], lo[40];
	const char *t = "Hello, World! 123 xyz";
	int i;
	for (i = 0; t[i]; i++) {
		up[i] = (char)toupper((unsigned char)t[i]);
		lo[i] = (char)tolower((unsigned char)t[i]);
	}
	up[i] = lo[i] = 0;
	printf("%s / %s\n", up, lo);
	return 0;
}
