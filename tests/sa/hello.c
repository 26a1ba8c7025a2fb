/* hello.c - the smallest stand-alone program: one line, exit code 0. */
#include <stdio.h>

int main(void)
{
	printf("Hello, S/370!\n");
	return 0;
}
