/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dpkg.h - Debian versions and the package database, read by libdpkg */
#ifndef ERLRC_DPKG_H
#define ERLRC_DPKG_H

#include <erlrc/error.h>

/*
 * Every function here goes through libdpkg, whose error handling and
 * package database are process-global: call them from one thread only.
 * Nothing is printed and nothing exits, except that libdpkg itself
 * prints a line and exits with status 2 when it runs out of memory
 * (erlrc's own allocator aborts in that case too; see xalloc.h).
 */

/*
 * Check that S is a version a Debian package can be built with
 * ([epoch:]upstream[-revision]): what dpkg-deb --build accepts in a
 * Version field.  This is stricter than comparing: what dpkg only warns
 * about ("version number does not start with digit", "invalid character
 * in version number" or "in revision number") is an error here, and so
 * are leading or trailing blanks.  Returns 0, or -1 with err set
 * (ERLRC_ERR_INPUT) to "version 'S' has bad syntax: " and libdpkg's
 * reason.
 */
int erlrc_dpkg_version_check(const char *s, struct erlrc_error *err);

/*
 * Compare versions A and B as dpkg --compare-versions does, and set *CMP
 * to -1, 0 or 1 as A is lower than, equal to or higher than B.  Whatever
 * dpkg compares with only a warning is compared here, silently.  Unlike
 * dpkg --compare-versions, which reads "" and "<unknown>" as "no
 * version", both are refused: a caller with no old version (a fresh
 * install) has nothing to compare.  Returns 0, or -1 with err set
 * (ERLRC_ERR_INPUT) naming the first bad version, and *CMP untouched.
 */
int erlrc_dpkg_version_compare(const char *a, const char *b, int *cmp,
    struct erlrc_error *err);

/*
 * Which installed package owns PATH, an absolute path as dpkg records it
 * (e.g. "/usr/lib/erlang/lib/ssl-10.8.7/ebin/ssl.app"; trailing "/" and
 * "/." are ignored, as dpkg-query -S does), according to the dpkg
 * database at ADMINDIR (NULL: $DPKG_ADMINDIR, else libdpkg's default,
 * /var/lib/dpkg, as dpkg-query does).  The database is only read: never
 * locked, written or brought up to date (pending updates in updates/ are
 * applied in memory only).  A package owns PATH when its files list
 * names it and its status is installed, triggers-pending,
 * triggers-awaited, half-configured or unpacked; a package in any other
 * state (config-files, half-installed, not-installed) owns nothing, not
 * even its conffiles.  Diversions are not followed: the owner is the
 * package whose list names PATH, as in dpkg-query -S's package list.
 * When several packages own PATH (a directory), the first of them in the
 * order dpkg-query -S lists them, which follows where their files lists
 * happen to lie on disk: do not rely on which one it is.
 *
 * Returns 1 with *PACKAGE and *VERSION set to new strings the caller
 * frees: the package name as dpkg-query -S prints it (with ":arch" only
 * for a Multi-Arch: same package), and its installed version as
 * dpkg-query's ${Version} prints it (epoch included, when not 0).
 * Returns 0 with both set to NULL when no package owns PATH.  Returns -1
 * with both NULL and err set when PATH is not absolute (ERLRC_ERR_INPUT),
 * when ADMINDIR or its status file is missing (ERLRC_ERR_NOTFOUND, naming
 * it: libdpkg itself would read that as an empty database), or when the
 * database cannot be read or is corrupt, files lists included (libdpkg
 * then leaks its copy of a status file it could not parse).
 * Warnings libdpkg would print (a missing files list, say) are dropped.
 * Each call loads the whole database afresh and drops it before it
 * returns, so calls in a row, on one admindir or several, are
 * independent; each costs about what one dpkg-query -S does.
 */
int erlrc_dpkg_owner(const char *admindir, const char *path, char **package,
    char **version, struct erlrc_error *err);

/*
 * The architecture dpkg was built for, as dpkg --print-architecture
 * prints it ("amd64"): a static string, never NULL.
 */
const char *erlrc_dpkg_native_arch(void);

#endif
