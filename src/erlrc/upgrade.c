/* SPDX-License-Identifier: GPL-2.0-or-later */
/* upgrade.c - what erlrc-upgrade and erlrc-downgrade do on a node */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <erlrc/app.h>
#include <erlrc/appup.h>
#include <erlrc/appupgen.h>
#include <erlrc/beam.h>
#include <erlrc/buf.h>
#include <erlrc/guard.h>
#include <erlrc/libdir.h>
#include <erlrc/preflight.h>
#include <erlrc/script.h>
#include <erlrc/start.h>
#include <erlrc/suptree.h>
#include <erlrc/tree.h>
#include <erlrc/upgrade.h>
#include <erlrc/xalloc.h>

/* One node's upgrade, from the version that runs to the one installed. */
struct step {
	struct erlrc_upgrade *u;
	struct erlrc_host *h;
	struct erlrc_live *l;
	const char *node;
	const char *from;	/* the version replaced on this node */
	int reload;		/* FROM is TO, from other files */
	char *fromdir;		/* where the running version's files are */
	char *todir;		/* erlrc's copy of the version installed */
	struct erlrc_app fromapp, toapp;
	struct erlrc_appup shipped;	/* when the appup comes from a file */
	struct erlrc_termfile made;	/* when erlrc writes it */
	const struct erlrc_term *appup;	/* the whole appup, for --dry-run */
	const struct erlrc_term *instrs;	/* the entry used */
	char *appup_file;	/* TO's (going down, FROM's) APP.appup */
	const char *source;	/* where the appup comes from, for messages */
	const struct erlrc_term *script;	/* the low-level script */
	const char **stopped;	/* by before_inclusion */
	size_t nstopped;
	struct erlrc_suptree before;	/* APP's tree before the change */
	struct erlrc_supchild *gone;	/* children removed on purpose */
	size_t ngone;
	struct erlrc_buf problems;	/* "; what went wrong" afterwards */
	const struct erlrc_term *procs;	/* get_supervised_procs/0 */
	struct erlrc_buf verdict;	/* "; process not covered" */
};

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* code:lib_dir(APP) on the node, as a new string in *DIR. */
static int
node_lib_dir(struct step *s, char **dir, struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	struct erlrc_term *reply;

	*dir = NULL;
	if (erlrc_live_call(s->l, &reply, err, "code", "lib_dir", "a",
	    s->u->app) < 0)
		return -1;
	if (!erlrc_term_string(reply, &b) || !b.len) {
		erlrc_buf_destroy(&b);
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "%s runs, but "
		    "code:lib_dir(%s) is %s", s->u->app, s->u->app,
		    erlrc_live_text(s->l, reply));
	}
	*dir = erlrc_buf_detach(&b);
	return 0;
}

/* Is PATH inside directory DIR? */
static int
inside(const char *dir, const char *path)
{
	size_t len = strlen(dir);

	return strncmp(path, dir, len) == 0 && path[len] == '/';
}

/* Is DIR's last component APP-VSN? */
static int
named_for(const char *dir, const char *app, const char *vsn)
{
	const char *base = strrchr(dir, '/');
	size_t len = strlen(app);

	base = base ? base + 1 : dir;
	return strncmp(base, app, len) == 0 && base[len] == '-' &&
	    strcmp(base + len + 1, vsn) == 0;
}

/*
 * Where the files of the running version are: the directory of the
 * node's code path for APP when it is named APP-FROM (erlrc's copy, or
 * where a package put it); else, after an upgrade that failed past its
 * point of no return (the path names TO's directory already), erlrc's
 * most recent copy of FROM.
 */
static int
running_dir(struct step *s, struct erlrc_error *err)
{
	char *dir;

	if (s->fromdir)
		return 0;	/* a reload: known already */
	if (node_lib_dir(s, &dir, err) < 0)
		return -1;
	if (named_for(dir, s->u->app, s->from)) {
		s->fromdir = dir;
		return 0;
	}
	if (erlrc_tree_find(s->h->libdir, s->u->app, s->from, &s->fromdir,
	    err) < 0) {
		free(dir);
		return -1;
	}
	if (s->fromdir)
		free(dir);
	else
		s->fromdir = dir;
	return 0;
}

/*
 * The appup: going up, the one TO ships when it has an entry for FROM;
 * going down, the down entry for TO of the appup of FROM (which erlrc's
 * copy of FROM still holds); else one written from the .beam files.
 */
static int
choose_appup(struct step *s, struct erlrc_error *err)
{
	const struct erlrc_upgrade *u = s->u;
	const struct erlrc_appup_entry *e;

	s->appup_file = erlrc_xasprintf("%s/ebin/%s.appup", u->down ?
	    s->fromdir : s->todir, u->app);
	/* a reload: an appup tells how versions change, not builds */
	if (!s->reload && is_file(s->appup_file)) {
		if (erlrc_appup_read(&s->shipped, s->appup_file, err) < 0 ||
		    erlrc_appup_check_vsn(&s->shipped, s->appup_file,
		    u->down ? s->from : u->to, err) < 0)
			return -1;
		e = erlrc_appup_find(&s->shipped, !u->down,
		    u->down ? u->to : s->from);
		if (e) {
			s->appup = s->shipped.tf.terms[0];
			s->instrs = e->instructions;
			s->source = s->appup_file;
			return 0;
		}
	}
	/* written: going down, the upgrade from TO to FROM, undone */
	if (erlrc_appup_generate(&s->made, u->app, u->down ? s->todir :
	    s->fromdir, u->down ? s->fromdir : s->todir, err) < 0)
		return -1;
	s->appup = s->made.terms[0];
	s->instrs = s->appup->u.seq.v[u->down ? 2 : 1]->u.seq.v[0]->u.seq.v[1];
	s->source = "written from the .beam files";
	return 0;
}

/*
 * Make sasl's modules callable on the node without starting sasl: its
 * ebin at the end of the code path, and in embedded mode (where nothing
 * loads on demand) every module of it loaded.  LOAD zero only looks.
 */
static int
sasl_ready(struct step *s, int load, int *ready, struct erlrc_error *err)
{
	struct erlrc_libdirs libs;
	const struct erlrc_libapp *sasl;
	struct erlrc_app app;
	struct erlrc_term *reply;
	char *ebin = NULL;
	int embedded, ret = -1;

	erlrc_libdirs_init(&libs);
	erlrc_app_init(&app);
	if (erlrc_live_call(s->l, &reply, err, "code", "get_mode", "") < 0)
		goto out;
	embedded = erlrc_term_is_atom(reply, "embedded");
	if (erlrc_live_call(s->l, &reply, err, "code", "which", "a",
	    "systools_rc") < 0)
		goto out;
	*ready = reply->type == ERLRC_TERM_STRING && !embedded;
	if (*ready) {
		ret = 0;
		goto out;
	}
	if (!load) {
		/* embedded: only if they are loaded already */
		if (embedded && erlrc_live_call(s->l, &reply, err, "code",
		    "is_loaded", "a", "systools_rc") < 0)
			goto out;
		*ready = embedded && reply->type == ERLRC_TERM_TUPLE;
		ret = 0;
		goto out;
	}
	if (erlrc_host_scan_libs(s->h, &libs, err) < 0)
		goto out;
	sasl = erlrc_libdirs_find(&libs, "sasl");
	if (!sasl) {
		erlrc_error_set(err, ERLRC_ERR_NOTFOUND, "sasl is not "
		    "installed: the node needs its modules to upgrade");
		goto out;
	}
	ebin = erlrc_xpathjoin(sasl->dir, "ebin");
	if (erlrc_app_read(&app, sasl->app_file, err) < 0 ||
	    erlrc_live_call(s->l, &reply, err, "code", "add_pathz", "s",
	    ebin) < 0 ||
	    erlrc_live_call(s->l, &reply, err, "code",
	    "ensure_modules_loaded", "n", &app.modules) < 0)
		goto out;
	if (!erlrc_term_is_atom(reply, "ok")) {
		erlrc_error_set(err, ERLRC_ERR_FAILED, "cannot load sasl's "
		    "modules from %s: %s", ebin, erlrc_live_text(s->l, reply));
		goto out;
	}
	*ready = 1;
	ret = 0;
out:
	free(ebin);
	erlrc_app_destroy(&app);
	erlrc_libdirs_destroy(&libs);
	return ret;
}

