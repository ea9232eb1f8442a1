/* SPDX-License-Identifier: GPL-2.0-or-later */
/* order.c - the order in which applications start (DESIGN §8) */
#include <stdlib.h>
#include <string.h>

#include <erlrc/buf.h>
#include <erlrc/order.h>
#include <erlrc/strmap.h>
#include <erlrc/xalloc.h>

#define NONE ERLRC_STRMAP_NONE

/* What is known of each application of the closure while ordering. */
struct node {
	const struct erlrc_libapp *lib;
	size_t needed_by;	/* who pulled it in, NONE for registered */
	size_t included_by;	/* NONE if not included */
	size_t runner;		/* the application whose start starts it */
	int registered;
	int state;		/* DFS: 0 new, 1 on the stack, 2 done */
	/* the app's applications and included_applications as indexes
	 * (NONE for an optional one not installed), looked up once */
	size_t *uses, *includes;
	size_t *deps;		/* runners this runner depends on, in order */
	size_t ndeps, capdeps;
};

struct ctx {
	const struct erlrc_libdirs *libs;
	struct erlrc_order *o;
	struct node *nodes;	/* parallel to o->apps */
	size_t cap, capapps;
	struct erlrc_strmap index;
	struct erlrc_error *err;
};

void
erlrc_order_init(struct erlrc_order *o)
{
	memset(o, 0, sizeof(*o));
}

void
erlrc_order_destroy(struct erlrc_order *o)
{
	size_t i;

	for (i = 0; i < o->napps; i++) {
		erlrc_app_destroy(o->apps[i]);
		free(o->apps[i]);
	}
	for (i = 0; i < o->n; i++) {
		free(o->items[i].members);
		free(o->items[i].deps);
	}
	free(o->apps);
	free(o->items);
	erlrc_order_init(o);
}

static const char *
name_of(const struct ctx *c, size_t i)
{
	return c->o->apps[i]->name;
}

static int
not_found(struct ctx *c, const char *name, size_t needed_by)
{
	char *dirs = erlrc_libdirs_describe(c->libs);

	if (needed_by == NONE)
		erlrc_error_set(c->err, ERLRC_ERR_INPUT, "registered "
		    "application '%s' is not installed: no %s/ebin/%s.app "
		    "in %s", name, name, name, dirs);
	else
		erlrc_error_set(c->err, ERLRC_ERR_INPUT, "application '%s', "
		    "needed by '%s', is not installed: no %s/ebin/%s.app in "
		    "%s", name, name_of(c, needed_by), name, name, dirs);
	free(dirs);
	return -1;
}

/* Add NAME to the closure (once); its index in *idx. */
static int
add(struct ctx *c, const char *name, size_t needed_by, size_t *idx)
{
	const struct erlrc_libapp *lib;
	struct erlrc_app *app;
	struct node *n;
	size_t i = erlrc_strmap_get(&c->index, name);

	if (i != NONE) {
		*idx = i;
		return 0;
	}
	lib = erlrc_libdirs_find(c->libs, name);
	if (!lib)
		return not_found(c, name, needed_by);
	app = erlrc_xmalloc(sizeof(*app));
	erlrc_app_init(app);
	if (erlrc_app_read(app, lib->app_file, c->err) < 0) {
		erlrc_app_destroy(app);
		free(app);
		return -1;
	}
	i = c->o->napps;
	c->o->apps = erlrc_xgrow(c->o->apps, &c->capapps, i,
	    sizeof(*c->o->apps));
	c->o->apps[i] = app;
	c->o->napps++;
	c->nodes = erlrc_xgrow(c->nodes, &c->cap, i, sizeof(*c->nodes));
	n = &c->nodes[i];
	memset(n, 0, sizeof(*n));
	n->lib = lib;
	n->needed_by = needed_by;
	n->included_by = NONE;
	n->registered = needed_by == NONE;
	erlrc_strmap_put(&c->index, app->name, i);
	*idx = i;
	return 0;
}

/* Is DEP, listed in APP's applications, an optional one not installed? */
static int
skip_optional(const struct ctx *c, const struct erlrc_app *app,
    const char *dep)
{
	return erlrc_names_has(&app->optional, dep) &&
	    !erlrc_libdirs_find(c->libs, dep);
}

/* Read every application the registered ones need, breadth first. */
static int
read_closure(struct ctx *c, const char *const *reg, size_t nreg)
{
	size_t i, j, idx;

	for (i = 0; i < nreg; i++) {
		if (add(c, reg[i], NONE, &idx) < 0)
			return -1;
		c->nodes[idx].registered = 1;
	}
	for (i = 0; i < c->o->napps; i++) {
		const struct erlrc_app *app = c->o->apps[i];
		size_t *uses, *includes;

		uses = erlrc_xmalloc((app->applications.n + 1) * sizeof(*uses));
		includes = erlrc_xmalloc((app->included.n + 1) *
		    sizeof(*includes));
		c->nodes[i].uses = uses;
		c->nodes[i].includes = includes;
		for (j = 0; j < app->applications.n; j++) {
			const char *dep = app->applications.v[j];

			uses[j] = NONE;
			if (!skip_optional(c, app, dep) &&
			    add(c, dep, i, &uses[j]) < 0)
				return -1;
		}
		for (j = 0; j < app->included.n; j++)
			if (add(c, app->included.v[j], i, &includes[j]) < 0)
				return -1;
	}
	return 0;
}

