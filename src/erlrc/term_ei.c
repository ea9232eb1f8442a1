/* SPDX-License-Identifier: GPL-2.0-or-later */
/* term_ei.c - the external term format: replies from nodes, arguments
 * to them */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ei.h>

#include <erlrc/buf.h>
#include <erlrc/term.h>
#include <erlrc/utf8.h>
#include <erlrc/xalloc.h>

#include "term_int.h"

/*
 * libei's decoders trust their input: none of them takes the length of
 * the data, each reads as far as the size fields it meets say, and the
 * old text form of a float goes to sscanf, which stops only at a byte
 * that is no part of a number.  So every item is measured against the
 * bytes left before an ei_decode_ function sees it, and every count is
 * checked against the bytes left before anything is allocated for it.
 *
 * What binary_to_term/1 of OTP 25 refuses is refused too (atoms that are
 * not UTF-8 or longer than 255 characters, floats that are not finite,
 * maps with a key twice), so that a decoded term can be written as text
 * and read back.
 */

#define MAX_DEPTH 1000		/* as term_read.c: deeper input is refused */
#define MAX_ATOM_CHARS 255	/* binary_to_term/1's limit */
/*
 * Base 256 to decimal takes time quadratic in the length: 64 KiB (an
 * integer of 157,827 digits) takes a third of a second, and no reply
 * from a node comes near it.
 */
#define MAX_BIG_BYTES 65536
#define MAX_REF_WORDS 5		/* erlang_ref's n[] */

struct decoder {
	struct erlrc_termfile *tf;
	const char *buf;
	size_t len;
	unsigned depth;
	struct erlrc_error *err;
};

static int
fail(struct decoder *d, size_t pos, const char *fmt, ...) ERLRC_PRINTF(3, 4);

