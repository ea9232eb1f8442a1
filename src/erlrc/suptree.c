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
	if (reply && reply->type == ERLRC_TERM_ATOM)
		t->sups[i].module = reply->u.text.s;
	if (ask(l, "supervisor", "which_children", pid, &reply, err) < 0)
		return -1;
	n = reply ? erlrc_term_list_length(reply) : -1;
	if (n < 0) {
		t->sups[i].gone = 1;
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
	t->top = top->u.seq.v[0];
	add_sup(t, t->top);
	for (i = 0; i < t->nsups; i++)
		if (read_sup(l, t, i, err) < 0)
			return -1;
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

/* erlrc_suptree_has_sup - see suptree.h. */
int
erlrc_suptree_has_sup(const struct erlrc_suptree *t,
    const struct erlrc_term *pid)
{
	size_t i;

	for (i = 0; i < t->nsups; i++)
		if (!t->sups[i].gone && erlrc_term_equal(t->sups[i].pid, pid))
			return 1;
	return 0;
}
