/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_term_ei.c - unit tests of the external term format decoder and
 * encoder */
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>
#include <ei.h>

#include <erlrc/buf.h>
#include <erlrc/term.h>

#include "scratch.h"
#include "suites.h"
#include "termdump.h"

/*
 * The inputs are built with libei's encoders (ei_x_new: no version
 * byte), or written out byte by byte where libei does not write that
 * form (old formats, non-canonical ones, bad ones).  What each decodes
 * to was checked against binary_to_term/1 of OTP 25.
 */

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))
/* a string literal as bytes and length */
#define RAW(s) s, sizeof(s) - 1

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* Decoded terms have no position: T and every term in it. */
static void
check_no_position(const struct erlrc_term *t)
{
	size_t i, n = 0;

	ck_assert_uint_eq(t->line, 0);
	ck_assert_uint_eq(t->col, 0);
	switch (t->type) {
	case ERLRC_TERM_LIST:
		if (t->u.seq.tail)
			check_no_position(t->u.seq.tail);
		n = t->u.seq.n;
		break;
	case ERLRC_TERM_TUPLE:
	case ERLRC_TERM_FUN:
		n = t->u.seq.n;
		break;
	case ERLRC_TERM_MAP:
		n = 2 * t->u.seq.n;
		break;
	default:
		break;
	}
	for (i = 0; i < n; i++)
		check_no_position(t->u.seq.v[i]);
}

/* T dumped (termdump.h), once its positions are checked. */
static void
dump(struct erlrc_buf *b, const struct erlrc_term *t)
{
	check_no_position(t);
	erlrc_test_term_dump(b, t);
}

/*
 * Decode the LEN bytes at DATA (copied to a buffer of exactly that size,
 * so that the sanitizers see a read past the end), which must be one
 * whole term; return its dump.
 */
static char *
decode_dump(const char *data, size_t len)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf b = ERLRC_BUF_INIT;
	struct erlrc_term *t = NULL;
	char *copy = malloc(len ? len : 1);
	int index = 0;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, data, len);
	erlrc_termfile_init(&tf);
	ck_assert_msg(erlrc_term_decode(&tf, copy, len, &index, &t, &err) ==
	    0, "%s", err.msg);
	ck_assert_int_eq(index, (int)len);
	dump(&b, t);
	erlrc_termfile_destroy(&tf);
	free(copy);
	return erlrc_buf_detach(&b);
}

/* Decoding the LEN bytes at DATA must fail: its message. */
static char *
decode_error(const char *data, size_t len)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_term *t = NULL;
	char *copy = malloc(len ? len : 1);
	int index = 0;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, data, len);
	erlrc_termfile_init(&tf);
	ck_assert_int_eq(erlrc_term_decode(&tf, copy, len, &index, &t, &err),
	    -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_int_eq(index, 0);
	ck_assert_ptr_null(t);
	erlrc_termfile_destroy(&tf);
	free(copy);
	return strdup(err.msg);
}

/* ---- inputs ---- */

static void
raw(ei_x_buff *x, const char *s, size_t n)
{
	ck_assert_int_eq(ei_x_append_buf(x, s, (int)n), 0);
}

/* A big integer from the big-endian hex digits HEX. */
static void
big(ei_x_buff *x, const char *hex, int negative)
{
	size_t nbytes = strlen(hex) / 2, i;
	erlang_big *b = ei_alloc_big((unsigned)nbytes);
	unsigned short *d = b->digits;

	for (i = 0; i < nbytes; i++) {
		unsigned v;

		/* byte i counted from the least significant end */
		sscanf(hex + 2 * (nbytes - 1 - i), "%2x", &v);
		d[i / 2] |= (unsigned short)(v << (8 * (i % 2)));
	}
	b->is_neg = negative;
	ck_assert_int_eq(ei_x_encode_big(x, b), 0);
	ei_free_big(b);
}

static void
pid(ei_x_buff *x, unsigned num)
{
	erlang_pid p;

	memset(&p, 0, sizeof(p));
	strcpy(p.node, "node@host");
	p.num = num;
	p.serial = 0;
	p.creation = 1;
	ck_assert_int_eq(ei_x_encode_pid(x, &p), 0);
}

#define HEX300 "169cc5d78d318207532094d096731f7540db19ee6341a4ade3c4dce16" \
	"17bc0c119b84c05ac2d235da420d834dd5c54907a339786e47444bc3d472e64ed" \
	"0b569b65471e8e6755aa211f38d1567a40439f0d808b17b396fbd011892f902bd" \
	"23f0824128b2f330c5c7fd0a6a3a4506513270e269e0d37f2a74de452e6b438"
#define DEC300 "9464599459843738027522707170292986502402109339316396635" \
	"2589351799674725512063649428340588363186122887927484901916841347" \
	"5948263432288813612065345407956691977907374088039525959455231436" \
	"3476645538945195523967626870691860046767771109877772114979059488" \
	"11432984875834223338536811365046594073388142276555832"
#define DEC2048 "323170060713110073007148766886699519604441026697154840" \
	"3213034542752465513886789089319720141152291346368871796092189801" \
	"9494119559150490921095088152386448283120630877367300996091750197" \
	"7503896521067960576383840675682767922186426197561618380943384761" \
	"7047058164585203630504288757589154106580860755239912393038552191" \
	"4333389668342420684974786564569494856176035326322058077805659331" \
	"0261927084603141502585928641771167259436037184618573575983511523" \
	"0164590440369761323328723122712568471082020972515710172693132346" \
	"9678542580656697935045997268352998638215525166389437335543602135" \
	"433229604645318478604952148193555853611059596230656"

static void b_zero(ei_x_buff *x) { ei_x_encode_long(x, 0); }
static void b_255(ei_x_buff *x) { ei_x_encode_long(x, 255); }
static void b_minus1(ei_x_buff *x) { ei_x_encode_long(x, -1); }
static void b_int32(ei_x_buff *x) { ei_x_encode_longlong(x, INT32_MIN); }
static void b_2p31(ei_x_buff *x) { ei_x_encode_longlong(x, 2147483648LL); }
static void b_int64_max(ei_x_buff *x) { ei_x_encode_longlong(x, INT64_MAX); }
static void b_int64_min(ei_x_buff *x) { ei_x_encode_longlong(x, INT64_MIN); }
static void
b_int64_max_1(ei_x_buff *x)
{
	ei_x_encode_ulonglong(x, (EI_ULONGLONG)INT64_MAX + 1);
}
static void b_uint64_max(ei_x_buff *x) { ei_x_encode_ulonglong(x, UINT64_MAX); }
static void b_2p64(ei_x_buff *x) { big(x, "010000000000000000", 0); }
static void b_minus_2p64(ei_x_buff *x) { big(x, "010000000000000000", 1); }
static void b_int64_min_1(ei_x_buff *x) { big(x, "8000000000000001", 1); }
static void b_300(ei_x_buff *x) { big(x, HEX300, 0); }
static void b_minus_300(ei_x_buff *x) { big(x, HEX300, 1); }

static void
b_2p2048(ei_x_buff *x)
{
	char hex[2 * 257 + 1];

	memset(hex, '0', sizeof(hex) - 1);
	hex[1] = '1';
	hex[sizeof(hex) - 1] = '\0';
	big(x, hex, 0);		/* 257 bytes: LARGE_BIG_EXT */
}

/* leading zero bytes, a negative zero, a sign byte other than 1 */
static void b_big_zeros(ei_x_buff *x) { raw(x, RAW("n\x04\0\x05\0\0\0")); }
static void b_big_minus0(ei_x_buff *x) { raw(x, RAW("n\x01\x01\x00")); }
static void b_big_sign2(ei_x_buff *x) { raw(x, RAW("o\0\0\0\x01\x02\x07")); }
static void b_float(ei_x_buff *x) { ei_x_encode_double(x, 1.5); }
static void b_minus0(ei_x_buff *x) { ei_x_encode_double(x, -0.0); }
static void b_tiny(ei_x_buff *x) { ei_x_encode_double(x, 5e-324); }

static void
b_old_float(ei_x_buff *x)
{
	/* FLOAT_EXT: "%.20e" padded with NULs to 31 bytes */
	raw(x, RAW("c-2.50000000000000000000e+00\0\0\0\0"));
}

static void b_atom(ei_x_buff *x) { ei_x_encode_atom(x, "ok"); }
static void b_empty_atom(ei_x_buff *x) { ei_x_encode_atom(x, ""); }
static void b_latin1_atom(ei_x_buff *x) { raw(x, RAW("d\x00\x04" "caf\xe9")); }
static void b_small_latin1(ei_x_buff *x) { raw(x, RAW("s\x02\xff" "a")); }

