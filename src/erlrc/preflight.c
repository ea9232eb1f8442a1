/* SPDX-License-Identifier: GPL-2.0-or-later */
/* preflight.c - is a script safe on the node, before it runs? */
#include <stdlib.h>
#include <string.h>

#include <erlrc/beam.h>
#include <erlrc/preflight.h>
#include <erlrc/script.h>
#include <erlrc/xalloc.h>

/* Both versions' .beam of one module, read once. */
struct beams {
	const char *name;
	struct erlrc_beam *from, *to;	/* NULL: not in that version */
	int loaded;			/* the script has loaded TO's */
};

struct plan {
	const struct erlrc_preflight *p;
	struct beams *v;
	size_t n;
	/* the supervised processes listed again after the census, when a
	 * process of the census is not in p->procs */
	const struct erlrc_term *again;
};

/* The beams of module M, NULL when neither version has it. */
static struct beams *
beams(struct plan *pl, const char *m)
{
	struct erlrc_error e = ERLRC_ERROR_INIT;
	struct beams *x;
	size_t i;

	for (i = 0; i < pl->n; i++)
		if (strcmp(pl->v[i].name, m) == 0)
			return pl->v[i].from || pl->v[i].to ? &pl->v[i] : NULL;
	pl->v = erlrc_xrealloc(pl->v, (pl->n + 1) * sizeof(*pl->v));
	x = &pl->v[pl->n++];
	x->name = m;
	x->from = erlrc_beam_load(pl->p->olddir, m, &e);
	x->to = erlrc_beam_load(pl->p->newdir, m, &e);
	x->loaded = 0;
	return x->from || x->to ? x : NULL;
}

static void
plan_destroy(struct plan *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		erlrc_beam_free(pl->v[i].from);
		erlrc_beam_free(pl->v[i].to);
	}
	free(pl->v);
}

/*
 * The code_change of module X runs the code of X loaded at that point of
 * the script; every call it makes to a module of the application goes to
 * the code of that module loaded at that point.  Each such function must
 * be there: one that only the version not loaded yet has is an undef,
 * past the point of no return.  (Calls of the module as a whole: that
 * code_change reaches them is not known, so this is on the safe side.)
 */
static void
calls_loaded(struct plan *pl, const char *name, struct erlrc_buf *verdict)
{
	const struct erlrc_beam *code, *callee;
	const struct erlrc_beam_mfa *f;
	struct beams *x = beams(pl, name), *y;
	size_t i;

	/* (beams() may move pl->v: x is not used past it) */
	code = x ? x->loaded ? x->to : x->from : NULL;
	for (i = 0; code && i < code->nimports; i++) {
		f = &code->imports[i];
		y = beams(pl, f->module);
		if (!y || strcmp(f->module, name) == 0)
			continue;
		callee = y->loaded ? y->to : y->from;
		if (callee && erlrc_beam_exports(callee, f->name, f->arity))
			continue;
		erlrc_buf_addf(verdict, "; the code_change of %s calls "
		    "%s:%s/%u, which only %s's %s code has, before the script "
		    "loads it: an undef past the point of no return (update "
		    "%s before %s, in an appup of your own)", name,
		    f->module, f->name, f->arity, f->module, y->loaded ?
		    "old" : "new", f->module, name);
		return;
	}
}

/* Does M's .beam, in either version, export system_code_change/4? */
static int
is_special(struct plan *pl, const char *m)
{
	const struct beams *b = beams(pl, m);

	return b && ((b->from && erlrc_beam_exports(b->from,
	    "system_code_change", 4)) || (b->to && erlrc_beam_exports(b->to,
	    "system_code_change", 4)));
}

/* Walk the script: what each code_change calls is loaded when it runs. */
static void
check_plan(struct plan *pl, struct erlrc_buf *verdict)
{
	const struct erlrc_preflight *p = pl->p;
	const struct erlrc_term *in, *arg, *x;
	struct beams *b;
	size_t i, j;

	for (i = 0; p->script->type == ERLRC_TERM_LIST &&
	    i < p->script->u.seq.n; i++) {
		in = p->script->u.seq.v[i];
		if (erlrc_term_is_tagged(in, "load", 2) &&
		    erlrc_term_is_tuple(in->u.seq.v[1], 3) &&
		    in->u.seq.v[1]->u.seq.v[0]->type == ERLRC_TERM_ATOM) {
			b = beams(pl, in->u.seq.v[1]->u.seq.v[0]->u.text.s);
			if (b)
				b->loaded = 1;
		} else if (erlrc_term_is_tagged(in, "code_change", 3)) {
			arg = in->u.seq.v[2];
			for (j = 0; arg->type == ERLRC_TERM_LIST &&
			    j < arg->u.seq.n; j++) {
				x = arg->u.seq.v[j];
				if (erlrc_term_is_tuple(x, 2) &&
				    x->u.seq.v[0]->type == ERLRC_TERM_ATOM)
					calls_loaded(pl,
					    x->u.seq.v[0]->u.text.s, verdict);
			}
		}
	}
}

