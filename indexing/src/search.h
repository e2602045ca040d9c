#ifndef PASSERELLE_INDEXING_SEARCH_H
#define PASSERELLE_INDEXING_SEARCH_H

#include "internal.h"
#include "posting_facets.h"

#include <map>
#include <memory>
#include <set>
#include <unordered_map>

namespace passerelle {

struct StoredHit {
    int64_t id;
    double weight;
    double distance_km;
    std::string data, snippet;
};

}  // namespace passerelle

/// What a search or a completion returns; the pi_* views point into its strings.
struct pi_result {
    uint64_t total = 0;
    bool exact = true;
    std::string corrected;
    std::vector<passerelle::StoredHit> stored;
    std::vector<pi_hit> hits;
    std::map<unsigned, std::vector<std::pair<std::string, uint64_t>>> facets;
    std::map<unsigned, std::vector<pi_facet_value>> facet_views;

    /// Makes the C views once the strings no longer move.
    void seal();
};

namespace passerelle {

/// Counts the facets of every matching document the matcher looks at (every
/// one when the total is under the exact-count limit): one spy for all facets,
/// so each document is visited once.
class FacetSpy : public Xapian::MatchSpy {
  public:
    FacetSpy(int kind, unsigned facets, int64_t now, int64_t viewer_company)
        : kind(kind), facets(facets), now(now),
          viewer_company(viewer_company == 0 ? std::string() : std::to_string(viewer_company)) {}
    void operator()(const Xapian::Document &document, double weight) override;
    /// The documents counted next come from `shard` (a single database):
    /// postings are counted from its FacetColumn instead of their value slots.
    void start(const Xapian::Database &shard);
    /// Moves the counts, multiplied by `scale` (1 in `scale` documents were
    /// counted), into `result`, most frequent first (buckets in order).
    void finish(pi_result &result, unsigned limit, uint64_t scale) const;

  private:
    void count_posting(const Xapian::Document &document);
    void count_profile(const Xapian::Document &document);

    /// Counts for a handful of two-letter codes (countries, languages): a scan beats a hash.
    struct CodeCounts {
        std::vector<std::pair<uint16_t, uint64_t>> counts;
        void add(uint16_t code) {
            for (auto &entry : counts) {
                if (entry.first == code) {
                    ++entry.second;
                    return;
                }
            }
            counts.emplace_back(code, 1);
        }
        std::vector<std::pair<std::string, uint64_t>> named() const;
    };

    int kind;
    unsigned facets;
    int64_t now;
    std::string viewer_company;
    // CVs: by slot value.
    std::map<unsigned, std::unordered_map<std::string, uint64_t>> counts;
    // Postings: by number, names read once per key.
    CodeCounts countries, languages;
    uint64_t remote[2] = {0, 0};
    uint64_t types[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    uint64_t salary[9] = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    uint64_t posted[5] = {0, 0, 0, 0, 0};
    /// Postings: companies and cities counted by their indices in each shard's column.
    struct ShardCounts {
        Xapian::Database shard;
        std::shared_ptr<const FacetColumn> column;
        std::vector<uint64_t> companies, cities;
    };
    std::vector<ShardCounts> shards;

    std::vector<std::pair<std::string, uint64_t>> company_values(unsigned limit) const;
    std::vector<std::pair<std::string, uint64_t>> city_values() const;
};

/// A query matching every document, made anew. Never copy Xapian::Query::MatchAll:
/// it is one global object whose reference count is not atomic, so copies made on
/// two search threads at once corrupt it (and the heap with it).
Xapian::Query match_all();

/// Documents with any of the terms `prefix` + value (normalised first when asked).
Xapian::Query any_of(const char *prefix, const std::vector<std::string> &values, bool normalized);

/// CVs shown in searches: public ones, and with the flag those visible to their network.
Xapian::Query visible_profiles(bool include_network_visibility);

/// Postings still valid a moment after `now` (Unix seconds): expired ones are never found.
Xapian::Query not_expired(int64_t now);

/// `filter` without the current employees of `company` (CVs; 0: `filter` as it is).
Xapian::Query not_employed_by(const Xapian::Query &filter, int64_t company);

/// A hit's id, weight and row (the JSON part of the document's data); the text
/// snippets are cut from goes to `text` when given. No distance, no snippet.
StoredHit stored_row(const Xapian::Document &document, double weight, std::string *text);

/// The union of the readers' shards.
Xapian::Database combined(pi_reader *const *readers, size_t count);

/// About `words` words of `text` around the most query terms, HTML-escaped, the
/// matches in <mark>.
std::string snippet(const std::string &text, const std::set<std::string> &terms, const Xapian::Stem &stem,
                    unsigned words);

/// The query with words the index does not know replaced by the spelling
/// table's suggestion; empty when none was.
std::string corrected_query(const Xapian::Database &database, const std::string &query, const Xapian::Stem &stem);

}  // namespace passerelle

#endif
