/* SPDX-License-Identifier: GPL-2.0-or-later */
/* term.c - Erlang terms in memory: files of terms, accessors, equality */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/arena.h>
#include <erlrc/term.h>
#include <erlrc/xalloc.h>

#include "term_int.h"

void
erlrc_termfile_init(struct erlrc_termfile *tf)
{
	memset(tf, 0, sizeof(*tf));
}

void
erlrc_termfile_destroy(struct erlrc_termfile *tf)
{
	free(tf->name);
	erlrc_arena_free(tf->arena);
	erlrc_termfile_init(tf);
}

/*
 * erlrc_termfile_alloc - N zeroed bytes owned by TF, freed by
 * erlrc_termfile_destroy.
 */
void *
erlrc_termfile_alloc(struct erlrc_termfile *tf, size_t n)
{
	if (!tf->arena)
		tf->arena = erlrc_arena_new();
	return erlrc_arena_alloc(tf->arena, n);
}

/* erlrc_termfile_adopt - see term.h. */
void
erlrc_termfile_adopt(struct erlrc_termfile *tf, void *p)
{
	if (!tf->arena)
		tf->arena = erlrc_arena_new();
	erlrc_arena_adopt(tf->arena, p);
}

/* erlrc_term_vec_push - append T to S, growing S->v as needed. */
void
erlrc_term_vec_push(struct erlrc_term_vec *s, struct erlrc_term *t)
{
	s->v = erlrc_xgrow(s->v, &s->cap, s->n, sizeof(*s->v));
	s->v[s->n++] = t;
}

int32_t
erlrc_term_next_utf8(const char **sp, const char *end)
{
	const unsigned char *s = (const unsigned char *)*sp;
	int32_t c;
	int more, k;

	if ((const char *)s >= end)
		return -1;
	c = s[0];
	if (c < 0x80)
		more = 0;
	else if ((c & 0xe0) == 0xc0)
		more = 1, c &= 0x1f;
	else if ((c & 0xf0) == 0xe0)
		more = 2, c &= 0x0f;
	else if ((c & 0xf8) == 0xf0)
		more = 3, c &= 0x07;
	else
		return -1;
	if (end - (const char *)s <= more)
		return -1;
	for (k = 1; k <= more; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (s[k] & 0x3f);
	}
	*sp = (const char *)s + more + 1;
	return c;
}

static size_t
utf8_length(const char *s, size_t len)
{
	const char *end = s + len;
	size_t n = 0;

	while (s < end && erlrc_term_next_utf8(&s, end) >= 0)
		n++;
	return n;
}

/* A list-like term seen one element at a time: a list, a string or []. */
struct cursor {
	const struct erlrc_term *t;
	size_t i;		/* list: next element */
	const char *s, *end;	/* string: next character */
};

static int
cursor_init(struct cursor *c, const struct erlrc_term *t)
{
	c->t = t;
	c->i = 0;
	if (t->type == ERLRC_TERM_STRING) {
		c->s = t->u.text.s;
		c->end = t->u.text.s + t->u.text.len;
	}
	return t->type == ERLRC_TERM_LIST || t->type == ERLRC_TERM_STRING ||
	    t->type == ERLRC_TERM_NIL;
}

/*
 * The next element: 1 with *elem (a term) or *ch (a character, *elem
 * NULL), or 0 at the end.
 */
static int
cursor_next(struct cursor *c, const struct erlrc_term **elem, int32_t *ch)
{
	*elem = NULL;
	if (c->t->type == ERLRC_TERM_LIST) {
		if (c->i >= c->t->u.seq.n)
			return 0;
		*elem = c->t->u.seq.v[c->i++];
		return 1;
	}
	if (c->t->type == ERLRC_TERM_STRING && c->s < c->end) {
		*ch = erlrc_term_next_utf8(&c->s, c->end);
		return 1;
	}
	return 0;
}

static const struct erlrc_term *
cursor_tail(const struct cursor *c)
{
	return c->t->type == ERLRC_TERM_LIST ? c->t->u.seq.tail : NULL;
}

