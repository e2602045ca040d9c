#ifndef PASSERELLE_INDEXING_THESAURUS_H
#define PASSERELLE_INDEXING_THESAURUS_H

#include "internal.h"

#include <map>
#include <set>

namespace passerelle {

class Thesaurus {
  public:
    void add(const std::string &occupation, const std::string &language, char gender, const std::string &title);
    void finish();
    /// The occupation terms (XO...) of the thesaurus titles that `title` holds.
    std::vector<std::string> occupations_in(const std::string &title) const;
    /// Replaces the database's synonyms with the thesaurus's, when they differ, and commits.
    void write_synonyms(Xapian::WritableDatabase &database) const;

  private:
    struct Title {
        std::string occupation, language;
        char gender;
        std::string key;  // normalised
    };
    std::vector<Title> titles;
    std::map<std::string, std::set<std::string>> synonyms;
    std::map<std::string, std::set<std::string>> occupations;  // normalised title -> XO terms
    size_t longest_key_words = 1;
    std::string fingerprint;
};

const Thesaurus *thesaurus_of(const pi_thesaurus *handle);

}  // namespace passerelle

#endif
