/*
 * Calendar days as integers; see day.h. The conversions are Howard
 * Hinnant's days_from_civil / civil_from_days, exact for every Gregorian
 * date in range of an int.
 */
#include "day.h"

#include <stdio.h>

#include "store.h"

int day_from_civil(int year, int month, int mday)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + mday - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void day_to_civil(int day, int *year, int *month, int *mday)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp < 10 ? mp + 3 : mp - 9;

	*year = yoe + era * 400 + (m <= 2);
	*month = m;
	*mday = d;
}

static int month_length(int year, int month)
{
	static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : len[month - 1];
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int day_parse(const char *text, int *day)
{
	int y, m, d;

	if (text == NULL || digits(text, 4, &y) < 0 || text[4] != '-' ||
	    digits(text + 5, 2, &m) < 0 || text[7] != '-' || digits(text + 8, 2, &d) < 0)
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > month_length(y, m))
		return -1;
	*day = day_from_civil(y, m, d);
	return 0;
}

int day_parse_time(const char *text, long long *seconds)
{
	int day, h = 0, m = 0, s = 0;

	if (day_parse(text, &day) < 0)
		return -1;
	if (text[10] == 'T' || text[10] == ' ') {
		if (digits(text + 11, 2, &h) < 0 || text[13] != ':' ||
		    digits(text + 14, 2, &m) < 0 || text[16] != ':' ||
		    digits(text + 17, 2, &s) < 0 || h > 23 || m > 59 || s > 60)
			return -1;
	} else if (text[10] != '\0') {
		return -1;
	}
	*seconds = (long long)day * 86400 + h * 3600 + m * 60 + s;
	return 0;
}

char *day_format(int day, char *buf)
{
	int y, m, d;

	day_to_civil(day, &y, &m, &d);
	snprintf(buf, DAY_ISO_SIZE, "%04d-%02d-%02d", y, m, d);
	return buf;
}

int day_add_months(int day, int months)
{
	int y, m, d, total, len;

	day_to_civil(day, &y, &m, &d);
	total = y * 12 + (m - 1) + months;
	y = total >= 0 ? total / 12 : (total - 11) / 12;
	m = total - y * 12 + 1;
	len = month_length(y, m);
	return day_from_civil(y, m, d > len ? len : d);
}

int day_quarter_start(int day)
{
	int y, m, d;

	day_to_civil(day, &y, &m, &d);
	return day_from_civil(y, (m - 1) / 3 * 3 + 1, 1);
}

int day_today(void)
{
	long long t = store_time();

	return (int)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
}
