/* SPDX-License-Identifier: GPL-2.0-or-later */
/* term_bits.c - the bit syntax of term files: <<1, "ab", 2.5/float>> */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/arena.h>
#include <erlrc/term.h>
#include <erlrc/xalloc.h>

#include "term_int.h"

/*
 * parse_term/1 evaluates a binary with eval_bits and erl_bits' rules;
 * this file does the same for literal segments.  Verified against OTP 25
 * (see the term parity test): little-endian integers put the low whole
 * bytes first and the high bits last, a float that does not fit its size
 * becomes infinity, a string is one segment per character.
 */

/* 16 MiB in all the binaries of a file: more is no configuration */
#define MAX_BITS ((size_t)1 << 27)

enum seg_type { S_DEFAULT, S_INTEGER, S_FLOAT, S_BINARY, S_UTF8, S_UTF16,
	S_UTF32 };
enum endian { E_DEFAULT, E_BIG, E_LITTLE, E_NATIVE };

struct spec {
	enum seg_type type;
	unsigned unit;		/* 0 = not given */
	enum endian endian;
	int sign;		/* 0 not given, 1 signed, 2 unsigned */
};

struct bits {
	unsigned char *data;
	size_t nbits, cap;	/* cap in bytes */
	const size_t *spent;	/* bits in the file's other binaries */
};

/* Room for NBITS more bits, zeroed. */
static void
reserve(struct bits *b, size_t nbits)
{
	size_t need = (b->nbits + nbits + 7) / 8, cap = b->cap;

	if (need <= cap)
		return;
	/* one byte more, for the NUL the term's data ends with */
	need++;
	while (cap < need)
		cap = cap ? cap * 2 : 64;
	if (b->data && cap <= 65536) {
		b->data = erlrc_xrealloc(b->data, cap);
		memset(b->data + b->cap, 0, cap - b->cap);
	} else {
		/* fresh zeroed pages: zeros never written cost nothing */
		unsigned char *data = erlrc_xcalloc(cap, 1);

		if (b->data)
			memcpy(data, b->data, (b->nbits + 7) / 8);
		free(b->data);
		b->data = data;
	}
	b->cap = cap;
}

static void
put_bit(struct bits *b, int bit)
{
	reserve(b, 1);
	if (bit)
		b->data[b->nbits / 8] |=
		    (unsigned char)(0x80 >> (b->nbits % 8));
	b->nbits++;
}

/* What runs of zero bytes are compared with. */
static const unsigned char zeros[4096];

/* Eight bits at once, with room made for them already. */
static void
put_byte_in(struct bits *b, unsigned char x)
{
	size_t byte = b->nbits / 8, off = b->nbits % 8;

	b->data[byte] |= (unsigned char)(x >> off);
	if (off)
		b->data[byte + 1] |= (unsigned char)(x << (8 - off));
	b->nbits += 8;
}

/*
 * N whole bytes of V, with one reserve: a copy when the bits so far end
 * on a byte, as they nearly always do; else byte by byte, where runs of
 * zeros, compared a block at a time, need nothing written, as what
 * reserve adds is zeroed.  A segment may be 16 MiB.
 */
static void
put_bytes(struct bits *b, const unsigned char *v, size_t n)
{
	size_t i, j, c;

	if (n == 0)
		return;
	reserve(b, n * 8);
	if (b->nbits % 8 == 0) {
		memcpy(b->data + b->nbits / 8, v, n);
		b->nbits += n * 8;
		return;
	}
	for (i = 0; i < n; i += c) {
		c = n - i < sizeof(zeros) ? n - i : sizeof(zeros);
		if (memcmp(v + i, zeros, c) == 0) {
			b->nbits += c * 8;
			continue;
		}
		for (j = 0; j < c; j++)
			put_byte_in(b, v[i + j]);
	}
}

/* Append the low NBITS of the big-endian byte string V (LEN bytes). */
static void
put_bits(struct bits *b, const unsigned char *v, size_t len, size_t nbits)
{
	size_t i, total = len * 8;

	for (i = total - nbits; i < total && i % 8; i++)
		put_bit(b, (v[i / 8] >> (7 - i % 8)) & 1);
	if (i < total)
		put_bytes(b, v + i / 8, (total - i) / 8);
}

/*
 * An integer segment: VAL is the value mod 2^nbits as big-endian bytes
 * (LEN = ceil(nbits / 8)).  Little endian puts the whole low bytes first,
 * then the remaining high bits, as the BEAM does.
 */
