import PasserelleCore
import Testing

@Suite("Company and school names, normalised")
struct NameNormalizerTests {
    @Test(
        "Accents, case, punctuation and trailing legal forms fold away",
        arguments: [
            ("Société Générale S.A.", "societe generale"),
            ("SOCIETE GENERALE", "societe generale"),
            ("Société-Générale", "societe generale"),
            ("L'Oréal", "loreal"),
            ("Müller & Söhne GmbH & Co. KG", "muller sohne"),
            ("Straßenbahn Zürich AG", "strassenbahn zurich"),
            ("Telefónica, S.L.U.", "telefonica"),
            ("  Acme   Ltd  ", "acme"),
            ("Ørsted", "orsted"),
            ("Œuvre Æther", "oeuvre aether"),
            ("INSA Toulouse", "insa toulouse"),
            ("阿里巴巴集团", "阿里巴巴集团"),
            ("3M", "3m"),
        ])
    func folds(name: String, expected: String) {
        #expect(NameNormalizer.normalize(name) == expected)
    }

    @Test("A name that is only a legal form keeps it, and punctuation alone gives an empty key")
    func edges() {
        #expect(NameNormalizer.normalize("SA") == "sa")
        #expect(NameNormalizer.normalize("Co. Ltd") == "co")
        #expect(NameNormalizer.normalize("...") == "")
    }

    @Test("Companies and educations derive their keys from their names")
    func derivedKeys() {
        #expect(Company(externalID: "sg", name: "Société Générale S.A.").normalizedName == "societe generale")
        #expect(
            Education(memberID: 1, institution: "École Polytechnique").normalizedInstitution == "ecole polytechnique")
    }
}
