/* SPDX-License-Identifier: GPL-2.0-or-later */
/* suptree.h - an application's supervision tree on a node, looked at */
#ifndef ERLRC_SUPTREE_H
#define ERLRC_SUPTREE_H

#include <stddef.h>

#include <erlrc/buf.h>
#include <erlrc/error.h>
#include <erlrc/live.h>
#include <erlrc/term.h>

/* One child of a supervisor, as supervisor:which_children/1 lists it. */
struct erlrc_supchild {
	const struct erlrc_term *sup;	/* the supervisor's pid */
	const struct erlrc_term *id;	/* undefined for simple_one_for_one */
	const struct erlrc_term *pid;	/* a pid, or undefined / restarting */
	const struct erlrc_term *modules;	/* a list, or dynamic */
	int is_sup;			/* of type supervisor */
	int is_static;	/* its id names it alone among its siblings */
};

/* A supervisor of the tree. */
struct erlrc_supervisor {
	const struct erlrc_term *pid;
	const char *module;		/* its callback module, or NULL */
	/* an OTP supervisor's restart history (its state's restarts: one
	 * time a restart, within its period), NULL when unknown */
	const struct erlrc_term *restarts;
	int gone;			/* it did not answer which_children */
	/* its answer when that was not a list, NULL when it raised */
	const struct erlrc_term *odd;
};

/*
 * The tree of one application: every term lives in the node's termfile
 * (l->tf) and is freed with it; erlrc_suptree_destroy frees the arrays.
 */
struct erlrc_suptree {
	struct erlrc_supervisor *sups;	/* the top one first, if any */
	size_t nsups;
	struct erlrc_supchild *children;
	size_t nchildren;
};

void erlrc_suptree_init(struct erlrc_suptree *t);
void erlrc_suptree_destroy(struct erlrc_suptree *t);

/*
 * Read the supervision tree of APP on L: its top supervisor
 * (application_master:get_child/1), then every supervisor below it,
 * with supervisor:which_children/1; the callback module of each
 * (supervisor:get_callback_module/1, else its initial call, for a
 * supervisor of its own making such as Ranch's), and the restart history
 * of each OTP supervisor (sys:get_state/1).  A supervisor that does not answer
 * (it died meanwhile) is marked gone and its children are not listed.
 * An application that does not run, or has no supervisor, has an empty
 * tree.  Returns 0, or -1 with err set when the connection failed.
 */
int erlrc_suptree_read(struct erlrc_live *l, const char *app,
    struct erlrc_suptree *t, struct erlrc_error *err);

/* The child ID of supervisor SUP in T, or NULL. */
const struct erlrc_supchild *erlrc_suptree_child(
    const struct erlrc_suptree *t, const struct erlrc_term *sup,
    const struct erlrc_term *id);

/* Supervisor PID of T, or NULL. */
const struct erlrc_supervisor *erlrc_suptree_sup(
    const struct erlrc_suptree *t, const struct erlrc_term *pid);

/*
 * How many restarts the history AFTER holds that BEFORE did not (as
 * multisets of times: old ones may have been dropped meanwhile).
 */
size_t erlrc_suptree_new_restarts(const struct erlrc_term *before,
    const struct erlrc_term *after);

/* Is supervisor PID in T, answering? */
int erlrc_suptree_has_sup(const struct erlrc_suptree *t,
    const struct erlrc_term *pid);

/*
 * Why release_handler_1:get_supervised_procs/0 fails on L: walk the
 * supervision tree of every running application as it does, and append
 * to WHY ("; ..." each) every child of type supervisor that does not
 * answer supervisor:which_children/1 with a list, and every child with
 * dynamic modules that does not answer get_modules within 2 s, naming
 * the application, its supervisor, its id and its pid.  Returns 0, or
 * -1 with err set when the connection failed.
 */
int erlrc_suptree_culprits(struct erlrc_live *l, struct erlrc_buf *why,
    struct erlrc_error *err);

/* Is T a pid? */
int erlrc_suptree_is_pid(const struct erlrc_term *t);

#endif
