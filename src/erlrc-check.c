/* SPDX-License-Identifier: GPL-2.0-or-later */
/* erlrc-check - tell which registered nodes run other versions than a release */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/cli.h>
#include <erlrc/rel.h>
#include <erlrc/relcheck.h>
#include <erlrc/report.h>

static void
usage(void)
{
	printf("usage: erlrc-check [options] RELFILE\n"
	    "\n"
	    "Compare every registered node with the release RELFILE (a .rel\n"
	    "file, such as /usr/share/erlrc/releases/NAME/VSN/NAME.rel): say\n"
	    "which of its applications, and its erts, run there at another\n"
	    "version or not at all.  Nothing is changed, and nothing printed\n"
	    "when every node matches.\n"
	    "\n"
	    ERLRC_CLI_HELP
	    "\n"
	    "Exit status: 0 every running node matches, 1 a node differs or\n"
	    "failed, 2 could not try.  See erlrc-check(8).\n");
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
	struct erlrc_relcheck check = { &rel, &erlrc_cli_log };
	int c, status;

	erlrc_report_init("erlrc-check");
	while ((c = getopt_long(argc, argv, ERLRC_CLI_SHORTOPTS, longopts,
	    NULL)) != -1)
		if (!erlrc_cli_option(&opts, c, optarg, usage))
			erlrc_badusage("unknown option");
	if (argc - optind != 1)
		erlrc_badusage("expected one release file");

	erlrc_rel_init(&rel);
	if (erlrc_host_open(&host, &opts, &err) < 0 ||
	    erlrc_rel_read(&rel, argv[optind], &err) < 0)
		status = erlrc_report_failure(&err);
	else
		status = erlrc_cli_each_node(&host, erlrc_relcheck_node, &check,
		    "nothing to compare there", NULL);
	erlrc_host_close(&host);
	erlrc_rel_destroy(&rel);
	free(opts.nodes);
	return erlrc_finish(status);
}
