/* SPDX-License-Identifier: GPL-2.0-or-later */
/* termdump.c - struct erlrc_term as text that shows how it is stored */
#include <string.h>

#include <check.h>

#include "termdump.h"

/* Text as it is, but control characters and '<' as <HEX>. */
static void
dump_text(struct erlrc_buf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || c == '<')
			erlrc_buf_addf(b, "<%X>", c);
		else
			erlrc_buf_addc(b, (char)c);
	}
}

static void
dump_seq(struct erlrc_buf *b, struct erlrc_term *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			erlrc_buf_addc(b, ',');
		erlrc_test_term_dump(b, v[i]);
	}
}

/*
 * erlrc_test_term_dump - see termdump.h.  What term.h promises and is
 * checked here: a bignum's text has no NUL, a string is not empty, a
 * list has elements and its tail is no list, string or [].
 */
void
erlrc_test_term_dump(struct erlrc_buf *b, const struct erlrc_term *t)
{
	size_t i;

	switch (t->type) {
	case ERLRC_TERM_INTEGER:
		erlrc_buf_addf(b, "%lld", (long long)t->u.i);
		break;
	case ERLRC_TERM_BIGNUM:
		erlrc_buf_addf(b, "big:%s", t->u.text.s);
		ck_assert_uint_eq(strlen(t->u.text.s), t->u.text.len);
		break;
	case ERLRC_TERM_FLOAT:
		erlrc_buf_addf(b, "f:%.17g", t->u.f);
		break;
	case ERLRC_TERM_ATOM:
		erlrc_buf_addc(b, '\'');
		dump_text(b, t->u.text.s, t->u.text.len);
		erlrc_buf_addc(b, '\'');
		break;
	case ERLRC_TERM_STRING:
		ck_assert_uint_gt(t->u.text.len, 0);
		erlrc_buf_addc(b, '"');
		dump_text(b, t->u.text.s, t->u.text.len);
		erlrc_buf_addc(b, '"');
		break;
	case ERLRC_TERM_NIL:
		erlrc_buf_adds(b, "[]");
		break;
	case ERLRC_TERM_LIST:
		ck_assert_uint_gt(t->u.seq.n, 0);
		erlrc_buf_addc(b, '[');
		dump_seq(b, t->u.seq.v, t->u.seq.n);
		if (t->u.seq.tail) {
			ck_assert(t->u.seq.tail->type != ERLRC_TERM_LIST &&
			    t->u.seq.tail->type != ERLRC_TERM_STRING &&
			    t->u.seq.tail->type != ERLRC_TERM_NIL);
			erlrc_buf_addc(b, '|');
			erlrc_test_term_dump(b, t->u.seq.tail);
		}
		erlrc_buf_addc(b, ']');
		break;
	case ERLRC_TERM_TUPLE:
		erlrc_buf_addc(b, '{');
		dump_seq(b, t->u.seq.v, t->u.seq.n);
		erlrc_buf_addc(b, '}');
		break;
	case ERLRC_TERM_MAP:
		erlrc_buf_adds(b, "#{");
		for (i = 0; i < t->u.seq.n; i++) {
			if (i)
				erlrc_buf_addc(b, ',');
			erlrc_test_term_dump(b, t->u.seq.v[2 * i]);
			erlrc_buf_adds(b, "=>");
			erlrc_test_term_dump(b, t->u.seq.v[2 * i + 1]);
		}
		erlrc_buf_addc(b, '}');
		break;
	case ERLRC_TERM_BINARY:
		erlrc_buf_addf(b, "bin:%zu:", t->u.bin.nbits);
		for (i = 0; i < (t->u.bin.nbits + 7) / 8; i++)
			erlrc_buf_addf(b, "%02x", t->u.bin.data[i]);
		break;
	case ERLRC_TERM_FUN:
		erlrc_buf_adds(b, "fun(");
		dump_seq(b, t->u.seq.v, t->u.seq.n);
		erlrc_buf_addc(b, ')');
		break;
	case ERLRC_TERM_OPAQUE:
		erlrc_buf_adds(b, "opaque:");
		dump_text(b, t->u.text.s, t->u.text.len);
		break;
	}
}
