/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_beam.c - unit tests of beam.c, the .beam file reader */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <zlib.h>

#include <erlrc/beam.h>
#include <erlrc/buf.h>
#include <erlrc/term.h>

#include "suites.h"

/*
 * The fixtures in data/beam/ were compiled by OTP 25's erlc from the
 * sources there (gen.sh, which also prints their MD5s as beam_lib:md5/1
 * gives them: the table below has them).  Other inputs are built here,
 * chunk by chunk.
 */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* a string literal as bytes and length */
#define RAW(s) s, sizeof(s) - 1

/* ---- helpers ---- */

static void
add32(struct erlrc_buf *b, uint32_t v)
{
	unsigned char s[4] = { v >> 24, v >> 16 & 0xff, v >> 8 & 0xff,
	    v & 0xff };

	erlrc_buf_add(b, s, 4);
}

static uint32_t
get32(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 |
	    (uint32_t)u[2] << 8 | u[3];
}

/* Append a chunk: id, length, data, padding. */
static void
add_chunk(struct erlrc_buf *b, const char *id, const void *data, size_t len)
{
	static const char zero[3];

	erlrc_buf_add(b, id, 4);
	add32(b, (uint32_t)len);
	erlrc_buf_add(b, data, len);
	erlrc_buf_add(b, zero, (4 - len % 4) % 4);
}

/* Start a form in B (reset): FOR1, a length to be fixed, BEAM. */
static void
start_form(struct erlrc_buf *b)
{
	erlrc_buf_reset(b);
	erlrc_buf_add(b, "FOR1\0\0\0\0BEAM", 12);
}

/* Set the form's length to what B holds. */
static void
end_form(struct erlrc_buf *b)
{
	uint32_t n = (uint32_t)(b->len - 8);

	b->s[4] = (char)(n >> 24);
	b->s[5] = (char)(n >> 16);
	b->s[6] = (char)(n >> 8);
	b->s[7] = (char)n;
}

/* The LEN bytes at DATA, gzip-compressed, into OUT (reset). */
static void
gzip(struct erlrc_buf *out, const void *data, size_t len)
{
	z_stream z;
	int ret;

	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED,
	    16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	erlrc_buf_reset(out);
	erlrc_buf_grow(out, deflateBound(&z, (uLong)len));
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)len;
	z.next_out = (unsigned char *)out->s;
	z.avail_out = (uInt)(out->cap - 1);
	ret = deflate(&z, Z_FINISH);
	ck_assert_int_eq(ret, Z_STREAM_END);
	out->len = z.total_out;
	deflateEnd(&z);
}

/* The gzip data IN inflated into OUT (reset). */
static void
gunzip(struct erlrc_buf *out, const struct erlrc_buf *in)
{
	z_stream z;
	int ret;

	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(inflateInit2(&z, 16 + MAX_WBITS), Z_OK);
	erlrc_buf_reset(out);
	z.next_in = (unsigned char *)in->s;
	z.avail_in = (uInt)in->len;
	do {
		erlrc_buf_grow(out, 65536);
		z.next_out = (unsigned char *)out->s + out->len;
		z.avail_out = (uInt)(out->cap - out->len - 1);
		ret = inflate(&z, Z_NO_FLUSH);
		out->len = z.total_out;
		ck_assert(ret == Z_OK || ret == Z_STREAM_END);
	} while (ret != Z_STREAM_END);
	inflateEnd(&z);
}

/* The 128-bit big-endian number MD5 in decimal. */
static void
md5_decimal(char out[40], const unsigned char md5[16])
{
	unsigned char n[16];
	char digits[40];
	size_t nd = 0, i;
	int nonzero;

	memcpy(n, md5, 16);
	do {
		unsigned rem = 0;

		nonzero = 0;
		for (i = 0; i < 16; i++) {
			unsigned cur = rem << 8 | n[i];

			n[i] = (unsigned char)(cur / 10);
			rem = cur % 10;
			nonzero |= n[i];
		}
		digits[nd++] = (char)('0' + rem);
	} while (nonzero);
	for (i = 0; i < nd; i++)
		out[i] = digits[nd - 1 - i];
	out[nd] = '\0';
}

static void
md5_hex(char out[33], const unsigned char md5[16])
{
	size_t i;

	for (i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", md5[i]);
}

/*
 * Everything B holds on one line, so that a table can say it:
 * "MODULE exports=F/A,... imports=M:F/A,... beh=B,... vsn=TERM md5=HEX",
 * vsn=- when there is none, vsn=md5 when it is [the MD5 as an integer],
 * as the compiler writes it when the module has no -vsn.
 */
static char *
dump(const struct erlrc_beam *b, int with_md5)
{
	struct erlrc_buf out = ERLRC_BUF_INIT, vsn = ERLRC_BUF_INIT;
	char dec[40], hex[33], md5vsn[44];
	size_t i;

	ck_assert_ptr_nonnull(b->file);
	ck_assert_uint_ge(b->natoms, 1);
	ck_assert_str_eq(b->module, b->atoms[0]);
	ck_assert_ptr_nonnull(b->attributes);
	ck_assert_int_ge(erlrc_term_list_length(b->attributes), 0);
	erlrc_buf_addf(&out, "%s exports=", b->module);
	for (i = 0; i < b->nexports; i++) {
		erlrc_buf_addf(&out, "%s%s/%u", i ? "," : "",
		    b->exports[i].name, b->exports[i].arity);
		ck_assert(erlrc_beam_exports(b, b->exports[i].name,
		    b->exports[i].arity));
	}
	erlrc_buf_adds(&out, " imports=");
	for (i = 0; i < b->nimports; i++)
		erlrc_buf_addf(&out, "%s%s:%s/%u", i ? "," : "",
		    b->imports[i].module, b->imports[i].name,
		    b->imports[i].arity);
	erlrc_buf_adds(&out, " beh=");
	for (i = 0; i < b->nbehaviours; i++) {
		erlrc_buf_addf(&out, "%s%s", i ? "," : "", b->behaviours[i]);
		ck_assert(erlrc_beam_has_behaviour(b, b->behaviours[i]));
	}
	if (b->vsn) {
		erlrc_term_write(&vsn, b->vsn);
		md5_decimal(dec, b->md5);
		snprintf(md5vsn, sizeof(md5vsn), "[%s]", dec);
		if (strcmp(vsn.s, md5vsn) == 0) {
			erlrc_buf_reset(&vsn);
			erlrc_buf_adds(&vsn, "md5");
		}
	} else {
		erlrc_buf_adds(&vsn, "-");
	}
	erlrc_buf_addf(&out, " vsn=%s", vsn.s);
	if (with_md5) {
		md5_hex(hex, b->md5);
		erlrc_buf_addf(&out, " md5=%s", hex);
	}
	erlrc_buf_destroy(&vsn);
	return erlrc_buf_detach(&out);
}

/*
 * Parse the LEN bytes at DATA (copied to a buffer of exactly that size,
 * so that the sanitizers see a read past the end) as file NAME.  Returns
 * dump() of the result, or the error message; either is to be freed.
 */
static char *
parse(const char *name, const void *data, size_t len, int with_md5,
    struct erlrc_beam *keep)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_beam b;
	unsigned char *copy = malloc(len ? len : 1);
	char *ret;

	ck_assert_ptr_nonnull(copy);
	if (len)
		memcpy(copy, data, len);
	erlrc_beam_init(&b);
	if (erlrc_beam_parse(&b, name, copy, len, &err) == 0) {
		ret = dump(&b, with_md5);
	} else {
		ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
		/* a failed parse leaves B empty */
		ck_assert_ptr_null(b.atoms);
		ck_assert_ptr_null(b.file);
		ck_assert_uint_eq(b.nexports, 0);
		ret = strdup(err.msg);
	}
	free(copy);
	if (keep)
		*keep = b;
	else
		erlrc_beam_destroy(&b);
	return ret;
}

