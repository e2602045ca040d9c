import Foundation

/// Builds the connections between members the way a professional network grows:
///
/// 1. colleagues: each company's employments, ordered by occupation group and start
///    date, are cut into teams whose members (with overlapping dates)
///    are densely connected;
/// 2. classmates: each school's graduates, by year and field, are cut into classes,
///    densely connected;
/// 3. the rest, by activity: each member has a heavy-tailed activity weight (Pareto
///    quantiles), starts that many random ties and receives ties in proportion to it
///    (Chung–Lu), mostly in its own city or country, some abroad, and often meets a
///    colleague or classmate of the new contact too. This gives the few members with
///    thousands of connections.
///
/// Groups are cut into small pieces before any pair is looked at: the work is linear in
/// the members, never quadratic in a company's size.
struct NetworkBuilder: Sendable {
    let configuration: GeneratorConfiguration
    let plan: MemberPlan
    let reference: ReferenceData

    /// The network's tuning: sizes, densities, shares. Chosen so that degrees, clustering
    /// and the share of ties across borders look like a real network's (see NetworkShape).
    enum Model {
        static let team = 15...36
        static let currentTeamDensity = 0.95
        static let pastTeamDensity = 0.15
        static let classSize = 14...32
        static let classDensity = 0.85
        static let introductions = 0.6
        static let activityExponent = 1.4
        static let maximumActivity = 1500.0
        static let tiesPerActivity = 0.6
        static let sameCityShare = 0.45
        static let abroadShare = 0.12
        /// Passerelle opened in 2004: no connection is older.
        static let launchDay = 12418
    }

    /// The connections, sorted by member pair, one word each (``PackedEdge``).
    func build() -> [UInt64] {
        var edges: [UInt64] = []
        edges.reserveCapacity(plan.count * 40)
        colleagues(into: &edges)
        classmates(into: &edges)
        PackedEdge.deduplicate(&edges)
        let groups = Adjacency(
            nodeCount: plan.count, pairs: edges.lazy.map { (PackedEdge.first($0), PackedEdge.second($0)) })
        activityTies(introducedBy: groups, into: &edges)
        PackedEdge.deduplicate(&edges)
        return edges
    }

    private var today: Int { configuration.today.daysSinceEpoch }

    /// A connection day: `day`, moved into the network's lifetime.
    private func connectionDay(_ day: Int, _ random: inout SeededRandom) -> Int {
        if day >= Model.launchDay { return min(day, today) }
        // Old colleagues and classmates found each other in the network's first years.
        return min(today, Model.launchDay + random.below(3 * 365))
    }

    // MARK: - Colleagues

    private func colleagues(into edges: inout [UInt64]) {
        let jobCount = plan.jobCompany.count
        var owner = [Int32](repeating: 0, count: jobCount)
        for member in 0..<plan.count {
            for job in plan.jobs(of: member) { owner[job] = Int32(member) }
        }
        // company (21 bits) | ISCO major group (4) | start (16 bits of days since 1950). Not the
        // city: members live where they live, the employer's sites are not modelled.
        var keys = [UInt64](repeating: 0, count: jobCount)
        for job in 0..<jobCount {
            let member = Int(owner[job])
            let major = reference.occupations.occupations[Int(plan.occupation[member])].majorGroup
            let start = UInt64(max(0, min(0xFFFF, Int(plan.jobStart[job]) + 7305)))
            keys[job] =
                UInt64(plan.jobCompany[job]) << 20 | UInt64(major) << 16 | start
        }
        var order = Array(0..<Int32(jobCount))
        order.sort { keys[Int($0)] < keys[Int($1)] || (keys[Int($0)] == keys[Int($1)] && $0 < $1) }

        var random = SeededRandom(seed: configuration.seed, stream: .network, index: 0)
        var companyStart = 0
        while companyStart < jobCount {
            // The company's employments, by occupation group then start date: a large
            // company's teams are of one trade and one period, a small company's mix them.
            let company = keys[Int(order[companyStart])] >> 20
            var companyEnd = companyStart
            while companyEnd < jobCount, keys[Int(order[companyEnd])] >> 20 == company { companyEnd += 1 }
            var teamStart = companyStart
            while teamStart < companyEnd {
                let teamEnd = min(companyEnd, teamStart + random.int(in: Model.team))
                for x in teamStart..<teamEnd {
                    for y in (x + 1)..<teamEnd {
                        link(Int(order[x]), Int(order[y]), owner: owner, &random, into: &edges)
                    }
                }
                teamStart = teamEnd
            }
            companyStart = companyEnd
        }
    }