static void
put_integer(struct bits *b, const unsigned char *val, size_t len,
    size_t nbits, int little)
{
	size_t i, rest = nbits % 8;

	if (!little || nbits <= 8) {
		put_bits(b, val, len, nbits);
		return;
	}
	reserve(b, nbits);
	for (i = len; i > (rest ? 1u : 0u);) {
		/* runs of zeros, a block at a time, need nothing written */
		if (i - (rest ? 1 : 0) >= sizeof(zeros) &&
		    memcmp(val + i - sizeof(zeros), zeros, sizeof(zeros)) == 0) {
			i -= sizeof(zeros);
			b->nbits += 8 * sizeof(zeros);
			continue;
		}
		put_byte_in(b, val[--i]);
	}
	if (rest)
		put_bits(b, val, 1, rest);
}

/*
 * The value of integer term T modulo 2^nbits, as big-endian bytes in a
 * new array of ceil(nbits / 8) bytes.
 */
static unsigned char *
integer_bytes(const struct erlrc_term *t, size_t nbits, size_t *lenp)
{
	size_t len = (nbits + 7) / 8, i;
	unsigned char *v = erlrc_xcalloc(len ? len : 1, 1);
	int negative;

	if (t->type == ERLRC_TERM_INTEGER) {
		uint64_t u = (uint64_t)t->u.i;

		negative = t->u.i < 0;
		/* the sign above the low 8 bytes, set at once: LEN may be
		 * 16 Mi */
		if (negative)
			memset(v, 0xff, len);
		for (i = 0; i < len && i < 8; i++)
			v[len - 1 - i] = (unsigned char)(u >> (8 * i));
	} else {
		/* decimal text to bytes, then two's complement if negative */
		const char *s = t->u.text.s;
		size_t nd, k, first = 0;
		unsigned char *dec;

		negative = *s == '-';
		if (negative)
			s++;
		nd = strlen(s);
		dec = erlrc_xmalloc(nd);
		for (k = 0; k < nd; k++)
			dec[k] = (unsigned char)(s[k] - '0');
		/* dec[first..] is what is left; the bytes above it are 0 */
		for (i = 0; i < len && first < nd; i++) {
			unsigned rem = 0;

			for (k = first; k < nd; k++) {
				unsigned cur = rem * 10 + dec[k];

				dec[k] = (unsigned char)(cur / 256);
				rem = cur % 256;
			}
			while (first < nd && dec[first] == 0)
				first++;
			v[len - 1 - i] = (unsigned char)rem;
		}
		free(dec);
		if (negative) {
			unsigned carry = 1;

			for (i = len; i-- > 0;) {
				unsigned x = (unsigned char)~v[i];

				x += carry;

				v[i] = (unsigned char)x;
				carry = x >> 8;
			}
		}
	}
	*lenp = len;
	return v;
}

/* IEEE binary16 from a double, rounding to nearest even. */
static uint16_t
to_half(double d)
{
	uint16_t sign = signbit(d) ? 0x8000 : 0;
	double a = fabs(d);
	int e;
	double m;
	long q;

	if (isinf(a) || a >= 65520.0)
		return sign | 0x7c00;
	if (a == 0.0)
		return sign;
	m = frexp(a, &e);		/* a = m * 2^e, 0.5 <= m < 1 */
	if (e < -13) {
		/* subnormal: units of 2^-24 */
		q = lrint(ldexp(a, 24));
		return sign | (uint16_t)q;
	}
	q = lrint(ldexp(m, 11));	/* 11 significant bits */
	if (q == 2048) {
		q = 1024;
		e++;
	}
	if (e + 14 >= 31)
		return sign | 0x7c00;
	return sign | (uint16_t)((e + 14) << 10) | (uint16_t)(q & 0x3ff);
}

static int
put_float(struct bits *b, double d, size_t nbits, int little)
{
	unsigned char v[8];
	size_t len = nbits / 8, i;
	uint64_t u = 0;

	if (nbits == 64) {
		memcpy(&u, &d, 8);
	} else if (nbits == 32) {
		float f = (float)d;
		uint32_t w;

		memcpy(&w, &f, 4);
		u = w;
	} else if (nbits == 16) {
		u = to_half(d);
	} else {
		return -1;
	}
	for (i = 0; i < len; i++)
		v[little ? i : len - 1 - i] = (unsigned char)(u >> (8 * i));
	put_bits(b, v, len, nbits);
	return 0;
}

