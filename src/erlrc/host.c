/* SPDX-License-Identifier: GPL-2.0-or-later */
/* host.c - this host as an erlrc program sees it, and the nodes it acts on */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/app.h>
#include <erlrc/host.h>
#include <erlrc/tree.h>
#include <erlrc/xalloc.h>

/* The nodes of --node, with the cookie of --cookie-file or the registry. */
static int
named_targets(struct erlrc_host *h, struct erlrc_error *err)
{
	const struct erlrc_host_opts *o = h->opts;
	const struct erlrc_node *reg;
	struct erlrc_target *t;
	char *dir;
	size_t i;

	h->targets = erlrc_xcalloc(o->nnodes, sizeof(*h->targets));
	for (i = 0; i < o->nnodes; i++) {
		t = &h->targets[h->ntargets++];
		if (erlrc_node_full_name(o->nodes[i], &t->name, err) < 0) {
			erlrc_error_prefix(err, "--node '%s'", o->nodes[i]);
			return -1;
		}
		if (o->cookie_file) {
			if (erlrc_node_read_cookie_file(o->cookie_file,
			    &t->cookie, err) < 0)
				return -1;
			continue;
		}
		reg = erlrc_registry_find_node(&h->reg, t->name);
		if (!reg) {
			dir = erlrc_paths_nodes_dir(&h->paths);
			erlrc_error_set(err, ERLRC_ERR_INPUT, "node '%s' is "
			    "not registered in %s: give its cookie with "
			    "--cookie-file", t->name, dir);
			free(dir);
			return -1;
		}
		t->cookie = erlrc_xstrdup(reg->cookie);
	}
	return 0;
}

/* erlrc_host_open - see host.h. */
int
erlrc_host_open(struct erlrc_host *h, const struct erlrc_host_opts *opts,
    struct erlrc_error *err)
{
	char *file;
	size_t i;
	int ret;

	memset(h, 0, sizeof(*h));
	h->opts = opts;
	h->lock.fd = -1;
	erlrc_config_init(&h->cfg);
	erlrc_registry_init(&h->reg);
	if (erlrc_paths_init(&h->paths, err) < 0)
		return -1;
	h->libdir = erlrc_paths_lib_dir(&h->paths);
	file = erlrc_paths_config_file(&h->paths);
	ret = erlrc_config_read(&h->cfg, file, err);
	free(file);
	if (ret < 0 || erlrc_registry_read_apps(&h->reg, &h->paths, err) < 0)
		return -1;
	for (i = 0; i < h->reg.nskipped; i++)
		erlrc_log(opts->log, ERLRC_LOG_WARNING, "%s: left out, as if "
		    "not registered", h->reg.skipped[i]);
	h->timeout_ms = opts->timeout_ms ? opts->timeout_ms :
	    h->cfg.timeout_ms;
	if (opts->cookie_file && !opts->nnodes)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "--cookie-file "
		    "is the cookie of the --node nodes: give --node too");
	if (opts->no_nodes)
		return 0;
	/* with --cookie-file, the registry's cookies are not needed */
	if (!(opts->nnodes && opts->cookie_file) &&
	    erlrc_registry_read_nodes(&h->reg, &h->paths, err) < 0)
		return -1;
	if (opts->nnodes) {
		if (named_targets(h, err) < 0)
			return -1;
	} else {
		h->all_nodes = 1;
		h->targets = erlrc_xcalloc(h->reg.nnodes + 1,
		    sizeof(*h->targets));
		for (i = 0; i < h->reg.nnodes; i++) {
			h->targets[i].name = erlrc_xstrdup(h->reg.nodes[i].name);
			h->targets[i].cookie =
			    erlrc_xstrdup(h->reg.nodes[i].cookie);
		}
		h->ntargets = h->reg.nnodes;
	}
	return 0;
}

/* erlrc_host_lock - see host.h. */
int
erlrc_host_lock(struct erlrc_host *h, struct erlrc_error *err)
{
	char *file = erlrc_paths_lock_file(&h->paths);
	int ret;

	ret = erlrc_lock_take(&h->lock, file, h->cfg.lock_timeout_ms, err);
	free(file);
	return ret;
}

/* erlrc_host_close - see host.h. */
void
erlrc_host_close(struct erlrc_host *h)
{
	size_t i;

	erlrc_lock_release(&h->lock);
	for (i = 0; i < h->ntargets; i++) {
		free(h->targets[i].name);
		erlrc_node_free_cookie(h->targets[i].cookie);
	}
	free(h->targets);
	free(h->libdir);
	erlrc_registry_destroy(&h->reg);
	erlrc_config_destroy(&h->cfg);
	erlrc_paths_destroy(&h->paths);
	memset(h, 0, sizeof(*h));
	h->lock.fd = -1;
}

/* erlrc_host_check_args - see host.h. */
int
erlrc_host_check_args(const char *app, const char *vsn,
    struct erlrc_error *err)
{
	if (erlrc_registry_check_app(app, err) < 0 ||
	    erlrc_registry_check_vsn(vsn, err) < 0)
		return -1;
	return 0;
}

/* erlrc_host_scan_libs - see host.h. */
int
erlrc_host_scan_libs(const struct erlrc_host *h, struct erlrc_libdirs *libs,
    struct erlrc_error *err)
{
	const struct erlrc_host_opts *o = h->opts;
	char *dir;
	size_t i;
	int ret;

