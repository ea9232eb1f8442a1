/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tree.h - erlrc's own copies of application directories (STATE/lib) */
#ifndef ERLRC_TREE_H
#define ERLRC_TREE_H

#include <stddef.h>

#include <erlrc/error.h>

/*
 * Make LIBDIR/APP-VSN a complete copy of the application directory SRC:
 * every file and directory under it, hard links where SRC is on the same
 * file system as LIBDIR, copies otherwise (modes kept, data synced before
 * the rename); symbolic links are reproduced as they are.  The copy is
 * built in a temporary directory inside LIBDIR and renamed into place, so
 * LIBDIR/APP-VSN is either absent or complete, whatever happens.  An
 * existing LIBDIR/APP-VSN is kept as it is (it was complete when renamed
 * into place).  LIBDIR and its parents are created when missing.
 * Temporary directories left in LIBDIR by an interrupted run are removed
 * first.  *DEST gets LIBDIR/APP-VSN (a new string the caller frees).
 * Returns 0, or -1 with err set (ERLRC_ERR_NOTFOUND when SRC does not
 * exist, ERLRC_ERR_SYSTEM otherwise), nothing left behind.
 */
int erlrc_tree_copy(const char *libdir, const char *app, const char *vsn,
    const char *src, char **dest, struct erlrc_error *err);

/*
 * Remove LIBDIR/APP-VSN when it exists: renamed to a temporary name
 * first, then deleted, so an interrupted removal never leaves a partial
 * tree under the real name.  Returns 0 (also when it did not exist), or
 * -1 with err set.
 */
int erlrc_tree_remove(const char *libdir, const char *app, const char *vsn,
    struct erlrc_error *err);

/* rm -rf PATH; a missing PATH is no error.  Returns 0, or -1 with err. */
int erlrc_tree_rmrf(const char *path, struct erlrc_error *err);

/*
 * The versions of APP that LIBDIR holds (its APP-VSN directories), sorted
 * with strcmp, as an array of new strings freed with
 * erlrc_tree_free_versions.  A missing LIBDIR holds none.
 * Returns 0, or -1 with err set.
 */
int erlrc_tree_versions(const char *libdir, const char *app, char ***vsns,
    size_t *n, struct erlrc_error *err);
void erlrc_tree_free_versions(char **vsns, size_t n);

#endif
