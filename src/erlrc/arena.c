/* SPDX-License-Identifier: GPL-2.0-or-later */
/* arena.c - many small allocations freed together */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/arena.h>
#include <erlrc/xalloc.h>

/* Chunks start small (most term files are) and double up to MAX_CHUNK. */
#define MIN_CHUNK 1024
#define MAX_CHUNK 65536

/*
 * What the arena holds needs at most the alignment of these: terms,
 * strings, pointers, 64-bit integers and doubles (never long double).
 */
union align {
	int64_t i;
	double d;
	void *p;
	void (*fp)(void);
};

#define ALIGN offsetof(struct { char c; union align a; }, a)

struct chunk {
	struct chunk *next;
	size_t used;
	size_t size;
	union align data[];
};

/* A block of the caller's, freed with the arena. */
struct adopted {
	struct adopted *next;
	void *p;
};

struct erlrc_arena {
	struct chunk *head;
	size_t next_size;
	struct adopted *adopted;
};

struct erlrc_arena *
erlrc_arena_new(void)
{
	return erlrc_xcalloc(1, sizeof(struct erlrc_arena));
}

/*
 * erlrc_arena_expect - size the next chunk for N more bytes, so that a
 * caller that can guess what it will allocate (a term file from the length
 * of its text) gets one chunk instead of a doubling series.
 */
void
erlrc_arena_expect(struct erlrc_arena *a, size_t n)
{
	if (n > MAX_CHUNK)
		n = MAX_CHUNK;
	if (n > a->next_size)
		a->next_size = n;
}

void
erlrc_arena_free(struct erlrc_arena *a)
{
	struct chunk *c, *next;

	struct adopted *x;

	if (!a)
		return;
	for (x = a->adopted; x; x = x->next)
		free(x->p);
	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/*
 * erlrc_arena_alloc - N zeroed bytes that live as long as the arena.
 * Large requests get a chunk of their own.
 */
void *
erlrc_arena_alloc(struct erlrc_arena *a, size_t n)
{
	const size_t align = ALIGN;
	struct chunk *c = a->head;
	void *p;

	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	if (!c || c->size - c->used < n) {
		size_t size = a->next_size ? a->next_size : MIN_CHUNK;

		if (size < MAX_CHUNK)
			a->next_size = size * 2;
		if (size < n)
			size = n;

		if (size > (size_t)-1 - sizeof(*c))
			erlrc_xoom();
		c = erlrc_xmalloc(sizeof(*c) + size);
		c->used = 0;
		c->size = size;
		if (n > MAX_CHUNK && a->head) {
			/* keep filling the current chunk afterwards */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = (unsigned char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *
erlrc_arena_strndup(struct erlrc_arena *a, const char *s, size_t n)
{
	char *p = erlrc_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* erlrc_arena_adopt - see arena.h. */
void
erlrc_arena_adopt(struct erlrc_arena *a, void *p)
{
	struct adopted *x = erlrc_arena_alloc(a, sizeof(*x));

	x->p = p;
	x->next = a->adopted;
	a->adopted = x;
}