static void
b_utf8_atom(ei_x_buff *x)
{
	ei_x_encode_atom_as(x, "\xe6\x97\xa5\xf0\x9f\x98\x80", ERLANG_UTF8,
	    ERLANG_UTF8);
}

static void b_utf8_long(ei_x_buff *x) { raw(x, RAW("v\x00\x03" "\xc3\xa9z")); }
static void b_nul_atom(ei_x_buff *x) { raw(x, RAW("w\x03" "a\0b")); }
static void b_string(ei_x_buff *x) { ei_x_encode_string(x, "abc"); }
static void b_latin1(ei_x_buff *x) { ei_x_encode_string(x, "caf\xe9\xff"); }
static void
b_ctrl_string(ei_x_buff *x)
{
	ei_x_encode_string_len(x, "\0\n", 2);
}

static void b_empty_string(ei_x_buff *x) { raw(x, RAW("k\x00\x00")); }
static void b_nil(ei_x_buff *x) { ei_x_encode_empty_list(x); }

static void
b_list(ei_x_buff *x)
{
	ei_x_encode_list_header(x, 3);
	ei_x_encode_long(x, 1);
	ei_x_encode_atom(x, "a");
	ei_x_encode_string(x, "b");
	ei_x_encode_empty_list(x);
}

static void
b_improper(ei_x_buff *x)
{
	ei_x_encode_list_header(x, 2);
	ei_x_encode_atom(x, "a");
	ei_x_encode_atom(x, "b");
	ei_x_encode_atom(x, "c");
}

static void
b_list_tail(ei_x_buff *x)
{
	/* [1 | [2, 3 | x]] */
	ei_x_encode_list_header(x, 1);
	ei_x_encode_long(x, 1);
	ei_x_encode_list_header(x, 2);
	ei_x_encode_long(x, 2);
	ei_x_encode_long(x, 3);
	ei_x_encode_atom(x, "x");
}

static void
b_string_tail(ei_x_buff *x)
{
	ei_x_encode_list_header(x, 1);
	ei_x_encode_atom(x, "x");
	ei_x_encode_string(x, "ab");
}

static void
b_nil_tail(ei_x_buff *x)
{
	/* [1 | [[] | []]]: an empty list element stays */
	ei_x_encode_list_header(x, 1);
	ei_x_encode_long(x, 1);
	ei_x_encode_list_header(x, 1);
	ei_x_encode_empty_list(x);
	ei_x_encode_empty_list(x);
}

/* LIST_EXT of no elements is its tail */
static void b_empty_list_ext(ei_x_buff *x) { raw(x, RAW("l\0\0\0\0a\x05")); }
static void b_empty_list_nil(ei_x_buff *x) { raw(x, RAW("l\0\0\0\0j")); }
static void b_empty_list_str(ei_x_buff *x) { raw(x, RAW("l\0\0\0\0k\0\x01z")); }
static void b_tuple0(ei_x_buff *x) { ei_x_encode_tuple_header(x, 0); }

static void
b_nested(ei_x_buff *x)
{
	/* {a, {[{}], #{k => {1, #{}}}}} */
	ei_x_encode_tuple_header(x, 2);
	ei_x_encode_atom(x, "a");
	ei_x_encode_tuple_header(x, 2);
	ei_x_encode_list_header(x, 1);
	ei_x_encode_tuple_header(x, 0);
	ei_x_encode_empty_list(x);
	ei_x_encode_map_header(x, 1);
	ei_x_encode_atom(x, "k");
	ei_x_encode_tuple_header(x, 2);
	ei_x_encode_long(x, 1);
	ei_x_encode_map_header(x, 0);
}

static void b_large_tuple(ei_x_buff *x) { raw(x, RAW("i\0\0\0\x02" "a\x01j")); }
static void b_map0(ei_x_buff *x) { ei_x_encode_map_header(x, 0); }

static void
b_map(ei_x_buff *x)
{
	/* keys a string and a list, 0.0 and 1.0, equal in no pair */
	ei_x_encode_map_header(x, 4);
	ei_x_encode_string(x, "ab");
	ei_x_encode_long(x, 1);
	ei_x_encode_list_header(x, 1);
	ei_x_encode_long(x, 'a');
	ei_x_encode_empty_list(x);
	ei_x_encode_long(x, 2);
	ei_x_encode_double(x, 0.0);
	ei_x_encode_atom(x, "zero");
	ei_x_encode_double(x, 1.0);
	ei_x_encode_binary(x, "v", 1);
}

static void b_binary0(ei_x_buff *x) { ei_x_encode_binary(x, "", 0); }
static void b_binary(ei_x_buff *x) { ei_x_encode_binary(x, "\x01\x02\xff", 3); }
static void b_bits3(ei_x_buff *x) { ei_x_encode_bitstring(x, "\xff", 0, 3); }
static void
b_bits11(ei_x_buff *x)
{
	ei_x_encode_bitstring(x, "\xab\xff", 0, 11);
}

/* the bits past the end are dropped; 0 of 0 bytes; 8 of 1 byte */
static void b_bits_junk(ei_x_buff *x) { raw(x, RAW("M\0\0\0\x01\x03\xff")); }
static void b_bits_empty(ei_x_buff *x) { raw(x, RAW("M\0\0\0\0\0")); }
static void b_bits8(ei_x_buff *x) { raw(x, RAW("M\0\0\0\x01\x08\x81")); }

static void
b_export(ei_x_buff *x)
{
	erlang_fun f;

	memset(&f, 0, sizeof(f));
	f.type = EI_FUN_EXPORT;
	strcpy(f.module, "lists");
	f.u.exprt.func = "map";
	f.arity = 2;
	ck_assert_int_eq(ei_x_encode_fun(x, &f), 0);
}

static void
b_export_latin1(ei_x_buff *x)
{
	raw(x, RAW("qd\0\x01\xe9s\x01" "Aa\xff"));
}

static void b_pid(ei_x_buff *x) { pid(x, 81); }

static void
b_old_pid(ei_x_buff *x)
{
	/* PID_EXT: num, serial, a creation byte */
	raw(x, RAW("gd\0\x04n@h1\0\0\0\x05\0\0\0\x01\x02"));
}

static void
b_port(ei_x_buff *x)
{
	erlang_port p;

	memset(&p, 0, sizeof(p));
	strcpy(p.node, "node@host");
	p.id = 5;
	p.creation = 1;
	ck_assert_int_eq(ei_x_encode_port(x, &p), 0);
}

static void
b_v4_port(ei_x_buff *x)
{
	erlang_port p;

	memset(&p, 0, sizeof(p));
	strcpy(p.node, "node@host");
	p.id = 1ULL << 40;
	ck_assert_int_eq(ei_x_encode_port(x, &p), 0);
}

static void
b_old_port(ei_x_buff *x)
{
	raw(x, RAW("fw\x03n@h\0\0\0\x07\x01"));
}

static void
b_ref(ei_x_buff *x)
{
	erlang_ref r;

	memset(&r, 0, sizeof(r));
	strcpy(r.node, "node@host");
	r.len = 3;
	r.n[0] = 3;
	r.n[1] = 2;
	r.n[2] = 1;
	ck_assert_int_eq(ei_x_encode_ref(x, &r), 0);
}

static void b_old_ref(ei_x_buff *x) { raw(x, RAW("es\x03n@h\0\0\0\x07\x01")); }

static void
b_new_ref(ei_x_buff *x)
{
	raw(x, RAW("r\0\x02s\x03n@h\x01\0\0\0\x04\0\0\0\x05"));
}

static void
closure(ei_x_buff *x, const char *module, const char *free_vars,
    long free_len)
{
	erlang_fun f;

	memset(&f, 0, sizeof(f));
	f.type = EI_FUN_CLOSURE;
	strcpy(f.module, module);
	f.arity = 1;
	f.u.closure.index = 9;
	f.u.closure.old_index = 6;
	f.u.closure.uniq = 1234;
	f.u.closure.n_free_vars = free_len ? 1 : 0;
	f.u.closure.free_var_len = free_len;
	f.u.closure.free_vars = (char *)free_vars;
	strcpy(f.u.closure.pid.node, "node@host");
	f.u.closure.pid.num = 81;
	ck_assert_int_eq(ei_x_encode_fun(x, &f), 0);
}

static void b_fun(ei_x_buff *x) { closure(x, "erl_eval", NULL, 0); }
static void b_fun_env(ei_x_buff *x) { closure(x, "Elixir.M", "a\x07", 2); }

