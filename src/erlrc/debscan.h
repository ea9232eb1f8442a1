/* SPDX-License-Identifier: GPL-2.0-or-later */
/* debscan.h - the OTP applications that .deb files hold */
#ifndef ERLRC_DEBSCAN_H
#define ERLRC_DEBSCAN_H

#include <stddef.h>

#include <erlrc/error.h>

/* One application in one package: its .app at LIB/APP-VSN/ebin/APP.app. */
struct erlrc_debapp {
	char *app, *vsn;	/* from the directory's name */
	char *package, *version;	/* the package's */
	char *file;		/* the .deb */
};

struct erlrc_debscan {
	struct erlrc_debapp *v;
	size_t n, cap;
	char **debs;		/* "PACKAGE=VERSION" of every .deb read */
	size_t ndebs, debcap;
};

void erlrc_debscan_init(struct erlrc_debscan *s);
void erlrc_debscan_destroy(struct erlrc_debscan *s);

/*
 * Add what PATH holds: a .deb, or a directory whose *.deb files are read
 * (not its subdirectories).  Each .deb is read with dpkg-deb: its
 * Package and Version, and every /usr/lib/erlang/lib/APP-VSN/ebin/APP.app
 * it installs.  Returns 0, or -1 with err set (a file that is no .deb,
 * a directory without one: ERLRC_ERR_INPUT).
 */
int erlrc_debscan_add(struct erlrc_debscan *s, const char *path,
    struct erlrc_error *err);

/*
 * The package that holds APP at VSN, the highest version where several
 * do (compared as dpkg does), or NULL.
 */
const struct erlrc_debapp *erlrc_debscan_find(const struct erlrc_debscan *s,
    const char *app, const char *vsn);

/*
 * Add the applications that LISTING (the output of dpkg-deb -c) shows in
 * the .deb FILE of PACKAGE at VERSION: its lines naming
 * ./usr/lib/erlang/lib/APP-VSN/ebin/APP.app, APP a name erlrc accepts.
 */
void erlrc_debscan_add_listing(struct erlrc_debscan *s, const char *listing,
    const char *package, const char *version, const char *file);

/*
 * Of the package stanzas STANZAS (apt-cache show's or dpkg-query's
 * output: "Version: V" and "Depends: D" lines, a blank line between
 * packages), the first version that does not depend on erlrc, in *OTHER
 * (a new string), or NULL: a package of that name that is not erlrc's.
 */
void erlrc_debscan_foreign_version(const char *stanzas, char **other);

/* Does S hold PACKAGE at VERSION? */
int erlrc_debscan_has(const struct erlrc_debscan *s, const char *package,
    const char *version);

#endif
