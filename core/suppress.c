/*
 * Small-group suppression over a tree of figures; the rules are in
 * suppress.h. Runs in O(count * depth + count * children) and allocates
 * one array of child counts.
 */
#include "suppress.h"

#include <stdlib.h>

#include "setting.h"
#include "xmalloc.h"

/* Hides node i (as why) and every node below it; rule 2. Children come
 * after their parents, so one forward sweep from i finds every descendant. */
static void hide_subtree(struct suppress_node *nodes, size_t count, size_t i,
			 enum suppress_state why)
{
	if (nodes[i].state == SUPPRESS_SHOWN)
		nodes[i].state = why;
	for (size_t j = i + 1; j < count; j++) {
		size_t p = nodes[j].parent;

		if (p != SUPPRESS_TOP && p < j && nodes[p].state != SUPPRESS_SHOWN &&
		    nodes[j].state == SUPPRESS_SHOWN)
			nodes[j].state = SUPPRESS_SECONDARY;
	}
}

void suppress_tree(struct suppress_node *nodes, size_t count, long k)
{
	suppress_tree_forced(nodes, count, k, NULL);
}

void suppress_tree_forced(struct suppress_node *nodes, size_t count, long k, const bool *forced)
{
	if (k < SUPPRESS_MIN_K)
		k = SUPPRESS_MIN_K;
	/* People behind each figure: children add into their parents, last first. */
	for (size_t i = 0; i < count; i++) {
		nodes[i].n = nodes[i].own;
		nodes[i].state = SUPPRESS_SHOWN;
	}
	for (size_t i = count; i-- > 0;) {
		size_t p = nodes[i].parent;

		if (p != SUPPRESS_TOP)
			nodes[p].n += nodes[i].n;
	}
	/* Rule 1 and 2. */
	for (size_t i = 0; i < count; i++) {
		if (nodes[i].n > 0 && nodes[i].n < k)
			nodes[i].state = SUPPRESS_SMALL;
		else if (forced && forced[i])
			nodes[i].state = SUPPRESS_SECONDARY;
	}
	for (size_t i = 0; i < count; i++) {
		size_t p = nodes[i].parent;

		if (p != SUPPRESS_TOP && nodes[p].state != SUPPRESS_SHOWN &&
		    nodes[i].state == SUPPRESS_SHOWN)
			nodes[i].state = SUPPRESS_SECONDARY;
	}
	/* Rule 3, parents first; hiding a child only changes its parent's
	 * residual and removes nodes from the shown part. */
	for (size_t i = 0; i < count; i++) {
		if (nodes[i].state != SUPPRESS_SHOWN)
			continue;
		for (;;) {
			long residual = nodes[i].n;
			size_t smallest = SUPPRESS_TOP;

			for (size_t j = i + 1; j < count; j++) {
				if (nodes[j].parent != i || nodes[j].state != SUPPRESS_SHOWN)
					continue;
				residual -= nodes[j].n;
				if (nodes[j].n > 0 &&
				    (smallest == SUPPRESS_TOP || nodes[j].n < nodes[smallest].n))
					smallest = j;
			}
			if (residual == 0 || residual >= k || smallest == SUPPRESS_TOP)
				break;
			hide_subtree(nodes, count, smallest, SUPPRESS_SECONDARY);
		}
	}
}

long suppress_threshold(struct store *store)
{
	char *cause = NULL;
	long k = SUPPRESS_DEFAULT_K;

	if (setting_get_int(store, "small_group", &k, &cause) < 0) {
		free(cause);
		k = SUPPRESS_DEFAULT_K;
	}
	return k < SUPPRESS_MIN_K ? SUPPRESS_MIN_K : k;
}
