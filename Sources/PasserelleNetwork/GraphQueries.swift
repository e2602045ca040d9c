/// The graph's questions, answered over one snapshot with a borrowed scratch.
/// A member who hides its connections, hides its profile or was erased is never
/// a way through (``GraphSnapshot/isWayThrough(_:)``); the last two are never in
/// an answer to someone else.
extension GraphSnapshot {
    /// Marks `viewer`'s neighbours with 1 and the members two steps away through
    /// a neighbour that is a way through with 2, each with its best parent and
    /// the product of the strengths on the way.
    func markTwoSteps(from viewer: UInt32, in scratch: Scratch) {
        scratch.mark(viewer, 3, parent: viewer, score: 1)
        forEachNeighbour(of: viewer) { neighbour, strength in
            scratch.mark(neighbour, 1, parent: viewer, score: TieStrength.value(strength))
        }
        forEachNeighbour(of: viewer) { first, _ in
            guard isWayThrough(first) else { return }
            let base = scratch.score(of: first)
            forEachNeighbour(of: first) { second, strength in
                let score = base * TieStrength.value(strength)
                switch scratch.mark(of: second) {
                case 0: scratch.mark(second, 2, parent: first, score: score)
                case 2 where score > scratch.score(of: second): scratch.mark(second, 2, parent: first, score: score)
                default: break
                }
            }
        }
    }

    /// The distance from `viewer` to each of `targets` (1, 2, 3; 0 for the viewer
    /// itself; nil beyond the 3rd degree, or for members not shown).
    func distances(from viewer: UInt32, to targets: [UInt32?], in scratch: Scratch) -> [Int?] {
        markTwoSteps(from: viewer, in: scratch)
        return targets.map { target in
            guard let target else { return nil }
            if target == viewer { return 0 }
            guard isShown(target) else { return nil }
            switch scratch.mark(of: target) {
            case 1: return 1
            case 2: return 2
            default: break
            }
            // Meet in the middle: one step back from the target onto the viewer's 2nd degree.
            var found = false
            forEachNeighbour(of: target) { neighbour, _ in
                if !found && scratch.mark(of: neighbour) == 2 && isWayThrough(neighbour) { found = true }
            }
            return found ? 3 : nil
        }
    }

    /// The strongest of the shortest paths from `viewer` to `target` within 3 steps.
    func path(from viewer: UInt32, to target: UInt32, in scratch: Scratch) -> NetworkPath? {
        guard target != viewer else { return NetworkPath(members: [id(of: viewer)], strength: 1) }
        guard isShown(target) else { return nil }
        markTwoSteps(from: viewer, in: scratch)
        switch scratch.mark(of: target) {
        case 1:
            return NetworkPath(members: [id(of: viewer), id(of: target)], strength: scratch.score(of: target))
        case 2:
            let middle = scratch.parent(of: target)
            return NetworkPath(
                members: [id(of: viewer), id(of: middle), id(of: target)], strength: scratch.score(of: target))
        default:
            var best: (node: UInt32, score: Float)?
            forEachNeighbour(of: target) { neighbour, strength in
                guard scratch.mark(of: neighbour) == 2, isWayThrough(neighbour) else { return }
                let score = scratch.score(of: neighbour) * TieStrength.value(strength)
                if score > best?.score ?? -1 { best = (neighbour, score) }
            }
            guard let best else { return nil }
            return NetworkPath(
                members: [id(of: viewer), id(of: scratch.parent(of: best.node)), id(of: best.node), id(of: target)],
                strength: best.score)
        }
    }

    /// Up to `limit` ways from `member` to current employees of `company`, one per
    /// employee: 1st-degree employees first, then 2nd-degree ones through the
    /// strongest contact; by strength within each degree, then by employee id.
    func referralPaths(from member: UInt32, to company: Int64, limit: Int, in scratch: Scratch) -> [ReferralPath] {
        var paths: [ReferralPath] = []
        scratch.mark(member, 3, parent: member, score: 1)
        forEachNeighbour(of: member) { neighbour, strength in
            scratch.mark(neighbour, 1, parent: member, score: TieStrength.value(strength))
            if isShown(neighbour) && worksFor(neighbour, company) {
                paths.append(
                    ReferralPath(employee: id(of: neighbour), intermediary: nil, strength: TieStrength.value(strength)))
            }
        }
        // The best contact for each 2nd-degree employee.
        var introductions: [UInt32: (through: UInt32, score: Float)] = [:]
        forEachNeighbour(of: member) { contact, _ in
            guard isWayThrough(contact) else { return }
            let base = scratch.score(of: contact)
            forEachNeighbour(of: contact) { employee, strength in
                guard scratch.mark(of: employee) == 0, isShown(employee), worksFor(employee, company) else { return }
                let score = base * TieStrength.value(strength)
                if score > introductions[employee]?.score ?? -1 { introductions[employee] = (contact, score) }
            }
        }
        let ordering: (ReferralPath, ReferralPath) -> Bool = {
            ($0.degree, -$0.strength, $0.employee) < ($1.degree, -$1.strength, $1.employee)
        }
        paths.sort(by: ordering)
        if paths.count < limit {
            let second = introductions.map { employee, way in
                ReferralPath(employee: id(of: employee), intermediary: id(of: way.through), strength: way.score)
            }
            paths += second.sorted(by: ordering).prefix(limit - paths.count)
        }
        return Array(paths.prefix(limit))
    }

