/*
 * assert.h - assert() for stand-alone programs: a failed assertion prints
 * glibc's message and ends the program with abort() (exit code 254).
 * sa_assert_fail is in sa/exit.c.
 */
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : \
	sa_assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef SA_ASSERT_H
#define SA_ASSERT_H
void sa_assert_fail(const char *expr, const char *file, unsigned line,
		    const char *func) __attribute__((noreturn));
#endif
