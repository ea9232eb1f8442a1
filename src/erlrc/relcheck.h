/* SPDX-License-Identifier: GPL-2.0-or-later */
/* relcheck.h - does a node run the versions a release names? */
#ifndef ERLRC_RELCHECK_H
#define ERLRC_RELCHECK_H

#include <stddef.h>

#include <erlrc/error.h>
#include <erlrc/host.h>
#include <erlrc/live.h>
#include <erlrc/log.h>
#include <erlrc/rel.h>

/* What erlrc_relcheck_node compares against, and where it tells. */
struct erlrc_relcheck {
	const struct erlrc_rel *rel;
	const struct erlrc_log *log;
};

/*
 * Compare node L with the release C->rel: its erts version, and each
 * application's version where it should run (started, or, for one the
 * release loads only or a running application includes, loaded).  An
 * application of type none is not looked at, nor what the node runs
 * besides the release.  Each difference goes to C->log as a warning
 * naming the node.  Returns 0 when there is none, else -1 with err set
 * (ERLRC_ERR_FAILED: how many; or what failed on the node).  H is not
 * used: the signature is erlrc_cli_each_node's.
 */
int erlrc_relcheck_node(struct erlrc_host *h, struct erlrc_live *l,
    void *c, struct erlrc_error *err);

#endif
