/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_rel.c - unit tests of release resource files (rel.c) */
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/buf.h>
#include <erlrc/rel.h>

#include "suites.h"

#define NAME "r.rel"
/* A release of kernel, stdlib and the applications A. */
#define REL(a) "{release, {\"r\", \"1\"}, {erts, \"13.1.5\"},\n" \
	" [{kernel, \"8.5.3\"}, {stdlib, \"4.2\"}" a "]}.\n"

/* R on one line: "NAME VSN erts=V APP-VSN[:TYPE][[INCL,...]] ...". */
static char *
dump(const struct erlrc_rel *r)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	const struct erlrc_rel_app *app;
	size_t i, j;

	erlrc_buf_addf(&b, "%s %s erts=%s", r->name, r->vsn, r->erts_vsn);
	for (i = 0; i < r->napps; i++) {
		app = &r->apps[i];
		erlrc_buf_addf(&b, " %s-%s", app->name, app->vsn);
		if (app->type != ERLRC_REL_PERMANENT)
			erlrc_buf_addf(&b, ":%s",
			    erlrc_rel_type_name(app->type));
		if (!app->has_incl)
			continue;
		erlrc_buf_addc(&b, '[');
		for (j = 0; j < app->nincl; j++)
			erlrc_buf_addf(&b, "%s%s", j ? "," : "",
			    app->incl[j]);
		erlrc_buf_addc(&b, ']');
	}
	return erlrc_buf_detach(&b);
}

/* Accepted by erlrc, and by systools:make_script/2 of OTP 25. */
static const struct good_case {
	const char *text;
	const char *want;
} good[] = {
	{ REL(""), "r 1 erts=13.1.5 kernel-8.5.3 stdlib-4.2" },
	/* Every form of an application, every start type. */
	{ REL(", {a, \"1\"}, {b, \"1\", temporary}, {c, \"1\", [d]},\n"
	    " {d, \"1\", load, []}, {e, \"1\", transient, [f, g]},\n"
	    " {f, \"1\", none}, {g, \"1\", permanent, []}"),
	    "r 1 erts=13.1.5 kernel-8.5.3 stdlib-4.2 a-1 b-1:temporary "
	    "c-1[d] d-1:load[] e-1:transient[f,g] f-1:none g-1[]" },
	{ "{release, {\"r\", \"1\"}, {erts, \"13.1.5\"},\n"
	    " [{stdlib, \"4.2\", permanent, []}, {kernel, \"8.5.3\", "
	    "permanent}]}.",
	    "r 1 erts=13.1.5 stdlib-4.2[] kernel-8.5.3" },
	/* Strings as lists of characters, empty, not ASCII. */
	{ "%% coding: utf-8\n{release, {[114], \"\"}, {erts, [49, 51]},\n"
	    " [{kernel, \"8.5.3\"}, {stdlib, \"4.2\"}, {'\xc3\xa9t\xc3\xa9', "
	    "\"\xc3\xa9\"}, {snmp, \"\"}]}.",
	    "r  erts=13 kernel-8.5.3 stdlib-4.2 \xc3\xa9t\xc3\xa9-\xc3\xa9 "
	    "snmp-" },
	/* A chain of inclusion is no cycle. */
	{ REL(", {a, \"1\", [b]}, {c, \"1\", []}, {b, \"1\", [c]}"),
	    "r 1 erts=13.1.5 kernel-8.5.3 stdlib-4.2 a-1[b] c-1[] b-1[c]" },
};

