/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check.h - the fuzz targets' promise checks */
#ifndef ERLRC_FUZZ_CHECK_H
#define ERLRC_FUZZ_CHECK_H

#include <stdio.h>

/* A promise of the code under test: trap, so libFuzzer keeps the input. */
#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "broken promise: %s\n", #cond); \
			__builtin_trap(); \
		} \
	} while (0)

#endif
