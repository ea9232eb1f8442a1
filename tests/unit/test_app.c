/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_app.c - unit tests of app.c, the .app file model */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/app.h>
#include <erlrc/buf.h>
#include <erlrc/term.h>

#include "suites.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A file whose options start at column 33, after a valid vsn. */
#define APP(opts) "{application, foo, [{vsn, \"1\"}, " opts "]}.\n"

/* Append "key=a,b,c " for NAMES. */
static void
dump_names(struct erlrc_buf *b, const char *key,
    const struct erlrc_names *names)
{
	size_t i;

	erlrc_buf_addf(b, " %s=", key);
	for (i = 0; i < names->n; i++)
		erlrc_buf_addf(b, "%s%s", i ? "," : "", names->v[i]);
}

/* Everything APP holds, on one line, so that a table can say it. */
static char *
dump(const struct erlrc_app *app)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;

	erlrc_buf_addf(&b, "%s %s d=\"%s\" id=\"%s\"", app->name, app->vsn,
	    app->description, app->id);
	dump_names(&b, "mods", &app->modules);
	dump_names(&b, "reg", &app->registered);
	dump_names(&b, "apps", &app->applications);
	dump_names(&b, "inc", &app->included);
	dump_names(&b, "opt", &app->optional);
	dump_names(&b, "rt", &app->runtime_deps);
	erlrc_buf_adds(&b, " mod=");
	if (app->mod) {
		erlrc_buf_addf(&b, "%s:", app->mod);
		erlrc_term_write(&b, app->mod_args);
	} else {
		ck_assert_ptr_null(app->mod_args);
		erlrc_buf_adds(&b, "-");
	}
	erlrc_buf_adds(&b, " env=");
	ck_assert_ptr_nonnull(app->env);
	ck_assert_int_eq(erlrc_term_list_length(app->env) >= 0, 1);
	if (erlrc_term_list_length(app->env) == 0)
		erlrc_buf_adds(&b, "[]");
	else
		erlrc_term_write(&b, app->env);
	erlrc_buf_adds(&b, " phases=");
	if (app->start_phases)
		erlrc_term_write(&b, app->start_phases);
	else
		erlrc_buf_adds(&b, "undefined");
	erlrc_buf_addf(&b, " maxT=%ld maxP=%ld", app->max_t, app->max_p);
	return erlrc_buf_detach(&b);
}

#define DEFAULTS "mods= reg= apps= inc= opt= rt= mod=- env=[] " \
	"phases=undefined maxT=0 maxP=0"

