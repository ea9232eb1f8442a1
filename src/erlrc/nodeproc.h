/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nodeproc.h - is a node known not to run: its beam process, its epmd */
#ifndef ERLRC_NODEPROC_H
#define ERLRC_NODEPROC_H

/*
 * What can be seen of a node that libei could not reach by name.  libei
 * says the same (ERL_NO_PORT) when epmd does not run and when it knows
 * no such name, and an OTP node does not register again with an epmd
 * started after it: a node can run while epmd cannot find it.  So a node
 * counts as not running only when no process of this host runs as it.
 */
struct erlrc_nodeproc {
	int local;		/* the node's host is this machine */
	int epmd_up;		/* epmd at the node's host took a connection */
	unsigned epmd_port;	/* ERL_EPMD_PORT, or 4369 */
	long pid;		/* a beam process running as the node, or 0 */
};

/*
 * Look at NODE (alive@host): whether its host is this machine, whether
 * epmd there takes a connection (waiting at most WAIT_MS), and, on this
 * machine, a beam process whose -sname or -name has the node's alive part
 * and whose epmd port is ours.  A process whose command line or
 * environment cannot be read counts as running as the node.
 */
void erlrc_nodeproc_look(const char *node, unsigned wait_ms,
    struct erlrc_nodeproc *np);

/*
 * Does the beam process whose NUL-separated command line is ARGS (LEN
 * bytes) run as ALIVE on epmd port PORT?  ENV_PORT is the port its
 * environment names, 0 when it names none.  For the fuzz and unit tests.
 */
int erlrc_nodeproc_matches(const char *args, size_t len, const char *alive,
    unsigned port, unsigned env_port);

#endif
