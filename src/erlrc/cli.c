/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cli.c - what the erlrc programs share: options, and one run per node */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/cli.h>
#include <erlrc/config.h>
#include <erlrc/dpkg.h>
#include <erlrc/report.h>
#include <erlrc/start.h>
#include <erlrc/upgrade.h>
#include <erlrc/xalloc.h>

/* erlrc_cli_seconds - see cli.h. */
unsigned
erlrc_cli_seconds(const char *option, const char *arg, int zero_ok)
{
	const char *why;
	unsigned ms = 0;

	why = erlrc_config_seconds(arg, strlen(arg), zero_ok, &ms);
	if (why)
		erlrc_badusage("%s '%s': %s, as in erlrc.yaml", option, arg,
		    why);
	return ms;
}

/* erlrc_cli_option - see cli.h. */
int
erlrc_cli_option(struct erlrc_host_opts *opts, int c, const char *arg,
    void (*usage)(void))
{
	switch (c) {
	case 'N':
		opts->nodes = erlrc_xrealloc(opts->nodes, (opts->nnodes + 1) *
		    sizeof(*opts->nodes));
		opts->nodes[opts->nnodes++] = (char *)arg;
		return 1;
	case 'C':
		opts->cookie_file = arg;
		return 1;
	case 'T':
		opts->timeout_ms = erlrc_cli_seconds("--timeout", arg, 0);
		return 1;
	case 'h':
		usage();
		exit(erlrc_finish(ERLRC_EXIT_OK));
	default:
		return 0;
	}
}

static void
emit(void *ctx, enum erlrc_log_level level, const char *msg)
{
	(void)ctx;
	switch (level) {
	case ERLRC_LOG_NOTICE:
		erlrc_report_notice("%s", msg);
		break;
	case ERLRC_LOG_WARNING:
		erlrc_report_warning("%s", msg);
		break;
	case ERLRC_LOG_ERROR:
		erlrc_report_error("%s", msg);
		break;
	}
}

const struct erlrc_log erlrc_cli_log = { emit, NULL };

/* erlrc_cli_node_failure - see cli.h. */
int
erlrc_cli_node_failure(const char *node, const struct erlrc_error *err)
{
	erlrc_report_error("node '%s': %s", node, err->msg);
	return erlrc_report_status(err);
}

/* erlrc_cli_each_node - see cli.h. */
int
erlrc_cli_each_node(struct erlrc_host *h,
    int (*fn)(struct erlrc_host *h, struct erlrc_live *l, void *arg,
    struct erlrc_error *err), void *arg, const char *down_note,
    int *reached_all)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_live l;
	const struct erlrc_target *t;
	int status, worst = ERLRC_EXIT_OK, all = 1;
	char *dir;
	size_t i;

	if (h->ntargets == 0) {
		dir = erlrc_paths_nodes_dir(&h->paths);
		erlrc_report_notice("no node is registered in %s: %s", dir,
		    down_note);
		free(dir);
	}
	for (i = 0; i < h->ntargets; i++) {
		t = &h->targets[i];
		if (t->skip)
			continue;
		status = ERLRC_EXIT_OK;
		erlrc_error_clear(&err);
		if (erlrc_live_open(&l, t->name, t->cookie, h->timeout_ms,
		    &erlrc_cli_log, &err) < 0) {
			if (err.code == ERLRC_ERR_NODEDOWN) {
				erlrc_report_notice("node '%s' is %s: %s",
				    t->name, err.msg, down_note);
			} else {
				status = erlrc_cli_node_failure(t->name, &err);
				all = 0;
			}
		} else if (fn(h, &l, arg, &err) < 0) {
			status = erlrc_cli_node_failure(t->name, &err);
			all = 0;
		}
		erlrc_live_close(&l);
		if (status > worst)
			worst = status;
	}
	if (reached_all)
		*reached_all = all;
	return worst;
}

