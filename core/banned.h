/*
 * Functions that are easy to misuse are turned into compile errors here, as
 * git's banned.h does. Every .c file includes this header last among its
 * includes (through the project headers that include it), so a call to any of
 * these names fails to build. Use snprintf, strbuf, strtol with end-pointer
 * checks, and the reentrant time functions instead.
 */
#ifndef VAKSAM_BANNED_H
#define VAKSAM_BANNED_H

/* The system headers that declare these come first, so that their own
 * definitions (glibc has inline ones) are read before the macros exist and
 * later includes of them are no-ops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)

#endif
