/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_term.c - unit tests of the Erlang term reader and writer (term*.c) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/buf.h>
#include <erlrc/term.h>

#include "suites.h"
#include "termdump.h"

/*
 * What each case expects was checked against OTP 25's file:consult/1:
 * the reader must accept exactly what it accepts, but for two limits of
 * its own (nesting deeper than 1000, more than 16 MiB of binaries in a
 * file), which the cases about them say.
 */

#define NAME "t.term"
#define DATA ERLRC_TEST_DATA "/term"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Every term of TF dumped, "; " between them. */
static char *
dump_file(const struct erlrc_termfile *tf)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t i;

	for (i = 0; i < tf->nterms; i++) {
		if (i)
			erlrc_buf_adds(&b, "; ");
		erlrc_test_term_dump(&b, tf->terms[i]);
	}
	return erlrc_buf_detach(&b);
}

/* Parse TEXT (LEN bytes), which must be good; return its dump. */
static char *
parse_dump(const char *text, size_t len)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *s;

	erlrc_termfile_init(&tf);
	ck_assert_msg(erlrc_term_parse(&tf, NAME, text, len, &err) == 0,
	    "refused %s: %s", text, err.msg);
	s = dump_file(&tf);
	erlrc_termfile_destroy(&tf);
	return s;
}

/* Parse TEXT (LEN bytes), which must be refused; return the message. */
static char *
parse_error(const char *text, size_t len)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *dumped;

	erlrc_termfile_init(&tf);
	if (erlrc_term_parse(&tf, NAME, text, len, &err) == 0) {
		dumped = dump_file(&tf);
		ck_abort_msg("accepted %s as %s", text, dumped);
	}
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	erlrc_termfile_destroy(&tf);
	return strdup(err.msg);
}

/* Parse, write, parse the writing: the terms must be equal. */
static char *
round_trip(const char *text, size_t len)
{
	struct erlrc_termfile tf, back;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT, out2 = ERLRC_BUF_INIT;
	size_t i;

	erlrc_termfile_init(&tf);
	erlrc_termfile_init(&back);
	ck_assert_msg(erlrc_term_parse(&tf, NAME, text, len, &err) == 0,
	    "refused %s: %s", text, err.msg);
	erlrc_termfile_write(&out, &tf);
	ck_assert_msg(erlrc_term_parse(&back, "written", erlrc_buf_str(&out),
	    out.len, &err) == 0, "%s written as %s is refused: %s", text,
	    erlrc_buf_str(&out), err.msg);
	ck_assert_uint_eq(back.nterms, tf.nterms);
	for (i = 0; i < tf.nterms; i++)
		ck_assert_msg(erlrc_term_equal(tf.terms[i], back.terms[i]),
		    "term %zu of %s written as %s reads back different", i + 1,
		    text, erlrc_buf_str(&out));
	/* and the writing of the writing is the same text */
	erlrc_termfile_write(&out2, &back);
	ck_assert_str_eq(erlrc_buf_str(&out2), erlrc_buf_str(&out));
	erlrc_buf_destroy(&out2);
	erlrc_termfile_destroy(&back);
	erlrc_termfile_destroy(&tf);
	return erlrc_buf_detach(&out);
}

/* ---- the reader ---- */

