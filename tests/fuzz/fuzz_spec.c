/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_spec.c - libFuzzer target: makeappdeb's package spec parser, and
 * the promises it makes about what it accepts and how it refuses */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <erlrc/dpkg.h>
#include <erlrc/registry.h>
#include <erlrc/spec.h>

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

/* Written here again rather than shared, to check spec.c's own. */
static int
is_package_name(const char *s)
{
	size_t i;

	if (strlen(s) < 2 || !((s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789+-.", s[i]))
			return 0;
	return 1;
}

static int
is_version(const char *s)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;

	return erlrc_dpkg_version_check(s, &err) == 0;
}

/* One line: not empty, no control character, no blank at either end. */
static int
is_line(const char *s)
{
	size_t i, len = strlen(s);

	if (len == 0 || s[0] == ' ' || s[len - 1] == ' ')
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

static int
is_relation(const char *s)
{
	static const char *const ops[] = { "<<", "<=", ">=", ">>", "=" };
	size_t i;

	for (i = 0; i < 5; i++)
		if (strncmp(s, ops[i], strlen(ops[i])) == 0) {
			s += strlen(ops[i]);
			if (*s != ' ')
				return 0;
			while (*s == ' ')
				s++;
			return is_version(s);
		}
	return 0;
}

static void
check_description(const char *d)
{
	size_t i, len = strlen(d), syn = strcspn(d, "\n"), chars = 0;

	CHECK(len > 0 && d[len - 1] != '\n');
	CHECK(syn > 0 && d[0] != ' ' && d[syn - 1] != ' ');
	for (i = 0; i < syn; i++)
		if (((unsigned char)d[i] & 0xc0) != 0x80)
			chars++;
	CHECK(chars <= ERLRC_SPEC_SYNOPSIS_MAX);
	for (i = 0; i < len; i++)
		CHECK(d[i] == '\n' || ((unsigned char)d[i] >= 0x20 &&
		    d[i] != 0x7f));
}

/* What a parse that succeeded may hold. */
static void
check_spec(const struct erlrc_spec *s)
{
	size_t i;

	if (s->package)
		CHECK(is_package_name(s->package));
	if (s->version)
		CHECK(is_line(s->version) && is_version(s->version));
	if (s->maintainer) {
		size_t len = strlen(s->maintainer);

		CHECK(is_line(s->maintainer));
		CHECK(s->maintainer[len - 1] == '>');
		CHECK(strchr(s->maintainer, '<') > s->maintainer);
		CHECK(strchr(s->maintainer, '<') ==
		    strrchr(s->maintainer, '<'));
		CHECK(strchr(s->maintainer, '>') ==
		    s->maintainer + len - 1);
		CHECK(strchr(strchr(s->maintainer, '<'), '@'));
	}
	if (s->description)
		check_description(s->description);
	if (s->section)
		CHECK(is_line(s->section) && !strpbrk(s->section, " \t"));
	if (s->priority)
		CHECK(strcmp(s->priority, "required") == 0 ||
		    strcmp(s->priority, "important") == 0 ||
		    strcmp(s->priority, "standard") == 0 ||
		    strcmp(s->priority, "optional") == 0 ||
		    strcmp(s->priority, "extra") == 0);
	if (s->homepage)
		CHECK(is_line(s->homepage) &&
		    (strncmp(s->homepage, "http://", 7) == 0 ||
		    strncmp(s->homepage, "https://", 8) == 0));
	if (s->copyright)
		CHECK(is_line(s->copyright));
	CHECK(s->include >= -1 && s->include <= 1);
	CHECK((s->ndepends == 0) == (s->depends == NULL));
	for (i = 0; i < s->ndepends; i++)
		CHECK(is_line(s->depends[i]) && !strchr(s->depends[i], ','));
	CHECK((s->napps == 0) == (s->apps == NULL));
	for (i = 0; i < s->napps; i++) {
		const struct erlrc_spec_app *a = &s->apps[i];

		CHECK(erlrc_registry_valid_app_name(a->name));
		CHECK(a->package || a->version);
		if (a->package)
			CHECK(is_package_name(a->package));
		if (a->version)
			CHECK(is_line(a->version) && is_relation(a->version));
		CHECK(i == 0 || strcmp(s->apps[i - 1].name, a->name) < 0);
		CHECK(erlrc_spec_app(s, a->name) == a);
	}
}

/*
 * Parse DATA as a spec.  Success must give fields that keep the rules of
 * spec.h; failure must leave the spec as it was (unset) and explain
 * itself as FILE:LINE:COL.  The sanitizers watch everything else.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;

	erlrc_spec_init(&s);
	if (erlrc_spec_parse(&s, "fuzz", (const char *)data, size,
	    &err) == 0) {
		check_spec(&s);
	} else {
		check_error(&err);
		CHECK(!s.package && !s.version && !s.maintainer &&
		    !s.description && !s.section && !s.priority &&
		    !s.homepage && !s.copyright && s.include == -1 &&
		    s.ndepends == 0 && s.napps == 0);
	}
	erlrc_spec_destroy(&s);
	return 0;
}