static void
upgrade_usage(void)
{
	const char *prog = erlrc_report_progname();

	printf("usage: %s [options] APPLICATION OLD NEW\n"
	    "\n"
	    "Change APPLICATION from version OLD, which runs, to NEW, which\n"
	    "is installed, on every registered node, in place: processes\n"
	    "keep running and their state is migrated by code_change.  The\n"
	    "appup NEW ships is used when it has an entry for OLD (going\n"
	    "down, OLD's own); otherwise one is written from the .beam\n"
	    "files.  Nothing is done where NEW runs already from its\n"
	    "package's files; where it runs from others (OLD and NEW alike:\n"
	    "a new revision), it is changed live to them.\n"
	    "\n"
	    "  -n, --dry-run         print each node's appup and low-level\n"
	    "                        script; change nothing\n"
	    "  -r, --restart         when the appup fails past the point of\n"
	    "                        no return, or does not cover every\n"
	    "                        process, restart the application cold\n"
	    "                        at NEW (also on_failure: restart)\n"
	    ERLRC_CLI_HELP
	    "\n"
	    "Exit status: 0 done or nothing to do, 1 failed on a node,\n"
	    "2 could not try.  See %s(8).\n", prog, prog);
}

/* erlrc_cli_upgrade_nodes - see cli.h. */
int
erlrc_cli_upgrade_nodes(struct erlrc_host *h, struct erlrc_upgrade *u)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int status, reached_all = 0;

	if (h->cfg.on_failure == ERLRC_ON_FAILURE_RESTART)
		u->restart = 1;
	u->settle_ms = h->cfg.settle_ms;
	if (!u->dry_run && erlrc_host_lock(h, &err) < 0)
		return erlrc_report_failure(&err);
	status = erlrc_cli_each_node(h, erlrc_upgrade_node, u,
	    "it runs the installed version from its next boot", &reached_all);
	/* the version left goes once every node has told */
	if (!u->dry_run && reached_all && h->all_nodes &&
	    erlrc_host_forget(h, (const char *const *)u->in_use, u->nin_use,
	    &erlrc_cli_log, &err) < 0)
		status = erlrc_report_failure(&err);
	return status;
}

/* erlrc_cli_start_nodes - see cli.h. */
int
erlrc_cli_start_nodes(struct erlrc_host *h, const char *app,
    const char *vsn)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_start start;
	char *dir = NULL;
	int status;

	erlrc_start_init(&start, app, vsn);
	if (erlrc_host_check_args(app, vsn, &err) < 0 ||
	    erlrc_host_find_app(h, app, vsn, &dir, &err) < 0 ||
	    erlrc_host_lock(h, &err) < 0)
		status = erlrc_report_failure(&err);
	else
		status = erlrc_cli_each_node(h, erlrc_start_node, &start,
		    "the application starts when the node boots", NULL);
	free(dir);
	erlrc_start_destroy(&start);
	return status;
}

/* erlrc_cli_upgrade - see cli.h. */
int
erlrc_cli_upgrade(int argc, char **argv, int down)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "restart", no_argument, NULL, 'r' },
		ERLRC_CLI_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct erlrc_host_opts opts = { .log = &erlrc_cli_log };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_upgrade u;
	struct erlrc_host host;
	int c, cmp, restart = 0, dry_run = 0, status;

	while ((c = getopt_long(argc, argv, "nr" ERLRC_CLI_SHORTOPTS,
	    longopts, NULL)) != -1) {
		if (c == 'n')
			dry_run = 1;
		else if (c == 'r')
			restart = 1;
		else if (!erlrc_cli_option(&opts, c, optarg, upgrade_usage))
			erlrc_badusage("unknown option");
	}
	if (argc - optind != 3)
		erlrc_badusage("expected an application and two versions");
	memset(&u, 0, sizeof(u));
	u.app = argv[optind];
	u.from = argv[optind + 1];
	u.to = argv[optind + 2];
	u.down = down;
	u.dry_run = dry_run ? stdout : NULL;

	if (erlrc_host_open(&host, &opts, &err) < 0 ||
	    erlrc_host_check_args(u.app, u.from, &err) < 0 ||
	    erlrc_host_check_args(u.app, u.to, &err) < 0 ||
	    erlrc_dpkg_version_compare(u.to, u.from, &cmp, &err) < 0) {
		status = erlrc_report_failure(&err);
		goto out;
	}
	/* OLD and NEW alike: NEW from its package's files (a revision) */
	if (down ? cmp > 0 : cmp < 0) {
		erlrc_report_error("%s %s is not %s than %s: use %s", u.app,
		    u.to, down ? "lower" : "higher", u.from, down ?
		    "erlrc-upgrade" : "erlrc-downgrade");
		status = ERLRC_EXIT_CANNOT;
		goto out;
	}
	u.restart = restart;
	status = erlrc_cli_upgrade_nodes(&host, &u);
out:
	erlrc_upgrade_destroy(&u);
	erlrc_host_close(&host);
	free(opts.nodes);
	return erlrc_finish(status);
}
