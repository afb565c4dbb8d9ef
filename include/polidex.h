/* polidex.h: the public C API of libpolidex, faceted concept search over policy crawls. */
#ifndef POLIDEX_H
#define POLIDEX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header. polidex_version() gives the library's, which may be newer. */
#define POLIDEX_VERSION_MAJOR 0
#define POLIDEX_VERSION_MINOR 1
#define POLIDEX_VERSION_MICRO 0

/* True when this header is of version MAJOR.MINOR.MICRO or later: for code that uses a call
 * a later version added, and must still build with older ones. */
#define POLIDEX_CHECK_VERSION(major, minor, micro)                                           \
	(POLIDEX_VERSION_MAJOR > (major) ||                                                   \
	 (POLIDEX_VERSION_MAJOR == (major) && POLIDEX_VERSION_MINOR > (minor)) ||             \
	 (POLIDEX_VERSION_MAJOR == (major) && POLIDEX_VERSION_MINOR == (minor) &&             \
	  POLIDEX_VERSION_MICRO >= (micro)))

/*
 * Every call that can fail returns a polidex_status_t. The detailed message (what failed and
 * on what input) is kept on the handle the call was made on and read with the matching
 * *_error() function; the library never prints.
 */
typedef enum {
	/* The call succeeded. */
	POLIDEX_STATUS_SUCCESS = 0,
	/* Memory could not be allocated. */
	POLIDEX_STATUS_OUT_OF_MEMORY,
	/* An argument was NULL, empty or out of range where that is not allowed. */
	POLIDEX_STATUS_INVALID_ARGUMENT,
	/* A file could not be opened or read. */
	POLIDEX_STATUS_FILE_ERROR,
	/* The input is not an HTML page: empty, binary, or without any text. */
	POLIDEX_STATUS_NOT_HTML,
	/* The database does not exist, or the path holds no Xapian database. */
	POLIDEX_STATUS_DB_NOT_FOUND,
	/* Another writer holds the database's lock. */
	POLIDEX_STATUS_DB_LOCKED,
	/* A write was attempted on a database opened read-only. */
	POLIDEX_STATUS_DB_READ_ONLY,
	/* The database could not be read or written (corruption, I/O, version). */
	POLIDEX_STATUS_DB_ERROR,
	/* The query string could not be parsed. */
	POLIDEX_STATUS_QUERY_SYNTAX,
	/* A field name (facet or filter) is not one the index knows. */
	POLIDEX_STATUS_UNKNOWN_FIELD,
	/* An unexpected failure inside the library. */
	POLIDEX_STATUS_INTERNAL_ERROR,
	/* No such document. */
	POLIDEX_STATUS_NOT_FOUND,
	/* The page's bytes cannot be decoded from the Content-Encoding they were sent with. */
	POLIDEX_STATUS_UNDECODABLE,
	/* The page is larger than polidex reads (POLIDEX_MAX_PAGE_BYTES), once decoded. */
	POLIDEX_STATUS_TOO_LARGE,
	/* The concept scheme given is not the one the index was tagged with. */
	POLIDEX_STATUS_THESAURUS_MISMATCH,
	/* Not a status: the number of statuses. */
	POLIDEX_STATUS_LAST_STATUS
} polidex_status_t;

/* A short English description of a status, e.g. "database is locked". Never NULL; the string
 * is static. */
const char *polidex_status_to_string(polidex_status_t status);

/* The library's version as "MAJOR.MINOR.PATCH"; static. */
const char *polidex_version(void);

/* ------------------------------------------------------------------------------------------
 * Articles: what the extractor makes of one page.
 */

/* The largest page polidex reads, in bytes (once decompressed). */
#define POLIDEX_MAX_PAGE_BYTES (64u * 1024 * 1024)

typedef struct _polidex_article polidex_article_t;

/* Create an empty article for a page read from SOURCE (a path or any name that identifies the
 * input in messages). Returns NULL when memory runs out. Free with polidex_article_destroy(). */
polidex_article_t *polidex_article_new(const char *source);

/* Free an article and every string it handed out. NULL is a no-op. */
void polidex_article_destroy(polidex_article_t *article);

/* Set the page's URL as the crawl knows it. A URL the page declares itself (canonical link,
 * og:url) takes precedence when the page is parsed. Returns POLIDEX_STATUS_SUCCESS or
 * POLIDEX_STATUS_OUT_OF_MEMORY. */
polidex_status_t polidex_article_set_url(polidex_article_t *article, const char *url);

/* Set the charset the transport gave for the page (the charset parameter of an HTTP
 * Content-Type), which outranks the page's own declaration. NULL clears it. Returns
 * POLIDEX_STATUS_SUCCESS or POLIDEX_STATUS_OUT_OF_MEMORY. */
polidex_status_t polidex_article_set_charset(polidex_article_t *article, const char *charset);

/* Where a page from a web archive (WARC, ARC, WACZ) was captured. */
typedef struct {
	const char *date;      /* the capture's date: WARC-Date or the ARC date (ISO 8601, or
				* YYYYMMDDhhmmss); required */
	const char *file;      /* the archive file it was read from; required */
	const char *member;    /* the archive inside a WACZ ("archive/data.warc.gz"), or NULL */
	unsigned long long offset; /* of the record in the file (of its gzip member, gzipped) */
	const char *record_id; /* WARC-Record-ID, or NULL (ARC records have none) */
	const char *format;    /* "warc" or "arc" */
	int revisit;           /* a revisit record: the page seen again, no content of its own */
	const char *refers_to_date; /* a revisit's WARC-Refers-To-Date, or NULL */
	int each;              /* keep this capture as a document of its own (its id the URL and
				* the date) rather than as one capture of the URL's document */
} polidex_capture_t;

/* Say that ARTICLE is a capture of its URL (polidex_article_set_url(), the crawl's URL):
 * its document is then the URL's, holding the text of its latest capture and the dates of
 * all (see polidex_db_add_document()). A revisit article carries no page: it is not parsed
 * and its document only adds the date to the URL's. Strings are copied. Returns
 * POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_INVALID_ARGUMENT (no date a timestamp can be made
 * of, or no file) or POLIDEX_STATUS_OUT_OF_MEMORY. */
polidex_status_t polidex_article_set_capture(polidex_article_t *article,
					     const polidex_capture_t *capture);