START_TEST(test_good)
{
	const struct good_case *t = &good[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_rel r;
	char *got;

	erlrc_rel_init(&r);
	ck_assert_msg(erlrc_rel_parse(&r, NAME, t->text, strlen(t->text),
	    &err) == 0, "case %d: %s", _i, err.msg);
	got = dump(&r);
	ck_assert_str_eq(got, t->want);
	free(got);
	erlrc_rel_destroy(&r);
}
END_TEST

/*
 * Refused, with the message.  OTP 25's systools:make_script/2 refuses
 * each too, but for an application listed twice (it lets that through
 * when the application registers no name and has no module) and cycles of
 * inclusion (it loops for ever).
 */
static const struct bad_case {
	const char *text;
	const char *msg;
} bad[] = {
	/* The file */
	{ "", NAME ":1:1: expected {release, {Name, Vsn}, {erts, Vsn}, "
	    "[Application]}, got nothing" },
	{ REL("") REL(""), NAME ":3:1: expected one term, got a second one" },
	{ "{release, {\"r\", \"1\"}, {erts, \"1\"}}.", NAME ":1:1: expected "
	    "{release, {Name, Vsn}, {erts, Vsn}, [Application]}, got a tuple "
	    "{release,{\"r\",\"1\"},{erts,\"1\"}}" },
	{ "{rel, {\"r\", \"1\"}, {erts, \"1\"}, []}.", NAME ":1:1: expected "
	    "{release, {Name, Vsn}, {erts, Vsn}, [Application]}, got a tuple "
	    "{rel,{\"r\",\"1\"},{erts,\"1\"},[]}" },
	{ "[release].", NAME ":1:1: expected {release, {Name, Vsn}, "
	    "{erts, Vsn}, [Application]}, got a list [release]" },
	{ "{release, \"r\", {erts, \"1\"}, []}.",
	    NAME ":1:11: expected {Name, Vsn}, got a string \"r\"" },
	{ "{release, {\"r\", \"1\", \"x\"}, {erts, \"1\"}, []}.", NAME ":1:11: "
	    "expected {Name, Vsn}, got a tuple {\"r\",\"1\",\"x\"}" },
	{ "{release, {\"r\", \"1\"}, {\"erts\", \"1\"}, []}.", NAME ":1:23: "
	    "expected {erts, Vsn}, got a tuple {\"erts\",\"1\"}" },
	{ "{release, {\"r\", \"1\"}, erts, []}.",
	    NAME ":1:23: expected {erts, Vsn}, got an atom 'erts'" },
	{ "{release, {r, \"1\"}, {erts, \"1\"}, []}.", NAME ":1:12: release "
	    "name must be a string, got an atom 'r'" },
	{ "{release, {[114, 16#D800], \"1\"}, {erts, \"1\"}, []}.",
	    NAME ":1:12: release name must be a string, got a list "
	    "[114,55296]" },
	{ "{release, {\"r\", 1}, {erts, \"1\"}, []}.", NAME ":1:17: release "
	    "version must be a string, got an integer 1" },
	{ "{release, {\"r\", \"1\"}, {erts, '13'}, []}.", NAME ":1:30: erts "
	    "version must be a string, got an atom '13'" },
	{ "{release, {\"r\", \"1\"}, {erts, <<\"13\">>}, []}.", NAME ":1:30: "
	    "erts version must be a string, got a binary <<\"13\">>" },
	/* The applications */
	{ "{release, {\"r\", \"1\"}, {erts, \"1\"}, kernel}.", NAME ":1:36: "
	    "applications must be a list, got an atom 'kernel'" },
	{ "{release, {\"r\", \"1\"}, {erts, \"1\"}, [{kernel, \"1\"}|x]}.",
	    NAME ":1:36: applications must be a list, got an improper list "
	    "[{kernel,\"1\"}|x]" },
	{ "{release, {\"r\", \"1\"}, {erts, \"1\"}, []}.",
	    NAME ":1:36: mandatory application 'kernel' is missing" },
	{ "{release, {\"r\", \"1\"}, {erts, \"1\"}, \"k\"}.", NAME ":1:36: "
	    "expected {App, Vsn}, {App, Vsn, Type}, {App, Vsn, IncApps} or "
	    "{App, Vsn, Type, IncApps}, got an integer 107" },
	{ REL(", a"), NAME ":2:39: expected {App, Vsn}, {App, Vsn, Type}, "
	    "{App, Vsn, IncApps} or {App, Vsn, Type, IncApps}, got an atom "
	    "'a'" },
	{ REL(", {a}"), NAME ":2:39: expected {App, Vsn}, {App, Vsn, Type}, "
	    "{App, Vsn, IncApps} or {App, Vsn, Type, IncApps}, got a tuple "
	    "{a}" },
	{ REL(", {a, \"1\", load, [], x}"), NAME ":2:39: expected {App, Vsn}, "
	    "{App, Vsn, Type}, {App, Vsn, IncApps} or {App, Vsn, Type, "
	    "IncApps}, got a tuple {a,\"1\",load,[],x}" },
	{ REL(", {\"a\", \"1\"}"), NAME ":2:40: application name must be an "
	    "atom, got a string \"a\"" },
	{ REL(", {a, '1'}"),
	    NAME ":2:43: a: version must be a string, got an atom '1'" },
	{ REL(", {a, \"1\", forever}"), NAME ":2:48: a: start type must be "
	    "permanent, transient, temporary, load or none, got an atom "
	    "'forever'" },
	{ REL(", {a, \"1\", 1}"), NAME ":2:48: a: expected a start type or a "
	    "list of included applications, got an integer 1" },
	{ REL(", {a, \"1\", \"load\", []}"), NAME ":2:48: a: start type must "
	    "be permanent, transient, temporary, load or none, got a string "
	    "\"load\"" },
	{ REL(", {a, \"1\", [b|c]}"), NAME ":2:48: a: included applications "
	    "must be a list of atoms, got an improper list [b|c]" },
	{ REL(", {a, \"1\", load, b}"), NAME ":2:54: a: included applications "
	    "must be a list of atoms, got an atom 'b'" },
	{ REL(", {a, \"1\", [\"b\"]}"), NAME ":2:49: a: included application "
	    "must be an atom, got a string \"b\"" },
	{ REL(", {a, \"1\", \"b\"}"), NAME ":2:48: a: included application "
	    "must be an atom, got an integer 98" },
	/* Kernel and stdlib */
	{ "{release, {\"r\", \"1\"}, {erts, \"1\"}, [{stdlib, \"4.2\"}]}.",
	    NAME ":1:36: mandatory application 'kernel' is missing" },
	{ "{release, {\"r\", \"1\"}, {erts, \"1\"}, [{kernel, \"8.5.3\"}]}.",
	    NAME ":1:36: mandatory application 'stdlib' is missing" },
	{ "{release, {\"r\", \"1\"}, {erts, \"1\"},\n [{kernel, \"8.5.3\", "
	    "load}, {stdlib, \"4.2\"}]}.", NAME ":2:21: kernel: a mandatory "
	    "application must be permanent, got an atom 'load'" },
	{ "{release, {\"r\", \"1\"}, {erts, \"1\"},\n [{kernel, \"8.5.3\"}, "
	    "{stdlib, \"4.2\", temporary, []}]}.", NAME ":2:38: stdlib: a "
	    "mandatory application must be permanent, got an atom "
	    "'temporary'" },
	/* Twice, included */
	{ REL(", {a, \"1\"},\n {a, \"2\"}"),
	    NAME ":3:3: a: listed twice (first on line 2)" },
	{ REL(", {kernel, \"8.5.3\", load}"),
	    NAME ":2:40: kernel: listed twice (first on line 2)" },
	{ REL(", {a, \"1\", [b]}"), NAME ":2:49: a: included application 'b' "
	    "is not in the release" },
	{ REL(", {a, \"1\", [b, b]}, {b, \"1\"}"),
	    NAME ":2:52: a: 'b' is already included by 'a' on line 2" },
	{ REL(", {a, \"1\", [b]},\n {b, \"1\"},\n {c, \"1\", load, [b]}"),
	    NAME ":4:18: c: 'b' is already included by 'a' on line 2" },
	{ REL(", {a, \"1\", [a]}"),
	    NAME ":2:49: a: including 'a' makes a cycle" },
	{ REL(", {a, \"1\", [b]},\n {b, \"1\", [a]}"),
	    NAME ":3:12: b: including 'a' makes a cycle" },
	{ REL(", {a, \"1\", [b]},\n {c, \"1\", [a]},\n {b, \"1\", [c]}"),
	    NAME ":3:12: c: including 'a' makes a cycle" },
};

START_TEST(test_bad)
{
	const struct bad_case *t = &bad[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_rel r;

	erlrc_rel_init(&r);
	ck_assert_msg(erlrc_rel_parse(&r, NAME, t->text, strlen(t->text),
	    &err) == -1, "case %d accepted", _i);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, t->msg);
	erlrc_rel_destroy(&r);
}
END_TEST

START_TEST(test_find)
{
	static const char text[] = REL(", {a, \"1\", load, [b]}, {b, \"2\"}");
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const struct erlrc_rel_app *app;
	struct erlrc_rel r;

	erlrc_rel_init(&r);
	ck_assert_int_eq(erlrc_rel_parse(&r, NAME, text, strlen(text), &err),
	    0);
	app = erlrc_rel_find(&r, "a");
	ck_assert_ptr_eq(app, &r.apps[2]);
	ck_assert_int_eq(app->type, ERLRC_REL_LOAD);
	ck_assert_uint_eq(app->term->line, 2);
	ck_assert_uint_eq(app->term->col, 39);
	app = erlrc_rel_find(&r, "b");
	ck_assert_ptr_eq(app, &r.apps[3]);
	ck_assert_str_eq(app->vsn, "2");
	ck_assert_int_eq(app->has_incl, 0);
	ck_assert_ptr_null(erlrc_rel_find(&r, "c"));
	ck_assert_ptr_null(erlrc_rel_find(&r, ""));
	erlrc_rel_destroy(&r);
}
END_TEST

START_TEST(test_type_names)
{
	ck_assert_str_eq(erlrc_rel_type_name(ERLRC_REL_PERMANENT),
	    "permanent");
	ck_assert_str_eq(erlrc_rel_type_name(ERLRC_REL_TRANSIENT),
	    "transient");
	ck_assert_str_eq(erlrc_rel_type_name(ERLRC_REL_TEMPORARY),
	    "temporary");
	ck_assert_str_eq(erlrc_rel_type_name(ERLRC_REL_LOAD), "load");
	ck_assert_str_eq(erlrc_rel_type_name(ERLRC_REL_NONE), "none");
}
END_TEST

START_TEST(test_read_file)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_rel r;
	char *got;

	erlrc_rel_init(&r);
	ck_assert_msg(erlrc_rel_read(&r, ERLRC_TEST_DATA "/rel/myrel.rel",
	    &err) == 0, "%s", err.msg);
	got = dump(&r);
	ck_assert_str_eq(got, "myrel 2.0 erts=13.1.5 kernel-8.5.3 stdlib-4.2 "
	    "sasl-4.2 myapp-2.0[myapp_worker] myapp_worker-2.0:load[] "
	    "tools-3.5.3:none");
	free(got);
	erlrc_rel_destroy(&r);
}
END_TEST