/* Does the parse of DATA fail as it should: with NAME first, and ID? */
static void
check_refused(const char *name, const char *data, size_t len,
    const char *id)
{
	char prefix[256];
	char *got = parse(name, data, len, 1, NULL);

	snprintf(prefix, sizeof(prefix), "%s: ", name);
	ck_assert_msg(strncmp(got, prefix, strlen(prefix)) == 0,
	    "%zu bytes: %s", len, got);
	if (id)
		ck_assert_msg(strstr(got, id), "%zu bytes: %s lacks %s", len,
		    got, id);
	free(got);
}

static void
read_fixture(struct erlrc_buf *b, const char *file)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char path[1024];

	snprintf(path, sizeof(path), "%s/beam/%s", ERLRC_TEST_DATA, file);
	erlrc_buf_reset(b);
	ck_assert_msg(erlrc_buf_read_file(b, path, &err) == 0, "%s", err.msg);
}

/* A fixture as an IFF form: inflated when it is gzip. */
static void
read_form(struct erlrc_buf *b, const char *file)
{
	struct erlrc_buf gz = ERLRC_BUF_INIT;

	read_fixture(&gz, file);
	if (gz.len >= 2 && (unsigned char)gz.s[0] == 0x1f)
		gunzip(b, &gz);
	else
		erlrc_buf_add(b, gz.s, gz.len);
	erlrc_buf_destroy(&gz);
	ck_assert_int_eq(memcmp(b->s, "FOR1", 4), 0);
}

/* ---- the fixtures ---- */

static const struct fixture {
	const char *file;
	const char *want;	/* what dump() gives */
} fixtures[] = {
	{ "plain.beam", "plain "
	  "exports=module_info/1,module_info/0,quoted name/1,add/2,start/0 "
	  "imports=other:call/3,lists:reverse/1,string:length/1,"
	  "other:size/1,erlang:+/2,erlang:get_module_info/1,"
	  "erlang:get_module_info/2 "
	  "beh= vsn=\"1.2.3\" md5=125af0f5453d9cd1a6c05109c3742f6d" },
	{ "server.beam", "server "
	  "exports=module_info/1,module_info/0,code_change/3,handle_cast/2,"
	  "handle_call/3,init/1,start_link/0 "
	  "imports=gen_server:start_link/4,lists:map/2,erlang:map_get/2,"
	  "erlang:+/2,erlang:get_module_info/1,erlang:get_module_info/2,"
	  "erlang:*/2 "
	  "beh=gen_server vsn=md5 md5=d00f5ffc53e060d19151ec0b0c8ce8eb" },
	/*
	 * beam_lib:strip/1 of server.beam: no Attr chunk, the same MD5, the
	 * chunks in another order, gzip-compressed
	 */
	{ "stripped.beam", "server "
	  "exports=module_info/1,module_info/0,code_change/3,handle_cast/2,"
	  "handle_call/3,init/1,start_link/0 "
	  "imports=gen_server:start_link/4,lists:map/2,erlang:map_get/2,"
	  "erlang:+/2,erlang:get_module_info/1,erlang:get_module_info/2,"
	  "erlang:*/2 "
	  "beh= vsn=- md5=d00f5ffc53e060d19151ec0b0c8ce8eb" },
	{ "sup.beam", "sup "
	  "exports=module_info/1,module_info/0,init/1,stop/1,start/2 "
	  "imports=supervisor:start_link/2,erlang:get_module_info/1,"
	  "erlang:get_module_info/2 "
	  "beh=supervisor,application vsn=\"*\" "
	  "md5=55800c7cecce9cf343d0c5724ff1febb" },
	{ "twovsn.beam", "twovsn "
	  "exports=module_info/1,module_info/0,f/0 "
	  "imports=erlang:get_module_info/1,erlang:get_module_info/2 "
	  "beh= vsn=[49,46,48,2] md5=a25c8b83b88896998d89b1b66c0d6d40" },
	/* compile:file/2 with the compressed option: gzip */
	{ "packed.beam", "packed "
	  "exports=module_info/1,module_info/0,code_change/3,handle_call/2,"
	  "handle_event/2,init/1 "
	  "imports=io:format/2,erlang:get_module_info/1,"
	  "erlang:get_module_info/2 "
	  "beh=gen_event vsn=md5 md5=35539278fa3a9a5b4629f1ad2bf236b2" },
	/* an old Latin-1 "Atom" chunk, made UTF-8 */
	{ "latin1.beam", "latin1 "
	  "exports=module_info/1,module_info/0,na\xc3\xafve/1,caf\xc3\xa9/0 "
	  "imports=lists:sort/1,erlang:get_module_info/1,"
	  "erlang:get_module_info/2 "
	  "beh= vsn=[152142690915713132622156991406926848132] "
	  "md5=bbd911a2f8e38cd410757b75551aadda" },
};

