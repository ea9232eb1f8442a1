/* SPDX-License-Identifier: GPL-2.0-or-later */
/* strmap.h - a hash map from strings to indexes */
#ifndef ERLRC_STRMAP_H
#define ERLRC_STRMAP_H

#include <stddef.h>

/*
 * Keys are not copied: they must outlive the map.  Values are indexes
 * (into an array the caller keeps).
 */
struct erlrc_strmap {
	const char **keys;
	size_t *vals;
	size_t cap, n;		/* cap is 0 or a power of two */
};

#define ERLRC_STRMAP_NONE ((size_t)-1)

void erlrc_strmap_init(struct erlrc_strmap *m);
void erlrc_strmap_destroy(struct erlrc_strmap *m);
/* The value for KEY, or ERLRC_STRMAP_NONE. */
size_t erlrc_strmap_get(const struct erlrc_strmap *m, const char *key);
/*
 * Set KEY to VAL, replacing an earlier value; the map keeps the pointer
 * KEY from then on (so an equal key that is about to be freed may be
 * replaced by its copy).
 */
void erlrc_strmap_put(struct erlrc_strmap *m, const char *key, size_t val);

#endif
