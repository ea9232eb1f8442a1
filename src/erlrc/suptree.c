/* SPDX-License-Identifier: GPL-2.0-or-later */
/* suptree.c - an application's supervision tree on a node, looked at */
#include <stdlib.h>
#include <string.h>

#include <erlrc/suptree.h>
#include <erlrc/xalloc.h>

/* erlrc_suptree_init - an empty tree. */
void
erlrc_suptree_init(struct erlrc_suptree *t)
{
	memset(t, 0, sizeof(*t));
}

/* erlrc_suptree_destroy - free the arrays of T (the terms are the node's). */
void
erlrc_suptree_destroy(struct erlrc_suptree *t)
{
	free(t->sups);
	free(t->children);
	erlrc_suptree_init(t);
}

/* erlrc_suptree_is_pid - see suptree.h. */
int
erlrc_suptree_is_pid(const struct erlrc_term *t)
{
	return t && t->type == ERLRC_TERM_OPAQUE && t->u.text.len > 0 &&
	    t->u.text.s[0] == '<';
}

/*
 * Call MOD:FUN(PID) on L; a call the node refused (badrpc: the process
 * is gone, or is no supervisor) gives *REPLY NULL and 0, a lost
 * connection -1.
 */
static int
ask(struct erlrc_live *l, const char *mod, const char *fun,
    const struct erlrc_term *pid, struct erlrc_term **reply,
    struct erlrc_error *err)
{
	struct erlrc_error e = ERLRC_ERROR_INIT;

	if (erlrc_live_call(l, reply, &e, mod, fun, "t", pid) == 0)
		return 0;
	*reply = NULL;
	if (erlrc_live_connected(l))
		return 0;
	*err = e;
	return -1;
}

static void
add_sup(struct erlrc_suptree *t, const struct erlrc_term *pid)
{
	t->sups = erlrc_xrealloc(t->sups, (t->nsups + 1) * sizeof(*t->sups));
	memset(&t->sups[t->nsups], 0, sizeof(t->sups[0]));
	t->sups[t->nsups++].pid = pid;
}

/* Supervisor number I's module and children, its supervisors queued. */
static int
read_sup(struct erlrc_live *l, struct erlrc_suptree *t, size_t i,
    struct erlrc_error *err)
{
	const struct erlrc_term *c, *pid = t->sups[i].pid;
	struct erlrc_term *reply;
	struct erlrc_supchild *ch;
	long n, k;

	if (ask(l, "supervisor", "get_callback_module", pid, &reply, err) < 0)
		return -1;
	if (reply && reply->type == ERLRC_TERM_ATOM) {
		t->sups[i].module = reply->u.text.s;
		/* #state{} of OTP 24 and later: restarts is its 8th element,
		 * module its 11th */
		if (ask(l, "sys", "get_state", pid, &reply, err) < 0)
			return -1;
		if (reply && erlrc_term_is_tagged(reply, "state", 12) &&
		    erlrc_term_is_atom(reply->u.seq.v[10], t->sups[i].module) &&
		    erlrc_term_list_length(reply->u.seq.v[7]) >= 0)
			t->sups[i].restarts = reply->u.seq.v[7];
	} else {
		if (ask(l, "proc_lib", "translate_initial_call", pid, &reply,
		    err) < 0)
			return -1;
		if (reply && erlrc_term_is_tuple(reply, 3) &&
		    reply->u.seq.v[0]->type == ERLRC_TERM_ATOM)
			t->sups[i].module = reply->u.seq.v[0]->u.text.s;
	}
	if (ask(l, "supervisor", "which_children", pid, &reply, err) < 0)
		return -1;
	n = reply ? erlrc_term_list_length(reply) : -1;
	if (n < 0) {
		t->sups[i].gone = 1;
		t->sups[i].odd = reply;
		return 0;
	}
	for (k = 0; k < n; k++) {
		c = erlrc_term_nth(&l->tf, reply, (size_t)k);
		if (!erlrc_term_is_tuple(c, 4))
			continue;
		t->children = erlrc_xrealloc(t->children,
		    (t->nchildren + 1) * sizeof(*t->children));
		ch = &t->children[t->nchildren++];
		ch->sup = pid;
		ch->id = c->u.seq.v[0];
		ch->pid = c->u.seq.v[1];
		ch->is_sup = erlrc_term_is_atom(c->u.seq.v[2], "supervisor");
		ch->modules = c->u.seq.v[3];
		if (ch->is_sup && erlrc_suptree_is_pid(ch->pid))
			add_sup(t, ch->pid);
	}
	return 0;
}

