/* SPDX-License-Identifier: GPL-2.0-or-later */
/* paths.c - where erlrc's files are: $DPKG_ROOT, $ERLRC_ROOT, $ERLRC_STATE */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <erlrc/paths.h>
#include <erlrc/xalloc.h>

/*
 * Read an optional absolute directory from the environment into *out
 * without its trailing slashes ("/" stays "/" unless KEEP_ROOT is 0, for
 * DPKG_ROOT where "/" means no prefix).  Unset or empty leaves *out NULL.
 */
static int
getenv_dir(const char *var, int keep_root, char **out,
    struct erlrc_error *err)
{
	const char *v = getenv(var);
	size_t len;

	*out = NULL;
	if (!v || !*v)
		return 0;
	if (v[0] != '/')
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "%s: expected an absolute path, got '%s'", var, v);
	len = strlen(v);
	while (len > (keep_root ? 1u : 0u) && v[len - 1] == '/')
		len--;
	*out = erlrc_xstrndup(v, len);
	return 0;
}

/*
 * erlrc_paths_init - fill P from the environment: DPKG_ROOT (the prefix of
 * the target system, as dpkg --root exports it), ERLRC_ROOT (the
 * configuration directory, default ROOT/etc/erlrc.d) and ERLRC_STATE (the
 * state directory, default ROOT/var/lib/erlrc).  Unset and empty are the
 * same.  Release P with erlrc_paths_destroy.  Returns 0, or -1 with
 * ERLRC_ERR_INPUT naming the variable when a value is not absolute (P is
 * then empty but safe to destroy).
 */
int
erlrc_paths_init(struct erlrc_paths *p, struct erlrc_error *err)
{
	char *root = NULL, *etc = NULL, *state = NULL;

	p->root = p->etc = p->state = NULL;
	if (getenv_dir("DPKG_ROOT", 0, &root, err) < 0 ||
	    getenv_dir("ERLRC_ROOT", 1, &etc, err) < 0 ||
	    getenv_dir("ERLRC_STATE", 1, &state, err) < 0) {
		free(root);
		free(etc);
		free(state);
		return -1;
	}
	if (!root)
		root = erlrc_xstrdup("");
	if (!etc)
		etc = erlrc_xasprintf("%s/etc/erlrc.d", root);
	if (!state)
		state = erlrc_xasprintf("%s/var/lib/erlrc", root);
	p->root = root;
	p->etc = etc;
	p->state = state;
	return 0;
}

/* erlrc_paths_destroy - free the strings of P; P may be initialized again. */
void
erlrc_paths_destroy(struct erlrc_paths *p)
{
	free(p->root);
	free(p->etc);
	free(p->state);
	p->root = p->etc = p->state = NULL;
}

/*
 * erlrc_paths_target - the file that PATH, a path on the target system
 * (such as a lib_dirs entry), names from here: ROOT + PATH.  Returns a new
 * string the caller frees.
 */
char *
erlrc_paths_target(const struct erlrc_paths *p, const char *path)
{
	if (!*p->root)
		return erlrc_xstrdup(path);
	return erlrc_xasprintf("%s%s%s", p->root, path[0] == '/' ? "" : "/",
	    path);
}

/* erlrc_paths_config_file - ETC/erlrc.yaml, a new string. */
char *
erlrc_paths_config_file(const struct erlrc_paths *p)
{
	return erlrc_xpathjoin(p->etc, "erlrc.yaml");
}

/* erlrc_paths_apps_dir - ETC/applications, a new string. */
char *
erlrc_paths_apps_dir(const struct erlrc_paths *p)
{
	return erlrc_xpathjoin(p->etc, "applications");
}

/* erlrc_paths_nodes_dir - ETC/nodes, a new string. */
char *
erlrc_paths_nodes_dir(const struct erlrc_paths *p)
{
	return erlrc_xpathjoin(p->etc, "nodes");
}

/* erlrc_paths_lib_dir - STATE/lib, where erlrc keeps its copies of the
 * application versions it started; a new string. */
char *
erlrc_paths_lib_dir(const struct erlrc_paths *p)
{
	return erlrc_xpathjoin(p->state, "lib");
}

/* erlrc_paths_lock_file - STATE/lock, held by one erlrc run at a time on
 * this host; a new string. */
char *
erlrc_paths_lock_file(const struct erlrc_paths *p)
{
	return erlrc_xpathjoin(p->state, "lock");
}

/*
 * erlrc_paths_mkdirs - create directory PATH and its missing parents with
 * MODE (less the umask), as mkdir -p does.  An existing directory, or a
 * symbolic link to one, is fine.  A non-directory in the way of a parent
 * is an error: mkdir(2) of the component below it fails with ENOTDIR,
 * and the message names that path.  PATH itself is not checked: when it
 * exists but is not a directory this returns 0, and the caller's next use
 * of it reports that (a lock file's parent, say, in the open error).
 * Returns 0, or -1 with err naming the directory that could not be made.
 */
int
erlrc_paths_mkdirs(const char *path, mode_t mode, struct erlrc_error *err)
{
	char *p = erlrc_xstrdup(path), *s;
	struct stat st;
	int ret = -1;

	if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
		ret = 0;
		goto out;
	}
	/* each '/' after the first component, then the end, in turn */
	for (s = p; *s == '/'; s++)
		;
	for (;; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			erlrc_error_errno(err, "cannot create directory '%s'",
			    p);
			goto out;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	ret = 0;
out:
	free(p);
	return ret;
}
