/* SPDX-License-Identifier: GPL-2.0-or-later */
/* relcheck.c - does a node run the versions a release names? */
#include <string.h>

#include <erlrc/buf.h>
#include <erlrc/relcheck.h>
#include <erlrc/term.h>

/* The node's erts version: erlang:system_info(version). */
static int
erts_vsn(struct erlrc_live *l, struct erlrc_buf *vsn,
    struct erlrc_error *err)
{
	struct erlrc_term *reply;

	if (erlrc_live_call(l, &reply, err, "erlang", "system_info", "a",
	    "version") < 0)
		return -1;
	if (!erlrc_term_string(reply, vsn))
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "unexpected reply "
		    "to erlang:system_info(version): %s",
		    erlrc_live_text(l, reply));
	return 0;
}

/* erlrc_relcheck_node - see relcheck.h. */
int
erlrc_relcheck_node(struct erlrc_host *h, struct erlrc_live *l, void *c,
    struct erlrc_error *err)
{
	struct erlrc_relcheck *rc = c;
	const struct erlrc_rel *r = rc->rel;
	struct erlrc_buf erts = ERLRC_BUF_INIT;
	const char *node = erlrc_live_node(l), *vsn, *includer;
	size_t i, ndiff = 0;
	int ret = -1;

	rc->ndiff = 0;
	if (erts_vsn(l, &erts, err) < 0)
		goto out;
	if (strcmp(erts.s, r->erts_vsn) != 0) {
		erlrc_log(rc->log, ERLRC_LOG_WARNING, "node '%s' runs erts %s, "
		    "the release %s %s has %s", node, erts.s, r->name, r->vsn,
		    r->erts_vsn);
		ndiff++;
	}
	for (i = 0; i < r->napps; i++) {
		const struct erlrc_rel_app *a = &r->apps[i];

		if (a->type == ERLRC_REL_NONE)
			continue;
		vsn = erlrc_live_running(l, a->name);
		includer = NULL;
		if (!vsn && (erlrc_live_includer(l, a->name, &includer,
		    err) < 0 || ((includer || a->type == ERLRC_REL_LOAD) &&
		    erlrc_live_loaded(l, a->name, &vsn, err) < 0)))
			goto out;
		if (vsn && strcmp(vsn, a->vsn) == 0)
			continue;
		ndiff++;
		if (vsn)
			erlrc_log(rc->log, ERLRC_LOG_WARNING, "node '%s' %s %s "
			    "%s, the release %s %s has %s", node, a->type ==
			    ERLRC_REL_LOAD || includer ? "loads" : "runs",
			    a->name, vsn, r->name, r->vsn, a->vsn);
		else if (erlrc_registry_has_app(&h->reg, a->name))
			erlrc_log(rc->log, ERLRC_LOG_WARNING, "node '%s' does "
			    "not %s %s, the release %s %s has %s", node,
			    a->type == ERLRC_REL_LOAD ? "load" : "run",
			    a->name, r->name, r->vsn, a->vsn);
		else
			erlrc_log(rc->log, ERLRC_LOG_WARNING, "node '%s' does "
			    "not %s %s, the release %s %s has %s: no erlrc "
			    "package registers %s (OTP's own applications are "
			    "not), and erlrc starts only the registered "
			    "applications and what they need.  'erlrc-start "
			    "%s %s' starts it now; list it in the applications "
			    "of one of yours to have it started at every boot",
			    node, a->type == ERLRC_REL_LOAD ? "load" : "run",
			    a->name, r->name, r->vsn, a->vsn, a->name, a->name,
			    a->vsn);
	}
	rc->ndiff = ndiff;
	ret = 0;
out:
	erlrc_buf_destroy(&erts);
	return ret;
}
