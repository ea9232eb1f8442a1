/* SPDX-License-Identifier: GPL-2.0-or-later */
/* live.c - the applications of one running node, and acting on them */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/buf.h>
#include <erlrc/live.h>
#include <erlrc/tree.h>
#include <erlrc/xalloc.h>

#define NONE ERLRC_STRMAP_NONE

/*
 * Encode an argument list: one character of SPEC per argument, 'a' an
 * atom (const char *), 's' a string (const char *), 'n' a list of atoms
 * (const struct erlrc_names *), 't' a term (const struct erlrc_term *).
 */
static int
encode_args(ei_x_buff *x, const char *spec, va_list ap,
    struct erlrc_error *err)
{
	const struct erlrc_names *names;
	size_t i, n = strlen(spec);
	int r = ei_x_new(x);

	if (n)
		r |= ei_x_encode_list_header(x, (long)n);
	for (; *spec; spec++) {
		switch (*spec) {
		case 'a':
			r |= ei_x_encode_atom_as(x, va_arg(ap, const char *),
			    ERLANG_UTF8, ERLANG_UTF8);
			break;
		case 's':
			r |= ei_x_encode_string(x, va_arg(ap, const char *));
			break;
		case 'n':
			names = va_arg(ap, const struct erlrc_names *);
			if (names->n)
				r |= ei_x_encode_list_header(x,
				    (long)names->n);
			for (i = 0; i < names->n; i++)
				r |= ei_x_encode_atom_as(x, names->v[i],
				    ERLANG_UTF8, ERLANG_UTF8);
			r |= ei_x_encode_empty_list(x);
			break;
		case 't':
			if (erlrc_term_encode(x, va_arg(ap,
			    const struct erlrc_term *), err) < 0)
				return -1;
			break;
		default:
			abort();
		}
	}
	r |= ei_x_encode_empty_list(x);
	if (r)
		erlrc_xoom();
	return 0;
}

static int
vcall(struct erlrc_live *l, struct erlrc_term **reply,
    struct erlrc_error *err, const char *mod, const char *fun,
    const char *spec, va_list ap)
{
	ei_x_buff x;
	int ret = -1;

	if (encode_args(&x, spec, ap, err) == 0)
		ret = erlrc_node_call(&l->conn, mod, fun, &x, &l->tf, reply,
		    err);
	ei_x_free(&x);
	return ret;
}

/* Call MOD:FUN with the arguments SPEC describes (see encode_args). */
static int
call(struct erlrc_live *l, struct erlrc_term **reply,
    struct erlrc_error *err, const char *mod, const char *fun,
    const char *spec, ...)
{
	va_list ap;
	int ret;

	va_start(ap, spec);
	ret = vcall(l, reply, err, mod, fun, spec, ap);
	va_end(ap);
	return ret;
}

/* erlrc_live_call - see live.h. */
int
erlrc_live_call(struct erlrc_live *l, struct erlrc_term **reply,
    struct erlrc_error *err, const char *mod, const char *fun,
    const char *spec, ...)
{
	va_list ap;
	int ret;

	va_start(ap, spec);
	ret = vcall(l, reply, err, mod, fun, spec, ap);
	va_end(ap);
	return ret;
}

/* erlrc_live_text - see live.h. */
const char *
erlrc_live_text(struct erlrc_live *l, const struct erlrc_term *t)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char *s;

	erlrc_term_write(&b, t);
	s = erlrc_termfile_alloc(&l->tf, b.len + 1);
	memcpy(s, erlrc_buf_str(&b), b.len + 1);
	erlrc_buf_destroy(&b);
	return s;
}

/* The string T as UTF-8 in the node's arena, or NULL if not a string. */
static const char *
string(struct erlrc_live *l, const struct erlrc_term *t)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char *s = NULL;

	if (erlrc_term_string(t, &b)) {
		s = erlrc_termfile_alloc(&l->tf, b.len + 1);
		memcpy(s, erlrc_buf_str(&b), b.len + 1);
	}
	erlrc_buf_destroy(&b);
	return s;
}

static int
unexpected(struct erlrc_live *l, const char *what,
    const struct erlrc_term *t, struct erlrc_error *err)
{
	return erlrc_error_set(err, ERLRC_ERR_FAILED, "unexpected reply to "
	    "%s: %s", what, erlrc_live_text(l, t));
}

