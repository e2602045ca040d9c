// The job-title thesaurus: titles of one occupation in seven languages and both
// genders become Xapian synonyms, and tag the postings whose titles hold them.
#include "thesaurus.h"

#include <algorithm>
#include <functional>
#include <set>

namespace passerelle {
namespace {

std::vector<std::string> words_of(const std::string &normalized) {
    std::vector<std::string> words;
    size_t start = 0;
    while (start < normalized.size()) {
        size_t end = normalized.find(' ', start);
        if (end == std::string::npos) end = normalized.size();
        words.emplace_back(normalized, start, end - start);
        start = end + 1;
    }
    return words;
}

// The code points of a string, for cutting CJK titles into substrings.
std::vector<std::string> characters_of(const std::string &text) {
    std::vector<std::string> characters;
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
        std::string character;
        Xapian::Unicode::append_utf8(character, *it);
        characters.push_back(character);
    }
    return characters;
}

/// True when two words can be the masculine and feminine forms of one word: they
/// share all but their last few letters (développeur, développeuse; directeur,
/// directrice; Entwickler, Entwicklerin), unlike two titles' different words
/// that merely stand at the same place (ingénieur logiciel, développeuse logiciel).
bool same_word(const std::string &a, const std::string &b) {
    size_t common = 0;
    while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
    size_t shorter = std::min(a.size(), b.size());
    return common >= 3 && common + 4 >= shorter;
}

}  // namespace

void Thesaurus::add(const std::string &occupation, const std::string &language, char gender,
                    const std::string &title) {
    std::string key = normalize(title);
    if (key.empty() || occupation.empty()) return;
    titles.push_back(Title{occupation, language, gender, key});
}

void Thesaurus::finish() {
    synonyms.clear();
    occupations.clear();
    longest_key_words = 1;
    for (const Title &title : titles) {
        const std::string term = OCCUPATION + title.occupation;
        occupations[title.key].insert(term);
        longest_key_words = std::max(longest_key_words, words_of(title.key).size());
        // CJK titles are matched as n-grams, not as synonym keys.
        if (!has_cjk(title.key)) synonyms[title.key].insert(term);
    }
    // Feminine and masculine forms of the same title, word by word: développeuse
    // and développeur, Entwicklerin and Entwickler. Each leads to the other, as
    // written and as stemmed (so that plurals follow).
    std::map<std::pair<std::string, std::string>, std::vector<const Title *>> by_occupation;
    for (const Title &title : titles) {
        if (title.gender == 'm' || title.gender == 'f') by_occupation[{title.occupation, title.language}].push_back(&title);
    }
    for (const auto &group : by_occupation) {
        const Xapian::Stem &stem = stemmer_for(group.first.second);
        for (const Title *masculine : group.second) {
            if (masculine->gender != 'm') continue;
            std::vector<std::string> m_words = words_of(masculine->key);
            for (const Title *feminine : group.second) {
                if (feminine->gender != 'f') continue;
                std::vector<std::string> f_words = words_of(feminine->key);
                if (f_words.size() != m_words.size()) continue;
                for (size_t i = 0; i < m_words.size(); ++i) {
                    const std::string &m = m_words[i], &f = f_words[i];
                    if (m == f || has_cjk(m) || has_cjk(f) || !same_word(m, f)) continue;
                    synonyms[f].insert(m);
                    synonyms[f].insert("Z" + stem(m));
                    synonyms[m].insert(f);
                    synonyms[m].insert("Z" + stem(f));
                }
            }
        }
    }
    // A fingerprint of the synonyms, so that a shard rewrites its own only when they change.
    std::string all;
    for (const auto &entry : synonyms) {
        all += entry.first;
        for (const std::string &value : entry.second) all += "\x1f" + value;
        all += '\n';
    }
    fingerprint = std::to_string(synonyms.size()) + ":" + std::to_string(std::hash<std::string>{}(all));
}

std::vector<std::string> Thesaurus::occupations_in(const std::string &title) const {
    std::string normalized = normalize(title);
    std::vector<std::string> words = words_of(normalized);
    struct Match {
        size_t begin, end;  // in words (or characters, for CJK)
        const std::set<std::string> *terms;
    };
    std::vector<Match> matches;
    auto look = [&](const std::vector<std::string> &units, size_t longest, const char *separator) {
        for (size_t begin = 0; begin < units.size(); ++begin) {
            std::string key;
            for (size_t end = begin + 1; end <= std::min(units.size(), begin + longest); ++end) {
                if (end > begin + 1) key += separator;
                key += units[end - 1];
                auto found = occupations.find(key);
                if (found != occupations.end()) matches.push_back({begin, end, &found->second});
            }
        }
    };
    look(words, longest_key_words, " ");
    for (const std::string &word : words) {
        // CJK has no spaces: a title is one "word"; its substrings are the candidates.
        if (has_cjk(word)) {
            matches.clear();
            look(characters_of(word), 12, "");
            break;
        }
    }
    // A match inside a longer one adds nothing ("developer" inside "software developer").
    std::set<std::string> terms;
    for (const Match &match : matches) {
        bool inside = std::any_of(matches.begin(), matches.end(), [&](const Match &other) {
            return other.begin <= match.begin && match.end <= other.end && other.end - other.begin > match.end - match.begin;
        });
        if (!inside) terms.insert(match.terms->begin(), match.terms->end());
    }
    return std::vector<std::string>(terms.begin(), terms.end());
}

void Thesaurus::write_synonyms(Xapian::WritableDatabase &database) const {
    if (database.get_metadata(THESAURUS_KEY) == fingerprint) return;
    std::vector<std::string> keys(database.synonym_keys_begin(), database.synonym_keys_end());
    for (const std::string &key : keys) database.clear_synonyms(key);
    for (const auto &entry : synonyms) {
        for (const std::string &value : entry.second) database.add_synonym(entry.first, value);
    }
    database.set_metadata(THESAURUS_KEY, fingerprint);
    database.commit();
}

}  // namespace passerelle

using namespace passerelle;

struct pi_thesaurus {
    Thesaurus thesaurus;
};

const Thesaurus *passerelle::thesaurus_of(const pi_thesaurus *handle) {
    return handle == nullptr ? nullptr : &handle->thesaurus;
}

extern "C" pi_thesaurus *pi_thesaurus_new(void) {
    try {
        return new pi_thesaurus();
    } catch (...) {
        return nullptr;
    }
}

extern "C" void pi_thesaurus_free(pi_thesaurus *thesaurus) { delete thesaurus; }

extern "C" void pi_thesaurus_add(pi_thesaurus *thesaurus, pi_bytes occupation, pi_bytes language, char gender,
                                 pi_bytes title) {
    try {
        thesaurus->thesaurus.add(str(occupation), str(language), gender, str(title));
    } catch (...) {
        // Out of memory only: the title is left out.
    }
}

extern "C" void pi_thesaurus_finish(pi_thesaurus *thesaurus) {
    try {
        thesaurus->thesaurus.finish();
    } catch (...) {
        // Out of memory only: the thesaurus stays empty.
    }
}

extern "C" size_t pi_thesaurus_occupations(const pi_thesaurus *thesaurus, pi_bytes title, char *out, size_t capacity) {
    try {
        std::string list;
        for (const std::string &term : thesaurus->thesaurus.occupations_in(str(title))) {
            if (!list.empty()) list += '\n';
            list += term.substr(std::strlen(OCCUPATION));
        }
        if (list.size() <= capacity && !list.empty()) std::memcpy(out, list.data(), list.size());
        return list.size();
    } catch (...) {
        return 0;  // out of memory only: no occupation
    }
}
