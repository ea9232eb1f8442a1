/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_config.c - unit tests of erlrc.yaml parsing (config.c) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <erlrc/buf.h>
#include <erlrc/config.h>
#include <erlrc/xalloc.h>

#include "suites.h"

#define NAME "/etc/erlrc.d/erlrc.yaml"
#define DEFAULTS "timeout=30000 lock_timeout=60000 boot_wait=60000 " \
	"lib_dirs=[/usr/lib/erlang/lib] start_type=temporary " \
	"on_failure=resume apps=[]"

/* The whole of C on one line, to compare with a table's expectation. */
static char *
dump(const struct erlrc_config *c)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t i;

	erlrc_buf_addf(&b, "timeout=%u lock_timeout=%u boot_wait=%u lib_dirs=[",
	    c->timeout_ms, c->lock_timeout_ms, c->boot_wait_ms);
	for (i = 0; i < c->nlib_dirs; i++)
		erlrc_buf_addf(&b, "%s%s", i ? "," : "", c->lib_dirs[i]);
	erlrc_buf_addf(&b, "] start_type=%s on_failure=%s apps=[",
	    erlrc_start_type_name(c->start_type),
	    erlrc_on_failure_name(c->on_failure));
	for (i = 0; i < c->napps; i++) {
		erlrc_buf_addf(&b, "%s%s", i ? "," : "", c->apps[i].name);
		if (c->apps[i].has_start_type)
			erlrc_buf_addf(&b, ":%s",
			    erlrc_start_type_name(c->apps[i].start_type));
	}
	erlrc_buf_adds(&b, "]");
	return erlrc_buf_detach(&b);
}

