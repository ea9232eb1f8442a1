/* SPDX-License-Identifier: GPL-2.0-or-later */
/* node.c - calls to a running Erlang node, as a hidden C node (libei) */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <erlrc/buf.h>
#include <erlrc/node.h>
#include <erlrc/nodeproc.h>
#include <erlrc/sock.h>
#include <erlrc/xalloc.h>

/* How long a connection to epmd may take, to tell whether it runs. */
#define EPMD_WAIT_MS 1000
/*
 * How long a node that runs but is not found is asked again: an OTP node
 * registers again about 2 s after a restarted epmd comes back.
 */
#define RETRY_MS 4000
#define PAUSE_MS 200

uint64_t
erlrc_node_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* erlrc_node_pause_ms - see node.h. */
void
erlrc_node_pause_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/*
 * What is left before the deadline, at least 1: libei takes 0 to mean
 * "wait forever".  0 when the deadline has passed.
 */
static unsigned
remaining(const struct erlrc_conn *c)
{
	uint64_t now = erlrc_node_now_ms();

	if (now >= c->deadline)
		return 0;
	return (unsigned)(c->deadline - now);
}

static void
seconds(char *out, size_t n, unsigned ms)
{
	if (ms % 1000)
		snprintf(out, n, "%.1f s", ms / 1000.0);
	else
		snprintf(out, n, "%u s", ms / 1000);
}

/*
 * Once per process: libei's own setup, no trace, and EPIPE instead of
 * SIGPIPE.
 */
static int
ei_setup(struct erlrc_error *err)
{
	static int done;

	if (done)
		return 0;
	signal(SIGPIPE, SIG_IGN);
	/* libei's trace prints the handshake, cookie digest included */
	unsetenv("EI_TRACELEVEL");
	unsetenv("EI_TRACEFILE");
	if (ei_init() != 0)
		return erlrc_error_set(err, ERLRC_ERR_SYSTEM,
		    "cannot initialise erl_interface");
	done = 1;
	return 0;
}

/*
 * The "not running" answer of a node libei could not find (FD is
 * ERL_NO_PORT or ERL_CONNECT_FAIL) and no process of this host runs as.
 */
static int
not_running(const struct erlrc_nodeproc *np, int fd, struct erlrc_error *err)
{
	const char *why;

	if (fd == ERL_CONNECT_FAIL)
		why = "its port refused the connection";
	else if (np->epmd_up)
		why = "epmd knows no such node";
	else
		why = "epmd does not run";
	return erlrc_error_set(err, ERLRC_ERR_NODEDOWN, "not running (%s%s)",
	    np->local ? "no process runs as it; " : "", why);
}

/* The answer for a node that may run but cannot be reached. */
static int
unreachable(const struct erlrc_conn *c, const struct erlrc_nodeproc *np,
    int fd, struct erlrc_error *err)
{
	char who[64];

	if (np->pid > 0)
		snprintf(who, sizeof(who), "beam process %ld runs as it",
		    np->pid);
	else if (np->pid < 0)
		snprintf(who, sizeof(who), "/proc cannot be read to tell "
		    "whether it runs");
	else
		snprintf(who, sizeof(who), "it may still run there");
	if (fd == ERL_CONNECT_FAIL)
		return erlrc_error_set(err, ERLRC_ERR_UNREACHABLE, "cannot "
		    "reach it: %s, but its port refused the connection; "
		    "nothing was done there", who);
	if (!np->epmd_up)
		return erlrc_error_set(err, ERLRC_ERR_UNREACHABLE, "cannot "
		    "reach it: %s, but epmd (port %u of %s) does not answer "
		    "after %u s; nothing was done there (start epmd: the node "
		    "registers with it again)", who, np->epmd_port,
		    strchr(c->node, '@') + 1, RETRY_MS / 1000);
	return erlrc_error_set(err, ERLRC_ERR_UNREACHABLE, "cannot reach it: "
	    "%s, but epmd (port %u) has not known it for %u s; nothing was "
	    "done there (see epmd -names)", who, np->epmd_port,
	    RETRY_MS / 1000);
}

/* Connections made by this process so far. */
static unsigned conn_seq;

