/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rel.c - release resource files (rel(4)), checked as systools_make does */
#include <stdlib.h>
#include <string.h>

#include <erlrc/buf.h>
#include <erlrc/rel.h>
#include <erlrc/xalloc.h>

/*
 * systools_make:check_rel/1 checks the form of the file and that kernel
 * and stdlib are there and permanent.  Other mistakes it finds only with
 * the .app files in hand, or not at all: an application listed twice
 * goes through when it registers no name and has no module, and an
 * application that includes itself, directly or not, makes make_script
 * loop for ever.  Where the .rel alone says so, they are refused here.
 */

#define SHOW_MAX 72	/* bytes of a term shown in a message */

static const char *const type_names[] = {
	[ERLRC_REL_PERMANENT] = "permanent",
	[ERLRC_REL_TRANSIENT] = "transient",
	[ERLRC_REL_TEMPORARY] = "temporary",
	[ERLRC_REL_LOAD] = "load",
	[ERLRC_REL_NONE] = "none",
};

#define NTYPES (sizeof(type_names) / sizeof(type_names[0]))

static int
is_list(const struct erlrc_term *t)
{
	return t->type == ERLRC_TERM_LIST || t->type == ERLRC_TERM_STRING ||
	    t->type == ERLRC_TERM_NIL;
}

/* T for a message, cut after SHOW_MAX bytes: "an atom 'x'", "a tuple {}". */
static const char *
show(struct erlrc_buf *b, const struct erlrc_term *t)
{
	size_t start, cut;

	erlrc_buf_reset(b);
	erlrc_buf_adds(b, erlrc_term_describe(t));
	if (t->type == ERLRC_TERM_NIL)
		return erlrc_buf_str(b);
	erlrc_buf_addc(b, ' ');
	start = b->len;
	if (t->type == ERLRC_TERM_ATOM &&
	    !erlrc_term_atom_needs_quotes(t->u.text.s, t->u.text.len))
		erlrc_buf_addf(b, "'%s'", t->u.text.s);
	else
		erlrc_term_write(b, t);
	if (b->len - start > SHOW_MAX) {
		cut = start + SHOW_MAX;
		while (cut > start && (b->s[cut] & 0xc0) == 0x80)
			cut--;
		b->len = cut;
		b->s[cut] = '\0';
		erlrc_buf_adds(b, "...");
	}
	return erlrc_buf_str(b);
}

/* "[PREFIX: ]WHAT, got <T>" at T. */
static int
bad(struct erlrc_rel *r, const struct erlrc_term *t, const char *prefix,
    const char *what, struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;

	erlrc_term_error(err, &r->tf, t, "%s%s%s, got %s", prefix ? prefix : "",
	    prefix ? ": " : "", what, show(&b, t));
	erlrc_buf_destroy(&b);
	return -1;
}

/* *OUT = the string T (UTF-8, in R's arena), or -1 with err set. */
static int
get_string(struct erlrc_rel *r, const struct erlrc_term *t, const char **out,
    const char *prefix, const char *what, struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char *s;

	if (!erlrc_term_string(t, &b)) {
		erlrc_buf_destroy(&b);
		return bad(r, t, prefix, what, err);
	}
	s = erlrc_termfile_alloc(&r->tf, b.len + 1);
	memcpy(s, erlrc_buf_str(&b), b.len);
	*out = s;
	erlrc_buf_destroy(&b);
	return 0;
}

static int
get_type(struct erlrc_rel *r, struct erlrc_rel_app *app,
    const struct erlrc_term *t, struct erlrc_error *err)
{
	size_t i;

	for (i = 0; i < NTYPES; i++) {
		if (erlrc_term_is_atom(t, type_names[i])) {
			app->type = (enum erlrc_rel_type)i;
			return 0;
		}
	}
	return bad(r, t, app->name, "start type must be permanent, "
	    "transient, temporary, load or none", err);
}

static int
get_incl(struct erlrc_rel *r, struct erlrc_rel_app *app,
    const struct erlrc_term *t, struct erlrc_error *err)
{
	long n = is_list(t) ? erlrc_term_list_length(t) : -1;
	const struct erlrc_term *e;
	long i;

	if (n < 0)
		return bad(r, t, app->name, "included applications must be "
		    "a list of atoms", err);
	app->has_incl = 1;
	app->nincl = (size_t)n;
	app->incl = erlrc_termfile_alloc(&r->tf, ((size_t)n + 1) *
	    sizeof(*app->incl));
	for (i = 0; i < n; i++) {
		e = erlrc_term_nth(&r->tf, t, (size_t)i);
		if (e->type != ERLRC_TERM_ATOM)
			return bad(r, e, app->name, "included application "
			    "must be an atom", err);
		app->incl[i] = e->u.text.s;
	}
	return 0;
}

