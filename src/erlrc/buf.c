/* SPDX-License-Identifier: GPL-2.0-or-later */
/* buf.c - growable byte buffers, always NUL-terminated */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <erlrc/buf.h>
#include <erlrc/xalloc.h>

void
erlrc_buf_init(struct erlrc_buf *b)
{
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
}

void
erlrc_buf_destroy(struct erlrc_buf *b)
{
	free(b->s);
	erlrc_buf_init(b);
}

/*
 * erlrc_buf_detach - give the caller the string, which it must free();
 * never NULL.  The buffer is empty afterwards and may be reused.
 */
char *
erlrc_buf_detach(struct erlrc_buf *b)
{
	char *s = b->s ? b->s : erlrc_xstrdup("");

	erlrc_buf_init(b);
	return s;
}

void
erlrc_buf_reset(struct erlrc_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
erlrc_buf_grow(struct erlrc_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need < b->len)
		erlrc_xoom();
	if (need <= b->cap)
		return;
	if (b->cap * 2 > need)
		need = b->cap * 2;
	b->s = erlrc_xrealloc(b->s, need);
	b->cap = need;
}

void
erlrc_buf_add(struct erlrc_buf *b, const void *data, size_t len)
{
	erlrc_buf_grow(b, len);
	if (len)
		memcpy(b->s + b->len, data, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void
erlrc_buf_adds(struct erlrc_buf *b, const char *s)
{
	erlrc_buf_add(b, s, strlen(s));
}

void
erlrc_buf_addc(struct erlrc_buf *b, char c)
{
	if (b->len + 1 >= b->cap)	/* the scanners add a character at a time */
		erlrc_buf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void
erlrc_buf_addf(struct erlrc_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	erlrc_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

/* erlrc_buf_vaddf - erlrc_buf_addf with the arguments in AP. */
void
erlrc_buf_vaddf(struct erlrc_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n >= 0) {
		erlrc_buf_grow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

/* erlrc_buf_read_fd - see buf.h. */
int
erlrc_buf_read_fd(struct erlrc_buf *b, int fd, const char *path,
    struct erlrc_error *err)
{
	struct stat st;
	size_t start = b->len;
	ssize_t n;

	if (fstat(fd, &st) < 0)
		return erlrc_error_errno(err, "%s", path);
	if (!S_ISREG(st.st_mode))
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: not a "
		    "regular file", path);
	if (st.st_size > ERLRC_BUF_FILE_MAX)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: larger than "
		    "%d MiB", path, ERLRC_BUF_FILE_MAX >> 20);
	for (;;) {
		erlrc_buf_grow(b, 8192);
		n = read(fd, b->s + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return erlrc_error_errno(err, "%s: read", path);
		if (n == 0)
			return 0;
		b->len += (size_t)n;
		b->s[b->len] = '\0';
		if (b->len - start > ERLRC_BUF_FILE_MAX)
			return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: grew "
			    "past %d MiB while read", path,
			    ERLRC_BUF_FILE_MAX >> 20);
	}
}

/* erlrc_buf_read_file - see buf.h. */
int
erlrc_buf_read_file(struct erlrc_buf *b, const char *path,
    struct erlrc_error *err)
{
	int fd, ret;

	/* O_NONBLOCK: a FIFO is refused, not waited on */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return erlrc_error_errno(err, "%s", path);
	ret = erlrc_buf_read_fd(b, fd, path, err);
	close(fd);
	return ret;
}

const char *
erlrc_buf_str(const struct erlrc_buf *b)
{
	return b->s ? b->s : "";
}