/*
 * After more steps up the "included by" chain than there are
 * applications, ON is on a cycle: print it, from its first name so the
 * message does not depend on where the walk came in.
 */
static int
inclusion_cycle(struct ctx *c, size_t on)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t start = on, k = on;

	do {
		k = c->nodes[k].included_by;
		if (strcmp(name_of(c, k), name_of(c, on)) < 0)
			on = k;
	} while (k != start);
	k = on;
	erlrc_buf_adds(&b, name_of(c, on));
	do {
		k = c->nodes[k].included_by;
		erlrc_buf_addf(&b, " <- %s", name_of(c, k));
	} while (k != on);
	erlrc_error_set(c->err, ERLRC_ERR_INPUT, "applications include each "
	    "other: %s (X <- Y: Y includes X)", b.s);
	erlrc_buf_destroy(&b);
	return -1;
}

/* Mark who includes whom; find the runner of each application. */
static int
resolve_inclusion(struct ctx *c)
{
	size_t i, j, k, steps;

	for (i = 0; i < c->o->napps; i++) {
		const struct erlrc_app *app = c->o->apps[i];

		for (j = 0; j < app->included.n; j++) {
			k = c->nodes[i].includes[j];
			if (c->nodes[k].included_by != NONE)
				return erlrc_error_set(c->err, ERLRC_ERR_INPUT,
				    "application '%s' is included by both "
				    "'%s' and '%s'", name_of(c, k),
				    name_of(c, c->nodes[k].included_by),
				    name_of(c, i));
			c->nodes[k].included_by = i;
		}
	}
	for (i = 0; i < c->o->napps; i++) {
		const struct erlrc_app *app = c->o->apps[i];

		for (j = 0; j < app->applications.n; j++) {
			k = c->nodes[i].uses[j];
			if (k != NONE && c->nodes[k].included_by != NONE)
				return erlrc_error_set(c->err, ERLRC_ERR_INPUT,
				    "application '%s' is a dependency of '%s' "
				    "and included by '%s': an included "
				    "application is not started on its own",
				    name_of(c, k), name_of(c, i),
				    name_of(c, c->nodes[k].included_by));
		}
	}
	for (i = 0; i < c->o->napps; i++) {
		k = i;
		for (steps = 0; c->nodes[k].included_by != NONE; steps++) {
			if (steps > c->o->napps)
				return inclusion_cycle(c, k);
			k = c->nodes[k].included_by;
		}
		c->nodes[i].runner = k;
	}
	return 0;
}

static void
add_dep(struct node *n, size_t dep)
{
	size_t i;

	for (i = 0; i < n->ndeps; i++)
		if (n->deps[i] == dep)
			return;
	n->deps = erlrc_xgrow(n->deps, &n->capdeps, n->ndeps,
	    sizeof(*n->deps));
	n->deps[n->ndeps++] = dep;
}

/*
 * The dependencies of runner R: those of R and of everything it includes
 * (depth first, in listed order).  A dependency is never an included
 * application (resolve_inclusion refused that), so it is a runner itself.
 * Depending on R from inside R's own tree is a cycle.
 */
static int
collect_deps(struct ctx *c, size_t r, size_t member)
{
	const struct erlrc_app *app = c->o->apps[member];
	size_t j, k;

	for (j = 0; j < app->applications.n; j++) {
		k = c->nodes[member].uses[j];
		if (k == NONE)
			continue;
		if (k == r && member == r)
			return erlrc_error_set(c->err, ERLRC_ERR_INPUT,
			    "cycle in application dependencies: %s -> %s",
			    name_of(c, r), name_of(c, r));
		if (k == r)
			return erlrc_error_set(c->err, ERLRC_ERR_INPUT,
			    "cycle in application dependencies: %s -> %s, "
			    "which includes %s", name_of(c, member),
			    name_of(c, r), name_of(c, member));
		add_dep(&c->nodes[r], k);
	}
	for (j = 0; j < app->included.n; j++)
		if (collect_deps(c, r, c->nodes[member].includes[j]) < 0)
			return -1;
	return 0;
}

static int
cycle(struct ctx *c, const size_t *stack, size_t depth, size_t to)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t i = depth;

	while (i > 0 && stack[i - 1] != to)
		i--;
	for (i = i ? i - 1 : 0; i < depth; i++)
		erlrc_buf_addf(&b, "%s -> ", name_of(c, stack[i]));
	erlrc_buf_addf(&b, "%s", name_of(c, to));
	erlrc_error_set(c->err, ERLRC_ERR_INPUT, "cycle in application "
	    "dependencies: %s", b.s);
	erlrc_buf_destroy(&b);
	return -1;
}