static const struct good_case {
	const char *file;
	const char *text;
	const char *want;	/* what dump() gives */
} good[] = {
	{ "foo.app", "{application, foo, [{vsn, \"1.0\"}]}.\n",
	  "foo 1.0 d=\"\" id=\"\" " DEFAULTS },
	{ "/usr/lib/erlang/lib/foo-1.0/ebin/foo.app",
	  "%% -*- erlang -*-\n%% a comment\n\n"
	  "{application,foo,[{vsn,\"1.0\"}]}. % done\n",
	  "foo 1.0 d=\"\" id=\"\" " DEFAULTS },
	{ "foo.app",		/* every key of app(4) */
	  "{application, foo,\n"
	  " [{description, \"The foo service\"},\n"
	  "  {id, \"foo-id\"},\n"
	  "  {vsn, \"2.3.1\"},\n"
	  "  {modules, [foo_app, foo_sup, 'Foo.Bar']},\n"
	  "  {registered, [foo_sup, foo_server]},\n"
	  "  {applications, [kernel, stdlib, bar]},\n"
	  "  {included_applications, [foo_inc]},\n"
	  "  {optional_applications, [bar]},\n"
	  "  {runtime_dependencies, [\"erts-13.0\", \"kernel-8.0\", "
	  "\"foo-bar-1.0\"]},\n"
	  "  {mod, {foo_app, [{port, 80}]}},\n"
	  "  {env, [{port, 80}, {name, \"x\"}]},\n"
	  "  {start_phases, [{init, []}, {go, [1]}]},\n"
	  "  {maxT, 60000},\n"
	  "  {maxP, 10}]}.\n",
	  "foo 2.3.1 d=\"The foo service\" id=\"foo-id\" "
	  "mods=foo_app,foo_sup,Foo.Bar reg=foo_sup,foo_server "
	  "apps=kernel,stdlib,bar inc=foo_inc opt=bar "
	  "rt=erts-13.0,kernel-8.0,foo-bar-1.0 mod=foo_app:[{port,80}] "
	  "env=[{port,80},{name,\"x\"}] phases=[{init,[]},{go,[1]}] "
	  "maxT=60000 maxP=10" },
	{ "foo.app",		/* rebar3's extra keys are ignored */
	  "{application, foo,\n"
	  " [{vsn, \"0.1.0\"},\n"
	  "  {licenses, [\"Apache-2.0\"]},\n"
	  "  {links, [{\"GitHub\", \"https://github.com/x/foo\"}]},\n"
	  "  {pkg_name, foo_pkg},\n"
	  "  {build_tools, [\"rebar3\"]},\n"
	  "  {files, [\"src\", \"LICENSE\"]},\n"
	  "  {exclude_files, 42}]}.\n",
	  "foo 0.1.0 d=\"\" id=\"\" " DEFAULTS },
	{ "foo.app",		/* strings as lists of characters, or [] */
	  "{application, foo, [{vsn, [$1, $., $0]}, {description, []},\n"
	  " {id, \"\"}, {runtime_dependencies, [[$a, $-, $1]]}]}.\n",
	  "foo 1.0 d=\"\" id=\"\" mods= reg= apps= inc= opt= rt=a-1 mod=- "
	  "env=[] phases=undefined maxT=0 maxP=0" },
	{ "foo.app",		/* UTF-8 in strings */
	  "{application, foo, [{vsn, \"1\"}, {description, \"caf\xc3\xa9 "
	  "\\x{263a}\"}]}.\n",
	  "foo 1 d=\"caf\xc3\xa9 \xe2\x98\xba\" id=\"\" " DEFAULTS },
	{ "foo.app",		/* the other spellings of "nothing" */
	  APP("{mod, []}, {start_phases, undefined}, {env, []}, "
	  "{maxT, infinity}, {maxP, infinity}, {modules, []}, "
	  "{applications, []}, {runtime_dependencies, []}"),
	  "foo 1 d=\"\" id=\"\" " DEFAULTS },
	{ "foo.app",
	  APP("{start_phases, []}, {maxT, 1}, {maxP, 1099511627776}, "
	  "{mod, {foo_app, []}}"),
	  "foo 1 d=\"\" id=\"\" mods= reg= apps= inc= opt= rt= "
	  "mod=foo_app:[] env=[] phases=[] maxT=1 maxP=1099511627776" },
	{ "my-app.app", "{application, 'my-app', [{vsn, \"1\"}]}.\n",
	  "my-app 1 d=\"\" id=\"\" " DEFAULTS },
};

