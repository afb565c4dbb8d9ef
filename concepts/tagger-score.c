/* tagger-score.c: weighing the concepts a text mentions. Each mention's weight comes from
 * what the text shows of it: how the words are written (a name or a common word, inside a
 * longer name or not), how specific the label is, where the mention is; then each concept's
 * from its mentions, with diminishing returns, and from its neighbours in the scheme. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "concepts/tagger-internal.h"
#include "util/array.h"

/* How the text writes a word some label has (the state's case table): away from sentence
 * starts and headings, in small letters or with a capital; whether it is ever part of a
 * longer label the text has, or of a name of several capitalised words. */
#define CASE_SMALL 1
#define CASE_CAPITAL 2
#define CASE_IN_PHRASE 4
#define CASE_IN_NAME 8

/* How a mention is written. */
enum usage { USE_UNKNOWN, USE_COMMON, USE_NAME };

#define ALT_WEIGHT 0.4	  /* a one-word common label the scheme lists as another name */
#define NESTED_WEIGHT 0.5 /* a name inside a longer matched one: Moscow in "Moscow State ..." */
#define LONE_WEIGHT 0.5	  /* a concept of common words only, and nothing around it */
#define PART_WEIGHT 0.6	  /* a named part of a named whole the text names too */

/* ---- how the text writes its words ---------------------------------------------------- */

/* The slot of the case table for the word whose surface hash is SURFACE. */
static size_t case_slot(const struct pdx_tag_state *s, uint64_t surface)
{
	size_t mask = s->case_slots - 1, h;

	surface += !surface;
	for (h = surface & mask; s->case_gen[h] == s->gen && s->case_keys[h] != surface;
	     h = (h + 1) & mask)
		;
	return h;
}

/* What the case table holds of token M's word. */
static unsigned char case_of(const struct pdx_tag_state *s, size_t m)
{
	size_t h = case_slot(s, s->tokens[m].surface);

	return s->case_gen[h] == s->gen ? s->case_bits[h] : 0;
}

/* Add BITS to what the case table holds of token M's word. */
static void note_word(struct pdx_tag_state *s, size_t m, unsigned char bits)
{
	uint64_t key = s->tokens[m].surface;
	size_t h = case_slot(s, key);

	if (s->case_gen[h] != s->gen) {
		s->case_gen[h] = s->gen;
		s->case_keys[h] = key + !key;
		s->case_bits[h] = 0;
	}
	s->case_bits[h] |= bits;
}

/* Make S's case table empty, with room for its text's words that labels have (at most half
 * full). Returns 0, or -1 when memory ran out. */
static int clear_cases(struct pdx_tag_state *s)
{
	size_t slots = 64, words = 0;

	for (size_t m = 0; m < s->n_tokens; m++)
		words += s->tokens[m].id < BOUNDARY;
	while (slots < 2 * words)
		slots *= 2;
	if (slots > s->case_alloc) {
		uint64_t *keys = realloc(s->case_keys, slots * sizeof *keys);
		unsigned char *bits;
		uint32_t *gen;

		if (!keys)
			return -1;
		s->case_keys = keys;
		bits = realloc(s->case_bits, slots);
		if (!bits)
			return -1;
		s->case_bits = bits;
		gen = realloc(s->case_gen, slots * sizeof *gen);
		if (!gen)
			return -1;
		s->case_gen = gen;
		/* New slots belong to no text yet. */
		memset(s->case_gen + s->case_alloc, 0, (slots - s->case_alloc) * sizeof *gen);
		s->case_alloc = slots;
	}
	s->case_slots = slots;
	/* A slot is in use for this text when its generation is this text's: the table is
	 * emptied by counting, and cleared only when the count comes round. */
	if (++s->gen == 0) {
		memset(s->case_gen, 0, s->case_alloc * sizeof *s->case_gen);
		s->gen = 1;
	}
	return 0;
}

