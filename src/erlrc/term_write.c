/* SPDX-License-Identifier: GPL-2.0-or-later */
/* term_write.c - write terms as text that file:consult/1 reads back */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/term.h>

#include "term_int.h"

/*
 * erlrc_term_atom_needs_quotes - whether NAME (UTF-8) must be written
 * 'quoted': anything but a lower-case ASCII letter followed by letters,
 * digits, '_' and '@', and every reserved word (maybe and else too, which
 * later OTP releases reserve).
 */
int
erlrc_term_atom_needs_quotes(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || !(name[0] >= 'a' && name[0] <= 'z'))
		return 1;
	for (i = 1; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '@'))
			return 1;
	}
	return erlrc_term_is_reserved(name, len) ||
	    (len == 5 && memcmp(name, "maybe", 5) == 0) ||
	    (len == 4 && memcmp(name, "else", 4) == 0);
}

/* One character inside quotes; Q is the quote character. */
static void
write_char(struct erlrc_buf *out, int32_t c, char q)
{
	switch (c) {
	case '\n': erlrc_buf_adds(out, "\\n"); return;
	case '\r': erlrc_buf_adds(out, "\\r"); return;
	case '\t': erlrc_buf_adds(out, "\\t"); return;
	case '\v': erlrc_buf_adds(out, "\\v"); return;
	case '\b': erlrc_buf_adds(out, "\\b"); return;
	case '\f': erlrc_buf_adds(out, "\\f"); return;
	case 27: erlrc_buf_adds(out, "\\e"); return;
	case 127: erlrc_buf_adds(out, "\\d"); return;
	case '\\': erlrc_buf_adds(out, "\\\\"); return;
	/*
	 * epp:set_encoding/1 takes any '%' on the first two lines for a
	 * comment, so "% coding: latin-1" in a string there would make
	 * file:consult/1 read the UTF-8 we write as Latin-1.
	 */
	case '%': erlrc_buf_adds(out, "\\x{25}"); return;
	}
	if (c == q) {
		erlrc_buf_addc(out, '\\');
		erlrc_buf_addc(out, q);
	} else if (c < 32 || (c >= 0x80 && c <= 0xa0)) {
		/* control characters and the C1 range, which is white space */
		erlrc_buf_addf(out, "\\x{%X}", (unsigned)c);
	} else {
		erlrc_term_add_utf8(out, (uint32_t)c);
	}
}

static void
write_quoted(struct erlrc_buf *out, const char *s, size_t len, char q)
{
	const char *end = s + len;
	int32_t c;

	erlrc_buf_addc(out, q);
	while (s < end && (c = erlrc_term_next_utf8(&s, end)) >= 0)
		write_char(out, c, q);
	erlrc_buf_addc(out, q);
}

void
erlrc_term_write_atom(struct erlrc_buf *out, const char *atom, size_t len)
{
	if (erlrc_term_atom_needs_quotes(atom, len))
		write_quoted(out, atom, len, '\'');
	else
		erlrc_buf_add(out, atom, len);
}

void
erlrc_term_write_string(struct erlrc_buf *out, const char *s, size_t len)
{
	write_quoted(out, s, len, '"');
}

/*
 * The shortest decimal that strtod turns back into D, in a form Erlang
 * scans as a float: digits "." digits, with an optional exponent.
 */
static void
write_float(struct erlrc_buf *out, double d)
{
	char s[64], *e;
	int prec;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(s, sizeof(s), "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			break;
	}
	e = strchr(s, 'e');
	if (e) {
		if (!memchr(s, '.', (size_t)(e - s))) {
			erlrc_buf_add(out, s, (size_t)(e - s));
			erlrc_buf_adds(out, ".0");
			erlrc_buf_adds(out, e);
			return;
		}
	} else if (!strchr(s, '.')) {
		erlrc_buf_adds(out, s);
		erlrc_buf_adds(out, ".0");
		return;
	}
	erlrc_buf_adds(out, s);
}

/* A character a list is written as a string for. */
static int
is_printable(int64_t c)
{
	return (c >= 32 && c < 127) || c == '\n' || c == '\t' || c == '\r' ||
	    (c > 0xa0 && c < 0xd800) || (c > 0xdfff && c < 0xfffe) ||
	    (c > 0xffff && c <= 0x10ffff);
}

static int
list_is_printable(const struct erlrc_term *t)
{
	size_t i;

	if (t->u.seq.tail)
		return 0;
	for (i = 0; i < t->u.seq.n; i++)
		if (t->u.seq.v[i]->type != ERLRC_TERM_INTEGER ||
		    !is_printable(t->u.seq.v[i]->u.i))
			return 0;
	return 1;
}

