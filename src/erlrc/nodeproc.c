/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nodeproc.c - is a node known not to run: its beam process, its epmd */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <erlrc/buf.h>
#include <erlrc/nodeproc.h>
#include <erlrc/xalloc.h>

#define EPMD_DEFAULT_PORT 4369

static unsigned
port_of(const char *s)
{
	char *end;
	long v;

	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v <= 0 || v > 65535)
		return 0;
	return (unsigned)v;
}

/* The epmd port libei uses: ERL_EPMD_PORT, or 4369. */
static unsigned
our_port(void)
{
	unsigned p = port_of(getenv("ERL_EPMD_PORT"));

	return p ? p : EPMD_DEFAULT_PORT;
}

static int
is_local_addr(const struct in_addr *a)
{
	struct ifaddrs *ifs, *i;
	int found = 0;

	if ((ntohl(a->s_addr) >> 24) == 127)
		return 1;
	if (getifaddrs(&ifs) < 0)
		return 0;
	for (i = ifs; i && !found; i = i->ifa_next)
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET &&
		    ((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr.
		    s_addr == a->s_addr)
			found = 1;
	freeifaddrs(ifs);
	return found;
}

/* Does a TCP connection to ADDR:PORT open within TIMEOUT_MS? */
static int
takes_connection(const struct in_addr *addr, unsigned port,
    unsigned timeout_ms)
{
	struct sockaddr_in sa;
	struct pollfd pfd;
	socklen_t len = sizeof(int);
	int fd, soerr = 0, up = 0;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr = *addr;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
		up = 1;
	else if (errno == EINPROGRESS) {
		pfd.fd = fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, (int)timeout_ms) == 1 &&
		    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 &&
		    soerr == 0)
			up = 1;
	}
	close(fd);
	return up;
}

/* The argument after FLAG in the NUL-separated ARGS, or NULL. */
static const char *
arg_after(const char *args, size_t len, const char *flag)
{
	const char *p = args, *end = args + len, *next;

	while (p < end) {
		next = memchr(p, '\0', (size_t)(end - p));
		if (!next)
			return NULL;
		if (strcmp(p, flag) == 0 && next + 1 < end &&
		    memchr(next + 1, '\0', (size_t)(end - next - 1)))
			return next + 1;
		p = next + 1;
	}
	return NULL;
}

/* Is NAME (a -sname or -name value) the alive part ALIVE, with any host? */
static int
names(const char *name, const char *alive)
{
	size_t n = strlen(alive);

	return name && strncmp(name, alive, n) == 0 &&
	    (name[n] == '\0' || name[n] == '@');
}

/* erlrc_nodeproc_matches - see nodeproc.h. */
int
erlrc_nodeproc_matches(const char *args, size_t len, const char *alive,
    unsigned port, unsigned env_port)
{
	const char *argv0, *base, *p;
	unsigned their;

	if (len == 0 || !memchr(args, '\0', len))
		return 0;
	argv0 = args;
	base = strrchr(argv0, '/');
	base = base ? base + 1 : argv0;
	if (strncmp(base, "beam", 4) != 0)
		return 0;
	if (!names(arg_after(args, len, "-sname"), alive) &&
	    !names(arg_after(args, len, "-name"), alive))
		return 0;
	/* erlexec passes ERL_EPMD_PORT on as -epmd_port */
	p = arg_after(args, len, "-epmd_port");
	their = p ? port_of(p) : env_port;
	if (p && !their)
		return 1;	/* a port it names but we cannot read */
	return (their ? their : EPMD_DEFAULT_PORT) == port;
}

/* ERL_EPMD_PORT in the environment of process PID: 0 when unset, and
 * PORT itself (a match) when the environment cannot be read. */
static unsigned
env_port_of(const char *pid, unsigned port)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf env = ERLRC_BUF_INIT;
	const char *p, *end;
	char path[64];
	unsigned found = 0;

	snprintf(path, sizeof(path), "/proc/%s/environ", pid);
	if (erlrc_buf_read_file(&env, path, &err) < 0) {
		erlrc_buf_destroy(&env);
		return port;
	}
	for (p = erlrc_buf_str(&env), end = p + env.len; p < end;
	    p += strlen(p) + 1)
		if (strncmp(p, "ERL_EPMD_PORT=", 14) == 0)
			found = port_of(p + 14);
	erlrc_buf_destroy(&env);
	return found;
}

/* A beam process of this machine running as ALIVE on epmd PORT, or 0. */
static long
find_beam(const char *alive, unsigned port)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf args = ERLRC_BUF_INIT;
	struct dirent *de;
	char path[64];
	long pid = 0;
	DIR *d;

	if (!(d = opendir("/proc")))
		return -1;	/* cannot tell: count it as running */
	while (!pid && (de = readdir(d))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9' ||
		    strspn(de->d_name, "0123456789") != strlen(de->d_name) ||
		    strtol(de->d_name, NULL, 10) == (long)getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%s/cmdline", de->d_name);
		erlrc_buf_reset(&args);
		if (erlrc_buf_read_file(&args, path, &err) < 0)
			continue;	/* gone meanwhile */
		/* the environment read only of a process that could match */
		if (erlrc_nodeproc_matches(erlrc_buf_str(&args), args.len,
		    alive, port, port) &&
		    erlrc_nodeproc_matches(erlrc_buf_str(&args), args.len,
		    alive, port, env_port_of(de->d_name, port)))
			pid = strtol(de->d_name, NULL, 10);
	}
	closedir(d);
	erlrc_buf_destroy(&args);
	return pid;
}

/* erlrc_nodeproc_look - see nodeproc.h. */
void
erlrc_nodeproc_look(const char *node, unsigned wait_ms,
    struct erlrc_nodeproc *np)
{
	const char *at = strchr(node, '@');
	struct addrinfo hints, *res = NULL, *ai;
	char *alive;

	np->local = 0;
	np->epmd_up = 0;
	np->epmd_port = our_port();
	np->pid = 0;
	if (!at)
		return;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(at + 1, NULL, &hints, &res) == 0) {
		for (ai = res; ai; ai = ai->ai_next)
			if (is_local_addr(&((struct sockaddr_in *)(void *)
			    ai->ai_addr)->sin_addr))
				np->local = 1;
		/* libei asks the first address */
		np->epmd_up = takes_connection(&((struct sockaddr_in *)
		    (void *)res->ai_addr)->sin_addr, np->epmd_port, wait_ms);
		freeaddrinfo(res);
	}
	if (!np->local)
		return;
	alive = erlrc_xstrndup(node, (size_t)(at - node));
	np->pid = find_beam(alive, np->epmd_port);
	free(alive);
}
