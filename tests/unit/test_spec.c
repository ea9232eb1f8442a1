/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_spec.c - unit tests of makeappdeb's package spec (spec.c) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <erlrc/buf.h>
#include <erlrc/spec.h>
#include <erlrc/xalloc.h>

#include "scratch.h"
#include "suites.h"

#define NAME "debian/erlang-sensor.spec"
#define UNSET "package=- version=- maintainer=- description=- " \
	"section=- priority=- homepage=- copyright=- include=-1 depends=[] " \
	"apps=[]"

static void
add_field(struct erlrc_buf *b, const char *key, const char *v)
{
	size_t i;

	erlrc_buf_addf(b, "%s=", key);
	if (!v) {
		erlrc_buf_adds(b, "-");
		return;
	}
	/* Newlines shown as \n, so that a dump stays on one line. */
	for (i = 0; v[i] != '\0'; i++)
		if (v[i] == '\n')
			erlrc_buf_adds(b, "\\n");
		else
			erlrc_buf_addc(b, v[i]);
}

/* The whole of S on one line, to compare with a table's expectation. */
static char *
dump(const struct erlrc_spec *s)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t i;

	add_field(&b, "package", s->package);
	add_field(&b, " version", s->version);
	add_field(&b, " maintainer", s->maintainer);
	add_field(&b, " description", s->description);
	add_field(&b, " section", s->section);
	add_field(&b, " priority", s->priority);
	add_field(&b, " homepage", s->homepage);
	add_field(&b, " copyright", s->copyright);
	erlrc_buf_addf(&b, " include=%d", s->include);
	if (s->start >= 0)
		erlrc_buf_addf(&b, " start=%d", s->start);
	erlrc_buf_adds(&b, " depends=[");
	for (i = 0; i < s->ndepends; i++)
		erlrc_buf_addf(&b, "%s%s", i ? ";" : "", s->depends[i]);
	erlrc_buf_adds(&b, "]");
	for (i = 0; i < s->nreplaces; i++)
		erlrc_buf_addf(&b, "%s%s", i ? ";" : " replaces=", s->replaces[i]);
	for (i = 0; i < s->nprovides; i++)
		erlrc_buf_addf(&b, "%s%s", i ? ";" : " provides=", s->provides[i]);
	erlrc_buf_adds(&b, " apps=[");
	for (i = 0; i < s->napps; i++)
		erlrc_buf_addf(&b, "%s%s:%s:%s", i ? "," : "",
		    s->apps[i].name,
		    s->apps[i].package ? s->apps[i].package : "-",
		    s->apps[i].version ? s->apps[i].version : "-");
	erlrc_buf_adds(&b, "]");
	return erlrc_buf_detach(&b);
}

