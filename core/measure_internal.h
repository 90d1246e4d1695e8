/*
 * Shared by the measure files (measure.c, measure_level.c,
 * measure_progress.c, measure_export.c) and their tests; not a public API.
 */
#ifndef VAKSAM_MEASURE_INTERNAL_H
#define VAKSAM_MEASURE_INTERNAL_H

#include <stddef.h>

#include "measure.h"

struct unit;

/* Every unit in tree order, as unit_list() gives them, but with the head
 * counts from one pass over the people instead of one per unit. Free with
 * unit_list_free(). */
int measure_unit_tree(struct store *store, struct unit **out, size_t *n, char **cause);

/* Maps unit ids to the rows of a scope. */
struct measure_rowmap {
	size_t *row; /* owned; row[unit id], SIZE_MAX when outside the scope */
	size_t n;    /* entries in row */
	size_t none; /* the row of people without a unit: 0 for the whole
			organisation, SIZE_MAX for a unit scope */
};

/* Builds the map for rows from measure_units(). */
void measure_rowmap_init(struct measure_rowmap *map, const struct measure_unit *units,
			 size_t n_units);
void measure_rowmap_release(struct measure_rowmap *map);
/* The row of a unit id (0 for none), or SIZE_MAX when outside the scope. */
size_t measure_rowmap_get(const struct measure_rowmap *map, long long unit_id);

/*
 * Turns per-row own figures into the cells of one column: own_n[r] people
 * and own_sum[r] the sum of their values belong to row r itself. Adds rows
 * into their parents, applies suppression with threshold k and writes
 * cells[r * stride + col] with value = scale * sum / n (NAN when n is 0).
 */
void measure_column(const struct measure_unit *units, size_t n_units, const long *own_n,
		    const double *own_sum, long k, double scale, struct measure_cell *cells,
		    size_t stride, size_t col);

/* Adds each row's width values into its parent row, children first, so each
 * row ends with the sums over its subtree. */
void measure_tree_sums(const struct measure_unit *units, size_t n_units, double *values,
		       size_t width);

/* The window of a level ending on day to: [to - 12 months + 1 day, to]. */
struct measure_window measure_window_ending(int to_day);
/* The quarter points of a trend ending on to_day, oldest first. */
void measure_quarters(int to_day, struct measure_window *out, size_t n);

#include "banned.h"

#endif
