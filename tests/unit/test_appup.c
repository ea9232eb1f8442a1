/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_appup.c - unit tests of appup files (appup.c) */
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/appup.h>
#include <erlrc/buf.h>
#include <erlrc/xalloc.h>

#include "suites.h"

#define NAME "x.appup"
/* One upgrade entry holding the instructions I: they start at column 15. */
#define UP(i) "{\"2\", [{\"1\", [" i "]}], []}.\n"

/* A on one line: "VSN up=[KEY:N,...] down=[...]", ~ before a regex. */
static char *
dump(const struct erlrc_appup *a)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	const struct erlrc_appup_entry *e;
	size_t i, k;

	erlrc_buf_adds(&b, a->vsn);
	for (k = 0; k < 2; k++) {
		erlrc_buf_adds(&b, k ? " down=[" : " up=[");
		for (i = 0; i < (k ? a->ndown : a->nup); i++) {
			e = k ? &a->down[i] : &a->up[i];
			erlrc_buf_addf(&b, "%s%s%s:%ld", i ? "," : "",
			    e->is_regex ? "~" : "", e->vsn,
			    erlrc_term_list_length(e->instructions));
		}
		erlrc_buf_adds(&b, "]");
	}
	return erlrc_buf_detach(&b);
}

/*
 * Accepted by erlrc and, entry by entry, by OTP 25's
 * systools_rc:translate_scripts/4 (modules m to w and sup in x, y1 in y,
 * which is new in the upgrade, z1 in z, which is gone).
 */
static const struct good_case {
	const char *text;
	const char *want;
} good[] = {
	{ UP(""), "2 up=[1:0] down=[]" },
	{ "{\"2\", [{\"1\", \"\"}], [{\"1\", []}]}.",
	    "2 up=[1:0] down=[1:0]" },
	{ "%% comment\n{\"2.0-\xc3\xbc\", [], []}.\n%% end\n",
	    "2.0-\xc3\xbc up=[] down=[]" },
	/* Every form of update. */
	{ UP("{update, m}, {update, sup, supervisor}, {update, n, soft}, "
	    "{update, o, {advanced, []}}, {update, p, [m]}, "
	    "{update, q, soft, [m]}, {update, r, {advanced, x}, [m, n]}, "
	    "{update, s, []}"),
	    "2 up=[1:8] down=[]" },
	{ UP("{update, m, {advanced, []}, soft_purge, brutal_purge, []}, "
	    "{update, n, 5000, soft, brutal_purge, soft_purge, [m]}, "
	    "{update, o, infinity, soft, brutal_purge, brutal_purge, []}, "
	    "{update, p, default, {advanced, 1}, soft_purge, soft_purge, []}, "
	    "{update, q, 123456789012345678901234567890, soft, brutal_purge, "
	    "brutal_purge, []}, "
	    "{update, r, static, default, {advanced, []}, brutal_purge, "
	    "brutal_purge, []}, "
	    "{update, s, dynamic, 10, soft, soft_purge, soft_purge, [r, s]}"),
	    "2 up=[1:7] down=[]" },
	/* load_module, add_module, delete_module */
	{ UP("{load_module, m}, {load_module, n, [m]}, "
	    "{load_module, o, soft_purge, soft_purge, []}, {add_module, p}, "
	    "{add_module, q, [m]}, {delete_module, r}, "
	    "{delete_module, s, [t]}, {add_module, t, []}"),
	    "2 up=[1:8] down=[]" },
	/* Applications, and each start type in an entry of its own. */
	{ "{\"2\", [{\"1\", [{add_application, y}, {restart_application, x},"
	    " {remove_application, z}]},\n"
	    "        {\"1.1\", [{add_application, y, permanent}]},\n"
	    "        {\"1.2\", [{add_application, y, transient}]},\n"
	    "        {\"1.3\", [{add_application, y, temporary}]},\n"
	    "        {\"1.4\", [{add_application, y, load}]},\n"
	    "        {\"1.5\", [{add_application, y, none}]}], []}.\n",
	    "2 up=[1:3,1.1:1,1.2:1,1.3:1,1.4:1,1.5:1] down=[]" },
	/* Modules of added applications are unknown: no dependency check. */
	{ UP("{update, m, [y1]}, {add_application, y}"),
	    "2 up=[1:2] down=[]" },
	{ UP("{update, m, [y1]}, {restart_application, y}"),
	    "2 up=[1:2] down=[]" },
	/* Every low-level instruction. */
	{ UP("{load_object_code, {x, \"2\", [m, n]}}, {apply, {m, f, []}}, "
	    "point_of_no_return, "
	    "{suspend, [m, {n, 100}, {o, infinity}, {p, default}, "
	    "{q, 99999999999999999999}]}, "
	    "{load, {m, brutal_purge, soft_purge}}, "
	    "{load, {n, soft_purge, brutal_purge}}, "
	    "{code_change, [{m, x}]}, {code_change, up, [{n, []}]}, "
	    "{code_change, down, [{o, {y}}]}, {resume, [m, n, o, p, q]}, "
	    "{stop, [r]}, {remove, {r, brutal_purge, brutal_purge}}, "
	    "{purge, [r]}, {start, [r]}, {sync_nodes, id, [a@h, 'b@h']}, "
	    "{sync_nodes, {some, id}, {m, f, [1]}}, {sync_nodes, id, []}, "
	    "{apply, {m, g, [1, \"two\", {3}]}}, restart, reboot, "
	    "restart_new_emulator, restart_emulator, "
	    "{load_object_code, {x, \"2\", [o]}}, "
	    "{load_object_code, {y, [50], []}}, {purge, []}"),
	    "2 up=[1:25] down=[]" },
	/* A nested list is spliced, its low-level forms unexpanded. */
	{ UP("[], [point_of_no_return], "
	    "[{load_module, m, brutal_purge, brutal_purge, []}, "
	    "{add_module, n}, {update, o, soft, brutal_purge, brutal_purge, "
	    "[]}], {update, p, [m, o]}, \"\""),
	    "2 up=[1:5] down=[]" },
	/* Version keys: strings, lists of characters, regexes. */
	{ "{\"2\", [{\"1.0\", []}, {\"\", []}, {[49, 46, 49], []},\n"
	    "       {<<\"^1\\\\.2(\\\\.[0-9]+)*$\">>, []}, {<<>>, []}],\n"
	    "      [{<<\"\xc3\xa9\"/utf8>>, []}, {<<\"\\\\d+\">>, []}]}.\n",
	    "2 up=[1.0:0,:0,1.1:0,~^1\\.2(\\.[0-9]+)*$:0,~:0] "
	    "down=[~\xc3\xa9:0,~\\d+:0]" },
	/* Only the first term counts, as for systools_lib:read_term/1:
	 * what follows its full stop is never read. */
	{ "{\"2\", [{\"1\", []}], []}.\n{\"3\", [], []}.\n",
	    "2 up=[1:0] down=[]" },
	{ "{\"2\", [], [{\"1\", []}]}.\n%% then\n{\"3\" [}} $\n",
	    "2 up=[] down=[1:0]" },
	/* The same module in two entries, and in up and down. */
	{ "{\"2\", [{\"1\", [{update, m}]}, {\"1.1\", [{update, m}]}],"
	    " [{\"1\", [{load_module, m}]}]}.",
	    "2 up=[1:1,1.1:1] down=[1:1]" },
};

