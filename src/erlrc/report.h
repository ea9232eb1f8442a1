/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report.h - messages of the programs: "prog: error: ...", on stderr */
#ifndef ERLRC_REPORT_H
#define ERLRC_REPORT_H

#include <erlrc/error.h>

/* Exit statuses of every program (DESIGN §9). */
enum {
	ERLRC_EXIT_OK = 0,	/* done, or nothing needed doing */
	ERLRC_EXIT_FAILED = 1,	/* attempted on a node and failed */
	ERLRC_EXIT_CANNOT = 2,	/* could not try */
};

void erlrc_report_init(const char *progname);
const char *erlrc_report_progname(void);
void erlrc_report_error(const char *fmt, ...) ERLRC_PRINTF(1, 2);
void erlrc_report_warning(const char *fmt, ...) ERLRC_PRINTF(1, 2);
void erlrc_report_notice(const char *fmt, ...) ERLRC_PRINTF(1, 2);
/* Print err as an error; return the exit status its code calls for. */
int erlrc_report_failure(const struct erlrc_error *err);
/* The exit status the code of err calls for (DESIGN §9). */
int erlrc_report_status(const struct erlrc_error *err);
/* Print "prog: error: MSG", a hint to --help, and exit 2. */
void erlrc_badusage(const char *fmt, ...) ERLRC_PRINTF(1, 2)
    __attribute__((noreturn));
/* Flush stdout; a failed write turns STATUS into 2. */
int erlrc_finish(int status);

#endif