/* The HTTP Content-Encoding of the bytes polidex_article_read_memory() is given ("gzip",
 * "br", "deflate", "zstd", "identity", or a list of several, as the header says; NULL for
 * none): polidex_article_parse() undoes it before parsing, so that the work is done on the
 * thread that parses. The content hash is of the bytes as given. Returns
 * POLIDEX_STATUS_SUCCESS or POLIDEX_STATUS_OUT_OF_MEMORY. */
polidex_status_t polidex_article_set_content_encoding(polidex_article_t *article,
						      const char *codings);

/* What the last parse noticed that lost nothing the page holds but a user should know (a
 * coded body that stops early: what it held was read), or NULL. Valid until the next call on
 * the article. */
const char *polidex_article_get_warning(const polidex_article_t *article);

/* The date of the article's capture (ISO 8601 in UTC: "2017-03-06T04:02:06Z"), or NULL for
 * a page that is no capture. */
const char *polidex_article_get_capture_date(const polidex_article_t *article);

/* Parse LEN bytes of HTML and fill the article: title, authors with roles, date, section,
 * language, tags, translations and the main body text. Parsing never touches the network.
 * Returns POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_NOT_HTML (empty or binary input, or no text),
 * or POLIDEX_STATUS_OUT_OF_MEMORY; the message is read with polidex_article_error(). */
polidex_status_t polidex_article_parse_html(polidex_article_t *article, const char *data,
					    size_t len);

/* Read the file at PATH and parse it as with polidex_article_parse_html(). Returns also
 * POLIDEX_STATUS_FILE_ERROR when the file cannot be read. */
polidex_status_t polidex_article_load_file(polidex_article_t *article, const char *path);

/* The two halves of polidex_article_load_file(), for indexers that skip unchanged pages:
 * read the file (setting the URL to its file:// URL unless one was set, and the content
 * hash), then parse what was read. polidex_article_parse() returns
 * POLIDEX_STATUS_INVALID_ARGUMENT when nothing was read (but for a revisit, which has no page
 * to parse), and for bytes with a content encoding also POLIDEX_STATUS_UNDECODABLE and
 * POLIDEX_STATUS_TOO_LARGE. */
polidex_status_t polidex_article_read_file(polidex_article_t *article, const char *path);
polidex_status_t polidex_article_parse(polidex_article_t *article);

/* Like polidex_article_read_file(), for LEN bytes in memory (a page from a WARC record): they
 * are copied. */
polidex_status_t polidex_article_read_memory(polidex_article_t *article, const char *data,
					     size_t len);

/* A 64-bit hash (xxHash) of the bytes the article was read or parsed from. */
unsigned long long polidex_article_get_content_hash(const polidex_article_t *article);

/* The message of the last failed call on ARTICLE, naming the input and the reason; "" when
 * none. Valid until the next call on the article. */
const char *polidex_article_error(const polidex_article_t *article);

/* Field accessors. Each returns a string owned by the article, valid until
 * polidex_article_destroy(), or NULL when the page did not give the field. The date
 * (published) and the modified date are "YYYY-MM-DD", never in the future; the URL is the
 * canonical URL when the page declares one, else the crawl's; the language a BCP 47 tag such
 * as "en" or "zh-Hans"; the body is paragraphs separated by blank lines. */
const char *polidex_article_get_source(const polidex_article_t *article);
const char *polidex_article_get_url(const polidex_article_t *article);
const char *polidex_article_get_title(const polidex_article_t *article);
const char *polidex_article_get_date(const polidex_article_t *article);
const char *polidex_article_get_modified(const polidex_article_t *article);
const char *polidex_article_get_description(const polidex_article_t *article);
const char *polidex_article_get_canonical_url(const polidex_article_t *article);
const char *polidex_article_get_language(const polidex_article_t *article);
const char *polidex_article_get_section(const polidex_article_t *article);
const char *polidex_article_get_site_name(const polidex_article_t *article);
const char *polidex_article_get_body(const polidex_article_t *article);
/* The kind of page it is: "article", "report", "listing", "collection", "product", "forum",
 * "documentation", "profile", "event" or "service" (NULL before a page is parsed). */
const char *polidex_article_get_type(const polidex_article_t *article);

/* The character encoding the page was decoded from, as iconv names it ("UTF-8", "GB18030",
 * "WINDOWS-1252"); NULL before a successful parse. Static. */
const char *polidex_article_get_encoding(const polidex_article_t *article);

/*
 * Lists an article (or a hit) holds are read with iterators, as results are: get one from
 * the object, read it while *_valid(), step with *_move_to_next(), free it with *_destroy()
 * (destroy(NULL) does nothing). An iterator is NULL when memory runs out; strings it hands
 * out belong to the object it was taken from and are valid until that object is destroyed.
 * Calling a getter on an iterator that is no longer valid returns NULL (or 0).
 */
typedef struct _polidex_strings polidex_strings_t;
typedef struct _polidex_authors polidex_authors_t;
typedef struct _polidex_translations polidex_translations_t;
typedef struct _polidex_concepts polidex_concepts_t;

int polidex_strings_valid(const polidex_strings_t *strings);
const char *polidex_strings_get(const polidex_strings_t *strings);
void polidex_strings_move_to_next(polidex_strings_t *strings);
void polidex_strings_destroy(polidex_strings_t *strings);

/* The authors in page order: name, and role (NULL when the page names none). */
polidex_authors_t *polidex_article_get_authors(const polidex_article_t *article);
int polidex_authors_valid(const polidex_authors_t *authors);
const char *polidex_authors_get_name(const polidex_authors_t *authors);
const char *polidex_authors_get_role(const polidex_authors_t *authors);
void polidex_authors_move_to_next(polidex_authors_t *authors);
void polidex_authors_destroy(polidex_authors_t *authors);

/* The tags (keywords) the page gives, in page order. */
polidex_strings_t *polidex_article_get_tags(const polidex_article_t *article);

/* The translations the page links to (hreflang alternates other than itself): language tag
 * and URL. */
polidex_translations_t *polidex_article_get_translations(const polidex_article_t *article);
int polidex_translations_valid(const polidex_translations_t *translations);
const char *polidex_translations_get_language(const polidex_translations_t *translations);
const char *polidex_translations_get_url(const polidex_translations_t *translations);
void polidex_translations_move_to_next(polidex_translations_t *translations);
void polidex_translations_destroy(polidex_translations_t *translations);