static void
write_binary(struct erlrc_buf *out, const struct erlrc_term *t)
{
	size_t n = t->u.bin.nbits / 8, rest = t->u.bin.nbits % 8, i;
	const unsigned char *d = t->u.bin.data;
	int text = n > 0;

	for (i = 0; i < n; i++)
		if (d[i] < 32 || d[i] >= 127)
			text = 0;
	erlrc_buf_adds(out, "<<");
	if (text) {
		erlrc_buf_addc(out, '"');
		for (i = 0; i < n; i++)
			write_char(out, d[i], '"');
		erlrc_buf_addc(out, '"');
	} else {
		for (i = 0; i < n; i++)
			erlrc_buf_addf(out, "%s%u", i ? "," : "", d[i]);
	}
	if (rest)
		erlrc_buf_addf(out, "%s%u:%zu", n ? "," : "",
		    (unsigned)(d[n] >> (8 - rest)), rest);
	erlrc_buf_adds(out, ">>");
}

/*
 * erlrc_term_write - append T as term text (no final "."): what
 * file:consult/1 reads back as a term equal to T, unless T holds a pid,
 * port, reference or local fun (ERLRC_TERM_OPAQUE).
 */
void
erlrc_term_write(struct erlrc_buf *out, const struct erlrc_term *t)
{
	size_t i;

	switch (t->type) {
	case ERLRC_TERM_INTEGER:
		erlrc_buf_addf(out, "%lld", (long long)t->u.i);
		break;
	case ERLRC_TERM_BIGNUM:
		erlrc_buf_add(out, t->u.text.s, t->u.text.len);
		break;
	case ERLRC_TERM_FLOAT:
		write_float(out, t->u.f);
		break;
	case ERLRC_TERM_ATOM:
		erlrc_term_write_atom(out, t->u.text.s, t->u.text.len);
		break;
	case ERLRC_TERM_STRING:
		erlrc_term_write_string(out, t->u.text.s, t->u.text.len);
		break;
	case ERLRC_TERM_NIL:
		erlrc_buf_adds(out, "[]");
		break;
	case ERLRC_TERM_LIST:
		if (list_is_printable(t)) {
			erlrc_buf_addc(out, '"');
			for (i = 0; i < t->u.seq.n; i++)
				write_char(out, (int32_t)t->u.seq.v[i]->u.i,
				    '"');
			erlrc_buf_addc(out, '"');
			break;
		}
		erlrc_buf_addc(out, '[');
		for (i = 0; i < t->u.seq.n; i++) {
			if (i)
				erlrc_buf_addc(out, ',');
			erlrc_term_write(out, t->u.seq.v[i]);
		}
		if (t->u.seq.tail) {
			erlrc_buf_addc(out, '|');
			erlrc_term_write(out, t->u.seq.tail);
		}
		erlrc_buf_addc(out, ']');
		break;
	case ERLRC_TERM_TUPLE:
		erlrc_buf_addc(out, '{');
		for (i = 0; i < t->u.seq.n; i++) {
			if (i)
				erlrc_buf_addc(out, ',');
			erlrc_term_write(out, t->u.seq.v[i]);
		}
		erlrc_buf_addc(out, '}');
		break;
	case ERLRC_TERM_MAP:
		erlrc_buf_adds(out, "#{");
		for (i = 0; i < t->u.seq.n; i++) {
			if (i)
				erlrc_buf_addc(out, ',');
			erlrc_term_write(out, t->u.seq.v[2 * i]);
			erlrc_buf_adds(out, " => ");
			erlrc_term_write(out, t->u.seq.v[2 * i + 1]);
		}
		erlrc_buf_addc(out, '}');
		break;
	case ERLRC_TERM_BINARY:
		write_binary(out, t);
		break;
	case ERLRC_TERM_FUN:
		erlrc_buf_adds(out, "fun ");
		erlrc_term_write(out, t->u.seq.v[0]);
		erlrc_buf_addc(out, ':');
		erlrc_term_write(out, t->u.seq.v[1]);
		erlrc_buf_addc(out, '/');
		erlrc_term_write(out, t->u.seq.v[2]);
		break;
	case ERLRC_TERM_OPAQUE:
		/*
		 * As the shell prints it: <0.81.0>, #Ref<0.1.2.3>.  No text
		 * reads back as a pid, port, reference or local fun, so this
		 * is the one term file:consult/1 cannot read again.
		 */
		erlrc_buf_add(out, t->u.text.s, t->u.text.len);
		break;
	}
}

/* erlrc_termfile_write - every term of TF, each followed by ".\n". */
void
erlrc_termfile_write(struct erlrc_buf *out, const struct erlrc_termfile *tf)
{
	size_t i;

	for (i = 0; i < tf->nterms; i++) {
		erlrc_term_write(out, tf->terms[i]);
		erlrc_buf_adds(out, ".\n");
	}
}