static const struct good_case {
	const char *text;
	const char *want;
} good[] = {
	/* Nothing set */
	{ "", UNSET },
	{ "\n\n", UNSET },
	{ "# only a comment\n", UNSET },
	{ "---\n", UNSET },
	{ "---\n...\n", UNSET },
	{ "~\n", UNSET },
	{ "{}\n", UNSET },
	{ "depends:\napplications:\n", UNSET },
	{ "depends: []\napplications: {}\n", UNSET },
	/* The example of spec.h */
	{ "package: erlang-sensor\n"
	  "version: 2.0-1\n"
	  "maintainer: Jane Doe <jane@example.org>\n"
	  "description: |\n"
	  "  Traffic sensor readings\n"
	  "  The sensor application reads ...\n"
	  "section: misc\n"
	  "priority: optional\n"
	  "homepage: https://example.org/sensor\n"
	  "include: true\n"
	  "depends:\n"
	  "  - libssl3 (>= 3.0)\n"
	  "applications:\n"
	  "  sensorlog:\n"
	  "    package: erlang-sensorlog\n"
	  "    version: \">= 1.0-1\"\n"
	  "  crypto:\n"
	  "    package: erlang-crypto\n",
	    "package=erlang-sensor version=2.0-1 "
	    "maintainer=Jane Doe <jane@example.org> "
	    "description=Traffic sensor readings\\n"
	    "The sensor application reads ... "
	    "section=misc priority=optional "
	    "homepage=https://example.org/sensor copyright=- include=1 "
	    "depends=[libssl3 (>= 3.0)] "
	    "apps=[crypto:erlang-crypto:-,"
	    "sensorlog:erlang-sensorlog:>= 1.0-1]" },
	/* replaces, provides */
	{ "replaces: [erlang-jiffy (<< 1.1.1-1+x), old-jiffy]\n"
	  "provides: [erlang-jiffy (= 1.1.1)]\n",
	    "package=- version=- maintainer=- description=- section=- "
	    "priority=- homepage=- copyright=- include=-1 depends=[] "
	    "replaces=erlang-jiffy (<< 1.1.1-1+x);old-jiffy "
	    "provides=erlang-jiffy (= 1.1.1) apps=[]" },
	/* start */
	{ "start: false\n",
	    "package=- version=- maintainer=- description=- section=- "
	    "priority=- homepage=- copyright=- include=-1 start=0 depends=[] "
	    "apps=[]" },
	/* package */
	{ "package: g++\n",
	    "package=g++ version=- maintainer=- description=- section=- "
	    "priority=- homepage=- copyright=- include=-1 depends=[] apps=[]" },
	{ "package: 0ad.data-1\n",
	    "package=0ad.data-1 version=- maintainer=- description=- "
	    "section=- priority=- homepage=- copyright=- include=-1 depends=[] "
	    "apps=[]" },
	/* version: read as written, whatever YAML would make of it */
	{ "version: 2.0\n",
	    "package=- version=2.0 maintainer=- description=- section=- "
	    "priority=- homepage=- copyright=- include=-1 depends=[] apps=[]" },
	{ "version: 1:2.0~rc1+dfsg-0.1\n",
	    "package=- version=1:2.0~rc1+dfsg-0.1 maintainer=- "
	    "description=- section=- priority=- homepage=- copyright=- "
	    "include=-1 depends=[] apps=[]" },
	{ "version: '3'\n",
	    "package=- version=3 maintainer=- description=- section=- "
	    "priority=- homepage=- copyright=- include=-1 depends=[] apps=[]" },
	/* maintainer */
	{ "maintainer: \"Doe, Jane <j@d>\"\n",
	    "package=- version=- maintainer=Doe, Jane <j@d> description=- "
	    "section=- priority=- homepage=- copyright=- include=-1 depends=[] "
	    "apps=[]" },
	{ "maintainer: Jérôme Ĳssel <jerome@example.org>\n",
	    "package=- version=- "
	    "maintainer=Jérôme Ĳssel <jerome@example.org> description=- "
	    "section=- priority=- homepage=- copyright=- include=-1 depends=[] "
	    "apps=[]" },
	/* description */
	{ "description: Traffic sensor readings\n",
	    "package=- version=- maintainer=- "
	    "description=Traffic sensor readings section=- priority=- "
	    "homepage=- copyright=- include=-1 depends=[] apps=[]" },
	/* Extended lines kept as written: blanks, " ." lines. */
	{ "description: |+\n  Synopsis\n   indented\n  .\n\n  last  \n\n\n",
	    "package=- version=- maintainer=- "
	    "description=Synopsis\\n indented\\n.\\n\\nlast   section=- "
	    "priority=- homepage=- copyright=- include=-1 depends=[] apps=[]" },
	{ "description: |-\n  Synopsis\n  more\n",
	    "package=- version=- maintainer=- description=Synopsis\\nmore "
	    "section=- priority=- homepage=- copyright=- include=-1 depends=[] "
	    "apps=[]" },
	{ "description: >\n  folded\n  synopsis\n\n  more\n",
	    "package=- version=- maintainer=- "
	    "description=folded synopsis\\nmore section=- priority=- "
	    "homepage=- copyright=- include=-1 depends=[] apps=[]" },
	{ "description: \"Synopsis\\nmore\\n\"\n",
	    "package=- version=- maintainer=- description=Synopsis\\nmore "
	    "section=- priority=- homepage=- copyright=- include=-1 depends=[] "
	    "apps=[]" },
	/* 80 characters, more bytes than that */
	{ "description: ééééééééééééééééééééééééééééééééééééééééé"
	  "ééééééééééééééééééééééééééééééééééééééé\n",
	    "package=- version=- maintainer=- "
	    "description=ééééééééééééééééééééééééééééééééééééééééé"
	    "ééééééééééééééééééééééééééééééééééééééé section=- "
	    "priority=- homepage=- copyright=- include=-1 depends=[] apps=[]" },
	/* section, priority, homepage */
	{ "section: contrib/net\npriority: extra\n"
	  "homepage: http://e.org/a?b=c#d\n",
	    "package=- version=- maintainer=- description=- "
	    "section=contrib/net priority=extra homepage=http://e.org/a?b=c#d "
	    "copyright=- include=-1 depends=[] apps=[]" },
	{ "priority: required\n",
	    "package=- version=- maintainer=- description=- section=- "
	    "priority=required homepage=- copyright=- include=-1 depends=[] "
	    "apps=[]" },
	/* copyright: a path, as written */
	{ "copyright: debian/copyright\n",
	    "package=- version=- maintainer=- description=- section=- "
	    "priority=- homepage=- copyright=debian/copyright include=-1 "
	    "depends=[] apps=[]" },
	{ "copyright: \"/usr/share/common-licenses/Apache 2.0\"\n",
	    "package=- version=- maintainer=- description=- section=- "
	    "priority=- homepage=- "
	    "copyright=/usr/share/common-licenses/Apache 2.0 include=-1 "
	    "depends=[] apps=[]" },
	/* include */
	{ "include: false\n",
	    "package=- version=- maintainer=- description=- section=- "
	    "priority=- homepage=- copyright=- include=0 depends=[] apps=[]" },
	{ "include: \"true\"\n",
	    "package=- version=- maintainer=- description=- section=- "
	    "priority=- homepage=- copyright=- include=1 depends=[] apps=[]" },
	/* depends */
	{ "depends: [libssl3 (>= 3.0), 'aa | bb (<< 2)', cc:any, "
	  "'dd [amd64 !i386]']\n",
	    "package=- version=- maintainer=- description=- section=- "
	    "priority=- homepage=- copyright=- include=-1 "
	    "depends=[libssl3 (>= 3.0);aa | bb (<< 2);cc:any;"
	    "dd [amd64 !i386]] apps=[]" },
	/* applications: sorted, every relation */
	{ "applications:\n"
	  "  z: {version: \"<< 2\"}\n"
	  "  y: {version: <= 2}\n"
	  "  x: {version: = 1:2.0-1}\n"
	  "  w: {version: '>=  2'}\n"
	  "  v: {version: '>> 2', package: v-pkg}\n"
	  "  a@b_C1: {package: ab}\n",
	    "package=- version=- maintainer=- description=- section=- "
	    "priority=- homepage=- copyright=- include=-1 depends=[] "
	    "apps=[a@b_C1:ab:-,v:v-pkg:>> 2,w:-:>=  2,x:-:= 1:2.0-1,"
	    "y:-:<= 2,z:-:<< 2]" },
	/* Anchors are harmless; only aliases are refused. */
	{ "package: &p erlang-x\n",
	    "package=erlang-x version=- maintainer=- description=- "
	    "section=- priority=- homepage=- copyright=- include=-1 depends=[] "
	    "apps=[]" },
	{ "%YAML 1.1\n---\n\xef\xbb\xbfsection: misc\r\n...\n",
	    "package=- version=- maintainer=- description=- section=misc "
	    "priority=- homepage=- copyright=- include=-1 depends=[] apps=[]" },
};