/* ------------------------------------------------------------------------------------------
 * Thesauri: SKOS concept schemes, and tagging articles with their concepts.
 *
 * A loaded thesaurus is read-only, and safe to share between threads: any number of threads
 * may at once tag articles with it, count its concepts and search with it (each through
 * articles, queries and databases of its own). Each thread that tags or searches with it keeps
 * caches of stemmed words of its own, made on its first use and freed when the thread ends or
 * when the thesaurus is destroyed, whichever comes first. Only polidex_thesaurus_destroy()
 * must wait until no other thread uses the thesaurus.
 */

typedef struct _polidex_thesaurus polidex_thesaurus_t;

/* The default concept scheme: the file named by the environment variable POLIDEX_THESAURUS
 * when set, else the international relations thesaurus installed with polidex. Never fails;
 * the string is static, or the environment's (valid until POLIDEX_THESAURUS changes). */
const char *polidex_thesaurus_default_path(void);

/* Load the SKOS concept scheme in PATH (RDF/XML, Turtle or N-Triples) and compile its labels
 * for tagging. On success *OUT is the thesaurus, owned by the caller and freed with
 * polidex_thesaurus_destroy(). On failure *OUT is NULL and *ERROR_MESSAGE (when ERROR_MESSAGE
 * is not NULL; the caller frees it; NULL when memory ran out before a message was made) names
 * the file, the line of a syntax error and the reason; on success it is NULL. Returns
 * POLIDEX_STATUS_SUCCESS; POLIDEX_STATUS_INVALID_ARGUMENT when PATH or OUT is NULL (*OUT is
 * then left alone, and no message made); POLIDEX_STATUS_FILE_ERROR when the file cannot be
 * read, is no RDF that raptor2 can parse or holds no SKOS concept; or
 * POLIDEX_STATUS_OUT_OF_MEMORY. Loads are serialised; since the RDF parser sets libxml2's
 * global state up and tears it down, load thesauri before other threads parse pages, not
 * while they do. */
polidex_status_t polidex_thesaurus_load(const char *path, polidex_thesaurus_t **out,
					char **error_message);

/* Free THESAURUS, and every thread's caches for it. NULL is a no-op. Returns nothing and
 * cannot fail. No other thread may be using the thesaurus, and no query given it
 * (polidex_query_set_thesaurus()) may search with it afterwards. */
void polidex_thesaurus_destroy(polidex_thesaurus_t *thesaurus);

/* The number of concepts; 0 for a NULL THESAURUS. Never fails. */
size_t polidex_thesaurus_count_concepts(const polidex_thesaurus_t *thesaurus);

/* The file THESAURUS was read from (for one an index held, the file it was read from when the
 * index stored it); NULL for a NULL THESAURUS. Valid until it is destroyed. Never fails. */
const char *polidex_thesaurus_get_source(const polidex_thesaurus_t *thesaurus);

/* Whether A and B are the same scheme: read from files of the same bytes. 0 when either is
 * NULL. Never fails. */
int polidex_thesaurus_same(const polidex_thesaurus_t *a, const polidex_thesaurus_t *b);

/* The MIN_SCORE of polidex_article_tag() that the programs use unless told otherwise: it keeps
 * any concept the text gives real evidence of. */
#define POLIDEX_MIN_SCORE_DEFAULT 0.05

/* Tag ARTICLE with the concepts of THESAURUS mentioned in its title and text (labels matched
 * stemmed, in the article's language), keeping those whose score reaches MIN_SCORE, and list
 * their broader concepts. A score weighs each mention by what the text shows of it (a
 * common word or a name, inside a longer name or not, how general a word of the scheme it
 * is, page furniture not counted at all), by where it is (the title 3, the lead 2, else 1),
 * each mention adding less than the one before, and then by the concept's neighbours in the
 * scheme that the text mentions too; polidex-extract(1) has the rules. Replaces earlier
 * tags. THESAURUS is only read: threads may tag their own articles with one thesaurus at
 * once. Returns POLIDEX_STATUS_SUCCESS;
 * POLIDEX_STATUS_INVALID_ARGUMENT when ARTICLE or THESAURUS is NULL (the article untouched); or
 * POLIDEX_STATUS_OUT_OF_MEMORY, the article then left with no tags and the message read with
 * polidex_article_error(). */
polidex_status_t polidex_article_tag(polidex_article_t *article,
				     const polidex_thesaurus_t *thesaurus, double min_score);

/* Named schemes. Besides its unnamed scheme, whose facet and filter field is "concept", an
 * article and an index may have concepts of named schemes, each its own facet and filter
 * field under its NAME ("eurovoc", "eurovoc:public debt"). A NAME is 1 to 31 lower-case ASCII
 * letters, digits, '-' and '_', beginning with a letter, and not a field polidex has already
 * (author, section, type, site, language, lang, tag, year, month, capture-year, title, url,
 * date, captured); "concept" names the unnamed scheme. */
#define POLIDEX_UNNAMED_SCHEME "concept"

/* Whether NAME may name a scheme: 1 or 0 ("concept" is valid: the unnamed one). */
int polidex_scheme_name_valid(const char *name);

/* Tag ARTICLE as polidex_article_tag() does, with THESAURUS as the scheme called NAME: its tags
 * kept apart from the unnamed scheme's and other named schemes', replacing that scheme's
 * earlier ones. NAME "concept" is polidex_article_tag(). Returns as polidex_article_tag() does,
 * and POLIDEX_STATUS_INVALID_ARGUMENT for an invalid NAME. */
polidex_status_t polidex_article_tag_scheme(polidex_article_t *article, const char *name,
					    const polidex_thesaurus_t *thesaurus, double min_score);

/* The concepts ARTICLE was tagged with by the scheme called NAME, as
 * polidex_article_get_concepts() gives them (none for a scheme it was not tagged with); NULL
 * when ARTICLE or NAME is NULL or memory ran out. */
polidex_concepts_t *polidex_article_get_scheme_concepts(const polidex_article_t *article,
						       const char *name);

/* The concepts ARTICLE was tagged with, best first, after polidex_article_tag(): the
 * concept's URI (its id), its preferred label in the article's language (else English),
 * mentions and score. The strings are the article's (copies: the thesaurus may be destroyed
 * first), valid until it is tagged again, parsed again or destroyed. */
