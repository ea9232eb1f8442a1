/* SPDX-License-Identifier: GPL-2.0-or-later */
/* app.h - an application resource file (app(4)), read and checked */
#ifndef ERLRC_APP_H
#define ERLRC_APP_H

#include <stddef.h>

#include <erlrc/error.h>
#include <erlrc/term.h>

/* A list of atoms or strings from the file (UTF-8, owned by the app). */
struct erlrc_names {
	const char **v;
	size_t n;
};

/*
 * What an .app file says.  Every string lives in tf's arena: it is freed
 * by erlrc_app_destroy.  Absent keys take application_controller's
 * defaults ("" for description and id, [] for lists, ...).
 */
struct erlrc_app {
	struct erlrc_termfile tf;
	const char *name;
	const char *vsn;
	const char *description;
	const char *id;
	struct erlrc_names modules;
	struct erlrc_names registered;
	struct erlrc_names applications;
	struct erlrc_names included;		/* included_applications */
	struct erlrc_names optional;		/* optional_applications */
	struct erlrc_names runtime_deps;	/* "App-Vsn" strings */
	const char *mod;			/* callback module or NULL */
	const struct erlrc_term *mod_args;
	const struct erlrc_term *env;		/* [{Par, Val}], never NULL */
	const struct erlrc_term *start_phases;	/* NULL for undefined */
	const struct erlrc_term *licenses;	/* rebar3's, unchecked, or NULL */
	long max_t, max_p;			/* 0 for infinity */
};

void erlrc_app_init(struct erlrc_app *app);
void erlrc_app_destroy(struct erlrc_app *app);

/*
 * Read PATH, which must be named NAME.app, and check it: one term
 * {application, NAME, [{Key, Value}]}, each key of app(4) of the right
 * shape (unknown keys are ignored, as OTP does), vsn present.
 * Returns 0, or -1 with err set to "FILE:LINE:COL: what is wrong".
 */
int erlrc_app_read(struct erlrc_app *app, const char *path,
    struct erlrc_error *err);
/* erlrc_app_read of DIR/ebin/NAME.app: the .app of application dir DIR. */
int erlrc_app_read_dir(struct erlrc_app *app, const char *dir,
    const char *name, struct erlrc_error *err);

/* The same from TEXT; NAME is the file name used for the checks above. */
int erlrc_app_parse(struct erlrc_app *app, const char *name,
    const char *text, size_t len, struct erlrc_error *err);

/* Is APP listed in NAMES? */
int erlrc_names_has(const struct erlrc_names *names, const char *app);

#endif
