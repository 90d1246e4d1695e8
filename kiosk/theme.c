/*
 * The colour roles; see theme.h. Colours use the terminal's own background
 * (use_default_colors, -1) so the kiosk looks at home on light and dark
 * terminals alike.
 */
#include "kiosk/theme.h"

#include <stdbool.h>

struct role_look {
	short fg, bg;      /* colours when the terminal has them; -1 is the default */
	attr_t color_attr; /* attributes added in colour */
	attr_t mono_attr;  /* attributes without colour */
};

static const struct role_look looks[ROLE_COUNT] = {
    [ROLE_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [ROLE_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    [ROLE_HEADING] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
    [ROLE_BAR] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_NORMAL},
    [ROLE_KEY] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    [ROLE_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [ROLE_ERROR] = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [ROLE_OK] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
    [ROLE_WRONG] = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [ROLE_BOX] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [ROLE_DIM] = {-1, -1, A_DIM, A_NORMAL},
    [ROLE_PROGRESS] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
    [ROLE_WARN] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE},
    [ROLE_LINK] = {COLOR_BLUE, -1, A_UNDERLINE, A_UNDERLINE},
    [ROLE_CODE] = {COLOR_MAGENTA, -1, A_NORMAL, A_BOLD},
    [ROLE_INPUT] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
};

static bool colors;

void theme_init(void)
{
	colors = false;
	if (!has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	if (COLOR_PAIRS < ROLE_COUNT + 1 || COLORS < 8)
		return;
	for (int r = 1; r < ROLE_COUNT; r++)
		init_pair((short)r, looks[r].fg, looks[r].bg);
	colors = true;
}

bool theme_has_colors(void)
{
	return colors;
}

attr_t theme_attr(enum theme_role role)
{
	if (role < 0 || role >= ROLE_COUNT)
		role = ROLE_NORMAL;
	return colors ? looks[role].color_attr : looks[role].mono_attr;
}

short theme_pair(enum theme_role role)
{
	if (!colors || role <= ROLE_NORMAL || role >= ROLE_COUNT)
		return 0;
	return (short)role;
}

void theme_set(enum theme_role role)
{
	attr_set(theme_attr(role), theme_pair(role), NULL);
}
