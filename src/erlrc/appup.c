/* SPDX-License-Identifier: GPL-2.0-or-later */
/* appup.c - application upgrade files (appup(4)), checked as OTP does */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <erlrc/appup.h>
#include <erlrc/buf.h>
#include <erlrc/xalloc.h>

/*
 * The checks are those of OTP 25's sasl.  systools_rc:expand_script/1
 * turns the high-level forms into low-level ones, and splices a list
 * found among the instructions into the script with its elements left
 * as they are; check_op/1 then checks every instruction, and
 * translate_merged_script/4 the script as a whole.  Whatever fails there
 * whatever the .app files say is refused here, at the term to blame; the
 * rest (a module the .app does not list, say) is left to systools_rc on
 * the node.  Two checks are stricter than check_op, because what it lets
 * through only fails later, once code is loaded: the arguments of an
 * apply must be a proper list, and the version of a load_object_code a
 * string.
 */

#define SHOW_MAX 72	/* bytes of a term shown in a message */

/* What the checks of one instruction return besides 0 and -1. */
#define NO_FORM 1		/* no form of the instruction has that size */
#define NO_FORM_NESTED 2	/* a high-level form inside a nested list */

struct check {
	struct erlrc_termfile *tf;
	struct erlrc_error *err;
	const char *op;		/* the instruction's tag, for messages */
	const struct erlrc_term **script;  /* as expand_script leaves it */
	size_t n, cap;
	/* add/restart_application: modules only the .app files know */
	int app_mods;
};

typedef int check_fn(struct check *c, const struct erlrc_term *t);

/* Erlang's is_list/1: improper lists too. */
static int
is_list(const struct erlrc_term *t)
{
	return t->type == ERLRC_TERM_LIST || t->type == ERLRC_TERM_STRING ||
	    t->type == ERLRC_TERM_NIL;
}

static int
is_one_of(const struct erlrc_term *t, const char *const *names)
{
	for (; *names; names++)
		if (erlrc_term_is_atom(t, *names))
			return 1;
	return 0;
}

/* Atom T as 'name', quoted even where Erlang does not need it. */
static void
add_atom(struct erlrc_buf *b, const struct erlrc_term *t)
{
	if (erlrc_term_atom_needs_quotes(t->u.text.s, t->u.text.len)) {
		erlrc_term_write_atom(b, t->u.text.s, t->u.text.len);
		return;
	}
	erlrc_buf_addc(b, '\'');
	erlrc_buf_add(b, t->u.text.s, t->u.text.len);
	erlrc_buf_addc(b, '\'');
}

/*
 * T for a message, cut after SHOW_MAX bytes: "an atom 'hard'" with
 * WHAT, "'hard'" without.  The string lives in B.
 */
static const char *
show(struct erlrc_buf *b, const struct erlrc_term *t, int what)
{
	size_t start, cut;

	erlrc_buf_reset(b);
	if (what) {
		erlrc_buf_adds(b, erlrc_term_describe(t));
		if (t->type == ERLRC_TERM_NIL)
			return erlrc_buf_str(b);
		erlrc_buf_addc(b, ' ');
	}
	start = b->len;
	if (t->type == ERLRC_TERM_ATOM)
		add_atom(b, t);
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

static int ERLRC_PRINTF(3, 4)
fail(struct check *c, const struct erlrc_term *t, const char *fmt, ...)
{
	char msg[ERLRC_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return erlrc_term_error(c->err, c->tf, t, "%s", msg);
}

/* "OP: WHAT, got an atom 'x'" at T. */
static int
bad(struct check *c, const struct erlrc_term *t, const char *what)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;

	fail(c, t, "%s: %s, got %s", c->op, what, show(&b, t, 1));
	erlrc_buf_destroy(&b);
	return -1;
}

/* T matches no instruction; HINT says more, or is "". */
static int
unknown(struct check *c, const struct erlrc_term *t, const char *hint)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;

	fail(c, t, "unknown appup instruction %s%s", show(&b, t, 0), hint);
	erlrc_buf_destroy(&b);
	return -1;
}

/* The arguments, one check each (check_mod, check_purge...). */

static int
check_atom(struct check *c, const struct erlrc_term *t, const char *what)
{
	return t->type == ERLRC_TERM_ATOM ? 0 : bad(c, t, what);
}

static int
check_mod(struct check *c, const struct erlrc_term *t)
{
	return check_atom(c, t, "module must be an atom");
}

static int
check_appl(struct check *c, const struct erlrc_term *t)
{
	return check_atom(c, t, "application must be an atom");
}

static int
check_func(struct check *c, const struct erlrc_term *t)
{
	return check_atom(c, t, "function must be an atom");
}

