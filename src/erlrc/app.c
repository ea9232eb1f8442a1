/* SPDX-License-Identifier: GPL-2.0-or-later */
/* app.c - an application resource file (app(4)), read and checked */
#include <stdlib.h>
#include <string.h>

#include <erlrc/app.h>
#include <erlrc/buf.h>
#include <erlrc/xalloc.h>

void
erlrc_app_init(struct erlrc_app *app)
{
	memset(app, 0, sizeof(*app));
	erlrc_termfile_init(&app->tf);
}

void
erlrc_app_destroy(struct erlrc_app *app)
{
	erlrc_termfile_destroy(&app->tf);
	erlrc_app_init(app);
}

int
erlrc_names_has(const struct erlrc_names *names, const char *app)
{
	size_t i;

	for (i = 0; i < names->n; i++)
		if (strcmp(names->v[i], app) == 0)
			return 1;
	return 0;
}

/* A short rendering of T for messages: "{a,b}", cut at 60 bytes. */
static const char *
show(struct erlrc_app *app, const struct erlrc_term *t)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char *s;

	erlrc_term_write(&b, t);
	if (b.len > 60) {
		b.len = 57;
		while (b.len > 0 && (b.s[b.len] & 0xc0) == 0x80)
			b.len--;	/* not inside a UTF-8 character */
		erlrc_buf_adds(&b, "...");
	}
	s = erlrc_termfile_alloc(&app->tf, b.len + 1);
	memcpy(s, erlrc_buf_str(&b), b.len + 1);
	erlrc_buf_destroy(&b);
	return s;
}

static int
bad(struct erlrc_app *app, struct erlrc_error *err, const char *key,
    const struct erlrc_term *t, const char *want)
{
	return erlrc_term_error(err, &app->tf, t, "%s: expected %s, got %s",
	    key, want, show(app, t));
}

static int
get_string(struct erlrc_app *app, const char *key,
    const struct erlrc_term *t, const char **out, struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char *s;

	if (!erlrc_term_string(t, &b)) {
		erlrc_buf_destroy(&b);
		return bad(app, err, key, t, "a string");
	}
	s = erlrc_termfile_alloc(&app->tf, b.len + 1);
	memcpy(s, erlrc_buf_str(&b), b.len + 1);
	erlrc_buf_destroy(&b);
	*out = s;
	return 0;
}

/* A list of atoms (STRINGS 0) or of strings (STRINGS 1). */
static int
get_names(struct erlrc_app *app, const char *key, const struct erlrc_term *t,
    int strings, struct erlrc_names *out, struct erlrc_error *err)
{
	const char *want = strings ? "a list of strings" : "a list of atoms";
	long n = erlrc_term_list_length(t);
	size_t i;

	if (n < 0 || t->type == ERLRC_TERM_STRING)
		return bad(app, err, key, t, want);
	out->n = (size_t)n;
	out->v = erlrc_termfile_alloc(&app->tf, (out->n + 1) *
	    sizeof(*out->v));
	for (i = 0; i < out->n; i++) {
		const struct erlrc_term *e = t->u.seq.v[i];

		if (strings) {
			if (get_string(app, key, e, &out->v[i], err) < 0)
				return -1;
		} else if (e->type != ERLRC_TERM_ATOM) {
			return erlrc_term_error(err, &app->tf, e,
			    "%s: expected an atom, got %s", key,
			    show(app, e));
		} else {
			out->v[i] = e->u.text.s;
		}
	}
	return 0;
}

/* A list of {Atom, Term} pairs (env, start_phases). */
static int
check_pairs(struct erlrc_app *app, const char *key,
    const struct erlrc_term *t, struct erlrc_error *err)
{
	long n = erlrc_term_list_length(t), i;

	if (n < 0 || t->type == ERLRC_TERM_STRING)
		return bad(app, err, key, t, "a list of {Key, Value} tuples");
	for (i = 0; i < n; i++) {
		const struct erlrc_term *e = t->u.seq.v[i];

		if (!erlrc_term_is_tagged(e, NULL, 2))
			return erlrc_term_error(err, &app->tf, e,
			    "%s: expected a {Key, Value} tuple with an atom "
			    "key, got %s", key, show(app, e));
	}
	return 0;
}