/* systools_make:read_application of APP VSN in DIR: the record. */
static int
read_appl(struct step *s, const char *vsn, const char *dir,
    const struct erlrc_term **appl, struct erlrc_error *err)
{
	struct erlrc_term *reply, *path;
	char *ebin = erlrc_xpathjoin(dir, "ebin");
	int ret = -1;

	path = erlrc_term_new_of(&s->l->tf, ERLRC_TERM_LIST, 1,
	    erlrc_term_new_string(&s->l->tf, ebin));
	if (erlrc_live_call(s->l, &reply, err, "systools_make",
	    "read_application", "sstt", s->u->app, vsn, path,
	    erlrc_term_new_seq(&s->l->tf, ERLRC_TERM_NIL, 0)) < 0)
		goto out;
	if (!erlrc_term_is_tagged(reply, "ok", 2)) {
		erlrc_error_set(err, ERLRC_ERR_FAILED, "cannot read %s %s "
		    "from %s: %s", s->u->app, vsn, ebin,
		    erlrc_live_text(s->l, reply));
		goto out;
	}
	*appl = reply->u.seq.v[1];
	ret = 0;
out:
	free(ebin);
	return ret;
}

/* The low-level script of the appup entry, as the node translates it. */
static int
translate(struct step *s, struct erlrc_error *err)
{
	const struct erlrc_term *from, *to;
	struct erlrc_term *reply;
	struct erlrc_termfile *tf = &s->l->tf;

	if (read_appl(s, s->from, s->fromdir, &from, err) < 0 ||
	    read_appl(s, s->u->to, s->todir, &to, err) < 0 ||
	    erlrc_live_call(s->l, &reply, err, "systools_rc",
	    "translate_scripts", "attt", s->u->down ? "dn" : "up",
	    erlrc_term_new_of(tf, ERLRC_TERM_LIST, 1, s->instrs),
	    erlrc_term_new_of(tf, ERLRC_TERM_LIST, 1, to),
	    erlrc_term_new_of(tf, ERLRC_TERM_LIST, 1, from)) < 0)
		return -1;
	if (!erlrc_term_is_tagged(reply, "ok", 2))
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "the appup "
		    "(%s) does not translate: %s", s->source,
		    erlrc_live_text(s->l, reply));
	s->script = reply->u.seq.v[1];
	return 0;
}


/*
 * release_handler_1:get_supervised_procs/0 failed (ERR): the release
 * handler cannot evaluate any script on this node until what it stumbles
 * on is gone.  Say what that is, application and process.  Returns -1.
 */
static int
cannot_list(struct step *s, struct erlrc_error *err)
{
	struct erlrc_buf why = ERLRC_BUF_INIT;
	struct erlrc_error e = ERLRC_ERROR_INIT, first = *err;

	if (!erlrc_live_connected(s->l))
		return -1;
	if (erlrc_suptree_culprits(s->l, &why, &e) < 0) {
		*err = e;
		goto out;
	}
	if (why.len)
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s -> %s refused, "
		    "nothing changed: the release handler cannot list the "
		    "processes of the supervision trees, which it suspends "
		    "by: %s.  No appup can be evaluated on this node while "
		    "that runs", s->u->app, s->from, s->u->to,
		    erlrc_buf_str(&why) + 2);
	else
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s -> %s refused, "
		    "nothing changed: the release handler cannot list the "
		    "processes of the supervision trees (%s)", s->u->app,
		    s->from, s->u->to, first.msg);
out:
	erlrc_buf_destroy(&why);
	return -1;
}

/*
 * The processes the script suspends, found as release_handler finds them
 * (release_handler_1:get_supervised_procs/0), read before anything is
 * suspended: after a failure, the suspended ones cannot be asked.
 */
static int
to_suspend(struct step *s, struct erlrc_term ***pids, size_t *n,
    struct erlrc_error *err)
{
	const struct erlrc_term *p, *mods;
	struct erlrc_term *reply;
	size_t i, j;

	*pids = NULL;
	*n = 0;
	if (erlrc_live_call(s->l, &reply, err, "release_handler_1",
	    "get_supervised_procs", "") < 0)
		return cannot_list(s, err);
	s->procs = reply;
	for (i = 0; reply->type == ERLRC_TERM_LIST && i < reply->u.seq.n;
	    i++) {
		p = reply->u.seq.v[i];
		/* {Sup, Name, Pid, Mods}: the first is a pid, not an atom */
		if (p->type != ERLRC_TERM_TUPLE || p->u.seq.n != 4)
			continue;
		mods = p->u.seq.v[3];
		for (j = 0; mods->type == ERLRC_TERM_LIST &&
		    j < mods->u.seq.n; j++)
			if (mods->u.seq.v[j]->type == ERLRC_TERM_ATOM &&
			    erlrc_script_names(s->script,
			    "suspend", mods->u.seq.v[j]->u.text.s))
				break;
		if (mods->type != ERLRC_TERM_LIST || j == mods->u.seq.n)
			continue;
		*pids = erlrc_xrealloc(*pids, (*n + 1) * sizeof(**pids));
		(*pids)[(*n)++] = p->u.seq.v[2];
	}
	return 0;
}

/*
 * What the node set for APP beyond the old .app's defaults (sys.config,
 * or application:set_env): eval_appup_script rebuilds the environment
 * from the new .app and would drop it.
 */
static int
env_overrides(struct step *s, struct erlrc_term ***kv, size_t *n,
    struct erlrc_error *err)
{
	const struct erlrc_term *defaults = s->fromapp.env, *d = NULL;
	struct erlrc_term *reply, *pair;
	size_t i, j;

	*kv = NULL;
	*n = 0;
	if (erlrc_live_call(s->l, &reply, err, "application", "get_all_env",
	    "a", s->u->app) < 0)
		return -1;
	for (i = 0; reply->type == ERLRC_TERM_LIST && i < reply->u.seq.n;
	    i++) {
		pair = reply->u.seq.v[i];
		if (!erlrc_term_is_tagged(pair, NULL, 2))
			continue;
		for (j = 0; defaults->type == ERLRC_TERM_LIST &&
		    j < defaults->u.seq.n; j++) {
			d = defaults->u.seq.v[j];
			if (erlrc_term_is_tagged(d, NULL, 2) &&
			    erlrc_term_equal(d->u.seq.v[0], pair->u.seq.v[0]))
				break;
		}
		if (defaults->type == ERLRC_TERM_LIST &&
		    j < defaults->u.seq.n &&
		    erlrc_term_equal(d->u.seq.v[1], pair->u.seq.v[1]))
			continue;
		*kv = erlrc_xrealloc(*kv, (*n + 1) * sizeof(**kv));
		(*kv)[(*n)++] = pair;
	}
	return 0;
}

/* After success: old code no process runs any more goes. */
static int
purge_unpurged(struct step *s, const struct erlrc_term *unpurged,
    struct erlrc_error *err)
{
	const struct erlrc_term *m;
	struct erlrc_term *reply;
	size_t i;

	for (i = 0; unpurged->type == ERLRC_TERM_LIST &&
	    i < unpurged->u.seq.n; i++) {
		m = unpurged->u.seq.v[i];
		if (erlrc_term_is_tagged(m, NULL, 2))
			m = m->u.seq.v[0];
		if (m->type == ERLRC_TERM_ATOM &&
		    erlrc_live_call(s->l, &reply, err, "code", "soft_purge",
		    "a", m->u.text.s) < 0)
			return -1;
	}
	return 0;
}

/* Applications included by A's version but not B's. */
static int
only_in(const struct erlrc_app *a, const struct erlrc_app *b, size_t i)
{
	return !erlrc_names_has(&b->included, a->included.v[i]);
}

