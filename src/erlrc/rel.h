/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rel.h - a release resource file (rel(4)), read and checked */
#ifndef ERLRC_REL_H
#define ERLRC_REL_H

#include <stddef.h>

#include <erlrc/error.h>
#include <erlrc/term.h>

/* The start type of an application in a release. */
enum erlrc_rel_type {
	ERLRC_REL_PERMANENT,	/* the default */
	ERLRC_REL_TRANSIENT,
	ERLRC_REL_TEMPORARY,
	ERLRC_REL_LOAD,		/* loaded, not started */
	ERLRC_REL_NONE,		/* neither loaded nor started */
};

/* One {App, Vsn, Type, IncApps} of the release; strings in the rel's tf. */
struct erlrc_rel_app {
	const char *name;
	const char *vsn;
	enum erlrc_rel_type type;	/* permanent if not written */
	int has_incl;		/* IncApps written: replace the .app's */
	const char **incl;	/* included applications, when has_incl */
	size_t nincl;
	const struct erlrc_term *term;	/* the tuple, for messages */
};

/* What a .rel file says; erlrc_rel_destroy frees all of it. */
struct erlrc_rel {
	struct erlrc_termfile tf;
	const char *name;
	const char *vsn;
	const char *erts_vsn;
	struct erlrc_rel_app *apps;	/* in the file's order */
	size_t napps;
};

void erlrc_rel_init(struct erlrc_rel *r);
void erlrc_rel_destroy(struct erlrc_rel *r);

/*
 * Read PATH and check it as systools_make does, with what it finds only
 * once it has the .app files where the .rel alone tells: one term
 * {release, {Name, Vsn}, {erts, EVsn}, [Application]}, kernel and stdlib
 * permanent, no application twice, an included application in the
 * release and included once, no cycle of inclusion.  Returns 0, or -1
 * with err set ("FILE:LINE:COL: what is wrong" for ERLRC_ERR_INPUT).
 */
int erlrc_rel_read(struct erlrc_rel *r, const char *path,
    struct erlrc_error *err);
/* The same from TEXT (LEN bytes); NAME is the file name for messages. */
int erlrc_rel_parse(struct erlrc_rel *r, const char *name, const char *text,
    size_t len, struct erlrc_error *err);

/* The application NAME of the release, or NULL. */
const struct erlrc_rel_app *erlrc_rel_find(const struct erlrc_rel *r,
    const char *name);

/* "permanent", "transient", ...: the Erlang atom. */
const char *erlrc_rel_type_name(enum erlrc_rel_type t);

#endif
