/* SPDX-License-Identifier: GPL-2.0-or-later */
/* registry.h - the registered applications and nodes of this host */
#ifndef ERLRC_REGISTRY_H
#define ERLRC_REGISTRY_H

#include <stddef.h>

#include <erlrc/error.h>
#include <erlrc/paths.h>

/* Longest application name, node name and cookie, in bytes (atoms). */
#define ERLRC_NAME_MAX 255
#define ERLRC_COOKIE_MAX 255

/* One node of ETC/nodes.  All strings are owned by the registry. */
struct erlrc_node {
	char *name;	/* full node name, alive@host */
	char *file;	/* the file it came from, for messages */
	char *cookie;	/* never print it; zeroed when destroyed */
};

/*
 * What ETC/applications and ETC/nodes hold, each sorted by name (strcmp).
 * Fill with erlrc_registry_init, then the read functions; free with
 * erlrc_registry_destroy.
 */
struct erlrc_registry {
	char **apps;
	size_t napps;
	char **skipped;		/* why each bad application entry is left out */
	size_t nskipped;
	char **held;		/* registered with start: false */
	size_t nheld;
	struct erlrc_node *nodes;
	size_t nnodes;
};

void erlrc_registry_init(struct erlrc_registry *r);
void erlrc_registry_destroy(struct erlrc_registry *r);

/* Read ETC/applications into r->apps; a missing directory is no app. */
int erlrc_registry_read_apps(struct erlrc_registry *r,
    const struct erlrc_paths *p, struct erlrc_error *err);
/* Read ETC/nodes with their cookies into r->nodes; missing is no node. */
int erlrc_registry_read_nodes(struct erlrc_registry *r,
    const struct erlrc_paths *p, struct erlrc_error *err);

/*
 * The settings of registration file PATH (TEXT, LEN bytes): empty, or a
 * YAML mapping whose one key, start (true or false, default true), says
 * whether erlrc starts the application (on a fresh install, at boot) or
 * only manages it (copies, upgrades where it runs; erlrc-start starts
 * it).  Errors name PATH:LINE:COL.  Returns 0, or -1 with err set.
 */
int erlrc_registry_parse_app(const char *path, const char *text, size_t len,
    int *start, struct erlrc_error *err);

/* 1 when APP is registered and not held back by start: false, else 0. */
int erlrc_registry_starts(const struct erlrc_registry *r, const char *app);

/* 1 when APP is registered, else 0. */
int erlrc_registry_has_app(const struct erlrc_registry *r, const char *app);
/* The node named NAME (alive@host), or NULL. */
const struct erlrc_node *erlrc_registry_find_node(
    const struct erlrc_registry *r, const char *name);

/* 1 when NAME is an unquoted atom usable as an application name, else 0. */
int erlrc_registry_valid_app_name(const char *name);
/*
 * The one check of an application name and of a version, for what erlrc
 * is given at run time and what the build tools put into packages:
 * NAME must pass erlrc_registry_valid_app_name; VSN must be 1 to
 * ERLRC_NAME_MAX bytes, without '/' or control characters, not "." or
 * "..", as it names a directory APP-VSN.  Returns 0, or -1 with
 * ERLRC_ERR_INPUT and a message that shows the name (control characters
 * escaped) and says what is wrong.
 */
int erlrc_registry_check_app(const char *name, struct erlrc_error *err);
int erlrc_registry_check_vsn(const char *vsn, struct erlrc_error *err);
/* 1 when NAME ends in a suffix dpkg leaves behind (.dpkg-new, ...). */
int erlrc_registry_dpkg_leftover(const char *name);

/*
 * The full node name for NAME, a node file's name: "alive" becomes
 * "alive@SHORTHOST", "alive@host" stays.  *FULL is a new string.
 */
int erlrc_node_full_name(const char *name, char **full,
    struct erlrc_error *err);
/*
 * Read the cookie of a node file or --cookie-file: the first line, which
 * the file must be 0600 or stricter and owned by root or the caller.
 */
int erlrc_node_read_cookie_file(const char *path, char **cookie,
    struct erlrc_error *err);
/* Zero and free a cookie (NULL is fine). */
void erlrc_node_free_cookie(char *cookie);

#endif