static int
check_node(struct check *c, const struct erlrc_term *t)
{
	return check_atom(c, t, "node must be an atom");
}

static int
check_purge(struct check *c, const struct erlrc_term *t)
{
	static const char *const names[] = { "soft_purge", "brutal_purge",
	    NULL };

	if (is_one_of(t, names))
		return 0;
	return bad(c, t, "purge method must be soft_purge or brutal_purge");
}

static int
check_mod_type(struct check *c, const struct erlrc_term *t)
{
	static const char *const names[] = { "static", "dynamic", NULL };

	if (is_one_of(t, names))
		return 0;
	return bad(c, t, "module type must be static or dynamic");
}

static int
check_start_type(struct check *c, const struct erlrc_term *t)
{
	static const char *const names[] = { "permanent", "transient",
	    "temporary", "load", "none", NULL };

	if (is_one_of(t, names))
		return 0;
	return bad(c, t, "start type must be permanent, transient, "
	    "temporary, load or none");
}

static int
check_mode(struct check *c, const struct erlrc_term *t)
{
	static const char *const names[] = { "up", "down", NULL };

	if (is_one_of(t, names))
		return 0;
	return bad(c, t, "mode must be up or down");
}

static int
check_change(struct check *c, const struct erlrc_term *t)
{
	if (erlrc_term_is_atom(t, "soft") ||
	    erlrc_term_is_tagged(t, "advanced", 2))
		return 0;
	return bad(c, t, "change must be soft or {advanced, Extra}");
}

static int
check_timeout(struct check *c, const struct erlrc_term *t)
{
	static const char *const names[] = { "default", "infinity", NULL };

	if (is_one_of(t, names) ||
	    (t->type == ERLRC_TERM_INTEGER && t->u.i > 0) ||
	    (t->type == ERLRC_TERM_BIGNUM && t->u.text.s[0] != '-'))
		return 0;
	return bad(c, t, "timeout must be default, infinity or an "
	    "integer > 0");
}

static int
check_args(struct check *c, const struct erlrc_term *t)
{
	if (erlrc_term_list_length(t) >= 0)
		return 0;
	return bad(c, t, "arguments must be a list");
}

static int
check_lib_vsn(struct check *c, const struct erlrc_term *t)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	int ok = erlrc_term_string(t, &b);

	erlrc_buf_destroy(&b);
	return ok ? 0 : bad(c, t, "version must be a string");
}

/* A proper list, FN on each element; WHAT names it when it is not. */
static int
check_list_of(struct check *c, const struct erlrc_term *t, check_fn *fn,
    const char *what)
{
	long n = is_list(t) ? erlrc_term_list_length(t) : -1;
	long i;

	if (n < 0)
		return bad(c, t, what);
	for (i = 0; i < n; i++)
		if (fn(c, erlrc_term_nth(c->tf, t, (size_t)i)))
			return -1;
	return 0;
}

static int
check_mods(struct check *c, const struct erlrc_term *t)
{
	return check_list_of(c, t, check_mod, "expected a list of modules");
}

/* An element of suspend's list: Mod or {Mod, Timeout}. */
static int
check_suspended(struct check *c, const struct erlrc_term *t)
{
	if (erlrc_term_is_tuple(t, 2))
		return check_mod(c, t->u.seq.v[0]) ||
		    check_timeout(c, t->u.seq.v[1]) ? -1 : 0;
	return check_mod(c, t);
}

/* An element of code_change's list: {Mod, Extra}. */
static int
check_extra(struct check *c, const struct erlrc_term *t)
{
	if (erlrc_term_is_tuple(t, 2))
		return check_mod(c, t->u.seq.v[0]);
	return bad(c, t, "expected {Module, Extra}");
}

static int
check_mfa(struct check *c, const struct erlrc_term *t)
{
	struct erlrc_term *const *v = t->u.seq.v;

	return check_mod(c, v[0]) || check_func(c, v[1]) ||
	    check_args(c, v[2]) ? -1 : 0;
}

/*
 * The instructions, one function each.  T is a tuple of N >= 1 elements
 * tagged with the instruction's name; NESTED when it came from a list
 * inside the instructions, where expand_script leaves high-level forms
 * unexpanded and check_op refuses them.
 */

