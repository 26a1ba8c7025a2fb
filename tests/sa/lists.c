/*
 * lists.c - linked structures on the heap: a singly linked list built,
 * reversed and merge sorted; a binary search tree with insertion,
 * deletion, height and in-order walk; everything freed at the end and
 * the heap reused for a second round.
 */
#include <stdio.h>
#include <stdlib.h>

struct node {
	int val;
	struct node *next;
};

struct tree {
	int key;
	struct tree *left, *right;
};

static int live;

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		printf("out of memory\n");
		exit(2);
	}
	live++;
	return p;
}

static void xfree(void *p)
{
	free(p);
	live--;
}

static struct node *reverse(struct node *l)
{
	struct node *r = NULL;
	while (l) {
		struct node *n = l->next;
		l->next = r;
		r = l;
		l = n;
	}
	return r;
}

static struct node *merge(struct node *a, struct node *b)
{
	struct node head, *t = &head;
	while (a && b) {
		if (a->val <= b->val) { t->next = a; a = a->next; }
		else                  { t->next = b; b = b->next; }
		t = t->next;
	}
	t->next = a ? a : b;
	return head.next;
}

static struct node *list_sort(struct node *l)
{
	struct node *slow = l, *fast, *b;
	if (!l || !l->next)
		return l;
	for (fast = l->next; fast && fast->next; fast = fast->next->next)
		slow = slow->next;
	b = slow->next;
	slow->next = NULL;
	return merge(list_sort(l), list_sort(b));
}

static struct tree *insert(struct tree *t, int key)
{
	if (!t) {
		t = xmalloc(sizeof *t);
		t->key = key;
		t->left = t->right = NULL;
	} else if (key < t->key) {
		t->left = insert(t->left, key);
	} else if (key > t->key) {
		t->right = insert(t->right, key);
	}
	return t;
}

static struct tree *delete(struct tree *t, int key)
{
	if (!t)
		return NULL;
	if (key < t->key) {
		t->left = delete(t->left, key);
	} else if (key > t->key) {
		t->right = delete(t->right, key);
	} else if (!t->left || !t->right) {
		struct tree *c = t->left ? t->left : t->right;
		xfree(t);
		return c;
	} else {
		struct tree *m = t->right;
		while (m->left)
			m = m->left;
		t->key = m->key;
		t->right = delete(t->right, m->key);
	}
	return t;
}

static int height(const struct tree *t)
{
	int l, r;
	if (!t)
		return 0;
	l = height(t->left);
	r = height(t->right);
	return 1 + (l > r ? l : r);
}

static unsigned walk(const struct tree *t, int *prev, int *ordered, int *count)
{
	unsigned h = 0;
	if (!t)
		return 0;
	h = walk(t->left, prev, ordered, count);
	if (t->key <= *prev)
		*ordered = 0;
	*prev = t->key;
	(*count)++;
	h = h * 33 + (unsigned)t->key;
	return h + walk(t->right, prev, ordered, count);
}

static void free_tree(struct tree *t)
{
	if (!t)
		return;
	free_tree(t->left);
	free_tree(t->right);
	xfree(t);
}

static int round_trip(int round)
{
	struct node *l = NULL;
	struct tree *t = NULL;
	int fail = 0, n = 0;

	for (int i = 0; i < 800; i++) {
		struct node *p = xmalloc(sizeof *p);
		p->val = sa_rand() % 10000;
		p->next = l;
		l = p;
	}
	l = reverse(l);
	printf("round %d: first values %d %d %d\n", round, l->val,
	       l->next->val, l->next->next->val);
	l = list_sort(l);
	int max = 0;
	for (struct node *p = l; p; p = p->next, n++) {
		if (p->next && p->val > p->next->val)
			fail = 1;
		max = p->val;
	}
	printf("  sorted list of %d: min %d, max %d\n", n, l->val, max);
	for (struct node *p = l; p; ) {
		struct node *next = p->next;
		xfree(p);
		p = next;
	}

	for (int i = 0; i < 800; i++)
		t = insert(t, sa_rand() % 5000);
	int prev = -1, ordered = 1, count = 0;
	unsigned h = walk(t, &prev, &ordered, &count);
	printf("  tree: %d keys, height %d, hash %08x, ordered %d\n", count,
	       height(t), h, ordered);
	fail |= !ordered;
	for (int k = 0; k < 5000; k += 3)
		t = delete(t, k);
	prev = -1;
	count = 0;
	h = walk(t, &prev, &ordered, &count);
	printf("  after deletes: %d keys, height %d, hash %08x, ordered %d\n",
	       count, height(t), h, ordered);
	fail |= !ordered;
	free_tree(t);
	printf("  live blocks after freeing: %d\n", live);
	return fail || live != 0;
}

int main(void)
{
	int fail = 0;

	sa_srand(99);
	fail |= round_trip(1);
	fail |= round_trip(2);
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
