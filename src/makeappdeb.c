/* SPDX-License-Identifier: GPL-2.0-or-later */
/* makeappdeb - make a .deb of an OTP application that upgrades itself live */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <erlrc/appdeb.h>
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
	printf("usage: makeappdeb [options] APPDIR\n"
	    "\n"
	    "Write a .deb of the OTP application in APPDIR (a directory with\n"
	    "ebin/APP.app), whose maintainer scripts start, upgrade, downgrade\n"
	    "and stop it live on the host's Erlang nodes through erlrc.\n"
	    "Print the path of the .deb.\n"
	    "\n"
	    "  -o, --output DIR      write the .deb into DIR (default .)\n"
	    "  -s, --spec FILE       the package spec (YAML): name, version,\n"
	    "                        maintainer, dependencies, ...\n"
	    "  -a, --appup-from DIR  ship an appup from DIR's version, written\n"
	    "                        from the .beam files, unless APPDIR has one\n"
	    "  -i, --include         ship include/ too\n"
	    "  -L, --lib-dir DIR     look for the applications this one needs\n"
	    "                        in DIR (repeatable; default\n"
	    "                        /usr/lib/erlang/lib)\n"
	    "      --admindir DIR    dpkg's database, to find which packages\n"
	    "                        hold them (default /var/lib/dpkg)\n"
	    "  -p, --prefix PREFIX   name packages PREFIX + the application\n"
	    "                        (default erlang-, as Debian does: a\n"
	    "                        name Debian or another package has\n"
	    "                        already is refused)\n"
	    "      --no-apt          do not ask apt which names are taken,\n"
	    "                        only dpkg\n"
	    "  -h, --help            show this help\n"
	    "\n"
	    "Exit status: 0 written, 1 dpkg-deb failed, 2 bad input.\n"
	    "See makeappdeb(1).\n");
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "spec", required_argument, NULL, 's' },
		{ "appup-from", required_argument, NULL, 'a' },
		{ "include", no_argument, NULL, 'i' },
		{ "lib-dir", required_argument, NULL, 'L' },
		{ "admindir", required_argument, NULL, 'A' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "no-apt", no_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_appdeb_opts o = { 0 };
	const char **lib_dirs = NULL;
	const char *datadir = getenv("ERLRC_DATADIR");
	char *deb = NULL;
	int c, status = ERLRC_EXIT_OK;

	erlrc_report_init("makeappdeb");
	o.outdir = ".";
	o.include = -1;
	while ((c = getopt_long(argc, argv, "o:s:a:iL:p:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'o':
			o.outdir = optarg;
			break;
		case 's':
			o.spec_file = optarg;
			break;
		case 'a':
			o.appup_from = optarg;
			break;
		case 'i':
			o.include = 1;
			break;
		case 'L':
			lib_dirs = erlrc_xrealloc(lib_dirs, (o.nlib_dirs + 1) *
			    sizeof(*lib_dirs));
			lib_dirs[o.nlib_dirs++] = optarg;
			break;
		case 'A':
			o.admindir = optarg;
			break;
		case 'p':
			o.prefix = optarg;
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
		erlrc_badusage("expected one application directory");
	o.appdir = argv[optind];
	o.lib_dirs = lib_dirs;
	o.datadir = datadir && *datadir ? datadir : ERLRC_DATADIR;
	o.erlrc_version = ERLRC_VERSION;

	if (erlrc_appdeb_epoch(o.appdir, o.spec_file, &o.epoch, &err) < 0 ||
	    erlrc_appdeb_build(&o, &deb, &err) < 0)
		status = erlrc_report_failure(&err);
	else
		printf("%s\n", deb);
	free(deb);
	free(lib_dirs);
	return erlrc_finish(status);
}