START_TEST(test_fixture)
{
	const struct fixture *f = &fixtures[_i];
	struct erlrc_buf data = ERLRC_BUF_INIT;
	char *got;

	read_fixture(&data, f->file);
	got = parse(f->file, data.s, data.len, 1, NULL);
	ck_assert_str_eq(got, f->want);
	free(got);
	erlrc_buf_destroy(&data);
}
END_TEST

/* Each fixture compressed reads the same, and so does the plain form. */
START_TEST(test_fixture_gzip)
{
	const struct fixture *f = &fixtures[_i];
	struct erlrc_buf form = ERLRC_BUF_INIT, gz = ERLRC_BUF_INIT;
	char *got;

	read_form(&form, f->file);
	got = parse(f->file, form.s, form.len, 1, NULL);
	ck_assert_str_eq(got, f->want);
	free(got);
	gzip(&gz, form.s, form.len);
	got = parse(f->file, gz.s, gz.len, 1, NULL);
	ck_assert_str_eq(got, f->want);
	free(got);
	erlrc_buf_destroy(&form);
	erlrc_buf_destroy(&gz);
}
END_TEST

START_TEST(test_read)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_beam b;
	char path[1024];

	snprintf(path, sizeof(path), "%s/beam/sup.beam", ERLRC_TEST_DATA);
	erlrc_beam_init(&b);
	ck_assert_msg(erlrc_beam_read(&b, path, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(b.file, path);
	ck_assert_str_eq(b.module, "sup");
	ck_assert(erlrc_beam_exports(&b, "init", 1));
	ck_assert(!erlrc_beam_exports(&b, "init", 2));
	ck_assert(!erlrc_beam_exports(&b, "code_change", 3));
	ck_assert(erlrc_beam_has_behaviour(&b, "supervisor"));
	ck_assert(erlrc_beam_has_behaviour(&b, "application"));
	ck_assert(!erlrc_beam_has_behaviour(&b, "gen_server"));
	erlrc_beam_destroy(&b);
	ck_assert_ptr_null(b.module);
	ck_assert_uint_eq(b.nexports, 0);

	snprintf(path, sizeof(path), "%s/beam/none.beam", ERLRC_TEST_DATA);
	ck_assert_int_eq(erlrc_beam_read(&b, path, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, path));
	erlrc_beam_destroy(&b);

	snprintf(path, sizeof(path), "%s/beam", ERLRC_TEST_DATA);
	ck_assert_int_eq(erlrc_beam_read(&b, path, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, path));
	erlrc_beam_destroy(&b);

	snprintf(path, sizeof(path), "%s/beam/sup.erl", ERLRC_TEST_DATA);
	ck_assert_int_eq(erlrc_beam_read(&b, path, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	snprintf(path + strlen(path), sizeof(path) - strlen(path),
	    ": not a BEAM file");
	ck_assert_str_eq(err.msg, path);
	erlrc_beam_destroy(&b);
}
END_TEST

/* ---- inputs built here ---- */

/* The chunks of a small valid module: synth:f/0 calls erlang:f/1. */
#define ATOMS "\0\0\0\3" "\5synth" "\1f" "\6erlang"
#define CODE "\0\0\0\20"	/* only hashed, never read */
#define EXPT "\0\0\0\1" "\0\0\0\2" "\0\0\0\0" "\0\0\0\1"
#define IMPT "\0\0\0\1" "\0\0\0\3" "\0\0\0\2" "\0\0\0\1"
/* [{vsn, "1"}] */
#define ATTR "\203\154\0\0\0\1" "\150\2\144\0\3vsn\153\0\1" "1" "\152"

#define SYNTH_OK "synth exports=f/0 imports=erlang:f/1 beh= vsn=\"1\""
#define E "synth.beam: "

enum op {
	REPLACE,	/* the chunk's data (the atom table's for "Atom") */
	OMIT,		/* no such chunk */
	ADD,		/* one more chunk, after the others */
};

static const struct synth_case {
	const char *id;
	enum op op;
	const char *data;
	size_t len;
	const char *want;	/* dump() without md5, or the error */
} synth[] = {
	{ "Code", REPLACE, RAW(CODE), SYNTH_OK },

	/* atoms */
	{ "AtU8", REPLACE, RAW("\0\0"),
	  E "truncated chunk 'AtU8' (needs 4 bytes, has 2)" },
	{ "AtU8", REPLACE, RAW("\0\0\0\0"),
	  E "chunk 'AtU8': no atoms (the first is the module's name)" },
	{ "AtU8", REPLACE, RAW("\0\0\3\350" "\5synth" "\1f" "\6erlang"),
	  E "truncated chunk 'AtU8' (needs at least 1004 bytes, has 19)" },
	{ "AtU8", REPLACE, RAW("\0\0\0\4" "\5synth" "\1f" "\6erlang"),
	  E "truncated chunk 'AtU8' (needs at least 20 bytes, has 19)" },
	{ "AtU8", REPLACE, RAW("\0\0\0\3" "\5synth" "\1f" "\7erlang"),
	  E "truncated chunk 'AtU8' (needs 20 bytes, has 19)" },
	{ "AtU8", REPLACE, RAW("\0\0\0\3" "\5synth" "\3f" "\6erlang"),
	  E "truncated chunk 'AtU8' (needs 129 bytes, has 19)" },
	{ "AtU8", REPLACE, RAW(ATOMS "\0\0"),
	  E "chunk 'AtU8': 2 bytes after atom 3, the last" },
	{ "AtU8", REPLACE, RAW("\0\0\0\3" "\5synth" "\2\303\050" "\6erlang"),
	  E "chunk 'AtU8': atom 2 is not UTF-8" },
	{ "AtU8", REPLACE, RAW("\0\0\0\3" "\5synth" "\2\300\201" "\6erlang"),
	  E "chunk 'AtU8': atom 2 is not UTF-8" },	/* overlong */
	{ "AtU8", REPLACE, RAW("\0\0\0\3" "\5synth" "\3\355\240\200"
	  "\6erlang"),
	  E "chunk 'AtU8': atom 2 is not UTF-8" },	/* a surrogate */
	{ "AtU8", REPLACE, RAW("\0\0\0\3" "\5synth" "\4\364\220\200\200"
	  "\6erlang"),
	  E "chunk 'AtU8': atom 2 is not UTF-8" },	/* past U+10FFFF */
	{ "AtU8", REPLACE, RAW("\0\0\0\3" "\5synth" "\3f\0g" "\6erlang"),
	  E "chunk 'AtU8': atom 2 holds a NUL character" },
	{ "AtU8", REPLACE, RAW("\0\0\0\3" "\5synth" "\2\303\251"
	  "\6erlang"),
	  "synth exports=\xc3\xa9/0 imports=erlang:\xc3\xa9/1 beh= "
	  "vsn=\"1\"" },
	/* a negative count: lengths in the compact term encoding */
	{ "AtU8", REPLACE, RAW("\377\377\377\375" "\120synth" "\020f"
	  "\140erlang"), SYNTH_OK },
	{ "AtU8", REPLACE, RAW("\377\377\377\375" "\120synth"
	  "\010\001f" "\030\0\6erlang"), SYNTH_OK },
	{ "AtU8", REPLACE, RAW("\377\377\377\375" "\121synth" "\020f"
	  "\140erlang"),
	  E "chunk 'AtU8': the length of atom 1 has tag 1, not 0" },
	{ "AtU8", REPLACE, RAW("\377\377\377\375" "\120synth"
	  "\070\0\3\375"),
	  E "chunk 'AtU8': atom 2 has 1021 bytes (at most 1020)" },
	{ "AtU8", REPLACE, RAW("\377\377\377\375" "\120synth"
	  "\370\377\377\377\377\377\377\377\377\377"),
	  E "chunk 'AtU8': the length of atom 2 is too large" },
	{ "AtU8", REPLACE, RAW("\377\377\377\375" "\120synth" "\370f"),
	  E "chunk 'AtU8': the length of atom 2 is too large" },
	{ "AtU8", REPLACE, RAW("\377\377\377\375" "\120synth" "\020f" "\050"),
	  E "truncated chunk 'AtU8' (needs at least 14 bytes, has 13)" },
	{ "AtU8", REPLACE, RAW("\377\377\377\375" "\120synth" "\020f"
	  "\070\0\0"),
	  E "truncated chunk 'AtU8' (needs at least 16 bytes, has 15)" },
	{ "AtU8", REPLACE, RAW("\200\0\0\0" "\120synth"),
	  E "truncated chunk 'AtU8' (needs at least 2147483652 bytes, "
	  "has 10)" },
	{ "AtU8", OMIT, NULL, 0,
	  E "no atom table (chunk 'AtU8' or 'Atom')" },
	/* the old Latin-1 table */
	{ "Atom", REPLACE, RAW("\0\0\0\3" "\5synth" "\4caf\351" "\6erlang"),
	  "synth exports=caf\xc3\xa9/0 imports=erlang:caf\xc3\xa9/1 beh= "
	  "vsn=\"1\"" },
	{ "Atom", REPLACE, RAW("\0\0\0\3" "\5synth" "\4caf" "\6erlang"),
	  E "truncated chunk 'Atom' (needs 117 bytes, has 21)" },
	{ "Atom", REPLACE, RAW("\0\0\0\3" "\5synth" "\1\0" "\6erlang"),
	  E "chunk 'Atom': atom 2 holds a NUL character" },
	/* AtU8 wins over Atom */
	{ "Atom", ADD, RAW("\0\0\0\3" "\5other" "\1g" "\6erlang"),
	  SYNTH_OK },

	/* the chunks beam_lib:md5/1 needs */
	{ "Code", OMIT, NULL, 0, E "missing mandatory chunk 'Code'" },
	{ "StrT", OMIT, NULL, 0, E "missing mandatory chunk 'StrT'" },
	{ "ImpT", OMIT, NULL, 0, E "missing mandatory chunk 'ImpT'" },
	{ "ExpT", OMIT, NULL, 0, E "missing mandatory chunk 'ExpT'" },
	{ "ExpT", ADD, RAW(EXPT), E "chunk 'ExpT' appears twice" },
	{ "AtU8", ADD, RAW(ATOMS), E "chunk 'AtU8' appears twice" },
	{ "Attr", ADD, RAW(ATTR), E "chunk 'Attr' appears twice" },
	/* chunks erlrc does not read are skipped */
	{ "Line", ADD, RAW("x"), SYNTH_OK },
	{ "Xyz1", ADD, RAW(""), SYNTH_OK },

	/* exports */
	{ "ExpT", REPLACE, RAW("\0\0"),
	  E "truncated chunk 'ExpT' (needs 4 bytes, has 2)" },
	{ "ExpT", REPLACE, RAW("\0\0\0\2" "\0\0\0\2" "\0\0\0\0" "\0\0\0\1"),
	  E "truncated chunk 'ExpT' (needs 28 bytes, has 16)" },
	{ "ExpT", REPLACE, RAW("\377\377\377\377"),
	  E "truncated chunk 'ExpT' (needs 51539607544 bytes, has 4)" },
	{ "ExpT", REPLACE, RAW(EXPT "\0\0\0\0"),
	  E "chunk 'ExpT': 4 bytes after its 1 entry" },
	{ "ExpT", REPLACE, RAW("\0\0\0\0" "\0"),
	  E "chunk 'ExpT': 1 byte after its 0 entries" },
	{ "ExpT", REPLACE, RAW("\0\0\0\1" "\0\0\0\14" "\0\0\0\0" "\0\0\0\1"),
	  E "chunk 'ExpT': atom index 12 out of range (1..3)" },
	{ "ExpT", REPLACE, RAW("\0\0\0\1" "\0\0\0\0" "\0\0\0\0" "\0\0\0\1"),
	  E "chunk 'ExpT': atom index 0 out of range (1..3)" },
	{ "ExpT", REPLACE, RAW("\0\0\0\1" "\0\0\0\4" "\0\0\0\0" "\0\0\0\1"),
	  E "chunk 'ExpT': atom index 4 out of range (1..3)" },
	{ "ExpT", REPLACE, RAW("\0\0\0\1" "\0\0\0\2" "\0\0\1\0" "\0\0\0\1"),
	  E "chunk 'ExpT': arity 256 out of range (0..255)" },
	{ "ExpT", REPLACE, RAW("\0\0\0\1" "\0\0\0\2" "\0\0\0\377" "\0\0\0\1"),
	  "synth exports=f/255 imports=erlang:f/1 beh= vsn=\"1\"" },
	{ "ExpT", REPLACE, RAW("\0\0\0\0"),
	  "synth exports= imports=erlang:f/1 beh= vsn=\"1\"" },

	/* imports */
	{ "ImpT", REPLACE, RAW("\0\0\0"),
	  E "truncated chunk 'ImpT' (needs 4 bytes, has 3)" },
	{ "ImpT", REPLACE, RAW("\0\0\0\2" "\0\0\0\3" "\0\0\0\2" "\0\0\0\1"),
	  E "truncated chunk 'ImpT' (needs 28 bytes, has 16)" },
	{ "ImpT", REPLACE, RAW(IMPT "\0\0"),
	  E "chunk 'ImpT': 2 bytes after its 1 entry" },
	{ "ImpT", REPLACE, RAW("\0\0\0\1" "\0\0\0\4" "\0\0\0\2" "\0\0\0\1"),
	  E "chunk 'ImpT': atom index 4 out of range (1..3)" },
	{ "ImpT", REPLACE, RAW("\0\0\0\1" "\0\0\0\3" "\377\0\0\2" "\0\0\0\1"),
	  E "chunk 'ImpT': atom index 4278190082 out of range (1..3)" },
	{ "ImpT", REPLACE, RAW("\0\0\0\1" "\0\0\0\3" "\0\0\0\2" "\0\0\3\350"),
	  E "chunk 'ImpT': arity 1000 out of range (0..255)" },
	{ "ImpT", REPLACE, RAW("\0\0\0\2" "\0\0\0\3" "\0\0\0\2" "\0\0\0\1"
	  "\0\0\0\1" "\0\0\0\1" "\0\0\0\0"),
	  "synth exports=f/0 imports=erlang:f/1,synth:synth/0 beh= "
	  "vsn=\"1\"" },

	/* attributes */
	{ "Attr", OMIT, NULL, 0,
	  "synth exports=f/0 imports=erlang:f/1 beh= vsn=-" },
	{ "Attr", REPLACE, RAW(""),
	  E "chunk 'Attr': not in the external term format (no version "
	  "byte 131)" },
	{ "Attr", REPLACE, RAW("\154\0\0\0\0"),
	  E "chunk 'Attr': not in the external term format (no version "
	  "byte 131)" },
	{ "Attr", REPLACE, RAW("\203"),
	  E "chunk 'Attr': bad external term at byte 1: the data ends "
	  "inside a term" },
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\1"),
	  E "chunk 'Attr': bad external term at byte 1: a list of 1 "
	  "element, but the data has 0 more bytes" },
	{ "Attr", REPLACE, RAW("\203\152"),
	  "synth exports=f/0 imports=erlang:f/1 beh= vsn=-" },
	{ "Attr", REPLACE, RAW(ATTR "junk"), SYNTH_OK },
	{ "Attr", REPLACE, RAW("\203\141\1"),
	  E "chunk 'Attr': an integer, not a list of attributes" },
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\1" "\152" "\141\1"),
	  E "chunk 'Attr': an improper list, not a list of attributes" },
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\1" "\141\1" "\152"),
	  E "chunk 'Attr': attribute 1 is an integer, not a {Key, Value} "
	  "tuple" },
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\2" "\150\2\144\0\3vsn\152"
	  "\150\3\144\0\3vsn\152\152" "\152"),
	  E "chunk 'Attr': attribute 2 is a tuple, not a {Key, Value} "
	  "tuple" },
	/* [{behaviour, [gen_server]}, {behavior, [supervisor, app]}] */
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\2"
	  "\150\2\144\0\11behaviour\154\0\0\0\1\144\0\12gen_server\152"
	  "\150\2\144\0\10behavior\154\0\0\0\2\144\0\12supervisor"
	  "\144\0\3app\152" "\152"),
	  "synth exports=f/0 imports=erlang:f/1 "
	  "beh=gen_server,supervisor,app vsn=-" },
	/* [{behaviour, []}, {other, [x]}] */
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\2"
	  "\150\2\144\0\11behaviour\152"
	  "\150\2\144\0\5other\154\0\0\0\1\144\0\1x\152" "\152"),
	  "synth exports=f/0 imports=erlang:f/1 beh= vsn=-" },
	/* [{behaviour, gen_server}] */
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\1"
	  "\150\2\144\0\11behaviour\144\0\12gen_server" "\152"),
	  E "chunk 'Attr': the behaviour attribute is an atom, not a list "
	  "of atoms" },
	/* [{behavior, [1]}] */
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\1"
	  "\150\2\144\0\10behavior\154\0\0\0\1\141\1\152" "\152"),
	  E "chunk 'Attr': the behavior attribute holds an integer, not an "
	  "atom" },
	/* [{vsn, "1.0"}, {vsn, [2]}]: appended as beam_lib:version/1 does */
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\2"
	  "\150\2\144\0\3vsn\153\0\3" "1.0"
	  "\150\2\144\0\3vsn\154\0\0\0\1\141\2\152" "\152"),
	  "synth exports=f/0 imports=erlang:f/1 beh= vsn=[49,46,48,2]" },
	/* [{vsn, "\xe9"}, {vsn, []}, {vsn, "b"}] */
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\3"
	  "\150\2\144\0\3vsn\153\0\1\351"
	  "\150\2\144\0\3vsn\152"
	  "\150\2\144\0\3vsn\153\0\1" "b" "\152"),
	  "synth exports=f/0 imports=erlang:f/1 beh= vsn=\"\xc3\xa9" "b\"" },
	/* [{vsn, x}]: one is kept as it is */
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\1" "\150\2\144\0\3vsn\144\0\1x"
	  "\152"),
	  "synth exports=f/0 imports=erlang:f/1 beh= vsn=x" },
	/* [{vsn, [1]}, {vsn, x}] */
	{ "Attr", REPLACE, RAW("\203\154\0\0\0\2"
	  "\150\2\144\0\3vsn\154\0\0\0\1\141\1\152"
	  "\150\2\144\0\3vsn\144\0\1x" "\152"),
	  E "chunk 'Attr': one of 2 vsn attributes is an atom, not a list" },
};