static void
put_utf(struct bits *b, uint32_t c, enum seg_type type, int little)
{
	unsigned char v[4];
	uint16_t w[2];
	size_t n, i;

	if (type == S_UTF8) {
		struct erlrc_buf u = ERLRC_BUF_INIT;

		erlrc_term_add_utf8(&u, c);
		put_bits(b, (const unsigned char *)u.s, u.len, u.len * 8);
		erlrc_buf_destroy(&u);
		return;
	}
	if (type == S_UTF32) {
		for (i = 0; i < 4; i++)
			v[little ? i : 3 - i] = (unsigned char)(c >> (8 * i));
		put_bits(b, v, 4, 32);
		return;
	}
	if (c >= 0x10000) {
		w[0] = (uint16_t)(0xd800 | ((c - 0x10000) >> 10));
		w[1] = (uint16_t)(0xdc00 | ((c - 0x10000) & 0x3ff));
		n = 2;
	} else {
		w[0] = (uint16_t)c;
		n = 1;
	}
	for (i = 0; i < n; i++) {
		v[little ? 0 : 1] = (unsigned char)w[i];
		v[little ? 1 : 0] = (unsigned char)(w[i] >> 8);
		put_bits(b, v, 2, 16);
	}
}

/* The type specifiers after '/': integer-little-unit:8 ... */
static int
parse_spec(struct erlrc_reader *rd, struct spec *sp)
{
	static const struct {
		const char *name;
		enum seg_type type;
		unsigned unit;
		enum endian endian;
		int sign;
	} names[] = {
		{ "integer", S_INTEGER, 0, E_DEFAULT, 0 },
		{ "float", S_FLOAT, 0, E_DEFAULT, 0 },
		{ "binary", S_BINARY, 0, E_DEFAULT, 0 },
		{ "bytes", S_BINARY, 8, E_DEFAULT, 0 },
		{ "bitstring", S_BINARY, 1, E_DEFAULT, 0 },
		{ "bits", S_BINARY, 1, E_DEFAULT, 0 },
		{ "utf8", S_UTF8, 0, E_DEFAULT, 0 },
		{ "utf16", S_UTF16, 0, E_DEFAULT, 0 },
		{ "utf32", S_UTF32, 0, E_DEFAULT, 0 },
		{ "big", S_DEFAULT, 0, E_BIG, 0 },
		{ "little", S_DEFAULT, 0, E_LITTLE, 0 },
		{ "native", S_DEFAULT, 0, E_NATIVE, 0 },
		{ "signed", S_DEFAULT, 0, E_DEFAULT, 1 },
		{ "unsigned", S_DEFAULT, 0, E_DEFAULT, 2 },
	};
	unsigned line, col;
	const char *name;
	size_t i;

	for (;;) {
		unsigned unit = 0;
		enum seg_type type = S_DEFAULT;
		enum endian endian = E_DEFAULT;
		int sign = 0;

		name = erlrc_reader_atom(rd, &line, &col);
		if (!name)
			return erlrc_reader_syntax_error(rd);
		if (strcmp(name, "unit") == 0) {
			struct erlrc_term *u;

			if (erlrc_reader_punct(rd, ':') != 1)
				return erlrc_reader_syntax_error(rd);
			u = erlrc_reader_term(rd, 0);
			if (!u)
				return -1;
			if (u->type != ERLRC_TERM_INTEGER || u->u.i < 1 ||
			    u->u.i > 256)
				return erlrc_reader_fail(rd, u->line, u->col,
				    "unit must be an integer from 1 to 256");
			unit = (unsigned)u->u.i;
		} else {
			for (i = 0; i < sizeof(names) / sizeof(*names); i++)
				if (strcmp(names[i].name, name) == 0)
					break;
			if (i == sizeof(names) / sizeof(*names))
				return erlrc_reader_fail(rd, line, col,
				    "unknown type specifier in a binary");
			type = names[i].type;
			unit = names[i].unit;
			endian = names[i].endian;
			sign = names[i].sign;
		}
		/* erl_bits' merge_bittype: a field may be given once */
		if ((type && sp->type && type != sp->type) ||
		    (unit && sp->unit && unit != sp->unit) ||
		    (endian && sp->endian && endian != sp->endian) ||
		    (sign && sp->sign && sign != sp->sign))
			return erlrc_reader_fail(rd, line, col,
			    "conflicting type specifiers in a binary");
		if (type)
			sp->type = type;
		if (unit)
			sp->unit = unit;
		if (endian)
			sp->endian = endian;
		if (sign)
			sp->sign = sign;
		if (erlrc_reader_punct(rd, '-') != 1)
			return 0;
	}
}