polidex_concepts_t *polidex_article_get_concepts(const polidex_article_t *article);

/* The broader concepts of those (each once, none of them tagged itself): what a facet on a
 * broad concept counts the article under. Their count and score are 0. */
polidex_concepts_t *polidex_article_get_broader(const polidex_article_t *article);

int polidex_concepts_valid(const polidex_concepts_t *concepts);
const char *polidex_concepts_get_id(const polidex_concepts_t *concepts);
const char *polidex_concepts_get_label(const polidex_concepts_t *concepts);
unsigned polidex_concepts_get_count(const polidex_concepts_t *concepts);
double polidex_concepts_get_score(const polidex_concepts_t *concepts);
void polidex_concepts_move_to_next(polidex_concepts_t *concepts);
void polidex_concepts_destroy(polidex_concepts_t *concepts);

/* ------------------------------------------------------------------------------------------
 * Databases.
 */

typedef struct _polidex_db polidex_db_t;

typedef enum {
	/* Open an existing database for searching. */
	POLIDEX_DB_READ_ONLY = 0,
	/* Open a database for writing, creating it when it does not exist. One writer at a time:
	 * a second one gets POLIDEX_STATUS_DB_LOCKED. */
	POLIDEX_DB_WRITABLE = 1
} polidex_db_mode_t;

/* Open the database at PATH (a folder, or a stub database file when read-only).
 * On success *OUT is the handle, to be closed with polidex_db_close(). On failure *OUT is NULL
 * and, when ERROR_MESSAGE is not NULL, *ERROR_MESSAGE is a message naming PATH and the reason,
 * which the caller frees with free() (it is NULL when memory ran out).
 * Returns POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_DB_NOT_FOUND, POLIDEX_STATUS_DB_LOCKED,
 * POLIDEX_STATUS_DB_ERROR, POLIDEX_STATUS_INVALID_ARGUMENT, POLIDEX_STATUS_OUT_OF_MEMORY or
 * POLIDEX_STATUS_INTERNAL_ERROR. */
polidex_status_t polidex_db_open(const char *path, polidex_db_mode_t mode, polidex_db_t **out,
				 char **error_message);

/* Open the databases at PATHS (N of them) read-only, to be searched as one: folders, shard
 * folders or stub files, each as polidex_db_open() takes it. An article held by more than one
 * (the same canonical URL) is found once. *OUT and *ERROR_MESSAGE are as polidex_db_open() sets
 * them, the message naming the path that failed. Returns what polidex_db_open() returns;
 * POLIDEX_STATUS_INVALID_ARGUMENT also for no paths, or a NULL or empty one. */
polidex_status_t polidex_db_open_many(const char *const *paths, size_t n, polidex_db_t **out,
				      char **error_message);

/* Make a database open for reading see the latest commit of its writer (for a long-running
 * reader; Xapian keeps a reader on the revision it opened). *CHANGED, when not NULL, is 1
 * when there was a newer revision (0 on failure). A database open for writing is left as it
 * is. Returns POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_INVALID_ARGUMENT (DB NULL),
 * POLIDEX_STATUS_DB_NOT_FOUND (the database is gone), POLIDEX_STATUS_DB_ERROR,
 * POLIDEX_STATUS_OUT_OF_MEMORY or POLIDEX_STATUS_INTERNAL_ERROR; the handle keeps the revision
 * it had when reopening fails. */
polidex_status_t polidex_db_reopen(polidex_db_t *db, int *changed);

/* The stored fields of document DOCID (a hit's docid) as the JSON object polidex-index
 * stored: the extracted article with its concepts. *JSON is the caller's, freed with free();
 * it is NULL on failure. Returns POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_NOT_FOUND for no such
 * document, POLIDEX_STATUS_INVALID_ARGUMENT (a NULL argument, DOCID 0, or a sharded database
 * being written), POLIDEX_STATUS_DB_ERROR, POLIDEX_STATUS_OUT_OF_MEMORY or
 * POLIDEX_STATUS_INTERNAL_ERROR. */
polidex_status_t polidex_db_get_document(polidex_db_t *db, unsigned docid, char **json);

/* Open the database at PATH for writing as polidex_db_open() does, in SHARDS shards when it
 * is created: a folder holding the shards and a Xapian stub file (XAPIANDB) that makes it one
 * database for readers, polidex-query, quest and xapian-delve alike. Each shard is written by
 * a thread of its own, and a document always goes to the same shard. SHARDS 0 takes the
 * database as it is (one shard when new); otherwise it must match an existing database.
 * Returns what polidex_db_open() returns; POLIDEX_STATUS_INVALID_ARGUMENT when SHARDS does not
 * match. */
polidex_status_t polidex_db_open_writable(const char *path, unsigned shards, polidex_db_t **out,
					  char **error_message);

/* Commit pending changes (when writable) and free the handle. NULL is a no-op. Returns the
 * status of the final commit (POLIDEX_STATUS_SUCCESS, or for a sharded database that of the
 * first failed write), or of closing: POLIDEX_STATUS_DB_ERROR, POLIDEX_STATUS_OUT_OF_MEMORY or
 * POLIDEX_STATUS_INTERNAL_ERROR. The handle is freed whatever it is, and with it the
 * message. */
polidex_status_t polidex_db_close(polidex_db_t *db);

/* Store THESAURUS in DB (open for writing; every shard of a sharded one) as the scheme its
 * documents are tagged with, compiled, so that whoever searches DB (a remote shard's client
 * too) has its concepts without the file: see polidex_db_get_thesaurus(). Durable at the next
 * commit. An index holds one scheme: to change it, index into a new database. Returns
 * POLIDEX_STATUS_SUCCESS (also when DB holds that scheme already);
 * POLIDEX_STATUS_THESAURUS_MISMATCH when DB holds another, the message on DB naming it;
 * POLIDEX_STATUS_INVALID_ARGUMENT (a NULL argument), POLIDEX_STATUS_DB_READ_ONLY,
 * POLIDEX_STATUS_DB_ERROR (message on DB) or POLIDEX_STATUS_OUT_OF_MEMORY. */
polidex_status_t polidex_db_set_thesaurus(polidex_db_t *db,
					  const polidex_thesaurus_t *thesaurus);