/* Whether tokens A and A + 1 are words written with only spaces between them. */
static int joined(const struct pdx_tag_state *s, size_t a)
{
	const struct pdx_token *x = &s->tokens[a], *y = &s->tokens[a + 1];
	const char *text;

	if (x->id == BOUNDARY || y->id == BOUNDARY ||
	    (a < s->title_tokens) != (a + 1 < s->title_tokens))
		return 0;
	text = s->texts[a < s->title_tokens ? 0 : 1];
	if (y->word.offset < x->word.offset + x->word.len)
		return 0;
	for (uint32_t k = x->word.offset + x->word.len; k < y->word.offset; k++)
		if (text[k] != ' ')
			return 0;
	return 1;
}

/* Whether token M is a capitalised word that can be part of a name: no function word, no
 * boundary, not in a heading (where every word is capitalised). */
static int name_word(const struct pdx_tag_state *s, size_t m)
{
	const struct pdx_token *token = &s->tokens[m];

	return token->id != BOUNDARY && (token->flags & T_UPPER) &&
	       !(token->flags & (T_HEADING | T_FUNCTION));
}

/* Whether token M is a capitalised word of a name of several ("Mark Meadows"). */
static int in_name(const struct pdx_tag_state *s, size_t m)
{
	if (!name_word(s, m))
		return 0;
	return (m > 0 && name_word(s, m - 1) && joined(s, m - 1)) ||
	       (m + 1 < s->n_tokens && name_word(s, m + 1) && joined(s, m));
}

/* Note in S's case table how the text writes each word some label has. Returns 0, or -1 when
 * memory ran out. */
static int note_cases(struct pdx_tag_state *s)
{
	if (clear_cases(s) < 0)
		return -1;
	for (size_t m = 0; m < s->n_tokens; m++) {
		const struct pdx_token *token = &s->tokens[m];
		unsigned char bits = 0;

		if (token->id >= BOUNDARY)
			continue;
		if (!(token->flags & T_START))
			bits = (unsigned char)((token->flags & T_LOWER ? CASE_SMALL : 0) |
					       (token->flags & T_UPPER ? CASE_CAPITAL : 0));
		if (in_name(s, m))
			bits |= CASE_IN_NAME;
		if (bits)
			note_word(s, m, bits);
	}
	return 0;
}

/* How the one word of token M is used: small, a name, or unknown (a sentence start, a
 * heading) unless the text writes the word elsewhere one way only. */
static enum usage word_usage(const struct pdx_tag_state *s, size_t m)
{
	const struct pdx_token *token = &s->tokens[m];
	unsigned char seen;

	if (!(token->flags & T_START))
		return token->flags & T_LOWER	? USE_COMMON
		       : token->flags & T_UPPER ? USE_NAME
						: USE_UNKNOWN;
	seen = case_of(s, m) & (CASE_SMALL | CASE_CAPITAL);
	return seen == CASE_SMALL ? USE_COMMON : seen == CASE_CAPITAL ? USE_NAME : USE_UNKNOWN;
}

/* Whether the word of token M, as the text writes it, is one of the N of WORDS. */
static int word_is_one_of(const struct pdx_tag_state *s, size_t m, const char *const *words,
			  size_t n)
{
	char buf[64];
	size_t len;
	const char *word = pdx_token_word(s, m, buf, &len);

	for (size_t k = 0; k < n; k++)
		if (len == strlen(words[k]) && memcmp(word, words[k], len) == 0)
			return 1;
	return 0;
}

/* Whether token M is a small connector inside a name ("of" in "Bank of Japan"). */
static int is_connector(const struct pdx_tag_state *s, size_t m)
{
	static const char *const connectors[] = {"of", "for", "de",  "du",  "des", "del",
						 "la", "le",  "von", "van", "der", "al"};

	return (s->tokens[m].flags & T_LOWER) &&
	       word_is_one_of(s, m, connectors, sizeof connectors / sizeof *connectors);
}

