#ifndef PASSERELLE_INDEXING_POSTING_FACETS_H
#define PASSERELLE_INDEXING_POSTING_FACETS_H

#include "internal.h"

namespace passerelle {

/// Every facet of a posting packed in one value slot, so that counting the
/// facets of a result set reads one value per document instead of seven.
struct PostingFacets {
    static constexpr const char *TYPES[] = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY",
                                            "INTERN",    "VOLUNTEER", "PER_DIEM",   "OTHER"};
    static constexpr double SALARY_FLOORS[] = {0, 20000, 30000, 40000, 50000, 60000, 80000, 100000, 150000};
    static constexpr unsigned char NO_SALARY = 255;

    bool remote = false;
    unsigned char types = 0;  // bit i: TYPES[i]
    unsigned char salary_bucket = NO_SALARY;
    int64_t posted_at = 0;
    int64_t company_id = 0;
    std::string country, language, city;
    /// A hash of the city's name: facets count by it and read the name once.
    uint64_t city_key = 0;

    /// The index in SALARY_FLOORS of the bucket an annual amount falls in.
    static unsigned char bucket_of(double annual);

    /// Sets `city` and `city_key` together.
    void set_city(const std::string &name);

    std::string encode() const;
    /// False when `value` is not a record of this layout. Reads all but the
    /// city's name (see `city_of`): what counting needs, with no allocation.
    bool decode(const std::string &value);
    static std::string city_of(const std::string &value);
};

}  // namespace passerelle

#endif
