/* SPDX-License-Identifier: GPL-2.0-or-later */
/* appdeb.h - an OTP application directory made into a .deb (makeappdeb) */
#ifndef ERLRC_APPDEB_H
#define ERLRC_APPDEB_H

#include <stddef.h>
#include <time.h>

#include <erlrc/error.h>

/* What to build; fill it, zero what is not given. */
struct erlrc_appdeb_opts {
	const char *appdir;	/* holds ebin/APP.app */
	const char *outdir;	/* where the .deb goes */
	const char *spec_file;	/* the package spec (YAML), or NULL */
	const char *appup_from;	/* the previous version's directory */
	int include;		/* ship include/: 1, 0, or -1 as the spec says */
	const char *admindir;	/* the dpkg database; NULL for dpkg's */
	const char *prefix;	/* of package names; NULL: "erlang-" */
	int no_apt;		/* do not ask apt which names are taken */
	const char *const *lib_dirs;	/* where the dependencies are */
	size_t nlib_dirs;		/* 0: /usr/lib/erlang/lib */
	const char *datadir;	/* holds templates/ and hooks/ */
	const char *erlrc_version;	/* Depends on erlrc (>= this) */
	time_t epoch;		/* the date of everything in the package */
};

/*
 * Build the package of the application in O->appdir (see makeappdeb(1)
 * for every rule: files, control fields, Depends, maintainer scripts)
 * into O->outdir; *DEB is the path of the new .deb.  Returns 0, or -1
 * with err set (ERLRC_ERR_INPUT for bad input, naming the file), and
 * nothing written.
 */
int erlrc_appdeb_build(const struct erlrc_appdeb_opts *o, char **deb,
    struct erlrc_error *err);

/*
 * The date the package gets when SOURCE_DATE_EPOCH is not set: the
 * newest modification time of APPDIR/ebin/APP.app and of SPEC_FILE (may
 * be NULL), so the same inputs give the same .deb.  Returns 0, or -1
 * with err set.
 */
int erlrc_appdeb_epoch(const char *appdir, const char *spec_file,
    time_t *epoch, struct erlrc_error *err);

#endif
