/*
 * strings.c - the string.h functions on edge cases: empty strings,
 * overlapping memmove, strncpy padding, searches that fail, and
 * comparisons of bytes above 127 (unsigned). Only the sign of a
 * comparison is printed: its magnitude is unspecified.
 */
#include <stdio.h>
#include <string.h>

/* strncpy's truncation is what is being tested */
#pragma GCC diagnostic ignored "-Wstringop-truncation"

static int sgn(int v) { return (v > 0) - (v < 0); }

static int fail;

static void expect(int cond, const char *what)
{
	if (!cond) {
		printf("FAILED: %s\n", what);
		fail = 1;
	}
}

int main(void)
{
	char buf[64], b2[64];
	const char *s = "the quick brown fox jumps over the lazy dog";

	printf("strlen: %d %d %d\n", (int)strlen(""), (int)strlen("a"),
	       (int)strlen(s));
	printf("strcmp: %d %d %d %d %d\n", sgn(strcmp("abc", "abd")),
	       sgn(strcmp("abc", "abc")), sgn(strcmp("b", "abc")),
	       sgn(strcmp("", "a")), sgn(strcmp("\x80", "\x7f")));
	printf("strncmp: %d %d %d\n", sgn(strncmp("abcX", "abcY", 3)),
	       sgn(strncmp("abcX", "abcY", 4)), sgn(strncmp("a", "b", 0)));
	printf("memcmp: %d %d %d\n", sgn(memcmp("\xff", "\x01", 1)),
	       sgn(memcmp("ab\0c", "ab\0d", 4)), sgn(memcmp("x", "y", 0)));

	strcpy(buf, "hello");
	strcat(buf, ", ");
	strcat(buf, "world");
	printf("strcpy/strcat: [%s] %d\n", buf, (int)strlen(buf));
	expect(strcmp(buf, "hello, world") == 0, "strcat");

	memset(b2, 'x', sizeof b2);
	strncpy(b2, "abc", 6);
	printf("strncpy pad: %d %d %d %d %c\n", b2[2], b2[3], b2[4], b2[5], b2[6]);
	expect(b2[3] == 0 && b2[5] == 0 && b2[6] == 'x', "strncpy padding");
	strncpy(b2, "abcdefgh", 4);
	printf("strncpy trunc: %.6s\n", b2);

	printf("strchr: %d %d %d\n", (int)(strchr(s, 'q') - s),
	       strchr(s, 'Z') == NULL, (int)(strchr(s, '\0') - s));
	printf("strrchr: %d %d\n", (int)(strrchr(s, 'o') - s),
	       strrchr(s, 'Z') == NULL);
	printf("strstr: %d %d %d %d\n", (int)(strstr(s, "fox") - s),
	       strstr(s, "cat") == NULL, (int)(strstr(s, "") - s),
	       (int)(strstr(s, "dog") - s));
	printf("memchr: %d %d\n", (int)((const char *)memchr(s, 'j', 43) - s),
	       memchr(s, 'j', 10) == NULL);

	strcpy(buf, "0123456789");
	memmove(buf + 2, buf, 6);
	printf("memmove up: %s\n", buf);
	expect(strcmp(buf, "0101234589") == 0, "memmove up");
	strcpy(buf, "0123456789");
	memmove(buf, buf + 3, 7);
	printf("memmove down: %s\n", buf);
	expect(strcmp(buf, "3456789789") == 0, "memmove down");
	memcpy(b2, s, 10);
	b2[10] = 0;
	printf("memcpy: %s\n", b2);
	memset(buf, '-', 20);
	buf[20] = 0;
	printf("memset: %s\n", buf);

	/* word split by hand with strchr and strncpy */
	const char *p = s;
	int words = 0;
	while (p && *p) {
		const char *sp = strchr(p, ' ');
		int n = sp ? (int)(sp - p) : (int)strlen(p);
		strncpy(b2, p, (size_t)n);
		b2[n] = 0;
		printf("word %d: %-6s len %d\n", ++words, b2, n);
		p = sp ? sp + 1 : NULL;
	}
	expect(words == 9, "word count");

	unsigned h = 0;
	for (int i = 0; i < 200; i++) {
		char a[16], b[16];
		snprintf(a, sizeof a, "k%03d", i * 7 % 200);
		snprintf(b, sizeof b, "k%03d", i * 13 % 200);
		h = h * 3 + (unsigned)(sgn(strcmp(a, b)) + 1);
	}
	printf("comparison hash %u\n", h);
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