    /// How `candidates` are reached from the current employees of `company`,
    /// within 2 degrees; the company's own employees, members not shown and
    /// members out of reach are left out. Employees and contacts who hide their
    /// connections bridge nobody.
    func talentLinks(of company: Int64, candidates: [UInt32], in scratch: Scratch) -> [UInt32: TalentLink] {
        // 1: an employee who may bridge; 2: a member who knows one, with the strongest such employee.
        for employee in employees(of: company) where isWayThrough(employee) {
            scratch.mark(employee, 1, parent: employee, score: 1)
        }
        for employee in employees(of: company) where isWayThrough(employee) {
            forEachNeighbour(of: employee) { neighbour, strength in
                let score = TieStrength.value(strength)
                switch scratch.mark(of: neighbour) {
                case 0: scratch.mark(neighbour, 2, parent: employee, score: score)
                case 2 where score > scratch.score(of: neighbour):
                    scratch.mark(neighbour, 2, parent: employee, score: score)
                default: break
                }
            }
        }
        var links: [UInt32: TalentLink] = [:]
        for candidate in candidates where isShown(candidate) && !worksFor(candidate, company) {
            var bridges: [TalentLink.Bridge] = []
            forEachNeighbour(of: candidate) { neighbour, strength in
                let tie = TieStrength.value(strength)
                switch scratch.mark(of: neighbour) {
                case 1:
                    bridges.append(TalentLink.Bridge(employee: id(of: neighbour), through: nil, strength: tie))
                case 2 where isWayThrough(neighbour):
                    bridges.append(
                        TalentLink.Bridge(
                            employee: id(of: scratch.parent(of: neighbour)), through: id(of: neighbour),
                            strength: tie * scratch.score(of: neighbour)))
                default: break
                }
            }
            guard !bridges.isEmpty else { continue }
            bridges.sort { ($0.degree, -$0.strength, $0.employee) < ($1.degree, -$1.strength, $1.employee) }
            links[candidate] = TalentLink(
                candidate: id(of: candidate), degree: bridges[0].degree,
                bridges: Array(bridges.prefix(TalentLink.maximumBridges)))
        }
        return links
    }

    /// How close `viewer` is to the current employees of each of `companies`.
    func closeness(of viewer: UInt32, to companies: [Int64], in scratch: Scratch) -> [Int64: CompanyCloseness] {
        markTwoSteps(from: viewer, in: scratch)
        var answers: [Int64: CompanyCloseness] = [:]
        for company in Set(companies) {
            var known = 0
            var best: Int?
            let staff = employees(of: company)
            for employee in staff where employee != viewer && isShown(employee) {
                switch scratch.mark(of: employee) {
                case 1:
                    known += 1
                    best = 1
                case 2: best = min(best ?? 2, 2)
                default: break
                }
            }
            if best == nil {
                third: for employee in staff where employee != viewer && isShown(employee) {
                    var found = false
                    forEachNeighbour(of: employee) { neighbour, _ in
                        if !found && scratch.mark(of: neighbour) == 2 && isWayThrough(neighbour) { found = true }
                    }
                    if found {
                        best = 3
                        break third
                    }
                }
            }
            answers[company] = CompanyCloseness(peopleYouKnow: known, bestDegree: best)
        }
        return answers
    }

    /// The companies where `viewer` knows someone: its connections' current employers.
    func knownCompanies(of viewer: UInt32) -> [Int64] {
        var companies: Set<Int64> = []
        forEachNeighbour(of: viewer) { neighbour, _ in
            if isShown(neighbour) { companies.formUnion(employers(of: neighbour)) }
        }
        return companies.sorted()
    }
}
