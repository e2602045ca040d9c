#ifndef PASSERELLE_INDEXING_SEARCH_H
#define PASSERELLE_INDEXING_SEARCH_H

#include "internal.h"
#include "posting_facets.h"

#include <map>
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
    /// Moves the counts into `result`, most frequent first (buckets in order).
    void finish(pi_result &result, unsigned limit) const;

  private:
    void count_posting(const Xapian::Document &document);
    void count_profile(const Xapian::Document &document);

    /// Counts for a handful of short codes (countries, languages): a scan beats a hash.
    struct CodeCounts {
        std::vector<std::pair<std::string, uint64_t>> counts;
        void add(const std::string &code) {
            for (auto &entry : counts) {
                if (entry.first == code) {
                    ++entry.second;
                    return;
                }
            }
            counts.emplace_back(code, 1);
        }
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
    std::unordered_map<uint64_t, uint64_t> city_counts;
    std::unordered_map<uint64_t, std::string> city_names;
    std::unordered_map<int64_t, uint64_t> company_counts;
    std::unordered_map<int64_t, std::string> company_labels;  // "id\x1fname"
    uint64_t posted[5] = {0, 0, 0, 0, 0};
    PostingFacets posting;  // reused: no allocation per document
};

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