/* The scheme DB's documents were tagged with, read from the index in a few milliseconds, in
 * *OUT (destroyed by the caller); NULL when DB holds none (an index made with no concepts, or
 * by a polidex that did not store schemes). A search on DB whose query has no thesaurus
 * set uses this one itself. Returns POLIDEX_STATUS_SUCCESS; POLIDEX_STATUS_INVALID_ARGUMENT
 * (a NULL argument); POLIDEX_STATUS_DB_ERROR (message on DB) when it cannot be read, is
 * damaged or was compiled by another version of polidex; or POLIDEX_STATUS_OUT_OF_MEMORY. */
polidex_status_t polidex_db_get_thesaurus(polidex_db_t *db, polidex_thesaurus_t **out);

/* Whether DB holds a concept scheme of its own (the unnamed one), into *HOLDS (1 or 0),
 * without reading it. Returns POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_INVALID_ARGUMENT or
 * POLIDEX_STATUS_DB_ERROR. */
polidex_status_t polidex_db_holds_thesaurus(polidex_db_t *db, int *holds);

/* Store THESAURUS in DB as its scheme called NAME (see POLIDEX_UNNAMED_SCHEME), as
 * polidex_db_set_thesaurus() stores the unnamed one ("concept" is that call). An index may gain
 * a named scheme it did not hold (a run of polidex-index then tags its pages again), but not
 * change one it holds. Returns as polidex_db_set_thesaurus() does, and
 * POLIDEX_STATUS_INVALID_ARGUMENT for an invalid NAME or when DB holds 16 named schemes. */
polidex_status_t polidex_db_set_scheme(polidex_db_t *db, const char *name,
				       const polidex_thesaurus_t *thesaurus);

/* The scheme called NAME that DB holds in *OUT, as polidex_db_get_thesaurus() gives the unnamed
 * one (NULL when DB holds none of that name). */
polidex_status_t polidex_db_get_scheme(polidex_db_t *db, const char *name,
				       polidex_thesaurus_t **out);

/* The names of the named schemes DB holds, in *OUT: each followed by a newline, in byte order,
 * "" for none; freed by the caller with free(). Returns POLIDEX_STATUS_SUCCESS,
 * POLIDEX_STATUS_INVALID_ARGUMENT, POLIDEX_STATUS_DB_ERROR or POLIDEX_STATUS_OUT_OF_MEMORY. */
polidex_status_t polidex_db_get_scheme_names(polidex_db_t *db, char **out);

/* The message of the last failed call on DB; "" when none (and for DB NULL). Owned by DB,
 * valid until the next call on DB. */
const char *polidex_db_error(const polidex_db_t *db);

/* Add ARTICLE to DB, replacing any document with the same unique id (its canonical URL, else
 * its URL, else its source path). When REPLACED is not NULL it is set to 1 when a document was
 * replaced and 0 when one was added. Changes are visible to readers after polidex_db_commit().
 * ARTICLE stays the caller's. Returns POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_DB_READ_ONLY,
 * POLIDEX_STATUS_DB_ERROR, POLIDEX_STATUS_INVALID_ARGUMENT (an article with neither URL nor
 * source), POLIDEX_STATUS_OUT_OF_MEMORY or POLIDEX_STATUS_INTERNAL_ERROR. */
polidex_status_t polidex_db_add_article(polidex_db_t *db, const polidex_article_t *article,
					int *replaced);

/* A document made from an article, ready to be added to a database. Building one is most of
 * the work of polidex_db_add_article() (running the text through the term generator), and
 * needs no database: any number of threads may build documents while one thread adds them. */
typedef struct _polidex_document polidex_document_t;

/* Build in *DOCUMENT the document of ARTICLE that polidex_db_add_article() would add; the
 * caller frees it with polidex_document_destroy(). Returns POLIDEX_STATUS_SUCCESS,
 * POLIDEX_STATUS_INVALID_ARGUMENT (an article with neither URL nor source),
 * POLIDEX_STATUS_OUT_OF_MEMORY, POLIDEX_STATUS_DB_ERROR (Xapian refused the text) or
 * POLIDEX_STATUS_INTERNAL_ERROR; *DOCUMENT is NULL on failure. */
polidex_status_t polidex_document_new(const polidex_article_t *article,
				      polidex_document_t **document);

/* Add DOCUMENT to DB as polidex_db_add_article() adds an article; DOCUMENT stays the caller's
 * to destroy. A sharded database queues it for the shard's thread, which takes its contents
 * (adding it again is POLIDEX_STATUS_INVALID_ARGUMENT), first waiting while that shard has 128
 * documents or some 16 MB of them queued, and sets *REPLACED to -1:
 * polidex_db_write_counts() tells how many were added and replaced, and an error in the
 * write is returned by a later call. Returns POLIDEX_STATUS_SUCCESS,
 * POLIDEX_STATUS_INVALID_ARGUMENT (a NULL argument, a document added twice to a sharded
 * database, or one the database cannot take), POLIDEX_STATUS_DB_READ_ONLY,
 * POLIDEX_STATUS_DB_ERROR, POLIDEX_STATUS_OUT_OF_MEMORY or POLIDEX_STATUS_INTERNAL_ERROR. */
polidex_status_t polidex_db_add_document(polidex_db_t *db, const polidex_document_t *document,
					 int *replaced);

/* How many documents DB has added and replaced since it was opened (waiting, for a sharded
 * database, until its threads have written what they were given). Any pointer may be NULL.
 * Never fails: a write that failed is reported by the commit, and should the counts not be had
 * they are 0, with the reason in polidex_db_error(). */
void polidex_db_write_counts(polidex_db_t *db, unsigned long *added, unsigned long *replaced);

/* What adding captures from web archives did since DB was opened (waiting, for a sharded
 * database, until its threads have written what they were given): *MERGED earlier captures
 * whose dates joined a page indexed from a later one, *REVISITS revisits whose dates joined
 * their page, *UNCHANGED captures already recorded, *WAITING pages not indexed yet whose
 * revisits the database keeps until they come. Any pointer may be NULL. Never fails: counts
 * that cannot be had are 0. */
void polidex_db_capture_counts(polidex_db_t *db, unsigned long *merged, unsigned long *revisits,
			       unsigned long *unchanged, unsigned long *waiting);

