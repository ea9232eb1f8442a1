/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stalecheck.c - does a node run code older than what is installed? */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <erlrc/beam.h>
#include <erlrc/buf.h>
#include <erlrc/stalecheck.h>
#include <erlrc/xalloc.h>

/* At most this many modules are named per application. */
#define NAMED 5

/* A module whose file is not the code that runs. */
struct stale {
	const char *module;	/* in the node's arena */
	char *ebin;		/* the directory of its file */
	int gone;		/* the file is gone, not changed */
};

static int
cmp_stale(const void *a, const void *b)
{
	const struct stale *x = a, *y = b;
	int c = strcmp(x->ebin, y->ebin);

	return c ? c : strcmp(x->module, y->module);
}

/* The modules loaded from files, as {Module, File} pairs, and their MD5s. */
static int
loaded(struct erlrc_live *l, const struct erlrc_term **mods,
    const struct erlrc_term **md5s, struct erlrc_error *err)
{
	struct erlrc_termfile *tf = &l->tf;
	struct erlrc_term *reply = NULL, *names, *what, *sums = NULL;
	struct erlrc_buf path = ERLRC_BUF_INIT;
	size_t i, n = 0;
	long count;
	int tries;

	*mods = *md5s = NULL;
	for (tries = 0; tries < 3; tries++) {
		if (erlrc_live_call(l, &reply, err, "code", "all_loaded", "") < 0)
			return -1;
		count = erlrc_term_list_length(reply);
		if (count < 0)
			return erlrc_error_set(err, ERLRC_ERR_FAILED,
			    "unexpected reply to code:all_loaded/0: %s",
			    erlrc_live_text(l, reply));
		names = erlrc_term_new_seq(tf, ERLRC_TERM_LIST, (size_t)count);
		what = erlrc_term_new_seq(tf, ERLRC_TERM_LIST, (size_t)count);
		n = 0;
		for (i = 0; i < (size_t)count; i++) {
			const struct erlrc_term *t = erlrc_term_nth(tf, reply,
			    i);

			erlrc_buf_reset(&path);
			/* preloaded and cover-compiled ones have no file */
			if (!erlrc_term_is_tagged(t, NULL, 2) ||
			    t->u.seq.v[0]->type != ERLRC_TERM_ATOM ||
			    !erlrc_term_string(t->u.seq.v[1], &path) ||
			    path.s[0] != '/')
				continue;
			names->u.seq.v[n] = t->u.seq.v[0];
			what->u.seq.v[n++] = erlrc_term_new_atom(tf, "md5");
			reply->u.seq.v[n - 1] = (struct erlrc_term *)t;
		}
		names->u.seq.n = what->u.seq.n = n;
		/* a module unloaded meanwhile fails the call: ask again */
		if (erlrc_live_call(l, &sums, err, "lists", "zipwith", "ttt",
		    erlrc_term_new_fun(tf, "erlang", "get_module_info", 2),
		    names, what) == 0 &&
		    erlrc_term_list_length(sums) == (long)n)
			break;
		if (!erlrc_live_connected(l)) {
			erlrc_buf_destroy(&path);
			return -1;
		}
	}
	erlrc_buf_destroy(&path);
	if (tries == 3)
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "the loaded "
		    "modules kept changing while they were read");
	reply->u.seq.n = n;
	*mods = reply;
	*md5s = sums;
	return 0;
}

/* The application of MODULE on the node, or NULL. */
static const char *
app_of(struct erlrc_live *l, const char *module)
{
	struct erlrc_error ignored = ERLRC_ERROR_INIT;
	struct erlrc_term *reply;

	if (erlrc_live_call(l, &reply, &ignored, "application",
	    "get_application", "a", module) < 0 ||
	    !erlrc_term_is_tagged(reply, "ok", 2) ||
	    reply->u.seq.v[1]->type != ERLRC_TERM_ATOM)
		return NULL;
	return reply->u.seq.v[1]->u.text.s;
}

/* Tell of the stale modules V[0..N), all from one directory. */
static void
tell(struct erlrc_live *l, const struct erlrc_log *log,
    const struct stale *v, size_t n)
{
	struct erlrc_buf mods = ERLRC_BUF_INIT;
	const char *app = app_of(l, v[0].module);
	size_t i, gone = 0;

	for (i = 0; i < n; i++) {
		gone += v[i].gone;
		if (i < NAMED)
			erlrc_buf_addf(&mods, "%s%s", i ? ", " : "",
			    v[i].module);
	}
	if (n > NAMED)
		erlrc_buf_addf(&mods, " and %zu more", n - NAMED);
	erlrc_log(log, ERLRC_LOG_WARNING, "node '%s' runs code of %s older "
	    "than what is installed in %s (%s): %s after the node loaded "
	    "them.  erlrc does not manage %s (its package does not call "
	    "erlrc), so the new code runs only once the node restarts: "
	    "restart it", erlrc_live_node(l), app ? app : "an application",
	    v[0].ebin, erlrc_buf_str(&mods), gone == n ? "the files were removed" :
	    gone ? "the files changed or were removed" : "the files changed",
	    app ? app : "it");
	erlrc_buf_destroy(&mods);
}

/* erlrc_stalecheck_node - see stalecheck.h. */
int
erlrc_stalecheck_node(struct erlrc_host *h, struct erlrc_live *l,
    const struct erlrc_log *log, size_t *napps, struct erlrc_error *err)
{
	struct erlrc_error e = ERLRC_ERROR_INIT;
	struct erlrc_buf path = ERLRC_BUF_INIT;
	const struct erlrc_term *mods = NULL, *md5s = NULL, *sum;
	struct stale *v = NULL;
	size_t i, j, n = 0, len = strlen(h->libdir);
	struct erlrc_beam b;
	char *slash;

	*napps = 0;
	if (loaded(l, &mods, &md5s, err) < 0)
		return -1;
	v = erlrc_xcalloc(mods->u.seq.n + 1, sizeof(*v));
	for (i = 0; i < mods->u.seq.n; i++) {
		erlrc_buf_reset(&path);
		erlrc_term_string(mods->u.seq.v[i]->u.seq.v[1], &path);
		/* erlrc's copies never change under a node */
		if (strncmp(path.s, h->libdir, len) == 0 && path.s[len] == '/')
			continue;
		sum = md5s->u.seq.v[i];
		erlrc_beam_init(&b);
		erlrc_error_clear(&e);
		if (erlrc_beam_read(&b, path.s, &e) == 0 &&
		    sum->type == ERLRC_TERM_BINARY && sum->u.bin.nbits == 128 &&
		    memcmp(sum->u.bin.data, b.md5, 16) == 0) {
			erlrc_beam_destroy(&b);
			continue;
		}
		erlrc_beam_destroy(&b);
		v[n].module = mods->u.seq.v[i]->u.seq.v[0]->u.text.s;
		v[n].gone = e.code == ERLRC_ERR_NOTFOUND;
		slash = strrchr(path.s, '/');
		v[n++].ebin = erlrc_xstrndup(path.s, (size_t)(slash - path.s));
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_stale);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j].ebin, v[i].ebin) == 0; j++)
			;
		tell(l, log, v + i, j - i);
		(*napps)++;
	}
	for (i = 0; i < n; i++)
		free(v[i].ebin);
	free(v);
	erlrc_buf_destroy(&path);
	return 0;
}
