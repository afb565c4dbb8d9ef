// folder.h: the folders a database lives in: making parents, building a new database beside
// its place and renaming it there, removing what is left over. For the C++ shim: these throw
// std::bad_alloc only, and pdx_folder_build_in_place() what its builder throws.
#ifndef PDX_FOLDER_H
#define PDX_FOLDER_H

#include <functional>
#include <string>

// Create the folders above PATH that are missing, as mkdir -p would (the last one is left to
// Xapian). A folder that cannot be made is left for opening the database to report.
void pdx_folder_make_parents(const std::string &path);

// Remove the folder DIR and everything in it that can be removed.
void pdx_folder_remove_tree(const std::string &dir);

// The name of a folder beside PATH in which to build a new database before renaming it into
// place, after removing what creators that died half-way left beside PATH.
std::string pdx_folder_new_beside(const std::string &path);

// Make PATH, which does not exist, by calling BUILD on a folder name beside it and renaming
// that into place, so that a process killed half-way never leaves at PATH a folder that is not
// a database. What BUILD throws is thrown on, once its folder is removed. Losing a race to
// another creator is not an error: what it made stays.
void pdx_folder_build_in_place(const std::string &path,
			       const std::function<void(const std::string &)> &build);

#endif