/* How DB keeps captures from web archives: one document per URL (EACH 0: the text of its
 * latest capture, the dates of all) or one per capture (EACH 1). Set when the first capture
 * is written; a database written the other way is refused with
 * POLIDEX_STATUS_INVALID_ARGUMENT and a message. Returns also POLIDEX_STATUS_SUCCESS,
 * POLIDEX_STATUS_DB_READ_ONLY, POLIDEX_STATUS_DB_ERROR, POLIDEX_STATUS_OUT_OF_MEMORY or
 * POLIDEX_STATUS_INTERNAL_ERROR. */
polidex_status_t polidex_db_set_capture_mode(polidex_db_t *db, int each);

/* Free DOCUMENT (whether added or not); NULL is ignored. */
void polidex_document_destroy(polidex_document_t *document);

/* Whether DB already holds the document of ARTICLE's source (its crawl or file:// URL) made
 * from the same bytes (polidex_article_read_file() suffices) with the same THESAURUS (NULL for
 * none) and MIN_SCORE: *UNCHANGED is 1 when it does, so the page need not be parsed again.
 * A database that was empty when opened for writing answers 0 without a lookup: it holds no
 * page read before. Returns POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_INVALID_ARGUMENT (a NULL
 * argument), POLIDEX_STATUS_DB_ERROR (message on DB) or POLIDEX_STATUS_OUT_OF_MEMORY. */
polidex_status_t polidex_db_is_unchanged(polidex_db_t *db, const polidex_article_t *article,
					 const polidex_thesaurus_t *thesaurus, double min_score,
					 int *unchanged);

/* Remove the documents read from local files that no longer exist; *REMOVED (when not NULL)
 * counts them. Returns POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_INVALID_ARGUMENT (DB NULL),
 * POLIDEX_STATUS_DB_READ_ONLY, POLIDEX_STATUS_DB_ERROR, POLIDEX_STATUS_OUT_OF_MEMORY or
 * POLIDEX_STATUS_INTERNAL_ERROR. */
polidex_status_t polidex_db_prune_missing_files(polidex_db_t *db, unsigned long *removed);

/* Make every change so far durable and visible, waiting for every shard of a sharded
 * database. Returns POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_INVALID_ARGUMENT (DB NULL),
 * POLIDEX_STATUS_DB_ERROR, POLIDEX_STATUS_OUT_OF_MEMORY or POLIDEX_STATUS_INTERNAL_ERROR, with
 * the message (naming the shard) on DB; a sharded database returns the status of its first
 * failed write or commit. A read-only database has nothing to commit. */
polidex_status_t polidex_db_commit(polidex_db_t *db);

/* Start committing every change so far without waiting for it: a sharded database commits
 * each shard on that shard's own thread, once it has written what was added before, while more
 * documents are added; a single database commits at once. polidex_db_commit() and
 * polidex_db_close() wait for every commit started. Returns the status of the first failed
 * write or commit seen so far (see polidex_db_error()), as polidex_db_commit() does. */
polidex_status_t polidex_db_start_commit(polidex_db_t *db);

/* Set *COUNT to the number of documents in DB (waiting, for a sharded database being written,
 * until its threads have written what they were given). On failure *COUNT is 0 and the message
 * is read with polidex_db_error(). Returns POLIDEX_STATUS_SUCCESS,
 * POLIDEX_STATUS_INVALID_ARGUMENT (DB or COUNT NULL), POLIDEX_STATUS_DB_ERROR (the database
 * could not be read), POLIDEX_STATUS_OUT_OF_MEMORY or POLIDEX_STATUS_INTERNAL_ERROR. */
polidex_status_t polidex_db_count_documents(polidex_db_t *db, unsigned long *count);

/* ------------------------------------------------------------------------------------------
 * Searching.
 */

typedef struct _polidex_query polidex_query_t;
typedef struct _polidex_results polidex_results_t;
typedef struct _polidex_hits polidex_hits_t;
typedef struct _polidex_hit polidex_hit_t;
typedef struct _polidex_facet_values polidex_facet_values_t;

/* How the query's words are stemmed: not at all; words outside phrases that are not written
 * with a capital letter (Xapian's STEM_SOME, the default, so that "Power" asks for the exact
 * word); or every word outside phrases (a phrase matches the words as written). */
typedef enum {
	POLIDEX_STEM_NONE = 0,
	POLIDEX_STEM_SOME = 1,
	POLIDEX_STEM_ALL = 2
} polidex_stem_strategy_t;

/* The order of hits: best match first (ties newest first), newest first, or oldest first. */
typedef enum {
	POLIDEX_SORT_RELEVANCE = 0,
	POLIDEX_SORT_NEWEST = 1,
	POLIDEX_SORT_OLDEST = 2
} polidex_sort_t;

/* A query for TEXT in the query language of polidex-query(1): words (stemmed), "phrases",
 * AND/OR/NOT, and the fields title:, author:, section:, type:, lang:, tag:, site:, concept:
 * and date:FROM..TO.
 * Returns NULL when memory runs out. Free with polidex_query_destroy(). */
polidex_query_t *polidex_query_new(const char *text);

/* Free a query. NULL is a no-op. */
void polidex_query_destroy(polidex_query_t *query);

/* Ask for the counts of FIELD over the whole match set: "FIELD", "FIELD:N" (the N most
 * frequent values; by default 10, and every year or month), "concept:CONCEPT" or
 * "concept:CONCEPT:N" (the concepts directly narrower than CONCEPT, a label or URI, for
 * drill-down). Fields: "concept" (the top concepts of the query's thesaurus), "author",
 * "section", "type", "site", "language", "tag", "year" and "month" (histograms, newest first; the
 * others by count, then label). A field that the query filters on is counted without its own
 * filters, so that several of its values can be chosen. Returns
 * POLIDEX_STATUS_UNKNOWN_FIELD for any other name, POLIDEX_STATUS_OUT_OF_MEMORY, or
 * POLIDEX_STATUS_SUCCESS (asking twice is harmless). */
polidex_status_t polidex_query_add_facet(polidex_query_t *query, const char *field);

/* Keep only documents whose FIELD (a facet field; "language" may also be "lang") is VALUE:
 * an author's name, a section, a page type, a host name, a language tag, a tag, a year (YYYY),
 * a month (YYYY-MM), or a concept's label or URI (narrower concepts included). Filters on one
 * field are ORed, filters on different fields ANDed. Returns POLIDEX_STATUS_UNKNOWN_FIELD,
 * POLIDEX_STATUS_INVALID_ARGUMENT (an empty value), POLIDEX_STATUS_OUT_OF_MEMORY or
 * POLIDEX_STATUS_SUCCESS. */