/* The entry of NAME, added when unknown. */
static struct erlrc_live_app *
app_entry(struct erlrc_live *l, const char *name)
{
	size_t i = erlrc_strmap_get(&l->index, name);
	char *copy;

	if (i != NONE)
		return &l->apps[i];
	copy = erlrc_termfile_alloc(&l->tf, strlen(name) + 1);
	strcpy(copy, name);
	l->apps = erlrc_xgrow(l->apps, &l->cap, l->napps, sizeof(*l->apps));
	memset(&l->apps[l->napps], 0, sizeof(l->apps[l->napps]));
	l->apps[l->napps].name = copy;
	erlrc_strmap_put(&l->index, copy, l->napps);
	return &l->apps[l->napps++];
}

static const struct erlrc_live_app *
find(const struct erlrc_live *l, const char *name)
{
	size_t i = erlrc_strmap_get(&l->index, name);

	return i == NONE ? NULL : &l->apps[i];
}

/*
 * Read the reply of which_applications or loaded_applications: a list of
 * {Name, Description, Vsn}.  RUNNING says which it was.
 */
static int
read_apps(struct erlrc_live *l, const char *fun, int running,
    struct erlrc_error *err)
{
	struct erlrc_term *reply, *t;
	struct erlrc_live_app *a;
	const char *vsn;
	long i, n;

	if (call(l, &reply, err, "application", fun, "") < 0)
		return -1;
	n = erlrc_term_list_length(reply);
	if (n < 0)
		return unexpected(l, fun, reply, err);
	for (i = 0; i < n; i++) {
		t = erlrc_term_nth(&l->tf, reply, (size_t)i);
		if (!erlrc_term_is_tagged(t, NULL, 3) ||
		    t->u.seq.v[0]->type != ERLRC_TERM_ATOM ||
		    !(vsn = string(l, t->u.seq.v[2])))
			return unexpected(l, fun, reply, err);
		a = app_entry(l, t->u.seq.v[0]->u.text.s);
		a->vsn = vsn;
		if (running)
			a->running = 1;
	}
	return 0;
}

/* erlrc_live_refresh - see live.h. */
int
erlrc_live_refresh(struct erlrc_live *l, struct erlrc_error *err)
{
	size_t i;

	for (i = 0; i < l->napps; i++)
		l->apps[i].running = 0;
	return read_apps(l, "which_applications", 1, err);
}

/* erlrc_live_open - see live.h. */
int
erlrc_live_open(struct erlrc_live *l, const char *node, const char *cookie,
    unsigned timeout_ms, const struct erlrc_log *log,
    struct erlrc_error *err)
{
	memset(l, 0, sizeof(*l));
	l->conn.fd = -1;
	l->log = log;
	l->embedded = -1;
	erlrc_termfile_init(&l->tf);
	erlrc_strmap_init(&l->index);
	if (erlrc_node_connect(&l->conn, node, cookie, timeout_ms, err) < 0)
		return -1;
	return read_apps(l, "which_applications", 1, err);
}

/* erlrc_live_close - see live.h. */
void
erlrc_live_close(struct erlrc_live *l)
{
	erlrc_node_close(&l->conn);
	erlrc_strmap_destroy(&l->index);
	free(l->apps);
	erlrc_termfile_destroy(&l->tf);
	l->apps = NULL;
	l->napps = l->cap = 0;
}

const char *
erlrc_live_node(const struct erlrc_live *l)
{
	return l->conn.node;
}

int
erlrc_live_connected(const struct erlrc_live *l)
{
	return l->conn.fd >= 0;
}

/* erlrc_live_running - see live.h. */
const char *
erlrc_live_running(const struct erlrc_live *l, const char *app)
{
	const struct erlrc_live_app *a = find(l, app);

	return a && a->running ? a->vsn : NULL;
}

/* erlrc_live_loaded - see live.h. */
int
erlrc_live_loaded(struct erlrc_live *l, const char *app, const char **vsn,
    struct erlrc_error *err)
{
	const struct erlrc_live_app *a;

	if (!l->have_loaded) {
		if (read_apps(l, "loaded_applications", 0, err) < 0)
			return -1;
		l->have_loaded = 1;
	}
	a = find(l, app);
	*vsn = a ? a->vsn : NULL;
	return 0;
}

