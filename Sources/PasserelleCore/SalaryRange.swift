/// A posting's pay: schema.org's `baseSalary`, a `MonetaryAmount` whose value is a
/// `QuantitativeValue` with `minValue`, `maxValue` and `unitText`.
public struct SalaryRange: Hashable, Sendable, Codable {
    /// What the amounts are paid for (`unitText`).
    public enum Period: String, CaseIterable, Hashable, Sendable, Codable {
        case hour = "HOUR"
        case day = "DAY"
        case week = "WEEK"
        case month = "MONTH"
        case year = "YEAR"
    }

    public var minimum: Double?
    public var maximum: Double?
    /// ISO 4217, three upper-case letters (`EUR`).
    public var currency: String
    public var period: Period?

    public init(minimum: Double?, maximum: Double?, currency: String, period: Period? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.currency = currency
        self.period = period
    }

    /// Checks the amounts and the currency, reporting under `field` (`baseSalary`).
    public func validate(into validator: inout Validator, field: String) {
        validator.check(
            minimum != nil || maximum != nil, "\(field).value", "must give a minValue, a maxValue or both")
        for (amount, name) in [(minimum, "minValue"), (maximum, "maxValue")] {
            if let amount {
                validator.check(
                    amount >= 0 && amount.isFinite, "\(field).value.\(name)",
                    "must be a positive amount (got \(amount))")
            }
        }
        if let minimum, let maximum {
            validator.check(
                minimum <= maximum, "\(field).value.maxValue",
                "must not be less than minValue \(minimum) (got \(maximum))")
        }
        let isCurrencyCode =
            currency.utf8.count == 3
            && currency.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        validator.check(
            isCurrencyCode, "\(field).currency",
            "must be an ISO 4217 currency code of three upper-case letters, like EUR (got \"\(currency)\")")
    }
}