/* One {App, Vsn}, {App, Vsn, Type}, {App, Vsn, IncApps} or all four. */
static int
get_app(struct erlrc_rel *r, struct erlrc_rel_app *app,
    const struct erlrc_term *t, struct erlrc_error *err)
{
	struct erlrc_term *const *v;
	size_t n;

	app->term = t;
	app->type = ERLRC_REL_PERMANENT;
	if (t->type != ERLRC_TERM_TUPLE || t->u.seq.n < 2 || t->u.seq.n > 4)
		return bad(r, t, NULL, "expected {App, Vsn}, {App, Vsn, Type}, "
		    "{App, Vsn, IncApps} or {App, Vsn, Type, IncApps}", err);
	v = t->u.seq.v;
	n = t->u.seq.n;
	if (v[0]->type != ERLRC_TERM_ATOM)
		return bad(r, v[0], NULL, "application name must be an atom",
		    err);
	app->name = v[0]->u.text.s;
	if (get_string(r, v[1], &app->vsn, app->name,
	    "version must be a string", err))
		return -1;
	if (n == 3 && is_list(v[2]))
		return get_incl(r, app, v[2], err);
	if (n == 3 && v[2]->type != ERLRC_TERM_ATOM)
		return bad(r, v[2], app->name, "expected a start type or a "
		    "list of included applications", err);
	if (n >= 3 && get_type(r, app, v[2], err))
		return -1;
	if (n == 4)
		return get_incl(r, app, v[3], err);
	return 0;
}