static int
op_update(struct check *c, const struct erlrc_term *t, int nested)
{
	struct erlrc_term *const *v = t->u.seq.v;

	if (nested && t->u.seq.n >= 2 && t->u.seq.n <= 4)
		return NO_FORM_NESTED;
	switch (t->u.seq.n) {
	case 2:
		return check_mod(c, v[1]);
	case 3:
		if (check_mod(c, v[1]))
			return -1;
		if (erlrc_term_is_atom(v[2], "supervisor") ||
		    erlrc_term_is_atom(v[2], "soft"))
			return 0;
		if (v[2]->type == ERLRC_TERM_TUPLE)
			return check_change(c, v[2]);
		if (is_list(v[2]))
			return check_mods(c, v[2]);
		return bad(c, v[2], "expected soft, supervisor, "
		    "{advanced, Extra} or a list of modules");
	case 4:
		return check_mod(c, v[1]) || check_change(c, v[2]) ||
		    check_mods(c, v[3]) ? -1 : 0;
	case 6:
		return check_mod(c, v[1]) || check_change(c, v[2]) ||
		    check_purge(c, v[3]) || check_purge(c, v[4]) ||
		    check_mods(c, v[5]) ? -1 : 0;
	case 7:
		return check_mod(c, v[1]) || check_timeout(c, v[2]) ||
		    check_change(c, v[3]) || check_purge(c, v[4]) ||
		    check_purge(c, v[5]) || check_mods(c, v[6]) ? -1 : 0;
	case 8:
		return check_mod(c, v[1]) || check_mod_type(c, v[2]) ||
		    check_timeout(c, v[3]) || check_change(c, v[4]) ||
		    check_purge(c, v[5]) || check_purge(c, v[6]) ||
		    check_mods(c, v[7]) ? -1 : 0;
	default:
		return NO_FORM;
	}
}

static int
op_load_module(struct check *c, const struct erlrc_term *t, int nested)
{
	struct erlrc_term *const *v = t->u.seq.v;

	if (nested && (t->u.seq.n == 2 || t->u.seq.n == 3))
		return NO_FORM_NESTED;
	switch (t->u.seq.n) {
	case 2:
		return check_mod(c, v[1]);
	case 3:
		return check_mod(c, v[1]) || check_mods(c, v[2]) ? -1 : 0;
	case 5:
		return check_mod(c, v[1]) || check_purge(c, v[2]) ||
		    check_purge(c, v[3]) || check_mods(c, v[4]) ? -1 : 0;
	default:
		return NO_FORM;
	}
}

/* add_module and delete_module */
static int
op_module(struct check *c, const struct erlrc_term *t, int nested)
{
	struct erlrc_term *const *v = t->u.seq.v;

	switch (t->u.seq.n) {
	case 2:
		return check_mod(c, v[1]);
	case 3:
		return check_mod(c, v[1]) || check_mods(c, v[2]) ? -1 : 0;
	default:
		return NO_FORM;
	}
}

static int
op_add_application(struct check *c, const struct erlrc_term *t, int nested)
{
	struct erlrc_term *const *v = t->u.seq.v;

	c->app_mods = 1;
	if (nested && t->u.seq.n == 2)
		return NO_FORM_NESTED;
	switch (t->u.seq.n) {
	case 2:
		return check_appl(c, v[1]);
	case 3:
		return check_appl(c, v[1]) || check_start_type(c, v[2]) ?
		    -1 : 0;
	default:
		return NO_FORM;
	}
}

/* remove_application and restart_application */
static int
op_application(struct check *c, const struct erlrc_term *t, int nested)
{
	if (strcmp(c->op, "restart_application") == 0)
		c->app_mods = 1;
	if (t->u.seq.n != 2)
		return NO_FORM;
	return check_appl(c, t->u.seq.v[1]);
}

static int
op_load_object_code(struct check *c, const struct erlrc_term *t, int nested)
{
	const struct erlrc_term *x;

	if (t->u.seq.n != 2)
		return NO_FORM;
	x = t->u.seq.v[1];
	if (!erlrc_term_is_tuple(x, 3))
		return bad(c, x, "expected {Application, Version, [Module]}");
	return check_atom(c, x->u.seq.v[0], "application must be an atom") ||
	    check_lib_vsn(c, x->u.seq.v[1]) ||
	    check_mods(c, x->u.seq.v[2]) ? -1 : 0;
}

/* load and remove */
static int
op_load(struct check *c, const struct erlrc_term *t, int nested)
{
	const struct erlrc_term *x;

	if (t->u.seq.n != 2)
		return NO_FORM;
	x = t->u.seq.v[1];
	if (!erlrc_term_is_tuple(x, 3))
		return bad(c, x, "expected {Module, PrePurge, PostPurge}");
	return check_mod(c, x->u.seq.v[0]) ||
	    check_purge(c, x->u.seq.v[1]) ||
	    check_purge(c, x->u.seq.v[2]) ? -1 : 0;
}