static const struct good_case {
	const char *text;
	const char *want;
} good[] = {
	{ "", DEFAULTS },
	{ "\n\n", DEFAULTS },
	{ "# only a comment\n# and another\n", DEFAULTS },
	{ "---\n", DEFAULTS },
	{ "---\n...\n", DEFAULTS },
	{ "~\n", DEFAULTS },
	{ "{}\n", DEFAULTS },
	{ "timeout: 5\n",
	    "timeout=5000 lock_timeout=60000 boot_wait=60000 "
	    "lib_dirs=[/usr/lib/erlang/lib] start_type=temporary "
	    "on_failure=resume apps=[]" },
	{ "timeout: 0.5\nlock_timeout: 0\nboot_wait: 86400\n",
	    "timeout=500 lock_timeout=0 boot_wait=86400000 "
	    "lib_dirs=[/usr/lib/erlang/lib] start_type=temporary "
	    "on_failure=resume apps=[]" },
	{ "timeout: 0.001\nlock_timeout: 1.25\nboot_wait: 0.0\n",
	    "timeout=1 lock_timeout=1250 boot_wait=0 "
	    "lib_dirs=[/usr/lib/erlang/lib] start_type=temporary "
	    "on_failure=resume apps=[]" },
	/* Zeros past the third decimal lose nothing. */
	{ "timeout: 86400.000000\nlock_timeout: 2.10\n",
	    "timeout=86400000 lock_timeout=2100 boot_wait=60000 "
	    "lib_dirs=[/usr/lib/erlang/lib] start_type=temporary "
	    "on_failure=resume apps=[]" },
	/* A quoted number is still read as seconds. */
	{ "timeout: \"7\"\nboot_wait: '8.5'\n",
	    "timeout=7000 lock_timeout=60000 boot_wait=8500 "
	    "lib_dirs=[/usr/lib/erlang/lib] start_type=temporary "
	    "on_failure=resume apps=[]" },
	{ "timeout: 30 # comment\n",
	    "timeout=30000 lock_timeout=60000 boot_wait=60000 "
	    "lib_dirs=[/usr/lib/erlang/lib] start_type=temporary "
	    "on_failure=resume apps=[]" },
	{ "lib_dirs:\n  - /opt/lib\n  - \"/usr/local/lib/erlang/lib\"\n",
	    "timeout=30000 lock_timeout=60000 boot_wait=60000 "
	    "lib_dirs=[/opt/lib,/usr/local/lib/erlang/lib] "
	    "start_type=temporary on_failure=resume apps=[]" },
	{ "lib_dirs: []\n",
	    "timeout=30000 lock_timeout=60000 boot_wait=60000 "
	    "lib_dirs=[] start_type=temporary on_failure=resume apps=[]" },
	{ "start_type: permanent\non_failure: restart\n",
	    "timeout=30000 lock_timeout=60000 boot_wait=60000 "
	    "lib_dirs=[/usr/lib/erlang/lib] start_type=permanent "
	    "on_failure=restart apps=[]" },
	{ "start_type: \"transient\"\non_failure: 'resume'\n",
	    "timeout=30000 lock_timeout=60000 boot_wait=60000 "
	    "lib_dirs=[/usr/lib/erlang/lib] start_type=transient "
	    "on_failure=resume apps=[]" },
	{ "start_type: temporary\n",
	    DEFAULTS },
	{ "applications:\n", DEFAULTS },
	{ "applications: {}\n", DEFAULTS },
	{ "applications: ~\n", DEFAULTS },
	{ "applications: null\n", DEFAULTS },
	{ "applications: Null\n", DEFAULTS },
	{ "applications: NULL\n", DEFAULTS },
	/* Sorted by name; an app without settings is still listed. */
	{ "applications:\n"
	  "  zeta:\n"
	  "    start_type: permanent\n"
	  "  alpha@x_1:\n"
	  "  mid: {}\n"
	  "  beta: {start_type: transient}\n",
	    "timeout=30000 lock_timeout=60000 boot_wait=60000 "
	    "lib_dirs=[/usr/lib/erlang/lib] start_type=temporary "
	    "on_failure=resume "
	    "apps=[alpha@x_1,beta:transient,mid,zeta:permanent]" },
	/* The example of erlrc.yaml(5), in flow style. */
	{ "{timeout: 10, lock_timeout: 120, boot_wait: 30,"
	  " lib_dirs: [/usr/lib/erlang/lib, /opt/erlang/lib],"
	  " start_type: transient, on_failure: restart,"
	  " applications: {myapp: {start_type: permanent}}}",
	    "timeout=10000 lock_timeout=120000 boot_wait=30000 "
	    "lib_dirs=[/usr/lib/erlang/lib,/opt/erlang/lib] "
	    "start_type=transient on_failure=restart "
	    "apps=[myapp:permanent]" },
	/* Anchors are harmless; only aliases are refused. */
	{ "lib_dirs: &dirs [/a]\n",
	    "timeout=30000 lock_timeout=60000 boot_wait=60000 "
	    "lib_dirs=[/a] start_type=temporary on_failure=resume apps=[]" },
	{ "%YAML 1.1\n---\ntimeout: 2\n...\n",
	    "timeout=2000 lock_timeout=60000 boot_wait=60000 "
	    "lib_dirs=[/usr/lib/erlang/lib] start_type=temporary "
	    "on_failure=resume apps=[]" },
	{ "\xef\xbb\xbftimeout: 3\r\n",
	    "timeout=3000 lock_timeout=60000 boot_wait=60000 "
	    "lib_dirs=[/usr/lib/erlang/lib] start_type=temporary "
	    "on_failure=resume apps=[]" },
};

