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

void FacetSpy::count_posting(const Xapian::Document &document) {
    const std::string value = document.get_value(SLOT_POSTING_FACETS);
    if (!posting.decode(value)) return;
    if (facets & PI_FACET_COUNTRY) countries.add(posting.country);
    if (facets & PI_FACET_LANGUAGE) languages.add(posting.language);
    if ((facets & PI_FACET_CITY) && posting.city_key != 0) {
        auto found = city_counts.find(posting.city_key);
        if (found == city_counts.end()) {
            city_counts.emplace(posting.city_key, 1);
            city_names[posting.city_key] = PostingFacets::city_of(value);
        } else {
            ++found->second;
        }
    }
    if (facets & PI_FACET_REMOTE) ++remote[posting.remote ? 1 : 0];
    if (facets & PI_FACET_TYPE) {
        for (unsigned i = 0; i < 8; ++i) types[i] += (posting.types >> i) & 1u;
    }
    if (facets & PI_FACET_COMPANY) {
        // The name is read once per company, not once per posting.
        auto found = company_counts.find(posting.company_id);
        if (found == company_counts.end()) {
            company_counts.emplace(posting.company_id, 1);
            company_labels[posting.company_id] = document.get_value(SLOT_COMPANY_FACET);
        } else {
            ++found->second;
        }
    }
    if ((facets & PI_FACET_SALARY) && posting.salary_bucket < 9) ++salary[posting.salary_bucket];
    if (facets & PI_FACET_POSTED) {
        for (size_t i = 0; i < 5; ++i) {
            if (posting.posted_at >= now - int64_t(POSTED_DAYS[i]) * 86400) ++posted[i];
        }
    }
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

void FacetSpy::finish(pi_result &result, unsigned limit) const {
    for (unsigned bit : NAMED_FACETS) {
        if (!(facets & bit)) continue;
        std::vector<std::pair<std::string, uint64_t>> values;
        if (kind == PI_KIND_PROFILES) {
            auto found = counts.find(bit);
            if (found != counts.end()) values.assign(found->second.begin(), found->second.end());
        } else if (bit == PI_FACET_COUNTRY) {
            values = countries.counts;
        } else if (bit == PI_FACET_LANGUAGE) {
            values = languages.counts;
        } else if (bit == PI_FACET_CITY) {
            for (const auto &city : city_counts) values.emplace_back(city_names.at(city.first), city.second);
        } else if (bit == PI_FACET_COMPANY) {
            for (const auto &company : company_counts) {
                values.emplace_back(company_labels.at(company.first), company.second);
            }
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
