/* SPDX-License-Identifier: GPL-2.0-or-later */
/* strmap.c - a hash map from strings to indexes (open addressing) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/strmap.h>
#include <erlrc/xalloc.h>

void
erlrc_strmap_init(struct erlrc_strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
erlrc_strmap_destroy(struct erlrc_strmap *m)
{
	free(m->keys);
	free(m->vals);
	erlrc_strmap_init(m);
}

/* FNV-1a */
static size_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return (size_t)h;
}

static size_t
slot(const struct erlrc_strmap *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

size_t
erlrc_strmap_get(const struct erlrc_strmap *m, const char *key)
{
	size_t i;

	if (!m->cap)
		return ERLRC_STRMAP_NONE;
	i = slot(m, key);
	return m->keys[i] ? m->vals[i] : ERLRC_STRMAP_NONE;
}

void
erlrc_strmap_put(struct erlrc_strmap *m, const char *key, size_t val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		struct erlrc_strmap big;
		size_t j;

		big.cap = m->cap ? m->cap * 2 : 16;
		big.n = m->n;
		big.keys = erlrc_xcalloc(big.cap, sizeof(*big.keys));
		big.vals = erlrc_xcalloc(big.cap, sizeof(*big.vals));
		for (j = 0; j < m->cap; j++) {
			if (!m->keys[j])
				continue;
			i = slot(&big, m->keys[j]);
			big.keys[i] = m->keys[j];
			big.vals[i] = m->vals[j];
		}
		erlrc_strmap_destroy(m);
		*m = big;
	}
	i = slot(m, key);
	if (!m->keys[i])
		m->n++;
	m->keys[i] = key;
	m->vals[i] = val;
}