/* Whether a label of concept C starts inside the match from token I to END and goes on past
 * it: then the words after the match are C's too ("President Xi" of "President Xi
 * Jinping"). */
static int goes_on(const pdx_tagger_t *t, const struct pdx_tag_state *s, size_t i, size_t end,
		   const char *lang, uint32_t c)
{
	for (size_t p = i + 1; p < end; p++) {
		uint32_t node;
		size_t e = pdx_longest_match(t, s, p, s->n_tokens, lang, &node);

		if (e <= end)
			continue;
		for (uint32_t k = t->term_start[node]; k < t->n_terms && t->terms[k].node == node;
		     k++)
			if (t->terms[k].concept == c)
				return 1;
	}
	return 0;
}

/* How a match of concept C from token I to END sits in a longer name: 1 when a capitalised
 * word goes on before it ("Mark Meadows", "Bank of Japan"), 2 when after it ("New York
 * Times", "Labour Party"), 3 both, 0 neither. */
static int in_longer_name(const pdx_tagger_t *t, const struct pdx_tag_state *s, size_t i,
			  size_t end, const char *lang, uint32_t c)
{
	int where = 0;

	if (i > 0 && name_word(s, i - 1) && joined(s, i - 1))
		where |= 1;
	else if (i > 1 && is_connector(s, i - 1) && name_word(s, i - 2) && joined(s, i - 2) &&
		 joined(s, i - 1))
		where |= 1;
	if (end < s->n_tokens && name_word(s, end) && joined(s, end - 1))
		where |= 2;
	else if (end + 1 < s->n_tokens && is_connector(s, end) && name_word(s, end + 1) &&
		 joined(s, end - 1) && joined(s, end))
		where |= 2;
	if ((where & 2) && goes_on(t, s, i, end, lang, c))
		where &= ~2;
	return where;
}

/* ---- the weight of one mention -------------------------------------------------------- */

/* Whether token M is an English verb of saying: then the words before it are whoever says
 * it ("officials said", "experts say"), the source of a text and not its subject. */
static int reports(const struct pdx_tag_state *s, size_t m)
{
	static const char *const verbs[] = {
	    "said",   "say",   "says",	"told",	  "tell",   "added",   "noted",	  "warned",
	    "argued", "wrote", "write", "writes", "stated", "claimed", "believe", "estimated"};

	return word_is_one_of(s, m, verbs, sizeof verbs / sizeof *verbs);
}

/* The weight of a common word or phrase as evidence of its concept: a phrase is specific, a
 * single word the less the shorter it is (short words are the common ones), and less again
 * where it modifies the noun after it ("climate finance" is not about the climate). */
static double common_weight(const pdx_tagger_t *t, const struct pdx_tag_state *s,
			    const struct pdx_terminal *term, size_t i, size_t end, int english)
{
	const struct pdx_token *next = end < s->n_tokens ? &s->tokens[end] : NULL;
	size_t len = s->tokens[i].word.len;
	uint32_t df;
	double w;

	if (term->n_words > 1)
		return 1.0;
	w = len <= 5 ? 0.35 : len <= 8 ? 0.7 : 1.0;
	/* A word the scheme only lists as another name of the concept ("lottery" for "game of
	 * chance") is looser evidence than its preferred label. */
	if (term->alternative)
		w *= ALT_WEIGHT;
	/* A word many of the scheme's labels have is a general one ("national", "interest"). */
	df = pdx_tagger_word_df(t, s->tokens[i].surface);
	if (df > 1)
		w *= fmin(1.0, 1.5 / log2(df + 1.0));
	/* A word of a longer label the text has stands for it ("intelligence" after "artificial
	 * intelligence"), not for a concept of its own. */
	if (case_of(s, i) & CASE_IN_PHRASE)
		w *= 0.3;
	if (english && next && next->id != BOUNDARY && (next->flags & T_LOWER) &&
	    !(next->flags & T_FUNCTION) && joined(s, end - 1))
		w *= reports(s, end) ? 0.05 : 0.4;
	return w;
}

