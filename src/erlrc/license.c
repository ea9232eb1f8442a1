/* SPDX-License-Identifier: GPL-2.0-or-later */
/* license.c - a copyright file from an application's licenses */
#include <string.h>
#include <strings.h>

#include <erlrc/license.h>

/* An SPDX identifier, other spellings of it, and Debian's copy of it. */
static const struct known {
	const char *spdx;
	const char *alias[4];
	const char *file;	/* in /usr/share/common-licenses */
	const char *name;	/* as the pointer names it */
} known[] = {
	{ "Apache-2.0", { "Apache 2.0", "Apache License 2.0",
	    "Apache License, Version 2.0", "Apache2" }, "Apache-2.0",
	    "the Apache License, Version 2.0" },
	{ "GPL-2.0-only", { "GPL-2.0", "GPLv2", "GPL-2" }, "GPL-2",
	    "version 2 of the GNU General Public License" },
	{ "GPL-2.0-or-later", { "GPL-2.0+", "GPLv2+" }, "GPL-2",
	    "version 2 of the GNU General Public License" },
	{ "GPL-3.0-only", { "GPL-3.0", "GPLv3", "GPL-3" }, "GPL-3",
	    "version 3 of the GNU General Public License" },
	{ "GPL-3.0-or-later", { "GPL-3.0+", "GPLv3+" }, "GPL-3",
	    "version 3 of the GNU General Public License" },
	{ "LGPL-2.1-only", { "LGPL-2.1", "LGPLv2.1" }, "LGPL-2.1",
	    "version 2.1 of the GNU Lesser General Public License" },
	{ "LGPL-2.1-or-later", { "LGPL-2.1+", "LGPLv2.1+" }, "LGPL-2.1",
	    "version 2.1 of the GNU Lesser General Public License" },
	{ "LGPL-3.0-only", { "LGPL-3.0", "LGPLv3", "LGPL-3" }, "LGPL-3",
	    "version 3 of the GNU Lesser General Public License" },
	{ "LGPL-3.0-or-later", { "LGPL-3.0+", "LGPLv3+" }, "LGPL-3",
	    "version 3 of the GNU Lesser General Public License" },
	{ "MPL-2.0", { "Mozilla Public License 2.0" }, "MPL-2.0",
	    "the Mozilla Public License, version 2.0" },
	{ "MPL-1.1", { NULL }, "MPL-1.1",
	    "the Mozilla Public License, version 1.1" },
	{ "CC0-1.0", { NULL }, "CC0-1.0", "the CC0 1.0 Universal license" },
	{ "Artistic-1.0-Perl", { "Artistic" }, "Artistic",
	    "the Artistic License" },
};

static const struct known *
lookup(const char *s)
{
	size_t i, j;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strcasecmp(s, known[i].spdx) == 0)
			return &known[i];
		for (j = 0; j < 4 && known[i].alias[j]; j++)
			if (strcasecmp(s, known[i].alias[j]) == 0)
				return &known[i];
	}
	return NULL;
}

/* erlrc_license_copyright - see license.h. */
int
erlrc_license_copyright(const char *app, const char *file, int year,
    const struct erlrc_term *licenses, struct erlrc_buf *out,
    struct erlrc_error *err)
{
	struct erlrc_buf s = ERLRC_BUF_INIT, names = ERLRC_BUF_INIT;
	const struct known *k[8];
	size_t i, j, n = 0;
	int ret = -1;

	if (licenses && licenses->type == ERLRC_TERM_STRING) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: licenses is one "
		    "string, not a list of them: write {licenses, [\"%.*s\"]}",
		    file, (int)licenses->u.text.len, licenses->u.text.s);
		goto out;
	}
	if (!licenses || licenses->type == ERLRC_TERM_NIL ||
	    (licenses->type == ERLRC_TERM_LIST && licenses->u.seq.n == 0)) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "%s says no licenses",
		    file);
		goto out;
	}
	if (licenses->type != ERLRC_TERM_LIST) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: licenses must be a "
		    "list of SPDX identifiers (strings)", file);
		goto out;
	}
	for (i = 0; i < licenses->u.seq.n; i++) {
		if (!erlrc_term_string(licenses->u.seq.v[i], &s) || !s.len) {
			erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: licenses "
			    "must be a list of SPDX identifiers (strings)",
			    file);
			goto out;
		}
		if (n == sizeof(k) / sizeof(k[0])) {
			erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: more than "
			    "%zu licenses", file, n);
			goto out;
		}
		k[n] = lookup(s.s);
		if (!k[n]) {
			erlrc_error_set(err, ERLRC_ERR_INPUT, "%s says the "
			    "license '%s', whose text Debian does not ship in "
			    "/usr/share/common-licenses: the package must "
			    "carry it.  Put it in a LICENSE or COPYING file "
			    "in the application's directory, or give a "
			    "copyright file with 'copyright:' in the spec",
			    file, s.s);
			goto out;
		}
		for (j = 0; j < n && k[j] != k[n]; j++)
			;
		if (j < n)
			continue;	/* said twice */
		erlrc_buf_addf(&names, "%s%s", n ? " or " : "", k[n]->spdx);
		n++;
	}
	/* one License paragraph per license, as the format wants */
	erlrc_buf_addf(out, "Format: https://www.debian.org/doc/"
	    "packaging-manuals/copyright-format/1.0/\nUpstream-Name: %s\n"
	    "Comment: written by makeappdeb from the licenses in %s.app;\n"
	    " the copyright holders are those its sources name.\n\n"
	    "Files: *\nCopyright: %d the authors of %s\nLicense: %s\n", app,
	    app, year, app, erlrc_buf_str(&names));
	for (i = 0; i < n; i++) {
		erlrc_buf_addf(out, "\nLicense: %s\n On Debian systems, the "
		    "complete text of %s can be found in\n "
		    "/usr/share/common-licenses/%s.\n", k[i]->spdx,
		    k[i]->name, k[i]->file);
	}
	ret = 0;
out:
	erlrc_buf_destroy(&s);
	erlrc_buf_destroy(&names);
	return ret;
}
