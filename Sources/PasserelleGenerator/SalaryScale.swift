import PasserelleCore

/// Plausible pay for an offer: a yearly level per ISCO major group (France, in euros,
/// rounded from published averages), times the country's level in its own currency
/// (``CountryProfile/payFactor``), times seniority, expressed per year, month, day or
/// hour as the contract type usually says it.
enum SalaryScale {
    /// Gross yearly pay in France by ISCO major group, 0 (armed forces) to 9.
    static let frenchYearly: [Double] = [32000, 68000, 48000, 36000, 28000, 24500, 23500, 28500, 27500, 22500]
    /// By seniority: junior, confirmed, senior, lead.
    static let seniorityFactor: [Double] = [0.82, 1.0, 1.3, 1.65]

    /// The offer's pay range, or nil for a volunteer post.
    static func range(
        majorGroup: Int, country: Int, seniority: Int, type: EmploymentType, _ random: inout SeededRandom
    ) -> SalaryRange? {
        let profile = CountryProfile.all[country]
        let yearly =
            frenchYearly[majorGroup] * profile.payFactor * seniorityFactor[seniority] * random.double(in: 0.9...1.1)
        let (amount, period, rounding): (Double, SalaryRange.Period, Double)
        switch type {
        case .volunteer: return nil
        case .partTime: (amount, period, rounding) = (yearly / 1607, .hour, 0.5)
        case .perDiem: (amount, period, rounding) = (yearly / 218, .day, 5)
        case .intern: (amount, period, rounding) = (yearly * 0.35 / 12, .month, 10)
        case .temporary: (amount, period, rounding) = (yearly / 12, .month, 10)
        default: (amount, period, rounding) = (yearly, .year, profile.payRounding)
        }
        let minimum = (amount * 0.92 / rounding).rounded() * rounding
        let maximum = max(minimum, (amount * random.double(in: 1.08...1.3) / rounding).rounded() * rounding)
        return SalaryRange(minimum: minimum, maximum: maximum, currency: profile.currency, period: period)
    }
}