/* purge, resume, stop and start */
static int
op_mods(struct check *c, const struct erlrc_term *t, int nested)
{
	if (t->u.seq.n != 2)
		return NO_FORM;
	return check_mods(c, t->u.seq.v[1]);
}

static int
op_suspend(struct check *c, const struct erlrc_term *t, int nested)
{
	if (t->u.seq.n != 2)
		return NO_FORM;
	return check_list_of(c, t->u.seq.v[1], check_suspended,
	    "expected a list of modules");
}

static int
op_code_change(struct check *c, const struct erlrc_term *t, int nested)
{
	struct erlrc_term *const *v = t->u.seq.v;
	static const char what[] = "expected a list of {Module, Extra}";

	switch (t->u.seq.n) {
	case 2:
		return check_list_of(c, v[1], check_extra, what);
	case 3:
		return check_mode(c, v[1]) ||
		    check_list_of(c, v[2], check_extra, what) ? -1 : 0;
	default:
		return NO_FORM;
	}
}

static int
op_sync_nodes(struct check *c, const struct erlrc_term *t, int nested)
{
	const struct erlrc_term *x;

	if (t->u.seq.n != 3)
		return NO_FORM;
	x = t->u.seq.v[2];
	if (erlrc_term_is_tuple(x, 3))
		return check_mfa(c, x);
	return check_list_of(c, x, check_node, "expected a list of nodes or "
	    "{Module, Function, Arguments}");
}

static int
op_apply(struct check *c, const struct erlrc_term *t, int nested)
{
	const struct erlrc_term *x;

	if (t->u.seq.n != 2)
		return NO_FORM;
	x = t->u.seq.v[1];
	if (!erlrc_term_is_tuple(x, 3))
		return bad(c, x, "expected {Module, Function, Arguments}");
	return check_mfa(c, x);
}

static const struct op {
	const char *name;
	const char *sizes;	/* its numbers of elements, for messages */
	int (*check)(struct check *c, const struct erlrc_term *t,
	    int nested);
} ops[] = {
	{ "update", "2, 3, 4, 6, 7 or 8", op_update },
	{ "load_module", "2, 3 or 5", op_load_module },
	{ "add_module", "2 or 3", op_module },
	{ "delete_module", "2 or 3", op_module },
	{ "add_application", "2 or 3", op_add_application },
	{ "remove_application", "2", op_application },
	{ "restart_application", "2", op_application },
	{ "load_object_code", "2", op_load_object_code },
	{ "load", "2", op_load },
	{ "remove", "2", op_load },
	{ "purge", "2", op_mods },
	{ "suspend", "2", op_suspend },
	{ "resume", "2", op_mods },
	{ "code_change", "2 or 3", op_code_change },
	{ "stop", "2", op_mods },
	{ "start", "2", op_mods },
	{ "sync_nodes", "3", op_sync_nodes },
	{ "apply", "2", op_apply },
};

static int
check_instruction(struct check *c, const struct erlrc_term *t, int nested)
{
	static const char *const atoms[] = { "point_of_no_return",
	    "restart_new_emulator", "restart_emulator", "restart", "reboot",
	    NULL };
	char hint[96];
	const char *tag;
	size_t i;
	int ret;

	if (is_one_of(t, atoms))
		return 0;
	if (erlrc_term_is_atom(t, "mnesia_backup"))
		return fail(c, t, "mnesia_backup: not implemented in OTP");
	if (t->type != ERLRC_TERM_TUPLE || t->u.seq.n == 0 ||
	    t->u.seq.v[0]->type != ERLRC_TERM_ATOM)
		return unknown(c, t, "");
	tag = t->u.seq.v[0]->u.text.s;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (strcmp(ops[i].name, tag) != 0)
			continue;
		c->op = ops[i].name;
		ret = ops[i].check(c, t, nested);
		if (ret == NO_FORM) {
			snprintf(hint, sizeof(hint), " (%s has %s elements)",
			    ops[i].name, ops[i].sizes);
			return unknown(c, t, hint);
		}
		if (ret == NO_FORM_NESTED)
			return unknown(c, t, " (a high-level instruction "
			    "cannot be in a nested list)");
		return ret;
	}
	return unknown(c, t, "");
}

/* The script-wide checks of translate_merged_script. */

static int
is_dependent(const struct erlrc_term *t)
{
	static const char *const names[] = { "update", "load_module",
	    "add_module", "delete_module", NULL };

	return t->type == ERLRC_TERM_TUPLE && t->u.seq.n >= 2 &&
	    is_one_of(t->u.seq.v[0], names);
}

/*
 * The modules a dependent instruction depends on: its last element when
 * that is a list ({update, M, soft} has none), else NULL.
 */
