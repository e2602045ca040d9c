#ifndef PASSERELLE_INDEXING_H
#define PASSERELLE_INDEXING_H

// The C face of Passerelle's Xapian code. Every call catches every C++ exception
// (Xapian::Error, then std::exception, then ...) and reports it through
// pi_error; no exception ever crosses into Swift.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What went wrong in a call, filled in when the call returns a non-zero code.
/// `type` is Xapian's error class ("DatabaseOpeningError", ...), "std::exception"
/// or "unknown"; both strings are NUL-terminated and truncated to fit.
typedef struct pi_error {
    char type[64];
    char message[512];
} pi_error;

/// The version of the Xapian library linked in, e.g. "1.4.22"; never NULL.
const char *pi_xapian_version(void);

/// Exercises the error path: runs a Xapian call that throws (opening a
/// database at `path`, `length` bytes) and returns 0 on success, 1 with `error`
/// filled in when Xapian threw.
int pi_check_database(const char *path, size_t length, pi_error *error);

#ifdef __cplusplus
}
#endif

#endif
