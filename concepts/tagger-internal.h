/* tagger-internal.h: the tagger's parts, shared by the files that build and run it: its hash
 * tables (tagger-maps.c), reading words (tagger-words.c), compiling the labels
 * (tagger-compile.c), each thread's caches and scratch (tagger-state.c) and matching
 * (tagger.c). */
#ifndef PDX_TAGGER_INTERNAL_H
#define PDX_TAGGER_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "concepts/tagger.h"
#include "stemmers/stemmers.h"

#define NO_TOKEN UINT32_MAX       /* a word no label contains */
#define BOUNDARY (UINT32_MAX - 1) /* a sentence or paragraph end */
#define MAX_STEMMERS 8            /* languages a thread keeps a stemmer and a cache for */

/* What the text tells of a token (struct pdx_token's flags). */
#define T_TITLE 0x1        /* in the title */
#define T_LEAD 0x2         /* in the lead, the first paragraph that is not furniture */
#define T_CAPITALS 0x4     /* written in capitals, as acronyms are */
#define T_UPPER 0x8        /* its first letter is a capital */
#define T_LOWER 0x10       /* its first letter is a small letter */
#define T_START 0x20       /* first of its sentence, or in a heading (T_HEADING): its capital
			    * tells nothing */
#define T_FUNCTION 0x40    /* an English function word ("will", "us", "of") */
#define T_DOTTED 0x80      /* initials with full stops ("U.S."), read without them */
#define T_DOLLAR 0x100     /* followed by a dollar sign ("US$") */
#define T_CODE 0x800       /* followed by a hyphen or slash and a digit: a code ("EIB-204") */
#define T_PARAGRAPH 0x200  /* a boundary that ends a paragraph */
#define T_HEADING 0x400    /* in the title or a heading written in title case */

/* Kinds of a label (struct pdx_terminal's kind), by how the scheme writes it. */
enum pdx_label_form {
	LABEL_NO_CASE,  /* no letters with case (Chinese) */
	LABEL_COMMON,   /* a common noun or phrase: "grassland", "Climate change" */
	LABEL_NAME,     /* a name: "Security Council", "Xi Jinping" */
	LABEL_UNSURE,   /* one capitalised word in a scheme that capitalises every label */
	LABEL_ACRONYM   /* one word in capitals: matches such words only */
};

/* Tokeniser events (pdx_token_fn's KIND). */
#define W_CJK 1      /* a CJK character */
#define W_DOTTED 2   /* initials with full stops */
#define W_SENTENCE 4 /* a sentence end (WORD NULL) */
#define W_PARAGRAPH 8 /* a paragraph end (WORD NULL) */

/* ---- hash tables (tagger-maps.c) ---------------------------------------------------- */

/* An open-addressing hash table of entries of one size, each slot holding its entry's 64-bit
 * hash (never 0, which marks an empty slot). The number of slots is a power of two, and the
 * table is kept at most half full. All zeros is an empty table. */
struct pdx_table {
	uint64_t *hashes;
	unsigned char *entries;
	size_t n, slots;
};

/* An entry of the dictionary (a token's form, normalised and stemmed, and its id) or of a
 * language's cache of words (a word as the text writes it, the id of its form or NO_TOKEN,
 * and, when some label has it, its surface hash; the cache spares stemming a word twice). */
struct pdx_word {
	char *text;
	uint64_t surface;
	uint32_t token;
	uint32_t function; /* in a cache: an English function word (pdx_is_function_word) */
};

/* The entry for the LEN bytes at S, or NULL. */
const struct pdx_word *pdx_words_find(const struct pdx_table *words, const char *s, size_t len);

/* Add the LEN bytes at S with TOKEN, SURFACE and FUNCTION. Returns 0, or -1 when memory ran
 * out. */
int pdx_words_add(struct pdx_table *words, const char *s, size_t len, uint32_t token,
		  uint64_t surface, uint32_t function);

/* Add S, a string that outlives the table, with TOKEN and SURFACE, without copying it. */
int pdx_words_add_borrowed(struct pdx_table *words, const char *s, uint32_t token,
			   uint64_t surface);

/* The entry in slot SLOT of WORDS, or NULL for an empty slot. */
const struct pdx_word *pdx_words_at(const struct pdx_table *words, size_t slot);

