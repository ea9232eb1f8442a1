/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_nodeproc.c - unit tests of nodeproc.c: which command lines run as
 * a node */
#include <string.h>

#include <erlrc/nodeproc.h>

#include "suites.h"

/* ARGS with '|' for the NUL bytes of /proc/PID/cmdline; ends with one. */
static int
matches(const char *args, const char *alive, unsigned port, unsigned env)
{
	char buf[512];
	size_t i, n = strlen(args);

	ck_assert_uint_lt(n, sizeof(buf));
	for (i = 0; i < n; i++)
		buf[i] = args[i] == '|' ? '\0' : args[i];
	return erlrc_nodeproc_matches(buf, n, alive, port, env);
}

#define BEAM "/usr/lib/erlang/erts-13.1.5/bin/beam.smp|--|-root|" \
	"/usr/lib/erlang|-progname|erl|--|-home|/root|"

START_TEST(test_nodeproc_names)
{
	/* -sname and -name, with or without a host; the alive part only */
	ck_assert(matches(BEAM "--|-sname|n1|-noshell|", "n1", 4369, 0));
	ck_assert(matches(BEAM "--|-sname|n1@h|", "n1", 4369, 0));
	ck_assert(matches(BEAM "--|-name|n1@h.example.org|", "n1", 4369, 0));
	ck_assert(!matches(BEAM "--|-sname|n10|", "n1", 4369, 0));
	ck_assert(!matches(BEAM "--|-sname|n|", "n1", 4369, 0));
	ck_assert(!matches(BEAM "--|-noshell|", "n1", 4369, 0));
	/* a flag with no value, at the end, cut short */
	ck_assert(!matches(BEAM "--|-sname|", "n1", 4369, 0));
	ck_assert(!matches(BEAM "--|-sname|n1", "n1", 4369, 0));
	/* only beam processes: not erl_call, not a shell naming it */
	ck_assert(!matches("/usr/bin/erl_call|-sname|n1|", "n1", 4369, 0));
	ck_assert(!matches("bash|-c|erl -sname n1|", "n1", 4369, 0));
	ck_assert(matches("beam.smp|-sname|n1|", "n1", 4369, 0));
	ck_assert(!matches("", "n1", 4369, 0));
}
END_TEST

START_TEST(test_nodeproc_epmd_port)
{
	/* erlexec passes ERL_EPMD_PORT on as -epmd_port */
	ck_assert(matches(BEAM "-epmd_port|4400|--|-sname|n1|", "n1", 4400, 0));
	ck_assert(!matches(BEAM "-epmd_port|4400|--|-sname|n1|", "n1", 4369,
	    0));
	/* else the environment's, else 4369 */
	ck_assert(matches(BEAM "--|-sname|n1|", "n1", 4400, 4400));
	ck_assert(!matches(BEAM "--|-sname|n1|", "n1", 4400, 4401));
	ck_assert(!matches(BEAM "--|-sname|n1|", "n1", 4400, 0));
	/* a port that cannot be read: it may be ours */
	ck_assert(matches(BEAM "-epmd_port|x|--|-sname|n1|", "n1", 4400, 0));
}
END_TEST

Suite *
erlrc_test_nodeproc_suite(void)
{
	Suite *s = suite_create("nodeproc");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_nodeproc_names);
	tcase_add_test(tc, test_nodeproc_epmd_port);
	suite_add_tcase(s, tc);
	return s;
}
