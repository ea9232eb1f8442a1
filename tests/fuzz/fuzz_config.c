/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_config.c - libFuzzer target: the erlrc.yaml parser and the one
 * of registration files, and the promises they make about what they
 * accept and how they refuse */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <erlrc/config.h>
#include <erlrc/registry.h>

#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A refusal is "fuzz:LINE:COL: message" with ERLRC_ERR_INPUT. */
static void
check_error(const struct erlrc_error *err)
{
	unsigned long line = 0, col = 0;
	int n = 0;

	CHECK(err->code == ERLRC_ERR_INPUT);
	CHECK(sscanf(err->msg, "fuzz:%lu:%lu: %n", &line, &col, &n) == 2);
	CHECK(n > 0 && line >= 1 && col >= 1);
	CHECK(err->msg[n] != '\0');
}

/* What a parse that succeeded may hold. */
static void
check_config(const struct erlrc_config *c)
{
	size_t i;

	CHECK(c->timeout_ms > 0 && c->timeout_ms <= ERLRC_CONFIG_MAX_MS);
	CHECK(c->lock_timeout_ms <= ERLRC_CONFIG_MAX_MS);
	CHECK(c->boot_wait_ms <= ERLRC_CONFIG_MAX_MS);
	CHECK(c->start_type <= ERLRC_START_PERMANENT);
	CHECK(c->on_failure <= ERLRC_ON_FAILURE_RESTART);
	for (i = 0; i < c->nlib_dirs; i++)
		CHECK(c->lib_dirs[i][0] == '/');
	for (i = 0; i < c->napps; i++) {
		CHECK(erlrc_registry_valid_app_name(c->apps[i].name));
		CHECK(c->apps[i].start_type <= ERLRC_START_PERMANENT);
		CHECK(i == 0 || strcmp(c->apps[i - 1].name,
		    c->apps[i].name) < 0);
		CHECK(erlrc_config_app(c, c->apps[i].name) == &c->apps[i]);
	}
}

/*
 * Parse DATA as erlrc.yaml.  Success must give settings within their
 * bounds; failure must leave the settings as they were and explain itself
 * as FILE:LINE:COL.  The sanitizers watch everything else.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_config c;
	int start;

	erlrc_config_init(&c);
	if (erlrc_config_parse(&c, "fuzz", (const char *)data, size,
	    &err) == 0) {
		check_config(&c);
	} else {
		check_error(&err);
		CHECK(c.timeout_ms == ERLRC_CONFIG_TIMEOUT_MS);
		CHECK(c.nlib_dirs == 1 && c.napps == 0);
	}
	erlrc_config_destroy(&c);

	/* the same text as /etc/erlrc.d/applications/APP */
	erlrc_error_clear(&err);
	start = -1;
	if (erlrc_registry_parse_app("fuzz", (const char *)data, size, &start,
	    &err) == 0)
		CHECK(start == 0 || start == 1);
	else
		check_error(&err);
	return 0;
}
