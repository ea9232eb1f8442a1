/* SPDX-License-Identifier: GPL-2.0-or-later */
/* erlrc-stop - stop an application on every registered node */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/cli.h>
#include <erlrc/report.h>
#include <erlrc/stop.h>

static void
usage(void)
{
	printf("usage: erlrc-stop [options] APPLICATION VERSION\n"
	    "\n"
	    "Stop APPLICATION on every registered node, purge its modules,\n"
	    "unload it and drop its code path.  Registered applications it\n"
	    "included start on their own.  Nothing is done where it does\n"
	    "not run.\n"
	    "\n"
	    "  -k, --no-unload       stop it, but keep its code loaded\n"
	    ERLRC_CLI_HELP
	    "\n"
	    "Exit status: 0 done or nothing to do, 1 failed on a node,\n"
	    "2 could not try.  See erlrc-stop(8).\n");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "no-unload", no_argument, NULL, 'k' },
		ERLRC_CLI_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct erlrc_host_opts opts = { .log = &erlrc_cli_log };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_host host;
	struct erlrc_stop stop;
	int c, status, reached_all = 0;

	erlrc_report_init("erlrc-stop");
	memset(&stop, 0, sizeof(stop));
	while ((c = getopt_long(argc, argv, "k" ERLRC_CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (c == 'k')
			stop.no_unload = 1;
		else if (!erlrc_cli_option(&opts, c, optarg, usage))
			erlrc_badusage("unknown option");
	}
	if (argc - optind != 2)
		erlrc_badusage("expected an application and a version");
	stop.app = argv[optind];
	stop.vsn = argv[optind + 1];

	if (erlrc_host_open(&host, &opts, &err) < 0 ||
	    erlrc_host_check_args(stop.app, stop.vsn, &err) < 0 ||
	    erlrc_host_lock(&host, &err) < 0) {
		status = erlrc_report_failure(&err);
	} else {
		status = erlrc_cli_each_node(&host, erlrc_stop_node, &stop,
		    "nothing to stop there", &reached_all);
		/* a copy may go only when every node has told */
		if (reached_all && host.all_nodes &&
		    erlrc_stop_forget(&stop, &host, &erlrc_cli_log, &err) < 0)
			status = erlrc_report_failure(&err);
	}
	erlrc_stop_destroy(&stop);
	erlrc_host_close(&host);
	free(opts.nodes);
	return erlrc_finish(status);
}
