/* SPDX-License-Identifier: GPL-2.0-or-later */
/* erlrc-start - start an application on every registered node */
#include <stdio.h>
#include <stdlib.h>

#include <erlrc/cli.h>
#include <erlrc/report.h>

static void
usage(void)
{
	printf("usage: erlrc-start [options] APPLICATION VERSION\n"
	    "\n"
	    "Start APPLICATION at VERSION, and whatever it needs that does\n"
	    "not run, on every registered node, from erlrc's own copy of\n"
	    "its files.  Nothing is done where it runs already.\n"
	    "\n"
	    ERLRC_CLI_HELP
	    "\n"
	    "Exit status: 0 done or nothing to do, 1 failed on a node,\n"
	    "2 could not try.  See erlrc-start(8).\n");
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
	int c, status;

	erlrc_report_init("erlrc-start");
	while ((c = getopt_long(argc, argv, ERLRC_CLI_SHORTOPTS, longopts,
	    NULL)) != -1)
		if (!erlrc_cli_option(&opts, c, optarg, usage))
			erlrc_badusage("unknown option");
	if (argc - optind != 2)
		erlrc_badusage("expected an application and a version");

	if (erlrc_host_open(&host, &opts, &err) < 0)
		status = erlrc_report_failure(&err);
	else
		status = erlrc_cli_start_nodes(&host, argv[optind],
		    argv[optind + 1]);
	erlrc_host_close(&host);
	free(opts.nodes);
	return erlrc_finish(status);
}