/*
 * An application TO includes newly must be loadable from erlrc's copy
 * when TO's code starts it: at the version loaded, else the highest the
 * library directories hold, loaded.
 */
static int
prepare_included(struct step *s, const char *app, const char *vsn,
    struct erlrc_error *err)
{
	struct erlrc_libdirs libs;
	const struct erlrc_libapp *lib;
	struct erlrc_app a;
	struct erlrc_term *reply;
	char *dir = NULL;
	int ret = -1;

	erlrc_libdirs_init(&libs);
	erlrc_app_init(&a);
	if (vsn) {
		if (erlrc_host_find_app(s->h, app, vsn, &dir, err) < 0)
			goto out;
	} else {
		if (erlrc_host_scan_libs(s->h, &libs, err) < 0)
			goto out;
		lib = erlrc_libdirs_find(&libs, app);
		if (!lib) {
			erlrc_error_set(err, ERLRC_ERR_NOTFOUND, "%s %s "
			    "includes %s, which is not installed", s->u->app,
			    s->u->to, app);
			goto out;
		}
		if (erlrc_app_read(&a, lib->app_file, err) < 0)
			goto out;
		dir = erlrc_xstrdup(lib->dir);
		vsn = a.vsn;
	}
	if (erlrc_live_use_dir(s->l, s->h->libdir, app, vsn, dir,
	    erlrc_registry_has_app(&s->h->reg, app), err) < 0 ||
	    erlrc_live_call(s->l, &reply, err, "application", "load", "a",
	    app) < 0)
		goto out;
	ret = 0;
out:
	free(dir);
	erlrc_app_destroy(&a);
	erlrc_libdirs_destroy(&libs);
	return ret;
}

/*
 * DESIGN §8: what becomes included stops running on its own first (it is
 * listed in s->stopped, to start again if nothing changes), and is made
 * loadable from erlrc's copy.
 */
static int
before_inclusion(struct step *s, struct erlrc_error *err)
{
	const char *app, *vsn;
	size_t i;

	for (i = 0; i < s->toapp.included.n; i++) {
		app = s->toapp.included.v[i];
		if (!only_in(&s->toapp, &s->fromapp, i))
			continue;
		if (erlrc_live_loaded(s->l, app, &vsn, err) < 0 ||
		    prepare_included(s, app, vsn, err) < 0)
			return -1;
		if (!erlrc_live_running(s->l, app))
			continue;
		if (erlrc_live_stop(s->l, app, err) < 0)
			return -1;
		s->stopped = erlrc_xrealloc(s->stopped, (s->nstopped + 1) *
		    sizeof(*s->stopped));
		s->stopped[s->nstopped++] = app;
		erlrc_log(s->l->log, ERLRC_LOG_NOTICE, "node '%s': stopped "
		    "%s: %s %s includes it", s->node, app, s->u->app,
		    s->u->to);
	}
	return 0;
}

/* Nothing changed after all: what before_inclusion stopped runs again. */
static int
undo_inclusion(struct step *s, struct erlrc_error *err)
{
	const char *vsn;
	size_t i;

	for (i = 0; i < s->nstopped; i++) {
		if (erlrc_live_loaded(s->l, s->stopped[i], &vsn, err) < 0)
			return -1;
		if (!vsn)
			continue;
		if (erlrc_start_one(s->h, s->l, s->stopped[i], vsn, err) < 0)
			return -1;
	}
	return 0;
}

/* ... and what is no longer included runs by itself, if registered to
 * start. */
static int
after_inclusion(struct step *s, struct erlrc_error *err)
{
	const char *app, *vsn;
	size_t i;

	for (i = 0; i < s->fromapp.included.n; i++) {
		app = s->fromapp.included.v[i];
		if (!only_in(&s->fromapp, &s->toapp, i) ||
		    !erlrc_registry_starts(&s->h->reg, app))
			continue;
		if (erlrc_live_loaded(s->l, app, &vsn, err) < 0)
			return -1;
		if (!vsn) {
			erlrc_log(s->l->log, ERLRC_LOG_WARNING, "node '%s': "
			    "%s is no longer included and not loaded: "
			    "erlrc-start starts it", s->node, app);
			continue;
		}
		if (erlrc_start_one(s->h, s->l, app, vsn, err) < 0)
			return -1;
	}
	return 0;
}

/* --dry-run: the appup and the low-level script, on the output. */
static void
print_plan(struct step *s)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t i;

	erlrc_buf_addf(&b, "%%%% node '%s': %s %s -> %s, with the appup %s\n",
	    s->node, s->u->app, s->from, s->u->to, s->source);
	erlrc_appup_write(&b, s->appup);
	if (s->script) {
		erlrc_buf_addf(&b, "%%%% the low-level script (%s):\n",
		    s->u->down ? "dn" : "up");
		erlrc_buf_adds(&b, "[");
		for (i = 0; i < s->script->u.seq.n; i++) {
			erlrc_buf_adds(&b, i ? ",\n " : "");
			erlrc_term_write(&b, s->script->u.seq.v[i]);
		}
		erlrc_buf_adds(&b, "].\n");
		if (s->verdict.len)
			erlrc_buf_addf(&b, "%%%% preflight: refused: %s\n",
			    erlrc_buf_str(&s->verdict) + 2);
		else
			erlrc_buf_adds(&b, "%% preflight: every process that "
			    "runs code the script changes is covered\n");
	} else {
		erlrc_buf_adds(&b, "%% no low-level script: sasl's modules "
		    "are not in the node's code path\n");
	}
	fwrite(b.s, 1, b.len, s->u->dry_run);
	erlrc_buf_destroy(&b);
}

/*
 * After a failure: stop the running applications that depend on APP
 * (the last started first: what they hold of APP's goes with APP), stop
 * and unload APP, start it cold at TO, start them again at the version
 * each ran, and look that all of them run.
 */
static int
restart(struct step *s, struct erlrc_error *err)
{
	const char **deps = NULL, **vsns = NULL, *vsn;
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t n = 0, i;
	int ret = -1;

	if (erlrc_live_dependents(s->l, s->u->app, &deps, &n, err) < 0)
		goto out;
	vsns = erlrc_xcalloc(n + 1, sizeof(*vsns));
	for (i = n; i-- > 0;) {
		vsns[i] = erlrc_live_running(s->l, deps[i]);
		if (erlrc_live_stop(s->l, deps[i], err) < 0)
			goto out;
		erlrc_buf_addf(&b, "%s%s", b.len ? ", " : "", deps[i]);
	}
	if (n)
		erlrc_log(s->l->log, ERLRC_LOG_NOTICE, "node '%s': stopped "
		    "%s, which depend%s on %s, to start again after it",
		    s->node, b.s, n == 1 ? "s" : "", s->u->app);
	if (erlrc_live_stop(s->l, s->u->app, err) < 0 ||
	    erlrc_live_unload(s->l, s->u->app, err) < 0 ||
	    erlrc_start_one(s->h, s->l, s->u->app, s->u->to, err) < 0 ||
	    after_inclusion(s, err) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (erlrc_start_one(s->h, s->l, deps[i], vsns[i], err) < 0)
			goto out;
	if (erlrc_live_refresh(s->l, err) < 0)
		goto out;
	vsn = erlrc_live_running(s->l, s->u->app);
	if (!vsn || strcmp(vsn, s->u->to) != 0) {
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s does not run at "
		    "%s after its restart", s->u->app, s->u->to);
		goto out;
	}
	for (i = 0; i < n; i++) {
		vsn = erlrc_live_running(s->l, deps[i]);
		if (!vsn || strcmp(vsn, vsns[i]) != 0) {
			erlrc_error_set(err, ERLRC_ERR_FAILED, "%s, which "
			    "depends on %s, does not run at %s after the "
			    "restart of %s", deps[i], s->u->app, vsns[i],
			    s->u->app);
			goto out;
		}
	}
	ret = 0;
out:
	erlrc_buf_destroy(&b);
	free(deps);
	free(vsns);
	return ret;
}

