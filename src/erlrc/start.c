/* SPDX-License-Identifier: GPL-2.0-or-later */
/* start.c - what erlrc-start does on a node, and what erlrc-boot shares */
#include <stdlib.h>
#include <string.h>

#include <erlrc/dpkg.h>
#include <erlrc/start.h>
#include <erlrc/xalloc.h>

/* erlrc_start_init - see start.h. */
void
erlrc_start_init(struct erlrc_start *s, const char *app, const char *vsn)
{
	s->app = app;
	s->vsn = vsn;
	s->planned = s->plan_failed = 0;
	erlrc_error_clear(&s->plan_err);
	erlrc_libdirs_init(&s->libs);
	erlrc_order_init(&s->plan);
}

/*
 * Plan when a node first needs it: where the application runs already
 * (a maintainer script run again), nothing is read from the library
 * directories.  A failure is kept for the other nodes.
 */
static int
plan(struct erlrc_start *s, const struct erlrc_host *h,
    struct erlrc_error *err)
{
	if (!s->planned) {
		s->planned = 1;
		if (erlrc_host_plan(h, s->app, s->vsn, &s->libs, &s->plan,
		    &s->plan_err) < 0)
			s->plan_failed = 1;
	}
	if (s->plan_failed) {
		*err = s->plan_err;
		return -1;
	}
	return 0;
}

void
erlrc_start_destroy(struct erlrc_start *s)
{
	erlrc_order_destroy(&s->plan);
	erlrc_libdirs_destroy(&s->libs);
}

/* The program that moves a running version to another. */
static const char *
changer(const char *from, const char *to)
{
	struct erlrc_error ignored = ERLRC_ERROR_INIT;
	int cmp;

	if (erlrc_dpkg_version_compare(from, to, &cmp, &ignored) < 0)
		return "erlrc-upgrade (or erlrc-downgrade)";
	return cmp > 0 ? "erlrc-downgrade" : "erlrc-upgrade";
}

/* erlrc_start_one - see start.h. */
int
erlrc_start_one(struct erlrc_host *h, struct erlrc_live *l, const char *app,
    const char *vsn, struct erlrc_error *err)
{
	struct erlrc_start s;
	int ret;

	erlrc_start_init(&s, app, vsn);
	ret = erlrc_start_node(h, l, &s, err);
	erlrc_start_destroy(&s);
	return ret;
}

/* erlrc_start_node - see start.h. */
int
erlrc_start_node(struct erlrc_host *h, struct erlrc_live *l, void *arg,
    struct erlrc_error *err)
{
	struct erlrc_start *s = arg;
	const char *node = erlrc_live_node(l), *running, *includer;

	running = erlrc_live_running(l, s->app);
	if (running && strcmp(running, s->vsn) == 0) {
		erlrc_log(l->log, ERLRC_LOG_NOTICE, "node '%s': %s %s is "
		    "already running", node, s->app, s->vsn);
		return 0;
	}
	if (running)
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "%s %s is "
		    "running, not %s: '%s %s %s %s' changes it", s->app,
		    running, s->vsn, changer(running, s->vsn), s->app, running,
		    s->vsn);
	if (erlrc_live_includer(l, s->app, &includer, err) < 0)
		return -1;
	if (includer) {
		erlrc_log(l->log, ERLRC_LOG_NOTICE, "node '%s': %s is "
		    "included in running application %s: it runs as part "
		    "of it", node, s->app, includer);
		return 0;
	}
	if (plan(s, h, err) < 0)
		return -1;
	return erlrc_start_items(h, l, &s->plan, 0, NULL, err);
}

/*
 * An application ITEM includes may run on its own (its includer stopped
 * earlier): stop it, as ITEM's start starts it as part of ITEM.
 */
static int
stop_members(struct erlrc_live *l, const struct erlrc_order_item *item,
    struct erlrc_error *err)
{
	size_t i;

	for (i = 1; i < item->nmembers; i++) {
		if (!erlrc_live_running(l, item->members[i].name))
			continue;
		if (erlrc_live_stop(l, item->members[i].name, err) < 0)
			return -1;
		erlrc_log(l->log, ERLRC_LOG_NOTICE, "node '%s': stopped %s: "
		    "it runs as part of %s from now on", erlrc_live_node(l),
		    item->members[i].name, item->name);
	}
	return 0;
}

/* erlrc_start_items - see start.h. */
int
erlrc_start_items(struct erlrc_host *h, struct erlrc_live *l,
    const struct erlrc_order *plan, int keep_going, size_t *started,
    struct erlrc_error *err)
{
	const char *node = erlrc_live_node(l), *includer;
	const struct erlrc_order_item *item;
	struct erlrc_error e = ERLRC_ERROR_INIT;
	enum erlrc_errcode worst = ERLRC_ERR_FAILED;
	size_t i, j, nfailed = 0, blocker;
	char *failed = erlrc_xcalloc(plan->n + 1, 1);
	int ret = -1;

	for (i = 0; i < plan->n; i++) {
		item = &plan->items[i];
		if (erlrc_live_running(l, item->name))
			continue;
		if (erlrc_live_includer(l, item->name, &includer, err) < 0)
			goto out;
		if (includer)
			continue;
		blocker = plan->n;
		for (j = 0; j < item->ndeps && blocker == plan->n; j++)
			if (failed[item->deps[j]])
				blocker = item->deps[j];
		if (blocker < plan->n) {
			failed[i] = 1;
			nfailed++;
			erlrc_log(l->log, ERLRC_LOG_ERROR, "node '%s': %s %s "
			    "not started: it needs %s, which did not start",
			    node, item->name, item->vsn,
			    plan->items[blocker].name);
			continue;
		}
		erlrc_error_clear(&e);
		if (stop_members(l, item, &e) < 0 ||
		    erlrc_live_start(l, h->libdir, &h->reg, item,
		    erlrc_config_start_type(&h->cfg, item->name), &e) < 0) {
			if (!keep_going || !erlrc_live_connected(l)) {
				*err = e;
				if (!keep_going && i + 1 < plan->n)
					erlrc_error_prefix(err, "%s %s not "
					    "started", plan->items[plan->n -
					    1].name, plan->items[plan->n - 1].vsn);
				goto out;
			}
			if (e.code != ERLRC_ERR_FAILED)
				worst = e.code;
			failed[i] = 1;
			nfailed++;
			erlrc_log(l->log, ERLRC_LOG_ERROR, "node '%s': %s", node,
			    e.msg);
			continue;
		}
		erlrc_log(l->log, ERLRC_LOG_NOTICE, "node '%s': started %s %s",
		    node, item->name, item->vsn);
		if (started)
			(*started)++;
	}
	if (nfailed) {
		erlrc_error_set(err, worst, "%zu application%s did not start",
		    nfailed, nfailed == 1 ? "" : "s");
		goto out;
	}
	ret = 0;
out:
	free(failed);
	return ret;
}