static int
get_max(struct erlrc_app *app, const char *key, const struct erlrc_term *t,
    long *out, struct erlrc_error *err)
{
	if (erlrc_term_is_atom(t, "infinity")) {
		*out = 0;
		return 0;
	}
	if (t->type != ERLRC_TERM_INTEGER || t->u.i <= 0 || t->u.i > 1L << 40)
		return bad(app, err, key, t,
		    "a positive integer or infinity");
	*out = (long)t->u.i;
	return 0;
}

/* runtime_dependencies: "App-Vsn" strings, App an atom's text. */
static int
check_runtime_deps(struct erlrc_app *app, const struct erlrc_term *t,
    struct erlrc_error *err)
{
	size_t i;

	for (i = 0; i < app->runtime_deps.n; i++) {
		const char *s = app->runtime_deps.v[i];
		const char *dash = strrchr(s, '-');

		if (!dash || dash == s || dash[1] == '\0')
			return erlrc_term_error(err, &app->tf,
			    t->u.seq.v[i], "runtime_dependencies: expected "
			    "\"App-Vsn\", got \"%s\"", s);
	}
	return 0;
}

static int
check_key(struct erlrc_app *app, const char *key, const struct erlrc_term *v,
    struct erlrc_error *err)
{
	if (strcmp(key, "vsn") == 0)
		return get_string(app, key, v, &app->vsn, err);
	if (strcmp(key, "description") == 0)
		return get_string(app, key, v, &app->description, err);
	if (strcmp(key, "id") == 0)
		return get_string(app, key, v, &app->id, err);
	if (strcmp(key, "modules") == 0)
		return get_names(app, key, v, 0, &app->modules, err);
	if (strcmp(key, "registered") == 0)
		return get_names(app, key, v, 0, &app->registered, err);
	if (strcmp(key, "applications") == 0)
		return get_names(app, key, v, 0, &app->applications, err);
	if (strcmp(key, "included_applications") == 0)
		return get_names(app, key, v, 0, &app->included, err);
	if (strcmp(key, "optional_applications") == 0)
		return get_names(app, key, v, 0, &app->optional, err);
	if (strcmp(key, "runtime_dependencies") == 0)
		return get_names(app, key, v, 1, &app->runtime_deps, err) < 0 ?
		    -1 : check_runtime_deps(app, v, err);
	if (strcmp(key, "maxT") == 0)
		return get_max(app, key, v, &app->max_t, err);
	if (strcmp(key, "maxP") == 0)
		return get_max(app, key, v, &app->max_p, err);
	if (strcmp(key, "env") == 0) {
		app->env = v;
		return check_pairs(app, key, v, err);
	}
	if (strcmp(key, "start_phases") == 0) {
		if (erlrc_term_is_atom(v, "undefined"))
			return 0;
		app->start_phases = v;
		return check_pairs(app, key, v, err);
	}
	if (strcmp(key, "mod") == 0) {
		if (v->type == ERLRC_TERM_NIL)
			return 0;
		if (!erlrc_term_is_tagged(v, NULL, 2))
			return bad(app, err, key, v,
			    "{Module, StartArgs} or []");
		app->mod = v->u.seq.v[0]->u.text.s;
		app->mod_args = v->u.seq.v[1];
		return 0;
	}
	/* kept for makeappdeb, unchecked: OTP ignores it */
	if (strcmp(key, "licenses") == 0) {
		app->licenses = v;
		return 0;
	}
	/* as OTP does: other keys are ignored */
	return 0;
}

/* The name part of PATH: "x/ebin/foo.app" gives "foo"; NULL if not .app */
static char *
name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len <= 4 || strcmp(base + len - 4, ".app") != 0)
		return NULL;
	return erlrc_xstrndup(base, len - 4);
}

