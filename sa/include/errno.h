/*
 * errno.h - the error number set by strtol and friends (sa/stdlib.c).
 */
#ifndef SA_ERRNO_H
#define SA_ERRNO_H

extern int errno;

#define EDOM   33
#define ERANGE 34
#define EINVAL 22

#endif