/* Empty WORDS, freeing the strings it copied (all of them unless BORROWED). */
void pdx_words_clear(struct pdx_table *words);
void pdx_words_release(struct pdx_table *words, int borrowed);

/* The trie's edges, keyed by node and token: the child of NODE by TOKEN, or 0 for none. */
uint32_t pdx_edges_find(const struct pdx_table *edges, uint32_t node, uint32_t token);
int pdx_edges_add(struct pdx_table *edges, uint32_t node, uint32_t token, uint32_t child);

/* The edge in slot SLOT of EDGES: 1 with its NODE, TOKEN and CHILD, or 0 for an empty slot. */
int pdx_edges_at(const struct pdx_table *edges, size_t slot, uint32_t *node, uint32_t *token,
		 uint32_t *child);


void pdx_edges_clear(struct pdx_table *edges);

/* ---- words (tagger-words.c) --------------------------------------------------------- */

/* Called for each token (a word or a CJK character, as bytes of the text; KIND W_CJK or
 * W_DOTTED or 0) or boundary (WORD NULL; KIND W_SENTENCE or W_PARAGRAPH). Returns -1 to
 * stop on out of memory. */
typedef int (*pdx_token_fn)(void *ctx, const char *word, size_t len, int kind);

/* Split the LEN bytes of TEXT into words (CJK characters each one token, initials with full
 * stops one word), sentence ends and paragraph ends (an empty line), calling FN for each.
 * Returns 0, or -1 when FN did. pdx_tokenise() reads TEXT up to its NUL. */
int pdx_tokenise_len(const char *text, size_t len, pdx_token_fn fn, void *ctx);
int pdx_tokenise(const char *text, pdx_token_fn fn, void *ctx);

/* The letters of dotted initials WORD (LEN bytes: "U.S.") without their full stops, into
 * OUT (SIZE bytes); returns their length. */
size_t pdx_undot(const char *word, size_t len, char *out, size_t size);

/* Whether WORD (LEN bytes) is all ASCII: folded by making its letters small, where other
 * words need Unicode's case folding. */
int pdx_is_ascii(const char *word, size_t len);

/* Whether WORD (LEN bytes) is LABEL (folded) or its plural, or LABEL the plural of WORD, in
 * English: "treaty", "treaties"; not "detention" for "détente". */
int pdx_same_word(const char *word, size_t len, const char *label);

/* A hash of a word as written, case folded: what tells "developed" from "developing" when
 * both stem alike; and the hash of a run of words, word by word. */
uint64_t pdx_surface_hash(const char *word, size_t len);
uint64_t pdx_surface_join(uint64_t so_far, uint64_t word);

/* The normalised, stemmed form of a word: what the dictionary is keyed by. Returns a string
 * the caller frees, or NULL when memory runs out. */
char *pdx_token_form(pdx_stemmer_t *stemmer, const char *word, size_t len, int cjk);

/* The primary subtag of LANG (NULL: none), in small letters, at most 3 of them. */
void pdx_primary_subtag(const char *lang, char out[4]);

/* Whether WORD (LEN bytes) is written in capitals, as acronyms are: two ASCII capitals or
 * more and no small letter but a plural's final s ("WHO", "G20", "BRICS", "NGOs"; not "A",
 * "Who" or "bits"). */
int pdx_in_capitals(const char *word, size_t len);

/* Whether the first letter of WORD (LEN bytes) is a capital (1), a small letter (-1) or
 * neither (0: a digit, a script without case). */
int pdx_first_case(const char *word, size_t len);

/* ---- the compiled matcher (tagger-compile.c) ---------------------------------------- */

/* A label: where its tokens end in the trie, and what tells it from other labels there. */
/* How a label is not its concept's preferred one (struct pdx_terminal's alternative). */
#define ALT_LABEL 1    /* another label of the scheme's */
#define ALT_INITIALS 2 /* the initials of its English name, as texts abbreviate it ("US") */

