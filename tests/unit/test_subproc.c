/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_subproc.c - unit tests of subproc.c: running another program */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <erlrc/buf.h>
#include <erlrc/error.h>
#include <erlrc/subproc.h>
#include <erlrc/xalloc.h>

#include "scratch.h"
#include "suites.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ARGS 4
#define MAX_ENV 3

/*
 * Each case runs with FOO=a and FOOBAR=keep in the environment and no X,
 * so that ENV can be seen replacing, adding and leaving alone.
 */
static const struct run_case {
	const char *argv[MAX_ARGS + 1];
	const char *env[MAX_ENV + 1];
	int no_env;		/* pass NULL, not an empty list */
	int ret;
	enum erlrc_errcode code;
	const char *msg;
} run_cases[] = {
	{ { "true" }, { NULL }, 1, 0, ERLRC_ERR_NONE, "" },
	{ { "true" }, { NULL }, 0, 0, ERLRC_ERR_NONE, "" },
	{ { "false" }, { NULL }, 1, -1, ERLRC_ERR_FAILED,
	    "false exited with status 1" },
	{ { "sh", "-c", "exit 7" }, { NULL }, 1, -1, ERLRC_ERR_FAILED,
	    "sh exited with status 7" },
	{ { "sh", "-c", "echo oops >&2; exit 3" }, { NULL }, 1, -1,
	    ERLRC_ERR_FAILED, "sh exited with status 3: oops" },
	/* lines joined by spaces, the blank ones at the end dropped */
	{ { "sh", "-c", "printf 'one\\ntwo\\n\\n\\n' >&2; exit 1" }, { NULL },
	    1, -1, ERLRC_ERR_FAILED, "sh exited with status 1: one two" },
	/* a warning on success is no failure */
	{ { "sh", "-c", "echo warning >&2" }, { NULL }, 1, 0, ERLRC_ERR_NONE,
	    "" },
	{ { "sh", "-c", "kill -TERM $$" }, { NULL }, 1, -1, ERLRC_ERR_FAILED,
	    "sh was killed by signal 15" },
	{ { "sh", "-c", "echo dying >&2; kill -KILL $$" }, { NULL }, 1, -1,
	    ERLRC_ERR_FAILED, "sh was killed by signal 9: dying" },
	/* the arguments are passed as they are, no shell between */
	{ { "sh", "-c", "test \"$0\" = 'a b;c' && test \"$1\" = '$X'",
	    "a b;c", "$X" }, { NULL }, 1, 0, ERLRC_ERR_NONE, "" },
	/* stdin is /dev/null: no waiting for it (see test_std_streams) */
	{ { "cat" }, { NULL }, 1, 0, ERLRC_ERR_NONE, "" },
	/* the environment */
	{ { "sh", "-c", "test \"$FOO\" = a && test -z \"${X+set}\"" },
	    { NULL }, 1, 0, ERLRC_ERR_NONE, "" },
	{ { "sh", "-c", "test \"$X\" = y" }, { "X=y" }, 0, 0, ERLRC_ERR_NONE,
	    "" },
	{ { "sh", "-c", "test \"$X\" = y" }, { NULL }, 1, -1,
	    ERLRC_ERR_FAILED, "sh exited with status 1" },
	{ { "sh", "-c", "test \"$FOO\" = b && test \"$FOOBAR\" = keep" },
	    { "FOO=b" }, 0, 0, ERLRC_ERR_NONE, "" },
	/* replaced, not added: sh keeps one of two, /proc shows both */
	{ { "sh", "-c", "test \"$(grep -zc ^FOO= /proc/$$/environ)\" = 1 && "
	    "grep -qzx FOO=b /proc/$$/environ" }, { "FOO=b" }, 0, 0,
	    ERLRC_ERR_NONE, "" },
	{ { "sh", "-c", "test \"$(grep -zc ^FOO /proc/$$/environ)\" = 3" },
	    { "FOO=b", "FOO_X=1" }, 0, 0, ERLRC_ERR_NONE, "" },
	/* a name that is a prefix of another replaces neither */
	{ { "sh", "-c", "test \"$FOO\" = a && test \"$FO\" = z && "
	    "test \"$FOOBAR\" = keep" }, { "FO=z" }, 0, 0, ERLRC_ERR_NONE,
	    "" },
	{ { "sh", "-c", "test \"$FOO\" = 1 && test \"$X\" = 2 && "
	    "test \"$FOOBAR\" = 3" }, { "FOO=1", "X=2", "FOOBAR=3" }, 0, 0,
	    ERLRC_ERR_NONE, "" },
	{ { "sh", "-c", "test \"${FOO+set}\" = set && test -z \"$FOO\"" },
	    { "FOO=" }, 0, 0, ERLRC_ERR_NONE, "" },
};

