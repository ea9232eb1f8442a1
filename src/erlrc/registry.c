/* SPDX-License-Identifier: GPL-2.0-or-later */
/* registry.c - the registered applications and nodes of this host */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <erlrc/buf.h>
#include <erlrc/registry.h>
#include <erlrc/xalloc.h>
#include <erlrc/yaml.h>

/* The largest registration file read: a few settings. */
#define APP_FILE_MAX 65536

#ifndef HOST_NAME_MAX
#define HOST_NAME_MAX 255
#endif

/* Erlang's reserved words: as atoms they would need quotes. */
static const char *const reserved_words[] = {
	"after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl",
	"bsr", "bxor", "case", "catch", "cond", "div", "else", "end", "fun",
	"if", "let", "maybe", "not", "of", "or", "orelse", "receive", "rem",
	"try", "when", "xor",
};

/* What dpkg leaves next to a conffile while it works or after it. */
static const char *const dpkg_suffixes[] = {
	".dpkg-new", ".dpkg-old", ".dpkg-tmp", ".dpkg-dist", ".dpkg-bak",
	".dpkg-remove",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_node(const void *a, const void *b)
{
	const struct erlrc_node *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* By name, then file, so that duplicates are reported the same way. */
static int
cmp_node_file(const void *a, const void *b)
{
	const struct erlrc_node *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->file, y->file);
}

/*
 * erlrc_registry_valid_app_name - 1 when NAME can be an application name
 * written as an unquoted Erlang atom: a lowercase letter, then letters,
 * digits, '_' and '@', at most ERLRC_NAME_MAX bytes, not a reserved word.
 * Else 0.
 */
int
erlrc_registry_valid_app_name(const char *name)
{
	size_t i, len = strlen(name);

	if (len == 0 || len > ERLRC_NAME_MAX)
		return 0;
	if (name[0] < 'a' || name[0] > 'z')
		return 0;
	for (i = 1; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '@'))
			return 0;
	}
	for (i = 0; i < COUNT(reserved_words); i++)
		if (strcmp(name, reserved_words[i]) == 0)
			return 0;
	return 1;
}

/* NAME for a message: control characters and quotes as \xNN. */
static void
shown(const char *name, char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	unsigned char c;

	for (; *name && o + 5 < size; name++) {
		c = (unsigned char)*name;
		if (c < 0x20 || c == 0x7f || c == '\'') {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		} else
			out[o++] = (char)c;
	}
	out[o] = '\0';
}

/* erlrc_registry_check_app - see registry.h. */
int
erlrc_registry_check_app(const char *name, struct erlrc_error *err)
{
	char s[4 * ERLRC_NAME_MAX + 8];
	size_t i;

	if (erlrc_registry_valid_app_name(name))
		return 0;
	shown(name, s, sizeof(s));
	for (i = 0; i < COUNT(reserved_words); i++)
		if (strcmp(name, reserved_words[i]) == 0)
			return erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is "
			    "not an application name erlrc accepts: it is a "
			    "reserved word of Erlang, an atom only with quotes",
			    s);
	return erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is not an "
	    "application name erlrc accepts: it must be an atom without "
	    "quotes (a lowercase letter, then letters, digits, '_' and '@'; "
	    "at most %d bytes)", s, ERLRC_NAME_MAX);
}

/* erlrc_registry_check_vsn - see registry.h. */
int
erlrc_registry_check_vsn(const char *vsn, struct erlrc_error *err)
{
	char s[4 * ERLRC_NAME_MAX + 8];
	size_t i, len = strlen(vsn);

	shown(vsn, s, sizeof(s));
	if (len == 0 || len > ERLRC_NAME_MAX)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is not a "
		    "version erlrc accepts: it must be 1 to %d bytes", s,
		    ERLRC_NAME_MAX);
	for (i = 0; i < len; i++)
		if ((unsigned char)vsn[i] < 0x20 || vsn[i] == 0x7f ||
		    vsn[i] == '/')
			return erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is "
			    "not a version erlrc accepts: it names a directory "
			    "APP-VSN, so it may hold no '/' and no control "
			    "character", s);
	if (strcmp(vsn, ".") == 0 || strcmp(vsn, "..") == 0)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is not a "
		    "version erlrc accepts: it names a directory APP-VSN", s);
	return 0;
}

