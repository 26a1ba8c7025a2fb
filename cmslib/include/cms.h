/*
 * cms.h - what a C program under CMS may ask CMS for beyond the C
 * library (cmslib/): run a CMS (or CP) command, as if typed.
 */
#ifndef CMSLIB_CMS_H
#define CMSLIB_CMS_H

/* The command's return code. */
int cms_command(const char *line);

#endif
