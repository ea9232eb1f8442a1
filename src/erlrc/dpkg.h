/* dpkg.h - Debian versions, checked and compared by libdpkg */
#ifndef ERLRC_DPKG_H
#define ERLRC_DPKG_H

#include <erlrc/error.h>

/*
 * Every function here goes through libdpkg, whose error handling is
 * process-global: call them from one thread only.  Nothing is printed
 * and nothing exits, except that libdpkg itself prints a line and exits
 * with status 2 when it runs out of memory (erlrc's own allocator aborts
 * in that case too; see xalloc.h).
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

#endif
