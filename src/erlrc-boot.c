/* erlrc-boot - start every registered application in dependency order */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <erlrc/boot.h>
#include <erlrc/report.h>
#include <erlrc/xalloc.h>

static void
usage(void)
{
	printf("usage: erlrc-boot --dry-run [--lib-dir DIR]...\n"
	    "\n"
	    "Print the order in which the applications registered in\n"
	    "/etc/erlrc.d/applications start, one \"NAME VSN DIR\" line each.\n"
	    "\n"
	    "  -n, --dry-run      print the order; change nothing\n"
	    "  -L, --lib-dir DIR  search DIR for applications instead of the\n"
	    "                     lib_dirs of erlrc.yaml (repeatable)\n"
	    "  -h, --help         show this help\n"
	    "\n"
	    "Exit status: 0 done, 2 could not try (bad input).\n"
	    "See erlrc-boot(8).\n");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "lib-dir", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct erlrc_boot_opts opts = { NULL, 0 };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	size_t nregistered = 0;
	int c, dry_run = 0, status;

	erlrc_report_init("erlrc-boot");
	while ((c = getopt_long(argc, argv, "nL:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			dry_run = 1;
			break;
		case 'L':
			opts.lib_dirs = erlrc_xrealloc(opts.lib_dirs,
			    (opts.nlib_dirs + 1) * sizeof(*opts.lib_dirs));
			opts.lib_dirs[opts.nlib_dirs++] = optarg;
			break;
		case 'h':
			usage();
			return erlrc_finish(ERLRC_EXIT_OK);
		default:
			erlrc_badusage("unknown option");
		}
	}
	if (optind < argc)
		erlrc_badusage("unexpected argument '%s'", argv[optind]);
	if (!dry_run)
		erlrc_badusage("this version only computes the order: use "
		    "--dry-run");

	if (erlrc_boot_dry_run(&opts, stdout, &nregistered, &err) < 0)
		status = erlrc_report_failure(&err);
	else
		status = ERLRC_EXIT_OK;
	if (status == ERLRC_EXIT_OK && nregistered == 0)
		erlrc_report_notice("no application is registered: nothing "
		    "to start");
	free(opts.lib_dirs);
	return erlrc_finish(status);
}