START_TEST(test_run)
{
	const struct run_case *t = &run_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;

	ck_assert_int_eq(setenv("FOO", "a", 1), 0);
	ck_assert_int_eq(setenv("FOOBAR", "keep", 1), 0);
	ck_assert_int_eq(unsetenv("X"), 0);
	ck_assert_int_eq(unsetenv("FO"), 0);
	ck_assert_int_eq(erlrc_subproc_run(t->argv, t->no_env ? NULL : t->env,
	    &err), t->ret);
	ck_assert_str_eq(err.msg, t->msg);
	ck_assert_int_eq(err.code, t->code);
	/* the caller's environment is left alone */
	ck_assert_str_eq(getenv("FOO"), "a");
	ck_assert_ptr_null(getenv("X"));
}
END_TEST

/* What cannot be run at all: could not try, not failed. */
static const struct cannot_case {
	const char *prog;	/* "@" + a name: in the scratch directory */
	const char *why;
} cannot_cases[] = {
	{ "erlrc-no-such-program", "No such file or directory" },
	{ "/nonexistent/erlrc-prog", "No such file or directory" },
	{ "@not-executable", "Permission denied" },
	{ "@", "Permission denied" },	/* a directory */
};

START_TEST(test_cannot_run)
{
	const struct cannot_case *t = &cannot_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const char *argv[2] = { NULL, NULL };
	char *prog, *want;
	int fd;

	if (t->prog[0] == '@') {
		prog = erlrc_xasprintf("%s/%s", erlrc_scratch_top,
		    t->prog + 1);
		if (t->prog[1]) {
			fd = open(prog, O_WRONLY | O_CREAT | O_EXCL, 0644);
			ck_assert_int_ge(fd, 0);
			ck_assert_int_eq(write(fd, "#!/bin/sh\n", 10), 10);
			ck_assert_int_eq(close(fd), 0);
		}
	} else {
		prog = erlrc_xstrdup(t->prog);
	}
	argv[0] = prog;
	ck_assert_int_eq(erlrc_subproc_run(argv, NULL, &err), -1);
	want = erlrc_xasprintf("cannot run %s: %s", prog, t->why);
	ck_assert_str_eq(err.msg, want);
	/* could not try (exit status 2), not attempted and failed */
	ck_assert_int_ne(err.code, ERLRC_ERR_FAILED);
	ck_assert_int_ne(err.code, ERLRC_ERR_NONE);
	free(want);
	free(prog);
}
END_TEST

/* No such program: ERLRC_ERR_NOTFOUND, as erlrc_error_errno gives ENOENT. */
START_TEST(test_not_found_code)
{
	const char *argv[] = { "erlrc-no-such-program", NULL };
	struct erlrc_error err = ERLRC_ERROR_INIT;

	ck_assert_int_eq(erlrc_subproc_run(argv, NULL, &err), -1);
	ck_assert_msg(err.code == ERLRC_ERR_NOTFOUND, "code %d, not "
	    "ERLRC_ERR_NOTFOUND (%d) as subproc.h says: %s", (int)err.code,
	    (int)ERLRC_ERR_NOTFOUND, err.msg);
}
END_TEST

