/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cleanup.h - scratch directories removed when a signal ends the program */
#ifndef ERLRC_CLEANUP_H
#define ERLRC_CLEANUP_H

#include <sys/types.h>

/*
 * Remember DIR (an absolute path, or one relative to the working
 * directory, which must then not change) to be removed, with all it
 * holds, if SIGINT, SIGTERM or SIGHUP ends the program; the first call
 * installs the handlers, which then end the program by that signal.  At
 * most ERLRC_CLEANUP_MAX directories at a time; returns -1 (nothing
 * remembered) when that many are, or DIR is too long.
 */
#define ERLRC_CLEANUP_MAX 4
int erlrc_cleanup_add(const char *dir);

/* Forget DIR (removed by its owner, or kept on purpose). */
void erlrc_cleanup_forget(const char *dir);

/*
 * The child process that may be writing into those directories (0: none):
 * the handlers kill it (SIGKILL) and wait for it before they remove them.
 */
void erlrc_cleanup_child(pid_t pid);

#endif
