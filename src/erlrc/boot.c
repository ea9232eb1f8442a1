/* SPDX-License-Identifier: GPL-2.0-or-later */
/* boot.c - what erlrc-boot does, as library calls */
#include <stdlib.h>

#include <erlrc/boot.h>
#include <erlrc/node.h>
#include <erlrc/report.h>
#include <erlrc/start.h>
#include <erlrc/xalloc.h>

void
erlrc_boot_init(struct erlrc_boot *b)
{
	erlrc_libdirs_init(&b->libs);
	erlrc_order_init(&b->order);
	b->removed = NULL;
	b->nremoved = 0;
}

/* erlrc_boot_prepare - see boot.h. */
int
erlrc_boot_prepare(struct erlrc_boot *b, const struct erlrc_host *h,
    struct erlrc_error *err)
{
	const char **installed;
	size_t i, n = 0;
	int ret;

	if (erlrc_host_scan_libs(h, &b->libs, err) < 0)
		return -1;
	installed = erlrc_xmalloc((h->reg.napps + 1) * sizeof(*installed));
	b->removed = erlrc_xmalloc((h->reg.napps + 1) * sizeof(*b->removed));
	for (i = 0; i < h->reg.napps; i++) {
		/* start: false in its registration: erlrc only manages it */
		if (!erlrc_registry_starts(&h->reg, h->reg.apps[i]))
			continue;
		if (erlrc_libdirs_find(&b->libs, h->reg.apps[i]))
			installed[n++] = h->reg.apps[i];
		else
			b->removed[b->nremoved++] = h->reg.apps[i];
	}
	ret = erlrc_order_compute(&b->order, &b->libs, installed, n, err);
	free(installed);
	return ret;
}

void
erlrc_boot_destroy(struct erlrc_boot *b)
{
	erlrc_order_destroy(&b->order);
	erlrc_libdirs_destroy(&b->libs);
	free(b->removed);
	b->removed = NULL;
	b->nremoved = 0;
}

/* erlrc_boot_print - see boot.h. */
void
erlrc_boot_print(const struct erlrc_boot *b, FILE *out)
{
	size_t i;

	for (i = 0; i < b->order.n; i++)
		fprintf(out, "%s %s %s\n", b->order.items[i].name,
		    b->order.items[i].vsn, b->order.items[i].dir);
}

/* erlrc_boot_wait - see boot.h. */
int
erlrc_boot_wait(struct erlrc_host *h, unsigned wait_ms,
    const struct erlrc_log *log)
{
	uint64_t end = erlrc_node_now_ms() + wait_ms, now;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_conn c = ERLRC_CONN_INIT;
	struct erlrc_target *t;
	int ret, worst = ERLRC_EXIT_OK;
	size_t i;

	for (i = 0; i < h->ntargets; i++) {
		t = &h->targets[i];
		for (;;) {
			erlrc_error_clear(&err);
			ret = erlrc_node_connect(&c, t->name, t->cookie,
			    h->timeout_ms, &err);
			erlrc_node_close(&c);
			now = erlrc_node_now_ms();
			/* a node that is booting may refuse at first */
			if (ret == 0 || now >= end ||
			    (err.code != ERLRC_ERR_NODEDOWN &&
			    err.code != ERLRC_ERR_UNREACHABLE &&
			    err.code != ERLRC_ERR_REFUSED))
				break;
			erlrc_node_pause_ms(end - now < 200 ?
			    (unsigned)(end - now) : 200);
		}
		if (ret == 0)
			continue;
		t->skip = 1;
		if (err.code == ERLRC_ERR_NODEDOWN) {
			erlrc_log(log, ERLRC_LOG_NOTICE, "node '%s' is %s%s: "
			    "nothing started there", t->name, err.msg,
			    wait_ms ? " after waiting" : "");
			continue;
		}
		erlrc_log(log, ERLRC_LOG_ERROR, "node '%s': %s", t->name,
		    err.msg);
		ret = erlrc_report_status(&err);
		if (ret > worst)
			worst = ret;
	}
	return worst;
}

/* erlrc_boot_node - see boot.h. */
int
erlrc_boot_node(struct erlrc_host *h, struct erlrc_live *l, void *arg,
    struct erlrc_error *err)
{
	const struct erlrc_boot *b = arg;
	size_t started = 0;

	if (erlrc_start_items(h, l, &b->order, 1, &started, err) < 0)
		return -1;
	if (!started)
		erlrc_log(l->log, ERLRC_LOG_NOTICE, "node '%s': nothing to "
		    "start: every registered application runs",
		    erlrc_live_node(l));
	return 0;
}
