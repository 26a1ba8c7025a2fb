/*
 * expr.c - a recursive-descent parser and evaluator for integer
 * expressions with variables and assignment:
 *   stmt   := NAME '=' expr | expr
 *   expr   := term (('+' | '-') term)*
 *   term   := unary (('*' | '/' | '%') unary)*
 *   unary  := '-' unary | power
 *   power  := atom ('^' unary)?
 *   atom   := NUMBER | NAME | '(' expr ')'
 * Errors (syntax, unknown variable, division by zero) unwind with longjmp.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

static const char *pos;
static jmp_buf err_env;
static const char *err_msg;

static struct { char name[8]; long long val; } vars[16];
static int nvars;

static void error(const char *msg)
{
	err_msg = msg;
	longjmp(err_env, 1);
}

static void skip(void)
{
	while (isspace((unsigned char)*pos))
		pos++;
}

static int accept(char c)
{
	skip();
	if (*pos == c) {
		pos++;
		return 1;
	}
	return 0;
}

static long long *lookup(const char *name, int create)
{
	for (int i = 0; i < nvars; i++)
		if (strcmp(vars[i].name, name) == 0)
			return &vars[i].val;
	if (!create)
		error("unknown variable");
	if (nvars == 16)
		error("too many variables");
	strcpy(vars[nvars].name, name);
	vars[nvars].val = 0;
	return &vars[nvars++].val;
}

static int read_name(char *name)
{
	int n = 0;

	skip();
	if (!isalpha((unsigned char)*pos))
		return 0;
	while (isalnum((unsigned char)*pos) && n < 7)
		name[n++] = *pos++;
	name[n] = 0;
	return 1;
}

static long long expr(void);
static long long unary(void);

static long long atom(void)
{
	char name[8];

	skip();
	if (isdigit((unsigned char)*pos)) {
		long long v = 0;
		while (isdigit((unsigned char)*pos))
			v = v * 10 + (*pos++ - '0');
		return v;
	}
	if (read_name(name))
		return *lookup(name, 0);
	if (accept('(')) {
		long long v = expr();
		if (!accept(')'))
			error("missing )");
		return v;
	}
	error("syntax error");
	return 0;
}

static long long power(void)
{
	long long base = atom(), r = 1;

	if (accept('^')) {
		long long e = unary();
		if (e < 0)
			error("negative exponent");
		while (e-- > 0)
			r *= base;
		return r;
	}
	return base;
}

static long long unary(void)
{
	if (accept('-'))
		return -unary();
	return power();
}

static long long term(void)
{
	long long v = unary();

	for (;;) {
		if (accept('*')) {
			v *= unary();
		} else if (accept('/') || (*pos == '%' && pos++)) {
			char op = pos[-1];
			long long d = unary();
			if (d == 0)
				error("division by zero");
			v = op == '/' ? v / d : v % d;
		} else {
			return v;
		}
	}
}

static long long expr(void)
{
	long long v = term();

	for (;;) {
		if (accept('+'))
			v += term();
		else if (accept('-'))
			v -= term();
		else
			return v;
	}
}

static void run(const char *line)
{
	const char *save;
	char name[8];
	long long v;

	pos = line;
	if (setjmp(err_env)) {
		printf("%-28s -> error: %s at column %d\n", line, err_msg,
		       (int)(pos - line));
		return;
	}
	save = pos;
	if (read_name(name) && accept('=')) {
		long long *p;
		v = expr();
		p = lookup(name, 1);
		*p = v;
	} else {
		pos = save;
		v = expr();
	}
	skip();
	if (*pos)
		error("trailing text");
	printf("%-28s -> %lld\n", line, v);
}

int main(void)
{
	static const char *const prog[] = {
		"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 10", "2 ^ 3 ^ 2", "-2 ^ 2",
		"100 / 7", "100 % 7", "-100 / 7", "-100 % 7", "x = 6 * 7",
		"y = x - 2", "x * y", "z = x ^ 5 - y ^ 4", "z / (x - y)",
		"big = 3 ^ 39", "big % 1000000007", "a = (((((1)))))",
		"w + 1", "1 / (x - 42)", "3 +", "(4 * 5", "7 $ 2", "12 % 0",
		"n = 0", "n = n + 1", "n = n * 10 + n", "  n  ", "",
	};

	for (unsigned i = 0; i < sizeof prog / sizeof prog[0]; i++)
		run(prog[i]);
	/* an iterative computation driven through the parser */
	run("f = 1");
	char line[40];
	for (int i = 1; i <= 15; i++) {
		sprintf(line, "f = f * %d", i);
		run(line);
	}
	return 0;
}
