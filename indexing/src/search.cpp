// Searching shards: the query, the filters, the sort, the page, the facets,
// the snippets and the "did you mean" of one request, in one call.
#include "search.h"
#include "counting.h"

#include <cmath>
#include <limits>
#include <memory>

using namespace passerelle;

Xapian::Query passerelle::match_all() { return Xapian::Query(std::string()); }

Xapian::Query passerelle::any_of(const char *prefix, const std::vector<std::string> &values, bool normalized) {
    std::vector<Xapian::Query> terms;
    for (const std::string &value : values) {
        terms.emplace_back(utf8_prefix(prefix + (normalized ? normalize(value) : value), 240));
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query passerelle::visible_profiles(bool include_network_visibility) {
    std::vector<std::string> visible = {"public"};
    if (include_network_visibility) visible.push_back("network");
    return any_of(VISIBILITY, visible, false);
}

Xapian::Query passerelle::not_expired(int64_t now) {
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, SLOT_VALID, Xapian::sortable_serialise(static_cast<double>(now + 1)));
}

Xapian::Query passerelle::not_employed_by(const Xapian::Query &filter, int64_t company) {
    if (company == 0) return filter;
    return Xapian::Query(Xapian::Query::OP_AND_NOT, filter, Xapian::Query(EMPLOYER + std::to_string(company)));
}

StoredHit passerelle::stored_row(const Xapian::Document &document, double weight, std::string *text) {
    StoredHit hit;
    hit.id = std::stoll(document.get_value(SLOT_ID));
    hit.weight = weight;
    hit.distance_km = std::numeric_limits<double>::quiet_NaN();
    std::string data = document.get_data();
    uint32_t json_length = 0;
    if (data.size() >= 4) {
        json_length = static_cast<uint32_t>(static_cast<unsigned char>(data[0])) |
                      static_cast<uint32_t>(static_cast<unsigned char>(data[1])) << 8 |
                      static_cast<uint32_t>(static_cast<unsigned char>(data[2])) << 16 |
                      static_cast<uint32_t>(static_cast<unsigned char>(data[3])) << 24;
    }
    if (json_length > data.size() - std::min<size_t>(data.size(), 4)) json_length = 0;
    hit.data = data.substr(std::min<size_t>(4, data.size()), json_length);
    if (text != nullptr) *text = data.substr(std::min<size_t>(data.size(), 4 + json_length));
    return hit;
}

struct pi_reader {
    Xapian::Database database;
};

namespace {

/// Keeps the documents within the radius: exact great-circle distance.
class WithinRadius : public Xapian::MatchDecider {
  public:
    WithinRadius(double latitude, double longitude, double radius_km)
        : latitude(latitude), longitude(longitude), radius_km(radius_km) {}

    bool operator()(const Xapian::Document &document) const override {
        double lat, lon;
        if (!decode_point(document.get_value(SLOT_GEO), lat, lon)) return false;
        return haversine_km(latitude, longitude, lat, lon) <= radius_km;
    }

  private:
    double latitude, longitude, radius_km;
};

/// Sorts by distance from a point; documents without a place come last.
class DistanceKey : public Xapian::KeyMaker {
  public:
    DistanceKey(double latitude, double longitude) : latitude(latitude), longitude(longitude) {}

    std::string operator()(const Xapian::Document &document) const override {
        double lat, lon;
        if (!decode_point(document.get_value(SLOT_GEO), lat, lon)) {
            return Xapian::sortable_serialise(std::numeric_limits<double>::max());
        }
        return Xapian::sortable_serialise(haversine_km(latitude, longitude, lat, lon));
    }

  private:
    double latitude, longitude;
};

/// The 1-degree cells a circle can touch; empty when there are too many to help.
std::vector<std::string> cells_around(double latitude, double longitude, double radius_km) {
    const double km_per_degree = 111.0;  // a little under the real 111.195: the box errs on the large side
    double d_latitude = radius_km / km_per_degree;
    double south = latitude - d_latitude, north = latitude + d_latitude;
    double widest = std::max(std::fabs(south), std::fabs(north));
    if (north >= 89 || south <= -89 || widest >= 89) return {};
    double d_longitude = radius_km / (km_per_degree * std::cos(widest * M_PI / 180));
    double west = longitude - d_longitude, east = longitude + d_longitude;
    if (west < -180 || east >= 180) return {};
    int lat0 = static_cast<int>(std::floor(south)), lat1 = static_cast<int>(std::floor(north));
    int lon0 = static_cast<int>(std::floor(west)), lon1 = static_cast<int>(std::floor(east));
    if ((lat1 - lat0 + 1) * (lon1 - lon0 + 1) > 400) return {};
    std::vector<std::string> cells;
    for (int lat = lat0; lat <= lat1; ++lat) {
        for (int lon = lon0; lon <= lon1; ++lon) cells.push_back(geo_cell_term(lat, lon));
    }
    return cells;
}

/// Xapian forgives unbalanced brackets by dropping them; a query that relies on
/// that is not what its author meant, so it is refused like any syntax error.
void check_brackets(const std::string &text) {
    int depth = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '(' && ++depth > 32) throw Xapian::QueryParserError("Brackets nested more than 32 deep");
        if (c == ')' && --depth < 0) throw Xapian::QueryParserError("Syntax: ')' without '('");
    }
    if (depth > 0) throw Xapian::QueryParserError("Syntax: '(' without ')'");
}

