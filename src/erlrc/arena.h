/* SPDX-License-Identifier: GPL-2.0-or-later */
/* arena.h - many small allocations freed together */
#ifndef ERLRC_ARENA_H
#define ERLRC_ARENA_H

#include <stddef.h>

struct erlrc_arena;

struct erlrc_arena *erlrc_arena_new(void);
/* Make the next chunk hold at least N bytes: one chunk for what follows. */
void erlrc_arena_expect(struct erlrc_arena *a, size_t n);
/* Free the arena and everything allocated in it. */
void erlrc_arena_free(struct erlrc_arena *a);
/*
 * N zeroed bytes, aligned for pointers, 64-bit integers and doubles (not
 * long double); never NULL (aborts when out of memory).
 */
void *erlrc_arena_alloc(struct erlrc_arena *a, size_t n);
/* Free P (from malloc) with the arena: a large block needs no copy. */
void erlrc_arena_adopt(struct erlrc_arena *a, void *p);

/* A NUL-terminated copy of the N bytes at S. */
char *erlrc_arena_strndup(struct erlrc_arena *a, const char *s, size_t n);

#endif
