// read.mjs: read every record of WARC files with warcio.js and its decoded payload.
//
// Usage: node read.mjs FILE [FILE...]   (plain .warc or gzipped .warc.gz)
//
// For each record, record.readFully(true) reads the payload "as content": for records whose
// HTTP headers warcio parsed (response, request, revisit with a block), the body after the
// HTTP header with chunked transfer coding and the Content-Encoding undone; for the others
// (resource, warcinfo, metadata, ...), the whole record block. Prints
//   records N payload_bytes B seconds S
// where S is the time spent reading the files (from opening each file to its end).
import fs from "node:fs";
import { WARCParser } from "warcio";

const files = process.argv.slice(2);
if (files.length === 0) {
	console.error("usage: node read.mjs FILE [FILE...]");
	process.exit(2);
}

let records = 0;
let payloadBytes = 0;
let elapsed = 0n;

for (const file of files) {
	const start = process.hrtime.bigint();
	try {
		const stream = fs.createReadStream(file);
		const parser = new WARCParser(stream);
		for await (const record of parser) {
			const payload = await record.readFully(true);
			records++;
			payloadBytes += payload.byteLength;
		}
	} catch (err) {
		console.error(`read.mjs: ${file}: ${err && err.message ? err.message : err}`);
		process.exit(1);
	}
	elapsed += process.hrtime.bigint() - start;
}

const seconds = Number(elapsed) / 1e9;
console.log(`records ${records} payload_bytes ${payloadBytes} seconds ${seconds.toFixed(3)}`);
