// Matching: the first candidates of an offer among the CVs, or of a CV among the
// offers, by text relevance. Swift re-ranks them on what text cannot weigh.
#include "search.h"
#include "thesaurus.h"

#include <algorithm>
#include <cmath>
#include <memory>

using namespace passerelle;

namespace {

/// The words of `text` as a query on `prefix` terms (stemmed like the documents),
/// `op` between them; an empty query when it has none. No query syntax: what a
/// recruiter or a member wrote is never read as operators.
Xapian::Query words_query(const std::string &text, const std::string &prefix, Xapian::Query::op op,
                          const Xapian::Stem &stem) {
    Xapian::QueryParser parser;
    parser.set_stemmer(stem);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    parser.set_default_op(op);
    return parser.parse_query(fold(text), Xapian::QueryParser::FLAG_CJK_NGRAM, prefix);
}

Xapian::Query any(std::vector<Xapian::Query> &queries) {
    queries.erase(std::remove_if(queries.begin(), queries.end(), [](const Xapian::Query &q) { return q.empty(); }),
                  queries.end());
    return queries.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

/// The `wanted` words of `text` (stemmed, unprefixed terms) that the fewest
/// documents of `database` hold, among those at least `least` documents hold:
/// the words that say most about the text without being noise.
std::vector<std::string> rarest_words(const Xapian::Database &database, const std::string &text,
                                      const Xapian::Stem &stem, unsigned wanted) {
    if (wanted == 0 || text.empty()) return {};
    Xapian::Document scratch;
    Xapian::TermGenerator generator;
    generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    generator.set_stemmer(stem);
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    generator.set_document(scratch);
    generator.index_text(fold(text));
    const Xapian::doccount documents = database.get_doccount();
    const Xapian::doccount least = std::max<Xapian::doccount>(2, documents / 100000);
    const Xapian::doccount most = std::max<Xapian::doccount>(least, documents / 20);
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    for (Xapian::TermIterator term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
        const std::string &name = *term;
        if (name.size() < 4 || name[0] != 'Z') continue;  // stems of 3 letters and more
        Xapian::doccount frequency = database.get_termfreq(name);
        if (frequency >= least && frequency <= most) found.emplace_back(frequency, name);
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> words;
    for (size_t i = 0; i < found.size() && words.size() < wanted; ++i) words.push_back(found[i].second);
    return words;
}

/// Filters of the documents a match may return.
Xapian::Query match_filter(const pi_match_request &request) {
    std::vector<Xapian::Query> all;
    if (request.kind == PI_KIND_JOBS) {
        all.push_back(not_expired(request.now));
    } else {
        all.push_back(visible_profiles(request.include_network_visibility));
        std::vector<std::string> countries = split_list(str(request.countries));
        if (!countries.empty()) {
            all.push_back(Xapian::Query(Xapian::Query::OP_OR, any_of(COUNTRY, countries, false),
                                        any_of(RELOCATE, countries, false)));
        }
    }
    Xapian::Query filter(Xapian::Query::OP_AND, all.begin(), all.end());
    return request.kind == PI_KIND_PROFILES ? not_employed_by(filter, request.not_employed_by) : filter;
}

}  // namespace

extern "C" pi_result *pi_match(pi_reader *const *readers, size_t count, const pi_match_request *request,
                               pi_error *error) {
    std::unique_ptr<pi_result> result;
    int failed = guarded(error, [&] {
        result.reset(new pi_result());
        Xapian::Database database = combined(readers, count);
        const Xapian::Stem &stem = stemmer_for(str(request->language));
        const Thesaurus *thesaurus = thesaurus_of(request->thesaurus);

        // Who may match: the same occupation (any language, either gender), or a title word.
        std::vector<Xapian::Query> pool, titles;
        for (const std::string &title : split_list(str(request->titles))) {
            if (thesaurus != nullptr) {
                for (const std::string &occupation : thesaurus->occupations_in(title)) pool.emplace_back(occupation);
            }
            titles.push_back(words_query(title, TITLE_TEXT, Xapian::Query::OP_OR, stem));
        }
        Xapian::Query title_words = any(titles);
        if (!title_words.empty()) pool.push_back(title_words);

        // What weighs: each skill as a whole, the text's rarest words a little.
        std::vector<Xapian::Query> weighed;
        for (const std::string &skill : split_list(str(request->skills))) {
            weighed.push_back(words_query(skill, SKILL_TEXT, Xapian::Query::OP_AND, stem));
        }
        std::vector<std::string> rare = rarest_words(database, str(request->text), stem, request->text_terms);
        if (!rare.empty()) {
            weighed.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                                 Xapian::Query(Xapian::Query::OP_OR, rare.begin(), rare.end()), 0.5);
        }
        Xapian::Query who = any(pool), what = any(weighed);
        const bool by_title = !who.empty();
        if (!by_title) who = what;  // nothing to go by but the skills and the text
        if (who.empty()) {
            result->seal();
            return;
        }
        Xapian::Query query = what.empty() ? who : Xapian::Query(Xapian::Query::OP_AND_MAYBE, who, what);
        const Xapian::Query filter = match_filter(*request);
        Xapian::Enquire enquire(database);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, filter));
        enquire.set_weighting_scheme(Xapian::BM25Weight());
        Xapian::MSet mset = enquire.get_mset(0, request->limit, request->limit);
        if (by_title && !what.empty() && mset.size() < std::min(request->at_least, request->limit)) {
            // Too few of the same occupation or title: those with the skills or the words may match too.
            enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, who, what),
                                            filter));
            mset = enquire.get_mset(0, request->limit, request->limit);
        }
        result->total = mset.get_matches_estimated();
        result->exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
            result->stored.push_back(stored_row(it.get_document(), it.get_weight(), nullptr));
        }
        result->seal();
    });
    return failed ? nullptr : result.release();
}
