/* SPDX-License-Identifier: GPL-2.0-or-later */
/* spec.h - the package spec of makeappdeb: what a .app file cannot say */
#ifndef ERLRC_SPEC_H
#define ERLRC_SPEC_H

#include <stddef.h>

#include <erlrc/error.h>

/*
 * makeappdeb --spec FILE reads a YAML file like this one; every key is
 * optional, and an empty file (or only comments, or a null document)
 * sets nothing:
 *
 *	package: erlang-sensor
 *	version: 2.0-1
 *	maintainer: Jane Doe <jane@example.org>
 *	description: |
 *	  Traffic sensor readings
 *	  The sensor application reads ...
 *	section: misc
 *	priority: optional
 *	homepage: https://example.org/sensor
 *	copyright: debian/copyright
 *	include: true
 *	depends:
 *	  - libssl3 (>= 3.0)
 *	applications:
 *	  sensorlog:
 *	    package: erlang-sensorlog
 *	    version: ">= 1.0-1"
 *	  crypto:
 *	    package: erlang-crypto
 *
 * package	A Debian package name: at least 2 characters, lowercase
 *		letters, digits, '+', '-' and '.', starting with a letter
 *		or a digit.
 * version	A version dpkg-deb --build takes (erlrc_dpkg_version_check).
 * maintainer	"Name <address>": a name, then an address with an '@'
 *		between '<' and a final '>'.
 * description	The synopsis (at most 80 characters), then optionally the
 *		extended description on the following lines, kept as
 *		written; trailing newlines (a block scalar's) are dropped.
 *		No control character but newline.
 * section	A section, without blanks (misc, contrib/net).
 * priority	required, important, standard, optional or extra.
 * homepage	A URL starting with http:// or https://, without blanks.
 * copyright	The path of the file to ship as the package's copyright
 *		file, as written (makeappdeb opens it).
 * include	true or false: whether to ship the include directory.
 * depends	A list of extra Depends clauses, one per item, as written:
 *		no comma, '|' between alternatives.
 * applications	A mapping of OTP application names (unquoted atoms) to
 *		how each maps to a Debian package: a mapping with package
 *		(a package name) and version (a relation, one of << <= =
 *		>= >>, then blanks, then a version), at least one of the
 *		two.  A relation starting with '>' must be quoted: a
 *		plain '>' starts a YAML folded scalar.
 *
 * Values other than description are single lines without control
 * characters or blanks at either end.  Values are read as written: a
 * YAML number or boolean is its text (version: 2.0 is "2.0").  depends
 * and applications may be null, meaning none.  Unknown keys, duplicate
 * keys, tags and aliases are refused (anchors are harmless), and so is
 * a file of more than ERLRC_SPEC_MAX bytes.
 */

#define ERLRC_SPEC_MAX (1024 * 1024)	/* bytes of a spec file */
#define ERLRC_SPEC_SYNOPSIS_MAX 80	/* characters of the synopsis */

/* One dependency mapping: how application NAME maps to a Debian package. */
struct erlrc_spec_app {
	char *name;		/* the OTP application */
	char *package;		/* Debian package providing it, or NULL */
	char *version;		/* a relation, as ">= 1.0-1", or NULL */
};

/* Everything a spec file sets; the struct owns every string. */
struct erlrc_spec {
	char *package;		/* Package:, or NULL */
	char *version;		/* Version:, or NULL */
	char *maintainer;	/* or NULL */
	char *description;	/* synopsis, then "\n" and more, or NULL */
	char *section;		/* or NULL */
	char *priority;		/* or NULL */
	char *homepage;		/* or NULL */
	char *copyright;	/* a copyright file's path, or NULL */
	int include;		/* -1 unset, 0 false, 1 true: ship include/ */
	int start;		/* -1 unset, 0 false: installed, not started */
	char **depends;		/* extra Depends clauses, as written */
	size_t ndepends;
	char **replaces;	/* packages replaced: Replaces and Breaks */
	size_t nreplaces;
	char **provides;	/* Provides clauses */
	size_t nprovides;
	struct erlrc_spec_app *apps;	/* sorted by name (strcmp) */
	size_t napps;
};

/* Nothing set; release with erlrc_spec_destroy. */
void erlrc_spec_init(struct erlrc_spec *s);
void erlrc_spec_destroy(struct erlrc_spec *s);

/* Read the file PATH into s; a missing file is ERLRC_ERR_NOTFOUND. */
int erlrc_spec_read(struct erlrc_spec *s, const char *path,
    struct erlrc_error *err);
/* Parse TEXT (LEN bytes) into s; NAME is the file name for messages. */
int erlrc_spec_parse(struct erlrc_spec *s, const char *name,
    const char *text, size_t len, struct erlrc_error *err);

/* How application NAME maps to a package, or NULL when the spec says not. */
const struct erlrc_spec_app *erlrc_spec_app(const struct erlrc_spec *s,
    const char *name);

#endif
