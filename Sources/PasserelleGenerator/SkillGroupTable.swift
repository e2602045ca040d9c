/// Which ESCO skill groups (skill_groups.tsv codes, matched as prefixes) an occupation
/// draws its skills from, by ISCO-08 sub-major group, for the occupations that
/// occupation_skills.tsv does not cover (it links only 91 ICT and media occupations).
/// Hand-written from the ISCO and ESCO group titles.
enum SkillGroupTable {
    static let bySubMajorGroup: [String: [String]] = [
        "01": ["K103", "S3.3", "S8.2"], "02": ["K103", "S3.3", "S8.2"], "03": ["K103", "S3.3", "S8.2"],
        "11": ["K0413", "S4.1", "S4.9", "S1.1"],
        "12": ["K0413", "K0414", "K0411", "S4.1", "S4.3", "S4.7"],
        "13": ["K0413", "K072", "K073", "S4.2", "S4.3"],
        "14": ["K101", "K0416", "S4.2", "S3.5"],
        "21": ["K071", "K053", "K054", "S2.7", "S2.5"],
        "22": ["K091", "S3.2"],
        "23": ["K011", "S1.3"],
        "24": ["K041", "K042", "S1.5", "S1.6"],
        "25": ["K061", "S5.1", "S5.2", "S5.5"],
        "26": ["K042", "K03", "K02", "S1.4"],
        "31": ["K071", "K072", "S2.8", "S8.6"],
        "32": ["K091", "S3.2", "S3.6"],
        "33": ["K041", "S4.4", "S1.6", "S2.6"],
        "34": ["K092", "K021", "K101", "S3.4"],
        "35": ["K061", "S5.2", "S5.6"],
        "41": ["K0415", "S4.4", "S2.2", "S5.6"],
        "42": ["S3.4", "S1.7", "K0416"],
        "43": ["K0411", "S2.6", "S6.1", "K104"],
        "44": ["K0322", "S2.2", "S4.4"],
        "51": ["K101", "S3.5", "S3.6"],
        "52": ["K0416", "S1.6"],
        "53": ["K092", "S3.6", "S3.1"],
        "54": ["K103", "S3.3"],
        "61": ["K081", "S6.4", "S6.9"], "62": ["K082", "K083", "S8.3"],
        "71": ["K073", "S7.1", "S7.2", "S7.3"],
        "72": ["K071", "S8.7", "S6.5", "S6.7"],
        "73": ["K0214", "K021", "S6.6"],
        "74": ["K071", "S8.8", "S7.2"],
        "75": ["K072", "S3.5", "S6.3"],
        "81": ["K072", "S8.5", "S8.4"], "82": ["S6.5", "K072"],
        "83": ["K104", "S8.1", "S8.2", "S8.3"],
        "91": ["K102", "S6.2"], "92": ["K081", "S6.4"], "93": ["S6.2", "S6.1", "K072"],
        "94": ["S3.5", "K101"], "95": ["S1.6", "S3.4"], "96": ["K102", "S6.2"],
    ]

    /// Groups every occupation may also draw a skill or two from: working with others,
    /// solving problems, digital collaboration.
    static let shared = ["S1.8", "S1.9", "S5.6"]
}
