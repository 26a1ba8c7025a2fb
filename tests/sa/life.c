/*
 * life.c - Conway's Game of Life on a 20 x 48 torus: a glider, a blinker
 * and a random soup, population by generation, the final board printed.
 * The glider must return to its shape, moved (1,1), every 4 generations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define H 20
#define W 48

static unsigned char grid[H][W], next[H][W];

static void step(void)
{
	for (int y = 0; y < H; y++) {
		const unsigned char *up = grid[(y + H - 1) % H], *row = grid[y];
		const unsigned char *down = grid[(y + 1) % H];
		for (int x = 0; x < W; x++) {
			int l = x ? x - 1 : W - 1, r = x < W - 1 ? x + 1 : 0;
			int n = up[l] + up[x] + up[r] + row[l] + row[r] +
				down[l] + down[x] + down[r];
			next[y][x] = n == 3 || (n == 2 && row[x]);
		}
	}
	memcpy(grid, next, sizeof grid);
}

static int population(void)
{
	int n = 0;
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			n += grid[y][x];
	return n;
}

static void show(void)
{
	char line[W + 1];
	for (int y = 0; y < H; y++) {
		for (int x = 0; x < W; x++)
			line[x] = grid[y][x] ? '#' : '.';
		line[W] = 0;
		printf("%s\n", line);
	}
}

int main(void)
{
	static const int glider[5][2] = { { 0, 1 }, { 1, 2 }, { 2, 0 }, { 2, 1 }, { 2, 2 } };
	int fail = 0;

	for (int i = 0; i < 5; i++)
		grid[glider[i][0] + 2][glider[i][1] + 2] = 1;
	for (int gen = 0; gen < 8; gen++)
		step();
	for (int i = 0; i < 5; i++)
		if (!grid[glider[i][0] + 4][glider[i][1] + 4])
			fail = 1;
	printf("glider after 8 generations: population %d, %s\n", population(),
	       fail ? "moved wrongly" : "moved by (2,2)");

	memset(grid, 0, sizeof grid);
	grid[10][10] = grid[10][11] = grid[10][12] = 1;
	step();
	printf("blinker: %s\n", grid[9][11] && grid[10][11] && grid[11][11] &&
	       population() == 3 ? "vertical" : "broken");

	sa_srand(31337);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			grid[y][x] = sa_rand() % 100 < 30;
	printf("soup population:");
	for (int gen = 0; gen <= 32; gen++) {
		if (gen % 4 == 0)
			printf(" %d", population());
		step();
	}
	printf("\n");
	show();
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