static const struct good_case {
	const char *text;
	const char *want;
} good[] = {
	/* Escapes in strings, quoted atoms and character literals. */
	{ "\"\\n\\r\\t\\v\\b\\f\\e\\s\\d\\\\\\\"\\'\".",
	    "\"<A><D><9><B><8><C><1B> <7F>\\\"'\"" },
	{ "\"\\x41\\x{1F600}\\1234\\0\\7\\77\\^a\\^?\\^@\\q\\z\".",
	    "\"A\xf0\x9f\x98\x80S4<0><7>?<1><1F><0>qz\"" },
	{ "\"\\x4a\\x4A\\x{0041}\\x{000000000041}\\x{10FFFF}\".",
	    "\"JJAA\xf4\x8f\xbf\xbf\"" },
	{ "\"\\x{7F}\\x{80}\\xff\\x{D7FF}\\x{E000}\\x{FFFD}\\x{10000}\".",
	    "\"<7F>\xc2\x80\xc3\xbf\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbd"
	    "\xf0\x90\x80\x80\"" },
	/* At most three octal digits: "\1234" is "S4". */
	{ "\"\\0\\08\\400\\777\\1234\".",
	    "\"<0><0>8\xc4\x80\xc7\xbfS4\"" },
	{ "\"\\^A\\^z\\^[\\^\\\\^_\\^\n\".",
	    "\"<1><1A><1B><1C><1F><A>\"" },
	/* A backslash before a newline or any other character keeps it. */
	{ "\"a\\\nb\\\xc3\xa9\\\tc\\%\\{\".",
	    "\"a<A>b\xc3\xa9<9>c%{\"" },
	{ "'\\n\\q\\x{41}\\101\\'\\\\'.", "'<A>qAA'\\'" },
	{ "'a\\\nb'.", "'a<A>b'" },
	{ "[$a, $\\n, $\\x{1F600}, $ , $\\^?, $\\123, $\\\\, $\", $', $%].",
	    "[97,10,128512,32,31,83,92,34,39,37]" },
	{ "[$\\s, $\\^A, $\\x41, $\\e, $\\d, $\\q, $\xc3\xa9].",
	    "[32,1,65,27,127,113,233]" },
	{ "[$\\\n, $\n].", "[10,10]" },
	/* Adjacent string literals are one. */
	{ "\"ab\" \"cd\" \"\".", "\"abcd\"" },
	{ "\"\" \"\".", "[]" },
	{ "\"\".", "[]" },
	{ "\"a\" % between\n \"b\".", "\"ab\"" },
	{ "{a,\"b\" \"c\"}.", "{'a',\"bc\"}" },
	/* Atoms: Latin-1 letters start bare ones, not other letters. */
	{ "[a, aB_9@x, a@b, \xc3\xa9" "a, \xc3\x9f, \xc3\xbf\xc3\x80].",
	    "['a','aB_9@x','a@b','\xc3\xa9" "a','\xc3\x9f',"
	    "'\xc3\xbf\xc3\x80']" },
	{ "['\xce\xbb', 'hello world', '', 'A', '_', 'case', maybe, else].",
	    "['\xce\xbb','hello world','','A','_','case','maybe','else']" },
	/* Integers. */
	{ "[0, 007, -0, 42, -42, +7, - 1, -(1), (-(1)), 1_000_000].",
	    "[0,7,0,42,-42,7,-1,-1,-1,1000000]" },
	{ "[2#1010, 8#777, 16#ff_FF, 36#zZ, 36#10, 10#99, 2#0].",
	    "[10,511,65535,1295,36,99,0]" },
	{ "[9223372036854775807, -9223372036854775808, "
	  "-(9223372036854775808), 16#7FFFFFFFFFFFFFFF, "
	  "-16#8000000000000000].",
	    "[9223372036854775807,-9223372036854775808,"
	    "-9223372036854775808,9223372036854775807,"
	    "-9223372036854775808]" },
	{ "[9223372036854775808, -9223372036854775809, "
	  "16#FFFFFFFFFFFFFFFFFFFF, 18446744073709551616, "
	  "0000000000000000000000000000001, "
	  "2#1111111111111111111111111111111111111111111111111111111111111111, "
	  "-36#zzzzzzzzzzzzzzzzzzzz].",
	    "[big:9223372036854775808,big:-9223372036854775809,"
	    "big:1208925819614629174706175,big:18446744073709551616,1,"
	    "big:18446744073709551615,"
	    "big:-13367494538843734067838845976575]" },
	/* Floats: underflow is 0.0, keeping the sign. */
	{ "[1.5, 0.1, 1.0e10, 2.5E+2, 1.5e-3, 0.5e-0, 1_0.5_0, 1.5e1_0].",
	    "[f:1.5,f:0.10000000000000001,f:10000000000,f:250,f:0.0015,"
	    "f:0.5,f:10.5,f:15000000000]" },
	{ "[0.0, -0.0, 1.0e-400, -1.0e-400, 4.9e-324, "
	  "1.7976931348623157e308, -(2.5)].",
	    "[f:0,f:-0,f:0,f:-0,f:4.9406564584124654e-324,"
	    "f:1.7976931348623157e+308,f:-2.5]" },
	/* Tuples and lists; [H|T] with a list T is one flat list. */
	{ "{}. {a}. {a,{b,[]}}. [].", "{}; {'a'}; {'a',{'b',[]}}; []" },
	{ "[[]]. [a|b]. [a,b|c]. [a|{b}].",
	    "[[]]; ['a'|'b']; ['a','b'|'c']; ['a'|{'b'}]" },
	{ "[1|[2,3]]. [a|[]]. [a|\"\"]. [a|[b|c]].",
	    "[1,2,3]; ['a']; ['a']; ['a','b'|'c']" },
	{ "[$a|\"bc\"]. [a|\"b\" \"c\"]. [a|[b|\"c\"]].",
	    "[97,98,99]; ['a',98,99]; ['a','b',99]" },
	/* Maps: a later key replaces an earlier equal one. */
	{ "#{}. #{a=>1}. #{{a}=>[b], \"s\"=>1, 1=>2, 1.0=>3}.",
	    "#{}; #{'a'=>1}; #{{'a'}=>['b'],\"s\"=>1,1=>2,f:1=>3}" },
	{ "#{a=>1, a=>2, b=>3}.", "#{'a'=>2,'b'=>3}" },
	{ "#{\"s\"=>1, [$s]=>2}.", "#{[115]=>2}" },
	{ "#{0.0=>a, -0.0=>b}.", "#{f:-0=>'b'}" },
	/* Binaries. */
	{ "<<>>. <<\"\">>. <<\"abc\">>. <<1,2>>. <<256>>.",
	    "bin:0:; bin:0:; bin:24:616263; bin:16:0102; bin:8:00" },
	{ "<<1:3>>. <<1:1,0:1,1:1>>. <<<<1:4>>/bits, 2:4>>. <<-1:70>>.",
	    "bin:3:20; bin:3:a0; bin:8:12; bin:70:fffffffffffffffffc" },
	{ "<<\"\xc3\xa9\"/utf8>>. <<\"\xc3\xa9\">>. <<\"\\x{100}\">>. "
	  "<<\"ab\"/utf16>>. <<\"ab\"/utf16-little>>. <<$a/utf32>>.",
	    "bin:16:c3a9; bin:8:e9; bin:8:00; bin:32:00610062; "
	    "bin:32:61006200; bin:32:00000061" },
	{ "<<\"\\x{1F600}\"/utf16>>. <<\"\\x{1F600}\"/utf8>>.",
	    "bin:32:d83dde00; bin:32:f09f9880" },
	{ "<<1.5/float>>. <<1.5:32/float>>. <<1.5:16/float>>. "
	  "<<-1.5/float-little>>. <<1.0e300:32/float>>. <<2/float>>.",
	    "bin:64:3ff8000000000000; bin:32:3fc00000; bin:16:3e00; "
	    "bin:64:000000000000f8bf; bin:32:7f800000; "
	    "bin:64:4000000000000000" },
	/* Half floats: subnormal, the largest, rounding up to infinity. */
	{ "<<1.0e-5:16/float>>. <<65504.0:16/float>>. <<65520.0:16/float>>. "
	  "<<-6.0e-8:16/float>>. <<6.103515625e-5:16/float>>. "
	  "<<1.0e-10:16/float>>. <<65519.0:16/float>>. "
	  "<<4.57763671875e-5:16/float>>. <<-3.0e-5:16/float>>.",
	    "bin:16:00a8; bin:16:7bff; bin:16:7c00; bin:16:8001; "
	    "bin:16:0400; bin:16:0000; bin:16:7bff; bin:16:0300; "
	    "bin:16:81f7" },
	{ "<<-1:16/little>>. <<1:16/little>>. <<16#123:12/little>>. "
	  "<<16#12345:20/little>>.",
	    "bin:16:ffff; bin:16:0100; bin:12:2310; bin:20:452310" },
	{ "<<16#123456789abcdef0123456789:100/little>>.",
	    "bin:100:8967452301efcdab8967452310" },
	{ "<<\"abc\":16>>. <<\"abc\"/integer-little>>. <<1:4/unit:3>>. "
	  "<<\"a\", \"bc\":2/unit:4>>.",
	    "bin:48:006100620063; bin:24:616263; bin:12:0010; "
	    "bin:24:616263" },
	{ "<<(-1)>>. <<(1)>>. <<1:(8)>>. <<1/signed>>. <<-1/unsigned>>. "
	  "<<1:8/big-signed-integer-unit:1>>. <<1:2/integer-unit:4-little>>.",
	    "bin:8:ff; bin:8:01; bin:8:01; bin:8:01; bin:8:ff; bin:8:01; "
	    "bin:8:01" },
	{ "<<18446744073709551617:72>>. <<-18446744073709551617:72>>.",
	    "bin:72:010000000000000001; bin:72:feffffffffffffffff" },
	/* External funs, the only funs a term may hold. */
	{ "fun a:b/1. fun 'a b':'c'/0. {fun lists:map/2}.",
	    "fun('a','b',1); fun('a b','c',0); {fun('lists','map',2)}" },
	/* Several terms, comments, white space, the end of a term. */
	{ "", "" },
	{ "% only a comment", "" },
	{ "% c\n1. %x\n 2.%y\n3.", "1; 2; 3" },
	{ "{a} . {b}.\n{c}.\t", "{'a'}; {'b'}; {'c'}" },
	{ "\t\r\n\v\f a\x01.", "'a'" },
	{ " \xc2\xa0\xc2\x85" "a.", "'a'" },
	{ "a.\xc2\xa0" "b.", "'a'; 'b'" },
	/* The encoding: a "coding: latin-1" comment on line 1 or 2. */
	{ "%% coding: latin-1\n'\xe9'. \"\xe9\". \xe9" "a.",
	    "'\xc3\xa9'; \"\xc3\xa9\"; '\xc3\xa9" "a'" },
	{ "%% -*- coding: latin-1 -*-\n\xe9" "a.", "'\xc3\xa9" "a'" },
	{ "%% coding: Latin-1\n\xa0\xdf.", "'\xc3\x9f'" },
	{ "a. %% coding: latin-1\n'\xe9'.", "'a'; '\xc3\xa9'" },
	{ "%% coding=latin-1\n'\xe9'.", "'\xc3\xa9'" },
	{ "%% coding: utf-8\n'\xc3\xa9'.", "'\xc3\xa9'" },
	{ "%% this coding is not\n%% coding: latin-1\n'\xe9'.",
	    "'\xc3\xa9'" },
};