/*
 * restart(), said first as a warning: "node 'N': WHY; restarting APP
 * cold at TO: the state of its processes is lost".
 */
static int
cold_restart(struct step *s, struct erlrc_error *err, const char *fmt, ...)
    ERLRC_PRINTF(3, 4);

static int
cold_restart(struct step *s, struct erlrc_error *err, const char *fmt, ...)
{
	struct erlrc_buf why = ERLRC_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	erlrc_buf_vaddf(&why, fmt, ap);
	va_end(ap);
	erlrc_log(s->l->log, ERLRC_LOG_WARNING, "node '%s': %s; restarting "
	    "%s cold at %s: the state of its processes is lost", s->node,
	    erlrc_buf_str(&why), s->u->app, s->u->to);
	erlrc_buf_destroy(&why);
	erlrc_error_clear(err);
	return restart(s, err);
}

/* ---- supervisors whose children change, and the look afterwards ---- */

/*
 * Does the appup entry INSTRS (nested lists too) update module M (a
 * supervisor's: {update, M, supervisor}, or its long form)?
 */
static int
updates_sup(const struct erlrc_term *instrs, const char *m)
{
	const struct erlrc_term *in;
	size_t i;

	for (i = 0; instrs->type == ERLRC_TERM_LIST && i < instrs->u.seq.n;
	    i++) {
		in = instrs->u.seq.v[i];
		if (in->type == ERLRC_TERM_LIST ? updates_sup(in, m) :
		    in->type == ERLRC_TERM_TUPLE && in->u.seq.n >= 2 &&
		    erlrc_term_is_atom(in->u.seq.v[0], "update") &&
		    erlrc_term_is_atom(in->u.seq.v[1], m))
			return 1;
	}
	return 0;
}

/* The callback module of supervisor PID in T, or NULL. */
static const char *
sup_module(const struct erlrc_suptree *t, const struct erlrc_term *pid)
{
	const struct erlrc_supervisor *sup = erlrc_suptree_sup(t, pid);

	return sup ? sup->module : NULL;
}

/* Is supervisor PID of T updated by the appup? */
static int
sup_updated(const struct step *s, const struct erlrc_suptree *t,
    const struct erlrc_term *pid)
{
	const char *m = sup_module(t, pid);

	return m && updates_sup(s->instrs, m);
}



static void
push_child(struct erlrc_supchild **v, size_t *n,
    const struct erlrc_supchild *c)
{
	*v = erlrc_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = *c;
}

/* Is child ID of SUP in the N children at V? */
static int
listed(const struct erlrc_supchild *v, size_t n,
    const struct erlrc_term *sup, const struct erlrc_term *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (erlrc_term_equal(v[i].sup, sup) &&
		    erlrc_term_equal(v[i].id, id))
			return 1;
	return 0;
}

/* "child ID [PID] of supervisor M SUP", for messages */
static const char *
child_name(struct step *s, const struct erlrc_suptree *t,
    const struct erlrc_supchild *c, int with_pid)
{
	const char *m = sup_module(t, c->sup);
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char *text;

	erlrc_buf_addf(&b, "child %s%s%s of supervisor %s %s",
	    erlrc_live_text(s->l, c->id), with_pid ? " " : "", with_pid ?
	    erlrc_live_text(s->l, c->pid) : "", m ? m : "?",
	    erlrc_live_text(s->l, c->sup));
	text = erlrc_termfile_alloc(&s->l->tf, b.len + 1);
	memcpy(text, erlrc_buf_str(&b), b.len + 1);
	erlrc_buf_destroy(&b);
	return text;
}

/*
 * A static child of an updated supervisor that runs a module the script
 * removes cannot outlive the purge, and its supervisor, which keeps the
 * child specs its new init/1 lacks, would restart it on code that is
 * gone.  It is terminated right after the point of no return (listed in
 * s->gone, deleted once the script is done).
 */
static void
terminate_doomed(struct step *s)
{
	struct erlrc_termfile *tf = &s->l->tf;
	const struct erlrc_supchild *c;
	const struct erlrc_term *mods;
	struct erlrc_term *script, *in;
	size_t i, j, k;

	for (i = 0; i < s->before.nchildren; i++) {
		c = &s->before.children[i];
		mods = c->modules;
		if (!c->is_static || !sup_updated(s, &s->before, c->sup))
			continue;
		for (j = 0; mods->type == ERLRC_TERM_LIST &&
		    j < mods->u.seq.n; j++)
			if (mods->u.seq.v[j]->type == ERLRC_TERM_ATOM &&
			    erlrc_script_names(s->script, "remove",
			    mods->u.seq.v[j]->u.text.s))
				break;
		if (mods->type == ERLRC_TERM_LIST && j < mods->u.seq.n)
			push_child(&s->gone, &s->ngone, c);
	}
	if (!s->ngone || s->script->type != ERLRC_TERM_LIST)
		return;
	script = erlrc_term_new_seq(tf, ERLRC_TERM_LIST,
	    s->script->u.seq.n + s->ngone);
	for (i = j = 0; i < s->script->u.seq.n; i++) {
		in = s->script->u.seq.v[i];
		script->u.seq.v[j++] = in;
		if (!erlrc_term_is_atom(in, "point_of_no_return"))
			continue;
		for (k = 0; k < s->ngone; k++)
			script->u.seq.v[j++] = erlrc_term_new_of(tf,
			    ERLRC_TERM_TUPLE, 2, erlrc_term_new_atom(tf,
			    "apply"), erlrc_term_new_of(tf, ERLRC_TERM_TUPLE,
			    3, erlrc_term_new_atom(tf, "supervisor"),
			    erlrc_term_new_atom(tf, "terminate_child"),
			    erlrc_term_new_of(tf, ERLRC_TERM_LIST, 2,
			    (struct erlrc_term *)s->gone[k].sup,
			    (struct erlrc_term *)s->gone[k].id)));
	}
	if (j == script->u.seq.n)
		s->script = script;
	else
		s->ngone = 0;	/* no point of no return: nothing to add */
}

/*
 * supervisor:FUN(Sup, Id) for child C on the node; a call the node
 * refused gives *REPLY NULL and 0 (its reason in *WHY), a lost
 * connection -1.
 */
static int
sup_call(struct step *s, const char *fun, const struct erlrc_supchild *c,
    struct erlrc_term **reply, const char **why, struct erlrc_error *err)
{
	struct erlrc_error e = ERLRC_ERROR_INIT;
	char *text;

	if (erlrc_live_call(s->l, reply, &e, "supervisor", fun, "tt", c->sup,
	    c->id) == 0)
		return 0;
	*reply = NULL;
	text = erlrc_termfile_alloc(&s->l->tf, strlen(e.msg) + 1);
	strcpy(text, e.msg);
	*why = text;
	if (erlrc_live_connected(s->l))
		return 0;
	*err = e;
	return -1;
}

/* Terminate and delete child C, whose module the script removed. */
static int
remove_child(struct step *s, const struct erlrc_supchild *c,
    const char *name, struct erlrc_error *err)
{
	struct erlrc_term *reply;
	const char *why = NULL;

	if (sup_call(s, "terminate_child", c, &reply, &why, err) < 0 ||
	    sup_call(s, "delete_child", c, &reply, &why, err) < 0)
		return -1;
	if (!reply || !erlrc_term_is_atom(reply, "ok")) {
		erlrc_buf_addf(&s->problems, "; %s, whose module %s %s lacks, "
		    "cannot be removed: %s", name, s->u->app, s->u->to, reply ?
		    erlrc_live_text(s->l, reply) : why);
		return 0;
	}
	erlrc_log(s->l->log, ERLRC_LOG_NOTICE, "node '%s': %s: removed %s, "
	    "whose module %s %s lacks", s->node, s->u->app, name, s->u->app,
	    s->u->to);
	return 0;
}

/* Start child ID of SUP, which the version now loaded adds. */
static int
add_child(struct step *s, const struct erlrc_supchild *c, const char *name,
    struct erlrc_error *err)
{
	struct erlrc_term *reply;
	const char *why = NULL;