polidex_status_t polidex_query_add_filter(polidex_query_t *query, const char *field,
					  const char *value);

/* The same, from SPEC written "FIELD:VALUE", as polidex-query --filter and polidex-serve's
 * filter parameter take it; POLIDEX_STATUS_INVALID_ARGUMENT when SPEC has no colon. */
polidex_status_t polidex_query_add_filter_spec(polidex_query_t *query, const char *spec);

/* How the query's words are stemmed (default POLIDEX_STEM_SOME). */
void polidex_query_set_stem_strategy(polidex_query_t *query, polidex_stem_strategy_t strategy);

/* The order of hits (default POLIDEX_SORT_RELEVANCE: BM25, title words counting more, the
 * first 50 hits of a query of several plain words ranked again so that pages where the words
 * stand together come first, pages tagged with the concepts a query of labels names weighing
 * more; see polidex-query(1)). */
void polidex_query_set_sort(polidex_query_t *query, polidex_sort_t sort);

/* Whether to look for a spelling correction of the words of the query that the index holds
 * in no form: the closest word of the index, within two edits, the most frequent (default
 * on; not over remote shards); polidex_results_get_corrected_query() gives it. */
void polidex_query_set_spelling(polidex_query_t *query, int spelling);

/* A pattern for each hit's link to its archived copy in a replay tool, given in the JSON of
 * the results as "replay_url" (NULL: none, the default): "http://localhost:8080/crawl/
 * {timestamp}/{url}" for pywb. Placeholders: {timestamp} (the capture's YYYYMMDDhhmmss),
 * {url} (the captured URL), {url_escaped} (the same percent-encoded, for a query string),
 * {date} (ISO 8601), {file} (the archive's file name), {member} (in a WACZ), {offset} and
 * {record_id}. Returns POLIDEX_STATUS_INVALID_ARGUMENT for an unknown placeholder,
 * POLIDEX_STATUS_OUT_OF_MEMORY or POLIDEX_STATUS_SUCCESS. */
polidex_status_t polidex_query_set_replay_url(polidex_query_t *query, const char *pattern);

/* The facet fields polidex knows, as a NULL-terminated static array. */
const char *const *polidex_facet_fields(void);

/* The thesaurus (borrowed; it must outlive the query's searches) that gives concept: filters
 * their meaning, concept facets their hierarchy and labels, and query words their concepts.
 * Without one, concept: takes URIs only and concept facets list every concept. */
void polidex_query_set_thesaurus(polidex_query_t *query, const polidex_thesaurus_t *thesaurus);

/* Search QUERY's field NAME, a named scheme of the index, with THESAURUS (borrowed; NULL:
 * the index's own, which each database handle reads when a query first needs it): the scheme
 * the index holds under NAME, loaded once by the caller for any number of queries and threads,
 * as polidex-serve does. A search refuses one that is not the index's scheme of that name
 * (POLIDEX_STATUS_THESAURUS_MISMATCH). NAME "concept" is polidex_query_set_thesaurus().
 * Returns POLIDEX_STATUS_SUCCESS, or POLIDEX_STATUS_INVALID_ARGUMENT for a NULL QUERY, an
 * invalid NAME or a 17th name. */
polidex_status_t polidex_query_set_scheme(polidex_query_t *query, const char *name,
					  const polidex_thesaurus_t *thesaurus);

/* Whether a query whose words are all labels of concepts also matches the documents tagged
 * with those concepts (default on, when a thesaurus is set): "hegemonic" finds articles
 * tagged Hegemony. */
void polidex_query_set_expansion(polidex_query_t *query, int expand);

/* Hits to skip and hits to return (defaults 0 and 10). */
void polidex_query_set_offset(polidex_query_t *query, unsigned offset);
void polidex_query_set_limit(polidex_query_t *query, unsigned limit);

/* The language of the query (a BCP 47 tag or a Snowball algorithm name): its stemmer alone
 * parses the query's words (none for languages without one, such as Chinese) and concept
 * facets are labelled in it. Without it a word matches its stem in every language the index
 * holds (and its form as written in pages of a language without a stemmer; one synonym group
 * a word), and facets are labelled in
 * English. Returns POLIDEX_STATUS_INVALID_ARGUMENT for a language polidex does not know. */
polidex_status_t polidex_query_set_language(polidex_query_t *query, const char *language);

/* Run QUERY on DB. On success *OUT holds the hits of the requested page and the facet counts
 * over the whole match set, freed with polidex_results_destroy(). On failure *OUT is NULL and
 * the message is on DB. Returns POLIDEX_STATUS_SUCCESS, POLIDEX_STATUS_QUERY_SYNTAX,
 * POLIDEX_STATUS_UNKNOWN_FIELD (a filter or facet the index or the thesaurus cannot give:
 * drilling down without a thesaurus, a concept it does not hold), POLIDEX_STATUS_INVALID_ARGUMENT
 * (DB, QUERY or OUT NULL), POLIDEX_STATUS_DB_ERROR, POLIDEX_STATUS_OUT_OF_MEMORY or
 * POLIDEX_STATUS_INTERNAL_ERROR. */
polidex_status_t polidex_search(polidex_db_t *db, const polidex_query_t *query,
				polidex_results_t **out);

/* Free results, their hits and facets. NULL is a no-op. */
void polidex_results_destroy(polidex_results_t *results);

/* The number of matching documents (exact when facets were asked for, else Xapian's
 * estimate). */
unsigned long polidex_results_get_total(const polidex_results_t *results);

/* Flags of polidex_results_to_json(). */
#define POLIDEX_JSON_PRETTY 1 /* indented over several lines, rather than one line */

/* RESULTS of QUERY as one JSON object, in the shape of doc/query-output.schema.json (the
 * output of polidex-query --format=json and of polidex-serve's /search): a string the caller
 * frees with free(), or NULL when memory ran out. */
char *polidex_results_to_json(polidex_results_t *results, const polidex_query_t *query,
			      int flags);

/* The query with its misspelt words corrected ("did you mean"), or NULL when no correction
 * was found or none was asked for; valid until polidex_results_destroy(). */
