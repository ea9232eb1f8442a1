/* SPDX-License-Identifier: GPL-2.0-or-later */
/* order.h - the order in which applications start (DESIGN §8) */
#ifndef ERLRC_ORDER_H
#define ERLRC_ORDER_H

#include <stddef.h>

#include <erlrc/app.h>
#include <erlrc/error.h>
#include <erlrc/libdir.h>

/* An application of the closure; its strings belong to the erlrc_order. */
struct erlrc_order_app {
	const char *name;
	const char *vsn;	/* from its .app file */
	const char *dir;	/* its directory */
	const struct erlrc_app *app;
};

/* An application to start, and what starting it starts. */
struct erlrc_order_item {
	const char *name;
	const char *vsn;	/* from its .app file */
	const char *dir;	/* its directory */
	int registered;		/* named by the caller, not only needed */
	const struct erlrc_app *app;
	/* itself first, then what it includes, depth first */
	struct erlrc_order_app *members;
	size_t nmembers;
	/* the items (indexes, all earlier) that must run before it */
	size_t *deps;
	size_t ndeps;
};

struct erlrc_order {
	struct erlrc_order_item *items;	/* in start order */
	size_t n;
	struct erlrc_app **apps;	/* every application read */
	size_t napps;
};

void erlrc_order_init(struct erlrc_order *o);
void erlrc_order_destroy(struct erlrc_order *o);

/*
 * Compute the start order of the registered applications REG (NREG
 * names) and everything they need, from the .app files of the highest
 * versions in LIBS: the closure of applications and included_applications
 * (an application also listed in optional_applications is skipped when it
 * is not installed).  An application's dependencies come before it; an
 * included application is not started on its own (starting its includer
 * starts it), and whatever depends on it depends on its includer.  The
 * order is deterministic: depth first, registered applications by name,
 * dependencies in the order their .app file lists them.
 *
 * Errors (-1, err set, ERLRC_ERR_INPUT, naming the applications): a
 * missing or bad .app file, a cycle (printed as "a -> b -> a"), an
 * application both a dependency and included, an application included by
 * two others.
 */
int erlrc_order_compute(struct erlrc_order *o, const struct erlrc_libdirs *libs,
    const char *const *reg, size_t nreg, struct erlrc_error *err);

#endif
