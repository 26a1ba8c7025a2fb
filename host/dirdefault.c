/*
 * dirdefault.c - the default directory source (host/default.direct),
 * built into the executable as a string so that `cpcms sysgen` needs no
 * file beside it.  The Makefile turns default.direct into
 * build/host/default_direct.inc, one C string literal a line.
 */
#include <stddef.h>

#include "dirsrc.h"

const char dirsrc_default[] =
#include "default_direct.inc"
    ;
const size_t dirsrc_default_len = sizeof dirsrc_default - 1;
