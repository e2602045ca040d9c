#ifndef PASSERELLE_INDEXING_SEARCH_H
#define PASSERELLE_INDEXING_SEARCH_H

#include "internal.h"

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
    FacetSpy(unsigned facets, int64_t now) : facets(facets), now(now) {}
    void operator()(const Xapian::Document &document, double weight) override;
    /// Moves the counts into `result`, most frequent first (buckets in order).
    void finish(pi_result &result, unsigned limit) const;

  private:
    unsigned facets;
    int64_t now;
    std::map<unsigned, std::unordered_map<std::string, uint64_t>> counts;
    std::map<double, uint64_t> salary_buckets;
    uint64_t posted[5] = {0, 0, 0, 0, 0};
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