struct pdx_terminal {
	uint32_t node;
	uint32_t concept;
	uint64_t surface; /* hash of the label's words before stemming */
	char *words;      /* the label's words as written, case folded, each ended by a NUL */
	uint32_t words_len; /* the bytes of WORDS, their NULs included */
	char lang[4];     /* primary subtag of the label's language, "" for none */
	unsigned char kind;    /* enum pdx_label_form */
	unsigned char n_words; /* its words, at most 255 counted */
	unsigned char elliptic; /* a part of the concept's preferred label ("General Assembly") */
	unsigned char alternative; /* not the concept's preferred label: ALT_LABEL, ALT_INITIALS */
};

struct pdx_tag_states;

/* Everything but STATES is written while compiling and only read after: one tagger serves
 * any number of threads at once. */
struct pdx_tagger {
	const pdx_thesaurus_t *th;
	struct pdx_table dict;  /* token forms to ids */
	struct pdx_table edges; /* trie edges, keyed by (node << 32 | token) */
	uint32_t n_nodes;
	struct pdx_terminal *terms; /* sorted by node */
	size_t n_terms, alloc_terms;
	uint32_t *term_start; /* per node: index of its first terminal, n_terms if none */
	/* How many labels have each word, as written and case folded: how general a word of
	 * the scheme it is. An open-addressing table by the words' surface hashes, counted on
	 * the first tagging (a search never needs it), under DF_LOCK. */
	uint64_t *df_keys;
	uint32_t *df_counts;
	size_t df_slots;
	pthread_mutex_t df_lock;
	int df_state; /* 0 not counted yet, 1 counted, -1 out of memory */
	struct pdx_tag_states *states; /* each thread's caches and scratch */
	int borrowed; /* read from a compiled scheme: the words' strings are the thesaurus's */
	int small_labels; /* the scheme writes common labels in small letters */
};

/* A tagger with no labels yet for TH, for filling from a compiled scheme; NULL when memory
 * ran out. */
pdx_tagger_t *pdx_tagger_empty(const pdx_thesaurus_t *th);

/* Index where each node's terminals start, once they are sorted by node (SORT: sort them
 * first). Returns 0, or -1 when memory ran out. */
int pdx_tagger_index(pdx_tagger_t *t, int sort);

/* Count, once for any number of threads, how many of T's labels have each word. Returns 0,
 * or -1 when memory ran out. */
int pdx_tagger_count_words(const pdx_tagger_t *t);

/* How many of T's labels have the word whose surface hash is SURFACE, once counted. */
uint32_t pdx_tagger_word_df(const pdx_tagger_t *t, uint64_t surface);

/* ---- each thread's caches and scratch (tagger-state.c) ------------------------------ */

/* A run of tokens matching labels: from token I to END, the labels ending at NODE. */
struct pdx_match {
	uint32_t i, end, node;
};

/* What a concept's mentions in one text showed (tagger-score.c). */
struct pdx_evidence {
	double best;          /* the strongest single mention's weight */
	uint32_t paragraphs;  /* distinct paragraphs mentioning it */
	uint32_t last_paragraph;
	uint32_t mentions;    /* mentions that counted, each weighed less than the one before */
	int whole;            /* some mention was by a label that is no part of another */
	int named;            /* some mention was written as a name */
	int specific;         /* some mention was a name, an acronym or a label of words */
};

/* The cache of a text language: its stemmer, and the words of its texts read so far. */
struct pdx_lang_cache {
	char lang[4];
	pdx_stemmer_t *stemmer;
	struct pdx_table words;
};

/* A token's word: LEN bytes at OFFSET in the text it was read from. */
struct pdx_word_at {
	uint32_t offset, len;
};

/* A token of the text being matched. */
struct pdx_token {
	uint32_t id;             /* NO_TOKEN, BOUNDARY or a dictionary id */
	uint16_t flags;          /* T_* */
	uint32_t paragraph;      /* the paragraph it is in, the title's 0 */
	struct pdx_word_at word; /* where its word is (a word's, not a boundary's) */
	uint64_t surface;        /* hash of its word before stemming, when some label has it */
};

