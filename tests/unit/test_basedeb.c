/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_basedeb.c - unit tests of basedeb.c: node names, templates,
 * sys.config and vm.args checks */
#include <stdlib.h>
#include <string.h>

#include <erlrc/basedeb.h>
#include <erlrc/buf.h>
#include <erlrc/error.h>

#include "suites.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Node names */

static const struct node_case {
	const char *node;
	const char *want;	/* NULL: good; else in the message */
} node_cases[] = {
	{ "sensor", NULL },
	{ "Sensor_2-b", NULL },
	{ "1node", NULL },
	{ "a", NULL },
	{ "_", NULL },
	{ "", "empty" },
	{ "sensor@host", "without '@'" },
	{ "@", "without '@'" },
	{ "-sensor", "starts with '-'" },
	{ "-", "starts with '-'" },
	{ "a.b", "letters, digits, '_' and '-'" },
	{ "a/b", "letters, digits, '_' and '-'" },
	{ "..", "letters, digits, '_' and '-'" },
	{ "a b", "letters, digits, '_' and '-'" },
	{ "a\n", "letters, digits, '_' and '-'" },
	{ "caf\xc3\xa9", "letters, digits, '_' and '-'" },
	{ "a%i", "letters, digits, '_' and '-'" },
	{ "a+b", "letters, digits, '_' and '-'" },
};

START_TEST(test_node_check)
{
	const struct node_case *t = &node_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int rc = erlrc_basedeb_node_check(t->node, &err);

	if (!t->want) {
		ck_assert_msg(rc == 0, "'%s': %s", t->node, err.msg);
		return;
	}
	ck_assert_msg(rc == -1, "'%s' accepted", t->node);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_msg(strstr(err.msg, t->want), "'%s': %s", t->node,
	    err.msg);
}
END_TEST

START_TEST(test_node_check_length)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char name[ERLRC_BASEDEB_NODE_MAX + 2];

	memset(name, 'n', sizeof(name) - 1);
	name[ERLRC_BASEDEB_NODE_MAX] = '\0';
	ck_assert_int_eq(erlrc_basedeb_node_check(name, &err), 0);
	name[ERLRC_BASEDEB_NODE_MAX] = 'n';
	name[ERLRC_BASEDEB_NODE_MAX + 1] = '\0';
	ck_assert_int_eq(erlrc_basedeb_node_check(name, &err), -1);
	ck_assert_msg(strstr(err.msg, "longer than 191"), "%s", err.msg);
}
END_TEST

static const struct package_case {
	const char *node, *want;
} package_cases[] = {
	{ "sensor", "erlang-node-sensor" },
	{ "Big_Node-2", "erlang-node-big-node-2" },
	{ "_", "erlang-node--" },
	{ "9", "erlang-node-9" },
};

START_TEST(test_default_package)
{
	const struct package_case *t = &package_cases[_i];
	char *p = erlrc_basedeb_default_package(t->node);

	ck_assert_str_eq(p, t->want);
	free(p);
}
END_TEST

/* Placeholders */

static const char *const vars[] = {
	"NODE", "sensor",
	"PACKAGE", "erlang-node-sensor",
	"EMPTY", "",
	NULL,
};

static const struct subst_case {
	const char *text;
	const char *want;	/* the text, or the error's end */
	int ok;
} subst_cases[] = {
	{ "", "", 1 },
	{ "plain\n", "plain\n", 1 },
	{ "-sname #NODE#\n", "-sname sensor\n", 1 },
	{ "#NODE##PACKAGE#", "sensorerlang-node-sensor", 1 },
	{ "a#EMPTY#b", "ab", 1 },
	/* comments and lone '#' stay */
	{ "# a comment #\n", "# a comment #\n", 1 },
	{ "## #\n#", "## #\n#", 1 },
	{ "#node#", "#node#", 1 },
	{ "#-kernel x\n#+A 64\n", "#-kernel x\n#+A 64\n", 1 },
	{ "#NODE", "#NODE", 1 },
	{ "%% #NODE# #\n", "%% sensor #\n", 1 },
	/* the value is not scanned again */
	{ "#NODE#NODE#", "sensorNODE#", 1 },
	{ "a\nb\n#NOPE#\n", "t.in:3: unknown placeholder #NOPE#", 0 },
	{ "#NODE_2#", "t.in:1: unknown placeholder #NODE_2#", 0 },
};