/*
 * erlrc_registry_dpkg_leftover - 1 when NAME ends in one of the suffixes
 * dpkg gives a conffile's other versions (.dpkg-new, .dpkg-old, .dpkg-tmp,
 * .dpkg-dist, .dpkg-bak, .dpkg-remove): such files are not entries of
 * the registry.  Else 0.
 */
int
erlrc_registry_dpkg_leftover(const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < COUNT(dpkg_suffixes); i++) {
		size_t slen = strlen(dpkg_suffixes[i]);

		if (len >= slen &&
		    strcmp(name + len - slen, dpkg_suffixes[i]) == 0)
			return 1;
	}
	return 0;
}

static int
alive_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static int
host_char(char c)
{
	return alive_char(c) || c == '.';
}

/* The host name up to its first '.', checked like a node's host part. */
static int
short_hostname(char *buf, size_t size, struct erlrc_error *err)
{
	size_t i;

	if (gethostname(buf, size) < 0)
		return erlrc_error_errno(err, "gethostname");
	buf[size - 1] = '\0';
	buf[strcspn(buf, ".")] = '\0';
	for (i = 0; buf[i]; i++)
		if (!host_char(buf[i]))
			break;
	if (i == 0 || buf[i])
		return erlrc_error_set(err, ERLRC_ERR_SYSTEM,
		    "the host name '%s' cannot be used in a node name", buf);
	return 0;
}

/*
 * erlrc_node_full_name - turn NAME, as written in a node file's name or
 * given by the user, into a full node name: "alive" is
 * "alive@SHORTHOST" (gethostname cut at the first '.', as erl -sname
 * does), "alive@host" is kept.  The alive part is [A-Za-z0-9_-]+, the
 * host part [A-Za-z0-9._-]+, and the whole at most ERLRC_NAME_MAX bytes.
 * On success *FULL is a new string the caller frees; returns 0.  Else -1
 * with ERLRC_ERR_INPUT and a message that does not repeat NAME (callers
 * prefix it), or ERLRC_ERR_SYSTEM when the host name is unusable.
 */
int
erlrc_node_full_name(const char *name, char **full, struct erlrc_error *err)
{
	char host[HOST_NAME_MAX + 1];
	const char *at = strchr(name, '@');
	size_t i, alive_len = at ? (size_t)(at - name) : strlen(name);

	*full = NULL;
	for (i = 0; i < alive_len; i++)
		if (!alive_char(name[i]))
			break;
	if (alive_len == 0 || i < alive_len)
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "not a valid node name (expected alive or alive@host, "
		    "alive made of letters, digits, '_' and '-')");
	if (at) {
		for (i = 1; at[i]; i++)
			if (!host_char(at[i]))
				break;
		if (i == 1 || at[i])
			return erlrc_error_set(err, ERLRC_ERR_INPUT,
			    "not a valid node name (expected a host name "
			    "made of letters, digits, '.', '_' and '-' "
			    "after '@')");
		if (strlen(name) > ERLRC_NAME_MAX)
			return erlrc_error_set(err, ERLRC_ERR_INPUT,
			    "node name longer than %d bytes",
			    ERLRC_NAME_MAX);
		*full = erlrc_xstrdup(name);
		return 0;
	}
	if (short_hostname(host, sizeof(host), err) < 0)
		return -1;
	if (alive_len + 1 + strlen(host) > ERLRC_NAME_MAX)
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "node name longer than %d bytes", ERLRC_NAME_MAX);
	*full = erlrc_xasprintf("%s@%s", name, host);
	return 0;
}

/*
 * erlrc_node_free_cookie - overwrite COOKIE with zeros, then free it, so a
 * cookie does not linger in freed memory.  NULL is fine.
 */
void
erlrc_node_free_cookie(char *cookie)
{
	if (!cookie)
		return;
	explicit_bzero(cookie, strlen(cookie));
	free(cookie);
}

/*
 * Take the cookie out of the first line of BUF, the first N bytes of the
 * file: room for a cookie one byte too long, so that a line that does not
 * end in BUF is too long.  Never put the cookie in a message.
 */
static int
parse_cookie(const char *path, const char *buf, size_t n, char **cookie,
    struct erlrc_error *err)
{
	const char *nl = memchr(buf, '\n', n);
	size_t i, len;

