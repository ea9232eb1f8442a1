/* SPDX-License-Identifier: GPL-2.0-or-later */
/* term_read.c - read Erlang term text exactly as file:consult/1 does */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/arena.h>
#include <erlrc/term.h>
#include <erlrc/xalloc.h>

#include "term_int.h"

/*
 * The reader follows OTP 25's erl_scan and erl_parse:parse_term/1, which
 * file:consult/1 uses: the text is decoded to code points first, then
 * scanned into tokens, then parsed by recursive descent.  Each rule that
 * looks odd below is there because erl_scan does it (see the notes).
 */

#define MAX_DEPTH 1000		/* nesting: deeper input is refused */
#define MAX_ATOM_CHARS 255	/* list_to_atom/1's limit */

enum tok {
	T_EOF,
	T_DOT,		/* a '.' followed by white space, '%' or the end */
	T_ATOM,
	T_VAR,
	T_RESERVED,	/* a reserved word, which is no term */
	T_FUN,		/* the reserved word fun */
	T_INT,
	T_FLOAT,
	T_CHAR,
	T_STRING,
	T_PUNCT,	/* a punctuation token: tk.punct */
};

/* Punctuation of more than one character. */
enum {
	P_LTLT = 256,	/* << */
	P_GTGT,		/* >> */
	P_ARROW,	/* => */
	P_ASSIGN,	/* := */
	P_OTHER,	/* some other operator: a syntax error in a term */
};

struct token {
	enum tok type;
	unsigned line, col;
	int punct;
	struct erlrc_buf text;	/* atom, variable, string: UTF-8 */
	struct erlrc_buf digits;	/* integer: decimal digits */
	int64_t i;		/* integer that fits, or a character */
	int big;		/* integer did not fit: see digits */
	double f;
};

struct reader {
	const char *name;
	uint32_t *cp;		/* the text as code points */
	size_t n, pos;
	unsigned line, col;	/* of cp[pos] */
	struct token tk;
	unsigned depth;
	size_t binary_bits;	/* see erlrc_reader_binary_bits */
	struct erlrc_termfile *tf;
	struct erlrc_error *err;
};

static int
fail_at(struct reader *r, unsigned line, unsigned col, const char *fmt, ...)
    ERLRC_PRINTF(4, 5);

