/* SPDX-License-Identifier: GPL-2.0-or-later */
/* error.h - errors returned by the erlrc library instead of printed */
#ifndef ERLRC_ERROR_H
#define ERLRC_ERROR_H

#define ERLRC_PRINTF(f, a) __attribute__((format(printf, f, a)))

/*
 * Codes exist only where a caller branches on them.  ERLRC_ERR_FAILED,
 * ERLRC_ERR_REFUSED and ERLRC_ERR_UNREACHABLE mean "attempted and
 * failed" (exit status 1),
 * ERLRC_ERR_NODEDOWN "the node is not running" (a notice, status 0);
 * every other code means "could not try" (exit status 2).
 */
enum erlrc_errcode {
	ERLRC_ERR_NONE = 0,
	ERLRC_ERR_INPUT,	/* bad input: file, configuration, argument */
	ERLRC_ERR_SYSTEM,	/* a system call failed */
	ERLRC_ERR_NOTFOUND,	/* a missing file, directory or application */
	ERLRC_ERR_FAILED,	/* attempted and failed (exit status 1) */
	ERLRC_ERR_NODEDOWN,	/* the node is not running (status 0) */
	ERLRC_ERR_REFUSED,	/* the node refused the connection (status 1) */
	ERLRC_ERR_UNREACHABLE,	/* the node may run but cannot be reached
				 * (status 1) */
};

#define ERLRC_ERROR_MAX 2048

struct erlrc_error {
	enum erlrc_errcode code;
	char msg[ERLRC_ERROR_MAX];
};

#define ERLRC_ERROR_INIT { ERLRC_ERR_NONE, "" }

/* Fill err with code and a message; returns -1 so callers can return it. */
int erlrc_error_set(struct erlrc_error *err, enum erlrc_errcode code,
    const char *fmt, ...) ERLRC_PRINTF(3, 4);

/* Like erlrc_error_set with ERLRC_ERR_SYSTEM, appending ": strerror(errno)"
 * (or ERLRC_ERR_NOTFOUND when errno is ENOENT).  Returns -1. */
int erlrc_error_errno(struct erlrc_error *err, const char *fmt, ...)
    ERLRC_PRINTF(2, 3);

/* Put "PREFIX: " in front of the message already in err. */
void erlrc_error_prefix(struct erlrc_error *err, const char *fmt, ...)
    ERLRC_PRINTF(2, 3);

void erlrc_error_clear(struct erlrc_error *err);

#endif