	len = nl ? (size_t)(nl - buf) : n;
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	if (len == 0)
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "%s: empty cookie (it is the first line of the file)",
		    path);
	if (len > ERLRC_COOKIE_MAX)
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "%s: cookie longer than %d bytes", path,
		    ERLRC_COOKIE_MAX);
	for (i = 0; i < len; i++)
		if (buf[i] < ' ' || buf[i] > '~')
			return erlrc_error_set(err, ERLRC_ERR_INPUT,
			    "%s: the cookie may only hold printable ASCII "
			    "characters (byte %zu is not)", path, i + 1);
	*cookie = erlrc_xstrndup(buf, len);
	return 0;
}

/*
 * erlrc_node_read_cookie_file - read the cookie in PATH: its first line,
 * without the line end; the rest of the file is ignored.  Like ssh, the
 * file is refused unless it is a regular file (not a symbolic link), has
 * no permission bits for group and others (0600 or stricter) and is owned
 * by root or by the effective uid; the checks are made on the file
 * actually read.  The cookie must be 1 to ERLRC_COOKIE_MAX printable
 * ASCII characters (what Erlang accepts).  On success *COOKIE is a new
 * string to release with erlrc_node_free_cookie; returns 0.  Else -1, with
 * ERLRC_ERR_INPUT for a refused file, ERLRC_ERR_NOTFOUND for a missing one
 * and ERLRC_ERR_SYSTEM for other failures; messages name PATH and never
 * contain the cookie.
 */
int
erlrc_node_read_cookie_file(const char *path, char **cookie,
    struct erlrc_error *err)
{
	char buf[ERLRC_COOKIE_MAX + 2];	/* cookie and "\r\n" */
	struct stat lst, st;
	size_t n = 0;
	ssize_t r;
	int fd = -1, ret = -1;

	*cookie = NULL;
	if (lstat(path, &lst) < 0)
		return erlrc_error_errno(err, "%s", path);
	if (S_ISLNK(lst.st_mode))
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "%s: a cookie file must not be a symbolic link", path);
	if (!S_ISREG(lst.st_mode))
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "%s: not a regular file", path);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC);
	if (fd < 0)
		return erlrc_error_errno(err, "%s", path);
	if (fstat(fd, &st) < 0) {
		erlrc_error_errno(err, "%s: fstat", path);
		goto out;
	}
	if (st.st_dev != lst.st_dev || st.st_ino != lst.st_ino ||
	    !S_ISREG(st.st_mode)) {
		erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "%s: file replaced while being opened", path);
		goto out;
	}
	if ((st.st_mode & 077) != 0) {
		erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "%s: mode %04o is too open: a cookie file must not be "
		    "accessible to group or others (chmod 600)", path,
		    (unsigned)(st.st_mode & 07777));
		goto out;
	}
	if (st.st_uid != 0 && st.st_uid != geteuid()) {
		erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "%s: owned by uid %lu: a cookie file must be owned by "
		    "root or uid %lu", path, (unsigned long)st.st_uid,
		    (unsigned long)geteuid());
		goto out;
	}
	while (n < sizeof(buf)) {
		r = read(fd, buf + n, sizeof(buf) - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			erlrc_error_errno(err, "%s: read", path);
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	ret = parse_cookie(path, buf, n, cookie, err);
out:
	explicit_bzero(buf, sizeof(buf));
	close(fd);
	return ret;
}

/* A directory's names, sorted, without ".", ".." and dpkg's leftovers;
 * a missing directory has none. */
static int
list_dir(const char *dir, char ***names, size_t *n, struct erlrc_error *err)
{
	DIR *d;
	struct dirent *de;
	char **v = NULL;
	size_t nv = 0, cap = 0, i;

	*names = NULL;
	*n = 0;
	d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		return erlrc_error_errno(err, "%s", dir);
	}
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de)
			break;
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    erlrc_registry_dpkg_leftover(de->d_name))
			continue;
		v = erlrc_xgrow(v, &cap, nv, sizeof(*v));
		v[nv++] = erlrc_xstrdup(de->d_name);
	}
	if (errno != 0) {
		erlrc_error_errno(err, "%s: readdir", dir);
		closedir(d);
		for (i = 0; i < nv; i++)
			free(v[i]);
		free(v);
		return -1;
	}
	closedir(d);
	if (nv > 1)
		qsort(v, nv, sizeof(*v), cmp_str);
	*names = v;
	*n = nv;
	return 0;
}

static void
free_names(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
free_nodes(struct erlrc_node *nodes, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(nodes[i].name);
		free(nodes[i].file);
		erlrc_node_free_cookie(nodes[i].cookie);
	}
	free(nodes);
}