START_TEST(test_good)
{
	const struct good_case *t = &good[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;
	char *got;

	erlrc_config_init(&c);
	ck_assert_msg(erlrc_config_parse(&c, NAME, t->text, strlen(t->text),
	    &err) == 0, "case %d: %s", _i, err.msg);
	got = dump(&c);
	ck_assert_str_eq(got, t->want);
	free(got);
	erlrc_config_destroy(&c);
}
END_TEST

static const struct bad_case {
	const char *text;
	const char *msg;
} bad[] = {
	/* Keys */
	{ "timout: 3\n", NAME ":1:1: unknown key 'timout'" },
	{ "timeout: 3\nTimeout: 4\n", NAME ":2:1: unknown key 'Timeout'" },
	{ "timeout: 1\ntimeout: 2\n",
	    NAME ":2:1: duplicate key 'timeout' (first on line 1)" },
	{ "{timeout: 1, timeout: 2}",
	    NAME ":1:14: duplicate key 'timeout' (first on line 1)" },
	{ "lib_dirs: []\n\nlib_dirs: [/a]\n",
	    NAME ":3:1: duplicate key 'lib_dirs' (first on line 1)" },
	{ "applications:\napplications:\n",
	    NAME ":2:1: duplicate key 'applications' (first on line 1)" },
	{ "? [a]\n: 1\n", NAME ":1:3: expected a key, got a list" },
	{ "? {a: 1}\n: 1\n", NAME ":1:3: expected a key, got a mapping" },
	{ "? \n: 1\n", NAME ":1:2: expected a key, got null" },
	/* Top level */
	{ "- timeout\n",
	    NAME ":1:1: expected a mapping of settings, got a list" },
	{ "timeout\n", NAME ":1:1: expected a mapping of settings, "
	    "got 'timeout'" },
	{ "\"\"\n", NAME ":1:1: expected a mapping of settings, got ''" },
	{ "timeout: 1\n---\ntimeout: 2\n",
	    NAME ":2:1: expected a single YAML document" },
	/* Durations */
	{ "timeout: abc\n",
	    NAME ":1:10: timeout: expected a number of seconds, got 'abc'" },
	{ "timeout:\n",
	    NAME ":1:9: timeout: expected a number of seconds, got null" },
	{ "timeout: ~\n",
	    NAME ":1:10: timeout: expected a number of seconds, got null" },
	{ "timeout: null\n",
	    NAME ":1:10: timeout: expected a number of seconds, got null" },
	{ "timeout: Null\n",
	    NAME ":1:10: timeout: expected a number of seconds, got null" },
	{ "timeout: NULL\n",
	    NAME ":1:10: timeout: expected a number of seconds, got null" },
	{ "timeout: nULL\n",
	    NAME ":1:10: timeout: expected a number of seconds, "
	    "got 'nULL'" },
	{ "start_type: 'null'\n",
	    NAME ":1:13: start_type: expected temporary, transient or "
	    "permanent, got 'null'" },
	{ "timeout: [1]\n",
	    NAME ":1:10: timeout: expected a number of seconds, got a list" },
	{ "timeout:\n  a: 1\n",
	    NAME ":2:3: timeout: expected a number of seconds, "
	    "got a mapping" },
	{ "timeout: 0\n",
	    NAME ":1:10: timeout: expected more than 0 seconds, got '0'" },
	{ "timeout: 0.000\n",
	    NAME ":1:10: timeout: expected more than 0 seconds, got '0.000'" },
	{ "timeout: 86400.001\n",
	    NAME ":1:10: timeout: expected at most 86400 seconds, "
	    "got '86400.001'" },
	{ "timeout: 86401\n",
	    NAME ":1:10: timeout: expected at most 86400 seconds, "
	    "got '86401'" },
	{ "timeout: 0.0001\n",
	    NAME ":1:10: timeout: expected at most 3 decimals "
	    "(milliseconds), got '0.0001'" },
	{ "timeout: 1.2345\n",
	    NAME ":1:10: timeout: expected at most 3 decimals "
	    "(milliseconds), got '1.2345'" },
	{ "timeout: -1\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '-1'" },
	{ "timeout: +1\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '+1'" },
	{ "timeout: 010\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '010'" },
	{ "timeout: 00\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '00'" },
	{ "timeout: 0x1e\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '0x1e'" },
	{ "timeout: 0o17\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '0o17'" },
	{ "timeout: 1e3\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '1e3'" },
	{ "timeout: 1_000\n",
	    NAME ":1:10: timeout: expected a number of seconds, "
	    "got '1_000'" },
	{ "timeout: 1.\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '1.'" },
	{ "timeout: .5\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '.5'" },
	{ "timeout: 1.2.3\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '1.2.3'" },
	{ "timeout: 30s\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '30s'" },
	{ "timeout: .inf\n",
	    NAME ":1:10: timeout: expected a number of seconds, got '.inf'" },
	{ "timeout: \" 3\"\n",
	    NAME ":1:10: timeout: expected a number of seconds, got ' 3'" },
	{ "timeout: yes\n",
	    NAME ":1:10: timeout: expected a number of seconds, got 'yes'" },
	{ "lock_timeout: -0.5\n",
	    NAME ":1:15: lock_timeout: expected a number of seconds, "
	    "got '-0.5'" },
	{ "lock_timeout: 86400.5\n",
	    NAME ":1:15: lock_timeout: expected at most 86400 seconds, "
	    "got '86400.5'" },
	{ "lock_timeout: [0]\n",
	    NAME ":1:15: lock_timeout: expected a number of seconds, "
	    "got a list" },
	{ "boot_wait: 99999999999999999999999\n",
	    NAME ":1:12: boot_wait: expected at most 86400 seconds, "
	    "got '99999999999999999999999'" },
	{ "boot_wait: 1.0005\n",
	    NAME ":1:12: boot_wait: expected at most 3 decimals "
	    "(milliseconds), got '1.0005'" },
	{ "boot_wait: ''\n",
	    NAME ":1:12: boot_wait: expected a number of seconds, got ''" },
	/* lib_dirs */
	{ "lib_dirs:\n",
	    NAME ":1:10: lib_dirs: expected a list of absolute paths, "
	    "got null" },
	{ "lib_dirs: /usr/lib/erlang/lib\n",
	    NAME ":1:11: lib_dirs: expected a list of absolute paths, "
	    "got '/usr/lib/erlang/lib'" },
	{ "lib_dirs: {a: /b}\n",
	    NAME ":1:11: lib_dirs: expected a list of absolute paths, "
	    "got a mapping" },
	{ "lib_dirs: [/a, b]\n",
	    NAME ":1:16: lib_dirs: expected an absolute path, got 'b'" },
	{ "lib_dirs:\n  - /a\n  - ./b\n",
	    NAME ":3:5: lib_dirs: expected an absolute path, got './b'" },
	{ "lib_dirs:\n  -\n",
	    NAME ":2:4: lib_dirs: expected an absolute path, got null" },
	{ "lib_dirs: ['']\n",
	    NAME ":1:12: lib_dirs: expected an absolute path, got ''" },
	{ "lib_dirs:\n  - /a\n  - [/b]\n",
	    NAME ":3:5: lib_dirs: expected an absolute path, got a list" },
	{ "lib_dirs:\n  - /a: 1\n",
	    NAME ":2:5: lib_dirs: expected an absolute path, got a mapping" },
	/* start_type, on_failure */
	{ "start_type: yes\n",
	    NAME ":1:13: start_type: expected temporary, transient or "
	    "permanent, got 'yes'" },
	{ "start_type: Permanent\n",
	    NAME ":1:13: start_type: expected temporary, transient or "
	    "permanent, got 'Permanent'" },
	{ "start_type:\n",
	    NAME ":1:12: start_type: expected temporary, transient or "
	    "permanent, got null" },
	{ "start_type: [permanent]\n",
	    NAME ":1:13: start_type: expected temporary, transient or "
	    "permanent, got a list" },
	{ "on_failure: Restart\n",
	    NAME ":1:13: on_failure: expected resume or restart, "
	    "got 'Restart'" },
	{ "on_failure: false\n",
	    NAME ":1:13: on_failure: expected resume or restart, "
	    "got 'false'" },
	{ "on_failure: {restart: 1}\n",
	    NAME ":1:13: on_failure: expected resume or restart, "
	    "got a mapping" },
	/* applications */
	{ "applications: [myapp]\n",
	    NAME ":1:15: applications: expected a mapping of application "
	    "names to settings, got a list" },
	{ "applications: myapp\n",
	    NAME ":1:15: applications: expected a mapping of application "
	    "names to settings, got 'myapp'" },
	{ "applications:\n  MyApp: {}\n",
	    NAME ":2:3: applications: 'MyApp' is not a valid application "
	    "name" },
	{ "applications:\n  a: {}\n  end: {}\n",
	    NAME ":3:3: applications: 'end' is not a valid application "
	    "name" },
	{ "applications:\n  \"my-app\": {}\n",
	    NAME ":2:3: applications: 'my-app' is not a valid application "
	    "name" },
	{ "applications:\n  ~: {}\n",
	    NAME ":2:3: applications: expected an application name, "
	    "got null" },
	{ "applications:\n  ? [a]\n  : {}\n",
	    NAME ":2:5: applications: expected an application name, "
	    "got a list" },
	{ "applications:\n  b: {}\n  a:\n    start_type: transient\n"
	  "  b: ~\n",
	    NAME ":5:3: applications: duplicate application 'b' "
	    "(first on line 2)" },
	{ "applications:\n  a: 1\n",
	    NAME ":2:6: applications.a: expected a mapping of settings, "
	    "got '1'" },
	{ "applications:\n  a: [start_type]\n",
	    NAME ":2:6: applications.a: expected a mapping of settings, "
	    "got a list" },
	{ "applications:\n  a:\n    start: permanent\n",
	    NAME ":3:5: applications.a: unknown key 'start'" },
	{ "applications:\n  a:\n    ~: permanent\n",
	    NAME ":3:5: applications.a: expected a key, got null" },
	{ "applications:\n  a:\n    start_type: permanent\n"
	  "    start_type: transient\n",
	    NAME ":4:5: applications.a: duplicate key 'start_type' "
	    "(first on line 3)" },
	{ "applications:\n  a:\n    start_type: 1\n",
	    NAME ":3:17: applications.a.start_type: expected temporary, "
	    "transient or permanent, got '1'" },
	{ "applications:\n  a:\n    start_type: {}\n",
	    NAME ":3:17: applications.a.start_type: expected temporary, "
	    "transient or permanent, got a mapping" },
	/* What a settings file has no use for */
	{ "timeout: !!int 3\n", NAME ":1:10: tags are not supported" },
	{ "!!map {timeout: 3}\n", NAME ":1:1: tags are not supported" },
	{ "lib_dirs: !foo [/a]\n", NAME ":1:11: tags are not supported" },
	{ "lib_dirs: &a [/a]\ntimeout: *a\n",
	    NAME ":2:10: aliases are not supported" },
	{ "timeout: \"1\\0\"\n",
	    NAME ":1:10: a string may not contain a NUL character" },
	/* Values in messages are escaped and cut */
	{ "timeout: \"a\\tb\\\\c\\x01\\nd\"\n",
	    NAME ":1:10: timeout: expected a number of seconds, "
	    "got 'a\\tb\\\\c\\x01\\nd'" },
	{ "timeout: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxx\n",
	    NAME ":1:10: timeout: expected a number of seconds, "
	    "got 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxx...'" },
	/* Syntax errors: libyaml's words and position */
	{ "lib_dirs: [/a\n",
	    NAME ":2:1: did not find expected ',' or ']' "
	    "(while parsing a flow sequence at line 1, column 11)" },
	{ "applications:\n  a: {start_type: permanent\n",
	    NAME ":3:1: did not find expected ',' or '}' "
	    "(while parsing a flow mapping at line 2, column 6)" },
	{ "applications:\n  a:\n    start_type: permanent\n  b: }\n",
	    NAME ":4:6: did not find expected node content "
	    "(while parsing a block node at line 4, column 6)" },
	{ "timeout: 'abc\n",
	    NAME ":2:1: found unexpected end of stream "
	    "(while scanning a quoted scalar at line 1, column 10)" },
	{ "applications:\n  a:\n    start_type: permanent\n   x: 1\n",
	    NAME ":4:4: did not find expected key "
	    "(while parsing a block mapping at line 2, column 3)" },
	{ "\ttimeout: 1\n",
	    NAME ":1:1: found character that cannot start any token "
	    "(while scanning for the next token at line 1, column 1)" },
	{ "timeout: 1\n\xff: 2\n",
	    NAME ":2:1: invalid leading UTF-8 octet (#FF)" },
	{ "timeout: 1\nboot_wait: \x01\n",
	    NAME ":2:12: control characters are not allowed (#1)" },
	{ "timeout: 1: 2\n",
	    NAME ":1:11: mapping values are not allowed in this context" },
	{ "a: &x\n  - *x\n",
	    NAME ":1:1: unknown key 'a'" },
};

START_TEST(test_bad)
{
	const struct bad_case *t = &bad[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;
	char *before, *after;

	erlrc_config_init(&c);
	c.timeout_ms = 1234;
	before = dump(&c);
	ck_assert_msg(erlrc_config_parse(&c, NAME, t->text, strlen(t->text),
	    &err) == -1, "case %d parsed", _i);
	ck_assert_str_eq(err.msg, t->msg);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	/* A failed parse leaves the settings alone. */
	after = dump(&c);
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	erlrc_config_destroy(&c);
}
END_TEST

/* A NUL byte in the file itself, which strlen-based tables cannot hold. */
START_TEST(test_nul_byte)
{
	static const char text[] = "timeout: 1\n\0";
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;

	erlrc_config_init(&c);
	ck_assert_int_eq(erlrc_config_parse(&c, NAME, text, sizeof(text) - 1,
	    &err), -1);
	ck_assert_str_eq(err.msg,
	    NAME ":2:1: control characters are not allowed (#0)");
	erlrc_config_destroy(&c);
}
END_TEST

/* Deep nesting is refused at its first level, not recursed into. */
START_TEST(test_deep_nesting)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;
	struct erlrc_buf b = ERLRC_BUF_INIT;
	int i;

	erlrc_buf_adds(&b, "applications: {a: {start_type: ");
	for (i = 0; i < 100000; i++)
		erlrc_buf_addc(&b, '[');
	erlrc_config_init(&c);
	ck_assert_int_eq(erlrc_config_parse(&c, NAME, b.s, b.len, &err), -1);
	ck_assert_str_eq(err.msg,
	    NAME ":1:32: applications.a.start_type: expected temporary, "
	    "transient or permanent, got a list");
	erlrc_config_destroy(&c);
	erlrc_buf_destroy(&b);
}
END_TEST

START_TEST(test_start_type_lookup)
{
	static const char text[] =
	    "start_type: transient\n"
	    "applications:\n"
	    "  perm: {start_type: permanent}\n"
	    "  temp: {start_type: temporary}\n"
	    "  plain:\n";
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;

	erlrc_config_init(&c);
	ck_assert_int_eq(erlrc_config_start_type(&c, "any"),
	    ERLRC_START_TEMPORARY);
	ck_assert_ptr_null(erlrc_config_app(&c, "any"));
	ck_assert_int_eq(erlrc_config_parse(&c, NAME, text, strlen(text),
	    &err), 0);
	ck_assert_int_eq(erlrc_config_start_type(&c, "perm"),
	    ERLRC_START_PERMANENT);
	ck_assert_int_eq(erlrc_config_start_type(&c, "temp"),
	    ERLRC_START_TEMPORARY);
	ck_assert_int_eq(erlrc_config_start_type(&c, "plain"),
	    ERLRC_START_TRANSIENT);
	ck_assert_int_eq(erlrc_config_start_type(&c, "other"),
	    ERLRC_START_TRANSIENT);
	ck_assert_ptr_nonnull(erlrc_config_app(&c, "plain"));
	ck_assert_ptr_null(erlrc_config_app(&c, "other"));
	ck_assert_str_eq(erlrc_start_type_name(ERLRC_START_TEMPORARY),
	    "temporary");
	ck_assert_str_eq(erlrc_start_type_name(ERLRC_START_TRANSIENT),
	    "transient");
	ck_assert_str_eq(erlrc_start_type_name(ERLRC_START_PERMANENT),
	    "permanent");
	ck_assert_str_eq(erlrc_on_failure_name(ERLRC_ON_FAILURE_RESUME),
	    "resume");
	ck_assert_str_eq(erlrc_on_failure_name(ERLRC_ON_FAILURE_RESTART),
	    "restart");
	erlrc_config_destroy(&c);
}
END_TEST

/* settle: a duration, 1 s unless set; zero allowed. */
START_TEST(test_settle)
{
	static const struct {
		const char *text;
		int ret;
		unsigned ms;
	} cases[] = {
		{ "timeout: 5\n", 0, 1000 },
		{ "settle: 2.5\n", 0, 2500 },
		{ "settle: 0\n", 0, 0 },
		{ "settle: -1\n", -1, 0 },
		{ "settle: soon\n", -1, 0 },
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		erlrc_config_init(&c);
		ck_assert_int_eq(erlrc_config_parse(&c, NAME, cases[i].text,
		    strlen(cases[i].text), &err), cases[i].ret);
		if (cases[i].ret == 0)
			ck_assert_uint_eq(c.settle_ms, cases[i].ms);
		else
			ck_assert_ptr_nonnull(strstr(err.msg, "settle"));
		erlrc_config_destroy(&c);
	}
}
END_TEST

/* A second parse replaces the first completely. */
START_TEST(test_reparse)
{
	static const char one[] = "timeout: 1\nlib_dirs: [/x]\n"
	    "applications: {a: {start_type: permanent}}\n";
	static const char two[] = "boot_wait: 2\n";
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;
	char *got;

	erlrc_config_init(&c);
	ck_assert_int_eq(erlrc_config_parse(&c, NAME, one, strlen(one), &err),
	    0);
	ck_assert_int_eq(erlrc_config_parse(&c, NAME, two, strlen(two), &err),
	    0);
	got = dump(&c);
	ck_assert_str_eq(got, "timeout=30000 lock_timeout=60000 "
	    "boot_wait=2000 lib_dirs=[/usr/lib/erlang/lib] "
	    "start_type=temporary on_failure=resume apps=[]");
	free(got);
	erlrc_config_destroy(&c);
}
END_TEST

START_TEST(test_read_file)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;
	char *got;

	erlrc_config_init(&c);
	ck_assert_msg(erlrc_config_read(&c,
	    ERLRC_TEST_DATA "/config/example.yaml", &err) == 0, "%s",
	    err.msg);
	got = dump(&c);
	ck_assert_str_eq(got, "timeout=10000 lock_timeout=120000 "
	    "boot_wait=30000 lib_dirs=[/usr/lib/erlang/lib,/opt/erlang/lib] "
	    "start_type=temporary on_failure=restart "
	    "apps=[mydb:permanent,myweb:transient]");
	free(got);
	erlrc_config_destroy(&c);
}
END_TEST

