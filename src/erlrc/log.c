/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.c - what the library reports as it goes, to a sink of the caller's */
#include <stdarg.h>
#include <stdio.h>

#include <erlrc/log.h>

/* erlrc_log - see log.h. */
void
erlrc_log(const struct erlrc_log *log, enum erlrc_log_level level,
    const char *fmt, ...)
{
	char msg[ERLRC_ERROR_MAX];
	va_list ap;

	if (!log || !log->emit)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log->emit(log->ctx, level, msg);
}