START_TEST(test_good)
{
	const struct good_case *c = &good[_i];
	char *got;

	got = parse_dump(c->text, strlen(c->text));
	ck_assert_msg(strcmp(got, c->want) == 0, "%s\n  read as %s\n  want %s",
	    c->text, got, c->want);
	free(got);
}
END_TEST

/* The writer's promise holds for every good case. */
START_TEST(test_good_round_trip)
{
	const struct good_case *c = &good[_i];

	free(round_trip(c->text, strlen(c->text)));
}
END_TEST

static const struct bad_case {
	const char *text;
	const char *want;
} bad[] = {
	/* Unterminated things, at where they start. */
	{ "\"abc", NAME ":1:1: unterminated string" },
	{ "'abc", NAME ":1:1: unterminated quoted atom" },
	{ "{a,\n  \"abc\n\n", NAME ":2:3: unterminated string" },
	{ "'\\^\n", NAME ":1:1: unterminated quoted atom" },
	{ "\"\\", NAME ":1:3: unterminated escape sequence" },
	{ "\"\\^", NAME ":1:3: unterminated escape sequence" },
	{ "$", NAME ":1:1: '$' at the end of the file" },
	{ "$\\", NAME ":1:3: unterminated escape sequence" },
	/* Bad escapes, at their backslash. */
	{ "\"\\x4g\".", NAME ":1:2: illegal character: \\x needs two hex "
	  "digits or {...}" },
	{ "\"ab\\x{D800}\".", NAME ":1:4: illegal character in \\x{...} "
	  "escape" },
	{ "'\\x{DFFF}'.", NAME ":1:2: illegal character in \\x{...} escape" },
	{ "\"\\x{FFFE}\".", NAME ":1:2: illegal character in \\x{...} escape" },
	{ "\"\\x{110000}\".", NAME ":1:2: illegal character in \\x{...} "
	  "escape" },
	{ "\"\\x{}\".", NAME ":1:2: illegal character in \\x{...} escape" },
	{ "\"\\x{12\".", NAME ":1:2: illegal character in \\x{...} escape" },
	{ "$\\x{D800}.", NAME ":1:2: illegal character in \\x{...} escape" },
	{ "$\\x4.", NAME ":1:2: illegal character: \\x needs two hex digits "
	  "or {...}" },
	/* Numbers. */
	{ "37#1.", NAME ":1:1: illegal base 37#" },
	{ "{1#0}.", NAME ":1:2: illegal base 1#" },
	{ "0#0.", NAME ":1:1: illegal base 0#" },
	{ "99999999999999999999999#1.", NAME ":1:1: illegal base "
	  "99999999999999999999999#" },
	{ "2#.", NAME ":1:1: illegal integer: no digits after 2#" },
	{ "2#2.", NAME ":1:1: illegal integer: no digits after 2#" },
	{ "16#-1.", NAME ":1:1: illegal integer: no digits after 16#" },
	{ "1.0e400.", NAME ":1:1: illegal float 1.0e400 (out of range)" },
	{ "[1, -1.5e999].", NAME ":1:6: illegal float 1.5e999 (out of "
	  "range)" },
	{ "1_.", NAME ":1:2: syntax error before '_'" },
	{ "1__0.", NAME ":1:2: syntax error before '__0'" },
	{ "1.e3.", NAME ":1:2: syntax error before '.'" },
	{ "1.5e.", NAME ":1:4: syntax error before 'e'" },
	/* What is no term. */
	{ "X.", NAME ":1:1: variable 'X' in a term" },
	{ "[a, _].", NAME ":1:5: variable '_' in a term" },
	{ "\xc3\x89" "a.", NAME ":1:1: variable '\xc3\x89" "a' in a term" },
	{ "case.", NAME ":1:1: syntax error before 'case'" },
	{ "{a, end}.", NAME ":1:5: syntax error before 'end'" },
	{ "fun.", NAME ":1:4: syntax error before '.'" },
	{ "fun a/1.", NAME ":1:6: syntax error before '/'" },
	{ "fun a:b/c.", NAME ":1:9: syntax error before 'c'" },
	{ "fun a:b/-1.", NAME ":1:9: syntax error before '-'" },
	{ "fun a:b/256.", NAME ":1:9: bad term: the arity of a fun is 0 to "
	    "255" },
	{ "fun a:b/18446744073709551616.", NAME ":1:9: syntax error before "
	  "a number" },
	{ "{a,}.", NAME ":1:4: syntax error before '}'" },
	{ "{a b}.", NAME ":1:4: syntax error before 'b'" },
	{ "'a''b'.", NAME ":1:4: syntax error before 'b'" },
	{ "'a' 'b'.", NAME ":1:5: syntax error before 'b'" },
	{ "[a|b|c].", NAME ":1:5: syntax error before '|'" },
	{ "[a|].", NAME ":1:4: syntax error before ']'" },
	{ "[a,].", NAME ":1:4: syntax error before ']'" },
	{ "a ! b.", NAME ":1:3: syntax error before an operator" },
	{ "a == b.", NAME ":1:3: syntax error before an operator" },
	{ "a.b.", NAME ":1:2: syntax error before '.'" },
	{ "[a || b].", NAME ":1:4: syntax error before an operator" },
	{ ".", NAME ":1:1: syntax error before '.'" },
	{ "a", NAME ":1:2: syntax error before end of file" },
	{ "{a}\n", NAME ":2:1: syntax error before end of file" },
	{ "{a}. {b}", NAME ":1:9: syntax error before end of file" },
	{ "\xce\xbb.", NAME ":1:1: illegal character U+03BB" },
	{ "a. \xe2\x82\xac.", NAME ":1:4: illegal character U+20AC" },
	{ "\x7f.", NAME ":1:1: illegal character U+007F" },
	/* Unary operators apply to a number, once. */
	{ "-(-1).", NAME ":1:3: only a number may follow a unary '-'" },
	{ "- - 1.", NAME ":1:3: only a number may follow a unary '-'" },
	{ "- a.", NAME ":1:1: only a number may follow a unary '-'" },
	{ "+\"a\".", NAME ":1:1: only a number may follow a unary '+'" },
	{ "-[].", NAME ":1:1: only a number may follow a unary '-'" },
	/* Maps. */
	{ "#{a:=1}.", NAME ":1:4: ':=' in a map is no term (use '=>')" },
	{ "#{a}.", NAME ":1:4: syntax error before '}'" },
	{ "#{a=>1,}.", NAME ":1:8: syntax error before '}'" },
	{ "#a.", NAME ":1:2: syntax error before 'a'" },
	{ "M#{a=>1}.", NAME ":1:1: variable 'M' in a term" },
	/* Binaries. */
	{ "<<1/foo>>.", NAME ":1:5: unknown type specifier in a binary" },
	{ "<<1:8/utf8>>.", NAME ":1:3: a utf segment takes no size and no "
	  "unit" },
	{ "<<1/utf8-unit:8>>.", NAME ":1:3: a utf segment takes no size and "
	  "no unit" },
	{ "<<1.5>>.", NAME ":1:3: this value does not fit its binary "
	  "segment" },
	{ "<<1.5:8/float>>.", NAME ":1:3: this value does not fit its "
	  "binary segment" },
	{ "<<1:8/float>>.", NAME ":1:3: this value does not fit its binary "
	  "segment" },
	{ "<<[]>>.", NAME ":1:3: this value does not fit its binary "
	  "segment" },
	{ "<<a>>.", NAME ":1:3: this value does not fit its binary "
	  "segment" },
	{ "<<16#110000/utf8>>.", NAME ":1:3: this value does not fit its "
	  "binary segment" },
	{ "<<<<1:4>>/binary>>.", NAME ":1:3: this value does not fit its "
	  "binary segment" },
	{ "<<<<1>>:16/binary>>.", NAME ":1:3: this value does not fit its "
	  "binary segment" },
	{ "<<\"a\"/binary>>.", NAME ":1:3: a string cannot be a binary "
	  "segment" },
	{ "<<1/unit:8>>.", NAME ":1:3: a unit needs a size in a binary "
	  "segment" },
	{ "<<1/integer-float>>.", NAME ":1:13: conflicting type specifiers "
	  "in a binary" },
	{ "<<1/big-little>>.", NAME ":1:9: conflicting type specifiers in a "
	  "binary" },
	{ "<<1:8/unit:0>>.", NAME ":1:12: unit must be an integer from 1 to "
	  "256" },
	{ "<<1:8/unit:257>>.", NAME ":1:12: unit must be an integer from 1 "
	  "to 256" },
	{ "<<1:a>>.", NAME ":1:5: the size of a binary segment must be a "
	  "non-negative integer (at most 2^27)" },
	{ "<<1:-1>>.", NAME ":1:5: only a number may follow a unary '-'" },
	{ "<<1 2>>.", NAME ":1:5: syntax error before a number" },
	{ "<<1,>>.", NAME ":1:5: syntax error before '>>'" },
	{ "<<1/>>.", NAME ":1:5: syntax error before '>>'" },
	{ "<<1>.", NAME ":1:4: syntax error before an operator" },
	/* At most 16 MiB of binaries in a file: erlrc's limit, not OTP's. */
	{ "<<1:134217729>>.", NAME ":1:5: the size of a binary segment must "
	  "be a non-negative integer (at most 2^27)" },
	{ "<<0:134217728>>. <<1:1>>.", NAME ":1:20: the binaries of this file "
	  "hold more than 16 MiB, erlrc's limit" },
	{ "<<<<0:67108864>>/bits, <<0:67108864>>/bits>>.", NAME ":1:24: the "
	  "binaries of this file hold more than 16 MiB, erlrc's limit" },
	/* Invalid UTF-8, at the character where it is. */
	{ "'\xe9'.", NAME ":1:2: invalid UTF-8 (byte offset 1); add a "
	  "\"%% coding: latin-1\" comment if the file is Latin-1" },
	{ "{\"a\",\n \xce\xbb\xc3\xa9\xff}.", NAME ":2:4: invalid UTF-8 "
	  "(byte offset 11); add a \"%% coding: latin-1\" comment if the "
	  "file is Latin-1" },
	{ "\xc0\x80.", NAME ":1:1: invalid UTF-8 (byte offset 0); add a "
	  "\"%% coding: latin-1\" comment if the file is Latin-1" },
	{ "\"\xed\xa0\x80\".", NAME ":1:2: invalid UTF-8 (byte offset 1); "
	  "add a \"%% coding: latin-1\" comment if the file is Latin-1" },
	{ "\"\xf4\x90\x80\x80\".", NAME ":1:2: invalid UTF-8 (byte offset "
	  "1); add a \"%% coding: latin-1\" comment if the file is "
	  "Latin-1" },
	{ "\"\xc3", NAME ":1:2: invalid UTF-8 (byte offset 1); add a "
	  "\"%% coding: latin-1\" comment if the file is Latin-1" },
	{ "\x80", NAME ":1:1: invalid UTF-8 (byte offset 0); add a "
	  "\"%% coding: latin-1\" comment if the file is Latin-1" },
	{ "\n\n%% coding: latin-1\n'\xe9'.", NAME ":4:2: invalid UTF-8 "
	  "(byte offset 22); add a \"%% coding: latin-1\" comment if the "
	  "file is Latin-1" },
	{ "%% coding: utf-8\n'\xe9'.", NAME ":2:2: invalid UTF-8 (byte "
	  "offset 18); add a \"%% coding: latin-1\" comment if the file is "
	  "Latin-1" },
	/* Columns count characters, a tab as one. */
	{ "\t{a,}.", NAME ":1:5: syntax error before '}'" },
	{ "{a,\n\n   }.", NAME ":3:4: syntax error before '}'" },
	{ "'\xc3\xa9' '\xc3\xb6' x.", NAME ":1:5: syntax error before "
	  "'\xc3\xb6'" },
	{ "%% coding: latin-1\n'\xe9' x.", NAME ":2:5: syntax error before "
	  "'x'" },
	{ "\"\xf0\x9f\x98\x80\" X.", NAME ":1:5: syntax error before 'X'" },
};

