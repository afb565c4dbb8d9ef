// test_shards.cc: the sharded writer of lib/shards.cc on its own: creating the shards and their
// stub, queueing documents for the shards' threads, commits, counts, which shard an id goes
// to, closing, and a shard that fails under the writer.
#include "config.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <string>
#include <vector>
#include <unistd.h>
#include <xapian.h>

#include "lib/shards.h"
#include "lib/schema.h"
#include "tests/test-db-util.h"

// The id term of document N.
static std::string id_of(int n)
{
	return std::string(PDX_PREFIX_ID) + "https://forum.example/" + std::to_string(n);
}

// Queue the document of id term ID for its shard; the status pdx_shards_add() returns.
static polidex_status_t queue(pdx_shards *s, const std::string &id, char *message, size_t size)
{
	Xapian::Document doc;

	doc.add_boolean_term(id);
	doc.set_data(id);
	return pdx_shards_add(s, std::string(id), std::move(doc), pdx_capture_doc(), 64, message,
			      size);
}

static std::string shard_path(const char *path, unsigned i)
{
	char name[32];

	std::snprintf(name, sizeof name, "/shard-%03u", i);
	return path + std::string(name);
}

static void test_shards_create_writes_stub_and_shards(void **state)
{
	struct test_db_dir *d = static_cast<struct test_db_dir *>(*state);
	std::vector<std::string> parts;

	assert_false(pdx_shards_exist(d->path));
	pdx_shards_create(d->path, 3);
	assert_true(pdx_shards_exist(d->path));
	assert_false(pdx_stub_has_remote(d->path));
	assert_true(pdx_stub_local_parts(d->path, &parts));
	assert_int_equal(parts.size(), 3);
	for (unsigned i = 0; i < 3; i++) {
		Xapian::Database shard(shard_path(d->path, i));

		assert_string_equal(parts[i].c_str(), shard_path(d->path, i).c_str());
		assert_int_equal(shard.get_doccount(), 0);
		assert_string_equal(shard.get_metadata(PDX_SCHEMA_METADATA_KEY).c_str(),
				    PDX_SCHEMA_VERSION);
	}
	// Nothing is left beside the database it was built in.
	assert_int_equal(std::ifstream(std::string(d->path) + ".new-" +
				       std::to_string(getpid()))
				 .good(),
			 0);
}

static void test_shards_add_commit_counts_and_close(void **state)
{
	struct test_db_dir *d = static_cast<struct test_db_dir *>(*state);
	char message[256] = "";
	unsigned long added = 9, replaced = 9;

	pdx_shards_create(d->path, 3);
	pdx_shards *s = pdx_shards_open(d->path);
	assert_int_equal(pdx_shards_size(s), 3);
	for (int n = 0; n < 30; n++)
		assert_int_equal(queue(s, id_of(n), message, sizeof message),
				 POLIDEX_STATUS_SUCCESS);
	assert_int_equal(queue(s, id_of(7), message, sizeof message), POLIDEX_STATUS_SUCCESS);
	assert_int_equal(pdx_shards_commit(s, true, message, sizeof message),
			 POLIDEX_STATUS_SUCCESS);
	pdx_shards_counts(s, &added, &replaced);
	assert_int_equal(added, 30);
	assert_int_equal(replaced, 1);
	assert_int_equal(pdx_shards_doccount(s), 30);
	// A second writer is refused while the shards are open.
	try {
		pdx_shards_close(pdx_shards_open(d->path), message, sizeof message);
		fail_msg("a second writer opened the shards");
	} catch (const Xapian::DatabaseLockError &) {
	}
	assert_int_equal(pdx_shards_close(s, message, sizeof message), POLIDEX_STATUS_SUCCESS);
	assert_string_equal(message, "");
	// Readers open the folder as one database.
	assert_int_equal(Xapian::Database(d->path).get_doccount(), 30);
}

