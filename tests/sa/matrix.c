/*
 * matrix.c - integer matrices: a 16x16 product checked through the
 * associativity (AB)C = A(BC), transposes, Fibonacci numbers by 2x2
 * matrix powers modulo a prime, and exact determinants with the Bareiss
 * fraction-free elimination in long long.
 */
#include <stdio.h>
#include <stdlib.h>

#define N 16

typedef int mat[N][N];

static void mul(mat r, mat a, mat b)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			int s = 0;
			for (int k = 0; k < N; k++)
				s += a[i][k] * b[k][j];
			r[i][j] = s;
		}
}

static unsigned checksum(mat m)
{
	unsigned h = 0;
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			h = h * 31 + (unsigned)m[i][j];
	return h;
}

/* 2x2 matrix power modulo p: [[1,1],[1,0]]^n = [[F(n+1),F(n)],[F(n),F(n-1)]] */
static unsigned long long fib_mod(unsigned long long n, unsigned long long p)
{
	unsigned long long r[4] = { 1, 0, 0, 1 }, m[4] = { 1, 1, 1, 0 }, t[4];

	while (n) {
		if (n & 1) {
			t[0] = (r[0] * m[0] + r[1] * m[2]) % p;
			t[1] = (r[0] * m[1] + r[1] * m[3]) % p;
			t[2] = (r[2] * m[0] + r[3] * m[2]) % p;
			t[3] = (r[2] * m[1] + r[3] * m[3]) % p;
			r[0] = t[0]; r[1] = t[1]; r[2] = t[2]; r[3] = t[3];
		}
		t[0] = (m[0] * m[0] + m[1] * m[2]) % p;
		t[1] = (m[0] * m[1] + m[1] * m[3]) % p;
		t[2] = (m[2] * m[0] + m[3] * m[2]) % p;
		t[3] = (m[2] * m[1] + m[3] * m[3]) % p;
		m[0] = t[0]; m[1] = t[1]; m[2] = t[2]; m[3] = t[3];
		n >>= 1;
	}
	return r[1];
}

/* Determinant of an n x n matrix (n <= 8) by Bareiss; exact in long long
 * as long as the products of minors fit (small entries, n <= 6 here) */
static long long det(long long a[8][8], int n)
{
	long long prev = 1;
	int sign = 1;

	for (int k = 0; k < n - 1; k++) {
		if (a[k][k] == 0) {
			int r = k + 1;
			while (r < n && a[r][k] == 0)
				r++;
			if (r == n)
				return 0;
			for (int j = 0; j < n; j++) {
				long long t = a[k][j]; a[k][j] = a[r][j]; a[r][j] = t;
			}
			sign = -sign;
		}
		for (int i = k + 1; i < n; i++)
			for (int j = k + 1; j < n; j++)
				a[i][j] = (a[i][j] * a[k][k] - a[i][k] * a[k][j]) / prev;
		prev = a[k][k];
	}
	return sign * a[n - 1][n - 1];
}

static mat A, B, C, AB, BC, R1, R2;

int main(void)
{
	int fail = 0;

	sa_srand(2024);
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			A[i][j] = sa_rand() % 21 - 10;
			B[i][j] = sa_rand() % 21 - 10;
			C[i][j] = sa_rand() % 21 - 10;
		}
	mul(AB, A, B);
	mul(BC, B, C);
	mul(R1, AB, C);
	mul(R2, A, BC);
	printf("A*B checksum %08x, trace", checksum(AB));
	int tr = 0;
	for (int i = 0; i < N; i++)
		tr += AB[i][i];
	printf(" %d\n", tr);
	printf("(AB)C %08x, A(BC) %08x\n", checksum(R1), checksum(R2));
	fail |= checksum(R1) != checksum(R2);
	for (int i = 0; i < 4; i++) {
		for (int j = 0; j < 8; j++)
			printf(" %7d", R1[i][j]);
		printf("\n");
	}

	static const unsigned long long ns[] = { 10, 50, 90, 1000, 1000000, 1000000000000ull };
	for (unsigned i = 0; i < sizeof ns / sizeof ns[0]; i++)
		printf("F(%llu) mod 1000000007 = %llu\n", ns[i],
		       fib_mod(ns[i], 1000000007ull));
	fail |= fib_mod(90, 1ull << 62) != 2880067194370816120ull;

	long long m[8][8];
	for (int n = 1; n <= 6; n++) {
		/* Hilbert-like integer matrix and a random one */
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
				m[i][j] = (i + 1) * (j + 2) % 7 + (i == j) * 3 - 2;
		long long d1 = det(m, n);
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
				m[i][j] = sa_rand() % 19 - 9;
		long long d2 = det(m, n);
		printf("n=%d det %lld, random det %lld\n", n, d1, d2);
	}
	/* Vandermonde determinant: product of (x_j - x_i) */
	long long v[8][8], want = 1;
	for (int i = 0; i < 6; i++)
		for (int j = 0, p = 1; j < 6; j++, p *= i + 2)
			v[i][j] = p;
	for (int i = 0; i < 6; i++)
		for (int j = i + 1; j < 6; j++)
			want *= j - i;
	long long dv = det(v, 6);      /* det() works in place */
	printf("vandermonde det %lld (expected %lld)\n", dv, want);
	fail |= dv != want;
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