START_TEST(test_bad)
{
	const struct bad_case *c = &bad[_i];
	char *got = parse_error(c->text, strlen(c->text));

	ck_assert_msg(strcmp(got, c->want) == 0, "%s\n  says %s\n  want %s",
	    c->text, got, c->want);
	free(got);
}
END_TEST

/* A NUL byte is white space between tokens, a character in a string. */
START_TEST(test_nul_byte)
{
	static const char text[] = "a\0. \"b\0\".";
	char *got = parse_dump(text, sizeof(text) - 1);

	ck_assert_str_eq(got, "'a'; \"b<0>\"");
	free(got);
}
END_TEST

/* Atoms have at most 255 characters, however many bytes. */
START_TEST(test_atom_length)
{
	struct erlrc_buf text = ERLRC_BUF_INIT;
	char *got;
	int i;

	for (i = 0; i < 255; i++)
		erlrc_buf_addc(&text, 'a');
	erlrc_buf_adds(&text, ".");
	got = parse_dump(text.s, text.len);
	ck_assert_uint_eq(strlen(got), 257);
	free(got);

	erlrc_buf_reset(&text);
	for (i = 0; i < 256; i++)
		erlrc_buf_addc(&text, 'a');
	erlrc_buf_adds(&text, ".");
	got = parse_error(text.s, text.len);
	ck_assert_str_eq(got, NAME ":1:1: atom too long (256 characters, at "
	    "most 255)");
	free(got);

	erlrc_buf_reset(&text);
	erlrc_buf_adds(&text, "{'");
	for (i = 0; i < 255; i++)
		erlrc_buf_adds(&text, "\xce\xbb");
	erlrc_buf_adds(&text, "'}.");
	free(round_trip(text.s, text.len));

	erlrc_buf_reset(&text);
	erlrc_buf_adds(&text, "{'");
	for (i = 0; i < 256; i++)
		erlrc_buf_adds(&text, i % 2 ? "\xce\xbb" : "\\n");
	erlrc_buf_adds(&text, "'}.");
	got = parse_error(text.s, text.len);
	ck_assert_str_eq(got, NAME ":1:2: atom too long (256 characters, at "
	    "most 255)");
	free(got);
	erlrc_buf_destroy(&text);
}
END_TEST

