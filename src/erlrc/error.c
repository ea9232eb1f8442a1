/* SPDX-License-Identifier: GPL-2.0-or-later */
/* error.c - filling the error struct that library calls return */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <erlrc/error.h>

/*
 * erlrc_error_set - record CODE and a printf-style message in ERR.
 * A message longer than the buffer is cut.  Returns -1.
 */
int
erlrc_error_set(struct erlrc_error *err, enum erlrc_errcode code,
    const char *fmt, ...)
{
	va_list ap;

	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * erlrc_error_errno - record a failed system call: the message, then
 * ": " and strerror(errno).  ENOENT gives ERLRC_ERR_NOTFOUND so callers
 * can tell a missing file from a broken one.  Returns -1.
 */
int
erlrc_error_errno(struct erlrc_error *err, const char *fmt, ...)
{
	int saved = errno;
	size_t len;
	va_list ap;

	err->code = saved == ENOENT ? ERLRC_ERR_NOTFOUND : ERLRC_ERR_SYSTEM;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	len = strlen(err->msg);
	snprintf(err->msg + len, sizeof(err->msg) - len, ": %s",
	    strerror(saved));
	errno = saved;
	return -1;
}

/*
 * erlrc_error_prefix - add context in front of an existing message, as in
 * "FILE: " + "line 3: bad". The code is kept.
 */
void
erlrc_error_prefix(struct erlrc_error *err, const char *fmt, ...)
{
	char prefix[ERLRC_ERROR_MAX];
	size_t plen, mlen;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix) - 2, fmt, ap);
	va_end(ap);
	strcat(prefix, ": ");
	plen = strlen(prefix);
	mlen = strlen(err->msg);
	if (plen + mlen >= sizeof(err->msg))
		mlen = sizeof(err->msg) - 1 - plen;
	memmove(err->msg + plen, err->msg, mlen);
	memcpy(err->msg, prefix, plen);
	err->msg[plen + mlen] = '\0';
}

void
erlrc_error_clear(struct erlrc_error *err)
{
	err->code = ERLRC_ERR_NONE;
	err->msg[0] = '\0';
}