Xapian::Query parse(const Xapian::Database &database, const pi_search_request &request) {
    std::string text = str(request.query);
    check_brackets(text);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return match_all();
    Xapian::QueryParser parser;
    parser.set_database(database);
    parser.set_stemmer(stemmer_for(str(request.language)));
    // Every word stemmed, capitalised ones too: German nouns are capitalised.
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    parser.set_default_op(Xapian::Query::OP_AND);
    parser.add_prefix("title", TITLE_TEXT);
    parser.add_prefix("skill", SKILL_TEXT);
    parser.add_prefix("company", COMPANY_TEXT);
    unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                     Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS | Xapian::QueryParser::FLAG_CJK_NGRAM;
    return parser.parse_query(fold(text), flags);
}

Xapian::Query filters(const pi_search_request &request) {
    std::vector<Xapian::Query> all;
    auto cities = split_list(str(request.cities));
    if (!cities.empty()) all.push_back(any_of(CITY, cities, true));
    auto types = split_list(str(request.types));
    if (!types.empty()) all.push_back(any_of(TYPE, types, false));
    if (request.remote >= 0) all.emplace_back(std::string(REMOTE) + (request.remote ? "1" : "0"));
    if (request.company_count > 0) {
        std::vector<std::string> companies;
        for (size_t i = 0; i < request.company_count; ++i) companies.push_back(std::to_string(request.companies[i]));
        all.push_back(any_of(COMPANY, companies, false));
    }
    auto languages = split_list(str(request.languages));
    if (!languages.empty()) all.push_back(any_of(LANGUAGE, languages, false));
    for (const std::string &skill : split_list(str(request.skills))) {
        all.emplace_back(utf8_prefix(SKILL + normalize(skill), 240));
    }
    if (request.has_salary_min) {
        all.emplace_back(Xapian::Query::OP_VALUE_GE, SLOT_SALARY, Xapian::sortable_serialise(request.salary_min));
    }
    if (request.posted_since != 0) {
        all.emplace_back(Xapian::Query::OP_VALUE_GE, SLOT_POSTED,
                         Xapian::sortable_serialise(static_cast<double>(request.posted_since)));
    }
    if (request.kind == PI_KIND_JOBS) {
        all.push_back(not_expired(request.now));
    } else {
        all.push_back(visible_profiles(request.include_network_visibility));
        if (request.open_to_work > 0) all.emplace_back(std::string(OPEN_TO_WORK) + "1");
    }
    if (request.has_near && request.radius_km > 0) {
        auto cells = cells_around(request.latitude, request.longitude, request.radius_km);
        if (!cells.empty()) {
            std::vector<Xapian::Query> terms(cells.begin(), cells.end());
            all.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
        }
    }
    Xapian::Query filter = all.empty() ? match_all()
                                       : Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
    return request.kind == PI_KIND_PROFILES ? not_employed_by(filter, request.not_employed_by) : filter;
}

}  // namespace