/*
 * erlrc_registry_init - an empty registry, to fill with
 * erlrc_registry_read_apps and erlrc_registry_read_nodes.
 */
void
erlrc_registry_init(struct erlrc_registry *r)
{
	r->apps = NULL;
	r->napps = 0;
	r->nodes = NULL;
	r->nnodes = 0;
	r->skipped = NULL;
	r->nskipped = 0;
	r->held = NULL;
	r->nheld = 0;
}

/*
 * erlrc_registry_destroy - free what R holds, zeroing the cookies; R is
 * empty afterwards.
 */
void
erlrc_registry_destroy(struct erlrc_registry *r)
{
	free_names(r->apps, r->napps);
	free_names(r->skipped, r->nskipped);
	free_names(r->held, r->nheld);
	free_nodes(r->nodes, r->nnodes);
	erlrc_registry_init(r);
}

/* Check that ETC/applications/NAME is a valid entry. */
static int
check_app_file(const char *path, const char *name, struct erlrc_error *err)
{
	struct stat st;

	if (erlrc_registry_check_app(name, err) < 0) {
		erlrc_error_prefix(err, "%s", path);
		return -1;
	}
	if (stat(path, &st) < 0) {
		if (errno == ENOENT && lstat(path, &st) == 0)
			return erlrc_error_set(err, ERLRC_ERR_INPUT,
			    "%s: dangling symbolic link", path);
		return erlrc_error_errno(err, "%s", path);
	}
	if (S_ISDIR(st.st_mode))
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "%s: is a directory, expected an empty file", path);
	if (!S_ISREG(st.st_mode))
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "%s: not a regular file", path);
	return 0;
}

static const char *const app_keys[] = { "start" };

static int
parse_app_key(struct erlrc_yaml *y, size_t k, const char *path, void *arg)
{
	(void)k;
	return erlrc_yaml_bool(y, path, arg);
}

/* erlrc_registry_parse_app - see registry.h. */
int
erlrc_registry_parse_app(const char *path, const char *text, size_t len,
    int *start, struct erlrc_error *err)
{
	struct erlrc_yaml y;
	int ret;

	*start = 1;
	erlrc_yaml_init(&y, path, text, len, err);
	ret = erlrc_yaml_document(&y, "a mapping of settings", app_keys, 1,
	    parse_app_key, start);
	erlrc_yaml_destroy(&y);
	return ret;
}

/* Read the settings of registration file PATH: *START. */
static int
read_app_file(const char *path, int *start, struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	int ret = -1;

	*start = 1;
	if (erlrc_buf_read_file(&b, path, err) < 0)
		goto out;
	if (b.len > APP_FILE_MAX) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: more than %d bytes",
		    path, APP_FILE_MAX);
		goto out;
	}
	ret = erlrc_registry_parse_app(path, b.len ? b.s : "", b.len, start,
	    err);
out:
	erlrc_buf_destroy(&b);
	return ret;
}

/*
 * erlrc_registry_read_apps - replace R->apps with the applications
 * registered in ETC/applications: one file per application, named after
 * it (a symbolic link to a file is fine), empty or holding its settings
 * (erlrc_registry_parse_app); those set not to start go to R->held too.  dpkg's
 * leftovers (NAME.dpkg-new, ...) are skipped; any other name that is not
 * a valid application name, a directory, a dangling link or a special
 * file is left out, and a message naming it goes to R->skipped.  A
 * missing directory means no application.  The names are sorted
 * (strcmp).  Returns 0, or -1 with err set and R->apps empty when the
 * directory cannot be read.
 */