/* erlrc_node_connect - see node.h. */
int
erlrc_node_connect(struct erlrc_conn *c, const char *node,
    const char *cookie, unsigned timeout_ms, struct erlrc_error *err)
{
	const char *at = strchr(node, '@');
	char alive[32], self[MAXNODELEN + 1], t[32];
	uint64_t start = erlrc_node_now_ms();
	struct erlrc_nodeproc np;
	unsigned creation;
	int fd, ms;

	c->node = erlrc_xstrdup(node);
	c->fd = -1;
	c->timeout_ms = timeout_ms;
	c->deadline = erlrc_node_now_ms() + timeout_ms;
	if (ei_setup(err) < 0)
		return -1;
	if (!at || at == node || !at[1])
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "not a node name: it must be alive@host");
	/* a name of its own for every connection: a node still holding an
	 * earlier one of this process (erlrc-boot waits, then connects
	 * again) refuses a second handshake from the same name */
	snprintf(alive, sizeof(alive), "erlrc_%ld_%u", (long)getpid(),
	    conn_seq++);
	if ((size_t)snprintf(self, sizeof(self), "%s%s", alive, at) >=
	    sizeof(self))
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "host name too long");
	/* a creation that differs from one run to the next */
	creation = ((unsigned)time(NULL) ^ (unsigned)getpid() << 8) &
	    0x7fffffff;
	/* every step of the connection waits until c->deadline at most */
	if (ei_connect_xinit_ussi(&c->ec, at + 1, alive, self, NULL, cookie,
	    creation, &erlrc_sock_callbacks, sizeof(erlrc_sock_callbacks),
	    &c->deadline) < 0)
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "cannot set up a C node named '%s'", self);
	for (;;) {
		ms = (int)remaining(c);
		erl_errno = 0;
		fd = ms ? ei_connect_tmo(&c->ec, c->node, (unsigned)ms) :
		    ERL_ERROR;
		if (fd >= 0) {
			c->fd = fd;
			return 0;
		}
		if (fd != ERL_NO_PORT && fd != ERL_CONNECT_FAIL)
			break;
		erlrc_nodeproc_look(c->node, EPMD_WAIT_MS, &np);
		if (np.pid == 0 && (np.local || np.epmd_up))
			return not_running(&np, fd, err);
		/* it may be starting, or epmd restarting: the node
		 * registers soon after */
		if (!np.pid || erlrc_node_now_ms() - start >= RETRY_MS ||
		    remaining(c) <= PAUSE_MS)
			return unreachable(c, &np, fd, err);
		erlrc_node_pause_ms(PAUSE_MS);
	}
	seconds(t, sizeof(t), timeout_ms);
	if (!ms || erl_errno == ETIMEDOUT)
		return erlrc_error_set(err, ERLRC_ERR_FAILED,
		    "no answer within %s while connecting", t);
	/* a wrong cookie and a refused name look the same to libei */
	return erlrc_error_set(err, ERLRC_ERR_REFUSED,
	    "connection refused: cookie rejected or name refused");
}

/* erlrc_node_stopped - see node.h. */
int
erlrc_node_stopped(const char *node, unsigned wait_ms)
{
	uint64_t end = erlrc_node_now_ms() + wait_ms;
	struct erlrc_nodeproc np;

	for (;;) {
		erlrc_nodeproc_look(node, EPMD_WAIT_MS, &np);
		if (!np.local || np.pid < 0)
			return 0;	/* cannot tell */
		if (np.pid == 0)
			return 1;
		if (erlrc_node_now_ms() >= end)
			return 0;
		erlrc_node_pause_ms(PAUSE_MS);
	}
}

/* Close after a timeout or a broken stream: never reuse it. */
static void
drop(struct erlrc_conn *c)
{
	if (c->fd >= 0)
		ei_close_connection(c->fd);
	c->fd = -1;
}

static int
call_error(struct erlrc_conn *c, const char *mod, const char *fun,
    unsigned arity, int timed_out, struct erlrc_error *err)
{
	char t[32];

	drop(c);
	if (timed_out) {
		seconds(t, sizeof(t), c->timeout_ms);
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "no answer "
		    "within %s (calling %s:%s/%u): connection closed", t, mod,
		    fun, arity);
	}
	return erlrc_error_set(err, ERLRC_ERR_FAILED, "lost the connection "
	    "(calling %s:%s/%u)", mod, fun, arity);
}

