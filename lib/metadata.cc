// metadata.cc: the database's user metadata as bytes, and values kept with a handle.
#include "config.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "lib/db-internal.h"
#include "lib/metadata.h"
#include "lib/shards.h"

namespace {

// A value longer than this is kept in parts of this size, under KEY/0, KEY/1, ..., KEY itself
// holding PARTS_MARK and the length: read back into one buffer of the right size at once, a
// large value (a compiled scheme) costs one copy, not the reallocations of one long string.
const size_t PART_BYTES = 64 * 1024;
const char PARTS_MARK[] = "polidex parts ";

std::string get(polidex_db_t *db, const std::string &key)
{
	std::string value;

	if (!db->shards)
		return db->db->get_metadata(key);
	pdx_shards_each(db->shards, [&](Xapian::WritableDatabase &wdb) {
		if (value.empty())
			value = wdb.get_metadata(key);
	});
	return value;
}

void set(polidex_db_t *db, const std::string &key, const std::string &value)
{
	if (db->shards)
		pdx_shards_each(db->shards, [&](Xapian::WritableDatabase &wdb) {
			wdb.set_metadata(key, value);
		});
	else
		db->wdb->set_metadata(key, value);
}

// The length of a value kept in parts, as its KEY's value V says; false when V is a value.
bool parts_length(const std::string &v, size_t *len)
{
	const size_t mark = sizeof PARTS_MARK - 1;
	char *end;

	if (v.size() <= mark || v.compare(0, mark, PARTS_MARK) != 0)
		return false;
	unsigned long long n = std::strtoull(v.c_str() + mark, &end, 10);
	if (*end || n > SIZE_MAX - 1)
		throw Xapian::DatabaseCorruptError("a value in parts says a length it cannot have");
	*len = static_cast<size_t>(n);
	return true;
}

} // namespace

extern "C" polidex_status_t pdx_db_get_metadata(polidex_db_t *db, const char *key, char **out,
						size_t *len)
{
	*out = nullptr;
	*len = 0;
	try {
		std::string value = get(db, key);
		size_t total = value.size(), at = 0;
		bool parts = parts_length(value, &total);

		if (value.empty())
			return POLIDEX_STATUS_SUCCESS;
		std::unique_ptr<char, decltype(&std::free)> buf(
			static_cast<char *>(std::malloc(total + 1)), &std::free);
		if (!buf)
			return POLIDEX_STATUS_OUT_OF_MEMORY;
		for (size_t i = 0; parts && at < total; i++) {
			std::string part = get(db, std::string(key) + "/" + std::to_string(i));
			if (part.empty() || part.size() > total - at)
				throw Xapian::DatabaseCorruptError(
					std::string("metadata ") + key +
					": a part is missing or too long");
			std::memcpy(buf.get() + at, part.data(), part.size());
			at += part.size();
		}
		if (!parts)
			std::memcpy(buf.get(), value.data(), total);
		buf.get()[total] = '\0';
		*out = buf.release();
		*len = total;
		return POLIDEX_STATUS_SUCCESS;
	} catch (...) {
		return pdx_db_status_from_exception(db, "reading the index's metadata");
	}
}

extern "C" polidex_status_t pdx_db_set_metadata(polidex_db_t *db, const char *key,
						const char *value, size_t len)
{
	if (!db->shards && !db->wdb)
		return POLIDEX_STATUS_DB_READ_ONLY;
	try {
		if (len <= PART_BYTES) {
			set(db, key, std::string(value, len));
			return POLIDEX_STATUS_SUCCESS;
		}
		size_t i = 0;
		for (size_t at = 0; at < len; at += PART_BYTES, i++)
			set(db, std::string(key) + "/" + std::to_string(i),
			    std::string(value + at, std::min(PART_BYTES, len - at)));
		set(db, key, PARTS_MARK + std::to_string(len));
		return POLIDEX_STATUS_SUCCESS;
	} catch (...) {
		return pdx_db_status_from_exception(db, "writing the index's metadata");
	}
}

extern "C" void pdx_db_keep(polidex_db_t *db, void *value, void (*free_fn)(void *))
{
	pdx_db_kept_value &k = db->kept;

	if (k.free_fn && k.value)
		k.free_fn(k.value);
	k.value = value;
	k.free_fn = free_fn;
}

extern "C" void *pdx_db_kept(const polidex_db_t *db)
{
	return db->kept.value;
}

extern "C" const char *pdx_db_path(const polidex_db_t *db)
{
	return db->path.c_str();
}