/* The synthetic module with case C applied, into B. */
static void
build_synth(struct erlrc_buf *b, const struct synth_case *c)
{
	static const struct {
		const char *id;
		const char *data;
		size_t len;
	} base[] = {
		{ "AtU8", RAW(ATOMS) },
		{ "Code", RAW(CODE) },
		{ "StrT", RAW("") },
		{ "ImpT", RAW(IMPT) },
		{ "ExpT", RAW(EXPT) },
		{ "Attr", RAW(ATTR) },
	};
	const char *id;
	size_t i;

	start_form(b);
	for (i = 0; i < COUNT(base); i++) {
		id = base[i].id;
		if (c->op == ADD || (strcmp(c->id, id) != 0 &&
		    !(strcmp(c->id, "Atom") == 0 && i == 0))) {
			add_chunk(b, id, base[i].data, base[i].len);
			continue;
		}
		if (c->op == REPLACE)
			add_chunk(b, c->id, c->data, c->len);
	}
	if (c->op == ADD)
		add_chunk(b, c->id, c->data, c->len);
	end_form(b);
}

START_TEST(test_synth)
{
	const struct synth_case *c = &synth[_i];
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char *got;

	build_synth(&b, c);
	got = parse("synth.beam", b.s, b.len, 0, NULL);
	ck_assert_str_eq(got, c->want);
	free(got);
	erlrc_buf_destroy(&b);
}
END_TEST

