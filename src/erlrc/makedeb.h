/* SPDX-License-Identifier: GPL-2.0-or-later */
/* makedeb.h - what makeappdeb, makereldeb and makebasedeb do alike */
#ifndef ERLRC_MAKEDEB_H
#define ERLRC_MAKEDEB_H

#include <stddef.h>
#include <time.h>

#include <erlrc/debpkg.h>
#include <erlrc/error.h>
#include <erlrc/spec.h>

/* The control fields of a package, as every tool writes them. */
struct erlrc_makedeb_control {
	const char *package;
	const char *version;
	const char *arch;
	const char *maintainer;
	const char *synopsis;
	const char *extended;	/* may be NULL */
	const struct erlrc_debdeps *deps;	/* then shlibs, spec depends */
	const char *shlibs;	/* dpkg-shlibdeps's Depends, NULL or "" */
	const struct erlrc_debdeps *recommends;	/* NULL or none: no field */
	const struct erlrc_spec *spec;	/* section, priority, homepage */
};

/*
 * Write DEBIAN/control from C (Installed-Size counted from what D
 * stages; Depends of the deps, shlibs and the spec's depends in that
 * order; Recommends only when there are some; Section misc and Priority
 * optional unless the spec says) and
 * build PACKAGE_VERSION_ARCH.deb, VERSION without its epoch, with
 * erlrc_debpkg_build.  Returns 0, or -1 with err set.
 */
int erlrc_makedeb_finish(struct erlrc_debpkg *d,
    const struct erlrc_makedeb_control *c, time_t epoch, char **deb,
    struct erlrc_error *err);

/* PREFIX and NAME lowercased, '_' as '-': a package name made of a name
 * of Erlang's.  A new string. */
char *erlrc_makedeb_package_name(const char *prefix, const char *name);

/* The package of the OTP application NAME when nothing says more of it:
 * "erlang-" and NAME as above, erlang-base for erts.  A new string. */
char *erlrc_makedeb_app_package(const char *name);

/* Split RELATION, as the spec checked it ("OP VERSION", blanks between),
 * into new strings *OP and *VER. */
void erlrc_makedeb_relation(const char *relation, char **op, char **ver);

/*
 * Split DESCRIPTION (a spec's: the synopsis, then the extended text on
 * the following lines) into new strings *SYNOPSIS and *EXTENDED (NULL
 * when there is no extended text).
 */
void erlrc_makedeb_description(const char *description, char **synopsis,
    char **extended);

/*
 * The copyright file to ship: the spec's copyright (relative to
 * SPEC_FILE's directory), else the first of LICENSE, LICENSE.md,
 * LICENSE.txt and COPYING in DIR (when DIR is not NULL).  *PATH is a new
 * string.  Returns 0, or -1 with err set (ERLRC_ERR_INPUT) when there is
 * none, as Debian packages must have one.
 */
int erlrc_makedeb_copyright(const char *spec_file,
    const struct erlrc_spec *spec, const char *dir, char **path,
    struct erlrc_error *err);

/*
 * The date of a package: SOURCE_DATE_EPOCH when set, else the newest
 * modification time of the N FILES (NULL ones skipped), so that the
 * same inputs give the same bytes.  Returns 0, or -1 with err set
 * (ERLRC_ERR_INPUT for a SOURCE_DATE_EPOCH that is no number of seconds,
 * or a file that cannot be read).
 */
int erlrc_makedeb_epoch(const char *const *files, size_t n, time_t *epoch,
    struct erlrc_error *err);

#endif