static int
fail(struct decoder *d, size_t pos, const char *fmt, ...)
{
	char msg[ERLRC_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return erlrc_error_set(d->err, ERLRC_ERR_INPUT,
	    "bad external term at byte %zu: %s", pos, msg);
}

/* Fail unless N bytes are there from POS, where WHAT starts. */
static int
need(struct decoder *d, size_t pos, size_t n, const char *what)
{
	if (d->len - pos >= n)
		return 0;
	return fail(d, pos, "the data ends inside %s", what);
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static unsigned
byte_at(const struct decoder *d, size_t pos)
{
	return (unsigned char)d->buf[pos];
}

/* The N-byte big-endian unsigned number at POS. */
static size_t
number_at(const struct decoder *d, size_t pos, size_t n)
{
	size_t v = 0, i;

	for (i = 0; i < n; i++)
		v = v << 8 | byte_at(d, pos + i);
	return v;
}

/*
 * The bytes a tag needs before ei_get_type may read its size field (the
 * whole item when its size is fixed), and what it holds, for messages;
 * 0 for a tag that is not decoded.
 */
static size_t
header_length(unsigned tag, const char **what)
{
	switch (tag) {
	case ERL_SMALL_INTEGER_EXT:
		*what = "an integer";
		return 2;
	case ERL_INTEGER_EXT:
		*what = "an integer";
		return 5;
	case ERL_SMALL_BIG_EXT:
		*what = "an integer";
		return 3;
	case ERL_LARGE_BIG_EXT:
		*what = "an integer";
		return 6;
	case ERL_FLOAT_EXT:
		*what = "a float";
		return 32;
	case NEW_FLOAT_EXT:
		*what = "a float";
		return 9;
	case ERL_ATOM_EXT:
	case ERL_ATOM_UTF8_EXT:
		*what = "an atom";
		return 3;
	case ERL_SMALL_ATOM_EXT:
	case ERL_SMALL_ATOM_UTF8_EXT:
		*what = "an atom";
		return 2;
	case ERL_STRING_EXT:
		*what = "a string";
		return 3;
	case ERL_NIL_EXT:
		*what = "a list";
		return 1;
	case ERL_LIST_EXT:
		*what = "a list";
		return 5;
	case ERL_SMALL_TUPLE_EXT:
		*what = "a tuple";
		return 2;
	case ERL_LARGE_TUPLE_EXT:
		*what = "a tuple";
		return 5;
	case ERL_MAP_EXT:
		*what = "a map";
		return 5;
	case ERL_BINARY_EXT:
		*what = "a binary";
		return 5;
	case ERL_BIT_BINARY_EXT:
		*what = "a bitstring";
		return 6;
	case ERL_PID_EXT:
	case ERL_NEW_PID_EXT:
		*what = "a pid";
		return 1;
	case ERL_PORT_EXT:
	case ERL_NEW_PORT_EXT:
	case ERL_V4_PORT_EXT:
		*what = "a port";
		return 1;
	case ERL_REFERENCE_EXT:
		*what = "a reference";
		return 1;
	case ERL_NEW_REFERENCE_EXT:
	case ERL_NEWER_REFERENCE_EXT:
		*what = "a reference";
		return 3;
	case ERL_NEW_FUN_EXT:
		*what = "a fun";
		return 5;
	case ERL_EXPORT_EXT:
		*what = "a fun";
		return 1;
	default:
		/* FUN_EXT too: OTP 23 and later neither write nor read it */
		*what = "a term";
		return 0;
	}
}

/* ---- items measured before libei reads them ---- */

/*
 * The atom at POS: its bytes in *N, whether they are Latin-1 in *LATIN1,
 * where it ends in *NEXT.
 */
static int
atom_span(struct decoder *d, size_t pos, size_t *n, int *latin1,
    size_t *next)
{
	size_t hdr;
	unsigned tag;

	if (need(d, pos, 1, "an atom") < 0)
		return -1;
	tag = byte_at(d, pos);
	switch (tag) {
	case ERL_ATOM_EXT:
	case ERL_ATOM_UTF8_EXT:
		hdr = 3;
		break;
	case ERL_SMALL_ATOM_EXT:
	case ERL_SMALL_ATOM_UTF8_EXT:
		hdr = 2;
		break;
	default:
		return fail(d, pos, "tag %u where an atom must be", tag);
	}
	if (need(d, pos, hdr, "an atom") < 0)
		return -1;
	*n = number_at(d, pos + 1, hdr - 1);
	if (need(d, pos, hdr + *n, "an atom") < 0)
		return -1;
	*latin1 = tag == ERL_ATOM_EXT || tag == ERL_SMALL_ATOM_EXT;
	*next = pos + hdr + *n;
	return 0;
}

/* A small integer (SMALL_INTEGER_EXT or INTEGER_EXT) at POS. */
static int
int_span(struct decoder *d, size_t pos, size_t *next)
{
	size_t n;
	unsigned tag;

	if (need(d, pos, 1, "an integer") < 0)
		return -1;
	tag = byte_at(d, pos);
	if (tag == ERL_SMALL_INTEGER_EXT)
		n = 2;
	else if (tag == ERL_INTEGER_EXT)
		n = 5;
	else
		return fail(d, pos, "tag %u where a small integer must be",
		    tag);
	if (need(d, pos, n, "an integer") < 0)
		return -1;
	*next = pos + n;
	return 0;
}

/* The node atom at POS + SKIP, then TAIL more bytes of WHAT at POS. */
static int
node_span(struct decoder *d, size_t pos, size_t skip, size_t tail,
    const char *what, size_t *next)
{
	size_t n, p;
	int latin1;

	if (atom_span(d, pos + skip, &n, &latin1, &p) < 0)
		return -1;
	if (need(d, pos, p - pos + tail, what) < 0)
		return -1;
	*next = p + tail;
	return 0;
}

static int
pid_span(struct decoder *d, size_t pos, size_t *next)
{
	unsigned tag;

	if (need(d, pos, 1, "a pid") < 0)
		return -1;
	tag = byte_at(d, pos);
	if (tag != ERL_PID_EXT && tag != ERL_NEW_PID_EXT)
		return fail(d, pos, "tag %u where a pid must be", tag);
	return node_span(d, pos, 1, tag == ERL_PID_EXT ? 9 : 12, "a pid",
	    next);
}

static int
port_span(struct decoder *d, size_t pos, size_t *next)
{
	unsigned tag = byte_at(d, pos);

	return node_span(d, pos, 1, tag == ERL_PORT_EXT ? 5 :
	    tag == ERL_NEW_PORT_EXT ? 8 : 12, "a port", next);
}

static int
ref_span(struct decoder *d, size_t pos, size_t *next)
{
	unsigned tag = byte_at(d, pos);
	size_t words;

	if (tag == ERL_REFERENCE_EXT)
		return node_span(d, pos, 1, 5, "a reference", next);
	words = number_at(d, pos + 1, 2);
	if (words < 1 || words > MAX_REF_WORDS)
		return fail(d, pos, "a reference of %zu words (1 to %d)",
		    words, MAX_REF_WORDS);
	return node_span(d, pos, 3, (tag == ERL_NEW_REFERENCE_EXT ? 1 : 4) +
	    4 * words, "a reference", next);
}

/*
 * The atom at POS as UTF-8 in S (MAXATOMLEN_UTF8 bytes), *SLEN bytes of
 * it; *NEXT moves past it.
 */
static int
atom_text(struct decoder *d, size_t pos, char *s, size_t *slen,
    size_t *next)
{
	size_t n, i, len;
	int latin1, ix = (int)pos;
	long chars;

	if (atom_span(d, pos, &n, &latin1, next) < 0)
		return -1;
	if (n > (latin1 ? 1 : 4) * (size_t)MAX_ATOM_CHARS)
		return fail(d, pos, "an atom of more than %d characters",
		    MAX_ATOM_CHARS);
	if (ei_decode_atom_as(d->buf, &ix, s, MAXATOMLEN_UTF8, ERLANG_UTF8,
	    NULL, NULL) < 0 || (size_t)ix != *next)
		return fail(d, pos, "an atom libei cannot decode");
	len = n;
	if (latin1) {
		/* ei made it UTF-8: two bytes for each one past ASCII */
		for (i = *next - n; i < *next; i++)
			len += byte_at(d, i) >= 0x80;
	}
	chars = erlrc_utf8_chars((const unsigned char *)s, len);
	if (chars < 0)
		return fail(d, pos, "an atom that is not UTF-8");
	if (chars > MAX_ATOM_CHARS)
		return fail(d, pos, "an atom of more than %d characters",
		    MAX_ATOM_CHARS);
	*slen = len;
	return 0;
}

/* ---- terms ---- */

static struct erlrc_term *
new_term(struct decoder *d, enum erlrc_term_type type)
{
	struct erlrc_term *t = erlrc_termfile_alloc(d->tf, sizeof(*t));

	t->type = type;
	return t;
}

static struct erlrc_term *
new_text(struct decoder *d, enum erlrc_term_type type, const char *s,
    size_t len)
{
	struct erlrc_term *t = new_term(d, type);
	char *copy = erlrc_termfile_alloc(d->tf, len + 1);

	if (len)
		memcpy(copy, s, len);
	t->u.text.s = copy;
	t->u.text.len = len;
	return t;
}

/*
 * A pid, port, reference or local fun: TEXT (LEN bytes) as the shell
 * prints it, for messages, and the external format it came in (the
 * bytes FROM to TO of the input), kept just before the text:
 * [bytes][4-byte length][text][NUL], so that erlrc_term_encode can send
 * the very same term back (see opaque_raw).
 */
static struct erlrc_term *
new_opaque(struct decoder *d, const char *text, size_t len, size_t from,
    size_t to)
{
	struct erlrc_term *t = new_term(d, ERLRC_TERM_OPAQUE);
	uint32_t rawlen = (uint32_t)(to - from);
	char *p = erlrc_termfile_alloc(d->tf, rawlen + 4 + len + 1);

	memcpy(p, d->buf + from, rawlen);
	memcpy(p + rawlen, &rawlen, 4);
	if (len)
		memcpy(p + rawlen + 4, text, len);
	t->u.text.s = p + rawlen + 4;
	t->u.text.len = len;
	return t;
}

/* The external format an OPAQUE term was decoded from (new_opaque). */
static const char *
opaque_raw(const struct erlrc_term *t, uint32_t *rawlen)
{
	memcpy(rawlen, t->u.text.s - 4, 4);
	return t->u.text.s - 4 - *rawlen;
}

/* A tuple, map or fun of N elements (pairs for a map) to fill in. */
static struct erlrc_term *
new_seq(struct decoder *d, enum erlrc_term_type type, size_t n)
{
	struct erlrc_term *t = new_term(d, type);
	size_t slots = type == ERLRC_TERM_MAP ? 2 * n : n;

	t->u.seq.n = n;
	t->u.seq.v = erlrc_termfile_alloc(d->tf,
	    (slots ? slots : 1) * sizeof(*t->u.seq.v));
	return t;
}

static struct erlrc_term *decode(struct decoder *d, size_t *pos);

static struct erlrc_term *
decode_integer(struct decoder *d, size_t *pos)
{
	struct erlrc_term *t;
	EI_LONGLONG v;
	int ix = (int)*pos;

	if (ei_decode_longlong(d->buf, &ix, &v) < 0) {
		fail(d, *pos, "an integer libei cannot decode");
		return NULL;
	}
	t = new_term(d, ERLRC_TERM_INTEGER);
	t->u.i = v;
	*pos = (size_t)ix;
	return t;
}

/*
 * The magnitude DIGITS (N bytes, least significant first, the last one
 * not 0) as exact decimal text, "-" first when NEGATIVE.
 */
static struct erlrc_term *
bignum(struct decoder *d, const unsigned char *digits, size_t n,
    int negative)
{
	/* limbs of nine decimal digits, the least significant first */
	uint32_t *limb = erlrc_xmalloc((n / 3 + 2) * sizeof(*limb));
	size_t nlimb = 0, i = n, k, l, size, len;
	struct erlrc_term *t;
	char *s;

	while (i > 0) {
		/* the top n % 4 bytes first, then 32 bits at a time */
		uint64_t carry = 0;
		unsigned shift;

		k = i % 4 ? i % 4 : 4;
		for (l = 0; l < k; l++)
			carry = carry << 8 | digits[i - 1 - l];
		i -= k;
		shift = 8 * (unsigned)k;
		for (l = 0; l < nlimb; l++) {
			/* < 10^9 * 2^32 + 2^33: fits */
			uint64_t x = ((uint64_t)limb[l] << shift) + carry;

			limb[l] = (uint32_t)(x % 1000000000u);
			carry = x / 1000000000u;
		}
		while (carry) {
			limb[nlimb++] = (uint32_t)(carry % 1000000000u);
			carry /= 1000000000u;
		}
	}
	size = (size_t)negative + 9 * nlimb + 1;
	s = erlrc_termfile_alloc(d->tf, size);
	len = (size_t)snprintf(s, size, "%s%u", negative ? "-" : "",
	    (unsigned)limb[nlimb - 1]);
	for (l = nlimb - 1; l-- > 0;)
		len += (size_t)snprintf(s + len, size - len, "%09u",
		    (unsigned)limb[l]);
	free(limb);
	t = new_term(d, ERLRC_TERM_BIGNUM);
	t->u.text.s = s;
	t->u.text.len = len;
	return t;
}

/*
 * SMALL_BIG_EXT and LARGE_BIG_EXT, read here (ei_decode_big wants a
 * buffer of the right size first): what fits int64_t is an integer,
 * whatever size it came in.
 */
static struct erlrc_term *
decode_big(struct decoder *d, size_t *pos)
{
	size_t p = *pos, hdr, n, left, i;
	const unsigned char *digits;
	struct erlrc_term *t;
	uint64_t mag = 0;
	int negative;

	hdr = byte_at(d, p) == ERL_SMALL_BIG_EXT ? 2 : 5;
	n = number_at(d, p + 1, hdr - 1);
	negative = byte_at(d, p + hdr) != 0;	/* as binary_to_term/1 */
	left = d->len - p - hdr - 1;
	if (n > left) {
		fail(d, p, "an integer of %zu bytes, but the data has %zu "
		    "more byte%s", n, left, plural(left));
		return NULL;
	}
	digits = (const unsigned char *)d->buf + p + hdr + 1;
	*pos = p + hdr + 1 + n;
	while (n > 0 && digits[n - 1] == 0)
		n--;
	if (n <= 8) {
		for (i = n; i-- > 0;)
			mag = mag << 8 | digits[i];
		if (mag <= (uint64_t)INT64_MAX ||
		    (negative && mag == (uint64_t)INT64_MAX + 1)) {
			t = new_term(d, ERLRC_TERM_INTEGER);
			t->u.i = negative ? (int64_t)(0 - mag) : (int64_t)mag;
			return t;
		}
	}
	if (n > MAX_BIG_BYTES) {
		fail(d, p, "an integer of more than %d bytes, erlrc's limit",
		    MAX_BIG_BYTES);
		return NULL;
	}
	return bignum(d, digits, n, negative);
}

static struct erlrc_term *
decode_float(struct decoder *d, size_t *pos)
{
	char old[33];
	const char *buf = d->buf;
	struct erlrc_term *t;
	int ix = (int)*pos, text = byte_at(d, *pos) == ERL_FLOAT_EXT;
	double f;

	if (text) {
		/* "%.20e" in 31 bytes: sscanf must meet a NUL after them */
		memcpy(old, d->buf + *pos, 32);
		old[32] = '\0';
		buf = old;
		ix = 0;
	}
	if (ei_decode_double(buf, &ix, &f) < 0) {
		fail(d, *pos, "a float libei cannot decode");
		return NULL;
	}
	if (!isfinite(f)) {
		fail(d, *pos, "a float that is not finite");
		return NULL;
	}
	t = new_term(d, ERLRC_TERM_FLOAT);
	t->u.f = f;
	*pos += text ? 32 : 9;
	return t;
}

static struct erlrc_term *
decode_atom(struct decoder *d, size_t *pos)
{
	char s[MAXATOMLEN_UTF8];
	size_t len;

	if (atom_text(d, *pos, s, &len, pos) < 0)
		return NULL;
	return new_text(d, ERLRC_TERM_ATOM, s, len);
}

/*
 * STRING_EXT, whose 3-byte header the caller has seen: a list of bytes,
 * kept as the UTF-8 of those characters.
 */
static struct erlrc_term *
decode_string(struct decoder *d, size_t *pos)
{
	struct erlrc_buf u = ERLRC_BUF_INIT;
	struct erlrc_term *t = NULL;
	size_t n = number_at(d, *pos + 1, 2), i;
	char *bytes;
	int ix = (int)*pos;

	if (need(d, *pos, 3 + n, "a string") < 0)
		return NULL;
	if (n == 0) {
		*pos += 3;
		return new_term(d, ERLRC_TERM_NIL);
	}
	bytes = erlrc_xmalloc(n + 1);
	if (ei_decode_string(d->buf, &ix, bytes) < 0) {
		fail(d, *pos, "a string libei cannot decode");
		goto out;
	}
	for (i = 0; i < n; i++)
		erlrc_term_add_utf8(&u, (unsigned char)bytes[i]);
	t = new_text(d, ERLRC_TERM_STRING, u.s, u.len);
	*pos = (size_t)ix;
out:
	erlrc_buf_destroy(&u);
	free(bytes);
	return t;
}

/*
 * NIL_EXT and LIST_EXT.  A list whose tail is a list or a string is one
 * list (term.h): tails of those kinds are followed here, not decoded as
 * terms of their own, so a chain of them is neither deep nor copied from
 * tail to tail.  A LIST_EXT of no elements is its tail, as in erts.
 */
static struct erlrc_term *
decode_list(struct decoder *d, size_t *pos)
{
	struct erlrc_term_vec s = ERLRC_TERM_VEC_INIT;
	struct erlrc_term *t = NULL, *tail = NULL, *e;
	size_t p = *pos, n, left, i;
	unsigned tag;
	int ix, arity;

	for (;;) {
		if (need(d, p, 1, "a list") < 0)
			goto out;
		tag = byte_at(d, p);
		if (tag == ERL_NIL_EXT) {
			p++;
			break;
		}
		if (tag == ERL_STRING_EXT) {
			if (need(d, p, 3, "a string") < 0)
				goto out;
			n = number_at(d, p + 1, 2);
			if (need(d, p, 3 + n, "a string") < 0)
				goto out;
			if (s.n == 0) {
				/* after LIST_EXTs of no elements: the term */
				tail = decode_string(d, &p);
				if (!tail)
					goto out;
				break;
			}
			for (i = 0; i < n; i++) {
				e = new_term(d, ERLRC_TERM_INTEGER);
				e->u.i = byte_at(d, p + 3 + i);
				erlrc_term_vec_push(&s, e);
			}
			p += 3 + n;
			break;
		}
		if (tag != ERL_LIST_EXT) {
			tail = decode(d, &p);
			if (!tail)
				goto out;
			break;
		}
		if (need(d, p, 5, "a list") < 0)
			goto out;
		n = number_at(d, p + 1, 4);
		left = d->len - p - 5;
		if (n >= left) {
			/* each element takes a byte, and so does the tail */
			fail(d, p, "a list of %zu element%s, but the data has "
			    "%zu more byte%s", n, plural(n), left,
			    plural(left));
			goto out;
		}
		ix = (int)p;
		if (ei_decode_list_header(d->buf, &ix, &arity) < 0 ||
		    (size_t)arity != n) {
			fail(d, p, "a list libei cannot decode");
			goto out;
		}
		p = (size_t)ix;
		for (i = 0; i < n; i++) {
			e = decode(d, &p);
			if (!e)
				goto out;
			erlrc_term_vec_push(&s, e);
		}
	}
	if (s.n == 0) {
		t = tail ? tail : new_term(d, ERLRC_TERM_NIL);
	} else {
		t = new_seq(d, ERLRC_TERM_LIST, s.n);
		memcpy(t->u.seq.v, s.v, s.n * sizeof(*s.v));
		t->u.seq.tail = tail;
	}
	*pos = p;
out:
	free(s.v);
	return t;
}

static struct erlrc_term *
decode_tuple(struct decoder *d, size_t *pos)
{
	struct erlrc_term *t;
	size_t p = *pos, hdr, n, left, i;
	int ix = (int)p, arity;

	hdr = byte_at(d, p) == ERL_SMALL_TUPLE_EXT ? 2 : 5;
	n = number_at(d, p + 1, hdr - 1);
	left = d->len - p - hdr;
	if (n > left) {
		fail(d, p, "a tuple of %zu element%s, but the data has %zu "
		    "more byte%s", n, plural(n), left, plural(left));
		return NULL;
	}
	if (ei_decode_tuple_header(d->buf, &ix, &arity) < 0 ||
	    (size_t)arity != n) {
		fail(d, p, "a tuple libei cannot decode");
		return NULL;
	}
	p = (size_t)ix;
	t = new_seq(d, ERLRC_TERM_TUPLE, n);
	for (i = 0; i < n; i++) {
		t->u.seq.v[i] = decode(d, &p);
		if (!t->u.seq.v[i])
			return NULL;
	}
	*pos = p;
	return t;
}

/* ---- duplicate map keys, found by hashing ---- */

static uint64_t
mix(uint64_t h, uint64_t x)
{
	h ^= x + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
	return h;
}

static uint64_t
hash_bytes(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}

static uint64_t
int_hash(int64_t i)
{
	return mix(1, (uint64_t)i);
}

/*
 * A hash that equal terms (erlrc_term_equal) share: a string hashes as
 * the list of its characters, 0.0 as -0.0, a map whatever its order.
 */
static uint64_t
key_hash(const struct erlrc_term *t)
{
	const char *s, *end;
	uint64_t h, sum;
	int32_t c;
	double f;
	size_t i;

	switch (t->type) {
	case ERLRC_TERM_INTEGER:
		return int_hash(t->u.i);
	case ERLRC_TERM_FLOAT:
		f = t->u.f == 0.0 ? 0.0 : t->u.f;
		return hash_bytes(3, &f, sizeof(f));
	case ERLRC_TERM_BIGNUM:
	case ERLRC_TERM_ATOM:
	case ERLRC_TERM_OPAQUE:
		return hash_bytes(t->type, t->u.text.s, t->u.text.len);
	case ERLRC_TERM_STRING:
		h = 6;
		s = t->u.text.s;
		end = s + t->u.text.len;
		while ((c = erlrc_term_next_utf8(&s, end)) >= 0)
			h = mix(h, int_hash(c));
		return mix(h, 0);
	case ERLRC_TERM_NIL:
		return mix(6, 0);
	case ERLRC_TERM_LIST:
		h = 6;
		for (i = 0; i < t->u.seq.n; i++)
			h = mix(h, key_hash(t->u.seq.v[i]));
		return mix(h, t->u.seq.tail ? key_hash(t->u.seq.tail) : 0);
	case ERLRC_TERM_TUPLE:
	case ERLRC_TERM_FUN:
		h = t->type;
		for (i = 0; i < t->u.seq.n; i++)
			h = mix(h, key_hash(t->u.seq.v[i]));
		return h;
	case ERLRC_TERM_MAP:
		sum = 0;
		for (i = 0; i < t->u.seq.n; i++)
			sum += mix(key_hash(t->u.seq.v[2 * i]),
			    key_hash(t->u.seq.v[2 * i + 1]));
		return mix(t->type, sum);
	case ERLRC_TERM_BINARY:
		return hash_bytes(mix(t->type, t->u.bin.nbits), t->u.bin.data,
		    (t->u.bin.nbits + 7) / 8);
	}
	return 0;
}

struct keyref {
	uint64_t hash;
	size_t i;
};

static int
keyref_cmp(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Does map M hold a key twice? */
static int
has_duplicate_key(const struct erlrc_term *m)
{
	struct keyref *k;
	size_t n = m->u.seq.n, i, j;
	int dup = 0;

	if (n < 2)
		return 0;
	k = erlrc_xmalloc(n * sizeof(*k));
	for (i = 0; i < n; i++) {
		k[i].hash = key_hash(m->u.seq.v[2 * i]);
		k[i].i = i;
	}
	qsort(k, n, sizeof(*k), keyref_cmp);
	for (i = 0; i < n && !dup; i++)
		for (j = i + 1; j < n && k[j].hash == k[i].hash && !dup; j++)
			dup = erlrc_term_equal(m->u.seq.v[2 * k[i].i],
			    m->u.seq.v[2 * k[j].i]);
	free(k);
	return dup;
}

static struct erlrc_term *
decode_map(struct decoder *d, size_t *pos)
{
	struct erlrc_term *t;
	size_t p = *pos, n, left, i;
	int ix = (int)p, arity;

	n = number_at(d, p + 1, 4);
	left = d->len - p - 5;
	if (n > left / 2) {
		fail(d, p, "a map of %zu pair%s, but the data has %zu more "
		    "byte%s", n, plural(n), left, plural(left));
		return NULL;
	}
	if (ei_decode_map_header(d->buf, &ix, &arity) < 0 ||
	    (size_t)arity != n) {
		fail(d, p, "a map libei cannot decode");
		return NULL;
	}
	p = (size_t)ix;
	t = new_seq(d, ERLRC_TERM_MAP, n);
	for (i = 0; i < 2 * n; i++) {
		t->u.seq.v[i] = decode(d, &p);
		if (!t->u.seq.v[i])
			return NULL;
	}
	if (has_duplicate_key(t)) {
		fail(d, *pos, "a map with a key twice");
		return NULL;
	}
	*pos = p;
	return t;
}

static struct erlrc_term *
decode_binary(struct decoder *d, size_t *pos)
{
	struct erlrc_term *t;
	size_t p = *pos, hdr, n, left, nbits;
	unsigned tag = byte_at(d, p), last;
	unsigned char *data;
	unsigned bitoffs;
	const char *bytes;
	int ix = (int)p;

	hdr = tag == ERL_BINARY_EXT ? 5 : 6;
	n = number_at(d, p + 1, 4);
	left = d->len - p - hdr;
	if (n > left) {
		fail(d, p, "a binary of %zu byte%s, but the data has %zu more "
		    "byte%s", n, plural(n), left, plural(left));
		return NULL;
	}
	if (tag == ERL_BIT_BINARY_EXT) {
		last = byte_at(d, p + 5);
		if ((last == 0) != (n == 0) || last > 8) {
			fail(d, p, "a bitstring with %u bits in its last "
			    "byte", last);
			return NULL;
		}
	}
	if (ei_decode_bitstring(d->buf, &ix, &bytes, &bitoffs, &nbits) < 0 ||
	    bitoffs != 0) {
		fail(d, p, "a binary libei cannot decode");
		return NULL;
	}
	data = erlrc_termfile_alloc(d->tf, n + 1);
	if (n)
		memcpy(data, bytes, n);
	/* the bits past the end are not the bitstring's: equality sees 0 */
	if (nbits % 8)
		data[n - 1] &= (unsigned char)(0xff00 >> (nbits % 8));
	t = new_term(d, ERLRC_TERM_BINARY);
	t->u.bin.data = data;
	t->u.bin.nbits = nbits;
	*pos = (size_t)ix;
	return t;
}

/*
 * A pid, port or reference (TYPE as ei_get_type says), printed as the
 * shell of its node prints it.
 */
static struct erlrc_term *
decode_ident(struct decoder *d, size_t *pos, int type)
{
	struct erlrc_buf text = ERLRC_BUF_INIT;
	struct erlrc_term *t = NULL;
	const char *what;
	erlang_pid pid;
	erlang_port port;
	erlang_ref ref;
	size_t next;
	int ix = (int)*pos, i;

	if (type == ERL_PID_EXT) {
		what = "a pid";
		if (pid_span(d, *pos, &next) < 0)
			goto out;
		if (ei_decode_pid(d->buf, &ix, &pid) < 0)
			goto bad;
		erlrc_buf_addf(&text, "<0.%u.%u>", pid.num, pid.serial);
	} else if (type == ERL_PORT_EXT) {
		what = "a port";
		if (port_span(d, *pos, &next) < 0)
			goto out;
		if (ei_decode_port(d->buf, &ix, &port) < 0)
			goto bad;
		erlrc_buf_addf(&text, "#Port<0.%llu>",
		    (unsigned long long)port.id);
	} else {
		what = "a reference";
		if (ref_span(d, *pos, &next) < 0)
			goto out;
		if (ei_decode_ref(d->buf, &ix, &ref) < 0)
			goto bad;
		/* the shell prints the words the other way round */
		erlrc_buf_adds(&text, "#Ref<0");
		for (i = ref.len; i-- > 0;)
			erlrc_buf_addf(&text, ".%u", ref.n[i]);
		erlrc_buf_addc(&text, '>');
	}
	if ((size_t)ix != next)
		goto bad;
	t = new_opaque(d, text.s, text.len, *pos, next);
	*pos = next;
	goto out;
bad:
	fail(d, *pos, "%s libei cannot decode", what);
out:
	erlrc_buf_destroy(&text);
	return t;
}

/* fun M:F/A */
static struct erlrc_term *
decode_export(struct decoder *d, size_t *pos)
{
	char mod[MAXATOMLEN_UTF8], fun[MAXATOMLEN_UTF8];
	size_t p = *pos, mlen, flen;
	struct erlrc_term *t;
	erlang_fun f;
	int ix = (int)p;
	long arity;

	if (atom_text(d, p + 1, mod, &mlen, &p) < 0 ||
	    atom_text(d, p, fun, &flen, &p) < 0 ||
	    need(d, *pos, p + 2 - *pos, "a fun") < 0)
		return NULL;
	if (byte_at(d, p) != ERL_SMALL_INTEGER_EXT) {
		fail(d, p, "tag %u where the arity of a fun must be",
		    byte_at(d, p));
		return NULL;
	}
	if (ei_decode_fun(d->buf, &ix, &f) < 0) {
		fail(d, *pos, "a fun libei cannot decode");
		return NULL;
	}
	arity = f.arity;
	free_fun(&f);
	if ((size_t)ix != p + 2) {
		fail(d, *pos, "a fun libei cannot decode");
		return NULL;
	}
	t = new_seq(d, ERLRC_TERM_FUN, 3);
	t->u.seq.v[0] = new_text(d, ERLRC_TERM_ATOM, mod, mlen);
	t->u.seq.v[1] = new_text(d, ERLRC_TERM_ATOM, fun, flen);
	t->u.seq.v[2] = new_term(d, ERLRC_TERM_INTEGER);
	t->u.seq.v[2]->u.i = arity;
	*pos = (size_t)ix;
	return t;
}

/*
 * NEW_FUN_EXT: a local fun, printed as the shell does, with the old
 * index and old uniq: #Fun<erl_eval.6.1234>.
 */
static struct erlrc_term *
decode_closure(struct decoder *d, size_t *pos)
{
	struct erlrc_buf text = ERLRC_BUF_INIT;
	char mod[MAXATOMLEN_UTF8];
	size_t p = *pos, size, left, end, mlen;
	struct erlrc_term *t = NULL;
	erlang_fun f;
	int ix = (int)p;

	size = number_at(d, p + 1, 4);
	left = d->len - p - 1;
	if (size > left) {
		fail(d, p, "a fun of %zu byte%s, but the data has %zu more "
		    "byte%s", size, plural(size), left, plural(left));
		return NULL;
	}
	/* size, arity, uniq, index, free variables; then what is checked */
	end = p + 1 + size;
	p += 1 + 4 + 1 + 16 + 4 + 4;
	if (p <= end && (atom_text(d, p, mod, &mlen, &p) < 0 ||
	    int_span(d, p, &p) < 0 || int_span(d, p, &p) < 0 ||
	    pid_span(d, p, &p) < 0))
		return NULL;
	if (p > end) {
		fail(d, *pos, "a fun whose parts overrun its size");
		return NULL;
	}
	if (ei_decode_fun(d->buf, &ix, &f) < 0) {
		fail(d, *pos, "a fun libei cannot decode");
		return NULL;
	}
	erlrc_buf_adds(&text, "#Fun<");
	erlrc_term_write_atom(&text, mod, mlen);
	erlrc_buf_addf(&text, ".%ld.%lu>", f.u.closure.old_index,
	    (unsigned long)(uint32_t)f.u.closure.uniq);
	free_fun(&f);
	if ((size_t)ix == end) {
		t = new_opaque(d, text.s, text.len, *pos, end);
		*pos = end;
	} else {
		fail(d, *pos, "a fun libei cannot decode");
	}
	erlrc_buf_destroy(&text);
	return t;
}

/* The term at *POS, which moves past it; NULL with d->err set. */
static struct erlrc_term *
decode(struct decoder *d, size_t *pos)
{
	struct erlrc_term *t = NULL;
	const char *what;
	size_t hdr;
	unsigned tag;
	int ix = (int)*pos, type, size;

	if (++d->depth > MAX_DEPTH) {
		fail(d, *pos, "terms nested deeper than %d", MAX_DEPTH);
		goto out;
	}
	if (need(d, *pos, 1, "a term") < 0)
		goto out;
	tag = byte_at(d, *pos);
	hdr = header_length(tag, &what);
	if (hdr == 0) {
		fail(d, *pos, "unknown tag %u", tag);
		goto out;
	}
	if (need(d, *pos, hdr, what) < 0)
		goto out;
	/* sizes are read here as unsigned: ei_get_type's are int */
	ei_get_type(d->buf, &ix, &type, &size);
	switch (type) {
	case ERL_SMALL_INTEGER_EXT:
	case ERL_INTEGER_EXT:
		t = decode_integer(d, pos);
		break;
	case ERL_SMALL_BIG_EXT:
	case ERL_LARGE_BIG_EXT:
		t = decode_big(d, pos);
		break;
	case ERL_FLOAT_EXT:
		t = decode_float(d, pos);
		break;
	case ERL_ATOM_EXT:
		t = decode_atom(d, pos);
		break;
	case ERL_STRING_EXT:
		t = decode_string(d, pos);
		break;
	case ERL_NIL_EXT:
	case ERL_LIST_EXT:
		t = decode_list(d, pos);
		break;
	case ERL_SMALL_TUPLE_EXT:
	case ERL_LARGE_TUPLE_EXT:
		t = decode_tuple(d, pos);
		break;
	case ERL_MAP_EXT:
		t = decode_map(d, pos);
		break;
	case ERL_BINARY_EXT:
	case ERL_BIT_BINARY_EXT:
		t = decode_binary(d, pos);
		break;
	case ERL_PID_EXT:
	case ERL_PORT_EXT:
	case ERL_REFERENCE_EXT:
		t = decode_ident(d, pos, type);
		break;
	case ERL_NEW_REFERENCE_EXT:
		t = decode_ident(d, pos, ERL_REFERENCE_EXT);
		break;
	case ERL_EXPORT_EXT:
		t = decode_export(d, pos);
		break;
	case ERL_NEW_FUN_EXT:
		t = decode_closure(d, pos);
		break;
	default:
		fail(d, *pos, "unknown tag %u", tag);
		break;
	}
out:
	d->depth--;
	return t;
}

/*
 * erlrc_term_decode - see term.h.  On error *INDEX and *OUT are left
 * alone; what was built so far stays in TF's arena until it is freed.
 */
int
erlrc_term_decode(struct erlrc_termfile *tf, const char *buf, size_t len,
    int *index, struct erlrc_term **out, struct erlrc_error *err)
{
	struct decoder d;
	struct erlrc_term *t;
	size_t pos;

	if (len > INT_MAX)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "an external "
		    "term of %zu bytes: libei takes at most %d", len,
		    INT_MAX);
	if (*index < 0 || (size_t)*index > len)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "external term "
		    "index %d outside its %zu bytes", *index, len);
	d.tf = tf;
	d.buf = buf;
	d.len = len;
	d.depth = 0;
	d.err = err;
	pos = (size_t)*index;
	t = decode(&d, &pos);
	if (!t)
		return -1;
	*index = (int)pos;
	*out = t;
	return 0;
}

/* ---- encoding ---- */

/*
 * libei keeps a buffer's size in an int and does not check its sums for
 * overflow: every append is checked against this first.
 */
#define MAX_ENCODED (INT_MAX - 4096)
#define MAX_STRING_EXT 65535	/* longer byte lists are LIST_EXT */

struct encoder {
	ei_x_buff *x;
	unsigned depth;
	struct erlrc_error *err;
};

static int encode(struct encoder *e, const struct erlrc_term *t);

static int
refuse(struct encoder *e, const char *fmt, ...) ERLRC_PRINTF(2, 3);

static int
refuse(struct encoder *e, const char *fmt, ...)
{
	char msg[ERLRC_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return erlrc_error_set(e->err, ERLRC_ERR_INPUT, "%s", msg);
}

/* Fail unless N more bytes keep the buffer within MAX_ENCODED. */
static int
room(struct encoder *e, size_t n)
{
	if (e->x->index <= MAX_ENCODED &&
	    n <= (size_t)(MAX_ENCODED - e->x->index))
		return 0;
	return refuse(e, "cannot send a term of more than %d bytes, libei's "
	    "limit", MAX_ENCODED);
}

/*
 * What an ei_x_encode_ function returns.  Its input was checked before:
 * it fails only when it cannot grow the buffer.
 */
static void
check_ei(int r)
{
	if (r < 0)
		erlrc_xoom();
}

static int
append(struct encoder *e, const unsigned char *data, size_t n)
{
	if (room(e, n) < 0)
		return -1;
	check_ei(ei_x_append_buf(e->x, (const char *)data, (int)n));
	return 0;
}

/*
 * SMALL_BIG_EXT or LARGE_BIG_EXT: the magnitude MAG, N bytes, least
 * significant first, the last one not 0.
 */
static int
encode_magnitude(struct encoder *e, const unsigned char *mag, size_t n,
    int negative)
{
	unsigned char hdr[6];
	size_t h = 0;

	if (room(e, sizeof(hdr) + n) < 0)
		return -1;
	if (n <= 255) {
		hdr[h++] = ERL_SMALL_BIG_EXT;
		hdr[h++] = (unsigned char)n;
	} else {
		hdr[h++] = ERL_LARGE_BIG_EXT;
		hdr[h++] = (unsigned char)(n >> 24);
		hdr[h++] = (unsigned char)(n >> 16);
		hdr[h++] = (unsigned char)(n >> 8);
		hdr[h++] = (unsigned char)n;
	}
	hdr[h++] = (unsigned char)negative;
	if (append(e, hdr, h) < 0 || append(e, mag, n) < 0)
		return -1;
	return 0;
}

/*
 * Written here, not with ei_x_encode_longlong: libei writes INTEGER_EXT
 * for 28 bits only, erts for 32, and negates INT64_MIN, which overflows.
 */
static int
encode_int(struct encoder *e, int64_t v)
{
	unsigned char b[8];
	uint64_t mag;
	size_t n = 0;

	if (v >= 0 && v <= 255) {
		b[n++] = ERL_SMALL_INTEGER_EXT;
		b[n++] = (unsigned char)v;
		return append(e, b, n);
	}
	if (v >= INT32_MIN && v <= INT32_MAX) {
		mag = (uint32_t)v;
		b[n++] = ERL_INTEGER_EXT;
		b[n++] = (unsigned char)(mag >> 24);
		b[n++] = (unsigned char)(mag >> 16);
		b[n++] = (unsigned char)(mag >> 8);
		b[n++] = (unsigned char)mag;
		return append(e, b, n);
	}
	mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	while (mag) {
		b[n++] = (unsigned char)mag;
		mag >>= 8;
	}
	return encode_magnitude(e, b, n, v < 0);
}

/*
 * The exact decimal text of T in base 2^32, then as bytes; what fits
 * int64_t (which a bignum should not) is written as an integer.
 */
static int
encode_bignum(struct encoder *e, const struct erlrc_term *t)
{
	const char *s = t->u.text.s, *end = s + t->u.text.len;
	size_t ndig, nlimb = 0, n, i, k, l;
	unsigned char *mag = NULL;
	uint32_t *limb = NULL;
	uint64_t v = 0;
	int negative = 0, ret = -1;

	if (s < end && *s == '-') {
		negative = 1;
		s++;
	}
	ndig = (size_t)(end - s);
	for (i = 0; i < ndig; i++)
		if (s[i] < '0' || s[i] > '9')
			break;
	if (ndig == 0 || i < ndig)
		return refuse(e, "cannot send an integer that is not "
		    "decimal digits: %s", t->u.text.s);
	/* 9 digits take less than 32 bits */
	limb = erlrc_xmalloc((ndig / 9 + 1) * sizeof(*limb));
	for (i = 0; i < ndig; i += k) {
		uint64_t carry = 0, scale = 1;

		k = i == 0 && ndig % 9 ? ndig % 9 : 9;
		for (l = 0; l < k; l++) {
			carry = carry * 10 + (uint64_t)(s[i + l] - '0');
			scale *= 10;
		}
		for (l = 0; l < nlimb; l++) {
			/* < 2^32 * 10^9 + 2^32: fits */
			uint64_t x = limb[l] * scale + carry;

			limb[l] = (uint32_t)x;
			carry = x >> 32;
		}
		if (carry)
			limb[nlimb++] = (uint32_t)carry;
	}
	mag = erlrc_xmalloc(4 * nlimb + 1);
	for (l = 0; l < nlimb; l++)
		for (k = 0; k < 4; k++)
			mag[4 * l + k] = (unsigned char)(limb[l] >> (8 * k));
	n = 4 * nlimb;
	while (n > 0 && mag[n - 1] == 0)
		n--;
	if (n <= 8) {
		for (i = n; i-- > 0;)
			v = v << 8 | mag[i];
		if (v <= (uint64_t)INT64_MAX) {
			ret = encode_int(e, negative ? -(int64_t)v :
			    (int64_t)v);
			goto out;
		}
		if (negative && v == (uint64_t)INT64_MAX + 1) {
			ret = encode_int(e, INT64_MIN);
			goto out;
		}
	}
	ret = encode_magnitude(e, mag, n, negative);
out:
	free(mag);
	free(limb);
	return ret;
}

static int
encode_float(struct encoder *e, double f)
{
	if (!isfinite(f))
		return refuse(e, "cannot send a float that is not finite");
	if (room(e, 9) < 0)
		return -1;
	check_ei(ei_x_encode_double(e->x, f));
	return 0;
}

/* The UTF-8 atom S (LEN bytes), as binary_to_term/1 would take it. */
static int
encode_atom(struct encoder *e, const char *s, size_t len)
{
	long chars = erlrc_utf8_chars((const unsigned char *)s, len);

	if (chars < 0 || chars > MAX_ATOM_CHARS)
		return refuse(e, "cannot send an atom that is not UTF-8 of "
		    "at most %d characters", MAX_ATOM_CHARS);
	if (room(e, 3 + len) < 0)
		return -1;
	check_ei(ei_x_encode_atom_len_as(e->x, s, (int)len, ERLANG_UTF8,
	    ERLANG_UTF8));
	return 0;
}

/*
 * N characters of 0 to 255 in BYTES: STRING_EXT when there are few
 * enough, else a LIST_EXT of them (libei chooses as erts does).
 */
static int
encode_bytes(struct encoder *e, const char *bytes, size_t n)
{
	if (room(e, 6 + 2 * n) < 0)
		return -1;
	check_ei(ei_x_encode_string_len(e->x, bytes, (int)n));
	return 0;
}

/* A string literal: its characters as bytes if they all fit in one. */
static int
encode_string(struct encoder *e, const struct erlrc_term *t)
{
	const char *s = t->u.text.s, *end = s + t->u.text.len;
	size_t n = 0, i = 0;
	int32_t c, max = 0;
	char *bytes;
	int ret;

	while (s < end) {
		c = erlrc_term_next_utf8(&s, end);
		if (c < 0)
			return refuse(e, "cannot send a string that is not "
			    "UTF-8");
		if (c > max)
			max = c;
		n++;
	}
	s = t->u.text.s;
	if (max <= 255) {
		bytes = erlrc_xmalloc(n + 1);
		while (s < end)
			bytes[i++] = (char)erlrc_term_next_utf8(&s, end);
		ret = encode_bytes(e, bytes, n);
		free(bytes);
		return ret;
	}
	/* every character takes two bytes or more, and so does the tail */
	if (room(e, 5 + 2 * n + 1) < 0)
		return -1;
	check_ei(ei_x_encode_list_header(e->x, (long)n));
	while (s < end)
		if (encode_int(e, erlrc_term_next_utf8(&s, end)) < 0)
			return -1;
	check_ei(ei_x_encode_empty_list(e->x));
	return 0;
}

static int
is_byte(const struct erlrc_term *t)
{
	return t->type == ERLRC_TERM_INTEGER && t->u.i >= 0 && t->u.i <= 255;
}

/* A list, as a string when term_to_binary/1 would make it one. */
static int
encode_list(struct encoder *e, const struct erlrc_term *t)
{
	const struct erlrc_term *tail = t->u.seq.tail;
	size_t n = t->u.seq.n, i;
	char *bytes;
	int ret;

	if (tail && tail->type == ERLRC_TERM_NIL)
		tail = NULL;
	for (i = 0; i < n && is_byte(t->u.seq.v[i]); i++)
		;
	if (!tail && i == n && n <= MAX_STRING_EXT) {
		bytes = erlrc_xmalloc(n + 1);
		for (i = 0; i < n; i++)
			bytes[i] = (char)t->u.seq.v[i]->u.i;
		ret = encode_bytes(e, bytes, n);
		free(bytes);
		return ret;
	}
	/* a header of no elements would be [] itself */
	if (n > 0) {
		if (room(e, 5 + n + 1) < 0)
			return -1;
		check_ei(ei_x_encode_list_header(e->x, (long)n));
	}
	for (i = 0; i < n; i++)
		if (encode(e, t->u.seq.v[i]) < 0)
			return -1;
	if (tail)
		return encode(e, tail);
	if (room(e, 1) < 0)
		return -1;
	check_ei(ei_x_encode_empty_list(e->x));
	return 0;
}

static int
encode_tuple(struct encoder *e, const struct erlrc_term *t)
{
	size_t n = t->u.seq.n, i;

	if (room(e, 5 + n) < 0)
		return -1;
	check_ei(ei_x_encode_tuple_header(e->x, (long)n));
	for (i = 0; i < n; i++)
		if (encode(e, t->u.seq.v[i]) < 0)
			return -1;
	return 0;
}

/* The pairs in T's order: binary_to_term/1 takes any order. */
static int
encode_map(struct encoder *e, const struct erlrc_term *t)
{
	size_t n = t->u.seq.n, i;

	if (has_duplicate_key(t))
		return refuse(e, "cannot send a map with a key twice");
	if (room(e, 5 + 2 * n) < 0)
		return -1;
	check_ei(ei_x_encode_map_header(e->x, (long)n));
	for (i = 0; i < 2 * n; i++)
		if (encode(e, t->u.seq.v[i]) < 0)
			return -1;
	return 0;
}

static int
encode_binary(struct encoder *e, const struct erlrc_term *t)
{
	if (room(e, 6 + (t->u.bin.nbits + 7) / 8) < 0)
		return -1;
	/* BINARY_EXT when whole bytes, and the bits past the end as 0 */
	check_ei(ei_x_encode_bitstring(e->x, (const char *)t->u.bin.data, 0,
	    t->u.bin.nbits));
	return 0;
}

/*
 * fun M:F/A as EXPORT_EXT.  Not with ei_x_encode_fun, which takes the
 * atoms as C strings: an atom may hold a NUL.
 */
static int
encode_fun(struct encoder *e, const struct erlrc_term *t)
{
	static const unsigned char tag = ERL_EXPORT_EXT;
	const struct erlrc_term *m, *f, *a;

	if (t->u.seq.n != 3 || t->u.seq.v[0]->type != ERLRC_TERM_ATOM ||
	    t->u.seq.v[1]->type != ERLRC_TERM_ATOM ||
	    t->u.seq.v[2]->type != ERLRC_TERM_INTEGER)
		return refuse(e, "cannot send a fun that is not fun M:F/A");
	m = t->u.seq.v[0];
	f = t->u.seq.v[1];
	a = t->u.seq.v[2];
	if (a->u.i < 0 || a->u.i > 255)
		return refuse(e, "cannot send fun %s:%s/%lld: an arity is 0 "
		    "to 255", m->u.text.s, f->u.text.s, (long long)a->u.i);
	if (append(e, &tag, 1) < 0 ||
	    encode_atom(e, m->u.text.s, m->u.text.len) < 0 ||
	    encode_atom(e, f->u.text.s, f->u.text.len) < 0)
		return -1;
	return encode_int(e, a->u.i);
}

static int
encode(struct encoder *e, const struct erlrc_term *t)
{
	const char *raw;
	uint32_t rawlen;
	int ret = -1;

	if (++e->depth > MAX_DEPTH) {
		refuse(e, "cannot send terms nested deeper than %d",
		    MAX_DEPTH);
		goto out;
	}
	switch (t->type) {
	case ERLRC_TERM_INTEGER:
		ret = encode_int(e, t->u.i);
		break;
	case ERLRC_TERM_BIGNUM:
		ret = encode_bignum(e, t);
		break;
	case ERLRC_TERM_FLOAT:
		ret = encode_float(e, t->u.f);
		break;
	case ERLRC_TERM_ATOM:
		ret = encode_atom(e, t->u.text.s, t->u.text.len);
		break;
	case ERLRC_TERM_STRING:
		ret = encode_string(e, t);
		break;
	case ERLRC_TERM_NIL:
		ret = room(e, 1);
		if (ret == 0)
			check_ei(ei_x_encode_empty_list(e->x));
		break;
	case ERLRC_TERM_LIST:
		ret = encode_list(e, t);
		break;
	case ERLRC_TERM_TUPLE:
		ret = encode_tuple(e, t);
		break;
	case ERLRC_TERM_MAP:
		ret = encode_map(e, t);
		break;
	case ERLRC_TERM_BINARY:
		ret = encode_binary(e, t);
		break;
	case ERLRC_TERM_FUN:
		ret = encode_fun(e, t);
		break;
	case ERLRC_TERM_OPAQUE:
		/* the node's own term, as it sent it */
		raw = opaque_raw(t, &rawlen);
		if (ei_x_append_buf(e->x, raw, (int)rawlen) < 0)
			erlrc_xoom();
		ret = 0;
		break;
	default:
		refuse(e, "cannot send a term of unknown type %d",
		    (int)t->type);
		break;
	}
out:
	e->depth--;
	return ret;
}

/*
 * erlrc_term_encode - see term.h.  Recursive, as the decoder: the depth
 * limit keeps the stack small.
 */
int
erlrc_term_encode(ei_x_buff *x, const struct erlrc_term *t,
    struct erlrc_error *err)
{
	struct encoder e;
	int start = x->index;

	e.x = x;
	e.depth = 0;
	e.err = err;
	if (encode(&e, t) < 0) {
		x->index = start;
		return -1;
	}
	return 0;
}
