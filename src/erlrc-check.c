/* SPDX-License-Identifier: GPL-2.0-or-later */
/* erlrc-check - tell which registered nodes run other versions than a release */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/cli.h>
#include <erlrc/rel.h>
#include <erlrc/relcheck.h>
#include <erlrc/report.h>
#include <erlrc/stalecheck.h>

static void
usage(void)
{
	printf("usage: erlrc-check [options] [RELFILE]\n"
	    "\n"
	    "Tell which registered nodes run code older than what is\n"
	    "installed, for the applications erlrc does not manage (OTP's\n"
	    "own, Debian's erlang-* libraries: their packages replace files\n"
	    "under the running node, which needs a restart).  With RELFILE (a\n"
	    ".rel file, such as /usr/share/erlrc/releases/NAME/VSN/NAME.rel),\n"
	    "also which of its applications, and its erts, run there at\n"
	    "another version or not at all.  Nothing is changed, and nothing\n"
	    "printed when every node matches.\n"
	    "\n"
	    ERLRC_CLI_HELP
	    "\n"
	    "Exit status: 0 every running node matches, 1 a node differs or\n"
	    "failed, 2 could not try.  See erlrc-check(8).\n");
}

/* What each node is checked against. */
struct check {
	struct erlrc_relcheck rel;	/* rel.rel NULL: no release */
};

/* The stale code of node L, then the release: every difference told. */
static int
check_node(struct erlrc_host *h, struct erlrc_live *l, void *arg,
    struct erlrc_error *err)
{
	struct check *c = arg;
	struct erlrc_error stale_err = ERLRC_ERROR_INIT;
	struct erlrc_error rel_err = ERLRC_ERROR_INIT;
	int stale, rel = 0;

	stale = erlrc_stalecheck_node(h, l, c->rel.log, &stale_err);
	if (stale == 0 || stale_err.code == ERLRC_ERR_FAILED)
		rel = c->rel.rel ? erlrc_relcheck_node(h, l, &c->rel,
		    &rel_err) : 0;
	if (stale == 0 && rel == 0)
		return 0;
	if (stale < 0 && rel < 0 && rel_err.code == ERLRC_ERR_FAILED)
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "%s; %s",
		    stale_err.msg, rel_err.msg);
	*err = rel < 0 ? rel_err : stale_err;
	return -1;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		ERLRC_CLI_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct erlrc_host_opts opts = { .log = &erlrc_cli_log };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_host host;
	struct erlrc_rel rel;
	struct check check = { { NULL, &erlrc_cli_log } };
	int c, status;

	erlrc_report_init("erlrc-check");
	while ((c = getopt_long(argc, argv, ERLRC_CLI_SHORTOPTS, longopts,
	    NULL)) != -1)
		if (!erlrc_cli_option(&opts, c, optarg, usage))
			erlrc_badusage("unknown option");
	if (argc - optind > 1)
		erlrc_badusage("expected at most one release file");

	erlrc_rel_init(&rel);
	if (argc - optind == 1)
		check.rel.rel = &rel;
	if (erlrc_host_open(&host, &opts, &err) < 0 ||
	    (check.rel.rel && erlrc_rel_read(&rel, argv[optind], &err) < 0))
		status = erlrc_report_failure(&err);
	else
		status = erlrc_cli_each_node(&host, check_node, &check,
		    "nothing to compare there", NULL);
	erlrc_host_close(&host);
	erlrc_rel_destroy(&rel);
	free(opts.nodes);
	return erlrc_finish(status);
}
