import Foundation
import PasserelleCore
import PasserelleGenerator
import Testing

@Suite struct GeneratorDataSetTests {
    @Test func tenThousandMembersDecodeAndLookLikeAProfessionalNetwork() throws {
        try GeneratorFixture.generate(members: 10_000, postings: 1_000, seed: 1) { directory, report in
            // Profiles: every line decodes; the members' ids and countries.
            let profiles = try GeneratorFixture.parallelMap(
                try GeneratorFixture.lines(directory.appendingPathComponent(Generator.profilesFile))
            ) { line in try ResumeFormat.decode(line) }
            var index: [String: Int] = [:]
            var countries: [UInt8] = []
            for record in profiles {
                index[record.member.externalID] = countries.count
                countries.append(UInt8(Country.jobSpaces.firstIndex(of: record.member.country) ?? 99))
                #expect(record.work.count >= 1 && record.work.count <= 5)
                #expect(record.work.filter { $0.endDate == nil }.count == 1)
                #expect(record.education.count >= 1 && record.education.count <= 2)
            }
            #expect(countries.count == 10_000)

            // Postings: every line decodes; every employment type occurs.
            var postings: Set<String> = []
            var types: Set<EmploymentType> = []
            var expired = 0
            var remote = 0
            let jobs = try GeneratorFixture.parallelMap(
                try GeneratorFixture.lines(directory.appendingPathComponent(Generator.jobsFile))
            ) { line in try JobPostingFormat.decode(line, today: GeneratorFixture.today) }
            for record in jobs {
                postings.insert("\(record.company.externalID ?? "")/\(record.posting.requisitionID)")
                types.formUnion(record.posting.employmentTypes)
                if record.posting.isExpired(at: GeneratorFixture.today.startOfDayUTC) { expired += 1 }
                if record.posting.remote { remote += 1 }
            }
            #expect(postings.count == 1_000)
            #expect(types == Set(EmploymentType.allCases))
            #expect(expired > 0 && expired < 1_000)
            #expect(remote > 0)

            // Connections: header, every line decodes and names two generated members.
            let lines = try GeneratorFixture.lines(directory.appendingPathComponent(Generator.connectionsFile))
            #expect(ConnectionsCSV.isHeader(lines[0]))
            let members = index
            let pairs = try GeneratorFixture.parallelMap(Array(lines.dropFirst())) { line in
                let record = try ConnectionsCSV.decode(line)
                guard let a = members[record.memberA], let b = members[record.memberB] else {
                    throw UnknownMember(line: String(decoding: line, as: UTF8.self))
                }
                return (a, b)
            }

            let shape = NetworkShape(countries: countries, connections: pairs)
            #expect(shape == report.network)
            #expect((30...60).contains(shape.medianDegree), "\(shape)")
            #expect(Double(shape.maximumDegree) >= 10 * shape.medianDegree, "\(shape)")
            #expect((0.2...0.6).contains(shape.averageClustering), "\(shape)")
            #expect(shape.inCountryShare >= 0.8, "\(shape)")

            // Fits: existing postings and members.
            let fits = try GeneratorFixture.lines(directory.appendingPathComponent(Generator.fitsFile))
            #expect(fits.count >= 20)
            for line in fits {
                let fit = try JSONDecoder().decode(FitRecord.self, from: Data(line))
                #expect(postings.contains("\(fit.company)/\(fit.requisitionID)"))
                #expect(!fit.members.isEmpty && fit.members.allSatisfy { index[$0] != nil })
            }
        }
    }

    /// A connection that names a member the profiles do not have.
    struct UnknownMember: Error {
        let line: String
    }
}
