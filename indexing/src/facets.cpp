#include "posting_facets.h"
#include "search.h"

#include <algorithm>

namespace passerelle {
namespace {

// "Posted within" buckets, in days; each counts every posting at least that recent.
constexpr int POSTED_DAYS[] = {1, 3, 7, 14, 30};

// CV facets, one value slot each.
struct ProfileFacet {
    unsigned bit;
    Slot slot;
    bool is_list;  // '\n'-separated values, each counted
};

constexpr ProfileFacet PROFILE_FACETS[] = {
    {PI_FACET_COUNTRY, SLOT_COUNTRY, false},
    {PI_FACET_CITY, SLOT_CITY, false},
    {PI_FACET_SKILL, SLOT_SKILLS, true},
    {PI_FACET_OPEN_TO_WORK, SLOT_OPEN_TO_WORK, false},
    {PI_FACET_LANGUAGE, SLOT_LANGUAGE, false},
};

constexpr unsigned NAMED_FACETS[] = {PI_FACET_COUNTRY, PI_FACET_CITY,  PI_FACET_TYPE,         PI_FACET_REMOTE,
                                     PI_FACET_COMPANY, PI_FACET_SKILL, PI_FACET_OPEN_TO_WORK, PI_FACET_LANGUAGE};

}  // namespace

void FacetSpy::operator()(const Xapian::Document &document, double) {
    if (kind == PI_KIND_JOBS) {
        count_posting(document);
    } else {
        count_profile(document);
    }
}

void FacetSpy::start(const Xapian::Database &shard) {
    if (kind != PI_KIND_JOBS) return;
    ShardCounts counts{shard, FacetColumn::of(shard), {}, {}};
    counts.companies.assign(counts.column->companies.size(), 0);
    counts.cities.assign(counts.column->cities.size(), 0);
    shards.push_back(std::move(counts));
}

void FacetSpy::count_posting(const Xapian::Document &document) {
    ShardCounts &shard = shards.back();
    const FacetEntry &posting = (*shard.column)[document.get_docid()];
    if (!posting.present) return;
    if (facets & PI_FACET_COUNTRY) countries.add(posting.country);
    if (facets & PI_FACET_LANGUAGE) languages.add(posting.language);
    if (facets & PI_FACET_CITY) ++shard.cities[posting.city];
    if (facets & PI_FACET_REMOTE) ++remote[posting.remote ? 1 : 0];
    if (facets & PI_FACET_TYPE) {
        for (unsigned i = 0; i < 8; ++i) types[i] += (posting.types >> i) & 1u;
    }
    if (facets & PI_FACET_COMPANY) ++shard.companies[posting.company];
    if ((facets & PI_FACET_SALARY) && posting.salary_bucket < 9) ++salary[posting.salary_bucket];
    if (facets & PI_FACET_POSTED) {
        for (size_t i = 0; i < 5; ++i) {
            if (posting.posted_at >= now - int64_t(POSTED_DAYS[i]) * 86400) ++posted[i];
        }
    }
}

std::vector<std::pair<std::string, uint64_t>> FacetSpy::city_values() const {
    std::unordered_map<std::string, uint64_t> by_name;
    for (const ShardCounts &shard : shards) {
        for (size_t city = 1; city < shard.cities.size(); ++city) {
            if (shard.cities[city]) by_name[shard.column->cities[city]] += shard.cities[city];
        }
    }
    return std::vector<std::pair<std::string, uint64_t>>(by_name.begin(), by_name.end());
}

/// The most frequent companies, "id\x1fname" (ties: by that label). Only the
/// names shown are read: a broad search counts tens of thousands of companies.
std::vector<std::pair<std::string, uint64_t>> FacetSpy::company_values(unsigned limit) const {
    struct Company {
        std::string id;
        uint64_t count = 0;
        const ShardCounts *shard = nullptr;  // where a posting of it is
        Xapian::docid posting = 0;
    };
    std::unordered_map<int64_t, Company> by_id;
    for (const ShardCounts &shard : shards) {
        for (size_t index = 0; index < shard.companies.size(); ++index) {
            if (!shard.companies[index]) continue;
            const auto &company = shard.column->companies[index];
            Company &entry = by_id[company.first];
            if (!entry.shard) entry = Company{std::to_string(company.first), 0, &shard, company.second};
            entry.count += shard.companies[index];
        }
    }
    std::vector<Company> ranked;
    for (auto &entry : by_id) ranked.push_back(std::move(entry.second));
    // The label starts with the id and a separator: ordering by id text orders by label.
    auto before = [](const Company &a, const Company &b) { return a.count != b.count ? a.count > b.count : a.id < b.id; };
    size_t shown = limit > 0 ? std::min<size_t>(limit, ranked.size()) : ranked.size();
    std::partial_sort(ranked.begin(), ranked.begin() + shown, ranked.end(), before);
    std::vector<std::pair<std::string, uint64_t>> values;
    for (size_t i = 0; i < shown; ++i) {
        values.emplace_back(ranked[i].shard->shard.get_document(ranked[i].posting).get_value(SLOT_COMPANY_FACET),
                            ranked[i].count);
    }
    return values;
}

void FacetSpy::count_profile(const Xapian::Document &document) {
    for (const ProfileFacet &facet : PROFILE_FACETS) {
        if (!(facets & facet.bit)) continue;
        std::string value = document.get_value(facet.slot);
        if (value.empty()) continue;
        // An employer never learns from the counts that one of its people is looking.
        if (facet.bit == PI_FACET_OPEN_TO_WORK && value == "true" && !viewer_company.empty()) {
            std::vector<std::string> employers = split_list(document.get_value(SLOT_EMPLOYERS));
            if (std::find(employers.begin(), employers.end(), viewer_company) != employers.end()) value = "false";
        }
        auto &facet_counts = counts[facet.bit];
        if (!facet.is_list) {
            ++facet_counts[value];
            continue;
        }
        for (const std::string &item : split_list(value)) ++facet_counts[item];
    }
}

std::vector<std::pair<std::string, uint64_t>> FacetSpy::CodeCounts::named() const {
    std::vector<std::pair<std::string, uint64_t>> values;
    for (const auto &entry : counts) values.emplace_back(FacetEntry::code_name(entry.first), entry.second);
    return values;
}

void FacetSpy::finish(pi_result &result, unsigned limit, uint64_t scale) const {
    for (unsigned bit : NAMED_FACETS) {
        if (!(facets & bit)) continue;
        std::vector<std::pair<std::string, uint64_t>> values;
        if (kind == PI_KIND_PROFILES) {
            auto found = counts.find(bit);
            if (found != counts.end()) values.assign(found->second.begin(), found->second.end());
        } else if (bit == PI_FACET_COUNTRY) {
            values = countries.named();
        } else if (bit == PI_FACET_LANGUAGE) {
            values = languages.named();
        } else if (bit == PI_FACET_CITY) {
            values = city_values();
        } else if (bit == PI_FACET_COMPANY) {
            values = company_values(limit);
        } else if (bit == PI_FACET_REMOTE) {
            if (remote[1]) values.emplace_back("true", remote[1]);
            if (remote[0]) values.emplace_back("false", remote[0]);
        } else if (bit == PI_FACET_TYPE) {
            for (unsigned i = 0; i < 8; ++i) {
                if (types[i]) values.emplace_back(PostingFacets::TYPES[i], types[i]);
            }
        }
        std::sort(values.begin(), values.end(), [](const auto &a, const auto &b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        if (limit > 0 && values.size() > limit) values.resize(limit);
        result.facets[bit] = std::move(values);
    }
    if (facets & PI_FACET_SALARY) {
        auto &values = result.facets[PI_FACET_SALARY];
        for (unsigned i = 0; i < 9; ++i) {
            if (salary[i] == 0) continue;
            values.emplace_back(std::to_string(static_cast<long long>(PostingFacets::SALARY_FLOORS[i])), salary[i]);
        }
    }
    if (facets & PI_FACET_POSTED) {
        auto &values = result.facets[PI_FACET_POSTED];
        for (size_t i = 0; i < 5; ++i) values.emplace_back(std::to_string(POSTED_DAYS[i]), posted[i]);
    }
    if (scale != 1) {
        for (auto &facet : result.facets) {
            for (auto &value : facet.second) value.second *= scale;
        }
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
