// date-range.h: date:FROM..TO with partial dates, as a Xapian RangeProcessor (shim only).
#ifndef PDX_DATE_RANGE_H
#define PDX_DATE_RANGE_H

#include <string>
#include <xapian.h>

// Recognises "date:2015-01-01..2015-12-31", "date:2015..2016", "date:2015-05.." and
// "date:..2016-06" over the YYYYMMDD date slot. Either end may be a year, a month or a day.
class PdxDateRange : public Xapian::RangeProcessor {
      public:
	explicit PdxDateRange(Xapian::valueno date_slot)
	    : Xapian::RangeProcessor(date_slot, "date:") {}
	Xapian::Query operator()(const std::string &begin, const std::string &end) override;
};

// Recognises a single partial date, "date:2015" or "date:2015-05", as the whole period it
// names.
class PdxDateField : public Xapian::FieldProcessor {
	Xapian::valueno slot_;

      public:
	// Set instead of throwing, which Xapian 1.4's parser leaks on; the caller reports it.
	std::string error;

	explicit PdxDateField(Xapian::valueno slot) : slot_(slot) {}
	Xapian::Query operator()(const std::string &value) override;
};

// Recognises "captured:FROM..TO" (either end a year, a month or a day, or left open) and
// "captured:2015" or "captured:2015-05": pages with a capture in that period. A page has
// several capture dates, so the period is matched on the capture terms (days, months and
// years, PDX_PREFIX_CAPTURE_*), the fewest that cover it among those DB holds.
class PdxCaptureRange : public Xapian::RangeProcessor {
	const Xapian::Database &db_;

      public:
	PdxCaptureRange(const Xapian::Database &db)
	    : Xapian::RangeProcessor(Xapian::BAD_VALUENO, "captured:"), db_(db) {}
	Xapian::Query operator()(const std::string &begin, const std::string &end) override;
};

class PdxCaptureField : public Xapian::FieldProcessor {
	const Xapian::Database &db_;

      public:
	std::string error; // set instead of throwing, as PdxDateField

	explicit PdxCaptureField(const Xapian::Database &db) : db_(db) {}
	Xapian::Query operator()(const std::string &value) override;
};

// The capture terms covering days LO to HI (YYYYMMDD, inclusive) in DB, ORed.
Xapian::Query pdx_capture_period(const Xapian::Database &db, const std::string &lo,
				 const std::string &hi);

#endif
