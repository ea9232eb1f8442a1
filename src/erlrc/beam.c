/* SPDX-License-Identifier: GPL-2.0-or-later */
/* beam.c - read what erlrc needs of a compiled module (.beam) */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md5.h>
#include <zlib.h>

#include <erlrc/beam.h>
#include <erlrc/buf.h>
#include <erlrc/term.h>
#include <erlrc/utf8.h>
#include <erlrc/xalloc.h>

/*
 * A .beam file is an IFF form: "FOR1", the length of the rest, "BEAM",
 * then chunks of a 4-byte id, a 4-byte length and the data, padded to 4
 * bytes.  What is read here, and how, follows the loader (erts
 * beam_file.c) and OTP 25's beam_lib.erl:
 *
 * - the form's length must be what the data holds (the loader ignores
 *   bytes after the form, beam_lib reads them as chunks: refusing them
 *   keeps the two from disagreeing), and every chunk must fit in it with
 *   its padding, as the loader requires;
 * - "AtU8" (UTF-8) is read when it is there, else "Atom" (Latin-1, as
 *   OTP 20 and earlier wrote it); a negative atom count means that the
 *   lengths are in the compact term encoding, which later compilers
 *   write for atoms of more than 255 bytes and later loaders read (OTP
 *   25's compiler fails on such atoms, its beam_lib reads one-byte
 *   lengths only);
 * - the MD5 is beam_lib:md5/1's: the data of "Atom", "AtU8", "Code",
 *   "StrT", "ImpT", "ExpT", "FunT", "LitT" and "Meta" that are there, in
 *   that order, without padding, with each fun's OldUniq in "FunT" read
 *   as 0 (old compilers made it with a hash that depends on the byte
 *   order of the machine).
 *
 * Every count and length is measured against the bytes left before
 * anything is allocated for it.  A chunk erlrc reads that appears twice
 * is refused: the loader takes the last one, beam_lib the first.
 */

#define MAX_INFLATED ((size_t)256 << 20)	/* a gzip bomb stops here */
#define MAX_ATOM_CHARS 255
#define MAX_ARITY 255			/* the loader's MAX_ARG */
#define ETF_VERSION 131

enum chunk_index {
	/* beam_lib:md5_chunks(), in its order */
	C_ATOM,
	C_ATU8,
	C_CODE,
	C_STRT,
	C_IMPT,
	C_EXPT,
	C_FUNT,
	C_LITT,
	C_META,
	/* not hashed */
	C_ATTR,
	C_CINF,
	NCHUNKS
};

#define NHASHED C_ATTR

static const char chunk_ids[NCHUNKS][5] = {
	"Atom", "AtU8", "Code", "StrT", "ImpT", "ExpT", "FunT", "LitT",
	"Meta", "Attr", "CInf",
};

struct chunk {
	const unsigned char *data;
	size_t len;
	int present;
};

struct parser {
	struct erlrc_beam *b;
	const char *name;
	struct erlrc_error *err;
	struct chunk c[NCHUNKS];
};

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static int
fail(struct parser *p, const char *fmt, ...) ERLRC_PRINTF(2, 3);

