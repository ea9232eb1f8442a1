/* scratch.c - a scratch directory per test case for the unit tests */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "scratch.h"

char erlrc_scratch_top[PATH_MAX / 2];

void
erlrc_scratch_setup(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(erlrc_scratch_top, PATH_MAX / 2, "%s/erlrc-unit.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(erlrc_scratch_top))
		ck_abort_msg("mkdtemp %s: %s", erlrc_scratch_top,
		    strerror(errno));
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

void
erlrc_scratch_teardown(void)
{
	nftw(erlrc_scratch_top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
erlrc_scratch_dir(const char *prefix)
{
	static char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s/%s.XXXXXX", erlrc_scratch_top, prefix);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}
