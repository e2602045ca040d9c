#ifndef PASSERELLE_INDEXING_H
#define PASSERELLE_INDEXING_H

// The C face of Passerelle's Xapian code. Every call catches every C++ exception
// (Xapian::Error, then std::exception, then ...) and reports it through
// pi_error; no exception ever crosses into Swift. Bytes cross as pointer and
// length; what a call returns stays valid until the object it came from is freed.
// A handle (thesaurus, writer, reader, result) is used by one thread at a time.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What went wrong in a call, filled in when the call returns a non-zero code.
/// `type` is Xapian's error class ("DatabaseOpeningError", "QueryParserError",
/// ...), "std::exception" or "unknown"; both strings are NUL-terminated and
/// truncated to fit.
typedef struct pi_error {
    char type[64];
    char message[512];
} pi_error;

/// A run of bytes (UTF-8 text unless said otherwise); `data` may be NULL when
/// `length` is 0. Lists are items separated by '\n'.
typedef struct pi_bytes {
    const char *data;
    size_t length;
} pi_bytes;

/// The version of the Xapian library linked in, e.g. "1.4.22"; never NULL.
const char *pi_xapian_version(void);

/// Exercises the error path: runs a Xapian call that throws (opening a
/// database at `path`, `length` bytes) and returns 0 on success, 1 with `error`
/// filled in when Xapian threw.
int pi_check_database(const char *path, size_t length, pi_error *error);

// MARK: - Text

/// Writes into `out` (capacity `capacity`) the words of `text` as the index sees
/// them: accents folded, lower case, separated by single spaces. Returns the
/// length needed (write again with more room when it exceeds `capacity`).
size_t pi_normalize(pi_bytes text, char *out, size_t capacity);

// MARK: - Thesaurus

/// The multilingual job-title thesaurus: titles of one occupation in every
/// language and both genders. A writer turns it into Xapian synonyms (each title
/// leads to the occupation's term, and a feminine word to its masculine form and
/// back) and tags each posting whose title holds one of its titles.
typedef struct pi_thesaurus pi_thesaurus;

pi_thesaurus *pi_thesaurus_new(void);
void pi_thesaurus_free(pi_thesaurus *thesaurus);
/// `gender` is 'm', 'f' or 'n'.
void pi_thesaurus_add(
    pi_thesaurus *thesaurus, pi_bytes occupation, pi_bytes language, char gender, pi_bytes title);
/// Writes into `out` (capacity `capacity`) the occupations (the thesaurus's ids) of
/// the thesaurus titles that `title` holds, as a list; returns the length needed
/// (call again with more room when it exceeds `capacity`). After pi_thesaurus_finish.
size_t pi_thesaurus_occupations(const pi_thesaurus *thesaurus, pi_bytes title, char *out, size_t capacity);
/// Derives the synonyms and the title lookup from what was added; call once,
/// after the last add and before any writer uses the thesaurus. From then on
/// the thesaurus is read-only and may be shared by writers on several threads.
void pi_thesaurus_finish(pi_thesaurus *thesaurus);

// MARK: - Documents

enum {
    PI_KIND_JOBS = 0,
    PI_KIND_PROFILES = 1,
};

/// A job posting as the index keeps it.
typedef struct pi_posting {
    int64_t id;
    pi_bytes language;  // ISO 639-1: the stemmer
    pi_bytes country;   // ISO 3166-1 alpha-2
    pi_bytes title;
    pi_bytes description;  // plain text
    int64_t company_id;
    pi_bytes company_name;
    pi_bytes city;  // empty when none
    int has_location;
    double latitude, longitude;
    pi_bytes employment_types;  // list: FULL_TIME, ...
    int remote;
    int has_salary;
    double salary_top;   // annual, in the posting's currency: the top of its range
    int64_t posted_at;      // Unix seconds
    int64_t valid_through;  // Unix seconds
    pi_bytes skills;        // list
    pi_bytes data;          // returned with each hit
} pi_posting;