START_TEST(test_good)
{
	const struct good_case *t = &good[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;
	char *got;

	erlrc_spec_init(&s);
	ck_assert_msg(erlrc_spec_parse(&s, NAME, t->text, strlen(t->text),
	    &err) == 0, "case %d: %s", _i, err.msg);
	got = dump(&s);
	ck_assert_str_eq(got, t->want);
	free(got);
	erlrc_spec_destroy(&s);
}
END_TEST

static const struct bad_case {
	const char *text;
	const char *msg;
} bad[] = {
	/* Top level and keys */
	{ "- package\n",
	    NAME ":1:1: expected a mapping of fields, got a list" },
	{ "erlang-x\n",
	    NAME ":1:1: expected a mapping of fields, got 'erlang-x'" },
	{ "package: ab\n---\nsection: c\n",
	    NAME ":2:1: expected a single YAML document" },
	{ "pakage: ab\n", NAME ":1:1: unknown key 'pakage'" },
	{ "Package: ab\n", NAME ":1:1: unknown key 'Package'" },
	{ "section: a\n\nsection: b\n",
	    NAME ":3:1: duplicate key 'section' (first on line 1)" },
	{ "start: no\n", NAME ":1:8: start: expected true or false, got 'no'" },
	{ "replaces: [a | b]\n", NAME ":1:12: replaces: 'a | b' has "
	    "alternatives, which Replaces does not take" },
	{ "provides: x\n", NAME ":1:11: provides: expected a list of "
	    "Provides clauses, got 'x'" },
	{ "provides: [a (>= 1)]\n", NAME ":1:12: provides: 'a (>= 1)': "
	    "Provides takes only an exact version, (= VERSION)" },
	{ "{include: true, include: false}",
	    NAME ":1:17: duplicate key 'include' (first on line 1)" },
	{ "? [a]\n: 1\n", NAME ":1:3: expected a key, got a list" },
	{ "~: 1\n", NAME ":1:1: expected a key, got null" },
	/* package */
	{ "package:\n", NAME ":1:9: package: expected a package name, "
	    "got null" },
	{ "package: ''\n", NAME ":1:10: package: expected a package name, "
	    "got ''" },
	{ "package: [a]\n", NAME ":1:10: package: expected a package name, "
	    "got a list" },
	{ "package: a\n", NAME ":1:10: package: 'a' is not a package name: "
	    "it is shorter than 2 characters" },
	{ "package: -ab\n", NAME ":1:10: package: '-ab' is not a package "
	    "name: it must start with a lowercase letter or a digit" },
	{ "package: .ab\n", NAME ":1:10: package: '.ab' is not a package "
	    "name: it must start with a lowercase letter or a digit" },
	{ "package: Erlang-x\n", NAME ":1:10: package: 'Erlang-x' is not a "
	    "package name: it must start with a lowercase letter or a "
	    "digit" },
	{ "package: erlang_x\n", NAME ":1:10: package: 'erlang_x' is not a "
	    "package name: it may hold only lowercase letters, digits, "
	    "'+', '-' and '.'" },
	{ "package: erlang-X\n", NAME ":1:10: package: 'erlang-X' is not a "
	    "package name: it may hold only lowercase letters, digits, "
	    "'+', '-' and '.'" },
	{ "package: \"erlang x\"\n", NAME ":1:10: package: 'erlang x' is "
	    "not a package name: it may hold only lowercase letters, "
	    "digits, '+', '-' and '.'" },
	{ "package: \" ab\"\n", NAME ":1:10: package: ' ab' has blanks at "
	    "an end" },
	{ "package: \"ab\\n\"\n", NAME ":1:10: package: expected a single "
	    "line, got 'ab\\n'" },
	/* version */
	{ "version:\n", NAME ":1:9: version: expected a version, got null" },
	{ "version: {a: 1}\n", NAME ":1:10: version: expected a version, "
	    "got a mapping" },
	{ "version: 2.0 1\n", NAME ":1:10: version: version '2.0 1' has bad "
	    "syntax: version string has embedded spaces" },
	{ "version: a1.0\n", NAME ":1:10: version: version 'a1.0' has bad "
	    "syntax: version number does not start with digit" },
	{ "version: '1:'\n", NAME ":1:10: version: version '1:' has bad "
	    "syntax: nothing after colon in version number" },
	{ "version: \"1.0\\t\"\n", NAME ":1:10: version: '1.0\\t' holds a "
	    "control character" },
	/* maintainer */
	{ "maintainer: []\n", NAME ":1:13: maintainer: expected "
	    "'Name <address>', got a list" },
	{ "maintainer: Jane Doe\n", NAME ":1:13: maintainer: 'Jane Doe' is "
	    "not 'Name <address>': it does not end with '>'" },
	{ "maintainer: Jane Doe <jane@example.org> x\n", NAME ":1:13: "
	    "maintainer: 'Jane Doe <jane@example.org> x' is not "
	    "'Name <address>': it does not end with '>'" },
	{ "maintainer: jane@example.org>\n", NAME ":1:13: maintainer: "
	    "'jane@example.org>' is not 'Name <address>': it has no '<' "
	    "before the address" },
	{ "maintainer: <jane@example.org>\n", NAME ":1:13: maintainer: "
	    "'<jane@example.org>' is not 'Name <address>': there is no name "
	    "before '<'" },
	{ "maintainer: Jane<jane@example.org>\n", NAME ":1:13: maintainer: "
	    "'Jane<jane@example.org>' is not 'Name <address>': there is no "
	    "blank between the name and '<'" },
	{ "maintainer: Jane <jane>\n", NAME ":1:13: maintainer: "
	    "'Jane <jane>' is not 'Name <address>': the address is not "
	    "user@domain" },
	{ "maintainer: Jane <@example.org>\n", NAME ":1:13: maintainer: "
	    "'Jane <@example.org>' is not 'Name <address>': the address is "
	    "not user@domain" },
	{ "maintainer: Jane <jane@>\n", NAME ":1:13: maintainer: "
	    "'Jane <jane@>' is not 'Name <address>': the address is not "
	    "user@domain" },
	{ "maintainer: Jane <jane @x>\n", NAME ":1:13: maintainer: "
	    "'Jane <jane @x>' is not 'Name <address>': the address has a "
	    "blank, '<' or '>' inside" },
	{ "maintainer: Jane <j>a@x>\n", NAME ":1:13: maintainer: "
	    "'Jane <j>a@x>' is not 'Name <address>': the address has a "
	    "blank, '<' or '>' inside" },
	{ "maintainer: <oe, Jane <jane@example.org>\n", NAME ":1:13: "
	    "maintainer: '<oe, Jane <jane@example.org>' is not "
	    "'Name <address>': there is no name before '<'" },
	{ "maintainer: Jane <x <jane@example.org>\n", NAME ":1:13: "
	    "maintainer: 'Jane <x <jane@example.org>' is not "
	    "'Name <address>': the address has a blank, '<' or '>' "
	    "inside" },
	{ "maintainer: Ja>ne <jane@example.org>\n", NAME ":1:13: "
	    "maintainer: 'Ja>ne <jane@example.org>' is not "
	    "'Name <address>': the name has a '>' inside" },
	{ "maintainer: \"Jane\\nDoe <j@x>\"\n", NAME ":1:13: maintainer: "
	    "expected a single line, got 'Jane\\nDoe <j@x>'" },
	{ "maintainer: \"Jane <j@x> \"\n", NAME ":1:13: maintainer: "
	    "'Jane <j@x> ' has blanks at an end" },
	/* description */
	{ "description:\n", NAME ":1:13: description: expected a synopsis "
	    "line, got null" },
	{ "description: ''\n", NAME ":1:14: description: expected a "
	    "synopsis line, got ''" },
	{ "description: [a]\n", NAME ":1:14: description: expected a "
	    "synopsis line, got a list" },
	{ "description: |\n\n  more\n", NAME ":1:14: description: the first "
	    "line (the synopsis) is empty" },
	{ "description: \"\\n\\n\"\n", NAME ":1:14: description: the first "
	    "line (the synopsis) is empty" },
	{ "description: \"  \\nmore\"\n", NAME ":1:14: description: the "
	    "first line (the synopsis) is empty" },
	{ "description: |\n   Synopsis\n  more\n", NAME ":3:3: did not find "
	    "expected key (while parsing a block mapping at line 1, "
	    "column 1)" },
	{ "description: \" Synopsis\"\n", NAME ":1:14: description: the "
	    "synopsis has blanks at an end" },
	{ "description: |\n  Synopsis \n  more\n", NAME ":1:14: description: "
	    "the synopsis has blanks at an end" },
	{ "description: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	  "xxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", NAME ":1:14: description: the "
	    "synopsis has 81 characters, more than 80" },
	{ "description: |\n  Synopsis\n  a\tb\n", NAME ":1:14: description: "
	    "'Synopsis\\na\\tb\\n' holds a control character" },
	{ "description: \"Synopsis\\r\\nmore\"\n", NAME ":1:14: description: "
	    "'Synopsis\\x0d\\nmore' holds a control character" },
	{ "description: \"Synopsis \\x85 more\"\n", NAME ":1:14: "
	    "description: 'Synopsis \xc2\x85 more' holds a control "
	    "character" },
	/* section */
	{ "section:\n", NAME ":1:9: section: expected a section, got null" },
	{ "section: [misc]\n", NAME ":1:10: section: expected a section, "
	    "got a list" },
	{ "section: contrib net\n", NAME ":1:10: section: 'contrib net' has "
	    "a blank inside" },
	{ "section: \"misc\\n\"\n", NAME ":1:10: section: expected a single "
	    "line, got 'misc\\n'" },
	/* priority */
	{ "priority: Optional\n", NAME ":1:11: priority: expected required, "
	    "important, standard, optional or extra, got 'Optional'" },
	{ "priority: \"optional \"\n", NAME ":1:11: priority: expected "
	    "required, important, standard, optional or extra, "
	    "got 'optional '" },
	{ "priority:\n", NAME ":1:10: priority: expected required, "
	    "important, standard, optional or extra, got null" },
	{ "priority: {}\n", NAME ":1:11: priority: expected required, "
	    "important, standard, optional or extra, got a mapping" },
	/* homepage */
	{ "homepage: example.org\n", NAME ":1:11: homepage: 'example.org' "
	    "does not start with http:// or https://" },
	{ "homepage: ftp://example.org\n", NAME ":1:11: homepage: "
	    "'ftp://example.org' does not start with http:// or https://" },
	{ "homepage: HTTP://example.org\n", NAME ":1:11: homepage: "
	    "'HTTP://example.org' does not start with http:// or https://" },
	{ "homepage: https://\n", NAME ":1:11: homepage: 'https://' has no "
	    "host" },
	{ "homepage: https://a b\n", NAME ":1:11: homepage: 'https://a b' "
	    "has a blank inside" },
	{ "homepage:\n", NAME ":1:10: homepage: expected a URL, got null" },
	/* copyright */
	{ "copyright:\n", NAME ":1:11: copyright: expected the path of a "
	    "copyright file, got null" },
	{ "copyright: [LICENSE]\n", NAME ":1:12: copyright: expected the "
	    "path of a copyright file, got a list" },
	{ "copyright: \"LICENSE\\n\"\n", NAME ":1:12: copyright: "
	    "expected a single line, got 'LICENSE\\n'" },
	{ "copyright: \"LICENSE \"\n", NAME ":1:12: copyright: 'LICENSE ' "
	    "has blanks at an end" },
	/* include */
	{ "include: yes\n", NAME ":1:10: include: expected true or false, "
	    "got 'yes'" },
	{ "include: True\n", NAME ":1:10: include: expected true or false, "
	    "got 'True'" },
	{ "include: 1\n", NAME ":1:10: include: expected true or false, "
	    "got '1'" },
	{ "include:\n", NAME ":1:9: include: expected true or false, "
	    "got null" },
	{ "include: [true]\n", NAME ":1:10: include: expected true or "
	    "false, got a list" },
	/* depends */
	{ "depends: libssl3\n", NAME ":1:10: depends: expected a list of "
	    "Depends clauses, got 'libssl3'" },
	{ "depends: {a: b}\n", NAME ":1:10: depends: expected a list of "
	    "Depends clauses, got a mapping" },
	{ "depends:\n  - aa\n  - b, c\n", NAME ":3:5: depends: 'b, c' holds a "
	    "comma: write one clause per item" },
	{ "depends:\n  - aa\n  -\n", NAME ":3:4: depends: expected a Depends "
	    "clause, got null" },
	{ "depends: ['']\n", NAME ":1:11: depends: expected a Depends "
	    "clause, got ''" },
	{ "depends: [[a]]\n", NAME ":1:11: depends: expected a Depends "
	    "clause, got a list" },
	{ "depends: ['aa |']\n", NAME ":1:11: depends: 'aa |' has an empty "
	    "alternative" },
	{ "depends: ['aa | ']\n", NAME ":1:11: depends: 'aa | ' has blanks "
	    "at an end" },
	{ "depends: ['aa | | b']\n", NAME ":1:11: depends: 'aa | | b' has an "
	    "empty alternative" },
	{ "depends: ['|b']\n", NAME ":1:11: depends: '|b' has an empty "
	    "alternative" },
	{ "depends: [\"a\\nb\"]\n", NAME ":1:11: depends: expected a single "
	    "line, got 'a\\nb'" },
	{ "depends: ['aa (>= 1']\n", NAME ":1:11: depends: 'aa (>= 1' is "
	    "not a Depends clause: the parentheses are not closed" },
	{ "depends: ['aa (=> 1)']\n", NAME ":1:11: depends: 'aa (=> 1)' is "
	    "not a Depends clause: version '>' has bad syntax: version "
	    "number does not start with digit" },
	{ "depends: ['Foo']\n", NAME ":1:11: depends: 'Foo' is not a "
	    "Depends clause: 'Foo' is not a package name: it must start "
	    "with a lowercase letter or a digit" },
	{ "depends: ['aa (>= x1)']\n", NAME ":1:11: depends: 'aa (>= x1)' "
	    "is not a Depends clause: version 'x1' has bad syntax: version "
	    "number does not start with digit" },
	{ "depends: ['aa bb']\n", NAME ":1:11: depends: 'aa bb' is not a "
	    "Depends clause: something follows the package, its version and "
	    "its architectures" },
	{ "depends: ['aa ()']\n", NAME ":1:11: depends: 'aa ()' is not a "
	    "Depends clause: a relation (<<, <=, =, >= or >>) must open the "
	    "parentheses" },
	/* applications */
	{ "applications: [sensorlog]\n", NAME ":1:15: applications: "
	    "expected a mapping of application names to packages, "
	    "got a list" },
	{ "applications: sensorlog\n", NAME ":1:15: applications: expected "
	    "a mapping of application names to packages, got 'sensorlog'" },
	{ "applications:\n  Sensor: {package: ab}\n", NAME ":2:3: "
	    "applications: 'Sensor' is not a valid application name" },
	{ "applications:\n  erlang-sensor: {package: ab}\n", NAME ":2:3: "
	    "applications: 'erlang-sensor' is not a valid application name" },
	{ "applications:\n  case: {package: ab}\n", NAME ":2:3: "
	    "applications: 'case' is not a valid application name" },
	{ "applications:\n  ~: {package: ab}\n", NAME ":2:3: applications: "
	    "expected an application name, got null" },
	{ "applications:\n  b: {package: ab}\n  a: {package: ab}\n"
	  "  b: {version: '= 1'}\n", NAME ":4:3: applications: duplicate "
	    "application 'b' (first on line 2)" },
	{ "applications:\n  a:\n", NAME ":2:5: applications.a: expected a "
	    "mapping of package and version, got null" },
	{ "applications:\n  a: erlang-a\n", NAME ":2:6: applications.a: "
	    "expected a mapping of package and version, got 'erlang-a'" },
	{ "applications:\n  a: {}\n", NAME ":2:6: applications.a: expected "
	    "package or version, got an empty mapping" },
	{ "applications:\n  a:\n    pkg: ab\n", NAME ":3:5: applications.a: "
	    "unknown key 'pkg'" },
	{ "applications:\n  a:\n    ~: ab\n", NAME ":3:5: applications.a: "
	    "expected a key, got null" },
	{ "applications:\n  a:\n    package: ab\n    package: cd\n",
	    NAME ":4:5: applications.a: duplicate key 'package' (first on "
	    "line 3)" },
	{ "applications:\n  a:\n    package: A\n", NAME ":3:14: "
	    "applications.a.package: 'A' is not a package name: it is "
	    "shorter than 2 characters" },
	{ "applications:\n  a:\n    package: [ab]\n", NAME ":3:14: "
	    "applications.a.package: expected a package name, got a list" },
	{ "applications:\n  a:\n    version: 1.0\n", NAME ":3:14: "
	    "applications.a.version: expected a relation (<<, <=, =, >= or "
	    ">>) and a version, got '1.0'" },
	{ "applications:\n  a:\n    version: '< 1.0'\n", NAME ":3:14: "
	    "applications.a.version: expected a relation (<<, <=, =, >= or "
	    ">>) and a version, got '< 1.0'" },
	{ "applications:\n  a:\n    version: '>=1.0'\n", NAME ":3:14: "
	    "applications.a.version: expected a blank after the relation, "
	    "got '>=1.0'" },
	{ "applications:\n  a:\n    version: '=>1.0'\n", NAME ":3:14: "
	    "applications.a.version: expected a blank after the relation, "
	    "got '=>1.0'" },
	{ "applications:\n  a:\n    version: '= >1.0'\n", NAME ":3:14: "
	    "applications.a.version: version '>1.0' has bad syntax: "
	    "version number does not start with digit" },
	{ "applications:\n  a:\n    version: '>='\n", NAME ":3:14: "
	    "applications.a.version: expected a version after the "
	    "relation, got '>='" },
	{ "applications:\n  a:\n    version: '>= 1.0 '\n", NAME ":3:14: "
	    "applications.a.version: '>= 1.0 ' has blanks at an end" },
	{ "applications:\n  a:\n    version: '>= 1.0 1'\n", NAME ":3:14: "
	    "applications.a.version: version '1.0 1' has bad syntax: "
	    "version string has embedded spaces" },
	{ "applications:\n  a:\n    version: >= 1.0\n", NAME ":3:15: did "
	    "not find expected comment or line break (while scanning a "
	    "block scalar at line 3, column 14)" },
	{ "applications:\n  a:\n    version: ~\n", NAME ":3:14: "
	    "applications.a.version: expected a relation and a version, "
	    "got null" },
	/* What a spec has no use for */
	{ "package: !!str ab\n", NAME ":1:10: tags are not supported" },
	{ "!!map {package: ab}\n", NAME ":1:1: tags are not supported" },
	{ "package: &p ab\napplications: {a: {package: *p}}\n",
	    NAME ":2:29: aliases are not supported" },
	{ "section: \"a\\0b\"\n",
	    NAME ":1:10: a string may not contain a NUL character" },
	/* Syntax errors: libyaml's words and position */
	{ "depends: [aa\n", NAME ":2:1: did not find expected ',' or ']' "
	    "(while parsing a flow sequence at line 1, column 10)" },
	{ "section: 'abc\n", NAME ":2:1: found unexpected end of stream "
	    "(while scanning a quoted scalar at line 1, column 10)" },
	{ "section: misc\n\xff: 2\n",
	    NAME ":2:1: invalid leading UTF-8 octet (#FF)" },
	{ "section: misc\npriority: \x01\n",
	    NAME ":2:11: control characters are not allowed (#1)" },
};

START_TEST(test_bad)
{
	const struct bad_case *t = &bad[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;
	char *before, *after;
	static const char prev[] = "package: erlang-old\ninclude: false\n"
	    "applications: {old: {package: erlang-old}}\n";

	erlrc_spec_init(&s);
	ck_assert_int_eq(erlrc_spec_parse(&s, NAME, prev, strlen(prev),
	    &err), 0);
	before = dump(&s);
	ck_assert_msg(erlrc_spec_parse(&s, NAME, t->text, strlen(t->text),
	    &err) == -1, "case %d parsed", _i);
	ck_assert_str_eq(err.msg, t->msg);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	/* A failed parse leaves the spec alone. */
	after = dump(&s);
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	erlrc_spec_destroy(&s);
}
END_TEST

/* A NUL byte in the file itself, which strlen-based tables cannot hold. */
START_TEST(test_nul_byte)
{
	static const char text[] = "section: misc\n\0";
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;

	erlrc_spec_init(&s);
	ck_assert_int_eq(erlrc_spec_parse(&s, NAME, text, sizeof(text) - 1,
	    &err), -1);
	ck_assert_str_eq(err.msg,
	    NAME ":2:1: control characters are not allowed (#0)");
	erlrc_spec_destroy(&s);
}
END_TEST

/* Deep nesting is refused at its first level, not recursed into. */
START_TEST(test_deep_nesting)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;
	struct erlrc_buf b = ERLRC_BUF_INIT;
	int i;

	erlrc_buf_adds(&b, "applications: {a: {version: ");
	for (i = 0; i < 100000; i++)
		erlrc_buf_addc(&b, '[');
	erlrc_spec_init(&s);
	ck_assert_int_eq(erlrc_spec_parse(&s, NAME, b.s, b.len, &err), -1);
	ck_assert_str_eq(err.msg, NAME ":1:29: applications.a.version: "
	    "expected a relation and a version, got a list");
	erlrc_spec_destroy(&s);
	erlrc_buf_destroy(&b);
}
END_TEST

/* A comment of LEN bytes in all, in a new buffer. */
static char *
comment(size_t len)
{
	char *text = erlrc_xmalloc(len + 1);

	memset(text, 'x', len);
	text[0] = '#';
	text[len - 1] = '\n';
	text[len] = '\0';
	return text;
}

/* 1 MiB is allowed, one byte more is not, wherever it falls. */
START_TEST(test_size_limit)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;
	char *text = comment(ERLRC_SPEC_MAX + 1);

	erlrc_spec_init(&s);
	ck_assert_msg(erlrc_spec_parse(&s, NAME, text, ERLRC_SPEC_MAX,
	    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(erlrc_spec_parse(&s, NAME, text,
	    ERLRC_SPEC_MAX + 1, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, NAME ":1:1048577: a spec file has at "
	    "most 1048576 bytes (1 MiB)");
	free(text);
	erlrc_spec_destroy(&s);
}
END_TEST

START_TEST(test_app_lookup)
{
	static const char text[] = "applications:\n"
	    "  sensorlog: {package: erlang-sensorlog}\n"
	    "  crypto: {version: '>= 5.0'}\n"
	    "  asn1: {package: erlang-asn1, version: '= 5.0'}\n";
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;
	const struct erlrc_spec_app *a;

	erlrc_spec_init(&s);
	ck_assert_ptr_null(erlrc_spec_app(&s, "crypto"));
	ck_assert_int_eq(erlrc_spec_parse(&s, NAME, text, strlen(text),
	    &err), 0);
	a = erlrc_spec_app(&s, "crypto");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->name, "crypto");
	ck_assert_ptr_null(a->package);
	ck_assert_str_eq(a->version, ">= 5.0");
	a = erlrc_spec_app(&s, "asn1");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->package, "erlang-asn1");
	ck_assert_str_eq(a->version, "= 5.0");
	a = erlrc_spec_app(&s, "sensorlog");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->package, "erlang-sensorlog");
	ck_assert_ptr_null(a->version);
	ck_assert_ptr_null(erlrc_spec_app(&s, "sensor"));
	ck_assert_ptr_null(erlrc_spec_app(&s, ""));
	erlrc_spec_destroy(&s);
}
END_TEST