	if (sup_call(s, "restart_child", c, &reply, &why, err) < 0)
		return -1;
	if (!reply || (!erlrc_term_is_tagged(reply, "ok", 2) &&
	    !erlrc_term_is_tagged(reply, "ok", 3))) {
		erlrc_buf_addf(&s->problems, "; %s, which %s %s adds, does "
		    "not start: %s", name, s->u->app, s->u->to, reply ?
		    erlrc_live_text(s->l, reply) : why);
		return 0;
	}
	erlrc_log(s->l->log, ERLRC_LOG_NOTICE, "node '%s': %s: started %s, "
	    "which %s %s adds", s->node, s->u->app, name, s->u->app, s->u->to);
	return 0;
}

/*
 * After the script, each updated supervisor's children.  {update, M,
 * supervisor} has the supervisor call its new init/1 and keep the
 * result: a child id that is new gets a spec and no process, which is
 * started here; a child the new spec lacks keeps running, and is
 * stopped here only when its module is gone (terminate_doomed stopped
 * it already).  erlrc never calls init/1 itself: real ones have side
 * effects (Ranch's connection supervisors register counters there), and
 * a child added with supervisor:start_child/2 is in no init/1 at all.
 * What cannot be done is added to s->problems.
 */
static int
sup_children(struct step *s, struct erlrc_error *err)
{
	struct erlrc_suptree now;
	const struct erlrc_supchild *c;
	size_t j;
	int ret = -1;

	erlrc_suptree_init(&now);
	if (erlrc_suptree_read(s->l, s->u->app, &now, err) < 0)
		goto out;
	for (j = 0; j < now.nchildren; j++) {
		c = &now.children[j];
		if (!c->is_static || !sup_updated(s, &s->before, c->sup))
			continue;
		if (listed(s->gone, s->ngone, c->sup, c->id)) {
			if (remove_child(s, c, child_name(s, &now, c, 0),
			    err) < 0)
				goto out;
		} else if (!erlrc_suptree_child(&s->before, c->sup, c->id) &&
		    !erlrc_suptree_is_pid(c->pid)) {
			if (add_child(s, c, child_name(s, &now, c, 0), err) < 0)
				goto out;
		}
	}
	ret = 0;
out:
	erlrc_suptree_destroy(&now);
	return ret;
}


/*
 * Supervisor SUP of the tree before restarted children since (its restart
 * history, NOW, has new times): name those whose pid changed.
 */
static void
restarted(struct step *s, const struct erlrc_supervisor *sup,
    const struct erlrc_supervisor *now, const struct erlrc_suptree *after)
{
	const struct erlrc_supchild *c, *was;
	size_t i, n, named = 0;

	n = erlrc_suptree_new_restarts(sup->restarts, now->restarts);
	if (!n)
		return;
	erlrc_buf_addf(&s->problems, "; supervisor %s %s restarted %zu "
	    "child%s", sup->module, erlrc_live_text(s->l, sup->pid), n,
	    n == 1 ? "" : "ren");
	for (i = 0; i < s->before.nchildren; i++) {
		c = &s->before.children[i];
		if (!erlrc_term_equal(c->sup, sup->pid) || !c->is_static)
			continue;
		was = erlrc_suptree_child(after, c->sup, c->id);
		if (!was || erlrc_term_equal(was->pid, c->pid))
			continue;
		erlrc_buf_addf(&s->problems, "%s %s %s, now %s", named++ ?
		    "," : ":", erlrc_live_text(s->l, c->id),
		    erlrc_live_text(s->l, c->pid),
		    erlrc_suptree_is_pid(was->pid) ?
		    erlrc_live_text(s->l, was->pid) : "not running");
	}
	if (!named)
		erlrc_buf_adds(&s->problems, ", started at run time");
}

/*
 * After the settle time: APP runs at TO, its top supervisor is the one
 * it was, and no supervisor of its tree restarted a child (by its
 * restart history: a child the appup stopped and started again is no
 * death), nor lost one it listed, else the upgrade failed: err names
 * what died.
 */
static int
verify(struct step *s, struct erlrc_error *err)
{
	struct erlrc_suptree now;
	const struct erlrc_supchild *c, *was;
	const struct erlrc_supervisor *sup, *later;
	struct erlrc_buf *p = &s->problems;
	const char *vsn;
	size_t i;
	int ret = -1;

	erlrc_suptree_init(&now);
	erlrc_node_pause_ms(s->u->settle_ms);
	if (erlrc_live_refresh(s->l, err) < 0 ||
	    erlrc_suptree_read(s->l, s->u->app, &now, err) < 0)
		goto out;
	vsn = erlrc_live_running(s->l, s->u->app);
	if (!vsn)
		erlrc_buf_addf(p, "; %s does not run any more", s->u->app);
	else if (strcmp(vsn, s->u->to) != 0)
		erlrc_buf_addf(p, "; the node reports %s %s, not %s",
		    s->u->app, vsn, s->u->to);
	/* the top supervisor; the others are children, below, and a child
	 * whose supervisor died is not named on its own */
	sup = s->before.nsups ? &s->before.sups[0] : NULL;
	if (vsn && sup && !sup->gone && !erlrc_suptree_has_sup(&now,
	    sup->pid))
		erlrc_buf_addf(p, "; its top supervisor %s %s died",
		    sup->module ? sup->module : "?",
		    erlrc_live_text(s->l, sup->pid));
	for (i = 0; vsn && i < s->before.nsups; i++) {
		sup = &s->before.sups[i];
		later = erlrc_suptree_sup(&now, sup->pid);
		if (sup->restarts && later && !later->gone && later->restarts)
			restarted(s, sup, later, &now);
	}
	/* a child that is listed but does not run (a transient or
	 * temporary one is not restarted); one no longer listed was
	 * deleted on purpose, by erlrc or the appup: a crash deletes none */
	for (i = 0; vsn && i < s->before.nchildren; i++) {
		c = &s->before.children[i];
		was = erlrc_suptree_child(&now, c->sup, c->id);
		if (c->is_static && erlrc_suptree_is_pid(c->pid) && was &&
		    !erlrc_suptree_is_pid(was->pid) &&
		    !listed(s->gone, s->ngone, c->sup, c->id))
			erlrc_buf_addf(p, "; %s died: not restarted",
			    child_name(s, &s->before, c, 1));
	}
	if (p->len) {
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s -> %s was "
		    "evaluated, but within %u ms after: %s", s->u->app,
		    s->from, s->u->to, s->u->settle_ms, erlrc_buf_str(p) + 2);
		goto out;
	}
	ret = 0;
out:
	erlrc_suptree_destroy(&now);
	return ret;
}

/*
 * Is the code loaded for module M (code:which/1's file) the code of B
 * but for the directory it was built in (the same path_md5)?  1 or 0,
 * -1 with err set when the connection failed.
 */
static int
same_build(struct step *s, const struct erlrc_term *m,
    const struct erlrc_beam *b, struct erlrc_error *err)
{
	struct erlrc_buf path = ERLRC_BUF_INIT;
	struct erlrc_error e = ERLRC_ERROR_INIT;
	struct erlrc_term *reply;
	struct erlrc_beam loaded;
	int ret = 0;

	if (erlrc_live_call(s->l, &reply, err, "code", "which", "a",
	    m->u.text.s) < 0)
		return -1;
	erlrc_beam_init(&loaded);
	if (erlrc_term_string(reply, &path) && path.len &&
	    erlrc_beam_read(&loaded, path.s, &e) == 0)
		ret = memcmp(loaded.md5, b->md5, 16) != 0 &&
		    memcmp(loaded.path_md5, b->path_md5, 16) == 0;
	erlrc_beam_destroy(&loaded);
	erlrc_buf_destroy(&path);
	return ret;
}

/* Is DIR/ebin/M.beam's MD5 MD5? */
static int
same_beam(const char *dir, const char *m, const unsigned char *md5)
{
	struct erlrc_error e = ERLRC_ERROR_INIT;
	struct erlrc_beam *b = erlrc_beam_load(dir, m, &e);
	int ret = b && memcmp(b->md5, md5, 16) == 0;

	erlrc_beam_free(b);
	return ret;
}