/* erlrc_live_included - see live.h. */
int
erlrc_live_included(struct erlrc_live *l, const char *app,
    const struct erlrc_term **list, struct erlrc_error *err)
{
	struct erlrc_term *reply;
	long i, n;

	if (call(l, &reply, err, "application", "get_key", "aa", app,
	    "included_applications") < 0)
		return -1;
	if (erlrc_term_is_atom(reply, "undefined")) {
		*list = erlrc_term_new_seq(&l->tf, ERLRC_TERM_NIL, 0);
		return 0;
	}
	if (!erlrc_term_is_tagged(reply, "ok", 2))
		return unexpected(l, "application:get_key/2", reply, err);
	*list = reply->u.seq.v[1];
	n = erlrc_term_list_length(*list);
	if (n < 0)
		return unexpected(l, "application:get_key/2", reply, err);
	for (i = 0; i < n; i++)
		if (erlrc_term_nth(&l->tf, *list, (size_t)i)->type !=
		    ERLRC_TERM_ATOM)
			return unexpected(l, "application:get_key/2", reply,
			    err);
	return 0;
}

/* erlrc_live_needed_by - see live.h. */
int
erlrc_live_needed_by(struct erlrc_live *l, const char *app,
    const char **user, struct erlrc_error *err)
{
	struct erlrc_term *reply, *deps;
	size_t i;
	long j, n;

	*user = NULL;
	for (i = 0; i < l->napps && !*user; i++) {
		if (!l->apps[i].running || strcmp(l->apps[i].name, app) == 0)
			continue;
		if (call(l, &reply, err, "application", "get_key", "aa",
		    l->apps[i].name, "applications") < 0)
			return -1;
		if (!erlrc_term_is_tagged(reply, "ok", 2))
			continue;
		deps = reply->u.seq.v[1];
		n = erlrc_term_list_length(deps);
		for (j = 0; j < n; j++)
			if (erlrc_term_is_atom(erlrc_term_nth(&l->tf, deps,
			    (size_t)j), app))
				*user = l->apps[i].name;
	}
	return 0;
}

/* Does the applications list DEPS name APP? */
static int
lists_app(const struct erlrc_term *deps, const char *app)
{
	size_t i;

	for (i = 0; deps && deps->type == ERLRC_TERM_LIST && i < deps->u.seq.n;
	    i++)
		if (erlrc_term_is_atom(deps->u.seq.v[i], app))
			return 1;
	return 0;
}

/* erlrc_live_dependents - see live.h. */
int
erlrc_live_dependents(struct erlrc_live *l, const char *app,
    const char ***apps, size_t *n, struct erlrc_error *err)
{
	const struct erlrc_term **deps;
	struct erlrc_term *reply;
	char *in, *placed;
	size_t i, j, k;
	int grew, ret = -1;

	*apps = erlrc_xcalloc(l->napps + 1, sizeof(**apps));
	*n = 0;
	deps = erlrc_xcalloc(l->napps + 1, sizeof(*deps));
	in = erlrc_xcalloc(l->napps + 1, 1);
	placed = erlrc_xcalloc(l->napps + 1, 1);
	for (i = 0; i < l->napps; i++) {
		if (!l->apps[i].running || strcmp(l->apps[i].name, app) == 0)
			continue;
		if (call(l, &reply, err, "application", "get_key", "aa",
		    l->apps[i].name, "applications") < 0)
			goto out;
		if (erlrc_term_is_tagged(reply, "ok", 2))
			deps[i] = reply->u.seq.v[1];
	}
	/* who depends on APP, or on one who does */
	do {
		grew = 0;
		for (i = 0; i < l->napps; i++) {
			if (in[i] || !deps[i])
				continue;
			in[i] = lists_app(deps[i], app);
			for (j = 0; j < l->napps && !in[i]; j++)
				in[i] = in[j] && lists_app(deps[i],
				    l->apps[j].name);
			grew |= in[i];
		}
	} while (grew);
	/* each after those of the set it depends on */
	do {
		grew = 0;
		for (i = 0; i < l->napps; i++) {
			if (!in[i] || placed[i])
				continue;
			for (k = 0; k < l->napps; k++)
				if (in[k] && !placed[k] && k != i &&
				    lists_app(deps[i], l->apps[k].name))
					break;
			if (k < l->napps)
				continue;
			placed[i] = 1;
			(*apps)[(*n)++] = l->apps[i].name;
			grew = 1;
		}
	} while (grew);
	ret = 0;
out:
	free(deps);
	free(in);
	free(placed);
	return ret;
}

