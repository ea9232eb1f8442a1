/* SPDX-License-Identifier: GPL-2.0-or-later */
/* erlrc-check - tell which registered nodes run other versions than a release */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/buf.h>
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
	    "  -w, --warn            the differences are warnings only: exit\n"
	    "                        0 when every node could be compared\n"
	    "                        (what a release's postinst runs)\n"
	    ERLRC_CLI_HELP
	    "\n"
	    "Exit status: 0 every running node matches (with --warn: could\n"
	    "be compared), 1 a node differs or failed, 2 could not try.\n"
	    "See erlrc-check(8).\n");
}

/* What each node is checked against. */
struct check {
	struct erlrc_relcheck rel;	/* rel.rel NULL: no release */
	int warn;			/* --warn: differences are warnings */
};

/* The stale code of node L, then the release: every difference told. */
static int
check_node(struct erlrc_host *h, struct erlrc_live *l, void *arg,
    struct erlrc_error *err)
{
	struct check *c = arg;
	const struct erlrc_rel *r = c->rel.rel;
	struct erlrc_buf what = ERLRC_BUF_INIT;
	size_t nstale;

	c->rel.ndiff = 0;
	if (erlrc_stalecheck_node(h, l, c->rel.log, &nstale, err) < 0 ||
	    (r && erlrc_relcheck_node(h, l, &c->rel, err) < 0))
		return -1;
	if (c->warn || (!nstale && !c->rel.ndiff))
		return 0;
	if (nstale)
		erlrc_buf_addf(&what, "runs code older than what is "
		    "installed, of %zu application%s", nstale,
		    nstale == 1 ? "" : "s");
	if (c->rel.ndiff)
		erlrc_buf_addf(&what, "%sdiffers from the release %s %s in "
		    "%zu place%s", nstale ? "; " : "", r->name, r->vsn,
		    c->rel.ndiff, c->rel.ndiff == 1 ? "" : "s");
	erlrc_error_set(err, ERLRC_ERR_FAILED, "%s", erlrc_buf_str(&what));
	erlrc_buf_destroy(&what);
	return -1;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "warn", no_argument, NULL, 'w' },
		ERLRC_CLI_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct erlrc_host_opts opts = { .log = &erlrc_cli_log };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_host host;
	struct erlrc_rel rel;
	struct check check = { { NULL, &erlrc_cli_log, 0 }, 0 };
	int c, status;

	erlrc_report_init("erlrc-check");
	while ((c = getopt_long(argc, argv, "w" ERLRC_CLI_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (c == 'w')
			check.warn = 1;
		else if (!erlrc_cli_option(&opts, c, optarg, usage))
			erlrc_badusage("unknown option");
	}
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