/* A second parse replaces the first completely; destroy resets. */
START_TEST(test_reparse)
{
	static const char one[] = "package: ab\ninclude: true\n"
	    "depends: [xy]\napplications: {a: {package: cd}}\n";
	static const char two[] = "section: misc\n";
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;
	char *got;

	erlrc_spec_init(&s);
	ck_assert_int_eq(erlrc_spec_parse(&s, NAME, one, strlen(one), &err),
	    0);
	ck_assert_int_eq(erlrc_spec_parse(&s, NAME, two, strlen(two), &err),
	    0);
	got = dump(&s);
	ck_assert_str_eq(got, "package=- version=- maintainer=- "
	    "description=- section=misc priority=- homepage=- copyright=- "
	    "include=-1 "
	    "depends=[] apps=[]");
	free(got);
	ck_assert_int_eq(erlrc_spec_parse(&s, NAME, NULL, 0, &err), 0);
	got = dump(&s);
	ck_assert_str_eq(got, UNSET);
	free(got);
	ck_assert_int_eq(erlrc_spec_parse(&s, NAME, one, strlen(one), &err),
	    0);
	erlrc_spec_destroy(&s);
	got = dump(&s);
	ck_assert_str_eq(got, UNSET);
	free(got);
	erlrc_spec_destroy(&s);
}
END_TEST