/* erlrc_live_includer - see live.h. */
int
erlrc_live_includer(struct erlrc_live *l, const char *app,
    const char **includer, struct erlrc_error *err)
{
	const struct erlrc_live_app *a;
	const struct erlrc_term *inc;
	const char *runner;
	size_t i, j, n = l->napps;

	if (!l->have_includers) {
		for (i = 0; i < n; i++) {
			if (!l->apps[i].running)
				continue;
			runner = l->apps[i].name;
			if (erlrc_live_included(l, runner, &inc, err) < 0)
				return -1;
			for (j = 0; j < (size_t)erlrc_term_list_length(inc);
			    j++)
				app_entry(l, erlrc_term_nth(&l->tf, inc,
				    j)->u.text.s)->includer = runner;
		}
		l->have_includers = 1;
	}
	a = find(l, app);
	*includer = a ? a->includer : NULL;
	return 0;
}

/*
 * Another version of a member may still be loaded (stopped with
 * --no-unload): unload it, modules included, or its old code would run.
 */
static int
unload_other_versions(struct erlrc_live *l,
    const struct erlrc_order_item *item, struct erlrc_error *err)
{
	const char *vsn;
	size_t i;

	for (i = 0; i < item->nmembers; i++) {
		if (erlrc_live_loaded(l, item->members[i].name, &vsn, err) < 0)
			return -1;
		if (vsn && strcmp(vsn, item->members[i].vsn) != 0 &&
		    erlrc_live_unload(l, item->members[i].name, err) < 0)
			return -1;
	}
	return 0;
}

/* Load the .app of ITEM, which loads what it includes. */
static int
load(struct erlrc_live *l, const struct erlrc_order_item *item,
    struct erlrc_error *err)
{
	struct erlrc_term *reply;
	const char *vsn;

	if (erlrc_live_loaded(l, item->name, &vsn, err) < 0)
		return -1;
	if (vsn)
		return 0;	/* at this version: see unload_other_versions */
	if (call(l, &reply, err, "application", "load", "a", item->name) < 0)
		return -1;
	if (erlrc_term_is_atom(reply, "ok") ||
	    (erlrc_term_is_tagged(reply, "error", 2) &&
	    erlrc_term_is_tagged(reply->u.seq.v[1], "already_loaded", 2)))
		return 0;
	return erlrc_error_set(err, ERLRC_ERR_FAILED, "cannot load %s %s: "
	    "%s", item->name, item->vsn, erlrc_live_text(l, reply));
}

/* In embedded mode nothing loads on demand: load every module now. */
static int
load_modules(struct erlrc_live *l, const struct erlrc_order_item *item,
    struct erlrc_error *err)
{
	struct erlrc_term *reply;
	size_t i;

	if (l->embedded < 0) {
		if (call(l, &reply, err, "code", "get_mode", "") < 0)
			return -1;
		l->embedded = erlrc_term_is_atom(reply, "embedded");
	}
	if (!l->embedded)
		return 0;
	for (i = 0; i < item->nmembers; i++) {
		if (call(l, &reply, err, "code", "ensure_modules_loaded", "n",
		    &item->members[i].app->modules) < 0)
			return -1;
		if (!erlrc_term_is_atom(reply, "ok"))
			return erlrc_error_set(err, ERLRC_ERR_FAILED,
			    "cannot load the modules of %s %s: %s",
			    item->members[i].name, item->members[i].vsn,
			    erlrc_live_text(l, reply));
	}
	return 0;
}

/* Is DIR's last component APP or APP-something? */
static int
named_after(const char *dir, const char *app)
{
	const char *base = strrchr(dir, '/');
	size_t len = strlen(app);

	base = base ? base + 1 : dir;
	return strncmp(base, app, len) == 0 &&
	    (base[len] == '\0' || base[len] == '-');
}

/* erlrc_live_use_dir - see live.h. */
int
erlrc_live_use_dir(struct erlrc_live *l, const char *libdir,
    const char *app, const char *vsn, const char *dir, int copy,
    struct erlrc_error *err)
{
	struct erlrc_term *reply;
	char *dest = NULL, *ebin;
	int ret;