/* Nesting is limited (MAX_DEPTH in term_read.c), not the stack. */
START_TEST(test_depth)
{
	static const char *const open[] = { "[", "{", "#{a=>", "(" };
	static const char *const close[] = { "]", "}", "}", ")" };
	struct erlrc_buf text = ERLRC_BUF_INIT;
	char *got;
	int depth, i, k;

	for (k = 0; k < (int)NELEMS(open); k++) {
		for (depth = 1000; depth <= 1001; depth++) {
			erlrc_buf_reset(&text);
			for (i = 1; i < depth; i++)
				erlrc_buf_adds(&text,
				    open[(k + i) % NELEMS(open)]);
			erlrc_buf_adds(&text, "1");
			for (i = depth - 1; i >= 1; i--)
				erlrc_buf_adds(&text,
				    close[(k + i) % NELEMS(open)]);
			erlrc_buf_adds(&text, ".");
			if (depth == 1000) {
				free(round_trip(text.s, text.len));
				continue;
			}
			got = parse_error(text.s, text.len);
			ck_assert_msg(strstr(got, ": terms nested deeper than "
			    "1000") != NULL, "%s", got);
			free(got);
		}
	}
	/* a binary's segments count too; "<<" is two characters */
	erlrc_buf_reset(&text);
	for (i = 0; i < 1001; i++)
		erlrc_buf_adds(&text, "<<");
	for (i = 0; i < 1001; i++)
		erlrc_buf_adds(&text, ">>");
	erlrc_buf_adds(&text, ".");
	got = parse_error(text.s, text.len);
	ck_assert_str_eq(got, NAME ":1:2001: terms nested deeper than 1000");
	free(got);
	erlrc_buf_destroy(&text);
}
END_TEST

/* Each term knows where it starts: line, and column in characters. */
START_TEST(test_positions)
{
	static const char text[] =
	    "% first\n"
	    "  {a,\n"
	    "\t\"\xc3\xa9\" \"x\", \xc3\xb6, b,\n"
	    "  [1|2], -3, <<1>>}.\n"
	    "fun m:f/0.";
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const struct erlrc_term *t, *l;
	static const struct {
		size_t elem;
		unsigned line, col;
	} want[] = {
		{ 0, 2, 4 }, { 1, 3, 2 }, { 2, 3, 11 }, { 3, 3, 14 },
		{ 4, 4, 3 }, { 5, 4, 10 }, { 6, 4, 14 },
	};
	size_t i;

	erlrc_termfile_init(&tf);
	ck_assert_int_eq(erlrc_term_parse(&tf, NAME, text, sizeof(text) - 1,
	    &err), 0);
	ck_assert_uint_eq(tf.nterms, 2);
	t = tf.terms[0];
	ck_assert_uint_eq(t->line, 2);
	ck_assert_uint_eq(t->col, 3);
	ck_assert_uint_eq(t->u.seq.n, NELEMS(want));
	for (i = 0; i < NELEMS(want); i++) {
		const struct erlrc_term *e = t->u.seq.v[want[i].elem];

		ck_assert_msg(e->line == want[i].line && e->col == want[i].col,
		    "element %zu at %u:%u, want %u:%u", want[i].elem, e->line,
		    e->col, want[i].line, want[i].col);
	}
	l = t->u.seq.v[4];
	ck_assert_uint_eq(l->u.seq.tail->line, 4);
	ck_assert_uint_eq(l->u.seq.tail->col, 6);
	ck_assert_uint_eq(tf.terms[1]->line, 5);
	ck_assert_uint_eq(tf.terms[1]->col, 1);

	/* erlrc_term_error reports at a term, or at the file's start */
	ck_assert_int_eq(erlrc_term_error(&err, &tf, t->u.seq.v[5],
	    "%s is %s", "-3", "odd"), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, NAME ":4:10: -3 is odd");
	erlrc_term_error(&err, &tf, NULL, "empty");
	ck_assert_str_eq(err.msg, NAME ":1:1: empty");
	erlrc_termfile_destroy(&tf);
}
END_TEST

/* ---- the writer ---- */

static const struct written_case {
	const char *text;
	const char *want;
} written[] = {
	/* Atoms are quoted when they must be, and only then. */
	{ "[a, a@b_1, aB9, 'A', 'a b', '', 'a-b', '1a', '_a'].",
	    "[a,a@b_1,aB9,'A','a b','','a-b','1a','_a'].\n" },
	{ "['case', 'fun', 'end', 'div', 'xor', maybe, else, 'receive'].",
	    "['case','fun','end','div','xor','maybe','else','receive'].\n" },
	{ "['\\n', 'it\\'s', '\\\\', '\"', '\\x{7F}', '\\x{80}', '\\x{A0}', "
	  "'\\x{A1}', \xc3\xa9" "a].",
	    "['\\n','it\\'s','\\\\','\"','\\d','\\x{80}','\\x{A0}',"
	    "'\xc2\xa1','\xc3\xa9" "a'].\n" },
	/* Strings with the escapes they need. */
	{ "\"a\\\"b\". \"it's\". \"tab\\there\\r\\n\". \"\\e\\d\\b\\f\\v\".",
	    "\"a\\\"b\".\n\"it's\".\n\"tab\\there\\r\\n\".\n"
	    "\"\\e\\d\\b\\f\\v\".\n" },
	{ "\"\\0\\^A\\x{1F}\\x{85}\\x{A0}\\x{A1}\\x{FFFD}\\x{1F600}\".",
	    "\"\\x{0}\\x{1}\\x{1F}\\x{85}\\x{A0}\xc2\xa1\xef\xbf\xbd"
	    "\xf0\x9f\x98\x80\".\n" },
	/* A '%' would be a comment to epp:set_encoding/1 (see below). */
	{ "\"100%\". '%'. <<\"%\">>.",
	    "\"100\\x{25}\".\n'\\x{25}'.\n<<\"\\x{25}\">>.\n" },
	/* Lists of printable characters are strings, other lists not. */
	{ "[97,98,99]. [$a|\"bc\"]. [10,9,13]. [16#10FFFF]. [160].",
	    "\"abc\".\n\"abc\".\n\"\\n\\t\\r\".\n\"\xf4\x8f\xbf\xbf\".\n"
	    "[160].\n" },
	{ "[0]. [97,0]. [-1]. [31]. [127]. [16#D800]. [16#FFFE]. [16#110000].",
	    "[0].\n[97,0].\n[-1].\n[31].\n[127].\n[55296].\n[65534].\n"
	    "[1114112].\n" },
	{ "[97|98]. [a,\"b\"]. [97.0]. [[97]].",
	    "[97|98].\n[a,\"b\"].\n[97.0].\n[\"a\"].\n" },
	/* Floats: the shortest text that reads back as the same bits. */
	{ "[0.1, 1.0e22, 5.0e-324, -0.0, 0.0, 1.7976931348623157e308].",
	    "[0.1,1.0e+22,5.0e-324,-0.0,0.0,1.7976931348623157e+308].\n" },
	{ "[1.5, 100.0, 123.0, 1.0e15, 1.0e-5, 0.001, "
	  "2.2250738585072014e-308].",
	    "[1.5,1.0e+02,123.0,1.0e+15,1.0e-05,0.001,"
	    "2.2250738585072014e-308].\n" },
	/* Integers of any size. */
	{ "[-9223372036854775808, 16#FFFFFFFFFFFFFFFFFFFF, -2#"
	  "1111111111111111111111111111111111111111111111111111111111111111].",
	    "[-9223372036854775808,1208925819614629174706175,"
	    "-18446744073709551615].\n" },
	/* Binaries: text when printable, bytes when not, then the bits. */
	{ "<<>>. <<\"abc\">>. <<0,255>>. <<1:3>>. <<\"abc\",1:4>>.",
	    "<<>>.\n<<\"abc\">>.\n<<0,255>>.\n<<1:3>>.\n<<\"abc\",1:4>>.\n" },
	{ "<<\"a\\\"\\\\\">>. <<\"a\\n\">>. <<-1:70>>.",
	    "<<\"a\\\"\\\\\">>.\n<<97,10>>.\n"
	    "<<255,255,255,255,255,255,255,255,63:6>>.\n" },
	/* The rest. */
	{ "{}. {a,{b,[]}}. #{}. #{a=>1, {b}=>\"c\"}. [a|b].",
	    "{}.\n{a,{b,[]}}.\n#{}.\n#{a => 1,{b} => \"c\"}.\n[a|b].\n" },
	{ "fun a:b/1. fun 'A':'b c'/0.", "fun a:b/1.\nfun 'A':'b c'/0.\n" },
	{ "", "" },
	/* Latin-1 in, UTF-8 out, with no coding comment to misread it. */
	{ "%% coding: latin-1\n\"%% coding: latin-1 \xe9\".",
	    "\"\\x{25}\\x{25} coding: latin-1 \xc3\xa9\".\n" },
};

