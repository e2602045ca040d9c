// Autocomplete: completion terms are "<prefix><normalised words from a word
// start>\x1f<display form>", so a prefix scan of the term list finds them and
// the term frequency says how many open documents carry each.
#include "search.h"

#include <algorithm>
#include <memory>

using namespace passerelle;

namespace {

const char *const LANGUAGES[] = {"fr", "en", "de", "es", "it", "pt", "zh"};
// A short prefix can match many terms: looking at more than this buys nothing.
constexpr size_t MAX_TERMS_SCANNED = 50000;

void scan(const Xapian::Database &database, const std::string &prefix, std::map<std::string, uint64_t> &found,
          size_t &scanned) {
    for (Xapian::TermIterator it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) {
        if (++scanned > MAX_TERMS_SCANNED) return;
        std::string term = *it;
        size_t separator = term.find('\x1f', prefix.size());
        if (separator == std::string::npos) continue;
        uint64_t &count = found[term.substr(separator + 1)];
        count = std::max<uint64_t>(count, it.get_termfreq());
    }
}

}  // namespace

extern "C" pi_result *pi_suggest(pi_reader *const *readers, size_t count, int what, pi_bytes prefix,
                                 pi_bytes language, unsigned limit, pi_error *error) {
    std::unique_ptr<pi_result> result;
    int failed = guarded(error, [&] {
        result.reset(new pi_result());
        std::string key = normalize(str(prefix));
        if (key.empty()) {
            result->seal();
            return;
        }
        Xapian::Database database = combined(readers, count);
        std::map<std::string, uint64_t> found;
        size_t scanned = 0;
        if (what == PI_SUGGEST_COMPANIES) {
            scan(database, COMPANY_COMPLETION + key, found, scanned);
        } else if (language.length > 0) {
            scan(database, TITLE_COMPLETION + str(language) + ":" + key, found, scanned);
        } else {
            for (const char *code : LANGUAGES) scan(database, TITLE_COMPLETION + std::string(code) + ":" + key, found, scanned);
        }
        std::vector<std::pair<std::string, uint64_t>> ranked(found.begin(), found.end());
        std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        if (limit > 0 && ranked.size() > limit) ranked.resize(limit);
        result->facets[0] = std::move(ranked);
        result->seal();
    });
    return failed ? nullptr : result.release();
}

extern "C" const pi_facet_value *pi_result_suggestions(const pi_result *result, size_t *count) {
    return pi_result_facet(result, 0, count);
}
