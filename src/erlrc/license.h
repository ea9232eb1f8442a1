/* SPDX-License-Identifier: GPL-2.0-or-later */
/* license.h - a copyright file from an application's licenses */
#ifndef ERLRC_LICENSE_H
#define ERLRC_LICENSE_H

#include <erlrc/buf.h>
#include <erlrc/error.h>
#include <erlrc/term.h>

/*
 * The copyright file of a package of application APP, dated YEAR, whose
 * .app (FILE, for messages) says LICENSES, rebar3's {licenses, ["Apache-2.0"]}: a
 * list of SPDX identifiers (a few common spellings such as "Apache 2.0"
 * taken too).  Written to OUT in Debian's machine-readable format, each
 * license by its identifier and a pointer to its text in
 * /usr/share/common-licenses.  Only licenses whose text Debian ships
 * there can be written so: any other (MIT, ISC, BSD-2-Clause...) needs
 * its text, which the package must then carry (ERLRC_ERR_INPUT, saying
 * so).  Returns 0, or -1 with err set.
 */
int erlrc_license_copyright(const char *app, const char *file, int year,
    const struct erlrc_term *licenses, struct erlrc_buf *out,
    struct erlrc_error *err);

#endif
