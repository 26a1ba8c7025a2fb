/*
 * svc.h - SVC 202 from a CMS program (common/cmsapi.h): the parameter
 * list's name and fields, and the call.  Inside cmslib only.
 */
#ifndef CMSLIB_SVC_H
#define CMSLIB_SVC_H

#include <stdint.h>

#include "cmsapi.h"

/* Call the nucleus with R1 = plist (and R0 = r0); the return code.  R15
   is the stack pointer, so it is kept across the call. */
static inline int svc202(void *plist, uint32_t r1_flags, uint32_t r0)
{
    register uint32_t r1 __asm__("1") = (uint32_t)(uintptr_t)plist | r1_flags << 24;
    register uint32_t r0r __asm__("0") = r0;
    uint32_t save, rc;
    __asm__ volatile("lr %0,15\n\tsvc 202\n\tlr %1,15\n\tlr 15,%0"
                     : "=&d"(save), "=&d"(rc), "+d"(r1), "+d"(r0r) : : "cc", "memory", "14");
    return (int)rc;
}

/* A parameter list with its function name (EBCDIC, blank padded). */
void cmslib_plist(uint8_t *p, const char *name);
static inline void cmslib_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static inline uint32_t cmslib_get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
/* Close every file the program has open (the end of the program). */
void cmslib_close_all(void);

#endif
