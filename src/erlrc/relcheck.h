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
	size_t ndiff;		/* set by erlrc_relcheck_node */
};

/*
 * Compare node L with the release C->rel: its erts version, and each
 * application's version where it should run (started, or, for one the
 * release loads only or a running application includes, loaded).  An
 * application of type none is not looked at, nor what the node runs
 * besides the release.  Each difference goes to C->log as a warning
 * naming the node (for an application of the release that does not run
 * and that H does not register, with how to start it); C->ndiff counts
 * them.  Returns 0, or -1 with err set when the node could not be read.
 */
int erlrc_relcheck_node(struct erlrc_host *h, struct erlrc_live *l,
    void *c, struct erlrc_error *err);

#endif