	for (i = 0; i < o->nlib_dirs; i++)
		if (erlrc_libdirs_scan(libs, o->lib_dirs[i], err) < 0)
			return -1;
	for (i = 0; !o->nlib_dirs && i < h->cfg.nlib_dirs; i++) {
		dir = erlrc_paths_target(&h->paths, h->cfg.lib_dirs[i]);
		ret = erlrc_libdirs_scan(libs, dir, err);
		free(dir);
		if (ret < 0)
			return -1;
	}
	return 0;
}

/* Does DIR hold APP at version VSN (ebin/APP.app says so)? */
static int
holds(const char *dir, const char *app, const char *vsn)
{
	struct erlrc_error ignored = ERLRC_ERROR_INIT;
	struct erlrc_app a;
	int ret = 0;

	erlrc_app_init(&a);
	if (erlrc_app_read_dir(&a, dir, app, &ignored) == 0)
		ret = strcmp(a.vsn, vsn) == 0;
	erlrc_app_destroy(&a);
	return ret;
}

/* erlrc_host_find_app - see host.h. */
int
erlrc_host_find_app(const struct erlrc_host *h, const char *app,
    const char *vsn, char **dir, struct erlrc_error *err)
{
	const struct erlrc_host_opts *o = h->opts;
	char *name = erlrc_xasprintf("%s-%s", app, vsn), *lib, *where;
	size_t i, n = o->nlib_dirs ? o->nlib_dirs : h->cfg.nlib_dirs;
	int ret;

	for (i = 0; i < n; i++) {
		lib = o->nlib_dirs ? erlrc_xstrdup(o->lib_dirs[i]) :
		    erlrc_paths_target(&h->paths, h->cfg.lib_dirs[i]);
		*dir = erlrc_xpathjoin(lib, name);
		if (holds(*dir, app, vsn)) {
			free(lib);
			goto found;
		}
		free(*dir);
		/* a directory not named after it: the .app decides */
		ret = erlrc_libdirs_lookup(lib, app, vsn, dir, err);
		free(lib);
		if (ret < 0) {
			free(name);
			return -1;
		}
		if (*dir)
			goto found;
	}
	/* dpkg may have removed it: the copy a node runs holds it too */
	if (erlrc_tree_find(h->libdir, app, vsn, dir, err) < 0) {
		free(name);
		return -1;
	}
	if (*dir && holds(*dir, app, vsn))
		goto found;
	free(*dir);
	*dir = NULL;
	where = erlrc_xstrdup(h->libdir);
	for (i = n; i-- > 0;) {
		lib = o->nlib_dirs ? erlrc_xstrdup(o->lib_dirs[i]) :
		    erlrc_paths_target(&h->paths, h->cfg.lib_dirs[i]);
		*dir = erlrc_xasprintf("%s, %s", lib, where);
		free(lib);
		free(where);
		where = *dir;
	}
	*dir = NULL;
	erlrc_error_set(err, ERLRC_ERR_NOTFOUND, "%s %s is not installed: no "
	    "ebin/%s.app with vsn \"%s\" in %s", app, vsn, app, vsn, where);
	free(where);
	free(name);
	return -1;
found:
	free(name);
	return 0;
}

/* erlrc_host_plan - see host.h. */
int
erlrc_host_plan(const struct erlrc_host *h, const char *app,
    const char *vsn, struct erlrc_libdirs *libs, struct erlrc_order *o,
    struct erlrc_error *err)
{
	char *dir = NULL;
	int ret = -1;

	if (erlrc_host_scan_libs(h, libs, err) < 0 ||
	    erlrc_host_find_app(h, app, vsn, &dir, err) < 0 ||
	    erlrc_libdirs_pin(libs, app, dir, err) < 0 ||
	    erlrc_order_compute(o, libs, &app, 1, err) < 0)
		goto out;
	ret = 0;
out:
	free(dir);
	return ret;
}

/* The version of a copy's name: VSN of VSN+ID (a static buffer). */
static const char *
copy_vsn(const char *copy)
{
	static char vsn[256];
	const char *plus = strrchr(copy, '+');
	size_t len = plus && strlen(plus + 1) == ERLRC_TREE_ID_LEN ?
	    (size_t)(plus - copy) : strlen(copy);

	snprintf(vsn, sizeof(vsn), "%.*s", (int)len, copy);
	return vsn;
}

static int
named(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

/* erlrc_host_forget - see host.h. */
int
erlrc_host_forget(const struct erlrc_host *h, const char *const *in_use,
    size_t nin_use, const struct erlrc_log *log, struct erlrc_error *err)
{
	char **apps = NULL, **vsns = NULL, *entry;
	size_t i, j, napps = 0, n = 0;
	int used, ret;

	ret = erlrc_tree_apps(h->libdir, &apps, &napps, err);
	for (i = 0; i < napps && ret == 0; i++) {
		if (erlrc_tree_versions(h->libdir, apps[i], &vsns, &n,
		    err) < 0) {
			ret = -1;
			break;
		}
		for (j = 0; j < n && ret == 0; j++) {
			entry = erlrc_xasprintf("%s-%s", apps[i], vsns[j]);
			used = named(in_use, nin_use, entry);
			free(entry);
			if (used)
				continue;
			ret = erlrc_tree_remove(h->libdir, apps[i], vsns[j],
			    err);
			if (ret == 0)
				erlrc_log(log, ERLRC_LOG_NOTICE, "removed "
				    "erlrc's copy of %s %s: no node uses it",
				    apps[i], copy_vsn(vsns[j]));
		}
		erlrc_tree_free_versions(vsns, n);
		vsns = NULL;
		n = 0;
	}
	erlrc_tree_free_versions(apps, napps);
	return ret;
}
