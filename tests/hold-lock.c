/* hold-lock: open a polidex database for writing and keep it open until a file goes away,
 * so that end-to-end tests can meet a locked database. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "polidex.h"

int main(int argc, char **argv)
{
	polidex_db_t *db = NULL;
	char *msg = NULL;
	struct stat st;
	FILE *ready;

	if (argc != 3) {
		fprintf(stderr, "usage: hold-lock DB FLAGFILE\n");
		return 2;
	}
	if (polidex_db_open(argv[1], POLIDEX_DB_WRITABLE, &db, &msg) != POLIDEX_STATUS_SUCCESS) {
		fprintf(stderr, "hold-lock: %s\n", msg ? msg : "cannot open");
		free(msg);
		return 2;
	}
	ready = fopen(argv[2], "w");
	if (!ready) {
		perror(argv[2]);
		polidex_db_close(db);
		return 2;
	}
	fclose(ready);
	/* The test removes the flag file when done; give up after a minute in any case. */
	for (int i = 0; i < 600 && stat(argv[2], &st) == 0; i++)
		usleep(100000);
	polidex_db_close(db);
	return 0;
}
