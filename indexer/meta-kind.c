/* meta-kind.c: what a page declares itself to be, in its JSON-LD types and og:type, for
 * the page type (page-type.c) to weigh beside what its text shows. */
#include "config.h"

#include <json-c/json.h>
#include <string.h>
#include <strings.h>

#include "indexer/metadata-internal.h"
#include "util/array.h"

/* schema.org types, each the declared kind it tells of. */
static const struct {
	const char *type;
	unsigned kind;
} ld_kinds[] = {
	{"Article", PDX_KIND_ARTICLE},
	{"NewsArticle", PDX_KIND_ARTICLE},
	{"BlogPosting", PDX_KIND_ARTICLE},
	{"OpinionNewsArticle", PDX_KIND_ARTICLE},
	{"AnalysisNewsArticle", PDX_KIND_ARTICLE},
	{"ReportageNewsArticle", PDX_KIND_ARTICLE},
	{"BackgroundNewsArticle", PDX_KIND_ARTICLE},
	{"LiveBlogPosting", PDX_KIND_ARTICLE},
	{"ScholarlyArticle", PDX_KIND_REPORT},
	{"Report", PDX_KIND_REPORT},
	{"TechArticle", PDX_KIND_DOCS},
	{"APIReference", PDX_KIND_DOCS},
	{"DiscussionForumPosting", PDX_KIND_FORUM},
	{"QAPage", PDX_KIND_FORUM},
	{"Product", PDX_KIND_PRODUCT},
	{"ProductGroup", PDX_KIND_PRODUCT},
	{"Offer", PDX_KIND_PRODUCT},
	{"AggregateOffer", PDX_KIND_PRODUCT},
	{"ProfilePage", PDX_KIND_PROFILE},
	{"Event", PDX_KIND_EVENT},
	{"CollectionPage", PDX_KIND_COLLECTION},
	{"ItemList", PDX_KIND_COLLECTION},
	{"SearchResultsPage", PDX_KIND_COLLECTION},
	{"Service", PDX_KIND_SERVICE},
	{"SoftwareApplication", PDX_KIND_SERVICE},
	{"WebApplication", PDX_KIND_SERVICE},
};

/* The kind schema.org type TYPE tells of ("http://schema.org/Product" as "Product"), or 0. */
static unsigned ld_kind(const char *type)
{
	const char *slash = strrchr(type, '/');

	if (slash)
		type = slash + 1;
	for (size_t i = 0; i < PDX_COUNT(ld_kinds); i++)
		if (strcmp(type, ld_kinds[i].type) == 0)
			return ld_kinds[i].kind;
	return 0;
}

/* The kinds the @type of OBJ, a string or an array of them, tells of. */
static unsigned type_kinds(json_object *obj)
{
	json_object *type;
	unsigned kinds = 0;

	if (!json_object_object_get_ex(obj, "@type", &type))
		return 0;
	if (json_object_is_type(type, json_type_string))
		return ld_kind(json_object_get_string(type));
	if (json_object_is_type(type, json_type_array))
		for (size_t i = 0; i < json_object_array_length(type); i++) {
			json_object *t = json_object_array_get_idx(type, i);

			if (json_object_is_type(t, json_type_string))
				kinds |= ld_kind(json_object_get_string(t));
		}
	return kinds;
}

/* The kinds the JSON-LD value OBJ declares: its own type, its graph's and its main entity's
 * (a ProfilePage about a Person, a WebPage whose main entity is a Product), not those of
 * what it only mentions (an article's publisher, a breadcrumb's items). */
static unsigned declared_kinds(json_object *obj, int depth, unsigned *products)
{
	json_object *inner;
	unsigned kinds = 0;

	if (!obj || depth > 6)
		return 0;
	if (json_object_is_type(obj, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(obj); i++)
			kinds |= declared_kinds(json_object_array_get_idx(obj, i), depth + 1,
						products);
		return kinds;
	}
	if (!json_object_is_type(obj, json_type_object))
		return 0;
	kinds = type_kinds(obj);
	*products += (kinds & PDX_KIND_PRODUCT) != 0;
	if (json_object_object_get_ex(obj, "@graph", &inner))
		kinds |= declared_kinds(inner, depth + 1, products);
	if (json_object_object_get_ex(obj, "mainEntity", &inner))
		kinds |= declared_kinds(inner, depth + 1, products);
	return kinds;
}

int pdx_meta_kind(polidex_article_t *a, const struct pdx_page *pg)
{
	static const struct {
		const char *og;
		unsigned kind;
	} og_kinds[] = {
		{"article", PDX_KIND_ARTICLE}, {"product", PDX_KIND_PRODUCT},
		{"product.item", PDX_KIND_PRODUCT}, {"profile", PDX_KIND_PROFILE},
		{"event", PDX_KIND_EVENT},
	};
	const char *og = pdx_meta_get(pg, "og:type");
	unsigned kinds = 0;

	unsigned products = 0;

	for (size_t i = 0; i < pg->n_ld_roots; i++)
		kinds |= declared_kinds(pg->ld_roots[i], 0, &products);
	/* Several products declared apart: a page of them, not one. */
	if (products >= 2)
		kinds |= PDX_KIND_COLLECTION;
	for (size_t i = 0; og && i < PDX_COUNT(og_kinds); i++)
		if (strcasecmp(og, og_kinds[i].og) == 0)
			kinds |= og_kinds[i].kind;
	/* Highwire Press tags mark a paper or a report (Google Scholar reads them). */
	if (pdx_meta_get(pg, "citation_title") &&
	    (pdx_meta_get(pg, "citation_pdf_url") || pdx_meta_get(pg, "citation_journal_title") ||
	     pdx_meta_get(pg, "citation_technical_report_institution")))
		kinds |= PDX_KIND_REPORT;
	a->declared_kinds = kinds;
	return 0;
}