/* Does PROCS (get_supervised_procs) list PID with module M? */
static int
lists_pid(const struct erlrc_term *procs, const struct erlrc_term *pid,
    const struct erlrc_term *m)
{
	const struct erlrc_term *x, *mods;
	size_t i, j;

	for (i = 0; procs->type == ERLRC_TERM_LIST && i < procs->u.seq.n;
	    i++) {
		x = procs->u.seq.v[i];
		if (!erlrc_term_is_tuple(x, 4) ||
		    !erlrc_term_equal(x->u.seq.v[2], pid))
			continue;
		mods = x->u.seq.v[3];
		for (j = 0; mods->type == ERLRC_TERM_LIST &&
		    j < mods->u.seq.n; j++)
			if (erlrc_term_equal(mods->u.seq.v[j], m))
				return 1;
	}
	return 0;
}

/*
 * Will the release handler suspend PID for module M?  The supervised
 * processes were listed before the census: a process a supervisor started
 * in between (a pool under load) is looked for in a second list, made
 * after the census; one that is gone by then counts as reached.
 */
static int
reached(struct erlrc_live *l, struct plan *pl, const struct erlrc_term *pid,
    const struct erlrc_term *m, int *yes, struct erlrc_error *err)
{
	struct erlrc_term *reply;

	*yes = 1;
	if (lists_pid(pl->p->procs, pid, m))
		return 0;
	if (!pl->again) {
		if (erlrc_live_call(l, &reply, err, "release_handler_1",
		    "get_supervised_procs", "") < 0)
			return -1;
		pl->again = reply;
	}
	if (lists_pid(pl->again, pid, m))
		return 0;
	if (erlrc_live_call(l, &reply, err, "erlang", "is_process_alive",
	    "t", pid) < 0)
		return -1;
	*yes = !erlrc_term_is_atom(reply, "true");
	return 0;
}

/* The value of KEY in the process_info list INFO, or NULL. */
static const struct erlrc_term *
info(const struct erlrc_term *list, const char *key)
{
	size_t i;

	for (i = 0; list->type == ERLRC_TERM_LIST && i < list->u.seq.n; i++)
		if (erlrc_term_is_tagged(list->u.seq.v[i], key, 2))
			return list->u.seq.v[i]->u.seq.v[1];
	return NULL;
}

/* Is M the module of a frame of STACK (a current_stacktrace)? */
static int
on_stack(const struct erlrc_term *stack, const struct erlrc_term *m)
{
	size_t i;

	for (i = 0; stack && stack->type == ERLRC_TERM_LIST &&
	    i < stack->u.seq.n; i++)
		if (erlrc_term_is_tuple(stack->u.seq.v[i], 4) &&
		    erlrc_term_equal(stack->u.seq.v[i]->u.seq.v[0], m))
			return 1;
	return 0;
}

/* One process, as the census saw it. */
struct proc {
	const struct erlrc_term *pid;
	const struct erlrc_term *cb;	/* callback module, or NULL */
	const struct erlrc_term *call;	/* translated initial call */
	const struct erlrc_term *stack;
	const struct erlrc_term *name;	/* registered name, or NULL */
	int waiting;
};

/* "<0.1.0> (registered as x, in m:f/1)" */
static void
describe(struct erlrc_buf *out, struct erlrc_live *l, const struct proc *pr)
{
	const struct erlrc_term *top = NULL;

	if (pr->stack && pr->stack->type == ERLRC_TERM_LIST &&
	    pr->stack->u.seq.n > 0 &&
	    erlrc_term_is_tuple(pr->stack->u.seq.v[0], 4))
		top = pr->stack->u.seq.v[0];
	erlrc_buf_addf(out, "process %s (", erlrc_live_text(l, pr->pid));
	if (pr->name)
		erlrc_buf_addf(out, "registered as %s",
		    erlrc_live_text(l, pr->name));
	else if (erlrc_term_is_tuple(pr->call, 3))
		erlrc_buf_addf(out, "started as %s:%s/%s",
		    erlrc_live_text(l, pr->call->u.seq.v[0]),
		    erlrc_live_text(l, pr->call->u.seq.v[1]),
		    erlrc_live_text(l, pr->call->u.seq.v[2]));
	if (top)
		erlrc_buf_addf(out, ", in %s:%s/%s",
		    erlrc_live_text(l, top->u.seq.v[0]),
		    erlrc_live_text(l, top->u.seq.v[1]),
		    top->u.seq.v[2]->type == ERLRC_TERM_INTEGER ?
		    erlrc_live_text(l, top->u.seq.v[2]) : "?");
	erlrc_buf_adds(out, ")");
}