/* Whether the text from token I to END is written exactly as a label of concept C is, case
 * aside: what a label of numbers needs ("17+1", "G-20"), whose punctuation is its meaning. */
static int written_as_label(const pdx_tagger_t *t, const struct pdx_tag_state *s, size_t c,
			    size_t i, size_t end)
{
	const char *text = s->texts[i < s->title_tokens ? 0 : 1];
	const struct pdx_concept *concept = &t->th->concepts[c];
	uint32_t from = s->tokens[i].word.offset;
	size_t len = s->tokens[end - 1].word.offset + s->tokens[end - 1].word.len - from;

	if ((i < s->title_tokens) != (end - 1 < s->title_tokens))
		return 0;
	for (size_t k = 0; k < concept->n_labels; k++)
		if (strlen(concept->labels[k].text) == len &&
		    strncasecmp(concept->labels[k].text, text + from, len) == 0)
			return 1;
	return 0;
}

/* How a match from token I to END is used: by its words after the first when it has
 * several, a name when any of them is capitalised; else by its word. */
static enum usage match_usage(const struct pdx_tag_state *s, size_t i, size_t end)
{
	enum usage use = USE_UNKNOWN;

	if (end - i == 1)
		return word_usage(s, i);
	for (size_t m = i + 1; m < end; m++) {
		enum usage u;

		if (is_connector(s, m) || (s->tokens[m].flags & T_FUNCTION))
			continue;
		u = word_usage(s, m);
		if (u == USE_NAME)
			return USE_NAME; /* "the Belt and Road initiative" names it */
		if (u == USE_COMMON)
			use = USE_COMMON;
	}
	return use;
}

/* Whether token M is an English word of nationality ("Chinese", "Korean", "Spanish") used
 * before a noun: "the Chinese government" is China's, no mention of the language or the
 * people. */
static int attributive_demonym(const struct pdx_tag_state *s, size_t m)
{
	static const char *const endings[] = {"ese", "ian", "ean", "ish", "ican"};
	const struct pdx_token *next = m + 1 < s->n_tokens ? &s->tokens[m + 1] : NULL;
	char buf[64];
	size_t len;
	const char *word = pdx_token_word(s, m, buf, &len);
	int demonym = 0;

	if (!next || next->id == BOUNDARY || !(next->flags & T_LOWER) ||
	    (next->flags & T_FUNCTION) || !joined(s, m))
		return 0;
	for (size_t k = 0; k < sizeof endings / sizeof *endings && !demonym; k++) {
		size_t n = strlen(endings[k]);

		demonym = len > n + 2 && memcmp(word + len - n, endings[k], n) == 0;
	}
	return demonym;
}

/* The weight of a mention of acronym TERM, matched at token I (END is I + 1). */
static double acronym_weight(const pdx_tagger_t *t, struct pdx_tag_state *s,
			     const struct pdx_terminal *term, size_t i, size_t end,
			     const char *lang, int nested)
{
	const struct pdx_token *first = &s->tokens[i];
	char buf[64];
	size_t len;
	const char *word = pdx_token_word(s, i, buf, &len);

	if (first->flags & (T_DOLLAR | T_CODE))
		return 0; /* "US$" is a currency, "EIB-204" a report's number */
	/* Initials the scheme never writes ("US" of "United States") are that name's where the
	 * text spells the name out too; alone, they are as likely another's ("NC", "ATM"). */
	if (term->alternative == ALT_INITIALS && !pdx_spelt_out(t, s, term->concept))
		return 0;
	if (!s->seen[term->concept] &&
	    (pdx_acronym_defined_otherwise(t, s->texts[1], word, len, term->concept) ||
	     pdx_acronym_defined_otherwise(t, s->texts[0], word, len, term->concept)))
		return 0;
	/* "California ISO" is a name of its own, of which the acronym is a part. */
	if (!nested && (in_longer_name(t, s, i, end, lang, term->concept) & 1))
		return 0.3;
	return 1.0;
}

