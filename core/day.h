/*
 * Calendar days as plain integers, for the measures: day 0 is 1970-01-01
 * (proleptic Gregorian, UTC). The store keeps times as text
 * "YYYY-MM-DDTHH:MM:SSZ"; measurement only needs the day, and integers make
 * windows, due dates and quarters cheap and exact. Nothing here allocates.
 */
#ifndef VAKSAM_DAY_H
#define VAKSAM_DAY_H

#include <stdbool.h>
#include <stddef.h>

/* The longest ISO date text, "YYYY-MM-DD", with its NUL. */
#define DAY_ISO_SIZE 11

/* The day number of a civil date (month 1-12, day 1-31; not checked). */
int day_from_civil(int year, int month, int mday);
/* The civil date of a day number. */
void day_to_civil(int day, int *year, int *month, int *mday);
/*
 * Reads the "YYYY-MM-DD" at the start of text (a date or a UTC time as the
 * store writes it). Returns 0 and sets *day, or -1 when text does not start
 * with a valid date (month 1-12, a day that exists in that month).
 */
int day_parse(const char *text, int *day);
/* Reads a UTC time "YYYY-MM-DDTHH:MM:SS..." (or a bare date, taken as its
 * midnight) into seconds since the epoch. Returns 0, or -1 when it is not one. */
int day_parse_time(const char *text, long long *seconds);
/* Writes "YYYY-MM-DD" into buf (at least DAY_ISO_SIZE bytes); returns buf. */
char *day_format(int day, char *buf);
/* The same date months later (earlier when negative); the day of month is
 * clamped to the length of the target month (2025-01-31 + 1 = 2025-02-28). */
int day_add_months(int day, int months);
/* The first day of the quarter day falls in. */
int day_quarter_start(int day);
/* Today's day number, honouring VAKSAM_NOW (see store_now). */
int day_today(void);

#include "banned.h"

#endif