START_TEST(test_good)
{
	const struct good_case *t = &good[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_appup a;
	char *got;

	erlrc_appup_init(&a);
	ck_assert_msg(erlrc_appup_parse(&a, NAME, t->text, strlen(t->text),
	    &err) == 0, "case %d: %s", _i, err.msg);
	got = dump(&a);
	ck_assert_str_eq(got, t->want);
	free(got);
	erlrc_appup_destroy(&a);
}
END_TEST

/*
 * Refused, with the message.  Each is refused by OTP 25 too
 * (translate_scripts, re:run or file:consult's shape), but for the two
 * stricter checks named in appup.c.
 */
static const struct bad_case {
	const char *text;
	const char *msg;
} bad[] = {
	/* The file */
	{ "", NAME ":1:1: expected {Vsn, [{UpFromVsn, Instructions}], "
	    "[{DownToVsn, Instructions}]}, got nothing" },
	{ "{\"2\", []}.", NAME ":1:1: expected {Vsn, [{UpFromVsn, "
	    "Instructions}], [{DownToVsn, Instructions}]}, got a tuple "
	    "{\"2\",[]}" },
	{ "\"2\".", NAME ":1:1: expected {Vsn, [{UpFromVsn, Instructions}], "
	    "[{DownToVsn, Instructions}]}, got a string \"2\"" },
	{ "{'2', [], []}.",
	    NAME ":1:2: version must be a string, got an atom '2'" },
	{ "{<<\"2\">>, [], []}.",
	    NAME ":1:2: version must be a string, got a binary <<\"2\">>" },
	{ "{\"2\", foo, []}.", NAME ":1:7: upgrade versions must be a list "
	    "of {UpFromVsn, Instructions}, got an atom 'foo'" },
	{ "{\"2\", [], [a|b]}.", NAME ":1:11: downgrade versions must be a "
	    "list of {DownToVsn, Instructions}, got an improper list [a|b]" },
	{ "{\"2\", [{\"1\"}], []}.", NAME ":1:8: expected {UpFromVsn, "
	    "Instructions}, got a tuple {\"1\"}" },
	{ "{\"2\", \"1\", []}.", NAME ":1:7: expected {UpFromVsn, "
	    "Instructions}, got an integer 49" },
	{ "{\"2\", [], [{\"1\", [], []}]}.", NAME ":1:12: expected "
	    "{DownToVsn, Instructions}, got a tuple {\"1\",[],[]}" },
	/* Version keys */
	{ "{\"2\", [], [{1, []}]}.", NAME ":1:13: version must be a string "
	    "or a binary (a regular expression), got an integer 1" },
	{ "{\"2\", [{'1.0', []}], []}.", NAME ":1:9: version must be a "
	    "string or a binary (a regular expression), got an atom '1.0'" },
	{ "{\"2\", [{[a], []}], []}.", NAME ":1:9: version must be a "
	    "string or a binary (a regular expression), got a list [a]" },
	{ "{\"2\", [{<<1:3>>, []}], []}.", NAME ":1:9: version must be a "
	    "string or a binary (a regular expression), got a binary "
	    "<<1:3>>" },
	{ "{\"2\", [{<<\"(\">>, []}], []}.", NAME ":1:9: bad regular "
	    "expression: missing closing parenthesis (at offset 1)" },
	{ "{\"2\", [{<<\"1\">>, []}],\n [{<<\"1\">>, []}, {<<\"a{2,1}\">>, "
	    "[]}]}.", NAME ":2:19: bad regular expression: numbers out of "
	    "order in {} quantifier (at offset 5)" },
	{ "{\"2\", [{<<255>>, []}], []}.", NAME ":1:9: bad regular "
	    "expression: UTF-8 error: illegal byte (0xfe or 0xff) "
	    "(at offset 0)" },
	/* Instructions */
	{ "{\"2\", [{\"1\", foo}], []}.",
	    NAME ":1:14: instructions must be a list, got an atom 'foo'" },
	{ "{\"2\", [{\"1\", [a|b]}], []}.", NAME ":1:14: instructions must be "
	    "a list, got an improper list [a|b]" },
	{ UP("{frobnicate, m}"),
	    NAME ":1:15: unknown appup instruction {frobnicate,m}" },
	{ UP("frobnicate"),
	    NAME ":1:15: unknown appup instruction 'frobnicate'" },
	{ UP("update"), NAME ":1:15: unknown appup instruction 'update'" },
	{ UP("1"), NAME ":1:15: unknown appup instruction 1" },
	{ UP("{}"), NAME ":1:15: unknown appup instruction {}" },
	{ UP("{1, 2}"), NAME ":1:15: unknown appup instruction {1,2}" },
	{ UP("{\"update\", m}"),
	    NAME ":1:15: unknown appup instruction {\"update\",m}" },
	{ UP("{frobnicate, \"0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789\"}"),
	    NAME ":1:15: unknown appup instruction {frobnicate,\"012345678901"
	    "23456789012345678901234567890123456789012345678..." },
	{ UP("{frobnicate, '\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9'}"),
	    NAME ":1:15: unknown appup instruction {frobnicate,'"
	    "\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9..." },
	{ UP("mnesia_backup"),
	    NAME ":1:15: mnesia_backup: not implemented in OTP" },
	{ UP("{point_of_no_return}"),
	    NAME ":1:15: unknown appup instruction {point_of_no_return}" },
	/* update */
	{ UP("{update}"), NAME ":1:15: unknown appup instruction {update} "
	    "(update has 2, 3, 4, 6, 7 or 8 elements)" },
	{ UP("{update, m, soft, brutal_purge, []}"),
	    NAME ":1:15: unknown appup instruction "
	    "{update,m,soft,brutal_purge,[]} "
	    "(update has 2, 3, 4, 6, 7 or 8 elements)" },
	{ UP("{update, m, static, default, soft, brutal_purge, brutal_purge, "
	    "[], x}"), NAME ":1:15: unknown appup instruction "
	    "{update,m,static,default,soft,brutal_purge,brutal_purge,[],x} "
	    "(update has 2, 3, 4, 6, 7 or 8 elements)" },
	{ UP("{update, \"m\"}"), NAME ":1:24: update: module must be an "
	    "atom, got a string \"m\"" },
	{ UP("{update, {m}, soft}"), NAME ":1:24: update: module must be an "
	    "atom, got a tuple {m}" },
	{ UP("{update, m, hard}"), NAME ":1:27: update: expected soft, "
	    "supervisor, {advanced, Extra} or a list of modules, got an "
	    "atom 'hard'" },
	{ UP("{update, m, 5}"), NAME ":1:27: update: expected soft, "
	    "supervisor, {advanced, Extra} or a list of modules, got an "
	    "integer 5" },
	{ UP("{update, m, {simple, []}}"), NAME ":1:27: update: change "
	    "must be soft or {advanced, Extra}, got a tuple {simple,[]}" },
	{ UP("{update, m, {advanced, a, b}}"), NAME ":1:27: update: change "
	    "must be soft or {advanced, Extra}, got a tuple {advanced,a,b}" },
	{ UP("{update, m, [n, \"o\"]}, {load_module, n}"), NAME ":1:31: "
	    "update: module must be an atom, got a string \"o\"" },
	{ UP("{update, m, [n|o]}"), NAME ":1:27: update: expected a list of "
	    "modules, got an improper list [n|o]" },
	{ UP("{update, m, \"ab\"}"), NAME ":1:27: update: module must be an "
	    "atom, got an integer 97" },
	{ UP("{update, m, hard, []}"), NAME ":1:27: update: change must be "
	    "soft or {advanced, Extra}, got an atom 'hard'" },
	{ UP("{update, m, soft, n}"), NAME ":1:33: update: expected a list "
	    "of modules, got an atom 'n'" },
	{ UP("{update, m, soft, hard_purge, brutal_purge, []}"),
	    NAME ":1:33: update: purge method must be soft_purge or "
	    "brutal_purge, got an atom 'hard_purge'" },
	{ UP("{update, m, soft, brutal_purge, \"soft_purge\", []}"),
	    NAME ":1:47: update: purge method must be soft_purge or "
	    "brutal_purge, got a string \"soft_purge\"" },
	{ UP("{update, m, soft, brutal_purge, brutal_purge, {}}"),
	    NAME ":1:61: update: expected a list of modules, got a tuple {}" },
	{ UP("{update, m, 0, soft, brutal_purge, brutal_purge, []}"),
	    NAME ":1:27: update: timeout must be default, infinity or an "
	    "integer > 0, got an integer 0" },
	{ UP("{update, m, -5, soft, brutal_purge, brutal_purge, []}"),
	    NAME ":1:27: update: timeout must be default, infinity or an "
	    "integer > 0, got an integer -5" },
	{ UP("{update, m, -100000000000000000000, soft, brutal_purge, "
	    "brutal_purge, []}"),
	    NAME ":1:27: update: timeout must be default, infinity or an "
	    "integer > 0, got an integer -100000000000000000000" },
	{ UP("{update, m, 1.5, soft, brutal_purge, brutal_purge, []}"),
	    NAME ":1:27: update: timeout must be default, infinity or an "
	    "integer > 0, got a float 1.5" },
	{ UP("{update, m, 10, hard, brutal_purge, brutal_purge, []}"),
	    NAME ":1:31: update: change must be soft or {advanced, Extra}, "
	    "got an atom 'hard'" },
	{ UP("{update, m, static, never, soft, brutal_purge, brutal_purge, "
	    "[]}"), NAME ":1:35: update: timeout must be default, infinity "
	    "or an integer > 0, got an atom 'never'" },
	{ UP("{update, m, shared, default, soft, brutal_purge, brutal_purge, "
	    "[]}"), NAME ":1:27: update: module type must be static or "
	    "dynamic, got an atom 'shared'" },
	/* load_module, add_module, delete_module */
	{ UP("{load_module, 1}"), NAME ":1:29: load_module: module must be "
	    "an atom, got an integer 1" },
	{ UP("{load_module, m, n}"), NAME ":1:32: load_module: expected a "
	    "list of modules, got an atom 'n'" },
	{ UP("{load_module, m, soft_purge, soft_purge}"),
	    NAME ":1:15: unknown appup instruction "
	    "{load_module,m,soft_purge,soft_purge} "
	    "(load_module has 2, 3 or 5 elements)" },
	{ UP("{load_module, m, soft_purge, purge, []}"), NAME ":1:44: "
	    "load_module: purge method must be soft_purge or brutal_purge, "
	    "got an atom 'purge'" },
	{ UP("{load_module, m, soft_purge, soft_purge, [\"n\"]}"),
	    NAME ":1:57: load_module: module must be an atom, got a string "
	    "\"n\"" },
	{ UP("{add_module}"), NAME ":1:15: unknown appup instruction "
	    "{add_module} (add_module has 2 or 3 elements)" },
	{ UP("{add_module, m, n}"), NAME ":1:31: add_module: expected a list "
	    "of modules, got an atom 'n'" },
	{ UP("{delete_module, \"m\"}"), NAME ":1:31: delete_module: module "
	    "must be an atom, got a string \"m\"" },
	{ UP("{delete_module, m, [], []}"), NAME ":1:15: unknown appup "
	    "instruction {delete_module,m,[],[]} "
	    "(delete_module has 2 or 3 elements)" },
	/* applications */
	{ UP("{add_application, \"y\"}"), NAME ":1:33: add_application: "
	    "application must be an atom, got a string \"y\"" },
	{ UP("{add_application, y, forever}"), NAME ":1:36: "
	    "add_application: start type must be permanent, transient, "
	    "temporary, load or none, got an atom 'forever'" },
	{ UP("{add_application, y, permanent, x}"), NAME ":1:15: unknown "
	    "appup instruction {add_application,y,permanent,x} "
	    "(add_application has 2 or 3 elements)" },
	{ UP("{remove_application, y, now}"), NAME ":1:15: unknown appup "
	    "instruction {remove_application,y,now} "
	    "(remove_application has 2 elements)" },
	{ UP("{remove_application, [y]}"), NAME ":1:36: remove_application: "
	    "application must be an atom, got a list [y]" },
	{ UP("{restart_application, 1}"), NAME ":1:37: restart_application: "
	    "application must be an atom, got an integer 1" },
	/* low-level */
	{ UP("{load_object_code, {x, \"2\"}}"), NAME ":1:34: "
	    "load_object_code: expected {Application, Version, [Module]}, "
	    "got a tuple {x,\"2\"}" },
	{ UP("{load_object_code, x, \"2\", []}"), NAME ":1:15: unknown appup "
	    "instruction {load_object_code,x,\"2\",[]} "
	    "(load_object_code has 2 elements)" },
	{ UP("{load_object_code, {\"x\", \"2\", []}}"), NAME ":1:35: "
	    "load_object_code: application must be an atom, got a string "
	    "\"x\"" },
	{ UP("{load_object_code, {x, '2', []}}"), NAME ":1:38: "
	    "load_object_code: version must be a string, got an atom '2'" },
	{ UP("{load_object_code, {x, [a], []}}"), NAME ":1:38: "
	    "load_object_code: version must be a string, got a list [a]" },
	{ UP("{load_object_code, {x, \"2\", m}}"), NAME ":1:43: "
	    "load_object_code: expected a list of modules, got an atom 'm'" },
	{ UP("{load, m}"), NAME ":1:22: load: expected {Module, PrePurge, "
	    "PostPurge}, got an atom 'm'" },
	{ UP("{load, {1, soft_purge, soft_purge}}"), NAME ":1:23: load: "
	    "module must be an atom, got an integer 1" },
	{ UP("{remove, {m, soft_purge, hard}}"), NAME ":1:40: remove: purge "
	    "method must be soft_purge or brutal_purge, got an atom 'hard'" },
	{ UP("{remove, {m, soft, brutal_purge}}"), NAME ":1:28: remove: purge "
	    "method must be soft_purge or brutal_purge, got an atom 'soft'" },
	{ UP("{purge, m}"), NAME ":1:23: purge: expected a list of modules, "
	    "got an atom 'm'" },
	{ UP("{purge, [m], [n]}"), NAME ":1:15: unknown appup instruction "
	    "{purge,[m],[n]} (purge has 2 elements)" },
	{ UP("{suspend, [{m, 0}]}, {resume, [m]}"), NAME ":1:30: suspend: "
	    "timeout must be default, infinity or an integer > 0, got an "
	    "integer 0" },
	{ UP("{suspend, [{m, 1, 2}]}"), NAME ":1:26: suspend: module must be "
	    "an atom, got a tuple {m,1,2}" },
	{ UP("{suspend, [{\"m\", 1}]}"), NAME ":1:27: suspend: module must be "
	    "an atom, got a string \"m\"" },
	{ UP("{suspend, m}"), NAME ":1:25: suspend: expected a list of "
	    "modules, got an atom 'm'" },
	{ UP("{resume, [1]}"), NAME ":1:25: resume: module must be an atom, "
	    "got an integer 1" },
	{ UP("{code_change, [m]}"), NAME ":1:30: code_change: expected "
	    "{Module, Extra}, got an atom 'm'" },
	{ UP("{code_change, [{1, x}]}"), NAME ":1:31: code_change: module "
	    "must be an atom, got an integer 1" },
	{ UP("{code_change, {m, x}}"), NAME ":1:29: code_change: expected a "
	    "list of {Module, Extra}, got a tuple {m,x}" },
	{ UP("{code_change, sideways, [{m, x}]}"), NAME ":1:29: code_change: "
	    "mode must be up or down, got an atom 'sideways'" },
	{ UP("{code_change, up, {m, x}}"), NAME ":1:33: code_change: expected "
	    "a list of {Module, Extra}, got a tuple {m,x}" },
	{ UP("{code_change, up, [{m, x}], x}"), NAME ":1:15: unknown appup "
	    "instruction {code_change,up,[{m,x}],x} "
	    "(code_change has 2 or 3 elements)" },
	{ UP("{stop, [m, 2]}"), NAME ":1:26: stop: module must be an atom, "
	    "got an integer 2" },
	{ UP("{start, m}"), NAME ":1:23: start: expected a list of modules, "
	    "got an atom 'm'" },
	{ UP("{sync_nodes, id, [a@h, \"b@h\"]}"), NAME ":1:38: sync_nodes: "
	    "node must be an atom, got a string \"b@h\"" },
	{ UP("{sync_nodes, id, node}"), NAME ":1:32: sync_nodes: expected a "
	    "list of nodes or {Module, Function, Arguments}, got an atom "
	    "'node'" },
	{ UP("{sync_nodes, id, {m, f}}"), NAME ":1:32: sync_nodes: expected "
	    "a list of nodes or {Module, Function, Arguments}, got a tuple "
	    "{m,f}" },
	{ UP("{sync_nodes, id, {m, \"f\", []}}"), NAME ":1:36: sync_nodes: "
	    "function must be an atom, got a string \"f\"" },
	{ UP("{sync_nodes, id, {m, f, a}}"), NAME ":1:39: sync_nodes: "
	    "arguments must be a list, got an atom 'a'" },
	{ UP("{sync_nodes, id}"), NAME ":1:15: unknown appup instruction "
	    "{sync_nodes,id} (sync_nodes has 3 elements)" },
	{ UP("{apply, {m, f}}"), NAME ":1:23: apply: expected {Module, "
	    "Function, Arguments}, got a tuple {m,f}" },
	{ UP("{apply, {\"m\", f, []}}"), NAME ":1:24: apply: module must be "
	    "an atom, got a string \"m\"" },
	{ UP("{apply, {m, 1, []}}"), NAME ":1:27: apply: function must be an "
	    "atom, got an integer 1" },
	/* Stricter than systools_rc, which lets these through. */
	{ UP("{apply, {m, f, [a|b]}}"), NAME ":1:30: apply: arguments must "
	    "be a list, got an improper list [a|b]" },
	{ UP("{apply, {m, f, x}}"), NAME ":1:30: apply: arguments must be a "
	    "list, got an atom 'x'" },
	/* Nested lists */
	{ UP("[{load_module, m}]"), NAME ":1:16: unknown appup instruction "
	    "{load_module,m} (a high-level instruction cannot be in a nested "
	    "list)" },
	{ UP("[{load_module, m, []}]"), NAME ":1:16: unknown appup "
	    "instruction {load_module,m,[]} (a high-level instruction cannot "
	    "be in a nested list)" },
	{ UP("[{update, m}]"), NAME ":1:16: unknown appup instruction "
	    "{update,m} (a high-level instruction cannot be in a nested "
	    "list)" },
	{ UP("[point_of_no_return, {update, m, soft, []}]"), NAME ":1:36: "
	    "unknown appup instruction {update,m,soft,[]} (a high-level "
	    "instruction cannot be in a nested list)" },
	{ UP("[{add_application, y}]"), NAME ":1:16: unknown appup "
	    "instruction {add_application,y} (a high-level instruction "
	    "cannot be in a nested list)" },
	{ UP("[{add_module, \"m\"}]"), NAME ":1:29: add_module: module must "
	    "be an atom, got a string \"m\"" },
	{ UP("[a|b]"), NAME ":1:15: a nested list of instructions must be a "
	    "proper list, got an improper list [a|b]" },
	{ UP("[[]]"), NAME ":1:16: unknown appup instruction []" },
	{ UP("\"ab\""), NAME ":1:15: unknown appup instruction 97" },
	{ "{\"2\", [{\"1\", \"ab\"}], []}.",
	    NAME ":1:14: unknown appup instruction 97" },
	/* The script as a whole */
	{ UP("point_of_no_return,\n point_of_no_return"), NAME ":2:2: more "
	    "than one point_of_no_return (the first is on line 1)" },
	{ UP("[point_of_no_return], point_of_no_return"), NAME ":1:37: more "
	    "than one point_of_no_return (the first is on line 1)" },
	{ UP("{apply, {m, f, []}}, {load_module, m}, point_of_no_return"),
	    NAME ":1:36: only load_object_code and apply can come before "
	    "point_of_no_return, got {load_module,m}" },
	{ UP("{load_object_code, {x, \"2\", [n]}}, point_of_no_return, "
	    "{load, {m, brutal_purge, brutal_purge}}"), NAME ":1:78: load: "
	    "module 'm' is in no load_object_code instruction" },
	{ UP("{suspend, [m, n]}, {resume, [m]}"), NAME ":1:29: suspend: "
	    "module 'n' is never resumed" },
	{ UP("{suspend, [{m, 5}]}, {resume, [m, n]}"), NAME ":1:49: resume: "
	    "module 'n' is never suspended" },
	{ UP("{start, [m]}"), NAME ":1:24: start: module 'm' is never "
	    "stopped" },
	{ UP("{stop, [m]}, {start, []}"), NAME ":1:23: stop: module 'm' is "
	    "never started" },
	{ UP("{update, m},\n {load_module, m}"), NAME ":2:16: load_module: "
	    "module 'm' already has an instruction on line 1" },
	{ UP("{add_module, m}, [{delete_module, m}]"), NAME ":1:49: "
	    "delete_module: module 'm' already has an instruction on line 1" },
	{ UP("{update, m, [n]}"), NAME ":1:28: update: module 'm' depends on "
	    "'n', which has no update, load_module, add_module or "
	    "delete_module instruction" },
	{ UP("{load_module, m, soft_purge, soft_purge, [n]}, "
	    "{update, n, [o]}"), NAME ":1:75: update: module 'n' depends on "
	    "'o', which has no update, load_module, add_module or "
	    "delete_module instruction" },
	{ UP("{load_object_code, {x, \"2\", [m]}}, "
	    "{load_object_code, {y, \"1\", []}},\n"
	    " {load_object_code, {x, \"3\", [n]}}"), NAME ":2:25: "
	    "load_object_code: version \"3\" of application 'x' conflicts "
	    "with version \"2\" on line 1" },
	/* In a downgrade, after good entries holding regexes. */
	{ "{\"2\", [{<<\"1\">>, []}],\n"
	    " [{<<\"1\">>, []}, {\"0\", [{update, m, soft, brutal_purge, "
	    "brutal_purge, [], x, y, z}]}]}.", NAME ":2:25: unknown appup "
	    "instruction {update,m,soft,brutal_purge,brutal_purge,[],x,y,z} "
	    "(update has 2, 3, 4, 6, 7 or 8 elements)" },
	{ "{\"2\", [{<<\"1\">>, []}],\n [{\"0\", [{update, m, 2, soft, "
	    "brutal_purge, brutal_purge, x}]}]}.", NAME ":2:59: update: "
	    "expected a list of modules, got an atom 'x'" },
};

START_TEST(test_bad)
{
	const struct bad_case *t = &bad[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_appup a;

	erlrc_appup_init(&a);
	ck_assert_msg(erlrc_appup_parse(&a, NAME, t->text, strlen(t->text),
	    &err) == -1, "case %d accepted", _i);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, t->msg);
	erlrc_appup_destroy(&a);
}
END_TEST

/*
 * erlrc_appup_find: the entry index wanted, -1 for none.  Each regex
 * case was checked with systools_relup:appup_search_for_version/2.
 */
static const struct find_case {
	const char *entries;	/* the upgrade list, the downgrade list */
	const char *vsn;
	int want;
} finds[] = {
	{ "[{\"1.0\", []}]", "1.0", 0 },
	{ "[{\"1.0\", []}]", "1.0.1", -1 },
	{ "[{\"1.0\", []}]", "1", -1 },
	{ "[{\"1.0\", []}]", "", -1 },
	{ "[{\"\", []}]", "", 0 },
	{ "[]", "1.0", -1 },
	{ "[{[49, 46, 48], []}]", "1.0", 0 },
	{ "[{\"1.0\", []}, {\"1.0\", []}]", "1.0", 0 },
	{ "[{\"1.1\", []}, {\"1.0\", []}]", "1.0", 1 },
	/* The first match, unanchored, must be the whole version. */
	{ "[{<<\"1|1\\\\.0\">>, []}]", "1.0", -1 },
	{ "[{<<\"1\\\\.0|1\">>, []}]", "1.0", 0 },
	{ "[{<<\"1|1\\\\.0\">>, []}]", "1", 0 },
	{ "[{<<\"^1\">>, []}]", "1.0", -1 },
	{ "[{<<\"1.*\">>, []}]", "1.0", 0 },
	{ "[{<<\"1\\\\.0$\">>, []}]", "21.0", -1 },
	{ "[{<<\"a*b\">>, []}]", "xab", -1 },
	{ "[{<<\"a*b\">>, []}]", "ab", 0 },
	{ "[{<<\"a*\">>, []}]", "b", -1 },
	{ "[{<<\"a*\">>, []}]", "", 0 },
	{ "[{<<>>, []}]", "", 0 },
	{ "[{<<>>, []}]", "1", -1 },
	{ "[{<<\"(?=1\\\\.0)1|1\\\\.0\">>, []}]", "1.0", -1 },
	{ "[{<<\"1(?:\\\\.0)??\">>, []}]", "1.0", -1 },
	{ "[{<<\"1(?:\\\\.0)?\">>, []}]", "1.0", 0 },
	{ "[{<<\"1\\\\K\\\\.0\">>, []}]", "1.0", -1 },
	{ "[{<<\"(1)(\\\\.0)\">>, []}]", "1.0", 0 },
	/* A character is a code point, not a byte. */
	{ "[{<<\"^.$\">>, []}]", "\xc3\xa9", 0 },
	{ "[{<<\"\xc3\xa9\"/utf8>>, []}]", "\xc3\xa9", 0 },
	{ "[{<<\"^.$\">>, []}]", "\xc3", -1 },
	/* Entries in order: the first that matches wins. */
	{ "[{<<\"1\\\\..*\">>, []}, {\"1.0\", []}]", "1.0", 0 },
	{ "[{\"1.1\", []}, {<<\"1\\\\.[0-9]\">>, []}]", "1.1", 0 },
	{ "[{\"1.1\", []}, {<<\"1\\\\.[0-9]\">>, []}]", "1.2", 1 },
	{ "[{<<\"2.*\">>, []}, {<<\"1.*\">>, []}, {<<\"1\\\\.2\">>, []}]",
	    "1.2", 1 },
	{ "[{<<\"2.*\">>, []}, {<<\"1.*\">>, []}]", "3", -1 },
};

START_TEST(test_find)
{
	const struct find_case *t = &finds[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_appup a;
	const struct erlrc_appup_entry *e;
	char *text;

	/* The upgrade list, and a downgrade list that must not be used. */
	text = erlrc_xasprintf("{\"9\", %s, [{<<\".*\">>, []}]}.", t->entries);
	erlrc_appup_init(&a);
	ck_assert_msg(erlrc_appup_parse(&a, NAME, text, strlen(text),
	    &err) == 0, "case %d: %s", _i, err.msg);
	e = erlrc_appup_find(&a, 1, t->vsn);
	ck_assert_int_eq(e ? (int)(e - a.up) : -1, t->want);
	erlrc_appup_destroy(&a);
	free(text);

	/* The same as the downgrade list. */
	text = erlrc_xasprintf("{\"9\", [{<<\".*\">>, []}], %s}.", t->entries);
	erlrc_appup_init(&a);
	ck_assert_msg(erlrc_appup_parse(&a, NAME, text, strlen(text),
	    &err) == 0, "case %d: %s", _i, err.msg);
	e = erlrc_appup_find(&a, 0, t->vsn);
	ck_assert_int_eq(e ? (int)(e - a.down) : -1, t->want);
	erlrc_appup_destroy(&a);
	free(text);
}
END_TEST

/* The entry found hands over its instructions. */
START_TEST(test_find_instructions)
{
	static const char text[] = "{\"2\", [{\"1\", [{load_module, m}]}],\n"
	    "[{\"1\", [{update, m}, {update, n}]}]}.";
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf b = ERLRC_BUF_INIT;
	struct erlrc_appup a;
	const struct erlrc_appup_entry *e;

	erlrc_appup_init(&a);
	ck_assert_int_eq(erlrc_appup_parse(&a, NAME, text, strlen(text),
	    &err), 0);
	e = erlrc_appup_find(&a, 1, "1");
	ck_assert_ptr_nonnull(e);
	erlrc_term_write(&b, e->instructions);
	ck_assert_str_eq(erlrc_buf_str(&b), "[{load_module,m}]");
	e = erlrc_appup_find(&a, 0, "1");
	ck_assert_ptr_nonnull(e);
	erlrc_buf_reset(&b);
	erlrc_term_write(&b, e->instructions);
	ck_assert_str_eq(erlrc_buf_str(&b), "[{update,m},{update,n}]");
	ck_assert_uint_eq(e->key->line, 2);
	ck_assert_ptr_null(erlrc_appup_find(&a, 0, "2"));
	erlrc_buf_destroy(&b);
	erlrc_appup_destroy(&a);
}
END_TEST

/* Instructions built in memory, as erlrc-makeappup has them. */
START_TEST(test_check_instructions)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_termfile tf;
	struct erlrc_term *list, *t;

	erlrc_termfile_init(&tf);
	list = erlrc_term_new_seq(&tf, ERLRC_TERM_LIST, 2);
	t = erlrc_term_new_seq(&tf, ERLRC_TERM_TUPLE, 2);
	t->u.seq.v[0] = erlrc_term_new_atom(&tf, "load_module");
	t->u.seq.v[1] = erlrc_term_new_atom(&tf, "m");
	list->u.seq.v[0] = t;
	t = erlrc_term_new_seq(&tf, ERLRC_TERM_TUPLE, 3);
	t->u.seq.v[0] = erlrc_term_new_atom(&tf, "update");
	t->u.seq.v[1] = erlrc_term_new_atom(&tf, "n");
	t->u.seq.v[2] = erlrc_term_new_seq(&tf, ERLRC_TERM_LIST, 1);
	t->u.seq.v[2]->u.seq.v[0] = erlrc_term_new_atom(&tf, "m");
	list->u.seq.v[1] = t;
	ck_assert_int_eq(erlrc_appup_check_instructions(&tf, list, &err), 0);
	t->u.seq.v[2]->u.seq.v[0] = erlrc_term_new_atom(&tf, "o");
	ck_assert_int_eq(erlrc_appup_check_instructions(&tf, list, &err), -1);
	ck_assert_str_eq(err.msg, "-:0:0: update: module 'n' depends on 'o', "
	    "which has no update, load_module, add_module or delete_module "
	    "instruction");
	erlrc_termfile_destroy(&tf);
}
END_TEST

START_TEST(test_read_file)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_appup a;
	const struct erlrc_appup_entry *e;
	char *got;

	erlrc_appup_init(&a);
	ck_assert_msg(erlrc_appup_read(&a, ERLRC_TEST_DATA
	    "/appup/myapp.appup", &err) == 0, "%s", err.msg);
	got = dump(&a);
	ck_assert_str_eq(got, "2.0 up=[1.1:2,~1\\.0(\\.[0-9]+)*:1] "
	    "down=[1.1:2,~1\\.0(\\.[0-9]+)*:1]");
	free(got);
	e = erlrc_appup_find(&a, 1, "1.0.3");
	ck_assert_ptr_eq(e, &a.up[1]);
	ck_assert_ptr_null(erlrc_appup_find(&a, 1, "1.0."));
	ck_assert_ptr_eq(erlrc_appup_find(&a, 0, "1.1"), &a.down[0]);
	erlrc_appup_destroy(&a);
}
END_TEST

