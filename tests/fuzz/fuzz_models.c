/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_models - libFuzzer target: the .app, .appup and .rel checks on
 * whatever terms the reader accepts.  The first byte of an input chooses
 * the model ('0' .app, '1' .appup, '2' .rel: its value modulo 3), the
 * rest is the file: each input is read once, as the model reads it. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <erlrc/app.h>
#include <erlrc/appup.h>
#include <erlrc/buf.h>
#include <erlrc/rel.h>
#include <erlrc/term.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The .app file name the text calls for: NAME.app when it starts with
 * "{application, NAME" (NAME an unquoted atom), so the key checks are
 * reached and not only the name check.  Read from the text, as parsing
 * it twice would halve the runs.
 */
static void
app_name(const char *text, size_t len, struct erlrc_buf *name)
{
	static const char tag[] = "{application,";
	size_t i = 0, start;

	while (i < len && (text[i] == ' ' || text[i] == '\n'))
		i++;
	if (len - i < sizeof(tag) - 1 ||
	    memcmp(text + i, tag, sizeof(tag) - 1) != 0)
		goto other;
	for (i += sizeof(tag) - 1; i < len && (text[i] == ' ' ||
	    text[i] == '\n'); i++)
		;
	if (i == len || text[i] < 'a' || text[i] > 'z')
		goto other;
	for (start = i; i < len && ((text[i] >= 'a' && text[i] <= 'z') ||
	    (text[i] >= '0' && text[i] <= '9') || text[i] == '_'); i++)
		;
	erlrc_buf_add(name, text + start, i - start);
	erlrc_buf_adds(name, ".app");
	return;
other:
	erlrc_buf_adds(name, "fuzz.app");
}

/* The model either accepts the text or refuses it with a message. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data + 1;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf name = ERLRC_BUF_INIT;
	struct erlrc_app app;
	struct erlrc_appup appup;
	struct erlrc_rel rel;
	int ret = 0;

	if (size == 0)
		return 0;
	size--;
	switch (data[0] % 3) {
	case 0:
		app_name(text, size, &name);
		erlrc_app_init(&app);
		ret = erlrc_app_parse(&app, erlrc_buf_str(&name), text, size,
		    &err);
		erlrc_app_destroy(&app);
		erlrc_buf_destroy(&name);
		break;
	case 1:
		erlrc_appup_init(&appup);
		ret = erlrc_appup_parse(&appup, "fuzz.appup", text, size,
		    &err);
		if (ret == 0 && appup.nup > 0)
			(void)erlrc_appup_find(&appup, 1, "1.0");
		erlrc_appup_destroy(&appup);
		break;
	default:
		erlrc_rel_init(&rel);
		ret = erlrc_rel_parse(&rel, "fuzz.rel", text, size, &err);
		erlrc_rel_destroy(&rel);
		break;
	}
	if (ret < 0 && err.msg[0] == '\0')
		__builtin_trap();
	return 0;
}
