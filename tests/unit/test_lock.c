/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_lock.c - unit tests of lock.c */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <erlrc/lock.h>
#include <erlrc/xalloc.h>

#include "scratch.h"
#include "suites.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A lock file in directories that do not exist yet (new string). */
static char *
new_lock_path(void)
{
	return erlrc_xpathjoin(erlrc_scratch_dir("state"), "a/b/lock");
}

START_TEST(test_lock_creates)
{
	struct erlrc_lock l = ERLRC_LOCK_INIT;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *path = new_lock_path(), *dir;
	struct stat st;
	int i;

	umask(022);
	for (i = 0; i < 2; i++) {
		ck_assert_msg(erlrc_lock_take(&l, path, 200, &err) == 0, "%s",
		    err.msg);
		ck_assert_int_ge(l.fd, 0);
		ck_assert_int_ne(fcntl(l.fd, F_GETFD) & FD_CLOEXEC, 0);
		/* Held through l already: nothing more to do. */
		ck_assert_int_eq(erlrc_lock_take(&l, path, 0, &err), 0);
		erlrc_lock_release(&l);
		ck_assert_int_eq(l.fd, -1);
		erlrc_lock_release(&l);
		ck_assert_int_eq(l.fd, -1);
	}
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 07777, 0644);
	dir = erlrc_xstrndup(path, strlen(path) - strlen("/lock"));
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 07777, 0755);
	free(dir);
	free(path);
}
END_TEST

START_TEST(test_lock_open_fails)
{
	struct erlrc_lock l = ERLRC_LOCK_INIT;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *file, *path, *want;
	int fd;

	file = erlrc_xpathjoin(erlrc_scratch_dir("state"), "file");
	fd = open(file, O_WRONLY | O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	close(fd);
	path = erlrc_xpathjoin(file, "lock");
	want = erlrc_xasprintf("cannot open lock file '%s': Not a directory",
	    path);
	ck_assert_int_eq(erlrc_lock_take(&l, path, 200, &err), -1);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
	ck_assert_int_eq(l.fd, -1);
	free(want);
	free(path);
	free(file);
}
END_TEST

/* A child process holding the lock until told to let go. */
struct holder {
	pid_t pid;
	int cmd;	/* write a byte: release the lock and say so */
	int ack;	/* a byte when the lock is taken, then released */
};

enum { HOLDER_RELEASES, HOLDER_EXITS };

static void
start_holder(struct holder *h, const char *path, int how)
{
	struct erlrc_lock l = ERLRC_LOCK_INIT;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int cmd[2], ack[2];
	char c;

	ck_assert_int_eq(pipe(cmd), 0);
	ck_assert_int_eq(pipe(ack), 0);
	h->pid = fork();
	ck_assert_int_ge(h->pid, 0);
	if (h->pid == 0) {
		close(cmd[1]);
		close(ack[0]);
		if (erlrc_lock_take(&l, path, 0, &err) < 0)
			_exit(1);
		if (write(ack[1], "t", 1) != 1 || read(cmd[0], &c, 1) != 1)
			_exit(1);
		/* Exiting lets the kernel drop the lock. */
		if (how == HOLDER_EXITS)
			_exit(0);
		erlrc_lock_release(&l);
		if (write(ack[1], "r", 1) != 1 || read(cmd[0], &c, 1) != 0)
			_exit(1);
		_exit(0);
	}
	close(cmd[0]);
	close(ack[1]);
	h->cmd = cmd[1];
	h->ack = ack[0];
	ck_assert_int_eq(read(h->ack, &c, 1), 1);
	ck_assert_int_eq(c, 't');
}

static void
stop_holder(struct holder *h)
{
	int status;

	close(h->cmd);
	close(h->ack);
	ck_assert_int_eq(waitpid(h->pid, &status, 0), h->pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "holder: status %d", status);
}

static const struct busy_case {
	unsigned timeout_ms;
	const char *secs;
	int how;
} busy_cases[] = {
	{ 200, "0.2 seconds", HOLDER_RELEASES },
	{ 0, "0 seconds", HOLDER_EXITS },
	{ 50, "0.05 seconds", HOLDER_EXITS },
	{ 1000, "1 second", HOLDER_RELEASES },
};

START_TEST(test_lock_busy)
{
	const struct busy_case *t = &busy_cases[_i];
	struct erlrc_lock l = ERLRC_LOCK_INIT;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *path = new_lock_path(), *want, c;
	struct holder h;
	long long start, waited;

	start_holder(&h, path, t->how);
	want = erlrc_xasprintf("another erlrc run has held '%s' for %s",
	    path, t->secs);
	start = now_ms();
	ck_assert_int_eq(erlrc_lock_take(&l, path, t->timeout_ms, &err), -1);
	waited = now_ms() - start;
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
	ck_assert_int_eq(l.fd, -1);
	ck_assert_int_ge(waited, t->timeout_ms);
	/* pauses are of 50 ms at most and end at the deadline */
	ck_assert_int_lt(waited, t->timeout_ms + 250);

	ck_assert_int_eq(write(h.cmd, "x", 1), 1);
	if (t->how == HOLDER_RELEASES) {
		/* The holder is still there, without the lock. */
		ck_assert_int_eq(read(h.ack, &c, 1), 1);
		ck_assert_int_eq(c, 'r');
		ck_assert_msg(erlrc_lock_take(&l, path, 0, &err) == 0, "%s",
		    err.msg);
		stop_holder(&h);
	} else {
		stop_holder(&h);
		ck_assert_msg(erlrc_lock_take(&l, path, 0, &err) == 0, "%s",
		    err.msg);
	}
	erlrc_lock_release(&l);
	free(want);
	free(path);
}
END_TEST

/* The holder lets go while the taker waits: it gets the lock in time. */
START_TEST(test_lock_waits)
{
	struct erlrc_lock l = ERLRC_LOCK_INIT;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *path = new_lock_path();
	struct holder h;
	pid_t pid;
	int status;

	start_holder(&h, path, HOLDER_EXITS);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		usleep(100 * 1000);
		if (write(h.cmd, "x", 1) != 1)
			_exit(1);
		_exit(0);
	}
	ck_assert_msg(erlrc_lock_take(&l, path, 5000, &err) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	stop_holder(&h);
	erlrc_lock_release(&l);
	free(path);
}
END_TEST

Suite *
erlrc_test_lock_suite(void)
{
	Suite *s = suite_create("lock");
	TCase *tc;

	tc = tcase_create("lock");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_add_test(tc, test_lock_creates);
	tcase_add_test(tc, test_lock_open_fails);
	tcase_add_loop_test(tc, test_lock_busy, 0, COUNT(busy_cases));
	tcase_add_test(tc, test_lock_waits);
	suite_add_tcase(s, tc);
	return s;
}
