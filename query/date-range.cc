// date-range.cc: partial-date ranges over the date slot.
#include "config.h"

#include "query/date-range.h"

#include "util/date.h"
#include "lib/database.h"

#include <vector>

namespace {

// The bound of a range of FIELD ("date range") at END (0: first day, 1: last) that V gives,
// into OUT; false when V is empty (an open end). Throws Xapian::QueryParserError when V is no
// date.
bool range_bound(const char *field, const std::string &v, int end, char out[9])
{
	if (v.empty())
		return false;
	if (!pdx_date_bound(v.data(), v.size(), end, out))
		throw Xapian::QueryParserError(std::string(field) + ": '" + v +
					       "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
	return true;
}

// Whether VALUE of FIELD ("date") is a date, setting LO and HI to the first and last days of
// its period; if not, ERROR (unless it holds an earlier one) says so.
bool period_of(const char *field, const std::string &value, char lo[9], char hi[9],
	       std::string &error)
{
	if (pdx_date_bound(value.data(), value.size(), 0, lo) &&
	    pdx_date_bound(value.data(), value.size(), 1, hi))
		return true;
	if (error.empty())
		error = std::string(field) + ": '" + value +
			"' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or FROM..TO)";
	return false;
}

} // namespace

Xapian::Query PdxDateRange::operator()(const std::string &begin, const std::string &end)
{
	char lo[9], hi[9];
	bool has_lo = range_bound("date range", begin, 0, lo);
	bool has_hi = range_bound("date range", end, 1, hi);

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

	if (!period_of("date", value, lo, hi, error))
		return Xapian::Query(); // MatchNothing, built afresh likewise
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

	range_bound("captured range", begin, 0, lo);
	range_bound("captured range", end, 1, hi);
	// OP_FILTER-like: the capture terms say which pages, not how well they match.
	return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, pdx_capture_period(db_, lo, hi), 0);
}

Xapian::Query PdxCaptureField::operator()(const std::string &value)
{
	char lo[9], hi[9];

	if (!period_of("captured", value, lo, hi, error))
		return Xapian::Query();
	return pdx_capture_period(db_, lo, hi);
}