const char *polidex_results_get_corrected_query(const polidex_results_t *results);

/* The query as Xapian understood it, for explanations; valid until polidex_results_destroy(). */
const char *polidex_results_get_parsed_query(const polidex_results_t *results);

/* An iterator over the hits of the requested page, best first. Free it with
 * polidex_hits_destroy() or leave it to polidex_results_destroy(). NULL on out of memory. */
polidex_hits_t *polidex_results_get_hits(polidex_results_t *results);
int polidex_hits_valid(const polidex_hits_t *hits);
polidex_hit_t *polidex_hits_get(polidex_hits_t *hits);
void polidex_hits_move_to_next(polidex_hits_t *hits);
void polidex_hits_destroy(polidex_hits_t *hits);

/* Hit accessors; strings are valid until polidex_results_destroy() and NULL when the document
 * lacks the field. The id is the document's unique id (its URL or path); the snippet is HTML:
 * text escaped, matched words inside <mark>...</mark>. */
const char *polidex_hit_get_id(const polidex_hit_t *hit);
unsigned polidex_hit_get_docid(const polidex_hit_t *hit);
const char *polidex_hit_get_url(const polidex_hit_t *hit);
const char *polidex_hit_get_title(const polidex_hit_t *hit);
const char *polidex_hit_get_date(const polidex_hit_t *hit);
const char *polidex_hit_get_section(const polidex_hit_t *hit);
/* The page type, as polidex_article_get_type() gives it; NULL in an index of schema 3. */
const char *polidex_hit_get_type(const polidex_hit_t *hit);
const char *polidex_hit_get_language(const polidex_hit_t *hit);
const char *polidex_hit_get_snippet(const polidex_hit_t *hit);
double polidex_hit_get_score(const polidex_hit_t *hit);
/* The hit's authors, in page order; NULL when memory runs out. */
polidex_strings_t *polidex_hit_get_authors(const polidex_hit_t *hit);

/* Where the hit's page came from: the file it was read from (for a page of a web archive, the
 * archive) as polidex-index was given it. */
const char *polidex_hit_get_source(const polidex_hit_t *hit);

/* For a page of a web archive, the capture its text is from, for a link to its replay (such
 * as pywb's /COLLECTION/TIMESTAMP/URL): the URL captured, the capture's date (ISO 8601 in
 * UTC), the archive file (absolute), the archive inside a WACZ (or NULL), the record's offset
 * (of its gzip member in a gzipped file; -1 for a page that is no capture), its
 * WARC-Record-ID (NULL for ARC) and the format ("warc" or "arc"). NULL for a page read from
 * a file. */
const char *polidex_hit_get_capture_url(const polidex_hit_t *hit);
const char *polidex_hit_get_capture_date(const polidex_hit_t *hit);
const char *polidex_hit_get_capture_file(const polidex_hit_t *hit);
const char *polidex_hit_get_capture_member(const polidex_hit_t *hit);
long long polidex_hit_get_capture_offset(const polidex_hit_t *hit);
const char *polidex_hit_get_capture_record_id(const polidex_hit_t *hit);
const char *polidex_hit_get_capture_format(const polidex_hit_t *hit);

/* The page's capture history: the first and the last of its captures (ISO 8601; NULL for a
 * file) and how many there are (revisits included; 0 for a file). */
const char *polidex_hit_get_first_captured(const polidex_hit_t *hit);
const char *polidex_hit_get_last_captured(const polidex_hit_t *hit);
unsigned polidex_hit_count_captures(const polidex_hit_t *hit);

/* The link to HIT's archived copy by PATTERN (see polidex_query_set_replay_url()), a string
 * the caller frees; NULL for a page that is no capture, or when memory ran out. */
char *polidex_hit_replay_url(const polidex_hit_t *hit, const char *pattern);

/* An iterator over the counts of facet FIELD, as asked for with polidex_query_add_facet():
 * by count, then by value; "year" by year, newest first. NULL when FIELD was not asked for or
 * memory ran out. Free with polidex_facet_values_destroy() or leave it to
 * polidex_results_destroy(). */
polidex_facet_values_t *polidex_results_get_facet(polidex_results_t *results, const char *field);
int polidex_facet_values_valid(const polidex_facet_values_t *values);
const char *polidex_facet_values_get_value(const polidex_facet_values_t *values);
/* The value as people read it: a concept's label in the query's language; the value itself
 * for the other fields. */
const char *polidex_facet_values_get_label(const polidex_facet_values_t *values);
unsigned long polidex_facet_values_get_count(const polidex_facet_values_t *values);
void polidex_facet_values_move_to_next(polidex_facet_values_t *values);
void polidex_facet_values_destroy(polidex_facet_values_t *values);

/* ---- Exporting every match ------------------------------------------------------------ */

/* The lines of an export: JSON Lines (each document's stored fields, as
 * polidex_db_get_document() gives them, with its "docid" first) or CSV (a header line, then
 * one row a document: docid, id, url, canonical_url, title, description, authors, date,
 * modified, section, language, site_name, tags, concepts, concept_ids, schemes, source,
 * capture_date, first_captured, last_captured, captures, text; RFC 4180). */
typedef enum { POLIDEX_EXPORT_JSONL = 0, POLIDEX_EXPORT_CSV = 1 } polidex_export_format_t;

/* Where an export's lines go: LINE (LEN bytes, its line break included) is the line of the
 * DONE-th document of TOTAL (DONE 0: the CSV header). Returns 0 to go on, nonzero to stop the
 * export. */
typedef int (*polidex_export_fn)(const char *line, size_t len, unsigned long done,
				 unsigned long total, void *ctx);

/* Export every document QUERY matches on DB (its text and filters; its facets, sort, offset
 * and limit do not count) as FORMAT, one line at a time to WRITE, in the index's order (not
 * ranked; shard by shard), the matches counted and then written in one pass, in memory that
 * does not grow with their number: a corpus taken away from a search. MAX, when not 0, is the
 * most matches allowed: more gives POLIDEX_STATUS_TOO_LARGE with the count in the message,
 * before any line. Returns as
 * polidex_search(), and POLIDEX_STATUS_SUCCESS when WRITE stopped the export. */
polidex_status_t polidex_export(polidex_db_t *db, const polidex_query_t *query,
				polidex_export_format_t format, unsigned long max,
				polidex_export_fn write, void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* POLIDEX_H */