static void
b_fun_uniq(ei_x_buff *x)
{
	/* an old uniq past 2^31 is printed unsigned, as the shell does */
	ei_x_buff y;

	ei_x_new(&y);
	closure(&y, "m", NULL, 0);
	/* the uniq is the INTEGER_EXT after "a\x06" (old index 6) */
	{
		char *u = memmem(y.buff, (size_t)y.index, "a\x06" "b", 3);

		ck_assert_ptr_nonnull(u);
		memcpy(u + 3, "\xff\xff\xff\xfe", 4);
	}
	raw(x, y.buff, (size_t)y.index);
	ei_x_free(&y);
}

static void
b_mixed(ei_x_buff *x)
{
	/* {ok, [#{a => <<1>>}, "str", -5, 1.0e10 | <0.7.0>]} */
	ei_x_encode_tuple_header(x, 2);
	ei_x_encode_atom(x, "ok");
	ei_x_encode_list_header(x, 4);
	ei_x_encode_map_header(x, 1);
	ei_x_encode_atom(x, "a");
	ei_x_encode_binary(x, "\x01", 1);
	ei_x_encode_string(x, "str");
	ei_x_encode_long(x, -5);
	ei_x_encode_double(x, 1.0e10);
	pid(x, 7);
}

static const struct {
	void (*build)(ei_x_buff *);
	const char *want;
} good[] = {
	{ b_zero, "0" },
	{ b_255, "255" },
	{ b_minus1, "-1" },
	{ b_int32, "-2147483648" },
	{ b_2p31, "2147483648" },
	{ b_int64_max, "9223372036854775807" },
	{ b_int64_min, "-9223372036854775808" },
	{ b_int64_max_1, "big:9223372036854775808" },
	{ b_uint64_max, "big:18446744073709551615" },
	{ b_2p64, "big:18446744073709551616" },
	{ b_minus_2p64, "big:-18446744073709551616" },
	{ b_int64_min_1, "big:-9223372036854775809" },
	{ b_300, "big:" DEC300 },
	{ b_minus_300, "big:-" DEC300 },
	{ b_2p2048, "big:" DEC2048 },
	{ b_big_zeros, "5" },
	{ b_big_minus0, "0" },
	{ b_big_sign2, "-7" },
	{ b_float, "f:1.5" },
	{ b_minus0, "f:-0" },
	{ b_tiny, "f:4.9406564584124654e-324" },
	{ b_old_float, "f:-2.5" },
	{ b_atom, "'ok'" },
	{ b_empty_atom, "''" },
	{ b_latin1_atom, "'caf\xc3\xa9'" },
	{ b_small_latin1, "'\xc3\xbf" "a'" },
	{ b_utf8_atom, "'\xe6\x97\xa5\xf0\x9f\x98\x80'" },
	{ b_utf8_long, "'\xc3\xa9z'" },
	{ b_nul_atom, "'a<0>b'" },
	{ b_string, "\"abc\"" },
	{ b_latin1, "\"caf\xc3\xa9\xc3\xbf\"" },
	{ b_ctrl_string, "\"<0><A>\"" },
	{ b_empty_string, "[]" },
	{ b_nil, "[]" },
	{ b_list, "[1,'a',\"b\"]" },
	{ b_improper, "['a','b'|'c']" },
	{ b_list_tail, "[1,2,3|'x']" },
	{ b_string_tail, "['x',97,98]" },
	{ b_nil_tail, "[1,[]]" },
	{ b_empty_list_ext, "5" },
	{ b_empty_list_nil, "[]" },
	{ b_empty_list_str, "\"z\"" },
	{ b_tuple0, "{}" },
	{ b_nested, "{'a',{[{}],#{'k'=>{1,#{}}}}}" },
	{ b_large_tuple, "{1,[]}" },
	{ b_map0, "#{}" },
	{ b_map, "#{\"ab\"=>1,[97]=>2,f:0=>'zero',f:1=>bin:8:76}" },
	{ b_binary0, "bin:0:" },
	{ b_binary, "bin:24:0102ff" },
	{ b_bits3, "bin:3:e0" },
	{ b_bits11, "bin:11:abe0" },
	{ b_bits_junk, "bin:3:e0" },
	{ b_bits_empty, "bin:0:" },
	{ b_bits8, "bin:8:81" },
	{ b_export, "fun('lists','map',2)" },
	{ b_export_latin1, "fun('\xc3\xa9','A',255)" },
	{ b_pid, "opaque:<3C>0.81.0>" },
	{ b_old_pid, "opaque:<3C>0.5.1>" },
	{ b_port, "opaque:#Port<3C>0.5>" },
	{ b_v4_port, "opaque:#Port<3C>0.1099511627776>" },
	{ b_old_port, "opaque:#Port<3C>0.7>" },
	{ b_ref, "opaque:#Ref<3C>0.1.2.3>" },
	{ b_old_ref, "opaque:#Ref<3C>0.7>" },
	{ b_new_ref, "opaque:#Ref<3C>0.5.4>" },
	{ b_fun, "opaque:#Fun<3C>erl_eval.6.1234>" },
	{ b_fun_env, "opaque:#Fun<3C>'Elixir.M'.6.1234>" },
	{ b_fun_uniq, "opaque:#Fun<3C>m.6.4294967294>" },
	{ b_mixed, "{'ok',[#{'a'=>bin:8:01},\"str\",-5,f:10000000000|"
	    "opaque:<3C>0.7.0>]}" },
};

/* Each way of writing each type decodes to what binary_to_term makes. */
START_TEST(test_good)
{
	ei_x_buff x;
	char *got;

	ck_assert_int_eq(ei_x_new(&x), 0);
	good[_i].build(&x);
	got = decode_dump(x.buff, (size_t)x.index);
	ck_assert_str_eq(got, good[_i].want);
	free(got);
	ei_x_free(&x);
}
END_TEST

/*
 * Every prefix of every good input is refused, and cleanly: each is
 * copied to a buffer of its own size, so a read past it is an error
 * under the sanitizers.
 */
START_TEST(test_truncated)
{
	ei_x_buff x;
	char *got;
	size_t k;

	ck_assert_int_eq(ei_x_new(&x), 0);
	good[_i].build(&x);
	for (k = 0; k < (size_t)x.index; k++) {
		got = decode_error(x.buff, k);
		ck_assert_msg(strncmp(got, "bad external term at byte ",
		    26) == 0, "%s", got);
		free(got);
	}
	ei_x_free(&x);
}
END_TEST

/*
 * A test that allocated what a bad size field says would die here: at
 * most 256 MiB more address space (but not under ASan, which reserves
 * terabytes, nor without a fork per test, which would keep the limit).
 */
static void
limit_memory(void)
{
#ifndef UNDER_ASAN
	const char *fork = getenv("CK_FORK");
	struct rlimit rl;
	unsigned long pages = 0;
	FILE *f;

	if (fork && strcmp(fork, "no") == 0)
		return;
	f = fopen("/proc/self/statm", "r");
	if (!f)
		return;
	if (fscanf(f, "%lu", &pages) != 1)
		pages = 0;
	fclose(f);
	if (!pages)
		return;
	rl.rlim_cur = rl.rlim_max = (rlim_t)pages *
	    (rlim_t)sysconf(_SC_PAGESIZE) + ((rlim_t)256 << 20);
	ck_assert_int_eq(setrlimit(RLIMIT_AS, &rl), 0);
#endif
}

#define AT "bad external term at byte "
#define NUL7 "\0\0\0\0\0\0\0"