/*
 * Of the modules MODS (a list of atoms), those loaded on the node whose
 * code is (SAME non-zero) or is not (SAME zero) the code of
 * DIR/ebin/M.beam, by the MD5 the node gives (erlang:get_module_info/2),
 * appended to OUT as "M1, M2".  A module without a .beam in DIR counts
 * as other code; supervisors are left out with SUPS zero, and so are the
 * modules whose .beam in OTHER (when not NULL) is DIR's.
 */
static int
loaded_code(struct step *s, const struct erlrc_term *mods, const char *dir,
    int same, int sups, const char *other, struct erlrc_buf *out,
    struct erlrc_error *err)
{
	struct erlrc_termfile *tf = &s->l->tf;
	struct erlrc_term *reply, *loaded, *md5s, *what;
	struct erlrc_error e = ERLRC_ERROR_INIT;
	const struct erlrc_term *m, *sum;
	struct erlrc_beam *b = NULL;
	size_t i, n = 0;
	int eq, ret = -1;

	if (mods->type != ERLRC_TERM_LIST)
		return 0;
	if (erlrc_live_call(s->l, &reply, err, "lists", "map", "tt",
	    erlrc_term_new_fun(tf, "code", "is_loaded", 1), mods) < 0)
		return -1;
	if (erlrc_term_list_length(reply) != (long)mods->u.seq.n)
		return 0;
	loaded = erlrc_term_new_seq(tf, ERLRC_TERM_LIST, mods->u.seq.n);
	what = erlrc_term_new_seq(tf, ERLRC_TERM_LIST, mods->u.seq.n);
	for (i = 0; i < mods->u.seq.n; i++) {
		if (!erlrc_term_is_tagged(reply->u.seq.v[i], "file", 2))
			continue;
		loaded->u.seq.v[n] = mods->u.seq.v[i];
		what->u.seq.v[n++] = erlrc_term_new_atom(tf, "md5");
	}
	if (!n)
		return 0;
	loaded->u.seq.n = what->u.seq.n = n;
	/* a module unloaded meanwhile makes the call fail: then nothing
	 * is known, and nothing is said */
	if (erlrc_live_call(s->l, &md5s, &e, "lists", "zipwith", "ttt",
	    erlrc_term_new_fun(tf, "erlang", "get_module_info", 2), loaded,
	    what) < 0) {
		if (erlrc_live_connected(s->l))
			return 0;
		*err = e;
		return -1;
	}
	for (i = 0; i < n && erlrc_term_list_length(md5s) == (long)n; i++) {
		m = loaded->u.seq.v[i];
		sum = md5s->u.seq.v[i];
		erlrc_error_clear(&e);
		b = erlrc_beam_load(dir, m->u.text.s, &e);
		eq = b && sum->type == ERLRC_TERM_BINARY &&
		    sum->u.bin.nbits == 128 &&
		    memcmp(sum->u.bin.data, b->md5, 16) == 0;
		if (!eq && !same && b &&
		    (ret = same_build(s, m, b, err)) != 0) {
			if (ret < 0)
				goto out;
			eq = 1;
		}
		/* a module DIR lacks is other code, and no supervisor */
		if (eq == !!same && (sups || !b ||
		    !erlrc_beam_has_behaviour(b, "supervisor")) &&
		    !(other && b && same_beam(other, m->u.text.s, b->md5)))
			erlrc_buf_addf(out, "%s%s", out->len ? ", " : "",
			    m->u.text.s);
		erlrc_beam_free(b);
		b = NULL;
	}
	ret = 0;
out:
	erlrc_beam_free(b);
	return ret;
}

/* The modules of the script's code_change instructions, as a list. */
static struct erlrc_term *
changed_state(struct step *s)
{
	struct erlrc_termfile *tf = &s->l->tf;
	const struct erlrc_term *in, *mods;
	struct erlrc_term *list;
	size_t i, j, n = 0;

	list = erlrc_term_new_seq(tf, ERLRC_TERM_LIST,
	    s->script->type == ERLRC_TERM_LIST ? s->script->u.seq.n * 4 : 0);
	for (i = 0; s->script->type == ERLRC_TERM_LIST &&
	    i < s->script->u.seq.n; i++) {
		in = s->script->u.seq.v[i];
		if (!erlrc_term_is_tagged(in, "code_change", 3))
			continue;
		mods = in->u.seq.v[2];
		for (j = 0; mods->type == ERLRC_TERM_LIST &&
		    j < mods->u.seq.n; j++)
			if (erlrc_term_is_tuple(mods->u.seq.v[j], 2) &&
			    n < list->u.seq.n)
				list->u.seq.v[n++] =
				    mods->u.seq.v[j]->u.seq.v[0];
	}
	list->u.seq.n = n;
	return list;
}

/*
 * A script run again after it failed past its point of no return finds
 * the modules whose state it changes at TO's code already: their
 * code_change would get TO as the old version, and the state of their
 * processes would stay unmigrated.  Those modules go to *AGAIN.
 */
static int
run_before(struct step *s, struct erlrc_buf *again, struct erlrc_error *err)
{
	/* a module the same in both versions tells nothing */
	return loaded_code(s, changed_state(s), s->todir, 1, 0, s->fromdir,
	    again, err);
}

/*
 * An appup written from the .beam files, for an application whose
 * callback module changes: what its start/2 set up when the application
 * started (tables, persistent terms, handlers, processes outside the
 * tree) is not redone by an upgrade, and the .beam files do not say what
 * must be.  (Tried: lager 3.8.0 -> 3.9.2 moves its configuration from an
 * ETS table to persistent terms that only start/2 fills, and stops
 * writing; syn 2.0.3 -> 2.1.0 moves a table its new code reads from
 * start/2 to a new child, and loses every registration.)  The module's
 * version_change/2, which that appup calls last, is where to redo it.
 */
static void
start_changed(struct step *s)
{
	struct erlrc_error e = ERLRC_ERROR_INIT;
	const char *m = s->toapp.mod;
	struct erlrc_beam *from, *to;

	if (!m || !s->fromapp.mod || strcmp(m, s->fromapp.mod) != 0)
		return;
	from = erlrc_beam_load(s->fromdir, m, &e);
	to = erlrc_beam_load(s->todir, m, &e);
	if (from && to && memcmp(from->path_md5, to->path_md5, 16) != 0 &&
	    !erlrc_beam_exports(s->u->down ? from : to, "version_change", 2))
		erlrc_buf_addf(&s->verdict, "; the application callback "
		    "module %s changes, and what its start/2 set up when %s "
		    "started is not redone by an upgrade, nor do the .beam "
		    "files say what must be (export version_change/2 from "
		    "%s to redo it)", m, s->u->app, m);
	erlrc_beam_free(from);
	erlrc_beam_free(to);
}

/*
 * Before the point of no return: does the script cover every process
 * that runs code it changes?  What it does not cover goes to s->verdict.
 */
static int
preflight(struct step *s, struct erlrc_error *err)
{
	struct erlrc_preflight p;
	size_t i;
	int ret;

	memset(&p, 0, sizeof(p));
	p.script = s->script;
	p.procs = s->procs;
	p.olddir = s->fromdir;
	p.newdir = s->todir;
	p.spared = erlrc_xcalloc(s->ngone + 1, sizeof(*p.spared));
	for (i = 0; i < s->ngone; i++)
		p.spared[p.nspared++] = s->gone[i].pid;
	ret = erlrc_preflight_check(s->l, &p, &s->verdict, err);
	free(p.spared);
	if (ret == 0 && s->made.nterms && s->appup == s->made.terms[0])
		start_changed(s);
	return ret;
}