START_TEST(test_read_file)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;
	char *got;

	erlrc_spec_init(&s);
	ck_assert_msg(erlrc_spec_read(&s, ERLRC_TEST_DATA
	    "/spec/sensor.yaml", &err) == 0, "%s", err.msg);
	got = dump(&s);
	ck_assert_str_eq(got, "package=erlang-sensor version=2.0-1 "
	    "maintainer=Jane Doe <jane@example.org> "
	    "description=Traffic sensor readings\\n"
	    "The sensor application reads the loops of one crossing\\n"
	    "and sends what they count to sensorlog. "
	    "section=misc priority=optional "
	    "homepage=https://example.org/sensor copyright=debian/copyright "
	    "include=1 depends=[libssl3 (>= 3.0);systemd | sysvinit-core] "
	    "apps=[crypto:erlang-crypto:-,"
	    "sensorlog:erlang-sensorlog:>= 1.0-1]");
	free(got);
	erlrc_spec_destroy(&s);
}
END_TEST

START_TEST(test_read_bad_file)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;

	erlrc_spec_init(&s);
	ck_assert_int_eq(erlrc_spec_read(&s, ERLRC_TEST_DATA
	    "/spec/typo.yaml", &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, ERLRC_TEST_DATA "/spec/typo.yaml:6:5: "
	    "applications.sensorlog: unknown key 'packages'");
	erlrc_spec_destroy(&s);
}
END_TEST