/* Atoms longer than 255 bytes, and 255 characters at most. */
START_TEST(test_long_atoms)
{
	struct erlrc_buf b = ERLRC_BUF_INIT, atoms = ERLRC_BUF_INIT;
	struct erlrc_buf want = ERLRC_BUF_INIT;
	struct synth_case c = { "AtU8", REPLACE, NULL, 0, NULL };
	size_t i;
	char *got;

	/* synth, 255 two-byte characters (510 bytes), erlang */
	add32(&atoms, (uint32_t)-3);
	erlrc_buf_add(&atoms, RAW("\120synth"));
	/* 510 = 0x1fe: (0x1fe >> 8) << 5 | 0x08, then 0xfe */
	erlrc_buf_add(&atoms, RAW("\050\376"));
	for (i = 0; i < 255; i++)
		erlrc_buf_add(&atoms, RAW("\303\251"));
	erlrc_buf_add(&atoms, RAW("\140erlang"));
	c.data = atoms.s;
	c.len = atoms.len;
	build_synth(&b, &c);
	erlrc_buf_adds(&want, "synth exports=");
	for (i = 0; i < 255; i++)
		erlrc_buf_adds(&want, "\xc3\xa9");
	erlrc_buf_adds(&want, "/0 imports=erlang:");
	for (i = 0; i < 255; i++)
		erlrc_buf_adds(&want, "\xc3\xa9");
	erlrc_buf_adds(&want, "/1 beh= vsn=\"1\"");
	got = parse("synth.beam", b.s, b.len, 0, NULL);
	ck_assert_str_eq(got, want.s);
	free(got);

	/* one more character */
	erlrc_buf_reset(&atoms);
	add32(&atoms, (uint32_t)-3);
	erlrc_buf_add(&atoms, RAW("\120synth"));
	erlrc_buf_add(&atoms, RAW("\050\000"));	/* 256 */
	for (i = 0; i < 256; i++)
		erlrc_buf_addc(&atoms, 'a');
	erlrc_buf_add(&atoms, RAW("\140erlang"));
	c.data = atoms.s;
	c.len = atoms.len;
	build_synth(&b, &c);
	got = parse("synth.beam", b.s, b.len, 0, NULL);
	ck_assert_str_eq(got, "synth.beam: chunk 'AtU8': atom 2 has 256 "
	    "characters (at most 255)");
	free(got);

	/* in Latin-1: 256 bytes, 256 characters */
	erlrc_buf_reset(&atoms);
	add32(&atoms, (uint32_t)-3);
	erlrc_buf_add(&atoms, RAW("\120synth"));
	erlrc_buf_add(&atoms, RAW("\050\000"));
	for (i = 0; i < 256; i++)
		erlrc_buf_addc(&atoms, '\351');
	erlrc_buf_add(&atoms, RAW("\140erlang"));
	c.id = "Atom";
	c.data = atoms.s;
	c.len = atoms.len;
	build_synth(&b, &c);
	got = parse("synth.beam", b.s, b.len, 0, NULL);
	ck_assert_str_eq(got, "synth.beam: chunk 'Atom': atom 2 has 256 "
	    "characters (at most 255)");
	free(got);
	erlrc_buf_destroy(&atoms);
	erlrc_buf_destroy(&want);
	erlrc_buf_destroy(&b);
}
END_TEST

