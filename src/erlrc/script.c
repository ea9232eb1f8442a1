/* SPDX-License-Identifier: GPL-2.0-or-later */
/* script.c - what a release handler's low-level script names */
#include <erlrc/script.h>

/* erlrc_script_names - see script.h. */
int
erlrc_script_names(const struct erlrc_term *script, const char *op,
    const char *module)
{
	const struct erlrc_term *in, *arg, *x;
	size_t i, j;

	for (i = 0; script->type == ERLRC_TERM_LIST && i < script->u.seq.n;
	    i++) {
		in = script->u.seq.v[i];
		if (!erlrc_term_is_tagged(in, op, 2))
			continue;
		arg = in->u.seq.v[1];
		if (erlrc_term_is_tuple(arg, 3) &&
		    erlrc_term_is_atom(arg->u.seq.v[0], module))
			return 1;
		for (j = 0; arg->type == ERLRC_TERM_LIST && j < arg->u.seq.n;
		    j++) {
			x = arg->u.seq.v[j];
			if (erlrc_term_is_tuple(x, 2))
				x = x->u.seq.v[0];
			if (erlrc_term_is_atom(x, module))
				return 1;
		}
	}
	return 0;
}
