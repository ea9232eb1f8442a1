/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cleanup.c - scratch directories removed when a signal ends the program */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <erlrc/cleanup.h>

static char dirs[ERLRC_CLEANUP_MAX][PATH_MAX];
static int installed;
static volatile pid_t child;

/* The directory entries of getdents64, as the kernel writes them. */
struct entry {
	unsigned long long ino;
	long long off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/*
 * Remove everything under the directory open at FD, then close FD; only
 * async-signal-safe calls (getdents64 through syscall), no allocation.
 * DEPTH bounds the recursion.
 */
static void
empty_dir(int fd, int depth)
{
	char buf[4096];
	struct entry *e;
	long n, i;
	int sub, pass, left = 1;

	/* a directory read while its entries go may skip some: read it
	 * again from the start, a few times at most */
	for (pass = 0; pass < 3 && left; pass++) {
		left = 0;
		(void)lseek(fd, 0, SEEK_SET);
		while ((n = syscall(SYS_getdents64, fd, buf,
		    sizeof(buf))) > 0)
			for (i = 0; i < n; i += e->reclen) {
				e = (struct entry *)(void *)(buf + i);
				if (strcmp(e->name, ".") == 0 ||
				    strcmp(e->name, "..") == 0)
					continue;
				left = 1;
				if (unlinkat(fd, e->name, 0) == 0 ||
				    depth == 0)
					continue;
				sub = openat(fd, e->name, O_RDONLY |
				    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
				if (sub >= 0) {
					empty_dir(sub, depth - 1);
					(void)unlinkat(fd, e->name,
					    AT_REMOVEDIR);
				}
			}
	}
	close(fd);
}

static void
on_signal(int sig)
{
	pid_t pid = child;
	int i, fd;

	if (pid > 0) {
		kill(pid, SIGKILL);
		(void)waitpid(pid, NULL, 0);
	}
	for (i = 0; i < ERLRC_CLEANUP_MAX; i++) {
		if (!dirs[i][0])
			continue;
		fd = open(dirs[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (fd >= 0) {
			empty_dir(fd, 64);
			(void)rmdir(dirs[i]);
		}
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* erlrc_cleanup_add - see cleanup.h. */
int
erlrc_cleanup_add(const char *dir)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	sigset_t block, old;
	size_t len = strlen(dir);
	int i, ret = -1;

	if (len >= PATH_MAX)
		return -1;
	if (!installed) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigfillset(&sa.sa_mask);
		for (i = 0; i < 3; i++)
			sigaction(sigs[i], &sa, NULL);
		installed = 1;
	}
	/* the handler never sees a half-written slot */
	sigfillset(&block);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < ERLRC_CLEANUP_MAX; i++)
		if (!dirs[i][0]) {
			memcpy(dirs[i], dir, len + 1);
			ret = 0;
			break;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret;
}

/* erlrc_cleanup_forget - see cleanup.h. */
void
erlrc_cleanup_forget(const char *dir)
{
	sigset_t block, old;
	int i;

	sigfillset(&block);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < ERLRC_CLEANUP_MAX; i++)
		if (dirs[i][0] && strcmp(dirs[i], dir) == 0) {
			dirs[i][0] = '\0';
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* erlrc_cleanup_child - see cleanup.h. */
void
erlrc_cleanup_child(pid_t pid)
{
	child = pid;
}
