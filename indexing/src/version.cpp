#include "internal.h"

using namespace passerelle;

extern "C" const char *pi_xapian_version(void) {
    // Xapian::version_string() is noexcept in practice, but nothing escapes anyway.
    try {
        return Xapian::version_string();
    } catch (...) {
        return "unknown";
    }
}

extern "C" int pi_check_database(const char *path, size_t length, pi_error *error) {
    return guarded(error, [&] {
        Xapian::Database database(std::string(path, length));
        (void)database.get_doccount();
    });
}
