/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cli.h - what the erlrc programs share: options, and one run per node */
#ifndef ERLRC_CLI_H
#define ERLRC_CLI_H

#include <getopt.h>

#include <erlrc/host.h>
#include <erlrc/live.h>
#include <erlrc/log.h>
#include <erlrc/upgrade.h>

/*
 * The options every program that acts on nodes takes, for its
 * getopt_long table; erlrc_cli_option handles them.
 */
#define ERLRC_CLI_LONGOPTS \
	{ "node", required_argument, NULL, 'N' }, \
	{ "cookie-file", required_argument, NULL, 'C' }, \
	{ "timeout", required_argument, NULL, 'T' }, \
	{ "help", no_argument, NULL, 'h' }
#define ERLRC_CLI_SHORTOPTS "N:C:T:h"

/* The help text of those options, for usage(). */
#define ERLRC_CLI_HELP \
	"  -N, --node NODE       act on NODE only (repeatable); by default\n" \
	"                        on every node of /etc/erlrc.d/nodes\n" \
	"  -C, --cookie-file FILE  the cookie of the --node nodes, in FILE\n" \
	"                        (mode 0600 or stricter)\n" \
	"  -T, --timeout SECONDS  give up on a node after SECONDS\n" \
	"  -h, --help            show this help\n"

/*
 * Handle option C (with argument ARG) if it is one of ERLRC_CLI_LONGOPTS:
 * fill OPTS, print the help with USAGE and exit 0 for -h, exit 2 on a bad
 * value.  Returns 1 when handled, else 0.
 */
int erlrc_cli_option(struct erlrc_host_opts *opts, int c, const char *arg,
    void (*usage)(void));

/*
 * Parse ARG, seconds (a decimal number above 0, or 0 too with ZERO_OK),
 * into milliseconds; exit 2 naming OPTION if it is not.
 */
unsigned erlrc_cli_seconds(const char *option, const char *arg,
    int zero_ok);

/* A log that prints through erlrc_report_*. */
extern const struct erlrc_log erlrc_cli_log;

/*
 * Run FN on every target node of H, connected: a node that is not
 * running is a notice (DOWN_NOTE says what that means for the work) and
 * counts as done; any other failure to connect, or FN failing, is
 * reported naming the node.  Returns the worst exit status (DESIGN §9).
 * *REACHED_ALL (may be NULL) is set to whether FN succeeded on every
 * node that runs.
 */
int erlrc_cli_each_node(struct erlrc_host *h,
    int (*fn)(struct erlrc_host *h, struct erlrc_live *l, void *arg,
    struct erlrc_error *err), void *arg, const char *down_note,
    int *reached_all);

/*
 * The whole of erlrc-upgrade (DOWN zero) or erlrc-downgrade: options,
 * every node, forgetting the copy of the version left.  Returns the exit
 * status.
 */
int erlrc_cli_upgrade(int argc, char **argv, int down);

/*
 * erlrc-start's work: start APP at VSN on every target node of H, under
 * the lock.  Reports what happens; returns the exit status.
 */
int erlrc_cli_start_nodes(struct erlrc_host *h, const char *app,
    const char *vsn);

/*
 * Run U on every target node of H (under the lock, unless U is a dry
 * run), restarting on failure when H's settings say so, then forget the
 * copies of U's application no node uses once every node has told.
 * Reports what happens; returns the exit status.
 */
int erlrc_cli_upgrade_nodes(struct erlrc_host *h, struct erlrc_upgrade *u);

/* Report err naming NODE; returns the exit status its code calls for. */
int erlrc_cli_node_failure(const char *node, const struct erlrc_error *err);

#endif
