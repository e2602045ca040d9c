#include "posting_facets.h"

#include <cstring>
#include <map>
#include <mutex>
#include <unordered_map>

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

uint16_t code(const std::string &in, size_t at) {
    return static_cast<uint16_t>(static_cast<unsigned char>(in[at]) | static_cast<unsigned char>(in[at + 1]) << 8);
}

/// The columns in memory, by shard (its UUID), with the revision they hold.
struct ColumnCache {
    struct Entry {
        Xapian::rev revision;
        std::shared_ptr<const FacetColumn> column;
        uint64_t used;  // when it was last asked for, in requests
    };
    /// More shards than there are job spaces: the oldest go (rebuilt shards have new UUIDs).
    static constexpr size_t CAPACITY = 16;
    std::mutex lock;
    std::map<std::string, Entry> columns;
    uint64_t requests = 0;
};

ColumnCache &column_cache() {
    static ColumnCache cache;
    return cache;
}

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
    city.assign(value, FIXED, std::string::npos);
    return true;
}

std::shared_ptr<const FacetColumn> FacetColumn::of(const Xapian::Database &shard) {
    const std::string uuid = shard.get_uuid();
    const Xapian::rev revision = shard.get_revision();
    ColumnCache &cache = column_cache();
    // One thread loads, the others wait for it rather than load the same again.
    std::lock_guard<std::mutex> hold(cache.lock);
    auto found = cache.columns.find(uuid);
    ++cache.requests;
    if (found != cache.columns.end() && found->second.revision == revision) {
        found->second.used = cache.requests;
        return found->second.column;
    }
    auto column = std::make_shared<FacetColumn>();
    column->entries.resize(shard.get_lastdocid());
    column->cities.emplace_back();
    std::unordered_map<int64_t, uint32_t> companies;
    std::unordered_map<uint64_t, uint32_t> cities;
    PostingFacets record;
    for (Xapian::ValueIterator value = shard.valuestream_begin(SLOT_POSTING_FACETS);
         value != shard.valuestream_end(SLOT_POSTING_FACETS); ++value) {
        if (!record.decode(*value)) continue;
        FacetEntry &entry = column->entries[value.get_docid() - 1];
        entry.present = true;
        entry.remote = record.remote;
        entry.types = record.types;
        entry.salary_bucket = record.salary_bucket;
        entry.posted_at = record.posted_at;
        entry.country = code(record.country, 0);
        entry.language = code(record.language, 0);
        auto company = companies.emplace(record.company_id, static_cast<uint32_t>(column->companies.size()));
        if (company.second) column->companies.emplace_back(record.company_id, value.get_docid());
        entry.company = company.first->second;
        if (record.city_key != 0) {
            auto city = cities.emplace(record.city_key, static_cast<uint32_t>(column->cities.size()));
            if (city.second) column->cities.push_back(record.city);
            entry.city = city.first->second;
        }
    }
    cache.columns[uuid] = ColumnCache::Entry{revision, column, cache.requests};
    if (cache.columns.size() > ColumnCache::CAPACITY) {
        cache.columns.erase(std::min_element(cache.columns.begin(), cache.columns.end(), [](const auto &a, const auto &b) {
            return a.second.used < b.second.used;
        }));
    }
    return column;
}

}  // namespace passerelle