/* The weight of one mention of label TERM, matched from token I to END: 0 when it is no
 * evidence at all, 1 for a plain one. NESTED: the mention is inside a longer matched label,
 * whose being a name says nothing against it. */
static double mention_weight(const pdx_tagger_t *t, struct pdx_tag_state *s,
			     const struct pdx_terminal *term, size_t i, size_t end,
			     const char *lang, int nested)
{
	const struct pdx_token *first = &s->tokens[i];
	int english = strcmp(lang, "en") == 0;
	enum usage use;
	int longer;
	size_t all_function = 1;

	for (size_t m = i; m < end; m++)
		all_function &= (s->tokens[m].flags & T_FUNCTION) != 0;
	if (all_function)
		return 0; /* "will", "us": grammar, not a subject */
	if (term->kind == LABEL_ACRONYM)
		return acronym_weight(t, s, term, i, end, lang, nested);
	if (term->n_words > 1 && isdigit((unsigned char)term->words[0]) &&
	    !written_as_label(t, s, term->concept, i, end))
		return 0; /* "17+1" is not "$17.1" */
	if (term->kind == LABEL_NO_CASE)
		return 1.0;
	if (english && term->n_words == 1) {
		char buf[64];
		size_t len;
		const char *word = pdx_token_word(s, i, buf, &len);

		if (!pdx_same_word(word, len, term->words))
			return 0; /* a word of the same stem is another word */
	}
	use = match_usage(s, i, end);
	/* A name does not inflect: "Congress" inside an English sentence names one, and is not
	 * the common noun "congresses", nor "the House" "houses", nor "American" "Americans"
	 * (words in capitals tell nothing of names, nor do German nouns). */
	if (english && use == USE_NAME && term->n_words == 1 && term->kind != LABEL_NAME &&
	    !(first->flags & T_CAPITALS) && first->surface != term->surface)
		return 0;
	if (english && term->n_words == 1 && term->kind != LABEL_COMMON && use == USE_NAME &&
	    attributive_demonym(s, i))
		return 0.2;
	longer = nested ? 0 : in_longer_name(t, s, i, end, lang, term->concept);
	switch (term->kind) {
	case LABEL_NAME:
		if (use == USE_COMMON)
			return 0.15; /* "the west" is no "the West" */
		if (longer & 2)
			return 0.3; /* "New York" in "New York Times" */
		if (longer & 1)
			return term->n_words > 1 ? 0.7 : 0.3; /* a title before a name, or a name */
		return 1.0;
	case LABEL_UNSURE:
		if (use == USE_COMMON)
			return common_weight(t, s, term, i, end, english);
		/* A word inside a longer English name is not the name ("State" of "United
		 * States", "Assembly" of "General Assembly"), unless the longer name is a label
		 * too; where every noun has a capital, a capital tells less. */
		if (longer)
			return english ? 0 : 0.3;
		return use == USE_NAME ? 1.0 : 0.8;
	default: /* LABEL_COMMON */
		/* "Meadows" of "Mark Meadows", and "Meadows" alone once the text has named him,
		 * are no grassland; "the Realism school" is realism. */
		if (use == USE_NAME) {
			if (longer || (end - i == 1 && (case_of(s, i) & CASE_IN_NAME)))
				return 0;
			/* A common word the text never writes small is a name there ("The
			 * Economist"), where one it writes both ways is the word. */
			return end - i == 1 && !(case_of(s, i) & CASE_SMALL) ? 0.2 : 0.6;
		}
		return common_weight(t, s, term, i, end, english);
	}
}

/* ---- counting mentions ---------------------------------------------------------------- */

