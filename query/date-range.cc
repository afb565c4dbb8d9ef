// date-range.cc: partial-date ranges over the date slot.
#include "config.h"

#include "query/date-range.h"

#include "util/date.h"
#include "lib/database.h"

#include <vector>

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

namespace {

// The terms of PREFIX + a period of LEN digits (4 year, 6 month, 8 day) that start with
// WITHIN, each with the first and last day it covers.
template <typename Fn>
void each_period(const Xapian::Database &db, const std::string &prefix, const std::string &within,
		 Fn fn)
{
	std::string start = prefix + within;

	for (Xapian::TermIterator t = db.allterms_begin(start); t != db.allterms_end(start); ++t) {
		std::string digits = (*t).substr(prefix.size());
		std::string first = digits, last = digits;

		if (digits.size() == 4) {
			first += "0101";
			last += "1231";
		} else if (digits.size() == 6) {
			first += "01";
			last += "31";
		} else if (digits.size() != 8) {
			continue;
		}
		fn(*t, digits, first, last);
	}
}

} // namespace

Xapian::Query pdx_capture_period(const Xapian::Database &db, const std::string &lo,
				 const std::string &hi)
{
	std::vector<Xapian::Query> parts;

	// Whole years inside the period by their year term; the years it cuts by their months,
	// and the months it cuts by their days.
	each_period(db, PDX_PREFIX_CAPTURE_YEAR, "", [&](const std::string &term,
							 const std::string &year,
							 const std::string &first,
							 const std::string &last) {
		if (last < lo || first > hi)
			return;
		if (first >= lo && last <= hi) {
			parts.emplace_back(term);
			return;
		}
		each_period(db, PDX_PREFIX_CAPTURE_MONTH, year, [&](const std::string &mterm,
								    const std::string &month,
								    const std::string &mfirst,
								    const std::string &mlast) {
			if (mlast < lo || mfirst > hi)
				return;
			if (mfirst >= lo && mlast <= hi) {
				parts.emplace_back(mterm);
				return;
			}
			each_period(db, PDX_PREFIX_CAPTURE_DAY, month,
				    [&](const std::string &dterm, const std::string &,
					const std::string &day, const std::string &) {
					    if (day >= lo && day <= hi)
						    parts.emplace_back(dterm);
				    });
		});
	});
	if (parts.empty()) {
		// A term no document has: an empty query would be dropped from the filters and
		// match everything.
		return Xapian::Query(std::string(PDX_PREFIX_CAPTURE_DAY) + "none");
	}
	return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query PdxCaptureRange::operator()(const std::string &begin, const std::string &end)
{
	char lo[9] = "00000101", hi[9] = "99991231";

	if (!begin.empty() && !pdx_date_bound(begin.data(), begin.size(), 0, lo))
		throw Xapian::QueryParserError("captured range: '" + begin +
					       "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
	if (!end.empty() && !pdx_date_bound(end.data(), end.size(), 1, hi))
		throw Xapian::QueryParserError("captured range: '" + end +
					       "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
	// OP_FILTER-like: the capture terms say which pages, not how well they match.
	return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, pdx_capture_period(db_, lo, hi), 0);
}

Xapian::Query PdxCaptureField::operator()(const std::string &value)
{
	char lo[9], hi[9];

	if (!pdx_date_bound(value.data(), value.size(), 0, lo) ||
	    !pdx_date_bound(value.data(), value.size(), 1, hi)) {
		if (error.empty())
			error = "captured: '" + value +
				"' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or FROM..TO)";
		return Xapian::Query();
	}
	return pdx_capture_period(db_, lo, hi);
}
