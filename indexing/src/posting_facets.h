#ifndef PASSERELLE_INDEXING_POSTING_FACETS_H
#define PASSERELLE_INDEXING_POSTING_FACETS_H

#include "internal.h"

#include <memory>
#include <vector>

namespace passerelle {

/// What counting needs of a posting's facets, fixed-size: its company and
/// city as indices in the lists of its shard's FacetColumn.
struct FacetEntry {
    int64_t posted_at = 0;
    uint32_t company = 0;
    uint32_t city = 0;  // 0: none
    uint16_t country = 0, language = 0;  // two ASCII letters, the first in the low byte
    unsigned char types = 0;
    unsigned char salary_bucket = 0;
    bool remote = false;
    bool present = false;  // false: no posting there, or no record

    static std::string code_name(uint16_t code) {
        return std::string{static_cast<char>(code & 0xff), static_cast<char>(code >> 8)};
    }
};

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
    /// False when `value` is not a record of this layout.
    bool decode(const std::string &value);
};

/// The FacetEntry of every document of one shard at one revision, by docid,
/// with the shard's companies and cities: counting the facets of 100,000
/// matches adds up numbers in arrays, where reading each match's value slot
/// costs more than matching it. Loaded along the slot's value stream once per
/// revision, and shared by every search thread.
class FacetColumn {
  public:
    /// The column of `shard` (a single database) at its current revision.
    static std::shared_ptr<const FacetColumn> of(const Xapian::Database &shard);

    const FacetEntry &operator[](Xapian::docid docid) const {
        static const FacetEntry none;
        return docid - 1 < entries.size() ? entries[docid - 1] : none;
    }

    /// By FacetEntry::company: the company's id and a posting of it (to read its name).
    std::vector<std::pair<int64_t, Xapian::docid>> companies;
    /// By FacetEntry::city: the city's name (index 0: none).
    std::vector<std::string> cities;

  private:
    std::vector<FacetEntry> entries;
};

}  // namespace passerelle

#endif