START_TEST(test_read_bad_file)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_rel r;

	erlrc_rel_init(&r);
	ck_assert_int_eq(erlrc_rel_read(&r, ERLRC_TEST_DATA "/rel/twice.rel",
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, ERLRC_TEST_DATA "/rel/twice.rel:7:8: sasl: "
	    "listed twice (first on line 5)");
	erlrc_rel_destroy(&r);
}
END_TEST

START_TEST(test_read_missing)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_rel r;

	erlrc_rel_init(&r);
	ck_assert_int_eq(erlrc_rel_read(&r, ERLRC_TEST_DATA "/rel/none.rel",
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	erlrc_rel_destroy(&r);
}
END_TEST

/* Every .rel that ships with the installed OTP is accepted. */
START_TEST(test_otp_rels)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_rel r;
	glob_t g;
	size_t i;

	ck_assert_int_eq(glob("/usr/lib/erlang/releases/*/*.rel", 0, NULL,
	    &g), 0);
	ck_assert_uint_gt(g.gl_pathc, 0);
	for (i = 0; i < g.gl_pathc; i++) {
		erlrc_rel_init(&r);
		ck_assert_msg(erlrc_rel_read(&r, g.gl_pathv[i], &err) == 0,
		    "%s", err.msg);
		ck_assert_ptr_nonnull(erlrc_rel_find(&r, "kernel"));
		ck_assert_str_eq(r.name, "Erlang/OTP");
		erlrc_rel_destroy(&r);
	}
	globfree(&g);
}
END_TEST

Suite *
erlrc_test_rel_suite(void)
{
	Suite *s = suite_create("rel");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_good, 0, sizeof(good) / sizeof(good[0]));
	tcase_add_loop_test(tc, test_bad, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_type_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("read");
	tcase_add_test(tc, test_read_file);
	tcase_add_test(tc, test_read_bad_file);
	tcase_add_test(tc, test_read_missing);
	tcase_add_test(tc, test_otp_rels);
	suite_add_tcase(s, tc);
	return s;
}