START_TEST(test_subst)
{
	const struct subst_case *t = &subst_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	int rc;

	erlrc_buf_adds(&out, ">");
	rc = erlrc_basedeb_subst(&out, "t.in", t->text, vars, &err);
	if (t->ok) {
		ck_assert_msg(rc == 0, "'%s': %s", t->text, err.msg);
		ck_assert_str_eq(erlrc_buf_str(&out) + 1, t->want);
	} else {
		ck_assert_msg(rc == -1, "'%s' accepted", t->text);
		ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
		ck_assert_str_eq(err.msg, t->want);
		ck_assert_str_eq(erlrc_buf_str(&out), ">");
	}
	erlrc_buf_destroy(&out);
}
END_TEST

/* sys.config */

static const struct config_case {
	const char *text;
	const char *want;	/* NULL: good; else the message's start */
} config_cases[] = {
	{ "[].", NULL },
	{ "%% comment\n[].\n%% more\n", NULL },
	{ "[{kernel, [{logger_level, info}]}].", NULL },
	{ "[{kernel, []}, {sasl, [{a, 1}, {b, \"x\"}]}].", NULL },
	{ "[\"/etc/other\", {kernel, []}, \"rel.config\"].", NULL },
	{ "[[47, 97]].", NULL },
	{ "[{'my app', [{'k-1', #{a => 1}}]}].", NULL },
	{ "", "s.config:1:1: expected one term" },
	{ "%% nothing\n", "s.config:1:1: expected one term" },
	{ "[].\n[].\n", "s.config:2:1: expected one term" },
	{ "[]", "s.config:" },
	{ "[{kernel, []}", "s.config:" },
	{ "{kernel, []}.", "s.config:1:1: expected a list" },
	{ "\"abc\".", "s.config:1:1: expected a list" },
	{ "[a | b].", "s.config:1:1: expected a list" },
	{ "[kernel].", "s.config:1:2: expected {Application, [{Key, Value}]} "
	    "or the name of a .config file" },
	{ "[[]].", "s.config:1:2: expected {Application" },
	{ "[{kernel}].", "s.config:1:2: expected {Application" },
	{ "[{kernel, [], x}].", "s.config:1:2: expected {Application" },
	{ "[{\"kernel\", []}].", "s.config:1:3: expected an application name" },
	{ "[{kernel, x}].", "s.config:1:11: application kernel: expected a "
	    "list of {Key, Value}" },
	{ "[{kernel, \"ab\"}].", "s.config:1:11: application kernel" },
	{ "[{kernel, [a | b]}].", "s.config:1:11: application kernel" },
	{ "[{kernel,\n  [{a, 1}, b]}].", "s.config:2:12: application kernel: "
	    "expected {Key, Value} with Key an atom" },
	{ "[{kernel, [{\"a\", 1}]}].", "s.config:1:12: application kernel" },
	{ "[{kernel, [{a, 1, 2}]}].", "s.config:1:12: application kernel" },
};

START_TEST(test_sys_config)
{
	const struct config_case *t = &config_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int rc = erlrc_basedeb_sys_config_check("s.config", t->text,
	    strlen(t->text), &err);

	if (!t->want) {
		ck_assert_msg(rc == 0, "'%s': %s", t->text, err.msg);
		return;
	}
	ck_assert_msg(rc == -1, "'%s' accepted", t->text);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_msg(strncmp(err.msg, t->want, strlen(t->want)) == 0,
	    "'%s': %s", t->text, err.msg);
}
END_TEST

/* vm.args */

START_TEST(test_vm_args)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	static const char good[] = "# flags\n+A 64\n-kernel a b\n\xc3\xa9\n";
	static const char bad[] = "+A 64\n\n-x\0y\n";

	ck_assert_int_eq(erlrc_basedeb_vm_args_check("vm.args", good,
	    sizeof(good) - 1, &err), 0);
	ck_assert_int_eq(erlrc_basedeb_vm_args_check("vm.args", "", 0, &err),
	    0);
	ck_assert_int_eq(erlrc_basedeb_vm_args_check("vm.args", bad,
	    sizeof(bad) - 1, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, "vm.args:3: a NUL byte: this is no text "
	    "file");
}
END_TEST

Suite *
erlrc_test_basedeb_suite(void)
{
	Suite *s = suite_create("basedeb");
	TCase *tc;

	tc = tcase_create("names");
	tcase_add_loop_test(tc, test_node_check, 0, COUNT(node_cases));
	tcase_add_test(tc, test_node_check_length);
	tcase_add_loop_test(tc, test_default_package, 0,
	    COUNT(package_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("templates");
	tcase_add_loop_test(tc, test_subst, 0, COUNT(subst_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("checks");
	tcase_add_loop_test(tc, test_sys_config, 0, COUNT(config_cases));
	tcase_add_test(tc, test_vm_args);
	suite_add_tcase(s, tc);
	return s;
}