/* Count a mention of concept C at token I weighing W. Returns 1 when C is new. */
static int add_mention(struct pdx_tag_state *s, uint32_t c, size_t i, double w, int elliptic,
		       int named, int specific)
{
	struct pdx_tag *tag = &s->by_concept[c];
	struct pdx_evidence *e = &s->evidence[c];
	const struct pdx_token *token = &s->tokens[i];
	double place = token->flags & T_TITLE ? 3 : token->flags & T_LEAD ? 2 : 1;
	int is_new = 0;

	if (w <= 0)
		return 0;
	/* One mention per match, however many labels the concept has there. */
	if (s->last_match[c] == i + 1)
		return 0;
	s->last_match[c] = i + 1;
	if (!s->seen[c]) {
		s->seen[c] = 1;
		tag->concept = c;
		tag->count = 0;
		tag->first = (unsigned)i;
		tag->score = 0;
		memset(e, 0, sizeof *e);
		is_new = 1;
	}
	e->mentions++;
	e->whole |= !elliptic;
	e->named |= named;
	e->specific |= specific;
	tag->count++;
	/* Each mention adds less than the one before: 1, 2/3, 1/2, 2/5... */
	tag->score += w * place * 2.0 / (e->mentions + 1);
	if (w > e->best)
		e->best = w;
	if (e->last_paragraph != token->paragraph + 1) {
		e->last_paragraph = token->paragraph + 1;
		e->paragraphs++;
	}
	return is_new;
}

/* Whether the mention of TERM from token I to END names something: a label that is a name
 * or an acronym, or one capitalised like any label of its scheme and written as a name. */
static int written_as_name(const struct pdx_tag_state *s, const struct pdx_terminal *term, size_t i,
			   size_t end)
{
	if (term->kind == LABEL_NAME || term->kind == LABEL_ACRONYM)
		return 1;
	return term->kind == LABEL_UNSURE && match_usage(s, i, end) == USE_NAME;
}

/* Whether concept C is one of the N in OUTER or broader than one of them. */
static int within(const pdx_tagger_t *t, size_t c, const uint32_t *outer, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t up[32];
		size_t m = pdx_thesaurus_ancestors(t->th, outer[k], up, 32);

		if (outer[k] == c)
			return 1;
		for (size_t a = 0; a < m && a < 32; a++)
			if (up[a] == c)
				return 1;
	}
	return 0;
}

/* Whether the words from token I to END are written as TERM's are, case aside. */
static int written_exactly(const struct pdx_tag_state *s, const struct pdx_terminal *term,
			   size_t i, size_t end)
{
	uint64_t surface = 0;

	for (size_t m = i; m < end; m++)
		surface = pdx_surface_join(surface, s->tokens[m].surface);
	return surface == term->surface;
}

/* Count the mentions of the labels ending at NODE, matched from token I to END. NESTED: the
 * match is inside a longer one, of the N_OUTER concepts in OUTER; else OUTER gets the
 * concepts counted (room for 8). */
static void count_match(const pdx_tagger_t *t, struct pdx_tag_state *s, uint32_t node, size_t i,
			size_t end, const char *lang, int nested, uint32_t *outer, size_t *n_outer,
			size_t *found)
{
	for (uint32_t k = t->term_start[node]; k < t->n_terms && t->terms[k].node == node; k++) {
		const struct pdx_terminal *term = &t->terms[k];
		double w;
		int named;

		if (!pdx_keep_terminal(t, s, node, i, end, lang, k))
			continue;
		if (nested) {
			/* Only names are tagged inside names, and none the longer one names
			 * already: "Korea" in "South Korea" is no mention of the peninsula. */
			if ((term->kind != LABEL_NAME && term->kind != LABEL_UNSURE &&
			     term->kind != LABEL_ACRONYM) ||
			    within(t, term->concept, outer, *n_outer))
				continue;
			/* A name inside a name is written as it is: "Moscow" in "Moscow State
			 * University", where "States" in "United States" is no "State". */
			if (!written_exactly(s, term, i, end))
				continue;
		} else if (*n_outer < 8) {
			outer[(*n_outer)++] = term->concept;
		}
		w = mention_weight(t, s, term, i, end, lang, nested);
		if (nested)
			w *= NESTED_WEIGHT;
		named = written_as_name(s, term, i, end);
		if (add_mention(s, term->concept, i, w, term->elliptic, named,
				named || term->n_words > 1))
			s->found[(*found)++] = term->concept;
	}
}

