/*
 * Small-group suppression: no figure shown per unit may describe fewer than
 * k people (the setting small_group, default 5, never below 3), and no
 * hidden figure may be worked out from the figures that are shown.
 *
 * The figures of a report form a tree (usually the unit tree, perhaps under
 * a total for the organisation or for the unit asked for): the figure of a
 * node covers the people of the node itself ("own") and of every node below
 * it, and the people counts are shown next to the figures. Then:
 *
 *  1. Primary: a node with 0 < n < k people is hidden (SUPPRESS_SMALL).
 *  2. Whole subtrees: everything below a hidden node is hidden too, so the
 *     shown nodes always form a top part of the tree and a hidden node can
 *     never be rebuilt by adding up its shown children.
 *  3. Complementary: for every shown node X the residual group — X's own
 *     people plus the people of its hidden children — can be worked out as
 *     X minus its shown children. When that group has 0 < r < k people, the
 *     shown child with the fewest people (the first of equals) is hidden
 *     with its subtree (SUPPRESS_SECONDARY), and again until r = 0 or r >= k.
 *
 * After this every quantity that can be derived by subtracting shown
 * figures covers either nobody or at least k people: the residuals of
 * different nodes are disjoint groups, so their sums are large as well.
 * A node with n = 0 has no figure and is not a secret (SUPPRESS_SHOWN, n 0).
 */
#ifndef VAKSAM_SUPPRESS_H
#define VAKSAM_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

struct store;

/* The parent of a top node. */
#define SUPPRESS_TOP ((size_t)-1)
/* The threshold used when none is set, and the lowest one accepted. */
#define SUPPRESS_DEFAULT_K 5
#define SUPPRESS_MIN_K     3

enum suppress_state {
	SUPPRESS_SHOWN,     /* the figure may be shown */
	SUPPRESS_SMALL,     /* fewer than k people behind it */
	SUPPRESS_SECONDARY, /* hidden so that a small group cannot be derived */
};

struct suppress_node {
	size_t parent;             /* in: index of the parent, or SUPPRESS_TOP; parents
				      come before their children in the array */
	long own;                  /* in: people behind the figure who belong to this
				      node itself and to no child */
	long n;                    /* out: people behind the figure (own + below) */
	enum suppress_state state; /* out */
};

/*
 * Applies the rules above to nodes[0..count) with threshold k (values below
 * SUPPRESS_MIN_K are raised to it). Fills n and state of every node.
 */
void suppress_tree(struct suppress_node *nodes, size_t count, long k);
/* The same, with forced[i] (when forced is not NULL) hiding node i and its
 * subtree whatever its size (SUPPRESS_SECONDARY): for tables where a figure
 * must also be hidden for another reason, such as a total column (see
 * measure_completion). */
void suppress_tree_forced(struct suppress_node *nodes, size_t count, long k, const bool *forced);

/* Whether a node's figure is hidden. */
static inline bool suppress_hidden(const struct suppress_node *node)
{
	return node->state != SUPPRESS_SHOWN;
}

/* Reads the setting small_group and raises it to SUPPRESS_MIN_K; *k is
 * SUPPRESS_DEFAULT_K when the setting cannot be read. Never fails. */
long suppress_threshold(struct store *store);

#include "banned.h"

#endif