START_TEST(test_written)
{
	const struct written_case *c = &written[_i];
	char *got = round_trip(c->text, strlen(c->text));

	ck_assert_msg(strcmp(got, c->want) == 0, "%s\n  written %s\n  want %s",
	    c->text, got, c->want);
	free(got);
}
END_TEST

static const double floats[] = {
	0.1, 1.0e22, 5.0e-324, -0.0, 0.0, 1.7976931348623157e308,
	-1.7976931348623157e308, 2.2250738585072014e-308,
	2.225073858507201e-308, 1.0 / 3.0, 123456789.125, 9007199254740992.0,
	1.0e-7, 0.3, 2.0e-3, 4.35e100, 1.0e23, 8.41e21, 5.0e-310, 1.5,
};

/* Floats read back bit for bit. */
START_TEST(test_float_bits)
{
	struct erlrc_termfile tf, back;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	struct erlrc_term *t;
	double d = floats[_i];

	erlrc_termfile_init(&tf);
	erlrc_termfile_init(&back);
	t = erlrc_termfile_alloc(&tf, sizeof(*t));
	t->type = ERLRC_TERM_FLOAT;
	t->u.f = d;
	erlrc_term_write(&out, t);
	erlrc_buf_adds(&out, ".");
	ck_assert_msg(erlrc_term_parse(&back, NAME, out.s, out.len, &err) == 0,
	    "%.17g written as %s: %s", d, out.s, err.msg);
	ck_assert_int_eq(back.terms[0]->type, ERLRC_TERM_FLOAT);
	ck_assert_msg(memcmp(&back.terms[0]->u.f, &d, sizeof(d)) == 0,
	    "%.17g written as %s reads back as %.17g", d, out.s,
	    back.terms[0]->u.f);
	erlrc_buf_destroy(&out);
	erlrc_termfile_destroy(&back);
	erlrc_termfile_destroy(&tf);
}
END_TEST

static const struct quote_case {
	const char *atom;
	int quoted;
} quotes[] = {
	{ "a", 0 }, { "ok", 0 }, { "a@b", 0 }, { "aB_9", 0 }, { "z", 0 },
	{ "", 1 }, { "A", 1 }, { "_", 1 }, { "a b", 1 }, { "a-b", 1 },
	{ "1", 1 }, { "a.b", 1 }, { "\xc3\xa9", 1 }, { "a\xc3\xa9", 1 },
	{ "after", 1 }, { "and", 1 }, { "andalso", 1 }, { "band", 1 },
	{ "begin", 1 }, { "bnot", 1 }, { "bor", 1 }, { "bsl", 1 },
	{ "bsr", 1 }, { "bxor", 1 }, { "case", 1 }, { "catch", 1 },
	{ "cond", 1 }, { "div", 1 }, { "end", 1 }, { "fun", 1 }, { "if", 1 },
	{ "let", 1 }, { "not", 1 }, { "of", 1 }, { "or", 1 },
	{ "orelse", 1 }, { "receive", 1 }, { "rem", 1 }, { "try", 1 },
	{ "when", 1 }, { "xor", 1 }, { "maybe", 1 }, { "else", 1 },
	{ "cases", 0 }, { "ends", 0 }, { "maybe_not", 0 }, { "elsewhere", 0 },
};

START_TEST(test_atom_quotes)
{
	const struct quote_case *c = &quotes[_i];
	struct erlrc_buf out = ERLRC_BUF_INIT;

	ck_assert_msg(erlrc_term_atom_needs_quotes(c->atom,
	    strlen(c->atom)) == c->quoted, "'%s'", c->atom);
	erlrc_term_write_atom(&out, c->atom, strlen(c->atom));
	if (c->quoted)
		ck_assert_int_eq(out.s[0], '\'');
	else
		ck_assert_str_eq(out.s, c->atom);
	erlrc_buf_destroy(&out);
}
END_TEST

/* Terms built in memory are written as Erlang would read them. */
START_TEST(test_write_built)
{
	static const unsigned char bits[] = { 0x61, 0x62, 0xa0 };
	struct erlrc_termfile tf;
	struct erlrc_term *l, *t, *b;
	struct erlrc_buf out = ERLRC_BUF_INIT;

	erlrc_termfile_init(&tf);
	t = erlrc_term_new_seq(&tf, ERLRC_TERM_TUPLE, 5);
	l = erlrc_term_new_seq(&tf, ERLRC_TERM_LIST, 2);
	l->u.seq.v[0] = erlrc_term_new_int(&tf, 104);
	l->u.seq.v[1] = erlrc_term_new_int(&tf, 105);
	t->u.seq.v[0] = l;
	l = erlrc_term_new_seq(&tf, ERLRC_TERM_LIST, 2);
	l->u.seq.v[0] = erlrc_term_new_int(&tf, 104);
	l->u.seq.v[1] = erlrc_term_new_int(&tf, 1);
	t->u.seq.v[1] = l;
	t->u.seq.v[2] = erlrc_term_new_string(&tf, "");
	t->u.seq.v[3] = erlrc_term_new_string(&tf, "\xc3\xa9\n");
	b = erlrc_termfile_alloc(&tf, sizeof(*b));
	b->type = ERLRC_TERM_BINARY;
	b->u.bin.data = bits;
	b->u.bin.nbits = 19;
	t->u.seq.v[4] = b;
	erlrc_term_write(&out, t);
	ck_assert_str_eq(out.s, "{\"hi\",[104,1],[],\"\xc3\xa9\\n\","
	    "<<\"ab\",5:3>>}");

	erlrc_buf_reset(&out);
	erlrc_term_write_string(&out, "a\"\\b", 4);
	erlrc_term_write_atom(&out, "it's", 4);
	ck_assert_str_eq(out.s, "\"a\\\"\\\\b\"'it\\'s'");
	erlrc_buf_destroy(&out);
	erlrc_termfile_destroy(&tf);
}
END_TEST

/*
 * Big binaries are written, and read back, in reasonable time (bit by
 * bit, 16 MiB took seconds); a file holds 16 MiB of them at most.
 */