    /// Connects the holders of two employments of one team when their dates overlap by a
    /// month: nearly always while both are there, seldom for a past job (people keep
    /// in touch with a few former colleagues).
    @inline(__always)
    private func link(_ x: Int, _ y: Int, owner: [Int32], _ random: inout SeededRandom, into edges: inout [UInt64]) {
        let a = Int(owner[x])
        let b = Int(owner[y])
        guard a != b else { return }
        let overlapStart = max(Int(plan.jobStart[x]), Int(plan.jobStart[y]))
        let overlapEnd = min(Int(plan.jobEnd[x]), Int(plan.jobEnd[y]), today)
        guard overlapEnd - overlapStart >= 30 else { return }
        let current = plan.jobEnd[x] == MemberPlan.current && plan.jobEnd[y] == MemberPlan.current
        guard random.chance(current ? Model.currentTeamDensity : Model.pastTeamDensity) else { return }
        let since = connectionDay(overlapStart + random.below(min(365, overlapEnd - overlapStart)), &random)
        edges.append(PackedEdge.make(a, b, since: since, strength: random.int(in: current ? 60...90 : 40...70)))
    }

    // MARK: - Classmates

    private func classmates(into edges: inout [UInt64]) {
        let entryCount = plan.school.count
        var owner = [Int32](repeating: 0, count: entryCount)
        for member in 0..<plan.count {
            for entry in plan.schools(of: member) { owner[entry] = Int32(member) }
        }
        // school (16 bits) | graduation year (8 bits from 1900) | field of study (4 bits).
        var keys = [UInt32](repeating: 0, count: entryCount)
        for entry in 0..<entryCount {
            let isco = reference.occupations.occupations[Int(plan.occupation[Int(owner[entry])])].isco
            let year = UInt32(max(0, min(255, Int(plan.schoolEndYear[entry]) - 1900)))
            keys[entry] = UInt32(plan.school[entry]) << 12 | year << 4 | UInt32(Phrasebook.fieldOfStudy(isco: isco))
        }
        var order = Array(0..<Int32(entryCount))
        order.sort { keys[Int($0)] < keys[Int($1)] || (keys[Int($0)] == keys[Int($1)] && $0 < $1) }

        var random = SeededRandom(seed: configuration.seed, stream: .network, index: 1)
        var schoolStart = 0
        while schoolStart < entryCount {
            let school = keys[Int(order[schoolStart])] >> 12
            var schoolEnd = schoolStart
            while schoolEnd < entryCount, keys[Int(order[schoolEnd])] >> 12 == school { schoolEnd += 1 }
            // Consecutive graduates (by year, then field) make a class: in a small data set a
            // class spans a few years, as alumni of neighbouring years know each other.
            var classStart = schoolStart
            while classStart < schoolEnd {
                let classEnd = min(schoolEnd, classStart + random.int(in: Model.classSize))
                for x in classStart..<classEnd {
                    let graduation = CalendarDateDays.june30(Int(keys[Int(order[x])] >> 4 & 0xFF) + 1900)
                    for y in (x + 1)..<classEnd where random.chance(Model.classDensity) {
                        tie(Int(owner[Int(order[x])]), Int(owner[Int(order[y])]), graduation, 40...70, &random, &edges)
                    }
                }
                classStart = classEnd
            }
            schoolStart = schoolEnd
        }
    }