static const struct erlrc_term *
depends_on(const struct erlrc_term *t)
{
	const struct erlrc_term *last = t->u.seq.v[t->u.seq.n - 1];

	return t->u.seq.n > 2 && last->type == ERLRC_TERM_LIST ? last : NULL;
}

/* The module of an element of suspend's list, or of any other list. */
static const struct erlrc_term *
module_of(const struct erlrc_term *t)
{
	return erlrc_term_is_tuple(t, 2) ? t->u.seq.v[0] : t;
}

/* Is MOD in the list of some {TAG, List} of the script? */
static int
listed(struct check *c, const char *tag, const struct erlrc_term *mod)
{
	const struct erlrc_term *list;
	size_t i, j;

	for (i = 0; i < c->n; i++) {
		if (!erlrc_term_is_tagged(c->script[i], tag, 2))
			continue;
		list = c->script[i]->u.seq.v[1];
		if (list->type != ERLRC_TERM_LIST)
			continue;
		for (j = 0; j < list->u.seq.n; j++)
			if (erlrc_term_equal(module_of(list->u.seq.v[j]), mod))
				return 1;
	}
	return 0;
}

static int
check_point_of_no_return(struct check *c)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t i, first = SIZE_MAX;
	const struct erlrc_term *t;
	int ret = -1;

	for (i = 0; i < c->n; i++) {
		if (!erlrc_term_is_atom(c->script[i], "point_of_no_return"))
			continue;
		if (first != SIZE_MAX) {
			fail(c, c->script[i], "more than one "
			    "point_of_no_return (the first is on line %u)",
			    c->script[first]->line);
			goto out;
		}
		first = i;
	}
	for (i = 0; first != SIZE_MAX && i < first; i++) {
		t = c->script[i];
		if (erlrc_term_is_tagged(t, "load_object_code", 2) ||
		    erlrc_term_is_tagged(t, "apply", 2))
			continue;
		fail(c, t, "only load_object_code and apply can come before "
		    "point_of_no_return, got %s", show(&b, t, 0));
		goto out;
	}
	ret = 0;
out:
	erlrc_buf_destroy(&b);
	return ret;
}

/* Every load needs the object code of its module loaded first. */
static int
check_loads(struct check *c)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	const struct erlrc_term *t, *mod, *code;
	size_t i, j, k;
	int found, ret = -1;

	for (i = 0; i < c->n; i++) {
		if (!erlrc_term_is_tagged(c->script[i], "load", 2))
			continue;
		mod = c->script[i]->u.seq.v[1]->u.seq.v[0];
		found = 0;
		for (j = 0; j < c->n && !found; j++) {
			t = c->script[j];
			if (!erlrc_term_is_tagged(t, "load_object_code", 2))
				continue;
			code = t->u.seq.v[1]->u.seq.v[2];
			for (k = 0; code->type == ERLRC_TERM_LIST &&
			    k < code->u.seq.n; k++)
				if (erlrc_term_equal(code->u.seq.v[k], mod))
					found = 1;
		}
		if (found)
			continue;
		fail(c, mod, "load: module %s is in no load_object_code "
		    "instruction", show(&b, mod, 0));
		goto out;
	}
	ret = 0;
out:
	erlrc_buf_destroy(&b);
	return ret;
}

/* Every module of a {TAG, Mods} must be in some {OTHER, Mods}. */
static int
check_pairs(struct check *c, const char *tag, const char *other,
    const char *done)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	const struct erlrc_term *list, *mod;
	size_t i, j;
	int ret = -1;

	for (i = 0; i < c->n; i++) {
		if (!erlrc_term_is_tagged(c->script[i], tag, 2))
			continue;
		list = c->script[i]->u.seq.v[1];
		for (j = 0; list->type == ERLRC_TERM_LIST &&
		    j < list->u.seq.n; j++) {
			mod = module_of(list->u.seq.v[j]);
			if (listed(c, other, mod))
				continue;
			fail(c, mod, "%s: module %s is never %s", tag,
			    show(&b, mod, 0), done);
			goto out;
		}
	}
	ret = 0;
out:
	erlrc_buf_destroy(&b);
	return ret;
}

