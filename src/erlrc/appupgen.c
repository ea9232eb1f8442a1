/* SPDX-License-Identifier: GPL-2.0-or-later */
/* appupgen.c - an appup written from two versions' .beam files (DESIGN §7) */
#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <erlrc/app.h>
#include <erlrc/appup.h>
#include <erlrc/appupgen.h>
#include <erlrc/beam.h>
#include <erlrc/buf.h>
#include <erlrc/strmap.h>
#include <erlrc/xalloc.h>

#define NONE ERLRC_STRMAP_NONE

enum change { SAME, ADDED, REMOVED, CHANGED };

/* A module of either version, and what becomes of it. */
struct mod {
	const char *name;
	struct erlrc_beam *old, *new;	/* NULL where it does not exist */
	enum change change;
	size_t *deps;		/* modules with instructions that it calls */
	size_t ndeps;
	/* Tarjan's strongly connected components */
	size_t index, low;
	int visited, on_stack;
};

struct gen {
	const char *app;
	struct erlrc_app oldapp, newapp;
	struct mod *mods;
	size_t n, cap;
	struct erlrc_strmap byname;
	size_t *order;		/* added and changed, callees first */
	size_t norder;
	size_t *stack, depth, counter;
	struct erlrc_termfile *out;
	struct erlrc_error *err;
};

static struct mod *
mod_entry(struct gen *g, const char *name)
{
	size_t i = erlrc_strmap_get(&g->byname, name);

	if (i != NONE)
		return &g->mods[i];
	g->mods = erlrc_xgrow(g->mods, &g->cap, g->n, sizeof(*g->mods));
	memset(&g->mods[g->n], 0, sizeof(g->mods[g->n]));
	g->mods[g->n].name = name;
	erlrc_strmap_put(&g->byname, name, g->n);
	return &g->mods[g->n++];
}

static int
compare_mods(const void *a, const void *b)
{
	return strcmp(((const struct mod *)a)->name,
	    ((const struct mod *)b)->name);
}

/* Read both versions' modules and see what changed. */
static int
compare(struct gen *g, const char *olddir, const char *newdir)
{
	struct mod *m;
	size_t i;

	for (i = 0; i < g->oldapp.modules.n; i++) {
		m = mod_entry(g, g->oldapp.modules.v[i]);
		if (!(m->old = erlrc_beam_load(olddir, m->name, g->err)))
			return -1;
	}
	for (i = 0; i < g->newapp.modules.n; i++) {
		m = mod_entry(g, g->newapp.modules.v[i]);
		if (!(m->new = erlrc_beam_load(newdir, m->name, g->err)))
			return -1;
	}
	/* by name, so that the output does not depend on the .app order */
	qsort(g->mods, g->n, sizeof(*g->mods), compare_mods);
	erlrc_strmap_destroy(&g->byname);
	erlrc_strmap_init(&g->byname);
	for (i = 0; i < g->n; i++) {
		m = &g->mods[i];
		erlrc_strmap_put(&g->byname, m->name, i);
		if (!m->old)
			m->change = ADDED;
		else if (!m->new)
			m->change = REMOVED;
		else if (memcmp(m->old->md5, m->new->md5, 16) != 0 &&
		    memcmp(m->old->path_md5, m->new->path_md5, 16) != 0)
			m->change = CHANGED;
		else
			m->change = SAME;
	}
	return 0;
}

/* The modules with instructions that the new code of M calls. */
static void
find_deps(struct gen *g, struct mod *m)
{
	size_t i, j, k;

	m->deps = erlrc_xcalloc(m->new->nimports + 1, sizeof(*m->deps));
	for (i = 0; i < m->new->nimports; i++) {
		k = erlrc_strmap_get(&g->byname, m->new->imports[i].module);
		if (k == NONE || &g->mods[k] == m ||
		    (g->mods[k].change != ADDED &&
		    g->mods[k].change != CHANGED))
			continue;
		for (j = 0; j < m->ndeps && m->deps[j] != k; j++)
			;
		if (j == m->ndeps)
			m->deps[m->ndeps++] = k;
	}
}

