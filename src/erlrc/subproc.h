/* SPDX-License-Identifier: GPL-2.0-or-later */
/* subproc.h - run another program and wait for it */
#ifndef ERLRC_SUBPROC_H
#define ERLRC_SUBPROC_H

#include <erlrc/buf.h>
#include <erlrc/error.h>

/*
 * Run ARGV (ARGV[0] looked up in PATH) with the environment of this
 * process plus ENV ("NAME=VALUE" strings replacing any of the same NAME;
 * NULL-terminated, or NULL for none), stdin and stdout on /dev/null, and
 * wait for it.  Its stderr is kept: the message of a failure quotes its
 * last lines.  Returns 0 when it exits 0, else -1 with err set:
 * ERLRC_ERR_NOTFOUND when there is no such program, ERLRC_ERR_SYSTEM
 * when it cannot be run otherwise, ERLRC_ERR_FAILED when it exits
 * non-zero or dies of a signal ("PROG exited with status N: ...").
 */
int erlrc_subproc_run(const char *const *argv, const char *const *env,
    struct erlrc_error *err);

/*
 * erlrc_subproc_run, its stdout appended to OUT, and run in directory DIR
 * when DIR is not NULL (the caller's own is left alone): a relative
 * ARGV[0] with a '/', or a relative directory of PATH, is then relative
 * to DIR.  A DIR that cannot be entered is an error as a program that
 * cannot be run is, "cannot run PROG in 'DIR': ...".
 */
int erlrc_subproc_output(const char *const *argv, const char *const *env,
    const char *dir, struct erlrc_buf *out, struct erlrc_error *err);

#endif