/*
 * A child is static when its id is not undefined (simple_one_for_one)
 * and no sibling has it (a supervisor of its own making, such as
 * Ranch's connection supervisor, may give all its children one id).
 */
static void
mark_static(struct erlrc_suptree *t)
{
	struct erlrc_supchild *a, *b;
	size_t i, j;

	for (i = 0; i < t->nchildren; i++)
		t->children[i].is_static =
		    !erlrc_term_is_atom(t->children[i].id, "undefined");
	for (i = 0; i < t->nchildren; i++) {
		a = &t->children[i];
		for (j = i + 1; j < t->nchildren; j++) {
			b = &t->children[j];
			if (erlrc_term_equal(a->sup, b->sup) &&
			    erlrc_term_equal(a->id, b->id))
				a->is_static = b->is_static = 0;
		}
	}
}

/* erlrc_suptree_read - see suptree.h. */
int
erlrc_suptree_read(struct erlrc_live *l, const char *app,
    struct erlrc_suptree *t, struct erlrc_error *err)
{
	struct erlrc_term *master, *top;
	size_t i;

	if (erlrc_live_call(l, &master, err, "application_controller",
	    "get_master", "a", app) < 0)
		return -1;
	if (!erlrc_suptree_is_pid(master))
		return 0;
	if (ask(l, "application_master", "get_child", master, &top, err) < 0)
		return -1;
	if (!top || !erlrc_term_is_tuple(top, 2) ||
	    !erlrc_suptree_is_pid(top->u.seq.v[0]))
		return 0;
	add_sup(t, top->u.seq.v[0]);
	for (i = 0; i < t->nsups; i++)
		if (read_sup(l, t, i, err) < 0)
			return -1;
	mark_static(t);
	return 0;
}

/* The culprits of one application's tree (see erlrc_suptree_culprits). */
static int
culprits(struct erlrc_live *l, const char *app, struct erlrc_buf *why,
    struct erlrc_error *err)
{
	struct erlrc_error e = ERLRC_ERROR_INIT;
	struct erlrc_suptree t;
	const struct erlrc_supchild *c;
	const struct erlrc_supervisor *sup, *child;
	struct erlrc_term *reply;
	const char *supname;
	size_t i;
	int ret = -1;

	erlrc_suptree_init(&t);
	if (erlrc_suptree_read(l, app, &t, err) < 0)
		goto out;
	for (i = 0; i < t.nchildren; i++) {
		c = &t.children[i];
		if (!erlrc_suptree_is_pid(c->pid))
			continue;
		sup = erlrc_suptree_sup(&t, c->sup);
		supname = sup && sup->module ? sup->module : "?";
		/* erlrc_suptree_read asked it which_children */
		child = c->is_sup ? erlrc_suptree_sup(&t, c->pid) : NULL;
		if (child) {
			if (!child->gone)
				continue;
			erlrc_buf_addf(why, "; in application %s, child %s %s "
			    "of supervisor %s %s is of type supervisor but "
			    "answers which_children with %s", app,
			    erlrc_live_text(l, c->id), erlrc_live_text(l,
			    c->pid), supname, erlrc_live_text(l, c->sup),
			    child->odd ? erlrc_live_text(l, child->odd) :
			    "an exception");
		} else if (erlrc_term_is_atom(c->modules, "dynamic")) {
			erlrc_error_clear(&e);
			if (erlrc_live_call(l, &reply, &e, "gen", "call",
			    "tatt", c->pid, "erlrc", erlrc_term_new_atom(&l->tf,
			    "get_modules"), erlrc_term_new_int(&l->tf,
			    2000)) < 0 && !erlrc_live_connected(l)) {
				*err = e;
				goto out;
			}
			if (e.code == ERLRC_ERR_NONE &&
			    erlrc_term_is_tagged(reply, "ok", 2))
				continue;
			erlrc_buf_addf(why, "; in application %s, child %s %s "
			    "of supervisor %s %s has dynamic modules but does "
			    "not tell them within 2 s", app, erlrc_live_text(l,
			    c->id), erlrc_live_text(l, c->pid), supname,
			    erlrc_live_text(l, c->sup));
		}
	}
	ret = 0;
out:
	erlrc_suptree_destroy(&t);
	return ret;
}

