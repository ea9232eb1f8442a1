/* SPDX-License-Identifier: GPL-2.0-or-later */
/* erlrc-makeappup - print the appup between two versions of an application */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <erlrc/appupgen.h>
#include <erlrc/buf.h>
#include <erlrc/report.h>
#include <erlrc/term.h>

static void
usage(void)
{
	printf("usage: erlrc-makeappup APPLICATION OLDDIR NEWDIR\n"
	    "       erlrc-makeappup --check APPUPFILE OLDDIR NEWDIR\n"
	    "\n"
	    "Print the .appup that upgrades APPLICATION from the version in\n"
	    "OLDDIR to the one in NEWDIR (directories with ebin/APP.app),\n"
	    "written from their .beam files; or check a hand-written one.\n"
	    "\n"
	    "  -c, --check APPUPFILE  check APPUPFILE instead (the application\n"
	    "                         is the one of NEWDIR/ebin/*.app)\n"
	    "  -h, --help             show this help\n"
	    "\n"
	    "Exit status: 0 done, 2 bad input (the file and line named).\n"
	    "See erlrc-makeappup(1).\n");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "check", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	struct erlrc_termfile tf;
	const char *check = NULL, *app;
	char *name = NULL;
	int c, status = ERLRC_EXIT_OK;

	erlrc_report_init("erlrc-makeappup");
	while ((c = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			check = optarg;
			break;
		case 'h':
			usage();
			return erlrc_finish(ERLRC_EXIT_OK);
		default:
			erlrc_badusage("unknown option");
		}
	}
	if (argc - optind != (check ? 2 : 3))
		erlrc_badusage(check ? "expected OLDDIR NEWDIR after --check "
		    "APPUPFILE" : "expected APPLICATION OLDDIR NEWDIR");

	if (check) {
		if (erlrc_appup_app_of(argv[optind + 1], &name, &err) < 0 ||
		    erlrc_appup_check_against(check, name, argv[optind],
		    argv[optind + 1], &err) < 0)
			status = erlrc_report_failure(&err);
		free(name);
		return erlrc_finish(status);
	}
	erlrc_termfile_init(&tf);
	app = argv[optind];
	if (erlrc_appup_generate(&tf, app, argv[optind + 1],
	    argv[optind + 2], &err) < 0) {
		status = erlrc_report_failure(&err);
	} else {
		erlrc_buf_adds(&out, "%% Written by erlrc-makeappup from "
		    "the .beam files of both versions.\n");
		erlrc_appup_write(&out, tf.terms[0]);
		fwrite(erlrc_buf_str(&out), 1, out.len, stdout);
	}
	erlrc_buf_destroy(&out);
	erlrc_termfile_destroy(&tf);
	return erlrc_finish(status);
}
