/* SPDX-License-Identifier: GPL-2.0-or-later */
/* preflight.h - is a script safe on the node, before it runs? */
#ifndef ERLRC_PREFLIGHT_H
#define ERLRC_PREFLIGHT_H

#include <stddef.h>

#include <erlrc/buf.h>
#include <erlrc/error.h>
#include <erlrc/live.h>
#include <erlrc/term.h>

/* What the preflight looks at; every term lives in the node's termfile. */
struct erlrc_preflight {
	const struct erlrc_term *script;	/* the low-level script */
	/* release_handler_1:get_supervised_procs/0: [{Sup, Name, Pid, Mods}] */
	const struct erlrc_term *procs;
	const char *olddir, *newdir;	/* both versions' files (ebin/M.beam) */
	const struct erlrc_term **spared;	/* pids stopped on purpose */
	size_t nspared;
};

/*
 * Look at every process of node L before the script runs, and say in
 * VERDICT (appended to; left empty when all is well) each process that
 * runs code the script changes and that the script does not handle:
 *  - a special process (its module exports system_code_change/4) whose
 *    module is loaded, not updated: the release handler would ask it
 *    sys:get_status, which new code answers on old state;
 *  - a process whose callback module (or an event handler of an event
 *    manager) the script updates, but that the release handler will not
 *    suspend, since no supervision tree lists the module for it: its
 *    state would not be migrated;
 *  - a process in a module the script removes: the purge kills it;
 *  - a code_change that calls a function of the application which the
 *    code loaded at that point of the script lacks (an undef).
 * Returns 0, or -1 with err set when the node could not be asked.
 */
int erlrc_preflight_check(struct erlrc_live *l, const struct erlrc_preflight *p,
    struct erlrc_buf *verdict, struct erlrc_error *err);

#endif
