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

#endif
