// Shared by the files of indexing/: error capture, text folding, term prefixes
// and value slots. Nothing here is visible to Swift.
#ifndef PASSERELLE_INDEXING_INTERNAL_H
#define PASSERELLE_INDEXING_INTERNAL_H

#include "passerelle_indexing.h"

#include <xapian.h>

#include <cstdio>
#include <cstring>
#include <algorithm>
#include <exception>
#include <string>
#include <vector>

namespace passerelle {

inline void fill_error(pi_error *error, const std::string &type, const std::string &message) {
    if (error == nullptr) return;
    std::snprintf(error->type, sizeof error->type, "%s", type.c_str());
    std::snprintf(error->message, sizeof error->message, "%s", message.c_str());
}

/// Runs `body`, turning every C++ exception into `error`: 0 on success, 1 on failure.
template <class Body>
int guarded(pi_error *error, Body body) {
    try {
        body();
        return 0;
    } catch (const Xapian::Error &e) {
        fill_error(error, e.get_type(), e.get_msg());
    } catch (const std::exception &e) {
        fill_error(error, "std::exception", e.what());
    } catch (...) {
        fill_error(error, "unknown", "an unknown C++ exception");
    }
    return 1;
}

inline std::string str(pi_bytes bytes) {
    return bytes.length == 0 ? std::string() : std::string(bytes.data, bytes.length);
}

/// The items of a '\n'-separated list, empty ones left out.
std::vector<std::string> split_list(const std::string &list);

/// Accents off (é -> e, ß -> ss, œ -> oe), apostrophes to spaces (l'ingénieur is
/// two words), case kept: what both the documents and the queries go through.
std::string fold(const std::string &text);

/// `fold`, lower case, and the words joined by single spaces: the form of
/// thesaurus keys, filter terms and completion keys.
std::string normalize(const std::string &text);

/// The words of `text` in lower case with their accents (for the spelling table).
std::vector<std::string> lower_words(const std::string &text);

/// True for a code point of the CJK scripts (indexed as n-grams).
bool is_cjk(unsigned ch);
bool has_cjk(const std::string &text);

/// The Snowball stemmer of an ISO 639-1 language; "none" for Chinese and unknown
/// ones. The calling thread's own: never hand it to another thread.
const Xapian::Stem &stemmer_for(const std::string &language);

/// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string utf8_prefix(const std::string &text, size_t limit);

/// Great-circle distance in km (haversine, R = 6371.0088 km): the same formula,
/// in the same order, as GeoPoint.distanceInKilometres in Swift.
double haversine_km(double lat1, double lon1, double lat2, double lon2);

/// The 1-degree grid cell term of a point (a coarse geo filter before the exact one).
std::string geo_cell_term(double latitude, double longitude);

// Boolean terms.
constexpr const char *ID = "Q";
constexpr const char *COUNTRY = "XCTRY";
constexpr const char *CITY = "XCITY";
constexpr const char *TYPE = "XTYPE";
constexpr const char *REMOTE = "XREMOTE";
constexpr const char *COMPANY = "XCOMP";
constexpr const char *LANGUAGE = "L";
constexpr const char *SKILL = "K";
constexpr const char *OCCUPATION = "XO";
constexpr const char *OPEN_TO_WORK = "XOTW";
constexpr const char *EMPLOYER = "XEMP";
constexpr const char *VISIBILITY = "XVIS";
constexpr const char *RELOCATE = "XRELOC";
constexpr const char *POSTED_DAY = "XPD";  // + posted_day_key: the newest postings without reading them all

/// The day of a Unix time as six digits, so that the terms of days sort as the days do.
std::string posted_day_key(int64_t unix_seconds);
// Free-text prefixes of the query syntax: title:, skill:, company:.
constexpr const char *TITLE_TEXT = "S";
constexpr const char *SKILL_TEXT = "XSK";
constexpr const char *COMPANY_TEXT = "XCO";
// Completion terms: prefix, normalised words from a word start, '\x1f', the display form.
constexpr const char *TITLE_COMPLETION = "XA";  // + language + ":"
constexpr const char *COMPANY_COMPLETION = "XB:";

// Value slots.
enum Slot : Xapian::valueno {
    SLOT_ID = 0,
    SLOT_POSTED = 1,
    SLOT_VALID = 2,
    SLOT_SALARY = 3,
    SLOT_GEO = 4,
    SLOT_COMPANY = 5,  // collapse key
    SLOT_COUNTRY = 6,
    SLOT_CITY = 7,  // CVs; a posting's city is in its PostingFacets record
    SLOT_COMPANY_FACET = 10,
    SLOT_LANGUAGE = 11,
    SLOT_SKILLS = 12,
    SLOT_OPEN_TO_WORK = 13,
    SLOT_EMPLOYERS = 14,  // '\n'-separated current employer ids
    SLOT_POSTING_FACETS = 15,  // a PostingFacets record
};

std::string encode_point(double latitude, double longitude);
bool decode_point(const std::string &value, double &latitude, double &longitude);

/// Copies the shard position into `out` (see pi_writer_position).
int64_t copy_position(const Xapian::Database &database, char *out, size_t capacity, pi_error *error);

constexpr const char *POSITION_KEY = "passerelle:position";
constexpr const char *THESAURUS_KEY = "passerelle:thesaurus";

}  // namespace passerelle

#endif