	if (copy && erlrc_tree_copy(libdir, app, vsn, dir, &dest, err) < 0)
		return -1;
	ebin = erlrc_xpathjoin(dest ? dest : dir, "ebin");
	/* replace_path takes only a directory named APP or APP-VSN: one
	 * named otherwise (Debian's p1_tls-1.1.16 for fast_tls) goes first */
	if (dest || named_after(dir, app))
		ret = call(l, &reply, err, "code", "replace_path", "as", app,
		    ebin);
	else
		ret = call(l, &reply, err, "code", "add_patha", "s", ebin);
	free(dest);
	if (ret == 0 && !erlrc_term_is_atom(reply, "true"))
		ret = erlrc_error_set(err, ERLRC_ERR_FAILED, "cannot put %s "
		    "in the code path: %s", ebin, erlrc_live_text(l, reply));
	free(ebin);
	return ret;
}

/*
 * Point the code path of each member at its directory: erlrc's copy for
 * the applications whose packages call erlrc (registered), where their
 * package put them for the others.
 */
static int
use_tree(struct erlrc_live *l, const char *libdir,
    const struct erlrc_registry *reg, const struct erlrc_order_item *item,
    struct erlrc_error *err)
{
	const struct erlrc_order_app *m;
	size_t i;

	for (i = 0; i < item->nmembers; i++) {
		m = &item->members[i];
		if (erlrc_live_use_dir(l, libdir, m->name, m->vsn, m->dir,
		    erlrc_registry_has_app(reg, m->name), err) < 0)
			return -1;
	}
	return 0;
}

/* How long a node that lost the connection may take to stop. */
#define STOP_WAIT_MS 5000

/*
 * A step of ITEM's start failed with err: when the connection went, say
 * which application was starting, and whether the node stopped (an
 * application whose start calls init:stop/0 or halt/1, as yaws does
 * without its configuration).  Returns -1.
 */
static int
lost_starting(struct erlrc_live *l, const struct erlrc_order_item *item,
    struct erlrc_error *err)
{
	struct erlrc_error was = *err;

	if (erlrc_live_connected(l))
		return -1;
	if (erlrc_node_stopped(erlrc_live_node(l), STOP_WAIT_MS))
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "the node "
		    "stopped while %s %s was starting (%s): its start stopped "
		    "the node, with init:stop/0 or halt/1 (yaws does so "
		    "without its configuration), or crashed the VM.  The node "
		    "and every application on it are down.  Make %s start "
		    "(its configuration; see the node's log), or install what "
		    "needs it without starting it ('start: false' in the "
		    "package's spec, or in its file in "
		    "/etc/erlrc.d/applications), then start the node again",
		    item->name, item->vsn, was.msg, item->name);
	erlrc_error_prefix(err, "starting %s %s", item->name, item->vsn);
	return -1;
}

/* erlrc_live_start - see live.h. */
int
erlrc_live_start(struct erlrc_live *l, const char *libdir,
    const struct erlrc_registry *reg, const struct erlrc_order_item *item,
    enum erlrc_start_type type, struct erlrc_error *err)
{
	struct erlrc_live_app *a;
	struct erlrc_term *reply;
	size_t i;

	if (unload_other_versions(l, item, err) < 0 ||
	    use_tree(l, libdir, reg, item, err) < 0 ||
	    load(l, item, err) < 0 || load_modules(l, item, err) < 0 ||
	    call(l, &reply, err, "application", "start", "aa", item->name,
	    erlrc_start_type_name(type)) < 0)
		return lost_starting(l, item, err);
	if (!erlrc_term_is_atom(reply, "ok") &&
	    !(erlrc_term_is_tagged(reply, "error", 2) &&
	    erlrc_term_is_tagged(reply->u.seq.v[1], "already_started", 2)))
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "cannot start "
		    "%s %s: %s", item->name, item->vsn, erlrc_live_text(l, reply));
	a = app_entry(l, item->name);
	a->running = 1;
	a->vsn = item->vsn;
	for (i = 1; i < item->nmembers; i++) {
		a = app_entry(l, item->members[i].name);
		a->vsn = item->members[i].vsn;
		a->includer = item->name;
	}
	return 0;
}

/* erlrc_live_stop - see live.h. */
int
erlrc_live_stop(struct erlrc_live *l, const char *app,
    struct erlrc_error *err)
{
	struct erlrc_term *reply;
	size_t i;

