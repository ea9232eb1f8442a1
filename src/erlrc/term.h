/* SPDX-License-Identifier: GPL-2.0-or-later */
/* term.h - Erlang term text, read and written as file:consult/1 does */
#ifndef ERLRC_TERM_H
#define ERLRC_TERM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <erlrc/buf.h>
#include <erlrc/error.h>

enum erlrc_term_type {
	ERLRC_TERM_INTEGER,	/* fits in int64_t: u.i */
	ERLRC_TERM_BIGNUM,	/* larger: u.text, exact decimal ("-" first) */
	ERLRC_TERM_FLOAT,	/* u.f */
	ERLRC_TERM_ATOM,	/* u.text, UTF-8 */
	ERLRC_TERM_STRING,	/* a string literal, not empty: u.text, UTF-8 */
	ERLRC_TERM_NIL,		/* [] (and "") */
	ERLRC_TERM_LIST,	/* u.seq: n >= 1 elements; tail NULL: proper */
	ERLRC_TERM_TUPLE,	/* u.seq: n elements */
	ERLRC_TERM_MAP,		/* u.seq: n pairs, key v[2i], value v[2i + 1] */
	ERLRC_TERM_BINARY,	/* u.bin: nbits bits (a bitstring if not % 8) */
	ERLRC_TERM_FUN,		/* fun M:F/A: u.seq of atom, atom, integer */
	ERLRC_TERM_OPAQUE,	/* a pid, port, reference or local fun from a
				 * node: u.text as the shell prints it; never
				 * read from text; made only by
				 * erlrc_term_decode, which keeps the external
				 * format with it for erlrc_term_encode */
};

/*
 * A term is owned by the erlrc_termfile it was read from (or built in);
 * all of a file's terms are freed together.  A string literal is kept as
 * ERLRC_TERM_STRING, but compares equal to the list of its characters,
 * as in Erlang; lists never have a list or string as their tail.
 * Code points of a string are stored as UTF-8 (surrogates included).
 */
struct erlrc_term {
	enum erlrc_term_type type;
	unsigned line;		/* where the term starts, 1-based */
	unsigned col;		/* column in characters, 1-based */
	union {
		int64_t i;
		double f;
		struct {
			const char *s;	/* NUL-terminated */
			size_t len;	/* bytes */
		} text;
		struct {
			struct erlrc_term **v;
			size_t n;
			struct erlrc_term *tail;
		} seq;
		struct {
			const unsigned char *data;
			size_t nbits;
		} bin;
	} u;
};

struct erlrc_arena;

/* The terms of one file: what file:consult/1 returns. */
struct erlrc_termfile {
	char *name;			/* the file name used in messages */
	struct erlrc_term **terms;
	size_t nterms;
	struct erlrc_arena *arena;	/* owns every term */
};

/*
 * Read every term of TEXT (LEN bytes) into TF,
 * which must have been initialised with erlrc_termfile_init.  NAME is used
 * in messages: "NAME:LINE:COL: what is wrong".  Like file:consult/1, the
 * text is UTF-8 unless a "coding: latin-1" comment is on one of the first
 * two lines.  Returns 0, or -1 with err (ERLRC_ERR_INPUT) set.
 */
int erlrc_term_parse(struct erlrc_termfile *tf, const char *name,
    const char *text, size_t len, struct erlrc_error *err);

/*
 * The same, but only the first term: what systools_lib:read_term/1 reads
 * of an .appup (the tokens up to the first full stop; the rest of the
 * text is never scanned).  TF then holds at most one term.
 */
int erlrc_term_parse_first(struct erlrc_termfile *tf, const char *name,
    const char *text, size_t len, struct erlrc_error *err);

/* Read PATH with erlrc_term_parse.  -1 with err set on error. */
int erlrc_termfile_read(struct erlrc_termfile *tf, const char *path,
    struct erlrc_error *err);

void erlrc_termfile_init(struct erlrc_termfile *tf);
void erlrc_termfile_destroy(struct erlrc_termfile *tf);

/* Allocate in TF's arena: freed with the file. */
void *erlrc_termfile_alloc(struct erlrc_termfile *tf, size_t n);
/* Free P (from malloc) with TF. */
void erlrc_termfile_adopt(struct erlrc_termfile *tf, void *p);

/*
 * Decode the external term format (what term_to_binary/1 writes, without
 * its version byte) at BUF + *INDEX, LEN bytes in all, into *OUT, built
 * in TF's arena; *INDEX moves past the term.  Every type decodes: large
 * integers to ERLRC_TERM_BIGNUM, byte lists to ERLRC_TERM_STRING, atoms
 * to UTF-8, pids, ports, references and local funs to ERLRC_TERM_OPAQUE.
 * Returns 0, or -1 with err (ERLRC_ERR_INPUT) set when the data is
 * truncated, malformed or nested too deep.
 */
