/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sock.c - libei's sockets, with every wait ending at one deadline */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <erlrc/node.h>
#include <erlrc/sock.h>
#include <erlrc/xalloc.h>

/*
 * libei gives each step of a connection (connect, each handshake message,
 * each send and receive) its own timeout.  These callbacks, installed
 * with EI_SCLBK_FLG_FULL_IMPL, wait at most until the deadline of the
 * connection they belong to (the setup context, a const uint64_t *), so
 * a node that answers slowly at every step cannot stretch the wait.
 */
struct sock {
	int fd;
	const uint64_t *deadline;
};

/* Wait for EVENTS on S: 0, or ETIMEDOUT, or an errno. */
static int
wait_for(const struct sock *s, short events, unsigned tmo)
{
	struct pollfd p = { s->fd, events, 0 };
	uint64_t now;
	unsigned ms;
	int r;

	for (;;) {
		now = erlrc_node_now_ms();
		if (now >= *s->deadline)
			return ETIMEDOUT;
		ms = (unsigned)(*s->deadline - now);
		if (tmo != EI_SCLBK_INF_TMO && tmo < ms)
			ms = tmo;
		r = poll(&p, 1, ms > 0x7fffffff ? 0x7fffffff : (int)ms);
		if (r > 0)
			return 0;
		if (r == 0 && ms == tmo)
			return ETIMEDOUT;
		if (r < 0 && errno != EINTR)
			return errno;
	}
}

static int
sock_socket(void **ctx, void *setup_ctx)
{
	struct sock *s;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0);

	if (fd < 0)
		return errno;
	s = erlrc_xmalloc(sizeof(*s));
	s->fd = fd;
	s->deadline = setup_ctx;
	*ctx = s;
	return 0;
}

static int
sock_close(void *ctx)
{
	struct sock *s = ctx;
	int r = close(s->fd);

	free(s);
	return r < 0 ? errno : 0;
}

/* A C node that only connects out listens and accepts nothing. */
static int
sock_listen(void *ctx, void *addr, int *len, int backlog)
{
	return ENOTSUP;
}

static int
sock_accept(void **ctx, void *addr, int *len, unsigned tmo)
{
	return ENOTSUP;
}

static int
sock_connect(void *ctx, void *addr, int len, unsigned tmo)
{
	struct sock *s = ctx;
	socklen_t sz = sizeof(int);
	int r, error = 0;

	if (connect(s->fd, addr, (socklen_t)len) == 0)
		return 0;
	if (errno != EINPROGRESS)
		return errno;
	r = wait_for(s, POLLOUT, tmo);
	if (r)
		return r;
	if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &error, &sz) < 0)
		return errno;
	return error;
}

static int
sock_writev(void *ctx, const void *iov, int iovcnt, ssize_t *len,
    unsigned tmo)
{
	struct sock *s = ctx;
	ssize_t n;
	int r;

	for (;;) {
		n = writev(s->fd, iov, iovcnt);
		if (n >= 0) {
			*len = n;
			return 0;
		}
		if (errno != EAGAIN && errno != EINTR)
			return errno;
		r = wait_for(s, POLLOUT, tmo);
		if (r)
			return r;
	}
}

static int
sock_write(void *ctx, const char *buf, ssize_t *len, unsigned tmo)
{
	struct iovec iov = { (void *)buf, (size_t)*len };

	return sock_writev(ctx, &iov, 1, len, tmo);
}

static int
sock_read(void *ctx, char *buf, ssize_t *len, unsigned tmo)
{
	struct sock *s = ctx;
	ssize_t n;
	int r;

	for (;;) {
		n = read(s->fd, buf, (size_t)*len);
		if (n >= 0) {
			*len = n;
			return 0;
		}
		if (errno != EAGAIN && errno != EINTR)
			return errno;
		r = wait_for(s, POLLIN, tmo);
		if (r)
			return r;
	}
}

/* The distribution handshake's messages have a 2-byte length. */
static int
sock_header_size(void *ctx, int *sz)
{
	*sz = 2;
	return 0;
}

static int
sock_handshake_complete(void *ctx)
{
	struct sock *s = ctx;
	int one = 1;

	if (setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY, &one,
	    sizeof(one)) < 0 ||
	    setsockopt(s->fd, SOL_SOCKET, SO_KEEPALIVE, &one,
	    sizeof(one)) < 0)
		return errno;
	return 0;
}

static int
sock_get_fd(void *ctx, int *fd)
{
	*fd = ((struct sock *)ctx)->fd;
	return 0;
}

ei_socket_callbacks erlrc_sock_callbacks = {
	EI_SCLBK_FLG_FULL_IMPL,
	sock_socket,
	sock_close,
	sock_listen,
	sock_accept,
	sock_connect,
	sock_writev,
	sock_write,
	sock_read,
	sock_header_size,
	sock_handshake_complete,
	sock_handshake_complete,
	sock_get_fd,
};