/// A CV as the index keeps it. Hidden CVs are never given to the index.
typedef struct pi_profile {
    int64_t id;  // the member
    pi_bytes language;
    pi_bytes country;
    pi_bytes headline;
    pi_bytes text;  // summary, positions, schools: plain text
    pi_bytes city;
    int has_location;
    double latitude, longitude;
    pi_bytes skills;  // list
    int open_to_work;
    pi_bytes visibility;               // "public" or "network"
    const int64_t *current_companies;  // the member's current employers
    size_t current_company_count;
    pi_bytes relocate_to;  // list of countries
    pi_bytes data;         // returned with each hit
} pi_profile;

// MARK: - Writing

/// A shard open for writing: a glass database directory, created when missing.
typedef struct pi_writer pi_writer;

/// Opens (or creates) the shard at `path` for documents of `kind`. With a
/// thesaurus, its synonyms are written into the shard when they differ from
/// what the shard holds, and postings are tagged with their occupations.
pi_writer *pi_writer_open(pi_bytes path, int kind, const pi_thesaurus *thesaurus, pi_error *error);
/// Closes the shard. Xapian commits pending changes on close, but not the
/// position: only pi_writer_commit moves it, so what follows it is replayed.
void pi_writer_free(pi_writer *writer);
int pi_writer_add_posting(pi_writer *writer, const pi_posting *posting, pi_error *error);
int pi_writer_add_profile(pi_writer *writer, const pi_profile *profile, pi_error *error);
/// Removes the document with this id; no error when there is none.
int pi_writer_delete(pi_writer *writer, int64_t id, pi_error *error);
/// Commits every change since the last commit together with `position`, the
/// outbox position (text) these changes bring the shard to.
int pi_writer_commit(pi_writer *writer, pi_bytes position, pi_error *error);
/// The position recorded by the last commit (empty when none), copied into
/// `out`; returns its length or -1 with `error` filled in. Truncated to `capacity`.
int64_t pi_writer_position(pi_writer *writer, char *out, size_t capacity, pi_error *error);
uint64_t pi_writer_document_count(pi_writer *writer);

// MARK: - Reading

/// A shard open for reading.
typedef struct pi_reader pi_reader;

pi_reader *pi_reader_open(pi_bytes path, pi_error *error);
void pi_reader_free(pi_reader *reader);
/// Brings the reader to the latest commit.
int pi_reader_reopen(pi_reader *reader, pi_error *error);
uint64_t pi_reader_document_count(pi_reader *reader);
/// As pi_writer_position, for the revision the reader sees.
int64_t pi_reader_position(pi_reader *reader, char *out, size_t capacity, pi_error *error);

// MARK: - Searching

enum {
    PI_SORT_RELEVANCE = 0,
    PI_SORT_DATE = 1,
    PI_SORT_DISTANCE = 2,
};

/// Facets, as bits of pi_search_request.facets.
enum {
    PI_FACET_COUNTRY = 1 << 0,
    PI_FACET_CITY = 1 << 1,
    PI_FACET_TYPE = 1 << 2,
    PI_FACET_REMOTE = 1 << 3,
    PI_FACET_COMPANY = 1 << 4,  // values are "id\x1fname"
    PI_FACET_SALARY = 1 << 5,   // values are bucket floors: "0", "20000", ...
    PI_FACET_POSTED = 1 << 6,   // values are "1", "3", "7", "14", "30": posted within so many days
    PI_FACET_SKILL = 1 << 7,
    PI_FACET_OPEN_TO_WORK = 1 << 8,
    PI_FACET_LANGUAGE = 1 << 9,
};