/* The handler modules of event manager PID (NULL if it does not say). */
static int
handlers(struct erlrc_live *l, const struct erlrc_term *pid,
    const struct erlrc_term **mods, struct erlrc_error *err)
{
	struct erlrc_error e = ERLRC_ERROR_INIT;
	struct erlrc_term *reply;

	*mods = NULL;
	/* what release_handler_1 asks a child whose modules are dynamic */
	if (erlrc_live_call(l, &reply, &e, "gen", "call", "tatt", pid,
	    "erlrc", erlrc_term_new_atom(&l->tf, "get_modules"),
	    erlrc_term_new_int(&l->tf, 2000)) < 0) {
		if (erlrc_live_connected(l))
			return 0;
		*err = e;
		return -1;
	}
	if (erlrc_term_is_tagged(reply, "ok", 2))
		*mods = reply->u.seq.v[1];
	return 0;
}

static int
spared(const struct erlrc_preflight *p, const struct erlrc_term *pid)
{
	size_t i;

	for (i = 0; i < p->nspared; i++)
		if (erlrc_term_equal(p->spared[i], pid))
			return 1;
	return 0;
}

/* What is wrong with process PR, appended to VERDICT. */
static int
judge(struct erlrc_live *l, struct plan *pl, const struct proc *pr,
    struct erlrc_buf *verdict, struct erlrc_error *err)
{
	const struct erlrc_preflight *p = pl->p;
	const struct erlrc_term *mods = NULL, *m;
	const char *cb = pr->cb ? pr->cb->u.text.s : NULL;
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t i;
	int yes = 1;

	if (spared(p, pr->pid))
		return 0;
	if (cb && erlrc_script_names(p->script, "suspend", cb) &&
	    reached(l, pl, pr->pid, pr->cb, &yes, err) < 0)
		return -1;
	if (cb && erlrc_script_names(p->script, "load", cb) &&
	    !erlrc_script_names(p->script, "suspend", cb) &&
	    (on_stack(pr->stack, pr->cb) || pr->waiting) &&
	    is_special(pl, cb)) {
		describe(&b, l, pr);
		erlrc_buf_addf(verdict, "; %s is a special process of %s, "
		    "which the appup loads but does not update: it would "
		    "answer the release handler's sys:get_status on new code "
		    "with old state", b.s, pr->cb->u.text.s);
	} else if (cb && erlrc_script_names(p->script, "suspend", cb) &&
	    !yes) {
		describe(&b, l, pr);
		erlrc_buf_addf(verdict, "; %s runs %s, which the appup "
		    "updates, but the release handler does not reach it (no "
		    "supervision tree lists %s for it): its state would not "
		    "be migrated", b.s, pr->cb->u.text.s, pr->cb->u.text.s);
	} else if (cb && erlrc_script_names(p->script, "remove", cb)) {
		describe(&b, l, pr);
		erlrc_buf_addf(verdict, "; %s runs %s, which the appup "
		    "removes: the purge would kill it", b.s,
		    pr->cb->u.text.s);
	}
	if (b.len)
		goto out;
	for (i = 0; pr->waiting && pr->stack &&
	    pr->stack->type == ERLRC_TERM_LIST && i < pr->stack->u.seq.n;
	    i++) {
		m = pr->stack->u.seq.v[i];
		if (!erlrc_term_is_tuple(m, 4) ||
		    m->u.seq.v[0]->type != ERLRC_TERM_ATOM ||
		    !erlrc_script_names(p->script, "remove",
		    m->u.seq.v[0]->u.text.s))
			continue;
		describe(&b, l, pr);
		erlrc_buf_addf(verdict, "; %s waits in %s, which the appup "
		    "removes: the purge would kill it", b.s,
		    m->u.seq.v[0]->u.text.s);
		goto out;
	}
	if (!erlrc_term_is_tuple(pr->call, 3) ||
	    !erlrc_term_is_atom(pr->call->u.seq.v[0], "gen_event") ||
	    !erlrc_term_is_atom(pr->call->u.seq.v[1], "init_it"))
		goto out;
	if (handlers(l, pr->pid, &mods, err) < 0) {
		erlrc_buf_destroy(&b);
		return -1;
	}
	for (i = 0; mods && mods->type == ERLRC_TERM_LIST &&
	    i < mods->u.seq.n; i++) {
		m = mods->u.seq.v[i];
		if (m->type != ERLRC_TERM_ATOM ||
		    !erlrc_script_names(p->script, "suspend", m->u.text.s))
			continue;
		if (reached(l, pl, pr->pid, m, &yes, err) < 0) {
			erlrc_buf_destroy(&b);
			return -1;
		}
		if (yes)
			continue;
		describe(&b, l, pr);
		erlrc_buf_addf(verdict, "; event manager %s has the handler "
		    "%s, which the appup updates, but the release handler "
		    "does not reach it (no supervision tree lists it as "
		    "dynamic): the handler's state would not be migrated",
		    b.s + strlen("process "), m->u.text.s);
		break;
	}
out:
	erlrc_buf_destroy(&b);
	return 0;
}