/* make_dependency_graph: one instruction per module, no unknown one. */
static int
check_dependencies(struct check *c)
{
	struct erlrc_buf b = ERLRC_BUF_INIT, b2 = ERLRC_BUF_INIT;
	const struct erlrc_term *t, *mod, *deps, *dep;
	size_t i, j, k;
	int ret = -1, found;

	for (i = 0; i < c->n; i++) {
		t = c->script[i];
		if (!is_dependent(t))
			continue;
		mod = t->u.seq.v[1];
		for (j = 0; j < i; j++) {
			if (!is_dependent(c->script[j]) || !erlrc_term_equal(
			    c->script[j]->u.seq.v[1], mod))
				continue;
			fail(c, mod, "%s: module %s already has an "
			    "instruction on line %u", t->u.seq.v[0]->u.text.s,
			    show(&b, mod, 0), c->script[j]->line);
			goto out;
		}
	}
	/* An application's modules are in its .app: we cannot tell. */
	for (i = 0; !c->app_mods && i < c->n; i++) {
		t = c->script[i];
		deps = is_dependent(t) ? depends_on(t) : NULL;
		for (k = 0; deps && k < deps->u.seq.n; k++) {
			dep = deps->u.seq.v[k];
			found = 0;
			for (j = 0; j < c->n && !found; j++)
				found = is_dependent(c->script[j]) &&
				    erlrc_term_equal(c->script[j]->u.seq.v[1],
				    dep);
			if (found)
				continue;
			fail(c, dep, "%s: module %s depends on %s, which has "
			    "no update, load_module, add_module or "
			    "delete_module instruction",
			    t->u.seq.v[0]->u.text.s,
			    show(&b, t->u.seq.v[1], 0), show(&b2, dep, 0));
			goto out;
		}
	}
	ret = 0;
out:
	erlrc_buf_destroy(&b2);
	erlrc_buf_destroy(&b);
	return ret;
}

/* merge_load_object_code: one version of each application. */
static int
check_object_code(struct check *c)
{
	struct erlrc_buf b = ERLRC_BUF_INIT, b2 = ERLRC_BUF_INIT,
	    b3 = ERLRC_BUF_INIT;
	const struct erlrc_term *x, *y;
	size_t i, j;
	int ret = -1;

	for (i = 0; i < c->n; i++) {
		if (!erlrc_term_is_tagged(c->script[i], "load_object_code",
		    2))
			continue;
		x = c->script[i]->u.seq.v[1];
		for (j = 0; j < i; j++) {
			if (!erlrc_term_is_tagged(c->script[j],
			    "load_object_code", 2))
				continue;
			y = c->script[j]->u.seq.v[1];
			if (!erlrc_term_equal(x->u.seq.v[0], y->u.seq.v[0]) ||
			    erlrc_term_equal(x->u.seq.v[1], y->u.seq.v[1]))
				continue;
			fail(c, x->u.seq.v[1], "load_object_code: version %s "
			    "of application %s conflicts with version %s on "
			    "line %u", show(&b, x->u.seq.v[1], 0),
			    show(&b2, x->u.seq.v[0], 0),
			    show(&b3, y->u.seq.v[1], 0), y->u.seq.v[1]->line);
			goto out;
		}
	}
	ret = 0;
out:
	erlrc_buf_destroy(&b3);
	erlrc_buf_destroy(&b2);
	erlrc_buf_destroy(&b);
	return ret;
}

static int
check_script(struct check *c)
{
	return check_point_of_no_return(c) || check_loads(c) ||
	    check_pairs(c, "suspend", "resume", "resumed") ||
	    check_pairs(c, "resume", "suspend", "suspended") ||
	    check_pairs(c, "start", "stop", "stopped") ||
	    check_pairs(c, "stop", "start", "started") ||
	    check_dependencies(c) || check_object_code(c) ? -1 : 0;
}

static int
add_to_script(struct check *c, const struct erlrc_term *t, int nested)
{
	if (check_instruction(c, t, nested))
		return -1;
	if (c->n == c->cap)
		c->script = erlrc_xgrow(c->script, &c->cap, c->n,
		    sizeof(*c->script));
	c->script[c->n++] = t;
	return 0;
}

/*
 * erlrc_appup_check_instructions - check INSTRS (a term of TF) as the
 * instructions of one appup entry: each as systools_rc:check_op/1 does
 * after expand_script/1, then the script as translate_scripts/4 does
 * whatever the .app files say.  Terms may be added to TF.  Returns 0, or
 * -1 with err (ERLRC_ERR_INPUT) set at the offending term.
 */