START_TEST(test_good)
{
	const struct good_case *c = &good[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_app app;
	char *got;

	erlrc_app_init(&app);
	ck_assert_msg(erlrc_app_parse(&app, c->file, c->text,
	    strlen(c->text), &err) == 0, "case %d: %s", _i, err.msg);
	got = dump(&app);
	ck_assert_str_eq(got, c->want);
	free(got);
	erlrc_app_destroy(&app);
}
END_TEST

static const struct bad_case {
	const char *file;
	const char *text;
	const char *msg;
} bad[] = {
	/* the file's one term */
	{ "foo.app", "",
	  "foo.app:1:1: expected one term {application, Name, "
	  "[Key-value pairs]}, found 0" },
	{ "foo.app", "%% nothing here\n",
	  "foo.app:1:1: expected one term {application, Name, "
	  "[Key-value pairs]}, found 0" },
	{ "foo.app", "{application, foo, [{vsn, \"1\"}]}.\n{x}.\n",
	  "foo.app:2:1: expected one term {application, Name, "
	  "[Key-value pairs]}, found 2" },
	{ "foo.app", "{application, foo, [}.\n",
	  "foo.app:1:21: syntax error before '}'" },
	{ "foo.app", "{app, foo, []}.\n",
	  "foo.app:1:1: expected {application, Name, [Key-value pairs]}, "
	  "got {app,foo,[]}" },
	{ "foo.app", "{application, foo}.\n",
	  "foo.app:1:1: expected {application, Name, [Key-value pairs]}, "
	  "got {application,foo}" },
	{ "foo.app", "[application, foo, []].\n",
	  "foo.app:1:1: expected {application, Name, [Key-value pairs]}, "
	  "got [application,foo,[]]" },
	/* the name */
	{ "foo.app", "{application, \"foo\", []}.\n",
	  "foo.app:1:15: application name: expected an atom, got \"foo\"" },
	{ "foo.app", "{application, bar, [{vsn, \"1\"}]}.\n",
	  "foo.app:1:15: application 'bar' must be in a file named bar.app" },
	{ "ebin/foo", "{application, foo, [{vsn, \"1\"}]}.\n",
	  "ebin/foo:1:15: application 'foo' must be in a file named foo.app" },
	{ "ebin/.app", "{application, foo, [{vsn, \"1\"}]}.\n",
	  "ebin/.app:1:15: application 'foo' must be in a file named foo.app" },
	{ "foo.app/bar.app", "{application, foo, [{vsn, \"1\"}]}.\n",
	  "foo.app/bar.app:1:15: application 'foo' must be in a file named "
	  "foo.app" },
	{ "Foo.app", "{application, foo, [{vsn, \"1\"}]}.\n",
	  "Foo.app:1:15: application 'foo' must be in a file named foo.app" },
	/* the options */
	{ "foo.app", "{application, foo, vsn}.\n",
	  "foo.app:1:20: application options: expected a list of {Key, "
	  "Value} tuples, got vsn" },
	{ "foo.app", "{application, foo, \"vsn\"}.\n",
	  "foo.app:1:20: application options: expected a list of {Key, "
	  "Value} tuples, got \"vsn\"" },
	{ "foo.app", "{application, foo, [{vsn, \"1\"} | x]}.\n",
	  "foo.app:1:20: application options: expected a list of {Key, "
	  "Value} tuples, got [{vsn,\"1\"}|x]" },
	{ "foo.app", "{application, foo, [{vsn}]}.\n",
	  "foo.app:1:21: expected a {Key, Value} tuple with an atom key, "
	  "got {vsn}" },
	{ "foo.app", "{application, foo, [vsn]}.\n",
	  "foo.app:1:21: expected a {Key, Value} tuple with an atom key, "
	  "got vsn" },
	{ "foo.app", "{application, foo, [{\"vsn\", \"1\"}]}.\n",
	  "foo.app:1:21: expected a {Key, Value} tuple with an atom key, "
	  "got {\"vsn\",\"1\"}" },
	{ "foo.app", APP("{vsn, \"2\", x}"),
	  "foo.app:1:33: expected a {Key, Value} tuple with an atom key, "
	  "got {vsn,\"2\",x}" },
	{ "foo.app", "{application, foo,\n [{vsn, \"1\"},\n  {vsn, \"2\"}]}.\n",
	  "foo.app:3:3: key 'vsn' given twice (first at line 2)" },
	{ "foo.app", APP("{licenses, []}, {licenses, []}"),
	  "foo.app:1:49: key 'licenses' given twice (first at line 1)" },
	{ "foo.app", "{application, foo, [{description, \"x\"}]}.\n",
	  "foo.app:1:1: application 'foo' has no vsn" },
	{ "foo.app", "{application, foo, []}.\n",
	  "foo.app:1:1: application 'foo' has no vsn" },
	/* strings */
	{ "foo.app", "{application, foo, [{vsn, 1}]}.\n",
	  "foo.app:1:27: vsn: expected a string, got 1" },
	{ "foo.app", "{application, foo, [{vsn, v1}]}.\n",
	  "foo.app:1:27: vsn: expected a string, got v1" },
	{ "foo.app", "{application, foo, [{vsn, [$1, x]}]}.\n",
	  "foo.app:1:27: vsn: expected a string, got [49,x]" },
	{ "foo.app", APP("{description, abc}"),
	  "foo.app:1:47: description: expected a string, got abc" },
	{ "foo.app", APP("{id, {1}}"),
	  "foo.app:1:38: id: expected a string, got {1}" },
	/* lists of atoms */
	{ "foo.app", APP("{modules, m}"),
	  "foo.app:1:43: modules: expected a list of atoms, got m" },
	{ "foo.app", APP("{modules, \"m\"}"),
	  "foo.app:1:43: modules: expected a list of atoms, got \"m\"" },
	{ "foo.app", APP("{modules, [m, \"n\"]}"),
	  "foo.app:1:47: modules: expected an atom, got \"n\"" },
	{ "foo.app", APP("{modules, [m | n]}"),
	  "foo.app:1:43: modules: expected a list of atoms, got [m|n]" },
	{ "foo.app", APP("{registered, [1]}"),
	  "foo.app:1:47: registered: expected an atom, got 1" },
	{ "foo.app", APP("{applications, [kernel, {stdlib}]}"),
	  "foo.app:1:57: applications: expected an atom, got {stdlib}" },
	{ "foo.app", APP("{applications, kernel}"),
	  "foo.app:1:48: applications: expected a list of atoms, "
	  "got kernel" },
	{ "foo.app", APP("{included_applications, x}"),
	  "foo.app:1:57: included_applications: expected a list of atoms, "
	  "got x" },
	{ "foo.app", APP("{included_applications, [\"x\"]}"),
	  "foo.app:1:58: included_applications: expected an atom, "
	  "got \"x\"" },
	{ "foo.app", APP("{optional_applications, [1.5]}"),
	  "foo.app:1:58: optional_applications: expected an atom, "
	  "got 1.5" },
	{ "foo.app", APP("{optional_applications, a}"),
	  "foo.app:1:57: optional_applications: expected a list of atoms, "
	  "got a" },
	/* runtime_dependencies */
	{ "foo.app", APP("{runtime_dependencies, kernel}"),
	  "foo.app:1:56: runtime_dependencies: expected a list of strings, "
	  "got kernel" },
	{ "foo.app", APP("{runtime_dependencies, \"kernel-1\"}"),
	  "foo.app:1:56: runtime_dependencies: expected a list of strings, "
	  "got \"kernel-1\"" },
	{ "foo.app", APP("{runtime_dependencies, [kernel]}"),
	  "foo.app:1:57: runtime_dependencies: expected a string, "
	  "got kernel" },
	{ "foo.app", APP("{runtime_dependencies, [\"kernel\"]}"),
	  "foo.app:1:57: runtime_dependencies: expected \"App-Vsn\", "
	  "got \"kernel\"" },
	{ "foo.app", APP("{runtime_dependencies, [\"erts-13.0\", \"-1.0\"]}"),
	  "foo.app:1:70: runtime_dependencies: expected \"App-Vsn\", "
	  "got \"-1.0\"" },
	{ "foo.app", APP("{runtime_dependencies, [\"kernel-\"]}"),
	  "foo.app:1:57: runtime_dependencies: expected \"App-Vsn\", "
	  "got \"kernel-\"" },
	{ "foo.app", APP("{runtime_dependencies, [\"\"]}"),
	  "foo.app:1:57: runtime_dependencies: expected \"App-Vsn\", "
	  "got \"\"" },
	/* maxT, maxP */
	{ "foo.app", APP("{maxT, 0}"),
	  "foo.app:1:40: maxT: expected a positive integer or infinity, "
	  "got 0" },
	{ "foo.app", APP("{maxT, -1}"),
	  "foo.app:1:40: maxT: expected a positive integer or infinity, "
	  "got -1" },
	{ "foo.app", APP("{maxT, forever}"),
	  "foo.app:1:40: maxT: expected a positive integer or infinity, "
	  "got forever" },
	{ "foo.app", APP("{maxP, 1.5}"),
	  "foo.app:1:40: maxP: expected a positive integer or infinity, "
	  "got 1.5" },
	{ "foo.app", APP("{maxP, \"1\"}"),
	  "foo.app:1:40: maxP: expected a positive integer or infinity, "
	  "got \"1\"" },
	/* env, start_phases */
	{ "foo.app", APP("{env, x}"),
	  "foo.app:1:39: env: expected a list of {Key, Value} tuples, "
	  "got x" },
	{ "foo.app", APP("{env, \"ab\"}"),
	  "foo.app:1:39: env: expected a list of {Key, Value} tuples, "
	  "got \"ab\"" },
	{ "foo.app", APP("{env, [{a, 1} | b]}"),
	  "foo.app:1:39: env: expected a list of {Key, Value} tuples, "
	  "got [{a,1}|b]" },
	{ "foo.app", APP("{env, [{1, 2}]}"),
	  "foo.app:1:40: env: expected a {Key, Value} tuple with an atom "
	  "key, got {1,2}" },
	{ "foo.app", APP("{env, [{a, 1}, {b, 2, 3}]}"),
	  "foo.app:1:48: env: expected a {Key, Value} tuple with an atom "
	  "key, got {b,2,3}" },
	{ "foo.app", APP("{start_phases, init}"),
	  "foo.app:1:48: start_phases: expected a list of {Key, Value} "
	  "tuples, got init" },
	{ "foo.app", APP("{start_phases, [{init}]}"),
	  "foo.app:1:49: start_phases: expected a {Key, Value} tuple with "
	  "an atom key, got {init}" },
	/* mod */
	{ "foo.app", APP("{mod, m}"),
	  "foo.app:1:39: mod: expected {Module, StartArgs} or [], got m" },
	{ "foo.app", APP("{mod, {m}}"),
	  "foo.app:1:39: mod: expected {Module, StartArgs} or [], got {m}" },
	{ "foo.app", APP("{mod, {\"m\", []}}"),
	  "foo.app:1:39: mod: expected {Module, StartArgs} or [], "
	  "got {\"m\",[]}" },
	{ "foo.app", APP("{mod, [x]}"),
	  "foo.app:1:39: mod: expected {Module, StartArgs} or [], got [x]" },
	{ "foo.app", APP("{mod, {m, [], x}}"),
	  "foo.app:1:39: mod: expected {Module, StartArgs} or [], "
	  "got {m,[],x}" },
	/* a long term is cut at 60 bytes */
	{ "foo.app", APP("{id, {aaaaaaaaaa, bbbbbbbbbb, cccccccccc, "
	  "dddddddddd, eeeeeeeeee, fff}}"),
	  "foo.app:1:38: id: expected a string, got {aaaaaaaaaa,bbbbbbbbbb,"
	  "cccccccccc,dddddddddd,eeeeeeeeee,fff}" },
	{ "foo.app", APP("{id, {aaaaaaaaaa, bbbbbbbbbb, cccccccccc, "
	  "dddddddddd, eeeeeeeeee, ffff}}"),
	  "foo.app:1:38: id: expected a string, got {aaaaaaaaaa,bbbbbbbbbb,"
	  "cccccccccc,dddddddddd,eeeeeeeeee,f..." },
	/*
	 * Regression: a long term is cut before a UTF-8 character, never
	 * inside one (the message once ended in "\xc3...").
	 */
	{ "foo.app", APP("{id, 'a\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9'}"),
	  "foo.app:1:38: id: expected a string, got 'a\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "..." },
};

START_TEST(test_bad)
{
	const struct bad_case *c = &bad[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_app app;

	erlrc_app_init(&app);
	ck_assert_msg(erlrc_app_parse(&app, c->file, c->text,
	    strlen(c->text), &err) == -1, "case %d parsed", _i);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, c->msg);
	erlrc_app_destroy(&app);
}
END_TEST

/* Only LEN bytes of the text are read. */
START_TEST(test_length)
{
	static const char text[] = "{application, foo, [{vsn, \"1\"}]}.\n"
	    "{application, foo, [{vsn, \"2\"}]}.\n";
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_app app;
	size_t first = (size_t)(strchr(text, '\n') - text) + 1;

	erlrc_app_init(&app);
	ck_assert_int_eq(erlrc_app_parse(&app, "foo.app", text, first, &err),
	    0);
	ck_assert_str_eq(app.vsn, "1");
	erlrc_app_destroy(&app);
	erlrc_app_init(&app);
	ck_assert_int_eq(erlrc_app_parse(&app, "foo.app", text,
	    sizeof(text) - 1, &err), -1);
	ck_assert_str_eq(err.msg, "foo.app:2:1: expected one term "
	    "{application, Name, [Key-value pairs]}, found 2");
	erlrc_app_destroy(&app);
}
END_TEST

/* An app destroyed after a failure can be used again. */
START_TEST(test_reuse)
{
	static const char *texts[] = {
		APP("{env, x}"),
		"{application, foo, [{vsn, \"3\"}, {env, [{a, 1}]}]}.\n",
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_app app;
	char *got;

	erlrc_app_init(&app);
	ck_assert_int_eq(erlrc_app_parse(&app, "foo.app", texts[0],
	    strlen(texts[0]), &err), -1);
	erlrc_app_destroy(&app);
	ck_assert_ptr_null(app.name);
	ck_assert_ptr_null(app.vsn);
	ck_assert_int_eq(erlrc_app_parse(&app, "foo.app", texts[1],
	    strlen(texts[1]), &err), 0);
	got = dump(&app);
	ck_assert_str_eq(got, "foo 3 d=\"\" id=\"\" mods= reg= apps= inc= "
	    "opt= rt= mod=- env=[{a,1}] phases=undefined maxT=0 maxP=0");
	free(got);
	erlrc_app_destroy(&app);
	erlrc_app_destroy(&app);
}
END_TEST

START_TEST(test_names_has)
{
	static const char *v[] = { "kernel", "stdlib", "ssl" };
	struct erlrc_names names = { v, 3 }, none = { NULL, 0 };

	ck_assert_int_eq(erlrc_names_has(&names, "kernel"), 1);
	ck_assert_int_eq(erlrc_names_has(&names, "ssl"), 1);
	ck_assert_int_eq(erlrc_names_has(&names, "ss"), 0);
	ck_assert_int_eq(erlrc_names_has(&names, "ssl2"), 0);
	ck_assert_int_eq(erlrc_names_has(&names, ""), 0);
	ck_assert_int_eq(erlrc_names_has(&none, "kernel"), 0);
}
END_TEST

/* read */

START_TEST(test_read_rebar3)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_app app;
	char *got;

	erlrc_app_init(&app);
	ck_assert_msg(erlrc_app_read(&app, ERLRC_TEST_DATA "/app/cowboy.app",
	    &err) == 0, "%s", err.msg);
	got = dump(&app);
	ck_assert_str_eq(got, "cowboy 2.12.0 d=\"Small, fast, modern HTTP "
	    "server.\" id=\"\" mods=cowboy,cowboy_app,cowboy_sup "
	    "reg=cowboy_sup,cowboy_clock "
	    "apps=kernel,stdlib,crypto,cowlib,ranch inc= opt= rt= "
	    "mod=cowboy_app:[] env=[] phases=undefined maxT=0 maxP=0");
	free(got);
	erlrc_app_destroy(&app);
}
END_TEST

START_TEST(test_read_bad)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_app app;

	erlrc_app_init(&app);
	ck_assert_int_eq(erlrc_app_read(&app, ERLRC_TEST_DATA
	    "/app/bad_env.app", &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, ERLRC_TEST_DATA "/app/bad_env.app:5:9: "
	    "env: expected a {Key, Value} tuple with an atom key, "
	    "got {\"port\",80}");
	erlrc_app_destroy(&app);
}
END_TEST

START_TEST(test_read_missing)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_app app;

	erlrc_app_init(&app);
	ck_assert_int_eq(erlrc_app_read(&app, ERLRC_TEST_DATA
	    "/app/missing.app", &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	ck_assert_str_eq(err.msg, ERLRC_TEST_DATA "/app/missing.app: "
	    "No such file or directory");
	erlrc_app_destroy(&app);
	erlrc_app_init(&app);
	ck_assert_int_eq(erlrc_app_read(&app, ERLRC_TEST_DATA "/app", &err),
	    -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, ERLRC_TEST_DATA "/app: not a regular "
	    "file");
	erlrc_app_destroy(&app);
}
END_TEST

/* Every .app file of the OTP installed here is read as it is. */
START_TEST(test_read_otp)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_app app;
	glob_t g;
	size_t i;

	ck_assert_int_eq(glob("/usr/lib/erlang/lib/*/ebin/*.app", 0, NULL,
	    &g), 0);
	ck_assert_uint_ge(g.gl_pathc, 10);
	for (i = 0; i < g.gl_pathc; i++) {
		const char *base = strrchr(g.gl_pathv[i], '/') + 1;

		erlrc_app_init(&app);
		ck_assert_msg(erlrc_app_read(&app, g.gl_pathv[i], &err) == 0,
		    "%s", err.msg);
		ck_assert_int_eq(strncmp(base, app.name, strlen(app.name)),
		    0);
		ck_assert_str_eq(base + strlen(app.name), ".app");
		ck_assert_str_ne(app.vsn, "");
		if (strcmp(app.name, "stdlib") == 0)
			ck_assert_int_eq(erlrc_names_has(&app.applications,
			    "kernel"), 1);
		erlrc_app_destroy(&app);
	}
	globfree(&g);
}
END_TEST

Suite *
erlrc_test_app_suite(void)
{
	Suite *s = suite_create("app");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_good, 0, COUNT(good));
	tcase_add_loop_test(tc, test_bad, 0, COUNT(bad));
	tcase_add_test(tc, test_length);
	tcase_add_test(tc, test_reuse);
	tcase_add_test(tc, test_names_has);
	suite_add_tcase(s, tc);

	tc = tcase_create("read");
	tcase_add_test(tc, test_read_rebar3);
	tcase_add_test(tc, test_read_bad);
	tcase_add_test(tc, test_read_missing);
	tcase_add_test(tc, test_read_otp);
	suite_add_tcase(s, tc);
	return s;
}