/* Count the names inside the match from token I to END, of the N_OUTER concepts in OUTER:
 * each of its words may start a shorter label of its own. */
static void count_nested(const pdx_tagger_t *t, struct pdx_tag_state *s, size_t i, size_t end,
			 const char *lang, uint32_t *outer, size_t n_outer, size_t *found)
{
	for (size_t p = i; p < end;) {
		uint32_t node;
		/* From the first word, a label shorter than the match. */
		size_t inner = pdx_longest_match(t, s, p, p == i ? end - 1 : end, lang, &node);

		if (!inner || !(s->tokens[p].flags & (T_UPPER | T_CAPITALS))) {
			p++;
			continue;
		}
		count_match(t, s, node, p, inner, lang, 1, outer, &n_outer, found);
		p = inner;
	}
}

/* Find the longest labels in S's tokens into S's matches, noting the words of those of
 * several words. Returns 0, or -1 when memory ran out. */
static int find_matches(const pdx_tagger_t *t, struct pdx_tag_state *s, const char *lang)
{
	s->n_matches = 0;
	for (size_t i = 0; i < s->n_tokens;) {
		uint32_t node;
		size_t end = pdx_longest_match(t, s, i, s->n_tokens, lang, &node);
		struct pdx_match *m;

		if (!end) {
			i++;
			continue;
		}
		m = pdx_grow(s->matches, s->n_matches, &s->alloc_matches, sizeof *m, 256);
		if (!m)
			return -1;
		s->matches = m;
		m = &s->matches[s->n_matches++];
		m->i = (uint32_t)i;
		m->end = (uint32_t)end;
		m->node = node;
		for (size_t k = i; end - i > 1 && k < end; k++)
			note_word(s, k, CASE_IN_PHRASE);
		i = end;
	}
	return 0;
}

/* ---- the concept's weight from its neighbours ------------------------------------------ */

/* Whether some concept of LIST (N of them) is among those S found. */
static int any_seen(const struct pdx_tag_state *s, const size_t *list, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (s->seen[list[k]])
			return 1;
	return 0;
}

/* Whether some concept of LIST (N of them) is among those S found with evidence that is named
 * (NAMED 1), or that is not (NAMED 0). */
static int any_seen_as(const struct pdx_tag_state *s, const size_t *list, size_t n, int named)
{
	for (size_t k = 0; k < n; k++)
		if (s->seen[list[k]] && s->evidence[list[k]].named == named)
			return 1;
	return 0;
}

/* Whether S found a concept that shares a broader one with concept C. */
static int sibling_seen(const struct pdx_tag_state *s, const pdx_tagger_t *t, size_t c)
{
	const struct pdx_concept *concept = &t->th->concepts[c];

	for (size_t k = 0; k < concept->n_broader; k++) {
		const struct pdx_concept *up = &t->th->concepts[concept->broader[k]];

		for (size_t m = 0; m < up->n_narrower; m++)
			if (up->narrower[m] != c && s->seen[up->narrower[m]])
				return 1;
	}
	return 0;
}

/* Whether a broader concept of CONCEPT that S found named has more evidence than SCORE. */
static int named_whole_above(const struct pdx_tag_state *s, const struct pdx_concept *concept,
			     double score)
{
	for (size_t k = 0; k < concept->n_broader; k++) {
		size_t b = concept->broader[k];

		if (s->seen[b] && s->evidence[b].named && s->by_concept[b].score > score)
			return 1;
	}
	return 0;
}