// Each document is in the shard its id hashes to, the same on every call, and only there.
static void test_shards_of_routes_ids_to_their_shard(void **state)
{
	struct test_db_dir *d = static_cast<struct test_db_dir *>(*state);
	char message[256] = "";
	std::set<unsigned> used;

	pdx_shards_create(d->path, 3);
	pdx_shards *s = pdx_shards_open(d->path);
	for (int n = 0; n < 30; n++)
		assert_int_equal(queue(s, id_of(n), message, sizeof message),
				 POLIDEX_STATUS_SUCCESS);
	std::vector<unsigned> route;
	for (int n = 0; n < 30; n++) {
		route.push_back(pdx_shards_of(s, id_of(n)));
		assert_int_equal(pdx_shards_of(s, id_of(n)), route.back());
		assert_in_range(route.back(), 0, 2);
		used.insert(route.back());
	}
	assert_int_equal(used.size(), 3); // thirty ids spread over every shard
	assert_int_equal(pdx_shards_close(s, message, sizeof message), POLIDEX_STATUS_SUCCESS);
	for (unsigned i = 0; i < 3; i++) {
		Xapian::Database shard(shard_path(d->path, i));

		for (int n = 0; n < 30; n++)
			assert_int_equal(shard.term_exists(id_of(n)), route[n] == i);
	}
}

// A shard whose folder goes under the writer fails its commit: the status and message say
// which, later calls return the same, and closing frees everything without a crash.
static void test_shards_commit_of_removed_shard_fails(void **state)
{
	struct test_db_dir *d = static_cast<struct test_db_dir *>(*state);
	char message[1024] = "";
	unsigned long added = 9, replaced = 9;
	std::string gone = shard_path(d->path, 1);

	pdx_shards_create(d->path, 3);
	pdx_shards *s = pdx_shards_open(d->path);
	for (int n = 0; n < 30; n++)
		assert_int_equal(queue(s, id_of(n), message, sizeof message),
				 POLIDEX_STATUS_SUCCESS);
	// Once the shards have written what they were given, which the counts wait for.
	pdx_shards_counts(s, &added, &replaced);
	assert_int_equal(added, 30);
	test_remove_tree(gone.c_str());
	assert_int_equal(pdx_shards_commit(s, true, message, sizeof message),
			 POLIDEX_STATUS_DB_ERROR);
	assert_non_null(std::strstr(message, gone.c_str()));
	assert_non_null(std::strstr(message, "commit failed"));
	// The failure stays, for the next document and the next commit.
	message[0] = '\0';
	int n = 0;
	while (pdx_shards_of(s, id_of(n)) != 1)
		n++;
	assert_int_equal(queue(s, id_of(n), message, sizeof message), POLIDEX_STATUS_DB_ERROR);
	assert_non_null(std::strstr(message, "commit failed"));
	assert_int_equal(pdx_shards_commit(s, false, message, sizeof message),
			 POLIDEX_STATUS_DB_ERROR);
	pdx_shards_counts(s, &added, &replaced);
	assert_in_range(added, 1, 30);
	assert_int_equal(replaced, 0);
	message[0] = '\0';
	assert_int_equal(pdx_shards_close(s, message, sizeof message), POLIDEX_STATUS_DB_ERROR);
	assert_non_null(std::strstr(message, gone.c_str()));
}

// A stub that names something other than a local shard is refused when opening.
static void test_shards_open_refuses_remote_stub(void **state)
{
	struct test_db_dir *d = static_cast<struct test_db_dir *>(*state);

	pdx_shards_create(d->path, 2);
	std::ofstream(std::string(d->path) + "/XAPIANDB", std::ios::app) << "remote :1234\n";
	assert_true(pdx_stub_has_remote(d->path));
	try {
		char message[256];

		pdx_shards_close(pdx_shards_open(d->path), message, sizeof message);
		fail_msg("a remote shard was opened for writing");
	} catch (const Xapian::DatabaseOpeningError &e) {
		assert_non_null(std::strstr(e.get_msg().c_str(), "is not a local shard"));
	}
}

#define SHARDS_TEST(fn) cmocka_unit_test_setup_teardown(fn, test_db_setup, test_db_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		SHARDS_TEST(test_shards_create_writes_stub_and_shards),
		SHARDS_TEST(test_shards_add_commit_counts_and_close),
		SHARDS_TEST(test_shards_of_routes_ids_to_their_shard),
		SHARDS_TEST(test_shards_commit_of_removed_shard_fails),
		SHARDS_TEST(test_shards_open_refuses_remote_stub),
	};

	return cmocka_run_group_tests_name("shards", tests, NULL, NULL);
}