int
erlrc_registry_read_apps(struct erlrc_registry *r,
    const struct erlrc_paths *p, struct erlrc_error *err)
{
	struct erlrc_error e = ERLRC_ERROR_INIT;
	char *dir = erlrc_paths_apps_dir(p), *path;
	char **names;
	size_t n, i, k;
	int start, ret = -1;

	free_names(r->apps, r->napps);
	r->apps = NULL;
	r->napps = 0;
	free_names(r->skipped, r->nskipped);
	r->skipped = NULL;
	r->nskipped = 0;
	free_names(r->held, r->nheld);
	r->held = NULL;
	r->nheld = 0;
	if (list_dir(dir, &names, &n, err) < 0)
		goto out;
	/* a bad entry concerns its own application only: it is left out,
	 * and said */
	for (i = 0, k = 0; i < n; i++) {
		path = erlrc_xpathjoin(dir, names[i]);
		erlrc_error_clear(&e);
		if (check_app_file(path, names[i], &e) == 0 &&
		    read_app_file(path, &start, &e) == 0) {
			if (!start) {
				r->held = erlrc_xrealloc(r->held, (r->nheld +
				    1) * sizeof(*r->held));
				r->held[r->nheld++] = erlrc_xstrdup(names[i]);
			}
			names[k++] = names[i];
		} else {
			r->skipped = erlrc_xrealloc(r->skipped,
			    (r->nskipped + 1) * sizeof(*r->skipped));
			r->skipped[r->nskipped++] = erlrc_xstrdup(e.msg);
			free(names[i]);
		}
		free(path);
	}
	r->apps = names;
	r->napps = k;
	ret = 0;
out:
	free(dir);
	return ret;
}

/*
 * erlrc_registry_read_nodes - replace R->nodes with the nodes of
 * ETC/nodes: one file per node, its name the node name ("alive" meaning
 * alive@SHORTHOST, see erlrc_node_full_name), its first line the cookie
 * (read with erlrc_node_read_cookie_file's checks).  dpkg's leftovers are
 * skipped; a bad name, a refused file or two files for one node is an
 * error naming the file (ERLRC_ERR_INPUT).  A missing directory means no
 * node.  The nodes are sorted by full name.  Returns 0, or -1 with err
 * set and R->nodes empty.  No message contains a cookie.
 */
int
erlrc_registry_read_nodes(struct erlrc_registry *r,
    const struct erlrc_paths *p, struct erlrc_error *err)
{
	char *dir = erlrc_paths_nodes_dir(p);
	char **names = NULL;
	struct erlrc_node *nodes = NULL;
	size_t n = 0, nn = 0, i;
	int ret = -1;

	free_nodes(r->nodes, r->nnodes);
	r->nodes = NULL;
	r->nnodes = 0;
	if (list_dir(dir, &names, &n, err) < 0)
		goto out;
	if (n)
		nodes = erlrc_xcalloc(n, sizeof(*nodes));
	for (i = 0; i < n; i++) {
		struct erlrc_node *node = &nodes[nn];

		node->file = erlrc_xpathjoin(dir, names[i]);
		nn++;
		if (erlrc_node_full_name(names[i], &node->name, err) < 0) {
			erlrc_error_prefix(err, "%s", node->file);
			goto out;
		}
		if (erlrc_node_read_cookie_file(node->file, &node->cookie,
		    err) < 0)
			goto out;
	}
	if (nn > 1)
		qsort(nodes, nn, sizeof(*nodes), cmp_node_file);
	for (i = 1; i < nn; i++)
		if (strcmp(nodes[i - 1].name, nodes[i].name) == 0) {
			erlrc_error_set(err, ERLRC_ERR_INPUT,
			    "%s: node '%s' is already named by %s",
			    nodes[i].file, nodes[i].name, nodes[i - 1].file);
			goto out;
		}
	r->nodes = nodes;
	r->nnodes = nn;
	nodes = NULL;
	nn = 0;
	ret = 0;
out:
	free_nodes(nodes, nn);
	free_names(names, n);
	free(dir);
	return ret;
}

/* erlrc_registry_starts - see registry.h. */
int
erlrc_registry_starts(const struct erlrc_registry *r, const char *app)
{
	size_t i;

	if (!erlrc_registry_has_app(r, app))
		return 0;
	for (i = 0; i < r->nheld; i++)
		if (strcmp(r->held[i], app) == 0)
			return 0;
	return 1;
}

/* erlrc_registry_has_app - 1 when APP is in R->apps, else 0. */
int
erlrc_registry_has_app(const struct erlrc_registry *r, const char *app)
{
	if (!r->napps)
		return 0;
	return bsearch(&app, r->apps, r->napps, sizeof(*r->apps),
	    cmp_str) != NULL;
}

/*
 * erlrc_registry_find_node - the node of R whose full name is NAME, owned
 * by R; NULL when there is none.
 */
const struct erlrc_node *
erlrc_registry_find_node(const struct erlrc_registry *r, const char *name)
{
	struct erlrc_node key = { (char *)name, NULL, NULL };

	if (!r->nnodes)
		return NULL;
	return bsearch(&key, r->nodes, r->nnodes, sizeof(*r->nodes),
	    cmp_node);
}