START_TEST(test_big_binary)
{
	static const char *const most[] = {
		"<<0:134217726, 1:1>>. <<1:1>>.",
		"<<1:1, 0:134217725, 1:1>>. <<1:1>>.",
		"<<0:16777215/unit:8, 1:7>>. <<1:1>>.",
	};
	static const char tail[] = ",255,255,31:5>>.\n";
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const struct erlrc_term *t;
	char *got;
	size_t i;

	got = round_trip("<<-1:1048573>>.", 15);
	ck_assert_uint_eq(strlen(got), 2 + 131071 * 4 + 4 + 2 + 2);
	ck_assert_str_eq(got + strlen(got) - strlen(tail), tail);
	free(got);

	/* twice over: a bit at a time took 10 s with the sanitizers */
	for (i = 0; i < 2 * NELEMS(most); i++) {
		const char *text = most[i % NELEMS(most)];

		erlrc_termfile_init(&tf);
		ck_assert_msg(erlrc_term_parse(&tf, NAME, text, strlen(text),
		    &err) == 0, "%s", err.msg);
		ck_assert_uint_eq(tf.nterms, 2);
		t = tf.terms[0];
		ck_assert_uint_eq(t->u.bin.nbits, 134217727);
		ck_assert_uint_eq(t->u.bin.data[0], text == most[1] ? 0x80 : 0);
		ck_assert_uint_eq(t->u.bin.data[16777214], 0);
		ck_assert_uint_eq(t->u.bin.data[16777215], 0x02);
		ck_assert_uint_eq(tf.terms[1]->u.bin.nbits, 1);
		erlrc_termfile_destroy(&tf);
	}
}
END_TEST

/*
 * Long strings in a binary or a list's tail are read in linear time (one
 * character at a time from the start, 200 KB took minutes).
 */
START_TEST(test_long_strings)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf text = ERLRC_BUF_INIT;
	const struct erlrc_term *t;
	size_t i, n = 200000;

	erlrc_buf_adds(&text, "<<\"");
	for (i = 0; i < n; i++)
		erlrc_buf_adds(&text, i % 2 ? "a" : "\xc3\xa9");
	erlrc_buf_adds(&text, "\"/utf16>>. [a|\"");
	for (i = 0; i < n; i++)
		erlrc_buf_adds(&text, i % 2 ? "a" : "\xc3\xa9");
	erlrc_buf_adds(&text, "\"].");
	erlrc_termfile_init(&tf);
	ck_assert_msg(erlrc_term_parse(&tf, NAME, text.s, text.len, &err) == 0,
	    "%s", err.msg);
	t = tf.terms[0];
	ck_assert_uint_eq(t->u.bin.nbits, 16 * n);
	ck_assert_uint_eq(t->u.bin.data[0], 0);
	ck_assert_uint_eq(t->u.bin.data[1], 0xe9);
	ck_assert_uint_eq(t->u.bin.data[2 * n - 1], 'a');
	t = tf.terms[1];
	ck_assert_int_eq(t->type, ERLRC_TERM_LIST);
	ck_assert_uint_eq(t->u.seq.n, n + 1);
	ck_assert_int_eq(t->u.seq.v[1]->u.i, 0xe9);
	ck_assert_int_eq(t->u.seq.v[n]->u.i, 'a');
	ck_assert_uint_eq(t->u.seq.v[n]->line, 1);
	ck_assert_uint_eq(t->u.seq.v[n]->col, n + 18);
	erlrc_termfile_destroy(&tf);
	erlrc_buf_destroy(&text);
}
END_TEST

/*
 * A big integer fills a big segment in reasonable time (it was divided
 * by 256 once for each byte of the segment, even once it was 0).
 */
START_TEST(test_big_integer_segment)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf text = ERLRC_BUF_INIT;
	const struct erlrc_term *t;
	size_t i;

	erlrc_buf_adds(&text, "<<-1");
	for (i = 0; i < 2000; i++)
		erlrc_buf_addc(&text, '0');
	erlrc_buf_adds(&text, ":134217728>>.");
	erlrc_termfile_init(&tf);
	ck_assert_msg(erlrc_term_parse(&tf, NAME, text.s, text.len, &err) == 0,
	    "%s", err.msg);
	t = tf.terms[0];
	ck_assert_uint_eq(t->u.bin.nbits, 134217728);
	ck_assert_uint_eq(t->u.bin.data[0], 0xff);
	ck_assert_uint_eq(t->u.bin.data[16777215], 0);
	erlrc_termfile_destroy(&tf);
	erlrc_buf_destroy(&text);
}
END_TEST

/* ---- equality ---- */

static const struct equal_case {
	const char *a, *b;
	int equal;
} equal[] = {
	{ "1.", "1.0.", 0 },
	{ "1.", "1.", 1 },
	{ "0.0.", "-0.0.", 1 },
	{ "1.5.", "1.5.", 1 },
	{ "\"abc\".", "[97,98,99].", 1 },
	{ "\"abc\".", "[$a|\"bc\"].", 1 },
	{ "\"abc\".", "\"ab\" \"c\".", 1 },
	{ "\"\xc3\xa9\".", "[233].", 1 },
	{ "\"\".", "[].", 1 },
	{ "\"ab\".", "\"abc\".", 0 },
	{ "\"abc\".", "\"ab\".", 0 },
	{ "\"abc\".", "[97,98,99.0].", 0 },
	{ "\"a\".", "a.", 0 },
	{ "[97|b].", "\"a\".", 0 },
	{ "[a|b].", "[a|b].", 1 },
	{ "[a|b].", "[a,b].", 0 },
	{ "[a|\"b\"].", "[a,98].", 1 },
	{ "[1].", "[1.0].", 0 },
	{ "a.", "'a'.", 1 },
	{ "a.", "b.", 0 },
	{ "{a,b}.", "{a,b}.", 1 },
	{ "{a,b}.", "{a,b,c}.", 0 },
	{ "{a,b}.", "{a,c}.", 0 },
	{ "{}.", "[].", 0 },
	{ "#{a=>1,b=>2}.", "#{b=>2,a=>1}.", 1 },
	{ "#{a=>1}.", "#{a=>1.0}.", 0 },
	{ "#{a=>1,b=>2}.", "#{a=>1,c=>2}.", 0 },
	{ "#{a=>1}.", "#{a=>1,b=>2}.", 0 },
	{ "#{\"a\"=>[98]}.", "#{[97]=>\"b\"}.", 1 },
	{ "<<\"a\">>.", "<<97>>.", 1 },
	{ "<<1:3>>.", "<<1:4>>.", 0 },
	{ "<<1:3>>.", "<<2:3>>.", 0 },
	{ "<<>>.", "\"\".", 0 },
	{ "9223372036854775808.", "9223372036854775808.", 1 },
	{ "9223372036854775808.", "-9223372036854775808.", 0 },
	{ "-9223372036854775808.", "-(9223372036854775808).", 1 },
	{ "fun a:b/1.", "fun a:b/1.", 1 },
	{ "fun a:b/1.", "fun a:b/2.", 0 },
	{ "fun a:b/1.", "{a,b,1}.", 0 },
};

START_TEST(test_equal)
{
	const struct equal_case *c = &equal[_i];
	struct erlrc_termfile a, b;
	struct erlrc_error err = ERLRC_ERROR_INIT;

	erlrc_termfile_init(&a);
	erlrc_termfile_init(&b);
	ck_assert_int_eq(erlrc_term_parse(&a, "a", c->a, strlen(c->a), &err),
	    0);
	ck_assert_int_eq(erlrc_term_parse(&b, "b", c->b, strlen(c->b), &err),
	    0);
	ck_assert_msg(erlrc_term_equal(a.terms[0], b.terms[0]) == c->equal,
	    "%s =:= %s should be %d", c->a, c->b, c->equal);
	ck_assert_msg(erlrc_term_equal(b.terms[0], a.terms[0]) == c->equal,
	    "%s =:= %s should be %d", c->b, c->a, c->equal);
	erlrc_termfile_destroy(&b);
	erlrc_termfile_destroy(&a);
}
END_TEST

