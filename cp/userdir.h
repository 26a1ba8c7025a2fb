/*
 * userdir.h - the user directory as CP has it (userdir.c).
 */
#ifndef CP_USERDIR_H
#define CP_USERDIR_H

#include "directory.h"

/* Read and check the directory; 0, or -1 (said on the console). */
int userdir_load(void);
/* dir_find_user() on it: DIR_OK with *u, or DIR_E_NOTFOUND. */
int userdir_find(const char *userid, struct dir_user *u);
unsigned userdir_count(void);
/* dir_next_dev() and dir_find_dev() on it. */
int userdir_next_dev(const struct dir_user *u, size_t *pos, struct dir_dev *d);
int userdir_find_dev(const struct dir_user *u, unsigned vaddr, struct dir_dev *d);
/* The user's CONSOLE statement, if there is one. */
bool userdir_console(const struct dir_user *u, struct dir_dev *d);

#endif