/* The upgrade proper, APP running at FROM. */
static int
upgrade(struct step *s, struct erlrc_error *err)
{
	struct erlrc_term **pids = NULL, *reply;
	struct erlrc_buf again = ERLRC_BUF_INIT;
	struct erlrc_guard_job job = { .env = NULL };
	size_t npids = 0;
	long resumed;
	const struct erlrc_upgrade *u = s->u;
	int ready, ret = -1;

	if (erlrc_guard_idle(s->l, err) < 0 ||
	    running_dir(s, err) < 0 ||
	    erlrc_app_read_dir(&s->fromapp, s->fromdir, u->app, err) < 0 ||
	    erlrc_app_read_dir(&s->toapp, s->todir, u->app, err) < 0 ||
	    choose_appup(s, err) < 0 ||
	    sasl_ready(s, !u->dry_run, &ready, err) < 0)
		goto out;
	if (ready && (translate(s, err) < 0 ||
	    erlrc_suptree_read(s->l, u->app, &s->before, err) < 0))
		goto out;
	if (ready) {
		terminate_doomed(s);
		if (run_before(s, &again, err) < 0 ||
		    to_suspend(s, &pids, &npids, err) < 0 ||
		    preflight(s, err) < 0)
			goto out;
	}
	if (again.len && !u->dry_run) {
		if (!u->restart) {
			erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s -> %s "
			    "refused, nothing changed: the node runs %s's "
			    "code of %s already but reports %s %s: an earlier "
			    "attempt failed past its point of no return, and "
			    "the state of their processes cannot be migrated "
			    "again.  To converge, run 'erlrc-%s --restart %s "
			    "%s %s' (%s restarts cold at %s, the state of its "
			    "processes lost), then 'dpkg --configure -a' if a "
			    "package is left half-configured", u->app, s->from,
			    u->to, u->to, erlrc_buf_str(&again), u->app,
			    s->from, u->down ? "downgrade" : "upgrade", u->app,
			    s->from, u->to, u->app, u->to);
			goto out;
		}
		ret = cold_restart(s, err, "the node runs %s's code of %s "
		    "already but reports %s %s: an earlier attempt failed past "
		    "its point of no return", u->to, erlrc_buf_str(&again),
		    u->app, s->from);
		goto out;
	}
	if (u->dry_run) {
		print_plan(s);
		ret = 0;
		goto out;
	}
	if (s->verdict.len) {
		if (!u->restart) {
			erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s -> %s "
			    "refused, nothing changed: the appup (%s) is not "
			    "safe on this node: %s.  Ship an appup that "
			    "handles this, or run this again with --restart "
			    "(%s restarts cold at %s, the state of its "
			    "processes lost)", u->app, s->from,
			    u->to, s->source, erlrc_buf_str(&s->verdict) + 2,
			    u->app, u->to);
			goto out;
		}
		ret = cold_restart(s, err, "the appup (%s) for %s %s -> %s is "
		    "not safe on this node: %s", s->source, u->app, s->from,
		    u->to, erlrc_buf_str(&s->verdict) + 2);
		goto out;
	}
	if (env_overrides(s, &job.env, &job.nenv, err) < 0 ||
	    before_inclusion(s, err) < 0)
		goto out;
	job.app = u->app;
	job.from = s->from;
	job.to = u->to;
	job.todir = s->todir;
	job.script = s->script;
	job.listed = pids;
	job.nlisted = npids;
	if (erlrc_guard_eval(s->l, &job, &reply, &resumed, err) < 0)
		goto out;
	if (erlrc_term_is_tagged(reply, "ok", 2)) {
		if (purge_unpurged(s, reply->u.seq.v[1], err) < 0 ||
		    sup_children(s, err) < 0 ||
		    after_inclusion(s, err) < 0)
			goto out;
		if (verify(s, err) < 0) {
			if (!u->restart || !erlrc_live_connected(s->l))
				goto out;
			ret = cold_restart(s, err, "%s", err->msg);
			goto out;
		}
		if (s->reload)
			erlrc_log(s->l->log, ERLRC_LOG_NOTICE, "node '%s': "
			    "changed %s %s live to its package's files "
			    "(%s), with the appup %s", s->node, u->app, u->to,
			    s->todir, s->source);
		else
			erlrc_log(s->l->log, ERLRC_LOG_NOTICE, "node '%s': "
			    "%s %s %s to %s, with the appup %s", s->node,
			    u->down ? "downgraded" : "upgraded", u->app,
			    s->from, u->to, s->source);
		ret = 0;
		goto out;
	}
	if (erlrc_term_is_tagged(reply, "error", 2)) {
		if (undo_inclusion(s, err) < 0)
			goto out;
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s -> %s refused, "
		    "nothing changed: %s", u->app, s->from, u->to,
		    erlrc_live_text(s->l, reply->u.seq.v[1]));
		goto out;
	}
	/* {'EXIT', Reason}: past the point of no return; the guardian
	 * resumed what was suspended */
	if (u->restart) {
		/* the policy asked for: converged, the processes' state lost */
		ret = cold_restart(s, err, "%s %s -> %s failed after the point "
		    "of no return (%s); %ld suspended processes were resumed",
		    u->app, s->from, u->to, erlrc_live_text(s->l, reply),
		    resumed);
		goto out;
	}
	erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s -> %s failed after "
	    "the point of no return: %s.  The node runs %s's code but still "
	    "reports %s %s; %ld suspended processes were resumed, on the "
	    "state %s left them.  To converge, run this again with "
	    "--restart (%s starts cold at %s), or install a version that "
	    "fixes %s", u->app, s->from, u->to, erlrc_live_text(s->l, reply),
	    u->to, u->app, s->from, resumed, s->from, u->app, u->to, u->to);
out:
	erlrc_buf_destroy(&again);
	free(pids);
	free(job.env);
	return ret;
}

/*
 * APP runs TO's code, but a change of it (WHAT: "FROM -> TO") failed past
 * its point of no return since it last started: the state of its
 * processes was not migrated, which the version it reports cannot show
 * when the change kept the version.  Refused, or with restart a cold
 * restart.
 */
static int
failed_before(struct step *s, const char *what, struct erlrc_error *err)
{
	const struct erlrc_upgrade *u = s->u;

	if (u->dry_run) {
		fprintf(u->dry_run, "%%%% node '%s': %s %s failed past its "
		    "point of no return before: %s would restart cold at "
		    "%s\n", s->node, u->app, what, u->app, u->to);
		return 0;
	}
	if (u->restart)
		return cold_restart(s, err, "%s %s failed past its point of "
		    "no return before, and the state of its processes was not "
		    "migrated", u->app, what);
	return erlrc_error_set(err, ERLRC_ERR_FAILED, "%s runs %s's code, but "
	    "its change %s failed past its point of no return before, and "
	    "the state of its processes was not migrated: nothing done.  To "
	    "converge, run 'erlrc-upgrade --restart %s %s %s' (%s restarts "
	    "cold at %s, the state of its processes lost), then 'dpkg "
	    "--configure -a' if a package is left half-configured", u->app,
	    u->to, what, u->app, u->to, u->to, u->app, u->to);
}

/*
 * APP reports TO: is it the code of DIR (RUNS_THERE: the directory of the
 * node's code path for APP) that runs?  After an upgrade that failed
 * past its point of no return, installing the version left again finds
 * APP reporting it while other code runs: that code is put back by a
 * cold restart (with restart), or the run fails and says how.
 */
static int
check_running(struct step *s, const char *dir, int runs_there,
    struct erlrc_error *err)
{
	const struct erlrc_upgrade *u = s->u;
	struct erlrc_buf other = ERLRC_BUF_INIT;
	struct erlrc_termfile *tf = &s->l->tf;
	struct erlrc_term *mods;
	const char *failed;
	size_t i;
	int ret = -1;