/* ---- accessors ---- */

START_TEST(test_accessors)
{
	static const char text[] =
	    "{application, x, [{vsn, \"1.0\"}, {modules, [a, b]}]}.\n"
	    "[104, 105]. [104|i]. \"h\xc3\xa9\". []. [16#D800]. 7.";
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf s = ERLRC_BUF_INIT;
	struct erlrc_term *app, *e;

	erlrc_termfile_init(&tf);
	ck_assert_int_eq(erlrc_term_parse(&tf, NAME, text, strlen(text),
	    &err), 0);
	ck_assert_uint_eq(tf.nterms, 7);
	app = tf.terms[0];
	ck_assert(erlrc_term_is_tagged(app, "application", 3));
	ck_assert(erlrc_term_is_tagged(app, NULL, 3));
	ck_assert(!erlrc_term_is_tagged(app, "application", 2));
	ck_assert(!erlrc_term_is_tagged(app, "app", 3));
	ck_assert(!erlrc_term_is_tagged(tf.terms[1], NULL, 2));
	ck_assert(erlrc_term_is_atom(app->u.seq.v[1], "x"));
	ck_assert(!erlrc_term_is_atom(app->u.seq.v[1], "y"));
	ck_assert(!erlrc_term_is_atom(app->u.seq.v[2], "x"));
	ck_assert(!erlrc_term_is_atom(NULL, "x"));

	ck_assert_int_eq(erlrc_term_list_length(app->u.seq.v[2]), 2);
	ck_assert_int_eq(erlrc_term_list_length(tf.terms[2]), -1);
	ck_assert_int_eq(erlrc_term_list_length(tf.terms[3]), 2);
	ck_assert_int_eq(erlrc_term_list_length(tf.terms[4]), 0);
	ck_assert_int_eq(erlrc_term_list_length(app), -1);

	e = erlrc_term_nth(&tf, app, 1);
	ck_assert(erlrc_term_is_atom(e, "x"));
	ck_assert_ptr_null(erlrc_term_nth(&tf, app, 3));
	e = erlrc_term_nth(&tf, tf.terms[3], 1);
	ck_assert_int_eq(e->type, ERLRC_TERM_INTEGER);
	ck_assert_int_eq(e->u.i, 0xe9);
	ck_assert_ptr_null(erlrc_term_nth(&tf, tf.terms[3], 2));
	ck_assert_ptr_null(erlrc_term_nth(&tf, tf.terms[4], 0));
	ck_assert_ptr_null(erlrc_term_nth(&tf, tf.terms[6], 0));

	ck_assert(erlrc_term_string(tf.terms[1], &s));
	ck_assert_str_eq(s.s, "hi");
	ck_assert(erlrc_term_string(tf.terms[3], &s));
	ck_assert_str_eq(s.s, "h\xc3\xa9");
	ck_assert(erlrc_term_string(tf.terms[4], &s));
	ck_assert_str_eq(erlrc_buf_str(&s), "");
	ck_assert(!erlrc_term_string(tf.terms[2], &s));
	ck_assert(!erlrc_term_string(tf.terms[5], &s));
	ck_assert(!erlrc_term_string(app, &s));
	ck_assert(!erlrc_term_string(app->u.seq.v[2], &s));

	ck_assert_str_eq(erlrc_term_describe(app), "a tuple");
	ck_assert_str_eq(erlrc_term_describe(tf.terms[1]), "a list");
	ck_assert_str_eq(erlrc_term_describe(tf.terms[2]), "an improper list");
	ck_assert_str_eq(erlrc_term_describe(tf.terms[3]), "a string");
	ck_assert_str_eq(erlrc_term_describe(tf.terms[4]), "an empty list");
	ck_assert_str_eq(erlrc_term_describe(tf.terms[6]), "an integer");
	erlrc_buf_destroy(&s);
	erlrc_termfile_destroy(&tf);
}
END_TEST

START_TEST(test_read_file)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *got;

	erlrc_termfile_init(&tf);
	ck_assert_msg(erlrc_termfile_read(&tf, DATA "/latin1.app", &err) == 0,
	    "%s", err.msg);
	got = dump_file(&tf);
	ck_assert_str_eq(got, "{'application','caf\xc3\xa9',["
	    "{'description',\"Caf\xc3\xa9 cr\xc3\xa8me\"},{'vsn',\"1.0\"},"
	    "{'modules',['caf\xc3\xa9']},{'registered',[]},"
	    "{'applications',['kernel','stdlib']}]}");
	free(got);
	erlrc_termfile_destroy(&tf);

	erlrc_termfile_init(&tf);
	ck_assert_int_eq(erlrc_termfile_read(&tf, DATA "/bad.app", &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, DATA "/bad.app:3:16: syntax error before "
	    "']'");
	erlrc_termfile_destroy(&tf);

	erlrc_termfile_init(&tf);
	ck_assert_int_eq(erlrc_termfile_read(&tf, DATA "/missing.app", &err),
	    -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	erlrc_termfile_destroy(&tf);
}
END_TEST

/*
 * The regression cases the fuzzer found: an empty quoted atom first in
 * a file (a NULL memcpy under UBSan), and a string holding "% coding:
 * latin-1" on the first line (the writing was then read as Latin-1).
 */
START_TEST(test_fuzz_regressions)
{
	const char *text;
	char *got;

	got = parse_dump("''.", 3);
	ck_assert_str_eq(got, "''");
	free(got);
	got = parse_dump("{'', fun '':''/0}.", 18);
	ck_assert_str_eq(got, "{'',fun('','',0)}");
	free(got);
	text = "%% coding: latin-1\n\"\\^a %% coding: latin-1\". '\xde'.";
	got = round_trip(text, strlen(text));
	ck_assert_str_eq(got, "\"\\x{1} \\x{25}\\x{25} coding: latin-1\".\n"
	    "'\xc3\x9e'.\n");
	free(got);
}
END_TEST

Suite *
erlrc_test_term_suite(void)
{
	Suite *s = suite_create("term");
	TCase *tc;

	tc = tcase_create("read");
	tcase_add_loop_test(tc, test_good, 0, NELEMS(good));
	tcase_add_loop_test(tc, test_bad, 0, NELEMS(bad));
	tcase_add_test(tc, test_nul_byte);
	tcase_add_test(tc, test_atom_length);
	tcase_add_test(tc, test_depth);
	tcase_add_test(tc, test_positions);
	tcase_add_test(tc, test_read_file);
	tcase_add_test(tc, test_fuzz_regressions);
	suite_add_tcase(s, tc);

	tc = tcase_create("write");
	tcase_add_loop_test(tc, test_good_round_trip, 0, NELEMS(good));
	tcase_add_loop_test(tc, test_written, 0, NELEMS(written));
	tcase_add_loop_test(tc, test_float_bits, 0, NELEMS(floats));
	tcase_add_loop_test(tc, test_atom_quotes, 0, NELEMS(quotes));
	tcase_add_test(tc, test_write_built);
	suite_add_tcase(s, tc);

	/* what took seconds to minutes, now milliseconds (ASan included) */
	tc = tcase_create("speed");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_big_binary);
	tcase_add_test(tc, test_long_strings);
	tcase_add_test(tc, test_big_integer_segment);
	suite_add_tcase(s, tc);

	tc = tcase_create("equal");
	tcase_add_loop_test(tc, test_equal, 0, NELEMS(equal));
	tcase_add_test(tc, test_accessors);
	suite_add_tcase(s, tc);
	return s;
}