/* erlrc_suptree_culprits - see suptree.h. */
int
erlrc_suptree_culprits(struct erlrc_live *l, struct erlrc_buf *why,
    struct erlrc_error *err)
{
	const struct erlrc_term *a;
	struct erlrc_term *apps;
	size_t i;

	if (erlrc_live_call(l, &apps, err, "application",
	    "which_applications", "") < 0)
		return -1;
	for (i = 0; apps->type == ERLRC_TERM_LIST && i < apps->u.seq.n; i++) {
		a = apps->u.seq.v[i];
		if (erlrc_term_is_tuple(a, 3) &&
		    a->u.seq.v[0]->type == ERLRC_TERM_ATOM &&
		    culprits(l, a->u.seq.v[0]->u.text.s, why, err) < 0)
			return -1;
	}
	return 0;
}

/* erlrc_suptree_child - see suptree.h. */
const struct erlrc_supchild *
erlrc_suptree_child(const struct erlrc_suptree *t,
    const struct erlrc_term *sup, const struct erlrc_term *id)
{
	size_t i;

	for (i = 0; i < t->nchildren; i++)
		if (erlrc_term_equal(t->children[i].sup, sup) &&
		    erlrc_term_equal(t->children[i].id, id))
			return &t->children[i];
	return NULL;
}

/* erlrc_suptree_sup - see suptree.h. */
const struct erlrc_supervisor *
erlrc_suptree_sup(const struct erlrc_suptree *t, const struct erlrc_term *pid)
{
	size_t i;

	for (i = 0; i < t->nsups; i++)
		if (erlrc_term_equal(t->sups[i].pid, pid))
			return &t->sups[i];
	return NULL;
}

/* How many times X is in LIST. */
static size_t
count(const struct erlrc_term *list, const struct erlrc_term *x)
{
	size_t i, n = 0;

	for (i = 0; list->type == ERLRC_TERM_LIST && i < list->u.seq.n; i++)
		n += erlrc_term_equal(list->u.seq.v[i], x);
	return n;
}

/* erlrc_suptree_new_restarts - see suptree.h. */
size_t
erlrc_suptree_new_restarts(const struct erlrc_term *before,
    const struct erlrc_term *after)
{
	size_t i, j, n = 0, a, b;

	for (i = 0; after->type == ERLRC_TERM_LIST && i < after->u.seq.n;
	    i++) {
		/* each distinct time once: its first place */
		for (j = 0; j < i; j++)
			if (erlrc_term_equal(after->u.seq.v[j],
			    after->u.seq.v[i]))
				break;
		if (j < i)
			continue;
		a = count(after, after->u.seq.v[i]);
		b = count(before, after->u.seq.v[i]);
		n += a > b ? a - b : 0;
	}
	return n;
}

/* erlrc_suptree_has_sup - see suptree.h. */
int
erlrc_suptree_has_sup(const struct erlrc_suptree *t,
    const struct erlrc_term *pid)
{
	const struct erlrc_supervisor *sup = erlrc_suptree_sup(t, pid);

	return sup && !sup->gone;
}
