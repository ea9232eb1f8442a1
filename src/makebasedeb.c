/* SPDX-License-Identifier: GPL-2.0-or-later */
/* makebasedeb - make a .deb of an Erlang node that systemd runs for erlrc */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <erlrc/basedeb.h>
#include <erlrc/report.h>

#ifndef ERLRC_DATADIR
#define ERLRC_DATADIR "/usr/share/erlrc"
#endif
#ifndef ERLRC_VERSION
#define ERLRC_VERSION "0"
#endif

static void
usage(void)
{
	printf("usage: makebasedeb [options] NODENAME\n"
	    "\n"
	    "Write a .deb of the Erlang node NODENAME (an alive name, run as\n"
	    "-sname NODENAME on the host that installs it): a systemd unit,\n"
	    "its vm.args and sys.config, and scripts that make its cookie\n"
	    "and register it for erlrc.  Print the path of the .deb.\n"
	    "\n"
	    "  -o, --output DIR      write the .deb into DIR (default .)\n"
	    "  -s, --spec FILE       the package spec (YAML): copyright,\n"
	    "                        maintainer, version, ...\n"
	    "  -V, --package-version VERSION\n"
	    "                        the package's version (default: the\n"
	    "                        spec's)\n"
	    "      --vm-args FILE    ship FILE as the node's vm.args\n"
	    "      --sys-config FILE ship FILE as the node's sys.config\n"
	    "  -h, --help            show this help\n"
	    "\n"
	    "Exit status: 0 written, 1 dpkg-deb failed, 2 bad input.\n"
	    "See makebasedeb(1).\n");
}

int
main(int argc, char **argv)
{
	enum { OPT_VM_ARGS = 256, OPT_SYS_CONFIG };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "spec", required_argument, NULL, 's' },
		{ "package-version", required_argument, NULL, 'V' },
		{ "vm-args", required_argument, NULL, OPT_VM_ARGS },
		{ "sys-config", required_argument, NULL, OPT_SYS_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_basedeb_opts o = { 0 };
	const char *datadir = getenv("ERLRC_DATADIR");
	char *deb = NULL;
	int c, status = ERLRC_EXIT_OK;

	erlrc_report_init("makebasedeb");
	o.outdir = ".";
	while ((c = getopt_long(argc, argv, "o:s:V:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'o':
			o.outdir = optarg;
			break;
		case 's':
			o.spec_file = optarg;
			break;
		case 'V':
			o.version = optarg;
			break;
		case OPT_VM_ARGS:
			o.vm_args = optarg;
			break;
		case OPT_SYS_CONFIG:
			o.sys_config = optarg;
			break;
		case 'h':
			usage();
			return erlrc_finish(ERLRC_EXIT_OK);
		default:
			erlrc_badusage("unknown option");
		}
	}
	if (argc - optind != 1)
		erlrc_badusage("expected one node name");
	o.node = argv[optind];
	o.datadir = datadir && *datadir ? datadir : ERLRC_DATADIR;
	o.erlrc_version = ERLRC_VERSION;

	/* a bad name first: it is what is wrong, whatever the files say */
	if (erlrc_basedeb_node_check(o.node, &err) < 0 ||
	    erlrc_basedeb_epoch(&o, &o.epoch, &err) < 0 ||
	    erlrc_basedeb_build(&o, &deb, &err) < 0)
		status = erlrc_report_failure(&err);
	else
		printf("%s\n", deb);
	free(deb);
	return erlrc_finish(status);
}
