/* date.h: finding publication dates in text, and partial dates for query ranges. */
#ifndef PDX_DATE_H
#define PDX_DATE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Find the first date in TEXT: ISO 8601 ("2015-05-21", "2015-05-21T09:00:00Z", "2015/06/30"),
 * English ("May 21 , 2015", "21 May 2015", "Nov. 12, 2019", "Thursday, 21st May 2015") or
 * Chinese ("2015年5月21日"). Writes "YYYY-MM-DD" to OUT and returns 1; returns 0 when there is
 * no valid date, or when the date lies in the future (a page cannot be published later than
 * it is read). */
int pdx_date_find(const char *text, char out[11]);

/* Turn a partial date "YYYY", "YYYY-MM", "YYYY-MM-DD" or "YYYYMMDD" of LEN bytes into the
 * first (UPPER == 0) or last (UPPER != 0) day it covers, as "YYYYMMDD" in OUT. Returns 1, or
 * 0 when S is not such a date. */
int pdx_date_bound(const char *s, size_t len, int upper, char out[9]);

#ifdef __cplusplus
}
#endif

#endif
