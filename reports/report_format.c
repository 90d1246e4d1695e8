/* Number and label formatting shared by the report outputs (report.h). */
#include "reports/report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *report_number(double v, int decimals, char decimal, char *buf, size_t size)
{
	char *dot;

	if (size == 0)
		return buf;
	if (isnan(v) || isinf(v)) {
		buf[0] = '\0';
		return buf;
	}
	/* Never "-0,0". */
	if (fabs(v) < 0.5 * pow(10, -decimals))
		v = 0;
	snprintf(buf, size, "%.*f", decimals, v);
	dot = strchr(buf, '.');
	if (dot)
		*dot = decimal;
	return buf;
}

const char *report_hidden_sv(enum suppress_state s, long k, char *buf, size_t size)
{
	if (s == SUPPRESS_SMALL)
		snprintf(buf, size, "färre än %ld", k);
	else if (s == SUPPRESS_SECONDARY)
		snprintf(buf, size, "dold");
	else if (size)
		buf[0] = '\0';
	return buf;
}

const char *report_unit_name(const struct measure_unit *u, const struct report_context *rc)
{
	if (u->id == 0)
		return rc->organisation && *rc->organisation ? rc->organisation
							     : "Hela organisationen";
	return u->path;
}
