/* SPDX-License-Identifier: GPL-2.0-or-later */
/* debpkg.h - a binary Debian package, staged in a directory and built */
#ifndef ERLRC_DEBPKG_H
#define ERLRC_DEBPKG_H

#include <stddef.h>
#include <time.h>

#include <erlrc/buf.h>
#include <erlrc/error.h>

/*
 * A package being put together: a private directory (mode 0700) inside
 * the output directory holds the staged tree and the .deb as dpkg-deb
 * writes it, which is then renamed into place (never seen half written,
 * and a link planted at its name is replaced, not followed).  It is
 * removed by erlrc_debpkg_destroy whatever happened, and when SIGINT,
 * SIGTERM or SIGHUP ends the program (see cleanup.h).  Every file gets
 * mode 0644, or 0755 when it was executable, every directory 0755, and
 * dpkg-deb makes root their owner.
 */
struct erlrc_debpkg {
	char *outdir;
	char *work;		/* the private directory */
	char *stage;		/* the package's root; DEBIAN/ inside */
	char **conffiles;	/* target paths */
	size_t nconffiles;
};

/* Start a package to be written into OUTDIR.  Returns 0, or -1 with err. */
int erlrc_debpkg_open(struct erlrc_debpkg *d, const char *outdir,
    struct erlrc_error *err);
/* Remove the staging directory and free D.  Safe after a failed open. */
void erlrc_debpkg_destroy(struct erlrc_debpkg *d);

/*
 * Copy directory SRC, recursively, to the target path DEST (absolute,
 * e.g. "/usr/lib/erlang/lib/a-1.0/priv").  Version-control files (.git,
 * .gitignore, .svn, ...) are left out.  A symbolic link is copied as
 * what it points to when that is inside SRC; one that leads out of SRC
 * (or nowhere), a device, socket or FIFO, and a file that not everyone
 * may read (a package publishes it) are errors naming it.  Returns 0, or
 * -1 with err set.
 */
int erlrc_debpkg_add_tree(struct erlrc_debpkg *d, const char *src,
    const char *dest, struct erlrc_error *err);

/* Write DATA (LEN bytes) as the file at target path DEST, executable when
 * EXEC.  Returns 0, or -1 with err set. */
int erlrc_debpkg_add_file(struct erlrc_debpkg *d, const char *dest,
    const void *data, size_t len, int exec, struct erlrc_error *err);

/* The same, and list DEST in DEBIAN/conffiles. */
int erlrc_debpkg_add_conffile(struct erlrc_debpkg *d, const char *dest,
    const void *data, size_t len, struct erlrc_error *err);

/* Write the maintainer script NAME (postinst, prerm, ...) from TEXT. */
int erlrc_debpkg_add_script(struct erlrc_debpkg *d, const char *name,
    const char *text, struct erlrc_error *err);

/*
 * Write the files of /usr/share/doc/PACKAGE that Debian policy asks for:
 * copyright, a copy of COPYRIGHT_FILE (or, when NULL, COPYRIGHT_TEXT),
 * and the changelog, one entry for
 * VERSION by MAINTAINER dated EPOCH saying CHANGE, compressed with gzip
 * -9n (changelog.Debian.gz when VERSION has a Debian revision, else
 * changelog.gz).  Returns 0, or -1 with err set.
 */
int erlrc_debpkg_add_docs(struct erlrc_debpkg *d, const char *package,
    const char *version, const char *maintainer, time_t epoch,
    const char *copyright_file, const struct erlrc_buf *copyright_text,
    const char *change, struct erlrc_error *err);

/* Set *HAS to whether the staged tree below target path DEST holds an ELF
 * file.  Returns 0, or -1 with err set. */
int erlrc_debpkg_has_elf(struct erlrc_debpkg *d, const char *dest, int *has,
    struct erlrc_error *err);