static const struct {
	const char *data;
	size_t len;
	const char *msg;
} bad[] = {
	{ RAW(""), AT "0: the data ends inside a term" },
	{ RAW("\x01"), AT "0: unknown tag 1" },
	{ RAW("\x83" "a\x01"), AT "0: unknown tag 131" },
	{ RAW("P\0\0\0\x01x"), AT "0: unknown tag 80" },
	/* FUN_EXT: OTP 23 and later refuse it too */
	{ RAW("u\0\0\0\0"), AT "0: unknown tag 117" },
	{ RAW("h\x02" "a\x01"), AT "4: the data ends inside a term" },
	{ RAW("h\x01" "a"), AT "2: the data ends inside an integer" },
	{ RAW("k\0\x05" "abc"), AT "0: the data ends inside a string" },
	{ RAW("d\0\x05" "ab"), AT "0: the data ends inside an atom" },
	{ RAW("c1.5"), AT "0: the data ends inside a float" },
	/* sizes past the end: refused before anything is allocated */
	{ RAW("m\xff\xff\xff\xff\0\0\0\0\0"),
	    AT "0: a binary of 4294967295 bytes, but the data has 5 more "
	    "bytes" },
	{ RAW("M\xff\xff\xff\xff\x01\0\0\0\0"),
	    AT "0: a binary of 4294967295 bytes, but the data has 4 more "
	    "bytes" },
	{ RAW("l\xff\xff\xff\xffj"),
	    AT "0: a list of 4294967295 elements, but the data has 1 more "
	    "byte" },
	{ RAW("l\0\0\0\x01j"),
	    AT "0: a list of 1 element, but the data has 1 more byte" },
	{ RAW("i\xff\xff\xff\xff"),
	    AT "0: a tuple of 4294967295 elements, but the data has 0 more "
	    "bytes" },
	{ RAW("i\x7f\xff\xff\xff" "a\x01"),
	    AT "0: a tuple of 2147483647 elements, but the data has 2 more "
	    "bytes" },
	{ RAW("t\x40\0\0\0" "a\x01"),
	    AT "0: a map of 1073741824 pairs, but the data has 2 more bytes" },
	{ RAW("t\x80\0\0\0a\x01"),
	    AT "0: a map of 2147483648 pairs, but the data has 2 more bytes" },
	{ RAW("t\0\0\0\x01" "a\x01"), AT "7: the data ends inside a term" },
	{ RAW("o\xff\xff\xff\xff\0\x01"),
	    AT "0: an integer of 4294967295 bytes, but the data has 1 more "
	    "byte" },
	{ RAW("p\xff\xff\xff\xff" "a"),
	    AT "0: a fun of 4294967295 bytes, but the data has 5 more bytes" },
	{ RAW("q" "d\xff\xff" "a"), AT "1: the data ends inside an atom" },
	/* what binary_to_term/1 refuses */
	{ RAW("w\x03\xed\xa0\x80"), AT "0: an atom that is not UTF-8" },
	{ RAW("w\x02\xc0\x80"), AT "0: an atom that is not UTF-8" },
	{ RAW("w\x01\xff"), AT "0: an atom that is not UTF-8" },
	{ RAW("v\0\x02\xe6\x97"), AT "0: an atom that is not UTF-8" },
	{ RAW("v\x04\x01" "a"), AT "0: the data ends inside an atom" },
	{ RAW("F\x7f\xf8\0\0\0\0\0\0"), AT "0: a float that is not finite" },
	{ RAW("F\xff\xf0\0\0\0\0\0\0"), AT "0: a float that is not finite" },
	{ RAW("cinf" NUL7 NUL7 NUL7 NUL7),
	    AT "0: a float that is not finite" },
	{ RAW("cabc" NUL7 NUL7 NUL7 NUL7),
	    AT "0: a float libei cannot decode" },
	{ RAW("M\0\0\0\x01\0\xff"),
	    AT "0: a bitstring with 0 bits in its last byte" },
	{ RAW("M\0\0\0\x01\x09\xff"),
	    AT "0: a bitstring with 9 bits in its last byte" },
	{ RAW("M\0\0\0\0\x03"),
	    AT "0: a bitstring with 3 bits in its last byte" },
	{ RAW("t\0\0\0\x02" "a\x01" "a\x01" "a\x01" "a\x02"),
	    AT "0: a map with a key twice" },
	/* equal keys stored differently: "ab" and [$a, $b]; 0.0, -0.0 */
	{ RAW("l\0\0\0\x01" "t\0\0\0\x02" "k\0\x02" "ab" "j"
	    "l\0\0\0\x02" "aaab" "j" "j" "j"), AT "5: a map with a key twice" },
	{ RAW("t\0\0\0\x02" "F\0\0\0\0\0\0\0\0" "j" "F\x80\0\0\0\0\0\0\0"
	    "j"), AT "0: a map with a key twice" },
	{ RAW("Z\0\x06" "s\x01n" "\0\0\0\0"),
	    AT "0: a reference of 6 words (1 to 5)" },
	{ RAW("Z\0\0" "s\x01n" "\0\0\0\0"),
	    AT "0: a reference of 0 words (1 to 5)" },
	{ RAW("X" "a\x01" "\0\0\0\0\0\0\0\0\0\0\0\0"),
	    AT "1: tag 97 where an atom must be" },
	{ RAW("X" "s\x01n" "\0\0\0\0\0\0\0\0\0\0\0"),
	    AT "0: the data ends inside a pid" },
	{ RAW("q" "s\x01m" "s\x01" "f" "b\0\0\0\x02"),
	    AT "7: tag 98 where the arity of a fun must be" },
	/* a closure whose module, indexes and pid overrun its size */
	{ RAW("p\0\0\0\x1d" "\0" "0123456789abcdef" "\0\0\0\0" "\0\0\0\0"
	    "s\x01m" "a\x01" "a\x02" "X" "s\x01n" "\0\0\0\0\0\0\0\0\0\0\0\0"),
	    AT "0: a fun whose parts overrun its size" },
	{ RAW("p\0\0\0\x2b" "\0" "0123456789abcdef" "\0\0\0\0" "\0\0\0\0"
	    "s\x01m" "a\x01" "j" "X" "s\x01n" "\0\0\0\0\0\0\0\0\0\0\0\0"),
	    AT "35: tag 106 where a small integer must be" },
};

/* What is refused, with a message that says what and where. */
START_TEST(test_bad)
{
	char *got;

	limit_memory();
	got = decode_error(bad[_i].data, bad[_i].len);
	ck_assert_str_eq(got, bad[_i].msg);
	free(got);
}
END_TEST

/* Nesting is limited like the text reader's (1000), not by the stack. */
START_TEST(test_depth)
{
	/* each level: what goes before the inner term, what after */
	static const struct {
		const char *open;
		size_t openlen;
		const char *close;
		size_t closelen;
	} level[] = {
		{ RAW("h\x01"), RAW("") },
		{ RAW("l\0\0\0\x01"), RAW("j") },
		{ RAW("t\0\0\0\x01" "a\x01"), RAW("") },
		{ RAW("l\0\0\0\x01" "a\x01"), RAW("") },	/* a tail */
		{ RAW("t\0\0\0\x01"), RAW("a\x01") },		/* a key */
	};
	struct erlrc_buf data = ERLRC_BUF_INIT;
	int depth, i, k;
	char *got;

	for (k = 0; k < (int)NELEMS(level); k++) {
		for (depth = 1000; depth <= 1001; depth++) {
			erlrc_buf_reset(&data);
			for (i = 1; i < depth; i++)
				erlrc_buf_add(&data, level[(k + i) %
				    NELEMS(level)].open, level[(k + i) %
				    NELEMS(level)].openlen);
			erlrc_buf_add(&data, "a\x07", 2);
			for (i = depth - 1; i >= 1; i--)
				erlrc_buf_add(&data, level[(k + i) %
				    NELEMS(level)].close, level[(k + i) %
				    NELEMS(level)].closelen);
			if (depth == 1000) {
				free(decode_dump(data.s, data.len));
				continue;
			}
			got = decode_error(data.s, data.len);
			ck_assert_msg(strstr(got, ": terms nested deeper than "
			    "1000") != NULL, "%s", got);
			free(got);
		}
	}
	erlrc_buf_destroy(&data);
}
END_TEST

/*
 * A list whose tail is a list is one list however long the chain: no
 * nesting, and (in the speed case) no copying from tail to tail.
 */
