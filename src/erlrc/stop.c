/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stop.c - what erlrc-stop does on a node */
#include <stdlib.h>
#include <string.h>

#include <erlrc/guard.h>
#include <erlrc/start.h>
#include <erlrc/stop.h>
#include <erlrc/xalloc.h>

/* The name of element I of the atom list LIST. */
static const char *
name_at(struct erlrc_live *l, const struct erlrc_term *list, long i)
{
	return erlrc_term_nth(&l->tf, list, (size_t)i)->u.text.s;
}

/*
 * Start registered APP on its own at VSN, the version that ran as part
 * of INCLUDER, which stopped.
 */
static int
start_alone(struct erlrc_host *h, struct erlrc_live *l, const char *app,
    const char *vsn, const char *includer, struct erlrc_error *err)
{
	erlrc_log(l->log, ERLRC_LOG_NOTICE, "node '%s': %s is registered "
	    "and %s, which included it, stopped: starting it on its own",
	    erlrc_live_node(l), app, includer);
	return erlrc_start_one(h, l, app, vsn, err);
}

/* erlrc_stop_node - see stop.h. */
int
erlrc_stop_node(struct erlrc_host *h, struct erlrc_live *l, void *arg,
    struct erlrc_error *err)
{
	struct erlrc_stop *s = arg;
	const char *node = erlrc_live_node(l), *running, *includer, *inc;
	const char *user, **vsns = NULL;
	const struct erlrc_term *included;
	long i, n;
	int ret = -1;

	if (erlrc_guard_idle(l, err) < 0)
		return -1;
	running = erlrc_live_running(l, s->app);
	if (!running) {
		if (erlrc_live_includer(l, s->app, &includer, err) < 0)
			return -1;
		if (includer)
			return erlrc_error_set(err, ERLRC_ERR_FAILED, "%s is "
			    "included in running application %s and runs as "
			    "part of it: stop %s, or upgrade it to a version "
			    "that does not include %s", s->app, includer,
			    includer, s->app);
	}
	/* what it includes, and at which version, read before it stops */
	if (erlrc_live_included(l, s->app, &included, err) < 0)
		return -1;
	n = erlrc_term_list_length(included);
	vsns = erlrc_xcalloc((size_t)n + 1, sizeof(*vsns));
	for (i = 0; i < n; i++)
		if (erlrc_live_loaded(l, name_at(l, included, i), &vsns[i],
		    err) < 0)
			goto out;
	if (running) {
		if (erlrc_live_needed_by(l, s->app, &user, err) < 0)
			goto out;
		if (user) {
			erlrc_error_set(err, ERLRC_ERR_FAILED, "%s runs and "
			    "needs %s: stop %s first", user, s->app, user);
			goto out;
		}
		if (strcmp(running, s->vsn) != 0)
			erlrc_log(l->log, ERLRC_LOG_WARNING, "node '%s': %s "
			    "%s is running, not %s: stopping it all the same",
			    node, s->app, running, s->vsn);
		if (erlrc_live_stop(l, s->app, err) < 0)
			goto out;
		erlrc_log(l->log, ERLRC_LOG_NOTICE, "node '%s': stopped %s "
		    "%s", node, s->app, running);
	} else {
		erlrc_log(l->log, ERLRC_LOG_NOTICE, "node '%s': %s is not "
		    "running", node, s->app);
	}
	if (!s->no_unload) {
		/* before APP: unloading it unloads what it includes, whose
		 * modules could then no longer be found */
		for (i = 0; i < n; i++) {
			inc = name_at(l, included, i);
			if (erlrc_registry_has_app(&h->reg, inc))
				continue;
			if (erlrc_live_unload(l, inc, err) < 0)
				goto out;
		}
		if (erlrc_live_unload(l, s->app, err) < 0)
			goto out;
	}
	for (i = 0; i < n; i++) {
		inc = name_at(l, included, i);
		if (erlrc_registry_starts(&h->reg, inc) && vsns[i] &&
		    start_alone(h, l, inc, vsns[i], s->app, err) < 0)
			goto out;
	}
	ret = erlrc_live_tree_in_use(l, h->libdir, &s->in_use, &s->nin_use,
	    err);
out:
	free(vsns);
	return ret;
}

/* erlrc_stop_forget - see stop.h. */
int
erlrc_stop_forget(struct erlrc_stop *s, const struct erlrc_host *h,
    const struct erlrc_log *log, struct erlrc_error *err)
{
	return erlrc_host_forget(h, (const char *const *)s->in_use,
	    s->nin_use, log, err);
}

/* erlrc_stop_destroy - see stop.h. */
void
erlrc_stop_destroy(struct erlrc_stop *s)
{
	size_t i;

	for (i = 0; i < s->nin_use; i++)
		free(s->in_use[i]);
	free(s->in_use);
	s->in_use = NULL;
	s->nin_use = 0;
}
