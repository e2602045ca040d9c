// Snippets and "did you mean". The index holds folded words (no accents), so
// the snippet folds each word of the original text before comparing it with the
// query's terms, and shows the text as written.
#include "search.h"

#include <algorithm>

namespace passerelle {
namespace {

struct Token {
    size_t begin, end;  // bytes of the original text
    bool matched;
};

void escape_into(std::string &out, const std::string &text, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
        switch (text[i]) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += text[i];
        }
    }
}

bool matches(const std::string &word, const std::set<std::string> &terms, const Xapian::Stem &stem) {
    std::string key = normalize(word);
    if (key.empty()) return false;
    return terms.count(key) > 0 || terms.count("Z" + stem(key)) > 0;
}

/// Words, and each CJK character as a token of its own (matched when it is in
/// a query term: a unigram, or a bigram with its neighbour).
std::vector<Token> tokens_of(const std::string &text, const std::set<std::string> &terms, const Xapian::Stem &stem) {
    std::vector<Token> tokens;
    Xapian::Utf8Iterator it(text), end;
    auto offset = [&](const Xapian::Utf8Iterator &at) { return at == end ? text.size() : size_t(at.raw() - text.data()); };
    while (it != end) {
        unsigned ch = *it;
        if (is_cjk(ch)) {
            size_t begin = offset(it);
            ++it;
            tokens.push_back(Token{begin, offset(it), false});
            continue;
        }
        if (!Xapian::Unicode::is_wordchar(ch)) {
            ++it;
            continue;
        }
        size_t begin = offset(it);
        while (it != end && Xapian::Unicode::is_wordchar(*it) && !is_cjk(*it)) ++it;
        size_t stop = offset(it);
        tokens.push_back(Token{begin, stop, matches(text.substr(begin, stop - begin), terms, stem)});
    }
    for (size_t i = 0; i < tokens.size(); ++i) {
        std::string unit = text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
        if (!has_cjk(unit)) continue;
        if (terms.count(unit)) tokens[i].matched = true;
        if (i + 1 < tokens.size() && tokens[i + 1].begin == tokens[i].end) {
            std::string pair = text.substr(tokens[i].begin, tokens[i + 1].end - tokens[i].begin);
            if (has_cjk(pair) && terms.count(pair)) tokens[i].matched = tokens[i + 1].matched = true;
        }
    }
    return tokens;
}

}  // namespace

std::string snippet(const std::string &text, const std::set<std::string> &terms, const Xapian::Stem &stem,
                    unsigned words) {
    std::vector<Token> tokens = tokens_of(text, terms, stem);
    if (tokens.empty()) return std::string();
    // The window of `words` tokens with the most matches (the first such).
    size_t best = 0, best_count = 0, count = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
        count += tokens[i].matched;
        if (i >= words) count -= tokens[i - words].matched;
        if (count > best_count) {
            best_count = count;
            best = i + 1 >= words ? i + 1 - words : 0;
        }
    }
    size_t last = std::min(tokens.size(), best + words) - 1;
    size_t begin = tokens[best].begin, stop = tokens[last].end;
    std::string out;
    if (best > 0) out += "… ";
    size_t at = begin;
    for (size_t i = best; i <= last; ++i) {
        escape_into(out, text, at, tokens[i].begin);
        if (tokens[i].matched) out += "<mark>";
        escape_into(out, text, tokens[i].begin, tokens[i].end);
        if (tokens[i].matched) out += "</mark>";
        at = tokens[i].end;
    }
    (void)stop;
    if (last + 1 < tokens.size()) out += " …";
    return out;
}

std::string corrected_query(const Xapian::Database &database, const std::string &query, const Xapian::Stem &stem) {
    static const std::set<std::string> operators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    std::string out;
    bool changed = false;
    Xapian::Utf8Iterator it(query), end;
    auto offset = [&](const Xapian::Utf8Iterator &at) { return at == end ? query.size() : size_t(at.raw() - query.data()); };
    size_t copied = 0;
    while (it != end) {
        if (!Xapian::Unicode::is_wordchar(*it) || is_cjk(*it)) {
            ++it;
            continue;
        }
        size_t begin = offset(it);
        while (it != end && Xapian::Unicode::is_wordchar(*it) && !is_cjk(*it)) ++it;
        size_t stop = offset(it);
        std::string word = query.substr(begin, stop - begin);
        // A field name (title:) and the operators are not words to correct.
        if (operators.count(word) || (stop < query.size() && query[stop] == ':')) continue;
        std::vector<std::string> lower = lower_words(word);
        if (lower.size() != 1 || lower[0].size() < 3 || lower[0].find_first_of("0123456789") != std::string::npos) {
            continue;
        }
        std::string folded = normalize(word);
        if (database.term_exists(folded) || database.term_exists("Z" + stem(folded))) continue;
        std::string suggestion = database.get_spelling_suggestion(lower[0], 2);
        if (suggestion.empty() || suggestion == lower[0]) continue;
        out += query.substr(copied, begin - copied);
        out += suggestion;
        copied = stop;
        changed = true;
    }
    if (!changed) return std::string();
    out += query.substr(copied);
    return out;
}

}  // namespace passerelle
