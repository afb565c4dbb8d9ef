/* schema.h: the index schema shared by the writer and the searcher (see doc/schema.md). */
#ifndef PDX_SCHEMA_H
#define PDX_SCHEMA_H

/* Version of the schema below, stored in the database metadata key "polidex.schema". */
#define PDX_SCHEMA_VERSION "4"
#define PDX_SCHEMA_METADATA_KEY "polidex.schema"

/* Term prefixes, following Omega's conventions. */
#define PDX_PREFIX_ID "Q"
#define PDX_PREFIX_URL "U"
#define PDX_PREFIX_HOST "H"
#define PDX_PREFIX_TITLE "S"
#define PDX_PREFIX_AUTHOR "A"
#define PDX_PREFIX_DAY "D"
#define PDX_PREFIX_MONTH "M"
#define PDX_PREFIX_YEAR "Y"
#define PDX_PREFIX_LANGUAGE "L"
#define PDX_PREFIX_SECTION "XS"
#define PDX_PREFIX_TAG "K"
#define PDX_PREFIX_CONCEPT "XC"
#define PDX_PREFIX_SOURCE "XF" /* where the page was read from: crawl URL or file:// URL */
#define PDX_PREFIX_ARCHIVE "XA"      /* a web archive file a capture of the page was read from */
#define PDX_PREFIX_CAPTURE_DAY "XD"  /* a capture's day, YYYYMMDD */
#define PDX_PREFIX_CAPTURE_MONTH "XM" /* YYYYMM */
#define PDX_PREFIX_CAPTURE_YEAR "XY" /* YYYY */
#define PDX_PREFIX_SCHEMES "XN" /* a named scheme's concept: XN, the name, ':', the URI */
#define PDX_PREFIX_TYPE "XT"    /* the page type: XTarticle, XTlisting */

/* Value slots. Facet slots hold multi-values (lib/multivalue.h). */
#define PDX_SLOT_DATE 0       /* YYYYMMDD, for ranges and sorting */
#define PDX_SLOT_HASH 1       /* fingerprint of bytes, thesaurus and schema, 16 hex digits */
#define PDX_SLOT_CONCEPTS 2   /* concept ids (facet) */
#define PDX_SLOT_SECTION 3    /* section as the page gives it (facet) */
#define PDX_SLOT_AUTHORS 4    /* author names as the page gives them (facet) */
#define PDX_SLOT_LANGUAGE 5   /* language tag (facet) */
#define PDX_SLOT_YEAR 6       /* YYYY (facet) */
#define PDX_SLOT_TAGS 7       /* tags as the page gives them (facet) */
#define PDX_SLOT_SITE 8       /* host name of the URL (facet) */
#define PDX_SLOT_MONTH 9      /* YYYY-MM (facet) */
#define PDX_SLOT_ID 10        /* the unique id (canonical URL, URL or path): duplicates collapse */
#define PDX_SLOT_CAPTURE_YEAR 11 /* YYYY of each capture (facet) */
#define PDX_SLOT_CAPTURES 12  /* the captures of a page from web archives (lib/capture.h) */
#define PDX_SLOT_TAGGING 13   /* a capture's page: 16 hex digits of the thesaurus and minimum
			       * score it was tagged with, apart from its bytes */
#define PDX_SLOT_SCHEMES 14   /* named schemes' concepts, "NAME:URI" each (facets) */
#define PDX_SLOT_TYPE 15      /* the page type (facet) */

/* Metadata keys: how captures are kept (PDX_CAPTURES_*), and revisits waiting for their page
 * (the prefix, then a hash of the page's id term). */
#define PDX_CAPTURES_METADATA_KEY "polidex.captures"
#define PDX_CAPTURES_LATEST "latest"
#define PDX_CAPTURES_EACH "each"
#define PDX_PENDING_METADATA_PREFIX "polidex.pending."


#endif
