// Counting the matches of a search, and their facets, shard by shard.
#include "counting.h"

namespace passerelle {
namespace {

/// One document in every `every`: the docids in blocks of `every`, one taken
/// from each block at a place a hash of the block picks. Spread over the whole
/// database whatever order its documents came in, and O(1) a step.
class Sample : public Xapian::PostingSource {
  public:
    explicit Sample(uint64_t every) : every(every) {}

    Xapian::PostingSource *clone() const override { return new Sample(every); }
    std::string name() const override { return "passerelle.Sample"; }

    void init(const Xapian::Database &database) override {
        last = database.get_lastdocid();
        block = 0;
        current = 0;
        set_maxweight(0);
    }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(last / every); }
    Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(last / every + 1); }

    void next(double) override { enter(current == 0 ? 0 : block + 1); }
    void skip_to(Xapian::docid target, double) override {
        if (target <= current) return;
        enter((target - 1) / every);
        if (current < target) enter(block + 1);
    }
    bool at_end() const override { return current > last; }
    Xapian::docid get_docid() const override { return static_cast<Xapian::docid>(current); }

  private:
    static uint64_t mix(uint64_t x) {  // splitmix64's finaliser
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }
    void enter(uint64_t next_block) {
        block = next_block;
        current = block * every + 1 + mix(block) % every;
    }

    uint64_t every;
    uint64_t last = 0, block = 0, current = 0;
};

/// Checks the matches of `query` in `shard` up to `at_most` (and no further: a
/// single database stops there). Returns how many it found; `complete` says
/// whether that is all of them.
uint64_t check(const Xapian::Database &shard, const Xapian::Query &query, const Xapian::MatchDecider *decider,
               uint64_t at_most, FacetSpy *spy, bool &complete) {
    Xapian::Enquire enquire(shard);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    if (spy) {
        spy->start(shard);
        enquire.add_matchspy(spy);
    }
    Xapian::doccount limit = static_cast<Xapian::doccount>(std::min<uint64_t>(at_most, UINT32_MAX));
    Xapian::MSet mset = enquire.get_mset(0, 0, limit, nullptr, decider);
    complete = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    return mset.get_matches_lower_bound();
}

}  // namespace

MatchCount count_matches(const std::vector<Xapian::Database> &shards, const Xapian::Query &query,
                         const Xapian::MatchDecider *decider, MatchBounds known, uint64_t exact_up_to,
                         uint64_t sample_size, FacetSpy *sample_spy, FacetSpy *exact_spy) {
    // The page saw every match, and no facet needs them: nothing to count.
    if (!exact_spy && known.lower == known.upper) return MatchCount{known.lower, true, nullptr, 1};
    uint64_t documents = 0;
    for (const Xapian::Database &shard : shards) documents += shard.get_lastdocid();
    uint64_t every = sample_size == 0 ? 1 : documents / sample_size;
    bool complete;
    if (every <= 1) {
        // Small enough to count whole.
        MatchCount all{0, true, exact_spy, 1};
        for (const Xapian::Database &shard : shards) {
            all.total += check(shard, query, decider, shard.get_lastdocid(), exact_spy, complete);
        }
        return all;
    }

    const uint64_t limit = std::max<uint64_t>(exact_up_to, 1);
    auto sample = [&] {
        MatchCount sampled{0, false, sample_spy, every};
        Xapian::Query in_sample(Xapian::Query::OP_FILTER, query, Xapian::Query((new Sample(every))->release()));
        for (const Xapian::Database &shard : shards) {
            sampled.total += check(shard, in_sample, decider, shard.get_lastdocid(), sample_spy, complete);
        }
        sampled.total *= every;
        return sampled;
    };
    MatchCount sampled;
    bool have_sample = false;
    if (known.upper >= 2 * limit) {
        sampled = sample();
        have_sample = true;
        if (sampled.total >= 2 * limit) return sampled;
    }

    // Probably under the limit: count one by one, and stop as soon as the limit is reached.
    MatchCount exact{0, true, exact_spy, 1};
    for (const Xapian::Database &shard : shards) {
        exact.total += check(shard, query, decider, limit - exact.total, exact_spy, complete);
        if (!complete || exact.total >= limit) {
            // At or over the limit after all: the sample's estimate, never under what was counted.
            if (!have_sample) sampled = sample();
            sampled.total = std::max(sampled.total, limit);
            return sampled;
        }
    }
    return exact;
}

}  // namespace passerelle