int
erlrc_appup_check_instructions(struct erlrc_termfile *tf,
    const struct erlrc_term *instrs, struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	struct check c;
	const struct erlrc_term *t;
	long n, m, i, j;
	int ret = -1;

	memset(&c, 0, sizeof(c));
	c.tf = tf;
	c.err = err;
	n = erlrc_term_list_length(instrs);
	if (n < 0) {
		fail(&c, instrs, "instructions must be a list, got %s",
		    show(&b, instrs, 1));
		goto out;
	}
	for (i = 0; i < n; i++) {
		t = erlrc_term_nth(tf, instrs, (size_t)i);
		if (!is_list(t)) {
			if (add_to_script(&c, t, 0))
				goto out;
			continue;
		}
		/* expand_script splices a list into the script. */
		m = erlrc_term_list_length(t);
		if (m < 0) {
			fail(&c, t, "a nested list of instructions must be "
			    "a proper list, got %s", show(&b, t, 1));
			goto out;
		}
		for (j = 0; j < m; j++)
			if (add_to_script(&c, erlrc_term_nth(tf, t, (size_t)j),
			    1))
				goto out;
	}
	if (check_script(&c))
		goto out;
	ret = 0;
out:
	free(c.script);
	erlrc_buf_destroy(&b);
	return ret;
}

/* The file itself. */

static const char *
tf_strndup(struct erlrc_termfile *tf, const char *s, size_t len)
{
	char *p = erlrc_termfile_alloc(tf, len + 1);

	memcpy(p, s, len);
	return p;
}

static int
compile_key(struct erlrc_appup *a, struct erlrc_appup_entry *e,
    struct erlrc_error *err)
{
	const struct erlrc_term *key = e->key;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE offset;
	const char *src = key->u.bin.data ? (const char *)key->u.bin.data : "";
	size_t len = key->u.bin.nbits / 8;
	int code;

	e->re = pcre2_compile((PCRE2_SPTR)src, len, PCRE2_UTF, &code, &offset,
	    NULL);
	if (!e->re) {
		if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d", code);
		return erlrc_term_error(err, &a->tf, key, "bad regular "
		    "expression: %s (at offset %zu)", (const char *)msg,
		    (size_t)offset);
	}
	e->is_regex = 1;
	e->vsn = tf_strndup(&a->tf, src, len);
	e->vsnlen = len;
	return 0;
}

/* The upgrade (UP) or downgrade list LIST into *ENTRIES and *N. */
static int
read_entries(struct erlrc_appup *a, const struct erlrc_term *list, int up,
    struct erlrc_appup_entry **entries, size_t *n, struct erlrc_error *err)
{
	const char *what = up ? "{UpFromVsn, Instructions}" :
	    "{DownToVsn, Instructions}";
	struct erlrc_buf b = ERLRC_BUF_INIT;
	struct erlrc_appup_entry *e;
	const struct erlrc_term *t;
	long len = erlrc_term_list_length(list);
	long i;
	int ret = -1;

	if (len < 0) {
		erlrc_term_error(err, &a->tf, list, "%s versions must be a "
		    "list of %s, got %s", up ? "upgrade" : "downgrade", what,
		    show(&b, list, 1));
		goto out;
	}
	*entries = erlrc_termfile_alloc(&a->tf, ((size_t)len + 1) *
	    sizeof(**entries));
	*n = (size_t)len;
	for (i = 0; i < len; i++) {
		t = erlrc_term_nth(&a->tf, list, (size_t)i);
		e = &(*entries)[i];
		if (!erlrc_term_is_tuple(t, 2)) {
			erlrc_term_error(err, &a->tf, t, "expected %s, got %s",
			    what, show(&b, t, 1));
			goto out;
		}
		e->key = t->u.seq.v[0];
		e->instructions = t->u.seq.v[1];
		if (erlrc_term_string(e->key, &b)) {
			e->vsn = tf_strndup(&a->tf, b.s ? b.s : "", b.len);
			e->vsnlen = b.len;
		} else if (e->key->type == ERLRC_TERM_BINARY &&
		    e->key->u.bin.nbits % 8 == 0) {
			if (compile_key(a, e, err))
				goto out;
		} else {
			erlrc_term_error(err, &a->tf, e->key, "version must be "
			    "a string or a binary (a regular expression), "
			    "got %s", show(&b, e->key, 1));
			goto out;
		}
		if (erlrc_appup_check_instructions(&a->tf, e->instructions,
		    err))
			goto out;
	}
	ret = 0;
out:
	erlrc_buf_destroy(&b);
	return ret;
}

