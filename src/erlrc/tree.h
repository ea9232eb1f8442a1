/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tree.h - erlrc's own copies of application directories (STATE/lib) */
#ifndef ERLRC_TREE_H
#define ERLRC_TREE_H

#include <stddef.h>

#include <erlrc/error.h>

/* The length of a copy's content id: hexadecimal digits. */
#define ERLRC_TREE_ID_LEN 16

/*
 * The content id of directory DIR: the first ERLRC_TREE_ID_LEN hex digits
 * of an MD5 over every entry under it, in name order: names, types,
 * permission bits, the bytes of files and the targets of symbolic links
 * (never times or owners).  Returns 0, or -1 with err set.
 */
int erlrc_tree_digest(const char *dir, char id[ERLRC_TREE_ID_LEN + 1],
    struct erlrc_error *err);

/*
 * erlrc's copy of the application directory SRC, tied to its content:
 * LIBDIR/APP-VSN+ID/APP-VSN, ID the content id of SRC.  The directory
 * the node uses is named APP-VSN, as the code server and the release
 * handler need; its parent names the content, so a package that changes
 * files without changing the version (a Debian revision, a security fix)
 * gets a new copy, never the stale one.  Every file and directory of SRC
 * is copied: hard links where SRC is on the same file system as LIBDIR,
 * copies otherwise (modes kept, data synced before the rename); symbolic
 * links are reproduced as they are.  The copy is built in a temporary
 * directory inside LIBDIR and renamed into place, so it is either absent
 * or complete, whatever happens; an existing copy of the same content is
 * reused.  LIBDIR and its parents are created when missing.  Temporary
 * directories left in LIBDIR by an interrupted run are removed first.
 * *DEST gets the copy's path (a new string the caller frees).  Returns
 * 0, or -1 with err set (ERLRC_ERR_NOTFOUND when SRC does not exist,
 * ERLRC_ERR_SYSTEM otherwise), nothing left behind.
 */
int erlrc_tree_copy(const char *libdir, const char *app, const char *vsn,
    const char *src, char **dest, struct erlrc_error *err);

/* Where erlrc_tree_copy would put SRC's copy, made or not (new string). */
int erlrc_tree_copy_path(const char *libdir, const char *app,
    const char *vsn, const char *src, char **dest, struct erlrc_error *err);

/*
 * The most recent copy of APP at VSN in LIBDIR (a copy made by an erlrc
 * before content ids, LIBDIR/APP-VSN, included), as a new string in
 * *DIR; NULL when there is none.  Returns 0, or -1 with err set.
 */
int erlrc_tree_find(const char *libdir, const char *app, const char *vsn,
    char **dir, struct erlrc_error *err);

/*
 * Remove LIBDIR/APP-COPY (COPY one of erlrc_tree_versions' entries) when
 * it exists: renamed to a temporary name
 * first, then deleted, so an interrupted removal never leaves a partial
 * tree under the real name.  Returns 0 (also when it did not exist), or
 * -1 with err set.
 */
int erlrc_tree_remove(const char *libdir, const char *app, const char *vsn,
    struct erlrc_error *err);

/* rm -rf PATH; a missing PATH is no error.  Returns 0, or -1 with err. */
int erlrc_tree_rmrf(const char *path, struct erlrc_error *err);

/*
 * The copies of APP that LIBDIR holds: the names of its APP-VSN+ID
 * directories (and APP-VSN, made before content ids) without "APP-",
 * sorted with strcmp, as an array of new strings freed with
 * erlrc_tree_free_versions.  A missing LIBDIR holds none.
 * Returns 0, or -1 with err set.
 */
int erlrc_tree_versions(const char *libdir, const char *app, char ***vsns,
    size_t *n, struct erlrc_error *err);
void erlrc_tree_free_versions(char **vsns, size_t n);

/*
 * The applications LIBDIR holds copies of, sorted, freed with
 * erlrc_tree_free_versions.  A missing LIBDIR holds none.
 */
int erlrc_tree_apps(const char *libdir, char ***apps, size_t *n,
    struct erlrc_error *err);

#endif
