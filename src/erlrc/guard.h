/* SPDX-License-Identifier: GPL-2.0-or-later */
/* guard.h - an appup evaluated by a guardian process on the node, which
 * ends the change whatever happens to erlrc meanwhile */
#ifndef ERLRC_GUARD_H
#define ERLRC_GUARD_H

#include <stddef.h>

#include <erlrc/error.h>
#include <erlrc/live.h>
#include <erlrc/term.h>

/* The name the guardian holds on the node while a change runs. */
#define ERLRC_GUARD_NAME "erlrc_guard"
/* The persistent term {ERLRC_GUARD_FAILED, App} marks a failed change. */
#define ERLRC_GUARD_FAILED "erlrc_failed"

struct erlrc_guard_job {
	const char *app, *from, *to, *todir;
	const struct erlrc_term *script;	/* the low-level script */
	/* the processes the script suspends, as listed before: a
	 * hibernating one is asked (sys:get_status) whether it is suspended */
	struct erlrc_term **listed;
	size_t nlisted;
	/* {Key, Value} pairs set again in APP's environment on success */
	struct erlrc_term **env;
	size_t nenv;
};

/*
 * Evaluate JOB's script on the node (release_handler:eval_appup_script)
 * in a process of a guardian registered as ERLRC_GUARD_NAME, not linked
 * to anything of erlrc's.  When the evaluation ends, whether erlrc still
 * waits or not (timeout, killed, connection lost), the guardian sets the
 * environment again on success; on failure it resumes every process that
 * is suspended (sys) and was not before the evaluation began, those that
 * a supervisor started meanwhile included.  When erlrc has gone, it says
 * what happened in the node's log (logger).
 *
 * *RESULT is eval_appup_script's result ({ok, Unpurged}, {error, R} or
 * {'EXIT', R}), *RESUMED the number of processes resumed.  Errors (-1):
 * ERLRC_ERR_FAILED when another guardian runs (nothing done), and when
 * the call ends without an answer (the connection is then closed; the
 * message says that the evaluation goes on on the node).
 */
int erlrc_guard_eval(struct erlrc_live *l, const struct erlrc_guard_job *job,
    struct erlrc_term **result, long *resumed, struct erlrc_error *err);

/*
 * Refuse (-1, ERLRC_ERR_FAILED) while a guardian runs on the node: a
 * change that erlrc stopped waiting for is still being evaluated.
 */
int erlrc_guard_idle(struct erlrc_live *l, struct erlrc_error *err);

/*
 * Did a change of APP fail past its point of no return on the node, and
 * APP not start afresh since (the same application master)?  *WHAT is NULL when not, else "FROM -> TO"
 * (in the node's arena): the code loaded then runs on state that was
 * not migrated, whatever version APP reports.
 */
int erlrc_guard_failed(struct erlrc_live *l, const char *app,
    const char **what, struct erlrc_error *err);

#endif
