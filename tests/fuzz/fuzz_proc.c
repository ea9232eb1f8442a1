/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_proc.c - libFuzzer target: another process's command line, as
 * /proc/PID/cmdline gives it, read to tell whether it runs as a node */
#include <stddef.h>
#include <stdint.h>

#include <erlrc/nodeproc.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned env = size ? data[0] : 0;

	(void)erlrc_nodeproc_matches((const char *)data, size, "n1", 4369,
	    env);
	(void)erlrc_nodeproc_matches((const char *)data, size, "n1", env,
	    0);
	return 0;
}
