/* SPDX-License-Identifier: GPL-2.0-or-later */
/* guard.c - an appup evaluated by a guardian process on the node, which
 * ends the change whatever happens to erlrc meanwhile */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/buf.h>
#include <erlrc/guard.h>
#include <erlrc/xalloc.h>

/*
 * The guardian, as Erlang expressions that erl_eval runs on the node: no
 * module of erlrc's is ever loaded there.  The bindings are App, From, To,
 * ToDir, Script, Listed, Env and Erlrc (erlrc's node name).  The calling
 * process waits for the guardian; the guardian waits for the evaluating
 * process.  Neither is linked: erlrc's connection may go, the calling
 * process may be killed, the guardian still ends the change.  A process
 * is suspended when sys holds it in suspend_loop; a hibernating one of
 * Listed is asked.  A change that fails past its point of no return
 * leaves the persistent term {ERLRC_GUARD_FAILED, App} = {From, To,
 * ToDir, Master} on the node, Master the application master of App then
 * (see erlrc_guard_failed); a change that succeeds erases it.
 */
static const char guardian[] =
"Suspended = fun(P) ->\n"
"    case erlang:process_info(P, current_function) of\n"
"        {current_function, {sys, F, _}}\n"
"          when F =:= suspend_loop; F =:= suspend_loop_hib -> true;\n"
"        {current_function, {erlang, hibernate, 3}} ->\n"
"            lists:member(P, Listed) andalso\n"
"                case catch sys:get_status(P, 2000) of\n"
"                    {status, _, _, [_, suspended | _]} -> true;\n"
"                    _ -> false\n"
"                end;\n"
"        _ -> false\n"
"    end\n"
"end,\n"
"Guard = fun() ->\n"
"    try register(" ERLRC_GUARD_NAME ", self()) catch\n"
"        error:badarg -> exit({busy, whereis(" ERLRC_GUARD_NAME ")})\n"
"    end,\n"
"    Before = [P || P <- erlang:processes(), Suspended(P)],\n"
"    {W, WRef} = erlang:spawn_monitor(fun() ->\n"
"        exit({evaluated, release_handler:eval_appup_script(App, To,\n"
"            ToDir, Script)})\n"
"    end),\n"
"    Result = receive\n"
"        {'DOWN', WRef, process, W, {evaluated, R}} -> R;\n"
"        {'DOWN', WRef, process, W, Why} -> {'EXIT', Why}\n"
"    end,\n"
"    Resumed = case Result of\n"
"        {ok, _} ->\n"
"            [application:set_env(App, K, V) || {K, V} <- Env],\n"
"            persistent_term:erase({" ERLRC_GUARD_FAILED ", App}),\n"
"            0;\n"
"        {'EXIT', _} ->\n"
"            persistent_term:put({" ERLRC_GUARD_FAILED ", App},\n"
"                {From, To, ToDir,\n"
"                 application_controller:get_master(App)}),\n"
"            length([P || P <- erlang:processes() -- Before, Suspended(P),\n"
"                (catch sys:resume(P, 5000)) =:= ok]);\n"
"        _ ->\n"
"            length([P || P <- erlang:processes() -- Before, Suspended(P),\n"
"                (catch sys:resume(P, 5000)) =:= ok])\n"
"    end,\n"
"    case lists:member(Erlrc, nodes(connected)) of\n"
"        true -> ok;\n"
"        false ->\n"
"            logger:notice(\"erlrc: ~ts ~ts -> ~ts ended after erlrc \"\n"
"                \"went away: ~0tp; ~b suspended processes resumed~ts\",\n"
"                [App, From, To, Result, Resumed,\n"
"                 case Result of {ok, _} -> \", its environment set again\";\n"
"                     _ -> \"\" end])\n"
"    end,\n"
"    exit({guarded, Result, Resumed})\n"
"end,\n"
"{G, GRef} = erlang:spawn_monitor(Guard),\n"
"receive {'DOWN', GRef, process, G, Reason} -> Reason end.\n";

/* Erlang text to expressions, on the node. */
static int
parse(struct erlrc_live *l, struct erlrc_term **exprs,
    struct erlrc_error *err)
{
	struct erlrc_term *reply;

	if (erlrc_live_call(l, &reply, err, "erl_scan", "string", "s",
	    guardian) < 0)
		return -1;
	if (!erlrc_term_is_tagged(reply, "ok", 3))
		goto bad;
	if (erlrc_live_call(l, &reply, err, "erl_parse", "parse_exprs", "t",
	    reply->u.seq.v[1]) < 0)
		return -1;
	if (!erlrc_term_is_tagged(reply, "ok", 2))
		goto bad;
	*exprs = reply->u.seq.v[1];
	return 0;
bad:
	return erlrc_error_set(err, ERLRC_ERR_FAILED, "the node cannot read "
	    "erlrc's guardian: %s", erlrc_live_text(l, reply));
}

static struct erlrc_term *
binding(struct erlrc_live *l, const char *name, struct erlrc_term *value)
{
	return erlrc_term_new_of(&l->tf, ERLRC_TERM_TUPLE, 2,
	    erlrc_term_new_atom(&l->tf, name), value);
}

static struct erlrc_term *
list_of(struct erlrc_live *l, struct erlrc_term **v, size_t n)
{
	struct erlrc_term *t = erlrc_term_new_seq(&l->tf, ERLRC_TERM_LIST, n);
	size_t i;

	for (i = 0; i < n; i++)
		t->u.seq.v[i] = v[i];
	return t;
}