static int
check_appup(struct erlrc_appup *a, struct erlrc_error *err)
{
	static const char form[] = "{Vsn, [{UpFromVsn, Instructions}], "
	    "[{DownToVsn, Instructions}]}";
	struct erlrc_termfile *tf = &a->tf;
	struct erlrc_buf b = ERLRC_BUF_INIT;
	const struct erlrc_term *t;
	int ret = -1;

	if (tf->nterms == 0) {
		erlrc_term_error(err, tf, NULL, "expected %s, got nothing",
		    form);
		goto out;
	}
	t = tf->terms[0];
	if (!erlrc_term_is_tuple(t, 3)) {
		erlrc_term_error(err, tf, t, "expected %s, got %s", form,
		    show(&b, t, 1));
		goto out;
	}
	if (!erlrc_term_string(t->u.seq.v[0], &b)) {
		erlrc_term_error(err, tf, t->u.seq.v[0], "version must be a "
		    "string, got %s", show(&b, t->u.seq.v[0], 1));
		goto out;
	}
	a->vsn = tf_strndup(tf, b.s ? b.s : "", b.len);
	if (read_entries(a, t->u.seq.v[1], 1, &a->up, &a->nup, err) ||
	    read_entries(a, t->u.seq.v[2], 0, &a->down, &a->ndown, err))
		goto out;
	ret = 0;
out:
	erlrc_buf_destroy(&b);
	return ret;
}

/* erlrc_appup_init - an empty appup, ready for read or parse. */
void
erlrc_appup_init(struct erlrc_appup *a)
{
	memset(a, 0, sizeof(*a));
	erlrc_termfile_init(&a->tf);
}

static void
free_regexes(struct erlrc_appup_entry *e, size_t n)
{
	size_t i;

	for (i = 0; e && i < n; i++)
		pcre2_code_free(e[i].re);
}

/*
 * erlrc_appup_destroy - free everything A holds, after a successful read
 * or a failed one; A is left empty.
 */
void
erlrc_appup_destroy(struct erlrc_appup *a)
{
	free_regexes(a->up, a->nup);
	free_regexes(a->down, a->ndown);
	erlrc_termfile_destroy(&a->tf);
	erlrc_appup_init(a);
}

/*
 * erlrc_appup_read - read and check the appup file PATH into A (freshly
 * initialised).  A owns every string and term.  Returns 0, or -1 with
 * err set (ERLRC_ERR_NOTFOUND for a missing file, ERLRC_ERR_INPUT for a
 * bad one); A must be destroyed either way.
 */
int
erlrc_appup_read(struct erlrc_appup *a, const char *path,
    struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	int ret = -1;

	if (erlrc_buf_read_file(&b, path, err) == 0)
		ret = erlrc_appup_parse(a, path, erlrc_buf_str(&b), b.len,
		    err);
	erlrc_buf_destroy(&b);
	return ret;
}

/*
 * erlrc_appup_parse - erlrc_appup_read for TEXT (LEN bytes) read from the
 * file NAME.  Returns 0, or -1 with err (ERLRC_ERR_INPUT) set.
 */
int
erlrc_appup_parse(struct erlrc_appup *a, const char *name, const char *text,
    size_t len, struct erlrc_error *err)
{
	if (erlrc_term_parse_first(&a->tf, name, text, len, err))
		return -1;
	return check_appup(a, err);
}

/* Is the first match of RE in S (LEN bytes) the whole of S? */
static int
whole_match(const pcre2_code *re, const char *s, size_t len)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	PCRE2_SIZE *ov;
	int ret = 0;

	if (!md)
		erlrc_xoom();
	if (pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, NULL) > 0) {
		ov = pcre2_get_ovector_pointer(md);
		ret = ov[0] == 0 && ov[1] == len;
	}
	pcre2_match_data_free(md);
	return ret;
}

/*
 * erlrc_appup_find - the entry of A for upgrading from (UP) or
 * downgrading to (!UP) version VSN, as appup_search_for_version/2 picks
 * it: the first whose string is VSN or whose regular expression, run
 * unanchored, first matches the whole of VSN.  The entry belongs to A.
 * NULL when there is none (or VSN is not UTF-8 and only regexes are
 * left).
 */
const struct erlrc_appup_entry *
erlrc_appup_find(const struct erlrc_appup *a, int up, const char *vsn)
{
	const struct erlrc_appup_entry *e = up ? a->up : a->down;
	size_t n = up ? a->nup : a->ndown;
	size_t len = strlen(vsn), i;

	for (i = 0; i < n; i++) {
		if (e[i].is_regex ? whole_match(e[i].re, vsn, len) :
		    e[i].vsnlen == len && memcmp(e[i].vsn, vsn, len) == 0)
			return &e[i];
	}
	return NULL;
}

/* erlrc_appup_check_vsn - see appup.h. */
int
erlrc_appup_check_vsn(const struct erlrc_appup *a, const char *file,
    const char *vsn, struct erlrc_error *err)
{
	if (a->vsn && strcmp(a->vsn, vsn) == 0)
		return 0;
	return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: the appup is of "
	    "version \"%s\", but it is shipped with version \"%s\" (the "
	    "first element of the appup is the version it upgrades to, and "
	    "OTP's release handler refuses any other)", file,
	    a->vsn ? a->vsn : "", vsn);
}