/* Weigh concept C's score by what else the text mentions and by where C sits in the scheme:
 * a broad concept counts less when a narrower one of it is mentioned too (the narrower is
 * what is meant), a concept more when its broader is; evidence that is only weak and has no
 * neighbour counts less; so do the most general concepts of a scheme, and a concept
 * mentioned in one paragraph only, against one that runs through the text. */
static double context_weight(const pdx_tagger_t *t, const struct pdx_tag_state *s, size_t c)
{
	const struct pdx_concept *concept = &t->th->concepts[c];
	const struct pdx_evidence *e = &s->evidence[c];
	const struct pdx_tag *tag = &s->by_concept[c];
	int narrower = e->named ? any_seen_as(s, concept->narrower, concept->n_narrower, 0)
				: any_seen(s, concept->narrower, concept->n_narrower);
	int broader = any_seen(s, concept->broader, concept->n_broader);
	double w = 1.0;

	if (narrower)
		w *= 0.7;
	/* A named part of a named whole the text names too is where things happen ("Seoul",
	 * "Darfur" in a text on South Korea, on Sudan), not what the text is about; a narrower
	 * concept of a common one is what the text means by it. */
	if (e->named && named_whole_above(s, concept, tag->score))
		w *= PART_WEIGHT;
	else if (broader)
		w *= 1.15;
	if (e->best < 0.5 && !narrower && !broader)
		w *= 0.5;
	if (!e->specific && !narrower && !broader && !sibling_seen(s, t, c))
		w *= LONE_WEIGHT;
	/* Only a part of its name ("General Assembly"), and nothing around it in the scheme. */
	if (!e->whole && !narrower && !broader)
		w *= 0.4;
	if (concept->n_broader == 0)
		w *= 0.5;
	else if (t->th->concepts[concept->broader[0]].n_broader == 0)
		w *= 0.8;
	if (e->paragraphs >= 3)
		w *= 1.2;
	else if (e->paragraphs == 1 && tag->first >= s->title_tokens)
		w *= 0.8;
	return w;
}

static int by_score(const void *a, const void *b)
{
	const struct pdx_tag *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

int pdx_tag_score(const pdx_tagger_t *t, struct pdx_tag_state *s, const char *lang,
		  double min_score, struct pdx_tag **out, size_t *n_out)
{
	size_t found = 0, n = 0;
	struct pdx_tag *tags;
	double *weights;
	int failed;

	if (pdx_tagger_count_words(t) < 0 || note_cases(s) < 0 || find_matches(t, s, lang) < 0)
		return -1;
	for (size_t k = 0; k < s->n_matches; k++) {
		const struct pdx_match *m = &s->matches[k];
		uint32_t outer[8];
		size_t n_outer = 0;

		count_match(t, s, m->node, m->i, m->end, lang, 0, outer, &n_outer, &found);
		if (m->end - m->i > 1)
			count_nested(t, s, m->i, m->end, lang, outer, n_outer, &found);
	}
	tags = malloc((found ? found : 1) * sizeof *tags);
	weights = malloc((found ? found : 1) * sizeof *weights);
	/* Every weight from the mentions alone, before any is changed. */
	for (size_t k = 0; k < found && weights; k++)
		weights[k] = context_weight(t, s, s->found[k]);
	for (size_t k = 0; k < found; k++) {
		size_t c = s->found[k];
		struct pdx_tag tag = s->by_concept[c];

		s->seen[c] = 0;
		s->last_match[c] = 0;
		if (!tags || !weights)
			continue;
		tag.score *= weights[k];
		if (tag.score >= min_score)
			tags[n++] = tag;
	}
	failed = !tags || !weights;
	free(weights);
	if (failed) {
		free(tags);
		return -1;
	}
	qsort(tags, n, sizeof *tags, by_score);
	*out = tags;
	*n_out = n;
	return 0;
}
