/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xalloc.c - allocation that never returns NULL */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <erlrc/xalloc.h>

void
erlrc_xoom(void)
{
	static const char msg[] = "erlrc: out of memory\n";
	ssize_t r = write(2, msg, sizeof(msg) - 1);

	(void)r;
	abort();
}

void *
erlrc_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		erlrc_xoom();
	return p;
}

void *
erlrc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		erlrc_xoom();
	return p;
}

void *
erlrc_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		erlrc_xoom();
	return p;
}

/*
 * erlrc_xgrow - make room for element N (0-based) in array P of *CAP
 * elements of SIZE bytes, doubling; returns the (maybe moved) array.
 */
void *
erlrc_xgrow(void *p, size_t *cap, size_t n, size_t size)
{
	size_t ncap;

	if (n < *cap)
		return p;
	ncap = *cap ? *cap * 2 : 8;
	while (ncap <= n)
		ncap *= 2;
	if (ncap > (size_t)-1 / size)
		erlrc_xoom();
	p = erlrc_xrealloc(p, ncap * size);
	*cap = ncap;
	return p;
}

char *
erlrc_xstrdup(const char *s)
{
	return erlrc_xstrndup(s, strlen(s));
}

char *
erlrc_xstrndup(const char *s, size_t n)
{
	char *p = erlrc_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
erlrc_xpathjoin(const char *a, const char *b)
{
	size_t la = strlen(a);

	while (la > 1 && a[la - 1] == '/')
		la--;
	while (*b == '/')
		b++;
	return erlrc_xasprintf("%.*s/%s", (int)la, a, b);
}

char *
erlrc_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		erlrc_xoom();
	p = erlrc_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