static int
elem_equal(const struct erlrc_term *a, int32_t ca, const struct erlrc_term *b,
    int32_t cb)
{
	if (a && b)
		return erlrc_term_equal(a, b);
	if (a)
		return a->type == ERLRC_TERM_INTEGER && a->u.i == cb;
	if (b)
		return b->type == ERLRC_TERM_INTEGER && b->u.i == ca;
	return ca == cb;
}

static int
lists_equal(const struct erlrc_term *a, const struct erlrc_term *b)
{
	struct cursor ca, cb;
	const struct erlrc_term *ea, *eb, *ta, *tb;
	int32_t cha = 0, chb = 0;
	int na, nb;

	cursor_init(&ca, a);
	cursor_init(&cb, b);
	for (;;) {
		na = cursor_next(&ca, &ea, &cha);
		nb = cursor_next(&cb, &eb, &chb);
		if (na != nb)
			return 0;
		if (!na)
			break;
		if (!elem_equal(ea, cha, eb, chb))
			return 0;
	}
	ta = cursor_tail(&ca);
	tb = cursor_tail(&cb);
	if (!ta || !tb)
		return ta == tb;
	return erlrc_term_equal(ta, tb);
}

static int
is_listish(const struct erlrc_term *t)
{
	return t->type == ERLRC_TERM_LIST || t->type == ERLRC_TERM_STRING ||
	    t->type == ERLRC_TERM_NIL;
}

/*
 * erlrc_term_equal - Erlang's exact equality (=:=) as of OTP 25: 1 and 1.0
 * differ, 0.0 and -0.0 are equal, a string equals the list of its
 * characters, maps are equal whatever the order of their pairs.
 */
int
erlrc_term_equal(const struct erlrc_term *a, const struct erlrc_term *b)
{
	size_t i, j;

	if (is_listish(a) && is_listish(b))
		return lists_equal(a, b);
	if (a->type != b->type)
		return 0;
	switch (a->type) {
	case ERLRC_TERM_INTEGER:
		return a->u.i == b->u.i;
	case ERLRC_TERM_FLOAT:
		return a->u.f == b->u.f;
	case ERLRC_TERM_BIGNUM:
	case ERLRC_TERM_ATOM:
	case ERLRC_TERM_OPAQUE:
		return a->u.text.len == b->u.text.len &&
		    memcmp(a->u.text.s, b->u.text.s, a->u.text.len) == 0;
	case ERLRC_TERM_TUPLE:
	case ERLRC_TERM_FUN:
		if (a->u.seq.n != b->u.seq.n)
			return 0;
		for (i = 0; i < a->u.seq.n; i++)
			if (!erlrc_term_equal(a->u.seq.v[i], b->u.seq.v[i]))
				return 0;
		return 1;
	case ERLRC_TERM_MAP:
		if (a->u.seq.n != b->u.seq.n)
			return 0;
		for (i = 0; i < a->u.seq.n; i++) {
			for (j = 0; j < b->u.seq.n; j++)
				if (erlrc_term_equal(a->u.seq.v[2 * i],
				    b->u.seq.v[2 * j]))
					break;
			if (j == b->u.seq.n ||
			    !erlrc_term_equal(a->u.seq.v[2 * i + 1],
			    b->u.seq.v[2 * j + 1]))
				return 0;
		}
		return 1;
	case ERLRC_TERM_BINARY:
		return a->u.bin.nbits == b->u.bin.nbits &&
		    memcmp(a->u.bin.data, b->u.bin.data,
		    (a->u.bin.nbits + 7) / 8) == 0;
	default:
		return 0;
	}
}

int
erlrc_term_is_atom(const struct erlrc_term *t, const char *name)
{
	return t && t->type == ERLRC_TERM_ATOM &&
	    strcmp(t->u.text.s, name) == 0;
}

/*
 * erlrc_term_is_tagged - is T a tuple of N elements whose first is the
 * atom TAG (any atom when TAG is NULL)?
 */
int
erlrc_term_is_tagged(const struct erlrc_term *t, const char *tag, size_t n)
{
	if (!t || t->type != ERLRC_TERM_TUPLE || t->u.seq.n != n || n == 0 ||
	    t->u.seq.v[0]->type != ERLRC_TERM_ATOM)
		return 0;
	return !tag || strcmp(t->u.seq.v[0]->u.text.s, tag) == 0;
}

