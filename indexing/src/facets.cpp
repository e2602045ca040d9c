#include "search.h"

#include <algorithm>

namespace passerelle {
namespace {

// Salary buckets: annual amounts in the posting's currency, by the top of its range.
constexpr double SALARY_FLOORS[] = {0, 20000, 30000, 40000, 50000, 60000, 80000, 100000, 150000};
// "Posted within" buckets, in days; each counts every posting at least that recent.
constexpr int POSTED_DAYS[] = {1, 3, 7, 14, 30};

struct NamedFacet {
    unsigned bit;
    Slot slot;
    bool is_list;  // '\n'-separated values, each counted
};

constexpr NamedFacet NAMED[] = {
    {PI_FACET_COUNTRY, SLOT_COUNTRY, false}, {PI_FACET_CITY, SLOT_CITY, false},
    {PI_FACET_TYPE, SLOT_TYPES, true},       {PI_FACET_REMOTE, SLOT_REMOTE, false},
    {PI_FACET_COMPANY, SLOT_COMPANY_FACET, false}, {PI_FACET_SKILL, SLOT_SKILLS, true},
    {PI_FACET_OPEN_TO_WORK, SLOT_OPEN_TO_WORK, false}, {PI_FACET_LANGUAGE, SLOT_LANGUAGE, false},
};

std::string number(double value) { return std::to_string(static_cast<long long>(value)); }

}  // namespace

void FacetSpy::operator()(const Xapian::Document &document, double) {
    for (const NamedFacet &facet : NAMED) {
        if (!(facets & facet.bit)) continue;
        std::string value = document.get_value(facet.slot);
        if (value.empty()) continue;
        auto &facet_counts = counts[facet.bit];
        if (!facet.is_list) {
            ++facet_counts[value];
            continue;
        }
        for (const std::string &item : split_list(value)) ++facet_counts[item];
    }
    if (facets & PI_FACET_SALARY) {
        std::string value = document.get_value(SLOT_SALARY);
        if (!value.empty()) {
            double top = Xapian::sortable_unserialise(value);
            double floor = 0;
            for (double candidate : SALARY_FLOORS) {
                if (top >= candidate) floor = candidate;
            }
            ++salary_buckets[floor];
        }
    }
    if (facets & PI_FACET_POSTED) {
        std::string value = document.get_value(SLOT_POSTED);
        if (!value.empty()) {
            double posted_at = Xapian::sortable_unserialise(value);
            for (size_t i = 0; i < 5; ++i) {
                if (posted_at >= static_cast<double>(now - int64_t(POSTED_DAYS[i]) * 86400)) ++posted[i];
            }
        }
    }
}

void FacetSpy::finish(pi_result &result, unsigned limit) const {
    for (const NamedFacet &facet : NAMED) {
        if (!(facets & facet.bit)) continue;
        std::vector<std::pair<std::string, uint64_t>> values;
        auto found = counts.find(facet.bit);
        if (found != counts.end()) values.assign(found->second.begin(), found->second.end());
        std::sort(values.begin(), values.end(), [](const auto &a, const auto &b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        if (limit > 0 && values.size() > limit) values.resize(limit);
        result.facets[facet.bit] = std::move(values);
    }
    if (facets & PI_FACET_SALARY) {
        auto &values = result.facets[PI_FACET_SALARY];
        for (const auto &bucket : salary_buckets) values.emplace_back(number(bucket.first), bucket.second);
    }
    if (facets & PI_FACET_POSTED) {
        auto &values = result.facets[PI_FACET_POSTED];
        for (size_t i = 0; i < 5; ++i) values.emplace_back(std::to_string(POSTED_DAYS[i]), posted[i]);
    }
}

}  // namespace passerelle

void pi_result::seal() {
    hits.clear();
    for (const passerelle::StoredHit &hit : stored) {
        hits.push_back(pi_hit{hit.id, hit.weight, hit.distance_km, pi_bytes{hit.data.data(), hit.data.size()},
                              pi_bytes{hit.snippet.data(), hit.snippet.size()}});
    }
    facet_views.clear();
    for (const auto &facet : facets) {
        auto &views = facet_views[facet.first];
        for (const auto &value : facet.second) {
            views.push_back(pi_facet_value{pi_bytes{value.first.data(), value.first.size()}, value.second});
        }
    }
}