typedef struct pi_search_request {
    int kind;
    pi_bytes query;     // Xapian query syntax; empty matches everything
    pi_bytes language;  // the query's language: its stemmer
    pi_bytes cities;    // list, any of
    pi_bytes types;     // list, any of
    int remote;         // -1 any, 0, 1
    int has_salary_min;
    double salary_min;
    int64_t posted_since;  // Unix seconds; 0 for any
    const int64_t *companies;  // any of; none when count is 0
    size_t company_count;
    pi_bytes languages;  // documents' languages, any of
    pi_bytes skills;     // list, all of
    int open_to_work;    // -1 any, 1 only those open to work
    int64_t not_employed_by;  // profiles: leave out current employees of this company (0: none)
    int64_t viewer_company;   // profiles: its current employees count as not open to work in the facet (0: none)
    int include_network_visibility;  // profiles: also those visible to their network only
    int has_near;
    double latitude, longitude;
    double radius_km;  // 0: no limit (distances still computed)
    int64_t now;       // expired postings (valid_through <= now) are never found
    int sort;
    unsigned per_company;  // 0: no limit; 1 or 2: diversify
    unsigned offset, limit;
    unsigned facets;          // PI_FACET_* bits
    unsigned facet_limit;     // at most so many values per facet (0: all)
    unsigned exact_up_to;     // counts are exact when the total is under this
    unsigned sample_size;     // larger totals are estimated from a sample of about so many documents
    unsigned snippet_words;   // 0: no snippets
} pi_search_request;

typedef struct pi_hit {
    int64_t id;
    double weight;
    double distance_km;  // NaN unless has_near and the document has a location
    pi_bytes data;
    pi_bytes snippet;  // HTML: escaped text with <mark>…</mark>
} pi_hit;

typedef struct pi_facet_value {
    pi_bytes value;
    uint64_t count;
} pi_facet_value;

typedef struct pi_result pi_result;

/// Runs a search over the union of `readers` (count >= 1). A query that cannot
/// be parsed fails with error type "QueryParserError".
pi_result *pi_search(pi_reader *const *readers, size_t count, const pi_search_request *request, pi_error *error);
void pi_result_free(pi_result *result);
uint64_t pi_result_total(const pi_result *result);
int pi_result_total_is_exact(const pi_result *result);
/// The query with misspelt words replaced ("did you mean"); empty when nothing was.
pi_bytes pi_result_corrected_query(const pi_result *result);
const pi_hit *pi_result_hits(const pi_result *result, size_t *count);
/// One facet's values: by count (most first) for names, in order for salary and posted.
const pi_facet_value *pi_result_facet(const pi_result *result, unsigned facet, size_t *count);

// MARK: - Matching

/// What matching asks the index for: the documents of `kind` that share an
/// occupation or title words with `titles` (an offer's title; a CV's headline and
/// positions), weighed by text relevance (BM25) on the titles, the skills and the
/// rarest words of `text`. The best `limit` come back as hits (weight, data; no
/// snippet, no distance), the estimated number of matches as the total.
typedef struct pi_match_request {
    int kind;                       // what is searched: PI_KIND_PROFILES (candidates) or PI_KIND_JOBS (offers)
    const pi_thesaurus *thesaurus;  // the titles' occupations; NULL: title words only
    pi_bytes titles;                // list
    pi_bytes language;              // the language of titles, skills and text: the stemmer
    pi_bytes skills;                // list: each one weighs as a whole (all its words)
    pi_bytes text;                  // a description or a summary
    unsigned text_terms;            // at most so many of its words, the rarest in the shards (0: none)
    pi_bytes countries;  // profiles: CVs of these countries or of members who would relocate to one (empty: any)
    int64_t not_employed_by;         // profiles: leave out this company's current employees (0: none)
    int include_network_visibility;  // profiles: also CVs visible to their network only
    int64_t now;                     // jobs: expired postings (valid_through <= now) are left out
    unsigned limit;
    unsigned at_least;  // fewer than so many sharing an occupation or title word: any with a skill or word may match
} pi_match_request;

/// Runs a matching query over the union of `readers` (count >= 1).
pi_result *pi_match(pi_reader *const *readers, size_t count, const pi_match_request *request, pi_error *error);

// MARK: - Suggestions

enum {
    PI_SUGGEST_TITLES = 0,
    PI_SUGGEST_COMPANIES = 1,
};

/// Completions of `prefix` (any word start of a title or company name), most
/// frequent first; titles only in `language` when it is not empty.
pi_result *pi_suggest(
    pi_reader *const *readers, size_t count, int what, pi_bytes prefix, pi_bytes language, unsigned limit,
    pi_error *error);
/// Suggestions come back as a facet of a result: value and frequency.
const pi_facet_value *pi_result_suggestions(const pi_result *result, size_t *count);

#ifdef __cplusplus
}
#endif

#endif
