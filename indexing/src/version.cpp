#include "passerelle_indexing.h"

#include <xapian.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

namespace {

void fill(pi_error *error, const std::string &type, const std::string &message) {
    if (error == nullptr) return;
    std::snprintf(error->type, sizeof error->type, "%s", type.c_str());
    std::snprintf(error->message, sizeof error->message, "%s", message.c_str());
}

}  // namespace

extern "C" const char *pi_xapian_version(void) {
    // Xapian::version_string() is noexcept in practice, but nothing escapes anyway.
    try {
        return Xapian::version_string();
    } catch (...) {
        return "unknown";
    }
}

extern "C" int pi_check_database(const char *path, size_t length, pi_error *error) {
    try {
        Xapian::Database database(std::string(path, length));
        (void)database.get_doccount();
        return 0;
    } catch (const Xapian::Error &e) {
        fill(error, e.get_type(), e.get_msg());
    } catch (const std::exception &e) {
        fill(error, "std::exception", e.what());
    } catch (...) {
        fill(error, "unknown", "an unknown C++ exception");
    }
    return 1;
}