START_TEST(test_read_bad_file)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;

	erlrc_config_init(&c);
	ck_assert_int_eq(erlrc_config_read(&c,
	    ERLRC_TEST_DATA "/config/typo.yaml", &err), -1);
	ck_assert_str_eq(err.msg, ERLRC_TEST_DATA
	    "/config/typo.yaml:3:1: unknown key 'timout'");
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	erlrc_config_destroy(&c);
}
END_TEST

START_TEST(test_read_missing)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;
	char *got;

	erlrc_config_init(&c);
	c.timeout_ms = 1;
	ck_assert_int_eq(erlrc_config_read(&c,
	    ERLRC_TEST_DATA "/config/no-such-file.yaml", &err), 0);
	ck_assert_int_eq(err.code, ERLRC_ERR_NONE);
	got = dump(&c);
	ck_assert_str_eq(got, DEFAULTS);
	free(got);
	erlrc_config_destroy(&c);
}
END_TEST

START_TEST(test_read_directory)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;

	erlrc_config_init(&c);
	ck_assert_int_eq(erlrc_config_read(&c, ERLRC_TEST_DATA "/config",
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, ERLRC_TEST_DATA
	    "/config: not a regular file");
	erlrc_config_destroy(&c);
}
END_TEST

Suite *
erlrc_test_config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_good, 0, sizeof(good) / sizeof(good[0]));
	tcase_add_loop_test(tc, test_bad, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_nul_byte);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_start_type_lookup);
	tcase_add_test(tc, test_reparse);
	tcase_add_test(tc, test_settle);
	suite_add_tcase(s, tc);

	tc = tcase_create("read");
	tcase_add_test(tc, test_read_file);
	tcase_add_test(tc, test_read_bad_file);
	tcase_add_test(tc, test_read_missing);
	tcase_add_test(tc, test_read_directory);
	suite_add_tcase(s, tc);
	return s;
}