/* erlrc_guard_eval - see guard.h. */
int
erlrc_guard_eval(struct erlrc_live *l, const struct erlrc_guard_job *job,
    struct erlrc_term **result, long *resumed, struct erlrc_error *err)
{
	struct erlrc_termfile *tf = &l->tf;
	struct erlrc_term *exprs = NULL, *bindings, *reply, *r;

	if (parse(l, &exprs, err) < 0)
		return -1;
	bindings = erlrc_term_new_of(tf, ERLRC_TERM_LIST, 8,
	    binding(l, "App", erlrc_term_new_atom(tf, job->app)),
	    binding(l, "From", erlrc_term_new_string(tf, job->from)),
	    binding(l, "To", erlrc_term_new_string(tf, job->to)),
	    binding(l, "ToDir", erlrc_term_new_string(tf, job->todir)),
	    binding(l, "Script", (struct erlrc_term *)job->script),
	    binding(l, "Listed", list_of(l, job->listed, job->nlisted)),
	    binding(l, "Env", list_of(l, job->env, job->nenv)),
	    binding(l, "Erlrc", erlrc_term_new_atom(tf,
	    ei_thisnodename(&l->conn.ec))));
	if (erlrc_live_call(l, &reply, err, "erl_eval", "exprs", "tt", exprs,
	    bindings) < 0) {
		if (!erlrc_live_connected(l))
			erlrc_error_prefix(err, "%s %s -> %s goes on on the "
			    "node, where erlrc's guardian resumes the processes "
			    "it suspended if it fails, and sets %s's "
			    "environment again if it succeeds (run this again "
			    "to see how it ended)", job->app, job->from,
			    job->to, job->app);
		return -1;
	}
	/* {value, Reason, Bindings}, Reason the guardian's exit reason */
	r = erlrc_term_is_tagged(reply, "value", 3) ? reply->u.seq.v[1] :
	    reply;
	if (erlrc_term_is_tagged(r, "guarded", 3) &&
	    r->u.seq.v[2]->type == ERLRC_TERM_INTEGER) {
		*result = r->u.seq.v[1];
		*resumed = (long)r->u.seq.v[2]->u.i;
		return 0;
	}
	if (erlrc_term_is_tagged(r, "busy", 2))
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s -> %s "
		    "refused, nothing changed: erlrc's guardian %s is still "
		    "evaluating an earlier change on the node; run this "
		    "again once it has ended", job->app, job->from, job->to,
		    erlrc_live_text(l, r->u.seq.v[1]));
	return erlrc_error_set(err, ERLRC_ERR_FAILED, "erlrc's guardian "
	    "ended with %s", erlrc_live_text(l, r));
}

/* erlrc_guard_idle - see guard.h. */
int
erlrc_guard_idle(struct erlrc_live *l, struct erlrc_error *err)
{
	struct erlrc_term *reply;

	if (erlrc_live_call(l, &reply, err, "erlang", "whereis", "a",
	    ERLRC_GUARD_NAME) < 0)
		return -1;
	if (erlrc_term_is_atom(reply, "undefined"))
		return 0;
	return erlrc_error_set(err, ERLRC_ERR_FAILED, "erlrc's guardian %s "
	    "is still evaluating an earlier change on the node, which erlrc "
	    "stopped waiting for; nothing was done: run this again once it "
	    "has ended", erlrc_live_text(l, reply));
}

/* {ERLRC_GUARD_FAILED, APP}, the key of the mark. */
static struct erlrc_term *
failed_key(struct erlrc_live *l, const char *app)
{
	return erlrc_term_new_of(&l->tf, ERLRC_TERM_TUPLE, 2,
	    erlrc_term_new_atom(&l->tf, ERLRC_GUARD_FAILED),
	    erlrc_term_new_atom(&l->tf, app));
}

/* erlrc_guard_failed - see guard.h. */
int
erlrc_guard_failed(struct erlrc_live *l, const char *app, const char **what,
    struct erlrc_error *err)
{
	struct erlrc_buf from = ERLRC_BUF_INIT, to = ERLRC_BUF_INIT;
	struct erlrc_term *reply, *master;
	const char *mark;
	char *s;

	*what = NULL;
	if (erlrc_live_call(l, &reply, err, "persistent_term", "get", "tt",
	    failed_key(l, app), erlrc_term_new_atom(&l->tf, "undefined")) < 0)
		return -1;
	if (erlrc_term_is_atom(reply, "undefined"))
		return 0;
	/* APP started afresh since (another master): its state is its
	 * code's, the mark is stale */
	if (erlrc_term_is_tuple(reply, 4)) {
		mark = erlrc_live_text(l, reply->u.seq.v[3]);
		if (erlrc_live_call(l, &master, err, "application_controller",
		    "get_master", "a", app) < 0)
			return -1;
		if (strcmp(mark, erlrc_live_text(l, master)) != 0)
			return 0;
	}
	if (erlrc_term_is_tuple(reply, 4) &&
	    erlrc_term_string(reply->u.seq.v[0], &from) &&
	    erlrc_term_string(reply->u.seq.v[1], &to)) {
		s = erlrc_termfile_alloc(&l->tf, from.len + to.len + 5);
		sprintf(s, "%s -> %s", erlrc_buf_str(&from),
		    erlrc_buf_str(&to));
		*what = s;
	} else {
		*what = erlrc_live_text(l, reply);
	}
	erlrc_buf_destroy(&from);
	erlrc_buf_destroy(&to);
	return 0;
}
