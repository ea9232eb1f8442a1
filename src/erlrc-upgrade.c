/* SPDX-License-Identifier: GPL-2.0-or-later */
/* erlrc-upgrade - change a running application to the version installed */
#include <erlrc/cli.h>
#include <erlrc/report.h>

int
main(int argc, char **argv)
{
	erlrc_report_init("erlrc-upgrade");
	return erlrc_cli_upgrade(argc, argv, 0);
}