/* The IFF form itself. */
static const struct raw_case {
	const char *data;
	size_t len;
	const char *want;
} raw[] = {
	{ RAW(""), "raw.beam: not a BEAM file" },
	{ RAW("FOR"), "raw.beam: not a BEAM file" },
	{ RAW("\177ELF\2\1\1\0\0\0\0\0\0\0\0\0"), "raw.beam: not a BEAM file" },
	{ RAW("\037"), "raw.beam: not a BEAM file" },
	{ RAW("FOR1\0\0\0\4"),
	  "raw.beam: truncated BEAM header (needs 12 bytes, has 8)" },
	{ RAW("FOR1\0\0\0\4BEAN"),
	  "raw.beam: not a BEAM file (IFF form type is not 'BEAM')" },
	{ RAW("FOR1\0\0\0\10BEAM"),
	  "raw.beam: truncated BEAM file (the IFF header says 8 bytes follow "
	  "it, 4 do)" },
	{ RAW("FOR1\377\377\377\377BEAM"),
	  "raw.beam: truncated BEAM file (the IFF header says 4294967295 "
	  "bytes follow it, 4 do)" },
	{ RAW("FOR1\0\0\0\4BEAM\0\0\0\0"),
	  "raw.beam: 4 bytes after the end of the IFF form" },
	{ RAW("FOR1\0\0\0\4BEAM"),
	  "raw.beam: no atom table (chunk 'AtU8' or 'Atom')" },
	{ RAW("FOR1\0\0\0\10BEAMCode"),
	  "raw.beam: truncated chunk header at byte 12 (needs 8 bytes, "
	  "has 4)" },
	{ RAW("FOR1\0\0\0\14BEAMCode\0\0\0\1"),
	  "raw.beam: truncated chunk 'Code' (needs 1 byte, has 0)" },
	{ RAW("FOR1\0\0\0\14BEAMCode\377\377\377\377"),
	  "raw.beam: truncated chunk 'Code' (needs 4294967295 bytes, "
	  "has 0)" },
	{ RAW("FOR1\0\0\0\15BEAMCode\0\0\0\1x"),
	  "raw.beam: chunk 'Code' is not padded to 4 bytes" },
	{ RAW("FOR1\0\0\0\14BEAM\001\377'\\\0\0\0\1"),
	  "raw.beam: truncated chunk '\\x01\\xff\\x27\\x5c' (needs 1 byte, "
	  "has 0)" },
};

