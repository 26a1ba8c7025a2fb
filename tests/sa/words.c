/*
 * words.c - word frequencies of a generated text: words built from
 * syllables, counted in a chained hash table (FNV-1a), then ranked by
 * count and alphabetically with qsort, and looked up with bsearch.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 128

struct entry {
	char word[16];
	int count;
	struct entry *next;
};

static struct entry *table[BUCKETS];
static int distinct;

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void add(const char *w)
{
	struct entry **pp = &table[hash(w) % BUCKETS], *e;

	for (e = *pp; e; e = e->next)
		if (strcmp(e->word, w) == 0) {
			e->count++;
			return;
		}
	e = malloc(sizeof *e);
	strcpy(e->word, w);
	e->count = 1;
	e->next = *pp;
	*pp = e;
	distinct++;
}

static int by_count(const void *a, const void *b)
{
	const struct entry *x = *(struct entry *const *)a;
	const struct entry *y = *(struct entry *const *)b;
	if (x->count != y->count)
		return y->count - x->count;
	return strcmp(x->word, y->word);
}

static int by_word(const void *a, const void *b)
{
	return strcmp((*(struct entry *const *)a)->word,
		      (*(struct entry *const *)b)->word);
}

static int key_word(const void *key, const void *elem)
{
	return strcmp(key, (*(struct entry *const *)elem)->word);
}

int main(void)
{
	static const char *const syl[] = {
		"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po",
	};
	char w[16];
	int total = 0, longest = 0, fail = 0;

	sa_srand(1234);
	for (int i = 0; i < 3000; i++) {
		int n = 1 + sa_rand() % 3;
		w[0] = 0;
		for (int k = 0; k < n; k++)
			strcat(w, syl[(sa_rand() % 10 + sa_rand() % 10) / 2]);
		add(w);
		total++;
		if ((int)strlen(w) > longest)
			longest = (int)strlen(w);
	}
	struct entry **all = malloc((size_t)distinct * sizeof *all);
	int n = 0, chain_max = 0, used = 0;
	for (int b = 0; b < BUCKETS; b++) {
		int len = 0;
		for (struct entry *e = table[b]; e; e = e->next, len++)
			all[n++] = e;
		if (len > chain_max)
			chain_max = len;
		used += len > 0;
	}
	printf("%d words, %d distinct, longest %d letters\n", total, distinct, longest);
	printf("buckets used %d of %d, longest chain %d\n", used, BUCKETS, chain_max);
	qsort(all, (size_t)n, sizeof *all, by_count);
	for (int i = 0; i < 15; i++)
		printf("%2d. %-8s %3d\n", i + 1, all[i]->word, all[i]->count);
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += all[i]->count;
	fail |= sum != total;
	qsort(all, (size_t)n, sizeof *all, by_word);
	printf("first %s, last %s\n", all[0]->word, all[n - 1]->word);
	static const char *const probe[] = { "ka", "sasa", "zezeze", "xyz", "lomi", "" };
	for (unsigned i = 0; i < sizeof probe / sizeof probe[0]; i++) {
		struct entry **e = bsearch(probe[i], all, (size_t)n, sizeof *all, key_word);
		printf("lookup \"%s\": %d\n", probe[i], e ? (*e)->count : 0);
	}
	for (int i = 0; i < n; i++)
		free(all[i]);
	free(all);
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