/* Depth-first post-order from runner START, with an explicit stack. */
static int
visit(struct ctx *c, size_t start, size_t *stack, size_t *pos)
{
	size_t depth = 0;

	if (c->nodes[start].state)
		return 0;
	stack[depth] = start;
	pos[depth++] = 0;
	c->nodes[start].state = 1;
	while (depth > 0) {
		size_t top = stack[depth - 1];
		struct node *n = &c->nodes[top];

		if (pos[depth - 1] < n->ndeps) {
			size_t d = n->deps[pos[depth - 1]++];

			if (c->nodes[d].state == 1)
				return cycle(c, stack, depth, d);
			if (c->nodes[d].state == 0) {
				c->nodes[d].state = 1;
				stack[depth] = d;
				pos[depth++] = 0;
			}
			continue;
		}
		n->state = 2;
		c->o->items[c->o->n++] = (struct erlrc_order_item){
			.name = c->o->apps[top]->name,
			.vsn = c->o->apps[top]->vsn,
			.dir = n->lib->dir,
			.registered = n->registered,
			.app = c->o->apps[top],
		};
		depth--;
	}
	return 0;
}

/* Add app I and what it includes, depth first, to ITEM's members. */
static void
add_members(struct ctx *c, struct erlrc_order_item *item, size_t i)
{
	const struct erlrc_app *app = c->o->apps[i];
	size_t j;

	item->members[item->nmembers++] = (struct erlrc_order_app){
		.name = app->name,
		.vsn = app->vsn,
		.dir = c->nodes[i].lib->dir,
		.app = app,
	};
	for (j = 0; j < app->included.n; j++)
		add_members(c, item, c->nodes[i].includes[j]);
}

/* Fill each item's members and deps, once every item is in place. */
static void
link_items(struct ctx *c)
{
	struct erlrc_order *o = c->o;
	size_t *item_of = erlrc_xmalloc((o->napps + 1) * sizeof(*item_of));
	size_t *count = erlrc_xcalloc(o->napps + 1, sizeof(*count));
	size_t i, j, r;

	for (i = 0; i < o->napps; i++)
		count[c->nodes[i].runner]++;
	for (i = 0; i < o->n; i++)
		item_of[erlrc_strmap_get(&c->index, o->items[i].name)] = i;
	for (i = 0; i < o->n; i++) {
		struct erlrc_order_item *item = &o->items[i];

		r = erlrc_strmap_get(&c->index, item->name);
		item->members = erlrc_xcalloc(count[r],
		    sizeof(*item->members));
		add_members(c, item, r);
		item->deps = erlrc_xcalloc(c->nodes[r].ndeps + 1,
		    sizeof(*item->deps));
		for (j = 0; j < c->nodes[r].ndeps; j++)
			item->deps[item->ndeps++] =
			    item_of[c->nodes[r].deps[j]];
	}
	free(count);
	free(item_of);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* erlrc_order_compute - see order.h. */
int
erlrc_order_compute(struct erlrc_order *o, const struct erlrc_libdirs *libs,
    const char *const *reg, size_t nreg, struct erlrc_error *err)
{
	struct ctx c;
	const char **sorted;
	size_t *stack = NULL, *pos = NULL, i, k;
	int ret = -1;

	memset(&c, 0, sizeof(c));
	c.libs = libs;
	c.o = o;
	c.err = err;
	erlrc_strmap_init(&c.index);
	sorted = erlrc_xmalloc((nreg + 1) * sizeof(*sorted));
	if (nreg)
		memcpy(sorted, reg, nreg * sizeof(*sorted));
	qsort(sorted, nreg, sizeof(*sorted), compare_names);
	if (read_closure(&c, sorted, nreg) < 0 || resolve_inclusion(&c) < 0)
		goto out;
	for (i = 0; i < o->napps; i++)
		if (c.nodes[i].runner == i && collect_deps(&c, i, i) < 0)
			goto out;
	o->items = erlrc_xcalloc(o->napps + 1, sizeof(*o->items));
	stack = erlrc_xmalloc((o->napps + 1) * sizeof(*stack));
	pos = erlrc_xmalloc((o->napps + 1) * sizeof(*pos));
	for (i = 0; i < nreg; i++) {
		k = c.nodes[erlrc_strmap_get(&c.index, sorted[i])].runner;
		if (visit(&c, k, stack, pos) < 0)
			goto out;
	}
	link_items(&c);
	ret = 0;
out:
	for (i = 0; i < o->napps; i++) {
		free(c.nodes[i].deps);
		free(c.nodes[i].uses);
		free(c.nodes[i].includes);
	}
	free(c.nodes);
	free(stack);
	free(pos);
	free(sorted);
	erlrc_strmap_destroy(&c.index);
	return ret;
}