int erlrc_term_decode(struct erlrc_termfile *tf, const char *buf,
    size_t len, int *index, struct erlrc_term **out,
    struct erlrc_error *err);

/* libei's ei_x_buff, for those who include <ei.h> */
struct ei_x_buff_TAG;

/*
 * Append T to X (an ei_x_buff of libei, started with ei_x_new: no
 * version byte is written) in the external term format, as an argument
 * of an RPC to a node: the bytes term_to_binary/1 writes, but for atoms,
 * always UTF-8 as in OTP 26, and the pairs of a map, in T's order.
 * binary_to_term/1 makes of them a term erlrc_term_equal to T.  Returns
 * 0, or -1 with err (ERLRC_ERR_INPUT) set and X as it was when T holds
 * what no node would decode (a bad atom, an arity past 255, a map with a
 * key twice, terms nested deeper than 1000, more than 2 GiB in all).  A
 * pid, port, reference or local fun goes back exactly as the node sent
 * it.
 */
int erlrc_term_encode(struct ei_x_buff_TAG *x, const struct erlrc_term *t,
    struct erlrc_error *err);

/*
 * Append T to OUT as Erlang term text that file:consult/1 reads back as
 * an equal term (without the final ".").  Strings are written as string
 * literals when every element is a printable character.
 */
void erlrc_term_write(struct erlrc_buf *out, const struct erlrc_term *t);

/* Append a whole file: each term followed by ".\n". */
void erlrc_termfile_write(struct erlrc_buf *out,
    const struct erlrc_termfile *tf);

/* Append ATOM (UTF-8) as an atom, quoted when it must be. */
void erlrc_term_write_atom(struct erlrc_buf *out, const char *atom,
    size_t len);
/* Append S (UTF-8) as a string literal with the escapes it needs. */
void erlrc_term_write_string(struct erlrc_buf *out, const char *s,
    size_t len);

/* Erlang's =:= (a string literal equals the list of its characters). */
int erlrc_term_equal(const struct erlrc_term *a, const struct erlrc_term *b);

/* Small predicates and accessors for the models. */
int erlrc_term_is_atom(const struct erlrc_term *t, const char *name);
/* A tuple of N elements whose first one is the atom TAG (NULL: any). */
int erlrc_term_is_tagged(const struct erlrc_term *t, const char *tag,
    size_t n);
/* A tuple of N elements, whatever they are. */
int erlrc_term_is_tuple(const struct erlrc_term *t, size_t n);
/* A proper list (or []) / its length; -1 if T is not a proper list. */
long erlrc_term_list_length(const struct erlrc_term *t);
/*
 * Element I of a proper list, of a string literal (as an integer term
 * built in TF), or of a tuple.  NULL when out of range.
 */
struct erlrc_term *erlrc_term_nth(struct erlrc_termfile *tf,
    const struct erlrc_term *t, size_t i);
/*
 * If T is a string (a string literal, [], or a proper list of character
 * codes), store its UTF-8 text in OUT (reset first) and return 1; else 0.
 * A code point that UTF-8 cannot hold (a surrogate) makes it not a
 * string here.
 */
int erlrc_term_string(const struct erlrc_term *t, struct erlrc_buf *out);

/* Does NAME need quotes to be read back as an atom? */
int erlrc_term_atom_needs_quotes(const char *name, size_t len);

/*
 * Set err (ERLRC_ERR_INPUT) to "FILE:LINE:COL: MESSAGE" at term T of TF
 * (the file's start when T is NULL).  Returns -1.
 */
int erlrc_term_error(struct erlrc_error *err, const struct erlrc_termfile *tf,
    const struct erlrc_term *t, const char *fmt, ...) ERLRC_PRINTF(4, 5);

/* Human-readable type name for messages: "an atom", "a tuple", ... */
const char *erlrc_term_describe(const struct erlrc_term *t);

/* Build terms in TF's arena (for the writer's callers and tests). */
struct erlrc_term *erlrc_term_new_atom(struct erlrc_termfile *tf,
    const char *s);
struct erlrc_term *erlrc_term_new_string(struct erlrc_termfile *tf,
    const char *s);
struct erlrc_term *erlrc_term_new_int(struct erlrc_termfile *tf, int64_t i);
struct erlrc_term *erlrc_term_new_seq(struct erlrc_termfile *tf,
    enum erlrc_term_type type, size_t n);
/* A tuple or list (TYPE) of the N terms that follow (struct erlrc_term *). */
struct erlrc_term *erlrc_term_new_of(struct erlrc_termfile *tf,
    enum erlrc_term_type type, size_t n, ...);
struct erlrc_term *erlrc_term_new_ofv(struct erlrc_termfile *tf,
    enum erlrc_term_type type, size_t n, va_list ap);
/* fun M:F/ARITY */
struct erlrc_term *erlrc_term_new_fun(struct erlrc_termfile *tf,
    const char *m, const char *f, int arity);

#endif
