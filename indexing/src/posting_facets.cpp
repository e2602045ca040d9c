#include "posting_facets.h"

#include <cstring>

namespace passerelle {
namespace {

// Layout: remote, types, salary bucket (1 byte each), posted_at, company id,
// city key (8 bytes each, host order: the shard is read where it was written),
// country and language (2 bytes each), then the city's name.
constexpr size_t FIXED = 3 + 8 + 8 + 8 + 2 + 2;

void put(std::string &out, int64_t value) {
    char bytes[sizeof value];
    std::memcpy(bytes, &value, sizeof value);
    out.append(bytes, sizeof value);
}

int64_t take(const std::string &in, size_t at) {
    int64_t value;
    std::memcpy(&value, in.data() + at, sizeof value);
    return value;
}

std::string two(const std::string &code) { return (code + "  ").substr(0, 2); }

}  // namespace

unsigned char PostingFacets::bucket_of(double annual) {
    unsigned char bucket = 0;
    for (unsigned char i = 0; i < sizeof SALARY_FLOORS / sizeof SALARY_FLOORS[0]; ++i) {
        if (annual >= SALARY_FLOORS[i]) bucket = i;
    }
    return bucket;
}

void PostingFacets::set_city(const std::string &name) {
    city = name;
    // FNV-1a: stable across runs, unlike std::hash.
    uint64_t hash = 1469598103934665603ull;
    for (unsigned char byte : name) hash = (hash ^ byte) * 1099511628211ull;
    city_key = name.empty() ? 0 : hash;
}

std::string PostingFacets::encode() const {
    std::string out;
    out.reserve(FIXED + city.size());
    out += static_cast<char>(remote ? 1 : 0);
    out += static_cast<char>(types);
    out += static_cast<char>(salary_bucket);
    put(out, posted_at);
    put(out, company_id);
    put(out, static_cast<int64_t>(city_key));
    out += two(country);
    out += two(language);
    out += city;
    return out;
}

bool PostingFacets::decode(const std::string &value) {
    if (value.size() < FIXED) return false;
    remote = value[0] != 0;
    types = static_cast<unsigned char>(value[1]);
    salary_bucket = static_cast<unsigned char>(value[2]);
    posted_at = take(value, 3);
    company_id = take(value, 11);
    city_key = static_cast<uint64_t>(take(value, 19));
    country.assign(value, 27, 2);
    language.assign(value, 29, 2);
    return true;
}

std::string PostingFacets::city_of(const std::string &value) {
    return value.size() < FIXED ? std::string() : value.substr(FIXED);
}

}  // namespace passerelle