START_TEST(test_read_missing)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;

	erlrc_spec_init(&s);
	ck_assert_int_eq(erlrc_spec_read(&s, ERLRC_TEST_DATA
	    "/spec/no-such-file.yaml", &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	ck_assert_str_eq(err.msg, ERLRC_TEST_DATA
	    "/spec/no-such-file.yaml: No such file or directory");
	erlrc_spec_destroy(&s);
}
END_TEST

START_TEST(test_read_directory)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;

	erlrc_spec_init(&s);
	ck_assert_int_eq(erlrc_spec_read(&s, ERLRC_TEST_DATA "/spec", &err),
	    -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
	ck_assert_str_eq(err.msg, ERLRC_TEST_DATA "/spec: read: Is a "
	    "directory");
	erlrc_spec_destroy(&s);
}
END_TEST

/* A file past the limit is refused, and not read to its end. */
START_TEST(test_read_too_large)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_spec s;
	char path[4096], *text = comment(ERLRC_SPEC_MAX + 1);
	FILE *f;

	snprintf(path, sizeof(path), "%s/big.yaml",
	    erlrc_scratch_dir("spec"));
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fwrite(text, 1, ERLRC_SPEC_MAX + 1, f),
	    ERLRC_SPEC_MAX + 1);
	ck_assert_int_eq(fclose(f), 0);
	erlrc_spec_init(&s);
	ck_assert_int_eq(erlrc_spec_read(&s, path, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, ":1:1048577: a spec file has "
	    "at most 1048576 bytes (1 MiB)"));
	ck_assert_int_eq(truncate(path, ERLRC_SPEC_MAX), 0);
	ck_assert_msg(erlrc_spec_read(&s, path, &err) == 0, "%s", err.msg);
	/* /dev/zero never ends: only the limit stops the reading. */
	ck_assert_int_eq(erlrc_spec_read(&s, "/dev/zero", &err), -1);
	ck_assert_str_eq(err.msg, "/dev/zero:1:1048577: a spec file has at "
	    "most 1048576 bytes (1 MiB)");
	free(text);
	erlrc_spec_destroy(&s);
}
END_TEST

Suite *
erlrc_test_spec_suite(void)
{
	Suite *s = suite_create("spec");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_good, 0, sizeof(good) / sizeof(good[0]));
	tcase_add_loop_test(tc, test_bad, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_nul_byte);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_size_limit);
	tcase_add_test(tc, test_app_lookup);
	tcase_add_test(tc, test_reparse);
	suite_add_tcase(s, tc);

	tc = tcase_create("read");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_add_test(tc, test_read_file);
	tcase_add_test(tc, test_read_bad_file);
	tcase_add_test(tc, test_read_missing);
	tcase_add_test(tc, test_read_directory);
	tcase_add_test(tc, test_read_too_large);
	suite_add_tcase(s, tc);
	return s;
}