static int
is_little(enum endian e)
{
	static const uint16_t probe = 1;

	if (e == E_NATIVE)
		return *(const unsigned char *)&probe == 1;
	return e == E_LITTLE;
}

static int
too_big(struct erlrc_reader *rd, const struct erlrc_term *v)
{
	return erlrc_reader_fail(rd, v->line, v->col, "the binaries of this "
	    "file hold more than 16 MiB, erlrc's limit");
}

/* One value of a segment (a string gives one per character). */
static int
put_value(struct erlrc_reader *rd, struct bits *b, const struct spec *sp,
    long long size, const struct erlrc_term *v)
{
	int little = is_little(sp->endian);
	unsigned unit = sp->unit;
	size_t nbits;

	switch (sp->type) {
	case S_DEFAULT:
	case S_INTEGER:
		if (v->type != ERLRC_TERM_INTEGER &&
		    v->type != ERLRC_TERM_BIGNUM)
			break;
		nbits = size < 0 ? 8 : (size_t)size * (unit ? unit : 1);
		if (nbits > MAX_BITS ||
		    *b->spent + b->nbits + nbits > MAX_BITS)
			return too_big(rd, v);
		if (v->type == ERLRC_TERM_INTEGER && v->u.i >= 0 &&
		    (!little || v->u.i < 256) && nbits > 64) {
			/* a small value in a wide segment, <<0:1000000>>:
			 * zeros, then its low 8 bytes (the first one only,
			 * little-endian), without the whole width in memory */
			unsigned char low[8];
			size_t i;

			for (i = 0; i < 8; i++)
				low[i] = (unsigned char)((uint64_t)v->u.i >>
				    (8 * (7 - i)));
			reserve(b, nbits);
			if (little) {
				put_bytes(b, low + 7, 1);
				b->nbits += nbits - 8;
			} else {
				b->nbits += nbits - 64;
				put_bytes(b, low, 8);
			}
			return 0;
		}
		{
			size_t len;
			unsigned char *bytes = integer_bytes(v, nbits, &len);

			put_integer(b, bytes, len, nbits, little);
			free(bytes);
		}
		return 0;
	case S_FLOAT:
		nbits = size < 0 ? 64 : (size_t)size * (unit ? unit : 1);
		if (nbits != 16 && nbits != 32 && nbits != 64)
			break;
		if (v->type == ERLRC_TERM_FLOAT)
			return put_float(b, v->u.f, nbits, little);
		if (v->type == ERLRC_TERM_INTEGER)
			return put_float(b, (double)v->u.i, nbits, little);
		if (v->type == ERLRC_TERM_BIGNUM)
			return put_float(b, strtod(v->u.text.s, NULL), nbits,
			    little);
		break;
	case S_BINARY:
		if (v->type != ERLRC_TERM_BINARY)
			break;
		if (!unit)
			unit = 8;
		if (size < 0) {
			if (v->u.bin.nbits % unit)
				break;
			nbits = v->u.bin.nbits;
		} else {
			nbits = (size_t)size * unit;
			if (nbits > v->u.bin.nbits)
				break;
		}
		if (*b->spent + b->nbits + nbits > MAX_BITS)
			return too_big(rd, v);
		{
			size_t i = nbits / 8 * 8;

			put_bytes(b, v->u.bin.data, nbits / 8);
			for (; i < nbits; i++)
				put_bit(b, (v->u.bin.data[i / 8] >>
				    (7 - i % 8)) & 1);
		}
		return 0;
	case S_UTF8:
	case S_UTF16:
	case S_UTF32:
		if (v->type != ERLRC_TERM_INTEGER || v->u.i < 0 ||
		    v->u.i > 0x10ffff || (v->u.i >= 0xd800 && v->u.i <= 0xdfff))
			break;
		put_utf(b, (uint32_t)v->u.i, sp->type, little);
		return 0;
	}
	return erlrc_reader_fail(rd, v->line, v->col,
	    "this value does not fit its binary segment");
}

