/*
 * ebcdic.h - EBCDIC code page 037 <-> ISO 8859-1 (ebcdic.c).
 */
#ifndef CPCMS_EBCDIC_H
#define CPCMS_EBCDIC_H

extern const unsigned char ebcdic_to_ascii[256];
extern const unsigned char ascii_to_ebcdic[256];

void ebcdic_from_ascii(unsigned char *dst, const char *src, unsigned long n);
void ebcdic_to_ascii_buf(char *dst, const unsigned char *src, unsigned long n);

#endif
