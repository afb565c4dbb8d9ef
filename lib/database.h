/* database.h: what indexer/ and query/ use of lib/: the index schema, documents as the schema
 * describes them and how they are written, captures and, in C++, the database handle the
 * query shim searches. */
#ifndef PDX_DATABASE_H
#define PDX_DATABASE_H

#include "lib/capture.h"
#include "lib/db-write.h"
#include "lib/docspec.h"
#include "lib/metadata.h"
#include "lib/schema.h"

#ifdef __cplusplus
#include "lib/db-internal.h"
#endif

#endif
