/* SPDX-License-Identifier: GPL-2.0-or-later */
/* paths.h - where erlrc's files are: $DPKG_ROOT, $ERLRC_ROOT, $ERLRC_STATE */
#ifndef ERLRC_PATHS_H
#define ERLRC_PATHS_H

#include <sys/types.h>

#include <erlrc/error.h>

/*
 * The directories erlrc works in, from the environment.  Every string is
 * owned by the struct, absolute (or "" for root) and has no trailing '/'.
 */
struct erlrc_paths {
	char *root;	/* $DPKG_ROOT without trailing '/', "" when unset */
	char *etc;	/* $ERLRC_ROOT, else ROOT/etc/erlrc.d */
	char *state;	/* $ERLRC_STATE, else ROOT/var/lib/erlrc */
};

#define ERLRC_PATHS_INIT { NULL, NULL, NULL }

/* Fill p from DPKG_ROOT, ERLRC_ROOT and ERLRC_STATE. */
int erlrc_paths_init(struct erlrc_paths *p, struct erlrc_error *err);
void erlrc_paths_destroy(struct erlrc_paths *p);

/* ROOT + PATH: a path of the target system as seen from here (new string). */
char *erlrc_paths_target(const struct erlrc_paths *p, const char *path);

/*
 * The files and directories erlrc uses, as new strings the caller frees:
 * ETC/erlrc.yaml, ETC/applications, ETC/nodes, STATE/lib (erlrc's copies
 * of the versions it started) and STATE/lock (one erlrc run at a time).
 */
char *erlrc_paths_config_file(const struct erlrc_paths *p);
char *erlrc_paths_apps_dir(const struct erlrc_paths *p);
char *erlrc_paths_nodes_dir(const struct erlrc_paths *p);
char *erlrc_paths_lib_dir(const struct erlrc_paths *p);
char *erlrc_paths_lock_file(const struct erlrc_paths *p);

/* mkdir -p PATH with MODE.  Returns 0, or -1 with err set. */
int erlrc_paths_mkdirs(const char *path, mode_t mode,
    struct erlrc_error *err);

#endif