extern "C" pi_reader *pi_reader_open(pi_bytes path, pi_error *error) {
    pi_reader *reader = nullptr;
    guarded(error, [&] { reader = new pi_reader{Xapian::Database(str(path), Xapian::DB_BACKEND_GLASS)}; });
    return reader;
}

extern "C" void pi_reader_free(pi_reader *reader) {
    try {
        delete reader;
    } catch (...) {
    }
}

extern "C" int pi_reader_reopen(pi_reader *reader, pi_error *error) {
    return guarded(error, [&] { reader->database.reopen(); });
}

extern "C" uint64_t pi_reader_document_count(pi_reader *reader) {
    try {
        return reader->database.get_doccount();
    } catch (...) {
        return 0;
    }
}

extern "C" int64_t pi_reader_position(pi_reader *reader, char *out, size_t capacity, pi_error *error) {
    return copy_position(reader->database, out, capacity, error);
}

Xapian::Database passerelle::combined(pi_reader *const *readers, size_t count) {
    Xapian::Database database;
    for (size_t i = 0; i < count; ++i) database.add_database(readers[i]->database);
    return database;
}

namespace {

/// The order, diversity and radius of a request, for an Enquire over one shard or all.
struct Ordering {
    std::unique_ptr<DistanceKey> distance_key;
    std::unique_ptr<WithinRadius> radius;
    bool ranked;  // words weigh the matches; otherwise docid order (or the sort key)

    Ordering(const pi_search_request &request, bool ranked) : ranked(ranked) {
        if (request.sort == PI_SORT_DISTANCE && request.has_near) {
            distance_key.reset(new DistanceKey(request.latitude, request.longitude));
        }
        if (request.has_near && request.radius_km > 0) {
            radius.reset(new WithinRadius(request.latitude, request.longitude, request.radius_km));
        }
    }

    void apply(Xapian::Enquire &enquire, const pi_search_request &request) const {
        if (ranked) {
            enquire.set_weighting_scheme(Xapian::BM25Weight());
        } else {
            enquire.set_weighting_scheme(Xapian::BoolWeight());
        }
        if (request.sort == PI_SORT_DATE && request.kind == PI_KIND_JOBS) {
            enquire.set_sort_by_value_then_relevance(SLOT_POSTED, true);
        } else if (distance_key) {
            enquire.set_sort_by_key_then_relevance(distance_key.get(), false);
        }
        if (request.per_company > 0 && request.kind == PI_KIND_JOBS) {
            enquire.set_collapse_key(SLOT_COMPANY, request.per_company);
        }
    }

    /// True when `a` comes before `b` in the union of the shards, as Xapian orders it.
    bool before(const std::string &key_a, Xapian::docid a, const std::string &key_b, Xapian::docid b,
                const pi_search_request &request) const {
        if (key_a != key_b) {
            bool descending = request.sort == PI_SORT_DATE && request.kind == PI_KIND_JOBS;
            return descending ? key_a > key_b : key_a < key_b;
        }
        return a < b;
    }
};

/// A document of a page, where it stands in the union of the shards.
struct Candidate {
    Xapian::docid docid = 0;
    std::string sort_key, collapse_key;
    Xapian::Document document;
    double weight;
};

/// The first `wanted` documents of a search no word ranks, in the order asked
/// for (fewer when there are no more), shard by shard: each shard's first ones,
/// merged in the order of the union of the shards (docid d of shard i of n is
/// (d - 1) * n + i + 1 there). Over the union, Xapian would read every match to
/// find the first twenty.
template <class QueryOf>
std::vector<Candidate> merged_from_shards(const std::vector<Xapian::Database> &shards, QueryOf query_of,
                                          const Ordering &ordering, const pi_search_request &request,
                                          Xapian::doccount wanted) {
    const size_t n = shards.size();
    for (Xapian::doccount fetch = std::max<Xapian::doccount>(wanted, 1);; fetch *= 2) {
        std::vector<Candidate> merged;
        // The last document of each shard cut at `fetch`: past the first of them, one may be missing.
        std::vector<Candidate> lasts;
        for (size_t i = 0; i < n; ++i) {
            Xapian::Enquire enquire(shards[i]);
            enquire.set_query(query_of(i));
            ordering.apply(enquire, request);
            Xapian::MSet mset = enquire.get_mset(0, fetch, fetch, nullptr, ordering.radius.get());
            for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
                merged.push_back(Candidate{static_cast<Xapian::docid>((*it - 1) * n + i + 1), it.get_sort_key(),
                                           it.get_collapse_key(), it.get_document(), it.get_weight()});
            }
            if (mset.size() == fetch) lasts.push_back(merged.back());
        }
        auto before = [&](const Candidate &a, const Candidate &b) {
            return ordering.before(a.sort_key, a.docid, b.sort_key, b.docid, request);
        };
        const Candidate *cutoff = lasts.empty() ? nullptr : &*std::min_element(lasts.begin(), lasts.end(), before);
        std::sort(merged.begin(), merged.end(), before);
        std::vector<Candidate> kept;
        std::unordered_map<std::string, unsigned> per_company;
        for (Candidate &candidate : merged) {
            if (kept.size() == wanted || (cutoff && before(*cutoff, candidate))) break;
            if (request.per_company > 0 && request.kind == PI_KIND_JOBS && !candidate.collapse_key.empty() &&
                ++per_company[candidate.collapse_key] > request.per_company) {
                continue;
            }
            kept.push_back(std::move(candidate));
        }
        if (kept.size() == wanted || !cutoff) return kept;
    }
}