static int
parse_segment(struct erlrc_termfile *tf, struct erlrc_reader *rd,
    struct bits *b)
{
	struct spec sp = { S_DEFAULT, 0, E_DEFAULT, 0 };
	struct erlrc_term *v, *sz;
	long long size = -1;
	unsigned line, col;
	int p, literal_string;

	erlrc_reader_pos(rd, &line, &col);
	literal_string = erlrc_reader_at_string(rd);
	v = erlrc_reader_term(rd, 1);
	if (!v)
		return -1;
	p = erlrc_reader_punct(rd, ':');
	if (p < 0)
		return -1;
	if (p) {
		sz = erlrc_reader_term(rd, 0);
		if (!sz)
			return -1;
		if (sz->type != ERLRC_TERM_INTEGER || sz->u.i < 0 ||
		    (size_t)sz->u.i > MAX_BITS)
			return erlrc_reader_fail(rd, sz->line, sz->col,
			    "the size of a binary segment must be a "
			    "non-negative integer (at most 2^27)");
		size = sz->u.i;
	}
	p = erlrc_reader_punct(rd, '/');
	if (p < 0 || (p && parse_spec(rd, &sp) < 0))
		return -1;
	if ((sp.type == S_UTF8 || sp.type == S_UTF16 || sp.type == S_UTF32) &&
	    (size >= 0 || sp.unit))
		return erlrc_reader_fail(rd, line, col,
		    "a utf segment takes no size and no unit");
	if ((sp.type == S_DEFAULT || sp.type == S_INTEGER ||
	    sp.type == S_FLOAT) && size < 0 && sp.unit)
		return erlrc_reader_fail(rd, line, col,
		    "a unit needs a size in a binary segment");
	if (v->type == ERLRC_TERM_STRING) {
		/* each character in turn: erlrc_term_nth would be quadratic */
		struct erlrc_term ch = *v;
		const char *s = v->u.text.s, *end = s + v->u.text.len;

		if (sp.type == S_BINARY)
			return erlrc_reader_fail(rd, v->line, v->col,
			    "a string cannot be a binary segment");
		ch.type = ERLRC_TERM_INTEGER;
		while (s < end) {
			ch.u.i = erlrc_term_next_utf8(&s, end);
			if (ch.u.i < 0)
				break;
			if (put_value(rd, b, &sp, size, &ch) < 0)
				return -1;
		}
		return 0;
	}
	if (v->type == ERLRC_TERM_NIL && literal_string) {
		/* "" adds nothing; [] is no segment value */
		if (sp.type == S_BINARY)
			return erlrc_reader_fail(rd, v->line, v->col,
			    "a string cannot be a binary segment");
		return 0;
	}
	return put_value(rd, b, &sp, size, v);
}

/*
 * erlrc_term_parse_binary - the segments after "<<" up to ">>" as a
 * binary term in TF.  NULL with the reader's error set on failure.
 */
struct erlrc_term *
erlrc_term_parse_binary(struct erlrc_termfile *tf, struct erlrc_reader *rd,
    unsigned line, unsigned col)
{
	size_t *spent = erlrc_reader_binary_bits(rd);
	struct bits b = { NULL, 0, 0, spent };
	struct erlrc_term *t = NULL;
	unsigned char *data;
	int p;

	p = erlrc_reader_punct(rd, '>');
	if (p < 0)
		goto out;
	while (!p) {
		if (parse_segment(tf, rd, &b) < 0)
			goto out;
		p = erlrc_reader_punct(rd, ',');
		if (p < 0)
			goto out;
		if (!p) {
			p = erlrc_reader_punct(rd, '>');
			if (p < 0)
				goto out;
			if (!p) {
				erlrc_reader_syntax_error(rd);
				goto out;
			}
			break;
		}
		p = 0;
	}
	t = erlrc_termfile_alloc(tf, sizeof(*t));
	t->type = ERLRC_TERM_BINARY;
	t->line = line;
	t->col = col;
	if (b.data) {
		/* the bits as they are, a NUL after them (see reserve) */
		data = b.data;
		b.data = NULL;
		erlrc_termfile_adopt(tf, data);
	} else {
		data = erlrc_termfile_alloc(tf, 1);
	}
	t->u.bin.data = data;
	t->u.bin.nbits = b.nbits;
	*spent += b.nbits;
out:
	free(b.data);
	return t;
}
