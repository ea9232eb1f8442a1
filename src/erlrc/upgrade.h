/* SPDX-License-Identifier: GPL-2.0-or-later */
/* upgrade.h - what erlrc-upgrade and erlrc-downgrade do on a node */
#ifndef ERLRC_UPGRADE_H
#define ERLRC_UPGRADE_H

#include <stdio.h>

#include <erlrc/error.h>
#include <erlrc/host.h>
#include <erlrc/live.h>
#include <erlrc/log.h>

/* One run: fill the first fields, zero the rest. */
struct erlrc_upgrade {
	const char *app;
	const char *from;	/* the version replaced; NULL: what runs */
	const char *to;		/* the version installed */
	int down;		/* erlrc-downgrade: TO is the lower one */
	int restart;		/* restart cold after a failure */
	FILE *dry_run;		/* print the plan here, change nothing */
	unsigned settle_ms;	/* watch the application this long after */
	/* what the nodes told, for erlrc_host_forget */
	char **in_use;		/* STATE/lib entries some code path uses */
	size_t nin_use;
};

/*
 * erlrc-upgrade (or erlrc-downgrade) on node L; ARG is the struct
 * erlrc_upgrade.  An application included in a running one counts as
 * running at its loaded version.
 *  - APP running at TO: nothing.
 *  - Running at FROM: erlrc's copy of TO is made, the appup chosen (the
 *    one TO ships with an entry for FROM; going down, the down entry of
 *    FROM's own appup; else one written from the .beam files, see
 *    erlrc_appup_generate), translated and evaluated on the node
 *    (DESIGN §6), with the included-application changes of DESIGN §8
 *    and the application's environment kept.
 *  - Not running: the copy is made and, when APP is registered, APP
 *    started at TO.
 *  - Running at another version: refused, unless FROM is NULL: then
 *    that version is the one replaced.
 * Returns 0, or -1 with err set: ERLRC_ERR_FAILED when the node refused
 * or the upgrade failed (after resuming every process it suspended; with
 * RESTART, APP is restarted cold at TO instead and 0 returned),
 * ERLRC_ERR_INPUT for a bad appup.
 */
int erlrc_upgrade_node(struct erlrc_host *h, struct erlrc_live *l,
    void *arg, struct erlrc_error *err);

void erlrc_upgrade_destroy(struct erlrc_upgrade *u);

#endif