static int
fail_at(struct reader *r, unsigned line, unsigned col, const char *fmt, ...)
{
	char msg[ERLRC_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return erlrc_error_set(r->err, ERLRC_ERR_INPUT, "%s:%u:%u: %s",
	    r->name, line, col, msg);
}

/* ---- decoding ---- */

/*
 * Like epp:read_encoding: "coding: NAME" (or "coding=NAME") in a comment
 * on one of the first two lines, within 512 bytes, selects latin-1 when
 * NAME starts with "latin-1" (any case).
 */
static int
is_latin1_coded(const unsigned char *s, size_t len)
{
	size_t i = 0, end = len < 512 ? len : 512;
	int lines = 0, in_comment = 0;

	while (i < end && lines < 2) {
		if (s[i] == '\n') {
			lines++;
			in_comment = 0;
			i++;
		} else if (!in_comment) {
			in_comment = s[i++] == '%';
		} else if (end - i >= 6 && memcmp(s + i, "coding", 6) == 0) {
			char name[64];
			size_t j = i + 6, k = 0;

			i++;
			while (j < end && s[j] == ' ')
				j++;
			if (j >= end || (s[j] != ':' && s[j] != '='))
				continue;
			j++;
			while (j < end && s[j] == ' ')
				j++;
			while (j < end && k < sizeof(name) - 1 &&
			    ((s[j] >= 'a' && s[j] <= 'z') ||
			     (s[j] >= 'A' && s[j] <= 'Z') ||
			     (s[j] >= '0' && s[j] <= '9') || s[j] == '-'))
				name[k++] = (char)(s[j++] | 0x20);
			name[k] = '\0';
			/* epp decides on the first "coding" it finds */
			return strncmp(name, "latin-1", 7) == 0 &&
			    (name[7] == '\0' || name[7] == '-');
		} else {
			i++;
		}
	}
	return 0;
}

static int
decode(struct reader *r, const unsigned char *s, size_t len)
{
	unsigned line = 1, col = 1;
	size_t i = 0, n = 0;

	r->cp = erlrc_xcalloc(len + 1, sizeof(uint32_t));
	if (is_latin1_coded(s, len)) {
		for (i = 0; i < len; i++)
			r->cp[n++] = s[i];
		r->n = n;
		return 0;
	}
	while (i < len) {
		uint32_t c = s[i], min;
		size_t k, more;

		if (c < 0x80) {
			more = 0;
			min = 0;
		} else if ((c & 0xe0) == 0xc0) {
			more = 1;
			c &= 0x1f;
			min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			more = 2;
			c &= 0x0f;
			min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			more = 3;
			c &= 0x07;
			min = 0x10000;
		} else {
			goto bad;
		}
		if (len - i <= more)
			goto bad;
		for (k = 1; k <= more; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto bad;
			c = (c << 6) | (s[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			goto bad;
		r->cp[n++] = c;
		i += more + 1;
		if (c == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	r->n = n;
	return 0;
bad:
	return fail_at(r, line, col,
	    "invalid UTF-8 (byte offset %zu); add a \"%%%% coding: latin-1\" "
	    "comment if the file is Latin-1", i);
}

/* ---- scanning ---- */

static uint32_t
peek(const struct reader *r, size_t ahead)
{
	return r->pos + ahead < r->n ? r->cp[r->pos + ahead] : (uint32_t)-1;
}

#define END ((uint32_t)-1)

static void
advance(struct reader *r)
{
	if (r->pos >= r->n)
		return;
	if (r->cp[r->pos] == '\n') {
		r->line++;
		r->col = 1;
	} else {
		r->col++;
	}
	r->pos++;
}

static int
is_white(uint32_t c)
{
	return c <= ' ' || (c >= 0x80 && c <= 0xa0);
}

static int
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Latin-1 lower-case letters start atoms; upper-case ones, variables. */
static int
is_lower(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xdf && c <= 0xff && c != 0xf7);
}

static int
is_upper(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7);
}

static int
is_name_char(uint32_t c)
{
	return is_lower(c) || is_upper(c) || is_digit(c) || c == '_' ||
	    c == '@';
}

/* erl_scan's ?UNICODE: what an escape may produce. */
static int
is_unicode(uint64_t c)
{
	return c < 0xd800 || (c > 0xdfff && c < 0xfffe) ||
	    (c > 0xffff && c <= 0x10ffff);
}

static int
digit_value(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 'a' && c <= 'z')
		return (int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'Z')
		return (int)(c - 'A' + 10);
	return 99;
}

/* OTP 25's reserved words; maybe and else are atoms unless enabled. */
static const struct {
	const char *word;
	size_t len;
} reserved_words[] = {
#define W(w) { w, sizeof(w) - 1 }
	W("after"), W("and"), W("andalso"), W("band"), W("begin"), W("bnot"),
	W("bor"), W("bsl"), W("bsr"), W("bxor"), W("case"), W("catch"),
	W("cond"), W("div"), W("end"), W("fun"), W("if"), W("let"),
	W("not"), W("of"), W("or"), W("orelse"), W("receive"), W("rem"),
	W("try"), W("when"), W("xor"),
#undef W
};

int
erlrc_term_is_reserved(const char *s, size_t len)
{
	size_t i;

	if (len < 2 || len > 7)	/* the shortest and longest words */
		return 0;
	for (i = 0; i < sizeof(reserved_words) / sizeof(*reserved_words); i++)
		if (reserved_words[i].len == len &&
		    memcmp(reserved_words[i].word, s, len) == 0)
			return 1;
	return 0;
}

/*
 * One escape sequence after a backslash (erl_scan's scan_escape).
 * Returns 0 with the character in *out, or -1 with the error set.
 */
static int
scan_escape(struct reader *r, uint32_t *out)
{
	unsigned line = r->line, col = r->col;
	uint32_t c = peek(r, 0);

	if (c == END)
		return fail_at(r, line, col, "unterminated escape sequence");
	if (c >= '0' && c <= '7') {
		uint32_t v = 0;
		int k;

		for (k = 0; k < 3 && peek(r, 0) >= '0' && peek(r, 0) <= '7';
		    k++) {
			v = v * 8 + (peek(r, 0) - '0');
			advance(r);
		}
		*out = v;
		return 0;
	}
	if (c == 'x') {
		advance(r);
		if (peek(r, 0) == '{') {
			uint64_t v = 0;
			int nd = 0;

			advance(r);
			while (digit_value(peek(r, 0)) < 16) {
				if (v <= 0x10ffff)
					v = v * 16 +
					    (uint64_t)digit_value(peek(r, 0));
				nd++;
				advance(r);
			}
			if (peek(r, 0) != '}' || nd == 0 || !is_unicode(v))
				return fail_at(r, line, col - 1,
				    "illegal character in \\x{...} escape");
			advance(r);
			*out = (uint32_t)v;
			return 0;
		}
		if (digit_value(peek(r, 0)) < 16 &&
		    digit_value(peek(r, 1)) < 16) {
			*out = (uint32_t)(digit_value(peek(r, 0)) * 16 +
			    digit_value(peek(r, 1)));
			advance(r);
			advance(r);
			return 0;
		}
		return fail_at(r, line, col - 1,
		    "illegal character: \\x needs two hex digits or {...}");
	}
	if (c == '^') {
		advance(r);
		if (peek(r, 0) == END)
			return fail_at(r, line, col,
			    "unterminated escape sequence");
		*out = peek(r, 0) == '\n' ? '\n' : (peek(r, 0) & 31);
		advance(r);
		return 0;
	}
	switch (c) {
	case 'n': *out = '\n'; break;
	case 'r': *out = '\r'; break;
	case 't': *out = '\t'; break;
	case 'v': *out = '\v'; break;
	case 'b': *out = '\b'; break;
	case 'f': *out = '\f'; break;
	case 'e': *out = 27; break;
	case 's': *out = ' '; break;
	case 'd': *out = 127; break;
	default:
		/* any other character stands for itself, as in erl_scan */
		if (c != '\n' && !is_unicode(c))
			return fail_at(r, line, col, "illegal character");
		*out = c;
	}
	advance(r);
	return 0;
}

static void
buf_add_utf8(struct erlrc_buf *b, uint32_t c)
{
	char u[4];

	if (c < 0x80) {
		erlrc_buf_addc(b, (char)c);
		return;
	}
	if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		erlrc_buf_add(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		erlrc_buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		erlrc_buf_add(b, u, 4);
	}
}

void
erlrc_term_add_utf8(struct erlrc_buf *b, uint32_t c)
{
	buf_add_utf8(b, c);
}

/* A quoted atom or a string, after its opening quote. */
static int
scan_quoted(struct reader *r, uint32_t quote)
{
	unsigned line = r->tk.line, col = r->tk.col;
	size_t nchars = 0;
	uint32_t c;

	erlrc_buf_reset(&r->tk.text);
	for (;;) {
		c = peek(r, 0);
		if (c == END)
			return fail_at(r, line, col, "unterminated %s",
			    quote == '"' ? "string" : "quoted atom");
		if (c == quote) {
			advance(r);
			break;
		}
		if (c == '\\') {
			advance(r);
			if (scan_escape(r, &c) < 0)
				return -1;
		} else {
			advance(r);
		}
		buf_add_utf8(&r->tk.text, c);
		nchars++;
	}
	if (quote == '\'' && nchars > MAX_ATOM_CHARS)
		return fail_at(r, line, col,
		    "atom too long (%zu characters, at most %d)", nchars,
		    MAX_ATOM_CHARS);
	return 0;
}

/*
 * Digits of BASE with single '_' between two digits (OTP 23 and later).
 * Appends each digit's value to *v (a decimal digit string in the token).
 * Returns the number of digits, or -1 on a misplaced '_'.
 */
static int
scan_digits(struct reader *r, int base, struct erlrc_buf *out)
{
	int nd = 0;

	for (;;) {
		uint32_t c = peek(r, 0);

		if (digit_value(c) < base) {
			erlrc_buf_addc(out, (char)c);
			nd++;
			advance(r);
		} else if (c == '_' && nd > 0 &&
		    digit_value(peek(r, 1)) < base) {
			advance(r);
		} else {
			return nd;
		}
	}
}

/* Convert digits of BASE to decimal text (no sign, no leading zeros). */
static void
digits_to_decimal(const char *d, int base, struct erlrc_buf *out)
{
	/* little-endian limbs of 10^9 */
	uint32_t *limb = NULL;
	size_t nlimb = 0, cap = 0, i;

	for (; *d; d++) {
		uint64_t carry = (uint64_t)digit_value((unsigned char)*d);

		for (i = 0; i < nlimb; i++) {
			uint64_t x = (uint64_t)limb[i] * (uint64_t)base + carry;

			limb[i] = (uint32_t)(x % 1000000000u);
			carry = x / 1000000000u;
		}
		while (carry) {
			limb = erlrc_xgrow(limb, &cap, nlimb, sizeof(*limb));
			limb[nlimb++] = (uint32_t)(carry % 1000000000u);
			carry /= 1000000000u;
		}
	}
	erlrc_buf_reset(out);
	if (nlimb == 0) {
		erlrc_buf_addc(out, '0');
	} else {
		erlrc_buf_addf(out, "%u", limb[nlimb - 1]);
		for (i = nlimb - 1; i-- > 0;)
			erlrc_buf_addf(out, "%09u", limb[i]);
	}
	free(limb);
}

/* Fill tk.i (and tk.big) from decimal digits in tk.digits. */
static void
set_integer(struct token *tk)
{
	const char *d = erlrc_buf_str(&tk->digits);
	uint64_t v = 0;

	tk->big = 0;
	while (*d == '0' && d[1])
		d++;
	for (; *d; d++) {
		if (v > (UINT64_MAX - 9) / 10) {
			tk->big = 1;
			return;
		}
		v = v * 10 + (uint64_t)(*d - '0');
	}
	if (v > (uint64_t)INT64_MAX)
		tk->big = 1;
	else
		tk->i = (int64_t)v;
}

static int
scan_number(struct reader *r)
{
	struct token *tk = &r->tk;
	struct erlrc_buf raw = ERLRC_BUF_INIT;
	int ret = -1;

	erlrc_buf_reset(&tk->digits);
	scan_digits(r, 10, &tk->digits);
	if (peek(r, 0) == '#') {
		const char *d = erlrc_buf_str(&tk->digits);
		int base = 0;

		while (*d && base <= 36)
			base = base * 10 + (*d++ - '0');
		if (base < 2 || base > 36) {
			fail_at(r, tk->line, tk->col, "illegal base %s#",
			    erlrc_buf_str(&tk->digits));
			goto out;
		}
		advance(r);
		if (scan_digits(r, base, &raw) == 0) {
			fail_at(r, tk->line, tk->col,
			    "illegal integer: no digits after %d#", base);
			goto out;
		}
		digits_to_decimal(erlrc_buf_str(&raw), base, &tk->digits);
		tk->type = T_INT;
		set_integer(tk);
		ret = 0;
		goto out;
	}
	if (peek(r, 0) == '.' && is_digit(peek(r, 1))) {
		char *end;

		erlrc_buf_add(&raw, tk->digits.s, tk->digits.len);
		erlrc_buf_addc(&raw, '.');
		advance(r);
		scan_digits(r, 10, &raw);
		if ((peek(r, 0) == 'e' || peek(r, 0) == 'E') &&
		    (is_digit(peek(r, 1)) ||
		     ((peek(r, 1) == '-' || peek(r, 1) == '+') &&
		      is_digit(peek(r, 2))))) {
			erlrc_buf_addc(&raw, 'e');
			advance(r);
			if (peek(r, 0) == '-' || peek(r, 0) == '+') {
				erlrc_buf_addc(&raw, (char)peek(r, 0));
				advance(r);
			}
			scan_digits(r, 10, &raw);
		}
		errno = 0;
		tk->f = strtod(erlrc_buf_str(&raw), &end);
		if (*end || (errno == ERANGE && isinf(tk->f))) {
			fail_at(r, tk->line, tk->col,
			    "illegal float %s (out of range)",
			    erlrc_buf_str(&raw));
			goto out;
		}
		tk->type = T_FLOAT;
		ret = 0;
		goto out;
	}
	tk->type = T_INT;
	set_integer(tk);
	ret = 0;
out:
	erlrc_buf_destroy(&raw);
	return ret;
}

static const char *
describe_token(struct reader *r)
{
	static char buf[64];
	struct token *tk = &r->tk;

	switch (tk->type) {
	case T_EOF:
		return "end of file";
	case T_DOT:
		return "'.'";
	case T_ATOM:
	case T_VAR:
	case T_RESERVED:
		snprintf(buf, sizeof(buf), "'%.40s'", erlrc_buf_str(&tk->text));
		return buf;
	case T_FUN:
		return "'fun'";
	case T_INT:
	case T_FLOAT:
		return "a number";
	case T_CHAR:
		return "a character";
	case T_STRING:
		return "a string";
	case T_PUNCT:
		switch (tk->punct) {
		case P_LTLT: return "'<<'";
		case P_GTGT: return "'>>'";
		case P_ARROW: return "'=>'";
		case P_ASSIGN: return "':='";
		case P_OTHER: return "an operator";
		}
		snprintf(buf, sizeof(buf), "'%c'", tk->punct);
		return buf;
	}
	return "?";
}

static int
syntax_error(struct reader *r)
{
	return fail_at(r, r->tk.line, r->tk.col, "syntax error before %s",
	    describe_token(r));
}

/* Read the next token into r->tk. */
static int
next(struct reader *r)
{
	struct token *tk = &r->tk;
	uint32_t c;

	for (;;) {
		c = peek(r, 0);
		if (c == '%') {
			while (peek(r, 0) != END && peek(r, 0) != '\n')
				advance(r);
		} else if (c != END && is_white(c)) {
			advance(r);
		} else {
			break;
		}
	}
	tk->line = r->line;
	tk->col = r->col;
	if (c == END) {
		tk->type = T_EOF;
		return 0;
	}
	if (is_digit(c))
		return scan_number(r);
	if (is_lower(c) || is_upper(c) || c == '_') {
		size_t nchars = 0;

		erlrc_buf_reset(&tk->text);
		while (is_name_char(peek(r, 0))) {
			buf_add_utf8(&tk->text, peek(r, 0));
			nchars++;
			advance(r);
		}
		if (!is_lower(c)) {
			tk->type = T_VAR;
			return 0;
		}
		if (nchars > MAX_ATOM_CHARS)
			return fail_at(r, tk->line, tk->col,
			    "atom too long (%zu characters, at most %d)",
			    nchars, MAX_ATOM_CHARS);
		tk->type = T_ATOM;
		if (erlrc_term_is_reserved(tk->text.s, tk->text.len))
			tk->type = strcmp(tk->text.s, "fun") == 0 ? T_FUN :
			    T_RESERVED;
		return 0;
	}
	advance(r);
	switch (c) {
	case '"':
		tk->type = T_STRING;
		return scan_quoted(r, '"');
	case '\'':
		tk->type = T_ATOM;
		return scan_quoted(r, '\'');
	case '$':
		c = peek(r, 0);
		if (c == END)
			return fail_at(r, tk->line, tk->col,
			    "'$' at the end of the file");
		advance(r);
		if (c == '\\' && scan_escape(r, &c) < 0)
			return -1;
		tk->type = T_CHAR;
		tk->i = c;
		return 0;
	case '.':
		c = peek(r, 0);
		tk->type = T_PUNCT;
		tk->punct = '.';
		if (c == END || c == '%' || is_white(c))
			tk->type = T_DOT;
		return 0;
	}
	tk->type = T_PUNCT;
	tk->punct = (int)c;
	switch (c) {
	case '{': case '}': case '[': case ']': case '(': case ')':
	case ',': case '#': case '/': case '+': case '-':
		return 0;
	case '|':
		if (peek(r, 0) == '|') {
			advance(r);
			tk->punct = P_OTHER;
		}
		return 0;
	case ':':
		if (peek(r, 0) == '=') {
			advance(r);
			tk->punct = P_ASSIGN;
		} else if (peek(r, 0) == ':') {
			advance(r);
			tk->punct = P_OTHER;
		}
		return 0;
	case '<':
		if (peek(r, 0) == '<') {
			advance(r);
			tk->punct = P_LTLT;
		} else {
			tk->punct = P_OTHER;
		}
		return 0;
	case '>':
		if (peek(r, 0) == '>') {
			advance(r);
			tk->punct = P_GTGT;
		} else {
			tk->punct = P_OTHER;
		}
		return 0;
	case '=':
		if (peek(r, 0) == '>') {
			advance(r);
			tk->punct = P_ARROW;
		} else {
			tk->punct = P_OTHER;
		}
		return 0;
	case '*': case ';': case '!': case '?': case '&': case '^':
	case '~': case '`': case '\\':
		tk->punct = P_OTHER;
		return 0;
	}
	return fail_at(r, tk->line, tk->col, "illegal character U+%04X",
	    (unsigned)c);
}

/* ---- parsing ---- */

static struct erlrc_term *
new_term(struct reader *r, enum erlrc_term_type type, unsigned line,
    unsigned col)
{
	struct erlrc_term *t = erlrc_termfile_alloc(r->tf, sizeof(*t));

	t->type = type;
	t->line = line;
	t->col = col;
	return t;
}

static struct erlrc_term *
new_text(struct reader *r, enum erlrc_term_type type, const char *s,
    size_t len, unsigned line, unsigned col)
{
	struct erlrc_term *t = new_term(r, type, line, col);

	t->u.text.s = erlrc_arena_strndup(r->tf->arena, s, len);
	t->u.text.len = len;
	return t;
}

static int
is_punct(const struct reader *r, int p)
{
	return r->tk.type == T_PUNCT && r->tk.punct == p;
}

static int
expect(struct reader *r, int p)
{
	if (!is_punct(r, p))
		return syntax_error(r);
	return next(r);
}

static struct erlrc_term *
seq_finish(struct reader *r, struct erlrc_term_vec *s,
    enum erlrc_term_type type, unsigned line, unsigned col)
{
	struct erlrc_term *t = new_term(r, type, line, col);

	t->u.seq.n = type == ERLRC_TERM_MAP ? s->n / 2 : s->n;
	t->u.seq.v = erlrc_termfile_alloc(r->tf, (s->n ? s->n : 1) *
	    sizeof(*s->v));
	if (s->n)
		memcpy(t->u.seq.v, s->v, s->n * sizeof(*s->v));
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
	return t;
}

static struct erlrc_term *parse(struct reader *r, int allow_unary);

static struct erlrc_term *
number_term(struct reader *r)
{
	struct token *tk = &r->tk;
	struct erlrc_term *t;

	if (tk->type == T_FLOAT) {
		t = new_term(r, ERLRC_TERM_FLOAT, tk->line, tk->col);
		t->u.f = tk->f;
	} else if (tk->type == T_INT && tk->big) {
		const char *d = erlrc_buf_str(&tk->digits);

		while (*d == '0' && d[1])
			d++;
		t = new_text(r, ERLRC_TERM_BIGNUM, d, strlen(d), tk->line,
		    tk->col);
	} else {
		t = new_term(r, ERLRC_TERM_INTEGER, tk->line, tk->col);
		t->u.i = tk->i;
	}
	return t;
}

/* Unary minus on a number term (erl_parse's normalise/1 special case). */
static struct erlrc_term *
negate(struct reader *r, struct erlrc_term *t, unsigned line, unsigned col)
{
	struct erlrc_term *n;
	char *s;

	t->line = line;
	t->col = col;
	switch (t->type) {
	case ERLRC_TERM_INTEGER:
		t->u.i = -t->u.i;
		return t;
	case ERLRC_TERM_FLOAT:
		t->u.f = -t->u.f;
		return t;
	case ERLRC_TERM_BIGNUM:
		if (strcmp(t->u.text.s, "9223372036854775808") == 0) {
			n = new_term(r, ERLRC_TERM_INTEGER, line, col);
			n->u.i = INT64_MIN;
			return n;
		}
		n = new_term(r, ERLRC_TERM_BIGNUM, line, col);
		n->u.text.len = t->u.text.len + 1;
		n->u.text.s = s = erlrc_arena_alloc(r->tf->arena,
		    n->u.text.len + 1);
		s[0] = '-';
		memcpy(s + 1, t->u.text.s, t->u.text.len + 1);
		return n;
	default:
		return t;
	}
}

static struct erlrc_term *
parse_list(struct reader *r, unsigned line, unsigned col)
{
	struct erlrc_term_vec s = ERLRC_TERM_VEC_INIT;
	struct erlrc_term *t, *tail = NULL;

	if (is_punct(r, ']')) {
		if (next(r) < 0)
			return NULL;
		return new_term(r, ERLRC_TERM_NIL, line, col);
	}
	for (;;) {
		t = parse(r, 1);
		if (!t)
			goto fail;
		erlrc_term_vec_push(&s, t);
		if (is_punct(r, ',')) {
			if (next(r) < 0)
				goto fail;
			continue;
		}
		if (is_punct(r, '|')) {
			if (next(r) < 0)
				goto fail;
			tail = parse(r, 1);
			if (!tail)
				goto fail;
		}
		if (expect(r, ']') < 0)
			goto fail;
		break;
	}
	/* [H | T] with T a list is the list H ++ T: keep lists flat */
	if (tail && tail->type == ERLRC_TERM_LIST) {
		size_t i;

		for (i = 0; i < tail->u.seq.n; i++)
			erlrc_term_vec_push(&s, tail->u.seq.v[i]);
		tail = tail->u.seq.tail;
	} else if (tail && tail->type == ERLRC_TERM_STRING) {
		/* each character in turn: erlrc_term_nth would be quadratic */
		const char *p = tail->u.text.s, *end = p + tail->u.text.len;

		while (p < end) {
			t = new_term(r, ERLRC_TERM_INTEGER, tail->line,
			    tail->col);
			t->u.i = erlrc_term_next_utf8(&p, end);
			if (t->u.i < 0)
				break;
			erlrc_term_vec_push(&s, t);
		}
		tail = NULL;
	} else if (tail && tail->type == ERLRC_TERM_NIL) {
		tail = NULL;
	}
	t = seq_finish(r, &s, ERLRC_TERM_LIST, line, col);
	t->u.seq.tail = tail;
	return t;
fail:
	free(s.v);
	return NULL;
}

static struct erlrc_term *
parse_tuple(struct reader *r, unsigned line, unsigned col)
{
	struct erlrc_term_vec s = ERLRC_TERM_VEC_INIT;
	struct erlrc_term *t;

	if (!is_punct(r, '}')) {
		for (;;) {
			t = parse(r, 1);
			if (!t)
				goto fail;
			erlrc_term_vec_push(&s, t);
			if (!is_punct(r, ','))
				break;
			if (next(r) < 0)
				goto fail;
		}
	}
	if (expect(r, '}') < 0)
		goto fail;
	return seq_finish(r, &s, ERLRC_TERM_TUPLE, line, col);
fail:
	free(s.v);
	return NULL;
}

static struct erlrc_term *
parse_map(struct reader *r, unsigned line, unsigned col)
{
	struct erlrc_term_vec s = ERLRC_TERM_VEC_INIT;
	struct erlrc_term *k, *v;
	size_t i;

	if (expect(r, '{') < 0)
		return NULL;
	if (!is_punct(r, '}')) {
		for (;;) {
			k = parse(r, 1);
			if (!k)
				goto fail;
			if (is_punct(r, P_ASSIGN)) {
				fail_at(r, r->tk.line, r->tk.col,
				    "':=' in a map is no term (use '=>')");
				goto fail;
			}
			if (expect(r, P_ARROW) < 0)
				goto fail;
			v = parse(r, 1);
			if (!v)
				goto fail;
			/* maps:from_list/1: the last of equal keys wins */
			for (i = 0; i < s.n; i += 2)
				if (erlrc_term_equal(s.v[i], k))
					break;
			if (i < s.n) {
				memmove(s.v + i, s.v + i + 2,
				    (s.n - i - 2) * sizeof(*s.v));
				s.n -= 2;
			}
			erlrc_term_vec_push(&s, k);
			erlrc_term_vec_push(&s, v);
			if (!is_punct(r, ','))
				break;
			if (next(r) < 0)
				goto fail;
		}
	}
	if (expect(r, '}') < 0)
		goto fail;
	return seq_finish(r, &s, ERLRC_TERM_MAP, line, col);
fail:
	free(s.v);
	return NULL;
}

/* fun M:F/A, the only fun a term file may hold */
static struct erlrc_term *
parse_fun(struct reader *r, unsigned line, unsigned col)
{
	struct erlrc_term *m, *f, *a, *t;

	if (r->tk.type != T_ATOM)
		return syntax_error(r), NULL;
	m = new_text(r, ERLRC_TERM_ATOM, erlrc_buf_str(&r->tk.text),
	    r->tk.text.len, r->tk.line, r->tk.col);
	if (next(r) < 0 || expect(r, ':') < 0)
		return NULL;
	if (r->tk.type != T_ATOM)
		return syntax_error(r), NULL;
	f = new_text(r, ERLRC_TERM_ATOM, erlrc_buf_str(&r->tk.text),
	    r->tk.text.len, r->tk.line, r->tk.col);
	if (next(r) < 0 || expect(r, '/') < 0)
		return NULL;
	if (r->tk.type != T_INT || r->tk.big)
		return syntax_error(r), NULL;
	/* erl_parse:parse_term/1 refuses more, as the external format can */
	if (r->tk.i > 255)
		return fail_at(r, r->tk.line, r->tk.col, "bad term: the arity "
		    "of a fun is 0 to 255"), NULL;
	a = number_term(r);
	if (next(r) < 0)
		return NULL;
	t = new_term(r, ERLRC_TERM_FUN, line, col);
	t->u.seq.n = 3;
	t->u.seq.v = erlrc_termfile_alloc(r->tf, 3 * sizeof(*t->u.seq.v));
	t->u.seq.v[0] = m;
	t->u.seq.v[1] = f;
	t->u.seq.v[2] = a;
	return t;
}

static struct erlrc_term *
parse_string(struct reader *r, unsigned line, unsigned col)
{
	struct erlrc_buf all = ERLRC_BUF_INIT;
	struct erlrc_term *t;

	/* adjacent string literals are one string */
	while (r->tk.type == T_STRING) {
		erlrc_buf_add(&all, r->tk.text.s, r->tk.text.len);
		if (next(r) < 0) {
			erlrc_buf_destroy(&all);
			return NULL;
		}
	}
	if (all.len == 0)
		t = new_term(r, ERLRC_TERM_NIL, line, col);
	else
		t = new_text(r, ERLRC_TERM_STRING, all.s, all.len, line, col);
	erlrc_buf_destroy(&all);
	return t;
}

/*
 * One term.  ALLOW_UNARY is 0 right after a unary operator: parse_term
 * takes -1 and -(1) but not -(-1).
 */
static struct erlrc_term *
parse(struct reader *r, int allow_unary)
{
	struct token *tk = &r->tk;
	unsigned line = tk->line, col = tk->col;
	struct erlrc_term *t = NULL;

	if (++r->depth > MAX_DEPTH) {
		fail_at(r, line, col, "terms nested deeper than %d",
		    MAX_DEPTH);
		goto out;
	}
	switch (tk->type) {
	case T_INT:
	case T_FLOAT:
		t = number_term(r);
		if (next(r) < 0)
			t = NULL;
		goto out;
	case T_CHAR:
		t = new_term(r, ERLRC_TERM_INTEGER, line, col);
		t->u.i = tk->i;
		if (next(r) < 0)
			t = NULL;
		goto out;
	case T_ATOM:
		t = new_text(r, ERLRC_TERM_ATOM, erlrc_buf_str(&tk->text),
		    tk->text.len, line, col);
		if (next(r) < 0)
			t = NULL;
		goto out;
	case T_STRING:
		t = parse_string(r, line, col);
		goto out;
	case T_VAR:
		fail_at(r, line, col, "variable '%.40s' in a term",
		    erlrc_buf_str(&tk->text));
		goto out;
	case T_FUN:
		if (next(r) == 0)
			t = parse_fun(r, line, col);
		goto out;
	case T_PUNCT:
		break;
	default:
		syntax_error(r);
		goto out;
	}
	switch (tk->punct) {
	case '-':
	case '+':
		if (!allow_unary) {
			fail_at(r, line, col,
			    "only a number may follow a unary '%c'",
			    tk->punct);
			goto out;
		}
		{
			int minus = tk->punct == '-';

			if (next(r) < 0)
				goto out;
			t = parse(r, 0);
			if (!t)
				goto out;
			if (t->type != ERLRC_TERM_INTEGER &&
			    t->type != ERLRC_TERM_BIGNUM &&
			    t->type != ERLRC_TERM_FLOAT) {
				fail_at(r, line, col,
				    "only a number may follow a unary '%c'",
				    minus ? '-' : '+');
				t = NULL;
				goto out;
			}
			if (minus)
				t = negate(r, t, line, col);
		}
		goto out;
	case '(':
		if (next(r) < 0)
			goto out;
		t = parse(r, allow_unary);
		if (t && expect(r, ')') < 0)
			t = NULL;
		goto out;
	case '[':
		if (next(r) == 0)
			t = parse_list(r, line, col);
		goto out;
	case '{':
		if (next(r) == 0)
			t = parse_tuple(r, line, col);
		goto out;
	case '#':
		if (next(r) == 0)
			t = parse_map(r, line, col);
		goto out;
	case P_LTLT:
		if (next(r) == 0)
			t = erlrc_term_parse_binary(r->tf,
			    (struct erlrc_reader *)r, line, col);
		goto out;
	}
	syntax_error(r);
out:
	r->depth--;
	return t;
}

/* ---- the binary syntax, through the hooks in term_int.h ---- */

struct erlrc_term *
erlrc_reader_term(struct erlrc_reader *rd, int allow_unary)
{
	return parse((struct reader *)rd, allow_unary);
}

int
erlrc_reader_fail(struct erlrc_reader *rd, unsigned line, unsigned col,
    const char *msg)
{
	return fail_at((struct reader *)rd, line, col, "%s", msg);
}

/*
 * erlrc_reader_punct - if the current token is punctuation P, consume it
 * and return 1; return 0 if not; -1 on a scan error.
 */
int
erlrc_reader_punct(struct erlrc_reader *rd, int p)
{
	struct reader *r = (struct reader *)rd;
	int want = p == '<' ? P_LTLT : p == '>' ? P_GTGT : p;

	if (!is_punct(r, want))
		return 0;
	return next(r) < 0 ? -1 : 1;
}

/* The current token as a type specifier name, consumed; NULL if none. */
const char *
erlrc_reader_atom(struct erlrc_reader *rd, unsigned *line, unsigned *col)
{
	struct reader *r = (struct reader *)rd;
	const char *s;

	if (r->tk.type != T_ATOM)
		return NULL;
	*line = r->tk.line;
	*col = r->tk.col;
	s = erlrc_arena_strndup(r->tf->arena, erlrc_buf_str(&r->tk.text),
	    r->tk.text.len);
	if (next(r) < 0)
		return NULL;
	return s;
}

int
erlrc_reader_syntax_error(struct erlrc_reader *rd)
{
	return syntax_error((struct reader *)rd);
}

int
erlrc_reader_at_string(struct erlrc_reader *rd)
{
	return ((struct reader *)rd)->tk.type == T_STRING;
}

void
erlrc_reader_pos(struct erlrc_reader *rd, unsigned *line, unsigned *col)
{
	struct reader *r = (struct reader *)rd;

	*line = r->tk.line;
	*col = r->tk.col;
}

size_t *
erlrc_reader_binary_bits(struct erlrc_reader *rd)
{
	return &((struct reader *)rd)->binary_bits;
}

/* ---- the file ---- */

/* The terms of TEXT, or only its first when FIRST: see term.h. */
static int
parse_file(struct erlrc_termfile *tf, const char *name, const char *text,
    size_t len, int first, struct erlrc_error *err)
{
	struct reader r;
	struct erlrc_term_vec s = ERLRC_TERM_VEC_INIT;
	struct erlrc_term *t;
	int ret = -1;

	memset(&r, 0, sizeof(r));
	r.name = name;
	r.line = r.col = 1;
	r.tf = tf;
	r.err = err;
	free(tf->name);
	tf->name = erlrc_xstrdup(name);
	if (!tf->arena) {
		/* the terms of a file take about six times its text */
		tf->arena = erlrc_arena_new();
		erlrc_arena_expect(tf->arena, 8 * len);
	}
	if (decode(&r, (const unsigned char *)text, len) < 0)
		goto out;
	if (next(&r) < 0)
		goto out;
	while (r.tk.type != T_EOF) {
		t = parse(&r, 1);
		if (!t)
			goto out;
		if (r.tk.type != T_DOT) {
			syntax_error(&r);
			goto out;
		}
		erlrc_term_vec_push(&s, t);
		if (first)
			break;
		if (next(&r) < 0)
			goto out;
	}
	ret = 0;
out:
	tf->terms = erlrc_termfile_alloc(tf, (s.n ? s.n : 1) * sizeof(*s.v));
	if (s.n)
		memcpy(tf->terms, s.v, s.n * sizeof(*s.v));
	tf->nterms = s.n;
	free(s.v);
	free(r.cp);
	erlrc_buf_destroy(&r.tk.text);
	erlrc_buf_destroy(&r.tk.digits);
	return ret;
}

/*
 * erlrc_term_parse - see term.h.  On error TF keeps the terms read so far
 * (callers normally just destroy it).
 */
int
erlrc_term_parse(struct erlrc_termfile *tf, const char *name,
    const char *text, size_t len, struct erlrc_error *err)
{
	return parse_file(tf, name, text, len, 0, err);
}

/* erlrc_term_parse_first - see term.h. */
int
erlrc_term_parse_first(struct erlrc_termfile *tf, const char *name,
    const char *text, size_t len, struct erlrc_error *err)
{
	return parse_file(tf, name, text, len, 1, err);
}

/*
 * erlrc_termfile_read - read and parse PATH; messages name PATH.
 * Returns 0, or -1 with err set (ERLRC_ERR_NOTFOUND for a missing file).
 */
int
erlrc_termfile_read(struct erlrc_termfile *tf, const char *path,
    struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	int ret;

	if (erlrc_buf_read_file(&b, path, err) < 0) {
		erlrc_buf_destroy(&b);
		return -1;
	}
	ret = erlrc_term_parse(tf, path, erlrc_buf_str(&b), b.len, err);
	erlrc_buf_destroy(&b);
	return ret;
}
