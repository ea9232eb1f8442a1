/* SPDX-License-Identifier: GPL-2.0-or-later */
/* erlrc-boot - start every registered application in dependency order */
#include <stdio.h>
#include <stdlib.h>

#include <erlrc/boot.h>
#include <erlrc/cli.h>
#include <erlrc/report.h>
#include <erlrc/xalloc.h>

static void
usage(void)
{
	printf("usage: erlrc-boot [options]\n"
	    "\n"
	    "Wait until the nodes answer, then start on each the applications\n"
	    "registered in /etc/erlrc.d/applications that do not run yet, in\n"
	    "dependency order, from erlrc's own copy of their files.\n"
	    "\n"
	    "  -n, --dry-run         print the order, one \"NAME VSN DIR\"\n"
	    "                        line each; contact no node\n"
	    "  -w, --wait SECONDS    wait that long for the nodes to answer\n"
	    "  -L, --lib-dir DIR     search DIR for applications instead of\n"
	    "                        the lib_dirs of erlrc.yaml (repeatable)\n"
	    ERLRC_CLI_HELP
	    "\n"
	    "Exit status: 0 done or nothing to do, 1 failed on a node,\n"
	    "2 could not try.  See erlrc-boot(8).\n");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "wait", required_argument, NULL, 'w' },
		{ "lib-dir", required_argument, NULL, 'L' },
		ERLRC_CLI_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct erlrc_host_opts opts = { .log = &erlrc_cli_log };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_host host;
	struct erlrc_boot boot;
	unsigned wait_ms = 0;
	int c, dry_run = 0, has_wait = 0, status;
	size_t i;

	erlrc_report_init("erlrc-boot");
	erlrc_boot_init(&boot);
	while ((c = getopt_long(argc, argv, "nw:L:" ERLRC_CLI_SHORTOPTS,
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			dry_run = 1;
			break;
		case 'w':
			/* --wait 0: ask once */
			wait_ms = erlrc_cli_seconds("--wait", optarg, 1);
			has_wait = 1;
			break;
		case 'L':
			/* as erlrc.yaml's lib_dirs: the node, with a working
			 * directory of its own, is given these paths */
			if (optarg[0] != '/')
				erlrc_badusage("--lib-dir '%s': expected an "
				    "absolute path, as the node is given it",
				    optarg);
			opts.lib_dirs = erlrc_xrealloc(opts.lib_dirs,
			    (opts.nlib_dirs + 1) * sizeof(*opts.lib_dirs));
			opts.lib_dirs[opts.nlib_dirs++] = optarg;
			break;
		default:
			if (!erlrc_cli_option(&opts, c, optarg, usage))
				erlrc_badusage("unknown option");
		}
	}
	if (optind < argc)
		erlrc_badusage("unexpected argument '%s'", argv[optind]);
	opts.no_nodes = dry_run;

	if (erlrc_host_open(&host, &opts, &err) < 0 ||
	    erlrc_boot_prepare(&boot, &host, &err) < 0) {
		status = erlrc_report_failure(&err);
		goto out;
	}
	for (i = 0; i < boot.nremoved; i++)
		erlrc_report_notice("'%s' is registered but not installed "
		    "(its package removed, not purged?): not started",
		    boot.removed[i]);
	if (dry_run) {
		erlrc_boot_print(&boot, stdout);
		status = ERLRC_EXIT_OK;
	} else if (boot.order.n == 0) {
		status = ERLRC_EXIT_OK;	/* no node needs asking */
	} else {
		if (!has_wait)
			wait_ms = host.cfg.boot_wait_ms;
		status = erlrc_boot_wait(&host, wait_ms, &erlrc_cli_log);
		if (erlrc_host_lock(&host, &err) < 0) {
			c = erlrc_report_failure(&err);
			if (c > status)
				status = c;
		} else {
			c = erlrc_cli_each_node(&host, erlrc_boot_node, &boot,
			    "nothing started there", NULL);
			if (c > status)
				status = c;
		}
	}
	if (status == ERLRC_EXIT_OK && boot.order.n == 0)
		erlrc_report_notice("%s: nothing to start",
		    !host.reg.napps ? "no application is registered" :
		    boot.nremoved ? "no registered application is installed" :
		    "the registration of every registered application says "
		    "'start: false'");
out:
	erlrc_boot_destroy(&boot);
	erlrc_host_close(&host);
	free(opts.lib_dirs);
	free(opts.nodes);
	return erlrc_finish(status);
}