/* Send {self(), {call, MOD, FUN, ARGS, user}} to rex, as rpc:call does. */
static int
send_call(struct erlrc_conn *c, const char *mod, const char *fun,
    const ei_x_buff *args)
{
	ei_x_buff x;
	unsigned ms;
	int ret = -1;

	if (ei_x_new_with_version(&x) < 0)
		erlrc_xoom();
	if (ei_x_encode_tuple_header(&x, 2) < 0 ||
	    ei_x_encode_pid(&x, ei_self(&c->ec)) < 0 ||
	    ei_x_encode_tuple_header(&x, 5) < 0 ||
	    ei_x_encode_atom(&x, "call") < 0 ||
	    ei_x_encode_atom(&x, mod) < 0 ||
	    ei_x_encode_atom(&x, fun) < 0 ||
	    (args ? ei_x_append_buf(&x, args->buff, args->index) :
	    ei_x_encode_empty_list(&x)) < 0 ||
	    ei_x_encode_atom(&x, "user") < 0)
		goto out;
	/* ei_reg_send_tmo, not ei_xrpc_to: the send is bounded too */
	ms = remaining(c);
	if (ms && ei_reg_send_tmo(&c->ec, c->fd, "rex", x.buff, x.index,
	    ms) == 0)
		ret = 0;
out:
	ei_x_free(&x);
	return ret;
}

/* The number of elements of the encoded argument list, for messages. */
static unsigned
arity_of(const ei_x_buff *args)
{
	int index = 0, arity = 0, type, size;

	if (!args || ei_get_type(args->buff, &index, &type, &size) < 0)
		return 0;
	if (type == ERL_LIST_EXT)
		arity = size;
	else if (type == ERL_STRING_EXT)
		arity = size;
	return (unsigned)arity;
}

/* Is the message in X {rex, Reply}?  Then *INDEX is at Reply. */
static int
is_rex(const ei_x_buff *x, int *index)
{
	char atom[MAXATOMLEN];
	int version, arity;

	*index = 0;
	return ei_decode_version(x->buff, index, &version) == 0 &&
	    ei_decode_tuple_header(x->buff, index, &arity) == 0 &&
	    arity == 2 &&
	    ei_decode_atom(x->buff, index, atom) == 0 &&
	    strcmp(atom, "rex") == 0;
}

/* erlrc_node_call - see node.h. */
int
erlrc_node_call(struct erlrc_conn *c, const char *mod, const char *fun,
    const ei_x_buff *args, struct erlrc_termfile *tf,
    struct erlrc_term **reply, struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	unsigned arity = arity_of(args), ms;
	erlang_msg msg;
	ei_x_buff x;
	int r, index, ret = -1;

	if (c->fd < 0)
		return erlrc_error_set(err, ERLRC_ERR_FAILED, "not connected "
		    "(calling %s:%s/%u)", mod, fun, arity);
	if (send_call(c, mod, fun, args) < 0)
		return call_error(c, mod, fun, arity,
		    erl_errno == ETIMEDOUT || !remaining(c), err);
	if (ei_x_new(&x) < 0)
		erlrc_xoom();
	/* one deadline for the whole wait: a tick does not extend it */
	for (;;) {
		ms = remaining(c);
		if (!ms) {
			call_error(c, mod, fun, arity, 1, err);
			goto out;
		}
		r = ei_xreceive_msg_tmo(c->fd, &msg, &x, ms);
		if (r == ERL_TICK)
			continue;
		if (r == ERL_ERROR) {
			call_error(c, mod, fun, arity,
			    erl_errno == ETIMEDOUT, err);
			goto out;
		}
		if (msg.msgtype == ERL_SEND && is_rex(&x, &index))
			break;
	}
	if (erlrc_term_decode(tf, x.buff, (size_t)x.index, &index, reply,
	    err) < 0) {
		erlrc_error_prefix(err, "bad reply to %s:%s/%u", mod, fun,
		    arity);
		goto out;
	}
	if (erlrc_term_is_tagged(*reply, "badrpc", 2)) {
		erlrc_term_write(&b, (*reply)->u.seq.v[1]);
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s:%s/%u failed: %s",
		    mod, fun, arity, erlrc_buf_str(&b));
		goto out;
	}
	ret = 0;
out:
	erlrc_buf_destroy(&b);
	ei_x_free(&x);
	return ret;
}

/* erlrc_node_close - see node.h. */
void
erlrc_node_close(struct erlrc_conn *c)
{
	drop(c);
	free(c->node);
	c->node = NULL;
	/* the cnode holds the cookie */
	explicit_bzero(&c->ec, sizeof(c->ec));
}
