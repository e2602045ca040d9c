// Writing shards: one Xapian document per posting or CV, replaced by its id term.
#include "posting_facets.h"
#include "thesaurus.h"

#include <cmath>
#include <set>

using namespace passerelle;

struct pi_writer {
    Xapian::WritableDatabase database;
    int kind;
    const Thesaurus *thesaurus;
    Xapian::TermGenerator generator;
};

namespace {

/// The spelling table learns the words of titles as written (with their accents),
/// so that "did you mean" offers "développeur", not "developpeur".
void learn_spelling(Xapian::WritableDatabase &database, const std::string &title) {
    for (const std::string &word : lower_words(title)) {
        if (word.size() < 3 || has_cjk(word) || word.find_first_of("0123456789") != std::string::npos) continue;
        database.add_spelling(word);
    }
}

/// Completion terms: for each word start of `display`, the normalised rest of it,
/// then the display form, so that "dev" completes "Software Developer".
void add_completions(Xapian::Document &document, const std::string &prefix, const std::string &display) {
    std::string shown = utf8_prefix(display, 100);
    std::set<std::string> keys;
    bool at_start = true;
    for (size_t i = 0; i < shown.size(); ++i) {
        char c = shown[i];
        if (c == ' ' || c == '-' || c == '/' || c == '(' || c == ',') {
            at_start = true;
        } else if (at_start) {
            at_start = false;
            std::string key = utf8_prefix(normalize(shown.substr(i)), 100);
            if (!key.empty()) keys.insert(key);
        }
    }
    for (const std::string &key : keys) document.add_boolean_term(prefix + key + "\x1f" + shown);
}

void add_list_terms(Xapian::Document &document, const char *prefix, const std::vector<std::string> &items) {
    for (const std::string &item : items) {
        std::string key = normalize(item);
        if (!key.empty()) document.add_boolean_term(utf8_prefix(prefix + key, 240));
    }
}

std::string joined(const std::vector<std::string> &items) {
    std::string out;
    for (const std::string &item : items) {
        if (!out.empty()) out += '\n';
        out += item;
    }
    return out;
}

void start_document(pi_writer *writer, Xapian::Document &document, int64_t id, const std::string &language) {
    document.add_boolean_term(ID + std::to_string(id));
    document.add_value(SLOT_ID, std::to_string(id));
    writer->generator.set_document(document);
    writer->generator.set_stemmer(stemmer_for(language));
}

void index_free_text(Xapian::TermGenerator &generator, const std::string &text, Xapian::termcount weight,
                     const std::string &prefix = std::string()) {
    generator.index_text(fold(text), weight, prefix);
    generator.increase_termpos();
}

void add_place(Xapian::Document &document, const pi_bytes &city, int has_location, double latitude,
               double longitude) {
    std::string name = str(city);
    if (!name.empty()) document.add_boolean_term(utf8_prefix(CITY + normalize(name), 240));
    if (has_location) {
        document.add_value(SLOT_GEO, encode_point(latitude, longitude));
        document.add_boolean_term(geo_cell_term(latitude, longitude));
    }
}

void add_occupations(const pi_writer *writer, Xapian::Document &document, const std::string &title) {
    if (writer->thesaurus == nullptr) return;
    for (const std::string &term : writer->thesaurus->occupations_in(title)) document.add_boolean_term(term);
}

}  // namespace