START_TEST(test_raw)
{
	char *got = parse("raw.beam", raw[_i].data, raw[_i].len, 1, NULL);

	ck_assert_str_eq(got, raw[_i].want);
	free(got);
}
END_TEST

START_TEST(test_gzip_errors)
{
	struct erlrc_buf form = ERLRC_BUF_INIT, gz = ERLRC_BUF_INIT;
	char *got;
	size_t len;

	gzip(&gz, RAW("hello"));
	got = parse("gz.beam", gz.s, gz.len, 1, NULL);
	ck_assert_str_eq(got, "gz.beam: not a BEAM file");
	free(got);

	read_form(&form, "plain.beam");
	gzip(&gz, form.s, form.len);
	erlrc_buf_add(&gz, RAW("xy"));
	got = parse("gz.beam", gz.s, gz.len, 1, NULL);
	ck_assert_str_eq(got, "gz.beam: 2 bytes after the gzip data");
	free(got);

	/* a second gzip member is data after the first */
	gz.len -= 2;
	len = gz.len;
	erlrc_buf_grow(&gz, len);	/* so that gz.s stays where it is */
	erlrc_buf_add(&gz, gz.s, len);
	got = parse("gz.beam", gz.s, gz.len, 1, NULL);
	ck_assert_msg(strstr(got, "bytes after the gzip data"), "%s", got);
	free(got);
	gz.len = len;

	/* the CRC of the data, before the length at the end */
	gz.s[gz.len - 5] ^= 1;
	got = parse("gz.beam", gz.s, gz.len, 1, NULL);
	ck_assert_str_eq(got, "gz.beam: corrupt gzip data: incorrect data "
	    "check");
	free(got);
	gz.s[gz.len - 5] ^= 1;

	gz.s[2] = 9;		/* the compression method */
	got = parse("gz.beam", gz.s, gz.len, 1, NULL);
	ck_assert_str_eq(got, "gz.beam: corrupt gzip data: unknown "
	    "compression method");
	free(got);
	gz.s[2] = 8;

	/* cut anywhere */
	for (len = 1; len < gz.len; len++) {
		got = parse("gz.beam", gz.s, len, 1, NULL);
		ck_assert_msg(strcmp(got, "gz.beam: truncated gzip data") == 0
		    || (len == 1 && strcmp(got, "gz.beam: not a BEAM file") ==
		    0), "%zu bytes: %s", len, got);
		free(got);
	}
	erlrc_buf_destroy(&form);
	erlrc_buf_destroy(&gz);
}
END_TEST

/* 256 MiB and a byte of zeros, compressed: 256 KiB of gzip. */
START_TEST(test_gzip_bomb)
{
	struct erlrc_buf gz = ERLRC_BUF_INIT;
	unsigned char *zeros = calloc(1, 1 << 20);
	size_t mib;
	z_stream z;
	char *got;

	ck_assert_ptr_nonnull(zeros);
	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY), Z_OK);
	for (mib = 0; mib <= 256; mib++) {
		z.next_in = zeros;
		z.avail_in = mib < 256 ? 1 << 20 : 1;
		do {
			erlrc_buf_grow(&gz, 65536);
			z.next_out = (unsigned char *)gz.s + gz.len;
			z.avail_out = (uInt)(gz.cap - gz.len - 1);
			ck_assert_int_ne(deflate(&z, mib < 256 ? Z_NO_FLUSH :
			    Z_FINISH), Z_STREAM_ERROR);
			gz.len = z.total_out;
		} while (z.avail_out == 0);
	}
	deflateEnd(&z);
	free(zeros);
	got = parse("bomb.beam", gz.s, gz.len, 1, NULL);
	ck_assert_str_eq(got, "bomb.beam: gzip data that inflates to more "
	    "than 256 MiB");
	free(got);
	erlrc_buf_destroy(&gz);
}
END_TEST

/* ---- corrupt fixtures ---- */

/* Every prefix of every fixture is refused, naming the file. */
START_TEST(test_truncated)
{
	const struct fixture *f = &fixtures[_i];
	struct erlrc_buf data = ERLRC_BUF_INIT;
	size_t len;

	read_fixture(&data, f->file);
	for (len = 0; len < data.len; len++)
		check_refused(f->file, data.s, len, NULL);
	erlrc_buf_destroy(&data);
}
END_TEST

/*
 * Every chunk of every fixture, cut to each of its shorter lengths (the
 * form rebuilt around it): the chunks erlrc reads are refused, naming
 * the file and the chunk; the others are read, and the MD5 changes
 * exactly when beam_lib:md5/1 hashes the chunk.
 */
