/* SPDX-License-Identifier: GPL-2.0-or-later */
/* termcat - test tool: read a term file and write it back with erlrc's
 * writer, so tests can compare both with file:consult/1.
 *   termcat IN OUT    exit 0, or 2 with the reader's message on stderr */
#include <stdio.h>

#include <erlrc/buf.h>
#include <erlrc/term.h>

int
main(int argc, char **argv)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	FILE *f;
	int ret = 2;

	if (argc != 3) {
		fprintf(stderr, "usage: termcat IN OUT\n");
		return 2;
	}
	erlrc_termfile_init(&tf);
	if (erlrc_termfile_read(&tf, argv[1], &err) < 0) {
		fprintf(stderr, "termcat: %s\n", err.msg);
		goto out;
	}
	erlrc_termfile_write(&out, &tf);
	f = fopen(argv[2], "w");
	if (!f || fwrite(erlrc_buf_str(&out), 1, out.len, f) != out.len ||
	    fclose(f) != 0) {
		perror(argv[2]);
		goto out;
	}
	ret = 0;
out:
	erlrc_buf_destroy(&out);
	erlrc_termfile_destroy(&tf);
	return ret;
}
