/* SPDX-License-Identifier: GPL-2.0-or-later */
/* beaminfo - test tool: what erlrc reads of .beam files, in lines that a
 * test can compare with what beam_lib says.
 *   beaminfo [-s] FILE...
 * Prints "FILE MD5HEX" for each file (the MD5 as beam_lib:md5/1 has it,
 * in lowercase hex); with -s, also "FILE export F/A" for each export and
 * "FILE import M:F/A" for each import.  Exit 0, or 2 when a file could
 * not be read (its message on stderr; the other files are still read). */
#include <stdio.h>
#include <string.h>

#include <erlrc/beam.h>

static void
print(const struct erlrc_beam *b, const char *file, int symbols)
{
	size_t i;

	printf("%s ", file);
	for (i = 0; i < sizeof(b->md5); i++)
		printf("%02x", b->md5[i]);
	printf("\n");
	if (!symbols)
		return;
	for (i = 0; i < b->nexports; i++)
		printf("%s export %s/%u\n", file, b->exports[i].name,
		    b->exports[i].arity);
	for (i = 0; i < b->nimports; i++)
		printf("%s import %s:%s/%u\n", file, b->imports[i].module,
		    b->imports[i].name, b->imports[i].arity);
}

int
main(int argc, char **argv)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_beam b;
	int i = 1, symbols = 0, ret = 0;

	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		symbols = 1;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: beaminfo [-s] FILE...\n");
		return 2;
	}
	for (; i < argc; i++) {
		erlrc_beam_init(&b);
		if (erlrc_beam_read(&b, argv[i], &err) < 0) {
			fprintf(stderr, "beaminfo: %s\n", err.msg);
			ret = 2;
		} else {
			print(&b, argv[i], symbols);
		}
		erlrc_beam_destroy(&b);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("beaminfo: stdout");
		ret = 2;
	}
	return ret;
}
