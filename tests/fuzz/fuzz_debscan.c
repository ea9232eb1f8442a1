/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_debscan.c - libFuzzer target: what the build tools read of other
 * programs' output about packages: dpkg-deb -c listings (makereldeb
 * --debs) and package stanzas of apt-cache and dpkg-query (makeappdeb's
 * check of names), and the promises made of what they give */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/debscan.h>
#include <erlrc/registry.h>
#include <erlrc/xalloc.h>

#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The first byte chooses: 0 a listing, else stanzas. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct erlrc_debscan s;
	char *text, *other;
	size_t i;

	if (size == 0)
		return 0;
	text = erlrc_xstrndup((const char *)data + 1, size - 1);
	if (data[0] == 0) {
		erlrc_debscan_init(&s);
		erlrc_debscan_add_listing(&s, text, "p", "1", "f.deb");
		for (i = 0; i < s.n; i++) {
			CHECK(erlrc_registry_valid_app_name(s.v[i].app));
			CHECK(*s.v[i].vsn && !strchr(s.v[i].vsn, '/') &&
			    !strchr(s.v[i].vsn, '\n'));
			CHECK(erlrc_debscan_find(&s, s.v[i].app,
			    s.v[i].vsn) != NULL);
		}
		erlrc_debscan_destroy(&s);
	} else {
		erlrc_debscan_foreign_version(text, &other);
		CHECK(!other || (*other && !strchr(other, '\n')));
		free(other);
	}
	free(text);
	return 0;
}