    /// A classmates' tie, made in the last two years of study.
    private func tie(
        _ a: Int, _ b: Int, _ graduation: Int, _ strength: ClosedRange<Int>, _ random: inout SeededRandom,
        _ edges: inout [UInt64]
    ) {
        guard a != b else { return }
        let since = connectionDay(graduation - random.below(700), &random)
        edges.append(PackedEdge.make(a, b, since: since, strength: random.int(in: strength)))
    }

    // MARK: - Activity

    /// Chung–Lu ties over heavy-tailed activity weights. A new contact often introduces
    /// one of its colleagues or classmates (`groups`): a friend of a friend, which closes a
    /// triangle (Holme and Kim's triad formation).
    private func activityTies(introducedBy groups: Adjacency, into edges: inout [UInt64]) {
        let count = plan.count
        // Exact Pareto quantiles, dealt out by a shuffle: every run has the same tail.
        var ranks = Array(0..<Int32(count))
        var shuffler = SeededRandom(seed: configuration.seed, stream: .ranks, index: 0)
        shuffler.shuffle(&ranks)
        var weight = [Double](repeating: 0, count: count)
        for member in 0..<count {
            let quantile = (Double(ranks[member]) + 0.5) / Double(count)
            weight[member] = min(Model.maximumActivity, pow(quantile, -1 / Model.activityExponent))
        }
        // Members by city: a city's members, and a country's, are then contiguous.
        let cityCount = reference.cities.name.count
        var byCity = Array(0..<Int32(count))
        byCity.sort { plan.city[Int($0)] < plan.city[Int($1)] || (plan.city[Int($0)] == plan.city[Int($1)] && $0 < $1) }
        var cityStart = [Int](repeating: 0, count: cityCount + 1)
        for member in byCity { cityStart[Int(plan.city[Int(member)]) + 1] += 1 }
        for city in 0..<cityCount { cityStart[city + 1] += cityStart[city] }
        var cumulative = [Double](repeating: 0, count: count + 1)
        for position in 0..<count { cumulative[position + 1] = cumulative[position] + weight[Int(byCity[position])] }
        let countryRange: [Range<Int>] = reference.cities.byCountry.map { cities in
            guard let first = cities.min(), let last = cities.max() else { return 0..<0 }
            return cityStart[Int(first)]..<cityStart[Int(last) + 1]
        }

        func draw(in range: Range<Int>, _ random: inout SeededRandom) -> Int? {
            guard !range.isEmpty else { return nil }
            let low = cumulative[range.lowerBound]
            let target = low + random.unit() * (cumulative[range.upperBound] - low)
            var (lo, hi) = (range.lowerBound, range.upperBound - 1)
            while lo < hi {
                let middle = (lo + hi) / 2
                if cumulative[middle + 1] <= target { lo = middle + 1 } else { hi = middle }
            }
            return Int(byCity[lo])
        }

        var random = SeededRandom(seed: configuration.seed, stream: .network, index: 3)
        for member in 0..<count {
            let stubs = Int(weight[member] * Model.tiesPerActivity + random.unit())
            let city = Int(plan.city[member])
            let country = Int(plan.country[member])
            for _ in 0..<stubs {
                let roll = random.unit()
                let range: Range<Int>
                if roll < Model.abroadShare {
                    var other = MemberPlan.memberCountrySampler.draw(&random)
                    if other == country { other = (other + 1) % countryRange.count }
                    range = countryRange[other]
                } else if roll < Model.abroadShare + Model.sameCityShare, cityStart[city + 1] - cityStart[city] > 1 {
                    range = cityStart[city]..<cityStart[city + 1]
                } else {
                    range = countryRange[country]
                }
                guard let partner = draw(in: range, &random), partner != member else { continue }
                let since = today - random.below(max(1, today - Model.launchDay))
                edges.append(PackedEdge.make(member, partner, since: since, strength: random.int(in: 5...30)))
                if groups.degree(partner) > 0, random.chance(Model.introductions) {
                    let friend = Int(random.pick(groups.neighbours(partner)))
                    guard friend != member else { continue }
                    edges.append(PackedEdge.make(member, friend, since: since, strength: random.int(in: 10...35)))
                }
            }
        }
    }
}