/// The posted-day terms of the shards, newest first, with how many postings each has.
std::vector<std::pair<std::string, uint64_t>> posted_days(const std::vector<Xapian::Database> &shards) {
    std::map<std::string, uint64_t, std::greater<std::string>> days;
    for (const Xapian::Database &shard : shards) {
        for (Xapian::TermIterator day = shard.allterms_begin(POSTED_DAY); day != shard.allterms_end(POSTED_DAY); ++day) {
            days[*day] += day.get_termfreq();
        }
    }
    return std::vector<std::pair<std::string, uint64_t>>(days.begin(), days.end());
}

/// The postings of `shard` posted on the day of the term `since` or later.
Xapian::Query posted_since(const Xapian::Database &shard, const std::string &since) {
    std::vector<std::string> days;
    Xapian::TermIterator day = shard.allterms_begin(POSTED_DAY);
    day.skip_to(since);
    for (; day != shard.allterms_end(POSTED_DAY); ++day) days.push_back(*day);
    return Xapian::Query(Xapian::Query::OP_OR, days.begin(), days.end());
}

/// The page of a search no word ranks, from the shards. Newest first looks at
/// the last days first, as many as hold 16 times the postings the page needs,
/// then 16 times more while filters leave too few: sorting every match by date
/// would read them all.
std::vector<Candidate> page_by_shards(const std::vector<Xapian::Database> &shards, const Xapian::Query &query,
                                      const Ordering &ordering, const pi_search_request &request) {
    const Xapian::doccount wanted = request.offset + request.limit;
    std::vector<Candidate> kept;
    if (request.sort == PI_SORT_DATE && request.kind == PI_KIND_JOBS) {
        const auto days = posted_days(shards);
        uint64_t covered = 0, enough = uint64_t(std::max<Xapian::doccount>(wanted, 1)) * 16;
        for (size_t newest = 0;; enough *= 16) {
            while (newest < days.size() && covered < enough) covered += days[newest++].second;
            if (newest == days.size()) break;  // every day: no window
            const std::string &since = days[newest - 1].first;
            kept = merged_from_shards(
                shards,
                [&](size_t i) { return Xapian::Query(Xapian::Query::OP_FILTER, query, posted_since(shards[i], since)); },
                ordering, request, wanted);
            if (kept.size() == wanted) break;
        }
    }
    if (kept.size() < wanted) {
        kept = merged_from_shards(shards, [&](size_t) { return query; }, ordering, request, wanted);
    }
    if (kept.size() <= request.offset) return {};
    return std::vector<Candidate>(std::make_move_iterator(kept.begin() + request.offset),
                                  std::make_move_iterator(kept.end()));
}