static int
compare_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Tarjan: each component comes out after every component it calls. */
static void
visit(struct gen *g, size_t v)
{
	struct mod *m = &g->mods[v];
	size_t j, w, first;

	m->visited = 1;
	m->index = m->low = g->counter++;
	g->stack[g->depth++] = v;
	m->on_stack = 1;
	for (j = 0; j < m->ndeps; j++) {
		w = m->deps[j];
		if (!g->mods[w].visited) {
			visit(g, w);
			if (g->mods[w].low < m->low)
				m->low = g->mods[w].low;
		} else if (g->mods[w].on_stack && g->mods[w].index < m->low) {
			m->low = g->mods[w].index;
		}
	}
	if (m->low != m->index)
		return;
	/* a component: the stack above v, listed by name (index order) */
	first = g->depth;
	do {
		w = g->stack[--first];
		g->mods[w].on_stack = 0;
	} while (w != v);
	qsort(g->stack + first, g->depth - first, sizeof(*g->stack),
	    compare_index);
	for (j = first; j < g->depth; j++)
		g->order[g->norder++] = g->stack[j];
	g->depth = first;
}

/* Terms built in the output file. */
static struct erlrc_term *
atom(struct gen *g, const char *name)
{
	return erlrc_term_new_atom(g->out, name);
}

static struct erlrc_term *
tuple(struct gen *g, size_t n, ...)
{
	struct erlrc_term *t;
	va_list ap;

	va_start(ap, n);
	t = erlrc_term_new_ofv(g->out, ERLRC_TERM_TUPLE, n, ap);
	va_end(ap);
	return t;
}

/* A growing list of terms, made a list term at the end. */
struct list {
	struct erlrc_term **v;
	size_t n, cap;
};

static void
push(struct list *l, struct erlrc_term *t)
{
	l->v = erlrc_xgrow(l->v, &l->cap, l->n, sizeof(*l->v));
	l->v[l->n++] = t;
}

static struct erlrc_term *
list_term(struct gen *g, struct list *l)
{
	struct erlrc_term *t = erlrc_term_new_seq(g->out, ERLRC_TERM_LIST,
	    l->n);
	size_t i;

	for (i = 0; i < l->n; i++)
		t->u.seq.v[i] = l->v[i];
	free(l->v);
	memset(l, 0, sizeof(*l));
	return t;
}

static struct erlrc_term *
dep_mods(struct gen *g, const struct mod *m)
{
	struct list l = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < m->ndeps; i++)
		push(&l, atom(g, g->mods[m->deps[i]].name));
	return list_term(g, &l);
}

/* {apply, {M, F, [A1, A2]}} */
static struct erlrc_term *
apply(struct gen *g, const char *m, const char *f, struct erlrc_term *a1,
    struct erlrc_term *a2)
{
	struct list args = { NULL, 0, 0 };

	push(&args, a1);
	push(&args, a2);
	return tuple(g, 2, atom(g, "apply"), tuple(g, 3, atom(g, m),
	    atom(g, f), list_term(g, &args)));
}

static struct erlrc_term *
vsn(struct gen *g, const char *v)
{
	return erlrc_term_new_string(g->out, v);
}

/*
 * Does B implement a behaviour whose processes run its callbacks?  Their
 * code_change/3 is optional: without it an update is soft.
 */