/* A flood on stderr: only its end, where the reason is, is quoted. */
START_TEST(test_long_stderr)
{
	const char *argv[] = { "sh", "-c", "head -c 200000 /dev/zero | "
	    "tr '\\0' x >&2; echo >&2; echo the reason >&2; exit 4", NULL };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const char *prefix = "sh exited with status 4: ", *end = " the reason";
	size_t len, plen = strlen(prefix), elen = strlen(end);

	ck_assert_int_eq(erlrc_subproc_run(argv, NULL, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_FAILED);
	/*
	 * About the last 1024 bytes, the newline as a space: one fewer
	 * when the cut fell after the final newline was read, so the
	 * length is bounded, not exact.
	 */
	len = strlen(err.msg);
	ck_assert_uint_le(len, plen + 1024);
	ck_assert_uint_ge(len, plen + 1000);
	ck_assert_msg(strncmp(err.msg, prefix, plen) == 0, "%s", err.msg);
	ck_assert_msg(strspn(err.msg + plen, "x") == len - plen - elen,
	    "%s", err.msg);
	ck_assert_str_eq(err.msg + len - elen, end);
}
END_TEST

/* Many lines, more than the buffer keeps, arriving in small writes. */
START_TEST(test_many_lines)
{
	const char *argv[] = { "sh", "-c", "i=0; while [ $i -lt 20000 ]; do "
	    "echo \"line $i\" >&2; i=$((i + 1)); done; exit 5", NULL };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const char *end = " line 19998 line 19999";
	size_t len;

	ck_assert_int_eq(erlrc_subproc_run(argv, NULL, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_FAILED);
	len = strlen(err.msg);
	ck_assert_uint_le(len, strlen("sh exited with status 5: ") + 1024);
	ck_assert_uint_gt(len, 1000);
	ck_assert_msg(strncmp(err.msg, "sh exited with status 5: ", 25) == 0,
	    "%s", err.msg);
	ck_assert_msg(len > strlen(end) && strcmp(err.msg + len - strlen(end),
	    end) == 0, "%s", err.msg);
	ck_assert_ptr_null(strstr(err.msg, "line 0 "));
}
END_TEST

/*
 * The program's stdin and stdout are /dev/null, not ours: with our stdin
 * a pipe holding a line, it reads nothing; with our stdout on a pipe,
 * nothing arrives there; and its stderr is kept, not passed on to ours.
 */
START_TEST(test_std_streams)
{
	const char *argv[] = { "sh", "-c", "read line && echo \"got $line\" "
	    ">&2 && exit 1; echo hi; echo hello >&2", NULL };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int in[2], out[2], errp[2], saved_in, saved_out, saved_err, rc;
	char buf[64];

	fflush(stdout);
	fflush(stderr);
	ck_assert_int_eq(pipe2(in, O_CLOEXEC), 0);
	ck_assert_int_eq(pipe2(out, O_CLOEXEC), 0);
	ck_assert_int_eq(pipe2(errp, O_CLOEXEC), 0);
	ck_assert_int_eq(write(in[1], "leak\n", 5), 5);
	close(in[1]);
	saved_in = dup(0);
	saved_out = dup(1);
	saved_err = dup(2);
	ck_assert_int_ge(saved_in, 0);
	ck_assert_int_ge(saved_out, 0);
	ck_assert_int_ge(saved_err, 0);
	ck_assert_int_eq(dup2(in[0], 0), 0);
	ck_assert_int_eq(dup2(out[1], 1), 1);
	ck_assert_int_eq(dup2(errp[1], 2), 2);
	rc = erlrc_subproc_run(argv, NULL, &err);
	ck_assert_int_eq(dup2(saved_in, 0), 0);
	ck_assert_int_eq(dup2(saved_out, 1), 1);
	ck_assert_int_eq(dup2(saved_err, 2), 2);
	close(saved_in);
	close(saved_out);
	close(saved_err);
	close(out[1]);
	close(errp[1]);
	ck_assert_msg(rc == 0, "%s", err.msg);
	/* the line is still there for us */
	ck_assert_int_eq(read(in[0], buf, sizeof(buf)), 5);
	close(in[0]);
	/* every writer is gone: end of file at once, or the bytes */
	ck_assert_int_eq(read(out[0], buf, sizeof(buf)), 0);
	ck_assert_int_eq(read(errp[0], buf, sizeof(buf)), 0);
	close(out[0]);
	close(errp[0]);
}
END_TEST

/* No descriptor of ours is left open, however many runs. */
START_TEST(test_no_fd_leak)
{
	const char *ok[] = { "true", NULL }, *bad[] = { "false", NULL };
	const char *gone[] = { "erlrc-no-such-program", NULL };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int before, after, i;

	before = dup(0);
	ck_assert_int_ge(before, 0);
	close(before);
	for (i = 0; i < 20; i++) {
		ck_assert_int_eq(erlrc_subproc_run(ok, NULL, &err), 0);
		ck_assert_int_eq(erlrc_subproc_run(bad, NULL, &err), -1);
		ck_assert_int_eq(erlrc_subproc_run(gone, NULL, &err), -1);
	}
	after = dup(0);
	ck_assert_int_eq(after, before);
	close(after);
}
END_TEST

/*
 * The output, and the directory the program runs in: the one asked for,
 * else ours, which stays ours; one that cannot be entered is named.
 */
START_TEST(test_output_dir)
{
	const char *pwd[] = { "sh", "-c", "pwd -P; echo oops >&2", NULL };
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	char *here = getcwd(NULL, 0), *top = realpath(erlrc_scratch_top, NULL);
	char *want, *gone;

	ck_assert_ptr_nonnull(here);
	ck_assert_ptr_nonnull(top);
	ck_assert_int_eq(erlrc_subproc_output(pwd, NULL, erlrc_scratch_top,
	    &out, &err), 0);
	want = erlrc_xasprintf("%s\n", top);
	ck_assert_str_eq(erlrc_buf_str(&out), want);
	free(want);
	erlrc_buf_reset(&out);
	ck_assert_int_eq(erlrc_subproc_output(pwd, NULL, NULL, &out, &err),
	    0);
	want = erlrc_xasprintf("%s\n", here);
	ck_assert_str_eq(erlrc_buf_str(&out), want);
	free(want);
	free(top);
	/* appended, not replaced */
	ck_assert_int_eq(erlrc_subproc_output(pwd, NULL, "/", &out, &err), 0);
	want = erlrc_xasprintf("%s\n/\n", here);
	ck_assert_str_eq(erlrc_buf_str(&out), want);
	free(want);
	gone = erlrc_xasprintf("%s/gone", erlrc_scratch_top);
	ck_assert_int_eq(erlrc_subproc_output(pwd, NULL, gone, &out, &err),
	    -1);
	want = erlrc_xasprintf("cannot run sh in '%s': No such file or "
	    "directory", gone);
	ck_assert_str_eq(err.msg, want);
	free(want);
	free(gone);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	/* ours is where it was */
	want = getcwd(NULL, 0);
	ck_assert_str_eq(want, here);
	free(want);
	free(here);
	erlrc_buf_destroy(&out);
}
END_TEST

Suite *
erlrc_test_subproc_suite(void)
{
	Suite *s = suite_create("subproc");
	TCase *tc = tcase_create("run");

	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_run, 0, COUNT(run_cases));
	tcase_add_loop_test(tc, test_cannot_run, 0, COUNT(cannot_cases));
	tcase_add_test(tc, test_not_found_code);
	tcase_add_test(tc, test_long_stderr);
	tcase_add_test(tc, test_many_lines);
	tcase_add_test(tc, test_std_streams);
	tcase_add_test(tc, test_no_fd_leak);
	tcase_add_test(tc, test_output_dir);
	suite_add_tcase(s, tc);
	return s;
}