/// The page of a search with words, over the union of the shards: weights need
/// the statistics of all of them.
std::vector<Candidate> ranked_page(const Xapian::Database &database, const Xapian::Query &query,
                                   const Ordering &ordering, const pi_search_request &request, MatchBounds &bounds) {
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    ordering.apply(enquire, request);
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, request.offset + request.limit, nullptr,
                                         ordering.radius.get());
    bounds = MatchBounds{mset.get_matches_lower_bound(), mset.get_matches_upper_bound()};
    std::vector<Candidate> page;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
        page.push_back(Candidate{*it, std::string(), std::string(), it.get_document(), it.get_weight()});
    }
    return page;
}

StoredHit stored_hit(const Candidate &candidate, const pi_search_request &request,
                     const std::set<std::string> &terms, const Xapian::Stem &stem) {
    const Xapian::Document &document = candidate.document;
    std::string text;
    StoredHit hit = stored_row(document, candidate.weight, request.snippet_words > 0 ? &text : nullptr);
    double lat, lon;
    if (request.has_near && decode_point(document.get_value(SLOT_GEO), lat, lon)) {
        hit.distance_km = haversine_km(request.latitude, request.longitude, lat, lon);
    }
    if (request.snippet_words > 0) hit.snippet = snippet(text, terms, stem, request.snippet_words);
    return hit;
}

}  // namespace

extern "C" pi_result *pi_search(pi_reader *const *readers, size_t count, const pi_search_request *request,
                                pi_error *error) {
    std::unique_ptr<pi_result> result;
    int failed = guarded(error, [&] {
        result.reset(new pi_result());
        std::vector<Xapian::Database> shards;
        for (size_t i = 0; i < count; ++i) shards.push_back(readers[i]->database);
        Xapian::Database database = combined(readers, count);
        Xapian::Query words = parse(database, *request);
        Xapian::Query query(Xapian::Query::OP_FILTER, words, filters(*request));
        Ordering ordering(*request, words.get_type() != Xapian::Query::LEAF_MATCH_ALL);

        MatchBounds bounds;  // unknown when the page comes from the shards
        std::vector<Candidate> page = ordering.ranked ? ranked_page(database, query, ordering, *request, bounds)
                                                      : page_by_shards(shards, query, ordering, *request);

        std::unique_ptr<FacetSpy> sample_spy, exact_spy;
        if (request->facets != 0) {
            int64_t viewer_company = request->kind == PI_KIND_PROFILES ? request->viewer_company : 0;
            sample_spy.reset(new FacetSpy(request->kind, request->facets, request->now, viewer_company));
            exact_spy.reset(new FacetSpy(request->kind, request->facets, request->now, viewer_company));
        }
        MatchCount matches = count_matches(shards, query, ordering.radius.get(), bounds, request->exact_up_to, request->sample_size,
                                           sample_spy.get(), exact_spy.get());
        result->total = matches.total;
        result->exact = matches.counted && matches.total < std::max<uint64_t>(request->exact_up_to, 1);

        std::set<std::string> terms(words.get_unique_terms_begin(), words.get_unique_terms_end());
        const Xapian::Stem &stem = stemmer_for(str(request->language));
        for (const Candidate &candidate : page) result->stored.push_back(stored_hit(candidate, *request, terms, stem));
        if (matches.spy) matches.spy->finish(*result, request->facet_limit, matches.scale);
        result->corrected = corrected_query(database, str(request->query), stem);
        result->seal();
    });
    return failed ? nullptr : result.release();
}

extern "C" void pi_result_free(pi_result *result) { delete result; }
extern "C" uint64_t pi_result_total(const pi_result *result) { return result->total; }
extern "C" int pi_result_total_is_exact(const pi_result *result) { return result->exact ? 1 : 0; }

extern "C" pi_bytes pi_result_corrected_query(const pi_result *result) {
    return pi_bytes{result->corrected.data(), result->corrected.size()};
}

extern "C" const pi_hit *pi_result_hits(const pi_result *result, size_t *count) {
    *count = result->hits.size();
    return result->hits.data();
}

extern "C" const pi_facet_value *pi_result_facet(const pi_result *result, unsigned facet, size_t *count) {
    auto found = result->facet_views.find(facet);
    if (found == result->facet_views.end()) {
        *count = 0;
        return nullptr;
    }
    *count = found->second.size();
    return found->second.data();
}
