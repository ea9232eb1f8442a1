/* SPDX-License-Identifier: GPL-2.0-or-later */
/* node.h - calls to a running Erlang node, as a hidden C node (libei) */
#ifndef ERLRC_NODE_H
#define ERLRC_NODE_H

#include <stdint.h>

#include <ei.h>

#include <erlrc/error.h>
#include <erlrc/term.h>

/*
 * A connection to one node.  Every wait on it, the connection itself
 * included, ends at one deadline set when it is opened: ticks from the
 * node answer the tick and do not move the deadline.  After a timeout or
 * a lost connection it is closed and every later call fails at once.
 */
struct erlrc_conn {
	char *node;		/* full node name, alive@host */
	int fd;			/* -1 when closed */
	uint64_t deadline;	/* erlrc_node_now_ms() time */
	unsigned timeout_ms;	/* what the deadline came from, for messages */
	ei_cnode ec;		/* holds a copy of the cookie: zeroed at close */
};

#define ERLRC_CONN_INIT { .node = NULL, .fd = -1 }

/* Milliseconds on the monotonic clock. */
uint64_t erlrc_node_now_ms(void);
/* Sleep MS milliseconds, a signal notwithstanding. */
void erlrc_node_pause_ms(unsigned ms);

/*
 * Connect to NODE (alive@host) with COOKIE, giving up TIMEOUT_MS from
 * now; the same deadline bounds every call made on the connection.  The
 * client's name is erlrc_PID@HOST (HOST the node's own host part, so that
 * short and long names are never mixed): unique per process, as two
 * clients with one name make the second handshake fail.  Errors (-1, err
 * set, messages without the node name, which the caller adds):
 * ERLRC_ERR_NODEDOWN when the node is known not to run: epmd cannot find
 * it and no process of this host runs as it (or, on another host, epmd
 * there knows no such name); ERLRC_ERR_UNREACHABLE when it cannot be
 * found but may run (a beam process runs as it, or epmd of another host
 * does not answer), after asking again for a short while as a starting
 * node registers late; ERLRC_ERR_REFUSED when the handshake is refused;
 * ERLRC_ERR_FAILED when it times out.  Close with erlrc_node_close in
 * every case.
 */
int erlrc_node_connect(struct erlrc_conn *c, const char *node,
    const char *cookie, unsigned timeout_ms, struct erlrc_error *err);

/*
 * Call MOD:FUN(ARGS...) on the node, as rpc:call does, and decode the
 * reply into *REPLY, built in TF's arena.  ARGS is the argument list,
 * encoded by the caller (ei_x_new, no version byte; NULL for []).  A
 * throw(T) in the call returns T.  Errors (-1, err set, ERLRC_ERR_FAILED):
 * the deadline passed (the connection is then closed), the connection was
 * lost, or the call failed on the node ({badrpc, Reason}: the message
 * shows Reason).
 */
int erlrc_node_call(struct erlrc_conn *c, const char *mod, const char *fun,
    const ei_x_buff *args, struct erlrc_termfile *tf,
    struct erlrc_term **reply, struct erlrc_error *err);

/*
 * After a lost connection: did NODE, of this host, stop?  1 once no
 * process runs as it, waiting at most WAIT_MS for it to go; 0 when it
 * still runs, or cannot be told (another host).
 */
int erlrc_node_stopped(const char *node, unsigned wait_ms);

/* Close the connection if open and forget the cookie.  Idempotent. */
void erlrc_node_close(struct erlrc_conn *c);

#endif
