/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_beam.c - libFuzzer target: the .beam reader, and its promises
 * about what it read or why it refused */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <zlib.h>

#include <erlrc/beam.h>
#include <erlrc/term.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Is S one of B's atoms (the very pointer)? */
static int
is_atom(const struct erlrc_beam *b, const char *s)
{
	size_t i;

	for (i = 0; i < b->natoms; i++)
		if (b->atoms[i] == s)
			return 1;
	return 0;
}

/* Trap unless what B holds is what beam.h promises. */
static void
check(const struct erlrc_beam *b)
{
	size_t i;

	if (!b->file || strcmp(b->file, "fuzz.beam") != 0 || b->natoms < 1 ||
	    b->module != b->atoms[0] || !b->attributes ||
	    erlrc_term_list_length(b->attributes) < 0)
		__builtin_trap();
	for (i = 0; i < b->natoms; i++)
		if (strlen(b->atoms[i]) > 4 * 255)
			__builtin_trap();
	for (i = 0; i < b->nexports; i++)
		if (!is_atom(b, b->exports[i].name) ||
		    b->exports[i].arity > 255 ||
		    !erlrc_beam_exports(b, b->exports[i].name,
		    b->exports[i].arity))
			__builtin_trap();
	for (i = 0; i < b->nimports; i++)
		if (!is_atom(b, b->imports[i].module) ||
		    !is_atom(b, b->imports[i].name) ||
		    b->imports[i].arity > 255)
			__builtin_trap();
	for (i = 0; i < b->nbehaviours; i++)
		if (!erlrc_beam_has_behaviour(b, b->behaviours[i]))
			__builtin_trap();
}

/*
 * Parse DATA as a .beam file.  When it is read, check what was read;
 * then, unless it was gzip already, compress it and trap unless that
 * reads the same.  When it is refused, the error must be ERLRC_ERR_INPUT
 * and name the file.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char gz[65536];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_beam b, again;
	uLongf gzlen = sizeof(gz);
	z_stream z;

	erlrc_beam_init(&b);
	erlrc_beam_init(&again);
	if (erlrc_beam_parse(&b, "fuzz.beam", data, size, &err) < 0) {
		if (err.code != ERLRC_ERR_INPUT ||
		    strncmp(err.msg, "fuzz.beam: ", 11) != 0 || b.atoms)
			__builtin_trap();
		goto out;
	}
	check(&b);
	if ((size >= 2 && data[0] == 0x1f && data[1] == 0x8b) ||
	    size > sizeof(gz) / 2)
		goto out;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		goto out;
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)size;
	z.next_out = gz;
	z.avail_out = (uInt)gzlen;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		__builtin_trap();
	gzlen = z.total_out;
	deflateEnd(&z);
	if (erlrc_beam_parse(&again, "fuzz.beam", gz, gzlen, &err) < 0) {
		fprintf(stderr, "gzip of a good file: %s\n", err.msg);
		__builtin_trap();
	}
	check(&again);
	if (memcmp(b.md5, again.md5, 16) != 0 || b.natoms != again.natoms ||
	    b.nexports != again.nexports || b.nimports != again.nimports ||
	    b.nbehaviours != again.nbehaviours || !b.vsn != !again.vsn ||
	    (b.vsn && !erlrc_term_equal(b.vsn, again.vsn)))
		__builtin_trap();
out:
	erlrc_beam_destroy(&again);
	erlrc_beam_destroy(&b);
	return 0;
}