	if (erlrc_app_read_dir(&s->toapp, dir, u->app, err) < 0)
		goto out;
	mods = erlrc_term_new_seq(tf, ERLRC_TERM_LIST, s->toapp.modules.n);
	for (i = 0; i < s->toapp.modules.n; i++)
		mods->u.seq.v[i] = erlrc_term_new_atom(tf,
		    s->toapp.modules.v[i]);
	if (loaded_code(s, mods, dir, 0, 1, NULL, &other, err) < 0 ||
	    erlrc_guard_failed(s->l, u->app, &failed, err) < 0)
		goto out;
	if (!other.len && failed) {
		/* its code is TO's, but its processes' state is not */
		ret = failed_before(s, failed, err);
		goto out;
	}
	if (!other.len) {
		erlrc_log(s->l->log, ERLRC_LOG_NOTICE, "node '%s': %s %s is "
		    "already running", s->node, u->app, u->to);
		ret = 0;
		goto out;
	}
	if (u->dry_run) {
		fprintf(u->dry_run, "%%%% node '%s': %s reports %s, but runs "
		    "other code of %s: %s would restart cold at %s\n", s->node,
		    u->app, u->to, erlrc_buf_str(&other), u->app, u->to);
		ret = 0;
		goto out;
	}
	if (!u->restart && runs_there && !inside(s->h->libdir, dir)) {
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s runs from %s, "
		    "where its package put it, not from a copy of erlrc's, "
		    "and the files of %s there changed since the node loaded "
		    "them: a live change needs the old ones, which are gone.  "
		    "Nothing done: restart %s ('erlrc-stop %s %s' then "
		    "'erlrc-start %s %s', or this again with --restart) or "
		    "the node to run the new code", u->app, u->to, dir,
		    erlrc_buf_str(&other), u->app, u->app, u->to, u->app,
		    u->to);
		goto out;
	}
	if (!u->restart) {
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s reports %s, but "
		    "the node runs other code than %s's of %s (left by an "
		    "upgrade or downgrade that failed past its point of no "
		    "return): nothing done.  To put %s's code back, run "
		    "'erlrc-stop %s %s' then 'erlrc-start %s %s', or this "
		    "again with --restart", u->app, u->to, u->to,
		    erlrc_buf_str(&other), u->to, u->app, u->to, u->app,
		    u->to);
		goto out;
	}
	ret = cold_restart(s, err, "%s reports %s, but the node runs other "
	    "code of %s", u->app, u->to, erlrc_buf_str(&other));
out:
	erlrc_buf_destroy(&other);
	return ret;
}

/*
 * APP runs at TO.  From files of the content the package now has (the
 * same content id): check that their code runs (check_running).  From
 * other files of TO (the package changed them, keeping the version: a
 * Debian revision, a security fix), change it live to the package's,
 * as an upgrade from TO to TO with an appup written from the .beam
 * files.  PKGDIR is where TO is installed.
 */
static int
same_version(struct step *s, const char *pkgdir, struct erlrc_error *err)
{
	const struct erlrc_upgrade *u = s->u;
	char nodeid[ERLRC_TREE_ID_LEN + 1], pkgid[ERLRC_TREE_ID_LEN + 1];
	struct erlrc_error e = ERLRC_ERROR_INIT;
	char *nodedir = NULL;
	int ret = -1;

	if (node_lib_dir(s, &nodedir, err) < 0 ||
	    erlrc_tree_digest(pkgdir, pkgid, err) < 0)
		goto out;
	if (!named_for(nodedir, u->app, u->to)) {
		/* the path names another version: a failed change */
		ret = check_running(s, pkgdir, 0, err);
		goto out;
	}
	if (erlrc_tree_digest(nodedir, nodeid, &e) < 0) {
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s runs from %s, "
		    "which cannot be read (%s): its package's files cannot "
		    "be compared with it.  Restart %s ('erlrc-stop %s %s' "
		    "then 'erlrc-start %s %s') or the node", u->app, u->to,
		    nodedir, e.msg, u->app, u->app, u->to, u->app, u->to);
		goto out;
	}
	if (strcmp(nodeid, pkgid) == 0) {
		ret = check_running(s, nodedir, 1, err);
		goto out;
	}
	s->reload = 1;
	s->from = u->to;
	s->fromdir = nodedir;
	nodedir = NULL;
	if (u->dry_run)
		s->todir = erlrc_xstrdup(pkgdir);
	else if (erlrc_tree_copy(s->h->libdir, u->app, u->to, pkgdir,
	    &s->todir, err) < 0)
		goto out;
	ret = upgrade(s, err);
out:
	free(nodedir);
	return ret;
}

/* erlrc_upgrade_node - see upgrade.h. */
int
erlrc_upgrade_node(struct erlrc_host *h, struct erlrc_live *l, void *arg,
    struct erlrc_error *err)
{
	struct erlrc_upgrade *u = arg, reload;
	struct step s;
	const char *running, *includer = NULL;
	char *pkgdir = NULL;
	int ret = -1;

	memset(&s, 0, sizeof(s));
	s.u = u;
	s.h = h;
	s.l = l;
	s.node = erlrc_live_node(l);
	erlrc_app_init(&s.fromapp);
	erlrc_app_init(&s.toapp);
	erlrc_appup_init(&s.shipped);
	erlrc_termfile_init(&s.made);
	erlrc_suptree_init(&s.before);
	erlrc_buf_init(&s.problems);
	erlrc_buf_init(&s.verdict);
	running = erlrc_live_running(l, u->app);
	/* included in a running application: it runs as part of it */
	if (!running && (erlrc_live_includer(l, u->app, &includer, err) < 0 ||
	    (includer && erlrc_live_loaded(l, u->app, &running, err) < 0)))
		goto out;
	if (running && strcmp(running, u->to) == 0) {
		/* whatever the direction, the node's files go to the
		 * package's: an upgrade from TO to TO */
		reload = *u;
		reload.down = 0;
		s.u = &reload;
		if (erlrc_host_find_app(h, u->app, u->to, &pkgdir, err) < 0 ||
		    same_version(&s, pkgdir, err) < 0)
			goto out;
		ret = 0;
		goto in_use;
	}
	if (running && u->from && strcmp(running, u->from) != 0) {
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s is running, "
		    "neither %s nor %s: nothing done", u->app, running,
		    u->from, u->to);
		goto out;
	}
	s.from = running;
	if (erlrc_host_find_app(h, u->app, u->to, &pkgdir, err) < 0)
		goto out;
	if (!running && !erlrc_registry_starts(&h->reg, u->app)) {
		erlrc_log(l->log, ERLRC_LOG_NOTICE, "node '%s': %s does not "
		    "run and %s: nothing to do", s.node, u->app,
		    erlrc_registry_has_app(&h->reg, u->app) ? "its "
		    "registration says 'start: false'" : "is not registered");
		ret = 0;
		goto in_use;
	}
	if (u->dry_run)
		s.todir = erlrc_xstrdup(pkgdir);
	else if (erlrc_tree_copy(h->libdir, u->app, u->to, pkgdir, &s.todir,
	    err) < 0)
		goto out;
	if (running) {
		if (upgrade(&s, err) < 0)
			goto out;
	} else if (u->dry_run) {
		fprintf(u->dry_run, "%%%% node '%s': %s does not run: %s %s "
		    "would start\n", s.node, u->app, u->app, u->to);
	} else if (erlrc_start_one(h, l, u->app, u->to, err) < 0) {
		goto out;
	}
	ret = 0;
in_use:
	if (ret == 0 && !u->dry_run)
		ret = erlrc_live_tree_in_use(l, h->libdir, &u->in_use,
		    &u->nin_use, err);
out:
	free(pkgdir);
	free(s.stopped);
	free(s.fromdir);
	free(s.todir);
	free(s.appup_file);
	free(s.gone);
	erlrc_buf_destroy(&s.problems);
	erlrc_buf_destroy(&s.verdict);
	erlrc_suptree_destroy(&s.before);
	erlrc_termfile_destroy(&s.made);
	erlrc_appup_destroy(&s.shipped);
	erlrc_app_destroy(&s.toapp);
	erlrc_app_destroy(&s.fromapp);
	return ret;
}

/* erlrc_upgrade_destroy - see upgrade.h. */
void
erlrc_upgrade_destroy(struct erlrc_upgrade *u)
{
	size_t i;

	for (i = 0; i < u->nin_use; i++)
		free(u->in_use[i]);
	free(u->in_use);
	u->in_use = NULL;
	u->nin_use = 0;
}
