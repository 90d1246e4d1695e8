/*
 * Colours as roles. Drawing code names what a piece of text is (a title, the
 * selected item, an error) and never a colour; theme_init() decides how each
 * role looks. Without colours (TERM=vt100, TERM=linux with colours off) every
 * role falls back to plain attributes, and the screens never carry meaning in
 * colour alone: right and wrong, errors and the selection are also in words
 * or markers.
 */
#ifndef VAKSAM_KIOSK_THEME_H
#define VAKSAM_KIOSK_THEME_H

#include <curses.h>

enum theme_role {
	ROLE_NORMAL,
	ROLE_TITLE,    /* the header line */
	ROLE_HEADING,  /* headings in lessons and screens */
	ROLE_BAR,      /* the bottom key bar */
	ROLE_KEY,      /* a key's name in the bar */
	ROLE_SELECTED, /* the focused item of a list */
	ROLE_ERROR,    /* messages about something that failed */
	ROLE_OK,       /* right answers, passed */
	ROLE_WRONG,    /* wrong answers, not passed */
	ROLE_BOX,      /* a "Tänk på" box's frame and title */
	ROLE_DIM,      /* secondary information */
	ROLE_PROGRESS, /* the done part of a progress bar */
	ROLE_WARN,     /* the idle countdown */
	ROLE_LINK,     /* link text */
	ROLE_CODE,     /* code spans */
	ROLE_INPUT,    /* a text field */
	ROLE_COUNT
};

/* Sets up colour pairs when the terminal has colours; call after initscr(). */
void theme_init(void);
/* The attributes and colour pair of a role. */
attr_t theme_attr(enum theme_role role);
short theme_pair(enum theme_role role);
/* Makes role the current drawing attribute of stdscr. */
void theme_set(enum theme_role role);
/* Whether colours are in use. */
bool theme_has_colors(void);

#endif
