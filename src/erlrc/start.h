/* SPDX-License-Identifier: GPL-2.0-or-later */
/* start.h - what erlrc-start does on a node, and what erlrc-boot shares */
#ifndef ERLRC_START_H
#define ERLRC_START_H

#include <erlrc/error.h>
#include <erlrc/host.h>
#include <erlrc/libdir.h>
#include <erlrc/live.h>
#include <erlrc/order.h>

/* APP at VSN and what it needs, planned once, when a node first needs it. */
struct erlrc_start {
	const char *app;
	const char *vsn;
	struct erlrc_libdirs libs;
	struct erlrc_order plan;
	int planned, plan_failed;
	struct erlrc_error plan_err;
};

/* Start APP at VSN (strings the caller keeps); release with _destroy. */
void erlrc_start_init(struct erlrc_start *s, const char *app,
    const char *vsn);
void erlrc_start_destroy(struct erlrc_start *s);

/*
 * erlrc-start on node L (ARG is the struct erlrc_start): nothing when
 * APP runs at VSN or is included in a running application; refused
 * (ERLRC_ERR_FAILED) when APP runs at another version; else start what
 * APP needs that does not run, in order, then APP.  Returns 0, or -1 with
 * err set.
 */
int erlrc_start_node(struct erlrc_host *h, struct erlrc_live *l, void *arg,
    struct erlrc_error *err);

/* erlrc_start_node for APP at VSN, planned for this node alone. */
int erlrc_start_one(struct erlrc_host *h, struct erlrc_live *l,
    const char *app, const char *vsn, struct erlrc_error *err);

/*
 * Start on L the items of PLAN that neither run nor are included in a
 * running application, in order, from erlrc's copies for the registered
 * applications, from where their packages put them for the others.  With KEEP_GOING, an item that fails is
 * reported on L's log and whatever needs it is skipped with a message,
 * the rest still start, and the result is -1 (ERLRC_ERR_FAILED) saying
 * how many did not start; without, the first failure stops the work.
 * *STARTED (may be NULL) counts the items started.
 */
int erlrc_start_items(struct erlrc_host *h, struct erlrc_live *l,
    const struct erlrc_order *plan, int keep_going, size_t *started,
    struct erlrc_error *err);

#endif