/* erlrc_term_is_tuple - is T a tuple of N elements? */
int
erlrc_term_is_tuple(const struct erlrc_term *t, size_t n)
{
	return t && t->type == ERLRC_TERM_TUPLE && t->u.seq.n == n;
}

/* erlrc_term_list_length - elements of a proper list or string, else -1. */
long
erlrc_term_list_length(const struct erlrc_term *t)
{
	switch (t->type) {
	case ERLRC_TERM_NIL:
		return 0;
	case ERLRC_TERM_STRING:
		return (long)utf8_length(t->u.text.s, t->u.text.len);
	case ERLRC_TERM_LIST:
		return t->u.seq.tail ? -1 : (long)t->u.seq.n;
	default:
		return -1;
	}
}

/*
 * erlrc_term_nth - element I of a list, tuple or string; a string's
 * character comes back as a new integer term in TF.  NULL if none.
 */
struct erlrc_term *
erlrc_term_nth(struct erlrc_termfile *tf, const struct erlrc_term *t,
    size_t i)
{
	struct erlrc_term *c;
	const char *s, *end;
	int32_t ch = -1;

	switch (t->type) {
	case ERLRC_TERM_LIST:
	case ERLRC_TERM_TUPLE:
		return i < t->u.seq.n ? t->u.seq.v[i] : NULL;
	case ERLRC_TERM_STRING:
		s = t->u.text.s;
		end = s + t->u.text.len;
		do {
			ch = erlrc_term_next_utf8(&s, end);
		} while (ch >= 0 && i-- > 0);
		if (ch < 0)
			return NULL;
		c = erlrc_termfile_alloc(tf, sizeof(*c));
		c->type = ERLRC_TERM_INTEGER;
		c->line = t->line;
		c->col = t->col;
		c->u.i = ch;
		return c;
	default:
		return NULL;
	}
}

/*
 * erlrc_term_string - if T is a string (a literal, [], or a proper list
 * of code points UTF-8 can hold), put its UTF-8 text in OUT and return 1.
 */
int
erlrc_term_string(const struct erlrc_term *t, struct erlrc_buf *out)
{
	size_t i;

	erlrc_buf_reset(out);
	switch (t->type) {
	case ERLRC_TERM_NIL:
		erlrc_buf_add(out, "", 0);
		return 1;
	case ERLRC_TERM_STRING:
		erlrc_buf_add(out, t->u.text.s, t->u.text.len);
		return 1;
	case ERLRC_TERM_LIST:
		if (t->u.seq.tail)
			return 0;
		for (i = 0; i < t->u.seq.n; i++) {
			const struct erlrc_term *e = t->u.seq.v[i];

			if (e->type == ERLRC_TERM_STRING || e->type !=
			    ERLRC_TERM_INTEGER || e->u.i < 0 ||
			    e->u.i > 0x10ffff ||
			    (e->u.i >= 0xd800 && e->u.i <= 0xdfff))
				return 0;
			erlrc_term_add_utf8(out, (uint32_t)e->u.i);
		}
		return 1;
	default:
		return 0;
	}
}

/*
 * erlrc_term_error - report a problem with term T of TF, by position:
 * "FILE:LINE:COL: MESSAGE".  Returns -1.
 */
int
erlrc_term_error(struct erlrc_error *err, const struct erlrc_termfile *tf,
    const struct erlrc_term *t, const char *fmt, ...)
{
	char msg[ERLRC_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s:%u:%u: %s",
	    tf->name ? tf->name : "-", t ? t->line : 1, t ? t->col : 1, msg);
}

