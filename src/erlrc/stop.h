/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stop.h - what erlrc-stop does on a node */
#ifndef ERLRC_STOP_H
#define ERLRC_STOP_H

#include <stddef.h>

#include <erlrc/error.h>
#include <erlrc/host.h>
#include <erlrc/live.h>

/* The work of one erlrc-stop run; fill the first three, zero the rest. */
struct erlrc_stop {
	const char *app;
	const char *vsn;
	int no_unload;		/* --no-unload: keep code and path */
	/* what the nodes told, for erlrc_stop_forget */
	char **in_use;		/* STATE/lib entries some code path uses */
	size_t nin_use;
};

/*
 * erlrc-stop on node L (ARG is the struct erlrc_stop): stop APP if it
 * runs (refused, ERLRC_ERR_FAILED, when a running application includes
 * it or needs it); unless no_unload, purge and delete its modules,
 * unload it and drop its code path, and the same for what it included
 * that is not registered; then start on their own the registered
 * applications it included (DESIGN §8).  Returns 0, or -1 with err set.
 */
int erlrc_stop_node(struct erlrc_host *h, struct erlrc_live *l, void *arg,
    struct erlrc_error *err);

/*
 * Remove erlrc's copies that no node uses any more (erlrc_host_forget).  Call it only when every registered
 * node was reached or is not running.  Returns 0, or -1 with err set.
 */
int erlrc_stop_forget(struct erlrc_stop *s, const struct erlrc_host *h,
    const struct erlrc_log *log, struct erlrc_error *err);

/* Free what the nodes told. */
void erlrc_stop_destroy(struct erlrc_stop *s);

#endif