extern "C" pi_writer *pi_writer_open(pi_bytes path, int kind, const pi_thesaurus *thesaurus, pi_error *error) {
    pi_writer *writer = nullptr;
    guarded(error, [&] {
        Xapian::WritableDatabase database(str(path), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
        writer = new pi_writer{database, kind, thesaurus_of(thesaurus), Xapian::TermGenerator()};
        writer->generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
        // Positions for the stemmed terms too: queries stem every word (STEM_ALL_Z), phrases included.
        writer->generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
        if (writer->thesaurus != nullptr) writer->thesaurus->write_synonyms(writer->database);
    });
    return writer;
}

extern "C" void pi_writer_free(pi_writer *writer) {
    try {
        delete writer;
    } catch (...) {
        // Closing commits pending changes; a failure there loses only what the
        // position does not cover, which the next writer replays.
    }
}

extern "C" int pi_writer_add_posting(pi_writer *writer, const pi_posting *posting, pi_error *error) {
    return guarded(error, [&] {
        Xapian::Document document;
        const std::string language = str(posting->language), title = str(posting->title);
        const std::string company = str(posting->company_name), country = str(posting->country);
        start_document(writer, document, posting->id, language);
        Xapian::TermGenerator &generator = writer->generator;
        // The title counts three times as much as the description.
        index_free_text(generator, title, 3);
        index_free_text(generator, title, 1, TITLE_TEXT);
        index_free_text(generator, company, 1);
        index_free_text(generator, company, 1, COMPANY_TEXT);
        std::vector<std::string> skills = split_list(str(posting->skills));
        for (const std::string &skill : skills) {
            index_free_text(generator, skill, 1);
            index_free_text(generator, skill, 1, SKILL_TEXT);
        }
        index_free_text(generator, str(posting->description), 1);

        document.add_boolean_term(COUNTRY + country);
        document.add_boolean_term(LANGUAGE + language);
        document.add_boolean_term(COMPANY + std::to_string(posting->company_id));
        document.add_boolean_term(std::string(REMOTE) + (posting->remote ? "1" : "0"));
        std::vector<std::string> types = split_list(str(posting->employment_types));
        for (const std::string &type : types) document.add_boolean_term(TYPE + type);
        add_list_terms(document, SKILL, skills);
        add_place(document, posting->city, posting->has_location, posting->latitude, posting->longitude);
        add_occupations(writer, document, title);

        document.add_value(SLOT_POSTED, Xapian::sortable_serialise(static_cast<double>(posting->posted_at)));
        document.add_boolean_term(POSTED_DAY + posted_day_key(posting->posted_at));
        document.add_value(SLOT_VALID, Xapian::sortable_serialise(static_cast<double>(posting->valid_through)));
        if (posting->has_salary) document.add_value(SLOT_SALARY, Xapian::sortable_serialise(posting->salary_top));
        document.add_value(SLOT_COMPANY, std::to_string(posting->company_id));
        document.add_value(SLOT_COMPANY_FACET, std::to_string(posting->company_id) + "\x1f" + company);
        PostingFacets facets;
        facets.remote = posting->remote != 0;
        for (const std::string &type : types) {
            for (unsigned i = 0; i < 8; ++i) {
                if (type == PostingFacets::TYPES[i]) facets.types |= static_cast<unsigned char>(1u << i);
            }
        }
        if (posting->has_salary) facets.salary_bucket = PostingFacets::bucket_of(posting->salary_top);
        facets.posted_at = posting->posted_at;
        facets.company_id = posting->company_id;
        facets.country = country;
        facets.language = language;
        facets.set_city(str(posting->city));
        document.add_value(SLOT_POSTING_FACETS, facets.encode());

        add_completions(document, TITLE_COMPLETION + language + ":", title);
        add_completions(document, COMPANY_COMPLETION, company);
        learn_spelling(writer->database, title);
        document.set_data(str(posting->data));
        writer->database.replace_document(ID + std::to_string(posting->id), document);
    });
}

extern "C" int pi_writer_add_profile(pi_writer *writer, const pi_profile *profile, pi_error *error) {
    return guarded(error, [&] {
        Xapian::Document document;
        const std::string language = str(profile->language), headline = str(profile->headline);
        const std::string country = str(profile->country);
        start_document(writer, document, profile->id, language);
        Xapian::TermGenerator &generator = writer->generator;
        index_free_text(generator, headline, 3);
        index_free_text(generator, headline, 1, TITLE_TEXT);
        std::vector<std::string> skills = split_list(str(profile->skills));
        for (const std::string &skill : skills) {
            index_free_text(generator, skill, 2);
            index_free_text(generator, skill, 1, SKILL_TEXT);
        }
        index_free_text(generator, str(profile->text), 1);

        document.add_boolean_term(COUNTRY + country);
        document.add_boolean_term(LANGUAGE + language);
        document.add_boolean_term(VISIBILITY + str(profile->visibility));
        if (profile->open_to_work) document.add_boolean_term(std::string(OPEN_TO_WORK) + "1");
        std::vector<std::string> employers;
        for (size_t i = 0; i < profile->current_company_count; ++i) {
            employers.push_back(std::to_string(profile->current_companies[i]));
            document.add_boolean_term(EMPLOYER + employers.back());
        }
        if (!employers.empty()) document.add_value(SLOT_EMPLOYERS, joined(employers));
        for (const std::string &destination : split_list(str(profile->relocate_to))) {
            document.add_boolean_term(RELOCATE + destination);
        }
        add_list_terms(document, SKILL, skills);
        add_place(document, profile->city, profile->has_location, profile->latitude, profile->longitude);
        add_occupations(writer, document, headline);

        document.add_value(SLOT_COUNTRY, country);
        document.add_value(SLOT_LANGUAGE, language);
        if (profile->city.length > 0) document.add_value(SLOT_CITY, str(profile->city));
        document.add_value(SLOT_OPEN_TO_WORK, profile->open_to_work ? "true" : "false");
        if (!skills.empty()) document.add_value(SLOT_SKILLS, joined(skills));
        learn_spelling(writer->database, headline);
        document.set_data(str(profile->data));
        writer->database.replace_document(ID + std::to_string(profile->id), document);
    });
}

extern "C" int pi_writer_delete(pi_writer *writer, int64_t id, pi_error *error) {
    return guarded(error, [&] { writer->database.delete_document(ID + std::to_string(id)); });
}

extern "C" int pi_writer_commit(pi_writer *writer, pi_bytes position, pi_error *error) {
    return guarded(error, [&] {
        writer->database.set_metadata(POSITION_KEY, str(position));
        writer->database.commit();
    });
}

namespace passerelle {
int64_t copy_position(const Xapian::Database &database, char *out, size_t capacity, pi_error *error) {
    int64_t length = -1;
    guarded(error, [&] {
        std::string position = database.get_metadata(POSITION_KEY);
        size_t copied = std::min(capacity, position.size());
        if (copied > 0) std::memcpy(out, position.data(), copied);
        length = static_cast<int64_t>(copied);
    });
    return length;
}
}  // namespace passerelle

extern "C" int64_t pi_writer_position(pi_writer *writer, char *out, size_t capacity, pi_error *error) {
    return copy_position(writer->database, out, capacity, error);
}

extern "C" uint64_t pi_writer_document_count(pi_writer *writer) {
    try {
        return writer->database.get_doccount();
    } catch (...) {
        return 0;
    }
}
