/* SPDX-License-Identifier: GPL-2.0-or-later */
/* reldeb.h - a release (.rel) made into a package pinning its applications */
#ifndef ERLRC_RELDEB_H
#define ERLRC_RELDEB_H

#include <stddef.h>
#include <time.h>

#include <erlrc/error.h>

/* What to build; fill it, zero what is not given. */
struct erlrc_reldeb_opts {
	const char *rel_file;	/* the release resource file */
	const char *outdir;	/* where the .deb goes */
	const char *spec_file;	/* the package spec (YAML), or NULL */
	const char *admindir;	/* the dpkg database; NULL for dpkg's */
	const char *const *debs;	/* the packages released: .deb files */
	size_t ndebs;			/* or directories of them */
	int no_apt;		/* a pin may be installed, not known to apt */
	const char *const *lib_dirs;	/* where the applications are */
	size_t nlib_dirs;		/* 0: /usr/lib/erlang/lib */
	const char *datadir;	/* holds templates/ and hooks/ */
	const char *erlrc_version;	/* Depends on erlrc (>= this) */
	time_t epoch;		/* the date of everything in the package */
};

/*
 * Build the package of the release O->rel_file (see makereldeb(1): the
 * .rel under /usr/share/erlrc/releases/NAME/VSN/, Depends pinning the
 * package of each application and of erts at exactly its version, a
 * postinst that runs erlrc-check) into O->outdir; *DEB is the path of
 * the new .deb.  Returns 0, or -1 with err set (ERLRC_ERR_INPUT for bad
 * input, naming the file), and nothing written.
 */
int erlrc_reldeb_build(const struct erlrc_reldeb_opts *o, char **deb,
    struct erlrc_error *err);

#endif