START_TEST(test_read_bad_file)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_appup a;

	erlrc_appup_init(&a);
	ck_assert_int_eq(erlrc_appup_read(&a, ERLRC_TEST_DATA
	    "/appup/purge.appup", &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, ERLRC_TEST_DATA "/appup/purge.appup:5:25: "
	    "load_module: purge method must be soft_purge or brutal_purge, "
	    "got an atom 'hard_purge'");
	erlrc_appup_destroy(&a);
}
END_TEST

START_TEST(test_read_missing)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_appup a;

	erlrc_appup_init(&a);
	ck_assert_int_eq(erlrc_appup_read(&a, ERLRC_TEST_DATA
	    "/appup/missing.appup", &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	erlrc_appup_destroy(&a);
}
END_TEST

/* OTP's own stdlib.appup: versions by regular expression. */
START_TEST(test_stdlib_appup)
{
	static const struct {
		const char *vsn;
		int up;		/* index in the upgrade list, or -1 */
	} cases[] = {
		{ "3.13", 0 },
		{ "3.13.0", -1 },
		{ "3.13.0.1", 1 },
		{ "3.13.2.1.1", 3 },
		{ "3.16.2", -1 },
		{ "4.1.1", 24 },
		{ "4.1.1.7", 24 },
		{ "4.2", -1 },
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_appup a;
	const struct erlrc_appup_entry *e;
	size_t i;

	erlrc_appup_init(&a);
	ck_assert_msg(erlrc_appup_read(&a, ERLRC_TEST_DATA
	    "/appup/stdlib-4.2.appup", &err) == 0, "%s", err.msg);
	ck_assert_str_eq(a.vsn, "4.2");
	ck_assert_uint_eq(a.nup, 25);
	ck_assert_uint_eq(a.ndown, 25);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		e = erlrc_appup_find(&a, 1, cases[i].vsn);
		ck_assert_msg((e ? (int)(e - a.up) : -1) == cases[i].up,
		    "%s: got %d", cases[i].vsn, e ? (int)(e - a.up) : -1);
		e = erlrc_appup_find(&a, 0, cases[i].vsn);
		ck_assert_int_eq(e ? (int)(e - a.down) : -1, cases[i].up);
	}
	erlrc_appup_destroy(&a);
}
END_TEST

/* Every .appup that ships with the installed OTP is accepted. */
START_TEST(test_otp_appups)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_appup a;
	size_t i, n = 0;
	glob_t g;

	ck_assert_int_eq(glob("/usr/lib/erlang/lib/*/ebin/*.appup", 0, NULL,
	    &g), 0);
	ck_assert_uint_gt(g.gl_pathc, 10);
	for (i = 0; i < g.gl_pathc; i++) {
		erlrc_appup_init(&a);
		ck_assert_msg(erlrc_appup_read(&a, g.gl_pathv[i], &err) == 0,
		    "%s", err.msg);
		n += a.nup + a.ndown;
		erlrc_appup_destroy(&a);
	}
	/* OTP 25 has 205 entries: every one of them was checked. */
	ck_assert_uint_gt(n, 100);
	globfree(&g);
}
END_TEST

Suite *
erlrc_test_appup_suite(void)
{
	Suite *s = suite_create("appup");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_good, 0, sizeof(good) / sizeof(good[0]));
	tcase_add_loop_test(tc, test_bad, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_check_instructions);
	suite_add_tcase(s, tc);

	tc = tcase_create("find");
	tcase_add_loop_test(tc, test_find, 0,
	    sizeof(finds) / sizeof(finds[0]));
	tcase_add_test(tc, test_find_instructions);
	suite_add_tcase(s, tc);

	tc = tcase_create("read");
	tcase_add_test(tc, test_read_file);
	tcase_add_test(tc, test_read_bad_file);
	tcase_add_test(tc, test_read_missing);
	tcase_add_test(tc, test_stdlib_appup);
	tcase_add_test(tc, test_otp_appups);
	suite_add_tcase(s, tc);
	return s;
}
