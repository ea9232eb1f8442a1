/* SPDX-License-Identifier: GPL-2.0-or-later */
/* subproc.c - run another program and wait for it */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <erlrc/buf.h>
#include <erlrc/cleanup.h>
#include <erlrc/subproc.h>
#include <erlrc/xalloc.h>

extern char **environ;

/* Quote at most this much of the program's stderr, its end. */
#define STDERR_KEEP 1024

/* environ with ENV's entries in place of those of the same name. */
static char **
make_env(const char *const *env)
{
	size_t n = 0, m = 0, i, j, k;
	char **out;

	while (environ[n])
		n++;
	while (env && env[m])
		m++;
	out = erlrc_xmalloc((n + m + 1) * sizeof(*out));
	for (i = 0, k = 0; i < n; i++) {
		for (j = 0; j < m; j++) {
			size_t len = strcspn(env[j], "=");

			if (strncmp(environ[i], env[j], len + 1) == 0)
				break;
		}
		if (j == m)
			out[k++] = environ[i];
	}
	for (j = 0; j < m; j++)
		out[k++] = (char *)env[j];
	out[k] = NULL;
	return out;
}

/* The last STDERR_KEEP bytes of S, one line, for a message. */
static void
tail_of(struct erlrc_buf *s, struct erlrc_buf *out)
{
	const char *p = erlrc_buf_str(s);
	size_t len = s->len, i;

	while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == ' '))
		len--;
	i = len > STDERR_KEEP ? len - STDERR_KEEP : 0;
	for (; i < len; i++)
		erlrc_buf_addc(out, p[i] == '\n' ? ' ' : p[i]);
}

/*
 * Run ARGV, its stdout to OUTFD (-1: /dev/null), in directory DIR (NULL:
 * ours); see subproc.h.
 */
static int
run(const char *const *argv, const char *const *env, const char *dir,
    int outfd, struct erlrc_error *err)
{
	struct erlrc_buf errtext = ERLRC_BUF_INIT, msg = ERLRC_BUF_INIT;
	posix_spawn_file_actions_t fa;
	char **envp = make_env(env), chunk[4096];
	int fds[2] = { -1, -1 }, status, rc, ret = -1;
	ssize_t got;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0) {
		free(envp);
		return erlrc_error_errno(err, "cannot run %s: pipe", argv[0]);
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (outfd >= 0)
		posix_spawn_file_actions_adddup2(&fa, outfd, 1);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY,
		    0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	/* glibc's: posix_spawn had no chdir until POSIX.1-2024.  The
	 * child changes directory, so ours is left alone */
	if (dir)
		posix_spawn_file_actions_addchdir_np(&fa, dir);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
	    envp);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc == 0)
		erlrc_cleanup_child(pid);
	if (rc != 0) {
		errno = rc;
		/* a directory that cannot be entered fails the same way */
		if (dir)
			erlrc_error_errno(err, "cannot run %s in '%s'",
			    argv[0], dir);
		else
			erlrc_error_errno(err, "cannot run %s", argv[0]);
		goto out;
	}
	for (;;) {
		got = read(fds[0], chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		erlrc_buf_add(&errtext, chunk, (size_t)got);
		if (errtext.len > 64 * STDERR_KEEP) {
			/* keep the end: that is where the reason is */
			memmove(errtext.s, errtext.s + errtext.len -
			    STDERR_KEEP, STDERR_KEEP);
			errtext.len = STDERR_KEEP;
			errtext.s[errtext.len] = '\0';
		}
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			erlrc_cleanup_child(0);
			erlrc_error_errno(err, "cannot wait for %s", argv[0]);
			goto out;
		}
	}
	erlrc_cleanup_child(0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		ret = 0;
		goto out;
	}
	tail_of(&errtext, &msg);
	if (WIFEXITED(status))
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s exited with status "
		    "%d%s%s", argv[0], WEXITSTATUS(status), msg.len ? ": " :
		    "", erlrc_buf_str(&msg));
	else
		erlrc_error_set(err, ERLRC_ERR_FAILED, "%s was killed by "
		    "signal %d%s%s", argv[0], WTERMSIG(status), msg.len ?
		    ": " : "", erlrc_buf_str(&msg));
out:
	close(fds[0]);
	free(envp);
	erlrc_buf_destroy(&errtext);
	erlrc_buf_destroy(&msg);
	return ret;
}

/* erlrc_subproc_run - see subproc.h. */
int
erlrc_subproc_run(const char *const *argv, const char *const *env,
    struct erlrc_error *err)
{
	return run(argv, env, NULL, -1, err);
}

/* erlrc_subproc_output - see subproc.h. */
int
erlrc_subproc_output(const char *const *argv, const char *const *env,
    const char *dir, struct erlrc_buf *out, struct erlrc_error *err)
{
	FILE *f = tmpfile();
	int ret;

	if (!f)
		return erlrc_error_errno(err, "cannot run %s: a temporary file",
		    argv[0]);
	ret = run(argv, env, dir, fileno(f), err);
	/* the child wrote through the same open file: back to its start */
	if (ret == 0 && lseek(fileno(f), 0, SEEK_SET) < 0)
		ret = erlrc_error_errno(err, "cannot read the output of %s",
		    argv[0]);
	else if (ret == 0)
		ret = erlrc_buf_read_fd(out, fileno(f), argv[0], err);
	fclose(f);
	return ret;
}
