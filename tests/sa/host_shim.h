/*
 * host_shim.h - forced into the host reference build of the programs in tests/sa
 * (gcc -m32 -include tests/sa/host_shim.h, see sa/sa.mk): the names that
 * only the stand-alone runtime (sa/) has, with the same behaviour.
 */
#include <stdint.h>

/* The C standard's example LCG, as in sa/stdlib.c. The programs call
 * sa_rand, never rand: glibc's rand is a different generator. */
static uint32_t sa_rand_next = 1;

static inline int sa_rand(void)
{
	sa_rand_next = sa_rand_next * 1103515245u + 12345u;
	return (int)(sa_rand_next / 65536 % 32768);
}

static inline void sa_srand(unsigned seed)
{
	sa_rand_next = seed;
}
