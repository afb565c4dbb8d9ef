/* article-items.c: the iterators over an article's lists (authors, tags, translations,
 * concepts and their broader concepts). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "indexer/article.h"
#include "polidex.h"
#include "util/strings.h"

struct _polidex_authors {
	const struct pdx_author *items;
	size_t n, i;
};

struct _polidex_translations {
	const struct pdx_translation *items;
	size_t n, i;
};

struct _polidex_concepts {
	const struct pdx_article_concept *items;
	size_t n, i;
};

polidex_authors_t *polidex_article_get_authors(const polidex_article_t *article)
{
	polidex_authors_t *it = article ? calloc(1, sizeof *it) : NULL;

	if (it) {
		it->items = article->authors;
		it->n = article->n_authors;
	}
	return it;
}

int polidex_authors_valid(const polidex_authors_t *authors)
{
	return authors && authors->i < authors->n;
}

const char *polidex_authors_get_name(const polidex_authors_t *authors)
{
	return polidex_authors_valid(authors) ? authors->items[authors->i].name : NULL;
}

const char *polidex_authors_get_role(const polidex_authors_t *authors)
{
	return polidex_authors_valid(authors) ? authors->items[authors->i].role : NULL;
}

void polidex_authors_move_to_next(polidex_authors_t *authors)
{
	if (polidex_authors_valid(authors))
		authors->i++;
}

void polidex_authors_destroy(polidex_authors_t *authors)
{
	free(authors);
}

polidex_strings_t *polidex_article_get_tags(const polidex_article_t *article)
{
	return article ? pdx_strings_new(article->tags, article->n_tags) : NULL;
}

polidex_translations_t *polidex_article_get_translations(const polidex_article_t *article)
{
	polidex_translations_t *it = article ? calloc(1, sizeof *it) : NULL;

	if (it) {
		it->items = article->translations;
		it->n = article->n_translations;
	}
	return it;
}

int polidex_translations_valid(const polidex_translations_t *translations)
{
	return translations && translations->i < translations->n;
}

const char *polidex_translations_get_language(const polidex_translations_t *translations)
{
	return polidex_translations_valid(translations)
		       ? translations->items[translations->i].language
		       : NULL;
}

const char *polidex_translations_get_url(const polidex_translations_t *translations)
{
	return polidex_translations_valid(translations) ? translations->items[translations->i].url
							: NULL;
}

void polidex_translations_move_to_next(polidex_translations_t *translations)
{
	if (polidex_translations_valid(translations))
		translations->i++;
}

void polidex_translations_destroy(polidex_translations_t *translations)
{
	free(translations);
}

static polidex_concepts_t *concepts_new(const struct pdx_article_concept *items, size_t n)
{
	polidex_concepts_t *it = calloc(1, sizeof *it);

	if (it) {
		it->items = items;
		it->n = n;
	}
	return it;
}

polidex_concepts_t *polidex_article_get_concepts(const polidex_article_t *article)
{
	return article ? concepts_new(article->concepts, article->n_concepts) : NULL;
}

polidex_concepts_t *polidex_article_get_broader(const polidex_article_t *article)
{
	return article ? concepts_new(article->broader, article->n_broader) : NULL;
}

polidex_concepts_t *polidex_article_get_scheme_concepts(const polidex_article_t *article,
						       const char *name)
{
	if (!article || !name)
		return NULL;
	if (strcmp(name, POLIDEX_UNNAMED_SCHEME) == 0)
		return polidex_article_get_concepts(article);
	for (size_t i = 0; i < article->n_schemes; i++)
		if (strcmp(article->schemes[i].name, name) == 0)
			return concepts_new(article->schemes[i].concepts,
					    article->schemes[i].n_concepts);
	return concepts_new(NULL, 0);
}

int polidex_concepts_valid(const polidex_concepts_t *concepts)
{
	return concepts && concepts->i < concepts->n;
}

const char *polidex_concepts_get_id(const polidex_concepts_t *concepts)
{
	return polidex_concepts_valid(concepts) ? concepts->items[concepts->i].id : NULL;
}

const char *polidex_concepts_get_label(const polidex_concepts_t *concepts)
{
	return polidex_concepts_valid(concepts) ? concepts->items[concepts->i].label : NULL;
}

unsigned polidex_concepts_get_count(const polidex_concepts_t *concepts)
{
	return polidex_concepts_valid(concepts) ? concepts->items[concepts->i].count : 0;
}

double polidex_concepts_get_score(const polidex_concepts_t *concepts)
{
	return polidex_concepts_valid(concepts) ? concepts->items[concepts->i].score : 0;
}

void polidex_concepts_move_to_next(polidex_concepts_t *concepts)
{
	if (polidex_concepts_valid(concepts))
		concepts->i++;
}

void polidex_concepts_destroy(polidex_concepts_t *concepts)
{
	free(concepts);
}