/* What one thread's calls on one tagger cache and scratch. */
struct pdx_tag_state {
	struct pdx_lang_cache caches[MAX_STEMMERS];
	size_t n_caches;
	struct pdx_token *tokens;
	size_t n_tokens, alloc_tokens;
	const char *texts[2]; /* what the words are read from: the title's tokens, then the rest */
	size_t title_tokens;
	struct pdx_tag *by_concept;
	unsigned char *seen;
	size_t *last_match; /* per concept: the token position it was last counted at, + 1 */
	struct pdx_evidence *evidence; /* per concept: what its mentions showed */
	size_t *found;                 /* the concepts seen, in the order first seen */
	/* How the text writes each of its words some label has (tagger-score.c's CASE_*), by
	 * the hash of the word as written: an open-addressing table, half full at most. */
	uint64_t *case_keys;
	unsigned char *case_bits;
	uint32_t *case_gen, gen; /* a slot is this text's when its generation is GEN */
	/* Whether the text spells out the names of concepts SPELT_CONCEPT (SPELT), known for
	 * the text of generation SPELT_GEN, slot by slot. */
	uint32_t spelt_gen[8], spelt_concept[8];
	unsigned char spelt[8];
	size_t case_slots, case_alloc;
	struct pdx_paragraph *paragraphs;  /* the body's, while reading it (tagger.c's own) */
	size_t alloc_paragraphs;
	struct pdx_match *matches;     /* the longest labels found, while scoring */
	size_t n_matches, alloc_matches;
	/* Where the state is listed (tagger-state.c's own): its tagger's and its thread's. */
	struct pdx_tag_states *owner;
	struct pdx_tag_state *next_of_tagger, **prev_of_tagger;
	struct pdx_tag_state *next_of_thread, **prev_of_thread;
};

/* The states of a tagger's threads. Returns NULL when no more can be made. */
struct pdx_tag_states *pdx_tag_states_new(void);

/* Free every thread's state, for the tagger is freed. */
void pdx_tag_states_free(struct pdx_tag_states *states);

/* ---- matching (tagger.c) and scoring (tagger-score.c) ------------------------------- */

/* The longest run of tokens of S from I (before LIMIT) that ends on a label usable in LANG,
 * within a sentence: returns the index just past it and sets *NODE to its trie node; 0 when
 * no label starts at I. */
size_t pdx_longest_match(const pdx_tagger_t *t, const struct pdx_tag_state *s, size_t i,
			 size_t limit, const char *lang, uint32_t *node);

/* Whether to keep terminal K, one of the labels that end at NODE (matched from token I to
 * END): it must be of the text's language, an acronym only a word in capitals, and when
 * several concepts share the stemmed label, written as the text writes it if any of theirs
 * is. */
int pdx_keep_terminal(const pdx_tagger_t *t, const struct pdx_tag_state *s, uint32_t node,
		      size_t i, size_t end, const char *lang, uint32_t k);

/* The word of token M of S as the text writes it (dotted initials without their stops, in
 * BUF), its length in *LEN. */
const char *pdx_token_word(const struct pdx_tag_state *s, size_t m, char buf[64], size_t *len);

/* Whether TEXT defines ACRONYM (LEN bytes) as something no label of concept C is: it writes
 * "(ACRONYM)" after words whose initials spell it and that are none of C's labels. */
int pdx_acronym_defined_otherwise(const pdx_tagger_t *t, const char *text, const char *acronym,
				  size_t len, size_t c);

/* Whether S's text (its title or body) has a label of several words of concept C among its
 * matches (S's matches found), so that C's initials are C's there; remembered for the text. */
int pdx_spelt_out(const pdx_tagger_t *t, struct pdx_tag_state *s, uint32_t c);

/* Weigh the mentions of concepts in S's tokens, read in LANG, and set *OUT (freed by the
 * caller) to the *N concepts scoring MIN_SCORE or more, best first. S is left ready for the
 * next text. Returns 0, or -1 when memory ran out. */
int pdx_tag_score(const pdx_tagger_t *t, struct pdx_tag_state *s, const char *lang,
		  double min_score, struct pdx_tag **out, size_t *n);

/* The calling thread's state for TAGGER, made on its first call; NULL when memory ran out. */
struct pdx_tag_state *pdx_tag_state_get(const pdx_tagger_t *tagger);

/* The cache of LANG (a primary subtag) in S, made when new: past MAX_STEMMERS languages the
 * oldest is recycled. NULL when memory ran out making the language's stemmer. */
struct pdx_lang_cache *pdx_tag_state_cache(struct pdx_tag_state *s, const char *lang);

#endif
