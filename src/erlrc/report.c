/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report.c - messages of the programs: "prog: error: ...", on stderr */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/report.h>

static const char *progname = "erlrc";

void
erlrc_report_init(const char *name)
{
	progname = name;
}

const char *
erlrc_report_progname(void)
{
	return progname;
}

static void
report(const char *level, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", progname, level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
erlrc_report_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("error: ", fmt, ap);
	va_end(ap);
}

void
erlrc_report_warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("warning: ", fmt, ap);
	va_end(ap);
}

void
erlrc_report_notice(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("", fmt, ap);
	va_end(ap);
}

/*
 * erlrc_report_failure - print what a library call returned; the exit
 * status is 1 for a failed attempt, 2 when nothing could be tried.
 */
int
erlrc_report_failure(const struct erlrc_error *err)
{
	erlrc_report_error("%s", err->msg);
	return erlrc_report_status(err);
}

/* erlrc_report_status - the exit status the code of err calls for. */
int
erlrc_report_status(const struct erlrc_error *err)
{
	switch (err->code) {
	case ERLRC_ERR_NONE:
	case ERLRC_ERR_NODEDOWN:
		return ERLRC_EXIT_OK;
	case ERLRC_ERR_FAILED:
	case ERLRC_ERR_REFUSED:
	case ERLRC_ERR_UNREACHABLE:
		return ERLRC_EXIT_FAILED;
	default:
		return ERLRC_EXIT_CANNOT;
	}
}

void
erlrc_badusage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("error: ", fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(ERLRC_EXIT_CANNOT);
}

/*
 * erlrc_finish - what main() returns: STATUS, unless what was printed on
 * stdout could not be written (a full disk, a closed pipe), which is 2.
 */
int
erlrc_finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		erlrc_report_error("write error on standard output: %s",
		    strerror(errno));
		return ERLRC_EXIT_CANNOT;
	}
	return status;
}