START_TEST(test_tail_chain)
{
	struct erlrc_buf data = ERLRC_BUF_INIT;
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_term *t = NULL;
	int index = 0, i, n = 200000;

	for (i = 0; i < n; i++)
		erlrc_buf_add(&data, RAW("l\0\0\0\x01" "a\x07"));
	erlrc_buf_add(&data, RAW("k\0\x02" "ab"));
	erlrc_termfile_init(&tf);
	ck_assert_msg(erlrc_term_decode(&tf, data.s, data.len, &index, &t,
	    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(index, (int)data.len);
	ck_assert_int_eq(t->type, ERLRC_TERM_LIST);
	ck_assert_ptr_null(t->u.seq.tail);
	ck_assert_uint_eq(t->u.seq.n, n + 2);
	ck_assert_int_eq(t->u.seq.v[n - 1]->u.i, 7);
	ck_assert_int_eq(t->u.seq.v[n + 1]->u.i, 'b');
	erlrc_termfile_destroy(&tf);
	erlrc_buf_destroy(&data);
}
END_TEST

/* 255 characters make an atom, 256 do not; Latin-1 and UTF-8 alike. */
START_TEST(test_atom_length)
{
	static const struct {
		const char *head;	/* tag and size, less what varies */
		const char *ch;		/* one character */
		size_t chlen;
	} kinds[] = {
		{ "d", "\xff", 1 },	/* Latin-1: 2 bytes in UTF-8 */
		{ "v", "\xe6\x97\xa5", 3 },
	};
	struct erlrc_buf data = ERLRC_BUF_INIT, want = ERLRC_BUF_INIT;
	size_t n, i, k;
	char *got;

	for (k = 0; k < NELEMS(kinds); k++) {
		for (n = 255; n <= 256; n++) {
			erlrc_buf_reset(&data);
			erlrc_buf_reset(&want);
			erlrc_buf_adds(&data, kinds[k].head);
			erlrc_buf_addc(&data, (char)((n * kinds[k].chlen) >>
			    8));
			erlrc_buf_addc(&data, (char)(n * kinds[k].chlen));
			erlrc_buf_addc(&want, '\'');
			for (i = 0; i < n; i++) {
				erlrc_buf_add(&data, kinds[k].ch,
				    kinds[k].chlen);
				erlrc_buf_adds(&want, k ? "\xe6\x97\xa5" :
				    "\xc3\xbf");
			}
			erlrc_buf_addc(&want, '\'');
			if (n == 255) {
				got = decode_dump(data.s, data.len);
				ck_assert_str_eq(got, want.s);
			} else {
				got = decode_error(data.s, data.len);
				ck_assert_str_eq(got, AT "0: an atom of more "
				    "than 255 characters");
			}
			free(got);
		}
	}
	/* more bytes than 255 characters of UTF-8 can take, libei's limit */
	erlrc_buf_reset(&data);
	erlrc_buf_add(&data, RAW("v\x03\xfd"));
	for (i = 0; i < 0x3fd; i++)
		erlrc_buf_addc(&data, 'a');
	got = decode_error(data.s, data.len);
	ck_assert_str_eq(got, AT "0: an atom of more than 255 characters");
	free(got);
	erlrc_buf_destroy(&data);
	erlrc_buf_destroy(&want);
}
END_TEST

/*
 * The biggest integer taken (64 KiB, 157,827 digits) and one byte more;
 * the time limit of the case is the check that it is fast enough.
 */
START_TEST(test_big_limit)
{
	struct erlrc_buf data = ERLRC_BUF_INIT;
	size_t n, i;
	char *got;

	for (n = 65536; n <= 65537; n++) {
		erlrc_buf_reset(&data);
		erlrc_buf_add(&data, RAW("o"));
		for (i = 4; i-- > 0;)
			erlrc_buf_addc(&data, (char)(n >> (8 * i)));
		erlrc_buf_addc(&data, 1);
		for (i = 0; i < n; i++)
			erlrc_buf_addc(&data, (char)0xff);
		if (n == 65536) {
			/* -(2^524288 - 1) */
			got = decode_dump(data.s, data.len);
			ck_assert_uint_eq(strlen(got), 4 + 1 + 157827);
			ck_assert_str_eq(got + strlen(got) - 6, "773055");
			ck_assert(strncmp(got, "big:-259637", 11) == 0);
		} else {
			got = decode_error(data.s, data.len);
			ck_assert_str_eq(got, AT "0: an integer of more than "
			    "65536 bytes, erlrc's limit");
		}
		free(got);
	}
	erlrc_buf_destroy(&data);
}
END_TEST

/* Terms one after another; the index says where; it is checked. */
START_TEST(test_index)
{
	static const char data[] = "a\x01" "j" "h\0";
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_term *t = NULL;
	int index = 0;

	erlrc_termfile_init(&tf);
	ck_assert_int_eq(erlrc_term_decode(&tf, data, 5, &index, &t, &err),
	    0);
	ck_assert_int_eq(index, 2);
	ck_assert_int_eq(t->type, ERLRC_TERM_INTEGER);
	ck_assert_int_eq(erlrc_term_decode(&tf, data, 5, &index, &t, &err),
	    0);
	ck_assert_int_eq(index, 3);
	ck_assert_int_eq(t->type, ERLRC_TERM_NIL);
	ck_assert_int_eq(erlrc_term_decode(&tf, data, 5, &index, &t, &err),
	    0);
	ck_assert_int_eq(index, 5);
	ck_assert_int_eq(t->type, ERLRC_TERM_TUPLE);
	t = NULL;
	ck_assert_int_eq(erlrc_term_decode(&tf, data, 5, &index, &t, &err),
	    -1);
	ck_assert_str_eq(err.msg, AT "5: the data ends inside a term");
	ck_assert_int_eq(index, 5);
	ck_assert_ptr_null(t);
	index = 6;
	ck_assert_int_eq(erlrc_term_decode(&tf, data, 5, &index, &t, &err),
	    -1);
	ck_assert_str_eq(err.msg, "external term index 6 outside its 5 "
	    "bytes");
	index = -1;
	ck_assert_int_eq(erlrc_term_decode(&tf, data, 5, &index, &t, &err),
	    -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_int_eq(index, -1);
	erlrc_termfile_destroy(&tf);
}
END_TEST

/* Decode BUILD's output into TF. */
static struct erlrc_term *
decode_built(struct erlrc_termfile *tf, void (*build)(ei_x_buff *))
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_term *t = NULL;
	ei_x_buff x;
	int index = 0;

	ck_assert_int_eq(ei_x_new(&x), 0);
	build(&x);
	ck_assert_msg(erlrc_term_decode(tf, x.buff, (size_t)x.index, &index,
	    &t, &err) == 0, "%s", err.msg);
	ei_x_free(&x);
	return t;
}

static void b_pid2(ei_x_buff *x) { pid(x, 82); }

/* Pids and the like go back to the node byte for byte. */
START_TEST(test_encode_opaque)
{
	static void (*const builds[])(ei_x_buff *) = {
		b_pid, b_mixed, b_port, b_ref, b_fun_env,
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_termfile tf;
	ei_x_buff in, out;
	size_t i;

	for (i = 0; i < sizeof(builds) / sizeof(builds[0]); i++) {
		erlrc_termfile_init(&tf);
		ck_assert_int_eq(ei_x_new(&in), 0);
		ck_assert_int_eq(ei_x_new(&out), 0);
		builds[i](&in);
		ck_assert_msg(erlrc_term_encode(&out, decode_built(&tf,
		    builds[i]), &err) == 0, "%zu: %s", i, err.msg);
		ck_assert_int_eq(out.index, in.index);
		ck_assert_msg(memcmp(out.buff, in.buff, (size_t)in.index) == 0,
		    "build %zu: other bytes", i);
		ei_x_free(&in);
		ei_x_free(&out);
		erlrc_termfile_destroy(&tf);
	}
}
END_TEST

/* Pids and the like: equal when printed alike; written as printed. */
START_TEST(test_opaque)
{
	struct erlrc_termfile tf;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	struct erlrc_term *a, *b, *c;

	erlrc_termfile_init(&tf);
	a = decode_built(&tf, b_pid);
	b = decode_built(&tf, b_pid);
	c = decode_built(&tf, b_pid2);
	ck_assert(erlrc_term_equal(a, b));
	ck_assert(!erlrc_term_equal(a, c));
	ck_assert_str_eq(erlrc_term_describe(a),
	    "a pid, port, reference or fun");
	erlrc_term_write(&out, decode_built(&tf, b_mixed));
	ck_assert_str_eq(out.s, "{ok,[#{a => <<1>>},\"str\",-5,1.0e+10|"
	    "<0.7.0>]}");
	erlrc_buf_reset(&out);
	erlrc_term_write(&out, decode_built(&tf, b_fun_env));
	ck_assert_str_eq(out.s, "#Fun<'Elixir.M'.6.1234>");
	erlrc_buf_destroy(&out);
	erlrc_termfile_destroy(&tf);
}
END_TEST

/* Is PROG an executable on PATH? */
static int
on_path(const char *prog)
{
	const char *path = getenv("PATH"), *p, *end;
	char file[PATH_MAX];

	for (p = path; p && *p; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		snprintf(file, sizeof(file), "%.*s/%s", (int)(end - p), p,
		    prog);
		if (access(file, X_OK) == 0)
			return 1;
	}
	return 0;
}

/* Run erl -noshell -eval EVAL, which must exit 0. */
static void
run_erl(const char *eval)
{
	int status, null;
	pid_t child;

	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		null = open("/dev/null", O_RDONLY);
		if (null >= 0)
			dup2(null, 0);
		execlp("erl", "erl", "-noshell", "-eval", eval, (char *)NULL);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "erl: status %d", status);
}

/*
 * The real thing: term_to_binary/1 of a term with most types in it, as a
 * node makes it, decoded and written.  The pid, reference, port and fun
 * are written as the node prints them (~w).
 */
START_TEST(test_erl)
{
	static const char expect[] = "{release,\"Erlang/OTP\","
	    "[{kernel,\"8.5.3\",permanent},"
	    "{'Quoted atom',<<\"1.0\">>,<<5:3>>,<<>>}],"
	    "#{big => -12345678901234567890123,vsn => 1.5,\"k\" => [1|2]},"
	    "fun lists:map/2,'\xc3\xbcn\xc3\xaf','\xe6\x97\xa5',"
	    "\"\xc3\xbcn\xc3\xaf\xe6\x97\xa5\",-0.25,1.0e+100,"
	    "-2147483649,{},[],";
	static const char code[] = "R = make_ref(), "
	    "P = hd(erlang:ports()), F = fun() -> ok end, "
	    "T = {release, \"Erlang/OTP\", "
	    "[{kernel, \"8.5.3\", permanent}, "
	    "{'Quoted atom', <<\"1.0\">>, <<5:3>>, <<>>}], "
	    "#{vsn => 1.5, \"k\" => [1 | 2], big => -12345678901234567890123}, "
	    "fun lists:map/2, list_to_atom([252, 110, 239]), "
	    "list_to_atom([26085]), [252, 110, 239, 26085], -0.25, 1.0e100, "
	    "-2147483649, {}, [], [self(), R, P, F]}, "
	    "<<131, B/binary>> = term_to_binary(T), "
	    "ok = file:write_file(\"%s/term.bin\", B), "
	    "ok = file:write_file(\"%s/opaque.txt\", "
	    "io_lib:format(\"[~w,~w,~w,~w]\", [self(), R, P, F])), halt().";
	struct erlrc_buf bin = ERLRC_BUF_INIT, opaque = ERLRC_BUF_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT, want = ERLRC_BUF_INIT;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_termfile tf;
	struct erlrc_term *t = NULL;
	char eval[sizeof(code) + 2 * PATH_MAX], path[PATH_MAX];
	const char *dir;
	int index = 0;

	if (!on_path("erl"))
		return;		/* erlang-nox is a build dependency */
	dir = erlrc_scratch_dir("erl");
	snprintf(eval, sizeof(eval), code, dir, dir);
	run_erl(eval);
	snprintf(path, sizeof(path), "%s/term.bin", dir);
	ck_assert_msg(erlrc_buf_read_file(&bin, path, &err) == 0, "%s",
	    err.msg);
	snprintf(path, sizeof(path), "%s/opaque.txt", dir);
	ck_assert_msg(erlrc_buf_read_file(&opaque, path, &err) == 0, "%s",
	    err.msg);
	erlrc_termfile_init(&tf);
	ck_assert_msg(erlrc_term_decode(&tf, bin.s, bin.len, &index, &t,
	    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(index, (int)bin.len);
	erlrc_term_write(&out, t);
	erlrc_buf_adds(&want, expect);
	erlrc_buf_add(&want, opaque.s, opaque.len);
	erlrc_buf_addc(&want, '}');
	ck_assert_str_eq(out.s, want.s);
	erlrc_termfile_destroy(&tf);
	erlrc_buf_destroy(&bin);
	erlrc_buf_destroy(&opaque);
	erlrc_buf_destroy(&out);
	erlrc_buf_destroy(&want);
}
END_TEST

/* ---- the encoder ---- */

/* The term TEXT (without its "."), read into TF. */
static struct erlrc_term *
parse_one(struct erlrc_termfile *tf, const char *text)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf b = ERLRC_BUF_INIT;

	erlrc_buf_adds(&b, text);
	erlrc_buf_adds(&b, ".\n");
	ck_assert_msg(erlrc_term_parse(tf, "t", b.s, b.len, &err) == 0,
	    "%.200s: %s", text, err.msg);
	ck_assert_uint_eq(tf->nterms, 1);
	erlrc_buf_destroy(&b);
	return tf->terms[0];
}

/* T encoded into X (ei_x_new: no version byte); libei finds its end. */
static void
encode_ok(ei_x_buff *x, const struct erlrc_term *t)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int skip = 0;

	ck_assert_int_eq(ei_x_new(x), 0);
	ck_assert_msg(erlrc_term_encode(x, t, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(ei_skip_term(x->buff, &skip), 0);
	ck_assert_int_eq(skip, x->index);
}

/* Terms too big to write out in the table below. */
static void
repeat(struct erlrc_buf *b, const char *open, const char *s, size_t n,
    const char *sep, const char *close)
{
	size_t i;

	erlrc_buf_adds(b, open);
	for (i = 0; i < n; i++) {
		if (i)
			erlrc_buf_adds(b, sep);
		erlrc_buf_adds(b, s);
	}
	erlrc_buf_adds(b, close);
}

/* 256 elements: LARGE_TUPLE_EXT */
static void
g_tuple256(struct erlrc_buf *b)
{
	repeat(b, "{", "0", 256, ",", "}");
}

/* the longest STRING_EXT, and one byte more: a LIST_EXT */
static void
g_string65535(struct erlrc_buf *b)
{
	repeat(b, "\"", "a", 65535, "", "\"");
}

static void
g_string65536(struct erlrc_buf *b)
{
	repeat(b, "\"", "a", 65536, "", "\"");
}

static void
g_bytes65536(struct erlrc_buf *b)
{
	repeat(b, "[", "7", 65536, ",", "]");
}

/* 255 characters of 2 bytes each: ATOM_UTF8_EXT */
static void
g_atom255(struct erlrc_buf *b)
{
	repeat(b, "'", "\xc3\xa9", 255, "", "'");
}

static void
g_deep(struct erlrc_buf *b)
{
	/* 1000 deep, the limit: a list, its tail, a map, a value, ... 1 */
	repeat(b, "", "[a|{#{k => ", 333, "", "");
	erlrc_buf_adds(b, "1");
	repeat(b, "", "}}]", 333, "", "");
}

/*
 * Terms of every type: read, encoded and decoded; and encoded as
 * term_to_binary(T, [{minor_version, 2}]) does, byte for byte, when
 * EXACT (the default of OTP 26; OTP 25's default, minor version 1, is
 * the same but for atoms of Latin-1 characters, which it writes as
 * ATOM_EXT).  A map's pairs are written in the order read, and erts
 * writes those of a small map sorted: maps in the table are in erts'
 * order, but one, where only decoding says they are equal.
 */
static const struct {
	const char *text;
	void (*gen)(struct erlrc_buf *);
	int exact;
} enc[] = {
	{ "{a, \"b\", [1|2], <<1:3>>, #{k => v}, fun m:f/2, "
	    "123456789012345678901234567890, -1.5e300}", NULL, 1 },
	/* integers: SMALL_INTEGER_EXT, INTEGER_EXT, SMALL_BIG_EXT */
	{ "0", NULL, 1 },
	{ "255", NULL, 1 },
	{ "256", NULL, 1 },
	{ "-1", NULL, 1 },
	{ "134217728", NULL, 1 },	/* 2^27: past libei's INTEGER_EXT */
	{ "-134217729", NULL, 1 },
	{ "2147483647", NULL, 1 },
	{ "-2147483648", NULL, 1 },
	{ "2147483648", NULL, 1 },
	{ "-2147483649", NULL, 1 },
	{ "9223372036854775807", NULL, 1 },
	{ "-9223372036854775808", NULL, 1 },
	{ "9223372036854775808", NULL, 1 },
	{ "-9223372036854775809", NULL, 1 },
	{ "18446744073709551615", NULL, 1 },
	{ "18446744073709551616", NULL, 1 },
	{ "-18446744073709551616", NULL, 1 },
	{ "1000000000000000000000000000000", NULL, 1 },
	{ DEC300, NULL, 1 },
	{ "-" DEC300, NULL, 1 },
	{ DEC2048, NULL, 1 },		/* 257 bytes: LARGE_BIG_EXT */
	{ "-" DEC2048, NULL, 1 },
	/* floats */
	{ "0.0", NULL, 1 },
	{ "-0.0", NULL, 1 },
	{ "1.5", NULL, 1 },
	{ "-1.5e300", NULL, 1 },
	{ "4.9406564584124654e-324", NULL, 1 },
	{ "1.0e100", NULL, 1 },
	/* atoms */
	{ "a", NULL, 1 },
	{ "''", NULL, 1 },
	{ "'Quoted atom'", NULL, 1 },
	{ "'caf\xc3\xa9'", NULL, 1 },
	{ "'\xe6\x97\xa5\xf0\x9f\x98\x80'", NULL, 1 },
	{ "'a\\0b'", NULL, 1 },
	{ NULL, g_atom255, 1 },
	/* strings and lists */
	{ "\"\"", NULL, 1 },
	{ "\"abc\"", NULL, 1 },
	{ "\"caf\xc3\xa9\\x{ff}\"", NULL, 1 },
	{ "\"\\0\\n\"", NULL, 1 },
	{ "\"\xe6\x97\xa5\xe6\x9c\xac\"", NULL, 1 },
	{ "\"a\\x{10FFFF}b\"", NULL, 1 },
	{ "[1, 2, 3]", NULL, 1 },
	{ "[0, 255]", NULL, 1 },
	{ "[256]", NULL, 1 },
	{ "[-1, 1]", NULL, 1 },
	{ "[a | \"bc\"]", NULL, 1 },
	{ "[1, 2 | \"bc\"]", NULL, 1 },
	{ "[1, 2 | 3]", NULL, 1 },
	{ "[a, b | c]", NULL, 1 },
	{ "[\"ab\"]", NULL, 1 },
	{ "[[]]", NULL, 1 },
	{ "[[] | []]", NULL, 1 },
	{ "[1 | <<2>>]", NULL, 1 },
	{ "[{}, 1.5, -1]", NULL, 1 },
	{ NULL, g_string65535, 1 },
	{ NULL, g_string65536, 1 },
	{ NULL, g_bytes65536, 1 },
	/* tuples */
	{ "{}", NULL, 1 },
	{ "{a}", NULL, 1 },
	{ NULL, g_tuple256, 1 },
	/* maps */
	{ "#{}", NULL, 1 },
	{ "#{k => v}", NULL, 1 },
	{ "#{a => 1, b => 2}", NULL, 1 },
	{ "#{1 => x, a => y, \"s\" => z}", NULL, 1 },
	{ "#{{a} => #{b => [c]}}", NULL, 1 },
	{ "#{b => 1, a => 2}", NULL, 0 },
	/* binaries and bitstrings */
	{ "<<>>", NULL, 1 },
	{ "<<1, 2, 255>>", NULL, 1 },
	{ "<<\"abc\">>", NULL, 1 },
	{ "<<\"\xe6\x97\xa5\"/utf8>>", NULL, 1 },
	{ "<<1:3>>", NULL, 1 },
	{ "<<5:3>>", NULL, 1 },
	{ "<<171, 7:3>>", NULL, 1 },
	{ "<<-1:7>>", NULL, 1 },
	/* funs */
	{ "fun m:f/2", NULL, 1 },
	{ "fun lists:map/0", NULL, 1 },
	{ "fun 'Elixir.M':'f!'/255", NULL, 1 },
	{ "fun '\xe6\x97\xa5':'caf\xc3\xa9'/1", NULL, 1 },
	/* all of it nested */
	{ "{release, \"Erlang/OTP\", [{kernel, \"8.5.3\", permanent}, "
	    "{'Quoted atom', <<\"1.0\">>, <<5:3>>, <<>>}], "
	    "#{big => -12345678901234567890123, vsn => 1.5, \"k\" => [1|2]}}",
	    NULL, 1 },
	{ NULL, g_deep, 1 },
};

/* Row I of enc[] as text. */
static void
enc_text(struct erlrc_buf *b, size_t i)
{
	if (enc[i].gen)
		enc[i].gen(b);
	else
		erlrc_buf_adds(b, enc[i].text);
}

/* decode(encode(T)) is erlrc_term_equal to T, for every row. */
START_TEST(test_encode)
{
	struct erlrc_termfile src, dst;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf text = ERLRC_BUF_INIT, got = ERLRC_BUF_INIT;
	struct erlrc_term *t, *back = NULL;
	ei_x_buff x;
	int index = 0;

	erlrc_termfile_init(&src);
	erlrc_termfile_init(&dst);
	enc_text(&text, _i);
	t = parse_one(&src, text.s);
	encode_ok(&x, t);
	ck_assert_msg(erlrc_term_decode(&dst, x.buff, (size_t)x.index,
	    &index, &back, &err) == 0, "%.200s: %s", text.s, err.msg);
	ck_assert_int_eq(index, x.index);
	if (!erlrc_term_equal(t, back)) {
		erlrc_test_term_dump(&got, back);
		ck_abort_msg("%.200s: decoded as %.200s", text.s, got.s);
	}
	ei_x_free(&x);
	erlrc_buf_destroy(&got);
	erlrc_buf_destroy(&text);
	erlrc_termfile_destroy(&dst);
	erlrc_termfile_destroy(&src);
}
END_TEST

static struct erlrc_term *
new_float(struct erlrc_termfile *tf, double f)
{
	struct erlrc_term *t = erlrc_termfile_alloc(tf, sizeof(*t));

	memset(t, 0, sizeof(*t));
	t->type = ERLRC_TERM_FLOAT;
	t->u.f = f;
	return t;
}

/* what no node takes, made by hand where the reader refuses it too */
static struct erlrc_term *
r_arity256(struct erlrc_termfile *tf)
{
	struct erlrc_term *t = parse_one(tf, "[fun m:f/1]");

	t->u.seq.v[0]->u.seq.v[2]->u.i = 256;
	return t;
}

static struct erlrc_term *
r_arity_negative(struct erlrc_termfile *tf)
{
	struct erlrc_term *t = parse_one(tf, "fun m:f/1");

	t->u.seq.v[2]->u.i = -1;
	return t;
}

static struct erlrc_term *
r_dup_key(struct erlrc_termfile *tf)
{
	/* "ab" and [$a, $b] */
	struct erlrc_term *t = erlrc_term_new_seq(tf, ERLRC_TERM_MAP, 2);

	t->u.seq.v[0] = erlrc_term_new_string(tf, "ab");
	t->u.seq.v[1] = erlrc_term_new_int(tf, 1);
	t->u.seq.v[2] = parse_one(tf, "[97, 98]");
	t->u.seq.v[3] = erlrc_term_new_int(tf, 2);
	return t;
}

static struct erlrc_term *
r_latin1_atom(struct erlrc_termfile *tf)
{
	return erlrc_term_new_atom(tf, "caf\xe9");
}

static struct erlrc_term *
r_surrogate_atom(struct erlrc_termfile *tf)
{
	return erlrc_term_new_atom(tf, "\xed\xa0\x80");
}

static struct erlrc_term *
r_atom256(struct erlrc_termfile *tf)
{
	char s[257];

	memset(s, 'a', 256);
	s[256] = '\0';
	return erlrc_term_new_atom(tf, s);
}

static struct erlrc_term *
r_fun_atom(struct erlrc_termfile *tf)
{
	struct erlrc_term *t = parse_one(tf, "fun m:f/1");

	t->u.seq.v[1] = erlrc_term_new_atom(tf, "\xff");
	return t;
}

static struct erlrc_term *
r_inf(struct erlrc_termfile *tf)
{
	return new_float(tf, HUGE_VAL);
}

static struct erlrc_term *
r_nan(struct erlrc_termfile *tf)
{
	return new_float(tf, NAN);
}

static struct erlrc_term *
r_bad_big(struct erlrc_termfile *tf)
{
	struct erlrc_term *t = parse_one(tf, "123456789012345678901234567890");

	t->u.text.s = "-12x";
	t->u.text.len = 4;
	return t;
}

static struct erlrc_term *
r_bad_string(struct erlrc_termfile *tf)
{
	return erlrc_term_new_string(tf, "a\xff");
}

/* 1001 tuples, each in the next */
static struct erlrc_term *
r_deep(struct erlrc_termfile *tf)
{
	struct erlrc_term *t = erlrc_term_new_atom(tf, "a"), *u;
	int i;

	for (i = 1; i < 1001; i++) {
		u = erlrc_term_new_seq(tf, ERLRC_TERM_TUPLE, 1);
		u->u.seq.v[0] = t;
		t = u;
	}
	return t;
}

#define ATOM_MSG "cannot send an atom that is not UTF-8 of at most 255 " \
	"characters"

static const struct {
	struct erlrc_term *(*build)(struct erlrc_termfile *);
	const char *msg;
} refused[] = {
	{ r_arity256, "cannot send fun m:f/256: an arity is 0 to 255" },
	{ r_arity_negative, "cannot send fun m:f/-1: an arity is 0 to 255" },
	{ r_dup_key, "cannot send a map with a key twice" },
	{ r_latin1_atom, ATOM_MSG },
	{ r_surrogate_atom, ATOM_MSG },
	{ r_atom256, ATOM_MSG },
	{ r_fun_atom, ATOM_MSG },
	{ r_inf, "cannot send a float that is not finite" },
	{ r_nan, "cannot send a float that is not finite" },
	{ r_bad_big, "cannot send an integer that is not decimal digits: "
	    "-12x" },
	{ r_bad_string, "cannot send a string that is not UTF-8" },
	{ r_deep, "cannot send terms nested deeper than 1000" },
};

/*
 * What no node would take back is refused, and the buffer is left as it
 * was, with what came before.
 */
START_TEST(test_encode_refused)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_term *t;
	ei_x_buff x;
	int index;

	erlrc_termfile_init(&tf);
	t = refused[_i].build(&tf);
	ck_assert_int_eq(ei_x_new(&x), 0);
	ck_assert_int_eq(ei_x_encode_tuple_header(&x, 2), 0);
	ck_assert_int_eq(ei_x_encode_atom(&x, "first"), 0);
	index = x.index;
	ck_assert_int_eq(erlrc_term_encode(&x, t, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, refused[_i].msg);
	ck_assert_int_eq(x.index, index);
	ck_assert(memcmp(x.buff, "h\x02" "w\x05" "first", 8) == 0);
	ei_x_free(&x);
	erlrc_termfile_destroy(&tf);
}
END_TEST

/*
 * libei keeps sizes in an int and does not check its sums: a term that
 * would take the buffer near INT_MAX bytes is refused before libei is
 * asked to grow it.
 */
START_TEST(test_encode_limit)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	ei_x_buff x;
	int before;

	erlrc_termfile_init(&tf);
	ck_assert_int_eq(ei_x_new(&x), 0);
	/* as if that much were there already: nothing is written */
	before = INT_MAX - 4096 - 2;
	x.index = before;
	ck_assert_int_eq(erlrc_term_encode(&x, erlrc_term_new_atom(&tf, "a"),
	    &err), -1);
	ck_assert_str_eq(err.msg, "cannot send a term of more than "
	    "2147479551 bytes, libei's limit");
	ck_assert_int_eq(x.index, before);
	x.index = INT_MAX;
	ck_assert_int_eq(erlrc_term_encode(&x, erlrc_term_new_int(&tf, 1),
	    &err), -1);
	ck_assert_int_eq(x.index, INT_MAX);
	x.index = 0;
	ei_x_free(&x);
	erlrc_termfile_destroy(&tf);
}
END_TEST

static int
has_atom(const struct erlrc_term *t)
{
	size_t i, n = 0;

	switch (t->type) {
	case ERLRC_TERM_ATOM:
	case ERLRC_TERM_FUN:
		return 1;
	case ERLRC_TERM_LIST:
		if (t->u.seq.tail && has_atom(t->u.seq.tail))
			return 1;
		n = t->u.seq.n;
		break;
	case ERLRC_TERM_TUPLE:
		n = t->u.seq.n;
		break;
	case ERLRC_TERM_MAP:
		n = 2 * t->u.seq.n;
		break;
	default:
		break;
	}
	for (i = 0; i < n; i++)
		if (has_atom(t->u.seq.v[i]))
			return 1;
	return 0;
}

static void
add_hex(struct erlrc_buf *b, const char *data, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		erlrc_buf_addf(b, "%02X", (unsigned char)data[i]);
}

/*
 * Byte for byte what a node writes (enc[] says when), and what a node
 * reads back as the term: erl reads the terms from their text, writes
 * term_to_binary/2 of each with minor version 2 and the default one, and
 * says whether it decodes what erlrc wrote to the same term.
 */
START_TEST(test_encode_erl)
{
	static const char code[] = "{ok, Ts} = file:consult(\"%s/terms\"), "
	    "{ok, O} = file:read_file(\"%s/ours\"), "
	    "Os = binary:split(O, <<\"\\n\">>, [global, trim]), "
	    "Hex = fun(B) -> <<131, R/binary>> = B, binary:encode_hex(R) end, "
	    "Same = fun(T, H) -> try binary_to_term(<<131, "
	    "(binary:decode_hex(H))/binary>>) =:= T "
	    "catch _:_ -> false end end, "
	    "L = [[Hex(term_to_binary(T, [{minor_version, 2}])), \" \", "
	    "Hex(term_to_binary(T)), \" \", atom_to_list(Same(T, H)), \"\\n\"]"
	    " || {T, H} <- lists:zip(Ts, Os)], "
	    "ok = file:write_file(\"%s/erl\", L), halt().";
	struct erlrc_buf terms = ERLRC_BUF_INIT, ours = ERLRC_BUF_INIT;
	struct erlrc_buf text = ERLRC_BUF_INIT, erl = ERLRC_BUF_INIT;
	struct erlrc_buf mine = ERLRC_BUF_INIT;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_termfile tf;
	struct erlrc_term *t;
	char eval[sizeof(code) + 3 * PATH_MAX], path[PATH_MAX];
	char *line, *v2, *v1, *same, *next;
	const char *dir;
	ei_x_buff x;
	size_t i;
	FILE *f;

	if (!on_path("erl"))
		return;		/* erlang-nox is a build dependency */
	dir = erlrc_scratch_dir("erl");
	erlrc_termfile_init(&tf);
	for (i = 0; i < NELEMS(enc); i++) {
		erlrc_buf_reset(&text);
		enc_text(&text, i);
		erlrc_buf_add(&terms, text.s, text.len);
		erlrc_buf_adds(&terms, ".\n");
		encode_ok(&x, parse_one(&tf, text.s));
		add_hex(&ours, x.buff, (size_t)x.index);
		erlrc_buf_addc(&ours, '\n');
		ei_x_free(&x);
	}
	snprintf(path, sizeof(path), "%s/terms", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(terms.s, 1, terms.len, f), terms.len);
	ck_assert_int_eq(fclose(f), 0);
	snprintf(path, sizeof(path), "%s/ours", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(ours.s, 1, ours.len, f), ours.len);
	ck_assert_int_eq(fclose(f), 0);
	snprintf(eval, sizeof(eval), code, dir, dir, dir);
	run_erl(eval);
	snprintf(path, sizeof(path), "%s/erl", dir);
	ck_assert_msg(erlrc_buf_read_file(&erl, path, &err) == 0, "%s",
	    err.msg);
	line = erl.s;
	for (i = 0; i < NELEMS(enc); i++) {
		erlrc_buf_reset(&text);
		enc_text(&text, i);
		t = parse_one(&tf, text.s);
		encode_ok(&x, t);
		erlrc_buf_reset(&mine);
		add_hex(&mine, x.buff, (size_t)x.index);
		ei_x_free(&x);
		ck_assert_ptr_nonnull(line);
		next = strchr(line, '\n');
		ck_assert_ptr_nonnull(next);
		*next++ = '\0';
		v2 = line;
		v1 = strchr(v2, ' ');
		ck_assert_ptr_nonnull(v1);
		*v1++ = '\0';
		same = strchr(v1, ' ');
		ck_assert_ptr_nonnull(same);
		*same++ = '\0';
		ck_assert_msg(strcmp(same, "true") == 0, "%.200s: erl decodes "
		    "%.200s as another term", text.s, mine.s);
		if (enc[i].exact)
			ck_assert_msg(strcmp(mine.s, v2) == 0, "%.200s: wrote "
			    "%.200s, erl %.200s", text.s, mine.s, v2);
		if (enc[i].exact && !has_atom(t))
			ck_assert_msg(strcmp(mine.s, v1) == 0, "%.200s: wrote "
			    "%.200s, erl (minor version 1) %.200s", text.s,
			    mine.s, v1);
		line = next;
	}
	ck_assert_str_eq(line, "");
	erlrc_termfile_destroy(&tf);
	erlrc_buf_destroy(&terms);
	erlrc_buf_destroy(&ours);
	erlrc_buf_destroy(&text);
	erlrc_buf_destroy(&erl);
	erlrc_buf_destroy(&mine);
}
END_TEST

Suite *
erlrc_test_term_ei_suite(void)
{
	Suite *s = suite_create("term_ei");
	TCase *tc;

	tc = tcase_create("decode");
	tcase_add_loop_test(tc, test_good, 0, NELEMS(good));
	tcase_add_loop_test(tc, test_truncated, 0, NELEMS(good));
	tcase_add_loop_test(tc, test_bad, 0, NELEMS(bad));
	tcase_add_test(tc, test_depth);
	tcase_add_test(tc, test_atom_length);
	tcase_add_test(tc, test_index);
	tcase_add_test(tc, test_opaque);
	tcase_add_test(tc, test_encode_opaque);
	suite_add_tcase(s, tc);

	tc = tcase_create("encode");
	tcase_set_timeout(tc, 10);
	tcase_add_loop_test(tc, test_encode, 0, NELEMS(enc));
	tcase_add_loop_test(tc, test_encode_refused, 0, NELEMS(refused));
	tcase_add_test(tc, test_encode_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("speed");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_tail_chain);
	tcase_add_test(tc, test_big_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("erl");
	tcase_set_timeout(tc, 60);
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_add_test(tc, test_erl);
	tcase_add_test(tc, test_encode_erl);
	suite_add_tcase(s, tc);
	return s;
}
