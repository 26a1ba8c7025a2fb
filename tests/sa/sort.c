/*
 * sort.c - sorting LCG data four ways (qsort, merge sort, heap sort,
 * insertion sort) and checking that they agree; qsort of records with a
 * total order, and bsearch. Exercises qsort/bsearch in sa/stdlib.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 1000

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static void merge_sort(int *a, int *tmp, int n)
{
	int mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(a, tmp, mid);
	merge_sort(a + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, (size_t)n * sizeof *a);
}

static void sift_down(int *a, int root, int n)
{
	for (;;) {
		int child = 2 * root + 1, t;
		if (child >= n)
			return;
		if (child + 1 < n && a[child + 1] > a[child])
			child++;
		if (a[root] >= a[child])
			return;
		t = a[root]; a[root] = a[child]; a[child] = t;
		root = child;
	}
}

static void heap_sort(int *a, int n)
{
	for (int i = n / 2 - 1; i >= 0; i--)
		sift_down(a, i, n);
	for (int end = n - 1; end > 0; end--) {
		int t = a[0]; a[0] = a[end]; a[end] = t;
		sift_down(a, 0, end);
	}
}

static void insertion_sort(int *a, int n)
{
	for (int i = 1; i < n; i++) {
		int v = a[i], j = i;
		for (; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

struct rec {
	int key;
	int id;
	char name[8];
};

/* key ascending, then id descending: a total order */
static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->id < y->id) - (x->id > y->id);
}

static int a0[N], a1[N], a2[N], a3[N], tmp[N];
static struct rec recs[200];

int main(void)
{
	unsigned sum = 0;
	int fail = 0;

	sa_srand(12345);
	for (int i = 0; i < N; i++)
		a0[i] = a1[i] = a2[i] = a3[i] = sa_rand() - 16384;
	qsort(a0, N, sizeof a0[0], cmp_int);
	merge_sort(a1, tmp, N);
	heap_sort(a2, N);
	insertion_sort(a3, N);
	for (int i = 0; i < N; i++) {
		if (a0[i] != a1[i] || a0[i] != a2[i] || a0[i] != a3[i])
			fail = 1;
		if (i > 0 && a0[i - 1] > a0[i])
			fail = 1;
		sum = sum * 31 + (unsigned)a0[i];
	}
	printf("sorted %d values, agree=%s, checksum %08x\n", N,
	       fail ? "no" : "yes", sum);
	printf("min %d, max %d, median %d\n", a0[0], a0[N - 1], a0[N / 2]);
	for (int i = 0; i < N; i += 100)
		printf("a[%3d] = %6d\n", i, a0[i]);

	for (int i = 0; i < 200; i++) {
		recs[i].key = sa_rand() % 10;
		recs[i].id = i;
		snprintf(recs[i].name, sizeof recs[i].name, "r%d", i);
	}
	qsort(recs, 200, sizeof recs[0], cmp_rec);
	for (int i = 0; i < 200; i += 20)
		printf("rec %3d: key %d id %3d name %s\n", i, recs[i].key,
		       recs[i].id, recs[i].name);
	for (int i = 1; i < 200; i++)
		if (cmp_rec(&recs[i - 1], &recs[i]) >= 0)
			fail = 1;

	int found = 0, missing = 0;
	for (int k = -16384; k < 16384; k += 97) {
		int *p = bsearch(&k, a0, N, sizeof a0[0], cmp_int);
		if (p) {
			found++;
			if (*p != k)
				fail = 1;
		} else {
			missing++;
		}
	}
	printf("bsearch: %d found, %d missing\n", found, missing);
	qsort(a0, 0, sizeof a0[0], cmp_int);
	qsort(a0, 1, sizeof a0[0], cmp_int);
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
