#include "internal.h"

#include <cmath>
#include <cstring>
#include <map>

namespace passerelle {
namespace {

// One letter per code point from U+00C0 to U+017F: its base letter, '?' for the
// ones that fold to two letters (see two_letters), '*' for signs kept as they are.
constexpr const char LATIN[] =
    "AAAAAA?CEEEEIIIIDNOOOOO*OUUUUY??"
    "aaaaaa?ceeeeiiiidnooooo*ouuuuy?y"
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi??JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo??RrRrRr"
    "SsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
static_assert(sizeof LATIN - 1 == 0x180 - 0xC0, "one letter per code point from U+00C0 to U+017F");

const char *two_letters(unsigned ch) {
    switch (ch) {
    case 0xC6: return "AE";
    case 0xDE: return "TH";
    case 0xDF: return "ss";
    case 0xE6: return "ae";
    case 0xFE: return "th";
    case 0x132: return "IJ";
    case 0x133: return "ij";
    case 0x152: return "OE";
    case 0x153: return "oe";
    default: return nullptr;
    }
}

bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019 || ch == 0x2018 || ch == 0x02BC; }

}  // namespace

std::vector<std::string> split_list(const std::string &list) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= list.size()) {
        size_t end = list.find('\n', start);
        if (end == std::string::npos) end = list.size();
        if (end > start) items.emplace_back(list, start, end - start);
        start = end + 1;
    }
    return items;
}

std::string fold(const std::string &text) {
    std::string out;
    out.reserve(text.size());
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (ch < 0x80) {
            out += ch == '\'' ? ' ' : static_cast<char>(ch);
        } else if (ch >= 0x300 && ch <= 0x36F) {
            // A combining accent (decomposed text): dropped like a precomposed one.
        } else if (is_apostrophe(ch)) {
            out += ' ';
        } else if (ch >= 0xC0 && ch < 0x180) {
            char letter = LATIN[ch - 0xC0];
            if (letter == '?') {
                out += two_letters(ch);
            } else if (letter == '*') {
                Xapian::Unicode::append_utf8(out, ch);
            } else {
                out += letter;
            }
        } else {
            Xapian::Unicode::append_utf8(out, ch);
        }
    }
    return out;
}

std::string normalize(const std::string &text) {
    std::string folded = fold(text);
    std::string out;
    out.reserve(folded.size());
    bool in_word = false;
    for (Xapian::Utf8Iterator it(folded); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (Xapian::Unicode::is_wordchar(ch)) {
            if (!in_word && !out.empty()) out += ' ';
            in_word = true;
            Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(ch));
        } else {
            in_word = false;
        }
    }
    return out;
}

std::vector<std::string> lower_words(const std::string &text) {
    std::vector<std::string> words;
    std::string word;
    for (Xapian::Utf8Iterator it(text);; ++it) {
        bool end = it == Xapian::Utf8Iterator();
        unsigned ch = end ? 0 : *it;
        if (!end && Xapian::Unicode::is_wordchar(ch) && !is_apostrophe(ch)) {
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
        } else {
            if (!word.empty()) words.push_back(word);
            word.clear();
        }
        if (end) break;
    }
    return words;
}

bool is_cjk(unsigned ch) {
    return (ch >= 0x2E80 && ch <= 0x2FDF) || (ch >= 0x3040 && ch <= 0x30FF) || (ch >= 0x3100 && ch <= 0x31FF) ||
           (ch >= 0x3400 && ch <= 0x4DBF) || (ch >= 0x4E00 && ch <= 0x9FFF) || (ch >= 0xAC00 && ch <= 0xD7AF) ||
           (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0x20000 && ch <= 0x2FFFF);
}

bool has_cjk(const std::string &text) {
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
        if (is_cjk(*it)) return true;
    }
    return false;
}

const Xapian::Stem &stemmer_for(const std::string &language) {
    // One set per thread: a Snowball stemmer keeps working buffers, so two threads
    // stemming through the same Xapian::Stem corrupt each other's memory.
    thread_local const std::map<std::string, Xapian::Stem> stemmers = {
        {"fr", Xapian::Stem("french")},     {"en", Xapian::Stem("english")},
        {"de", Xapian::Stem("german")},     {"es", Xapian::Stem("spanish")},
        {"it", Xapian::Stem("italian")},    {"pt", Xapian::Stem("portuguese")},
    };
    thread_local const Xapian::Stem none;
    auto found = stemmers.find(language);
    return found == stemmers.end() ? none : found->second;
}

std::string utf8_prefix(const std::string &text, size_t limit) {
    if (text.size() <= limit) return text;
    size_t end = limit;
    // Step back over continuation bytes (10xxxxxx) to the start of a sequence.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
    const double radians = M_PI / 180;
    const double d_latitude = (lat2 - lat1) * radians;
    const double d_longitude = (lon2 - lon1) * radians;
    const double a = std::sin(d_latitude / 2) * std::sin(d_latitude / 2) +
                     std::cos(lat1 * radians) * std::cos(lat2 * radians) * std::sin(d_longitude / 2) *
                         std::sin(d_longitude / 2);
    return 2 * 6371.0088 * std::asin(std::fmin(1.0, std::sqrt(a)));
}

std::string posted_day_key(int64_t unix_seconds) {
    char digits[16];
    long long day = unix_seconds < 0 ? 0 : unix_seconds / 86400;
    std::snprintf(digits, sizeof digits, "%06lld", day);
    return digits;
}

std::string geo_cell_term(double latitude, double longitude) {
    return "XG" + std::to_string(static_cast<int>(std::floor(latitude))) + ":" +
           std::to_string(static_cast<int>(std::floor(longitude)));
}

std::string encode_point(double latitude, double longitude) {
    char bytes[2 * sizeof(double)];
    std::memcpy(bytes, &latitude, sizeof(double));
    std::memcpy(bytes + sizeof(double), &longitude, sizeof(double));
    return std::string(bytes, sizeof bytes);
}

bool decode_point(const std::string &value, double &latitude, double &longitude) {
    if (value.size() != 2 * sizeof(double)) return false;
    std::memcpy(&latitude, value.data(), sizeof(double));
    std::memcpy(&longitude, value.data() + sizeof(double), sizeof(double));
    return true;
}

}  // namespace passerelle

using namespace passerelle;

extern "C" size_t pi_normalize(pi_bytes text, char *out, size_t capacity) {
    try {
        std::string normalized = normalize(str(text));
        if (out != nullptr) std::memcpy(out, normalized.data(), std::min(capacity, normalized.size()));
        return normalized.size();
    } catch (...) {
        return 0;
    }
}
