// date-range.cc: partial-date ranges over the date slot.
#include "config.h"

#include "date-range.h"

#include "date.h"

Xapian::Query PdxDateRange::operator()(const std::string &begin, const std::string &end)
{
	char lo[9], hi[9];
	bool has_lo = !begin.empty(), has_hi = !end.empty();

	if (has_lo && !pdx_date_bound(begin.data(), begin.size(), 0, lo))
		throw Xapian::QueryParserError("date range: '" + begin +
					       "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
	if (has_hi && !pdx_date_bound(end.data(), end.size(), 1, hi))
		throw Xapian::QueryParserError("date range: '" + end +
					       "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
	if (has_lo && has_hi)
		return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
	if (has_lo)
		return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
	if (has_hi)
		return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
	// Query::MatchAll built afresh: copying the shared static from two threads is a race.
	return Xapian::Query(std::string());
}

Xapian::Query PdxDateField::operator()(const std::string &value)
{
	char lo[9], hi[9];

	if (!pdx_date_bound(value.data(), value.size(), 0, lo) ||
	    !pdx_date_bound(value.data(), value.size(), 1, hi)) {
		if (error.empty())
			error = "date: '" + value +
				"' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or FROM..TO)";
		return Xapian::Query(); // MatchNothing, built afresh likewise
	}
	return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot_, lo, hi);
}