START_TEST(test_chunk_cut)
{
	static const char *const parsed[] = {
		"AtU8", "Atom", "ExpT", "ImpT", "Attr",
	};
	static const char *const hashed[] = {
		"AtU8", "Atom", "Code", "StrT", "ImpT", "ExpT", "FunT", "LitT",
		"Meta",
	};
	const struct fixture *f = &fixtures[_i];
	struct erlrc_buf form = ERLRC_BUF_INIT, cut = ERLRC_BUF_INIT;
	struct erlrc_beam whole, b;
	size_t pos, clen, k, i, nchunks = 0;
	char id[5] = "", quoted[8], *got;
	int is_parsed, is_hashed;

	read_form(&form, f->file);
	free(parse(f->file, form.s, form.len, 1, &whole));
	for (pos = 12; pos < form.len; pos += 8 + ((clen + 3) & ~3u)) {
		memcpy(id, form.s + pos, 4);
		clen = get32(form.s + pos + 4);
		is_parsed = is_hashed = 0;
		for (i = 0; i < COUNT(parsed); i++)
			is_parsed |= strcmp(id, parsed[i]) == 0;
		for (i = 0; i < COUNT(hashed); i++)
			is_hashed |= strcmp(id, hashed[i]) == 0;
		snprintf(quoted, sizeof(quoted), "'%s'", id);
		nchunks++;
		for (k = 0; k < clen; k++) {
			erlrc_buf_reset(&cut);
			erlrc_buf_add(&cut, form.s, pos);
			add_chunk(&cut, id, form.s + pos + 8, k);
			erlrc_buf_add(&cut, form.s + pos + 8 +
			    ((clen + 3) & ~3u), form.len - pos - 8 -
			    ((clen + 3) & ~3u));
			end_form(&cut);
			if (is_parsed) {
				check_refused(f->file, cut.s, cut.len, quoted);
				continue;
			}
			got = parse(f->file, cut.s, cut.len, 1, &b);
			ck_assert_msg(b.module, "%s cut to %zu: %s", id, k,
			    got);
			ck_assert_msg((memcmp(b.md5, whole.md5, 16) != 0) ==
			    is_hashed, "%s cut to %zu", id, k);
			erlrc_beam_destroy(&b);
			free(got);
		}
	}
	ck_assert_uint_ge(nchunks, 6);
	erlrc_beam_destroy(&whole);
	erlrc_buf_destroy(&form);
	erlrc_buf_destroy(&cut);
}
END_TEST

/* Every byte of every fixture, changed: read or refused, never a crash. */
START_TEST(test_flipped)
{
	static const unsigned char masks[] = { 0xff, 0x01, 0x80 };
	const struct fixture *f = &fixtures[_i];
	struct erlrc_buf data = ERLRC_BUF_INIT;
	struct erlrc_beam b;
	char prefix[64], *got;
	size_t pos, m;

	read_fixture(&data, f->file);
	snprintf(prefix, sizeof(prefix), "%s: ", f->file);
	for (pos = 0; pos < data.len; pos++) {
		for (m = 0; m < COUNT(masks); m++) {
			data.s[pos] ^= (char)masks[m];
			/* parse() checks what was read, or the error code */
			got = parse(f->file, data.s, data.len, 1, &b);
			ck_assert_msg(b.module || strncmp(got, prefix,
			    strlen(prefix)) == 0, "byte %zu: %s", pos, got);
			erlrc_beam_destroy(&b);
			free(got);
			data.s[pos] ^= (char)masks[m];
		}
	}
	erlrc_buf_destroy(&data);
}
END_TEST

/*
 * beam_lib:md5/1 reads each fun's OldUniq in FunT as 0; every other byte
 * of FunT counts.  server.beam has one fun: count, then 24 bytes.
 */
START_TEST(test_funt)
{
	struct erlrc_buf form = ERLRC_BUF_INIT;
	struct erlrc_beam whole, b;
	size_t pos, funt = 0, i;

	read_form(&form, "server.beam");
	free(parse("server.beam", form.s, form.len, 1, &whole));
	for (pos = 12; pos < form.len;
	    pos += 8 + ((get32(form.s + pos + 4) + 3) & ~3u))
		if (memcmp(form.s + pos, "FunT", 4) == 0)
			funt = pos + 8;
	ck_assert_uint_ne(funt, 0);
	ck_assert_uint_eq(get32(form.s + funt - 4), 28);
	ck_assert_uint_eq(get32(form.s + funt), 1);
	ck_assert_uint_ne(get32(form.s + funt + 24), 0);
	for (i = 0; i < 28; i++) {
		form.s[funt + i] ^= 0x55;
		free(parse("server.beam", form.s, form.len, 1, &b));
		ck_assert_msg((memcmp(b.md5, whole.md5, 16) == 0) ==
		    (i >= 24), "FunT byte %zu", i);
		erlrc_beam_destroy(&b);
		form.s[funt + i] ^= 0x55;
	}
	erlrc_beam_destroy(&whole);
	erlrc_buf_destroy(&form);
}
END_TEST

Suite *
erlrc_test_beam_suite(void)
{
	Suite *s = suite_create("beam");
	TCase *tc;

	tc = tcase_create("read");
	tcase_add_loop_test(tc, test_fixture, 0, COUNT(fixtures));
	tcase_add_loop_test(tc, test_fixture_gzip, 0, COUNT(fixtures));
	tcase_add_test(tc, test_read);
	tcase_add_loop_test(tc, test_synth, 0, COUNT(synth));
	tcase_add_test(tc, test_long_atoms);
	tcase_add_loop_test(tc, test_raw, 0, COUNT(raw));
	tcase_add_test(tc, test_gzip_errors);
	tcase_add_test(tc, test_funt);
	suite_add_tcase(s, tc);

	tc = tcase_create("corrupt");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_truncated, 0, COUNT(fixtures));
	tcase_add_loop_test(tc, test_chunk_cut, 0, COUNT(fixtures));
	tcase_add_loop_test(tc, test_flipped, 0, COUNT(fixtures));
	tcase_add_test(tc, test_gzip_bomb);
	suite_add_tcase(s, tc);
	return s;
}