/*
 * The Depends that the ELF executables and shared objects staged below
 * target path DEST need, the libraries they link with, as
 * dpkg-shlibdeps(1) finds them in the dpkg database ADMINDIR (NULL: its
 * default): *DEPENDS is a new string such as "libc6 (>= 2.14),
 * libstdc++6 (>= 5.2)", "" when there is no such file (or nothing there)
 * and dpkg-shlibdeps was not run.  PACKAGE is the package's name, which
 * dpkg-shlibdeps reads from a debian/control written for it in D's
 * private directory.  Returns 0, or -1 with err set: ERLRC_ERR_NOTFOUND
 * when dpkg-shlibdeps is not installed (the message says to install
 * dpkg-dev), ERLRC_ERR_FAILED when it fails (its stderr quoted), and
 * *DEPENDS NULL.
 */
int erlrc_debpkg_shlibdeps(struct erlrc_debpkg *d, const char *dest,
    const char *package, const char *admindir, char **depends,
    struct erlrc_error *err);

/* The Installed-Size of what is staged, in KiB, as dpkg-gencontrol counts
 * it.  Returns 0, or -1 with err set. */
int erlrc_debpkg_installed_size(struct erlrc_debpkg *d, unsigned long *kib,
    struct erlrc_error *err);

/*
 * Append to OUT a Description field: SYNOPSIS, then the lines of
 * EXTENDED (may be NULL) indented by one space, blank ones as " .".
 */
void erlrc_debpkg_description(struct erlrc_buf *out, const char *synopsis,
    const char *extended);

/*
 * Write CONTROL (the whole DEBIAN/control, ending with a newline), the
 * md5sums of every file but the conffiles and the conffiles list, then
 * build OUTDIR/FILENAME with dpkg-deb, dated EPOCH (mtimes clamped to it:
 * the same inputs give the same bytes).  *PATH is the new path of the
 * .deb.  Returns 0, or -1 with err set (dpkg-deb's complaint quoted) and
 * no file left.
 */
int erlrc_debpkg_build(struct erlrc_debpkg *d, const char *control,
    const char *filename, time_t epoch, char **path, struct erlrc_error *err);

/*
 * Is NAME a valid Debian package name (lowercase letters, digits and
 * "+-.", at least two, beginning with a letter or digit)?
 */
int erlrc_debpkg_name_ok(const char *name);

/* Depends, clause by clause: PKG, or PKG (OP VER). */
struct erlrc_debdep {
	char *pkg;
	char *op;	/* NULL for none */
	char *ver;
};

struct erlrc_debdeps {
	struct erlrc_debdep *v;
	size_t n;
};

void erlrc_debdeps_init(struct erlrc_debdeps *d);
void erlrc_debdeps_destroy(struct erlrc_debdeps *d);

/*
 * Add PKG, with OP VER when OP is not NULL, merged with a clause of the
 * same package already there: the same clause once, a bound added to a
 * bare name, the higher of two ">=".  Anything else is a clause more.
 * Returns 0, or -1 with err set (a version libdpkg cannot compare).
 */
int erlrc_debdeps_add(struct erlrc_debdeps *d, const char *pkg,
    const char *op, const char *ver, struct erlrc_error *err);

/* Append the clauses to OUT as a Depends value: "a (>= 1), b". */
void erlrc_debdeps_format(const struct erlrc_debdeps *d,
    struct erlrc_buf *out);

/*
 * Write the maintainer script NAME from DATADIR/templates/NAME: its line
 * #ERLRC_VARS# becomes VARS (NULL-terminated NAME, VALUE pairs) as sh
 * assignments, single-quoted, its line #ERLRC_HOOK# the fragment
 * DATADIR/hooks/HOOK, and #PACKAGE# the name PACKAGE.  Returns 0, or -1
 * with err set (a missing file, a template without those lines).
 */
int erlrc_debpkg_add_script_from(struct erlrc_debpkg *d, const char *datadir,
    const char *name, const char *hook, const char *package,
    const char *const *vars, struct erlrc_error *err);

/*
 * The Maintainer field: GIVEN when not NULL, else $DEBEMAIL when it reads
 * "Name <address>", else "$DEBFULLNAME <$DEBEMAIL>" (Debian's
 * convention); *OUT is a new string.  Returns 0, or -1 with err set
 * (ERLRC_ERR_INPUT) when none is known.
 */
int erlrc_debpkg_maintainer(const char *given, char **out,
    struct erlrc_error *err);

#endif
