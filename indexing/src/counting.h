#ifndef PASSERELLE_INDEXING_COUNTING_H
#define PASSERELLE_INDEXING_COUNTING_H

#include "search.h"

namespace passerelle {

/// How many documents a search matches, and the spy that counted their facets.
struct MatchCount {
    uint64_t total = 0;
    /// True when `total` was counted, not estimated.
    bool counted = false;
    /// The spy that saw the documents `total` stands for, one in `scale` of them
    /// (nullptr when no facets were asked for).
    FacetSpy *spy = nullptr;
    uint64_t scale = 1;
};

/// What a search's page already tells of its number of matches.
struct MatchBounds {
    uint64_t lower = 0;
    uint64_t upper = UINT64_MAX;
};

/// Counts the matches of `query` over `shards`, each searched on its own: Xapian
/// stops a single database at the number of documents it is asked to check, but
/// not a union of them, which it reads to the end when nothing ranks the matches.
///
/// A pseudo-random sample of about `sample_size` documents (1 in m by a hash of
/// the docid, whatever order the documents were indexed in) comes first. When it
/// says the total is at least twice `exact_up_to`, the sample's counts times m
/// are the answer; otherwise the matches are counted one by one up to
/// `exact_up_to`, which gives the exact total below it. `sample_spy` and
/// `exact_spy` (both or neither) count the facets of each pass. `known` skips
/// what the page already settled: the sample when there cannot be enough
/// matches for it, and everything when the page saw every match and no facet
/// is asked for.
MatchCount count_matches(const std::vector<Xapian::Database> &shards, const Xapian::Query &query,
                         const Xapian::MatchDecider *decider, MatchBounds known, uint64_t exact_up_to,
                         uint64_t sample_size, FacetSpy *sample_spy, FacetSpy *exact_spy);

}  // namespace passerelle

#endif
