/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_term.c - libFuzzer target: the term reader, and the writer's
 * promise that what it writes reads back as equal terms */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <erlrc/buf.h>
#include <erlrc/term.h>

#define MAX_WRITTEN (1024 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bits of every binary in T, counting until LIMIT is passed. */
static size_t
binary_bits(const struct erlrc_term *t, size_t limit)
{
	size_t i, n, sum = 0;

	switch (t->type) {
	case ERLRC_TERM_BINARY:
		return t->u.bin.nbits;
	case ERLRC_TERM_LIST:
	case ERLRC_TERM_TUPLE:
	case ERLRC_TERM_MAP:
		n = t->type == ERLRC_TERM_MAP ? 2 * t->u.seq.n : t->u.seq.n;
		for (i = 0; i < n && sum <= limit; i++)
			sum += binary_bits(t->u.seq.v[i], limit);
		if (t->type == ERLRC_TERM_LIST && t->u.seq.tail &&
		    sum <= limit)
			sum += binary_bits(t->u.seq.tail, limit);
		return sum;
	default:
		return 0;
	}
}

/*
 * Parse DATA as a term file.  When it parses, write it, parse what was
 * written and trap unless that succeeds with the same number of terms,
 * each erlrc_term_equal to the original.  A refused input is fine: the
 * sanitizers watch how it was refused.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct erlrc_termfile tf, back;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	size_t i, bits;

	erlrc_termfile_init(&tf);
	erlrc_termfile_init(&back);
	if (erlrc_term_parse(&tf, "fuzz", (const char *)data, size, &err) < 0)
		goto out;
	/*
	 * A few bytes of <<0:134217728>> are 16 MiB of binary, written as
	 * 32 MB of text: reading that back takes seconds, so the unit tests
	 * check big binaries and the fuzzer leaves them, before writing.
	 */
	for (i = 0, bits = 0; i < tf.nterms && bits <= 8 * MAX_WRITTEN / 2;
	    i++)
		bits += binary_bits(tf.terms[i], 8 * MAX_WRITTEN / 2);
	if (bits > 8 * MAX_WRITTEN / 2)
		goto out;
	erlrc_termfile_write(&out, &tf);
	if (out.len > MAX_WRITTEN)
		goto out;
	if (erlrc_term_parse(&back, "written", erlrc_buf_str(&out), out.len,
	    &err) < 0) {
		fprintf(stderr, "%s\nwritten:\n%s", err.msg,
		    erlrc_buf_str(&out));
		__builtin_trap();
	}
	if (back.nterms != tf.nterms)
		__builtin_trap();
	for (i = 0; i < tf.nterms; i++) {
		if (!erlrc_term_equal(tf.terms[i], back.terms[i])) {
			fprintf(stderr, "term %zu differs; written:\n%s", i + 1,
			    erlrc_buf_str(&out));
			__builtin_trap();
		}
	}
out:
	erlrc_buf_destroy(&out);
	erlrc_termfile_destroy(&back);
	erlrc_termfile_destroy(&tf);
	return 0;
}