static long
app_index(const struct erlrc_rel *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->napps; i++)
		if (strcmp(r->apps[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* Kernel and stdlib must be there, and permanent (mandatory_applications). */
static int
check_mandatory(struct erlrc_rel *r, const struct erlrc_term *list,
    struct erlrc_error *err)
{
	static const char *const names[] = { "kernel", "stdlib" };
	const struct erlrc_rel_app *app;
	size_t i;

	for (i = 0; i < 2; i++) {
		app = erlrc_rel_find(r, names[i]);
		if (!app)
			return erlrc_term_error(err, &r->tf, list, "mandatory "
			    "application '%s' is missing", names[i]);
		if (app->type != ERLRC_REL_PERMANENT)
			return bad(r, app->term->u.seq.v[2], app->name,
			    "a mandatory application must be permanent", err);
	}
	return 0;
}

/*
 * Included applications: in the release (undefined_applications),
 * included once (dupl_incls), and never by themselves, which would make
 * find_top_app loop.
 */
static int
check_includes(struct erlrc_rel *r, struct erlrc_error *err)
{
	const struct erlrc_rel_app *app;
	const struct erlrc_term *incl, *e;
	long *parent = erlrc_xmalloc(r->napps * sizeof(*parent) + 1);
	const struct erlrc_term **by = erlrc_xcalloc(r->napps + 1,
	    sizeof(*by));
	long k, p;
	size_t i, j, steps;
	int ret = -1;

	for (i = 0; i < r->napps; i++)
		parent[i] = -1;
	for (i = 0; i < r->napps; i++) {
		app = &r->apps[i];
		incl = app->term->u.seq.v[app->term->u.seq.n - 1];
		for (j = 0; j < app->nincl; j++) {
			e = erlrc_term_nth(&r->tf, incl, j);
			k = app_index(r, app->incl[j]);
			if (k < 0) {
				erlrc_term_error(err, &r->tf, e, "%s: included "
				    "application '%s' is not in the release",
				    app->name, app->incl[j]);
				goto out;
			}
			if (parent[k] >= 0) {
				erlrc_term_error(err, &r->tf, e, "%s: '%s' is "
				    "already included by '%s' on line %u",
				    app->name, app->incl[j],
				    r->apps[parent[k]].name, by[k]->line);
				goto out;
			}
			parent[k] = (long)i;
			by[k] = e;
		}
	}
	for (k = 0; k < (long)r->napps; k++) {
		p = parent[k];
		for (steps = 0; p >= 0 && steps < r->napps; steps++) {
			if (p == k) {
				erlrc_term_error(err, &r->tf, by[k], "%s: "
				    "including '%s' makes a cycle",
				    r->apps[parent[k]].name, r->apps[k].name);
				goto out;
			}
			p = parent[p];
		}
	}
	ret = 0;
out:
	free(by);
	free(parent);
	return ret;
}

static int
check_apps(struct erlrc_rel *r, const struct erlrc_term *list,
    struct erlrc_error *err)
{
	long n = is_list(list) ? erlrc_term_list_length(list) : -1;
	const struct erlrc_rel_app *first;
	long i;

	if (n < 0)
		return bad(r, list, NULL, "applications must be a list", err);
	r->apps = erlrc_termfile_alloc(&r->tf, ((size_t)n + 1) *
	    sizeof(*r->apps));
	for (i = 0; i < n; i++) {
		if (get_app(r, &r->apps[i], erlrc_term_nth(&r->tf, list,
		    (size_t)i), err))
			return -1;
		first = erlrc_rel_find(r, r->apps[i].name);
		if (first)
			return erlrc_term_error(err, &r->tf,
			    r->apps[i].term->u.seq.v[0], "%s: listed twice "
			    "(first on line %u)", first->name,
			    first->term->line);
		r->napps++;
	}
	return check_mandatory(r, list, err) || check_includes(r, err) ?
	    -1 : 0;
}

static int
check_rel(struct erlrc_rel *r, struct erlrc_error *err)
{
	static const char form[] = "{release, {Name, Vsn}, {erts, Vsn}, "
	    "[Application]}";
	struct erlrc_termfile *tf = &r->tf;
	struct erlrc_term *const *v;
	const struct erlrc_term *t;

	if (tf->nterms == 0)
		return erlrc_term_error(err, tf, NULL, "expected %s, got "
		    "nothing", form);
	if (tf->nterms > 1)
		return erlrc_term_error(err, tf, tf->terms[1], "expected one "
		    "term, got a second one");
	t = tf->terms[0];
	if (!erlrc_term_is_tagged(t, "release", 4))
		return bad(r, t, NULL, "expected {release, {Name, Vsn}, "
		    "{erts, Vsn}, [Application]}", err);
	v = t->u.seq.v;
	if (!erlrc_term_is_tuple(v[1], 2))
		return bad(r, v[1], NULL, "expected {Name, Vsn}", err);
	if (!erlrc_term_is_tagged(v[2], "erts", 2))
		return bad(r, v[2], NULL, "expected {erts, Vsn}", err);
	if (get_string(r, v[1]->u.seq.v[0], &r->name, NULL,
	    "release name must be a string", err) ||
	    get_string(r, v[1]->u.seq.v[1], &r->vsn, NULL,
	    "release version must be a string", err) ||
	    get_string(r, v[2]->u.seq.v[1], &r->erts_vsn, NULL,
	    "erts version must be a string", err))
		return -1;
	return check_apps(r, v[3], err);
}

/* erlrc_rel_init - an empty release, ready for read or parse. */
void
erlrc_rel_init(struct erlrc_rel *r)
{
	memset(r, 0, sizeof(*r));
	erlrc_termfile_init(&r->tf);
}

/* erlrc_rel_destroy - free what R holds (all in its termfile). */
void
erlrc_rel_destroy(struct erlrc_rel *r)
{
	erlrc_termfile_destroy(&r->tf);
	erlrc_rel_init(r);
}

/*
 * erlrc_rel_read - read and check the release file PATH into R (freshly
 * initialised); R owns every string.  Returns 0, or -1 with err set
 * (ERLRC_ERR_NOTFOUND for a missing file, ERLRC_ERR_INPUT for a bad one,
 * at the offending term); R must be destroyed either way.
 */
int
erlrc_rel_read(struct erlrc_rel *r, const char *path,
    struct erlrc_error *err)
{
	if (erlrc_termfile_read(&r->tf, path, err))
		return -1;
	return check_rel(r, err);
}

/*
 * erlrc_rel_parse - erlrc_rel_read for TEXT (LEN bytes) read from the
 * file NAME.  Returns 0, or -1 with err (ERLRC_ERR_INPUT) set.
 */
int
erlrc_rel_parse(struct erlrc_rel *r, const char *name, const char *text,
    size_t len, struct erlrc_error *err)
{
	if (erlrc_term_parse(&r->tf, name, text, len, err))
		return -1;
	return check_rel(r, err);
}

/* erlrc_rel_find - the application NAME of R (owned by R), or NULL. */
const struct erlrc_rel_app *
erlrc_rel_find(const struct erlrc_rel *r, const char *name)
{
	long i = app_index(r, name);

	return i < 0 ? NULL : &r->apps[i];
}

/* erlrc_rel_type_name - the atom of start type T. */
const char *
erlrc_rel_type_name(enum erlrc_rel_type t)
{
	return (size_t)t < NTYPES ? type_names[t] : "permanent";
}
