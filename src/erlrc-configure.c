/* SPDX-License-Identifier: GPL-2.0-or-later */
/* erlrc-configure - what a package's postinst runs: start, upgrade or downgrade */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/cli.h>
#include <erlrc/dpkg.h>
#include <erlrc/report.h>
#include <erlrc/upgrade.h>

static void
usage(void)
{
	printf("usage: erlrc-configure [options] APPLICATION VERSION "
	    "PACKAGE-VERSION\n"
	    "                       [OLD-PACKAGE-VERSION]\n"
	    "\n"
	    "What the postinst of APPLICATION's package runs at configure:\n"
	    "bring APPLICATION to VERSION on every registered node.  Without\n"
	    "OLD-PACKAGE-VERSION (a fresh install), as erlrc-start; when the\n"
	    "package moves up from OLD-PACKAGE-VERSION, as erlrc-upgrade,\n"
	    "and when it moves down, as erlrc-downgrade, from the version\n"
	    "each node runs; with PACKAGE-VERSION again (a reinstall), from\n"
	    "VERSION.  Package versions are compared as dpkg compares them.\n"
	    "Where VERSION runs from other files than its package's (a new\n"
	    "revision or a reinstall that keeps the version), it is changed\n"
	    "live to the package's files.\n"
	    "\n"
	    "  -r, --restart         when the appup fails past the point of\n"
	    "                        no return, or does not cover every\n"
	    "                        process, restart the application cold\n"
	    "                        at VERSION (also on_failure: restart)\n"
	    ERLRC_CLI_HELP
	    "\n"
	    "Exit status: 0 done or nothing to do, 1 failed on a node,\n"
	    "2 could not try.  See erlrc-configure(8).\n");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "restart", no_argument, NULL, 'r' },
		ERLRC_CLI_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct erlrc_host_opts opts = { .log = &erlrc_cli_log };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_upgrade u;
	struct erlrc_host host;
	const char *pkgver, *oldver = "";
	int c, cmp = 0, status;

	erlrc_report_init("erlrc-configure");
	memset(&u, 0, sizeof(u));
	while ((c = getopt_long(argc, argv, "r" ERLRC_CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (c == 'r')
			u.restart = 1;
		else if (!erlrc_cli_option(&opts, c, optarg, usage))
			erlrc_badusage("unknown option");
	}
	if (argc - optind != 3 && argc - optind != 4)
		erlrc_badusage("expected an application, its version, the "
		    "package's version and the old one");
	u.app = argv[optind];
	u.to = argv[optind + 1];
	pkgver = argv[optind + 2];
	if (argc - optind == 4)
		oldver = argv[optind + 3];

	if (erlrc_host_open(&host, &opts, &err) < 0 ||
	    erlrc_dpkg_version_check(pkgver, &err) < 0 ||
	    (*oldver && erlrc_dpkg_version_check(oldver, &err) < 0) ||
	    (*oldver && erlrc_dpkg_version_compare(pkgver, oldver, &cmp,
	    &err) < 0) ||
	    erlrc_host_check_args(u.app, u.to, &err) < 0) {
		status = erlrc_report_failure(&err);
	} else if (!*oldver && erlrc_registry_has_app(&host.reg, u.app) &&
	    !erlrc_registry_starts(&host.reg, u.app)) {
		erlrc_report_notice("%s %s is installed, not started: its "
		    "registration says 'start: false'; start it with "
		    "'erlrc-start %s %s'", u.app, u.to, u.app, u.to);
		status = 0;
	} else if (!*oldver) {
		status = erlrc_cli_start_nodes(&host, u.app, u.to);
	} else if (cmp == 0) {
		/* a reinstall: files may have changed, not the version */
		u.from = u.to;
		status = erlrc_cli_upgrade_nodes(&host, &u);
	} else {
		/* from whatever each node runs: the package's old version
		 * says nothing of the application's */
		u.down = cmp < 0;
		status = erlrc_cli_upgrade_nodes(&host, &u);
	}
	erlrc_upgrade_destroy(&u);
	erlrc_host_close(&host);
	free(opts.nodes);
	return erlrc_finish(status);
}