/* erlrc_term_describe - what T is, for messages: "a tuple", ... */
const char *
erlrc_term_describe(const struct erlrc_term *t)
{
	switch (t->type) {
	case ERLRC_TERM_INTEGER:
	case ERLRC_TERM_BIGNUM:
		return "an integer";
	case ERLRC_TERM_FLOAT:
		return "a float";
	case ERLRC_TERM_ATOM:
		return "an atom";
	case ERLRC_TERM_STRING:
		return "a string";
	case ERLRC_TERM_NIL:
		return "an empty list";
	case ERLRC_TERM_LIST:
		return t->u.seq.tail ? "an improper list" : "a list";
	case ERLRC_TERM_TUPLE:
		return "a tuple";
	case ERLRC_TERM_MAP:
		return "a map";
	case ERLRC_TERM_BINARY:
		return "a binary";
	case ERLRC_TERM_FUN:
		return "a fun";
	case ERLRC_TERM_OPAQUE:
		return "a pid, port, reference or fun";
	}
	return "a term";
}

static struct erlrc_term *
new_text(struct erlrc_termfile *tf, enum erlrc_term_type type, const char *s)
{
	struct erlrc_term *t = erlrc_termfile_alloc(tf, sizeof(*t));
	size_t len = strlen(s);

	if (!tf->arena)
		tf->arena = erlrc_arena_new();
	t->type = type;
	t->u.text.s = erlrc_arena_strndup(tf->arena, s, len);
	t->u.text.len = len;
	return t;
}

struct erlrc_term *
erlrc_term_new_atom(struct erlrc_termfile *tf, const char *s)
{
	return new_text(tf, ERLRC_TERM_ATOM, s);
}

/* A string term of the UTF-8 text S: [] when S is empty. */
struct erlrc_term *
erlrc_term_new_string(struct erlrc_termfile *tf, const char *s)
{
	if (!*s)
		return erlrc_term_new_seq(tf, ERLRC_TERM_NIL, 0);
	return new_text(tf, ERLRC_TERM_STRING, s);
}

struct erlrc_term *
erlrc_term_new_int(struct erlrc_termfile *tf, int64_t i)
{
	struct erlrc_term *t = erlrc_termfile_alloc(tf, sizeof(*t));

	t->type = ERLRC_TERM_INTEGER;
	t->u.i = i;
	return t;
}

/* erlrc_term_new_ofv - erlrc_term_new_of with the terms in AP. */
struct erlrc_term *
erlrc_term_new_ofv(struct erlrc_termfile *tf, enum erlrc_term_type type,
    size_t n, va_list ap)
{
	struct erlrc_term *t = erlrc_term_new_seq(tf, type, n);
	size_t i;

	for (i = 0; i < n; i++)
		t->u.seq.v[i] = va_arg(ap, struct erlrc_term *);
	return t;
}

/* erlrc_term_new_of - a tuple or list (TYPE) of the N terms that follow. */
struct erlrc_term *
erlrc_term_new_of(struct erlrc_termfile *tf, enum erlrc_term_type type,
    size_t n, ...)
{
	struct erlrc_term *t;
	va_list ap;

	va_start(ap, n);
	t = erlrc_term_new_ofv(tf, type, n, ap);
	va_end(ap);
	return t;
}

/* erlrc_term_new_fun - fun M:F/ARITY. */
struct erlrc_term *
erlrc_term_new_fun(struct erlrc_termfile *tf, const char *m, const char *f,
    int arity)
{
	return erlrc_term_new_of(tf, ERLRC_TERM_FUN, 3,
	    erlrc_term_new_atom(tf, m), erlrc_term_new_atom(tf, f),
	    erlrc_term_new_int(tf, arity));
}

/*
 * erlrc_term_new_seq - a list, tuple or map of N elements (N pairs for a
 * map) for the caller to fill in u.seq.v; a list of 0 is [].
 */
struct erlrc_term *
erlrc_term_new_seq(struct erlrc_termfile *tf, enum erlrc_term_type type,
    size_t n)
{
	struct erlrc_term *t = erlrc_termfile_alloc(tf, sizeof(*t));

	if (type == ERLRC_TERM_LIST && n == 0)
		type = ERLRC_TERM_NIL;
	t->type = type;
	t->u.seq.n = n;
	t->u.seq.v = erlrc_termfile_alloc(tf, (type == ERLRC_TERM_MAP ?
	    2 * n : n) * sizeof(*t->u.seq.v) + 1);
	return t;
}
