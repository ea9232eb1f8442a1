/* SPDX-License-Identifier: GPL-2.0-or-later */
/* live.h - the applications of one running node, and acting on them */
#ifndef ERLRC_LIVE_H
#define ERLRC_LIVE_H

#include <stddef.h>

#include <erlrc/config.h>
#include <erlrc/error.h>
#include <erlrc/log.h>
#include <erlrc/node.h>
#include <erlrc/order.h>
#include <erlrc/registry.h>
#include <erlrc/strmap.h>
#include <erlrc/term.h>

/* An application the node knows: running, loaded, or both. */
struct erlrc_live_app {
	const char *name;
	const char *vsn;	/* of the loaded .app */
	int running;		/* started (application:which_applications) */
	const char *includer;	/* the running application including it */
};

/*
 * One node, connected, with what runs there.  The state is read when the
 * connection opens and kept up to date by the actions below.  Every
 * string lives in tf.  Errors of the functions below leave err without
 * the node's name; messages to LOG name it.
 */
struct erlrc_live {
	struct erlrc_conn conn;
	const struct erlrc_log *log;
	struct erlrc_termfile tf;
	struct erlrc_live_app *apps;
	size_t napps, cap;
	struct erlrc_strmap index;	/* name -> apps[] */
	int have_loaded;	/* loaded applications read */
	int have_includers;	/* includers of running applications read */
	int embedded;		/* -1 not asked yet, else code:get_mode() */
};

/*
 * Connect to NODE (see erlrc_node_connect) and read the running
 * applications.  Close with erlrc_live_close in every case.
 */
int erlrc_live_open(struct erlrc_live *l, const char *node,
    const char *cookie, unsigned timeout_ms, const struct erlrc_log *log,
    struct erlrc_error *err);
void erlrc_live_close(struct erlrc_live *l);

/* The node's name. */
const char *erlrc_live_node(const struct erlrc_live *l);
/* Is the connection still usable?  (Not after a timeout or a loss.) */
int erlrc_live_connected(const struct erlrc_live *l);

/*
 * Call MOD:FUN on the node with the arguments SPEC describes, one
 * character each: 'a' an atom (const char *), 's' a string (const char
 * *), 'n' a list of atoms (const struct erlrc_names *), 't' a term
 * (const struct erlrc_term *).  *REPLY lives in l->tf.  See
 * erlrc_node_call for the errors.
 */
int erlrc_live_call(struct erlrc_live *l, struct erlrc_term **reply,
    struct erlrc_error *err, const char *mod, const char *fun,
    const char *spec, ...);

/* T as Erlang text (for messages), freed with the node's replies. */
const char *erlrc_live_text(struct erlrc_live *l,
    const struct erlrc_term *t);

/* Read again what runs (application:which_applications/0). */
int erlrc_live_refresh(struct erlrc_live *l, struct erlrc_error *err);

/* The version of APP running on the node, or NULL. */
const char *erlrc_live_running(const struct erlrc_live *l, const char *app);
/* The version of APP loaded on the node (*vsn NULL when not loaded). */
int erlrc_live_loaded(struct erlrc_live *l, const char *app,
    const char **vsn, struct erlrc_error *err);
/* The running application that includes APP (*includer NULL if none). */
int erlrc_live_includer(struct erlrc_live *l, const char *app,
    const char **includer, struct erlrc_error *err);
/* A running application that lists APP in its applications, or NULL. */
int erlrc_live_needed_by(struct erlrc_live *l, const char *app,
    const char **user, struct erlrc_error *err);
/*
 * The running applications that depend on APP, directly or through one
 * another (their applications keys), in an order where each comes after
 * those of them it depends on: start them in that order, stop them in
 * the reverse.  *APPS is a new array of names that live in L (free the
 * array only); *N counts them.
 */
int erlrc_live_dependents(struct erlrc_live *l, const char *app,
    const char ***apps, size_t *n, struct erlrc_error *err);
/* The included_applications of loaded APP (an empty list if not loaded). */
int erlrc_live_included(struct erlrc_live *l, const char *app,
    const struct erlrc_term **list, struct erlrc_error *err);

/*
 * Point the node's code path for APP at VSN (code:replace_path) to DIR,
 * or with COPY to erlrc's copy of DIR (erlrc_tree_copy into LIBDIR).
 */
int erlrc_live_use_dir(struct erlrc_live *l, const char *libdir,
    const char *app, const char *vsn, const char *dir, int copy,
    struct erlrc_error *err);

/*
 * Start ITEM (see order.h): point the node's code path for each member
 * at its directory (erlrc_live_use_dir: erlrc's copy for the members REG
 * registers, whose packages call erlrc; their package's directory for
 * the others), load ITEM (which loads what it includes; a different
 * loaded version, of it or of what it includes, is unloaded first,
 * modules and all), load every module in embedded mode, and start it
 * with TYPE.  Already started counts as done.  Returns 0, or -1 with
 * err set: ERLRC_ERR_FAILED when the node refused a step (the connection
 * may still be usable), another code when erlrc could not prepare its
 * copy.
 */
int erlrc_live_start(struct erlrc_live *l, const char *libdir,
    const struct erlrc_registry *reg, const struct erlrc_order_item *item,
    enum erlrc_start_type type, struct erlrc_error *err);

/* Stop APP (application:stop); not running counts as done. */
int erlrc_live_stop(struct erlrc_live *l, const char *app,
    struct erlrc_error *err);

/*
 * Unload APP: purge and delete each of its modules, unload it, drop its
 * code path.  Not loaded counts as done.
 */
int erlrc_live_unload(struct erlrc_live *l, const char *app,
    struct erlrc_error *err);

/*
 * The entries of LIBDIR ("APP-VSN") that the node uses, in its code path
 * or as the file of a loaded module, appended to *ENTRIES (new strings;
 * *N counts them; an entry may come more than once).
 */
int erlrc_live_tree_in_use(struct erlrc_live *l, const char *libdir,
    char ***entries, size_t *n, struct erlrc_error *err);

#endif
