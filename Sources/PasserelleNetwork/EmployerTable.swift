/// Who works where now (employments without an end date), both ways: the
/// companies of a member index, and the member indices of a company. Immutable;
/// the graph's delta holds the members whose employers changed since.
final class EmployerTable: Sendable {
    private let memberOffsets: [UInt32]
    private let memberCompanies: [Int64]
    private let companies: [Int64: [UInt32]]

    /// `pairs`: (member index, company id), in any order, duplicates allowed.
    init(memberCount: Int, pairs: [(member: UInt32, company: Int64)]) {
        var offsets = [UInt32](repeating: 0, count: memberCount + 1)
        for pair in pairs { offsets[Int(pair.member) + 1] += 1 }
        for member in 0..<memberCount { offsets[member + 1] += offsets[member] }
        var cursor = Array(offsets.dropLast())
        var companiesOfMembers = [Int64](repeating: 0, count: pairs.count)
        var byCompany: [Int64: [UInt32]] = [:]
        for pair in pairs {
            companiesOfMembers[Int(cursor[Int(pair.member)])] = pair.company
            cursor[Int(pair.member)] += 1
            byCompany[pair.company, default: []].append(pair.member)
        }
        memberOffsets = offsets
        memberCompanies = companiesOfMembers
        companies = byCompany.mapValues { Array(Set($0)).sorted() }
    }

    func employers(of member: UInt32) -> ArraySlice<Int64> {
        guard Int(member) + 1 < memberOffsets.count else { return [] }
        return memberCompanies[Int(memberOffsets[Int(member)])..<Int(memberOffsets[Int(member) + 1])]
    }

    func employees(of company: Int64) -> [UInt32] { companies[company] ?? [] }

    var memoryFootprint: Int {
        memberOffsets.count * 4 + memberCompanies.count * 8 + companies.reduce(0) { $0 + 48 + $1.value.count * 4 }
    }
}
