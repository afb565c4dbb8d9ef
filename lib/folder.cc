// folder.cc: the folders a database lives in: parents, building beside and renaming into
// place, removing leftovers. Part of the shim.
#include "config.h"

#include "lib/folder.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <ftw.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

void pdx_folder_make_parents(const std::string &path)
{
	for (size_t slash = path.find('/', 1); slash != std::string::npos;
	     slash = path.find('/', slash + 1)) {
		std::string dir = path.substr(0, slash);

		if (mkdir(dir.c_str(), 0777) < 0 && errno != EEXIST)
			return; // opening the database reports the reason
	}
}

static int remove_entry(const char *path, const struct stat *, int, struct FTW *)
{
	remove(path); // remove what can be removed, and go on
	return 0;
}

void pdx_folder_remove_tree(const std::string &dir)
{
	nftw(dir.c_str(), remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

std::string pdx_folder_new_beside(const std::string &path)
{
	std::string tmp = path + ".new-" + std::to_string(getpid());
	size_t slash = path.find_last_of('/');
	std::string parent = slash == std::string::npos ? "" : path.substr(0, slash + 1);
	std::string prefix = (slash == std::string::npos ? path : path.substr(slash + 1)) + ".new-";

	// Remove what a creator killed half-way left, once that process is gone.
	if (DIR *d = opendir(parent.empty() ? "." : parent.c_str())) {
		while (struct dirent *e = readdir(d)) {
			char *end;
			long pid;

			if (strncmp(e->d_name, prefix.c_str(), prefix.size()) != 0)
				continue;
			pid = strtol(e->d_name + prefix.size(), &end, 10);
			if (*end == '\0' && pid > 0 && kill((pid_t)pid, 0) < 0 && errno == ESRCH)
				pdx_folder_remove_tree(parent + e->d_name);
		}
		closedir(d);
	}
	pdx_folder_remove_tree(tmp);
	return tmp;
}

void pdx_folder_build_in_place(const std::string &path,
			       const std::function<void(const std::string &)> &build)
{
	std::string tmp = pdx_folder_new_beside(path);

	try {
		build(tmp);
	} catch (...) {
		pdx_folder_remove_tree(tmp);
		throw;
	}
	if (rename(tmp.c_str(), path.c_str()) < 0)
		pdx_folder_remove_tree(tmp); // another creator won: open what it made
}
