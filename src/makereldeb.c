/* SPDX-License-Identifier: GPL-2.0-or-later */
/* makereldeb - make a .deb of an OTP release that pins its applications */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <erlrc/makedeb.h>
#include <erlrc/reldeb.h>
#include <erlrc/report.h>
#include <erlrc/xalloc.h>

#ifndef ERLRC_DATADIR
#define ERLRC_DATADIR "/usr/share/erlrc"
#endif
#ifndef ERLRC_VERSION
#define ERLRC_VERSION "0"
#endif

static void
usage(void)
{
	printf("usage: makereldeb [options] RELFILE\n"
	    "\n"
	    "Write a .deb of the release RELFILE (a .rel file) that depends on\n"
	    "exactly the version of each of its applications' packages and of\n"
	    "its runtime, so that installing it moves the host's Erlang nodes\n"
	    "to the release, live.  Print the path of the .deb.\n"
	    "\n"
	    "  -o, --output DIR      write the .deb into DIR (default .)\n"
	    "  -s, --spec FILE       the package spec (YAML): name, version,\n"
	    "                        maintainer, packages of applications, ...\n"
	    "  -L, --lib-dir DIR     look for the release's applications in\n"
	    "                        DIR (repeatable; default\n"
	    "                        /usr/lib/erlang/lib, then ROOT/lib for\n"
	    "                        a RELFILE ROOT/releases/VSN/NAME.rel)\n"
	    "      --admindir DIR    dpkg's database, to find which packages\n"
	    "                        hold them (default /var/lib/dpkg)\n"
	    "  -d, --debs PATH       the packages the release is made with: a\n"
	    "                        .deb, or a directory of them\n"
	    "                        (repeatable); an application one of\n"
	    "                        them holds is pinned to it, and every\n"
	    "                        pin must be one of them or known to apt\n"
	    "      --no-apt          with --debs: a pin may be installed here\n"
	    "                        instead of known to apt\n"
	    "  -h, --help            show this help\n"
	    "\n"
	    "Exit status: 0 written, 1 dpkg-deb failed, 2 bad input.\n"
	    "See makereldeb(1).\n");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "spec", required_argument, NULL, 's' },
		{ "lib-dir", required_argument, NULL, 'L' },
		{ "admindir", required_argument, NULL, 'A' },
		{ "debs", required_argument, NULL, 'd' },
		{ "no-apt", no_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_reldeb_opts o = { 0 };
	const char **lib_dirs = NULL, **debs = NULL;
	const char *datadir = getenv("ERLRC_DATADIR");
	const char *files[2];
	char *deb = NULL;
	int c, status = ERLRC_EXIT_OK;

	erlrc_report_init("makereldeb");
	o.outdir = ".";
	while ((c = getopt_long(argc, argv, "o:s:L:d:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'o':
			o.outdir = optarg;
			break;
		case 's':
			o.spec_file = optarg;
			break;
		case 'L':
			lib_dirs = erlrc_xrealloc(lib_dirs, (o.nlib_dirs + 1) *
			    sizeof(*lib_dirs));
			lib_dirs[o.nlib_dirs++] = optarg;
			break;
		case 'A':
			o.admindir = optarg;
			break;
		case 'd':
			debs = erlrc_xrealloc(debs, (o.ndebs + 1) *
			    sizeof(*debs));
			debs[o.ndebs++] = optarg;
			break;
		case 'N':
			o.no_apt = 1;
			break;
		case 'h':
			usage();
			return erlrc_finish(ERLRC_EXIT_OK);
		default:
			erlrc_badusage("unknown option");
		}
	}
	if (argc - optind != 1)
		erlrc_badusage("expected one release file");
	o.rel_file = argv[optind];
	o.lib_dirs = lib_dirs;
	o.debs = debs;
	o.datadir = datadir && *datadir ? datadir : ERLRC_DATADIR;
	o.erlrc_version = ERLRC_VERSION;
	files[0] = o.rel_file;
	files[1] = o.spec_file;

	if (erlrc_makedeb_epoch(files, 2, &o.epoch, &err) < 0 ||
	    erlrc_reldeb_build(&o, &deb, &err) < 0)
		status = erlrc_report_failure(&err);
	else
		printf("%s\n", deb);
	free(deb);
	free(lib_dirs);
	free(debs);
	return erlrc_finish(status);
}
