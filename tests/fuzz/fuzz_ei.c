/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_ei.c - libFuzzer target: the external term format decoder, and
 * the promises of the encoder and the writer that what they make of a
 * decoded term decodes or reads back as an equal term */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <ei.h>

#include <erlrc/buf.h>
#include <erlrc/term.h>

#define MAX_WRITTEN (1024 * 1024)
#define MAX_DEPTH 1000		/* the decoder's and the reader's limit */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * How deep T nests, counted as the decoder counts (a term in a term is
 * one deeper); -1 if it holds a pid, port, reference or local fun, which
 * no text reads back as.
 */
static long
depth(const struct erlrc_term *t)
{
	long max = 0, d;
	size_t i, n;

	switch (t->type) {
	case ERLRC_TERM_OPAQUE:
		return -1;
	case ERLRC_TERM_LIST:
	case ERLRC_TERM_TUPLE:
	case ERLRC_TERM_MAP:
		n = t->type == ERLRC_TERM_MAP ? 2 * t->u.seq.n : t->u.seq.n;
		for (i = 0; i <= n; i++) {
			if (i == n && !(t->type == ERLRC_TERM_LIST &&
			    t->u.seq.tail))
				break;
			d = depth(i < n ? t->u.seq.v[i] : t->u.seq.tail);
			if (d < 0)
				return -1;
			if (d > max)
				max = d;
		}
		return max + 1;
	default:
		return 1;
	}
}

/*
 * Encode T (a pid or the like goes back as it came) and decode that:
 * trap unless the encoder takes it, libei and the decoder find the same
 * end, and the term decoded is erlrc_term_equal to T.
 */
static void
encode_again(const struct erlrc_term *t)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_term *back = NULL;
	ei_x_buff x;
	int index = 0, skip = 0;

	erlrc_termfile_init(&tf);
	if (ei_x_new(&x) < 0)
		__builtin_trap();
	if (erlrc_term_encode(&x, t, &err) < 0) {
		fprintf(stderr, "encoding a decoded term: %s\n", err.msg);
		__builtin_trap();
	}
	if (ei_skip_term(x.buff, &skip) < 0 || skip != x.index)
		__builtin_trap();
	if (erlrc_term_decode(&tf, x.buff, (size_t)x.index, &index, &back,
	    &err) < 0) {
		fprintf(stderr, "decoding what was encoded: %s\n", err.msg);
		__builtin_trap();
	}
	if (index != x.index || !erlrc_term_equal(t, back)) {
		fprintf(stderr, "the term encoded and decoded differs\n");
		__builtin_trap();
	}
	ei_x_free(&x);
	erlrc_termfile_destroy(&tf);
}

/*
 * Decode DATA as one term.  When it decodes, write it (which must not
 * fail whatever the term); encode it again and decode that
 * (encode_again); unless it holds a pid or the like, read what was
 * written and trap unless that is one term, erlrc_term_equal to it.  A
 * refused input is fine: the sanitizers watch how it was refused.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct erlrc_termfile tf, back;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	struct erlrc_term *t = NULL;
	int index = 0;
	long d;

	erlrc_termfile_init(&tf);
	erlrc_termfile_init(&back);
	if (erlrc_term_decode(&tf, (const char *)data, size, &index, &t,
	    &err) < 0)
		goto out;
	if (index <= 0 || (size_t)index > size)
		__builtin_trap();
	erlrc_term_write(&out, t);
	d = depth(t);
	encode_again(t);
	/*
	 * The reader nests a negative number or a binary's segments one
	 * deeper than the decoder counts them: a term at the decoder's limit
	 * may be too deep for the reader.  And as in fuzz_term, a big
	 * binary's text takes too long to read back for the fuzzer.
	 */
	if (d < 0 || d >= MAX_DEPTH || out.len > MAX_WRITTEN)
		goto out;
	erlrc_buf_adds(&out, ".\n");
	if (erlrc_term_parse(&back, "written", erlrc_buf_str(&out), out.len,
	    &err) < 0) {
		fprintf(stderr, "%s\nwritten:\n%s", err.msg,
		    erlrc_buf_str(&out));
		__builtin_trap();
	}
	if (back.nterms != 1 || !erlrc_term_equal(t, back.terms[0])) {
		fprintf(stderr, "the term read back differs; written:\n%s",
		    erlrc_buf_str(&out));
		__builtin_trap();
	}
out:
	erlrc_buf_destroy(&out);
	erlrc_termfile_destroy(&back);
	erlrc_termfile_destroy(&tf);
	return 0;
}