static int
fail(struct parser *p, const char *fmt, ...)
{
	char msg[ERLRC_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return erlrc_error_set(p->err, ERLRC_ERR_INPUT, "%s: %s", p->name,
	    msg);
}

static int
bad_chunk(struct parser *p, enum chunk_index ci, const char *fmt, ...)
    ERLRC_PRINTF(3, 4);

static int
bad_chunk(struct parser *p, enum chunk_index ci, const char *fmt, ...)
{
	char msg[ERLRC_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return fail(p, "chunk '%s': %s", chunk_ids[ci], msg);
}

/* The chunk needs NEED bytes (AT_LEAST: no fewer), but has HAVE. */
static int
truncated(struct parser *p, const char *id, uint64_t need, size_t have,
    int at_least)
{
	return fail(p, "truncated chunk '%s' (needs %s%llu byte%s, has %zu)",
	    id, at_least ? "at least " : "", (unsigned long long)need,
	    need == 1 ? "" : "s", have);
}

static uint32_t
be32(const unsigned char *s)
{
	return (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 |
	    (uint32_t)s[2] << 8 | s[3];
}

/* A chunk id for messages: printable ASCII as it is, else \xNN. */
static void
show_id(char out[17], const unsigned char *id)
{
	size_t i, n = 0;

	for (i = 0; i < 4; i++) {
		if (id[i] >= 0x20 && id[i] < 0x7f && id[i] != '\\' &&
		    id[i] != '\'')
			out[n++] = (char)id[i];
		else
			n += (size_t)snprintf(out + n, 5, "\\x%02x", id[i]);
	}
	out[n] = '\0';
}

/* ---- gzip ---- */

/*
 * Inflate the gzip data IN (LEN bytes) into *OUT (*OUTLEN bytes, to be
 * freed by the caller), refusing more than MAX_INFLATED bytes and
 * anything after the gzip member.
 */
static int
gunzip(struct parser *p, const unsigned char *in, size_t len,
    unsigned char **out, size_t *outlen)
{
	unsigned char *buf = NULL;
	size_t cap = 0, used = 0, room;
	z_stream z;
	int zret, ret = -1;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		erlrc_xoom();	/* Z_MEM_ERROR: the only failure here */
	z.next_in = (unsigned char *)in;
	for (;;) {
		if (z.avail_in == 0) {
			/* avail_in is an unsigned int: feed it in slices */
			size_t done = (size_t)(z.next_in - in);

			z.avail_in = len - done > UINT_MAX ? UINT_MAX :
			    (unsigned)(len - done);
		}
		if (used == cap) {
			/* doubling, up to one byte past the limit */
			cap = cap ? 2 * cap : 65536;
			if (cap > MAX_INFLATED + 1)
				cap = MAX_INFLATED + 1;
			buf = erlrc_xrealloc(buf, cap);
		}
		room = cap - used > UINT_MAX ? UINT_MAX : cap - used;
		z.next_out = buf + used;
		z.avail_out = (unsigned)room;
		zret = inflate(&z, Z_NO_FLUSH);
		used += room - z.avail_out;
		if (used > MAX_INFLATED) {
			fail(p, "gzip data that inflates to more than %zu MiB",
			    MAX_INFLATED >> 20);
			goto out;
		}
		if (zret == Z_STREAM_END)
			break;
		if (zret == Z_OK)
			continue;
		if (zret == Z_BUF_ERROR && z.avail_in == 0 &&
		    (size_t)(z.next_in - in) == len) {
			fail(p, "truncated gzip data");
			goto out;
		}
		if (zret == Z_MEM_ERROR)
			erlrc_xoom();
		fail(p, "corrupt gzip data: %s", z.msg ? z.msg : "?");
		goto out;
	}
	if ((size_t)(z.next_in - in) != len) {
		len -= (size_t)(z.next_in - in);
		fail(p, "%zu byte%s after the gzip data", len, plural(len));
		goto out;
	}
	*out = buf;
	*outlen = used;
	buf = NULL;
	ret = 0;
out:
	free(buf);
	inflateEnd(&z);
	return ret;
}

/* ---- the IFF form ---- */

static int
read_chunks(struct parser *p, const unsigned char *data, size_t len)
{
	char id[17];
	size_t pos, clen, padded, left;
	uint32_t form;
	int i;

	if (len < 4 || memcmp(data, "FOR1", 4) != 0)
		return fail(p, "not a BEAM file");
	if (len < 12)
		return fail(p, "truncated BEAM header (needs 12 bytes, "
		    "has %zu)", len);
	if (memcmp(data + 8, "BEAM", 4) != 0)
		return fail(p, "not a BEAM file (IFF form type is not "
		    "'BEAM')");
	form = be32(data + 4);
	if (form > len - 8)
		return fail(p, "truncated BEAM file (the IFF header says %lu "
		    "bytes follow it, %zu do)", (unsigned long)form, len - 8);
	if (form < len - 8)
		return fail(p, "%zu bytes after the end of the IFF form",
		    len - 8 - form);
	for (pos = 12; pos < len; pos += padded) {
		left = len - pos;
		if (left < 8)
			return fail(p, "truncated chunk header at byte %zu "
			    "(needs 8 bytes, has %zu)", pos, left);
		show_id(id, data + pos);
		clen = be32(data + pos + 4);
		pos += 8;
		left -= 8;
		if (clen > left)
			return truncated(p, id, clen, left, 0);
		padded = (clen + 3) & ~(size_t)3;
		if (padded > left)
			return fail(p, "chunk '%s' is not padded to 4 bytes",
			    id);
		for (i = 0; i < NCHUNKS; i++)
			if (memcmp(data + pos - 8, chunk_ids[i], 4) == 0)
				break;
		if (i == NCHUNKS)
			continue;
		if (p->c[i].present)
			return fail(p, "chunk '%s' appears twice", id);
		p->c[i].present = 1;
		p->c[i].data = data + pos;
		p->c[i].len = clen;
	}
	return 0;
}

/* ---- atoms ---- */

/*
 * The length of an atom in a table with a negative count: an unsigned
 * integer in the compact term encoding (tag 0), as beam_asm writes it.
 * Forms longer than 8 bytes are refused: no atom is that long.
 */
static int
compact_length(struct parser *p, enum chunk_index ci, size_t *pos, size_t i,
    uint64_t *out)
{
	const unsigned char *c = p->c[ci].data;
	size_t len = p->c[ci].len, n, k;
	unsigned first;

	if (*pos >= len)
		return truncated(p, chunk_ids[ci], (uint64_t)*pos + 1, len, 1);
	first = c[(*pos)++];
	if ((first & 7) != 0)
		return bad_chunk(p, ci, "the length of atom %zu has tag %u, "
		    "not 0", i + 1, first & 7);
	if (!(first & 0x08)) {
		*out = first >> 4;
		return 0;
	}
	if (!(first & 0x10)) {
		if (*pos >= len)
			return truncated(p, chunk_ids[ci], (uint64_t)*pos + 1,
			    len, 1);
		*out = (uint64_t)(first >> 5) << 8 | c[(*pos)++];
		return 0;
	}
	n = (first >> 5) + 2;
	if (n > 8)
		return bad_chunk(p, ci, "the length of atom %zu is too large",
		    i + 1);
	if (len - *pos < n)
		return truncated(p, chunk_ids[ci], (uint64_t)*pos + n, len,
		    1);
	*out = 0;
	for (k = 0; k < n; k++)
		*out = *out << 8 | c[(*pos)++];
	return 0;
}

/* The atom table from chunk CI, "AtU8" (UTF-8) or "Atom" (Latin-1). */
static int
read_atoms(struct parser *p, enum chunk_index ci)
{
	const unsigned char *s = p->c[ci].data;
	size_t len = p->c[ci].len, pos = 4, n, i, k, out;
	int latin1 = ci == C_ATOM, compact;
	struct erlrc_beam *b = p->b;
	uint64_t alen = 0;
	int32_t count;
	long chars;
	char *a;

	if (len < 4)
		return truncated(p, chunk_ids[ci], 4, len, 0);
	count = (int32_t)be32(s);
	compact = count < 0;
	n = compact ? (size_t)(-(int64_t)count) : (size_t)count;
	if (n == 0)
		return bad_chunk(p, ci, "no atoms (the first is the module's "
		    "name)");
	/* each atom takes a byte at least */
	if (n > len - 4)
		return truncated(p, chunk_ids[ci], (uint64_t)n + 4, len, 1);
	b->atoms = erlrc_termfile_alloc(&b->tf, n * sizeof(*b->atoms));
	for (i = 0; i < n; i++) {
		if (compact) {
			if (compact_length(p, ci, &pos, i, &alen) < 0)
				return -1;
		} else {
			if (pos >= len)
				return truncated(p, chunk_ids[ci],
				    (uint64_t)pos + 1, len, 1);
			alen = s[pos++];
		}
		if (alen > 4 * MAX_ATOM_CHARS)
			return bad_chunk(p, ci, "atom %zu has %llu bytes (at "
			    "most %d)", i + 1, (unsigned long long)alen,
			    4 * MAX_ATOM_CHARS);
		if (alen > len - pos)
			return truncated(p, chunk_ids[ci], pos + alen, len,
			    i + 1 < n);
		if (memchr(s + pos, '\0', (size_t)alen))
			return bad_chunk(p, ci, "atom %zu holds a NUL "
			    "character", i + 1);
		if (latin1) {
			chars = (long)alen;
			a = erlrc_termfile_alloc(&b->tf, 2 * (size_t)alen + 1);
			for (k = out = 0; k < alen; k++) {
				unsigned char c = s[pos + k];

				if (c < 0x80) {
					a[out++] = (char)c;
				} else {
					a[out++] = (char)(0xc0 | c >> 6);
					a[out++] = (char)(0x80 | (c & 0x3f));
				}
			}
		} else {
			chars = erlrc_utf8_chars(s + pos, (size_t)alen);
			if (chars < 0)
				return bad_chunk(p, ci, "atom %zu is not UTF-8",
				    i + 1);
			a = erlrc_termfile_alloc(&b->tf, (size_t)alen + 1);
			memcpy(a, s + pos, (size_t)alen);
		}
		if (chars > MAX_ATOM_CHARS)
			return bad_chunk(p, ci, "atom %zu has %ld characters "
			    "(at most %d)", i + 1, chars, MAX_ATOM_CHARS);
		b->atoms[i] = a;
		pos += (size_t)alen;
	}
	if (pos != len)
		return bad_chunk(p, ci, "%zu byte%s after atom %zu, the last",
		    len - pos, plural(len - pos), n);
	b->natoms = n;
	b->module = b->atoms[0];
	return 0;
}

/* ---- exports and imports ---- */

/*
 * The count of entries of WIDTH 4-byte numbers in chunk CI, checked
 * against its length.
 */
static int
table_count(struct parser *p, enum chunk_index ci, size_t width, size_t *n)
{
	size_t len = p->c[ci].len;
	uint64_t need;

	if (len < 4)
		return truncated(p, chunk_ids[ci], 4, len, 0);
	*n = be32(p->c[ci].data);
	need = 4 + (uint64_t)*n * 4 * width;
	if (need > len)
		return truncated(p, chunk_ids[ci], need, len, 0);
	if (need < len)
		return bad_chunk(p, ci, "%llu byte%s after its %zu entr%s",
		    (unsigned long long)(len - need),
		    plural((size_t)(len - need)), *n, *n == 1 ? "y" : "ies");
	return 0;
}

/* The atom whose 1-based index is at byte POS of chunk CI. */
static int
atom_at(struct parser *p, enum chunk_index ci, size_t pos, const char **out)
{
	uint32_t i = be32(p->c[ci].data + pos);

	if (i < 1 || i > p->b->natoms)
		return bad_chunk(p, ci, "atom index %lu out of range (1..%zu)",
		    (unsigned long)i, p->b->natoms);
	*out = p->b->atoms[i - 1];
	return 0;
}

static int
arity_at(struct parser *p, enum chunk_index ci, size_t pos, unsigned *out)
{
	uint32_t a = be32(p->c[ci].data + pos);

	if (a > MAX_ARITY)
		return bad_chunk(p, ci, "arity %lu out of range (0..%d)",
		    (unsigned long)a, MAX_ARITY);
	*out = a;
	return 0;
}

/* ExpT: function, arity, label. */
static int
read_exports(struct parser *p)
{
	struct erlrc_beam *b = p->b;
	size_t n, i, pos;

	if (table_count(p, C_EXPT, 3, &n) < 0)
		return -1;
	b->exports = erlrc_termfile_alloc(&b->tf, n * sizeof(*b->exports));
	for (i = 0, pos = 4; i < n; i++, pos += 12) {
		if (atom_at(p, C_EXPT, pos, &b->exports[i].name) < 0 ||
		    arity_at(p, C_EXPT, pos + 4, &b->exports[i].arity) < 0)
			return -1;
	}
	b->nexports = n;
	return 0;
}

/* ImpT: module, function, arity. */
static int
read_imports(struct parser *p)
{
	struct erlrc_beam *b = p->b;
	size_t n, i, pos;

	if (table_count(p, C_IMPT, 3, &n) < 0)
		return -1;
	b->imports = erlrc_termfile_alloc(&b->tf, n * sizeof(*b->imports));
	for (i = 0, pos = 4; i < n; i++, pos += 12) {
		if (atom_at(p, C_IMPT, pos, &b->imports[i].module) < 0 ||
		    atom_at(p, C_IMPT, pos + 4, &b->imports[i].name) < 0 ||
		    arity_at(p, C_IMPT, pos + 8, &b->imports[i].arity) < 0)
			return -1;
	}
	b->nimports = n;
	return 0;
}

/* ---- attributes ---- */

static int
is_proper_list(const struct erlrc_term *t)
{
	return t->type == ERLRC_TERM_NIL || t->type == ERLRC_TERM_STRING ||
	    (t->type == ERLRC_TERM_LIST && !t->u.seq.tail);
}

/* Append the elements of the proper list T to V, a string's as integers. */
static void
push_elements(struct erlrc_termfile *tf, struct erlrc_term ***v, size_t *n,
    size_t *cap, const struct erlrc_term *t)
{
	const unsigned char *s, *end;
	int32_t c;
	size_t i;
	int more;

	if (t->type == ERLRC_TERM_LIST) {
		for (i = 0; i < t->u.seq.n; i++) {
			*v = erlrc_xgrow(*v, cap, *n, sizeof(**v));
			(*v)[(*n)++] = t->u.seq.v[i];
		}
		return;
	}
	if (t->type != ERLRC_TERM_STRING)
		return;
	/* the decoder's own UTF-8: only the bounds need checking */
	s = (const unsigned char *)t->u.text.s;
	end = s + t->u.text.len;
	while (s < end) {
		more = *s >= 0xf0 ? 3 : *s >= 0xe0 ? 2 : *s >= 0xc0 ? 1 : 0;
		c = more ? *s & (0x3f >> more) : *s;
		for (s++; more > 0 && s < end; more--)
			c = c << 6 | (*s++ & 0x3f);
		*v = erlrc_xgrow(*v, cap, *n, sizeof(**v));
		(*v)[(*n)++] = erlrc_term_new_int(tf, c);
	}
}

/*
 * The vsn: beam_lib:version/1 appends the values of every vsn attribute
 * (the compiler takes -vsn twice); one is returned as it is.
 */
static int
find_vsn(struct parser *p, const struct erlrc_term *attrs)
{
	struct erlrc_beam *b = p->b;
	struct erlrc_term **v = NULL, *t, *val;
	size_t i, nvsn = 0, n = 0, cap = 0;

	for (i = 0; i < attrs->u.seq.n; i++) {
		t = attrs->u.seq.v[i];
		if (!erlrc_term_is_atom(t->u.seq.v[0], "vsn"))
			continue;
		val = t->u.seq.v[1];
		if (nvsn++ == 0)
			b->vsn = val;
	}
	if (nvsn < 2)
		return 0;
	for (i = 0; i < attrs->u.seq.n; i++) {
		t = attrs->u.seq.v[i];
		if (!erlrc_term_is_atom(t->u.seq.v[0], "vsn"))
			continue;
		val = t->u.seq.v[1];
		if (!is_proper_list(val)) {
			free(v);
			return bad_chunk(p, C_ATTR, "one of %zu vsn attributes "
			    "is %s, not a list", nvsn,
			    erlrc_term_describe(val));
		}
		push_elements(&b->tf, &v, &n, &cap, val);
	}
	t = erlrc_term_new_seq(&b->tf, ERLRC_TERM_LIST, n);
	if (n)
		memcpy(t->u.seq.v, v, n * sizeof(*v));
	free(v);
	b->vsn = t;
	return 0;
}

static int
is_behaviour_key(const struct erlrc_term *t)
{
	return erlrc_term_is_atom(t, "behaviour") ||
	    erlrc_term_is_atom(t, "behavior");
}

/* Every atom of every behaviour and behavior attribute, in order. */
static int
find_behaviours(struct parser *p, const struct erlrc_term *attrs)
{
	struct erlrc_beam *b = p->b;
	const struct erlrc_term *t, *val;
	size_t i, k, n = 0;

	for (i = 0; i < attrs->u.seq.n; i++) {
		t = attrs->u.seq.v[i];
		if (!is_behaviour_key(t->u.seq.v[0]))
			continue;
		val = t->u.seq.v[1];
		if (val->type == ERLRC_TERM_NIL)
			continue;
		if (val->type != ERLRC_TERM_LIST || val->u.seq.tail)
			return bad_chunk(p, C_ATTR, "the %s attribute is %s, "
			    "not a list of atoms", t->u.seq.v[0]->u.text.s,
			    erlrc_term_describe(val));
		for (k = 0; k < val->u.seq.n; k++)
			if (val->u.seq.v[k]->type != ERLRC_TERM_ATOM)
				return bad_chunk(p, C_ATTR, "the %s attribute "
				    "holds %s, not an atom",
				    t->u.seq.v[0]->u.text.s,
				    erlrc_term_describe(val->u.seq.v[k]));
		n += val->u.seq.n;
	}
	b->behaviours = erlrc_termfile_alloc(&b->tf,
	    n * sizeof(*b->behaviours));
	for (i = 0; i < attrs->u.seq.n; i++) {
		t = attrs->u.seq.v[i];
		if (!is_behaviour_key(t->u.seq.v[0]))
			continue;
		val = t->u.seq.v[1];
		for (k = 0; val->type == ERLRC_TERM_LIST && k < val->u.seq.n;
		    k++)
			b->behaviours[b->nbehaviours++] =
			    val->u.seq.v[k]->u.text.s;
	}
	return 0;
}

/*
 * Attr: term_to_binary of [{Key, Value}].  Bytes after the term are left
 * alone, as binary_to_term/1 leaves them.
 */
static int
read_attributes(struct parser *p)
{
	struct erlrc_beam *b = p->b;
	const struct chunk *c = &p->c[C_ATTR];
	struct erlrc_term *t, *e;
	size_t i;
	int index = 1;

	if (!c->present) {
		b->attributes = erlrc_term_new_seq(&b->tf, ERLRC_TERM_NIL, 0);
		return 0;
	}
	if (c->len < 1 || c->data[0] != ETF_VERSION)
		return bad_chunk(p, C_ATTR, "not in the external term format "
		    "(no version byte %d)", ETF_VERSION);
	if (erlrc_term_decode(&b->tf, (const char *)c->data, c->len, &index,
	    &t, p->err) < 0) {
		erlrc_error_prefix(p->err, "%s: chunk 'Attr'", p->name);
		return -1;
	}
	if (t->type != ERLRC_TERM_NIL &&
	    (t->type != ERLRC_TERM_LIST || t->u.seq.tail))
		return bad_chunk(p, C_ATTR, "%s, not a list of attributes",
		    erlrc_term_describe(t));
	b->attributes = t;
	if (t->type == ERLRC_TERM_NIL)
		return 0;
	for (i = 0; i < t->u.seq.n; i++) {
		e = t->u.seq.v[i];
		if (!erlrc_term_is_tagged(e, NULL, 2))
			return bad_chunk(p, C_ATTR, "attribute %zu is %s, not "
			    "a {Key, Value} tuple", i + 1,
			    erlrc_term_describe(e));
	}
	if (find_vsn(p, t) < 0 || find_behaviours(p, t) < 0)
		return -1;
	return 0;
}

/* ---- MD5 ---- */

/*
 * beam_lib:md5/1's digest into OUT; with LITERALS (not NULL), the
 * literal table's data is replaced by LITERALS (LITLEN bytes).
 */
static void
digest(struct parser *p, const unsigned char *literals, size_t litlen,
    unsigned char *out)
{
	static const unsigned char zero[4];
	const struct chunk *c;
	MD5_CTX ctx;
	size_t pos;
	int i;

	MD5Init(&ctx);
	for (i = 0; i < NHASHED; i++) {
		c = &p->c[i];
		if (!c->present)
			continue;
		if (i == C_LITT && literals) {
			MD5Update(&ctx, literals, litlen);
			continue;
		}
		if (i != C_FUNT || c->len < 4) {
			MD5Update(&ctx, c->data, c->len);
			continue;
		}
		/* the count, each fun's first 20 bytes and 4 zeros, the rest */
		MD5Update(&ctx, c->data, 4);
		for (pos = 4; c->len - pos >= 24; pos += 24) {
			MD5Update(&ctx, c->data + pos, 20);
			MD5Update(&ctx, zero, 4);
		}
		MD5Update(&ctx, c->data + pos, c->len - pos);
	}
	MD5Final(out, &ctx);
}

/*
 * The directory the module was built in: CInf's source, less its file
 * name and the directory of that ("/b/app-1/src/m.erl" gives "/b/app-1",
 * which also covers its include/), into OUT; 0 if there is none.
 */
static int
build_root(struct parser *p, struct erlrc_termfile *tf, struct erlrc_buf *out)
{
	struct erlrc_error e = ERLRC_ERROR_INIT;
	const struct chunk *c = &p->c[C_CINF];
	const struct erlrc_term *x;
	struct erlrc_term *t;
	char *slash;
	size_t i;
	int index = 1;

	if (!c->present || c->len < 1 || c->data[0] != ETF_VERSION ||
	    erlrc_term_decode(tf, (const char *)c->data, c->len, &index, &t,
	    &e) < 0)
		return 0;
	for (i = 0; t->type == ERLRC_TERM_LIST && i < t->u.seq.n; i++) {
		x = t->u.seq.v[i];
		if (erlrc_term_is_tagged(x, "source", 2) &&
		    erlrc_term_string(x->u.seq.v[1], out))
			break;
	}
	if (t->type != ERLRC_TERM_LIST || i == t->u.seq.n || !out->len ||
	    out->s[0] != '/')
		return 0;
	for (i = 0; i < 2; i++) {
		slash = strrchr(out->s, '/');
		if (!slash || slash == out->s)
			return 0;
		*slash = '\0';
	}
	out->len = strlen(out->s);
	return 1;
}

/* Append TEXT (LEN bytes) to OUT with every ROOT in it taken out. */
static void
add_without(struct erlrc_buf *out, const char *text, size_t len,
    const char *root, size_t rootlen)
{
	const char *hit;

	while ((hit = memmem(text, len, root, rootlen))) {
		erlrc_buf_add(out, text, (size_t)(hit - text));
		len -= (size_t)(hit - text) + rootlen;
		text = hit + rootlen;
	}
	erlrc_buf_add(out, text, len);
}

/*
 * The literal table, inflated: 4 bytes of count, then each literal as 4
 * bytes of size and its external format.  NULL if it cannot be had.
 */
static unsigned char *
literals(struct parser *p, size_t *len)
{
	const struct chunk *c = &p->c[C_LITT];
	unsigned char *buf;
	uLongf n;
	size_t want;

	if (!c->present || c->len < 4)
		return NULL;
	want = (size_t)c->data[0] << 24 | (size_t)c->data[1] << 16 |
	    (size_t)c->data[2] << 8 | c->data[3];
	if (want == 0 || want > MAX_INFLATED)
		return NULL;
	buf = erlrc_xmalloc(want);
	n = (uLongf)want;
	if (uncompress(buf, &n, c->data + 4, (uLong)(c->len - 4)) != Z_OK ||
	    n != want) {
		free(buf);
		return NULL;
	}
	*len = want;
	return buf;
}

/*
 * path_md5: the MD5 with the literal table read as the text of each
 * literal, the build directory taken out, when that directory is in it
 * (?FILE in a string or binary); else the MD5 itself.  A literal table
 * that does not decode leaves the MD5 alone: beam_lib does not decode it
 * either.
 */
static void
compute_path_md5(struct parser *p)
{
	struct erlrc_buf root = ERLRC_BUF_INIT, text = ERLRC_BUF_INIT;
	struct erlrc_buf norm = ERLRC_BUF_INIT;
	struct erlrc_error e = ERLRC_ERROR_INIT;
	struct erlrc_termfile tf;
	struct erlrc_term *t;
	unsigned char *lit = NULL;
	size_t len = 0, pos, size, count, k;
	int index;

	memcpy(p->b->path_md5, p->b->md5, 16);
	erlrc_termfile_init(&tf);
	if (!build_root(p, &tf, &root) || !(lit = literals(p, &len)) ||
	    !memmem(lit, len, root.s, root.len) || len < 4)
		goto out;
	count = (size_t)lit[0] << 24 | (size_t)lit[1] << 16 |
	    (size_t)lit[2] << 8 | lit[3];
	for (pos = 4, k = 0; k < count; k++, pos += size) {
		if (len - pos < 4)
			goto out;
		size = (size_t)lit[pos] << 24 | (size_t)lit[pos + 1] << 16 |
		    (size_t)lit[pos + 2] << 8 | lit[pos + 3];
		pos += 4;
		if (size > len - pos || size < 1 || lit[pos] != ETF_VERSION)
			goto out;
		index = 1;
		if (erlrc_term_decode(&tf, (const char *)lit + pos, size,
		    &index, &t, &e) < 0)
			goto out;
		erlrc_buf_reset(&text);
		erlrc_term_write(&text, t);
		add_without(&norm, erlrc_buf_str(&text), text.len, root.s,
		    root.len);
		erlrc_buf_addc(&norm, '\n');
	}
	if (pos != len)
		goto out;
	digest(p, (const unsigned char *)erlrc_buf_str(&norm), norm.len,
	    p->b->path_md5);
out:
	free(lit);
	erlrc_termfile_destroy(&tf);
	erlrc_buf_destroy(&root);
	erlrc_buf_destroy(&text);
	erlrc_buf_destroy(&norm);
}

/* ---- the interface ---- */

/* erlrc_beam_init - an empty B, ready for erlrc_beam_parse. */
void
erlrc_beam_init(struct erlrc_beam *b)
{
	memset(b, 0, sizeof(*b));
	erlrc_termfile_init(&b->tf);
}

/* erlrc_beam_destroy - free all that B holds; B is empty afterwards. */
void
erlrc_beam_destroy(struct erlrc_beam *b)
{
	erlrc_termfile_destroy(&b->tf);
	erlrc_beam_init(b);
}

static int
parse(struct parser *p, const unsigned char *data, size_t len)
{
	static const enum chunk_index mandatory[] = {
		C_CODE, C_STRT, C_IMPT, C_EXPT,
	};
	enum chunk_index atoms;
	size_t i;

	if (read_chunks(p, data, len) < 0)
		return -1;
	if (p->c[C_ATU8].present)
		atoms = C_ATU8;
	else if (p->c[C_ATOM].present)
		atoms = C_ATOM;
	else
		return fail(p, "no atom table (chunk 'AtU8' or 'Atom')");
	/* what beam_lib:md5/1 requires */
	for (i = 0; i < sizeof(mandatory) / sizeof(mandatory[0]); i++)
		if (!p->c[mandatory[i]].present)
			return fail(p, "missing mandatory chunk '%s'",
			    chunk_ids[mandatory[i]]);
	if (read_atoms(p, atoms) < 0 || read_exports(p) < 0 ||
	    read_imports(p) < 0 || read_attributes(p) < 0)
		return -1;
	digest(p, NULL, 0, p->b->md5);
	compute_path_md5(p);
	return 0;
}

/*
 * erlrc_beam_parse - read the .beam data DATA (LEN bytes, plain or
 * gzip-compressed) into B, which must be initialised; NAME is the file
 * name for messages and is copied.  Every string and term of B is in
 * B->tf.  Returns 0, or -1 with err set (ERLRC_ERR_INPUT: "NAME: ...",
 * naming the chunk where there is one), B being empty then.
 */
int
erlrc_beam_parse(struct erlrc_beam *b, const char *name,
    const unsigned char *data, size_t len, struct erlrc_error *err)
{
	unsigned char *inflated = NULL;
	size_t inflated_len;
	struct parser p;
	int ret = -1;

	memset(&p, 0, sizeof(p));
	p.b = b;
	p.name = name;
	p.err = err;
	b->tf.name = erlrc_xstrdup(name);
	b->file = b->tf.name;
	if (len >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
		if (gunzip(&p, data, len, &inflated, &inflated_len) < 0)
			goto out;
		data = inflated;
		len = inflated_len;
	}
	ret = parse(&p, data, len);
out:
	/* the chunks point into INFLATED: nothing does once it is freed */
	free(inflated);
	if (ret < 0)
		erlrc_beam_destroy(b);
	return ret;
}

/*
 * erlrc_beam_read - erlrc_beam_parse the file PATH.  -1 with err set
 * (ERLRC_ERR_NOTFOUND or ERLRC_ERR_SYSTEM when it cannot be read).
 */
int
erlrc_beam_read(struct erlrc_beam *b, const char *path,
    struct erlrc_error *err)
{
	struct erlrc_buf data = ERLRC_BUF_INIT;
	int ret = -1;

	if (erlrc_buf_read_file(&data, path, err) < 0)
		goto out;
	ret = erlrc_beam_parse(b, path, (const unsigned char *)data.s,
	    data.len, err);
out:
	erlrc_buf_destroy(&data);
	return ret;
}

/* erlrc_beam_load - see beam.h. */
struct erlrc_beam *
erlrc_beam_load(const char *dir, const char *module, struct erlrc_error *err)
{
	struct erlrc_beam *b = erlrc_xmalloc(sizeof(*b));
	char *file = erlrc_xasprintf("%s/ebin/%s.beam", dir, module);

	erlrc_beam_init(b);
	if (erlrc_beam_read(b, file, err) < 0) {
		free(b);
		b = NULL;
	}
	free(file);
	return b;
}

/* erlrc_beam_free - erlrc_beam_destroy B and free it; NULL is nothing. */
void
erlrc_beam_free(struct erlrc_beam *b)
{
	if (!b)
		return;
	erlrc_beam_destroy(b);
	free(b);
}

/* erlrc_beam_exports - does B export NAME/ARITY?  1 or 0. */
int
erlrc_beam_exports(const struct erlrc_beam *b, const char *name,
    unsigned arity)
{
	size_t i;

	for (i = 0; i < b->nexports; i++)
		if (b->exports[i].arity == arity &&
		    strcmp(b->exports[i].name, name) == 0)
			return 1;
	return 0;
}

/* erlrc_beam_has_behaviour - is NAME among B's behaviours?  1 or 0. */
int
erlrc_beam_has_behaviour(const struct erlrc_beam *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->nbehaviours; i++)
		if (strcmp(b->behaviours[i], name) == 0)
			return 1;
	return 0;
}
