/*
 * vm.c - a stack-machine bytecode interpreter with a two-pass assembler
 * for its textual assembly language (labels end in ':'; operands are
 * numbers or labels). Runs loops, Fibonacci, Euclid's GCD, trial-division
 * primes and a recursive factorial with CALL/RET, and counts opcodes.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPS(X) X(PUSH, 1) X(POP, 0) X(DUP, 0) X(SWAP, 0) X(OVER, 0) \
	X(ADD, 0) X(SUB, 0) X(MUL, 0) X(DIV, 0) X(MOD, 0) X(LT, 0) X(EQ, 0) \
	X(NOT, 0) X(JMP, 1) X(JZ, 1) X(LOAD, 1) X(STORE, 1) X(CALL, 1) \
	X(RET, 0) X(PRINT, 0) X(HALT, 0)

#define ENUM(name, args) OP_##name,
enum op { OPS(ENUM) NOPS };
#define NAME(name, args) #name,
static const char *const names[] = { OPS(NAME) };
#define ARGS(name, args) args,
static const int nargs[] = { OPS(ARGS) };

static int32_t code[256];
static unsigned counts[NOPS];

/* Assemble src into code[]; returns the length or -1 on an error */
static int assemble(const char *src)
{
	char labels[16][12], tok[16];
	int addr[16], nlabels = 0, len = 0;

	for (int pass = 0; pass < 2; pass++) {
		const char *p = src;
		len = 0;
		for (;;) {
			int n = 0;
			while (isspace((unsigned char)*p))
				p++;
			if (!*p)
				break;
			while (*p && !isspace((unsigned char)*p) && n < 15)
				tok[n++] = (char)tolower((unsigned char)*p++);
			tok[n] = 0;
			if (tok[n - 1] == ':') {
				tok[n - 1] = 0;
				if (pass == 0) {
					strcpy(labels[nlabels], tok);
					addr[nlabels++] = len;
				}
				continue;
			}
			if (isdigit((unsigned char)tok[0]) || tok[0] == '-') {
				code[len++] = (int32_t)strtol(tok, NULL, 10);
				continue;
			}
			int op;
			for (op = 0; op < NOPS; op++) {
				char lower[8];
				int k;
				for (k = 0; names[op][k]; k++)
					lower[k] = (char)tolower((unsigned char)names[op][k]);
				lower[k] = 0;
				if (strcmp(tok, lower) == 0)
					break;
			}
			if (op < NOPS) {
				code[len++] = op;
				continue;
			}
			int l;
			for (l = 0; l < nlabels && strcmp(labels[l], tok); l++)
				;
			if (pass == 1 && l == nlabels) {
				printf("unknown word %s\n", tok);
				return -1;
			}
			code[len++] = l < nlabels ? addr[l] : 0;
		}
	}
	return len;
}

/* Run code[] from 0; returns the steps taken, or -1 on a fault */
static int run(void)
{
	int32_t st[128], a, b;
	int ret[32], sp = 0, rsp = 0, pc = 0, steps = 0;

	for (;; steps++) {
		int op = code[pc++];
		if (op < 0 || op >= NOPS || sp > 120 || rsp > 30 || sp < 0)
			return -1;
		counts[op]++;
		switch (op) {
		case OP_PUSH:  st[sp++] = code[pc++]; break;
		case OP_POP:   sp--; break;
		case OP_DUP:   st[sp] = st[sp - 1]; sp++; break;
		case OP_SWAP:  a = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = a; break;
		case OP_OVER:  st[sp] = st[sp - 2]; sp++; break;
		case OP_NOT:   st[sp - 1] = !st[sp - 1]; break;
		case OP_JMP:   pc = code[pc]; break;
		case OP_JZ:    pc = st[--sp] ? pc + 1 : code[pc]; break;
		case OP_LOAD:  st[sp++] = code[200 + code[pc++]]; break;
		case OP_STORE: code[200 + code[pc++]] = st[--sp]; break;
		case OP_CALL:  ret[rsp++] = pc + 1; pc = code[pc]; break;
		case OP_RET:   pc = ret[--rsp]; break;
		case OP_PRINT: printf(" %d", st[--sp]); break;
		case OP_HALT:  return steps + 1;
		default:
			b = st[--sp];
			a = st[--sp];
			if ((op == OP_DIV || op == OP_MOD) && b == 0)
				return -1;
			st[sp++] = op == OP_ADD ? a + b : op == OP_SUB ? a - b :
				   op == OP_MUL ? a * b : op == OP_DIV ? a / b :
				   op == OP_MOD ? a % b : op == OP_LT ? a < b : a == b;
		}
	}
}

static const char *const programs[][2] = {
	{ "sum", "push 0 store 0 push 1 store 1\n"
		 "loop: load 1 push 1001 lt jz done\n"
		 "  load 0 load 1 add store 0 load 1 push 1 add store 1 jmp loop\n"
		 "done: load 0 print halt" },
	{ "fib", "push 0 push 1 push 20 store 0\n"
		 "loop: load 0 jz done over print dup store 1 add load 1 swap\n"
		 "  load 0 push 1 sub store 0 jmp loop\n"
		 "done: halt" },
	{ "gcd", "push 1071 push 462 call gcd print\n"
		 "push 832040 push 514229 call gcd print\n"
		 "push 3780 push 7056 call gcd print halt\n"
		 "gcd: dup jz end swap over mod jmp gcd\n"
		 "end: pop ret" },
	{ "primes", "push 2 store 0\n"
		    "next: load 0 push 60 lt jz done push 2 store 1\n"
		    "try: load 1 load 1 mul load 0 swap lt jz prime\n"
		    "  load 0 load 1 mod jz skip load 1 push 1 add store 1 jmp try\n"
		    "prime: load 0 print\n"
		    "skip: load 0 push 1 add store 0 jmp next\n"
		    "done: halt" },
	{ "fact", "push 1 store 0\n"
		  "loop: load 0 push 13 lt jz done load 0 call fact print\n"
		  "  load 0 push 1 add store 0 jmp loop\n"
		  "done: halt\n"
		  "fact: dup push 2 lt jz rec pop push 1 ret\n"
		  "rec: dup push 1 sub call fact mul ret" },
	{ "fault", "push 1 push 0 div halt" },
	{ "typo", "push 1 jmp nowhere" },
};

int main(void)
{
	int fail = 0;

	for (unsigned i = 0; i < sizeof programs / sizeof programs[0]; i++) {
		int len = assemble(programs[i][1]);
		printf("%-6s %3d words:", programs[i][0], len);
		int steps = len < 0 ? -2 : run();
		printf("  (%d steps)\n", steps);
		if ((steps < 0) != (i >= 5))
			fail = 1;
	}
	printf("opcode counts:\n");
	for (int op = 0; op < NOPS; op++)
		printf("  %-5s %d %6u\n", names[op], nargs[op], counts[op]);
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
