/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xalloc.h - allocation that never returns NULL */
#ifndef ERLRC_XALLOC_H
#define ERLRC_XALLOC_H

#include <stddef.h>

/*
 * Out of memory is the one condition the library does not return as an
 * error: like dpkg's m_malloc and git's xmalloc, these print a line and
 * abort, because no caller can do anything useful with it.
 */
void erlrc_xoom(void) __attribute__((noreturn));
void *erlrc_xmalloc(size_t n);
void *erlrc_xcalloc(size_t n, size_t size);
void *erlrc_xrealloc(void *p, size_t n);
/* Grow an array of n elements of size to hold at least one more. */
void *erlrc_xgrow(void *p, size_t *cap, size_t n, size_t size);
char *erlrc_xstrdup(const char *s);
char *erlrc_xstrndup(const char *s, size_t n);
/* A new string "A/B", freed by the caller. */
char *erlrc_xpathjoin(const char *a, const char *b);
char *erlrc_xasprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

#endif
