/* arena.h - many small allocations freed together */
#ifndef ERLRC_ARENA_H
#define ERLRC_ARENA_H

#include <stddef.h>

struct erlrc_arena;

struct erlrc_arena *erlrc_arena_new(void);
/* Free the arena and everything allocated in it. */
void erlrc_arena_free(struct erlrc_arena *a);
/* N zeroed bytes, aligned for any type; never NULL (aborts on no memory). */
void *erlrc_arena_alloc(struct erlrc_arena *a, size_t n);
/* A NUL-terminated copy of the N bytes at S. */
char *erlrc_arena_strndup(struct erlrc_arena *a, const char *s, size_t n);

#endif