/* erlrc_preflight_check - see preflight.h. */
int
erlrc_preflight_check(struct erlrc_live *l, const struct erlrc_preflight *p,
    struct erlrc_buf *verdict, struct erlrc_error *err)
{
	struct erlrc_termfile *tf = &l->tf;
	struct erlrc_term *pids, *infos, *calls, *items, *what;
	const struct erlrc_term *x, *st;
	struct plan pl = { p, NULL, 0, NULL };
	struct proc pr;
	size_t i, n;
	int ret = -1;

	/* both versions' .beam files are read once, for the script and for
	 * every process */
	check_plan(&pl, verdict);
	if (erlrc_live_call(l, &pids, err, "erlang", "processes", "") < 0)
		goto out;
	if (pids->type != ERLRC_TERM_LIST) {
		ret = 0;
		goto out;
	}
	n = pids->u.seq.n;
	what = erlrc_term_new_seq(tf, ERLRC_TERM_LIST, 3);
	what->u.seq.v[0] = erlrc_term_new_atom(tf, "current_stacktrace");
	what->u.seq.v[1] = erlrc_term_new_atom(tf, "status");
	what->u.seq.v[2] = erlrc_term_new_atom(tf, "registered_name");
	items = erlrc_term_new_seq(tf, ERLRC_TERM_LIST, n);
	for (i = 0; i < n; i++)
		items->u.seq.v[i] = what;
	if (erlrc_live_call(l, &infos, err, "lists", "zipwith", "ttt",
	    erlrc_term_new_fun(tf, "erlang", "process_info", 2), pids,
	    items) < 0 ||
	    erlrc_live_call(l, &calls, err, "lists", "map", "tt",
	    erlrc_term_new_fun(tf, "proc_lib", "translate_initial_call", 1),
	    pids) < 0)
		goto out;
	if (erlrc_term_list_length(infos) != (long)n ||
	    erlrc_term_list_length(calls) != (long)n) {
		erlrc_error_set(err, ERLRC_ERR_FAILED, "the node's process "
		    "census does not add up");
		goto out;
	}
	for (i = 0; i < n; i++) {
		x = infos->u.seq.v[i];
		if (x->type != ERLRC_TERM_LIST)
			continue;	/* gone meanwhile */
		memset(&pr, 0, sizeof(pr));
		pr.pid = pids->u.seq.v[i];
		pr.call = calls->u.seq.v[i];
		pr.stack = info(x, "current_stacktrace");
		pr.name = info(x, "registered_name");
		if (pr.name && pr.name->type != ERLRC_TERM_ATOM)
			pr.name = NULL;
		st = info(x, "status");
		pr.waiting = st && erlrc_term_is_atom(st, "waiting");
		if (erlrc_term_is_tuple(pr.call, 3)) {
			pr.cb = pr.call->u.seq.v[0];
			if (erlrc_term_is_atom(pr.cb, "supervisor") ||
			    erlrc_term_is_atom(pr.cb, "supervisor_bridge"))
				pr.cb = pr.call->u.seq.v[1];
			if (pr.cb->type != ERLRC_TERM_ATOM)
				pr.cb = NULL;
		}
		if (judge(l, &pl, &pr, verdict, err) < 0)
			goto out;
	}
	ret = 0;
out:
	plan_destroy(&pl);
	return ret;
}
