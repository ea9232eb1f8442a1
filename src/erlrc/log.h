/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.h - what the library reports as it goes, to a sink of the caller's */
#ifndef ERLRC_LOG_H
#define ERLRC_LOG_H

#include <erlrc/error.h>

enum erlrc_log_level {
	ERLRC_LOG_NOTICE,	/* what was done, or found already done */
	ERLRC_LOG_WARNING,	/* done, but something deserves a look */
	ERLRC_LOG_ERROR,	/* one step failed; the caller goes on */
};

/*
 * A sink for messages about work in progress: the library never prints,
 * the program decides (erlrc_report_*), a test may collect them.  EMIT
 * NULL drops every message.
 */
struct erlrc_log {
	void (*emit)(void *ctx, enum erlrc_log_level level, const char *msg);
	void *ctx;
};

/* Format a message and hand it to LOG's sink. */
void erlrc_log(const struct erlrc_log *log, enum erlrc_log_level level,
    const char *fmt, ...) ERLRC_PRINTF(3, 4);

#endif