/*
 * erlrc_app_parse - check TEXT as the .app file NAME; see erlrc_app_read.
 * On error APP must still be destroyed by the caller.
 */
int
erlrc_app_parse(struct erlrc_app *app, const char *name, const char *text,
    size_t len, struct erlrc_error *err)
{
	const struct erlrc_term *t, *opts;
	char *file_app = NULL;
	long n, i, j;
	int ret = -1;

	if (erlrc_term_parse(&app->tf, name, text, len, err) < 0)
		goto out;
	if (app->tf.nterms != 1) {
		erlrc_term_error(err, &app->tf, app->tf.nterms ?
		    app->tf.terms[1] : NULL, "expected one term "
		    "{application, Name, [Key-value pairs]}, found %zu",
		    app->tf.nterms);
		goto out;
	}
	t = app->tf.terms[0];
	if (!erlrc_term_is_tagged(t, "application", 3)) {
		erlrc_term_error(err, &app->tf, t, "expected "
		    "{application, Name, [Key-value pairs]}, got %s",
		    show(app, t));
		goto out;
	}
	if (t->u.seq.v[1]->type != ERLRC_TERM_ATOM) {
		bad(app, err, "application name", t->u.seq.v[1], "an atom");
		goto out;
	}
	app->name = t->u.seq.v[1]->u.text.s;
	file_app = name_from_path(name);
	if (!file_app || strcmp(file_app, app->name) != 0) {
		erlrc_term_error(err, &app->tf, t->u.seq.v[1], "application "
		    "'%s' must be in a file named %s.app", app->name,
		    app->name);
		goto out;
	}
	opts = t->u.seq.v[2];
	n = erlrc_term_list_length(opts);
	if (n < 0 || opts->type == ERLRC_TERM_STRING) {
		bad(app, err, "application options", opts,
		    "a list of {Key, Value} tuples");
		goto out;
	}
	app->description = app->id = "";
	for (i = 0; i < n; i++) {
		const struct erlrc_term *kv = opts->u.seq.v[i];
		const char *key;

		if (!erlrc_term_is_tagged(kv, NULL, 2)) {
			erlrc_term_error(err, &app->tf, kv, "expected a "
			    "{Key, Value} tuple with an atom key, got %s",
			    show(app, kv));
			goto out;
		}
		key = kv->u.seq.v[0]->u.text.s;
		for (j = 0; j < i; j++)
			if (erlrc_term_is_atom(opts->u.seq.v[j]->u.seq.v[0],
			    key)) {
				erlrc_term_error(err, &app->tf, kv, "key '%s' "
				    "given twice (first at line %u)", key,
				    opts->u.seq.v[j]->line);
				goto out;
			}
		if (check_key(app, key, kv->u.seq.v[1], err) < 0)
			goto out;
	}
	if (!app->vsn) {
		erlrc_term_error(err, &app->tf, t, "application '%s' has no "
		    "vsn", app->name);
		goto out;
	}
	if (!app->env)
		app->env = erlrc_term_new_seq(&app->tf, ERLRC_TERM_LIST, 0);
	ret = 0;
out:
	free(file_app);
	return ret;
}

/* erlrc_app_read - read and check the .app file PATH; see app.h. */
int
erlrc_app_read(struct erlrc_app *app, const char *path,
    struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	int ret = -1;

	if (erlrc_buf_read_file(&b, path, err) == 0)
		ret = erlrc_app_parse(app, path, erlrc_buf_str(&b), b.len,
		    err);
	erlrc_buf_destroy(&b);
	return ret;
}

/* erlrc_app_read_dir - see app.h. */
int
erlrc_app_read_dir(struct erlrc_app *app, const char *dir, const char *name,
    struct erlrc_error *err)
{
	char *file = erlrc_xasprintf("%s/ebin/%s.app", dir, name);
	int ret = erlrc_app_read(app, file, err);

	free(file);
	return ret;
}