	if (call(l, &reply, err, "application", "stop", "a", app) < 0)
		return -1;
	if (!erlrc_term_is_atom(reply, "ok") &&
	    !(erlrc_term_is_tagged(reply, "error", 2) &&
	    erlrc_term_is_tagged(reply->u.seq.v[1], "not_started", 2)))
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "cannot stop "
		    "%s: %s", app, erlrc_live_text(l, reply));
	app_entry(l, app)->running = 0;
	for (i = 0; i < l->napps; i++)
		if (l->apps[i].includer && strcmp(l->apps[i].includer, app) ==
		    0)
			l->apps[i].includer = NULL;
	return 0;
}

/* Purge and delete module M: processes still running it are killed. */
static int
remove_module(struct erlrc_live *l, const char *m, struct erlrc_error *err)
{
	struct erlrc_term *reply;

	/* purge old code first: delete refuses while old code exists */
	if (call(l, &reply, err, "code", "purge", "a", m) < 0 ||
	    call(l, &reply, err, "code", "delete", "a", m) < 0)
		return -1;
	if (!erlrc_term_is_atom(reply, "true"))
		return 0;	/* it was not loaded */
	return call(l, &reply, err, "code", "purge", "a", m);
}

/* erlrc_live_unload - see live.h. */
int
erlrc_live_unload(struct erlrc_live *l, const char *app,
    struct erlrc_error *err)
{
	struct erlrc_live_app *a;
	struct erlrc_term *reply, *mods, *m;
	long j, n;
	size_t i;

	if (call(l, &reply, err, "application", "get_key", "aa", app,
	    "modules") < 0)
		return -1;
	if (erlrc_term_is_tagged(reply, "ok", 2)) {
		mods = reply->u.seq.v[1];
		n = erlrc_term_list_length(mods);
		for (j = 0; j < n; j++) {
			m = erlrc_term_nth(&l->tf, mods, (size_t)j);
			if (m->type == ERLRC_TERM_ATOM &&
			    remove_module(l, m->u.text.s, err) < 0)
				return -1;
		}
	} else if (!erlrc_term_is_atom(reply, "undefined")) {
		return unexpected(l, "application:get_key/2", reply, err);
	}
	if (call(l, &reply, err, "application", "unload", "a", app) < 0)
		return -1;
	if (!erlrc_term_is_atom(reply, "ok") &&
	    !(erlrc_term_is_tagged(reply, "error", 2) &&
	    erlrc_term_is_tagged(reply->u.seq.v[1], "not_loaded", 2)))
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "cannot unload "
		    "%s: %s", app, erlrc_live_text(l, reply));
	if (call(l, &reply, err, "code", "del_path", "a", app) < 0)
		return -1;
	a = app_entry(l, app);
	a->running = 0;
	a->includer = NULL;
	/* unloading APP unloads what it included: read them again */
	for (i = 0; i < l->napps; i++)
		if (!l->apps[i].running)
			l->apps[i].vsn = NULL;
	l->have_loaded = 0;
	return 0;
}

/* erlrc_live_tree_in_use - see live.h. */
int
erlrc_live_tree_in_use(struct erlrc_live *l, const char *libdir,
    char ***entries, size_t *n, struct erlrc_error *err)
{
	struct erlrc_term *reply, *t;
	const char *path, *rest, *slash;
	size_t len = strlen(libdir);
	long i, count;
	int pass;

	/*
	 * The code path, and the files of loaded modules: a module an
	 * upgrade left alone still runs from the old version's copy, and
	 * the release handler reads its -vsn there at the next upgrade.
	 */
	for (pass = 0; pass < 2; pass++) {
		if (call(l, &reply, err, "code", pass ? "all_loaded" :
		    "get_path", "") < 0)
			return -1;
		count = erlrc_term_list_length(reply);
		if (count < 0)
			return unexpected(l, pass ? "code:all_loaded/0" :
			    "code:get_path/0", reply, err);
		for (i = 0; i < count; i++) {
			t = erlrc_term_nth(&l->tf, reply, (size_t)i);
			if (pass && erlrc_term_is_tagged(t, NULL, 2))
				t = t->u.seq.v[1];	/* {Module, File} */
			path = string(l, t);
			if (!path || strncmp(path, libdir, len) != 0 ||
			    path[len] != '/')
				continue;
			rest = path + len + 1;
			slash = strchr(rest, '/');
			*entries = erlrc_xrealloc(*entries, (*n + 1) *
			    sizeof(**entries));
			(*entries)[(*n)++] = slash ? erlrc_xstrndup(rest,
			    (size_t)(slash - rest)) : erlrc_xstrdup(rest);
		}
	}
	return 0;
}
