# data/: the default thesaurus, installed, and the project's own sample pages (the demo
# corpus with ../shared/corpus).
dist_pkgdata_DATA = data/thesaurus/polidex-ir.ttl
EXTRA_DIST += data/thesaurus/README.md
dist_noinst_DATA += data/sample/README.md \
	data/sample/atlantic-forum-aiib-at-five.expected.json \
	data/sample/atlantic-forum-aiib-at-five.html \
	data/sample/chengyuan-belt-and-road-mutual-benefit.expected.json \
	data/sample/chengyuan-belt-and-road-mutual-benefit.html \
	data/sample/crossroads-blog-realism-is-back.expected.json \
	data/sample/crossroads-blog-realism-is-back.html \
	data/sample/harbourline-report-rules-under-strain.expected.json \
	data/sample/harbourline-report-rules-under-strain.html \
	data/sample/kingsbridge-russia-sanctions-unity.expected.json \
	data/sample/kingsbridge-russia-sanctions-unity.html \
	data/sample/meridian-arms-control-three-way-rivalry.expected.json \
	data/sample/meridian-arms-control-three-way-rivalry.html
