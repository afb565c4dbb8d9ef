# doc/: man pages and the schema documents.
