/* fuzz_term.c - libFuzzer target: the term reader, and the writer's
 * promise that what it writes reads back as equal terms */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <erlrc/buf.h>
#include <erlrc/term.h>

#define MAX_WRITTEN (1024 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	size_t i;

	erlrc_termfile_init(&tf);
	erlrc_termfile_init(&back);
	if (erlrc_term_parse(&tf, "fuzz", (const char *)data, size, &err) < 0)
		goto out;
	erlrc_termfile_write(&out, &tf);
	/*
	 * A few bytes of <<0:134217728>> are 16 MiB of binary, written as
	 * 32 MB of text: reading that back takes seconds, so the unit tests
	 * check big binaries and the fuzzer leaves them.
	 */
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
