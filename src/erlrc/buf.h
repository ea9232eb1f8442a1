/* SPDX-License-Identifier: GPL-2.0-or-later */
/* buf.h - growable byte buffers, always NUL-terminated */
#ifndef ERLRC_BUF_H
#define ERLRC_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include <erlrc/error.h>

struct erlrc_buf {
	char *s;	/* "" until something is added; owned by the buf */
	size_t len;
	size_t cap;
};

#define ERLRC_BUF_INIT { NULL, 0, 0 }

void erlrc_buf_init(struct erlrc_buf *b);
void erlrc_buf_destroy(struct erlrc_buf *b);
/* Hand the string over to the caller (free() it); the buf is empty after. */
char *erlrc_buf_detach(struct erlrc_buf *b);
void erlrc_buf_reset(struct erlrc_buf *b);
void erlrc_buf_grow(struct erlrc_buf *b, size_t extra);
void erlrc_buf_add(struct erlrc_buf *b, const void *data, size_t len);
void erlrc_buf_adds(struct erlrc_buf *b, const char *s);
void erlrc_buf_addc(struct erlrc_buf *b, char c);
void erlrc_buf_addf(struct erlrc_buf *b, const char *fmt, ...)
    ERLRC_PRINTF(2, 3);
void erlrc_buf_vaddf(struct erlrc_buf *b, const char *fmt, va_list ap)
    ERLRC_PRINTF(2, 0);
/* The largest file erlrc_buf_read_file reads. */
#define ERLRC_BUF_FILE_MAX (256 << 20)

/*
 * Read a whole regular file into b (appended): a device, FIFO or socket,
 * or a file over ERLRC_BUF_FILE_MAX, is refused (ERLRC_ERR_INPUT), never
 * waited on.  Returns 0, or -1 with err set.
 */
int erlrc_buf_read_file(struct erlrc_buf *b, const char *path,
    struct erlrc_error *err);
/* The same, from FD open on PATH (named in messages); FD stays open. */
int erlrc_buf_read_fd(struct erlrc_buf *b, int fd, const char *path,
    struct erlrc_error *err);
/* Const view of the contents: "" for an empty buffer. */
const char *erlrc_buf_str(const struct erlrc_buf *b);

#endif