static int
process_behaviour(const struct erlrc_beam *b)
{
	static const char *const names[] = {
		"gen_server", "gen_statem", "gen_fsm", "gen_event",
		"supervisor_bridge",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (erlrc_beam_has_behaviour(b, names[i]))
			return 1;
	return 0;
}

/* The instruction for changed module M, and its notify, going UP. */
static void
changed(struct gen *g, const struct mod *m, int up, struct list *l)
{
	const struct erlrc_beam *b = m->new;	/* the code on the new side */
	const char *ov = g->oldapp.vsn, *nv = g->newapp.vsn;

	if (erlrc_beam_has_behaviour(b, "supervisor")) {
		if (!up && erlrc_beam_exports(b, "sup_downgrade_notify", 2))
			push(l, apply(g, m->name, "sup_downgrade_notify",
			    vsn(g, ov), vsn(g, nv)));
		push(l, tuple(g, 3, atom(g, "update"), atom(g, m->name),
		    atom(g, "supervisor")));
		if (up && erlrc_beam_exports(b, "sup_upgrade_notify", 2))
			push(l, apply(g, m->name, "sup_upgrade_notify",
			    vsn(g, ov), vsn(g, nv)));
	} else if (erlrc_beam_exports(b, "code_change", 3) ||
	    erlrc_beam_exports(b, "system_code_change", 4)) {
		/* a special process is updated too: loaded without being
		 * suspended, it would meet sys:get_status on old state */
		push(l, tuple(g, 4, atom(g, "update"), atom(g, m->name),
		    tuple(g, 2, atom(g, "advanced"), erlrc_term_new_seq(g->out,
		    ERLRC_TERM_LIST, 0)), dep_mods(g, m)));
	} else if (process_behaviour(b)) {
		/* no code_change/3 to call, but the processes are suspended
		 * while their module changes under them */
		push(l, tuple(g, 4, atom(g, "update"), atom(g, m->name),
		    atom(g, "soft"), dep_mods(g, m)));
	} else {
		push(l, tuple(g, 3, atom(g, "load_module"), atom(g, m->name),
		    dep_mods(g, m)));
	}
}

static struct erlrc_term *
add_or_delete(struct gen *g, const char *what, const struct mod *m)
{
	return tuple(g, 3, atom(g, what), atom(g, m->name), dep_mods(g, m));
}

/*
 * The application callback module's version_change/2, last going up;
 * going down, first undone: it is called as the code being left has it.
 */
static struct erlrc_term *
version_change(struct gen *g, int up)
{
	const char *cb = g->newapp.mod;
	size_t k;

	if (!cb)
		return NULL;
	k = erlrc_strmap_get(&g->byname, cb);
	if (k == NONE || !g->mods[k].new ||
	    !erlrc_beam_exports(g->mods[k].new, "version_change", 2))
		return NULL;
	return apply(g, cb, "version_change", up ? vsn(g, g->oldapp.vsn) :
	    tuple(g, 2, atom(g, "down"), vsn(g, g->oldapp.vsn)),
	    erlrc_term_new_seq(g->out, ERLRC_TERM_LIST, 0));
}

/* The instructions of one direction. */
static struct erlrc_term *
instructions(struct gen *g, int up)
{
	struct list l = { NULL, 0, 0 }, rev = { NULL, 0, 0 };
	struct erlrc_term *vc = version_change(g, up);
	const struct mod *m;
	size_t i, j;
	int pass, kind;

	if (!up && vc)
		push(&l, vc);
	/* going down, the last thing done going up is undone first */
	for (i = 0; i < g->n; i++) {
		m = &g->mods[up ? i : g->n - 1 - i];
		if (m->change == REMOVED)
			push(up ? &rev : &l, add_or_delete(g, up ?
			    "delete_module" : "add_module", m));
	}
	/*
	 * Going up: the modules added first (loading code no process runs
	 * yet is harmless, and a supervisor may start them), then the
	 * supervisors (a new init/1, which the update calls, may set up what
	 * the code_change of the processes below needs: Ranch's connection
	 * supervisors make their counters there), then the other modules.
	 * Going down, the reverse.
	 */
	for (pass = 0; pass < 3; pass++) {
		kind = up ? pass : 2 - pass;
		for (i = 0; i < g->norder; i++) {
			m = &g->mods[g->order[up ? i : g->norder - 1 - i]];
			if (kind != (m->change == ADDED ? 0 :
			    erlrc_beam_has_behaviour(m->new, "supervisor") ?
			    1 : 2))
				continue;
			if (m->change == ADDED)
				push(&l, add_or_delete(g, up ? "add_module" :
				    "delete_module", m));
			else
				changed(g, m, up, &l);
		}
	}
	for (j = 0; j < rev.n; j++)
		push(&l, rev.v[j]);
	free(rev.v);
	if (up && vc)
		push(&l, vc);
	return list_term(g, &l);
}

/* erlrc_appup_generate - see appupgen.h. */
int
erlrc_appup_generate(struct erlrc_termfile *out, const char *app,
    const char *olddir, const char *newdir, struct erlrc_error *err)
{
	struct gen g;
	struct erlrc_term *up, *down, *entry[2], *t, **terms;
	struct list l;
	size_t i;
	int ret = -1;

	memset(&g, 0, sizeof(g));
	g.app = app;
	g.out = out;
	g.err = err;
	erlrc_app_init(&g.oldapp);
	erlrc_app_init(&g.newapp);
	erlrc_strmap_init(&g.byname);
	if (erlrc_app_read_dir(&g.oldapp, olddir, app, err) < 0 ||
	    erlrc_app_read_dir(&g.newapp, newdir, app, err) < 0 ||
	    compare(&g, olddir, newdir) < 0)
		goto out;
	g.order = erlrc_xcalloc(g.n + 1, sizeof(*g.order));
	g.stack = erlrc_xcalloc(g.n + 1, sizeof(*g.stack));
	for (i = 0; i < g.n; i++)
		if (g.mods[i].change == ADDED || g.mods[i].change == CHANGED)
			find_deps(&g, &g.mods[i]);
	for (i = 0; i < g.n; i++)
		if ((g.mods[i].change == ADDED ||
		    g.mods[i].change == CHANGED) && !g.mods[i].visited)
			visit(&g, i);
	up = instructions(&g, 1);
	down = instructions(&g, 0);
	entry[0] = tuple(&g, 2, vsn(&g, g.oldapp.vsn), up);
	entry[1] = tuple(&g, 2, vsn(&g, g.oldapp.vsn), down);
	memset(&l, 0, sizeof(l));
	push(&l, entry[0]);
	up = list_term(&g, &l);
	push(&l, entry[1]);
	down = list_term(&g, &l);
	t = tuple(&g, 3, vsn(&g, g.newapp.vsn), up, down);
	/* the file's term array lives in its arena */
	terms = erlrc_termfile_alloc(out, (out->nterms + 1) * sizeof(*terms));
	if (out->nterms)
		memcpy(terms, out->terms, out->nterms * sizeof(*terms));
	terms[out->nterms++] = t;
	out->terms = terms;
	ret = 0;
out:
	for (i = 0; i < g.n; i++) {
		erlrc_beam_free(g.mods[i].old);
		erlrc_beam_free(g.mods[i].new);
		free(g.mods[i].deps);
	}
	free(g.mods);
	free(g.order);
	free(g.stack);
	erlrc_strmap_destroy(&g.byname);
	erlrc_app_destroy(&g.oldapp);
	erlrc_app_destroy(&g.newapp);
	return ret;
}

/* Is module M in the version of DIR (listed in APP's .app, .beam there)? */
static int
has_module(const struct erlrc_app *a, const char *dir, const char *m)
{
	char *file;
	struct stat st;
	int ret;

	if (!erlrc_names_has(&a->modules, m))
		return 0;
	file = erlrc_xasprintf("%s/ebin/%s.beam", dir, m);
	ret = stat(file, &st) == 0 && S_ISREG(st.st_mode);
	free(file);
	return ret;
}

/*
 * Check the modules named by the instructions of one entry: added,
 * loaded or updated modules in the version moved TO, deleted ones in the
 * version moved FROM.
 */
static int
check_modules(struct erlrc_appup *a, const struct erlrc_term *instrs,
    const struct erlrc_app *from, const char *fromdir,
    const struct erlrc_app *to, const char *todir, struct erlrc_error *err)
{
	const struct erlrc_term *in, *m;
	const struct erlrc_app *where;
	const char *dir, *op;
	long i, n = erlrc_term_list_length(instrs);

	for (i = 0; i < n; i++) {
		in = erlrc_term_nth(&a->tf, instrs, (size_t)i);
		if (in->type != ERLRC_TERM_TUPLE || in->u.seq.n < 2 ||
		    in->u.seq.v[0]->type != ERLRC_TERM_ATOM ||
		    in->u.seq.v[1]->type != ERLRC_TERM_ATOM)
			continue;
		op = in->u.seq.v[0]->u.text.s;
		m = in->u.seq.v[1];
		if (strcmp(op, "delete_module") == 0) {
			where = from;
			dir = fromdir;
		} else if (strcmp(op, "add_module") == 0 ||
		    strcmp(op, "load_module") == 0 ||
		    strcmp(op, "update") == 0) {
			where = to;
			dir = todir;
		} else {
			continue;
		}
		if (!has_module(where, dir, m->u.text.s))
			return erlrc_term_error(err, &a->tf, in, "%s: module "
			    "'%s' is not in %s %s (%s/ebin)", op,
			    m->u.text.s, where->name, where->vsn, dir);
	}
	return 0;
}

/* erlrc_appup_check_against - see appupgen.h. */
int
erlrc_appup_check_against(const char *file, const char *app,
    const char *olddir, const char *newdir, struct erlrc_error *err)
{
	const struct erlrc_appup_entry *up, *down;
	struct erlrc_app oldapp, newapp;
	struct erlrc_appup a;
	const struct erlrc_term *top;
	int ret = -1;

	erlrc_appup_init(&a);
	erlrc_app_init(&oldapp);
	erlrc_app_init(&newapp);
	if (erlrc_appup_read(&a, file, err) < 0 ||
	    erlrc_app_read_dir(&oldapp, olddir, app, err) < 0 ||
	    erlrc_app_read_dir(&newapp, newdir, app, err) < 0)
		goto out;
	top = a.tf.terms[0];
	if (strcmp(a.vsn, newapp.vsn) != 0) {
		erlrc_term_error(err, &a.tf, top->u.seq.v[0], "the appup "
		    "upgrades to \"%s\", but %s/ebin/%s.app says \"%s\"",
		    a.vsn, newdir, app, newapp.vsn);
		goto out;
	}
	up = erlrc_appup_find(&a, 1, oldapp.vsn);
	down = erlrc_appup_find(&a, 0, oldapp.vsn);
	if (!up || !down) {
		erlrc_term_error(err, &a.tf, top->u.seq.v[up ? 2 : 1], "no "
		    "%s entry for version \"%s\" (%s/ebin/%s.app)",
		    up ? "downgrade" : "upgrade", oldapp.vsn, olddir, app);
		goto out;
	}
	if (check_modules(&a, up->instructions, &oldapp, olddir, &newapp,
	    newdir, err) < 0 ||
	    check_modules(&a, down->instructions, &newapp, newdir, &oldapp,
	    olddir, err) < 0)
		goto out;
	ret = 0;
out:
	erlrc_app_destroy(&newapp);
	erlrc_app_destroy(&oldapp);
	erlrc_appup_destroy(&a);
	return ret;
}

/* One entry list, an instruction a line, indented as OTP's appups are. */
static void
write_entries(struct erlrc_buf *out, const struct erlrc_term *entries)
{
	const struct erlrc_term *e, *instrs;
	size_t i, j;

	erlrc_buf_adds(out, "[");
	for (i = 0; i < entries->u.seq.n; i++) {
		e = entries->u.seq.v[i];
		instrs = e->u.seq.v[1];
		erlrc_buf_adds(out, i ? ",\n  {" : "{");
		erlrc_term_write(out, e->u.seq.v[0]);
		erlrc_buf_adds(out, ",\n   [");
		for (j = 0; instrs->type == ERLRC_TERM_LIST &&
		    j < instrs->u.seq.n; j++) {
			if (j)
				erlrc_buf_adds(out, ",\n    ");
			erlrc_term_write(out, instrs->u.seq.v[j]);
		}
		erlrc_buf_adds(out, "]}");
	}
	erlrc_buf_adds(out, "]");
}

/* erlrc_appup_write - see appupgen.h. */
void
erlrc_appup_write(struct erlrc_buf *out, const struct erlrc_term *appup)
{
	erlrc_buf_adds(out, "{");
	erlrc_term_write(out, appup->u.seq.v[0]);
	erlrc_buf_adds(out, ",\n ");
	write_entries(out, appup->u.seq.v[1]);
	erlrc_buf_adds(out, ",\n ");
	write_entries(out, appup->u.seq.v[2]);
	erlrc_buf_adds(out, "}.\n");
}

/* erlrc_appup_app_of - see appupgen.h. */
int
erlrc_appup_app_of(const char *dir, char **app, struct erlrc_error *err)
{
	char *ebin = erlrc_xpathjoin(dir, "ebin");
	struct dirent *de;
	size_t len, n = 0;
	DIR *d = opendir(ebin);
	int ret = -1;

	*app = NULL;
	if (!d) {
		erlrc_error_errno(err, "%s", ebin);
		goto out;
	}
	while ((de = readdir(d))) {
		len = strlen(de->d_name);
		if (len <= 4 || strcmp(de->d_name + len - 4, ".app") != 0 ||
		    de->d_name[0] == '.')
			continue;
		if (n++) {
			erlrc_error_set(err, ERLRC_ERR_INPUT, "%s holds more "
			    "than one .app file: %s.app and %s", ebin, *app,
			    de->d_name);
			goto out;
		}
		*app = erlrc_xstrndup(de->d_name, len - 4);
	}
	if (!n) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "%s holds no .app file",
		    ebin);
		goto out;
	}
	ret = 0;
out:
	if (d)
		closedir(d);
	if (ret < 0) {
		free(*app);
		*app = NULL;
	}
	free(ebin);
	return ret;
}
